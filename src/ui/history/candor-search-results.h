/* candor-search-results.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "candor-search-hit.h"
#include "candor-store.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_SEARCH_RESULTS (candor_search_results_get_type ())

G_DECLARE_FINAL_TYPE (CandorSearchResults, candor_search_results, CANDOR, SEARCH_RESULTS, AdwBin)

CandorStore *candor_search_results_get_store (CandorSearchResults *self);
void         candor_search_results_set_store (CandorSearchResults *self, CandorStore *store);
void candor_search_results_set_query (CandorSearchResults *self, const CandorSearchQuery *query);
GListModel *candor_search_results_get_hits (CandorSearchResults *self);
gboolean    candor_search_results_get_searching (CandorSearchResults *self);

G_END_DECLS
