/* candor-composition.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "candor-audience.h"
#include "candor-channel.h"
#include "candor-draft.h"
#include "candor-finding.h"
#include "candor-incident.h"
#include "candor-rendition.h"
#include "candor-update.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_COMPOSITION (candor_composition_get_type ())

G_DECLARE_FINAL_TYPE (CandorComposition, candor_composition, CANDOR, COMPOSITION, GObject)

/* One draft (incident and update) sent to its audiences through each of their
 * channels: the renditions every channel receives and the findings of the
 * checks. The preview shows it, the command line prints it and the publisher
 * sends it, so the three can never disagree.
 *
 * The results are computed when first asked for after a change of the draft,
 * of an audience or of the email settings: "notify::dirty" says that they are
 * out of date, "changed" that they have just been computed again.
 *
 * The language rule: the checks are those of the incident's language, reduced
 * to its primary tag ("ru_RU" and "ru-RU" check as "ru"); an incident without
 * a language is English, as a new one is. A language without a check list is
 * an error that candor_composition_update() reports for the caller to show:
 * the renditions are still made, the message findings are then empty. Lengths
 * ("over-limit" on each rendition) are judged the same in every language.
 *
 * Several languages: each rendition is written in its language (see
 * candor_rendition_get_language()) from candor_update_new_in_language(), with
 * the message phrases of that language. Each of the incident's languages that
 * some rendition uses is checked with its own rules; findings in a language
 * other than the primary say so (candor_finding_get_language()). Two more
 * rules:
 * - "translation-missing" (error): a rendition's language has no text at all
 *   (one finding on the whole message; the rendition is then wholly in the
 *   primary language, its language included), or a field it shows has primary
 *   text but no translation (one on that field, which the rendition carries in
 *   the primary language meanwhile). Acknowledging the finding sends it that
 *   way on purpose. The findings of both rules name the language and the
 *   audiences that read it; their keys include the language.
 * - "translation-outdated" (warning): the primary text changed after the
 *   translation was written. Acknowledging it marks the translation current
 *   in the update (candor_update_mark_translation_current()). */
CandorComposition *candor_composition_new (void);
/* The draft's incident, update and audiences, as the app and the CLI load it. */
CandorComposition *candor_composition_new_for_draft (CandorDraft *draft);

/* Follows @incident, @update and each of @audiences until the next call;
 * acknowledged findings are forgotten when @update is another update. */
void candor_composition_set_draft (CandorComposition *self,
                                   CandorIncident    *incident,
                                   CandorUpdate      *update,
                                   GPtrArray         *audiences);
/* Returns: (transfer none) (nullable) */
CandorIncident *candor_composition_get_incident (CandorComposition *self);
/* Returns: (transfer none) (nullable) */
CandorUpdate *candor_composition_get_update (CandorComposition *self);
/* Returns: (transfer none) (nullable) (element-type CandorAudience) */
GPtrArray *candor_composition_get_audiences (CandorComposition *self);

/* The configured channels the audiences point to; the defaults (one per
 * kind, each with the kind's nick as its id) until set. */
void       candor_composition_set_channels (CandorComposition *self, GPtrArray *channels);
GPtrArray *candor_composition_get_channels (CandorComposition *self);

/* Email headers for the email channels whose settings have no "from" or
 * "to". Without a recipient the message goes to "undisclosed-recipients:;". */
const char *candor_composition_get_email_from (CandorComposition *self);
void        candor_composition_set_email_from (CandorComposition *self, const char *from);
const char *candor_composition_get_email_to (CandorComposition *self);
void        candor_composition_set_email_to (CandorComposition *self, const char *to);
/* Threads follow-ups on @channel_id under its earlier messages
 * (Message-IDs, oldest first); NULL or empty: a first message. */
void candor_composition_set_email_thread (CandorComposition *self,
                                          const char        *channel_id,
                                          const char *const *message_ids);

gboolean candor_composition_get_dirty (CandorComposition *self);
/* Computes the results again if they are out of date (emitting "changed"),
 * then says whether the incident's language has checks: %FALSE with
 * CANDOR_CHECKER_ERROR_UNKNOWN_LANGUAGE when it has none, or, after it, when
 * another language some rendition is written in has none (that language's
 * findings are then only the two translation rules). */
gboolean candor_composition_update (CandorComposition *self, GError **error);

/* What the audience @audience_id receives through the channel @channel_id,
 * current as of this call; %NULL when the audience does not use that channel.
 * Returns: (transfer none) (nullable) */
CandorRendition *candor_composition_get_rendition (CandorComposition *self,
                                                   const char        *audience_id,
                                                   const char        *channel_id);
/* Every rendition, audience by audience in the order of each one's channels.
 * Returns: (transfer none) (element-type CandorRendition) */
GPtrArray *candor_composition_get_renditions (CandorComposition *self);
/* The message's findings that are not acknowledged, in the checker's order.
 * Returns: (transfer none) (element-type CandorFinding) */
GPtrArray *candor_composition_get_findings (CandorComposition *self);

/* The writer has read the finding and stands by the text: findings of its
 * rule on its field in its language stop showing for the rest of this update. */
void candor_composition_acknowledge (CandorComposition *self, CandorFinding *finding);

G_END_DECLS
