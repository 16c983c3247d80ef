/* candor-store.c
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

#include "candor-store-paths.h"
#include "candor-store-private.h"

/* Long enough for another Candor process to finish a write, short enough
 * that a user who started something that hangs on to the file hears about it. */
#define DEFAULT_BUSY_TIMEOUT_MS 5000

G_DEFINE_FINAL_TYPE (CandorStore, candor_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (candor-store-error-quark, candor_store_error);

typedef struct
{
  GTask             *task;
  CandorStoreJobFunc func;
} Job;

/* Pushed once by finalize to end the worker. */
static Job stop_job;

/* Errors */

gboolean
_candor_store_set_corrupt_error (GError **error, const char *path, const char *detail)
{
  g_set_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_CORRUPT,
               _("The history file “%s” is damaged (%s). It can be set aside and a fresh "
                 "history started; the damaged file is kept for recovery."),
                  path, detail);
  return FALSE;
}

gboolean
_candor_store_set_error (GError **error, sqlite3 *db, int rc, const char *path)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
      case SQLITE_CORRUPT:
      case SQLITE_NOTADB:
        /* Whichever call met it, the whole history is now known damaged. */
        _candor_store_note_corrupt (db, detail);
        _candor_store_set_corrupt_error (error, path, detail);
        break;

      case SQLITE_BUSY:
      case SQLITE_LOCKED:
        g_set_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_BUSY,
                     _("The history “%s” is in use by another program that did not let go within "
                       "%d seconds. Close other Candor windows or candor-cli commands and try "
                       "again."),
                        path, DEFAULT_BUSY_TIMEOUT_MS / 1000);
        break;

      case SQLITE_FULL:
        g_set_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_FULL,
                     _("The disk that holds the history “%s” is full, so nothing was saved. What "
                       "you wrote is still here: free some space and try again."),
                        path);
        break;

      default:
        g_set_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_FAILED,
                     _("Could not use the history “%s”: %s"), path, detail);
        break;
    }

  return FALSE;
}

gboolean
_candor_store_exec (sqlite3 *db, const char *sql, const char *path, GError **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return _candor_store_set_error (error, db, rc, path);

  return TRUE;
}

gboolean
_candor_store_prepare (CandorStore *self, const char *sql, sqlite3_stmt **stmt, GError **error)
{
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, stmt, NULL);

  if (rc != SQLITE_OK)
    return _candor_store_set_error (error, self->db, rc, self->path);

  /* Nothing is written into a damaged history: it would be written silently
   * into a file that is about to be set aside. */
  if (g_atomic_int_get (&self->damaged) && !sqlite3_stmt_readonly (*stmt))
    {
      g_clear_pointer (stmt, sqlite3_finalize);
      return _candor_store_set_damaged_error (self, error);
    }

  return TRUE;
}

/* Runs a statement that returns no rows. */
gboolean
_candor_store_step_done (CandorStore *self, sqlite3_stmt *stmt, GError **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return _candor_store_set_error (error, self->db, rc, self->path);

  return TRUE;
}

gboolean
_candor_store_begin_write (CandorStore *self, GError **error)
{
  if (g_atomic_int_get (&self->damaged))
    return _candor_store_set_damaged_error (self, error);

  /* Inside a caller's transaction (a bulk import) a savepoint keeps the
   * all-or-nothing promise without ending theirs. */
  self->nested_write = !sqlite3_get_autocommit (self->db);
  if (self->nested_write)
    return _candor_store_exec (self->db, "SAVEPOINT candor_write", self->path, error);

  /* IMMEDIATE takes the write lock up front, so waiting for another process
   * happens here under the busy timeout instead of failing half way. */
  return _candor_store_exec (self->db, "BEGIN IMMEDIATE", self->path, error);
}

void
_candor_store_rollback (CandorStore *self)
{
  if (self->nested_write)
    sqlite3_exec (self->db, "ROLLBACK TO candor_write; RELEASE candor_write", NULL, NULL, NULL);
  else if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

gboolean
_candor_store_commit (CandorStore *self, GError **error)
{
  if (!_candor_store_exec (self->db, self->nested_write ? "RELEASE candor_write" : "COMMIT",
                           self->path, error))
    {
      _candor_store_rollback (self);
      return FALSE;
    }

  return TRUE;
}

/* Times are whole seconds since the epoch, UTC. */
void
_candor_store_bind_time (sqlite3_stmt *stmt, int index, GDateTime *time)
{
  if (time != NULL)
    sqlite3_bind_int64 (stmt, index, g_date_time_to_unix (time));
  else
    sqlite3_bind_null (stmt, index);
}

GDateTime *
_candor_store_column_time (sqlite3_stmt *stmt, int index)
{
  if (sqlite3_column_type (stmt, index) == SQLITE_NULL)
    return NULL;

  return g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, index));
}

const char *
_candor_store_column_text (sqlite3_stmt *stmt, int index)
{
  return (const char *)sqlite3_column_text (stmt, index);
}

int
_candor_store_enum_from_column (GType type, sqlite3_stmt *stmt, int index, int fallback)
{
  int value = fallback;

  if (!candor_enum_from_nick (type, _candor_store_column_text (stmt, index), &value))
    return fallback;

  return value;
}

/* One text column of one row, or NOT_FOUND with @missing. */
char *
_candor_store_query_one_text (CandorStore *self,
                              const char  *sql,
                              const char  *key,
                              const char  *missing,
                              GError     **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  if (!_candor_store_prepare (self, sql, &stmt, error))
    return NULL;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup (_candor_store_column_text (stmt, 0));

  if (rc == SQLITE_DONE)
    g_set_error_literal (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_NOT_FOUND, missing);
  else
    _candor_store_set_error (error, self->db, rc, self->path);

  return NULL;
}

GStrv
_candor_store_query_ids (CandorStore *self, const char *sql, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  int rc;

  if (!_candor_store_prepare (self, sql, &stmt, error))
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, _candor_store_column_text (stmt, 0));

  if (rc != SQLITE_DONE)
    {
      _candor_store_set_error (error, self->db, rc, self->path);
      return NULL;
    }

  return g_strv_builder_end (builder);
}

/* Every row's first column as text, in the statement's order. */
GPtrArray *
_candor_store_query_texts (CandorStore *self, const char *sql, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  int rc;

  CANDOR_STORE_LOCK_GUARD (self);

  if (!_candor_store_prepare (self, sql, &stmt, error))
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (texts, g_strdup (_candor_store_column_text (stmt, 0)));

  if (rc != SQLITE_DONE)
    {
      _candor_store_set_error (error, self->db, rc, self->path);
      return NULL;
    }

  return g_steal_pointer (&texts);
}

/* The worker */

static gpointer
worker_main (gpointer data)
{
  g_autoptr (GAsyncQueue) jobs = data;

  for (;;)
    {
      Job *job = g_async_queue_pop (jobs);

      if (job == &stop_job)
        break;

      if (!g_task_return_error_if_cancelled (job->task))
        job->func (g_task_get_source_object (job->task), job->task);

      /* This may drop the last reference to the store: finalize then detaches
       * instead of joining, and the loop ends on the stop job it queued. */
      g_object_unref (job->task);
      g_free (job);
    }

  return NULL;
}

void
_candor_store_run_job (CandorStore *self, GTask *task, CandorStoreJobFunc func)
{
  Job *job = g_new0 (Job, 1);

  job->task = g_object_ref (task);
  job->func = func;
  g_async_queue_push (self->jobs, job);
}

/* Lifecycle */

static void
candor_store_finalize (GObject *object)
{
  CandorStore *self = (CandorStore *)object;

  if (self->worker != NULL)
    {
      g_async_queue_push (self->jobs, &stop_job);
      if (g_thread_self () == self->worker)
        g_thread_unref (self->worker);
      else
        g_thread_join (self->worker);
    }

  g_clear_pointer (&self->jobs, g_async_queue_unref);
  if (self->db != NULL)
    {
      _candor_store_unregister (self);
      sqlite3_close_v2 (self->db);
    }
  g_clear_pointer (&self->salvage, g_array_unref);
  g_free (self->damage);
  g_rec_mutex_clear (&self->lock);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (candor_store_parent_class)->finalize (object);
}

static void
candor_store_class_init (CandorStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = candor_store_finalize;
}

static void
candor_store_init (CandorStore *self)
{
  g_rec_mutex_init (&self->lock);
}

char *
candor_store_get_default_path (GError **error)
{
  g_autofree char *dir = candor_store_paths_ensure_data_dir (error);

  if (dir == NULL)
    return NULL;

  return g_build_filename (dir, "history.db", NULL);
}

static gboolean
configure_connection (sqlite3 *db, const char *path, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  sqlite3_busy_timeout (db, DEFAULT_BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (db, TRUE);

  /* The first read of the file: garbage is found here, as SQLITE_NOTADB. */
  rc = sqlite3_prepare_v2 (db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return _candor_store_set_error (error, db, rc, path);

  return _candor_store_exec (db, "PRAGMA foreign_keys = ON", path, error);
}

static gboolean
read_data_version (CandorStore *self, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA data_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return _candor_store_set_error (error, self->db, rc, self->path);

  self->data_version = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

CandorStore *
candor_store_open (const char *path, GError **error)
{
  g_autoptr (CandorStore) self = NULL;
  g_autofree char *default_path = NULL;
  gint64           start;
  int              rc;

  if (path == NULL)
    {
      default_path = candor_store_get_default_path (error);
      if (default_path == NULL)
        return NULL;
      path = default_path;
    }

  self = g_object_new (CANDOR_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  /* Serialized: the worker and sync callers may share the connection. */
  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      _candor_store_set_error (error, self->db, rc, path);
      return NULL;
    }
  _candor_store_register (self);

  if (!configure_connection (self->db, path, error))
    return NULL;

  /* Damage found before the first write: nothing is written into it, not
   * even a migration. Under 20 ms on a 10,000-incident history (see
   * _candor_store_check_connection()); the full check runs on demand and
   * after any damage met. */
  start = g_get_monotonic_time ();
  if (!_candor_store_check_connection (self->db, path, FALSE, error))
    return NULL;
  g_debug ("Quick check of %s: %.1f ms", path, (g_get_monotonic_time () - start) / 1000.0);

  if (!_candor_store_migrate (self->db, _candor_store_get_schema_version (), path, error))
    return NULL;

  if (!read_data_version (self, error))
    return NULL;
  _candor_store_remember_file (self);

  self->jobs = g_async_queue_new ();
  self->worker = g_thread_new ("candor-store", worker_main, g_async_queue_ref (self->jobs));

  return g_steal_pointer (&self);
}

static void
open_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  GError      *error = NULL;
  CandorStore *store = candor_store_open (task_data, &error);

  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

void
candor_store_open_async (const char         *path,
                         GCancellable       *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer            user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, candor_store_open_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, open_thread);
}

CandorStore *
candor_store_open_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
move_aside (const char *from, const char *to, GError **error)
{
  if (g_rename (from, to) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not move the damaged history “%s” aside: %s"), from,
                      g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

CandorStore *
candor_store_recover (const char *path, char **damaged_path, GError **error)
{
  g_autofree char *default_path = NULL;
  g_autofree char *target = NULL;
  CandorStore     *fresh;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

  if (path == NULL)
    {
      default_path = candor_store_get_default_path (error);
      if (default_path == NULL)
        return NULL;
      path = default_path;
    }

  target = g_strdup_printf ("%s.damaged-%s", path, stamp);
  /* Two recoveries within a second must not overwrite the first damaged file. */
  for (guint n = 2; g_file_test (target, G_FILE_TEST_EXISTS); n++)
    {
      g_free (target);
      target = g_strdup_printf ("%s.damaged-%s-%u", path, stamp, n);
    }

  if (!move_aside (path, target, error))
    return NULL;

  /* The journal files belong to the damaged database, not to the fresh one. */
  for (guint i = 0; i < 2; i++)
    {
      const char      *suffix = i == 0 ? "-wal" : "-shm";
      g_autofree char *from = g_strconcat (path, suffix, NULL);
      g_autofree char *to = g_strconcat (target, suffix, NULL);

      if (!move_aside (from, to, error))
        return NULL;
    }

  /* The caller says so in its own words (the CLI's line, the window's banner). */
  g_debug ("Moved the damaged history %s to %s", path, target);

  fresh = candor_store_open (path, error);
  if (fresh != NULL)
    _candor_store_salvage (fresh, target);

  if (damaged_path != NULL)
    *damaged_path = g_steal_pointer (&target);

  return fresh;
}

typedef struct
{
  char *path;
  char *damaged_path;
} Recovery;

static void
recovery_free (Recovery *recovery)
{
  g_free (recovery->path);
  g_free (recovery->damaged_path);
  g_free (recovery);
}

static void
recover_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  Recovery    *recovery = task_data;
  GError      *error = NULL;
  CandorStore *store = candor_store_recover (recovery->path, &recovery->damaged_path, &error);

  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

void
candor_store_recover_async (const char         *path,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  Recovery *recovery = g_new0 (Recovery, 1);

  recovery->path = g_strdup (path);
  g_task_set_source_tag (task, candor_store_recover_async);
  g_task_set_task_data (task, recovery, (GDestroyNotify)recovery_free);
  g_task_run_in_thread (task, recover_thread);
}

CandorStore *
candor_store_recover_finish (GAsyncResult *result, char **damaged_path, GError **error)
{
  CandorStore *store;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == candor_store_recover_async,
                        NULL);

  store = g_task_propagate_pointer (G_TASK (result), error);
  /* The file may have been moved aside even when opening the fresh one failed. */
  if (damaged_path != NULL)
    {
      Recovery *recovery = g_task_get_task_data (G_TASK (result));

      *damaged_path = g_steal_pointer (&recovery->damaged_path);
    }

  return store;
}

const char *
candor_store_get_path (CandorStore *self)
{
  g_return_val_if_fail (CANDOR_IS_STORE (self), NULL);

  return self->path;
}

sqlite3 *
_candor_store_get_db (CandorStore *self)
{
  return self->db;
}

void
_candor_store_lock (CandorStore *self)
{
  g_rec_mutex_lock (&self->lock);
}

void
_candor_store_unlock (CandorStore *self)
{
  g_rec_mutex_unlock (&self->lock);
}

void
_candor_store_set_busy_timeout (CandorStore *self, int milliseconds)
{
  sqlite3_busy_timeout (self->db, milliseconds);
}

/* Async plumbing: each call runs its sync twin as a job on the worker. */

static void
call_free (CandorStoreCall *call)
{
  g_clear_object (&call->incident);
  g_clear_object (&call->update);
  g_clear_pointer (&call->sent_at, g_date_time_unref);
  g_clear_pointer (&call->renditions, g_ptr_array_unref);
  g_clear_pointer (&call->query.from, g_date_time_unref);
  g_clear_pointer (&call->query.until, g_date_time_unref);
  g_free (call->id);
  g_free (call->other_id);
  g_free (call->json);
  g_free (call->query_text);
  g_free (call->audience);
  g_free (call->language);
  g_free (call);
}

GTask *
_candor_store_new_call_task (CandorStore        *self,
                             gpointer            source_tag,
                             GCancellable       *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer            user_data,
                             CandorStoreCall   **call)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  *call = g_new0 (CandorStoreCall, 1);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, *call, (GDestroyNotify)call_free);

  return task;
}

void
_candor_store_return_boolean (GTask *task, gboolean ok, GError *error)
{
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
_candor_store_return_pointer (GTask *task, gpointer result, GDestroyNotify destroy, GError *error)
{
  if (result != NULL)
    g_task_return_pointer (task, result, destroy);
  else
    g_task_return_error (task, error);
}

gboolean
_candor_store_finish_boolean (CandorStore *self, GAsyncResult *result, gpointer tag, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gpointer
_candor_store_finish_pointer (CandorStore *self, GAsyncResult *result, gpointer tag, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
