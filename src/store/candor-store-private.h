/* candor-store-private.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "candor-search-hit.h"
#include "candor-store.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* Shared by the store's own files, its tests and the benchmarks; not API. */

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

  /* Damage: set (under the registry's lock) by the first SQLITE_CORRUPT,
   * SQLITE_NOTADB or failed check; from then on every write is refused. */
  gint     damaged;
  char    *damage;
  gboolean fully_checked;
  /* PRAGMA data_version at the last poll: it moves when another connection commits. */
  gint64 data_version;
  /* The file opened, to notice when another program sets it aside (recovers). */
  guint64  file_dev;
  guint64  file_ino;
  gboolean replaced;
  /* What recovery carried over into this fresh history, or NULL. */
  GArray *salvage;
};

/* Holds the connection's lock until the end of the enclosing scope. */
#define CANDOR_STORE_LOCK_GUARD(self) \
  g_autoptr (GRecMutexLocker) G_GNUC_UNUSED locker = g_rec_mutex_locker_new (&(self)->lock)

/* The schema version this build writes: the number of migration files in
 * the resources. The SQL of version v takes a database from v - 1 to v. */
int         _candor_store_get_schema_version (void);
const char *_candor_store_get_migration_sql (int to_version);
/* Applies the migrations up to @target_version on a raw connection. */
gboolean _candor_store_migrate (sqlite3 *db, int target_version, const char *path, GError **error);

sqlite3 *_candor_store_get_db (CandorStore *self);
/* The incident whose columns 0-11 are id, title, services, severity, state,
 * language, started_at, detected_at, resolved_at, sla_relevant, other_languages,
 * title_translations. */
CandorIncident *_candor_store_incident_from_row (sqlite3_stmt *stmt);
void            _candor_store_lock (CandorStore *self);
void            _candor_store_unlock (CandorStore *self);
void            _candor_store_set_busy_timeout (CandorStore *self, int milliseconds);

/* Turns an SQLite result code into a CANDOR_STORE_ERROR; always FALSE.
 * SQLITE_CORRUPT and SQLITE_NOTADB also mark the connection's store damaged. */
gboolean _candor_store_set_error (GError **error, sqlite3 *db, int rc, const char *path);
/* CANDOR_STORE_ERROR_CORRUPT for @path, saying @detail; always FALSE. */
gboolean _candor_store_set_corrupt_error (GError **error, const char *path, const char *detail);

/* Damage (candor-store-damage.c). */
void     _candor_store_register (CandorStore *self);
void     _candor_store_unregister (CandorStore *self);
void     _candor_store_note_corrupt (sqlite3 *db, const char *detail);
gboolean _candor_store_set_damaged_error (CandorStore *self, GError **error);
/* PRAGMA quick_check (or integrity_check when @full); CORRUPT with what it found. */
gboolean
     _candor_store_check_connection (sqlite3 *db, const char *path, gboolean full, GError **error);
void _candor_store_salvage (CandorStore *fresh, const char *damaged_path);
void _candor_store_remember_file (CandorStore *self);

/* Statements on the store's connection; each sets @error as above. */
gboolean _candor_store_exec (sqlite3 *db, const char *sql, const char *path, GError **error);
gboolean
_candor_store_prepare (CandorStore *self, const char *sql, sqlite3_stmt **stmt, GError **error);
/* Runs a statement that returns no rows. */
gboolean _candor_store_step_done (CandorStore *self, sqlite3_stmt *stmt, GError **error);
/* A write that is all or nothing: a transaction, or a savepoint inside the
 * caller's own; commit rolls back when it fails. */
gboolean _candor_store_begin_write (CandorStore *self, GError **error);
void     _candor_store_rollback (CandorStore *self);
gboolean _candor_store_commit (CandorStore *self, GError **error);

/* Times are whole seconds since the epoch, UTC; NULL is SQL NULL. */
void        _candor_store_bind_time (sqlite3_stmt *stmt, int index, GDateTime *time);
GDateTime  *_candor_store_column_time (sqlite3_stmt *stmt, int index);
const char *_candor_store_column_text (sqlite3_stmt *stmt, int index);
/* The enum value whose nick the column holds, or @fallback. */
int _candor_store_enum_from_column (GType type, sqlite3_stmt *stmt, int index, int fallback);

/* One text column of the row whose ?1 is @key, or NOT_FOUND with @missing. */
char *_candor_store_query_one_text (CandorStore *self,
                                    const char  *sql,
                                    const char  *key,
                                    const char  *missing,
                                    GError     **error);
/* The first column of every row, in the statement's order. */
GStrv      _candor_store_query_ids (CandorStore *self, const char *sql, GError **error);
GPtrArray *_candor_store_query_texts (CandorStore *self, const char *sql, GError **error);

/* The async calls: each copies its inputs into a CandorStoreCall on the
 * caller's thread, and a job runs the sync twin on the store's one worker
 * thread, in the order the calls were made. */
typedef void (*CandorStoreJobFunc) (CandorStore *self, GTask *task);

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
} CandorStoreCall;

/* A task whose data is a fresh CandorStoreCall, returned in @call. */
GTask *_candor_store_new_call_task (CandorStore        *self,
                                    gpointer            source_tag,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data,
                                    CandorStoreCall   **call);
void   _candor_store_run_job (CandorStore *self, GTask *task, CandorStoreJobFunc func);
/* Return @error (taking it) when the sync call failed. */
void _candor_store_return_boolean (GTask *task, gboolean ok, GError *error);
void
_candor_store_return_pointer (GTask *task, gpointer result, GDestroyNotify destroy, GError *error);
gboolean _candor_store_finish_boolean (CandorStore  *self,
                                       GAsyncResult *result,
                                       gpointer      tag,
                                       GError      **error);
gpointer _candor_store_finish_pointer (CandorStore  *self,
                                       GAsyncResult *result,
                                       gpointer      tag,
                                       GError      **error);

/* The FTS5 expression for what a user typed, or NULL when it has no words. */
char *_candor_store_build_fts_query (const char *text);
/* The search statement for @query's filters, with :match, :start, :end,
 * :limit, :offset and one named parameter per filter set. */
char *_candor_store_build_search_sql (const CandorSearchQuery *query);
/* The first search document id of the second @time falls in. */
gint64   _candor_store_time_to_doc_id (GDateTime *time);
gboolean _candor_store_bind_search (sqlite3_stmt            *stmt,
                                    const CandorSearchQuery *query,
                                    const char              *match,
                                    guint                    offset,
                                    guint                    limit);

CandorSearchHit *_candor_search_hit_new (CandorSearchHitKind kind,
                                         const char         *incident_id,
                                         const char         *incident_title,
                                         CandorIncidentState state,
                                         CandorSeverity      severity,
                                         const char         *update_id,
                                         const char         *audience,
                                         int                 format,
                                         const char         *language,
                                         GDateTime          *at,
                                         const char         *snippet);

G_END_DECLS
