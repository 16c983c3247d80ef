/* candor-chat-util.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "candor-channel-client.h"
#include "candor-http-response.h"

G_BEGIN_DECLS

/* What the chat clients (Slack, Discord, Mattermost, Teams) do alike. */

/* @node as compact JSON, the body of a request. */
GBytes *candor_chat_json_to_bytes (JsonNode *node);

/* A plain-text answer ("invalid_token", "no_text") as words to quote to the
 * user: trimmed, cut short, or %NULL when there are none or they are not
 * text. */
char *candor_chat_response_get_text (CandorHttpResponse *response);

/* @member of the answer's JSON object when it is a non-empty string, else
 * %NULL. Returns: (transfer none) (nullable) */
const char *candor_chat_response_get_string (CandorHttpResponse *response, const char *member);

CandorPublishReceipt *candor_chat_receipt_new (const char *remote_id, const char *remote_url);

/* The service said it took the message but not in words Candor reads, so
 * whether it was posted is unknown. */
GError *candor_chat_unreadable_answer_error (const char *service);

G_END_DECLS
