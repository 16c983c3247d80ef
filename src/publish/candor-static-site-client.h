/* candor-static-site-client.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "candor-http-channel-client.h"

G_BEGIN_DECLS

/* Publishes by writing the status site of candor-static-site.h into the
 * setting "folder", which the user serves or syncs however they like. The
 * site is the channel's whole history, so the client reads the store (the
 * construct-only property "store", which the publisher gives it); an
 * update rewrites only the pages it changes. No secret. Publishing the same
 * update twice writes the same files: it is idempotent. The receipt's
 * remote id is the incident's page within the folder and its URL that
 * page's file:// URI. Made through candor_channel_client_new_full(). */
#define CANDOR_TYPE_STATIC_SITE_CLIENT (candor_static_site_client_get_type ())

G_DECLARE_FINAL_TYPE (CandorStaticSiteClient,
                      candor_static_site_client,
                      CANDOR,
                      STATIC_SITE_CLIENT,
                      CandorHttpChannelClient)

G_END_DECLS
