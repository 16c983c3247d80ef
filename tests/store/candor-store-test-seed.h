/* candor-store-test-seed.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "candor-store.h"

G_BEGIN_DECLS

/* A time on a fixed day, so tests read like a timeline: 30 Nov 2026, @hour:@minute UTC. */
GDateTime *seed_time (int hour, int minute);

/* Saves a new incident through the store's public API. */
CandorIncident *seed_incident (CandorStore        *store,
                               const char         *title,
                               CandorSeverity      severity,
                               CandorIncidentState state,
                               GDateTime          *started_at,
                               GDateTime          *detected_at);

/* Records an update sent at @sent_at with the executive summary @summary, as
 * two renditions: "customers" by email (with MIME bytes) and "technical" on
 * Slack. @next_update_at may be NULL. Returns the update. */
CandorUpdate *seed_update (CandorStore     *store,
                           CandorIncident  *incident,
                           CandorUpdateKind kind,
                           GDateTime       *sent_at,
                           GDateTime       *next_update_at,
                           const char      *summary);

G_END_DECLS
