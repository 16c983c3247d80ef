/* candor-template-fill.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Filling an update from a template, a language at a time: what the author
 * already wrote is a conflict to ask about, not something to overwrite. */

#define G_LOG_DOMAIN "candor-template"

#include "config.h"

#include <string.h>

#include "candor-template-private.h"

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;

  return TRUE;
}

/* The primary text of @field, or with a @language its translation. */
static const char *
get_text (CandorUpdate *update, const char *language, CandorField field)
{
  return language != NULL ? candor_update_get_translation (update, language, field)
                          : candor_update_get_field (update, field);
}

static guint
get_conflicts (CandorTemplate *self,
               CandorUpdate   *update,
               const char     *language,
               JsonNode       *values,
               GError        **error)
{
  char *texts[CANDOR_N_FIELDS] = { NULL };
  guint conflicts = 0;

  if (!candor_template_render_all (self, values, texts, error))
    return 0;

  for (guint i = 0; i < CANDOR_N_FIELDS; i++)
    {
      const char *current = get_text (update, language, i);

      if (!is_blank (current) && !is_blank (texts[i]) && g_strcmp0 (current, texts[i]) != 0)
        conflicts |= 1u << i;
      g_free (texts[i]);
    }

  return conflicts;
}

/* Into the primary fields (with the kind and the contact's parts, which
 * every language shares), or with a @language into its translations. */
static guint
fill (CandorTemplate *self,
      CandorUpdate   *update,
      const char     *language,
      JsonNode       *values,
      guint           replace,
      GError        **error)
{
  char       *texts[CANDOR_N_FIELDS] = { NULL };
  guint       written = 0;
  const char *contact_name = NULL;
  const char *contact_reach = NULL;

  if (!candor_template_render_all (self, values, texts, error))
    return 0;

  if (language == NULL && values != NULL && JSON_NODE_HOLDS_OBJECT (values))
    {
      contact_name =
        _candor_template_get_given_text (json_node_get_object (values), "contact_name");
      contact_reach =
        _candor_template_get_given_text (json_node_get_object (values), "contact_reach");
    }

  g_object_freeze_notify (G_OBJECT (update));
  if (language == NULL)
    candor_update_set_kind (update, self->kind);
  for (guint i = 0; i < CANDOR_N_FIELDS; i++)
    {
      if (is_blank (get_text (update, language, i)) || (replace & (1u << i)) != 0)
        {
          if (g_strcmp0 (get_text (update, language, i), texts[i]) != 0)
            written |= 1u << i;
          if (language != NULL)
            candor_update_set_translation (update, language, i, texts[i]);
          else
            candor_update_set_field (update, i, texts[i]);
        }
      g_free (texts[i]);
    }
  if (contact_name != NULL && *candor_update_get_contact_name (update) == '\0')
    candor_update_set_contact_name (update, contact_name);
  if (contact_reach != NULL && *candor_update_get_contact_reach (update) == '\0')
    candor_update_set_contact_reach (update, contact_reach);
  g_object_thaw_notify (G_OBJECT (update));

  /* Nothing to write is not an error: say "something" so callers can tell. */
  return written != 0 ? written : (1u << CANDOR_N_FIELDS);
}

/**
 * candor_template_get_conflicts:
 *
 * Returns: a mask of (1 << field) for each field of @update that has text of
 *   its own which the template would replace with something else
 */
guint
candor_template_get_conflicts (CandorTemplate *self,
                               CandorUpdate   *update,
                               JsonNode       *values,
                               GError        **error)
{
  g_return_val_if_fail (CANDOR_IS_TEMPLATE (self), 0);
  g_return_val_if_fail (CANDOR_IS_UPDATE (update), 0);

  return get_conflicts (self, update, NULL, values, error);
}

/**
 * candor_template_fill:
 * @values: (nullable): a JSON object of variable values; missing ones become placeholders
 * @replace: a mask of (1 << field): the fields with text that the template replaces
 *
 * Writes the template into every empty field of @update and into the fields
 * in @replace; the others keep the author's text. Sets the update's kind, and
 * its contact name and reach from "contact_name" and "contact_reach" where
 * those are empty. All or nothing.
 *
 * Returns: a mask of the fields written, or 0 with @error set
 */
guint
candor_template_fill (CandorTemplate *self,
                      CandorUpdate   *update,
                      JsonNode       *values,
                      guint           replace,
                      GError        **error)
{
  g_return_val_if_fail (CANDOR_IS_TEMPLATE (self), 0);
  g_return_val_if_fail (CANDOR_IS_UPDATE (update), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  return fill (self, update, NULL, values, replace, error);
}

guint
candor_template_get_translation_conflicts (CandorTemplate *self,
                                           CandorUpdate   *update,
                                           const char     *language,
                                           JsonNode       *values,
                                           GError        **error)
{
  g_return_val_if_fail (CANDOR_IS_TEMPLATE (self), 0);
  g_return_val_if_fail (CANDOR_IS_UPDATE (update), 0);
  g_return_val_if_fail (language != NULL, 0);

  return get_conflicts (self, update, language, values, error);
}

/**
 * candor_template_fill_translation:
 * @language: the language whose translations are filled, usually the template's
 * @values: (nullable): a JSON object of variable values; missing ones become placeholders
 * @replace: a mask of (1 << field): the translations with text that the template replaces
 *
 * Returns: a mask of the fields written, or 0 with @error set
 */
guint
candor_template_fill_translation (CandorTemplate *self,
                                  CandorUpdate   *update,
                                  const char     *language,
                                  JsonNode       *values,
                                  guint           replace,
                                  GError        **error)
{
  g_return_val_if_fail (CANDOR_IS_TEMPLATE (self), 0);
  g_return_val_if_fail (CANDOR_IS_UPDATE (update), 0);
  g_return_val_if_fail (language != NULL && *language != '\0', 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  return fill (self, update, language, values, replace, error);
}
