/* candor-languages.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The languages an incident can be written in, as the app offers them:
 * tags in menu order, en and ru (which have templates) first. */
const char *const *candor_languages_get_tags (void);
/* The language's own name ("Русский" for "ru"), as a writer of it looks for
 * it in a list; an unknown tag is shown as it is. */
const char *candor_languages_get_name (const char *tag);
/* The position of @tag in candor_languages_get_tags(), or -1; "ru-RU" is
 * at "ru"'s, NULL at the default language's. */
int candor_languages_find (const char *tag);

/* For a combo row choosing a language or none: @none first ("Same as the
 * incident"), then every language's name. Position 0 is NULL. */
GListModel *candor_languages_new_choice_model (const char *none);
const char *candor_languages_get_choice (guint position);
guint       candor_languages_get_choice_position (const char *tag);

G_END_DECLS
