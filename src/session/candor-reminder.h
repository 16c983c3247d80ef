/* candor-reminder.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CANDOR_REMINDER_LEAD_MINUTES 5

#define CANDOR_TYPE_REMINDER (candor_reminder_get_type ())

G_DECLARE_FINAL_TYPE (CandorReminder, candor_reminder, CANDOR, REMINDER, GObject)

/* @application (may be NULL) is held while a reminder is pending and sends
 * the notification when one is due. */
CandorReminder *candor_reminder_new (GApplication *application);
void            candor_reminder_schedule (CandorReminder *self,
                                          const char     *incident_id,
                                          const char     *incident_title,
                                          GDateTime      *due_at);
void            candor_reminder_cancel (CandorReminder *self, const char *incident_id);
gboolean        candor_reminder_is_scheduled (CandorReminder *self, const char *incident_id);

G_END_DECLS
