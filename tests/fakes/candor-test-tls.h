/* candor-test-tls.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A certificate authority made at test time, and a server certificate it
 * signed for 127.0.0.1, ::1 and localhost. Tests trust exactly this CA, so
 * TLS is verified for real instead of being switched off.
 */
typedef struct _CandorTestTls CandorTestTls;

CandorTestTls   *candor_test_tls_new (GError **error);
const char      *candor_test_tls_get_ca_file (CandorTestTls *self);
const char      *candor_test_tls_get_cert_file (CandorTestTls *self);
const char      *candor_test_tls_get_key_file (CandorTestTls *self);
GTlsCertificate *candor_test_tls_get_server_certificate (CandorTestTls *self);
GTlsDatabase    *candor_test_tls_get_database (CandorTestTls *self);
void             candor_test_tls_free (CandorTestTls *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CandorTestTls, candor_test_tls_free)

G_END_DECLS
