/* candor-bluesky-client.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-bluesky-client"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "candor-bluesky-client.h"
#include "candor-chat-util.h"
#include "candor-publish-error.h"
#include "candor-social-util.h"

#define SERVICE     "Bluesky"
#define DEFAULT_PDS "https://bsky.social"
/* The PDS answers a rate limit with when its window resets (Unix seconds). */
#define RESET_HEADER "RateLimit-Reset"
#define POST_NSID    "app.bsky.feed.post"

struct _CandorBlueskyClient
{
  CandorHttpChannelClient parent_instance;

  char *base;        /* the PDS without a trailing slash */
  char *session_key; /* "PDS\nhandle" */
};

static void candor_bluesky_client_initable_iface_init (GInitableIface *iface);
static void candor_bluesky_client_channel_client_iface_init (CandorChannelClientInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (
  CandorBlueskyClient,
  candor_bluesky_client,
  CANDOR_TYPE_HTTP_CHANNEL_CLIENT,
  G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, candor_bluesky_client_initable_iface_init)
    G_IMPLEMENT_INTERFACE (CANDOR_TYPE_CHANNEL_CLIENT,
                           candor_bluesky_client_channel_client_iface_init))

/* Sessions outlive clients (one client per publishing run): in memory only,
 * never in a file, per PDS and handle, and made again when the app password
 * changes. */
typedef struct
{
  char *password_sum;
  char *access_jwt;
  char *refresh_jwt;
} Session;

static GHashTable *sessions;
G_LOCK_DEFINE_STATIC (sessions);

static void
wipe (char *secret)
{
  if (secret != NULL)
    {
      memset (secret, 0, strlen (secret));
      g_free (secret);
    }
}

static void
session_free (Session *session)
{
  g_free (session->password_sum);
  wipe (session->access_jwt);
  wipe (session->refresh_jwt);
  g_free (session);
}

static char *
password_sum (CandorBlueskyClient *self)
{
  const char *secret = candor_http_channel_client_get_secret (CANDOR_HTTP_CHANNEL_CLIENT (self));

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, secret, -1);
}

/* Returns: (transfer full) (nullable): the cached refresh token, or access token */
static char *
session_get (CandorBlueskyClient *self, gboolean refresh)
{
  g_autofree char *sum = password_sum (self);
  Session         *session;
  char            *token = NULL;

  G_LOCK (sessions);
  session = sessions != NULL ? g_hash_table_lookup (sessions, self->session_key) : NULL;
  if (session != NULL && g_str_equal (session->password_sum, sum))
    token = g_strdup (refresh ? session->refresh_jwt : session->access_jwt);
  G_UNLOCK (sessions);

  return token;
}

/* Keeps the tokens of a createSession or refreshSession answer. */
static gboolean
session_store (CandorBlueskyClient *self, JsonObject *answer)
{
  const char *access = json_object_get_string_member_with_default (answer, "accessJwt", NULL);
  const char *refresh = json_object_get_string_member_with_default (answer, "refreshJwt", NULL);
  Session    *session;

  if (access == NULL || refresh == NULL)
    return FALSE;

  session = g_new0 (Session, 1);
  session->password_sum = password_sum (self);
  session->access_jwt = g_strdup (access);
  session->refresh_jwt = g_strdup (refresh);

  G_LOCK (sessions);
  if (sessions == NULL)
    sessions =
      g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)session_free);
  g_hash_table_replace (sessions, g_strdup (self->session_key), session);
  G_UNLOCK (sessions);

  return TRUE;
}

static void
session_forget (CandorBlueskyClient *self)
{
  G_LOCK (sessions);
  if (sessions != NULL)
    g_hash_table_remove (sessions, self->session_key);
  G_UNLOCK (sessions);
}

static void
xrpc_async (CandorBlueskyClient *self,
            const char          *nsid,
            JsonNode            *body,
            const char          *bearer,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  CandorHttp      *http = candor_http_channel_client_get_http (CANDOR_HTTP_CHANNEL_CLIENT (self));
  g_autofree char *url = g_strconcat (self->base, "/xrpc/", nsid, NULL);
  g_autoptr (GHashTable) headers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr (GBytes) bytes = body != NULL ? candor_chat_json_to_bytes (body) : NULL;

  if (bearer != NULL)
    g_hash_table_insert (headers, (gpointer) "Authorization",
                         g_strconcat ("Bearer ", bearer, NULL));

  /* Procedures are POSTs (refreshSession one without a body), queries GETs. */
  candor_http_send_async (
    http, body != NULL || g_str_has_suffix (nsid, "refreshSession") ? "POST" : "GET", url, headers,
    bytes, body != NULL ? "application/json" : NULL, cancellable, callback, user_data);
}

/* The answer's object, or NULL with the error in the PDS's words
 * ({"error": "InvalidRequest", "message": "..."}) and @xrpc_error set to
 * the error's name. */
static JsonObject *
xrpc_finish (CandorBlueskyClient *self, GAsyncResult *result, char **xrpc_error, GError **error)
{
  CandorHttp *http = candor_http_channel_client_get_http (CANDOR_HTTP_CHANNEL_CLIENT (self));
  g_autoptr (CandorHttpResponse) response = candor_http_send_finish (http, result, error);
  JsonNode *node;

  if (response == NULL)
    return NULL;

  if (!candor_http_response_is_success (response))
    {
      const char      *name = candor_chat_response_get_string (response, "error");
      const char      *message = candor_chat_response_get_string (response, "message");
      g_autofree char *words = NULL;

      if (name != NULL && message != NULL)
        words = g_strdup_printf ("%s (%s)", message, name);
      if (xrpc_error != NULL)
        *xrpc_error = g_strdup (name);
      g_propagate_error (error, candor_social_response_to_error (
                                  response, SERVICE, words != NULL ? words : name, RESET_HEADER));
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

static gboolean
is_token_error (const char *name)
{
  return g_strcmp0 (name, "ExpiredToken") == 0 || g_strcmp0 (name, "InvalidToken") == 0;
}

/* One call with the session: the cached access token, else a refreshed
 * one, else a new login, and the call once more when the token it used had
 * expired. */
typedef enum
{
  STAGE_CALL,       /* with the cached access token */
  STAGE_REFRESH,    /* refreshSession with the refresh token */
  STAGE_LOGIN,      /* createSession with the app password */
  STAGE_CALL_AGAIN, /* with a token just made */
} Stage;

typedef struct
{
  char     *nsid;
  JsonNode *body;
  Stage     stage;
} AuthedCall;

static void
authed_call_free (AuthedCall *call)
{
  g_free (call->nsid);
  g_clear_pointer (&call->body, json_node_unref);
  g_free (call);
}

static void authed_step (GTask *task);

static void
on_authed_step_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  CandorBlueskyClient *self = g_task_get_source_object (task);
  AuthedCall          *call = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;
  g_autoptr (JsonObject) answer = xrpc_finish (self, result, &name, &error);

  switch (call->stage)
    {
      case STAGE_CALL:
      case STAGE_CALL_AGAIN:
        if (answer != NULL)
          g_task_return_pointer (task, g_steal_pointer (&answer),
                                 (GDestroyNotify)json_object_unref);
        else if (call->stage == STAGE_CALL && is_token_error (name))
          {
            call->stage = STAGE_REFRESH;
            authed_step (g_steal_pointer (&task));
          }
        else
          g_task_return_error (task, g_steal_pointer (&error));
        return;

      case STAGE_REFRESH:
      case STAGE_LOGIN:
        if (answer != NULL && session_store (self, answer))
          {
            call->stage = STAGE_CALL_AGAIN;
            authed_step (g_steal_pointer (&task));
          }
        else if (call->stage == STAGE_REFRESH && (answer != NULL || is_token_error (name)))
          {
            session_forget (self);
            call->stage = STAGE_LOGIN;
            authed_step (g_steal_pointer (&task));
          }
        else if (answer != NULL)
          g_task_return_error (task, candor_chat_unreadable_answer_error (SERVICE));
        else
          g_task_return_error (task, g_steal_pointer (&error));
        return;

      default:
        g_assert_not_reached ();
    }
}

static void
authed_step (GTask *task)
{
  CandorBlueskyClient *self = g_task_get_source_object (task);
  const char    *secret = candor_http_channel_client_get_secret (CANDOR_HTTP_CHANNEL_CLIENT (self));
  CandorChannel *channel =
    candor_http_channel_client_get_channel (CANDOR_HTTP_CHANNEL_CLIENT (self));
  AuthedCall   *call = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  char         *token;

  if (call->stage == STAGE_CALL || call->stage == STAGE_CALL_AGAIN)
    {
      token = session_get (self, FALSE);
      if (token == NULL)
        {
          call->stage = STAGE_LOGIN;
          authed_step (task);
          return;
        }
      xrpc_async (self, call->nsid, call->body, token, cancellable, on_authed_step_cb, task);
      wipe (token);
    }
  else if (call->stage == STAGE_REFRESH)
    {
      token = session_get (self, TRUE);
      if (token == NULL)
        {
          call->stage = STAGE_LOGIN;
          authed_step (task);
          return;
        }
      xrpc_async (self, "com.atproto.server.refreshSession", NULL, token, cancellable,
                  on_authed_step_cb, task);
      wipe (token);
    }
  else
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode) body = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "identifier");
      json_builder_add_string_value (builder, candor_channel_get_setting (channel, "handle"));
      json_builder_set_member_name (builder, "password");
      json_builder_add_string_value (builder, secret);
      json_builder_end_object (builder);
      body = json_builder_get_root (builder);
      xrpc_async (self, "com.atproto.server.createSession", body, NULL, cancellable,
                  on_authed_step_cb, task);
    }
}

static void
authed_call_async (CandorBlueskyClient *self,
                   const char          *nsid,
                   JsonNode            *body,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  GTask      *task = g_task_new (self, cancellable, callback, user_data);
  AuthedCall *call = g_new0 (AuthedCall, 1);

  g_task_set_source_tag (task, authed_call_async);
  call->nsid = g_strdup (nsid);
  call->body = body != NULL ? json_node_ref (body) : NULL;
  call->stage = STAGE_CALL;
  g_task_set_task_data (task, call, (GDestroyNotify)authed_call_free);
  authed_step (task);
}

static JsonObject *
authed_call_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_get_session_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) session = authed_call_finish (result, &error);

  if (session == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* getSession proves the app password (logging in when there is no session
 * yet) and posts nothing. */
static void
candor_bluesky_client_test_async (CandorChannelClient *client,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  CandorBlueskyClient *self = CANDOR_BLUESKY_CLIENT (client);
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, candor_bluesky_client_test_async);
  authed_call_async (self, "com.atproto.server.getSession", NULL, cancellable, on_get_session_cb,
                     g_steal_pointer (&task));
}

static gboolean
candor_bluesky_client_test_finish (CandorChannelClient *client,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* What a reply needs, kept as the publication's remote id: the post's
 * strong ref and its thread's root's, "URI CID ROOT-URI ROOT-CID". */
static void
add_strong_ref (JsonBuilder *builder, const char *member, const char *uri, const char *cid)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "uri");
  json_builder_add_string_value (builder, uri);
  json_builder_set_member_name (builder, "cid");
  json_builder_add_string_value (builder, cid);
  json_builder_end_object (builder);
}

static void
add_facets (JsonBuilder *builder, JsonObject *post)
{
  JsonNode  *links = json_object_get_member (post, "links");
  JsonArray *array;

  if (links == NULL || !JSON_NODE_HOLDS_ARRAY (links) ||
      json_array_get_length (json_node_get_array (links)) == 0)
    return;

  array = json_node_get_array (links);
  json_builder_set_member_name (builder, "facets");
  json_builder_begin_array (builder);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *link = json_array_get_object_element (array, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "index");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "byteStart");
      json_builder_add_int_value (builder, json_object_get_int_member (link, "byte_start"));
      json_builder_set_member_name (builder, "byteEnd");
      json_builder_add_int_value (builder, json_object_get_int_member (link, "byte_end"));
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "features");
      json_builder_begin_array (builder);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "$type");
      json_builder_add_string_value (builder, "app.bsky.richtext.facet#link");
      json_builder_set_member_name (builder, "uri");
      json_builder_add_string_value (builder, json_object_get_string_member (link, "uri"));
      json_builder_end_object (builder);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

typedef struct
{
  CandorSentRendition *rendition;
} PublishData;

typedef struct
{
  char *root_uri;
  char *root_cid;
} PartData;

static void
part_data_free (PartData *part)
{
  g_free (part->root_uri);
  g_free (part->root_cid);
  g_free (part);
}

static void
on_record_created_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) answer = authed_call_finish (result, &error);

  if (answer == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (json_object_get_string_member_with_default (answer, "uri", NULL) == NULL ||
           json_object_get_string_member_with_default (answer, "cid", NULL) == NULL)
    g_task_return_error (task, candor_chat_unreadable_answer_error (SERVICE));
  else
    g_task_return_pointer (task, g_steal_pointer (&answer), (GDestroyNotify)json_object_unref);
}

static void
post_record_async (GObject            *client,
                   JsonObject         *post,
                   guint               index,
                   const char         *parent,
                   gpointer            publication,
                   GCancellable       *cancellable,
                   GAsyncReadyCallback callback,
                   gpointer            user_data)
{
  CandorBlueskyClient *self = CANDOR_BLUESKY_CLIENT (client);
  CandorChannel       *channel =
    candor_http_channel_client_get_channel (CANDOR_HTTP_CHANNEL_CLIENT (self));
  PublishData *data = publication;
  GTask       *task = g_task_new (self, cancellable, callback, user_data);
  PartData    *part = g_new0 (PartData, 1);
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) body = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created_at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
  g_auto (GStrv) refs = parent != NULL ? g_strsplit (parent, " ", 4) : NULL;

  g_task_set_source_tag (task, post_record_async);
  g_task_set_task_data (task, part, (GDestroyNotify)part_data_free);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "repo");
  json_builder_add_string_value (builder, candor_channel_get_setting (channel, "handle"));
  json_builder_set_member_name (builder, "collection");
  json_builder_add_string_value (builder, POST_NSID);
  json_builder_set_member_name (builder, "record");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "$type");
  json_builder_add_string_value (builder, POST_NSID);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, json_object_get_string_member (post, "text"));
  json_builder_set_member_name (builder, "createdAt");
  json_builder_add_string_value (builder, created_at);
  if (data->rendition->language != NULL && *data->rendition->language != '\0')
    {
      json_builder_set_member_name (builder, "langs");
      json_builder_begin_array (builder);
      json_builder_add_string_value (builder, data->rendition->language);
      json_builder_end_array (builder);
    }
  add_facets (builder, post);
  /* A parent written by an older Candor or by hand may lack its root: then
   * it is the root. */
  if (refs != NULL && g_strv_length (refs) >= 2)
    {
      gboolean has_root = g_strv_length (refs) == 4;

      part->root_uri = g_strdup (refs[has_root ? 2 : 0]);
      part->root_cid = g_strdup (refs[has_root ? 3 : 1]);
      json_builder_set_member_name (builder, "reply");
      json_builder_begin_object (builder);
      add_strong_ref (builder, "root", part->root_uri, part->root_cid);
      add_strong_ref (builder, "parent", refs[0], refs[1]);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  authed_call_async (self, "com.atproto.repo.createRecord", body, cancellable, on_record_created_cb,
                     task);
}

/* The post's page on bsky.app, from its AT URI "at://DID/app.bsky.feed.post/RKEY". */
static char *
web_url (const char *uri)
{
  g_auto (GStrv) parts = NULL;

  if (!g_str_has_prefix (uri, "at://"))
    return NULL;

  parts = g_strsplit (uri + strlen ("at://"), "/", 3);
  if (g_strv_length (parts) != 3)
    return NULL;

  return g_strdup_printf ("https://bsky.app/profile/%s/post/%s", parts[0], parts[2]);
}

static char *
post_record_finish (GObject *client, GAsyncResult *result, char **url, GError **error)
{
  PartData *part = g_task_get_task_data (G_TASK (result));
  g_autoptr (JsonObject) answer = g_task_propagate_pointer (G_TASK (result), error);
  const char *uri, *cid;

  if (answer == NULL)
    return NULL;

  uri = json_object_get_string_member (answer, "uri");
  cid = json_object_get_string_member (answer, "cid");
  *url = web_url (uri);

  return g_strdup_printf ("%s %s %s %s", uri, cid, part->root_uri != NULL ? part->root_uri : uri,
                          part->root_cid != NULL ? part->root_cid : cid);
}

/* Bluesky takes no idempotency key: the outbox asks to verify after a crash. */
static void
candor_bluesky_client_publish_async (CandorChannelClient   *client,
                                     CandorSentRendition   *rendition,
                                     const char            *idempotency_key,
                                     const CandorThreadRef *thread,
                                     GCancellable          *cancellable,
                                     GAsyncReadyCallback    callback,
                                     gpointer               user_data)
{
  CandorBlueskyClient *self = CANDOR_BLUESKY_CLIENT (client);
  GTask               *task = g_task_new (self, cancellable, callback, user_data);
  PublishData         *data = g_new0 (PublishData, 1);
  g_autoptr (GPtrArray) posts = candor_social_read_posts (rendition);

  g_task_set_source_tag (task, candor_bluesky_client_publish_async);
  g_task_set_task_data (task, data, g_free);
  /* The rendition outlives the publication: the publisher holds it. */
  data->rendition = rendition;

  candor_social_post_thread_async (
    G_OBJECT (self), SERVICE, FALSE, posts, candor_social_thread_parent (thread), post_record_async,
    post_record_finish, data, cancellable, candor_social_complete_task_cb, task);
}

static CandorPublishReceipt *
candor_bluesky_client_publish_finish (CandorChannelClient *client,
                                      GAsyncResult        *result,
                                      GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
candor_bluesky_client_initable_init (GInitable *initable, GCancellable *cancellable, GError **error)
{
  CandorBlueskyClient *self = CANDOR_BLUESKY_CLIENT (initable);
  const char    *secret = candor_http_channel_client_get_secret (CANDOR_HTTP_CHANNEL_CLIENT (self));
  CandorChannel *channel =
    candor_http_channel_client_get_channel (CANDOR_HTTP_CHANNEL_CLIENT (self));
  const char *pds = candor_channel_get_setting (channel, "pds");
  const char *handle = candor_channel_get_setting (channel, "handle");

  if (handle == NULL || *handle == '\0')
    {
      g_set_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED,
                   _("The channel “%s” has no Bluesky handle; set it in Preferences."),
                      candor_channel_get_name (channel));
      return FALSE;
    }
  if (secret == NULL || *secret == '\0')
    {
      g_set_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED,
                   _("The channel “%s” has no app password; make one in Bluesky’s settings "
                     "and enter it in Preferences."),
                      candor_channel_get_name (channel));
      return FALSE;
    }

  self->base = g_strdup (pds != NULL && *pds != '\0' ? pds : DEFAULT_PDS);
  while (g_str_has_suffix (self->base, "/"))
    self->base[strlen (self->base) - 1] = '\0';
  self->session_key = g_strdup_printf ("%s\n%s", self->base, handle);

  return candor_http_check_url (self->base, error);
}

static void
candor_bluesky_client_initable_iface_init (GInitableIface *iface)
{
  iface->init = candor_bluesky_client_initable_init;
}

static void
candor_bluesky_client_channel_client_iface_init (CandorChannelClientInterface *iface)
{
  iface->test_async = candor_bluesky_client_test_async;
  iface->test_finish = candor_bluesky_client_test_finish;
  iface->publish_async = candor_bluesky_client_publish_async;
  iface->publish_finish = candor_bluesky_client_publish_finish;
}

static void
candor_bluesky_client_finalize (GObject *object)
{
  CandorBlueskyClient *self = CANDOR_BLUESKY_CLIENT (object);

  g_clear_pointer (&self->base, g_free);
  g_clear_pointer (&self->session_key, g_free);

  G_OBJECT_CLASS (candor_bluesky_client_parent_class)->finalize (object);
}

static void
candor_bluesky_client_class_init (CandorBlueskyClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = candor_bluesky_client_finalize;
}

static void
candor_bluesky_client_init (CandorBlueskyClient *self)
{
}
