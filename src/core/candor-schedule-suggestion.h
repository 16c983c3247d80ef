/* candor-schedule-suggestion.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Why a time is suggested for the next update. */
typedef enum
{
  CANDOR_SCHEDULE_SOURCE_CADENCE,       /* the severity's regular interval */
  CANDOR_SCHEDULE_SOURCE_OFFICE_CLOSES, /* shortly before an audience's office closes */
  CANDOR_SCHEDULE_SOURCE_OFFICE_OPENS,  /* when an audience's office opens */
  CANDOR_SCHEDULE_SOURCE_WHEN_FIXED,    /* no time: the next update says it is fixed */
} CandorScheduleSource;

#define CANDOR_TYPE_SCHEDULE_SUGGESTION (candor_schedule_suggestion_get_type ())

G_DECLARE_FINAL_TYPE (CandorScheduleSuggestion,
                      candor_schedule_suggestion,
                      CANDOR,
                      SCHEDULE_SUGGESTION,
                      GObject)

/* One suggested time for the next update, with a reason written for the
 * author ("before 18:00 Europe/Moscow, when the office there closes"). @at is
 * NULL only for CANDOR_SCHEDULE_SOURCE_WHEN_FIXED; @zone is the IANA id the
 * reason speaks of, and @at is expressed in it. */
CandorScheduleSuggestion *candor_schedule_suggestion_new (CandorScheduleSource source,
                                                          GDateTime           *at,
                                                          const char          *zone,
                                                          const char          *reason);

CandorScheduleSource candor_schedule_suggestion_get_source (CandorScheduleSuggestion *self);
GDateTime           *candor_schedule_suggestion_get_at (CandorScheduleSuggestion *self);
const char          *candor_schedule_suggestion_get_zone (CandorScheduleSuggestion *self);
const char          *candor_schedule_suggestion_get_reason (CandorScheduleSuggestion *self);

G_END_DECLS
