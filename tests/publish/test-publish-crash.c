/* test-publish-crash.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The publisher is killed with SIGKILL at random moments while it publishes
 * to several fakes, which live here in the parent and so survive it; each
 * restart resumes the outbox. No fake may ever receive a post twice, and in
 * the end every publication is sent, waiting or verify. */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>

#include "candor-fake-matrix.h"
#include "candor-fake-mattermost.h"
#include "candor-store.h"

#define ROUNDS       50
#define MATRIX_TOKEN "syt_crash_token"
#define MATRIX_ROOM  "!crash:fake.invalid"

typedef struct
{
  CandorFakeMattermost *first;
  CandorFakeMattermost *second;
  CandorFakeMatrix     *matrix;
  GStrv                 channel_args;
} Fakes;

static void
on_exited_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the helper; kills it after @kill_after_ms unless that is 0, else
 * waits for it to finish. */
static void
run_helper (const char *history, guint round, Fakes *fakes, guint kill_after_ms)
{
  g_autofree char *helper = g_test_build_filename (G_TEST_BUILT, "publish-crash-helper", NULL);
  g_autofree char *round_text = g_strdup_printf ("%u", round);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) argv = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  gboolean exited = FALSE;
  gboolean timed_out = FALSE;
  guint    timeout_id = 0;
  gint64   deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  g_strv_builder_add_many (builder, helper, history, round_text, NULL);
  g_strv_builder_addv (builder, (const char **)fakes->channel_args);
  argv = g_strv_builder_end (builder);

  process = g_subprocess_newv ((const char *const *)argv, G_SUBPROCESS_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_subprocess_wait_async (process, NULL, on_exited_cb, &exited);
  if (kill_after_ms > 0)
    timeout_id = g_timeout_add (kill_after_ms, on_timeout_cb, &timed_out);

  /* The fakes answer from this loop while the helper runs. */
  while (!exited && !timed_out)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }

  if (!exited)
    {
      g_subprocess_send_signal (process, SIGKILL);
      while (!exited)
        g_main_context_iteration (NULL, TRUE);
    }
  else
    {
      if (timeout_id != 0 && !timed_out)
        g_source_remove (timeout_id);
      g_assert_true (g_subprocess_get_if_exited (process));
      g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
    }
}

static const char *
post_text (JsonNode *node, gboolean matrix)
{
  JsonObject *object = json_node_get_object (node);

  return json_object_get_string_member_with_default (object, matrix ? "body" : "message", "");
}

/* Every text a fake accepted, counted: each must appear once. */
static void
assert_no_post_twice (CandorFakeServer *fake, gboolean matrix, GHashTable *seen)
{
  GPtrArray *accepted = candor_fake_server_get_accepted (fake);

  g_hash_table_remove_all (seen);
  for (guint i = 0; i < accepted->len; i++)
    {
      const char *text = post_text (g_ptr_array_index (accepted, i), matrix);

      if (g_hash_table_contains (seen, text))
        g_error ("“%s” was posted twice", text);
      g_hash_table_add (seen, (gpointer)text);
    }
}

static void
test_killed_publisher (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("candor-crash-XXXXXX", &error);
  g_autofree char *history = g_build_filename (dir, "history.db", NULL);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (CandorStore) store = NULL;
  g_autoptr (GPtrArray) updates = NULL;
  g_autoptr (GRand) rand = g_rand_new ();
  g_autofree char *first_url = NULL;
  g_autofree char *second_url = NULL;
  g_autofree char *matrix_arg = NULL;
  guint            counts[CANDOR_PUBLICATION_STATE_VERIFY + 1] = { 0 };
  Fakes            fakes = { 0 };

  g_assert_no_error (error);
  fakes.first = candor_fake_mattermost_new (NULL, "first-hook", &error);
  g_assert_no_error (error);
  fakes.second = candor_fake_mattermost_new (NULL, "second-hook", &error);
  g_assert_no_error (error);
  fakes.matrix =
    candor_fake_matrix_new (NULL, MATRIX_TOKEN, "@candor:fake.invalid", MATRIX_ROOM, &error);
  g_assert_no_error (error);

  first_url = candor_fake_mattermost_get_webhook_url (fakes.first);
  second_url = candor_fake_mattermost_get_webhook_url (fakes.second);
  matrix_arg =
    g_strdup_printf ("matrix-ops=%s;homeserver=%s;room-id=%s", MATRIX_TOKEN,
                     candor_fake_server_get_url (CANDOR_FAKE_SERVER (fakes.matrix)), MATRIX_ROOM);
  {
    g_autoptr (GStrvBuilder) args = g_strv_builder_new ();
    g_autofree char *first_arg = g_strconcat ("mattermost-first=", first_url, NULL);
    g_autofree char *second_arg = g_strconcat ("mattermost-second=", second_url, NULL);

    g_strv_builder_add_many (args, first_arg, second_arg, matrix_arg, NULL);
    fakes.channel_args = g_strv_builder_end (args);
  }

  /* The incident the helper publishes to exists before the first round. */
  store = candor_store_open (history, &error);
  g_assert_no_error (error);
  {
    g_autoptr (CandorIncident) incident = g_object_new (
      CANDOR_TYPE_INCIDENT, "id", "crash-incident", "title", "Crash test", "language", "en", NULL);

    g_assert_true (candor_store_save_incident (store, incident, &error));
    g_assert_no_error (error);
  }
  g_clear_object (&store);

  for (guint round = 1; round <= ROUNDS; round++)
    {
      /* Slow answers now and then, so kills land while requests are out. */
      if (g_rand_boolean (rand))
        {
          candor_fake_server_delay_next (CANDOR_FAKE_SERVER (fakes.first), 1, 40);
          candor_fake_server_delay_next (CANDOR_FAKE_SERVER (fakes.matrix), 1, 40);
        }
      run_helper (history, round, &fakes, g_rand_int_range (rand, 5, 120));

      assert_no_post_twice (CANDOR_FAKE_SERVER (fakes.first), FALSE, seen);
      assert_no_post_twice (CANDOR_FAKE_SERVER (fakes.second), FALSE, seen);
      assert_no_post_twice (CANDOR_FAKE_SERVER (fakes.matrix), TRUE, seen);
    }

  /* A last restart that is left to finish settles what the kills left. */
  run_helper (history, ROUNDS + 1, &fakes, 0);
  assert_no_post_twice (CANDOR_FAKE_SERVER (fakes.first), FALSE, seen);
  assert_no_post_twice (CANDOR_FAKE_SERVER (fakes.second), FALSE, seen);
  assert_no_post_twice (CANDOR_FAKE_SERVER (fakes.matrix), TRUE, seen);

  store = candor_store_open (history, &error);
  g_assert_no_error (error);
  updates = candor_store_load_updates (store, "crash-incident", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (updates->len, >, 0);
  for (guint i = 0; i < updates->len; i++)
    {
      CandorSentUpdate *sent = updates->pdata[i];

      /* Recorded together: an update never stands without its publications. */
      g_assert_cmpuint (sent->publications->len, ==, 3);
      for (guint j = 0; j < sent->publications->len; j++)
        {
          CandorPublication *publication = sent->publications->pdata[j];

          counts[publication->state]++;
          g_assert_cmpint (publication->state, !=, CANDOR_PUBLICATION_STATE_FAILED);
          /* Matrix takes a transaction id twice: resent, never to verify. */
          if (g_str_equal (publication->channel_id, "matrix-ops"))
            g_assert_cmpint (publication->state, ==, CANDOR_PUBLICATION_STATE_SENT);
          g_assert_null (publication->in_flight_since);
        }
    }
  g_test_message ("%u updates: %u sent, %u waiting, %u verify", updates->len,
                  counts[CANDOR_PUBLICATION_STATE_SENT], counts[CANDOR_PUBLICATION_STATE_WAITING],
                  counts[CANDOR_PUBLICATION_STATE_VERIFY]);
  g_assert_cmpuint (counts[CANDOR_PUBLICATION_STATE_SENT], >, 0);

  g_strfreev (fakes.channel_args);
  g_clear_object (&fakes.first);
  g_clear_object (&fakes.second);
  g_clear_object (&fakes.matrix);
  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (history, "-wal", NULL);
    g_autofree char *shm = g_strconcat (history, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
    g_unlink (history);
    g_rmdir (dir);
  }
}

int
main (int argc, char *argv[])
{
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/publish/crash/killed-publisher", test_killed_publisher);

  return g_test_run ();
}
