/* candor-fake-smtp.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <gmime/gmime.h>

#include "candor-test-tls.h"

G_BEGIN_DECLS

/* A real SMTP server on loopback (aiosmtpd, smtp-server.py beside this file)
 * with STARTTLS or implicit TLS from the test's certificate authority and
 * one login; each message it accepts is kept as a file to read back.
 */
typedef struct _CandorFakeSmtp CandorFakeSmtp;

/* A message as the server received it: the envelope, the bytes, and the
 * bytes parsed back. */
typedef struct
{
  char         *mail_from;
  char        **rcpt_tos;
  GBytes       *data;
  GMimeMessage *message;
} CandorReceivedMail;

void candor_received_mail_free (CandorReceivedMail *mail);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CandorReceivedMail, candor_received_mail_free)

CandorFakeSmtp *candor_fake_smtp_new (CandorTestTls *tls, const char *user, const char *password);
void            candor_fake_smtp_free (CandorFakeSmtp *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CandorFakeSmtp, candor_fake_smtp_free)

void  candor_fake_smtp_start (CandorFakeSmtp *self, ...) G_GNUC_NULL_TERMINATED;
void  candor_fake_smtp_stop (CandorFakeSmtp *self);
guint candor_fake_smtp_get_port (CandorFakeSmtp *self);

guint               candor_fake_smtp_count_received (CandorFakeSmtp *self);
CandorReceivedMail *candor_fake_smtp_read_received (CandorFakeSmtp *self, guint number);

G_END_DECLS
