/* test-cli-templates.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "candor-test-cli.h"

#include <gio/gio.h>
#include <string.h>

/* A path in the test's own cache directory, whose parent exists. */
static char *
scratch_path (const char *name)
{
  char            *path = g_build_filename (g_get_user_cache_dir (), name, NULL);
  g_autofree char *directory = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (directory, 0700), ==, 0);
  return path;
}

static void
write_text (const char *path, const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *directory = g_path_get_dirname (path);

  g_mkdir_with_parents (directory, 0700);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';

  return n;
}

static void
test_cli_templates_list (void)
{
  g_auto (CandorTestCliRun) all = { 0 };
  g_auto (CandorTestCliRun) filtered = { 0 };
  g_auto (CandorTestCliRun) searched = { 0 };

  candor_test_cli_run (&all, NULL, "templates", "list", NULL);
  g_assert_cmpint (all.status, ==, 0);
  g_assert_cmpstr (all.err, ==, "");
  g_assert_cmpuint (count_lines (all.out), ==, 30);

  candor_test_cli_run (&filtered, NULL, "templates", "list", "--lang=ru", "--kind", "resolution",
                       "--severity=critical", NULL);
  g_assert_cmpint (filtered.status, ==, 0);
  g_assert_cmpstr (filtered.out, ==,
                   "ru-critical-resolved\tru\tresolution\tresolved\tcritical\t"
                   "Критический сбой: устранён\n");

  candor_test_cli_run (&searched, NULL, "templates", "list", "--search=post-incident report",
                       "--lang=en", NULL);
  g_assert_cmpint (searched.status, ==, 0);
  g_assert_cmpuint (count_lines (searched.out), ==, 2);
  g_assert_true (g_str_has_prefix (searched.out, "en-critical-post-incident\t"));
}

static void
test_cli_templates_show (void)
{
  g_auto (CandorTestCliRun) raw = { 0 };
  g_auto (CandorTestCliRun) filled = { 0 };

  candor_test_cli_run (&raw, NULL, "templates", "show", "en-minor-investigating", NULL);
  g_assert_cmpint (raw.status, ==, 0);
  g_assert_true (g_str_has_prefix (raw.out, "Minor issue: first notice\n"));
  g_assert_nonnull (strstr (raw.out, "  contact_name: "));
  g_assert_nonnull (strstr (raw.out, "\n## Contact\n"));
  g_assert_nonnull (strstr (raw.out, "{{contact_name}}"));

  candor_test_cli_run (&filled, NULL, "templates", "show", "--examples", "en-minor-investigating",
                       NULL);
  g_assert_cmpint (filled.status, ==, 0);
  g_assert_null (strstr (filled.out + strlen ("Minor issue"), "\n## Contact\n{{"));
  g_assert_nonnull (strstr (filled.out, "Dana Ortiz is available for you at support@example.com"));
}

static void
test_cli_templates_export_import (void)
{
  g_autofree char *exported = scratch_path ("exported.json");
  g_autofree char *own = scratch_path ("own.json");
  g_autofree char *contents = NULL;
  g_autofree char *renamed = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *user_copy = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (CandorTestCliRun) export_run = { 0 };
  g_auto (CandorTestCliRun) stdout_run = { 0 };
  g_auto (CandorTestCliRun) builtin_run = { 0 };
  g_auto (CandorTestCliRun) import_run = { 0 };
  g_auto (CandorTestCliRun) list_run = { 0 };
  g_auto (CandorTestCliRun) unknown_run = { 0 };

  candor_test_cli_run (&export_run, NULL, "templates", "export", "ru-major-identified", exported,
                       NULL);
  g_assert_cmpint (export_run.status, ==, 0);
  g_assert_cmpstr (export_run.out, ==, "");
  g_file_get_contents (exported, &contents, NULL, &error);
  g_assert_no_error (error);

  /* "-" is standard output, byte for byte the same. */
  candor_test_cli_run (&stdout_run, NULL, "templates", "export", "ru-major-identified", "-", NULL);
  g_assert_cmpint (stdout_run.status, ==, 0);
  g_assert_cmpstr (stdout_run.out, ==, contents);

  /* Importing it unchanged would replace a built-in: refused, status 2. */
  candor_test_cli_run (&builtin_run, NULL, "templates", "import", exported, NULL);
  g_assert_cmpint (builtin_run.status, ==, 2);
  expected = g_strdup_printf ("candor-cli: %s: the id “ru-major-identified” belongs to a built-in "
                              "template, which cannot be replaced; give the template an id of "
                              "its own\n",
                              exported);
  g_assert_cmpstr (builtin_run.err, ==, expected);

  {
    /* The same template under an id of its own. */
    g_auto (GStrv) parts = g_strsplit (contents, "\"id\" : \"ru-major-identified\"", 2);

    g_assert_cmpuint (g_strv_length (parts), ==, 2);
    renamed = g_strjoinv ("\"id\" : \"acme-ru-identified\"", parts);
  }
  write_text (own, renamed);

  candor_test_cli_run (&import_run, NULL, "templates", "import", own, NULL);
  g_assert_cmpint (import_run.status, ==, 0);
  g_assert_true (g_str_has_prefix (import_run.out, "Imported “acme-ru-identified”"));
  user_copy = g_build_filename (g_get_user_data_dir (), "candor", "templates",
                                "acme-ru-identified.json", NULL);
  g_assert_true (g_file_test (user_copy, G_FILE_TEST_IS_REGULAR));

  candor_test_cli_run (&list_run, NULL, "templates", "list", "--lang=ru", "--severity=major",
                       "--kind=progress", NULL);
  g_assert_cmpint (list_run.status, ==, 0);
  g_assert_cmpuint (count_lines (list_run.out), ==, 3);
  g_assert_nonnull (strstr (list_run.out, "\nacme-ru-identified\t"));

  candor_test_cli_run (&unknown_run, NULL, "templates", "export", "no-such-template", exported,
                       NULL);
  g_assert_cmpint (unknown_run.status, ==, 2);
  g_assert_cmpstr (unknown_run.err, ==,
                   "candor-cli: there is no template with the id “no-such-template”; "
                   "“candor-cli templates list” shows them all\n");
}

/* A broken user template is reported on stderr but does not fail the listing. */
static void
test_cli_templates_broken_user_template (void)
{
  g_autofree char *broken =
    g_build_filename (g_get_user_data_dir (), "candor", "templates", "broken.json", NULL);
  g_autofree char *expected = NULL;
  g_auto (CandorTestCliRun) run = { 0 };

  write_text (broken, "{\"id\": \"x\"}");
  candor_test_cli_run (&run, NULL, "templates", "list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (count_lines (run.out), ==, 30);
  expected = g_strdup_printf ("candor-cli: warning: template left out: %s: name: missing; a "
                              "template needs this key\n",
                              broken);
  g_assert_cmpstr (run.err, ==, expected);
}

/* A template whose example is nested 50,000 deep was imported, then exported as 5 GB
 * (and crashed going to standard output): now it is refused on import with status 2,
 * and never gets into the library. */
static void
test_cli_templates_import_hostile (void)
{
  g_autofree char *deep = scratch_path ("hostile/deep.json");
  g_autofree char *sections = scratch_path ("hostile/sections.json");
  g_autoptr (GString) text = g_string_new (
    "{\"id\": \"deep\", \"name\": \"Deep\", \"description\": \"\", \"language\": \"en\", "
    "\"kind\": \"initial\", \"stage\": \"investigating\", \"severity\": \"minor\", "
    "\"variables\": [{\"name\": \"x\", \"description\": \"\", \"example\": ");
  g_autofree char *expected = NULL;
  g_auto (CandorTestCliRun) run = { 0 };

  for (guint i = 0; i < 50000; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < 50000; i++)
    g_string_append_c (text, ']');
  g_string_append (text, "}], \"fields\": {}}");
  write_text (deep, text->str);

  candor_test_cli_run (&run, NULL, "templates", "import", deep, NULL);
  expected = g_strdup_printf ("candor-cli: %s: line 1, column 290: lists and objects are nested "
                              "more than 100 deep here; Candor reads at most 100 levels\n",
                              deep);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.err, ==, expected);
  candor_test_cli_run_clear (&run);

  candor_test_cli_run (&run, NULL, "templates", "export", "deep", "-", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  candor_test_cli_run_clear (&run);

  /* Sections 10,000 deep took 299 s to check; refused at once. */
  g_string_truncate (text, strstr (text->str, "\"example\": ") - text->str);
  g_string_append (text, "\"example\": \"x\"}], \"fields\": {\"impact-now\": \"");
  for (guint i = 0; i < 10000; i++)
    g_string_append (text, "{{#x}}");
  for (guint i = 0; i < 10000; i++)
    g_string_append (text, "{{/x}}");
  g_string_append (text, "\"}}");
  write_text (sections, text->str);
  candor_test_cli_run (&run, NULL, "templates", "import", sections, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "fields.impact-now: line 1, column 601: sections are nested "
                                     "more than 100 deep here; a template may nest at most 100\n"));
}

static void
test_cli_templates_render (void)
{
  g_autofree char *template = scratch_path ("render/message.mustache");
  g_autofree char *data = scratch_path ("render/data.json");
  g_autofree char *partials = scratch_path ("render/partials");
  g_autofree char *signature = scratch_path ("render/partials/signature.mustache");
  g_autofree char *unclosed = scratch_path ("render/unclosed.mustache");
  g_autofree char *bad_data = scratch_path ("render/bad.json");
  g_autofree char *expected = NULL;
  g_auto (CandorTestCliRun) html = { 0 };
  g_auto (CandorTestCliRun) none = { 0 };
  g_auto (CandorTestCliRun) syntax = { 0 };
  g_auto (CandorTestCliRun) json = { 0 };
  g_auto (CandorTestCliRun) missing = { 0 };
  g_auto (CandorTestCliRun) bad_escape = { 0 };

  write_text (template, "{{service}} is down.\n{{#affected}}\n- {{.}}\n{{/affected}}\n"
                        "{{> signature}}\n");
  write_text (data, "{\"service\": \"Mail & Chat\", \"affected\": [\"Sending\", \"Search\"], "
                    "\"team\": \"Ops\"}");
  write_text (signature, "-- {{team}}");

  candor_test_cli_run (&html, NULL, "templates", "render", template, "--data", data, "--partials",
                       partials, NULL);
  g_assert_cmpint (html.status, ==, 0);
  g_assert_cmpstr (html.err, ==, "");
  g_assert_cmpstr (html.out, ==, "Mail &amp; Chat is down.\n- Sending\n- Search\n-- Ops");

  /* A standalone tag line leaves no line behind, and without --partials a
   * partial renders as nothing, as the spec says. */
  {
    g_autofree char *data_option = g_strconcat ("--data=", data, NULL);

    candor_test_cli_run (&none, NULL, "templates", "render", "--escape=none", template, data_option,
                         NULL);
  }
  g_assert_cmpint (none.status, ==, 0);
  g_assert_cmpstr (none.out, ==, "Mail & Chat is down.\n- Sending\n- Search\n");

  write_text (unclosed, "Hello\n{{#affected}}\n- {{.}}\n");
  candor_test_cli_run (&syntax, NULL, "templates", "render", unclosed, "--data", data, NULL);
  g_assert_cmpint (syntax.status, ==, 2);
  expected = g_strdup_printf ("candor-cli: %s: Line 2, column 1: the section “affected” is never "
                              "closed; add {{/affected}}\n",
                              unclosed);
  g_assert_cmpstr (syntax.err, ==, expected);
  g_clear_pointer (&expected, g_free);

  write_text (bad_data, "{\"service\": }");
  candor_test_cli_run (&json, NULL, "templates", "render", template, "--data", bad_data, NULL);
  g_assert_cmpint (json.status, ==, 2);
  g_assert_true (g_str_has_prefix (json.err, "candor-cli: "));
  g_assert_nonnull (strstr (json.err, "bad.json: line 1, column "));

  candor_test_cli_run (&missing, NULL, "templates", "render", template, NULL);
  g_assert_cmpint (missing.status, ==, 2);
  g_assert_cmpstr (missing.err, ==,
                   "candor-cli: option '--data' is required for render\n"
                   "Try 'candor-cli templates --help' for more information.\n");

  candor_test_cli_run (&bad_escape, NULL, "templates", "render", template, "--data", data,
                       "--escape=rtf", NULL);
  g_assert_cmpint (bad_escape.status, ==, 2);
  g_assert_true (g_str_has_prefix (
    bad_escape.err,
    "candor-cli: invalid argument 'rtf' for '--escape': use one of html, slack, none\n"));
}

static void
test_cli_templates_usage_errors (void)
{
  const struct
  {
    const char *args[4];
    const char *first_line;
  } cases[] = {
    { { NULL }, "candor-cli: missing subcommand\n" },
    { { "frobnicate", NULL }, "candor-cli: 'frobnicate' is not a subcommand of templates\n" },
    { { "show", NULL }, "candor-cli: missing template id\n" },
    { { "show", "a", "b", NULL }, "candor-cli: extra operand 'b'\n" },
    { { "export", "en-minor-resolved", NULL },
      "candor-cli: missing destination file operand after 'en-minor-resolved'\n" },
    { { "import", NULL }, "candor-cli: missing file operand\n" },
    { { "list", "--kind=soon", NULL },
      "candor-cli: invalid argument 'soon' for '--kind': use one of initial, progress, "
      "resolution, post-incident\n" },
    { { "list", "--severity", "huge", NULL },
      "candor-cli: invalid argument 'huge' for '--severity': use one of minor, major, critical\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (CandorTestCliRun) run = { 0 };

      candor_test_cli_run (&run, NULL, "templates", cases[i].args[0], cases[i].args[1],
                           cases[i].args[2], cases[i].args[3], NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_true (g_str_has_prefix (run.err, cases[i].first_line));
      g_assert_true (
        g_str_has_suffix (run.err, "Try 'candor-cli templates --help' for more information.\n"));
    }
}

static void
test_cli_templates_help (void)
{
  g_auto (CandorTestCliRun) run = { 0 };

  candor_test_cli_run (&run, NULL, "templates", "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "Usage: candor-cli templates SUBCOMMAND"));
  g_assert_nonnull (strstr (run.out, "render TEMPLATE_FILE --data=DATA.json"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/templates/list", test_cli_templates_list);
  g_test_add_func ("/cli/templates/show", test_cli_templates_show);
  g_test_add_func ("/cli/templates/export-import", test_cli_templates_export_import);
  g_test_add_func ("/cli/templates/broken-user-template", test_cli_templates_broken_user_template);
  g_test_add_func ("/cli/templates/import-hostile", test_cli_templates_import_hostile);
  g_test_add_func ("/cli/templates/render", test_cli_templates_render);
  g_test_add_func ("/cli/templates/usage-errors", test_cli_templates_usage_errors);
  g_test_add_func ("/cli/templates/help", test_cli_templates_help);

  return g_test_run ();
}
