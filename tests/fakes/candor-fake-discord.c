/* candor-fake-discord.c
 *
 * A fake of Discord's "Execute Webhook": POST /api[/vN]/webhooks/{id}/{token}
 * with a JSON message, ?wait=true for the created message object and
 * ?thread_id= to post in a thread of the webhook's channel.
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-fake-discord"

#include "config.h"

#include "candor-fake-discord.h"

#define MAX_CONTENT_CHARACTERS     2000
#define MAX_EMBEDS                 10
#define MAX_DESCRIPTION_CHARACTERS 4096
#define DISCORD_EPOCH_MS           G_GINT64_CONSTANT (1420070400000)

/* Discord's JSON error codes. */
#define CODE_UNKNOWN_CHANNEL 10003
#define CODE_UNKNOWN_WEBHOOK 10015
#define CODE_EMPTY_MESSAGE   50006
#define CODE_INVALID_TOKEN   50027
#define CODE_INVALID_FORM    50035
#define CODE_INVALID_JSON    50109

struct _CandorFakeDiscord
{
  CandorFakeServer parent_instance;

  char       *webhook_id;
  char       *webhook_token;
  char       *channel_id;
  GHashTable *threads;
};

G_DEFINE_FINAL_TYPE (CandorFakeDiscord, candor_fake_discord, CANDOR_TYPE_FAKE_SERVER)

static void
reply_error (SoupServerMessage *message, guint status, const char *text, int code)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "message", text);
  json_object_set_int_member (object, "code", code);
  candor_fake_server_reply_object (message, status, object);
}

/* 50035 names the offending field by its path, as
 * {"errors": {"embeds": {"0": {"description": {"_errors": [...]}}}}}.
 */
static void
reply_invalid_form (SoupServerMessage *message,
                    const char *const *field_path,
                    const char        *error_code,
                    const char        *text)
{
  JsonObject *object = json_object_new ();
  JsonObject *errors = json_object_new ();
  JsonObject *leaf = errors;
  JsonObject *detail = json_object_new ();
  JsonArray  *list = json_array_new ();

  for (guint i = 0; field_path[i] != NULL; i++)
    {
      JsonObject *next = json_object_new ();

      json_object_set_object_member (leaf, field_path[i], next);
      leaf = next;
    }
  json_object_set_string_member (detail, "code", error_code);
  json_object_set_string_member (detail, "message", text);
  json_array_add_object_element (list, detail);
  json_object_set_array_member (leaf, "_errors", list);

  json_object_set_string_member (object, "message", "Invalid Form Body");
  json_object_set_int_member (object, "code", CODE_INVALID_FORM);
  json_object_set_object_member (object, "errors", errors);
  candor_fake_server_reply_object (message, SOUP_STATUS_BAD_REQUEST, object);
}

/* Splits ".../webhooks/{id}/{token}" after an optional "/api" and "/vN". */
static gboolean
parse_path (const char *path, char **id, char **token)
{
  g_auto (GStrv) parts = g_strsplit (path, "/", -1);
  guint i = 1;

  if (parts[i] != NULL && g_str_equal (parts[i], "api"))
    i++;
  if (parts[i] != NULL && parts[i][0] == 'v' && g_ascii_isdigit (parts[i][1]))
    i++;
  if (parts[i] == NULL || !g_str_equal (parts[i], "webhooks") || parts[i + 1] == NULL ||
      parts[i + 2] == NULL || parts[i + 3] != NULL)
    return FALSE;

  *id = g_strdup (parts[i + 1]);
  *token = g_strdup (parts[i + 2]);
  return TRUE;
}

static gboolean
validate (SoupServerMessage *message, JsonObject *object)
{
  JsonNode *content = json_object_get_member (object, "content");
  JsonNode *embeds = json_object_get_member (object, "embeds");
  gboolean  has_content = FALSE;
  gboolean  has_embeds = FALSE;

  if (content != NULL && !JSON_NODE_HOLDS_NULL (content))
    {
      const char *const field[] = { "content", NULL };

      if (!JSON_NODE_HOLDS_VALUE (content) || json_node_get_value_type (content) != G_TYPE_STRING)
        {
          reply_invalid_form (message, field, "BASE_TYPE_STRING", "Must be a string.");
          return FALSE;
        }
      if (g_utf8_strlen (json_node_get_string (content), -1) > MAX_CONTENT_CHARACTERS)
        {
          reply_invalid_form (message, field, "BASE_TYPE_MAX_LENGTH",
                              "Must be 2000 or fewer in length.");
          return FALSE;
        }
      has_content = *json_node_get_string (content) != '\0';
    }

  if (embeds != NULL && !JSON_NODE_HOLDS_NULL (embeds))
    {
      const char *const field[] = { "embeds", NULL };
      JsonArray        *array;

      if (!JSON_NODE_HOLDS_ARRAY (embeds))
        {
          reply_invalid_form (message, field, "BASE_TYPE_ARRAY", "Must be an array.");
          return FALSE;
        }
      array = json_node_get_array (embeds);
      if (json_array_get_length (array) > MAX_EMBEDS)
        {
          reply_invalid_form (message, field, "BASE_TYPE_MAX_LENGTH",
                              "Must be 10 or fewer in length.");
          return FALSE;
        }
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode         *embed = json_array_get_element (array, i);
          g_autofree char  *index = g_strdup_printf ("%u", i);
          const char *const embed_field[] = { "embeds", index, NULL };
          const char *const description_field[] = { "embeds", index, "description", NULL };
          const char       *description;

          if (!JSON_NODE_HOLDS_OBJECT (embed))
            {
              reply_invalid_form (message, embed_field, "MODEL_TYPE_CONVERT",
                                  "Only dictionaries may be used in a ModelType");
              return FALSE;
            }
          description = json_object_get_string_member_with_default (json_node_get_object (embed),
                                                                    "description", "");
          if (g_utf8_strlen (description, -1) > MAX_DESCRIPTION_CHARACTERS)
            {
              reply_invalid_form (message, description_field, "BASE_TYPE_MAX_LENGTH",
                                  "Must be 4096 or fewer in length.");
              return FALSE;
            }
        }
      has_embeds = json_array_get_length (array) > 0;
    }

  if (!has_content && !has_embeds)
    {
      reply_error (message, SOUP_STATUS_BAD_REQUEST, "Cannot send an empty message",
                   CODE_EMPTY_MESSAGE);
      return FALSE;
    }

  return TRUE;
}

static JsonObject *
make_message (CandorFakeDiscord *self, JsonObject *posted, const char *channel_id)
{
  guint64          serial = candor_fake_server_next_serial (CANDOR_FAKE_SERVER (self));
  gint64           now_ms = g_get_real_time () / 1000;
  g_autofree char *id =
    g_strdup_printf ("%" G_GUINT64_FORMAT, ((guint64)(now_ms - DISCORD_EPOCH_MS) << 22) + serial);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *timestamp = g_date_time_format_iso8601 (now);
  JsonObject      *object = json_object_new ();
  JsonObject      *author = json_object_new ();
  JsonNode        *embeds = json_object_get_member (posted, "embeds");

  json_object_set_string_member (author, "id", self->webhook_id);
  json_object_set_string_member (author, "username", "Candor");
  json_object_set_null_member (author, "avatar");
  json_object_set_string_member (author, "discriminator", "0000");
  json_object_set_boolean_member (author, "bot", TRUE);

  json_object_set_string_member (object, "id", id);
  json_object_set_int_member (object, "type", 0);
  json_object_set_string_member (
    object, "content", json_object_get_string_member_with_default (posted, "content", ""));
  json_object_set_string_member (object, "channel_id", channel_id);
  json_object_set_object_member (object, "author", author);
  json_object_set_array_member (object, "attachments", json_array_new ());
  if (embeds != NULL && JSON_NODE_HOLDS_ARRAY (embeds))
    json_object_set_member (object, "embeds", json_node_copy (embeds));
  else
    json_object_set_array_member (object, "embeds", json_array_new ());
  json_object_set_array_member (object, "mentions", json_array_new ());
  json_object_set_array_member (object, "mention_roles", json_array_new ());
  json_object_set_boolean_member (object, "pinned", FALSE);
  json_object_set_boolean_member (object, "mention_everyone", FALSE);
  json_object_set_boolean_member (object, "tts", FALSE);
  json_object_set_string_member (object, "timestamp", timestamp);
  json_object_set_null_member (object, "edited_timestamp");
  json_object_set_int_member (object, "flags", 0);
  json_object_set_array_member (object, "components", json_array_new ());
  json_object_set_string_member (object, "webhook_id", self->webhook_id);

  return object;
}

static void
candor_fake_discord_handle (CandorFakeServer  *server,
                            SoupServerMessage *message,
                            const char        *path,
                            GHashTable        *query,
                            GBytes            *body)
{
  CandorFakeDiscord *self = CANDOR_FAKE_DISCORD (server);
  g_autofree char   *id = NULL;
  g_autofree char   *token = NULL;
  g_autoptr (JsonNode) node = NULL;
  const char *wait = query != NULL ? g_hash_table_lookup (query, "wait") : NULL;
  const char *thread_id = query != NULL ? g_hash_table_lookup (query, "thread_id") : NULL;
  JsonObject *posted;

  if (!parse_path (path, &id, &token))
    {
      reply_error (message, SOUP_STATUS_NOT_FOUND, "404: Not Found", 0);
      return;
    }
  if (!g_str_equal (id, self->webhook_id))
    {
      reply_error (message, SOUP_STATUS_NOT_FOUND, "Unknown Webhook", CODE_UNKNOWN_WEBHOOK);
      return;
    }
  if (!g_str_equal (token, self->webhook_token))
    {
      reply_error (message, SOUP_STATUS_UNAUTHORIZED, "Invalid Webhook Token", CODE_INVALID_TOKEN);
      return;
    }
  if (g_strcmp0 (soup_server_message_get_method (message), SOUP_METHOD_POST) != 0)
    {
      reply_error (message, SOUP_STATUS_METHOD_NOT_ALLOWED, "405: Method Not Allowed", 0);
      return;
    }

  node = candor_fake_server_parse_object (body);
  if (node == NULL)
    {
      reply_error (message, SOUP_STATUS_BAD_REQUEST, "The request body contains invalid JSON.",
                   CODE_INVALID_JSON);
      return;
    }
  posted = json_node_get_object (node);

  if (thread_id != NULL && !g_hash_table_contains (self->threads, thread_id))
    {
      reply_error (message, SOUP_STATUS_NOT_FOUND, "Unknown Channel", CODE_UNKNOWN_CHANNEL);
      return;
    }

  if (!validate (message, posted))
    return;

  candor_fake_server_accept (server, node);

  if (g_strcmp0 (wait, "true") == 0)
    candor_fake_server_reply_object (
      message, SOUP_STATUS_OK,
      make_message (self, posted, thread_id != NULL ? thread_id : self->channel_id));
  else
    soup_server_message_set_status (message, SOUP_STATUS_NO_CONTENT, NULL);
}

static void
candor_fake_discord_answer_fault (CandorFakeServer  *server,
                                  SoupServerMessage *message,
                                  guint              status,
                                  guint              retry_after)
{
  JsonObject *object;

  if (status != CANDOR_FAKE_STATUS_TOO_MANY_REQUESTS)
    {
      CANDOR_FAKE_SERVER_CLASS (candor_fake_discord_parent_class)
        ->answer_fault (server, message, status, retry_after);
      return;
    }

  object = json_object_new ();
  json_object_set_string_member (object, "message", "You are being rate limited.");
  json_object_set_double_member (object, "retry_after", retry_after);
  json_object_set_boolean_member (object, "global", FALSE);
  candor_fake_server_set_retry_after (message, retry_after);
  soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                "X-RateLimit-Scope", "user");
  candor_fake_server_reply_object (message, status, object);
}

static void
candor_fake_discord_finalize (GObject *object)
{
  CandorFakeDiscord *self = CANDOR_FAKE_DISCORD (object);

  g_free (self->webhook_id);
  g_free (self->webhook_token);
  g_free (self->channel_id);
  g_clear_pointer (&self->threads, g_hash_table_unref);

  G_OBJECT_CLASS (candor_fake_discord_parent_class)->finalize (object);
}

static void
candor_fake_discord_class_init (CandorFakeDiscordClass *klass)
{
  GObjectClass          *object_class = G_OBJECT_CLASS (klass);
  CandorFakeServerClass *server_class = CANDOR_FAKE_SERVER_CLASS (klass);

  object_class->finalize = candor_fake_discord_finalize;
  server_class->handle = candor_fake_discord_handle;
  server_class->answer_fault = candor_fake_discord_answer_fault;
}

static void
candor_fake_discord_init (CandorFakeDiscord *self)
{
  self->threads = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * candor_fake_discord_new:
 * @certificate: (nullable): serve https with it, or http without
 * @channel_id: the channel the webhook posts to
 */
CandorFakeDiscord *
candor_fake_discord_new (GTlsCertificate *certificate,
                         const char      *webhook_id,
                         const char      *webhook_token,
                         const char      *channel_id,
                         GError         **error)
{
  CandorFakeDiscord *self;

  g_return_val_if_fail (webhook_id != NULL, NULL);
  g_return_val_if_fail (webhook_token != NULL, NULL);
  g_return_val_if_fail (channel_id != NULL, NULL);

  self =
    g_initable_new (CANDOR_TYPE_FAKE_DISCORD, NULL, error, "tls-certificate", certificate, NULL);
  if (self == NULL)
    return NULL;

  self->webhook_id = g_strdup (webhook_id);
  self->webhook_token = g_strdup (webhook_token);
  self->channel_id = g_strdup (channel_id);

  return self;
}

/**
 * candor_fake_discord_get_webhook_url:
 *
 * Returns: (transfer full): the webhook's URL, token included
 */
char *
candor_fake_discord_get_webhook_url (CandorFakeDiscord *self)
{
  g_return_val_if_fail (CANDOR_IS_FAKE_DISCORD (self), NULL);

  return g_strdup_printf ("%s/api/webhooks/%s/%s",
                          candor_fake_server_get_url (CANDOR_FAKE_SERVER (self)), self->webhook_id,
                          self->webhook_token);
}

/* A thread in the webhook's channel, which ?thread_id= may name. */
void
candor_fake_discord_add_thread (CandorFakeDiscord *self, const char *thread_id)
{
  g_return_if_fail (CANDOR_IS_FAKE_DISCORD (self));
  g_return_if_fail (thread_id != NULL);

  g_hash_table_add (self->threads, g_strdup (thread_id));
}
