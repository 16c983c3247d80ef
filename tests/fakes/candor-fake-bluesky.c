/* candor-fake-bluesky.c
 *
 * A fake of a Bluesky PDS's XRPC API, the parts a channel uses:
 * com.atproto.server.createSession, refreshSession and getSession, and
 * com.atproto.repo.createRecord for app.bsky.feed.post. It checks what the
 * PDS checks and answers as it does ({"error": NAME, "message": TEXT}):
 * AuthenticationRequired (401) for a wrong password or token, ExpiredToken
 * (400) for an access token past its life, InvalidRequest (400) for a
 * record past 300 graphemes or 3,000 bytes, a facet whose byte range is not
 * within the text or cuts a character, or a reply without root and parent
 * strong refs to existing posts; rate limits as RateLimitExceeded with the
 * RateLimit-* headers (the reset in Unix seconds). Accepted entries are the
 * records.
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-fake-bluesky"

#include "config.h"

#include <string.h>

#include "candor-fake-bluesky.h"
#include "candor-fake-social.h"

#define MAX_GRAPHEMES 300
#define MAX_BYTES     3000
#define POST_NSID     "app.bsky.feed.post"

struct _CandorFakeBluesky
{
  CandorFakeServer parent_instance;

  char       *handle;
  char       *did;
  char       *app_password;
  GHashTable *access_tokens;  /* token -> GINT_TO_POINTER (expired) */
  GHashTable *refresh_tokens; /* token -> GINT_TO_POINTER (expired) */
  GHashTable *records;        /* uri -> cid */
  guint       n_logins;
};

G_DEFINE_FINAL_TYPE (CandorFakeBluesky, candor_fake_bluesky, CANDOR_TYPE_FAKE_SERVER)

static void
reply_error (SoupServerMessage *message, guint status, const char *name, const char *text)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "error", name);
  json_object_set_string_member (object, "message", text);
  candor_fake_server_reply_object (message, status, object);
}

static void
reply_session (CandorFakeBluesky *self, SoupServerMessage *message)
{
  guint64          serial = candor_fake_server_next_serial (CANDOR_FAKE_SERVER (self));
  g_autofree char *access = g_strdup_printf ("eyJ.access.%" G_GUINT64_FORMAT, serial);
  g_autofree char *refresh = g_strdup_printf ("eyJ.refresh.%" G_GUINT64_FORMAT, serial);
  JsonObject      *reply = json_object_new ();

  g_hash_table_insert (self->access_tokens, g_strdup (access), GINT_TO_POINTER (FALSE));
  g_hash_table_insert (self->refresh_tokens, g_strdup (refresh), GINT_TO_POINTER (FALSE));
  json_object_set_string_member (reply, "did", self->did);
  json_object_set_string_member (reply, "handle", self->handle);
  json_object_set_string_member (reply, "accessJwt", access);
  json_object_set_string_member (reply, "refreshJwt", refresh);
  json_object_set_boolean_member (reply, "active", TRUE);
  candor_fake_server_reply_object (message, SOUP_STATUS_OK, reply);
}

static void
create_session (CandorFakeBluesky *self, SoupServerMessage *message, GBytes *body)
{
  g_autoptr (JsonNode) node = candor_fake_server_parse_object (body);
  JsonObject *request;
  const char *identifier, *password;

  if (node == NULL)
    {
      reply_error (message, SOUP_STATUS_BAD_REQUEST, "InvalidRequest",
                   "Input must have the property \"identifier\"");
      return;
    }
  request = json_node_get_object (node);
  identifier = json_object_get_string_member_with_default (request, "identifier", NULL);
  password = json_object_get_string_member_with_default (request, "password", NULL);
  if (identifier == NULL || password == NULL)
    {
      reply_error (message, SOUP_STATUS_BAD_REQUEST, "InvalidRequest",
                   identifier == NULL ? "Input must have the property \"identifier\""
                                      : "Input must have the property \"password\"");
      return;
    }
  if ((!g_str_equal (identifier, self->handle) && !g_str_equal (identifier, self->did)) ||
      !g_str_equal (password, self->app_password))
    {
      reply_error (message, SOUP_STATUS_UNAUTHORIZED, "AuthenticationRequired",
                   "Invalid identifier or password");
      return;
    }

  self->n_logins++;
  reply_session (self, message);
}

/* Whether @token is one of @tokens and current; answers the error if not. */
static gboolean
check_token (SoupServerMessage *message, GHashTable *tokens, const char *token)
{
  gpointer expired;

  if (token == NULL || !g_hash_table_lookup_extended (tokens, token, NULL, &expired))
    {
      reply_error (message, SOUP_STATUS_UNAUTHORIZED, "AuthenticationRequired",
                   "Authentication Required");
      return FALSE;
    }
  if (GPOINTER_TO_INT (expired))
    {
      reply_error (message, SOUP_STATUS_BAD_REQUEST, "ExpiredToken", "Token has expired");
      return FALSE;
    }

  return TRUE;
}

static gboolean
is_strong_ref (CandorFakeBluesky *self, JsonObject *reply, const char *member)
{
  JsonNode   *node = json_object_get_member (reply, member);
  JsonObject *ref;
  const char *uri, *cid;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  ref = json_node_get_object (node);
  uri = json_object_get_string_member_with_default (ref, "uri", NULL);
  cid = json_object_get_string_member_with_default (ref, "cid", NULL);

  return uri != NULL && cid != NULL &&
         g_strcmp0 (g_hash_table_lookup (self->records, uri), cid) == 0;
}

/* The record's problem in the PDS's words, or NULL. */
static const char *
validate_post (CandorFakeBluesky *self, JsonObject *record)
{
  const char *text = json_object_get_string_member_with_default (record, "text", NULL);
  JsonNode   *facets = json_object_get_member (record, "facets");
  JsonNode   *reply = json_object_get_member (record, "reply");
  gsize       length;

  if (g_strcmp0 (json_object_get_string_member_with_default (record, "$type", NULL), POST_NSID) !=
      0)
    return "Invalid app.bsky.feed.post record: Record/$type must be app.bsky.feed.post";
  if (text == NULL)
    return "Invalid app.bsky.feed.post record: Record must have the property \"text\"";
  if (json_object_get_string_member_with_default (record, "createdAt", NULL) == NULL)
    return "Invalid app.bsky.feed.post record: Record must have the property \"createdAt\"";
  length = strlen (text);
  if (length > MAX_BYTES)
    return "Invalid app.bsky.feed.post record: Record/text must not be longer than 3000 "
           "characters";
  if (candor_fake_social_count_clusters (text, 0) > MAX_GRAPHEMES)
    return "Invalid app.bsky.feed.post record: Record/text must not be longer than 300 "
           "graphemes";

  if (facets != NULL)
    {
      JsonArray *array = JSON_NODE_HOLDS_ARRAY (facets) ? json_node_get_array (facets) : NULL;

      for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
        {
          JsonObject *facet = json_array_get_object_element (array, i);
          JsonObject *index = json_object_get_object_member (facet, "index");
          gint64      start = json_object_get_int_member_with_default (index, "byteStart", -1);
          gint64      end = json_object_get_int_member_with_default (index, "byteEnd", -1);

          if (start < 0 || end <= start || (gsize)end > length || (text[start] & 0xC0) == 0x80 ||
              (text[end] & 0xC0) == 0x80)
            return "Invalid app.bsky.feed.post record: Record/facets/index is out of range";
        }
    }

  if (reply != NULL && (!JSON_NODE_HOLDS_OBJECT (reply) ||
                        !is_strong_ref (self, json_node_get_object (reply), "root") ||
                        !is_strong_ref (self, json_node_get_object (reply), "parent")))
    return "Invalid app.bsky.feed.post record: Record/reply must have existing root and parent";

  return NULL;
}

static void
create_record (CandorFakeBluesky *self, SoupServerMessage *message, GBytes *body)
{
  g_autoptr (JsonNode) node = candor_fake_server_parse_object (body);
  JsonObject      *request, *record, *reply;
  const char      *repo, *problem;
  guint64          serial;
  g_autofree char *uri = NULL;
  g_autofree char *cid = NULL;

  if (node == NULL || !candor_fake_server_is_json (message))
    {
      reply_error (message, SOUP_STATUS_BAD_REQUEST, "InvalidRequest",
                   "Input must have the property \"repo\"");
      return;
    }
  request = json_node_get_object (node);
  repo = json_object_get_string_member_with_default (request, "repo", "");
  if (!g_str_equal (repo, self->handle) && !g_str_equal (repo, self->did))
    {
      reply_error (message, SOUP_STATUS_BAD_REQUEST, "InvalidRequest",
                   "Could not find repo: not the session's");
      return;
    }
  if (g_strcmp0 (json_object_get_string_member_with_default (request, "collection", NULL),
                 POST_NSID) != 0 ||
      !json_object_has_member (request, "record") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (request, "record")))
    {
      reply_error (message, SOUP_STATUS_BAD_REQUEST, "InvalidRequest",
                   "Input must have the property \"record\"");
      return;
    }
  record = json_object_get_object_member (request, "record");
  if ((problem = validate_post (self, record)) != NULL)
    {
      reply_error (message, SOUP_STATUS_BAD_REQUEST, "InvalidRequest", problem);
      return;
    }

  serial = candor_fake_server_next_serial (CANDOR_FAKE_SERVER (self));
  uri = g_strdup_printf ("at://%s/" POST_NSID "/3kfake%07" G_GUINT64_FORMAT, self->did, serial);
  cid = g_strdup_printf ("bafyreifake%" G_GUINT64_FORMAT, serial);
  g_hash_table_insert (self->records, g_strdup (uri), g_strdup (cid));
  {
    g_autoptr (JsonNode) copy = json_node_new (JSON_NODE_OBJECT);

    json_node_set_object (copy, record);
    candor_fake_server_accept (CANDOR_FAKE_SERVER (self), copy);
  }

  reply = json_object_new ();
  json_object_set_string_member (reply, "uri", uri);
  json_object_set_string_member (reply, "cid", cid);
  json_object_set_string_member (reply, "validationStatus", "valid");
  candor_fake_server_reply_object (message, SOUP_STATUS_OK, reply);
}

static void
candor_fake_bluesky_handle (CandorFakeServer  *server,
                            SoupServerMessage *message,
                            const char        *path,
                            GHashTable        *query,
                            GBytes            *body)
{
  CandorFakeBluesky *self = CANDOR_FAKE_BLUESKY (server);
  const char        *method = soup_server_message_get_method (message);
  const char        *token = candor_fake_server_get_bearer (message);
  gboolean           post = g_str_equal (method, "POST");

  if (g_str_equal (path, "/xrpc/com.atproto.server.createSession") && post)
    create_session (self, message, body);
  else if (g_str_equal (path, "/xrpc/com.atproto.server.refreshSession") && post)
    {
      if (check_token (message, self->refresh_tokens, token))
        {
          /* A refresh token is good for one refresh. */
          g_hash_table_remove (self->refresh_tokens, token);
          reply_session (self, message);
        }
    }
  else if (g_str_equal (path, "/xrpc/com.atproto.server.getSession") && g_str_equal (method, "GET"))
    {
      if (check_token (message, self->access_tokens, token))
        {
          JsonObject *reply = json_object_new ();

          json_object_set_string_member (reply, "did", self->did);
          json_object_set_string_member (reply, "handle", self->handle);
          candor_fake_server_reply_object (message, SOUP_STATUS_OK, reply);
        }
    }
  else if (g_str_equal (path, "/xrpc/com.atproto.repo.createRecord") && post)
    {
      if (check_token (message, self->access_tokens, token))
        create_record (self, message, body);
    }
  else
    reply_error (message, SOUP_STATUS_NOT_IMPLEMENTED, "MethodNotImplemented",
                 "Method Not Implemented");
}

static void
candor_fake_bluesky_answer_fault (CandorFakeServer  *server,
                                  SoupServerMessage *message,
                                  guint              status,
                                  guint              retry_after)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  g_autofree char    *reset = NULL;

  if (status != CANDOR_FAKE_STATUS_TOO_MANY_REQUESTS)
    {
      reply_error (message, status, "InternalServerError", "Internal Server Error");
      return;
    }

  reset = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC + retry_after);
  soup_message_headers_replace (headers, "RateLimit-Limit", "30");
  soup_message_headers_replace (headers, "RateLimit-Remaining", "0");
  soup_message_headers_replace (headers, "RateLimit-Reset", reset);
  soup_message_headers_replace (headers, "RateLimit-Policy", "30;w=300");
  reply_error (message, status, "RateLimitExceeded", "Rate Limit Exceeded");
}

static void
candor_fake_bluesky_finalize (GObject *object)
{
  CandorFakeBluesky *self = CANDOR_FAKE_BLUESKY (object);

  g_free (self->handle);
  g_free (self->did);
  g_free (self->app_password);
  g_clear_pointer (&self->access_tokens, g_hash_table_unref);
  g_clear_pointer (&self->refresh_tokens, g_hash_table_unref);
  g_clear_pointer (&self->records, g_hash_table_unref);

  G_OBJECT_CLASS (candor_fake_bluesky_parent_class)->finalize (object);
}

static void
candor_fake_bluesky_class_init (CandorFakeBlueskyClass *klass)
{
  GObjectClass          *object_class = G_OBJECT_CLASS (klass);
  CandorFakeServerClass *server_class = CANDOR_FAKE_SERVER_CLASS (klass);

  object_class->finalize = candor_fake_bluesky_finalize;
  server_class->handle = candor_fake_bluesky_handle;
  server_class->answer_fault = candor_fake_bluesky_answer_fault;
}

static void
candor_fake_bluesky_init (CandorFakeBluesky *self)
{
  self->access_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->refresh_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->records = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

CandorFakeBluesky *
candor_fake_bluesky_new (GTlsCertificate *certificate,
                         const char      *handle,
                         const char      *app_password,
                         GError         **error)
{
  CandorFakeBluesky *self;

  g_return_val_if_fail (handle != NULL, NULL);
  g_return_val_if_fail (app_password != NULL, NULL);

  self =
    g_initable_new (CANDOR_TYPE_FAKE_BLUESKY, NULL, error, "tls-certificate", certificate, NULL);
  if (self == NULL)
    return NULL;

  self->handle = g_strdup (handle);
  self->did = g_strdup ("did:plc:fakecandor");
  self->app_password = g_strdup (app_password);

  return self;
}

const char *
candor_fake_bluesky_get_did (CandorFakeBluesky *self)
{
  g_return_val_if_fail (CANDOR_IS_FAKE_BLUESKY (self), NULL);

  return self->did;
}

guint
candor_fake_bluesky_get_n_logins (CandorFakeBluesky *self)
{
  g_return_val_if_fail (CANDOR_IS_FAKE_BLUESKY (self), 0);

  return self->n_logins;
}

static void
expire_all (GHashTable *tokens)
{
  GHashTableIter iter;
  gpointer       key;

  g_hash_table_iter_init (&iter, tokens);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_iter_replace (&iter, GINT_TO_POINTER (TRUE));
}

void
candor_fake_bluesky_expire_tokens (CandorFakeBluesky *self, gboolean refresh_too)
{
  g_return_if_fail (CANDOR_IS_FAKE_BLUESKY (self));

  expire_all (self->access_tokens);
  if (refresh_too)
    expire_all (self->refresh_tokens);
}
