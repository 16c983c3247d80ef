/* candor-store-schema.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "candor-store-private.h"

#define MIGRATIONS_PATH "/io/github/candor/Candor/store/migrations/"

/* Every version's SQL, in order, loaded once: migrations->pdata[v - 1] (a
 * GBytes) takes a database from version v - 1 to v. The files are numbered
 * without gaps; the first missing number ends the schema. */
static GPtrArray *
load_migrations (void)
{
  GPtrArray *migrations = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);

  for (guint version = 1;; version++)
    {
      g_autofree char *path = g_strdup_printf (MIGRATIONS_PATH "%04u.sql", version);
      GBytes          *sql = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

      if (sql == NULL)
        break;
      g_ptr_array_add (migrations, sql);
    }

  g_assert (migrations->len > 0);
  return migrations;
}

static GPtrArray *
get_migrations (void)
{
  static GPtrArray *migrations;

  if (g_once_init_enter (&migrations))
    g_once_init_leave (&migrations, load_migrations ());

  return migrations;
}

int
_candor_store_get_schema_version (void)
{
  return get_migrations ()->len;
}

/* Resource data is followed by a NUL byte, so it reads as a string. */
const char *
_candor_store_get_migration_sql (int to_version)
{
  GPtrArray *migrations = get_migrations ();

  g_return_val_if_fail (to_version >= 1 && to_version <= (int)migrations->len, NULL);

  return g_bytes_get_data (migrations->pdata[to_version - 1], NULL);
}

static gboolean
read_user_version (sqlite3 *db, const char *path, int *version, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return _candor_store_set_error (error, db, rc, path);

  *version = sqlite3_column_int (stmt, 0);
  return TRUE;
}

gboolean
_candor_store_migrate (sqlite3 *db, int target_version, const char *path, GError **error)
{
  int version;

  if (!read_user_version (db, path, &version, error))
    return FALSE;

  if (version > _candor_store_get_schema_version ())
    {
      g_set_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_TOO_NEW,
                   _("The history “%s” was written by a newer version of Candor (format %d; this "
                     "version reads up to %d). It was left untouched."),
                      path, version, _candor_store_get_schema_version ());
      return FALSE;
    }

  if (version >= target_version)
    return TRUE;

  /* The app and the CLI may open a new file at the same moment: whoever
   * gets the write lock migrates, the other re-reads the version after it. */
  if (!_candor_store_exec (db, "BEGIN IMMEDIATE", path, error))
    return FALSE;

  if (!read_user_version (db, path, &version, error))
    goto fail;

  for (; version < target_version; version++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", version + 1);

      if (!_candor_store_exec (db, _candor_store_get_migration_sql (version + 1), path, error) ||
          !_candor_store_exec (db, bump, path, error))
        goto fail;
    }

  if (!_candor_store_exec (db, "COMMIT", path, error))
    goto fail;

  return TRUE;

fail:
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}
