/* candor-x-client.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "candor-http-channel-client.h"

G_BEGIN_DECLS

/* Posts to X through API v2 (POST /2/tweets) as the user of the user's own
 * developer app, signed with OAuth 1.0a: a long text as a thread of
 * replies, follow-ups as replies to the incident's last post. */
#define CANDOR_TYPE_X_CLIENT (candor_x_client_get_type ())

G_DECLARE_FINAL_TYPE (CandorXClient, candor_x_client, CANDOR, X_CLIENT, CandorHttpChannelClient)

/* The parts of an X channel's secret (candor_secrets_join_parts ()): the
 * app's API key and secret, the user's access token and secret. */
#define CANDOR_X_SECRET_CONSUMER_KEY        "consumer_key"
#define CANDOR_X_SECRET_CONSUMER_SECRET     "consumer_secret"
#define CANDOR_X_SECRET_ACCESS_TOKEN        "access_token"
#define CANDOR_X_SECRET_ACCESS_TOKEN_SECRET "access_token_secret"

G_END_DECLS
