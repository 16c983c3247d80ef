/* candor-cli-check.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int candor_cli_check_run (int argc, char **argv);

G_END_DECLS
