/* test-retry-policy.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "candor-publish-error.h"
#include "candor-retry-policy.h"

static GError *
make_error (CandorPublishError code, gint64 retry_after)
{
  GError *error = g_error_new_literal (CANDOR_PUBLISH_ERROR, code, "x");

  candor_publish_error_set_retry_after (error, retry_after);

  return error;
}

static void
test_backoff_bounds (void)
{
  g_autoptr (GError) error = make_error (CANDOR_PUBLISH_ERROR_UNAVAILABLE, 0);
  static const gint64 ceilings[] = { 1, 2, 4, 8, 16, 32, 60 };

  for (guint32 seed = 0; seed < 200; seed++)
    {
      g_autoptr (GRand) rand = g_rand_new_with_seed (seed);

      for (guint attempt = 1; attempt < CANDOR_RETRY_POLICY_MAX_ATTEMPTS; attempt++)
        {
          gint64 delay = -1;

          g_assert_cmpint (candor_retry_policy_decide (attempt, error, rand, &delay), ==,
                           CANDOR_RETRY_RETRY);
          g_assert_cmpint (delay, >=, 0);
          g_assert_cmpint (delay, <=, ceilings[attempt - 1] * G_USEC_PER_SEC);
        }
    }
}

/* Full jitter spreads the waits over the whole range, not around the ceiling. */
static void
test_full_jitter (void)
{
  g_autoptr (GError) error = make_error (CANDOR_PUBLISH_ERROR_UNAVAILABLE, 0);
  g_autoptr (GRand) rand = g_rand_new_with_seed (42);
  gint64 lowest = G_MAXINT64;
  gint64 highest = 0;

  for (guint i = 0; i < 1000; i++)
    {
      gint64 delay;

      candor_retry_policy_decide (6, error, rand, &delay);
      lowest = MIN (lowest, delay);
      highest = MAX (highest, delay);
    }

  g_assert_cmpint (lowest, <, 2 * G_USEC_PER_SEC);
  g_assert_cmpint (highest, >, 30 * G_USEC_PER_SEC);
  g_assert_cmpint (highest, <=, 32 * G_USEC_PER_SEC);
}

static void
test_deterministic (void)
{
  g_autoptr (GError) error = make_error (CANDOR_PUBLISH_ERROR_UNAVAILABLE, 0);
  g_autoptr (GRand) first = g_rand_new_with_seed (7);
  g_autoptr (GRand) second = g_rand_new_with_seed (7);

  for (guint attempt = 1; attempt < CANDOR_RETRY_POLICY_MAX_ATTEMPTS; attempt++)
    {
      gint64 a, b;

      candor_retry_policy_decide (attempt, error, first, &a);
      candor_retry_policy_decide (attempt, error, second, &b);
      g_assert_cmpint (a, ==, b);
    }
}

static void
test_capped (void)
{
  g_autoptr (GError) error = make_error (CANDOR_PUBLISH_ERROR_UNAVAILABLE, 0);
  g_autoptr (GRand) rand = g_rand_new_with_seed (1);
  gint64 highest = 0;

  /* Late attempts never wait more than the cap, however large 2^n gets. */
  for (guint i = 0; i < 1000; i++)
    {
      gint64 delay;

      g_assert_cmpint (candor_retry_policy_decide (7, error, rand, &delay), ==, CANDOR_RETRY_RETRY);
      highest = MAX (highest, delay);
    }

  g_assert_cmpint (highest, <=, CANDOR_RETRY_POLICY_MAX_DELAY);
  g_assert_cmpint (highest, >, 50 * G_USEC_PER_SEC);
}

static void
test_attempts_run_out (void)
{
  g_autoptr (GError) unavailable = make_error (CANDOR_PUBLISH_ERROR_UNAVAILABLE, 0);
  g_autoptr (GError) rate_limited = make_error (CANDOR_PUBLISH_ERROR_RATE_LIMITED, G_USEC_PER_SEC);
  g_autoptr (GRand) rand = g_rand_new_with_seed (3);
  gint64 delay = -1;

  g_assert_cmpint (
    candor_retry_policy_decide (CANDOR_RETRY_POLICY_MAX_ATTEMPTS - 1, unavailable, rand, &delay),
    ==, CANDOR_RETRY_RETRY);
  g_assert_cmpint (
    candor_retry_policy_decide (CANDOR_RETRY_POLICY_MAX_ATTEMPTS, unavailable, rand, &delay), ==,
    CANDOR_RETRY_GIVE_UP);
  g_assert_cmpint (delay, ==, 0);
  g_assert_cmpint (
    candor_retry_policy_decide (CANDOR_RETRY_POLICY_MAX_ATTEMPTS, rate_limited, rand, &delay), ==,
    CANDOR_RETRY_GIVE_UP);
  g_assert_cmpint (delay, ==, 0);
}

static void
test_retry_after_honoured (void)
{
  g_autoptr (GError) error = make_error (CANDOR_PUBLISH_ERROR_RATE_LIMITED, 30 * G_USEC_PER_SEC);
  g_autoptr (GError) at_bound =
    make_error (CANDOR_PUBLISH_ERROR_RATE_LIMITED, CANDOR_RETRY_POLICY_MAX_QUIET_WAIT);
  g_autoptr (GRand) rand = g_rand_new_with_seed (5);
  gint64 delay = 0;

  /* Longer than the backoff would wait on a first attempt: the service knows best. */
  g_assert_cmpint (candor_retry_policy_decide (1, error, rand, &delay), ==, CANDOR_RETRY_RETRY);
  g_assert_cmpint (delay, ==, 30 * G_USEC_PER_SEC);

  g_assert_cmpint (candor_retry_policy_decide (2, at_bound, rand, &delay), ==, CANDOR_RETRY_RETRY);
  g_assert_cmpint (delay, ==, CANDOR_RETRY_POLICY_MAX_QUIET_WAIT);
}

static void
test_long_retry_after_waits (void)
{
  g_autoptr (GError) error = make_error (CANDOR_PUBLISH_ERROR_RATE_LIMITED,
                                         CANDOR_RETRY_POLICY_MAX_QUIET_WAIT + G_USEC_PER_SEC);
  g_autoptr (GError) hour =
    make_error (CANDOR_PUBLISH_ERROR_RATE_LIMITED, (gint64)3600 * G_USEC_PER_SEC);
  g_autoptr (GRand) rand = g_rand_new_with_seed (5);
  gint64 delay = 0;

  g_assert_cmpint (candor_retry_policy_decide (1, error, rand, &delay), ==, CANDOR_RETRY_WAIT);
  g_assert_cmpint (delay, ==, CANDOR_RETRY_POLICY_MAX_QUIET_WAIT + G_USEC_PER_SEC);

  g_assert_cmpint (candor_retry_policy_decide (1, hour, rand, &delay), ==, CANDOR_RETRY_WAIT);
  g_assert_cmpint (delay, ==, (gint64)3600 * G_USEC_PER_SEC);
}

static void
test_rate_limited_without_wait_backs_off (void)
{
  g_autoptr (GError) error = make_error (CANDOR_PUBLISH_ERROR_RATE_LIMITED, 0);
  g_autoptr (GRand) rand = g_rand_new_with_seed (9);
  gint64 delay = -1;

  g_assert_cmpint (candor_retry_policy_decide (3, error, rand, &delay), ==, CANDOR_RETRY_RETRY);
  g_assert_cmpint (delay, >=, 0);
  g_assert_cmpint (delay, <=, 4 * G_USEC_PER_SEC);
}

static void
test_no_retry_for_the_rest (void)
{
  static const CandorPublishError final[] = {
    CANDOR_PUBLISH_ERROR_NOT_CONFIGURED,
    CANDOR_PUBLISH_ERROR_REFUSED,
    CANDOR_PUBLISH_ERROR_REJECTED,
    CANDOR_PUBLISH_ERROR_UNKNOWN_OUTCOME,
    CANDOR_PUBLISH_ERROR_TLS,
    CANDOR_PUBLISH_ERROR_INSECURE,
    CANDOR_PUBLISH_ERROR_KEYRING,
  };
  g_autoptr (GRand) rand = g_rand_new_with_seed (11);
  g_autoptr (GError) io_error = g_error_new_literal (G_FILE_ERROR, G_FILE_ERROR_AGAIN, "x");
  gint64 delay = -1;

  for (gsize i = 0; i < G_N_ELEMENTS (final); i++)
    {
      /* Even with a wait attached, as a careless client might leave it. */
      g_autoptr (GError) error = make_error (final[i], 10 * G_USEC_PER_SEC);

      delay = -1;
      g_assert_cmpint (candor_retry_policy_decide (1, error, rand, &delay), ==,
                       CANDOR_RETRY_GIVE_UP);
      g_assert_cmpint (delay, ==, 0);
    }

  g_assert_cmpint (candor_retry_policy_decide (1, io_error, rand, &delay), ==,
                   CANDOR_RETRY_GIVE_UP);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/publish/retry-policy/backoff-bounds", test_backoff_bounds);
  g_test_add_func ("/publish/retry-policy/full-jitter", test_full_jitter);
  g_test_add_func ("/publish/retry-policy/deterministic", test_deterministic);
  g_test_add_func ("/publish/retry-policy/capped", test_capped);
  g_test_add_func ("/publish/retry-policy/attempts-run-out", test_attempts_run_out);
  g_test_add_func ("/publish/retry-policy/retry-after-honoured", test_retry_after_honoured);
  g_test_add_func ("/publish/retry-policy/long-retry-after-waits", test_long_retry_after_waits);
  g_test_add_func ("/publish/retry-policy/rate-limited-without-wait-backs-off",
                   test_rate_limited_without_wait_backs_off);
  g_test_add_func ("/publish/retry-policy/no-retry-for-the-rest", test_no_retry_for_the_rest);

  return g_test_run ();
}
