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
  GHashTable *weights; /* feature -> float[N_RULES], inside weight_store */
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

static gboolean
parse_numbers (char **fields, double *values, const char *source, guint line, GError **error)
{
  for (guint r = 0; r < N_RULES; r++)
    {
      char *end = NULL;

      if (fields[r] == NULL)
        return set_invalid (error, source, line, _("expected a number for each rule"));
      values[r] = g_ascii_strtod (fields[r], &end);
      if (end == fields[r] || *end != '\0' || !isfinite (values[r]))
        return set_invalid (error, source, line, _("not a number"));
    }
  if (fields[N_RULES] != NULL)
    return set_invalid (error, source, line, _("expected a number for each rule"));

  return TRUE;
}

static gboolean
candor_phrase_model_load (CandorPhraseModel *self, GBytes *data, const char *source, GError **error)
{
  gsize            length;
  const char      *bytes = g_bytes_get_data (data, &length);
  g_autofree char *text = g_strndup (bytes, length);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  gboolean has_header[3] = { FALSE, FALSE, FALSE }; /* stem-length, bias, threshold */

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto (GStrv) fields = NULL;
      guint  line = i + 1;
      double values[N_RULES];

      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;
      fields = g_strsplit (lines[i], "\t", -1);
      if (fields[1] == NULL)
        return set_invalid (error, source, line, _("expected a name and its values"));

      if (g_str_equal (fields[0], "language"))
        continue;
      if (g_str_equal (fields[0], "rules"))
        {
          for (guint r = 0; r < N_RULES; r++)
            {
              if (g_strcmp0 (fields[r + 1], rule_names[r]) != 0)
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

      if (!parse_numbers (fields + 1, values, source, line, error))
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
          g_hash_table_insert (self->weights, g_strdup (fields[0]),
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
  self->weights = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
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
  g_autoptr (GString) stem = g_string_new (NULL);
  g_autoptr (GString) previous = g_string_new (NULL);
  g_autoptr (GString) feature = g_string_new (NULL);
  double      sums[N_RULES];
  guint       stem_chars = 0;
  guint       judged = 0;
  const char *p = text + from;
  const char *end = text + to;

  g_return_val_if_fail (CANDOR_IS_PHRASE_MODEL (self), 0);

  memcpy (sums, self->bias, sizeof sums);

  /* One more round past the end closes the last word. */
  for (;;)
    {
      gunichar c = p < end ? fold (g_utf8_get_char (p)) : ' ';

      if (g_unichar_isalnum (c) || c == '_' || c == '\'')
        {
          if (stem_chars++ < self->stem_length)
            g_string_append_unichar (stem, c);
        }
      else if (stem->len > 0)
        {
          g_string_printf (feature, "u:%s", stem->str);
          add_weights (self, feature->str, sums);
          if (previous->len > 0)
            {
              g_string_printf (feature, "b:%s %s", previous->str, stem->str);
              add_weights (self, feature->str, sums);
            }
          g_string_assign (previous, stem->str);
          g_string_truncate (stem, 0);
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
