/* candor-field-editor.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "candor-text-spell.h"
#include "candor-update.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_FIELD_EDITOR (candor_field_editor_get_type ())
G_DECLARE_FINAL_TYPE (CandorFieldEditor, candor_field_editor, CANDOR, FIELD_EDITOR, AdwBin)

CandorField    candor_field_editor_get_field (CandorFieldEditor *self);
GtkTextBuffer *candor_field_editor_get_buffer (CandorFieldEditor *self);
void           candor_field_editor_set_update (CandorFieldEditor *self, CandorUpdate *update);
void           candor_field_editor_set_findings (CandorFieldEditor *self, GPtrArray *findings);
guint          candor_field_editor_get_n_underlined (CandorFieldEditor *self);
void           candor_field_editor_select_span (CandorFieldEditor *self, guint start, guint end);
void candor_field_editor_set_languages (CandorFieldEditor *self, const char *const *languages);
void candor_field_editor_show_language (CandorFieldEditor *self, const char *language);
const char      *candor_field_editor_get_shown_language (CandorFieldEditor *self);
gboolean         candor_field_editor_get_outdated_shown (CandorFieldEditor *self);
CandorTextSpell *candor_field_editor_get_spell (CandorFieldEditor *self);
void  candor_field_editor_set_variables (CandorFieldEditor *self, const char *const *names);
void  candor_field_editor_forget_undo (CandorFieldEditor *self);
guint candor_field_editor_get_n_placeholders (CandorFieldEditor *self);

G_END_DECLS
