/* test-smtp.c
 *
 * Email against a real SMTP server on loopback (aiosmtpd, tests/fakes/smtp-server.py)
 * with STARTTLS or implicit TLS from a certificate authority made at test time:
 * what arrives is parsed back and checked.
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gmime/gmime.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "candor-email.h"
#include "candor-publish-error.h"
#include "candor-smtp.h"
#include "candor-fake-smtp.h"
#include "candor-test-tls.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeMessage, g_object_unref)

#define USER     "candor"
#define PASSWORD "s3cr3t-Пароль"

typedef struct
{
  CandorTestTls  *tls;
  CandorFakeSmtp *server;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fixture->tls = candor_test_tls_new (&error);
  g_assert_no_error (error);
  fixture->server = candor_fake_smtp_new (fixture->tls, USER, PASSWORD);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  candor_fake_smtp_free (fixture->server);
  candor_test_tls_free (fixture->tls);
}

static CandorSmtp *
new_smtp (Fixture *fixture, CandorSmtpSecurity security)
{
  CandorSmtp *smtp =
    candor_smtp_new ("127.0.0.1", candor_fake_smtp_get_port (fixture->server), security);

  candor_smtp_set_ca_file (smtp, candor_test_tls_get_ca_file (fixture->tls));
  if (security != CANDOR_SMTP_SECURITY_NONE)
    {
      candor_smtp_set_username (smtp, USER);
      candor_smtp_set_password (smtp, PASSWORD);
    }

  return smtp;
}

static void
store_result_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
send_sync (CandorSmtp        *smtp,
           const char *const *recipients,
           GBytes            *mime,
           GCancellable      *cancellable,
           GError           **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  candor_smtp_send_async (smtp, "support@example.com", recipients, mime, cancellable,
                          store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return candor_smtp_send_finish (smtp, result, error);
}

static gboolean
test_connection_sync (CandorSmtp *smtp, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  candor_smtp_test_async (smtp, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return candor_smtp_test_finish (smtp, result, error);
}

static GBytes *
build_message (const char        *subject,
               const char        *in_reply_to,
               const char *const *references,
               char             **message_id)
{
  CandorEmailHeaders headers = {
    .from = "Служба поддержки Candor <support@example.com>",
    .to = "Клиенты и партнёры компании <customers@example.org>",
    .subject = subject,
    .in_reply_to = in_reply_to,
    .references = references,
    .language = "ru",
  };
  g_autoptr (GError) error = NULL;
  GBytes *mime;

  mime = candor_email_build (&headers, "Вход недоступен.\n\n.Точка в начале строки.\n",
                             "<p>Вход <strong>недоступен</strong>.</p>", message_id, &error);
  g_assert_no_error (error);

  return mime;
}

/* The header section as received: CRLF on the wire, every line within
 * RFC 2047's 76 characters, and no Bcc. */
static void
assert_header_section (CandorReceivedMail *received)
{
  gsize            size;
  const char      *data = g_bytes_get_data (received->data, &size);
  g_autofree char *text = g_strndup (data, size);
  char            *end = strstr (text, "\r\n\r\n");
  g_auto (GStrv) lines = NULL;

  g_assert_nonnull (end);
  *end = '\0';
  lines = g_strsplit (text, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_assert_null (strchr (lines[i], '\n'));
      g_assert_cmpuint (strlen (lines[i]), <=, 76);
      g_assert_false (g_ascii_strncasecmp (lines[i], "Bcc:", 4) == 0);
    }
}

/* References as a reader's client reads it, however the header was folded. */
static void
assert_references (CandorReceivedMail *received, const char *const *expected)
{
  const char *header = g_mime_object_get_header (GMIME_OBJECT (received->message), "References");
  GMimeReferences *references;

  g_assert_nonnull (header);
  references = g_mime_references_parse (NULL, header);
  g_assert_cmpint (g_mime_references_length (references), ==, g_strv_length ((char **)expected));
  for (guint i = 0; expected[i] != NULL; i++)
    g_assert_cmpstr (g_mime_references_get_message_id (references, i), ==, expected[i]);
  g_mime_references_free (references);
}

static void
test_smtp_sends_a_thread (Fixture *fixture, gconstpointer data)
{
  /* The To address, and customers only in the envelope (Bcc). */
  const char *const recipients[] = { "customers@example.org", "anna@client.example",
                                     "boris@client.example", NULL };
  const char       *subject = "Сбой входа в личный кабинет: мы уже работаем над исправлением";
  g_autoptr (CandorSmtp) smtp = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) first = NULL;
  g_autoptr (GBytes) second = NULL;
  g_autoptr (GBytes) third = NULL;
  g_autoptr (CandorReceivedMail) received = NULL;
  g_autofree char     *first_id = NULL;
  g_autofree char     *second_id = NULL;
  g_autofree char     *third_id = NULL;
  g_autofree char     *expected = NULL;
  InternetAddressList *addresses;
  GMimeObject         *body;
  GMimeObject         *part;
  g_autofree char     *text = NULL;
  g_autofree char     *html = NULL;

  candor_fake_smtp_start (fixture->server, NULL);
  smtp = new_smtp (fixture, CANDOR_SMTP_SECURITY_STARTTLS);

  first = build_message (subject, NULL, NULL, &first_id);
  g_assert_true (send_sync (smtp, recipients, first, NULL, &error));
  g_assert_no_error (error);
  {
    const char *const thread[] = { first_id, NULL };

    second = build_message ("Сбой входа: причина найдена", first_id, thread, &second_id);
  }
  g_assert_true (send_sync (smtp, recipients, second, NULL, &error));
  g_assert_no_error (error);
  {
    const char *const thread[] = { first_id, second_id, NULL };

    third = build_message ("Сбой входа: устранён", second_id, thread, &third_id);
  }
  g_assert_true (send_sync (smtp, recipients, third, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (candor_fake_smtp_count_received (fixture->server), ==, 3);

  /* The first notice: the envelope has every recipient, the headers only To. */
  received = candor_fake_smtp_read_received (fixture->server, 1);
  g_assert_cmpstr (received->mail_from, ==, "support@example.com");
  g_assert_cmpstrv (received->rcpt_tos, recipients);
  assert_header_section (received);
  {
    gsize       size;
    const char *raw = g_bytes_get_data (received->data, &size);

    g_assert_null (g_strstr_len (raw, size, "anna@client.example"));
    g_assert_null (g_strstr_len (raw, size, "boris@client.example"));
  }
  g_assert_null (g_mime_object_get_header (GMIME_OBJECT (received->message), "Bcc"));
  addresses = g_mime_message_get_addresses (received->message, GMIME_ADDRESS_TYPE_TO);
  g_assert_cmpint (internet_address_list_length (addresses), ==, 1);
  g_assert_cmpstr (internet_address_get_name (internet_address_list_get_address (addresses, 0)), ==,
                   "Клиенты и партнёры компании");
  addresses = g_mime_message_get_from (received->message);
  g_assert_cmpstr (internet_address_get_name (internet_address_list_get_address (addresses, 0)), ==,
                   "Служба поддержки Candor");
  g_assert_cmpstr (g_mime_message_get_subject (received->message), ==, subject);
  g_assert_cmpstr (g_mime_message_get_message_id (received->message), ==, first_id);
  g_assert_null (g_mime_object_get_header (GMIME_OBJECT (received->message), "In-Reply-To"));
  g_assert_null (g_mime_object_get_header (GMIME_OBJECT (received->message), "References"));

  /* multipart/alternative: plain text first, HTML last, both as built. */
  body = g_mime_message_get_mime_part (received->message);
  g_assert_true (GMIME_IS_MULTIPART (body));
  g_assert_true (g_mime_content_type_is_type (g_mime_object_get_content_type (body), "multipart",
                                              "alternative"));
  g_assert_cmpint (g_mime_multipart_get_count (GMIME_MULTIPART (body)), ==, 2);
  part = g_mime_multipart_get_part (GMIME_MULTIPART (body), 0);
  g_assert_true (
    g_mime_content_type_is_type (g_mime_object_get_content_type (part), "text", "plain"));
  text = g_mime_text_part_get_text (GMIME_TEXT_PART (part));
  /* A line that starts with a dot survives SMTP's dot-stuffing. */
  g_assert_cmpstr (text, ==, "Вход недоступен.\n\n.Точка в начале строки.\n");
  part = g_mime_multipart_get_part (GMIME_MULTIPART (body), 1);
  g_assert_true (
    g_mime_content_type_is_type (g_mime_object_get_content_type (part), "text", "html"));
  html = g_mime_text_part_get_text (GMIME_TEXT_PART (part));
  g_assert_nonnull (strstr (html, "<p>Вход <strong>недоступен</strong>.</p>"));

  /* The follow-ups thread under the first notice, oldest first. */
  g_clear_pointer (&received, candor_received_mail_free);
  received = candor_fake_smtp_read_received (fixture->server, 2);
  assert_header_section (received);
  g_assert_cmpstr (g_mime_message_get_message_id (received->message), ==, second_id);
  expected = g_strdup_printf ("<%s>", first_id);
  g_assert_cmpstr (g_mime_object_get_header (GMIME_OBJECT (received->message), "In-Reply-To"), ==,
                   expected);
  {
    const char *const thread[] = { first_id, NULL };

    assert_references (received, thread);
  }

  g_clear_pointer (&received, candor_received_mail_free);
  g_clear_pointer (&expected, g_free);
  received = candor_fake_smtp_read_received (fixture->server, 3);
  assert_header_section (received);
  g_assert_cmpstr (g_mime_message_get_message_id (received->message), ==, third_id);
  g_assert_cmpstr (g_mime_message_get_subject (received->message), ==, "Сбой входа: устранён");
  expected = g_strdup_printf ("<%s>", second_id);
  g_assert_cmpstr (g_mime_object_get_header (GMIME_OBJECT (received->message), "In-Reply-To"), ==,
                   expected);
  {
    const char *const thread[] = { first_id, second_id, NULL };

    assert_references (received, thread);
  }
}

static void
test_smtp_implicit_tls (Fixture *fixture, gconstpointer data)
{
  const char *const recipients[] = { "customers@example.org", NULL };
  g_autoptr (CandorSmtp) smtp = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) mime = NULL;
  g_autoptr (CandorReceivedMail) received = NULL;
  g_autofree char *id = NULL;

  candor_fake_smtp_start (fixture->server, "--implicit-tls", NULL);
  smtp = new_smtp (fixture, CANDOR_SMTP_SECURITY_TLS);

  g_assert_true (test_connection_sync (smtp, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (candor_fake_smtp_count_received (fixture->server), ==, 0);

  mime = build_message ("Сбой входа", NULL, NULL, &id);
  g_assert_true (send_sync (smtp, recipients, mime, NULL, &error));
  g_assert_no_error (error);
  received = candor_fake_smtp_read_received (fixture->server, 1);
  g_assert_cmpstr (g_mime_message_get_message_id (received->message), ==, id);
}

static void
test_smtp_test_connection (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CandorSmtp) smtp = NULL;
  g_autoptr (GError) error = NULL;

  candor_fake_smtp_start (fixture->server, NULL);
  smtp = new_smtp (fixture, CANDOR_SMTP_SECURITY_STARTTLS);

  g_assert_true (test_connection_sync (smtp, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (candor_fake_smtp_count_received (fixture->server), ==, 0);

  candor_smtp_set_password (smtp, "wrong");
  g_assert_false (test_connection_sync (smtp, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REFUSED);
  /* The server's words, never the password. */
  g_assert_nonnull (strstr (error->message, "535"));
  g_assert_null (strstr (error->message, "wrong"));
}

static void
test_smtp_auth_refused (Fixture *fixture, gconstpointer data)
{
  const char *const recipients[] = { "customers@example.org", NULL };
  g_autoptr (CandorSmtp) smtp = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) mime = build_message ("Сбой", NULL, NULL, NULL);

  candor_fake_smtp_start (fixture->server, "--fail-auth", NULL);
  smtp = new_smtp (fixture, CANDOR_SMTP_SECURITY_STARTTLS);

  g_assert_false (send_sync (smtp, recipients, mime, NULL, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REFUSED);
  g_assert_null (strstr (error->message, PASSWORD));
  g_assert_cmpuint (candor_fake_smtp_count_received (fixture->server), ==, 0);
}

static void
test_smtp_recipient_rejected (Fixture *fixture, gconstpointer data)
{
  const char *const recipients[] = { "customers@example.org", "gone@client.example", NULL };
  g_autoptr (CandorSmtp) smtp = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) mime = build_message ("Сбой", NULL, NULL, NULL);

  candor_fake_smtp_start (fixture->server, "--reject", "gone@client.example", NULL);
  smtp = new_smtp (fixture, CANDOR_SMTP_SECURITY_STARTTLS);

  g_assert_false (send_sync (smtp, recipients, mime, NULL, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "550"));
  g_assert_nonnull (strstr (error->message, "Recipient address rejected: User unknown"));
  g_assert_false (candor_publish_error_is_transient (error));
  g_assert_cmpuint (candor_fake_smtp_count_received (fixture->server), ==, 0);
}

static void
test_smtp_untrusted_certificate (Fixture *fixture, gconstpointer data)
{
  const char *const recipients[] = { "customers@example.org", NULL };
  g_autoptr (GBytes) mime = build_message ("Сбой", NULL, NULL, NULL);
  g_autoptr (CandorTestTls) other = NULL;
  g_autoptr (GError) error = NULL;
  const CandorSmtpSecurity securities[] = { CANDOR_SMTP_SECURITY_STARTTLS,
                                            CANDOR_SMTP_SECURITY_TLS };

  other = candor_test_tls_new (&error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (securities); i++)
    {
      g_autoptr (CandorSmtp) smtp = NULL;

      candor_fake_smtp_start (
        fixture->server, securities[i] == CANDOR_SMTP_SECURITY_TLS ? "--implicit-tls" : NULL, NULL);
      smtp = new_smtp (fixture, securities[i]);

      /* Another authority, and then the system's: neither signed this server. */
      candor_smtp_set_ca_file (smtp, candor_test_tls_get_ca_file (other));
      g_assert_false (send_sync (smtp, recipients, mime, NULL, &error));
      g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_TLS);
      g_clear_error (&error);

      candor_smtp_set_ca_file (smtp, NULL);
      g_assert_false (test_connection_sync (smtp, &error));
      g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_TLS);
      g_clear_error (&error);

      candor_fake_smtp_stop (fixture->server);
    }

  g_assert_cmpuint (candor_fake_smtp_count_received (fixture->server), ==, 0);
}

static void
test_smtp_plain_only_to_loopback (Fixture *fixture, gconstpointer data)
{
  const char *const recipients[] = { "customers@example.org", NULL };
  const char *const remote_hosts[] = { "mail.example.com", "192.0.2.25", "2001:db8::25", NULL };
  g_autoptr (GBytes) mime = build_message ("Сбой", NULL, NULL, NULL);
  g_autoptr (CandorSmtp) smtp = NULL;
  g_autoptr (GError) error = NULL;

  /* Refused before any connection: these addresses would not answer anyway. */
  for (guint i = 0; remote_hosts[i] != NULL; i++)
    {
      g_autoptr (CandorSmtp) remote =
        candor_smtp_new (remote_hosts[i], 25, CANDOR_SMTP_SECURITY_NONE);

      g_assert_false (send_sync (remote, recipients, mime, NULL, &error));
      g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_INSECURE);
      g_clear_error (&error);
      g_assert_false (test_connection_sync (remote, &error));
      g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_INSECURE);
      g_clear_error (&error);
    }

  /* A local relay takes plain text. */
  candor_fake_smtp_start (fixture->server, "--plain", NULL);
  smtp = new_smtp (fixture, CANDOR_SMTP_SECURITY_NONE);
  g_assert_true (send_sync (smtp, recipients, mime, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (candor_fake_smtp_count_received (fixture->server), ==, 1);

  /* STARTTLS is required: a server that does not offer it gets nothing. */
  g_clear_object (&smtp);
  smtp = candor_smtp_new ("127.0.0.1", candor_fake_smtp_get_port (fixture->server),
                          CANDOR_SMTP_SECURITY_STARTTLS);
  g_assert_false (send_sync (smtp, recipients, mime, NULL, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_TLS);
  g_assert_cmpuint (candor_fake_smtp_count_received (fixture->server), ==, 1);
}

static void
test_smtp_connection_failures (Fixture *fixture, gconstpointer data)
{
  const char *const recipients[] = { "customers@example.org", NULL };
  g_autoptr (GBytes) mime = build_message ("Сбой", NULL, NULL, NULL);
  g_autoptr (CandorSmtp) smtp = NULL;
  g_autoptr (GError) error = NULL;

  /* Lost after the message went out: it may have arrived, so not "retry". */
  candor_fake_smtp_start (fixture->server, "--drop-after-data", NULL);
  smtp = new_smtp (fixture, CANDOR_SMTP_SECURITY_STARTTLS);
  g_assert_false (send_sync (smtp, recipients, mime, NULL, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_UNKNOWN_OUTCOME);
  g_assert_false (candor_publish_error_is_transient (error));
  g_clear_error (&error);

  /* Nobody listens any more: nothing went out, so it may be tried again. */
  candor_fake_smtp_stop (fixture->server);
  g_assert_false (send_sync (smtp, recipients, mime, NULL, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_UNAVAILABLE);
  g_assert_true (candor_publish_error_is_transient (error));
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_smtp_cancel (Fixture *fixture, gconstpointer data)
{
  const char *const recipients[] = { "customers@example.org", NULL };
  g_autoptr (GBytes) mime = build_message ("Сбой", NULL, NULL, NULL);
  g_autoptr (CandorSmtp) smtp = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  gint64 started;

  /* The server stops answering at RCPT TO; cancelling ends the wait. */
  candor_fake_smtp_start (fixture->server, "--stall-rcpt", NULL);
  smtp = new_smtp (fixture, CANDOR_SMTP_SECURITY_STARTTLS);
  started = g_get_monotonic_time ();
  g_timeout_add (300, cancel_cb, cancellable);
  g_assert_false (send_sync (smtp, recipients, mime, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 10 * G_USEC_PER_SEC);
  g_clear_error (&error);

  /* Already cancelled: nothing starts. */
  g_assert_false (send_sync (smtp, recipients, mime, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (candor_fake_smtp_count_received (fixture->server), ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/publish/smtp/sends-a-thread", test_smtp_sends_a_thread);
  ADD ("/publish/smtp/implicit-tls", test_smtp_implicit_tls);
  ADD ("/publish/smtp/test-connection", test_smtp_test_connection);
  ADD ("/publish/smtp/auth-refused", test_smtp_auth_refused);
  ADD ("/publish/smtp/recipient-rejected", test_smtp_recipient_rejected);
  ADD ("/publish/smtp/untrusted-certificate", test_smtp_untrusted_certificate);
  ADD ("/publish/smtp/plain-only-to-loopback", test_smtp_plain_only_to_loopback);
  ADD ("/publish/smtp/connection-failures", test_smtp_connection_failures);
  ADD ("/publish/smtp/cancel", test_smtp_cancel);

#undef ADD

  return g_test_run ();
}
