/* candor-slack-client.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "candor-http-channel-client.h"

G_BEGIN_DECLS

/* Slack, in one of two modes chosen by the secret's shape. A bot token
 * ("xoxb-…", any "xox" token) posts through the Web API's chat.postMessage
 * to the "channel" setting, threads follow-ups under the incident's first
 * message (thread_ts) and links each message (chat.getPermalink); the
 * "api_url" setting points elsewhere than https://slack.com/api (GovSlack,
 * tests). Anything else is an incoming webhook's URL, which posts to the
 * channel it was made for, cannot thread and returns no id. */
#define CANDOR_TYPE_SLACK_CLIENT (candor_slack_client_get_type ())

G_DECLARE_FINAL_TYPE (CandorSlackClient,
                      candor_slack_client,
                      CANDOR,
                      SLACK_CLIENT,
                      CandorHttpChannelClient)

G_END_DECLS
