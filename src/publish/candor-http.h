/* candor-http.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "candor-http-response.h"

G_BEGIN_DECLS

/* The one way the channels talk HTTP: https only (plain http to this
 * computer alone), certificates verified and never waived, no redirects
 * followed, bounded waits, and failures told apart by what they mean for the
 * message: not sent (UNAVAILABLE), maybe sent (UNKNOWN_OUTCOME), never to be
 * sent this way (TLS, INSECURE). Errors name the host at most: a webhook's
 * URL is itself a secret. */
#define CANDOR_TYPE_HTTP (candor_http_get_type ())

G_DECLARE_FINAL_TYPE (CandorHttp, candor_http, CANDOR, HTTP, GObject)

/* @tls_database: the authorities to trust, or %NULL for the system's. */
CandorHttp   *candor_http_new (GTlsDatabase *tls_database);
GTlsDatabase *candor_http_get_tls_database (CandorHttp *self);

/* Whether @host is this computer: "localhost", 127.0.0.0/8 or ::1. */
gboolean candor_http_host_is_loopback (const char *host);

/* Checks @url against the policy; CANDOR_PUBLISH_ERROR_INSECURE or
 * _NOT_CONFIGURED when it fails. */
gboolean candor_http_check_url (const char *url, GError **error);

/* Sends one request. @headers maps header names to values and may be %NULL;
 * @body and @content_type may be %NULL for a request without a body. The
 * response is whatever the server answered, any status. */
void candor_http_send_async (CandorHttp         *self,
                             const char         *method,
                             const char         *url,
                             GHashTable         *headers,
                             GBytes             *body,
                             const char         *content_type,
                             GCancellable       *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer            user_data);
CandorHttpResponse *
candor_http_send_finish (CandorHttp *self, GAsyncResult *result, GError **error);

G_END_DECLS
