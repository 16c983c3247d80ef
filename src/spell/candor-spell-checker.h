/* candor-spell-checker.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CANDOR_TYPE_SPELL_CHECKER (candor_spell_checker_get_type ())
G_DECLARE_FINAL_TYPE (CandorSpellChecker, candor_spell_checker, CANDOR, SPELL_CHECKER, GObject)

/* Spell checking through Enchant 2 and the system's Hunspell dictionaries.
 * Loading a dictionary reads files, so it happens in a thread: the first
 * request for a language starts it and returns FALSE, and "dictionary-loaded"
 * says when it is there. Checking a word, suggesting and adding to the
 * session read memory only and are for the main thread; "Add to Dictionary"
 * also writes the word to the personal word list, in a thread.
 *
 * Languages are the incident's ("en", "ru"); a language without a dictionary
 * checks nothing (every word is correct). */
CandorSpellChecker *candor_spell_checker_new (void);
/* One per process, for every editor: a dictionary is loaded once. */
CandorSpellChecker *candor_spell_checker_get_default (void);

/* TRUE when @language's dictionary is loaded (or known to be missing); else
 * starts loading it and returns FALSE. */
gboolean candor_spell_checker_ensure (CandorSpellChecker *self, const char *language);
/* Whether @language has a dictionary loaded. */
gboolean candor_spell_checker_has_dictionary (CandorSpellChecker *self, const char *language);
/* Whether @word (UTF-8, @length bytes or -1) is spelled right; TRUE while
 * the dictionary is not loaded, and for words that are not words to check
 * (with digits, a single letter, a Mustache variable's name). */
gboolean candor_spell_checker_check_word (CandorSpellChecker *self,
                                          const char         *language,
                                          const char         *word,
                                          gssize              length);
/* At most @max suggestions, best first; NULL-terminated, never NULL. */
GStrv candor_spell_checker_suggest (CandorSpellChecker *self,
                                    const char         *language,
                                    const char         *word,
                                    guint               max);
/* Accepts @word from now on, and keeps it in the personal word list. */
void
candor_spell_checker_add_word (CandorSpellChecker *self, const char *language, const char *word);
/* Accepts @word until the program ends. */
void
candor_spell_checker_ignore_word (CandorSpellChecker *self, const char *language, const char *word);

G_END_DECLS
