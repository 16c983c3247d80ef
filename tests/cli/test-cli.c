/* test-cli.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "candor-test-cli.h"

#include <gio/gio.h>
#include <string.h>

static void
test_cli_help (void)
{
  g_auto (CandorTestCliRun) run = { 0 };

  candor_test_cli_run (&run, NULL, "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "Usage: candor-cli [OPTION…] COMMAND [ARGUMENT…]\n"));
  g_assert_nonnull (strstr (run.out, "--version"));
  g_assert_cmpstr (run.err, ==, "");
}

static void
test_cli_version (void)
{
  g_auto (CandorTestCliRun) run = { 0 };

  candor_test_cli_run (&run, NULL, "--version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "candor-cli " PACKAGE_VERSION "\n");
}

static void
test_cli_usage_errors (void)
{
  const struct
  {
    const char *arg;
    const char *first_line;
  } cases[] = {
    { NULL, "candor-cli: missing command\n" },
    { "--frobnicate", "candor-cli: unrecognized option '--frobnicate'\n" },
    { "frobnicate", "candor-cli: 'frobnicate' is not a command\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (CandorTestCliRun) run = { 0 };

      candor_test_cli_run (&run, NULL, cases[i].arg, NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      /* GNU style: what is wrong on one line, then where to read more. */
      g_assert_true (g_str_has_prefix (run.err, cases[i].first_line));
      g_assert_true (g_str_has_suffix (run.err, "Try 'candor-cli --help' for more information.\n"));
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/help", test_cli_help);
  g_test_add_func ("/cli/version", test_cli_version);
  g_test_add_func ("/cli/usage-errors", test_cli_usage_errors);

  return g_test_run ();
}
