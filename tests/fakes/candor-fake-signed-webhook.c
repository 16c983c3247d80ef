/* candor-fake-signed-webhook.c
 *
 * A fake receiver of Standard Webhooks (standardwebhooks.com): POST on any
 * path with the headers webhook-id, webhook-timestamp (Unix seconds, within
 * five minutes of now) and webhook-signature ("v1,<base64>" entries, space
 * separated, each an HMAC-SHA256 of "id.timestamp.body" keyed with the
 * base64 secret after "whsec_"). A webhook-id seen before is answered as a
 * success and not taken again, which is what makes retries safe.
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-fake-signed-webhook"

#include "config.h"

#include "candor-fake-signed-webhook.h"

#define SECRET_PREFIX     "whsec_"
#define TOLERANCE_SECONDS (5 * 60)

struct _CandorFakeSignedWebhook
{
  CandorFakeServer parent_instance;

  guchar     *key;
  gsize       key_length;
  GHashTable *seen_ids;
};

G_DEFINE_FINAL_TYPE (CandorFakeSignedWebhook, candor_fake_signed_webhook, CANDOR_TYPE_FAKE_SERVER)

/* Compares in constant time, so the answer's timing tells nothing. */
static gboolean
equal_secretly (const char *a, const char *b)
{
  gsize  length = strlen (a);
  guchar difference = 0;

  if (length != strlen (b))
    return FALSE;
  for (gsize i = 0; i < length; i++)
    difference |= (guchar)a[i] ^ (guchar)b[i];

  return difference == 0;
}

static char *
expected_signature (CandorFakeSignedWebhook *self,
                    const char              *id,
                    const char              *timestamp,
                    GBytes                  *body)
{
  g_autoptr (GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, self->key, self->key_length);
  guint8 digest[32];
  gsize  digest_length = sizeof digest;

  g_hmac_update (hmac, (const guchar *)id, strlen (id));
  g_hmac_update (hmac, (const guchar *)".", 1);
  g_hmac_update (hmac, (const guchar *)timestamp, strlen (timestamp));
  g_hmac_update (hmac, (const guchar *)".", 1);
  g_hmac_update (hmac, g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_hmac_get_digest (hmac, digest, &digest_length);

  return g_base64_encode (digest, digest_length);
}

static gboolean
signature_matches (const char *header, const char *expected)
{
  g_auto (GStrv) entries = g_strsplit (header, " ", -1);

  for (guint i = 0; entries[i] != NULL; i++)
    if (g_str_has_prefix (entries[i], "v1,") && equal_secretly (entries[i] + 3, expected))
      return TRUE;

  return FALSE;
}

/* The payload shape the spec recommends: {"type", "timestamp", "data"}. */
static gboolean
payload_is_valid (JsonObject *object)
{
  return json_object_get_string_member_with_default (object, "type", NULL) != NULL &&
         json_object_get_string_member_with_default (object, "timestamp", NULL) != NULL &&
         json_object_has_member (object, "data") &&
         JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "data"));
}

static void
candor_fake_signed_webhook_handle (CandorFakeServer  *server,
                                   SoupServerMessage *message,
                                   const char        *path,
                                   GHashTable        *query,
                                   GBytes            *body)
{
  CandorFakeSignedWebhook *self = CANDOR_FAKE_SIGNED_WEBHOOK (server);
  SoupMessageHeaders      *headers = soup_server_message_get_request_headers (message);
  const char              *id = soup_message_headers_get_one (headers, "webhook-id");
  const char              *timestamp = soup_message_headers_get_one (headers, "webhook-timestamp");
  const char              *signature = soup_message_headers_get_one (headers, "webhook-signature");
  g_autofree char         *expected = NULL;
  g_autoptr (JsonNode) node = NULL;
  char  *end;
  gint64 sent_at;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (g_strcmp0 (soup_server_message_get_method (message), SOUP_METHOD_POST) != 0)
    {
      candor_fake_server_reply_text (message, SOUP_STATUS_METHOD_NOT_ALLOWED, "Method not allowed");
      return;
    }
  if (id == NULL || timestamp == NULL || signature == NULL)
    {
      candor_fake_server_reply_text (message, SOUP_STATUS_BAD_REQUEST, "Missing required headers");
      return;
    }

  sent_at = g_ascii_strtoll (timestamp, &end, 10);
  if (end == timestamp || *end != '\0')
    {
      candor_fake_server_reply_text (message, SOUP_STATUS_BAD_REQUEST, "Invalid Signature Headers");
      return;
    }
  if (sent_at < now - TOLERANCE_SECONDS)
    {
      candor_fake_server_reply_text (message, SOUP_STATUS_UNAUTHORIZED,
                                     "Message timestamp too old");
      return;
    }
  if (sent_at > now + TOLERANCE_SECONDS)
    {
      candor_fake_server_reply_text (message, SOUP_STATUS_UNAUTHORIZED,
                                     "Message timestamp too new");
      return;
    }

  expected = expected_signature (self, id, timestamp, body);
  if (!signature_matches (signature, expected))
    {
      candor_fake_server_reply_text (message, SOUP_STATUS_UNAUTHORIZED,
                                     "No matching signature found");
      return;
    }

  if (g_hash_table_contains (self->seen_ids, id))
    {
      soup_server_message_set_status (message, SOUP_STATUS_NO_CONTENT, NULL);
      return;
    }

  node = candor_fake_server_parse_object (body);
  if (node == NULL || !payload_is_valid (json_node_get_object (node)))
    {
      candor_fake_server_reply_text (message, SOUP_STATUS_BAD_REQUEST,
                                     "Payload must be a JSON object with type, timestamp and data");
      return;
    }

  g_hash_table_add (self->seen_ids, g_strdup (id));
  candor_fake_server_accept (server, node);
  soup_server_message_set_status (message, SOUP_STATUS_NO_CONTENT, NULL);
}

static void
candor_fake_signed_webhook_finalize (GObject *object)
{
  CandorFakeSignedWebhook *self = CANDOR_FAKE_SIGNED_WEBHOOK (object);

  g_free (self->key);
  g_clear_pointer (&self->seen_ids, g_hash_table_unref);

  G_OBJECT_CLASS (candor_fake_signed_webhook_parent_class)->finalize (object);
}

static void
candor_fake_signed_webhook_class_init (CandorFakeSignedWebhookClass *klass)
{
  GObjectClass          *object_class = G_OBJECT_CLASS (klass);
  CandorFakeServerClass *server_class = CANDOR_FAKE_SERVER_CLASS (klass);

  object_class->finalize = candor_fake_signed_webhook_finalize;
  server_class->handle = candor_fake_signed_webhook_handle;
}

static void
candor_fake_signed_webhook_init (CandorFakeSignedWebhook *self)
{
  self->seen_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * candor_fake_signed_webhook_new:
 * @certificate: (nullable): serve https with it, or http without
 * @secret: the signing secret, "whsec_" and a base64 key
 */
CandorFakeSignedWebhook *
candor_fake_signed_webhook_new (GTlsCertificate *certificate, const char *secret, GError **error)
{
  CandorFakeSignedWebhook *self;

  g_return_val_if_fail (secret != NULL && g_str_has_prefix (secret, SECRET_PREFIX), NULL);

  self = g_initable_new (CANDOR_TYPE_FAKE_SIGNED_WEBHOOK, NULL, error, "tls-certificate",
                         certificate, NULL);
  if (self == NULL)
    return NULL;

  self->key = g_base64_decode (secret + strlen (SECRET_PREFIX), &self->key_length);

  return self;
}
