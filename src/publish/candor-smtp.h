/* candor-smtp.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* How the connection to the mail server is protected. */
typedef enum
{
  CANDOR_SMTP_SECURITY_STARTTLS, /* submission (587): STARTTLS before anything else, or no mail */
  CANDOR_SMTP_SECURITY_TLS,      /* implicit TLS (465): TLS from the first byte */
  CANDOR_SMTP_SECURITY_NONE,     /* plain text: only to loopback, for local relays and tests */
} CandorSmtpSecurity;

#define CANDOR_TYPE_SMTP_SECURITY (candor_smtp_security_get_type ())
GType candor_smtp_security_get_type (void);

#define CANDOR_TYPE_SMTP (candor_smtp_get_type ())
G_DECLARE_FINAL_TYPE (CandorSmtp, candor_smtp, CANDOR, SMTP, GObject)

/* A mail server that takes messages over SMTP with libcurl. Errors are in
 * CANDOR_PUBLISH_ERROR (or G_IO_ERROR_CANCELLED). The password is given in
 * from the keyring for the object's lifetime: it can be set, never read back,
 * and it is never written to a file or a log. */
CandorSmtp *candor_smtp_new (const char *host, guint port, CandorSmtpSecurity security);

const char *candor_smtp_get_host (CandorSmtp *self);
/* 0 until set: the standard port of the security (587, 465 or 25). */
guint              candor_smtp_get_port (CandorSmtp *self);
CandorSmtpSecurity candor_smtp_get_security (CandorSmtp *self);
const char        *candor_smtp_get_username (CandorSmtp *self);
void               candor_smtp_set_username (CandorSmtp *self, const char *username);
void               candor_smtp_set_password (CandorSmtp *self, const char *password);
/* A PEM file of trusted authorities instead of the system's, for tests. */
const char *candor_smtp_get_ca_file (CandorSmtp *self);
void        candor_smtp_set_ca_file (CandorSmtp *self, const char *ca_file);

/* Sends @mime (a whole message, LF or CRLF line ends) to @recipients, bare
 * addresses: the To addresses and the Bcc list, which only the envelope
 * carries. @envelope_from is the bare address bounces go to. */
void     candor_smtp_send_async (CandorSmtp         *self,
                                 const char         *envelope_from,
                                 const char *const  *recipients,
                                 GBytes             *mime,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data);
gboolean candor_smtp_send_finish (CandorSmtp *self, GAsyncResult *result, GError **error);

/* Connects, secures the connection, authenticates and says QUIT: what
 * "Test connection" checks, without sending anything. */
void     candor_smtp_test_async (CandorSmtp         *self,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data);
gboolean candor_smtp_test_finish (CandorSmtp *self, GAsyncResult *result, GError **error);

G_END_DECLS
