/* candor-wizard.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "candor-draft-autosave.h"
#include "candor-draft.h"
#include "candor-preview.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_WIZARD (candor_wizard_get_type ())
G_DECLARE_FINAL_TYPE (CandorWizard, candor_wizard, CANDOR, WIZARD, AdwWindow)

CandorWizard              *
candor_wizard_new (GtkApplication *application, GtkWindow *parent, CandorDraft *draft);
CandorDraft *candor_wizard_get_draft (CandorWizard *self);
CandorPreview       *candor_wizard_get_preview (CandorWizard *self);
CandorDraftAutosave *candor_wizard_get_autosave (CandorWizard *self);
guint                candor_wizard_get_step (CandorWizard *self);
guint                candor_wizard_get_n_steps (CandorWizard *self);
/* Says that the update was started from the one sent at @sent_at. */
void candor_wizard_set_started_from (CandorWizard *self, GDateTime *sent_at);

G_END_DECLS
