/* candor-incident-facts.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-incident-facts"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "candor-incident-facts.h"

/* "Next update at 15:00" is kept by an update sent at 15:00:40: a promise
 * is broken only when the next one goes out after the promised minute. */
#define LATENESS_GRACE G_TIME_SPAN_MINUTE

static GDateTime *
ref0 (GDateTime *time)
{
  return time != NULL ? g_date_time_ref (time) : NULL;
}

static void
update_facts_clear (CandorUpdateFacts *facts)
{
  g_clear_pointer (&facts->sent_at, g_date_time_unref);
  g_clear_pointer (&facts->promised_next_at, g_date_time_unref);
  g_clear_pointer (&facts->next_sent_at, g_date_time_unref);
}

CandorIncidentFacts *
candor_incident_facts_compute (CandorIncident *incident, GPtrArray *sent_updates, GDateTime *now)
{
  CandorIncidentFacts *facts;
  GDateTime           *noticed_from;

  g_return_val_if_fail (CANDOR_IS_INCIDENT (incident), NULL);
  g_return_val_if_fail (sent_updates != NULL, NULL);

  facts = g_new0 (CandorIncidentFacts, 1);
  facts->updates = g_array_sized_new (FALSE, TRUE, sizeof (CandorUpdateFacts), sent_updates->len);
  g_array_set_clear_func (facts->updates, (GDestroyNotify)update_facts_clear);

  facts->started_at = ref0 (candor_incident_get_started_at (incident));
  facts->detected_at = ref0 (candor_incident_get_detected_at (incident));
  facts->resolved_at = ref0 (candor_incident_get_resolved_at (incident));
  facts->time_to_first_notice = -1;
  facts->duration = -1;

  for (guint i = 0; i < sent_updates->len; i++)
    {
      CandorSentUpdate *sent = g_ptr_array_index (sent_updates, i);
      CandorSentUpdate *next =
        i + 1 < sent_updates->len ? g_ptr_array_index (sent_updates, i + 1) : NULL;
      CandorUpdateFacts update_facts = { 0 };
      GDateTime        *measured_at;

      update_facts.update_id = candor_update_get_id (sent->update);
      update_facts.kind = candor_update_get_kind (sent->update);
      update_facts.sent_at = ref0 (sent->sent_at);
      update_facts.promised_next_at = ref0 (candor_update_get_next_update_at (sent->update));
      update_facts.promised_when_changed =
        candor_update_get_next_update_when_changed (sent->update);
      update_facts.next_sent_at = next != NULL ? ref0 (next->sent_at) : NULL;

      /* The last promise of an incident still open is measured against now:
       * an update that has not gone out yet is already late. */
      measured_at = update_facts.next_sent_at;
      if (measured_at == NULL && facts->resolved_at == NULL)
        measured_at = now;

      if (update_facts.promised_next_at != NULL && measured_at != NULL)
        {
          GTimeSpan after = g_date_time_difference (measured_at, update_facts.promised_next_at);

          if (after >= LATENESS_GRACE)
            {
              update_facts.late = TRUE;
              update_facts.late_by = after;
              facts->n_late++;
            }
        }

      if (facts->first_notice_at == NULL)
        facts->first_notice_at = ref0 (sent->sent_at);

      if (facts->resolved_at == NULL && update_facts.kind == CANDOR_UPDATE_KIND_RESOLUTION)
        facts->resolved_at = ref0 (sent->sent_at);

      g_array_append_val (facts->updates, update_facts);
    }

  noticed_from = facts->detected_at != NULL ? facts->detected_at : facts->started_at;
  if (facts->first_notice_at != NULL && noticed_from != NULL)
    facts->time_to_first_notice = g_date_time_difference (facts->first_notice_at, noticed_from);

  if (facts->started_at != NULL && facts->resolved_at != NULL)
    facts->duration = g_date_time_difference (facts->resolved_at, facts->started_at);

  return facts;
}

void
candor_incident_facts_free (CandorIncidentFacts *facts)
{
  if (facts == NULL)
    return;

  g_clear_pointer (&facts->started_at, g_date_time_unref);
  g_clear_pointer (&facts->detected_at, g_date_time_unref);
  g_clear_pointer (&facts->first_notice_at, g_date_time_unref);
  g_clear_pointer (&facts->resolved_at, g_date_time_unref);
  g_clear_pointer (&facts->updates, g_array_unref);
  g_free (facts);
}

char *
candor_format_time_span (GTimeSpan span)
{
  gboolean negative = span < 0;
  gint64   minutes;
  gint64   days;
  gint64   hours;
  char    *text;

  if (negative)
    span = -span;

  minutes = span / G_TIME_SPAN_MINUTE;
  days = minutes / (24 * 60);
  hours = (minutes / 60) % 24;
  minutes %= 60;

  if (days > 0)
    /* TRANSLATORS: a duration in days and hours, "2 d 4 h" */
    text = g_strdup_printf (_("%d d %d h"), (int)days, (int)hours);
  else if (hours > 0)
    /* TRANSLATORS: a duration in hours and minutes, "1 h 05 min" */
    text = g_strdup_printf (_("%d h %02d min"), (int)hours, (int)minutes);
  else if (minutes > 0)
    /* TRANSLATORS: a duration in minutes, "3 min" */
    text = g_strdup_printf (_("%d min"), (int)minutes);
  else
    /* TRANSLATORS: a duration in seconds, "40 s" */
    text = g_strdup_printf (_("%d s"), (int)(span / G_TIME_SPAN_SECOND));

  if (negative)
    {
      char *signed_text = g_strconcat ("−", text, NULL);

      g_free (text);
      text = signed_text;
    }

  return text;
}
