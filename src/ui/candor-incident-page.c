/* candor-incident-page.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-incident-page"

#include "config.h"

#include <glib/gi18n.h>

#include "candor-incident-page.h"
#include "candor-incident-summary.h"

struct _CandorIncidentPage
{
  AdwBin parent_instance;

  CandorIncident *incident;
  gulong          notify_handler;

  GtkImage *severity_badge;
  GtkLabel *title_label;
  GtkLabel *summary_label;
  GtkLabel *services_label;
};

G_DEFINE_FINAL_TYPE (CandorIncidentPage, candor_incident_page, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_INCIDENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
candor_incident_page_refresh (CandorIncidentPage *self)
{
  const char *const *services;
  g_autofree char   *summary = NULL;

  if (self->incident == NULL)
    return;

  summary = candor_incident_summary_format (self->incident);
  gtk_label_set_label (self->title_label, candor_incident_get_title (self->incident));
  gtk_label_set_label (self->summary_label, summary);
  candor_incident_summary_style_badge (GTK_WIDGET (self->severity_badge), self->incident);

  services = candor_incident_get_services (self->incident);
  if (services != NULL && services[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", (char **)services);
      /* Translators: followed by a list of services, for example "Affects: Billing, API" */
      g_autofree char *text = g_strdup_printf (_("Affects: %s"), joined);

      gtk_label_set_label (self->services_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->services_label),
                          services != NULL && services[0] != NULL);
}

static void
on_incident_notify_cb (CandorIncidentPage *self, GParamSpec *pspec, CandorIncident *incident)
{
  candor_incident_page_refresh (self);
}

static void
candor_incident_page_dispose (GObject *object)
{
  CandorIncidentPage *self = CANDOR_INCIDENT_PAGE (object);

  candor_incident_page_set_incident (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CANDOR_TYPE_INCIDENT_PAGE);

  G_OBJECT_CLASS (candor_incident_page_parent_class)->dispose (object);
}

static void
candor_incident_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CandorIncidentPage *self = CANDOR_INCIDENT_PAGE (object);

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
candor_incident_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CandorIncidentPage *self = CANDOR_INCIDENT_PAGE (object);

  switch (prop_id)
    {
      case PROP_INCIDENT:
        candor_incident_page_set_incident (self, g_value_get_object (value));
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_incident_page_class_init (CandorIncidentPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = candor_incident_page_dispose;
  object_class->get_property = candor_incident_page_get_property;
  object_class->set_property = candor_incident_page_set_property;

  properties[PROP_INCIDENT] =
    g_param_spec_object ("incident", NULL, NULL, CANDOR_TYPE_INCIDENT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/candor/Candor/candor-incident-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CandorIncidentPage, severity_badge);
  gtk_widget_class_bind_template_child (widget_class, CandorIncidentPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, CandorIncidentPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CandorIncidentPage, services_label);
}

static void
candor_incident_page_init (CandorIncidentPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CandorIncident *
candor_incident_page_get_incident (CandorIncidentPage *self)
{
  g_return_val_if_fail (CANDOR_IS_INCIDENT_PAGE (self), NULL);

  return self->incident;
}

void
candor_incident_page_set_incident (CandorIncidentPage *self, CandorIncident *incident)
{
  g_return_if_fail (CANDOR_IS_INCIDENT_PAGE (self));
  g_return_if_fail (!incident || CANDOR_IS_INCIDENT (incident));

  if (self->incident == incident)
    return;

  if (self->incident != NULL)
    g_clear_signal_handler (&self->notify_handler, self->incident);

  g_set_object (&self->incident, incident);

  if (incident != NULL)
    self->notify_handler = g_signal_connect_object (
      incident, "notify", G_CALLBACK (on_incident_notify_cb), self, G_CONNECT_SWAPPED);

  candor_incident_page_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCIDENT]);
}
