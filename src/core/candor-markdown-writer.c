/* candor-markdown-writer.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-markdown"

#include "config.h"

#include <string.h>

#include "candor-markdown-private.h"
#include "candor-mustache.h"

/* One walk over the parsed field writes it in a dialect: text escaped as the
 * dialect needs, emphasis, links, line breaks and lists. The plain and chat
 * dialects take their blocks from here too; the HTML ones from
 * candor-markdown-html.c. Telegram's HTML is written here too: it has no
 * paragraphs or lists, only inline tags in text whose line breaks show. */

/* Deeper lists still render, only without further indentation: otherwise each
 * line of a hostile 10 000-level list would carry 20 000 spaces. */
#define MAX_INDENT_LEVELS 8

static gboolean
is_web_url (const char *url)
{
  return url != NULL && (g_ascii_strncasecmp (url, "http://", 7) == 0 ||
                         g_ascii_strncasecmp (url, "https://", 8) == 0 ||
                         g_ascii_strncasecmp (url, "mailto:", 7) == 0);
}

/* Whether a link's label reads as its URL, as in "<https://x>" (nothing to
 * add) and unlike "[status page](https://x)" (the URL must be shown too). With
 * @exactly, "<a@b>" does not match "mailto:a@b".
 *
 * The walk stops as soon as the label cannot match any more: a label as long
 * as the URL has at most a few nodes per character, and images nested in
 * images thousands deep must not cost a walk of the whole chain each. */
static gboolean
label_is_url (cmark_node *link, const char *url, gboolean exactly)
{
  g_autoptr (GString) label = g_string_new (NULL);
  gsize            url_len = strlen (url);
  gsize            budget = 4 * url_len + 8;
  cmark_iter      *iter = cmark_iter_new (link);
  cmark_event_type event;
  gboolean         too_long = FALSE;

  while (!too_long && (event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);

      switch (cmark_node_get_type (node))
        {
          case CMARK_NODE_TEXT:
          case CMARK_NODE_CODE:
          case CMARK_NODE_HTML_INLINE:
            g_string_append (label, cmark_node_get_literal (node));
            break;

          case CMARK_NODE_SOFTBREAK:
          case CMARK_NODE_LINEBREAK:
            g_string_append_c (label, ' ');
            break;

          default:
            break;
        }

      too_long = label->len > url_len || --budget == 0;
    }
  cmark_iter_free (iter);

  if (too_long)
    return FALSE;

  if (strcmp (label->str, url) == 0)
    return TRUE;

  return !exactly && g_ascii_strncasecmp (url, "mailto:", 7) == 0 &&
         strcmp (label->str, url + 7) == 0;
}

/* What a reader of plain text needs to act on the link: a mail address
 * without the "mailto:" only a browser cares about. */
static const char *
url_for_display (const char *url)
{
  if (g_ascii_strncasecmp (url, "mailto:", 7) == 0)
    return url + 7;

  return url;
}

/* A URL as a link target: spaces, quotes and the characters each dialect uses
 * to end a link are percent-encoded, which leaves the address the same. */
void
_candor_markdown_append_target_url (GString *out, const char *url, const char *also_encode)
{
  for (const char *p = url; *p != '\0'; p++)
    {
      guchar c = *p;

      if (c <= ' ' || c == 0x7f || strchr ("\"<>\\^`{|}", c) != NULL ||
          (also_encode != NULL && strchr (also_encode, c) != NULL))
        g_string_append_printf (out, "%%%02X", c);
      else
        g_string_append_c (out, c);
    }
}

static gboolean
is_html_markup (CandorMarkup markup)
{
  return markup == CANDOR_MARKUP_HTML_EMAIL || markup == CANDOR_MARKUP_MATRIX_HTML;
}

static gboolean
is_markdown_dialect (CandorMarkup markup)
{
  return markup == CANDOR_MARKUP_DISCORD || markup == CANDOR_MARKUP_TEAMS;
}

/* Blocks are set apart by a blank line, except inside a tight list, where
 * they follow on the next line as the author wrote them. */
static Separator
separator_before (cmark_node *node)
{
  cmark_node *parent = cmark_node_parent (node);

  if (cmark_node_get_type (node) == CMARK_NODE_ITEM)
    {
      if (cmark_node_previous (node) != NULL)
        return cmark_node_get_list_tight (parent) ? SEPARATOR_LINE : SEPARATOR_BLANK;

      /* A list's first item is set apart like the list itself. */
      node = parent;
      parent = cmark_node_parent (node);
    }

  while (parent != NULL && cmark_node_get_type (parent) == CMARK_NODE_BLOCK_QUOTE)
    parent = cmark_node_parent (parent);

  if (parent != NULL && cmark_node_get_type (parent) == CMARK_NODE_ITEM)
    return cmark_node_get_list_tight (cmark_node_parent (parent)) ? SEPARATOR_LINE
                                                                  : SEPARATOR_BLANK;

  return SEPARATOR_BLANK;
}

/* Separators and indentation are written only once the block has content,
 * so an empty heading or a thematic break leaves no stray blank lines. */
static void
flush_block_start (Writer *w)
{
  if (!w->block_needs_indent)
    return;

  if (w->pending_separator >= SEPARATOR_LINE)
    g_string_append_c (w->out, '\n');
  if (w->pending_separator == SEPARATOR_BLANK)
    g_string_append_c (w->out, '\n');
  g_string_append_len (w->out, w->indent->str, w->indent->len);

  w->pending_separator = SEPARATOR_NONE;
  w->block_needs_indent = FALSE;
}

static void
emit (Writer *w, const char *markup)
{
  if (w->skip_depth > 0)
    return;

  flush_block_start (w);
  g_string_append (w->out, markup);
}

static void
start_block (Writer *w, cmark_node *node)
{
  if (w->at_item_start)
    {
      w->at_item_start = FALSE;
      return;
    }

  if (w->out->len > 0)
    w->pending_separator = MAX (w->pending_separator, separator_before (node));
  w->block_needs_indent = TRUE;
  w->at_line_start = TRUE;
}

/* Whether a byte is markup anywhere in a Markdown dialect's text. */
static gboolean
is_markdown_special (CandorMarkup markup, guchar c)
{
  switch (c)
    {
      case '\\':
      case '*':
      case '_':
      case '~':
      case '`':
      case '[':
      case ']':
      case '&':
        return TRUE;

      case '|': /* Discord spoilers */
      case '<': /* Discord mentions, channels, custom emoji */
      case '>':
        return markup == CANDOR_MARKUP_DISCORD;

      default:
        return FALSE;
    }
}

/* User text in a Markdown dialect: every character the dialect would read as
 * markup is backslash-escaped (CommonMark, Discord and Teams all take an
 * escaped ASCII punctuation character as itself). Block markers only count at
 * the start of a line, so they are escaped only there. */
static void
append_markdown_text (Writer *w, const char *text, gsize len)
{
  gsize i = 0;

  while (i < len)
    {
      gsize run = i;
      char  c;

      if (w->at_line_start)
        {
          while (i < len && (text[i] == ' ' || text[i] == '\t'))
            i++; /* leading spaces would start a code block */
          if (i == len)
            break;

          c = text[i];
          w->at_line_start = FALSE;
          if (strchr ("#>-+=", c) != NULL)
            {
              g_string_append_c (w->out, '\\');
              g_string_append_c (w->out, c);
              i++;
              continue;
            }
          if (g_ascii_isdigit (c))
            {
              gsize digits_end = i;

              while (digits_end < len && g_ascii_isdigit (text[digits_end]))
                digits_end++;
              g_string_append_len (w->out, text + i, digits_end - i);
              i = digits_end;
              if (i < len && (text[i] == '.' || text[i] == ')'))
                {
                  g_string_append_c (w->out, '\\');
                  g_string_append_c (w->out, text[i]);
                  i++;
                }
              continue;
            }
          run = i;
        }

      while (i < len && !is_markdown_special (w->markup, text[i]))
        i++;
      g_string_append_len (w->out, text + run, i - run);
      if (i == len)
        break;

      g_string_append_c (w->out, '\\');
      g_string_append_c (w->out, text[i]);
      i++;
    }
}

/* Whether a byte belongs to a word: an ASCII letter or digit, or part of a
 * non-ASCII character (a Cyrillic letter, say). */
static gboolean
is_word_byte (guchar c)
{
  return g_ascii_isalnum (c) || c >= 0x80;
}

/* User text in Slack's mrkdwn. Slack has no escape character: "*", "_", "~"
 * and "`" where they could open or close its bold, italic, strike or code
 * (next to a space, punctuation or the edge of the text) become look-alikes
 * Slack does not read (∗ ˍ ∼ ˋ); inside a word ("snake_case", "a*b") Slack
 * reads none of them, so they stay as typed. "&", "<" and ">" are escaped as
 * for {{name}}, which keeps "<!channel>" inert. */
static void
append_slack_text (Writer *w, const char *text, gsize len)
{
  gsize run = 0;

  for (gsize i = 0; i < len; i++)
    {
      const char *look_alike;
      gboolean    inside_word;

      switch (text[i])
        {
          case '*':
            look_alike = "\xe2\x88\x97"; /* ∗ */
            break;
          case '_':
            look_alike = "\xcb\x8d"; /* ˍ */
            break;
          case '~':
            look_alike = "\xe2\x88\xbc"; /* ∼ */
            break;
          case '`':
            look_alike = "\xcb\x8b"; /* ˋ */
            break;
          default:
            continue;
        }

      inside_word =
        i > 0 && i + 1 < len && is_word_byte (text[i - 1]) && is_word_byte (text[i + 1]);
      if (inside_word)
        continue;

      candor_mustache_append_escaped (w->out, text + run, i - run, CANDOR_MUSTACHE_ESCAPE_SLACK);
      g_string_append (w->out, look_alike);
      run = i + 1;
    }

  candor_mustache_append_escaped (w->out, text + run, len - run, CANDOR_MUSTACHE_ESCAPE_SLACK);
}

static void
append_text (Writer *w, const char *text, gsize len)
{
  if (len == 0 || w->skip_depth > 0)
    return;

  flush_block_start (w);

  switch (w->markup)
    {
      case CANDOR_MARKUP_PLAIN:
      case CANDOR_MARKUP_STATUS_PAGE:
        g_string_append_len (w->out, text, len);
        break;

      /* Escaped as {{name}} is for the same channel, so that text and
       * variables come out alike. Telegram decodes &quot; and numeric
       * entities as well as the &lt; &gt; &amp; it requires. */
      case CANDOR_MARKUP_HTML_EMAIL:
      case CANDOR_MARKUP_MATRIX_HTML:
      case CANDOR_MARKUP_TELEGRAM_HTML:
        candor_mustache_append_escaped (w->out, text, len, CANDOR_MUSTACHE_ESCAPE_HTML);
        break;

      case CANDOR_MARKUP_SLACK:
        append_slack_text (w, text, len);
        break;

      case CANDOR_MARKUP_DISCORD:
      case CANDOR_MARKUP_TEAMS:
        append_markdown_text (w, text, len);
        return;

      default:
        g_assert_not_reached ();
    }

  w->at_line_start = FALSE;
}

static void
append_text0 (Writer *w, const char *text)
{
  append_text (w, text, strlen (text));
}

/* A line break the author typed. Teams joins lines unless they are set apart
 * by a blank line, which inside a list item continues the item. */
static void
append_line_break (Writer *w)
{
  if (w->open_links->len > 0)
    {
      emit (w, " ");
      return;
    }

  if (is_html_markup (w->markup))
    {
      emit (w, "<br>\n");
      return;
    }

  flush_block_start (w);
  g_string_append (w->out, w->markup == CANDOR_MARKUP_TEAMS ? "\n\n" : "\n");
  g_string_append_len (w->out, w->indent->str, w->indent->len);
  w->at_line_start = TRUE;
}

/* Code and raw HTML blocks keep their text and their line breaks, nothing else. */
void
_candor_markdown_append_literal_block (Writer *w, const char *literal)
{
  gsize len = strlen (literal);

  while (len > 0 && literal[len - 1] == '\n')
    len--;

  for (gsize start = 0; start <= len;)
    {
      const char *newline = memchr (literal + start, '\n', len - start);
      gsize       line_end = newline != NULL ? (gsize)(newline - literal) : len;

      append_text (w, literal + start, line_end - start);
      if (newline == NULL)
        break;
      append_line_break (w);
      start = line_end + 1;
    }
}

static const char *
strong_marker (Writer *w)
{
  switch (w->markup)
    {
      case CANDOR_MARKUP_SLACK:
        /* Slack shows formatting inside a link label as literal characters. */
        return w->open_links->len == 0 ? "*" : NULL;

      case CANDOR_MARKUP_DISCORD:
      case CANDOR_MARKUP_TEAMS:
        return "**";

      default:
        return NULL;
    }
}

static const char *
emph_marker (Writer *w)
{
  switch (w->markup)
    {
      case CANDOR_MARKUP_SLACK:
        return w->open_links->len == 0 ? "_" : NULL;

      case CANDOR_MARKUP_DISCORD:
        return "*";

      case CANDOR_MARKUP_TEAMS:
        return "_";

      default:
        return NULL;
    }
}

/* A code span's fence in CommonMark (Discord, Mattermost): one backtick more
 * than the longest run inside, with a space inside each end where the code
 * itself starts or ends with a backtick or a space pair would be stripped.
 * Returns 0 when the fence would be three or more, which at a line's start
 * opens a code block instead. */
static guint
code_fence_length (const char *literal, gboolean *pad)
{
  gsize len = strlen (literal);
  guint longest = 0;
  guint run = 0;

  for (const char *p = literal; *p != '\0'; p++)
    {
      run = *p == '`' ? run + 1 : 0;
      longest = MAX (longest, run);
    }

  *pad = len > 0 && (literal[0] == '`' || literal[len - 1] == '`' ||
                     (literal[0] == ' ' && literal[len - 1] == ' '));

  return longest + 1 < 3 ? longest + 1 : 0;
}

/* Inline code keeps its look where the dialect has one: <code> in HTML,
 * backticks in Slack, Discord and Mattermost. Teams' text blocks, plain text
 * and the social networks have none, and formatting inside a chat link's
 * label shows as literal characters, so there it is the text itself. */
static void
write_code_span (Writer *w, const char *literal)
{
  guint    fence = 0;
  gboolean pad = FALSE;

  if (w->skip_depth > 0)
    return;

  if (is_html_markup (w->markup) || w->markup == CANDOR_MARKUP_TELEGRAM_HTML)
    {
      flush_block_start (w);
      _candor_markdown_html_append_code (w, literal);
      w->at_line_start = FALSE;
      return;
    }

  if (w->open_links->len == 0 && w->markup == CANDOR_MARKUP_SLACK && *literal != '\0')
    {
      /* Slack's code has no escape for its own backtick: the look-alike
       * stands in, as in the rest of the text. */
      flush_block_start (w);
      g_string_append_c (w->out, '`');
      for (const char *p = literal, *run = literal;; p++)
        {
          if (*p == '`' || *p == '\0')
            {
              candor_mustache_append_escaped (w->out, run, p - run, CANDOR_MUSTACHE_ESCAPE_SLACK);
              if (*p == '\0')
                break;
              g_string_append (w->out, "\xcb\x8b"); /* ˋ */
              run = p + 1;
            }
        }
      g_string_append_c (w->out, '`');
      w->at_line_start = FALSE;
      return;
    }

  /* Discord code with a "<" stays text, escaped: what reads as a mention,
   * a channel or an emoji outside code is never written raw. */
  if (w->open_links->len == 0 && w->markup == CANDOR_MARKUP_DISCORD &&
      strchr (literal, '<') == NULL && (fence = code_fence_length (literal, &pad)) > 0)
    {
      flush_block_start (w);
      for (guint i = 0; i < fence; i++)
        g_string_append_c (w->out, '`');
      g_string_append (w->out, pad ? " " : "");
      g_string_append (w->out, literal);
      g_string_append (w->out, pad ? " " : "");
      for (guint i = 0; i < fence; i++)
        g_string_append_c (w->out, '`');
      w->at_line_start = FALSE;
      return;
    }

  append_text0 (w, literal);
}

/* Only the outermost emphasis is marked: "***x***" nests strong in strong,
 * which no chat dialect can express. */
static void
write_emphasis (Writer *w, cmark_node *node, cmark_event_type event)
{
  gboolean    strong = cmark_node_get_type (node) == CMARK_NODE_STRONG;
  guint      *depth = strong ? &w->strong_depth : &w->emph_depth;
  const char *marker;

  if (event == CMARK_EVENT_EXIT)
    (*depth)--;

  if (*depth == 0)
    {
      if (w->markup == CANDOR_MARKUP_TELEGRAM_HTML)
        marker = event == CMARK_EVENT_ENTER ? (strong ? "<b>" : "<i>") : (strong ? "</b>" : "</i>");
      else if (is_html_markup (w->markup))
        marker = event == CMARK_EVENT_ENTER ? (strong ? "<strong>" : "<em>")
                                            : (strong ? "</strong>" : "</em>");
      else
        marker = strong ? strong_marker (w) : emph_marker (w);

      if (marker != NULL)
        emit (w, marker);
    }

  if (event == CMARK_EVENT_ENTER)
    (*depth)++;
}

static void
open_link (Writer *w, cmark_node *node)
{
  OpenLink link = { 0 };

  flush_block_start (w);

  /* An image degrades to a link to it; links inside a link label (only
   * images can be there) stay text, as nested links mean nothing. */
  link.as_link = w->open_links->len == 0 && is_web_url (cmark_node_get_url (node));

  /* Discord and Telegram link only http(s) (Discord shows "<mailto:...>" as
   * it is), so a mail address is better off as the text it is. */
  if ((w->markup == CANDOR_MARKUP_DISCORD || w->markup == CANDOR_MARKUP_TELEGRAM_HTML) &&
      g_ascii_strncasecmp (cmark_node_get_url (node), "mailto:", 7) == 0)
    link.as_link = FALSE;
  link.open_start = w->out->len;

  if (link.as_link)
    {
      switch (w->markup)
        {
          case CANDOR_MARKUP_HTML_EMAIL:
          case CANDOR_MARKUP_MATRIX_HTML:
          case CANDOR_MARKUP_TELEGRAM_HTML:
            _candor_markdown_html_open_link (w, cmark_node_get_url (node));
            break;

          case CANDOR_MARKUP_SLACK:
            /* Written in one go, as inserting it before the label later
             * would copy the rest of the output once per link. */
            g_string_append_c (w->out, '<');
            _candor_markdown_append_target_url (w->out, cmark_node_get_url (node), NULL);
            /* "<mailto:a@b>" would show the scheme: only a label hides it. */
            link.label_written = label_is_url (node, cmark_node_get_url (node), TRUE);
            g_string_append_c (w->out, link.label_written ? '>' : '|');
            break;

          case CANDOR_MARKUP_DISCORD:
          case CANDOR_MARKUP_TEAMS:
            g_string_append_c (w->out, '[');
            break;

          default:
            break;
        }
    }

  if (link.label_written)
    w->skip_depth++;
  link.start = w->out->len;
  g_array_append_val (w->open_links, link);
}

static void
close_link (Writer *w, cmark_node *node)
{
  OpenLink    link = g_array_index (w->open_links, OpenLink, w->open_links->len - 1);
  const char *url = cmark_node_get_url (node);
  gboolean    same = label_is_url (node, url, FALSE);

  g_array_set_size (w->open_links, w->open_links->len - 1);

  if (link.label_written)
    {
      w->skip_depth--;
      w->at_line_start = FALSE;
      return;
    }

  /* "[](url)" or "![](url)": the URL is all there is to read. */
  if (w->out->len == link.start && *url != '\0')
    {
      append_text0 (w, url_for_display (url));
      same = TRUE;
    }

  if (!link.as_link)
    {
      if (!same && *url != '\0')
        {
          append_text0 (w, " (");
          append_text0 (w, url_for_display (url));
          append_text0 (w, ")");
        }
      return;
    }

  switch (w->markup)
    {
      case CANDOR_MARKUP_PLAIN:
      case CANDOR_MARKUP_STATUS_PAGE:
        {
          CandorMarkdownLink found = { 0 };

          found.text_start = found.url_start = link.start;
          found.text_end = found.url_end = w->out->len;
          if (!same)
            {
              g_string_append (w->out, " (");
              found.url_start = w->out->len;
              g_string_append (w->out, url_for_display (url));
              found.url_end = w->out->len;
              g_string_append (w->out, ")");
            }

          if (w->links != NULL)
            {
              found.text =
                g_strndup (w->out->str + found.text_start, found.text_end - found.text_start);
              found.url = g_strdup (url);
              g_array_append_val (w->links, found);
            }
        }
        break;

      case CANDOR_MARKUP_HTML_EMAIL:
      case CANDOR_MARKUP_MATRIX_HTML:
      case CANDOR_MARKUP_TELEGRAM_HTML:
        g_string_append (w->out, "</a>");
        break;

      case CANDOR_MARKUP_SLACK:
        g_string_append_c (w->out, '>');
        break;

      case CANDOR_MARKUP_DISCORD:
        /* "<url>" is a link in Discord and CommonMark alike and, unlike a
         * bare URL, needs no escaping and pulls in no preview. "@" is encoded
         * too, so "https://x@here.test" cannot read as a mention. */
        if (same)
          {
            g_string_truncate (w->out, link.open_start);
            g_string_append_c (w->out, '<');
            _candor_markdown_append_target_url (w->out, url, "()@");
            g_string_append_c (w->out, '>');
          }
        else
          {
            g_string_append (w->out, "](");
            _candor_markdown_append_target_url (w->out, url, "()@");
            g_string_append_c (w->out, ')');
          }
        break;

      case CANDOR_MARKUP_TEAMS:
        g_string_append (w->out, "](");
        _candor_markdown_append_target_url (w->out, url, "()");
        g_string_append_c (w->out, ')');
        break;

      default:
        g_assert_not_reached ();
    }

  w->at_line_start = FALSE;
}

static void
open_list_item (Writer *w, cmark_node *item)
{
  cmark_node *list = cmark_node_parent (item);
  gsize       indent_len = w->indent->len;
  gsize       marker_width;

  start_block (w, item);
  flush_block_start (w);

  if (cmark_node_get_list_type (list) == CMARK_ORDERED_LIST)
    {
      gint64 *number = &g_array_index (w->list_numbers, gint64, w->list_numbers->len - 1);
      gsize   before = w->out->len;

      g_string_append_printf (w->out, "%" G_GINT64_FORMAT ". ", (*number)++);
      marker_width = w->out->len - before;
    }
  else
    {
      gboolean ascii = is_markdown_dialect (w->markup) || w->markup == CANDOR_MARKUP_STATUS_PAGE;

      /* Status pages relay updates by SMS, where one "•" outside GSM 03.38
       * halves the length of every part of the message. */
      g_string_append (w->out, ascii ? "- " : "\xe2\x80\xa2 ");
      marker_width = 2;
    }

  g_array_append_val (w->indent_lengths, indent_len);
  if (w->indent_lengths->len <= MAX_INDENT_LEVELS)
    for (gsize i = 0; i < marker_width; i++)
      g_string_append_c (w->indent, ' ');

  w->at_item_start = TRUE;
  w->at_line_start = TRUE;
}

static void
close_list_item (Writer *w)
{
  gsize indent_len = g_array_index (w->indent_lengths, gsize, w->indent_lengths->len - 1);

  g_array_set_size (w->indent_lengths, w->indent_lengths->len - 1);
  g_string_truncate (w->indent, indent_len);
  w->at_item_start = FALSE;
}

void
_candor_markdown_write_text_node (Writer *w, cmark_node *node, cmark_event_type event)
{
  gboolean enter = event == CMARK_EVENT_ENTER;

  switch (cmark_node_get_type (node))
    {
      case CMARK_NODE_PARAGRAPH:
      case CMARK_NODE_HEADING:
        if (enter)
          start_block (w, node);
        break;

      case CMARK_NODE_CODE_BLOCK:
      case CMARK_NODE_HTML_BLOCK:
        start_block (w, node);
        _candor_markdown_append_literal_block (w, cmark_node_get_literal (node));
        break;

      case CMARK_NODE_LIST:
        if (enter)
          {
            gint64 start = cmark_node_get_list_start (node);

            g_array_append_val (w->list_numbers, start);
          }
        else
          g_array_set_size (w->list_numbers, w->list_numbers->len - 1);
        break;

      case CMARK_NODE_ITEM:
        if (enter)
          open_list_item (w, node);
        else
          close_list_item (w);
        break;

      case CMARK_NODE_TEXT:
      case CMARK_NODE_HTML_INLINE:
        append_text0 (w, cmark_node_get_literal (node));
        break;

      case CMARK_NODE_CODE:
        write_code_span (w, cmark_node_get_literal (node));
        break;

      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK:
        append_line_break (w);
        break;

      case CMARK_NODE_EMPH:
      case CMARK_NODE_STRONG:
        write_emphasis (w, node, event);
        break;

      case CMARK_NODE_LINK:
      case CMARK_NODE_IMAGE:
        if (enter)
          open_link (w, node);
        else
          close_link (w, node);
        break;

      default:
        /* The document, block quotes (their content is kept), thematic
         * breaks (they carry no text) and custom nodes (never parsed). */
        break;
    }
}

char *
_candor_markdown_write (cmark_node *document, CandorMarkup markup, GArray *links)
{
  Writer           w = { 0 };
  cmark_iter      *iter = cmark_iter_new (document);
  cmark_event_type event;

  w.markup = markup;
  w.out = g_string_new (NULL);
  w.indent = g_string_new (NULL);
  w.indent_lengths = g_array_new (FALSE, FALSE, sizeof (gsize));
  w.list_numbers = g_array_new (FALSE, FALSE, sizeof (gint64));
  w.open_links = g_array_new (FALSE, FALSE, sizeof (OpenLink));
  w.links = links;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);

      if (is_html_markup (markup))
        _candor_markdown_write_html_node (&w, node, event);
      else
        _candor_markdown_write_text_node (&w, node, event);
    }
  cmark_iter_free (iter);

  /* HTML ends each block with a newline for readable source; the fragment
   * itself does not need the last one. */
  while (w.out->len > 0 && w.out->str[w.out->len - 1] == '\n')
    g_string_truncate (w.out, w.out->len - 1);

  if (markup == CANDOR_MARKUP_DISCORD)
    _candor_markdown_defuse_mass_mentions (w.out);

  g_string_free (w.indent, TRUE);
  g_array_unref (w.indent_lengths);
  g_array_unref (w.list_numbers);
  g_array_unref (w.open_links);

  return g_string_free (w.out, FALSE);
}
