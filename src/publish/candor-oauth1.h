/* candor-oauth1.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* OAuth 1.0a user-context credentials (RFC 5849): an app's consumer key and
 * secret and a user's access token and secret. */
typedef struct
{
  const char *consumer_key;
  const char *consumer_secret;
  const char *token;
  const char *token_secret;
} CandorOAuth1Keys;

/* The Authorization header value for one request, signed with HMAC-SHA1:
 * "OAuth oauth_consumer_key=..., oauth_signature=...". @url may carry a
 * query, which is signed; @form_params are the pairs of an
 * application/x-www-form-urlencoded body, name then value, NULL-terminated
 * (NULL for a JSON body, which is not signed). @nonce and @timestamp are
 * made up when NULL and 0; tests give them to check against known
 * signatures. */
char *candor_oauth1_authorization (const char             *method,
                                   const char             *url,
                                   const char *const      *form_params,
                                   const CandorOAuth1Keys *keys,
                                   const char             *nonce,
                                   gint64                  timestamp);

G_END_DECLS
