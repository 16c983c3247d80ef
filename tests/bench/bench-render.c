/* bench-render.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the live preview does on every keystroke: one character of the
 * executive summary changes, then every audience is rendered in every format
 * and every check runs. The budget for all of it is 2 ms. */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "candor-dialect.h"
#include "candor-composition.h"

#define ITERATIONS 2000
#define WARMUP     50

/* CPU time of this thread: on a busy machine wall time also counts the
 * time other processes had the CPU. */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1.0e6;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

int
main (int argc, char *argv[])
{
  g_autofree char *path = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorDraft) draft = NULL;
  g_autoptr (CandorComposition) composition = NULL;
  const char        *all_formats[CANDOR_N_DIALECTS + 1] = { NULL };
  g_autofree char   *summary = NULL;
  g_autofree double *times = g_new (double, ITERATIONS);
  g_autofree double *cpu_times = g_new (double, ITERATIONS);
  CandorUpdate      *update;
  GPtrArray         *audiences;
  GPtrArray         *renditions;
  gsize              last;
  guint              n_renditions = 0, n_findings = 0;

  path = g_build_filename (g_getenv ("CANDOR_SOURCE_ROOT") != NULL ? g_getenv ("CANDOR_SOURCE_ROOT")
                                                                   : ".",
                           "tests", "data", "drafts", "full-major-en.json", NULL);
  if (argc > 1)
    {
      g_free (path);
      path = g_strdup (argv[1]);
    }

  file = g_file_new_for_path (path);
  draft = candor_draft_load_from_file (file, NULL, &error);
  if (draft == NULL)
    {
      g_printerr ("bench-render: %s\n", error->message);
      return EXIT_FAILURE;
    }

  /* Every audience through the default channel of every kind: the 33 renditions
   * this figure has always counted. */
  update = candor_draft_get_update (draft);
  audiences = candor_draft_get_audiences (draft);
  for (CandorDialect format = 0; format < CANDOR_N_DIALECTS; format++)
    all_formats[format] = candor_dialect_get_nick (format);
  for (guint a = 0; a < audiences->len; a++)
    candor_audience_set_channels (g_ptr_array_index (audiences, a), all_formats);
  composition = candor_composition_new_for_draft (draft);
  if (!candor_composition_update (composition, &error))
    {
      g_printerr ("bench-render: %s\n", error->message);
      return EXIT_FAILURE;
    }

  summary = g_strdup (candor_update_get_field (update, CANDOR_FIELD_EXECUTIVE_SUMMARY));
  last = strlen (summary) - 1;

  for (guint i = 0; i < WARMUP + ITERATIONS; i++)
    {
      gint64 start;
      double cpu_start;

      /* A different last character each time, as typing would. */
      summary[last] = 'a' + i % 26;
      start = g_get_monotonic_time ();
      cpu_start = thread_cpu_ms ();

      candor_update_set_field (update, CANDOR_FIELD_EXECUTIVE_SUMMARY, summary);
      renditions = candor_composition_get_renditions (composition);
      n_findings = candor_composition_get_findings (composition)->len;
      n_renditions = renditions->len;
      for (guint r = 0; r < renditions->len; r++)
        n_findings += candor_rendition_get_findings (g_ptr_array_index (renditions, r))->len;

      if (i >= WARMUP)
        {
          times[i - WARMUP] = (g_get_monotonic_time () - start) / 1000.0;
          cpu_times[i - WARMUP] = thread_cpu_ms () - cpu_start;
        }
    }

  qsort (times, ITERATIONS, sizeof (double), compare_doubles);
  qsort (cpu_times, ITERATIONS, sizeof (double), compare_doubles);
  g_print ("render+check %u renditions (%u audiences x %d formats), %u findings, %d iterations\n",
           n_renditions, audiences->len, CANDOR_N_DIALECTS, n_findings, ITERATIONS);
  g_print ("wall: median %.3f ms, p95 %.3f ms, max %.3f ms\n", times[ITERATIONS / 2],
           times[ITERATIONS * 95 / 100], times[ITERATIONS - 1]);
  g_print ("cpu:  median %.3f ms, p95 %.3f ms, max %.3f ms\n", cpu_times[ITERATIONS / 2],
           cpu_times[ITERATIONS * 95 / 100], cpu_times[ITERATIONS - 1]);

  return EXIT_SUCCESS;
}
