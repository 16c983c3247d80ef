/* candor-incident-row.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "candor-incident.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_INCIDENT_ROW (candor_incident_row_get_type ())

G_DECLARE_FINAL_TYPE (CandorIncidentRow, candor_incident_row, CANDOR, INCIDENT_ROW, GtkWidget)

CandorIncident *candor_incident_row_get_incident (CandorIncidentRow *self);
void candor_incident_row_set_incident (CandorIncidentRow *self, CandorIncident *incident);

G_END_DECLS
