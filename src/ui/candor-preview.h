/* candor-preview.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "candor-finding.h"
#include "candor-incident.h"
#include "candor-renderer.h"
#include "candor-update.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_PREVIEW (candor_preview_get_type ())
G_DECLARE_FINAL_TYPE (CandorPreview, candor_preview, CANDOR, PREVIEW, AdwBin)

void       candor_preview_set_draft (CandorPreview  *self,
                                     CandorIncident *incident,
                                     CandorUpdate   *update,
                                     GPtrArray      *audiences);
GPtrArray *candor_preview_get_audiences (CandorPreview *self);
void       candor_preview_set_audience (CandorPreview *self, const char *audience_id);
CandorRendition *
candor_preview_get_rendition (CandorPreview *self, const char *audience_id, CandorFormat format);
GPtrArray *candor_preview_get_findings (CandorPreview *self);
void       candor_preview_acknowledge (CandorPreview *self, CandorFinding *finding);
void       candor_preview_flush (CandorPreview *self);

G_END_DECLS
