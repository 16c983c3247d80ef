/* candor-statuspage-client.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-statuspage-client"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "candor-chat-util.h"
#include "candor-publish-error.h"
#include "candor-status-entry.h"
#include "candor-statuspage-client.h"

#define SERVICE         "Statuspage"
#define DEFAULT_API_URL "https://api.statuspage.io"

/* Statuspage's own code for "too many requests", beside 429. */
#define STATUS_ENHANCE_YOUR_CALM 420
#define STATUS_TOO_MANY_REQUESTS 429

struct _CandorStatuspageClient
{
  CandorHttpChannelClient parent_instance;
};

static void candor_statuspage_client_initable_iface_init (GInitableIface *iface);
static void
candor_statuspage_client_channel_client_iface_init (CandorChannelClientInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (
  CandorStatuspageClient,
  candor_statuspage_client,
  CANDOR_TYPE_HTTP_CHANNEL_CLIENT,
  G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, candor_statuspage_client_initable_iface_init)
    G_IMPLEMENT_INTERFACE (CANDOR_TYPE_CHANNEL_CLIENT,
                           candor_statuspage_client_channel_client_iface_init))

static const char *
get_api_url (CandorStatuspageClient *self)
{
  CandorChannel *channel =
    candor_http_channel_client_get_channel (CANDOR_HTTP_CHANNEL_CLIENT (self));
  const char *api_url = candor_channel_get_setting (channel, "api-url");

  return api_url != NULL && *api_url != '\0' ? api_url : DEFAULT_API_URL;
}

static const char *
get_page_id (CandorStatuspageClient *self)
{
  CandorChannel *channel =
    candor_http_channel_client_get_channel (CANDOR_HTTP_CHANNEL_CLIENT (self));
  const char *page_id = candor_channel_get_setting (channel, "page-id");

  return page_id != NULL ? page_id : "";
}

/* The address of @path under the page: "" for the page itself,
 * "/incidents" or "/incidents/{id}". */
static char *
page_url (CandorStatuspageClient *self, const char *path)
{
  g_autofree char *base = g_strdup (get_api_url (self));
  g_autofree char *page = g_uri_escape_string (get_page_id (self), NULL, FALSE);
  gsize            length = strlen (base);

  while (length > 0 && base[length - 1] == '/')
    base[--length] = '\0';

  return g_strdup_printf ("%s/v1/pages/%s%s", base, page, path);
}

static void
send_request (CandorStatuspageClient *self,
              const char             *method,
              const char             *url,
              JsonNode               *body,
              GCancellable           *cancellable,
              GAsyncReadyCallback     callback,
              gpointer                user_data)
{
  CandorHttp *http = candor_http_channel_client_get_http (CANDOR_HTTP_CHANNEL_CLIENT (self));
  const char *secret = candor_http_channel_client_get_secret (CANDOR_HTTP_CHANNEL_CLIENT (self));
  g_autoptr (GHashTable) headers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr (GBytes) bytes = NULL;

  g_hash_table_insert (headers, (gpointer) "Authorization", g_strdup_printf ("OAuth %s", secret));
  g_hash_table_insert (headers, (gpointer) "Accept", g_strdup ("application/json"));
  if (body != NULL)
    bytes = candor_chat_json_to_bytes (body);

  candor_http_send_async (http, method, url, headers, bytes,
                          body != NULL ? "application/json" : NULL, cancellable, callback,
                          user_data);
}

/* What Statuspage said of a failure: {"error": "..."}, {"error": ["...",
 * ...]} for a refused incident, or {"message": "..."}. */
static char *
get_error_words (CandorHttpResponse *response)
{
  JsonNode   *root = candor_http_response_get_json (response);
  JsonObject *object;
  JsonNode   *error;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return candor_chat_response_get_text (response);

  object = json_node_get_object (root);
  error = json_object_get_member (object, "error");
  if (error != NULL && JSON_NODE_HOLDS_VALUE (error) &&
      json_node_get_value_type (error) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (error));
  if (error != NULL && JSON_NODE_HOLDS_ARRAY (error))
    {
      JsonArray *array = json_node_get_array (error);
      g_autoptr (GString) words = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING)
            g_string_append_printf (words, "%s%s", words->len > 0 ? "; " : "",
                                    json_node_get_string (item));
        }
      if (words->len > 0)
        return g_string_free (g_steal_pointer (&words), FALSE);
    }

  return g_strdup (json_object_get_string_member_with_default (object, "message", NULL));
}

/* The answer's JSON object when Statuspage took the request, else %NULL
 * and the error in its words; @follows_up: the request was about an
 * incident posted before, so "not found" means it is gone. */
static JsonObject *
finish_request (CandorStatuspageClient *self,
                GAsyncResult           *result,
                gboolean                follows_up,
                GError                **error)
{
  CandorHttp *http = candor_http_channel_client_get_http (CANDOR_HTTP_CHANNEL_CLIENT (self));
  g_autoptr (CandorHttpResponse) response = NULL;
  JsonNode *root;

  response = candor_http_send_finish (http, result, error);
  if (response == NULL)
    return NULL;

  if (!candor_http_response_is_success (response))
    {
      g_autofree char *words = get_error_words (response);

      /* 420 means what 429 means, and is retried the same way. */
      if (candor_http_response_get_status (response) == STATUS_ENHANCE_YOUR_CALM)
        {
          GBytes *body = candor_http_response_get_body (response);
          g_autoptr (GBytes) empty = g_bytes_new (NULL, 0);
          g_autoptr (CandorHttpResponse) limited = candor_http_response_new (
            STATUS_TOO_MANY_REQUESTS, candor_http_response_get_headers (response),
            body != NULL ? body : empty);

          g_propagate_error (
            error, candor_status_entry_refusal_error (limited, SERVICE, follows_up, words));
        }
      else
        g_propagate_error (
          error, candor_status_entry_refusal_error (response, SERVICE, follows_up, words));
      return NULL;
    }

  root = candor_http_response_get_json (response);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_propagate_error (error, candor_chat_unreadable_answer_error (SERVICE));
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

static void
on_page_read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) page = NULL;

  page = finish_request (g_task_get_source_object (task), result, FALSE, &error);
  if (page == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* Reading the page proves the key and the page id and posts nothing. */
static void
candor_statuspage_client_test_async (CandorChannelClient *client,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  CandorStatuspageClient *self = CANDOR_STATUSPAGE_CLIENT (client);
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *url = page_url (self, "");

  g_task_set_source_tag (task, candor_statuspage_client_test_async);
  send_request (self, "GET", url, NULL, cancellable, on_page_read_cb, g_steal_pointer (&task));
}

static gboolean
candor_statuspage_client_test_finish (CandorChannelClient *client,
                                      GAsyncResult        *result,
                                      GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static const char *
incident_status (const CandorStatusEntry *entry)
{
  switch (entry->state)
    {
      case CANDOR_INCIDENT_STATE_IDENTIFIED:
        return "identified";
      case CANDOR_INCIDENT_STATE_MONITORING:
        return "monitoring";
      case CANDOR_INCIDENT_STATE_RESOLVED:
        return "resolved";
      case CANDOR_INCIDENT_STATE_INVESTIGATING:
      default:
        return "investigating";
    }
}

/* What the affected components show: the outage the severity stands for
 * while the incident lasts, operational once it is resolved. */
static const char *
component_status (const CandorStatusEntry *entry)
{
  if (candor_status_entry_is_resolved (entry))
    return "operational";

  switch (entry->severity)
    {
      case CANDOR_SEVERITY_MINOR:
        return "degraded_performance";
      case CANDOR_SEVERITY_CRITICAL:
        return "major_outage";
      case CANDOR_SEVERITY_MAJOR:
      default:
        return "partial_outage";
    }
}

static const char *
impact (const CandorStatusEntry *entry)
{
  switch (entry->severity)
    {
      case CANDOR_SEVERITY_MINOR:
        return "minor";
      case CANDOR_SEVERITY_CRITICAL:
        return "critical";
      case CANDOR_SEVERITY_MAJOR:
      default:
        return "major";
    }
}

/* {"incident": {...}}: with the name when it creates the incident. */
static JsonNode *
build_incident (CandorStatuspageClient *self, const CandorStatusEntry *entry, gboolean create)
{
  CandorChannel *channel =
    candor_http_channel_client_get_channel (CANDOR_HTTP_CHANNEL_CLIENT (self));

  g_auto (GStrv) ids =
    candor_status_entry_split_ids (candor_channel_get_setting (channel, "component-ids"));
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "incident");
  json_builder_begin_object (builder);
  if (create)
    {
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, entry->name);
    }
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, incident_status (entry));
  json_builder_set_member_name (builder, "body");
  json_builder_add_string_value (builder, entry->body);
  json_builder_set_member_name (builder, "impact_override");
  json_builder_add_string_value (builder, impact (entry));
  if (ids[0] != NULL)
    {
      json_builder_set_member_name (builder, "component_ids");
      json_builder_begin_array (builder);
      for (guint i = 0; ids[i] != NULL; i++)
        json_builder_add_string_value (builder, ids[i]);
      json_builder_end_array (builder);

      json_builder_set_member_name (builder, "components");
      json_builder_begin_object (builder);
      for (guint i = 0; ids[i] != NULL; i++)
        {
          json_builder_set_member_name (builder, ids[i]);
          json_builder_add_string_value (builder, component_status (entry));
        }
      json_builder_end_object (builder);
    }
  json_builder_set_member_name (builder, "deliver_notifications");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
on_incident_sent_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) incident = NULL;
  const char *id;
  const char *shortlink;

  incident = finish_request (g_task_get_source_object (task), result,
                             GPOINTER_TO_INT (g_task_get_task_data (task)), &error);
  if (incident == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  id = json_object_get_string_member_with_default (incident, "id", NULL);
  if (id == NULL || *id == '\0')
    {
      g_task_return_error (task, candor_chat_unreadable_answer_error (SERVICE));
      return;
    }

  shortlink = json_object_get_string_member_with_default (incident, "shortlink", NULL);
  g_task_return_pointer (
    task, candor_chat_receipt_new (id, shortlink != NULL && *shortlink != '\0' ? shortlink : NULL),
    (GDestroyNotify)candor_publish_receipt_free);
}

static void
candor_statuspage_client_publish_async (CandorChannelClient   *client,
                                        CandorSentRendition   *rendition,
                                        const char            *idempotency_key,
                                        const CandorThreadRef *thread,
                                        GCancellable          *cancellable,
                                        GAsyncReadyCallback    callback,
                                        gpointer               user_data)
{
  CandorStatuspageClient *self = CANDOR_STATUSPAGE_CLIENT (client);
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr (CandorStatusEntry) entry = candor_status_entry_new_from_rendition (rendition);
  const char *incident_id = thread != NULL ? thread->root_id : NULL;
  g_autoptr (JsonNode) body = NULL;
  g_autofree char *url = NULL;

  g_task_set_source_tag (task, candor_statuspage_client_publish_async);
  g_task_set_task_data (task, GINT_TO_POINTER (incident_id != NULL), NULL);

  if (candor_status_entry_is_blank (entry))
    {
      g_task_return_new_error (
        task, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REJECTED,
        _("The message for Statuspage is empty; write it before publishing."));
      return;
    }

  if (incident_id != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (incident_id, NULL, FALSE);
      g_autofree char *path = g_strconcat ("/incidents/", escaped, NULL);

      url = page_url (self, path);
      body = build_incident (self, entry, FALSE);
      send_request (self, "PATCH", url, body, cancellable, on_incident_sent_cb,
                    g_steal_pointer (&task));
    }
  else
    {
      url = page_url (self, "/incidents");
      body = build_incident (self, entry, TRUE);
      send_request (self, "POST", url, body, cancellable, on_incident_sent_cb,
                    g_steal_pointer (&task));
    }
}

static CandorPublishReceipt *
candor_statuspage_client_publish_finish (CandorChannelClient *client,
                                         GAsyncResult        *result,
                                         GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
candor_statuspage_client_initable_init (GInitable    *initable,
                                        GCancellable *cancellable,
                                        GError      **error)
{
  CandorStatuspageClient *self = CANDOR_STATUSPAGE_CLIENT (initable);
  const char    *secret = candor_http_channel_client_get_secret (CANDOR_HTTP_CHANNEL_CLIENT (self));
  CandorChannel *channel =
    candor_http_channel_client_get_channel (CANDOR_HTTP_CHANNEL_CLIENT (self));

  if (*get_page_id (self) == '\0')
    {
      g_set_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED,
                   _("The channel “%s” has no page ID; set it in Preferences."),
                      candor_channel_get_name (channel));
      return FALSE;
    }
  if (secret == NULL || *secret == '\0')
    {
      g_set_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED,
                   _("The channel “%s” has no API key; enter it in Preferences."),
                      candor_channel_get_name (channel));
      return FALSE;
    }

  return candor_http_check_url (get_api_url (self), error);
}

static void
candor_statuspage_client_initable_iface_init (GInitableIface *iface)
{
  iface->init = candor_statuspage_client_initable_init;
}

static void
candor_statuspage_client_channel_client_iface_init (CandorChannelClientInterface *iface)
{
  iface->test_async = candor_statuspage_client_test_async;
  iface->test_finish = candor_statuspage_client_test_finish;
  iface->publish_async = candor_statuspage_client_publish_async;
  iface->publish_finish = candor_statuspage_client_publish_finish;
}

static void
candor_statuspage_client_class_init (CandorStatuspageClientClass *klass)
{
}

static void
candor_statuspage_client_init (CandorStatuspageClient *self)
{
}
