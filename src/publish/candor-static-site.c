/* candor-static-site.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-static-site"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "candor-channel-history.h"
#include "candor-enum-types.h"
#include "candor-enums.h"
#include "candor-static-site-private.h"
#include "candor-static-site.h"

/* Bumped when the pages' shape changes, so an old site is rebuilt whole. */
#define SITE_FORMAT 1
#define MARKER      ".candor-site"
/* Entries in feed.atom: the newest updates of the recent incidents. */
#define FEED_ENTRIES 50
/* Active incidents shown on the index; more are in the archive. */
#define INDEX_ACTIVE 50

typedef struct
{
  CandorStore           *store;
  const char            *channel_id;
  GFile                 *folder;
  const char            *title;
  const char            *language;
  CandorStaticSiteStats *stats;
} Site;

/* The one writer at a time in this process: two publications to one
 * folder (two audiences through one channel) would otherwise interleave. */
static GMutex write_lock;

const char *
candor_static_site_default_language (void)
{
  const char *const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_has_prefix (names[i], "ru"))
        return "ru";
      if (g_str_has_prefix (names[i], "en"))
        return "en";
    }

  return "en";
}

/* A file name part that is the id itself when that is safe in a URL and on
 * every file system, and a digest of it otherwise. */
static char *
slug_for (const char *id)
{
  gsize len = strlen (id);

  if (len > 0 && len <= 64 && id[0] != '.')
    {
      gboolean safe = TRUE;

      for (gsize i = 0; i < len && safe; i++)
        safe = g_ascii_isalnum (id[i]) || id[i] == '-' || id[i] == '_';
      if (safe)
        return g_strdup (id);
    }

  return g_compute_checksum_for_string (G_CHECKSUM_SHA1, id, -1);
}

char *
candor_static_site_incident_path (const char *incident_id)
{
  g_autofree char *slug = NULL;

  g_return_val_if_fail (incident_id != NULL, NULL);

  slug = slug_for (incident_id);
  return g_strconcat ("incidents/", slug, ".html", NULL);
}

static char *
month_key (GDateTime *listed_at)
{
  return g_date_time_format (listed_at, "%Y-%m");
}

/* A temporary file beside @filename, renamed over it: a reader opens the
 * old file or the new one, never a part. Not synced to disk: the site is
 * written again from the history on the next update, and a sync per file
 * (g_file_set_contents_full() makes one) costs a whole site tens of seconds. */
static gboolean
replace_file (const char *filename, GString *content, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (filename);
  g_autofree char *base = g_path_get_basename (filename);
  g_autofree char *tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  gsize            done = 0;
  int              fd;
  int              saved;

  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0644);
  if (fd < 0)
    goto fail;

  while (done < content->len)
    {
      gssize n = write (fd, content->str + done, content->len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          saved = errno;
          close (fd);
          g_unlink (tmp);
          errno = saved;
          goto fail;
        }
      done += n;
    }

  if (close (fd) != 0 || g_rename (tmp, filename) != 0)
    {
      saved = errno;
      g_unlink (tmp);
      errno = saved;
      goto fail;
    }

  return TRUE;

fail:
  saved = errno;
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", filename,
               g_strerror (saved));
  return FALSE;
}

/* Writes @content to @path under the site unless the file already holds
 * exactly it: a temporary file beside it, renamed over it. */
static gboolean
write_file (Site *site, const char *path, GString *content, GError **error)
{
  g_autoptr (GFile) file = g_file_resolve_relative_path (site->folder, path);
  g_autofree char *filename = g_file_get_path (file);
  g_autofree char *old = NULL;
  gsize            old_length = 0;

  if (g_file_get_contents (filename, &old, &old_length, NULL) && old_length == content->len &&
      memcmp (old, content->str, content->len) == 0)
    {
      if (site->stats != NULL)
        site->stats->n_unchanged++;
      return TRUE;
    }

  if (!replace_file (filename, content, error))
    return FALSE;

  if (site->stats != NULL)
    site->stats->n_written++;

  return TRUE;
}

static gboolean
make_folders (Site *site, GError **error)
{
  static const char *const folders[] = { "", "incidents", "archive" };

  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autoptr (GFile) dir = g_file_resolve_relative_path (site->folder, folders[i]);
      g_autoptr (GError) local_error = NULL;

      if (!g_file_make_directory_with_parents (dir, NULL, &local_error) &&
          !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  return TRUE;
}

static char *
marker_text (Site *site)
{
  return g_strdup_printf ("candor-static-site %d\nchannel %s\nlanguage %s\ntitle %s\n", SITE_FORMAT,
                          site->channel_id, site->language, site->title);
}

/* Whether @folder holds a complete site of this channel in this shape. */
static gboolean
has_site (Site *site)
{
  g_autoptr (GFile) marker = g_file_get_child (site->folder, MARKER);
  g_autoptr (GFile) index = g_file_get_child (site->folder, "index.html");
  g_autofree char *path = g_file_get_path (marker);
  g_autofree char *expected = marker_text (site);
  g_autofree char *found = NULL;

  return g_file_get_contents (path, &found, NULL, NULL) && g_str_equal (found, expected) &&
         g_file_query_exists (index, NULL);
}

/* A folder that already holds a website Candor did not write (an index
 * without the marker) is left alone: writing there would replace its pages. */
static gboolean
is_ours (Site *site, GError **error)
{
  g_autoptr (GFile) marker = g_file_get_child (site->folder, MARKER);
  g_autoptr (GFile) index = g_file_get_child (site->folder, "index.html");
  g_autofree char *path = NULL;

  if (g_file_query_exists (marker, NULL) || !g_file_query_exists (index, NULL))
    return TRUE;

  path = g_file_get_path (site->folder);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
               _("“%s” already holds a website that Candor did not write; choose an empty "
                 "folder for the status site"),
                  path);
  return FALSE;
}

static gboolean
write_marker (Site *site, GError **error)
{
  g_autofree char *marker = marker_text (site);
  g_autoptr (GString) text = g_string_new (marker);

  return write_file (site, MARKER, text, error);
}

/* The shared pages, from the incidents the index shows (newest first). */
static gboolean
write_shared_pages (Site *site, GPtrArray *recent, GStrv months, GError **error)
{
  g_autoptr (GString) archive = _candor_static_site_render_archive_index (
    site->title, site->language, (const char *const *)months);
  g_autoptr (GString) feed = NULL;
  g_autoptr (GString) json = NULL;
  g_autoptr (GString) index = NULL;
  g_autoptr (GString) style = _candor_static_site_render_style ();

  if (!write_file (site, "style.css", style, error))
    return FALSE;

  if (!write_file (site, "archive/index.html", archive, error))
    return FALSE;

  feed = _candor_static_site_render_feed (site->title, site->language, site->channel_id, recent,
                                          FEED_ENTRIES);
  if (!write_file (site, "feed.atom", feed, error))
    return FALSE;

  json = _candor_static_site_render_json (site->title, site->language, recent);
  if (!write_file (site, "status.json", json, error))
    return FALSE;

  /* Last: everything it links to is in place. */
  index = _candor_static_site_render_index (site->title, site->language, recent, INDEX_ACTIVE);
  return write_file (site, "index.html", index, error);
}

static gboolean
write_incident_page (Site *site, CandorChannelIncident *incident, GError **error)
{
  g_autofree char *path =
    candor_static_site_incident_path (candor_incident_get_id (incident->incident));
  g_autoptr (GString) page = _candor_static_site_render_incident (site->title, incident);

  return write_file (site, path, page, error);
}

static gboolean
write_month_page (Site *site, const char *month, GPtrArray *incidents, GError **error)
{
  g_autofree char *path = g_strconcat ("archive/", month, ".html", NULL);
  g_autoptr (GString) page =
    _candor_static_site_render_month (site->title, site->language, month, incidents);

  return write_file (site, path, page, error);
}

static int
compare_months (gconstpointer a, gconstpointer b)
{
  /* Newest first. */
  return -strcmp (*(const char *const *)a, *(const char *const *)b);
}

static GStrv
sorted_months (GHashTable *set)
{
  g_autoptr (GPtrArray) months = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer       key;

  g_hash_table_iter_init (&iter, set);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (months, g_strdup (key));
  g_ptr_array_sort (months, compare_months);
  g_ptr_array_add (months, NULL);

  return (GStrv)g_ptr_array_free (g_steal_pointer (&months), FALSE);
}

static gboolean
write_everything (Site *site, GError **error)
{
  g_autoptr (GPtrArray) incidents = NULL;
  g_autoptr (GPtrArray) recent = g_ptr_array_new ();
  g_autoptr (GHashTable) months =
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_ptr_array_unref);
  g_auto (GStrv) month_list = NULL;

  incidents = candor_store_load_channel_history (site->store, site->channel_id, error);
  if (incidents == NULL)
    return FALSE;

  for (guint i = 0; i < incidents->len; i++)
    {
      CandorChannelIncident *incident = g_ptr_array_index (incidents, i);
      g_autofree char       *month = month_key (incident->listed_at);
      GPtrArray             *in_month = g_hash_table_lookup (months, month);

      if (!write_incident_page (site, incident, error))
        return FALSE;

      if (in_month == NULL)
        {
          in_month = g_ptr_array_new ();
          g_hash_table_insert (months, g_strdup (month), in_month);
        }
      g_ptr_array_add (in_month, incident);

      /* What candor_store_load_channel_recent() returns, in its order. */
      if (i < CANDOR_STATIC_SITE_RECENT ||
          candor_incident_get_state (incident->incident) != CANDOR_INCIDENT_STATE_RESOLVED)
        g_ptr_array_add (recent, incident);
    }

  month_list = sorted_months (months);
  for (guint i = 0; month_list[i] != NULL; i++)
    if (!write_month_page (site, month_list[i], g_hash_table_lookup (months, month_list[i]), error))
      return FALSE;

  if (!write_shared_pages (site, recent, month_list, error))
    return FALSE;

  return write_marker (site, error);
}

/* The months the archive has pages for, as the folder holds them. */
static gboolean
add_existing_months (Site *site, GHashTable *months, GError **error)
{
  g_autoptr (GFile) archive = g_file_get_child (site->folder, "archive");
  g_autofree char *path = g_file_get_path (archive);
  g_autoptr (GDir) dir = g_dir_open (path, 0, error);
  const char *name;

  if (dir == NULL)
    return FALSE;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      /* YYYY-MM.html */
      if (strlen (name) == 12 && g_str_has_suffix (name, ".html") && name[4] == '-' &&
          g_ascii_isdigit (name[0]) && g_ascii_isdigit (name[3]) && g_ascii_isdigit (name[5]) &&
          g_ascii_isdigit (name[6]))
        g_hash_table_add (months, g_strndup (name, 7));
    }

  return TRUE;
}

static gboolean
write_incident_change (Site *site, const char *incident_id, GError **error)
{
  g_autoptr (CandorChannelIncident) incident = NULL;
  g_autoptr (GPtrArray) in_month = NULL;
  g_autoptr (GPtrArray) recent = NULL;
  g_autoptr (GHashTable) months = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GDateTime) from = NULL;
  g_autoptr (GDateTime) until = NULL;
  g_autofree char *month = NULL;
  g_auto (GStrv) month_list = NULL;

  incident = candor_store_load_channel_incident (site->store, site->channel_id, incident_id, error);
  if (incident == NULL)
    return FALSE;

  if (!write_incident_page (site, incident, error))
    return FALSE;

  month = month_key (incident->listed_at);
  from = g_date_time_new_utc (g_date_time_get_year (incident->listed_at),
                              g_date_time_get_month (incident->listed_at), 1, 0, 0, 0);
  until = g_date_time_add_months (from, 1);
  in_month = candor_store_load_channel_range (site->store, site->channel_id, from, until, error);
  if (in_month == NULL || !write_month_page (site, month, in_month, error))
    return FALSE;

  if (!add_existing_months (site, months, error))
    return FALSE;
  g_hash_table_add (months, g_steal_pointer (&month));
  month_list = sorted_months (months);

  recent = candor_store_load_channel_recent (site->store, site->channel_id,
                                             CANDOR_STATIC_SITE_RECENT, error);
  if (recent == NULL)
    return FALSE;

  return write_shared_pages (site, recent, month_list, error);
}

gboolean
candor_static_site_write (CandorStore           *store,
                          const char            *channel_id,
                          const char            *folder,
                          const char            *title,
                          const char            *language,
                          const char            *incident_id,
                          CandorStaticSiteStats *stats,
                          GError               **error)
{
  g_autoptr (GFile) folder_file = NULL;
  g_autoptr (GMutexLocker) locker = NULL;
  Site site = { 0 };

  g_return_val_if_fail (CANDOR_IS_STORE (store), FALSE);
  g_return_val_if_fail (channel_id != NULL, FALSE);
  g_return_val_if_fail (folder != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  folder_file = g_file_new_for_path (folder);
  site.store = store;
  site.channel_id = channel_id;
  site.folder = folder_file;
  site.title = title != NULL && *title != '\0' ? title : channel_id;
  site.language = g_strcmp0 (language, "ru") == 0 ? "ru" : "en";
  site.stats = stats;

  locker = g_mutex_locker_new (&write_lock);

  if (!is_ours (&site, error) || !make_folders (&site, error))
    return FALSE;

  if (incident_id != NULL && has_site (&site))
    return write_incident_change (&site, incident_id, error);

  return write_everything (&site, error);
}
