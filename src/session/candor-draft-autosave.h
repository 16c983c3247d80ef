/* candor-draft-autosave.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "candor-draft.h"
#include "candor-session.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_DRAFT_AUTOSAVE (candor_draft_autosave_get_type ())
G_DECLARE_FINAL_TYPE (CandorDraftAutosave, candor_draft_autosave, CANDOR, DRAFT_AUTOSAVE, GObject)

CandorDraftAutosave *candor_draft_autosave_new (CandorSession *session, CandorDraft *draft);
/* The draft's key in the store's drafts (the id of the update being written). */
const char   *candor_draft_autosave_get_draft_id (CandorDraftAutosave *self);
gboolean      candor_draft_autosave_get_changed (CandorDraftAutosave *self);
const GError *candor_draft_autosave_get_error (CandorDraftAutosave *self);
void          candor_draft_autosave_discard (CandorDraftAutosave *self);
void          candor_draft_autosave_set_step (CandorDraftAutosave *self, guint step);

G_END_DECLS
