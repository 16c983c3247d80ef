/* candor-telegram-client.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "candor-http-channel-client.h"

G_BEGIN_DECLS

/* Posts to a Telegram channel or group through the Bot API's sendMessage:
 * setting "chat-id" ("@channelname" or the chat's number) and, for a local
 * Bot API server, "api-url"; the secret is the bot token. A text past
 * Telegram's limit goes out as the numbered thread the Telegram dialect
 * made of it, each message replying to the one before. Made through
 * candor_channel_client_new(). */
#define CANDOR_TYPE_TELEGRAM_CLIENT (candor_telegram_client_get_type ())

G_DECLARE_FINAL_TYPE (CandorTelegramClient,
                      candor_telegram_client,
                      CANDOR,
                      TELEGRAM_CLIENT,
                      CandorHttpChannelClient)

G_END_DECLS
