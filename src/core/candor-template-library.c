/* candor-template-library.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-template-library"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "candor-core-resources.h"
#include "candor-language.h"
#include "candor-template-library.h"

#define BUILT_IN_PATH "/io/github/candor/Candor/core/templates/"

struct _CandorTemplateLibrary
{
  GObject parent_instance;

  GFile      *user_dir;
  GPtrArray  *built_in;   /* CandorTemplate, sorted */
  GPtrArray  *user;       /* CandorTemplate, sorted */
  GHashTable *user_files; /* id → GFile the user template was read from */
  GPtrArray  *problems;   /* GError */
};

static void candor_template_library_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CandorTemplateLibrary,
                               candor_template_library,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      candor_template_library_list_model_init))

enum
{
  PROP_0,
  PROP_USER_DIR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static int
compare_templates (gconstpointer a, gconstpointer b)
{
  CandorTemplate *first = *(CandorTemplate *const *)a;
  CandorTemplate *second = *(CandorTemplate *const *)b;
  int             by_language;

  by_language =
    g_strcmp0 (candor_template_get_language (first), candor_template_get_language (second));
  if (by_language != 0)
    return by_language;

  return g_strcmp0 (candor_template_get_id (first), candor_template_get_id (second));
}

static CandorTemplate *
find_in (GPtrArray *templates, const char *id)
{
  for (guint i = 0; i < templates->len; i++)
    {
      CandorTemplate *template = g_ptr_array_index (templates, i);

      if (g_str_equal (candor_template_get_id (template), id))
        return template;
    }

  return NULL;
}

/* The built-ins ship in the core resource, tested with the build: one that does
 * not load is a bug in Candor, not a problem for the user to fix. */
static GPtrArray *
load_built_in (void)
{
  GResource *resource = candor_core_get_resource ();
  GPtrArray *templates = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto (GStrv) languages = NULL;

  languages =
    g_resource_enumerate_children (resource, BUILT_IN_PATH, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  for (guint l = 0; languages != NULL && languages[l] != NULL; l++)
    {
      g_autofree char *directory = g_strconcat (BUILT_IN_PATH, languages[l], NULL);
      g_auto (GStrv) names = NULL;

      names =
        g_resource_enumerate_children (resource, directory, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      for (guint n = 0; names != NULL && names[n] != NULL; n++)
        {
          g_autofree char *path = g_strconcat (directory, names[n], NULL);
          g_autoptr (GBytes) bytes = NULL;
          g_autoptr (GError) error = NULL;
          CandorTemplate *template;
          gsize       size;
          const char *data;

          if (!g_str_has_suffix (names[n], ".json"))
            continue;

          bytes = g_resource_lookup_data (resource, path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
          if (bytes == NULL)
            {
              g_critical ("Built-in template %s: %s", path, error->message);
              continue;
            }

          data = g_bytes_get_data (bytes, &size);
          template = candor_template_new_from_data (data, size, path, &error);
          if (template == NULL)
            {
              g_critical ("Built-in template: %s", error->message);
              continue;
            }

          g_ptr_array_add (templates, template);
        }
    }

  g_ptr_array_sort (templates, compare_templates);
  return templates;
}

static int
compare_file_infos (gconstpointer a, gconstpointer b)
{
  GFileInfo *first = *(GFileInfo *const *)a;
  GFileInfo *second = *(GFileInfo *const *)b;

  return g_strcmp0 (g_file_info_get_name (first), g_file_info_get_name (second));
}

static void
load_user (CandorTemplateLibrary *self)
{
  g_autoptr (GFileEnumerator) enumerator = NULL;
  g_autoptr (GPtrArray) infos = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GError) error = NULL;
  GFileInfo *info;

  enumerator = g_file_enumerate_children (
    self->user_dir, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
    G_FILE_QUERY_INFO_NONE, NULL, &error);
  if (enumerator == NULL)
    {
      /* No directory simply means no user templates yet. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_ptr_array_add (self->problems, g_steal_pointer (&error));
      return;
    }

  while ((info = g_file_enumerator_next_file (enumerator, NULL, &error)) != NULL)
    g_ptr_array_add (infos, info);
  if (error != NULL)
    g_ptr_array_add (self->problems, g_steal_pointer (&error));

  /* Sorted, so that which of two files with the same id wins does not depend
   * on the file system's order. */
  g_ptr_array_sort (infos, compare_file_infos);

  for (guint i = 0; i < infos->len; i++)
    {
      GFileInfo  *file_info = g_ptr_array_index (infos, i);
      const char *name = g_file_info_get_name (file_info);
      g_autoptr (GFile) file = NULL;
      g_autoptr (CandorTemplate) template = NULL;
      g_autofree char *path = NULL;
      GFile           *first_file;
      const char      *id;

      if (name[0] == '.' || !g_str_has_suffix (name, ".json") ||
          g_file_info_get_file_type (file_info) == G_FILE_TYPE_DIRECTORY)
        continue;

      file = g_file_get_child (self->user_dir, name);
      template = candor_template_new_from_file (file, NULL, &error);
      if (template == NULL)
        {
          g_ptr_array_add (self->problems, g_steal_pointer (&error));
          continue;
        }

      id = candor_template_get_id (template);
      path = g_file_get_parse_name (file);
      if (find_in (self->built_in, id) != NULL)
        {
          g_ptr_array_add (self->problems,
                           g_error_new (CANDOR_TEMPLATE_ERROR, CANDOR_TEMPLATE_ERROR_BUILT_IN,
                                        _("%s: the id “%s” belongs to a built-in template; give "
                                          "this template an id of its own"),
                                           path, id));
          continue;
        }

      first_file = g_hash_table_lookup (self->user_files, id);
      if (first_file != NULL)
        {
          g_autofree char *first_path = g_file_get_parse_name (first_file);

          g_ptr_array_add (self->problems,
                           g_error_new (CANDOR_TEMPLATE_ERROR, CANDOR_TEMPLATE_ERROR_DUPLICATE,
                                        _("%s: the id “%s” is already used by %s; give one of "
                                          "them another id"),
                                           path, id, first_path));
          continue;
        }

      g_hash_table_insert (self->user_files, g_strdup (id), g_steal_pointer (&file));
      g_ptr_array_add (self->user, g_steal_pointer (&template));
    }

  g_ptr_array_sort (self->user, compare_templates);
}

static GType
candor_template_library_get_item_type (GListModel *model)
{
  return CANDOR_TYPE_TEMPLATE;
}

static guint
candor_template_library_get_n_items (GListModel *model)
{
  CandorTemplateLibrary *self = CANDOR_TEMPLATE_LIBRARY (model);

  return self->built_in->len + self->user->len;
}

static gpointer
candor_template_library_get_item (GListModel *model, guint position)
{
  CandorTemplateLibrary *self = CANDOR_TEMPLATE_LIBRARY (model);

  if (position < self->built_in->len)
    return g_object_ref (g_ptr_array_index (self->built_in, position));

  position -= self->built_in->len;
  if (position < self->user->len)
    return g_object_ref (g_ptr_array_index (self->user, position));

  return NULL;
}

static void
candor_template_library_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = candor_template_library_get_item_type;
  iface->get_n_items = candor_template_library_get_n_items;
  iface->get_item = candor_template_library_get_item;
}

static void
candor_template_library_constructed (GObject *object)
{
  CandorTemplateLibrary *self = CANDOR_TEMPLATE_LIBRARY (object);

  G_OBJECT_CLASS (candor_template_library_parent_class)->constructed (object);

  if (self->user_dir == NULL)
    self->user_dir =
      g_file_new_build_filename (g_get_user_data_dir (), "candor", "templates", NULL);

  self->built_in = load_built_in ();
  load_user (self);
}

static void
candor_template_library_finalize (GObject *object)
{
  CandorTemplateLibrary *self = (CandorTemplateLibrary *)object;

  g_clear_object (&self->user_dir);
  g_clear_pointer (&self->built_in, g_ptr_array_unref);
  g_clear_pointer (&self->user, g_ptr_array_unref);
  g_clear_pointer (&self->user_files, g_hash_table_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);

  G_OBJECT_CLASS (candor_template_library_parent_class)->finalize (object);
}

static void
candor_template_library_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  CandorTemplateLibrary *self = CANDOR_TEMPLATE_LIBRARY (object);

  switch (prop_id)
    {
      case PROP_USER_DIR:
        g_value_set_object (value, self->user_dir);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_template_library_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  CandorTemplateLibrary *self = CANDOR_TEMPLATE_LIBRARY (object);

  switch (prop_id)
    {
      case PROP_USER_DIR:
        g_set_object (&self->user_dir, g_value_get_object (value));
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_template_library_class_init (CandorTemplateLibraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = candor_template_library_constructed;
  object_class->finalize = candor_template_library_finalize;
  object_class->get_property = candor_template_library_get_property;
  object_class->set_property = candor_template_library_set_property;

  properties[PROP_USER_DIR] = g_param_spec_object (
    "user-dir", NULL, NULL, G_TYPE_FILE,
    G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
candor_template_library_init (CandorTemplateLibrary *self)
{
  self->user = g_ptr_array_new_with_free_func (g_object_unref);
  self->user_files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify)g_error_free);
}

/**
 * candor_template_library_new:
 *
 * Returns: (transfer full): the built-in and the user's templates
 */
CandorTemplateLibrary *
candor_template_library_new (void)
{
  return g_object_new (CANDOR_TYPE_TEMPLATE_LIBRARY, NULL);
}

/**
 * candor_template_library_new_for_directory:
 * @user_dir: where the user's templates are kept
 *
 * Returns: (transfer full): the built-in templates and those in @user_dir
 */
CandorTemplateLibrary *
candor_template_library_new_for_directory (GFile *user_dir)
{
  g_return_val_if_fail (G_IS_FILE (user_dir), NULL);

  return g_object_new (CANDOR_TYPE_TEMPLATE_LIBRARY, "user-dir", user_dir, NULL);
}

void
candor_template_library_reload (CandorTemplateLibrary *self)
{
  guint old_n_items;

  g_return_if_fail (CANDOR_IS_TEMPLATE_LIBRARY (self));

  old_n_items = self->user->len;
  g_ptr_array_set_size (self->user, 0);
  g_ptr_array_set_size (self->problems, 0);
  g_hash_table_remove_all (self->user_files);
  load_user (self);

  g_list_model_items_changed (G_LIST_MODEL (self), self->built_in->len, old_n_items,
                              self->user->len);
}

/**
 * candor_template_library_get_user_dir:
 *
 * Returns: (transfer none): where user templates are read from and imported to
 */
GFile *
candor_template_library_get_user_dir (CandorTemplateLibrary *self)
{
  g_return_val_if_fail (CANDOR_IS_TEMPLATE_LIBRARY (self), NULL);

  return self->user_dir;
}

/**
 * candor_template_library_get_problems:
 *
 * Returns: (transfer none) (element-type GError): why user templates were left
 *   out at the last (re)load
 */
GPtrArray *
candor_template_library_get_problems (CandorTemplateLibrary *self)
{
  g_return_val_if_fail (CANDOR_IS_TEMPLATE_LIBRARY (self), NULL);

  return self->problems;
}

/**
 * candor_template_library_lookup:
 *
 * Returns: (transfer none) (nullable): the template with @id
 */
CandorTemplate *
candor_template_library_lookup (CandorTemplateLibrary *self, const char *id)
{
  CandorTemplate *template;

  g_return_val_if_fail (CANDOR_IS_TEMPLATE_LIBRARY (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  template = find_in (self->built_in, id);
  return template != NULL ? template : find_in (self->user, id);
}

gboolean
candor_template_library_is_built_in (CandorTemplateLibrary *self, const char *id)
{
  g_return_val_if_fail (CANDOR_IS_TEMPLATE_LIBRARY (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return find_in (self->built_in, id) != NULL;
}

/* "en" lets "en" and "en-GB" through; "en-GB" only itself. */
static gboolean
language_matches (const char *wanted, const char *language)
{
  gsize length = strlen (wanted);

  if (g_ascii_strncasecmp (wanted, language, length) != 0)
    return FALSE;

  return language[length] == '\0' || language[length] == '-' || language[length] == '_';
}

gboolean
candor_template_filter_matches (const CandorTemplateFilter *filter, CandorTemplate *template)
{
  g_autofree char *haystack = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *folded_search = NULL;
  g_auto (GStrv) words = NULL;

  g_return_val_if_fail (CANDOR_IS_TEMPLATE (template), FALSE);

  if (filter == NULL)
    return TRUE;

  if (filter->language != NULL && *filter->language != '\0' &&
      !language_matches (filter->language, candor_template_get_language (template)))
    return FALSE;
  if (filter->kind >= 0 && (int)candor_template_get_kind (template) != filter->kind)
    return FALSE;
  if (filter->severity >= 0 && (int)candor_template_get_severity (template) != filter->severity)
    return FALSE;
  if (filter->search == NULL)
    return TRUE;

  folded_search = g_utf8_casefold (filter->search, -1);
  words = g_strsplit_set (folded_search, " \t\n", -1);
  haystack =
    g_strjoin ("\n", candor_template_get_name (template),
               candor_template_get_description (template), candor_template_get_id (template), NULL);
  folded = g_utf8_casefold (haystack, -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] != '\0' && strstr (folded, words[i]) == NULL)
        return FALSE;
    }

  return TRUE;
}

/**
 * candor_template_library_filter:
 * @filter: (nullable): what to let through
 *
 * Returns: (transfer container) (element-type CandorTemplate): the matches
 */
GPtrArray *
candor_template_library_filter (CandorTemplateLibrary *self, const CandorTemplateFilter *filter)
{
  GPtrArray *matches;

  g_return_val_if_fail (CANDOR_IS_TEMPLATE_LIBRARY (self), NULL);

  matches = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->built_in->len + self->user->len; i++)
    {
      CandorTemplate *template = i < self->built_in->len
                                   ? g_ptr_array_index (self->built_in, i)
                                   : g_ptr_array_index (self->user, i - self->built_in->len);

      if (candor_template_filter_matches (filter, template))
        g_ptr_array_add (matches, g_object_ref (template));
    }

  return matches;
}

/**
 * candor_template_library_find_in_language:
 *
 * Returns: (transfer none) (nullable): the first template, in list order, for
 *   the same stage, severity and kind as @template in @language
 */
CandorTemplate *
candor_template_library_find_in_language (CandorTemplateLibrary *self,
                                          CandorTemplate *template,
                                          const char *language)
{
  g_return_val_if_fail (CANDOR_IS_TEMPLATE_LIBRARY (self), NULL);
  g_return_val_if_fail (CANDOR_IS_TEMPLATE (template), NULL);
  g_return_val_if_fail (language != NULL, NULL);

  for (guint i = 0; i < self->built_in->len + self->user->len; i++)
    {
      CandorTemplate *candidate = i < self->built_in->len
                                    ? g_ptr_array_index (self->built_in, i)
                                    : g_ptr_array_index (self->user, i - self->built_in->len);

      if (candor_language_equal (candor_template_get_language (candidate), language) &&
          candor_template_get_stage (candidate) == candor_template_get_stage (template) &&
          candor_template_get_severity (candidate) == candor_template_get_severity (template) &&
          candor_template_get_kind (candidate) == candor_template_get_kind (template))
        return candidate;
    }

  return NULL;
}

/**
 * candor_template_library_import:
 *
 * Returns: (transfer full) (nullable): the imported template, or %NULL with
 *   @error set; nothing is written then
 */
CandorTemplate *
candor_template_library_import (CandorTemplateLibrary *self,
                                GFile                 *file,
                                GCancellable          *cancellable,
                                GError               **error)
{
  g_autoptr (CandorTemplate) template = NULL;
  g_autoptr (GFile) destination = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  g_autofree char *file_name = NULL;
  g_autoptr (GError) local_error = NULL;
  GFile      *previous;
  const char *id;
  gsize       length = 0;

  g_return_val_if_fail (CANDOR_IS_TEMPLATE_LIBRARY (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The bytes validated are the bytes copied, whatever happens to @file meanwhile. */
  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, error))
    return NULL;

  name = g_file_get_parse_name (file);
  template = candor_template_new_from_data (contents, length, name, error);
  if (template == NULL)
    return NULL;

  id = candor_template_get_id (template);
  if (find_in (self->built_in, id) != NULL)
    {
      g_set_error (error, CANDOR_TEMPLATE_ERROR, CANDOR_TEMPLATE_ERROR_BUILT_IN,
                   _("%s: the id “%s” belongs to a built-in template, which cannot be replaced; "
                     "give the template an id of its own"),
                      name, id);
      return NULL;
    }

  if (!g_file_make_directory_with_parents (self->user_dir, cancellable, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  file_name = g_strconcat (id, ".json", NULL);
  destination = g_file_get_child (self->user_dir, file_name);
  if (!g_file_replace_contents (destination, contents, length, NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL, cancellable, error))
    return NULL;

  /* The template it replaces may have lived under another file name. */
  previous = g_hash_table_lookup (self->user_files, id);
  if (previous != NULL && !g_file_equal (previous, destination))
    g_file_delete (previous, NULL, NULL);

  candor_template_library_reload (self);

  return g_object_ref (candor_template_library_lookup (self, id));
}

gboolean
candor_template_library_export (CandorTemplateLibrary *self,
                                const char            *id,
                                GFile                 *file,
                                GCancellable          *cancellable,
                                GError               **error)
{
  g_autofree char *data = NULL;
  CandorTemplate *template;
  gsize length = 0;

  g_return_val_if_fail (CANDOR_IS_TEMPLATE_LIBRARY (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  template = candor_template_library_lookup (self, id);
  if (template == NULL)
    {
      g_set_error (error, CANDOR_TEMPLATE_ERROR, CANDOR_TEMPLATE_ERROR_NOT_FOUND,
                   _("there is no template with the id “%s”"), id);
      return FALSE;
    }

  data = candor_template_to_data (template, &length);
  if (data == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("the template “%s” cannot be written out as JSON"), id);
      return FALSE;
    }
  return g_file_replace_contents (file, data, length, NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, cancellable, error);
}
