/* test-session-publishing.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The session's publishing wiring, with the real keyring .ci/headless runs:
 * channels saved with their secret, a publisher once the history is open
 * that finds the secret there, the reminder armed from a published update. */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <libsecret/secret.h>

#include "../publish/candor-test-client.h"
#include "../publish/candor-test-network.h"
#include "../store/candor-store-test-seed.h"
#include "candor-fake-mattermost.h"
#include "candor-rendition-private.h"
#include "candor-secrets.h"
#include "candor-session.h"

/* Every message logged, G_MESSAGES_DEBUG=all included, to look for secrets. */
static GString *logged;

static GLogWriterOutput
log_writer (GLogLevelFlags log_level, const GLogField *fields, gsize n_fields, gpointer user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "MESSAGE"))
        {
          g_string_append (logged, fields[i].value);
          g_string_append_c (logged, '\n');
        }
    }

  /* Debug output would go to stdout, where the TAP report is. */
  if (log_level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO))
    return G_LOG_WRITER_HANDLED;

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

/* Whether @token is in any file under @path. */
static gboolean
files_contain (const char *path, const char *token)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_autofree char *contents = NULL;
      gsize            length = 0;

      if (!g_file_get_contents (path, &contents, &length, NULL))
        return FALSE;
      return memmem (contents, length, token, strlen (token)) != NULL;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (files_contain (child, token))
        return TRUE;
    }

  return FALSE;
}

static gboolean
on_timeout_cb (gpointer data)
{
  g_error ("Timed out waiting for the session");
  return G_SOURCE_REMOVE;
}

static void
wait_for (GAsyncResult **result)
{
  guint timeout_id = g_timeout_add_seconds (30, on_timeout_cb, NULL);

  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout_id);
}

static void
on_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  *(GAsyncResult **)data = g_object_ref (result);
}

static void
test_publishes_through_keyring (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("candor-session-publish-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "history.db", NULL);
  g_autoptr (CandorTestNetwork) network = candor_test_network_new (TRUE);
  g_autoptr (CandorSession) session = candor_session_new (NULL, path);
  g_autoptr (CandorFakeMattermost) fake =
    candor_fake_mattermost_new (NULL, "PLANTEDSECRET4c1d", &error);
  g_autofree char *webhook = candor_fake_mattermost_get_webhook_url (fake);
  g_autoptr (CandorChannel) channel = candor_channel_new ("ops-chat", "mattermost", "Ops chat");
  g_autoptr (GPtrArray) defaults = candor_channel_new_defaults ();
  g_autoptr (GPtrArray) stored = NULL;
  g_autoptr (CandorIncident) incident = NULL;
  g_autoptr (CandorUpdate) update = candor_update_new (CANDOR_UPDATE_KIND_INITIAL);
  g_autoptr (GPtrArray) renditions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) next_update_at = g_date_time_add_hours (now, 1);
  g_autoptr (CandorSentUpdate) sent = NULL;
  CandorChannelList *channels;
  CandorPublisher   *publisher;
  guint              timeout_id;

  g_assert_no_error (error);
  candor_session_set_network_monitor (session, G_NETWORK_MONITOR (network));
  g_assert_null (candor_session_get_publisher (session));

  candor_session_open (session);
  timeout_id = g_timeout_add_seconds (30, on_timeout_cb, NULL);
  while (candor_session_get_publisher (session) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout_id);

  /* None configured: the defaults, which have no secrets. */
  channels = candor_session_get_channels (session);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (channels)), ==, defaults->len);

  /* Saved: the secret goes to the keyring, the settings to the history. */
  {
    g_autoptr (GAsyncResult) result = NULL;

    candor_channel_list_save_async (channels, channel, webhook, NULL, on_done_cb, &result);
    wait_for (&result);
    g_assert_true (candor_channel_list_save_finish (channels, result, &error));
    g_assert_no_error (error);
  }
  g_assert_nonnull (candor_channel_list_lookup (channels, "ops-chat"));
  stored = candor_store_load_channels (candor_session_get_store (session), &error);
  g_assert_no_error (error);
  g_assert_nonnull (candor_channel_find (stored, "ops-chat"));
  {
    g_autofree char *json = candor_store_get_document (
      candor_session_get_store (session), CANDOR_STORE_DOCUMENT_CHANNEL, "ops-chat", &error);

    g_assert_no_error (error);
    g_assert_null (strstr (json, "PLANTEDSECRET4c1d"));
  }

  /* Published through the session's publisher, the secret from the keyring. */
  publisher = candor_session_get_publisher (session);
  candor_publisher_set_client_factory (publisher, candor_test_client_new, NULL);
  {
    g_autoptr (GDateTime) started = seed_time (9, 0);

    incident =
      seed_incident (candor_session_get_store (session), "Checkout down", CANDOR_SEVERITY_MAJOR,
                     CANDOR_INCIDENT_STATE_INVESTIGATING, started, started);
  }
  candor_update_set_field (update, CANDOR_FIELD_EXECUTIVE_SUMMARY, "Checkout fails.");
  candor_update_set_next_update_at (update, next_update_at);
  g_ptr_array_add (renditions,
                   _candor_rendition_new (CANDOR_DIALECT_MATTERMOST, "ops-chat", "technical", NULL,
                                          g_strdup ("Checkout fails.")));
  {
    g_autoptr (GAsyncResult) result = NULL;

    candor_publisher_publish_async (publisher, incident, update, renditions, NULL, on_done_cb,
                                    &result);
    wait_for (&result);
    sent = candor_publisher_publish_finish (publisher, result, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpint (((CandorPublication *)sent->publications->pdata[0])->state, ==,
                   CANDOR_PUBLICATION_STATE_SENT);
  g_assert_cmpuint (candor_fake_server_get_accepted (CANDOR_FAKE_SERVER (fake))->len, ==, 1);

  /* The secret (the webhook URL) is in no log and no file of the history:
   * not the database, not its write-ahead log. */
  g_assert_null (strstr (logged->str, "PLANTEDSECRET4c1d"));
  g_assert_false (files_contain (dir, "PLANTEDSECRET4c1d"));

  /* The next update is due from the published one. */
  g_assert_true (candor_reminder_is_scheduled (candor_session_get_reminder (session),
                                               candor_incident_get_id (incident)));

  /* Removed: its document and its secret go. */
  {
    g_autoptr (GAsyncResult) result = NULL;

    candor_channel_list_remove_async (channels, "ops-chat", NULL, on_done_cb, &result);
    wait_for (&result);
    g_assert_true (candor_channel_list_remove_finish (channels, result, &error));
    g_assert_no_error (error);
  }
  g_assert_null (candor_channel_list_lookup (channels, "ops-chat"));
  {
    g_autoptr (GAsyncResult) result = NULL;
    char *secret;

    candor_secrets_lookup_async ("ops-chat", NULL, on_done_cb, &result);
    wait_for (&result);
    secret = candor_secrets_lookup_finish (result, &error);
    g_assert_no_error (error);
    g_assert_null (secret);
  }

  candor_reminder_cancel (candor_session_get_reminder (session), candor_incident_get_id (incident));
  g_clear_object (&session);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
    g_unlink (path);
    g_rmdir (dir);
  }
}

int
main (int argc, char *argv[])
{
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  logged = g_string_new (NULL);
  g_log_set_writer_func (log_writer, NULL, NULL);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/session/publishing/publishes-through-keyring", test_publishes_through_keyring);

  return g_test_run ();
}
