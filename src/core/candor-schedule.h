/* candor-schedule.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "candor-enums.h"
#include "candor-incident.h"
#include "candor-schedule-suggestion.h"
#include "candor-update.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_SCHEDULE (candor_schedule_get_type ())

G_DECLARE_FINAL_TYPE (CandorSchedule, candor_schedule, CANDOR, SCHEDULE, GObject)

/* Suggests when the next update should go out: on the severity's cadence
 * (critical every 30 minutes, major every 60, minor "when it is fixed"), a
 * little before each audience's office closes ("the team keeps working
 * overnight") and when it opens again, in each of the audience's time zones,
 * skipping weekends. Properties: "minor-cadence", "major-cadence",
 * "critical-cadence" (minutes, 0 = no regular updates) and "close-lead"
 * (minutes before closing, default 15). */
CandorSchedule *candor_schedule_new (void);

guint candor_schedule_get_cadence (CandorSchedule *self, CandorSeverity severity);
void  candor_schedule_set_cadence (CandorSchedule *self, CandorSeverity severity, guint minutes);
guint candor_schedule_get_close_lead (CandorSchedule *self);
void  candor_schedule_set_close_lead (CandorSchedule *self, guint minutes);

/* The suggestions (CandorScheduleSuggestion) for the update after @update,
 * sorted by time, one per minute, all after @now. Empty when nothing more is
 * due: the incident is resolved or @update is a resolution or post-incident
 * report. Without a cadence the one suggestion is "when it is fixed" (no time).
 * @audiences holds CandorAudience; zones that are not valid IANA ids are skipped. */
GPtrArray *candor_schedule_suggest (CandorSchedule *self,
                                    CandorIncident *incident,
                                    CandorUpdate   *update,
                                    GPtrArray      *audiences,
                                    GDateTime      *now);

G_END_DECLS
