/* candor-store-drafts.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "candor-store-private.h"

gboolean
candor_store_save_draft (CandorStore *self,
                         const char  *draft_id,
                         const char  *incident_id,
                         const char  *json,
                         GError     **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  g_return_val_if_fail (CANDOR_IS_STORE (self), FALSE);
  g_return_val_if_fail (draft_id != NULL, FALSE);
  g_return_val_if_fail (json != NULL, FALSE);

  CANDOR_STORE_LOCK_GUARD (self);

  if (!_candor_store_prepare (
        self,
        "INSERT INTO drafts (id, incident_id, json, saved_at) VALUES (?1, ?2, ?3, ?4)"
        " ON CONFLICT (id) DO UPDATE SET incident_id = excluded.incident_id,"
        " json = excluded.json, saved_at = excluded.saved_at",
        &stmt, error))
    return FALSE;

  sqlite3_bind_text (stmt, 1, draft_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, incident_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, json, -1, SQLITE_TRANSIENT);
  _candor_store_bind_time (stmt, 4, now);

  return _candor_store_step_done (self, stmt, error);
}

static void
save_draft_job (CandorStore *self, GTask *task)
{
  CandorStoreCall *call = g_task_get_task_data (task);
  GError          *error = NULL;
  gboolean ok = candor_store_save_draft (self, call->id, call->other_id, call->json, &error);

  _candor_store_return_boolean (task, ok, error);
}

void
candor_store_save_draft_async (CandorStore        *self,
                               const char         *draft_id,
                               const char         *incident_id,
                               const char         *json,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  CandorStoreCall *call;

  g_return_if_fail (CANDOR_IS_STORE (self));
  g_return_if_fail (draft_id != NULL);
  g_return_if_fail (json != NULL);

  task = _candor_store_new_call_task (self, candor_store_save_draft_async, cancellable, callback,
                                      user_data, &call);
  call->id = g_strdup (draft_id);
  call->other_id = g_strdup (incident_id);
  call->json = g_strdup (json);
  _candor_store_run_job (self, task, save_draft_job);
}

gboolean
candor_store_save_draft_finish (CandorStore *self, GAsyncResult *result, GError **error)
{
  return _candor_store_finish_boolean (self, result, candor_store_save_draft_async, error);
}

char *
candor_store_load_draft (CandorStore *self, const char *draft_id, GError **error)
{
  g_autofree char *missing = NULL;

  g_return_val_if_fail (CANDOR_IS_STORE (self), NULL);
  g_return_val_if_fail (draft_id != NULL, NULL);

  CANDOR_STORE_LOCK_GUARD (self);

  missing = g_strdup_printf (_("There is no draft “%s”"), draft_id);
  return _candor_store_query_one_text (self, "SELECT json FROM drafts WHERE id = ?1", draft_id,
                                       missing, error);
}

static void
load_drafts_job (CandorStore *self, GTask *task)
{
  GError    *error = NULL;
  GPtrArray *drafts = _candor_store_query_texts (
    self, "SELECT json FROM drafts ORDER BY saved_at DESC, rowid DESC", &error);

  _candor_store_return_pointer (task, drafts, (GDestroyNotify)g_ptr_array_unref, error);
}

void
candor_store_load_drafts_async (CandorStore        *self,
                                GCancellable       *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  CandorStoreCall *call;

  g_return_if_fail (CANDOR_IS_STORE (self));

  task = _candor_store_new_call_task (self, candor_store_load_drafts_async, cancellable, callback,
                                      user_data, &call);
  _candor_store_run_job (self, task, load_drafts_job);
}

GPtrArray *
candor_store_load_drafts_finish (CandorStore *self, GAsyncResult *result, GError **error)
{
  return _candor_store_finish_pointer (self, result, candor_store_load_drafts_async, error);
}

gboolean
candor_store_delete_draft (CandorStore *self, const char *draft_id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CANDOR_IS_STORE (self), FALSE);
  g_return_val_if_fail (draft_id != NULL, FALSE);

  CANDOR_STORE_LOCK_GUARD (self);

  if (!_candor_store_prepare (self, "DELETE FROM drafts WHERE id = ?1", &stmt, error))
    return FALSE;

  sqlite3_bind_text (stmt, 1, draft_id, -1, SQLITE_TRANSIENT);
  return _candor_store_step_done (self, stmt, error);
}

static void
delete_draft_job (CandorStore *self, GTask *task)
{
  CandorStoreCall *call = g_task_get_task_data (task);
  GError          *error = NULL;
  gboolean         ok = candor_store_delete_draft (self, call->id, &error);

  _candor_store_return_boolean (task, ok, error);
}

void
candor_store_delete_draft_async (CandorStore        *self,
                                 const char         *draft_id,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  CandorStoreCall *call;

  g_return_if_fail (CANDOR_IS_STORE (self));
  g_return_if_fail (draft_id != NULL);

  task = _candor_store_new_call_task (self, candor_store_delete_draft_async, cancellable, callback,
                                      user_data, &call);
  call->id = g_strdup (draft_id);
  _candor_store_run_job (self, task, delete_draft_job);
}

gboolean
candor_store_delete_draft_finish (CandorStore *self, GAsyncResult *result, GError **error)
{
  return _candor_store_finish_boolean (self, result, candor_store_delete_draft_async, error);
}

GStrv
candor_store_list_drafts (CandorStore *self, GError **error)
{
  g_return_val_if_fail (CANDOR_IS_STORE (self), NULL);

  CANDOR_STORE_LOCK_GUARD (self);

  return _candor_store_query_ids (self, "SELECT id FROM drafts ORDER BY saved_at DESC, rowid DESC",
                                  error);
}

gboolean
candor_store_set_draft_step (CandorStore *self, const char *draft_id, guint step, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CANDOR_IS_STORE (self), FALSE);
  g_return_val_if_fail (draft_id != NULL, FALSE);

  CANDOR_STORE_LOCK_GUARD (self);

  if (!_candor_store_prepare (self, "UPDATE drafts SET step = ?2 WHERE id = ?1", &stmt, error))
    return FALSE;

  sqlite3_bind_text (stmt, 1, draft_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, step);
  return _candor_store_step_done (self, stmt, error);
}

static void
set_draft_step_job (CandorStore *self, GTask *task)
{
  CandorStoreCall *call = g_task_get_task_data (task);
  GError          *error = NULL;
  gboolean         ok = candor_store_set_draft_step (self, call->id, call->count, &error);

  _candor_store_return_boolean (task, ok, error);
}

void
candor_store_set_draft_step_async (CandorStore        *self,
                                   const char         *draft_id,
                                   guint               step,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  CandorStoreCall *call;

  g_return_if_fail (CANDOR_IS_STORE (self));
  g_return_if_fail (draft_id != NULL);

  task = _candor_store_new_call_task (self, candor_store_set_draft_step_async, cancellable,
                                      callback, user_data, &call);
  call->id = g_strdup (draft_id);
  call->count = step;
  _candor_store_run_job (self, task, set_draft_step_job);
}

gboolean
candor_store_set_draft_step_finish (CandorStore *self, GAsyncResult *result, GError **error)
{
  return _candor_store_finish_boolean (self, result, candor_store_set_draft_step_async, error);
}

void
candor_draft_record_free (CandorDraftRecord *record)
{
  if (record == NULL)
    return;

  g_free (record->id);
  g_free (record->incident_id);
  g_free (record->json);
  g_clear_pointer (&record->saved_at, g_date_time_unref);
  g_free (record);
}

GPtrArray *
candor_store_load_draft_records (CandorStore *self, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) records =
    g_ptr_array_new_with_free_func ((GDestroyNotify)candor_draft_record_free);
  int rc;

  g_return_val_if_fail (CANDOR_IS_STORE (self), NULL);

  CANDOR_STORE_LOCK_GUARD (self);

  if (!_candor_store_prepare (self,
                              "SELECT id, incident_id, json, step, saved_at FROM drafts"
                              " ORDER BY saved_at DESC, rowid DESC",
                              &stmt, error))
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CandorDraftRecord *record = g_new0 (CandorDraftRecord, 1);
      sqlite3_int64      step = sqlite3_column_int64 (stmt, 3);

      record->id = g_strdup (_candor_store_column_text (stmt, 0));
      record->incident_id = g_strdup (_candor_store_column_text (stmt, 1));
      record->json = g_strdup (_candor_store_column_text (stmt, 2));
      record->step = step > 0 && step < G_MAXUINT ? (guint)step : 0;
      record->saved_at = _candor_store_column_time (stmt, 4);
      g_ptr_array_add (records, record);
    }

  if (rc != SQLITE_DONE)
    {
      _candor_store_set_error (error, _candor_store_get_db (self), rc,
                               candor_store_get_path (self));
      return NULL;
    }

  return g_steal_pointer (&records);
}

static void
load_draft_records_job (CandorStore *self, GTask *task)
{
  GError    *error = NULL;
  GPtrArray *records = candor_store_load_draft_records (self, &error);

  _candor_store_return_pointer (task, records, (GDestroyNotify)g_ptr_array_unref, error);
}

void
candor_store_load_draft_records_async (CandorStore        *self,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  CandorStoreCall *call;

  g_return_if_fail (CANDOR_IS_STORE (self));

  task = _candor_store_new_call_task (self, candor_store_load_draft_records_async, cancellable,
                                      callback, user_data, &call);
  _candor_store_run_job (self, task, load_draft_records_job);
}

GPtrArray *
candor_store_load_draft_records_finish (CandorStore *self, GAsyncResult *result, GError **error)
{
  return _candor_store_finish_pointer (self, result, candor_store_load_draft_records_async, error);
}
