/* test-cli-status-pages.c
 *
 * An incident's life published by candor-cli to an Atlassian Statuspage
 * page and a Cachet installation, fakes of both: every message of one
 * incident lands in one incident on each.
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "candor-fake-cachet.h"
#include "candor-fake-statuspage.h"
#include "candor-test-cli.h"

#define PLANTED "pq4Planted8Secret"

static void
add_channel (const char *secret, const char *kind, const char *name, ...)
{
  g_auto (CandorTestCliRun) run = { 0 };
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  va_list     settings;
  const char *setting;

  /* candor_test_cli_run takes its arguments as a list: at most three
   * settings are enough here. */
  va_start (settings, name);
  while ((setting = va_arg (settings, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer)setting);
  va_end (settings);
  g_ptr_array_add (args, NULL);
  g_assert_cmpuint (args->len, <=, 4);
  g_ptr_array_set_size (args, 4);

  candor_test_cli_run (&run, secret, "channels", "add", kind, name, args->pdata[0], args->pdata[1],
                       args->pdata[2], NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
}

/* A draft of update @update_id of incident "payments-down", to both channels. */
static char *
write_draft (const char *update_id, const char *kind, const char *state, const char *text)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("draft-%s.json", update_id);
  char            *path;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "candor-draft");
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);

  json_builder_set_member_name (builder, "incident");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, "payments-down");
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, "Card payments failing");
  json_builder_set_member_name (builder, "severity");
  json_builder_add_string_value (builder, "critical");
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, state);
  json_builder_set_member_name (builder, "started-at");
  json_builder_add_string_value (builder, "2026-12-05T09:00:00Z");
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "update");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, update_id);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, kind);
  json_builder_set_member_name (builder, "impact-now");
  json_builder_add_string_value (builder, text);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "audiences");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, "customers");
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, "Customers");
  json_builder_set_member_name (builder, "channels");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, "public-status");
  json_builder_add_string_value (builder, "cachet");
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  g_assert_no_errno (g_mkdir_with_parents (g_get_user_config_dir (), 0700));
  path = g_build_filename (g_get_user_config_dir (), name, NULL);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_to_file (generator, path, &error);
  g_assert_no_error (error);

  return path;
}

/* Publishes the draft and returns each channel's link, both sent. */
static void
publish (const char *draft, char **statuspage_url, char **cachet_url)
{
  g_auto (CandorTestCliRun) run = { 0 };
  g_autofree char *option = g_strconcat ("--draft=", draft, NULL);
  g_auto (GStrv) lines = NULL;

  candor_test_cli_run (&run, NULL, "publish", option, "--json", NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.out, PLANTED));

  lines = g_strsplit (g_strchomp (run.out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr (JsonNode) node = json_from_string (lines[i], NULL);
      JsonObject *publication = json_node_get_object (node);
      const char *channel = json_object_get_string_member (publication, "channel");

      g_assert_cmpstr (json_object_get_string_member (publication, "state"), ==, "sent");
      if (g_str_equal (channel, "public-status"))
        *statuspage_url = g_strdup (json_object_get_string_member (publication, "url"));
      else
        *cachet_url = g_strdup (json_object_get_string_member (publication, "url"));
    }
}

static void
test_incident_life (void)
{
  const char *const components[] = { "cmp1", NULL };
  const guint       cachet_components[] = { 5 };
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorFakeStatuspage) statuspage =
    candor_fake_statuspage_new (NULL, PLANTED, "pg1", components, &error);
  g_autoptr (CandorFakeCachet) cachet = NULL;
  g_autofree char *api_url = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  char            *statuspage_url[3] = { NULL };
  char            *cachet_url[3] = { NULL };
  JsonObject      *incident;
  GPtrArray       *sent;

  g_assert_no_error (error);
  cachet = candor_fake_cachet_new (NULL, PLANTED, cachet_components, 1, &error);
  g_assert_no_error (error);

  api_url = g_strconcat (
    "--set=api-url=", candor_fake_server_get_url (CANDOR_FAKE_SERVER (statuspage)), NULL);
  base_url =
    g_strconcat ("--set=base-url=", candor_fake_server_get_url (CANDOR_FAKE_SERVER (cachet)), NULL);
  add_channel (PLANTED, "statuspage", "Public status", "--set=page-id=pg1",
               "--set=component-ids=cmp1", api_url, NULL);
  add_channel (PLANTED, "cachet", "Cachet", base_url, "--set=component-id=5", NULL);

  first = write_draft ("u1", "initial", "investigating", "Card payments fail for everyone.");
  second = write_draft ("u2", "progress", "identified", "The cause is a failed database node.");
  third = write_draft ("u3", "resolution", "resolved", "Card payments work again since 10:40.");

  publish (first, &statuspage_url[0], &cachet_url[0]);
  publish (second, &statuspage_url[1], &cachet_url[1]);
  publish (third, &statuspage_url[2], &cachet_url[2]);

  /* One incident on each, every message of it there, and resolved. */
  g_assert_cmpuint (candor_fake_statuspage_get_n_incidents (statuspage), ==, 1);
  sent = candor_fake_server_get_accepted (CANDOR_FAKE_SERVER (statuspage));
  g_assert_cmpuint (sent->len, ==, 3);
  g_assert_cmpstr (
    json_object_get_string_member (json_node_get_object (g_ptr_array_index (sent, 0)), "status"),
    ==, "investigating");
  g_assert_cmpstr (
    json_object_get_string_member (json_node_get_object (g_ptr_array_index (sent, 1)), "status"),
    ==, "identified");
  g_assert_cmpstr (
    json_object_get_string_member (json_node_get_object (g_ptr_array_index (sent, 2)), "status"),
    ==, "resolved");
  g_assert_cmpstr (candor_fake_statuspage_get_component_status (statuspage, "cmp1"), ==,
                   "operational");
  g_assert_true (g_str_has_prefix (statuspage_url[0], "https://stspg.io/"));
  g_assert_cmpstr (statuspage_url[1], ==, statuspage_url[0]);
  g_assert_cmpstr (statuspage_url[2], ==, statuspage_url[0]);
  incident = json_node_get_object (g_ptr_array_index (sent, 0));
  g_assert_nonnull (
    strstr (json_object_get_string_member (incident, "body"), "Card payments fail for everyone."));

  g_assert_cmpuint (candor_fake_cachet_get_n_incidents (cachet), ==, 1);
  g_assert_cmpuint (candor_fake_cachet_get_n_updates (cachet, 1), ==, 2);
  g_assert_cmpint (candor_fake_cachet_get_incident_status (cachet, 1), ==, 4);
  g_assert_cmpint (candor_fake_cachet_get_component_status (cachet, 5), ==, 1);
  g_assert_true (g_str_has_suffix (cachet_url[0], "/incidents/1"));
  g_assert_cmpstr (cachet_url[2], ==, cachet_url[0]);

  for (guint i = 0; i < 3; i++)
    {
      g_free (statuspage_url[i]);
      g_free (cachet_url[i]);
    }
}

int
main (int argc, char *argv[])
{
  /* As test-cli-publish: no system proxy resolver in the isolated folders. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_log_writer_default_set_use_stderr (TRUE);

  g_test_add_func ("/cli/status-pages/incident-life", test_incident_life);

  return g_test_run ();
}
