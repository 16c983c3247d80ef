/* candor-incident-summary.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-incident-summary"

#include "config.h"

#include <glib/gi18n.h>

#include "candor-incident-summary.h"

/* The one line under an incident's title wherever it is listed:
 * "Major · Investigating · since 04:31". */
char *
candor_incident_summary_format (CandorIncident *incident)
{
  GDateTime       *started_at;
  g_autofree char *since = NULL;
  const char      *severity;
  const char      *state;

  g_return_val_if_fail (CANDOR_IS_INCIDENT (incident), NULL);

  severity = candor_severity_get_label (candor_incident_get_severity (incident));
  state = candor_incident_state_get_label (candor_incident_get_state (incident));
  started_at = candor_incident_get_started_at (incident);

  if (started_at == NULL)
    /* Translators: severity · state, for example "Major · Investigating" */
    return g_strdup_printf (_("%s · %s"), severity, state);

  {
    g_autoptr (GDateTime) local = g_date_time_to_local (started_at);
    g_autoptr (GDateTime) now = g_date_time_new_now_local ();

    if (g_date_time_get_year (local) == g_date_time_get_year (now) &&
        g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
      /* Translators: a time of day today, see the strftime manual */
      since = g_date_time_format (local, _("%H:%M"));
    else
      /* Translators: a date and time, see the strftime manual */
      since = g_date_time_format (local, _("%-e %b, %H:%M"));
  }

  if (candor_incident_get_state (incident) == CANDOR_INCIDENT_STATE_RESOLVED)
    /* Translators: severity · state · when it started, for example "Minor · Resolved · 3 Jun,
     * 04:31" */
    return g_strdup_printf (_("%s · %s · %s"), severity, state, since);

  /* Translators: severity · state · since a time, for example "Major · Investigating · since 04:31"
   */
  return g_strdup_printf (_("%s · %s · since %s"), severity, state, since);
}

/* Severity is shown by colour and by icon, and told to screen readers in words. */
void
candor_incident_summary_style_badge (GtkWidget *badge, CandorIncident *incident)
{
  static const char *classes[] = { "severity-minor", "severity-major", "severity-critical" };
  static const char *icons[] = { "emblem-important-symbolic", "dialog-warning-symbolic",
                                 "dialog-error-symbolic" };
  CandorSeverity     severity;

  g_return_if_fail (GTK_IS_IMAGE (badge));
  g_return_if_fail (CANDOR_IS_INCIDENT (incident));

  severity = candor_incident_get_severity (incident);

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (badge, classes[i]);
  gtk_widget_add_css_class (badge, classes[severity]);

  gtk_image_set_from_icon_name (GTK_IMAGE (badge), icons[severity]);
  gtk_accessible_update_property (GTK_ACCESSIBLE (badge), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  candor_severity_get_label (severity), -1);
}
