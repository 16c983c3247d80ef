/* candor-window.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-window"

#include "config.h"

#include <glib/gi18n.h>

#include "candor-incident.h"
#include "candor-incident-page.h"
#include "candor-new-incident-dialog.h"
#include "candor-window.h"

struct _CandorWindow
{
  AdwApplicationWindow parent_instance;

  /* Incidents, newest first. */
  GListStore         *incidents;
  GtkSingleSelection *selection;

  AdwLeaflet         *leaflet;
  GtkWidget          *sidebar;
  GtkWidget          *content;
  GtkStack           *sidebar_stack;
  GtkStack           *content_stack;
  GtkListView        *incidents_view;
  AdwWindowTitle     *content_title;
  CandorIncidentPage *incident_page;
};

G_DEFINE_FINAL_TYPE (CandorWindow, candor_window, ADW_TYPE_APPLICATION_WINDOW)

static void
candor_window_update_content (CandorWindow *self)
{
  CandorIncident *incident = gtk_single_selection_get_selected_item (self->selection);
  gboolean        empty = g_list_model_get_n_items (G_LIST_MODEL (self->incidents)) == 0;

  gtk_stack_set_visible_child_name (self->sidebar_stack, empty ? "empty" : "list");

  candor_incident_page_set_incident (self->incident_page, incident);

  if (incident != NULL)
    {
      gtk_stack_set_visible_child_name (self->content_stack, "incident");
      adw_window_title_set_title (self->content_title, candor_incident_get_title (incident));
    }
  else
    {
      gtk_stack_set_visible_child_name (self->content_stack, empty ? "empty" : "unselected");
      adw_window_title_set_title (self->content_title, _("Candor"));
    }
}

static void
on_incidents_items_changed_cb (CandorWindow *self,
                               guint         position,
                               guint         removed,
                               guint         added,
                               GListModel   *model)
{
  candor_window_update_content (self);
}

static void
on_selection_selected_item_changed_cb (CandorWindow       *self,
                                       GParamSpec         *pspec,
                                       GtkSingleSelection *selection)
{
  candor_window_update_content (self);
}

static void
on_incidents_view_activate_cb (CandorWindow *self, guint position, GtkListView *view)
{
  gtk_single_selection_set_selected (self->selection, position);
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static void
on_new_incident_dialog_started_cb (CandorWindow            *self,
                                   CandorIncident          *incident,
                                   CandorNewIncidentDialog *dialog)
{
  g_list_store_insert (self->incidents, 0, incident);
  gtk_single_selection_set_selected (self->selection, 0);
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static void
candor_window_start_incident_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  CandorWindow            *self = CANDOR_WINDOW (widget);
  CandorNewIncidentDialog *dialog;

  dialog = candor_new_incident_dialog_new (GTK_WINDOW (self));
  g_signal_connect_object (dialog, "started", G_CALLBACK (on_new_incident_dialog_started_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
candor_window_show_incidents_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  CandorWindow *self = CANDOR_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
}

static void
candor_window_dispose (GObject *object)
{
  CandorWindow *self = CANDOR_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CANDOR_TYPE_WINDOW);

  g_clear_object (&self->selection);
  g_clear_object (&self->incidents);

  G_OBJECT_CLASS (candor_window_parent_class)->dispose (object);
}

static void
candor_window_class_init (CandorWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = candor_window_dispose;

  g_type_ensure (CANDOR_TYPE_INCIDENT_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/candor/Candor/candor-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CandorWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CandorWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, CandorWindow, content);
  gtk_widget_class_bind_template_child (widget_class, CandorWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, CandorWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, CandorWindow, incidents_view);
  gtk_widget_class_bind_template_child (widget_class, CandorWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, CandorWindow, incident_page);
  gtk_widget_class_bind_template_callback (widget_class, on_incidents_view_activate_cb);

  gtk_widget_class_install_action (widget_class, "win.start-incident", NULL,
                                   candor_window_start_incident_action);
  gtk_widget_class_install_action (widget_class, "win.show-incidents", NULL,
                                   candor_window_show_incidents_action);
}

static void
candor_window_init (CandorWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->incidents = g_list_store_new (CANDOR_TYPE_INCIDENT);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->incidents)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->incidents_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->incidents, "items-changed",
                           G_CALLBACK (on_incidents_items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selection_selected_item_changed_cb), self,
                           G_CONNECT_SWAPPED);

  candor_window_update_content (self);
}

CandorWindow *
candor_window_new (CandorApplication *application)
{
  CandorWindow *self;
  GSettings    *settings;

  g_return_val_if_fail (CANDOR_IS_APPLICATION (application), NULL);

  self = g_object_new (CANDOR_TYPE_WINDOW, "application", application, NULL);

  settings = candor_application_get_settings (application);
  g_settings_bind (settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);

  return self;
}

GListModel *
candor_window_get_incidents (CandorWindow *self)
{
  g_return_val_if_fail (CANDOR_IS_WINDOW (self), NULL);

  return G_LIST_MODEL (self->incidents);
}
