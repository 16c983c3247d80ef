/* test-store-async.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "candor-store.h"
#include "candor-store-test-seed.h"

static const char garbage[] = "This is not a database but a to-do list: find out why the disk "
                              "that held the history started to write shopping lists.\n";

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} AsyncWait;

static void
on_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  AsyncWait *wait = user_data;

  g_clear_object (&wait->result);
  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

static GAsyncResult *
wait_for (AsyncWait *wait)
{
  g_main_loop_run (wait->loop);
  return wait->result;
}

static CandorStore *
open_default_store (void)
{
  g_autoptr (GError) error = NULL;
  CandorStore *store = candor_store_open (NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static void
test_incidents (void)
{
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncWait wait = { loop, NULL };
  g_autoptr (CandorStore) store = open_default_store ();
  g_autoptr (GDateTime) at = seed_time (9, 0);
  g_autoptr (CandorIncident) incident = NULL;
  g_autoptr (CandorIncident) loaded = NULL;
  g_autoptr (GError) error = NULL;
  guint count = 42;

  candor_store_count_incidents_async (store, NULL, on_done, &wait);
  g_assert_true (candor_store_count_incidents_finish (store, wait_for (&wait), &count, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, 0);

  incident = seed_incident (store, "Mail is slow", CANDOR_SEVERITY_MAJOR,
                            CANDOR_INCIDENT_STATE_IDENTIFIED, at, NULL);
  candor_store_count_incidents_async (store, NULL, on_done, &wait);
  g_assert_true (candor_store_count_incidents_finish (store, wait_for (&wait), &count, &error));
  g_assert_cmpuint (count, ==, 1);

  candor_store_load_incident_async (store, candor_incident_get_id (incident), NULL, on_done, &wait);
  loaded = candor_store_load_incident_finish (store, wait_for (&wait), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (candor_incident_get_title (loaded), ==, "Mail is slow");
  g_assert_cmpint (candor_incident_get_severity (loaded), ==, CANDOR_SEVERITY_MAJOR);
  g_assert_cmpint (candor_incident_get_state (loaded), ==, CANDOR_INCIDENT_STATE_IDENTIFIED);

  candor_store_load_incident_async (store, "no-such-incident", NULL, on_done, &wait);
  g_assert_null (candor_store_load_incident_finish (store, wait_for (&wait), &error));
  g_assert_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_NOT_FOUND);

  g_clear_object (&wait.result);
}

static void
test_drafts (void)
{
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncWait wait = { loop, NULL };
  g_autoptr (CandorStore) store = open_default_store ();
  g_autoptr (GPtrArray) drafts = NULL;
  g_autoptr (GError) error = NULL;

  candor_store_load_drafts_async (store, NULL, on_done, &wait);
  drafts = candor_store_load_drafts_finish (store, wait_for (&wait), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, ==, 0);
  g_clear_pointer (&drafts, g_ptr_array_unref);

  g_assert_true (candor_store_save_draft (store, "d1", NULL, "{\"v\":1}", &error));
  g_assert_true (candor_store_save_draft (store, "d2", "i1", "{\"v\":2}", &error));
  g_assert_no_error (error);

  /* Saved within one second: the later save still comes first. */
  candor_store_load_drafts_async (store, NULL, on_done, &wait);
  drafts = candor_store_load_drafts_finish (store, wait_for (&wait), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (drafts, 0), ==, "{\"v\":2}");
  g_assert_cmpstr (g_ptr_array_index (drafts, 1), ==, "{\"v\":1}");
  g_clear_pointer (&drafts, g_ptr_array_unref);

  candor_store_delete_draft_async (store, "d2", NULL, on_done, &wait);
  g_assert_true (candor_store_delete_draft_finish (store, wait_for (&wait), &error));
  g_assert_no_error (error);

  candor_store_load_drafts_async (store, NULL, on_done, &wait);
  drafts = candor_store_load_drafts_finish (store, wait_for (&wait), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (drafts, 0), ==, "{\"v\":1}");

  g_clear_object (&wait.result);
}

static void
test_documents (void)
{
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncWait wait = { loop, NULL };
  g_autoptr (CandorStore) store = open_default_store ();
  g_autoptr (GPtrArray) documents = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;

  candor_store_put_document_async (store, CANDOR_STORE_DOCUMENT_CONTACT, "zoe",
                                   "{\"name\":\"Zoe\"}", NULL, on_done, &wait);
  g_assert_true (candor_store_put_document_finish (store, wait_for (&wait), &error));
  g_assert_no_error (error);
  candor_store_put_document_async (store, CANDOR_STORE_DOCUMENT_CONTACT, "adam",
                                   "{\"name\":\"Adam\"}", NULL, on_done, &wait);
  g_assert_true (candor_store_put_document_finish (store, wait_for (&wait), &error));
  g_assert_no_error (error);
  json = candor_store_get_document (store, CANDOR_STORE_DOCUMENT_CONTACT, "zoe", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json, ==, "{\"name\":\"Zoe\"}");

  /* The refusal of secrets holds for the async call too. */
  candor_store_put_document_async (store, CANDOR_STORE_DOCUMENT_CHANNEL, "mastodon",
                                   "{\"access_token\":\"t\"}", NULL, on_done, &wait);
  g_assert_false (candor_store_put_document_finish (store, wait_for (&wait), &error));
  g_assert_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_INVALID);
  g_clear_error (&error);

  candor_store_load_documents_async (store, CANDOR_STORE_DOCUMENT_CONTACT, NULL, on_done, &wait);
  documents = candor_store_load_documents_finish (store, wait_for (&wait), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (documents, 0), ==, "{\"name\":\"Adam\"}");
  g_assert_cmpstr (g_ptr_array_index (documents, 1), ==, "{\"name\":\"Zoe\"}");
  g_clear_pointer (&documents, g_ptr_array_unref);

  candor_store_load_documents_async (store, CANDOR_STORE_DOCUMENT_CHANNEL, NULL, on_done, &wait);
  documents = candor_store_load_documents_finish (store, wait_for (&wait), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 0);
  g_clear_pointer (&documents, g_ptr_array_unref);

  candor_store_delete_document_async (store, CANDOR_STORE_DOCUMENT_CONTACT, "zoe", NULL, on_done,
                                      &wait);
  g_assert_true (candor_store_delete_document_finish (store, wait_for (&wait), &error));
  g_assert_no_error (error);

  candor_store_load_documents_async (store, CANDOR_STORE_DOCUMENT_CONTACT, NULL, on_done, &wait);
  documents = candor_store_load_documents_finish (store, wait_for (&wait), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (documents, 0), ==, "{\"name\":\"Adam\"}");

  g_clear_object (&wait.result);
}

static void
test_cancelled (void)
{
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncWait wait = { loop, NULL };
  g_autoptr (CandorStore) store = open_default_store ();
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;
  guint            count = 42;

  g_assert_true (candor_store_save_draft (store, "d1", NULL, "{}", &error));
  g_cancellable_cancel (cancellable);

  candor_store_delete_draft_async (store, "d1", cancellable, on_done, &wait);
  g_assert_false (candor_store_delete_draft_finish (store, wait_for (&wait), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  json = candor_store_load_draft (store, "d1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json, ==, "{}");

  candor_store_count_incidents_async (store, cancellable, on_done, &wait);
  g_assert_false (candor_store_count_incidents_finish (store, wait_for (&wait), &count, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count, ==, 0);

  g_clear_object (&wait.result);
}

static void
test_recover (void)
{
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncWait wait = { loop, NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *path = candor_store_get_default_path (&error);
  g_autofree char *damaged_path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr (CandorStore) store = NULL;
  guint count = 42;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, garbage, -1, &error));

  candor_store_open_async (NULL, NULL, on_done, &wait);
  g_assert_null (candor_store_open_finish (wait_for (&wait), &error));
  g_assert_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_CORRUPT);
  g_clear_error (&error);

  candor_store_recover_async (NULL, NULL, on_done, &wait);
  store = candor_store_recover_finish (wait_for (&wait), &damaged_path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_true (g_str_has_prefix (damaged_path, path));
  g_assert_true (g_file_get_contents (damaged_path, &contents, NULL, &error));
  g_assert_cmpstr (contents, ==, garbage);

  /* The fresh history works. */
  candor_store_count_incidents_async (store, NULL, on_done, &wait);
  g_assert_true (candor_store_count_incidents_finish (store, wait_for (&wait), &count, &error));
  g_assert_cmpuint (count, ==, 0);

  g_clear_object (&wait.result);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/async/incidents", test_incidents);
  g_test_add_func ("/store/async/drafts", test_drafts);
  g_test_add_func ("/store/async/documents", test_documents);
  g_test_add_func ("/store/async/cancelled", test_cancelled);
  g_test_add_func ("/store/async/recover", test_recover);

  return g_test_run ();
}
