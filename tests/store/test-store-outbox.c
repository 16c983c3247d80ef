/* test-store-outbox.c
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

typedef struct
{
  char        *path;
  CandorStore *store;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  fixture->path = g_build_filename (g_get_user_data_dir (), "history.db", NULL);
  fixture->store = candor_store_open (fixture->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  /* Not asserted finalized: the worker drops its last job on its own time. */
  g_object_unref (fixture->store);
  g_unlink (fixture->path);
  g_free (fixture->path);
}

static GPtrArray *
make_renditions (const char *summary)
{
  GPtrArray *renditions =
    g_ptr_array_new_with_free_func ((GDestroyNotify)candor_sent_rendition_free);
  CandorSentRendition *slack =
    candor_sent_rendition_new ("technical", CANDOR_DIALECT_SLACK, "en", NULL, summary, NULL);
  CandorSentRendition *matrix =
    candor_sent_rendition_new ("technical", CANDOR_DIALECT_MATRIX, "en", NULL, summary, NULL);

  g_free (slack->channel_id);
  slack->channel_id = g_strdup ("ops-slack");
  g_free (matrix->channel_id);
  matrix->channel_id = g_strdup ("ops-matrix");
  g_ptr_array_add (renditions, slack);
  g_ptr_array_add (renditions, matrix);
  return renditions;
}

static GPtrArray *
queue (CandorStore *store, CandorIncident *incident, GDateTime *sent_at, const char *summary)
{
  g_autoptr (CandorUpdate) update = candor_update_new (CANDOR_UPDATE_KIND_INITIAL);
  g_autoptr (GPtrArray) renditions = make_renditions (summary);
  g_autoptr (GError) error = NULL;
  GPtrArray *publications;

  candor_update_set_field (update, CANDOR_FIELD_EXECUTIVE_SUMMARY, summary);
  publications =
    candor_store_queue_update (store, candor_incident_get_id (incident), update, sent_at,
                               renditions, CANDOR_PUBLICATION_STATE_WAITING, &error);
  g_assert_no_error (error);
  g_assert_nonnull (publications);
  return publications;
}

static CandorIncident *
make_incident (CandorStore *store)
{
  g_autoptr (GDateTime) started = seed_time (9, 0);

  return seed_incident (store, "Payments down", CANDOR_SEVERITY_MAJOR,
                        CANDOR_INCIDENT_STATE_INVESTIGATING, started, started);
}

/* The update, its renditions and a waiting publication per rendition land
 * together, each publication with its own key. */
static void
test_queue_records_everything (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CandorIncident) incident = make_incident (fixture->store);
  g_autoptr (GDateTime) sent_at = seed_time (9, 10);
  g_autoptr (GPtrArray) publications =
    queue (fixture->store, incident, sent_at, "Card payments fail");
  g_autoptr (GPtrArray) pending = NULL;
  g_autoptr (GPtrArray) updates = NULL;
  g_autoptr (GError) error = NULL;
  CandorPublication *first, *second;
  CandorSentUpdate  *sent;

  g_assert_cmpuint (publications->len, ==, 2);
  first = publications->pdata[0];
  second = publications->pdata[1];
  g_assert_cmpint (first->state, ==, CANDOR_PUBLICATION_STATE_WAITING);
  g_assert_cmpstr (first->channel_id, ==, "ops-slack");
  g_assert_cmpstr (second->channel_id, ==, "ops-matrix");
  g_assert_true (g_uuid_string_is_valid (first->idempotency_key));
  g_assert_cmpstr (first->idempotency_key, !=, second->idempotency_key);
  g_assert_cmpuint (first->attempts, ==, 0);
  g_assert_null (first->in_flight_since);

  updates = candor_store_load_updates (fixture->store, candor_incident_get_id (incident), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (updates->len, ==, 1);
  sent = updates->pdata[0];
  g_assert_cmpuint (sent->renditions->len, ==, 2);
  g_assert_cmpuint (sent->publications->len, ==, 2);

  pending = candor_store_list_pending_publications (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, 2);
  g_assert_cmpstr (((CandorPublication *)pending->pdata[0])->idempotency_key, ==,
                   first->idempotency_key);
}

/* Nothing is queued when the update cannot be recorded, and no rendition
 * looks stored. */
static void
test_queue_is_all_or_nothing (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CandorUpdate) update = candor_update_new (CANDOR_UPDATE_KIND_INITIAL);
  g_autoptr (GPtrArray) renditions = make_renditions ("Lost");
  g_autoptr (GDateTime) sent_at = seed_time (9, 10);
  g_autoptr (GPtrArray) publications = NULL;
  g_autoptr (GPtrArray) pending = NULL;
  g_autoptr (GError) error = NULL;

  publications = candor_store_queue_update (fixture->store, "no-such-incident", update, sent_at,
                                            renditions, CANDOR_PUBLICATION_STATE_WAITING, &error);
  g_assert_null (publications);
  g_assert_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (((CandorSentRendition *)renditions->pdata[0])->id, ==, 0);

  pending = candor_store_list_pending_publications (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, 0);

  /* The connection is usable again: the transaction ended. */
  {
    g_autoptr (CandorIncident) incident = make_incident (fixture->store);
    g_autoptr (GPtrArray) queued = queue (fixture->store, incident, sent_at, "Found");

    g_assert_cmpuint (queued->len, ==, 2);
  }
}

/* An attempt is counted and marked in flight before its request goes out;
 * a crash leaves that mark for the outbox to find; its outcome clears it. */
static void
test_attempts_and_outcomes (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CandorIncident) incident = make_incident (fixture->store);
  g_autoptr (GDateTime) sent_at = seed_time (9, 10);
  g_autoptr (GPtrArray) publications =
    queue (fixture->store, incident, sent_at, "Card payments fail");
  CandorPublication *slack = publications->pdata[0];
  CandorPublication *matrix = publications->pdata[1];
  g_autoptr (CandorOutboxAttempt) attempt = NULL;
  g_autoptr (CandorOutboxAttempt) again = NULL;
  g_autoptr (CandorPublication) done = NULL;
  g_autoptr (CandorPublication) waiting = NULL;
  g_autoptr (GPtrArray) pending = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) later = g_date_time_add_seconds (now, 30);
  g_autoptr (GError) error = NULL;

  attempt = candor_store_begin_attempt (fixture->store, slack->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attempt->publication->attempts, ==, 1);
  g_assert_nonnull (attempt->publication->in_flight_since);
  g_assert_cmpstr (attempt->publication->idempotency_key, ==, slack->idempotency_key);
  g_assert_cmpstr (attempt->rendition->body, ==, "Card payments fail");
  g_assert_cmpstr (attempt->rendition->channel_id, ==, "ops-slack");
  g_assert_null (attempt->thread_root_id);

  /* As after a crash: still pending, with the mark. */
  pending = candor_store_list_pending_publications (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, 2);
  g_assert_nonnull (((CandorPublication *)pending->pdata[0])->in_flight_since);

  done = candor_store_finish_attempt (fixture->store, slack->id, CANDOR_PUBLICATION_STATE_SENT,
                                      "1764486600.000100", "https://slack.example/p1", NULL, NULL,
                                      &error);
  g_assert_no_error (error);
  g_assert_cmpint (done->state, ==, CANDOR_PUBLICATION_STATE_SENT);
  g_assert_cmpstr (done->remote_url, ==, "https://slack.example/p1");
  g_assert_null (done->in_flight_since);

  /* A sent publication is never attempted again. */
  again = candor_store_begin_attempt (fixture->store, slack->id, &error);
  g_assert_null (again);
  g_assert_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_clear_pointer (&attempt, candor_outbox_attempt_free);
  attempt = candor_store_begin_attempt (fixture->store, matrix->id, &error);
  g_assert_no_error (error);
  waiting =
    candor_store_finish_attempt (fixture->store, matrix->id, CANDOR_PUBLICATION_STATE_WAITING, NULL,
                                 NULL, "Too many requests", later, &error);
  g_assert_no_error (error);
  g_assert_cmpint (waiting->state, ==, CANDOR_PUBLICATION_STATE_WAITING);
  g_assert_cmpint (g_date_time_to_unix (waiting->next_attempt_at), ==, g_date_time_to_unix (later));
  g_assert_cmpstr (waiting->last_error, ==, "Too many requests");
  g_assert_cmpuint (waiting->attempts, ==, 1);

  g_clear_pointer (&pending, g_ptr_array_unref);
  pending = candor_store_list_pending_publications (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, 1);
  g_assert_cmpint (((CandorPublication *)pending->pdata[0])->id, ==, matrix->id);
}

/* A follow-up finds where the incident's earlier messages went on the same
 * channel: the first and the latest. */
static void
test_thread_reference (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CandorIncident) incident = make_incident (fixture->store);
  g_autoptr (CandorIncident) other = make_incident (fixture->store);
  const char *remote_ids[] = { "ts-1", "ts-2" };
  g_autoptr (GPtrArray) third = NULL;
  g_autoptr (GPtrArray) elsewhere = NULL;
  g_autofree char *root = NULL;
  g_autofree char *last = NULL;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (remote_ids); i++)
    {
      g_autoptr (GDateTime) sent_at = seed_time (10, i);
      g_autoptr (GPtrArray) publications = queue (fixture->store, incident, sent_at, "Update");
      CandorPublication *slack = publications->pdata[0];
      g_autoptr (CandorPublication) done = NULL;

      done = candor_store_finish_attempt (fixture->store, slack->id, CANDOR_PUBLICATION_STATE_SENT,
                                          remote_ids[i], NULL, NULL, NULL, &error);
      g_assert_no_error (error);
    }

  {
    g_autoptr (GDateTime) sent_at = seed_time (11, 0);

    third = queue (fixture->store, incident, sent_at, "Resolved");
    elsewhere = queue (fixture->store, other, sent_at, "Other incident");
  }

  g_assert_true (candor_store_get_thread_ref (
    fixture->store, ((CandorPublication *)third->pdata[0])->id, &root, &last, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (root, ==, "ts-1");
  g_assert_cmpstr (last, ==, "ts-2");
  g_clear_pointer (&root, g_free);
  g_clear_pointer (&last, g_free);

  /* Nothing was sent on the Matrix channel, nor for the other incident. */
  g_assert_true (candor_store_get_thread_ref (
    fixture->store, ((CandorPublication *)third->pdata[1])->id, &root, &last, &error));
  g_assert_null (root);
  g_assert_null (last);
  g_assert_true (candor_store_get_thread_ref (
    fixture->store, ((CandorPublication *)elsewhere->pdata[0])->id, &root, &last, &error));
  g_assert_null (root);
}

static void
on_async_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  *(GAsyncResult **)data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

/* The async twins do the same on the store's worker. */
static void
test_async_twins (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CandorIncident) incident = make_incident (fixture->store);
  g_autoptr (CandorUpdate) update = candor_update_new (CANDOR_UPDATE_KIND_INITIAL);
  g_autoptr (GPtrArray) renditions = make_renditions ("Async");
  g_autoptr (GDateTime) sent_at = seed_time (9, 10);
  g_autoptr (GPtrArray) publications = NULL;
  g_autoptr (GPtrArray) pending = NULL;
  g_autoptr (CandorOutboxAttempt) attempt = NULL;
  g_autoptr (CandorPublication) done = NULL;
  g_autoptr (GError) error = NULL;
  CandorPublication *publication;

  {
    g_autoptr (GAsyncResult) result = NULL;

    candor_store_queue_update_async (fixture->store, candor_incident_get_id (incident), update,
                                     sent_at, renditions, CANDOR_PUBLICATION_STATE_SENT, NULL,
                                     on_async_done_cb, &result);
    publications = candor_store_queue_update_finish (fixture->store, wait_for (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (publications->len, ==, 2);
    /* Sent by hand: nothing is pending. */
    g_assert_cmpint (((CandorPublication *)publications->pdata[0])->state, ==,
                     CANDOR_PUBLICATION_STATE_SENT);
    g_assert_cmpint (((CandorSentRendition *)renditions->pdata[0])->id, >, 0);
  }

  {
    g_autoptr (GAsyncResult) result = NULL;

    candor_store_list_pending_publications_async (fixture->store, NULL, on_async_done_cb, &result);
    pending =
      candor_store_list_pending_publications_finish (fixture->store, wait_for (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (pending->len, ==, 0);
  }

  g_clear_pointer (&publications, g_ptr_array_unref);
  publications = queue (fixture->store, incident, sent_at, "Queued");
  publication = publications->pdata[0];

  {
    g_autoptr (GAsyncResult) result = NULL;

    candor_store_begin_attempt_async (fixture->store, publication->id, NULL, on_async_done_cb,
                                      &result);
    attempt = candor_store_begin_attempt_finish (fixture->store, wait_for (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (attempt->publication->attempts, ==, 1);
  }

  {
    g_autoptr (GAsyncResult) result = NULL;

    candor_store_finish_attempt_async (fixture->store, publication->id,
                                       CANDOR_PUBLICATION_STATE_VERIFY, NULL, NULL,
                                       "Check the channel", NULL, NULL, on_async_done_cb, &result);
    done = candor_store_finish_attempt_finish (fixture->store, wait_for (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpint (done->state, ==, CANDOR_PUBLICATION_STATE_VERIFY);
    g_assert_cmpstr (done->last_error, ==, "Check the channel");
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/store/outbox/queue-records-everything", Fixture, NULL, fixture_set_up,
              test_queue_records_everything, fixture_tear_down);
  g_test_add ("/store/outbox/queue-is-all-or-nothing", Fixture, NULL, fixture_set_up,
              test_queue_is_all_or_nothing, fixture_tear_down);
  g_test_add ("/store/outbox/attempts-and-outcomes", Fixture, NULL, fixture_set_up,
              test_attempts_and_outcomes, fixture_tear_down);
  g_test_add ("/store/outbox/thread-reference", Fixture, NULL, fixture_set_up,
              test_thread_reference, fixture_tear_down);
  g_test_add ("/store/outbox/async-twins", Fixture, NULL, fixture_set_up, test_async_twins,
              fixture_tear_down);

  return g_test_run ();
}
