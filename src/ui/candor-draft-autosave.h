/* candor-draft-autosave.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "candor-draft.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_DRAFT_AUTOSAVE (candor_draft_autosave_get_type ())
G_DECLARE_FINAL_TYPE (CandorDraftAutosave, candor_draft_autosave, CANDOR, DRAFT_AUTOSAVE, GObject)

GFile               *candor_draft_autosave_get_directory (void);
GPtrArray           *candor_draft_autosave_list (void);
CandorDraftAutosave *candor_draft_autosave_new (CandorDraft *draft);
GFile               *candor_draft_autosave_get_file (CandorDraftAutosave *self);
gboolean             candor_draft_autosave_get_changed (CandorDraftAutosave *self);
gboolean             candor_draft_autosave_get_saving (CandorDraftAutosave *self);
void                 candor_draft_autosave_discard (CandorDraftAutosave *self);

G_END_DECLS
