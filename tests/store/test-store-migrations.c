/* test-store-migrations.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "candor-store-private.h"

/* Sample rows as each old version would have written them. */
static const char *const sample_rows[] = {
  /* version 1 */
  "INSERT INTO incidents (num, id, title, services, severity, state, language, started_at,"
  "  detected_at, resolved_at, listed_at, saved_at)"
  "  VALUES (1, 'inc-1', 'Legacy outage', '[\"API\"]', 'major', 'resolved', 'en',"
  "  1764486000, 1764486300, 1764493200, 1764486000, 1764493200);"
  "INSERT INTO updates (num, id, incident_num, kind, fields, next_update_at,"
  "  next_update_when_changed, created_at, sent_at)"
  "  VALUES (1, 'upd-1', 1, 'initial', '{\"executive-summary\":\"Zeppelin grounded\"}',"
  "  1764489600, 0, 1764486500, 1764486600);"
  "INSERT INTO renditions (id, update_num, audience, channel, language, subject, body, mime)"
  "  VALUES (1, 1, 'customers', 'email', 'en', 'Zeppelin', 'The zeppelin is grounded.',"
  "  CAST ('From: a@example.com' || char (13, 10, 13, 10) || 'x' AS BLOB));"
  "INSERT INTO publications (rendition_id, channel_id, state, attempts, created_at, updated_at)"
  "  VALUES (1, 'smtp', 'sent', 1, 1764486600, 1764486600);"
  "INSERT INTO drafts (id, incident_id, json, saved_at) VALUES ('draft-1', 'inc-1', '{}', 1);",
  /* version 2 */
  "UPDATE incidents SET sla_relevant = 1 WHERE id = 'inc-1';"
  "INSERT INTO channel_settings (id, json, saved_at) VALUES ('slack', '{\"kind\":\"slack\"}', 1);"
  "INSERT INTO audiences (id, json, saved_at) VALUES ('customers', '{}', 1);",
  /* version 3 */
  "INSERT INTO renditions (id, update_num, audience, channel, language, subject, body)"
  "  VALUES (2, 1, 'technical', 'slack', 'en', 'Airship', 'The airship is moored.');",
  /* version 4 */
  "INSERT INTO publications (rendition_id, channel_id, state, created_at, updated_at)"
  "  VALUES (2, 'slack', 'waiting', 1764486600, 1764486600);",
  /* version 5 */
  "UPDATE publications SET next_attempt_at = 1764486700 WHERE rendition_id = 2;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (sample_rows) >= 2);

static char *
make_database_at_version (int version)
{
  g_autofree char *path = g_strdup_printf ("%s/history-v%d.db", g_get_user_data_dir (), version);
  g_autoptr (GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  /* Each version writes its rows into its own schema, as it did when it was
   * the newest. The newest version has no sample rows of its own: nothing
   * migrates from it yet. */
  for (int v = 1; v <= version; v++)
    {
      _candor_store_migrate (db, v, path, &error);
      g_assert_no_error (error);
      if (v <= (int)G_N_ELEMENTS (sample_rows))
        g_assert_cmpint (sqlite3_exec (db, sample_rows[v - 1], NULL, NULL, NULL), ==, SQLITE_OK);
    }
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  return g_steal_pointer (&path);
}

static void
check_migrates_from (gconstpointer data)
{
  int              version = GPOINTER_TO_INT (data);
  g_autofree char *path = make_database_at_version (version);
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorStore) store = candor_store_open (path, &error);
  g_autoptr (CandorIncident) incident = NULL;
  g_autoptr (GPtrArray) updates = NULL;
  g_autoptr (GPtrArray) hits = NULL;
  g_autofree char     *draft = NULL;
  CandorSearchQuery    query = CANDOR_SEARCH_QUERY_INIT;
  CandorSentUpdate    *sent;
  CandorSentRendition *rendition;
  sqlite3_stmt        *stmt = NULL;

  g_assert_no_error (error);
  sqlite3_prepare_v2 (_candor_store_get_db (store), "PRAGMA user_version", -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, _candor_store_get_schema_version ());
  sqlite3_finalize (stmt);

  if (version == 0)
    {
      g_assert_cmpuint (candor_store_count_incidents (store, &error), ==, 0);
      g_assert_no_error (error);
      return;
    }

  incident = candor_store_load_incident (store, "inc-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (candor_incident_get_title (incident), ==, "Legacy outage");
  g_assert_cmpint (candor_incident_get_severity (incident), ==, CANDOR_SEVERITY_MAJOR);
  g_assert_cmpint (g_date_time_to_unix (candor_incident_get_resolved_at (incident)), ==,
                   1764493200);
  g_assert_cmpint (candor_incident_get_sla_relevant (incident), ==, version >= 2);

  updates = candor_store_load_updates (store, "inc-1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (updates->len, ==, 1);
  sent = updates->pdata[0];
  g_assert_cmpstr (candor_update_get_field (sent->update, CANDOR_FIELD_EXECUTIVE_SUMMARY), ==,
                   "Zeppelin grounded");
  rendition = sent->renditions->pdata[0];
  g_assert_cmpstr (rendition->body, ==, "The zeppelin is grounded.");
  g_assert_cmpuint (g_bytes_get_size (rendition->mime), ==,
                    strlen ("From: a@example.com\r\n\r\nx"));
  g_assert_cmpuint (sent->publications->len, ==, version >= 4 ? 2 : 1);
  /* Publications queued before version 5 have an idempotency key each. */
  for (guint i = 0; i < sent->publications->len; i++)
    {
      CandorPublication *publication = sent->publications->pdata[i];

      g_assert_cmpuint (strlen (publication->idempotency_key), ==, 32);
      g_assert_null (publication->in_flight_since);
    }

  /* A rendition of before channels went through the default channel of its
   * format's kind, whose id is the format's nick. */
  g_assert_cmpstr (rendition->channel_id, ==, "email");
  g_assert_cmpint (rendition->dialect, ==, CANDOR_DIALECT_EMAIL);
  g_assert_cmpuint (sent->renditions->len, ==, version >= 3 ? 2 : 1);
  if (version >= 3)
    {
      CandorSentRendition *slack = sent->renditions->pdata[1];

      g_assert_cmpstr (slack->channel_id, ==, "slack");
      g_assert_cmpint (slack->dialect, ==, CANDOR_DIALECT_SLACK);
    }

  draft = candor_store_load_draft (store, "draft-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (draft, ==, "{}");

  /* Drafts kept before version 6 open at the first step. */
  {
    g_autoptr (GPtrArray) records = candor_store_load_draft_records (store, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (records->len, ==, 1);
    g_assert_cmpuint (((CandorDraftRecord *)g_ptr_array_index (records, 0))->step, ==, 0);
    g_assert_true (candor_store_set_draft_step (store, "draft-1", 4, &error));
    g_assert_no_error (error);
    g_ptr_array_unref (g_steal_pointer (&records));
    records = candor_store_load_draft_records (store, &error);
    g_assert_cmpuint (((CandorDraftRecord *)g_ptr_array_index (records, 0))->step, ==, 4);
  }

  if (version >= 2)
    {
      g_autofree char *channel =
        candor_store_get_document (store, CANDOR_STORE_DOCUMENT_CHANNEL, "slack", &error);
      g_assert_no_error (error);
      g_assert_cmpstr (channel, ==, "{\"kind\":\"slack\"}");
    }

  /* What older versions recorded is searchable after the upgrade. */
  query.text = "zeppelin";
  hits = candor_store_search (store, &query, 0, 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);
  query.text = "legacy";
  hits = candor_store_search (store, &query, 0, 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (candor_search_hit_get_kind (hits->pdata[0]), ==, CANDOR_SEARCH_HIT_INCIDENT);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* The format filter reads the dialect, old rows' included. */
  query.text = "zeppelin";
  query.format = CANDOR_DIALECT_EMAIL;
  hits = candor_store_search (store, &query, 0, 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);
  query.format = CANDOR_DIALECT_SLACK;
  hits = candor_store_search (store, &query, 0, 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  if (version >= 3)
    {
      query.text = "airship";
      hits = candor_store_search (store, &query, 0, 10, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (hits->len, ==, 1);
    }
}

/* Version 4 keys renditions by channel: two channels of one kind, two
 * mailing lists say, each keep their own rendition of one update. */
static void
test_two_channels_of_one_kind (void)
{
  g_autofree char *path = make_database_at_version (_candor_store_get_schema_version ());
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorStore) store = candor_store_open (path, &error);
  sqlite3 *db;

  g_assert_no_error (error);
  db = _candor_store_get_db (store);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO renditions (id, update_num, audience, channel_id,"
                                 "  dialect, language, body)"
                                 "  VALUES (3, 1, 'customers', 'board-list', 'email', 'en', 'b');"
                                 "INSERT INTO renditions (id, update_num, audience, channel_id,"
                                 "  dialect, language, body)"
                                 "  VALUES (4, 1, 'customers', 'ops-list', 'email', 'en', 'o');",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO renditions (update_num, audience, channel_id,"
                                 "  dialect, language, body)"
                                 "  VALUES (1, 'customers', 'ops-list', 'email', 'en', 'again');",
                                 NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT_UNIQUE);
}

static void
test_newer_file_is_left_alone (void)
{
  g_autofree char *path = make_database_at_version (_candor_store_get_schema_version ());
  g_autofree char *sql =
    g_strdup_printf ("PRAGMA user_version = %d", _candor_store_get_schema_version () + 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorStore) store = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = candor_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer version"));
}

static void
test_every_version_has_sql (void)
{
  int latest = _candor_store_get_schema_version ();

  g_assert_cmpint (latest, ==, G_N_ELEMENTS (sample_rows) + 1);
  for (int v = 1; v <= latest; v++)
    g_assert_nonnull (_candor_store_get_migration_sql (v));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/migrations/every-version-has-sql", test_every_version_has_sql);
  for (int v = 0; v < _candor_store_get_schema_version (); v++)
    {
      g_autofree char *name = g_strdup_printf ("/store/migrations/from-version-%d", v);

      g_test_add_data_func (name, GINT_TO_POINTER (v), check_migrates_from);
    }
  g_test_add_func ("/store/migrations/newer-file-is-left-alone", test_newer_file_is_left_alone);
  g_test_add_func ("/store/migrations/two-channels-of-one-kind", test_two_channels_of_one_kind);

  return g_test_run ();
}
