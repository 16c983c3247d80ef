/* candor-enums.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-enums"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib-object.h>

#include "candor-enums.h"
#include "candor-enum-types.h"

const char *
candor_severity_get_label (CandorSeverity severity)
{
  switch (severity)
    {
      case CANDOR_SEVERITY_MINOR:
        return C_("severity", "Minor");
      case CANDOR_SEVERITY_MAJOR:
        return C_("severity", "Major");
      case CANDOR_SEVERITY_CRITICAL:
        return C_("severity", "Critical");
      default:
        g_return_val_if_reached (NULL);
    }
}

const char *
candor_incident_state_get_label (CandorIncidentState state)
{
  switch (state)
    {
      case CANDOR_INCIDENT_STATE_INVESTIGATING:
        return C_("incident state", "Investigating");
      case CANDOR_INCIDENT_STATE_IDENTIFIED:
        return C_("incident state", "Identified");
      case CANDOR_INCIDENT_STATE_MONITORING:
        return C_("incident state", "Monitoring");
      case CANDOR_INCIDENT_STATE_RESOLVED:
        return C_("incident state", "Resolved");
      default:
        g_return_val_if_reached (NULL);
    }
}

const char *
candor_update_kind_get_label (CandorUpdateKind kind)
{
  switch (kind)
    {
      case CANDOR_UPDATE_KIND_INITIAL:
        return C_("update kind", "First notice");
      case CANDOR_UPDATE_KIND_PROGRESS:
        return C_("update kind", "Progress update");
      case CANDOR_UPDATE_KIND_RESOLUTION:
        return C_("update kind", "Resolution");
      case CANDOR_UPDATE_KIND_POST_INCIDENT:
        return C_("update kind", "Post-incident report");
      default:
        g_return_val_if_reached (NULL);
    }
}

const char *
candor_field_get_label (CandorField field)
{
  switch (field)
    {
      case CANDOR_FIELD_IMPACT_NOW:
        return C_("field", "Impact now");
      case CANDOR_FIELD_IMPACT_FUTURE:
        return C_("field", "Impact in the near future");
      case CANDOR_FIELD_LASTING_CONSEQUENCES:
        return C_("field", "Lasting consequences");
      case CANDOR_FIELD_EXECUTIVE_SUMMARY:
        return C_("field", "Executive summary");
      case CANDOR_FIELD_TECHNICAL_DETAILS:
        return C_("field", "Technical details");
      case CANDOR_FIELD_ACTIONS_TAKEN:
        return C_("field", "Actions taken");
      case CANDOR_FIELD_ACTIONS_PLANNED:
        return C_("field", "Actions planned");
      case CANDOR_FIELD_CONTACT:
        return C_("field", "Contact");
      case CANDOR_FIELD_NEXT_UPDATE:
        return C_("field", "Next update");
      default:
        g_return_val_if_reached (NULL);
    }
}

/* Drafts, templates and the command line name enum values by their nick
 * ("critical", "post-incident"), so this is the one place that maps them. */
gboolean
candor_enum_from_nick (GType enum_type, const char *nick, int *value)
{
  g_autoptr (GEnumClass) klass = NULL;
  GEnumValue *found;

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (nick == NULL)
    return FALSE;

  klass = g_type_class_ref (enum_type);
  found = g_enum_get_value_by_nick (klass, nick);
  if (found == NULL)
    return FALSE;

  *value = found->value;
  return TRUE;
}

const char *
candor_enum_to_nick (GType enum_type, int value)
{
  g_autoptr (GEnumClass) klass = NULL;
  GEnumValue *found;

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), NULL);

  klass = g_type_class_ref (enum_type);
  found = g_enum_get_value (klass, value);

  /* Nicks are static strings owned by the type, which is never unloaded. */
  return found != NULL ? found->value_nick : NULL;
}
