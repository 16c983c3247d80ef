/* candor-fake-server.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-fake-server"

#include "config.h"

#include "candor-fake-server.h"

typedef enum
{
  FAULT_STATUS,
  FAULT_DROP,
  FAULT_DELAY,
} FaultKind;

typedef struct
{
  FaultKind kind;
  guint     status;
  guint     retry_after;
  guint     delay_ms;
} Fault;

/* A request held back by a delay fault until its timeout answers it. */
typedef struct
{
  CandorFakeServer  *self;
  SoupServerMessage *message;
  char              *path;
  GHashTable        *query;
  GBytes            *body;
  guint              source_id;
} Delayed;

typedef struct
{
  GTlsCertificate *tls_certificate;
  SoupServer      *server;
  char            *url;
  GPtrArray       *requests;
  GPtrArray       *accepted;
  GQueue           faults;
  GList           *delayed;
  guint64          serial;
} CandorFakeServerPrivate;

static void candor_fake_server_initable_iface_init (GInitableIface *iface);

G_DEFINE_ABSTRACT_TYPE_WITH_CODE (CandorFakeServer,
                                  candor_fake_server,
                                  G_TYPE_OBJECT,
                                  G_ADD_PRIVATE (CandorFakeServer)
                                    G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                           candor_fake_server_initable_iface_init))

enum
{
  PROP_0,
  PROP_TLS_CERTIFICATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
fake_request_free (CandorFakeRequest *request)
{
  g_free (request->method);
  g_free (request->path);
  g_free (request->query);
  g_clear_pointer (&request->headers, soup_message_headers_unref);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_free (request);
}

static void
delayed_free (Delayed *delayed)
{
  g_clear_handle_id (&delayed->source_id, g_source_remove);
  g_clear_object (&delayed->message);
  g_free (delayed->path);
  g_clear_pointer (&delayed->query, g_hash_table_unref);
  g_clear_pointer (&delayed->body, g_bytes_unref);
  g_free (delayed);
}

static void
dispatch (CandorFakeServer  *self,
          SoupServerMessage *message,
          const char        *path,
          GHashTable        *query,
          GBytes            *body)
{
  CANDOR_FAKE_SERVER_GET_CLASS (self)->handle (self, message, path, query, body);
}

static gboolean
delayed_timeout_cb (gpointer user_data)
{
  Delayed                 *delayed = user_data;
  CandorFakeServerPrivate *priv = candor_fake_server_get_instance_private (delayed->self);

  delayed->source_id = 0;
  priv->delayed = g_list_remove (priv->delayed, delayed);
  dispatch (delayed->self, delayed->message, delayed->path, delayed->query, delayed->body);
  soup_server_message_unpause (delayed->message);
  delayed_free (delayed);

  return G_SOURCE_REMOVE;
}

static void
handler_cb (SoupServer        *server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  CandorFakeServer        *self = user_data;
  CandorFakeServerPrivate *priv = candor_fake_server_get_instance_private (self);
  CandorFakeRequest       *request = g_new0 (CandorFakeRequest, 1);
  GUri                    *uri = soup_server_message_get_uri (message);
  g_autofree Fault        *fault = NULL;
  g_autoptr (GBytes) body = NULL;

  body = soup_message_body_flatten (soup_server_message_get_request_body (message));

  request->method = g_strdup (soup_server_message_get_method (message));
  request->path = g_strdup (g_uri_get_path (uri));
  request->query = g_strdup (g_uri_get_query (uri));
  request->headers = soup_message_headers_ref (soup_server_message_get_request_headers (message));
  request->body = g_bytes_ref (body);
  g_ptr_array_add (priv->requests, request);

  fault = g_queue_pop_head (&priv->faults);
  if (fault == NULL)
    {
      dispatch (self, message, path, query, body);
      return;
    }

  switch (fault->kind)
    {
      case FAULT_STATUS:
        CANDOR_FAKE_SERVER_GET_CLASS (self)->answer_fault (self, message, fault->status,
                                                           fault->retry_after);
        break;

      case FAULT_DROP:
        {
          /* The request was read whole: the client sent it and gets no answer. */
          g_autoptr (GIOStream) stream = soup_server_message_steal_connection (message);

          g_io_stream_close (stream, NULL, NULL);
        }
        break;

      case FAULT_DELAY:
        {
          Delayed *delayed = g_new0 (Delayed, 1);

          delayed->self = self;
          delayed->message = g_object_ref (message);
          delayed->path = g_strdup (path);
          delayed->query = query != NULL ? g_hash_table_ref (query) : NULL;
          delayed->body = g_bytes_ref (body);
          delayed->source_id = g_timeout_add (fault->delay_ms, delayed_timeout_cb, delayed);
          priv->delayed = g_list_prepend (priv->delayed, delayed);
          soup_server_message_pause (message);
        }
        break;

      default:
        g_assert_not_reached ();
    }
}

static void
candor_fake_server_real_answer_fault (CandorFakeServer  *self,
                                      SoupServerMessage *message,
                                      guint              status,
                                      guint              retry_after)
{
  if (status == CANDOR_FAKE_STATUS_TOO_MANY_REQUESTS)
    candor_fake_server_set_retry_after (message, retry_after);
  candor_fake_server_reply_text (message, status, soup_status_get_phrase (status));
}

static gboolean
candor_fake_server_initable_init (GInitable *initable, GCancellable *cancellable, GError **error)
{
  CandorFakeServer        *self = CANDOR_FAKE_SERVER (initable);
  CandorFakeServerPrivate *priv = candor_fake_server_get_instance_private (self);
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  SoupServerListenOptions options = 0;
  GSList                 *uris;

  priv->server = soup_server_new ("tls-certificate", priv->tls_certificate, NULL);
  soup_server_add_handler (priv->server, NULL, handler_cb, self, NULL);

  if (priv->tls_certificate != NULL)
    options |= SOUP_SERVER_LISTEN_HTTPS;
  if (!soup_server_listen (priv->server, address, options, error))
    return FALSE;

  uris = soup_server_get_uris (priv->server);
  g_assert (uris != NULL);
  priv->url = g_strdup_printf ("%s://127.0.0.1:%d", g_uri_get_scheme (uris->data),
                               g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  return TRUE;
}

static void
candor_fake_server_initable_iface_init (GInitableIface *iface)
{
  iface->init = candor_fake_server_initable_init;
}

static void
candor_fake_server_dispose (GObject *object)
{
  CandorFakeServer        *self = CANDOR_FAKE_SERVER (object);
  CandorFakeServerPrivate *priv = candor_fake_server_get_instance_private (self);

  g_list_free_full (g_steal_pointer (&priv->delayed), (GDestroyNotify)delayed_free);
  if (priv->server != NULL)
    soup_server_disconnect (priv->server);
  g_clear_object (&priv->server);
  g_clear_object (&priv->tls_certificate);

  G_OBJECT_CLASS (candor_fake_server_parent_class)->dispose (object);
}

static void
candor_fake_server_finalize (GObject *object)
{
  CandorFakeServer        *self = CANDOR_FAKE_SERVER (object);
  CandorFakeServerPrivate *priv = candor_fake_server_get_instance_private (self);

  g_queue_clear_full (&priv->faults, g_free);
  g_clear_pointer (&priv->requests, g_ptr_array_unref);
  g_clear_pointer (&priv->accepted, g_ptr_array_unref);
  g_free (priv->url);

  G_OBJECT_CLASS (candor_fake_server_parent_class)->finalize (object);
}

static void
candor_fake_server_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CandorFakeServer        *self = CANDOR_FAKE_SERVER (object);
  CandorFakeServerPrivate *priv = candor_fake_server_get_instance_private (self);

  switch (prop_id)
    {
      case PROP_TLS_CERTIFICATE:
        g_value_set_object (value, priv->tls_certificate);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_fake_server_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CandorFakeServer        *self = CANDOR_FAKE_SERVER (object);
  CandorFakeServerPrivate *priv = candor_fake_server_get_instance_private (self);

  switch (prop_id)
    {
      case PROP_TLS_CERTIFICATE:
        priv->tls_certificate = g_value_dup_object (value);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_fake_server_class_init (CandorFakeServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = candor_fake_server_dispose;
  object_class->finalize = candor_fake_server_finalize;
  object_class->get_property = candor_fake_server_get_property;
  object_class->set_property = candor_fake_server_set_property;

  klass->answer_fault = candor_fake_server_real_answer_fault;

  properties[PROP_TLS_CERTIFICATE] =
    g_param_spec_object ("tls-certificate", NULL, NULL, G_TYPE_TLS_CERTIFICATE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
candor_fake_server_init (CandorFakeServer *self)
{
  CandorFakeServerPrivate *priv = candor_fake_server_get_instance_private (self);

  priv->requests = g_ptr_array_new_with_free_func ((GDestroyNotify)fake_request_free);
  priv->accepted = g_ptr_array_new_with_free_func ((GDestroyNotify)json_node_unref);
  g_queue_init (&priv->faults);
  priv->serial = 1;
}

/**
 * candor_fake_server_get_url:
 *
 * Returns: the server's base URL, "http://127.0.0.1:PORT" or https, without a
 *   trailing slash
 */
const char *
candor_fake_server_get_url (CandorFakeServer *self)
{
  CandorFakeServerPrivate *priv = candor_fake_server_get_instance_private (self);

  g_return_val_if_fail (CANDOR_IS_FAKE_SERVER (self), NULL);

  return priv->url;
}

guint
candor_fake_server_get_request_count (CandorFakeServer *self)
{
  CandorFakeServerPrivate *priv = candor_fake_server_get_instance_private (self);

  g_return_val_if_fail (CANDOR_IS_FAKE_SERVER (self), 0);

  return priv->requests->len;
}

/**
 * candor_fake_server_get_requests:
 *
 * Returns: (transfer none) (element-type CandorFakeRequest): every request
 *   received, in order, those a fault answered included
 */
GPtrArray *
candor_fake_server_get_requests (CandorFakeServer *self)
{
  CandorFakeServerPrivate *priv = candor_fake_server_get_instance_private (self);

  g_return_val_if_fail (CANDOR_IS_FAKE_SERVER (self), NULL);

  return priv->requests;
}

/**
 * candor_fake_server_get_accepted:
 *
 * Returns: (transfer none) (element-type JsonNode): what the service took
 *   and would show its readers, one node per post, in order
 */
GPtrArray *
candor_fake_server_get_accepted (CandorFakeServer *self)
{
  CandorFakeServerPrivate *priv = candor_fake_server_get_instance_private (self);

  g_return_val_if_fail (CANDOR_IS_FAKE_SERVER (self), NULL);

  return priv->accepted;
}

static void
queue_fault (CandorFakeServer *self, guint count, const Fault *fault)
{
  CandorFakeServerPrivate *priv = candor_fake_server_get_instance_private (self);

  for (guint i = 0; i < count; i++)
    g_queue_push_tail (&priv->faults, g_memdup2 (fault, sizeof *fault));
}

/**
 * candor_fake_server_fail_next:
 * @status: 429 or a 5xx
 * @retry_after: seconds the service asks the client to wait, for 429
 *
 * Answers the next @count requests with @status, in the service's own shape.
 */
void
candor_fake_server_fail_next (CandorFakeServer *self, guint count, guint status, guint retry_after)
{
  Fault fault = { FAULT_STATUS, status, retry_after, 0 };

  g_return_if_fail (CANDOR_IS_FAKE_SERVER (self));
  g_return_if_fail (status == CANDOR_FAKE_STATUS_TOO_MANY_REQUESTS ||
                    SOUP_STATUS_IS_SERVER_ERROR (status));

  queue_fault (self, count, &fault);
}

/**
 * candor_fake_server_drop_next:
 *
 * Closes the connection of each of the next @count requests once it is read,
 * without an answer: the client cannot know whether the post was made.
 */
void
candor_fake_server_drop_next (CandorFakeServer *self, guint count)
{
  Fault fault = { FAULT_DROP, 0, 0, 0 };

  g_return_if_fail (CANDOR_IS_FAKE_SERVER (self));

  queue_fault (self, count, &fault);
}

/**
 * candor_fake_server_delay_next:
 *
 * Holds each of the next @count requests for @delay_ms before answering it
 * as usual.
 */
void
candor_fake_server_delay_next (CandorFakeServer *self, guint count, guint delay_ms)
{
  Fault fault = { FAULT_DELAY, 0, 0, delay_ms };

  g_return_if_fail (CANDOR_IS_FAKE_SERVER (self));

  queue_fault (self, count, &fault);
}

/* Takes a reference on @node. */
void
candor_fake_server_accept (CandorFakeServer *self, JsonNode *node)
{
  CandorFakeServerPrivate *priv = candor_fake_server_get_instance_private (self);

  g_return_if_fail (CANDOR_IS_FAKE_SERVER (self));
  g_return_if_fail (node != NULL);

  g_ptr_array_add (priv->accepted, json_node_ref (node));
}

/* A number for the ids and timestamps a fake hands out, never the same twice. */
guint64
candor_fake_server_next_serial (CandorFakeServer *self)
{
  CandorFakeServerPrivate *priv = candor_fake_server_get_instance_private (self);

  g_return_val_if_fail (CANDOR_IS_FAKE_SERVER (self), 0);

  return priv->serial++;
}

void
candor_fake_server_reply_text (SoupServerMessage *message, guint status, const char *text)
{
  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, "text/plain; charset=utf-8", SOUP_MEMORY_COPY, text,
                                    strlen (text));
}

void
candor_fake_server_reply_json (SoupServerMessage *message, guint status, JsonNode *node)
{
  gsize length;
  char *json = json_to_string (node, FALSE);

  length = strlen (json);
  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, "application/json; charset=utf-8", SOUP_MEMORY_TAKE,
                                    json, length);
}

/* Takes @object. */
void
candor_fake_server_reply_object (SoupServerMessage *message, guint status, JsonObject *object)
{
  g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), object);

  json_object_unref (object);
  candor_fake_server_reply_json (message, status, node);
}

void
candor_fake_server_set_retry_after (SoupServerMessage *message, guint retry_after)
{
  g_autofree char *value = g_strdup_printf ("%u", retry_after);

  soup_message_headers_replace (soup_server_message_get_response_headers (message), "Retry-After",
                                value);
}

/**
 * candor_fake_server_parse_object:
 *
 * Returns: (transfer full) (nullable): @body parsed, when it is a JSON object
 */
JsonNode *
candor_fake_server_parse_object (GBytes *body)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  gsize       size;
  const char *data = g_bytes_get_data (body, &size);

  if (size == 0 || !json_parser_load_from_data (parser, data, size, NULL))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;

  return json_parser_steal_root (parser);
}

/**
 * candor_fake_server_get_bearer:
 *
 * Returns: (nullable): the token of an "Authorization: Bearer" header
 */
const char *
candor_fake_server_get_bearer (SoupServerMessage *message)
{
  const char *value = soup_message_headers_get_one (
    soup_server_message_get_request_headers (message), "Authorization");

  if (value == NULL || g_ascii_strncasecmp (value, "Bearer ", 7) != 0)
    return NULL;

  return value + 7;
}

gboolean
candor_fake_server_is_json (SoupServerMessage *message)
{
  const char *type =
    soup_message_headers_get_content_type (soup_server_message_get_request_headers (message), NULL);

  return g_strcmp0 (type, "application/json") == 0;
}
