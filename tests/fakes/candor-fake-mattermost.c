/* candor-fake-mattermost.c
 *
 * A fake of a Mattermost incoming webhook: POST /hooks/{key} with JSON
 * {text, props?, root_id?}, answered "ok" in text/plain, or an AppError JSON.
 * Its accepted list holds the posts it made, {id, message, root_id, props}:
 * like the server, it splits a text past the post size into several posts.
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-fake-mattermost"

#include "config.h"

#include "candor-fake-mattermost.h"

/* Mattermost's default maximum post size, in runes. */
#define MAX_POST_RUNES 16383

struct _CandorFakeMattermost
{
  CandorFakeServer parent_instance;

  char       *hook_key;
  GHashTable *post_ids;
};

G_DEFINE_FINAL_TYPE (CandorFakeMattermost, candor_fake_mattermost, CANDOR_TYPE_FAKE_SERVER)

static void
reply_app_error (SoupServerMessage *message, guint status, const char *id, const char *text)
{
  JsonObject      *object = json_object_new ();
  g_autofree char *request_id = g_uuid_string_random ();

  g_strdelimit (request_id, "-", 'x');
  json_object_set_string_member (object, "id", id);
  json_object_set_string_member (object, "message", text);
  json_object_set_string_member (object, "detailed_error", "");
  json_object_set_string_member (object, "request_id", request_id);
  json_object_set_int_member (object, "status_code", status);
  candor_fake_server_reply_object (message, status, object);
}

static void
make_post (CandorFakeMattermost *self, JsonObject *posted, const char *text, gsize length)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonObject      *post = json_object_new ();
  JsonNode        *props = json_object_get_member (posted, "props");
  g_autofree char *id =
    g_strdup_printf ("candorpost%016" G_GINT64_MODIFIER "x",
                     candor_fake_server_next_serial (CANDOR_FAKE_SERVER (self)));
  g_autofree char *message = g_strndup (text, length);

  json_object_set_string_member (post, "id", id);
  json_object_set_string_member (post, "message", message);
  json_object_set_string_member (
    post, "root_id", json_object_get_string_member_with_default (posted, "root_id", ""));
  if (props != NULL)
    json_object_set_member (post, "props", json_node_copy (props));
  json_node_take_object (node, post);

  g_hash_table_add (self->post_ids, g_steal_pointer (&id));
  candor_fake_server_accept (CANDOR_FAKE_SERVER (self), node);
}

static void
candor_fake_mattermost_handle (CandorFakeServer  *server,
                               SoupServerMessage *message,
                               const char        *path,
                               GHashTable        *query,
                               GBytes            *body)
{
  CandorFakeMattermost *self = CANDOR_FAKE_MATTERMOST (server);
  g_autoptr (JsonNode) node = NULL;
  JsonObject *posted;
  const char *text;
  const char *root_id;
  JsonNode   *attachments = NULL;

  if (!g_str_has_prefix (path, "/hooks/") ||
      g_strcmp0 (soup_server_message_get_method (message), SOUP_METHOD_POST) != 0)
    {
      reply_app_error (message, SOUP_STATUS_NOT_FOUND, "api.context.404.app_error",
                       "Sorry, we could not find the page.");
      return;
    }
  if (!g_str_equal (path + strlen ("/hooks/"), self->hook_key))
    {
      reply_app_error (message, SOUP_STATUS_BAD_REQUEST, "web.incoming_webhook.invalid.app_error",
                       "Invalid webhook.");
      return;
    }

  node = candor_fake_server_parse_object (body);
  if (node == NULL)
    {
      reply_app_error (message, SOUP_STATUS_BAD_REQUEST, "web.incoming_webhook.parse.app_error",
                       "Unable to parse incoming data.");
      return;
    }
  posted = json_node_get_object (node);
  text = json_object_get_string_member_with_default (posted, "text", "");
  root_id = json_object_get_string_member_with_default (posted, "root_id", "");
  if (json_object_has_member (posted, "props") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (posted, "props")))
    attachments =
      json_object_get_member (json_object_get_object_member (posted, "props"), "attachments");
  if (attachments == NULL)
    attachments = json_object_get_member (posted, "attachments");

  if (*text == '\0' && attachments == NULL)
    {
      reply_app_error (message, SOUP_STATUS_BAD_REQUEST, "web.incoming_webhook.text.app_error",
                       "No text specified");
      return;
    }
  if (*root_id != '\0' && !g_hash_table_contains (self->post_ids, root_id))
    {
      reply_app_error (message, SOUP_STATUS_BAD_REQUEST, "api.post.create_post.root_id.app_error",
                       "Invalid RootId parameter.");
      return;
    }

  /* A long text becomes several posts, in order, rather than an error. */
  do
    {
      const char *end = text;
      glong       runes = 0;

      while (*end != '\0' && runes < MAX_POST_RUNES)
        {
          end = g_utf8_next_char (end);
          runes++;
        }
      make_post (self, posted, text, end - text);
      text = end;
    }
  while (*text != '\0');

  candor_fake_server_reply_text (message, SOUP_STATUS_OK, "ok");
}

static void
candor_fake_mattermost_answer_fault (CandorFakeServer  *server,
                                     SoupServerMessage *message,
                                     guint              status,
                                     guint              retry_after)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  g_autofree char    *reset = NULL;

  if (status != CANDOR_FAKE_STATUS_TOO_MANY_REQUESTS)
    {
      CANDOR_FAKE_SERVER_CLASS (candor_fake_mattermost_parent_class)
        ->answer_fault (server, message, status, retry_after);
      return;
    }

  reset = g_strdup_printf ("%u", retry_after);
  soup_message_headers_replace (headers, "X-Ratelimit-Limit", "10");
  soup_message_headers_replace (headers, "X-Ratelimit-Remaining", "0");
  soup_message_headers_replace (headers, "X-Ratelimit-Reset", reset);
  candor_fake_server_set_retry_after (message, retry_after);
  candor_fake_server_reply_text (message, status, "limit exceeded\n");
}

static void
candor_fake_mattermost_finalize (GObject *object)
{
  CandorFakeMattermost *self = CANDOR_FAKE_MATTERMOST (object);

  g_free (self->hook_key);
  g_clear_pointer (&self->post_ids, g_hash_table_unref);

  G_OBJECT_CLASS (candor_fake_mattermost_parent_class)->finalize (object);
}

static void
candor_fake_mattermost_class_init (CandorFakeMattermostClass *klass)
{
  GObjectClass          *object_class = G_OBJECT_CLASS (klass);
  CandorFakeServerClass *server_class = CANDOR_FAKE_SERVER_CLASS (klass);

  object_class->finalize = candor_fake_mattermost_finalize;
  server_class->handle = candor_fake_mattermost_handle;
  server_class->answer_fault = candor_fake_mattermost_answer_fault;
}

static void
candor_fake_mattermost_init (CandorFakeMattermost *self)
{
  self->post_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * candor_fake_mattermost_new:
 * @certificate: (nullable): serve https with it, or http without
 * @hook_key: the webhook's key, the last part of its URL
 */
CandorFakeMattermost *
candor_fake_mattermost_new (GTlsCertificate *certificate, const char *hook_key, GError **error)
{
  CandorFakeMattermost *self;

  g_return_val_if_fail (hook_key != NULL, NULL);

  self =
    g_initable_new (CANDOR_TYPE_FAKE_MATTERMOST, NULL, error, "tls-certificate", certificate, NULL);
  if (self == NULL)
    return NULL;

  self->hook_key = g_strdup (hook_key);

  return self;
}

/**
 * candor_fake_mattermost_get_webhook_url:
 *
 * Returns: (transfer full): the webhook's URL, key included
 */
char *
candor_fake_mattermost_get_webhook_url (CandorFakeMattermost *self)
{
  g_return_val_if_fail (CANDOR_IS_FAKE_MATTERMOST (self), NULL);

  return g_strdup_printf ("%s/hooks/%s", candor_fake_server_get_url (CANDOR_FAKE_SERVER (self)),
                          self->hook_key);
}
