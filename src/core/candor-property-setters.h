/* candor-property-setters.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The store-if-changed half of a property setter: each returns TRUE when
 * @slot took the new value, so the caller knows to notify. */
gboolean candor_set_string (char **slot, const char *value);
gboolean candor_set_date_time (GDateTime **slot, GDateTime *value);

G_END_DECLS
