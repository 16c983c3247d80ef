/* candor-languages.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The languages an incident can be written in, as the app offers them:
 * tags in menu order, en and ru (which have templates) first. */
const char *const *candor_languages_get_tags (void);
/* The language's own name ("Русский" for "ru"), as a writer of it looks for
 * it in a list; an unknown tag is shown as it is. */
const char *candor_languages_get_name (const char *tag);
/* The position of @tag in candor_languages_get_tags(), or -1. */
int candor_languages_find (const char *tag);

G_END_DECLS
