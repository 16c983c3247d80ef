/* candor-update.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "candor-enums.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_UPDATE (candor_update_get_type ())

G_DECLARE_FINAL_TYPE (CandorUpdate, candor_update, CANDOR, UPDATE, GObject)

/* One message in an incident's life. Text fields hold Markdown-lite. Each
 * field is also a property named by its CandorField nick ("impact-now",
 * "executive-summary", ...); "changed" is emitted once after any property
 * changes, which is what the preview listens to. */
CandorUpdate    *candor_update_new (CandorUpdateKind kind);
const char      *candor_update_get_id (CandorUpdate *self);
CandorUpdateKind candor_update_get_kind (CandorUpdate *self);
void             candor_update_set_kind (CandorUpdate *self, CandorUpdateKind kind);

/* Any text field by its enum; never NULL (an unset field is ""). */
const char *candor_update_get_field (CandorUpdate *self, CandorField field);
void        candor_update_set_field (CandorUpdate *self, CandorField field, const char *text);

/* "None": the author states explicitly that there are no lasting consequences. */
gboolean candor_update_get_no_lasting_consequences (CandorUpdate *self);
void     candor_update_set_no_lasting_consequences (CandorUpdate *self, gboolean none);

/* The contact is a person, how to reach them, and the request for patience
 * that goes in the same sentence. CANDOR_FIELD_CONTACT is the sentence as
 * written; these are its parts. */
const char *candor_update_get_contact_name (CandorUpdate *self);
void        candor_update_set_contact_name (CandorUpdate *self, const char *name);
const char *candor_update_get_contact_reach (CandorUpdate *self);
void        candor_update_set_contact_reach (CandorUpdate *self, const char *reach);

/* The next update: a time, or "when the situation changes" (next_update_at NULL
 * and when_changed TRUE). CANDOR_FIELD_NEXT_UPDATE is free text to add. */
GDateTime *candor_update_get_next_update_at (CandorUpdate *self);
void       candor_update_set_next_update_at (CandorUpdate *self, GDateTime *at);
gboolean   candor_update_get_next_update_when_changed (CandorUpdate *self);
void       candor_update_set_next_update_when_changed (CandorUpdate *self, gboolean when_changed);

GDateTime *candor_update_get_created_at (CandorUpdate *self);

G_END_DECLS
