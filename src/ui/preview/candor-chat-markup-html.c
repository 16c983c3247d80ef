/* candor-chat-markup-html.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-chat-markup"

#include "config.h"

#include <string.h>

#include "candor-chat-markup-private.h"

/* Matrix: reading the HTML of the formatted body, for the writer in
 * candor-chat-markup-matrix.c. */

static const struct
{
  const char *name;
  TagId       tag;
} html_tags[] = {
  { "a", TAG_A },           { "b", TAG_B },         { "blockquote", TAG_BLOCKQUOTE },
  { "br", TAG_BR },         { "caption", TAG_DIV }, { "code", TAG_CODE },
  { "del", TAG_S },         { "details", TAG_DIV }, { "div", TAG_DIV },
  { "em", TAG_I },          { "font", TAG_FONT },   { "h1", TAG_H1 },
  { "h2", TAG_H2 },         { "h3", TAG_H3 },       { "h4", TAG_H4 },
  { "h5", TAG_H5 },         { "h6", TAG_H6 },       { "hr", TAG_HR },
  { "i", TAG_I },           { "img", TAG_IMG },     { "li", TAG_LI },
  { "mx-reply", TAG_SKIP }, { "ol", TAG_OL },       { "p", TAG_P },
  { "pre", TAG_PRE },       { "s", TAG_S },         { "script", TAG_SKIP },
  { "span", TAG_SPAN },     { "strike", TAG_S },    { "strong", TAG_B },
  { "style", TAG_SKIP },    { "sub", TAG_SUB },     { "summary", TAG_DIV },
  { "sup", TAG_SUP },       { "table", TAG_TABLE }, { "td", TAG_TD },
  { "th", TAG_TH },         { "tr", TAG_TR },       { "u", TAG_U },
  { "ul", TAG_UL },
};

void
_candor_chat_markup_html_tag_clear (HtmlTag *tag)
{
  g_clear_pointer (&tag->href, g_free);
  g_clear_pointer (&tag->color, g_free);
  g_clear_pointer (&tag->bg_color, g_free);
  g_clear_pointer (&tag->alt, g_free);
  g_clear_pointer (&tag->start, g_free);
}

/* "&amp;", "&#39;", "&#x1F600;": the length read and the character in
 * @buf, or 0 when it is no entity and the "&" is a character. */
gsize
_candor_chat_markup_decode_entity (const char *text,
                                   gsize       pos,
                                   gsize       end,
                                   char        buf[8],
                                   gsize      *buf_len)
{
  static const struct
  {
    const char *name;
    gunichar    c;
  } names[] = {
    { "amp", '&' },  { "lt", '<' },    { "gt", '>' },
    { "quot", '"' }, { "apos", '\'' }, { "nbsp", 0xa0 },
  };
  gsize    name_start = pos + 1;
  gsize    semi;
  gunichar c = 0;

  for (semi = name_start; semi < end && semi - name_start <= 10 && text[semi] != ';'; semi++)
    if (!g_ascii_isalnum (text[semi]) && !(semi == name_start && text[semi] == '#'))
      return 0;

  if (semi >= end || text[semi] != ';' || semi == name_start)
    return 0;

  if (text[name_start] == '#')
    {
      gboolean hex = name_start + 1 < semi && (text[name_start + 1] | 0x20) == 'x';
      gsize    digits = name_start + (hex ? 2 : 1);

      if (digits == semi)
        return 0;
      for (gsize i = digits; i < semi; i++)
        {
          int value = hex ? g_ascii_xdigit_value (text[i]) : g_ascii_digit_value (text[i]);

          if (value < 0)
            return 0;
          c = MIN ((guint64)c * (hex ? 16 : 10) + value, 0x110000);
        }
    }
  else
    {
      for (guint i = 0; i < G_N_ELEMENTS (names) && c == 0; i++)
        if (strlen (names[i].name) == semi - name_start &&
            strncmp (text + name_start, names[i].name, semi - name_start) == 0)
          c = names[i].c;
      if (c == 0)
        return 0;
    }

  /* What no text may hold becomes the replacement character. */
  if (c == 0 || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff) ||
      (c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7f && c < 0xa0))
    c = 0xfffd;

  *buf_len = g_unichar_to_utf8 (c, buf);
  return semi + 1 - pos;
}

static char *
decode_html_text (const char *text, gsize len)
{
  GString *out = g_string_sized_new (len);
  gsize    run = 0;

  for (gsize i = 0; i < len; i++)
    {
      char  buf[8];
      gsize buf_len, used;

      if (text[i] != '&' ||
          (used = _candor_chat_markup_decode_entity (text, i, len, buf, &buf_len)) == 0)
        continue;

      g_string_append_len (out, text + run, i - run);
      g_string_append_len (out, buf, buf_len);
      i += used - 1;
      run = i + 1;
    }
  g_string_append_len (out, text + run, len - run);

  return g_string_free (out, FALSE);
}

static TagId
lookup_tag (const char *name, gsize len)
{
  for (guint i = 0; i < G_N_ELEMENTS (html_tags); i++)
    if (strlen (html_tags[i].name) == len &&
        g_ascii_strncasecmp (html_tags[i].name, name, len) == 0)
      return html_tags[i].tag;

  return TAG_OTHER;
}

gboolean
_candor_chat_markup_is_tag_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '-';
}

static gboolean
attribute_is (const char *text, gsize name, gsize name_end, const char *attribute)
{
  return name_end - name == strlen (attribute) &&
         g_ascii_strncasecmp (text + name, attribute, name_end - name) == 0;
}

static void
take_value (char **field, const char *text, gsize value, gsize value_end)
{
  g_free (*field);
  *field = decode_html_text (text + value, value_end - value);
}

/* Reads the tag at @pos. Returns FALSE when the "<" starts no tag and is a
 * character; sets @unterminated when the tag never ends, as a browser then
 * shows nothing more. */
gboolean
_candor_chat_markup_parse_html_tag (const char *text,
                                    gsize       end,
                                    gsize       pos,
                                    HtmlTag    *tag,
                                    gboolean   *unterminated)
{
  gsize i = pos + 1;
  gsize name_start;

  *tag = (HtmlTag){ 0 };
  *unterminated = FALSE;

  if (i < end && text[i] == '/')
    {
      tag->closing = TRUE;
      i++;
    }
  if (i >= end || !g_ascii_isalpha (text[i]))
    return FALSE;

  name_start = i;
  while (i < end && _candor_chat_markup_is_tag_name_char (text[i]))
    i++;
  tag->tag = lookup_tag (text + name_start, i - name_start);

  for (;;)
    {
      gsize name, name_end, value = 0, value_end = 0;

      while (i < end && (_candor_chat_markup_is_space (text[i]) || text[i] == '/'))
        {
          tag->self_closing = text[i] == '/';
          i++;
        }
      if (i >= end)
        {
          *unterminated = TRUE;
          return FALSE;
        }
      if (text[i] == '>')
        break;

      tag->self_closing = FALSE;
      name = i;
      while (i < end && !_candor_chat_markup_is_space (text[i]) && text[i] != '/' &&
             text[i] != '>' && text[i] != '=')
        i++;
      name_end = i;
      while (i < end && _candor_chat_markup_is_space (text[i]))
        i++;

      if (i < end && text[i] == '=')
        {
          i++;
          while (i < end && _candor_chat_markup_is_space (text[i]))
            i++;
          if (i < end && (text[i] == '"' || text[i] == '\''))
            {
              const char *quote = memchr (text + i + 1, text[i], end - i - 1);

              if (quote == NULL)
                {
                  *unterminated = TRUE;
                  return FALSE;
                }
              value = i + 1;
              value_end = quote - text;
              i = value_end + 1;
            }
          else
            {
              value = i;
              while (i < end && !_candor_chat_markup_is_space (text[i]) && text[i] != '>')
                i++;
              value_end = i;
            }
        }

      if (attribute_is (text, name, name_end, "href"))
        take_value (&tag->href, text, value, value_end);
      else if (attribute_is (text, name, name_end, "data-mx-color") ||
               attribute_is (text, name, name_end, "color"))
        take_value (&tag->color, text, value, value_end);
      else if (attribute_is (text, name, name_end, "data-mx-bg-color"))
        take_value (&tag->bg_color, text, value, value_end);
      else if (attribute_is (text, name, name_end, "alt"))
        take_value (&tag->alt, text, value, value_end);
      else if (attribute_is (text, name, name_end, "start"))
        take_value (&tag->start, text, value, value_end);
      else if (attribute_is (text, name, name_end, "data-mx-spoiler"))
        tag->spoiler = TRUE;
    }

  tag->end = i + 1;
  return TRUE;
}

/* Skips what an element Matrix clients drop holds, up to its end tag. */
gsize
_candor_chat_markup_skip_element (const char *text,
                                  gsize       len,
                                  const char *name,
                                  gsize       name_len,
                                  gsize       pos)
{
  guint depth = 1;

  while (pos < len)
    {
      const char *lt = memchr (text + pos, '<', len - pos);
      gsize       i;
      gboolean    closing;

      if (lt == NULL)
        return len;

      i = lt - text + 1;
      closing = i < len && text[i] == '/';
      i += closing;
      pos = i;
      if (len - i < name_len || g_ascii_strncasecmp (text + i, name, name_len) != 0 ||
          (i + name_len < len && _candor_chat_markup_is_tag_name_char (text[i + name_len])))
        continue;

      depth += closing ? -1 : 1;
      if (depth == 0)
        {
          const char *gt = memchr (text + i, '>', len - i);

          return gt != NULL ? (gsize)(gt - text) + 1 : len;
        }
    }

  return len;
}
