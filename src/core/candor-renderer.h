/* candor-renderer.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "candor-audience.h"
#include "candor-channel.h"
#include "candor-checker.h"
#include "candor-incident.h"
#include "candor-rendition.h"
#include "candor-update.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_RENDERER (candor_renderer_get_type ())

G_DECLARE_FINAL_TYPE (CandorRenderer, candor_renderer, CANDOR, RENDERER, GObject)

/* Writes one update out for every audience and channel. Keep one renderer
 * per draft: it remembers each field's parsed Markdown (keyed by the field and
 * its text), so rendering again after a keystroke reparses only the field
 * that changed, and reuses the social threads whose text is the same. */
CandorRenderer *candor_renderer_new (void);

/* The checker whose "over-limit" rule judges lengths; by default one for the
 * incident's language is made when first needed. */
CandorChecker *candor_renderer_get_checker (CandorRenderer *self);
void           candor_renderer_set_checker (CandorRenderer *self, CandorChecker *checker);

/* Email headers come from the channel settings, not the draft. Without a
 * recipient the message goes to "undisclosed-recipients:;". */
const char *candor_renderer_get_email_from (CandorRenderer *self);
void        candor_renderer_set_email_from (CandorRenderer *self, const char *from);
const char *candor_renderer_get_email_to (CandorRenderer *self);
void        candor_renderer_set_email_to (CandorRenderer *self, const char *to);
/* Threads follow-ups on @channel_id under its earlier messages
 * (Message-IDs, oldest first); NULL or empty: a first message. */
void candor_renderer_set_email_thread (CandorRenderer    *self,
                                       const char        *channel_id,
                                       const char *const *message_ids);

/* What @audience receives through @channel: only its fields, in its order,
 * with its level of detail, headings in the incident's language, written in
 * the dialect of the channel's kind; an email's From and To are the channel's
 * settings, or the renderer's where the channel has none. */
CandorRendition *candor_renderer_render_for_channel (CandorRenderer *self,
                                                     CandorIncident *incident,
                                                     CandorUpdate   *update,
                                                     CandorAudience *audience,
                                                     CandorChannel  *channel);
/* The same through the default channel of @format's kind (its id is the
 * format's nick), with the renderer's email headers. */
CandorRendition *candor_renderer_render (CandorRenderer *self,
                                         CandorIncident *incident,
                                         CandorUpdate   *update,
                                         CandorAudience *audience,
                                         CandorDialect   format);

/* Every audience through each of its channels that @channels has (the
 * defaults when %NULL); ids no channel has are skipped.
 * Returns: (transfer full) (element-type CandorRendition) */
GPtrArray *candor_renderer_render_all (CandorRenderer *self,
                                       CandorIncident *incident,
                                       CandorUpdate   *update,
                                       GPtrArray      *audiences,
                                       GPtrArray      *channels);

G_END_DECLS
