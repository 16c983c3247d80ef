/* candor-draft.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "candor-audience.h"
#include "candor-incident.h"
#include "candor-json.h"
#include "candor-update.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_DRAFT (candor_draft_get_type ())

G_DECLARE_FINAL_TYPE (CandorDraft, candor_draft, CANDOR, DRAFT, GObject)

/* The current draft format version; a newer one is refused, not guessed at. */
#define CANDOR_DRAFT_VERSION 2

/* Besides CANDOR_JSON_MAX_SIZE for the whole file, a draft's parts are bounded, as
 * everything in it is rendered and checked once per audience and channel: a 1 MiB
 * field took about a second per audience, so 16 audiences took 15 s and 300 MB, and
 * 2,000 audiences did not finish. A message is a few kilobytes; within these limits
 * the largest draft (every field full, 16 audiences on all 13 dialects) renders
 * and checks in about 3.5 s, and a draft of real size in milliseconds. The editor
 * keeps to the same limits, or a draft it saves would not load again. */
#define CANDOR_DRAFT_MAX_TEXT      (32 * 1024) /* bytes in one field, title or name */
#define CANDOR_DRAFT_MAX_ITEMS     100         /* services, formats, time zones, ... */
#define CANDOR_DRAFT_MAX_AUDIENCES 16

/* One message being written: the incident, the update, and optionally the
 * audiences it goes to, as one JSON document
 * {"format": "candor-draft", "version": 2, "incident": {...}, "update": {...},
 *  "audiences": [...]}. Writing and reading back loses nothing. Loading errors
 * are in the CANDOR_JSON_ERROR domain and name the line and column (syntax) or
 * the path of the bad value ("update.kind: ..."), written for a person.
 * Version 2 adds the languages (incident.other-languages, update.translations,
 * audiences[].language); a version-1 draft loads as an incident in one language. */

/* @incident and @update may be NULL for new, empty ones. */
CandorDraft *candor_draft_new (CandorIncident *incident, CandorUpdate *update);
CandorDraft *candor_draft_load_from_data (const char *data, gssize length, GError **error);
/* Errors are prefixed with the file's name: "/path/draft.json: update.kind: ...". */
CandorDraft *candor_draft_load_from_file (GFile *file, GCancellable *cancellable, GError **error);
/* Pretty-printed UTF-8 JSON, NUL-terminated; @length may be NULL. */
char *candor_draft_to_data (CandorDraft *self, gsize *length);
/* Atomic: the old file stays intact until the new one is complete. */
gboolean candor_draft_save_to_file (CandorDraft  *self,
                                    GFile        *file,
                                    GCancellable *cancellable,
                                    GError      **error);

CandorIncident *candor_draft_get_incident (CandorDraft *self);
CandorUpdate   *candor_draft_get_update (CandorDraft *self);
/* The draft's audiences (CandorAudience), or candor_audience_new_defaults()
 * when it names none. Never NULL. */
GPtrArray *candor_draft_get_audiences (CandorDraft *self);
/* NULL goes back to the defaults; only audiences set here or loaded from the
 * document are written out, so a draft without them keeps following the defaults. */
void     candor_draft_set_audiences (CandorDraft *self, GPtrArray *audiences);
gboolean candor_draft_has_own_audiences (CandorDraft *self);

/* Where its author was: the wizard step (0 is the first), and when it was last
 * saved (NULL while it never was). Neither is part of the document. */
guint      candor_draft_get_step (CandorDraft *self);
void       candor_draft_set_step (CandorDraft *self, guint step);
GDateTime *candor_draft_get_saved_at (CandorDraft *self);
void       candor_draft_set_saved_at (CandorDraft *self, GDateTime *saved_at);

G_END_DECLS
