/* test-publisher.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "candor-fake-bluesky.h"
#include "candor-fake-mastodon.h"
#include "candor-fake-matrix.h"
#include "candor-fake-mattermost.h"
#include "candor-outbox.h"
#include "candor-publish-error.h"
#include "candor-publisher.h"
#include "candor-secrets.h"
#include "candor-rendition-private.h"
#include "../store/candor-store-test-seed.h"
#include "candor-test-client.h"
#include "candor-test-network.h"
#include "candor-fake-x.h"

#define MATRIX_TOKEN "syt_candor_test_token"
#define MATRIX_ROOM  "!ops:fake.invalid"
#define HOOK_KEY     "hook-key-1"

typedef struct
{
  char                 *path;
  CandorStore          *store;
  CandorHttp           *http;
  CandorFakeMattermost *mattermost;
  CandorFakeMatrix     *matrix;
  GPtrArray            *channels;
  GHashTable           *secrets;
  CandorPublisher      *publisher;
  CandorIncident       *incident;
  GPtrArray            *changes; /* of CandorPublication, as signalled */
} Fixture;

static CandorChannel *
lookup_channel (const char *channel_id, gpointer user_data)
{
  return candor_channel_find (user_data, channel_id);
}

static void
on_publication_changed_cb (CandorPublisher   *publisher,
                           CandorPublication *publication,
                           gpointer           data)
{
  Fixture *fixture = data;

  g_ptr_array_add (fixture->changes, candor_publication_copy (publication));
}

static char *
matrix_secret (CandorFakeMatrix *matrix)
{
  g_autofree char *room = g_uri_escape_string (MATRIX_ROOM, NULL, FALSE);

  return g_strdup_printf ("%s %s/_matrix/client/v3/rooms/%s/send/m.room.message/", MATRIX_TOKEN,
                          candor_fake_server_get_url (CANDOR_FAKE_SERVER (matrix)), room);
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) started = seed_time (9, 0);

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  fixture->path = g_build_filename (g_get_user_data_dir (), "history.db", NULL);
  fixture->store = candor_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->http = candor_http_new (NULL);

  fixture->mattermost = candor_fake_mattermost_new (NULL, HOOK_KEY, &error);
  g_assert_no_error (error);
  fixture->matrix =
    candor_fake_matrix_new (NULL, MATRIX_TOKEN, "@candor:fake.invalid", MATRIX_ROOM, &error);
  g_assert_no_error (error);

  fixture->channels = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (fixture->channels, candor_channel_new ("ops-mattermost", "mattermost", "Ops"));
  g_ptr_array_add (fixture->channels, candor_channel_new ("ops-matrix", "matrix", "Ops room"));
  fixture->secrets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (fixture->secrets, g_strdup ("ops-mattermost"),
                       candor_fake_mattermost_get_webhook_url (fixture->mattermost));
  g_hash_table_insert (fixture->secrets, g_strdup ("ops-matrix"), matrix_secret (fixture->matrix));

  fixture->publisher =
    candor_publisher_new (fixture->store, fixture->http, lookup_channel,
                          g_ptr_array_ref (fixture->channels), (GDestroyNotify)g_ptr_array_unref);
  candor_publisher_set_secrets (fixture->publisher, fixture->secrets);
  candor_publisher_set_client_factory (fixture->publisher, candor_test_client_new, NULL);
  fixture->changes = g_ptr_array_new_with_free_func ((GDestroyNotify)candor_publication_free);
  g_signal_connect (fixture->publisher, "publication-changed",
                    G_CALLBACK (on_publication_changed_cb), fixture);

  fixture->incident = seed_incident (fixture->store, "Payments down", CANDOR_SEVERITY_MAJOR,
                                     CANDOR_INCIDENT_STATE_INVESTIGATING, started, started);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  CandorPublisher *publisher = g_steal_pointer (&fixture->publisher);
  gint64           deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  /* Whatever the publisher still runs finishes, and then it goes. */
  g_object_add_weak_pointer (G_OBJECT (publisher), (gpointer *)&publisher);
  g_object_unref (publisher);
  while (publisher != NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }

  g_clear_pointer (&fixture->changes, g_ptr_array_unref);
  g_clear_pointer (&fixture->secrets, g_hash_table_unref);
  g_clear_pointer (&fixture->channels, g_ptr_array_unref);
  g_clear_object (&fixture->incident);
  g_clear_object (&fixture->mattermost);
  g_clear_object (&fixture->matrix);
  g_clear_object (&fixture->http);
  g_clear_object (&fixture->store);
  g_unlink (fixture->path);
  g_free (fixture->path);
}

static GPtrArray *
make_renditions (const char *text)
{
  GPtrArray *renditions = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (renditions, _candor_rendition_new (CANDOR_DIALECT_MATTERMOST, "ops-mattermost",
                                                      "technical", NULL, g_strdup (text)));
  g_ptr_array_add (renditions, _candor_rendition_new (CANDOR_DIALECT_MATRIX, "ops-matrix",
                                                      "technical", NULL, g_strdup (text)));
  return renditions;
}

static void
on_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  *(GAsyncResult **)data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (*result == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  return *result;
}

static CandorSentUpdate *
publish (Fixture *fixture, const char *text, GCancellable *cancellable)
{
  g_autoptr (CandorUpdate) update = candor_update_new (CANDOR_UPDATE_KIND_INITIAL);
  g_autoptr (GPtrArray) renditions = make_renditions (text);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  CandorSentUpdate *sent;

  candor_update_set_field (update, CANDOR_FIELD_EXECUTIVE_SUMMARY, text);
  candor_publisher_publish_async (fixture->publisher, fixture->incident, update, renditions,
                                  cancellable, on_done_cb, &result);
  sent = candor_publisher_publish_finish (fixture->publisher, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (sent);
  return sent;
}

static CandorPublication *
publication_of (CandorSentUpdate *sent, guint index)
{
  return g_ptr_array_index (sent->publications, index);
}

/* What the store holds for the incident's latest update. */
static CandorSentUpdate *
reload (Fixture *fixture)
{
  g_autoptr (GPtrArray) updates = NULL;
  g_autoptr (GError) error = NULL;

  updates =
    candor_store_load_updates (fixture->store, candor_incident_get_id (fixture->incident), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (updates->len, >, 0);
  return g_ptr_array_steal_index (updates, updates->len - 1);
}

/* Both channels answer slowly; sent at once, the whole takes about one answer. */
static void
test_fan_out_at_once (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CandorSentUpdate) sent = NULL;
  g_autoptr (CandorSentUpdate) stored = NULL;
  gint64 start;

  candor_fake_server_delay_next (CANDOR_FAKE_SERVER (fixture->mattermost), 1, 400);
  candor_fake_server_delay_next (CANDOR_FAKE_SERVER (fixture->matrix), 1, 400);

  start = g_get_monotonic_time ();
  sent = publish (fixture, "Card payments fail for some customers.", NULL);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 750 * 1000);

  g_assert_cmpuint (sent->publications->len, ==, 2);
  g_assert_cmpint (publication_of (sent, 0)->state, ==, CANDOR_PUBLICATION_STATE_SENT);
  g_assert_cmpint (publication_of (sent, 1)->state, ==, CANDOR_PUBLICATION_STATE_SENT);
  g_assert_nonnull (publication_of (sent, 1)->remote_id);
  g_assert_cmpuint (candor_fake_server_get_accepted (CANDOR_FAKE_SERVER (fixture->mattermost))->len,
                    ==, 1);
  g_assert_cmpuint (candor_fake_server_get_accepted (CANDOR_FAKE_SERVER (fixture->matrix))->len, ==,
                    1);

  /* The store says the same, and the signal told each step: queued, in
   * flight, sent. */
  stored = reload (fixture);
  g_assert_cmpuint (stored->publications->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      CandorPublication *publication = stored->publications->pdata[i];

      g_assert_cmpint (publication->state, ==, CANDOR_PUBLICATION_STATE_SENT);
      g_assert_cmpuint (publication->attempts, ==, 1);
      g_assert_null (publication->in_flight_since);
    }
  g_assert_cmpuint (fixture->changes->len, ==, 6);
  g_assert_cmpint (((CandorPublication *)fixture->changes->pdata[0])->state, ==,
                   CANDOR_PUBLICATION_STATE_WAITING);
  g_assert_cmpuint (candor_publisher_get_n_waiting (fixture->publisher), ==, 0);
}

/* 429 waits as Retry-After says and 5xx backs off; both then get through,
 * each post made once. */
static void
test_retries_rate_limit_and_unavailable (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CandorSentUpdate) sent = NULL;

  candor_fake_server_fail_next (CANDOR_FAKE_SERVER (fixture->mattermost), 1,
                                CANDOR_FAKE_STATUS_TOO_MANY_REQUESTS, 1);
  candor_fake_server_fail_next (CANDOR_FAKE_SERVER (fixture->matrix), 1,
                                SOUP_STATUS_SERVICE_UNAVAILABLE, 0);

  sent = publish (fixture, "Retried", NULL);
  g_assert_cmpint (publication_of (sent, 0)->state, ==, CANDOR_PUBLICATION_STATE_SENT);
  g_assert_cmpint (publication_of (sent, 1)->state, ==, CANDOR_PUBLICATION_STATE_SENT);
  g_assert_cmpuint (publication_of (sent, 0)->attempts, ==, 2);
  g_assert_cmpuint (publication_of (sent, 1)->attempts, ==, 2);
  g_assert_cmpuint (candor_fake_server_get_request_count (CANDOR_FAKE_SERVER (fixture->mattermost)),
                    ==, 2);
  g_assert_cmpuint (candor_fake_server_get_accepted (CANDOR_FAKE_SERVER (fixture->mattermost))->len,
                    ==, 1);
  g_assert_cmpuint (candor_fake_server_get_accepted (CANDOR_FAKE_SERVER (fixture->matrix))->len, ==,
                    1);
}

/* A refused message is not retried, and the service's own words reach the
 * person. */
static void
test_no_retry_on_bad_request (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CandorSentUpdate) sent = NULL;
  g_autoptr (CandorSentUpdate) stored = NULL;
  g_autofree char *wrong = g_strdup_printf (
    "%s/hooks/not-the-key", candor_fake_server_get_url (CANDOR_FAKE_SERVER (fixture->mattermost)));

  g_hash_table_insert (fixture->secrets, g_strdup ("ops-mattermost"), g_steal_pointer (&wrong));
  sent = publish (fixture, "Refused", NULL);

  g_assert_cmpint (publication_of (sent, 0)->state, ==, CANDOR_PUBLICATION_STATE_FAILED);
  g_assert_cmpuint (publication_of (sent, 0)->attempts, ==, 1);
  g_assert_nonnull (strstr (publication_of (sent, 0)->last_error, "Invalid webhook"));
  g_assert_cmpuint (candor_fake_server_get_request_count (CANDOR_FAKE_SERVER (fixture->mattermost)),
                    ==, 1);
  g_assert_cmpint (publication_of (sent, 1)->state, ==, CANDOR_PUBLICATION_STATE_SENT);

  stored = reload (fixture);
  g_assert_cmpint (((CandorPublication *)stored->publications->pdata[0])->state, ==,
                   CANDOR_PUBLICATION_STATE_FAILED);
}

/* A dropped connection after the request went out: a webhook without an
 * idempotency key may have posted, so it is "verify"; Matrix takes the same
 * transaction id again and posts once. */
static void
test_dropped_connection (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CandorSentUpdate) sent = NULL;

  candor_fake_server_drop_next (CANDOR_FAKE_SERVER (fixture->mattermost), 1);
  candor_fake_server_drop_next (CANDOR_FAKE_SERVER (fixture->matrix), 1);

  sent = publish (fixture, "Dropped", NULL);
  g_assert_cmpint (publication_of (sent, 0)->state, ==, CANDOR_PUBLICATION_STATE_VERIFY);
  g_assert_nonnull (strstr (publication_of (sent, 0)->last_error, "Ops"));
  g_assert_cmpuint (candor_fake_server_get_request_count (CANDOR_FAKE_SERVER (fixture->mattermost)),
                    ==, 1);
  g_assert_cmpint (publication_of (sent, 1)->state, ==, CANDOR_PUBLICATION_STATE_SENT);
  g_assert_cmpuint (candor_fake_server_get_accepted (CANDOR_FAKE_SERVER (fixture->matrix))->len, <=,
                    1);
}

static guint
count_sent (Fixture *fixture)
{
  guint sent = 0;

  for (guint i = 0; i < fixture->changes->len; i++)
    sent +=
      ((CandorPublication *)fixture->changes->pdata[i])->state == CANDOR_PUBLICATION_STATE_SENT;
  return sent;
}

/* Offline, publications wait and say so; when the network returns the
 * outbox sends them. */
static void
test_offline_then_flush (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CandorTestNetwork) network = candor_test_network_new (FALSE);
  g_autoptr (CandorOutbox) outbox =
    candor_outbox_new (fixture->publisher, G_NETWORK_MONITOR (network));
  g_autoptr (CandorSentUpdate) sent = NULL;
  g_autoptr (CandorSentUpdate) stored = NULL;
  gint64 deadline;

  candor_outbox_start (outbox);
  g_assert_false (candor_publisher_get_online (fixture->publisher));

  sent = publish (fixture, "Offline", NULL);
  g_assert_cmpint (publication_of (sent, 0)->state, ==, CANDOR_PUBLICATION_STATE_WAITING);
  g_assert_cmpint (publication_of (sent, 1)->state, ==, CANDOR_PUBLICATION_STATE_WAITING);
  g_assert_cmpuint (candor_publisher_get_n_waiting (fixture->publisher), ==, 2);
  g_assert_cmpuint (candor_fake_server_get_request_count (CANDOR_FAKE_SERVER (fixture->matrix)), ==,
                    0);

  candor_test_network_set_available (network, TRUE);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (candor_publisher_get_n_waiting (fixture->publisher) > 0 ||
         candor_fake_server_get_accepted (CANDOR_FAKE_SERVER (fixture->matrix))->len == 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }

  /* Both outcomes are signalled once recorded. */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (count_sent (fixture) < 2)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  stored = reload (fixture);
  g_assert_cmpint (((CandorPublication *)stored->publications->pdata[0])->state, ==,
                   CANDOR_PUBLICATION_STATE_SENT);
  g_assert_cmpint (((CandorPublication *)stored->publications->pdata[1])->state, ==,
                   CANDOR_PUBLICATION_STATE_SENT);
  g_assert_cmpuint (candor_fake_server_get_accepted (CANDOR_FAKE_SERVER (fixture->mattermost))->len,
                    ==, 1);
}

/* Waiting publications outlive the publisher: after a restart without a
 * network they still wait, and the person sees how many; they go out when
 * the network returns. */
static void
test_restart_offline (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CandorSentUpdate) sent = NULL;
  g_autoptr (CandorTestNetwork) network = candor_test_network_new (FALSE);
  g_autoptr (CandorOutbox) outbox = NULL;
  CandorPublisher *restarted;
  gint64           deadline;

  candor_publisher_set_online (fixture->publisher, FALSE);
  sent = publish (fixture, "Before the restart", NULL);
  g_assert_cmpint (publication_of (sent, 0)->state, ==, CANDOR_PUBLICATION_STATE_WAITING);

  /* A new publisher on the same history, as after a restart. */
  g_clear_object (&fixture->publisher);
  fixture->publisher =
    candor_publisher_new (fixture->store, fixture->http, lookup_channel,
                          g_ptr_array_ref (fixture->channels), (GDestroyNotify)g_ptr_array_unref);
  restarted = fixture->publisher;
  candor_publisher_set_secrets (restarted, fixture->secrets);
  candor_publisher_set_client_factory (restarted, candor_test_client_new, NULL);
  g_signal_connect (restarted, "publication-changed", G_CALLBACK (on_publication_changed_cb),
                    fixture);
  outbox = candor_outbox_new (restarted, G_NETWORK_MONITOR (network));
  candor_outbox_start (outbox);

  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (candor_publisher_get_n_waiting (restarted) < 2)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_cmpuint (candor_fake_server_get_request_count (CANDOR_FAKE_SERVER (fixture->matrix)), ==,
                    0);

  g_ptr_array_set_size (fixture->changes, 0);
  candor_test_network_set_available (network, TRUE);
  while (count_sent (fixture) < 2)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_cmpuint (candor_publisher_get_n_waiting (restarted), ==, 0);
  g_assert_cmpuint (candor_fake_server_get_accepted (CANDOR_FAKE_SERVER (fixture->mattermost))->len,
                    ==, 1);
  g_assert_cmpuint (candor_fake_server_get_accepted (CANDOR_FAKE_SERVER (fixture->matrix))->len, ==,
                    1);
}

/* Cancelled before anything went out: nothing is posted, and it says so. */
static void
test_cancel_before_sending (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (CandorSentUpdate) sent = NULL;

  g_cancellable_cancel (cancellable);
  sent = publish (fixture, "Cancelled", cancellable);
  g_assert_cmpint (publication_of (sent, 0)->state, ==, CANDOR_PUBLICATION_STATE_FAILED);
  g_assert_cmpint (publication_of (sent, 1)->state, ==, CANDOR_PUBLICATION_STATE_FAILED);
  g_assert_cmpuint (candor_fake_server_get_request_count (CANDOR_FAKE_SERVER (fixture->matrix)), ==,
                    0);
}

/* Sent by hand: recorded at the given time, nothing goes out. */
static void
test_mark_sent (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CandorUpdate) update = candor_update_new (CANDOR_UPDATE_KIND_INITIAL);
  g_autoptr (GPtrArray) renditions = make_renditions ("By hand");
  g_autoptr (GDateTime) sent_at = seed_time (9, 30);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (CandorSentUpdate) sent = NULL;
  g_autoptr (CandorSentUpdate) stored = NULL;
  g_autoptr (GError) error = NULL;
  guint recorded = 0;

  g_signal_connect_swapped (fixture->publisher, "update-recorded", G_CALLBACK (g_nullify_pointer),
                            &recorded);
  recorded = 1;
  candor_publisher_mark_sent_async (fixture->publisher, fixture->incident, update, renditions,
                                    sent_at, NULL, on_done_cb, &result);
  sent = candor_publisher_mark_sent_finish (fixture->publisher, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (recorded, ==, 0);
  g_assert_cmpint (publication_of (sent, 0)->state, ==, CANDOR_PUBLICATION_STATE_SENT);

  stored = reload (fixture);
  g_assert_cmpint (g_date_time_to_unix (stored->sent_at), ==, g_date_time_to_unix (sent_at));
  g_assert_cmpint (((CandorPublication *)stored->publications->pdata[1])->state, ==,
                   CANDOR_PUBLICATION_STATE_SENT);
  g_assert_cmpuint (candor_fake_server_get_request_count (CANDOR_FAKE_SERVER (fixture->matrix)), ==,
                    0);
}

/* An incident in English and Russian: each rendition is recorded in its own
 * language, not the incident's, and the update keeps its translation. */
static void
test_records_each_language (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CandorUpdate) update = candor_update_new (CANDOR_UPDATE_KIND_INITIAL);
  g_autoptr (GPtrArray) renditions = make_renditions ("Card payments fail.");
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (CandorSentUpdate) sent = NULL;
  g_autoptr (CandorSentUpdate) stored = NULL;
  g_autoptr (CandorIncident) incident = NULL;
  g_autoptr (GError) error = NULL;
  const char *const other[] = { "ru", NULL };

  candor_incident_set_other_languages (fixture->incident, other);
  candor_update_set_field (update, CANDOR_FIELD_EXECUTIVE_SUMMARY, "Card payments fail.");
  candor_update_set_translation (update, "ru", CANDOR_FIELD_EXECUTIVE_SUMMARY,
                                 "Платежи картой не проходят.");
  _candor_rendition_set_language (renditions->pdata[0], "en");
  _candor_rendition_set_language (renditions->pdata[1], "ru");

  candor_publisher_publish_async (fixture->publisher, fixture->incident, update, renditions, NULL,
                                  on_done_cb, &result);
  sent = candor_publisher_publish_finish (fixture->publisher, wait_for (&result), &error);
  g_assert_no_error (error);

  stored = reload (fixture);
  g_assert_cmpuint (stored->renditions->len, ==, 2);
  g_assert_cmpstr (((CandorSentRendition *)stored->renditions->pdata[0])->language, ==, "en");
  g_assert_cmpstr (((CandorSentRendition *)stored->renditions->pdata[1])->language, ==, "ru");
  g_assert_cmpstr (
    candor_update_get_translation (stored->update, "ru", CANDOR_FIELD_EXECUTIVE_SUMMARY), ==,
    "Платежи картой не проходят.");
  incident =
    candor_store_load_incident (fixture->store, candor_incident_get_id (fixture->incident), &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (candor_incident_get_other_languages (incident), other);
}

static CandorSentUpdate *
publish_real (Fixture *fixture, const char *text)
{
  g_autoptr (CandorUpdate) update = candor_update_new (CANDOR_UPDATE_KIND_PROGRESS);
  g_autoptr (GPtrArray) renditions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  CandorSentUpdate *sent;

  g_ptr_array_add (renditions, _candor_rendition_new (CANDOR_DIALECT_MATTERMOST, "real-mattermost",
                                                      "technical", NULL, g_strdup (text)));
  g_ptr_array_add (renditions, _candor_rendition_new (CANDOR_DIALECT_MATRIX, "real-matrix",
                                                      "technical", NULL, g_strdup (text)));
  candor_update_set_field (update, CANDOR_FIELD_EXECUTIVE_SUMMARY, text);
  candor_publisher_publish_async (fixture->publisher, fixture->incident, update, renditions, NULL,
                                  on_done_cb, &result);
  sent = candor_publisher_publish_finish (fixture->publisher, wait_for (&result), &error);
  g_assert_no_error (error);
  return sent;
}

/* The channels' own clients: a follow-up on Matrix threads under the first
 * message; a dropped connection makes the Mattermost webhook "verify" and
 * the Matrix message go again under the same transaction id, posted once. */
static void
test_real_clients (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CandorChannel) matrix = candor_channel_new ("real-matrix", "matrix", "Ops room");
  g_autoptr (CandorSentUpdate) first = NULL;
  g_autoptr (CandorSentUpdate) second = NULL;
  g_autoptr (CandorSentUpdate) third = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray  *events;
  JsonObject *follow_up;

  g_assert_true (candor_channel_set_setting (
    matrix, "homeserver", candor_fake_server_get_url (CANDOR_FAKE_SERVER (fixture->matrix)),
    &error));
  g_assert_true (candor_channel_set_setting (matrix, "room-id", MATRIX_ROOM, &error));
  g_assert_no_error (error);
  g_ptr_array_add (fixture->channels, g_object_ref (matrix));
  g_ptr_array_add (fixture->channels,
                   candor_channel_new ("real-mattermost", "mattermost", "Ops chat"));
  g_hash_table_insert (fixture->secrets, g_strdup ("real-matrix"), g_strdup (MATRIX_TOKEN));
  g_hash_table_insert (fixture->secrets, g_strdup ("real-mattermost"),
                       candor_fake_mattermost_get_webhook_url (fixture->mattermost));
  candor_publisher_set_client_factory (fixture->publisher, NULL, NULL);

  first = publish_real (fixture, "Checkout fails for some customers.");
  g_assert_cmpint (publication_of (first, 0)->state, ==, CANDOR_PUBLICATION_STATE_SENT);
  g_assert_cmpint (publication_of (first, 1)->state, ==, CANDOR_PUBLICATION_STATE_SENT);
  g_assert_nonnull (publication_of (first, 1)->remote_id);

  second = publish_real (fixture, "A fix is being deployed.");
  g_assert_cmpint (publication_of (second, 1)->state, ==, CANDOR_PUBLICATION_STATE_SENT);
  events = candor_fake_server_get_accepted (CANDOR_FAKE_SERVER (fixture->matrix));
  g_assert_cmpuint (events->len, ==, 2);
  follow_up = json_node_get_object (events->pdata[1]);
  g_assert_true (json_object_has_member (follow_up, "m.relates_to"));
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (follow_up, "m.relates_to"), "event_id"),
                   ==, publication_of (first, 1)->remote_id);

  candor_fake_server_drop_next (CANDOR_FAKE_SERVER (fixture->mattermost), 1);
  candor_fake_server_drop_next (CANDOR_FAKE_SERVER (fixture->matrix), 1);
  third = publish_real (fixture, "Resolved.");
  g_assert_cmpint (publication_of (third, 0)->state, ==, CANDOR_PUBLICATION_STATE_VERIFY);
  g_assert_cmpint (publication_of (third, 1)->state, ==, CANDOR_PUBLICATION_STATE_SENT);
  g_assert_cmpuint (candor_fake_server_get_accepted (CANDOR_FAKE_SERVER (fixture->matrix))->len, ==,
                    3);
}

static CandorSentUpdate *
publish_social (Fixture *fixture, const char *text)
{
  g_autoptr (CandorUpdate) update = candor_update_new (CANDOR_UPDATE_KIND_PROGRESS);
  g_autoptr (GPtrArray) renditions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  CandorDialect dialects[] = { CANDOR_DIALECT_MASTODON, CANDOR_DIALECT_BLUESKY, CANDOR_DIALECT_X };
  const char   *ids[] = { "social-mastodon", "social-bluesky", "social-x" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_ptr_array_add (
      renditions, _candor_rendition_new (dialects[i], ids[i], "customers", NULL, g_strdup (text)));
  candor_update_set_field (update, CANDOR_FIELD_EXECUTIVE_SUMMARY, text);
  candor_publisher_publish_async (fixture->publisher, fixture->incident, update, renditions, NULL,
                                  on_done_cb, &result);
  return candor_publisher_publish_finish (fixture->publisher, wait_for (&result), &error);
}

static CandorChannel *
add_channel (Fixture    *fixture,
             const char *id,
             const char *kind,
             const char *secret,
             const char *key,
             const char *value,
             const char *key2,
             const char *value2)
{
  CandorChannel *channel = candor_channel_new (id, kind, id);
  g_autoptr (GError) error = NULL;

  g_assert_true (candor_channel_set_setting (channel, key, value, &error));
  if (key2 != NULL)
    g_assert_true (candor_channel_set_setting (channel, key2, value2, &error));
  g_assert_no_error (error);
  g_ptr_array_add (fixture->channels, channel);
  g_hash_table_insert (fixture->secrets, g_strdup (id), g_strdup (secret));
  return channel;
}

/* Mastodon, Bluesky and X through the publisher: each follow-up replies on
 * each network to what that network got before, the history keeps every
 * post's link, a rate limit is waited out, and a dropped connection resends
 * only where the API takes an idempotency key (Mastodon). */
static void
test_social_clients (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorFakeMastodon) mastodon = candor_fake_mastodon_new (NULL, "m-token", 500, &error);
  g_autoptr (CandorFakeBluesky) bluesky =
    candor_fake_bluesky_new (NULL, "ops.bsky.fake", "app-pass", &error);
  g_autoptr (CandorFakeX) x = candor_fake_x_new (NULL, "ck", "cs", "at", "ats", &error);
  const char *names[] = { "consumer_key", "consumer_secret", "access_token", "access_token_secret",
                          NULL };
  const char *values[] = { "ck", "cs", "at", "ats", NULL };
  g_autofree char *x_secret = candor_secrets_join_parts (names, values);
  g_autoptr (CandorSentUpdate) first = NULL;
  g_autoptr (CandorSentUpdate) second = NULL;
  g_autoptr (CandorSentUpdate) third = NULL;
  g_autoptr (CandorSentUpdate) stored = NULL;
  JsonObject *toot, *skeet, *tweet;
  g_auto (GStrv) first_refs = NULL;

  g_assert_no_error (error);
  add_channel (fixture, "social-mastodon", "mastodon", "m-token", "instance",
               candor_fake_server_get_url (CANDOR_FAKE_SERVER (mastodon)), NULL, NULL);
  add_channel (fixture, "social-bluesky", "bluesky", "app-pass", "pds",
               candor_fake_server_get_url (CANDOR_FAKE_SERVER (bluesky)), "handle",
               "ops.bsky.fake");
  add_channel (fixture, "social-x", "x", x_secret, "api-url",
               candor_fake_server_get_url (CANDOR_FAKE_SERVER (x)), NULL, NULL);
  candor_publisher_set_client_factory (fixture->publisher, NULL, NULL);

  first = publish_social (fixture, "Checkout fails for some customers 💳.");
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpint (publication_of (first, i)->state, ==, CANDOR_PUBLICATION_STATE_SENT);
      g_assert_nonnull (publication_of (first, i)->remote_url);
    }
  stored = reload (fixture);
  g_assert_true (
    g_str_has_prefix (((CandorPublication *)stored->publications->pdata[1])->remote_url,
                      "https://bsky.app/profile/did:plc:fakecandor/post/"));
  g_assert_true (
    g_str_has_prefix (((CandorPublication *)stored->publications->pdata[2])->remote_url,
                      "https://x.com/i/web/status/"));

  /* A rate limit on Mastodon, waited out; the follow-up replies everywhere. */
  candor_fake_server_fail_next (CANDOR_FAKE_SERVER (mastodon), 1,
                                CANDOR_FAKE_STATUS_TOO_MANY_REQUESTS, 1);
  second = publish_social (fixture, "A fix is being deployed 🔧.");
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (publication_of (second, i)->state, ==, CANDOR_PUBLICATION_STATE_SENT);
  g_assert_cmpuint (publication_of (second, 0)->attempts, ==, 2);

  toot = json_node_get_object (
    candor_fake_server_get_accepted (CANDOR_FAKE_SERVER (mastodon))->pdata[1]);
  g_assert_cmpstr (json_object_get_string_member (toot, "in_reply_to_id"), ==,
                   publication_of (first, 0)->remote_id);
  skeet =
    json_node_get_object (candor_fake_server_get_accepted (CANDOR_FAKE_SERVER (bluesky))->pdata[1]);
  first_refs = g_strsplit (publication_of (first, 1)->remote_id, " ", -1);
  g_assert_cmpstr (
    json_object_get_string_member (
      json_object_get_object_member (json_object_get_object_member (skeet, "reply"), "parent"),
      "uri"),
    ==, first_refs[0]);
  g_assert_cmpstr (
    json_object_get_string_member (
      json_object_get_object_member (json_object_get_object_member (skeet, "reply"), "root"),
      "uri"),
    ==, first_refs[0]);
  tweet = json_node_get_object (candor_fake_server_get_accepted (CANDOR_FAKE_SERVER (x))->pdata[1]);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (tweet, "reply"),
                                                  "in_reply_to_tweet_id"),
                   ==, publication_of (first, 2)->remote_id);

  /* Connections dropped once the posts went out: Mastodon sends again with
   * the same Idempotency-Key; Bluesky and X are to be verified. */
  candor_fake_server_delay_next (CANDOR_FAKE_SERVER (mastodon), 1, 1);
  candor_fake_server_drop_next (CANDOR_FAKE_SERVER (mastodon), 1);
  candor_fake_server_drop_next (CANDOR_FAKE_SERVER (bluesky), 1);
  candor_fake_server_drop_next (CANDOR_FAKE_SERVER (x), 1);
  third = publish_social (fixture, "Resolved ✅.");
  g_assert_cmpint (publication_of (third, 0)->state, ==, CANDOR_PUBLICATION_STATE_SENT);
  g_assert_cmpint (publication_of (third, 1)->state, ==, CANDOR_PUBLICATION_STATE_VERIFY);
  g_assert_cmpint (publication_of (third, 2)->state, ==, CANDOR_PUBLICATION_STATE_VERIFY);
  g_assert_cmpuint (candor_fake_server_get_accepted (CANDOR_FAKE_SERVER (mastodon))->len, ==, 3);
}

int
main (int argc, char *argv[])
{
  /* The isolated data folders hide the desktop's proxy settings schema;
   * everything here is on loopback anyway. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/publish/publisher/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("fan-out-at-once", test_fan_out_at_once);
  ADD ("retries-rate-limit-and-unavailable", test_retries_rate_limit_and_unavailable);
  ADD ("no-retry-on-bad-request", test_no_retry_on_bad_request);
  ADD ("dropped-connection", test_dropped_connection);
  ADD ("offline-then-flush", test_offline_then_flush);
  ADD ("restart-offline", test_restart_offline);
  ADD ("cancel-before-sending", test_cancel_before_sending);
  ADD ("mark-sent", test_mark_sent);
  ADD ("records-each-language", test_records_each_language);
  ADD ("real-clients", test_real_clients);
  ADD ("social-clients", test_social_clients);
#undef ADD

  return g_test_run ();
}
