/* test-fakes.c
 *
 * The fakes' own proof: each fake of a chat API, driven directly with a
 * SoupSession, accepts what the real service accepts and refuses the rest
 * with the real service's answers.
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include "candor-fake-discord.h"
#include "candor-fake-matrix.h"
#include "candor-fake-mattermost.h"
#include "candor-fake-signed-webhook.h"
#include "candor-fake-slack.h"
#include "candor-fake-teams.h"
#include "candor-fake-telegram.h"
#include "candor-test-tls.h"

/* One authority for the whole program: every fake below serves https with it. */
static CandorTestTls *authority;

typedef struct
{
  GBytes  *body;
  GError  *error;
  gboolean done;
} Reply;

static void
send_and_read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Reply *reply = user_data;

  reply->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &reply->error);
  reply->done = TRUE;
}

/* The server runs on this thread's main context, so the client must not block it. */
static GBytes *
send (SoupSession *session, SoupMessage *message, GError **error)
{
  Reply reply = { NULL, NULL, FALSE };

  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL, send_and_read_cb,
                                    &reply);
  while (!reply.done)
    g_main_context_iteration (NULL, TRUE);

  if (reply.error != NULL)
    g_propagate_error (error, reply.error);
  return reply.body;
}

static void
hello_cb (SoupServer        *server,
          SoupServerMessage *message,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "text/plain", SOUP_MEMORY_STATIC, "hello", 5);
}

static void
test_tls_made_at_test_time (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorTestTls) tls = candor_test_tls_new (&error);
  g_autoptr (SoupServer) server = NULL;
  g_autoptr (SoupSession) trusting = NULL;
  g_autoptr (SoupSession) system = NULL;
  g_autoptr (SoupMessage) message = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GUri) uri = NULL;
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  GSList *uris;

  g_assert_no_error (error);
  g_assert_true (g_file_test (candor_test_tls_get_ca_file (tls), G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (candor_test_tls_get_cert_file (tls), G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (candor_test_tls_get_key_file (tls), G_FILE_TEST_IS_REGULAR));

  server = soup_server_new ("tls-certificate", candor_test_tls_get_server_certificate (tls), NULL);
  soup_server_add_handler (server, NULL, hello_cb, NULL, NULL);
  soup_server_listen (server, address, SOUP_SERVER_LISTEN_HTTPS, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  g_assert_nonnull (uris);
  uri = g_uri_ref (uris->data);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
  g_assert_cmpstr (g_uri_get_scheme (uri), ==, "https");

  trusting =
    soup_session_new_with_options ("tls-database", candor_test_tls_get_database (tls), NULL);
  message = soup_message_new_from_uri (SOUP_METHOD_GET, uri);
  body = send (trusting, message, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, SOUP_STATUS_OK);
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "hello", 5);

  /* The authority exists only in the test: the system's trust store refuses it. */
  g_clear_object (&message);
  g_clear_pointer (&body, g_bytes_unref);
  system = soup_session_new ();
  message = soup_message_new_from_uri (SOUP_METHOD_GET, uri);
  body = send (system, message, &error);
  g_assert_null (body);
  g_assert_error (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
  g_assert_cmpuint (
    soup_message_get_tls_peer_certificate_errors (message) & G_TLS_CERTIFICATE_UNKNOWN_CA, !=, 0);
}

static void
test_tls_removes_its_files (void)
{
  g_autoptr (GError) error = NULL;
  CandorTestTls   *tls = candor_test_tls_new (&error);
  g_autofree char *dir = NULL;

  g_assert_no_error (error);
  dir = g_path_get_dirname (candor_test_tls_get_ca_file (tls));
  g_assert_true (g_file_test (dir, G_FILE_TEST_IS_DIR));
  candor_test_tls_free (tls);
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
}

/* One request and its answer, read whole. */
typedef struct
{
  SoupMessage *message;
  char        *body;
  JsonNode    *json;
  GError      *error;
} Exchange;

static void
exchange_clear (Exchange *exchange)
{
  g_clear_object (&exchange->message);
  g_clear_pointer (&exchange->body, g_free);
  g_clear_pointer (&exchange->json, json_node_unref);
  g_clear_error (&exchange->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Exchange, exchange_clear)

static SoupSession *
trusting_session (void)
{
  return soup_session_new_with_options ("tls-database", candor_test_tls_get_database (authority),
                                        NULL);
}

static void
exchange_full (Exchange          *exchange,
               SoupSession       *session,
               const char        *method,
               const char        *url,
               const char        *bearer,
               const char        *content_type,
               const char        *body,
               const char *const *headers)
{
  g_autoptr (GBytes) reply = NULL;

  exchange_clear (exchange);
  exchange->message = soup_message_new (method, url);
  g_assert_nonnull (exchange->message);

  if (bearer != NULL)
    {
      g_autofree char *value = g_strdup_printf ("Bearer %s", bearer);

      soup_message_headers_replace (soup_message_get_request_headers (exchange->message),
                                    "Authorization", value);
    }
  for (guint i = 0; headers != NULL && headers[i] != NULL; i += 2)
    soup_message_headers_replace (soup_message_get_request_headers (exchange->message), headers[i],
                                  headers[i + 1]);
  if (body != NULL)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (exchange->message, content_type, bytes);
    }

  reply = send (session, exchange->message, &exchange->error);
  if (reply == NULL)
    return;

  /* An empty body's data may be NULL, which memcpy must not be given. */
  exchange->body = g_malloc0 (g_bytes_get_size (reply) + 1);
  if (g_bytes_get_size (reply) > 0)
    memcpy (exchange->body, g_bytes_get_data (reply, NULL), g_bytes_get_size (reply));
  if (g_bytes_get_size (reply) > 0)
    exchange->json = json_from_string (exchange->body, NULL);
}

static void
exchange_json (Exchange    *exchange,
               SoupSession *session,
               const char  *method,
               const char  *url,
               const char  *bearer,
               const char  *json)
{
  exchange_full (exchange, session, method, url, bearer, json != NULL ? "application/json" : NULL,
                 json, NULL);
}

static guint
status_of (Exchange *exchange)
{
  g_assert_no_error (exchange->error);
  return soup_message_get_status (exchange->message);
}

static const char *
header_of (Exchange *exchange, const char *name)
{
  return soup_message_headers_get_one (soup_message_get_response_headers (exchange->message), name);
}

/* A member of the JSON answer, by a path of object keys. */
static JsonNode *
member_of (Exchange *exchange, const char *first, ...)
{
  JsonNode   *node = exchange->json;
  const char *key = first;
  va_list     keys;

  g_assert_nonnull (node);
  va_start (keys, first);
  while (key != NULL && node != NULL)
    {
      if (JSON_NODE_HOLDS_ARRAY (node))
        node = json_array_get_element (json_node_get_array (node), atoi (key));
      else if (JSON_NODE_HOLDS_OBJECT (node))
        node = json_object_get_member (json_node_get_object (node), key);
      else
        node = NULL;
      key = va_arg (keys, const char *);
    }
  va_end (keys);

  return node;
}

static const char *
string_of (Exchange *exchange, const char *key)
{
  JsonNode *node = member_of (exchange, key, NULL);

  g_assert_nonnull (node);
  return json_node_get_string (node);
}

static char *
repeat (const char *unit, guint times)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < times; i++)
    g_string_append (text, unit);

  return g_string_free (text, FALSE);
}

static GPtrArray *
accepted (gpointer fake)
{
  return candor_fake_server_get_accepted (CANDOR_FAKE_SERVER (fake));
}

static void
test_server_faults (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorFakeMattermost) fake = NULL;
  g_autoptr (SoupSession) session = trusting_session ();
  g_autoptr (SoupSession) fresh = trusting_session ();
  g_autofree char *url = NULL;
  g_auto (Exchange) exchange = { 0 };
  CandorFakeRequest *request;
  gint64             started;

  fake = candor_fake_mattermost_new (candor_test_tls_get_server_certificate (authority), "hookkey",
                                     &error);
  g_assert_no_error (error);
  url = candor_fake_mattermost_get_webhook_url (fake);
  g_assert_true (g_str_has_prefix (url, "https://127.0.0.1:"));
  g_assert_true (g_str_has_prefix (url, candor_fake_server_get_url (CANDOR_FAKE_SERVER (fake))));

  candor_fake_server_fail_next (CANDOR_FAKE_SERVER (fake), 2, SOUP_STATUS_SERVICE_UNAVAILABLE, 0);
  candor_fake_server_fail_next (CANDOR_FAKE_SERVER (fake), 1, 429, 7);
  candor_fake_server_delay_next (CANDOR_FAKE_SERVER (fake), 1, 200);

  for (guint i = 0; i < 2; i++)
    {
      exchange_json (&exchange, session, "POST", url, NULL, "{\"text\": \"down\"}");
      g_assert_cmpuint (status_of (&exchange), ==, SOUP_STATUS_SERVICE_UNAVAILABLE);
    }
  exchange_json (&exchange, session, "POST", url, NULL, "{\"text\": \"down\"}");
  g_assert_cmpuint (status_of (&exchange), ==, 429);
  g_assert_cmpstr (header_of (&exchange, "Retry-After"), ==, "7");
  g_assert_cmpuint (accepted (fake)->len, ==, 0);

  started = g_get_monotonic_time ();
  exchange_json (&exchange, session, "POST", url, NULL, "{\"text\": \"slow\"}");
  g_assert_cmpuint (status_of (&exchange), ==, SOUP_STATUS_OK);
  g_assert_cmpint (g_get_monotonic_time () - started, >=, 200 * 1000);
  g_assert_cmpuint (accepted (fake)->len, ==, 1);

  /* A fresh connection, so the client cannot take the drop for a stale keep-alive and resend. */
  candor_fake_server_drop_next (CANDOR_FAKE_SERVER (fake), 1);
  exchange_json (&exchange, fresh, "POST", url, NULL, "{\"text\": \"lost\"}");
  g_assert_nonnull (exchange.error);
  g_assert_false (exchange.error->domain == G_TLS_ERROR);
  g_assert_cmpuint (accepted (fake)->len, ==, 1);

  g_assert_cmpuint (candor_fake_server_get_request_count (CANDOR_FAKE_SERVER (fake)), ==, 5);
  request = g_ptr_array_index (candor_fake_server_get_requests (CANDOR_FAKE_SERVER (fake)), 4);
  g_assert_cmpstr (request->method, ==, "POST");
  g_assert_cmpstr (request->path, ==, "/hooks/hookkey");
  g_assert_cmpstr (soup_message_headers_get_content_type (request->headers, NULL), ==,
                   "application/json");
  g_assert_cmpmem (g_bytes_get_data (request->body, NULL), g_bytes_get_size (request->body),
                   "{\"text\": \"lost\"}", strlen ("{\"text\": \"lost\"}"));
}

/* Loopback without TLS, as a channel's local-server mode uses. */
static void
test_server_plain_http (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorFakeTelegram) fake = NULL;
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autofree char *url = NULL;
  g_auto (Exchange) exchange = { 0 };

  fake = candor_fake_telegram_new (NULL, "123:good", "-100200", &error);
  g_assert_no_error (error);
  g_assert_true (
    g_str_has_prefix (candor_fake_server_get_url (CANDOR_FAKE_SERVER (fake)), "http://127.0.0.1:"));

  url = g_strdup_printf ("%s/bot123:good/sendMessage",
                         candor_fake_server_get_url (CANDOR_FAKE_SERVER (fake)));
  exchange_full (&exchange, session, "POST", url, NULL, "application/x-www-form-urlencoded",
                 "chat_id=-100200&text=Outage", NULL);
  g_assert_cmpuint (status_of (&exchange), ==, SOUP_STATUS_OK);
  g_assert_cmpint (json_node_get_int (member_of (&exchange, "result", "chat", "id", NULL)), ==,
                   -100200);
  g_assert_cmpuint (accepted (fake)->len, ==, 1);
}

static void
test_slack_webhook (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorFakeSlack) fake = NULL;
  g_autoptr (SoupSession) session = trusting_session ();
  g_autofree char *url = NULL;
  g_autofree char *wrong_secret = NULL;
  g_autofree char *unknown = NULL;
  g_auto (Exchange) exchange = { 0 };
  JsonObject *post;

  fake = candor_fake_slack_new (candor_test_tls_get_server_certificate (authority), "xoxb-1-good",
                                "C0CANDOR", &error);
  g_assert_no_error (error);
  url = candor_fake_slack_get_webhook_url (fake);

  exchange_json (&exchange, session, "POST", url, NULL,
                 "{\"text\": \"*Outage*\", \"blocks\": [{\"type\": \"section\"}]}");
  g_assert_cmpuint (status_of (&exchange), ==, SOUP_STATUS_OK);
  g_assert_cmpstr (exchange.body, ==, "ok");
  g_assert_cmpuint (accepted (fake)->len, ==, 1);
  post = json_node_get_object (g_ptr_array_index (accepted (fake), 0));
  g_assert_cmpstr (json_object_get_string_member (post, "text"), ==, "*Outage*");

  wrong_secret = g_strdup_printf ("%s/services/TCANDOR01/BCANDOR01/wrong",
                                  candor_fake_server_get_url (CANDOR_FAKE_SERVER (fake)));
  exchange_json (&exchange, session, "POST", wrong_secret, NULL, "{\"text\": \"x\"}");
  g_assert_cmpuint (status_of (&exchange), ==, SOUP_STATUS_FORBIDDEN);
  g_assert_cmpstr (exchange.body, ==, "invalid_token");

  unknown =
    g_strdup_printf ("%s/services/T1/B1/x", candor_fake_server_get_url (CANDOR_FAKE_SERVER (fake)));
  exchange_json (&exchange, session, "POST", unknown, NULL, "{\"text\": \"x\"}");
  g_assert_cmpuint (status_of (&exchange), ==, SOUP_STATUS_NOT_FOUND);
  g_assert_cmpstr (exchange.body, ==, "no_service");

  exchange_json (&exchange, session, "POST", url, NULL, "{\"text\": ");
  g_assert_cmpuint (status_of (&exchange), ==, SOUP_STATUS_BAD_REQUEST);
  g_assert_cmpstr (exchange.body, ==, "invalid_payload");

  exchange_json (&exchange, session, "POST", url, NULL, "{\"text\": \"\"}");
  g_assert_cmpuint (status_of (&exchange), ==, SOUP_STATUS_BAD_REQUEST);
  g_assert_cmpstr (exchange.body, ==, "no_text");

  exchange_json (&exchange, session, "POST", url, NULL, "{\"text\": \"x\", \"blocks\": {}}");
  g_assert_cmpuint (status_of (&exchange), ==, SOUP_STATUS_BAD_REQUEST);
  g_assert_cmpstr (exchange.body, ==, "invalid_blocks");

  candor_fake_server_fail_next (CANDOR_FAKE_SERVER (fake), 1, 429, 30);
  exchange_json (&exchange, session, "POST", url, NULL, "{\"text\": \"x\"}");
  g_assert_cmpuint (status_of (&exchange), ==, 429);
  g_assert_cmpstr (header_of (&exchange, "Retry-After"), ==, "30");
  g_assert_cmpuint (accepted (fake)->len, ==, 1);
}

static void
test_slack_web_api (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorFakeSlack) fake = NULL;
  g_autoptr (SoupSession) session = trusting_session ();
  g_autofree char *post_url = NULL;
  g_autofree char *auth_url = NULL;
  g_autofree char *permalink_url = NULL;
  g_autofree char *long_text = NULL;
  g_autofree char *long_body = NULL;
  g_autofree char *ts = NULL;
  g_auto (Exchange) exchange = { 0 };
  const char *base;

  fake = candor_fake_slack_new (candor_test_tls_get_server_certificate (authority), "xoxb-1-good",
                                "C0CANDOR", &error);
  g_assert_no_error (error);
  base = candor_fake_server_get_url (CANDOR_FAKE_SERVER (fake));
  post_url = g_strdup_printf ("%s/api/chat.postMessage", base);
  auth_url = g_strdup_printf ("%s/api/auth.test", base);

  exchange_json (&exchange, session, "POST", auth_url, "xoxb-1-good", NULL);
  g_assert_cmpuint (status_of (&exchange), ==, SOUP_STATUS_OK);
  g_assert_true (json_node_get_boolean (member_of (&exchange, "ok", NULL)));
  g_assert_cmpstr (string_of (&exchange, "team_id"), ==, "TCANDOR01");

  exchange_json (&exchange, session, "POST", post_url, NULL,
                 "{\"channel\": \"C0CANDOR\", \"text\": \"x\"}");
  g_assert_cmpuint (status_of (&exchange), ==, SOUP_STATUS_OK);
  g_assert_false (json_node_get_boolean (member_of (&exchange, "ok", NULL)));
  g_assert_cmpstr (string_of (&exchange, "error"), ==, "not_authed");

  exchange_json (&exchange, session, "POST", post_url, "xoxb-1-bad",
                 "{\"channel\": \"C0CANDOR\", \"text\": \"x\"}");
  g_assert_cmpstr (string_of (&exchange, "error"), ==, "invalid_auth");

  exchange_json (&exchange, session, "POST", post_url, "xoxb-1-good",
                 "{\"channel\": \"C0OTHER\", \"text\": \"x\"}");
  g_assert_cmpstr (string_of (&exchange, "error"), ==, "channel_not_found");

  long_text = repeat ("a", 40001);
  long_body = g_strdup_printf ("{\"channel\": \"C0CANDOR\", \"text\": \"%s\"}", long_text);
  exchange_json (&exchange, session, "POST", post_url, "xoxb-1-good", long_body);
  g_assert_cmpstr (string_of (&exchange, "error"), ==, "msg_too_long");
  g_assert_cmpuint (accepted (fake)->len, ==, 0);

  exchange_json (&exchange, session, "POST", post_url, "xoxb-1-good",
                 "{\"channel\": \"C0CANDOR\", \"text\": \"Outage\", \"mrkdwn\": true}");
  g_assert_cmpuint (status_of (&exchange), ==, SOUP_STATUS_OK);
  g_assert_true (json_node_get_boolean (member_of (&exchange, "ok", NULL)));
  g_assert_cmpstr (string_of (&exchange, "channel"), ==, "C0CANDOR");
  ts = g_strdup (string_of (&exchange, "ts"));
  g_assert_cmpstr (json_node_get_string (member_of (&exchange, "message", "text", NULL)), ==,
                   "Outage");
  g_assert_cmpuint (accepted (fake)->len, ==, 1);

  permalink_url =
    g_strdup_printf ("%s/api/chat.getPermalink?channel=C0CANDOR&message_ts=%s", base, ts);
  exchange_json (&exchange, session, "GET", permalink_url, "xoxb-1-good", NULL);
  g_assert_true (json_node_get_boolean (member_of (&exchange, "ok", NULL)));
  {
    g_auto (GStrv) parts = g_strsplit (ts, ".", 2);
    g_autofree char *expected =
      g_strdup_printf ("https://candor-fake.slack.com/archives/C0CANDOR/p%s%s", parts[0], parts[1]);

    g_assert_cmpstr (string_of (&exchange, "permalink"), ==, expected);
  }

  candor_fake_server_fail_next (CANDOR_FAKE_SERVER (fake), 1, 429, 3);
  exchange_json (&exchange, session, "POST", post_url, "xoxb-1-good",
                 "{\"channel\": \"C0CANDOR\", \"text\": \"x\"}");
  g_assert_cmpuint (status_of (&exchange), ==, 429);
  g_assert_cmpstr (header_of (&exchange, "Retry-After"), ==, "3");
  g_assert_cmpstr (string_of (&exchange, "error"), ==, "ratelimited");
}

#define TEAMS_CARD                                                                          \
  "{\"type\": \"message\", \"attachments\": [{\"contentType\": "                            \
  "\"application/vnd.microsoft.card.adaptive\", \"content\": {\"type\": \"AdaptiveCard\", " \
  "\"version\": \"1.4\", \"body\": [{\"type\": \"TextBlock\", \"text\": \"%s\"}]}}]}"

static void
test_teams (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorFakeTeams) fake = NULL;
  g_autoptr (SoupSession) session = trusting_session ();
  g_autofree char *url = NULL;
  g_autofree char *unsigned_url = NULL;
  g_autofree char *wrong_url = NULL;
  g_autofree char *card = g_strdup_printf (TEAMS_CARD, "Outage");
  g_autofree char *big_text = repeat ("a", 29 * 1024);
  g_autofree char *big_card = g_strdup_printf (TEAMS_CARD, big_text);
  g_auto (Exchange) exchange = { 0 };
  const char *base;

  fake = candor_fake_teams_new (candor_test_tls_get_server_certificate (authority), "0a1b2c",
                                "s1g+/=", &error);
  g_assert_no_error (error);
  url = candor_fake_teams_get_webhook_url (fake);
  base = candor_fake_server_get_url (CANDOR_FAKE_SERVER (fake));

  exchange_json (&exchange, session, "POST", url, NULL, card);
  g_assert_cmpuint (status_of (&exchange), ==, SOUP_STATUS_ACCEPTED);
  g_assert_nonnull (header_of (&exchange, "x-ms-workflow-run-id"));
  g_assert_cmpuint (accepted (fake)->len, ==, 1);

  unsigned_url = g_strdup_printf ("%s/workflows/0a1b2c/triggers/manual/paths/invoke"
                                  "?api-version=2016-06-01",
                                  base);
  exchange_json (&exchange, session, "POST", unsigned_url, NULL, card);
  g_assert_cmpuint (status_of (&exchange), ==, SOUP_STATUS_UNAUTHORIZED);
  g_assert_cmpstr (json_node_get_string (member_of (&exchange, "error", "code", NULL)), ==,
                   "DirectApiAuthorizationRequired");

  wrong_url = g_strdup_printf ("%s&sig=forged", unsigned_url);
  exchange_json (&exchange, session, "POST", wrong_url, NULL, card);
  g_assert_cmpuint (status_of (&exchange), ==, SOUP_STATUS_UNAUTHORIZED);
  g_assert_cmpstr (json_node_get_string (member_of (&exchange, "error", "code", NULL)), ==,
                   "DirectApiInvalidAuthorizationSignature");

  exchange_json (&exchange, session, "POST", url, NULL, "{\"text\": \"a legacy connector card\"}");
  g_assert_cmpuint (status_of (&exchange), ==, SOUP_STATUS_BAD_REQUEST);
  g_assert_cmpstr (json_node_get_string (member_of (&exchange, "error", "code", NULL)), ==,
                   "TriggerInputSchemaMismatch");

  exchange_json (&exchange, session, "POST", url, NULL, big_card);
  g_assert_cmpuint (status_of (&exchange), ==, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE);
  g_assert_cmpuint (accepted (fake)->len, ==, 1);

  candor_fake_server_fail_next (CANDOR_FAKE_SERVER (fake), 1, 429, 12);
  exchange_json (&exchange, session, "POST", url, NULL, card);
  g_assert_cmpuint (status_of (&exchange), ==, 429);
  g_assert_cmpstr (header_of (&exchange, "Retry-After"), ==, "12");
  g_assert_cmpstr (json_node_get_string (member_of (&exchange, "error", "code", NULL)), ==,
                   "WorkflowRequestsThrottled");
}

static void
test_discord (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorFakeDiscord) fake = NULL;
  g_autoptr (SoupSession) session = trusting_session ();
  g_autofree char *url = NULL;
  g_autofree char *wait_url = NULL;
  g_autofree char *thread_url = NULL;
  g_autofree char *unknown_thread_url = NULL;
  g_autofree char *wrong_token_url = NULL;
  g_autofree char *unknown_url = NULL;
  g_autofree char *long_content = repeat ("a", 2001);
  g_autofree char *long_body = g_strdup_printf ("{\"content\": \"%s\"}", long_content);
  g_auto (Exchange) exchange = { 0 };
  const char *base;

  fake = candor_fake_discord_new (candor_test_tls_get_server_certificate (authority), "1100", "tok",
                                  "2200", &error);
  g_assert_no_error (error);
  candor_fake_discord_add_thread (fake, "3300");
  url = candor_fake_discord_get_webhook_url (fake);
  base = candor_fake_server_get_url (CANDOR_FAKE_SERVER (fake));
  wait_url = g_strdup_printf ("%s?wait=true", url);

  exchange_json (&exchange, session, "POST", wait_url, NULL,
                 "{\"content\": \"Outage\", \"allowed_mentions\": {\"parse\": []}}");
  g_assert_cmpuint (status_of (&exchange), ==, SOUP_STATUS_OK);
  g_assert_cmpstr (string_of (&exchange, "content"), ==, "Outage");
  g_assert_cmpstr (string_of (&exchange, "channel_id"), ==, "2200");
  g_assert_cmpstr (string_of (&exchange, "webhook_id"), ==, "1100");
  g_assert_nonnull (string_of (&exchange, "id"));

  exchange_json (&exchange, session, "POST", url, NULL, "{\"content\": \"No wait\"}");
  g_assert_cmpuint (status_of (&exchange), ==, SOUP_STATUS_NO_CONTENT);

  thread_url = g_strdup_printf ("%s?wait=true&thread_id=3300", url);
  exchange_json (&exchange, session, "POST", thread_url, NULL, "{\"content\": \"Follow-up\"}");
  g_assert_cmpuint (status_of (&exchange), ==, SOUP_STATUS_OK);
  g_assert_cmpstr (string_of (&exchange, "channel_id"), ==, "3300");
  g_assert_cmpuint (accepted (fake)->len, ==, 3);

  unknown_thread_url = g_strdup_printf ("%s?wait=true&thread_id=9999", url);
  exchange_json (&exchange, session, "POST", unknown_thread_url, NULL, "{\"content\": \"x\"}");
  g_assert_cmpuint (status_of (&exchange), ==, SOUP_STATUS_NOT_FOUND);
  g_assert_cmpint (json_node_get_int (member_of (&exchange, "code", NULL)), ==, 10003);

  wrong_token_url = g_strdup_printf ("%s/api/webhooks/1100/forged", base);
  exchange_json (&exchange, session, "POST", wrong_token_url, NULL, "{\"content\": \"x\"}");
  g_assert_cmpuint (status_of (&exchange), ==, SOUP_STATUS_UNAUTHORIZED);
  g_assert_cmpint (json_node_get_int (member_of (&exchange, "code", NULL)), ==, 50027);

  unknown_url = g_strdup_printf ("%s/api/v10/webhooks/1101/tok", base);
  exchange_json (&exchange, session, "POST", unknown_url, NULL, "{\"content\": \"x\"}");
  g_assert_cmpuint (status_of (&exchange), ==, SOUP_STATUS_NOT_FOUND);
  g_assert_cmpint (json_node_get_int (member_of (&exchange, "code", NULL)), ==, 10015);

  exchange_json (&exchange, session, "POST", wait_url, NULL, "{\"content\": \"\", \"embeds\": []}");
  g_assert_cmpuint (status_of (&exchange), ==, SOUP_STATUS_BAD_REQUEST);
  g_assert_cmpint (json_node_get_int (member_of (&exchange, "code", NULL)), ==, 50006);

  exchange_json (&exchange, session, "POST", wait_url, NULL, long_body);
  g_assert_cmpuint (status_of (&exchange), ==, SOUP_STATUS_BAD_REQUEST);
  g_assert_cmpint (json_node_get_int (member_of (&exchange, "code", NULL)), ==, 50035);
  g_assert_cmpstr (
    json_node_get_string (member_of (&exchange, "errors", "content", "_errors", "0", "code", NULL)),
    ==, "BASE_TYPE_MAX_LENGTH");
  g_assert_cmpuint (accepted (fake)->len, ==, 3);

  candor_fake_server_fail_next (CANDOR_FAKE_SERVER (fake), 1, 429, 2);
  exchange_json (&exchange, session, "POST", wait_url, NULL, "{\"content\": \"x\"}");
  g_assert_cmpuint (status_of (&exchange), ==, 429);
  g_assert_cmpstr (header_of (&exchange, "Retry-After"), ==, "2");
  g_assert_cmpfloat (json_node_get_double (member_of (&exchange, "retry_after", NULL)), ==, 2.0);
  g_assert_false (json_node_get_boolean (member_of (&exchange, "global", NULL)));
}

static void
test_mattermost (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorFakeMattermost) fake = NULL;
  g_autoptr (SoupSession) session = trusting_session ();
  g_autofree char *url = NULL;
  g_autofree char *wrong_url = NULL;
  g_autofree char *long_text = repeat ("é", 20000);
  g_autofree char *long_body = g_strdup_printf ("{\"text\": \"%s\"}", long_text);
  g_autofree char *reply_body = NULL;
  g_auto (Exchange) exchange = { 0 };
  JsonObject *post;

  fake = candor_fake_mattermost_new (candor_test_tls_get_server_certificate (authority), "hookkey",
                                     &error);
  g_assert_no_error (error);
  url = candor_fake_mattermost_get_webhook_url (fake);

  exchange_json (&exchange, session, "POST", url, NULL,
                 "{\"text\": \"Outage\", \"props\": {\"card\": \"Details\"}}");
  g_assert_cmpuint (status_of (&exchange), ==, SOUP_STATUS_OK);
  g_assert_cmpstr (exchange.body, ==, "ok");
  g_assert_cmpuint (accepted (fake)->len, ==, 1);
  post = json_node_get_object (g_ptr_array_index (accepted (fake), 0));
  g_assert_cmpstr (json_object_get_string_member (post, "message"), ==, "Outage");

  reply_body = g_strdup_printf ("{\"text\": \"Resolved\", \"root_id\": \"%s\"}",
                                json_object_get_string_member (post, "id"));
  exchange_json (&exchange, session, "POST", url, NULL, reply_body);
  g_assert_cmpuint (status_of (&exchange), ==, SOUP_STATUS_OK);

  exchange_json (&exchange, session, "POST", url, NULL,
                 "{\"text\": \"x\", \"root_id\": \"nosuchpost\"}");
  g_assert_cmpuint (status_of (&exchange), ==, SOUP_STATUS_BAD_REQUEST);
  g_assert_cmpstr (string_of (&exchange, "id"), ==, "api.post.create_post.root_id.app_error");

  wrong_url =
    g_strdup_printf ("%s/hooks/forged", candor_fake_server_get_url (CANDOR_FAKE_SERVER (fake)));
  exchange_json (&exchange, session, "POST", wrong_url, NULL, "{\"text\": \"x\"}");
  g_assert_cmpuint (status_of (&exchange), ==, SOUP_STATUS_BAD_REQUEST);
  g_assert_cmpstr (string_of (&exchange, "id"), ==, "web.incoming_webhook.invalid.app_error");

  exchange_json (&exchange, session, "POST", url, NULL, "{\"username\": \"candor\"}");
  g_assert_cmpuint (status_of (&exchange), ==, SOUP_STATUS_BAD_REQUEST);
  g_assert_cmpstr (string_of (&exchange, "id"), ==, "web.incoming_webhook.text.app_error");
  g_assert_cmpint (json_node_get_int (member_of (&exchange, "status_code", NULL)), ==, 400);

  /* Past the post size, the server splits the text rather than refusing it. */
  exchange_json (&exchange, session, "POST", url, NULL, long_body);
  g_assert_cmpuint (status_of (&exchange), ==, SOUP_STATUS_OK);
  g_assert_cmpuint (accepted (fake)->len, ==, 4);
  post = json_node_get_object (g_ptr_array_index (accepted (fake), 2));
  g_assert_cmpint (g_utf8_strlen (json_object_get_string_member (post, "message"), -1), ==, 16383);
  post = json_node_get_object (g_ptr_array_index (accepted (fake), 3));
  g_assert_cmpint (g_utf8_strlen (json_object_get_string_member (post, "message"), -1), ==,
                   20000 - 16383);

  candor_fake_server_fail_next (CANDOR_FAKE_SERVER (fake), 1, 429, 1);
  exchange_json (&exchange, session, "POST", url, NULL, "{\"text\": \"x\"}");
  g_assert_cmpuint (status_of (&exchange), ==, 429);
  g_assert_cmpstr (header_of (&exchange, "Retry-After"), ==, "1");
  g_assert_cmpstr (header_of (&exchange, "X-Ratelimit-Remaining"), ==, "0");
}

static char *
matrix_send_url (CandorFakeMatrix *fake, const char *room_id, const char *txn_id)
{
  g_autofree char *room = g_uri_escape_string (room_id, NULL, FALSE);

  return g_strdup_printf ("%s/_matrix/client/v3/rooms/%s/send/m.room.message/%s",
                          candor_fake_server_get_url (CANDOR_FAKE_SERVER (fake)), room, txn_id);
}

#define MATRIX_NOTICE                                                                          \
  "{\"msgtype\": \"m.notice\", \"body\": \"Outage\", \"format\": \"org.matrix.custom.html\", " \
  "\"formatted_body\": \"<b>Outage</b>\"}"

static void
test_matrix (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorFakeMatrix) fake = NULL;
  g_autoptr (SoupSession) session = trusting_session ();
  g_autofree char *whoami_url = NULL;
  g_autofree char *first_url = NULL;
  g_autofree char *second_url = NULL;
  g_autofree char *other_room_url = NULL;
  g_autofree char *event_id = NULL;
  g_autofree char *big_body = repeat ("a", 65536);
  g_autofree char *big_event =
    g_strdup_printf ("{\"msgtype\": \"m.notice\", \"body\": \"%s\"}", big_body);
  g_auto (Exchange) exchange = { 0 };

  fake = candor_fake_matrix_new (candor_test_tls_get_server_certificate (authority), "syt_good",
                                 "@candor:fake.invalid", "!room:fake.invalid", &error);
  g_assert_no_error (error);
  whoami_url = g_strdup_printf ("%s/_matrix/client/v3/account/whoami",
                                candor_fake_server_get_url (CANDOR_FAKE_SERVER (fake)));
  first_url = matrix_send_url (fake, "!room:fake.invalid", "txn1");
  second_url = matrix_send_url (fake, "!room:fake.invalid", "txn2");
  other_room_url = matrix_send_url (fake, "!other:fake.invalid", "txn3");

  exchange_json (&exchange, session, "GET", whoami_url, "syt_good", NULL);
  g_assert_cmpuint (status_of (&exchange), ==, SOUP_STATUS_OK);
  g_assert_cmpstr (string_of (&exchange, "user_id"), ==, "@candor:fake.invalid");

  exchange_json (&exchange, session, "PUT", first_url, "syt_good", MATRIX_NOTICE);
  g_assert_cmpuint (status_of (&exchange), ==, SOUP_STATUS_OK);
  event_id = g_strdup (string_of (&exchange, "event_id"));
  g_assert_true (event_id[0] == '$');

  /* The same transaction again, as after a lost answer: the same event, posted once. */
  exchange_json (&exchange, session, "PUT", first_url, "syt_good", MATRIX_NOTICE);
  g_assert_cmpuint (status_of (&exchange), ==, SOUP_STATUS_OK);
  g_assert_cmpstr (string_of (&exchange, "event_id"), ==, event_id);
  g_assert_cmpuint (accepted (fake)->len, ==, 1);

  exchange_json (&exchange, session, "PUT", second_url, "syt_good", MATRIX_NOTICE);
  g_assert_cmpstr (string_of (&exchange, "event_id"), !=, event_id);
  g_assert_cmpuint (accepted (fake)->len, ==, 2);

  exchange_json (&exchange, session, "PUT", first_url, NULL, MATRIX_NOTICE);
  g_assert_cmpuint (status_of (&exchange), ==, SOUP_STATUS_UNAUTHORIZED);
  g_assert_cmpstr (string_of (&exchange, "errcode"), ==, "M_MISSING_TOKEN");

  exchange_json (&exchange, session, "PUT", first_url, "syt_forged", MATRIX_NOTICE);
  g_assert_cmpuint (status_of (&exchange), ==, SOUP_STATUS_UNAUTHORIZED);
  g_assert_cmpstr (string_of (&exchange, "errcode"), ==, "M_UNKNOWN_TOKEN");

  exchange_json (&exchange, session, "PUT", other_room_url, "syt_good", MATRIX_NOTICE);
  g_assert_cmpuint (status_of (&exchange), ==, SOUP_STATUS_FORBIDDEN);
  g_assert_cmpstr (string_of (&exchange, "errcode"), ==, "M_FORBIDDEN");

  g_clear_pointer (&second_url, g_free);
  second_url = matrix_send_url (fake, "!room:fake.invalid", "txn4");
  exchange_json (&exchange, session, "PUT", second_url, "syt_good", "{\"msgtype\": \"m.notice\"}");
  g_assert_cmpuint (status_of (&exchange), ==, SOUP_STATUS_BAD_REQUEST);
  g_assert_cmpstr (string_of (&exchange, "errcode"), ==, "M_BAD_JSON");

  exchange_json (&exchange, session, "PUT", second_url, "syt_good", big_event);
  g_assert_cmpuint (status_of (&exchange), ==, 413);
  g_assert_cmpstr (string_of (&exchange, "errcode"), ==, "M_TOO_LARGE");
  g_assert_cmpuint (accepted (fake)->len, ==, 2);

  candor_fake_server_fail_next (CANDOR_FAKE_SERVER (fake), 1, 429, 4);
  exchange_json (&exchange, session, "PUT", second_url, "syt_good", MATRIX_NOTICE);
  g_assert_cmpuint (status_of (&exchange), ==, 429);
  g_assert_cmpstr (string_of (&exchange, "errcode"), ==, "M_LIMIT_EXCEEDED");
  g_assert_cmpint (json_node_get_int (member_of (&exchange, "retry_after_ms", NULL)), ==, 4000);
  g_assert_cmpstr (header_of (&exchange, "Retry-After"), ==, "4");
}

static void
assert_telegram_error (Exchange *exchange, guint status, const char *description)
{
  g_assert_cmpuint (status_of (exchange), ==, status);
  g_assert_false (json_node_get_boolean (member_of (exchange, "ok", NULL)));
  g_assert_cmpint (json_node_get_int (member_of (exchange, "error_code", NULL)), ==, status);
  g_assert_cmpstr (string_of (exchange, "description"), ==, description);
}

static void
test_telegram (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorFakeTelegram) fake = NULL;
  g_autoptr (SoupSession) session = trusting_session ();
  g_autofree char *send_url = NULL;
  g_autofree char *me_url = NULL;
  g_autofree char *forged_url = NULL;
  g_autofree char *text = repeat ("a", 4096);
  g_autofree char *fits = g_strdup_printf (
    "{\"chat_id\": \"@candor\", \"parse_mode\": \"HTML\", \"text\": \"<b>%s</b>\"}", text);
  g_autofree char *too_long = g_strdup_printf (
    "{\"chat_id\": \"@candor\", \"parse_mode\": \"HTML\", \"text\": \"<b>%s</b>b\"}", text);
  g_autofree char *reply = NULL;
  g_auto (Exchange) exchange = { 0 };
  const char *base;
  gint64      message_id;

  fake = candor_fake_telegram_new (candor_test_tls_get_server_certificate (authority), "123:good",
                                   "@candor", &error);
  g_assert_no_error (error);
  base = candor_fake_server_get_url (CANDOR_FAKE_SERVER (fake));
  send_url = g_strdup_printf ("%s/bot123:good/sendMessage", base);
  me_url = g_strdup_printf ("%s/bot123:good/getMe", base);
  forged_url = g_strdup_printf ("%s/bot123:forged/sendMessage", base);

  exchange_json (&exchange, session, "GET", me_url, NULL, NULL);
  g_assert_cmpuint (status_of (&exchange), ==, SOUP_STATUS_OK);
  g_assert_true (json_node_get_boolean (member_of (&exchange, "result", "is_bot", NULL)));

  exchange_json (&exchange, session, "POST", send_url, NULL,
                 "{\"chat_id\": \"@candor\", \"parse_mode\": \"HTML\", \"text\": \"<b>Outage</b> "
                 "&amp; <a href=\\\"https://status.invalid\\\">status</a> <span "
                 "class=\\\"tg-spoiler\\\">x</span>\", \"link_preview_options\": {\"is_disabled\": "
                 "true}}");
  g_assert_cmpuint (status_of (&exchange), ==, SOUP_STATUS_OK);
  g_assert_true (json_node_get_boolean (member_of (&exchange, "ok", NULL)));
  g_assert_cmpstr (json_node_get_string (member_of (&exchange, "result", "text", NULL)), ==,
                   "Outage & status x");
  message_id = json_node_get_int (member_of (&exchange, "result", "message_id", NULL));

  reply = g_strdup_printf ("{\"chat_id\": \"@candor\", \"text\": \"Resolved\", "
                           "\"reply_parameters\": {\"message_id\": %" G_GINT64_FORMAT "}}",
                           message_id);
  exchange_json (&exchange, session, "POST", send_url, NULL, reply);
  g_assert_cmpuint (status_of (&exchange), ==, SOUP_STATUS_OK);
  g_assert_cmpint (
    json_node_get_int (member_of (&exchange, "result", "reply_to_message", "message_id", NULL)), ==,
    message_id);

  exchange_json (&exchange, session, "POST", send_url, NULL, fits);
  g_assert_cmpuint (status_of (&exchange), ==, SOUP_STATUS_OK);
  g_assert_cmpuint (accepted (fake)->len, ==, 3);

  exchange_json (&exchange, session, "POST", send_url, NULL, too_long);
  assert_telegram_error (&exchange, SOUP_STATUS_BAD_REQUEST, "Bad Request: message is too long");

  exchange_json (&exchange, session, "POST", forged_url, NULL,
                 "{\"chat_id\": \"@candor\", \"text\": \"x\"}");
  assert_telegram_error (&exchange, SOUP_STATUS_UNAUTHORIZED, "Unauthorized");

  exchange_json (
    &exchange, session, "POST", send_url, NULL,
    "{\"chat_id\": \"@candor\", \"parse_mode\": \"HTML\", \"text\": \"<div>x</div>\"}");
  assert_telegram_error (&exchange, SOUP_STATUS_BAD_REQUEST,
                         "Bad Request: can't parse entities: Unsupported start tag \"div\" at byte "
                         "offset 0");

  exchange_json (
    &exchange, session, "POST", send_url, NULL,
    "{\"chat_id\": \"@candor\", \"parse_mode\": \"HTML\", \"text\": \"<b>x<i>y</b>\"}");
  assert_telegram_error (&exchange, SOUP_STATUS_BAD_REQUEST,
                         "Bad Request: can't parse entities: Unmatched end tag at byte offset 8, "
                         "expected \"</i>\", found \"</b>\"");

  exchange_json (&exchange, session, "POST", send_url, NULL,
                 "{\"chat_id\": \"@candor\", \"parse_mode\": \"HTML\", \"text\": \"<b>x\"}");
  assert_telegram_error (&exchange, SOUP_STATUS_BAD_REQUEST,
                         "Bad Request: can't parse entities: Can't find end tag corresponding to "
                         "start tag \"b\"");

  exchange_json (&exchange, session, "POST", send_url, NULL,
                 "{\"chat_id\": \"@candor\", \"text\": \"x\", \"reply_parameters\": "
                 "{\"message_id\": 999}}");
  assert_telegram_error (&exchange, SOUP_STATUS_BAD_REQUEST,
                         "Bad Request: message to be replied not found");

  exchange_json (&exchange, session, "POST", send_url, NULL,
                 "{\"chat_id\": \"@elsewhere\", \"text\": \"x\"}");
  assert_telegram_error (&exchange, SOUP_STATUS_BAD_REQUEST, "Bad Request: chat not found");
  g_assert_cmpuint (accepted (fake)->len, ==, 3);

  candor_fake_server_fail_next (CANDOR_FAKE_SERVER (fake), 1, 429, 9);
  exchange_json (&exchange, session, "POST", send_url, NULL,
                 "{\"chat_id\": \"@candor\", \"text\": \"x\"}");
  assert_telegram_error (&exchange, 429, "Too Many Requests: retry after 9");
  g_assert_cmpint (json_node_get_int (member_of (&exchange, "parameters", "retry_after", NULL)), ==,
                   9);

  candor_fake_telegram_remove_bot (fake);
  exchange_json (&exchange, session, "POST", send_url, NULL,
                 "{\"chat_id\": \"@candor\", \"text\": \"x\"}");
  assert_telegram_error (&exchange, SOUP_STATUS_FORBIDDEN,
                         "Forbidden: bot is not a member of the channel chat");
}

#define WEBHOOK_SECRET "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
#define WEBHOOK_PAYLOAD                                                                  \
  "{\"type\": \"incident.updated\", \"timestamp\": \"2026-12-05T04:00:00Z\", \"data\": " \
  "{\"title\": \"Outage\"}}"

/* Signs as a Standard Webhooks sender does, independently of the fake. */
static char *
sign (const char *id, gint64 timestamp, const char *body)
{
  gsize              key_length;
  g_autofree guchar *key = g_base64_decode (WEBHOOK_SECRET + strlen ("whsec_"), &key_length);
  g_autofree char   *content = g_strdup_printf ("%s.%" G_GINT64_FORMAT ".%s", id, timestamp, body);
  g_autoptr (GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, key, key_length);
  guint8           digest[32];
  gsize            digest_length = sizeof digest;
  g_autofree char *encoded = NULL;

  g_hmac_update (hmac, (const guchar *)content, strlen (content));
  g_hmac_get_digest (hmac, digest, &digest_length);
  encoded = g_base64_encode (digest, digest_length);

  return g_strdup_printf ("v1,%s", encoded);
}

static void
exchange_signed (Exchange    *exchange,
                 SoupSession *session,
                 const char  *url,
                 const char  *id,
                 gint64       timestamp,
                 const char  *signature)
{
  g_autofree char  *timestamp_text = g_strdup_printf ("%" G_GINT64_FORMAT, timestamp);
  const char *const headers[] = {
    "webhook-id", id, "webhook-timestamp", timestamp_text, "webhook-signature", signature, NULL,
  };

  exchange_full (exchange, session, "POST", url, NULL, "application/json", WEBHOOK_PAYLOAD,
                 headers);
}

static void
test_signed_webhook (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorFakeSignedWebhook) fake = NULL;
  g_autoptr (SoupSession) session = trusting_session ();
  g_autofree char *url = NULL;
  gint64           now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *good = sign ("msg_1", now, WEBHOOK_PAYLOAD);
  g_autofree char *rotated = g_strdup_printf ("v1,b2xkIGtleQ== %s", good);
  g_autofree char *stale = sign ("msg_2", now - 6 * 60, WEBHOOK_PAYLOAD);
  g_autofree char *second = sign ("msg_3", now, WEBHOOK_PAYLOAD);
  g_auto (Exchange) exchange = { 0 };

  fake = candor_fake_signed_webhook_new (candor_test_tls_get_server_certificate (authority),
                                         WEBHOOK_SECRET, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("%s/hooks/candor", candor_fake_server_get_url (CANDOR_FAKE_SERVER (fake)));

  exchange_signed (&exchange, session, url, "msg_1", now, good);
  g_assert_cmpuint (status_of (&exchange), ==, SOUP_STATUS_NO_CONTENT);
  g_assert_cmpuint (accepted (fake)->len, ==, 1);

  /* A retry of the same message, under a list of signatures as during a key rotation. */
  exchange_signed (&exchange, session, url, "msg_1", now, rotated);
  g_assert_cmpuint (status_of (&exchange), ==, SOUP_STATUS_NO_CONTENT);
  g_assert_cmpuint (accepted (fake)->len, ==, 1);

  exchange_signed (&exchange, session, url, "msg_3", now, good);
  g_assert_cmpuint (status_of (&exchange), ==, SOUP_STATUS_UNAUTHORIZED);

  exchange_signed (&exchange, session, url, "msg_2", now - 6 * 60, stale);
  g_assert_cmpuint (status_of (&exchange), ==, SOUP_STATUS_UNAUTHORIZED);
  g_assert_cmpstr (exchange.body, ==, "Message timestamp too old");

  exchange_json (&exchange, session, "POST", url, NULL, WEBHOOK_PAYLOAD);
  g_assert_cmpuint (status_of (&exchange), ==, SOUP_STATUS_BAD_REQUEST);

  exchange_signed (&exchange, session, url, "msg_3", now, second);
  g_assert_cmpuint (status_of (&exchange), ==, SOUP_STATUS_NO_CONTENT);
  g_assert_cmpuint (accepted (fake)->len, ==, 2);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  authority = candor_test_tls_new (&error);
  g_assert_no_error (error);

  g_test_add_func ("/fakes/tls/made-at-test-time", test_tls_made_at_test_time);
  g_test_add_func ("/fakes/tls/removes-its-files", test_tls_removes_its_files);

  g_test_add_func ("/fakes/server/faults", test_server_faults);
  g_test_add_func ("/fakes/server/plain-http", test_server_plain_http);
  g_test_add_func ("/fakes/slack/webhook", test_slack_webhook);
  g_test_add_func ("/fakes/slack/web-api", test_slack_web_api);
  g_test_add_func ("/fakes/teams", test_teams);
  g_test_add_func ("/fakes/discord", test_discord);
  g_test_add_func ("/fakes/mattermost", test_mattermost);
  g_test_add_func ("/fakes/matrix", test_matrix);
  g_test_add_func ("/fakes/telegram", test_telegram);
  g_test_add_func ("/fakes/signed-webhook", test_signed_webhook);

  status = g_test_run ();
  g_clear_pointer (&authority, candor_test_tls_free);

  return status;
}
