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
