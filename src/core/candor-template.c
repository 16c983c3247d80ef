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
#include "candor-template.h"

struct _CandorTemplate
{
  GObject parent_instance;

  char                   *id;
  char                   *name;
  char                   *description;
  char                   *language;
  GArray                 *variables; /* CandorTemplateVariable, strings and nodes owned */
  JsonNode               *examples;  /* {"name": example} */
  char                   *fields[CANDOR_N_FIELDS];
  CandorMustacheTemplate *compiled[CANDOR_N_FIELDS];
  CandorUpdateKind        kind;
  CandorTemplateStage     stage;
  CandorSeverity          severity;
};

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

static const char *const template_keys[] = {
  "id", "name", "description", "language", "kind", "stage", "severity", "variables", "fields", NULL,
};

static const char *const variable_keys[] = { "name", "description", "example", NULL };

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

/* ids become file names when a template is imported, so they stay plain. */
static gboolean
id_is_valid (const char *id)
{
  if (id[0] == '\0' || id[0] == '.' || strlen (id) > 128)
    return FALSE;

  for (const char *p = id; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
        return FALSE;
    }

  return TRUE;
}

/* A dot would make {{a.b}} look the name up in two steps, so names are plain words. */
static gboolean
variable_name_is_valid (const char *name)
{
  if (!g_ascii_isalpha (name[0]) && name[0] != '_')
    return FALSE;

  for (const char *p = name; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '_')
        return FALSE;
    }

  return TRUE;
}

static gboolean
read_required_string (JsonObject  *object,
                      const char  *path,
                      const char  *key,
                      gboolean     may_be_empty,
                      const char **out,
                      GError     **error)
{
  g_autofree char *key_path = NULL;
  const char      *value = NULL;

  if (!candor_json_get_string (object, path, key, &value, error))
    return FALSE;

  if (value != NULL && (may_be_empty || *value != '\0'))
    {
      *out = value;
      return TRUE;
    }

  key_path = candor_json_path_join (path, key);
  if (value == NULL)
    g_set_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_MISSING_KEY,
                 _("%s: missing; a template needs this key"), key_path);
  else
    g_set_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_VALUE,
                 _("%s: empty; write the text it stands for"), key_path);

  return FALSE;
}

static gboolean
read_required_enum (JsonObject *object,
                    const char *key,
                    GType       enum_type,
                    const char *what,
                    int        *out,
                    GError    **error)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      g_set_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_MISSING_KEY,
                   _("%s: missing; a template needs this key"), key);
      return FALSE;
    }

  return candor_json_get_enum (object, NULL, key, enum_type, what, out, error);
}

static gboolean
read_variables (CandorTemplate *self, JsonObject *object, GError **error)
{
  JsonNode   *node = json_object_get_member (object, "variables");
  JsonArray  *array;
  JsonObject *examples;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      g_set_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_MISSING_KEY,
                   _("%s: missing; a template needs this key"), "variables");
      return FALSE;
    }

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_TYPE,
                   _("%s: expected a list of variables"), "variables");
      return FALSE;
    }

  examples = json_object_new ();
  self->examples = json_node_init_object (json_node_alloc (), examples);
  json_object_unref (examples);

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char       *path = g_strdup_printf ("variables[%u]", i);
      JsonNode              *element = json_array_get_element (array, i);
      JsonObject            *variable_object;
      JsonNode              *example;
      CandorTemplateVariable variable = { NULL, NULL, NULL };
      const char            *name = NULL;
      const char            *description = NULL;

      variable_object = candor_json_expect_object (element, path, variable_keys, error);
      if (variable_object == NULL ||
          !read_required_string (variable_object, path, "name", FALSE, &name, error) ||
          !read_required_string (variable_object, path, "description", TRUE, &description, error))
        return FALSE;

      if (!variable_name_is_valid (name))
        {
          g_set_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_VALUE,
                       _("%s.name: “%s” cannot be a variable name; use letters, digits and “_”, "
                         "starting with a letter"),
                          path, name);
          return FALSE;
        }

      if (json_object_has_member (examples, name))
        {
          g_set_error (error, CANDOR_TEMPLATE_ERROR, CANDOR_TEMPLATE_ERROR_DUPLICATE,
                       _("%s.name: “%s” is declared twice; remove one of them"), path, name);
          return FALSE;
        }

      example = json_object_get_member (variable_object, "example");
      if (example == NULL)
        {
          g_set_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_MISSING_KEY,
                       _("%s.example: missing; give a value the template can be previewed with"),
                          path);
          return FALSE;
        }

      variable.name = g_strdup (name);
      variable.description = g_strdup (description);
      variable.example = json_node_copy (example);
      g_array_append_val (self->variables, variable);
      json_object_set_member (examples, name, json_node_copy (example));
    }

  return TRUE;
}

/* What a section's body can find names in: every member of the objects the section
 * stands for (its value, or each object in it when it is a list), merged by name, so
 * that a name is found in one step however many objects there are. Each scope keeps
 * the scopes of the sections opened in it, so that a section met again (a sibling,
 * or the same section in a later tag) is not merged again: both made checking a
 * template quadratic or worse in its size. */
typedef struct _Scope Scope;
struct _Scope
{
  GHashTable *members;  /* name -> GPtrArray of JsonNode, borrowed from the examples */
  GHashTable *children; /* section name -> Scope, owned */
};

static void scope_free (Scope *scope);

static Scope *
scope_new (void)
{
  Scope *scope = g_new0 (Scope, 1);

  scope->members =
    g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)g_ptr_array_unref);
  scope->children =
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)scope_free);
  return scope;
}

static void
scope_free (Scope *scope)
{
  g_hash_table_unref (scope->members);
  g_hash_table_unref (scope->children);
  g_free (scope);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Scope, scope_free)

static void
scope_add_object (Scope *scope, JsonObject *object)
{
  JsonObjectIter iter;
  const char    *name;
  JsonNode      *member;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &member))
    {
      GPtrArray *values = g_hash_table_lookup (scope->members, name);

      if (values == NULL)
        {
          values = g_ptr_array_new ();
          /* The key lives as long as the examples, which outlive the check. */
          g_hash_table_insert (scope->members, (gpointer)name, values);
        }
      g_ptr_array_add (values, member);
    }
}

/* The nodes @name (possibly dotted) stands for in the innermost of @scopes where it
 * resolves, as Mustache looks names up. */
static void
lookup_in_scopes (GPtrArray *scopes, const char *name, GPtrArray *found)
{
  g_auto (GStrv) parts = g_strsplit (name, ".", -1);

  for (guint level = scopes->len; level > 0; level--)
    {
      Scope     *scope = g_ptr_array_index (scopes, level - 1);
      GPtrArray *values = g_hash_table_lookup (scope->members, parts[0]);

      for (guint i = 0; values != NULL && i < values->len; i++)
        {
          JsonNode *node = g_ptr_array_index (values, i);

          for (guint p = 1; node != NULL && parts[p] != NULL; p++)
            node = JSON_NODE_HOLDS_OBJECT (node)
                     ? json_object_get_member (json_node_get_object (node), parts[p])
                     : NULL;

          if (node != NULL)
            g_ptr_array_add (found, node);
        }

      if (found->len > 0)
        return;
    }
}

/* The scope of @section opened inside the innermost of @scopes, made once. */
static Scope *
scope_for_section (GPtrArray *scopes, const char *section)
{
  Scope *parent = g_ptr_array_index (scopes, scopes->len - 1);
  Scope *scope = g_hash_table_lookup (parent->children, section);
  g_autoptr (GPtrArray) nodes = NULL;

  if (scope != NULL)
    return scope;

  scope = scope_new ();
  g_hash_table_insert (parent->children, g_strdup (section), scope);

  nodes = g_ptr_array_new ();
  lookup_in_scopes (scopes, section, nodes);
  for (guint i = 0; i < nodes->len; i++)
    {
      JsonNode *node = g_ptr_array_index (nodes, i);

      if (JSON_NODE_HOLDS_OBJECT (node))
        scope_add_object (scope, json_node_get_object (node));
      else if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);

          for (guint e = 0; e < json_array_get_length (array); e++)
            {
              JsonNode *element = json_array_get_element (array, e);

              if (JSON_NODE_HOLDS_OBJECT (element))
                scope_add_object (scope, json_node_get_object (element));
            }
        }
    }

  return scope;
}

typedef struct
{
  const char *field;
  GError     *error;
  /* The scopes of the sections around the tag last checked, borrowed from the tree
   * under scopes[0], which holds the examples; sections[n - 1] is the name of the
   * section of scopes[n] as the walk gives it. Kept from tag to tag, since
   * neighbours share most of their sections. */
  GPtrArray *scopes;
  GPtrArray *sections;
} VariableCheck;

/* Makes @check's scopes those of @sections: drops the levels the walk has left,
 * then adds the new ones. The walk hands each section's name as the same pointer
 * while inside it, and a section's place in the tree fixes every section around
 * it, so the innermost shared pointer marks where the old and new stacks part. */
static void
enter_sections (VariableCheck *check, const char *const *sections)
{
  guint n = 0;
  guint shared;

  while (sections != NULL && sections[n] != NULL)
    n++;

  for (shared = MIN (n, check->sections->len); shared > 0; shared--)
    {
      if (g_ptr_array_index (check->sections, shared - 1) == sections[shared - 1])
        break;
    }

  g_ptr_array_set_size (check->sections, shared);
  g_ptr_array_set_size (check->scopes, shared + 1);
  for (guint i = shared; i < n; i++)
    {
      g_ptr_array_add (check->sections, (gpointer)sections[i]);
      g_ptr_array_add (check->scopes, scope_for_section (check->scopes, sections[i]));
    }
}

/* A name is declared when the template's variables, or the examples of the
 * sections around it, have it: {{#timeline}}{{time}}{{/timeline}} is fine when
 * "timeline" is declared with items that have "time". A dotted name whose later
 * parts the examples do not show is still fine as long as its first part is
 * declared: the example may just be shorter. */
static gboolean
variable_is_declared (VariableCheck *check, const CandorMustacheVariable *variable)
{
  g_autofree char *first = NULL;

  if (g_str_equal (variable->name, "."))
    return TRUE;

  enter_sections (check, variable->sections);

  first = g_strndup (variable->name, strcspn (variable->name, "."));
  for (guint level = check->scopes->len; level > 0; level--)
    {
      Scope *scope = g_ptr_array_index (check->scopes, level - 1);

      if (g_hash_table_contains (scope->members, first))
        return TRUE;
    }

  return FALSE;
}

static void
check_variable_cb (const CandorMustacheVariable *variable, gpointer user_data)
{
  VariableCheck *check = user_data;

  if (check->error != NULL)
    return;

  if (variable->kind == CANDOR_MUSTACHE_TAG_PARTIAL)
    {
      g_set_error (&check->error, CANDOR_TEMPLATE_ERROR, CANDOR_TEMPLATE_ERROR_PARTIAL,
                   _("fields.%s: line %u, column %u: the partial “%s” cannot be used here; a "
                     "template must contain all of its text"),
                      check->field, variable->line, variable->column, variable->name);
      return;
    }

  if (!variable_is_declared (check, variable))
    g_set_error (&check->error, CANDOR_TEMPLATE_ERROR, CANDOR_TEMPLATE_ERROR_UNKNOWN_VARIABLE,
                 _("fields.%s: line %u, column %u: the variable “%s” is not declared; add it to "
                   "“variables” or correct the name"),
                    check->field, variable->line, variable->column, variable->name);
}

/* Mustache's messages start a sentence ("Line 2, column 1: ..."); after the
 * field's name they continue one. */
static void
prefix_field_error (GError *error, const char *field)
{
  g_autofree char *message = g_steal_pointer (&error->message);
  char             lower[8] = { 0 };
  const char      *rest = message;

  if (*message != '\0')
    {
      g_unichar_to_utf8 (g_unichar_tolower (g_utf8_get_char (message)), lower);
      rest = g_utf8_next_char (message);
    }

  error->message = g_strconcat ("fields.", field, ": ", lower, rest, NULL);
}

static gboolean
read_fields (CandorTemplate *self, JsonObject *object, GError **error)
{
  g_autoptr (GEnumClass) field_class = g_type_class_ref (CANDOR_TYPE_FIELD);
  const char *known[CANDOR_N_FIELDS + 1];
  JsonObject *fields;
  JsonNode   *node = json_object_get_member (object, "fields");

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      g_set_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_MISSING_KEY,
                   _("%s: missing; a template needs this key"), "fields");
      return FALSE;
    }

  for (guint i = 0; i < CANDOR_N_FIELDS; i++)
    known[i] = g_enum_get_value (field_class, i)->value_nick;
  known[CANDOR_N_FIELDS] = NULL;

  fields = candor_json_expect_object (node, "fields", known, error);
  if (fields == NULL)
    return FALSE;

  for (guint i = 0; i < CANDOR_N_FIELDS; i++)
    {
      g_autoptr (GError) local_error = NULL;
      g_autoptr (Scope) examples = scope_new ();
      g_autoptr (GPtrArray) scopes = g_ptr_array_new ();
      g_autoptr (GPtrArray) sections = g_ptr_array_new ();
      VariableCheck check = { known[i], NULL, scopes, sections };
      const char   *text = NULL;

      /* Every field is spelled out, even empty, so a template shows at a glance
       * which parts of the message it leaves to the author. */
      if (!json_object_has_member (fields, known[i]))
        {
          g_set_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_MISSING_KEY,
                       _("fields.%s: missing; write \"\" for a field the template leaves empty"),
                          known[i]);
          return FALSE;
        }

      if (!read_required_string (fields, "fields", known[i], TRUE, &text, error))
        return FALSE;

      self->compiled[i] = candor_mustache_template_new (text, &local_error);
      if (self->compiled[i] == NULL)
        {
          prefix_field_error (local_error, known[i]);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      scope_add_object (examples, json_node_get_object (self->examples));
      g_ptr_array_add (scopes, examples);
      candor_mustache_template_foreach_variable (self->compiled[i], check_variable_cb, &check);
      if (check.error != NULL)
        {
          g_propagate_error (error, check.error);
          return FALSE;
        }

      self->fields[i] = g_strdup (text);
    }

  return TRUE;
}

static gboolean
read_template (CandorTemplate *self, JsonNode *root, GError **error)
{
  JsonObject *object;
  const char *id = NULL;
  const char *name = NULL;
  const char *description = NULL;
  const char *language = NULL;
  int         kind;
  int         stage;
  int         severity;

  object = candor_json_expect_object (root, NULL, template_keys, error);
  if (object == NULL)
    return FALSE;

  if (!read_required_string (object, NULL, "id", FALSE, &id, error))
    return FALSE;

  if (!id_is_valid (id))
    {
      g_set_error (error, CANDOR_TEMPLATE_ERROR, CANDOR_TEMPLATE_ERROR_INVALID_ID,
                   _("id: “%s” cannot be used; use letters, digits, “-”, “_” and “.”, not "
                     "starting with “.”"),
                      id);
      return FALSE;
    }

  if (!read_required_string (object, NULL, "name", FALSE, &name, error) ||
      !read_required_string (object, NULL, "description", TRUE, &description, error) ||
      !read_required_string (object, NULL, "language", FALSE, &language, error) ||
      !read_required_enum (
        object, "kind", CANDOR_TYPE_UPDATE_KIND, _("a message kind"), &kind, error) ||
        !read_required_enum (object, "stage", CANDOR_TYPE_TEMPLATE_STAGE,
                             _("a stage"), &stage, error) ||
                             !read_required_enum (object, "severity", CANDOR_TYPE_SEVERITY,
                                                  _("a severity"), &severity, error) ||
                                                  !read_variables (self, object, error) ||
                                                  !read_fields (self, object, error))
    return FALSE;

  self->id = g_strdup (id);
  self->name = g_strdup (name);
  self->description = g_strdup (description);
  self->language = g_strdup (language);
  self->kind = kind;
  self->stage = stage;
  self->severity = severity;

  return TRUE;
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
  if (!read_template (self, root, &local_error))
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
static const char *
get_given_text (JsonObject *context, const char *name)
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
  contact_name = get_given_text (given, "contact_name");
  contact_reach = get_given_text (given, "contact_reach");

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
      contact_name = get_given_text (json_node_get_object (values), "contact_name");
      contact_reach = get_given_text (json_node_get_object (values), "contact_reach");
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
