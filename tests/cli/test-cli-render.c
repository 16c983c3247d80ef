/* test-cli-render.c
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
draft_option (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "drafts", name, NULL);

  return g_strconcat ("--draft=", path, NULL);
}

static char *
bilingual_option (void)
{
  g_autofree char *path =
    g_test_build_filename (G_TEST_DIST, "data", "bilingual-initial.json", NULL);

  return g_strconcat ("--draft=", path, NULL);
}

/* A draft in English and Russian with an audience of each: every language
 * is rendered, each rendition headed by its language; --lang keeps one. */
static void
test_render_languages (void)
{
  g_autofree char *draft = bilingual_option ();
  g_auto (CandorTestCliRun) all = { 0 };
  g_auto (CandorTestCliRun) ru = { 0 };
  g_auto (CandorTestCliRun) json = { 0 };
  g_auto (CandorTestCliRun) none = { 0 };
  g_autoptr (JsonNode) root = NULL;
  JsonArray *renditions;

  candor_test_cli_run (&all, NULL, "render", draft, NULL);
  g_assert_cmpint (all.status, ==, 0);
  g_assert_true (g_str_has_prefix (all.out, "==> customers / plain [en] <==\n"));
  g_assert_nonnull (strstr (all.out, "\n==> klienty / plain [ru] <==\n"));
  g_assert_nonnull (strstr (all.out, "We will let you know as soon as it is fixed."));
  g_assert_nonnull (strstr (all.out, "Мы сообщим, как только всё исправим."));

  candor_test_cli_run (&ru, NULL, "render", draft, "--lang=ru", NULL);
  g_assert_cmpint (ru.status, ==, 0);
  g_assert_cmpstr (ru.err, ==, "");
  g_assert_null (strstr (ru.out, "==>"));
  g_assert_nonnull (strstr (ru.out, "Мы сообщим, как только всё исправим."));
  g_assert_null (strstr (ru.out, "We will let you know"));
  /* The incident title in the readers' language too. */
  g_assert_nonnull (strstr (ru.out, "Страница входа медленно загружается"));
  g_assert_null (strstr (ru.out, "Login page slow to load"));
  g_assert_nonnull (strstr (all.out, "Login page slow to load"));

  candor_test_cli_run (&json, NULL, "render", draft, "--json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  root = json_from_string (json.out, NULL);
  g_assert_nonnull (root);
  renditions = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (renditions), ==, 2);
  g_assert_cmpstr (
    json_object_get_string_member (json_array_get_object_element (renditions, 0), "language"), ==,
    "en");
  g_assert_cmpstr (
    json_object_get_string_member (json_array_get_object_element (renditions, 1), "language"), ==,
    "ru");

  /* Readers of a language without any text yet get the primary text
   * meanwhile, and the rendition says it is in that language. */
  {
    g_autofree char *path =
      g_test_build_filename (G_TEST_DIST, "data", "bilingual-initial.json", NULL);
    g_autoptr (JsonParser) parser = json_parser_new ();
    g_autoptr (GError) error = NULL;
    g_autofree char *untranslated = NULL;
    g_auto (CandorTestCliRun) primary = { 0 };

    json_parser_load_from_file (parser, path, &error);
    g_assert_no_error (error);
    json_object_remove_member (json_object_get_object_member (
                                 json_node_get_object (json_parser_get_root (parser)), "update"),
                               "translations");
    untranslated = json_to_string (json_parser_get_root (parser), FALSE);
    candor_test_cli_run (&primary, untranslated, "render", "--lang=ru", "--json", "-", NULL);
    g_assert_cmpint (primary.status, ==, 0);
    g_clear_pointer (&root, json_node_unref);
    root = json_from_string (primary.out, NULL);
    renditions = json_node_get_array (root);
    g_assert_cmpuint (json_array_get_length (renditions), ==, 1);
    g_assert_cmpstr (
      json_object_get_string_member (json_array_get_object_element (renditions, 0), "audience"), ==,
      "klienty");
    g_assert_cmpstr (
      json_object_get_string_member (json_array_get_object_element (renditions, 0), "language"), ==,
      "en");
  }

  candor_test_cli_run (&none, NULL, "render", draft, "--lang=de", NULL);
  g_assert_cmpint (none.status, ==, 2);
  g_assert_true (g_str_has_prefix (
    none.err, "candor-cli: no audience of the draft reads 'de'; its renditions are in: en, ru\n"));
}

static void
test_render_plain (void)
{
  g_autofree char *draft = draft_option ("full-major-en.json");
  g_auto (CandorTestCliRun) run = { 0 };

  candor_test_cli_run (&run, NULL, "render", draft, "--audience", "customers", "--format", "plain",
                       NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (g_str_has_prefix (run.out, "Update: Card payments failing at checkout\n\n"
                                            "What is affected\nSince 08:12 CET"));
  /* Customers never see the internals. */
  g_assert_null (strstr (run.out, "Technical details"));
}

static void
test_render_email_prints_mime (void)
{
  g_autofree char *draft = draft_option ("full-critical-ru.json");
  g_auto (CandorTestCliRun) run = { 0 };

  candor_test_cli_run (&run, NULL, "render", draft, "--audience=customers", "--format=email", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\nSubject: =?UTF-8?B?"));
  g_assert_nonnull (strstr (run.out, "\nMIME-Version: 1.0\n"));
  g_assert_nonnull (strstr (run.out, "Content-Type: multipart/alternative;"));
  g_assert_true (strstr (run.out, "Content-Type: text/plain; charset=utf-8") <
                 strstr (run.out, "Content-Type: text/html; charset=utf-8"));
}

static void
test_render_social (void)
{
  g_autofree char *draft = draft_option ("full-major-en.json");
  g_auto (CandorTestCliRun) run = { 0 };

  candor_test_cli_run (&run, NULL, "render", draft, "--audience", "customers", "--format",
                       "bluesky", NULL);
  g_assert_cmpint (run.status, ==, 0);
  /* Each post, then its length against the limit. */
  g_assert_true (g_str_has_prefix (run.out, "Update: Card payments failing at checkout\n"));
  g_assert_nonnull (strstr (run.out, " 1/"));
  g_assert_nonnull (strstr (run.out, "/300\n"));
}

static void
test_render_json (void)
{
  g_autofree char *draft = draft_option ("full-major-en.json");
  g_auto (CandorTestCliRun) run = { 0 };
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) error = NULL;
  JsonArray *renditions;
  guint      n_teams = 0;

  candor_test_cli_run (&run, NULL, "render", draft, "--json", NULL);
  /* The technical audience's Discord message is over 2000 characters: the
   * JSON says so in its findings and the exit status tells a script. */
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, "");
  root = json_from_string (run.out, &error);
  g_assert_no_error (error);
  renditions = json_node_get_array (root);

  /* Every default audience through each of its formats: 5 + 3 + 6. */
  g_assert_cmpuint (json_array_get_length (renditions), ==, 14);
  for (guint i = 0; i < json_array_get_length (renditions); i++)
    {
      JsonObject *rendition = json_array_get_object_element (renditions, i);
      const char *format = json_object_get_string_member (rendition, "format");

      g_assert_true (json_object_has_member (rendition, "text"));
      g_assert_true (json_object_has_member (rendition, "findings"));
      /* The draft's audiences name formats: each is the default channel of its kind. */
      g_assert_cmpstr (json_object_get_string_member (rendition, "channel"), ==, format);
      if (g_str_equal (format, "teams"))
        {
          JsonObject *card = json_object_get_object_member (rendition, "json");

          g_assert_cmpstr (json_object_get_string_member (card, "type"), ==, "AdaptiveCard");
          n_teams++;
        }
      if (g_str_equal (format, "email"))
        g_assert_true (
          g_str_has_prefix (json_object_get_string_member (rendition, "html"), "<!DOCTYPE html>"));
      if (g_str_equal (format, "x"))
        g_assert_cmpuint (json_array_get_length (json_object_get_array_member (rendition, "posts")),
                          >, 1);
    }
  g_assert_cmpuint (n_teams, ==, 1);
}

static void
test_render_errors (void)
{
  g_autofree char *draft = draft_option ("full-major-en.json");
  const struct
  {
    const char *args[3];
    const char *first_line;
  } cases[] = {
    { { NULL }, "candor-cli: missing file operand\n" },
    { { "--frobnicate", NULL }, "candor-cli: unrecognized option '--frobnicate'\n" },
    { { draft, "--format", "fax" },
      "candor-cli: invalid format 'fax'; valid formats are: plain, " },
    { { draft, "--audience", "board" },
      "candor-cli: the draft has no audience 'board'; it has: customers, executives, technical\n" },
    { { draft, "--format", NULL }, "candor-cli: option '--format' requires an argument\n" },
    { { draft, "extra", NULL }, "candor-cli: extra operand 'extra'\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (CandorTestCliRun) run = { 0 };

      candor_test_cli_run (&run, NULL, "render", cases[i].args[0], cases[i].args[1],
                           cases[i].args[2], NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_true (g_str_has_prefix (run.err, cases[i].first_line));
      g_assert_true (
        g_str_has_suffix (run.err, "Try 'candor-cli render --help' for more information.\n"));
    }
}

/* The draft may be an operand, as for `check`; a message over its channel's
 * limit is still printed, named on standard error, and exits 1. */
static void
test_render_operand_and_over_limit (void)
{
  g_autofree char *path =
    g_test_build_filename (G_TEST_DIST, "data", "drafts", "full-major-en.json", NULL);
  g_autofree char *long_path = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (GString) impact = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  g_auto (CandorTestCliRun) run = { 0 };
  g_auto (CandorTestCliRun) over = { 0 };
  int fd;

  candor_test_cli_run (&run, NULL, "render", path, "--audience=customers", "--format=plain", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "Update: Card payments failing at checkout\n"));

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  while (impact->len < 2500)
    g_string_append (impact, "Card payments fail for some customers at checkout. ");
  json_object_set_string_member (
    json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "update"),
    "impact-now", impact->str);
  fd = g_file_open_tmp ("candor-render-XXXXXX.json", &long_path, &error);
  g_assert_no_error (error);
  g_close (fd, NULL);
  json_generator_set_root (generator, json_parser_get_root (parser));
  json_generator_to_file (generator, long_path, &error);
  g_assert_no_error (error);

  candor_test_cli_run (&over, NULL, "render", long_path, "--audience=customers", "--format=discord",
                       NULL);
  g_assert_cmpint (over.status, ==, 1);
  g_assert_true (g_str_has_prefix (over.out, "**Update: Card payments failing at checkout**"));
  g_assert_true (g_str_has_prefix (over.err, "candor-cli: customers/discord: "));
  g_unlink (long_path);
}

static void
test_render_bad_draft (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("candor-render-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "broken.json", NULL);
  g_autofree char *option = g_strconcat ("--draft=", path, NULL);
  g_auto (CandorTestCliRun) run = { 0 };

  g_assert_no_error (error);
  g_file_set_contents (path, "{\"format\": \"candor-draft\",\n \"version\": 1,\n", -1, &error);
  g_assert_no_error (error);

  /* An input error names the file, and the place in it. */
  candor_test_cli_run (&run, NULL, "render", option, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_true (g_str_has_prefix (run.err, "candor-cli: "));
  g_assert_nonnull (strstr (run.err, path));

  g_remove (path);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/render/plain", test_render_plain);
  g_test_add_func ("/cli/render/languages", test_render_languages);
  g_test_add_func ("/cli/render/email-prints-mime", test_render_email_prints_mime);
  g_test_add_func ("/cli/render/social", test_render_social);
  g_test_add_func ("/cli/render/json", test_render_json);
  g_test_add_func ("/cli/render/errors", test_render_errors);
  g_test_add_func ("/cli/render/bad-draft", test_render_bad_draft);
  g_test_add_func ("/cli/render/operand-and-over-limit", test_render_operand_and_over_limit);

  return g_test_run ();
}
