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
typedef struct
{
  GApplication *application;
  char         *incident_id;
  char         *incident_title;
  GDateTime    *due_at;
  guint         source_id;
} Reminder;

static void
reminder_free (gpointer data)
{
  Reminder *reminder = data;

  g_clear_handle_id (&reminder->source_id, g_source_remove);
  g_application_release (reminder->application);
  g_free (reminder->incident_id);
  g_free (reminder->incident_title);
  g_date_time_unref (reminder->due_at);
  g_free (reminder);
}

static GHashTable *
get_reminders (GApplication *application)
{
  GHashTable *reminders = g_object_get_data (G_OBJECT (application), "candor-reminders");

  if (reminders == NULL)
    {
      reminders = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, reminder_free);
      g_object_set_data_full (G_OBJECT (application), "candor-reminders", reminders,
                              (GDestroyNotify)g_hash_table_unref);
    }

  return reminders;
}

static gboolean
on_reminder_due_cb (gpointer data)
{
  Reminder *reminder = data;
  g_autoptr (GNotification) notification = NULL;
  g_autoptr (GDateTime) local = g_date_time_to_local (reminder->due_at);
  g_autofree char *time = g_date_time_format (local, "%H:%M");
  g_autofree char *title = NULL;
  g_autofree char *id = g_strdup_printf ("next-update-%s", reminder->incident_id);

  reminder->source_id = 0;

  /* TRANSLATORS: %s is a time such as 14:30 */
  title = g_strdup_printf (_("Next update due at %s"), time);
  notification = g_notification_new (title);
  g_notification_set_body (notification, reminder->incident_title);
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  g_application_send_notification (reminder->application, id, notification);

  g_hash_table_remove (get_reminders (reminder->application), reminder->incident_id);

  return G_SOURCE_REMOVE;
}

void
candor_reminder_schedule (GApplication *application,
                          const char   *incident_id,
                          const char   *incident_title,
                          GDateTime    *due_at)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  Reminder *reminder;
  GTimeSpan until;

  g_return_if_fail (G_IS_APPLICATION (application));
  g_return_if_fail (incident_id != NULL);
  g_return_if_fail (due_at != NULL);

  reminder = g_new0 (Reminder, 1);
  reminder->application = application;
  reminder->incident_id = g_strdup (incident_id);
  reminder->incident_title = g_strdup (incident_title != NULL ? incident_title : "");
  reminder->due_at = g_date_time_ref (due_at);
  g_application_hold (application);

  until = g_date_time_difference (due_at, now) - CANDOR_REMINDER_LEAD_MINUTES * G_TIME_SPAN_MINUTE;
  reminder->source_id =
    g_timeout_add_seconds (MAX (until, 0) / G_TIME_SPAN_SECOND, on_reminder_due_cb, reminder);

  /* A new time replaces the old reminder for the same incident. */
  g_hash_table_replace (get_reminders (application), reminder->incident_id, reminder);
}

void
candor_reminder_cancel (GApplication *application, const char *incident_id)
{
  g_return_if_fail (G_IS_APPLICATION (application));
  g_return_if_fail (incident_id != NULL);

  g_hash_table_remove (get_reminders (application), incident_id);
}

gboolean
candor_reminder_is_scheduled (GApplication *application, const char *incident_id)
{
  g_return_val_if_fail (G_IS_APPLICATION (application), FALSE);
  g_return_val_if_fail (incident_id != NULL, FALSE);

  return g_hash_table_contains (get_reminders (application), incident_id);
}
