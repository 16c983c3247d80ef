/* candor-mastodon-client.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-mastodon-client"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "candor-chat-util.h"
#include "candor-mastodon-client.h"
#include "candor-publish-error.h"
#include "candor-social-thread.h"
#include "candor-social-util.h"

#define SERVICE "Mastodon"
/* Mastodon answers a rate limit with when its window resets, not Retry-After. */
#define RESET_HEADER "X-RateLimit-Reset"

struct _CandorMastodonClient
{
  CandorHttpChannelClient parent_instance;

  char *base; /* the instance's URL without a trailing slash */
};

static void candor_mastodon_client_initable_iface_init (GInitableIface *iface);
static void candor_mastodon_client_channel_client_iface_init (CandorChannelClientInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (
  CandorMastodonClient,
  candor_mastodon_client,
  CANDOR_TYPE_HTTP_CHANNEL_CLIENT,
  G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, candor_mastodon_client_initable_iface_init)
    G_IMPLEMENT_INTERFACE (CANDOR_TYPE_CHANNEL_CLIENT,
                           candor_mastodon_client_channel_client_iface_init))

static const char *const visibilities[] = { "public", "unlisted", "private", "direct", NULL };

/* One publication: the rendition, its key, and where the thread goes on. */
typedef struct
{
  CandorSentRendition *rendition;
  char                *idempotency_key;
  char                *parent;
} PublishData;

static void
publish_data_free (PublishData *data)
{
  g_free (data->idempotency_key);
  g_free (data->parent);
  g_free (data);
}

static const char *
get_visibility (CandorMastodonClient *self)
{
  CandorChannel *channel =
    candor_http_channel_client_get_channel (CANDOR_HTTP_CHANNEL_CLIENT (self));
  const char *visibility = candor_channel_get_setting (channel, "visibility");

  return visibility != NULL && *visibility != '\0' ? visibility : "public";
}

static GHashTable *
auth_headers (CandorMastodonClient *self, const char *idempotency_key)
{
  const char *secret = candor_http_channel_client_get_secret (CANDOR_HTTP_CHANNEL_CLIENT (self));
  GHashTable *headers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_hash_table_insert (headers, (gpointer) "Authorization", g_strconcat ("Bearer ", secret, NULL));
  if (idempotency_key != NULL)
    g_hash_table_insert (headers, (gpointer) "Idempotency-Key", g_strdup (idempotency_key));

  return headers;
}

static void
send (CandorMastodonClient *self,
      const char           *method,
      const char           *path,
      GHashTable           *headers,
      JsonNode             *body,
      GCancellable         *cancellable,
      GAsyncReadyCallback   callback,
      gpointer              user_data)
{
  CandorHttp      *http = candor_http_channel_client_get_http (CANDOR_HTTP_CHANNEL_CLIENT (self));
  g_autofree char *url = g_strconcat (self->base, path, NULL);
  g_autoptr (GBytes) bytes = body != NULL ? candor_chat_json_to_bytes (body) : NULL;

  candor_http_send_async (http, method, url, headers, bytes,
                          body != NULL ? "application/json" : NULL, cancellable, callback,
                          user_data);
}

/* The answer's JSON object when it is a success, else NULL and the error in
 * Mastodon's words ({"error": "..."}). */
static JsonObject *
finish (CandorMastodonClient *self, GAsyncResult *result, GError **error)
{
  CandorHttp *http = candor_http_channel_client_get_http (CANDOR_HTTP_CHANNEL_CLIENT (self));
  g_autoptr (CandorHttpResponse) response = candor_http_send_finish (http, result, error);
  JsonNode *node;

  if (response == NULL)
    return NULL;

  if (!candor_http_response_is_success (response))
    {
      g_propagate_error (
        error, candor_social_response_to_error (response, SERVICE,
                                                candor_chat_response_get_string (response, "error"),
                                                RESET_HEADER));
      return NULL;
    }

  node = candor_http_response_get_json (response);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_propagate_error (error, candor_chat_unreadable_answer_error (SERVICE));
      return NULL;
    }

  return json_object_ref (json_node_get_object (node));
}

static void
on_verified_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) account = finish (g_task_get_source_object (task), result, &error);

  if (account == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* verify_credentials proves the token and posts nothing. */
static void
candor_mastodon_client_test_async (CandorChannelClient *client,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  CandorMastodonClient *self = CANDOR_MASTODON_CLIENT (client);
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr (GHashTable) headers = auth_headers (self, NULL);

  g_task_set_source_tag (task, candor_mastodon_client_test_async);
  send (self, "GET", "/api/v1/accounts/verify_credentials", headers, NULL, cancellable,
        on_verified_cb, g_steal_pointer (&task));
}

static gboolean
candor_mastodon_client_test_finish (CandorChannelClient *client,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_status_posted_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) status = finish (g_task_get_source_object (task), result, &error);

  if (status == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (json_object_get_string_member_with_default (status, "id", NULL) == NULL)
    g_task_return_error (task, candor_chat_unreadable_answer_error (SERVICE));
  else
    g_task_return_pointer (task, g_steal_pointer (&status), (GDestroyNotify)json_object_unref);
}

/* One status. Each part has its own key, derived from the publication's, so
 * a retry of the whole thread gets every part already made back instead of
 * posting it again (Mastodon keeps a key for an hour). */
static void
post_status_async (GObject            *client,
                   JsonObject         *post,
                   guint               index,
                   const char         *parent,
                   gpointer            publication,
                   GCancellable       *cancellable,
                   GAsyncReadyCallback callback,
                   gpointer            user_data)
{
  CandorMastodonClient *self = CANDOR_MASTODON_CLIENT (client);
  GTask                *task = g_task_new (self, cancellable, callback, user_data);
  PublishData          *data = publication;
  g_autofree char      *key = index == 0 ? g_strdup (data->idempotency_key)
                                         : g_strdup_printf ("%s-%u", data->idempotency_key, index + 1);
  g_autoptr (GHashTable) headers = auth_headers (self, key);
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) body = NULL;

  g_task_set_source_tag (task, post_status_async);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, json_object_get_string_member (post, "text"));
  json_builder_set_member_name (builder, "visibility");
  json_builder_add_string_value (builder, get_visibility (self));
  if (data->rendition->language != NULL && *data->rendition->language != '\0')
    {
      json_builder_set_member_name (builder, "language");
      json_builder_add_string_value (builder, data->rendition->language);
    }
  if (parent != NULL)
    {
      json_builder_set_member_name (builder, "in_reply_to_id");
      json_builder_add_string_value (builder, parent);
    }
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  send (self, "POST", "/api/v1/statuses", headers, body, cancellable, on_status_posted_cb, task);
}

static char *
post_status_finish (GObject *client, GAsyncResult *result, char **url, GError **error)
{
  g_autoptr (JsonObject) status = g_task_propagate_pointer (G_TASK (result), error);

  if (status == NULL)
    return NULL;

  *url = g_strdup (json_object_get_string_member_with_default (status, "url", NULL));
  return g_strdup (json_object_get_string_member (status, "id"));
}

/* The posts cut again for an instance whose limit is not Mastodon's usual
 * 500 characters (many allow more, some fewer). */
static GPtrArray *
split_for_instance (CandorSentRendition *rendition, guint limit)
{
  g_autoptr (CandorSocialThread) thread = candor_social_thread_new_with_limit (
    CANDOR_DIALECT_MASTODON, rendition->body, rendition->language, limit);
  GPtrArray *posts = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);

  for (guint i = 0; i < candor_social_thread_get_n_posts (thread); i++)
    {
      JsonObject *post = json_object_new ();

      json_object_set_string_member (post, "text", candor_social_thread_get_post (thread, i)->text);
      g_ptr_array_add (posts, post);
    }

  return posts;
}

static void
on_instance_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask                *task = user_data;
  CandorMastodonClient *self = g_task_get_source_object (task);
  PublishData          *data = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) instance = finish (self, result, &error);
  g_autoptr (GPtrArray) posts = candor_social_read_posts (data->rendition);
  gint64 limit = 0;

  /* Without the instance's word (an old server, one that hides it), the
   * posts stay as the preview showed them; without a connection, nothing
   * was sent and the publication waits as any other would. */
  if (instance == NULL &&
      !g_error_matches (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REJECTED) &&
      !g_error_matches (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REFUSED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  if (instance != NULL)
    {
      JsonNode *node = json_object_get_member (instance, "configuration");

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        node = json_object_get_member (json_node_get_object (node), "statuses");
      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        limit = json_object_get_int_member_with_default (json_node_get_object (node),
                                                         "max_characters", 0);
    }

  if (limit > 0 && limit != candor_social_network_get_limit (CANDOR_DIALECT_MASTODON))
    {
      g_ptr_array_unref (posts);
      posts = split_for_instance (data->rendition, (guint)limit);
    }

  candor_social_post_thread_async (
    G_OBJECT (self), SERVICE, TRUE, posts, data->parent, post_status_async, post_status_finish,
    data, g_task_get_cancellable (task), candor_social_complete_task_cb, task);
}

static void
candor_mastodon_client_publish_async (CandorChannelClient   *client,
                                      CandorSentRendition   *rendition,
                                      const char            *idempotency_key,
                                      const CandorThreadRef *thread,
                                      GCancellable          *cancellable,
                                      GAsyncReadyCallback    callback,
                                      gpointer               user_data)
{
  CandorMastodonClient *self = CANDOR_MASTODON_CLIENT (client);
  GTask                *task = g_task_new (self, cancellable, callback, user_data);
  PublishData          *data = g_new0 (PublishData, 1);
  g_autoptr (GHashTable) headers = NULL;

  g_task_set_source_tag (task, candor_mastodon_client_publish_async);
  g_task_set_task_data (task, data, (GDestroyNotify)publish_data_free);
  /* The rendition outlives the publication: the publisher holds it. */
  data->rendition = rendition;
  data->idempotency_key = g_strdup (idempotency_key);
  data->parent = g_strdup (candor_social_thread_parent (thread));

  /* With the token: an instance in limited federation mode shows itself
   * only to its users. */
  headers = auth_headers (self, NULL);
  send (self, "GET", "/api/v2/instance", headers, NULL, cancellable, on_instance_cb, task);
}

static CandorPublishReceipt *
candor_mastodon_client_publish_finish (CandorChannelClient *client,
                                       GAsyncResult        *result,
                                       GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Every status goes with an Idempotency-Key: a resend after a crash is safe. */
static gboolean
candor_mastodon_client_is_idempotent (CandorChannelClient *client)
{
  return TRUE;
}

static gboolean
candor_mastodon_client_initable_init (GInitable    *initable,
                                      GCancellable *cancellable,
                                      GError      **error)
{
  CandorMastodonClient *self = CANDOR_MASTODON_CLIENT (initable);
  const char    *secret = candor_http_channel_client_get_secret (CANDOR_HTTP_CHANNEL_CLIENT (self));
  CandorChannel *channel =
    candor_http_channel_client_get_channel (CANDOR_HTTP_CHANNEL_CLIENT (self));
  const char *instance = candor_channel_get_setting (channel, "instance");

  if (instance == NULL || *instance == '\0')
    {
      g_set_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED,
                   _("The channel “%s” has no Mastodon instance; set its address in "
                     "Preferences."),
                      candor_channel_get_name (channel));
      return FALSE;
    }
  if (!g_strv_contains (visibilities, get_visibility (self)))
    {
      g_set_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED,
                   _("The channel “%s” has the visibility “%s”; Mastodon takes public, "
                     "unlisted, private or direct."),
                      candor_channel_get_name (channel), get_visibility (self));
      return FALSE;
    }
  if (secret == NULL || *secret == '\0')
    {
      g_set_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED,
                   _("The channel “%s” has no access token; enter it in Preferences."),
                      candor_channel_get_name (channel));
      return FALSE;
    }

  self->base = g_strdup (instance);
  while (g_str_has_suffix (self->base, "/"))
    self->base[strlen (self->base) - 1] = '\0';

  return candor_http_check_url (self->base, error);
}

static void
candor_mastodon_client_initable_iface_init (GInitableIface *iface)
{
  iface->init = candor_mastodon_client_initable_init;
}

static void
candor_mastodon_client_channel_client_iface_init (CandorChannelClientInterface *iface)
{
  iface->test_async = candor_mastodon_client_test_async;
  iface->test_finish = candor_mastodon_client_test_finish;
  iface->publish_async = candor_mastodon_client_publish_async;
  iface->publish_finish = candor_mastodon_client_publish_finish;
  iface->is_idempotent = candor_mastodon_client_is_idempotent;
}

static void
candor_mastodon_client_finalize (GObject *object)
{
  CandorMastodonClient *self = CANDOR_MASTODON_CLIENT (object);

  g_clear_pointer (&self->base, g_free);

  G_OBJECT_CLASS (candor_mastodon_client_parent_class)->finalize (object);
}

static void
candor_mastodon_client_class_init (CandorMastodonClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = candor_mastodon_client_finalize;
}

static void
candor_mastodon_client_init (CandorMastodonClient *self)
{
}
