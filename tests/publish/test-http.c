/* test-http.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "candor-http.h"
#include "candor-publish-error.h"
#include "candor-test-tls.h"

/* Stands for a webhook's secret path: it must not reach a log or an error. */
#define SECRET_PATH "/hooks/T0SECRET/B0SECRET"

/* Every log line the code under test wrote, to look for secrets in. */
static GString *logged;

static GLogWriterOutput
log_writer (GLogLevelFlags log_level, const GLogField *fields, gsize n_fields, gpointer user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_strcmp0 (fields[i].key, "MESSAGE") == 0 && fields[i].length < 0)
      g_string_append_printf (logged, "%s\n", (const char *)fields[i].value);

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static void
assert_no_secret (const char *text)
{
  g_assert_null (strstr (text, "SECRET"));
}

static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *message,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (message);
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (message);
  SoupMessageBody    *request_body = soup_server_message_get_request_body (message);

  if (g_str_has_suffix (path, "/echo"))
    {
      g_autoptr (GBytes) body = soup_message_body_flatten (request_body);
      const char      *token = soup_message_headers_get_one (request_headers, "X-Token");
      const char      *type = soup_message_headers_get_content_type (request_headers, NULL);
      g_autofree char *json = g_strdup_printf (
        "{\"method\": \"%s\", \"token\": \"%s\", \"type\": \"%s\", \"length\": %zu}",
        soup_server_message_get_method (message), token ? token : "", type ? type : "",
        g_bytes_get_size (body));

      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (message, "application/json; charset=utf-8",
                                        SOUP_MEMORY_COPY, json, strlen (json));
    }
  else if (g_str_has_suffix (path, "/text"))
    {
      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (message, "text/plain", SOUP_MEMORY_STATIC, "ok", 2);
    }
  else if (g_str_has_suffix (path, "/broken-json"))
    {
      soup_server_message_set_status (message, SOUP_STATUS_BAD_GATEWAY, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC, "<html>",
                                        6);
    }
  else if (g_str_has_suffix (path, "/slow-down"))
    {
      soup_server_message_set_status (message, 429, NULL);
      soup_message_headers_replace (response_headers, "Retry-After", "7");
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                        "{\"ok\": false, \"error\": \"ratelimited\"}", 36);
    }
  else if (g_str_has_suffix (path, "/elsewhere"))
    {
      soup_server_message_set_redirect (message, SOUP_STATUS_FOUND, "http://example.com/");
    }
  else if (g_str_has_suffix (path, "/hang"))
    {
      /* Read whole, never answered. */
      soup_server_message_pause (message);
    }
  else if (g_str_has_suffix (path, "/drop"))
    {
      /* The request has been read whole: the client has sent it all. */
      g_autoptr (GIOStream) stream = soup_server_message_steal_connection (message);

      g_io_stream_close (stream, NULL, NULL);
    }
  else
    soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
}

/* A server on @address (port 0 picks one); returns its base URL. */
static SoupServer *
start_server (const char *address, CandorTestTls *tls, char **base_url)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GInetAddress) inet_address = g_inet_address_new_from_string (address);
  g_autoptr (GSocketAddress) socket_address = g_inet_socket_address_new (inet_address, 0);
  SoupServer *server;
  GSList     *uris;

  if (tls != NULL)
    server =
      soup_server_new ("tls-certificate", candor_test_tls_get_server_certificate (tls), NULL);
  else
    server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, on_request_cb, NULL, NULL);
  soup_server_listen (server, socket_address, tls ? SOUP_SERVER_LISTEN_HTTPS : 0, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (server);
  g_assert_nonnull (uris);
  *base_url = g_uri_to_string_partial (uris->data, G_URI_HIDE_PASSWORD);
  /* The URI ends in "/"; the tests append paths that start with one. */
  (*base_url)[strlen (*base_url) - 1] = '\0';
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  return server;
}

static void
store_result_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* The server runs on this thread's main context, so the client must not block it. */
static CandorHttpResponse *
send (CandorHttp *http,
      const char *method,
      const char *url,
      GHashTable *headers,
      GBytes     *body,
      const char *content_type,
      GError    **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  candor_http_send_async (http, method, url, headers, body, content_type, NULL, store_result_cb,
                          &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return candor_http_send_finish (http, result, error);
}

static void
assert_error_safe (const GError *error)
{
  g_assert_nonnull (error);
  assert_no_secret (error->message);
}

static void
test_url_policy (void)
{
  static const char *const allowed[] = {
    "https://hooks.example.com" SECRET_PATH,
    "http://127.0.0.1:8025/",
    "http://127.10.0.2/",
    "http://[::1]:8080/x",
    "http://localhost/",
    "http://LOCALHOST:1/",
  };
  static const char *const insecure[] = {
    "http://hooks.example.com" SECRET_PATH "?token=SECRET",
    "http://10.0.0.1/",
    "http://192.168.1.1/",
    "http://[::2]/",
    "http://localhost.example.com/",
    "ftp://hooks.example.com" SECRET_PATH,
  };
  static const char *const invalid[] = {
    "",
    "hooks.example.com" SECRET_PATH,
    "https:" SECRET_PATH,
  };

  for (gsize i = 0; i < G_N_ELEMENTS (allowed); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_true (candor_http_check_url (allowed[i], &error));
      g_assert_no_error (error);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (insecure); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GUri) uri = g_uri_parse (insecure[i], G_URI_FLAGS_NONE, NULL);

      g_assert_false (candor_http_check_url (insecure[i], &error));
      g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_INSECURE);
      assert_error_safe (error);
      /* The host is named: that much the person needs to see which channel. */
      g_assert_nonnull (strstr (error->message, g_uri_get_host (uri)));
    }

  for (gsize i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_false (candor_http_check_url (invalid[i], &error));
      g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED);
      assert_error_safe (error);
    }
}

static void
test_send_refuses_insecure (void)
{
  g_autoptr (CandorHttp) http = candor_http_new (NULL);
  g_autoptr (CandorHttpResponse) response = NULL;
  g_autoptr (GError) error = NULL;
  guint timeout;

  g_object_get (http, "request-timeout", &timeout, NULL);
  g_assert_cmpuint (timeout, ==, 60);

  response = send (http, "POST", "http://hooks.example.com" SECRET_PATH, NULL, NULL, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_INSECURE);
  assert_error_safe (error);
}

static void
test_plain_loopback (void)
{
  g_autofree char *base = NULL;
  g_autoptr (SoupServer) server = start_server ("127.0.0.1", NULL, &base);
  g_autoptr (CandorHttp) http = candor_http_new (NULL);
  g_autoptr (CandorHttpResponse) response = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) headers = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GBytes) body = g_bytes_new_static ("{\"text\": \"hi\"}", 14);
  g_autofree char *url = g_strconcat (base, SECRET_PATH "/echo", NULL);
  JsonObject      *object;

  g_hash_table_insert (headers, (char *)"X-Token", (char *)"SECRET-token");
  response = send (http, "POST", url, headers, body, "application/json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (candor_http_response_get_status (response), ==, SOUP_STATUS_OK);
  g_assert_true (candor_http_response_is_success (response));
  g_assert_cmpstr (candor_http_response_get_header (response, "Content-Type"), ==,
                   "application/json; charset=utf-8");

  g_assert_nonnull (candor_http_response_get_json (response));
  object = json_node_get_object (candor_http_response_get_json (response));
  g_assert_cmpstr (json_object_get_string_member (object, "method"), ==, "POST");
  g_assert_cmpstr (json_object_get_string_member (object, "token"), ==, "SECRET-token");
  g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "application/json");
  g_assert_cmpint (json_object_get_int_member (object, "length"), ==, 14);
}

static void
test_text_is_not_json (void)
{
  g_autofree char *base = NULL;
  g_autoptr (SoupServer) server = start_server ("127.0.0.1", NULL, &base);
  g_autoptr (CandorHttp) http = candor_http_new (NULL);
  g_autoptr (CandorHttpResponse) response = NULL;
  g_autoptr (CandorHttpResponse) broken = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = g_strconcat (base, "/text", NULL);
  g_autofree char *broken_url = g_strconcat (base, "/broken-json", NULL);

  response = send (http, "GET", url, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (candor_http_response_get_json (response));
  g_assert_cmpmem (g_bytes_get_data (candor_http_response_get_body (response), NULL), 2, "ok", 2);

  /* A proxy's error page under a JSON type: bytes, no JSON, no error. */
  broken = send (http, "GET", broken_url, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (candor_http_response_get_status (broken), ==, SOUP_STATUS_BAD_GATEWAY);
  g_assert_false (candor_http_response_is_success (broken));
  g_assert_null (candor_http_response_get_json (broken));
  g_assert_cmpuint (g_bytes_get_size (candor_http_response_get_body (broken)), ==, 6);
}

static void
test_redirect_not_followed (void)
{
  g_autofree char *base = NULL;
  g_autoptr (SoupServer) server = start_server ("127.0.0.1", NULL, &base);
  g_autoptr (CandorHttp) http = candor_http_new (NULL);
  g_autoptr (CandorHttpResponse) response = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = g_strconcat (base, "/elsewhere", NULL);

  response = send (http, "POST", url, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (candor_http_response_get_status (response), ==, SOUP_STATUS_FOUND);
  g_clear_error (&error);
  error = candor_http_response_to_error (response, "Example", NULL);
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REJECTED);
}

static void
test_https_trusted (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorTestTls) tls = candor_test_tls_new (&error);
  g_autofree char *base = NULL;
  g_autoptr (SoupServer) server = NULL;
  g_autoptr (CandorHttp) http = NULL;
  g_autoptr (CandorHttpResponse) response = NULL;
  g_autofree char *url = NULL;

  g_assert_no_error (error);
  server = start_server ("127.0.0.1", tls, &base);
  http = candor_http_new (candor_test_tls_get_database (tls));
  g_assert_true (candor_http_get_tls_database (http) == candor_test_tls_get_database (tls));
  g_assert_true (g_str_has_prefix (base, "https://"));
  url = g_strconcat (base, SECRET_PATH "/text", NULL);

  response = send (http, "GET", url, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (candor_http_response_get_status (response), ==, SOUP_STATUS_OK);
}

static void
test_https_unknown_issuer (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorTestTls) tls = candor_test_tls_new (&error);
  g_autofree char *base = NULL;
  g_autoptr (SoupServer) server = NULL;
  g_autoptr (CandorHttp) http = candor_http_new (NULL);
  g_autoptr (CandorHttpResponse) response = NULL;
  g_autofree char *url = NULL;

  g_assert_no_error (error);
  server = start_server ("127.0.0.1", tls, &base);
  url = g_strconcat (base, SECRET_PATH "/text", NULL);

  /* The system does not know the test's authority. */
  response = send (http, "GET", url, NULL, NULL, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_TLS);
  assert_error_safe (error);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  g_assert_nonnull (strstr (error->message, "unknown authority"));
}

static void
test_https_wrong_host (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorTestTls) tls = candor_test_tls_new (&error);
  g_autofree char *base = NULL;
  g_autoptr (SoupServer) server = NULL;
  g_autoptr (CandorHttp) http = NULL;
  g_autoptr (CandorHttpResponse) response = NULL;
  g_autofree char *url = NULL;

  g_assert_no_error (error);
  /* Loopback, but not a name the certificate was made for. */
  server = start_server ("127.0.0.2", tls, &base);
  http = candor_http_new (candor_test_tls_get_database (tls));
  url = g_strconcat (base, SECRET_PATH "/text", NULL);

  response = send (http, "GET", url, NULL, NULL, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_TLS);
  assert_error_safe (error);
  g_assert_nonnull (strstr (error->message, "another host"));
}

static void
test_connection_refused (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSocketListener) listener = g_socket_listener_new ();
  g_autoptr (CandorHttp) http = candor_http_new (NULL);
  g_autoptr (CandorHttpResponse) response = NULL;
  g_autofree char *url = NULL;
  guint16          port;

  /* A port that was free a moment ago and that nobody listens on now. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  url = g_strdup_printf ("http://127.0.0.1:%u" SECRET_PATH, port);

  response = send (http, "POST", url, NULL, NULL, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_UNAVAILABLE);
  assert_error_safe (error);
  g_assert_true (candor_publish_error_is_transient (error));
}

static void
test_dropped_after_sending (void)
{
  g_autofree char *base = NULL;
  g_autoptr (SoupServer) server = start_server ("127.0.0.1", NULL, &base);
  g_autoptr (CandorHttp) http = candor_http_new (NULL);
  g_autoptr (CandorHttpResponse) response = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = g_bytes_new_static ("{\"text\": \"hi\"}", 14);
  g_autofree char *url = g_strconcat (base, SECRET_PATH "/drop", NULL);

  response = send (http, "POST", url, NULL, body, "application/json", &error);
  g_assert_null (response);
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_UNKNOWN_OUTCOME);
  assert_error_safe (error);
  g_assert_false (candor_publish_error_is_transient (error));
}

static void
test_no_answer_in_time (void)
{
  g_autofree char *base = NULL;
  g_autoptr (SoupServer) server = start_server ("127.0.0.1", NULL, &base);
  g_autoptr (CandorHttp) http = g_object_new (CANDOR_TYPE_HTTP, "request-timeout", 1, NULL);
  g_autoptr (CandorHttpResponse) response = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = g_bytes_new_static ("{\"text\": \"hi\"}", 14);
  g_autofree char *url = g_strconcat (base, SECRET_PATH "/hang", NULL);
  gint64           started = g_get_monotonic_time ();

  /* The server has the whole message and keeps quiet: it may have posted it. */
  response = send (http, "POST", url, NULL, body, "application/json", &error);
  g_assert_null (response);
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_UNKNOWN_OUTCOME);
  assert_error_safe (error);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 10 * G_USEC_PER_SEC);
}

static void
test_silent_before_sending (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSocketListener) listener = g_socket_listener_new ();
  g_autoptr (CandorHttp) http = g_object_new (CANDOR_TYPE_HTTP, "request-timeout", 1, NULL);
  g_autoptr (CandorHttpResponse) response = NULL;
  g_autofree char *url = NULL;
  guint16          port;

  /* The kernel takes the connection, nobody answers the TLS handshake: the
   * request never went out, so trying again is safe. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("https://127.0.0.1:%u" SECRET_PATH, port);

  response = send (http, "POST", url, NULL, NULL, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_UNAVAILABLE);
  assert_error_safe (error);
  g_assert_nonnull (strstr (error->message, "did not answer in time"));
}

static void
test_cancelled (void)
{
  g_autofree char *base = NULL;
  g_autoptr (SoupServer) server = start_server ("127.0.0.1", NULL, &base);
  g_autoptr (CandorHttp) http = candor_http_new (NULL);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (CandorHttpResponse) response = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = g_strconcat (base, "/text", NULL);

  candor_http_send_async (http, "GET", url, NULL, NULL, NULL, cancellable, store_result_cb,
                          &result);
  g_cancellable_cancel (cancellable);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  response = candor_http_send_finish (http, result, &error);
  g_assert_null (response);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_rate_limited_response (void)
{
  g_autofree char *base = NULL;
  g_autoptr (SoupServer) server = start_server ("127.0.0.1", NULL, &base);
  g_autoptr (CandorHttp) http = candor_http_new (NULL);
  g_autoptr (CandorHttpResponse) response = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = g_strconcat (base, SECRET_PATH "/slow-down", NULL);

  response = send (http, "POST", url, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (candor_http_response_get_status (response), ==, 429);

  error = candor_http_response_to_error (response, "Slack", "ratelimited");
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_RATE_LIMITED);
  g_assert_cmpint (candor_publish_error_get_retry_after (error), ==, 7 * G_USEC_PER_SEC);
  g_assert_nonnull (strstr (error->message, "Slack"));
  g_assert_nonnull (strstr (error->message, "ratelimited"));
}

static void
test_error_from_status (void)
{
  static const struct
  {
    guint              status;
    CandorPublishError code;
    const char        *advice;
  } cases[] = {
    { 401, CANDOR_PUBLISH_ERROR_REFUSED, "token in Preferences" },
    { 403, CANDOR_PUBLISH_ERROR_REFUSED, "token in Preferences" },
    { 429, CANDOR_PUBLISH_ERROR_RATE_LIMITED, "tries again" },
    { 500, CANDOR_PUBLISH_ERROR_UNAVAILABLE, "tries again" },
    { 503, CANDOR_PUBLISH_ERROR_UNAVAILABLE, "tries again" },
    { 400, CANDOR_PUBLISH_ERROR_REJECTED, "Check the message" },
    { 404, CANDOR_PUBLISH_ERROR_REJECTED, "Check the message" },
    { 413, CANDOR_PUBLISH_ERROR_REJECTED, "Check the message" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (SoupMessageHeaders) headers =
        soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
      g_autoptr (GBytes) body = g_bytes_new_static ("", 0);
      g_autoptr (CandorHttpResponse) response =
        candor_http_response_new (cases[i].status, headers, body);
      g_autoptr (GError) with_words = NULL;
      g_autoptr (GError) without_words = NULL;
      g_autofree char *status = g_strdup_printf ("HTTP %u", cases[i].status);

      g_assert_false (candor_http_response_is_success (response));

      with_words = candor_http_response_to_error (response, "Mastodon", "the service's words");
      g_assert_error (with_words, CANDOR_PUBLISH_ERROR, (int)cases[i].code);
      g_assert_nonnull (strstr (with_words->message, "Mastodon"));
      g_assert_nonnull (strstr (with_words->message, "the service's words"));
      g_assert_nonnull (strstr (with_words->message, cases[i].advice));
      /* No Retry-After: no wait of the service's own. */
      g_assert_cmpint (candor_publish_error_get_retry_after (with_words), ==, 0);

      /* Without the service's words, the status stands in for them. */
      without_words = candor_http_response_to_error (response, "Mastodon", NULL);
      g_assert_error (without_words, CANDOR_PUBLISH_ERROR, (int)cases[i].code);
      g_assert_nonnull (strstr (without_words->message, status));
    }
}

static void
test_retry_after_date (void)
{
  g_autoptr (SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_autoptr (GBytes) body = g_bytes_new_static ("", 0);
  g_autoptr (CandorHttpResponse) response = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) later = g_date_time_add_seconds (now, 120);
  g_autofree char *date = soup_date_time_to_string (later, SOUP_DATE_HTTP);
  g_autoptr (GError) error = NULL;
  gint64 wait;

  soup_message_headers_replace (headers, "Retry-After", date);
  response = candor_http_response_new (429, headers, body);
  error = candor_http_response_to_error (response, "Mastodon", NULL);
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_RATE_LIMITED);

  /* HTTP dates have whole seconds, and a little time passed since "now". */
  wait = candor_publish_error_get_retry_after (error);
  g_assert_cmpint (wait, >, 115 * G_USEC_PER_SEC);
  g_assert_cmpint (wait, <=, 120 * G_USEC_PER_SEC);
}

static void
test_parse_retry_after (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_utc (2026, 12, 5, 4, 0, 0);

  g_assert_cmpint (candor_http_response_parse_retry_after ("120", now), ==, 120 * G_USEC_PER_SEC);
  g_assert_cmpint (candor_http_response_parse_retry_after (" 0 ", now), ==, 0);
  g_assert_cmpint (candor_http_response_parse_retry_after ("Sat, 05 Dec 2026 04:01:30 GMT", now),
                   ==, 90 * G_USEC_PER_SEC);
  /* A date already past means "now". */
  g_assert_cmpint (candor_http_response_parse_retry_after ("Sat, 05 Dec 2026 03:00:00 GMT", now),
                   ==, 0);
  g_assert_cmpint (candor_http_response_parse_retry_after (NULL, now), ==, -1);
  g_assert_cmpint (candor_http_response_parse_retry_after ("", now), ==, -1);
  g_assert_cmpint (candor_http_response_parse_retry_after ("-5", now), ==, -1);
  g_assert_cmpint (candor_http_response_parse_retry_after ("12s", now), ==, -1);
  g_assert_cmpint (candor_http_response_parse_retry_after ("soon", now), ==, -1);
  /* Absurd waits stay representable. */
  g_assert_cmpint (candor_http_response_parse_retry_after ("99999999999999999999", now), ==, -1);
  g_assert_cmpint (candor_http_response_parse_retry_after ("9999999999999", now), >, 0);
}

static void
test_logs_keep_secrets (void)
{
  /* Runs last: everything the tests above made the code log. */
  assert_no_secret (logged->str);
}

int
main (int argc, char *argv[])
{
  int status;

  logged = g_string_new (NULL);
  g_log_set_writer_func (log_writer, NULL, NULL);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/publish/http/url-policy", test_url_policy);
  g_test_add_func ("/publish/http/send-refuses-insecure", test_send_refuses_insecure);
  g_test_add_func ("/publish/http/plain-loopback", test_plain_loopback);
  g_test_add_func ("/publish/http/text-is-not-json", test_text_is_not_json);
  g_test_add_func ("/publish/http/redirect-not-followed", test_redirect_not_followed);
  g_test_add_func ("/publish/http/https-trusted", test_https_trusted);
  g_test_add_func ("/publish/http/https-unknown-issuer", test_https_unknown_issuer);
  g_test_add_func ("/publish/http/https-wrong-host", test_https_wrong_host);
  g_test_add_func ("/publish/http/connection-refused", test_connection_refused);
  g_test_add_func ("/publish/http/dropped-after-sending", test_dropped_after_sending);
  g_test_add_func ("/publish/http/no-answer-in-time", test_no_answer_in_time);
  g_test_add_func ("/publish/http/silent-before-sending", test_silent_before_sending);
  g_test_add_func ("/publish/http/cancelled", test_cancelled);
  g_test_add_func ("/publish/http/rate-limited-response", test_rate_limited_response);
  g_test_add_func ("/publish/http/error-from-status", test_error_from_status);
  g_test_add_func ("/publish/http/retry-after-date", test_retry_after_date);
  g_test_add_func ("/publish/http/parse-retry-after", test_parse_retry_after);
  g_test_add_func ("/publish/http/logs-keep-secrets", test_logs_keep_secrets);

  status = g_test_run ();
  g_string_free (logged, TRUE);

  return status;
}
