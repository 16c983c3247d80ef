/* candor-fake-matrix.c
 *
 * A fake of a Matrix homeserver's client-server API, the parts a channel
 * uses: PUT /_matrix/client/v3/rooms/{roomId}/send/{eventType}/{txnId} and
 * GET /_matrix/client/v3/account/whoami. A transaction id sent again with the
 * same access token gets the first event id back and posts nothing, as the
 * spec requires. Accepted entries are the events' content.
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-fake-matrix"

#include "config.h"

#include "candor-fake-matrix.h"

#define CLIENT_PREFIX "/_matrix/client/v3/"
#define DEVICE_ID     "CANDORFAKE"
#define HTML_FORMAT   "org.matrix.custom.html"

/* The spec caps a whole event, as the homeserver stores it, at 65,536 bytes;
 * the envelope it adds to the content (ids, sender, timestamps, hashes and
 * signatures) takes about this much of that.
 */
#define MAX_EVENT_BYTES      65536
#define EVENT_ENVELOPE_BYTES 600

struct _CandorFakeMatrix
{
  CandorFakeServer parent_instance;

  char       *access_token;
  char       *user_id;
  char       *room_id;
  GHashTable *transactions;
};

G_DEFINE_FINAL_TYPE (CandorFakeMatrix, candor_fake_matrix, CANDOR_TYPE_FAKE_SERVER)

static void
reply_error (SoupServerMessage *message, guint status, const char *errcode, const char *text)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "errcode", errcode);
  json_object_set_string_member (object, "error", text);
  candor_fake_server_reply_object (message, status, object);
}

static gboolean
validate_message (SoupServerMessage *message, JsonObject *content)
{
  const char *format = json_object_get_string_member_with_default (content, "format", NULL);
  JsonNode   *relates_to = json_object_get_member (content, "m.relates_to");

  if (json_object_get_string_member_with_default (content, "msgtype", NULL) == NULL ||
      json_object_get_string_member_with_default (content, "body", NULL) == NULL)
    {
      reply_error (message, SOUP_STATUS_BAD_REQUEST, "M_BAD_JSON",
                   "m.room.message content needs string 'msgtype' and 'body'");
      return FALSE;
    }
  if (format != NULL &&
      (!g_str_equal (format, HTML_FORMAT) ||
       json_object_get_string_member_with_default (content, "formatted_body", NULL) == NULL))
    {
      reply_error (message, SOUP_STATUS_BAD_REQUEST, "M_BAD_JSON",
                   "'format' must be " HTML_FORMAT " with a string 'formatted_body'");
      return FALSE;
    }
  if (relates_to != NULL && (!JSON_NODE_HOLDS_OBJECT (relates_to) ||
                             json_object_get_string_member_with_default (
                               json_node_get_object (relates_to), "event_id", NULL) == NULL))
    {
      reply_error (message, SOUP_STATUS_BAD_REQUEST, "M_BAD_JSON",
                   "'m.relates_to' needs a string 'event_id'");
      return FALSE;
    }

  return TRUE;
}

static void
send_event (CandorFakeMatrix  *self,
            SoupServerMessage *message,
            const char        *token,
            const char        *path,
            char             **segments,
            GBytes            *body)
{
  g_autofree char *room_id = g_uri_unescape_string (segments[1], NULL);
  g_autofree char *event_type = g_uri_unescape_string (segments[3], NULL);
  g_autofree char *transaction_key = g_strdup_printf ("%s\n%s", token, path);
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *event_id = NULL;
  const char      *known;
  JsonObject      *reply;

  if (g_strcmp0 (soup_server_message_get_method (message), SOUP_METHOD_PUT) != 0)
    {
      reply_error (message, SOUP_STATUS_METHOD_NOT_ALLOWED, "M_UNRECOGNIZED",
                   "Unrecognized request");
      return;
    }
  if (room_id == NULL || !g_str_equal (room_id, self->room_id))
    {
      g_autofree char *text =
        g_strdup_printf ("User %s not in room %s", self->user_id, room_id != NULL ? room_id : "");

      reply_error (message, SOUP_STATUS_FORBIDDEN, "M_FORBIDDEN", text);
      return;
    }

  known = g_hash_table_lookup (self->transactions, transaction_key);
  if (known != NULL)
    {
      reply = json_object_new ();
      json_object_set_string_member (reply, "event_id", known);
      candor_fake_server_reply_object (message, SOUP_STATUS_OK, reply);
      return;
    }

  node = candor_fake_server_parse_object (body);
  if (node == NULL)
    {
      reply_error (message, SOUP_STATUS_BAD_REQUEST, "M_NOT_JSON", "Content not JSON.");
      return;
    }
  if (g_bytes_get_size (body) + EVENT_ENVELOPE_BYTES > MAX_EVENT_BYTES)
    {
      reply_error (message, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "M_TOO_LARGE", "event too large");
      return;
    }
  if (g_strcmp0 (event_type, "m.room.message") == 0 &&
      !validate_message (message, json_node_get_object (node)))
    return;

  event_id = g_strdup_printf ("$candor%" G_GUINT64_FORMAT ":fake.invalid",
                              candor_fake_server_next_serial (CANDOR_FAKE_SERVER (self)));
  g_hash_table_insert (self->transactions, g_steal_pointer (&transaction_key), g_strdup (event_id));
  candor_fake_server_accept (CANDOR_FAKE_SERVER (self), node);

  reply = json_object_new ();
  json_object_set_string_member (reply, "event_id", event_id);
  candor_fake_server_reply_object (message, SOUP_STATUS_OK, reply);
}

static void
whoami (CandorFakeMatrix *self, SoupServerMessage *message)
{
  JsonObject *reply = json_object_new ();

  json_object_set_string_member (reply, "user_id", self->user_id);
  json_object_set_string_member (reply, "device_id", DEVICE_ID);
  json_object_set_boolean_member (reply, "is_guest", FALSE);
  candor_fake_server_reply_object (message, SOUP_STATUS_OK, reply);
}

static void
candor_fake_matrix_handle (CandorFakeServer  *server,
                           SoupServerMessage *message,
                           const char        *path,
                           GHashTable        *query,
                           GBytes            *body)
{
  CandorFakeMatrix *self = CANDOR_FAKE_MATRIX (server);
  const char       *raw_path = g_uri_get_path (soup_server_message_get_uri (message));
  const char       *token = candor_fake_server_get_bearer (message);
  g_auto (GStrv) segments = NULL;

  if (!g_str_has_prefix (raw_path, CLIENT_PREFIX))
    {
      reply_error (message, SOUP_STATUS_NOT_FOUND, "M_UNRECOGNIZED", "Unrecognized request");
      return;
    }

  if (token == NULL)
    {
      reply_error (message, SOUP_STATUS_UNAUTHORIZED, "M_MISSING_TOKEN", "Missing access token");
      return;
    }
  if (!g_str_equal (token, self->access_token))
    {
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "errcode", "M_UNKNOWN_TOKEN");
      json_object_set_string_member (object, "error", "Unknown access token");
      json_object_set_boolean_member (object, "soft_logout", FALSE);
      candor_fake_server_reply_object (message, SOUP_STATUS_UNAUTHORIZED, object);
      return;
    }

  /* Split the path as sent: a room id's "!" and ":" arrive percent-encoded. */
  segments = g_strsplit (raw_path + strlen (CLIENT_PREFIX), "/", -1);
  if (g_strv_length (segments) == 2 && g_str_equal (segments[0], "account") &&
      g_str_equal (segments[1], "whoami") &&
      g_strcmp0 (soup_server_message_get_method (message), SOUP_METHOD_GET) == 0)
    whoami (self, message);
  else if (g_strv_length (segments) == 5 && g_str_equal (segments[0], "rooms") &&
           g_str_equal (segments[2], "send"))
    send_event (self, message, token, raw_path, segments, body);
  else
    reply_error (message, SOUP_STATUS_NOT_FOUND, "M_UNRECOGNIZED", "Unrecognized request");
}

static void
candor_fake_matrix_answer_fault (CandorFakeServer  *server,
                                 SoupServerMessage *message,
                                 guint              status,
                                 guint              retry_after)
{
  JsonObject *object;

  if (status == SOUP_STATUS_INTERNAL_SERVER_ERROR)
    {
      reply_error (message, status, "M_UNKNOWN", "Internal server error");
      return;
    }
  if (status != CANDOR_FAKE_STATUS_TOO_MANY_REQUESTS)
    {
      CANDOR_FAKE_SERVER_CLASS (candor_fake_matrix_parent_class)
        ->answer_fault (server, message, status, retry_after);
      return;
    }

  object = json_object_new ();
  json_object_set_string_member (object, "errcode", "M_LIMIT_EXCEEDED");
  json_object_set_string_member (object, "error", "Too Many Requests");
  json_object_set_int_member (object, "retry_after_ms", (gint64)retry_after * 1000);
  candor_fake_server_set_retry_after (message, retry_after);
  candor_fake_server_reply_object (message, status, object);
}

static void
candor_fake_matrix_finalize (GObject *object)
{
  CandorFakeMatrix *self = CANDOR_FAKE_MATRIX (object);

  g_free (self->access_token);
  g_free (self->user_id);
  g_free (self->room_id);
  g_clear_pointer (&self->transactions, g_hash_table_unref);

  G_OBJECT_CLASS (candor_fake_matrix_parent_class)->finalize (object);
}

static void
candor_fake_matrix_class_init (CandorFakeMatrixClass *klass)
{
  GObjectClass          *object_class = G_OBJECT_CLASS (klass);
  CandorFakeServerClass *server_class = CANDOR_FAKE_SERVER_CLASS (klass);

  object_class->finalize = candor_fake_matrix_finalize;
  server_class->handle = candor_fake_matrix_handle;
  server_class->answer_fault = candor_fake_matrix_answer_fault;
}

static void
candor_fake_matrix_init (CandorFakeMatrix *self)
{
  self->transactions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * candor_fake_matrix_new:
 * @certificate: (nullable): serve https with it, or http without
 * @access_token: the token requests must bear
 * @user_id: whom the token belongs to, e.g. "@candor:example.org"
 * @room_id: the one room the user has joined, e.g. "!abc:example.org"
 */
CandorFakeMatrix *
candor_fake_matrix_new (GTlsCertificate *certificate,
                        const char      *access_token,
                        const char      *user_id,
                        const char      *room_id,
                        GError         **error)
{
  CandorFakeMatrix *self;

  g_return_val_if_fail (access_token != NULL, NULL);
  g_return_val_if_fail (user_id != NULL, NULL);
  g_return_val_if_fail (room_id != NULL, NULL);

  self =
    g_initable_new (CANDOR_TYPE_FAKE_MATRIX, NULL, error, "tls-certificate", certificate, NULL);
  if (self == NULL)
    return NULL;

  self->access_token = g_strdup (access_token);
  self->user_id = g_strdup (user_id);
  self->room_id = g_strdup (room_id);

  return self;
}
