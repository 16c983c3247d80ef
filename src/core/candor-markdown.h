/* candor-markdown.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The markup languages a field is written out in. A dialect picks one:
 * Mattermost reads the same CommonMark subset as Discord, so both use DISCORD;
 * Matrix sends MATRIX_HTML as formatted_body and PLAIN as body; Telegram
 * reads TELEGRAM_HTML, its small tag set with line breaks as they are. */
typedef enum
{
  CANDOR_MARKUP_PLAIN,
  CANDOR_MARKUP_HTML_EMAIL,
  CANDOR_MARKUP_SLACK,
  CANDOR_MARKUP_DISCORD,
  CANDOR_MARKUP_MATRIX_HTML,
  CANDOR_MARKUP_TEAMS,
  CANDOR_MARKUP_STATUS_PAGE,
  CANDOR_MARKUP_TELEGRAM_HTML,
} CandorMarkup;

#define CANDOR_N_MARKUPS (CANDOR_MARKUP_TELEGRAM_HTML + 1)

/* A link as it appears in the PLAIN output. Offsets are UTF-8 byte offsets,
 * end exclusive, as Bluesky link facets want them. When the text is the URL
 * itself the two spans are the same; otherwise PLAIN reads "text (url)". */
typedef struct
{
  char *text;
  char *url;
  gsize text_start;
  gsize text_end;
  gsize url_start;
  gsize url_end;
} CandorMarkdownLink;

#define CANDOR_TYPE_MARKDOWN (candor_markdown_get_type ())

G_DECLARE_FINAL_TYPE (CandorMarkdown, candor_markdown, CANDOR, MARKDOWN, GObject)

CandorMarkdown           *candor_markdown_new (const char *text);
const char               *candor_markdown_get_text (CandorMarkdown *self);
char                     *candor_markdown_to_markup (CandorMarkdown *self, CandorMarkup markup);
const CandorMarkdownLink *candor_markdown_get_links (CandorMarkdown *self, guint *n_links);
gboolean                  candor_markdown_is_empty (CandorMarkdown *self);

G_END_DECLS
