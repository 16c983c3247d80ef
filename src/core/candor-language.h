/* candor-language.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The language an incident names none in, as a new incident has. */
#define CANDOR_LANGUAGE_DEFAULT "en"

/* Whether @text is a language tag as drafts, audiences and channels write
 * them: "en", "ru", "pt-BR", "zh_Hant". */
gboolean candor_language_is_valid (const char *text);

/* "ru_RU.UTF-8", "ru-RU" and "RU" are all "ru": the tag whose templates,
 * checks and message phrases apply; NULL or "" is CANDOR_LANGUAGE_DEFAULT. */
char *candor_language_get_primary_tag (const char *language);

/* Whether @a and @b read as the same language (their primary tags agree). */
gboolean candor_language_equal (const char *a, const char *b);

/* The language's name for a person, in the desktop's language ("Russian");
 * the tag itself for a language without one. */
const char *candor_language_get_label (const char *language);

G_END_DECLS
