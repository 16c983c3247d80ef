/* candor-matrix-client.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-matrix-client"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "candor-matrix-client.h"
#include "candor-publish-error.h"

#define SERVICE "Matrix"

struct _CandorMatrixClient
{
  CandorHttpChannelClient parent_instance;
};

static void candor_matrix_client_initable_iface_init (GInitableIface *iface);
static void candor_matrix_client_channel_client_iface_init (CandorChannelClientInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (
  CandorMatrixClient,
  candor_matrix_client,
  CANDOR_TYPE_HTTP_CHANNEL_CLIENT,
  G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, candor_matrix_client_initable_iface_init)
    G_IMPLEMENT_INTERFACE (CANDOR_TYPE_CHANNEL_CLIENT,
                           candor_matrix_client_channel_client_iface_init))

/* A node holding @object, which it takes. */
static JsonNode *
object_node_take (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

/* The URL of @path (already escaped) on the channel's homeserver. */
static char *
make_url (CandorMatrixClient *self, const char *path)
{
  CandorChannel *channel =
    candor_http_channel_client_get_channel (CANDOR_HTTP_CHANNEL_CLIENT (self));
  g_autofree char *base = g_strdup (candor_channel_get_setting (channel, "homeserver"));

  while (g_str_has_suffix (base, "/"))
    base[strlen (base) - 1] = '\0';

  return g_strconcat (base, "/_matrix/client/v3/", path, NULL);
}

static GHashTable *
make_headers (CandorMatrixClient *self)
{
  const char *secret = candor_http_channel_client_get_secret (CANDOR_HTTP_CHANNEL_CLIENT (self));
  GHashTable *headers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_hash_table_insert (headers, (gpointer) "Authorization", g_strconcat ("Bearer ", secret, NULL));
  return headers;
}

/* The error a failed answer stands for, in the homeserver's words
 * ({"errcode", "error"}), with a 429's retry_after_ms when no Retry-After
 * header said it. */
static GError *
response_to_error (CandorHttpResponse *response)
{
  JsonNode   *node = candor_http_response_get_json (response);
  JsonObject *object =
    node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  g_autofree char *words = NULL;
  GError          *error;

  if (object != NULL)
    {
      const char *errcode = json_object_get_string_member_with_default (object, "errcode", NULL);
      const char *text = json_object_get_string_member_with_default (object, "error", NULL);

      if (errcode != NULL && text != NULL)
        words = g_strdup_printf ("%s (%s)", text, errcode);
      else
        words = g_strdup (text != NULL ? text : errcode);
    }

  error = candor_http_response_to_error (response, SERVICE, words);
  if (g_error_matches (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_RATE_LIMITED) &&
      candor_publish_error_get_retry_after (error) <= 0 && object != NULL)
    {
      gint64 ms = json_object_get_int_member_with_default (object, "retry_after_ms", 0);

      if (ms > 0)
        candor_publish_error_set_retry_after (error, ms * 1000);
    }

  return error;
}

static void
on_whoami_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorHttpResponse) response = NULL;

  response = candor_http_send_finish (CANDOR_HTTP (source), result, &error);
  if (response == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (!candor_http_response_is_success (response))
    g_task_return_error (task, response_to_error (response));
  else
    g_task_return_boolean (task, TRUE);
}

/* whoami proves the token; it posts nothing. */
static void
candor_matrix_client_test_async (CandorChannelClient *client,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  CandorMatrixClient *self = CANDOR_MATRIX_CLIENT (client);
  CandorHttp *http = candor_http_channel_client_get_http (CANDOR_HTTP_CHANNEL_CLIENT (self));
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr (GHashTable) headers = make_headers (self);
  g_autofree char *url = make_url (self, "account/whoami");

  g_task_set_source_tag (task, candor_matrix_client_test_async);
  candor_http_send_async (http, "GET", url, headers, NULL, NULL, cancellable, on_whoami_cb,
                          g_steal_pointer (&task));
}

static gboolean
candor_matrix_client_test_finish (CandorChannelClient *client, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The event's content: the rendition's, as a notice (bots post notices,
 * which other bots leave alone), with no intentional mentions, and under
 * the incident's first message as a thread when there is one. */
static JsonNode *
make_content (CandorSentRendition *rendition, const CandorThreadRef *thread)
{
  g_autoptr (JsonNode) node = NULL;
  JsonObject *content;

  if (rendition->json != NULL)
    node = json_from_string (rendition->json, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_clear_pointer (&node, json_node_unref);
      node = object_node_take (json_object_new ());
      json_object_set_string_member (json_node_get_object (node), "body", rendition->body);
      if (rendition->html != NULL)
        {
          json_object_set_string_member (json_node_get_object (node), "format",
                                         "org.matrix.custom.html");
          json_object_set_string_member (json_node_get_object (node), "formatted_body",
                                         rendition->html);
        }
    }

  content = json_node_get_object (node);
  json_object_set_string_member (content, "msgtype", "m.notice");
  /* An empty m.mentions tells homeservers that honour intentional mentions
   * (Matrix 1.7) that nobody, and not the room, is to be notified. */
  json_object_set_object_member (content, "m.mentions", json_object_new ());

  if (thread != NULL && thread->root_id != NULL)
    {
      JsonObject *relates_to = json_object_new ();
      JsonObject *in_reply_to = json_object_new ();

      json_object_set_string_member (in_reply_to, "event_id",
                                     thread->last_id != NULL ? thread->last_id : thread->root_id);
      json_object_set_string_member (relates_to, "rel_type", "m.thread");
      json_object_set_string_member (relates_to, "event_id", thread->root_id);
      /* Clients without threads show the message as a reply to the last one. */
      json_object_set_boolean_member (relates_to, "is_falling_back", TRUE);
      json_object_set_object_member (relates_to, "m.in_reply_to", in_reply_to);
      json_object_set_object_member (content, "m.relates_to", relates_to);
    }

  return g_steal_pointer (&node);
}

static void
on_sent_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  CandorMatrixClient *self = g_task_get_source_object (task);
  CandorChannel      *channel =
    candor_http_channel_client_get_channel (CANDOR_HTTP_CHANNEL_CLIENT (self));
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorHttpResponse) response = NULL;
  JsonNode             *node;
  const char           *event_id = NULL;
  CandorPublishReceipt *receipt;
  g_autofree char      *room = NULL;
  g_autofree char      *event = NULL;

  response = candor_http_send_finish (CANDOR_HTTP (source), result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!candor_http_response_is_success (response))
    {
      g_task_return_error (task, response_to_error (response));
      return;
    }

  node = candor_http_response_get_json (response);
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    event_id =
      json_object_get_string_member_with_default (json_node_get_object (node), "event_id", NULL);
  if (event_id == NULL)
    {
      /* The message went out but cannot be linked to: say so, do not resend. */
      g_task_return_new_error (task, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_UNKNOWN_OUTCOME,
                               _("Matrix accepted the message without naming it; check the "
                                 "room before sending it again."));
      return;
    }

  room = g_uri_escape_string (candor_channel_get_setting (channel, "room-id"), NULL, FALSE);
  event = g_uri_escape_string (event_id, NULL, FALSE);
  receipt = g_new0 (CandorPublishReceipt, 1);
  receipt->remote_id = g_strdup (event_id);
  receipt->remote_url = g_strdup_printf ("https://matrix.to/#/%s/%s", room, event);
  g_task_return_pointer (task, receipt, (GDestroyNotify)candor_publish_receipt_free);
}

/* PUT with the idempotency key as the transaction id: the homeserver
 * answers a repeated one with the first event and posts nothing. */
static void
candor_matrix_client_publish_async (CandorChannelClient   *client,
                                    CandorSentRendition   *rendition,
                                    const char            *idempotency_key,
                                    const CandorThreadRef *thread,
                                    GCancellable          *cancellable,
                                    GAsyncReadyCallback    callback,
                                    gpointer               user_data)
{
  CandorMatrixClient *self = CANDOR_MATRIX_CLIENT (client);
  CandorHttp    *http = candor_http_channel_client_get_http (CANDOR_HTTP_CHANNEL_CLIENT (self));
  CandorChannel *channel =
    candor_http_channel_client_get_channel (CANDOR_HTTP_CHANNEL_CLIENT (self));
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr (GHashTable) headers = make_headers (self);
  g_autoptr (JsonNode) content = make_content (rendition, thread);
  g_autofree char *room =
    g_uri_escape_string (candor_channel_get_setting (channel, "room-id"), NULL, FALSE);
  g_autofree char *txn = g_uri_escape_string (idempotency_key, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("rooms/%s/send/m.room.message/%s", room, txn);
  g_autofree char *url = make_url (self, path);
  g_autofree char *json = json_to_string (content, FALSE);
  gsize            length = strlen (json);
  g_autoptr (GBytes) body = g_bytes_new_take (g_steal_pointer (&json), length);

  g_task_set_source_tag (task, candor_matrix_client_publish_async);
  candor_http_send_async (http, "PUT", url, headers, body, "application/json", cancellable,
                          on_sent_cb, g_steal_pointer (&task));
}

static CandorPublishReceipt *
candor_matrix_client_publish_finish (CandorChannelClient *client,
                                     GAsyncResult        *result,
                                     GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
candor_matrix_client_is_idempotent (CandorChannelClient *client)
{
  return TRUE;
}

static gboolean
candor_matrix_client_initable_init (GInitable *initable, GCancellable *cancellable, GError **error)
{
  CandorMatrixClient *self = CANDOR_MATRIX_CLIENT (initable);
  const char    *secret = candor_http_channel_client_get_secret (CANDOR_HTTP_CHANNEL_CLIENT (self));
  CandorChannel *channel =
    candor_http_channel_client_get_channel (CANDOR_HTTP_CHANNEL_CLIENT (self));
  const char *homeserver = candor_channel_get_setting (channel, "homeserver");
  const char *room = candor_channel_get_setting (channel, "room-id");

  if (homeserver == NULL || *homeserver == '\0')
    {
      g_set_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED,
                   _("The channel “%s” has no homeserver address; set it in Preferences."),
                      candor_channel_get_name (channel));
      return FALSE;
    }
  if (room == NULL || *room == '\0')
    {
      g_set_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED,
                   _("The channel “%s” has no room ID; set it in Preferences."),
                      candor_channel_get_name (channel));
      return FALSE;
    }
  if (secret == NULL || *secret == '\0')
    {
      g_set_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED,
                   _("The channel “%s” has no access token; enter it in Preferences."),
                      candor_channel_get_name (channel));
      return FALSE;
    }

  return candor_http_check_url (homeserver, error);
}

static void
candor_matrix_client_initable_iface_init (GInitableIface *iface)
{
  iface->init = candor_matrix_client_initable_init;
}

static void
candor_matrix_client_channel_client_iface_init (CandorChannelClientInterface *iface)
{
  iface->test_async = candor_matrix_client_test_async;
  iface->test_finish = candor_matrix_client_test_finish;
  iface->publish_async = candor_matrix_client_publish_async;
  iface->publish_finish = candor_matrix_client_publish_finish;
  iface->is_idempotent = candor_matrix_client_is_idempotent;
}

static void
candor_matrix_client_class_init (CandorMatrixClientClass *klass)
{
}

static void
candor_matrix_client_init (CandorMatrixClient *self)
{
}
