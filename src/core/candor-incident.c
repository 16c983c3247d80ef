/* candor-incident.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-incident"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "candor-enum-types.h"
#include "candor-incident.h"
#include "candor-json.h"
#include "candor-language.h"
#include "candor-property-setters.h"

struct _CandorIncident
{
  GObject parent_instance;

  char               *id;
  char               *title;
  GStrv               services;
  char               *language;
  GStrv               other_languages;
  GPtrArray          *title_translations; /* TitleTranslation */
  GDateTime          *started_at;
  GDateTime          *detected_at;
  GDateTime          *resolved_at;
  CandorSeverity      severity;
  CandorIncidentState state;
  guint               sla_relevant : 1;
};

/* The title in one of the other languages, and the primary title it was
 * written against: when the primary title changes, the translation is
 * outdated until it is written or confirmed again. */
typedef struct
{
  char *language;
  char *text;
  char *source;
} TitleTranslation;

G_DEFINE_FINAL_TYPE (CandorIncident, candor_incident, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_SERVICES,
  PROP_SEVERITY,
  PROP_STATE,
  PROP_STARTED_AT,
  PROP_DETECTED_AT,
  PROP_RESOLVED_AT,
  PROP_LANGUAGE,
  PROP_OTHER_LANGUAGES,
  PROP_TITLE_TRANSLATIONS,
  PROP_SLA_RELEVANT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *const json_keys[] = {
  "id",          "title",       "services", "severity",        "state",        "started-at",
  "detected-at", "resolved-at", "language", "other-languages", "sla-relevant", "title-translations",
  NULL,
};

static const char *const title_translation_keys[] = { "text", "source", NULL };

static void
title_translation_free (gpointer data)
{
  TitleTranslation *translation = data;

  g_free (translation->language);
  g_free (translation->text);
  g_free (translation->source);
  g_free (translation);
}

static TitleTranslation *
find_title_translation (CandorIncident *self, const char *language)
{
  for (guint i = 0; i < self->title_translations->len; i++)
    {
      TitleTranslation *translation = g_ptr_array_index (self->title_translations, i);

      if (candor_language_equal (translation->language, language))
        return translation;
    }

  return NULL;
}

/* {"ru": {"text": "...", "source": "..."}, ...}, in the order written. */
static JsonNode *
title_translations_to_json (CandorIncident *self)
{
  g_autoptr (JsonObject) object = json_object_new ();
  JsonNode *node;

  for (guint i = 0; i < self->title_translations->len; i++)
    {
      TitleTranslation *translation = g_ptr_array_index (self->title_translations, i);
      g_autoptr (JsonObject) entry = json_object_new ();

      json_object_set_string_member (entry, "text", translation->text);
      json_object_set_string_member (entry, "source",
                                     translation->source != NULL ? translation->source : "");
      json_object_set_object_member (object, translation->language, g_steal_pointer (&entry));
    }

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, object);
  return node;
}

static void
set_date_time_member (JsonObject *object, const char *key, GDateTime *date_time)
{
  g_autofree char *text = date_time != NULL ? candor_json_format_date_time (date_time) : NULL;

  json_object_set_string_member (object, key, text);
}

static void
candor_incident_finalize (GObject *object)
{
  CandorIncident *self = (CandorIncident *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->services, g_strfreev);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->other_languages, g_strfreev);
  g_clear_pointer (&self->title_translations, g_ptr_array_unref);
  g_clear_pointer (&self->started_at, g_date_time_unref);
  g_clear_pointer (&self->detected_at, g_date_time_unref);
  g_clear_pointer (&self->resolved_at, g_date_time_unref);

  G_OBJECT_CLASS (candor_incident_parent_class)->finalize (object);
}

static void
candor_incident_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CandorIncident *self = CANDOR_INCIDENT (object);

  switch (prop_id)
    {
      case PROP_ID:
        g_value_set_string (value, self->id);
        break;

      case PROP_TITLE:
        g_value_set_string (value, self->title);
        break;

      case PROP_SERVICES:
        g_value_set_boxed (value, self->services);
        break;

      case PROP_SEVERITY:
        g_value_set_enum (value, self->severity);
        break;

      case PROP_STATE:
        g_value_set_enum (value, self->state);
        break;

      case PROP_STARTED_AT:
        g_value_set_boxed (value, self->started_at);
        break;

      case PROP_DETECTED_AT:
        g_value_set_boxed (value, self->detected_at);
        break;

      case PROP_RESOLVED_AT:
        g_value_set_boxed (value, self->resolved_at);
        break;

      case PROP_LANGUAGE:
        g_value_set_string (value, self->language);
        break;

      case PROP_OTHER_LANGUAGES:
        g_value_set_boxed (value, self->other_languages);
        break;

      case PROP_TITLE_TRANSLATIONS:
        g_value_take_boxed (value, title_translations_to_json (self));
        break;

      case PROP_SLA_RELEVANT:
        g_value_set_boolean (value, self->sla_relevant);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_incident_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CandorIncident *self = CANDOR_INCIDENT (object);

  switch (prop_id)
    {
      case PROP_ID:
        /* Construct-only: a new incident gets a fresh id, a loaded one keeps its own. */
        self->id = g_value_dup_string (value);
        if (self->id == NULL)
          self->id = g_uuid_string_random ();
        break;

      case PROP_TITLE:
        candor_incident_set_title (self, g_value_get_string (value));
        break;

      case PROP_SERVICES:
        candor_incident_set_services (self, g_value_get_boxed (value));
        break;

      case PROP_SEVERITY:
        candor_incident_set_severity (self, g_value_get_enum (value));
        break;

      case PROP_STATE:
        candor_incident_set_state (self, g_value_get_enum (value));
        break;

      case PROP_STARTED_AT:
        candor_incident_set_started_at (self, g_value_get_boxed (value));
        break;

      case PROP_DETECTED_AT:
        candor_incident_set_detected_at (self, g_value_get_boxed (value));
        break;

      case PROP_RESOLVED_AT:
        candor_incident_set_resolved_at (self, g_value_get_boxed (value));
        break;

      case PROP_LANGUAGE:
        candor_incident_set_language (self, g_value_get_string (value));
        break;

      case PROP_OTHER_LANGUAGES:
        candor_incident_set_other_languages (self, g_value_get_boxed (value));
        break;

      case PROP_SLA_RELEVANT:
        candor_incident_set_sla_relevant (self, g_value_get_boolean (value));
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_incident_class_init (CandorIncidentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = candor_incident_finalize;
  object_class->get_property = candor_incident_get_property;
  object_class->set_property = candor_incident_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, "Stable identifier, kept in drafts and the history", NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, "A short name for what is broken", NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SERVICES] =
    g_param_spec_boxed ("services", NULL, "The services or components affected", G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SEVERITY] = g_param_spec_enum (
    "severity", NULL, "How bad it is: minor, major or critical", CANDOR_TYPE_SEVERITY,
    CANDOR_SEVERITY_MINOR, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, "Where the response stands", CANDOR_TYPE_INCIDENT_STATE,
                       CANDOR_INCIDENT_STATE_INVESTIGATING,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_STARTED_AT] =
    g_param_spec_boxed ("started-at", NULL, "When the problem began", G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_DETECTED_AT] =
    g_param_spec_boxed ("detected-at", NULL, "When we noticed it", G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_RESOLVED_AT] =
    g_param_spec_boxed ("resolved-at", NULL, "When it was fixed, or NULL", G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, "The language messages are written in (en, ru)", NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_OTHER_LANGUAGES] = g_param_spec_boxed (
    "other-languages", NULL, "The languages besides the primary one the updates are written in",
    G_TYPE_STRV, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Read through candor_incident_get_title_in() and its siblings; the
   * property is there to say when any of them changed. */
  properties[PROP_TITLE_TRANSLATIONS] = g_param_spec_boxed (
    "title-translations", NULL, "The title in the other languages, as the draft format writes it",
    JSON_TYPE_NODE, G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SLA_RELEVANT] = g_param_spec_boolean (
    "sla-relevant", NULL, "Whether contracts or SLAs are involved, which may need legal review",
    FALSE, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
candor_incident_init (CandorIncident *self)
{
  self->severity = CANDOR_SEVERITY_MINOR;
  self->state = CANDOR_INCIDENT_STATE_INVESTIGATING;
  self->language = g_strdup (CANDOR_LANGUAGE_DEFAULT);
  self->other_languages = g_new0 (char *, 1);
  self->title_translations = g_ptr_array_new_with_free_func (title_translation_free);
}

CandorIncident *
candor_incident_new (const char *title)
{
  return g_object_new (CANDOR_TYPE_INCIDENT, "title", title, NULL);
}

const char *
candor_incident_get_id (CandorIncident *self)
{
  g_return_val_if_fail (CANDOR_IS_INCIDENT (self), NULL);

  return self->id;
}

const char *
candor_incident_get_title (CandorIncident *self)
{
  g_return_val_if_fail (CANDOR_IS_INCIDENT (self), NULL);

  return self->title;
}

void
candor_incident_set_title (CandorIncident *self, const char *title)
{
  g_return_if_fail (CANDOR_IS_INCIDENT (self));

  if (candor_set_string (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
candor_incident_get_title_in (CandorIncident *self, const char *language)
{
  TitleTranslation *translation;

  g_return_val_if_fail (CANDOR_IS_INCIDENT (self), NULL);
  g_return_val_if_fail (language != NULL, NULL);

  if (candor_language_equal (language, self->language))
    return self->title != NULL ? self->title : "";

  translation = find_title_translation (self, language);
  return translation != NULL ? translation->text : "";
}

void
candor_incident_set_title_in (CandorIncident *self, const char *language, const char *title)
{
  TitleTranslation *translation;
  gboolean          changed;

  g_return_if_fail (CANDOR_IS_INCIDENT (self));
  g_return_if_fail (language != NULL);

  if (candor_language_equal (language, self->language))
    {
      candor_incident_set_title (self, title);
      return;
    }

  translation = find_title_translation (self, language);
  if (title == NULL || *title == '\0')
    {
      if (translation == NULL)
        return;
      g_ptr_array_remove (self->title_translations, translation);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE_TRANSLATIONS]);
      return;
    }

  if (translation == NULL)
    {
      translation = g_new0 (TitleTranslation, 1);
      translation->language = g_strdup (language);
      g_ptr_array_add (self->title_translations, translation);
    }

  changed = candor_set_string (&translation->text, title);
  /* Written now, so against the primary title as it is now. */
  changed |= candor_set_string (&translation->source, self->title != NULL ? self->title : "");
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE_TRANSLATIONS]);
}

gboolean
candor_incident_get_title_outdated_in (CandorIncident *self, const char *language)
{
  TitleTranslation *translation;

  g_return_val_if_fail (CANDOR_IS_INCIDENT (self), FALSE);
  g_return_val_if_fail (language != NULL, FALSE);

  translation = find_title_translation (self, language);
  if (translation == NULL || candor_language_equal (language, self->language))
    return FALSE;

  return g_strcmp0 (translation->source, self->title != NULL ? self->title : "") != 0;
}

void
candor_incident_mark_title_current_in (CandorIncident *self, const char *language)
{
  TitleTranslation *translation;

  g_return_if_fail (CANDOR_IS_INCIDENT (self));
  g_return_if_fail (language != NULL);

  translation = find_title_translation (self, language);
  if (translation == NULL)
    return;

  if (candor_set_string (&translation->source, self->title != NULL ? self->title : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE_TRANSLATIONS]);
}

const char *
candor_incident_get_title_source_in (CandorIncident *self, const char *language)
{
  TitleTranslation *translation;

  g_return_val_if_fail (CANDOR_IS_INCIDENT (self), NULL);
  g_return_val_if_fail (language != NULL, NULL);

  translation = find_title_translation (self, language);
  return translation != NULL ? translation->source : NULL;
}

const char *
candor_incident_get_title_for (CandorIncident *self, const char *language)
{
  const char *title;

  g_return_val_if_fail (CANDOR_IS_INCIDENT (self), NULL);

  title = language != NULL ? candor_incident_get_title_in (self, language) : "";
  return *title != '\0' ? title : self->title;
}

JsonNode *
candor_incident_title_translations_to_json (CandorIncident *self)
{
  g_return_val_if_fail (CANDOR_IS_INCIDENT (self), NULL);

  return title_translations_to_json (self);
}

gboolean
candor_incident_read_title_translations (CandorIncident *self,
                                         JsonNode       *node,
                                         const char     *path,
                                         GError        **error)
{
  g_autoptr (GPtrArray) translations = NULL;
  JsonObjectIter iter;
  const char    *language;
  JsonNode      *member;

  g_return_val_if_fail (CANDOR_IS_INCIDENT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_TYPE,
                   _("%s: expected an object with the title in each language, such as "
                     "{\"en\": {\"text\": \"…\"}}"),
                      path != NULL && *path != '\0' ? path : _("the top level"));
      return FALSE;
    }

  translations = g_ptr_array_new_with_free_func (title_translation_free);
  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &language, &member))
    {
      g_autofree char  *language_path = candor_json_path_join (path, language);
      TitleTranslation *translation;
      const char       *text = NULL;
      const char       *source = NULL;

      if (!candor_language_is_valid (language))
        {
          g_set_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_VALUE,
                       _("%s: “%s” is not a language code; use one such as en or ru"), path,
                          language);
          return FALSE;
        }

      /* A plain string is a title written against the primary title as it is now. */
      if (JSON_NODE_HOLDS_VALUE (member) && json_node_get_value_type (member) == G_TYPE_STRING)
        text = json_node_get_string (member);
      else
        {
          JsonObject *entry =
            candor_json_expect_object (member, language_path, title_translation_keys, error);

          if (entry == NULL ||
              !candor_json_get_string (entry, language_path, "text", &text, error) ||
              !candor_json_get_string (entry, language_path, "source", &source, error))
            return FALSE;
        }

      if (text == NULL || *text == '\0')
        continue;

      translation = g_new0 (TitleTranslation, 1);
      translation->language = g_strdup (language);
      translation->text = g_strdup (text);
      translation->source = g_strdup (source != NULL        ? source
                                      : self->title != NULL ? self->title
                                                            : "");
      g_ptr_array_add (translations, translation);
    }

  g_ptr_array_unref (self->title_translations);
  self->title_translations = g_steal_pointer (&translations);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE_TRANSLATIONS]);

  return TRUE;
}

const char *const *
candor_incident_get_services (CandorIncident *self)
{
  g_return_val_if_fail (CANDOR_IS_INCIDENT (self), NULL);

  return (const char *const *)self->services;
}

void
candor_incident_set_services (CandorIncident *self, const char *const *services)
{
  g_return_if_fail (CANDOR_IS_INCIDENT (self));

  if (self->services != NULL && services != NULL &&
      g_strv_equal ((const char *const *)self->services, services))
    return;
  if (self->services == NULL && services == NULL)
    return;

  g_strfreev (self->services);
  self->services = g_strdupv ((char **)services);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVICES]);
}

CandorSeverity
candor_incident_get_severity (CandorIncident *self)
{
  g_return_val_if_fail (CANDOR_IS_INCIDENT (self), 0);

  return self->severity;
}

void
candor_incident_set_severity (CandorIncident *self, CandorSeverity severity)
{
  g_return_if_fail (CANDOR_IS_INCIDENT (self));

  if (self->severity == severity)
    return;

  self->severity = severity;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEVERITY]);
}

CandorIncidentState
candor_incident_get_state (CandorIncident *self)
{
  g_return_val_if_fail (CANDOR_IS_INCIDENT (self), 0);

  return self->state;
}

void
candor_incident_set_state (CandorIncident *self, CandorIncidentState state)
{
  g_return_if_fail (CANDOR_IS_INCIDENT (self));

  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

GDateTime *
candor_incident_get_started_at (CandorIncident *self)
{
  g_return_val_if_fail (CANDOR_IS_INCIDENT (self), NULL);

  return self->started_at;
}

void
candor_incident_set_started_at (CandorIncident *self, GDateTime *started_at)
{
  g_return_if_fail (CANDOR_IS_INCIDENT (self));

  if (candor_set_date_time (&self->started_at, started_at))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STARTED_AT]);
}

GDateTime *
candor_incident_get_detected_at (CandorIncident *self)
{
  g_return_val_if_fail (CANDOR_IS_INCIDENT (self), NULL);

  return self->detected_at;
}

void
candor_incident_set_detected_at (CandorIncident *self, GDateTime *detected_at)
{
  g_return_if_fail (CANDOR_IS_INCIDENT (self));

  if (candor_set_date_time (&self->detected_at, detected_at))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETECTED_AT]);
}

GDateTime *
candor_incident_get_resolved_at (CandorIncident *self)
{
  g_return_val_if_fail (CANDOR_IS_INCIDENT (self), NULL);

  return self->resolved_at;
}

void
candor_incident_set_resolved_at (CandorIncident *self, GDateTime *resolved_at)
{
  g_return_if_fail (CANDOR_IS_INCIDENT (self));

  if (candor_set_date_time (&self->resolved_at, resolved_at))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESOLVED_AT]);
}

const char *
candor_incident_get_language (CandorIncident *self)
{
  g_return_val_if_fail (CANDOR_IS_INCIDENT (self), NULL);

  return self->language;
}

void
candor_incident_set_language (CandorIncident *self, const char *language)
{
  g_return_if_fail (CANDOR_IS_INCIDENT (self));

  if (!candor_set_string (&self->language, language))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
  /* The new primary language is no longer one of the others. */
  candor_incident_set_other_languages (self, (const char *const *)self->other_languages);
}

const char *const *
candor_incident_get_other_languages (CandorIncident *self)
{
  g_return_val_if_fail (CANDOR_IS_INCIDENT (self), NULL);

  return (const char *const *)self->other_languages;
}

/* Without the primary language and without repeats, in the order given. */
static GStrv
filter_other_languages (CandorIncident *self, const char *const *languages)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr (GPtrArray) seen = g_ptr_array_new ();

  for (guint i = 0; languages != NULL && languages[i] != NULL; i++)
    {
      gboolean repeated = candor_language_equal (languages[i], self->language);

      for (guint j = 0; !repeated && j < seen->len; j++)
        repeated = candor_language_equal (languages[i], g_ptr_array_index (seen, j));
      if (repeated || *languages[i] == '\0')
        continue;

      g_ptr_array_add (seen, (gpointer)languages[i]);
      g_strv_builder_add (builder, languages[i]);
    }

  return g_strv_builder_end (builder);
}

void
candor_incident_set_other_languages (CandorIncident *self, const char *const *languages)
{
  g_auto (GStrv) filtered = NULL;

  g_return_if_fail (CANDOR_IS_INCIDENT (self));

  filtered = filter_other_languages (self, languages);
  if (g_strv_equal ((const char *const *)filtered, (const char *const *)self->other_languages))
    return;

  g_strfreev (self->other_languages);
  self->other_languages = g_steal_pointer (&filtered);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OTHER_LANGUAGES]);
}

GStrv
candor_incident_dup_languages (CandorIncident *self)
{
  g_autoptr (GStrvBuilder) builder = NULL;

  g_return_val_if_fail (CANDOR_IS_INCIDENT (self), NULL);

  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, self->language != NULL && *self->language != '\0'
                                 ? self->language
                                 : CANDOR_LANGUAGE_DEFAULT);
  g_strv_builder_addv (builder, (const char **)self->other_languages);

  return g_strv_builder_end (builder);
}

gboolean
candor_incident_has_language (CandorIncident *self, const char *language)
{
  g_return_val_if_fail (CANDOR_IS_INCIDENT (self), FALSE);

  if (language == NULL)
    return FALSE;
  if (candor_language_equal (language, self->language))
    return TRUE;
  for (guint i = 0; self->other_languages[i] != NULL; i++)
    if (candor_language_equal (language, self->other_languages[i]))
      return TRUE;

  return FALSE;
}

gboolean
candor_incident_get_sla_relevant (CandorIncident *self)
{
  g_return_val_if_fail (CANDOR_IS_INCIDENT (self), FALSE);

  return self->sla_relevant;
}

void
candor_incident_set_sla_relevant (CandorIncident *self, gboolean sla_relevant)
{
  g_return_if_fail (CANDOR_IS_INCIDENT (self));

  sla_relevant = !!sla_relevant;
  if (self->sla_relevant == sla_relevant)
    return;

  self->sla_relevant = sla_relevant;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SLA_RELEVANT]);
}

CandorIncident *
candor_incident_copy (CandorIncident *self)
{
  CandorIncident *copy;

  g_return_val_if_fail (CANDOR_IS_INCIDENT (self), NULL);

  copy = g_object_new (CANDOR_TYPE_INCIDENT, "id", self->id, NULL);
  copy->title = g_strdup (self->title);
  copy->services = g_strdupv (self->services);
  g_free (copy->language);
  copy->language = g_strdup (self->language);
  g_strfreev (copy->other_languages);
  copy->other_languages = g_strdupv (self->other_languages);
  for (guint i = 0; i < self->title_translations->len; i++)
    {
      TitleTranslation *translation = g_ptr_array_index (self->title_translations, i);
      TitleTranslation *copied = g_new0 (TitleTranslation, 1);

      copied->language = g_strdup (translation->language);
      copied->text = g_strdup (translation->text);
      copied->source = g_strdup (translation->source);
      g_ptr_array_add (copy->title_translations, copied);
    }
  /* GDateTime never changes once made, so sharing one is a deep copy. */
  copy->started_at = self->started_at != NULL ? g_date_time_ref (self->started_at) : NULL;
  copy->detected_at = self->detected_at != NULL ? g_date_time_ref (self->detected_at) : NULL;
  copy->resolved_at = self->resolved_at != NULL ? g_date_time_ref (self->resolved_at) : NULL;
  copy->severity = self->severity;
  copy->state = self->state;
  copy->sla_relevant = self->sla_relevant;

  return copy;
}

JsonNode *
candor_incident_to_json (CandorIncident *self)
{
  g_autoptr (JsonObject) object = NULL;
  g_autoptr (JsonArray) services = NULL;
  g_autoptr (JsonArray) other_languages = NULL;
  JsonNode *node;

  g_return_val_if_fail (CANDOR_IS_INCIDENT (self), NULL);

  services = json_array_sized_new (self->services != NULL ? g_strv_length (self->services) : 0);
  for (guint i = 0; self->services != NULL && self->services[i] != NULL; i++)
    json_array_add_string_element (services, self->services[i]);

  other_languages = json_array_sized_new (g_strv_length (self->other_languages));
  for (guint i = 0; self->other_languages[i] != NULL; i++)
    json_array_add_string_element (other_languages, self->other_languages[i]);

  object = json_object_new ();
  json_object_set_string_member (object, "id", self->id);
  /* A new incident has no title yet, which is not the same as an empty one. */
  json_object_set_string_member (object, "title", self->title);
  json_object_set_array_member (object, "services", g_steal_pointer (&services));
  json_object_set_string_member (object, "severity",
                                 candor_enum_to_nick (CANDOR_TYPE_SEVERITY, self->severity));
  json_object_set_string_member (object, "state",
                                 candor_enum_to_nick (CANDOR_TYPE_INCIDENT_STATE, self->state));
  set_date_time_member (object, "started-at", self->started_at);
  set_date_time_member (object, "detected-at", self->detected_at);
  set_date_time_member (object, "resolved-at", self->resolved_at);
  json_object_set_string_member (object, "language", self->language);
  json_object_set_array_member (object, "other-languages", g_steal_pointer (&other_languages));
  json_object_set_boolean_member (object, "sla-relevant", self->sla_relevant);
  /* Absent in one language, so a draft without translations reads as before. */
  if (self->title_translations->len > 0)
    json_object_set_member (object, "title-translations", title_translations_to_json (self));

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, object);
  return node;
}

CandorIncident *
candor_incident_from_json_at (JsonNode *node, const char *path, GError **error)
{
  g_autoptr (CandorIncident) self = NULL;
  g_autoptr (GDateTime) started_at = NULL;
  g_autoptr (GDateTime) detected_at = NULL;
  g_autoptr (GDateTime) resolved_at = NULL;
  g_auto (GStrv) services = NULL;
  g_auto (GStrv) other_languages = NULL;
  const char *id = NULL;
  const char *title = NULL;
  const char *language = NULL;
  int         severity = CANDOR_SEVERITY_MINOR;
  int         state = CANDOR_INCIDENT_STATE_INVESTIGATING;
  gboolean    sla_relevant = FALSE;
  JsonObject *object;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = candor_json_expect_object (node, path, json_keys, error);
  if (object == NULL)
    return NULL;

  if (!candor_json_get_string (object, path, "id", &id, error) ||
      !candor_json_get_string (object, path, "title", &title, error) ||
      !candor_json_get_strv (object, path, "services", &services, error))
    return NULL;

  if (!candor_json_get_enum (object, path, "severity", CANDOR_TYPE_SEVERITY,
                             _("a severity"), &severity, error))
    return NULL;

  if (!candor_json_get_enum (object, path, "state", CANDOR_TYPE_INCIDENT_STATE,
                             _("an incident state"), &state, error))
    return NULL;

  if (!candor_json_get_date_time (object, path, "started-at", &started_at, error) ||
      !candor_json_get_date_time (object, path, "detected-at", &detected_at, error) ||
      !candor_json_get_date_time (object, path, "resolved-at", &resolved_at, error) ||
      !candor_json_get_string (object, path, "language", &language, error) ||
      !candor_json_get_strv (object, path, "other-languages", &other_languages, error) ||
      !candor_json_get_boolean (object, path, "sla-relevant", &sla_relevant, error))
    return NULL;

  /* No services and an empty list are one thing; keep it canonical. */
  if (services != NULL && services[0] == NULL)
    g_clear_pointer (&services, g_strfreev);

  if (language != NULL && !candor_language_is_valid (language))
    {
      g_autofree char *key_path = candor_json_path_join (path, "language");

      g_set_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_VALUE,
                   _("%s: “%s” is not a language code; use one such as en or ru"), key_path,
                      language);
      return NULL;
    }

  for (guint i = 0; other_languages != NULL && other_languages[i] != NULL; i++)
    {
      if (!candor_language_is_valid (other_languages[i]))
        {
          g_autofree char *element_path =
            g_strdup_printf ("%s%sother-languages[%u]", path != NULL ? path : "",
                             path != NULL && *path != '\0' ? "." : "", i);

          g_set_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_VALUE,
                       _("%s: “%s” is not a language code; use one such as en or ru"),
                          element_path, other_languages[i]);
          return NULL;
        }
    }

  /* An empty id is as good as none: the incident gets a fresh one. */
  self = g_object_new (CANDOR_TYPE_INCIDENT, "id", id != NULL && *id != '\0' ? id : NULL, "title",
                       title, "services", services, "severity", severity, "state", state,
                       "started-at", started_at, "detected-at", detected_at, "resolved-at",
                       resolved_at, "sla-relevant", sla_relevant, NULL);
  if (language != NULL)
    candor_incident_set_language (self, language);
  candor_incident_set_other_languages (self, (const char *const *)other_languages);

  {
    g_autofree char *translations_path = candor_json_path_join (path, "title-translations");

    if (!candor_incident_read_title_translations (
          self, json_object_get_member (object, "title-translations"), translations_path, error))
      return NULL;
  }

  return g_steal_pointer (&self);
}

CandorIncident *
candor_incident_from_json (JsonNode *node, GError **error)
{
  return candor_incident_from_json_at (node, NULL, error);
}
