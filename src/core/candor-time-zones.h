/* candor-time-zones.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

GTimeZone *candor_time_zone_lookup (const char *identifier);

/* The distinct time zones of @audiences (a GPtrArray of CandorAudience, or
 * NULL), in the order they first appear; empty when none has one. */
GStrv candor_time_zones_of_audiences (GPtrArray *audiences);

/* A time as written into a message: always with its zone, so a reader in
 * another one cannot misread it. "09:40 UTC (10:40 CET, 04:40 EST)": the
 * first of @ids, then the others; with no zones, the local one.
 * @with_date puts the date of the first zone in front: "2026-11-30 08:12 CET". */
char *candor_time_format_in_zones (GDateTime *time, const char *const *ids, gboolean with_date);

#define CANDOR_TIME_ERROR (candor_time_error_quark ())

typedef enum
{
  CANDOR_TIME_ERROR_EMPTY,   /* nothing written */
  CANDOR_TIME_ERROR_INVALID, /* not a time this reads */
  CANDOR_TIME_ERROR_FUTURE,  /* after @now */
} CandorTimeError;

GQuark candor_time_error_quark (void);

/* A past moment as an author types it into the wizard, in @zone (NULL: local):
 * "2026-11-30 08:12", "08:12" (today), "today 08:12", "yesterday 23:50".
 * A time more than a minute after @now is refused with
 * CANDOR_TIME_ERROR_FUTURE; each error message says what the field accepts. */
GDateTime *
candor_time_parse_past (const char *text, GTimeZone *zone, GDateTime *now, GError **error);

/* What candor_time_parse_past() reads @time back from, in @zone (NULL: local). */
char *candor_time_format_entry (GDateTime *time, GTimeZone *zone);

G_END_DECLS
