/* candor-email.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What goes into the headers of an update sent by email. Addresses are
 * RFC 5322 ("Support Team <support@example.com>", several separated by
 * commas for @to; a NULL @to is "undisclosed-recipients:;"); Message-IDs are
 * written without the angle brackets. */
typedef struct
{
  const char        *from;
  const char        *to;
  const char        *subject;
  GDateTime         *date;        /* NULL: now */
  const char        *in_reply_to; /* the message this one follows up, or NULL */
  const char *const *references;  /* the thread so far, oldest first, or NULL */
  const char        *language;    /* "en", "ru": Content-Language and <html lang> */
} CandorEmailHeaders;

/* A complete MIME message, multipart/alternative with text/plain then
 * text/html, both UTF-8 quoted-printable, 7-bit clean with Unix line ends:
 * what a .eml file holds, and what SMTP sends once each LF goes out as CRLF. @html_body is a
 * fragment (what the HTML_EMAIL dialect writes); it is wrapped in a whole document here.
 * @message_id (out, optional) is the new Message-ID, for following up. */
GBytes *candor_email_build (const CandorEmailHeaders *headers,
                            const char               *text,
                            const char               *html_body,
                            char                    **message_id,
                            GError                  **error);

/* The HTML document around @html_body: simple, readable, inline-styled. */
char *candor_email_wrap_html (const char *title, const char *html_body, const char *language);

/* Appends @message to the mbox file @mbox (mboxrd: a "From " line with the
 * sender and date, ">From " quoting, Unix line ends), creating the file. */
gboolean candor_email_append_to_mbox (GFile        *mbox,
                                      GBytes       *message,
                                      GCancellable *cancellable,
                                      GError      **error);

G_END_DECLS
