/* candor-secrets.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-secrets"

#include "config.h"

#include <libsecret/secret.h>

#include "candor-secrets.h"

/* One keyring item per configured channel, found by the channel's id. The
 * secret itself never leaves this file except to the channel that sends with it. */
static const SecretSchema *
candor_secrets_get_schema (void)
{
  static const SecretSchema schema = {
    APPLICATION_ID ".Channel",
    SECRET_SCHEMA_NONE,
    {
      { "channel-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

void
candor_secrets_store_async (const char         *channel_id,
                            const char         *label,
                            const char         *secret,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  g_return_if_fail (channel_id != NULL);
  g_return_if_fail (label != NULL);
  g_return_if_fail (secret != NULL);

  secret_password_store (candor_secrets_get_schema (), SECRET_COLLECTION_DEFAULT, label, secret,
                         cancellable, callback, user_data, "channel-id", channel_id, NULL);
}

gboolean
candor_secrets_store_finish (GAsyncResult *result, GError **error)
{
  return secret_password_store_finish (result, error);
}

void
candor_secrets_lookup_async (const char         *channel_id,
                             GCancellable       *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
{
  g_return_if_fail (channel_id != NULL);

  secret_password_lookup (candor_secrets_get_schema (), cancellable, callback, user_data,
                          "channel-id", channel_id, NULL);
}

/* Returns NULL without an error when the channel has no secret stored. The
 * result should be freed with secret_password_free(), which wipes it. */
char *
candor_secrets_lookup_finish (GAsyncResult *result, GError **error)
{
  return secret_password_lookup_finish (result, error);
}

void
candor_secrets_clear_async (const char         *channel_id,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  g_return_if_fail (channel_id != NULL);

  secret_password_clear (candor_secrets_get_schema (), cancellable, callback, user_data,
                         "channel-id", channel_id, NULL);
}

gboolean
candor_secrets_clear_finish (GAsyncResult *result, GError **error)
{
  return secret_password_clear_finish (result, error);
}
