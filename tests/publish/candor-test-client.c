/* candor-test-client.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-test-client"

#include "config.h"

#include <json-glib/json-glib.h>

#include "candor-publish-error.h"
#include "candor-test-client.h"

struct _CandorTestClient
{
  GObject parent_instance;

  CandorChannel *channel;
  CandorHttp    *http;
  char          *secret;
};

static void candor_test_client_iface_init (CandorChannelClientInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CandorTestClient,
                               candor_test_client,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CANDOR_TYPE_CHANNEL_CLIENT,
                                                      candor_test_client_iface_init))

enum
{
  PROP_0,
  PROP_CHANNEL,
  PROP_SECRET,
  PROP_HTTP,
};

static gboolean
is_matrix (CandorTestClient *self)
{
  return g_str_equal (candor_channel_get_kind (self->channel)->nick, "matrix");
}

static void
on_sent_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  CandorTestClient *self = g_task_get_source_object (task);
  g_autoptr (CandorHttpResponse) response = NULL;
  CandorPublishReceipt *receipt;
  GError               *error = NULL;

  response = candor_http_send_finish (CANDOR_HTTP (source), result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (!candor_http_response_is_success (response))
    {
      JsonNode   *node = candor_http_response_get_json (response);
      const char *said = NULL;

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObject *object = json_node_get_object (node);

          said = json_object_get_string_member_with_default (object, "error", NULL);
          if (said == NULL)
            said = json_object_get_string_member_with_default (object, "message", NULL);
        }
      g_task_return_error (task, candor_http_response_to_error (
                                   response, is_matrix (self) ? "Matrix" : "Mattermost", said));
      return;
    }

  receipt = g_new0 (CandorPublishReceipt, 1);
  if (is_matrix (self))
    {
      JsonNode *node = candor_http_response_get_json (response);

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        receipt->remote_id = g_strdup (json_object_get_string_member_with_default (
          json_node_get_object (node), "event_id", NULL));
    }
  g_task_return_pointer (task, receipt, (GDestroyNotify)candor_publish_receipt_free);
}

static void
candor_test_client_publish_async (CandorChannelClient   *client,
                                  CandorSentRendition   *rendition,
                                  const char            *idempotency_key,
                                  const CandorThreadRef *thread,
                                  GCancellable          *cancellable,
                                  GAsyncReadyCallback    callback,
                                  gpointer               user_data)
{
  CandorTestClient *self = CANDOR_TEST_CLIENT (client);
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GHashTable) headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GBytes) body = NULL;
  g_autofree char *url = NULL;
  GTask           *task = g_task_new (self, cancellable, callback, user_data);
  char            *json;

  json_builder_begin_object (builder);
  if (is_matrix (self))
    {
      g_auto (GStrv) parts = g_strsplit (self->secret, " ", 2);

      json_builder_set_member_name (builder, "msgtype");
      json_builder_add_string_value (builder, "m.notice");
      json_builder_set_member_name (builder, "body");
      json_builder_add_string_value (builder, rendition->body);
      url = g_strconcat (parts[1], idempotency_key, NULL);
      g_hash_table_insert (headers, g_strdup ("Authorization"),
                           g_strconcat ("Bearer ", parts[0], NULL));
    }
  else
    {
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, rendition->body);
      url = g_strdup (self->secret);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);
  body = g_bytes_new_take (json, strlen (json));

  candor_http_send_async (self->http, is_matrix (self) ? "PUT" : "POST", url, headers, body,
                          "application/json", cancellable, on_sent_cb, task);
}

static CandorPublishReceipt *
candor_test_client_publish_finish (CandorChannelClient *client,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
candor_test_client_test_async (CandorChannelClient *client,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr (GTask) task = g_task_new (client, cancellable, callback, user_data);

  g_task_return_boolean (task, TRUE);
}

static gboolean
candor_test_client_test_finish (CandorChannelClient *client, GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static gboolean
candor_test_client_is_idempotent (CandorChannelClient *client)
{
  return is_matrix (CANDOR_TEST_CLIENT (client));
}

static void
candor_test_client_iface_init (CandorChannelClientInterface *iface)
{
  iface->test_async = candor_test_client_test_async;
  iface->test_finish = candor_test_client_test_finish;
  iface->publish_async = candor_test_client_publish_async;
  iface->publish_finish = candor_test_client_publish_finish;
  iface->is_idempotent = candor_test_client_is_idempotent;
}

static void
candor_test_client_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CandorTestClient *self = CANDOR_TEST_CLIENT (object);

  switch (prop_id)
    {
      case PROP_CHANNEL:
        g_value_set_object (value, self->channel);
        break;

      case PROP_HTTP:
        g_value_set_object (value, self->http);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_test_client_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CandorTestClient *self = CANDOR_TEST_CLIENT (object);

  switch (prop_id)
    {
      case PROP_CHANNEL:
        self->channel = g_value_dup_object (value);
        break;

      case PROP_SECRET:
        self->secret = g_value_dup_string (value);
        break;

      case PROP_HTTP:
        self->http = g_value_dup_object (value);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_test_client_finalize (GObject *object)
{
  CandorTestClient *self = CANDOR_TEST_CLIENT (object);

  g_clear_object (&self->channel);
  g_clear_object (&self->http);
  g_free (self->secret);

  G_OBJECT_CLASS (candor_test_client_parent_class)->finalize (object);
}

static void
candor_test_client_class_init (CandorTestClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = candor_test_client_finalize;
  object_class->get_property = candor_test_client_get_property;
  object_class->set_property = candor_test_client_set_property;

  g_object_class_override_property (object_class, PROP_CHANNEL, "channel");
  g_object_class_override_property (object_class, PROP_SECRET, "secret");
  g_object_class_override_property (object_class, PROP_HTTP, "http");
}

static void
candor_test_client_init (CandorTestClient *self)
{
}

CandorChannelClient *
candor_test_client_new (CandorChannel *channel,
                        const char    *secret,
                        CandorHttp    *http,
                        gpointer       user_data,
                        GError       **error)
{
  if (secret == NULL)
    {
      g_set_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED,
                   "The channel “%s” has no secret", candor_channel_get_id (channel));
      return NULL;
    }

  return g_object_new (CANDOR_TYPE_TEST_CLIENT, "channel", channel, "secret", secret, "http", http,
                       NULL);
}
