/* test-secrets.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsecret/secret.h>

#include "candor-secrets.h"

/* A keyring that cannot prompt hangs instead of failing: give up loudly. */
#define KEYRING_TIMEOUT_SECONDS 20

static void
store_result_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_secrets_store_lookup_clear (void)
{
  static const char *channel_id = "test-channel-5f2c";
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  char *secret;

#define RUN(call)                            \
  G_STMT_START                               \
  {                                          \
    g_clear_object (&result);                \
    call;                                    \
    while (result == NULL)                   \
      g_main_context_iteration (NULL, TRUE); \
  }                                          \
  G_STMT_END

  RUN (candor_secrets_store_async (channel_id, "Candor test channel", "s3cr3t-token", NULL,
                                   store_result_cb, &result));
  g_assert_true (candor_secrets_store_finish (result, &error));
  g_assert_no_error (error);

  RUN (candor_secrets_lookup_async (channel_id, NULL, store_result_cb, &result));
  secret = candor_secrets_lookup_finish (result, &error);
  g_assert_no_error (error);
  /* Compare without printing: a failing assertion must not leak the secret to the log. */
  g_assert_true (g_strcmp0 (secret, "s3cr3t-token") == 0);
  secret_password_free (secret);

  RUN (candor_secrets_lookup_async ("no-such-channel", NULL, store_result_cb, &result));
  secret = candor_secrets_lookup_finish (result, &error);
  g_assert_no_error (error);
  g_assert_null (secret);

  RUN (candor_secrets_clear_async (channel_id, NULL, store_result_cb, &result));
  g_assert_true (candor_secrets_clear_finish (result, &error));
  g_assert_no_error (error);

  RUN (candor_secrets_lookup_async (channel_id, NULL, store_result_cb, &result));
  secret = candor_secrets_lookup_finish (result, &error);
  g_assert_no_error (error);
  g_assert_null (secret);

#undef RUN
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  g_error ("The keyring did not answer within %d s; is gnome-keyring-daemon running and unlocked?",
           KEYRING_TIMEOUT_SECONDS);
  return G_SOURCE_REMOVE;
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_timeout_add_seconds (KEYRING_TIMEOUT_SECONDS, on_timeout_cb, NULL);

  g_test_add_func ("/publish/secrets/store-lookup-clear", test_secrets_store_lookup_clear);

  status = g_test_run ();

  /* libsecret keeps its connection to the keyring until told to let go. */
  secret_service_disconnect ();

  return status;
}
