/* candor-store-documents.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "candor-json.h"
#include "candor-store-private.h"

/* Keys that name a secret: those belong in the keyring, never in this file. */
static const char *const secret_words[] = {
  "password",   "passwd",      "secret",      "token",       "apikey",      "api_key", "api-key",
  "credential", "private_key", "private-key", "webhook_url", "webhook-url", "webhook",
};

static const char *const document_tables[] = {
  [CANDOR_STORE_DOCUMENT_CONTACT] = "contacts",
  [CANDOR_STORE_DOCUMENT_AUDIENCE] = "audiences",
  [CANDOR_STORE_DOCUMENT_CHANNEL] = "channel_settings",
  [CANDOR_STORE_DOCUMENT_TEMPLATE] = "templates",
};

/* Finds a member, at any depth, whose name says it holds a secret. */
static const char *
find_secret_key (JsonNode *node)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *key = find_secret_key (json_array_get_element (array, i));

          if (key != NULL)
            return key;
        }
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject    *object = json_node_get_object (node);
      JsonObjectIter iter;
      const char    *name;
      JsonNode      *member;

      json_object_iter_init (&iter, object);
      while (json_object_iter_next (&iter, &name, &member))
        {
          g_autofree char *folded = g_ascii_strdown (name, -1);
          const char      *inner;

          for (guint i = 0; i < G_N_ELEMENTS (secret_words); i++)
            {
              if (strstr (folded, secret_words[i]) != NULL)
                return name;
            }

          inner = find_secret_key (member);
          if (inner != NULL)
            return inner;
        }
    }

  return NULL;
}

gboolean
candor_store_put_document (CandorStore        *self,
                           CandorStoreDocument kind,
                           const char         *id,
                           const char         *json,
                           GError            **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) parse_error = NULL;
  g_autofree char *sql = NULL;

  g_return_val_if_fail (CANDOR_IS_STORE (self), FALSE);
  g_return_val_if_fail (kind <= CANDOR_STORE_DOCUMENT_TEMPLATE, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (json != NULL, FALSE);

  /* The one reader every JSON document goes through: bounded in size and depth, so
   * that find_secret_key() below, and whoever reads the document back, never meets
   * one nested deep enough to overflow the stack. */
  root = candor_json_parse (json, -1, NULL, &parse_error);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_INVALID,
                   _("“%s” is not a JSON object: %s"), id,
                      parse_error != NULL ? parse_error->message : _("another kind of value"));
      return FALSE;
    }

  if (kind == CANDOR_STORE_DOCUMENT_CHANNEL)
    {
      const char *secret = find_secret_key (root);

      if (secret != NULL)
        {
          g_set_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_INVALID,
                       _("The settings of channel “%s” hold “%s”, which looks like a secret; "
                         "secrets belong in the keyring and are never written to the history"),
                          id, secret);
          return FALSE;
        }
    }

  CANDOR_STORE_LOCK_GUARD (self);

  sql = g_strdup_printf ("INSERT INTO %s (id, json, saved_at) VALUES (?1, ?2, ?3)"
                         " ON CONFLICT (id) DO UPDATE SET json = excluded.json,"
                         " saved_at = excluded.saved_at",
                         document_tables[kind]);
  if (!_candor_store_prepare (self, sql, &stmt, error))
    return FALSE;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, json, -1, SQLITE_TRANSIENT);
  _candor_store_bind_time (stmt, 3, now);

  return _candor_store_step_done (self, stmt, error);
}

static void
put_document_job (CandorStore *self, GTask *task)
{
  CandorStoreCall *call = g_task_get_task_data (task);
  GError          *error = NULL;
  gboolean         ok = candor_store_put_document (self, call->kind, call->id, call->json, &error);

  _candor_store_return_boolean (task, ok, error);
}

void
candor_store_put_document_async (CandorStore        *self,
                                 CandorStoreDocument kind,
                                 const char         *id,
                                 const char         *json,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  CandorStoreCall *call;

  g_return_if_fail (CANDOR_IS_STORE (self));
  g_return_if_fail (kind <= CANDOR_STORE_DOCUMENT_TEMPLATE);
  g_return_if_fail (id != NULL);
  g_return_if_fail (json != NULL);

  task = _candor_store_new_call_task (self, candor_store_put_document_async, cancellable, callback,
                                      user_data, &call);
  call->kind = kind;
  call->id = g_strdup (id);
  call->json = g_strdup (json);
  _candor_store_run_job (self, task, put_document_job);
}

gboolean
candor_store_put_document_finish (CandorStore *self, GAsyncResult *result, GError **error)
{
  return _candor_store_finish_boolean (self, result, candor_store_put_document_async, error);
}

char *
candor_store_get_document (CandorStore        *self,
                           CandorStoreDocument kind,
                           const char         *id,
                           GError            **error)
{
  g_autofree char *sql = NULL;
  g_autofree char *missing = NULL;

  g_return_val_if_fail (CANDOR_IS_STORE (self), NULL);
  g_return_val_if_fail (kind <= CANDOR_STORE_DOCUMENT_TEMPLATE, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  CANDOR_STORE_LOCK_GUARD (self);

  sql = g_strdup_printf ("SELECT json FROM %s WHERE id = ?1", document_tables[kind]);
  missing = g_strdup_printf (_("There is no “%s” in the saved settings"), id);
  return _candor_store_query_one_text (self, sql, id, missing, error);
}

GStrv
candor_store_list_documents (CandorStore *self, CandorStoreDocument kind, GError **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (CANDOR_IS_STORE (self), NULL);
  g_return_val_if_fail (kind <= CANDOR_STORE_DOCUMENT_TEMPLATE, NULL);

  CANDOR_STORE_LOCK_GUARD (self);

  sql = g_strdup_printf ("SELECT id FROM %s ORDER BY id", document_tables[kind]);
  return _candor_store_query_ids (self, sql, error);
}

static void
load_documents_job (CandorStore *self, GTask *task)
{
  CandorStoreCall *call = g_task_get_task_data (task);
  GError          *error = NULL;
  g_autofree char *sql =
    g_strdup_printf ("SELECT json FROM %s ORDER BY id", document_tables[call->kind]);
  GPtrArray *documents = _candor_store_query_texts (self, sql, &error);

  _candor_store_return_pointer (task, documents, (GDestroyNotify)g_ptr_array_unref, error);
}

void
candor_store_load_documents_async (CandorStore        *self,
                                   CandorStoreDocument kind,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  CandorStoreCall *call;

  g_return_if_fail (CANDOR_IS_STORE (self));
  g_return_if_fail (kind <= CANDOR_STORE_DOCUMENT_TEMPLATE);

  task = _candor_store_new_call_task (self, candor_store_load_documents_async, cancellable,
                                      callback, user_data, &call);
  call->kind = kind;
  _candor_store_run_job (self, task, load_documents_job);
}

GPtrArray *
candor_store_load_documents_finish (CandorStore *self, GAsyncResult *result, GError **error)
{
  return _candor_store_finish_pointer (self, result, candor_store_load_documents_async, error);
}

gboolean
candor_store_delete_document (CandorStore        *self,
                              CandorStoreDocument kind,
                              const char         *id,
                              GError            **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;

  g_return_val_if_fail (CANDOR_IS_STORE (self), FALSE);
  g_return_val_if_fail (kind <= CANDOR_STORE_DOCUMENT_TEMPLATE, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  CANDOR_STORE_LOCK_GUARD (self);

  sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?1", document_tables[kind]);
  if (!_candor_store_prepare (self, sql, &stmt, error))
    return FALSE;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  return _candor_store_step_done (self, stmt, error);
}

/* A channel is written as candor_channel_to_json() writes it, under its id;
 * its secret, if it has one, is the keyring's. */
gboolean
candor_store_put_channel (CandorStore *self, CandorChannel *channel, GError **error)
{
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *json = NULL;

  g_return_val_if_fail (CANDOR_IS_STORE (self), FALSE);
  g_return_val_if_fail (CANDOR_IS_CHANNEL (channel), FALSE);

  node = candor_channel_to_json (channel);
  json = json_to_string (node, FALSE);

  return candor_store_put_document (self, CANDOR_STORE_DOCUMENT_CHANNEL,
                                    candor_channel_get_id (channel), json, error);
}

/**
 * candor_store_load_channels:
 *
 * Returns: (transfer full) (element-type CandorChannel): every configured
 *   channel, in id order; %NULL with CANDOR_STORE_ERROR_INVALID when one
 *   does not read as a channel.
 */
GPtrArray *
candor_store_load_channels (CandorStore *self, GError **error)
{
  g_autoptr (GPtrArray) channels = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto (GStrv) ids = NULL;

  g_return_val_if_fail (CANDOR_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ids = candor_store_list_documents (self, CANDOR_STORE_DOCUMENT_CHANNEL, error);
  if (ids == NULL)
    return NULL;

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autofree char *json = NULL;
      g_autoptr (JsonNode) node = NULL;
      g_autoptr (GError) local_error = NULL;
      CandorChannel *channel = NULL;

      json = candor_store_get_document (self, CANDOR_STORE_DOCUMENT_CHANNEL, ids[i], error);
      if (json == NULL)
        return NULL;

      node = candor_json_parse (json, -1, NULL, &local_error);
      if (node != NULL)
        channel = candor_channel_new_from_json (node, &local_error);
      if (channel == NULL)
        {
          g_set_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_INVALID,
                       _("The settings of channel “%s” are not a channel: %s"), ids[i],
                          local_error->message);
          return NULL;
        }
      g_ptr_array_add (channels, channel);
    }

  return g_steal_pointer (&channels);
}

static void
delete_document_job (CandorStore *self, GTask *task)
{
  CandorStoreCall *call = g_task_get_task_data (task);
  GError          *error = NULL;
  gboolean         ok = candor_store_delete_document (self, call->kind, call->id, &error);

  _candor_store_return_boolean (task, ok, error);
}

void
candor_store_delete_document_async (CandorStore        *self,
                                    CandorStoreDocument kind,
                                    const char         *id,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  CandorStoreCall *call;

  g_return_if_fail (CANDOR_IS_STORE (self));
  g_return_if_fail (kind <= CANDOR_STORE_DOCUMENT_TEMPLATE);
  g_return_if_fail (id != NULL);

  task = _candor_store_new_call_task (self, candor_store_delete_document_async, cancellable,
                                      callback, user_data, &call);
  call->kind = kind;
  call->id = g_strdup (id);
  _candor_store_run_job (self, task, delete_document_job);
}

gboolean
candor_store_delete_document_finish (CandorStore *self, GAsyncResult *result, GError **error)
{
  return _candor_store_finish_boolean (self, result, candor_store_delete_document_async, error);
}
