/* candor-store-test-seed.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "candor-store-test-seed.h"

GDateTime *
seed_time (int hour, int minute)
{
  return g_date_time_new_utc (2026, 11, 30, hour, minute, 0);
}

CandorIncident *
seed_incident (CandorStore        *store,
               const char         *title,
               CandorSeverity      severity,
               CandorIncidentState state,
               GDateTime          *started_at,
               GDateTime          *detected_at)
{
  g_autoptr (CandorIncident) incident = candor_incident_new (title);
  g_autoptr (GError) error = NULL;
  const char *services[] = { "Payments API", "Checkout", NULL };

  candor_incident_set_services (incident, services);
  candor_incident_set_severity (incident, severity);
  candor_incident_set_state (incident, state);
  candor_incident_set_started_at (incident, started_at);
  candor_incident_set_detected_at (incident, detected_at);
  candor_incident_set_language (incident, "en");
  candor_store_save_incident (store, incident, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&incident);
}

CandorUpdate *
seed_update (CandorStore     *store,
             CandorIncident  *incident,
             CandorUpdateKind kind,
             GDateTime       *sent_at,
             GDateTime       *next_update_at,
             const char      *summary)
{
  g_autoptr (CandorUpdate) update = candor_update_new (kind);
  g_autoptr (GPtrArray) renditions =
    g_ptr_array_new_with_free_func ((GDestroyNotify)candor_sent_rendition_free);
  g_autoptr (GError) error = NULL;
  g_autofree char *subject = g_strdup_printf ("[%s] %s", candor_update_kind_get_label (kind),
                                              candor_incident_get_title (incident));
  g_autofree char *email =
    g_strdup_printf ("%s\n\nFrom our side: the team keeps working.\n", summary);
  g_autofree char *mime_text = g_strdup_printf ("From: Status Desk <status@example.com>\r\n"
                                                "To: customers@example.com\r\n"
                                                "Subject: %s\r\n"
                                                "Content-Type: text/plain; charset=utf-8\r\n"
                                                "\r\n"
                                                "%s\r\n"
                                                "From here on, updates every hour.\r\n",
                                                subject, summary);
  g_autoptr (GBytes) mime = g_bytes_new (mime_text, strlen (mime_text));
  g_autofree char *slack = g_strdup_printf ("*%s*\n%s", subject, summary);

  candor_update_set_field (update, CANDOR_FIELD_EXECUTIVE_SUMMARY, summary);
  candor_update_set_field (update, CANDOR_FIELD_IMPACT_NOW,
                           "Card payments fail for some customers.");
  candor_update_set_contact_name (update, "Dana Reyes");
  candor_update_set_next_update_at (update, next_update_at);

  g_ptr_array_add (renditions, candor_sent_rendition_new ("customers", CANDOR_DIALECT_EMAIL, "en",
                                                          subject, email, mime));
  g_ptr_array_add (renditions, candor_sent_rendition_new ("technical", CANDOR_DIALECT_SLACK, "en",
                                                          NULL, slack, NULL));

  candor_store_record_update (store, candor_incident_get_id (incident), update, sent_at, renditions,
                              &error);
  g_assert_no_error (error);

  return g_steal_pointer (&update);
}
