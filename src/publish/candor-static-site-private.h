/* candor-static-site-private.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "candor-channel-history.h"

G_BEGIN_DECLS

/* The static site's pages as text, from CandorChannelIncidents (newest
 * first); candor-static-site.c decides which to write. Every page depends
 * only on its arguments, so the same history renders to the same bytes. */

GString *_candor_static_site_render_index (const char *title,
                                           const char *language,
                                           GPtrArray  *recent,
                                           guint       max_active);
GString *_candor_static_site_render_incident (const char *title, CandorChannelIncident *incident);
GString *_candor_static_site_render_month (const char *title,
                                           const char *language,
                                           const char *month,
                                           GPtrArray  *incidents);
GString *_candor_static_site_render_archive_index (const char        *title,
                                                   const char        *language,
                                                   const char *const *months);
GString *_candor_static_site_render_feed (const char *title,
                                          const char *language,
                                          const char *channel_id,
                                          GPtrArray  *recent,
                                          guint       max_entries);
GString *
_candor_static_site_render_json (const char *title, const char *language, GPtrArray *recent);
/* The stylesheet every page links to. */
GString *_candor_static_site_render_style (void);

G_END_DECLS
