/* test-session.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include <sqlite3.h>
#include <stdio.h>

#include "candor-draft-autosave.h"
#include "candor-session.h"
#include "../store/candor-store-test-seed.h"

/* Each test has a history of its own, in a folder of its own. */
typedef struct
{
  char          *dir;
  char          *path;
  CandorSession *session;
} Fixture;

typedef gboolean (*Condition) (gpointer data);

static gboolean
on_timeout_cb (gpointer data)
{
  g_error ("Timed out waiting for the session");
  return G_SOURCE_REMOVE;
}

static void
wait_until (Condition condition, gpointer data)
{
  guint timeout_id = g_timeout_add_seconds (30, on_timeout_cb, NULL);

  while (!condition (data))
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (timeout_id);
}

static void
on_async_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  *(GAsyncResult **)data = g_object_ref (result);
}

static gboolean
has_result (gpointer data)
{
  return *(GAsyncResult **)data != NULL;
}

/* Runs the main loop until the call started with on_async_done_cb has finished. */
static GAsyncResult *
wait_for_result (GAsyncResult **result)
{
  wait_until (has_result, result);
  return *result;
}

static gboolean
is_settled (gpointer data)
{
  CandorSession *session = data;

  return !candor_session_get_busy (session) && (candor_session_get_store (session) != NULL ||
                                                candor_session_get_open_error (session) != NULL);
}

static gboolean
is_settled_without_store (gpointer data)
{
  CandorSession *session = data;

  return !candor_session_get_busy (session) && candor_session_get_store (session) == NULL &&
         candor_session_get_open_error (session) != NULL;
}

static gboolean
incidents_are_read (gpointer data)
{
  CandorSession *session = data;

  return candor_session_get_store (session) != NULL &&
         !candor_incident_list_model_get_loading (candor_session_get_incidents (session));
}

static void
open_and_wait (CandorSession *session)
{
  candor_session_open (session);
  wait_until (is_settled, session);
  g_assert_no_error (candor_session_get_open_error (session));
  wait_until (incidents_are_read, session);
}

/* Waits for every write already asked of @store: its worker runs them in order. */
static void
flush_store (CandorStore *store)
{
  g_autoptr (GAsyncResult) result = NULL;
  guint count;

  candor_store_count_incidents_async (store, NULL, on_async_done_cb, &result);
  g_assert_true (
    candor_store_count_incidents_finish (store, wait_for_result (&result), &count, NULL));
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("candor-session-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "history.db", NULL);
  fixture->session = candor_session_new (NULL, fixture->path);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GDir) dir = NULL;
  const char *name;

  g_assert_finalize_object (fixture->session);

  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (fixture->dir, name, NULL);

      g_unlink (child);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
count_notify_cb (GObject *object, GParamSpec *pspec, gpointer data)
{
  (*(guint *)data)++;
}

/* Nothing is opened until asked: the app asks after its first frame. */
static void
test_session_opens_history (Fixture *fixture, gconstpointer data)
{
  CandorSession *session = fixture->session;
  guint          store_notified = 0;

  g_signal_connect (session, "notify::store", G_CALLBACK (count_notify_cb), &store_notified);
  g_assert_null (candor_session_get_store (session));
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));

  candor_session_open (session);
  g_assert_true (candor_session_get_busy (session));
  wait_until (is_settled, session);

  g_assert_no_error (candor_session_get_open_error (session));
  g_assert_nonnull (candor_session_get_store (session));
  g_assert_cmpstr (candor_store_get_path (candor_session_get_store (session)), ==, fixture->path);
  g_assert_null (candor_session_get_damaged_path (session));
  g_assert_cmpuint (store_notified, ==, 1);
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_EXISTS));

  /* Opening again does nothing: the history is open. */
  candor_session_open (session);
  g_assert_false (candor_session_get_busy (session));

  /* The list of incidents follows the store: empty here. */
  wait_until (incidents_are_read, session);
  g_assert_cmpuint (
    g_list_model_get_n_items (G_LIST_MODEL (candor_session_get_incidents (session))), ==, 0);
  g_signal_handlers_disconnect_by_data (session, &store_notified);
}

static const char garbage[] = "Not a database: it must be kept, never thrown away.";

/* A damaged history is reported, kept byte for byte, and a fresh one started. */
static void
test_session_recovers_damaged_history (Fixture *fixture, gconstpointer data)
{
  CandorSession   *session = fixture->session;
  g_autofree char *kept = NULL;
  g_autoptr (GError) error = NULL;
  guint error_notified = 0;
  guint damaged_notified = 0;

  g_assert_true (g_file_set_contents (fixture->path, garbage, -1, NULL));
  g_signal_connect (session, "notify::open-error", G_CALLBACK (count_notify_cb), &error_notified);
  g_signal_connect (session, "notify::damaged-path", G_CALLBACK (count_notify_cb),
                    &damaged_notified);

  candor_session_open (session);
  wait_until (is_settled, session);
  g_assert_error (candor_session_get_open_error (session), CANDOR_STORE_ERROR,
                  CANDOR_STORE_ERROR_CORRUPT);
  g_assert_null (candor_session_get_store (session));
  g_assert_cmpuint (error_notified, ==, 1);
  g_assert_true (g_file_get_contents (fixture->path, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, garbage);
  g_clear_pointer (&kept, g_free);

  /* Without a history, nothing can be read from it, and it says why. */
  {
    g_autoptr (GAsyncResult) result = NULL;
    g_autoptr (GPtrArray) contacts = NULL;

    candor_session_load_contacts_async (session, NULL, on_async_done_cb, &result);
    contacts = candor_session_load_contacts_finish (session, wait_for_result (&result), &error);
    g_assert_null (contacts);
    g_assert_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_CORRUPT);
    g_clear_error (&error);
  }

  candor_session_recover (session);
  g_assert_true (candor_session_get_busy (session));
  wait_until (is_settled, session);
  g_assert_no_error (candor_session_get_open_error (session));
  g_assert_nonnull (candor_session_get_store (session));
  g_assert_cmpuint (error_notified, ==, 2);
  g_assert_cmpuint (damaged_notified, ==, 1);
  g_assert_nonnull (candor_session_get_damaged_path (session));
  g_assert_cmpstr (candor_session_get_damaged_path (session), !=, fixture->path);
  g_assert_true (
    g_file_get_contents (candor_session_get_damaged_path (session), &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, garbage);

  /* An open history is never set aside. */
  candor_session_recover (session);
  g_assert_false (candor_session_get_busy (session));
  g_signal_handlers_disconnect_by_data (session, &error_notified);
  g_signal_handlers_disconnect_by_data (session, &damaged_notified);
}

typedef struct
{
  GListModel *model;
  guint       n_items;
} CountQuery;

static gboolean
has_n_items (gpointer data)
{
  CountQuery *query = data;

  return g_list_model_get_n_items (query->model) == query->n_items;
}

/* The list reads the history a page at a time, and saves what is started. */
static void
test_session_incidents_load_pages (Fixture *fixture, gconstpointer data)
{
  CandorSession           *session = fixture->session;
  CandorIncidentListModel *incidents = candor_session_get_incidents (session);
  guint                    total = 2 * CANDOR_INCIDENT_LIST_PAGE_SIZE + 5;
  CountQuery               query = { G_LIST_MODEL (incidents), 0 };
  g_autoptr (CandorIncident) started = candor_incident_new ("Search is down");
  g_autoptr (CandorIncident) early = candor_incident_new ("Started before the history opened");
  g_autoptr (CandorIncident) first = NULL;
  g_autoptr (CandorIncident) last = NULL;
  g_autoptr (GDateTime) latest = seed_time (23, 0);
  g_autoptr (GDateTime) before_all = seed_time (0, 30);

  /* Another program (the CLI) wrote the history. */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (CandorStore) store = candor_store_open (fixture->path, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < total; i++)
      {
        g_autoptr (GDateTime) day = seed_time (22, 0);
        g_autoptr (GDateTime) at = g_date_time_add_minutes (day, -(int)i);
        g_autofree char *title = g_strdup_printf ("Incident %u", i);
        g_autoptr (CandorIncident) incident = seed_incident (
          store, title, CANDOR_SEVERITY_MINOR, CANDOR_INCIDENT_STATE_RESOLVED, at, at);
      }
  }

  /* Started before there was a history: saved once there is one. */
  candor_incident_set_started_at (early, before_all);
  candor_incident_list_model_add (incidents, early);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (incidents)), ==, 1);

  open_and_wait (session);
  total++;
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (incidents)), ==,
                    CANDOR_INCIDENT_LIST_PAGE_SIZE);
  first = g_list_model_get_item (G_LIST_MODEL (incidents), 0);
  g_assert_cmpstr (candor_incident_get_title (first), ==, "Incident 0");

  candor_incident_list_model_read_on (incidents);
  query.n_items = 2 * CANDOR_INCIDENT_LIST_PAGE_SIZE;
  wait_until (has_n_items, &query);
  candor_incident_list_model_read_on (incidents);
  query.n_items = total;
  wait_until (has_n_items, &query);
  last = g_list_model_get_item (G_LIST_MODEL (incidents), total - 1);
  g_assert_cmpstr (candor_incident_get_id (last), ==, candor_incident_get_id (early));

  /* A started incident goes first and into the history. */
  candor_incident_set_started_at (started, latest);
  candor_incident_list_model_add (incidents, started);
  g_assert_cmpuint (candor_incident_list_model_find (incidents, candor_incident_get_id (started)),
                    ==, 0);
  flush_store (candor_session_get_store (session));
  g_assert_cmpuint (candor_store_count_incidents (candor_session_get_store (session), NULL), ==,
                    total + 1);

  /* Read again from the start, it is still first. */
  g_clear_object (&first);
  candor_incident_list_model_reload (incidents);
  wait_until (incidents_are_read, session);
  first = g_list_model_get_item (G_LIST_MODEL (incidents), 0);
  g_assert_cmpstr (candor_incident_get_id (first), ==, candor_incident_get_id (started));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (incidents)), ==,
                    CANDOR_INCIDENT_LIST_PAGE_SIZE);
}

static char *
load_draft (CandorSession *session, const char *draft_id)
{
  return candor_store_load_draft (candor_session_get_store (session), draft_id, NULL);
}

typedef struct
{
  CandorSession *session;
  const char    *draft_id;
  const char    *text;
} DraftQuery;

static gboolean
draft_has_text (gpointer data)
{
  DraftQuery      *query = data;
  g_autofree char *json = load_draft (query->session, query->draft_id);

  return json != NULL && strstr (json, query->text) != NULL;
}

/* Typing is saved after a pause, also what was typed before the history
 * opened; closing saves what is left; discarding deletes it. */
static void
test_session_autosave_saves_and_deletes (Fixture *fixture, gconstpointer data)
{
  CandorSession *session = fixture->session;
  g_autoptr (CandorDraft) draft = candor_draft_new (NULL, NULL);
  g_autoptr (CandorDraft) other = candor_draft_new (NULL, NULL);
  CandorDraftAutosave *autosave = candor_draft_autosave_new (session, draft);
  CandorDraftAutosave *closing = candor_draft_autosave_new (session, other);
  g_autofree char     *draft_id = g_strdup (candor_draft_autosave_get_draft_id (autosave));
  g_autofree char     *other_id = g_strdup (candor_draft_autosave_get_draft_id (closing));
  g_autofree char     *left = NULL;
  DraftQuery           query = { session, draft_id, "Typed before the history opened" };

  g_assert_false (candor_draft_autosave_get_changed (autosave));
  candor_update_set_field (candor_draft_get_update (draft), CANDOR_FIELD_IMPACT_NOW,
                           "Typed before the history opened");
  g_assert_true (candor_draft_autosave_get_changed (autosave));

  open_and_wait (session);
  wait_until (draft_has_text, &query);

  query.text = "Checkout fails";
  candor_update_set_field (candor_draft_get_update (draft), CANDOR_FIELD_IMPACT_NOW,
                           "Checkout fails");
  wait_until (draft_has_text, &query);
  g_assert_no_error (candor_draft_autosave_get_error (autosave));

  /* Closed right after typing: the last words are saved all the same. */
  candor_update_set_field (candor_draft_get_update (other), CANDOR_FIELD_IMPACT_NOW,
                           "Said just before closing");
  g_assert_finalize_object (closing);
  flush_store (candor_session_get_store (session));
  query.draft_id = other_id;
  query.text = "Said just before closing";
  g_assert_true (draft_has_text (&query));

  /* Discarded while a save may still be under way: gone all the same. */
  candor_update_set_field (candor_draft_get_update (draft), CANDOR_FIELD_IMPACT_NOW, "Thrown away");
  candor_draft_autosave_discard (autosave);
  flush_store (candor_session_get_store (session));
  left = load_draft (session, draft_id);
  g_assert_null (left);
  g_assert_finalize_object (autosave);
  flush_store (candor_session_get_store (session));
  left = load_draft (session, draft_id);
  g_assert_null (left);
}

/* Unsent drafts come back most recent first; one that cannot be read is
 * left in the history for a later Candor, and discarding deletes one. */
static void
test_session_loads_and_deletes_unsent_drafts (Fixture *fixture, gconstpointer data)
{
  CandorSession *session = fixture->session;
  g_autoptr (CandorDraft) older = candor_draft_new (NULL, NULL);
  g_autoptr (CandorDraft) newer = candor_draft_new (NULL, NULL);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) drafts = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *kept = NULL;
  CandorStore     *store;
  const char      *older_id = candor_update_get_id (candor_draft_get_update (older));
  const char      *newer_id = candor_update_get_id (candor_draft_get_update (newer));

  open_and_wait (session);
  store = candor_session_get_store (session);
  {
    g_autofree char *older_data = candor_draft_to_data (older, NULL);
    g_autofree char *newer_data = candor_draft_to_data (newer, NULL);

    g_assert_true (candor_store_save_draft (store, older_id, NULL, older_data, NULL));
    g_assert_true (candor_store_save_draft (store, "from-the-future", NULL,
                                            "{\"format\": \"candor-draft-v99\"}", NULL));
    g_assert_true (candor_store_save_draft (store, newer_id, NULL, newer_data, NULL));
  }

  g_test_expect_message ("candor-session", G_LOG_LEVEL_WARNING, "An unsent draft cannot be read*");
  candor_session_load_drafts_async (session, NULL, on_async_done_cb, &result);
  drafts = candor_session_load_drafts_finish (session, wait_for_result (&result), &error);
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, ==, 2);
  g_assert_cmpstr (candor_update_get_id (candor_draft_get_update (g_ptr_array_index (drafts, 0))),
                   ==, newer_id);
  g_assert_cmpstr (candor_update_get_id (candor_draft_get_update (g_ptr_array_index (drafts, 1))),
                   ==, older_id);
  kept = candor_store_load_draft (store, "from-the-future", NULL);
  g_assert_nonnull (kept);

  g_clear_object (&result);
  candor_session_delete_draft_async (session, older_id, NULL, on_async_done_cb, &result);
  g_assert_true (candor_session_delete_draft_finish (session, wait_for_result (&result), &error));
  g_assert_no_error (error);
  g_clear_pointer (&kept, g_free);
  kept = candor_store_load_draft (store, older_id, NULL);
  g_assert_null (kept);
}

/* The languages flow through the session: a translation typed is autosaved
 * and comes back with the draft, an audience's and a channel's language are
 * kept with their settings. */
static void
test_session_languages_flow_through (Fixture *fixture, gconstpointer data)
{
  CandorSession    *session = fixture->session;
  const char *const other[] = { "ru", NULL };
  g_autoptr (CandorIncident) incident = candor_incident_new ("Checkout errors");
  g_autoptr (CandorDraft) draft = NULL;
  g_autoptr (CandorChannel) channel = candor_channel_new ("support-ru", "telegram", "Поддержка");
  g_autoptr (CandorAudienceList) audiences = candor_audience_list_new ();
  g_autoptr (CandorChannelList) channels = candor_channel_list_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) drafts = NULL;
  g_autoptr (GError) error = NULL;
  CandorDraftAutosave *autosave;
  CandorUpdate        *update;
  CandorAudience      *customers;
  DraftQuery           query = { session, NULL, "Платежи не проходят." };

  candor_incident_set_other_languages (incident, other);
  draft = candor_draft_new (incident, NULL);
  update = candor_draft_get_update (draft);
  autosave = candor_draft_autosave_new (session, draft);
  query.draft_id = candor_draft_autosave_get_draft_id (autosave);
  open_and_wait (session);

  candor_update_set_field (update, CANDOR_FIELD_IMPACT_NOW, "Payments fail.");
  candor_update_set_translation (update, "ru", CANDOR_FIELD_IMPACT_NOW, "Платежи не проходят.");
  wait_until (draft_has_text, &query);
  g_object_unref (autosave);
  flush_store (candor_session_get_store (session));

  candor_session_load_drafts_async (session, NULL, on_async_done_cb, &result);
  drafts = candor_session_load_drafts_finish (session, wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, ==, 1);
  g_assert_cmpstrv (
    candor_incident_get_other_languages (candor_draft_get_incident (g_ptr_array_index (drafts, 0))),
    other);
  g_assert_cmpstr (
    candor_update_get_translation (candor_draft_get_update (g_ptr_array_index (drafts, 0)), "ru",
                                   CANDOR_FIELD_IMPACT_NOW),
    ==, "Платежи не проходят.");

  customers = candor_audience_list_find (candor_session_get_audiences (session), "customers");
  g_assert_nonnull (customers);
  candor_audience_set_language (customers, "ru");
  g_clear_object (&result);
  candor_audience_list_save_async (candor_session_get_audiences (session), NULL, on_async_done_cb,
                                   &result);
  g_assert_true (candor_audience_list_save_finish (candor_session_get_audiences (session),
                                                   wait_for_result (&result), &error));
  g_assert_no_error (error);

  /* No secret: the keyring is not asked. */
  candor_channel_set_language (channel, "ru");
  g_clear_object (&result);
  candor_channel_list_save_async (candor_session_get_channels (session), channel, NULL, NULL,
                                  on_async_done_cb, &result);
  g_assert_true (candor_channel_list_save_finish (candor_session_get_channels (session),
                                                  wait_for_result (&result), &error));
  g_assert_no_error (error);

  /* Read back as the next run of the app reads them. */
  candor_audience_list_set_store (audiences, candor_session_get_store (session));
  g_clear_object (&result);
  candor_audience_list_load_async (audiences, NULL, on_async_done_cb, &result);
  g_assert_true (candor_audience_list_load_finish (audiences, wait_for_result (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (
    candor_audience_get_language (candor_audience_list_find (audiences, "customers")), ==, "ru");
  g_clear_object (&result);
  candor_channel_list_load_async (channels, candor_session_get_store (session), NULL,
                                  on_async_done_cb, &result);
  g_assert_true (candor_channel_list_load_finish (channels, wait_for_result (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (
    candor_channel_get_language (candor_channel_list_lookup (channels, "support-ru")), ==, "ru");
}

static GPtrArray *
load_contacts (CandorSession *session)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *contacts;

  candor_session_load_contacts_async (session, NULL, on_async_done_cb, &result);
  contacts = candor_session_load_contacts_finish (session, wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (contacts);
  return contacts;
}

static void
save_contact (CandorSession *session, const char *name, const char *reach)
{
  g_autoptr (CandorContact) contact = candor_contact_new (name, reach);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  candor_session_save_contact_async (session, contact, NULL, on_async_done_cb, &result);
  g_assert_true (candor_session_save_contact_finish (session, wait_for_result (&result), &error));
  g_assert_no_error (error);
}

/* Contacts are saved by name and come back sorted by it. */
static void
test_session_contacts_round_trip (Fixture *fixture, gconstpointer data)
{
  CandorSession *session = fixture->session;
  g_autoptr (GPtrArray) contacts = NULL;

  open_and_wait (session);
  contacts = load_contacts (session);
  g_assert_cmpuint (contacts->len, ==, 0);
  g_clear_pointer (&contacts, g_ptr_array_unref);

  save_contact (session, "Sam Lee", "#incidents");
  save_contact (session, "Dana Kim", "status@example.com");
  save_contact (session, "Sam Lee", "+1 555 0100");

  contacts = load_contacts (session);
  g_assert_cmpuint (contacts->len, ==, 2);
  g_assert_cmpstr (candor_contact_get_name (g_ptr_array_index (contacts, 0)), ==, "Dana Kim");
  g_assert_cmpstr (candor_contact_get_reach (g_ptr_array_index (contacts, 0)), ==,
                   "status@example.com");
  g_assert_cmpstr (candor_contact_get_name (g_ptr_array_index (contacts, 1)), ==, "Sam Lee");
  g_assert_cmpstr (candor_contact_get_reach (g_ptr_array_index (contacts, 1)), ==, "+1 555 0100");
}

typedef struct
{
  char      *incident_id;
  char      *title;
  GDateTime *due_at;
} Due;

static void
on_due_cb (CandorReminder *reminder,
           const char     *incident_id,
           const char     *title,
           GDateTime      *due_at,
           gpointer        data)
{
  Due *due = data;

  due->incident_id = g_strdup (incident_id);
  due->title = g_strdup (title);
  due->due_at = g_date_time_ref (due_at);
}

static gboolean
has_fired (gpointer data)
{
  return ((Due *)data)->incident_id != NULL;
}

/* A reminder fires CANDOR_REMINDER_LEAD_MINUTES before the update is due. */
static void
test_session_reminders_fire (Fixture *fixture, gconstpointer data)
{
  CandorReminder *reminder = candor_session_get_reminder (fixture->session);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) soon = g_date_time_add_seconds (now, CANDOR_REMINDER_LEAD_MINUTES * 60 + 2);
  g_autoptr (GDateTime) later = g_date_time_add_hours (now, 2);
  Due    due = { NULL };
  gint64 started = g_get_monotonic_time ();

  g_signal_connect (reminder, "due", G_CALLBACK (on_due_cb), &due);

  /* A new time replaces the old one; a cancelled reminder never fires. */
  candor_reminder_schedule (reminder, "incident-1", "Checkout errors", later);
  candor_reminder_schedule (reminder, "incident-2", "Login is slow", later);
  candor_reminder_cancel (reminder, "incident-2");
  g_assert_false (candor_reminder_is_scheduled (reminder, "incident-2"));
  candor_reminder_schedule (reminder, "incident-1", "Checkout errors", soon);
  g_assert_true (candor_reminder_is_scheduled (reminder, "incident-1"));

  /* Timers of whole seconds fire within a second of their time. */
  g_assert_false (has_fired (&due));
  wait_until (has_fired, &due);
  g_assert_cmpint (g_get_monotonic_time () - started, >=, 500 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpstr (due.incident_id, ==, "incident-1");
  g_assert_cmpstr (due.title, ==, "Checkout errors");
  g_assert_true (g_date_time_equal (due.due_at, soon));
  g_assert_false (candor_reminder_is_scheduled (reminder, "incident-1"));

  g_signal_handlers_disconnect_by_data (reminder, &due);
  g_free (due.incident_id);
  g_free (due.title);
  g_date_time_unref (due.due_at);
}

static void
count_signal_cb (gpointer data)
{
  (*(guint *)data)++;
}

typedef struct
{
  guint *counter;
  guint  at_least;
} SignalQuery;

static gboolean
has_counted (gpointer data)
{
  SignalQuery *query = data;

  return *query->counter >= query->at_least;
}

/* A change made by another program (here another connection, as candor-cli
 * makes) shows without a restart, within a second or two. */
static void
test_session_notices_other_writer (Fixture *fixture, gconstpointer data)
{
  CandorSession *session = fixture->session;
  g_autoptr (CandorStore) other = NULL;
  g_autoptr (CandorIncident) incident = NULL;
  g_autoptr (GDateTime) at = seed_time (9, 0);
  g_autoptr (GError) error = NULL;
  guint       changed = 0;
  SignalQuery query = { &changed, 1 };
  CountQuery  count = { G_LIST_MODEL (candor_session_get_incidents (session)), 1 };
  gint64      written;

  g_signal_connect_swapped (session, "history-changed", G_CALLBACK (count_signal_cb), &changed);
  open_and_wait (session);

  /* Its own writes are not news to it. */
  {
    g_autoptr (GAsyncResult) result = NULL;
    g_autoptr (CandorContact) contact = candor_contact_new ("Ops on call", "ops@example.com");

    candor_session_save_contact_async (session, contact, NULL, on_async_done_cb, &result);
    g_assert_true (candor_session_save_contact_finish (session, wait_for_result (&result), &error));
  }

  other = candor_store_open (fixture->path, &error);
  g_assert_no_error (error);
  written = g_get_monotonic_time ();
  incident = seed_incident (other, "Recorded from a script", CANDOR_SEVERITY_MINOR,
                            CANDOR_INCIDENT_STATE_INVESTIGATING, at, at);

  wait_until (has_counted, &query);
  g_test_message ("Noticed another connection's write after %.0f ms",
                  (g_get_monotonic_time () - written) / 1e3);
  g_assert_cmpint (g_get_monotonic_time () - written, <, 2 * G_USEC_PER_SEC);
  g_assert_cmpuint (changed, ==, 1);
  wait_until (has_n_items, &count);

  g_signal_handlers_disconnect_by_data (session, &changed);
}

/* A template imported elsewhere (candor-cli templates import) is announced. */
static void
test_session_notices_templates (Fixture *fixture, gconstpointer data)
{
  CandorSession   *session = fixture->session;
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "candor", "templates", NULL);
  g_autofree char *file = g_build_filename (dir, "imported.json", NULL);
  guint            changed = 0;
  SignalQuery      query = { &changed, 1 };

  g_signal_connect_swapped (session, "templates-changed", G_CALLBACK (count_signal_cb), &changed);
  open_and_wait (session);

  g_assert_true (g_file_test (dir, G_FILE_TEST_IS_DIR));
  g_assert_true (g_file_set_contents (file, "{}", -1, NULL));
  wait_until (has_counted, &query);

  g_signal_handlers_disconnect_by_data (session, &changed);
}

/* Damage met while the history is open: the session lets go of it and
 * says so as opening a damaged history does, the draft being written stays
 * in memory (and says it is not saved), and recovery carries everything
 * readable over, the draft included. */
static void
test_session_notices_damage (Fixture *fixture, gconstpointer data)
{
  CandorSession *session = fixture->session;
  g_autoptr (CandorDraft) draft = candor_draft_new (NULL, NULL);
  g_autoptr (CandorDraftAutosave) autosave = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) at = seed_time (9, 0);
  g_autofree char *draft_id = NULL;
  DraftQuery       query = { session, NULL, "Saved before the damage" };
  int              contacts_page;

  /* A history with an incident and contacts, its pages on disk. */
  {
    g_autoptr (CandorStore) store = candor_store_open (fixture->path, &error);
    g_autoptr (CandorIncident) incident = NULL;
    sqlite3      *db = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_no_error (error);
    incident = seed_incident (store, "Checkout fails", CANDOR_SEVERITY_MAJOR,
                              CANDOR_INCIDENT_STATE_INVESTIGATING, at, at);
    g_assert_true (candor_store_put_document (store, CANDOR_STORE_DOCUMENT_CONTACT, "Ops",
                                              "{\"name\": \"Ops\", \"reach\": \"ops@example.com\"}",
                                              &error));
    g_clear_object (&store);

    g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db,
                                         "SELECT rootpage FROM sqlite_schema"
                                         " WHERE name = 'contacts'",
                                         -1, &stmt, NULL),
                     ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    contacts_page = sqlite3_column_int (stmt, 0);
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }

  open_and_wait (session);
  autosave = candor_draft_autosave_new (session, draft);
  draft_id = g_strdup (candor_draft_autosave_get_draft_id (autosave));
  query.draft_id = draft_id;
  candor_update_set_field (candor_draft_get_update (draft), CANDOR_FIELD_IMPACT_NOW,
                           "Saved before the damage");
  wait_until (draft_has_text, &query);

  /* Junk over the contacts' page; another connection's write makes the
   * session's connection read the file again. */
  {
    static const char junk[4096] = "junk junk junk junk";
    FILE             *file = fopen (fixture->path, "r+b");
    sqlite3          *db = NULL;

    g_assert_nonnull (file);
    g_assert_cmpint (fseek (file, (long)(contacts_page - 1) * 4096, SEEK_SET), ==, 0);
    g_assert_cmpuint (fwrite (junk, 1, sizeof junk, file), ==, sizeof junk);
    fclose (file);
    g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
    g_assert_cmpint (
      sqlite3_exec (db, "UPDATE incidents SET saved_at = saved_at + 1", NULL, NULL, NULL), ==,
      SQLITE_OK);
    sqlite3_close (db);
  }

  /* Reading the contacts meets the damage... */
  {
    g_autoptr (GAsyncResult) result = NULL;
    g_autoptr (GPtrArray) contacts = NULL;

    candor_session_load_contacts_async (session, NULL, on_async_done_cb, &result);
    contacts = candor_session_load_contacts_finish (session, wait_for_result (&result), &error);
    g_assert_null (contacts);
    g_assert_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_CORRUPT);
    g_clear_error (&error);
  }

  /* ...and the session says so, as for a history that failed to open. */
  wait_until (is_settled_without_store, session);
  g_assert_error (candor_session_get_open_error (session), CANDOR_STORE_ERROR,
                  CANDOR_STORE_ERROR_CORRUPT);
  g_assert_null (candor_session_get_publisher (session));

  /* What is typed now stays with the draft, which says it is not saved. */
  candor_update_set_field (candor_draft_get_update (draft), CANDOR_FIELD_IMPACT_NOW,
                           "Typed after the damage");
  g_assert_true (candor_draft_autosave_get_changed (autosave));

  candor_session_recover (session);
  wait_until (is_settled, session);
  g_assert_no_error (candor_session_get_open_error (session));
  g_assert_nonnull (candor_session_get_damaged_path (session));
  g_assert_nonnull (candor_store_get_salvage (candor_session_get_store (session)));

  /* The incident came through, and the draft is saved into the fresh history. */
  {
    CountQuery count = { G_LIST_MODEL (candor_session_get_incidents (session)), 1 };

    wait_until (has_n_items, &count);
  }
  query.text = "Typed after the damage";
  wait_until (draft_has_text, &query);
  flush_store (candor_session_get_store (session));
  g_assert_finalize_object (g_steal_pointer (&autosave));
  flush_store (candor_session_get_store (session));
}

typedef struct
{
  CandorSession *session;
  CandorStore   *old;
} ReopenQuery;

static gboolean
has_reopened (gpointer data)
{
  ReopenQuery *query = data;
  CandorStore *store = candor_session_get_store (query->session);

  return store != NULL && store != query->old && !candor_session_get_busy (query->session);
}

/* candor-cli history recover run while the app is open: the app lets go of
 * the file set aside (writing nothing more into it) and opens the fresh
 * history in its place. */
static void
test_session_follows_recovery_elsewhere (Fixture *fixture, gconstpointer data)
{
  CandorSession *session = fixture->session;
  g_autoptr (CandorStore) old = NULL;
  g_autoptr (CandorStore) fresh = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *damaged = NULL;
  g_autoptr (GDateTime) at = seed_time (9, 0);
  g_autoptr (CandorIncident) incident = NULL;
  ReopenQuery query = { session, NULL };

  open_and_wait (session);
  old = g_object_ref (candor_session_get_store (session));
  incident = seed_incident (old, "Before the recovery", CANDOR_SEVERITY_MINOR,
                            CANDOR_INCIDENT_STATE_INVESTIGATING, at, at);
  flush_store (old);

  fresh = candor_store_recover (fixture->path, &damaged, &error);
  g_assert_no_error (error);
  g_clear_object (&fresh);

  query.old = old;
  wait_until (has_reopened, &query);
  g_assert_no_error (candor_session_get_open_error (session));
  g_assert_true (candor_store_is_replaced (old));
  g_assert_false (candor_store_save_draft (old, "late", NULL, "{}", &error));
  g_assert_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_CORRUPT);
  g_clear_error (&error);

  /* What the other program carried over is what the session shows. */
  {
    CountQuery count = { G_LIST_MODEL (candor_session_get_incidents (session)), 1 };

    wait_until (has_n_items, &count);
  }
  g_remove (damaged);
}

int
main (int argc, char *argv[])
{
  /* Isolated: the session watches the user's template folder. */
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/session/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("opens-history", test_session_opens_history);
  ADD ("recovers-damaged-history", test_session_recovers_damaged_history);
  ADD ("incidents-load-pages", test_session_incidents_load_pages);
  ADD ("autosave-saves-and-deletes", test_session_autosave_saves_and_deletes);
  ADD ("loads-and-deletes-unsent-drafts", test_session_loads_and_deletes_unsent_drafts);
  ADD ("contacts-round-trip", test_session_contacts_round_trip);
  ADD ("languages-flow-through", test_session_languages_flow_through);
  ADD ("reminders-fire", test_session_reminders_fire);
  ADD ("notices-other-writer", test_session_notices_other_writer);
  ADD ("notices-templates", test_session_notices_templates);
  ADD ("notices-damage", test_session_notices_damage);
  ADD ("follows-recovery-elsewhere", test_session_follows_recovery_elsewhere);

#undef ADD

  return g_test_run ();
}
