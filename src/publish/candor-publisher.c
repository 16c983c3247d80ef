/* candor-publisher.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-publish"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "candor-publisher.h"

/* Sends an update's renditions to their channels, all at once, through the
 * outbox in the store: every publication is recorded before its request
 * goes out and after its answer came, so a crash never loses or doubles a
 * post. */
struct _CandorPublisher
{
  GObject parent_instance;

  CandorStore        *store;
  CandorHttp         *http;
  CandorChannelLookup lookup;
  gpointer            lookup_data;
  GDestroyNotify      lookup_data_destroy;
  GHashTable         *secrets; /* channel id -> secret; NULL: the keyring */

  gboolean online;
  guint    n_waiting;
};

G_DEFINE_FINAL_TYPE (CandorPublisher, candor_publisher, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ONLINE,
  PROP_N_WAITING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  PUBLICATION_CHANGED,
  UPDATE_RECORDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
candor_publisher_dispose (GObject *object)
{
  CandorPublisher *self = CANDOR_PUBLISHER (object);

  g_clear_object (&self->store);
  g_clear_object (&self->http);
  g_clear_pointer (&self->secrets, g_hash_table_unref);
  if (self->lookup_data_destroy != NULL)
    g_clear_pointer (&self->lookup_data, self->lookup_data_destroy);

  G_OBJECT_CLASS (candor_publisher_parent_class)->dispose (object);
}

static void
candor_publisher_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CandorPublisher *self = CANDOR_PUBLISHER (object);

  switch (prop_id)
    {
      case PROP_ONLINE:
        g_value_set_boolean (value, self->online);
        break;

      case PROP_N_WAITING:
        g_value_set_uint (value, self->n_waiting);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_publisher_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CandorPublisher *self = CANDOR_PUBLISHER (object);

  switch (prop_id)
    {
      case PROP_ONLINE:
        candor_publisher_set_online (self, g_value_get_boolean (value));
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_publisher_class_init (CandorPublisherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = candor_publisher_dispose;
  object_class->get_property = candor_publisher_get_property;
  object_class->set_property = candor_publisher_set_property;

  /* Whether requests may go out; while FALSE publications wait. */
  properties[PROP_ONLINE] =
    g_param_spec_boolean ("online", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Publications in the outbox that wait for the network or a retry. */
  properties[PROP_N_WAITING] =
    g_param_spec_uint ("n-waiting", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CandorPublisher::publication-changed:
   * @publication: (type CandorPublication): a copy of the publication as
   *   the outbox now holds it
   *
   * Emitted on every state change of a publication, first when it is queued.
   */
  signals[PUBLICATION_CHANGED] =
    g_signal_new ("publication-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, CANDOR_TYPE_PUBLICATION | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * CandorPublisher::update-recorded:
   * @incident: the incident the update belongs to
   * @update: the update, now in the history with its publications queued
   *
   * Emitted once an update published or marked as sent is in the history,
   * before its publications are sent: the incident list and the next-update
   * reminder follow it.
   */
  signals[UPDATE_RECORDED] =
    g_signal_new ("update-recorded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, CANDOR_TYPE_INCIDENT, CANDOR_TYPE_UPDATE);
}

static void
candor_publisher_init (CandorPublisher *self)
{
  self->online = TRUE;
}

/**
 * candor_publisher_new:
 * @lookup: finds a configured channel by its id when a publication is sent
 * @lookup_data_destroy: (nullable): frees @lookup_data with the publisher
 *
 * Returns: (transfer full): a publisher recording in @store and sending
 *   through @http.
 */
CandorPublisher *
candor_publisher_new (CandorStore        *store,
                      CandorHttp         *http,
                      CandorChannelLookup lookup,
                      gpointer            lookup_data,
                      GDestroyNotify      lookup_data_destroy)
{
  CandorPublisher *self;

  g_return_val_if_fail (CANDOR_IS_STORE (store), NULL);
  g_return_val_if_fail (CANDOR_IS_HTTP (http), NULL);
  g_return_val_if_fail (lookup != NULL, NULL);

  self = g_object_new (CANDOR_TYPE_PUBLISHER, NULL);
  self->store = g_object_ref (store);
  self->http = g_object_ref (http);
  self->lookup = lookup;
  self->lookup_data = lookup_data;
  self->lookup_data_destroy = lookup_data_destroy;
  return self;
}

/**
 * candor_publisher_set_secrets:
 * @secrets: (nullable) (element-type utf8 utf8): channel id to secret, for
 *   tests and one-shot runs; %NULL reads each channel's secret from the keyring
 */
void
candor_publisher_set_secrets (CandorPublisher *self, GHashTable *secrets)
{
  g_return_if_fail (CANDOR_IS_PUBLISHER (self));

  g_clear_pointer (&self->secrets, g_hash_table_unref);
  self->secrets = secrets != NULL ? g_hash_table_ref (secrets) : NULL;
}

gboolean
candor_publisher_get_online (CandorPublisher *self)
{
  g_return_val_if_fail (CANDOR_IS_PUBLISHER (self), FALSE);

  return self->online;
}

/* Offline, nothing goes out and publications wait; the outbox sets this
 * from the network monitor and resumes when it comes back. */
void
candor_publisher_set_online (CandorPublisher *self, gboolean online)
{
  g_return_if_fail (CANDOR_IS_PUBLISHER (self));

  online = !!online;
  if (self->online == online)
    return;

  self->online = online;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLINE]);
}

guint
candor_publisher_get_n_waiting (CandorPublisher *self)
{
  g_return_val_if_fail (CANDOR_IS_PUBLISHER (self), 0);

  return self->n_waiting;
}

static void
return_not_supported (CandorPublisher    *self,
                      gpointer            source_tag,
                      GCancellable       *cancellable,
                      GAsyncReadyCallback callback,
                      gpointer            user_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s",
                           _("Publishing is not available yet"));
}

/**
 * candor_publisher_publish_async:
 * @renditions: (element-type CandorRendition): a composition's renditions,
 *   each knowing its audience and channel id
 *
 * Records @update with its renditions and one waiting publication per
 * rendition in one transaction, then sends them all at once.
 */
void
candor_publisher_publish_async (CandorPublisher    *self,
                                CandorIncident     *incident,
                                CandorUpdate       *update,
                                GPtrArray          *renditions,
                                GCancellable       *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer            user_data)
{
  g_return_if_fail (CANDOR_IS_PUBLISHER (self));
  g_return_if_fail (CANDOR_IS_INCIDENT (incident));
  g_return_if_fail (CANDOR_IS_UPDATE (update));
  g_return_if_fail (renditions != NULL);

  return_not_supported (self, candor_publisher_publish_async, cancellable, callback, user_data);
}

/**
 * candor_publisher_publish_finish:
 *
 * Returns: (transfer full): the recorded update with every publication's
 *   final state; %NULL with an error only when nothing could be recorded.
 */
CandorSentUpdate *
candor_publisher_publish_finish (CandorPublisher *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * candor_publisher_mark_sent_async:
 * @renditions: (element-type CandorRendition): what was sent by hand
 * @sent_at: when the person sent it
 *
 * Records @update as sent by hand at @sent_at, each rendition's
 * publication SENT without a request.
 */
void
candor_publisher_mark_sent_async (CandorPublisher    *self,
                                  CandorIncident     *incident,
                                  CandorUpdate       *update,
                                  GPtrArray          *renditions,
                                  GDateTime          *sent_at,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  g_return_if_fail (CANDOR_IS_PUBLISHER (self));
  g_return_if_fail (CANDOR_IS_INCIDENT (incident));
  g_return_if_fail (CANDOR_IS_UPDATE (update));
  g_return_if_fail (sent_at != NULL);

  return_not_supported (self, candor_publisher_mark_sent_async, cancellable, callback, user_data);
}

CandorSentUpdate *
candor_publisher_mark_sent_finish (CandorPublisher *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * candor_publisher_resume_async:
 *
 * Sends what the outbox holds pending: waiting publications, and those a
 * crash left in flight (resent when their channel's API is idempotent,
 * otherwise marked VERIFY).
 */
void
candor_publisher_resume_async (CandorPublisher    *self,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  g_return_if_fail (CANDOR_IS_PUBLISHER (self));

  return_not_supported (self, candor_publisher_resume_async, cancellable, callback, user_data);
}

gboolean
candor_publisher_resume_finish (CandorPublisher *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
