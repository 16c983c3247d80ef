/* candor-channel-client.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "candor-channel.h"
#include "candor-http.h"
#include "candor-sent-rendition.h"
#include "candor-store.h"

G_BEGIN_DECLS

/* What one channel kind's API needs to be told to post a message. The
 * publisher makes one client per configured channel and per publishing run,
 * with that channel's secret from the keyring; the client never stores it. */
#define CANDOR_TYPE_CHANNEL_CLIENT (candor_channel_client_get_type ())

G_DECLARE_INTERFACE (CandorChannelClient, candor_channel_client, CANDOR, CHANNEL_CLIENT, GObject)

/* Where an earlier message of the same incident went on this channel, so a
 * follow-up lands in the same thread: the first message's remote id (Slack
 * ts, Matrix event id, Telegram message id...) and the latest one's. Both
 * NULL for an incident's first message on the channel. */
typedef struct
{
  const char *root_id;
  const char *last_id;
} CandorThreadRef;

/* Where the message went: the service's id for it (to thread follow-ups) and
 * a link a person can open, when the service has one. */
typedef struct
{
  char *remote_id;
  char *remote_url;
} CandorPublishReceipt;

void candor_publish_receipt_free (CandorPublishReceipt *receipt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CandorPublishReceipt, candor_publish_receipt_free)

struct _CandorChannelClientInterface
{
  GTypeInterface parent_iface;

  /* Checks that the settings and secret reach the service and are accepted,
   * without posting anything visible where the API allows it. */
  void (*test_async) (CandorChannelClient *self,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data);
  gboolean (*test_finish) (CandorChannelClient *self, GAsyncResult *result, GError **error);

  /* Posts @rendition. @idempotency_key is the same for every attempt of one
   * publication (Matrix txnId, webhook-id, Idempotency-Key): an API that
   * takes one must be given it. @thread is NULL or where the incident's
   * earlier messages went on this channel. Errors are CANDOR_PUBLISH_ERROR. */
  void (*publish_async) (CandorChannelClient   *self,
                         CandorSentRendition   *rendition,
                         const char            *idempotency_key,
                         const CandorThreadRef *thread,
                         GCancellable          *cancellable,
                         GAsyncReadyCallback    callback,
                         gpointer               user_data);
  CandorPublishReceipt *(*publish_finish) (CandorChannelClient *self,
                                           GAsyncResult        *result,
                                           GError             **error);

  /* Whether sending the same publication twice with the same
   * idempotency key posts it once (TRUE for Matrix, signed webhooks):
   * the outbox may then resend after a crash instead of asking to verify. */
  gboolean (*is_idempotent) (CandorChannelClient *self);
};

/* Makes the client for @channel's kind with its @secret (may be NULL for
 * kinds without one), talking through @http (whose trust settings the email
 * client shares). Fails with CANDOR_PUBLISH_ERROR_NOT_CONFIGURED when the
 * kind has no client yet or, from the client, when a required setting or
 * the secret is missing, naming it. */
CandorChannelClient *candor_channel_client_new (CandorChannel *channel,
                                                const char    *secret,
                                                CandorHttp    *http,
                                                GError       **error);

/* The same, for a client that publishes from the history (the static
 * site); @store may be NULL, and kinds that do not read it ignore it. */
CandorChannelClient *candor_channel_client_new_full (CandorChannel *channel,
                                                     const char    *secret,
                                                     CandorHttp    *http,
                                                     CandorStore   *store,
                                                     GError       **error);

CandorChannel *candor_channel_client_get_channel (CandorChannelClient *self);

void candor_channel_client_test_async (CandorChannelClient *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gboolean
candor_channel_client_test_finish (CandorChannelClient *self, GAsyncResult *result, GError **error);
void                  candor_channel_client_publish_async (CandorChannelClient   *self,
                                                           CandorSentRendition   *rendition,
                                                           const char            *idempotency_key,
                                                           const CandorThreadRef *thread,
                                                           GCancellable          *cancellable,
                                                           GAsyncReadyCallback    callback,
                                                           gpointer               user_data);
CandorPublishReceipt *candor_channel_client_publish_finish (CandorChannelClient *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);
gboolean              candor_channel_client_is_idempotent (CandorChannelClient *self);

G_END_DECLS
