/* candor-fake-x.c
 *
 * A fake of X's API v2, the parts a channel uses: POST /2/tweets and
 * GET /2/users/me, authorised by OAuth 1.0a user context. Each request's
 * signature is checked as X checks it (RFC 5849, HMAC-SHA1, written here
 * independently of the client's): the consumer key and token known, the
 * timestamp within five minutes, a nonce never seen before, the signature
 * over the method, the URL, the query and the oauth_ parameters. Failures
 * answer in X's shapes: problem JSON ({"title", "detail", "type",
 * "status"}) for 401, 403 (the same text twice) and 429 (with the
 * x-rate-limit-* headers, the reset in Unix seconds), and an invalid-request
 * problem with "errors" for a text past 280 weighted characters or a reply
 * to a post that does not exist. Accepted entries are the request bodies.
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-fake-x"

#include "config.h"

#include <string.h>

#include "candor-fake-social.h"
#include "candor-fake-x.h"

#define MAX_WEIGHT 280
#define USER_ID    "1500000000000000001"

struct _CandorFakeX
{
  CandorFakeServer parent_instance;

  char       *consumer_key;
  char       *consumer_secret;
  char       *token;
  char       *token_secret;
  GHashTable *nonces;
  GHashTable *tweets; /* id -> text */
};

G_DEFINE_FINAL_TYPE (CandorFakeX, candor_fake_x, CANDOR_TYPE_FAKE_SERVER)

static void
reply_problem (SoupServerMessage *message, guint status, const char *title, const char *detail)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "title", title);
  json_object_set_string_member (object, "detail", detail);
  json_object_set_string_member (object, "type", "about:blank");
  json_object_set_int_member (object, "status", status);
  candor_fake_server_reply_object (message, status, object);
}

static void
reply_invalid (SoupServerMessage *message, const char *parameter, const char *text)
{
  JsonObject *object = json_object_new ();
  JsonObject *error = json_object_new ();
  JsonObject *parameters = json_object_new ();
  JsonArray  *values = json_array_new ();
  JsonArray  *errors = json_array_new ();

  json_array_add_string_element (values, "");
  json_object_set_array_member (parameters, parameter, values);
  json_object_set_object_member (error, "parameters", parameters);
  json_object_set_string_member (error, "message", text);
  json_array_add_object_element (errors, error);
  json_object_set_array_member (object, "errors", errors);
  json_object_set_string_member (object, "title", "Invalid Request");
  json_object_set_string_member (object, "detail",
                                 "One or more parameters to your request was invalid.");
  json_object_set_string_member (object, "type",
                                 "https://api.twitter.com/2/problems/invalid-request");
  candor_fake_server_reply_object (message, SOUP_STATUS_BAD_REQUEST, object);
}

/* RFC 3986 percent-encoding of everything but the unreserved characters. */
static char *
percent_encode (const char *text)
{
  return g_uri_escape_string (text, NULL, FALSE);
}

typedef struct
{
  char *key;
  char *value;
} Pair;

static int
compare_pairs (gconstpointer a, gconstpointer b)
{
  const Pair *x = a, *y = b;
  int         c = strcmp (x->key, y->key);

  return c != 0 ? c : strcmp (x->value, y->value);
}

static void
pair_clear (Pair *pair)
{
  g_free (pair->key);
  g_free (pair->value);
}

/* The Authorization header's oauth_ parameters, decoded. */
static GHashTable *
parse_authorization (const char *value)
{
  GHashTable *params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto (GStrv) items = NULL;

  if (value == NULL || !g_str_has_prefix (value, "OAuth "))
    return params;

  items = g_strsplit (value + strlen ("OAuth "), ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      char *item = g_strstrip (items[i]);
      char *equals = strchr (item, '=');
      gsize length;

      if (equals == NULL)
        continue;
      *equals = '\0';
      length = strlen (equals + 1);
      if (length < 2 || equals[1] != '"' || equals[length] != '"')
        continue;
      equals[length] = '\0';
      g_hash_table_insert (params, g_uri_unescape_string (item, NULL),
                           g_uri_unescape_string (equals + 2, NULL));
    }

  return params;
}

static gboolean
check_signature (CandorFakeX *self, SoupServerMessage *message, GHashTable *oauth)
{
  GUri       *uri = soup_server_message_get_uri (message);
  const char *query = g_uri_get_query (uri);
  g_autoptr (GArray) pairs = g_array_new (FALSE, FALSE, sizeof (Pair));
  g_autoptr (GString) normalized = g_string_new (NULL);
  g_autofree char *url = NULL;
  g_autofree char *enc_url = NULL;
  g_autofree char *enc_params = NULL;
  g_autofree char *base = NULL;
  g_autofree char *enc_cs = percent_encode (self->consumer_secret);
  g_autofree char *enc_ts = percent_encode (self->token_secret);
  g_autofree char *key = g_strconcat (enc_cs, "&", enc_ts, NULL);
  g_autoptr (GHmac) hmac = NULL;
  g_autofree char *expected = NULL;
  guint8           digest[20];
  gsize            digest_length = sizeof digest;
  GHashTableIter   iter;
  gpointer         name, value;

  g_array_set_clear_func (pairs, (GDestroyNotify)pair_clear);

  g_hash_table_iter_init (&iter, oauth);
  while (g_hash_table_iter_next (&iter, &name, &value))
    {
      Pair pair;

      if (g_str_equal (name, "oauth_signature") || g_str_equal (name, "realm"))
        continue;
      pair.key = percent_encode (name);
      pair.value = percent_encode (value);
      g_array_append_val (pairs, pair);
    }
  if (query != NULL)
    {
      g_auto (GStrv) items = g_strsplit (query, "&", -1);

      for (guint i = 0; items[i] != NULL; i++)
        {
          g_auto (GStrv) kv = g_strsplit (items[i], "=", 2);
          g_autofree char *k = g_uri_unescape_string (kv[0], NULL);
          g_autofree char *v = g_uri_unescape_string (kv[1] != NULL ? kv[1] : "", NULL);
          Pair             pair = { percent_encode (k), percent_encode (v) };

          g_array_append_val (pairs, pair);
        }
    }
  g_array_sort (pairs, compare_pairs);
  for (guint i = 0; i < pairs->len; i++)
    g_string_append_printf (normalized, "%s%s=%s", i == 0 ? "" : "&",
                            g_array_index (pairs, Pair, i).key,
                            g_array_index (pairs, Pair, i).value);

  url = g_strdup_printf ("%s%s", candor_fake_server_get_url (CANDOR_FAKE_SERVER (self)),
                         g_uri_get_path (uri));
  enc_url = percent_encode (url);
  enc_params = percent_encode (normalized->str);
  base =
    g_strdup_printf ("%s&%s&%s", soup_server_message_get_method (message), enc_url, enc_params);

  hmac = g_hmac_new (G_CHECKSUM_SHA1, (const guchar *)key, strlen (key));
  g_hmac_update (hmac, (const guchar *)base, -1);
  g_hmac_get_digest (hmac, digest, &digest_length);
  expected = g_base64_encode (digest, digest_length);

  return g_strcmp0 (g_hash_table_lookup (oauth, "oauth_signature"), expected) == 0;
}

/* Whether the request is signed by the app for the user; answers 401 if not. */
static gboolean
authorize (CandorFakeX *self, SoupServerMessage *message)
{
  g_autoptr (GHashTable) oauth = parse_authorization (soup_message_headers_get_one (
    soup_server_message_get_request_headers (message), "Authorization"));
  const char *timestamp = g_hash_table_lookup (oauth, "oauth_timestamp");
  const char *nonce = g_hash_table_lookup (oauth, "oauth_nonce");
  gint64      now = g_get_real_time () / G_USEC_PER_SEC;

  if (g_strcmp0 (g_hash_table_lookup (oauth, "oauth_consumer_key"), self->consumer_key) != 0 ||
      g_strcmp0 (g_hash_table_lookup (oauth, "oauth_token"), self->token) != 0 ||
      g_strcmp0 (g_hash_table_lookup (oauth, "oauth_signature_method"), "HMAC-SHA1") != 0 ||
      g_strcmp0 (g_hash_table_lookup (oauth, "oauth_version"), "1.0") != 0 || timestamp == NULL ||
      ABS (g_ascii_strtoll (timestamp, NULL, 10) - now) > 300 || nonce == NULL ||
      g_hash_table_contains (self->nonces, nonce) || !check_signature (self, message, oauth))
    {
      reply_problem (message, SOUP_STATUS_UNAUTHORIZED, "Unauthorized", "Unauthorized");
      return FALSE;
    }

  g_hash_table_add (self->nonces, g_strdup (nonce));
  return TRUE;
}

static void
post_tweet (CandorFakeX *self, SoupServerMessage *message, GBytes *body)
{
  g_autoptr (JsonNode) node = candor_fake_server_parse_object (body);
  JsonObject      *request, *reply, *data;
  JsonNode        *reply_node;
  const char      *text;
  g_autofree char *id = NULL;
  GHashTableIter   iter;
  gpointer         value;

  if (node == NULL || !candor_fake_server_is_json (message))
    {
      reply_invalid (message, "text", "The request body is not valid JSON.");
      return;
    }
  request = json_node_get_object (node);
  text = json_object_get_string_member_with_default (request, "text", NULL);
  if (text == NULL || *text == '\0')
    {
      reply_invalid (message, "text", "The `text` field is required.");
      return;
    }
  if (candor_fake_social_count_weighted (text) > MAX_WEIGHT)
    {
      reply_invalid (message, "text", "Your Tweet text is too long.");
      return;
    }
  reply_node = json_object_get_member (request, "reply");
  if (reply_node != NULL)
    {
      const char *to = JSON_NODE_HOLDS_OBJECT (reply_node)
                         ? json_object_get_string_member_with_default (
                             json_node_get_object (reply_node), "in_reply_to_tweet_id", NULL)
                         : NULL;

      if (to == NULL || !g_hash_table_contains (self->tweets, to))
        {
          reply_invalid (message, "reply.in_reply_to_tweet_id",
                         "The Tweet you are replying to does not exist.");
          return;
        }
    }
  g_hash_table_iter_init (&iter, self->tweets);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (g_str_equal (value, text))
      {
        reply_problem (message, SOUP_STATUS_FORBIDDEN, "Forbidden",
                       "You are not allowed to create a Tweet with duplicate content.");
        return;
      }

  id = g_strdup_printf ("18000000000%08" G_GUINT64_FORMAT,
                        candor_fake_server_next_serial (CANDOR_FAKE_SERVER (self)));
  g_hash_table_insert (self->tweets, g_strdup (id), g_strdup (text));
  candor_fake_server_accept (CANDOR_FAKE_SERVER (self), node);

  reply = json_object_new ();
  data = json_object_new ();
  json_object_set_string_member (data, "id", id);
  json_object_set_string_member (data, "text", text);
  {
    JsonArray *history = json_array_new ();

    json_array_add_string_element (history, id);
    json_object_set_array_member (data, "edit_history_tweet_ids", history);
  }
  json_object_set_object_member (reply, "data", data);
  candor_fake_server_reply_object (message, SOUP_STATUS_CREATED, reply);
}

static void
candor_fake_x_handle (CandorFakeServer  *server,
                      SoupServerMessage *message,
                      const char        *path,
                      GHashTable        *query,
                      GBytes            *body)
{
  CandorFakeX *self = CANDOR_FAKE_X (server);
  const char  *method = soup_server_message_get_method (message);

  if (!g_str_equal (path, "/2/tweets") && !g_str_equal (path, "/2/users/me"))
    {
      reply_problem (message, SOUP_STATUS_NOT_FOUND, "Not Found Error", "Not Found");
      return;
    }
  if (!authorize (self, message))
    return;

  if (g_str_equal (path, "/2/tweets") && g_str_equal (method, "POST"))
    post_tweet (self, message, body);
  else if (g_str_equal (path, "/2/users/me") && g_str_equal (method, "GET"))
    {
      JsonObject *reply = json_object_new ();
      JsonObject *data = json_object_new ();

      json_object_set_string_member (data, "id", USER_ID);
      json_object_set_string_member (data, "name", "Candor Status");
      json_object_set_string_member (data, "username", "candor_status");
      json_object_set_object_member (reply, "data", data);
      candor_fake_server_reply_object (message, SOUP_STATUS_OK, reply);
    }
  else
    reply_problem (message, SOUP_STATUS_METHOD_NOT_ALLOWED, "Method Not Allowed",
                   "Method Not Allowed");
}

static void
candor_fake_x_answer_fault (CandorFakeServer  *server,
                            SoupServerMessage *message,
                            guint              status,
                            guint              retry_after)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  g_autofree char    *reset = NULL;

  if (status != CANDOR_FAKE_STATUS_TOO_MANY_REQUESTS)
    {
      reply_problem (message, status, "Service Unavailable", "Service Unavailable");
      return;
    }

  reset = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC + retry_after);
  soup_message_headers_replace (headers, "x-rate-limit-limit", "100");
  soup_message_headers_replace (headers, "x-rate-limit-remaining", "0");
  soup_message_headers_replace (headers, "x-rate-limit-reset", reset);
  reply_problem (message, status, "Too Many Requests", "Too Many Requests");
}

static void
candor_fake_x_finalize (GObject *object)
{
  CandorFakeX *self = CANDOR_FAKE_X (object);

  g_free (self->consumer_key);
  g_free (self->consumer_secret);
  g_free (self->token);
  g_free (self->token_secret);
  g_clear_pointer (&self->nonces, g_hash_table_unref);
  g_clear_pointer (&self->tweets, g_hash_table_unref);

  G_OBJECT_CLASS (candor_fake_x_parent_class)->finalize (object);
}

static void
candor_fake_x_class_init (CandorFakeXClass *klass)
{
  GObjectClass          *object_class = G_OBJECT_CLASS (klass);
  CandorFakeServerClass *server_class = CANDOR_FAKE_SERVER_CLASS (klass);

  object_class->finalize = candor_fake_x_finalize;
  server_class->handle = candor_fake_x_handle;
  server_class->answer_fault = candor_fake_x_answer_fault;
}

static void
candor_fake_x_init (CandorFakeX *self)
{
  self->nonces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->tweets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

CandorFakeX *
candor_fake_x_new (GTlsCertificate *certificate,
                   const char      *consumer_key,
                   const char      *consumer_secret,
                   const char      *token,
                   const char      *token_secret,
                   GError         **error)
{
  CandorFakeX *self;

  self = g_initable_new (CANDOR_TYPE_FAKE_X, NULL, error, "tls-certificate", certificate, NULL);
  if (self == NULL)
    return NULL;

  self->consumer_key = g_strdup (consumer_key);
  self->consumer_secret = g_strdup (consumer_secret);
  self->token = g_strdup (token);
  self->token_secret = g_strdup (token_secret);

  return self;
}
