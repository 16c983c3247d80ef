/* candor-checker-private.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "candor-checker.h"
#include "candor-phrase-model.h"

G_BEGIN_DECLS

/* The lists of a checks file. Phrase lists produce findings where they match;
 * statement lists only tell whether something was said at all. */
typedef enum
{
  LIST_BLAME,
  LIST_GUILT,
  LIST_PROMISE,
  LIST_PROMISE_AFTER_RESOLUTION,
  LIST_JARGON,
  LIST_HEDGES,
  LIST_NEGATIONS,
  LIST_LASTING_CONSEQUENCES,
  LIST_PATIENCE,
  LIST_NEXT_UPDATE,
  LIST_TIMELINE,
  LIST_IMPACT,
  LIST_CONTACT,
  LIST_NEXT_UPDATE_MESSAGE,
  LIST_ROOT_CAUSE,
  LIST_ACTIONS_TAKEN,
  LIST_ACTIONS_PLANNED,
  LIST_OWNERSHIP,
  LIST_PROMISED_TIME,
  N_LISTS
} CheckList;

struct _CandorChecker
{
  GObject parent_instance;

  char *language;
  /* Each list's entries joined into one GRegex, or a few where one would be
   * too large for PCRE. */
  GPtrArray *lists[N_LISTS];
  /* Finds what the lists were not written for; %NULL for checks read from
   * a file of lists alone. */
  CandorPhraseModel *model;
};

/* Russian writes ё and е interchangeably; both the lists and the text are
 * folded to е. */
void     _candor_checker_fold_yo (char *text);
gboolean _candor_checker_has_yo (const char *text);

G_END_DECLS
