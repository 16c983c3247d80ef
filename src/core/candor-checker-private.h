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

/* What a text must contain for a list to match in it. */
typedef struct _CheckCondition CheckCondition;
/* The conditions of the word lists of a checks file. */
typedef struct _CheckWords CheckWords;

/* An entry of a list that runs alone, with what it needs. */
typedef struct
{
  GRegex         *regex; /* checked when the checker is built */
  GRegex         *jit;   /* the same, JIT-compiled the first time it runs */
  CheckCondition *condition;
} CheckEntry;

/* The three-letter pieces of a text, folded as caseless matching folds
 * them, as bits of a hash. */
#define CANDOR_CHECKER_N_GRAMS (1 << 15)
typedef struct
{
  guint64 bits[CANDOR_CHECKER_N_GRAMS / 64];      /* of three characters */
  guint64 long_bits[CANDOR_CHECKER_N_GRAMS / 64]; /* of four */
  char   *text;                                   /* folded */
  gsize   length;
} CheckGrams;

struct _CandorChecker
{
  GObject parent_instance;

  char           *language;
  GRegex         *lists[N_LISTS];      /* each list's entries joined, or NULL... */
  GArray         *entries[N_LISTS];    /* ...each alone: CheckEntry, in the joined order */
  CheckCondition *conditions[N_LISTS]; /* of the joined regex, or NULL where none is known */
  /* Finds what the lists were not written for; %NULL for checks read from
   * a file of lists alone. */
  CandorPhraseModel *model;
};

/* Russian writes ё and е interchangeably; both the lists and the text are
 * folded to е. */
void     _candor_checker_fold_yo (char *text);
gboolean _candor_checker_has_yo (const char *text);

/* candor-checker-condition.c: a text's pieces, and conditions on them. */
gunichar        _candor_checker_fold_char (gunichar c);
gboolean        _candor_checker_is_space (gunichar c);
void            _candor_checker_grams_init (CheckGrams *grams, const char *text, gsize length);
void            _candor_checker_grams_clear (CheckGrams *grams);
CheckCondition *_candor_checker_condition_texts (GPtrArray *texts);
CheckCondition *_candor_checker_condition_all (GPtrArray *conditions);
CheckCondition *_candor_checker_condition_any (GPtrArray *conditions);
CheckCondition *_candor_checker_condition_ref (CheckCondition *condition);
void            _candor_checker_condition_unref (CheckCondition *condition);
gboolean _candor_checker_condition_holds (const CheckCondition *condition, const CheckGrams *grams);

/* candor-checker-prefilter.c: the condition a pattern needs. */
CheckWords *_candor_checker_words_new (void);
void        _candor_checker_words_free (CheckWords *words);
void _candor_checker_words_add (CheckWords *words, const char *name, const char *alternatives);
CheckCondition *
_candor_checker_condition_new (const char *pattern, CheckWords *words, gboolean *plain);

/* candor-checker.c */
GRegex *_candor_checker_entry_get_regex (CheckEntry *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CheckWords, _candor_checker_words_free)

G_END_DECLS
