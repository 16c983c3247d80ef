/* test-schedule.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "candor-audience.h"
#include "candor-schedule.h"

static GDateTime *
iso (const char *text)
{
  GDateTime *date_time = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (date_time);
  return date_time;
}

static CandorAudience *
audience_in (const char *id, const char *first_zone, ...)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) zones = NULL;
  CandorAudience *audience = candor_audience_new (id, NULL);
  va_list         args;

  va_start (args, first_zone);
  for (const char *zone = first_zone; zone != NULL; zone = va_arg (args, const char *))
    g_strv_builder_add (builder, zone);
  va_end (args);

  zones = g_strv_builder_end (builder);
  candor_audience_set_time_zones (audience, (const char *const *)zones);
  return audience;
}

/* Each suggestion as "UTC time | zone | reason", which is what a person checks. */
static char *
describe (GPtrArray *suggestions)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < suggestions->len; i++)
    {
      CandorScheduleSuggestion *suggestion = g_ptr_array_index (suggestions, i);
      GDateTime                *at = candor_schedule_suggestion_get_at (suggestion);
      g_autoptr (GDateTime) utc = at != NULL ? g_date_time_to_utc (at) : NULL;
      g_autofree char *when = utc != NULL ? g_date_time_format (utc, "%a %H:%M") : NULL;

      g_string_append_printf (text, "%s | %s | %s\n", when != NULL ? when : "-",
                              candor_schedule_suggestion_get_zone (suggestion),
                              candor_schedule_suggestion_get_reason (suggestion));
    }

  return g_string_free (text, FALSE);
}

static char *
suggest (CandorSchedule *schedule,
         CandorSeverity  severity,
         GPtrArray      *audiences,
         const char     *now_text)
{
  g_autoptr (CandorIncident) incident = candor_incident_new ("Login fails");
  g_autoptr (CandorUpdate) update = candor_update_new (CANDOR_UPDATE_KIND_PROGRESS);
  g_autoptr (GDateTime) now = iso (now_text);
  g_autoptr (GPtrArray) suggestions = NULL;

  candor_incident_set_severity (incident, severity);
  suggestions = candor_schedule_suggest (schedule, incident, update, audiences, now);

  /* Sorted, one per minute, all in the future, each in its own zone. */
  for (guint i = 0; i < suggestions->len; i++)
    {
      CandorScheduleSuggestion *suggestion = g_ptr_array_index (suggestions, i);
      GDateTime                *at = candor_schedule_suggestion_get_at (suggestion);

      if (at == NULL)
        continue;
      g_assert_cmpint (g_date_time_compare (at, now), >, 0);
      g_assert_cmpint (g_date_time_get_second (at), ==, 0);
      g_assert_cmpstr (g_time_zone_get_identifier (g_date_time_get_timezone (at)), ==,
                       candor_schedule_suggestion_get_zone (suggestion));
      if (i > 0)
        g_assert_cmpint (g_date_time_to_unix (at) / 60, >,
                         g_date_time_to_unix (candor_schedule_suggestion_get_at (
                           g_ptr_array_index (suggestions, i - 1))) /
                           60);
    }

  return describe (suggestions);
}

static void
test_schedule_critical_two_zones (void)
{
  g_autoptr (CandorSchedule) schedule = candor_schedule_new ();
  g_autoptr (GPtrArray) audiences = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *text = NULL;

  g_ptr_array_add (audiences, audience_in ("customers", "Europe/Moscow", "America/New_York", NULL));

  /* Monday 12:07 in Moscow, 04:07 in New York. */
  text = suggest (schedule, CANDOR_SEVERITY_CRITICAL, audiences, "2026-11-30T12:07:00+03:00");
  g_assert_cmpstr (text, ==,
                   "Mon 09:35 | +03:00 | every 30 minutes while a critical incident lasts\n"
                   "Mon 14:00 | America/New_York | at 09:00 America/New_York, when the office "
                   "there opens\n"
                   "Mon 14:45 | Europe/Moscow | before 18:00 Europe/Moscow, when the office "
                   "there closes\n"
                   "Mon 22:45 | America/New_York | before 18:00 America/New_York, when the "
                   "office there closes\n"
                   "Tue 06:00 | Europe/Moscow | at 09:00 Europe/Moscow on Tuesday, when the "
                   "office there opens\n");
}

static void
test_schedule_skips_weekends (void)
{
  g_autoptr (CandorSchedule) schedule = candor_schedule_new ();
  g_autoptr (GPtrArray) audiences = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *text = NULL;

  g_ptr_array_add (audiences, audience_in ("executives", "Europe/Berlin", NULL));

  /* Friday evening: the office opens again on Monday, not on Saturday. */
  text = suggest (schedule, CANDOR_SEVERITY_MAJOR, audiences, "2026-12-04T19:10:00+01:00");
  g_assert_cmpstr (text, ==,
                   "Fri 19:10 | +01:00 | every 60 minutes while a major incident lasts\n"
                   "Mon 08:00 | Europe/Berlin | at 09:00 Europe/Berlin on Monday, when the "
                   "office there opens\n"
                   "Mon 16:45 | Europe/Berlin | before 18:00 Europe/Berlin on Monday, when the "
                   "office there closes\n");

  /* Sunday in New York is already Monday in Tokyo. */
  g_ptr_array_set_size (audiences, 0);
  g_ptr_array_add (audiences, audience_in ("partners", "Asia/Tokyo", NULL));
  g_clear_pointer (&text, g_free);
  text = suggest (schedule, CANDOR_SEVERITY_MAJOR, audiences, "2026-12-06T18:30:00-05:00");
  g_assert_cmpstr (text, ==,
                   "Mon 00:00 | Asia/Tokyo | at 09:00 Asia/Tokyo, when the office there opens\n"
                   "Mon 00:30 | -05:00 | every 60 minutes while a major incident lasts\n"
                   "Mon 08:45 | Asia/Tokyo | before 18:00 Asia/Tokyo, when the office there "
                   "closes\n");
}

/* Office hours are local: they follow daylight saving time. */
static void
test_schedule_daylight_saving (void)
{
  g_autoptr (CandorSchedule) schedule = candor_schedule_new ();
  g_autoptr (GPtrArray) audiences = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *text = NULL;

  g_ptr_array_add (audiences, audience_in ("customers", "America/New_York", NULL));
  candor_audience_set_office_hours (g_ptr_array_index (audiences, 0), 8 * 60 + 30, 17 * 60);

  /* Saturday before the switch (EST, -05:00) to Monday after it (EDT, -04:00). */
  text = suggest (schedule, CANDOR_SEVERITY_CRITICAL, audiences, "2026-03-07T12:00:00Z");
  g_assert_cmpstr (text, ==,
                   "Sat 12:30 | UTC | every 30 minutes while a critical incident lasts\n"
                   "Mon 12:30 | America/New_York | at 08:30 America/New_York on Monday, when "
                   "the office there opens\n"
                   "Mon 20:45 | America/New_York | before 17:00 America/New_York on Monday, when "
                   "the office there closes\n");
}

static void
test_schedule_deduplicates_same_minute (void)
{
  g_autoptr (CandorSchedule) schedule = candor_schedule_new ();
  g_autoptr (GPtrArray) audiences = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *text = NULL;

  /* Two audiences share Moscow, and the cadence lands on the same 17:45: one
   * suggestion, with the reason that says more. */
  g_ptr_array_add (audiences, audience_in ("customers", "Europe/Moscow", NULL));
  g_ptr_array_add (audiences, audience_in ("technical", "Europe/Moscow", NULL));

  text = suggest (schedule, CANDOR_SEVERITY_CRITICAL, audiences, "2026-11-30T17:15:20+03:00");
  g_assert_cmpstr (text, ==,
                   "Mon 14:45 | Europe/Moscow | before 18:00 Europe/Moscow, when the office "
                   "there closes\n"
                   "Tue 06:00 | Europe/Moscow | at 09:00 Europe/Moscow on Tuesday, when the "
                   "office there opens\n");
}

static void
test_schedule_only_future (void)
{
  g_autoptr (CandorSchedule) schedule = candor_schedule_new ();
  g_autoptr (GPtrArray) audiences = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *text = NULL;

  g_ptr_array_add (audiences, audience_in ("customers", "Europe/Moscow", NULL));
  candor_schedule_set_cadence (schedule, CANDOR_SEVERITY_CRITICAL, 240);

  /* Exactly at 17:45: today's "before 18:00" is now, not in the future. */
  text = suggest (schedule, CANDOR_SEVERITY_CRITICAL, audiences, "2026-11-30T17:45:00+03:00");
  g_assert_cmpstr (text, ==,
                   "Mon 18:45 | +03:00 | every 240 minutes while a critical incident lasts\n"
                   "Tue 06:00 | Europe/Moscow | at 09:00 Europe/Moscow on Tuesday, when the "
                   "office there opens\n"
                   "Tue 14:45 | Europe/Moscow | before 18:00 Europe/Moscow on Tuesday, when the "
                   "office there closes\n");
}

static void
test_schedule_cadence_is_configurable (void)
{
  g_autoptr (CandorSchedule) schedule = candor_schedule_new ();
  g_autoptr (GPtrArray) none = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *text = NULL;
  guint            minor, major, critical, lead;

  g_object_get (schedule, "minor-cadence", &minor, "major-cadence", &major, "critical-cadence",
                &critical, "close-lead", &lead, NULL);
  g_assert_cmpuint (minor, ==, 0);
  g_assert_cmpuint (major, ==, 60);
  g_assert_cmpuint (critical, ==, 30);
  g_assert_cmpuint (lead, ==, 15);

  /* A minor incident: no clock, just "when it is fixed". */
  text = suggest (schedule, CANDOR_SEVERITY_MINOR, none, "2026-11-30T10:00:00Z");
  g_assert_cmpstr (text, ==,
                   "- | (null) | when it is fixed: a minor incident needs no regular "
                   "updates\n");

  g_object_set (schedule, "minor-cadence", 120, NULL);
  g_clear_pointer (&text, g_free);
  text = suggest (schedule, CANDOR_SEVERITY_MINOR, none, "2026-11-30T10:03:00Z");
  g_assert_cmpstr (text, ==, "Mon 12:00 | UTC | every 120 minutes while a minor incident lasts\n");

  /* A cadence shorter than the rounding is kept exact to the minute. */
  candor_schedule_set_cadence (schedule, CANDOR_SEVERITY_CRITICAL, 1);
  g_clear_pointer (&text, g_free);
  text = suggest (schedule, CANDOR_SEVERITY_CRITICAL, none, "2026-11-30T10:03:30Z");
  g_assert_cmpstr (text, ==, "Mon 10:04 | UTC | every 1 minute while a critical incident lasts\n");

  candor_schedule_set_cadence (schedule, CANDOR_SEVERITY_MAJOR, 0);
  g_clear_pointer (&text, g_free);
  text = suggest (schedule, CANDOR_SEVERITY_MAJOR, none, "2026-11-30T10:00:00Z");
  g_assert_cmpstr (text, ==,
                   "- | (null) | when it is fixed: no regular updates are set for major "
                   "incidents\n");

  /* A lead of 60 minutes moves "before closing" an hour ahead. */
  candor_schedule_set_close_lead (schedule, 60);
  g_ptr_array_add (none, audience_in ("customers", "Europe/Berlin", NULL));
  g_clear_pointer (&text, g_free);
  text = suggest (schedule, CANDOR_SEVERITY_CRITICAL, none, "2026-11-30T15:00:00Z");
  g_assert_cmpstr (text, ==,
                   "Mon 15:01 | UTC | every 1 minute while a critical incident lasts\n"
                   "Mon 16:00 | Europe/Berlin | before 18:00 Europe/Berlin, when the office "
                   "there closes\n"
                   "Tue 08:00 | Europe/Berlin | at 09:00 Europe/Berlin on Tuesday, when the "
                   "office there opens\n");
}

static void
test_schedule_nothing_after_resolution (void)
{
  g_autoptr (CandorSchedule) schedule = candor_schedule_new ();
  g_autoptr (CandorIncident) incident = candor_incident_new ("Login fails");
  g_autoptr (CandorUpdate) update = candor_update_new (CANDOR_UPDATE_KIND_PROGRESS);
  g_autoptr (GPtrArray) audiences = candor_audience_new_defaults ();
  g_autoptr (GDateTime) now = iso ("2026-11-30T10:00:00Z");
  g_autoptr (GPtrArray) suggestions = NULL;

  candor_incident_set_severity (incident, CANDOR_SEVERITY_CRITICAL);
  suggestions = candor_schedule_suggest (schedule, incident, update, audiences, now);
  g_assert_cmpuint (suggestions->len, >, 1);
  g_clear_pointer (&suggestions, g_ptr_array_unref);

  candor_incident_set_state (incident, CANDOR_INCIDENT_STATE_RESOLVED);
  suggestions = candor_schedule_suggest (schedule, incident, update, audiences, now);
  g_assert_cmpuint (suggestions->len, ==, 0);
  g_clear_pointer (&suggestions, g_ptr_array_unref);

  candor_incident_set_state (incident, CANDOR_INCIDENT_STATE_MONITORING);
  candor_update_set_kind (update, CANDOR_UPDATE_KIND_RESOLUTION);
  suggestions = candor_schedule_suggest (schedule, incident, update, audiences, now);
  g_assert_cmpuint (suggestions->len, ==, 0);
  g_clear_pointer (&suggestions, g_ptr_array_unref);

  candor_update_set_kind (update, CANDOR_UPDATE_KIND_POST_INCIDENT);
  suggestions = candor_schedule_suggest (schedule, incident, update, audiences, now);
  g_assert_cmpuint (suggestions->len, ==, 0);
}

static void
test_schedule_skips_unknown_zones (void)
{
  g_autoptr (CandorSchedule) schedule = candor_schedule_new ();
  g_autoptr (GPtrArray) audiences = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *text = NULL;

  g_ptr_array_add (audiences, audience_in ("martians", "Mars/Olympus_Mons", NULL));
  text = suggest (schedule, CANDOR_SEVERITY_MAJOR, audiences, "2026-11-30T10:00:00Z");
  g_assert_cmpstr (text, ==, "Mon 11:00 | UTC | every 60 minutes while a major incident lasts\n");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/schedule/critical-two-zones", test_schedule_critical_two_zones);
  g_test_add_func ("/core/schedule/skips-weekends", test_schedule_skips_weekends);
  g_test_add_func ("/core/schedule/daylight-saving", test_schedule_daylight_saving);
  g_test_add_func ("/core/schedule/deduplicates-same-minute",
                   test_schedule_deduplicates_same_minute);
  g_test_add_func ("/core/schedule/only-future", test_schedule_only_future);
  g_test_add_func ("/core/schedule/cadence-is-configurable", test_schedule_cadence_is_configurable);
  g_test_add_func ("/core/schedule/nothing-after-resolution",
                   test_schedule_nothing_after_resolution);
  g_test_add_func ("/core/schedule/skips-unknown-zones", test_schedule_skips_unknown_zones);

  return g_test_run ();
}
