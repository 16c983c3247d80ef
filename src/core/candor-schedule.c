/* candor-schedule.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-schedule"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "candor-audience.h"
#include "candor-schedule.h"
#include "candor-time-zones.h"

#define N_SEVERITIES    (CANDOR_SEVERITY_CRITICAL + 1)
#define MINUTES_PER_DAY (24 * 60)
/* Cadence times are rounded down to this many minutes: "11:15" reads better
 * than "11:17", and rounding down keeps the promise of "at least every N". */
#define CADENCE_ROUNDING 5
/* An office opens again within a week, weekends included. */
#define MAX_DAYS_AHEAD 8

struct _CandorSchedule
{
  GObject parent_instance;

  guint cadence[N_SEVERITIES];
  guint close_lead;
};

G_DEFINE_FINAL_TYPE (CandorSchedule, candor_schedule, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_MINOR_CADENCE,
  PROP_MAJOR_CADENCE,
  PROP_CRITICAL_CADENCE,
  PROP_CLOSE_LEAD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
candor_schedule_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CandorSchedule *self = CANDOR_SCHEDULE (object);

  switch (prop_id)
    {
      case PROP_MINOR_CADENCE:
      case PROP_MAJOR_CADENCE:
      case PROP_CRITICAL_CADENCE:
        g_value_set_uint (value, self->cadence[prop_id - PROP_MINOR_CADENCE]);
        break;

      case PROP_CLOSE_LEAD:
        g_value_set_uint (value, self->close_lead);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_schedule_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CandorSchedule *self = CANDOR_SCHEDULE (object);

  switch (prop_id)
    {
      case PROP_MINOR_CADENCE:
      case PROP_MAJOR_CADENCE:
      case PROP_CRITICAL_CADENCE:
        candor_schedule_set_cadence (self, prop_id - PROP_MINOR_CADENCE, g_value_get_uint (value));
        break;

      case PROP_CLOSE_LEAD:
        candor_schedule_set_close_lead (self, g_value_get_uint (value));
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_schedule_class_init (CandorScheduleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = candor_schedule_get_property;
  object_class->set_property = candor_schedule_set_property;

  properties[PROP_MINOR_CADENCE] = g_param_spec_uint (
    "minor-cadence", NULL, "Minutes between updates of a minor incident, or 0", 0,
    7 * MINUTES_PER_DAY, 0, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_MAJOR_CADENCE] = g_param_spec_uint (
    "major-cadence", NULL, "Minutes between updates of a major incident, or 0", 0,
    7 * MINUTES_PER_DAY, 60, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CRITICAL_CADENCE] = g_param_spec_uint (
    "critical-cadence", NULL, "Minutes between updates of a critical incident, or 0", 0,
    7 * MINUTES_PER_DAY, 30, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CLOSE_LEAD] = g_param_spec_uint (
    "close-lead", NULL, "How many minutes before an office closes to suggest an update", 0,
    MINUTES_PER_DAY - 1, 15, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
candor_schedule_init (CandorSchedule *self)
{
  self->cadence[CANDOR_SEVERITY_MINOR] = 0;
  self->cadence[CANDOR_SEVERITY_MAJOR] = 60;
  self->cadence[CANDOR_SEVERITY_CRITICAL] = 30;
  self->close_lead = 15;
}

CandorSchedule *
candor_schedule_new (void)
{
  return g_object_new (CANDOR_TYPE_SCHEDULE, NULL);
}

guint
candor_schedule_get_cadence (CandorSchedule *self, CandorSeverity severity)
{
  g_return_val_if_fail (CANDOR_IS_SCHEDULE (self), 0);
  g_return_val_if_fail (severity < N_SEVERITIES, 0);

  return self->cadence[severity];
}

void
candor_schedule_set_cadence (CandorSchedule *self, CandorSeverity severity, guint minutes)
{
  g_return_if_fail (CANDOR_IS_SCHEDULE (self));
  g_return_if_fail (severity < N_SEVERITIES);
  g_return_if_fail (minutes <= 7 * MINUTES_PER_DAY);

  if (self->cadence[severity] == minutes)
    return;

  self->cadence[severity] = minutes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MINOR_CADENCE + severity]);
}

guint
candor_schedule_get_close_lead (CandorSchedule *self)
{
  g_return_val_if_fail (CANDOR_IS_SCHEDULE (self), 0);

  return self->close_lead;
}

void
candor_schedule_set_close_lead (CandorSchedule *self, guint minutes)
{
  g_return_if_fail (CANDOR_IS_SCHEDULE (self));
  g_return_if_fail (minutes < MINUTES_PER_DAY);

  if (self->close_lead == minutes)
    return;

  self->close_lead = minutes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOSE_LEAD]);
}

static char *
describe_cadence (CandorSeverity severity, guint minutes)
{
  switch (severity)
    {
      case CANDOR_SEVERITY_MINOR:
        return g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "every %u minute while a minor incident lasts",
                       "every %u minutes while a minor incident lasts", minutes),
          minutes);
      case CANDOR_SEVERITY_MAJOR:
        return g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "every %u minute while a major incident lasts",
                       "every %u minutes while a major incident lasts", minutes),
          minutes);
      case CANDOR_SEVERITY_CRITICAL:
      default:
        return g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "every %u minute while a critical incident lasts",
                       "every %u minutes while a critical incident lasts", minutes),
          minutes);
    }
}

static const char *
describe_when_fixed (CandorSeverity severity)
{
  switch (severity)
    {
      case CANDOR_SEVERITY_MINOR:
        return _("when it is fixed: a minor incident needs no regular updates");
      case CANDOR_SEVERITY_MAJOR:
        return _("when it is fixed: no regular updates are set for major incidents");
      case CANDOR_SEVERITY_CRITICAL:
      default:
        return _("when it is fixed: no regular updates are set for critical incidents");
    }
}

static const char *
zone_name (GTimeZone *zone)
{
  return g_time_zone_get_identifier (zone);
}

static CandorScheduleSuggestion *
suggest_cadence (CandorIncident *incident, guint cadence, GDateTime *now)
{
  g_autoptr (GDateTime) target = g_date_time_add_minutes (now, cadence);
  g_autoptr (GDateTime) rounded = NULL;
  g_autofree char *reason = describe_cadence (candor_incident_get_severity (incident), cadence);
  int              minute = g_date_time_get_minute (target);

  rounded = g_date_time_new (g_date_time_get_timezone (target), g_date_time_get_year (target),
                             g_date_time_get_month (target), g_date_time_get_day_of_month (target),
                             g_date_time_get_hour (target), minute - minute % CADENCE_ROUNDING, 0);

  /* A cadence shorter than the rounding would round back into the past. */
  if (rounded == NULL || g_date_time_compare (rounded, now) <= 0)
    {
      g_clear_pointer (&rounded, g_date_time_unref);
      rounded = g_date_time_add_seconds (target, -g_date_time_get_seconds (target));
    }

  return candor_schedule_suggestion_new (CANDOR_SCHEDULE_SOURCE_CADENCE, rounded,
                                         zone_name (g_date_time_get_timezone (now)), reason);
}

/* @minutes after local midnight of @day in @zone; 24:00 is the next midnight. */
static GDateTime *
local_time_on (GTimeZone *zone, GDateTime *day, guint minutes)
{
  g_autoptr (GDateTime) midnight = NULL;
  int year, month, day_of_month;

  g_date_time_get_ymd (day, &year, &month, &day_of_month);
  if (minutes < MINUTES_PER_DAY)
    return g_date_time_new (zone, year, month, day_of_month, minutes / 60, minutes % 60, 0);

  midnight = g_date_time_new (zone, year, month, day_of_month, 0, 0, 0);
  return g_date_time_add_days (midnight, 1);
}

static gboolean
same_local_day (GDateTime *a, GDateTime *b)
{
  return g_date_time_get_year (a) == g_date_time_get_year (b) &&
         g_date_time_get_day_of_year (a) == g_date_time_get_day_of_year (b);
}

/* The first working day's @minutes (less @lead) in @zone that is after @now;
 * @out_day is that working day in @zone. */
static GDateTime *
next_office_time (GTimeZone *zone, GDateTime *now, guint minutes, guint lead, GDateTime **out_day)
{
  g_autoptr (GDateTime) local_now = g_date_time_to_timezone (now, zone);

  for (int days = 0; days < MAX_DAYS_AHEAD; days++)
    {
      g_autoptr (GDateTime) day = g_date_time_add_days (local_now, days);
      g_autoptr (GDateTime) office_time = NULL;
      GDateTime *at;

      /* Offices are closed on Saturdays and Sundays. */
      if (g_date_time_get_day_of_week (day) >= 6)
        continue;

      office_time = local_time_on (zone, day, minutes);
      if (office_time == NULL)
        continue;

      at = g_date_time_add_minutes (office_time, -(int)lead);
      if (g_date_time_compare (at, now) > 0)
        {
          *out_day = g_steal_pointer (&day);
          return at;
        }
      g_date_time_unref (at);
    }

  return NULL;
}

static CandorScheduleSuggestion *
suggest_office (GTimeZone *zone, GDateTime *now, guint minutes, guint lead, gboolean closes)
{
  g_autoptr (GDateTime) day = NULL;
  g_autoptr (GDateTime) at = NULL;
  g_autoptr (GDateTime) local_now = g_date_time_to_timezone (now, zone);
  g_autofree char *clock = g_strdup_printf ("%02u:%02u", minutes / 60, minutes % 60);
  g_autofree char *weekday = NULL;
  g_autofree char *reason = NULL;
  const char      *name = zone_name (zone);

  at = next_office_time (zone, now, minutes, lead, &day);
  if (at == NULL)
    return NULL;

  if (same_local_day (day, local_now))
    {
      reason =
        closes ? g_strdup_printf (_("before %s %s, when the office there closes"), clock, name)
               : g_strdup_printf (_("at %s %s, when the office there opens"), clock, name);
    }
  else
    {
      weekday = g_date_time_format (day, "%A");
      reason = closes
        /* Translators: "before 18:00 Europe/Moscow on Monday, when the office
         * there closes" */
        ? g_strdup_printf (_("before %s %s on %s, when the office there closes"), clock, name,
                              weekday)
        /* Translators: "at 09:00 America/New_York on Monday, when the office there
         * opens" */
        : g_strdup_printf (_("at %s %s on %s, when the office there opens"), clock, name, weekday);
    }

  return candor_schedule_suggestion_new (closes ? CANDOR_SCHEDULE_SOURCE_OFFICE_CLOSES
                                                : CANDOR_SCHEDULE_SOURCE_OFFICE_OPENS,
                                         at, name, reason);
}

static void
add_office_suggestions (CandorSchedule *self,
                        CandorAudience *audience,
                        GDateTime      *now,
                        GPtrArray      *suggestions)
{
  const char *const *zones = candor_audience_get_time_zones (audience);
  guint              opens = candor_audience_get_office_opens (audience);
  guint              closes = candor_audience_get_office_closes (audience);

  for (guint i = 0; zones != NULL && zones[i] != NULL; i++)
    {
      g_autoptr (GTimeZone) zone = candor_time_zone_lookup (zones[i]);
      CandorScheduleSuggestion *suggestion;

      if (zone == NULL)
        {
          g_debug ("Skipping unknown time zone “%s” of audience %s", zones[i],
                   candor_audience_get_id (audience));
          continue;
        }

      suggestion = suggest_office (zone, now, closes, self->close_lead, TRUE);
      if (suggestion != NULL)
        g_ptr_array_add (suggestions, suggestion);

      suggestion = suggest_office (zone, now, opens, 0, FALSE);
      if (suggestion != NULL)
        g_ptr_array_add (suggestions, suggestion);
    }
}

static gint64
unix_minute (CandorScheduleSuggestion *suggestion)
{
  return g_date_time_to_unix (candor_schedule_suggestion_get_at (suggestion)) / 60;
}

/* By minute; within one minute an office reason comes before the cadence,
 * because it says more ("when the office there closes") and deduplication
 * keeps the first. */
static int
compare_by_time (gconstpointer a, gconstpointer b)
{
  CandorScheduleSuggestion *sa = *(CandorScheduleSuggestion **)a;
  CandorScheduleSuggestion *sb = *(CandorScheduleSuggestion **)b;
  gint64                    minute_a = unix_minute (sa);
  gint64                    minute_b = unix_minute (sb);
  gboolean                  cadence_a, cadence_b;

  if (minute_a != minute_b)
    return minute_a < minute_b ? -1 : 1;

  cadence_a = candor_schedule_suggestion_get_source (sa) == CANDOR_SCHEDULE_SOURCE_CADENCE;
  cadence_b = candor_schedule_suggestion_get_source (sb) == CANDOR_SCHEDULE_SOURCE_CADENCE;
  return cadence_a - cadence_b;
}

GPtrArray *
candor_schedule_suggest (CandorSchedule *self,
                         CandorIncident *incident,
                         CandorUpdate   *update,
                         GPtrArray      *audiences,
                         GDateTime      *now)
{
  g_autoptr (GPtrArray) suggestions = NULL;
  GPtrArray     *unique;
  CandorSeverity severity;
  guint          cadence;

  g_return_val_if_fail (CANDOR_IS_SCHEDULE (self), NULL);
  g_return_val_if_fail (CANDOR_IS_INCIDENT (incident), NULL);
  g_return_val_if_fail (CANDOR_IS_UPDATE (update), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  suggestions = g_ptr_array_new_with_free_func (g_object_unref);

  /* After a resolution nothing more is due but the post-incident report,
   * which has no clock. */
  if (candor_incident_get_state (incident) == CANDOR_INCIDENT_STATE_RESOLVED ||
      candor_update_get_kind (update) == CANDOR_UPDATE_KIND_RESOLUTION ||
      candor_update_get_kind (update) == CANDOR_UPDATE_KIND_POST_INCIDENT)
    return g_steal_pointer (&suggestions);

  severity = candor_incident_get_severity (incident);
  cadence = candor_schedule_get_cadence (self, severity);

  /* A small bug gets two messages: when it broke and when it is fixed. */
  if (cadence == 0)
    {
      g_ptr_array_add (suggestions,
                       candor_schedule_suggestion_new (CANDOR_SCHEDULE_SOURCE_WHEN_FIXED, NULL,
                                                       NULL, describe_when_fixed (severity)));
      return g_steal_pointer (&suggestions);
    }

  g_ptr_array_add (suggestions, suggest_cadence (incident, cadence, now));
  for (guint i = 0; audiences != NULL && i < audiences->len; i++)
    add_office_suggestions (self, g_ptr_array_index (audiences, i), now, suggestions);

  /* Stable: within a minute, audiences keep their order. */
  g_ptr_array_sort (suggestions, compare_by_time);

  unique = g_ptr_array_new_full (suggestions->len, g_object_unref);
  for (guint i = 0; i < suggestions->len; i++)
    {
      CandorScheduleSuggestion *suggestion = g_ptr_array_index (suggestions, i);

      if (unique->len > 0 &&
          unix_minute (g_ptr_array_index (unique, unique->len - 1)) == unix_minute (suggestion))
        continue;

      g_ptr_array_add (unique, g_object_ref (suggestion));
    }

  return unique;
}
