/* test-cli-schedule.c
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

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "drafts", name, NULL);
}

static void
test_cli_schedule_text (void)
{
  g_auto (CandorTestCliRun) run = { 0 };
  g_autofree char *path = fixture ("full-critical-ru.json");

  /* Monday 12:07 in Moscow; the draft's audiences work in Moscow, Yekaterinburg
   * and Novosibirsk, with different office hours. */
  candor_test_cli_run (&run, NULL, "schedule", "--draft", path, "--now",
                       "2026-11-30T12:07:00+03:00", NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (
    run.out, ==,
    "12:35 +03:00 (09:35 UTC) — every 30 minutes while a critical incident lasts\n"
    "18:45 Asia/Novosibirsk (11:45 UTC) — before 19:00 Asia/Novosibirsk, when the office there "
    "closes\n"
    "17:45 Asia/Yekaterinburg (12:45 UTC) — before 18:00 Asia/Yekaterinburg, when the office "
    "there closes\n"
    "17:45 Europe/Moscow (14:45 UTC) — before 18:00 Europe/Moscow, when the office there closes\n"
    "18:45 Europe/Moscow (15:45 UTC) — before 19:00 Europe/Moscow, when the office there closes\n"
    "Tue 10:00 Asia/Novosibirsk (03:00 UTC) — at 10:00 Asia/Novosibirsk on Tuesday, when the "
    "office there opens\n"
    "Tue 09:00 Asia/Yekaterinburg (04:00 UTC) — at 09:00 Asia/Yekaterinburg on Tuesday, when the "
    "office there opens\n"
    "Tue 09:00 Europe/Moscow (06:00 UTC) — at 09:00 Europe/Moscow on Tuesday, when the office "
    "there opens\n"
    "Tue 10:00 Europe/Moscow (07:00 UTC) — at 10:00 Europe/Moscow on Tuesday, when the office "
    "there opens\n");
}

static void
test_cli_schedule_json (void)
{
  g_auto (CandorTestCliRun) run = { 0 };
  g_autofree char *major = fixture ("full-major-en.json");
  g_autofree char *minimal = fixture ("minimal-initial-en.json");
  g_autofree char *resolution = fixture ("resolution-en.json");
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonArray  *array;
  JsonObject *first;

  /* The major fixture has no audiences: the defaults (Berlin, New York) apply. */
  candor_test_cli_run (&run, NULL, "schedule", "--draft", major, "--now",
                       "2026-11-30T09:40:00+01:00", "--json", NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 5);
  first = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "at"), ==, "2026-11-30T10:40:00+01:00");
  g_assert_cmpstr (json_object_get_string_member (first, "source"), ==, "cadence");
  g_assert_cmpstr (json_object_get_string_member (first, "reason"), ==,
                   "every 60 minutes while a major incident lasts");
  first = json_array_get_object_element (array, 1);
  g_assert_cmpstr (json_object_get_string_member (first, "at"), ==, "2026-11-30T09:00:00-05:00");
  g_assert_cmpstr (json_object_get_string_member (first, "zone"), ==, "America/New_York");
  g_assert_cmpstr (json_object_get_string_member (first, "source"), ==, "office-opens");
  g_assert_cmpstr (json_object_get_string_member (first, "reason"), ==,
                   "at 09:00 America/New_York, when the office there opens");
  first = json_array_get_object_element (array, 2);
  g_assert_cmpstr (json_object_get_string_member (first, "at"), ==, "2026-11-30T17:45:00+01:00");
  g_assert_cmpstr (json_object_get_string_member (first, "reason"), ==,
                   "before 18:00 Europe/Berlin, when the office there closes");

  /* A minor incident: one suggestion without a time. */
  candor_test_cli_run_clear (&run);
  candor_test_cli_run (&run, NULL, "schedule", "--draft", minimal, "--now", "2026-11-30T14:30:00Z",
                       "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==,
                   "[\n  {\n    \"at\" : null,\n    \"zone\" : null,\n    \"source\" : "
                   "\"when-fixed\",\n    \"reason\" : \"when it is fixed: a minor incident needs "
                   "no regular updates\"\n  }\n]\n");

  candor_test_cli_run_clear (&run);
  /* The draft as an operand, as for render and check. */
  candor_test_cli_run (&run, NULL, "schedule", minimal, "--now", "2026-11-30T14:30:00Z", NULL);
  g_assert_cmpstr (run.out, ==, "when it is fixed: a minor incident needs no regular updates\n");

  /* Resolved: nothing is due. */
  candor_test_cli_run_clear (&run);
  candor_test_cli_run (&run, NULL, "schedule", "--draft", resolution, "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "[]\n");

  candor_test_cli_run_clear (&run);
  candor_test_cli_run (&run, NULL, "schedule", "--draft", resolution, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "No next update is due: the incident is resolved.\n");
}

static void
test_cli_schedule_standard_input (void)
{
  g_auto (CandorTestCliRun) run = { 0 };
  g_autofree char *path = fixture ("full-major-en.json");
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  candor_test_cli_run (&run, contents, "schedule", "--draft", "-", "--now",
                       "2026-11-30T17:50:00+01:00", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (
    run.out, "18:50 +01:00 (17:50 UTC) — every 60 minutes while a major incident lasts\n"));
}

static void
test_cli_schedule_errors (void)
{
  g_autofree char *path = fixture ("full-major-en.json");
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("candor-cli-schedule-XXXXXX", &error);
  g_autofree char *bad = g_build_filename (dir, "bad.json", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.json", NULL);
  g_autofree char *bad_message = NULL;
  g_autofree char *syntax_message = NULL;
  g_autofree char *missing_message = NULL;
  const char      *hint = "Try 'candor-cli schedule --help' for more information.\n";

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (bad,
                                      "{\"format\": \"candor-draft\", \"version\": 1, "
                                      "\"incident\": {}, \"update\": {\"kind\": \"soon\"}}",
                                      -1, &error));
  bad_message = g_strdup_printf ("candor-cli: %s: update.kind: “soon” is not a message kind; use "
                                 "one of initial, progress, resolution, post-incident\n",
                                 bad);
  missing_message = g_strdup_printf ("candor-cli: %s: No such file or directory\n", missing);

  {
    const struct
    {
      const char *args[4];
      const char *err;
    } cases[] = {
      { { NULL }, "candor-cli: missing file operand\n" },
      { { "--draft", path, "extra", NULL }, "candor-cli: extra operand 'extra'\n" },
      { { "--draft", path, "--frobnicate", NULL },
        "candor-cli: unrecognized option '--frobnicate'\n" },
      { { "--draft", path, "--now", "tomorrow" },
        "candor-cli: invalid time 'tomorrow' for --now: use ISO 8601 with an offset, e.g. "
        "2026-11-30T14:05:00+01:00\n" },
      { { "--draft", path, "--now", "2026-11-30T14:05:00" },
        "candor-cli: invalid time '2026-11-30T14:05:00' for --now: use ISO 8601 with an offset, "
        "e.g. 2026-11-30T14:05:00+01:00\n" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_auto (CandorTestCliRun) run = { 0 };
        g_autofree char *expected = g_strconcat (cases[i].err, hint, NULL);

        candor_test_cli_run (&run, NULL, "schedule", cases[i].args[0], cases[i].args[1],
                             cases[i].args[2], cases[i].args[3], NULL);
        g_assert_cmpint (run.status, ==, 2);
        g_assert_cmpstr (run.out, ==, "");
        g_assert_cmpstr (run.err, ==, expected);
      }
  }

  /* A malformed draft is an input error: the loader's message, naming the file. */
  {
    g_auto (CandorTestCliRun) run = { 0 };

    candor_test_cli_run (&run, NULL, "schedule", "--draft", bad, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_cmpstr (run.err, ==, bad_message);

    candor_test_cli_run_clear (&run);
    g_assert_true (
      g_file_set_contents (bad, "{\"format\": \"candor-draft\",\n  \"version\": 1,,", -1, &error));
    syntax_message = g_strdup_printf ("candor-cli: %s: line 2, column 15: unexpected character "
                                      "“,”\n",
                                      bad);
    candor_test_cli_run (&run, NULL, "schedule", "--draft", bad, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_cmpstr (run.err, ==, syntax_message);

    candor_test_cli_run_clear (&run);
    candor_test_cli_run (&run, NULL, "schedule", "--draft", missing, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_cmpstr (run.err, ==, missing_message);
  }

  g_assert_cmpint (g_unlink (bad), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_cli_schedule_help (void)
{
  g_auto (CandorTestCliRun) run = { 0 };

  candor_test_cli_run (&run, NULL, "schedule", "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "Usage: candor-cli schedule [OPTION…] FILE\n"));
  g_assert_nonnull (strstr (run.out, "--now=TIME"));
  g_assert_cmpstr (run.err, ==, "");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/schedule/text", test_cli_schedule_text);
  g_test_add_func ("/cli/schedule/json", test_cli_schedule_json);
  g_test_add_func ("/cli/schedule/standard-input", test_cli_schedule_standard_input);
  g_test_add_func ("/cli/schedule/errors", test_cli_schedule_errors);
  g_test_add_func ("/cli/schedule/help", test_cli_schedule_help);

  return g_test_run ();
}
