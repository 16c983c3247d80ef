/* candor-cli-history.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `candor-cli history list | show | search | export | recover`. */
int candor_cli_history_run (int argc, char **argv);

G_END_DECLS
