/* test-history.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "../store/candor-store-test-seed.h"
#include "candor-application.h"
#include "candor-incident-list-model.h"
#include "candor-search-hit-row.h"
#include "candor-search-results.h"
#include "candor-test-ui.h"
#include "candor-window.h"

/* The history as the user meets it: a real store in a private data folder,
 * seeded through the store's API, read by a real window. The tests share one
 * application, so they run in order: the damaged history first, then the
 * fresh one it was replaced with is seeded and browsed. */

static CandorApplication *app;
static char              *data_home;

#define MARKUP_BAIT "<b>not bold</b> & <i>"

static CandorSession *
get_session (void)
{
  return candor_application_get_session (app);
}

static gboolean
history_is_settled (gpointer data)
{
  return !candor_session_get_busy (get_session ()) &&
         (candor_session_get_store (get_session ()) != NULL ||
          candor_session_get_open_error (get_session ()) != NULL);
}

static gboolean
incidents_are_read (gpointer data)
{
  return !candor_incident_list_model_get_loading (candor_session_get_incidents (get_session ()));
}

/* The tests write to the history directly, as another process would: the
 * session's list reads it again. */
static void
reload_incidents (void)
{
  candor_incident_list_model_reload (candor_session_get_incidents (get_session ()));
  candor_test_ui_wait_until (incidents_are_read, NULL);
}

static CandorWindow *
open_window (void)
{
  CandorWindow *window = candor_window_new (app);

  gtk_window_present (GTK_WINDOW (window));
  candor_test_ui_wait_for_mapped (GTK_WIDGET (window));

  return window;
}

static char *
history_path (void)
{
  return g_build_filename (data_home, "candor", "history.db", NULL);
}

static void
test_history_damaged_is_kept (void)
{
  static const char garbage[] = "This is not a database, and it must not be thrown away.";
  g_autofree char  *path = history_path ();
  g_autofree char  *dir = g_path_get_dirname (path);
  g_autofree char  *kept = NULL;
  g_autoptr (GError) error = NULL;
  gsize         length;
  CandorWindow *window;
  GtkWidget    *button;
  GtkWidget    *message;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, garbage, -1, &error);
  g_assert_no_error (error);

  window = open_window ();
  candor_session_open (get_session ());
  candor_test_ui_wait_until (history_is_settled, NULL);
  g_assert_error (candor_session_get_open_error (get_session ()), CANDOR_STORE_ERROR,
                  CANDOR_STORE_ERROR_CORRUPT);

  /* Said plainly, with the way out; nothing was reset behind the user's back. */
  candor_test_ui_wait_for_widget (GTK_WIDGET (window), GTK_TYPE_LABEL, "label",
                                  "The history file is damaged");
  g_assert_true (g_file_get_contents (path, &kept, &length, NULL));
  g_assert_cmpstr (kept, ==, garbage);
  g_clear_pointer (&kept, g_free);

  button = candor_test_ui_find_mapped (GTK_WIDGET (window), GTK_TYPE_BUTTON, "label",
                                       "_Start a Fresh History");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_true (gtk_widget_activate (button));
  candor_test_ui_wait_for_widget (GTK_WIDGET (window), GTK_TYPE_LABEL, "label",
                                  "A fresh history was started");
  g_assert_nonnull (candor_session_get_store (get_session ()));

  /* The damaged copy is kept byte for byte, and the window says where. */
  g_assert_nonnull (candor_session_get_damaged_path (get_session ()));
  g_assert_true (
    g_file_get_contents (candor_session_get_damaged_path (get_session ()), &kept, &length, NULL));
  g_assert_cmpstr (kept, ==, garbage);
  {
    /* Nothing of a file of garbage could be read. */
    g_autofree char *expected = g_strdup_printf (
      "The damaged history was kept as “%s”. What could still be read was carried over; the rest "
      "could not be read and stays in the damaged file.",
      candor_session_get_damaged_path (get_session ()));

    message = candor_test_ui_find_mapped (GTK_WIDGET (window), GTK_TYPE_LABEL, "label", expected);
    g_assert_nonnull (message);
  }

  candor_test_ui_close_and_wait_for_finalize (GTK_WIDGET (window));
}

static gboolean
history_bar_is_hidden (gpointer data)
{
  return candor_test_ui_find_mapped (data, GTK_TYPE_INFO_BAR, NULL, NULL) == NULL;
}

/* Another program holds the history: the window says so and "Try Again" works
 * once it lets go. In a subprocess, for an application of its own. */
static void
test_history_busy_can_be_retried (void)
{
  g_autofree char *path = history_path ();
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorStore) created = NULL;
  sqlite3      *holder = NULL;
  CandorWindow *window;
  GtkWidget    *button;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  created = candor_store_open (NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&created);

  /* Exclusive locking keeps every other connection out, even readers. */
  g_assert_cmpint (sqlite3_open (path, &holder), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (holder,
                                 "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;"
                                 " CREATE TABLE held (x); COMMIT;",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);

  window = open_window ();
  candor_session_open (get_session ());
  candor_test_ui_wait_for_widget (GTK_WIDGET (window), GTK_TYPE_LABEL, "label",
                                  "The history is in use by another program");
  g_assert_error (candor_session_get_open_error (get_session ()), CANDOR_STORE_ERROR,
                  CANDOR_STORE_ERROR_BUSY);
  g_assert_null (candor_test_ui_find_mapped (GTK_WIDGET (window), GTK_TYPE_BUTTON, "label",
                                             "_Start a Fresh History"));
  button = candor_test_ui_find_mapped (GTK_WIDGET (window), GTK_TYPE_BUTTON, "label", "_Try Again");
  g_assert_nonnull (button);

  sqlite3_close (holder);
  g_assert_true (gtk_widget_activate (button));
  candor_test_ui_wait_until (history_bar_is_hidden, window);
  g_assert_nonnull (candor_session_get_store (get_session ()));

  candor_test_ui_close_and_wait_for_finalize (GTK_WIDGET (window));
}

/* Three incidents, started in this order, each with a sent update. */
static void
ensure_seeded (void)
{
  static gboolean seeded;
  CandorStore    *store;
  struct
  {
    const char *title;
    int         hour;
    const char *summary;
  } incidents[] = {
    { "Checkout errors", 8, "Some checkouts fail with an error." },
    { "Login is slow", 10, "Signing in takes up to a minute. " MARKUP_BAIT },
    { "Payments are down", 12, "Card payments fail for everyone; the gateway is unreachable." },
  };

  if (seeded)
    return;

  if (candor_session_get_store (get_session ()) == NULL)
    {
      candor_session_open (get_session ());
      candor_test_ui_wait_until (history_is_settled, NULL);
    }
  store = candor_session_get_store (get_session ());
  g_assert_nonnull (store);

  for (guint i = 0; i < G_N_ELEMENTS (incidents); i++)
    {
      g_autoptr (GDateTime) started = seed_time (incidents[i].hour, 0);
      g_autoptr (GDateTime) sent = seed_time (incidents[i].hour, 20);
      g_autoptr (GDateTime) promised = seed_time (incidents[i].hour + 1, 0);
      g_autoptr (CandorIncident) incident =
        seed_incident (store, incidents[i].title, CANDOR_SEVERITY_MAJOR,
                       CANDOR_INCIDENT_STATE_INVESTIGATING, started, started);
      g_autoptr (CandorUpdate) update = seed_update (store, incident, CANDOR_UPDATE_KIND_INITIAL,
                                                     sent, promised, incidents[i].summary);
    }
  reload_incidents ();

  seeded = TRUE;
}

typedef struct
{
  GListModel *model;
  guint       n_items;
} ModelQuery;

static gboolean
model_is_loaded (gpointer data)
{
  ModelQuery *query = data;

  if (g_list_model_get_n_items (query->model) != query->n_items)
    return FALSE;

  for (guint i = 0; i < query->n_items; i++)
    {
      g_autoptr (CandorIncident) incident = g_list_model_get_item (query->model, i);

      if (*candor_incident_get_title (incident) == '\0')
        return FALSE;
    }

  return TRUE;
}

static CandorWindow *
open_seeded_window (void)
{
  CandorWindow *window;
  ModelQuery    query;

  ensure_seeded ();
  window = open_window ();
  query.model = candor_window_get_incidents (window);
  query.n_items = 3;
  candor_test_ui_wait_until (model_is_loaded, &query);

  return window;
}

static void
test_history_lists_newest_first (void)
{
  CandorWindow *window = open_seeded_window ();
  GListModel   *incidents = candor_window_get_incidents (window);
  const char   *expected[] = { "Payments are down", "Login is slow", "Checkout errors" };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr (CandorIncident) incident = g_list_model_get_item (incidents, i);

      g_assert_cmpstr (candor_incident_get_title (incident), ==, expected[i]);
      /* Each is on screen in the sidebar, not just in the model. */
      candor_test_ui_wait_for_widget (GTK_WIDGET (window), GTK_TYPE_LABEL, "label", expected[i]);
    }

  candor_test_ui_close_and_wait_for_finalize (GTK_WIDGET (window));
}

static void
expand_all (GtkWidget *root)
{
  if (ADW_IS_EXPANDER_ROW (root))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (root), TRUE);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    expand_all (child);
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} ExpandQuery;

static gboolean
expanded_label_is_shown (gpointer data)
{
  ExpandQuery *query = data;

  expand_all (query->root);
  return candor_test_ui_find_mapped (query->root, GTK_TYPE_LABEL, "label", query->text) != NULL;
}

static void
test_history_timeline_shows_what_each_audience_got (void)
{
  CandorWindow *window = open_seeded_window ();
  GtkWidget    *view;
  ExpandQuery   query = { GTK_WIDGET (window), NULL };

  view = candor_test_ui_find_mapped (GTK_WIDGET (window), GTK_TYPE_LIST_VIEW, NULL, NULL);
  g_assert_nonnull (view);
  /* "Payments are down", the first row, as a click would. */
  g_assert_true (gtk_widget_activate_action (view, "list.activate-item", "u", 0));

  /* The incident's facts, and the update's promise. */
  candor_test_ui_wait_for_widget (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW, "title",
                                  "Time to First Notice");
  g_test_message ("waiting for the time to first notice");
  candor_test_ui_wait_for_widget (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW, "subtitle", "20 min");
  g_test_message ("waiting for the customers' email");

  /* The exact text each audience received: customers by email, technical on Slack. */
  query.text = "Card payments fail for everyone; the gateway is unreachable.\n\nFrom our side: the "
               "team keeps working.\n";
  candor_test_ui_wait_until (expanded_label_is_shown, &query);
  query.text = "*[First notice] Payments are down*\nCard payments fail for everyone; the gateway "
               "is unreachable.";
  g_test_message ("waiting for the Slack message");
  candor_test_ui_wait_until (expanded_label_is_shown, &query);
  g_assert_nonnull (
    candor_test_ui_find_mapped (GTK_WIDGET (window), ADW_TYPE_EXPANDER_ROW, "title", "Customers"));
  g_assert_nonnull (
    candor_test_ui_find_mapped (GTK_WIDGET (window), ADW_TYPE_EXPANDER_ROW, "title", "Technical"));

  candor_test_ui_close_and_wait_for_finalize (GTK_WIDGET (window));
}

static gboolean
has_hits (gpointer data)
{
  CandorSearchResults *results = data;

  return !candor_search_results_get_searching (results) &&
         g_list_model_get_n_items (candor_search_results_get_hits (results)) > 0;
}

static gboolean
has_no_hits (gpointer data)
{
  CandorSearchResults *results = data;

  return !candor_search_results_get_searching (results) &&
         g_list_model_get_n_items (candor_search_results_get_hits (results)) == 0;
}

static gboolean
is_searching (gpointer data)
{
  return candor_search_results_get_searching (data);
}

static gboolean
is_not_searching (gpointer data)
{
  return !candor_search_results_get_searching (data);
}

static void
test_history_search_highlights_matches (void)
{
  CandorWindow *window = open_seeded_window ();
  GtkWidget    *entry;
  GtkWidget    *results;
  GtkWidget    *row;
  GtkWidget    *filters_button;
  GtkWidget    *severity_row;
  g_autoptr (CandorSearchHit) hit = NULL;
  g_autofree char *markup = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  entry = candor_test_ui_wait_for_widget (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY, NULL, NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), "minute");

  results =
    candor_test_ui_wait_for_widget (GTK_WIDGET (window), CANDOR_TYPE_SEARCH_RESULTS, NULL, NULL);
  candor_test_ui_wait_until (has_hits, results);
  hit = g_list_model_get_item (candor_search_results_get_hits (CANDOR_SEARCH_RESULTS (results)), 0);
  g_assert_cmpstr (candor_search_hit_get_incident_title (hit), ==, "Login is slow");

  /* The match is bold; the text that looks like markup is shown as written. */
  markup = candor_search_hit_get_snippet_markup (hit);
  g_assert_nonnull (strstr (markup, "<b>minute</b>"));
  g_assert_nonnull (strstr (markup, "&lt;b&gt;not bold&lt;/b&gt; &amp; &lt;i&gt;"));
  row = candor_test_ui_wait_for_widget (results, CANDOR_TYPE_SEARCH_HIT_ROW, NULL, NULL);
  g_assert_nonnull (candor_test_ui_find_mapped (row, GTK_TYPE_LABEL, "label", markup));
  g_assert_null (
    candor_test_ui_find_mapped (GTK_WIDGET (window), GTK_TYPE_LABEL, "label", "Checkout errors"));

  /* A filter narrows the search down: none of these incidents is minor. */
  filters_button =
    candor_test_ui_find_mapped (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, "label", "_Filters");
  g_assert_nonnull (filters_button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (filters_button));
  severity_row = candor_test_ui_wait_for_widget (
    GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (filters_button))), ADW_TYPE_COMBO_ROW,
    "title", "Se_verity");
  adw_combo_row_set_selected (ADW_COMBO_ROW (severity_row), 1 + CANDOR_SEVERITY_MINOR);
  candor_test_ui_wait_until (has_no_hits, results);
  adw_combo_row_set_selected (ADW_COMBO_ROW (severity_row), 1 + CANDOR_SEVERITY_MAJOR);
  candor_test_ui_wait_until (has_hits, results);
  adw_combo_row_set_selected (ADW_COMBO_ROW (severity_row), 0);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (filters_button));

  /* Whatever is typed is words to look for, never query syntax or markup. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "\"minute* OR (NEAR <b>&");
  candor_test_ui_wait_until (is_searching, results);
  candor_test_ui_wait_until (is_not_searching, results);
  g_assert_null (
    candor_test_ui_find_mapped (results, ADW_TYPE_STATUS_PAGE, "title", "Search Failed"));

  /* Leaving search brings the list back. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  candor_test_ui_wait_for_widget (GTK_WIDGET (window), GTK_TYPE_LABEL, "label", "Checkout errors");

  candor_test_ui_close_and_wait_for_finalize (GTK_WIDGET (window));
}

static gboolean
incident_is_stored (gpointer data)
{
  g_autoptr (CandorIncident) stored = NULL;
  g_autoptr (GError) error = NULL;

  stored = candor_store_load_incident (candor_session_get_store (get_session ()),
                                       candor_incident_get_id (data), &error);
  g_assert_true (stored != NULL ||
                 g_error_matches (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_NOT_FOUND));
  return stored != NULL;
}

/* Runs last: it adds to the history the other tests read. */
static void
test_history_started_incident_is_saved (void)
{
  CandorWindow *window = open_seeded_window ();
  GListModel   *incidents = candor_window_get_incidents (window);
  g_autoptr (CandorIncident) incident = candor_incident_new ("Search is down");
  g_autoptr (CandorIncident) backdated = candor_incident_new ("Reports were late");
  g_autoptr (CandorIncident) first = NULL;
  g_autoptr (CandorIncident) fourth = NULL;
  g_autoptr (CandorIncident) reread = NULL;
  g_autoptr (GDateTime) latest = seed_time (13, 0);
  g_autoptr (GDateTime) earlier = seed_time (9, 0);

  /* The newest goes first; one started earlier goes where it belongs. */
  candor_incident_set_started_at (incident, latest);
  candor_incident_list_model_add (CANDOR_INCIDENT_LIST_MODEL (incidents), incident);
  candor_incident_set_started_at (backdated, earlier);
  candor_incident_list_model_add (CANDOR_INCIDENT_LIST_MODEL (incidents), backdated);

  g_assert_cmpuint (g_list_model_get_n_items (incidents), ==, 5);
  first = g_list_model_get_item (incidents, 0);
  g_assert_true (first == incident);
  fourth = g_list_model_get_item (incidents, 3);
  g_assert_true (fourth == backdated);
  candor_test_ui_wait_until (incident_is_stored, incident);
  candor_test_ui_wait_until (incident_is_stored, backdated);
  g_assert_cmpuint (candor_store_count_incidents (candor_session_get_store (get_session ()), NULL),
                    ==, 5);

  candor_test_ui_close_and_wait_for_finalize (GTK_WIDGET (window));

  /* A new window reads it back from the history, newest first. */
  reload_incidents ();
  window = open_window ();
  incidents = candor_window_get_incidents (window);
  {
    ModelQuery query = { incidents, 5 };

    candor_test_ui_wait_until (model_is_loaded, &query);
  }
  reread = g_list_model_get_item (incidents, 0);
  g_assert_cmpstr (candor_incident_get_id (reread), ==, candor_incident_get_id (incident));
  g_assert_cmpstr (candor_incident_get_title (reread), ==, "Search is down");
  g_clear_object (&reread);
  reread = g_list_model_get_item (incidents, 3);
  g_assert_cmpstr (candor_incident_get_id (reread), ==, candor_incident_get_id (backdated));

  candor_test_ui_close_and_wait_for_finalize (GTK_WIDGET (window));
}

typedef struct
{
  GListModel    *model;
  guint          n_items;
  GtkAdjustment *adjustment; /* when set, scrolled to the end at each look */
} CountQuery;

static gboolean
model_has_n_items (gpointer data)
{
  CountQuery *query = data;

  if (query->adjustment != NULL)
    gtk_adjustment_set_value (query->adjustment, gtk_adjustment_get_upper (query->adjustment));

  return g_list_model_get_n_items (query->model) == query->n_items;
}

/* Runs last: it adds a long tail of older incidents to the shared history. */
static void
test_history_pages_as_the_list_scrolls (void)
{
  CandorStore   *store = candor_session_get_store (get_session ());
  CandorWindow  *window;
  GtkWidget     *view;
  GtkAdjustment *adjustment;
  CountQuery     query = { NULL };
  guint          total;

  ensure_seeded ();
  for (guint i = 0; i < 2 * CANDOR_INCIDENT_LIST_PAGE_SIZE; i++)
    {
      g_autoptr (GDateTime) day = seed_time (6, 0);
      g_autoptr (GDateTime) started = g_date_time_add_hours (day, -1 - (int)i);
      g_autofree char *title = g_strdup_printf ("Older incident %u", i);
      g_autoptr (CandorIncident) incident = seed_incident (
        store, title, CANDOR_SEVERITY_MINOR, CANDOR_INCIDENT_STATE_RESOLVED, started, started);
    }
  total = candor_store_count_incidents (store, NULL);
  g_assert_cmpuint (total, >, 2 * CANDOR_INCIDENT_LIST_PAGE_SIZE);
  reload_incidents ();

  /* The list starts with the first page, not the whole history... */
  window = open_window ();
  query.model = candor_window_get_incidents (window);
  query.n_items = CANDOR_INCIDENT_LIST_PAGE_SIZE;
  candor_test_ui_wait_until (model_has_n_items, &query);
  view = candor_test_ui_wait_for_widget (GTK_WIDGET (window), GTK_TYPE_LIST_VIEW, NULL, NULL);
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));

  /* ...and reads on, a page at a time, as the user scrolls to its end. */
  query.adjustment = adjustment;
  query.n_items = total;
  candor_test_ui_wait_until (model_has_n_items, &query);

  candor_test_ui_close_and_wait_for_finalize (GTK_WIDGET (window));
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
  g_autoptr (GError) error = NULL;
  int status;

  /* Before GLib caches the user data folder: the history lives here. */
  data_home = g_dir_make_tmp ("candor-test-history-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  gtk_test_init (&argc, &argv, NULL);

  app = candor_test_ui_new_app ();

  g_test_add_func ("/ui/history/busy-can-be-retried", test_history_busy_can_be_retried);
  g_test_add_func ("/ui/history/damaged-is-kept", test_history_damaged_is_kept);
  g_test_add_func ("/ui/history/lists-newest-first", test_history_lists_newest_first);
  g_test_add_func ("/ui/history/timeline-shows-what-each-audience-got",
                   test_history_timeline_shows_what_each_audience_got);
  g_test_add_func ("/ui/history/search-highlights-matches", test_history_search_highlights_matches);
  g_test_add_func ("/ui/history/started-incident-is-saved", test_history_started_incident_is_saved);
  g_test_add_func ("/ui/history/pages-as-the-list-scrolls", test_history_pages_as_the_list_scrolls);

  status = g_test_run ();

  g_clear_object (&app);
  remove_tree (data_home);
  g_free (data_home);

  return status;
}
