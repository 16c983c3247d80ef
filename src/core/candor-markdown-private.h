/* candor-markdown-private.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cmark.h>

#include "candor-markdown.h"

G_BEGIN_DECLS

/* Shared by the files of CandorMarkdown: the parsed field
 * (candor-markdown.c), the writer every dialect goes through
 * (candor-markdown-writer.c), the HTML dialects' blocks
 * (candor-markdown-html.c) and Discord's mention guard
 * (candor-markdown-mentions.c); not API. */

typedef enum
{
  SEPARATOR_NONE,
  SEPARATOR_LINE,
  SEPARATOR_BLANK,
} Separator;

typedef struct
{
  gsize    start;      /* where the link's text begins in the output */
  gsize    open_start; /* where its opening markup begins */
  gboolean as_link;
  gboolean label_written; /* the whole link is out already, its label is skipped */
} OpenLink;

/* The state of writing one field in one dialect. */
typedef struct
{
  CandorMarkup markup;
  GString     *out;
  GString     *indent;
  GArray      *indent_lengths; /* gsize, one per open list item */
  GArray      *list_numbers;   /* gint64, the next number of each open list */
  GArray      *open_links;     /* OpenLink */
  GArray      *links;          /* CandorMarkdownLink, collected for PLAIN only */
  guint        emph_depth;
  guint        strong_depth;
  guint        skip_depth; /* > 0 while inside a label that is not to be written */
  Separator    pending_separator;
  guint        block_needs_indent : 1;
  guint        at_item_start : 1;
  guint        at_line_start : 1;
} Writer;

/* candor-markdown-writer.c: the walk over the tree, and text, emphasis, links,
 * line breaks and lists in every dialect. _candor_markdown_write() returns the
 * field in @markup and, when @links is not %NULL, adds the PLAIN links to it. */
char *_candor_markdown_write (cmark_node *document, CandorMarkup markup, GArray *links);
void  _candor_markdown_write_text_node (Writer *w, cmark_node *node, cmark_event_type event);
void  _candor_markdown_append_literal_block (Writer *w, const char *literal);
void  _candor_markdown_append_target_url (GString *out, const char *url, const char *also_encode);

/* candor-markdown-html.c: paragraphs and lists in the HTML dialects. */
void _candor_markdown_write_html_node (Writer *w, cmark_node *node, cmark_event_type event);
void _candor_markdown_html_open_link (Writer *w, const char *url);
void _candor_markdown_html_append_code (Writer *w, const char *literal);

/* candor-markdown-mentions.c */
void _candor_markdown_defuse_mass_mentions (GString *out);

G_END_DECLS
