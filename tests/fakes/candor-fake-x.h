/* candor-fake-x.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "candor-fake-server.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_FAKE_X (candor_fake_x_get_type ())

G_DECLARE_FINAL_TYPE (CandorFakeX, candor_fake_x, CANDOR, FAKE_X, CandorFakeServer)

/* X's API v2 for one developer app (@consumer_key, @consumer_secret) and
 * one user who authorised it (@token, @token_secret). */
CandorFakeX *candor_fake_x_new (GTlsCertificate *certificate,
                                const char      *consumer_key,
                                const char      *consumer_secret,
                                const char      *token,
                                const char      *token_secret,
                                GError         **error);

G_END_DECLS
