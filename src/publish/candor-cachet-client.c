/* candor-cachet-client.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-cachet-client"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "candor-cachet-client.h"
#include "candor-chat-util.h"
#include "candor-publish-error.h"
#include "candor-status-entry.h"

#define SERVICE "Cachet"

/* Cachet's incident statuses (0 is a scheduled maintenance) and component
 * statuses (0 is unknown). */
enum
{
  INCIDENT_INVESTIGATING = 1,
  INCIDENT_IDENTIFIED = 2,
  INCIDENT_WATCHING = 3,
  INCIDENT_FIXED = 4,
};

enum
{
  COMPONENT_OPERATIONAL = 1,
  COMPONENT_PERFORMANCE_ISSUES = 2,
  COMPONENT_PARTIAL_OUTAGE = 3,
  COMPONENT_MAJOR_OUTAGE = 4,
};

struct _CandorCachetClient
{
  CandorHttpChannelClient parent_instance;
};

static void candor_cachet_client_initable_iface_init (GInitableIface *iface);
static void candor_cachet_client_channel_client_iface_init (CandorChannelClientInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (
  CandorCachetClient,
  candor_cachet_client,
  CANDOR_TYPE_HTTP_CHANNEL_CLIENT,
  G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, candor_cachet_client_initable_iface_init)
    G_IMPLEMENT_INTERFACE (CANDOR_TYPE_CHANNEL_CLIENT,
                           candor_cachet_client_channel_client_iface_init))

static const char *
get_setting (CandorCachetClient *self, const char *key)
{
  CandorChannel *channel =
    candor_http_channel_client_get_channel (CANDOR_HTTP_CHANNEL_CLIENT (self));
  const char *value = candor_channel_get_setting (channel, key);

  return value != NULL ? value : "";
}

/* The installation's address without a trailing slash. */
static char *
get_base_url (CandorCachetClient *self)
{
  g_autofree char *base = g_strstrip (g_strdup (get_setting (self, "base-url")));
  gsize            length = strlen (base);

  while (length > 0 && base[length - 1] == '/')
    base[--length] = '\0';

  return g_steal_pointer (&base);
}

static char *
api_url (CandorCachetClient *self, const char *path)
{
  g_autofree char *base = get_base_url (self);

  return g_strconcat (base, "/api/v1", path, NULL);
}

static void
send_request (CandorCachetClient *self,
              const char         *method,
              const char         *path,
              JsonNode           *body,
              GCancellable       *cancellable,
              GAsyncReadyCallback callback,
              gpointer            user_data)
{
  CandorHttp *http = candor_http_channel_client_get_http (CANDOR_HTTP_CHANNEL_CLIENT (self));
  const char *secret = candor_http_channel_client_get_secret (CANDOR_HTTP_CHANNEL_CLIENT (self));
  g_autoptr (GHashTable) headers = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *url = api_url (self, path);

  g_hash_table_insert (headers, (gpointer) "X-Cachet-Token", (gpointer)secret);
  g_hash_table_insert (headers, (gpointer) "Accept", (gpointer) "application/json");
  if (body != NULL)
    bytes = candor_chat_json_to_bytes (body);

  candor_http_send_async (http, method, url, headers, bytes,
                          body != NULL ? "application/json" : NULL, cancellable, callback,
                          user_data);
}

/* What Cachet said of a failure: {"errors": [{"title", "detail", "meta":
 * {"details": [...]}}]}, the details being what a refused field needs. */
static char *
get_error_words (CandorHttpResponse *response)
{
  JsonNode   *root = candor_http_response_get_json (response);
  JsonNode   *errors;
  JsonNode   *first;
  JsonObject *error;
  JsonNode   *meta;
  const char *detail;
  g_autoptr (GString) words = g_string_new (NULL);

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return candor_chat_response_get_text (response);

  errors = json_object_get_member (json_node_get_object (root), "errors");
  if (errors == NULL || !JSON_NODE_HOLDS_ARRAY (errors) ||
      json_array_get_length (json_node_get_array (errors)) == 0)
    return NULL;

  first = json_array_get_element (json_node_get_array (errors), 0);
  if (!JSON_NODE_HOLDS_OBJECT (first))
    return NULL;
  error = json_node_get_object (first);

  meta = json_object_get_member (error, "meta");
  if (meta != NULL && JSON_NODE_HOLDS_OBJECT (meta))
    {
      JsonNode *details = json_object_get_member (json_node_get_object (meta), "details");

      if (details != NULL && JSON_NODE_HOLDS_ARRAY (details))
        {
          JsonArray *array = json_node_get_array (details);

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonNode *item = json_array_get_element (array, i);

              if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING)
                g_string_append_printf (words, "%s%s", words->len > 0 ? " " : "",
                                        json_node_get_string (item));
            }
        }
    }
  if (words->len > 0)
    return g_string_free (g_steal_pointer (&words), FALSE);

  detail = json_object_get_string_member_with_default (error, "detail", NULL);
  if (detail == NULL)
    detail = json_object_get_string_member_with_default (error, "title", NULL);

  return g_strdup (detail);
}

/* The answer's "data" when Cachet took the request, else %NULL and the
 * error in its words; @follows_up: the request was about an incident
 * posted before, so "not found" means it is gone. */
static JsonNode *
finish_request (CandorCachetClient *self, GAsyncResult *result, gboolean follows_up, GError **error)
{
  CandorHttp *http = candor_http_channel_client_get_http (CANDOR_HTTP_CHANNEL_CLIENT (self));
  g_autoptr (CandorHttpResponse) response = NULL;
  JsonNode *root;
  JsonNode *data = NULL;

  response = candor_http_send_finish (http, result, error);
  if (response == NULL)
    return NULL;

  if (!candor_http_response_is_success (response))
    {
      g_autofree char *words = get_error_words (response);

      g_propagate_error (error,
                         candor_status_entry_refusal_error (response, SERVICE, follows_up, words));
      return NULL;
    }

  root = candor_http_response_get_json (response);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    data = json_object_get_member (json_node_get_object (root), "data");
  if (data == NULL)
    {
      g_propagate_error (error, candor_chat_unreadable_answer_error (SERVICE));
      return NULL;
    }

  return json_node_copy (data);
}

static void
on_component_read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) data = NULL;

  data = finish_request (g_task_get_source_object (task), result, FALSE, &error);
  if (data == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_subscribers_read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  CandorCachetClient *self = g_task_get_source_object (task);
  const char         *component_id = get_setting (self, "component-id");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) data = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  GCancellable    *cancellable;

  data = finish_request (self, result, FALSE, &error);
  if (data == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (*component_id == '\0')
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  escaped = g_uri_escape_string (component_id, NULL, FALSE);
  path = g_strconcat ("/components/", escaped, NULL);
  cancellable = g_task_get_cancellable (task);
  send_request (self, "GET", path, NULL, cancellable, on_component_read_cb,
                g_steal_pointer (&task));
}

static void
on_pinged_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  CandorCachetClient *self = g_task_get_source_object (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) data = NULL;
  GCancellable *cancellable;

  data = finish_request (self, result, FALSE, &error);
  if (data == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Reading subscribers needs the token and changes nothing. */
  cancellable = g_task_get_cancellable (task);
  send_request (self, "GET", "/subscribers?per_page=1", NULL, cancellable, on_subscribers_read_cb,
                g_steal_pointer (&task));
}

static void
candor_cachet_client_test_async (CandorChannelClient *client,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  CandorCachetClient *self = CANDOR_CACHET_CLIENT (client);
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, candor_cachet_client_test_async);
  send_request (self, "GET", "/ping", NULL, cancellable, on_pinged_cb, g_steal_pointer (&task));
}

static gboolean
candor_cachet_client_test_finish (CandorChannelClient *client, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static int
incident_status (const CandorStatusEntry *entry)
{
  switch (entry->state)
    {
      case CANDOR_INCIDENT_STATE_IDENTIFIED:
        return INCIDENT_IDENTIFIED;
      case CANDOR_INCIDENT_STATE_MONITORING:
        return INCIDENT_WATCHING;
      case CANDOR_INCIDENT_STATE_RESOLVED:
        return INCIDENT_FIXED;
      case CANDOR_INCIDENT_STATE_INVESTIGATING:
      default:
        return INCIDENT_INVESTIGATING;
    }
}

/* The outage the severity stands for while the incident lasts. */
static int
component_status (const CandorStatusEntry *entry)
{
  if (candor_status_entry_is_resolved (entry))
    return COMPONENT_OPERATIONAL;

  switch (entry->severity)
    {
      case CANDOR_SEVERITY_MINOR:
        return COMPONENT_PERFORMANCE_ISSUES;
      case CANDOR_SEVERITY_CRITICAL:
        return COMPONENT_MAJOR_OUTAGE;
      case CANDOR_SEVERITY_MAJOR:
      default:
        return COMPONENT_PARTIAL_OUTAGE;
    }
}

/* An incident to create, or (@create FALSE) an update of one. */
static JsonNode *
build_request (CandorCachetClient *self, const CandorStatusEntry *entry, gboolean create)
{
  const char *component_id = get_setting (self, "component-id");
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  char  *end;
  gint64 number = g_ascii_strtoll (component_id, &end, 10);

  json_builder_begin_object (builder);
  if (create)
    {
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, entry->name);
    }
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, entry->body);
  json_builder_set_member_name (builder, "status");
  json_builder_add_int_value (builder, incident_status (entry));
  if (create)
    {
      json_builder_set_member_name (builder, "visible");
      json_builder_add_int_value (builder, 1);
      json_builder_set_member_name (builder, "notify");
      json_builder_add_boolean_value (builder, TRUE);
    }
  if (*component_id != '\0')
    {
      json_builder_set_member_name (builder, "component_id");
      if (*end == '\0')
        json_builder_add_int_value (builder, number);
      else
        json_builder_add_string_value (builder, component_id);
      json_builder_set_member_name (builder, "component_status");
      json_builder_add_int_value (builder, component_status (entry));
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* An id Cachet gives as a number, as text; NULL when there is none. */
static char *
member_id (JsonObject *object, const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (json_node_get_value_type (node) == G_TYPE_STRING && *json_node_get_string (node) != '\0')
    return g_strdup (json_node_get_string (node));

  return NULL;
}

static void
on_incident_sent_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  CandorCachetClient *self = g_task_get_source_object (task);
  const char         *follows = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) data = NULL;
  g_autofree char *incident_id = NULL;
  g_autofree char *url = NULL;
  const char      *permalink = NULL;
  JsonObject      *object;

  data = finish_request (self, result, follows != NULL, &error);
  if (data == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  object = JSON_NODE_HOLDS_OBJECT (data) ? json_node_get_object (data) : NULL;
  if (object != NULL)
    {
      /* An update names its incident; a new incident is its own. */
      incident_id = member_id (object, follows != NULL ? "incident_id" : "id");
      if (follows == NULL)
        permalink = json_object_get_string_member_with_default (object, "permalink", NULL);
    }
  if (incident_id == NULL && follows != NULL && object != NULL)
    incident_id = g_strdup (follows);
  if (incident_id == NULL)
    {
      g_task_return_error (task, candor_chat_unreadable_answer_error (SERVICE));
      return;
    }

  if (permalink != NULL && *permalink != '\0')
    url = g_strdup (permalink);
  else
    {
      g_autofree char *base = get_base_url (self);
      g_autofree char *escaped = g_uri_escape_string (incident_id, NULL, FALSE);

      url = g_strdup_printf ("%s/incidents/%s", base, escaped);
    }

  g_task_return_pointer (task, candor_chat_receipt_new (incident_id, url),
                         (GDestroyNotify)candor_publish_receipt_free);
}

static void
candor_cachet_client_publish_async (CandorChannelClient   *client,
                                    CandorSentRendition   *rendition,
                                    const char            *idempotency_key,
                                    const CandorThreadRef *thread,
                                    GCancellable          *cancellable,
                                    GAsyncReadyCallback    callback,
                                    gpointer               user_data)
{
  CandorCachetClient *self = CANDOR_CACHET_CLIENT (client);
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr (CandorStatusEntry) entry = candor_status_entry_new_from_rendition (rendition);
  const char *incident_id = thread != NULL ? thread->root_id : NULL;
  g_autoptr (JsonNode) body = NULL;

  g_task_set_source_tag (task, candor_cachet_client_publish_async);
  g_task_set_task_data (task, g_strdup (incident_id), g_free);

  if (candor_status_entry_is_blank (entry))
    {
      g_task_return_new_error (task, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REJECTED,
                               _("The message for Cachet is empty; write it before publishing."));
      return;
    }

  body = build_request (self, entry, incident_id == NULL);
  if (incident_id != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (incident_id, NULL, FALSE);
      g_autofree char *path = g_strdup_printf ("/incidents/%s/updates", escaped);

      send_request (self, "POST", path, body, cancellable, on_incident_sent_cb,
                    g_steal_pointer (&task));
    }
  else
    send_request (self, "POST", "/incidents", body, cancellable, on_incident_sent_cb,
                  g_steal_pointer (&task));
}

static CandorPublishReceipt *
candor_cachet_client_publish_finish (CandorChannelClient *client,
                                     GAsyncResult        *result,
                                     GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
candor_cachet_client_initable_init (GInitable *initable, GCancellable *cancellable, GError **error)
{
  CandorCachetClient *self = CANDOR_CACHET_CLIENT (initable);
  const char    *secret = candor_http_channel_client_get_secret (CANDOR_HTTP_CHANNEL_CLIENT (self));
  CandorChannel *channel =
    candor_http_channel_client_get_channel (CANDOR_HTTP_CHANNEL_CLIENT (self));
  g_autofree char *base = get_base_url (self);

  if (*base == '\0')
    {
      g_set_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED,
                   _("The channel “%s” has no Cachet address; set it in Preferences."),
                      candor_channel_get_name (channel));
      return FALSE;
    }
  if (secret == NULL || *secret == '\0')
    {
      g_set_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED,
                   _("The channel “%s” has no API token; enter it in Preferences."),
                      candor_channel_get_name (channel));
      return FALSE;
    }

  return candor_http_check_url (base, error);
}

static void
candor_cachet_client_initable_iface_init (GInitableIface *iface)
{
  iface->init = candor_cachet_client_initable_init;
}

static void
candor_cachet_client_channel_client_iface_init (CandorChannelClientInterface *iface)
{
  iface->test_async = candor_cachet_client_test_async;
  iface->test_finish = candor_cachet_client_test_finish;
  iface->publish_async = candor_cachet_client_publish_async;
  iface->publish_finish = candor_cachet_client_publish_finish;
}

static void
candor_cachet_client_class_init (CandorCachetClientClass *klass)
{
}

static void
candor_cachet_client_init (CandorCachetClient *self)
{
}
