/* candor-time-zones.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-time-zones"

#include "config.h"

#include "candor-time-zones.h"

/* Enough for every zone an installation uses; beyond it, ids are looked up
 * uncached, so a stream of made-up ids cannot grow the cache without bound. */
#define MAX_CACHED_ZONES 256

G_LOCK_DEFINE_STATIC (zones);
/* id -> GTimeZone, or -> the table itself as the mark of an unknown id. */
static GHashTable *zones;

GTimeZone *
candor_time_zone_lookup (const char *identifier)
{
  GTimeZone *zone;
  gpointer   cached;

  g_return_val_if_fail (identifier != NULL, NULL);

  G_LOCK (zones);

  if (zones == NULL)
    zones = g_hash_table_new (g_str_hash, g_str_equal);

  if (g_hash_table_lookup_extended (zones, identifier, NULL, &cached))
    {
      zone = cached != zones ? g_time_zone_ref (cached) : NULL;
      G_UNLOCK (zones);
      return zone;
    }

  zone = g_time_zone_new_identifier (identifier);
  if (g_hash_table_size (zones) < MAX_CACHED_ZONES)
    g_hash_table_insert (zones, g_strdup (identifier),
                         zone != NULL ? g_time_zone_ref (zone) : (gpointer)zones);

  G_UNLOCK (zones);
  return zone;
}
