/* candor-template-read.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Reading a template file: its members, its variables, and that every
 * variable its fields use is declared, with an error that says where. */

#define G_LOG_DOMAIN "candor-template"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "candor-enum-types.h"
#include "candor-json.h"
#include "candor-mustache.h"
#include "candor-placeholder.h"
#include "candor-template-private.h"

static const char *const template_keys[] = {
  "id", "name", "description", "language", "kind", "stage", "severity", "variables", "fields", NULL,
};

static const char *const variable_keys[] = { "name", "description", "example", NULL };

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

gboolean
_candor_template_read (CandorTemplate *self, JsonNode *root, GError **error)
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
