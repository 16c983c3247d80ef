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

#include "candor-test-tls.h"

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

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fakes/tls/made-at-test-time", test_tls_made_at_test_time);
  g_test_add_func ("/fakes/tls/removes-its-files", test_tls_removes_its_files);

  return g_test_run ();
}
