/* candor-fake-teams.c
 *
 * A fake of a Microsoft Teams "Workflows" webhook: the Power Automate HTTP
 * trigger POST /workflows/{id}/triggers/manual/paths/invoke?…&sig=…, fed
 * {"type": "message", "attachments": [{"contentType":
 * "application/vnd.microsoft.card.adaptive", "content": {AdaptiveCard}}]} and
 * answering 202 Accepted, or Logic Apps' {"error": {"code", "message"}}.
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-fake-teams"

#include "config.h"

#include "candor-fake-teams.h"

#define ADAPTIVE_CARD_TYPE "application/vnd.microsoft.card.adaptive"

/* Teams refuses a message past about 28 KB. The real flow answers 202 first
 * and fails later, where the sender never sees it; the fake refuses at once,
 * with the 413 the older connector webhooks gave, so a channel can learn it.
 */
#define MAX_MESSAGE_BYTES (28 * 1024)

struct _CandorFakeTeams
{
  CandorFakeServer parent_instance;

  char *workflow_id;
  char *signature;
};

G_DEFINE_FINAL_TYPE (CandorFakeTeams, candor_fake_teams, CANDOR_TYPE_FAKE_SERVER)

static void
reply_error (SoupServerMessage *message, guint status, const char *code, const char *text)
{
  JsonObject *object = json_object_new ();
  JsonObject *error = json_object_new ();

  json_object_set_string_member (error, "code", code);
  json_object_set_string_member (error, "message", text);
  json_object_set_object_member (object, "error", error);
  candor_fake_server_reply_object (message, status, object);
}

/* Returns what the trigger's schema finds wrong, or NULL. */
static const char *
schema_mismatch (JsonObject *posted)
{
  JsonNode  *attachments = json_object_get_member (posted, "attachments");
  JsonArray *array;

  if (g_strcmp0 (json_object_get_string_member_with_default (posted, "type", NULL), "message") != 0)
    return "Property 'type' must be 'message'.";
  if (attachments == NULL || !JSON_NODE_HOLDS_ARRAY (attachments))
    return "Required property 'attachments' not found or not an array.";

  array = json_node_get_array (attachments);
  if (json_array_get_length (array) == 0)
    return "Array 'attachments' has no items.";

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode   *attachment = json_array_get_element (array, i);
      JsonObject *object;
      JsonNode   *content;
      JsonObject *card;

      if (!JSON_NODE_HOLDS_OBJECT (attachment))
        return "Attachment must be an object.";
      object = json_node_get_object (attachment);
      if (g_strcmp0 (json_object_get_string_member_with_default (object, "contentType", NULL),
                     ADAPTIVE_CARD_TYPE) != 0)
        return "Property 'contentType' must be '" ADAPTIVE_CARD_TYPE "'.";

      content = json_object_get_member (object, "content");
      if (content == NULL || !JSON_NODE_HOLDS_OBJECT (content))
        return "Required property 'content' not found or not an object.";
      card = json_node_get_object (content);
      if (g_strcmp0 (json_object_get_string_member_with_default (card, "type", NULL),
                     "AdaptiveCard") != 0)
        return "Property 'content.type' must be 'AdaptiveCard'.";
      if (json_object_get_string_member_with_default (card, "version", NULL) == NULL)
        return "Required property 'content.version' not found.";
      if (!json_object_has_member (card, "body") ||
          !JSON_NODE_HOLDS_ARRAY (json_object_get_member (card, "body")))
        return "Required property 'content.body' not found or not an array.";
    }

  return NULL;
}

static void
candor_fake_teams_handle (CandorFakeServer  *server,
                          SoupServerMessage *message,
                          const char        *path,
                          GHashTable        *query,
                          GBytes            *body)
{
  CandorFakeTeams *self = CANDOR_FAKE_TEAMS (server);
  g_autofree char *expected_path =
    g_strdup_printf ("/workflows/%s/triggers/manual/paths/invoke", self->workflow_id);
  const char *signature = query != NULL ? g_hash_table_lookup (query, "sig") : NULL;
  const char *method = soup_server_message_get_method (message);
  g_autoptr (JsonNode) node = NULL;
  const char *mismatch;

  if (!g_str_equal (path, expected_path))
    {
      reply_error (message, SOUP_STATUS_NOT_FOUND, "WorkflowNotFound",
                   "The workflow could not be found.");
      return;
    }
  if (signature == NULL)
    {
      reply_error (message, SOUP_STATUS_UNAUTHORIZED, "DirectApiAuthorizationRequired",
                   "The request must be authenticated only by Shared Access scheme.");
      return;
    }
  if (!g_str_equal (signature, self->signature))
    {
      reply_error (message, SOUP_STATUS_UNAUTHORIZED, "DirectApiInvalidAuthorizationSignature",
                   "The provided authentication signature is not valid.");
      return;
    }
  if (g_strcmp0 (method, SOUP_METHOD_POST) != 0)
    {
      g_autofree char *text = g_strdup_printf (
        "The HTTP method for this request is not valid: expected 'Post' and actual '%s'.", method);

      reply_error (message, SOUP_STATUS_BAD_REQUEST, "TriggerRequestMethodNotValid", text);
      return;
    }
  if (g_bytes_get_size (body) > MAX_MESSAGE_BYTES)
    {
      reply_error (message, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "MessageSizeExceeded",
                   "Microsoft Teams endpoint returned HTTP error 413: the message is over 28 KB.");
      return;
    }

  node = candor_fake_server_parse_object (body);
  if (node == NULL)
    {
      reply_error (message, SOUP_STATUS_BAD_REQUEST, "InvalidRequestContent",
                   "The request content is not valid and could not be deserialized.");
      return;
    }

  mismatch = schema_mismatch (json_node_get_object (node));
  if (mismatch != NULL)
    {
      g_autofree char *text = g_strdup_printf (
        "The input body for trigger 'manual' of type 'Request' did not match its schema "
        "definition. Error details: '%s'.",
        mismatch);

      reply_error (message, SOUP_STATUS_BAD_REQUEST, "TriggerInputSchemaMismatch", text);
      return;
    }

  candor_fake_server_accept (server, node);
  {
    g_autofree char *run_id = g_strdup_printf ("08584%015" G_GUINT64_FORMAT "CU00",
                                               candor_fake_server_next_serial (server));

    soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                  "x-ms-workflow-run-id", run_id);
  }
  soup_server_message_set_status (message, SOUP_STATUS_ACCEPTED, NULL);
}

static void
candor_fake_teams_answer_fault (CandorFakeServer  *server,
                                SoupServerMessage *message,
                                guint              status,
                                guint              retry_after)
{
  if (status != CANDOR_FAKE_STATUS_TOO_MANY_REQUESTS)
    {
      CANDOR_FAKE_SERVER_CLASS (candor_fake_teams_parent_class)
        ->answer_fault (server, message, status, retry_after);
      return;
    }

  candor_fake_server_set_retry_after (message, retry_after);
  reply_error (message, status, "WorkflowRequestsThrottled",
               "Number of requests for this workflow exceeded the limit over the time window.");
}

static void
candor_fake_teams_finalize (GObject *object)
{
  CandorFakeTeams *self = CANDOR_FAKE_TEAMS (object);

  g_free (self->workflow_id);
  g_free (self->signature);

  G_OBJECT_CLASS (candor_fake_teams_parent_class)->finalize (object);
}

static void
candor_fake_teams_class_init (CandorFakeTeamsClass *klass)
{
  GObjectClass          *object_class = G_OBJECT_CLASS (klass);
  CandorFakeServerClass *server_class = CANDOR_FAKE_SERVER_CLASS (klass);

  object_class->finalize = candor_fake_teams_finalize;
  server_class->handle = candor_fake_teams_handle;
  server_class->answer_fault = candor_fake_teams_answer_fault;
}

static void
candor_fake_teams_init (CandorFakeTeams *self)
{
}

/**
 * candor_fake_teams_new:
 * @certificate: (nullable): serve https with it, or http without
 * @workflow_id: the flow's id, in the URL's path
 * @signature: the shared access signature, the URL's "sig" parameter
 */
CandorFakeTeams *
candor_fake_teams_new (GTlsCertificate *certificate,
                       const char      *workflow_id,
                       const char      *signature,
                       GError         **error)
{
  CandorFakeTeams *self;

  g_return_val_if_fail (workflow_id != NULL, NULL);
  g_return_val_if_fail (signature != NULL, NULL);

  self = g_initable_new (CANDOR_TYPE_FAKE_TEAMS, NULL, error, "tls-certificate", certificate, NULL);
  if (self == NULL)
    return NULL;

  self->workflow_id = g_strdup (workflow_id);
  self->signature = g_strdup (signature);

  return self;
}

/**
 * candor_fake_teams_get_webhook_url:
 *
 * Returns: (transfer full): the flow's URL, as Teams shows it, signature
 *   included
 */
char *
candor_fake_teams_get_webhook_url (CandorFakeTeams *self)
{
  g_autofree char *signature = NULL;

  g_return_val_if_fail (CANDOR_IS_FAKE_TEAMS (self), NULL);

  signature = g_uri_escape_string (self->signature, NULL, FALSE);
  return g_strdup_printf ("%s/workflows/%s/triggers/manual/paths/invoke"
                          "?api-version=2016-06-01&sp=%%2Ftriggers%%2Fmanual%%2Frun&sv=1.0&sig=%s",
                          candor_fake_server_get_url (CANDOR_FAKE_SERVER (self)), self->workflow_id,
                          signature);
}
