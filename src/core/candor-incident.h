/* candor-incident.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "candor-enums.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_INCIDENT (candor_incident_get_type ())

G_DECLARE_FINAL_TYPE (CandorIncident, candor_incident, CANDOR, INCIDENT, GObject)

CandorIncident    *candor_incident_new (const char *title);
const char        *candor_incident_get_id (CandorIncident *self);
const char        *candor_incident_get_title (CandorIncident *self);
void               candor_incident_set_title (CandorIncident *self, const char *title);
const char *const *candor_incident_get_services (CandorIncident *self);
void               candor_incident_set_services (CandorIncident *self, const char *const *services);
CandorSeverity     candor_incident_get_severity (CandorIncident *self);
void               candor_incident_set_severity (CandorIncident *self, CandorSeverity severity);
CandorIncidentState candor_incident_get_state (CandorIncident *self);
void                candor_incident_set_state (CandorIncident *self, CandorIncidentState state);
GDateTime          *candor_incident_get_started_at (CandorIncident *self);
void                candor_incident_set_started_at (CandorIncident *self, GDateTime *started_at);
GDateTime          *candor_incident_get_detected_at (CandorIncident *self);
void                candor_incident_set_detected_at (CandorIncident *self, GDateTime *detected_at);
GDateTime          *candor_incident_get_resolved_at (CandorIncident *self);
void                candor_incident_set_resolved_at (CandorIncident *self, GDateTime *resolved_at);
const char         *candor_incident_get_language (CandorIncident *self);
void                candor_incident_set_language (CandorIncident *self, const char *language);
/* Several languages: the primary one above (what the update's own fields are
 * written in) and any number of others, each a tag such as "ru" or "de",
 * without the primary and without repeats. Never NULL; empty for an incident
 * in one language. */
const char *const *candor_incident_get_other_languages (CandorIncident *self);
void candor_incident_set_other_languages (CandorIncident *self, const char *const *languages);
/* The primary language ("en" when unset) followed by the others. */
GStrv    candor_incident_dup_languages (CandorIncident *self);
gboolean candor_incident_has_language (CandorIncident *self, const char *language);
/* The title in another language: empty when not written yet (the primary
 * title for the primary language). Setting it remembers the primary title it
 * was written against; when the primary title changes afterwards the
 * translation is outdated until it is written again or marked current. An
 * empty title removes the translation. "title-translations" is notified on
 * every change. */
const char *candor_incident_get_title_in (CandorIncident *self, const char *language);
void candor_incident_set_title_in (CandorIncident *self, const char *language, const char *title);
gboolean candor_incident_get_title_outdated_in (CandorIncident *self, const char *language);
void     candor_incident_mark_title_current_in (CandorIncident *self, const char *language);
/* The primary title the translation was written or confirmed against; NULL
 * when there is no translation. */
const char *candor_incident_get_title_source_in (CandorIncident *self, const char *language);
/* What readers of @language see: its translation, or the primary title. */
const char *candor_incident_get_title_for (CandorIncident *self, const char *language);
/* The title translations alone, as in the draft format:
 * {"en": {"text": "...", "source": "..."}}; reading replaces them all and
 * takes a plain string as a title written against the current primary one. */
JsonNode *candor_incident_title_translations_to_json (CandorIncident *self);
gboolean  candor_incident_read_title_translations (CandorIncident *self,
                                                   JsonNode       *node,
                                                   const char     *path,
                                                   GError        **error);
gboolean  candor_incident_get_sla_relevant (CandorIncident *self);
void      candor_incident_set_sla_relevant (CandorIncident *self, gboolean sla_relevant);

/* A new incident equal to @self in every property, its id included. */
CandorIncident *candor_incident_copy (CandorIncident *self);

/* The incident as the draft format writes it: an object with the keys id,
 * title, services, severity, state, started-at, detected-at, resolved-at,
 * language, other-languages (an array, absent in version-1 drafts),
 * sla-relevant and title-translations (see above; absent before issue 12). Enums are nicks, times
 * ISO 8601 with their own offset; an unset title, time or language is null. */
JsonNode *candor_incident_to_json (CandorIncident *self);
/* Reads what candor_incident_to_json() writes, strictly: errors are in the
 * CANDOR_JSON_ERROR domain and name the bad key's path below @path
 * ("incident.severity: ..."). Absent keys keep the defaults of a new
 * incident; an absent or empty id gives a fresh one. */
CandorIncident *candor_incident_from_json_at (JsonNode *node, const char *path, GError **error);
CandorIncident *candor_incident_from_json (JsonNode *node, GError **error);

G_END_DECLS
