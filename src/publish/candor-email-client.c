/* candor-email-client.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-email-client"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gmime/gmime.h>
#include <string.h>

#include "candor-email-client.h"
#include "candor-publish-error.h"
#include "candor-smtp.h"

struct _CandorEmailClient
{
  GObject parent_instance;

  CandorChannel *channel;
  CandorHttp    *http;
  char          *secret; /* only until init hands it to the CandorSmtp */
  CandorSmtp    *smtp;
  GStrv          bcc;
};

static void candor_email_client_channel_client_init (CandorChannelClientInterface *iface);
static void candor_email_client_initable_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CandorEmailClient,
                               candor_email_client,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CANDOR_TYPE_CHANNEL_CLIENT,
                                                      candor_email_client_channel_client_init)
                                 G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                        candor_email_client_initable_init))

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeMessage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeStream, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeParser, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (InternetAddressList, g_object_unref)

enum
{
  PROP_0,
  PROP_CHANNEL,
  PROP_SECRET,
  PROP_HTTP,
  N_PROPS
};

static void
wipe_secret (CandorEmailClient *self)
{
  if (self->secret != NULL)
    memset (self->secret, 0, strlen (self->secret));
  g_clear_pointer (&self->secret, g_free);
}

/* Whether @address is a bare address with a local part and a domain, as
 * the envelope needs it. */
static gboolean
is_bare_address (const char *address)
{
  const char *at = address != NULL ? strrchr (address, '@') : NULL;

  return at != NULL && at != address && at[1] != '\0';
}

/* Appends @bare to @addresses unless it is there already: a customer
 * listed in To and in Bcc gets the message once. */
static void
add_bare_address (GPtrArray *addresses, const char *bare)
{
  for (guint i = 0; i < addresses->len; i++)
    {
      if (g_ascii_strcasecmp (g_ptr_array_index (addresses, i), bare) == 0)
        return;
    }

  g_ptr_array_add (addresses, g_strdup (bare));
}

/* Appends the bare addresses of @list to @addresses, a group's members as
 * its own. */
static void
add_addresses (GPtrArray *addresses, InternetAddressList *list)
{
  for (int i = 0; list != NULL && i < internet_address_list_length (list); i++)
    {
      InternetAddress *address = internet_address_list_get_address (list, i);

      if (INTERNET_ADDRESS_IS_GROUP (address))
        add_addresses (addresses,
                       internet_address_group_get_members (INTERNET_ADDRESS_GROUP (address)));
      else
        /* The domain in ASCII: SMTP without SMTPUTF8 takes nothing else. */
        add_bare_address (
          addresses, internet_address_mailbox_get_idn_addr (INTERNET_ADDRESS_MAILBOX (address)));
    }
}

/* The Bcc setting as bare addresses, or FALSE when one of them is not an
 * address: caught in Preferences rather than by a bounce. */
static gboolean
parse_bcc (CandorEmailClient *self, GError **error)
{
  const char *value = candor_channel_get_setting (self->channel, "bcc");
  g_autoptr (InternetAddressList) list = NULL;
  g_autoptr (GPtrArray) addresses = g_ptr_array_new_with_free_func (g_free);

  if (value != NULL && *value != '\0')
    {
      list = internet_address_list_parse (NULL, value);
      add_addresses (addresses, list);

      for (guint i = 0; i < addresses->len; i++)
        {
          if (!is_bare_address (g_ptr_array_index (addresses, i)))
            {
              g_set_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED,
                           _("The Bcc recipient “%s” of the channel “%s” is not an email "
                             "address"),
                              (const char *)g_ptr_array_index (addresses, i),
                              candor_channel_get_name (self->channel));
              return FALSE;
            }
        }
      if (addresses->len == 0)
        {
          g_set_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED,
                       _("The Bcc recipients “%s” of the channel “%s” are not email addresses"),
                          value, candor_channel_get_name (self->channel));
          return FALSE;
        }
    }

  g_ptr_array_add (addresses, NULL);
  self->bcc = (GStrv)g_ptr_array_free (g_steal_pointer (&addresses), FALSE);
  return TRUE;
}

/* The CA file the HTTP client trusts, so that mail and web requests trust
 * the same authorities; NULL for the system's. */
static char *
dup_ca_file (CandorHttp *http)
{
  GTlsDatabase *database = candor_http_get_tls_database (http);
  char         *anchors = NULL;

  if (database != NULL && G_IS_TLS_FILE_DATABASE (database))
    g_object_get (database, "anchors", &anchors, NULL);

  return anchors;
}

static gboolean
candor_email_client_initable_init_impl (GInitable    *initable,
                                        GCancellable *cancellable,
                                        GError      **error)
{
  CandorEmailClient *self = CANDOR_EMAIL_CLIENT (initable);
  const char        *name = candor_channel_get_name (self->channel);
  const char        *host = candor_channel_get_setting (self->channel, "host");
  const char        *port_text = candor_channel_get_setting (self->channel, "port");
  const char        *security_text = candor_channel_get_setting (self->channel, "security");
  const char        *username = candor_channel_get_setting (self->channel, "username");
  g_autofree char   *ca_file = NULL;
  CandorSmtpSecurity security = CANDOR_SMTP_SECURITY_STARTTLS;
  guint64            port = 0;

  if (host == NULL || *host == '\0')
    {
      g_set_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED,
                   _("The channel “%s” has no mail server; set its host in Preferences"), name);
      return FALSE;
    }

  if (port_text != NULL && !g_ascii_string_to_unsigned (port_text, 10, 1, G_MAXUINT16, &port, NULL))
    {
      g_set_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED,
                   _("The port “%s” of the channel “%s” is not a number from 1 to 65535"),
                      port_text, name);
      return FALSE;
    }

  if (security_text != NULL)
    {
      g_autoptr (GEnumClass) security_class = g_type_class_ref (CANDOR_TYPE_SMTP_SECURITY);
      GEnumValue *value = g_enum_get_value_by_nick (security_class, security_text);

      if (value == NULL)
        {
          g_set_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED,
                       _("The security “%s” of the channel “%s” is not starttls, tls or none"),
                          security_text, name);
          return FALSE;
        }
      security = value->value;
    }

  if (username != NULL && *username != '\0' && (self->secret == NULL || *self->secret == '\0'))
    {
      g_set_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED,
                   _("The password for %s on the channel “%s” is missing; enter it in "
                     "Preferences"),
                      username, name);
      return FALSE;
    }

  if (!parse_bcc (self, error))
    return FALSE;

  self->smtp = candor_smtp_new (host, (guint)port, security);
  if (username != NULL && *username != '\0')
    {
      candor_smtp_set_username (self->smtp, username);
      candor_smtp_set_password (self->smtp, self->secret);
    }
  wipe_secret (self);

  ca_file = dup_ca_file (self->http);
  candor_smtp_set_ca_file (self->smtp, ca_file);

  return TRUE;
}

static void
candor_email_client_initable_init (GInitableIface *iface)
{
  iface->init = candor_email_client_initable_init_impl;
}

static void
on_test_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  if (candor_smtp_test_finish (CANDOR_SMTP (source), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
candor_email_client_test_async (CandorChannelClient *client,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  CandorEmailClient *self = CANDOR_EMAIL_CLIENT (client);
  GTask             *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, candor_email_client_test_async);
  candor_smtp_test_async (self->smtp, cancellable, on_test_cb, task);
}

static gboolean
candor_email_client_test_finish (CandorChannelClient *client, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == candor_email_client_test_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Reads the message's From, To, Cc and Message-ID back from the bytes that
 * go out, so the envelope can never disagree with the headers. */
static GMimeMessage *
parse_message (GBytes *mime)
{
  gsize       size;
  const char *data = g_bytes_get_data (mime, &size);
  g_autoptr (GMimeStream) stream = g_mime_stream_mem_new_with_buffer (data, size);
  g_autoptr (GMimeParser) parser = g_mime_parser_new_with_stream (stream);

  return g_mime_parser_construct_message (parser, NULL);
}

static void
on_sent_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  CandorPublishReceipt *receipt;
  GError               *error = NULL;

  if (!candor_smtp_send_finish (CANDOR_SMTP (source), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* Mail has no link to open; the Message-ID is what follow-ups reply to. */
  receipt = g_new0 (CandorPublishReceipt, 1);
  receipt->remote_id = g_strdup (g_task_get_task_data (task));
  g_task_return_pointer (task, receipt, (GDestroyNotify)candor_publish_receipt_free);
}

/* @idempotency_key is unused: SMTP has none, which is why is_idempotent()
 * says FALSE. @thread is unused too: core wrote the thread into the
 * message's In-Reply-To and References, and the bytes go out as they are. */
static void
candor_email_client_publish_async (CandorChannelClient   *client,
                                   CandorSentRendition   *rendition,
                                   const char            *idempotency_key,
                                   const CandorThreadRef *thread,
                                   GCancellable          *cancellable,
                                   GAsyncReadyCallback    callback,
                                   gpointer               user_data)
{
  CandorEmailClient *self = CANDOR_EMAIL_CLIENT (client);
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr (GMimeMessage) message = NULL;
  g_autoptr (GPtrArray) from = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) recipients = g_ptr_array_new_with_free_func (g_free);
  const char *message_id = NULL;

  g_task_set_source_tag (task, candor_email_client_publish_async);

  if (rendition->mime != NULL)
    message = parse_message (rendition->mime);
  if (message != NULL)
    {
      add_addresses (from, g_mime_message_get_from (message));
      message_id = g_mime_message_get_message_id (message);
    }
  if (from->len != 1 || message_id == NULL)
    {
      g_task_return_new_error (task, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REJECTED,
                               _("The message for the channel “%s” is not a complete email "
                                 "with one sender and a Message-ID; compose it again"),
                                  candor_channel_get_name (self->channel));
      return;
    }

  add_addresses (recipients, g_mime_message_get_addresses (message, GMIME_ADDRESS_TYPE_TO));
  add_addresses (recipients, g_mime_message_get_addresses (message, GMIME_ADDRESS_TYPE_CC));
  for (guint i = 0; self->bcc[i] != NULL; i++)
    add_bare_address (recipients, self->bcc[i]);
  g_ptr_array_add (recipients, NULL);

  g_task_set_task_data (task, g_strdup (message_id), g_free);
  candor_smtp_send_async (self->smtp, g_ptr_array_index (from, 0),
                          (const char *const *)recipients->pdata, rendition->mime, cancellable,
                          on_sent_cb, g_steal_pointer (&task));
}

static CandorPublishReceipt *
candor_email_client_publish_finish (CandorChannelClient *client,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  g_return_val_if_fail (
    g_task_get_source_tag (G_TASK (result)) == candor_email_client_publish_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* A lost connection after DATA leaves the outcome unknown, and sending again
 * could deliver twice: the user verifies instead. */
static gboolean
candor_email_client_is_idempotent (CandorChannelClient *client)
{
  return FALSE;
}

static void
candor_email_client_channel_client_init (CandorChannelClientInterface *iface)
{
  iface->test_async = candor_email_client_test_async;
  iface->test_finish = candor_email_client_test_finish;
  iface->publish_async = candor_email_client_publish_async;
  iface->publish_finish = candor_email_client_publish_finish;
  iface->is_idempotent = candor_email_client_is_idempotent;
}

static void
candor_email_client_finalize (GObject *object)
{
  CandorEmailClient *self = CANDOR_EMAIL_CLIENT (object);

  wipe_secret (self);
  g_clear_object (&self->channel);
  g_clear_object (&self->http);
  g_clear_object (&self->smtp);
  g_strfreev (self->bcc);

  G_OBJECT_CLASS (candor_email_client_parent_class)->finalize (object);
}

static void
candor_email_client_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CandorEmailClient *self = CANDOR_EMAIL_CLIENT (object);

  switch (prop_id)
    {
      case PROP_CHANNEL:
        g_value_set_object (value, self->channel);
        break;
      case PROP_HTTP:
        g_value_set_object (value, self->http);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_email_client_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CandorEmailClient *self = CANDOR_EMAIL_CLIENT (object);

  switch (prop_id)
    {
      case PROP_CHANNEL:
        self->channel = g_value_dup_object (value);
        break;
      case PROP_SECRET:
        wipe_secret (self);
        self->secret = g_value_dup_string (value);
        break;
      case PROP_HTTP:
        self->http = g_value_dup_object (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_email_client_class_init (CandorEmailClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = candor_email_client_finalize;
  object_class->get_property = candor_email_client_get_property;
  object_class->set_property = candor_email_client_set_property;

  g_object_class_override_property (object_class, PROP_CHANNEL, "channel");
  g_object_class_override_property (object_class, PROP_SECRET, "secret");
  g_object_class_override_property (object_class, PROP_HTTP, "http");

  /* Counted: core's email writer may have initialised it already. */
  g_mime_init ();
}

static void
candor_email_client_init (CandorEmailClient *self)
{
}
