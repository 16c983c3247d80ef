/* candor-publish-error.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* An extended GError domain: a rate limit's wait travels with the error, so
 * whoever retries needs nothing but the GError. */
#define CANDOR_PUBLISH_ERROR (candor_publish_error_quark ())

typedef enum
{
  CANDOR_PUBLISH_ERROR_NOT_CONFIGURED, /* a setting or the secret is missing: Preferences */
  CANDOR_PUBLISH_ERROR_REFUSED,        /* the service refused the credential (401/403) */
  CANDOR_PUBLISH_ERROR_REJECTED,       /* the service refused the message (other 4xx) */
  CANDOR_PUBLISH_ERROR_RATE_LIMITED, /* 429: retry after candor_publish_error_get_retry_after () */
  CANDOR_PUBLISH_ERROR_UNAVAILABLE,  /* 5xx, or no connection before the request went out */
  CANDOR_PUBLISH_ERROR_UNKNOWN_OUTCOME, /* the connection dropped after the request went out */
  CANDOR_PUBLISH_ERROR_TLS,             /* certificate not trusted, expired...: never bypassed */
  CANDOR_PUBLISH_ERROR_INSECURE,        /* plain http or smtp to a host that is not loopback */
  CANDOR_PUBLISH_ERROR_KEYRING,         /* no keyring, or it stayed locked */
} CandorPublishError;

GQuark candor_publish_error_quark (void);

/* Microseconds the service asked to wait (Retry-After, Telegram's
 * parameters.retry_after), or 0 when it did not say. */
gint64 candor_publish_error_get_retry_after (const GError *error);
void   candor_publish_error_set_retry_after (GError *error, gint64 microseconds);

/* Whether another attempt may succeed on its own: RATE_LIMITED and
 * UNAVAILABLE. Everything else needs a person first. */
gboolean candor_publish_error_is_transient (const GError *error);

G_END_DECLS
