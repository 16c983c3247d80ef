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

  GSettings *settings;

  /* The history opens after the window is shown, never on the way to it. */
  CandorStore  *store;
  GError       *history_error;
  char         *damaged_path;
  GCancellable *history_cancellable;
  gboolean      history_busy;
  gboolean      history_requested;
};

G_DEFINE_FINAL_TYPE (CandorApplication, candor_application, ADW_TYPE_APPLICATION)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_HISTORY_ERROR,
  PROP_DAMAGED_PATH,
  PROP_HISTORY_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
candor_application_set_history (CandorApplication *self,
                                CandorStore       *store,
                                const GError      *error,
                                const char        *damaged_path)
{
  g_object_freeze_notify (G_OBJECT (self));

  if (g_set_object (&self->store, store))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);

  if (self->history_error != NULL || error != NULL)
    {
      g_clear_error (&self->history_error);
      self->history_error = error != NULL ? g_error_copy (error) : NULL;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY_ERROR]);
    }

  if (g_strcmp0 (self->damaged_path, damaged_path) != 0)
    {
      g_free (self->damaged_path);
      self->damaged_path = g_strdup (damaged_path);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAMAGED_PATH]);
    }

  if (self->history_busy)
    {
      self->history_busy = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY_BUSY]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
candor_application_begin_history_work (CandorApplication *self)
{
  if (self->history_busy)
    return FALSE;

  self->history_busy = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY_BUSY]);
  return TRUE;
}

static void
on_history_opened_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (CandorApplication) self = user_data;
  g_autoptr (CandorStore) store = NULL;
  g_autoptr (GError) error = NULL;

  store = candor_store_open_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error != NULL)
    g_message ("Could not open the history: %s", error->message);

  candor_application_set_history (self, store, error, NULL);
}

static void
recover_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  g_autofree char *damaged_path = NULL;
  GError          *error = NULL;
  CandorStore     *store = candor_store_recover (NULL, &damaged_path, &error);

  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_object_set_data_full (G_OBJECT (store), "candor-damaged-path", g_steal_pointer (&damaged_path),
                          g_free);
  g_task_return_pointer (task, store, g_object_unref);
}

static void
on_history_recovered_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CandorApplication *self = CANDOR_APPLICATION (source);
  g_autoptr (CandorStore) store = NULL;
  g_autoptr (GError) error = NULL;

  store = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (store == NULL)
    {
      g_message ("Could not start a fresh history: %s", error->message);
      candor_application_set_history (self, NULL, error, NULL);
      return;
    }

  candor_application_set_history (self, store, NULL,
                                  g_object_get_data (G_OBJECT (store), "candor-damaged-path"));
}

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

  preferences = candor_preferences_window_new (self->settings);
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
  if (self->store == NULL && self->history_error == NULL)
    candor_application_open_history (self);
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

  g_cancellable_cancel (self->history_cancellable);
  g_clear_object (&self->history_cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_error (&self->history_error);
  g_clear_pointer (&self->damaged_path, g_free);

  G_OBJECT_CLASS (candor_application_parent_class)->dispose (object);
}

static void
candor_application_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CandorApplication *self = CANDOR_APPLICATION (object);

  switch (prop_id)
    {
      case PROP_STORE:
        g_value_set_object (value, self->store);
        break;

      case PROP_HISTORY_ERROR:
        g_value_set_boxed (value, self->history_error);
        break;

      case PROP_DAMAGED_PATH:
        g_value_set_string (value, self->damaged_path);
        break;

      case PROP_HISTORY_BUSY:
        g_value_set_boolean (value, self->history_busy);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_application_class_init (CandorApplicationClass *klass)
{
  GObjectClass      *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = candor_application_dispose;
  object_class->get_property = candor_application_get_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, CANDOR_TYPE_STORE,
                                                (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_HISTORY_ERROR] = g_param_spec_boxed ("history-error", NULL, NULL, G_TYPE_ERROR,
                                                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_DAMAGED_PATH] = g_param_spec_string ("damaged-path", NULL, NULL, NULL,
                                                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_HISTORY_BUSY] = g_param_spec_boolean (
    "history-busy", NULL, NULL, FALSE, (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  app_class->activate = candor_application_activate;
  app_class->startup = candor_application_startup;
}

static void
candor_application_init (CandorApplication *self)
{
  self->settings = g_settings_new (APPLICATION_ID);
  self->history_cancellable = g_cancellable_new ();
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

/* The history, once opened; NULL before that or when it failed. */
CandorStore *
candor_application_get_store (CandorApplication *self)
{
  g_return_val_if_fail (CANDOR_IS_APPLICATION (self), NULL);

  return self->store;
}

/* Why the history could not be opened (CANDOR_STORE_ERROR_CORRUPT, _BUSY, ...). */
const GError *
candor_application_get_history_error (CandorApplication *self)
{
  g_return_val_if_fail (CANDOR_IS_APPLICATION (self), NULL);

  return self->history_error;
}

/* Where the damaged history was kept after candor_application_recover_history(). */
const char *
candor_application_get_damaged_path (CandorApplication *self)
{
  g_return_val_if_fail (CANDOR_IS_APPLICATION (self), NULL);

  return self->damaged_path;
}

/**
 * candor_application_open_history:
 *
 * Opens the history in the user data folder in a thread; the result arrives
 * as a notification of #CandorApplication:store or :history-error. Also what
 * "Try Again" does after another program held the history.
 */
void
candor_application_open_history (CandorApplication *self)
{
  g_return_if_fail (CANDOR_IS_APPLICATION (self));

  if (!candor_application_begin_history_work (self))
    return;

  candor_store_open_async (NULL, self->history_cancellable, on_history_opened_cb,
                           g_object_ref (self));
}

/**
 * candor_application_recover_history:
 *
 * Sets the damaged history aside (it is kept, never deleted) and starts a
 * fresh one; #CandorApplication:damaged-path then says where the old one is.
 */
void
candor_application_recover_history (CandorApplication *self)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (CANDOR_IS_APPLICATION (self));

  /* Only a history that failed to open is set aside: an open one is fine. */
  if (self->store != NULL || !candor_application_begin_history_work (self))
    return;

  task = g_task_new (self, self->history_cancellable, on_history_recovered_cb, NULL);
  g_task_set_source_tag (task, candor_application_recover_history);
  g_task_run_in_thread (task, recover_thread);
}
