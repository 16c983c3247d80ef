/* candor-audience.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "candor-enums.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_AUDIENCE (candor_audience_get_type ())

G_DECLARE_FINAL_TYPE (CandorAudience, candor_audience, CANDOR, AUDIENCE, GObject)

/* Who receives a message: which fields they see, in what order, with how
 * much detail, through which channels, and when their offices open and close.
 * "changed" is emitted once for every effective change of any of these. */
CandorAudience *candor_audience_new (const char *id, const char *name);
/* The three every installation starts with: "customers", "executives", "technical". */
GPtrArray *candor_audience_new_defaults (void);

const char  *candor_audience_get_id (CandorAudience *self);
const char  *candor_audience_get_name (CandorAudience *self);
void         candor_audience_set_name (CandorAudience *self, const char *name);
CandorDetail candor_audience_get_detail (CandorAudience *self);
void         candor_audience_set_detail (CandorAudience *self, CandorDetail detail);

/* The fields shown, in order; @n_fields out. */
const CandorField *candor_audience_get_fields (CandorAudience *self, guint *n_fields);
void candor_audience_set_fields (CandorAudience *self, const CandorField *fields, guint n_fields);

/* The ids of the configured channels (CandorChannel) this audience is reached
 * through, in order; NULL-terminated. An id no channel has is skipped when
 * rendering: the channel may have been removed since. */
const char *const *candor_audience_get_channels (CandorAudience *self);
void candor_audience_set_channels (CandorAudience *self, const char *const *channel_ids);

/* IANA zone ids ("Europe/Moscow") and office hours as minutes after midnight
 * local to each zone (9:00 = 540, 18:00 = 1080). */
const char *const *candor_audience_get_time_zones (CandorAudience *self);
void               candor_audience_set_time_zones (CandorAudience *self, const char *const *zones);
/* The language the audience reads, a tag such as "ru"; NULL for the
 * incident's primary language, as the defaults have. */
const char *candor_audience_get_language (CandorAudience *self);
void        candor_audience_set_language (CandorAudience *self, const char *language);
guint       candor_audience_get_office_opens (CandorAudience *self);
guint       candor_audience_get_office_closes (CandorAudience *self);
void        candor_audience_set_office_hours (CandorAudience *self, guint opens, guint closes);

JsonNode       *candor_audience_to_json (CandorAudience *self);
CandorAudience *candor_audience_new_from_json (JsonNode *node, GError **error);
/* The same, with errors naming @path ("audiences[1]") before the key, as
 * "audiences[1].detail: ...". Errors are in the CANDOR_JSON_ERROR domain. */
CandorAudience *candor_audience_new_from_json_at (JsonNode *node, const char *path, GError **error);

/* Whether @field / @channel_id is among this audience's. */
gboolean candor_audience_has_field (CandorAudience *self, CandorField field);
/* Whether the audience's messages show @field: it lists it and its level of
 * detail lets it through (a short message never shows technical details). */
gboolean candor_audience_shows_field (CandorAudience *self, CandorField field);
gboolean candor_audience_has_channel (CandorAudience *self, const char *channel_id);

G_END_DECLS
