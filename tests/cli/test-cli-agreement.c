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
#include <string.h>
#include <unistd.h>

#include "candor-checker.h"
#include "candor-composition.h"
#include "candor-enum-types.h"
#include "candor-json.h"

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

/* A valid draft with @title, and @padding spaces of room to grow. */
static char *
draft_with_title (const char *title, gsize padding)
{
  g_autofree char *spaces = g_strnfill (padding, ' ');

  return g_strdup_printf ("{\"format\": \"candor-draft\", \"version\": 1,\n"
                          " \"incident\": {\"title\": \"%s\", \"services\": [\"Login\"]},%s\n"
                          " \"update\": {\"kind\": \"initial\", \"executive-summary\": "
                          "\"Logins fail.\"}}\n",
                          title, spaces);
}

/* Runs check, render and schedule on @contents in a file and on standard input: each
 * refuses it with exit status 2 and one line, the same line, naming the input. */
static void
assert_refused_alike (const char *dir, const char *contents, gssize length, const char *message)
{
  g_autoptr (GError) error = NULL;
  g_autofree char  *path = g_build_filename (dir, "draft.json", NULL);
  g_autofree char  *draft_option = g_strconcat ("--draft=", path, NULL);
  g_autofree char  *from_file = g_strdup_printf ("candor-cli: %s: %s\n", path, message);
  g_autofree char  *from_stdin = g_strdup_printf ("candor-cli: <stdin>: %s\n", message);
  const char *const commands[][3] = {
    { "check", NULL, NULL },
    { "render", "--audience=customers", "--format=plain" },
    { "schedule", NULL, NULL },
  };

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto (CandorTestCliRun) run = { 0 };
      gboolean takes_option = !g_str_equal (commands[i][0], "check");

      g_test_message ("%s: %s", commands[i][0], message);
      candor_test_cli_run (&run, NULL, commands[i][0], takes_option ? draft_option : path,
                           commands[i][1], commands[i][2], NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_cmpstr (run.err, ==, from_file);
      candor_test_cli_run_clear (&run);

      /* Standard input is read through a pipe, never as a whole file. */
      if (length < 0)
        {
          candor_test_cli_run (&run, contents, commands[i][0], takes_option ? "--draft=-" : "-",
                               commands[i][1], commands[i][2], NULL);
          g_assert_cmpint (run.status, ==, 2);
          g_assert_cmpstr (run.err, ==, from_stdin);
        }
    }
}

/* Hostile files: one clear line and status 2 from every command that reads a draft,
 * never a crash or a stall, and never text dropped without a word. */
static void
test_cli_agreement_hostile_input (void)
{
  g_autofree char *dir = g_dir_make_tmp ("candor-cli-hostile-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "draft.json", NULL);
  g_autoptr (GString) deep = NULL;
  g_autofree char *nul = draft_with_title ("T\\u0000hidden", 0);
  g_autofree char *big = draft_with_title ("Big", CANDOR_JSON_MAX_SIZE);
  g_autofree char *latin1 = draft_with_title ("caf\xE9", 0);
  g_autofree char *bom = NULL;
  g_autofree char *plain = draft_with_title ("Login fails", 0);
  g_autofree char *size_message = NULL;
  GString         *duplicate = g_string_new (plain);

  /* 100,000 "[" then as many "]", inside a draft: SIGSEGV before. */
  deep = g_string_new ("{\"format\": \"candor-draft\", \"incident\": ");
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, ']');
  g_string_append_c (deep, '}');
  assert_refused_alike (dir, deep->str, -1,
                        "line 1, column 139: lists and objects are nested more than 100 deep "
                        "here; Candor reads at most 100 levels");

  assert_refused_alike (dir, nul, -1,
                        "line 2, column 26: incident.title holds \\u0000, a NUL character, which "
                        "would cut the text short there; remove it");

  g_string_insert (duplicate, duplicate->len - 2, ", \"update\": {}");
  assert_refused_alike (dir, duplicate->str, -1,
                        "line 3, column 70: update is given a second time in the same object; "
                        "remove one of them");
  g_string_free (duplicate, TRUE);

  assert_refused_alike (dir, latin1, -1,
                        "line 2, column 28: the file is not UTF-8 text here; save it as UTF-8");

  size_message = g_strdup_printf ("the file holds %" G_GSIZE_FORMAT " bytes; Candor reads files "
                                  "of up to 1.0\xC2\xA0MiB (1048576 bytes), far more than any "
                                  "message needs",
                                  strlen (big));
  assert_refused_alike (dir, big, -1, size_message);

  /* Parser jargon ("scanner: unterminated string constant") in the user's words. */
  assert_refused_alike (dir, "{\"format\": \"candor-draft", -1,
                        "line 1, column 25: this text is never closed; end it with a double "
                        "quote (\")");

  /* A byte-order mark, as Notepad writes, is no error at all. */
  bom = g_strconcat ("\xEF\xBB\xBF", plain, NULL);
  {
    g_auto (CandorTestCliRun) run = { 0 };

    candor_test_cli_run (&run, bom, "render", "--draft=-", "--audience=customers", "--format=plain",
                         NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_prefix (run.out, "Incident: Login fails\n"));
    candor_test_cli_run_clear (&run);

    candor_test_cli_run (&run, bom, "check", "--json", "-", NULL);
    g_assert_cmpint (run.status, !=, 2);
    g_assert_true (g_str_has_prefix (run.out, "["));
  }

  g_assert_no_errno (g_remove (file));
  g_assert_no_errno (g_rmdir (dir));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/agreement/drafts", test_cli_agreement_drafts);
  g_test_add_func ("/cli/agreement/language-without-checks",
                   test_cli_agreement_language_without_checks);
  g_test_add_func ("/cli/agreement/hostile-input", test_cli_agreement_hostile_input);

  return g_test_run ();
}
