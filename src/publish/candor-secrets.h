/* candor-secrets.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void     candor_secrets_store_async (const char         *channel_id,
                                     const char         *label,
                                     const char         *secret,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data);
gboolean candor_secrets_store_finish (GAsyncResult *result, GError **error);
void     candor_secrets_lookup_async (const char         *channel_id,
                                      GCancellable       *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data);
char    *candor_secrets_lookup_finish (GAsyncResult *result, GError **error);
void     candor_secrets_clear_async (const char         *channel_id,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data);
gboolean candor_secrets_clear_finish (GAsyncResult *result, GError **error);

G_END_DECLS
