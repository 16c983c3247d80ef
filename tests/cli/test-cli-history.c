/* test-cli-history.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "../store/candor-store-test-seed.h"

typedef struct
{
  int   status;
  char *out;
  char *err;
} CliRun;

static void
cli_run_clear (CliRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliRun, cli_run_clear)

/* Runs the real candor-cli binary on this test's isolated XDG_DATA_HOME,
 * so it reads the history the test seeded. */
static void
run_cli (CliRun *run, const char *first_arg, ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  va_list args;

  g_ptr_array_add (argv,
                   g_build_filename (g_getenv ("CANDOR_BUILD_ROOT"), "src", "candor-cli", NULL));
  g_ptr_array_add (argv, g_strdup ("history"));
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  /* GLib isolates each test's folders in this process only: hand them on. */
  launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "HOME", g_get_home_dir (), TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char *const *)argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (process);
  if (run->status != 0)
    g_test_message ("candor-cli exited with %d: %s", run->status, run->err);
}

typedef struct
{
  char *older_id;
  char *newer_id;
} Seeded;

static void
seeded_clear (Seeded *seeded)
{
  g_clear_pointer (&seeded->older_id, g_free);
  g_clear_pointer (&seeded->newer_id, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Seeded, seeded_clear)

static void
seed (Seeded *seeded)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorStore) store = candor_store_open (NULL, &error);
  g_autoptr (GDateTime) t9 = seed_time (9, 0);
  g_autoptr (GDateTime) t920 = seed_time (9, 20);
  g_autoptr (GDateTime) t10 = seed_time (10, 0);
  g_autoptr (GDateTime) t1030 = seed_time (10, 30);
  g_autoptr (GDateTime) t11 = seed_time (11, 0);
  g_autoptr (CandorIncident) older = NULL;
  g_autoptr (CandorIncident) newer = NULL;
  g_autoptr (CandorUpdate) u1 = NULL;
  g_autoptr (CandorUpdate) u2 = NULL;
  g_autoptr (CandorUpdate) u3 = NULL;

  g_assert_no_error (error);
  older = seed_incident (store, "Card payments declined", CANDOR_SEVERITY_MAJOR,
                         CANDOR_INCIDENT_STATE_RESOLVED, t9, NULL);
  u1 = seed_update (store, older, CANDOR_UPDATE_KIND_INITIAL, t920, t10,
                    "Card payments are declined in Europe.");
  u2 =
    seed_update (store, older, CANDOR_UPDATE_KIND_RESOLUTION, t1030, NULL, "Payments work again.");
  newer = seed_incident (store, "Login slow", CANDOR_SEVERITY_MINOR,
                         CANDOR_INCIDENT_STATE_INVESTIGATING, t11, NULL);
  u3 = seed_update (store, newer, CANDOR_UPDATE_KIND_INITIAL, t11, NULL, "Sign-in is slow.");

  seeded->older_id = g_strdup (candor_incident_get_id (older));
  seeded->newer_id = g_strdup (candor_incident_get_id (newer));
}

static void
test_list (void)
{
  g_auto (Seeded) seeded = { 0 };
  g_auto (CliRun) empty = { 0 };
  g_auto (CliRun) run = { 0 };
  g_auto (CliRun) json = { 0 };
  g_auto (GStrv) lines = NULL;
  g_autofree char *expected_first = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) error = NULL;

  run_cli (&empty, "list", NULL);
  g_assert_cmpint (empty.status, ==, 0);
  g_assert_cmpstr (empty.out, ==, "");

  seed (&seeded);
  run_cli (&run, "list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3); /* two and the empty tail */
  expected_first =
    g_strdup_printf ("%s\t2026-11-30T11:00:00Z\tminor\tinvestigating\tLogin slow", seeded.newer_id);
  g_assert_cmpstr (lines[0], ==, expected_first);
  g_assert_true (g_str_has_prefix (lines[1], seeded.older_id));

  run_cli (&json, "list", "--json", "--limit=1", "--offset=1", NULL);
  g_assert_cmpint (json.status, ==, 0);
  root = json_from_string (json.out, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_node_get_array (root), 0), "title"),
                   ==, "Card payments declined");
}

static void
test_show (void)
{
  g_auto (Seeded) seeded = { 0 };
  g_auto (CliRun) run = { 0 };
  g_auto (CliRun) missing = { 0 };

  seed (&seeded);
  run_cli (&run, "show", seeded.older_id, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "Card payments declined\n"));
  g_assert_nonnull (strstr (run.out, "2026-11-30T09:20:00Z"));
  g_assert_nonnull (strstr (run.out, "(after 20 min)"));
  g_assert_nonnull (strstr (run.out, "(lasted 1 h 30 min)"));
  g_assert_nonnull (
    strstr (run.out, "next update promised for 2026-11-30T10:00:00Z, LATE by 30 min"));
  g_assert_nonnull (strstr (run.out, "customers · email"));

  run_cli (&missing, "show", "no-such-incident", NULL);
  g_assert_cmpint (missing.status, ==, 2);
  g_assert_cmpstr (missing.out, ==, "");
  g_assert_nonnull (strstr (missing.err, "no-such-incident"));
}

static void
test_search (void)
{
  g_auto (Seeded) seeded = { 0 };
  g_auto (CliRun) run = { 0 };
  g_auto (CliRun) json = { 0 };
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) error = NULL;
  JsonArray  *results;
  const char *hostile[] = { "\"", "AND", "-", "col:x", "*", "(", "вход", "" };

  seed (&seeded);
  run_cli (&run, "search", "declin", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Card payments declined"));
  /* Not a terminal: no escape sequences, no markers. */
  g_assert_null (strchr (run.out, '\033'));
  g_assert_null (strchr (run.out, '\x02'));

  run_cli (&json, "search", "payments declined", "--json", "--channel=slack", NULL);
  g_assert_cmpint (json.status, ==, 0);
  root = json_from_string (json.out, &error);
  g_assert_no_error (error);
  results = json_object_get_array_member (json_node_get_object (root), "results");
  g_assert_cmpuint (json_array_get_length (results), ==, 2);
  g_assert_cmpstr (
    json_object_get_string_member (json_array_get_object_element (results, 0), "channel"), ==,
    "slack");
  g_assert_nonnull (strstr (
    json_object_get_string_member (json_array_get_object_element (results, 0), "snippet-markup"),
    "<b>declined</b>"));

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_auto (CliRun) odd = { 0 };

      run_cli (&odd, "search", "--json", "--", hostile[i], NULL);
      g_assert_cmpint (odd.status, ==, 0);
      g_assert_cmpstr (odd.err, ==, "");
    }
}

static void
test_export (void)
{
  g_auto (Seeded) seeded = { 0 };
  g_auto (CliRun) md = { 0 };
  g_auto (CliRun) json = { 0 };
  g_auto (CliRun) mbox = { 0 };
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) error = NULL;

  seed (&seeded);
  run_cli (&md, "export", seeded.older_id, "--format=md", NULL);
  g_assert_cmpint (md.status, ==, 0);
  g_assert_true (g_str_has_prefix (md.out, "# Card payments declined\n"));

  run_cli (&json, "export", seeded.older_id, "--format", "json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  root = json_from_string (json.out, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (
    json_array_get_length (json_object_get_array_member (json_node_get_object (root), "updates")),
    ==, 2);

  run_cli (&mbox, "export", seeded.older_id, "--format=mbox", NULL);
  g_assert_cmpint (mbox.status, ==, 0);
  g_assert_true (g_str_has_prefix (mbox.out, "From status@example.com Mon Nov 30 09:20:00 2026\n"));
}

static void
test_usage_errors (void)
{
  const char *cases[][4] = {
    { NULL },
    { "frobnicate", NULL },
    { "show", NULL },
    { "show", "a", "b", NULL },
    { "export", "x", NULL },
    { "export", "x", "--format=pdf", NULL },
    { "search", NULL },
    { "search", "x", "--severity=apocalyptic", NULL },
    { "search", "x", "--from=yesterday", NULL },
    { "list", "--limit=0", NULL },
    { "list", "--bogus", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (CliRun) run = { 0 };

      run_cli (&run, cases[i][0], cases[i][0] != NULL ? cases[i][1] : NULL,
               cases[i][0] != NULL && cases[i][1] != NULL ? cases[i][2] : NULL, NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_true (g_str_has_prefix (run.err, "candor-cli: "));
      g_assert_true (
        g_str_has_suffix (run.err, "Try 'candor-cli history --help' for more information.\n"));
    }
}

static void
test_corrupt_history (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = candor_store_get_default_path (&error);
  g_auto (CliRun) broken = { 0 };
  g_auto (CliRun) recover = { 0 };
  g_auto (CliRun) after = { 0 };

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, "definitely not sqlite\n", -1, NULL));

  run_cli (&broken, "list", NULL);
  g_assert_cmpint (broken.status, ==, 2);
  g_assert_nonnull (strstr (broken.err, "is damaged"));
  g_assert_nonnull (strstr (broken.err, "history recover"));

  run_cli (&recover, "recover", NULL);
  g_assert_cmpint (recover.status, ==, 0);
  g_assert_nonnull (strstr (recover.out, "history.db.damaged-"));

  run_cli (&after, "list", NULL);
  g_assert_cmpint (after.status, ==, 0);
  g_assert_cmpstr (after.out, ==, "");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/history/list", test_list);
  g_test_add_func ("/cli/history/show", test_show);
  g_test_add_func ("/cli/history/search", test_search);
  g_test_add_func ("/cli/history/export", test_export);
  g_test_add_func ("/cli/history/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/history/corrupt-history", test_corrupt_history);

  return g_test_run ();
}
