/* candor-mastodon-client.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "candor-http-channel-client.h"

G_BEGIN_DECLS

/* Posts to a Mastodon account with its access token (scope write:statuses):
 * POST /api/v1/statuses, a long text as a thread of replies cut to the
 * instance's own limit, follow-ups as replies to the incident's last post. */
#define CANDOR_TYPE_MASTODON_CLIENT (candor_mastodon_client_get_type ())

G_DECLARE_FINAL_TYPE (CandorMastodonClient,
                      candor_mastodon_client,
                      CANDOR,
                      MASTODON_CLIENT,
                      CandorHttpChannelClient)

G_END_DECLS
