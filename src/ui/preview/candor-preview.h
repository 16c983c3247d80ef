/* candor-preview.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "candor-composition.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_PREVIEW (candor_preview_get_type ())
G_DECLARE_FINAL_TYPE (CandorPreview, candor_preview, CANDOR, PREVIEW, AdwBin)

/* Shows @composition, which may be shared with whoever publishes it. */
void candor_preview_set_composition (CandorPreview *self, CandorComposition *composition);
CandorComposition *candor_preview_get_composition (CandorPreview *self);
/* Composes @update of @incident for @audiences in the preview's composition. */
void candor_preview_set_draft (CandorPreview  *self,
                               CandorIncident *incident,
                               CandorUpdate   *update,
                               GPtrArray      *audiences);
void candor_preview_set_audience (CandorPreview *self, const char *audience_id);
void candor_preview_flush (CandorPreview *self);

G_END_DECLS
