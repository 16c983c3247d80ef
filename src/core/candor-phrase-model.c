/* candor-phrase-model.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-phrase-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "candor-checker.h"
#include "candor-phrase-model.h"

/* A logistic regression per rule over the stems of a sentence's words and
 * over pairs of neighbouring stems, trained by data/checks/train-model.py on
 * the labelled corpora. The rules of the checks file catch the wordings they
 * were written for; on text by writers who had not seen them this model finds
 * much of what they miss. The words are made into stems exactly as the
 * training script makes them, or the weights would mean nothing. */

#define N_RULES CANDOR_PHRASE_MODEL_N_RULES

static const char *const rule_names[N_RULES] = { "blame", "guilt", "promise" };

/* A stem or a pair of stems and its weight for each rule. */
typedef struct
{
  guint64 key; /* 0: an empty slot */
  float   weights[N_RULES];
} Feature;

/* FNV-1a, over the stem's UTF-8 bytes as they are read. */
#define KEY_START 0xcbf29ce484222325ull

static inline guint64
key_add_byte (guint64 key, guchar byte)
{
  return (key ^ byte) * 0x100000001b3ull;
}

static guint64
key_of_stem (const char *stem, gsize length)
{
  guint64 key = KEY_START;

  for (gsize i = 0; i < length; i++)
    key = key_add_byte (key, stem[i]);

  return key;
}

/* A stem's key has its lowest bit set, a pair's (made from its stems' keys)
 * has it clear: the two never meet, and neither is 0, the empty slot. */
static inline guint64
unigram_key (guint64 stem)
{
  return stem | 1;
}

static inline guint64
bigram_key (guint64 first, guint64 second)
{
  guint64 mixed = (first * 0x9e3779b97f4a7c15ull) ^ (second + (second << 6) + (first >> 2));

  return (mixed & ~1ull) | 2;
}

struct _CandorPhraseModel
{
  GObject parent_instance;

  guint   stem_length;
  double  bias[N_RULES];
  double  threshold[N_RULES];
  GArray *features; /* Feature, read from the file */
  /* The features again by their key, open addressing: a word costs two
   * lookups on every keystroke, and a key is made as the stem is read, with
   * no string to build or compare. */
  Feature *table;
  guint64  mask;
};

G_DEFINE_FINAL_TYPE (CandorPhraseModel, candor_phrase_model, G_TYPE_OBJECT)

static gboolean
set_invalid (GError **error, const char *source, guint line, const char *what)
{
  g_set_error (error, CANDOR_CHECKER_ERROR, CANDOR_CHECKER_ERROR_INVALID_DATA,
               /* TRANSLATORS: "%s:%u" is a file name and line number, the second %s says what
                * is wrong there */
               _("%s:%u: %s"), source, line, what);
  return FALSE;
}

/* Cuts @line at its tabs, in place, into at most @n_fields fields; returns
 * how many there are (one more than @n_fields when there are too many). */
static guint
split_fields (char *line, char **fields, guint n_fields)
{
  guint n = 0;

  while (line != NULL && n <= n_fields)
    {
      char *tab = strchr (line, '\t');

      if (n < n_fields)
        fields[n] = line;
      n++;
      if (tab != NULL)
        *tab++ = '\0';
      line = tab;
    }

  return n;
}

static gboolean
parse_numbers (char      **fields,
               guint       n_fields,
               double     *values,
               const char *source,
               guint       line,
               GError    **error)
{
  if (n_fields != 1 + N_RULES)
    return set_invalid (error, source, line, _("expected a number for each rule"));

  for (guint r = 0; r < N_RULES; r++)
    {
      char *end = NULL;

      values[r] = g_ascii_strtod (fields[r + 1], &end);
      if (end == fields[r + 1] || *end != '\0' || !isfinite (values[r]))
        return set_invalid (error, source, line, _("not a number"));
    }

  return TRUE;
}

/* The key of a feature as the file names it: "u:stem" or "b:stem stem". */
static gboolean
feature_key (const char *name, guint64 *key)
{
  const char *space;

  if (g_str_has_prefix (name, "u:") && name[2] != '\0')
    {
      *key = unigram_key (key_of_stem (name + 2, strlen (name + 2)));
      return TRUE;
    }
  space = strchr (name, ' ');
  if (g_str_has_prefix (name, "b:") && space != NULL && space > name + 2 && space[1] != '\0')
    {
      *key = bigram_key (key_of_stem (name + 2, space - name - 2),
                         key_of_stem (space + 1, strlen (space + 1)));
      return TRUE;
    }

  return FALSE;
}

/* A table at most half full, so that a lookup seldom looks twice. */
static void
build_table (CandorPhraseModel *self)
{
  guint64 size = 16;

  while (size < 2 * (guint64)self->features->len)
    size *= 2;
  self->mask = size - 1;
  self->table = g_new0 (Feature, size);

  for (guint i = 0; i < self->features->len; i++)
    {
      const Feature *feature = &g_array_index (self->features, Feature, i);
      guint64        slot = feature->key & self->mask;

      while (self->table[slot].key != 0 && self->table[slot].key != feature->key)
        slot = (slot + 1) & self->mask;
      self->table[slot] = *feature;
    }
  g_clear_pointer (&self->features, g_array_unref);
}

/* The file is cut up in place, lines and fields, without a copy of each. */
static gboolean
candor_phrase_model_load (CandorPhraseModel *self, GBytes *data, const char *source, GError **error)
{
  gsize    length;
  gboolean has_header[3] = { FALSE, FALSE, FALSE }; /* stem-length, bias, threshold */
  char    *next;
  guint    line = 0;

  const char      *bytes = g_bytes_get_data (data, &length);
  g_autofree char *copy = g_strndup (bytes, length);

  for (char *text = copy; text != NULL; text = next)
    {
      char  *fields[1 + N_RULES + 1];
      guint  n_fields;
      double values[N_RULES];

      next = strchr (text, '\n');
      if (next != NULL)
        *next++ = '\0';
      line++;

      if (text[0] == '\0' || text[0] == '#')
        continue;
      n_fields = split_fields (text, fields, G_N_ELEMENTS (fields));
      if (n_fields < 2)
        return set_invalid (error, source, line, _("expected a name and its values"));

      if (g_str_equal (fields[0], "language"))
        continue;
      if (g_str_equal (fields[0], "rules"))
        {
          for (guint r = 0; r < N_RULES; r++)
            {
              if (r + 1 >= n_fields || !g_str_equal (fields[r + 1], rule_names[r]))
                return set_invalid (error, source, line,
                                    _("the rules must be blame, guilt and promise"));
            }
          continue;
        }
      if (g_str_equal (fields[0], "stem-length"))
        {
          guint64 stem_length;

          if (!g_ascii_string_to_unsigned (fields[1], 10, 1, 32, &stem_length, NULL))
            return set_invalid (error, source, line, _("the stem length must be 1 to 32"));
          self->stem_length = stem_length;
          has_header[0] = TRUE;
          continue;
        }

      if (!parse_numbers (fields, n_fields, values, source, line, error))
        return FALSE;
      if (g_str_equal (fields[0], "bias"))
        {
          memcpy (self->bias, values, sizeof values);
          has_header[1] = TRUE;
        }
      else if (g_str_equal (fields[0], "threshold"))
        {
          memcpy (self->threshold, values, sizeof values);
          has_header[2] = TRUE;
        }
      else
        {
          Feature feature;

          if (!feature_key (fields[0], &feature.key))
            return set_invalid (error, source, line,
                                _("a feature is “u:” and a stem or “b:” and two stems"));
          for (guint r = 0; r < N_RULES; r++)
            feature.weights[r] = values[r];
          g_array_append_val (self->features, feature);
        }
    }

  if (!has_header[0] || !has_header[1] || !has_header[2])
    {
      g_set_error (error, CANDOR_CHECKER_ERROR, CANDOR_CHECKER_ERROR_INVALID_DATA,
                   _("%s: “stem-length”, “bias” or “threshold” is missing"), source);
      return FALSE;
    }

  build_table (self);

  return TRUE;
}

static void
candor_phrase_model_finalize (GObject *object)
{
  CandorPhraseModel *self = (CandorPhraseModel *)object;

  g_clear_pointer (&self->features, g_array_unref);
  g_clear_pointer (&self->table, g_free);

  G_OBJECT_CLASS (candor_phrase_model_parent_class)->finalize (object);
}

static void
candor_phrase_model_class_init (CandorPhraseModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = candor_phrase_model_finalize;
}

static void
candor_phrase_model_init (CandorPhraseModel *self)
{
  self->features = g_array_new (FALSE, FALSE, sizeof (Feature));
}

CandorPhraseModel *
candor_phrase_model_new_from_bytes (GBytes *data, const char *source, GError **error)
{
  g_autoptr (CandorPhraseModel) self = g_object_new (CANDOR_TYPE_PHRASE_MODEL, NULL);

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (source != NULL, NULL);

  if (!candor_phrase_model_load (self, data, source, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* Adds the weights of the feature @key, if the model knows it, to @sums. */
static inline void
add_weights (CandorPhraseModel *self, guint64 key, double *sums)
{
  for (guint64 slot = key & self->mask; self->table[slot].key != 0; slot = (slot + 1) & self->mask)
    {
      if (self->table[slot].key == key)
        {
          for (guint r = 0; r < N_RULES; r++)
            sums[r] += self->table[slot].weights[r];
          return;
        }
    }
}

static gunichar
fold (gunichar c)
{
  c = g_unichar_tolower (c);
  if (c == 0x0451) /* ё */
    return 0x0435; /* е */
  if (c == 0x2019) /* ’ */
    return '\'';

  return c;
}

guint
candor_phrase_model_judge (CandorPhraseModel *self, const char *text, gsize from, gsize to)
{
  double      sums[N_RULES];
  guint64     stem = KEY_START;
  guint64     previous = 0; /* the key of the previous stem, 0 before the first */
  guint       stem_chars = 0;
  guint       judged = 0;
  const char *p = text + from;
  const char *end = text + to;

  g_return_val_if_fail (CANDOR_IS_PHRASE_MODEL (self), 0);

  memcpy (sums, self->bias, sizeof sums);

  /* One more round past the end closes the last word. */
  for (;;)
    {
      gunichar c = ' ';

      if (p < end)
        c = (guchar)*p < 0x80 ? (gunichar)g_ascii_tolower (*p) : fold (g_utf8_get_char (p));

      if (c < 0x80 ? (g_ascii_isalnum (c) || c == '_' || c == '\'') : g_unichar_isalnum (c))
        {
          if (stem_chars++ < self->stem_length)
            {
              char  utf8[6];
              guint n = g_unichar_to_utf8 (c, utf8);

              for (guint i = 0; i < n; i++)
                stem = key_add_byte (stem, utf8[i]);
            }
        }
      else if (stem_chars > 0)
        {
          add_weights (self, unigram_key (stem), sums);
          if (previous != 0)
            add_weights (self, bigram_key (previous, stem), sums);
          previous = stem;
          stem = KEY_START;
          stem_chars = 0;
        }

      if (p >= end)
        break;
      p = g_utf8_next_char (p);
    }

  for (guint r = 0; r < N_RULES; r++)
    {
      if (1.0 / (1.0 + exp (-sums[r])) >= self->threshold[r])
        judged |= 1u << r;
    }

  return judged;
}
