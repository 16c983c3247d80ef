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

/* The schema version this build writes; migrations[v - 1] takes a database
 * from version v - 1 to v. */
int         _candor_store_get_schema_version (void);
const char *_candor_store_get_migration_sql (int to_version);
/* Applies the migrations up to @target_version on a raw connection. */
gboolean _candor_store_migrate (sqlite3 *db, int target_version, const char *path, GError **error);

sqlite3 *_candor_store_get_db (CandorStore *self);
void     _candor_store_lock (CandorStore *self);
void     _candor_store_unlock (CandorStore *self);
void     _candor_store_set_busy_timeout (CandorStore *self, int milliseconds);

/* Turns an SQLite result code into a CANDOR_STORE_ERROR; always FALSE. */
gboolean _candor_store_set_error (GError **error, sqlite3 *db, int rc, const char *path);

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
