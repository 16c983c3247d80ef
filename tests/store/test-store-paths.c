/* test-store-paths.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "candor-store-paths.h"

static void
test_store_paths_creates_private_dir (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  GStatBuf         st;

  path = candor_store_paths_ensure_data_dir (&error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (path, g_get_user_data_dir ()));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_true (S_ISDIR (st.st_mode));
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
}

static void
test_store_paths_reports_failure (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *blocker = g_build_filename (g_get_user_data_dir (), "candor", NULL);
  g_autofree char *path = NULL;

  /* A plain file where the folder should be: the user is told, nothing crashes. */
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (blocker, "", 0, NULL));
  path = candor_store_paths_ensure_data_dir (&error);
  g_assert_null (path);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, blocker));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/paths/creates-private-dir", test_store_paths_creates_private_dir);
  g_test_add_func ("/store/paths/reports-failure", test_store_paths_reports_failure);

  return g_test_run ();
}
