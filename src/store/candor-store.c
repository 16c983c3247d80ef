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
#include <json-glib/json-glib.h>
#include <string.h>

#include "candor-enum-types.h"
#include "candor-store-paths.h"
#include "candor-store-private.h"

/* Long enough for another Candor process to finish a write, short enough
 * that a user who started something that hangs on to the file hears about it. */
#define DEFAULT_BUSY_TIMEOUT_MS 5000

struct _CandorStore
{
  GObject parent_instance;

  char    *path;
  sqlite3 *db;

  /* One connection, used by one thread at a time: the worker for the async
   * calls, the caller for the sync ones. Recursive so a public call can use
   * another (export loads the incident). */
  GRecMutex lock;
  gboolean  nested_write;

  /* The dedicated worker: async calls run in order on one thread, so a save
   * followed by a list sees the save. */
  GThread     *worker;
  GAsyncQueue *jobs;
};

G_DEFINE_FINAL_TYPE (CandorStore, candor_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (candor - store - error - quark, candor_store_error)

typedef void (*JobFunc) (CandorStore *self, GTask *task);

typedef struct
{
  GTask  *task;
  JobFunc func;
} Job;

/* Pushed once by finalize to end the worker. */
static Job stop_job;

/* The next free document id in the second @at (see version 3). */
#define DOC_ID(at)                                                                            \
  "COALESCE ((SELECT max (id) + 1 FROM search_docs WHERE id BETWEEN " at " * 1048576 AND " at \
  " * 1048576 + 1048575), " at " * 1048576)"

/* Every version's SQL, in order, never edited once released: a database at
 * version N is brought forward by running migrations[N..] in turn. */
static const char *const migrations[] = {
  /* 1: the history itself and the drafts. */
  "CREATE TABLE incidents ("
  "  num INTEGER PRIMARY KEY,"
  "  id TEXT NOT NULL UNIQUE,"
  "  title TEXT NOT NULL,"
  "  services TEXT NOT NULL DEFAULT '[]',"
  "  severity TEXT NOT NULL,"
  "  state TEXT NOT NULL,"
  "  language TEXT NOT NULL DEFAULT 'en',"
  "  started_at INTEGER,"
  "  detected_at INTEGER,"
  "  resolved_at INTEGER,"
  "  listed_at INTEGER NOT NULL,"
  "  saved_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX incidents_newest ON incidents (listed_at DESC, num DESC);"
  "CREATE TABLE updates ("
  "  num INTEGER PRIMARY KEY,"
  "  id TEXT NOT NULL UNIQUE,"
  "  incident_num INTEGER NOT NULL REFERENCES incidents (num) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL,"
  "  fields TEXT NOT NULL,"
  "  next_update_at INTEGER,"
  "  next_update_when_changed INTEGER NOT NULL DEFAULT 0,"
  "  created_at INTEGER NOT NULL,"
  "  sent_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX updates_by_incident ON updates (incident_num, sent_at);"
  "CREATE TABLE renditions ("
  "  id INTEGER PRIMARY KEY,"
  "  update_num INTEGER NOT NULL REFERENCES updates (num) ON DELETE CASCADE,"
  "  audience TEXT NOT NULL,"
  "  channel TEXT NOT NULL,"
  "  language TEXT NOT NULL,"
  "  subject TEXT,"
  "  body TEXT NOT NULL,"
  "  html TEXT,"
  "  json TEXT,"
  "  mime BLOB,"
  "  message_id TEXT,"
  "  UNIQUE (update_num, audience, channel)"
  ");"
  "CREATE TABLE publications ("
  "  id INTEGER PRIMARY KEY,"
  "  rendition_id INTEGER NOT NULL REFERENCES renditions (id) ON DELETE CASCADE,"
  "  channel_id TEXT NOT NULL,"
  "  state TEXT NOT NULL CHECK (state IN ('waiting', 'sent', 'failed', 'verify')),"
  "  remote_id TEXT,"
  "  remote_url TEXT,"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  last_error TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  UNIQUE (rendition_id, channel_id)"
  ");"
  "CREATE INDEX publications_pending ON publications (state) WHERE state <> 'sent';"
  "CREATE TABLE drafts ("
  "  id TEXT PRIMARY KEY,"
  "  incident_id TEXT,"
  "  json TEXT NOT NULL,"
  "  saved_at INTEGER NOT NULL"
  ");",

  /* 2: SLA flag on incidents; what the preferences keep. */
  "ALTER TABLE incidents ADD COLUMN sla_relevant INTEGER NOT NULL DEFAULT 0;"
  "CREATE TABLE contacts (id TEXT PRIMARY KEY, json TEXT NOT NULL CHECK (json_valid (json)),"
  "  saved_at INTEGER NOT NULL);"
  "CREATE TABLE audiences (id TEXT PRIMARY KEY, json TEXT NOT NULL CHECK (json_valid (json)),"
  "  saved_at INTEGER NOT NULL);"
  "CREATE TABLE channel_settings (id TEXT PRIMARY KEY,"
  "  json TEXT NOT NULL CHECK (json_valid (json)), saved_at INTEGER NOT NULL);"
  "CREATE TABLE templates (id TEXT PRIMARY KEY, json TEXT NOT NULL CHECK (json_valid (json)),"
  "  saved_at INTEGER NOT NULL);"
  "CREATE INDEX drafts_newest ON drafts (saved_at DESC);",

  /* 3: full-text search over every incident title and everything sent.
   * A document's id is its time (seconds << 20) plus a counter within the
   * second, so the index hands out documents newest first without sorting
   * and a date range is a range of ids it can seek to. The FTS table reads
   * its text through the search_content view; triggers keep it in step. */
  "CREATE TABLE search_docs ("
  "  id INTEGER PRIMARY KEY,"
  "  incident_num INTEGER NOT NULL REFERENCES incidents (num) ON DELETE CASCADE,"
  "  rendition_id INTEGER UNIQUE REFERENCES renditions (id) ON DELETE CASCADE,"
  "  at INTEGER NOT NULL,"
  "  audience TEXT,"
  "  channel TEXT,"
  "  language TEXT"
  ");"
  "CREATE INDEX search_docs_by_incident ON search_docs (incident_num);"
  "CREATE VIEW search_content AS"
  "  SELECT d.id AS id, d.incident_num AS incident_num, d.rendition_id AS rendition_id,"
  "         CASE WHEN d.rendition_id IS NULL THEN i.title ELSE '' END AS title,"
  "         COALESCE (r.subject, '') AS subject, COALESCE (r.body, '') AS body"
  "  FROM search_docs d JOIN incidents i ON i.num = d.incident_num"
  "       LEFT JOIN renditions r ON r.id = d.rendition_id;"
  "CREATE VIRTUAL TABLE history_fts USING fts5 (title, subject, body,"
  "  content = 'search_content', content_rowid = 'id',"
  "  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');"
  "CREATE VIRTUAL TABLE history_vocab USING fts5vocab (history_fts, 'row');"
  "CREATE TRIGGER incidents_search_insert AFTER INSERT ON incidents BEGIN"
  "  INSERT INTO search_docs (id, incident_num, at, language)"
  "    VALUES (" DOC_ID (
    "new.listed_at") ", new.num, new.listed_at, new.language);"
                     "  INSERT INTO history_fts (rowid, title, subject, body)"
                     "    VALUES (last_insert_rowid (), new.title, '', '');"
                     "END;"
                     "CREATE TRIGGER incidents_search_update AFTER UPDATE OF title, listed_at, "
                     "language ON incidents"
                     "  WHEN old.title IS NOT new.title OR old.listed_at IS NOT new.listed_at"
                     "    OR old.language IS NOT new.language"
                     " BEGIN"
                     "  INSERT INTO history_fts (history_fts, rowid, title, subject, body)"
                     "    SELECT 'delete', id, old.title, '', '' FROM search_docs"
                     "    WHERE incident_num = old.num AND rendition_id IS NULL;"
                     "  DELETE FROM search_docs WHERE incident_num = old.num AND rendition_id IS "
                     "NULL;"
                     "  INSERT INTO search_docs (id, incident_num, at, language)"
                     "    VALUES (" DOC_ID (
                       "new.listed_at") ", new.num, new.listed_at, new.language);"
                                        "  INSERT INTO history_fts (rowid, title, subject, body)"
                                        "    VALUES (last_insert_rowid (), new.title, '', '');"
                                        "END;"
                                        "CREATE TRIGGER incidents_search_delete BEFORE DELETE ON "
                                        "incidents BEGIN"
                                        "  INSERT INTO history_fts (history_fts, rowid, title, "
                                        "subject, body)"
                                        "    SELECT 'delete', id, title, subject, body FROM "
                                        "search_content"
                                        "    WHERE incident_num = old.num;"
                                        "  DELETE FROM search_docs WHERE incident_num = old.num;"
                                        "END;"
                                        "CREATE TRIGGER renditions_search_insert AFTER INSERT ON "
                                        "renditions BEGIN"
                                        "  INSERT INTO search_docs (id, incident_num, "
                                        "rendition_id, at, audience, channel, language)"
                                        "    SELECT " DOC_ID (
                                          "u.sent_at") ", u.incident_num, new.id, u.sent_at, "
                                                       "new.audience,"
                                                       "      new.channel, new.language"
                                                       "    FROM updates u WHERE u.num = "
                                                       "new.update_num;"
                                                       "  INSERT INTO history_fts (rowid, title, "
                                                       "subject, body)"
                                                       "    VALUES (last_insert_rowid (), '', "
                                                       "COALESCE (new.subject, ''), new.body);"
                                                       "END;"
                                                       "CREATE TRIGGER renditions_search_update "
                                                       "AFTER UPDATE OF subject, body ON "
                                                       "renditions BEGIN"
                                                       "  INSERT INTO history_fts (history_fts, "
                                                       "rowid, title, subject, body)"
                                                       "    SELECT 'delete', id, '', COALESCE "
                                                       "(old.subject, ''), old.body FROM "
                                                       "search_docs"
                                                       "    WHERE rendition_id = old.id;"
                                                       "  INSERT INTO history_fts (rowid, title, "
                                                       "subject, body)"
                                                       "    SELECT id, '', COALESCE (new.subject, "
                                                       "''), new.body FROM search_docs"
                                                       "    WHERE rendition_id = new.id;"
                                                       "END;"
                                                       "CREATE TRIGGER renditions_search_delete "
                                                       "BEFORE DELETE ON renditions BEGIN"
                                                       "  INSERT INTO history_fts (history_fts, "
                                                       "rowid, title, subject, body)"
                                                       "    SELECT 'delete', id, title, subject, "
                                                       "body FROM search_content"
                                                       "    WHERE rendition_id = old.id;"
                                                       "  DELETE FROM search_docs WHERE "
                                                       "rendition_id = old.id;"
                                                       "END;"
                                                       /* What versions 1 and 2 recorded, numbered
                                                          by time. */
                                                       "INSERT INTO search_docs (id, incident_num, "
                                                       "rendition_id, at, audience, channel, "
                                                       "language)"
                                                       "  SELECT at * 1048576 + row_number () OVER "
                                                       "(PARTITION BY at ORDER BY tie, "
                                                       "rendition_id) - 1,"
                                                       "         incident_num, rendition_id, at, "
                                                       "audience, channel, language FROM ("
                                                       "    SELECT num AS incident_num, NULL AS "
                                                       "rendition_id, listed_at AS at, NULL AS "
                                                       "audience,"
                                                       "           NULL AS channel, language, 0 AS "
                                                       "tie FROM incidents"
                                                       "    UNION ALL"
                                                       "    SELECT u.incident_num, r.id, "
                                                       "u.sent_at, r.audience, r.channel, "
                                                       "r.language, 1"
                                                       "    FROM renditions r JOIN updates u ON "
                                                       "u.num = r.update_num);"
                                                       "INSERT INTO history_fts (history_fts) "
                                                       "VALUES ('rebuild');",
};

/* Keys that name a secret: those belong in the keyring, never in this file. */
static const char *const secret_words[] = {
  "password",   "passwd",      "secret",      "token",       "apikey",      "api_key", "api-key",
  "credential", "private_key", "private-key", "webhook_url", "webhook-url", "webhook",
};

static const char *const document_tables[] = {
  [CANDOR_STORE_DOCUMENT_CONTACT] = "contacts",
  [CANDOR_STORE_DOCUMENT_AUDIENCE] = "audiences",
  [CANDOR_STORE_DOCUMENT_CHANNEL] = "channel_settings",
  [CANDOR_STORE_DOCUMENT_TEMPLATE] = "templates",
};

/* Errors */

gboolean
_candor_store_set_error (GError **error, sqlite3 *db, int rc, const char *path)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
      case SQLITE_CORRUPT:
      case SQLITE_NOTADB:
        g_set_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_CORRUPT,
                     _("The history file “%s” is damaged (%s). It can be set aside and a fresh "
                       "history started; the damaged file is kept for recovery."),
                        path, detail);
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

static gboolean
exec_sql (sqlite3 *db, const char *sql, const char *path, GError **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return _candor_store_set_error (error, db, rc, path);

  return TRUE;
}

static gboolean
prepare (CandorStore *self, const char *sql, sqlite3_stmt **stmt, GError **error)
{
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, stmt, NULL);

  if (rc != SQLITE_OK)
    return _candor_store_set_error (error, self->db, rc, self->path);

  return TRUE;
}

/* Runs a statement that returns no rows. */
static gboolean
step_done (CandorStore *self, sqlite3_stmt *stmt, GError **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return _candor_store_set_error (error, self->db, rc, self->path);

  return TRUE;
}

static gboolean
begin_write (CandorStore *self, GError **error)
{
  /* Inside a caller's transaction (a bulk import) a savepoint keeps the
   * all-or-nothing promise without ending theirs. */
  self->nested_write = !sqlite3_get_autocommit (self->db);
  if (self->nested_write)
    return exec_sql (self->db, "SAVEPOINT candor_write", self->path, error);

  /* IMMEDIATE takes the write lock up front, so waiting for another process
   * happens here under the busy timeout instead of failing half way. */
  return exec_sql (self->db, "BEGIN IMMEDIATE", self->path, error);
}

static void
rollback (CandorStore *self)
{
  if (self->nested_write)
    sqlite3_exec (self->db, "ROLLBACK TO candor_write; RELEASE candor_write", NULL, NULL, NULL);
  else if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

static gboolean
commit (CandorStore *self, GError **error)
{
  if (!exec_sql (self->db, self->nested_write ? "RELEASE candor_write" : "COMMIT", self->path,
                 error))
    {
      rollback (self);
      return FALSE;
    }

  return TRUE;
}

/* Times are whole seconds since the epoch, UTC. */
static void
bind_time (sqlite3_stmt *stmt, int index, GDateTime *time)
{
  if (time != NULL)
    sqlite3_bind_int64 (stmt, index, g_date_time_to_unix (time));
  else
    sqlite3_bind_null (stmt, index);
}

static GDateTime *
column_time (sqlite3_stmt *stmt, int index)
{
  if (sqlite3_column_type (stmt, index) == SQLITE_NULL)
    return NULL;

  return g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, index));
}

static const char *
column_text (sqlite3_stmt *stmt, int index)
{
  return (const char *)sqlite3_column_text (stmt, index);
}

static int
enum_from_column (GType type, sqlite3_stmt *stmt, int index, int fallback)
{
  int value = fallback;

  if (!candor_enum_from_nick (type, column_text (stmt, index), &value))
    return fallback;

  return value;
}

/* Migrations */

int
_candor_store_get_schema_version (void)
{
  return G_N_ELEMENTS (migrations);
}

const char *
_candor_store_get_migration_sql (int to_version)
{
  g_return_val_if_fail (to_version >= 1 && to_version <= (int)G_N_ELEMENTS (migrations), NULL);

  return migrations[to_version - 1];
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

  if (version > (int)G_N_ELEMENTS (migrations))
    {
      g_set_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_TOO_NEW,
                   _("The history “%s” was written by a newer version of Candor (format %d; this "
                     "version reads up to %d). It was left untouched."),
                      path, version, (int)G_N_ELEMENTS (migrations));
      return FALSE;
    }

  if (version >= target_version)
    return TRUE;

  /* The app and the CLI may open a new file at the same moment: whoever
   * gets the write lock migrates, the other re-reads the version after it. */
  if (!exec_sql (db, "BEGIN IMMEDIATE", path, error))
    return FALSE;

  if (!read_user_version (db, path, &version, error))
    goto fail;

  for (; version < target_version; version++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", version + 1);

      if (!exec_sql (db, migrations[version], path, error) || !exec_sql (db, bump, path, error))
        goto fail;
    }

  if (!exec_sql (db, "COMMIT", path, error))
    goto fail;

  return TRUE;

fail:
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
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

static void
run_job (CandorStore *self, GTask *task, JobFunc func)
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
    sqlite3_close_v2 (self->db);
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

  return exec_sql (db, "PRAGMA foreign_keys = ON", path, error);
}

CandorStore *
candor_store_open (const char *path, GError **error)
{
  g_autoptr (CandorStore) self = NULL;
  g_autofree char *default_path = NULL;
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

  if (!configure_connection (self->db, path, error))
    return NULL;

  if (!_candor_store_migrate (self->db, G_N_ELEMENTS (migrations), path, error))
    return NULL;

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

  g_message ("Moved the damaged history %s to %s", path, target);

  if (damaged_path != NULL)
    *damaged_path = g_steal_pointer (&target);

  return candor_store_open (path, error);
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

#define LOCK_STORE(self) \
  g_autoptr (GRecMutexLocker) G_GNUC_UNUSED locker = g_rec_mutex_locker_new (&(self)->lock)

/* Incidents */

static char *
services_to_json (const char *const *services)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; services != NULL && services[i] != NULL; i++)
    json_builder_add_string_value (builder, services[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

static GStrv
services_from_json (const char *text)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr (JsonNode) root = json_from_string (text, NULL);

  if (root != NULL && JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *service = json_array_get_string_element (array, i);

          if (service != NULL)
            g_strv_builder_add (builder, service);
        }
    }

  return g_strv_builder_end (builder);
}

gboolean
candor_store_save_incident (CandorStore *self, CandorIncident *incident, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *services = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  GDateTime *started_at;

  g_return_val_if_fail (CANDOR_IS_STORE (self), FALSE);
  g_return_val_if_fail (CANDOR_IS_INCIDENT (incident), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  LOCK_STORE (self);

  if (!prepare (self,
                "INSERT INTO incidents (id, title, services, severity, state, language,"
                " started_at, detected_at, resolved_at, listed_at, saved_at, sla_relevant)"
                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, COALESCE (?7, ?10), ?10, ?11)"
                " ON CONFLICT (id) DO UPDATE SET title = excluded.title,"
                " services = excluded.services, severity = excluded.severity,"
                " state = excluded.state, language = excluded.language,"
                " started_at = excluded.started_at, detected_at = excluded.detected_at,"
                " resolved_at = excluded.resolved_at,"
                " listed_at = COALESCE (excluded.started_at, listed_at),"
                " saved_at = excluded.saved_at, sla_relevant = excluded.sla_relevant",
                &stmt, error))
    return FALSE;

  services = services_to_json (candor_incident_get_services (incident));
  started_at = candor_incident_get_started_at (incident);

  sqlite3_bind_text (stmt, 1, candor_incident_get_id (incident), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, candor_incident_get_title (incident) ?: "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, services, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (
    stmt, 4, candor_enum_to_nick (CANDOR_TYPE_SEVERITY, candor_incident_get_severity (incident)),
    -1, SQLITE_STATIC);
  sqlite3_bind_text (
    stmt, 5, candor_enum_to_nick (CANDOR_TYPE_INCIDENT_STATE, candor_incident_get_state (incident)),
    -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, candor_incident_get_language (incident) ?: "en", -1,
                     SQLITE_TRANSIENT);
  bind_time (stmt, 7, started_at);
  bind_time (stmt, 8, candor_incident_get_detected_at (incident));
  bind_time (stmt, 9, candor_incident_get_resolved_at (incident));
  bind_time (stmt, 10, now);
  sqlite3_bind_int (stmt, 11, candor_incident_get_sla_relevant (incident));

  return step_done (self, stmt, error);
}

static CandorIncident *
incident_from_row (sqlite3_stmt *stmt)
{
  /* Columns: id, title, services, severity, state, language, started_at,
   * detected_at, resolved_at, sla_relevant. */
  g_auto (GStrv) services = services_from_json (column_text (stmt, 2));
  g_autoptr (GDateTime) started_at = column_time (stmt, 6);
  g_autoptr (GDateTime) detected_at = column_time (stmt, 7);
  g_autoptr (GDateTime) resolved_at = column_time (stmt, 8);

  return g_object_new (
    CANDOR_TYPE_INCIDENT, "id", column_text (stmt, 0), "title", column_text (stmt, 1), "services",
    services, "severity", enum_from_column (CANDOR_TYPE_SEVERITY, stmt, 3, CANDOR_SEVERITY_MINOR),
    "state",
    enum_from_column (CANDOR_TYPE_INCIDENT_STATE, stmt, 4, CANDOR_INCIDENT_STATE_INVESTIGATING),
    "language", column_text (stmt, 5), "started-at", started_at, "detected-at", detected_at,
    "resolved-at", resolved_at, "sla-relevant", sqlite3_column_int (stmt, 9) != 0, NULL);
}

#define INCIDENT_COLUMNS                                                                  \
  "id, title, services, severity, state, language, started_at, detected_at, resolved_at," \
  " sla_relevant"

guint
candor_store_count_incidents (CandorStore *self, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CANDOR_IS_STORE (self), 0);

  LOCK_STORE (self);

  if (!prepare (self, "SELECT count(*) FROM incidents", &stmt, error))
    return 0;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _candor_store_set_error (error, self->db, rc, self->path);
      return 0;
    }

  return sqlite3_column_int (stmt, 0);
}

GPtrArray *
candor_store_list_incidents (CandorStore *self, guint offset, guint limit, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) incidents = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  g_return_val_if_fail (CANDOR_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  LOCK_STORE (self);

  if (!prepare (self,
                "SELECT " INCIDENT_COLUMNS " FROM incidents"
                " ORDER BY listed_at DESC, num DESC LIMIT ?1 OFFSET ?2",
                &stmt, error))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, limit);
  sqlite3_bind_int64 (stmt, 2, offset);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (incidents, incident_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      _candor_store_set_error (error, self->db, rc, self->path);
      return NULL;
    }

  return g_steal_pointer (&incidents);
}

CandorIncident *
candor_store_load_incident (CandorStore *self, const char *incident_id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CANDOR_IS_STORE (self), NULL);
  g_return_val_if_fail (incident_id != NULL, NULL);

  LOCK_STORE (self);

  if (!prepare (self, "SELECT " INCIDENT_COLUMNS " FROM incidents WHERE id = ?1", &stmt, error))
    return NULL;

  sqlite3_bind_text (stmt, 1, incident_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return incident_from_row (stmt);

  if (rc == SQLITE_DONE)
    g_set_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_NOT_FOUND,
                 _("There is no incident “%s” in the history"), incident_id);
  else
    _candor_store_set_error (error, self->db, rc, self->path);

  return NULL;
}

/* Updates */

static char *
update_fields_to_json (CandorUpdate *update)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (builder);
  for (CandorField field = 0; field < CANDOR_N_FIELDS; field++)
    {
      json_builder_set_member_name (builder, candor_enum_to_nick (CANDOR_TYPE_FIELD, field));
      json_builder_add_string_value (builder, candor_update_get_field (update, field));
    }
  json_builder_set_member_name (builder, "contact-name");
  json_builder_add_string_value (builder, candor_update_get_contact_name (update));
  json_builder_set_member_name (builder, "contact-reach");
  json_builder_add_string_value (builder, candor_update_get_contact_reach (update));
  json_builder_set_member_name (builder, "no-lasting-consequences");
  json_builder_add_boolean_value (builder, candor_update_get_no_lasting_consequences (update));
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

static void
update_fields_from_json (CandorUpdate *update, const char *text)
{
  g_autoptr (JsonNode) root = json_from_string (text, NULL);
  JsonObject *object;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return;

  object = json_node_get_object (root);
  for (CandorField field = 0; field < CANDOR_N_FIELDS; field++)
    {
      const char *nick = candor_enum_to_nick (CANDOR_TYPE_FIELD, field);

      candor_update_set_field (update, field,
                               json_object_get_string_member_with_default (object, nick, ""));
    }
  candor_update_set_contact_name (
    update, json_object_get_string_member_with_default (object, "contact-name", ""));
  candor_update_set_contact_reach (
    update, json_object_get_string_member_with_default (object, "contact-reach", ""));
  candor_update_set_no_lasting_consequences (
    update, json_object_get_boolean_member_with_default (object, "no-lasting-consequences", FALSE));
}

static gboolean
insert_rendition (CandorStore         *self,
                  gint64               update_num,
                  CandorSentRendition *rendition,
                  GError             **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (!prepare (self,
                "INSERT INTO renditions (update_num, audience, channel, language, subject, body,"
                " html, json, mime, message_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                &stmt, error))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, update_num);
  sqlite3_bind_text (stmt, 2, rendition->audience, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, candor_enum_to_nick (CANDOR_TYPE_FORMAT, rendition->format), -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, rendition->language, -1, SQLITE_STATIC);
  if (rendition->subject != NULL)
    sqlite3_bind_text (stmt, 5, rendition->subject, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, rendition->body, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, rendition->html, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, rendition->json, -1, SQLITE_STATIC);
  if (rendition->mime != NULL)
    {
      gsize         size;
      gconstpointer data = g_bytes_get_data (rendition->mime, &size);

      sqlite3_bind_blob64 (stmt, 9, data != NULL ? data : "", size, SQLITE_STATIC);
    }
  sqlite3_bind_text (stmt, 10, rendition->message_id, -1, SQLITE_STATIC);

  if (!step_done (self, stmt, error))
    return FALSE;

  rendition->id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

gboolean
candor_store_record_update (CandorStore  *self,
                            const char   *incident_id,
                            CandorUpdate *update,
                            GDateTime    *sent_at,
                            GPtrArray    *renditions,
                            GError      **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *fields = NULL;
  gint64           update_num;

  g_return_val_if_fail (CANDOR_IS_STORE (self), FALSE);
  g_return_val_if_fail (incident_id != NULL, FALSE);
  g_return_val_if_fail (CANDOR_IS_UPDATE (update), FALSE);
  g_return_val_if_fail (sent_at != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  LOCK_STORE (self);

  if (!begin_write (self, error))
    return FALSE;

  if (!prepare (self,
                "INSERT INTO updates (id, incident_num, kind, fields, next_update_at,"
                " next_update_when_changed, created_at, sent_at)"
                " SELECT ?1, num, ?2, ?3, ?4, ?5, ?6, ?7 FROM incidents WHERE id = ?8",
                &stmt, error))
    goto fail;

  fields = update_fields_to_json (update);
  sqlite3_bind_text (stmt, 1, candor_update_get_id (update), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2,
                     candor_enum_to_nick (CANDOR_TYPE_UPDATE_KIND, candor_update_get_kind (update)),
                     -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, fields, -1, SQLITE_STATIC);
  bind_time (stmt, 4, candor_update_get_next_update_at (update));
  sqlite3_bind_int (stmt, 5, candor_update_get_next_update_when_changed (update));
  bind_time (stmt, 6, candor_update_get_created_at (update) ?: sent_at);
  bind_time (stmt, 7, sent_at);
  sqlite3_bind_text (stmt, 8, incident_id, -1, SQLITE_TRANSIENT);

  if (!step_done (self, stmt, error))
    goto fail;

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_NOT_FOUND,
                   _("There is no incident “%s” in the history to add the update to"),
                      incident_id);
      goto fail;
    }

  update_num = sqlite3_last_insert_rowid (self->db);

  for (guint i = 0; renditions != NULL && i < renditions->len; i++)
    {
      if (!insert_rendition (self, update_num, g_ptr_array_index (renditions, i), error))
        goto fail;
    }

  return commit (self, error);

fail:
  rollback (self);
  /* Nothing was written, so no rendition has an id. */
  for (guint i = 0; renditions != NULL && i < renditions->len; i++)
    ((CandorSentRendition *)g_ptr_array_index (renditions, i))->id = 0;
  return FALSE;
}

static GPtrArray *
load_renditions (CandorStore *self, gint64 update_num, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) renditions =
    g_ptr_array_new_with_free_func ((GDestroyNotify)candor_sent_rendition_free);
  int rc;

  if (!prepare (
        self,
        "SELECT id, audience, channel, language, subject, body, mime, html, json, message_id"
        " FROM renditions"
        " WHERE update_num = ?1 ORDER BY id",
        &stmt, error))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, update_num);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CandorSentRendition *rendition = g_new0 (CandorSentRendition, 1);

      rendition->id = sqlite3_column_int64 (stmt, 0);
      rendition->audience = g_strdup (column_text (stmt, 1));
      rendition->format = enum_from_column (CANDOR_TYPE_FORMAT, stmt, 2, CANDOR_FORMAT_PLAIN);
      rendition->language = g_strdup (column_text (stmt, 3));
      rendition->subject = g_strdup (column_text (stmt, 4));
      rendition->body = g_strdup (column_text (stmt, 5));
      if (sqlite3_column_type (stmt, 6) != SQLITE_NULL)
        rendition->mime =
          g_bytes_new (sqlite3_column_blob (stmt, 6), sqlite3_column_bytes (stmt, 6));
      rendition->html = g_strdup (column_text (stmt, 7));
      rendition->json = g_strdup (column_text (stmt, 8));
      rendition->message_id = g_strdup (column_text (stmt, 9));
      g_ptr_array_add (renditions, rendition);
    }

  if (rc != SQLITE_DONE)
    {
      _candor_store_set_error (error, self->db, rc, self->path);
      return NULL;
    }

  return g_steal_pointer (&renditions);
}

static GPtrArray *
load_publications (CandorStore *self, gint64 update_num, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) publications =
    g_ptr_array_new_with_free_func ((GDestroyNotify)candor_publication_free);
  int rc;

  if (!prepare (self,
                "SELECT p.id, p.rendition_id, p.channel_id, p.state, p.remote_id, p.remote_url,"
                " p.attempts, p.last_error, p.created_at, p.updated_at"
                " FROM publications p JOIN renditions r ON r.id = p.rendition_id"
                " WHERE r.update_num = ?1 ORDER BY p.id",
                &stmt, error))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, update_num);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CandorPublication *publication = g_new0 (CandorPublication, 1);

      publication->id = sqlite3_column_int64 (stmt, 0);
      publication->rendition_id = sqlite3_column_int64 (stmt, 1);
      publication->channel_id = g_strdup (column_text (stmt, 2));
      publication->state = candor_publication_state_from_string (column_text (stmt, 3));
      publication->remote_id = g_strdup (column_text (stmt, 4));
      publication->remote_url = g_strdup (column_text (stmt, 5));
      publication->attempts = sqlite3_column_int (stmt, 6);
      publication->last_error = g_strdup (column_text (stmt, 7));
      publication->created_at = column_time (stmt, 8);
      publication->updated_at = column_time (stmt, 9);
      g_ptr_array_add (publications, publication);
    }

  if (rc != SQLITE_DONE)
    {
      _candor_store_set_error (error, self->db, rc, self->path);
      return NULL;
    }

  return g_steal_pointer (&publications);
}

GPtrArray *
candor_store_load_updates (CandorStore *self, const char *incident_id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) updates =
    g_ptr_array_new_with_free_func ((GDestroyNotify)candor_sent_update_free);
  g_autoptr (CandorIncident) incident = NULL;
  int rc;

  g_return_val_if_fail (CANDOR_IS_STORE (self), NULL);
  g_return_val_if_fail (incident_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  LOCK_STORE (self);

  /* A read transaction: the updates and their renditions from one moment. */
  if (!exec_sql (self->db, "BEGIN", self->path, error))
    return NULL;

  incident = candor_store_load_incident (self, incident_id, error);
  if (incident == NULL)
    goto fail;

  if (!prepare (self,
                "SELECT u.num, u.id, u.kind, u.fields, u.next_update_at,"
                " u.next_update_when_changed, u.created_at, u.sent_at"
                " FROM updates u JOIN incidents i ON i.num = u.incident_num"
                " WHERE i.id = ?1 ORDER BY u.sent_at, u.num",
                &stmt, error))
    goto fail;

  sqlite3_bind_text (stmt, 1, incident_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (CandorSentUpdate) sent = g_new0 (CandorSentUpdate, 1);
      g_autoptr (GDateTime) created_at = column_time (stmt, 6);
      g_autoptr (GDateTime) next_update_at = column_time (stmt, 4);
      gint64 num = sqlite3_column_int64 (stmt, 0);

      sent->update = g_object_new (
        CANDOR_TYPE_UPDATE, "id", column_text (stmt, 1), "created-at", created_at, "kind",
        enum_from_column (CANDOR_TYPE_UPDATE_KIND, stmt, 2, CANDOR_UPDATE_KIND_PROGRESS), NULL);
      update_fields_from_json (sent->update, column_text (stmt, 3));
      candor_update_set_next_update_at (sent->update, next_update_at);
      candor_update_set_next_update_when_changed (sent->update, sqlite3_column_int (stmt, 5));
      sent->sent_at = column_time (stmt, 7);

      sent->renditions = load_renditions (self, num, error);
      if (sent->renditions == NULL)
        goto fail;
      sent->publications = load_publications (self, num, error);
      if (sent->publications == NULL)
        goto fail;

      g_ptr_array_add (updates, g_steal_pointer (&sent));
    }

  if (rc != SQLITE_DONE)
    {
      _candor_store_set_error (error, self->db, rc, self->path);
      goto fail;
    }

  sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
  return g_steal_pointer (&updates);

fail:
  rollback (self);
  return NULL;
}

/* Publications */

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

  LOCK_STORE (self);

  if (!prepare (self,
                "INSERT INTO publications (rendition_id, channel_id, state, created_at,"
                " updated_at) VALUES (?1, ?2, 'waiting', ?3, ?3)",
                &stmt, error))
    return 0;

  sqlite3_bind_int64 (stmt, 1, rendition_id);
  sqlite3_bind_text (stmt, 2, channel_id, -1, SQLITE_TRANSIENT);
  bind_time (stmt, 3, now);

  if (!step_done (self, stmt, error))
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

  LOCK_STORE (self);

  if (!prepare (self,
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
  bind_time (stmt, 7, now);

  if (!step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_NOT_FOUND,
                   _("There is no publication %lld in the outbox"), (long long)publication_id);
      return FALSE;
    }

  return TRUE;
}

/* Drafts and documents */

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

  LOCK_STORE (self);

  if (!prepare (self,
                "INSERT INTO drafts (id, incident_id, json, saved_at) VALUES (?1, ?2, ?3, ?4)"
                " ON CONFLICT (id) DO UPDATE SET incident_id = excluded.incident_id,"
                " json = excluded.json, saved_at = excluded.saved_at",
                &stmt, error))
    return FALSE;

  sqlite3_bind_text (stmt, 1, draft_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, incident_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, json, -1, SQLITE_TRANSIENT);
  bind_time (stmt, 4, now);

  return step_done (self, stmt, error);
}

/* One text column of one row, or NOT_FOUND with @missing. */
static char *
query_one_text (CandorStore *self,
                const char  *sql,
                const char  *key,
                const char  *missing,
                GError     **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  if (!prepare (self, sql, &stmt, error))
    return NULL;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup (column_text (stmt, 0));

  if (rc == SQLITE_DONE)
    g_set_error_literal (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_NOT_FOUND, missing);
  else
    _candor_store_set_error (error, self->db, rc, self->path);

  return NULL;
}

static GStrv
query_ids (CandorStore *self, const char *sql, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  int rc;

  if (!prepare (self, sql, &stmt, error))
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, column_text (stmt, 0));

  if (rc != SQLITE_DONE)
    {
      _candor_store_set_error (error, self->db, rc, self->path);
      return NULL;
    }

  return g_strv_builder_end (builder);
}

/* Every row's first column as text, in the statement's order. */
static GPtrArray *
query_texts (CandorStore *self, const char *sql, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  int rc;

  LOCK_STORE (self);

  if (!prepare (self, sql, &stmt, error))
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (texts, g_strdup (column_text (stmt, 0)));

  if (rc != SQLITE_DONE)
    {
      _candor_store_set_error (error, self->db, rc, self->path);
      return NULL;
    }

  return g_steal_pointer (&texts);
}

char *
candor_store_load_draft (CandorStore *self, const char *draft_id, GError **error)
{
  g_autofree char *missing = NULL;

  g_return_val_if_fail (CANDOR_IS_STORE (self), NULL);
  g_return_val_if_fail (draft_id != NULL, NULL);

  LOCK_STORE (self);

  missing = g_strdup_printf (_("There is no draft “%s”"), draft_id);
  return query_one_text (self, "SELECT json FROM drafts WHERE id = ?1", draft_id, missing, error);
}

gboolean
candor_store_delete_draft (CandorStore *self, const char *draft_id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CANDOR_IS_STORE (self), FALSE);
  g_return_val_if_fail (draft_id != NULL, FALSE);

  LOCK_STORE (self);

  if (!prepare (self, "DELETE FROM drafts WHERE id = ?1", &stmt, error))
    return FALSE;

  sqlite3_bind_text (stmt, 1, draft_id, -1, SQLITE_TRANSIENT);
  return step_done (self, stmt, error);
}

GStrv
candor_store_list_drafts (CandorStore *self, GError **error)
{
  g_return_val_if_fail (CANDOR_IS_STORE (self), NULL);

  LOCK_STORE (self);

  return query_ids (self, "SELECT id FROM drafts ORDER BY saved_at DESC, rowid DESC", error);
}

/* Finds a member, at any depth, whose name says it holds a secret. */
static const char *
find_secret_key (JsonNode *node)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *key = find_secret_key (json_array_get_element (array, i));

          if (key != NULL)
            return key;
        }
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject    *object = json_node_get_object (node);
      JsonObjectIter iter;
      const char    *name;
      JsonNode      *member;

      json_object_iter_init (&iter, object);
      while (json_object_iter_next (&iter, &name, &member))
        {
          g_autofree char *folded = g_ascii_strdown (name, -1);
          const char      *inner;

          for (guint i = 0; i < G_N_ELEMENTS (secret_words); i++)
            {
              if (strstr (folded, secret_words[i]) != NULL)
                return name;
            }

          inner = find_secret_key (member);
          if (inner != NULL)
            return inner;
        }
    }

  return NULL;
}

gboolean
candor_store_put_document (CandorStore        *self,
                           CandorStoreDocument kind,
                           const char         *id,
                           const char         *json,
                           GError            **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) parse_error = NULL;
  g_autofree char *sql = NULL;

  g_return_val_if_fail (CANDOR_IS_STORE (self), FALSE);
  g_return_val_if_fail (kind <= CANDOR_STORE_DOCUMENT_TEMPLATE, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (json != NULL, FALSE);

  root = json_from_string (json, &parse_error);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_INVALID,
                   _("“%s” is not a JSON object: %s"), id,
                      parse_error != NULL ? parse_error->message : _("another kind of value"));
      return FALSE;
    }

  if (kind == CANDOR_STORE_DOCUMENT_CHANNEL)
    {
      const char *secret = find_secret_key (root);

      if (secret != NULL)
        {
          g_set_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_INVALID,
                       _("The settings of channel “%s” hold “%s”, which looks like a secret; "
                         "secrets belong in the keyring and are never written to the history"),
                          id, secret);
          return FALSE;
        }
    }

  LOCK_STORE (self);

  sql = g_strdup_printf ("INSERT INTO %s (id, json, saved_at) VALUES (?1, ?2, ?3)"
                         " ON CONFLICT (id) DO UPDATE SET json = excluded.json,"
                         " saved_at = excluded.saved_at",
                         document_tables[kind]);
  if (!prepare (self, sql, &stmt, error))
    return FALSE;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, json, -1, SQLITE_TRANSIENT);
  bind_time (stmt, 3, now);

  return step_done (self, stmt, error);
}

char *
candor_store_get_document (CandorStore        *self,
                           CandorStoreDocument kind,
                           const char         *id,
                           GError            **error)
{
  g_autofree char *sql = NULL;
  g_autofree char *missing = NULL;

  g_return_val_if_fail (CANDOR_IS_STORE (self), NULL);
  g_return_val_if_fail (kind <= CANDOR_STORE_DOCUMENT_TEMPLATE, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  LOCK_STORE (self);

  sql = g_strdup_printf ("SELECT json FROM %s WHERE id = ?1", document_tables[kind]);
  missing = g_strdup_printf (_("There is no “%s” in the saved settings"), id);
  return query_one_text (self, sql, id, missing, error);
}

GStrv
candor_store_list_documents (CandorStore *self, CandorStoreDocument kind, GError **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (CANDOR_IS_STORE (self), NULL);
  g_return_val_if_fail (kind <= CANDOR_STORE_DOCUMENT_TEMPLATE, NULL);

  LOCK_STORE (self);

  sql = g_strdup_printf ("SELECT id FROM %s ORDER BY id", document_tables[kind]);
  return query_ids (self, sql, error);
}

gboolean
candor_store_delete_document (CandorStore        *self,
                              CandorStoreDocument kind,
                              const char         *id,
                              GError            **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;

  g_return_val_if_fail (CANDOR_IS_STORE (self), FALSE);
  g_return_val_if_fail (kind <= CANDOR_STORE_DOCUMENT_TEMPLATE, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  LOCK_STORE (self);

  sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?1", document_tables[kind]);
  if (!prepare (self, sql, &stmt, error))
    return FALSE;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  return step_done (self, stmt, error);
}

/* Async variants: each runs its sync twin on the worker. */

typedef struct
{
  CandorIncident     *incident;
  CandorUpdate       *update;
  GDateTime          *sent_at;
  GPtrArray          *renditions;
  char               *id;
  char               *other_id;
  char               *json;
  CandorSearchQuery   query;
  char               *query_text;
  char               *audience;
  char               *language;
  CandorExportFormat  format;
  CandorStoreDocument kind;
  guint               offset;
  guint               limit;
  guint               count;
  gboolean            has_more;
} Call;

static void
call_free (Call *call)
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

static GTask *
new_call_task (CandorStore        *self,
               gpointer            source_tag,
               GCancellable       *cancellable,
               GAsyncReadyCallback callback,
               gpointer            user_data,
               Call              **call)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  *call = g_new0 (Call, 1);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, *call, (GDestroyNotify)call_free);

  return task;
}

static void
return_boolean (GTask *task, gboolean ok, GError *error)
{
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
return_pointer (GTask *task, gpointer result, GDestroyNotify destroy, GError *error)
{
  if (result != NULL)
    g_task_return_pointer (task, result, destroy);
  else
    g_task_return_error (task, error);
}

static gboolean
finish_boolean (CandorStore *self, GAsyncResult *result, gpointer tag, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static gpointer
finish_pointer (CandorStore *self, GAsyncResult *result, gpointer tag, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Copies taken on the caller's thread, so the worker never reads an
 * object the main loop may be changing. */
static CandorIncident *
snapshot_incident (CandorIncident *incident)
{
  return g_object_new (
    CANDOR_TYPE_INCIDENT, "id", candor_incident_get_id (incident), "title",
    candor_incident_get_title (incident), "services", candor_incident_get_services (incident),
    "severity", candor_incident_get_severity (incident), "state",
    candor_incident_get_state (incident), "language", candor_incident_get_language (incident),
    "started-at", candor_incident_get_started_at (incident), "detected-at",
    candor_incident_get_detected_at (incident), "resolved-at",
    candor_incident_get_resolved_at (incident), "sla-relevant",
    candor_incident_get_sla_relevant (incident), NULL);
}

static CandorUpdate *
snapshot_update (CandorUpdate *update)
{
  CandorUpdate *copy = g_object_new (CANDOR_TYPE_UPDATE, "id", candor_update_get_id (update),
                                     "created-at", candor_update_get_created_at (update), "kind",
                                     candor_update_get_kind (update), NULL);

  for (CandorField field = 0; field < CANDOR_N_FIELDS; field++)
    candor_update_set_field (copy, field, candor_update_get_field (update, field));
  candor_update_set_contact_name (copy, candor_update_get_contact_name (update));
  candor_update_set_contact_reach (copy, candor_update_get_contact_reach (update));
  candor_update_set_no_lasting_consequences (copy,
                                             candor_update_get_no_lasting_consequences (update));
  candor_update_set_next_update_at (copy, candor_update_get_next_update_at (update));
  candor_update_set_next_update_when_changed (copy,
                                              candor_update_get_next_update_when_changed (update));

  return copy;
}

static void
save_incident_job (CandorStore *self, GTask *task)
{
  Call   *call = g_task_get_task_data (task);
  GError *error = NULL;

  return_boolean (task, candor_store_save_incident (self, call->incident, &error), error);
}

void
candor_store_save_incident_async (CandorStore        *self,
                                  CandorIncident     *incident,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  Call *call;

  g_return_if_fail (CANDOR_IS_STORE (self));
  g_return_if_fail (CANDOR_IS_INCIDENT (incident));

  task =
    new_call_task (self, candor_store_save_incident_async, cancellable, callback, user_data, &call);
  /* The user may keep editing while the worker writes: it gets a copy. */
  call->incident = snapshot_incident (incident);
  run_job (self, task, save_incident_job);
}

gboolean
candor_store_save_incident_finish (CandorStore *self, GAsyncResult *result, GError **error)
{
  return finish_boolean (self, result, candor_store_save_incident_async, error);
}

static void
record_update_job (CandorStore *self, GTask *task)
{
  Call    *call = g_task_get_task_data (task);
  GError  *error = NULL;
  gboolean ok;

  ok = candor_store_record_update (self, call->id, call->update, call->sent_at, call->renditions,
                                   &error);
  return_boolean (task, ok, error);
}

void
candor_store_record_update_async (CandorStore        *self,
                                  const char         *incident_id,
                                  CandorUpdate       *update,
                                  GDateTime          *sent_at,
                                  GPtrArray          *renditions,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  Call *call;

  g_return_if_fail (CANDOR_IS_STORE (self));
  g_return_if_fail (incident_id != NULL);
  g_return_if_fail (CANDOR_IS_UPDATE (update));
  g_return_if_fail (sent_at != NULL);

  task =
    new_call_task (self, candor_store_record_update_async, cancellable, callback, user_data, &call);
  call->id = g_strdup (incident_id);
  call->update = snapshot_update (update);
  call->sent_at = g_date_time_ref (sent_at);
  call->renditions = renditions != NULL ? g_ptr_array_ref (renditions) : NULL;
  run_job (self, task, record_update_job);
}

gboolean
candor_store_record_update_finish (CandorStore *self, GAsyncResult *result, GError **error)
{
  return finish_boolean (self, result, candor_store_record_update_async, error);
}

static void
list_incidents_job (CandorStore *self, GTask *task)
{
  Call      *call = g_task_get_task_data (task);
  GError    *error = NULL;
  GPtrArray *incidents = candor_store_list_incidents (self, call->offset, call->limit, &error);

  return_pointer (task, incidents, (GDestroyNotify)g_ptr_array_unref, error);
}

void
candor_store_list_incidents_async (CandorStore        *self,
                                   guint               offset,
                                   guint               limit,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  Call *call;

  g_return_if_fail (CANDOR_IS_STORE (self));

  task = new_call_task (self, candor_store_list_incidents_async, cancellable, callback, user_data,
                        &call);
  call->offset = offset;
  call->limit = limit;
  run_job (self, task, list_incidents_job);
}

GPtrArray *
candor_store_list_incidents_finish (CandorStore *self, GAsyncResult *result, GError **error)
{
  return finish_pointer (self, result, candor_store_list_incidents_async, error);
}

static void
load_updates_job (CandorStore *self, GTask *task)
{
  Call      *call = g_task_get_task_data (task);
  GError    *error = NULL;
  GPtrArray *updates = candor_store_load_updates (self, call->id, &error);

  return_pointer (task, updates, (GDestroyNotify)g_ptr_array_unref, error);
}

void
candor_store_load_updates_async (CandorStore        *self,
                                 const char         *incident_id,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  Call *call;

  g_return_if_fail (CANDOR_IS_STORE (self));
  g_return_if_fail (incident_id != NULL);

  task =
    new_call_task (self, candor_store_load_updates_async, cancellable, callback, user_data, &call);
  call->id = g_strdup (incident_id);
  run_job (self, task, load_updates_job);
}

GPtrArray *
candor_store_load_updates_finish (CandorStore *self, GAsyncResult *result, GError **error)
{
  return finish_pointer (self, result, candor_store_load_updates_async, error);
}

static void
search_job (CandorStore *self, GTask *task)
{
  Call      *call = g_task_get_task_data (task);
  GError    *error = NULL;
  GPtrArray *hits;

  hits =
    candor_store_search (self, &call->query, call->offset, call->limit, &call->has_more, &error);
  return_pointer (task, hits, (GDestroyNotify)g_ptr_array_unref, error);
}

void
candor_store_search_async (CandorStore             *self,
                           const CandorSearchQuery *query,
                           guint                    offset,
                           guint                    limit,
                           GCancellable            *cancellable,
                           GAsyncReadyCallback      callback,
                           gpointer                 user_data)
{
  g_autoptr (GTask) task = NULL;
  Call *call;

  g_return_if_fail (CANDOR_IS_STORE (self));
  g_return_if_fail (query != NULL);

  task = new_call_task (self, candor_store_search_async, cancellable, callback, user_data, &call);
  /* A deep copy: the caller's query may live on its stack. */
  call->query = *query;
  call->query_text = g_strdup (query->text);
  call->audience = g_strdup (query->audience);
  call->language = g_strdup (query->language);
  call->query.text = call->query_text;
  call->query.audience = call->audience;
  call->query.language = call->language;
  call->query.from = query->from != NULL ? g_date_time_ref (query->from) : NULL;
  call->query.until = query->until != NULL ? g_date_time_ref (query->until) : NULL;
  call->offset = offset;
  call->limit = limit;
  run_job (self, task, search_job);
}

GPtrArray *
candor_store_search_finish (CandorStore  *self,
                            GAsyncResult *result,
                            gboolean     *has_more,
                            GError      **error)
{
  GPtrArray *hits = finish_pointer (self, result, candor_store_search_async, error);

  if (has_more != NULL)
    *has_more = hits != NULL && ((Call *)g_task_get_task_data (G_TASK (result)))->has_more;

  return hits;
}

static void
save_draft_job (CandorStore *self, GTask *task)
{
  Call    *call = g_task_get_task_data (task);
  GError  *error = NULL;
  gboolean ok = candor_store_save_draft (self, call->id, call->other_id, call->json, &error);

  return_boolean (task, ok, error);
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
  Call *call;

  g_return_if_fail (CANDOR_IS_STORE (self));
  g_return_if_fail (draft_id != NULL);
  g_return_if_fail (json != NULL);

  task =
    new_call_task (self, candor_store_save_draft_async, cancellable, callback, user_data, &call);
  call->id = g_strdup (draft_id);
  call->other_id = g_strdup (incident_id);
  call->json = g_strdup (json);
  run_job (self, task, save_draft_job);
}

gboolean
candor_store_save_draft_finish (CandorStore *self, GAsyncResult *result, GError **error)
{
  return finish_boolean (self, result, candor_store_save_draft_async, error);
}

static void
export_job (CandorStore *self, GTask *task)
{
  Call   *call = g_task_get_task_data (task);
  GError *error = NULL;
  GBytes *bytes = candor_store_export_incident (self, call->id, call->format, &error);

  return_pointer (task, bytes, (GDestroyNotify)g_bytes_unref, error);
}

void
candor_store_export_incident_async (CandorStore        *self,
                                    const char         *incident_id,
                                    CandorExportFormat  format,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  Call *call;

  g_return_if_fail (CANDOR_IS_STORE (self));
  g_return_if_fail (incident_id != NULL);

  task = new_call_task (self, candor_store_export_incident_async, cancellable, callback, user_data,
                        &call);
  call->id = g_strdup (incident_id);
  call->format = format;
  run_job (self, task, export_job);
}

GBytes *
candor_store_export_incident_finish (CandorStore *self, GAsyncResult *result, GError **error)
{
  return finish_pointer (self, result, candor_store_export_incident_async, error);
}

static void
load_incident_job (CandorStore *self, GTask *task)
{
  Call           *call = g_task_get_task_data (task);
  GError         *error = NULL;
  CandorIncident *incident = candor_store_load_incident (self, call->id, &error);

  return_pointer (task, incident, g_object_unref, error);
}

void
candor_store_load_incident_async (CandorStore        *self,
                                  const char         *incident_id,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  Call *call;

  g_return_if_fail (CANDOR_IS_STORE (self));
  g_return_if_fail (incident_id != NULL);

  task =
    new_call_task (self, candor_store_load_incident_async, cancellable, callback, user_data, &call);
  call->id = g_strdup (incident_id);
  run_job (self, task, load_incident_job);
}

CandorIncident *
candor_store_load_incident_finish (CandorStore *self, GAsyncResult *result, GError **error)
{
  return finish_pointer (self, result, candor_store_load_incident_async, error);
}

static void
count_incidents_job (CandorStore *self, GTask *task)
{
  Call   *call = g_task_get_task_data (task);
  GError *error = NULL;

  /* Zero is also a count: only the error tells a failure apart. */
  call->count = candor_store_count_incidents (self, &error);
  return_boolean (task, error == NULL, error);
}

void
candor_store_count_incidents_async (CandorStore        *self,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  Call *call;

  g_return_if_fail (CANDOR_IS_STORE (self));

  task = new_call_task (self, candor_store_count_incidents_async, cancellable, callback, user_data,
                        &call);
  run_job (self, task, count_incidents_job);
}

gboolean
candor_store_count_incidents_finish (CandorStore  *self,
                                     GAsyncResult *result,
                                     guint        *count,
                                     GError      **error)
{
  gboolean ok = finish_boolean (self, result, candor_store_count_incidents_async, error);

  if (count != NULL)
    *count = ok ? ((Call *)g_task_get_task_data (G_TASK (result)))->count : 0;

  return ok;
}

static void
load_drafts_job (CandorStore *self, GTask *task)
{
  GError    *error = NULL;
  GPtrArray *drafts =
    query_texts (self, "SELECT json FROM drafts ORDER BY saved_at DESC, rowid DESC", &error);

  return_pointer (task, drafts, (GDestroyNotify)g_ptr_array_unref, error);
}

void
candor_store_load_drafts_async (CandorStore        *self,
                                GCancellable       *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  Call *call;

  g_return_if_fail (CANDOR_IS_STORE (self));

  task =
    new_call_task (self, candor_store_load_drafts_async, cancellable, callback, user_data, &call);
  run_job (self, task, load_drafts_job);
}

GPtrArray *
candor_store_load_drafts_finish (CandorStore *self, GAsyncResult *result, GError **error)
{
  return finish_pointer (self, result, candor_store_load_drafts_async, error);
}

static void
delete_draft_job (CandorStore *self, GTask *task)
{
  Call    *call = g_task_get_task_data (task);
  GError  *error = NULL;
  gboolean ok = candor_store_delete_draft (self, call->id, &error);

  return_boolean (task, ok, error);
}

void
candor_store_delete_draft_async (CandorStore        *self,
                                 const char         *draft_id,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  Call *call;

  g_return_if_fail (CANDOR_IS_STORE (self));
  g_return_if_fail (draft_id != NULL);

  task =
    new_call_task (self, candor_store_delete_draft_async, cancellable, callback, user_data, &call);
  call->id = g_strdup (draft_id);
  run_job (self, task, delete_draft_job);
}

gboolean
candor_store_delete_draft_finish (CandorStore *self, GAsyncResult *result, GError **error)
{
  return finish_boolean (self, result, candor_store_delete_draft_async, error);
}

static void
load_documents_job (CandorStore *self, GTask *task)
{
  Call            *call = g_task_get_task_data (task);
  GError          *error = NULL;
  g_autofree char *sql =
    g_strdup_printf ("SELECT json FROM %s ORDER BY id", document_tables[call->kind]);
  GPtrArray *documents = query_texts (self, sql, &error);

  return_pointer (task, documents, (GDestroyNotify)g_ptr_array_unref, error);
}

void
candor_store_load_documents_async (CandorStore        *self,
                                   CandorStoreDocument kind,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  Call *call;

  g_return_if_fail (CANDOR_IS_STORE (self));
  g_return_if_fail (kind <= CANDOR_STORE_DOCUMENT_TEMPLATE);

  task = new_call_task (self, candor_store_load_documents_async, cancellable, callback, user_data,
                        &call);
  call->kind = kind;
  run_job (self, task, load_documents_job);
}

GPtrArray *
candor_store_load_documents_finish (CandorStore *self, GAsyncResult *result, GError **error)
{
  return finish_pointer (self, result, candor_store_load_documents_async, error);
}

static void
put_document_job (CandorStore *self, GTask *task)
{
  Call    *call = g_task_get_task_data (task);
  GError  *error = NULL;
  gboolean ok = candor_store_put_document (self, call->kind, call->id, call->json, &error);

  return_boolean (task, ok, error);
}

void
candor_store_put_document_async (CandorStore        *self,
                                 CandorStoreDocument kind,
                                 const char         *id,
                                 const char         *json,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  Call *call;

  g_return_if_fail (CANDOR_IS_STORE (self));
  g_return_if_fail (kind <= CANDOR_STORE_DOCUMENT_TEMPLATE);
  g_return_if_fail (id != NULL);
  g_return_if_fail (json != NULL);

  task =
    new_call_task (self, candor_store_put_document_async, cancellable, callback, user_data, &call);
  call->kind = kind;
  call->id = g_strdup (id);
  call->json = g_strdup (json);
  run_job (self, task, put_document_job);
}

gboolean
candor_store_put_document_finish (CandorStore *self, GAsyncResult *result, GError **error)
{
  return finish_boolean (self, result, candor_store_put_document_async, error);
}

static void
delete_document_job (CandorStore *self, GTask *task)
{
  Call    *call = g_task_get_task_data (task);
  GError  *error = NULL;
  gboolean ok = candor_store_delete_document (self, call->kind, call->id, &error);

  return_boolean (task, ok, error);
}

void
candor_store_delete_document_async (CandorStore        *self,
                                    CandorStoreDocument kind,
                                    const char         *id,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  Call *call;

  g_return_if_fail (CANDOR_IS_STORE (self));
  g_return_if_fail (kind <= CANDOR_STORE_DOCUMENT_TEMPLATE);
  g_return_if_fail (id != NULL);

  task = new_call_task (self, candor_store_delete_document_async, cancellable, callback, user_data,
                        &call);
  call->kind = kind;
  call->id = g_strdup (id);
  run_job (self, task, delete_document_job);
}

gboolean
candor_store_delete_document_finish (CandorStore *self, GAsyncResult *result, GError **error)
{
  return finish_boolean (self, result, candor_store_delete_document_async, error);
}
