/* candor-language.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-language"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "candor-language.h"

typedef struct
{
  const char *tag;
  const char *label;
} LanguageLabel;

/* The languages teams write outage messages in most, named for the author. */
static const LanguageLabel labels[] = {
  { "en", N_ ("English") }, { "ru", N_ ("Russian") },    { "de", N_ ("German") },
  { "fr", N_ ("French") },  { "es", N_ ("Spanish") },    { "uk", N_ ("Ukrainian") },
  { "it", N_ ("Italian") }, { "pt", N_ ("Portuguese") }, { "pl", N_ ("Polish") },
};

gboolean
candor_language_is_valid (const char *text)
{
  gsize letters = 0;

  if (text == NULL)
    return FALSE;

  /* A primary subtag of 2-3 letters, then alphanumeric subtags. Enough to
   * catch "English" or a stray space. */
  while (g_ascii_islower (text[letters]))
    letters++;
  if (letters < 2 || letters > 3)
    return FALSE;

  for (const char *p = text + letters; *p != '\0'; p++)
    {
      if (*p == '-' || *p == '_')
        {
          if (!g_ascii_isalnum (p[1]))
            return FALSE;
        }
      else if (!g_ascii_isalnum (*p))
        return FALSE;
    }

  return TRUE;
}

char *
candor_language_get_primary_tag (const char *language)
{
  if (language == NULL || *language == '\0')
    return g_strdup (CANDOR_LANGUAGE_DEFAULT);

  return g_ascii_strdown (language, strcspn (language, "_-.@"));
}

gboolean
candor_language_equal (const char *a, const char *b)
{
  gsize length_a, length_b;

  if (a == NULL || *a == '\0')
    a = CANDOR_LANGUAGE_DEFAULT;
  if (b == NULL || *b == '\0')
    b = CANDOR_LANGUAGE_DEFAULT;

  /* Called per rendition on every keystroke: compare in place. */
  length_a = strcspn (a, "_-.@");
  length_b = strcspn (b, "_-.@");

  return length_a == length_b && g_ascii_strncasecmp (a, b, length_a) == 0;
}

const char *
candor_language_get_label (const char *language)
{
  g_return_val_if_fail (language != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (candor_language_equal (language, labels[i].tag))
      return _(labels[i].label);

  return language;
}
