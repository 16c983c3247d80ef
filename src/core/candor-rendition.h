/* candor-rendition.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "candor-enums.h"
#include "candor-social-thread.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_RENDITION (candor_rendition_get_type ())

G_DECLARE_FINAL_TYPE (CandorRendition, candor_rendition, CANDOR, RENDITION, GObject)

/* Exactly what one audience receives on one channel: immutable once the
 * renderer hands it out, so the preview, the store and the publisher can all
 * hold the same object. */
/* The dialect it is written in: its channel's kind's. */
CandorDialect candor_rendition_get_format (CandorRendition *self);
/* The id of the configured channel (CandorChannel) it is for. */
const char *candor_rendition_get_channel_id (CandorRendition *self);
const char *candor_rendition_get_audience_id (CandorRendition *self);
/* The language the rendition is written in: the channel's, else the
 * audience's, else the incident's primary language ("en" when unset). A
 * language the update has no text in at all yet is written in the primary
 * language meanwhile, and says so here (see "translation-missing" in
 * candor-composition.h). */
const char *candor_rendition_get_language (CandorRendition *self);
/* The email subject, the chat or card title, the status page entry's name. */
const char *candor_rendition_get_subject (CandorRendition *self);
/* The text the channel receives in its own markup (plain text for email and
 * Matrix "body"; the whole text, before splitting, for social networks). */
const char *candor_rendition_get_text (CandorRendition *self);
/* An email's From and To headers, as its channel's settings give them; NULL
 * for other formats, and To is NULL for a mail to "undisclosed-recipients:;". */
const char *candor_rendition_get_email_from (CandorRendition *self);
const char *candor_rendition_get_email_to (CandorRendition *self);
/* The email's HTML document or Matrix's formatted_body; NULL otherwise. */
const char *candor_rendition_get_html (CandorRendition *self);
/* The request body for Teams (an Adaptive Card), Matrix (the m.room.message
 * content) and the status page ({"name", "status", "body"}); NULL otherwise. */
const char *candor_rendition_get_json (CandorRendition *self);
/* The thread for Mastodon, Bluesky and X; NULL otherwise. */
CandorSocialThread *candor_rendition_get_thread (CandorRendition *self);
/* Email only: the whole MIME message, built on first use (the preview never
 * needs it, sending and saving do) and the same bytes from then on; NULL with
 * @error set when the channel's addresses are not usable, and for other formats. */
GBytes *candor_rendition_get_mime (CandorRendition *self, GError **error);
/* The Message-ID of that message, once it is built. */
const char *candor_rendition_get_message_id (CandorRendition *self);
/* How long it is in the channel's units and what the channel accepts
 * (0: no limit); for a thread, its longest post. */
guint candor_rendition_get_length (CandorRendition *self);
guint candor_rendition_get_limit (CandorRendition *self);
/* Returns: (transfer none) (element-type CandorFinding): never NULL. */
GPtrArray *candor_rendition_get_findings (CandorRendition *self);

/* Everything above as one JSON object, for the command line and the history. */
JsonNode *candor_rendition_to_json (CandorRendition *self);

G_END_DECLS
