/* candor-fake-discord.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "candor-fake-server.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_FAKE_DISCORD (candor_fake_discord_get_type ())

G_DECLARE_FINAL_TYPE (CandorFakeDiscord,
                      candor_fake_discord,
                      CANDOR,
                      FAKE_DISCORD,
                      CandorFakeServer)

CandorFakeDiscord *candor_fake_discord_new (GTlsCertificate *certificate,
                                            const char      *webhook_id,
                                            const char      *webhook_token,
                                            const char      *channel_id,
                                            GError         **error);
char              *candor_fake_discord_get_webhook_url (CandorFakeDiscord *self);
void               candor_fake_discord_add_thread (CandorFakeDiscord *self, const char *thread_id);

G_END_DECLS
