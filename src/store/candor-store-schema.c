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
  if (!_candor_store_exec (db, "BEGIN IMMEDIATE", path, error))
    return FALSE;

  if (!read_user_version (db, path, &version, error))
    goto fail;

  for (; version < target_version; version++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", version + 1);

      if (!_candor_store_exec (db, migrations[version], path, error) ||
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
