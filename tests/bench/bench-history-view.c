/* bench-history-view.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The history view with a big history against an empty one, each in a fresh
 * process (so that memory and caches are its own), alternating runs:
 *
 *  - first page: from the history view being opened (the window's first
 *    frame) to the first frame painted after the list's first page arrived
 *    (goal <= 150 ms), and from the window being created, which adds the
 *    window's own start;
 *  - start-up: bench-startup-app --candor to its first frame, with the big
 *    history in XDG_DATA_HOME vs an empty one (goal <= 1.05x);
 *  - memory: VmRSS and VmHWM once the first page is shown (goal: the big
 *    history costs <= 30 MB more).
 *
 * Needs a display (run it through .ci/headless):
 *   bench-history-view HISTORY.db [RUNS]      (default 9 runs of each)
 * HISTORY.db is, e.g., what `generate-history FILE` writes (10,000 incidents,
 * 100,000 updates); it is copied into private data folders first. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdlib.h>

#include "candor-application.h"
#include "candor-incident-list-model.h"
#include "candor-window.h"

/* The child: one start of Candor that reports when the first page is shown. */

static gint64 window_created_at;
static gint64 first_frame_at;
static gint64 store_opened_at;
static gint64 page_loaded_at;

static gint64
read_status_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char      *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, field);
  if (line == NULL)
    return -1;
  return g_ascii_strtoll (line + strlen (field), NULL, 10);
}

static void
on_after_paint_cb (GdkFrameClock *clock, GtkWindow *window)
{
  gint64 painted = g_get_monotonic_time ();

  g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, window);
  /* spawn-relative clock, window-relative times, memory */
  g_print ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
           " %u %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
           painted, painted - window_created_at, read_status_kb ("VmRSS:"),
           read_status_kb ("VmHWM:"),
           g_list_model_get_n_items (candor_window_get_incidents (CANDOR_WINDOW (window))),
           first_frame_at - window_created_at, store_opened_at - window_created_at,
           page_loaded_at - window_created_at);
  g_application_quit (G_APPLICATION (gtk_window_get_application (window)));
}

static void
on_loading_cb (CandorIncidentListModel *model, GParamSpec *pspec, GtkWidget *window)
{
  if (candor_incident_list_model_get_loading (model) ||
      candor_incident_list_model_get_store (model) == NULL)
    return;

  g_signal_handlers_disconnect_by_func (model, on_loading_cb, window);
  page_loaded_at = g_get_monotonic_time ();
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint_cb), window);
  gtk_widget_queue_draw (window);
}

static void
on_first_frame_cb (GdkFrameClock *clock, GtkWidget *window)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_frame_cb, window);
  first_frame_at = g_get_monotonic_time ();
}

static void
on_window_map_cb (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_first_frame_cb), window);
}

static void
on_store_cb (GObject *app, GParamSpec *pspec)
{
  if (store_opened_at == 0)
    store_opened_at = g_get_monotonic_time ();
}

static void
on_window_added_cb (GtkApplication *app, GtkWindow *window)
{
  window_created_at = g_get_monotonic_time ();
  g_signal_connect (window, "map", G_CALLBACK (on_window_map_cb), NULL);
  g_signal_connect (app, "notify::store", G_CALLBACK (on_store_cb), NULL);
  g_signal_connect (candor_window_get_incidents (CANDOR_WINDOW (window)), "notify::loading",
                    G_CALLBACK (on_loading_cb), window);
}

static int
run_child (void)
{
  g_autoptr (CandorApplication) app = candor_application_new ();

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added_cb), NULL);
  return g_application_run (G_APPLICATION (app), 0, NULL);
}

/* The parent. */

typedef struct
{
  double first_page_ms; /* window created -> first page painted */
  double first_frame_ms;
  double store_ms;
  double loaded_ms;
  double spawn_ms; /* process spawned -> first page painted */
  double rss_mb;
  double hwm_mb;
  guint  n_items;
} ChildResult;

static char *
spawn_and_read (const char *data_home, const char *const *argv, gint64 *started)
{
  g_autoptr (GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  char *out = NULL;

  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
  *started = g_get_monotonic_time ();
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error))
    g_error ("Could not run %s: %s", argv[0], error->message);
  if (!g_subprocess_get_successful (process) || out == NULL || *out == '\0')
    g_error ("%s did not report", argv[0]);

  return out;
}

static ChildResult
run_view (const char *self_path, const char *data_home)
{
  const char      *argv[] = { self_path, "--child", NULL };
  gint64           started;
  g_autofree char *out = spawn_and_read (data_home, argv, &started);
  g_auto (GStrv) fields = g_strsplit (g_strstrip (out), " ", -1);
  ChildResult result;

  g_assert (g_strv_length (fields) == 8);
  result.spawn_ms = (g_ascii_strtoll (fields[0], NULL, 10) - started) / 1000.0;
  result.first_page_ms = g_ascii_strtoll (fields[1], NULL, 10) / 1000.0;
  result.rss_mb = g_ascii_strtoll (fields[2], NULL, 10) / 1024.0;
  result.hwm_mb = g_ascii_strtoll (fields[3], NULL, 10) / 1024.0;
  result.n_items = g_ascii_strtoull (fields[4], NULL, 10);
  result.first_frame_ms = g_ascii_strtoll (fields[5], NULL, 10) / 1000.0;
  result.store_ms = g_ascii_strtoll (fields[6], NULL, 10) / 1000.0;
  result.loaded_ms = g_ascii_strtoll (fields[7], NULL, 10) / 1000.0;
  return result;
}

static double
run_startup (const char *startup_app, const char *data_home)
{
  const char      *argv[] = { startup_app, "--candor", NULL };
  gint64           started;
  g_autofree char *out = spawn_and_read (data_home, argv, &started);

  return (g_ascii_strtoll (out, NULL, 10) - started) / 1000.0;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return (x > y) - (x < y);
}

static double
median (GArray *samples)
{
  g_array_sort (samples, compare_doubles);
  if (samples->len % 2 == 1)
    return g_array_index (samples, double, samples->len / 2);
  return (g_array_index (samples, double, samples->len / 2 - 1) +
          g_array_index (samples, double, samples->len / 2)) /
         2;
}

/* A private data folder holding a copy of @history (or nothing). */
static char *
make_data_home (const char *history)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *home = g_dir_make_tmp ("candor-bench-history-XXXXXX", &error);
  g_autofree char *dir = NULL;

  if (home == NULL)
    g_error ("%s", error->message);

  dir = g_build_filename (home, "candor", NULL);
  g_mkdir_with_parents (dir, 0700);
  if (history != NULL)
    {
      g_autoptr (GFile) from = g_file_new_for_path (history);
      g_autofree char *to_path = g_build_filename (dir, "history.db", NULL);
      g_autoptr (GFile) to = g_file_new_for_path (to_path);

      if (!g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error))
        g_error ("Could not copy %s: %s", history, error->message);
    }

  return g_steal_pointer (&home);
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int argc, char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *startup_app = NULL;
  g_autofree char *big_home = NULL;
  g_autofree char *empty_home = NULL;
  g_autoptr (GArray) big_page = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) empty_page = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) big_start = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) empty_start = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) big_rss = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) empty_rss = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) big_hwm = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) empty_hwm = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) big_after_frame = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) empty_after_frame = g_array_new (FALSE, FALSE, sizeof (double));
  guint  n_items = 0;
  int    runs;
  double page_big, start_big, start_empty;

  if (argc == 2 && g_str_equal (argv[1], "--child"))
    return run_child ();

  if (argc < 2 || argc > 3 || !g_file_test (argv[1], G_FILE_TEST_IS_REGULAR))
    {
      g_printerr ("Usage: %s HISTORY.db [RUNS]\n", argv[0]);
      return 2;
    }
  runs = argc == 3 ? atoi (argv[2]) : 9;
  if (runs < 1)
    {
      g_printerr ("Usage: %s HISTORY.db [RUNS]\n", argv[0]);
      return 2;
    }

  dir = g_path_get_dirname (argv[0]);
  startup_app = g_build_filename (dir, "bench-startup-app", NULL);
  big_home = make_data_home (argv[1]);
  empty_home = make_data_home (NULL);

  /* Unmeasured: warms the page cache, and creates the empty history. */
  run_view (argv[0], big_home);
  run_view (argv[0], empty_home);
  run_startup (startup_app, big_home);
  run_startup (startup_app, empty_home);

  for (int i = 0; i < runs; i++)
    {
      ChildResult big = run_view (argv[0], big_home);
      ChildResult empty = run_view (argv[0], empty_home);
      double      sb = run_startup (startup_app, big_home);
      double      se = run_startup (startup_app, empty_home);

      double big_after = big.first_page_ms - big.first_frame_ms;
      double empty_after = empty.first_page_ms - empty.first_frame_ms;

      n_items = big.n_items;
      g_array_append_val (big_after_frame, big_after);
      g_array_append_val (empty_after_frame, empty_after);
      g_array_append_val (big_page, big.first_page_ms);
      g_array_append_val (empty_page, empty.first_page_ms);
      g_array_append_val (big_rss, big.rss_mb);
      g_array_append_val (empty_rss, empty.rss_mb);
      g_array_append_val (big_hwm, big.hwm_mb);
      g_array_append_val (empty_hwm, empty.hwm_mb);
      g_array_append_val (big_start, sb);
      g_array_append_val (empty_start, se);
      g_print (
        "run %2d: first page %6.1f ms (first frame %5.1f, store open %5.1f, page read %5.1f; "
        "empty %6.1f)  start-up %6.1f ms (empty %6.1f)  RSS %5.1f MB (empty %5.1f)\n",
        i + 1, big.first_page_ms, big.first_frame_ms, big.store_ms, big.loaded_ms,
        empty.first_page_ms, sb, se, big.rss_mb, empty.rss_mb);
    }

  page_big = median (big_page);
  start_big = median (big_start);
  start_empty = median (empty_start);
  g_print (
    "\nmedians of %d runs, a big history (%u incidents in its first page) vs an empty one:\n", runs,
    n_items);
  g_print ("  first frame to first page     %7.1f ms  (empty %5.1f ms; goal <= 150 ms)\n",
           median (big_after_frame), median (empty_after_frame));
  g_print ("  window created to first page %7.1f ms  (empty %5.1f ms)\n", page_big,
           median (empty_page));
  g_print ("  start-up to first frame      %7.1f ms  vs %5.1f ms: %.3fx (goal <= 1.05x)\n",
           start_big, start_empty, start_big / start_empty);
  g_print ("  VmRSS at first page          %7.1f MB  vs %5.1f MB: +%.1f MB (goal <= 30 MB)\n",
           median (big_rss), median (empty_rss), median (big_rss) - median (empty_rss));
  g_print ("  VmHWM at first page          %7.1f MB  vs %5.1f MB: +%.1f MB\n", median (big_hwm),
           median (empty_hwm), median (big_hwm) - median (empty_hwm));

  remove_tree (big_home);
  remove_tree (empty_home);
  return 0;
}
