/* candor-matrix-client.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "candor-http-channel-client.h"

G_BEGIN_DECLS

/* Posts to a Matrix room through the client-server API: settings
 * "homeserver" (its https base URL) and "room-id"; the secret is the access
 * token. Made through candor_channel_client_new(). */
#define CANDOR_TYPE_MATRIX_CLIENT (candor_matrix_client_get_type ())

G_DECLARE_FINAL_TYPE (CandorMatrixClient,
                      candor_matrix_client,
                      CANDOR,
                      MATRIX_CLIENT,
                      CandorHttpChannelClient)

G_END_DECLS
