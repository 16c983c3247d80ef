/* candor-markdown.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-markdown"

#include "config.h"

#include <cmark.h>
#include <string.h>

#include "candor-markdown.h"

/* A field is parsed once with cmark and its tree is walked once per dialect.
 * Markdown-lite is paragraphs, lists, emphasis and links; everything else
 * CommonMark knows (headings, code, quotes, images, raw HTML, rules) is kept
 * as its text, so nothing the author typed is lost and nothing they typed can
 * turn into markup the channel would act on. */

/* Deeper lists still render, only without further indentation: otherwise each
 * line of a hostile 10 000-level list would carry 20 000 spaces. */
#define MAX_INDENT_LEVELS 8

#define EMAIL_P_STYLE    "margin:0 0 1em 0;line-height:1.5"
#define EMAIL_LIST_STYLE "margin:0 0 1em 0;padding-left:1.5em"
#define EMAIL_LI_STYLE   "margin:0 0 0.25em 0"
#define EMAIL_A_STYLE    "color:#1c71d8;text-decoration:underline"

struct _CandorMarkdown
{
  GObject parent_instance;

  char       *text;
  cmark_node *document;
  char       *plain;
  GArray     *links;
};

G_DEFINE_FINAL_TYPE (CandorMarkdown, candor_markdown, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

typedef struct
{
  CandorDialect dialect;
  GString      *out;
  GString      *indent;
  GArray       *indent_lengths; /* gsize, one per open list item */
  GArray       *list_numbers;   /* gint64, the next number of each open list */
  GArray       *open_links;     /* OpenLink */
  GArray       *links;          /* CandorMarkdownLink, collected for PLAIN only */
  guint         emph_depth;
  guint         strong_depth;
  guint         skip_depth; /* > 0 while inside a label that is not to be written */
  Separator     pending_separator;
  guint         block_needs_indent : 1;
  guint         at_item_start : 1;
  guint         at_line_start : 1;
} Writer;

static void
markdown_link_clear (gpointer data)
{
  CandorMarkdownLink *link = data;

  g_clear_pointer (&link->text, g_free);
  g_clear_pointer (&link->url, g_free);
}

/* Invalid UTF-8 becomes U+FFFD, and so do control characters other than tab
 * and line ends: an escape sequence in a field must not reach a terminal, and
 * XML-based channels reject them outright. */
static gboolean
is_control_at (const char *p)
{
  guchar c = p[0];

  if (c < 0x20)
    return c != '\t' && c != '\n' && c != '\r';

  /* DEL, and the C1 controls U+0080 to U+009F, encoded as C2 80 to C2 9F. */
  return c == 0x7f || (c == 0xc2 && (guchar)p[1] >= 0x80 && (guchar)p[1] <= 0x9f);
}

static char *
sanitize_input (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  GString         *out;
  const char      *p;

  /* Most fields have no control character at all: a byte scan settles it. */
  for (p = valid; *p != '\0' && !is_control_at (p); p++)
    ;
  if (*p == '\0')
    return g_steal_pointer (&valid);

  out = g_string_new_len (valid, p - valid);
  for (; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (is_control_at (p))
        g_string_append (out, "\xef\xbf\xbd");
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }

  return g_string_free (out, FALSE);
}

static gboolean
is_web_url (const char *url)
{
  return url != NULL && (g_ascii_strncasecmp (url, "http://", 7) == 0 ||
                         g_ascii_strncasecmp (url, "https://", 8) == 0 ||
                         g_ascii_strncasecmp (url, "mailto:", 7) == 0);
}

/* Finds the next bare http(s) URL in @text at or after @from, with the GFM
 * autolink rules for where it ends: trailing punctuation and an unbalanced
 * closing parenthesis belong to the sentence, not the URL. */
static gboolean
find_bare_url (const char *text, gsize from, gsize *start, gsize *end)
{
  const char *p = text + from;

  while ((p = strstr (p, "://")) != NULL)
    {
      gsize colon = p - text;
      gsize scheme_start;
      gsize stop;
      gsize opened = 0, closed = 0, i;

      if (colon >= from + 5 && g_ascii_strncasecmp (text + colon - 5, "https", 5) == 0)
        scheme_start = colon - 5;
      else if (colon >= from + 4 && g_ascii_strncasecmp (text + colon - 4, "http", 4) == 0)
        scheme_start = colon - 4;
      else
        {
          p += 3;
          continue;
        }

      /* Checked before the URL is scanned to its end, so that a long run
       * of "http://." cannot cost a scan of the rest of the text each. */
      if ((scheme_start > 0 && g_ascii_isalnum (text[scheme_start - 1])) ||
          !(g_ascii_isalnum (text[colon + 3]) || (guchar)text[colon + 3] >= 0x80))
        {
          p += 3;
          continue;
        }

      stop = colon + 3;
      while (text[stop] != '\0' && (guchar)text[stop] > ' ' && text[stop] != '<' &&
             text[stop] != '>' && text[stop] != '"' && text[stop] != 0x7f)
        stop++;

      for (i = colon + 3; i < stop; i++)
        {
          if (text[i] == '(')
            opened++;
          else if (text[i] == ')')
            closed++;
        }

      while (stop > colon + 3)
        {
          char last = text[stop - 1];

          if (strchr ("?!.,:;*_~'", last) != NULL)
            stop--;
          else if (last == ')' && closed > opened)
            {
              stop--;
              closed--;
            }
          else
            break;
        }

      /* The host's first character is never trimmed: there is a URL. */
      *start = scheme_start;
      *end = stop;
      return TRUE;
    }

  return FALSE;
}

static void
insert_text_after (cmark_node *sibling, const char *text, gsize len)
{
  g_autofree char *literal = g_strndup (text, len);
  cmark_node      *node = cmark_node_new (CMARK_NODE_TEXT);

  cmark_node_set_literal (node, literal);
  cmark_node_insert_after (sibling, node);
}

/* Splits a text node into text and links, each piece copied once: a field
 * pasted full of URLs must not be copied once per URL. */
static void
link_bare_urls_in (cmark_node *text_node)
{
  g_autofree char *literal = g_strdup (cmark_node_get_literal (text_node));
  cmark_node      *last = text_node;
  gsize            done = 0;
  gsize            start, end;

  while (find_bare_url (literal, done, &start, &end))
    {
      g_autofree char *url = g_strndup (literal + start, end - start);
      cmark_node      *link = cmark_node_new (CMARK_NODE_LINK);
      cmark_node      *label = cmark_node_new (CMARK_NODE_TEXT);

      if (start > done)
        {
          insert_text_after (last, literal + done, start - done);
          last = cmark_node_next (last);
        }

      cmark_node_set_literal (label, url);
      cmark_node_append_child (link, label);
      cmark_node_set_url (link, url);
      cmark_node_insert_after (last, link);
      last = link;
      done = end;
    }

  if (last == text_node)
    return;

  if (literal[done] != '\0')
    insert_text_after (last, literal + done, strlen (literal + done));
  cmark_node_free (text_node);
}

/* CommonMark only links <url>; people type URLs bare, so those become links
 * too, the way every chat client the fields end up in treats them. */
static void
link_bare_urls (cmark_node *document)
{
  g_autoptr (GPtrArray) texts = g_ptr_array_new ();
  cmark_iter      *iter = cmark_iter_new (document);
  cmark_event_type event;
  guint            link_depth = 0;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node     *node = cmark_iter_get_node (iter);
      cmark_node_type type = cmark_node_get_type (node);

      if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE)
        link_depth += event == CMARK_EVENT_ENTER ? 1 : -1;
      else if (type == CMARK_NODE_TEXT && link_depth == 0 &&
               strstr (cmark_node_get_literal (node), "://") != NULL)
        g_ptr_array_add (texts, node);
    }
  cmark_iter_free (iter);

  /* The tree changes only after the walk: cmark iterators do not survive it. */
  for (guint i = 0; i < texts->len; i++)
    link_bare_urls_in (g_ptr_array_index (texts, i));
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
static void
append_target_url (GString *out, const char *url, const char *also_encode)
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

/* The HTML email and Matrix bodies: the same five characters as Mustache's
 * {{name}} in candor-mustache.c, so text and variables come out alike; not
 * Pango markup, which also encodes control characters (ui/ chat markup). */
static void
append_html_escaped (GString *out, const char *text, gsize len)
{
  gsize run = 0;

  for (gsize i = 0; i < len; i++)
    {
      const char *entity;

      switch (text[i])
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

          case '"':
            entity = "&quot;";
            break;

          case '\'':
            entity = "&#39;";
            break;

          default:
            continue;
        }

      g_string_append_len (out, text + run, i - run);
      g_string_append (out, entity);
      run = i + 1;
    }

  g_string_append_len (out, text + run, len - run);
}

static gboolean
is_html_dialect (CandorDialect dialect)
{
  return dialect == CANDOR_DIALECT_HTML_EMAIL || dialect == CANDOR_DIALECT_MATRIX_HTML;
}

static gboolean
is_markdown_dialect (CandorDialect dialect)
{
  return dialect == CANDOR_DIALECT_DISCORD || dialect == CANDOR_DIALECT_TEAMS;
}

static gboolean
in_tight_list_item (cmark_node *node)
{
  cmark_node *parent = cmark_node_parent (node);

  return parent != NULL && cmark_node_get_type (parent) == CMARK_NODE_ITEM &&
         cmark_node_get_list_tight (cmark_node_parent (parent));
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

/* Whether a name goes on after a mention's word: "@all" in "@all." and
 * "@all," ends there, in "@all.hands" or "@allison" it does not. */
static gboolean
continues_name (const char *text, gsize len)
{
  if (len == 0)
    return FALSE;

  if (g_ascii_isalnum (text[0]) || text[0] == '_' || text[0] == '-')
    return TRUE;

  return text[0] == '.' && len > 1 && g_ascii_isalnum (text[1]);
}

/* "@everyone" and "@here" ping a whole Discord server, "@channel" and "@all"
 * a whole Mattermost channel; a zero-width space after the "@" keeps the word
 * readable and the ping out. Discord matches its two as prefixes ("@everyoneX"
 * still pings), Mattermost its two as words ("@allison" is a person). */
static gboolean
is_mass_mention (const char *text, gsize len)
{
  static const struct
  {
    const char *word;
    gboolean    whole_word;
  } mentions[] = {
    { "everyone", FALSE },
    { "here", FALSE },
    { "channel", TRUE },
    { "all", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (mentions); i++)
    {
      gsize word_len = strlen (mentions[i].word);

      if (len < word_len + 1 || g_ascii_strncasecmp (text + 1, mentions[i].word, word_len) != 0)
        continue;

      if (!mentions[i].whole_word || !continues_name (text + word_len + 1, len - word_len - 1))
        return TRUE;
    }

  return FALSE;
}

/* Whether a byte is markup anywhere in a Markdown dialect's text. */
static gboolean
is_markdown_special (CandorDialect dialect, guchar c)
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
        return dialect == CANDOR_DIALECT_DISCORD;

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

      while (i < len && !is_markdown_special (w->dialect, text[i]))
        i++;
      g_string_append_len (w->out, text + run, i - run);
      if (i == len)
        break;

      g_string_append_c (w->out, '\\');
      g_string_append_c (w->out, text[i]);
      i++;
    }
}

static void
append_text (Writer *w, const char *text, gsize len)
{
  if (len == 0 || w->skip_depth > 0)
    return;

  flush_block_start (w);

  switch (w->dialect)
    {
      case CANDOR_DIALECT_PLAIN:
      case CANDOR_DIALECT_STATUS_PAGE:
        g_string_append_len (w->out, text, len);
        break;

      case CANDOR_DIALECT_HTML_EMAIL:
      case CANDOR_DIALECT_MATRIX_HTML:
        append_html_escaped (w->out, text, len);
        break;

      case CANDOR_DIALECT_SLACK:
        /* Slack's own escaping: only these three are special in mrkdwn, and
         * escaping "<" is what keeps "<!everyone>" and "<@U123>" inert. */
        {
          gsize run = 0;

          for (gsize i = 0; i < len; i++)
            {
              if (text[i] != '&' && text[i] != '<' && text[i] != '>')
                continue;

              g_string_append_len (w->out, text + run, i - run);
              g_string_append (w->out, text[i] == '&' ? "&amp;" : text[i] == '<' ? "&lt;" : "&gt;");
              run = i + 1;
            }
          g_string_append_len (w->out, text + run, len - run);
        }
        break;

      case CANDOR_DIALECT_DISCORD:
      case CANDOR_DIALECT_TEAMS:
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

  if (is_html_dialect (w->dialect))
    {
      emit (w, "<br>\n");
      return;
    }

  flush_block_start (w);
  g_string_append (w->out, w->dialect == CANDOR_DIALECT_TEAMS ? "\n\n" : "\n");
  g_string_append_len (w->out, w->indent->str, w->indent->len);
  w->at_line_start = TRUE;
}

/* Code and raw HTML blocks keep their text and their line breaks, nothing else. */
static void
append_literal_block (Writer *w, const char *literal)
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
  switch (w->dialect)
    {
      case CANDOR_DIALECT_SLACK:
        /* Slack shows formatting inside a link label as literal characters. */
        return w->open_links->len == 0 ? "*" : NULL;

      case CANDOR_DIALECT_DISCORD:
      case CANDOR_DIALECT_TEAMS:
        return "**";

      default:
        return NULL;
    }
}

static const char *
emph_marker (Writer *w)
{
  switch (w->dialect)
    {
      case CANDOR_DIALECT_SLACK:
        return w->open_links->len == 0 ? "_" : NULL;

      case CANDOR_DIALECT_DISCORD:
        return "*";

      case CANDOR_DIALECT_TEAMS:
        return "_";

      default:
        return NULL;
    }
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
      if (is_html_dialect (w->dialect))
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

  /* Discord links only http(s) and shows "<mailto:...>" as it is, so a mail
   * address is better off as the text it is. */
  if (w->dialect == CANDOR_DIALECT_DISCORD &&
      g_ascii_strncasecmp (cmark_node_get_url (node), "mailto:", 7) == 0)
    link.as_link = FALSE;
  link.open_start = w->out->len;

  if (link.as_link)
    {
      switch (w->dialect)
        {
          case CANDOR_DIALECT_HTML_EMAIL:
          case CANDOR_DIALECT_MATRIX_HTML:
            g_string_append (w->out, "<a href=\"");
            {
              g_autoptr (GString) target = g_string_new (NULL);

              append_target_url (target, cmark_node_get_url (node), NULL);
              append_html_escaped (w->out, target->str, target->len);
            }
            g_string_append (w->out, w->dialect == CANDOR_DIALECT_HTML_EMAIL
                                       ? "\" style=\"" EMAIL_A_STYLE "\">"
                                       : "\">");
            break;

          case CANDOR_DIALECT_SLACK:
            /* Written in one go, as inserting it before the label later
             * would copy the rest of the output once per link. */
            g_string_append_c (w->out, '<');
            append_target_url (w->out, cmark_node_get_url (node), NULL);
            /* "<mailto:a@b>" would show the scheme: only a label hides it. */
            link.label_written = label_is_url (node, cmark_node_get_url (node), TRUE);
            g_string_append_c (w->out, link.label_written ? '>' : '|');
            break;

          case CANDOR_DIALECT_DISCORD:
          case CANDOR_DIALECT_TEAMS:
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

  switch (w->dialect)
    {
      case CANDOR_DIALECT_PLAIN:
      case CANDOR_DIALECT_STATUS_PAGE:
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

      case CANDOR_DIALECT_HTML_EMAIL:
      case CANDOR_DIALECT_MATRIX_HTML:
        g_string_append (w->out, "</a>");
        break;

      case CANDOR_DIALECT_SLACK:
        g_string_append_c (w->out, '>');
        break;

      case CANDOR_DIALECT_DISCORD:
        /* "<url>" is a link in Discord and CommonMark alike and, unlike a
         * bare URL, needs no escaping and pulls in no preview. "@" is encoded
         * too, so "https://x@here.test" cannot read as a mention. */
        if (same)
          {
            g_string_truncate (w->out, link.open_start);
            g_string_append_c (w->out, '<');
            append_target_url (w->out, url, "()@");
            g_string_append_c (w->out, '>');
          }
        else
          {
            g_string_append (w->out, "](");
            append_target_url (w->out, url, "()@");
            g_string_append_c (w->out, ')');
          }
        break;

      case CANDOR_DIALECT_TEAMS:
        g_string_append (w->out, "](");
        append_target_url (w->out, url, "()");
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
      gboolean ascii = is_markdown_dialect (w->dialect) || w->dialect == CANDOR_DIALECT_STATUS_PAGE;

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

static void
write_text_node (Writer *w, cmark_node *node, cmark_event_type event)
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
        append_literal_block (w, cmark_node_get_literal (node));
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
      case CMARK_NODE_CODE:
      case CMARK_NODE_HTML_INLINE:
        append_text0 (w, cmark_node_get_literal (node));
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

/* A paragraph in a tight list item is bare text in HTML, as in CommonMark;
 * a second block in the same item starts on a new line. */
static void
open_html_block (Writer *w, cmark_node *node)
{
  if (in_tight_list_item (node))
    {
      if (cmark_node_previous (node) != NULL)
        g_string_append (w->out, "<br>\n");
      return;
    }

  g_string_append (
    w->out, w->dialect == CANDOR_DIALECT_HTML_EMAIL ? "<p style=\"" EMAIL_P_STYLE "\">" : "<p>");
}

static void
close_html_block (Writer *w, cmark_node *node)
{
  if (!in_tight_list_item (node))
    g_string_append (w->out, "</p>\n");
}

static void
write_html_node (Writer *w, cmark_node *node, cmark_event_type event)
{
  gboolean email = w->dialect == CANDOR_DIALECT_HTML_EMAIL;
  gboolean enter = event == CMARK_EVENT_ENTER;

  switch (cmark_node_get_type (node))
    {
      case CMARK_NODE_PARAGRAPH:
      case CMARK_NODE_HEADING:
        if (enter)
          open_html_block (w, node);
        else
          close_html_block (w, node);
        break;

      case CMARK_NODE_CODE_BLOCK:
      case CMARK_NODE_HTML_BLOCK:
        open_html_block (w, node);
        append_literal_block (w, cmark_node_get_literal (node));
        close_html_block (w, node);
        break;

      case CMARK_NODE_LIST:
        {
          gboolean ordered = cmark_node_get_list_type (node) == CMARK_ORDERED_LIST;

          if (!enter)
            {
              g_string_append (w->out, ordered ? "</ol>\n" : "</ul>\n");
              break;
            }

          if (w->out->len > 0 && w->out->str[w->out->len - 1] != '\n')
            g_string_append_c (w->out, '\n');
          g_string_append (w->out, ordered ? "<ol" : "<ul");
          if (ordered && cmark_node_get_list_start (node) != 1)
            g_string_append_printf (w->out, " start=\"%d\"", cmark_node_get_list_start (node));
          g_string_append (w->out, email ? " style=\"" EMAIL_LIST_STYLE "\">\n" : ">\n");
        }
        break;

      case CMARK_NODE_ITEM:
        if (enter)
          g_string_append (w->out, email ? "<li style=\"" EMAIL_LI_STYLE "\">" : "<li>");
        else
          g_string_append (w->out, "</li>\n");
        break;

      default:
        /* Inlines are written as in the other dialects, with HTML markup. */
        write_text_node (w, node, event);
        break;
    }
}

/* Done on the finished output, not per text node: "@eve**ryone**" would
 * otherwise come out whole once the emphasis inside it is dropped. Link
 * targets are safe, their "@" is percent-encoded. */
static void
defuse_mass_mentions (GString *out)
{
  g_autoptr (GString) defused = NULL;
  const char *done = out->str;
  const char *at;

  for (at = strchr (out->str, '@'); at != NULL; at = strchr (at + 1, '@'))
    {
      if (!is_mass_mention (at, out->str + out->len - at))
        continue;

      if (defused == NULL)
        defused = g_string_sized_new (out->len + 16);
      g_string_append_len (defused, done, at + 1 - done);
      g_string_append (defused, "\xe2\x80\x8b");
      done = at + 1;
    }

  if (defused == NULL)
    return;

  g_string_append_len (defused, done, out->str + out->len - done);
  g_string_truncate (out, 0);
  g_string_append_len (out, defused->str, defused->len);
}

static char *
write_dialect (cmark_node *document, CandorDialect dialect, GArray *links)
{
  Writer           w = { 0 };
  cmark_iter      *iter = cmark_iter_new (document);
  cmark_event_type event;

  w.dialect = dialect;
  w.out = g_string_new (NULL);
  w.indent = g_string_new (NULL);
  w.indent_lengths = g_array_new (FALSE, FALSE, sizeof (gsize));
  w.list_numbers = g_array_new (FALSE, FALSE, sizeof (gint64));
  w.open_links = g_array_new (FALSE, FALSE, sizeof (OpenLink));
  w.links = links;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);

      if (is_html_dialect (dialect))
        write_html_node (&w, node, event);
      else
        write_text_node (&w, node, event);
    }
  cmark_iter_free (iter);

  /* HTML ends each block with a newline for readable source; the fragment
   * itself does not need the last one. */
  while (w.out->len > 0 && w.out->str[w.out->len - 1] == '\n')
    g_string_truncate (w.out, w.out->len - 1);

  if (dialect == CANDOR_DIALECT_DISCORD)
    defuse_mass_mentions (w.out);

  g_string_free (w.indent, TRUE);
  g_array_unref (w.indent_lengths);
  g_array_unref (w.list_numbers);
  g_array_unref (w.open_links);

  return g_string_free (w.out, FALSE);
}

static void
ensure_plain (CandorMarkdown *self)
{
  if (self->plain != NULL)
    return;

  self->links = g_array_new (FALSE, FALSE, sizeof (CandorMarkdownLink));
  g_array_set_clear_func (self->links, markdown_link_clear);
  self->plain = write_dialect (self->document, CANDOR_DIALECT_PLAIN, self->links);
}

static void
candor_markdown_constructed (GObject *object)
{
  CandorMarkdown *self = (CandorMarkdown *)object;

  G_OBJECT_CLASS (candor_markdown_parent_class)->constructed (object);

  if (self->text == NULL)
    self->text = g_strdup ("");

  /* No CMARK_OPT_SMART: quotes and dashes stay as typed. Raw HTML is kept in
   * the tree, but the writers only ever emit it as escaped text. */
  self->document = cmark_parse_document (self->text, strlen (self->text), CMARK_OPT_DEFAULT);
  link_bare_urls (self->document);
}

static void
candor_markdown_finalize (GObject *object)
{
  CandorMarkdown *self = (CandorMarkdown *)object;

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->document, cmark_node_free);
  g_clear_pointer (&self->plain, g_free);
  g_clear_pointer (&self->links, g_array_unref);

  G_OBJECT_CLASS (candor_markdown_parent_class)->finalize (object);
}

static void
candor_markdown_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CandorMarkdown *self = CANDOR_MARKDOWN (object);

  switch (prop_id)
    {
      case PROP_TEXT:
        g_value_set_string (value, self->text);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_markdown_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CandorMarkdown *self = CANDOR_MARKDOWN (object);

  switch (prop_id)
    {
      case PROP_TEXT:
        g_assert (self->text == NULL);
        self->text = sanitize_input (g_value_get_string (value));
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_markdown_class_init (CandorMarkdownClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = candor_markdown_constructed;
  object_class->finalize = candor_markdown_finalize;
  object_class->get_property = candor_markdown_get_property;
  object_class->set_property = candor_markdown_set_property;

  /* The field text as parsed: invalid UTF-8 and control characters replaced. */
  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, NULL,
                                               G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                                 G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
candor_markdown_init (CandorMarkdown *self)
{
}

/**
 * candor_markdown_new:
 * @text: (nullable): Markdown-lite text, in any encoding state: invalid UTF-8
 *   is replaced rather than refused, since it comes from a text field
 *
 * Parses @text once; every dialect is then written from the same tree.
 */
CandorMarkdown *
candor_markdown_new (const char *text)
{
  return g_object_new (CANDOR_TYPE_MARKDOWN, "text", text, NULL);
}

const char *
candor_markdown_get_text (CandorMarkdown *self)
{
  g_return_val_if_fail (CANDOR_IS_MARKDOWN (self), NULL);

  return self->text;
}

/**
 * candor_markdown_to_dialect:
 *
 * Returns: (transfer full): the field in @dialect, without a trailing newline.
 *   Every HTML dialect output is a fragment (no <html> or <body>).
 */
char *
candor_markdown_to_dialect (CandorMarkdown *self, CandorDialect dialect)
{
  g_return_val_if_fail (CANDOR_IS_MARKDOWN (self), NULL);
  g_return_val_if_fail (dialect >= CANDOR_DIALECT_PLAIN && dialect < CANDOR_N_DIALECTS, NULL);

  if (dialect == CANDOR_DIALECT_PLAIN)
    {
      ensure_plain (self);
      return g_strdup (self->plain);
    }

  return write_dialect (self->document, dialect, NULL);
}

/**
 * candor_markdown_get_links:
 * @n_links: (out): the number of links
 *
 * The http(s) and mailto links of the field, in order, with where they are in
 * the PLAIN output. Links to anything else are written as text in every
 * dialect and are not listed.
 *
 * Returns: (transfer none) (array length=n_links): the links, owned by @self
 */
const CandorMarkdownLink *
candor_markdown_get_links (CandorMarkdown *self, guint *n_links)
{
  g_return_val_if_fail (CANDOR_IS_MARKDOWN (self), NULL);
  g_return_val_if_fail (n_links != NULL, NULL);

  ensure_plain (self);
  *n_links = self->links->len;

  return (const CandorMarkdownLink *)(gpointer)self->links->data;
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;
    }

  return TRUE;
}

/* Empty means there is nothing to read: white space, a bare list marker or a
 * rule alone do not fill a field. A link with no text still shows its URL. */
gboolean
candor_markdown_is_empty (CandorMarkdown *self)
{
  cmark_iter      *iter;
  cmark_event_type event;
  gboolean         empty = TRUE;

  g_return_val_if_fail (CANDOR_IS_MARKDOWN (self), TRUE);

  iter = cmark_iter_new (self->document);
  while (empty && (event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);

      switch (cmark_node_get_type (node))
        {
          case CMARK_NODE_TEXT:
          case CMARK_NODE_CODE:
          case CMARK_NODE_HTML_INLINE:
          case CMARK_NODE_CODE_BLOCK:
          case CMARK_NODE_HTML_BLOCK:
            empty = is_blank (cmark_node_get_literal (node));
            break;

          case CMARK_NODE_LINK:
          case CMARK_NODE_IMAGE:
            empty = is_blank (cmark_node_get_url (node));
            break;

          default:
            break;
        }
    }
  cmark_iter_free (iter);

  return empty;
}
