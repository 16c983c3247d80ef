/* test-cli-check.c
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

static char *
write_temp_file (const char *contents)
{
  g_autoptr (GError) error = NULL;
  char *path = NULL;
  int   fd = g_file_open_tmp ("candor-check-XXXXXX.txt", &path, &error);

  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);

  return path;
}

/* "LINE:COL" of the first @needle in @text, as an editor counts them. */
static char *
line_column_of (const char *text, const char *needle)
{
  const char *found = strstr (text, needle);
  const char *line_start = text;
  guint       line = 1;

  g_assert_nonnull (found);
  for (const char *p = text; p < found; p++)
    {
      if (*p == '\n')
        {
          line++;
          line_start = p + 1;
        }
    }

  return g_strdup_printf ("%u:%ld", line, g_utf8_pointer_to_offset (line_start, found) + 1);
}

static void
test_cli_check_plain_text (void)
{
  const char      *text = "Logins fail for all customers.\n"
                          "Unser Server db-prod-3.internal ist voll — the cause is HTTP 503.\n";
  g_autofree char *path = write_temp_file (text);
  g_autofree char *host_at = line_column_of (text, "db-prod-3.internal");
  g_autofree char *code_at = line_column_of (text, "HTTP 503");
  g_autofree char *expected = NULL;
  g_autofree char *expected_host = NULL;
  g_auto (CandorTestCliRun) run = { 0 };

  candor_test_cli_run (&run, NULL, "check", "--field", "executive_summary", path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, "");
  /* One line per finding, compiler style, so editors can jump to it. */
  expected = g_strdup_printf ("%s:%s: warning: jargon: “db-prod-3.internal” ", path, host_at);
  g_assert_true (g_str_has_prefix (run.out, expected));
  expected_host = g_strdup (expected);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("\n%s:%s: warning: jargon: ", path, code_at);
  g_assert_nonnull (strstr (run.out, expected));
  g_clear_pointer (&expected, g_free);

  /* Fields are spelled as the draft's keys; the old spelling still works. */
  candor_test_cli_run_clear (&run);
  candor_test_cli_run (&run, NULL, "check", "--field", "executive-summary", path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.out, expected_host));

  /* Jargon is only a problem in the executive summary. */
  candor_test_cli_run_clear (&run);
  candor_test_cli_run (&run, NULL, "check", "--field", "technical_details", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");

  g_unlink (path);
}

static void
test_cli_check_stdin_json (void)
{
  g_auto (CandorTestCliRun) run = { 0 };
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonArray  *findings;
  JsonObject *finding;

  candor_test_cli_run (&run, "Сервис будет восстановлен к 15:00. Виноват подрядчик.", "check",
                       "--lang", "ru", "--field=whole_message", "--json", "-", NULL);
  g_assert_cmpint (run.status, ==, 1);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  findings = json_node_get_array (json_parser_get_root (parser));
  /* The words first, in text order, then what the whole message lacks. */
  g_assert_cmpuint (json_array_get_length (findings), ==, 6);

  finding = json_array_get_object_element (findings, 0);
  g_assert_cmpstr (json_object_get_string_member (finding, "rule"), ==, "promise");
  g_assert_cmpstr (json_object_get_string_member (finding, "severity"), ==, "warning");
  g_assert_cmpint (json_object_get_int_member (finding, "start"), ==, 7);
  g_assert_cmpint (json_object_get_int_member (finding, "end"), ==, 33);
  g_assert_cmpstr (json_object_get_string_member (finding, "message"), !=, "");

  finding = json_array_get_object_element (findings, 1);
  g_assert_cmpstr (json_object_get_string_member (finding, "rule"), ==, "blame");
  g_assert_cmpint (json_object_get_int_member (finding, "start"), ==, 35);
  g_assert_cmpint (json_object_get_int_member (finding, "end"), ==, 42);
  g_assert_cmpstr (json_object_get_string_member (finding, "quote"), ==, "Виноват");
  g_assert_cmpstr (json_object_get_string_member (finding, "suggestion"), !=, "");

  for (guint i = 2; i < json_array_get_length (findings); i++)
    {
      const char *const missing[] = { "missing-impact", "missing-lasting-consequences",
                                      "missing-contact", "missing-next-update" };

      finding = json_array_get_object_element (findings, i);
      g_assert_cmpstr (json_object_get_string_member (finding, "rule"), ==, missing[i - 2]);
      g_assert_true (json_object_get_null_member (finding, "field"));
      g_assert_false (json_object_has_member (finding, "quote"));
    }

  /* Resolved, a time is a fact; the blame stays. */
  candor_test_cli_run_clear (&run);
  candor_test_cli_run (&run, "Сервис будет восстановлен к 15:00. Виноват подрядчик.", "check",
                       "--lang", "ru", "--field", "whole_message", "--resolved", "--json", "-",
                       NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.out, "\"blame\""));
  g_assert_null (strstr (run.out, "\"promise\""));
}

/* Plain text without --field is a whole message, checked in the language it
 * is written in, with the message kinds spelled as drafts spell them. */
static void
test_cli_check_pasted_message (void)
{
  g_auto (CandorTestCliRun) run = { 0 };

  candor_test_cli_run (&run, "Оплата картой не проходит. Сбой не на нашей стороне.", "check",
                       "--kind", "progress", "--json", "-", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_nonnull (strstr (run.out, "\"blame\""));
  g_assert_nonnull (strstr (run.out, "\"quote\" : \"не на нашей стороне\""));
  g_assert_nonnull (strstr (run.out, "\"missing-contact\""));
  g_assert_null (strstr (run.out, "\"language-mismatch\""));

  /* --lang against the text's own language is a finding, not a silent pass. */
  candor_test_cli_run_clear (&run);
  candor_test_cli_run (&run, "Сбой не на нашей стороне.", "check", "--lang=en", "--field=impact",
                       "-", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.out, "language-mismatch"));

  /* "update" is the old name of a progress update. */
  candor_test_cli_run_clear (&run);
  candor_test_cli_run (&run, "Customers cannot log in.", "check", "--kind=update", "--field=impact",
                       "-", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
}

static void
test_cli_check_draft (void)
{
  /* Escapes before the phrase must not shift the reported column. */
  const char *draft =
    "{\n"
    "  \"format\": \"candor-draft\",\n"
    "  \"version\": 1,\n"
    "  \"incident\": {\"title\": \"Login fails\", \"language\": \"en\"},\n"
    "  \"update\": {\n"
    "    \"kind\": \"initial\",\n"
    "    \"impact-now\": \"Customers \\\"cannot\\\" log in.\\nThe outage was caused by our "
    "vendor's "
    "failure.\",\n"
    "    \"no-lasting-consequences\": true,\n"
    "    \"contact\": \"Write to Ana at help@example.com; thank you for your patience.\",\n"
    "    \"next-update\": \"Next update at 11:00 UTC.\"\n"
    "  }\n"
    "}\n";
  g_autofree char *path = write_temp_file (draft);
  g_autofree char *blame_at = line_column_of (draft, "caused by");
  g_autofree char *expected = g_strdup_printf ("%s:%s: warning: blame: ", path, blame_at);
  g_autofree char *fixture = NULL;
  g_auto (CandorTestCliRun) run = { 0 };

  candor_test_cli_run (&run, NULL, "check", path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.out, expected));
  /* Exactly one finding: one line. */
  g_assert_cmpstr (strchr (run.out, '\n'), ==, run.out + strlen (run.out) - 1);

  /* The language comes from the draft, and a good draft passes. */
  fixture =
    g_build_filename (g_getenv ("G_TEST_SRCDIR"), "data", "drafts", "full-critical-ru.json", NULL);
  candor_test_cli_run_clear (&run);
  candor_test_cli_run (&run, NULL, "check", fixture, NULL);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpint (run.status, ==, 0);

  g_unlink (path);
}

/* The bilingual draft with blame in its Russian impact and its English next
 * update changed after it was translated, written to a file of its own. */
static char *
write_bilingual_variant (void)
{
  g_autofree char *source =
    g_test_build_filename (G_TEST_DIST, "data", "bilingual-initial.json", NULL);
  g_autofree char *path = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (GError) error = NULL;
  JsonObject      *update;
  JsonObject      *impact;
  g_autofree char *blamed = NULL;
  int              fd;

  fd = g_file_open_tmp ("candor-bilingual-XXXXXX.json", &path, &error);
  g_assert_no_error (error);
  close (fd);
  json_parser_load_from_file (parser, source, &error);
  g_assert_no_error (error);
  update =
    json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "update");
  impact = json_object_get_object_member (
    json_object_get_object_member (json_object_get_object_member (update, "translations"), "ru"),
    "impact-now");
  blamed = g_strconcat (json_object_get_string_member (impact, "text"),
                        " Сбой произошёл по вине нашего подрядчика.", NULL);
  json_object_set_string_member (impact, "text", blamed);
  json_object_set_string_member (update, "next-update",
                                 "We will write again by 16:00 UTC, or as soon as it is fixed.");

  json_generator_set_root (generator, json_parser_get_root (parser));
  json_generator_to_file (generator, path, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&path);
}

static guint
count_in_language (JsonArray *findings, const char *language)
{
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (findings); i++)
    if (g_str_equal (
          json_object_get_string_member (json_array_get_object_element (findings, i), "language"),
          language))
      n++;

  return n;
}

static gboolean
has_finding (JsonArray *findings, const char *rule, const char *language)
{
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *finding = json_array_get_object_element (findings, i);

      if (g_str_equal (json_object_get_string_member (finding, "rule"), rule) &&
          g_str_equal (json_object_get_string_member (finding, "language"), language))
        return TRUE;
    }

  return FALSE;
}

/* A draft in two languages is checked in both, each finding saying its
 * language; --lang shows one language's findings. */
static void
test_cli_check_languages (void)
{
  g_autofree char *path = write_bilingual_variant ();
  g_auto (CandorTestCliRun) all = { 0 };
  g_auto (CandorTestCliRun) text = { 0 };
  g_auto (CandorTestCliRun) ru = { 0 };
  g_auto (CandorTestCliRun) en = { 0 };
  g_auto (CandorTestCliRun) de = { 0 };
  g_autoptr (JsonNode) all_root = NULL;
  g_autoptr (JsonNode) ru_root = NULL;
  g_autoptr (JsonNode) en_root = NULL;
  JsonArray *findings;

  candor_test_cli_run (&all, NULL, "check", "--json", path, NULL);
  g_assert_cmpint (all.status, ==, 1);
  g_assert_cmpstr (all.err, ==, "");
  all_root = json_from_string (all.out, NULL);
  findings = json_node_get_array (all_root);
  g_assert_true (has_finding (findings, "translation-outdated", "ru"));
  g_assert_cmpuint (count_in_language (findings, "ru"), >=, 2);

  /* On a line of its own, the finding names its language after the rule. */
  candor_test_cli_run (&text, NULL, "check", path, NULL);
  g_assert_cmpint (text.status, ==, 1);
  g_assert_nonnull (strstr (text.out, ": warning: translation-outdated (ru):"));

  candor_test_cli_run (&ru, NULL, "check", "--json", "--lang=ru", path, NULL);
  g_assert_cmpint (ru.status, ==, 1);
  ru_root = json_from_string (ru.out, NULL);
  findings = json_node_get_array (ru_root);
  g_assert_cmpuint (count_in_language (findings, "ru"), ==, json_array_get_length (findings));
  g_assert_cmpuint (count_in_language (findings, "ru"), ==,
                    count_in_language (json_node_get_array (all_root), "ru"));

  candor_test_cli_run (&en, NULL, "check", "--json", "--lang", "en", path, NULL);
  en_root = json_from_string (en.out, NULL);
  findings = json_node_get_array (en_root);
  g_assert_cmpuint (count_in_language (findings, "ru"), ==, 0);
  g_assert_cmpuint (count_in_language (findings, "en"), ==, json_array_get_length (findings));

  candor_test_cli_run (&de, NULL, "check", "--lang=de", path, NULL);
  g_assert_cmpint (de.status, ==, 2);
  g_assert_true (g_str_has_prefix (
    de.err, "candor-cli: the draft has no language 'de'; it is written in: en, ru\n"));

  g_unlink (path);
}

static void
test_cli_check_errors (void)
{
  const struct
  {
    const char *args[5];
    const char *first_line;
  } usage[] = {
    { { "check", NULL }, "candor-cli: missing file operand\n" },
    { { "check", "--frobnicate", "x", NULL }, "candor-cli: unrecognized option '--frobnicate'\n" },
    { { "check", "--lang", NULL }, "candor-cli: option '--lang' requires an argument\n" },
    { { "check", "--lang=russian", "x", NULL },
      "candor-cli: invalid language 'russian' for '--lang': give a language tag such as en, ru or "
      "de\n" },
    /* An invalid name lists the valid ones, spelled as the draft's keys. */
    { { "check", "--field=title", "x", NULL },
      "candor-cli: invalid field 'title': use whole-message, executive-summary, impact, "
      "impact-now, impact-future, lasting-consequences, technical-details, actions-taken, "
      "actions-planned, contact, next-update\n" },
    { { "check", "--kind", "final", "x", NULL },
      "candor-cli: invalid message kind 'final': use initial, progress, resolution or "
      "post-incident\n" },
    { { "check", "a", "b", NULL }, "candor-cli: extra operand 'b'\n" },
  };
  g_auto (CandorTestCliRun) run = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (usage); i++)
    {
      candor_test_cli_run (&run, NULL, usage[i].args[0], usage[i].args[1], usage[i].args[2],
                           usage[i].args[3], usage[i].args[4], NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_true (g_str_has_prefix (run.err, usage[i].first_line));
      g_assert_true (
        g_str_has_suffix (run.err, "Try 'candor-cli check --help' for more information.\n"));
      candor_test_cli_run_clear (&run);
    }

  /* Input errors say what is wrong with which input, and where. */
  candor_test_cli_run (&run, "{\"format\": ", "check", "-", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_true (g_str_has_prefix (run.err, "candor-cli: <stdin>: line "));
  candor_test_cli_run_clear (&run);

  candor_test_cli_run (&run, NULL, "check", "/nonexistent/draft.json", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_true (g_str_has_prefix (run.err, "candor-cli: /nonexistent/draft.json: "));
  candor_test_cli_run_clear (&run);

  candor_test_cli_run (&run, "\xff\xfe", "check", "--field", "contact", "-", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (
    run.err, ==,
    "candor-cli: <stdin>: line 1, column 1: the file is not UTF-8 text here; save it "
    "as UTF-8\n");
  candor_test_cli_run_clear (&run);

  candor_test_cli_run (&run, NULL, "check", "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "Usage: candor-cli check [OPTION…] FILE\n"));
}

/* A placeholder a template left in a draft is an error for scripts too:
 * the check fails and names it where it is. */
static void
test_cli_check_placeholder (void)
{
  g_auto (CandorTestCliRun) run = { 0 };

  candor_test_cli_run (&run,
                       "{\"format\": \"candor-draft\", \"version\": 1, \"incident\": {}, "
                       "\"update\": {\"impact-now\": \"Since 09:40 UTC, [who] cannot sign in.\"}}",
                       "check", "-", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.out, "error: placeholder: “[who]”"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/check/plain-text", test_cli_check_plain_text);
  g_test_add_func ("/cli/check/stdin-json", test_cli_check_stdin_json);
  g_test_add_func ("/cli/check/pasted-message", test_cli_check_pasted_message);
  g_test_add_func ("/cli/check/draft", test_cli_check_draft);
  g_test_add_func ("/cli/check/errors", test_cli_check_errors);
  g_test_add_func ("/cli/check/languages", test_cli_check_languages);
  g_test_add_func ("/cli/check/placeholder", test_cli_check_placeholder);

  return g_test_run ();
}
