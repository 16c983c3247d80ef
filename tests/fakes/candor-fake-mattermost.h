/* candor-fake-mattermost.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "candor-fake-server.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_FAKE_MATTERMOST (candor_fake_mattermost_get_type ())

G_DECLARE_FINAL_TYPE (CandorFakeMattermost,
                      candor_fake_mattermost,
                      CANDOR,
                      FAKE_MATTERMOST,
                      CandorFakeServer)

CandorFakeMattermost *
candor_fake_mattermost_new (GTlsCertificate *certificate, const char *hook_key, GError **error);
char *candor_fake_mattermost_get_webhook_url (CandorFakeMattermost *self);

G_END_DECLS
