/* candor-fake-telegram.c
 *
 * A fake of the Telegram Bot API: POST /bot{token}/sendMessage, getMe and getChat,
 * arguments as JSON, a form or the query, answers {"ok", "result"} or
 * {"ok": false, "error_code", "description"}. With parse_mode "HTML" the
 * text is parsed as Telegram does: only its tags, balanced, and the length
 * limit counts the text left once the tags are gone. The Markdown modes are
 * taken but not parsed: Candor sends HTML.
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-fake-telegram"

#include "config.h"

#include "candor-fake-telegram.h"

#define MAX_TEXT_CHARACTERS 4096
#define BOT_ID              7000000001
#define CHANNEL_NUMERIC_ID  G_GINT64_CONSTANT (-1001000000001)

struct _CandorFakeTelegram
{
  CandorFakeServer parent_instance;

  char       *bot_token;
  char       *chat_id;
  gboolean    bot_removed;
  GHashTable *message_ids;
};

G_DEFINE_FINAL_TYPE (CandorFakeTelegram, candor_fake_telegram, CANDOR_TYPE_FAKE_SERVER)

static const char *const supported_tags[] = {
  "b",    "strong", "i",    "em",  "u",          "ins",        "s",        "strike", "del",
  "span", "a",      "code", "pre", "blockquote", "tg-spoiler", "tg-emoji", NULL,
};

static void
reply_error (SoupServerMessage *message, guint status, const char *description)
{
  JsonObject *object = json_object_new ();

  json_object_set_boolean_member (object, "ok", FALSE);
  json_object_set_int_member (object, "error_code", status);
  json_object_set_string_member (object, "description", description);
  candor_fake_server_reply_object (message, status, object);
}

static void
reply_result (SoupServerMessage *message, JsonObject *result)
{
  JsonObject *object = json_object_new ();

  json_object_set_boolean_member (object, "ok", TRUE);
  json_object_set_object_member (object, "result", result);
  candor_fake_server_reply_object (message, SOUP_STATUS_OK, object);
}

/* Decodes the entities Telegram knows: &lt; &gt; &amp; &quot; and numeric
 * ones. Anything else after "&" stays as it is, as Telegram leaves it.
 */
static const char *
append_entity (GString *text, const char *p)
{
  static const struct
  {
    const char *name;
    gunichar    character;
  } named[] = { { "&lt;", '<' }, { "&gt;", '>' }, { "&amp;", '&' }, { "&quot;", '"' } };

  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    if (g_str_has_prefix (p, named[i].name))
      {
        g_string_append_unichar (text, named[i].character);
        return p + strlen (named[i].name);
      }

  if (p[1] == '#')
    {
      gboolean    hex = p[2] == 'x' || p[2] == 'X';
      const char *digits = p + (hex ? 3 : 2);
      char       *end;
      guint64     value = g_ascii_strtoull (digits, &end, hex ? 16 : 10);

      if (end != digits && *end == ';' && g_unichar_validate ((gunichar)value))
        {
          g_string_append_unichar (text, (gunichar)value);
          return end + 1;
        }
    }

  g_string_append_c (text, '&');
  return p + 1;
}

/* Parses Telegram's HTML into its plain text, or sets @error to the
 * description Telegram gives.
 */
static char *
parse_html (const char *html, char **error)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GPtrArray) open = g_ptr_array_new_with_free_func (g_free);
  const char *p = html;

  while (*p != '\0')
    {
      gsize            offset = p - html;
      const char      *close;
      gboolean         is_end;
      const char      *name_start;
      g_autofree char *name = NULL;

      if (*p == '&')
        {
          p = append_entity (text, p);
          continue;
        }
      if (*p != '<')
        {
          g_string_append_c (text, *p++);
          continue;
        }

      close = strchr (p, '>');
      if (close == NULL)
        {
          *error = g_strdup_printf ("Unclosed start tag at byte offset %" G_GSIZE_FORMAT, offset);
          return NULL;
        }

      is_end = p[1] == '/';
      name_start = p + (is_end ? 2 : 1);
      name = g_ascii_strdown (name_start, strcspn (name_start, " \t\n>/"));

      if (is_end)
        {
          const char *expected;

          if (open->len == 0)
            {
              *error =
                g_strdup_printf ("Unexpected end tag at byte offset %" G_GSIZE_FORMAT, offset);
              return NULL;
            }
          expected = g_ptr_array_index (open, open->len - 1);
          if (!g_str_equal (expected, name))
            {
              *error = g_strdup_printf ("Unmatched end tag at byte offset %" G_GSIZE_FORMAT
                                        ", expected \"</%s>\", found \"</%s>\"",
                                        offset, expected, name);
              return NULL;
            }
          g_ptr_array_remove_index (open, open->len - 1);
        }
      else
        {
          g_autofree char *attributes =
            g_strndup (name_start + strlen (name), close - (name_start + strlen (name)));

          if (!g_strv_contains (supported_tags, name))
            {
              *error = g_strdup_printf (
                "Unsupported start tag \"%s\" at byte offset %" G_GSIZE_FORMAT, name, offset);
              return NULL;
            }
          if (g_str_equal (name, "span") && strstr (attributes, "class=\"tg-spoiler\"") == NULL)
            {
              *error =
                g_strdup_printf ("Tag \"span\" must have class \"tg-spoiler\" at byte offset "
                                 "%" G_GSIZE_FORMAT,
                                 offset);
              return NULL;
            }
          g_ptr_array_add (open, g_steal_pointer (&name));
        }

      p = close + 1;
    }

  if (open->len > 0)
    {
      *error = g_strdup_printf ("Can't find end tag corresponding to start tag \"%s\"",
                                (char *)g_ptr_array_index (open, open->len - 1));
      return NULL;
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static JsonObject *
read_arguments (SoupServerMessage *message, GHashTable *query, GBytes *body)
{
  JsonObject    *arguments = NULL;
  GHashTableIter iter;
  gpointer       key, value;

  if (candor_fake_server_is_json (message))
    {
      g_autoptr (JsonNode) node = candor_fake_server_parse_object (body);

      if (node != NULL)
        arguments = json_object_ref (json_node_get_object (node));
    }
  else if (g_bytes_get_size (body) > 0)
    {
      g_autofree char *form = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
      g_autoptr (GHashTable) fields = soup_form_decode (form);

      arguments = json_object_new ();
      g_hash_table_iter_init (&iter, fields);
      while (g_hash_table_iter_next (&iter, &key, &value))
        json_object_set_string_member (arguments, key, value);
    }

  if (arguments == NULL)
    arguments = json_object_new ();

  if (query != NULL)
    {
      g_hash_table_iter_init (&iter, query);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (!json_object_has_member (arguments, key))
          json_object_set_string_member (arguments, key, value);
    }

  return arguments;
}

/* chat_id arrives as a number or as a string ("@channel" or digits). */
static char *
chat_id_string (JsonObject *arguments)
{
  JsonNode *node = json_object_get_member (arguments, "chat_id");

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (json_node_get_value_type (node) == G_TYPE_STRING && *json_node_get_string (node) != '\0')
    return g_strdup (json_node_get_string (node));

  return NULL;
}

static gint64
reply_to (JsonObject *arguments)
{
  JsonNode *parameters = json_object_get_member (arguments, "reply_parameters");

  if (parameters != NULL && JSON_NODE_HOLDS_OBJECT (parameters))
    return json_object_get_int_member_with_default (json_node_get_object (parameters), "message_id",
                                                    0);

  return json_object_get_int_member_with_default (arguments, "reply_to_message_id", 0);
}

static JsonObject *
make_chat (CandorFakeTelegram *self)
{
  JsonObject *chat = json_object_new ();

  if (self->chat_id[0] == '@')
    {
      json_object_set_int_member (chat, "id", CHANNEL_NUMERIC_ID);
      json_object_set_string_member (chat, "username", self->chat_id + 1);
    }
  else
    json_object_set_int_member (chat, "id", g_ascii_strtoll (self->chat_id, NULL, 10));
  json_object_set_string_member (chat, "title", "Candor status");
  json_object_set_string_member (chat, "type", "channel");

  return chat;
}

static void
send_message (CandorFakeTelegram *self, SoupServerMessage *message, JsonObject *arguments)
{
  g_autofree char *chat_id = chat_id_string (arguments);
  const char      *text = json_object_get_string_member_with_default (arguments, "text", "");
  const char      *parse_mode =
    json_object_get_string_member_with_default (arguments, "parse_mode", NULL);
  g_autofree char *plain = NULL;
  gint64           reply_to_id = reply_to (arguments);
  gint64           message_id;
  g_autoptr (JsonNode) node = NULL;
  JsonObject *result;

  if (chat_id == NULL)
    {
      reply_error (message, SOUP_STATUS_BAD_REQUEST, "Bad Request: chat_id is empty");
      return;
    }
  if (!g_str_equal (chat_id, self->chat_id))
    {
      reply_error (message, SOUP_STATUS_BAD_REQUEST, "Bad Request: chat not found");
      return;
    }
  if (self->bot_removed)
    {
      reply_error (message, SOUP_STATUS_FORBIDDEN,
                   "Forbidden: bot is not a member of the channel chat");
      return;
    }
  if (*text == '\0')
    {
      reply_error (message, SOUP_STATUS_BAD_REQUEST, "Bad Request: message text is empty");
      return;
    }

  if (parse_mode != NULL && g_ascii_strcasecmp (parse_mode, "HTML") == 0)
    {
      g_autofree char *error = NULL;

      plain = parse_html (text, &error);
      if (plain == NULL)
        {
          g_autofree char *description =
            g_strdup_printf ("Bad Request: can't parse entities: %s", error);

          reply_error (message, SOUP_STATUS_BAD_REQUEST, description);
          return;
        }
    }
  else if (parse_mode != NULL && *parse_mode != '\0' && g_strcmp0 (parse_mode, "Markdown") != 0 &&
           g_strcmp0 (parse_mode, "MarkdownV2") != 0)
    {
      reply_error (message, SOUP_STATUS_BAD_REQUEST, "Bad Request: unsupported parse_mode");
      return;
    }
  else
    plain = g_strdup (text);

  if (g_utf8_strlen (plain, -1) > MAX_TEXT_CHARACTERS)
    {
      reply_error (message, SOUP_STATUS_BAD_REQUEST, "Bad Request: message is too long");
      return;
    }
  if (reply_to_id != 0 &&
      !g_hash_table_contains (self->message_ids, GINT_TO_POINTER ((int)reply_to_id)))
    {
      reply_error (message, SOUP_STATUS_BAD_REQUEST,
                   "Bad Request: message to be replied not found");
      return;
    }

  message_id = (gint64)candor_fake_server_next_serial (CANDOR_FAKE_SERVER (self));
  g_hash_table_add (self->message_ids, GINT_TO_POINTER ((int)message_id));
  node = json_node_init_object (json_node_alloc (), arguments);
  candor_fake_server_accept (CANDOR_FAKE_SERVER (self), node);

  result = json_object_new ();
  json_object_set_int_member (result, "message_id", message_id);
  json_object_set_object_member (result, "sender_chat", make_chat (self));
  json_object_set_object_member (result, "chat", make_chat (self));
  json_object_set_int_member (result, "date", g_get_real_time () / G_USEC_PER_SEC);
  json_object_set_string_member (result, "text", plain);
  if (reply_to_id != 0)
    {
      JsonObject *replied = json_object_new ();

      json_object_set_int_member (replied, "message_id", reply_to_id);
      json_object_set_object_member (replied, "chat", make_chat (self));
      json_object_set_object_member (result, "reply_to_message", replied);
    }
  reply_result (message, result);
}

static void
get_me (CandorFakeTelegram *self, SoupServerMessage *message)
{
  JsonObject *result = json_object_new ();

  json_object_set_int_member (result, "id", BOT_ID);
  json_object_set_boolean_member (result, "is_bot", TRUE);
  json_object_set_string_member (result, "first_name", "Candor");
  json_object_set_string_member (result, "username", "candor_fake_bot");
  json_object_set_boolean_member (result, "can_join_groups", TRUE);
  json_object_set_boolean_member (result, "can_read_all_group_messages", FALSE);
  json_object_set_boolean_member (result, "supports_inline_queries", FALSE);
  reply_result (message, result);
}

/* A bot sees a chat it is a member of; any other is "not found". */
static void
get_chat (CandorFakeTelegram *self, SoupServerMessage *message, JsonObject *arguments)
{
  g_autofree char *chat_id = chat_id_string (arguments);

  if (chat_id == NULL)
    {
      reply_error (message, SOUP_STATUS_BAD_REQUEST, "Bad Request: chat_id is empty");
      return;
    }
  if (!g_str_equal (chat_id, self->chat_id) || self->bot_removed)
    {
      reply_error (message, SOUP_STATUS_BAD_REQUEST, "Bad Request: chat not found");
      return;
    }

  reply_result (message, make_chat (self));
}

static void
candor_fake_telegram_handle (CandorFakeServer  *server,
                             SoupServerMessage *message,
                             const char        *path,
                             GHashTable        *query,
                             GBytes            *body)
{
  CandorFakeTelegram *self = CANDOR_FAKE_TELEGRAM (server);
  g_auto (GStrv) segments = g_strsplit (path, "/", -1);
  g_autoptr (JsonObject) arguments = NULL;

  /* "/bot{token}/{method}" splits into "", "bot{token}", "{method}". */
  if (g_strv_length (segments) != 3 || !g_str_has_prefix (segments[1], "bot"))
    {
      reply_error (message, SOUP_STATUS_NOT_FOUND, "Not Found");
      return;
    }
  if (!g_str_equal (segments[1] + 3, self->bot_token))
    {
      reply_error (message, SOUP_STATUS_UNAUTHORIZED, "Unauthorized");
      return;
    }

  /* Method names are case-insensitive in the Bot API. */
  if (g_ascii_strcasecmp (segments[2], "getMe") == 0)
    get_me (self, message);
  else if (g_ascii_strcasecmp (segments[2], "sendMessage") == 0)
    {
      arguments = read_arguments (message, query, body);
      send_message (self, message, arguments);
    }
  else if (g_ascii_strcasecmp (segments[2], "getChat") == 0)
    {
      arguments = read_arguments (message, query, body);
      get_chat (self, message, arguments);
    }
  else
    reply_error (message, SOUP_STATUS_NOT_FOUND, "Not Found");
}

static void
candor_fake_telegram_answer_fault (CandorFakeServer  *server,
                                   SoupServerMessage *message,
                                   guint              status,
                                   guint              retry_after)
{
  g_autofree char *description = NULL;
  JsonObject      *object = json_object_new ();

  json_object_set_boolean_member (object, "ok", FALSE);
  json_object_set_int_member (object, "error_code", status);

  if (status == CANDOR_FAKE_STATUS_TOO_MANY_REQUESTS)
    {
      JsonObject *parameters = json_object_new ();

      description = g_strdup_printf ("Too Many Requests: retry after %u", retry_after);
      json_object_set_int_member (parameters, "retry_after", retry_after);
      json_object_set_object_member (object, "parameters", parameters);
      candor_fake_server_set_retry_after (message, retry_after);
    }
  else
    description = g_strdup (soup_status_get_phrase (status));

  json_object_set_string_member (object, "description", description);
  candor_fake_server_reply_object (message, status, object);
}

static void
candor_fake_telegram_finalize (GObject *object)
{
  CandorFakeTelegram *self = CANDOR_FAKE_TELEGRAM (object);

  g_free (self->bot_token);
  g_free (self->chat_id);
  g_clear_pointer (&self->message_ids, g_hash_table_unref);

  G_OBJECT_CLASS (candor_fake_telegram_parent_class)->finalize (object);
}

static void
candor_fake_telegram_class_init (CandorFakeTelegramClass *klass)
{
  GObjectClass          *object_class = G_OBJECT_CLASS (klass);
  CandorFakeServerClass *server_class = CANDOR_FAKE_SERVER_CLASS (klass);

  object_class->finalize = candor_fake_telegram_finalize;
  server_class->handle = candor_fake_telegram_handle;
  server_class->answer_fault = candor_fake_telegram_answer_fault;
}

static void
candor_fake_telegram_init (CandorFakeTelegram *self)
{
  self->message_ids = g_hash_table_new (NULL, NULL);
}

/**
 * candor_fake_telegram_new:
 * @certificate: (nullable): serve https with it, or http without
 * @bot_token: the token the URL carries, "/bot{token}/…"
 * @chat_id: the channel the bot may post to, "@name" or its numeric id
 */
CandorFakeTelegram *
candor_fake_telegram_new (GTlsCertificate *certificate,
                          const char      *bot_token,
                          const char      *chat_id,
                          GError         **error)
{
  CandorFakeTelegram *self;

  g_return_val_if_fail (bot_token != NULL, NULL);
  g_return_val_if_fail (chat_id != NULL, NULL);

  self =
    g_initable_new (CANDOR_TYPE_FAKE_TELEGRAM, NULL, error, "tls-certificate", certificate, NULL);
  if (self == NULL)
    return NULL;

  self->bot_token = g_strdup (bot_token);
  self->chat_id = g_strdup (chat_id);

  return self;
}

/* The channel's admins removed the bot: posting is forbidden from now on. */
void
candor_fake_telegram_remove_bot (CandorFakeTelegram *self)
{
  g_return_if_fail (CANDOR_IS_FAKE_TELEGRAM (self));

  self->bot_removed = TRUE;
}
