/* candor-channel-list.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-session"

#include "config.h"

#include <glib/gi18n.h>

#include "candor-channel-list.h"
#include "candor-json.h"
#include "candor-secrets.h"

/* The configured channels, as the store's channel documents hold them: what
 * the preferences list and edit, and where the publisher finds a rendition's
 * channel. Their secrets stay in the keyring; saving and removing a channel
 * keep the keyring and the documents in step. */
struct _CandorChannelList
{
  GObject parent_instance;

  CandorStore *store;
  GPtrArray   *channels; /* of CandorChannel, in id order */
};

static void candor_channel_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CandorChannelList,
                               candor_channel_list,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      candor_channel_list_model_init))

static GType
candor_channel_list_get_item_type (GListModel *model)
{
  return CANDOR_TYPE_CHANNEL;
}

static guint
candor_channel_list_get_n_items (GListModel *model)
{
  return CANDOR_CHANNEL_LIST (model)->channels->len;
}

static gpointer
candor_channel_list_get_item (GListModel *model, guint position)
{
  CandorChannelList *self = CANDOR_CHANNEL_LIST (model);

  if (position >= self->channels->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->channels, position));
}

static void
candor_channel_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = candor_channel_list_get_item_type;
  iface->get_n_items = candor_channel_list_get_n_items;
  iface->get_item = candor_channel_list_get_item;
}

static void
candor_channel_list_dispose (GObject *object)
{
  CandorChannelList *self = CANDOR_CHANNEL_LIST (object);

  g_clear_object (&self->store);
  g_ptr_array_set_size (self->channels, 0);

  G_OBJECT_CLASS (candor_channel_list_parent_class)->dispose (object);
}

static void
candor_channel_list_finalize (GObject *object)
{
  CandorChannelList *self = CANDOR_CHANNEL_LIST (object);

  g_ptr_array_unref (self->channels);

  G_OBJECT_CLASS (candor_channel_list_parent_class)->finalize (object);
}

static void
candor_channel_list_class_init (CandorChannelListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = candor_channel_list_dispose;
  object_class->finalize = candor_channel_list_finalize;
}

static void
candor_channel_list_init (CandorChannelList *self)
{
  self->channels = g_ptr_array_new_with_free_func (g_object_unref);
}

CandorChannelList *
candor_channel_list_new (void)
{
  return g_object_new (CANDOR_TYPE_CHANNEL_LIST, NULL);
}

static int
compare_channels (gconstpointer a, gconstpointer b)
{
  CandorChannel *channel_a = *(CandorChannel **)a;
  CandorChannel *channel_b = *(CandorChannel **)b;

  return g_strcmp0 (candor_channel_get_id (channel_a), candor_channel_get_id (channel_b));
}

static void
replace_all (CandorChannelList *self, GPtrArray *channels)
{
  guint removed = self->channels->len;

  g_ptr_array_set_size (self->channels, 0);
  for (guint i = 0; i < channels->len; i++)
    g_ptr_array_add (self->channels, g_object_ref (g_ptr_array_index (channels, i)));
  g_ptr_array_sort (self->channels, compare_channels);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->channels->len);
}

static gboolean
find_position (CandorChannelList *self, const char *channel_id, guint *position)
{
  for (guint i = 0; i < self->channels->len; i++)
    {
      if (g_strcmp0 (candor_channel_get_id (g_ptr_array_index (self->channels, i)), channel_id) ==
          0)
        {
          *position = i;
          return TRUE;
        }
    }

  return FALSE;
}

static void
on_documents_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  CandorChannelList *self = g_task_get_source_object (task);
  g_autoptr (GPtrArray) documents = NULL;
  g_autoptr (GPtrArray) channels = g_ptr_array_new_with_free_func (g_object_unref);
  GError *error = NULL;

  documents = candor_store_load_documents_finish (CANDOR_STORE (source), result, &error);
  if (documents == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < documents->len; i++)
    {
      const char *json = g_ptr_array_index (documents, i);
      g_autoptr (JsonNode) node = candor_json_parse (json, -1, NULL, &error);
      CandorChannel *channel = NULL;

      if (node != NULL)
        channel = candor_channel_new_from_json (node, &error);
      if (channel == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      g_ptr_array_add (channels, channel);
    }

  /* The default channels, one per kind, have no secrets: they show what an
   * audience would receive, and publish nothing until they are set up. */
  if (channels->len == 0)
    {
      g_ptr_array_unref (channels);
      channels = candor_channel_new_defaults ();
    }

  replace_all (self, channels);
  g_task_return_boolean (task, TRUE);
}

/**
 * candor_channel_list_load_async:
 * @store: the history whose channel documents are read; saves and removals
 *   go to it afterwards
 *
 * Reads the configured channels, or the default ones when none is
 * configured, replacing the list's items.
 */
void
candor_channel_list_load_async (CandorChannelList  *self,
                                CandorStore        *store,
                                GCancellable       *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (CANDOR_IS_CHANNEL_LIST (self));
  g_return_if_fail (CANDOR_IS_STORE (store));

  g_set_object (&self->store, store);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, candor_channel_list_load_async);
  candor_store_load_documents_async (store, CANDOR_STORE_DOCUMENT_CHANNEL, cancellable,
                                     on_documents_loaded_cb, g_steal_pointer (&task));
}

gboolean
candor_channel_list_load_finish (CandorChannelList *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == candor_channel_list_load_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * candor_channel_list_lookup:
 *
 * Returns: (transfer none) (nullable): the channel with @channel_id.
 */
CandorChannel *
candor_channel_list_lookup (CandorChannelList *self, const char *channel_id)
{
  guint position = 0;

  g_return_val_if_fail (CANDOR_IS_CHANNEL_LIST (self), NULL);

  if (channel_id == NULL || !find_position (self, channel_id, &position))
    return NULL;

  return g_ptr_array_index (self->channels, position);
}

static GTask *
new_store_task (CandorChannelList  *self,
                gpointer            source_tag,
                GCancellable       *cancellable,
                GAsyncReadyCallback callback,
                gpointer            user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  if (self->store == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, "%s",
                               _("The history is not open yet"));
      g_clear_object (&task);
    }

  return task;
}

static void
on_channel_put_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  CandorChannelList *self = g_task_get_source_object (task);
  CandorChannel     *channel = g_task_get_task_data (task);
  GError            *error = NULL;
  guint              position = 0;

  if (!candor_store_put_document_finish (CANDOR_STORE (source), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (find_position (self, candor_channel_get_id (channel), &position))
    {
      g_set_object ((CandorChannel **)&g_ptr_array_index (self->channels, position), channel);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
    }
  else
    {
      g_ptr_array_add (self->channels, g_object_ref (channel));
      g_ptr_array_sort (self->channels, compare_channels);
      find_position (self, candor_channel_get_id (channel), &position);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
    }

  g_task_return_boolean (task, TRUE);
}

static void
put_channel (GTask *task)
{
  CandorChannelList *self = g_task_get_source_object (task);
  CandorChannel     *channel = g_task_get_task_data (task);
  g_autoptr (JsonNode) node = candor_channel_to_json (channel);
  g_autofree char *json = json_to_string (node, FALSE);

  candor_store_put_document_async (self->store, CANDOR_STORE_DOCUMENT_CHANNEL,
                                   candor_channel_get_id (channel), json,
                                   g_task_get_cancellable (task), on_channel_put_cb, task);
}

static void
on_secret_stored_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask  *task = user_data;
  GError *error = NULL;

  if (!candor_secrets_store_finish (result, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  put_channel (task);
}

/**
 * candor_channel_list_save_async:
 * @secret: (nullable): the channel's new secret, or %NULL to keep the one
 *   the keyring holds
 *
 * Stores the secret in the keyring first, then the channel's settings
 * document, so a saved channel never points at a secret that failed to
 * save; then the list shows the channel.
 */
void
candor_channel_list_save_async (CandorChannelList  *self,
                                CandorChannel      *channel,
                                const char         *secret,
                                GCancellable       *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer            user_data)
{
  GTask                   *task;
  const CandorChannelKind *kind;
  g_autoptr (CandorChannel) copy = NULL;

  g_return_if_fail (CANDOR_IS_CHANNEL_LIST (self));
  g_return_if_fail (CANDOR_IS_CHANNEL (channel));

  task = new_store_task (self, candor_channel_list_save_async, cancellable, callback, user_data);
  if (task == NULL)
    return;

  /* The list's item must not change under the caller's later edits. */
  copy = candor_channel_copy (channel);
  g_task_set_task_data (task, g_object_ref (copy), g_object_unref);

  if (secret == NULL)
    {
      put_channel (task);
      return;
    }

  kind = candor_channel_get_kind (copy);
  candor_secrets_store_async (candor_channel_get_id (copy), kind->nick,
                              candor_channel_kind_get_label (kind), candor_channel_get_name (copy),
                              secret, cancellable, on_secret_stored_cb, task);
}

gboolean
candor_channel_list_save_finish (CandorChannelList *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == candor_channel_list_save_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_secret_cleared_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  CandorChannelList *self = g_task_get_source_object (task);
  const char        *channel_id = g_task_get_task_data (task);
  GError            *error = NULL;
  guint              position = 0;

  if (!candor_secrets_clear_finish (result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (find_position (self, channel_id, &position))
    {
      g_ptr_array_remove_index (self->channels, position);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
    }

  g_task_return_boolean (task, TRUE);
}

static void
on_document_deleted_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask  *task = user_data;
  GError *error = NULL;

  if (!candor_store_delete_document_finish (CANDOR_STORE (source), result, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  candor_secrets_clear_async (g_task_get_task_data (task), g_task_get_cancellable (task),
                              on_secret_cleared_cb, task);
}

/**
 * candor_channel_list_remove_async:
 *
 * Removes the channel's settings document, then its secret from the keyring.
 */
void
candor_channel_list_remove_async (CandorChannelList  *self,
                                  const char         *channel_id,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  GTask *task;

  g_return_if_fail (CANDOR_IS_CHANNEL_LIST (self));
  g_return_if_fail (channel_id != NULL);

  task = new_store_task (self, candor_channel_list_remove_async, cancellable, callback, user_data);
  if (task == NULL)
    return;

  g_task_set_task_data (task, g_strdup (channel_id), g_free);
  candor_store_delete_document_async (self->store, CANDOR_STORE_DOCUMENT_CHANNEL, channel_id,
                                      cancellable, on_document_deleted_cb, task);
}

gboolean
candor_channel_list_remove_finish (CandorChannelList *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == candor_channel_list_remove_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
