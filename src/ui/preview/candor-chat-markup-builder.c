/* candor-chat-markup-builder.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-chat-markup"

#include "config.h"

#include <string.h>

#include "candor-chat-markup-private.h"

/* What g_markup_escape_text() writes, byte for byte, appended in place: the
 * preview escapes every run of text on every keystroke, and a string
 * allocated per run was most of its cost. @text is valid UTF-8.
 *
 * This is Pango markup, not HTML: GMarkup refuses control characters, so
 * they become character references, and "'" is "&apos;". The HTML the core
 * sends (candor-mustache-escape.c) writes "&#39;", which older
 * mail clients know, and leaves control characters as they are. */
void
_candor_chat_markup_append_escaped (GString *out, const char *text, gsize len)
{
  gsize run = 0;

  for (gsize i = 0; i < len; i++)
    {
      guchar      c = text[i];
      const char *entity;
      gunichar    control = 0;

      switch (c)
        {
          case '&':
            entity = "&amp;";
            break;

          case '<':
            entity = "&lt;";
            break;

          case '>':
            entity = "&gt;";
            break;

          case '\'':
            entity = "&apos;";
            break;

          case '"':
            entity = "&quot;";
            break;

          default:
            entity = NULL;
            if ((c >= 0x01 && c <= 0x08) || c == 0x0b || c == 0x0c || (c >= 0x0e && c <= 0x1f) ||
                c == 0x7f)
              control = c;
            /* U+0080 to U+009F but U+0085, encoded as C2 80 to C2 9F. */
            else if (c == 0xc2 && i + 1 < len && (guchar)text[i + 1] >= 0x80 &&
                     (guchar)text[i + 1] <= 0x9f && (guchar)text[i + 1] != 0x85)
              control = (guchar)text[i + 1];
            if (control == 0)
              continue;
            break;
        }

      g_string_append_len (out, text + run, i - run);
      if (entity != NULL)
        g_string_append (out, entity);
      else
        g_string_append_printf (out, "&#x%x;", control);
      if (control >= 0x80)
        i++;
      run = i + 1;
    }

  g_string_append_len (out, text + run, len - run);
}

void
_candor_chat_markup_append_link_open (GString *out, const char *url, gsize len)
{
  /* The title is the tooltip: where a link with a label goes shows on hover. */
  g_string_append (out, "<a href=\"");
  _candor_chat_markup_append_escaped (out, url, len);
  g_string_append (out, "\" title=\"");
  _candor_chat_markup_append_escaped (out, url, len);
  g_string_append (out, "\">");
}

gboolean
_candor_chat_markup_has_prefix (const char *text, gsize len, const char *prefix)
{
  gsize prefix_len = strlen (prefix);

  return len >= prefix_len && g_ascii_strncasecmp (text, prefix, prefix_len) == 0;
}

gboolean
_candor_chat_markup_is_link_target (const char *url, gsize len, gboolean mailto)
{
  return (_candor_chat_markup_has_prefix (url, len, "http://") && len > 7) ||
         (_candor_chat_markup_has_prefix (url, len, "https://") && len > 8) ||
         (mailto && _candor_chat_markup_has_prefix (url, len, "mailto:") && len > 7);
}

gunichar
_candor_chat_markup_char_before (const char *text, gsize pos)
{
  const char *prev;

  if (pos == 0)
    return 0;
  if ((guchar)text[pos - 1] < 0x80)
    return (guchar)text[pos - 1];

  prev = g_utf8_find_prev_char (text, text + pos);
  return prev != NULL ? g_utf8_get_char (prev) : 0;
}

void
_candor_chat_markup_reader_init (Reader     *r,
                                 Flavor      flavor,
                                 const char *text,
                                 gsize       len,
                                 GString    *out)
{
  *r = (Reader){ 0 };
  r->flavor = flavor;
  r->text = text;
  r->len = len;
  r->out = out;
  r->search_budget = SEARCH_BYTES_PER_BYTE * len + 1024;
  r->line_end = len;
}

static void
ensure_line_break (GString *out)
{
  if (out->len > 0 && out->str[out->len - 1] != '\n')
    g_string_append_c (out, '\n');
}

/* A code block, drawn on lines of its own with its text as it is, escaped
 * by @append_code as the dialect escapes its text. */
static void
render_code_block (Reader *r, gsize start, gsize end, ChatMarkupAppendFunc append_code)
{
  /* Discord and Mattermost take a word on the opening line as the language. */
  if (r->flavor != FLAVOR_SLACK)
    {
      gsize i = start;

      while (i < end && (g_ascii_isalnum (r->text[i]) || strchr ("+#-_.", r->text[i]) != NULL))
        i++;
      if (i < end && r->text[i] == '\n')
        start = i;
    }

  if (start < end && r->text[start] == '\n')
    start++;
  if (end > start && r->text[end - 1] == '\n')
    end--;

  ensure_line_break (r->out);
  g_string_append (r->out, CODE_OPEN);
  append_code (r->out, r->text + start, end - start);
  g_string_append (r->out, "</span>");
}

/* Calls @render_lines on the text between "```" fences and draws the code
 * blocks they enclose; a fence without a partner is text. */
void
_candor_chat_markup_render_fenced (Reader              *r,
                                   ChatMarkupRenderFunc render_lines,
                                   ChatMarkupAppendFunc append_code)
{
  gsize pos = 0;

  while (pos < r->len)
    {
      const char *fence = g_strstr_len (r->text + pos, r->len - pos, "```");
      const char *close = NULL;
      gsize       fence_pos, close_pos;

      if (fence != NULL)
        close = g_strstr_len (fence + 3, r->text + r->len - fence - 3, "```");

      if (close == NULL)
        {
          render_lines (r, pos, r->len);
          return;
        }

      fence_pos = fence - r->text;
      close_pos = close - r->text;
      if (fence_pos > pos)
        render_lines (r, pos, fence_pos);
      render_code_block (r, fence_pos + 3, close_pos, append_code);
      pos = close_pos + 3;
      if (pos < r->len && r->text[pos] != '\n')
        g_string_append_c (r->out, '\n');
    }
}
