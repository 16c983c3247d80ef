/* candor-test-cli.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What one run of the real candor-cli binary did. */
typedef struct
{
  int   status;
  char *out;
  char *err;
} CandorTestCliRun;

void candor_test_cli_run_clear (CandorTestCliRun *run);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CandorTestCliRun, candor_test_cli_run_clear)

void candor_test_cli_run (CandorTestCliRun *run, const char *input, const char *first_arg, ...)
  G_GNUC_NULL_TERMINATED;

/* Whether the moment to press Ctrl+C has come; asked as the main context runs. */
typedef gboolean (*CandorTestCliReady) (gpointer user_data);

void candor_test_cli_run_interrupted (CandorTestCliRun  *run,
                                      CandorTestCliReady interrupt_when,
                                      gpointer           user_data,
                                      const char        *first_arg,
                                      ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
