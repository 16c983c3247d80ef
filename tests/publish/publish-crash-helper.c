/* publish-crash-helper.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The publisher in a process test-publish-crash kills: it resumes what the
 * outbox holds, publishes round ROUND's update to every channel, and exits
 * once both have settled.
 *
 * Usage: publish-crash-helper HISTORY ROUND ID=SECRET[;KEY=VALUE]... where ID
 * is a channel id whose kind is the part before the first dash, and KEY=VALUE
 * its settings. The channels' own clients do the sending. */

#include "config.h"

#include <stdlib.h>

#include "candor-publisher.h"
#include "candor-rendition-private.h"

static GPtrArray *channels;
static guint      running;

static CandorChannel *
lookup_channel (const char *channel_id, gpointer user_data)
{
  return candor_channel_find (channels, channel_id);
}

static void
on_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  if (user_data != NULL)
    {
      g_autoptr (CandorSentUpdate) sent =
        candor_publisher_publish_finish (CANDOR_PUBLISHER (source), result, &error);
    }
  else
    candor_publisher_resume_finish (CANDOR_PUBLISHER (source), result, &error);

  if (error != NULL)
    g_error ("Publishing failed: %s", error->message);
  running--;
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorStore) store = NULL;
  g_autoptr (CandorHttp) http = candor_http_new (NULL);
  g_autoptr (CandorPublisher) publisher = NULL;
  g_autoptr (GHashTable) secrets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GPtrArray) renditions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (CandorIncident) incident = NULL;
  g_autoptr (CandorUpdate) update = candor_update_new (CANDOR_UPDATE_KIND_PROGRESS);
  const char *round;

  if (argc < 4)
    return 2;

  round = argv[2];
  store = candor_store_open (argv[1], &error);
  if (store == NULL)
    g_error ("%s", error->message);

  channels = g_ptr_array_new_with_free_func (g_object_unref);
  for (int i = 3; i < argc; i++)
    {
      g_auto (GStrv) parts = g_strsplit (argv[i], ";", -1);
      g_auto (GStrv) pair = g_strsplit (parts[0], "=", 2);
      g_auto (GStrv) kind = g_strsplit (pair[0], "-", 2);
      g_autofree char *text = g_strdup_printf ("round %s on %s", round, pair[0]);
      CandorChannel   *channel = candor_channel_new (pair[0], kind[0], pair[0]);

      for (guint j = 1; parts[j] != NULL; j++)
        {
          g_auto (GStrv) setting = g_strsplit (parts[j], "=", 2);

          if (!candor_channel_set_setting (channel, setting[0], setting[1], &error))
            g_error ("%s", error->message);
        }
      g_ptr_array_add (channels, channel);
      g_hash_table_insert (secrets, g_strdup (pair[0]), g_strdup (pair[1]));
      g_ptr_array_add (renditions,
                       _candor_rendition_new (candor_channel_kind_lookup (kind[0])->dialect,
                                              pair[0], "technical", NULL, g_steal_pointer (&text)));
    }

  incident = g_object_new (CANDOR_TYPE_INCIDENT, "id", "crash-incident", "title", "Crash test",
                           "language", "en", NULL);
  candor_update_set_field (update, CANDOR_FIELD_EXECUTIVE_SUMMARY, round);

  publisher = candor_publisher_new (store, http, lookup_channel, NULL, NULL);
  candor_publisher_set_secrets (publisher, secrets);

  running = 2;
  candor_publisher_resume_async (publisher, NULL, on_done_cb, NULL);
  candor_publisher_publish_async (publisher, incident, update, renditions, NULL, on_done_cb,
                                  publisher);
  while (running > 0)
    g_main_context_iteration (NULL, TRUE);

  g_clear_object (&publisher);
  g_ptr_array_unref (channels);
  return EXIT_SUCCESS;
}
