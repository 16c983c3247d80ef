/* candor-contact.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-contact"

#include "config.h"

#include <glib/gi18n.h>

#include "candor-contact.h"
#include "candor-json.h"

struct _CandorContact
{
  GObject parent_instance;

  char *name;
  char *reach;
};

G_DEFINE_FINAL_TYPE (CandorContact, candor_contact, G_TYPE_OBJECT)

static const char *const json_keys[] = { "name", "reach", NULL };

static void
candor_contact_finalize (GObject *object)
{
  CandorContact *self = CANDOR_CONTACT (object);

  g_free (self->name);
  g_free (self->reach);

  G_OBJECT_CLASS (candor_contact_parent_class)->finalize (object);
}

static void
candor_contact_class_init (CandorContactClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = candor_contact_finalize;
}

static void
candor_contact_init (CandorContact *self)
{
}

CandorContact *
candor_contact_new (const char *name, const char *reach)
{
  CandorContact *self;

  g_return_val_if_fail (name != NULL && *name != '\0', NULL);

  self = g_object_new (CANDOR_TYPE_CONTACT, NULL);
  self->name = g_strdup (name);
  self->reach = g_strdup (reach != NULL ? reach : "");

  return self;
}

const char *
candor_contact_get_name (CandorContact *self)
{
  g_return_val_if_fail (CANDOR_IS_CONTACT (self), NULL);

  return self->name;
}

/* An email address, a phone number, a chat channel: whatever the user typed; may be empty. */
const char *
candor_contact_get_reach (CandorContact *self)
{
  g_return_val_if_fail (CANDOR_IS_CONTACT (self), NULL);

  return self->reach;
}

gboolean
candor_contact_equal (CandorContact *a, CandorContact *b)
{
  g_return_val_if_fail (CANDOR_IS_CONTACT (a), FALSE);
  g_return_val_if_fail (CANDOR_IS_CONTACT (b), FALSE);

  return g_str_equal (a->name, b->name) && g_str_equal (a->reach, b->reach);
}

JsonNode *
candor_contact_to_json (CandorContact *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (CANDOR_IS_CONTACT (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, self->name);
  json_builder_set_member_name (builder, "reach");
  json_builder_add_string_value (builder, self->reach);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

CandorContact *
candor_contact_new_from_json (JsonNode *node, GError **error)
{
  JsonObject *object;
  const char *name = NULL;
  const char *reach = "";

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = candor_json_expect_object (node, NULL, json_keys, error);
  if (object == NULL)
    return NULL;

  if (!candor_json_get_string (object, NULL, "name", &name, error) ||
      !candor_json_get_string (object, NULL, "reach", &reach, error))
    return NULL;

  if (name == NULL || *name == '\0')
    {
      g_set_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_MISSING_KEY,
                   _("name: missing; a contact is someone with a name"));
      return NULL;
    }

  return candor_contact_new (name, reach);
}

char *
candor_contact_to_data (CandorContact *self)
{
  g_autoptr (JsonNode) node = NULL;

  g_return_val_if_fail (CANDOR_IS_CONTACT (self), NULL);

  node = candor_contact_to_json (self);
  return json_to_string (node, FALSE);
}

CandorContact *
candor_contact_new_from_data (const char *data, gssize length, GError **error)
{
  g_autoptr (JsonNode) node = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  node = candor_json_parse (data, length, NULL, error);
  if (node == NULL)
    return NULL;

  return candor_contact_new_from_json (node, error);
}
