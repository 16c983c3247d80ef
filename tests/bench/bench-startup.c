/* bench-startup.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Time from process start to the first painted frame of the main window,
 * Candor side by side with a bare AdwApplication window, alternating runs so
 * that both see the same machine. Needs a display (run it through .ci/headless).
 *
 *   bench-startup [RUNS]     (default 15 runs of each) */

#include "config.h"

#include <gio/gio.h>
#include <stdlib.h>

static double
run_once (const char *app_path, const char *mode)
{
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  gint64           started;
  gint64           painted;

  started = g_get_monotonic_time ();
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, app_path, mode, NULL);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error))
    g_error ("Could not run %s %s: %s", app_path, mode, error->message);
  if (!g_subprocess_get_successful (process) || out == NULL || *out == '\0')
    g_error ("%s %s did not report a first frame", app_path, mode);

  painted = g_ascii_strtoll (out, NULL, 10);
  return (painted - started) / 1000.0;
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

int
main (int argc, char *argv[])
{
  g_autofree char *dir = g_path_get_dirname (argv[0]);
  g_autofree char *app_path = g_build_filename (dir, "bench-startup-app", NULL);
  g_autoptr (GArray) candor = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) bare = g_array_new (FALSE, FALSE, sizeof (double));
  int    runs = argc > 1 ? atoi (argv[1]) : 15;
  double candor_median, bare_median;

  if (runs < 1)
    {
      g_printerr ("Usage: %s [RUNS]\n", argv[0]);
      return 2;
    }

  /* One unmeasured start of each warms the page cache and the font cache. */
  run_once (app_path, "--bare");
  run_once (app_path, "--candor");

  for (int i = 0; i < runs; i++)
    {
      double b = run_once (app_path, "--bare");
      double c = run_once (app_path, "--candor");

      g_array_append_val (bare, b);
      g_array_append_val (candor, c);
      g_print ("run %2d: bare %7.1f ms   candor %7.1f ms\n", i + 1, b, c);
    }

  bare_median = median (bare);
  candor_median = median (candor);
  g_print ("\nmedian of %d runs to the first frame:\n", runs);
  g_print ("  bare AdwApplication window  %7.1f ms\n", bare_median);
  g_print ("  Candor main window          %7.1f ms\n", candor_median);
  g_print ("  ratio                       %7.2fx (goal <= 1.15x)\n", candor_median / bare_median);

  return 0;
}
