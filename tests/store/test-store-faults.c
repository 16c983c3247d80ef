/* test-store-faults.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "candor-store-private.h"
#include "candor-store-test-seed.h"

static const char garbage[] = "This is not a database. It is a shopping list: eggs, milk, "
                              "and a new disk because the old one ate the history.\n";

static char *
default_path (void)
{
  g_autoptr (GError) error = NULL;
  char *path = candor_store_get_default_path (&error);

  g_assert_no_error (error);
  return path;
}

static void
test_garbage_file_is_corrupt_then_recovered (void)
{
  g_autofree char *path = default_path ();
  g_autofree char *damaged = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *basename = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorStore) store = NULL;
  g_autoptr (GDateTime) at = seed_time (9, 0);
  g_autoptr (CandorIncident) incident = NULL;
  gsize length;

  g_assert_true (g_file_set_contents (path, garbage, -1, NULL));

  store = candor_store_open (NULL, &error);
  g_assert_null (store);
  g_assert_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "damaged"));
  g_clear_error (&error);

  /* Never a silent reset: the file is as it was until recovery is asked for. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpstr (contents, ==, garbage);
  g_clear_pointer (&contents, g_free);

  store = candor_store_recover (NULL, &damaged, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  basename = g_path_get_basename (damaged);
  g_assert_true (
    g_regex_match_simple ("^history\\.db\\.damaged-[0-9]{8}-[0-9]{6}$", basename, 0, 0));
  g_assert_true (g_file_get_contents (damaged, &contents, &length, NULL));
  g_assert_cmpstr (contents, ==, garbage);

  incident = seed_incident (store, "After recovery", CANDOR_SEVERITY_MINOR,
                            CANDOR_INCIDENT_STATE_INVESTIGATING, at, NULL);
  g_assert_cmpuint (candor_store_count_incidents (store, NULL), ==, 1);
}

static void
test_damaged_pages_are_corrupt (void)
{
  g_autofree char *path = default_path ();
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorStore) store = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autofree char *contents = NULL;
  gsize            length;

  store = candor_store_open (NULL, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 300; i++)
    {
      g_autoptr (GDateTime) at = g_date_time_new_utc (2026, 1 + i % 12, 1 + i % 28, 9, 0, 0);
      g_autofree char *title = g_strdup_printf ("Incident number %d with a long enough title", i);
      g_autoptr (CandorIncident) incident = seed_incident (
        store, title, CANDOR_SEVERITY_MINOR, CANDOR_INCIDENT_STATE_RESOLVED, at, NULL);
    }
  g_clear_object (&store);

  /* Keep the header page, scribble over the rest. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 16384);
  for (gsize i = 4096; i < length; i++)
    contents[i] = (char)(i * 7919);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));

  store = candor_store_open (NULL, &error);
  if (store != NULL)
    list = candor_store_list_incidents (store, 0, 50, &error);
  g_assert_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_CORRUPT);
  g_assert_null (list);
}

static void
test_recover_moves_journal_too (void)
{
  g_autofree char *path = default_path ();
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *damaged = NULL;
  g_autofree char *damaged_wal = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorStore) store = NULL;

  g_assert_true (g_file_set_contents (path, garbage, -1, NULL));
  g_assert_true (g_file_set_contents (wal, "stale journal", -1, NULL));

  store = candor_store_recover (NULL, &damaged, &error);
  g_assert_no_error (error);
  damaged_wal = g_strconcat (damaged, "-wal", NULL);
  g_assert_true (g_file_test (damaged_wal, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (candor_store_count_incidents (store, &error), ==, 0);
  g_assert_no_error (error);
}

static void
test_busy_waits_then_fails (void)
{
  g_autofree char *path = default_path ();
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorStore) store = candor_store_open (NULL, &error);
  g_autoptr (CandorIncident) incident = candor_incident_new ("Blocked");
  sqlite3 *other = NULL;
  gint64   start;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  /* The real timeout is 5 s; the test shortens it, the path is the same. */
  _candor_store_set_busy_timeout (store, 300);
  start = g_get_monotonic_time ();
  g_assert_false (candor_store_save_incident (store, incident, &error));
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 250 * G_TIME_SPAN_MILLISECOND);
  g_assert_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "in use by another program"));
  g_clear_error (&error);

  g_assert_cmpint (sqlite3_exec (other, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (candor_store_save_incident (store, incident, &error));
  g_assert_no_error (error);
  sqlite3_close (other);
}

static gpointer
release_later (gpointer data)
{
  sqlite3 *other = data;

  g_usleep (400 * G_TIME_SPAN_MILLISECOND);
  sqlite3_exec (other, "COMMIT", NULL, NULL, NULL);
  return NULL;
}

static void
test_busy_default_timeout_waits (void)
{
  g_autofree char *path = default_path ();
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorStore) store = candor_store_open (NULL, &error);
  g_autoptr (CandorIncident) incident = candor_incident_new ("Waited for");
  sqlite3 *other = NULL;
  GThread *thread;
  gint64   start;

  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  thread = g_thread_new ("holder", release_later, other);

  start = g_get_monotonic_time ();
  g_assert_true (candor_store_save_incident (store, incident, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 300 * G_TIME_SPAN_MILLISECOND);

  g_thread_join (thread);
  sqlite3_close (other);
}

static void
test_disk_full_keeps_callers_data (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorStore) store = candor_store_open (NULL, &error);
  g_autoptr (GDateTime) at = seed_time (9, 0);
  g_autoptr (CandorIncident) incident = seed_incident (
    store, "Full disk", CANDOR_SEVERITY_MINOR, CANDOR_INCIDENT_STATE_INVESTIGATING, at, NULL);
  g_autoptr (CandorUpdate) update = candor_update_new (CANDOR_UPDATE_KIND_INITIAL);
  g_autoptr (GPtrArray) renditions =
    g_ptr_array_new_with_free_func ((GDestroyNotify)candor_sent_rendition_free);
  g_autoptr (GPtrArray) loaded = NULL;
  GString *big = g_string_new (NULL);
  sqlite3 *db = _candor_store_get_db (store);

  for (int i = 0; big->len < 512 * 1024; i++)
    g_string_append_printf (big, "Paragraph %d of a very long post-incident report. ", i);
  candor_update_set_field (update, CANDOR_FIELD_TECHNICAL_DETAILS, big->str);
  g_ptr_array_add (renditions, candor_sent_rendition_new ("technical", CANDOR_DIALECT_PLAIN, "en",
                                                          NULL, big->str, NULL));

  /* A disk with no room left, as SQLite sees it. */
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA max_page_count = 1", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (candor_store_record_update (store, candor_incident_get_id (incident), update, at,
                                              renditions, &error));
  g_assert_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, "full"));
  g_clear_error (&error);

  /* Nothing half written; the caller still has everything to try again. */
  loaded = candor_store_load_updates (store, candor_incident_get_id (incident), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 0);
  g_assert_cmpstr (candor_update_get_field (update, CANDOR_FIELD_TECHNICAL_DETAILS), ==, big->str);
  g_assert_cmpstr (((CandorSentRendition *)renditions->pdata[0])->body, ==, big->str);

  g_assert_cmpint (sqlite3_exec (db, "PRAGMA max_page_count = 1000000", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  g_assert_true (candor_store_record_update (store, candor_incident_get_id (incident), update, at,
                                             renditions, &error));
  g_assert_no_error (error);
  g_string_free (big, TRUE);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/faults/garbage-file-is-corrupt-then-recovered",
                   test_garbage_file_is_corrupt_then_recovered);
  g_test_add_func ("/store/faults/damaged-pages-are-corrupt", test_damaged_pages_are_corrupt);
  g_test_add_func ("/store/faults/recover-moves-journal-too", test_recover_moves_journal_too);
  g_test_add_func ("/store/faults/busy-waits-then-fails", test_busy_waits_then_fails);
  g_test_add_func ("/store/faults/busy-default-timeout-waits", test_busy_default_timeout_waits);
  g_test_add_func ("/store/faults/disk-full-keeps-callers-data", test_disk_full_keeps_callers_data);

  return g_test_run ();
}
