/* test-store-history.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "candor-renderer.h"
#include "candor-store-private.h"
#include "candor-store-test-seed.h"

static CandorStore *
open_default_store (void)
{
  g_autoptr (GError) error = NULL;
  CandorStore *store = candor_store_open (NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static int
pragma_int (CandorStore *store, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int           value;

  g_assert_cmpint (sqlite3_prepare_v2 (_candor_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
test_open_creates_history (void)
{
  g_autoptr (CandorStore) store = open_default_store ();
  g_autofree char *expected =
    g_build_filename (g_get_user_data_dir (), "candor", "history.db", NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpstr (candor_store_get_path (store), ==, expected);
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (pragma_int (store, "PRAGMA user_version"), ==,
                   _candor_store_get_schema_version ());
  g_assert_cmpint (pragma_int (store, "PRAGMA foreign_keys"), ==, 1);

  sqlite3_prepare_v2 (_candor_store_get_db (store), "PRAGMA journal_mode", -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);
}

static void
test_incident_round_trip (void)
{
  g_autoptr (CandorStore) store = open_default_store ();
  g_autoptr (GDateTime) started = seed_time (9, 0);
  g_autoptr (GDateTime) detected = seed_time (9, 7);
  g_autoptr (CandorIncident) incident =
    seed_incident (store, "Card payments failing", CANDOR_SEVERITY_MAJOR,
                   CANDOR_INCIDENT_STATE_IDENTIFIED, started, detected);
  g_autoptr (CandorIncident) loaded = NULL;
  g_autoptr (GError) error = NULL;

  candor_incident_set_sla_relevant (incident, TRUE);
  candor_incident_set_title (incident, "Card payments failing in the EU");
  candor_store_save_incident (store, incident, &error);
  g_assert_no_error (error);

  loaded = candor_store_load_incident (store, candor_incident_get_id (incident), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (candor_incident_get_title (loaded), ==, "Card payments failing in the EU");
  g_assert_cmpint (candor_incident_get_severity (loaded), ==, CANDOR_SEVERITY_MAJOR);
  g_assert_cmpint (candor_incident_get_state (loaded), ==, CANDOR_INCIDENT_STATE_IDENTIFIED);
  g_assert_cmpstrv (candor_incident_get_services (loaded),
                    ((const char *[]){ "Payments API", "Checkout", NULL }));
  g_assert_true (g_date_time_equal (candor_incident_get_started_at (loaded), started));
  g_assert_true (g_date_time_equal (candor_incident_get_detected_at (loaded), detected));
  g_assert_null (candor_incident_get_resolved_at (loaded));
  g_assert_true (candor_incident_get_sla_relevant (loaded));
  g_assert_cmpuint (candor_store_count_incidents (store, NULL), ==, 1);

  g_assert_null (candor_store_load_incident (store, "no-such-incident", &error));
  g_assert_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-incident"));
}

static void
save_incident_with_id (CandorStore *store, const char *id)
{
  g_autofree char *json = g_strdup_printf (
    "{\"id\": \"%s\", \"title\": \"Login slow\", \"services\": [], \"severity\": \"minor\", "
    "\"state\": \"investigating\", \"started-at\": \"2026-11-30T09:00:00Z\", "
    "\"detected-at\": null, \"resolved-at\": null, \"language\": \"en\", "
    "\"sla-relevant\": false}",
    id);
  g_autoptr (JsonNode) node = json_from_string (json, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorIncident) incident = candor_incident_from_json (node, &error);

  g_assert_no_error (error);
  candor_store_save_incident (store, incident, &error);
  g_assert_no_error (error);
}

/* An incident is found by its id or by a unique start of it, as git finds a
 * commit; a start that several ids share names some of them. */
static void
test_find_incident_by_prefix (void)
{
  g_autoptr (CandorStore) store = open_default_store ();
  g_autoptr (GError) error = NULL;
  g_autofree char *found = NULL;

  save_incident_with_id (store, "0d9e8f7a-6b5c-4d3e-a2f1-0e9d8c7b6a59");
  save_incident_with_id (store, "0d9e1111-6b5c-4d3e-a2f1-0e9d8c7b6a59");
  save_incident_with_id (store, "7c1d");
  save_incident_with_id (store, "7c1d2e3f-0000-4000-8000-000000000000");

  found = candor_store_find_incident_id (store, "0d9e8", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, "0d9e8f7a-6b5c-4d3e-a2f1-0e9d8c7b6a59");
  g_clear_pointer (&found, g_free);

  /* A whole id wins over the longer ids it starts. */
  found = candor_store_find_incident_id (store, "7c1d", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, "7c1d");

  g_assert_null (candor_store_find_incident_id (store, "0d9e", &error));
  g_assert_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "0d9e8f7a-6b5c-4d3e-a2f1-0e9d8c7b6a59"));
  g_assert_nonnull (strstr (error->message, "0d9e1111-6b5c-4d3e-a2f1-0e9d8c7b6a59"));
  g_clear_error (&error);

  g_assert_null (candor_store_find_incident_id (store, "ffff", &error));
  g_assert_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (candor_store_find_incident_id (store, "", &error));
  g_assert_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_NOT_FOUND);
}

static void
test_record_update_keeps_what_was_sent (void)
{
  g_autoptr (CandorStore) store = open_default_store ();
  g_autoptr (GDateTime) started = seed_time (9, 0);
  g_autoptr (GDateTime) sent_at = seed_time (9, 15);
  g_autoptr (GDateTime) next_at = seed_time (10, 0);
  g_autoptr (CandorIncident) incident =
    seed_incident (store, "Login outage", CANDOR_SEVERITY_CRITICAL,
                   CANDOR_INCIDENT_STATE_INVESTIGATING, started, NULL);
  g_autoptr (CandorUpdate) update = candor_update_new (CANDOR_UPDATE_KIND_INITIAL);
  g_autoptr (GPtrArray) renditions =
    g_ptr_array_new_with_free_func ((GDestroyNotify)candor_sent_rendition_free);
  g_autoptr (GPtrArray) loaded = NULL;
  g_autoptr (GError) error = NULL;
  /* Bytes exactly as sent, CRLF and a NUL included. */
  static const char mime_data[] = "Subject: x\r\n\r\nbody\0tail\r\n";
  g_autoptr (GBytes) mime = g_bytes_new (mime_data, sizeof mime_data - 1);
  const char       *body = "Nobody can sign in.\n\n* Web\n* Mobile  \n"; /* trailing spaces kept */
  CandorSentUpdate *sent;
  CandorSentRendition *rendition;
  CandorPublication   *publication;
  gint64               publication_id;

  candor_update_set_field (update, CANDOR_FIELD_EXECUTIVE_SUMMARY, "Nobody can sign in.");
  candor_update_set_field (update, CANDOR_FIELD_TECHNICAL_DETAILS, "The *session* store is down.");
  candor_update_set_contact_name (update, "Dana Reyes");
  candor_update_set_contact_reach (update, "+1 555 0100");
  candor_update_set_no_lasting_consequences (update, TRUE);
  candor_update_set_next_update_at (update, next_at);
  g_ptr_array_add (renditions, candor_sent_rendition_new ("customers", CANDOR_DIALECT_EMAIL, "en",
                                                          "Sign-in problems", body, mime));
  g_ptr_array_add (renditions, candor_sent_rendition_new ("technical", CANDOR_DIALECT_SLACK, "en",
                                                          NULL, "*Login outage*", NULL));

  candor_store_record_update (store, candor_incident_get_id (incident), update, sent_at, renditions,
                              &error);
  g_assert_no_error (error);
  g_assert_cmpint (((CandorSentRendition *)renditions->pdata[0])->id, >, 0);
  g_assert_cmpint (((CandorSentRendition *)renditions->pdata[1])->id, >, 0);

  publication_id = candor_store_add_publication (
    store, ((CandorSentRendition *)renditions->pdata[0])->id, "smtp-main", &error);
  g_assert_no_error (error);
  candor_store_set_publication_state (store, publication_id, CANDOR_PUBLICATION_STATE_FAILED, NULL,
                                      NULL, "Connection refused", &error);
  g_assert_no_error (error);
  candor_store_set_publication_state (store, publication_id, CANDOR_PUBLICATION_STATE_SENT,
                                      "<id@example.com>", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (candor_store_set_publication_state (store, 999999, CANDOR_PUBLICATION_STATE_SENT,
                                                      NULL, NULL, NULL, &error));
  g_assert_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  loaded = candor_store_load_updates (store, candor_incident_get_id (incident), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 1);
  sent = loaded->pdata[0];
  g_assert_cmpstr (candor_update_get_id (sent->update), ==, candor_update_get_id (update));
  g_assert_cmpint (candor_update_get_kind (sent->update), ==, CANDOR_UPDATE_KIND_INITIAL);
  g_assert_cmpstr (candor_update_get_field (sent->update, CANDOR_FIELD_TECHNICAL_DETAILS), ==,
                   "The *session* store is down.");
  g_assert_cmpstr (candor_update_get_contact_reach (sent->update), ==, "+1 555 0100");
  g_assert_true (candor_update_get_no_lasting_consequences (sent->update));
  g_assert_true (g_date_time_equal (candor_update_get_next_update_at (sent->update), next_at));
  g_assert_true (g_date_time_equal (sent->sent_at, sent_at));
  g_assert_cmpuint (sent->renditions->len, ==, 2);
  rendition = sent->renditions->pdata[0];
  g_assert_cmpstr (rendition->body, ==, body);
  g_assert_cmpstr (rendition->subject, ==, "Sign-in problems");
  g_assert_cmpint (rendition->dialect, ==, CANDOR_DIALECT_EMAIL);
  g_assert_true (g_bytes_equal (rendition->mime, mime));
  g_assert_null (((CandorSentRendition *)sent->renditions->pdata[1])->mime);
  g_assert_cmpuint (sent->publications->len, ==, 1);
  publication = sent->publications->pdata[0];
  g_assert_cmpint (publication->state, ==, CANDOR_PUBLICATION_STATE_SENT);
  g_assert_cmpuint (publication->attempts, ==, 2);
  g_assert_cmpstr (publication->remote_id, ==, "<id@example.com>");
  g_assert_null (publication->last_error);
}

static void
test_records_what_the_renderer_made (void)
{
  g_autoptr (CandorStore) store = open_default_store ();
  g_autoptr (GDateTime) started = seed_time (9, 0);
  g_autoptr (GDateTime) sent_at = seed_time (9, 20);
  g_autoptr (CandorIncident) incident =
    seed_incident (store, "Checkout errors", CANDOR_SEVERITY_MAJOR,
                   CANDOR_INCIDENT_STATE_INVESTIGATING, started, NULL);
  g_autoptr (CandorUpdate) update = candor_update_new (CANDOR_UPDATE_KIND_INITIAL);
  g_autoptr (CandorRenderer) renderer = candor_renderer_new ();
  g_autoptr (GPtrArray) audiences = candor_audience_new_defaults ();
  g_autoptr (GPtrArray) rendered = NULL;
  g_autoptr (GPtrArray) sent =
    g_ptr_array_new_with_free_func ((GDestroyNotify)candor_sent_rendition_free);
  g_autoptr (GPtrArray) loaded = NULL;
  g_autoptr (GBytes) mbox = NULL;
  g_autoptr (GError) error = NULL;
  CandorSentUpdate *back;
  guint             n_email = 0;

  candor_update_set_field (update, CANDOR_FIELD_IMPACT_NOW, "Some orders fail at *checkout*.");
  candor_update_set_field (update, CANDOR_FIELD_EXECUTIVE_SUMMARY,
                           "Customers cannot pay; we are investigating.");
  candor_update_set_contact_name (update, "Dana Reyes");
  candor_renderer_set_email_from (renderer, "Status <status@example.com>");
  candor_renderer_set_email_to (renderer, "customers@example.com");
  rendered = candor_renderer_render_all (renderer, incident, update, audiences, NULL);
  g_assert_cmpuint (rendered->len, >, 0);

  for (guint i = 0; i < rendered->len; i++)
    {
      CandorSentRendition *one =
        candor_sent_rendition_new_from_rendition (rendered->pdata[i], "en", &error);

      g_assert_no_error (error);
      n_email += one->dialect == CANDOR_DIALECT_EMAIL;
      g_ptr_array_add (sent, one);
    }

  candor_store_record_update (store, candor_incident_get_id (incident), update, sent_at, sent,
                              &error);
  g_assert_no_error (error);

  loaded = candor_store_load_updates (store, candor_incident_get_id (incident), &error);
  g_assert_no_error (error);
  back = loaded->pdata[0];
  g_assert_cmpuint (back->renditions->len, ==, rendered->len);
  for (guint i = 0; i < rendered->len; i++)
    {
      CandorRendition     *original = rendered->pdata[i];
      CandorSentRendition *stored = back->renditions->pdata[i];

      g_assert_cmpstr (stored->body, ==, candor_rendition_get_text (original));
      g_assert_cmpstr (stored->subject, ==, candor_rendition_get_subject (original));
      g_assert_cmpstr (stored->html, ==, candor_rendition_get_html (original));
      g_assert_cmpint (stored->dialect, ==, candor_rendition_get_format (original));
      g_assert_cmpstr (stored->channel_id, ==, candor_rendition_get_channel_id (original));
      if (stored->dialect == CANDOR_DIALECT_EMAIL)
        {
          g_assert_true (g_bytes_equal (stored->mime, candor_rendition_get_mime (original, NULL)));
          g_assert_cmpstr (stored->message_id, ==, candor_rendition_get_message_id (original));
        }
    }

  mbox = candor_store_export_incident (store, candor_incident_get_id (incident),
                                       CANDOR_EXPORT_FORMAT_MBOX, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_email, >, 0);
  g_assert_true (g_str_has_prefix (g_bytes_get_data (mbox, NULL), "From status@example.com "));
}

static void
test_record_update_all_or_nothing (void)
{
  g_autoptr (CandorStore) store = open_default_store ();
  g_autoptr (GDateTime) at = seed_time (9, 0);
  g_autoptr (CandorIncident) incident = seed_incident (
    store, "Search slow", CANDOR_SEVERITY_MINOR, CANDOR_INCIDENT_STATE_INVESTIGATING, at, NULL);
  g_autoptr (CandorUpdate) update = candor_update_new (CANDOR_UPDATE_KIND_INITIAL);
  g_autoptr (GPtrArray) renditions =
    g_ptr_array_new_with_free_func ((GDestroyNotify)candor_sent_rendition_free);
  g_autoptr (GPtrArray) loaded = NULL;
  g_autoptr (GError) error = NULL;

  /* The same audience and channel twice breaks a constraint half way. */
  g_ptr_array_add (renditions, candor_sent_rendition_new ("customers", CANDOR_DIALECT_EMAIL, "en",
                                                          "a", "a", NULL));
  g_ptr_array_add (renditions, candor_sent_rendition_new ("customers", CANDOR_DIALECT_EMAIL, "en",
                                                          "b", "b", NULL));
  g_assert_false (candor_store_record_update (store, candor_incident_get_id (incident), update, at,
                                              renditions, &error));
  g_assert_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_cmpint (((CandorSentRendition *)renditions->pdata[0])->id, ==, 0);

  loaded = candor_store_load_updates (store, candor_incident_get_id (incident), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 0);

  g_assert_false (candor_store_record_update (store, "missing", update, at, NULL, &error));
  g_assert_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_NOT_FOUND);
}

static void
test_record_update_inside_callers_transaction (void)
{
  g_autoptr (CandorStore) store = open_default_store ();
  g_autoptr (GDateTime) at = seed_time (9, 0);
  g_autoptr (CandorIncident) incident = seed_incident (store, "Bulk import", CANDOR_SEVERITY_MINOR,
                                                       CANDOR_INCIDENT_STATE_RESOLVED, at, NULL);
  g_autoptr (CandorUpdate) good = candor_update_new (CANDOR_UPDATE_KIND_INITIAL);
  g_autoptr (CandorUpdate) bad = candor_update_new (CANDOR_UPDATE_KIND_PROGRESS);
  g_autoptr (GPtrArray) duplicates =
    g_ptr_array_new_with_free_func ((GDestroyNotify)candor_sent_rendition_free);
  g_autoptr (GPtrArray) loaded = NULL;
  g_autoptr (GError) error = NULL;
  sqlite3 *db = _candor_store_get_db (store);

  g_ptr_array_add (duplicates, candor_sent_rendition_new ("customers", CANDOR_DIALECT_PLAIN, "en",
                                                          NULL, "a", NULL));
  g_ptr_array_add (duplicates, candor_sent_rendition_new ("customers", CANDOR_DIALECT_PLAIN, "en",
                                                          NULL, "b", NULL));

  g_assert_cmpint (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (
    candor_store_record_update (store, candor_incident_get_id (incident), good, at, NULL, &error));
  g_assert_false (candor_store_record_update (store, candor_incident_get_id (incident), bad, at,
                                              duplicates, &error));
  g_clear_error (&error);
  /* The failed update is undone, the caller's transaction goes on. */
  g_assert_false (sqlite3_get_autocommit (db));
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);

  loaded = candor_store_load_updates (store, candor_incident_get_id (incident), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 1);
  g_assert_cmpstr (candor_update_get_id (((CandorSentUpdate *)loaded->pdata[0])->update), ==,
                   candor_update_get_id (good));
}

static void
test_list_pages_newest_first (void)
{
  g_autoptr (CandorStore) store = open_default_store ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) first = NULL;
  g_autoptr (GPtrArray) second = NULL;

  for (int i = 0; i < 7; i++)
    {
      g_autoptr (GDateTime) at = seed_time (8 + i, 0);
      g_autofree char *title = g_strdup_printf ("Incident %d", i);
      g_autoptr (CandorIncident) incident = seed_incident (
        store, title, CANDOR_SEVERITY_MINOR, CANDOR_INCIDENT_STATE_RESOLVED, at, NULL);
    }

  g_assert_cmpuint (candor_store_count_incidents (store, &error), ==, 7);
  first = candor_store_list_incidents (store, 0, 5, &error);
  g_assert_no_error (error);
  second = candor_store_list_incidents (store, 5, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 5);
  g_assert_cmpuint (second->len, ==, 2);
  g_assert_cmpstr (candor_incident_get_title (first->pdata[0]), ==, "Incident 6");
  g_assert_cmpstr (candor_incident_get_title (first->pdata[4]), ==, "Incident 2");
  g_assert_cmpstr (candor_incident_get_title (second->pdata[1]), ==, "Incident 0");
  g_assert_cmpint (candor_incident_get_state (second->pdata[1]), ==,
                   CANDOR_INCIDENT_STATE_RESOLVED);
}

static char *
export_text_in (CandorStore *store, const char *id, CandorExportFormat format, const char *language)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes =
    candor_store_export_incident_in_language (store, id, format, language, &error);
  gsize       size;
  const char *data;

  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &size);
  return g_strndup (data, size);
}

static char *
export_text (CandorStore *store, const char *id, CandorExportFormat format)
{
  return export_text_in (store, id, format, NULL);
}

static CandorSentRendition *
email_in (const char *audience, const char *language, const char *subject, const char *body)
{
  g_autofree char *mime_text = g_strdup_printf (
    "From: Status Desk <status@example.com>\r\nSubject: %s\r\n\r\n%s\r\n", subject, body);
  g_autoptr (GBytes) mime = g_bytes_new (mime_text, strlen (mime_text));

  return candor_sent_rendition_new (audience, CANDOR_DIALECT_EMAIL, language, subject, body, mime);
}

/* One incident in English and Russian: the incident keeps its languages,
 * the update its translations (an outdated one stays outdated, with the
 * text it was written against), each rendition its language; search finds
 * either language, the language filter tells them apart, and an export
 * can be limited to one of them. */
static void
test_several_languages (void)
{
  g_autoptr (CandorStore) store = open_default_store ();
  g_autoptr (GDateTime) started = seed_time (9, 0);
  g_autoptr (GDateTime) sent_at = seed_time (9, 20);
  g_autoptr (CandorIncident) incident =
    seed_incident (store, "Checkout errors", CANDOR_SEVERITY_MAJOR,
                   CANDOR_INCIDENT_STATE_IDENTIFIED, started, NULL);
  g_autoptr (CandorIncident) loaded = NULL;
  g_autoptr (CandorUpdate) update = candor_update_new (CANDOR_UPDATE_KIND_INITIAL);
  g_autoptr (GPtrArray) renditions =
    g_ptr_array_new_with_free_func ((GDestroyNotify)candor_sent_rendition_free);
  g_autoptr (GPtrArray) updates = NULL;
  g_autoptr (GPtrArray) hits = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *json = NULL;
  g_autofree char *md = NULL;
  g_autofree char *mbox = NULL;
  g_autofree char *all_md = NULL;
  g_autofree char *all_json = NULL;
  g_autoptr (JsonNode) all_root = NULL;
  const char *const languages[] = { "ru", NULL };
  const char       *id = candor_incident_get_id (incident);
  CandorSearchQuery query = CANDOR_SEARCH_QUERY_INIT;
  CandorSentUpdate *sent;
  JsonObject       *first;
  JsonArray        *sent_renditions;

  candor_incident_set_other_languages (incident, languages);
  candor_incident_set_title_in (incident, "ru", "Ошибки оформления заказа");
  candor_store_save_incident (store, incident, &error);
  g_assert_no_error (error);

  candor_update_set_field (update, CANDOR_FIELD_IMPACT_NOW, "Payments fail at checkout.");
  candor_update_set_translation (update, "ru", CANDOR_FIELD_IMPACT_NOW,
                                 "Платежи не проходят при оформлении заказа.");
  candor_update_set_field (update, CANDOR_FIELD_EXECUTIVE_SUMMARY, "Some payments fail.");
  candor_update_set_translation (update, "ru", CANDOR_FIELD_EXECUTIVE_SUMMARY,
                                 "Часть платежей не проходит.");
  /* The English summary changes after it was translated. */
  candor_update_set_field (update, CANDOR_FIELD_EXECUTIVE_SUMMARY, "Most payments fail.");

  g_ptr_array_add (renditions,
                   email_in ("customers", "en", "Checkout errors", "Payments fail at checkout."));
  g_ptr_array_add (renditions, email_in ("kunden-ru", "ru", "Ошибки оформления",
                                         "Платежи не проходят при оформлении заказа."));
  candor_store_record_update (store, id, update, sent_at, renditions, &error);
  g_assert_no_error (error);

  loaded = candor_store_load_incident (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (candor_incident_get_other_languages (loaded), languages);
  g_assert_cmpstr (candor_incident_get_title_in (loaded, "ru"), ==, "Ошибки оформления заказа");
  g_assert_cmpstr (candor_incident_get_title_source_in (loaded, "ru"), ==, "Checkout errors");
  g_assert_false (candor_incident_get_title_outdated_in (loaded, "ru"));

  updates = candor_store_load_updates (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (updates->len, ==, 1);
  sent = updates->pdata[0];
  g_assert_cmpstr (candor_update_get_translation (sent->update, "ru", CANDOR_FIELD_IMPACT_NOW), ==,
                   "Платежи не проходят при оформлении заказа.");
  g_assert_false (
    candor_update_get_translation_outdated (sent->update, "ru", CANDOR_FIELD_IMPACT_NOW));
  g_assert_true (
    candor_update_get_translation_outdated (sent->update, "ru", CANDOR_FIELD_EXECUTIVE_SUMMARY));
  g_assert_cmpstr (
    candor_update_get_translation_source (sent->update, "ru", CANDOR_FIELD_EXECUTIVE_SUMMARY), ==,
    "Some payments fail.");
  g_assert_cmpstr (candor_update_get_field (sent->update, CANDOR_FIELD_EXECUTIVE_SUMMARY), ==,
                   "Most payments fail.");
  g_assert_cmpstr (((CandorSentRendition *)sent->renditions->pdata[0])->language, ==, "en");
  g_assert_cmpstr (((CandorSentRendition *)sent->renditions->pdata[1])->language, ==, "ru");

  /* Search finds either language, and the language filter keeps one. */
  query.text = "платежи";
  hits = candor_store_search (store, &query, 0, 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (candor_search_hit_get_language (hits->pdata[0]), ==, "ru");
  g_clear_pointer (&hits, g_ptr_array_unref);
  query.text = "checkout";
  hits = candor_store_search (store, &query, 0, 10, NULL, &error);
  g_assert_no_error (error);
  /* The incident's title and the English email. */
  g_assert_cmpuint (hits->len, ==, 2);
  g_clear_pointer (&hits, g_ptr_array_unref);
  query.text = "checkout";
  query.language = "ru";
  hits = candor_store_search (store, &query, 0, 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  query.text = "платежи";
  hits = candor_store_search (store, &query, 0, 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* The export in Russian: its renditions, its fields as they read in it. */
  json = export_text_in (store, id, CANDOR_EXPORT_FORMAT_JSON, "ru");
  root = json_from_string (json, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "language"), ==,
                   "ru");
  g_assert_cmpstr (
    json_object_get_string_member (
      json_object_get_object_member (json_node_get_object (root), "incident"), "title"),
    ==, "Ошибки оформления заказа");
  first = json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (root), "updates"), 0);
  sent_renditions = json_object_get_array_member (first, "renditions");
  g_assert_cmpuint (json_array_get_length (sent_renditions), ==, 1);
  g_assert_cmpstr (
    json_object_get_string_member (json_array_get_object_element (sent_renditions, 0), "language"),
    ==, "ru");
  g_assert_cmpstr (
    json_object_get_string_member (json_object_get_object_member (first, "fields"), "impact-now"),
    ==, "Платежи не проходят при оформлении заказа.");

  md = export_text_in (store, id, CANDOR_EXPORT_FORMAT_MARKDOWN, "ru");
  g_assert_nonnull (strstr (md, "| Language | ru |"));
  g_assert_true (g_str_has_prefix (md, "# Ошибки оформления заказа\n"));
  g_assert_nonnull (strstr (md, "#### kunden-ru · "));
  g_assert_null (strstr (md, "#### customers · "));
  mbox = export_text_in (store, id, CANDOR_EXPORT_FORMAT_MBOX, "ru");
  g_assert_nonnull (strstr (mbox, "Subject: Ошибки оформления"));
  g_assert_null (strstr (mbox, "Subject: Checkout errors"));

  /* All languages at once: the JSON has the other languages and each
   * update's translations, the report says each message's language. */
  all_json = export_text (store, id, CANDOR_EXPORT_FORMAT_JSON);
  all_root = json_from_string (all_json, &error);
  g_assert_no_error (error);
  g_assert_false (json_object_has_member (json_node_get_object (all_root), "language"));
  g_assert_cmpstr (json_array_get_string_element (
                     json_object_get_array_member (
                       json_object_get_object_member (json_node_get_object (all_root), "incident"),
                       "other-languages"),
                     0),
                   ==, "ru");
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (
                       json_object_get_object_member (json_node_get_object (all_root), "incident"),
                       "title-translations"),
                     "ru"),
                   ==, "Ошибки оформления заказа");
  first = json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (all_root), "updates"), 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (first, "renditions")), ==,
                    2);
  g_assert_cmpstr (
    json_object_get_string_member (
      json_object_get_object_member (json_object_get_object_member (first, "translations"), "ru"),
      "impact-now"),
    ==, "Платежи не проходят при оформлении заказа.");
  all_md = export_text (store, id, CANDOR_EXPORT_FORMAT_MARKDOWN);
  g_assert_nonnull (strstr (all_md, "| Languages | en, ru |"));
  g_assert_true (g_str_has_prefix (all_md, "# Checkout errors\n"));
  g_assert_nonnull (strstr (all_md, "| Title (ru) | Ошибки оформления заказа |"));
  g_assert_nonnull (strstr (all_md, " · ru\n"));
  g_assert_nonnull (strstr (all_md, " · en\n"));

  g_assert_null (
    candor_store_export_incident_in_language (store, id, CANDOR_EXPORT_FORMAT_JSON, "de", &error));
  g_assert_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_NOT_FOUND);
}

static void
test_export_formats (void)
{
  g_autoptr (CandorStore) store = open_default_store ();
  g_autoptr (GDateTime) started = seed_time (9, 0);
  g_autoptr (GDateTime) t1 = seed_time (9, 20);
  g_autoptr (GDateTime) p1 = seed_time (10, 0);
  g_autoptr (GDateTime) t2 = seed_time (10, 45);
  g_autoptr (CandorIncident) incident = seed_incident (
    store, "Payments | EU", CANDOR_SEVERITY_MAJOR, CANDOR_INCIDENT_STATE_RESOLVED, started, NULL);
  g_autoptr (CandorUpdate) u1 =
    seed_update (store, incident, CANDOR_UPDATE_KIND_INITIAL, t1, p1,
                 "Card payments fail.\nFrom 09:00 on, ```code``` seen.");
  g_autoptr (CandorUpdate) u2 =
    seed_update (store, incident, CANDOR_UPDATE_KIND_RESOLUTION, t2, NULL, "Fixed.");
  const char      *id = candor_incident_get_id (incident);
  g_autofree char *md = export_text (store, id, CANDOR_EXPORT_FORMAT_MARKDOWN);
  g_autofree char *json = export_text (store, id, CANDOR_EXPORT_FORMAT_JSON);
  g_autofree char *mbox = export_text (store, id, CANDOR_EXPORT_FORMAT_MBOX);
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) error = NULL;
  JsonObject *object;
  JsonArray  *updates;
  g_auto (GStrv) lines = NULL;
  guint n_from = 0;

  g_assert_true (g_str_has_prefix (md, "# Payments | EU\n"));
  g_assert_nonnull (strstr (md, "| Started | 2026-11-30 09:00 UTC |"));
  g_assert_nonnull (strstr (md, "(after 20 min)"));
  g_assert_nonnull (strstr (md, "| Duration | 1 h 45 min |"));
  g_assert_nonnull (strstr (md, "late by 45 min"));
  /* The body has a run of three backticks: the fence is longer. */
  g_assert_nonnull (strstr (md, "````text\nCard payments fail."));
  g_assert_nonnull (strstr (md, "#### customers · "));

  root = json_from_string (json, &error);
  g_assert_no_error (error);
  object = json_node_get_object (root);
  g_assert_cmpstr (
    json_object_get_string_member (json_object_get_object_member (object, "incident"), "title"), ==,
    "Payments | EU");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (object, "incident"),
                                               "duration-seconds"),
                   ==, 105 * 60);
  updates = json_object_get_array_member (object, "updates");
  g_assert_cmpuint (json_array_get_length (updates), ==, 2);
  g_assert_true (
    json_object_get_boolean_member (json_array_get_object_element (updates, 0), "late"));
  g_assert_cmpstr (
    json_object_get_string_member (json_array_get_object_element (updates, 1), "kind"), ==,
    "resolution");
  {
    JsonObject *rendition = json_array_get_object_element (
      json_object_get_array_member (json_array_get_object_element (updates, 0), "renditions"), 0);

    /* The channel it went through and the dialect it is written in. */
    g_assert_cmpstr (json_object_get_string_member (rendition, "channel"), ==, "email");
    g_assert_cmpstr (json_object_get_string_member (rendition, "dialect"), ==, "email");
  }

  /* One message per email; a body line starting "From " is quoted; LF endings. */
  g_assert_true (g_str_has_prefix (mbox, "From status@example.com Mon Nov 30 09:20:00 2026\n"));
  g_assert_null (strchr (mbox, '\r'));
  lines = g_strsplit (mbox, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "From "))
        n_from++;
    }
  g_assert_cmpuint (n_from, ==, 2);
  g_assert_nonnull (strstr (mbox, "\n>From 09:00 on,"));
  g_assert_nonnull (strstr (mbox, "\n>From here on, updates every hour.\n"));

  g_assert_null (
    candor_store_export_incident (store, "missing", CANDOR_EXPORT_FORMAT_JSON, &error));
  g_assert_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_NOT_FOUND);
}

static void
test_drafts_and_documents (void)
{
  g_autoptr (CandorStore) store = open_default_store ();
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;
  g_auto (GStrv) ids = NULL;

  candor_store_save_draft (store, "d1", NULL, "{\"v\":1}", &error);
  g_assert_no_error (error);
  candor_store_save_draft (store, "d2", "i1", "{\"v\":2}", &error);
  g_assert_no_error (error);
  candor_store_save_draft (store, "d1", NULL, "{\"v\":3}", &error);
  g_assert_no_error (error);
  json = candor_store_load_draft (store, "d1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json, ==, "{\"v\":3}");
  ids = candor_store_list_drafts (store, &error);
  g_assert_cmpuint (g_strv_length (ids), ==, 2);
  candor_store_delete_draft (store, "d1", &error);
  g_assert_no_error (error);
  g_assert_null (candor_store_load_draft (store, "d1", &error));
  g_assert_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  candor_store_put_document (store, CANDOR_STORE_DOCUMENT_AUDIENCE, "customers",
                             "{\"name\":\"Customers\"}", &error);
  g_assert_no_error (error);
  candor_store_put_document (store, CANDOR_STORE_DOCUMENT_CHANNEL, "slack-ops",
                             "{\"kind\":\"slack\",\"channel\":\"#ops\"}", &error);
  g_assert_no_error (error);
  g_clear_pointer (&json, g_free);
  json = candor_store_get_document (store, CANDOR_STORE_DOCUMENT_CHANNEL, "slack-ops", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json, ==, "{\"kind\":\"slack\",\"channel\":\"#ops\"}");

  /* Secrets never reach the file, however deep. */
  g_assert_false (candor_store_put_document (store, CANDOR_STORE_DOCUMENT_CHANNEL, "smtp",
                                             "{\"server\":{\"host\":\"x\",\"Password\":\"p\"}}",
                                             &error));
  g_assert_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Password"));
  g_clear_error (&error);
  g_assert_false (
    candor_store_put_document (store, CANDOR_STORE_DOCUMENT_TEMPLATE, "t", "[1,", &error));
  g_assert_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_clear_pointer (&ids, g_strfreev);
  ids = candor_store_list_documents (store, CANDOR_STORE_DOCUMENT_CHANNEL, &error);
  g_assert_cmpstrv (ids, ((const char *[]){ "slack-ops", NULL }));
  candor_store_delete_document (store, CANDOR_STORE_DOCUMENT_CHANNEL, "slack-ops", &error);
  g_assert_no_error (error);
  g_clear_pointer (&ids, g_strfreev);
  ids = candor_store_list_documents (store, CANDOR_STORE_DOCUMENT_CHANNEL, &error);
  g_assert_cmpuint (g_strv_length (ids), ==, 0);
}

static void
test_two_connections_share_the_file (void)
{
  g_autoptr (CandorStore) app = open_default_store ();
  g_autoptr (CandorStore) cli = open_default_store ();
  g_autoptr (GDateTime) at = seed_time (9, 0);
  g_autoptr (CandorIncident) incident = seed_incident (
    app, "Shared", CANDOR_SEVERITY_MINOR, CANDOR_INCIDENT_STATE_INVESTIGATING, at, NULL);
  g_autoptr (CandorUpdate) update =
    seed_update (cli, incident, CANDOR_UPDATE_KIND_INITIAL, at, NULL, "Written by the other one");
  g_autoptr (GPtrArray) seen =
    candor_store_load_updates (app, candor_incident_get_id (incident), NULL);

  g_assert_cmpuint (seen->len, ==, 1);
}

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} AsyncWait;

static void
on_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  AsyncWait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

static GAsyncResult *
wait_for (AsyncWait *wait)
{
  g_main_loop_run (wait->loop);
  return wait->result;
}

static void
test_async_api (void)
{
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncWait wait = { loop, NULL };
  g_autoptr (CandorStore) store = NULL;
  g_autoptr (CandorIncident) incident = candor_incident_new ("Async outage");
  g_autoptr (CandorUpdate) update = candor_update_new (CANDOR_UPDATE_KIND_INITIAL);
  g_autoptr (GDateTime) at = seed_time (9, 0);
  g_autoptr (GPtrArray) renditions =
    g_ptr_array_new_with_free_func ((GDestroyNotify)candor_sent_rendition_free);
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GPtrArray) hits = NULL;
  g_autoptr (GBytes) exported = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  CandorSearchQuery query = CANDOR_SEARCH_QUERY_INIT;
  gboolean          has_more = TRUE;

  candor_store_open_async (NULL, NULL, on_done, &wait);
  store = candor_store_open_finish (wait_for (&wait), &error);
  g_assert_no_error (error);
  g_clear_object (&wait.result);

  candor_incident_set_started_at (incident, at);
  candor_store_save_incident_async (store, incident, NULL, on_done, &wait);
  g_assert_true (candor_store_save_incident_finish (store, wait_for (&wait), &error));
  g_assert_no_error (error);
  g_clear_object (&wait.result);

  g_ptr_array_add (renditions,
                   candor_sent_rendition_new ("customers", CANDOR_DIALECT_PLAIN, "en", NULL,
                                              "Asynchronous zebra crossing", NULL));
  candor_store_record_update_async (store, candor_incident_get_id (incident), update, at,
                                    renditions, NULL, on_done, &wait);
  g_assert_true (candor_store_record_update_finish (store, wait_for (&wait), &error));
  g_assert_no_error (error);
  g_clear_object (&wait.result);

  candor_store_list_incidents_async (store, 0, 10, NULL, on_done, &wait);
  list = candor_store_list_incidents_finish (store, wait_for (&wait), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_object (&wait.result);

  query.text = "zebr";
  candor_store_search_async (store, &query, 0, 10, NULL, on_done, &wait);
  hits = candor_store_search_finish (store, wait_for (&wait), &has_more, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_false (has_more);
  g_clear_object (&wait.result);

  candor_store_export_incident_async (store, candor_incident_get_id (incident),
                                      CANDOR_EXPORT_FORMAT_MARKDOWN, NULL, on_done, &wait);
  exported = candor_store_export_incident_finish (store, wait_for (&wait), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (exported), >, 0);
  g_clear_object (&wait.result);

  candor_store_save_draft_async (store, "d", NULL, "{}", NULL, on_done, &wait);
  g_assert_true (candor_store_save_draft_finish (store, wait_for (&wait), &error));
  g_clear_object (&wait.result);

  g_cancellable_cancel (cancellable);
  candor_store_load_updates_async (store, candor_incident_get_id (incident), cancellable, on_done,
                                   &wait);
  g_assert_null (candor_store_load_updates_finish (store, wait_for (&wait), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_object (&wait.result);

  /* The store outlives its last caller's reference while a job runs. */
  candor_store_list_incidents_async (store, 0, 1, NULL, on_done, &wait);
  g_clear_object (&store);
  g_clear_pointer (&list, g_ptr_array_unref);
  wait_for (&wait);
  store = CANDOR_STORE (g_async_result_get_source_object (wait.result));
  list = candor_store_list_incidents_finish (store, wait.result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_object (&wait.result);
}

/* Configured channels persist as channel documents, secrets never. */
static void
test_channels_as_documents (void)
{
  g_autoptr (CandorStore) store = open_default_store ();
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorChannel) ops = candor_channel_new ("ops-list", "email", "Ops list");
  g_autoptr (CandorChannel) slack = candor_channel_new ("slack-ops", "slack", "#ops");
  g_autoptr (GPtrArray) channels = NULL;
  g_autofree char *json = NULL;
  CandorChannel   *read;

  g_assert_true (candor_channel_set_setting (ops, "to", "ops@example.com", NULL));
  g_assert_true (candor_store_put_channel (store, ops, &error));
  g_assert_no_error (error);
  g_assert_true (candor_store_put_channel (store, slack, &error));
  g_assert_no_error (error);

  json = candor_store_get_document (store, CANDOR_STORE_DOCUMENT_CHANNEL, "ops-list", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json, ==,
                   "{\"id\":\"ops-list\",\"kind\":\"email\",\"name\":\"Ops list\","
                   "\"settings\":{\"to\":\"ops@example.com\"}}");

  channels = candor_store_load_channels (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (channels->len, ==, 2);
  read = g_ptr_array_index (channels, 0);
  g_assert_cmpstr (candor_channel_get_id (read), ==, "ops-list");
  g_assert_cmpstr (candor_channel_get_setting (read, "to"), ==, "ops@example.com");
  g_assert_cmpstr (candor_channel_get_name (g_ptr_array_index (channels, 1)), ==, "#ops");
  g_clear_pointer (&channels, g_ptr_array_unref);

  /* A document that is not a channel is said, not skipped. */
  g_assert_true (candor_store_put_document (store, CANDOR_STORE_DOCUMENT_CHANNEL, "odd",
                                            "{\"kind\":\"fax\"}", &error));
  g_assert_no_error (error);
  channels = candor_store_load_channels (store, &error);
  g_assert_null (channels);
  g_assert_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "odd"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/history/open-creates-history", test_open_creates_history);
  g_test_add_func ("/store/history/incident-round-trip", test_incident_round_trip);
  g_test_add_func ("/store/history/find-incident-by-prefix", test_find_incident_by_prefix);
  g_test_add_func ("/store/history/record-update-keeps-what-was-sent",
                   test_record_update_keeps_what_was_sent);
  g_test_add_func ("/store/history/records-what-the-renderer-made",
                   test_records_what_the_renderer_made);
  g_test_add_func ("/store/history/record-update-all-or-nothing",
                   test_record_update_all_or_nothing);
  g_test_add_func ("/store/history/record-update-inside-callers-transaction",
                   test_record_update_inside_callers_transaction);
  g_test_add_func ("/store/history/list-pages-newest-first", test_list_pages_newest_first);
  g_test_add_func ("/store/history/export-formats", test_export_formats);
  g_test_add_func ("/store/history/several-languages", test_several_languages);
  g_test_add_func ("/store/history/drafts-and-documents", test_drafts_and_documents);
  g_test_add_func ("/store/history/channels-as-documents", test_channels_as_documents);
  g_test_add_func ("/store/history/two-connections-share-the-file",
                   test_two_connections_share_the_file);
  g_test_add_func ("/store/history/async-api", test_async_api);

  return g_test_run ();
}
