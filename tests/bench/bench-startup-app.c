/* bench-startup-app.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One start of either Candor (--candor, the same application object main.c
 * runs) or a bare AdwApplication window (--bare). Prints CLOCK_MONOTONIC in
 * microseconds when the main window's first frame has been painted, then quits.
 * bench-startup spawns it and subtracts its own clock reading taken before the spawn. */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "candor-application.h"

static void
on_after_paint_cb (GdkFrameClock *clock, GtkWindow *window)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (window));

  g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, window);
  g_print ("%" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_application_quit (app);
}

static void
on_window_map_cb (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint_cb), window);
}

static void
on_window_added_cb (GtkApplication *app, GtkWindow *window)
{
  g_signal_connect (window, "map", G_CALLBACK (on_window_map_cb), NULL);
}

/* What the smallest libadwaita application shows: a header bar and a status page. */
static void
on_bare_activate_cb (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *status = adw_status_page_new ();

  adw_status_page_set_title (ADW_STATUS_PAGE (status), "Bare");
  gtk_widget_set_vexpand (status, TRUE);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), status);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  g_autoptr (GtkApplication) app = NULL;

  if (argc != 2 || (!g_str_equal (argv[1], "--candor") && !g_str_equal (argv[1], "--bare")))
    {
      g_printerr ("Usage: %s --candor|--bare\n", argv[0]);
      return 2;
    }

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  textdomain (GETTEXT_PACKAGE);

  if (g_str_equal (argv[1], "--candor"))
    {
      app = GTK_APPLICATION (candor_application_new ());
    }
  else
    {
      app = GTK_APPLICATION (
        adw_application_new ("io.github.candor.BareBench", G_APPLICATION_DEFAULT_FLAGS));
      g_signal_connect (app, "activate", G_CALLBACK (on_bare_activate_cb), NULL);
    }

  /* Each run is a first start, never a remote activation of an earlier one. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added_cb), NULL);

  return g_application_run (G_APPLICATION (app), 1, argv);
}
