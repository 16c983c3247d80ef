/* bench-publish.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The publisher's figures: publishing to 12 channels whose services each
 * answer after 300 ms, against publishing to one (goal: at most 1.3 times
 * as long); the main loop's longest stall meanwhile (goal: under 50 ms);
 * 1,000 publications waiting in the outbox flushed against services that
 * answer at once (goal: under 10 s). The channels are Mattermost and Matrix
 * fakes reached through the tests' channel client. */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "../publish/candor-test-client.h"
#include "candor-fake-matrix.h"
#include "candor-fake-mattermost.h"
#include "candor-publisher.h"
#include "candor-rendition-private.h"

#define N_CHANNELS   12
#define DELAY_MS     300
#define N_WAITING    1000
#define MATRIX_TOKEN "syt_bench_token"
#define MATRIX_ROOM  "!bench:fake.invalid"

static GPtrArray        *channels;
static CandorFakeServer *fakes[N_CHANNELS];
static gint64            last_tick;
static gint64            longest_stall;

static CandorChannel *
lookup_channel (const char *channel_id, gpointer user_data)
{
  return candor_channel_find (channels, channel_id);
}

static gboolean
on_tick_cb (gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();

  longest_stall = MAX (longest_stall, now - last_tick);
  last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
on_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  *(GAsyncResult **)data = g_object_ref (result);
}

static void
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
}

/* Publishes one update to the first @n channels; returns the wall time in ms. */
static double
publish_to (CandorPublisher *publisher, CandorIncident *incident, guint n, guint delay_ms)
{
  g_autoptr (CandorUpdate) update = candor_update_new (CANDOR_UPDATE_KIND_PROGRESS);
  g_autoptr (GPtrArray) renditions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (CandorSentUpdate) sent = NULL;
  g_autoptr (GError) error = NULL;
  gint64 start;

  candor_update_set_field (update, CANDOR_FIELD_EXECUTIVE_SUMMARY, "Benchmark");
  for (guint i = 0; i < n; i++)
    {
      CandorChannel *channel = g_ptr_array_index (channels, i);

      candor_fake_server_delay_next (fakes[i], 1, delay_ms);
      g_ptr_array_add (renditions,
                       _candor_rendition_new (candor_channel_get_dialect (channel),
                                              candor_channel_get_id (channel), "technical", NULL,
                                              g_strdup ("Payments are slow for some customers.")));
    }

  start = g_get_monotonic_time ();
  candor_publisher_publish_async (publisher, incident, update, renditions, NULL, on_done_cb,
                                  &result);
  wait_for (&result);
  sent = candor_publisher_publish_finish (publisher, result, &error);
  if (sent == NULL)
    g_error ("%s", error->message);
  for (guint i = 0; i < sent->publications->len; i++)
    if (((CandorPublication *)sent->publications->pdata[i])->state != CANDOR_PUBLICATION_STATE_SENT)
      g_error ("Publication %u was not sent", i);

  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("candor-bench-publish-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "history.db", NULL);
  g_autofree char *room = g_uri_escape_string (MATRIX_ROOM, NULL, FALSE);
  g_autoptr (CandorStore) store = NULL;
  g_autoptr (CandorHttp) http = candor_http_new (NULL);
  g_autoptr (CandorPublisher) publisher = NULL;
  g_autoptr (GHashTable) secrets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (CandorIncident) incident = NULL;
  double one, twelve, flush_ms;
  gint64 stall_twelve;
  guint  tick_id;

  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  store = candor_store_open (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);

  channels = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < N_CHANNELS; i++)
    {
      g_autofree char *id = g_strdup_printf ("channel-%02u", i);
      g_autofree char *secret = NULL;

      if (i % 2 == 0)
        {
          g_autofree char      *hook = g_strdup_printf ("hook-%u", i);
          CandorFakeMattermost *fake = candor_fake_mattermost_new (NULL, hook, &error);

          if (fake == NULL)
            g_error ("%s", error->message);
          fakes[i] = CANDOR_FAKE_SERVER (fake);
          secret = candor_fake_mattermost_get_webhook_url (fake);
          g_ptr_array_add (channels, candor_channel_new (id, "mattermost", id));
        }
      else
        {
          CandorFakeMatrix *fake =
            candor_fake_matrix_new (NULL, MATRIX_TOKEN, "@bench:fake.invalid", MATRIX_ROOM, &error);

          if (fake == NULL)
            g_error ("%s", error->message);
          fakes[i] = CANDOR_FAKE_SERVER (fake);
          secret = g_strdup_printf ("%s %s/_matrix/client/v3/rooms/%s/send/m.room.message/",
                                    MATRIX_TOKEN, candor_fake_server_get_url (fakes[i]), room);
          g_ptr_array_add (channels, candor_channel_new (id, "matrix", id));
        }
      g_hash_table_insert (secrets, g_strdup (id), g_steal_pointer (&secret));
    }

  incident = g_object_new (CANDOR_TYPE_INCIDENT, "id", "bench-incident", "title", "Benchmark",
                           "language", "en", NULL);
  if (!candor_store_save_incident (store, incident, &error))
    g_error ("%s", error->message);

  publisher = candor_publisher_new (store, http, lookup_channel, NULL, NULL);
  candor_publisher_set_secrets (publisher, secrets);
  candor_publisher_set_client_factory (publisher, candor_test_client_new, NULL);

  /* Connections are made once, as in a running app. */
  publish_to (publisher, incident, N_CHANNELS, 0);

  one = publish_to (publisher, incident, 1, DELAY_MS);
  last_tick = g_get_monotonic_time ();
  longest_stall = 0;
  tick_id = g_timeout_add (1, on_tick_cb, NULL);
  twelve = publish_to (publisher, incident, N_CHANNELS, DELAY_MS);
  stall_twelve = longest_stall;
  g_source_remove (tick_id);

  /* The outbox: publications queued while offline, then sent. */
  for (guint queued = 0; queued < N_WAITING; queued += N_CHANNELS)
    {
      g_autoptr (CandorUpdate) update = candor_update_new (CANDOR_UPDATE_KIND_PROGRESS);
      g_autoptr (GPtrArray) renditions =
        g_ptr_array_new_with_free_func ((GDestroyNotify)candor_sent_rendition_free);
      g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr (GPtrArray) publications = NULL;

      for (guint i = 0; i < N_CHANNELS && queued + i < N_WAITING; i++)
        {
          CandorChannel       *channel = g_ptr_array_index (channels, i);
          CandorSentRendition *rendition =
            candor_sent_rendition_new ("technical", candor_channel_get_dialect (channel), "en",
                                       NULL, "Waiting in the outbox.", NULL);

          g_free (rendition->channel_id);
          rendition->channel_id = g_strdup (candor_channel_get_id (channel));
          g_ptr_array_add (renditions, rendition);
        }
      publications = candor_store_queue_update (store, "bench-incident", update, now, renditions,
                                                CANDOR_PUBLICATION_STATE_WAITING, &error);
      if (publications == NULL)
        g_error ("%s", error->message);
    }

  {
    g_autoptr (GAsyncResult) result = NULL;
    g_autoptr (GPtrArray) pending = NULL;
    gint64 start = g_get_monotonic_time ();

    candor_publisher_resume_async (publisher, NULL, on_done_cb, &result);
    wait_for (&result);
    if (!candor_publisher_resume_finish (publisher, result, &error))
      g_error ("%s", error->message);
    flush_ms = (g_get_monotonic_time () - start) / 1000.0;

    pending = candor_store_list_pending_publications (store, &error);
    if (pending == NULL || pending->len != 0)
      g_error ("%u publications still pending", pending != NULL ? pending->len : 0);
  }

  g_print ("publish to 1 channel (%d ms answers):   %7.1f ms\n", DELAY_MS, one);
  g_print ("publish to %d channels (%d ms answers): %7.1f ms = %.2fx one (goal <= 1.3x)\n",
           N_CHANNELS, DELAY_MS, twelve, twelve / one);
  g_print ("longest main loop stall meanwhile:     %7.1f ms (goal < 50 ms)\n",
           stall_twelve / 1000.0);
  g_print ("flush %d waiting publications:        %7.1f ms (goal < 10000 ms)\n", N_WAITING,
           flush_ms);

  g_clear_object (&publisher);
  for (guint i = 0; i < N_CHANNELS; i++)
    g_clear_object (&fakes[i]);
  g_ptr_array_unref (channels);
  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
    g_unlink (path);
    g_rmdir (dir);
  }
  return EXIT_SUCCESS;
}
