/* candor-finding.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-finding"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "candor-enum-types.h"
#include "candor-finding.h"

struct _CandorFinding
{
  GObject parent_instance;

  char                 *rule_id;
  char                 *message;
  char                 *suggestion;
  char                 *quote;
  char                 *language;
  CandorFindingSeverity severity;
  int                   field;
  guint                 start;
  guint                 end;
};

G_DEFINE_FINAL_TYPE (CandorFinding, candor_finding, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_RULE_ID,
  PROP_SEVERITY,
  PROP_FIELD,
  PROP_START,
  PROP_END,
  PROP_MESSAGE,
  PROP_SUGGESTION,
  PROP_QUOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
candor_finding_finalize (GObject *object)
{
  CandorFinding *self = (CandorFinding *)object;

  g_clear_pointer (&self->rule_id, g_free);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->suggestion, g_free);
  g_clear_pointer (&self->quote, g_free);
  g_clear_pointer (&self->language, g_free);

  G_OBJECT_CLASS (candor_finding_parent_class)->finalize (object);
}

static void
candor_finding_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CandorFinding *self = CANDOR_FINDING (object);

  switch (prop_id)
    {
      case PROP_RULE_ID:
        g_value_set_string (value, self->rule_id);
        break;

      case PROP_SEVERITY:
        g_value_set_enum (value, self->severity);
        break;

      case PROP_FIELD:
        g_value_set_int (value, self->field);
        break;

      case PROP_START:
        g_value_set_uint (value, self->start);
        break;

      case PROP_END:
        g_value_set_uint (value, self->end);
        break;

      case PROP_MESSAGE:
        g_value_set_string (value, self->message);
        break;

      case PROP_SUGGESTION:
        g_value_set_string (value, self->suggestion);
        break;

      case PROP_QUOTE:
        g_value_set_string (value, self->quote);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Every property is construct-only: a finding describes one check run and
 * is replaced, never edited, when the text changes. */
static void
candor_finding_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CandorFinding *self = CANDOR_FINDING (object);

  switch (prop_id)
    {
      case PROP_RULE_ID:
        self->rule_id = g_value_dup_string (value);
        break;

      case PROP_SEVERITY:
        self->severity = g_value_get_enum (value);
        break;

      case PROP_FIELD:
        self->field = g_value_get_int (value);
        break;

      case PROP_START:
        self->start = g_value_get_uint (value);
        break;

      case PROP_END:
        self->end = g_value_get_uint (value);
        break;

      case PROP_MESSAGE:
        self->message = g_value_dup_string (value);
        break;

      case PROP_SUGGESTION:
        self->suggestion = g_value_dup_string (value);
        break;

      case PROP_QUOTE:
        self->quote = g_value_dup_string (value);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_finding_class_init (CandorFindingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = candor_finding_finalize;
  object_class->get_property = candor_finding_get_property;
  object_class->set_property = candor_finding_set_property;

  properties[PROP_RULE_ID] = g_param_spec_string (
    "rule-id", NULL, NULL, NULL,
    G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEVERITY] = g_param_spec_enum (
    "severity", NULL, NULL, CANDOR_TYPE_FINDING_SEVERITY, CANDOR_FINDING_SEVERITY_WARNING,
    G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FIELD] = g_param_spec_int ("field", NULL, NULL, CANDOR_FINDING_WHOLE_MESSAGE,
                                             CANDOR_N_FIELDS - 1, CANDOR_FINDING_WHOLE_MESSAGE,
                                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                               G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_START] = g_param_spec_uint ("start", NULL, NULL, 0, G_MAXUINT, 0,
                                              G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                                G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_END] = g_param_spec_uint ("end", NULL, NULL, 0, G_MAXUINT, 0,
                                            G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                              G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] = g_param_spec_string (
    "message", NULL, NULL, NULL,
    G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUGGESTION] = g_param_spec_string (
    "suggestion", NULL, NULL, NULL,
    G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* The words the finding is about, as written: the span says where they
   * were, the quote what they were, so a list of findings reads on its own. */
  properties[PROP_QUOTE] = g_param_spec_string ("quote", NULL, NULL, NULL,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                                  G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
candor_finding_init (CandorFinding *self)
{
  self->field = CANDOR_FINDING_WHOLE_MESSAGE;
}

/**
 * candor_finding_new:
 * @rule_id: the stable id of the rule ("blame", "missing-contact", ...)
 * @field: a #CandorField, or %CANDOR_FINDING_WHOLE_MESSAGE
 * @start: the first character of the span, counted in characters
 * @end: the character after the span
 * @message: the one-line explanation for the author, already translated
 * @suggestion: (nullable): what to write instead
 */
CandorFinding *
candor_finding_new (const char           *rule_id,
                    CandorFindingSeverity severity,
                    int                   field,
                    guint                 start,
                    guint                 end,
                    const char           *message,
                    const char           *suggestion)
{
  g_return_val_if_fail (rule_id != NULL, NULL);
  g_return_val_if_fail (field >= CANDOR_FINDING_WHOLE_MESSAGE && field < CANDOR_N_FIELDS, NULL);
  g_return_val_if_fail (start <= end, NULL);
  g_return_val_if_fail (message != NULL, NULL);

  return g_object_new (CANDOR_TYPE_FINDING, "rule-id", rule_id, "severity", severity, "field",
                       field, "start", start, "end", end, "message", message, "suggestion",
                       suggestion, NULL);
}

CandorFinding *
candor_finding_new_quoted (const char           *rule_id,
                           CandorFindingSeverity severity,
                           int                   field,
                           guint                 start,
                           guint                 end,
                           const char           *quote,
                           const char           *message,
                           const char           *suggestion)
{
  g_return_val_if_fail (rule_id != NULL, NULL);
  g_return_val_if_fail (field >= CANDOR_FINDING_WHOLE_MESSAGE && field < CANDOR_N_FIELDS, NULL);
  g_return_val_if_fail (start <= end, NULL);
  g_return_val_if_fail (quote != NULL, NULL);
  g_return_val_if_fail (message != NULL, NULL);

  return g_object_new (CANDOR_TYPE_FINDING, "rule-id", rule_id, "severity", severity, "field",
                       field, "start", start, "end", end, "quote", quote, "message", message,
                       "suggestion", suggestion, NULL);
}

const char *
candor_finding_get_rule_id (CandorFinding *self)
{
  g_return_val_if_fail (CANDOR_IS_FINDING (self), NULL);

  return self->rule_id;
}

CandorFindingSeverity
candor_finding_get_severity (CandorFinding *self)
{
  g_return_val_if_fail (CANDOR_IS_FINDING (self), CANDOR_FINDING_SEVERITY_INFO);

  return self->severity;
}

int
candor_finding_get_field (CandorFinding *self)
{
  g_return_val_if_fail (CANDOR_IS_FINDING (self), CANDOR_FINDING_WHOLE_MESSAGE);

  return self->field;
}

guint
candor_finding_get_start (CandorFinding *self)
{
  g_return_val_if_fail (CANDOR_IS_FINDING (self), 0);

  return self->start;
}

guint
candor_finding_get_end (CandorFinding *self)
{
  g_return_val_if_fail (CANDOR_IS_FINDING (self), 0);

  return self->end;
}

const char *
candor_finding_get_message (CandorFinding *self)
{
  g_return_val_if_fail (CANDOR_IS_FINDING (self), NULL);

  return self->message;
}

const char *
candor_finding_get_suggestion (CandorFinding *self)
{
  g_return_val_if_fail (CANDOR_IS_FINDING (self), NULL);

  return self->suggestion;
}

const char *
candor_finding_get_quote (CandorFinding *self)
{
  g_return_val_if_fail (CANDOR_IS_FINDING (self), NULL);

  return self->quote;
}

gboolean
candor_finding_get_acknowledgeable (CandorFinding *self)
{
  g_return_val_if_fail (CANDOR_IS_FINDING (self), FALSE);

  return g_strcmp0 (candor_finding_get_rule_id (self), "placeholder") != 0;
}

const char *
candor_finding_get_language (CandorFinding *self)
{
  g_return_val_if_fail (CANDOR_IS_FINDING (self), NULL);

  return self->language;
}

/* Not a property: the finding is still being made when this is called, and
 * nobody watches a finding change. */
void
candor_finding_set_language (CandorFinding *self, const char *language)
{
  g_return_if_fail (CANDOR_IS_FINDING (self));

  g_free (self->language);
  self->language = g_strdup (language);
}

const char *
candor_finding_severity_get_label (CandorFindingSeverity severity)
{
  switch (severity)
    {
      case CANDOR_FINDING_SEVERITY_INFO:
        return C_("finding severity", "Note");
      case CANDOR_FINDING_SEVERITY_WARNING:
        return C_("finding severity", "Warning");
      case CANDOR_FINDING_SEVERITY_ERROR:
        return C_("finding severity", "Error");
      default:
        g_return_val_if_reached (NULL);
    }
}
