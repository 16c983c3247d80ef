/* candor-fake-mastodon.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "candor-fake-server.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_FAKE_MASTODON (candor_fake_mastodon_get_type ())

G_DECLARE_FINAL_TYPE (CandorFakeMastodon,
                      candor_fake_mastodon,
                      CANDOR,
                      FAKE_MASTODON,
                      CandorFakeServer)

/* An instance with one account, "@candor", whose token is @access_token,
 * and a status length limit of @max_characters. */
CandorFakeMastodon *candor_fake_mastodon_new (GTlsCertificate *certificate,
                                              const char      *access_token,
                                              guint            max_characters,
                                              GError         **error);

G_END_DECLS
