/* candor-store-paths.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "candor-store-paths.h"

/**
 * candor_store_paths_ensure_data_dir:
 *
 * Returns the folder that holds the history database and user templates,
 * creating it readable by its owner only: it keeps what was told to customers,
 * which is nobody else's business on a shared machine.
 */
char *
candor_store_paths_ensure_data_dir (GError **error)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "candor", NULL);

  if (g_mkdir_with_parents (path, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s"), path, g_strerror (saved_errno));
      return NULL;
    }

  return g_steal_pointer (&path);
}
