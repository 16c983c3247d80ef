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
#include "candor-language.h"
#include "candor-property-setters.h"
#include "candor-update-private.h"

/* The fields of one other language. NULL stands for "" as in the update. */
typedef struct
{
  char *language;
  char *texts[CANDOR_N_FIELDS];
  /* The primary text each translation was written or confirmed against. */
  char *sources[CANDOR_N_FIELDS];
} Translation;

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
  GPtrArray       *translations; /* Translation, a few at most: scanned, not hashed */
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
  "translations",
  NULL,
};

static const char *const translation_keys[] = { "text", "source", NULL };

static void
translation_free (gpointer data)
{
  Translation *translation = data;

  g_free (translation->language);
  for (guint i = 0; i < CANDOR_N_FIELDS; i++)
    {
      g_free (translation->texts[i]);
      g_free (translation->sources[i]);
    }
  g_free (translation);
}

static Translation *
find_translation (CandorUpdate *self, const char *language)
{
  for (guint i = 0; i < self->translations->len; i++)
    {
      Translation *translation = g_ptr_array_index (self->translations, i);

      if (candor_language_equal (translation->language, language))
        return translation;
    }

  return NULL;
}

static Translation *
ensure_translation (CandorUpdate *self, const char *language)
{
  Translation *translation = find_translation (self, language);

  if (translation == NULL)
    {
      translation = g_new0 (Translation, 1);
      translation->language = g_strdup (language);
      g_ptr_array_add (self->translations, translation);
    }

  return translation;
}

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
  g_clear_pointer (&self->translations, g_ptr_array_unref);

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
  self->translations = g_ptr_array_new_with_free_func (translation_free);
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

const char *
candor_update_get_translation (CandorUpdate *self, const char *language, CandorField field)
{
  Translation *translation;

  g_return_val_if_fail (CANDOR_IS_UPDATE (self), "");
  g_return_val_if_fail (language != NULL, "");
  g_return_val_if_fail (field < CANDOR_N_FIELDS, "");

  translation = find_translation (self, language);
  if (translation == NULL || translation->texts[field] == NULL)
    return "";

  return translation->texts[field];
}

void
candor_update_set_translation (CandorUpdate *self,
                               const char   *language,
                               CandorField   field,
                               const char   *text)
{
  Translation *translation;
  gboolean     changed;

  g_return_if_fail (CANDOR_IS_UPDATE (self));
  g_return_if_fail (language != NULL && *language != '\0');
  g_return_if_fail (field < CANDOR_N_FIELDS);

  translation = ensure_translation (self, language);
  changed = replace_text (&translation->texts[field], text);
  /* An empty translation was written against nothing: it is never outdated. */
  changed |= replace_text (&translation->sources[field],
                           translation->texts[field] != NULL ? self->fields[field] : NULL);

  if (changed)
    g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
candor_update_get_translation_outdated (CandorUpdate *self, const char *language, CandorField field)
{
  Translation *translation;

  g_return_val_if_fail (CANDOR_IS_UPDATE (self), FALSE);
  g_return_val_if_fail (language != NULL, FALSE);
  g_return_val_if_fail (field < CANDOR_N_FIELDS, FALSE);

  translation = find_translation (self, language);
  if (translation == NULL || translation->texts[field] == NULL)
    return FALSE;

  return g_strcmp0 (translation->sources[field], self->fields[field]) != 0;
}

void
candor_update_mark_translation_current (CandorUpdate *self, const char *language, CandorField field)
{
  Translation *translation;

  g_return_if_fail (CANDOR_IS_UPDATE (self));
  g_return_if_fail (language != NULL);
  g_return_if_fail (field < CANDOR_N_FIELDS);

  translation = find_translation (self, language);
  if (translation == NULL || translation->texts[field] == NULL)
    return;

  if (replace_text (&translation->sources[field], self->fields[field]))
    g_signal_emit (self, signals[CHANGED], 0);
}

const char *
candor_update_get_translation_source (CandorUpdate *self, const char *language, CandorField field)
{
  Translation *translation;

  g_return_val_if_fail (CANDOR_IS_UPDATE (self), NULL);
  g_return_val_if_fail (language != NULL, NULL);
  g_return_val_if_fail (field < CANDOR_N_FIELDS, NULL);

  translation = find_translation (self, language);
  if (translation == NULL || translation->texts[field] == NULL)
    return NULL;

  return translation->sources[field] != NULL ? translation->sources[field] : "";
}

gboolean
candor_update_has_translation (CandorUpdate *self, const char *language)
{
  Translation *translation;

  g_return_val_if_fail (CANDOR_IS_UPDATE (self), FALSE);
  g_return_val_if_fail (language != NULL, FALSE);

  translation = find_translation (self, language);
  for (guint i = 0; translation != NULL && i < CANDOR_N_FIELDS; i++)
    if (translation->texts[i] != NULL)
      return TRUE;

  return FALSE;
}

/* The view's setters compare before they copy, so a keystroke in one field
 * copies that field's text and nothing else. */
void
_candor_update_refresh_in_language (CandorUpdate *view, CandorUpdate *self, const char *language)
{
  Translation *translation;

  g_return_if_fail (CANDOR_IS_UPDATE (view));
  g_return_if_fail (CANDOR_IS_UPDATE (self));

  translation = language != NULL ? find_translation (self, language) : NULL;
  for (CandorField field = 0; field < CANDOR_N_FIELDS; field++)
    {
      const char *text = translation != NULL ? translation->texts[field] : NULL;

      candor_update_set_field (view, field, text != NULL ? text : self->fields[field]);
    }
  candor_update_set_kind (view, self->kind);
  candor_update_set_no_lasting_consequences (view, self->no_lasting_consequences);
  candor_update_set_contact_name (view, self->contact_name);
  candor_update_set_contact_reach (view, self->contact_reach);
  candor_update_set_next_update_at (view, self->next_update_at);
  candor_update_set_next_update_when_changed (view, self->next_update_when_changed);
}

CandorUpdate *
candor_update_new_in_language (CandorUpdate *self, const char *language)
{
  CandorUpdate *view;

  g_return_val_if_fail (CANDOR_IS_UPDATE (self), NULL);
  g_return_val_if_fail (language != NULL, NULL);

  view = g_object_new (CANDOR_TYPE_UPDATE, "id", self->id, "created-at", self->created_at, NULL);
  _candor_update_refresh_in_language (view, self, language);

  return view;
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
  for (guint i = 0; i < self->translations->len; i++)
    {
      Translation *translation = g_ptr_array_index (self->translations, i);
      Translation *copied = ensure_translation (copy, translation->language);

      for (guint j = 0; j < CANDOR_N_FIELDS; j++)
        {
          copied->texts[j] = g_strdup (translation->texts[j]);
          copied->sources[j] = g_strdup (translation->sources[j]);
        }
    }

  return copy;
}

CandorUpdate *
candor_update_new_follow_up (CandorUpdate *last, CandorUpdateKind kind)
{
  CandorUpdate *follow_up;

  g_return_val_if_fail (CANDOR_IS_UPDATE (last), NULL);

  /* The copy brings the translations with their sources, so a translation
   * goes out of date when the follow-up changes only its primary text. */
  follow_up = candor_update_copy (last);
  g_clear_pointer (&follow_up->id, g_free);
  follow_up->id = g_uuid_string_random ();
  g_clear_pointer (&follow_up->created_at, g_date_time_unref);
  follow_up->created_at = g_date_time_new_now_local ();
  follow_up->kind = kind;
  /* A promised time is a promise for one message: the author picks it again. */
  g_clear_pointer (&follow_up->next_update_at, g_date_time_unref);
  follow_up->next_update_when_changed = FALSE;

  /* A resolution or report ends the series: there is no next update to announce. */
  if (kind == CANDOR_UPDATE_KIND_RESOLUTION || kind == CANDOR_UPDATE_KIND_POST_INCIDENT)
    {
      g_clear_pointer (&follow_up->fields[CANDOR_FIELD_NEXT_UPDATE], g_free);
      for (guint i = 0; i < follow_up->translations->len; i++)
        {
          Translation *translation = g_ptr_array_index (follow_up->translations, i);

          g_clear_pointer (&translation->texts[CANDOR_FIELD_NEXT_UPDATE], g_free);
          g_clear_pointer (&translation->sources[CANDOR_FIELD_NEXT_UPDATE], g_free);
        }
    }

  return follow_up;
}

/* Only the fields that have a translation, so a language not written yet
 * leaves no trace but its name. */
static JsonObject *
translations_to_json (CandorUpdate *self)
{
  JsonObject *translations = json_object_new ();

  for (guint i = 0; i < self->translations->len; i++)
    {
      Translation *translation = g_ptr_array_index (self->translations, i);
      JsonObject  *fields = json_object_new ();

      for (CandorField field = 0; field < CANDOR_N_FIELDS; field++)
        {
          JsonObject *entry;

          if (translation->texts[field] == NULL)
            continue;

          entry = json_object_new ();
          json_object_set_string_member (entry, "text", translation->texts[field]);
          json_object_set_string_member (
            entry, "source",
            translation->sources[field] != NULL ? translation->sources[field] : "");
          json_object_set_object_member (fields, candor_enum_to_nick (CANDOR_TYPE_FIELD, field),
                                         entry);
        }
      json_object_set_object_member (translations, translation->language, fields);
    }

  return translations;
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
  json_object_set_object_member (object, "translations", translations_to_json (self));

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, object);
  return node;
}

/* One language's fields: {"impact-now": {"text": ..., "source": ...}, ...}. A
 * translation without its source was written against the primary text as it
 * is now. */
static gboolean
read_translation (CandorUpdate *self,
                  const char   *language,
                  JsonNode     *node,
                  const char   *path,
                  GError      **error)
{
  const char  *field_keys[CANDOR_N_FIELDS + 1] = { NULL };
  JsonObject  *fields;
  Translation *translation;

  for (CandorField field = 0; field < CANDOR_N_FIELDS; field++)
    field_keys[field] = candor_enum_to_nick (CANDOR_TYPE_FIELD, field);

  fields = candor_json_expect_object (node, path, field_keys, error);
  if (fields == NULL)
    return FALSE;

  translation = ensure_translation (self, language);
  for (CandorField field = 0; field < CANDOR_N_FIELDS; field++)
    {
      g_autofree char *field_path = candor_json_path_join (path, field_keys[field]);
      JsonNode        *member = json_object_get_member (fields, field_keys[field]);
      JsonObject      *entry;
      const char      *text = NULL;
      const char      *source = NULL;

      if (member == NULL || JSON_NODE_HOLDS_NULL (member))
        continue;

      entry = candor_json_expect_object (member, field_path, translation_keys, error);
      if (entry == NULL || !candor_json_get_string (entry, field_path, "text", &text, error) ||
          !candor_json_get_string (entry, field_path, "source", &source, error))
        return FALSE;

      replace_text (&translation->texts[field], text);
      if (translation->texts[field] != NULL)
        replace_text (&translation->sources[field], source != NULL ? source : self->fields[field]);
    }

  return TRUE;
}

static gboolean
read_translations (CandorUpdate *self, JsonObject *object, const char *path, GError **error)
{
  g_autofree char *translations_path = candor_json_path_join (path, "translations");
  JsonNode        *node = json_object_get_member (object, "translations");
  JsonObjectIter   iter;
  const char      *language;
  JsonNode        *member;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_TYPE,
                   _("%s: expected an object with the fields of each language, such as "
                     "{\"ru\": {\"impact-now\": {\"text\": \"…\"}}}"),
                      translations_path);
      return FALSE;
    }

  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &language, &member))
    {
      g_autofree char *language_path = candor_json_path_join (translations_path, language);

      if (!candor_language_is_valid (language))
        {
          g_set_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_VALUE,
                       _("%s: “%s” is not a language code; use one such as en or ru"),
                          translations_path, language);
          return FALSE;
        }
      if (find_translation (self, language) != NULL)
        {
          g_set_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_VALUE,
                       _("%s: “%s” is listed twice"), language_path, language);
          return FALSE;
        }
      if (!read_translation (self, language, member, language_path, error))
        return FALSE;
    }

  return TRUE;
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

  if (!read_translations (self, object, path, error))
    return NULL;

  return g_steal_pointer (&self);
}

CandorUpdate *
candor_update_from_json (JsonNode *node, GError **error)
{
  return candor_update_from_json_at (node, NULL, error);
}
