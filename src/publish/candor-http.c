/* candor-http.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-http"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "candor-http.h"
#include "candor-publish-error.h"

/* Connecting and each read or write may take this long... */
#define IO_TIMEOUT_SECONDS 15
/* ...and the whole request, answer included, this long by default. */
#define REQUEST_TIMEOUT_SECONDS 60

struct _CandorHttp
{
  GObject parent_instance;

  GTlsDatabase *tls_database;
  guint         request_timeout;
  SoupSession  *session;
};

G_DEFINE_FINAL_TYPE (CandorHttp, candor_http, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_TLS_DATABASE,
  PROP_REQUEST_TIMEOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  SoupMessage         *message;
  char                *host;
  GCancellable        *cancellable;
  GCancellable        *caller_cancellable;
  gulong               caller_cancelled_id;
  GSource             *timeout_source;
  GTlsCertificateFlags certificate_errors;
  gboolean             body_written;
  gboolean             timed_out;
} SendData;

static void
send_data_free (SendData *data)
{
  if (data->timeout_source != NULL)
    {
      g_source_destroy (data->timeout_source);
      g_source_unref (data->timeout_source);
    }
  g_cancellable_disconnect (data->caller_cancellable, data->caller_cancelled_id);
  g_clear_object (&data->caller_cancellable);
  g_clear_object (&data->cancellable);
  if (data->message != NULL)
    g_signal_handlers_disconnect_by_data (data->message, data);
  g_clear_object (&data->message);
  g_free (data->host);
  g_free (data);
}

static void
candor_http_constructed (GObject *object)
{
  CandorHttp *self = CANDOR_HTTP (object);

  G_OBJECT_CLASS (candor_http_parent_class)->constructed (object);

  /* Every channel of an update goes out at once: libsoup's default of 10
   * connections in all and 2 per host would hold the 11th channel, or a
   * third Slack channel, until an earlier answer came. */
  self->session = soup_session_new_with_options ("timeout", IO_TIMEOUT_SECONDS, "user-agent",
                                                 PACKAGE_NAME "/" PACKAGE_VERSION, "max-conns", 64,
                                                 "max-conns-per-host", 8, NULL);
  /* Left unset, the session trusts the system's authorities. */
  if (self->tls_database != NULL)
    soup_session_set_tls_database (self->session, self->tls_database);
}

static void
candor_http_dispose (GObject *object)
{
  CandorHttp *self = CANDOR_HTTP (object);

  g_clear_object (&self->session);
  g_clear_object (&self->tls_database);

  G_OBJECT_CLASS (candor_http_parent_class)->dispose (object);
}

static void
candor_http_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CandorHttp *self = CANDOR_HTTP (object);

  switch (prop_id)
    {
      case PROP_TLS_DATABASE:
        g_value_set_object (value, self->tls_database);
        break;

      case PROP_REQUEST_TIMEOUT:
        g_value_set_uint (value, self->request_timeout);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_http_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CandorHttp *self = CANDOR_HTTP (object);

  switch (prop_id)
    {
      case PROP_TLS_DATABASE:
        self->tls_database = g_value_dup_object (value);
        break;

      case PROP_REQUEST_TIMEOUT:
        self->request_timeout = g_value_get_uint (value);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_http_class_init (CandorHttpClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = candor_http_constructed;
  object_class->dispose = candor_http_dispose;
  object_class->get_property = candor_http_get_property;
  object_class->set_property = candor_http_set_property;

  /* Tests trust an authority they made; the app trusts the system's. */
  properties[PROP_TLS_DATABASE] =
    g_param_spec_object ("tls-database", NULL, NULL, G_TYPE_TLS_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* Seconds a request may take, answer included; tests shorten it. */
  properties[PROP_REQUEST_TIMEOUT] =
    g_param_spec_uint ("request-timeout", NULL, NULL, 1, G_MAXUINT / 1000, REQUEST_TIMEOUT_SECONDS,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
candor_http_init (CandorHttp *self)
{
}

CandorHttp *
candor_http_new (GTlsDatabase *tls_database)
{
  g_return_val_if_fail (tls_database == NULL || G_IS_TLS_DATABASE (tls_database), NULL);

  return g_object_new (CANDOR_TYPE_HTTP, "tls-database", tls_database, NULL);
}

GTlsDatabase *
candor_http_get_tls_database (CandorHttp *self)
{
  g_return_val_if_fail (CANDOR_IS_HTTP (self), NULL);

  return self->tls_database;
}

gboolean
candor_http_host_is_loopback (const char *host)
{
  g_autoptr (GInetAddress) address = NULL;

  g_return_val_if_fail (host != NULL, FALSE);

  if (g_ascii_strcasecmp (host, "localhost") == 0 || g_ascii_strcasecmp (host, "localhost.") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);

  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* Parses @url and applies the policy; the parse error itself is dropped,
 * since GLib's message would quote the whole URL. */
static GUri *
parse_url (const char *url, GError **error)
{
  g_autoptr (GUri) uri = NULL;
  const char *scheme;
  const char *host;

  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  host = uri != NULL ? g_uri_get_host (uri) : NULL;
  if (host == NULL || *host == '\0')
    {
      g_set_error_literal (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED,
                           _("The channel’s address is not a web address. Check the channel’s "
                             "settings in Preferences."));
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0 ||
      (g_ascii_strcasecmp (scheme, "http") == 0 && candor_http_host_is_loopback (host)))
    return g_steal_pointer (&uri);

  g_set_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_INSECURE,
               /* Translators: %s is a host name, such as "hooks.example.com". */
               _("The address for “%s” does not use https. Candor publishes only over https, "
                 "except to this computer."),
                  host);
  return NULL;
}

gboolean
candor_http_check_url (const char *url, GError **error)
{
  g_autoptr (GUri) uri = NULL;

  g_return_val_if_fail (url != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  uri = parse_url (url, error);

  return uri != NULL;
}

/* Says what was wrong with the certificate, most telling problem first. */
static const char *
describe_certificate_errors (GTlsCertificateFlags flags)
{
  if (flags & G_TLS_CERTIFICATE_UNKNOWN_CA)
    return _("its certificate is signed by an unknown authority");
  if (flags & G_TLS_CERTIFICATE_BAD_IDENTITY)
    return _("its certificate belongs to another host");
  if (flags & G_TLS_CERTIFICATE_EXPIRED)
    return _("its certificate has expired");
  if (flags & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    return _("its certificate is not valid yet");
  if (flags & G_TLS_CERTIFICATE_REVOKED)
    return _("its certificate has been revoked");
  if (flags & G_TLS_CERTIFICATE_INSECURE)
    return _("its certificate uses an insecure algorithm");
  if (flags != 0)
    return _("its certificate is not valid");

  return _("the secure connection could not be set up");
}

/* Turns a failed exchange into what it means for the message. */
static GError *
classify_error (SendData *data, const GError *error)
{
  if (data->certificate_errors != 0 || (error->domain == G_TLS_ERROR && !data->body_written))
    return g_error_new (CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_TLS,
                        /* Translators: %s is a host name, then what was wrong with its
                           certificate, such as "its certificate has expired". */
                        _("The connection to “%s” is not safe: %s. Candor does not publish "
                          "over it."),
                           data->host, describe_certificate_errors (data->certificate_errors));

  if (data->body_written)
    return g_error_new (CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_UNKNOWN_OUTCOME,
                        /* Translators: %s is a host name. */
                        _("The connection to “%s” broke after the message was sent, so it may "
                          "have been posted. Check the channel before sending it again."),
                           data->host);

  if (data->timed_out || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_UNAVAILABLE,
                        /* Translators: %s is a host name. */
                        _("“%s” did not answer in time."), data->host);

  /* GIO's and libsoup's messages name the host at most, never the path. */
  return g_error_new (CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_UNAVAILABLE,
                      /* Translators: %s is a host name, then the system's reason, such as
                         "Connection refused". */
                      _("Could not reach “%s”: %s"), data->host, error->message);
}

static void
on_send_and_read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SendData *data = g_task_get_task_data (task);
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GError) error = NULL;
  guint status;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);

  if (body == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !data->timed_out)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      /* The domain and code say what failed; the message could quote more. */
      g_debug ("Request to %s failed: %s %d", data->host, g_quark_to_string (error->domain),
               error->code);
      g_task_return_error (task, classify_error (data, error));
      return;
    }

  status = soup_message_get_status (data->message);
  g_debug ("%s to %s: HTTP %u", soup_message_get_method (data->message), data->host, status);

  g_task_return_pointer (
    task,
    candor_http_response_new (status, soup_message_get_response_headers (data->message), body),
    g_object_unref);
}

static gboolean
on_accept_certificate_cb (SoupMessage         *message,
                          GTlsCertificate     *certificate,
                          GTlsCertificateFlags errors,
                          gpointer             user_data)
{
  SendData *data = user_data;

  /* Only to say later what was wrong: a certificate that failed is never
   * accepted, whoever asks. */
  data->certificate_errors = errors;

  return FALSE;
}

static void
on_wrote_body_cb (SoupMessage *message, gpointer user_data)
{
  SendData *data = user_data;

  data->body_written = TRUE;
}

static void
on_caller_cancelled_cb (GCancellable *cancellable, gpointer user_data)
{
  GCancellable *own = user_data;

  g_cancellable_cancel (own);
}

static gboolean
on_request_timeout_cb (gpointer user_data)
{
  SendData *data = user_data;

  data->timed_out = TRUE;
  g_cancellable_cancel (data->cancellable);

  return G_SOURCE_REMOVE;
}

void
candor_http_send_async (CandorHttp         *self,
                        const char         *method,
                        const char         *url,
                        GHashTable         *headers,
                        GBytes             *body,
                        const char         *content_type,
                        GCancellable       *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GUri) uri = NULL;
  g_autoptr (GError) error = NULL;
  SoupMessageHeaders *request_headers;
  SendData           *data;

  g_return_if_fail (CANDOR_IS_HTTP (self));
  g_return_if_fail (method != NULL);
  g_return_if_fail (url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, candor_http_send_async);

  uri = parse_url (url, &error);
  if (uri == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_new0 (SendData, 1);
  g_task_set_task_data (task, data, (GDestroyNotify)send_data_free);
  data->host = g_strdup (g_uri_get_host (uri));
  data->message = soup_message_new_from_uri (method, uri);
  data->cancellable = g_cancellable_new ();

  /* A redirect could lead to plain http or to another host with the
   * message and its credentials: the policy is checked on one URL only. */
  soup_message_add_flags (data->message, SOUP_MESSAGE_NO_REDIRECT);
  /* On a kept-alive connection that the server has closed, libsoup 3.2
   * silently sends an "idempotent" method (PUT, DELETE) again, and without
   * its body: a message must go out once, or fail where the publisher can
   * see it. A connection of its own per request costs a handshake, which a
   * publication can afford. */
  soup_message_add_flags (data->message, SOUP_MESSAGE_NEW_CONNECTION);

  request_headers = soup_message_get_request_headers (data->message);
  if (headers != NULL)
    {
      GHashTableIter iter;
      gpointer       name, value;

      g_hash_table_iter_init (&iter, headers);
      while (g_hash_table_iter_next (&iter, &name, &value))
        soup_message_headers_replace (request_headers, name, value);
    }
  if (body != NULL)
    soup_message_set_request_body_from_bytes (data->message, content_type, body);

  g_signal_connect (data->message, "accept-certificate", G_CALLBACK (on_accept_certificate_cb),
                    data);
  g_signal_connect (data->message, "wrote-body", G_CALLBACK (on_wrote_body_cb), data);

  if (cancellable != NULL)
    {
      data->caller_cancellable = g_object_ref (cancellable);
      data->caller_cancelled_id =
        g_cancellable_connect (cancellable, G_CALLBACK (on_caller_cancelled_cb),
                               g_object_ref (data->cancellable), g_object_unref);
    }

  data->timeout_source = g_timeout_source_new_seconds (self->request_timeout);
  g_source_set_callback (data->timeout_source, on_request_timeout_cb, data, NULL);
  g_source_set_static_name (data->timeout_source, "[candor] HTTP request timeout");
  g_source_attach (data->timeout_source, g_task_get_context (task));

  soup_session_send_and_read_async (self->session, data->message, G_PRIORITY_DEFAULT,
                                    data->cancellable, on_send_and_read_cb,
                                    g_steal_pointer (&task));
}

CandorHttpResponse *
candor_http_send_finish (CandorHttp *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (CANDOR_IS_HTTP (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == candor_http_send_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
