/* candor-webhook-client.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "candor-http-channel-client.h"

G_BEGIN_DECLS

/* Posts each update as a Standard Webhooks event (standardwebhooks.com) to
 * the setting "url"; the secret is the signing secret, "whsec_" and a
 * base64 key. Every request carries webhook-id (the publication's
 * idempotency key, the same on every retry), webhook-timestamp (Unix
 * seconds) and webhook-signature ("v1," and the base64 HMAC-SHA256 of
 * "id.timestamp.body"). The body:
 *
 *   {"type": "incident.updated", "timestamp": "2026-05-04T10:15:00Z",
 *    "data": {"incident": {"id", "title", "state", "severity"},
 *             "update": {"id", "kind"}, "language", "subject",
 *             "sections": [{"field", "heading", "text"}...], "text"}}
 *
 * where texts are plain (no markup) and "text" is the whole message.
 * Test connection sends {"type": "ping", "timestamp", "data": {}} under a
 * fresh webhook-id: a receiver should answer it with any 2xx and not show
 * it. Made through candor_channel_client_new(). */
#define CANDOR_TYPE_WEBHOOK_CLIENT (candor_webhook_client_get_type ())

G_DECLARE_FINAL_TYPE (CandorWebhookClient,
                      candor_webhook_client,
                      CANDOR,
                      WEBHOOK_CLIENT,
                      CandorHttpChannelClient)

G_END_DECLS
