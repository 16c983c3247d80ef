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

void     candor_reminder_schedule (GApplication *application,
                                   const char   *incident_id,
                                   const char   *incident_title,
                                   GDateTime    *due_at);
void     candor_reminder_cancel (GApplication *application, const char *incident_id);
gboolean candor_reminder_is_scheduled (GApplication *application, const char *incident_id);

G_END_DECLS
