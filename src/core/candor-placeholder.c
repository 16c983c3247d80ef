/* candor-placeholder.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-placeholder"

#include "config.h"

#include <string.h>

#include "candor-placeholder.h"

/* Longer than any variable's name with room to spare; a longer bracket is prose. */
#define MAX_PLACEHOLDER_CHARS 60

char *
candor_placeholder_for_variable (const char *name)
{
  g_autofree char *words = g_strdup (name);

  g_return_val_if_fail (name != NULL, NULL);

  g_strdelimit (words, "_", ' ');
  return g_strconcat ("[", g_strstrip (words), "]", NULL);
}

/* "[words]": starts with a letter; letters, digits, spaces, "-" and "_"; not
 * followed by "(" (a link) or "[" (a reference link). */
static gboolean
bracket_at (const char *text, const char *open, const char **close)
{
  const char *p = g_utf8_next_char (open);
  guint       n = 0;

  if (!g_unichar_isalpha (g_utf8_get_char (p)))
    return FALSE;

  for (; *p != '\0' && *p != ']'; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (n >= MAX_PLACEHOLDER_CHARS ||
          !(g_unichar_isalnum (c) || c == ' ' || c == '-' || c == '_' || c == '\''))
        return FALSE;
    }

  if (*p != ']' || p[1] == '(' || p[1] == '[')
    return FALSE;
  /* "[x]" closing a link's text "[a [x]](url)" is too rare to care about;
   * "![alt]" is an image in Markdown proper, not in Markdown-lite. */
  *close = p;
  return TRUE;
}

/* "{{name}}", as Mustache left it. */
static gboolean
tag_at (const char *open, const char **close)
{
  const char *p = open + 2;
  guint       n = 0;

  while (*p == ' ')
    p++;
  if (!g_ascii_isalpha (*p) && *p != '_' && *p != '#' && *p != '^' && *p != '/')
    return FALSE;

  for (; *p != '\0' && !(p[0] == '}' && p[1] == '}'); p++, n++)
    if (n >= MAX_PLACEHOLDER_CHARS || *p == '\n')
      return FALSE;

  if (*p == '\0')
    return FALSE;
  *close = p + 1;
  return TRUE;
}

gboolean
candor_placeholder_find (const char *text, gsize from, gsize *start, gsize *end)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (const char *p = text + from; *p != '\0'; p++)
    {
      const char *close = NULL;

      if ((*p == '[' && bracket_at (text, p, &close)) ||
          (p[0] == '{' && p[1] == '{' && tag_at (p, &close)))
        {
          if (start != NULL)
            *start = p - text;
          if (end != NULL)
            *end = close + 1 - text;
          return TRUE;
        }
    }

  return FALSE;
}

gboolean
candor_placeholder_in_text (const char *text)
{
  return text != NULL && candor_placeholder_find (text, 0, NULL, NULL);
}
