/* candor-sender.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-sender"

#include "config.h"

#include <string.h>

#include "candor-sender.h"

/* RFC 5322 "atext" and spaces: a display name of only these needs no quotes. */
static gboolean
is_plain_phrase (const char *name)
{
  for (const char *p = name; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != ' ' && strchr ("!#$%&'*+-/=?^_`{|}~", *p) == NULL &&
          !((guchar)*p & 0x80))
        return FALSE;
    }

  return TRUE;
}

char *
candor_sender_format_from (const char *name, const char *address)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name != NULL ? name : ""));
  GString         *quoted;

  g_return_val_if_fail (address != NULL, NULL);

  if (*trimmed == '\0')
    return g_strdup (address);

  if (is_plain_phrase (trimmed))
    return g_strdup_printf ("%s <%s>", trimmed, address);

  quoted = g_string_new ("\"");
  for (const char *p = trimmed; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (quoted, '\\');
      g_string_append_c (quoted, *p);
    }
  g_string_append_printf (quoted, "\" <%s>", address);

  return g_string_free (quoted, FALSE);
}

char *
candor_sender_dup_from (GSettings *settings)
{
  g_autofree char *name = NULL;
  g_autofree char *address = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  name = g_settings_get_string (settings, "sender-name");
  address = g_settings_get_string (settings, "sender-address");
  g_strstrip (address);

  if (*address == '\0')
    return NULL;

  return candor_sender_format_from (name, address);
}
