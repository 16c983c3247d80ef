/* candor-fake-mastodon.c
 *
 * A fake of a Mastodon instance's REST API, the parts a channel uses:
 * GET /api/v2/instance, GET /api/v1/accounts/verify_credentials and
 * POST /api/v1/statuses, with Mastodon's checks and error shapes: a bearer
 * token ({"error": "The access token is invalid"}, 401), the instance's
 * character limit with every URL as 23 (422 "Validation failed: ..."),
 * in_reply_to_id naming a status (404 "Record not found"), the
 * Idempotency-Key (the same key from the same account gets the first status
 * back and posts nothing), and rate limits answered with X-RateLimit-*
 * headers and no Retry-After, as rack-attack does there. Accepted entries
 * are the statuses' request bodies.
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-fake-mastodon"

#include "config.h"

#include "candor-fake-mastodon.h"
#include "candor-fake-social.h"

#define URL_WEIGHT 23

struct _CandorFakeMastodon
{
  CandorFakeServer parent_instance;

  char       *access_token;
  guint       max_characters;
  GHashTable *statuses;    /* id -> JsonObject, as answered */
  GHashTable *idempotency; /* key -> id */
};

G_DEFINE_FINAL_TYPE (CandorFakeMastodon, candor_fake_mastodon, CANDOR_TYPE_FAKE_SERVER)

static const char *const visibilities[] = { "public", "unlisted", "private", "direct", NULL };

static void
reply_error (SoupServerMessage *message, guint status, const char *text)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "error", text);
  candor_fake_server_reply_object (message, status, object);
}

static void
instance (CandorFakeMastodon *self, SoupServerMessage *message)
{
  JsonObject *reply = json_object_new ();
  JsonObject *configuration = json_object_new ();
  JsonObject *statuses = json_object_new ();

  json_object_set_int_member (statuses, "max_characters", self->max_characters);
  json_object_set_int_member (statuses, "max_media_attachments", 4);
  json_object_set_int_member (statuses, "characters_reserved_per_url", URL_WEIGHT);
  json_object_set_object_member (configuration, "statuses", statuses);
  json_object_set_string_member (reply, "domain", "mastodon.fake.invalid");
  json_object_set_string_member (reply, "title", "Fake Mastodon");
  json_object_set_string_member (reply, "version", "4.2.0");
  json_object_set_object_member (reply, "configuration", configuration);
  candor_fake_server_reply_object (message, SOUP_STATUS_OK, reply);
}

static void
verify_credentials (CandorFakeMastodon *self, SoupServerMessage *message)
{
  g_autofree char *url =
    g_strconcat (candor_fake_server_get_url (CANDOR_FAKE_SERVER (self)), "/@candor", NULL);
  JsonObject *reply = json_object_new ();

  json_object_set_string_member (reply, "id", "109");
  json_object_set_string_member (reply, "username", "candor");
  json_object_set_string_member (reply, "acct", "candor");
  json_object_set_string_member (reply, "url", url);
  candor_fake_server_reply_object (message, SOUP_STATUS_OK, reply);
}

static void
post_status (CandorFakeMastodon *self, SoupServerMessage *message, GBytes *body)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  const char         *key = soup_message_headers_get_one (headers, "Idempotency-Key");
  g_autoptr (JsonNode) node = NULL;
  JsonObject      *request;
  JsonObject      *status;
  const char      *text, *visibility, *reply_to, *known;
  g_autofree char *id = NULL;
  g_autofree char *url = NULL;
  guint            length;

  if (key != NULL && (known = g_hash_table_lookup (self->idempotency, key)) != NULL)
    {
      status = g_hash_table_lookup (self->statuses, known);
      candor_fake_server_reply_object (message, SOUP_STATUS_OK, json_object_ref (status));
      return;
    }

  node = candor_fake_server_parse_object (body);
  if (node == NULL || !candor_fake_server_is_json (message))
    {
      reply_error (message, SOUP_STATUS_UNPROCESSABLE_ENTITY,
                   "Validation failed: Text can't be blank");
      return;
    }
  request = json_node_get_object (node);
  text = json_object_get_string_member_with_default (request, "status", "");
  visibility = json_object_get_string_member_with_default (request, "visibility", "public");
  reply_to = json_object_get_string_member_with_default (request, "in_reply_to_id", NULL);

  if (*text == '\0')
    {
      reply_error (message, SOUP_STATUS_UNPROCESSABLE_ENTITY,
                   "Validation failed: Text can't be blank");
      return;
    }
  length = candor_fake_social_count_clusters (text, URL_WEIGHT);
  if (length > self->max_characters)
    {
      g_autofree char *words = g_strdup_printf (
        "Validation failed: Text character limit of %u exceeded", self->max_characters);

      reply_error (message, SOUP_STATUS_UNPROCESSABLE_ENTITY, words);
      return;
    }
  if (!g_strv_contains (visibilities, visibility))
    {
      reply_error (message, SOUP_STATUS_UNPROCESSABLE_ENTITY,
                   "Validation failed: Visibility is not included in the list");
      return;
    }
  if (reply_to != NULL && !g_hash_table_contains (self->statuses, reply_to))
    {
      reply_error (message, SOUP_STATUS_NOT_FOUND, "Record not found");
      return;
    }

  id = g_strdup_printf ("1100%012" G_GUINT64_FORMAT,
                        candor_fake_server_next_serial (CANDOR_FAKE_SERVER (self)));
  url =
    g_strdup_printf ("%s/@candor/%s", candor_fake_server_get_url (CANDOR_FAKE_SERVER (self)), id);
  status = json_object_new ();
  json_object_set_string_member (status, "id", id);
  json_object_set_string_member (status, "created_at", "2026-01-01T00:00:00.000Z");
  if (reply_to != NULL)
    json_object_set_string_member (status, "in_reply_to_id", reply_to);
  else
    json_object_set_null_member (status, "in_reply_to_id");
  json_object_set_string_member (status, "visibility", visibility);
  json_object_set_string_member (
    status, "language", json_object_get_string_member_with_default (request, "language", "en"));
  json_object_set_string_member (status, "uri", url);
  json_object_set_string_member (status, "url", url);
  json_object_set_string_member (status, "content", text);
  g_hash_table_insert (self->statuses, g_strdup (id), json_object_ref (status));
  if (key != NULL)
    g_hash_table_insert (self->idempotency, g_strdup (key), g_strdup (id));
  candor_fake_server_accept (CANDOR_FAKE_SERVER (self), node);

  candor_fake_server_reply_object (message, SOUP_STATUS_OK, status);
}

static void
candor_fake_mastodon_handle (CandorFakeServer  *server,
                             SoupServerMessage *message,
                             const char        *path,
                             GHashTable        *query,
                             GBytes            *body)
{
  CandorFakeMastodon *self = CANDOR_FAKE_MASTODON (server);
  const char         *method = soup_server_message_get_method (message);
  const char         *token = candor_fake_server_get_bearer (message);

  if (g_str_equal (path, "/api/v2/instance") && g_str_equal (method, "GET"))
    {
      instance (self, message);
      return;
    }

  if (!g_str_equal (path, "/api/v1/accounts/verify_credentials") &&
      !g_str_equal (path, "/api/v1/statuses"))
    {
      reply_error (message, SOUP_STATUS_NOT_FOUND, "Record not found");
      return;
    }

  if (token == NULL || !g_str_equal (token, self->access_token))
    {
      reply_error (message, SOUP_STATUS_UNAUTHORIZED, "The access token is invalid");
      return;
    }

  if (g_str_equal (path, "/api/v1/accounts/verify_credentials") && g_str_equal (method, "GET"))
    verify_credentials (self, message);
  else if (g_str_equal (path, "/api/v1/statuses") && g_str_equal (method, "POST"))
    post_status (self, message, body);
  else
    reply_error (message, SOUP_STATUS_NOT_FOUND, "Record not found");
}

static void
candor_fake_mastodon_answer_fault (CandorFakeServer  *server,
                                   SoupServerMessage *message,
                                   guint              status,
                                   guint              retry_after)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  g_autoptr (GDateTime) now = NULL;
  g_autoptr (GDateTime) reset = NULL;
  g_autofree char *reset_text = NULL;

  if (status != CANDOR_FAKE_STATUS_TOO_MANY_REQUESTS)
    {
      CANDOR_FAKE_SERVER_CLASS (candor_fake_mastodon_parent_class)
        ->answer_fault (server, message, status, retry_after);
      return;
    }

  now = g_date_time_new_now_utc ();
  reset = g_date_time_add_seconds (now, retry_after);
  reset_text = g_date_time_format_iso8601 (reset);
  soup_message_headers_replace (headers, "X-RateLimit-Limit", "300");
  soup_message_headers_replace (headers, "X-RateLimit-Remaining", "0");
  soup_message_headers_replace (headers, "X-RateLimit-Reset", reset_text);
  reply_error (message, status, "Too many requests");
}

static void
candor_fake_mastodon_finalize (GObject *object)
{
  CandorFakeMastodon *self = CANDOR_FAKE_MASTODON (object);

  g_free (self->access_token);
  g_clear_pointer (&self->statuses, g_hash_table_unref);
  g_clear_pointer (&self->idempotency, g_hash_table_unref);

  G_OBJECT_CLASS (candor_fake_mastodon_parent_class)->finalize (object);
}

static void
candor_fake_mastodon_class_init (CandorFakeMastodonClass *klass)
{
  GObjectClass          *object_class = G_OBJECT_CLASS (klass);
  CandorFakeServerClass *server_class = CANDOR_FAKE_SERVER_CLASS (klass);

  object_class->finalize = candor_fake_mastodon_finalize;
  server_class->handle = candor_fake_mastodon_handle;
  server_class->answer_fault = candor_fake_mastodon_answer_fault;
}

static void
candor_fake_mastodon_init (CandorFakeMastodon *self)
{
  self->statuses =
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)json_object_unref);
  self->idempotency = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

CandorFakeMastodon *
candor_fake_mastodon_new (GTlsCertificate *certificate,
                          const char      *access_token,
                          guint            max_characters,
                          GError         **error)
{
  CandorFakeMastodon *self;

  g_return_val_if_fail (access_token != NULL, NULL);
  g_return_val_if_fail (max_characters > 0, NULL);

  self =
    g_initable_new (CANDOR_TYPE_FAKE_MASTODON, NULL, error, "tls-certificate", certificate, NULL);
  if (self == NULL)
    return NULL;

  self->access_token = g_strdup (access_token);
  self->max_characters = max_characters;

  return self;
}
