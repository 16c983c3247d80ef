/* candor-draft.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-draft"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "candor-draft.h"
#include "candor-enum-types.h"

#define DRAFT_FORMAT_NAME "candor-draft"

struct _CandorDraft
{
  GObject parent_instance;

  CandorIncident *incident;
  CandorUpdate   *update;
  /* NULL until someone asks: then the defaults, or the draft's own. */
  GPtrArray *audiences;
  guint      own_audiences : 1;
};

G_DEFINE_FINAL_TYPE (CandorDraft, candor_draft, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_INCIDENT,
  PROP_UPDATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *const document_keys[] = {
  "format", "version", "incident", "update", "audiences", NULL,
};

static const char *const incident_keys[] = {
  "id",          "title",       "services", "severity",     "state", "started-at",
  "detected-at", "resolved-at", "language", "sla-relevant", NULL,
};

/* The field keys are the CandorField nicks, in the enum's order. */
static const char *const update_keys[] = {
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

static void
candor_draft_finalize (GObject *object)
{
  CandorDraft *self = (CandorDraft *)object;

  g_clear_object (&self->incident);
  g_clear_object (&self->update);
  g_clear_pointer (&self->audiences, g_ptr_array_unref);

  G_OBJECT_CLASS (candor_draft_parent_class)->finalize (object);
}

static void
candor_draft_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CandorDraft *self = CANDOR_DRAFT (object);

  switch (prop_id)
    {
      case PROP_INCIDENT:
        g_value_set_object (value, self->incident);
        break;

      case PROP_UPDATE:
        g_value_set_object (value, self->update);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_draft_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CandorDraft *self = CANDOR_DRAFT (object);

  switch (prop_id)
    {
      case PROP_INCIDENT:
        self->incident = g_value_dup_object (value);
        if (self->incident == NULL)
          self->incident = candor_incident_new (NULL);
        break;

      case PROP_UPDATE:
        self->update = g_value_dup_object (value);
        if (self->update == NULL)
          self->update = candor_update_new (CANDOR_UPDATE_KIND_INITIAL);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_draft_class_init (CandorDraftClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = candor_draft_finalize;
  object_class->get_property = candor_draft_get_property;
  object_class->set_property = candor_draft_set_property;

  properties[PROP_INCIDENT] = g_param_spec_object (
    "incident", NULL, "The incident the message is about", CANDOR_TYPE_INCIDENT,
    G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_UPDATE] =
    g_param_spec_object ("update", NULL, "The message being written", CANDOR_TYPE_UPDATE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
candor_draft_init (CandorDraft *self)
{
}

CandorDraft *
candor_draft_new (CandorIncident *incident, CandorUpdate *update)
{
  g_return_val_if_fail (incident == NULL || CANDOR_IS_INCIDENT (incident), NULL);
  g_return_val_if_fail (update == NULL || CANDOR_IS_UPDATE (update), NULL);

  return g_object_new (CANDOR_TYPE_DRAFT, "incident", incident, "update", update, NULL);
}

/* Reading */

static gboolean
is_language_code (const char *text)
{
  gsize letters = 0;

  /* "en", "ru", "pt-BR", "zh_Hant": a primary subtag of 2-3 letters, then
   * alphanumeric subtags. Enough to catch "English" or a stray space. */
  while (g_ascii_islower (text[letters]))
    letters++;
  if (letters < 2 || letters > 3)
    return FALSE;

  for (const char *p = text + letters; *p != '\0'; p++)
    {
      if (*p == '-' || *p == '_')
        {
          if (!g_ascii_isalnum (p[1]))
            return FALSE;
        }
      else if (!g_ascii_isalnum (*p))
        return FALSE;
    }

  return TRUE;
}

static JsonObject *
expect_member_object (JsonObject *parent, const char *key, const char *const *known, GError **error)
{
  JsonNode *node = json_object_get_member (parent, key);

  if (node == NULL)
    {
      g_set_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_MISSING_KEY,
                   _("%s: missing; a draft has an “incident” and an “update” object, even if "
                     "empty"),
                      key);
      return NULL;
    }

  return candor_json_expect_object (node, key, known, error);
}

static CandorIncident *
read_incident (JsonObject *document, GError **error)
{
  g_autoptr (CandorIncident) incident = NULL;
  g_autoptr (GDateTime) started_at = NULL;
  g_autoptr (GDateTime) detected_at = NULL;
  g_autoptr (GDateTime) resolved_at = NULL;
  g_auto (GStrv) services = NULL;
  const char *path = "incident";
  const char *id = NULL;
  const char *title = NULL;
  const char *language = NULL;
  int         severity = CANDOR_SEVERITY_MINOR;
  int         state = CANDOR_INCIDENT_STATE_INVESTIGATING;
  gboolean    sla_relevant = FALSE;
  JsonObject *object;

  object = expect_member_object (document, path, incident_keys, error);
  if (object == NULL)
    return NULL;

  if (!candor_json_get_string (object, path, "id", &id, error) ||
      !candor_json_get_string (object, path, "title", &title, error) ||
      !candor_json_get_strv (object, path, "services", &services, error) ||
      !candor_json_get_enum (
        object, path, "severity", CANDOR_TYPE_SEVERITY, _("a severity"), &severity, error) ||
        !candor_json_get_enum (
          object, path, "state", CANDOR_TYPE_INCIDENT_STATE,
          _("an incident state"), &state, error) ||
          !candor_json_get_date_time (object, path, "started-at", &started_at, error) ||
          !candor_json_get_date_time (object, path, "detected-at", &detected_at, error) ||
          !candor_json_get_date_time (object, path, "resolved-at", &resolved_at, error) ||
          !candor_json_get_string (object, path, "language", &language, error) ||
          !candor_json_get_boolean (object, path, "sla-relevant", &sla_relevant, error))
    return NULL;

  /* No services and an empty list are one thing; keep it canonical. */
  if (services != NULL && services[0] == NULL)
    g_clear_pointer (&services, g_strfreev);

  if (language != NULL && !is_language_code (language))
    {
      g_set_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_VALUE,
                   _("incident.language: “%s” is not a language code; use one such as en or ru"),
                      language);
      return NULL;
    }

  /* An empty id is as good as none: the incident gets a fresh one. */
  incident = g_object_new (CANDOR_TYPE_INCIDENT, "id", id != NULL && *id != '\0' ? id : NULL,
                           "title", title, "services", services, "severity", severity, "state",
                           state, "started-at", started_at, "detected-at", detected_at,
                           "resolved-at", resolved_at, "sla-relevant", sla_relevant, NULL);
  if (language != NULL)
    candor_incident_set_language (incident, language);

  return g_steal_pointer (&incident);
}

static CandorUpdate *
read_update (JsonObject *document, GError **error)
{
  g_autoptr (CandorUpdate) update = NULL;
  g_autoptr (GDateTime) created_at = NULL;
  g_autoptr (GDateTime) next_update_at = NULL;
  const char *path = "update";
  const char *id = NULL;
  const char *contact_name = NULL;
  const char *contact_reach = NULL;
  const char *texts[CANDOR_N_FIELDS] = { NULL };
  int         kind = CANDOR_UPDATE_KIND_INITIAL;
  gboolean    no_lasting_consequences = FALSE;
  gboolean    when_changed = FALSE;
  JsonObject *object;

  object = expect_member_object (document, path, update_keys, error);
  if (object == NULL)
    return NULL;

  if (!candor_json_get_string (object, path, "id", &id, error) ||
      !candor_json_get_enum (
        object, path, "kind", CANDOR_TYPE_UPDATE_KIND, _("a message kind"), &kind, error) ||
        !candor_json_get_date_time (object, path, "created-at", &created_at, error))
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

  update = g_object_new (CANDOR_TYPE_UPDATE, "id", id != NULL && *id != '\0' ? id : NULL,
                         "created-at", created_at, "kind", kind, NULL);
  for (CandorField field = 0; field < CANDOR_N_FIELDS; field++)
    candor_update_set_field (update, field, texts[field]);
  candor_update_set_no_lasting_consequences (update, no_lasting_consequences);
  candor_update_set_contact_name (update, contact_name);
  candor_update_set_contact_reach (update, contact_reach);
  candor_update_set_next_update_at (update, next_update_at);
  candor_update_set_next_update_when_changed (update, when_changed);

  return g_steal_pointer (&update);
}

static gboolean
read_audiences (JsonObject *document, GPtrArray **out, GError **error)
{
  g_autoptr (GPtrArray) audiences = NULL;
  JsonNode  *node = json_object_get_member (document, "audiences");
  JsonArray *array;
  guint      length;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_TYPE,
                   _("audiences: expected a list of audience objects"));
      return FALSE;
    }

  array = json_node_get_array (node);
  length = json_array_get_length (array);
  audiences = g_ptr_array_new_full (length, g_object_unref);
  for (guint i = 0; i < length; i++)
    {
      g_autofree char *path = g_strdup_printf ("audiences[%u]", i);
      CandorAudience  *audience;

      audience = candor_audience_new_from_json_at (json_array_get_element (array, i), path, error);
      if (audience == NULL)
        return FALSE;

      /* Two audiences with one id would make every reference to it ambiguous. */
      for (guint j = 0; j < audiences->len; j++)
        {
          if (g_str_equal (candor_audience_get_id (g_ptr_array_index (audiences, j)),
                           candor_audience_get_id (audience)))
            {
              g_set_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_VALUE,
                           _("%s.id: “%s” is already the id of audiences[%u]"), path,
                              candor_audience_get_id (audience), j);
              g_object_unref (audience);
              return FALSE;
            }
        }

      g_ptr_array_add (audiences, audience);
    }

  *out = g_steal_pointer (&audiences);
  return TRUE;
}

/* The envelope comes first: a newer version may have keys this one does not know,
 * and "written by a newer Candor" is the more useful thing to hear then. */
static gboolean
check_envelope (JsonNode *root, JsonObject **out_document, GError **error)
{
  JsonObject *document;
  JsonNode   *format;
  JsonNode   *version;
  gint64      version_number;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_TYPE,
                   _("a draft is a JSON object starting with "
                     "{\"format\": \"candor-draft\", \"version\": 1, ..."));
      return FALSE;
    }

  document = json_node_get_object (root);
  format = json_object_get_member (document, "format");
  if (format == NULL)
    {
      g_set_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_MISSING_KEY,
                   _("format: missing; a draft starts with {\"format\": \"candor-draft\", ..."));
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_VALUE (format) || json_node_get_value_type (format) != G_TYPE_STRING ||
      !g_str_equal (json_node_get_string (format), DRAFT_FORMAT_NAME))
    {
      g_set_error (
        error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_VERSION,
        _("format: this is not a Candor draft; a draft has \"format\": \"candor-draft\""));
      return FALSE;
    }

  version = json_object_get_member (document, "version");
  if (version == NULL)
    {
      g_set_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_MISSING_KEY,
                   _("version: missing; this Candor writes \"version\": %d"),
                      CANDOR_DRAFT_VERSION);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_VALUE (version) || json_node_get_value_type (version) != G_TYPE_INT64 ||
      json_node_get_int (version) < 1)
    {
      g_set_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_VALUE,
                   _("version: expected a whole number from 1; this Candor writes %d"),
                      CANDOR_DRAFT_VERSION);
      return FALSE;
    }

  version_number = json_node_get_int (version);
  if (version_number > CANDOR_DRAFT_VERSION)
    {
      g_set_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_VERSION,
                   _("version: the draft is version %lld, written by a newer Candor; this one "
                     "reads up to version %d"),
                      (long long)version_number, CANDOR_DRAFT_VERSION);
      return FALSE;
    }

  *out_document = candor_json_expect_object (root, NULL, document_keys, error);
  return *out_document != NULL;
}

CandorDraft *
candor_draft_load_from_data (const char *data, gssize length, GError **error)
{
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (CandorIncident) incident = NULL;
  g_autoptr (CandorUpdate) update = NULL;
  g_autoptr (GPtrArray) audiences = NULL;
  CandorDraft *self;
  JsonObject  *document;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = candor_json_parse (data != NULL ? data : "", length, NULL, error);
  if (root == NULL)
    return NULL;

  if (!check_envelope (root, &document, error))
    return NULL;

  incident = read_incident (document, error);
  if (incident == NULL)
    return NULL;

  update = read_update (document, error);
  if (update == NULL)
    return NULL;

  if (!read_audiences (document, &audiences, error))
    return NULL;

  self = candor_draft_new (incident, update);
  if (audiences != NULL)
    candor_draft_set_audiences (self, audiences);

  return self;
}

CandorDraft *
candor_draft_load_from_file (GFile *file, GCancellable *cancellable, GError **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  gsize            length;
  CandorDraft     *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, error))
    return NULL;

  self = candor_draft_load_from_data (contents, length, error);
  if (self == NULL && error != NULL)
    {
      name = g_file_get_parse_name (file);
      g_prefix_error (error, "%s: ", name);
    }

  return self;
}

/* Writing */

static void
add_string (JsonBuilder *builder, const char *key, const char *value)
{
  json_builder_set_member_name (builder, key);
  json_builder_add_string_value (builder, value != NULL ? value : "");
}

static void
add_date_time (JsonBuilder *builder, const char *key, GDateTime *value)
{
  g_autofree char *text = NULL;

  json_builder_set_member_name (builder, key);
  if (value == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }

  text = candor_json_format_date_time (value);
  json_builder_add_string_value (builder, text);
}

static void
add_boolean (JsonBuilder *builder, const char *key, gboolean value)
{
  json_builder_set_member_name (builder, key);
  json_builder_add_boolean_value (builder, value);
}

static void
add_incident (JsonBuilder *builder, CandorIncident *incident)
{
  const char *const *services = candor_incident_get_services (incident);

  json_builder_set_member_name (builder, "incident");
  json_builder_begin_object (builder);
  add_string (builder, "id", candor_incident_get_id (incident));
  /* A new incident has no title yet, which is not the same as an empty one. */
  json_builder_set_member_name (builder, "title");
  if (candor_incident_get_title (incident) != NULL)
    json_builder_add_string_value (builder, candor_incident_get_title (incident));
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "services");
  json_builder_begin_array (builder);
  for (guint i = 0; services != NULL && services[i] != NULL; i++)
    json_builder_add_string_value (builder, services[i]);
  json_builder_end_array (builder);

  add_string (builder, "severity",
              candor_enum_to_nick (CANDOR_TYPE_SEVERITY, candor_incident_get_severity (incident)));
  add_string (
    builder, "state",
    candor_enum_to_nick (CANDOR_TYPE_INCIDENT_STATE, candor_incident_get_state (incident)));
  add_date_time (builder, "started-at", candor_incident_get_started_at (incident));
  add_date_time (builder, "detected-at", candor_incident_get_detected_at (incident));
  add_date_time (builder, "resolved-at", candor_incident_get_resolved_at (incident));
  add_string (builder, "language", candor_incident_get_language (incident));
  add_boolean (builder, "sla-relevant", candor_incident_get_sla_relevant (incident));
  json_builder_end_object (builder);
}

static void
add_update (JsonBuilder *builder, CandorUpdate *update)
{
  json_builder_set_member_name (builder, "update");
  json_builder_begin_object (builder);
  add_string (builder, "id", candor_update_get_id (update));
  add_string (builder, "kind",
              candor_enum_to_nick (CANDOR_TYPE_UPDATE_KIND, candor_update_get_kind (update)));
  add_date_time (builder, "created-at", candor_update_get_created_at (update));

  for (CandorField field = 0; field < CANDOR_N_FIELDS; field++)
    add_string (builder, candor_enum_to_nick (CANDOR_TYPE_FIELD, field),
                candor_update_get_field (update, field));

  add_boolean (builder, "no-lasting-consequences",
               candor_update_get_no_lasting_consequences (update));
  add_string (builder, "contact-name", candor_update_get_contact_name (update));
  add_string (builder, "contact-reach", candor_update_get_contact_reach (update));
  add_date_time (builder, "next-update-at", candor_update_get_next_update_at (update));
  add_boolean (builder, "next-update-when-changed",
               candor_update_get_next_update_when_changed (update));
  json_builder_end_object (builder);
}

char *
candor_draft_to_data (CandorDraft *self, gsize *length)
{
  g_autoptr (JsonBuilder) builder = NULL;
  g_autoptr (JsonGenerator) generator = NULL;
  g_autoptr (JsonNode) root = NULL;

  g_return_val_if_fail (CANDOR_IS_DRAFT (self), NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  add_string (builder, "format", DRAFT_FORMAT_NAME);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, CANDOR_DRAFT_VERSION);
  add_incident (builder, self->incident);
  add_update (builder, self->update);

  if (self->own_audiences)
    {
      json_builder_set_member_name (builder, "audiences");
      json_builder_begin_array (builder);
      for (guint i = 0; i < self->audiences->len; i++)
        json_builder_add_value (builder,
                                candor_audience_to_json (g_ptr_array_index (self->audiences, i)));
      json_builder_end_array (builder);
    }

  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, length);
}

gboolean
candor_draft_save_to_file (CandorDraft  *self,
                           GFile        *file,
                           GCancellable *cancellable,
                           GError      **error)
{
  g_autofree char *data = NULL;
  gsize            length;

  g_return_val_if_fail (CANDOR_IS_DRAFT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = candor_draft_to_data (self, &length);

  /* g_file_replace_contents() writes a temporary file and renames it over the
   * old one, so a crash mid-save never leaves half a draft behind. */
  return g_file_replace_contents (file, data, length, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                  cancellable, error);
}

CandorIncident *
candor_draft_get_incident (CandorDraft *self)
{
  g_return_val_if_fail (CANDOR_IS_DRAFT (self), NULL);

  return self->incident;
}

CandorUpdate *
candor_draft_get_update (CandorDraft *self)
{
  g_return_val_if_fail (CANDOR_IS_DRAFT (self), NULL);

  return self->update;
}

GPtrArray *
candor_draft_get_audiences (CandorDraft *self)
{
  g_return_val_if_fail (CANDOR_IS_DRAFT (self), NULL);

  if (self->audiences == NULL)
    self->audiences = candor_audience_new_defaults ();

  return self->audiences;
}

void
candor_draft_set_audiences (CandorDraft *self, GPtrArray *audiences)
{
  g_return_if_fail (CANDOR_IS_DRAFT (self));

  g_clear_pointer (&self->audiences, g_ptr_array_unref);
  self->own_audiences = audiences != NULL;
  if (audiences != NULL)
    self->audiences = g_ptr_array_ref (audiences);
}

gboolean
candor_draft_has_own_audiences (CandorDraft *self)
{
  g_return_val_if_fail (CANDOR_IS_DRAFT (self), FALSE);

  return self->own_audiences;
}
