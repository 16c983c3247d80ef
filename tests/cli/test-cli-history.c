/* test-cli-history.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "candor-test-cli.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "../store/candor-store-test-seed.h"

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
  g_auto (CandorTestCliRun) empty = { 0 };
  g_auto (CandorTestCliRun) run = { 0 };
  g_auto (CandorTestCliRun) json = { 0 };
  g_auto (GStrv) lines = NULL;
  g_autofree char *expected_first = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (CandorIncident) listed = NULL;
  g_autoptr (GDateTime) t9 = seed_time (9, 0);
  g_autoptr (GError) error = NULL;

  candor_test_cli_run (&empty, NULL, "history", "list", NULL);
  g_assert_cmpint (empty.status, ==, 0);
  g_assert_cmpstr (empty.out, ==, "");

  seed (&seeded);
  candor_test_cli_run (&run, NULL, "history", "list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3); /* two and the empty tail */
  expected_first =
    g_strdup_printf ("%s\t2026-11-30T11:00:00Z\tminor\tinvestigating\tLogin slow", seeded.newer_id);
  g_assert_cmpstr (lines[0], ==, expected_first);
  g_assert_true (g_str_has_prefix (lines[1], seeded.older_id));

  candor_test_cli_run (&json, NULL, "history", "list", "--json", "--limit=1", "--offset=1", NULL);
  g_assert_cmpint (json.status, ==, 0);
  root = json_from_string (json.out, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_node_get_array (root), 0), "title"),
                   ==, "Card payments declined");

  /* Each element is the incident as a draft holds it, and reads back whole. */
  listed =
    candor_incident_from_json (json_array_get_element (json_node_get_array (root), 0), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (candor_incident_get_id (listed), ==, seeded.older_id);
  g_assert_cmpint (candor_incident_get_severity (listed), ==, CANDOR_SEVERITY_MAJOR);
  g_assert_cmpint (candor_incident_get_state (listed), ==, CANDOR_INCIDENT_STATE_RESOLVED);
  g_assert_true (g_date_time_equal (candor_incident_get_started_at (listed), t9));
  g_assert_null (candor_incident_get_resolved_at (listed));
  g_assert_cmpstr (candor_incident_get_services (listed)[1], ==, "Checkout");
}

static void
test_show (void)
{
  g_auto (Seeded) seeded = { 0 };
  g_auto (CandorTestCliRun) run = { 0 };
  g_auto (CandorTestCliRun) missing = { 0 };

  seed (&seeded);
  candor_test_cli_run (&run, NULL, "history", "show", seeded.older_id, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "Card payments declined\n"));
  g_assert_nonnull (strstr (run.out, "2026-11-30T09:20:00Z"));
  g_assert_nonnull (strstr (run.out, "(after 20 min)"));
  g_assert_nonnull (strstr (run.out, "(lasted 1 h 30 min)"));
  g_assert_nonnull (
    strstr (run.out, "next update promised for 2026-11-30T10:00:00Z, LATE by 30 min"));
  g_assert_nonnull (strstr (run.out, "customers · email"));

  /* A unique start of the id is enough, as in git. */
  {
    g_autofree char *prefix = g_strndup (seeded.older_id, 8);
    g_auto (CandorTestCliRun) short_id = { 0 };

    candor_test_cli_run (&short_id, NULL, "history", "show", prefix, NULL);
    if (!g_str_has_prefix (seeded.newer_id, prefix))
      {
        g_assert_cmpint (short_id.status, ==, 0);
        g_assert_cmpstr (short_id.out, ==, run.out);
      }
  }

  candor_test_cli_run (&missing, NULL, "history", "show", "no-such-incident", NULL);
  g_assert_cmpint (missing.status, ==, 2);
  g_assert_cmpstr (missing.out, ==, "");
  g_assert_nonnull (strstr (missing.err, "no-such-incident"));
}

static void
test_search (void)
{
  g_auto (Seeded) seeded = { 0 };
  g_auto (CandorTestCliRun) run = { 0 };
  g_auto (CandorTestCliRun) json = { 0 };
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) error = NULL;
  JsonArray  *results;
  const char *hostile[] = { "\"", "AND", "-", "col:x", "*", "(", "вход", "" };

  seed (&seeded);
  candor_test_cli_run (&run, NULL, "history", "search", "declin", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Card payments declined"));
  /* Not a terminal: no escape sequences, no markers. */
  g_assert_null (strchr (run.out, '\033'));
  g_assert_null (strchr (run.out, '\x02'));

  candor_test_cli_run (&json, NULL, "history", "search", "payments declined", "--json",
                       "--channel=slack", NULL);
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
      g_auto (CandorTestCliRun) odd = { 0 };

      candor_test_cli_run (&odd, NULL, "history", "search", "--json", "--", hostile[i], NULL);
      g_assert_cmpint (odd.status, ==, 0);
      g_assert_cmpstr (odd.err, ==, "");
    }
}

static void
test_export (void)
{
  g_auto (Seeded) seeded = { 0 };
  g_auto (CandorTestCliRun) md = { 0 };
  g_auto (CandorTestCliRun) json = { 0 };
  g_auto (CandorTestCliRun) mbox = { 0 };
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) error = NULL;

  seed (&seeded);
  candor_test_cli_run (&md, NULL, "history", "export", seeded.older_id, "--format=md", NULL);
  g_assert_cmpint (md.status, ==, 0);
  g_assert_true (g_str_has_prefix (md.out, "# Card payments declined\n"));

  candor_test_cli_run (&json, NULL, "history", "export", seeded.older_id, "--format", "json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  root = json_from_string (json.out, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (
    json_array_get_length (json_object_get_array_member (json_node_get_object (root), "updates")),
    ==, 2);

  candor_test_cli_run (&mbox, NULL, "history", "export", seeded.older_id, "--format=mbox", NULL);
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
      g_auto (CandorTestCliRun) run = { 0 };

      candor_test_cli_run (&run, NULL, "history", cases[i][0],
                           cases[i][0] != NULL ? cases[i][1] : NULL,
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
  g_auto (CandorTestCliRun) broken = { 0 };
  g_auto (CandorTestCliRun) recover = { 0 };
  g_auto (CandorTestCliRun) after = { 0 };

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, "definitely not sqlite\n", -1, NULL));

  candor_test_cli_run (&broken, NULL, "history", "list", NULL);
  g_assert_cmpint (broken.status, ==, 2);
  g_assert_nonnull (strstr (broken.err, "is damaged"));
  g_assert_nonnull (strstr (broken.err, "history recover"));

  candor_test_cli_run (&recover, NULL, "history", "recover", NULL);
  g_assert_cmpint (recover.status, ==, 0);
  g_assert_nonnull (strstr (recover.out, "history.db.damaged-"));
  /* Said once, in the command's words: no raw log line. */
  g_assert_null (strstr (recover.err, "-Message:"));

  candor_test_cli_run (&after, NULL, "history", "list", NULL);
  g_assert_cmpint (after.status, ==, 0);
  g_assert_cmpstr (after.out, ==, "");
}

/* Light damage (junk over the contacts' page) is no longer missed: every
 * command says so, the full check on demand too, and recover carries the
 * rest over and says what it could not. */
static void
test_light_damage (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = candor_store_get_default_path (&error);
  g_auto (Seeded) seeded = { 0 };
  g_auto (CandorTestCliRun) list = { 0 };
  g_auto (CandorTestCliRun) check = { 0 };
  g_auto (CandorTestCliRun) recover = { 0 };
  g_auto (CandorTestCliRun) after = { 0 };
  g_auto (CandorTestCliRun) sound = { 0 };
  g_auto (CandorTestCliRun) again = { 0 };
  sqlite3      *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int           page;
  FILE         *file;
  char          junk[4096];

  g_assert_no_error (error);
  seed (&seeded);
  {
    g_autoptr (CandorStore) store = candor_store_open (NULL, &error);

    g_assert_no_error (error);
    g_assert_true (candor_store_put_document (store, CANDOR_STORE_DOCUMENT_CONTACT, "Ops",
                                              "{\"name\": \"Ops\", \"reach\": \"ops@example.com\"}",
                                              &error));
    g_assert_true (candor_store_save_draft (store, "draft-1", NULL, "{}", &error));
    g_assert_no_error (error);
  }

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT rootpage FROM sqlite_schema WHERE name = 'contacts'",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  page = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  memset (junk, 0x5a, sizeof junk);
  file = fopen (path, "r+b");
  g_assert_nonnull (file);
  g_assert_cmpint (fseek (file, (long)(page - 1) * sizeof junk, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (junk, 1, sizeof junk, file), ==, sizeof junk);
  fclose (file);

  candor_test_cli_run (&list, NULL, "history", "list", NULL);
  g_assert_cmpint (list.status, ==, 2);
  g_assert_cmpstr (list.out, ==, "");
  g_assert_nonnull (strstr (list.err, "is damaged"));
  g_assert_nonnull (strstr (list.err, "history recover"));

  candor_test_cli_run (&check, NULL, "history", "check", NULL);
  g_assert_cmpint (check.status, ==, 2);
  g_assert_nonnull (strstr (check.err, "is damaged"));

  candor_test_cli_run (&recover, NULL, "history", "recover", NULL);
  g_assert_cmpint (recover.status, ==, 0);
  g_assert_nonnull (strstr (recover.err, "is damaged"));
  g_assert_nonnull (strstr (recover.out, "history.db.damaged-"));
  g_assert_nonnull (strstr (recover.out, "  incidents: 2 carried over, 0 could not be read\n"));
  g_assert_nonnull (strstr (recover.out, "  updates: 3 carried over, 0 could not be read\n"));
  g_assert_nonnull (strstr (recover.out, "  drafts: 1 carried over, 0 could not be read\n"));
  g_assert_nonnull (strstr (recover.out, "  contacts: 0 carried over, 1 could not be read\n"));

  candor_test_cli_run (&after, NULL, "history", "list", NULL);
  g_assert_cmpint (after.status, ==, 0);
  g_assert_nonnull (strstr (after.out, "Card payments declined"));
  g_assert_nonnull (strstr (after.out, "Login slow"));

  candor_test_cli_run (&sound, NULL, "history", "check", NULL);
  g_assert_cmpint (sound.status, ==, 0);
  g_assert_nonnull (strstr (sound.out, "is sound"));

  candor_test_cli_run (&again, NULL, "history", "recover", NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_cmpstr (again.out, ==, "The history is fine; nothing was moved.\n");
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
  g_test_add_func ("/cli/history/light-damage", test_light_damage);
  g_test_add_func ("/cli/history/corrupt-history", test_corrupt_history);

  return g_test_run ();
}
