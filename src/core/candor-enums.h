/* candor-enums.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CANDOR_SEVERITY_MINOR,
  CANDOR_SEVERITY_MAJOR,
  CANDOR_SEVERITY_CRITICAL,
} CandorSeverity;

typedef enum
{
  CANDOR_INCIDENT_STATE_INVESTIGATING,
  CANDOR_INCIDENT_STATE_IDENTIFIED,
  CANDOR_INCIDENT_STATE_MONITORING,
  CANDOR_INCIDENT_STATE_RESOLVED,
} CandorIncidentState;

typedef enum
{
  CANDOR_UPDATE_KIND_INITIAL,
  CANDOR_UPDATE_KIND_PROGRESS,
  CANDOR_UPDATE_KIND_RESOLUTION,
  CANDOR_UPDATE_KIND_POST_INCIDENT,
} CandorUpdateKind;

const char *candor_severity_get_label (CandorSeverity severity);
const char *candor_incident_state_get_label (CandorIncidentState state);
const char *candor_update_kind_get_label (CandorUpdateKind kind);

gboolean    candor_enum_from_nick (GType enum_type, const char *nick, int *value);
const char *candor_enum_to_nick (GType enum_type, int value);

G_END_DECLS
