/* candor-chat-markup.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-chat-markup"

#include "config.h"

#include <string.h>

#include "candor-chat-markup-private.h"
#include "candor-chat-markup.h"

/* The entry point: each dialect has a file of its own,
 * candor-chat-markup-<dialect>.c, and they share the markup writer in
 * candor-chat-markup-builder.c. */

const char *
candor_chat_markup_get_source (CandorRendition *rendition)
{
  const char *source;

  g_return_val_if_fail (CANDOR_IS_RENDITION (rendition), "");

  switch (candor_rendition_get_format (rendition))
    {
      case CANDOR_DIALECT_MATRIX:
        source = candor_rendition_get_html (rendition);
        break;

      case CANDOR_DIALECT_TEAMS:
        source = candor_rendition_get_json (rendition);
        break;

      default:
        source = candor_rendition_get_text (rendition);
        break;
    }

  return source != NULL ? source : "";
}

char *
candor_chat_markup_from_source (CandorDialect format, const char *source)
{
  g_autofree char *valid = NULL;
  GString         *out;
  gsize            len;

  g_return_val_if_fail (format < CANDOR_N_DIALECTS, NULL);

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
      case CANDOR_DIALECT_SLACK:
        _candor_chat_markup_render_slack (out, source, len);
        break;

      case CANDOR_DIALECT_DISCORD:
        _candor_chat_markup_render_markdown (out, FLAVOR_DISCORD, source, len);
        break;

      case CANDOR_DIALECT_MATTERMOST:
        _candor_chat_markup_render_markdown (out, FLAVOR_MATTERMOST, source, len);
        break;

      case CANDOR_DIALECT_MATRIX:
        _candor_chat_markup_render_matrix (out, source, len);
        break;

      case CANDOR_DIALECT_TEAMS:
        _candor_chat_markup_render_teams (out, source, len);
        break;

      /* Telegram's writer puts out <b>, <i>, <a href> and the entities of
       * escaped text, which read as Pango markup the same. */
      case CANDOR_DIALECT_TELEGRAM:
        g_string_append_len (out, source, len);
        break;

      default:
        _candor_chat_markup_append_escaped (out, source, len);
        break;
    }

  return g_string_free (out, FALSE);
}
