/* candor-text-spell.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "candor-spell-checker.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_TEXT_SPELL (candor_text_spell_get_type ())
G_DECLARE_FINAL_TYPE (CandorTextSpell, candor_text_spell, CANDOR, TEXT_SPELL, GObject)

/* Spell checking for one text view: misspelled words get a wavy underline,
 * and the context menu offers suggestions, "Add to Dictionary" and
 * "Ignore". Only what changed is checked, a word at a time, in idle chunks
 * of at most a millisecond, the visible part first: typing never waits for
 * the dictionary. The word being typed is left alone until the cursor
 * leaves it. */
CandorTextSpell *candor_text_spell_new (GtkTextView *view, CandorSpellChecker *checker);
/* The incident's language ("en", "ru"); NULL checks nothing. */
void        candor_text_spell_set_language (CandorTextSpell *self, const char *language);
const char *candor_text_spell_get_language (CandorTextSpell *self);
void        candor_text_spell_set_enabled (CandorTextSpell *self, gboolean enabled);
/* Whether nothing is left to check. */
gboolean candor_text_spell_get_idle (CandorTextSpell *self);
/* For tests and benchmarks: checks what is left now, in one go. */
void candor_text_spell_check_now (CandorTextSpell *self);
/* The misspelled words, in order, as they are underlined now. */
GStrv candor_text_spell_dup_misspelled (CandorTextSpell *self);
/* The menu that the view's context menu shows, for the word at @iter (as a
 * right click there or the Menu key with the cursor there would). */
GMenuModel *candor_text_spell_get_menu (CandorTextSpell *self);
void        candor_text_spell_update_menu_at (CandorTextSpell *self, const GtkTextIter *iter);
GtkTextTag *candor_text_spell_get_tag (CandorTextSpell *self);

G_END_DECLS
