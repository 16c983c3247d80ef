/* candor-chat-markup.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-chat-markup"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "candor-chat-markup.h"

/* Each reader follows its client's own rules, not CommonMark's: Slack pairs
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

typedef struct
{
  const char *open;
  const char *close;
  gsize       content_start;
  gsize       content_end;
  gsize       end;
} Span;

/* What g_markup_escape_text() writes, byte for byte, appended in place: the
 * preview escapes every run of text on every keystroke, and a string
 * allocated per run was most of its cost. @text is valid UTF-8. */
static void
append_escaped (GString *out, const char *text, gsize len)
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

static void
append_link_open (GString *out, const char *url, gsize len)
{
  /* The title is the tooltip: where a link with a label goes shows on hover. */
  g_string_append (out, "<a href=\"");
  append_escaped (out, url, len);
  g_string_append (out, "\" title=\"");
  append_escaped (out, url, len);
  g_string_append (out, "\">");
}

static gboolean
has_prefix_len (const char *text, gsize len, const char *prefix)
{
  gsize prefix_len = strlen (prefix);

  return len >= prefix_len && g_ascii_strncasecmp (text, prefix, prefix_len) == 0;
}

static gboolean
is_link_target (const char *url, gsize len, gboolean mailto)
{
  return (has_prefix_len (url, len, "http://") && len > 7) ||
         (has_prefix_len (url, len, "https://") && len > 8) ||
         (mailto && has_prefix_len (url, len, "mailto:") && len > 7);
}

static gunichar
char_before (const char *text, gsize pos)
{
  const char *prev;

  if (pos == 0)
    return 0;
  if ((guchar)text[pos - 1] < 0x80)
    return (guchar)text[pos - 1];

  prev = g_utf8_find_prev_char (text, text + pos);
  return prev != NULL ? g_utf8_get_char (prev) : 0;
}

static gunichar
char_at (const char *text, gsize pos, gsize end)
{
  return pos < end ? g_utf8_get_char (text + pos) : 0;
}

static gboolean
is_ascii_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static gboolean
is_line_start (Reader *r, gsize pos)
{
  return pos == 0 || r->text[pos - 1] == '\n';
}

static gboolean
spend (Reader *r, gsize bytes)
{
  if (r->search_budget < bytes)
    {
      r->search_budget = 0;
      return FALSE;
    }

  r->search_budget -= bytes;
  return TRUE;
}

static void
reader_init (Reader *r, Flavor flavor, const char *text, gsize len, GString *out)
{
  *r = (Reader){ 0 };
  r->flavor = flavor;
  r->text = text;
  r->len = len;
  r->out = out;
  r->search_budget = SEARCH_BYTES_PER_BYTE * len + 1024;
  r->line_end = len;
}

static gboolean md_find_autolink (Reader *r, gsize pos, gsize end, Atom *atom);

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

      if (has_prefix_len (text + i, len - i, "&amp;"))
        entity = "&amp;";
      else if (has_prefix_len (text + i, len - i, "&lt;"))
        entity = "&lt;";
      else if (has_prefix_len (text + i, len - i, "&gt;"))
        entity = "&gt;";

      append_escaped (out, text + run, i - run);
      g_string_append (out, entity != NULL ? entity : "&amp;");
      if (entity != NULL)
        i += strlen (entity) - 1;
      run = i + 1;
    }

  append_escaped (out, text + run, len - run);
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
      is_link_target (inner, i - pos - 1, TRUE))
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

  if (is_link_target (inner, target_len, TRUE))
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
  gunichar before = char_before (r->text, pos);
  gunichar after = char_at (r->text, pos + 1, end);

  return (before == 0 || before == '\n' || !g_unichar_isalnum (before)) && after != 0 &&
         !g_unichar_isspace (after);
}

static gboolean
slack_can_close (Reader *r, gsize pos)
{
  gunichar after = char_at (r->text, pos + 1, r->line_end);

  return !g_unichar_isspace (char_before (r->text, pos)) &&
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

      if (!spend (r, 1))
        return 0;

      if (c == marker && slack_can_close (r, i))
        return i;

      if (c == '`')
        next = slack_code_end (r, i, end);
      else if (c == '<')
        next = slack_angle_end (r, i, end);
      else if ((c == 'h' || c == 'H') && md_find_autolink (r, i, end, &url))
        next = url.end;

      if (next != 0 && !spend (r, next - i))
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
      if ((c == 'h' || c == 'H') && md_find_autolink (r, i, end, &url))
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
  if (has_prefix_len (text, len, ">>>"))
    marker = 3;
  else if (has_prefix_len (text, len, "&gt;&gt;&gt;"))
    marker = 12;

  if (marker == 0)
    {
      *to_end = FALSE;
      if (has_prefix_len (text, len, ">"))
        marker = 1;
      else if (has_prefix_len (text, len, "&gt;"))
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

      if (!quoted && is_line_start (r, pos))
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

static void
ensure_line_break (GString *out)
{
  if (out->len > 0 && out->str[out->len - 1] != '\n')
    g_string_append_c (out, '\n');
}

/* A code block, drawn on lines of its own with its text as it is. */
static void
render_code_block (Reader *r, gsize start, gsize end)
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
  if (r->flavor == FLAVOR_SLACK)
    append_slack_text (r->out, r->text + start, end - start);
  else
    append_escaped (r->out, r->text + start, end - start);
  g_string_append (r->out, "</span>");
}

/* Calls @render_lines on the text between "```" fences and draws the code
 * blocks they enclose; a fence without a partner is text. */
static void
render_fenced (Reader *r, void (*render_lines) (Reader *r, gsize start, gsize end))
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
      render_code_block (r, fence_pos + 3, close_pos);
      pos = close_pos + 3;
      if (pos < r->len && r->text[pos] != '\n')
        g_string_append_c (r->out, '\n');
    }
}

static void
render_slack (GString *out, const char *text, gsize len)
{
  Reader r;

  reader_init (&r, FLAVOR_SLACK, text, len, out);
  render_fenced (&r, render_slack_lines);
}

/* Markdown: Discord, Mattermost and the TextBlocks of a Teams card */

static gboolean
has_code (Flavor flavor)
{
  /* Adaptive Cards draw no code: the backticks stay. */
  return flavor != FLAVOR_TEAMS;
}

static gboolean
is_word_char (Flavor flavor, gunichar c)
{
  /* Discord's parser knows ASCII words only, as JavaScript's \b does. */
  if (flavor == FLAVOR_DISCORD)
    return c < 0x80 && (g_ascii_isalnum (c) || c == '_');

  return g_unichar_isalnum (c);
}

/* "`code`": a run of backticks closed by a run of the same length. */
static gboolean
md_find_code (Reader *r, gsize pos, gsize end, Atom *atom)
{
  gsize ticks = 0;
  gsize i;

  while (pos + ticks < end && r->text[pos + ticks] == '`')
    ticks++;

  for (i = pos + ticks; i < end;)
    {
      const char *next = memchr (r->text + i, '`', end - i);
      gsize       run_start, run;

      if (next == NULL || !spend (r, next - r->text - i + 1))
        return FALSE;

      run_start = next - r->text;
      for (run = 0; run_start + run < end && r->text[run_start + run] == '`'; run++)
        ;
      if (run == ticks)
        {
          atom->kind = ATOM_CODE;
          atom->text_start = pos + ticks;
          atom->text_end = run_start;
          atom->end = run_start + run;
          /* One space on each side is padding, as in CommonMark. */
          if (atom->text_end - atom->text_start >= 2 && r->text[atom->text_start] == ' ' &&
              r->text[atom->text_end - 1] == ' ')
            {
              atom->text_start++;
              atom->text_end--;
            }
          return TRUE;
        }
      i = run_start + run;
    }

  return FALSE;
}

/* "[label](url)", with brackets nesting in the label. */
static gboolean
md_find_link (Reader *r, gsize pos, gsize end, Atom *atom)
{
  guint depth = 0;
  gsize i, url_start;

  for (i = pos; i < end; i++)
    {
      char c = r->text[i];

      if (!spend (r, 1))
        return FALSE;

      if (c == '\\' && i + 1 < end)
        i++;
      else if (c == '[')
        depth++;
      else if (c == ']' && --depth == 0)
        break;
    }

  if (i + 1 >= end || r->text[i] != ']' || r->text[i + 1] != '(')
    return FALSE;

  atom->text_start = pos + 1;
  atom->text_end = i;
  url_start = i + 2;
  for (i = url_start; i < end && r->text[i] != ')'; i++)
    if (is_ascii_space (r->text[i]) || r->text[i] == '(' || r->text[i] == '<' || !spend (r, 1))
      return FALSE;

  /* Discord links only the web, and only a label that says something. */
  if (i >= end || atom->text_end == atom->text_start ||
      !is_link_target (r->text + url_start, i - url_start, r->flavor != FLAVOR_DISCORD))
    return FALSE;

  atom->kind = ATOM_LINK;
  atom->url_start = url_start;
  atom->url_end = i;
  atom->end = i + 1;
  return TRUE;
}

/* "<https://x>", and a bare URL, which every one of these clients links. */
static gboolean
md_find_autolink (Reader *r, gsize pos, gsize end, Atom *atom)
{
  gsize i;

  if (r->text[pos] == '<')
    {
      for (i = pos + 1; i < end && r->text[i] != '>'; i++)
        if (is_ascii_space (r->text[i]) || r->text[i] == '<' || !spend (r, 1))
          return FALSE;

      if (i >= end || !is_link_target (r->text + pos + 1, i - pos - 1, r->flavor != FLAVOR_DISCORD))
        return FALSE;

      atom->text_start = atom->url_start = pos + 1;
      atom->text_end = atom->url_end = i;
      atom->end = i + 1;
    }
  else
    {
      gsize opened = 0, closed = 0;

      if (!is_link_target (r->text + pos, end - pos, FALSE) ||
          is_word_char (r->flavor, char_before (r->text, pos)))
        return FALSE;

      for (i = pos; i < end && !is_ascii_space (r->text[i]) && r->text[i] != '<'; i++)
        {
          if (!spend (r, 1))
            return FALSE;
          if (r->text[i] == '(')
            opened++;
          else if (r->text[i] == ')')
            closed++;
        }

      /* Punctuation at the end belongs to the sentence, as does a ")" that
       * closes nothing in the URL. */
      while (i > pos)
        {
          char last = r->text[i - 1];

          if (strchr (".,:;!?\"'*_~", last) != NULL)
            i--;
          else if (last == ')' && closed > opened)
            {
              i--;
              closed--;
            }
          else
            break;
        }

      if (!is_link_target (r->text + pos, i - pos, FALSE))
        return FALSE;

      atom->text_start = atom->url_start = pos;
      atom->text_end = atom->url_end = i;
      atom->end = i;
    }

  atom->kind = ATOM_AUTOLINK;
  return TRUE;
}

static gboolean
md_find_atom (Reader *r, gsize pos, gsize end, Atom *atom)
{
  char c = r->text[pos];

  switch (c)
    {
      case '\\':
        if (pos + 1 < end && g_ascii_ispunct (r->text[pos + 1]))
          {
            atom->kind = ATOM_ESCAPE;
            atom->text_start = pos + 1;
            atom->text_end = atom->end = pos + 2;
            return TRUE;
          }
        return FALSE;

      case '`':
        return has_code (r->flavor) && md_find_code (r, pos, end, atom);

      case '[':
        return !r->in_link && md_find_link (r, pos, end, atom);

      case '<':
      case 'h':
      case 'H':
        return !r->in_link && md_find_autolink (r, pos, end, atom);

      default:
        return FALSE;
    }
}

/* "**x**", "__x__", "~~x~~", "||x||": the content is at least one character
 * and runs to the first pair not followed by a third marker, so "***x***"
 * closes at its last two. */
static gsize
md_find_double_closer (Reader *r, char marker, gsize from, gsize end)
{
  gboolean flanking = r->flavor != FLAVOR_DISCORD;
  gsize    i = from;
  Atom     atom;

  if (from >= end || (flanking && is_ascii_space (r->text[from])))
    return 0;

  while (i < end)
    {
      if (!spend (r, 1))
        return 0;

      if (i > from && r->text[i] == marker && i + 1 < end && r->text[i + 1] == marker &&
          (i + 2 >= end || r->text[i + 2] != marker) &&
          !(flanking && is_ascii_space (r->text[i - 1])))
        return i;

      if (md_find_atom (r, i, end, &atom))
        i = atom.end;
      else
        i++;
    }

  return 0;
}

/* "*x*": the content starts and ends with something other than a space,
 * holds no single "*" but may hold "**" pairs, so "*a **b***" is emphasis
 * around strong emphasis. */
static gsize
md_find_star_closer (Reader *r, gsize from, gsize end)
{
  gboolean any = FALSE;
  gsize    i = from;
  Atom     atom;

  if (from >= end || is_ascii_space (r->text[from]))
    return 0;

  while (i < end)
    {
      char c = r->text[i];

      if (!spend (r, 1))
        return 0;

      if (c == '*')
        {
          gboolean pair = i + 1 < end && r->text[i + 1] == '*';

          if (any && !pair)
            return i;
          if (!pair)
            return 0;
          i += 2;
        }
      else if (is_ascii_space (c))
        {
          while (i < end && is_ascii_space (r->text[i]))
            i++;
          if (i >= end || (r->text[i] == '*' && !(i + 1 < end && r->text[i + 1] == '*')))
            return 0;
          continue;
        }
      else if (md_find_atom (r, i, end, &atom))
        i = atom.end;
      else
        i++;

      any = TRUE;
    }

  return 0;
}

/* "_x_": ends at a "_" that a word does not go on after; "__" pairs inside
 * are part of the content. */
static gsize
md_find_underscore_closer (Reader *r, gsize from, gsize end)
{
  gboolean flanking = r->flavor != FLAVOR_DISCORD;
  gboolean any = FALSE;
  gsize    i = from;
  Atom     atom;

  if (from >= end || (flanking && is_ascii_space (r->text[from])))
    return 0;

  while (i < end)
    {
      if (!spend (r, 1))
        return 0;

      if (r->text[i] == '_')
        {
          gboolean pair = i + 1 < end && r->text[i + 1] == '_';

          if (any && !is_word_char (r->flavor, char_at (r->text, i + 1, end)) &&
              !(flanking && is_ascii_space (r->text[i - 1])))
            return i;
          if (!pair)
            return 0;
          i += 2;
        }
      else if (md_find_atom (r, i, end, &atom))
        i = atom.end;
      else
        i++;

      any = TRUE;
    }

  return 0;
}

/* Of the forms that match at @pos the longest wins, emphasis on a tie, as
 * in Discord's parser: "***x***" is emphasis around strong emphasis. */
static gboolean
md_find_span (Reader *r, gsize pos, gsize end, Span *span)
{
  char     c = r->text[pos];
  gboolean doubled = pos + 1 < end && r->text[pos + 1] == c;
  gsize    single_close = 0, double_close = 0;
  gsize    single_len, double_len;

  switch (c)
    {
      case '*':
        single_close = md_find_star_closer (r, pos + 1, end);
        break;

      case '_':
        /* CommonMark flavors do not open inside a word: "snake_case". */
        if (r->flavor != FLAVOR_DISCORD && is_word_char (r->flavor, char_before (r->text, pos)))
          return FALSE;
        single_close = md_find_underscore_closer (r, pos + 1, end);
        break;

      case '~':
        if (r->flavor == FLAVOR_TEAMS)
          return FALSE;
        break;

      case '|':
        if (r->flavor != FLAVOR_DISCORD)
          return FALSE;
        break;

      default:
        return FALSE;
    }

  if (doubled)
    double_close = md_find_double_closer (r, c, pos + 2, end);

  single_len = single_close != 0 ? single_close + 1 - pos : 0;
  double_len = double_close != 0 ? double_close + 2 - pos : 0;
  if (single_len == 0 && double_len == 0)
    return FALSE;

  if (single_len >= double_len)
    {
      span->open = "<i>";
      span->close = "</i>";
      span->content_start = pos + 1;
      span->content_end = single_close;
      span->end = single_close + 1;
      return TRUE;
    }

  span->content_start = pos + 2;
  span->content_end = double_close;
  span->end = double_close + 2;
  switch (c)
    {
      case '*':
        span->open = "<b>";
        span->close = "</b>";
        break;

      case '_':
        /* Discord underlines "__x__"; CommonMark makes it strong. */
        span->open = r->flavor == FLAVOR_DISCORD ? "<u>" : "<b>";
        span->close = r->flavor == FLAVOR_DISCORD ? "</u>" : "</b>";
        break;

      case '~':
        span->open = "<s>";
        span->close = "</s>";
        break;

      default:
        span->open = SPOILER_OPEN;
        span->close = "</span>";
        break;
    }

  return TRUE;
}

static gboolean
md_is_list_marker (Reader *r, gsize pos, gsize end, gsize *marker_end)
{
  gsize i = pos;

  while (i < end && r->text[i] == ' ')
    i++;

  if (i + 1 < end && strchr (r->flavor == FLAVOR_MATTERMOST ? "-*+" : "-*", r->text[i]) != NULL &&
      r->text[i + 1] == ' ')
    {
      *marker_end = i + 2;
      return TRUE;
    }

  return FALSE;
}

static gboolean
md_is_ordered_marker (Reader *r, gsize pos, gsize end)
{
  gsize i = pos;

  while (i < end && r->text[i] == ' ')
    i++;
  if (i >= end || !g_ascii_isdigit (r->text[i]))
    return FALSE;
  while (i < end && g_ascii_isdigit (r->text[i]))
    i++;

  return i + 1 < end && (r->text[i] == '.' || r->text[i] == ')') && r->text[i + 1] == ' ';
}

/* What a line starts with: a quote bar for "> ", a bullet for "- ". */
static gsize
md_line_start (Reader *r, gsize pos, gsize end)
{
  gsize marker_end;

  if (r->flavor != FLAVOR_TEAMS && pos < end && r->text[pos] == '>')
    {
      /* Discord wants a space after the marker; Mattermost does not. */
      if (r->flavor == FLAVOR_DISCORD && has_prefix_len (r->text + pos, end - pos, ">>> "))
        {
          r->quote_to_end = TRUE;
          g_string_append (r->out, QUOTE_BAR);
          return pos + 4;
        }
      if (has_prefix_len (r->text + pos, end - pos, "> "))
        {
          g_string_append (r->out, QUOTE_BAR);
          return pos + 2;
        }
      if (r->flavor == FLAVOR_MATTERMOST)
        {
          g_string_append (r->out, QUOTE_BAR);
          return pos + 1;
        }
    }

  if (md_is_list_marker (r, pos, end, &marker_end))
    {
      g_string_append_len (r->out, r->text + pos, marker_end - 2 - pos);
      g_string_append (r->out, BULLET);
      return marker_end;
    }

  return pos;
}

/* A line end in the text: Teams joins the lines of a paragraph and sets
 * paragraphs apart; the others break the line where the text does. */
static gsize
md_newline (Reader *r, gsize pos, gsize end)
{
  gsize next = pos + 1;

  if (r->flavor == FLAVOR_TEAMS)
    {
      gsize unused;

      while (next < end && r->text[next] == '\n')
        next++;

      /* The next line is looked at whole, wherever this run of text ends. */
      if (next - pos > 1)
        g_string_append (r->out, "\n\n");
      else if (md_is_list_marker (r, next, r->len, &unused) ||
               md_is_ordered_marker (r, next, r->len))
        g_string_append_c (r->out, '\n');
      else
        g_string_append_c (r->out, ' ');
      return next;
    }

  g_string_append_c (r->out, '\n');
  if (r->quote_to_end)
    g_string_append (r->out, QUOTE_BAR);
  return next;
}

/* Text between markers, where line ends and the starts of lines are read. */
static void
md_text (Reader *r, gsize start, gsize end)
{
  gsize run = start;
  gsize i = start;

  if (start < end && is_line_start (r, start))
    i = run = md_line_start (r, start, end);

  while (i < end)
    {
      if (r->text[i] != '\n')
        {
          i++;
          continue;
        }

      append_escaped (r->out, r->text + run, i - run);
      i = run = md_newline (r, i, end);
      if (i < end)
        i = run = md_line_start (r, i, end);
    }

  append_escaped (r->out, r->text + run, end - run);
}

static void render_md_inline (Reader *r, gsize start, gsize end);

static void
render_md_atom (Reader *r, const Atom *atom)
{
  switch (atom->kind)
    {
      case ATOM_ESCAPE:
        append_escaped (r->out, r->text + atom->text_start, 1);
        break;

      case ATOM_CODE:
        g_string_append (r->out, CODE_OPEN);
        append_escaped (r->out, r->text + atom->text_start, atom->text_end - atom->text_start);
        g_string_append (r->out, "</span>");
        break;

      case ATOM_LINK:
        append_link_open (r->out, r->text + atom->url_start, atom->url_end - atom->url_start);
        if (r->depth < MAX_DEPTH)
          {
            r->in_link = TRUE;
            r->depth++;
            render_md_inline (r, atom->text_start, atom->text_end);
            r->depth--;
            r->in_link = FALSE;
          }
        else
          append_escaped (r->out, r->text + atom->text_start, atom->text_end - atom->text_start);
        g_string_append (r->out, "</a>");
        break;

      case ATOM_AUTOLINK:
        append_link_open (r->out, r->text + atom->url_start, atom->url_end - atom->url_start);
        append_escaped (r->out, r->text + atom->text_start, atom->text_end - atom->text_start);
        g_string_append (r->out, "</a>");
        break;

      default:
        g_assert_not_reached ();
    }
}

static void
render_md_inline (Reader *r, gsize start, gsize end)
{
  gsize run = start;
  gsize i = start;

  while (i < end)
    {
      char c = r->text[i];
      Atom atom;
      Span span;

      if (strchr ("\\`[<hH", c) != NULL && md_find_atom (r, i, end, &atom))
        {
          md_text (r, run, i);
          render_md_atom (r, &atom);
          i = run = atom.end;
          continue;
        }

      if (strchr ("*_~|", c) != NULL && r->depth < MAX_DEPTH && md_find_span (r, i, end, &span))
        {
          md_text (r, run, i);
          g_string_append (r->out, span.open);
          r->depth++;
          render_md_inline (r, span.content_start, span.content_end);
          r->depth--;
          g_string_append (r->out, span.close);
          i = run = span.end;
          continue;
        }

      i++;
    }

  md_text (r, run, end);
}

/* "# Heading": Discord knows three levels, Mattermost six, Teams none. */
static guint
md_heading_level (Reader *r, gsize pos, gsize end, gsize *content)
{
  guint max = r->flavor == FLAVOR_DISCORD ? 3 : r->flavor == FLAVOR_MATTERMOST ? 6 : 0;
  guint level = 0;

  if (!is_line_start (r, pos))
    return 0;

  while (pos + level < end && r->text[pos + level] == '#')
    level++;

  if (level == 0 || level > max || pos + level + 1 >= end || r->text[pos + level] != ' ')
    return 0;

  *content = pos + level + 1;
  return level;
}

static void
render_md_lines (Reader *r, gsize start, gsize end)
{
  static const char *const heading_open[] = {
    "<span weight=\"bold\" size=\"x-large\">",
    "<span weight=\"bold\" size=\"large\">",
    "<span weight=\"bold\">",
  };
  gsize pos = start;

  while (pos < end)
    {
      const char *newline = memchr (r->text + pos, '\n', end - pos);
      gsize       line_end = newline != NULL ? (gsize)(newline - r->text) : end;
      gsize       content;
      guint       level = md_heading_level (r, pos, line_end, &content);

      if (level > 0)
        {
          g_string_append (r->out, heading_open[MIN (level, 3) - 1]);
          render_md_inline (r, content, line_end);
          g_string_append (r->out, "</span>");
        }
      else
        {
          /* Emphasis may go on over line ends, up to the next heading. */
          while (line_end < end)
            {
              const char *next = memchr (r->text + line_end + 1, '\n', end - line_end - 1);
              gsize       next_end = next != NULL ? (gsize)(next - r->text) : end;

              if (md_heading_level (r, line_end + 1, next_end, &content) > 0)
                break;
              line_end = next_end;
            }
          render_md_inline (r, pos, line_end);
        }

      pos = line_end < end ? md_newline (r, line_end, end) : end;
    }
}

static void
render_markdown (GString *out, Flavor flavor, const char *text, gsize len)
{
  Reader r;

  reader_init (&r, flavor, text, len, out);
  if (has_code (flavor))
    render_fenced (&r, render_md_lines);
  else
    render_md_lines (&r, 0, len);
}

/* Teams: the Adaptive Card */

/* A card is data from elsewhere: a member of an unexpected type is absent. */
static const char *
card_string (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return "";

  return json_node_get_string (node);
}

static gboolean
card_boolean (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

static void
render_card_elements (GString *out, JsonArray *elements, guint depth)
{
  guint n = elements != NULL && depth < MAX_DEPTH ? json_array_get_length (elements) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonNode   *node = json_array_get_element (elements, i);
      JsonObject *element;
      const char *type, *text, *size, *weight;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      element = json_node_get_object (node);
      type = card_string (element, "type");
      if (g_str_equal (type, "Container"))
        {
          JsonNode *items = json_object_get_member (element, "items");

          if (items != NULL && JSON_NODE_HOLDS_ARRAY (items))
            render_card_elements (out, json_node_get_array (items), depth + 1);
          continue;
        }
      if (!g_str_equal (type, "TextBlock"))
        continue;

      text = card_string (element, "text");
      size = card_string (element, "size");
      weight = card_string (element, "weight");

      /* Blocks follow one another with a little space, about a line's worth. */
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, "<span");
      if (g_ascii_strcasecmp (size, "Small") == 0)
        g_string_append (out, " size=\"small\"");
      else if (g_ascii_strcasecmp (size, "Medium") == 0)
        g_string_append (out, " size=\"large\"");
      else if (g_ascii_strcasecmp (size, "Large") == 0)
        g_string_append (out, " size=\"x-large\"");
      else if (g_ascii_strcasecmp (size, "ExtraLarge") == 0)
        g_string_append (out, " size=\"xx-large\"");
      if (g_ascii_strcasecmp (weight, "Bolder") == 0)
        g_string_append (out, " weight=\"bold\"");
      else if (g_ascii_strcasecmp (weight, "Lighter") == 0)
        g_string_append (out, " weight=\"light\"");
      if (card_boolean (element, "isSubtle"))
        g_string_append (out, " fgalpha=\"70%\"");
      g_string_append_c (out, '>');
      render_markdown (out, FLAVOR_TEAMS, text, strlen (text));
      g_string_append (out, "</span>");
    }
}

static void
render_teams (GString *out, const char *json, gsize len)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  JsonNode   *root;
  JsonObject *card;
  JsonNode   *body;

  if (!json_parser_load_from_data (parser, json, len, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      /* Not a card: Teams would refuse it; show what there is. */
      append_escaped (out, json, len);
      return;
    }

  card = json_node_get_object (root);
  body = json_object_get_member (card, "body");
  if (body != NULL && JSON_NODE_HOLDS_ARRAY (body))
    render_card_elements (out, json_node_get_array (body), 0);
}

/* Matrix: the formatted body */

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

static void
html_tag_clear (HtmlTag *tag)
{
  g_clear_pointer (&tag->href, g_free);
  g_clear_pointer (&tag->color, g_free);
  g_clear_pointer (&tag->bg_color, g_free);
  g_clear_pointer (&tag->alt, g_free);
  g_clear_pointer (&tag->start, g_free);
}

/* "&amp;", "&#39;", "&#x1F600;": the length read and the character in
 * @buf, or 0 when it is no entity and the "&" is a character. */
static gsize
decode_entity (const char *text, gsize pos, gsize end, char buf[8], gsize *buf_len)
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

      if (text[i] != '&' || (used = decode_entity (text, i, len, buf, &buf_len)) == 0)
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

static gboolean
is_tag_name_char (char c)
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
static gboolean
parse_html_tag (HtmlWriter *w, gsize pos, HtmlTag *tag, gboolean *unterminated)
{
  const char *text = w->text;
  gsize       end = w->len;
  gsize       i = pos + 1;
  gsize       name_start;

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
  while (i < end && is_tag_name_char (text[i]))
    i++;
  tag->tag = lookup_tag (text + name_start, i - name_start);

  for (;;)
    {
      gsize name, name_end, value = 0, value_end = 0;

      while (i < end && (is_ascii_space (text[i]) || text[i] == '/'))
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
      while (i < end && !is_ascii_space (text[i]) && text[i] != '/' && text[i] != '>' &&
             text[i] != '=')
        i++;
      name_end = i;
      while (i < end && is_ascii_space (text[i]))
        i++;

      if (i < end && text[i] == '=')
        {
          i++;
          while (i < end && is_ascii_space (text[i]))
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
              while (i < end && !is_ascii_space (text[i]) && text[i] != '>')
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

      if (is_ascii_space (c))
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
          gsize used = decode_entity (w->text, i, end, buf, &buf_len);

          html_begin_content (w);
          if (used > 0)
            append_escaped (w->out, buf, buf_len);
          else
            g_string_append (w->out, "&amp;");
          i += MAX (used, 1);
        }
      else
        {
          gsize run = i;

          while (i < end && !is_ascii_space (w->text[i]) && w->text[i] != '&')
            i++;
          html_begin_content (w);
          append_escaped (w->out, w->text + run, i - run);
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
            append_escaped (w->out, tag->alt, strlen (tag->alt));
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

            append_link_open (open, tag->href, strlen (tag->href));
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

/* Skips what an element Matrix clients drop holds, up to its end tag. */
static gsize
html_skip_element (HtmlWriter *w, const char *name, gsize name_len, gsize pos)
{
  guint depth = 1;

  while (pos < w->len)
    {
      const char *lt = memchr (w->text + pos, '<', w->len - pos);
      gsize       i;
      gboolean    closing;

      if (lt == NULL)
        return w->len;

      i = lt - w->text + 1;
      closing = i < w->len && w->text[i] == '/';
      i += closing;
      pos = i;
      if (w->len - i < name_len || g_ascii_strncasecmp (w->text + i, name, name_len) != 0 ||
          (i + name_len < w->len && is_tag_name_char (w->text[i + name_len])))
        continue;

      depth += closing ? -1 : 1;
      if (depth == 0)
        {
          const char *gt = memchr (w->text + i, '>', w->len - i);

          return gt != NULL ? (gsize)(gt - w->text) + 1 : w->len;
        }
    }

  return w->len;
}

static void
render_matrix (GString *out, const char *html, gsize len)
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

      if (has_prefix_len (html + tag_pos, len - tag_pos, "<!--"))
        {
          const char *comment_end = g_strstr_len (html + tag_pos + 4, len - tag_pos - 4, "-->");

          pos = comment_end != NULL ? (gsize)(comment_end - html) + 3 : len;
          continue;
        }

      if (!parse_html_tag (&w, tag_pos, &tag, &unterminated))
        {
          html_tag_clear (&tag);
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

          while (is_tag_name_char (html[tag_pos + 1 + name_len]))
            name_len++;
          pos = html_skip_element (&w, html + tag_pos + 1, name_len, tag.end);
        }
      else
        {
          if (tag.closing)
            html_end_tag (&w, tag.tag);
          else
            html_start_tag (&w, &tag);
          pos = tag.end;
        }
      html_tag_clear (&tag);
    }

  html_pop_to (&w, 0);
  g_array_unref (w.stack);
  g_array_unref (w.levels);
}

const char *
candor_chat_markup_get_source (CandorRendition *rendition)
{
  const char *source;

  g_return_val_if_fail (CANDOR_IS_RENDITION (rendition), "");

  switch (candor_rendition_get_format (rendition))
    {
      case CANDOR_FORMAT_MATRIX:
        source = candor_rendition_get_html (rendition);
        break;

      case CANDOR_FORMAT_TEAMS:
        source = candor_rendition_get_json (rendition);
        break;

      default:
        source = candor_rendition_get_text (rendition);
        break;
    }

  return source != NULL ? source : "";
}

char *
candor_chat_markup_from_source (CandorFormat format, const char *source)
{
  g_autofree char *valid = NULL;
  GString         *out;
  gsize            len;

  g_return_val_if_fail (format < CANDOR_N_FORMATS, NULL);

  if (source == NULL)
    source = "";
  if (!g_utf8_validate (source, -1, NULL))
    source = valid = g_utf8_make_valid (source, -1);

  /* The message's last line end would be an empty line under it. */
  len = strlen (source);
  while (len > 0 && source[len - 1] == '\n')
    len--;

  out = g_string_sized_new (len + len / 4 + 64);
  switch (format)
    {
      case CANDOR_FORMAT_SLACK:
        render_slack (out, source, len);
        break;

      case CANDOR_FORMAT_DISCORD:
        render_markdown (out, FLAVOR_DISCORD, source, len);
        break;

      case CANDOR_FORMAT_MATTERMOST:
        render_markdown (out, FLAVOR_MATTERMOST, source, len);
        break;

      case CANDOR_FORMAT_MATRIX:
        render_matrix (out, source, len);
        break;

      case CANDOR_FORMAT_TEAMS:
        render_teams (out, source, len);
        break;

      default:
        append_escaped (out, source, len);
        break;
    }

  return g_string_free (out, FALSE);
}
