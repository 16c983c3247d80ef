/* fuzz-main.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <stdint.h>
#include <string.h>

/* Replays a corpus through any libFuzzer target without libFuzzer, so that every build
 * (gcc included) runs the seeds and the crash reproducers as a regression test.
 * Link it with one fuzz-*.c file; pass files or folders of inputs as arguments. */

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static gboolean
run_file (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize            length = 0;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }

  LLVMFuzzerTestOneInput ((const uint8_t *)contents, length);
  return TRUE;
}

static int
compare_paths (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *)a, *(const char *const *)b);
}

static gboolean
run_path (const char *path, guint *n_inputs)
{
  g_autoptr (GPtrArray) names = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) dir = NULL;
  const char *name;
  gboolean    ok = TRUE;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      (*n_inputs)++;
      return run_file (path);
    }

  dir = g_dir_open (path, 0, &error);
  if (dir == NULL)
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }

  /* Sorted, so that a failure is reproducible in the same order. */
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_build_filename (path, name, NULL));
  g_ptr_array_sort (names, compare_paths);

  for (guint i = 0; i < names->len; i++)
    {
      const char *input = g_ptr_array_index (names, i);

      ok = run_path (input, n_inputs) && ok;
    }

  return ok;
}

int
main (int argc, char *argv[])
{
  guint    n_inputs = 0;
  gboolean ok = TRUE;

  if (argc < 2)
    {
      g_printerr ("Usage: %s CORPUS-DIR-OR-FILE…\n", argv[0]);
      return 2;
    }

  for (int i = 1; i < argc; i++)
    ok = run_path (argv[i], &n_inputs) && ok;

  if (n_inputs == 0)
    {
      g_printerr ("No inputs found in the corpus\n");
      return 1;
    }

  g_print ("Ran %u inputs\n", n_inputs);
  return ok ? 0 : 1;
}
