/* test-chat-clients.c
 *
 * The Slack, Discord, Mattermost and Teams clients against the fakes of
 * their APIs, over https with an authority made at test time.
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "candor-channel-client.h"
#include "candor-fake-discord.h"
#include "candor-fake-mattermost.h"
#include "candor-fake-slack.h"
#include "candor-fake-teams.h"
#include "candor-publish-error.h"
#include "candor-renderer.h"
#include "candor-test-tls.h"

/* Planted in every credential: it must never reach an error or a log. */
#define PLANTED        "CANDORSECRET"
#define BOT_TOKEN      "xoxb-" PLANTED "-1-bot"
#define SLACK_CHANNEL  "C0CANDOR"
#define DISCORD_ID     "112233445566778899"
#define DISCORD_TOKEN  PLANTED "discordtoken"
#define DISCORD_GUILD  "998877665544332211"
#define MATTERMOST_KEY PLANTED "mattermostkey"
#define TEAMS_WORKFLOW "0a1b2c3d4e5f"
#define TEAMS_SIG      PLANTED "teamssignature"

/* A user's text with every character a chat client could read as markup or
 * as a ping. */
#define HOSTILE_TEXT "\\*bold\\* \\_it\\_ ~strike~ \\`code\\` <!channel> @everyone @here"

static GString *logged;

static GLogWriterOutput
log_writer (GLogLevelFlags log_level, const GLogField *fields, gsize n_fields, gpointer user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_strcmp0 (fields[i].key, "MESSAGE") == 0 && fields[i].length < 0)
      g_string_append_printf (logged, "%s\n", (const char *)fields[i].value);

  /* GLib writes debug messages to stdout, where they would break TAP. */
  if (log_level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO))
    return G_LOG_WRITER_HANDLED;

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

typedef struct
{
  CandorTestTls *tls;
  CandorHttp    *http;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fixture->tls = candor_test_tls_new (&error);
  g_assert_no_error (error);
  fixture->http = candor_http_new (candor_test_tls_get_database (fixture->tls));
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->http);
  g_clear_pointer (&fixture->tls, candor_test_tls_free);

  /* Whatever the test did, no credential was logged. */
  g_assert_null (strstr (logged->str, PLANTED));
}

static GTlsCertificate *
certificate (Fixture *fixture)
{
  return candor_test_tls_get_server_certificate (fixture->tls);
}

/* @url with its last path segment, the secret, replaced by a planted one. */
static char *
with_wrong_secret (const char *url)
{
  g_autofree char *base = g_strndup (url, strrchr (url, '/') + 1 - url);

  return g_strconcat (base, PLANTED "wrong", NULL);
}

static void
assert_error_is_clean (const GError *error, const char *secret)
{
  g_assert_nonnull (error);
  g_assert_null (strstr (error->message, PLANTED));
  if (secret != NULL)
    g_assert_null (strstr (error->message, secret));
}

/* @settings: NULL-terminated key, value pairs */
static CandorChannelClient *
make_client (Fixture *fixture, const char *kind, const char *secret, const char *const *settings)
{
  g_autoptr (CandorChannel) channel = candor_channel_new ("ops", kind, "Ops");
  g_autoptr (GError) error = NULL;
  CandorChannelClient *client;

  for (guint i = 0; settings != NULL && settings[i] != NULL; i += 2)
    {
      candor_channel_set_setting (channel, settings[i], settings[i + 1], &error);
      g_assert_no_error (error);
    }

  client = candor_channel_client_new (channel, secret, fixture->http, &error);
  g_assert_no_error (error);
  g_assert_true (CANDOR_IS_CHANNEL_CLIENT (client));
  g_assert_false (candor_channel_client_is_idempotent (client));

  return client;
}

static void
on_result_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

static CandorPublishReceipt *
publish (CandorChannelClient   *client,
         CandorSentRendition   *rendition,
         const CandorThreadRef *thread,
         GError               **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  candor_channel_client_publish_async (client, rendition, "key-1", thread, NULL, on_result_cb,
                                       &result);
  return candor_channel_client_publish_finish (client, wait_for (&result), error);
}

static gboolean
test_connection (CandorChannelClient *client, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  candor_channel_client_test_async (client, NULL, on_result_cb, &result);
  return candor_channel_client_test_finish (client, wait_for (&result), error);
}

static CandorSentRendition *
make_rendition (CandorDialect dialect, const char *body)
{
  return candor_sent_rendition_new ("customers", dialect, "en", "Checkout is down", body, NULL);
}

static JsonObject *
accepted (gpointer fake, guint index)
{
  GPtrArray *list = candor_fake_server_get_accepted (CANDOR_FAKE_SERVER (fake));

  g_assert_cmpuint (index, <, list->len);
  return json_node_get_object (g_ptr_array_index (list, index));
}

static guint
n_accepted (gpointer fake)
{
  return candor_fake_server_get_accepted (CANDOR_FAKE_SERVER (fake))->len;
}

static CandorChannelClient *
make_slack_bot (Fixture *fixture, CandorFakeSlack *fake, const char *token, const char *channel)
{
  g_autofree char *api_url =
    g_strconcat (candor_fake_server_get_url (CANDOR_FAKE_SERVER (fake)), "/api/", NULL);
  const char *const settings[] = { "channel", channel, "api_url", api_url, NULL };

  return make_client (fixture, "slack", token, settings);
}

static CandorFakeSlack *
make_fake_slack (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  CandorFakeSlack *fake =
    candor_fake_slack_new (certificate (fixture), BOT_TOKEN, SLACK_CHANNEL, &error);

  g_assert_no_error (error);
  return fake;
}

static void
test_slack_webhook (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CandorFakeSlack) fake = make_fake_slack (fixture);
  g_autofree char *url = candor_fake_slack_get_webhook_url (fake);
  g_autoptr (CandorChannelClient) client = make_client (fixture, "slack", url, NULL);
  g_autoptr (CandorSentRendition) rendition =
    make_rendition (CANDOR_DIALECT_SLACK, "*Checkout* is down — _since 10:00_ &lt;see&gt;\n• a");
  g_autoptr (CandorPublishReceipt) receipt = NULL;
  g_autoptr (GError) error = NULL;

  receipt = publish (client, rendition, NULL, &error);
  g_assert_no_error (error);
  /* A webhook answers "ok", and nothing else. */
  g_assert_null (receipt->remote_id);
  g_assert_null (receipt->remote_url);
  g_assert_cmpuint (n_accepted (fake), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (accepted (fake, 0), "text"), ==, rendition->body);
  g_assert_false (json_object_get_boolean_member (accepted (fake, 0), "unfurl_links"));

  /* Testing it checks the URL without posting. */
  g_assert_true (test_connection (client, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_accepted (fake), ==, 1);
}

static void
test_slack_webhook_refused (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CandorFakeSlack) fake = make_fake_slack (fixture);
  g_autofree char *url = candor_fake_slack_get_webhook_url (fake);
  g_autofree char *wrong = NULL;
  g_autoptr (CandorChannelClient) client = NULL;
  g_autoptr (CandorSentRendition) rendition = make_rendition (CANDOR_DIALECT_SLACK, "Down.");
  g_autoptr (CandorPublishReceipt) receipt = NULL;
  g_autoptr (GError) error = NULL;

  /* The same workspace and bot, another secret. */
  wrong = with_wrong_secret (url);
  client = make_client (fixture, "slack", wrong, NULL);

  receipt = publish (client, rendition, NULL, &error);
  g_assert_null (receipt);
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "invalid_token"));
  assert_error_is_clean (error, url);
  g_clear_error (&error);

  g_assert_false (test_connection (client, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REFUSED);
  assert_error_is_clean (error, NULL);
  g_assert_cmpuint (n_accepted (fake), ==, 0);
}

static void
test_slack_bot_thread (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CandorFakeSlack) fake = make_fake_slack (fixture);
  g_autoptr (CandorChannelClient) client = make_slack_bot (fixture, fake, BOT_TOKEN, SLACK_CHANNEL);
  g_autoptr (CandorSentRendition) first =
    make_rendition (CANDOR_DIALECT_SLACK, "*Down* since 10:00.");
  g_autoptr (CandorSentRendition) second =
    make_rendition (CANDOR_DIALECT_SLACK, "_Fixed_ at 11:00.");
  g_autoptr (CandorPublishReceipt) root = NULL;
  g_autoptr (CandorPublishReceipt) follow_up = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *permalink_tail = NULL;
  CandorThreadRef  thread;

  g_assert_true (test_connection (client, &error));
  g_assert_no_error (error);

  root = publish (client, first, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (root->remote_id);
  permalink_tail = g_strdup_printf ("/archives/" SLACK_CHANNEL "/p%s", root->remote_id);
  g_strdelimit (permalink_tail, ".", '\0');
  g_assert_true (g_str_has_prefix (root->remote_url, "https://candor-fake.slack.com/archives/"));
  g_assert_nonnull (strstr (root->remote_url, permalink_tail));

  g_assert_cmpuint (n_accepted (fake), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (accepted (fake, 0), "text"), ==, first->body);
  g_assert_cmpstr (json_object_get_string_member (accepted (fake, 0), "channel"), ==,
                   SLACK_CHANNEL);
  g_assert_false (json_object_get_boolean_member (accepted (fake, 0), "unfurl_links"));
  g_assert_false (json_object_has_member (accepted (fake, 0), "thread_ts"));

  thread.root_id = root->remote_id;
  thread.last_id = root->remote_id;
  follow_up = publish (client, second, &thread, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (follow_up->remote_id, !=, root->remote_id);
  g_assert_cmpuint (n_accepted (fake), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (accepted (fake, 1), "text"), ==, second->body);
  g_assert_cmpstr (json_object_get_string_member (accepted (fake, 1), "thread_ts"), ==,
                   root->remote_id);
}

static void
test_slack_bot_errors (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CandorFakeSlack) fake = make_fake_slack (fixture);
  g_autoptr (CandorChannelClient) wrong_token =
    make_slack_bot (fixture, fake, "xoxb-" PLANTED "-wrong", SLACK_CHANNEL);
  g_autoptr (CandorChannelClient) wrong_channel =
    make_slack_bot (fixture, fake, BOT_TOKEN, "C0NOWHERE");
  g_autoptr (CandorSentRendition) rendition = make_rendition (CANDOR_DIALECT_SLACK, "Down.");
  g_autoptr (CandorPublishReceipt) receipt = NULL;
  g_autoptr (GError) error = NULL;

  receipt = publish (wrong_token, rendition, NULL, &error);
  g_assert_null (receipt);
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "invalid_auth"));
  assert_error_is_clean (error, NULL);
  g_clear_error (&error);

  g_assert_false (test_connection (wrong_token, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REFUSED);
  assert_error_is_clean (error, NULL);
  g_clear_error (&error);

  receipt = publish (wrong_channel, rendition, NULL, &error);
  g_assert_null (receipt);
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "channel_not_found"));
  assert_error_is_clean (error, NULL);
  g_assert_cmpuint (n_accepted (fake), ==, 0);
}

static void
test_slack_not_configured (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CandorChannel) channel = candor_channel_new ("ops", "slack", "Ops");
  g_autoptr (CandorChannelClient) client = NULL;
  g_autoptr (GError) error = NULL;

  /* A bot token needs a channel to post to. */
  client = candor_channel_client_new (channel, BOT_TOKEN, fixture->http, &error);
  g_assert_null (client);
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED);
  g_assert_nonnull (strstr (error->message, "channel"));
  assert_error_is_clean (error, NULL);
  g_clear_error (&error);

  client = candor_channel_client_new (channel, NULL, fixture->http, &error);
  g_assert_null (client);
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED);
  g_assert_nonnull (strstr (error->message, "Ops"));
}

static void
test_discord (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorFakeDiscord) fake =
    candor_fake_discord_new (certificate (fixture), DISCORD_ID, DISCORD_TOKEN, "C42", &error);
  g_autofree char  *url = candor_fake_discord_get_webhook_url (fake);
  const char *const settings[] = { "guild_id", DISCORD_GUILD, NULL };
  g_autoptr (CandorChannelClient) client = make_client (fixture, "discord", url, settings);
  g_autoptr (CandorSentRendition) rendition =
    make_rendition (CANDOR_DIALECT_DISCORD, "**Checkout** is down \\*since\\* 10:00\n- a");
  g_autoptr (CandorSentRendition) follow_up = make_rendition (CANDOR_DIALECT_DISCORD, "Fixed.");
  g_autoptr (CandorPublishReceipt) receipt = NULL;
  g_autoptr (CandorPublishReceipt) second = NULL;
  g_autofree char *expected_url = NULL;
  JsonObject      *mentions;
  CandorThreadRef  thread;

  g_assert_no_error (error);

  g_assert_true (test_connection (client, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_accepted (fake), ==, 0);

  receipt = publish (client, rendition, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (receipt->remote_id);
  expected_url =
    g_strdup_printf ("https://discord.com/channels/" DISCORD_GUILD "/C42/%s", receipt->remote_id);
  g_assert_cmpstr (receipt->remote_url, ==, expected_url);
  g_assert_cmpstr (json_object_get_string_member (accepted (fake, 0), "content"), ==,
                   rendition->body);
  mentions = json_object_get_object_member (accepted (fake, 0), "allowed_mentions");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (mentions, "parse")), ==,
                    0);

  /* A webhook cannot reply: the follow-up is a message of its own. */
  thread.root_id = receipt->remote_id;
  thread.last_id = receipt->remote_id;
  second = publish (client, follow_up, &thread, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second->remote_id, !=, receipt->remote_id);
  g_assert_cmpstr (json_object_get_string_member (accepted (fake, 1), "content"), ==,
                   follow_up->body);
}

static void
test_discord_thread (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorFakeDiscord) fake =
    candor_fake_discord_new (certificate (fixture), DISCORD_ID, DISCORD_TOKEN, "C42", &error);
  g_autofree char  *url = candor_fake_discord_get_webhook_url (fake);
  const char *const settings[] = { "guild_id", DISCORD_GUILD, "thread_id", "T77", NULL };
  g_autoptr (CandorChannelClient) client = make_client (fixture, "discord", url, settings);
  g_autoptr (CandorSentRendition) rendition = make_rendition (CANDOR_DIALECT_DISCORD, "Down.");
  g_autoptr (CandorPublishReceipt) receipt = NULL;
  g_autofree char *prefix = NULL;

  g_assert_no_error (error);
  candor_fake_discord_add_thread (fake, "T77");

  receipt = publish (client, rendition, NULL, &error);
  g_assert_no_error (error);
  prefix = g_strdup_printf ("https://discord.com/channels/" DISCORD_GUILD "/T77/");
  g_assert_true (g_str_has_prefix (receipt->remote_url, prefix));
}

static void
test_discord_errors (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorFakeDiscord) fake =
    candor_fake_discord_new (certificate (fixture), DISCORD_ID, DISCORD_TOKEN, "C42", &error);
  g_autofree char *url = candor_fake_discord_get_webhook_url (fake);
  g_autofree char *wrong = NULL;
  g_autoptr (CandorChannelClient) client = make_client (fixture, "discord", url, NULL);
  g_autoptr (CandorChannelClient) refused = NULL;
  g_autoptr (GString) long_text = g_string_new (NULL);
  g_autoptr (CandorSentRendition) too_long = NULL;
  g_autoptr (CandorSentRendition) rendition = make_rendition (CANDOR_DIALECT_DISCORD, "Down.");
  g_autoptr (CandorPublishReceipt) receipt = NULL;

  g_assert_no_error (error);
  wrong = with_wrong_secret (url);
  refused = make_client (fixture, "discord", wrong, NULL);

  receipt = publish (refused, rendition, NULL, &error);
  g_assert_null (receipt);
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "Invalid Webhook Token"));
  assert_error_is_clean (error, url);
  g_clear_error (&error);

  g_assert_false (test_connection (refused, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REFUSED);
  g_clear_error (&error);

  for (guint i = 0; i < 2001; i++)
    g_string_append_c (long_text, 'x');
  too_long = make_rendition (CANDOR_DIALECT_DISCORD, long_text->str);
  receipt = publish (client, too_long, NULL, &error);
  g_assert_null (receipt);
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "content: Must be 2000 or fewer in length."));
  assert_error_is_clean (error, url);
  g_assert_cmpuint (n_accepted (fake), ==, 0);
}

static void
test_mattermost (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorFakeMattermost) fake =
    candor_fake_mattermost_new (certificate (fixture), MATTERMOST_KEY, &error);
  g_autofree char *url = candor_fake_mattermost_get_webhook_url (fake);
  g_autoptr (CandorChannelClient) client = make_client (fixture, "mattermost", url, NULL);
  g_autoptr (CandorChannelClient) refused = NULL;
  g_autoptr (CandorSentRendition) rendition =
    make_rendition (CANDOR_DIALECT_MATTERMOST, "**Checkout** is down\n\n- since 10:00");
  g_autoptr (CandorSentRendition) empty = make_rendition (CANDOR_DIALECT_MATTERMOST, "");
  g_autoptr (CandorPublishReceipt) receipt = NULL;
  g_autofree char *wrong = NULL;

  g_assert_no_error (error);

  g_assert_true (test_connection (client, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_accepted (fake), ==, 0);

  receipt = publish (client, rendition, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (receipt->remote_id);
  g_assert_cmpuint (n_accepted (fake), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (accepted (fake, 0), "message"), ==,
                   rendition->body);
  g_clear_pointer (&receipt, candor_publish_receipt_free);

  receipt = publish (client, empty, NULL, &error);
  g_assert_null (receipt);
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "No text specified"));
  g_clear_error (&error);

  wrong = with_wrong_secret (url);
  refused = make_client (fixture, "mattermost", wrong, NULL);
  receipt = publish (refused, rendition, NULL, &error);
  g_assert_null (receipt);
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "Invalid webhook."));
  assert_error_is_clean (error, url);
  g_clear_error (&error);

  g_assert_false (test_connection (refused, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REFUSED);
  g_assert_cmpuint (n_accepted (fake), ==, 1);
}

static CandorSentRendition *
make_teams_rendition (const char *card)
{
  CandorSentRendition *rendition = make_rendition (CANDOR_DIALECT_TEAMS, "Checkout is down");

  rendition->json = g_strdup (card);
  return rendition;
}

static void
test_teams (Fixture *fixture, gconstpointer data)
{
  static const char card[] =
    "{\"type\":\"AdaptiveCard\",\"$schema\":\"http://adaptivecards.io/schemas/"
    "adaptive-card.json\",\"version\":\"1.4\",\"body\":[{\"type\":\"TextBlock\","
    "\"text\":\"**Checkout** is down\",\"wrap\":true}]}";
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorFakeTeams) fake =
    candor_fake_teams_new (certificate (fixture), TEAMS_WORKFLOW, TEAMS_SIG, &error);
  g_autofree char *url = candor_fake_teams_get_webhook_url (fake);
  g_autoptr (CandorChannelClient) client = make_client (fixture, "teams", url, NULL);
  g_autoptr (CandorChannelClient) refused = NULL;
  g_autoptr (CandorSentRendition) rendition = make_teams_rendition (card);
  g_autoptr (CandorSentRendition) not_a_card = make_teams_rendition ("{\"type\":\"Nope\"}");
  g_autoptr (CandorPublishReceipt) receipt = NULL;
  g_autoptr (JsonNode) expected = json_from_string (card, NULL);
  g_autofree char *wrong = NULL;
  JsonObject      *attachment;

  g_assert_no_error (error);

  g_assert_true (test_connection (client, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_accepted (fake), ==, 0);

  receipt = publish (client, rendition, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (receipt->remote_id);
  g_assert_cmpuint (n_accepted (fake), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (accepted (fake, 0), "type"), ==, "message");
  attachment = json_array_get_object_element (
    json_object_get_array_member (accepted (fake, 0), "attachments"), 0);
  g_assert_cmpstr (json_object_get_string_member (attachment, "contentType"), ==,
                   "application/vnd.microsoft.card.adaptive");
  g_assert_true (json_node_equal (json_object_get_member (attachment, "content"), expected));
  g_clear_pointer (&receipt, candor_publish_receipt_free);

  receipt = publish (client, not_a_card, NULL, &error);
  g_assert_null (receipt);
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "'content.type' must be 'AdaptiveCard'"));
  assert_error_is_clean (error, url);
  g_clear_error (&error);

  wrong =
    g_strconcat (candor_fake_server_get_url (CANDOR_FAKE_SERVER (fake)),
                 "/workflows/" TEAMS_WORKFLOW "/triggers/manual/paths/invoke?sig=" PLANTED, NULL);
  refused = make_client (fixture, "teams", wrong, NULL);
  receipt = publish (refused, rendition, NULL, &error);
  g_assert_null (receipt);
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "The provided authentication signature is not valid."));
  assert_error_is_clean (error, url);
  g_clear_error (&error);

  g_assert_false (test_connection (refused, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REFUSED);
  g_assert_cmpuint (n_accepted (fake), ==, 1);
}

/* One client of each kind and mode with its fake, for what they do alike. */
typedef struct
{
  gpointer             fake;
  CandorChannelClient *client;
  CandorSentRendition *rendition;
  char                *secret;
} Target;

static void
target_clear (Target *target)
{
  g_clear_object (&target->fake);
  g_clear_object (&target->client);
  g_clear_pointer (&target->rendition, candor_sent_rendition_free);
  g_clear_pointer (&target->secret, g_free);
}

static void
make_target (Fixture *fixture, guint index, Target *target)
{
  g_autoptr (GError) error = NULL;

  switch (index)
    {
      case 0:
        target->fake = make_fake_slack (fixture);
        target->secret = candor_fake_slack_get_webhook_url (target->fake);
        target->client = make_client (fixture, "slack", target->secret, NULL);
        target->rendition = make_rendition (CANDOR_DIALECT_SLACK, "Down.");
        break;

      case 1:
        target->fake = make_fake_slack (fixture);
        target->secret = g_strdup (BOT_TOKEN);
        target->client = make_slack_bot (fixture, target->fake, BOT_TOKEN, SLACK_CHANNEL);
        target->rendition = make_rendition (CANDOR_DIALECT_SLACK, "Down.");
        break;

      case 2:
        target->fake =
          candor_fake_discord_new (certificate (fixture), DISCORD_ID, DISCORD_TOKEN, "C42", &error);
        target->secret = candor_fake_discord_get_webhook_url (target->fake);
        target->client = make_client (fixture, "discord", target->secret, NULL);
        target->rendition = make_rendition (CANDOR_DIALECT_DISCORD, "Down.");
        break;

      case 3:
        target->fake = candor_fake_mattermost_new (certificate (fixture), MATTERMOST_KEY, &error);
        target->secret = candor_fake_mattermost_get_webhook_url (target->fake);
        target->client = make_client (fixture, "mattermost", target->secret, NULL);
        target->rendition = make_rendition (CANDOR_DIALECT_MATTERMOST, "Down.");
        break;

      case 4:
        target->fake =
          candor_fake_teams_new (certificate (fixture), TEAMS_WORKFLOW, TEAMS_SIG, &error);
        target->secret = candor_fake_teams_get_webhook_url (target->fake);
        target->client = make_client (fixture, "teams", target->secret, NULL);
        target->rendition = make_teams_rendition (
          "{\"type\":\"AdaptiveCard\",\"version\":\"1.4\",\"body\":[{\"type\":\"TextBlock\","
          "\"text\":\"Down.\"}]}");
        break;

      default:
        g_assert_not_reached ();
    }

  g_assert_no_error (error);
}

#define N_TARGETS 5

static void
test_faults (Fixture *fixture, gconstpointer data)
{
  for (guint i = 0; i < N_TARGETS; i++)
    {
      Target target = { NULL };
      g_autoptr (CandorPublishReceipt) receipt = NULL;
      g_autoptr (GError) error = NULL;

      g_test_message ("Target %u", i);
      make_target (fixture, i, &target);

      candor_fake_server_fail_next (target.fake, 1, 429, 7);
      receipt = publish (target.client, target.rendition, NULL, &error);
      g_assert_null (receipt);
      g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_RATE_LIMITED);
      g_assert_cmpint (candor_publish_error_get_retry_after (error), ==, 7 * G_USEC_PER_SEC);
      assert_error_is_clean (error, target.secret);
      g_clear_error (&error);

      candor_fake_server_fail_next (target.fake, 1, SOUP_STATUS_SERVICE_UNAVAILABLE, 0);
      receipt = publish (target.client, target.rendition, NULL, &error);
      g_assert_null (receipt);
      g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_UNAVAILABLE);
      assert_error_is_clean (error, target.secret);
      g_clear_error (&error);

      candor_fake_server_drop_next (target.fake, 1);
      receipt = publish (target.client, target.rendition, NULL, &error);
      g_assert_null (receipt);
      g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_UNKNOWN_OUTCOME);
      assert_error_is_clean (error, target.secret);
      g_clear_error (&error);

      /* And after all that, it goes through. */
      g_assert_cmpuint (n_accepted (target.fake), ==, 0);
      receipt = publish (target.client, target.rendition, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (receipt);
      g_assert_cmpuint (n_accepted (target.fake), ==, 1);

      target_clear (&target);
    }

  /* The search for secrets in the log had something to search. */
  g_assert_nonnull (strstr (logged->str, "127.0.0.1"));
}

/* Without the test's authority the fakes' certificates are not trusted,
 * and nothing is sent. */
static void
test_untrusted (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CandorHttp) system_trust = candor_http_new (NULL);

  for (guint i = 0; i < N_TARGETS; i++)
    {
      Target target = { NULL };
      g_autoptr (CandorChannelClient) client = NULL;
      g_autoptr (CandorPublishReceipt) receipt = NULL;
      g_autoptr (GError) error = NULL;

      make_target (fixture, i, &target);
      client = candor_channel_client_new (candor_channel_client_get_channel (target.client),
                                          target.secret, system_trust, &error);
      g_assert_no_error (error);

      receipt = publish (client, target.rendition, NULL, &error);
      g_assert_null (receipt);
      g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_TLS);
      assert_error_is_clean (error, target.secret);
      g_assert_cmpuint (n_accepted (target.fake), ==, 0);

      target_clear (&target);
    }
}

static void
test_insecure (Fixture *fixture, gconstpointer data)
{
  static const struct
  {
    const char *kind;
    const char *secret;
    const char *api_url;
  } cases[] = {
    { "slack", "http://hooks.slack.example/services/T0/B0/" PLANTED, NULL },
    { "slack", BOT_TOKEN, "http://slack.example/api" },
    { "discord", "http://discord.example/api/webhooks/1/" PLANTED, NULL },
    { "mattermost", "http://chat.example/hooks/" PLANTED, NULL },
    { "teams", "http://flow.example/workflows/1/triggers/manual/paths/invoke?sig=" PLANTED, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (CandorChannel) channel = candor_channel_new ("ops", cases[i].kind, "Ops");
      g_autoptr (CandorChannelClient) client = NULL;
      g_autoptr (GError) error = NULL;

      if (cases[i].api_url != NULL)
        {
          candor_channel_set_setting (channel, "channel", SLACK_CHANNEL, &error);
          g_assert_no_error (error);
          candor_channel_set_setting (channel, "api_url", cases[i].api_url, &error);
          g_assert_no_error (error);
        }

      client = candor_channel_client_new (channel, cases[i].secret, fixture->http, &error);
      g_assert_null (client);
      g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_INSECURE);
      assert_error_is_clean (error, cases[i].secret);
    }
}

static CandorSentRendition *
render_hostile (CandorChannel *channel)
{
  g_autoptr (CandorIncident) incident = candor_incident_new ("Checkout is down");
  g_autoptr (CandorUpdate) update = candor_update_new (CANDOR_UPDATE_KIND_INITIAL);
  g_autoptr (CandorAudience) audience = candor_audience_new ("everyone", "Everyone");
  g_autoptr (CandorRenderer) renderer = candor_renderer_new ();
  g_autoptr (CandorRendition) rendition = NULL;
  g_autoptr (GError) error = NULL;
  CandorSentRendition *sent;

  candor_update_set_field (update, CANDOR_FIELD_EXECUTIVE_SUMMARY, HOSTILE_TEXT);
  candor_update_set_field (update, CANDOR_FIELD_IMPACT_NOW, HOSTILE_TEXT);
  rendition = candor_renderer_render_for_channel (renderer, incident, update, audience, channel);
  sent = candor_sent_rendition_new_from_rendition (rendition, "en", &error);
  g_assert_no_error (error);

  return sent;
}

/* What arrives holds none of the user's characters as markup or a ping. */
static void
assert_inert (const char *text, gboolean slack)
{
  g_test_message ("Received: %s", text);
  g_assert_null (strstr (text, "<!channel>"));
  if (slack)
    {
      /* Slack pings only with "<!everyone>" and "<!here>", or with
       * link_names, which the clients never set. */
      g_assert_nonnull (strstr (text, "&lt;!channel&gt;"));
      g_assert_null (strstr (text, "*bold*"));
      g_assert_null (strstr (text, "_it_"));
      g_assert_null (strstr (text, "~strike~"));
      g_assert_null (strstr (text, "`code`"));
    }
  else
    {
      g_assert_null (strstr (text, "@everyone"));
      g_assert_null (strstr (text, "@here"));
      g_assert_nonnull (strstr (text, "\\*bold\\* \\_it\\_ \\~strike\\~ \\`code\\`"));
    }
}

static void
test_escaping (Fixture *fixture, gconstpointer data)
{
  for (guint i = 0; i < N_TARGETS; i++)
    {
      Target target = { NULL };
      g_autoptr (CandorSentRendition) sent = NULL;
      g_autoptr (CandorPublishReceipt) receipt = NULL;
      g_autoptr (GError) error = NULL;
      JsonObject *posted;

      make_target (fixture, i, &target);
      sent = render_hostile (candor_channel_client_get_channel (target.client));
      receipt = publish (target.client, sent, NULL, &error);
      g_assert_no_error (error);
      posted = accepted (target.fake, 0);

      switch (i)
        {
          case 0:
          case 1:
            g_assert_cmpstr (json_object_get_string_member (posted, "text"), ==, sent->body);
            g_assert_false (json_object_has_member (posted, "link_names"));
            assert_inert (sent->body, TRUE);
            break;

          case 2:
            g_assert_cmpstr (json_object_get_string_member (posted, "content"), ==, sent->body);
            assert_inert (sent->body, FALSE);
            break;

          case 3:
            g_assert_cmpstr (json_object_get_string_member (posted, "message"), ==, sent->body);
            assert_inert (sent->body, FALSE);
            break;

          case 4:
            {
              JsonObject *attachment = json_array_get_object_element (
                json_object_get_array_member (posted, "attachments"), 0);
              g_autoptr (JsonNode) card = json_from_string (sent->json, NULL);
              g_autoptr (JsonGenerator) generator = json_generator_new ();
              g_autofree char *text = NULL;

              g_assert_true (
                json_node_equal (json_object_get_member (attachment, "content"), card));
              json_generator_set_root (generator, card);
              text = json_generator_to_data (generator, NULL);
              /* A card mentions someone only through an "msteams" entity,
               * which the client never adds; inside JSON a backslash is
               * written twice. */
              g_assert_false (json_object_has_member (posted, "msteams"));
              g_assert_false (json_object_has_member (attachment, "msteams"));
              g_assert_nonnull (strstr (text, "\\\\*bold\\\\* \\\\_it\\\\_"));
            }
            break;

          default:
            g_assert_not_reached ();
        }

      target_clear (&target);
    }
}

int
main (int argc, char *argv[])
{
  /* Debug messages too go to the writer, which looks for secrets in them. */
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  logged = g_string_new (NULL);
  g_log_set_writer_func (log_writer, NULL, NULL);

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/chat-clients/slack/webhook", test_slack_webhook);
  ADD ("/chat-clients/slack/webhook-refused", test_slack_webhook_refused);
  ADD ("/chat-clients/slack/bot-thread", test_slack_bot_thread);
  ADD ("/chat-clients/slack/bot-errors", test_slack_bot_errors);
  ADD ("/chat-clients/slack/not-configured", test_slack_not_configured);
  ADD ("/chat-clients/discord/webhook", test_discord);
  ADD ("/chat-clients/discord/thread", test_discord_thread);
  ADD ("/chat-clients/discord/errors", test_discord_errors);
  ADD ("/chat-clients/mattermost", test_mattermost);
  ADD ("/chat-clients/teams", test_teams);
  ADD ("/chat-clients/faults", test_faults);
  ADD ("/chat-clients/untrusted", test_untrusted);
  ADD ("/chat-clients/insecure", test_insecure);
  ADD ("/chat-clients/escaping", test_escaping);

#undef ADD

  return g_test_run ();
}
