/* candor-discord-client.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "candor-http-channel-client.h"

G_BEGIN_DECLS

/* Discord through a webhook (the secret is its URL), executed with
 * ?wait=true so that Discord answers with the message it made, and with no
 * mentions allowed. A webhook cannot reply to a message (Execute Webhook takes
 * no message_reference), so follow-ups are new messages in the webhook's
 * channel; set "thread_id" to post all of them in a thread or forum post
 * instead. With the "guild_id" setting (the server's id), each message gets
 * its link. */
#define CANDOR_TYPE_DISCORD_CLIENT (candor_discord_client_get_type ())

G_DECLARE_FINAL_TYPE (CandorDiscordClient,
                      candor_discord_client,
                      CANDOR,
                      DISCORD_CLIENT,
                      CandorHttpChannelClient)

G_END_DECLS
