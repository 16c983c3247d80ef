/* candor-slack-client.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-slack-client"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "candor-chat-util.h"
#include "candor-publish-error.h"
#include "candor-slack-client.h"

#define SERVICE         "Slack"
#define DEFAULT_API_URL "https://slack.com/api"
#define JSON_TYPE       "application/json; charset=utf-8"

struct _CandorSlackClient
{
  CandorHttpChannelClient parent_instance;

  gboolean bot; /* a Web API token, else a webhook's URL */
  char    *api_url;
};

static void candor_slack_client_initable_iface_init (GInitableIface *iface);
static void candor_slack_client_channel_client_iface_init (CandorChannelClientInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (
  CandorSlackClient,
  candor_slack_client,
  CANDOR_TYPE_HTTP_CHANNEL_CLIENT,
  G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, candor_slack_client_initable_iface_init)
    G_IMPLEMENT_INTERFACE (CANDOR_TYPE_CHANNEL_CLIENT,
                           candor_slack_client_channel_client_iface_init))

typedef struct
{
  char *ts;
  char *channel_id;
} PostData;

static void
post_data_free (PostData *data)
{
  g_free (data->ts);
  g_free (data->channel_id);
  g_free (data);
}

static GHashTable *
make_auth_headers (CandorSlackClient *self)
{
  const char *secret = candor_http_channel_client_get_secret (CANDOR_HTTP_CHANNEL_CLIENT (self));
  GHashTable *headers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_hash_table_insert (headers, (char *)"Authorization", g_strconcat ("Bearer ", secret, NULL));
  return headers;
}

static void
send_api (CandorSlackClient  *self,
          const char         *method,
          GBytes             *body,
          GCancellable       *cancellable,
          GAsyncReadyCallback callback,
          gpointer            user_data)
{
  CandorHttp *http = candor_http_channel_client_get_http (CANDOR_HTTP_CHANNEL_CLIENT (self));
  g_autoptr (GHashTable) headers = make_auth_headers (self);
  g_autofree char *url = g_strconcat (self->api_url, "/", method, NULL);

  candor_http_send_async (http, body != NULL ? "POST" : "GET", url, headers, body,
                          body != NULL ? JSON_TYPE : NULL, cancellable, callback, user_data);
}

/* The Web API answers its errors with HTTP 200 and {"ok": false, "error":
 * word}; the word is read as the status it stands for, so that it becomes
 * the same error as from any other service. Returns NULL when ok. */
static GError *
api_error (CandorHttpResponse *response, gpointer data)
{
  static const char *const refused[] = {
    "not_authed",
    "invalid_auth",
    "account_inactive",
    "token_revoked",
    "token_expired",
    "no_permission",
    "missing_scope",
    "not_allowed_token_type",
    "ekm_access_denied",
    "team_access_not_granted",
    NULL,
  };
  /* "It's possible some aspect of the operation succeeded before the error
   * was raised", in Slack's words. */
  static const char *const maybe_done[] = { "fatal_error", "internal_error", NULL };
  static const char *const unavailable[] = { "service_unavailable", "request_timeout", NULL };
  g_autoptr (CandorHttpResponse) as_status = NULL;
  JsonNode   *root;
  const char *error;
  guint       status;

  if (!candor_http_response_is_success (response))
    return candor_http_response_to_error (response, SERVICE,
                                          candor_chat_response_get_string (response, "error"));

  root = candor_http_response_get_json (response);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return candor_chat_unreadable_answer_error (SERVICE);
  if (json_object_get_boolean_member_with_default (json_node_get_object (root), "ok", FALSE))
    return NULL;

  error = candor_chat_response_get_string (response, "error");
  if (error == NULL)
    return candor_chat_unreadable_answer_error (SERVICE);

  if (g_strv_contains (maybe_done, error))
    return g_error_new (CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_UNKNOWN_OUTCOME,
                        /* Translators: %s is a service ("Slack"), then what it said. */
                        _("%s failed while taking the message (%s), so it may have been "
                          "posted. Check the channel before sending it again."),
                           SERVICE, error);

  if (g_strv_contains (refused, error))
    status = SOUP_STATUS_UNAUTHORIZED;
  else if (g_str_equal (error, "ratelimited"))
    status = 429;
  else if (g_strv_contains (unavailable, error))
    status = SOUP_STATUS_SERVICE_UNAVAILABLE;
  else
    status = SOUP_STATUS_BAD_REQUEST;

  as_status = candor_http_response_new (status, candor_http_response_get_headers (response),
                                        candor_http_response_get_body (response));
  return candor_http_response_to_error (as_status, SERVICE, error);
}

/* An incoming webhook answers in text/plain: "ok", or an error word. */
static GError *
webhook_error (CandorHttpResponse *response, gpointer data)
{
  g_autofree char *text = NULL;

  if (candor_http_response_is_success (response))
    return NULL;

  text = candor_chat_response_get_text (response);
  return candor_http_response_to_error (response, SERVICE, text);
}

/* "no_text" is Slack's answer to a webhook it knows, after checking its
 * secret, to a payload with nothing to post. */
static GError *
webhook_test_error (CandorHttpResponse *response, gpointer data)
{
  g_autofree char *text = candor_chat_response_get_text (response);

  if (candor_http_response_get_status (response) == SOUP_STATUS_BAD_REQUEST &&
      g_strcmp0 (text, "no_text") == 0)
    return NULL;

  return webhook_error (response, data);
}

/* The webhook answers "ok" and nothing more: no message to link to. */
static CandorPublishReceipt *
webhook_receipt (CandorHttpResponse *response, gpointer data, GError **error)
{
  return candor_chat_receipt_new (NULL, NULL);
}

static void
on_permalink_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  PostData *data = g_task_get_task_data (task);
  g_autoptr (CandorHttpResponse) response = NULL;
  g_autoptr (GError) error = NULL;
  const char *permalink = NULL;

  /* The message is posted whatever happens here: a missing link is only
   * logged. */
  response = candor_http_send_finish (CANDOR_HTTP (source), result, &error);
  if (response != NULL)
    error = api_error (response, NULL);
  if (error == NULL)
    permalink = candor_chat_response_get_string (response, "permalink");
  else
    g_debug ("No permalink for Slack message %s: %s", data->ts, error->message);

  g_task_return_pointer (task, candor_chat_receipt_new (data->ts, permalink),
                         (GDestroyNotify)candor_publish_receipt_free);
}

static void
on_post_message_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  CandorSlackClient *self = g_task_get_source_object (task);
  CandorHttp        *http = candor_http_channel_client_get_http (CANDOR_HTTP_CHANNEL_CLIENT (self));
  g_autoptr (CandorHttpResponse) response = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *query = NULL;
  g_autofree char *url = NULL;
  g_autoptr (GHashTable) headers = NULL;
  const char *ts;
  const char *channel_id;
  PostData   *data;

  response = candor_http_send_finish (CANDOR_HTTP (source), result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  error = api_error (response, NULL);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  ts = candor_chat_response_get_string (response, "ts");
  channel_id = candor_chat_response_get_string (response, "channel");
  if (ts == NULL || channel_id == NULL)
    {
      g_task_return_error (task, candor_chat_unreadable_answer_error (SERVICE));
      return;
    }

  data = g_new0 (PostData, 1);
  data->ts = g_strdup (ts);
  data->channel_id = g_strdup (channel_id);
  g_task_set_task_data (task, data, (GDestroyNotify)post_data_free);

  /* The "channel" setting may be a name; the link wants the id Slack
   * answered with. Cancelling now would only lose the link of a message
   * already posted, so the request takes no cancellable. */
  query = soup_form_encode ("channel", data->channel_id, "message_ts", data->ts, NULL);
  url = g_strconcat (self->api_url, "/chat.getPermalink?", query, NULL);
  headers = make_auth_headers (self);
  candor_http_send_async (http, "GET", url, headers, NULL, NULL, NULL, on_permalink_cb,
                          g_steal_pointer (&task));
}

static void
candor_slack_client_publish_async (CandorChannelClient   *client,
                                   CandorSentRendition   *rendition,
                                   const char            *idempotency_key,
                                   const CandorThreadRef *thread,
                                   GCancellable          *cancellable,
                                   GAsyncReadyCallback    callback,
                                   gpointer               user_data)
{
  CandorSlackClient *self = CANDOR_SLACK_CLIENT (client);
  CandorChannel     *channel =
    candor_http_channel_client_get_channel (CANDOR_HTTP_CHANNEL_CLIENT (self));
  CandorHttp *http = candor_http_channel_client_get_http (CANDOR_HTTP_CHANNEL_CLIENT (self));
  const char *secret = candor_http_channel_client_get_secret (CANDOR_HTTP_CHANNEL_CLIENT (self));
  g_autoptr (GTask) task = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GBytes) body = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, candor_slack_client_publish_async);

  /* Slack has no idempotency key: the outbox asks to verify instead. */
  json_builder_begin_object (builder);
  if (self->bot)
    {
      json_builder_set_member_name (builder, "channel");
      json_builder_add_string_value (builder, candor_channel_get_setting (channel, "channel"));
    }
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, rendition->body != NULL ? rendition->body : "");
  /* A status link's preview would push the message itself out of view. */
  json_builder_set_member_name (builder, "unfurl_links");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_set_member_name (builder, "unfurl_media");
  json_builder_add_boolean_value (builder, FALSE);
  if (self->bot && thread != NULL && thread->root_id != NULL)
    {
      json_builder_set_member_name (builder, "thread_ts");
      json_builder_add_string_value (builder, thread->root_id);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);

  if (self->bot)
    {
      body = candor_chat_json_to_bytes (root);
      send_api (self, "chat.postMessage", body, cancellable, on_post_message_cb,
                g_steal_pointer (&task));
    }
  else
    candor_chat_post_json_async (http, task, secret, NULL, root, webhook_error, webhook_receipt,
                                 self);
}

static CandorPublishReceipt *
candor_slack_client_publish_finish (CandorChannelClient *client,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  g_return_val_if_fail (
    g_task_get_source_tag (G_TASK (result)) == candor_slack_client_publish_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* A bot token is tested with auth.test. A webhook has no read-only call:
 * it is sent an empty payload, which Slack refuses without posting
 * anything, after it has checked the URL, its secret and TLS. */
static void
candor_slack_client_test_async (CandorChannelClient *client,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  CandorSlackClient *self = CANDOR_SLACK_CLIENT (client);
  CandorHttp        *http = candor_http_channel_client_get_http (CANDOR_HTTP_CHANNEL_CLIENT (self));
  const char *secret = candor_http_channel_client_get_secret (CANDOR_HTTP_CHANNEL_CLIENT (self));
  g_autoptr (GTask) task = NULL;
  g_autoptr (JsonNode) empty = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, candor_slack_client_test_async);

  if (self->bot)
    {
      g_autoptr (GHashTable) headers = make_auth_headers (self);
      g_autofree char *url = g_strconcat (self->api_url, "/auth.test", NULL);

      candor_chat_post_json_async (http, task, url, headers, NULL, api_error, NULL, self);
      return;
    }

  empty = json_from_string ("{}", NULL);
  candor_chat_post_json_async (http, task, secret, NULL, empty, webhook_test_error, NULL, self);
}

static gboolean
candor_slack_client_test_finish (CandorChannelClient *client, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == candor_slack_client_test_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static gboolean
candor_slack_client_initable_init (GInitable *initable, GCancellable *cancellable, GError **error)
{
  CandorSlackClient *self = CANDOR_SLACK_CLIENT (initable);
  CandorChannel     *channel =
    candor_http_channel_client_get_channel (CANDOR_HTTP_CHANNEL_CLIENT (self));
  const char *secret = candor_http_channel_client_get_secret (CANDOR_HTTP_CHANNEL_CLIENT (self));
  const char *name = candor_channel_get_name (channel);
  const char *api_url;

  if (secret == NULL || *secret == '\0')
    {
      g_set_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED,
                   /* Translators: %s is a channel's name. */
                   _("The channel “%s” has neither a bot token nor a webhook address in the "
                     "keyring. Add one in Preferences."),
                      name);
      return FALSE;
    }

  self->bot = g_str_has_prefix (secret, "xox");
  if (!self->bot)
    return candor_http_check_url (secret, error);

  if (candor_channel_get_setting (channel, "channel") == NULL)
    {
      g_set_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED,
                   /* Translators: %s is a channel's name; "channel" is a setting's key. */
                   _("The channel “%s” has a bot token but no Slack channel to post to. Set its "
                     "“channel” setting in Preferences."),
                      name);
      return FALSE;
    }

  api_url = candor_channel_get_setting (channel, "api_url");
  self->api_url = g_strdup (api_url != NULL ? api_url : DEFAULT_API_URL);
  /* So that "https://slack.com/api/" works as well. */
  if (g_str_has_suffix (self->api_url, "/"))
    self->api_url[strlen (self->api_url) - 1] = '\0';

  return candor_http_check_url (self->api_url, error);
}

static gboolean
candor_slack_client_is_idempotent (CandorChannelClient *client)
{
  return FALSE;
}

static void
candor_slack_client_finalize (GObject *object)
{
  CandorSlackClient *self = CANDOR_SLACK_CLIENT (object);

  g_free (self->api_url);

  G_OBJECT_CLASS (candor_slack_client_parent_class)->finalize (object);
}

static void
candor_slack_client_class_init (CandorSlackClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = candor_slack_client_finalize;
}

static void
candor_slack_client_init (CandorSlackClient *self)
{
}

static void
candor_slack_client_initable_iface_init (GInitableIface *iface)
{
  iface->init = candor_slack_client_initable_init;
}

static void
candor_slack_client_channel_client_iface_init (CandorChannelClientInterface *iface)
{
  iface->test_async = candor_slack_client_test_async;
  iface->test_finish = candor_slack_client_test_finish;
  iface->publish_async = candor_slack_client_publish_async;
  iface->publish_finish = candor_slack_client_publish_finish;
  iface->is_idempotent = candor_slack_client_is_idempotent;
}
