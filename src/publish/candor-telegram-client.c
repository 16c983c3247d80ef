/* candor-telegram-client.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-telegram-client"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "candor-publish-error.h"
#include "candor-telegram-client.h"

#define SERVICE         "Telegram"
#define DEFAULT_API_URL "https://api.telegram.org"

struct _CandorTelegramClient
{
  CandorHttpChannelClient parent_instance;
};

static void candor_telegram_client_initable_iface_init (GInitableIface *iface);
static void candor_telegram_client_channel_client_iface_init (CandorChannelClientInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (
  CandorTelegramClient,
  candor_telegram_client,
  CANDOR_TYPE_HTTP_CHANNEL_CLIENT,
  G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, candor_telegram_client_initable_iface_init)
    G_IMPLEMENT_INTERFACE (CANDOR_TYPE_CHANNEL_CLIENT,
                           candor_telegram_client_channel_client_iface_init))

/* A node holding @object, which it takes. */
static JsonNode *
object_node_take (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

/* The messages of one publication, sent one after another. */
typedef struct
{
  GStrv  messages;
  guint  next;
  gint64 reply_to; /* 0: none */
  gint64 first_id;
  char  *username; /* the public channel's, for links */
} PublishData;

static void
publish_data_free (PublishData *data)
{
  g_strfreev (data->messages);
  g_free (data->username);
  g_free (data);
}

static const char *
get_api_url (CandorTelegramClient *self)
{
  CandorChannel *channel =
    candor_http_channel_client_get_channel (CANDOR_HTTP_CHANNEL_CLIENT (self));
  const char *api_url = candor_channel_get_setting (channel, "api-url");

  return api_url != NULL && *api_url != '\0' ? api_url : DEFAULT_API_URL;
}

/* The token is part of the method's URL, which is why no error message or
 * log line ever quotes a URL of this client. */
static void
call_method (CandorTelegramClient *self,
             const char           *method,
             JsonObject           *arguments,
             GCancellable         *cancellable,
             GAsyncReadyCallback   callback,
             gpointer              user_data)
{
  CandorHttp *http = candor_http_channel_client_get_http (CANDOR_HTTP_CHANNEL_CLIENT (self));
  const char *secret = candor_http_channel_client_get_secret (CANDOR_HTTP_CHANNEL_CLIENT (self));
  g_autofree char *base = g_strdup (get_api_url (self));
  g_autofree char *url = NULL;
  g_autoptr (JsonNode) node = object_node_take (arguments);
  g_autofree char *json = json_to_string (node, FALSE);
  gsize            length = strlen (json);
  g_autoptr (GBytes) body = g_bytes_new_take (g_steal_pointer (&json), length);

  while (g_str_has_suffix (base, "/"))
    base[strlen (base) - 1] = '\0';
  url = g_strdup_printf ("%s/bot%s/%s", base, secret, method);

  candor_http_send_async (http, "POST", url, NULL, body, "application/json", cancellable, callback,
                          user_data);
}

/* The "result" of a successful answer, or the error in Telegram's words
 * ({"ok": false, "description", "parameters": {"retry_after"}}). */
static JsonObject *
finish_method (CandorTelegramClient *self, GAsyncResult *result, GError **error)
{
  CandorHttp *http = candor_http_channel_client_get_http (CANDOR_HTTP_CHANNEL_CLIENT (self));
  g_autoptr (CandorHttpResponse) response = NULL;
  JsonNode   *node;
  JsonObject *object = NULL;

  response = candor_http_send_finish (http, result, error);
  if (response == NULL)
    return NULL;

  node = candor_http_response_get_json (response);
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    object = json_node_get_object (node);

  if (!candor_http_response_is_success (response) || object == NULL ||
      !json_object_get_boolean_member_with_default (object, "ok", FALSE))
    {
      const char *words =
        object != NULL ? json_object_get_string_member_with_default (object, "description", NULL)
                       : NULL;
      JsonNode *parameters = object != NULL ? json_object_get_member (object, "parameters") : NULL;
      GError   *failure = candor_http_response_to_error (response, SERVICE, words);

      if (parameters != NULL && JSON_NODE_HOLDS_OBJECT (parameters))
        {
          gint64 seconds = json_object_get_int_member_with_default (
            json_node_get_object (parameters), "retry_after", 0);

          if (seconds > 0)
            candor_publish_error_set_retry_after (failure, seconds * G_USEC_PER_SEC);
        }

      g_propagate_error (error, failure);
      return NULL;
    }

  node = json_object_get_member (object, "result");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_UNKNOWN_OUTCOME,
                   _("Telegram answered without a result; check the chat before sending the "
                     "message again."));
      return NULL;
    }

  return json_object_ref (json_node_get_object (node));
}

/* chat_id as Telegram takes it: "@name" as text, a chat's number as a number. */
static void
set_chat_id (CandorTelegramClient *self, JsonObject *arguments)
{
  CandorChannel *channel =
    candor_http_channel_client_get_channel (CANDOR_HTTP_CHANNEL_CLIENT (self));
  const char *chat_id = candor_channel_get_setting (channel, "chat-id");
  char       *end;
  gint64      number = g_ascii_strtoll (chat_id, &end, 10);

  if (*chat_id != '\0' && *end == '\0')
    json_object_set_int_member (arguments, "chat_id", number);
  else
    json_object_set_string_member (arguments, "chat_id", chat_id);
}

static void
on_get_chat_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) chat = NULL;

  chat = finish_method (g_task_get_source_object (task), result, &error);
  if (chat == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_get_me_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  CandorTelegramClient *self = g_task_get_source_object (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) me = NULL;
  JsonObject   *arguments;
  GCancellable *cancellable;

  me = finish_method (self, result, &error);
  if (me == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  cancellable = g_task_get_cancellable (task);
  arguments = json_object_new ();
  set_chat_id (self, arguments);
  call_method (self, "getChat", arguments, cancellable, on_get_chat_cb, g_steal_pointer (&task));
}

/* getMe proves the token, getChat that the bot can see the chat; neither
 * posts anything. */
static void
candor_telegram_client_test_async (CandorChannelClient *client,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  CandorTelegramClient *self = CANDOR_TELEGRAM_CLIENT (client);
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, candor_telegram_client_test_async);
  call_method (self, "getMe", json_object_new (), cancellable, on_get_me_cb,
               g_steal_pointer (&task));
}

static gboolean
candor_telegram_client_test_finish (CandorChannelClient *client,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The Telegram dialect's messages ({"messages": [...]}), or the text as one. */
static GStrv
read_messages (CandorSentRendition *rendition)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr (JsonNode) node = NULL;
  JsonNode *messages = NULL;

  if (rendition->json != NULL)
    node = json_from_string (rendition->json, NULL);
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    messages = json_object_get_member (json_node_get_object (node), "messages");

  if (messages != NULL && JSON_NODE_HOLDS_ARRAY (messages))
    {
      JsonArray *array = json_node_get_array (messages);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *text = json_array_get_string_element (array, i);

          if (text != NULL && *text != '\0')
            g_strv_builder_add (builder, text);
        }
    }
  else
    g_strv_builder_add (builder, rendition->body);

  return g_strv_builder_end (builder);
}

static void send_next (GTask *task);

static void
on_message_sent_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  CandorTelegramClient *self = g_task_get_source_object (task);
  PublishData          *data = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) message = NULL;
  gint64 message_id;

  message = finish_method (self, result, &error);
  if (message == NULL)
    {
      /* Part of the thread is out: sending it all again would post those
       * parts twice, so the publication is one to verify, not to retry. */
      if (data->next > 0)
        {
          GError *partial = g_error_new (
            CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_UNKNOWN_OUTCOME,
            /* Translators: "2 of 3" messages, then the error that stopped the rest */
            _("Telegram took %u of %u messages of the thread, then: %s Check the chat and "
              "send the rest by hand."),
               data->next, g_strv_length (data->messages), error->message);

          g_clear_error (&error);
          error = partial;
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  message_id = json_object_get_int_member_with_default (message, "message_id", 0);
  if (data->next == 0)
    {
      JsonNode *chat = json_object_get_member (message, "chat");

      data->first_id = message_id;
      if (chat != NULL && JSON_NODE_HOLDS_OBJECT (chat))
        data->username = g_strdup (json_object_get_string_member_with_default (
          json_node_get_object (chat), "username", NULL));
    }
  data->reply_to = message_id;
  data->next++;

  if (data->messages[data->next] != NULL)
    {
      send_next (g_steal_pointer (&task));
      return;
    }

  {
    CandorPublishReceipt *receipt = g_new0 (CandorPublishReceipt, 1);

    /* Follow-ups reply to the last message, so the thread reads in order;
     * the link opens the first, where a reader starts. */
    receipt->remote_id = g_strdup_printf ("%" G_GINT64_FORMAT, data->reply_to);
    if (data->username != NULL)
      receipt->remote_url =
        g_strdup_printf ("https://t.me/%s/%" G_GINT64_FORMAT, data->username, data->first_id);
    g_task_return_pointer (task, receipt, (GDestroyNotify)candor_publish_receipt_free);
  }
}

static void
send_next (GTask *task)
{
  CandorTelegramClient *self = g_task_get_source_object (task);
  PublishData          *data = g_task_get_task_data (task);
  JsonObject           *arguments = json_object_new ();
  JsonObject           *no_preview = json_object_new ();

  set_chat_id (self, arguments);
  json_object_set_string_member (arguments, "text", data->messages[data->next]);
  json_object_set_string_member (arguments, "parse_mode", "HTML");
  json_object_set_boolean_member (no_preview, "is_disabled", TRUE);
  json_object_set_object_member (arguments, "link_preview_options", no_preview);
  if (data->reply_to != 0)
    {
      JsonObject *reply = json_object_new ();

      json_object_set_int_member (reply, "message_id", data->reply_to);
      /* The thread goes on even if someone deleted the message replied to. */
      json_object_set_boolean_member (reply, "allow_sending_without_reply", TRUE);
      json_object_set_object_member (arguments, "reply_parameters", reply);
    }

  call_method (self, "sendMessage", arguments, g_task_get_cancellable (task), on_message_sent_cb,
               task);
}

/* Telegram has no idempotency key: the outbox asks to verify after a crash. */
static void
candor_telegram_client_publish_async (CandorChannelClient   *client,
                                      CandorSentRendition   *rendition,
                                      const char            *idempotency_key,
                                      const CandorThreadRef *thread,
                                      GCancellable          *cancellable,
                                      GAsyncReadyCallback    callback,
                                      gpointer               user_data)
{
  CandorTelegramClient *self = CANDOR_TELEGRAM_CLIENT (client);
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  PublishData *data = g_new0 (PublishData, 1);
  const char  *reply_to = NULL;

  g_task_set_source_tag (task, candor_telegram_client_publish_async);
  g_task_set_task_data (task, data, (GDestroyNotify)publish_data_free);
  data->messages = read_messages (rendition);

  if (thread != NULL)
    reply_to = thread->last_id != NULL ? thread->last_id : thread->root_id;
  if (reply_to != NULL)
    data->reply_to = g_ascii_strtoll (reply_to, NULL, 10);

  if (data->messages[0] == NULL)
    {
      g_task_return_new_error (
        task, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REJECTED,
        _("The message for Telegram is empty; write it before publishing."));
      return;
    }

  send_next (g_steal_pointer (&task));
}

static CandorPublishReceipt *
candor_telegram_client_publish_finish (CandorChannelClient *client,
                                       GAsyncResult        *result,
                                       GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
candor_telegram_client_initable_init (GInitable    *initable,
                                      GCancellable *cancellable,
                                      GError      **error)
{
  CandorTelegramClient *self = CANDOR_TELEGRAM_CLIENT (initable);
  const char    *secret = candor_http_channel_client_get_secret (CANDOR_HTTP_CHANNEL_CLIENT (self));
  CandorChannel *channel =
    candor_http_channel_client_get_channel (CANDOR_HTTP_CHANNEL_CLIENT (self));
  const char *chat_id = candor_channel_get_setting (channel, "chat-id");

  if (chat_id == NULL || *chat_id == '\0')
    {
      g_set_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED,
                   _("The channel “%s” has no chat ID; set it in Preferences."),
                      candor_channel_get_name (channel));
      return FALSE;
    }
  if (secret == NULL || *secret == '\0')
    {
      g_set_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED,
                   _("The channel “%s” has no bot token; enter it in Preferences."),
                      candor_channel_get_name (channel));
      return FALSE;
    }

  return candor_http_check_url (get_api_url (self), error);
}

static void
candor_telegram_client_initable_iface_init (GInitableIface *iface)
{
  iface->init = candor_telegram_client_initable_init;
}

static void
candor_telegram_client_channel_client_iface_init (CandorChannelClientInterface *iface)
{
  iface->test_async = candor_telegram_client_test_async;
  iface->test_finish = candor_telegram_client_test_finish;
  iface->publish_async = candor_telegram_client_publish_async;
  iface->publish_finish = candor_telegram_client_publish_finish;
}

static void
candor_telegram_client_class_init (CandorTelegramClientClass *klass)
{
}

static void
candor_telegram_client_init (CandorTelegramClient *self)
{
}
