/* candor-application.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-application"

#include "config.h"

#include <glib/gi18n.h>

#include "candor-application.h"
#include "candor-preferences-window.h"
#include "candor-window.h"

struct _CandorApplication
{
  AdwApplication parent_instance;

  GSettings     *settings;
  CandorSession *session;
  /* The history opens after the window is shown, never on the way to it. */
  gboolean history_requested;
};

G_DEFINE_FINAL_TYPE (CandorApplication, candor_application, ADW_TYPE_APPLICATION)

static void
candor_application_about_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  static const char *developers[] = { "The Candor authors", NULL };
  CandorApplication *self = user_data;
  GtkWindow         *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget         *about;

  about =
    g_object_new (ADW_TYPE_ABOUT_WINDOW, "transient-for", window, "modal", TRUE, "application-icon",
                  APPLICATION_ID, "application-name",
                  _("Candor"), "developer-name",
                     _("The Candor authors"), "version", PACKAGE_VERSION, "comments",
                        _("Tell customers about an outage: early, plainly and everywhere at once"),
                           "website", "https://github.com/candor/candor", "issue-url",
                           "https://github.com/candor/candor/issues", "developers", developers,
                           /* Translators: replace with your names, one per line */
                           "translator-credits",
                           _("translator-credits"), "copyright", "© 2026 The Candor authors",
                              "license-type", GTK_LICENSE_GPL_3_0, NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
candor_application_preferences_action (GSimpleAction *action,
                                       GVariant      *parameter,
                                       gpointer       user_data)
{
  CandorApplication       *self = user_data;
  GtkWindow               *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  CandorPreferencesWindow *preferences;

  preferences = candor_preferences_window_new (self->settings, self->session);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), window);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
candor_application_quit_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  CandorApplication *self = user_data;
  GList             *windows;

  /* Closing each window lets it save its state (and, later, ask about unsent
   * drafts) instead of tearing everything down at once. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (const GList *iter = windows; iter != NULL; iter = iter->next)
    gtk_window_close (iter->data);
  g_list_free (windows);
}

static const GActionEntry app_actions[] = {
  { "about", candor_application_about_action },
  { "preferences", candor_application_preferences_action },
  { "quit", candor_application_quit_action },
};

static void
on_first_frame_painted_cb (GdkFrameClock *clock, CandorApplication *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_frame_painted_cb, self);
  if (candor_session_get_store (self->session) == NULL &&
      candor_session_get_open_error (self->session) == NULL)
    candor_session_open (self->session);
  g_object_unref (self);
}

static void
on_window_map_cb (GtkWidget *window, CandorApplication *self)
{
  g_signal_handlers_disconnect_by_func (window, on_window_map_cb, self);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_first_frame_painted_cb), g_object_ref (self));
}

static void
candor_application_activate (GApplication *application)
{
  CandorApplication *self = CANDOR_APPLICATION (application);
  GtkWindow         *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window == NULL)
    window = GTK_WINDOW (candor_window_new (self));

  /* The history is opened (and perhaps migrated) in a thread once the
   * window's first frame is on screen: a long history must never delay it,
   * not even by competing for the CPU while the first frame is drawn. */
  if (!self->history_requested)
    {
      self->history_requested = TRUE;
      g_signal_connect_object (window, "map", G_CALLBACK (on_window_map_cb), self, 0);
    }

  gtk_window_present (window);
}

static void
candor_application_startup (GApplication *application)
{
  CandorApplication *self = CANDOR_APPLICATION (application);

  G_APPLICATION_CLASS (candor_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);

  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit",
                                         (const char *[]){ "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         (const char *[]){ "<Control>comma", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close",
                                         (const char *[]){ "<Control>w", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.start-incident",
                                         (const char *[]){ "<Control>n", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.search",
                                         (const char *[]){ "<Control>f", NULL });
}

static void
candor_application_dispose (GObject *object)
{
  CandorApplication *self = CANDOR_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (candor_application_parent_class)->dispose (object);
}

static void
candor_application_class_init (CandorApplicationClass *klass)
{
  GObjectClass      *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = candor_application_dispose;

  app_class->activate = candor_application_activate;
  app_class->startup = candor_application_startup;
}

static void
candor_application_init (CandorApplication *self)
{
  self->settings = g_settings_new (APPLICATION_ID);
  self->session = candor_session_new (G_APPLICATION (self), NULL);
}

CandorApplication *
candor_application_new (void)
{
  return g_object_new (CANDOR_TYPE_APPLICATION, "application-id", APPLICATION_ID, "flags",
                       G_APPLICATION_DEFAULT_FLAGS, "resource-base-path",
                       "/io/github/candor/Candor", NULL);
}

GSettings *
candor_application_get_settings (CandorApplication *self)
{
  g_return_val_if_fail (CANDOR_IS_APPLICATION (self), NULL);

  return self->settings;
}

/* The running app's state: the history, the incident list, reminders, contacts. */
CandorSession *
candor_application_get_session (CandorApplication *self)
{
  g_return_val_if_fail (CANDOR_IS_APPLICATION (self), NULL);

  return self->session;
}
