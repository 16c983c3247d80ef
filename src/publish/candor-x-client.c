/* candor-x-client.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-x-client"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "candor-chat-util.h"
#include "candor-oauth1.h"
#include "candor-publish-error.h"
#include "candor-secrets.h"
#include "candor-social-util.h"
#include "candor-x-client.h"

#define SERVICE         "X"
#define DEFAULT_API_URL "https://api.x.com"
/* X answers a rate limit with when its window resets (Unix seconds). */
#define RESET_HEADER "x-rate-limit-reset"

struct _CandorXClient
{
  CandorHttpChannelClient parent_instance;

  char *base; /* the API's URL without a trailing slash */
  char *consumer_key;
  char *consumer_secret;
  char *access_token;
  char *access_token_secret;
};

static void candor_x_client_initable_iface_init (GInitableIface *iface);
static void candor_x_client_channel_client_iface_init (CandorChannelClientInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CandorXClient,
                               candor_x_client,
                               CANDOR_TYPE_HTTP_CHANNEL_CLIENT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      candor_x_client_initable_iface_init)
                                 G_IMPLEMENT_INTERFACE (CANDOR_TYPE_CHANNEL_CLIENT,
                                                        candor_x_client_channel_client_iface_init))

static void
send_signed (CandorXClient      *self,
             const char         *method,
             const char         *path,
             JsonNode           *body,
             GCancellable       *cancellable,
             GAsyncReadyCallback callback,
             gpointer            user_data)
{
  CandorHttp      *http = candor_http_channel_client_get_http (CANDOR_HTTP_CHANNEL_CLIENT (self));
  g_autofree char *url = g_strconcat (self->base, path, NULL);
  CandorOAuth1Keys keys = { self->consumer_key, self->consumer_secret, self->access_token,
                            self->access_token_secret };
  g_autoptr (GHashTable) headers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr (GBytes) bytes = body != NULL ? candor_chat_json_to_bytes (body) : NULL;

  /* A JSON body is not part of the signature: only the URL and the oauth_ parameters. */
  g_hash_table_insert (headers, (gpointer) "Authorization",
                       candor_oauth1_authorization (method, url, NULL, &keys, NULL, 0));
  candor_http_send_async (http, method, url, headers, bytes,
                          body != NULL ? "application/json" : NULL, cancellable, callback,
                          user_data);
}

/* X's words for a failure: a problem's detail ({"title", "detail", "type"}),
 * or the first of its "errors". */
static const char *
problem_words (CandorHttpResponse *response)
{
  JsonNode   *root = candor_http_response_get_json (response);
  JsonObject *object;
  JsonNode   *errors;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  object = json_node_get_object (root);

  errors = json_object_get_member (object, "errors");
  if (errors != NULL && JSON_NODE_HOLDS_ARRAY (errors) &&
      json_array_get_length (json_node_get_array (errors)) > 0)
    {
      JsonNode *first = json_array_get_element (json_node_get_array (errors), 0);

      if (JSON_NODE_HOLDS_OBJECT (first) &&
          json_object_get_string_member_with_default (json_node_get_object (first), "message",
                                                      NULL) != NULL)
        return json_object_get_string_member (json_node_get_object (first), "message");
    }

  return json_object_get_string_member_with_default (
    object, "detail", json_object_get_string_member_with_default (object, "title", NULL));
}

static JsonObject *
finish (CandorXClient *self, GAsyncResult *result, GError **error)
{
  CandorHttp *http = candor_http_channel_client_get_http (CANDOR_HTTP_CHANNEL_CLIENT (self));
  g_autoptr (CandorHttpResponse) response = candor_http_send_finish (http, result, error);
  JsonNode *node;
  JsonNode *data = NULL;

  if (response == NULL)
    return NULL;

  if (!candor_http_response_is_success (response))
    {
      const char *words = problem_words (response);
      GError *failure = candor_social_response_to_error (response, SERVICE, words, RESET_HEADER);

      /* 403 is also X's answer to a post it will not take (the same text
       * twice): the message's fault, not the keys'. */
      if (candor_http_response_get_status (response) == SOUP_STATUS_FORBIDDEN && words != NULL &&
          strstr (words, "duplicate") != NULL)
        {
          g_clear_error (&failure);
          failure = g_error_new (CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REJECTED,
                                 /* Translators: %s is what X said. */
                                 _("X did not accept the post: %s. Change the text and publish "
                                   "again."),
                                    words);
        }
      g_propagate_error (error, failure);
      return NULL;
    }

  node = candor_http_response_get_json (response);
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    data = json_object_get_member (json_node_get_object (node), "data");
  if (data == NULL || !JSON_NODE_HOLDS_OBJECT (data) ||
      json_object_get_string_member_with_default (json_node_get_object (data), "id", NULL) == NULL)
    {
      g_propagate_error (error, candor_chat_unreadable_answer_error (SERVICE));
      return NULL;
    }

  return json_object_ref (json_node_get_object (data));
}

static void
on_me_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) me = finish (g_task_get_source_object (task), result, &error);

  if (me == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* GET /2/users/me proves the four keys and posts nothing. */
static void
candor_x_client_test_async (CandorChannelClient *client,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  CandorXClient *self = CANDOR_X_CLIENT (client);
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, candor_x_client_test_async);
  send_signed (self, "GET", "/2/users/me", NULL, cancellable, on_me_cb, g_steal_pointer (&task));
}

static gboolean
candor_x_client_test_finish (CandorChannelClient *client, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_tweet_posted_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) tweet = finish (g_task_get_source_object (task), result, &error);

  if (tweet == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&tweet), (GDestroyNotify)json_object_unref);
}

static void
post_tweet_async (GObject            *client,
                  JsonObject         *post,
                  guint               index,
                  const char         *parent,
                  gpointer            publication,
                  GCancellable       *cancellable,
                  GAsyncReadyCallback callback,
                  gpointer            user_data)
{
  CandorXClient *self = CANDOR_X_CLIENT (client);
  GTask         *task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) body = NULL;

  g_task_set_source_tag (task, post_tweet_async);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, json_object_get_string_member (post, "text"));
  if (parent != NULL)
    {
      json_builder_set_member_name (builder, "reply");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "in_reply_to_tweet_id");
      json_builder_add_string_value (builder, parent);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  send_signed (self, "POST", "/2/tweets", body, cancellable, on_tweet_posted_cb, task);
}

static char *
post_tweet_finish (GObject *client, GAsyncResult *result, char **url, GError **error)
{
  g_autoptr (JsonObject) tweet = g_task_propagate_pointer (G_TASK (result), error);
  const char *id;

  if (tweet == NULL)
    return NULL;

  id = json_object_get_string_member (tweet, "id");
  /* This form of the link needs no user name, which would cost a request. */
  *url = g_strdup_printf ("https://x.com/i/web/status/%s", id);
  return g_strdup (id);
}

/* X takes no idempotency key: the outbox asks to verify after a crash. */
static void
candor_x_client_publish_async (CandorChannelClient   *client,
                               CandorSentRendition   *rendition,
                               const char            *idempotency_key,
                               const CandorThreadRef *thread,
                               GCancellable          *cancellable,
                               GAsyncReadyCallback    callback,
                               gpointer               user_data)
{
  CandorXClient *self = CANDOR_X_CLIENT (client);
  GTask         *task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr (GPtrArray) posts = candor_social_read_posts (rendition);

  g_task_set_source_tag (task, candor_x_client_publish_async);
  candor_social_post_thread_async (
    G_OBJECT (self), SERVICE, FALSE, posts, candor_social_thread_parent (thread), post_tweet_async,
    post_tweet_finish, NULL, cancellable, candor_social_complete_task_cb, task);
}

static CandorPublishReceipt *
candor_x_client_publish_finish (CandorChannelClient *client, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
candor_x_client_initable_init (GInitable *initable, GCancellable *cancellable, GError **error)
{
  CandorXClient *self = CANDOR_X_CLIENT (initable);
  const char    *secret = candor_http_channel_client_get_secret (CANDOR_HTTP_CHANNEL_CLIENT (self));
  CandorChannel *channel =
    candor_http_channel_client_get_channel (CANDOR_HTTP_CHANNEL_CLIENT (self));
  const char *api_url = candor_channel_get_setting (channel, "api-url");

  self->consumer_key = candor_secrets_get_part (secret, CANDOR_X_SECRET_CONSUMER_KEY);
  self->consumer_secret = candor_secrets_get_part (secret, CANDOR_X_SECRET_CONSUMER_SECRET);
  self->access_token = candor_secrets_get_part (secret, CANDOR_X_SECRET_ACCESS_TOKEN);
  self->access_token_secret = candor_secrets_get_part (secret, CANDOR_X_SECRET_ACCESS_TOKEN_SECRET);

  if (self->consumer_key == NULL || *self->consumer_key == '\0' || self->consumer_secret == NULL ||
      *self->consumer_secret == '\0' || self->access_token == NULL || *self->access_token == '\0' ||
      self->access_token_secret == NULL || *self->access_token_secret == '\0')
    {
      g_set_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED,
                   _("The channel “%s” needs the four keys of your own X developer app (API "
                     "key and secret, access token and secret); enter them in Preferences."),
                      candor_channel_get_name (channel));
      return FALSE;
    }

  self->base = g_strdup (api_url != NULL && *api_url != '\0' ? api_url : DEFAULT_API_URL);
  while (g_str_has_suffix (self->base, "/"))
    self->base[strlen (self->base) - 1] = '\0';

  return candor_http_check_url (self->base, error);
}

static void
candor_x_client_initable_iface_init (GInitableIface *iface)
{
  iface->init = candor_x_client_initable_init;
}

static void
candor_x_client_channel_client_iface_init (CandorChannelClientInterface *iface)
{
  iface->test_async = candor_x_client_test_async;
  iface->test_finish = candor_x_client_test_finish;
  iface->publish_async = candor_x_client_publish_async;
  iface->publish_finish = candor_x_client_publish_finish;
}

static void
candor_x_client_finalize (GObject *object)
{
  CandorXClient *self = CANDOR_X_CLIENT (object);

  g_clear_pointer (&self->consumer_key, secret_password_free);
  g_clear_pointer (&self->consumer_secret, secret_password_free);
  g_clear_pointer (&self->access_token, secret_password_free);
  g_clear_pointer (&self->access_token_secret, secret_password_free);
  g_clear_pointer (&self->base, g_free);

  G_OBJECT_CLASS (candor_x_client_parent_class)->finalize (object);
}

static void
candor_x_client_class_init (CandorXClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = candor_x_client_finalize;
}

static void
candor_x_client_init (CandorXClient *self)
{
}
