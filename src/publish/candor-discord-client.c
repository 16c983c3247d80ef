/* candor-discord-client.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-discord-client"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "candor-chat-util.h"
#include "candor-discord-client.h"
#include "candor-publish-error.h"

#define SERVICE "Discord"

/* Discord's JSON error code for a message with nothing in it. */
#define CODE_EMPTY_MESSAGE 50006

struct _CandorDiscordClient
{
  CandorHttpChannelClient parent_instance;
};

static void candor_discord_client_initable_iface_init (GInitableIface *iface);
static void candor_discord_client_channel_client_iface_init (CandorChannelClientInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (
  CandorDiscordClient,
  candor_discord_client,
  CANDOR_TYPE_HTTP_CHANNEL_CLIENT,
  G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, candor_discord_client_initable_iface_init)
    G_IMPLEMENT_INTERFACE (CANDOR_TYPE_CHANNEL_CLIENT,
                           candor_discord_client_channel_client_iface_init))

/* The webhook's URL with what this client adds to its query. */
static char *
make_url (CandorDiscordClient *self)
{
  const char    *secret = candor_http_channel_client_get_secret (CANDOR_HTTP_CHANNEL_CLIENT (self));
  CandorChannel *channel =
    candor_http_channel_client_get_channel (CANDOR_HTTP_CHANNEL_CLIENT (self));
  const char      *thread_id = candor_channel_get_setting (channel, "thread_id");
  g_autofree char *query = NULL;

  if (thread_id != NULL)
    query = soup_form_encode ("wait", "true", "thread_id", thread_id, NULL);
  else
    query = soup_form_encode ("wait", "true", NULL);

  return g_strconcat (secret, strchr (secret, '?') != NULL ? "&" : "?", query, NULL);
}

/* A form error (50035) names the field and what is wrong with it in
 * {"errors": {"content": {"_errors": [{"code": ..., "message": ...}]}}}:
 * the first one found, as "content: Must be 2000 or fewer in length.". */
static char *
find_field_error (JsonObject *errors, const char *path)
{
  g_autoptr (GList) members = json_object_get_members (errors);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode   *member = json_object_get_member (errors, name);

      if (g_str_equal (name, "_errors") && JSON_NODE_HOLDS_ARRAY (member) &&
          json_array_get_length (json_node_get_array (member)) > 0)
        {
          JsonNode   *first = json_array_get_element (json_node_get_array (member), 0);
          const char *message = JSON_NODE_HOLDS_OBJECT (first)
                                  ? json_object_get_string_member_with_default (
                                      json_node_get_object (first), "message", NULL)
                                  : NULL;

          if (message != NULL)
            return path != NULL ? g_strdup_printf ("%s: %s", path, message) : g_strdup (message);
        }
      else if (JSON_NODE_HOLDS_OBJECT (member))
        {
          g_autofree char *inner =
            path != NULL ? g_strdup_printf ("%s.%s", path, name) : g_strdup (name);
          char *found = find_field_error (json_node_get_object (member), inner);

          if (found != NULL)
            return found;
        }
    }

  return NULL;
}

/* Discord's {"message": ..., "code": ...}, with the form's first field error. */
static GError *
response_error (CandorHttpResponse *response, gpointer data)
{
  JsonNode        *root = candor_http_response_get_json (response);
  const char      *message = candor_chat_response_get_string (response, "message");
  g_autofree char *field_error = NULL;
  g_autofree char *words = NULL;

  if (candor_http_response_is_success (response))
    return NULL;

  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root) &&
      json_object_has_member (json_node_get_object (root), "errors") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (json_node_get_object (root), "errors")))
    field_error = find_field_error (
      json_object_get_object_member (json_node_get_object (root), "errors"), NULL);

  if (message != NULL && field_error != NULL)
    words = g_strdup_printf ("%s (%s)", message, field_error);
  else
    words = g_strdup (message);

  return candor_http_response_to_error (response, SERVICE, words);
}

static CandorPublishReceipt *
read_receipt (CandorHttpResponse *response, gpointer data, GError **error)
{
  CandorDiscordClient *self = data;
  CandorChannel       *channel =
    candor_http_channel_client_get_channel (CANDOR_HTTP_CHANNEL_CLIENT (self));
  g_autofree char *url = NULL;
  const char      *guild_id;
  const char      *id = candor_chat_response_get_string (response, "id");
  const char      *channel_id = candor_chat_response_get_string (response, "channel_id");

  if (id == NULL || channel_id == NULL)
    {
      g_propagate_error (error, candor_chat_unreadable_answer_error (SERVICE));
      return NULL;
    }

  /* A webhook's message says its channel but not its server. */
  guild_id = candor_channel_get_setting (channel, "guild_id");
  if (guild_id != NULL)
    url = g_strdup_printf ("https://discord.com/channels/%s/%s/%s", guild_id, channel_id, id);

  return candor_chat_receipt_new (id, url);
}

static void
candor_discord_client_publish_async (CandorChannelClient   *client,
                                     CandorSentRendition   *rendition,
                                     const char            *idempotency_key,
                                     const CandorThreadRef *thread,
                                     GCancellable          *cancellable,
                                     GAsyncReadyCallback    callback,
                                     gpointer               user_data)
{
  CandorDiscordClient *self = CANDOR_DISCORD_CLIENT (client);
  CandorHttp *http = candor_http_channel_client_get_http (CANDOR_HTTP_CHANNEL_CLIENT (self));
  g_autoptr (GTask) task = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *url = make_url (self);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, candor_discord_client_publish_async);

  /* The dialect already defuses @everyone and @here in the text; an empty
   * "parse" list makes sure no mention of any kind pings anyone. */
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "content");
  json_builder_add_string_value (builder, rendition->body != NULL ? rendition->body : "");
  json_builder_set_member_name (builder, "allowed_mentions");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "parse");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  candor_chat_post_json_async (http, task, url, NULL, root, response_error, read_receipt, self);
}

static CandorPublishReceipt *
candor_discord_client_publish_finish (CandorChannelClient *client,
                                      GAsyncResult        *result,
                                      GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  g_return_val_if_fail (
    g_task_get_source_tag (G_TASK (result)) == candor_discord_client_publish_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static GError *
test_error (CandorHttpResponse *response, gpointer data)
{
  JsonNode *root = candor_http_response_get_json (response);

  /* "Cannot send an empty message" comes after the webhook and its token
   * were checked. */
  if (candor_http_response_get_status (response) == SOUP_STATUS_BAD_REQUEST && root != NULL &&
      JSON_NODE_HOLDS_OBJECT (root) &&
      json_object_get_int_member_with_default (json_node_get_object (root), "code", 0) ==
        CODE_EMPTY_MESSAGE)
    return NULL;

  return response_error (response, data);
}

/* A webhook is tested with an empty message, which Discord refuses without
 * posting anything once it has checked the webhook, its token and TLS. */
static void
candor_discord_client_test_async (CandorChannelClient *client,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  CandorDiscordClient *self = CANDOR_DISCORD_CLIENT (client);
  CandorHttp *http = candor_http_channel_client_get_http (CANDOR_HTTP_CHANNEL_CLIENT (self));
  g_autoptr (GTask) task = NULL;
  g_autoptr (JsonNode) empty = json_from_string ("{}", NULL);
  g_autofree char *url = make_url (self);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, candor_discord_client_test_async);

  candor_chat_post_json_async (http, task, url, NULL, empty, test_error, NULL, self);
}

static gboolean
candor_discord_client_test_finish (CandorChannelClient *client,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == candor_discord_client_test_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static gboolean
candor_discord_client_initable_init (GInitable *initable, GCancellable *cancellable, GError **error)
{
  CandorDiscordClient *self = CANDOR_DISCORD_CLIENT (initable);
  CandorChannel       *channel =
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
candor_discord_client_is_idempotent (CandorChannelClient *client)
{
  /* Execute Webhook takes no nonce: the outbox asks to verify instead. */
  return FALSE;
}

static void
candor_discord_client_class_init (CandorDiscordClientClass *klass)
{
}

static void
candor_discord_client_init (CandorDiscordClient *self)
{
}

static void
candor_discord_client_initable_iface_init (GInitableIface *iface)
{
  iface->init = candor_discord_client_initable_init;
}

static void
candor_discord_client_channel_client_iface_init (CandorChannelClientInterface *iface)
{
  iface->test_async = candor_discord_client_test_async;
  iface->test_finish = candor_discord_client_test_finish;
  iface->publish_async = candor_discord_client_publish_async;
  iface->publish_finish = candor_discord_client_publish_finish;
  iface->is_idempotent = candor_discord_client_is_idempotent;
}
