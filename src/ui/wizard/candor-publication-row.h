/* candor-publication-row.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "candor-publication.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_PUBLICATION_ROW (candor_publication_row_get_type ())
G_DECLARE_FINAL_TYPE (CandorPublicationRow,
                      candor_publication_row,
                      CANDOR,
                      PUBLICATION_ROW,
                      AdwActionRow)

/* A row for a publication about to be queued: it shows "Sending…". */
GtkWidget  *candor_publication_row_new (const char *audience_id,
                                        const char *audience_name,
                                        const char *channel_id,
                                        const char *channel_name);
const char *candor_publication_row_get_audience_id (CandorPublicationRow *self);
const char *candor_publication_row_get_channel_id (CandorPublicationRow *self);

/* Shows where @publication stands, as the outbox holds it: a spinner while
 * a request is out, the time of the next attempt or, @online being %FALSE,
 * that it waits for the network; the service's own words for a failure. */
void candor_publication_row_set_publication (CandorPublicationRow    *self,
                                             const CandorPublication *publication,
                                             gboolean                 online);
/* What the row says, as a screen reader reads it. */
const char *candor_publication_row_get_status (CandorPublicationRow *self);
gboolean    candor_publication_row_get_finished (CandorPublicationRow *self);

G_END_DECLS
