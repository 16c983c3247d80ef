/* test-incident.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "candor-incident.h"

static void
count_notify_cb (GObject *object, GParamSpec *pspec, guint *count)
{
  (*count)++;
}

static void
test_incident_defaults (void)
{
  g_autoptr (CandorIncident) incident = candor_incident_new ("Login fails");
  g_autoptr (CandorIncident) other = candor_incident_new ("Login fails");

  g_assert_cmpstr (candor_incident_get_title (incident), ==, "Login fails");
  g_assert_cmpint (candor_incident_get_severity (incident), ==, CANDOR_SEVERITY_MINOR);
  g_assert_cmpint (candor_incident_get_state (incident), ==, CANDOR_INCIDENT_STATE_INVESTIGATING);
  g_assert_cmpstr (candor_incident_get_language (incident), ==, "en");
  g_assert_null (candor_incident_get_started_at (incident));
  g_assert_null (candor_incident_get_services (incident));
  g_assert_false (candor_incident_get_sla_relevant (incident));

  /* Every incident gets its own id, and a loaded one keeps the id it had. */
  g_assert_true (g_uuid_string_is_valid (candor_incident_get_id (incident)));
  g_assert_cmpstr (candor_incident_get_id (incident), !=, candor_incident_get_id (other));
  g_clear_object (&other);
  other = g_object_new (CANDOR_TYPE_INCIDENT, "id", "kept-id", NULL);
  g_assert_cmpstr (candor_incident_get_id (other), ==, "kept-id");
}

static void
test_incident_notifies_only_on_change (void)
{
  g_autoptr (CandorIncident) incident = candor_incident_new ("API errors");
  g_autoptr (GDateTime) started = g_date_time_new_utc (2026, 11, 30, 3, 12, 0);
  g_autoptr (GDateTime) same_instant =
    g_date_time_new_from_iso8601 ("2026-11-30T06:12:00+03:00", NULL);
  const char *services[] = { "API", "Billing", NULL };
  const char *same_services[] = { "API", "Billing", NULL };
  guint       count = 0;

  g_signal_connect (incident, "notify", G_CALLBACK (count_notify_cb), &count);

  candor_incident_set_title (incident, "API errors");
  candor_incident_set_severity (incident, CANDOR_SEVERITY_MINOR);
  g_assert_cmpuint (count, ==, 0);

  candor_incident_set_severity (incident, CANDOR_SEVERITY_CRITICAL);
  candor_incident_set_state (incident, CANDOR_INCIDENT_STATE_IDENTIFIED);
  candor_incident_set_started_at (incident, started);
  candor_incident_set_services (incident, services);
  candor_incident_set_sla_relevant (incident, TRUE);
  candor_incident_set_language (incident, "ru");
  g_assert_cmpuint (count, ==, 6);

  /* The same instant in another time zone and an equal list are no change. */
  candor_incident_set_started_at (incident, same_instant);
  candor_incident_set_services (incident, same_services);
  candor_incident_set_sla_relevant (incident, 42);
  g_assert_cmpuint (count, ==, 6);

  g_assert_true (g_strv_equal (candor_incident_get_services (incident), services));
  g_assert_true (g_date_time_equal (candor_incident_get_started_at (incident), started));
  g_assert_true (candor_incident_get_sla_relevant (incident));

  candor_incident_set_started_at (incident, NULL);
  candor_incident_set_services (incident, NULL);
  g_assert_cmpuint (count, ==, 8);
  g_assert_null (candor_incident_get_started_at (incident));
  g_assert_null (candor_incident_get_services (incident));
}

static void
test_incident_properties (void)
{
  g_autoptr (GDateTime) resolved = g_date_time_new_utc (2026, 11, 30, 5, 0, 0);
  g_autoptr (CandorIncident) incident = NULL;
  g_autoptr (GDateTime) read_back = NULL;
  CandorSeverity severity;

  incident = g_object_new (CANDOR_TYPE_INCIDENT, "title", "Payments delayed", "severity",
                           CANDOR_SEVERITY_MAJOR, "state", CANDOR_INCIDENT_STATE_RESOLVED,
                           "resolved-at", resolved, NULL);

  g_object_get (incident, "severity", &severity, "resolved-at", &read_back, NULL);
  g_assert_cmpint (severity, ==, CANDOR_SEVERITY_MAJOR);
  g_assert_true (g_date_time_equal (read_back, resolved));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/incident/defaults", test_incident_defaults);
  g_test_add_func ("/core/incident/notifies-only-on-change", test_incident_notifies_only_on_change);
  g_test_add_func ("/core/incident/properties", test_incident_properties);

  return g_test_run ();
}
