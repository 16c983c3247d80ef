/* candor-channel-client.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-channel-client"

#include "config.h"

#include <glib/gi18n.h>

#include "candor-bluesky-client.h"
#include "candor-cachet-client.h"
#include "candor-channel-client.h"
#include "candor-discord-client.h"
#include "candor-email-client.h"
#include "candor-mastodon-client.h"
#include "candor-matrix-client.h"
#include "candor-mattermost-client.h"
#include "candor-publish-error.h"
#include "candor-slack-client.h"
#include "candor-static-site-client.h"
#include "candor-statuspage-client.h"
#include "candor-teams-client.h"
#include "candor-telegram-client.h"
#include "candor-webhook-client.h"
#include "candor-x-client.h"

G_DEFINE_INTERFACE (CandorChannelClient, candor_channel_client, G_TYPE_OBJECT)

/* One row per channel kind that can publish: adding a kind is a client file
 * and a row here (and its row in core's kind table). Every client type has
 * the construct-only properties "channel", "secret" and "http" and
 * implements GInitable to refuse missing settings. */
static const struct
{
  const char *kind;
  GType (*get_type) (void);
} clients[] = {
  { "slack", candor_slack_client_get_type },
  { "discord", candor_discord_client_get_type },
  { "mattermost", candor_mattermost_client_get_type },
  { "teams", candor_teams_client_get_type },
  { "email", candor_email_client_get_type },
  { "matrix", candor_matrix_client_get_type },
  { "telegram", candor_telegram_client_get_type },
  { "signed-webhook", candor_webhook_client_get_type },
  { "static-site", candor_static_site_client_get_type },
  /* Social networks */
  { "mastodon", candor_mastodon_client_get_type },
  { "bluesky", candor_bluesky_client_get_type },
  { "x", candor_x_client_get_type },
  { "statuspage", candor_statuspage_client_get_type },
  { "cachet", candor_cachet_client_get_type },
};

static void
candor_channel_client_default_init (CandorChannelClientInterface *iface)
{
  g_object_interface_install_property (
    iface,
    g_param_spec_object ("channel", NULL, NULL, CANDOR_TYPE_CHANNEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_interface_install_property (
    iface,
    g_param_spec_string ("secret", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_interface_install_property (
    iface,
    g_param_spec_object ("http", NULL, NULL, CANDOR_TYPE_HTTP,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
}

void
candor_publish_receipt_free (CandorPublishReceipt *receipt)
{
  if (receipt == NULL)
    return;

  g_free (receipt->remote_id);
  g_free (receipt->remote_url);
  g_free (receipt);
}

CandorChannelClient *
candor_channel_client_new (CandorChannel *channel,
                           const char    *secret,
                           CandorHttp    *http,
                           GError       **error)
{
  return candor_channel_client_new_full (channel, secret, http, NULL, error);
}

/**
 * candor_channel_client_new_full:
 * @store: (nullable): the history, for the kinds that publish from it (the
 *   static site, which has a construct-only "store" property)
 *
 * As candor_channel_client_new(), for a client that may read @store.
 */
CandorChannelClient *
candor_channel_client_new_full (CandorChannel *channel,
                                const char    *secret,
                                CandorHttp    *http,
                                CandorStore   *store,
                                GError       **error)
{
  const char *kind;

  g_return_val_if_fail (CANDOR_IS_CHANNEL (channel), NULL);
  g_return_val_if_fail (CANDOR_IS_HTTP (http), NULL);
  g_return_val_if_fail (store == NULL || CANDOR_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  kind = candor_channel_get_kind (channel)->nick;
  for (guint i = 0; i < G_N_ELEMENTS (clients); i++)
    {
      GType         type;
      GObjectClass *klass;
      gboolean      takes_store;

      if (!g_str_equal (clients[i].kind, kind))
        continue;

      type = clients[i].get_type ();
      klass = g_type_class_ref (type);
      takes_store = g_object_class_find_property (klass, "store") != NULL;
      g_type_class_unref (klass);
      if (takes_store)
        return g_initable_new (type, NULL, error, "channel", channel, "secret", secret, "http",
                               http, "store", store, NULL);
      return g_initable_new (type, NULL, error, "channel", channel, "secret", secret, "http", http,
                             NULL);
    }

  g_set_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED,
               _("Candor cannot publish to %s channels yet; send this message by hand and mark it "
                 "as sent."),
                  candor_channel_kind_get_label (candor_channel_get_kind (channel)));
  return NULL;
}

/* Returns: (transfer none) */
CandorChannel *
candor_channel_client_get_channel (CandorChannelClient *self)
{
  g_autoptr (CandorChannel) channel = NULL;

  g_return_val_if_fail (CANDOR_IS_CHANNEL_CLIENT (self), NULL);

  /* The property holds its own reference for the client's whole life. */
  g_object_get (self, "channel", &channel, NULL);
  return channel;
}

void
candor_channel_client_test_async (CandorChannelClient *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (CANDOR_IS_CHANNEL_CLIENT (self));

  CANDOR_CHANNEL_CLIENT_GET_IFACE (self)->test_async (self, cancellable, callback, user_data);
}

gboolean
candor_channel_client_test_finish (CandorChannelClient *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (CANDOR_IS_CHANNEL_CLIENT (self), FALSE);

  return CANDOR_CHANNEL_CLIENT_GET_IFACE (self)->test_finish (self, result, error);
}

void
candor_channel_client_publish_async (CandorChannelClient   *self,
                                     CandorSentRendition   *rendition,
                                     const char            *idempotency_key,
                                     const CandorThreadRef *thread,
                                     GCancellable          *cancellable,
                                     GAsyncReadyCallback    callback,
                                     gpointer               user_data)
{
  g_return_if_fail (CANDOR_IS_CHANNEL_CLIENT (self));
  g_return_if_fail (rendition != NULL);
  g_return_if_fail (idempotency_key != NULL);

  CANDOR_CHANNEL_CLIENT_GET_IFACE (self)->publish_async (self, rendition, idempotency_key, thread,
                                                         cancellable, callback, user_data);
}

CandorPublishReceipt *
candor_channel_client_publish_finish (CandorChannelClient *self,
                                      GAsyncResult        *result,
                                      GError             **error)
{
  g_return_val_if_fail (CANDOR_IS_CHANNEL_CLIENT (self), NULL);

  return CANDOR_CHANNEL_CLIENT_GET_IFACE (self)->publish_finish (self, result, error);
}

gboolean
candor_channel_client_is_idempotent (CandorChannelClient *self)
{
  CandorChannelClientInterface *iface;

  g_return_val_if_fail (CANDOR_IS_CHANNEL_CLIENT (self), FALSE);

  iface = CANDOR_CHANNEL_CLIENT_GET_IFACE (self);
  return iface->is_idempotent != NULL && iface->is_idempotent (self);
}
