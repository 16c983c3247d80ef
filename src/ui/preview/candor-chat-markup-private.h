/* candor-chat-markup-private.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Shared by the files of the chat markup reader, one per client dialect;
 * not API.
 *
 * Each reader follows its client's own rules, not CommonMark's: Slack pairs
 * markers only at word edges and on one line, Discord's parser takes the
 * longest of the forms that match at a place, Teams joins lines a blank line
 * does not set apart, Matrix clients draw a sanitized subset of HTML. Tags
 * close in the reverse order they opened, by the call that opened them or
 * from the stack of open HTML elements, so the markup is well formed
 * whatever the text; text only ever reaches it escaped, as
 * g_markup_escape_text() does it. */

/* Markers nested deeper than this are shown as typed: the recursion stays
 * shallow whatever is pasted. */
#define MAX_DEPTH 12

/* Looking ahead for a closing marker may cost this many bytes per byte of
 * text in all; after that, openers stay as typed. A field full of unpaired
 * markers is then read in linear time on every keystroke. */
#define SEARCH_BYTES_PER_BYTE 16

/* Backgrounds and bars at partial opacity read on light and dark styles alike. */
#define CODE_OPEN    "<span font_family=\"monospace\" bgcolor=\"#808080\" bgalpha=\"20%\">"
#define SPOILER_OPEN "<span bgcolor=\"#808080\" bgalpha=\"45%\">"
#define MENTION_OPEN "<span weight=\"bold\" bgcolor=\"#3584e4\" bgalpha=\"25%\">"
#define QUOTE_BAR    "<span fgalpha=\"45%\">\xe2\x96\x8e</span> "
#define RULE \
  "<span fgalpha=\"45%\">\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80</span>"
#define BULLET "\xe2\x80\xa2 "

typedef enum
{
  FLAVOR_SLACK,
  FLAVOR_DISCORD,
  FLAVOR_MATTERMOST,
  FLAVOR_TEAMS,
} Flavor;

/* The state of reading one text in Slack mrkdwn or a Markdown flavor. */
typedef struct
{
  Flavor      flavor;
  const char *text;
  gsize       len;
  GString    *out;
  gsize       search_budget;
  guint       depth;
  gboolean    in_link;
  gboolean    quote_to_end; /* ">>>" quotes the rest of the message */
  gsize       line_end;     /* Slack: markers pair within this line */
} Reader;

typedef enum
{
  ATOM_ESCAPE,
  ATOM_CODE,
  ATOM_LINK,
  ATOM_AUTOLINK,
} AtomKind;

/* Something read whole, whose inside no marker outside can pair with. */
typedef struct
{
  AtomKind kind;
  gsize    end; /* just past it */
  gsize    text_start;
  gsize    text_end;
  gsize    url_start;
  gsize    url_end;
} Atom;

/* Matrix: the HTML elements the reader tells apart. */
typedef enum
{
  TAG_OTHER,
  TAG_A,
  TAG_B,
  TAG_BLOCKQUOTE,
  TAG_BR,
  TAG_CODE,
  TAG_DIV,
  TAG_FONT,
  TAG_H1,
  TAG_H2,
  TAG_H3,
  TAG_H4,
  TAG_H5,
  TAG_H6,
  TAG_HR,
  TAG_I,
  TAG_IMG,
  TAG_LI,
  TAG_OL,
  TAG_P,
  TAG_PRE,
  TAG_S,
  TAG_SKIP, /* mx-reply, script, style: dropped with their content */
  TAG_SPAN,
  TAG_SUB,
  TAG_SUP,
  TAG_TABLE,
  TAG_TD,
  TAG_TH,
  TAG_TR,
  TAG_U,
  TAG_UL,
} TagId;

/* One start or end tag as read, with the attributes the reader uses. */
typedef struct
{
  TagId    tag;
  gboolean closing;
  gboolean self_closing;
  gsize    end;
  char    *href;
  char    *color;
  char    *bg_color;
  char    *alt;
  char    *start;
  gboolean spoiler;
} HtmlTag;

/* Appends text or code the way a dialect escapes it. */
typedef void (*ChatMarkupAppendFunc) (GString *out, const char *text, gsize len);
typedef void (*ChatMarkupRenderFunc) (Reader *r, gsize start, gsize end);

/* These run for every byte on every keystroke: inline. */
static inline gunichar
_candor_chat_markup_char_at (const char *text, gsize pos, gsize end)
{
  return pos < end ? g_utf8_get_char (text + pos) : 0;
}

static inline gboolean
_candor_chat_markup_is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static inline gboolean
_candor_chat_markup_is_line_start (Reader *r, gsize pos)
{
  return pos == 0 || r->text[pos - 1] == '\n';
}

static inline gboolean
_candor_chat_markup_spend (Reader *r, gsize bytes)
{
  if (r->search_budget < bytes)
    {
      r->search_budget = 0;
      return FALSE;
    }

  r->search_budget -= bytes;
  return TRUE;
}

/* candor-chat-markup-builder.c: writing markup, and what the text readers share */
void     _candor_chat_markup_append_escaped (GString *out, const char *text, gsize len);
void     _candor_chat_markup_append_link_open (GString *out, const char *url, gsize len);
gboolean _candor_chat_markup_has_prefix (const char *text, gsize len, const char *prefix);
gboolean _candor_chat_markup_is_link_target (const char *url, gsize len, gboolean mailto);
gunichar _candor_chat_markup_char_before (const char *text, gsize pos);
void     _candor_chat_markup_reader_init (Reader     *r,
                                          Flavor      flavor,
                                          const char *text,
                                          gsize       len,
                                          GString    *out);
void     _candor_chat_markup_render_fenced (Reader              *r,
                                            ChatMarkupRenderFunc render_lines,
                                            ChatMarkupAppendFunc append_code);

/* candor-chat-markup-slack.c */
void _candor_chat_markup_render_slack (GString *out, const char *text, gsize len);

/* candor-chat-markup-markdown.c: Discord, Mattermost, a Teams TextBlock */
gboolean _candor_chat_markup_find_autolink (Reader *r, gsize pos, gsize end, Atom *atom);
void _candor_chat_markup_render_markdown (GString *out, Flavor flavor, const char *text, gsize len);

/* candor-chat-markup-teams.c */
void _candor_chat_markup_render_teams (GString *out, const char *json, gsize len);

/* candor-chat-markup-html.c: reading the HTML a Matrix message holds */
gsize    _candor_chat_markup_decode_entity (const char *text,
                                            gsize       pos,
                                            gsize       end,
                                            char        buf[8],
                                            gsize      *buf_len);
gboolean _candor_chat_markup_is_tag_name_char (char c);
gboolean _candor_chat_markup_parse_html_tag (const char *text,
                                             gsize       len,
                                             gsize       pos,
                                             HtmlTag    *tag,
                                             gboolean   *unterminated);
void     _candor_chat_markup_html_tag_clear (HtmlTag *tag);
gsize    _candor_chat_markup_skip_element (const char *text,
                                           gsize       len,
                                           const char *name,
                                           gsize       name_len,
                                           gsize       pos);

/* candor-chat-markup-matrix.c */
void _candor_chat_markup_render_matrix (GString *out, const char *html, gsize len);

G_END_DECLS
