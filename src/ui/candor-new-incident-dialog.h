/* candor-new-incident-dialog.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CANDOR_TYPE_NEW_INCIDENT_DIALOG (candor_new_incident_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CandorNewIncidentDialog,
                      candor_new_incident_dialog,
                      CANDOR,
                      NEW_INCIDENT_DIALOG,
                      AdwWindow)

CandorNewIncidentDialog *candor_new_incident_dialog_new (GtkWindow *transient_for);

G_END_DECLS
