/* candor-outbox.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-publish"

#include "config.h"

#include "candor-outbox.h"

/* Keeps the outbox moving across network changes and restarts: on start it
 * resumes what the store holds pending; while the network is down it tells
 * the publisher to hold publications back, and when the network returns it
 * resumes them. The monitor is given so tests can switch it. */
struct _CandorOutbox
{
  GObject parent_instance;

  CandorPublisher *publisher;
  GNetworkMonitor *monitor;
  GCancellable    *cancellable;
  gulong           changed_id;
  gboolean         started;
  gboolean         resuming;
  gboolean         resume_again;
};

G_DEFINE_FINAL_TYPE (CandorOutbox, candor_outbox, G_TYPE_OBJECT)

static void resume (CandorOutbox *self);

static void
on_resumed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (CandorOutbox) self = user_data;
  g_autoptr (GError) error = NULL;

  self->resuming = FALSE;
  if (!candor_publisher_resume_finish (CANDOR_PUBLISHER (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_message ("Could not resume the outbox: %s", error->message);
    }

  /* The network came back while the outbox was being read. */
  if (self->resume_again)
    {
      self->resume_again = FALSE;
      resume (self);
    }
}

static void
resume (CandorOutbox *self)
{
  if (!candor_publisher_get_online (self->publisher))
    return;

  if (self->resuming)
    {
      self->resume_again = TRUE;
      return;
    }

  self->resuming = TRUE;
  candor_publisher_resume_async (self->publisher, self->cancellable, on_resumed_cb,
                                 g_object_ref (self));
}

static void
on_network_changed_cb (GNetworkMonitor *monitor, gboolean available, gpointer user_data)
{
  CandorOutbox *self = user_data;
  gboolean      was_online = candor_publisher_get_online (self->publisher);

  candor_publisher_set_online (self->publisher, available);
  if (available && !was_online)
    resume (self);
}

static void
candor_outbox_dispose (GObject *object)
{
  CandorOutbox *self = CANDOR_OUTBOX (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_signal_handler (&self->changed_id, self->monitor);
  g_clear_object (&self->monitor);
  g_clear_object (&self->publisher);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (candor_outbox_parent_class)->dispose (object);
}

static void
candor_outbox_class_init (CandorOutboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = candor_outbox_dispose;
}

static void
candor_outbox_init (CandorOutbox *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * candor_outbox_new:
 * @monitor: (nullable): the network monitor; %NULL for the system's
 *
 * Returns: (transfer full): an outbox for @publisher, idle until started.
 */
CandorOutbox *
candor_outbox_new (CandorPublisher *publisher, GNetworkMonitor *monitor)
{
  CandorOutbox *self;

  g_return_val_if_fail (CANDOR_IS_PUBLISHER (publisher), NULL);
  g_return_val_if_fail (monitor == NULL || G_IS_NETWORK_MONITOR (monitor), NULL);

  self = g_object_new (CANDOR_TYPE_OUTBOX, NULL);
  self->publisher = g_object_ref (publisher);
  self->monitor = g_object_ref (monitor != NULL ? monitor : g_network_monitor_get_default ());
  return self;
}

/* Follows the network from now on and resumes what the store holds pending. */
void
candor_outbox_start (CandorOutbox *self)
{
  g_return_if_fail (CANDOR_IS_OUTBOX (self));

  if (self->started)
    return;

  self->started = TRUE;
  self->changed_id =
    g_signal_connect (self->monitor, "network-changed", G_CALLBACK (on_network_changed_cb), self);
  candor_publisher_set_online (self->publisher,
                               g_network_monitor_get_network_available (self->monitor));
  resume (self);
}

CandorPublisher *
candor_outbox_get_publisher (CandorOutbox *self)
{
  g_return_val_if_fail (CANDOR_IS_OUTBOX (self), NULL);

  return self->publisher;
}
