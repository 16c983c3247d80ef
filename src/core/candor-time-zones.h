/* candor-time-zones.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The GTimeZone for an IANA id ("Europe/Moscow"), or NULL when there is no
 * such zone. GLib reads the tzdata file again each time a zone is created
 * after its last reference went away; the schedule and the draft loader ask
 * for the same few zones on every keystroke, so they are kept here.
 * Thread-safe; returns a new reference. */
GTimeZone *candor_time_zone_lookup (const char *identifier);

G_END_DECLS
