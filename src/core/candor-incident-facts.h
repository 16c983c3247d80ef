/* candor-incident-facts.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "candor-incident.h"
#include "candor-sent-update.h"

G_BEGIN_DECLS

/* One sent update measured against the promise made before it. */
typedef struct
{
  const char      *update_id;
  CandorUpdateKind kind;
  GDateTime       *sent_at;
  /* What this update promised: a time, or "when the situation changes". */
  GDateTime *promised_next_at;
  gboolean   promised_when_changed;
  /* When the following update actually went out; NULL for the last one. */
  GDateTime *next_sent_at;
  /* The following update (or, for the last one while unresolved, now) came
   * after the promised time; @late_by says by how much. */
  gboolean  late;
  GTimeSpan late_by;
} CandorUpdateFacts;

/* An incident's own facts, computed from what was actually sent. Times the
 * history does not know are NULL, spans -1. */
typedef struct
{
  GDateTime *started_at;
  GDateTime *detected_at;
  GDateTime *first_notice_at;
  GTimeSpan  time_to_first_notice; /* from detection, or from the start when undetected */
  GDateTime *resolved_at;
  GTimeSpan  duration; /* start to resolution */
  guint      n_late;
  GArray    *updates; /* of CandorUpdateFacts, oldest first */
} CandorIncidentFacts;

/* @sent_updates: CandorSentUpdate, oldest first (as the history returns
 * them); @now decides whether an overdue promise of the last update is late. */
CandorIncidentFacts *
candor_incident_facts_compute (CandorIncident *incident, GPtrArray *sent_updates, GDateTime *now);
void candor_incident_facts_free (CandorIncidentFacts *facts);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CandorIncidentFacts, candor_incident_facts_free)

/* "1 h 05 min", "3 min", "2 d 4 h": for reports, in the user's language. */
char *candor_format_time_span (GTimeSpan span);

G_END_DECLS
