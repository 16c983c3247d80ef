/* test-cli-channels.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "candor-test-cli.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsecret/secret.h>
#include <string.h>

#include "candor-fake-mattermost.h"
#include "candor-secrets.h"

/* Recognisable wherever it would leak to. */
#define PLANTED "hk7Planted9Secret"

static void
got_result (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

/* The secret the keyring holds for @channel_id, read as the app reads it. */
static char *
keyring_secret (const char *channel_id)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  char *secret;

  candor_secrets_lookup_async (channel_id, NULL, got_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  secret = candor_secrets_lookup_finish (result, &error);
  g_assert_no_error (error);
  return secret;
}

static void
assert_no_secret (const CandorTestCliRun *run)
{
  g_assert_null (strstr (run->out, PLANTED));
  g_assert_null (strstr (run->err, PLANTED));
}

static void
test_add_list_remove (void)
{
  g_auto (CandorTestCliRun) empty = { 0 };
  g_auto (CandorTestCliRun) add = { 0 };
  g_auto (CandorTestCliRun) again = { 0 };
  g_auto (CandorTestCliRun) list = { 0 };
  g_auto (CandorTestCliRun) json = { 0 };
  g_auto (CandorTestCliRun) removed = { 0 };
  g_auto (CandorTestCliRun) after = { 0 };
  g_auto (CandorTestCliRun) twice = { 0 };
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  const char *url = "https://mattermost.example.com/hooks/" PLANTED;
  char       *secret;
  JsonArray  *channels;
  JsonObject *first;

  candor_test_cli_run (&empty, NULL, "channels", "list", NULL);
  g_assert_cmpint (empty.status, ==, 0);
  g_assert_cmpstr (empty.out, ==, "");

  /* The webhook URL is the secret: it comes on standard input, newline and all. */
  candor_test_cli_run (&add, "https://mattermost.example.com/hooks/" PLANTED "\n", "channels",
                       "add", "mattermost", "Ops chat", NULL);
  g_assert_cmpint (add.status, ==, 0);
  g_assert_cmpstr (add.out, ==, "ops-chat\n");
  g_assert_cmpstr (add.err, ==, "");
  secret = keyring_secret ("ops-chat");
  g_assert_cmpstr (secret, ==, url);
  secret_password_free (secret);

  candor_test_cli_run (&again, "", "channels", "add", "plain", "Ops chat", NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_cmpstr (again.out, ==, "ops-chat-2\n");

  candor_test_cli_run (&list, NULL, "channels", "list", NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_cmpstr (list.out, ==,
                   "ops-chat\tmattermost\tOps chat\t\t\n"
                   "ops-chat-2\tplain\tOps chat\t\t\n");
  assert_no_secret (&list);

  candor_test_cli_run (&json, NULL, "channels", "list", "--json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  assert_no_secret (&json);
  json_parser_load_from_data (parser, json.out, -1, &error);
  g_assert_no_error (error);
  channels = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (channels), ==, 2);
  first = json_array_get_object_element (channels, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "id"), ==, "ops-chat");
  g_assert_cmpstr (json_object_get_string_member (first, "kind"), ==, "mattermost");

  /* Removing the channel removes its secret from the keyring too. */
  candor_test_cli_run (&removed, NULL, "channels", "remove", "ops-chat", NULL);
  g_assert_cmpint (removed.status, ==, 0);
  g_assert_null (keyring_secret ("ops-chat"));
  candor_test_cli_run (&after, NULL, "channels", "list", NULL);
  g_assert_cmpstr (after.out, ==, "ops-chat-2\tplain\tOps chat\t\t\n");

  candor_test_cli_run (&twice, NULL, "channels", "remove", "ops-chat", NULL);
  g_assert_cmpint (twice.status, ==, 2);
  g_assert_nonnull (strstr (twice.err, "no channel 'ops-chat'"));
}

static void
test_settings (void)
{
  g_auto (CandorTestCliRun) add = { 0 };
  g_auto (CandorTestCliRun) list = { 0 };

  candor_test_cli_run (&add, "", "channels", "add", "email", "Customers", "--id=customers", "--set",
                       "from=Status <status@example.com>", "--set=to=all@example.com", NULL);
  g_assert_cmpint (add.status, ==, 0);
  g_assert_cmpstr (add.out, ==, "customers\n");

  candor_test_cli_run (&list, NULL, "channels", "list", NULL);
  g_assert_cmpstr (list.out, ==,
                   "customers\temail\tCustomers\t"
                   "from=Status <status@example.com> to=all@example.com\t\n");
}

/* A channel speaks a language (a Russian Telegram channel, an English
 * Slack) or, without one, whatever its audience reads; set keeps the
 * secret. */
static void
test_language (void)
{
  g_auto (CandorTestCliRun) add = { 0 };
  g_auto (CandorTestCliRun) list = { 0 };
  g_auto (CandorTestCliRun) json = { 0 };
  g_auto (CandorTestCliRun) set = { 0 };
  g_auto (CandorTestCliRun) after = { 0 };
  g_auto (CandorTestCliRun) unset = { 0 };
  g_auto (CandorTestCliRun) unset_list = { 0 };
  g_auto (CandorTestCliRun) bad = { 0 };
  g_auto (CandorTestCliRun) nothing = { 0 };
  g_autoptr (JsonNode) root = NULL;
  char *secret;

  candor_test_cli_run (&add, "https://chat.example.com/hooks/" PLANTED, "channels", "add",
                       "mattermost", "Чат поддержки", "--id=support-ru", "--language=ru", NULL);
  g_assert_cmpint (add.status, ==, 0);
  g_assert_cmpstr (add.out, ==, "support-ru\n");

  candor_test_cli_run (&list, NULL, "channels", "list", NULL);
  g_assert_cmpstr (list.out, ==, "support-ru\tmattermost\tЧат поддержки\t\tru\n");
  candor_test_cli_run (&json, NULL, "channels", "list", "--json", NULL);
  root = json_from_string (json.out, NULL);
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_node_get_array (root), 0), "language"),
                   ==, "ru");

  candor_test_cli_run (&set, NULL, "channels", "set", "support-ru", "--language", "en", NULL);
  g_assert_cmpint (set.status, ==, 0);
  g_assert_cmpstr (set.err, ==, "");
  candor_test_cli_run (&after, NULL, "channels", "list", NULL);
  g_assert_cmpstr (after.out, ==, "support-ru\tmattermost\tЧат поддержки\t\ten\n");
  secret = keyring_secret ("support-ru");
  g_assert_cmpstr (secret, ==, "https://chat.example.com/hooks/" PLANTED);
  secret_password_free (secret);

  /* Empty: the channel speaks its audience's language again. */
  candor_test_cli_run (&unset, NULL, "channels", "set", "support-ru", "--language=", NULL);
  g_assert_cmpint (unset.status, ==, 0);
  candor_test_cli_run (&unset_list, NULL, "channels", "list", NULL);
  g_assert_cmpstr (unset_list.out, ==, "support-ru\tmattermost\tЧат поддержки\t\t\n");

  candor_test_cli_run (&bad, NULL, "channels", "set", "support-ru", "--language=Russian", NULL);
  g_assert_cmpint (bad.status, ==, 2);
  g_assert_true (g_str_has_prefix (bad.err, "candor-cli: invalid language 'Russian' for "
                                            "'--language': give a language tag such as en, ru or "
                                            "de\n"));
  candor_test_cli_run (&nothing, NULL, "channels", "set", "support-ru", NULL);
  g_assert_cmpint (nothing.status, ==, 2);
  g_assert_true (
    g_str_has_prefix (nothing.err, "candor-cli: nothing to change: give --set or --language\n"));
}

/* A secret on the command line is already in the shell's history: it is
 * refused, never repeated, and nothing is saved. */
static void
test_secret_on_command_line (void)
{
  const char *const secrets[] = { "token=" PLANTED, "password=" PLANTED, "webhook_url=" PLANTED };

  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    {
      g_auto (CandorTestCliRun) run = { 0 };
      g_auto (CandorTestCliRun) list = { 0 };

      candor_test_cli_run (&run, "", "channels", "add", "slack", "Ops", "--set", secrets[i], NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_nonnull (strstr (run.err, "secrets are read from standard input"));
      assert_no_secret (&run);

      candor_test_cli_run (&list, NULL, "channels", "list", NULL);
      g_assert_cmpstr (list.out, ==, "");
    }
}

static void
test_usage_errors (void)
{
  const struct
  {
    const char *args[6];
    const char *message;
  } cases[] = {
    { { NULL }, "missing subcommand" },
    { { "rename", NULL }, "'rename' is not a subcommand" },
    { { "add", NULL }, "missing KIND" },
    { { "add", "slack", NULL }, "missing NAME" },
    { { "add", "pigeon", "Ops", NULL }, "invalid kind 'pigeon'" },
    { { "add", "email", "Ops", "--set=colour=red", NULL }, "has no setting 'colour'" },
    { { "add", "email", "Ops", "--set=from", NULL }, "--set takes KEY=VALUE" },
    { { "remove", NULL }, "missing ID" },
    { { "test", "nowhere", NULL }, "no channel 'nowhere'" },
    { { "list", "extra", NULL }, "extra operand 'extra'" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (CandorTestCliRun) run = { 0 };

      candor_test_cli_run (&run, "", "channels", cases[i].args[0], cases[i].args[1],
                           cases[i].args[2], cases[i].args[3], cases[i].args[4], NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_nonnull (strstr (run.err, cases[i].message));
    }
}

static void
test_help (void)
{
  g_auto (CandorTestCliRun) run = { 0 };
  g_auto (CandorTestCliRun) top = { 0 };

  candor_test_cli_run (&run, NULL, "channels", "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "add KIND NAME"));
  g_assert_nonnull (strstr (run.out, "standard input"));

  candor_test_cli_run (&top, NULL, "--help", NULL);
  g_assert_nonnull (strstr (top.out, "channels"));
  g_assert_nonnull (strstr (top.out, "publish"));
}

static void
test_connection (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorFakeMattermost) fake = candor_fake_mattermost_new (NULL, PLANTED, &error);
  g_autofree char *url = NULL;
  g_autofree char *wrong = NULL;
  g_auto (CandorTestCliRun) add = { 0 };
  g_auto (CandorTestCliRun) tested = { 0 };
  g_auto (CandorTestCliRun) add_wrong = { 0 };
  g_auto (CandorTestCliRun) refused = { 0 };

  g_assert_no_error (error);
  url = candor_fake_mattermost_get_webhook_url (fake);
  wrong = g_strdup_printf ("%s/hooks/not%s", candor_fake_server_get_url (CANDOR_FAKE_SERVER (fake)),
                           PLANTED);

  candor_test_cli_run (&add, url, "channels", "add", "mattermost", "Ops", NULL);
  g_assert_cmpint (add.status, ==, 0);
  candor_test_cli_run (&tested, NULL, "channels", "test", "ops", NULL);
  g_assert_cmpint (tested.status, ==, 0);
  g_assert_cmpstr (tested.err, ==, "");
  g_assert_nonnull (strstr (tested.out, "ops: "));
  assert_no_secret (&tested);

  /* A webhook the service does not know: 1, and the service's own words. */
  candor_test_cli_run (&add_wrong, wrong, "channels", "add", "mattermost", "Stale", NULL);
  g_assert_cmpint (add_wrong.status, ==, 0);
  candor_test_cli_run (&refused, NULL, "channels", "test", "stale", NULL);
  g_assert_cmpint (refused.status, ==, 1);
  g_assert_cmpstr (refused.out, ==, "");
  g_assert_true (g_str_has_prefix (refused.err, "candor-cli: stale: "));
  g_assert_nonnull (strstr (refused.err, "Invalid webhook"));
  assert_no_secret (&refused);

  /* Testing posts nothing. */
  g_assert_cmpuint (candor_fake_server_get_accepted (CANDOR_FAKE_SERVER (fake))->len, ==, 0);
}

int
main (int argc, char *argv[])
{
  /* The isolated data folders hold no system GSettings schemas, which the
   * GNOME proxy resolver of the commands' HTTP would abort without; the
   * fakes are on loopback, where no proxy is wanted anyway. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/channels/add-list-remove", test_add_list_remove);
  g_test_add_func ("/cli/channels/settings", test_settings);
  g_test_add_func ("/cli/channels/language", test_language);
  g_test_add_func ("/cli/channels/secret-on-command-line", test_secret_on_command_line);
  g_test_add_func ("/cli/channels/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/channels/help", test_help);
  g_test_add_func ("/cli/channels/test", test_connection);

  return g_test_run ();
}
