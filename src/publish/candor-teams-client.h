/* candor-teams-client.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "candor-http-channel-client.h"

G_BEGIN_DECLS

/* Microsoft Teams through a Workflows webhook ("Post to a channel when a
 * webhook request is received"; the secret is its URL, signature included):
 * the rendition's Adaptive Card as the one attachment of a message. The
 * workflow answers 202 and runs later, with no id of the post, so
 * follow-ups are new posts and a message has no link. */
#define CANDOR_TYPE_TEAMS_CLIENT (candor_teams_client_get_type ())

G_DECLARE_FINAL_TYPE (CandorTeamsClient,
                      candor_teams_client,
                      CANDOR,
                      TEAMS_CLIENT,
                      CandorHttpChannelClient)

G_END_DECLS
