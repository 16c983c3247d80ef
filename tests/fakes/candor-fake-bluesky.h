/* candor-fake-bluesky.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "candor-fake-server.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_FAKE_BLUESKY (candor_fake_bluesky_get_type ())

G_DECLARE_FINAL_TYPE (CandorFakeBluesky,
                      candor_fake_bluesky,
                      CANDOR,
                      FAKE_BLUESKY,
                      CandorFakeServer)

/* A PDS with one account, @handle, whose app password is @app_password. */
CandorFakeBluesky *candor_fake_bluesky_new (GTlsCertificate *certificate,
                                            const char      *handle,
                                            const char      *app_password,
                                            GError         **error);
const char        *candor_fake_bluesky_get_did (CandorFakeBluesky *self);
/* How many times createSession succeeded. */
guint candor_fake_bluesky_get_n_logins (CandorFakeBluesky *self);
/* Every access token given out so far expires ("ExpiredToken"); with
 * @refresh_too, every refresh token as well. */
void candor_fake_bluesky_expire_tokens (CandorFakeBluesky *self, gboolean refresh_too);

G_END_DECLS
