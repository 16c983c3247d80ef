/* candor-draft.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-draft"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "candor-draft.h"

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

static JsonNode *
expect_member (JsonObject *document, const char *key, GError **error)
{
  JsonNode *node = json_object_get_member (document, key);

  if (node == NULL)
    g_set_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_MISSING_KEY,
                 _("%s: missing; a draft has an “incident” and an “update” object, even if "
                   "empty"),
                    key);

  return node;
}

/* Refuses, naming where, a text longer than CANDOR_DRAFT_MAX_TEXT or a list longer
 * than CANDOR_DRAFT_MAX_ITEMS anywhere in @node; on failure @path holds where.
 * Recursive, but candor_json_parse() has bounded the depth. */
static gboolean
check_sizes (JsonNode *node, GString *path, GError **error)
{
  gsize parent_length = path->len;

  switch (JSON_NODE_TYPE (node))
    {
      case JSON_NODE_OBJECT:
        {
          JsonObjectIter iter;
          const char    *key;
          JsonNode      *member;

          json_object_iter_init (&iter, json_node_get_object (node));
          while (json_object_iter_next (&iter, &key, &member))
            {
              g_string_append_printf (path, "%s%s", parent_length > 0 ? "." : "", key);
              if (!check_sizes (member, path, error))
                return FALSE;
              g_string_truncate (path, parent_length);
            }
          return TRUE;
        }
      case JSON_NODE_ARRAY:
        {
          JsonArray *array = json_node_get_array (node);
          guint      length = json_array_get_length (array);

          if (length > CANDOR_DRAFT_MAX_ITEMS)
            {
              g_set_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_LIMIT,
                           _("%s: %u items; a list in a draft holds at most %d"), path->str,
                              length, CANDOR_DRAFT_MAX_ITEMS);
              return FALSE;
            }
          for (guint i = 0; i < length; i++)
            {
              g_string_append_printf (path, "[%u]", i);
              if (!check_sizes (json_array_get_element (array, i), path, error))
                return FALSE;
              g_string_truncate (path, parent_length);
            }
          return TRUE;
        }
      case JSON_NODE_VALUE:
        if (json_node_get_value_type (node) == G_TYPE_STRING &&
            strlen (json_node_get_string (node)) > CANDOR_DRAFT_MAX_TEXT)
          {
            g_set_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_LIMIT,
                         _("%s: %lu bytes of text; a draft holds at most %d bytes (32 KiB) in "
                           "one place, far more than any message needs"),
                            path->str, (gulong)strlen (json_node_get_string (node)),
                            CANDOR_DRAFT_MAX_TEXT);
            return FALSE;
          }
        return TRUE;
      case JSON_NODE_NULL:
      default:
        return TRUE;
    }
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
  if (length > CANDOR_DRAFT_MAX_AUDIENCES)
    {
      g_set_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_LIMIT,
                   _("audiences: %u audiences; a draft has at most %d"), length,
                      CANDOR_DRAFT_MAX_AUDIENCES);
      return FALSE;
    }
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
  g_autoptr (GString) sizes_path = NULL;
  CandorDraft *self;
  JsonObject  *document;
  JsonNode    *node;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = candor_json_parse (data != NULL ? data : "", length, NULL, error);
  if (root == NULL)
    return NULL;

  if (!check_envelope (root, &document, error))
    return NULL;

  sizes_path = g_string_new (NULL);
  if (!check_sizes (root, sizes_path, error))
    return NULL;

  node = expect_member (document, "incident", error);
  if (node == NULL)
    return NULL;
  incident = candor_incident_from_json_at (node, "incident", error);
  if (incident == NULL)
    return NULL;

  node = expect_member (document, "update", error);
  if (node == NULL)
    return NULL;
  update = candor_update_from_json_at (node, "update", error);
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

char *
candor_draft_to_data (CandorDraft *self, gsize *length)
{
  g_autoptr (JsonBuilder) builder = NULL;
  g_autoptr (JsonGenerator) generator = NULL;
  g_autoptr (JsonNode) root = NULL;

  g_return_val_if_fail (CANDOR_IS_DRAFT (self), NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, DRAFT_FORMAT_NAME);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, CANDOR_DRAFT_VERSION);
  json_builder_set_member_name (builder, "incident");
  json_builder_add_value (builder, candor_incident_to_json (self->incident));
  json_builder_set_member_name (builder, "update");
  json_builder_add_value (builder, candor_update_to_json (self->update));

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
