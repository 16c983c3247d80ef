/* candor-cli-render.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "candor-rendition.h"

G_BEGIN_DECLS

int candor_cli_render_run (int argc, char **argv);

/* Prints what the rendition's channel receives, byte for byte where the
 * channel takes bytes: `publish --dry-run` prints the same. */
gboolean candor_cli_render_print_rendition (CandorRendition *rendition, GError **error);

G_END_DECLS
