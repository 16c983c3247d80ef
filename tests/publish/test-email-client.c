/* test-email-client.c
 *
 * The "email" channel client against a real SMTP server on loopback
 * (aiosmtpd, tests/fakes/smtp-server.py) with STARTTLS from a certificate
 * authority made at test time: messages made by the composition go out as
 * they are, thread, and keep customers in the envelope alone; failures come
 * back as the publisher acts on them, and never with the password.
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

#include "candor-channel-client.h"
#include "candor-composition.h"
#include "candor-draft.h"
#include "candor-publish-error.h"
#include "candor-fake-smtp.h"
#include "candor-test-tls.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeMessage, g_object_unref)

#define USER "candor"
/* Planted: no error message may ever contain it. */
#define PASSWORD   "planted-Пароль-7f3c9e"
#define CHANNEL_ID "customers-mail"
#define FROM       "Служба поддержки Candor <support@example.com>"
#define TO         "Клиенты и партнёры компании <customers@example.org>"
#define BCC        "anna@client.example, Борис Петров <boris@client.example>"

typedef struct
{
  CandorTestTls  *tls;
  CandorHttp     *http;
  CandorFakeSmtp *server;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fixture->tls = candor_test_tls_new (&error);
  g_assert_no_error (error);
  fixture->http = candor_http_new (candor_test_tls_get_database (fixture->tls));
  fixture->server = candor_fake_smtp_new (fixture->tls, USER, PASSWORD);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  candor_fake_smtp_free (fixture->server);
  g_clear_object (&fixture->http);
  candor_test_tls_free (fixture->tls);
}

/* The customers' mail channel, as Preferences would configure it. */
static CandorChannel *
new_channel (Fixture *fixture)
{
  CandorChannel *channel = candor_channel_new (CHANNEL_ID, "email", "Клиенты по почте");
  /* Before the server starts any valid port will do: nothing connects. */
  guint            server_port = candor_fake_smtp_get_port (fixture->server);
  g_autofree char *port = g_strdup_printf ("%u", server_port != 0 ? server_port : 2525);
  const char      *settings[][2] = {
         { "host", "127.0.0.1" }, { "port", port }, { "security", "starttls" },
         { "username", USER },    { "from", FROM }, { "to", TO },
         { "bcc", BCC },
  };

  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_true (candor_channel_set_setting (channel, settings[i][0], settings[i][1], &error));
      g_assert_no_error (error);
    }

  return channel;
}

static CandorChannelClient *
new_client (Fixture *fixture, CandorChannel *channel, const char *secret)
{
  g_autoptr (GError) error = NULL;
  CandorChannelClient *client = candor_channel_client_new (channel, secret, fixture->http, &error);

  g_assert_no_error (error);
  g_assert_nonnull (client);

  return client;
}

/* A draft in Russian whose first audience is reached through @channel. */
static CandorComposition *
new_composition (CandorChannel *channel)
{
  g_autofree char *path =
    g_test_build_filename (G_TEST_DIST, "data", "drafts", "full-critical-ru.json", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorDraft) draft = candor_draft_load_from_file (file, NULL, &error);
  g_autoptr (GPtrArray) channels = g_ptr_array_new_with_free_func (g_object_unref);
  const char *const  ids[] = { CHANNEL_ID, NULL };
  CandorComposition *composition;

  g_assert_no_error (error);
  g_ptr_array_add (channels, g_object_ref (channel));
  candor_audience_set_channels (g_ptr_array_index (candor_draft_get_audiences (draft), 0), ids);
  composition = candor_composition_new_for_draft (draft);
  candor_composition_set_channels (composition, channels);

  return composition;
}

static CandorSentRendition *
sent_rendition (CandorComposition *composition)
{
  CandorAudience *audience = g_ptr_array_index (candor_composition_get_audiences (composition), 0);
  g_autoptr (GError) error = NULL;
  CandorRendition     *rendition;
  CandorSentRendition *sent;

  rendition =
    candor_composition_get_rendition (composition, candor_audience_get_id (audience), CHANNEL_ID);
  g_assert_nonnull (rendition);
  sent = candor_sent_rendition_new_from_rendition (rendition, "ru", &error);
  g_assert_no_error (error);

  return sent;
}

static void
store_result_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static CandorPublishReceipt *
publish_sync (CandorChannelClient   *client,
              CandorSentRendition   *rendition,
              const CandorThreadRef *thread,
              GError               **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  candor_channel_client_publish_async (client, rendition, "key-1", thread, NULL, store_result_cb,
                                       &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return candor_channel_client_publish_finish (client, result, error);
}

static gboolean
test_connection_sync (CandorChannelClient *client, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  candor_channel_client_test_async (client, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return candor_channel_client_test_finish (client, result, error);
}

/* Publishing @composition's message through a client with @secret fails with
 * @code, and the message says neither this password nor the server's. */
static GError *
publish_fails (Fixture *fixture, const char *secret, gint code)
{
  g_autoptr (CandorChannel) channel = new_channel (fixture);
  g_autoptr (CandorChannelClient) client = new_client (fixture, channel, secret);
  g_autoptr (CandorComposition) composition = new_composition (channel);
  g_autoptr (CandorSentRendition) rendition = sent_rendition (composition);
  g_autoptr (CandorPublishReceipt) receipt = NULL;
  GError *error = NULL;

  receipt = publish_sync (client, rendition, NULL, &error);
  g_assert_null (receipt);
  g_assert_error (error, CANDOR_PUBLISH_ERROR, code);
  g_assert_null (strstr (error->message, PASSWORD));
  g_assert_null (strstr (error->message, secret));

  return error;
}

/* Every recipient in the envelope, only To's address in the headers. */
static void
assert_envelope (CandorReceivedMail *received)
{
  const char *const    expected[] = { "customers@example.org", "anna@client.example",
                                      "boris@client.example", NULL };
  gsize                size;
  const char          *raw = g_bytes_get_data (received->data, &size);
  InternetAddressList *to;

  g_assert_cmpstr (received->mail_from, ==, "support@example.com");
  g_assert_cmpstrv (received->rcpt_tos, expected);
  g_assert_null (g_mime_object_get_header (GMIME_OBJECT (received->message), "Bcc"));
  g_assert_null (g_strstr_len (raw, size, "anna@client.example"));
  g_assert_null (g_strstr_len (raw, size, "boris@client.example"));
  to = g_mime_message_get_addresses (received->message, GMIME_ADDRESS_TYPE_TO);
  g_assert_cmpint (internet_address_list_length (to), ==, 1);
}

static void
test_email_client_sends_a_thread (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CandorChannel) channel = NULL;
  g_autoptr (CandorChannelClient) client = NULL;
  g_autoptr (CandorComposition) composition = NULL;
  g_autoptr (CandorSentRendition) first = NULL;
  g_autoptr (CandorSentRendition) second = NULL;
  g_autoptr (CandorPublishReceipt) first_receipt = NULL;
  g_autoptr (CandorPublishReceipt) second_receipt = NULL;
  g_autoptr (CandorReceivedMail) received = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char     *in_reply_to = NULL;
  InternetAddressList *addresses;
  GMimeReferences     *references;

  candor_fake_smtp_start (fixture->server, NULL);
  channel = new_channel (fixture);
  client = new_client (fixture, channel, PASSWORD);
  g_assert_true (candor_channel_client_get_channel (client) == channel);
  /* SMTP takes no idempotency key: a lost reply means "verify". */
  g_assert_false (candor_channel_client_is_idempotent (client));

  /* Test connection logs in and sends nothing. */
  g_assert_true (test_connection_sync (client, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (candor_fake_smtp_count_received (fixture->server), ==, 0);

  composition = new_composition (channel);
  first = sent_rendition (composition);
  first_receipt = publish_sync (client, first, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first_receipt);
  /* The Message-ID, so follow-ups thread; mail has no link. */
  g_assert_cmpstr (first_receipt->remote_id, ==, first->message_id);
  g_assert_null (first_receipt->remote_url);

  /* The follow-up: the publisher gives the composition the thread so far. */
  {
    const char *const thread_ids[] = { first_receipt->remote_id, NULL };
    CandorThreadRef   thread = { first_receipt->remote_id, first_receipt->remote_id };

    candor_composition_set_email_thread (composition, CHANNEL_ID, thread_ids);
    second = sent_rendition (composition);
    second_receipt = publish_sync (client, second, &thread, &error);
  }
  g_assert_no_error (error);
  g_assert_cmpstr (second_receipt->remote_id, ==, second->message_id);
  g_assert_cmpstr (second_receipt->remote_id, !=, first_receipt->remote_id);
  g_assert_cmpuint (candor_fake_smtp_count_received (fixture->server), ==, 2);

  /* The first notice: the exact bytes of the rendition, Cyrillic intact. */
  received = candor_fake_smtp_read_received (fixture->server, 1);
  assert_envelope (received);
  {
    g_autoptr (GBytes) sent = NULL;
    gsize       size;
    const char *raw = g_bytes_get_data (first->mime, &size);
    GString    *crlf = g_string_new (NULL);

    for (gsize i = 0; i < size; i++)
      {
        if (raw[i] == '\n' && (i == 0 || raw[i - 1] != '\r'))
          g_string_append_c (crlf, '\r');
        g_string_append_c (crlf, raw[i]);
      }
    sent = g_string_free_to_bytes (crlf);
    g_assert_true (g_bytes_equal (sent, received->data));
  }
  g_assert_cmpstr (g_mime_message_get_message_id (received->message), ==, first_receipt->remote_id);
  g_assert_cmpstr (g_mime_message_get_subject (received->message), ==, first->subject);
  g_assert_false (g_str_is_ascii (first->subject));
  addresses = g_mime_message_get_from (received->message);
  g_assert_cmpstr (internet_address_get_name (internet_address_list_get_address (addresses, 0)), ==,
                   "Служба поддержки Candor");
  addresses = g_mime_message_get_addresses (received->message, GMIME_ADDRESS_TYPE_TO);
  g_assert_cmpstr (internet_address_get_name (internet_address_list_get_address (addresses, 0)), ==,
                   "Клиенты и партнёры компании");
  g_assert_null (g_mime_object_get_header (GMIME_OBJECT (received->message), "In-Reply-To"));

  /* The follow-up replies to the first notice. */
  g_clear_pointer (&received, candor_received_mail_free);
  received = candor_fake_smtp_read_received (fixture->server, 2);
  assert_envelope (received);
  g_assert_cmpstr (g_mime_message_get_message_id (received->message), ==,
                   second_receipt->remote_id);
  in_reply_to = g_strdup_printf ("<%s>", first_receipt->remote_id);
  g_assert_cmpstr (g_mime_object_get_header (GMIME_OBJECT (received->message), "In-Reply-To"), ==,
                   in_reply_to);
  references = g_mime_references_parse (
    NULL, g_mime_object_get_header (GMIME_OBJECT (received->message), "References"));
  g_assert_cmpint (g_mime_references_length (references), ==, 1);
  g_assert_cmpstr (g_mime_references_get_message_id (references, 0), ==, first_receipt->remote_id);
  g_mime_references_free (references);
}

static void
test_email_client_auth_refused (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  candor_fake_smtp_start (fixture->server, "--fail-auth", NULL);
  error = publish_fails (fixture, PASSWORD, CANDOR_PUBLISH_ERROR_REFUSED);
  g_assert_cmpuint (candor_fake_smtp_count_received (fixture->server), ==, 0);
  g_clear_error (&error);

  /* A wrong password, found by Test connection. */
  candor_fake_smtp_stop (fixture->server);
  candor_fake_smtp_start (fixture->server, NULL);
  {
    g_autoptr (CandorChannel) channel = new_channel (fixture);
    g_autoptr (CandorChannelClient) client = new_client (fixture, channel, "wrong-Пароль-1b2d");

    g_assert_false (test_connection_sync (client, &error));
    g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REFUSED);
    g_assert_nonnull (strstr (error->message, "535"));
    g_assert_null (strstr (error->message, "wrong-Пароль-1b2d"));
    g_assert_null (strstr (error->message, PASSWORD));
  }
}

static void
test_email_client_recipient_rejected (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  /* A customer in Bcc who no longer exists: the server's own words. */
  candor_fake_smtp_start (fixture->server, "--reject", "boris@client.example", NULL);
  error = publish_fails (fixture, PASSWORD, CANDOR_PUBLISH_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "550"));
  g_assert_nonnull (strstr (error->message, "Recipient address rejected: User unknown"));
  g_assert_false (candor_publish_error_is_transient (error));
  g_assert_cmpuint (candor_fake_smtp_count_received (fixture->server), ==, 0);
}

static void
test_email_client_dropped_after_data (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  /* It may have arrived: the outbox asks the user to verify, never resends. */
  candor_fake_smtp_start (fixture->server, "--drop-after-data", NULL);
  error = publish_fails (fixture, PASSWORD, CANDOR_PUBLISH_ERROR_UNKNOWN_OUTCOME);
  g_assert_false (candor_publish_error_is_transient (error));
}

static void
test_email_client_untrusted_certificate (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CandorTestTls) other = NULL;
  g_autoptr (GError) error = NULL;

  other = candor_test_tls_new (&error);
  g_assert_no_error (error);

  /* The HTTP client of the publisher trusts another authority only. */
  candor_fake_smtp_start (fixture->server, NULL);
  g_clear_object (&fixture->http);
  fixture->http = candor_http_new (candor_test_tls_get_database (other));
  error = publish_fails (fixture, PASSWORD, CANDOR_PUBLISH_ERROR_TLS);
  g_clear_error (&error);

  /* And then the system's, which never signed this server either. */
  g_clear_object (&fixture->http);
  fixture->http = candor_http_new (NULL);
  {
    g_autoptr (CandorChannel) channel = new_channel (fixture);
    g_autoptr (CandorChannelClient) client = new_client (fixture, channel, PASSWORD);

    g_assert_false (test_connection_sync (client, &error));
    g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_TLS);
    g_assert_null (strstr (error->message, PASSWORD));
  }

  g_assert_cmpuint (candor_fake_smtp_count_received (fixture->server), ==, 0);
}

static void
test_email_client_settings (Fixture *fixture, gconstpointer data)
{
  const struct
  {
    const char *key;
    const char *value;
    const char *secret;
    const char *named; /* what the error names */
  } refused[] = {
    { "host", NULL, PASSWORD, "Клиенты по почте" },
    { "port", "70000", PASSWORD, "70000" },
    { "security", "ssl", PASSWORD, "ssl" },
    { "bcc", "anna@client.example, not-an-address", PASSWORD, "not-an-address" },
    { "bcc", ", ;", PASSWORD, "Клиенты по почте" },
    { "username", USER, NULL, USER },
    { "username", USER, "", USER },
  };

  /* No server: each is refused before anything connects. */
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr (CandorChannel) channel = new_channel (fixture);
      g_autoptr (CandorChannelClient) client = NULL;
      g_autoptr (GError) error = NULL;

      g_assert_true (candor_channel_set_setting (channel, refused[i].key, refused[i].value, NULL));
      client = candor_channel_client_new (channel, refused[i].secret, fixture->http, &error);
      g_assert_null (client);
      g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED);
      g_assert_nonnull (strstr (error->message, refused[i].named));
      g_assert_null (strstr (error->message, PASSWORD));
    }

  /* A message without a Message-ID could never be followed up. */
  {
    g_autoptr (CandorChannel) channel = new_channel (fixture);
    g_autoptr (CandorChannelClient) client = new_client (fixture, channel, PASSWORD);
    const char *text = "From: support@example.com\nTo: customers@example.org\nSubject: x\n\nx\n";
    g_autoptr (GBytes) mime = g_bytes_new_static (text, strlen (text));
    g_autoptr (CandorSentRendition) rendition =
      candor_sent_rendition_new ("customers", CANDOR_DIALECT_EMAIL, "ru", "x", "x", mime);
    g_autoptr (CandorPublishReceipt) receipt = NULL;
    g_autoptr (GError) error = NULL;

    receipt = publish_sync (client, rendition, NULL, &error);
    g_assert_null (receipt);
    g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REJECTED);
    g_assert_nonnull (strstr (error->message, "Message-ID"));
  }

  /* Plain SMTP only to this computer: refused before any connection. */
  {
    g_autoptr (CandorChannel) channel = new_channel (fixture);
    g_autoptr (CandorChannelClient) client = NULL;
    g_autoptr (CandorComposition) composition = NULL;
    g_autoptr (CandorSentRendition) rendition = NULL;
    g_autoptr (CandorPublishReceipt) receipt = NULL;
    g_autoptr (GError) error = NULL;

    g_assert_true (candor_channel_set_setting (channel, "host", "mail.example.com", NULL));
    g_assert_true (candor_channel_set_setting (channel, "security", "none", NULL));
    client = new_client (fixture, channel, PASSWORD);
    composition = new_composition (channel);
    rendition = sent_rendition (composition);
    receipt = publish_sync (client, rendition, NULL, &error);
    g_assert_null (receipt);
    g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_INSECURE);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/publish/email-client/sends-a-thread", test_email_client_sends_a_thread);
  ADD ("/publish/email-client/auth-refused", test_email_client_auth_refused);
  ADD ("/publish/email-client/recipient-rejected", test_email_client_recipient_rejected);
  ADD ("/publish/email-client/dropped-after-data", test_email_client_dropped_after_data);
  ADD ("/publish/email-client/untrusted-certificate", test_email_client_untrusted_certificate);
  ADD ("/publish/email-client/settings", test_email_client_settings);

#undef ADD

  return g_test_run ();
}
