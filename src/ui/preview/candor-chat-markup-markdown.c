/* candor-chat-markup-markdown.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-chat-markup"

#include "config.h"

#include <string.h>

#include "candor-chat-markup-private.h"

/* Markdown: Discord, Mattermost and the TextBlocks of a Teams card */

/* Emphasis or another pair of markers, and what it encloses. */
typedef struct
{
  const char *open;
  const char *close;
  gsize       content_start;
  gsize       content_end;
  gsize       end;
} Span;

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

      if (next == NULL || !_candor_chat_markup_spend (r, next - r->text - i + 1))
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

      if (!_candor_chat_markup_spend (r, 1))
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
    if (_candor_chat_markup_is_space (r->text[i]) || r->text[i] == '(' || r->text[i] == '<' ||
        !_candor_chat_markup_spend (r, 1))
      return FALSE;

  /* Discord links only the web, and only a label that says something. */
  if (i >= end || atom->text_end == atom->text_start ||
      !_candor_chat_markup_is_link_target (r->text + url_start, i - url_start,
                                           r->flavor != FLAVOR_DISCORD))
    return FALSE;

  atom->kind = ATOM_LINK;
  atom->url_start = url_start;
  atom->url_end = i;
  atom->end = i + 1;
  return TRUE;
}

/* "<https://x>", and a bare URL, which every one of these clients links. */
gboolean
_candor_chat_markup_find_autolink (Reader *r, gsize pos, gsize end, Atom *atom)
{
  gsize i;

  if (r->text[pos] == '<')
    {
      for (i = pos + 1; i < end && r->text[i] != '>'; i++)
        if (_candor_chat_markup_is_space (r->text[i]) || r->text[i] == '<' ||
            !_candor_chat_markup_spend (r, 1))
          return FALSE;

      if (i >= end || !_candor_chat_markup_is_link_target (r->text + pos + 1, i - pos - 1,
                                                           r->flavor != FLAVOR_DISCORD))
        return FALSE;

      atom->text_start = atom->url_start = pos + 1;
      atom->text_end = atom->url_end = i;
      atom->end = i + 1;
    }
  else
    {
      gsize opened = 0, closed = 0;

      if (!_candor_chat_markup_is_link_target (r->text + pos, end - pos, FALSE) ||
          is_word_char (r->flavor, _candor_chat_markup_char_before (r->text, pos)))
        return FALSE;

      for (i = pos; i < end && !_candor_chat_markup_is_space (r->text[i]) && r->text[i] != '<'; i++)
        {
          if (!_candor_chat_markup_spend (r, 1))
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

      if (!_candor_chat_markup_is_link_target (r->text + pos, i - pos, FALSE))
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
        return !r->in_link && _candor_chat_markup_find_autolink (r, pos, end, atom);

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

  if (from >= end || (flanking && _candor_chat_markup_is_space (r->text[from])))
    return 0;

  while (i < end)
    {
      if (!_candor_chat_markup_spend (r, 1))
        return 0;

      if (i > from && r->text[i] == marker && i + 1 < end && r->text[i + 1] == marker &&
          (i + 2 >= end || r->text[i + 2] != marker) &&
          !(flanking && _candor_chat_markup_is_space (r->text[i - 1])))
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

  if (from >= end || _candor_chat_markup_is_space (r->text[from]))
    return 0;

  while (i < end)
    {
      char c = r->text[i];

      if (!_candor_chat_markup_spend (r, 1))
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
      else if (_candor_chat_markup_is_space (c))
        {
          while (i < end && _candor_chat_markup_is_space (r->text[i]))
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

  if (from >= end || (flanking && _candor_chat_markup_is_space (r->text[from])))
    return 0;

  while (i < end)
    {
      if (!_candor_chat_markup_spend (r, 1))
        return 0;

      if (r->text[i] == '_')
        {
          gboolean pair = i + 1 < end && r->text[i + 1] == '_';

          if (any && !is_word_char (r->flavor, _candor_chat_markup_char_at (r->text, i + 1, end)) &&
              !(flanking && _candor_chat_markup_is_space (r->text[i - 1])))
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
        if (r->flavor != FLAVOR_DISCORD &&
            is_word_char (r->flavor, _candor_chat_markup_char_before (r->text, pos)))
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
      if (r->flavor == FLAVOR_DISCORD &&
          _candor_chat_markup_has_prefix (r->text + pos, end - pos, ">>> "))
        {
          r->quote_to_end = TRUE;
          g_string_append (r->out, QUOTE_BAR);
          return pos + 4;
        }
      if (_candor_chat_markup_has_prefix (r->text + pos, end - pos, "> "))
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

  if (start < end && _candor_chat_markup_is_line_start (r, start))
    i = run = md_line_start (r, start, end);

  while (i < end)
    {
      if (r->text[i] != '\n')
        {
          i++;
          continue;
        }

      _candor_chat_markup_append_escaped (r->out, r->text + run, i - run);
      i = run = md_newline (r, i, end);
      if (i < end)
        i = run = md_line_start (r, i, end);
    }

  _candor_chat_markup_append_escaped (r->out, r->text + run, end - run);
}

static void render_md_inline (Reader *r, gsize start, gsize end);

static void
render_md_atom (Reader *r, const Atom *atom)
{
  switch (atom->kind)
    {
      case ATOM_ESCAPE:
        _candor_chat_markup_append_escaped (r->out, r->text + atom->text_start, 1);
        break;

      case ATOM_CODE:
        g_string_append (r->out, CODE_OPEN);
        _candor_chat_markup_append_escaped (r->out, r->text + atom->text_start,
                                            atom->text_end - atom->text_start);
        g_string_append (r->out, "</span>");
        break;

      case ATOM_LINK:
        _candor_chat_markup_append_link_open (r->out, r->text + atom->url_start,
                                              atom->url_end - atom->url_start);
        if (r->depth < MAX_DEPTH)
          {
            r->in_link = TRUE;
            r->depth++;
            render_md_inline (r, atom->text_start, atom->text_end);
            r->depth--;
            r->in_link = FALSE;
          }
        else
          _candor_chat_markup_append_escaped (r->out, r->text + atom->text_start,
                                              atom->text_end - atom->text_start);
        g_string_append (r->out, "</a>");
        break;

      case ATOM_AUTOLINK:
        _candor_chat_markup_append_link_open (r->out, r->text + atom->url_start,
                                              atom->url_end - atom->url_start);
        _candor_chat_markup_append_escaped (r->out, r->text + atom->text_start,
                                            atom->text_end - atom->text_start);
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

  if (!_candor_chat_markup_is_line_start (r, pos))
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

void
_candor_chat_markup_render_markdown (GString *out, Flavor flavor, const char *text, gsize len)
{
  Reader r;

  _candor_chat_markup_reader_init (&r, flavor, text, len, out);
  if (has_code (flavor))
    _candor_chat_markup_render_fenced (&r, render_md_lines, _candor_chat_markup_append_escaped);
  else
    render_md_lines (&r, 0, len);
}
