/* test-incident-facts.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "candor-incident-facts.h"

/* 30 Nov 2026, @hour:@minute UTC. */
static GDateTime *
at (int hour, int minute)
{
  return g_date_time_new_utc (2026, 11, 30, hour, minute, 0);
}

static CandorIncident *
incident_new (CandorIncidentState state, GDateTime *started_at, GDateTime *detected_at)
{
  CandorIncident *incident = candor_incident_new ("Checkout down");

  candor_incident_set_state (incident, state);
  candor_incident_set_started_at (incident, started_at);
  candor_incident_set_detected_at (incident, detected_at);

  return incident;
}

/* A sent update as the history gives it back: no renditions needed here. */
static void
add_sent (GPtrArray *sent_updates, CandorUpdateKind kind, GDateTime *sent_at, GDateTime *next_at)
{
  CandorSentUpdate *sent = g_new0 (CandorSentUpdate, 1);

  sent->update = candor_update_new (kind);
  candor_update_set_next_update_at (sent->update, next_at);
  sent->sent_at = g_date_time_ref (sent_at);
  sent->renditions = g_ptr_array_new_with_free_func ((GDestroyNotify)candor_sent_rendition_free);
  sent->publications = g_ptr_array_new_with_free_func ((GDestroyNotify)candor_publication_free);
  g_ptr_array_add (sent_updates, sent);
}

static void
test_mark_late_updates (void)
{
  g_autoptr (GDateTime) started = at (9, 0);
  g_autoptr (GDateTime) detected = at (9, 10);
  g_autoptr (GDateTime) t1 = at (9, 25);
  g_autoptr (GDateTime) p1 = at (10, 0);
  g_autoptr (GDateTime) t2 = at (10, 0);
  g_autoptr (GDateTime) p2 = at (11, 0);
  g_autoptr (GDateTime) t3 = at (11, 40);
  g_autoptr (GDateTime) now = at (12, 0);
  g_autoptr (CandorIncident) incident =
    incident_new (CANDOR_INCIDENT_STATE_RESOLVED, started, detected);
  g_autoptr (GPtrArray) updates =
    g_ptr_array_new_with_free_func ((GDestroyNotify)candor_sent_update_free);
  g_autoptr (CandorIncidentFacts) facts = NULL;
  CandorUpdateFacts *f;

  add_sent (updates, CANDOR_UPDATE_KIND_INITIAL, t1, p1);
  add_sent (updates, CANDOR_UPDATE_KIND_PROGRESS, t2, p2);
  add_sent (updates, CANDOR_UPDATE_KIND_RESOLUTION, t3, NULL);
  facts = candor_incident_facts_compute (incident, updates, now);

  g_assert_true (g_date_time_equal (facts->first_notice_at, t1));
  g_assert_cmpint (facts->time_to_first_notice, ==, 15 * G_TIME_SPAN_MINUTE);
  /* No resolved-at on the incident: the resolution update tells when. */
  g_assert_true (g_date_time_equal (facts->resolved_at, t3));
  g_assert_cmpint (facts->duration, ==, 160 * G_TIME_SPAN_MINUTE);
  g_assert_cmpuint (facts->updates->len, ==, 3);
  g_assert_cmpuint (facts->n_late, ==, 1);

  f = &g_array_index (facts->updates, CandorUpdateFacts, 0);
  g_assert_false (f->late); /* promised 10:00, sent 10:00 */
  g_assert_true (g_date_time_equal (f->next_sent_at, t2));
  f = &g_array_index (facts->updates, CandorUpdateFacts, 1);
  g_assert_true (f->late);
  g_assert_cmpint (f->late_by, ==, 40 * G_TIME_SPAN_MINUTE);
  f = &g_array_index (facts->updates, CandorUpdateFacts, 2);
  g_assert_false (f->late);
  g_assert_null (f->next_sent_at);
}

static void
test_open_incident_overdue (void)
{
  g_autoptr (GDateTime) started = at (9, 0);
  g_autoptr (GDateTime) t1 = at (9, 5);
  g_autoptr (GDateTime) p1 = at (10, 0);
  g_autoptr (GDateTime) now = at (10, 30);
  g_autoptr (CandorIncident) incident =
    incident_new (CANDOR_INCIDENT_STATE_INVESTIGATING, started, NULL);
  g_autoptr (GPtrArray) updates =
    g_ptr_array_new_with_free_func ((GDestroyNotify)candor_sent_update_free);
  g_autoptr (CandorIncidentFacts) facts = NULL;

  add_sent (updates, CANDOR_UPDATE_KIND_INITIAL, t1, p1);
  facts = candor_incident_facts_compute (incident, updates, now);

  /* Undetected: measured from the start. Still open, promise passed: late already. */
  g_assert_cmpint (facts->time_to_first_notice, ==, 5 * G_TIME_SPAN_MINUTE);
  g_assert_cmpint (facts->duration, ==, -1);
  g_assert_cmpuint (facts->n_late, ==, 1);
  g_assert_cmpint (g_array_index (facts->updates, CandorUpdateFacts, 0).late_by, ==,
                   30 * G_TIME_SPAN_MINUTE);
}

static void
test_publication_state_names (void)
{
  for (CandorPublicationState state = CANDOR_PUBLICATION_STATE_WAITING;
       state <= CANDOR_PUBLICATION_STATE_VERIFY; state++)
    g_assert_cmpint (
      candor_publication_state_from_string (candor_publication_state_to_string (state)), ==, state);

  g_assert_cmpstr (candor_publication_state_to_string (CANDOR_PUBLICATION_STATE_SENT), ==, "sent");
  /* A state this version cannot read is checked before anything is sent again. */
  g_assert_cmpint (candor_publication_state_from_string ("bounced"), ==,
                   CANDOR_PUBLICATION_STATE_VERIFY);
  g_assert_cmpint (candor_publication_state_from_string (NULL), ==,
                   CANDOR_PUBLICATION_STATE_VERIFY);
}

static void
test_sent_rendition_defaults (void)
{
  g_autoptr (CandorSentRendition) rendition =
    candor_sent_rendition_new ("customers", CANDOR_DIALECT_PLAIN, NULL, NULL, "Body", NULL);

  g_assert_cmpint (rendition->id, ==, 0);
  g_assert_cmpstr (rendition->audience, ==, "customers");
  g_assert_cmpstr (rendition->language, ==, "en");
  g_assert_null (rendition->subject);
  g_assert_cmpstr (rendition->body, ==, "Body");
  g_assert_null (rendition->mime);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/incident-facts/mark-late-updates", test_mark_late_updates);
  g_test_add_func ("/core/incident-facts/open-incident-overdue", test_open_incident_overdue);
  g_test_add_func ("/core/sent-records/publication-state-names", test_publication_state_names);
  g_test_add_func ("/core/sent-records/sent-rendition-defaults", test_sent_rendition_defaults);

  return g_test_run ();
}
