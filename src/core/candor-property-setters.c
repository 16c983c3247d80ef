/* candor-property-setters.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-property-setters"

#include "config.h"

#include "candor-property-setters.h"

gboolean
candor_set_string (char **slot, const char *value)
{
  if (g_strcmp0 (*slot, value) == 0)
    return FALSE;

  g_free (*slot);
  *slot = g_strdup (value);
  return TRUE;
}

/* Two times are the same value when both are unset or both name the same
 * instant, whatever their time zones. */
gboolean
candor_set_date_time (GDateTime **slot, GDateTime *value)
{
  if (*slot == NULL || value == NULL ? *slot == value : g_date_time_equal (*slot, value))
    return FALSE;

  g_clear_pointer (slot, g_date_time_unref);
  *slot = value != NULL ? g_date_time_ref (value) : NULL;
  return TRUE;
}
