/* test-email.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gmime/gmime.h>
#include <string.h>

#include "candor-email.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeMessage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeStream, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeParser, g_object_unref)

static GMimeMessage *
parse_message (GBytes *bytes)
{
  g_autoptr (GMimeStream) stream = NULL;
  g_autoptr (GMimeParser) parser = NULL;
  gsize       size;
  const char *data = g_bytes_get_data (bytes, &size);

  stream = g_mime_stream_mem_new_with_buffer (data, size);
  parser = g_mime_parser_new_with_stream (stream);
  return g_mime_parser_construct_message (parser, NULL);
}

static void
test_email_parts_and_headers (void)
{
  g_autoptr (GDateTime) date = g_date_time_new_from_iso8601 ("2026-11-30T06:12:00+03:00", NULL);
  const CandorEmailHeaders headers = {
    .from = "Служба поддержки <support@example.com>",
    .to = "customers@example.org, Ops <ops@example.net>",
    .subject = "Сбой входа: мы работаем над этим",
    .date = date,
    .language = "ru",
  };
  const char *text = "Вход не работает с 03:12 UTC.\n\nСледующее сообщение в 05:00.\n";
  const char *html = "<p>Вход <strong>не работает</strong> с 03:12 UTC.</p>";
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GMimeMessage) message = NULL;
  g_autofree char     *message_id = NULL;
  g_autofree char     *plain_text = NULL;
  g_autofree char     *html_text = NULL;
  g_autofree char     *raw = NULL;
  GMimeObject         *body;
  GMimeObject         *plain, *rich;
  InternetAddressList *to;
  gsize                size;
  const guchar        *data;

  bytes = candor_email_build (&headers, text, html, &message_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);

  /* 7-bit clean with Unix line ends: no relay needs to convert anything. */
  data = g_bytes_get_data (bytes, &size);
  for (gsize i = 0; i < size; i++)
    {
      g_assert_cmpuint (data[i], <, 0x80);
      g_assert_cmpuint (data[i], !=, '\r');
    }
  raw = g_strndup ((const char *)data, size);
  g_assert_nonnull (strstr (raw, "Subject: =?UTF-8?"));
  g_assert_null (strstr (raw, "In-Reply-To"));

  message = parse_message (bytes);
  g_assert_nonnull (message);
  g_assert_cmpstr (g_mime_message_get_subject (message), ==, headers.subject);
  g_assert_true (g_str_has_suffix (message_id, "@example.com"));
  g_assert_cmpstr (g_mime_message_get_message_id (message), ==, message_id);
  g_assert_true (g_date_time_equal (g_mime_message_get_date (message), date));
  g_assert_cmpstr (internet_address_get_name (
                     internet_address_list_get_address (g_mime_message_get_from (message), 0)),
                   ==, "Служба поддержки");
  to = g_mime_message_get_addresses (message, GMIME_ADDRESS_TYPE_TO);
  g_assert_cmpint (internet_address_list_length (to), ==, 2);
  g_assert_cmpstr (internet_address_mailbox_get_addr (
                     INTERNET_ADDRESS_MAILBOX (internet_address_list_get_address (to, 1))),
                   ==, "ops@example.net");
  body = g_mime_message_get_mime_part (message);
  /* GMime files every Content-* header of a message under its body. */
  g_assert_cmpstr (g_mime_object_get_header (body, "Content-Language"), ==, "ru");
  g_assert_true (GMIME_IS_MULTIPART (body));
  g_assert_true (g_mime_content_type_is_type (g_mime_object_get_content_type (body), "multipart",
                                              "alternative"));
  g_assert_cmpint (g_mime_multipart_get_count (GMIME_MULTIPART (body)), ==, 2);

  plain = g_mime_multipart_get_part (GMIME_MULTIPART (body), 0);
  rich = g_mime_multipart_get_part (GMIME_MULTIPART (body), 1);
  g_assert_true (
    g_mime_content_type_is_type (g_mime_object_get_content_type (plain), "text", "plain"));
  g_assert_true (
    g_mime_content_type_is_type (g_mime_object_get_content_type (rich), "text", "html"));
  g_assert_cmpint (g_mime_part_get_content_encoding (GMIME_PART (plain)), ==,
                   GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
  g_assert_cmpint (g_mime_part_get_content_encoding (GMIME_PART (rich)), ==,
                   GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
  g_assert_cmpstr (g_mime_text_part_get_charset (GMIME_TEXT_PART (plain)), ==, "utf-8");

  /* Decoded, the parts are what went in. */
  plain_text = g_mime_text_part_get_text (GMIME_TEXT_PART (plain));
  g_assert_cmpstr (plain_text, ==, text);
  html_text = g_mime_text_part_get_text (GMIME_TEXT_PART (rich));
  g_assert_true (g_str_has_prefix (html_text, "<!DOCTYPE html>"));
  g_assert_nonnull (strstr (html_text, "<html lang=\"ru\">"));
  g_assert_nonnull (strstr (html_text, "max-width: 600px"));
  g_assert_nonnull (strstr (html_text, "<title>Сбой входа: мы работаем над этим</title>"));
  g_assert_nonnull (strstr (html_text, html));
}

static void
test_email_threads_follow_ups (void)
{
  const char        *references[] = { "first@example.com", "second@example.com", NULL };
  CandorEmailHeaders headers = {
    .from = "support@example.com",
    .to = "customers@example.org",
    .subject = "Login failures: resolved",
    .in_reply_to = "second@example.com",
    .references = references,
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) first = NULL;
  g_autoptr (GBytes) second = NULL;
  g_autoptr (GMimeMessage) message = NULL;
  g_autofree char *first_id = NULL;
  g_autofree char *second_id = NULL;

  second = candor_email_build (&headers, "Resolved.", "<p>Resolved.</p>", &second_id, &error);
  g_assert_no_error (error);
  message = parse_message (second);
  g_assert_cmpstr (g_mime_object_get_header (GMIME_OBJECT (message), "In-Reply-To"), ==,
                   "<second@example.com>");
  g_assert_cmpstr (g_mime_object_get_header (GMIME_OBJECT (message), "References"), ==,
                   "<first@example.com> <second@example.com>");
  g_assert_nonnull (g_mime_message_get_date (message));

  /* Without a list, the parent alone is the thread. */
  headers.references = NULL;
  first = candor_email_build (&headers, "Resolved.", "<p>Resolved.</p>", &first_id, &error);
  g_assert_no_error (error);
  g_clear_object (&message);
  message = parse_message (first);
  g_assert_cmpstr (g_mime_object_get_header (GMIME_OBJECT (message), "References"), ==,
                   "<second@example.com>");
  g_assert_cmpstr (g_mime_object_get_header (GMIME_OBJECT (message), "To"), ==,
                   "customers@example.org");

  /* No recipient yet: the message says so instead of failing. */
  headers.to = NULL;
  g_clear_pointer (&first, g_bytes_unref);
  first = candor_email_build (&headers, "Resolved.", "<p>Resolved.</p>", NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&message);
  message = parse_message (first);
  g_assert_cmpstr (g_mime_object_get_header (GMIME_OBJECT (message), "To"), ==,
                   "undisclosed-recipients: ;");

  /* Every message gets its own id. */
  g_assert_cmpstr (first_id, !=, second_id);
}

static void
test_email_bad_input (void)
{
  const struct
  {
    const char *from;
    const char *to;
    const char *in_reply_to;
    const char *message;
  } cases[] = {
    { NULL, "a@example.org", NULL, "The From address is missing" },
    { "support", "a@example.org", NULL, "The From address “support” has no domain" },
    { "support@example.com", "", NULL, "The To address is missing" },
    { "support@example.com", "a@example.org", "not an id",
      "“not an id” is not a Message-ID to reply to" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const CandorEmailHeaders headers = {
        .from = cases[i].from,
        .to = cases[i].to,
        .subject = "Subject",
        .in_reply_to = cases[i].in_reply_to,
      };
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) bytes = candor_email_build (&headers, "t", "<p>t</p>", NULL, &error);

      g_assert_null (bytes);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static void
test_email_mbox (void)
{
  g_autoptr (GDateTime) date = g_date_time_new_utc (2026, 11, 30, 3, 12, 5);
  const CandorEmailHeaders headers = {
    .from = "Support <support@example.com>",
    .to = "customers@example.org",
    .subject = "Сбой входа",
    .date = date,
  };
  /* A message written elsewhere, in 8 bits, with lines an mbox must quote. */
  const char *foreign = "From: someone@example.net\r\n"
                        "Subject: plain\r\n"
                        "Date: Mon, 30 Nov 2026 04:00:00 +0000\r\n"
                        "\r\n"
                        "From the team: all is well.\r\n"
                        ">From quoted already\r\n"
                        "Fromage is fine\r\n";
  g_autoptr (GBytes) ours = NULL;
  g_autoptr (GBytes) theirs = g_bytes_new_static (foreign, strlen (foreign));
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GMimeStream) stream = NULL;
  g_autoptr (GMimeParser) parser = NULL;
  guint n_messages = 0;

  ours =
    candor_email_build (&headers, "Вход не работает.", "<p>Вход не работает.</p>", NULL, &error);
  g_assert_no_error (error);

  dir = g_dir_make_tmp ("candor-email-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "sent.mbox", NULL);
  file = g_file_new_for_path (path);

  g_assert_true (candor_email_append_to_mbox (file, ours, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (candor_email_append_to_mbox (file, theirs, NULL, &error));
  g_assert_no_error (error);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (
    g_str_has_prefix (contents, "From support@example.com Mon Nov 30 03:12:05 2026\n"));
  g_assert_null (strchr (contents, '\r'));
  g_assert_nonnull (strstr (contents, "\n\nFrom someone@example.net Mon Nov 30 04:00:00 2026\n"));
  g_assert_nonnull (strstr (contents, "\n>From the team: all is well.\n"));
  g_assert_nonnull (strstr (contents, "\n>>From quoted already\n"));
  g_assert_nonnull (strstr (contents, "\nFromage is fine\n\n"));
  g_assert_true (g_str_has_suffix (contents, "Fromage is fine\n\n"));

  /* A mail reader finds both messages, subjects intact. */
  stream = g_mime_stream_mem_new_with_buffer (contents, strlen (contents));
  parser = g_mime_parser_new_with_stream (stream);
  g_mime_parser_set_format (parser, GMIME_FORMAT_MBOX);
  while (!g_mime_parser_eos (parser))
    {
      g_autoptr (GMimeMessage) message = g_mime_parser_construct_message (parser, NULL);

      if (message == NULL)
        break;
      g_assert_cmpstr (g_mime_message_get_subject (message), ==,
                       n_messages == 0 ? "Сбой входа" : "plain");
      n_messages++;
    }
  g_assert_cmpuint (n_messages, ==, 2);

  g_remove (path);
  g_rmdir (dir);
}

/* Long Cyrillic names and subjects split over several encoded words, every
 * header line within RFC 2047's 76 characters, and read back whole. */
static void
test_email_long_encoded_headers (void)
{
  const CandorEmailHeaders headers = {
    .from = "Служба поддержки клиентов компании Candor <support@example.com>",
    .to = "Клиенты и партнёры компании по всему миру <customers@example.org>, "
          "\"Ops, on call\" <ops@example.net>, Ёжик <hedgehog@example.org>",
    .subject =
      "Сбой входа в личный кабинет: мы уже работаем над исправлением и скоро напишем снова",
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GMimeMessage) message = NULL;
  g_autofree char *raw = NULL;
  g_auto (GStrv) lines = NULL;
  InternetAddressList *to;
  gsize                size;
  const char          *data;

  bytes = candor_email_build (&headers, "Текст.", "<p>Текст.</p>", NULL, &error);
  g_assert_no_error (error);

  data = g_bytes_get_data (bytes, &size);
  raw = g_strndup (data, size);
  *strstr (raw, "\n\n") = '\0';
  lines = g_strsplit (raw, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    g_assert_cmpuint (strlen (lines[i]), <=, 76);

  message = parse_message (bytes);
  g_assert_cmpstr (g_mime_message_get_subject (message), ==, headers.subject);
  g_assert_cmpstr (internet_address_get_name (
                     internet_address_list_get_address (g_mime_message_get_from (message), 0)),
                   ==, "Служба поддержки клиентов компании Candor");
  to = g_mime_message_get_addresses (message, GMIME_ADDRESS_TYPE_TO);
  g_assert_cmpint (internet_address_list_length (to), ==, 3);
  g_assert_cmpstr (internet_address_get_name (internet_address_list_get_address (to, 0)), ==,
                   "Клиенты и партнёры компании по всему миру");
  g_assert_cmpstr (internet_address_get_name (internet_address_list_get_address (to, 1)), ==,
                   "Ops, on call");
  g_assert_cmpstr (internet_address_mailbox_get_addr (
                     INTERNET_ADDRESS_MAILBOX (internet_address_list_get_address (to, 1))),
                   ==, "ops@example.net");
  g_assert_cmpstr (internet_address_get_name (internet_address_list_get_address (to, 2)), ==,
                   "Ёжик");
}

/* ASCII that looks like an encoded word is itself encoded, so a mail reader
 * shows what was typed rather than decoding it into other words. */
static void
test_email_literal_encoded_word (void)
{
  const CandorEmailHeaders headers = {
    .from = "support@example.com",
    .to = "customers@example.org",
    .subject = "Login =?UTF-8?B?SGFja2Vk?= fails",
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GMimeMessage) message = NULL;

  bytes = candor_email_build (&headers, "Text.", "<p>Text.</p>", NULL, &error);
  g_assert_no_error (error);

  message = parse_message (bytes);
  g_assert_cmpstr (g_mime_message_get_subject (message), ==, headers.subject);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();

  g_test_add_func ("/core/email/parts-and-headers", test_email_parts_and_headers);
  g_test_add_func ("/core/email/threads-follow-ups", test_email_threads_follow_ups);
  g_test_add_func ("/core/email/bad-input", test_email_bad_input);
  g_test_add_func ("/core/email/mbox", test_email_mbox);
  g_test_add_func ("/core/email/long-encoded-headers", test_email_long_encoded_headers);
  g_test_add_func ("/core/email/literal-encoded-word", test_email_literal_encoded_word);

  return g_test_run ();
}
