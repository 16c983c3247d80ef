/* test-more-clients.c
 *
 * The Matrix, Telegram and signed webhook clients against their fakes.
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "candor-channel-client.h"
#include "candor-draft.h"
#include "candor-fake-matrix.h"
#include "candor-fake-signed-webhook.h"
#include "candor-fake-telegram.h"
#include "candor-publish-error.h"
#include "candor-renderer.h"
#include "candor-test-tls.h"

/* Recognisable secrets: none may reach a log line or an error message. */
#define MATRIX_TOKEN   "syt_PLANTEDSECRET_matrix"
#define TELEGRAM_TOKEN "123456:PLANTEDSECRET_telegram"
#define WEBHOOK_SECRET "whsec_UExBTlRFRFNFQ1JFVF93ZWJob29rX2tleQ=="
#define ROOM_ID        "!room:fake.invalid"

static CandorTestTls *authority;
static CandorHttp    *http;
static GString       *logged;

static GLogWriterOutput
log_writer (GLogLevelFlags log_level, const GLogField *fields, gsize n_fields, gpointer user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_strcmp0 (fields[i].key, "MESSAGE") == 0 && fields[i].length < 0)
      g_string_append_printf (logged, "%s\n", (const char *)fields[i].value);

  /* Debug lines are only searched: on stdout they would break TAP. */
  if (log_level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO))
    return G_LOG_WRITER_HANDLED;

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static void
assert_no_secret (const char *text)
{
  g_assert_null (strstr (text, "PLANTEDSECRET"));
  g_assert_null (strstr (text, "UExBTlRFRFNFQ1JFVF93ZWJob29rX2tleQ"));
}

typedef struct
{
  GAsyncResult *result;
} Wait;

static void
on_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
}

static GAsyncResult *
wait_for (Wait *wait)
{
  while (wait->result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return wait->result;
}

static CandorPublishReceipt *
publish (CandorChannelClient   *client,
         CandorSentRendition   *rendition,
         const char            *key,
         const CandorThreadRef *thread,
         GError               **error)
{
  Wait wait = { NULL };
  g_autoptr (GAsyncResult) result = NULL;
  CandorPublishReceipt *receipt;

  candor_channel_client_publish_async (client, rendition, key, thread, NULL, on_done_cb, &wait);
  result = wait_for (&wait);
  receipt = candor_channel_client_publish_finish (client, result, error);
  if (error != NULL && *error != NULL)
    assert_no_secret ((*error)->message);

  return receipt;
}

static gboolean
test_connection (CandorChannelClient *client, GError **error)
{
  Wait wait = { NULL };
  g_autoptr (GAsyncResult) result = NULL;
  gboolean ok;

  candor_channel_client_test_async (client, NULL, on_done_cb, &wait);
  result = wait_for (&wait);
  ok = candor_channel_client_test_finish (client, result, error);
  if (error != NULL && *error != NULL)
    assert_no_secret ((*error)->message);

  return ok;
}

static CandorChannelClient *
make_client (const char *kind, const char *secret, const char *const *settings)
{
  g_autoptr (CandorChannel) channel = candor_channel_new ("status", kind, "Status");
  g_autoptr (GError) error = NULL;
  CandorChannelClient *client;

  for (guint i = 0; settings[i] != NULL; i += 2)
    {
      g_assert_true (candor_channel_set_setting (channel, settings[i], settings[i + 1], &error));
      g_assert_no_error (error);
    }

  client = candor_channel_client_new (channel, secret, http, &error);
  g_assert_no_error (error);
  return client;
}

static CandorChannelClient *
make_matrix_client (CandorFakeMatrix *fake, const char *token)
{
  const char *settings[] = { "homeserver", candor_fake_server_get_url (CANDOR_FAKE_SERVER (fake)),
                             "room-id", ROOM_ID, NULL };

  return make_client ("matrix", token, settings);
}

static CandorChannelClient *
make_telegram_client (CandorFakeTelegram *fake, const char *token)
{
  const char *settings[] = { "chat-id", "@candor_status", "api-url",
                             candor_fake_server_get_url (CANDOR_FAKE_SERVER (fake)), NULL };

  return make_client ("telegram", token, settings);
}

static CandorChannelClient *
make_webhook_client (CandorFakeSignedWebhook *fake, const char *secret)
{
  g_autofree char *url =
    g_strconcat (candor_fake_server_get_url (CANDOR_FAKE_SERVER (fake)), "/hooks/candor", NULL);
  const char *settings[] = { "url", url, NULL };

  return make_client ("signed-webhook", secret, settings);
}

static CandorSentRendition *
make_rendition (CandorDialect dialect, const char *body, const char *html, const char *json)
{
  CandorSentRendition *rendition =
    candor_sent_rendition_new ("customers", dialect, "en", "Checkout is down", body, NULL);

  rendition->html = g_strdup (html);
  rendition->json = g_strdup (json);
  return rendition;
}

/* The Telegram rendition of the major English draft with @text as its
 * executive summary and impact, as the renderer writes it. */
static CandorSentRendition *
render_telegram (const char *text)
{
  g_autofree char *path =
    g_test_build_filename (G_TEST_DIST, "data", "drafts", "full-major-en.json", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorDraft) draft = candor_draft_load_from_file (file, NULL, &error);
  g_autoptr (CandorRenderer) renderer = candor_renderer_new ();
  g_autoptr (CandorRendition) rendition = NULL;
  GPtrArray           *audiences;
  CandorSentRendition *sent;

  g_assert_no_error (error);
  for (CandorField field = 0; field < CANDOR_N_FIELDS; field++)
    candor_update_set_field (candor_draft_get_update (draft), field,
                             field == CANDOR_FIELD_IMPACT_NOW ? text : "");
  audiences = candor_draft_get_audiences (draft);
  rendition = candor_renderer_render (renderer, candor_draft_get_incident (draft),
                                      candor_draft_get_update (draft),
                                      g_ptr_array_index (audiences, 0), CANDOR_DIALECT_TELEGRAM);
  sent = candor_sent_rendition_new_from_rendition (rendition, "en", &error);
  g_assert_no_error (error);
  return sent;
}

static const char *
accepted_string (CandorFakeServer *fake, guint index, const char *member)
{
  GPtrArray *accepted = candor_fake_server_get_accepted (fake);

  g_assert_cmpuint (index, <, accepted->len);
  return json_object_get_string_member (json_node_get_object (g_ptr_array_index (accepted, index)),
                                        member);
}

static void
test_matrix (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorFakeMatrix) fake =
    candor_fake_matrix_new (candor_test_tls_get_server_certificate (authority), MATRIX_TOKEN,
                            "@bot:fake.invalid", ROOM_ID, &error);
  g_autoptr (CandorChannelClient) client = NULL;
  g_autoptr (CandorChannelClient) wrong = NULL;
  g_autoptr (CandorSentRendition) rendition = NULL;
  g_autoptr (CandorPublishReceipt) receipt = NULL;
  g_autoptr (CandorPublishReceipt) again = NULL;
  g_autoptr (CandorPublishReceipt) follow_up = NULL;
  g_autofree char   *event = NULL;
  g_autofree char   *expected_url = NULL;
  CandorThreadRef    thread = { NULL, NULL };
  GPtrArray         *requests;
  CandorFakeRequest *request;
  JsonObject        *content;
  JsonObject        *relates_to;

  g_assert_no_error (error);
  client = make_matrix_client (fake, MATRIX_TOKEN);
  g_assert_true (candor_channel_client_is_idempotent (client));
  g_assert_true (test_connection (client, &error));
  g_assert_no_error (error);

  /* The content as core made it, as a notice with no mentions, byte for byte. */
  rendition = make_rendition (
    CANDOR_DIALECT_MATRIX, "Checkout is down", "<h3>Checkout is down</h3>",
    "{\"msgtype\":\"m.text\",\"body\":\"Checkout is down\",\"format\":\"org.matrix.custom.html\","
    "\"formatted_body\":\"<h3>Checkout is down</h3>\"}");
  receipt = publish (client, rendition, "pub-1", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (accepted_string (CANDOR_FAKE_SERVER (fake), 0, "msgtype"), ==, "m.notice");
  requests = candor_fake_server_get_requests (CANDOR_FAKE_SERVER (fake));
  request = g_ptr_array_index (requests, requests->len - 1);
  g_assert_cmpstr (request->method, ==, "PUT");
  g_assert_cmpstr (request->path, ==,
                   /* "!" and ":" may stand unencoded in a path segment. */
                   "/_matrix/client/v3/rooms/!room:fake.invalid/send/m.room.message/pub-1");
  g_assert_cmpstr (soup_message_headers_get_one (request->headers, "Authorization"), ==,
                   "Bearer " MATRIX_TOKEN);
  g_assert_cmpmem (
    g_bytes_get_data (request->body, NULL), g_bytes_get_size (request->body),
    "{\"msgtype\":\"m.notice\",\"body\":\"Checkout is down\",\"format\":\"org.matrix."
    "custom.html\",\"formatted_body\":\"<h3>Checkout is down</h3>\",\"m.mentions\":{}}",
    strlen ("{\"msgtype\":\"m.notice\",\"body\":\"Checkout is down\",\"format\":\"org."
            "matrix.custom.html\",\"formatted_body\":\"<h3>Checkout is "
            "down</h3>\",\"m.mentions\":{}}"));
  event = g_uri_escape_string (receipt->remote_id, NULL, FALSE);
  expected_url = g_strconcat ("https://matrix.to/#/%21room%3Afake.invalid/", event, NULL);
  g_assert_cmpstr (receipt->remote_url, ==, expected_url);

  /* The same transaction again posts nothing and names the same event. */
  again = publish (client, rendition, "pub-1", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->remote_id, ==, receipt->remote_id);
  g_assert_cmpuint (candor_fake_server_get_accepted (CANDOR_FAKE_SERVER (fake))->len, ==, 1);

  /* A follow-up goes into the first message's thread, replying to the last. */
  thread.root_id = receipt->remote_id;
  thread.last_id = "$last:fake.invalid";
  follow_up = publish (client, rendition, "pub-2", &thread, &error);
  g_assert_no_error (error);
  content = json_node_get_object (
    g_ptr_array_index (candor_fake_server_get_accepted (CANDOR_FAKE_SERVER (fake)), 1));
  relates_to = json_object_get_object_member (content, "m.relates_to");
  g_assert_cmpstr (json_object_get_string_member (relates_to, "rel_type"), ==, "m.thread");
  g_assert_cmpstr (json_object_get_string_member (relates_to, "event_id"), ==, receipt->remote_id);
  g_assert_true (json_object_get_boolean_member (relates_to, "is_falling_back"));
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (relates_to, "m.in_reply_to"), "event_id"),
                   ==, "$last:fake.invalid");

  /* A wrong token is refused in the homeserver's words. */
  wrong = make_matrix_client (fake, "syt_PLANTEDSECRET_wrong");
  g_assert_false (test_connection (wrong, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "Unknown access token"));
  g_clear_error (&error);
}

static void
test_matrix_faults (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorFakeMatrix) fake =
    candor_fake_matrix_new (candor_test_tls_get_server_certificate (authority), MATRIX_TOKEN,
                            "@bot:fake.invalid", ROOM_ID, &error);
  g_autoptr (CandorChannelClient) client = NULL;
  g_autoptr (CandorSentRendition) rendition = NULL;
  g_autoptr (CandorPublishReceipt) receipt = NULL;
  const char *bad[] = { "homeserver", candor_fake_server_get_url (CANDOR_FAKE_SERVER (fake)),
                        "room-id", "!other:fake.invalid", NULL };

  g_assert_no_error (error);
  client = make_matrix_client (fake, MATRIX_TOKEN);
  rendition = make_rendition (CANDOR_DIALECT_MATRIX, "Down", NULL, NULL);

  /* First, on a fresh connection: libsoup resends a PUT whose kept-alive
   * connection dropped, and 3.2 resends it without its body. */
  candor_fake_server_drop_next (CANDOR_FAKE_SERVER (fake), 1);
  g_assert_null (publish (client, rendition, "f-1", NULL, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_UNKNOWN_OUTCOME);
  g_clear_error (&error);

  candor_fake_server_fail_next (CANDOR_FAKE_SERVER (fake), 1, 429, 3);
  g_assert_null (publish (client, rendition, "f-1", NULL, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_RATE_LIMITED);
  g_assert_cmpint (candor_publish_error_get_retry_after (error), ==, 3 * G_USEC_PER_SEC);
  g_clear_error (&error);

  candor_fake_server_fail_next (CANDOR_FAKE_SERVER (fake), 1, 500, 0);
  g_assert_null (publish (client, rendition, "f-1", NULL, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_UNAVAILABLE);
  g_clear_error (&error);

  /* After the faults, the retry with the same key posts once. */
  receipt = publish (client, rendition, "f-1", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (candor_fake_server_get_accepted (CANDOR_FAKE_SERVER (fake))->len, ==, 1);

  /* An event past the homeserver's size limit: its words, no retry. */
  {
    g_autofree char *huge = g_strnfill (70000, 'x');
    g_autoptr (CandorSentRendition) too_large =
      make_rendition (CANDOR_DIALECT_MATRIX, huge, NULL, NULL);

    g_assert_null (publish (client, too_large, "f-big", NULL, &error));
    g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REJECTED);
    g_assert_nonnull (strstr (error->message, "event too large (M_TOO_LARGE)"));
    g_assert_false (candor_publish_error_is_transient (error));
    g_clear_error (&error);
  }

  /* A room the bot is not in: the homeserver's words. */
  g_clear_object (&client);
  client = make_client ("matrix", MATRIX_TOKEN, bad);
  g_assert_null (publish (client, rendition, "f-2", NULL, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "not in room"));
}

static void
test_telegram (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorFakeTelegram) fake = candor_fake_telegram_new (
    candor_test_tls_get_server_certificate (authority), TELEGRAM_TOKEN, "@candor_status", &error);
  g_autoptr (CandorChannelClient) client = NULL;
  g_autoptr (CandorChannelClient) wrong = NULL;
  g_autoptr (CandorSentRendition) rendition = NULL;
  g_autoptr (CandorPublishReceipt) receipt = NULL;
  g_autoptr (CandorPublishReceipt) follow_up = NULL;
  g_autofree char   *expected_url = NULL;
  CandorThreadRef    thread = { NULL, NULL };
  GPtrArray         *requests;
  CandorFakeRequest *request;
  JsonObject        *sent;
  const char        *expected_body;

  g_assert_no_error (error);
  client = make_telegram_client (fake, TELEGRAM_TOKEN);
  g_assert_false (candor_channel_client_is_idempotent (client));
  g_assert_true (test_connection (client, &error));
  g_assert_no_error (error);

  rendition = make_rendition (CANDOR_DIALECT_TELEGRAM, "Checkout is down", NULL,
                              "{\"messages\":[\"<b>Checkout</b> is down\"]}");
  receipt = publish (client, rendition, "pub-1", NULL, &error);
  g_assert_no_error (error);
  requests = candor_fake_server_get_requests (CANDOR_FAKE_SERVER (fake));
  request = g_ptr_array_index (requests, requests->len - 1);
  g_assert_cmpstr (request->method, ==, "POST");
  g_assert_cmpstr (request->path, ==, "/bot" TELEGRAM_TOKEN "/sendMessage");
  expected_body = "{\"chat_id\":\"@candor_status\",\"text\":\"<b>Checkout</b> is down\","
                  "\"parse_mode\":\"HTML\",\"link_preview_options\":{\"is_disabled\":true}}";
  g_assert_cmpmem (g_bytes_get_data (request->body, NULL), g_bytes_get_size (request->body),
                   expected_body, strlen (expected_body));
  expected_url = g_strdup_printf ("https://t.me/candor_status/%s", receipt->remote_id);
  g_assert_cmpstr (receipt->remote_url, ==, expected_url);

  /* A follow-up replies to the last message. */
  thread.root_id = receipt->remote_id;
  thread.last_id = receipt->remote_id;
  follow_up = publish (client, rendition, "pub-2", &thread, &error);
  g_assert_no_error (error);
  sent = json_node_get_object (
    g_ptr_array_index (candor_fake_server_get_accepted (CANDOR_FAKE_SERVER (fake)), 1));
  g_assert_cmpint (json_object_get_int_member (
                     json_object_get_object_member (sent, "reply_parameters"), "message_id"),
                   ==, g_ascii_strtoll (receipt->remote_id, NULL, 10));

  /* A wrong token: refused, and the token in the URL is quoted nowhere. */
  wrong = make_telegram_client (fake, "999:PLANTEDSECRET_wrong");
  g_assert_false (test_connection (wrong, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "Unauthorized"));
  g_clear_error (&error);

  /* A bot removed from the channel: Telegram's words. */
  candor_fake_telegram_remove_bot (fake);
  g_assert_null (publish (client, rendition, "pub-3", NULL, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "bot is not a member of the channel chat"));
  g_clear_error (&error);
  g_assert_false (test_connection (client, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "chat not found"));
}

static void
test_telegram_faults (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorFakeTelegram) fake = candor_fake_telegram_new (
    candor_test_tls_get_server_certificate (authority), TELEGRAM_TOKEN, "@candor_status", &error);
  g_autoptr (CandorChannelClient) client = NULL;
  g_autoptr (CandorSentRendition) rendition = NULL;
  g_autoptr (CandorSentRendition) invalid = NULL;

  g_assert_no_error (error);
  client = make_telegram_client (fake, TELEGRAM_TOKEN);
  rendition = make_rendition (CANDOR_DIALECT_TELEGRAM, "Down", NULL, NULL);

  candor_fake_server_fail_next (CANDOR_FAKE_SERVER (fake), 1, 429, 5);
  g_assert_null (publish (client, rendition, "f-1", NULL, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_RATE_LIMITED);
  g_assert_cmpint (candor_publish_error_get_retry_after (error), ==, 5 * G_USEC_PER_SEC);
  g_clear_error (&error);

  candor_fake_server_fail_next (CANDOR_FAKE_SERVER (fake), 1, 502, 0);
  g_assert_null (publish (client, rendition, "f-1", NULL, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_UNAVAILABLE);
  g_clear_error (&error);

  candor_fake_server_drop_next (CANDOR_FAKE_SERVER (fake), 1);
  g_assert_null (publish (client, rendition, "f-1", NULL, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_UNKNOWN_OUTCOME);
  g_clear_error (&error);

  /* HTML Telegram cannot parse: its own words come back. */
  invalid = make_rendition (CANDOR_DIALECT_TELEGRAM, "x", NULL, "{\"messages\":[\"<p>x</p>\"]}");
  g_assert_null (publish (client, invalid, "f-2", NULL, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "Unsupported start tag \"p\""));
  g_clear_error (&error);

  /* The second message of a thread refused: the first is out, so the
   * publication is to be verified, never sent again as a whole. */
  g_clear_pointer (&invalid, candor_sent_rendition_free);
  invalid = make_rendition (CANDOR_DIALECT_TELEGRAM, "x", NULL,
                            "{\"messages\":[\"first 1/2\",\"<p>second</p> 2/2\"]}");
  g_assert_null (publish (client, invalid, "f-3", NULL, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_UNKNOWN_OUTCOME);
  g_assert_nonnull (strstr (error->message, "1 of 2"));
  g_assert_nonnull (strstr (error->message, "Unsupported start tag"));
  g_assert_cmpstr (accepted_string (CANDOR_FAKE_SERVER (fake), 0, "text"), ==, "first 1/2");
}

/* What a user types that looks like markup stays text Telegram accepts. */
static void
test_telegram_tricky_text (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorFakeTelegram) fake = candor_fake_telegram_new (
    candor_test_tls_get_server_certificate (authority), TELEGRAM_TOKEN, "@candor_status", &error);
  g_autoptr (CandorChannelClient) client = NULL;
  g_autoptr (CandorSentRendition) rendition = NULL;
  g_autoptr (CandorPublishReceipt) receipt = NULL;
  const char *text;

  g_assert_no_error (error);
  client = make_telegram_client (fake, TELEGRAM_TOKEN);
  rendition = render_telegram ("Errors where 1 < 2 & 3 > 2: <b>not bold</b>, </i>, "
                               "<a href=\"https://evil.test\">x</a> and **really bold** "
                               "with [the status page](https://status.test/?a=1&b=\"2\").");
  receipt = publish (client, rendition, "t-1", NULL, &error);
  g_assert_no_error (error);

  text = accepted_string (CANDOR_FAKE_SERVER (fake), 0, "text");
  g_assert_nonnull (
    strstr (text, "1 &lt; 2 &amp; 3 &gt; 2: &lt;b&gt;not bold&lt;/b&gt;, &lt;/i&gt;"));
  g_assert_nonnull (strstr (text, "&lt;a href=&quot;https://evil.test&quot;&gt;x&lt;/a&gt;"));
  g_assert_nonnull (strstr (text, "<b>really bold</b>"));
  g_assert_nonnull (
    strstr (text, "<a href=\"https://status.test/?a=1&amp;b=%222%22\">the status page</a>"));
  g_assert_null (strstr (text, "<a href=\"https://evil.test\">"));
}

/* A text past 4096 UTF-16 units goes out as a numbered thread of replies. */
static void
test_telegram_long_text (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorFakeTelegram) fake = candor_fake_telegram_new (
    candor_test_tls_get_server_certificate (authority), TELEGRAM_TOKEN, "@candor_status", &error);
  g_autoptr (CandorChannelClient) client = NULL;
  g_autoptr (CandorSentRendition) rendition = NULL;
  g_autoptr (CandorPublishReceipt) receipt = NULL;
  g_autoptr (GString) text = g_string_new (NULL);
  GPtrArray *accepted;
  gint64     previous = 0;

  g_assert_no_error (error);
  client = make_telegram_client (fake, TELEGRAM_TOKEN);

  /* Emoji count two units each in UTF-16: 1,300 of them are past the limit alone. */
  for (guint i = 0; i < 100; i++)
    g_string_append_printf (text, "Sentence %u has <tags> & emoji 🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥. ", i);
  rendition = render_telegram (text->str);
  receipt = publish (client, rendition, "long-1", NULL, &error);
  g_assert_no_error (error);

  accepted = candor_fake_server_get_accepted (CANDOR_FAKE_SERVER (fake));
  g_assert_cmpuint (accepted->len, >=, 2);
  for (guint i = 0; i < accepted->len; i++)
    {
      JsonObject      *sent = json_node_get_object (g_ptr_array_index (accepted, i));
      const char      *message = json_object_get_string_member (sent, "text");
      g_autofree char *number = g_strdup_printf (" %u/%u", i + 1, accepted->len);
      g_autofree char *sentence_end = g_strconcat (".", number, NULL);
      JsonObject      *reply = json_object_has_member (sent, "reply_parameters")
                                 ? json_object_get_object_member (sent, "reply_parameters")
                                 : NULL;

      g_assert_true (g_str_has_suffix (message, number));
      /* Cut at a sentence's end, never inside one. */
      g_assert_true (g_str_has_suffix (message, sentence_end));
      /* The fake numbers messages in order: each replies to the one before. */
      if (i == 0)
        g_assert_null (reply);
      else if (i == 1)
        previous = json_object_get_int_member (reply, "message_id");
      else
        g_assert_cmpint (json_object_get_int_member (reply, "message_id"), ==, ++previous);
    }
  /* Follow-ups reply to the last message. */
  g_assert_cmpint (g_ascii_strtoll (receipt->remote_id, NULL, 10), ==, previous + 1);
}

static void
test_webhook (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorFakeSignedWebhook) fake = candor_fake_signed_webhook_new (
    candor_test_tls_get_server_certificate (authority), WEBHOOK_SECRET, &error);
  g_autoptr (CandorChannelClient) client = NULL;
  g_autoptr (CandorChannelClient) wrong = NULL;
  g_autoptr (CandorSentRendition) rendition = NULL;
  g_autoptr (CandorPublishReceipt) receipt = NULL;
  g_autoptr (CandorPublishReceipt) again = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autofree char   *data = NULL;
  g_autofree char   *body = NULL;
  GPtrArray         *requests;
  CandorFakeRequest *request;
  JsonObject        *event;

  g_assert_no_error (error);
  client = make_webhook_client (fake, WEBHOOK_SECRET);
  g_assert_true (candor_channel_client_is_idempotent (client));
  g_assert_true (test_connection (client, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (accepted_string (CANDOR_FAKE_SERVER (fake), 0, "type"), ==, "ping");

  rendition = make_rendition (CANDOR_DIALECT_SIGNED_WEBHOOK, "Checkout is down", NULL,
                              "{\"subject\":\"Checkout is down\",\"text\":\"Checkout is down\"}");
  receipt = publish (client, rendition, "msg_pub-1", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (receipt->remote_id, ==, "msg_pub-1");

  requests = candor_fake_server_get_requests (CANDOR_FAKE_SERVER (fake));
  request = g_ptr_array_index (requests, requests->len - 1);
  g_assert_cmpstr (request->path, ==, "/hooks/candor");
  g_assert_cmpstr (soup_message_headers_get_one (request->headers, "webhook-id"), ==, "msg_pub-1");
  g_assert_true (
    g_str_has_prefix (soup_message_headers_get_one (request->headers, "webhook-signature"), "v1,"));
  body = g_strndup (g_bytes_get_data (request->body, NULL), g_bytes_get_size (request->body));
  node = json_from_string (body, &error);
  g_assert_no_error (error);
  event = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (event, "type"), ==, "incident.updated");
  data = json_to_string (json_object_get_member (event, "data"), FALSE);
  g_assert_cmpstr (data, ==, "{\"subject\":\"Checkout is down\",\"text\":\"Checkout is down\"}");

  /* Sent again with the same webhook-id: taken once. */
  again = publish (client, rendition, "msg_pub-1", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (candor_fake_server_get_accepted (CANDOR_FAKE_SERVER (fake))->len, ==, 2);

  /* A wrong secret: the receiver's words. */
  wrong = make_webhook_client (fake, "whsec_UExBTlRFRFNFQ1JFVF93cm9uZw==");
  g_assert_null (publish (wrong, rendition, "msg_pub-2", NULL, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "No matching signature found"));
  g_clear_error (&error);

  /* A payload the receiver refuses: its words. */
  candor_fake_server_fail_next (CANDOR_FAKE_SERVER (fake), 1, 429, 2);
  g_assert_null (publish (client, rendition, "msg_pub-3", NULL, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_RATE_LIMITED);
  g_assert_cmpint (candor_publish_error_get_retry_after (error), ==, 2 * G_USEC_PER_SEC);
  g_clear_error (&error);

  candor_fake_server_fail_next (CANDOR_FAKE_SERVER (fake), 1, 503, 0);
  g_assert_null (publish (client, rendition, "msg_pub-3", NULL, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_UNAVAILABLE);
  g_clear_error (&error);

  candor_fake_server_drop_next (CANDOR_FAKE_SERVER (fake), 1);
  g_assert_null (publish (client, rendition, "msg_pub-3", NULL, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_UNKNOWN_OUTCOME);
  g_clear_error (&error);

  g_clear_pointer (&receipt, candor_publish_receipt_free);
  receipt = publish (client, rendition, "msg_pub-3", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (candor_fake_server_get_accepted (CANDOR_FAKE_SERVER (fake))->len, ==, 3);
}

/* Settings or secret missing: named, before anything is sent. */
static void
test_not_configured (void)
{
  g_autoptr (CandorChannel) matrix = candor_channel_new ("m", "matrix", "Ops room");
  g_autoptr (CandorChannel) webhook = candor_channel_new ("w", "signed-webhook", "Hook");
  g_autoptr (CandorChannel) telegram = candor_channel_new ("t", "telegram", "Status");
  g_autoptr (GError) error = NULL;

  g_assert_null (candor_channel_client_new (matrix, MATRIX_TOKEN, http, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED);
  g_assert_nonnull (strstr (error->message, "homeserver"));
  g_clear_error (&error);

  g_assert_true (candor_channel_set_setting (webhook, "url", "https://hooks.test/x", &error));
  g_assert_null (candor_channel_client_new (webhook, "PLANTEDSECRET", http, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED);
  g_assert_nonnull (strstr (error->message, "whsec_"));
  assert_no_secret (error->message);
  g_clear_error (&error);

  g_assert_true (candor_channel_set_setting (telegram, "chat-id", "@x", &error));
  g_assert_true (
    candor_channel_set_setting (telegram, "api-url", "http://api.telegram.test", &error));
  g_assert_null (candor_channel_client_new (telegram, TELEGRAM_TOKEN, http, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_INSECURE);
  assert_no_secret (error->message);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  int status;

  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  g_test_init (&argc, &argv, NULL);
  logged = g_string_new (NULL);
  g_log_set_writer_func (log_writer, NULL, NULL);

  authority = candor_test_tls_new (&error);
  g_assert_no_error (error);
  http = candor_http_new (candor_test_tls_get_database (authority));

  g_test_add_func ("/more-clients/matrix", test_matrix);
  g_test_add_func ("/more-clients/matrix-faults", test_matrix_faults);
  g_test_add_func ("/more-clients/telegram", test_telegram);
  g_test_add_func ("/more-clients/telegram-faults", test_telegram_faults);
  g_test_add_func ("/more-clients/telegram-tricky-text", test_telegram_tricky_text);
  g_test_add_func ("/more-clients/telegram-long-text", test_telegram_long_text);
  g_test_add_func ("/more-clients/webhook", test_webhook);
  g_test_add_func ("/more-clients/not-configured", test_not_configured);

  status = g_test_run ();

  /* Nothing the clients logged, at any level, quotes a secret. */
  assert_no_secret (logged->str);

  g_clear_object (&http);
  g_clear_pointer (&authority, candor_test_tls_free);
  g_string_free (logged, TRUE);
  return status;
}
