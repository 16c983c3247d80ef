/* candor-static-site.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "candor-store.h"

G_BEGIN_DECLS

/* A self-contained status site, written from what one channel published:
 *
 *   index.html             current status, active and recent incidents
 *   incidents/ID.html      one incident with every update it posted
 *   archive/index.html     the months that have incidents
 *   archive/YYYY-MM.html   the incidents listed in one month
 *   feed.atom              an Atom feed (RFC 4287), an entry per update
 *   status.json            the index's content as JSON
 *   style.css              light and dark, no JavaScript anywhere
 *
 * Every file is replaced atomically (a temporary file in the same folder,
 * renamed over it) and only when its content changed; index.html goes last,
 * so a reader never follows a link to a page that is not there yet. */

typedef struct
{
  guint n_written;   /* files whose content changed */
  guint n_unchanged; /* files rendered and found as they were */
} CandorStaticSiteStats;

/* The newest incidents the index, the feed and status.json show (besides
 * any that are not resolved). */
#define CANDOR_STATIC_SITE_RECENT 20

/* Writes the site of @channel_id's history into @folder (made if missing),
 * titled @title, its shared pages in @language ("en" or "ru"; an incident's
 * own page is in the incident's language). With @incident_id, and a site of
 * the same channel already in @folder, only the pages that incident's new
 * update touches are rendered: its page, its month, the archive index, the
 * feed, status.json and the index. Otherwise every page is. @stats may be
 * NULL. Errors are G_IO_ERROR or CANDOR_STORE_ERROR. */
gboolean candor_static_site_write (CandorStore           *store,
                                   const char            *channel_id,
                                   const char            *folder,
                                   const char            *title,
                                   const char            *language,
                                   const char            *incident_id,
                                   CandorStaticSiteStats *stats,
                                   GError               **error);

/* The page of @incident_id relative to the site's folder ("incidents/ID.html"). */
char *candor_static_site_incident_path (const char *incident_id);

/* "ru" when the user's locale is Russian, "en" otherwise. */
const char *candor_static_site_default_language (void);

G_END_DECLS
