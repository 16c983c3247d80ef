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
#include "candor-http.h"

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

/* The error @response stands for, or %NULL when the service took the
 * request: a success, or in a test the refusal that comes only after the
 * credential was checked. */
typedef GError *(*CandorChatErrorFunc) (CandorHttpResponse *response, gpointer data);

/* The receipt in the answer to a post the service took, or %NULL and
 * @error when the answer does not say what became of the message. */
typedef CandorPublishReceipt *(*CandorChatReceiptFunc) (CandorHttpResponse *response,
                                                        gpointer            data,
                                                        GError            **error);

/* POSTs @body (%NULL for no body) to @url with @headers (may be %NULL),
 * cancelled by @task's cancellable, and completes @task: with the error
 * @map_error finds in the answer, else with what @read_receipt reads, or
 * with %TRUE when @read_receipt is %NULL, as for a test. @data goes to both
 * functions and must live as long as @task, as its source object does. */
void candor_chat_post_json_async (CandorHttp           *http,
                                  GTask                *task,
                                  const char           *url,
                                  GHashTable           *headers,
                                  JsonNode             *body,
                                  CandorChatErrorFunc   map_error,
                                  CandorChatReceiptFunc read_receipt,
                                  gpointer              data);

G_END_DECLS
