/* candor-retry-policy.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Attempts of one publication, the first included, before Candor gives up. */
#define CANDOR_RETRY_POLICY_MAX_ATTEMPTS 8
/* The backoff starts at this many microseconds and doubles per attempt... */
#define CANDOR_RETRY_POLICY_BASE_DELAY ((gint64)1 * G_USEC_PER_SEC)
/* ...up to this. */
#define CANDOR_RETRY_POLICY_MAX_DELAY ((gint64)60 * G_USEC_PER_SEC)
/* A service's own wait up to this long is waited out quietly; a longer one
 * is still honoured, but the person is told the publication waits. */
#define CANDOR_RETRY_POLICY_MAX_QUIET_WAIT ((gint64)5 * 60 * G_USEC_PER_SEC)

typedef enum
{
  CANDOR_RETRY_GIVE_UP, /* the error is not transient, or the attempts ran out */
  CANDOR_RETRY_RETRY,   /* try again after the delay */
  CANDOR_RETRY_WAIT,    /* the service asked for a long wait: try again then, and say so */
} CandorRetryDecision;

/* What to do after attempt number @attempt (1 for the first) failed with
 * @error: UNAVAILABLE is retried with exponential backoff and full jitter
 * drawn from @rand; a wait the service asked for (RATE_LIMITED's
 * Retry-After) is honoured as given; a RATE_LIMITED without one backs off
 * like UNAVAILABLE; nothing else is retried. @delay is set to the
 * microseconds to wait, or 0 when giving up. */
CandorRetryDecision
candor_retry_policy_decide (guint attempt, const GError *error, GRand *rand, gint64 *delay);

G_END_DECLS
