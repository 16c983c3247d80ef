/* candor-chat-markup.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "candor-rendition.h"

G_BEGIN_DECLS

/* What a chat client makes of the bytes it receives, as markup for a
 * GtkLabel: Pango markup plus <a href="" title=""> links. It reads only what
 * is sent, never the author's Markdown, so the preview shows what the
 * client will show, quirks included. */

/* The bytes a chat format's client draws: the text for plain text, Slack,
 * Discord and Mattermost, the formatted body (HTML) for Matrix, the Adaptive
 * Card (JSON) for Teams. Returns: (transfer none): never NULL. */
const char *candor_chat_markup_get_source (CandorRendition *rendition);

/* Returns: (transfer full): always valid markup; markers that do not pair up
 * and tags the client would drop are shown the way the client shows them. */
char *candor_chat_markup_from_source (CandorDialect format, const char *source);

G_END_DECLS
