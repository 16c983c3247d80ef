/* test-cli-agreement.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "candor-test-cli.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <unistd.h>

#include "candor-checker.h"
#include "candor-composition.h"
#include "candor-enum-types.h"

/* A sentence that blames someone, in the draft's language. */
static const char *
blame_for (const char *language)
{
  return g_str_has_prefix (language, "ru") ? " Сбой произошёл по вине нашего подрядчика."
                                           : " Our payment provider is to blame for this.";
}

/* The findings the app shows for the draft in @path: loaded as the window
 * loads a draft, composed as the wizard's preview composes it. */
static GPtrArray *
app_findings (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorDraft) draft = NULL;
  g_autoptr (CandorComposition) composition = NULL;
  g_autofree char *json = NULL;

  g_file_get_contents (path, &json, NULL, &error);
  g_assert_no_error (error);
  draft = candor_draft_load_from_data (json, -1, &error);
  g_assert_no_error (error);

  composition = candor_composition_new ();
  candor_composition_set_draft (composition, candor_draft_get_incident (draft),
                                candor_draft_get_update (draft),
                                candor_draft_get_audiences (draft));
  candor_composition_update (composition, &error);
  g_assert_no_error (error);

  return g_ptr_array_ref (candor_composition_get_findings (composition));
}

/* Each finding the app shows is the one `candor-cli check --json` prints, in
 * the same order; returns how many there were. */
static guint
assert_agreement (const char *path)
{
  g_autoptr (GPtrArray) findings = app_findings (path);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_auto (CandorTestCliRun) run = { 0 };
  JsonArray *printed;

  candor_test_cli_run (&run, NULL, "check", "--json", path, NULL);
  g_assert_cmpint (run.status, ==, findings->len > 0 ? 1 : 0);
  g_assert_cmpstr (run.err, ==, "");
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  printed = json_node_get_array (json_parser_get_root (parser));

  g_assert_cmpuint (json_array_get_length (printed), ==, findings->len);
  for (guint i = 0; i < findings->len; i++)
    {
      CandorFinding *finding = g_ptr_array_index (findings, i);
      JsonObject    *object = json_array_get_object_element (printed, i);
      int            field = candor_finding_get_field (finding);

      g_assert_cmpstr (json_object_get_string_member (object, "rule"), ==,
                       candor_finding_get_rule_id (finding));
      g_assert_cmpstr (
        json_object_get_string_member (object, "severity"), ==,
        candor_enum_to_nick (CANDOR_TYPE_FINDING_SEVERITY, candor_finding_get_severity (finding)));
      if (field == CANDOR_FINDING_WHOLE_MESSAGE)
        g_assert_true (json_object_get_null_member (object, "field"));
      else
        g_assert_cmpstr (json_object_get_string_member (object, "field"), ==,
                         candor_enum_to_nick (CANDOR_TYPE_FIELD, field));
      g_assert_cmpint (json_object_get_int_member (object, "start"), ==,
                       candor_finding_get_start (finding));
      g_assert_cmpint (json_object_get_int_member (object, "end"), ==,
                       candor_finding_get_end (finding));
      g_assert_cmpstr (json_object_get_string_member (object, "message"), ==,
                       candor_finding_get_message (finding));
      g_assert_cmpstr (json_object_get_string_member_with_default (object, "suggestion", NULL), ==,
                       candor_finding_get_suggestion (finding));
    }

  return findings->len;
}

/* The fixture with findings to agree on: someone blamed, no contact, and the
 * language written with its region, as a desktop locale spells it. */
static char *
write_flawed_variant (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFile) variant_file = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorDraft) draft = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *language = NULL;
  g_autofree char *variant = NULL;
  CandorIncident  *incident;
  CandorUpdate    *update;
  int              fd;

  draft = candor_draft_load_from_file (file, NULL, &error);
  g_assert_no_error (error);
  incident = candor_draft_get_incident (draft);
  update = candor_draft_get_update (draft);

  summary = g_strconcat (candor_update_get_field (update, CANDOR_FIELD_EXECUTIVE_SUMMARY),
                         blame_for (candor_incident_get_language (incident)), NULL);
  candor_update_set_field (update, CANDOR_FIELD_EXECUTIVE_SUMMARY, summary);
  candor_update_set_field (update, CANDOR_FIELD_CONTACT, "");
  language = g_strdup_printf (
    "%s_%s", candor_incident_get_language (incident),
    g_str_has_prefix (candor_incident_get_language (incident), "ru") ? "RU" : "GB");
  candor_incident_set_language (incident, language);

  fd = g_file_open_tmp ("candor-agreement-XXXXXX.json", &variant, &error);
  g_assert_no_error (error);
  close (fd);
  variant_file = g_file_new_for_path (variant);
  candor_draft_save_to_file (draft, variant_file, NULL, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&variant);
}

static void
test_cli_agreement_drafts (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "data", "drafts", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, &error);
  const char *name;
  guint       n_drafts = 0;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autofree char *variant = NULL;

      if (!g_str_has_suffix (name, ".json"))
        continue;

      assert_agreement (path);
      /* Agreeing on nothing would prove nothing. */
      variant = write_flawed_variant (path);
      g_assert_cmpuint (assert_agreement (variant), >, 0);
      g_unlink (variant);
      n_drafts++;
    }

  g_assert_cmpuint (n_drafts, >, 0);
}

/* A language without a check list is the same error everywhere: the app's
 * composition reports it, `check` fails with it, `render` says it and renders. */
static void
test_cli_agreement_language_without_checks (void)
{
  const char *json = "{\"format\": \"candor-draft\", \"version\": 1,\n"
                     " \"incident\": {\"title\": \"Login fails\", \"language\": \"pt-BR\"},\n"
                     " \"update\": {\"executive-summary\": \"Logins fail.\"}}\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorDraft) draft = candor_draft_load_from_data (json, -1, &error);
  g_autoptr (CandorComposition) composition = NULL;
  g_autofree char *expected = NULL;
  g_auto (CandorTestCliRun) run = { 0 };

  g_assert_no_error (error);
  composition = candor_composition_new_for_draft (draft);
  g_assert_false (candor_composition_update (composition, &error));
  g_assert_error (error, CANDOR_CHECKER_ERROR, CANDOR_CHECKER_ERROR_UNKNOWN_LANGUAGE);

  candor_test_cli_run (&run, json, "check", "--json", "-", NULL);
  expected = g_strdup_printf ("candor-cli: <stdin>: %s\n", error->message);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpstr (run.err, ==, expected);
  g_clear_pointer (&expected, g_free);
  candor_test_cli_run_clear (&run);

  candor_test_cli_run (&run, json, "render", "--draft=-", "--audience=customers", "--format=plain",
                       NULL);
  expected = g_strdup_printf ("candor-cli: %s\n", error->message);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "Incident: Login fails\n"));
  g_assert_cmpstr (run.err, ==, expected);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/agreement/drafts", test_cli_agreement_drafts);
  g_test_add_func ("/cli/agreement/language-without-checks",
                   test_cli_agreement_language_without_checks);

  return g_test_run ();
}
