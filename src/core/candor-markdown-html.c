/* candor-markdown-html.c
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

/* The HTML email and Matrix bodies: paragraphs and lists as HTML elements, the
 * email's with inline styles; their inlines come from the writer. */

#define EMAIL_P_STYLE    "margin:0 0 1em 0;line-height:1.5"
#define EMAIL_LIST_STYLE "margin:0 0 1em 0;padding-left:1.5em"
#define EMAIL_LI_STYLE   "margin:0 0 0.25em 0"
#define EMAIL_A_STYLE    "color:#1c71d8;text-decoration:underline"
#define EMAIL_CODE_STYLE "font-family:monospace;font-size:0.95em"

static gboolean
in_tight_list_item (cmark_node *node)
{
  cmark_node *parent = cmark_node_parent (node);

  return parent != NULL && cmark_node_get_type (parent) == CMARK_NODE_ITEM &&
         cmark_node_get_list_tight (cmark_node_parent (parent));
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

  g_string_append (w->out, w->markup == CANDOR_MARKUP_HTML_EMAIL ? "<p style=\"" EMAIL_P_STYLE "\">"
                                                                 : "<p>");
}

static void
close_html_block (Writer *w, cmark_node *node)
{
  if (!in_tight_list_item (node))
    g_string_append (w->out, "</p>\n");
}

void
_candor_markdown_write_html_node (Writer *w, cmark_node *node, cmark_event_type event)
{
  gboolean email = w->markup == CANDOR_MARKUP_HTML_EMAIL;
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
        _candor_markdown_append_literal_block (w, cmark_node_get_literal (node));
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
        _candor_markdown_write_text_node (w, node, event);
        break;
    }
}

/* The link's target is percent-encoded as in every dialect, then escaped as
 * an attribute value. */
void
_candor_markdown_html_open_link (Writer *w, const char *url)
{
  g_autoptr (GString) target = g_string_new (NULL);

  g_string_append (w->out, "<a href=\"");
  _candor_markdown_append_target_url (target, url, NULL);
  candor_mustache_append_escaped (w->out, target->str, target->len, CANDOR_MUSTACHE_ESCAPE_HTML);
  g_string_append (w->out, w->markup == CANDOR_MARKUP_HTML_EMAIL ? "\" style=\"" EMAIL_A_STYLE "\">"
                                                                 : "\">");
}

/* Telegram and Matrix take <code> as it is; mail readers differ in their
 * default, so email says monospace itself. */
void
_candor_markdown_html_append_code (Writer *w, const char *literal)
{
  g_string_append (w->out, w->markup == CANDOR_MARKUP_HTML_EMAIL ? "<code style=\"" EMAIL_CODE_STYLE
                                                                   "\">"
                                                                 : "<code>");
  candor_mustache_append_escaped (w->out, literal, strlen (literal), CANDOR_MUSTACHE_ESCAPE_HTML);
  g_string_append (w->out, "</code>");
}
