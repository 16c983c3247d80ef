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

struct _CandorPhraseModel
{
  GObject parent_instance;

  guint       stem_length;
  double      bias[N_RULES];
  double      threshold[N_RULES];
  char       *text;    /* the file, holding the features' names */
  GHashTable *weights; /* feature -> 1 + its position in weight_store */
  GArray     *weight_store;
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

/* The file is kept and cut up in place: the features, about 3,500 a
 * language, point into it, which loads several times faster than copying
 * each. */
static gboolean
candor_phrase_model_load (CandorPhraseModel *self, GBytes *data, const char *source, GError **error)
{
  gsize    length;
  gboolean has_header[3] = { FALSE, FALSE, FALSE }; /* stem-length, bias, threshold */
  char    *next;
  guint    line = 0;

  const char *bytes = g_bytes_get_data (data, &length);

  self->text = g_strndup (bytes, length);
  for (char *text = self->text; text != NULL; text = next)
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
          for (guint r = 0; r < N_RULES; r++)
            {
              float weight = values[r];

              g_array_append_val (self->weight_store, weight);
            }
          /* Positions, not pointers: the store may still move as it grows. */
          g_hash_table_insert (self->weights, fields[0],
                               GUINT_TO_POINTER (self->weight_store->len - N_RULES + 1));
        }
    }

  if (!has_header[0] || !has_header[1] || !has_header[2])
    {
      g_set_error (error, CANDOR_CHECKER_ERROR, CANDOR_CHECKER_ERROR_INVALID_DATA,
                   _("%s: “stem-length”, “bias” or “threshold” is missing"), source);
      return FALSE;
    }

  return TRUE;
}

static void
candor_phrase_model_finalize (GObject *object)
{
  CandorPhraseModel *self = (CandorPhraseModel *)object;

  g_clear_pointer (&self->weights, g_hash_table_unref);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->weight_store, g_array_unref);

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
  self->weights = g_hash_table_new (g_str_hash, g_str_equal);
  self->weight_store = g_array_new (FALSE, FALSE, sizeof (float));
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

/* Adds the weights of @feature, if the model knows it, to @sums. */
static void
add_weights (CandorPhraseModel *self, const char *feature, double *sums)
{
  guint        position = GPOINTER_TO_UINT (g_hash_table_lookup (self->weights, feature));
  const float *weights;

  if (position == 0)
    return;
  weights = &g_array_index (self->weight_store, float, position - 1);
  for (guint r = 0; r < N_RULES; r++)
    sums[r] += weights[r];
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
  /* "u:stem" and "b:previous stem" are built in place, without printf: this
   * runs for every sentence on every keystroke. */
  g_autoptr (GString) unigram = g_string_new ("u:");
  g_autoptr (GString) bigram = g_string_new ("b:");
  double      sums[N_RULES];
  guint       stem_chars = 0;
  gsize       previous_length = 0; /* of the previous stem, 0 before the first */
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
        {
          c = (guchar)*p < 0x80 ? (gunichar)g_ascii_tolower (*p) : fold (g_utf8_get_char (p));
        }

      if (c < 0x80 ? (g_ascii_isalnum (c) || c == '_' || c == '\'') : g_unichar_isalnum (c))
        {
          if (stem_chars++ < self->stem_length)
            g_string_append_unichar (unigram, c);
        }
      else if (unigram->len > 2)
        {
          const char *stem = unigram->str + 2;
          gsize       stem_length = unigram->len - 2;

          add_weights (self, unigram->str, sums);
          if (previous_length > 0)
            {
              g_string_append_c (bigram, ' ');
              g_string_append_len (bigram, stem, stem_length);
              add_weights (self, bigram->str, sums);
            }
          g_string_truncate (bigram, 2);
          g_string_append_len (bigram, stem, stem_length);
          previous_length = stem_length;
          g_string_truncate (unigram, 2);
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
