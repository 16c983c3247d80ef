/* candor-fake-slack.c
 *
 * A fake of Slack: an incoming webhook (POST /services/T…/B…/secret, answered
 * in text/plain) and the Web API methods a channel needs (chat.postMessage,
 * chat.getPermalink, auth.test, answered in JSON with "ok").
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-fake-slack"

#include "config.h"

#include "candor-fake-slack.h"

#define TEAM_ID             "TCANDOR01"
#define WEBHOOK_BOT_ID      "BCANDOR01"
#define BOT_ID              "BCANDORBOT"
#define USER_ID             "UCANDORBOT"
#define WORKSPACE_URL       "https://candor-fake.slack.com/"
#define MAX_TEXT_CHARACTERS 40000
#define MAX_BLOCKS          50

struct _CandorFakeSlack
{
  CandorFakeServer parent_instance;

  char       *bot_token;
  char       *channel_id;
  char       *webhook_secret;
  GHashTable *message_ts;
};

G_DEFINE_FINAL_TYPE (CandorFakeSlack, candor_fake_slack, CANDOR_TYPE_FAKE_SERVER)

static void
reply_api_error (SoupServerMessage *message, guint status, const char *error)
{
  JsonObject *object = json_object_new ();

  json_object_set_boolean_member (object, "ok", FALSE);
  json_object_set_string_member (object, "error", error);
  candor_fake_server_reply_object (message, status, object);
}

/* Slack reads blocks in depth; the fake checks the outline it refuses first. */
static gboolean
blocks_are_valid (JsonNode *blocks)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (blocks))
    return FALSE;

  array = json_node_get_array (blocks);
  if (json_array_get_length (array) > MAX_BLOCKS)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *block = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_OBJECT (block) || json_object_get_string_member_with_default (
                                               json_node_get_object (block), "type", NULL) == NULL)
        return FALSE;
    }

  return TRUE;
}

static gboolean
has_text (JsonObject *object)
{
  const char *text = json_object_get_string_member_with_default (object, "text", NULL);

  return text != NULL && *text != '\0';
}

static void
handle_webhook (CandorFakeSlack *self, SoupServerMessage *message, const char *path, GBytes *body)
{
  g_autofree char *expected =
    g_strdup_printf ("/services/" TEAM_ID "/" WEBHOOK_BOT_ID "/%s", self->webhook_secret);
  g_autoptr (JsonNode) node = NULL;
  JsonObject *object;

  if (g_strcmp0 (path, expected) != 0)
    {
      if (g_str_has_prefix (path, "/services/" TEAM_ID "/" WEBHOOK_BOT_ID "/"))
        candor_fake_server_reply_text (message, SOUP_STATUS_FORBIDDEN, "invalid_token");
      else
        candor_fake_server_reply_text (message, SOUP_STATUS_NOT_FOUND, "no_service");
      return;
    }

  if (g_strcmp0 (soup_server_message_get_method (message), SOUP_METHOD_POST) != 0)
    {
      candor_fake_server_reply_text (message, SOUP_STATUS_BAD_REQUEST, "invalid_payload");
      return;
    }

  node = candor_fake_server_parse_object (body);
  if (node == NULL)
    {
      candor_fake_server_reply_text (message, SOUP_STATUS_BAD_REQUEST, "invalid_payload");
      return;
    }
  object = json_node_get_object (node);

  if (json_object_has_member (object, "blocks") &&
      !blocks_are_valid (json_object_get_member (object, "blocks")))
    {
      candor_fake_server_reply_text (message, SOUP_STATUS_BAD_REQUEST, "invalid_blocks");
      return;
    }

  if (!has_text (object) && !json_object_has_member (object, "blocks"))
    {
      candor_fake_server_reply_text (message, SOUP_STATUS_BAD_REQUEST, "no_text");
      return;
    }

  candor_fake_server_accept (CANDOR_FAKE_SERVER (self), node);
  candor_fake_server_reply_text (message, SOUP_STATUS_OK, "ok");
}

/* The Web API takes its arguments as JSON, as a form, or in the query. */
static JsonObject *
read_arguments (SoupServerMessage *message, GHashTable *query, GBytes *body, gboolean *bad_json)
{
  JsonObject    *arguments = NULL;
  GHashTableIter iter;
  gpointer       key, value;

  *bad_json = FALSE;

  if (candor_fake_server_is_json (message))
    {
      g_autoptr (JsonNode) node = candor_fake_server_parse_object (body);

      if (node == NULL)
        {
          *bad_json = TRUE;
          return NULL;
        }
      arguments = json_object_ref (json_node_get_object (node));
    }
  else
    {
      arguments = json_object_new ();

      if (g_bytes_get_size (body) > 0)
        {
          g_autofree char *form =
            g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
          g_autoptr (GHashTable) fields = soup_form_decode (form);

          g_hash_table_iter_init (&iter, fields);
          while (g_hash_table_iter_next (&iter, &key, &value))
            json_object_set_string_member (arguments, key, value);
        }
    }

  if (query != NULL)
    {
      g_hash_table_iter_init (&iter, query);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (!json_object_has_member (arguments, key))
          json_object_set_string_member (arguments, key, value);
    }

  return arguments;
}

static void
post_message (CandorFakeSlack *self, SoupServerMessage *message, JsonObject *arguments)
{
  const char *channel = json_object_get_string_member_with_default (arguments, "channel", NULL);
  const char *text = json_object_get_string_member_with_default (arguments, "text", "");
  const char *thread_ts = json_object_get_string_member_with_default (arguments, "thread_ts", NULL);
  guint64     serial;
  g_autofree char *ts = NULL;
  g_autoptr (JsonNode) node = NULL;
  JsonObject *reply;
  JsonObject *posted;

  if (channel == NULL || g_strcmp0 (channel, self->channel_id) != 0)
    {
      reply_api_error (message, SOUP_STATUS_OK, "channel_not_found");
      return;
    }

  if (json_object_has_member (arguments, "blocks") &&
      !blocks_are_valid (json_object_get_member (arguments, "blocks")))
    {
      reply_api_error (message, SOUP_STATUS_OK, "invalid_blocks");
      return;
    }

  if (!has_text (arguments) && !json_object_has_member (arguments, "blocks"))
    {
      reply_api_error (message, SOUP_STATUS_OK, "no_text");
      return;
    }

  if (g_utf8_strlen (text, -1) > MAX_TEXT_CHARACTERS)
    {
      reply_api_error (message, SOUP_STATUS_OK, "msg_too_long");
      return;
    }

  serial = candor_fake_server_next_serial (CANDOR_FAKE_SERVER (self));
  ts =
    g_strdup_printf ("%" G_GUINT64_FORMAT ".%06u", 1767225600 + serial, (guint)(serial % 1000000));
  g_hash_table_add (self->message_ts, g_strdup (ts));

  node = json_node_init_object (json_node_alloc (), arguments);
  candor_fake_server_accept (CANDOR_FAKE_SERVER (self), node);

  posted = json_object_new ();
  json_object_set_string_member (posted, "type", "message");
  json_object_set_string_member (posted, "text", text);
  json_object_set_string_member (posted, "user", USER_ID);
  json_object_set_string_member (posted, "bot_id", BOT_ID);
  json_object_set_string_member (posted, "ts", ts);
  if (thread_ts != NULL)
    json_object_set_string_member (posted, "thread_ts", thread_ts);

  reply = json_object_new ();
  json_object_set_boolean_member (reply, "ok", TRUE);
  json_object_set_string_member (reply, "channel", channel);
  json_object_set_string_member (reply, "ts", ts);
  json_object_set_object_member (reply, "message", posted);
  candor_fake_server_reply_object (message, SOUP_STATUS_OK, reply);
}

static void
get_permalink (CandorFakeSlack *self, SoupServerMessage *message, JsonObject *arguments)
{
  const char *channel = json_object_get_string_member_with_default (arguments, "channel", NULL);
  const char *ts = json_object_get_string_member_with_default (arguments, "message_ts", NULL);
  g_autoptr (GString) digits = NULL;
  g_autofree char *permalink = NULL;
  JsonObject      *reply;

  if (channel == NULL || g_strcmp0 (channel, self->channel_id) != 0)
    {
      reply_api_error (message, SOUP_STATUS_OK, "channel_not_found");
      return;
    }
  if (ts == NULL || !g_hash_table_contains (self->message_ts, ts))
    {
      reply_api_error (message, SOUP_STATUS_OK, "message_not_found");
      return;
    }

  /* A permalink names the message by its ts without the dot. */
  digits = g_string_new (ts);
  g_string_replace (digits, ".", "", 0);
  permalink = g_strdup_printf (WORKSPACE_URL "archives/%s/p%s", channel, digits->str);

  reply = json_object_new ();
  json_object_set_boolean_member (reply, "ok", TRUE);
  json_object_set_string_member (reply, "channel", channel);
  json_object_set_string_member (reply, "permalink", permalink);
  candor_fake_server_reply_object (message, SOUP_STATUS_OK, reply);
}

static void
auth_test (CandorFakeSlack *self, SoupServerMessage *message)
{
  JsonObject *reply = json_object_new ();

  json_object_set_boolean_member (reply, "ok", TRUE);
  json_object_set_string_member (reply, "url", WORKSPACE_URL);
  json_object_set_string_member (reply, "team", "Candor Fake");
  json_object_set_string_member (reply, "user", "candor");
  json_object_set_string_member (reply, "team_id", TEAM_ID);
  json_object_set_string_member (reply, "user_id", USER_ID);
  json_object_set_string_member (reply, "bot_id", BOT_ID);
  json_object_set_boolean_member (reply, "is_enterprise_install", FALSE);
  candor_fake_server_reply_object (message, SOUP_STATUS_OK, reply);
}

static void
handle_api (CandorFakeSlack   *self,
            SoupServerMessage *message,
            const char        *method,
            GHashTable        *query,
            GBytes            *body)
{
  const char *token = candor_fake_server_get_bearer (message);
  g_autoptr (JsonObject) arguments = NULL;
  gboolean bad_json;

  if (g_strcmp0 (method, "chat.postMessage") != 0 && g_strcmp0 (method, "chat.getPermalink") != 0 &&
      g_strcmp0 (method, "auth.test") != 0)
    {
      reply_api_error (message, SOUP_STATUS_NOT_FOUND, "unknown_method");
      return;
    }

  if (token == NULL)
    {
      reply_api_error (message, SOUP_STATUS_OK, "not_authed");
      return;
    }
  if (g_strcmp0 (token, self->bot_token) != 0)
    {
      reply_api_error (message, SOUP_STATUS_OK, "invalid_auth");
      return;
    }

  arguments = read_arguments (message, query, body, &bad_json);
  if (bad_json)
    {
      reply_api_error (message, SOUP_STATUS_OK, "invalid_json");
      return;
    }

  if (g_strcmp0 (method, "chat.postMessage") == 0)
    post_message (self, message, arguments);
  else if (g_strcmp0 (method, "chat.getPermalink") == 0)
    get_permalink (self, message, arguments);
  else
    auth_test (self, message);
}

static void
candor_fake_slack_handle (CandorFakeServer  *server,
                          SoupServerMessage *message,
                          const char        *path,
                          GHashTable        *query,
                          GBytes            *body)
{
  CandorFakeSlack *self = CANDOR_FAKE_SLACK (server);

  if (g_str_has_prefix (path, "/api/"))
    handle_api (self, message, path + strlen ("/api/"), query, body);
  else if (g_str_has_prefix (path, "/services/"))
    handle_webhook (self, message, path, body);
  else
    candor_fake_server_reply_text (message, SOUP_STATUS_NOT_FOUND, "no_service");
}

static void
candor_fake_slack_answer_fault (CandorFakeServer  *server,
                                SoupServerMessage *message,
                                guint              status,
                                guint              retry_after)
{
  const char *path = g_uri_get_path (soup_server_message_get_uri (message));

  if (status != CANDOR_FAKE_STATUS_TOO_MANY_REQUESTS)
    {
      CANDOR_FAKE_SERVER_CLASS (candor_fake_slack_parent_class)
        ->answer_fault (server, message, status, retry_after);
      return;
    }

  candor_fake_server_set_retry_after (message, retry_after);
  if (g_str_has_prefix (path, "/api/"))
    reply_api_error (message, CANDOR_FAKE_STATUS_TOO_MANY_REQUESTS, "ratelimited");
  else
    candor_fake_server_reply_text (message, CANDOR_FAKE_STATUS_TOO_MANY_REQUESTS, "rate_limited");
}

static void
candor_fake_slack_finalize (GObject *object)
{
  CandorFakeSlack *self = CANDOR_FAKE_SLACK (object);

  g_free (self->bot_token);
  g_free (self->channel_id);
  g_free (self->webhook_secret);
  g_clear_pointer (&self->message_ts, g_hash_table_unref);

  G_OBJECT_CLASS (candor_fake_slack_parent_class)->finalize (object);
}

static void
candor_fake_slack_class_init (CandorFakeSlackClass *klass)
{
  GObjectClass          *object_class = G_OBJECT_CLASS (klass);
  CandorFakeServerClass *server_class = CANDOR_FAKE_SERVER_CLASS (klass);

  object_class->finalize = candor_fake_slack_finalize;
  server_class->handle = candor_fake_slack_handle;
  server_class->answer_fault = candor_fake_slack_answer_fault;
}

static void
candor_fake_slack_init (CandorFakeSlack *self)
{
  self->message_ts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * candor_fake_slack_new:
 * @certificate: (nullable): serve https with it, or http without
 * @bot_token: the token chat.postMessage wants, as "Authorization: Bearer"
 * @channel_id: the one channel the bot may post to
 */
CandorFakeSlack *
candor_fake_slack_new (GTlsCertificate *certificate,
                       const char      *bot_token,
                       const char      *channel_id,
                       GError         **error)
{
  CandorFakeSlack *self;

  g_return_val_if_fail (bot_token != NULL, NULL);
  g_return_val_if_fail (channel_id != NULL, NULL);

  self = g_initable_new (CANDOR_TYPE_FAKE_SLACK, NULL, error, "tls-certificate", certificate, NULL);
  if (self == NULL)
    return NULL;

  self->bot_token = g_strdup (bot_token);
  self->channel_id = g_strdup (channel_id);
  self->webhook_secret = g_uuid_string_random ();
  g_strdelimit (self->webhook_secret, "-", 'x');

  return self;
}

/**
 * candor_fake_slack_get_webhook_url:
 *
 * Returns: (transfer full): the incoming webhook's URL, secret included
 */
char *
candor_fake_slack_get_webhook_url (CandorFakeSlack *self)
{
  g_return_val_if_fail (CANDOR_IS_FAKE_SLACK (self), NULL);

  return g_strdup_printf ("%s/services/" TEAM_ID "/" WEBHOOK_BOT_ID "/%s",
                          candor_fake_server_get_url (CANDOR_FAKE_SERVER (self)),
                          self->webhook_secret);
}
