/* candor-contact.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CANDOR_TYPE_CONTACT (candor_contact_get_type ())

G_DECLARE_FINAL_TYPE (CandorContact, candor_contact, CANDOR, CONTACT, GObject)

/* A person who has time during the outage, and how to reach them, kept to
 * be picked again for the next update. A value: it never changes once made.
 * The name is its key; it is never empty. */
CandorContact *candor_contact_new (const char *name, const char *reach);
const char    *candor_contact_get_name (CandorContact *self);
const char    *candor_contact_get_reach (CandorContact *self);
gboolean       candor_contact_equal (CandorContact *a, CandorContact *b);

/* {"name": ..., "reach": ...}; errors are in the CANDOR_JSON_ERROR domain. */
JsonNode      *candor_contact_to_json (CandorContact *self);
CandorContact *candor_contact_new_from_json (JsonNode *node, GError **error);
char          *candor_contact_to_data (CandorContact *self);
CandorContact *candor_contact_new_from_data (const char *data, gssize length, GError **error);

G_END_DECLS
