/* candor-chat-markup-slack.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-chat-markup"

#include "config.h"

#include <string.h>

#include "candor-chat-markup-private.h"

/* Slack mrkdwn */

/* "&amp;", "&lt;" and "&gt;" are the only entities Slack reads, and they
 * mean the same in Pango markup; any other "&" is a character. */
static void
append_slack_text (GString *out, const char *text, gsize len)
{
  gsize run = 0;

  for (gsize i = 0; i < len; i++)
    {
      const char *entity = NULL;

      if (text[i] != '&')
        continue;

      if (_candor_chat_markup_has_prefix (text + i, len - i, "&amp;"))
        entity = "&amp;";
      else if (_candor_chat_markup_has_prefix (text + i, len - i, "&lt;"))
        entity = "&lt;";
      else if (_candor_chat_markup_has_prefix (text + i, len - i, "&gt;"))
        entity = "&gt;";

      _candor_chat_markup_append_escaped (out, text + run, i - run);
      g_string_append (out, entity != NULL ? entity : "&amp;");
      if (entity != NULL)
        i += strlen (entity) - 1;
      run = i + 1;
    }

  _candor_chat_markup_append_escaped (out, text + run, len - run);
}

static gsize
slack_code_end (Reader *r, gsize pos, gsize end)
{
  const char *close = memchr (r->text + pos + 1, '`', end - pos - 1);

  if (close == NULL || close == r->text + pos + 1)
    return 0;

  return close - r->text + 1;
}

/* "<url|label>", "<url>", "<@U123>", "<#C123|name>", "<!here>": the end,
 * just past the ">", or 0 when Slack would show the "<" as it is. */
static gsize
slack_angle_end (Reader *r, gsize pos, gsize end)
{
  const char *inner = r->text + pos + 1;
  gsize       i;

  for (i = pos + 1; i < end && r->text[i] != '>'; i++)
    if (r->text[i] == '<' || r->text[i] == '\n')
      return 0;

  if (i >= end || i == pos + 1)
    return 0;

  if (inner[0] == '@' || inner[0] == '#' || inner[0] == '!' ||
      _candor_chat_markup_is_link_target (inner, i - pos - 1, TRUE))
    return i + 1;

  return 0;
}

static void
append_slack_link (Reader *r, const char *url, gsize url_len, const char *label, gsize label_len)
{
  g_string_append (r->out, "<a href=\"");
  append_slack_text (r->out, url, url_len);
  g_string_append (r->out, "\" title=\"");
  append_slack_text (r->out, url, url_len);
  g_string_append (r->out, "\">");
  append_slack_text (r->out, label, label_len);
  g_string_append (r->out, "</a>");
}

static void
render_slack_angle (Reader *r, gsize pos, gsize end)
{
  const char *inner = r->text + pos + 1;
  gsize       inner_len = end - pos - 2;
  const char *bar = memchr (inner, '|', inner_len);
  gsize       target_len = bar != NULL ? (gsize)(bar - inner) : inner_len;
  const char *label = bar != NULL ? bar + 1 : inner;
  gsize       label_len = bar != NULL ? inner_len - target_len - 1 : target_len;

  if (label_len == 0)
    {
      label = inner;
      label_len = target_len;
    }

  if (_candor_chat_markup_is_link_target (inner, target_len, TRUE))
    {
      /* Slack draws a label as it is: no formatting inside a link. */
      append_slack_link (r, inner, target_len, label, label_len);
      return;
    }

  /* A mention: what Slack shows is a name it looks up; the label, or the
   * id, stands in for it. */
  g_string_append (r->out, MENTION_OPEN);
  g_string_append_c (r->out, inner[0] == '#' ? '#' : '@');
  if (label == inner)
    {
      const char *caret = memchr (inner, '^', target_len);

      if (caret != NULL)
        append_slack_text (r->out, caret + 1, inner + target_len - caret - 1);
      else
        append_slack_text (r->out, inner + 1, target_len - 1);
    }
  else
    append_slack_text (r->out, label, label_len);
  g_string_append (r->out, "</span>");
}

/* Slack pairs "*", "_" and "~" at word edges only: "a*b*c" and "snake_case"
 * stay as typed. */
static gboolean
slack_can_open (Reader *r, gsize pos, gsize end)
{
  gunichar before = _candor_chat_markup_char_before (r->text, pos);
  gunichar after = _candor_chat_markup_char_at (r->text, pos + 1, end);

  return (before == 0 || before == '\n' || !g_unichar_isalnum (before)) && after != 0 &&
         !g_unichar_isspace (after);
}

static gboolean
slack_can_close (Reader *r, gsize pos)
{
  gunichar after = _candor_chat_markup_char_at (r->text, pos + 1, r->line_end);

  return !g_unichar_isspace (_candor_chat_markup_char_before (r->text, pos)) &&
         (after == 0 || !g_unichar_isalnum (after));
}

static gsize
slack_find_closer (Reader *r, char marker, gsize from, gsize end)
{
  gsize i = from;

  while (i < end)
    {
      char  c = r->text[i];
      gsize next = 0;
      Atom  url;

      if (!_candor_chat_markup_spend (r, 1))
        return 0;

      if (c == marker && slack_can_close (r, i))
        return i;

      if (c == '`')
        next = slack_code_end (r, i, end);
      else if (c == '<')
        next = slack_angle_end (r, i, end);
      else if ((c == 'h' || c == 'H') && _candor_chat_markup_find_autolink (r, i, end, &url))
        next = url.end;

      if (next != 0 && !_candor_chat_markup_spend (r, next - i))
        return 0;
      i = next != 0 ? next : i + 1;
    }

  return 0;
}

static void
render_slack_inline (Reader *r, gsize start, gsize end)
{
  gsize run = start;
  gsize i = start;

  while (i < end)
    {
      char        c = r->text[i];
      gsize       close;
      const char *open_tag, *close_tag;
      Atom        url;

      if (c == '`' && (close = slack_code_end (r, i, end)) != 0)
        {
          append_slack_text (r->out, r->text + run, i - run);
          g_string_append (r->out, CODE_OPEN);
          append_slack_text (r->out, r->text + i + 1, close - i - 2);
          g_string_append (r->out, "</span>");
          i = run = close;
          continue;
        }

      if (c == '<' && (close = slack_angle_end (r, i, end)) != 0)
        {
          append_slack_text (r->out, r->text + run, i - run);
          render_slack_angle (r, i, close);
          i = run = close;
          continue;
        }

      /* Slack links the URLs a message holds, like those it is given in "<>". */
      if ((c == 'h' || c == 'H') && _candor_chat_markup_find_autolink (r, i, end, &url))
        {
          append_slack_text (r->out, r->text + run, i - run);
          append_slack_link (r, r->text + i, url.end - i, r->text + i, url.end - i);
          i = run = url.end;
          continue;
        }

      if ((c == '*' || c == '_' || c == '~') && r->depth < MAX_DEPTH &&
          slack_can_open (r, i, end) && (close = slack_find_closer (r, c, i + 2, end)) != 0)
        {
          open_tag = c == '*' ? "<b>" : c == '_' ? "<i>" : "<s>";
          close_tag = c == '*' ? "</b>" : c == '_' ? "</i>" : "</s>";
          append_slack_text (r->out, r->text + run, i - run);
          g_string_append (r->out, open_tag);
          r->depth++;
          render_slack_inline (r, i + 1, close);
          r->depth--;
          g_string_append (r->out, close_tag);
          i = run = close + 1;
          continue;
        }

      i++;
    }

  append_slack_text (r->out, r->text + run, end - run);
}

/* Slack writes a ">" as "&gt;" in the text it stores, and reads a line that
 * starts with either as a quote. */
static gsize
slack_quote_marker (Reader *r, gsize pos, gsize end, gboolean *to_end)
{
  const char *text = r->text + pos;
  gsize       len = end - pos;
  gsize       marker = 0;

  *to_end = TRUE;
  if (_candor_chat_markup_has_prefix (text, len, ">>>"))
    marker = 3;
  else if (_candor_chat_markup_has_prefix (text, len, "&gt;&gt;&gt;"))
    marker = 12;

  if (marker == 0)
    {
      *to_end = FALSE;
      if (_candor_chat_markup_has_prefix (text, len, ">"))
        marker = 1;
      else if (_candor_chat_markup_has_prefix (text, len, "&gt;"))
        marker = 4;
    }

  if (marker != 0 && marker < len && text[marker] == ' ')
    marker++;

  return marker;
}

static void
render_slack_lines (Reader *r, gsize start, gsize end)
{
  gsize pos = start;

  for (;;)
    {
      const char *newline = memchr (r->text + pos, '\n', end - pos);
      gsize       line_end = newline != NULL ? (gsize)(newline - r->text) : end;
      gsize       content = pos;
      gboolean    quoted = r->quote_to_end;

      if (!quoted && _candor_chat_markup_is_line_start (r, pos))
        {
          gboolean to_end;
          gsize    marker = slack_quote_marker (r, pos, line_end, &to_end);

          quoted = marker > 0;
          r->quote_to_end = quoted && to_end;
          content += marker;
        }

      if (quoted)
        g_string_append (r->out, QUOTE_BAR);

      r->line_end = line_end;
      render_slack_inline (r, content, line_end);

      if (newline == NULL)
        break;

      g_string_append_c (r->out, '\n');
      pos = line_end + 1;
    }
}

void
_candor_chat_markup_render_slack (GString *out, const char *text, gsize len)
{
  Reader r;

  _candor_chat_markup_reader_init (&r, FLAVOR_SLACK, text, len, out);
  _candor_chat_markup_render_fenced (&r, render_slack_lines, append_slack_text);
}
