/* candor-update-private.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "candor-update.h"

G_BEGIN_DECLS

/* Makes @view read as candor_update_new_in_language (@self, @language) would,
 * or as @self's primary text with a NULL @language, changing only what
 * differs: how the composition keeps one view per language between
 * keystrokes, and tells by the view's "changed" whether its checks are out
 * of date. */
void
_candor_update_refresh_in_language (CandorUpdate *view, CandorUpdate *self, const char *language);

G_END_DECLS
