/* candor-template.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-template"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "candor-enum-types.h"
#include "candor-json.h"
#include "candor-mustache.h"
#include "candor-placeholder.h"
#include "candor-time-zones.h"
#include "candor-template-private.h"

G_DEFINE_FINAL_TYPE (CandorTemplate, candor_template, G_TYPE_OBJECT)

G_DEFINE_QUARK (candor-template-error-quark, candor_template_error);

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_LANGUAGE,
  PROP_KIND,
  PROP_STAGE,
  PROP_SEVERITY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clear_variable (gpointer data)
{
  CandorTemplateVariable *variable = data;

  g_free ((char *)variable->name);
  g_free ((char *)variable->description);
  g_clear_pointer (&variable->example, json_node_unref);
}

static void
candor_template_finalize (GObject *object)
{
  CandorTemplate *self = (CandorTemplate *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->variables, g_array_unref);
  g_clear_pointer (&self->examples, json_node_unref);
  for (guint i = 0; i < CANDOR_N_FIELDS; i++)
    {
      g_clear_pointer (&self->fields[i], g_free);
      g_clear_pointer (&self->compiled[i], candor_mustache_template_unref);
    }

  G_OBJECT_CLASS (candor_template_parent_class)->finalize (object);
}

static void
candor_template_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CandorTemplate *self = CANDOR_TEMPLATE (object);

  switch (prop_id)
    {
      case PROP_ID:
        g_value_set_string (value, self->id);
        break;

      case PROP_NAME:
        g_value_set_string (value, self->name);
        break;

      case PROP_DESCRIPTION:
        g_value_set_string (value, self->description);
        break;

      case PROP_LANGUAGE:
        g_value_set_string (value, self->language);
        break;

      case PROP_KIND:
        g_value_set_enum (value, self->kind);
        break;

      case PROP_STAGE:
        g_value_set_enum (value, self->stage);
        break;

      case PROP_SEVERITY:
        g_value_set_enum (value, self->severity);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_template_class_init (CandorTemplateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = candor_template_finalize;
  object_class->get_property = candor_template_get_property;

  /* Read-only: a template is what its file says, and a loaded one is validated. */
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_LANGUAGE] = g_param_spec_string ("language", NULL, NULL, NULL, flags);
  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, CANDOR_TYPE_UPDATE_KIND,
                                             CANDOR_UPDATE_KIND_INITIAL, flags);
  properties[PROP_STAGE] = g_param_spec_enum ("stage", NULL, NULL, CANDOR_TYPE_TEMPLATE_STAGE,
                                              CANDOR_TEMPLATE_STAGE_INVESTIGATING, flags);
  properties[PROP_SEVERITY] =
    g_param_spec_enum ("severity", NULL, NULL, CANDOR_TYPE_SEVERITY, CANDOR_SEVERITY_MINOR, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
candor_template_init (CandorTemplate *self)
{
  self->variables = g_array_new (FALSE, TRUE, sizeof (CandorTemplateVariable));
  g_array_set_clear_func (self->variables, clear_variable);
}

/**
 * candor_template_new_from_data:
 * @source_name: (nullable): what the data came from, usually a path, for errors
 *
 * Returns: (transfer full) (nullable): the template, or %NULL with @error set
 */
CandorTemplate *
candor_template_new_from_data (const char *data,
                               gssize      length,
                               const char *source_name,
                               GError    **error)
{
  g_autoptr (CandorTemplate) self = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Syntax errors come back already named after the source. */
  root = candor_json_parse (data != NULL ? data : "", length, source_name, error);
  if (root == NULL)
    return NULL;

  self = g_object_new (CANDOR_TYPE_TEMPLATE, NULL);
  if (!_candor_template_read (self, root, &local_error))
    {
      if (source_name != NULL)
        g_prefix_error (&local_error, "%s: ", source_name);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * candor_template_new_from_file:
 *
 * Returns: (transfer full) (nullable): the template, or %NULL with @error set;
 *   every error names the file
 */
CandorTemplate *
candor_template_new_from_file (GFile *file, GCancellable *cancellable, GError **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  g_autoptr (GError) local_error = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_file_get_parse_name (file);
  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, &local_error))
    {
      /* GIO's messages already name the file. */
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return candor_template_new_from_data (contents, length, name, error);
}

const char *
candor_template_get_id (CandorTemplate *self)
{
  g_return_val_if_fail (CANDOR_IS_TEMPLATE (self), NULL);

  return self->id;
}

const char *
candor_template_get_name (CandorTemplate *self)
{
  g_return_val_if_fail (CANDOR_IS_TEMPLATE (self), NULL);

  return self->name;
}

const char *
candor_template_get_description (CandorTemplate *self)
{
  g_return_val_if_fail (CANDOR_IS_TEMPLATE (self), NULL);

  return self->description;
}

const char *
candor_template_get_language (CandorTemplate *self)
{
  g_return_val_if_fail (CANDOR_IS_TEMPLATE (self), NULL);

  return self->language;
}

CandorUpdateKind
candor_template_get_kind (CandorTemplate *self)
{
  g_return_val_if_fail (CANDOR_IS_TEMPLATE (self), CANDOR_UPDATE_KIND_INITIAL);

  return self->kind;
}

CandorTemplateStage
candor_template_get_stage (CandorTemplate *self)
{
  g_return_val_if_fail (CANDOR_IS_TEMPLATE (self), CANDOR_TEMPLATE_STAGE_INVESTIGATING);

  return self->stage;
}

CandorSeverity
candor_template_get_severity (CandorTemplate *self)
{
  g_return_val_if_fail (CANDOR_IS_TEMPLATE (self), CANDOR_SEVERITY_MINOR);

  return self->severity;
}

guint
candor_template_get_n_variables (CandorTemplate *self)
{
  g_return_val_if_fail (CANDOR_IS_TEMPLATE (self), 0);

  return self->variables->len;
}

/**
 * candor_template_get_variable:
 *
 * Returns: (transfer none): the variable at @index, in the order declared
 */
const CandorTemplateVariable *
candor_template_get_variable (CandorTemplate *self, guint index)
{
  g_return_val_if_fail (CANDOR_IS_TEMPLATE (self), NULL);
  g_return_val_if_fail (index < self->variables->len, NULL);

  return &g_array_index (self->variables, CandorTemplateVariable, index);
}

/**
 * candor_template_dup_example_values:
 *
 * Returns: (transfer full): a JSON object with each variable's example
 */
JsonNode *
candor_template_dup_example_values (CandorTemplate *self)
{
  g_return_val_if_fail (CANDOR_IS_TEMPLATE (self), NULL);

  return json_node_copy (self->examples);
}

const char *
candor_template_get_field (CandorTemplate *self, CandorField field)
{
  g_return_val_if_fail (CANDOR_IS_TEMPLATE (self), NULL);
  g_return_val_if_fail (field < CANDOR_N_FIELDS, NULL);

  return self->fields[field];
}

/* What stands in for a variable nothing gave a value: "[name]" where text
 * goes, one "[name]" item for a list, one item of placeholders for a list of
 * objects; a flag is left out, so its section is. Never the example: an
 * example reads as real and passes every check. */
static JsonNode *
placeholder_for (const char *name, JsonNode *example)
{
  g_autofree char *text = candor_placeholder_for_variable (name);
  JsonNode        *node;

  if (example != NULL && JSON_NODE_HOLDS_VALUE (example) &&
      json_node_get_value_type (example) == G_TYPE_BOOLEAN)
    return NULL;

  if (example != NULL && JSON_NODE_HOLDS_ARRAY (example))
    {
      JsonArray *items = json_array_new ();
      JsonArray *examples = json_node_get_array (example);
      JsonNode  *first =
        json_array_get_length (examples) > 0 ? json_array_get_element (examples, 0) : NULL;

      if (first != NULL && JSON_NODE_HOLDS_OBJECT (first))
        {
          JsonObject    *item = json_object_new ();
          JsonObjectIter iter;
          const char    *key;
          JsonNode      *value;

          json_object_iter_init (&iter, json_node_get_object (first));
          while (json_object_iter_next (&iter, &key, &value))
            {
              JsonNode *inner = placeholder_for (key, value);

              if (inner != NULL)
                json_object_set_member (item, key, inner);
            }
          json_array_add_object_element (items, item);
        }
      else
        json_array_add_string_element (items, text);

      node = json_node_init_array (json_node_alloc (), items);
      json_array_unref (items);
      return node;
    }

  return json_node_init_string (json_node_alloc (), text);
}

/* What a field renders with: @values, plus a placeholder for each declared
 * variable it lacks, so an author applying a template half filled in sees
 * what is still to write instead of a sentence with a hole in it. */
static JsonNode *
build_context (CandorTemplate *self, JsonNode *values)
{
  JsonObject *context = json_object_new ();
  JsonObject *given = NULL;
  JsonNode   *context_node;

  if (values != NULL && JSON_NODE_HOLDS_OBJECT (values))
    given = json_node_get_object (values);

  for (guint i = 0; i < self->variables->len; i++)
    {
      const CandorTemplateVariable *variable =
        &g_array_index (self->variables, CandorTemplateVariable, i);
      JsonNode *placeholder;

      if (given != NULL && json_object_has_member (given, variable->name))
        continue;

      placeholder = placeholder_for (variable->name, variable->example);
      if (placeholder != NULL)
        json_object_set_member (context, variable->name, placeholder);
    }

  if (given != NULL)
    {
      JsonObjectIter iter;
      const char    *name;
      JsonNode      *node;

      json_object_iter_init (&iter, given);
      while (json_object_iter_next (&iter, &name, &node))
        {
          /* An empty text is not an answer: it stays a placeholder. */
          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
              *json_node_get_string (node) == '\0')
            {
              g_autofree char *text = candor_placeholder_for_variable (name);

              json_object_set_string_member (context, name, text);
              continue;
            }
          json_object_set_member (context, name, json_node_ref (node));
        }
    }

  /* The node takes its own reference to the object. */
  context_node = json_node_init_object (json_node_alloc (), context);
  json_object_unref (context);

  return context_node;
}

static char *
render_field (CandorTemplate *self, CandorField field, JsonNode *context, GError **error)
{
  char *text;

  text = candor_mustache_template_render (self->compiled[field], context,
                                          CANDOR_MUSTACHE_ESCAPE_NONE, error);
  if (text == NULL)
    {
      g_prefix_error (error, "fields.%s: ", candor_enum_to_nick (CANDOR_TYPE_FIELD, (int)field));
      return NULL;
    }

  /* A list section at the end leaves a newline no field wants. */
  return g_strchomp (text);
}

/**
 * candor_template_render_field:
 * @values: (nullable): a JSON object of variable values, or %NULL for the examples
 *
 * Returns: (transfer full) (nullable): the field's text, or %NULL with @error set
 */
char *
candor_template_render_field (CandorTemplate *self,
                              CandorField     field,
                              JsonNode       *values,
                              GError        **error)
{
  g_autoptr (JsonNode) context = NULL;

  g_return_val_if_fail (CANDOR_IS_TEMPLATE (self), NULL);
  g_return_val_if_fail (field < CANDOR_N_FIELDS, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (values == NULL)
    return render_field (self, field, self->examples, error);

  context = build_context (self, values);
  return render_field (self, field, context, error);
}

/* A value the author gave as text; the placeholders build_context() adds are not. */
const char *
_candor_template_get_given_text (JsonObject *context, const char *name)
{
  JsonNode   *node = json_object_get_member (context, name);
  const char *text;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  text = json_node_get_string (node);
  return *text == '\0' || candor_placeholder_in_text (text) ? NULL : text;
}

/**
 * candor_template_apply:
 * @values: (nullable): a JSON object of variable values, or %NULL for the examples
 */
gboolean
candor_template_apply (CandorTemplate *self, CandorUpdate *update, JsonNode *values, GError **error)
{
  g_autoptr (JsonNode) context = NULL;
  char       *texts[CANDOR_N_FIELDS] = { NULL };
  JsonObject *given;
  const char *contact_name;
  const char *contact_reach;

  g_return_val_if_fail (CANDOR_IS_TEMPLATE (self), FALSE);
  g_return_val_if_fail (CANDOR_IS_UPDATE (update), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  context = values != NULL ? build_context (self, values) : json_node_ref (self->examples);

  for (guint i = 0; i < CANDOR_N_FIELDS; i++)
    {
      texts[i] = render_field (self, i, context, error);
      if (texts[i] == NULL)
        {
          for (guint j = 0; j < i; j++)
            g_free (texts[j]);
          return FALSE;
        }
    }

  given = json_node_get_object (context);
  contact_name = _candor_template_get_given_text (given, "contact_name");
  contact_reach = _candor_template_get_given_text (given, "contact_reach");

  g_object_freeze_notify (G_OBJECT (update));
  candor_update_set_kind (update, self->kind);
  for (guint i = 0; i < CANDOR_N_FIELDS; i++)
    {
      candor_update_set_field (update, i, texts[i]);
      g_free (texts[i]);
    }
  if (contact_name != NULL)
    candor_update_set_contact_name (update, contact_name);
  if (contact_reach != NULL)
    candor_update_set_contact_reach (update, contact_reach);
  g_object_thaw_notify (G_OBJECT (update));

  return TRUE;
}

/* A variable's value when the draft knows it, by the names the built-in
 * templates use. */
static char *
dup_draft_value (const char        *name,
                 CandorIncident    *incident,
                 CandorUpdate      *update,
                 const char *const *zones)
{
  const char *const *services = candor_incident_get_services (incident);
  GDateTime         *at = NULL;

  if (g_str_equal (name, "service") || g_str_equal (name, "services"))
    return services != NULL && services[0] != NULL ? g_strjoinv (", ", (char **)services) : NULL;

  if (g_str_equal (name, "title") || g_str_equal (name, "incident") ||
      g_str_equal (name, "incident_title"))
    return *candor_incident_get_title (incident) != '\0'
             ? g_strdup (candor_incident_get_title (incident))
             : NULL;

  if (g_str_equal (name, "contact_name"))
    return *candor_update_get_contact_name (update) != '\0'
             ? g_strdup (candor_update_get_contact_name (update))
             : NULL;

  if (g_str_equal (name, "contact_reach"))
    return *candor_update_get_contact_reach (update) != '\0'
             ? g_strdup (candor_update_get_contact_reach (update))
             : NULL;

  if (g_str_equal (name, "started_at"))
    at = candor_incident_get_started_at (incident);
  else if (g_str_equal (name, "detected_at"))
    at = candor_incident_get_detected_at (incident);
  else if (g_str_equal (name, "resolved_at") || g_str_equal (name, "fixed_at"))
    at = candor_incident_get_resolved_at (incident);
  else if (g_str_equal (name, "next_update"))
    at = candor_update_get_next_update_at (update);

  return at != NULL ? candor_time_format_in_zones (at, zones, FALSE) : NULL;
}

/**
 * candor_template_dup_draft_values:
 * @zones: (nullable): the audiences' time zones, as candor_time_zones_of_audiences() gives them
 *
 * Returns: (transfer full): a JSON object with a value for each declared
 *   variable the draft knows; the others are left out, and so stay placeholders
 */
JsonNode *
candor_template_dup_draft_values (CandorTemplate    *self,
                                  CandorIncident    *incident,
                                  CandorUpdate      *update,
                                  const char *const *zones)
{
  JsonObject *object = json_object_new ();
  JsonNode   *node;

  g_return_val_if_fail (CANDOR_IS_TEMPLATE (self), NULL);
  g_return_val_if_fail (CANDOR_IS_INCIDENT (incident), NULL);
  g_return_val_if_fail (CANDOR_IS_UPDATE (update), NULL);

  for (guint i = 0; i < self->variables->len; i++)
    {
      const CandorTemplateVariable *variable =
        &g_array_index (self->variables, CandorTemplateVariable, i);
      g_autofree char *value = NULL;

      if (variable->example != NULL && !JSON_NODE_HOLDS_VALUE (variable->example))
        continue;
      value = dup_draft_value (variable->name, incident, update, zones);
      if (value != NULL)
        json_object_set_string_member (object, variable->name, value);
    }

  node = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);
  return node;
}

/**
 * candor_template_render_all:
 * @values: (nullable): a JSON object of variable values; missing ones become placeholders
 * @texts: (out caller-allocates) (array fixed-size=CANDOR_N_FIELDS): each field's text, to g_free()
 */
gboolean
candor_template_render_all (CandorTemplate *self, JsonNode *values, char **texts, GError **error)
{
  g_autoptr (JsonNode) context = NULL;
  g_autoptr (JsonNode) empty = NULL;

  g_return_val_if_fail (CANDOR_IS_TEMPLATE (self), FALSE);
  g_return_val_if_fail (texts != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (values == NULL)
    values = empty = json_node_init_object (json_node_alloc (), json_object_new ());
  context = build_context (self, values);
  if (empty != NULL)
    json_object_unref (json_node_get_object (empty));

  for (guint i = 0; i < CANDOR_N_FIELDS; i++)
    {
      texts[i] = render_field (self, i, context, error);
      if (texts[i] == NULL)
        {
          for (guint j = 0; j < i; j++)
            g_clear_pointer (&texts[j], g_free);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * candor_template_to_data:
 * @length: (out) (optional): the length of the text
 *
 * Returns: (transfer full) (nullable): the template as JSON, NUL-terminated, or %NULL
 *   when json-glib cannot write it
 */
char *
candor_template_to_data (CandorTemplate *self, gsize *length)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *json = NULL;
  char            *data;

  g_return_val_if_fail (CANDOR_IS_TEMPLATE (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, self->id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, self->name);
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, self->description);
  json_builder_set_member_name (builder, "language");
  json_builder_add_string_value (builder, self->language);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder,
                                 candor_enum_to_nick (CANDOR_TYPE_UPDATE_KIND, self->kind));
  json_builder_set_member_name (builder, "stage");
  json_builder_add_string_value (builder,
                                 candor_enum_to_nick (CANDOR_TYPE_TEMPLATE_STAGE, self->stage));
  json_builder_set_member_name (builder, "severity");
  json_builder_add_string_value (builder,
                                 candor_enum_to_nick (CANDOR_TYPE_SEVERITY, self->severity));

  json_builder_set_member_name (builder, "variables");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->variables->len; i++)
    {
      const CandorTemplateVariable *variable =
        &g_array_index (self->variables, CandorTemplateVariable, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, variable->name);
      json_builder_set_member_name (builder, "description");
      json_builder_add_string_value (builder, variable->description);
      json_builder_set_member_name (builder, "example");
      json_builder_add_value (builder, json_node_copy (variable->example));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "fields");
  json_builder_begin_object (builder);
  for (guint i = 0; i < CANDOR_N_FIELDS; i++)
    {
      json_builder_set_member_name (builder, candor_enum_to_nick (CANDOR_TYPE_FIELD, (int)i));
      json_builder_add_string_value (builder, self->fields[i]);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json = json_generator_to_data (generator, NULL);
  /* Not with documents as read (their size and depth are bounded), but json-glib gives
   * NULL when it cannot write a tree, and that must never reach a printf. */
  if (json == NULL)
    return NULL;

  data = g_strconcat (json, "\n", NULL);
  if (length != NULL)
    *length = strlen (data);

  return data;
}
