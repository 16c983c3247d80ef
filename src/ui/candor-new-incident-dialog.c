/* candor-new-incident-dialog.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-new-incident-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "candor-incident.h"
#include "candor-new-incident-dialog.h"

struct _CandorNewIncidentDialog
{
  AdwWindow parent_instance;

  AdwEntryRow *title_row;
  AdwEntryRow *services_row;
  AdwComboRow *severity_row;
  GtkSwitch   *sla_switch;
};

G_DEFINE_FINAL_TYPE (CandorNewIncidentDialog, candor_new_incident_dialog, ADW_TYPE_WINDOW)

enum
{
  STARTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
dup_stripped_title (CandorNewIncidentDialog *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
}

/* "Billing, API ,, Login" -> { "Billing", "API", "Login" } */
static GStrv
split_services (const char *text)
{
  g_auto (GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *service = g_strstrip (parts[i]);

      if (*service != '\0')
        g_strv_builder_add (builder, service);
    }

  return g_strv_builder_end (builder);
}

static void
on_title_row_changed_cb (CandorNewIncidentDialog *self, AdwEntryRow *row)
{
  g_autofree char *title = dup_stripped_title (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.start", *title != '\0');
}

static void
candor_new_incident_dialog_start_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *parameter)
{
  CandorNewIncidentDialog *self = CANDOR_NEW_INCIDENT_DIALOG (widget);
  g_autofree char         *title = dup_stripped_title (self);
  g_auto (GStrv) services = NULL;
  g_autoptr (GDateTime) now = NULL;
  g_autoptr (CandorIncident) incident = NULL;

  if (*title == '\0')
    return;

  services = split_services (gtk_editable_get_text (GTK_EDITABLE (self->services_row)));
  now = g_date_time_new_now_utc ();

  incident = g_object_new (CANDOR_TYPE_INCIDENT, "title", title, "services", services, "severity",
                           (CandorSeverity)adw_combo_row_get_selected (self->severity_row),
                           "sla-relevant", gtk_switch_get_active (self->sla_switch), "started-at",
                           now, "detected-at", now, NULL);

  g_signal_emit (self, signals[STARTED], 0, incident);
  gtk_window_close (GTK_WINDOW (self));
}

static void
candor_new_incident_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CANDOR_TYPE_NEW_INCIDENT_DIALOG);

  G_OBJECT_CLASS (candor_new_incident_dialog_parent_class)->dispose (object);
}

static void
candor_new_incident_dialog_class_init (CandorNewIncidentDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = candor_new_incident_dialog_dispose;

  /**
   * CandorNewIncidentDialog::started:
   * @incident: the new incident
   *
   * Emitted when the user starts the incident, just before the dialog closes.
   */
  signals[STARTED] = g_signal_new ("started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 1, CANDOR_TYPE_INCIDENT);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/candor/Candor/candor-new-incident-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CandorNewIncidentDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, CandorNewIncidentDialog, services_row);
  gtk_widget_class_bind_template_child (widget_class, CandorNewIncidentDialog, severity_row);
  gtk_widget_class_bind_template_child (widget_class, CandorNewIncidentDialog, sla_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_title_row_changed_cb);

  gtk_widget_class_install_action (widget_class, "dialog.start", NULL,
                                   candor_new_incident_dialog_start_action);
}

static void
candor_new_incident_dialog_init (CandorNewIncidentDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.start", FALSE);
}

CandorNewIncidentDialog *
candor_new_incident_dialog_new (GtkWindow *transient_for)
{
  return g_object_new (CANDOR_TYPE_NEW_INCIDENT_DIALOG, "transient-for", transient_for, NULL);
}
