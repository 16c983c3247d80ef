/* candor-update.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-update"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "candor-enum-types.h"
#include "candor-json.h"
#include "candor-property-setters.h"
#include "candor-update.h"

struct _CandorUpdate
{
  GObject parent_instance;

  char *id;
  /* NULL stands for "" so an untouched update costs nothing per field. */
  char            *fields[CANDOR_N_FIELDS];
  char            *contact_name;
  char            *contact_reach;
  GDateTime       *next_update_at;
  GDateTime       *created_at;
  CandorUpdateKind kind;
  guint            no_lasting_consequences : 1;
  guint            next_update_when_changed : 1;
};

G_DEFINE_FINAL_TYPE (CandorUpdate, candor_update, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_NO_LASTING_CONSEQUENCES,
  PROP_CONTACT_NAME,
  PROP_CONTACT_REACH,
  PROP_NEXT_UPDATE_AT,
  PROP_NEXT_UPDATE_WHEN_CHANGED,
  PROP_CREATED_AT,
  /* One property per CandorField, in enum order, named by the field's nick. */
  PROP_FIRST_FIELD,
  N_PROPS = PROP_FIRST_FIELD + CANDOR_N_FIELDS
};

enum
{
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

/* The field keys are the CandorField nicks, in the enum's order. */
static const char *const json_keys[] = {
  "id",
  "kind",
  "created-at",
  "impact-now",
  "impact-future",
  "lasting-consequences",
  "executive-summary",
  "technical-details",
  "actions-taken",
  "actions-planned",
  "contact",
  "next-update",
  "no-lasting-consequences",
  "contact-name",
  "contact-reach",
  "next-update-at",
  "next-update-when-changed",
  NULL,
};

/* Unset and empty are the same text: the wizard cannot tell them apart either. */
static gboolean
replace_text (char **slot, const char *value)
{
  if (value != NULL && *value == '\0')
    value = NULL;

  return candor_set_string (slot, value);
}

static void
notify_changed (CandorUpdate *self, guint prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
candor_update_finalize (GObject *object)
{
  CandorUpdate *self = (CandorUpdate *)object;

  g_clear_pointer (&self->id, g_free);
  for (guint i = 0; i < CANDOR_N_FIELDS; i++)
    g_clear_pointer (&self->fields[i], g_free);
  g_clear_pointer (&self->contact_name, g_free);
  g_clear_pointer (&self->contact_reach, g_free);
  g_clear_pointer (&self->next_update_at, g_date_time_unref);
  g_clear_pointer (&self->created_at, g_date_time_unref);

  G_OBJECT_CLASS (candor_update_parent_class)->finalize (object);
}

static void
candor_update_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CandorUpdate *self = CANDOR_UPDATE (object);

  if (prop_id >= PROP_FIRST_FIELD && prop_id < N_PROPS)
    {
      g_value_set_string (value, candor_update_get_field (self, prop_id - PROP_FIRST_FIELD));
      return;
    }

  switch (prop_id)
    {
      case PROP_ID:
        g_value_set_string (value, self->id);
        break;

      case PROP_KIND:
        g_value_set_enum (value, self->kind);
        break;

      case PROP_NO_LASTING_CONSEQUENCES:
        g_value_set_boolean (value, self->no_lasting_consequences);
        break;

      case PROP_CONTACT_NAME:
        g_value_set_string (value, candor_update_get_contact_name (self));
        break;

      case PROP_CONTACT_REACH:
        g_value_set_string (value, candor_update_get_contact_reach (self));
        break;

      case PROP_NEXT_UPDATE_AT:
        g_value_set_boxed (value, self->next_update_at);
        break;

      case PROP_NEXT_UPDATE_WHEN_CHANGED:
        g_value_set_boolean (value, self->next_update_when_changed);
        break;

      case PROP_CREATED_AT:
        g_value_set_boxed (value, self->created_at);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_update_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CandorUpdate *self = CANDOR_UPDATE (object);

  if (prop_id >= PROP_FIRST_FIELD && prop_id < N_PROPS)
    {
      candor_update_set_field (self, prop_id - PROP_FIRST_FIELD, g_value_get_string (value));
      return;
    }

  switch (prop_id)
    {
      case PROP_ID:
        /* Construct-only: a new update gets a fresh id, a loaded one keeps its own. */
        self->id = g_value_dup_string (value);
        if (self->id == NULL)
          self->id = g_uuid_string_random ();
        break;

      case PROP_KIND:
        candor_update_set_kind (self, g_value_get_enum (value));
        break;

      case PROP_NO_LASTING_CONSEQUENCES:
        candor_update_set_no_lasting_consequences (self, g_value_get_boolean (value));
        break;

      case PROP_CONTACT_NAME:
        candor_update_set_contact_name (self, g_value_get_string (value));
        break;

      case PROP_CONTACT_REACH:
        candor_update_set_contact_reach (self, g_value_get_string (value));
        break;

      case PROP_NEXT_UPDATE_AT:
        candor_update_set_next_update_at (self, g_value_get_boxed (value));
        break;

      case PROP_NEXT_UPDATE_WHEN_CHANGED:
        candor_update_set_next_update_when_changed (self, g_value_get_boolean (value));
        break;

      case PROP_CREATED_AT:
        /* Construct-only: a loaded update keeps the time it was first written. */
        self->created_at = g_value_dup_boxed (value);
        if (self->created_at == NULL)
          self->created_at = g_date_time_new_now_local ();
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_update_class_init (CandorUpdateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  g_autoptr (GEnumClass) field_class = g_type_class_ref (CANDOR_TYPE_FIELD);

  object_class->finalize = candor_update_finalize;
  object_class->get_property = candor_update_get_property;
  object_class->set_property = candor_update_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, "Stable identifier, kept in drafts and the history", NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_KIND] = g_param_spec_enum (
    "kind", NULL, "Initial notice, progress update, resolution or post-incident report",
    CANDOR_TYPE_UPDATE_KIND, CANDOR_UPDATE_KIND_INITIAL,
    G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_NO_LASTING_CONSEQUENCES] = g_param_spec_boolean (
    "no-lasting-consequences", NULL, "The author states explicitly that nothing is lost for good",
    FALSE, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CONTACT_NAME] =
    g_param_spec_string ("contact-name", NULL, "The person who has time during the outage", "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CONTACT_REACH] =
    g_param_spec_string ("contact-reach", NULL, "How to reach the contact", "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_NEXT_UPDATE_AT] = g_param_spec_boxed (
    "next-update-at", NULL, "When the next update is due, or NULL", G_TYPE_DATE_TIME,
    G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_NEXT_UPDATE_WHEN_CHANGED] = g_param_spec_boolean (
    "next-update-when-changed", NULL, "The next update comes when the situation changes", FALSE,
    G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, "When the update was first written", G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  for (guint field = 0; field < CANDOR_N_FIELDS; field++)
    {
      GEnumValue *value = g_enum_get_value (field_class, field);

      g_assert (value != NULL);
      /* The nicks live as long as the enum type, which is static. */
      properties[PROP_FIRST_FIELD + field] =
        g_param_spec_string (value->value_nick, NULL, "Markdown-lite text of this field", "",
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
    }

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CandorUpdate::changed:
   *
   * Emitted once for every effective change of any property, after its
   * notify; setting a value equal to the current one emits nothing.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);
}

static void
candor_update_init (CandorUpdate *self)
{
  self->kind = CANDOR_UPDATE_KIND_INITIAL;
}

CandorUpdate *
candor_update_new (CandorUpdateKind kind)
{
  return g_object_new (CANDOR_TYPE_UPDATE, "kind", kind, NULL);
}

const char *
candor_update_get_id (CandorUpdate *self)
{
  g_return_val_if_fail (CANDOR_IS_UPDATE (self), NULL);

  return self->id;
}

CandorUpdateKind
candor_update_get_kind (CandorUpdate *self)
{
  g_return_val_if_fail (CANDOR_IS_UPDATE (self), 0);

  return self->kind;
}

void
candor_update_set_kind (CandorUpdate *self, CandorUpdateKind kind)
{
  g_return_if_fail (CANDOR_IS_UPDATE (self));
  g_return_if_fail (kind <= CANDOR_UPDATE_KIND_POST_INCIDENT);

  if (self->kind == kind)
    return;

  self->kind = kind;
  notify_changed (self, PROP_KIND);
}

const char *
candor_update_get_field (CandorUpdate *self, CandorField field)
{
  g_return_val_if_fail (CANDOR_IS_UPDATE (self), "");
  g_return_val_if_fail (field < CANDOR_N_FIELDS, "");

  return self->fields[field] != NULL ? self->fields[field] : "";
}

void
candor_update_set_field (CandorUpdate *self, CandorField field, const char *text)
{
  g_return_if_fail (CANDOR_IS_UPDATE (self));
  g_return_if_fail (field < CANDOR_N_FIELDS);

  if (replace_text (&self->fields[field], text))
    notify_changed (self, PROP_FIRST_FIELD + field);
}

gboolean
candor_update_get_no_lasting_consequences (CandorUpdate *self)
{
  g_return_val_if_fail (CANDOR_IS_UPDATE (self), FALSE);

  return self->no_lasting_consequences;
}

void
candor_update_set_no_lasting_consequences (CandorUpdate *self, gboolean none)
{
  g_return_if_fail (CANDOR_IS_UPDATE (self));

  none = !!none;
  if (self->no_lasting_consequences == none)
    return;

  self->no_lasting_consequences = none;
  notify_changed (self, PROP_NO_LASTING_CONSEQUENCES);
}

const char *
candor_update_get_contact_name (CandorUpdate *self)
{
  g_return_val_if_fail (CANDOR_IS_UPDATE (self), "");

  return self->contact_name != NULL ? self->contact_name : "";
}

void
candor_update_set_contact_name (CandorUpdate *self, const char *name)
{
  g_return_if_fail (CANDOR_IS_UPDATE (self));

  if (replace_text (&self->contact_name, name))
    notify_changed (self, PROP_CONTACT_NAME);
}

const char *
candor_update_get_contact_reach (CandorUpdate *self)
{
  g_return_val_if_fail (CANDOR_IS_UPDATE (self), "");

  return self->contact_reach != NULL ? self->contact_reach : "";
}

void
candor_update_set_contact_reach (CandorUpdate *self, const char *reach)
{
  g_return_if_fail (CANDOR_IS_UPDATE (self));

  if (replace_text (&self->contact_reach, reach))
    notify_changed (self, PROP_CONTACT_REACH);
}

GDateTime *
candor_update_get_next_update_at (CandorUpdate *self)
{
  g_return_val_if_fail (CANDOR_IS_UPDATE (self), NULL);

  return self->next_update_at;
}

void
candor_update_set_next_update_at (CandorUpdate *self, GDateTime *at)
{
  g_return_if_fail (CANDOR_IS_UPDATE (self));

  if (candor_set_date_time (&self->next_update_at, at))
    notify_changed (self, PROP_NEXT_UPDATE_AT);
}

gboolean
candor_update_get_next_update_when_changed (CandorUpdate *self)
{
  g_return_val_if_fail (CANDOR_IS_UPDATE (self), FALSE);

  return self->next_update_when_changed;
}

void
candor_update_set_next_update_when_changed (CandorUpdate *self, gboolean when_changed)
{
  g_return_if_fail (CANDOR_IS_UPDATE (self));

  when_changed = !!when_changed;
  if (self->next_update_when_changed == when_changed)
    return;

  self->next_update_when_changed = when_changed;
  notify_changed (self, PROP_NEXT_UPDATE_WHEN_CHANGED);
}

GDateTime *
candor_update_get_created_at (CandorUpdate *self)
{
  g_return_val_if_fail (CANDOR_IS_UPDATE (self), NULL);

  return self->created_at;
}

CandorUpdate *
candor_update_copy (CandorUpdate *self)
{
  CandorUpdate *copy;

  g_return_val_if_fail (CANDOR_IS_UPDATE (self), NULL);

  /* GDateTime never changes once made, so sharing one is a deep copy. */
  copy = g_object_new (CANDOR_TYPE_UPDATE, "id", self->id, "created-at", self->created_at, NULL);
  for (guint i = 0; i < CANDOR_N_FIELDS; i++)
    copy->fields[i] = g_strdup (self->fields[i]);
  copy->contact_name = g_strdup (self->contact_name);
  copy->contact_reach = g_strdup (self->contact_reach);
  copy->next_update_at =
    self->next_update_at != NULL ? g_date_time_ref (self->next_update_at) : NULL;
  copy->kind = self->kind;
  copy->no_lasting_consequences = self->no_lasting_consequences;
  copy->next_update_when_changed = self->next_update_when_changed;

  return copy;
}

JsonNode *
candor_update_to_json (CandorUpdate *self)
{
  g_autoptr (JsonObject) object = NULL;
  g_autofree char *created_at = NULL;
  g_autofree char *next_update_at = NULL;
  JsonNode        *node;

  g_return_val_if_fail (CANDOR_IS_UPDATE (self), NULL);

  created_at = candor_json_format_date_time (self->created_at);
  if (self->next_update_at != NULL)
    next_update_at = candor_json_format_date_time (self->next_update_at);

  object = json_object_new ();
  json_object_set_string_member (object, "id", self->id);
  json_object_set_string_member (object, "kind",
                                 candor_enum_to_nick (CANDOR_TYPE_UPDATE_KIND, self->kind));
  json_object_set_string_member (object, "created-at", created_at);
  for (CandorField field = 0; field < CANDOR_N_FIELDS; field++)
    json_object_set_string_member (object, candor_enum_to_nick (CANDOR_TYPE_FIELD, field),
                                   candor_update_get_field (self, field));
  json_object_set_boolean_member (object, "no-lasting-consequences", self->no_lasting_consequences);
  json_object_set_string_member (object, "contact-name", candor_update_get_contact_name (self));
  json_object_set_string_member (object, "contact-reach", candor_update_get_contact_reach (self));
  json_object_set_string_member (object, "next-update-at", next_update_at);
  json_object_set_boolean_member (object, "next-update-when-changed",
                                  self->next_update_when_changed);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, object);
  return node;
}

CandorUpdate *
candor_update_from_json_at (JsonNode *node, const char *path, GError **error)
{
  g_autoptr (CandorUpdate) self = NULL;
  g_autoptr (GDateTime) created_at = NULL;
  g_autoptr (GDateTime) next_update_at = NULL;
  const char *id = NULL;
  const char *contact_name = NULL;
  const char *contact_reach = NULL;
  const char *texts[CANDOR_N_FIELDS] = { NULL };
  int         kind = CANDOR_UPDATE_KIND_INITIAL;
  gboolean    no_lasting_consequences = FALSE;
  gboolean    when_changed = FALSE;
  JsonObject *object;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = candor_json_expect_object (node, path, json_keys, error);
  if (object == NULL)
    return NULL;

  if (!candor_json_get_string (object, path, "id", &id, error))
    return NULL;

  if (!candor_json_get_enum (object, path, "kind", CANDOR_TYPE_UPDATE_KIND,
                             _("a message kind"), &kind, error))
    return NULL;

  if (!candor_json_get_date_time (object, path, "created-at", &created_at, error))
    return NULL;

  for (CandorField field = 0; field < CANDOR_N_FIELDS; field++)
    {
      const char *key = candor_enum_to_nick (CANDOR_TYPE_FIELD, field);

      if (!candor_json_get_string (object, path, key, &texts[field], error))
        return NULL;
    }

  if (!candor_json_get_boolean (object, path, "no-lasting-consequences", &no_lasting_consequences,
                                error) ||
      !candor_json_get_string (object, path, "contact-name", &contact_name, error) ||
      !candor_json_get_string (object, path, "contact-reach", &contact_reach, error) ||
      !candor_json_get_date_time (object, path, "next-update-at", &next_update_at, error) ||
      !candor_json_get_boolean (object, path, "next-update-when-changed", &when_changed, error))
    return NULL;

  /* An empty id is as good as none: the update gets a fresh one. */
  self = g_object_new (CANDOR_TYPE_UPDATE, "id", id != NULL && *id != '\0' ? id : NULL,
                       "created-at", created_at, "kind", kind, NULL);
  for (CandorField field = 0; field < CANDOR_N_FIELDS; field++)
    replace_text (&self->fields[field], texts[field]);
  replace_text (&self->contact_name, contact_name);
  replace_text (&self->contact_reach, contact_reach);
  self->next_update_at = g_steal_pointer (&next_update_at);
  self->no_lasting_consequences = no_lasting_consequences;
  self->next_update_when_changed = when_changed;

  return g_steal_pointer (&self);
}

CandorUpdate *
candor_update_from_json (JsonNode *node, GError **error)
{
  return candor_update_from_json_at (node, NULL, error);
}
