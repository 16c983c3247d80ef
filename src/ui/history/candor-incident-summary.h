/* candor-incident-summary.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "candor-incident.h"

G_BEGIN_DECLS

char *candor_incident_summary_format (CandorIncident *incident);
void  candor_incident_summary_style_badge (GtkWidget *badge, CandorIncident *incident);

G_END_DECLS
