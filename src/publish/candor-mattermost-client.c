/* candor-mattermost-client.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-mattermost-client"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "candor-chat-util.h"
#include "candor-publish-error.h"
#include "candor-mattermost-client.h"

#define SERVICE "Mattermost"

struct _CandorMattermostClient
{
  CandorHttpChannelClient parent_instance;
};

static void candor_mattermost_client_initable_iface_init (GInitableIface *iface);
static void
candor_mattermost_client_channel_client_iface_init (CandorChannelClientInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (
  CandorMattermostClient,
  candor_mattermost_client,
  CANDOR_TYPE_HTTP_CHANNEL_CLIENT,
  G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, candor_mattermost_client_initable_iface_init)
    G_IMPLEMENT_INTERFACE (CANDOR_TYPE_CHANNEL_CLIENT,
                           candor_mattermost_client_channel_client_iface_init))

/* Mattermost answers "ok" in text, its errors as an AppError in JSON
 * ({"id": ..., "message": ...}) and its rate limit in text. An unknown or
 * disabled webhook comes as a 400 but is a refused credential. */
static GError *
response_error (CandorHttpResponse *response, gpointer data)
{
  static const char *const refused[] = {
    "web.incoming_webhook.invalid.app_error",
    "web.incoming_webhook.disabled.app_error",
    NULL,
  };
  const char      *id = candor_chat_response_get_string (response, "id");
  const char      *message = candor_chat_response_get_string (response, "message");
  g_autofree char *text = NULL;

  if (candor_http_response_is_success (response))
    return NULL;

  if (id != NULL && g_strv_contains (refused, id))
    {
      g_autoptr (CandorHttpResponse) as_status = candor_http_response_new (
        SOUP_STATUS_UNAUTHORIZED, candor_http_response_get_headers (response),
        candor_http_response_get_body (response));

      return candor_http_response_to_error (as_status, SERVICE, message);
    }

  if (message != NULL)
    return candor_http_response_to_error (response, SERVICE, message);

  text = candor_chat_response_get_text (response);
  return candor_http_response_to_error (response, SERVICE, text);
}

/* The webhook answers "ok" and nothing more: no message to link to. */
static CandorPublishReceipt *
read_receipt (CandorHttpResponse *response, gpointer data, GError **error)
{
  return candor_chat_receipt_new (NULL, NULL);
}

static void
candor_mattermost_client_publish_async (CandorChannelClient   *client,
                                        CandorSentRendition   *rendition,
                                        const char            *idempotency_key,
                                        const CandorThreadRef *thread,
                                        GCancellable          *cancellable,
                                        GAsyncReadyCallback    callback,
                                        gpointer               user_data)
{
  CandorMattermostClient *self = CANDOR_MATTERMOST_CLIENT (client);
  CandorHttp *http = candor_http_channel_client_get_http (CANDOR_HTTP_CHANNEL_CLIENT (self));
  const char *secret = candor_http_channel_client_get_secret (CANDOR_HTTP_CHANNEL_CLIENT (self));
  g_autoptr (GTask) task = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, candor_mattermost_client_publish_async);

  /* The dialect already defuses @channel, @all and @here in the text. */
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, rendition->body != NULL ? rendition->body : "");
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  candor_chat_post_json_async (http, task, secret, NULL, root, response_error, read_receipt, self);
}

static CandorPublishReceipt *
candor_mattermost_client_publish_finish (CandorChannelClient *client,
                                         GAsyncResult        *result,
                                         GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  g_return_val_if_fail (
    g_task_get_source_tag (G_TASK (result)) == candor_mattermost_client_publish_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static GError *
test_error (CandorHttpResponse *response, gpointer data)
{
  /* "No text specified" comes after the webhook was found and enabled. */
  if (g_strcmp0 (candor_chat_response_get_string (response, "id"),
                 "web.incoming_webhook.text.app_error") == 0)
    return NULL;

  return response_error (response, data);
}

/* A webhook has no read-only call: it is sent a post with no text, which
 * Mattermost refuses without posting anything once it has checked the
 * webhook and TLS. */
static void
candor_mattermost_client_test_async (CandorChannelClient *client,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  CandorMattermostClient *self = CANDOR_MATTERMOST_CLIENT (client);
  CandorHttp *http = candor_http_channel_client_get_http (CANDOR_HTTP_CHANNEL_CLIENT (self));
  const char *secret = candor_http_channel_client_get_secret (CANDOR_HTTP_CHANNEL_CLIENT (self));
  g_autoptr (GTask) task = NULL;
  g_autoptr (JsonNode) empty = json_from_string ("{}", NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, candor_mattermost_client_test_async);

  candor_chat_post_json_async (http, task, secret, NULL, empty, test_error, NULL, self);
}

static gboolean
candor_mattermost_client_test_finish (CandorChannelClient *client,
                                      GAsyncResult        *result,
                                      GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), FALSE);
  g_return_val_if_fail (
    g_task_get_source_tag (G_TASK (result)) == candor_mattermost_client_test_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static gboolean
candor_mattermost_client_initable_init (GInitable    *initable,
                                        GCancellable *cancellable,
                                        GError      **error)
{
  CandorMattermostClient *self = CANDOR_MATTERMOST_CLIENT (initable);
  CandorChannel          *channel =
    candor_http_channel_client_get_channel (CANDOR_HTTP_CHANNEL_CLIENT (self));
  const char *secret = candor_http_channel_client_get_secret (CANDOR_HTTP_CHANNEL_CLIENT (self));

  if (secret == NULL || *secret == '\0')
    {
      g_set_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED,
                   /* Translators: %s is a channel's name. */
                   _("The channel “%s” has no webhook address in the keyring. Add it in "
                     "Preferences."),
                      candor_channel_get_name (channel));
      return FALSE;
    }

  return candor_http_check_url (secret, error);
}

static gboolean
candor_mattermost_client_is_idempotent (CandorChannelClient *client)
{
  /* The webhook takes no idempotency key: the outbox asks to verify instead. */
  return FALSE;
}

static void
candor_mattermost_client_class_init (CandorMattermostClientClass *klass)
{
}

static void
candor_mattermost_client_init (CandorMattermostClient *self)
{
}

static void
candor_mattermost_client_initable_iface_init (GInitableIface *iface)
{
  iface->init = candor_mattermost_client_initable_init;
}

static void
candor_mattermost_client_channel_client_iface_init (CandorChannelClientInterface *iface)
{
  iface->test_async = candor_mattermost_client_test_async;
  iface->test_finish = candor_mattermost_client_test_finish;
  iface->publish_async = candor_mattermost_client_publish_async;
  iface->publish_finish = candor_mattermost_client_publish_finish;
  iface->is_idempotent = candor_mattermost_client_is_idempotent;
}
