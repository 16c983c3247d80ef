/* candor-entry-spell.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "candor-spell-checker.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_ENTRY_SPELL (candor_entry_spell_get_type ())
G_DECLARE_FINAL_TYPE (CandorEntrySpell, candor_entry_spell, CANDOR, ENTRY_SPELL, GObject)

/* Spell checking for a one-line entry row, such as the incident's title,
 * which becomes the email's subject: misspelled words get a wavy underline
 * (the row's attributes), and the context menu offers suggestions, "Add to
 * Dictionary" and "Ignore" for the word at the cursor. A title is short: it
 * is checked whole, in an idle after typing, leaving the word being typed. */
CandorEntrySpell *candor_entry_spell_new (AdwEntryRow *row, CandorSpellChecker *checker);
void              candor_entry_spell_set_language (CandorEntrySpell *self, const char *language);
/* The misspelled words as underlined now. */
GStrv       candor_entry_spell_dup_misspelled (CandorEntrySpell *self);
gboolean    candor_entry_spell_get_idle (CandorEntrySpell *self);
GMenuModel *candor_entry_spell_get_menu (CandorEntrySpell *self);
/* Fills the menu for the word at the cursor (what the context menu shows). */
void candor_entry_spell_update_menu (CandorEntrySpell *self);

G_END_DECLS
