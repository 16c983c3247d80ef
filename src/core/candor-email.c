/* candor-email.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-email"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gmime/gmime.h>
#include <string.h>

#include "candor-email.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeMessage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeMultipart, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeTextPart, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeStream, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeParser, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (InternetAddressList, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (InternetAddress, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeFormatOptions, g_mime_format_options_free)

/* One font stack that looks native everywhere mail is read. */
#define EMAIL_FONT_STACK                                                                    \
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Ubuntu, Cantarell, 'Noto Sans', " \
  "'Helvetica Neue', Arial, sans-serif"

static gpointer
init_gmime (gpointer data)
{
  g_mime_init ();
  return NULL;
}

static void
ensure_gmime (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, init_gmime, NULL);
}

/* Parses an address list and refuses anything that is not a plain mailbox
 * with a domain, so a typo is caught here and not by a bounce. */
static InternetAddressList *
parse_mailboxes (const char *field, const char *value, GError **error)
{
  g_autoptr (InternetAddressList) list = NULL;

  if (value == NULL || *value == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* Translators: %s is an email header name, From or To */
                   _("The %s address is missing"), field);
      return NULL;
    }

  list = internet_address_list_parse (NULL, value);
  if (list == NULL || internet_address_list_length (list) == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* Translators: the first %s is an email header name, From or To */
                   _("The %s address “%s” is not an email address"), field, value);
      return NULL;
    }

  for (int i = 0; i < internet_address_list_length (list); i++)
    {
      InternetAddress *address = internet_address_list_get_address (list, i);
      const char      *addr;

      if (!INTERNET_ADDRESS_IS_MAILBOX (address))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("The %s address “%s” is not an email address"), field, value);
          return NULL;
        }

      /* Otherwise GMime picks a legacy charset (ISO-8859-5 for Cyrillic). */
      internet_address_set_charset (address, "utf-8");
      addr = internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (address));
      if (addr == NULL || strchr (addr, '@') == NULL || g_str_has_suffix (addr, "@"))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("The %s address “%s” has no domain"), field, addr != NULL ? addr : value);
          return NULL;
        }
    }

  return g_steal_pointer (&list);
}

static gboolean
is_valid_message_id (const char *id)
{
  if (id == NULL || *id == '\0' || strchr (id, '@') == NULL)
    return FALSE;

  for (const char *p = id; *p != '\0'; p++)
    {
      if (*p <= ' ' || *p >= 0x7f || *p == '<' || *p == '>')
        return FALSE;
    }

  return TRUE;
}

/* References lists the whole thread, oldest first, ending with the message
 * replied to; mail clients thread on it even when a middle message is missing. */
static char *
build_references (const CandorEmailHeaders *headers)
{
  GString *references = g_string_new (NULL);
  gboolean has_parent = FALSE;

  for (guint i = 0; headers->references != NULL && headers->references[i] != NULL; i++)
    {
      if (references->len > 0)
        g_string_append_c (references, ' ');
      g_string_append_printf (references, "<%s>", headers->references[i]);
      has_parent = g_str_equal (headers->references[i], headers->in_reply_to);
    }

  if (!has_parent)
    {
      if (references->len > 0)
        g_string_append_c (references, ' ');
      g_string_append_printf (references, "<%s>", headers->in_reply_to);
    }

  return g_string_free (references, FALSE);
}

/* RFC 2047 keeps a line with encoded words within 76 characters. A word
 * " =?UTF-8?B?...?=" on a folded line has room for 60 characters of base64,
 * 45 bytes; the first shares its line with the header's name ("Subject: " at
 * most), which leaves 52 (whole groups of four), 39 bytes. */
#define ENCODED_WORD_MAX_BYTES       45
#define FIRST_ENCODED_WORD_MAX_BYTES 39

/* @text as RFC 2047 "B" encoded words, each on its own folded line. Each
 * word but the last carries a multiple of three bytes of whole characters, so
 * no word is padded: GMime (and readers like it) join adjacent words before
 * decoding, and a "=" in the middle would cut the text short there. GMime's
 * own encoder pads, so Subject and display names are written here. */
static void
append_encoded_words (GString *raw, const char *text)
{
  const char *p = text;
  gssize      max_bytes = FIRST_ENCODED_WORD_MAX_BYTES;

  while (*p != '\0')
    {
      const char      *end = p;
      const char      *aligned = NULL;
      g_autofree char *base64 = NULL;

      while (*end != '\0' && g_utf8_next_char (end) - p <= max_bytes)
        {
          end = g_utf8_next_char (end);
          if ((end - p) % 3 == 0)
            aligned = end;
        }
      if (*end != '\0' && aligned != NULL)
        end = aligned;

      base64 = g_base64_encode ((const guchar *)p, end - p);
      g_string_append_printf (raw, " =?UTF-8?B?%s?=\n", base64);
      p = end;
      max_bytes = ENCODED_WORD_MAX_BYTES;
    }
}

/* Whether @text must be written as encoded words: text outside ASCII, and
 * ASCII that reads like an encoded word ("=?UTF-8?B?...?="), which mail
 * readers would otherwise decode into other words than were written. */
static gboolean
needs_encoded_words (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if ((guchar)*p >= 0x80)
        return TRUE;
    }

  return strstr (text, "=?") != NULL;
}

/* An address header's raw value: a display name that needs it as unpadded
 * encoded words (see append_encoded_words), the address on its own line. */
static char *
format_mailboxes (InternetAddressList *list)
{
  GString *raw = g_string_new (NULL);

  for (int i = 0; i < internet_address_list_length (list); i++)
    {
      InternetAddress *address = internet_address_list_get_address (list, i);
      const char      *name = internet_address_get_name (address);

      if (i > 0)
        g_string_append (raw, ",\n");

      if (name != NULL && needs_encoded_words (name))
        {
          append_encoded_words (raw, name);
          g_string_append_printf (
            raw, " <%s>", internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (address)));
        }
      else
        {
          g_autofree char *formatted = internet_address_to_string (address, NULL, TRUE);

          g_string_append_printf (raw, " %s", formatted);
        }
    }
  g_string_append_c (raw, '\n');

  return g_string_free (raw, FALSE);
}

static GMimeTextPart *
new_text_part (const char *subtype, const char *content)
{
  GMimeTextPart *part = g_mime_text_part_new_with_subtype (subtype);

  g_mime_text_part_set_text (part, content);
  /* Quoted-printable keeps Latin text readable in the raw message and every
   * line short enough for any relay, whatever the script. */
  g_mime_text_part_set_charset (part, "utf-8");
  g_mime_part_set_content_encoding (GMIME_PART (part), GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);

  return part;
}

char *
candor_email_wrap_html (const char *title, const char *html_body, const char *language)
{
  g_autofree char *escaped_title = NULL;
  g_autofree char *escaped_language = NULL;

  g_return_val_if_fail (html_body != NULL, NULL);

  escaped_title = g_markup_escape_text (title != NULL ? title : "", -1);
  escaped_language = g_markup_escape_text (language != NULL ? language : "en", -1);

  /* Mail clients drop <style> and external sheets, so every rule is inline;
   * one centred column of at most 600px reads well on a phone and a desktop. */
  return g_strconcat (
    "<!DOCTYPE html>\n"
    "<html lang=\"",
    escaped_language,
    "\">\n"
    "<head>\n"
    "<meta charset=\"utf-8\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    "<title>",
    escaped_title,
    "</title>\n"
    "</head>\n"
    "<body style=\"margin: 0; padding: 0; background-color: #f6f5f4;\">\n"
    "<div style=\"max-width: 600px; margin: 0 auto; padding: 24px; background-color: #ffffff; "
    "color: #1e1e1e; font-family: " EMAIL_FONT_STACK "; font-size: 16px; line-height: 1.5;\">\n",
    html_body,
    "\n</div>\n"
    "</body>\n"
    "</html>\n",
    NULL);
}

GBytes *
candor_email_build (const CandorEmailHeaders *headers,
                    const char               *text,
                    const char               *html_body,
                    char                    **message_id,
                    GError                  **error)
{
  g_autoptr (GMimeMessage) message = NULL;
  g_autoptr (GMimeMultipart) alternative = NULL;
  g_autoptr (GMimeTextPart) plain_part = NULL;
  g_autoptr (GMimeTextPart) html_part = NULL;
  g_autoptr (InternetAddressList) from = NULL;
  g_autoptr (InternetAddressList) to = NULL;
  g_autoptr (GMimeStream) stream = NULL;
  g_autoptr (GMimeFormatOptions) options = NULL;
  g_autoptr (GDateTime) now = NULL;
  g_autofree char *id = NULL;
  g_autofree char *document = NULL;
  const char      *sender;
  GMimeHeaderList *header_list;
  GByteArray      *array;

  g_return_val_if_fail (headers != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (html_body != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ensure_gmime ();

  if (!(from = parse_mailboxes ("From", headers->from, error)))
    return NULL;
  if (headers->to != NULL && !(to = parse_mailboxes ("To", headers->to, error)))
    return NULL;

  if (headers->in_reply_to != NULL && !is_valid_message_id (headers->in_reply_to))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a Message-ID to reply to"), headers->in_reply_to);
      return NULL;
    }
  for (guint i = 0; headers->references != NULL && headers->references[i] != NULL; i++)
    {
      if (!is_valid_message_id (headers->references[i]))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("“%s” is not a Message-ID to refer to"), headers->references[i]);
          return NULL;
        }
    }

  message = g_mime_message_new (TRUE);
  internet_address_list_append (g_mime_message_get_from (message), from);
  if (to != NULL)
    internet_address_list_append (g_mime_message_get_addresses (message, GMIME_ADDRESS_TYPE_TO),
                                  to);
  else
    {
      /* A preview or a saved copy has no recipient yet; this is the RFC 5322 way to say so. */
      g_autoptr (InternetAddress) nobody = internet_address_group_new ("undisclosed-recipients");

      internet_address_list_add (g_mime_message_get_addresses (message, GMIME_ADDRESS_TYPE_TO),
                                 nobody);
    }
  g_mime_message_set_subject (message, headers->subject != NULL ? headers->subject : "", "utf-8");
  header_list = g_mime_object_get_header_list (GMIME_OBJECT (message));
  if (headers->subject != NULL && needs_encoded_words (headers->subject))
    {
      GString *raw_subject = g_string_new (NULL);

      append_encoded_words (raw_subject, headers->subject);
      g_mime_header_set_raw_value (g_mime_header_list_get_header (header_list, "Subject"),
                                   raw_subject->str);
      g_string_free (raw_subject, TRUE);
    }
  {
    g_autofree char *raw_from = format_mailboxes (from);

    g_mime_header_set_raw_value (g_mime_header_list_get_header (header_list, "From"), raw_from);
  }
  if (to != NULL)
    {
      g_autofree char *raw_to = format_mailboxes (to);

      g_mime_header_set_raw_value (g_mime_header_list_get_header (header_list, "To"), raw_to);
    }

  if (headers->date == NULL)
    now = g_date_time_new_now_utc ();
  g_mime_message_set_date (message, headers->date != NULL ? headers->date : now);

  /* The sender's own domain makes the id unique across senders and tells
   * receiving servers the message is not forged. */
  sender = internet_address_mailbox_get_addr (
    INTERNET_ADDRESS_MAILBOX (internet_address_list_get_address (from, 0)));
  id = g_mime_utils_generate_message_id (strrchr (sender, '@') + 1);
  g_mime_message_set_message_id (message, id);

  if (headers->in_reply_to != NULL)
    {
      g_autofree char *in_reply_to = g_strdup_printf ("<%s>", headers->in_reply_to);
      g_autofree char *references = build_references (headers);

      g_mime_object_set_header (GMIME_OBJECT (message), "In-Reply-To", in_reply_to, NULL);
      g_mime_object_set_header (GMIME_OBJECT (message), "References", references, NULL);
    }

  if (headers->language != NULL && *headers->language != '\0')
    g_mime_object_set_header (GMIME_OBJECT (message), "Content-Language", headers->language, NULL);

  document = candor_email_wrap_html (headers->subject, html_body, headers->language);
  plain_part = new_text_part ("plain", text);
  html_part = new_text_part ("html", document);

  /* Clients show the last alternative they understand, so the richest goes last. */
  alternative = g_mime_multipart_new_with_subtype ("alternative");
  g_mime_multipart_add (alternative, GMIME_OBJECT (plain_part));
  g_mime_multipart_add (alternative, GMIME_OBJECT (html_part));
  g_mime_message_set_mime_part (message, GMIME_OBJECT (alternative));

  /* Unix line ends, as .eml and mbox files hold them; the SMTP sender turns
   * them into CRLF on the wire. GMime's own parser misreads
   * folded encoded words in CRLF messages, so LF also reads back safely. */
  options = g_mime_format_options_new ();
  g_mime_format_options_set_newline_format (options, GMIME_NEWLINE_FORMAT_UNIX);
  stream = g_mime_stream_mem_new ();
  if (g_mime_object_write_to_stream (GMIME_OBJECT (message), options, stream) < 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("The email message could not be written"));
      return NULL;
    }

  if (message_id != NULL)
    *message_id = g_steal_pointer (&id);

  array = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (stream));
  return g_bytes_new (array->data, array->len);
}

/* The envelope sender and date of the "From " line, read back from the
 * message itself so any message can be appended, not only ours. */
static char *
mbox_from_line (GBytes *message)
{
  g_autoptr (GMimeStream) stream = NULL;
  g_autoptr (GMimeParser) parser = NULL;
  g_autoptr (GMimeMessage) parsed = NULL;
  g_autoptr (GDateTime) utc = NULL;
  g_autofree char *date = NULL;
  const char      *sender = "MAILER-DAEMON";
  gsize            size;
  const char      *data = g_bytes_get_data (message, &size);

  stream = g_mime_stream_mem_new_with_buffer (data, size);
  parser = g_mime_parser_new_with_stream (stream);
  parsed = g_mime_parser_construct_message (parser, NULL);

  if (parsed != NULL)
    {
      InternetAddressList *from = g_mime_message_get_from (parsed);
      GDateTime           *sent = g_mime_message_get_date (parsed);

      if (from != NULL && internet_address_list_length (from) > 0 &&
          INTERNET_ADDRESS_IS_MAILBOX (internet_address_list_get_address (from, 0)))
        sender = internet_address_mailbox_get_addr (
          INTERNET_ADDRESS_MAILBOX (internet_address_list_get_address (from, 0)));
      if (sent != NULL)
        utc = g_date_time_to_utc (sent);
    }

  if (utc == NULL)
    utc = g_date_time_new_now_utc ();

  /* asctime() form, always in English and UTC as mbox readers expect. */
  {
    static const char *const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
    static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

    date =
      g_strdup_printf ("%s %s %2d %02d:%02d:%02d %d", days[g_date_time_get_day_of_week (utc) - 1],
                       months[g_date_time_get_month (utc) - 1], g_date_time_get_day_of_month (utc),
                       g_date_time_get_hour (utc), g_date_time_get_minute (utc),
                       g_date_time_get_second (utc), g_date_time_get_year (utc));
  }

  return g_strdup_printf ("From %s %s\n", *sender != '\0' ? sender : "MAILER-DAEMON", date);
}

/* mboxrd: a line that reads ">*From " gains one more '>', which a reader
 * removes again, so no line of the message is taken for the next message. */
static gboolean
needs_from_quoting (const char *line, const char *end)
{
  while (line < end && *line == '>')
    line++;

  return end - line >= 5 && memcmp (line, "From ", 5) == 0;
}

gboolean
candor_email_append_to_mbox (GFile        *mbox,
                             GBytes       *message,
                             GCancellable *cancellable,
                             GError      **error)
{
  g_autoptr (GFileOutputStream) out = NULL;
  g_autofree char *from_line = NULL;
  GString         *entry;
  gsize            size;
  const char      *data;
  const char      *line, *end;
  gboolean         ok;

  g_return_val_if_fail (G_IS_FILE (mbox), FALSE);
  g_return_val_if_fail (message != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ensure_gmime ();

  data = g_bytes_get_data (message, &size);
  end = data + size;
  from_line = mbox_from_line (message);
  entry = g_string_sized_new (size + strlen (from_line) + 64);
  g_string_append (entry, from_line);

  for (line = data; line < end;)
    {
      const char *newline = memchr (line, '\n', end - line);
      const char *line_end = newline != NULL ? newline : end;
      const char *content_end = line_end;

      if (content_end > line && content_end[-1] == '\r')
        content_end--;

      if (needs_from_quoting (line, content_end))
        g_string_append_c (entry, '>');
      g_string_append_len (entry, line, content_end - line);
      g_string_append_c (entry, '\n');

      line = newline != NULL ? newline + 1 : end;
    }

  /* An empty line ends each message. */
  g_string_append_c (entry, '\n');

  out = g_file_append_to (mbox, G_FILE_CREATE_NONE, cancellable, error);
  if (out == NULL)
    {
      g_string_free (entry, TRUE);
      return FALSE;
    }

  ok = g_output_stream_write_all (G_OUTPUT_STREAM (out), entry->str, entry->len, NULL, cancellable,
                                  error) &&
       g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, error);
  g_string_free (entry, TRUE);

  return ok;
}
