/* candor-cli-schedule.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `candor-cli schedule --draft FILE [--json] [--now ISO8601]`: when the next
 * update should go out, and why. */
int candor_cli_schedule_run (int argc, char **argv);

G_END_DECLS
