/* test-error-domains.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "candor-checker.h"
#include "candor-json.h"
#include "candor-mustache.h"
#include "candor-store.h"
#include "candor-template.h"

/* A domain's name travels in GErrors over D-Bus and into logs: a formatter
 * once put spaces into every one of them ("candor - store - error - quark"). */
static void
test_names (void)
{
  g_assert_cmpstr (g_quark_to_string (CANDOR_STORE_ERROR), ==, "candor-store-error-quark");
  g_assert_cmpstr (g_quark_to_string (CANDOR_JSON_ERROR), ==, "candor-json-error-quark");
  g_assert_cmpstr (g_quark_to_string (CANDOR_MUSTACHE_ERROR), ==, "candor-mustache-error-quark");
  g_assert_cmpstr (g_quark_to_string (CANDOR_CHECKER_ERROR), ==, "candor-checker-error-quark");
  g_assert_cmpstr (g_quark_to_string (CANDOR_TEMPLATE_ERROR), ==, "candor-template-error-quark");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/error-domains/names", test_names);

  return g_test_run ();
}
