/* candor-mustache-escape.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-mustache"

#include "config.h"

#include <string.h>

#include "candor-mustache-private.h"

/* One escaper per output dialect, for {{name}} and for the text of a Markdown
 * field alike (candor-markdown-writer.c calls these), so a variable reads
 * like the text around it. */

/* HTML text and attribute values, as {{name}} escapes them: the five
 * characters, "'" as "&#39;", which older mail clients know. The preview's
 * Pango markup escaper (ui/ chat markup) differs: GMarkup refuses control
 * characters, so it encodes them, and it writes "'" as "&apos;". */
static void
append_escaped_html (GString *out, const char *text, gsize length)
{
  const char *run = text;
  const char *end = text + length;

  for (const char *p = text; p < end; p++)
    {
      const char *entity;

      switch (*p)
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

      g_string_append_len (out, run, p - run);
      g_string_append (out, entity);
      run = p + 1;
    }

  g_string_append_len (out, run, end - run);
}

/* Slack's mrkdwn wants only the three characters that start its own markup escaped;
 * escaping quotes as well would show up as “&quot;” in the message. Escaping "<"
 * is what keeps "<!everyone>" and "<@U123>" inert. */
static void
append_escaped_slack (GString *out, const char *text, gsize length)
{
  const char *run = text;
  const char *end = text + length;

  for (const char *p = text; p < end; p++)
    {
      const char *entity;

      switch (*p)
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
          default:
            continue;
        }

      g_string_append_len (out, run, p - run);
      g_string_append (out, entity);
      run = p + 1;
    }

  g_string_append_len (out, run, end - run);
}

/**
 * candor_mustache_append_escaped:
 * @out: where to append
 * @text: the text to escape
 * @length: the length of @text in bytes, or -1 if it is nul-terminated
 * @escape: the output dialect
 *
 * Appends @text to @out escaped as {{name}} would be.
 */
void
candor_mustache_append_escaped (GString             *out,
                                const char          *text,
                                gssize               length,
                                CandorMustacheEscape escape)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (text != NULL);

  if (length < 0)
    length = strlen (text);

  switch (escape)
    {
      case CANDOR_MUSTACHE_ESCAPE_HTML:
        append_escaped_html (out, text, length);
        break;

      case CANDOR_MUSTACHE_ESCAPE_SLACK:
        append_escaped_slack (out, text, length);
        break;

      case CANDOR_MUSTACHE_ESCAPE_NONE:
      default:
        g_string_append_len (out, text, length);
        break;
    }
}

/* The escape function of a render that names a dialect, @user_data holding it:
 * kept beside the escapers so that the call inlines them. */
void
_candor_mustache_escape_with_dialect (GString    *out,
                                      const char *text,
                                      gsize       length,
                                      gpointer    user_data)
{
  candor_mustache_append_escaped (out, text, length, GPOINTER_TO_INT (user_data));
}
