/* candor-markdown-mentions.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-markdown"

#include "config.h"

#include <string.h>

#include "candor-markdown-private.h"

/* The Discord dialect (Mattermost reads it too) keeps a field from pinging a
 * whole server or channel. */

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

/* Done on the finished output, not per text node: "@eve**ryone**" would
 * otherwise come out whole once the emphasis inside it is dropped. Link
 * targets are safe, their "@" is percent-encoded. */
void
_candor_markdown_defuse_mass_mentions (GString *out)
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
