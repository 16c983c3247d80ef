/* candor-search-hit.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "candor-enums.h"

G_BEGIN_DECLS

/* The snippet marks each match with these two characters, which never occur
 * in text people write; candor_search_hit_get_snippet_markup() turns them
 * into <b></b> around escaped text. */
#define CANDOR_SEARCH_MATCH_START "\x02"
#define CANDOR_SEARCH_MATCH_END   "\x03"

typedef enum
{
  CANDOR_SEARCH_HIT_INCIDENT,  /* the incident's title matched */
  CANDOR_SEARCH_HIT_RENDITION, /* something that was sent matched */
} CandorSearchHitKind;

#define CANDOR_TYPE_SEARCH_HIT (candor_search_hit_get_type ())

G_DECLARE_FINAL_TYPE (CandorSearchHit, candor_search_hit, CANDOR, SEARCH_HIT, GObject)

/* One search result: immutable, built by the store. */
CandorSearchHitKind candor_search_hit_get_kind (CandorSearchHit *self);
const char         *candor_search_hit_get_incident_id (CandorSearchHit *self);
const char         *candor_search_hit_get_incident_title (CandorSearchHit *self);
CandorIncidentState candor_search_hit_get_state (CandorSearchHit *self);
CandorSeverity      candor_search_hit_get_severity (CandorSearchHit *self);
/* NULL for an incident hit. */
const char *candor_search_hit_get_update_id (CandorSearchHit *self);
const char *candor_search_hit_get_audience (CandorSearchHit *self);
/* The channel format, or -1 for an incident hit. */
int         candor_search_hit_get_format (CandorSearchHit *self);
const char *candor_search_hit_get_language (CandorSearchHit *self);
/* When the incident started, or when the rendition was sent. */
GDateTime *candor_search_hit_get_at (CandorSearchHit *self);
/* The matching passage with CANDOR_SEARCH_MATCH_START/END around matches. */
const char *candor_search_hit_get_snippet (CandorSearchHit *self);
char       *candor_search_hit_get_snippet_markup (CandorSearchHit *self);

/* Any text with the markers to Pango markup, the rest escaped. */
char *candor_search_snippet_to_markup (const char *snippet);

G_END_DECLS
