/* candor-sent-rendition.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "candor-enums.h"
#include "candor-rendition.h"

G_BEGIN_DECLS

/* One rendition as it was sent: the exact text one audience received
 * through one configured channel (@channel_id), written in the @dialect
 * of the channel's kind, kept byte for byte. @html is the email's HTML
 * document or Matrix's formatted body, @json the request body for Teams,
 * Matrix and the status page, @mime the whole email message and @message_id
 * its Message-ID (to follow up in the same thread). @id is set once stored. */
typedef struct
{
  gint64        id;
  char         *audience;
  char         *channel_id;
  CandorDialect dialect;
  char         *language;
  char         *subject;
  char         *body;
  char         *html;
  char         *json;
  GBytes       *mime;
  char         *message_id;
} CandorSentRendition;

/* The channel is the default one of @format's kind: its id is the format's nick. */
CandorSentRendition *candor_sent_rendition_new (const char   *audience,
                                                CandorDialect format,
                                                const char   *language,
                                                const char   *subject,
                                                const char   *body,
                                                GBytes       *mime);
/* What the renderer made, to be recorded as sent in @language; fails only
 * when an email's MIME message cannot be built. */
CandorSentRendition *candor_sent_rendition_new_from_rendition (CandorRendition *rendition,
                                                               const char      *language,
                                                               GError         **error);
void                 candor_sent_rendition_free (CandorSentRendition *rendition);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CandorSentRendition, candor_sent_rendition_free)

G_END_DECLS
