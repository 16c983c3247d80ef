/* candor-chat-util.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-chat-util"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "candor-chat-util.h"
#include "candor-publish-error.h"

/* Enough for any error word or sentence the services send; more would be a
 * page of HTML from a proxy, which says nothing to the user. */
#define MAX_QUOTED_BYTES 300

GBytes *
candor_chat_json_to_bytes (JsonNode *node)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  gsize length;
  char *data;

  g_return_val_if_fail (node != NULL, NULL);

  json_generator_set_root (generator, node);
  data = json_generator_to_data (generator, &length);

  return g_bytes_new_take (data, length);
}

char *
candor_chat_response_get_text (CandorHttpResponse *response)
{
  GBytes          *body;
  const char      *data;
  gsize            length;
  const char      *end;
  g_autofree char *text = NULL;

  g_return_val_if_fail (CANDOR_IS_HTTP_RESPONSE (response), NULL);

  body = candor_http_response_get_body (response);
  if (body == NULL)
    return NULL;

  data = g_bytes_get_data (body, &length);
  if (data == NULL || length == 0 || !g_utf8_validate_len (data, length, &end) ||
      memchr (data, '<', length) != NULL)
    return NULL;

  if (length > MAX_QUOTED_BYTES)
    length = g_utf8_find_prev_char (data, data + MAX_QUOTED_BYTES + 1) - data;

  text = g_strstrip (g_strndup (data, length));
  if (*text == '\0')
    return NULL;

  return g_steal_pointer (&text);
}

const char *
candor_chat_response_get_string (CandorHttpResponse *response, const char *member)
{
  JsonNode   *root;
  const char *value;

  g_return_val_if_fail (CANDOR_IS_HTTP_RESPONSE (response), NULL);
  g_return_val_if_fail (member != NULL, NULL);

  root = candor_http_response_get_json (response);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  value = json_object_get_string_member_with_default (json_node_get_object (root), member, NULL);

  return value != NULL && *value != '\0' ? value : NULL;
}

CandorPublishReceipt *
candor_chat_receipt_new (const char *remote_id, const char *remote_url)
{
  CandorPublishReceipt *receipt = g_new0 (CandorPublishReceipt, 1);

  receipt->remote_id = g_strdup (remote_id);
  receipt->remote_url = g_strdup (remote_url);

  return receipt;
}

GError *
candor_chat_unreadable_answer_error (const char *service)
{
  g_return_val_if_fail (service != NULL, NULL);

  return g_error_new (CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_UNKNOWN_OUTCOME,
                      /* Translators: %s is a service, such as "Slack". */
                      _("%s answered in a way Candor does not understand, so the message may "
                        "have been posted. Check the channel before sending it again."),
                         service);
}

typedef struct
{
  GTask                *task;
  CandorChatErrorFunc   map_error;
  CandorChatReceiptFunc read_receipt;
  gpointer              data;
} PostJson;

static void
on_json_posted_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PostJson *post = user_data;
  g_autoptr (GTask) task = post->task;
  g_autoptr (CandorHttpResponse) response = NULL;
  g_autoptr (GError) error = NULL;
  CandorPublishReceipt *receipt;

  response = candor_http_send_finish (CANDOR_HTTP (source), result, &error);
  if (response != NULL)
    error = post->map_error (response, post->data);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (post->read_receipt == NULL)
    g_task_return_boolean (task, TRUE);
  else if ((receipt = post->read_receipt (response, post->data, &error)) != NULL)
    g_task_return_pointer (task, receipt, (GDestroyNotify)candor_publish_receipt_free);
  else
    g_task_return_error (task, g_steal_pointer (&error));

  g_free (post);
}

void
candor_chat_post_json_async (CandorHttp           *http,
                             GTask                *task,
                             const char           *url,
                             GHashTable           *headers,
                             JsonNode             *body,
                             CandorChatErrorFunc   map_error,
                             CandorChatReceiptFunc read_receipt,
                             gpointer              data)
{
  g_autoptr (GBytes) bytes = NULL;
  PostJson *post;

  g_return_if_fail (CANDOR_IS_HTTP (http));
  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (url != NULL);
  g_return_if_fail (map_error != NULL);

  post = g_new0 (PostJson, 1);
  post->task = g_object_ref (task);
  post->map_error = map_error;
  post->read_receipt = read_receipt;
  post->data = data;

  if (body != NULL)
    bytes = candor_chat_json_to_bytes (body);

  candor_http_send_async (http, "POST", url, headers, bytes,
                          body != NULL ? "application/json" : NULL, g_task_get_cancellable (task),
                          on_json_posted_cb, post);
}
