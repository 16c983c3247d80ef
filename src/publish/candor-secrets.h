/* candor-secrets.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The keyring schema of a channel's secret, with the attributes "channel-id"
 * and "kind". */
#define CANDOR_SECRETS_SCHEMA_NAME "io.github.candor.Candor.Channel"

/* Stores @secret for the channel @channel_id of @kind ("slack") in the
 * default (login) keyring, replacing what it held. @kind_label ("Slack") and
 * @channel_name ("Ops") make the label a person sees in Seahorse. A locked
 * keyring is unlocked first (the keyring shows its own prompt). Errors:
 * CANDOR_PUBLISH_ERROR_KEYRING when there is no keyring or it stays locked. */
void     candor_secrets_store_async (const char         *channel_id,
                                     const char         *kind,
                                     const char         *kind_label,
                                     const char         *channel_name,
                                     const char         *secret,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data);
gboolean candor_secrets_store_finish (GAsyncResult *result, GError **error);

/* Finds the channel's secret by its id, unlocking its keyring if need be. */
void candor_secrets_lookup_async (const char         *channel_id,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data);
/* Returns: (transfer full) (nullable): the secret, to be freed with
 * secret_password_free(), which wipes it; %NULL without an error when the
 * channel has none. */
char *candor_secrets_lookup_finish (GAsyncResult *result, GError **error);

/* Removes the channel's secret; having none is no error. */
void     candor_secrets_clear_async (const char         *channel_id,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data);
gboolean candor_secrets_clear_finish (GAsyncResult *result, GError **error);

/* A kind whose credential is several strings (X's four OAuth keys) keeps
 * them in its one keyring item as a JSON object of named parts:
 * candor_secrets_join_parts () makes that secret from @names and @values
 * (NULL-terminated, of the same length) and candor_secrets_get_part ()
 * reads one part back, %NULL when it is missing or the secret is not such
 * an object. Both results are to be freed with secret_password_free (). */
char *candor_secrets_join_parts (const char *const *names, const char *const *values);
char *candor_secrets_get_part (const char *secret, const char *name);

G_END_DECLS
