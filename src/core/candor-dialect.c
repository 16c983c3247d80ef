/* candor-dialect.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-dialect"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "candor-dialect.h"

/* What each channel accepts in one message: Discord 2000 characters,
 * Mattermost 16383 (its default post size), Slack 40000 before it truncates;
 * Teams about 28 KB of card JSON and Matrix 64 KiB per event, of which the
 * envelope takes its share, so both are counted in bytes of the body;
 * Mastodon 500, Bluesky 300 and X 280 per post, counted as
 * candor-social-thread.c explains; Telegram 4096 per message, in UTF-16 code
 * units of the text left once its HTML is parsed, so a long text is a thread
 * of replies. A signed webhook takes JSON of any size. The nicks are the GEnum nicks of
 * CandorDialect (test-dialect checks it): stored data names dialects by them. */
/* clang-format off */
static const CandorDialectInfo dialects[] = {
  { CANDOR_DIALECT_PLAIN, "plain", NC_ ("format", "Plain text"),
    CANDOR_MARKUP_PLAIN, 0, CANDOR_LENGTH_UNITS_NONE,
    CANDOR_THREADING_NONE, CANDOR_PAYLOAD_TEXT },
  { CANDOR_DIALECT_EMAIL, "email", NC_ ("format", "Email"),
    CANDOR_MARKUP_HTML_EMAIL, 0, CANDOR_LENGTH_UNITS_NONE,
    CANDOR_THREADING_REPLY_HEADERS, CANDOR_PAYLOAD_MIME },
  { CANDOR_DIALECT_SLACK, "slack", NC_ ("format", "Slack"),
    CANDOR_MARKUP_SLACK, 40000, CANDOR_LENGTH_UNITS_CHARACTERS,
    CANDOR_THREADING_NONE, CANDOR_PAYLOAD_TEXT },
  { CANDOR_DIALECT_DISCORD, "discord", NC_ ("format", "Discord"),
    CANDOR_MARKUP_DISCORD, 2000, CANDOR_LENGTH_UNITS_CHARACTERS,
    CANDOR_THREADING_NONE, CANDOR_PAYLOAD_TEXT },
  /* Mattermost reads the same CommonMark subset as Discord. */
  { CANDOR_DIALECT_MATTERMOST, "mattermost", NC_ ("format", "Mattermost"),
    CANDOR_MARKUP_DISCORD, 16383, CANDOR_LENGTH_UNITS_CHARACTERS,
    CANDOR_THREADING_NONE, CANDOR_PAYLOAD_TEXT },
  { CANDOR_DIALECT_MATRIX, "matrix", NC_ ("format", "Matrix"),
    CANDOR_MARKUP_MATRIX_HTML, 64000, CANDOR_LENGTH_UNITS_BYTES,
    CANDOR_THREADING_NONE, CANDOR_PAYLOAD_JSON },
  { CANDOR_DIALECT_TEAMS, "teams", NC_ ("format", "Microsoft Teams"),
    CANDOR_MARKUP_TEAMS, 28000, CANDOR_LENGTH_UNITS_BYTES,
    CANDOR_THREADING_NONE, CANDOR_PAYLOAD_JSON },
  { CANDOR_DIALECT_STATUS_PAGE, "status-page", NC_ ("format", "Status page"),
    CANDOR_MARKUP_STATUS_PAGE, 0, CANDOR_LENGTH_UNITS_NONE,
    CANDOR_THREADING_NONE, CANDOR_PAYLOAD_JSON },
  { CANDOR_DIALECT_MASTODON, "mastodon", NC_ ("format", "Mastodon"),
    CANDOR_MARKUP_PLAIN, 500, CANDOR_LENGTH_UNITS_GRAPHEMES_FIXED_URLS,
    CANDOR_THREADING_POSTS, CANDOR_PAYLOAD_THREAD },
  { CANDOR_DIALECT_BLUESKY, "bluesky", NC_ ("format", "Bluesky"),
    CANDOR_MARKUP_PLAIN, 300, CANDOR_LENGTH_UNITS_GRAPHEMES,
    CANDOR_THREADING_POSTS, CANDOR_PAYLOAD_THREAD },
  { CANDOR_DIALECT_X, "x", NC_ ("format", "X"),
    CANDOR_MARKUP_PLAIN, 280, CANDOR_LENGTH_UNITS_WEIGHTED,
    CANDOR_THREADING_POSTS, CANDOR_PAYLOAD_THREAD },
  { CANDOR_DIALECT_TELEGRAM, "telegram", NC_ ("format", "Telegram"),
    CANDOR_MARKUP_TELEGRAM_HTML, 4096, CANDOR_LENGTH_UNITS_UTF16,
    CANDOR_THREADING_POSTS, CANDOR_PAYLOAD_THREAD },
  { CANDOR_DIALECT_SIGNED_WEBHOOK, "signed-webhook", NC_ ("format", "Signed webhook"),
    CANDOR_MARKUP_PLAIN, 0, CANDOR_LENGTH_UNITS_NONE,
    CANDOR_THREADING_NONE, CANDOR_PAYLOAD_JSON },
};
/* clang-format on */

G_STATIC_ASSERT (G_N_ELEMENTS (dialects) == CANDOR_N_DIALECTS);

/**
 * candor_dialect_get_info:
 *
 * Returns: (transfer none): the table row of @dialect; it lives as long as the program.
 */
const CandorDialectInfo *
candor_dialect_get_info (CandorDialect dialect)
{
  g_return_val_if_fail (dialect < CANDOR_N_DIALECTS, NULL);
  g_assert (dialects[dialect].dialect == dialect);

  return &dialects[dialect];
}

const char *
candor_dialect_get_nick (CandorDialect dialect)
{
  g_return_val_if_fail (dialect < CANDOR_N_DIALECTS, NULL);

  return dialects[dialect].nick;
}

const char *
candor_dialect_get_label (CandorDialect dialect)
{
  g_return_val_if_fail (dialect < CANDOR_N_DIALECTS, NULL);

  return g_dpgettext2 (GETTEXT_PACKAGE, "format", dialects[dialect].label);
}

/* Whether @dialect's text goes out as a thread of posts (a social network). */
gboolean
candor_dialect_is_thread (CandorDialect dialect)
{
  g_return_val_if_fail (dialect < CANDOR_N_DIALECTS, FALSE);

  return dialects[dialect].threading == CANDOR_THREADING_POSTS;
}
