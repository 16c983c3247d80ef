/* candor-smtp.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-smtp"

#include "config.h"

#include <curl/curl.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "candor-publish-error.h"
#include "candor-smtp.h"

struct _CandorSmtp
{
  GObject parent_instance;

  char              *host;
  guint              port;
  CandorSmtpSecurity security;
  char              *username;
  char              *password;
  char              *ca_file;
};

G_DEFINE_FINAL_TYPE (CandorSmtp, candor_smtp, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (CandorSmtpSecurity,
                    candor_smtp_security,
                    G_DEFINE_ENUM_VALUE (CANDOR_SMTP_SECURITY_STARTTLS, "starttls"),
                    G_DEFINE_ENUM_VALUE (CANDOR_SMTP_SECURITY_TLS, "tls"),
                    G_DEFINE_ENUM_VALUE (CANDOR_SMTP_SECURITY_NONE, "none"))

enum
{
  PROP_0,
  PROP_HOST,
  PROP_PORT,
  PROP_SECURITY,
  PROP_USERNAME,
  PROP_PASSWORD,
  PROP_CA_FILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Servers answer within seconds; a minute without a reply is a dead relay. */
#define CONNECT_TIMEOUT_SECONDS 30
#define REPLY_TIMEOUT_SECONDS   60
/* QUIT is a courtesy, not worth a long wait. */
#define QUIT_TIMEOUT_MS 5000

/* Everything one transfer needs, copied from the object so that the thread
 * never touches it, and what happened on the way: @data_sent once the last
 * byte of the message went to libcurl, which then ends DATA (from there on a
 * lost connection leaves the outcome unknown); @reply and @reply_code, the
 * server's first refusal ("550 5.1.1 ...") or 0. */
typedef struct
{
  char              *url;
  char              *host;
  CandorSmtpSecurity security;
  char              *username;
  char              *password;
  char              *ca_file;
  char              *envelope_from;
  char             **recipients;
  GBytes            *payload;
  gsize              offset;
  gboolean           data_sent;
  GCancellable      *cancellable;
  GString           *reply_lines;
  GString           *reply;
  guint              reply_code;
} Transfer;

static void
transfer_free (Transfer *transfer)
{
  g_free (transfer->url);
  g_free (transfer->host);
  g_free (transfer->username);
  /* Wiped, so the secret does not linger in freed memory. */
  if (transfer->password != NULL)
    memset (transfer->password, 0, strlen (transfer->password));
  g_free (transfer->password);
  g_free (transfer->ca_file);
  g_free (transfer->envelope_from);
  g_strfreev (transfer->recipients);
  g_clear_pointer (&transfer->payload, g_bytes_unref);
  g_clear_object (&transfer->cancellable);
  g_string_free (transfer->reply_lines, TRUE);
  g_string_free (transfer->reply, TRUE);
  g_free (transfer);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Transfer, transfer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CURL, curl_easy_cleanup)

static gpointer
init_curl (gpointer data)
{
  curl_global_init (CURL_GLOBAL_DEFAULT);
  return NULL;
}

static gboolean
is_loopback (const char *host)
{
  g_autoptr (GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

static guint
default_port (CandorSmtpSecurity security)
{
  switch (security)
    {
      case CANDOR_SMTP_SECURITY_STARTTLS:
        return 587;
      case CANDOR_SMTP_SECURITY_TLS:
        return 465;
      case CANDOR_SMTP_SECURITY_NONE:
      default:
        return 25;
    }
}

/* A bare address that cannot smuggle another SMTP command into the
 * conversation: libcurl passes it on as it is. */
static gboolean
is_envelope_address (const char *address)
{
  const char *at;

  if (address == NULL || *address == '\0')
    return FALSE;

  for (const char *p = address; *p != '\0'; p++)
    {
      if ((guchar)*p <= ' ' || *p == 0x7f || *p == '<' || *p == '>')
        return FALSE;
    }

  at = strrchr (address, '@');
  return at != NULL && at != address && at[1] != '\0';
}

/* The transfer for this server, or NULL with the reason nothing can be sent:
 * decided before any connection is made. */
static Transfer *
transfer_new (CandorSmtp *self, GCancellable *cancellable, GError **error)
{
  g_autoptr (Transfer) transfer = g_new0 (Transfer, 1);
  g_autofree char *ascii_host = NULL;

  transfer->reply_lines = g_string_new (NULL);
  transfer->reply = g_string_new (NULL);

  if (self->host == NULL || *self->host == '\0')
    {
      g_set_error_literal (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED,
                           _("No mail server is set"));
      return NULL;
    }

  ascii_host = g_hostname_to_ascii (self->host);
  if (ascii_host == NULL || strpbrk (ascii_host, "/@?#[] ") != NULL)
    {
      g_set_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED,
                   _("“%s” is not a mail server name"), self->host);
      return NULL;
    }

  if (self->security == CANDOR_SMTP_SECURITY_NONE && !is_loopback (ascii_host))
    {
      g_set_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_INSECURE,
                   _("Mail to %s would travel unencrypted; choose STARTTLS or TLS"), self->host);
      return NULL;
    }

  if (self->username != NULL && self->password == NULL)
    {
      g_set_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED,
                   _("The password for %s on %s is missing"), self->username, self->host);
      return NULL;
    }

  /* An IPv6 literal goes in brackets in a URL. */
  transfer->url =
    g_strdup_printf (strchr (ascii_host, ':') != NULL ? "%s://[%s]:%u" : "%s://%s:%u",
                     self->security == CANDOR_SMTP_SECURITY_TLS ? "smtps" : "smtp", ascii_host,
                     self->port != 0 ? self->port : default_port (self->security));
  transfer->host = g_strdup (self->host);
  transfer->security = self->security;
  transfer->username = g_strdup (self->username);
  transfer->password = g_strdup (self->password);
  transfer->ca_file = g_strdup (self->ca_file);
  transfer->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;

  return g_steal_pointer (&transfer);
}

/* SMTP wants CRLF; the core writes messages with LF as files hold them. */
static GBytes *
to_crlf (GBytes *mime)
{
  gsize       size;
  const char *data = g_bytes_get_data (mime, &size);
  GString    *out = g_string_sized_new (size + size / 32 + 2);

  for (gsize i = 0; i < size; i++)
    {
      if (data[i] == '\n' && (i == 0 || data[i - 1] != '\r'))
        g_string_append_c (out, '\r');
      g_string_append_c (out, data[i]);
    }

  return g_string_free_to_bytes (out);
}

static size_t
on_read_cb (char *buffer, size_t size, size_t count, void *user_data)
{
  Transfer   *transfer = user_data;
  gsize       length;
  const char *data = g_bytes_get_data (transfer->payload, &length);
  gsize       chunk = MIN (size * count, length - transfer->offset);

  memcpy (buffer, data + transfer->offset, chunk);
  transfer->offset += chunk;
  if (transfer->offset == length)
    transfer->data_sent = TRUE;

  return chunk;
}

/* libcurl hands each reply line of the server to the header callback, and
 * never the client's commands: the server's own words for an error, without
 * the verbose trace that would show the AUTH exchange. */
static size_t
on_reply_line_cb (char *buffer, size_t size, size_t count, void *user_data)
{
  Transfer *transfer = user_data;
  gsize     length = size * count;
  gsize     end = length;

  while (end > 0 && (buffer[end - 1] == '\n' || buffer[end - 1] == '\r'))
    end--;

  if (end >= 3 && g_ascii_isdigit (buffer[0]) && g_ascii_isdigit (buffer[1]) &&
      g_ascii_isdigit (buffer[2]))
    {
      if (transfer->reply_lines->len > 0)
        g_string_append_c (transfer->reply_lines, ' ');
      if (end > 4)
        g_string_append_len (transfer->reply_lines, buffer + 4, end - 4);

      /* "250-" continues a reply, "250 " ends it. Only the first refusal
       * counts: libcurl says QUIT after it, and "221 Bye" explains nothing. */
      if (end == 3 || buffer[3] != '-')
        {
          guint code = g_ascii_digit_value (buffer[0]) * 100 +
                       g_ascii_digit_value (buffer[1]) * 10 + g_ascii_digit_value (buffer[2]);

          if (code >= 400 && transfer->reply_code == 0)
            {
              transfer->reply_code = code;
              g_string_printf (transfer->reply, "%u %s", code, transfer->reply_lines->str);
            }
          g_string_truncate (transfer->reply_lines, 0);
        }
    }

  return length;
}

static int
on_progress_cb (void      *user_data,
                curl_off_t download_total,
                curl_off_t download_now,
                curl_off_t upload_total,
                curl_off_t upload_now)
{
  Transfer *transfer = user_data;

  return g_cancellable_is_cancelled (transfer->cancellable) ? 1 : 0;
}

/* RFC 4954's refusals: authentication required, mechanism too weak,
 * credentials invalid, encryption required for the mechanism. */
static gboolean
is_auth_refusal (guint reply_code)
{
  return reply_code == 530 || reply_code == 534 || reply_code == 535 || reply_code == 538;
}

static gboolean
is_tls_failure (CURLcode code)
{
  switch (code)
    {
      case CURLE_SSL_CONNECT_ERROR:
      case CURLE_PEER_FAILED_VERIFICATION:
      case CURLE_SSL_CERTPROBLEM:
      case CURLE_SSL_CIPHER:
      case CURLE_SSL_CACERT_BADFILE:
      case CURLE_SSL_ISSUER_ERROR:
      case CURLE_SSL_CRL_BADFILE:
      case CURLE_SSL_INVALIDCERTSTATUS:
      case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
      case CURLE_SSL_SHUTDOWN_FAILED:
      case CURLE_SSL_ENGINE_NOTFOUND:
      case CURLE_SSL_ENGINE_SETFAILED:
      case CURLE_SSL_ENGINE_INITFAILED:
        return TRUE;
      default:
        return FALSE;
    }
}

/* What went wrong, in the terms the publisher acts on: fix the settings,
 * retry later, show the server's refusal, or ask the user to verify. */
static GError *
transfer_error (Transfer *transfer, CURLcode code, const char *detail)
{
  const char *reply = transfer->reply->str;

  if (code == CURLE_ABORTED_BY_CALLBACK && g_cancellable_is_cancelled (transfer->cancellable))
    {
      /* Sending it again could deliver it twice. */
      if (transfer->data_sent)
        return g_error_new (CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_UNKNOWN_OUTCOME,
                            _("Sending to %s was cancelled after the message went out; it may "
                              "have been delivered"),
                               transfer->host);
      return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Sending was cancelled"));
    }

  if (code == CURLE_LOGIN_DENIED || is_auth_refusal (transfer->reply_code))
    return g_error_new (CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REFUSED,
                        _("The mail server %s did not accept the user name or password: %s"),
                           transfer->host, *reply != '\0' ? reply : detail);

  if (code == CURLE_USE_SSL_FAILED)
    return g_error_new (CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_TLS,
                        _("The mail server %s does not offer STARTTLS, and mail is never sent "
                          "unencrypted"),
                           transfer->host);

  if (is_tls_failure (code))
    return g_error_new (CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_TLS,
                        _("The secure connection to the mail server %s failed: %s"),
                           transfer->host, detail);

  if (transfer->reply_code >= 500)
    return g_error_new (CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REJECTED,
                        _("The mail server %s refused the message: %s"), transfer->host, reply);

  if (transfer->reply_code >= 400)
    return g_error_new (CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_UNAVAILABLE,
                        _("The mail server %s cannot take the message now: %s"), transfer->host,
                           reply);

  if (transfer->data_sent)
    return g_error_new (CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_UNKNOWN_OUTCOME,
                        _("The connection to %s was lost after the message went out; it may "
                          "have been delivered"),
                           transfer->host);

  return g_error_new (CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_UNAVAILABLE,
                      _("The mail server %s could not be reached: %s"), transfer->host, detail);
}

/* Waits until the connection can be read or written, for at most @timeout_ms. */
static gboolean
wait_for_socket (CURL *curl, gushort events, int timeout_ms)
{
  curl_socket_t socket = CURL_SOCKET_BAD;
  GPollFD       poll_fd;

  if (curl_easy_getinfo (curl, CURLINFO_ACTIVESOCKET, &socket) != CURLE_OK ||
      socket == CURL_SOCKET_BAD)
    return FALSE;

  poll_fd.fd = socket;
  poll_fd.events = events;
  poll_fd.revents = 0;

  return g_poll (&poll_fd, 1, timeout_ms) > 0;
}

/* libcurl closes a CONNECT_ONLY connection without a word; a polite client
 * says QUIT and waits for the "221" before it hangs up. The test already
 * passed by then, so what happens here changes nothing. */
static void
say_quit (CURL *curl)
{
  static const char quit[] = "QUIT\r\n";
  gsize             sent = 0;
  char              buffer[512];

  while (sent < strlen (quit))
    {
      size_t   count = 0;
      CURLcode code = curl_easy_send (curl, quit + sent, strlen (quit) - sent, &count);

      if (code == CURLE_AGAIN && wait_for_socket (curl, G_IO_OUT, QUIT_TIMEOUT_MS))
        continue;
      if (code != CURLE_OK)
        return;
      sent += count;
    }

  for (;;)
    {
      size_t   count = 0;
      CURLcode code = curl_easy_recv (curl, buffer, sizeof buffer, &count);

      if (code == CURLE_AGAIN && wait_for_socket (curl, G_IO_IN, QUIT_TIMEOUT_MS))
        continue;
      if (code != CURLE_OK || count == 0 || memchr (buffer, '\n', count) != NULL)
        return;
    }
}

/* One SMTP conversation; sends the message when the transfer has one, and
 * only connects, secures and authenticates otherwise. Runs in a thread. */
static gboolean
transfer_run (Transfer *transfer, GError **error)
{
  g_autoptr (CURL) curl = NULL;
  struct curl_slist *recipients = NULL;
  char               detail[CURL_ERROR_SIZE] = "";
  CURLcode           code;

  if (g_cancellable_set_error_if_cancelled (transfer->cancellable, error))
    return FALSE;

  curl = curl_easy_init ();
  if (curl == NULL)
    {
      g_set_error_literal (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_UNAVAILABLE,
                           _("The mail library could not start"));
      return FALSE;
    }

  /* Never CURLOPT_VERBOSE: its trace holds the AUTH exchange. */
  curl_easy_setopt (curl, CURLOPT_URL, transfer->url);
  curl_easy_setopt (curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (curl, CURLOPT_ERRORBUFFER, detail);
  curl_easy_setopt (curl, CURLOPT_CONNECTTIMEOUT, (long)CONNECT_TIMEOUT_SECONDS);
  curl_easy_setopt (curl, CURLOPT_SERVER_RESPONSE_TIMEOUT, (long)REPLY_TIMEOUT_SECONDS);
  curl_easy_setopt (curl, CURLOPT_HEADERFUNCTION, on_reply_line_cb);
  curl_easy_setopt (curl, CURLOPT_HEADERDATA, transfer);
  curl_easy_setopt (curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt (curl, CURLOPT_XFERINFOFUNCTION, on_progress_cb);
  curl_easy_setopt (curl, CURLOPT_XFERINFODATA, transfer);
  if (transfer->security == CANDOR_SMTP_SECURITY_STARTTLS)
    curl_easy_setopt (curl, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
  if (transfer->ca_file != NULL)
    curl_easy_setopt (curl, CURLOPT_CAINFO, transfer->ca_file);
  if (transfer->username != NULL)
    {
      curl_easy_setopt (curl, CURLOPT_USERNAME, transfer->username);
      curl_easy_setopt (curl, CURLOPT_PASSWORD, transfer->password);
    }

  if (transfer->payload != NULL)
    {
      for (guint i = 0; transfer->recipients[i] != NULL; i++)
        recipients = curl_slist_append (recipients, transfer->recipients[i]);
      curl_easy_setopt (curl, CURLOPT_MAIL_FROM, transfer->envelope_from);
      curl_easy_setopt (curl, CURLOPT_MAIL_RCPT, recipients);
      curl_easy_setopt (curl, CURLOPT_UPLOAD, 1L);
      curl_easy_setopt (curl, CURLOPT_INFILESIZE_LARGE,
                        (curl_off_t)g_bytes_get_size (transfer->payload));
      curl_easy_setopt (curl, CURLOPT_READFUNCTION, on_read_cb);
      curl_easy_setopt (curl, CURLOPT_READDATA, transfer);
    }
  else
    {
      /* SMTP's connect phase is the greeting, EHLO, STARTTLS and AUTH, and
       * CONNECT_ONLY stops there; say_quit () ends it. No mail, no NOOP, no
       * VRFY: nothing a server could log as an attempt to send. */
      curl_easy_setopt (curl, CURLOPT_CONNECT_ONLY, 1L);
    }

  code = curl_easy_perform (curl);
  if (code == CURLE_OK && transfer->payload == NULL)
    say_quit (curl);
  g_clear_pointer (&curl, curl_easy_cleanup);
  curl_slist_free_all (recipients);

  if (code != CURLE_OK)
    {
      g_propagate_error (
        error,
        transfer_error (transfer, code, *detail != '\0' ? detail : curl_easy_strerror (code)));
      return FALSE;
    }

  return TRUE;
}

static void
transfer_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GError *error = NULL;

  if (transfer_run (task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
candor_smtp_finalize (GObject *object)
{
  CandorSmtp *self = CANDOR_SMTP (object);

  g_free (self->host);
  g_free (self->username);
  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_free (self->password);
  g_free (self->ca_file);

  G_OBJECT_CLASS (candor_smtp_parent_class)->finalize (object);
}

static void
candor_smtp_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CandorSmtp *self = CANDOR_SMTP (object);

  switch (prop_id)
    {
      case PROP_HOST:
        g_value_set_string (value, self->host);
        break;
      case PROP_PORT:
        g_value_set_uint (value, self->port);
        break;
      case PROP_SECURITY:
        g_value_set_enum (value, self->security);
        break;
      case PROP_USERNAME:
        g_value_set_string (value, self->username);
        break;
      case PROP_CA_FILE:
        g_value_set_string (value, self->ca_file);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_smtp_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CandorSmtp *self = CANDOR_SMTP (object);

  switch (prop_id)
    {
      case PROP_HOST:
        self->host = g_value_dup_string (value);
        break;
      case PROP_PORT:
        self->port = g_value_get_uint (value);
        break;
      case PROP_SECURITY:
        self->security = g_value_get_enum (value);
        break;
      case PROP_USERNAME:
        candor_smtp_set_username (self, g_value_get_string (value));
        break;
      case PROP_PASSWORD:
        candor_smtp_set_password (self, g_value_get_string (value));
        break;
      case PROP_CA_FILE:
        candor_smtp_set_ca_file (self, g_value_get_string (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_smtp_class_init (CandorSmtpClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  static GOnce  curl_once = G_ONCE_INIT;

  object_class->finalize = candor_smtp_finalize;
  object_class->get_property = candor_smtp_get_property;
  object_class->set_property = candor_smtp_set_property;

  properties[PROP_HOST] = g_param_spec_string (
    "host", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL, 0, G_MAXUINT16, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SECURITY] = g_param_spec_enum (
    "security", NULL, NULL, CANDOR_TYPE_SMTP_SECURITY, CANDOR_SMTP_SECURITY_STARTTLS,
    G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USERNAME] =
    g_param_spec_string ("username", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Write-only: nothing that lists properties can read the secret back. */
  properties[PROP_PASSWORD] =
    g_param_spec_string ("password", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CA_FILE] =
    g_param_spec_string ("ca-file", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_once (&curl_once, init_curl, NULL);
}

static void
candor_smtp_init (CandorSmtp *self)
{
}

CandorSmtp *
candor_smtp_new (const char *host, guint port, CandorSmtpSecurity security)
{
  g_return_val_if_fail (port <= G_MAXUINT16, NULL);

  return g_object_new (CANDOR_TYPE_SMTP, "host", host, "port", port, "security", security, NULL);
}

const char *
candor_smtp_get_host (CandorSmtp *self)
{
  g_return_val_if_fail (CANDOR_IS_SMTP (self), NULL);

  return self->host;
}

guint
candor_smtp_get_port (CandorSmtp *self)
{
  g_return_val_if_fail (CANDOR_IS_SMTP (self), 0);

  return self->port;
}

CandorSmtpSecurity
candor_smtp_get_security (CandorSmtp *self)
{
  g_return_val_if_fail (CANDOR_IS_SMTP (self), CANDOR_SMTP_SECURITY_STARTTLS);

  return self->security;
}

const char *
candor_smtp_get_username (CandorSmtp *self)
{
  g_return_val_if_fail (CANDOR_IS_SMTP (self), NULL);

  return self->username;
}

void
candor_smtp_set_username (CandorSmtp *self, const char *username)
{
  g_return_if_fail (CANDOR_IS_SMTP (self));

  if (g_strcmp0 (self->username, username) == 0)
    return;

  g_free (self->username);
  self->username = g_strdup (username);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USERNAME]);
}

void
candor_smtp_set_password (CandorSmtp *self, const char *password)
{
  g_return_if_fail (CANDOR_IS_SMTP (self));

  if (g_strcmp0 (self->password, password) == 0)
    return;

  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_free (self->password);
  self->password = g_strdup (password);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PASSWORD]);
}

const char *
candor_smtp_get_ca_file (CandorSmtp *self)
{
  g_return_val_if_fail (CANDOR_IS_SMTP (self), NULL);

  return self->ca_file;
}

void
candor_smtp_set_ca_file (CandorSmtp *self, const char *ca_file)
{
  g_return_if_fail (CANDOR_IS_SMTP (self));

  if (g_strcmp0 (self->ca_file, ca_file) == 0)
    return;

  g_free (self->ca_file);
  self->ca_file = g_strdup (ca_file);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CA_FILE]);
}

void
candor_smtp_send_async (CandorSmtp         *self,
                        const char         *envelope_from,
                        const char *const  *recipients,
                        GBytes             *mime,
                        GCancellable       *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (Transfer) transfer = NULL;
  GError *error = NULL;

  g_return_if_fail (CANDOR_IS_SMTP (self));
  g_return_if_fail (recipients != NULL);
  g_return_if_fail (mime != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, candor_smtp_send_async);

  if (!is_envelope_address (envelope_from))
    {
      g_task_return_new_error (task, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED,
                               _("The sender “%s” is not an email address"),
                                  envelope_from != NULL ? envelope_from : "");
      return;
    }
  if (recipients[0] == NULL)
    {
      g_task_return_new_error (task, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED,
                               _("The message has no recipients"));
      return;
    }
  for (guint i = 0; recipients[i] != NULL; i++)
    {
      if (!is_envelope_address (recipients[i]))
        {
          g_task_return_new_error (task, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED,
                                   _("The recipient “%s” is not an email address"), recipients[i]);
          return;
        }
    }

  transfer = transfer_new (self, cancellable, &error);
  if (transfer == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  transfer->envelope_from = g_strdup (envelope_from);
  transfer->recipients = g_strdupv ((char **)recipients);
  transfer->payload = to_crlf (mime);

  g_task_set_task_data (task, g_steal_pointer (&transfer), (GDestroyNotify)transfer_free);
  g_task_run_in_thread (task, transfer_thread);
}

gboolean
candor_smtp_send_finish (CandorSmtp *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (CANDOR_IS_SMTP (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == candor_smtp_send_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
candor_smtp_test_async (CandorSmtp         *self,
                        GCancellable       *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  Transfer *transfer;
  GError   *error = NULL;

  g_return_if_fail (CANDOR_IS_SMTP (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, candor_smtp_test_async);

  transfer = transfer_new (self, cancellable, &error);
  if (transfer == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_set_task_data (task, transfer, (GDestroyNotify)transfer_free);
  g_task_run_in_thread (task, transfer_thread);
}

gboolean
candor_smtp_test_finish (CandorSmtp *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (CANDOR_IS_SMTP (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == candor_smtp_test_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
