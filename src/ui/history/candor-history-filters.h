/* candor-history-filters.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "candor-store.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_HISTORY_FILTERS (candor_history_filters_get_type ())

G_DECLARE_FINAL_TYPE (CandorHistoryFilters,
                      candor_history_filters,
                      CANDOR,
                      HISTORY_FILTERS,
                      GtkPopover)

CandorHistoryFilters *candor_history_filters_new (void);
gboolean              candor_history_filters_is_set (CandorHistoryFilters *self);
void candor_history_filters_apply (CandorHistoryFilters *self, CandorSearchQuery *query);

G_END_DECLS
