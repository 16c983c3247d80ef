/* candor-time-zones.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-time-zones"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "candor-audience.h"
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

GStrv
candor_time_zones_of_audiences (GPtrArray *audiences)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; audiences != NULL && i < audiences->len; i++)
    {
      const char *const *ids = candor_audience_get_time_zones (g_ptr_array_index (audiences, i));

      for (guint z = 0; ids != NULL && ids[z] != NULL; z++)
        if (g_hash_table_add (seen, (gpointer)ids[z]))
          g_strv_builder_add (builder, ids[z]);
    }

  return g_strv_builder_end (builder);
}

static GDateTime *
to_zone (GDateTime *time, const char *identifier)
{
  g_autoptr (GTimeZone) zone = identifier != NULL ? candor_time_zone_lookup (identifier) : NULL;

  return zone != NULL ? g_date_time_to_timezone (time, zone) : g_date_time_to_local (time);
}

char *
candor_time_format_in_zones (GDateTime *time, const char *const *ids, gboolean with_date)
{
  g_autoptr (GDateTime) first = NULL;
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *primary = NULL;
  guint            n = ids != NULL ? g_strv_length ((char **)ids) : 0;

  g_return_val_if_fail (time != NULL, NULL);

  first = to_zone (time, n > 0 ? ids[0] : NULL);
  primary = g_date_time_format (first, with_date ? "%Y-%m-%d %H:%M %Z" : "%H:%M %Z");
  g_string_append (text, primary);

  for (guint i = 1; i < n; i++)
    {
      g_autoptr (GDateTime) other = to_zone (time, ids[i]);
      g_autofree char *part = g_date_time_format (other, "%H:%M %Z");

      g_string_append (text, i == 1 ? " (" : ", ");
      g_string_append (text, part);
      if (i == n - 1)
        g_string_append_c (text, ')');
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

G_DEFINE_QUARK (candor-time-error-quark, candor_time_error);

static gboolean
read_clock (const char *text, int *hour, int *minute)
{
  char trailing;

  return sscanf (text, "%d:%d %c", hour, minute, &trailing) == 2 && *hour >= 0 && *hour < 24 &&
         *minute >= 0 && *minute < 60;
}

GDateTime *
candor_time_parse_past (const char *text, GTimeZone *zone, GDateTime *now, GError **error)
{
  g_autoptr (GTimeZone) local = zone != NULL ? g_time_zone_ref (zone) : g_time_zone_new_local ();
  g_autoptr (GDateTime) here = NULL;
  g_autoptr (GDateTime) result = NULL;
  g_autofree char *trimmed = NULL;
  int              year, month, day, hour, minute, days_back = -1;
  char             trailing;
  const char      *clock = NULL;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  trimmed = g_strstrip (g_utf8_casefold (text, -1));
  here = g_date_time_to_timezone (now, local);

  if (*trimmed == '\0')
    {
      g_set_error_literal (error, CANDOR_TIME_ERROR, CANDOR_TIME_ERROR_EMPTY,
                           _("Write a date and time, such as 2026-11-30 08:12, or a time of today "
                             "such as 08:12."));
      return NULL;
    }

  /* In English and in Russian, whatever the interface's language. */
  if (g_str_has_prefix (trimmed, "yesterday"))
    days_back = 1, clock = trimmed + strlen ("yesterday");
  else if (g_str_has_prefix (trimmed, "вчера"))
    days_back = 1, clock = trimmed + strlen ("вчера");
  else if (g_str_has_prefix (trimmed, "today"))
    days_back = 0, clock = trimmed + strlen ("today");
  else if (g_str_has_prefix (trimmed, "сегодня"))
    days_back = 0, clock = trimmed + strlen ("сегодня");
  else if (strchr (trimmed, '-') == NULL)
    days_back = 0, clock = trimmed;

  if (clock != NULL)
    {
      g_autoptr (GDateTime) day_of = g_date_time_add_days (here, -days_back);

      if (!read_clock (clock, &hour, &minute))
        {
          g_set_error (error, CANDOR_TIME_ERROR, CANDOR_TIME_ERROR_INVALID,
                       _("“%s” is not a time Candor reads. Write a date and time (2026-11-30 "
                         "08:12), a time of today (08:12) or “yesterday 23:50”."),
                          text);
          return NULL;
        }
      result =
        g_date_time_new (local, g_date_time_get_year (day_of), g_date_time_get_month (day_of),
                         g_date_time_get_day_of_month (day_of), hour, minute, 0);
    }
  else if (sscanf (trimmed, "%d-%d-%d %d:%d %c", &year, &month, &day, &hour, &minute, &trailing) ==
             5 &&
           year > 1970 && year < 10000)
    result = g_date_time_new (local, year, month, day, hour, minute, 0);
  else
    {
      g_set_error (
        error, CANDOR_TIME_ERROR, CANDOR_TIME_ERROR_INVALID,
        _("“%s” is not a time Candor reads. Write a date and time (2026-11-30 08:12), a "
                     "time of today (08:12) or “yesterday 23:50”."),
           text);
      return NULL;
    }

  if (result == NULL)
    {
      g_set_error (error, CANDOR_TIME_ERROR, CANDOR_TIME_ERROR_INVALID,
                   _("“%s” is not a date on the calendar: check the month and the day."), text);
      return NULL;
    }

  if (g_date_time_difference (result, now) > G_TIME_SPAN_MINUTE)
    {
      GTimeSpan        ahead = g_date_time_difference (result, now);
      int              minutes = (int)(ahead / G_TIME_SPAN_MINUTE);
      g_autofree char *when = NULL;

      if (minutes < 120)
        /* TRANSLATORS: how far in the future a time is, "45 min" */
        when = g_strdup_printf (_("%d min"), minutes);
      else
        /* TRANSLATORS: how far in the future a time is, "3 h 10 min" */
        when = g_strdup_printf (_("%d h %d min"), minutes / 60, minutes % 60);

      /* TRANSLATORS: %s is how far ahead, "3 h 10 min" */
      g_set_error (error, CANDOR_TIME_ERROR, CANDOR_TIME_ERROR_FUTURE,
                   _("This is %s from now, in the future. Write when it already happened; for "
                     "yesterday write “yesterday 23:50” or the date."),
                      when);
      return NULL;
    }

  return g_steal_pointer (&result);
}

char *
candor_time_format_entry (GDateTime *time, GTimeZone *zone)
{
  g_autoptr (GDateTime) here = NULL;

  if (time == NULL)
    return g_strdup ("");

  here = zone != NULL ? g_date_time_to_timezone (time, zone) : g_date_time_to_local (time);
  return g_date_time_format (here, "%Y-%m-%d %H:%M");
}
