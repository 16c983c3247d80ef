/* candor-incident.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

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
gboolean            candor_incident_get_sla_relevant (CandorIncident *self);
void                candor_incident_set_sla_relevant (CandorIncident *self, gboolean sla_relevant);

G_END_DECLS
