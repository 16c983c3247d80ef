/* candor-retry-policy.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-retry-policy"

#include "config.h"

#include "candor-publish-error.h"
#include "candor-retry-policy.h"

/* The ceiling of the wait after @attempt: 1 s, 2 s, 4 s... up to the cap. */
static gint64
backoff_ceiling (guint attempt)
{
  gint64 ceiling = CANDOR_RETRY_POLICY_BASE_DELAY;

  for (guint i = 1; i < attempt && ceiling < CANDOR_RETRY_POLICY_MAX_DELAY; i++)
    ceiling *= 2;

  return MIN (ceiling, CANDOR_RETRY_POLICY_MAX_DELAY);
}

CandorRetryDecision
candor_retry_policy_decide (guint attempt, const GError *error, GRand *rand, gint64 *delay)
{
  gint64 asked;

  g_return_val_if_fail (attempt >= 1, CANDOR_RETRY_GIVE_UP);
  g_return_val_if_fail (error != NULL, CANDOR_RETRY_GIVE_UP);
  g_return_val_if_fail (rand != NULL, CANDOR_RETRY_GIVE_UP);
  g_return_val_if_fail (delay != NULL, CANDOR_RETRY_GIVE_UP);

  *delay = 0;

  if (!candor_publish_error_is_transient (error) || attempt >= CANDOR_RETRY_POLICY_MAX_ATTEMPTS)
    return CANDOR_RETRY_GIVE_UP;

  asked = candor_publish_error_get_retry_after (error);
  if (asked > 0)
    {
      /* Trying earlier than asked only earns another 429 and, with some
       * services, a longer ban: the service's wait is waited out whole. */
      *delay = asked;
      return asked <= CANDOR_RETRY_POLICY_MAX_QUIET_WAIT ? CANDOR_RETRY_RETRY : CANDOR_RETRY_WAIT;
    }

  /* Full jitter: anywhere between no wait and the ceiling, so that many
   * publications failing at once do not come back at once. */
  *delay = (gint64)(g_rand_double (rand) * (double)backoff_ceiling (attempt));

  return CANDOR_RETRY_RETRY;
}
