/* candor-static-site-render.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-static-site"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "candor-enum-types.h"
#include "candor-enums.h"
#include "candor-static-site-private.h"
#include "candor-static-site.h"

/* The pages' own words in the languages Candor's templates come in. They
 * are content, not the app's interface: a page is in its incident's
 * language whatever the locale of the person who published it, so they
 * live here rather than in the app's message catalogue. */
typedef struct
{
  const char *lang;
  const char *skip;
  const char *site_nav;
  const char *history;
  const char *feed;
  const char *operational;
  const char *operational_detail;
  const char *degraded;
  const char *partial;
  const char *outage;
  const char *n_active; /* followed by the number */
  const char *active;
  const char *recent;
  const char *no_incidents;
  const char *older;
  const char *back;
  const char *updates;
  const char *affected;
  const char *started;
  const char *resolved_at;
  const char *latest;
  const char *archive;
  const char *made_with;
  const char *states[4];
  const char *severities[3];
  const char *kinds[4];
  const char *months[12];    /* as a heading: "March 2024" */
  const char *months_of[12]; /* in a date: "5 March 2024" */
} Words;

static const Words english = {
  "en",
  "Skip to content",
  "Site",
  "History",
  "Atom feed",
  "All systems operational",
  "No known problems right now.",
  "Degraded performance",
  "Partial outage",
  "Major outage",
  "Active incidents: ",
  "Active incidents",
  "Recent incidents",
  "No incidents so far.",
  "Older incidents",
  "Current status",
  "Updates",
  "Affected",
  "Started",
  "Resolved",
  "Latest update",
  "Incident history",
  "Published with Candor",
  { "Investigating", "Identified", "Monitoring", "Resolved" },
  { "Minor", "Major", "Critical" },
  { "First notice", "Update", "Resolved", "Post-incident report" },
  { "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December" },
  { "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December" },
};

static const Words russian = {
  "ru",
  "Перейти к содержимому",
  "Разделы сайта",
  "История",
  "Лента Atom",
  "Все системы работают",
  "Известных проблем сейчас нет.",
  "Снижена производительность",
  "Частичный сбой",
  "Серьёзный сбой",
  "Активных инцидентов: ",
  "Активные инциденты",
  "Недавние инциденты",
  "Инцидентов пока не было.",
  "Более ранние инциденты",
  "Текущий статус",
  "Обновления",
  "Затронуто",
  "Начало",
  "Устранено",
  "Последнее обновление",
  "История инцидентов",
  "Опубликовано с помощью Candor",
  { "Расследуем", "Причина найдена", "Наблюдаем", "Устранено" },
  { "Незначительный", "Значительный", "Критический" },
  { "Первое сообщение", "Обновление", "Устранено", "Отчёт об инциденте" },
  { "Январь", "Февраль", "Март", "Апрель", "Май", "Июнь", "Июль", "Август", "Сентябрь", "Октябрь",
    "Ноябрь", "Декабрь" },
  { "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
    "ноября", "декабря" },
};

static const Words *
words_for (const char *language)
{
  return language != NULL && g_str_has_prefix (language, "ru") ? &russian : &english;
}

/* Text as HTML or XML character data and attribute values alike. */
static void
append_escaped (GString *out, const char *text)
{
  if (text == NULL)
    return;

  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
          case '&':
            g_string_append (out, "&amp;");
            break;
          case '<':
            g_string_append (out, "&lt;");
            break;
          case '>':
            g_string_append (out, "&gt;");
            break;
          case '"':
            g_string_append (out, "&quot;");
            break;
          case '\'':
            g_string_append (out, "&#39;");
            break;
          default:
            g_string_append_c (out, *p);
        }
    }
}

static void
append_escaped_len (GString *out, const char *text, gsize len)
{
  g_autofree char *part = g_strndup (text, len);

  append_escaped (out, part);
}

/* "5 March 2024, 14:02 UTC" */
static void
append_date (GString *out, const Words *words, GDateTime *time)
{
  g_autofree char *iso = g_date_time_format_iso8601 (time);

  g_string_append_printf (
    out, "<time datetime=\"%s\">%d %s %d, %02d:%02d UTC</time>", iso,
    g_date_time_get_day_of_month (time), words->months_of[g_date_time_get_month (time) - 1],
    g_date_time_get_year (time), g_date_time_get_hour (time), g_date_time_get_minute (time));
}

static char *
rfc3339 (GDateTime *time)
{
  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
}

static const char *
state_nick (CandorIncident *incident)
{
  return candor_enum_to_nick (CANDOR_TYPE_INCIDENT_STATE, candor_incident_get_state (incident));
}

static const char *
severity_nick (CandorIncident *incident)
{
  return candor_enum_to_nick (CANDOR_TYPE_SEVERITY, candor_incident_get_severity (incident));
}

static void
append_badges (GString *out, const Words *words, CandorIncident *incident)
{
  g_string_append_printf (out, "<span class=\"badge state-%s\">%s</span> ", state_nick (incident),
                          words->states[candor_incident_get_state (incident)]);
  g_string_append_printf (out, "<span class=\"badge severity-%s\">%s</span>",
                          severity_nick (incident),
                          words->severities[candor_incident_get_severity (incident)]);
}

/* Where a URL in plain text ends: before white space, quotes and angle
 * brackets, and without the punctuation that closes the sentence. */
static gsize
url_length (const char *text)
{
  gsize len = strcspn (text, " \t\r\n<>\"'");

  while (len > 0 && strchr (".,;:!?)]", text[len - 1]) != NULL)
    len--;
  return len;
}

static void
append_line (GString *out, const char *line, gsize len)
{
  gsize done = 0;

  while (done < len)
    {
      const char *rest = line + done;
      const char *http = g_strstr_len (rest, len - done, "http");
      gsize       url_len;

      if (http == NULL)
        break;

      if (!g_str_has_prefix (http, "https://") && !g_str_has_prefix (http, "http://"))
        {
          append_escaped_len (out, rest, http - rest + 4);
          done += http - rest + 4;
          continue;
        }

      url_len = MIN (url_length (http), len - done - (http - rest));
      append_escaped_len (out, rest, http - rest);
      g_string_append (out, "<a href=\"");
      append_escaped_len (out, http, url_len);
      g_string_append (out, "\">");
      append_escaped_len (out, http, url_len);
      g_string_append (out, "</a>");
      done += http - rest + url_len;
    }

  append_escaped_len (out, line + done, len - done);
}

/* Plain text as paragraphs: blank lines part them, a line break stays one,
 * and web addresses become links. */
static void
append_body (GString *out, const char *text)
{
  gboolean in_paragraph = FALSE;
  guint    blank_lines = 0;

  if (text == NULL)
    return;

  while (*text != '\0')
    {
      gsize       len = strcspn (text, "\n");
      const char *end = text + len;
      const char *start = text;

      /* The line without the blanks around it. */
      while (start < end && g_ascii_isspace (*start))
        start++;
      while (end > start && g_ascii_isspace (end[-1]))
        end--;

      if (start == end)
        blank_lines++;
      else
        {
          if (in_paragraph && blank_lines > 0)
            g_string_append (out, "</p>\n");
          if (!in_paragraph || blank_lines > 0)
            g_string_append (out, "<p>");
          else
            g_string_append (out, "<br>\n");
          append_line (out, start, end - start);
          in_paragraph = TRUE;
          blank_lines = 0;
        }

      text += len;
      if (*text == '\n')
        text++;
    }

  if (in_paragraph)
    g_string_append (out, "</p>\n");
}

/* The first words of @text, up to about @max characters. */
static void
append_excerpt (GString *out, const char *text, glong max)
{
  g_autofree char *flat = NULL;
  char            *end;

  if (text == NULL)
    return;

  flat = g_strdup (text);
  g_strdelimit (flat, "\r\n\t", ' ');
  g_strstrip (flat);
  if (g_utf8_strlen (flat, -1) <= max)
    {
      append_escaped (out, flat);
      return;
    }

  end = g_utf8_offset_to_pointer (flat, max);
  *end = '\0';
  if ((end = strrchr (flat, ' ')) != NULL && end - flat > max / 2)
    *end = '\0';
  append_escaped (out, flat);
  g_string_append (out, "…");
}

static void
page_open (GString     *out,
           const char  *lang,
           const Words *words,
           const char  *root,
           const char  *site_title,
           const char  *page_title)
{
  g_string_append_printf (out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n", lang);
  g_string_append (out, "<meta charset=\"utf-8\">\n"
                        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                        "<meta name=\"color-scheme\" content=\"light dark\">\n<title>");
  if (page_title != NULL)
    {
      append_escaped (out, page_title);
      g_string_append (out, " · ");
    }
  append_escaped (out, site_title);
  g_string_append_printf (out, "</title>\n<link rel=\"stylesheet\" href=\"%sstyle.css\">\n", root);
  g_string_append_printf (out,
                          "<link rel=\"alternate\" type=\"application/atom+xml\" "
                          "href=\"%sfeed.atom\" title=\"",
                          root);
  append_escaped (out, site_title);
  g_string_append (out, "\">\n</head>\n<body>\n");
  g_string_append_printf (out, "<a class=\"skip\" href=\"#main\">%s</a>\n", words->skip);
  g_string_append_printf (out,
                          "<header class=\"site\"><div class=\"wrap\">"
                          "<a class=\"brand\" href=\"%sindex.html\">",
                          root);
  append_escaped (out, site_title);
  g_string_append_printf (out,
                          "</a>\n<nav aria-label=\"%s\"><a href=\"%sarchive/index.html\">%s</a> "
                          "<a href=\"%sfeed.atom\">%s</a> <a href=\"%sstatus.json\">JSON</a>"
                          "</nav></div></header>\n<main id=\"main\" class=\"wrap\">\n",
                          words->site_nav, root, words->history, root, words->feed, root);
}

static void
page_close (GString *out, const Words *words)
{
  g_string_append_printf (out,
                          "</main>\n<footer class=\"site\"><div class=\"wrap\">%s</div></footer>\n"
                          "</body>\n</html>\n",
                          words->made_with);
}

static CandorChannelPost *
latest_post (CandorChannelIncident *incident)
{
  return g_ptr_array_index (incident->posts, incident->posts->len - 1);
}

/* The language of what this channel said about the incident: its posts are
 * written in the channel's or its audience's language, which may be another
 * than the incident's primary one, and the words around them follow them. */
static const char *
incident_language (CandorChannelIncident *incident)
{
  const char *language =
    incident->posts->len > 0 ? latest_post (incident)->rendition->language : NULL;

  return language != NULL && *language != '\0' ? language
                                               : candor_incident_get_language (incident->incident);
}

/* Its title as the readers of those posts read it. */
static const char *
incident_title (CandorChannelIncident *incident)
{
  return candor_incident_get_title_for (incident->incident, incident_language (incident));
}

/* One incident in a list: its title as a link, its state and when it was
 * last updated, and, with @excerpt, the start of that update. */
static void
append_card (GString               *out,
             const Words           *words,
             const char            *root,
             CandorChannelIncident *incident,
             gboolean               excerpt,
             const char            *heading)
{
  g_autofree char *path =
    candor_static_site_incident_path (candor_incident_get_id (incident->incident));
  CandorChannelPost *post = latest_post (incident);

  g_string_append_printf (out, "<li class=\"card\"><%s class=\"card-title\"><a href=\"%s%s\">",
                          heading, root, path);
  append_escaped (out, incident_title (incident));
  g_string_append_printf (out, "</a></%s>\n<p class=\"meta\">", heading);
  append_badges (out, words, incident->incident);
  g_string_append (out, " <span class=\"when\">");
  append_date (out, words, post->sent_at);
  g_string_append (out, "</span></p>\n");
  if (excerpt)
    {
      g_string_append (out, "<p class=\"excerpt\">");
      append_excerpt (out, post->rendition->body, 240);
      g_string_append (out, "</p>\n");
    }
  g_string_append (out, "</li>\n");
}

GString *
_candor_static_site_render_index (const char *title,
                                  const char *language,
                                  GPtrArray  *recent,
                                  guint       max_active)
{
  const Words *words = words_for (language);
  GString     *out = g_string_sized_new (32 * 1024);
  int          worst = -1;
  guint        n_active = 0;
  guint        n_resolved = 0;
  const char  *banner_class = "ok";
  const char  *banner_text = words->operational;

  for (guint i = 0; i < recent->len; i++)
    {
      CandorChannelIncident *incident = g_ptr_array_index (recent, i);

      if (candor_incident_get_state (incident->incident) == CANDOR_INCIDENT_STATE_RESOLVED)
        continue;
      n_active++;
      worst = MAX (worst, (int)candor_incident_get_severity (incident->incident));
    }

  switch (worst)
    {
      case CANDOR_SEVERITY_MINOR:
        banner_class = "minor";
        banner_text = words->degraded;
        break;
      case CANDOR_SEVERITY_MAJOR:
        banner_class = "major";
        banner_text = words->partial;
        break;
      case CANDOR_SEVERITY_CRITICAL:
        banner_class = "critical";
        banner_text = words->outage;
        break;
      default:
        break;
    }

  page_open (out, words->lang, words, "", title, NULL);
  g_string_append_printf (out,
                          "<section class=\"banner banner-%s\" aria-labelledby=\"status\">\n"
                          "<h1 id=\"status\">%s</h1>\n<p>",
                          banner_class, banner_text);
  if (n_active == 0)
    g_string_append (out, words->operational_detail);
  else
    g_string_append_printf (out, "%s%u", words->n_active, n_active);
  g_string_append (out, "</p>\n</section>\n");

  if (n_active > 0)
    {
      guint shown = 0;

      g_string_append_printf (out,
                              "<section aria-labelledby=\"active\">\n<h2 id=\"active\">%s</h2>\n"
                              "<ul class=\"cards\">\n",
                              words->active);
      for (guint i = 0; i < recent->len && shown < max_active; i++)
        {
          CandorChannelIncident *incident = g_ptr_array_index (recent, i);

          if (candor_incident_get_state (incident->incident) == CANDOR_INCIDENT_STATE_RESOLVED)
            continue;
          append_card (out, words, "", incident, TRUE, "h3");
          shown++;
        }
      g_string_append (out, "</ul>\n</section>\n");
    }

  g_string_append_printf (out, "<section aria-labelledby=\"recent\">\n<h2 id=\"recent\">%s</h2>\n",
                          words->recent);
  for (guint i = 0; i < recent->len && n_resolved < CANDOR_STATIC_SITE_RECENT; i++)
    {
      CandorChannelIncident *incident = g_ptr_array_index (recent, i);

      if (candor_incident_get_state (incident->incident) != CANDOR_INCIDENT_STATE_RESOLVED)
        continue;
      if (n_resolved++ == 0)
        g_string_append (out, "<ul class=\"cards\">\n");
      append_card (out, words, "", incident, TRUE, "h3");
    }
  if (n_resolved > 0)
    g_string_append (out, "</ul>\n");
  else
    g_string_append_printf (out, "<p class=\"empty\">%s</p>\n", words->no_incidents);
  g_string_append_printf (out, "<p class=\"more\"><a href=\"archive/index.html\">%s</a></p>\n",
                          words->older);
  g_string_append (out, "</section>\n");

  page_close (out, words);
  return out;
}

GString *
_candor_static_site_render_incident (const char *title, CandorChannelIncident *incident)
{
  const char        *language = incident_language (incident);
  const Words       *words = words_for (language);
  GString           *out = g_string_sized_new (16 * 1024);
  const char *const *services = candor_incident_get_services (incident->incident);
  GDateTime         *started = candor_incident_get_started_at (incident->incident);
  GDateTime         *resolved = candor_incident_get_resolved_at (incident->incident);

  page_open (out, language != NULL && *language != '\0' ? language : words->lang, words, "../",
             title, incident_title (incident));
  g_string_append_printf (out, "<p class=\"crumb\"><a href=\"../index.html\">← %s</a></p>\n",
                          words->back);
  g_string_append (out, "<article class=\"incident\">\n<header>\n<h1>");
  append_escaped (out, incident_title (incident));
  g_string_append (out, "</h1>\n<p class=\"meta\">");
  append_badges (out, words, incident->incident);
  g_string_append (out, "</p>\n<dl class=\"facts\">\n");
  if (services != NULL && services[0] != NULL)
    {
      g_string_append_printf (out, "<div><dt>%s</dt><dd>", words->affected);
      for (guint i = 0; services[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append (out, ", ");
          append_escaped (out, services[i]);
        }
      g_string_append (out, "</dd></div>\n");
    }
  g_string_append_printf (out, "<div><dt>%s</dt><dd>", words->started);
  append_date (out, words, started != NULL ? started : incident->listed_at);
  g_string_append (out, "</dd></div>\n");
  if (resolved != NULL)
    {
      g_string_append_printf (out, "<div><dt>%s</dt><dd>", words->resolved_at);
      append_date (out, words, resolved);
      g_string_append (out, "</dd></div>\n");
    }
  g_string_append_printf (out,
                          "</dl>\n</header>\n<section aria-labelledby=\"updates\">\n"
                          "<h2 id=\"updates\">%s</h2>\n<ol class=\"timeline\">\n",
                          words->updates);

  /* Newest first, as a reader checking for news wants them. */
  for (guint i = incident->posts->len; i-- > 0;)
    {
      CandorChannelPost *post = g_ptr_array_index (incident->posts, i);
      g_autofree char   *anchor = g_strdup (post->update_id);

      g_strcanon (anchor, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_", '_');
      g_string_append_printf (out,
                              "<li id=\"update-%s\" class=\"post kind-%s\">\n<h3>%s</h3>\n"
                              "<p class=\"meta\">",
                              anchor, candor_enum_to_nick (CANDOR_TYPE_UPDATE_KIND, post->kind),
                              words->kinds[post->kind]);
      append_date (out, words, post->sent_at);
      g_string_append (out, "</p>\n<div class=\"body\">\n");
      append_body (out, post->rendition->body);
      g_string_append (out, "</div>\n</li>\n");
    }
  g_string_append (out, "</ol>\n</section>\n</article>\n");

  page_close (out, words);
  return out;
}

/* "2024-03" as "March 2024". */
static char *
month_title (const Words *words, const char *month)
{
  guint64 year = g_ascii_strtoull (month, NULL, 10);
  guint64 number = g_ascii_strtoull (month + 5, NULL, 10);

  if (number < 1 || number > 12)
    return g_strdup (month);
  return g_strdup_printf ("%s %" G_GUINT64_FORMAT, words->months[number - 1], year);
}

GString *
_candor_static_site_render_month (const char *title,
                                  const char *language,
                                  const char *month,
                                  GPtrArray  *incidents)
{
  const Words     *words = words_for (language);
  GString         *out = g_string_sized_new (32 * 1024);
  g_autofree char *heading = month_title (words, month);

  page_open (out, words->lang, words, "../", title, heading);
  g_string_append_printf (out, "<p class=\"crumb\"><a href=\"index.html\">← %s</a></p>\n",
                          words->archive);
  g_string_append_printf (out, "<h1>%s</h1>\n<ul class=\"cards compact\">\n", heading);
  for (guint i = 0; i < incidents->len; i++)
    append_card (out, words, "../", g_ptr_array_index (incidents, i), FALSE, "h2");
  g_string_append (out, "</ul>\n");

  page_close (out, words);
  return out;
}

GString *
_candor_static_site_render_archive_index (const char        *title,
                                          const char        *language,
                                          const char *const *months)
{
  const Words *words = words_for (language);
  GString     *out = g_string_sized_new (8 * 1024);
  char         year[5] = "";

  page_open (out, words->lang, words, "../", title, words->archive);
  g_string_append_printf (out, "<p class=\"crumb\"><a href=\"../index.html\">← %s</a></p>\n",
                          words->back);
  g_string_append_printf (out, "<h1>%s</h1>\n", words->archive);
  if (months[0] == NULL)
    g_string_append_printf (out, "<p class=\"empty\">%s</p>\n", words->no_incidents);

  for (guint i = 0; months[i] != NULL; i++)
    {
      g_autofree char *name = month_title (words, months[i]);

      if (strncmp (year, months[i], 4) != 0)
        {
          if (year[0] != '\0')
            g_string_append (out, "</ul>\n</section>\n");
          memcpy (year, months[i], 4);
          g_string_append_printf (out,
                                  "<section aria-labelledby=\"year-%s\">\n<h2 id=\"year-%s\">%s"
                                  "</h2>\n<ul class=\"months\">\n",
                                  year, year, year);
        }
      g_string_append_printf (out, "<li><a href=\"%s.html\">%s</a></li>\n", months[i], name);
    }
  if (year[0] != '\0')
    g_string_append (out, "</ul>\n</section>\n");

  page_close (out, words);
  return out;
}

/* A UUID (version 5 in form) named by @name, so the same thing keeps the
 * same Atom id on every rebuild. */
static char *
name_uuid (const char *name)
{
  g_autofree char *hex = g_compute_checksum_for_string (G_CHECKSUM_SHA1, name, -1);
  const char       variant[] = "89ab";

  return g_strdup_printf ("urn:uuid:%.8s-%.4s-5%.3s-%c%.3s-%.12s", hex, hex + 8, hex + 13,
                          variant[g_ascii_xdigit_value (hex[16]) & 3], hex + 17, hex + 20);
}

typedef struct
{
  CandorChannelIncident *incident;
  CandorChannelPost     *post;
} FeedEntry;

static int
compare_entries (gconstpointer a, gconstpointer b)
{
  const FeedEntry *x = a;
  const FeedEntry *y = b;
  int              order = g_date_time_compare (y->post->sent_at, x->post->sent_at);

  return order != 0 ? order : strcmp (y->post->update_id, x->post->update_id);
}

GString *
_candor_static_site_render_feed (const char *title,
                                 const char *language,
                                 const char *channel_id,
                                 GPtrArray  *recent,
                                 guint       max_entries)
{
  const Words *words = words_for (language);
  GString     *out = g_string_sized_new (64 * 1024);
  g_autoptr (GArray) entries = g_array_new (FALSE, FALSE, sizeof (FeedEntry));
  g_autofree char *feed_name = g_strconcat ("candor-static-site:", channel_id, NULL);
  g_autofree char *feed_id = name_uuid (feed_name);
  g_autofree char *updated = NULL;

  for (guint i = 0; i < recent->len; i++)
    {
      CandorChannelIncident *incident = g_ptr_array_index (recent, i);

      for (guint j = 0; j < incident->posts->len; j++)
        {
          FeedEntry entry = { incident, g_ptr_array_index (incident->posts, j) };

          g_array_append_val (entries, entry);
        }
    }
  g_array_sort (entries, compare_entries);
  if (entries->len > max_entries)
    g_array_set_size (entries, max_entries);

  /* The feed changed when its newest entry did: no clock, so an unchanged
   * history gives an unchanged file. */
  updated = entries->len > 0 ? rfc3339 (g_array_index (entries, FeedEntry, 0).post->sent_at)
                             : g_strdup ("1970-01-01T00:00:00Z");

  g_string_append_printf (out,
                          "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                          "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"%s\">\n"
                          "<id>%s</id>\n<title>",
                          words->lang, feed_id);
  append_escaped (out, title);
  g_string_append_printf (out, "</title>\n<updated>%s</updated>\n", updated);
  g_string_append (out, "<link rel=\"self\" type=\"application/atom+xml\" href=\"feed.atom\"/>\n"
                        "<link rel=\"alternate\" type=\"text/html\" href=\"index.html\"/>\n"
                        "<author><name>");
  append_escaped (out, title);
  g_string_append (out, "</name></author>\n<generator>Candor</generator>\n");

  for (guint i = 0; i < entries->len; i++)
    {
      FeedEntry       *entry = &g_array_index (entries, FeedEntry, i);
      CandorIncident  *incident = entry->incident->incident;
      const Words     *entry_words = words_for (incident_language (entry->incident));
      g_autofree char *path = candor_static_site_incident_path (candor_incident_get_id (incident));
      g_autofree char *entry_name = g_strconcat ("candor-update:", entry->post->update_id, NULL);
      g_autofree char *entry_id = NULL;
      g_autofree char *sent = rfc3339 (entry->post->sent_at);
      g_autofree char *anchor = g_strdup (entry->post->update_id);

      entry_id = g_uuid_string_is_valid (entry->post->update_id)
                   ? g_strconcat ("urn:uuid:", entry->post->update_id, NULL)
                   : name_uuid (entry_name);
      g_strcanon (anchor, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_", '_');

      g_string_append_printf (out, "<entry xml:lang=\"%s\">\n<id>%s</id>\n<title>",
                              entry_words->lang, entry_id);
      append_escaped (out, incident_title (entry->incident));
      g_string_append (out, " — ");
      append_escaped (out, entry_words->kinds[entry->post->kind]);
      g_string_append_printf (out,
                              "</title>\n<published>%s</published>\n<updated>%s</updated>\n"
                              "<link rel=\"alternate\" type=\"text/html\" href=\"%s#update-%s\"/>\n"
                              "<category term=\"%s\" label=\"%s\"/>\n<content type=\"text\">",
                              sent, sent, path, anchor, state_nick (incident),
                              entry_words->states[candor_incident_get_state (incident)]);
      append_escaped (out, entry->post->rendition->body);
      g_string_append (out, "</content>\n</entry>\n");
    }

  g_string_append (out, "</feed>\n");
  return out;
}

static void
add_time_member (JsonBuilder *builder, const char *name, GDateTime *time)
{
  g_autofree char *text = time != NULL ? rfc3339 (time) : NULL;

  json_builder_set_member_name (builder, name);
  if (text != NULL)
    json_builder_add_string_value (builder, text);
  else
    json_builder_add_null_value (builder);
}

GString *
_candor_static_site_render_json (const char *title, const char *language, GPtrArray *recent)
{
  const Words *words = words_for (language);
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  int              worst = -1;
  guint            n_active = 0;
  const char      *indicators[] = { "minor", "major", "critical" };
  const char      *descriptions[] = { words->degraded, words->partial, words->outage };
  g_autofree char *text = NULL;

  for (guint i = 0; i < recent->len; i++)
    {
      CandorChannelIncident *incident = g_ptr_array_index (recent, i);

      if (candor_incident_get_state (incident->incident) != CANDOR_INCIDENT_STATE_RESOLVED)
        {
          n_active++;
          worst = MAX (worst, (int)candor_incident_get_severity (incident->incident));
        }
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, title);
  json_builder_set_member_name (builder, "language");
  json_builder_add_string_value (builder, words->lang);
  json_builder_set_member_name (builder, "status");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "indicator");
  json_builder_add_string_value (builder, worst < 0 ? "none" : indicators[worst]);
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, worst < 0 ? words->operational : descriptions[worst]);
  json_builder_set_member_name (builder, "active_incidents");
  json_builder_add_int_value (builder, n_active);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "feed");
  json_builder_add_string_value (builder, "feed.atom");
  json_builder_set_member_name (builder, "archive");
  json_builder_add_string_value (builder, "archive/index.html");

  json_builder_set_member_name (builder, "incidents");
  json_builder_begin_array (builder);
  for (guint i = 0; i < recent->len; i++)
    {
      CandorChannelIncident *incident = g_ptr_array_index (recent, i);
      CandorIncident        *facts = incident->incident;
      const char *const     *services = candor_incident_get_services (facts);
      g_autofree char *path = candor_static_site_incident_path (candor_incident_get_id (facts));

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, candor_incident_get_id (facts));
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, incident_title (incident));
      json_builder_set_member_name (builder, "url");
      json_builder_add_string_value (builder, path);
      json_builder_set_member_name (builder, "state");
      json_builder_add_string_value (builder, state_nick (facts));
      json_builder_set_member_name (builder, "severity");
      json_builder_add_string_value (builder, severity_nick (facts));
      json_builder_set_member_name (builder, "language");
      json_builder_add_string_value (builder, incident_language (incident));
      json_builder_set_member_name (builder, "services");
      json_builder_begin_array (builder);
      for (guint j = 0; services != NULL && services[j] != NULL; j++)
        json_builder_add_string_value (builder, services[j]);
      json_builder_end_array (builder);
      add_time_member (builder, "started_at", candor_incident_get_started_at (facts));
      add_time_member (builder, "resolved_at", candor_incident_get_resolved_at (facts));

      json_builder_set_member_name (builder, "updates");
      json_builder_begin_array (builder);
      for (guint j = 0; j < incident->posts->len; j++)
        {
          CandorChannelPost *post = g_ptr_array_index (incident->posts, j);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, post->update_id);
          json_builder_set_member_name (builder, "kind");
          json_builder_add_string_value (builder,
                                         candor_enum_to_nick (CANDOR_TYPE_UPDATE_KIND, post->kind));
          add_time_member (builder, "sent_at", post->sent_at);
          json_builder_set_member_name (builder, "subject");
          if (post->rendition->subject != NULL)
            json_builder_add_string_value (builder, post->rendition->subject);
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "body");
          json_builder_add_string_value (builder, post->rendition->body);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  return g_string_append_c (g_string_new (text), '\n');
}

GString *
_candor_static_site_render_style (void)
{
  /* Colours meet WCAG AA (4.5:1) for text on their backgrounds in both
   * schemes; the banner's white text too. */
  return g_string_new (
    ":root {\n"
    "  color-scheme: light dark;\n"
    "  --bg: #f6f8fa; --surface: #ffffff; --text: #1f2328; --muted: #59636e;\n"
    "  --border: #d1d9e0; --link: #0550ae;\n"
    "  --ok: #1a7f37; --minor: #7d4e00; --major: #a1400a; --critical: #c01f2f;\n"
    "  --investigating-bg: #ffebe9; --investigating: #a40e26;\n"
    "  --identified-bg: #fff1e5; --identified: #953800;\n"
    "  --monitoring-bg: #ddf4ff; --monitoring: #0550ae;\n"
    "  --resolved-bg: #dafbe1; --resolved: #116329;\n"
    "  --sev-minor-bg: #eff2f5; --sev-minor: #424a53;\n"
    "  --sev-major-bg: #fff8c5; --sev-major: #7d4e00;\n"
    "  --sev-critical-bg: #ffebe9; --sev-critical: #a40e26;\n"
    "}\n"
    "@media (prefers-color-scheme: dark) {\n"
    "  :root {\n"
    "    --bg: #0d1117; --surface: #151b23; --text: #e6edf3; --muted: #9aa4ae;\n"
    "    --border: #30363d; --link: #58a6ff;\n"
    "    --ok: #1f6f3b; --minor: #735000; --major: #8f3a0b; --critical: #a4212c;\n"
    "    --investigating-bg: #3c1618; --investigating: #ffa198;\n"
    "    --identified-bg: #3d2510; --identified: #ffb77c;\n"
    "    --monitoring-bg: #0c2d4d; --monitoring: #8cc8ff;\n"
    "    --resolved-bg: #0f3320; --resolved: #7ee2a8;\n"
    "    --sev-minor-bg: #262c36; --sev-minor: #c9d1d9;\n"
    "    --sev-major-bg: #3b2e05; --sev-major: #f2cc60;\n"
    "    --sev-critical-bg: #3c1618; --sev-critical: #ffa198;\n"
    "  }\n"
    "}\n"
    "*, *::before, *::after { box-sizing: border-box; }\n"
    "html { background: var(--bg); color: var(--text); }\n"
    "body {\n"
    "  margin: 0; font: 16px/1.55 system-ui, -apple-system, \"Segoe UI\", Cantarell, Roboto,\n"
    "    \"Noto Sans\", \"DejaVu Sans\", sans-serif;\n"
    "}\n"
    "a { color: var(--link); text-underline-offset: 0.15em; }\n"
    "a:focus-visible { outline: 3px solid var(--link); outline-offset: 2px; border-radius: 3px; }\n"
    ".wrap { max-width: 46rem; margin: 0 auto; padding: 0 1.25rem; }\n"
    ".skip { position: absolute; left: -999px; top: 0; padding: 0.5rem 1rem;\n"
    "  background: var(--surface); }\n"
    ".skip:focus { left: 1rem; z-index: 1; }\n"
    "header.site { background: var(--surface); border-bottom: 1px solid var(--border); }\n"
    "header.site .wrap { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem;\n"
    "  align-items: center; justify-content: space-between; padding-top: 1rem;\n"
    "  padding-bottom: 1rem; }\n"
    ".brand { font-weight: 700; font-size: 1.15rem; color: var(--text); text-decoration: none; }\n"
    "header.site nav { display: flex; gap: 1.25rem; font-size: 0.95rem; }\n"
    "header.site nav a { text-decoration: none; font-weight: 500; }\n"
    "header.site nav a:hover { text-decoration: underline; }\n"
    "main.wrap { padding-top: 2rem; padding-bottom: 3rem; }\n"
    "h1, h2, h3 { line-height: 1.25; }\n"
    "h1 { font-size: 1.75rem; margin: 0 0 0.75rem; }\n"
    "h2 { font-size: 1.2rem; margin: 2.25rem 0 0.75rem; }\n"
    ".banner { border-radius: 12px; padding: 1.25rem 1.5rem; color: #ffffff; }\n"
    ".banner h1 { font-size: 1.4rem; margin: 0; }\n"
    ".banner p { margin: 0.25rem 0 0; }\n"
    ".banner-ok { background: var(--ok); }\n"
    ".banner-minor { background: var(--minor); }\n"
    ".banner-major { background: var(--major); }\n"
    ".banner-critical { background: var(--critical); }\n"
    ".cards { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.75rem; }\n"
    ".card { background: var(--surface); border: 1px solid var(--border); border-radius: 10px;\n"
    "  padding: 1rem 1.25rem; }\n"
    ".card-title { font-size: 1.05rem; margin: 0 0 0.35rem; }\n"
    ".card-title a { color: var(--text); text-decoration: none; }\n"
    ".card-title a:hover { color: var(--link); text-decoration: underline; }\n"
    ".compact .card { padding: 0.75rem 1rem; }\n"
    ".meta { margin: 0; color: var(--muted); font-size: 0.9rem; display: flex; flex-wrap: wrap;\n"
    "  gap: 0.35rem 0.5rem; align-items: center; }\n"
    ".excerpt { margin: 0.5rem 0 0; }\n"
    ".badge { display: inline-block; border-radius: 999px; padding: 0.05rem 0.6rem;\n"
    "  font-size: 0.8rem; font-weight: 600; }\n"
    ".state-investigating { background: var(--investigating-bg); color: var(--investigating); }\n"
    ".state-identified { background: var(--identified-bg); color: var(--identified); }\n"
    ".state-monitoring { background: var(--monitoring-bg); color: var(--monitoring); }\n"
    ".state-resolved { background: var(--resolved-bg); color: var(--resolved); }\n"
    ".severity-minor { background: var(--sev-minor-bg); color: var(--sev-minor); }\n"
    ".severity-major { background: var(--sev-major-bg); color: var(--sev-major); }\n"
    ".severity-critical { background: var(--sev-critical-bg); color: var(--sev-critical); }\n"
    ".crumb { margin: 0 0 1rem; font-size: 0.95rem; }\n"
    ".facts { display: flex; flex-wrap: wrap; gap: 0.5rem 2rem; margin: 1rem 0 0; }\n"
    ".facts dt { color: var(--muted); font-size: 0.85rem; }\n"
    ".facts dd { margin: 0; }\n"
    ".timeline { list-style: none; margin: 0; padding: 0 0 0 1.25rem;\n"
    "  border-left: 2px solid var(--border); }\n"
    ".post { position: relative; background: var(--surface); border: 1px solid var(--border);\n"
    "  border-radius: 10px; padding: 1rem 1.25rem; margin: 0 0 1rem; }\n"
    ".post::before { content: \"\"; position: absolute; left: calc(-1.25rem - 7px); top: 1.3rem;\n"
    "  width: 12px; height: 12px; border-radius: 50%; background: var(--muted);\n"
    "  border: 2px solid var(--bg); }\n"
    ".kind-resolution::before { background: var(--ok); }\n"
    ".post h3 { font-size: 1rem; margin: 0 0 0.2rem; }\n"
    ".post .body p { margin: 0.6rem 0 0; overflow-wrap: anywhere; }\n"
    ".months { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.5rem; }\n"
    ".months a { display: inline-block; padding: 0.35rem 0.8rem; border-radius: 8px;\n"
    "  background: var(--surface); border: 1px solid var(--border); text-decoration: none; }\n"
    ".empty, .more { color: var(--muted); }\n"
    "footer.site { border-top: 1px solid var(--border); color: var(--muted);\n"
    "  font-size: 0.85rem; }\n"
    "footer.site .wrap { padding-top: 1rem; padding-bottom: 1.5rem; }\n");
}
