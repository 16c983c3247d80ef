/* candor-fake-social.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-fake-social"

#include "config.h"

#include <string.h>

#include "candor-fake-social.h"

static gboolean
is_joined (gunichar c)
{
  return g_unichar_ismark (c) || c == 0xFE0F || c == 0xFE0E || c == 0x200D || c == 0x20E3 ||
         (c >= 0x1F3FB && c <= 0x1F3FF) || (c >= 0xE0020 && c <= 0xE007F);
}

static gboolean
is_regional_indicator (gunichar c)
{
  return c >= 0x1F1E6 && c <= 0x1F1FF;
}

/* The end of the http(s) URL at @p, or NULL. */
static const char *
url_end (const char *text, const char *p)
{
  const char *end;

  if (p > text && g_unichar_isalnum (g_utf8_get_char (g_utf8_prev_char (p))))
    return NULL;
  if (g_ascii_strncasecmp (p, "https://", 8) != 0 && g_ascii_strncasecmp (p, "http://", 7) != 0)
    return NULL;

  end = p;
  while (*end != '\0' && !g_unichar_isspace (g_utf8_get_char (end)))
    end = g_utf8_next_char (end);
  while (end > p && strchr (".,;:!?)", end[-1]) != NULL)
    end--;

  return end;
}

/* The end of the cluster that starts at @p. */
static const char *
cluster_end (const char *p)
{
  gunichar    first = g_utf8_get_char (p);
  const char *next = g_utf8_next_char (p);

  if (is_regional_indicator (first) && is_regional_indicator (g_utf8_get_char (next)))
    return g_utf8_next_char (next);

  while (*next != '\0')
    {
      gunichar c = g_utf8_get_char (next);

      if (is_joined (c))
        {
          next = g_utf8_next_char (next);
          /* ZWJ joins the next character too. */
          if (c == 0x200D && *next != '\0')
            next = g_utf8_next_char (next);
          continue;
        }
      break;
    }

  return next;
}

guint
candor_fake_social_count_clusters (const char *text, guint url_weight)
{
  guint count = 0;

  for (const char *p = text; *p != '\0';)
    {
      const char *end = url_weight > 0 ? url_end (text, p) : NULL;

      if (end != NULL)
        {
          count += url_weight;
          p = end;
          continue;
        }
      p = cluster_end (p);
      count++;
    }

  return count;
}

static guint
code_point_weight (gunichar c)
{
  return c <= 4351 || (c >= 8192 && c <= 8205) || (c >= 8208 && c <= 8223) ||
             (c >= 8242 && c <= 8247)
           ? 1
           : 2;
}

guint
candor_fake_social_count_weighted (const char *text)
{
  g_autofree char *nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  guint            count = 0;

  for (const char *p = nfc; *p != '\0';)
    {
      const char *end = url_end (nfc, p);
      gunichar    first = g_utf8_get_char (p);
      gboolean    emoji;

      if (end != NULL)
        {
          count += 23;
          p = end;
          continue;
        }

      end = cluster_end (p);
      /* A pictograph, or a character made emoji by VS16 or joined by ZWJ. */
      emoji = first >= 0x1F000 || g_strstr_len (p, end - p, "\xef\xb8\x8f") != NULL ||
              g_strstr_len (p, end - p, "\xe2\x80\x8d") != NULL;
      if (emoji)
        count += 2;
      else
        for (const char *c = p; c < end; c = g_utf8_next_char (c))
          count += code_point_weight (g_utf8_get_char (c));
      p = end;
    }

  return count;
}
