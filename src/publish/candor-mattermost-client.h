/* candor-mattermost-client.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "candor-http-channel-client.h"

G_BEGIN_DECLS

/* Mattermost through an incoming webhook (the secret is its URL). The
 * webhook answers "ok" and never the post's id, so a follow-up cannot name
 * a root_id to reply to: follow-ups are new posts in the webhook's channel,
 * and a message has no link. A text past the server's post size becomes
 * several posts, as the server splits it. */
#define CANDOR_TYPE_MATTERMOST_CLIENT (candor_mattermost_client_get_type ())

G_DECLARE_FINAL_TYPE (CandorMattermostClient,
                      candor_mattermost_client,
                      CANDOR,
                      MATTERMOST_CLIENT,
                      CandorHttpChannelClient)

G_END_DECLS
