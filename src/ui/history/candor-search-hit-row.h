/* candor-search-hit-row.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "candor-search-hit.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_SEARCH_HIT_ROW (candor_search_hit_row_get_type ())

G_DECLARE_FINAL_TYPE (CandorSearchHitRow, candor_search_hit_row, CANDOR, SEARCH_HIT_ROW, GtkWidget)

CandorSearchHit *candor_search_hit_row_get_hit (CandorSearchHitRow *self);
void             candor_search_hit_row_set_hit (CandorSearchHitRow *self, CandorSearchHit *hit);

G_END_DECLS
