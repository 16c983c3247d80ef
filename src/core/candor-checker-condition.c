/* candor-checker-condition.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-checker"

#include "config.h"

#include <string.h>

#include "candor-checker-private.h"

/* Most lists find nothing in most messages, and a regex spends the same
 * time to find nothing as to find something: it tries its entries at every
 * word. But nearly every entry has words that any match of it contains
 * ("fault", "vendor", "по вине"): an entry can only match a text that
 * contains them. What an entry needs is read from its pattern when the
 * checker is built (candor-checker-prefilter.c), as a condition on the
 * text: some texts, all of them, or one of them. A text is cut once into
 * its pieces of three and of four characters, folded as caseless matching
 * folds them; a condition holds when all the pieces of its texts are there
 * and, since that can be chance, the texts themselves. An entry whose
 * condition does not hold is not run, and one that is run is the same
 * regex on the same text, so the findings stay the same: a condition may
 * let a text through that the regex then finds nothing in, but never
 * holds back one the regex would find something in. */

typedef enum
{
  CONDITION_ALL, /* every child holds */
  CONDITION_ANY, /* some child holds */
  CONDITION_TEXT /* a piece of literal text is there */
} ConditionKind;

struct _CheckCondition
{
  guint         ref_count; /* the word lists' conditions are shared */
  ConditionKind kind;
  GPtrArray    *children; /* of CheckCondition, for ALL and ANY */
  char         *text;     /* folded, for TEXT */
  gsize         length;
  guint16      *grams; /* its pieces of three letters, or four... */
  guint         n_grams;
  gboolean      long_grams; /* ...when it has four or more */
};

/* Caseless matching as PCRE2 does it, for the letters the conditions keep:
 * ASCII and basic Cyrillic (U+0400 to U+045F) fold to their small letter,
 * and the few other characters PCRE2 matches with one of those (the Kelvin
 * sign, long s, the old Cyrillic letter shapes) fold to it too, as
 * test-checker-lists checks for every code point; a text character that folds
 * to nothing here is compared as it is, and only against itself. */
gunichar
_candor_checker_fold_char (gunichar c)
{
  if (c < 0x80)
    return g_ascii_tolower ((char)c);
  if (c == 0x401 || c == 0x451) /* ё, as the text and the lists are folded */
    return 0x435;
  if (c >= 0x410 && c <= 0x42F)
    return c + 0x20;
  if (c >= 0x400 && c <= 0x40F)
    return c + 0x50;

  switch (c)
    {
      case 0x17F: /* ſ */
        return 's';
      case 0x212A: /* Kelvin sign */
        return 'k';
      case 0x1C80:
        return 0x432; /* в */
      case 0x1C81:
        return 0x434; /* д */
      case 0x1C82:
        return 0x43E; /* о */
      case 0x1C83:
        return 0x441; /* с */
      case 0x1C84:
      case 0x1C85:
        return 0x442; /* т */
      case 0x1C86:
        return 0x44A; /* ъ */
      default:
        return c;
    }
}

/* What \s matches with PCRE2_UCP (test-checker-lists checks every code point), which
 * the pieces of a text write as one space, however many there are: "\s+"
 * in a pattern is then one space too, and "at\s+fault" literal text. */
gboolean
_candor_checker_is_space (gunichar c)
{
  switch (g_unichar_type (c))
    {
      case G_UNICODE_SPACE_SEPARATOR:
      case G_UNICODE_LINE_SEPARATOR:
      case G_UNICODE_PARAGRAPH_SEPARATOR:
        return TRUE;
      default:
        return (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0x180E;
    }
}

/* Of three characters, or four with @d not 0. */
static guint
gram_hash (gunichar a, gunichar b, gunichar c, gunichar d)
{
  guint32 h = a * 0x9E3779B1u ^ b * 0x85EBCA77u ^ c * 0xC2B2AE3Du ^ d * 0x27D4EB2Fu;

  return (h ^ (h >> 15)) & (CANDOR_CHECKER_N_GRAMS - 1);
}

/* It runs on every keystroke: ASCII and Cyrillic, nearly all there is in
 * a message, take no table lookups. */
void
_candor_checker_grams_init (CheckGrams *grams, const char *text, gsize length)
{
  const guchar *p = (const guchar *)text;
  const guchar *end = p + length;
  char         *folded = g_malloc (length + 1);
  char         *out = folded;
  gunichar      a = 0, b = 0, c = 0;

  memset (grams->bits, 0, sizeof grams->bits);
  memset (grams->long_bits, 0, sizeof grams->long_bits);
  while (p < end)
    {
      gunichar d;
      guint    h;

      if (p[0] < 0x80)
        d = *p++;
      else if ((p[0] & 0xE0) == 0xC0 && p + 1 < end && (p[1] & 0xC0) == 0x80)
        {
          d = ((p[0] & 0x1F) << 6) | (p[1] & 0x3F);
          p += 2;
        }
      else
        {
          d = g_utf8_get_char_validated ((const char *)p, end - p);
          if (d > 0x10FFFF)
            {
              /* Not UTF-8, which no regex matches either: a gap. */
              p++;
              a = b = c = 0;
              continue;
            }
          p = (const guchar *)g_utf8_next_char (p);
        }

      if (d < 0x80 ? g_ascii_isspace (d) || d == 0x0B
                   : (d < 0x400 || d > 0x4FF) && _candor_checker_is_space (d))
        {
          if (c == ' ')
            continue;
          d = ' ';
        }
      else
        d = _candor_checker_fold_char (d);
      h = gram_hash (b, c, d, 0);
      grams->bits[h / 64] |= G_GUINT64_CONSTANT (1) << (h % 64);
      h = gram_hash (a, b, c, d);
      grams->long_bits[h / 64] |= G_GUINT64_CONSTANT (1) << (h % 64);
      if (d < 0x80)
        *out++ = (char)d;
      else
        out += g_unichar_to_utf8 (d, out);
      a = b;
      b = c;
      c = d;
    }
  *out = '\0';
  grams->text = folded;
  grams->length = out - folded;
}

void
_candor_checker_grams_clear (CheckGrams *grams)
{
  g_clear_pointer (&grams->text, g_free);
}

static CheckCondition *
condition_new (ConditionKind kind)
{
  CheckCondition *condition = g_new0 (CheckCondition, 1);

  condition->ref_count = 1;
  condition->kind = kind;

  return condition;
}

CheckCondition *
_candor_checker_condition_ref (CheckCondition *condition)
{
  if (condition != NULL)
    condition->ref_count++;

  return condition;
}

void
_candor_checker_condition_unref (CheckCondition *condition)
{
  if (condition == NULL || --condition->ref_count > 0)
    return;
  g_clear_pointer (&condition->children, g_ptr_array_unref);
  g_clear_pointer (&condition->text, g_free);
  g_clear_pointer (&condition->grams, g_free);
  g_free (condition);
}

gboolean
_candor_checker_condition_holds (const CheckCondition *condition, const CheckGrams *grams)
{
  switch (condition->kind)
    {
      case CONDITION_ALL:
        for (guint i = 0; i < condition->children->len; i++)
          {
            if (!_candor_checker_condition_holds (g_ptr_array_index (condition->children, i),
                                                  grams))
              return FALSE;
          }
        return TRUE;
      case CONDITION_ANY:
        for (guint i = 0; i < condition->children->len; i++)
          {
            if (_candor_checker_condition_holds (g_ptr_array_index (condition->children, i), grams))
              return TRUE;
          }
        return FALSE;
      case CONDITION_TEXT:
        {
          /* Pieces of four letters where the text is long enough. */
          const guint64 *bits = condition->long_grams ? grams->long_bits : grams->bits;

          for (guint i = 0; i < condition->n_grams; i++)
            {
              guint h = condition->grams[i];

              if ((bits[h / 64] & (G_GUINT64_CONSTANT (1) << (h % 64))) == 0)
                return FALSE;
            }
        }
        /* Every piece is there: the text itself? */
        return memmem (grams->text, grams->length, condition->text, condition->length) != NULL;
      default:
        g_assert_not_reached ();
    }
}

/* %NULL stands for a condition that always holds: ALL leaves it out, ANY
 * becomes it. Takes the children. */
static CheckCondition *
condition_new_group (ConditionKind kind, GPtrArray *children)
{
  g_autoptr (GPtrArray) kept =
    g_ptr_array_new_with_free_func ((GDestroyNotify)_candor_checker_condition_unref);
  CheckCondition *condition;

  for (guint i = 0; i < children->len; i++)
    {
      if (g_ptr_array_index (children, i) == NULL)
        {
          if (kind == CONDITION_ANY)
            return NULL;
          continue;
        }
      g_ptr_array_add (kept, children->pdata[i]);
      children->pdata[i] = NULL;
    }

  if (kept->len == 0)
    return NULL;
  if (kept->len == 1)
    return g_ptr_array_steal_index (kept, 0);

  condition = condition_new (kind);
  condition->children = g_steal_pointer (&kept);

  return condition;
}

/* Whether @text has at least @n characters. */
static gboolean
has_chars (const char *text, guint n)
{
  for (; n > 0; n--)
    {
      if (*text == '\0')
        return FALSE;
      text = g_utf8_next_char (text);
    }

  return TRUE;
}

/* One of the texts is there: %NULL when one is too short to tell. */
CheckCondition *
_candor_checker_condition_texts (GPtrArray *exact)
{
  g_autoptr (GPtrArray) any = NULL;

  for (guint i = 0; i < exact->len; i++)
    {
      if (!has_chars (g_ptr_array_index (exact, i), 3))
        return NULL;
    }

  any = g_ptr_array_new_full (exact->len, (GDestroyNotify)_candor_checker_condition_unref);
  for (guint i = 0; i < exact->len; i++)
    {
      char           *text = g_ptr_array_index (exact, i);
      CheckCondition *condition;

      condition = condition_new (CONDITION_TEXT);
      condition->length = strlen (text);
      condition->text = g_steal_pointer (&exact->pdata[i]);
      condition->grams = g_new (guint16, condition->length);
      condition->long_grams = has_chars (text, 4);
      {
        const char *p = condition->text;
        gunichar    a = 0, b, c;

        b = g_utf8_get_char (p);
        p = g_utf8_next_char (p);
        c = g_utf8_get_char (p);
        p = g_utf8_next_char (p);
        if (condition->long_grams)
          {
            a = b;
            b = c;
            c = g_utf8_get_char (p);
            p = g_utf8_next_char (p);
          }
        for (;; p = g_utf8_next_char (p))
          {
            gunichar d = g_utf8_get_char (p);

            if (condition->long_grams)
              {
                if (d == 0)
                  break;
                condition->grams[condition->n_grams++] = gram_hash (a, b, c, d);
              }
            else
              {
                condition->grams[condition->n_grams++] = gram_hash (b, c, d, 0);
                break;
              }
            a = b;
            b = c;
            c = d;
          }
      }
      g_ptr_array_add (any, condition);
    }

  return condition_new_group (CONDITION_ANY, any);
}

/* Each of @conditions holds (takes them; %NULL among them always holds). */
CheckCondition *
_candor_checker_condition_all (GPtrArray *conditions)
{
  return condition_new_group (CONDITION_ALL, conditions);
}

/* One of @conditions holds (takes them; %NULL among them always holds). */
CheckCondition *
_candor_checker_condition_any (GPtrArray *conditions)
{
  return condition_new_group (CONDITION_ANY, conditions);
}
