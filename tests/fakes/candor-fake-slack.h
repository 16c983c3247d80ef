/* candor-fake-slack.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "candor-fake-server.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_FAKE_SLACK (candor_fake_slack_get_type ())

G_DECLARE_FINAL_TYPE (CandorFakeSlack, candor_fake_slack, CANDOR, FAKE_SLACK, CandorFakeServer)

CandorFakeSlack *candor_fake_slack_new (GTlsCertificate *certificate,
                                        const char      *bot_token,
                                        const char      *channel_id,
                                        GError         **error);
char            *candor_fake_slack_get_webhook_url (CandorFakeSlack *self);

G_END_DECLS
