/* test-mustache-spec.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "candor-mustache.h"

/* Runs the official Mustache specification against our engine, one GTest per spec test,
 * so that a failure names the spec test that broke. */

static const char *const spec_files[] = {
  "comments", "delimiters", "interpolation", "inverted", "partials", "sections",
};

typedef struct
{
  char *template;
  char       *expected;
  JsonNode   *data;
  GHashTable *partials;
} SpecCase;

static void
spec_case_free (SpecCase *spec_case)
{
  g_free (spec_case->template);
  g_free (spec_case->expected);
  g_clear_pointer (&spec_case->data, json_node_unref);
  g_clear_pointer (&spec_case->partials, g_hash_table_unref);
  g_free (spec_case);
}

static void
run_spec_case (gconstpointer data)
{
  const SpecCase             *spec_case = data;
  CandorMustacheRenderOptions options = {
    .escape = CANDOR_MUSTACHE_ESCAPE_HTML,
    .partials = spec_case->partials,
  };
  g_autoptr (CandorMustacheTemplate) template = NULL;
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GError) error = NULL;

  template = candor_mustache_template_new (spec_case->template, &error);
  g_assert_no_error (error);
  g_assert_nonnull (template);

  g_assert_true (
    candor_mustache_template_render_full (template, spec_case->data, &options, out, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (out->str, ==, spec_case->expected);
}

static void
skip_missing_spec (gconstpointer data)
{
  g_autofree char *message =
    g_strdup_printf ("The Mustache spec files are not in %s; set CANDOR_MUSTACHE_SPEC_DIR to the "
                     "folder holding sections.json and the other spec files",
                     (const char *)data);

  g_test_skip (message);
}

/* GTest splits paths at "/" and frowns on some characters, so keep names readable but safe. */
static char *
sanitize_test_name (const char *name)
{
  GString *sanitized = g_string_new (NULL);

  for (const char *p = name; *p != '\0'; p++)
    g_string_append_c (sanitized, g_ascii_isalnum (*p) || strchr (" -_().,'", *p) ? *p : '_');

  return g_string_free (sanitized, FALSE);
}

static void
add_spec_file (GPtrArray *cases, const char *directory, const char *spec)
{
  g_autofree char *filename = g_strdup_printf ("%s.json", spec);
  g_autofree char *path = g_build_filename (directory, filename, NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonArray *tests;

  if (!json_parser_load_from_file (parser, path, &error))
    g_error ("Cannot read the spec file %s: %s", path, error->message);

  tests =
    json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "tests");
  for (guint i = 0; i < json_array_get_length (tests); i++)
    {
      JsonObject      *test = json_array_get_object_element (tests, i);
      SpecCase        *spec_case = g_new0 (SpecCase, 1);
      g_autofree char *name = sanitize_test_name (json_object_get_string_member (test, "name"));
      g_autofree char *test_path = g_strdup_printf ("/core/mustache/spec/%s/%s", spec, name);

      spec_case->template = g_strdup (json_object_get_string_member (test, "template"));
      spec_case->expected = g_strdup (json_object_get_string_member (test, "expected"));
      spec_case->data = json_node_copy (json_object_get_member (test, "data"));
      spec_case->partials = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      if (json_object_has_member (test, "partials"))
        {
          JsonObject *partials = json_object_get_object_member (test, "partials");
          g_autoptr (GList) names = json_object_get_members (partials);

          for (GList *l = names; l != NULL; l = l->next)
            g_hash_table_insert (spec_case->partials, g_strdup (l->data),
                                 g_strdup (json_object_get_string_member (partials, l->data)));
        }

      g_ptr_array_add (cases, spec_case);
      g_test_add_data_func (test_path, spec_case, run_spec_case);
    }
}

int
main (int argc, char *argv[])
{
  g_autoptr (GPtrArray) cases = g_ptr_array_new_with_free_func ((GDestroyNotify)spec_case_free);
  g_autofree char *directory = NULL;
  const char      *source_root;

  g_test_init (&argc, &argv, NULL);

  source_root = g_getenv ("CANDOR_SOURCE_ROOT");
  if (g_getenv ("CANDOR_MUSTACHE_SPEC_DIR") != NULL)
    directory = g_strdup (g_getenv ("CANDOR_MUSTACHE_SPEC_DIR"));
  else
    directory = g_build_filename (source_root != NULL ? source_root : ".", "..", "shared",
                                  "conformance", "mustache", NULL);

  if (g_file_test (directory, G_FILE_TEST_IS_DIR))
    {
      for (guint i = 0; i < G_N_ELEMENTS (spec_files); i++)
        add_spec_file (cases, directory, spec_files[i]);
    }
  else
    {
      g_test_add_data_func ("/core/mustache/spec/missing", directory, skip_missing_spec);
    }

  return g_test_run ();
}
