/* test-store-migrations.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "candor-draft.h"
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
  /* version 6 */
  "INSERT INTO contacts (id, json, saved_at) VALUES ('dana', '{\"name\":\"Dana\"}', 1);",
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
  /* Everything recorded before version 7 is in one language. */
  g_assert_cmpstr (candor_incident_get_language (incident), ==, "en");
  g_assert_cmpuint (g_strv_length ((char **)candor_incident_get_other_languages (incident)), ==, 0);

  updates = candor_store_load_updates (store, "inc-1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (updates->len, ==, 1);
  sent = updates->pdata[0];
  g_assert_cmpstr (candor_update_get_field (sent->update, CANDOR_FIELD_EXECUTIVE_SUMMARY), ==,
                   "Zeppelin grounded");
  g_assert_false (candor_update_has_translation (sent->update, "ru"));
  rendition = sent->renditions->pdata[0];
  g_assert_cmpstr (rendition->language, ==, "en");
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

/* Every row of the tables a history of @version has, in the columns it has,
 * as text: what a migration must carry over unchanged. */
static char *
dump_rows (sqlite3 *db, const char *const *tables, GPtrArray *columns)
{
  GString *dump = g_string_new (NULL);

  for (guint t = 0; tables[t] != NULL; t++)
    {
      g_autofree char *sql =
        g_strdup_printf ("SELECT %s FROM %s ORDER BY rowid", (char *)columns->pdata[t], tables[t]);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_string_append_printf (dump, "%s:", tables[t]);
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (dump, " %s", (const char *)sqlite3_column_text (stmt, c));
          g_string_append_c (dump, '\n');
        }
      sqlite3_finalize (stmt);
    }

  return g_string_free (dump, FALSE);
}

/* quote() of each column of @table, joined for a SELECT. */
static char *
quoted_columns (sqlite3 *db, const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT name FROM pragma_table_info ('%s')", table);
  g_autoptr (GStrvBuilder) names = g_strv_builder_new ();
  g_auto (GStrv) strv = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *quoted = g_strdup_printf ("quote (%s)", sqlite3_column_text (stmt, 0));

      g_strv_builder_add (names, quoted);
    }
  sqlite3_finalize (stmt);
  strv = g_strv_builder_end (names);
  g_assert_cmpuint (g_strv_length (strv), >, 0);

  return g_strjoinv (", ", strv);
}

/* A history that 0.2.0 wrote through its store API (tests/data/history-0.2.0.sql,
 * a sqlite3 .dump) opens, migrates, and reads back as it was written:
 * every old row and column unchanged, the incident in one language, its
 * updates without translations, its renditions in English and searchable,
 * its version-1 draft loadable. */
static void
test_history_written_by_0_2_0 (void)
{
  const char *const tables[] = { "incidents", "updates",   "renditions", "publications",
                                 "drafts",    "audiences", NULL };
  const char       *incident_id = "dc36dcc0-008f-4068-bc98-9c8fea44daef";
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "history-0.2.0.sql", NULL);
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "history-0.2.0.db", NULL);
  g_autofree char *dump = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *draft_json = NULL;
  g_autoptr (GPtrArray) columns = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorStore) store = NULL;
  g_autoptr (CandorIncident) incident = NULL;
  g_autoptr (GPtrArray) updates = NULL;
  g_autoptr (GPtrArray) hits = NULL;
  g_autoptr (CandorDraft) draft = NULL;
  CandorSearchQuery query = CANDOR_SEARCH_QUERY_INIT;
  sqlite3          *db = NULL;

  g_file_get_contents (fixture, &dump, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, dump, NULL, NULL, NULL), ==, SQLITE_OK);
  for (guint t = 0; tables[t] != NULL; t++)
    g_ptr_array_add (columns, quoted_columns (db, tables[t]));
  before = dump_rows (db, tables, columns);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  store = candor_store_open (path, &error);
  g_assert_no_error (error);
  after = dump_rows (_candor_store_get_db (store), tables, columns);
  g_assert_cmpstr (after, ==, before);

  incident = candor_store_load_incident (store, incident_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (candor_incident_get_title (incident), ==, "Card payments failing at checkout");
  g_assert_cmpstr (candor_incident_get_language (incident), ==, "en");
  g_assert_cmpuint (g_strv_length ((char **)candor_incident_get_other_languages (incident)), ==, 0);
  g_assert_true (candor_incident_get_sla_relevant (incident));

  updates = candor_store_load_updates (store, incident_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (updates->len, ==, 2);
  for (guint i = 0; i < updates->len; i++)
    {
      CandorSentUpdate *sent = updates->pdata[i];

      g_assert_cmpstr (candor_update_get_field (sent->update, CANDOR_FIELD_IMPACT_NOW), ==,
                       "Card payments fail for some customers.");
      g_assert_cmpstr (candor_update_get_contact_name (sent->update), ==, "Dana Reyes");
      g_assert_false (candor_update_has_translation (sent->update, "ru"));
      g_assert_cmpuint (sent->renditions->len, ==, 2);
      for (guint j = 0; j < sent->renditions->len; j++)
        g_assert_cmpstr (((CandorSentRendition *)sent->renditions->pdata[j])->language, ==, "en");
    }
  g_assert_cmpstr (candor_update_get_field (((CandorSentUpdate *)updates->pdata[1])->update,
                                            CANDOR_FIELD_EXECUTIVE_SUMMARY),
                   ==, "The payment provider's gateway is switched; payments recover.");

  query.text = "gateway";
  hits = candor_store_search (store, &query, 0, 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 2);
  g_clear_pointer (&hits, g_ptr_array_unref);
  query.language = "en";
  hits = candor_store_search (store, &query, 0, 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 2);

  /* The autosaved draft is version 1, and loads as a draft in one language. */
  draft_json = candor_store_load_draft (store, "draft-legacy", &error);
  g_assert_no_error (error);
  draft = candor_draft_load_from_data (draft_json, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (candor_incident_get_title (candor_draft_get_incident (draft)), ==,
                   "Login page slow to load");
  g_assert_cmpuint (g_strv_length ((char **)candor_incident_get_other_languages (
                      candor_draft_get_incident (draft))),
                    ==, 0);
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
  g_test_add_func ("/store/migrations/history-written-by-0.2.0", test_history_written_by_0_2_0);

  return g_test_run ();
}
