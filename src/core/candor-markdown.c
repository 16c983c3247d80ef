/* candor-markdown.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-markdown"

#include "config.h"

#include <string.h>

#include "candor-markdown-private.h"

/* A field is parsed once with cmark and its tree is walked once per dialect.
 * Markdown-lite is paragraphs, lists, emphasis and links; everything else
 * CommonMark knows (headings, code, quotes, images, raw HTML, rules) is kept
 * as its text, so nothing the author typed is lost and nothing they typed can
 * turn into markup the channel would act on.
 *
 * This file makes the tree: the text made safe to parse, then parsed, then
 * its bare URLs made links. Writing it out is candor-markdown-writer.c's job. */

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

static void
ensure_plain (CandorMarkdown *self)
{
  if (self->plain != NULL)
    return;

  self->links = g_array_new (FALSE, FALSE, sizeof (CandorMarkdownLink));
  g_array_set_clear_func (self->links, markdown_link_clear);
  self->plain = _candor_markdown_write (self->document, CANDOR_MARKUP_PLAIN, self->links);
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
 * candor_markdown_to_markup:
 *
 * Returns: (transfer full): the field in @markup, without a trailing newline.
 *   Every HTML dialect output is a fragment (no <html> or <body>).
 */
char *
candor_markdown_to_markup (CandorMarkdown *self, CandorMarkup markup)
{
  g_return_val_if_fail (CANDOR_IS_MARKDOWN (self), NULL);
  g_return_val_if_fail (markup >= CANDOR_MARKUP_PLAIN && markup < CANDOR_N_MARKUPS, NULL);

  if (markup == CANDOR_MARKUP_PLAIN)
    {
      ensure_plain (self);
      return g_strdup (self->plain);
    }

  return _candor_markdown_write (self->document, markup, NULL);
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
