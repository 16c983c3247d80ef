/* candor-audience-list.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-audience-list"

#include "config.h"

#include "candor-audience-list.h"
#include "candor-json.h"

struct _CandorAudienceList
{
  GObject parent_instance;

  CandorStore *store;
  GPtrArray   *items;
  gboolean     stored;
  /* A read started for an earlier store must not replace this one's. */
  GCancellable *load_cancellable;
};

static void candor_audience_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CandorAudienceList,
                               candor_audience_list,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      candor_audience_list_model_init))

enum
{
  PROP_0,
  PROP_STORE,
  PROP_STORED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
candor_audience_list_get_item_type (GListModel *model)
{
  return CANDOR_TYPE_AUDIENCE;
}

static guint
candor_audience_list_get_n_items (GListModel *model)
{
  return CANDOR_AUDIENCE_LIST (model)->items->len;
}

static gpointer
candor_audience_list_get_item (GListModel *model, guint position)
{
  CandorAudienceList *self = CANDOR_AUDIENCE_LIST (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
candor_audience_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = candor_audience_list_get_item_type;
  iface->get_n_items = candor_audience_list_get_n_items;
  iface->get_item = candor_audience_list_get_item;
}

static void
replace_items (CandorAudienceList *self, GPtrArray *items, gboolean stored)
{
  guint removed = self->items->len;

  g_ptr_array_unref (self->items);
  self->items = g_ptr_array_ref (items);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, items->len);

  if (self->stored != stored)
    {
      self->stored = stored;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORED]);
    }
}

static void
candor_audience_list_dispose (GObject *object)
{
  CandorAudienceList *self = CANDOR_AUDIENCE_LIST (object);

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (candor_audience_list_parent_class)->dispose (object);
}

static void
candor_audience_list_finalize (GObject *object)
{
  CandorAudienceList *self = CANDOR_AUDIENCE_LIST (object);

  g_ptr_array_unref (self->items);

  G_OBJECT_CLASS (candor_audience_list_parent_class)->finalize (object);
}

static void
candor_audience_list_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CandorAudienceList *self = CANDOR_AUDIENCE_LIST (object);

  switch (prop_id)
    {
      case PROP_STORE:
        g_value_set_object (value, self->store);
        break;

      case PROP_STORED:
        g_value_set_boolean (value, self->stored);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_audience_list_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CandorAudienceList *self = CANDOR_AUDIENCE_LIST (object);

  switch (prop_id)
    {
      case PROP_STORE:
        candor_audience_list_set_store (self, g_value_get_object (value));
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_audience_list_class_init (CandorAudienceListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = candor_audience_list_dispose;
  object_class->finalize = candor_audience_list_finalize;
  object_class->get_property = candor_audience_list_get_property;
  object_class->set_property = candor_audience_list_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CANDOR_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_STORED] =
    g_param_spec_boolean ("stored", NULL, NULL, FALSE, (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
candor_audience_list_init (CandorAudienceList *self)
{
  self->items = candor_audience_new_defaults ();
}

CandorAudienceList *
candor_audience_list_new (void)
{
  return g_object_new (CANDOR_TYPE_AUDIENCE_LIST, NULL);
}

CandorStore *
candor_audience_list_get_store (CandorAudienceList *self)
{
  g_return_val_if_fail (CANDOR_IS_AUDIENCE_LIST (self), NULL);

  return self->store;
}

static void
on_store_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  if (!candor_audience_list_load_finish (CANDOR_AUDIENCE_LIST (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Could not read the audiences, using the defaults: %s", error->message);
}

void
candor_audience_list_set_store (CandorAudienceList *self, CandorStore *store)
{
  g_autoptr (GPtrArray) defaults = NULL;

  g_return_if_fail (CANDOR_IS_AUDIENCE_LIST (self));
  g_return_if_fail (store == NULL || CANDOR_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);

  /* Another history has other audiences: none of the last one's stay. */
  defaults = candor_audience_new_defaults ();
  replace_items (self, defaults, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);

  if (store != NULL)
    {
      self->load_cancellable = g_cancellable_new ();
      candor_audience_list_load_async (self, self->load_cancellable, on_store_loaded_cb, NULL);
    }
}

gboolean
candor_audience_list_get_stored (CandorAudienceList *self)
{
  g_return_val_if_fail (CANDOR_IS_AUDIENCE_LIST (self), FALSE);

  return self->stored;
}

/* Returns: (transfer none) (nullable) */
CandorAudience *
candor_audience_list_find (CandorAudienceList *self, const char *audience_id)
{
  g_return_val_if_fail (CANDOR_IS_AUDIENCE_LIST (self), NULL);
  g_return_val_if_fail (audience_id != NULL, NULL);

  for (guint i = 0; i < self->items->len; i++)
    {
      CandorAudience *audience = g_ptr_array_index (self->items, i);

      if (g_str_equal (candor_audience_get_id (audience), audience_id))
        return audience;
    }

  return NULL;
}

GPtrArray *
candor_audience_list_dup_audiences (CandorAudienceList *self)
{
  GPtrArray *copies;

  g_return_val_if_fail (CANDOR_IS_AUDIENCE_LIST (self), NULL);

  copies = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->items->len; i++)
    {
      g_autoptr (JsonNode) node = candor_audience_to_json (g_ptr_array_index (self->items, i));
      g_autoptr (GError) error = NULL;
      CandorAudience *copy = candor_audience_new_from_json (node, &error);

      /* What to_json() wrote, new_from_json() reads. */
      g_assert_no_error (error);
      g_ptr_array_add (copies, copy);
    }

  return copies;
}

static void
on_documents_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  CandorAudienceList *self = g_task_get_source_object (task);
  g_autoptr (GPtrArray) documents = NULL;
  g_autoptr (GPtrArray) audiences = NULL;
  g_autoptr (GError) error = NULL;

  documents = candor_store_load_documents_finish (CANDOR_STORE (source), result, &error);
  if (documents == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  audiences = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < documents->len; i++)
    {
      g_autofree char *path = g_strdup_printf ("audiences[%u]", i);
      g_autoptr (JsonNode) node = NULL;
      CandorAudience *audience;

      if ((node = candor_json_parse (g_ptr_array_index (documents, i), -1, NULL, &error)) == NULL ||
          (audience = candor_audience_new_from_json_at (node, path, &error)) == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_ptr_array_add (audiences, audience);
    }

  if (audiences->len > 0)
    replace_items (self, audiences, TRUE);
  g_task_return_boolean (task, TRUE);
}

void
candor_audience_list_load_async (CandorAudienceList *self,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (CANDOR_IS_AUDIENCE_LIST (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, candor_audience_list_load_async);

  if (self->store == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               "The history is not open");
      return;
    }

  candor_store_load_documents_async (self->store, CANDOR_STORE_DOCUMENT_AUDIENCE, cancellable,
                                     on_documents_loaded_cb, g_steal_pointer (&task));
}

gboolean
candor_audience_list_load_finish (CandorAudienceList *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == candor_audience_list_load_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct
{
  guint   pending;
  GError *error;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_error (&data->error);
  g_free (data);
}

static void
on_document_put_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  CandorAudienceList *self = g_task_get_source_object (task);
  SaveData           *data = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  if (!candor_store_put_document_finish (CANDOR_STORE (source), result, &error) &&
      data->error == NULL)
    data->error = g_steal_pointer (&error);

  if (--data->pending > 0)
    return;

  if (data->error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&data->error));
      return;
    }

  if (!self->stored)
    {
      self->stored = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORED]);
    }
  g_task_return_boolean (task, TRUE);
}

void
candor_audience_list_save_async (CandorAudienceList *self,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  SaveData *data;

  g_return_if_fail (CANDOR_IS_AUDIENCE_LIST (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, candor_audience_list_save_async);

  if (self->store == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               "The history is not open");
      return;
    }
  if (self->items->len == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  data = g_new0 (SaveData, 1);
  data->pending = self->items->len;
  g_task_set_task_data (task, data, (GDestroyNotify)save_data_free);

  /* The store's worker writes them in order; the task ends with the last. */
  for (guint i = 0; i < self->items->len; i++)
    {
      CandorAudience *audience = g_ptr_array_index (self->items, i);
      g_autoptr (JsonNode) node = candor_audience_to_json (audience);
      g_autofree char *json = json_to_string (node, FALSE);

      candor_store_put_document_async (self->store, CANDOR_STORE_DOCUMENT_AUDIENCE,
                                       candor_audience_get_id (audience), json, cancellable,
                                       on_document_put_cb, g_object_ref (task));
    }
}

gboolean
candor_audience_list_save_finish (CandorAudienceList *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == candor_audience_list_save_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
