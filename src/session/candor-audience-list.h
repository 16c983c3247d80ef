/* candor-audience-list.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "candor-audience.h"
#include "candor-store.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_AUDIENCE_LIST (candor_audience_list_get_type ())

G_DECLARE_FINAL_TYPE (CandorAudienceList, candor_audience_list, CANDOR, AUDIENCE_LIST, GObject)

/* The audiences the app writes for (a GListModel of CandorAudience): the ones
 * stored as audience documents, or candor_audience_new_defaults() while none
 * are. The items are edited in place and written back with save_async(). */
CandorAudienceList *candor_audience_list_new (void);
CandorStore        *candor_audience_list_get_store (CandorAudienceList *self);
/* Reads @store's audiences (a failed read keeps the defaults, logged). */
void candor_audience_list_set_store (CandorAudienceList *self, CandorStore *store);
/* Whether the items were read from the store rather than the defaults. */
gboolean        candor_audience_list_get_stored (CandorAudienceList *self);
CandorAudience *candor_audience_list_find (CandorAudienceList *self, const char *audience_id);
/* Copies of the items for a draft, which may change its own without
 * changing these. Returns: (transfer full) (element-type CandorAudience) */
GPtrArray *candor_audience_list_dup_audiences (CandorAudienceList *self);

/* Reads the store's audiences again. */
void candor_audience_list_load_async (CandorAudienceList *self,
                                      GCancellable       *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data);
gboolean
candor_audience_list_load_finish (CandorAudienceList *self, GAsyncResult *result, GError **error);
/* Writes every item as it is now, so the stored set is whole: a stored
 * audience never stands alone beside defaults that were not written. */
void candor_audience_list_save_async (CandorAudienceList *self,
                                      GCancellable       *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data);
gboolean
candor_audience_list_save_finish (CandorAudienceList *self, GAsyncResult *result, GError **error);

G_END_DECLS
