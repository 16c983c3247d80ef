/* candor-secrets.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-secrets"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsecret/secret.h>

#include "candor-publish-error.h"
#include "candor-secrets.h"

/* One keyring item per configured channel, found by the channel's id. The
 * secret itself never leaves this file except to the channel that sends
 * with it, and never reaches a log or an error message. */
static const SecretSchema *
candor_secrets_get_schema (void)
{
  /* Spelled out rather than built from APPLICATION_ID: a development build
   * with another application id still finds the same secrets. */
  static const SecretSchema schema = {
    CANDOR_SECRETS_SCHEMA_NAME,
    SECRET_SCHEMA_NONE,
    {
      { "channel-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

typedef enum
{
  OPERATION_STORE,
  OPERATION_LOOKUP,
  OPERATION_CLEAR,
} Operation;

typedef struct
{
  Operation      operation;
  char          *channel_id;
  char          *kind;
  char          *label;
  SecretValue   *value;
  SecretService *service;
  GList         *locked;
} Request;

static void
request_free (Request *request)
{
  g_free (request->channel_id);
  g_free (request->kind);
  g_free (request->label);
  g_clear_pointer (&request->value, secret_value_unref);
  g_clear_object (&request->service);
  g_list_free_full (request->locked, g_object_unref);
  g_free (request);
}

static GError *
locked_error (void)
{
  return g_error_new_literal (CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_KEYRING,
                              _("The keyring is locked: unlock it (in Passwords and Keys, for "
                                "example) and try again. Candor keeps channel secrets nowhere "
                                "else."));
}

static GError *
no_keyring_error (void)
{
  return g_error_new_literal (CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_KEYRING,
                              _("No keyring is available: install and start gnome-keyring (or "
                                "another Secret Service keyring), then try again."));
}

/* Whether @error says nobody answers for the Secret Service: no session
 * bus, or no keyring daemon on it that could be started. */
static gboolean
is_no_service_error (const GError *error)
{
  if (error->domain == G_DBUS_ERROR)
    switch (error->code)
      {
        case G_DBUS_ERROR_SERVICE_UNKNOWN:
        case G_DBUS_ERROR_NAME_HAS_NO_OWNER:
        case G_DBUS_ERROR_NO_SERVER:
        case G_DBUS_ERROR_DISCONNECTED:
        case G_DBUS_ERROR_SPAWN_EXEC_FAILED:
        case G_DBUS_ERROR_SPAWN_FORK_FAILED:
        case G_DBUS_ERROR_SPAWN_CHILD_EXITED:
        case G_DBUS_ERROR_SPAWN_CHILD_SIGNALED:
        case G_DBUS_ERROR_SPAWN_FAILED:
        case G_DBUS_ERROR_SPAWN_SERVICE_INVALID:
        case G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND:
        case G_DBUS_ERROR_SPAWN_PERMISSIONS_INVALID:
        case G_DBUS_ERROR_SPAWN_FILE_INVALID:
        case G_DBUS_ERROR_SPAWN_NO_MEMORY:
          return TRUE;

        default:
          return FALSE;
      }

  /* Without a session bus GIO fails to connect before any D-Bus error. */
  return error->domain == G_IO_ERROR && error->code != G_IO_ERROR_CANCELLED;
}

/* Takes @error and returns what it means for the person. */
static GError *
keyring_error (GError *error)
{
  GError *result;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return error;

  if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    result = locked_error ();
  else if (is_no_service_error (error))
    result = no_keyring_error ();
  else
    result = g_error_new (CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_KEYRING,
                          /* Translators: %s is the keyring's own explanation. */
                          _("The keyring failed: %s"), error->message);

  g_debug ("Keyring error %s %d: %s", g_quark_to_string (error->domain), error->code,
           error->message);
  g_error_free (error);

  return result;
}

static GHashTable *
request_attributes (Request *request)
{
  GHashTable *attributes = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (attributes, (char *)"channel-id", request->channel_id);
  if (request->kind != NULL)
    g_hash_table_insert (attributes, (char *)"kind", request->kind);

  return attributes;
}

static void
on_stored_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  if (!secret_service_store_finish (SECRET_SERVICE (source), result, &error))
    {
      g_task_return_error (task, keyring_error (error));
      return;
    }

  g_debug ("Stored the secret of channel %s", ((Request *)g_task_get_task_data (task))->channel_id);
  g_task_return_boolean (task, TRUE);
}

static void
on_looked_up_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (SecretValue) value = NULL;
  GError     *error = NULL;
  const char *data;
  gsize       length;

  value = secret_service_lookup_finish (SECRET_SERVICE (source), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, keyring_error (error));
      return;
    }

  if (value == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  data = secret_value_get (value, &length);
  g_task_return_pointer (task, g_strndup (data, length), (GDestroyNotify)secret_password_free);
}

static void
on_cleared_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  /* FALSE without an error: there was nothing to clear, which is fine. */
  if (!secret_service_clear_finish (SECRET_SERVICE (source), result, &error) && error != NULL)
    {
      g_task_return_error (task, keyring_error (error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/* Does what was asked, once nothing it needs is locked. */
static void
run (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  g_autoptr (GHashTable) attributes = request_attributes (request);
  GCancellable *cancellable = g_task_get_cancellable (task);

  switch (request->operation)
    {
      case OPERATION_STORE:
        secret_service_store (request->service, candor_secrets_get_schema (), attributes,
                              SECRET_COLLECTION_DEFAULT, request->label, request->value,
                              cancellable, on_stored_cb, task);
        break;

      case OPERATION_LOOKUP:
        secret_service_lookup (request->service, candor_secrets_get_schema (), attributes,
                               cancellable, on_looked_up_cb, task);
        break;

      case OPERATION_CLEAR:
        secret_service_clear (request->service, candor_secrets_get_schema (), attributes,
                              cancellable, on_cleared_cb, task);
        break;

      default:
        g_assert_not_reached ();
    }
}

static void
on_unlocked_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask   *task = user_data;
  Request *request = g_task_get_task_data (task);
  GError  *error = NULL;
  int      unlocked;

  unlocked = secret_service_unlock_finish (SECRET_SERVICE (source), result, NULL, &error);
  if (error != NULL)
    {
      g_task_return_error (task, keyring_error (error));
      g_object_unref (task);
      return;
    }

  /* A dismissed prompt, or none that could be shown, unlocks nothing and is
   * no error to libsecret; storing or looking up would then quietly do
   * nothing. */
  if (unlocked < (int)g_list_length (request->locked))
    {
      g_debug ("The keyring stayed locked for channel %s", request->channel_id);
      g_task_return_error (task, locked_error ());
      g_object_unref (task);
      return;
    }

  run (task);
}

/* Runs the request, after unlocking what request->locked lists. The keyring
 * asks for its password in its own prompt; where it cannot show one, it
 * gives up at once and the objects stay locked. */
static void
unlock_then_run (GTask *task)
{
  Request *request = g_task_get_task_data (task);

  if (request->locked == NULL)
    {
      run (task);
      return;
    }

  g_debug ("Unlocking the keyring for channel %s", request->channel_id);
  secret_service_unlock (request->service, request->locked, g_task_get_cancellable (task),
                         on_unlocked_cb, task);
}

static void
on_collection_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask            *task = user_data;
  Request          *request = g_task_get_task_data (task);
  SecretCollection *collection;
  GError           *error = NULL;

  collection = secret_collection_for_alias_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, keyring_error (error));
      g_object_unref (task);
      return;
    }

  /* Without a default keyring, storing makes one: the keyring asks for
   * its new password itself. */
  if (collection != NULL && secret_collection_get_locked (collection))
    request->locked = g_list_prepend (request->locked, collection);
  else
    g_clear_object (&collection);

  unlock_then_run (task);
}

static void
on_searched_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask   *task = user_data;
  Request *request = g_task_get_task_data (task);
  GError  *error = NULL;
  GList   *items;

  items = secret_service_search_finish (SECRET_SERVICE (source), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, keyring_error (error));
      g_object_unref (task);
      return;
    }

  if (items == NULL)
    {
      if (request->operation == OPERATION_LOOKUP)
        g_task_return_pointer (task, NULL, NULL);
      else
        g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  for (GList *l = items; l != NULL; l = l->next)
    if (secret_item_get_locked (l->data))
      request->locked = g_list_prepend (request->locked, g_object_ref (l->data));
  g_list_free_full (items, g_object_unref);

  unlock_then_run (task);
}

static void
on_service_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask   *task = user_data;
  Request *request = g_task_get_task_data (task);
  GError  *error = NULL;

  request->service = secret_service_get_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, keyring_error (error));
      g_object_unref (task);
      return;
    }

  if (request->operation == OPERATION_STORE)
    {
      secret_collection_for_alias (request->service, SECRET_COLLECTION_DEFAULT,
                                   SECRET_COLLECTION_NONE, g_task_get_cancellable (task),
                                   on_collection_cb, task);
    }
  else
    {
      g_autoptr (GHashTable) attributes = request_attributes (request);

      secret_service_search (request->service, candor_secrets_get_schema (), attributes,
                             SECRET_SEARCH_ALL, g_task_get_cancellable (task), on_searched_cb,
                             task);
    }
}

static void
start (Request            *request,
       GCancellable       *cancellable,
       GAsyncReadyCallback callback,
       gpointer            user_data,
       gpointer            source_tag)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, request, (GDestroyNotify)request_free);

  /* The task's reference travels along the callbacks to the last one. */
  secret_service_get (SECRET_SERVICE_NONE, cancellable, on_service_cb, task);
}

void
candor_secrets_store_async (const char         *channel_id,
                            const char         *kind,
                            const char         *kind_label,
                            const char         *channel_name,
                            const char         *secret,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  Request *request;

  g_return_if_fail (channel_id != NULL);
  g_return_if_fail (kind != NULL);
  g_return_if_fail (kind_label != NULL);
  g_return_if_fail (channel_name != NULL);
  g_return_if_fail (secret != NULL);

  request = g_new0 (Request, 1);
  request->operation = OPERATION_STORE;
  request->channel_id = g_strdup (channel_id);
  request->kind = g_strdup (kind);
  /* Translators: the label of a channel's secret in the keyring, as Passwords
     and Keys shows it: a kind of channel ("Slack"), then the channel's name. */
  request->label = g_strdup_printf (_("Candor: %s channel “%s”"), kind_label, channel_name);
  request->value = secret_value_new (secret, -1, "text/plain");

  start (request, cancellable, callback, user_data, candor_secrets_store_async);
}

gboolean
candor_secrets_store_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == candor_secrets_store_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
candor_secrets_lookup_async (const char         *channel_id,
                             GCancellable       *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
{
  Request *request;

  g_return_if_fail (channel_id != NULL);

  request = g_new0 (Request, 1);
  request->operation = OPERATION_LOOKUP;
  request->channel_id = g_strdup (channel_id);

  start (request, cancellable, callback, user_data, candor_secrets_lookup_async);
}

char *
candor_secrets_lookup_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == candor_secrets_lookup_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
candor_secrets_clear_async (const char         *channel_id,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  Request *request;

  g_return_if_fail (channel_id != NULL);

  request = g_new0 (Request, 1);
  request->operation = OPERATION_CLEAR;
  request->channel_id = g_strdup (channel_id);

  start (request, cancellable, callback, user_data, candor_secrets_clear_async);
}

gboolean
candor_secrets_clear_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == candor_secrets_clear_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

char *
candor_secrets_join_parts (const char *const *names, const char *const *values)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  char *json;

  g_return_val_if_fail (names != NULL && values != NULL, NULL);

  json_builder_begin_object (builder);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_return_val_if_fail (values[i] != NULL, NULL);
      json_builder_set_member_name (builder, names[i]);
      json_builder_add_string_value (builder, values[i]);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);

  return json;
}

char *
candor_secrets_get_part (const char *secret, const char *name)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  JsonNode   *root;
  const char *value;

  g_return_val_if_fail (name != NULL, NULL);

  if (secret == NULL || !json_parser_load_from_data (parser, secret, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  value = json_object_get_string_member_with_default (json_node_get_object (root), name, NULL);
  if (value == NULL)
    return NULL;

  return g_strdup (value);
}
