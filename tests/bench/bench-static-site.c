/* bench-static-site.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The static status site on a large history (generate-history's 10,000
 * incidents and 100,000 updates, every update also published through the
 * site's channel): the whole site written into an empty folder right after
 * the history is opened, the same again when nothing changed, and one new
 * update to one incident (the newest, and one from years ago), as the
 * channel's client writes it. `bench-static-site [FILE]`; without FILE it
 * generates tests/bench/static-site-bench.db in the build tree once (a
 * copy is changed, never the file). Exits 1 when a target is missed:
 *   whole site < 5 s; one update < 100 ms (median); index.html < 100 KB. */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "candor-channel-history.h"
#include "candor-static-site.h"
#include "candor-store-private.h"

#define CHANNEL "site"
#define RUNS    11

static char *
history_path (const char *given)
{
  g_autofree char *path = NULL;
  g_autofree char *generator = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  if (given != NULL)
    return g_strdup (given);

  path = g_build_filename (g_getenv ("CANDOR_BUILD_ROOT"), "tests", "bench", "static-site-bench.db",
                           NULL);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&path);

  generator =
    g_build_filename (g_getenv ("CANDOR_BUILD_ROOT"), "tests", "bench", "generate-history", NULL);
  g_print ("# generating %s (once)\n", path);
  if (!g_spawn_sync (NULL, (char *[]){ generator, (char *)"--site-channel=" CHANNEL, path, NULL },
                     NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("could not generate the history: %s\n", error->message);
      exit (1);
    }

  return g_steal_pointer (&path);
}

/* CPU time of this process (user and system), in ms: on a loaded machine
 * the wall clock measures the neighbours as well. */
static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

static double
elapsed_ms (gint64 since)
{
  return (g_get_monotonic_time () - since) / 1000.0;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return (x > y) - (x < y);
}

static void
copy_file (const char *from, const char *to)
{
  g_autofree char *data = NULL;
  gsize            length;
  g_autoptr (GError) error = NULL;

  if (!g_file_get_contents (from, &data, &length, &error) ||
      !g_file_set_contents (to, data, length, &error))
    g_error ("copying the history: %s", error->message);
}

/* Records one more progress update of @incident_id through the channel. */
static void
add_update (CandorStore *store, const char *incident_id, guint serial)
{
  g_autoptr (CandorUpdate) update = candor_update_new (CANDOR_UPDATE_KIND_PROGRESS);
  g_autoptr (GPtrArray) renditions =
    g_ptr_array_new_with_free_func ((GDestroyNotify)candor_sent_rendition_free);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) sent_at = g_date_time_add_seconds (now, 10 * 365 * 86400.0 + serial);
  g_autoptr (GError) error = NULL;
  g_autofree char     *text = g_strdup_printf ("Progress note %u: the fix is rolling out.", serial);
  CandorSentRendition *rendition =
    candor_sent_rendition_new ("customers", CANDOR_DIALECT_STATUS_PAGE, "en", NULL, text, NULL);

  g_free (rendition->channel_id);
  rendition->channel_id = g_strdup (CHANNEL);
  g_ptr_array_add (renditions, rendition);
  candor_update_set_field (update, CANDOR_FIELD_EXECUTIVE_SUMMARY, text);
  if (!candor_store_record_update (store, incident_id, update, sent_at, renditions, &error))
    g_error ("recording an update: %s", error->message);
}

static double
median_update (CandorStore           *store,
               const char            *folder,
               const char            *incident_id,
               guint                 *serial,
               CandorStaticSiteStats *last,
               double                *median_cpu)
{
  double times[RUNS];
  double cpu[RUNS];

  for (guint i = 0; i < RUNS; i++)
    {
      CandorStaticSiteStats stats = { 0 };
      g_autoptr (GError) error = NULL;
      gint64 start;
      double cpu_start;

      add_update (store, incident_id, ++*serial);
      start = g_get_monotonic_time ();
      cpu_start = cpu_ms ();
      if (!candor_static_site_write (store, CHANNEL, folder, "Example status", "en", incident_id,
                                     &stats, &error))
        g_error ("writing one update: %s", error->message);
      times[i] = elapsed_ms (start);
      cpu[i] = cpu_ms () - cpu_start;
      *last = stats;
    }

  qsort (times, RUNS, sizeof (double), compare_doubles);
  qsort (cpu, RUNS, sizeof (double), compare_doubles);
  *median_cpu = cpu[RUNS / 2];
  return times[RUNS / 2];
}

int
main (int argc, char *argv[])
{
  g_autofree char *source = history_path (argc > 1 ? argv[1] : NULL);
  g_autofree char *tmp = g_dir_make_tmp ("candor-bench-site-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (tmp, "history.db", NULL);
  g_autofree char *folder = g_build_filename (tmp, "site", NULL);
  g_autofree char *index = g_build_filename (folder, "index.html", NULL);
  g_autoptr (CandorStore) store = NULL;
  g_autoptr (GPtrArray) recent = NULL;
  g_autoptr (GPtrArray) all_incidents = NULL;
  g_autoptr (GError) error = NULL;
  CandorStaticSiteStats stats = { 0 };
  CandorStaticSiteStats again = { 0 };
  CandorStaticSiteStats one = { 0 };
  CandorStaticSiteStats old_one = { 0 };
  GStatBuf              index_stat;
  double                full_ms, again_ms, newest_ms, oldest_ms, full_cpu, cpu_start;
  double                newest_cpu, oldest_cpu;
  const char           *newest_id, *old_id;
  guint                 serial = 0;
  gint64                start;
  gboolean              ok = TRUE;

  copy_file (source, db);

  start = g_get_monotonic_time ();
  cpu_start = cpu_ms ();
  store = candor_store_open (db, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  if (!candor_static_site_write (store, CHANNEL, folder, "Example status", "en", NULL, &stats,
                                 &error))
    g_error ("writing the site: %s", error->message);
  full_ms = elapsed_ms (start);
  full_cpu = cpu_ms () - cpu_start;

  start = g_get_monotonic_time ();
  if (!candor_static_site_write (store, CHANNEL, folder, "Example status", "en", NULL, &again,
                                 &error))
    g_error ("writing the site again: %s", error->message);
  again_ms = elapsed_ms (start);

  g_stat (index, &index_stat);

  recent = candor_store_load_channel_recent (store, CHANNEL, 1, &error);
  /* One about seven in ten back from the newest: years old. */
  all_incidents = candor_store_list_incidents (
    store, candor_store_count_incidents (store, NULL) * 7 / 10, 1, &error);
  g_assert (recent != NULL && recent->len > 0 && all_incidents != NULL);
  newest_id =
    candor_incident_get_id (((CandorChannelIncident *)g_ptr_array_index (recent, 0))->incident);
  old_id = candor_incident_get_id (g_ptr_array_index (all_incidents, 0));

  newest_ms = median_update (store, folder, newest_id, &serial, &one, &newest_cpu);
  oldest_ms = median_update (store, folder, old_id, &serial, &old_one, &oldest_cpu);

  g_print (
    "whole site, opened cold into an empty folder: %.0f ms, %.0f ms CPU (%u files written)\n",
    full_ms, full_cpu, stats.n_written);
  g_print ("whole site again, nothing changed:           %.0f ms (%u written, %u unchanged)\n",
           again_ms, again.n_written, again.n_unchanged);
  g_print ("one update to the newest incident (median):   %.1f ms, %.1f ms CPU (%u written, %u "
           "unchanged)\n",
           newest_ms, newest_cpu, one.n_written, one.n_unchanged);
  g_print ("one update to an incident years old (median): %.1f ms, %.1f ms CPU (%u written, %u "
           "unchanged)\n",
           oldest_ms, oldest_cpu, old_one.n_written, old_one.n_unchanged);
  g_print ("index.html: %.1f KB\n", index_stat.st_size / 1024.0);

  ok &= full_ms < 5000;
  ok &= newest_ms < 100 && oldest_ms < 100;
  ok &= index_stat.st_size < 100 * 1024;
  ok &= again.n_written == 0;

  {
    g_autofree char *command = g_strdup_printf ("rm -rf '%s'", tmp);

    if (system (command) != 0)
      g_printerr ("could not remove %s\n", tmp);
  }

  g_print (ok ? "All targets met\n" : "A target was missed\n");
  return ok ? 0 : 1;
}
