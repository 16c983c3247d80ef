/* candor-teams-client.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-teams-client"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "candor-chat-util.h"
#include "candor-publish-error.h"
#include "candor-teams-client.h"

#define SERVICE "Microsoft Teams"

struct _CandorTeamsClient
{
  CandorHttpChannelClient parent_instance;
};

static void candor_teams_client_initable_iface_init (GInitableIface *iface);
static void candor_teams_client_channel_client_iface_init (CandorChannelClientInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (
  CandorTeamsClient,
  candor_teams_client,
  CANDOR_TYPE_HTTP_CHANNEL_CLIENT,
  G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, candor_teams_client_initable_iface_init)
    G_IMPLEMENT_INTERFACE (CANDOR_TYPE_CHANNEL_CLIENT,
                           candor_teams_client_channel_client_iface_init))

/* Workflows answers its errors as {"error": {"code": ..., "message": ...}}. */
static GError *
response_error (CandorHttpResponse *response, gpointer data)
{
  JsonNode   *root = candor_http_response_get_json (response);
  const char *message = NULL;

  if (candor_http_response_is_success (response))
    return NULL;

  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);
      JsonNode   *error = json_object_get_member (object, "error");

      if (error != NULL && JSON_NODE_HOLDS_OBJECT (error))
        message = json_object_get_string_member_with_default (json_node_get_object (error),
                                                              "message", NULL);
    }

  return candor_http_response_to_error (response, SERVICE, message);
}

/* The webhook answers 202 and nothing more: no message to link to. */
static CandorPublishReceipt *
read_receipt (CandorHttpResponse *response, gpointer data, GError **error)
{
  return candor_chat_receipt_new (NULL, NULL);
}

static void
candor_teams_client_publish_async (CandorChannelClient   *client,
                                   CandorSentRendition   *rendition,
                                   const char            *idempotency_key,
                                   const CandorThreadRef *thread,
                                   GCancellable          *cancellable,
                                   GAsyncReadyCallback    callback,
                                   gpointer               user_data)
{
  CandorTeamsClient *self = CANDOR_TEAMS_CLIENT (client);
  CandorHttp        *http = candor_http_channel_client_get_http (CANDOR_HTTP_CHANNEL_CLIENT (self));
  const char *secret = candor_http_channel_client_get_secret (CANDOR_HTTP_CHANNEL_CLIENT (self));
  g_autoptr (GTask) task = NULL;
  g_autoptr (JsonNode) card = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, candor_teams_client_publish_async);

  card = rendition->json != NULL ? json_from_string (rendition->json, NULL) : NULL;
  if (card == NULL || !JSON_NODE_HOLDS_OBJECT (card))
    {
      g_task_return_new_error (task, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REJECTED,
                               _("The message for Microsoft Teams has no Adaptive Card. Open it "
                                 "again in the editor so that Candor writes the card anew."));
      return;
    }

  /* The shape the Workflows template "Post to a channel when a webhook
   * request is received" reads: one message, the card its one attachment. */
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "message");
  json_builder_set_member_name (builder, "attachments");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "contentType");
  json_builder_add_string_value (builder, "application/vnd.microsoft.card.adaptive");
  json_builder_set_member_name (builder, "contentUrl");
  json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "content");
  json_builder_add_value (builder, g_steal_pointer (&card));
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  candor_chat_post_json_async (http, task, secret, NULL, root, response_error, read_receipt, self);
}

static CandorPublishReceipt *
candor_teams_client_publish_finish (CandorChannelClient *client,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  g_return_val_if_fail (
    g_task_get_source_tag (G_TASK (result)) == candor_teams_client_publish_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static GError *
test_error (CandorHttpResponse *response, gpointer data)
{
  JsonNode *root = candor_http_response_get_json (response);
  JsonNode *error_node = NULL;

  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    error_node = json_object_get_member (json_node_get_object (root), "error");

  /* A schema mismatch comes after the workflow and its signature were
   * checked; a workflow without a schema takes the empty request, runs, and
   * posts nothing, as it has no card to post. */
  if (error_node != NULL && JSON_NODE_HOLDS_OBJECT (error_node) &&
      g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (error_node),
                                                             "code", NULL),
                 "TriggerInputSchemaMismatch") == 0)
    return NULL;

  return response_error (response, data);
}

/* A workflow has no read-only call: it is sent an empty request, which
 * posts nothing, once Teams has checked the workflow, its signature and
 * TLS. */
static void
candor_teams_client_test_async (CandorChannelClient *client,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  CandorTeamsClient *self = CANDOR_TEAMS_CLIENT (client);
  CandorHttp        *http = candor_http_channel_client_get_http (CANDOR_HTTP_CHANNEL_CLIENT (self));
  const char *secret = candor_http_channel_client_get_secret (CANDOR_HTTP_CHANNEL_CLIENT (self));
  g_autoptr (GTask) task = NULL;
  g_autoptr (JsonNode) empty = json_from_string ("{}", NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, candor_teams_client_test_async);

  candor_chat_post_json_async (http, task, secret, NULL, empty, test_error, NULL, self);
}

static gboolean
candor_teams_client_test_finish (CandorChannelClient *client, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == candor_teams_client_test_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static gboolean
candor_teams_client_initable_init (GInitable *initable, GCancellable *cancellable, GError **error)
{
  CandorTeamsClient *self = CANDOR_TEAMS_CLIENT (initable);
  CandorChannel     *channel =
    candor_http_channel_client_get_channel (CANDOR_HTTP_CHANNEL_CLIENT (self));
  const char *secret = candor_http_channel_client_get_secret (CANDOR_HTTP_CHANNEL_CLIENT (self));

  if (secret == NULL || *secret == '\0')
    {
      g_set_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED,
                   /* Translators: %s is a channel's name. */
                   _("The channel “%s” has no webhook address in the keyring. Add it in "
                     "Preferences."),
                      candor_channel_get_name (channel));
      return FALSE;
    }

  return candor_http_check_url (secret, error);
}

static gboolean
candor_teams_client_is_idempotent (CandorChannelClient *client)
{
  /* The webhook takes no idempotency key: the outbox asks to verify instead. */
  return FALSE;
}

static void
candor_teams_client_class_init (CandorTeamsClientClass *klass)
{
}

static void
candor_teams_client_init (CandorTeamsClient *self)
{
}

static void
candor_teams_client_initable_iface_init (GInitableIface *iface)
{
  iface->init = candor_teams_client_initable_init;
}

static void
candor_teams_client_channel_client_iface_init (CandorChannelClientInterface *iface)
{
  iface->test_async = candor_teams_client_test_async;
  iface->test_finish = candor_teams_client_test_finish;
  iface->publish_async = candor_teams_client_publish_async;
  iface->publish_finish = candor_teams_client_publish_finish;
  iface->is_idempotent = candor_teams_client_is_idempotent;
}
