/* candor-http-channel-client.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "candor-channel-client.h"

G_BEGIN_DECLS

/* What every channel client holds: its channel, its secret and the HTTP
 * session it talks through, as the construct-only properties of
 * CandorChannelClient. A client derives from it, implements
 * CandorChannelClient's methods and checks its settings in GInitable. */
#define CANDOR_TYPE_HTTP_CHANNEL_CLIENT (candor_http_channel_client_get_type ())

G_DECLARE_DERIVABLE_TYPE (CandorHttpChannelClient,
                          candor_http_channel_client,
                          CANDOR,
                          HTTP_CHANNEL_CLIENT,
                          GObject)

struct _CandorHttpChannelClientClass
{
  GObjectClass parent_class;
};

CandorChannel *candor_http_channel_client_get_channel (CandorHttpChannelClient *self);
const char    *candor_http_channel_client_get_secret (CandorHttpChannelClient *self);
CandorHttp    *candor_http_channel_client_get_http (CandorHttpChannelClient *self);

G_END_DECLS
