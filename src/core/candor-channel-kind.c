/* candor-channel-kind.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-channel-kind"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "candor-channel-kind.h"

static const char *const no_settings[] = { NULL };

/* The mail server ("security": starttls, tls or none, the last to loopback
 * only), its login, the header's From and To, and the Bcc recipients only the
 * envelope carries. The password is the keyring's. */
static const char *const email_settings[] = {
  "host", "port", "security", "username", "from", "to", "bcc", NULL,
};

/* The channel a bot token posts to (an id, or a name such as "#status") and
 * the Web API's address when it is not https://slack.com/api; a webhook's
 * URL is the secret and needs neither. */
static const char *const slack_settings[] = { "channel", "api_url", NULL };

/* The server's id, to link each message, and a thread or forum post of the
 * webhook's channel to post in. */
static const char *const discord_settings[] = { "guild_id", "thread_id", NULL };

/* The access token is the keyring's. */
static const char *const matrix_settings[] = { "homeserver", "room-id", NULL };

/* The bot token is the keyring's; "api-url" is for a local Bot API server
 * and defaults to https://api.telegram.org. */
static const char *const telegram_settings[] = { "chat-id", "api-url", NULL };

/* The signing secret ("whsec_...") is the keyring's. */
static const char *const signed_webhook_settings[] = { "url", NULL };

/* Public status pages. Atlassian Statuspage: the page's id, the ids of the
 * components an incident affects (a comma-separated list, may be empty) and
 * the API's address when it is not https://api.statuspage.io; the API key
 * is the keyring's. Cachet 2.x: the installation's address and the id of
 * the component an incident affects (may be empty); the API token is the
 * keyring's. */
static const char *const statuspage_settings[] = { "page-id", "component-ids", "api-url", NULL };
static const char *const cachet_settings[] = { "base-url", "component-id", NULL };

/* The folder the static status site is written to; no secret. */
static const char *const static_site_settings[] = { "folder", NULL };
/* Social networks. Mastodon: the instance ("https://mastodon.social") and
 * the posts' visibility (public, unlisted, private, direct; public when
 * empty); the access token is the keyring's. Bluesky: the PDS
 * (https://bsky.social when empty) and the handle; the app password is the
 * keyring's. X: the API's address when it is not https://api.x.com; the
 * four OAuth 1.0a keys of the user's own developer app are the keyring's. */
static const char *const mastodon_settings[] = { "instance", "visibility", NULL };
static const char *const bluesky_settings[] = { "pds", "handle", NULL };
static const char *const x_settings[] = { "api-url", NULL };

/* The nicks of the kinds that exist today are their dialects' nicks, so that
 * data stored before channels were configured maps to them one to one. */
/* clang-format off */
static const CandorChannelKind kinds[] = {
  /* Text to copy anywhere else (an SMS gateway, a ticket, a phone script). */
  { "plain",       NC_ ("format", "Plain text"),      CANDOR_DIALECT_PLAIN,       no_settings },
  { "email",       NC_ ("format", "Email"),           CANDOR_DIALECT_EMAIL,       email_settings },
  { "slack",       NC_ ("format", "Slack"),           CANDOR_DIALECT_SLACK,       slack_settings },
  { "discord",     NC_ ("format", "Discord"),         CANDOR_DIALECT_DISCORD,     discord_settings },
  { "mattermost",  NC_ ("format", "Mattermost"),      CANDOR_DIALECT_MATTERMOST,  no_settings },
  { "matrix",      NC_ ("format", "Matrix"),          CANDOR_DIALECT_MATRIX,      matrix_settings },
  { "teams",       NC_ ("format", "Microsoft Teams"), CANDOR_DIALECT_TEAMS,       no_settings },
  { "status-page", NC_ ("format", "Status page"),     CANDOR_DIALECT_STATUS_PAGE, no_settings },
  { "mastodon",    NC_ ("format", "Mastodon"),        CANDOR_DIALECT_MASTODON,    mastodon_settings },
  { "bluesky",     NC_ ("format", "Bluesky"),         CANDOR_DIALECT_BLUESKY,     bluesky_settings },
  { "x",           NC_ ("format", "X"),               CANDOR_DIALECT_X,           x_settings },
  { "telegram",       NC_ ("format", "Telegram"),       CANDOR_DIALECT_TELEGRAM,
    telegram_settings },
  { "signed-webhook", NC_ ("format", "Signed webhook"), CANDOR_DIALECT_SIGNED_WEBHOOK,
    signed_webhook_settings },
  /* A site in a folder: the status-page entry's text, with the whole history. */
  { "static-site",    NC_ ("format", "Static status site"), CANDOR_DIALECT_STATUS_PAGE,
    static_site_settings },
  { "statuspage",     NC_ ("format", "Atlassian Statuspage"), CANDOR_DIALECT_STATUS_PAGE,
    statuspage_settings },
  { "cachet",         NC_ ("format", "Cachet"),         CANDOR_DIALECT_STATUS_PAGE,
    cachet_settings },
};
/* clang-format on */

/**
 * candor_channel_kind_get_all:
 * @n_kinds: (out): the number of rows
 *
 * Returns: (transfer none): every channel kind, in the order they are offered.
 */
const CandorChannelKind *
candor_channel_kind_get_all (guint *n_kinds)
{
  g_return_val_if_fail (n_kinds != NULL, NULL);

  *n_kinds = G_N_ELEMENTS (kinds);
  return kinds;
}

/* Returns NULL when no kind is called @nick. */
const CandorChannelKind *
candor_channel_kind_lookup (const char *nick)
{
  g_return_val_if_fail (nick != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kinds[i].nick, nick))
      return &kinds[i];

  return NULL;
}

const char *
candor_channel_kind_get_label (const CandorChannelKind *kind)
{
  g_return_val_if_fail (kind != NULL, NULL);

  return g_dpgettext2 (GETTEXT_PACKAGE, "format", kind->label);
}

gboolean
candor_channel_kind_takes_setting (const CandorChannelKind *kind, const char *key)
{
  g_return_val_if_fail (kind != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  return g_strv_contains (kind->settings, key);
}
