/* candor-fake-telegram.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "candor-fake-server.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_FAKE_TELEGRAM (candor_fake_telegram_get_type ())

G_DECLARE_FINAL_TYPE (CandorFakeTelegram,
                      candor_fake_telegram,
                      CANDOR,
                      FAKE_TELEGRAM,
                      CandorFakeServer)

CandorFakeTelegram *candor_fake_telegram_new (GTlsCertificate *certificate,
                                              const char      *bot_token,
                                              const char      *chat_id,
                                              GError         **error);
void                candor_fake_telegram_remove_bot (CandorFakeTelegram *self);

G_END_DECLS
