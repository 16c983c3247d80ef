/* candor-phrase-model.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The phrase rules the model judges, in the order of its weights. */
typedef enum
{
  CANDOR_PHRASE_MODEL_BLAME,
  CANDOR_PHRASE_MODEL_GUILT,
  CANDOR_PHRASE_MODEL_PROMISE,
  CANDOR_PHRASE_MODEL_N_RULES
} CandorPhraseModelRule;

#define CANDOR_TYPE_PHRASE_MODEL (candor_phrase_model_get_type ())

G_DECLARE_FINAL_TYPE (CandorPhraseModel, candor_phrase_model, CANDOR, PHRASE_MODEL, GObject)

/* Reads a model as data/checks/train-model.py writes it: a line per value,
 * tab-separated ("bias", "threshold", then one line per feature with a
 * weight per rule). @source names it in errors. */
CandorPhraseModel *
candor_phrase_model_new_from_bytes (GBytes *data, const char *source, GError **error);

/* Which rules the sentence in bytes @from to @to of @text reads as, a bit
 * (1 << CandorPhraseModelRule) for each. */
guint candor_phrase_model_judge (CandorPhraseModel *self, const char *text, gsize from, gsize to);

G_END_DECLS
