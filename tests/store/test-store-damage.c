/* test-store-damage.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Light damage (junk over a few pages) is found at open and when met later,
 * nothing more is written into a damaged history, and recovery carries every
 * row SQLite can still read into the fresh one. The sweep writes junk over
 * each page of a small history in turn. */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "candor-store-private.h"
#include "candor-store-test-seed.h"

#define PAGE_SIZE 4096

/* Every table recovery carries, with the column that names a row in it. */
static const struct
{
  const char *table;
  const char *key;
} tables[] = {
  { "incidents", "num" },   { "updates", "num" },  { "renditions", "id" },
  { "publications", "id" }, { "drafts", "id" },    { "contacts", "id" },
  { "audiences", "id" },    { "templates", "id" }, { "channel_settings", "id" },
};

static char *
temp_path (const char *name)
{
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  return g_build_filename (g_get_user_data_dir (), name, NULL);
}

static CandorStore *
open_store (const char *path)
{
  g_autoptr (GError) error = NULL;
  CandorStore *store = candor_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

/* A small history with a row in every table recovery carries, compacted so
 * that every page of it is in use. */
static void
seed_small_history (const char *path)
{
  g_autoptr (CandorStore) store = open_store (path);
  g_autoptr (GError) error = NULL;
  sqlite3 *db;

  for (int i = 0; i < 6; i++)
    {
      g_autofree char *title = g_strdup_printf ("Checkout fails for some customers (%d)", i);
      g_autoptr (GDateTime) started = seed_time (8, i);
      g_autoptr (GDateTime) sent = seed_time (9, i);
      g_autoptr (GDateTime) next = seed_time (10, i);
      g_autoptr (CandorIncident) incident = seed_incident (
        store, title, CANDOR_SEVERITY_MAJOR, CANDOR_INCIDENT_STATE_INVESTIGATING, started, started);
      g_autoptr (CandorUpdate) first =
        seed_update (store, incident, CANDOR_UPDATE_KIND_INITIAL, sent, next,
                     "Some customers cannot pay at checkout. We are on it.");
      g_autoptr (CandorUpdate) second =
        seed_update (store, incident, CANDOR_UPDATE_KIND_PROGRESS, next, NULL,
                     "We found the cause and are rolling out a fix.");
    }

  for (int i = 0; i < 4; i++)
    {
      g_autofree char *id = g_strdup_printf ("draft-%d", i);
      g_autofree char *contact = g_strdup_printf ("Contact %d", i);
      g_autofree char *contact_json =
        g_strdup_printf ("{\"name\": \"%s\", \"reach\": \"ops%d@example.com\"}", contact, i);
      g_autofree char *audience = g_strdup_printf ("audience-%d", i);
      g_autofree char *channel = g_strdup_printf ("channel-%d", i);
      g_autofree char *template = g_strdup_printf ("template-%d", i);

      g_assert_true (candor_store_save_draft (
        store, id, NULL, "{\"title\": \"A draft that must survive\"}", &error));
      g_assert_true (candor_store_put_document (store, CANDOR_STORE_DOCUMENT_CONTACT, contact,
                                                contact_json, &error));
      g_assert_true (candor_store_put_document (store, CANDOR_STORE_DOCUMENT_AUDIENCE, audience,
                                                "{\"name\": \"Customers\"}", &error));
      g_assert_true (candor_store_put_document (store, CANDOR_STORE_DOCUMENT_CHANNEL, channel,
                                                "{\"kind\": \"slack\", \"name\": \"Ops\"}",
                                                &error));
      g_assert_true (candor_store_put_document (store, CANDOR_STORE_DOCUMENT_TEMPLATE, template,
                                                "{\"name\": \"Outage\"}", &error));
      g_assert_no_error (error);
    }

  /* An outbox entry for every rendition. */
  db = _candor_store_get_db (store);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO publications (rendition_id, channel_id, state,"
                                 " created_at, updated_at, idempotency_key)"
                                 " SELECT id, 'ops', 'sent', 0, 0, hex (randomblob (8))"
                                 " FROM renditions",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "VACUUM", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_checkpoint (TRUNCATE)", NULL, NULL, NULL), ==,
                   SQLITE_OK);
}

static void
write_junk (const char *path, goffset offset, gsize length, guint32 seed)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  g_autofree guint8 *junk = g_malloc (length);
  FILE              *file = fopen (path, "r+b");

  g_assert_nonnull (file);
  for (gsize i = 0; i < length; i++)
    junk[i] = g_rand_int_range (rand, 0, 256);
  g_assert_cmpint (fseek (file, offset, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (junk, 1, length, file), ==, length);
  g_assert_cmpint (fclose (file), ==, 0);
}

static void
copy_bytes (const char *from, const char *to)
{
  g_autofree char *contents = NULL;
  gsize            length;

  g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (to, contents, length, NULL));
}

static int
root_page (const char *path, const char *table)
{
  sqlite3      *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int           page;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (
    sqlite3_prepare_v2 (db, "SELECT rootpage FROM sqlite_schema WHERE name = ?1", -1, &stmt, NULL),
    ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  page = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return page;
}

/* Each row of @table as one text (every column quoted, in order), as a set. */
static GHashTable *
row_texts (sqlite3 *db, const char *table, const char *const *columns)
{
  g_autoptr (GString) select = g_string_new ("SELECT ");
  GHashTable   *rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;

  for (guint i = 0; columns[i] != NULL; i++)
    g_string_append_printf (select, "%squote (\"%s\")", i > 0 ? " || '|' || " : "", columns[i]);
  g_string_append_printf (select, " FROM \"%s\" WHERE rowid = ?1", table);

  /* Every rowid the table holds, read one at a time: what any reader could
   * still get at. The rowids of a sound table are at most its row count
   * plus what was deleted, so probing up to 4096 covers these small ones. */
  if (sqlite3_prepare_v2 (db, select->str, -1, &stmt, NULL) != SQLITE_OK)
    return rows;
  for (gint64 rowid = 1; rowid <= 4096; rowid++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, rowid);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        g_hash_table_add (rows, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
    }
  sqlite3_finalize (stmt);

  return rows;
}

static GStrv
columns_of (sqlite3 *db, const char *table)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *sql = g_strdup_printf ("SELECT name FROM pragma_table_info ('%s')", table);
  sqlite3_stmt    *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return g_strv_builder_end (builder);
}

typedef struct
{
  guint readable;
  guint carried;
  guint orphans;
} Tally;

/* Asserts that every row a reader of @damaged (a copy) can still get at is
 * in the fresh history @fresh_path, column for column. */
static void
assert_carried (const char *damaged, const char *fresh_path, Tally *tally)
{
  sqlite3 *src = NULL;
  sqlite3 *fresh = NULL;

  g_assert_cmpint (sqlite3_open_v2 (damaged, &src, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_open_v2 (fresh_path, &fresh, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_exec (src, "PRAGMA cell_size_check = ON", NULL, NULL, NULL);

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_auto (GStrv) columns = columns_of (fresh, tables[t].table);
      g_autoptr (GHashTable) readable = NULL;
      g_autoptr (GHashTable) carried = NULL;
      GHashTableIter iter;
      gpointer       row;

      /* Rows with a text key get a new rowid in the fresh history, which is
       * not part of what they say. */
      readable = row_texts (src, tables[t].table, (const char *const *)columns);
      carried = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      {
        g_autoptr (GString) select = g_string_new ("SELECT ");
        sqlite3_stmt *stmt = NULL;

        for (guint i = 0; columns[i] != NULL; i++)
          g_string_append_printf (select, "%squote (\"%s\")", i > 0 ? " || '|' || " : "",
                                  columns[i]);
        g_string_append_printf (select, " FROM \"%s\"", tables[t].table);
        g_assert_cmpint (sqlite3_prepare_v2 (fresh, select->str, -1, &stmt, NULL), ==, SQLITE_OK);
        while (sqlite3_step (stmt) == SQLITE_ROW)
          g_hash_table_add (carried, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
        sqlite3_finalize (stmt);
      }

      g_hash_table_iter_init (&iter, readable);
      while (g_hash_table_iter_next (&iter, &row, NULL))
        {
          tally->readable++;
          if (g_hash_table_contains (carried, row))
            {
              tally->carried++;
              continue;
            }

          /* An outbox entry whose message was lost has nothing left to send. */
          if (g_str_equal (tables[t].table, "publications"))
            {
              tally->orphans++;
              continue;
            }

          g_error ("A readable row of %s was not carried over: %s", tables[t].table,
                   (const char *)row);
        }
    }

  sqlite3_close (src);
  sqlite3_close (fresh);
}

static guint
total_carried (CandorStore *store)
{
  GArray *salvage = candor_store_get_salvage (store);
  guint   total = 0;

  g_assert_nonnull (salvage);
  for (guint i = 0; i < salvage->len; i++)
    total += g_array_index (salvage, CandorStoreSalvage, i).carried;

  return total;
}

static const CandorStoreSalvage *
salvage_of (CandorStore *store, const char *table)
{
  GArray *salvage = candor_store_get_salvage (store);

  for (guint i = 0; i < salvage->len; i++)
    if (g_str_equal (g_array_index (salvage, CandorStoreSalvage, i).table, table))
      return &g_array_index (salvage, CandorStoreSalvage, i);

  g_assert_not_reached ();
}

/* The case of issue 14: 20 KB of junk over the pages of contacts, audiences
 * and channel settings. */
static void
test_light_damage (void)
{
  g_autofree char *path = temp_path ("history.db");
  g_autofree char *pristine = temp_path ("pristine.db");
  g_autofree char *damaged_copy = temp_path ("damaged-copy.db");
  g_autofree char *damaged = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorStore) store = NULL;
  g_autoptr (GPtrArray) incidents = NULL;
  g_autofree char *draft = NULL;
  const char      *small[] = { "contacts", "audiences", "channel_settings" };
  gsize            before_length, after_length;
  Tally            tally = { 0 };
  gint64           start;

  seed_small_history (path);
  copy_bytes (path, pristine);
  for (guint i = 0; i < G_N_ELEMENTS (small); i++)
    write_junk (path, (goffset)(root_page (pristine, small[i]) - 1) * PAGE_SIZE, PAGE_SIZE, i);
  /* And the rest of the 20 KB just after the last of them. */
  write_junk (path, (goffset)root_page (pristine, small[2]) * PAGE_SIZE, 20480 - 3 * PAGE_SIZE, 7);
  g_assert_true (g_file_get_contents (path, &before, &before_length, NULL));
  copy_bytes (path, damaged_copy);

  start = g_get_monotonic_time ();
  store = candor_store_open (path, &error);
  g_test_message ("Open with the quick check: %.1f ms", (g_get_monotonic_time () - start) / 1e3);
  g_assert_null (store);
  g_assert_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "damaged"));
  g_clear_error (&error);

  /* Nothing was written: not even a migration or a checkpoint. */
  g_assert_true (g_file_get_contents (path, &after, &after_length, NULL));
  g_assert_cmpmem (before, before_length, after, after_length);
  g_clear_pointer (&after, g_free);

  start = g_get_monotonic_time ();
  store = candor_store_recover (path, &damaged, &error);
  g_test_message ("Recover: %.1f ms", (g_get_monotonic_time () - start) / 1e3);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  /* Set aside byte for byte. */
  g_assert_true (g_file_get_contents (damaged, &after, &after_length, NULL));
  g_assert_cmpmem (before, before_length, after, after_length);

  /* The history itself came through whole; the damaged tables did not. */
  g_assert_cmpuint (salvage_of (store, "incidents")->carried, ==, 6);
  g_assert_cmpint (salvage_of (store, "incidents")->lost, ==, 0);
  g_assert_cmpuint (salvage_of (store, "updates")->carried, ==, 12);
  g_assert_cmpuint (salvage_of (store, "renditions")->carried, ==, 24);
  g_assert_cmpuint (salvage_of (store, "publications")->carried, ==, 24);
  g_assert_cmpuint (salvage_of (store, "drafts")->carried, ==, 4);
  g_assert_cmpuint (salvage_of (store, "contacts")->carried, <, 4);
  g_assert_cmpint (salvage_of (store, "contacts")->lost, !=, 0);
  incidents = candor_store_list_incidents (store, 0, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (incidents->len, ==, 6);
  draft = candor_store_load_draft (store, "draft-2", &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (draft, "must survive"));
  g_assert_true (candor_store_check (store, TRUE, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  assert_carried (damaged_copy, path, &tally);
  g_test_message ("Light damage: %u rows readable, %u carried", tally.readable, tally.carried);
}

/* Damage met after opening: the store refuses to write, says so when
 * polled, and the damaged file is left as it was. */
static void
test_damage_met_later (void)
{
  g_autofree char *path = temp_path ("history.db");
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorStore) store = NULL;
  g_autofree char *pristine = temp_path ("pristine.db");
  sqlite3         *other = NULL;
  char            *json;

  seed_small_history (path);
  copy_bytes (path, pristine);
  store = open_store (path);

  write_junk (path, (goffset)(root_page (pristine, "contacts") - 1) * PAGE_SIZE, PAGE_SIZE, 3);
  /* Another connection's write makes the store read the file again. */
  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (
    sqlite3_exec (other, "UPDATE drafts SET saved_at = saved_at + 1", NULL, NULL, NULL), ==,
    SQLITE_OK);
  sqlite3_close (other);

  g_assert_false (candor_store_is_damaged (store));
  json = candor_store_get_document (store, CANDOR_STORE_DOCUMENT_CONTACT, "Contact 1", &error);
  g_assert_null (json);
  g_assert_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_true (candor_store_is_damaged (store));

  /* A draft is not saved into it, nor anything else. */
  g_assert_false (candor_store_save_draft (store, "draft-9", NULL, "{}", &error));
  g_assert_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_false (
    candor_store_put_document (store, CANDOR_STORE_DOCUMENT_AUDIENCE, "x", "{}", &error));
  g_assert_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_CORRUPT);
  g_clear_error (&error);

  /* Reads of what is sound go on. */
  g_assert_cmpuint (candor_store_count_incidents (store, &error), ==, 6);
  g_assert_no_error (error);

  /* The full check says what is wrong. */
  g_assert_false (candor_store_check (store, TRUE, &error));
  g_assert_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_CORRUPT);
}

/* Junk over each page of a small history in turn: no crash, the damage is
 * reported at open, and recovery keeps every row a reader can still get at. */
static void
test_every_page (void)
{
  g_autofree char *pristine = temp_path ("pristine.db");
  g_autofree char *path = temp_path ("history.db");
  g_autofree char *damaged_copy = temp_path ("damaged-copy.db");
  g_autofree char *contents = NULL;
  gsize            length;
  guint  pages, tried = 0, found_at_open = 0, rows_carried = 0, rows_readable = 0, orphans = 0;
  gint64 start = g_get_monotonic_time ();
  gint64 slowest_recover = 0;
  Tally  tally = { 0 };
  g_autoptr (GRand) rand = g_rand_new_with_seed (14);
  g_autofree guint *order = NULL;

  seed_small_history (pristine);
  g_assert_true (g_file_get_contents (pristine, &contents, &length, NULL));
  g_assert_cmpuint (length % PAGE_SIZE, ==, 0);
  pages = length / PAGE_SIZE;

  /* In an order of its own, so that a run cut short by the time bound
   * still samples the whole file. */
  order = g_new (guint, pages);
  for (guint i = 0; i < pages; i++)
    order[i] = i + 1;
  for (guint i = pages - 1; i > 0; i--)
    {
      guint j = g_rand_int_range (rand, 0, i + 1);
      guint swap = order[i];

      order[i] = order[j];
      order[j] = swap;
    }

  for (guint i = 0; i < pages; i++)
    {
      guint page = order[i];
      g_autoptr (GError) error = NULL;
      g_autoptr (CandorStore) store = NULL;
      g_autofree char *damaged = NULL;
      gint64           recover_start;

      /* Bounded in time: about 20 s as built for users, longer under the
       * sanitizers, which then try a sample. */
      if (tried >= 10 && g_get_monotonic_time () - start > 45 * G_USEC_PER_SEC)
        break;

      tried++;
      g_assert_true (g_file_set_contents (path, contents, length, NULL));
      write_junk (path, (goffset)(page - 1) * PAGE_SIZE, PAGE_SIZE, page);
      copy_bytes (path, damaged_copy);

      /* Found by the quick check at open, or else by the full check. */
      store = candor_store_open (path, &error);
      if (store == NULL)
        found_at_open++;
      else if (candor_store_check (store, TRUE, &error))
        g_error ("Junk over page %u of %u went unnoticed", page, pages);
      g_assert_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_CORRUPT);
      g_clear_error (&error);
      g_clear_object (&store);

      recover_start = g_get_monotonic_time ();
      store = candor_store_recover (path, &damaged, &error);
      slowest_recover = MAX (slowest_recover, g_get_monotonic_time () - recover_start);
      g_assert_no_error (error);
      g_assert_nonnull (store);
      rows_carried += total_carried (store);
      g_clear_object (&store);

      memset (&tally, 0, sizeof tally);
      assert_carried (damaged_copy, path, &tally);
      rows_readable += tally.readable;
      orphans += tally.orphans;

      g_remove (damaged);
      g_remove (path);
    }

  g_test_message ("Junk over %u of %u pages (%u found at open, the rest by the full check): %u "
                  "rows readable, %u carried over (with made-up "
                  "parents), %u outbox entries without their message; slowest recovery %.1f ms; "
                  "%.1f s in all",
                  tried, pages, found_at_open, rows_readable, rows_carried, orphans,
                  slowest_recover / 1e3, (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpuint (tried, >=, MIN (pages, 10));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/damage/light", test_light_damage);
  g_test_add_func ("/store/damage/met-later", test_damage_met_later);
  g_test_add_func ("/store/damage/every-page", test_every_page);

  return g_test_run ();
}
