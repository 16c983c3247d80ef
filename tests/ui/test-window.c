/* test-window.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "candor-application.h"
#include "candor-incident.h"
#include "candor-preferences-window.h"
#include "candor-test-ui.h"
#include "candor-window.h"
#include "candor-wizard.h"

static CandorApplication *app;

/* What a click on a response button does: respond, then close. */
static void
respond (GtkWidget *dialog, const char *response)
{
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static CandorWindow *
open_window (void)
{
  CandorWindow *window = candor_window_new (app);

  gtk_window_present (GTK_WINDOW (window));
  candor_test_ui_wait_for_mapped (GTK_WIDGET (window));

  return window;
}

static void
close_window (CandorWindow *window)
{
  candor_test_ui_close_and_wait_for_finalize (GTK_WIDGET (window));
}

static gboolean
has_no_toplevel_of_type (gpointer data)
{
  return candor_test_ui_find_toplevel (GPOINTER_TO_SIZE (data)) == NULL;
}

static GtkWidget *
wait_for_toplevel (GType type)
{
  GtkWidget *toplevel;
  gint64     deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while ((toplevel = candor_test_ui_find_toplevel (type)) == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
    }

  candor_test_ui_wait_for_mapped (toplevel);
  return toplevel;
}

static void
close_toplevel (GType type)
{
  GtkWidget *toplevel = candor_test_ui_find_toplevel (type);

  g_assert_nonnull (toplevel);
  gtk_window_close (GTK_WINDOW (toplevel));
  candor_test_ui_wait_until (has_no_toplevel_of_type, GSIZE_TO_POINTER (type));
}

static void
test_window_shows_empty_state (void)
{
  CandorWindow *window = open_window ();
  GtkWidget    *empty;
  GtkWidget    *button;

  empty = candor_test_ui_wait_for_widget (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE, "title",
                                          "No Incidents Yet");

  /* The empty state offers the way out, and it works. */
  button = candor_test_ui_find_mapped (empty, GTK_TYPE_BUTTON, "label", "_Start an Incident");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==,
                   "win.start-incident");

  close_window (window);
}

static void
test_window_starts_incident (void)
{
  CandorWindow *window = open_window ();
  GtkWidget    *wizard;
  GtkWidget    *title_row;
  GtkWidget    *services_row;
  GtkWidget    *next_button;
  GtkWidget    *dialog;
  g_autoptr (CandorIncident) incident = NULL;
  const char *expected_services[] = { "Login", "API", NULL };

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.start-incident", NULL));
  wizard = wait_for_toplevel (CANDOR_TYPE_WIZARD);

  /* Next stays off until there is a title worth the name. */
  title_row = candor_test_ui_wait_for_widget (wizard, ADW_TYPE_ENTRY_ROW, "title", "_Title");
  services_row = candor_test_ui_find_mapped (wizard, ADW_TYPE_ENTRY_ROW, "title",
                                             "_Affected Services (comma-separated)");
  g_assert_nonnull (title_row);
  g_assert_nonnull (services_row);
  next_button = candor_test_ui_find_mapped (wizard, GTK_TYPE_BUTTON, "label", "_Next");
  g_assert_nonnull (next_button);
  g_assert_false (gtk_widget_is_sensitive (next_button));
  gtk_editable_set_text (GTK_EDITABLE (title_row), "   ");
  g_assert_false (gtk_widget_is_sensitive (next_button));
  g_assert_false (gtk_widget_activate_action (wizard, "wizard.next", NULL) &&
                  candor_wizard_get_step (CANDOR_WIZARD (wizard)) != 0);
  g_assert_cmpuint (g_list_model_get_n_items (candor_window_get_incidents (window)), ==, 0);

  /* Leaving the first step starts the incident in the window's list. */
  gtk_editable_set_text (GTK_EDITABLE (title_row), " Customers cannot log in ");
  gtk_editable_set_text (GTK_EDITABLE (services_row), "Login, , API");
  g_assert_true (gtk_widget_is_sensitive (next_button));
  g_signal_emit_by_name (next_button, "clicked");
  g_assert_cmpuint (candor_wizard_get_step (CANDOR_WIZARD (wizard)), ==, 1);

  g_assert_cmpuint (g_list_model_get_n_items (candor_window_get_incidents (window)), ==, 1);
  incident = g_list_model_get_item (candor_window_get_incidents (window), 0);
  g_assert_cmpstr (candor_incident_get_title (incident), ==, "Customers cannot log in");
  g_assert_true (g_strv_equal (candor_incident_get_services (incident), expected_services));
  g_assert_nonnull (candor_incident_get_started_at (incident));

  /* Closing the wizard with unsent changes asks; discarding deletes the draft. */
  gtk_window_close (GTK_WINDOW (wizard));
  dialog = wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  respond (dialog, "discard");
  candor_test_ui_wait_until (has_no_toplevel_of_type, GSIZE_TO_POINTER (CANDOR_TYPE_WIZARD));

  /* The new incident is selected and shown; the empty state is gone. */
  candor_test_ui_wait_for_widget (GTK_WIDGET (window), GTK_TYPE_LABEL, "label",
                                  "Affects: Login, API");
  g_assert_null (candor_test_ui_find_mapped (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE, "title",
                                             "No Incidents Yet"));

  /* From the incident, "New Update" opens the wizard for a progress update. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-update", NULL));
  wizard = wait_for_toplevel (CANDOR_TYPE_WIZARD);
  g_assert_true (candor_draft_get_incident (candor_wizard_get_draft (CANDOR_WIZARD (wizard))) ==
                 incident);
  g_assert_cmpint (candor_update_get_kind (
                     candor_draft_get_update (candor_wizard_get_draft (CANDOR_WIZARD (wizard)))),
                   ==, CANDOR_UPDATE_KIND_PROGRESS);
  close_toplevel (CANDOR_TYPE_WIZARD);

  close_window (window);
}

static void
test_window_about_opens_and_closes (void)
{
  CandorWindow *window = open_window ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "app.about", NULL));
  wait_for_toplevel (ADW_TYPE_ABOUT_WINDOW);
  close_toplevel (ADW_TYPE_ABOUT_WINDOW);

  close_window (window);
}

static void
test_window_shortcuts_open_and_close (void)
{
  CandorWindow *window = open_window ();
  GtkWidget    *shortcuts;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  shortcuts = wait_for_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (shortcuts)) == GTK_WINDOW (window));
  close_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);

  close_window (window);
}

static void
test_window_preferences_change_settings (void)
{
  CandorWindow    *window = open_window ();
  GSettings       *settings = candor_application_get_settings (app);
  GtkWidget       *preferences;
  GtkWidget       *language_row;
  g_autofree char *language = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "app.preferences", NULL));
  preferences = wait_for_toplevel (CANDOR_TYPE_PREFERENCES_WINDOW);
  language_row =
    candor_test_ui_wait_for_widget (preferences, ADW_TYPE_COMBO_ROW, "title", "_Language");

  adw_combo_row_set_selected (ADW_COMBO_ROW (language_row), 1);
  language = g_settings_get_string (settings, "message-language");
  g_assert_cmpstr (language, ==, "ru");
  g_settings_reset (settings, "message-language");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (language_row)), ==, 0);

  close_toplevel (CANDOR_TYPE_PREFERENCES_WINDOW);
  close_window (window);
}

static void
test_window_remembers_size (void)
{
  GSettings    *settings = candor_application_get_settings (app);
  CandorWindow *window;
  int           width, height;

  g_settings_set_int (settings, "window-width", 720);
  g_settings_set_int (settings, "window-height", 540);
  window = open_window ();
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 720);
  g_assert_cmpint (height, ==, 540);

  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  close_window (window);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 800);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 600);

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

int
main (int argc, char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);

  app = candor_test_ui_new_app ();

  g_test_add_func ("/ui/window/shows-empty-state", test_window_shows_empty_state);
  g_test_add_func ("/ui/window/starts-incident", test_window_starts_incident);
  g_test_add_func ("/ui/window/about-opens-and-closes", test_window_about_opens_and_closes);
  g_test_add_func ("/ui/window/shortcuts-open-and-close", test_window_shortcuts_open_and_close);
  g_test_add_func ("/ui/window/preferences-change-settings",
                   test_window_preferences_change_settings);
  g_test_add_func ("/ui/window/remembers-size", test_window_remembers_size);

  status = g_test_run ();

  g_clear_object (&app);

  return status;
}
