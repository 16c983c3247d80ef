/* candor-languages.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-languages"

#include "config.h"

#include "candor-language.h"
#include "candor-languages.h"

/* Names are the languages' own, not translated: the person who writes the
 * German text finds "Deutsch" whatever language the app speaks. */
static const char *const tags[] = { "en", "ru", "de", "fr", "es", "it", "pl", "uk", NULL };
static const char *const names[] = {
  "English", "Русский", "Deutsch", "Français", "Español", "Italiano", "Polski", "Українська",
};

const char *const *
candor_languages_get_tags (void)
{
  return tags;
}

/* "ru-RU" is found as "ru"; NULL as the default language. */
int
candor_languages_find (const char *tag)
{
  g_autofree char *primary = candor_language_get_primary_tag (tag);

  for (guint i = 0; tags[i] != NULL; i++)
    if (g_str_equal (tags[i], primary))
      return i;

  return -1;
}

const char *
candor_languages_get_name (const char *tag)
{
  int index = candor_languages_find (tag);

  return index >= 0 ? names[index] : tag;
}

GListModel *
candor_languages_new_choice_model (const char *none)
{
  GtkStringList *model = gtk_string_list_new (NULL);

  g_return_val_if_fail (none != NULL, NULL);

  gtk_string_list_append (model, none);
  for (guint i = 0; tags[i] != NULL; i++)
    gtk_string_list_append (model, names[i]);

  return G_LIST_MODEL (model);
}

const char *
candor_languages_get_choice (guint position)
{
  return position > 0 && position <= G_N_ELEMENTS (names) ? tags[position - 1] : NULL;
}

/* A tag the app does not offer shows as none. */
guint
candor_languages_get_choice_position (const char *tag)
{
  return tag != NULL ? candor_languages_find (tag) + 1 : 0;
}
