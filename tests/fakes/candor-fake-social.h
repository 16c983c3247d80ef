/* candor-fake-social.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How the social networks' servers measure a post, written from their own
 * rules independently of core's splitter, so a fake catches a splitter that
 * counts wrong. A "cluster" is a character with the combining marks,
 * variation selectors, skin tones and ZWJ-joined characters that follow it,
 * and a pair of regional indicators (a flag). */

/* Mastodon: clusters, every http(s) URL as @url_weight (23). Bluesky:
 * clusters, URLs as they are (@url_weight 0). */
guint candor_fake_social_count_clusters (const char *text, guint url_weight);

/* X (twitter-text v3): per NFC code point 1 in the Latin, Cyrillic and
 * general punctuation ranges and 2 elsewhere, an emoji cluster 2 in all,
 * every URL 23. */
guint candor_fake_social_count_weighted (const char *text);

G_END_DECLS
