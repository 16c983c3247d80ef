/* candor-test-client.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "candor-channel-client.h"

G_BEGIN_DECLS

/* A small channel client for the publisher's tests, talking to the fakes:
 * a Mattermost channel's secret is its webhook URL (not idempotent); a
 * Matrix channel's secret is "ACCESS-TOKEN URL", URL being the room's
 * .../send/m.room.message/ prefix the transaction id is appended to
 * (idempotent). */
#define CANDOR_TYPE_TEST_CLIENT (candor_test_client_get_type ())

G_DECLARE_FINAL_TYPE (CandorTestClient, candor_test_client, CANDOR, TEST_CLIENT, GObject)

/* A CandorClientFactory. */
CandorChannelClient *candor_test_client_new (CandorChannel *channel,
                                             const char    *secret,
                                             CandorHttp    *http,
                                             gpointer       user_data,
                                             GError       **error);

G_END_DECLS
