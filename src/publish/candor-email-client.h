/* candor-email-client.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "candor-channel-client.h"

G_BEGIN_DECLS

/* The "email" kind: the rendition's MIME message, byte for byte, over SMTP.
 * Settings: "host", "port" (default: the security's), "security"
 * ("starttls", the default, "tls", or "none" to loopback only), "username",
 * "from" and "to" (the headers, written by core), "bcc" (recipients only the
 * envelope carries: customers never see each other). The secret is the SMTP
 * password. The receipt's remote id is the Message-ID, to thread follow-ups;
 * there is no link. Made through candor_channel_client_new(). */
#define CANDOR_TYPE_EMAIL_CLIENT (candor_email_client_get_type ())

G_DECLARE_FINAL_TYPE (CandorEmailClient, candor_email_client, CANDOR, EMAIL_CLIENT, GObject)

G_END_DECLS
