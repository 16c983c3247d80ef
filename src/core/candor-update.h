/* candor-update.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

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

/* Translations: the text of @field in a language other than the incident's
 * primary one (whose text is candor_update_get_field()). Never NULL; "" when
 * not written yet. Setting a translation remembers the primary text it was
 * written against; when the primary text changes afterwards the translation
 * is "outdated" until it is set again or marked current (the author has
 * looked at it and it still says the same). An empty translation is never
 * outdated. Each change emits "changed". Candor never translates by itself. */
const char      *
candor_update_get_translation (CandorUpdate *self, const char *language, CandorField field);
void candor_update_set_translation (CandorUpdate *self,
                                    const char   *language,
                                    CandorField   field,
                                    const char   *text);
gboolean candor_update_get_translation_outdated (CandorUpdate *self,
                                                 const char   *language,
                                                 CandorField   field);
void     candor_update_mark_translation_current (CandorUpdate *self,
                                                 const char   *language,
                                                 CandorField   field);
/* The primary text a translation was last written or confirmed against, for
 * showing what changed since; NULL when there is no translation. */
const char *
candor_update_get_translation_source (CandorUpdate *self, const char *language, CandorField field);
/* Whether any field has text in @language. */
gboolean candor_update_has_translation (CandorUpdate *self, const char *language);
/* A new update like @self whose fields read in @language: each translated
 * field replaces the primary text, an untranslated one keeps it. What the
 * renderer and the checker are given for an audience of that language. */
CandorUpdate *candor_update_new_in_language (CandorUpdate *self, const char *language);
GDateTime    *candor_update_get_created_at (CandorUpdate *self);

/* A new update equal to @self in every property, its id and created-at included. */
CandorUpdate *candor_update_copy (CandorUpdate *self);

/* The next update of the incident @last was sent in, of @kind, started from
 * @last: every field, translation (with the primary text it was written
 * against), contact and the lasting-consequences statement carried over;
 * a fresh id, created now, and no next-update time (each message promises
 * its own). A resolution or a post-incident report drops the next-update
 * text in every language. */
CandorUpdate *candor_update_new_follow_up (CandorUpdate *last, CandorUpdateKind kind);

/* The update as the draft format writes it: an object with the keys id, kind,
 * created-at, every field by its CandorField nick, no-lasting-consequences,
 * contact-name, contact-reach, next-update-at, next-update-when-changed and
 * translations: {"ru": {"impact-now": {"text": "...", "source": "..."}, ...}},
 * where source is the primary text the translation was written against
 * (absent in version-1 drafts).
 * The kind is a nick, times ISO 8601 with their own offset (an unset
 * next-update-at is null), unset text fields are "". */
JsonNode *candor_update_to_json (CandorUpdate *self);
/* Reads what candor_update_to_json() writes, strictly: errors are in the
 * CANDOR_JSON_ERROR domain and name the bad key's path below @path
 * ("update.kind: ..."). Absent keys keep the defaults of a new update; an
 * absent or empty id gives a fresh one, an absent created-at the current time. */
CandorUpdate *candor_update_from_json_at (JsonNode *node, const char *path, GError **error);
CandorUpdate *candor_update_from_json (JsonNode *node, GError **error);

G_END_DECLS
