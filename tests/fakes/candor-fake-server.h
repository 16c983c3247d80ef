/* candor-fake-server.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* libsoup 3.2 has no name for it. */
#define CANDOR_FAKE_STATUS_TOO_MANY_REQUESTS 429

/* One request as the fake received it, faults included. */
typedef struct
{
  char               *method;
  char               *path;  /* as sent, still percent-encoded */
  char               *query; /* nullable */
  SoupMessageHeaders *headers;
  GBytes             *body;
} CandorFakeRequest;

#define CANDOR_TYPE_FAKE_SERVER (candor_fake_server_get_type ())

G_DECLARE_DERIVABLE_TYPE (CandorFakeServer, candor_fake_server, CANDOR, FAKE_SERVER, GObject)

/* The base of every fake chat API: a SoupServer on 127.0.0.1 (http, or https
 * with the "tls-certificate" given at construction through GInitable) that
 * records each request and answers the scripted faults before the fake sees
 * the request at all. The server runs on the thread-default main context, so
 * a test drives its client asynchronously on the same context:
 *
 *   g_autoptr (CandorTestTls) tls = candor_test_tls_new (&error);
 *   g_autoptr (CandorFakeMatrix) fake = candor_fake_matrix_new (
 *     candor_test_tls_get_server_certificate (tls), "token", "@me:x", "!room:x", &error);
 *
 *   candor_fake_server_fail_next (CANDOR_FAKE_SERVER (fake), 1, 429, 2);
 *   … point the channel at candor_fake_server_get_url (CANDOR_FAKE_SERVER (fake)),
 *     with a SoupSession whose "tls-database" is candor_test_tls_get_database (tls),
 *     publish, and iterate the main context until it is done …
 *   g_assert_cmpuint (candor_fake_server_get_accepted (CANDOR_FAKE_SERVER (fake))->len, ==, 1);
 */
struct _CandorFakeServerClass
{
  GObjectClass parent_class;

  /* Answers a request no fault took, as the real service would. */
  void (*handle) (CandorFakeServer  *self,
                  SoupServerMessage *message,
                  const char        *path,
                  GHashTable        *query,
                  GBytes            *body);

  /* Answers a scripted 429 or 5xx in the service's own shape; the default is
   * a plain-text body and, for 429, a Retry-After header.
   */
  void (*answer_fault) (CandorFakeServer  *self,
                        SoupServerMessage *message,
                        guint              status,
                        guint              retry_after);
};

const char *candor_fake_server_get_url (CandorFakeServer *self);
guint       candor_fake_server_get_request_count (CandorFakeServer *self);
GPtrArray  *candor_fake_server_get_requests (CandorFakeServer *self);
GPtrArray  *candor_fake_server_get_accepted (CandorFakeServer *self);
void
candor_fake_server_fail_next (CandorFakeServer *self, guint count, guint status, guint retry_after);
void candor_fake_server_drop_next (CandorFakeServer *self, guint count);
void candor_fake_server_delay_next (CandorFakeServer *self, guint count, guint delay_ms);

/* For the fakes themselves. */
void    candor_fake_server_accept (CandorFakeServer *self, JsonNode *node);
guint64 candor_fake_server_next_serial (CandorFakeServer *self);
void    candor_fake_server_reply_text (SoupServerMessage *message, guint status, const char *text);
void    candor_fake_server_reply_json (SoupServerMessage *message, guint status, JsonNode *node);
void candor_fake_server_reply_object (SoupServerMessage *message, guint status, JsonObject *object);
void candor_fake_server_set_retry_after (SoupServerMessage *message, guint retry_after);
JsonNode   *candor_fake_server_parse_object (GBytes *body);
const char *candor_fake_server_get_bearer (SoupServerMessage *message);
gboolean    candor_fake_server_is_json (SoupServerMessage *message);

G_END_DECLS
