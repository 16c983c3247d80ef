/* candor-fake-signed-webhook.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "candor-fake-server.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_FAKE_SIGNED_WEBHOOK (candor_fake_signed_webhook_get_type ())

G_DECLARE_FINAL_TYPE (CandorFakeSignedWebhook,
                      candor_fake_signed_webhook,
                      CANDOR,
                      FAKE_SIGNED_WEBHOOK,
                      CandorFakeServer)

CandorFakeSignedWebhook *
candor_fake_signed_webhook_new (GTlsCertificate *certificate, const char *secret, GError **error);

G_END_DECLS
