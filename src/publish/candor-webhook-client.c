/* candor-webhook-client.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-webhook-client"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "candor-publish-error.h"
#include "candor-webhook-client.h"

#define SECRET_PREFIX "whsec_"

struct _CandorWebhookClient
{
  CandorHttpChannelClient parent_instance;

  guchar *key;
  gsize   key_length;
};

static void candor_webhook_client_initable_iface_init (GInitableIface *iface);
static void candor_webhook_client_channel_client_iface_init (CandorChannelClientInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (
  CandorWebhookClient,
  candor_webhook_client,
  CANDOR_TYPE_HTTP_CHANNEL_CLIENT,
  G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, candor_webhook_client_initable_iface_init)
    G_IMPLEMENT_INTERFACE (CANDOR_TYPE_CHANNEL_CLIENT,
                           candor_webhook_client_channel_client_iface_init))

/* A node holding @object, which it takes. */
static JsonNode *
object_node_take (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

static char *
sign (CandorWebhookClient *self, const char *id, const char *timestamp, GBytes *body)
{
  g_autoptr (GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, self->key, self->key_length);
  guint8 digest[32];
  gsize  digest_length = sizeof digest;

  g_hmac_update (hmac, (const guchar *)id, strlen (id));
  g_hmac_update (hmac, (const guchar *)".", 1);
  g_hmac_update (hmac, (const guchar *)timestamp, strlen (timestamp));
  g_hmac_update (hmac, (const guchar *)".", 1);
  g_hmac_update (hmac, g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_hmac_get_digest (hmac, digest, &digest_length);

  return g_base64_encode (digest, digest_length);
}

static void
on_sent_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorHttpResponse) response = NULL;
  g_autofree char *words = NULL;
  GBytes          *body;

  response = candor_http_send_finish (CANDOR_HTTP (source), result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (candor_http_response_is_success (response))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* Receivers answer in their own words, as text or JSON: quote a line of it. */
  body = candor_http_response_get_body (response);
  if (body != NULL && g_bytes_get_size (body) > 0 &&
      g_utf8_validate (g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL))
    {
      words = g_strndup (g_bytes_get_data (body, NULL), MIN (g_bytes_get_size (body), 200));
      g_strstrip (words);
      words[strcspn (words, "\r\n")] = '\0';
    }
  g_task_return_error (
    task, candor_http_response_to_error (response, _("The webhook’s receiver"), words));
}

/* POSTs one signed event: the body is signed as it is sent, byte for byte. */
static void
send_event (CandorWebhookClient *self,
            const char          *id,
            const char          *type,
            JsonNode            *data,
            GTask               *task)
{
  CandorHttp    *http = candor_http_channel_client_get_http (CANDOR_HTTP_CHANNEL_CLIENT (self));
  CandorChannel *channel =
    candor_http_channel_client_get_channel (CANDOR_HTTP_CHANNEL_CLIENT (self));

  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GHashTable) headers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autofree char *iso = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *timestamp = g_strdup_printf ("%" G_GINT64_FORMAT, g_date_time_to_unix (now));
  g_autofree char *json = NULL;
  g_autofree char *signature = NULL;
  g_autoptr (GBytes) body = NULL;
  gsize length;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, type);
  json_builder_set_member_name (builder, "timestamp");
  json_builder_add_string_value (builder, iso);
  json_builder_set_member_name (builder, "data");
  json_builder_add_value (builder, data);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  json = json_to_string (root, FALSE);
  length = strlen (json);
  body = g_bytes_new_take (g_steal_pointer (&json), length);
  signature = sign (self, id, timestamp, body);

  g_hash_table_insert (headers, (gpointer) "webhook-id", g_strdup (id));
  g_hash_table_insert (headers, (gpointer) "webhook-timestamp", g_steal_pointer (&timestamp));
  g_hash_table_insert (headers, (gpointer) "webhook-signature",
                       g_strconcat ("v1,", signature, NULL));

  candor_http_send_async (http, "POST", candor_channel_get_setting (channel, "url"), headers, body,
                          "application/json", g_task_get_cancellable (task), on_sent_cb, task);
}

static void
candor_webhook_client_test_async (CandorChannelClient *client,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  CandorWebhookClient *self = CANDOR_WEBHOOK_CLIENT (client);
  GTask               *task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char     *uuid = g_uuid_string_random ();
  g_autofree char     *id = g_strconcat ("ping_", uuid, NULL);

  g_task_set_source_tag (task, candor_webhook_client_test_async);
  send_event (self, id, "ping", object_node_take (json_object_new ()), task);
}

static gboolean
candor_webhook_client_test_finish (CandorChannelClient *client,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_published_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError               *error = NULL;
  CandorPublishReceipt *receipt;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* The receiver names nothing: the event's own id is its receipt. */
  receipt = g_new0 (CandorPublishReceipt, 1);
  receipt->remote_id = g_strdup (g_task_get_task_data (task));
  g_task_return_pointer (task, receipt, (GDestroyNotify)candor_publish_receipt_free);
}

/* The idempotency key is the webhook-id: receivers take an id once. */
static void
candor_webhook_client_publish_async (CandorChannelClient   *client,
                                     CandorSentRendition   *rendition,
                                     const char            *idempotency_key,
                                     const CandorThreadRef *thread,
                                     GCancellable          *cancellable,
                                     GAsyncReadyCallback    callback,
                                     gpointer               user_data)
{
  CandorWebhookClient *self = CANDOR_WEBHOOK_CLIENT (client);
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  GTask    *send = g_task_new (self, cancellable, on_published_cb, g_object_ref (task));
  JsonNode *data = NULL;

  g_task_set_source_tag (task, candor_webhook_client_publish_async);
  g_task_set_task_data (task, g_strdup (idempotency_key), g_free);

  if (rendition->json != NULL)
    data = json_from_string (rendition->json, NULL);
  if (data == NULL || !JSON_NODE_HOLDS_OBJECT (data))
    {
      JsonObject *object = json_object_new ();

      g_clear_pointer (&data, json_node_unref);
      json_object_set_string_member (object, "subject", rendition->subject);
      json_object_set_string_member (object, "text", rendition->body);
      data = object_node_take (object);
    }

  send_event (self, idempotency_key, "incident.updated", data, send);
}

static CandorPublishReceipt *
candor_webhook_client_publish_finish (CandorChannelClient *client,
                                      GAsyncResult        *result,
                                      GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
candor_webhook_client_is_idempotent (CandorChannelClient *client)
{
  return TRUE;
}

static gboolean
candor_webhook_client_initable_init (GInitable *initable, GCancellable *cancellable, GError **error)
{
  CandorWebhookClient *self = CANDOR_WEBHOOK_CLIENT (initable);
  const char    *secret = candor_http_channel_client_get_secret (CANDOR_HTTP_CHANNEL_CLIENT (self));
  CandorChannel *channel =
    candor_http_channel_client_get_channel (CANDOR_HTTP_CHANNEL_CLIENT (self));
  const char *url = candor_channel_get_setting (channel, "url");

  if (url == NULL || *url == '\0')
    {
      g_set_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED,
                   _("The channel “%s” has no address to post to; set it in Preferences."),
                      candor_channel_get_name (channel));
      return FALSE;
    }

  if (secret != NULL && g_str_has_prefix (secret, SECRET_PREFIX) &&
      secret[strlen (SECRET_PREFIX)] != '\0')
    self->key = g_base64_decode (secret + strlen (SECRET_PREFIX), &self->key_length);
  if (self->key == NULL || self->key_length == 0)
    {
      g_set_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED,
                   _("The channel “%s” needs its signing secret, which starts with “whsec_”; "
                     "enter it in Preferences."),
                      candor_channel_get_name (channel));
      return FALSE;
    }

  return candor_http_check_url (url, error);
}

static void
candor_webhook_client_initable_iface_init (GInitableIface *iface)
{
  iface->init = candor_webhook_client_initable_init;
}

static void
candor_webhook_client_channel_client_iface_init (CandorChannelClientInterface *iface)
{
  iface->test_async = candor_webhook_client_test_async;
  iface->test_finish = candor_webhook_client_test_finish;
  iface->publish_async = candor_webhook_client_publish_async;
  iface->publish_finish = candor_webhook_client_publish_finish;
  iface->is_idempotent = candor_webhook_client_is_idempotent;
}

static void
candor_webhook_client_finalize (GObject *object)
{
  CandorWebhookClient *self = CANDOR_WEBHOOK_CLIENT (object);

  if (self->key != NULL)
    memset (self->key, 0, self->key_length);
  g_clear_pointer (&self->key, g_free);

  G_OBJECT_CLASS (candor_webhook_client_parent_class)->finalize (object);
}

static void
candor_webhook_client_class_init (CandorWebhookClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = candor_webhook_client_finalize;
}

static void
candor_webhook_client_init (CandorWebhookClient *self)
{
}
