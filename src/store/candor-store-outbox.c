/* candor-store-outbox.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "candor-store-private.h"

gint64
candor_store_add_publication (CandorStore *self,
                              gint64       rendition_id,
                              const char  *channel_id,
                              GError     **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  g_return_val_if_fail (CANDOR_IS_STORE (self), 0);
  g_return_val_if_fail (rendition_id > 0, 0);
  g_return_val_if_fail (channel_id != NULL, 0);

  CANDOR_STORE_LOCK_GUARD (self);

  if (!_candor_store_prepare (
        self,
        "INSERT INTO publications (rendition_id, channel_id, state, created_at,"
        " updated_at) VALUES (?1, ?2, 'waiting', ?3, ?3)",
        &stmt, error))
    return 0;

  sqlite3_bind_int64 (stmt, 1, rendition_id);
  sqlite3_bind_text (stmt, 2, channel_id, -1, SQLITE_TRANSIENT);
  _candor_store_bind_time (stmt, 3, now);

  if (!_candor_store_step_done (self, stmt, error))
    return 0;

  return sqlite3_last_insert_rowid (self->db);
}

gboolean
candor_store_set_publication_state (CandorStore           *self,
                                    gint64                 publication_id,
                                    CandorPublicationState state,
                                    const char            *remote_id,
                                    const char            *remote_url,
                                    const char            *last_error,
                                    GError               **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  g_return_val_if_fail (CANDOR_IS_STORE (self), FALSE);
  g_return_val_if_fail (state <= CANDOR_PUBLICATION_STATE_VERIFY, FALSE);

  CANDOR_STORE_LOCK_GUARD (self);

  if (!_candor_store_prepare (
        self,
        "UPDATE publications SET state = ?2,"
        " remote_id = COALESCE (?3, remote_id), remote_url = COALESCE (?4, remote_url),"
        " last_error = ?5, attempts = attempts + ?6, updated_at = ?7 WHERE id = ?1",
        &stmt, error))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, publication_id);
  sqlite3_bind_text (stmt, 2, candor_publication_state_to_string (state), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, remote_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, remote_url, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, last_error, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 6, state != CANDOR_PUBLICATION_STATE_WAITING);
  _candor_store_bind_time (stmt, 7, now);

  if (!_candor_store_step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_NOT_FOUND,
                   _("There is no publication %lld in the outbox"), (long long)publication_id);
      return FALSE;
    }

  return TRUE;
}
