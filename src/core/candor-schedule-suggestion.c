/* candor-schedule-suggestion.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-schedule-suggestion"

#include "config.h"

#include "candor-enum-types.h"
#include "candor-schedule-suggestion.h"

struct _CandorScheduleSuggestion
{
  GObject parent_instance;

  GDateTime           *at;
  char                *zone;
  char                *reason;
  CandorScheduleSource source;
};

G_DEFINE_FINAL_TYPE (CandorScheduleSuggestion, candor_schedule_suggestion, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_SOURCE,
  PROP_AT,
  PROP_ZONE,
  PROP_REASON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
candor_schedule_suggestion_finalize (GObject *object)
{
  CandorScheduleSuggestion *self = (CandorScheduleSuggestion *)object;

  g_clear_pointer (&self->at, g_date_time_unref);
  g_clear_pointer (&self->zone, g_free);
  g_clear_pointer (&self->reason, g_free);

  G_OBJECT_CLASS (candor_schedule_suggestion_parent_class)->finalize (object);
}

static void
candor_schedule_suggestion_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  CandorScheduleSuggestion *self = CANDOR_SCHEDULE_SUGGESTION (object);

  switch (prop_id)
    {
      case PROP_SOURCE:
        g_value_set_enum (value, self->source);
        break;

      case PROP_AT:
        g_value_set_boxed (value, self->at);
        break;

      case PROP_ZONE:
        g_value_set_string (value, self->zone);
        break;

      case PROP_REASON:
        g_value_set_string (value, self->reason);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_schedule_suggestion_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  CandorScheduleSuggestion *self = CANDOR_SCHEDULE_SUGGESTION (object);

  /* All construct-only: a suggestion is a value, made once and shown. */
  switch (prop_id)
    {
      case PROP_SOURCE:
        self->source = g_value_get_enum (value);
        break;

      case PROP_AT:
        self->at = g_value_dup_boxed (value);
        break;

      case PROP_ZONE:
        self->zone = g_value_dup_string (value);
        break;

      case PROP_REASON:
        self->reason = g_value_dup_string (value);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_schedule_suggestion_class_init (CandorScheduleSuggestionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = candor_schedule_suggestion_finalize;
  object_class->get_property = candor_schedule_suggestion_get_property;
  object_class->set_property = candor_schedule_suggestion_set_property;

  properties[PROP_SOURCE] =
    g_param_spec_enum ("source", NULL, "Why this time is suggested", CANDOR_TYPE_SCHEDULE_SOURCE,
                       CANDOR_SCHEDULE_SOURCE_CADENCE,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_AT] = g_param_spec_boxed (
    "at", NULL, "The suggested time, or NULL for “when it is fixed”", G_TYPE_DATE_TIME,
    G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ZONE] =
    g_param_spec_string ("zone", NULL, "The time zone the reason speaks of", NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_REASON] =
    g_param_spec_string ("reason", NULL, "Why this time, written for the author", NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
candor_schedule_suggestion_init (CandorScheduleSuggestion *self)
{
}

CandorScheduleSuggestion *
candor_schedule_suggestion_new (CandorScheduleSource source,
                                GDateTime           *at,
                                const char          *zone,
                                const char          *reason)
{
  g_return_val_if_fail (reason != NULL, NULL);
  g_return_val_if_fail ((at == NULL) == (source == CANDOR_SCHEDULE_SOURCE_WHEN_FIXED), NULL);

  return g_object_new (CANDOR_TYPE_SCHEDULE_SUGGESTION, "source", source, "at", at, "zone", zone,
                       "reason", reason, NULL);
}

CandorScheduleSource
candor_schedule_suggestion_get_source (CandorScheduleSuggestion *self)
{
  g_return_val_if_fail (CANDOR_IS_SCHEDULE_SUGGESTION (self), 0);

  return self->source;
}

GDateTime *
candor_schedule_suggestion_get_at (CandorScheduleSuggestion *self)
{
  g_return_val_if_fail (CANDOR_IS_SCHEDULE_SUGGESTION (self), NULL);

  return self->at;
}

const char *
candor_schedule_suggestion_get_zone (CandorScheduleSuggestion *self)
{
  g_return_val_if_fail (CANDOR_IS_SCHEDULE_SUGGESTION (self), NULL);

  return self->zone;
}

const char *
candor_schedule_suggestion_get_reason (CandorScheduleSuggestion *self)
{
  g_return_val_if_fail (CANDOR_IS_SCHEDULE_SUGGESTION (self), NULL);

  return self->reason;
}
