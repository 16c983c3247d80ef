/* test-publish-error.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "candor-publish-error.h"

/* The store suite's list of domain names cannot link publish/, so the
 * publishing domain's name is checked here. */
static void
test_name (void)
{
  g_assert_cmpstr (g_quark_to_string (CANDOR_PUBLISH_ERROR), ==, "candor-publish-error-quark");
}

static void
test_retry_after (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) copy = NULL;

  error =
    g_error_new_literal (CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_RATE_LIMITED, "Slow down");
  g_assert_cmpint (candor_publish_error_get_retry_after (error), ==, 0);

  candor_publish_error_set_retry_after (error, 30 * G_USEC_PER_SEC);
  g_assert_cmpint (candor_publish_error_get_retry_after (error), ==, 30 * G_USEC_PER_SEC);

  /* The wait survives the copies that GTask and g_propagate_error make. */
  copy = g_error_copy (error);
  g_assert_error (copy, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_RATE_LIMITED);
  g_assert_cmpint (candor_publish_error_get_retry_after (copy), ==, 30 * G_USEC_PER_SEC);

  candor_publish_error_set_retry_after (error, 0);
  g_assert_cmpint (candor_publish_error_get_retry_after (error), ==, 0);
  g_assert_cmpint (candor_publish_error_get_retry_after (copy), ==, 30 * G_USEC_PER_SEC);
}

static void
test_retry_after_other_domain (void)
{
  g_autoptr (GError) error = NULL;

  error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "Failed");
  g_assert_cmpint (candor_publish_error_get_retry_after (error), ==, 0);
}

static void
test_transient (void)
{
  static const struct
  {
    CandorPublishError code;
    gboolean           transient;
  } cases[] = {
    { CANDOR_PUBLISH_ERROR_NOT_CONFIGURED, FALSE },
    { CANDOR_PUBLISH_ERROR_REFUSED, FALSE },
    { CANDOR_PUBLISH_ERROR_REJECTED, FALSE },
    { CANDOR_PUBLISH_ERROR_RATE_LIMITED, TRUE },
    { CANDOR_PUBLISH_ERROR_UNAVAILABLE, TRUE },
    { CANDOR_PUBLISH_ERROR_UNKNOWN_OUTCOME, FALSE },
    { CANDOR_PUBLISH_ERROR_TLS, FALSE },
    { CANDOR_PUBLISH_ERROR_INSECURE, FALSE },
    { CANDOR_PUBLISH_ERROR_KEYRING, FALSE },
  };
  g_autoptr (GError) io_error = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = g_error_new_literal (CANDOR_PUBLISH_ERROR, cases[i].code, "x");

      g_assert_cmpint (candor_publish_error_is_transient (error), ==, cases[i].transient);
    }

  /* A code of another domain that happens to share the number is not transient. */
  io_error = g_error_new_literal (G_IO_ERROR, CANDOR_PUBLISH_ERROR_UNAVAILABLE, "x");
  g_assert_false (candor_publish_error_is_transient (io_error));
  g_assert_false (candor_publish_error_is_transient (NULL));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/publish/error/name", test_name);
  g_test_add_func ("/publish/error/retry-after", test_retry_after);
  g_test_add_func ("/publish/error/retry-after-other-domain", test_retry_after_other_domain);
  g_test_add_func ("/publish/error/transient", test_transient);

  return g_test_run ();
}
