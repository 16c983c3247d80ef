/* candor-http-channel-client.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-http-channel-client"

#include "config.h"

#include <libsecret/secret.h>

#include "candor-http-channel-client.h"

typedef struct
{
  CandorChannel *channel;
  char          *secret;
  CandorHttp    *http;
} CandorHttpChannelClientPrivate;

/* The subclasses implement CandorChannelClient's methods; the base only
 * takes the interface's properties. */
G_DEFINE_ABSTRACT_TYPE_WITH_CODE (CandorHttpChannelClient,
                                  candor_http_channel_client,
                                  G_TYPE_OBJECT,
                                  G_ADD_PRIVATE (CandorHttpChannelClient)
                                    G_IMPLEMENT_INTERFACE (CANDOR_TYPE_CHANNEL_CLIENT, NULL))

enum
{
  PROP_0,
  PROP_CHANNEL,
  PROP_SECRET,
  PROP_HTTP,
};

static void
candor_http_channel_client_finalize (GObject *object)
{
  CandorHttpChannelClient        *self = CANDOR_HTTP_CHANNEL_CLIENT (object);
  CandorHttpChannelClientPrivate *priv = candor_http_channel_client_get_instance_private (self);

  g_clear_object (&priv->channel);
  g_clear_object (&priv->http);
  /* Zeroes the secret before freeing it, so it does not linger in freed
   * memory. */
  g_clear_pointer (&priv->secret, secret_password_free);

  G_OBJECT_CLASS (candor_http_channel_client_parent_class)->finalize (object);
}

static void
candor_http_channel_client_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  CandorHttpChannelClient        *self = CANDOR_HTTP_CHANNEL_CLIENT (object);
  CandorHttpChannelClientPrivate *priv = candor_http_channel_client_get_instance_private (self);

  switch (prop_id)
    {
      case PROP_CHANNEL:
        g_value_set_object (value, priv->channel);
        break;

      case PROP_HTTP:
        g_value_set_object (value, priv->http);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_http_channel_client_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  CandorHttpChannelClient        *self = CANDOR_HTTP_CHANNEL_CLIENT (object);
  CandorHttpChannelClientPrivate *priv = candor_http_channel_client_get_instance_private (self);

  switch (prop_id)
    {
      case PROP_CHANNEL:
        priv->channel = g_value_dup_object (value);
        break;

      case PROP_SECRET:
        priv->secret = g_value_dup_string (value);
        break;

      case PROP_HTTP:
        priv->http = g_value_dup_object (value);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_http_channel_client_class_init (CandorHttpChannelClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = candor_http_channel_client_finalize;
  object_class->get_property = candor_http_channel_client_get_property;
  object_class->set_property = candor_http_channel_client_set_property;

  g_object_class_override_property (object_class, PROP_CHANNEL, "channel");
  g_object_class_override_property (object_class, PROP_SECRET, "secret");
  g_object_class_override_property (object_class, PROP_HTTP, "http");
}

static void
candor_http_channel_client_init (CandorHttpChannelClient *self)
{
}

/* Returns: (transfer none) */
CandorChannel *
candor_http_channel_client_get_channel (CandorHttpChannelClient *self)
{
  CandorHttpChannelClientPrivate *priv;

  g_return_val_if_fail (CANDOR_IS_HTTP_CHANNEL_CLIENT (self), NULL);

  priv = candor_http_channel_client_get_instance_private (self);
  return priv->channel;
}

/* Returns: (transfer none) (nullable): the secret from the keyring, NULL
 * for kinds without one */
const char *
candor_http_channel_client_get_secret (CandorHttpChannelClient *self)
{
  CandorHttpChannelClientPrivate *priv;

  g_return_val_if_fail (CANDOR_IS_HTTP_CHANNEL_CLIENT (self), NULL);

  priv = candor_http_channel_client_get_instance_private (self);
  return priv->secret;
}

/* Returns: (transfer none) */
CandorHttp *
candor_http_channel_client_get_http (CandorHttpChannelClient *self)
{
  CandorHttpChannelClientPrivate *priv;

  g_return_val_if_fail (CANDOR_IS_HTTP_CHANNEL_CLIENT (self), NULL);

  priv = candor_http_channel_client_get_instance_private (self);
  return priv->http;
}
