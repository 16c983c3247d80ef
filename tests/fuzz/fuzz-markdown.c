/* fuzz-markdown.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "candor-markdown.h"

/* The input is a field as typed. It is parsed and written in every dialect; each
 * output must be valid UTF-8 and carry no markup the author could have smuggled
 * in: only the writer's own tags in HTML, only its own links in Slack, no mass
 * mention in Discord. The links must point into the PLAIN output. */

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static gboolean
starts_with_any (const char *text, const char *const *prefixes)
{
  for (guint i = 0; prefixes[i] != NULL; i++)
    {
      if (g_ascii_strncasecmp (text, prefixes[i], strlen (prefixes[i])) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
check_html (const char *html)
{
  static const char *const own_tags[] = {
    "<p>",
    "<p style=",
    "</p>",
    "<ul>",
    "<ul style=",
    "</ul>",
    "<ol>",
    "<ol style=",
    "<ol start=",
    "</ol>",
    "<li>",
    "<li style=",
    "</li>",
    "<em>",
    "</em>",
    "<strong>",
    "</strong>",
    "<code>",
    "<code style=",
    "</code>",
    "<a href=\"http://",
    "<a href=\"https://",
    "<a href=\"mailto:",
    "</a>",
    "<br>",
    NULL,
  };
  g_autofree char *lower = g_ascii_strdown (html, -1);

  g_assert (strstr (lower, "<script") == NULL);
  for (const char *p = strchr (html, '<'); p != NULL; p = strchr (p + 1, '<'))
    g_assert (starts_with_any (p, own_tags));
}

static void
check_slack (const char *slack)
{
  static const char *const own_links[] = { "<http://", "<https://", "<mailto:", NULL };

  for (const char *p = strchr (slack, '<'); p != NULL; p = strchr (p + 1, '<'))
    g_assert (starts_with_any (p, own_links));
}

static void
check_discord (const char *discord)
{
  static const char *const own_links[] = { "<http://", "<https://", NULL };
  g_autofree char         *lower = g_ascii_strdown (discord, -1);

  g_assert (strstr (lower, "@everyone") == NULL);
  g_assert (strstr (lower, "@here") == NULL);
  for (const char *p = strchr (discord, '<'); p != NULL; p = strchr (p + 1, '<'))
    g_assert ((p > discord && p[-1] == '\\') || starts_with_any (p, own_links));
}

static void
check_links (CandorMarkdown *md, const char *plain)
{
  const CandorMarkdownLink *links;
  gsize                     length = strlen (plain);
  gsize                     previous_end = 0;
  guint                     n_links;

  links = candor_markdown_get_links (md, &n_links);
  for (guint i = 0; i < n_links; i++)
    {
      const CandorMarkdownLink *link = &links[i];

      g_assert (link->text_start >= previous_end);
      g_assert (link->text_start <= link->text_end);
      g_assert ((link->url_start == link->text_start && link->url_end == link->text_end) ||
                link->text_end <= link->url_start);
      g_assert (link->url_start <= link->url_end && link->url_end <= length);
      g_assert (memcmp (plain + link->text_start, link->text, strlen (link->text)) == 0);
      g_assert (strlen (link->text) == link->text_end - link->text_start);
      g_assert (g_utf8_validate (plain + link->url_start, link->url_end - link->url_start, NULL));
      g_assert (g_ascii_strncasecmp (link->url, "http://", 7) == 0 ||
                g_ascii_strncasecmp (link->url, "https://", 8) == 0 ||
                g_ascii_strncasecmp (link->url, "mailto:", 7) == 0);
      previous_end = link->url_end;
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *input = g_strndup ((const char *)data, size);
  g_autoptr (CandorMarkdown) md = candor_markdown_new (input);
  g_autofree char *plain = candor_markdown_to_markup (md, CANDOR_MARKUP_PLAIN);

  g_assert (g_utf8_validate (candor_markdown_get_text (md), -1, NULL));

  for (int markup = 0; markup < CANDOR_N_MARKUPS; markup++)
    {
      g_autofree char *out = candor_markdown_to_markup (md, markup);

      g_assert (out != NULL);
      g_assert (g_utf8_validate (out, -1, NULL));

      if (markup == CANDOR_MARKUP_HTML_EMAIL || markup == CANDOR_MARKUP_MATRIX_HTML)
        check_html (out);
      else if (markup == CANDOR_MARKUP_SLACK)
        check_slack (out);
      else if (markup == CANDOR_MARKUP_DISCORD)
        check_discord (out);
    }

  check_links (md, plain);

  /* Empty means nothing to read: PLAIN may hold list markers, never a word. */
  for (const char *p = plain; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalpha (c))
        g_assert (!candor_markdown_is_empty (md));
      if (!g_unichar_isspace (c) && !candor_markdown_is_empty (md))
        break;
    }
  if (!candor_markdown_is_empty (md))
    g_assert (plain[0] != '\0');

  return 0;
}
