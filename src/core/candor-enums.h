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

/* The parts of an update the wizard asks for, in the order it asks. */
typedef enum
{
  CANDOR_FIELD_IMPACT_NOW,
  CANDOR_FIELD_IMPACT_FUTURE,
  CANDOR_FIELD_LASTING_CONSEQUENCES,
  CANDOR_FIELD_EXECUTIVE_SUMMARY,
  CANDOR_FIELD_TECHNICAL_DETAILS,
  CANDOR_FIELD_ACTIONS_TAKEN,
  CANDOR_FIELD_ACTIONS_PLANNED,
  CANDOR_FIELD_CONTACT,
  CANDOR_FIELD_NEXT_UPDATE,
} CandorField;

#define CANDOR_N_FIELDS (CANDOR_FIELD_NEXT_UPDATE + 1)

/* How much an audience is told. */
typedef enum
{
  CANDOR_DETAIL_SHORT,
  CANDOR_DETAIL_SUMMARY_FIRST,
  CANDOR_DETAIL_FULL,
} CandorDetail;

/* What a channel receives, each written out from the same Markdown-lite fields. */
typedef enum
{
  CANDOR_DIALECT_PLAIN,
  CANDOR_DIALECT_EMAIL,
  CANDOR_DIALECT_SLACK,
  CANDOR_DIALECT_DISCORD,
  CANDOR_DIALECT_MATTERMOST,
  CANDOR_DIALECT_MATRIX,
  CANDOR_DIALECT_TEAMS,
  CANDOR_DIALECT_STATUS_PAGE,
  CANDOR_DIALECT_MASTODON,
  CANDOR_DIALECT_BLUESKY,
  CANDOR_DIALECT_X,
  CANDOR_DIALECT_TELEGRAM,
  CANDOR_DIALECT_SIGNED_WEBHOOK,
} CandorDialect;

#define CANDOR_N_DIALECTS (CANDOR_DIALECT_SIGNED_WEBHOOK + 1)

const char *candor_field_get_label (CandorField field);
const char *candor_severity_get_label (CandorSeverity severity);
const char *candor_incident_state_get_label (CandorIncidentState state);
const char *candor_update_kind_get_label (CandorUpdateKind kind);

gboolean    candor_enum_from_nick (GType enum_type, const char *nick, int *value);
const char *candor_enum_to_nick (GType enum_type, int value);

G_END_DECLS
