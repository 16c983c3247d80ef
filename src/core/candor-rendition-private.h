/* candor-rendition-private.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "candor-email.h"
#include "candor-finding.h"
#include "candor-rendition.h"

G_BEGIN_DECLS

/* Only the renderer builds renditions; everyone else reads them. */
CandorRendition *_candor_rendition_new (CandorDialect format,
                                        const char   *channel_id,
                                        const char   *audience_id,
                                        const char   *subject,
                                        char         *text);
void             _candor_rendition_take_html (CandorRendition *self, char *html);
void             _candor_rendition_take_json (CandorRendition *self, char *json);
void             _candor_rendition_set_language (CandorRendition *self, const char *language);
void             _candor_rendition_set_thread (CandorRendition *self, CandorSocialThread *thread);
/* Everything the email message needs besides subject and text; @html_body
 * is the fragment, wrapped into a document when the message is built. */
void _candor_rendition_set_email (CandorRendition   *self,
                                  const char        *from,
                                  const char        *to,
                                  const char *const *thread,
                                  const char        *language,
                                  const char        *html_body);
void _candor_rendition_set_length (CandorRendition *self, guint length, guint limit);
void _candor_rendition_take_finding (CandorRendition *self, CandorFinding *finding);

G_END_DECLS
