/* candor-fake-matrix.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "candor-fake-server.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_FAKE_MATRIX (candor_fake_matrix_get_type ())

G_DECLARE_FINAL_TYPE (CandorFakeMatrix, candor_fake_matrix, CANDOR, FAKE_MATRIX, CandorFakeServer)

CandorFakeMatrix *candor_fake_matrix_new (GTlsCertificate *certificate,
                                          const char      *access_token,
                                          const char      *user_id,
                                          const char      *room_id,
                                          GError         **error);

G_END_DECLS
