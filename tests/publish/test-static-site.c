/* test-static-site.c
 *
 * The static status site: the files it writes, their escaping, atomic
 * replacement, incremental updates, and the channel's client through the
 * publisher, which gives it the history.
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "candor-channel-client.h"
#include "candor-channel-history.h"
#include "candor-publish-error.h"
#include "candor-publisher.h"
#include "candor-rendition-private.h"
#include "candor-static-site.h"

#define CHANNEL "status-site"

typedef struct
{
  char        *dir;
  char        *folder;
  CandorStore *store;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("candor-site-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->folder = g_build_filename (fixture->dir, "public", NULL);
  path = g_build_filename (fixture->dir, "history.db", NULL);
  fixture->store = candor_store_open (path, &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR))
          remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->store);
  remove_tree (fixture->dir);
  g_free (fixture->folder);
  g_free (fixture->dir);
}

static CandorIncident *
add_incident (Fixture            *fixture,
              const char         *title,
              const char         *language,
              CandorIncidentState state,
              int                 day)
{
  g_autoptr (CandorIncident) incident = candor_incident_new (title);
  g_autoptr (GDateTime) started = g_date_time_new_utc (2026, 3, day, 9, 30, 0);
  g_autoptr (GError) error = NULL;

  candor_incident_set_language (incident, language);
  candor_incident_set_state (incident, state);
  candor_incident_set_severity (incident, CANDOR_SEVERITY_MAJOR);
  candor_incident_set_services (incident, (const char *[]){ "Payments API", "Checkout", NULL });
  candor_incident_set_started_at (incident, started);
  g_assert_true (candor_store_save_incident (fixture->store, incident, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&incident);
}

/* Records an update of @incident sent through the site's channel (and an
 * email the site must not show); returns the site rendition's id. */
static gint64
add_update_in (Fixture         *fixture,
               CandorIncident  *incident,
               CandorUpdateKind kind,
               const char      *text,
               const char      *language,
               int              day,
               int              hour)
{
  g_autoptr (CandorUpdate) update = candor_update_new (kind);
  g_autoptr (GPtrArray) renditions =
    g_ptr_array_new_with_free_func ((GDestroyNotify)candor_sent_rendition_free);
  g_autoptr (GDateTime) sent_at = g_date_time_new_utc (2026, 3, day, hour, 5, 0);
  g_autoptr (GError) error = NULL;
  CandorSentRendition *site =
    candor_sent_rendition_new ("customers", CANDOR_DIALECT_STATUS_PAGE, language,
                               candor_incident_get_title (incident), text, NULL);

  g_free (site->channel_id);
  site->channel_id = g_strdup (CHANNEL);
  g_ptr_array_add (renditions, site);
  g_ptr_array_add (renditions, candor_sent_rendition_new ("technical", CANDOR_DIALECT_SLACK, "en",
                                                          NULL, "INTERNAL ONLY", NULL));
  g_assert_true (candor_store_record_update (fixture->store, candor_incident_get_id (incident),
                                             update, sent_at, renditions, &error));
  g_assert_no_error (error);

  return site->id;
}

/* The same, the site's post in the incident's own language. */
static gint64
add_update (Fixture         *fixture,
            CandorIncident  *incident,
            CandorUpdateKind kind,
            const char      *text,
            int              day,
            int              hour)
{
  return add_update_in (fixture, incident, kind, text, candor_incident_get_language (incident), day,
                        hour);
}

static char *
read_site_file (Fixture *fixture, const char *path)
{
  g_autofree char *filename = g_build_filename (fixture->folder, path, NULL);
  g_autoptr (GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (filename, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static gboolean
site_file_exists (Fixture *fixture, const char *path)
{
  g_autofree char *filename = g_build_filename (fixture->folder, path, NULL);

  return g_file_test (filename, G_FILE_TEST_IS_REGULAR);
}

static void
write_site (Fixture *fixture, const char *incident_id, CandorStaticSiteStats *stats)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (candor_static_site_write (fixture->store, CHANNEL, fixture->folder,
                                           "Example status", "en", incident_id, stats, &error));
  g_assert_no_error (error);
}

/* No temporary file is left behind in @path, nor below it. */
static void
assert_no_leftovers (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        assert_no_leftovers (child);
      else if (name[0] == '.')
        g_assert_cmpstr (name, ==, ".candor-site");
    }
}

static void
test_files (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CandorIncident) payments =
    add_incident (fixture, "Payments fail", "en", CANDOR_INCIDENT_STATE_RESOLVED, 3);
  g_autoptr (CandorIncident) login =
    add_incident (fixture, "Login is slow", "en", CANDOR_INCIDENT_STATE_INVESTIGATING, 20);
  g_autoptr (CandorIncident) internal =
    add_incident (fixture, "Internal only", "en", CANDOR_INCIDENT_STATE_RESOLVED, 21);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char      *payments_path = NULL;
  g_autofree char      *index = NULL;
  g_autofree char      *page = NULL;
  g_autofree char      *feed = NULL;
  g_autofree char      *json = NULL;
  g_autofree char      *archive = NULL;
  g_autofree char      *month = NULL;
  JsonObject           *root;
  JsonArray            *incidents;
  CandorStaticSiteStats stats = { 0 };

  add_update (fixture, payments, CANDOR_UPDATE_KIND_INITIAL, "Card payments fail.", 3, 10);
  add_update (fixture, payments, CANDOR_UPDATE_KIND_RESOLUTION,
              "Payments work again.\n\nDetails: https://example.com/report.", 3, 12);
  add_update (fixture, login, CANDOR_UPDATE_KIND_INITIAL, "Sign-in takes a minute.", 20, 10);
  /* Sent to Slack only: not public, so not on the site. */
  {
    g_autoptr (CandorUpdate) update = candor_update_new (CANDOR_UPDATE_KIND_INITIAL);
    g_autoptr (GPtrArray) renditions =
      g_ptr_array_new_with_free_func ((GDestroyNotify)candor_sent_rendition_free);
    g_autoptr (GDateTime) sent_at = g_date_time_new_utc (2026, 3, 21, 9, 0, 0);

    g_ptr_array_add (renditions, candor_sent_rendition_new ("technical", CANDOR_DIALECT_SLACK, "en",
                                                            NULL, "INTERNAL ONLY", NULL));
    g_assert_true (candor_store_record_update (fixture->store, candor_incident_get_id (internal),
                                               update, sent_at, renditions, &error));
  }

  write_site (fixture, NULL, &stats);

  /* index, style, feed, json, the archive's index, one month, two incidents, the marker */
  g_assert_cmpuint (stats.n_written, ==, 9);
  g_assert_cmpuint (stats.n_unchanged, ==, 0);
  payments_path = candor_static_site_incident_path (candor_incident_get_id (payments));
  g_assert_true (site_file_exists (fixture, payments_path));
  g_assert_true (site_file_exists (fixture, "style.css"));
  g_assert_true (site_file_exists (fixture, "archive/2026-03.html"));
  assert_no_leftovers (fixture->folder);

  index = read_site_file (fixture, "index.html");
  g_assert_true (g_str_has_prefix (index, "<!DOCTYPE html>\n<html lang=\"en\">"));
  g_assert_nonnull (strstr (index, "<main id=\"main\""));
  g_assert_nonnull (strstr (index, "Partial outage"));
  g_assert_nonnull (strstr (index, "Login is slow"));
  g_assert_nonnull (strstr (index, payments_path));
  g_assert_null (strstr (index, "Internal only"));
  g_assert_null (strstr (index, "<script"));

  page = read_site_file (fixture, payments_path);
  g_assert_nonnull (strstr (page, "<h1>Payments fail</h1>"));
  g_assert_nonnull (strstr (page, "Payments API, Checkout"));
  g_assert_nonnull (strstr (page, "<a href=\"https://example.com/report\">"));
  /* A blank line parts paragraphs; the full stop stays out of the link. */
  g_assert_nonnull (strstr (page, "<p>Payments work again.</p>\n<p>Details: <a href="));
  g_assert_nonnull (strstr (page, "example.com/report</a>.</p>"));
  g_assert_null (strstr (page, "INTERNAL ONLY"));
  /* Newest first. */
  g_assert_true (strstr (page, "Payments work again") < strstr (page, "Card payments fail"));
  g_assert_nonnull (strstr (page, "href=\"../style.css\""));

  feed = read_site_file (fixture, "feed.atom");
  g_assert_nonnull (strstr (feed, "<feed xmlns=\"http://www.w3.org/2005/Atom\""));
  g_assert_nonnull (strstr (feed, "<updated>2026-03-20T10:05:00Z</updated>"));
  {
    g_auto (GStrv) entries = g_strsplit (feed, "<entry ", -1);

    g_assert_cmpuint (g_strv_length (entries) - 1, ==, 3);
  }

  json = read_site_file (fixture, "status.json");
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (
    json_object_get_string_member (json_object_get_object_member (root, "status"), "indicator"), ==,
    "major");
  incidents = json_object_get_array_member (root, "incidents");
  g_assert_cmpuint (json_array_get_length (incidents), ==, 2);
  g_assert_cmpstr (
    json_object_get_string_member (json_array_get_object_element (incidents, 0), "title"), ==,
    "Login is slow");

  archive = read_site_file (fixture, "archive/index.html");
  g_assert_nonnull (strstr (archive, "<a href=\"2026-03.html\">March 2026</a>"));
  month = read_site_file (fixture, "archive/2026-03.html");
  g_assert_nonnull (strstr (month, "Payments fail"));
  g_assert_nonnull (strstr (month, "Login is slow"));
}

static void
test_escaping (Fixture *fixture, gconstpointer data)
{
  const char *title = "<script>alert(\"x\")</script> & <b>Co</b>'s \"API\"";
  g_autoptr (CandorIncident) incident =
    add_incident (fixture, title, "en", CANDOR_INCIDENT_STATE_INVESTIGATING, 4);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *path = candor_static_site_incident_path (candor_incident_get_id (incident));
  const char      *files[] = { "index.html", "feed.atom", "archive/2026-03.html", path };
  g_autofree char *json = NULL;
  JsonArray       *incidents;

  add_update (fixture, incident, CANDOR_UPDATE_KIND_INITIAL,
              "Body <img src=x onerror=alert(1)> & \"quotes\"\nhttps://x.example/?a=1&b=\"2\"", 4,
              10);
  write_site (fixture, NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *text = read_site_file (fixture, files[i]);

      g_assert_null (strstr (text, "<script"));
      g_assert_null (strstr (text, "<b>Co"));
      g_assert_nonnull (strstr (text, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; "
                                      "&lt;b&gt;Co&lt;/b&gt;&#39;s &quot;API&quot;"));
    }

  {
    g_autofree char *page = read_site_file (fixture, path);

    g_assert_null (strstr (page, "<img"));
    g_assert_nonnull (strstr (page, "&lt;img src=x onerror=alert(1)&gt;"));
    /* The address stops at the quote; its & is escaped in the attribute. */
    g_assert_nonnull (strstr (page, "<a href=\"https://x.example/?a=1&amp;b=\">"));
  }

  json = read_site_file (fixture, "status.json");
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  incidents = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                            "incidents");
  g_assert_cmpstr (
    json_object_get_string_member (json_array_get_object_element (incidents, 0), "title"), ==,
    title);
}

static void
test_incremental (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CandorIncident) old =
    add_incident (fixture, "Old problem", "en", CANDOR_INCIDENT_STATE_RESOLVED, 1);
  g_autoptr (CandorIncident) current =
    add_incident (fixture, "Current problem", "en", CANDOR_INCIDENT_STATE_INVESTIGATING, 25);
  g_autofree char      *old_path = candor_static_site_incident_path (candor_incident_get_id (old));
  g_autofree char      *old_file = NULL;
  g_autofree char      *index = NULL;
  g_autofree char      *page = NULL;
  CandorStaticSiteStats stats = { 0 };
  GStatBuf              before, after;

  add_update (fixture, old, CANDOR_UPDATE_KIND_INITIAL, "Old news.", 1, 10);
  add_update (fixture, current, CANDOR_UPDATE_KIND_INITIAL, "First words.", 25, 10);
  write_site (fixture, NULL, NULL);

  old_file = g_build_filename (fixture->folder, old_path, NULL);
  g_assert_cmpint (g_stat (old_file, &before), ==, 0);

  /* The same history again: every page renders as it is, nothing is written. */
  write_site (fixture, NULL, &stats);
  g_assert_cmpuint (stats.n_written, ==, 0);
  g_assert_cmpuint (stats.n_unchanged, ==, 9);

  /* A new update to the current incident: its page, its month, the index,
   * the feed and the JSON; the style and the archive's index are rendered
   * and found unchanged; the old incident's page is not even rendered. */
  add_update (fixture, current, CANDOR_UPDATE_KIND_PROGRESS, "Second words.", 25, 12);
  memset (&stats, 0, sizeof stats);
  write_site (fixture, candor_incident_get_id (current), &stats);
  g_assert_cmpuint (stats.n_written, ==, 5);
  g_assert_cmpuint (stats.n_unchanged, ==, 2);
  g_assert_cmpint (g_stat (old_file, &after), ==, 0);
  g_assert_cmpuint (before.st_ino, ==, after.st_ino);
  g_assert_cmpint (before.st_mtime, ==, after.st_mtime);

  index = read_site_file (fixture, "index.html");
  g_assert_nonnull (strstr (index, "Second words."));
  {
    g_autofree char *path = candor_static_site_incident_path (candor_incident_get_id (current));

    page = read_site_file (fixture, path);
    g_assert_nonnull (strstr (page, "Second words."));
  }

  /* What an incremental write leaves is what a whole rebuild makes. */
  memset (&stats, 0, sizeof stats);
  write_site (fixture, NULL, &stats);
  g_assert_cmpuint (stats.n_written, ==, 0);

  /* A site of another shape (an older Candor) or channel is written whole. */
  {
    g_autofree char *marker = g_build_filename (fixture->folder, ".candor-site", NULL);

    g_assert_true (g_file_set_contents (marker, "candor-static-site 0\n", -1, NULL));
    memset (&stats, 0, sizeof stats);
    write_site (fixture, candor_incident_get_id (current), &stats);
    g_assert_cmpuint (stats.n_written + stats.n_unchanged, ==, 9);
  }
}

static void
test_atomic (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CandorIncident) incident =
    add_incident (fixture, "Search is down", "en", CANDOR_INCIDENT_STATE_INVESTIGATING, 8);
  g_autofree char *index = g_build_filename (fixture->folder, "index.html", NULL);
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  GString         *seen = g_string_new (NULL);
  char             buffer[4096];
  gssize           n;
  int              fd;

  add_update (fixture, incident, CANDOR_UPDATE_KIND_INITIAL, "Search returns nothing.", 8, 10);
  write_site (fixture, NULL, NULL);
  g_assert_true (g_file_get_contents (index, &old_text, NULL, NULL));

  /* A reader that opened the index before the update reads the old one to
   * its end: the new one arrives as a new file renamed over it. */
  fd = g_open (index, O_RDONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  add_update (fixture, incident, CANDOR_UPDATE_KIND_RESOLUTION, "Search works again.", 8, 11);
  candor_incident_set_state (incident, CANDOR_INCIDENT_STATE_RESOLVED);
  g_assert_true (candor_store_save_incident (fixture->store, incident, NULL));
  write_site (fixture, candor_incident_get_id (incident), NULL);

  while ((n = read (fd, buffer, sizeof buffer)) > 0)
    g_string_append_len (seen, buffer, n);
  close (fd);
  g_assert_cmpstr (seen->str, ==, old_text);
  g_string_free (seen, TRUE);

  g_assert_true (g_file_get_contents (index, &new_text, NULL, NULL));
  g_assert_cmpstr (new_text, !=, old_text);
  g_assert_nonnull (strstr (new_text, "All systems operational"));
  assert_no_leftovers (fixture->folder);
}

static void
test_languages (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CandorIncident) incident =
    add_incident (fixture, "Платежи не проходят", "ru", CANDOR_INCIDENT_STATE_MONITORING, 12);
  g_autofree char *path = candor_static_site_incident_path (candor_incident_get_id (incident));
  g_autofree char *page = NULL;
  g_autofree char *index = NULL;
  g_autoptr (GError) error = NULL;

  add_update (fixture, incident, CANDOR_UPDATE_KIND_INITIAL, "Мы разбираемся.", 12, 10);
  g_assert_true (candor_static_site_write (fixture->store, CHANNEL, fixture->folder, "Статус", "ru",
                                           NULL, NULL, &error));
  g_assert_no_error (error);

  index = read_site_file (fixture, "index.html");
  g_assert_nonnull (strstr (index, "<html lang=\"ru\">"));
  g_assert_nonnull (strstr (index, "Активные инциденты"));
  page = read_site_file (fixture, path);
  g_assert_nonnull (strstr (page, "<html lang=\"ru\">"));
  g_assert_nonnull (strstr (page, "<h2 id=\"updates\">Обновления</h2>"));
  g_assert_nonnull (strstr (page, "12 марта 2026, 10:05 UTC"));
  g_assert_nonnull (strstr (page, "Наблюдаем"));

  /* An English incident on a Russian site keeps its own language. */
  {
    g_autoptr (CandorIncident) english =
      add_incident (fixture, "Exports stall", "en", CANDOR_INCIDENT_STATE_MONITORING, 13);
    g_autofree char *english_path =
      candor_static_site_incident_path (candor_incident_get_id (english));
    g_autofree char *english_page = NULL;

    add_update (fixture, english, CANDOR_UPDATE_KIND_INITIAL, "Exports stall.", 13, 10);
    g_assert_true (candor_static_site_write (fixture->store, CHANNEL, fixture->folder, "Статус",
                                             "ru", candor_incident_get_id (english), NULL, &error));
    english_page = read_site_file (fixture, english_path);
    g_assert_nonnull (strstr (english_page, "<html lang=\"en\">"));
    g_assert_nonnull (strstr (english_page, ">Updates</h2>"));
  }
}

/* An English site of an incident written first in Russian: the channel's
 * posts are English, and so is everything around them. */
static void
test_site_in_other_language (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CandorIncident) incident =
    add_incident (fixture, "Платежи не проходят", "ru", CANDOR_INCIDENT_STATE_MONITORING, 12);
  g_autofree char *path = candor_static_site_incident_path (candor_incident_get_id (incident));
  g_autofree char *page = NULL;
  g_autofree char *json = NULL;
  g_autoptr (GError) error = NULL;

  candor_incident_set_title_in (incident, "en", "Payments fail");
  g_assert_true (candor_store_save_incident (fixture->store, incident, &error));
  g_assert_no_error (error);
  add_update_in (fixture, incident, CANDOR_UPDATE_KIND_INITIAL, "We are looking into it.", "en", 12,
                 10);
  write_site (fixture, NULL, NULL);

  page = read_site_file (fixture, path);
  g_assert_nonnull (strstr (page, "<html lang=\"en\">"));
  g_assert_nonnull (strstr (page, "<h1>Payments fail</h1>"));
  g_assert_null (strstr (page, "Платежи"));
  g_assert_nonnull (strstr (page, ">Updates</h2>"));
  g_assert_null (strstr (page, "Обновления"));
  json = read_site_file (fixture, "status.json");
  g_assert_nonnull (strstr (json, "\"language\" : \"en\""));
}

/* A folder with somebody else's website is not written over. */
static void
test_foreign_folder (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CandorIncident) incident =
    add_incident (fixture, "Uploads stall", "en", CANDOR_INCIDENT_STATE_INVESTIGATING, 6);
  g_autofree char *index = g_build_filename (fixture->folder, "index.html", NULL);
  g_autofree char *kept = NULL;
  g_autoptr (GError) error = NULL;

  add_update (fixture, incident, CANDOR_UPDATE_KIND_INITIAL, "Uploads stall at 99%.", 6, 10);
  g_assert_cmpint (g_mkdir_with_parents (fixture->folder, 0755), ==, 0);
  g_assert_true (g_file_set_contents (index, "<h1>My blog</h1>", -1, NULL));

  g_assert_false (candor_static_site_write (fixture->store, CHANNEL, fixture->folder,
                                            "Example status", "en", NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_true (g_file_get_contents (index, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, "<h1>My blog</h1>");
  g_assert_false (site_file_exists (fixture, "feed.atom"));
  {
    g_autofree char *incidents = g_build_filename (fixture->folder, "incidents", NULL);

    g_assert_false (g_file_test (incidents, G_FILE_TEST_EXISTS));
  }
}

static CandorChannel *
lookup_channel (const char *channel_id, gpointer user_data)
{
  return g_str_equal (channel_id, CHANNEL) ? user_data : NULL;
}

static void
on_published_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static void
test_publisher (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CandorChannel) channel = candor_channel_new (CHANNEL, "static-site", "Acme status");
  g_autoptr (CandorHttp) http = candor_http_new (NULL);
  g_autoptr (GHashTable) secrets = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (CandorPublisher) publisher = NULL;
  g_autoptr (CandorIncident) incident = candor_incident_new ("Checkout errors");
  g_autoptr (CandorUpdate) update = candor_update_new (CANDOR_UPDATE_KIND_INITIAL);
  g_autoptr (GPtrArray) renditions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (CandorSentUpdate) sent = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char   *path = candor_static_site_incident_path (candor_incident_get_id (incident));
  g_autofree char   *page = NULL;
  g_autofree char   *index = NULL;
  g_autofree char   *expected_url = NULL;
  CandorPublication *publication;

  g_assert_true (candor_channel_set_setting (channel, "folder", fixture->folder, &error));
  g_assert_no_error (error);
  /* A Russian site: its index speaks Russian whatever the desktop's language. */
  candor_channel_set_language (channel, "ru");
  publisher = candor_publisher_new (fixture->store, http, lookup_channel, channel, NULL);
  candor_publisher_set_secrets (publisher, secrets);

  g_ptr_array_add (renditions,
                   _candor_rendition_new (CANDOR_DIALECT_STATUS_PAGE, CHANNEL, "customers",
                                          "Checkout errors", g_strdup ("Some checkouts fail.")));
  candor_publisher_publish_async (publisher, incident, update, renditions, NULL, on_published_cb,
                                  &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  sent = candor_publisher_publish_finish (publisher, result, &error);
  g_assert_no_error (error);
  publication = g_ptr_array_index (sent->publications, 0);
  g_assert_cmpint (publication->state, ==, CANDOR_PUBLICATION_STATE_SENT);
  g_assert_cmpstr (publication->remote_id, ==, path);
  expected_url = g_strconcat ("file://", fixture->folder, "/", path, NULL);
  g_assert_cmpstr (publication->remote_url, ==, expected_url);

  page = read_site_file (fixture, path);
  g_assert_nonnull (strstr (page, "Some checkouts fail."));
  g_assert_true (site_file_exists (fixture, "feed.atom"));
  index = read_site_file (fixture, "index.html");
  g_assert_nonnull (strstr (index, "<html lang=\"ru\">"));
}

static void
test_client_settings (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CandorChannel) channel = candor_channel_new (CHANNEL, "static-site", "Acme status");
  g_autoptr (CandorHttp) http = candor_http_new (NULL);
  g_autoptr (CandorChannelClient) client = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  const CandorChannelKind *kind = candor_channel_kind_lookup ("static-site");

  g_assert_nonnull (kind);
  g_assert_true (candor_channel_kind_takes_setting (kind, "folder"));

  /* No folder: Preferences must say where. */
  client = candor_channel_client_new_full (channel, NULL, http, fixture->store, &error);
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED);
  g_assert_null (client);
  g_clear_error (&error);

  g_assert_true (candor_channel_set_setting (channel, "folder", "relative/site", NULL));
  client = candor_channel_client_new_full (channel, NULL, http, fixture->store, &error);
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED);
  g_clear_error (&error);

  /* Test connection makes the folder and writes in it, without the history. */
  g_assert_true (candor_channel_set_setting (channel, "folder", fixture->folder, NULL));
  client = candor_channel_client_new (channel, NULL, http, &error);
  g_assert_no_error (error);
  g_assert_true (candor_channel_client_is_idempotent (client));
  candor_channel_client_test_async (client, NULL, on_published_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (candor_channel_client_test_finish (client, result, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (fixture->folder, G_FILE_TEST_IS_DIR));
  assert_no_leftovers (fixture->folder);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/static-site/files", Fixture, NULL, fixture_set_up, test_files, fixture_tear_down);
  g_test_add ("/static-site/escaping", Fixture, NULL, fixture_set_up, test_escaping,
              fixture_tear_down);
  g_test_add ("/static-site/incremental", Fixture, NULL, fixture_set_up, test_incremental,
              fixture_tear_down);
  g_test_add ("/static-site/atomic", Fixture, NULL, fixture_set_up, test_atomic, fixture_tear_down);
  g_test_add ("/static-site/foreign-folder", Fixture, NULL, fixture_set_up, test_foreign_folder,
              fixture_tear_down);
  g_test_add ("/static-site/site-in-other-language", Fixture, NULL, fixture_set_up,
              test_site_in_other_language, fixture_tear_down);
  g_test_add ("/static-site/languages", Fixture, NULL, fixture_set_up, test_languages,
              fixture_tear_down);
  g_test_add ("/static-site/client-settings", Fixture, NULL, fixture_set_up, test_client_settings,
              fixture_tear_down);
  g_test_add ("/static-site/publisher", Fixture, NULL, fixture_set_up, test_publisher,
              fixture_tear_down);

  return g_test_run ();
}
