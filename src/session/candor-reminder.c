/* candor-reminder.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-reminder"

#include "config.h"

#include <glib/gi18n.h>

#include "candor-reminder.h"

/* A promised next update must not be forgotten: a few minutes before it is
 * due the app sends a notification. The application is held while a
 * reminder is pending, so closing the last window does not cancel it. */
struct _CandorReminder
{
  GObject parent_instance;

  GApplication *application;
  /* incident id -> Reminder */
  GHashTable *pending;
};

G_DEFINE_FINAL_TYPE (CandorReminder, candor_reminder, G_TYPE_OBJECT)

enum
{
  DUE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  CandorReminder *self;
  char           *incident_id;
  char           *incident_title;
  GDateTime      *due_at;
  guint           source_id;
} Reminder;

static void
reminder_free (gpointer data)
{
  Reminder *reminder = data;

  g_clear_handle_id (&reminder->source_id, g_source_remove);
  if (reminder->self->application != NULL)
    g_application_release (reminder->self->application);
  g_free (reminder->incident_id);
  g_free (reminder->incident_title);
  g_date_time_unref (reminder->due_at);
  g_free (reminder);
}

static void
send_notification (CandorReminder *self, Reminder *reminder)
{
  g_autoptr (GNotification) notification = NULL;
  g_autoptr (GDateTime) local = g_date_time_to_local (reminder->due_at);
  g_autofree char *time = g_date_time_format (local, "%H:%M");
  g_autofree char *title = NULL;
  g_autofree char *id = g_strdup_printf ("next-update-%s", reminder->incident_id);

  /* TRANSLATORS: %s is a time such as 14:30 */
  title = g_strdup_printf (_("Next update due at %s"), time);
  notification = g_notification_new (title);
  g_notification_set_body (notification, reminder->incident_title);
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  g_application_send_notification (self->application, id, notification);
}

static gboolean
on_reminder_due_cb (gpointer data)
{
  Reminder *reminder = data;
  g_autoptr (CandorReminder) self = g_object_ref (reminder->self);

  reminder->source_id = 0;
  /* Out of the table first: a handler of ::due may schedule the incident anew. */
  g_hash_table_steal (self->pending, reminder->incident_id);

  if (self->application != NULL && g_application_get_is_registered (self->application))
    send_notification (self, reminder);
  g_signal_emit (self, signals[DUE], 0, reminder->incident_id, reminder->incident_title,
                 reminder->due_at);

  reminder_free (reminder);

  return G_SOURCE_REMOVE;
}

static void
candor_reminder_dispose (GObject *object)
{
  CandorReminder *self = CANDOR_REMINDER (object);

  /* Each pending reminder releases the application it holds. */
  g_hash_table_remove_all (self->pending);
  g_clear_weak_pointer (&self->application);

  G_OBJECT_CLASS (candor_reminder_parent_class)->dispose (object);
}

static void
candor_reminder_finalize (GObject *object)
{
  CandorReminder *self = CANDOR_REMINDER (object);

  g_hash_table_unref (self->pending);

  G_OBJECT_CLASS (candor_reminder_parent_class)->finalize (object);
}

static void
candor_reminder_class_init (CandorReminderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = candor_reminder_dispose;
  object_class->finalize = candor_reminder_finalize;

  /* A reminder came due (CANDOR_REMINDER_LEAD_MINUTES before @due_at), after
   * the notification, if there is an application, was sent. */
  signals[DUE] =
    g_signal_new ("due", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_DATE_TIME);
}

static void
candor_reminder_init (CandorReminder *self)
{
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, reminder_free);
}

CandorReminder *
candor_reminder_new (GApplication *application)
{
  CandorReminder *self;

  g_return_val_if_fail (application == NULL || G_IS_APPLICATION (application), NULL);

  self = g_object_new (CANDOR_TYPE_REMINDER, NULL);
  /* Not a reference: the application holds the session that holds this. */
  g_set_weak_pointer (&self->application, application);

  return self;
}

/* A new time replaces the old reminder for the same incident. */
void
candor_reminder_schedule (CandorReminder *self,
                          const char     *incident_id,
                          const char     *incident_title,
                          GDateTime      *due_at)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  Reminder *reminder;
  GTimeSpan until;

  g_return_if_fail (CANDOR_IS_REMINDER (self));
  g_return_if_fail (incident_id != NULL);
  g_return_if_fail (due_at != NULL);

  reminder = g_new0 (Reminder, 1);
  reminder->self = self;
  reminder->incident_id = g_strdup (incident_id);
  reminder->incident_title = g_strdup (incident_title != NULL ? incident_title : "");
  reminder->due_at = g_date_time_ref (due_at);
  if (self->application != NULL)
    g_application_hold (self->application);

  /* In whole seconds, rounded up: such timers wake the system less often. */
  until = g_date_time_difference (due_at, now) - CANDOR_REMINDER_LEAD_MINUTES * G_TIME_SPAN_MINUTE;
  reminder->source_id = g_timeout_add_seconds (
    (MAX (until, 0) + G_TIME_SPAN_SECOND - 1) / G_TIME_SPAN_SECOND, on_reminder_due_cb, reminder);

  g_hash_table_replace (self->pending, reminder->incident_id, reminder);
}

void
candor_reminder_cancel (CandorReminder *self, const char *incident_id)
{
  g_return_if_fail (CANDOR_IS_REMINDER (self));
  g_return_if_fail (incident_id != NULL);

  g_hash_table_remove (self->pending, incident_id);
}

gboolean
candor_reminder_is_scheduled (CandorReminder *self, const char *incident_id)
{
  g_return_val_if_fail (CANDOR_IS_REMINDER (self), FALSE);
  g_return_val_if_fail (incident_id != NULL, FALSE);

  return g_hash_table_contains (self->pending, incident_id);
}
