/* candor-bluesky-client.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "candor-http-channel-client.h"

G_BEGIN_DECLS

/* Posts to a Bluesky account (or any AT Protocol PDS) with an app password:
 * app.bsky.feed.post records with link facets, a long text as a thread of
 * replies, follow-ups as replies to the incident's last post. The session is
 * made once and kept in memory for the process, refreshed with its refresh
 * token: the login rate limit is low. */
#define CANDOR_TYPE_BLUESKY_CLIENT (candor_bluesky_client_get_type ())

G_DECLARE_FINAL_TYPE (CandorBlueskyClient,
                      candor_bluesky_client,
                      CANDOR,
                      BLUESKY_CLIENT,
                      CandorHttpChannelClient)

G_END_DECLS
