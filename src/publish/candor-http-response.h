/* candor-http-response.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* What a service answered: the status, the headers, the whole body, and the
 * body parsed when it is JSON. Any status: whether it is a failure is the
 * caller's call (candor_http_response_to_error () when it is). */
#define CANDOR_TYPE_HTTP_RESPONSE (candor_http_response_get_type ())

G_DECLARE_FINAL_TYPE (CandorHttpResponse, candor_http_response, CANDOR, HTTP_RESPONSE, GObject)

CandorHttpResponse *
candor_http_response_new (guint status, SoupMessageHeaders *headers, GBytes *body);

guint               candor_http_response_get_status (CandorHttpResponse *self);
gboolean            candor_http_response_is_success (CandorHttpResponse *self);
SoupMessageHeaders *candor_http_response_get_headers (CandorHttpResponse *self);
/* The value of header @name, or %NULL. */
const char *candor_http_response_get_header (CandorHttpResponse *self, const char *name);
GBytes     *candor_http_response_get_body (CandorHttpResponse *self);
/* The body parsed, when the Content-Type says JSON and it parses; else %NULL.
 * Returns: (transfer none) (nullable) */
JsonNode *candor_http_response_get_json (CandorHttpResponse *self);

/* A Retry-After value (delay-seconds or an HTTP date) as microseconds from
 * @now, 0 for a date in the past, or -1 when @value is neither. */
gint64 candor_http_response_parse_retry_after (const char *value, GDateTime *now);

/* The CANDOR_PUBLISH_ERROR a failed response stands for: 401 and 403 are
 * REFUSED, 429 RATE_LIMITED (with its Retry-After), 5xx UNAVAILABLE, any
 * other status REJECTED. The message names @service ("Slack"), quotes
 * @service_message (what the API said, extracted from the body by the
 * caller; %NULL to quote the status) and says what to do next. */
GError *candor_http_response_to_error (CandorHttpResponse *self,
                                       const char         *service,
                                       const char         *service_message);

G_END_DECLS
