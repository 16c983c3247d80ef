/* candor-publisher.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "candor-channel.h"
#include "candor-http.h"
#include "candor-incident.h"
#include "candor-publication.h"
#include "candor-sent-update.h"
#include "candor-store.h"
#include "candor-update.h"

G_BEGIN_DECLS

/* The configured channel with @channel_id, or NULL when there is none
 * (transfer none). */
typedef CandorChannel *(*CandorChannelLookup) (const char *channel_id, gpointer user_data);

#define CANDOR_TYPE_PUBLISHER (candor_publisher_get_type ())

G_DECLARE_FINAL_TYPE (CandorPublisher, candor_publisher, CANDOR, PUBLISHER, GObject)

CandorPublisher *candor_publisher_new (CandorStore        *store,
                                       CandorHttp         *http,
                                       CandorChannelLookup lookup,
                                       gpointer            lookup_data,
                                       GDestroyNotify      lookup_data_destroy);

void candor_publisher_set_secrets (CandorPublisher *self, GHashTable *secrets);

gboolean candor_publisher_get_online (CandorPublisher *self);
void     candor_publisher_set_online (CandorPublisher *self, gboolean online);
guint    candor_publisher_get_n_waiting (CandorPublisher *self);

void candor_publisher_publish_async (CandorPublisher    *self,
                                     CandorIncident     *incident,
                                     CandorUpdate       *update,
                                     GPtrArray          *renditions,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data);
CandorSentUpdate *
candor_publisher_publish_finish (CandorPublisher *self, GAsyncResult *result, GError **error);

void candor_publisher_mark_sent_async (CandorPublisher    *self,
                                       CandorIncident     *incident,
                                       CandorUpdate       *update,
                                       GPtrArray          *renditions,
                                       GDateTime          *sent_at,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data);
CandorSentUpdate *
candor_publisher_mark_sent_finish (CandorPublisher *self, GAsyncResult *result, GError **error);

void candor_publisher_resume_async (CandorPublisher    *self,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data);
gboolean
candor_publisher_resume_finish (CandorPublisher *self, GAsyncResult *result, GError **error);

G_END_DECLS
