/* candor-history-search-bar.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "candor-store.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_HISTORY_SEARCH_BAR (candor_history_search_bar_get_type ())

G_DECLARE_FINAL_TYPE (CandorHistorySearchBar,
                      candor_history_search_bar,
                      CANDOR,
                      HISTORY_SEARCH_BAR,
                      AdwBin)

gboolean candor_history_search_bar_get_search_mode (CandorHistorySearchBar *self);
void     candor_history_search_bar_set_search_mode (CandorHistorySearchBar *self, gboolean enabled);
/* Whether there is anything to search for: words or a filter. */
gboolean candor_history_search_bar_get_active (CandorHistorySearchBar *self);
/* Fills @query with what the bar holds; the strings and times stay owned by the bar. */
void candor_history_search_bar_get_query (CandorHistorySearchBar *self, CandorSearchQuery *query);
void candor_history_search_bar_set_key_capture_widget (CandorHistorySearchBar *self,
                                                       GtkWidget              *widget);

G_END_DECLS
