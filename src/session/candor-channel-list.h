/* candor-channel-list.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "candor-channel.h"
#include "candor-store.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_CHANNEL_LIST (candor_channel_list_get_type ())

G_DECLARE_FINAL_TYPE (CandorChannelList, candor_channel_list, CANDOR, CHANNEL_LIST, GObject)

CandorChannelList *candor_channel_list_new (void);

void candor_channel_list_load_async (CandorChannelList  *self,
                                     CandorStore        *store,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data);
gboolean
candor_channel_list_load_finish (CandorChannelList *self, GAsyncResult *result, GError **error);

CandorChannel *candor_channel_list_lookup (CandorChannelList *self, const char *channel_id);

void candor_channel_list_save_async (CandorChannelList  *self,
                                     CandorChannel      *channel,
                                     const char         *secret,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data);
gboolean
candor_channel_list_save_finish (CandorChannelList *self, GAsyncResult *result, GError **error);
void candor_channel_list_remove_async (CandorChannelList  *self,
                                       const char         *channel_id,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data);
gboolean
candor_channel_list_remove_finish (CandorChannelList *self, GAsyncResult *result, GError **error);

G_END_DECLS
