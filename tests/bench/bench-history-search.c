/* bench-history-search.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The history's figures on a large file (generate-history's 10,000 incidents
 * and 100,000 updates): the first page of incidents right after opening, and
 * search through the store compared with the very same FTS5 statement run on
 * the raw SQLite C API and in the sqlite3 shell. `bench-history-search [FILE]`;
 * without FILE it generates tests/bench/history-bench.db in the build tree
 * once. Exits 1 when a target is missed:
 *   first page <= 150 ms after open; search median <= 10 ms per query and the
 *   store <= 1.5x the raw statement over the whole set. */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "candor-store-private.h"

#define RUNS       31
#define PAGE_SIZE  20
#define SHELL_RUNS 200
#define LIST_PAGE  50

typedef struct
{
  const char *text;
  int         severity;
  int         format;
  const char *from; /* YYYY-MM-DD */
  const char *until;
} BenchQuery;

static const BenchQuery queries[] = {
  { "database", -1, -1, NULL, NULL },
  { "payments are declined", -1, -1, NULL, NULL },
  { "certificate", -1, -1, NULL, NULL },
  { "failover standby", -1, -1, NULL, NULL },
  { "EU-West time", -1, -1, NULL, NULL },
  { "restar", -1, -1, NULL, NULL },
  { "webhooks retried", -1, -1, NULL, NULL },
  { "переключения базы", -1, -1, NULL, NULL },
  { "schema migration locked", -1, -1, NULL, NULL },
  { "dns provider", CANDOR_SEVERITY_CRITICAL, -1, NULL, NULL },
  { "cache", -1, CANDOR_DIALECT_SLACK, NULL, NULL },
  { "login", -1, -1, "2024-01-01", "2024-07-01" },
  { "kernel upgrade Reporting", -1, CANDOR_DIALECT_STATUS_PAGE, NULL, NULL },
  /* The hard cases: a common word whose newest matches the filter rejects. */
  { "database", -1, -1, "2022-01-01", "2022-02-01" },
  { "customers", CANDOR_SEVERITY_CRITICAL, CANDOR_DIALECT_STATUS_PAGE, "2022-03-01", "2022-03-08" },
};

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return (x > y) - (x < y);
}

static double
median (double *values, guint n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static double
elapsed_ms (gint64 since)
{
  return (g_get_monotonic_time () - since) / 1000.0;
}

static GDateTime *
parse_day (const char *text)
{
  int year, month, day;

  if (text == NULL || sscanf (text, "%d-%d-%d", &year, &month, &day) != 3)
    return NULL;

  return g_date_time_new_utc (year, month, day, 0, 0, 0);
}

static char *
ensure_database (const char *given)
{
  g_autofree char *path = NULL;
  g_autofree char *generator = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  if (given != NULL)
    return g_strdup (given);

  path =
    g_build_filename (g_getenv ("CANDOR_BUILD_ROOT"), "tests", "bench", "history-bench.db", NULL);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&path);

  generator =
    g_build_filename (g_getenv ("CANDOR_BUILD_ROOT"), "tests", "bench", "generate-history", NULL);
  g_print ("# generating %s (once)\n", path);
  if (!g_spawn_sync (NULL, (char *[]){ generator, path, NULL }, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("could not generate the history: %s\n", error->message);
      exit (1);
    }

  return g_steal_pointer (&path);
}

/* The statement the store runs, executed on a plain connection: prepare,
 * bind, read every column of every row, finalize. */
static double
run_raw (sqlite3 *db, const char *sql, const CandorSearchQuery *query, const char *match, guint *n)
{
  gint64        start = g_get_monotonic_time ();
  sqlite3_stmt *stmt = NULL;

  *n = 0;
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("raw prepare: %s", sqlite3_errmsg (db));
  _candor_store_bind_search (stmt, query, match, 0, PAGE_SIZE + 1);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        (void)sqlite3_column_text (stmt, c);
      (*n)++;
    }
  sqlite3_finalize (stmt);

  return elapsed_ms (start);
}

static double
run_store (CandorStore *store, const CandorSearchQuery *query, guint *n)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) hits = candor_store_search (store, query, 0, PAGE_SIZE, NULL, &error);
  double ms = elapsed_ms (start);

  if (hits == NULL)
    g_error ("search: %s", error->message);
  *n = hits->len;
  return ms;
}

static double
time_shell (const char *path, const char *script)
{
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE,
                              &error, "sqlite3", "-readonly", path, NULL);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, script, NULL, NULL, NULL, &error))
    return -1;

  return elapsed_ms (start);
}

static void
replace_all (GString *sql, const char *name, const char *literal)
{
  g_string_replace (sql, name, literal, 0);
}

/* The same statement with its values written in, timed by the sqlite3 shell. */
static double
run_shell (const char *path, const char *sql, const CandorSearchQuery *query, const char *match)
{
  g_autoptr (GString) literal_sql = g_string_new (sql);
  g_autoptr (GString) script = g_string_new (".output /dev/null\n");
  g_autoptr (GString) quoted = g_string_new (match);
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_auto (GStrv) lines = NULL;
  double times[RUNS];
  guint  n = 0;
  char   number[64];

  g_string_replace (quoted, "'", "''", 0);
  g_string_prepend_c (quoted, '\'');
  g_string_append_c (quoted, '\'');
  replace_all (literal_sql, ":match", quoted->str);
  replace_all (literal_sql, ":start", "char(2)");
  replace_all (literal_sql, ":end", "char(3)");
  g_snprintf (number, sizeof number, "%d", PAGE_SIZE + 1);
  replace_all (literal_sql, ":limit", number);
  replace_all (literal_sql, ":offset", "0");
  if (query->from != NULL)
    {
      g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT,
                  _candor_store_time_to_doc_id (query->from));
      replace_all (literal_sql, ":from", number);
    }
  if (query->until != NULL)
    {
      g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT,
                  _candor_store_time_to_doc_id (query->until));
      replace_all (literal_sql, ":until", number);
    }
  if (query->severity >= 0)
    replace_all (literal_sql, ":severity",
                 query->severity == CANDOR_SEVERITY_CRITICAL ? "'critical'" : "'major'");
  if (query->format >= 0)
    replace_all (literal_sql, ":channel",
                 query->format == CANDOR_DIALECT_SLACK ? "'slack'" : "'status-page'");

  /* The shell's own timer counts whole milliseconds: time a process that
   * runs the statement SHELL_RUNS times against one that only opens the
   * file, and divide the difference. */
  for (guint i = 0; i < SHELL_RUNS; i++)
    g_string_append_printf (script, "%s;\n", literal_sql->str);

  for (guint attempt = 0; attempt < 3; attempt++)
    {
      double with = time_shell (path, script->str);
      double without = time_shell (path, ".output /dev/null\nSELECT count(*) FROM incidents;\n");

      if (with < 0 || without < 0)
        return -1;
      times[n++] = (with - without) / SHELL_RUNS;
    }

  return median (times, n);
}

int
main (int argc, char *argv[])
{
  g_autofree char *path = ensure_database (argc > 1 ? argv[1] : NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorStore) store = NULL;
  sqlite3 *raw = NULL;
  double   open_times[9];
  double   store_medians[G_N_ELEMENTS (queries)];
  double   raw_total = 0;
  double   store_total = 0;
  double   worst = 0;
  gboolean ok = TRUE;
  guint    count;

  /* First page right after opening: what the window shows at start-up. */
  for (guint i = 0; i < G_N_ELEMENTS (open_times); i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr (CandorStore) fresh = candor_store_open (path, &error);
      g_autoptr (GPtrArray) page = NULL;

      if (fresh == NULL)
        g_error ("open: %s", error->message);
      page = candor_store_list_incidents (fresh, 0, LIST_PAGE, &error);
      open_times[i] = elapsed_ms (start);
      g_assert_cmpuint (page->len, ==, LIST_PAGE);
    }
  g_print ("first page of %d incidents after open: first %.2f ms, median %.2f ms (target <= 150)\n",
           LIST_PAGE, open_times[0], median (open_times, G_N_ELEMENTS (open_times)));
  ok &= open_times[0] <= 150 && median (open_times, G_N_ELEMENTS (open_times)) <= 150;

  store = candor_store_open (path, &error);
  g_assert_no_error (error);
  count = candor_store_count_incidents (store, &error);
  g_print ("history: %u incidents, %s\n\n", count, path);
  g_assert_cmpint (sqlite3_open_v2 (path, &raw, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);

  g_print ("%-36s %6s %10s %10s %6s %10s\n", "query (page of 20)", "hits", "store ms", "raw ms",
           "ratio", "sqlite3 ms");
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr (GDateTime) from = parse_day (queries[q].from);
      g_autoptr (GDateTime) until = parse_day (queries[q].until);
      CandorSearchQuery query = CANDOR_SEARCH_QUERY_INIT;
      g_autofree char  *match = _candor_store_build_fts_query (queries[q].text);
      g_autofree char  *sql = NULL;
      g_autofree char  *label = NULL;
      double            store_times[RUNS];
      double            raw_times[RUNS];
      double            store_median, raw_median, shell_median;
      guint             n_store = 0, n_raw = 0;

      query.text = queries[q].text;
      query.severity = queries[q].severity;
      query.format = queries[q].format;
      query.from = from;
      query.until = until;
      sql = _candor_store_build_search_sql (&query);

      /* Warm both paths' caches the same way, then interleave the runs. */
      for (guint i = 0; i < 3; i++)
        {
          run_store (store, &query, &n_store);
          run_raw (raw, sql, &query, match, &n_raw);
        }
      for (guint i = 0; i < RUNS; i++)
        {
          store_times[i] = run_store (store, &query, &n_store);
          raw_times[i] = run_raw (raw, sql, &query, match, &n_raw);
        }
      /* The raw statement fetches one row past the page, as the store does. */
      g_assert_cmpuint (n_store, ==, MIN (n_raw, PAGE_SIZE));

      store_median = median (store_times, RUNS);
      raw_median = median (raw_times, RUNS);
      shell_median = run_shell (path, sql, &query, match);
      store_medians[q] = store_median;
      store_total += store_median;
      raw_total += raw_median;
      worst = MAX (worst, store_median);
      ok &= store_median <= 10;

      label = g_strdup_printf (
        "%s%s%s%s", queries[q].text, queries[q].severity >= 0 ? " +severity" : "",
        queries[q].format >= 0 ? " +channel" : "", queries[q].from != NULL ? " +dates" : "");
      g_print ("%-36s %6u %10.3f %10.3f %6.2f %10.3f\n", label, n_store, store_median, raw_median,
               store_median / raw_median, shell_median);
    }

  g_print ("\nsearch: median of medians %.3f ms, worst %.3f ms (target <= 10); "
           "store/raw over the set %.2fx (target <= 1.5)\n",
           median (store_medians, G_N_ELEMENTS (queries)), worst, store_total / raw_total);
  ok &= store_total <= 1.5 * raw_total;

  sqlite3_close (raw);
  g_print ("%s\n", ok ? "PASS" : "FAIL");
  return ok ? 0 : 1;
}
