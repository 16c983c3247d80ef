/* candor-test-ui.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "candor-application.h"
#include "candor-test-ui.h"

/* A wait ends as soon as its condition holds: the limit only bounds a
 * failing test, and the sanitizer run is several times slower than a user's
 * machine (publishing to every default channel takes over 10 s there). */
#define WAIT_TIMEOUT_SECONDS 30

void
candor_test_ui_wait_until (gboolean (*condition) (gpointer data), gpointer data)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_TIMEOUT_SECONDS * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("A widget did not reach the expected state within %d s", WAIT_TIMEOUT_SECONDS);

      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

void
candor_test_ui_wait_for_mapped (GtkWidget *widget)
{
  candor_test_ui_wait_until (is_mapped, widget);
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *)data == NULL;
}

/* Closes @window the way a user would and waits until it is freed: a window
 * that outlives its close leaks everything it holds. */
void
candor_test_ui_close_and_wait_for_finalize (GtkWidget *window)
{
  gpointer weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  g_assert_true (gtk_widget_activate_action (window, "window.close", NULL));
  candor_test_ui_wait_until (is_null, &weak);
}

GtkWidget *
candor_test_ui_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint       n_items = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr (GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (window))
        return window;
    }

  return NULL;
}

/* The first mapped widget of @type under @root whose string @property equals @value. */
GtkWidget *
candor_test_ui_find_mapped (GtkWidget *root, GType type, const char *property, const char *value)
{
  if (!gtk_widget_get_mapped (root))
    return NULL;

  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    {
      g_autofree char *actual = NULL;

      if (property == NULL)
        return root;

      g_object_get (root, property, &actual, NULL);
      if (g_strcmp0 (actual, value) == 0)
        return root;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = candor_test_ui_find_mapped (child, type, property, value);

      if (found != NULL)
        return found;
    }

  return NULL;
}

typedef struct
{
  GtkWidget  *root;
  GType       type;
  const char *property;
  const char *value;
  GtkWidget  *found;
} WidgetQuery;

static gboolean
widget_query_matches (gpointer data)
{
  WidgetQuery *query = data;

  query->found =
    candor_test_ui_find_mapped (query->root, query->type, query->property, query->value);
  return query->found != NULL;
}

/* Like candor_test_ui_find_mapped(), but waits for the widget to appear: a
 * window is mapped before its first allocation settles (an AdwLeaflet, say,
 * starts folded), so what a user sees is only there after a few frames. */
GtkWidget *
candor_test_ui_wait_for_widget (GtkWidget  *root,
                                GType       type,
                                const char *property,
                                const char *value)
{
  WidgetQuery query = { root, type, property, value, NULL };

  candor_test_ui_wait_until (widget_query_matches, &query);
  return query.found;
}

/* The application as a test runs it: beside any other instance, registered,
 * its history not yet opened. */
CandorApplication *
candor_test_ui_new_app (void)
{
  g_autoptr (GError) error = NULL;
  CandorApplication *app = candor_application_new ();

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  return app;
}

static gboolean
history_has_settled (gpointer data)
{
  CandorSession *session = candor_application_get_session (data);

  return candor_session_get_store (session) != NULL ||
         candor_session_get_open_error (session) != NULL;
}

/* Opens @app's history, as every start does, and waits until it is open or
 * has failed to; returns why it failed, or %NULL. */
const GError *
candor_test_ui_open_history (CandorApplication *app)
{
  candor_session_open (candor_application_get_session (app));
  candor_test_ui_wait_until (history_has_settled, app);

  return candor_session_get_open_error (candor_application_get_session (app));
}

/* Whether a mapped label under @root shows @needle. The text as drawn:
 * chat previews are markup, which a needle must not match. */
gboolean
candor_test_ui_label_contains (GtkWidget *root, const char *needle)
{
  if (!gtk_widget_get_mapped (root))
    return FALSE;
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), needle) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (candor_test_ui_label_contains (child, needle))
        return TRUE;
    }

  return FALSE;
}
