/* candor-incident-row.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-incident-row"

#include "config.h"

#include <glib/gi18n.h>

#include "candor-incident-row.h"
#include "candor-incident-summary.h"

struct _CandorIncidentRow
{
  GtkWidget parent_instance;

  CandorIncident *incident;
  gulong          notify_handler;

  GtkLabel  *title_label;
  GtkLabel  *summary_label;
  GtkWidget *severity_badge;
};

G_DEFINE_FINAL_TYPE (CandorIncidentRow, candor_incident_row, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_INCIDENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
candor_incident_row_refresh (CandorIncidentRow *self)
{
  g_autofree char *summary = NULL;

  if (self->incident == NULL)
    return;

  summary = candor_incident_summary_format (self->incident);
  gtk_label_set_label (self->title_label, candor_incident_get_title (self->incident));
  gtk_label_set_label (self->summary_label, summary);
  candor_incident_summary_style_badge (self->severity_badge, self->incident);
}

static void
on_incident_notify_cb (CandorIncidentRow *self, GParamSpec *pspec, CandorIncident *incident)
{
  candor_incident_row_refresh (self);
}

static void
candor_incident_row_dispose (GObject *object)
{
  CandorIncidentRow *self = CANDOR_INCIDENT_ROW (object);

  GtkWidget *child;

  candor_incident_row_set_incident (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CANDOR_TYPE_INCIDENT_ROW);

  /* A plain GtkWidget parent owns its children: let go of them, bound or not. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (candor_incident_row_parent_class)->dispose (object);
}

static void
candor_incident_row_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CandorIncidentRow *self = CANDOR_INCIDENT_ROW (object);

  switch (prop_id)
    {
      case PROP_INCIDENT:
        g_value_set_object (value, self->incident);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_incident_row_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CandorIncidentRow *self = CANDOR_INCIDENT_ROW (object);

  switch (prop_id)
    {
      case PROP_INCIDENT:
        candor_incident_row_set_incident (self, g_value_get_object (value));
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_incident_row_class_init (CandorIncidentRowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = candor_incident_row_dispose;
  object_class->get_property = candor_incident_row_get_property;
  object_class->set_property = candor_incident_row_set_property;

  properties[PROP_INCIDENT] =
    g_param_spec_object ("incident", NULL, NULL, CANDOR_TYPE_INCIDENT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/candor/Candor/candor-incident-row-content.ui");
  gtk_widget_class_bind_template_child (widget_class, CandorIncidentRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, CandorIncidentRow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CandorIncidentRow, severity_badge);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
candor_incident_row_init (CandorIncidentRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CandorIncident *
candor_incident_row_get_incident (CandorIncidentRow *self)
{
  g_return_val_if_fail (CANDOR_IS_INCIDENT_ROW (self), NULL);

  return self->incident;
}

void
candor_incident_row_set_incident (CandorIncidentRow *self, CandorIncident *incident)
{
  g_return_if_fail (CANDOR_IS_INCIDENT_ROW (self));
  g_return_if_fail (!incident || CANDOR_IS_INCIDENT (incident));

  if (self->incident == incident)
    return;

  if (self->incident != NULL)
    g_clear_signal_handler (&self->notify_handler, self->incident);

  g_set_object (&self->incident, incident);

  if (incident != NULL)
    self->notify_handler = g_signal_connect_object (
      incident, "notify", G_CALLBACK (on_incident_notify_cb), self, G_CONNECT_SWAPPED);

  candor_incident_row_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCIDENT]);
}
