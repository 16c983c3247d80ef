/* candor-chat-markup-matrix.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-chat-markup"

#include "config.h"

#include <string.h>

#include "candor-chat-markup-private.h"

/* Matrix: writing the formatted body, as read by candor-chat-markup-html.c */

/* An open element: its markup is written only once content follows, so an
 * empty element leaves nothing, and only then closed. */
typedef struct
{
  TagId       tag;
  char       *open; /* NULL: the element only gives structure */
  const char *close;
  gboolean    opened;
  gboolean    is_link;
  gint64      next_number; /* ordered lists */
  guint       n_levels;    /* line-start levels when it opened */
} Element;

/* What each line starts with inside quotes and list items. */
typedef struct
{
  gboolean quote;
  char    *marker; /* a list item's, until its first line is out */
  guint    indent;
} Level;

typedef struct
{
  const char *text;
  gsize       len;
  GString    *out;
  GArray     *stack;  /* Element */
  GArray     *levels; /* Level */
  guint       breaks; /* line breaks wanted before the next content */
  gboolean    need_prefix;
  gboolean    has_content; /* on the current line */
  gboolean    space;
  guint       pre_depth;
  guint       link_depth;
} HtmlWriter;

static void
element_clear (gpointer data)
{
  Element *element = data;

  g_clear_pointer (&element->open, g_free);
}

static void
level_clear (gpointer data)
{
  Level *level = data;

  g_clear_pointer (&level->marker, g_free);
}

static gboolean
is_hex_color (const char *color)
{
  if (color == NULL || color[0] != '#' || strlen (color) != 7)
    return FALSE;

  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (color[i]))
      return FALSE;

  return TRUE;
}

/* The schemes Matrix clients keep in a link; others lose their href. */
static gboolean
is_matrix_link_target (const char *href)
{
  static const char *const schemes[] = { "https:", "http:", "mailto:", "ftp:", "magnet:" };

  for (guint i = 0; href != NULL && i < G_N_ELEMENTS (schemes); i++)
    if (g_ascii_strncasecmp (href, schemes[i], strlen (schemes[i])) == 0 &&
        href[strlen (schemes[i])] != '\0')
      return TRUE;

  return FALSE;
}

static void
html_request_break (HtmlWriter *w, guint breaks)
{
  if (w->has_content || w->breaks > 0)
    w->breaks = MAX (w->breaks, breaks);
}

static void
html_write_prefix (HtmlWriter *w, gboolean blank_line)
{
  for (guint i = 0; i < w->levels->len; i++)
    {
      Level *level = &g_array_index (w->levels, Level, i);

      if (level->quote)
        g_string_append (w->out, QUOTE_BAR);
      else if (blank_line)
        continue;
      else if (level->marker != NULL)
        {
          g_string_append (w->out, level->marker);
          g_clear_pointer (&level->marker, g_free);
        }
      else
        for (guint j = 0; j < level->indent; j++)
          g_string_append_c (w->out, ' ');
    }
}

/* Everything visible goes out through here: first the line breaks and the
 * line's prefix it waits for, then the markup of the elements it is in. */
static void
html_begin_content (HtmlWriter *w)
{
  /* The message starts with its first line, whatever opened it. */
  if (w->out->len == 0)
    w->breaks = 0;

  if (w->breaks > 0)
    {
      for (guint i = 0; i < w->breaks; i++)
        {
          if (i > 0)
            html_write_prefix (w, TRUE);
          g_string_append_c (w->out, '\n');
        }
      w->breaks = 0;
      w->need_prefix = TRUE;
    }

  if (w->need_prefix)
    {
      html_write_prefix (w, FALSE);
      w->need_prefix = FALSE;
      w->space = FALSE;
    }

  if (w->space)
    g_string_append_c (w->out, ' ');
  w->space = FALSE;

  for (guint i = 0; i < w->stack->len; i++)
    {
      Element *element = &g_array_index (w->stack, Element, i);

      if (!element->opened && element->open != NULL)
        g_string_append (w->out, element->open);
      element->opened = TRUE;
    }

  w->has_content = TRUE;
}

static void
html_line_break (HtmlWriter *w)
{
  if (w->pre_depth > 0 || w->has_content || w->breaks > 0)
    w->breaks++;
}

static void
html_text (HtmlWriter *w, gsize start, gsize end)
{
  gsize i = start;

  while (i < end)
    {
      char c = w->text[i];

      if (_candor_chat_markup_is_space (c))
        {
          if (w->pre_depth > 0)
            {
              if (c == '\n')
                html_line_break (w);
              else if (c != '\r')
                {
                  html_begin_content (w);
                  g_string_append_c (w->out, c == '\f' ? ' ' : c);
                }
            }
          else if (w->has_content)
            w->space = TRUE;
          i++;
        }
      else if (c == '&')
        {
          char  buf[8];
          gsize buf_len;
          gsize used = _candor_chat_markup_decode_entity (w->text, i, end, buf, &buf_len);

          html_begin_content (w);
          if (used > 0)
            _candor_chat_markup_append_escaped (w->out, buf, buf_len);
          else
            g_string_append (w->out, "&amp;");
          i += MAX (used, 1);
        }
      else
        {
          gsize run = i;

          while (i < end && !_candor_chat_markup_is_space (w->text[i]) && w->text[i] != '&')
            i++;
          html_begin_content (w);
          _candor_chat_markup_append_escaped (w->out, w->text + run, i - run);
        }
    }
}

static Element *
html_push (HtmlWriter *w, TagId tag, char *open, const char *close)
{
  Element element = { 0 };

  element.tag = tag;
  element.open = open;
  element.close = close;
  element.n_levels = w->levels->len;
  g_array_append_val (w->stack, element);

  return &g_array_index (w->stack, Element, w->stack->len - 1);
}

static guint
block_gap (TagId tag)
{
  switch (tag)
    {
      case TAG_P:
      case TAG_H1:
      case TAG_H2:
      case TAG_H3:
      case TAG_H4:
      case TAG_H5:
      case TAG_H6:
      case TAG_BLOCKQUOTE:
      case TAG_PRE:
      case TAG_TABLE:
      case TAG_HR:
      case TAG_UL:
      case TAG_OL:
        return 2;

      case TAG_DIV:
      case TAG_LI:
      case TAG_TR:
        return 1;

      default:
        return 0;
    }
}

/* A list inside a list item follows its text on the next line. */
static guint
html_gap (HtmlWriter *w, TagId tag)
{
  if (tag == TAG_UL || tag == TAG_OL)
    for (guint i = 0; i < w->stack->len; i++)
      if (g_array_index (w->stack, Element, i).tag == TAG_LI)
        return 1;

  return block_gap (tag);
}

static void
html_pop (HtmlWriter *w)
{
  Element *element = &g_array_index (w->stack, Element, w->stack->len - 1);
  TagId    tag = element->tag;

  if (element->opened && element->open != NULL)
    g_string_append (w->out, element->close);

  if (element->is_link)
    w->link_depth--;
  if (tag == TAG_PRE)
    w->pre_depth--;
  g_array_set_size (w->levels, element->n_levels);
  g_array_set_size (w->stack, w->stack->len - 1);

  html_request_break (w, html_gap (w, tag));
}

static gssize
html_find_open (HtmlWriter *w, TagId tag, TagId stop_at)
{
  for (guint i = w->stack->len; i > 0; i--)
    {
      TagId open = g_array_index (w->stack, Element, i - 1).tag;

      if (open == tag)
        return i - 1;
      if (open == stop_at)
        return -1;
    }

  return -1;
}

static void
html_pop_to (HtmlWriter *w, gssize index)
{
  while (index >= 0 && w->stack->len > (guint)index)
    html_pop (w);
}

static char *
heading_open (TagId tag)
{
  static const char *const sizes[] = { "xx-large", "x-large", "large", "medium", "small", "small" };

  return g_strdup_printf ("<span weight=\"bold\" size=\"%s\">", sizes[tag - TAG_H1]);
}

static char *
color_span_open (const HtmlTag *tag)
{
  GString *open = g_string_new ("<span");

  if (is_hex_color (tag->color))
    g_string_append_printf (open, " foreground=\"%s\"", tag->color);
  /* A spoiler is drawn revealed, on a grey that says it is one. */
  if (tag->spoiler)
    g_string_append (open, " bgcolor=\"#808080\" bgalpha=\"45%\"");
  else if (is_hex_color (tag->bg_color))
    g_string_append_printf (open, " bgcolor=\"%s\"", tag->bg_color);

  if (open->len == strlen ("<span"))
    {
      g_string_free (open, TRUE);
      return NULL;
    }

  g_string_append_c (open, '>');
  return g_string_free (open, FALSE);
}

static void
html_open_list_item (HtmlWriter *w)
{
  gssize list = -1;
  guint  n_lists = 0;
  Level  level = { 0 };
  gssize open_item;

  /* An item ends the item before it in the same list. */
  for (guint i = w->stack->len; i > 0 && list < 0; i--)
    {
      TagId tag = g_array_index (w->stack, Element, i - 1).tag;

      if (tag == TAG_UL || tag == TAG_OL)
        list = i - 1;
    }
  open_item =
    html_find_open (w, TAG_LI, list >= 0 ? g_array_index (w->stack, Element, list).tag : TAG_OTHER);
  if (open_item > list)
    html_pop_to (w, open_item);

  for (guint i = 0; i < w->stack->len; i++)
    {
      TagId tag = g_array_index (w->stack, Element, i).tag;

      n_lists += tag == TAG_UL || tag == TAG_OL;
    }

  if (list >= 0 && g_array_index (w->stack, Element, list).tag == TAG_OL)
    {
      Element *ol = &g_array_index (w->stack, Element, list);

      level.marker = g_strdup_printf ("%" G_GINT64_FORMAT ". ", ol->next_number++);
    }
  else
    {
      static const char *const bullets[] = { BULLET, "\xe2\x97\xa6 ", "\xe2\x96\xaa " };

      level.marker = g_strdup (bullets[(MAX (n_lists, 1) - 1) % G_N_ELEMENTS (bullets)]);
    }
  level.indent = g_utf8_strlen (level.marker, -1) + 1;

  html_request_break (w, 1);
  html_push (w, TAG_LI, NULL, NULL);
  if (!w->has_content)
    w->need_prefix = TRUE;
  g_array_append_val (w->levels, level);
}

static void
html_start_tag (HtmlWriter *w, const HtmlTag *tag)
{
  Element *element;
  gssize   open_p;

  /* A block ends an open paragraph, as in a browser. */
  if (block_gap (tag->tag) > 0 && (open_p = html_find_open (w, TAG_P, TAG_BLOCKQUOTE)) >= 0)
    html_pop_to (w, open_p);

  switch (tag->tag)
    {
      case TAG_BR:
        html_line_break (w);
        return;

      case TAG_HR:
        html_request_break (w, 2);
        html_begin_content (w);
        g_string_append (w->out, RULE);
        html_request_break (w, 2);
        return;

      case TAG_IMG:
        if (tag->alt != NULL)
          {
            html_begin_content (w);
            _candor_chat_markup_append_escaped (w->out, tag->alt, strlen (tag->alt));
          }
        return;

      case TAG_LI:
        html_open_list_item (w);
        return;

      case TAG_OTHER:
      case TAG_SKIP:
        return;

      default:
        break;
    }

  if (tag->self_closing)
    return;

  html_request_break (w, html_gap (w, tag->tag));

  switch (tag->tag)
    {
      case TAG_A:
        if (w->link_depth == 0 && is_matrix_link_target (tag->href))
          {
            GString *open = g_string_new (NULL);

            _candor_chat_markup_append_link_open (open, tag->href, strlen (tag->href));
            element = html_push (w, TAG_A, g_string_free (open, FALSE), "</a>");
            element->is_link = TRUE;
            w->link_depth++;
          }
        else
          html_push (w, TAG_A, NULL, NULL);
        break;

      case TAG_B:
      case TAG_TH:
        html_push (w, tag->tag, g_strdup ("<b>"), "</b>");
        break;

      case TAG_I:
        html_push (w, TAG_I, g_strdup ("<i>"), "</i>");
        break;

      case TAG_U:
        html_push (w, TAG_U, g_strdup ("<u>"), "</u>");
        break;

      case TAG_S:
        html_push (w, TAG_S, g_strdup ("<s>"), "</s>");
        break;

      case TAG_SUB:
        html_push (w, TAG_SUB, g_strdup ("<sub>"), "</sub>");
        break;

      case TAG_SUP:
        html_push (w, TAG_SUP, g_strdup ("<sup>"), "</sup>");
        break;

      case TAG_CODE:
        html_push (w, TAG_CODE, w->pre_depth > 0 ? NULL : g_strdup (CODE_OPEN), "</span>");
        break;

      case TAG_PRE:
        html_push (w, TAG_PRE, g_strdup (CODE_OPEN), "</span>");
        w->pre_depth++;
        break;

      case TAG_FONT:
      case TAG_SPAN:
        html_push (w, tag->tag, color_span_open (tag), "</span>");
        break;

      case TAG_H1:
      case TAG_H2:
      case TAG_H3:
      case TAG_H4:
      case TAG_H5:
      case TAG_H6:
        html_push (w, tag->tag, heading_open (tag->tag), "</span>");
        break;

      case TAG_BLOCKQUOTE:
        {
          Level level = { TRUE, NULL, 0 };

          html_push (w, TAG_BLOCKQUOTE, NULL, NULL);
          if (!w->has_content)
            w->need_prefix = TRUE;
          g_array_append_val (w->levels, level);
        }
        break;

      case TAG_OL:
        element = html_push (w, TAG_OL, NULL, NULL);
        element->next_number = 1;
        if (tag->start != NULL)
          element->next_number = CLAMP (g_ascii_strtoll (tag->start, NULL, 10), -999999, 999999);
        break;

      case TAG_TD:
        if (w->has_content)
          w->space = TRUE;
        html_push (w, TAG_TD, NULL, NULL);
        break;

      default:
        html_push (w, tag->tag, NULL, NULL);
        break;
    }
}

static void
html_end_tag (HtmlWriter *w, TagId tag)
{
  gssize index;

  if (tag == TAG_OTHER || tag == TAG_SKIP)
    return;

  /* Headings close one another, as in a browser. */
  if (tag >= TAG_H1 && tag <= TAG_H6)
    {
      for (guint i = w->stack->len; i > 0; i--)
        {
          TagId open = g_array_index (w->stack, Element, i - 1).tag;

          if (open >= TAG_H1 && open <= TAG_H6)
            {
              html_pop_to (w, i - 1);
              return;
            }
        }
      return;
    }

  index = html_find_open (w, tag, TAG_OTHER);
  html_pop_to (w, index);
}

void
_candor_chat_markup_render_matrix (GString *out, const char *html, gsize len)
{
  HtmlWriter w = { 0 };
  gsize      pos = 0;

  w.text = html;
  w.len = len;
  w.out = out;
  w.stack = g_array_new (FALSE, FALSE, sizeof (Element));
  g_array_set_clear_func (w.stack, element_clear);
  w.levels = g_array_new (FALSE, FALSE, sizeof (Level));
  g_array_set_clear_func (w.levels, level_clear);
  w.need_prefix = TRUE;

  while (pos < len)
    {
      const char *lt = memchr (html + pos, '<', len - pos);
      gsize       tag_pos = lt != NULL ? (gsize)(lt - html) : len;
      HtmlTag     tag;
      gboolean    unterminated;

      html_text (&w, pos, tag_pos);
      if (tag_pos >= len)
        break;

      if (_candor_chat_markup_has_prefix (html + tag_pos, len - tag_pos, "<!--"))
        {
          const char *comment_end = g_strstr_len (html + tag_pos + 4, len - tag_pos - 4, "-->");

          pos = comment_end != NULL ? (gsize)(comment_end - html) + 3 : len;
          continue;
        }

      if (!_candor_chat_markup_parse_html_tag (html, len, tag_pos, &tag, &unterminated))
        {
          _candor_chat_markup_html_tag_clear (&tag);
          if (unterminated)
            break;
          html_begin_content (&w);
          g_string_append (out, "&lt;");
          pos = tag_pos + 1;
          continue;
        }

      if (tag.tag == TAG_SKIP && !tag.closing && !tag.self_closing)
        {
          gsize name_len = 0;

          while (_candor_chat_markup_is_tag_name_char (html[tag_pos + 1 + name_len]))
            name_len++;
          pos = _candor_chat_markup_skip_element (html, len, html + tag_pos + 1, name_len, tag.end);
        }
      else
        {
          if (tag.closing)
            html_end_tag (&w, tag.tag);
          else
            html_start_tag (&w, &tag);
          pos = tag.end;
        }
      _candor_chat_markup_html_tag_clear (&tag);
    }

  html_pop_to (&w, 0);
  g_array_unref (w.stack);
  g_array_unref (w.levels);
}
