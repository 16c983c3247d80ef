/* candor-static-site-client.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-static-site"

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "candor-channel-history.h"
#include "candor-publish-error.h"
#include "candor-static-site-client.h"
#include "candor-static-site.h"

struct _CandorStaticSiteClient
{
  CandorHttpChannelClient parent_instance;

  CandorStore *store;
  char        *folder;
  char        *language;
};

static void candor_static_site_client_initable_iface_init (GInitableIface *iface);
static void
candor_static_site_client_channel_client_iface_init (CandorChannelClientInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (
  CandorStaticSiteClient,
  candor_static_site_client,
  CANDOR_TYPE_HTTP_CHANNEL_CLIENT,
  G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, candor_static_site_client_initable_iface_init)
    G_IMPLEMENT_INTERFACE (CANDOR_TYPE_CHANNEL_CLIENT,
                           candor_static_site_client_channel_client_iface_init))

enum
{
  PROP_0,
  PROP_STORE,
};

/* Says where the site could not be written, in the words of the system. */
static GError *
folder_error (CandorStaticSiteClient *self, const GError *error)
{
  /* A busy or locked history clears by itself; the folder needs a person. */
  int code = error->domain == CANDOR_STORE_ERROR && error->code == CANDOR_STORE_ERROR_BUSY
               ? CANDOR_PUBLISH_ERROR_UNAVAILABLE
               : CANDOR_PUBLISH_ERROR_REJECTED;

  return g_error_new (CANDOR_PUBLISH_ERROR, code,
                      _("Could not write the status site in “%s”: %s"), self->folder,
                         error->message);
}

static void
test_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  CandorStaticSiteClient *self = source;
  g_autofree char        *probe = NULL;
  g_autoptr (GError) error = NULL;

  /* The folder exists, or can be made, and takes a file. */
  probe = g_build_filename (self->folder, ".candor-site-test", NULL);
  if (g_mkdir_with_parents (self->folder, 0755) != 0)
    {
      int saved = errno;

      error = g_error_new_literal (G_IO_ERROR, g_io_error_from_errno (saved), g_strerror (saved));
    }
  else if (g_file_set_contents (probe, "", 0, &error))
    g_unlink (probe);

  if (error != NULL)
    g_task_return_error (task, folder_error (self, error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
candor_static_site_client_test_async (CandorChannelClient *client,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr (GTask) task = g_task_new (client, cancellable, callback, user_data);

  g_task_set_source_tag (task, candor_static_site_client_test_async);
  g_task_run_in_thread (task, test_thread);
}

static gboolean
candor_static_site_client_test_finish (CandorChannelClient *client,
                                       GAsyncResult        *result,
                                       GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
publish_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  CandorStaticSiteClient *self = source;
  CandorChannel          *channel =
    candor_http_channel_client_get_channel (CANDOR_HTTP_CHANNEL_CLIENT (self));
  CandorSentRendition *rendition = task_data;
  g_autofree char     *incident_id = NULL;
  g_autofree char     *page = NULL;
  g_autofree char     *filename = NULL;
  g_autoptr (GError) error = NULL;
  CandorPublishReceipt *receipt;

  /* The outbox recorded the update before sending it, so the history has
   * it; a rendition it lacks (never stored) rebuilds the whole site. */
  if (rendition->id > 0)
    incident_id = candor_store_find_rendition_incident (self->store, rendition->id, NULL);

  if (!candor_static_site_write (self->store, candor_channel_get_id (channel), self->folder,
                                 candor_channel_get_name (channel), self->language, incident_id,
                                 NULL, &error))
    {
      g_task_return_error (task, folder_error (self, error));
      return;
    }

  receipt = g_new0 (CandorPublishReceipt, 1);
  if (incident_id != NULL)
    {
      page = candor_static_site_incident_path (incident_id);
      filename = g_build_filename (self->folder, page, NULL);
    }
  else
    filename = g_build_filename (self->folder, "index.html", NULL);
  receipt->remote_id = g_strdup (page != NULL ? page : "index.html");
  receipt->remote_url = g_filename_to_uri (filename, NULL, NULL);
  g_task_return_pointer (task, receipt, (GDestroyNotify)candor_publish_receipt_free);
}

static CandorSentRendition *
copy_rendition (const CandorSentRendition *rendition)
{
  CandorSentRendition *copy = g_new0 (CandorSentRendition, 1);

  copy->id = rendition->id;
  copy->audience = g_strdup (rendition->audience);
  copy->channel_id = g_strdup (rendition->channel_id);
  copy->dialect = rendition->dialect;
  copy->language = g_strdup (rendition->language);
  copy->subject = g_strdup (rendition->subject);
  copy->body = g_strdup (rendition->body);
  return copy;
}

static void
candor_static_site_client_publish_async (CandorChannelClient   *client,
                                         CandorSentRendition   *rendition,
                                         const char            *idempotency_key,
                                         const CandorThreadRef *thread,
                                         GCancellable          *cancellable,
                                         GAsyncReadyCallback    callback,
                                         gpointer               user_data)
{
  CandorStaticSiteClient *self = CANDOR_STATIC_SITE_CLIENT (client);
  g_autoptr (GTask) task = g_task_new (client, cancellable, callback, user_data);

  g_task_set_source_tag (task, candor_static_site_client_publish_async);
  /* Testing the folder needs no history; writing the site does. */
  if (self->store == NULL)
    {
      g_task_return_new_error (task, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED,
                               _("The status site is written from the history, which this "
                                 "publisher was not given."));
      return;
    }

  /* The thread reads its own copy: the caller's may go once this returns. */
  g_task_set_task_data (task, copy_rendition (rendition),
                        (GDestroyNotify)candor_sent_rendition_free);
  g_task_run_in_thread (task, publish_thread);
}

static CandorPublishReceipt *
candor_static_site_client_publish_finish (CandorChannelClient *client,
                                          GAsyncResult        *result,
                                          GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Writing the same history again writes the same files. */
static gboolean
candor_static_site_client_is_idempotent (CandorChannelClient *client)
{
  return TRUE;
}

static gboolean
candor_static_site_client_initable_init (GInitable    *initable,
                                         GCancellable *cancellable,
                                         GError      **error)
{
  CandorStaticSiteClient *self = CANDOR_STATIC_SITE_CLIENT (initable);
  CandorChannel          *channel =
    candor_http_channel_client_get_channel (CANDOR_HTTP_CHANNEL_CLIENT (self));
  const char *folder = candor_channel_get_setting (channel, "folder");

  if (folder == NULL || *folder == '\0')
    {
      g_set_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED,
                   _("The channel “%s” has no folder to write the status site to; choose one in "
                     "Preferences."),
                      candor_channel_get_name (channel));
      return FALSE;
    }

  if (!g_path_is_absolute (folder))
    {
      g_set_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED,
                   _("The status site’s folder “%s” is not a full path; choose the folder again "
                     "in Preferences."),
                      folder);
      return FALSE;
    }

  self->folder = g_strdup (folder);
  /* A channel with a language is a site in that language (one per language,
   * each in its own folder); without one, the desktop's. */
  self->language = g_strdup (candor_channel_get_language (channel) != NULL
                               ? candor_channel_get_language (channel)
                               : candor_static_site_default_language ());
  return TRUE;
}

static void
candor_static_site_client_initable_iface_init (GInitableIface *iface)
{
  iface->init = candor_static_site_client_initable_init;
}

static void
candor_static_site_client_channel_client_iface_init (CandorChannelClientInterface *iface)
{
  iface->test_async = candor_static_site_client_test_async;
  iface->test_finish = candor_static_site_client_test_finish;
  iface->publish_async = candor_static_site_client_publish_async;
  iface->publish_finish = candor_static_site_client_publish_finish;
  iface->is_idempotent = candor_static_site_client_is_idempotent;
}

static void
candor_static_site_client_finalize (GObject *object)
{
  CandorStaticSiteClient *self = CANDOR_STATIC_SITE_CLIENT (object);

  g_clear_object (&self->store);
  g_free (self->folder);
  g_free (self->language);

  G_OBJECT_CLASS (candor_static_site_client_parent_class)->finalize (object);
}

static void
candor_static_site_client_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  CandorStaticSiteClient *self = CANDOR_STATIC_SITE_CLIENT (object);

  switch (prop_id)
    {
      case PROP_STORE:
        g_value_set_object (value, self->store);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_static_site_client_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  CandorStaticSiteClient *self = CANDOR_STATIC_SITE_CLIENT (object);

  switch (prop_id)
    {
      case PROP_STORE:
        self->store = g_value_dup_object (value);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_static_site_client_class_init (CandorStaticSiteClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = candor_static_site_client_finalize;
  object_class->get_property = candor_static_site_client_get_property;
  object_class->set_property = candor_static_site_client_set_property;

  /* The history the site is written from. */
  g_object_class_install_property (
    object_class, PROP_STORE,
    g_param_spec_object ("store", NULL, NULL, CANDOR_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
}

static void
candor_static_site_client_init (CandorStaticSiteClient *self)
{
}
