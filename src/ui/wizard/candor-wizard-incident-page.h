/* candor-wizard-incident-page.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "candor-template.h"
#include "candor-wizard-page.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_WIZARD_INCIDENT_PAGE (candor_wizard_incident_page_get_type ())
G_DECLARE_FINAL_TYPE (CandorWizardIncidentPage,
                      candor_wizard_incident_page,
                      CANDOR,
                      WIZARD_INCIDENT_PAGE,
                      CandorWizardPage)

CandorTemplate *candor_wizard_incident_page_get_template (CandorWizardIncidentPage *self);
GStrv           candor_wizard_incident_page_dup_variable_names (CandorWizardIncidentPage *self);
/* Reads the user's templates again, after an import made elsewhere. */
void candor_wizard_incident_page_reload_templates (CandorWizardIncidentPage *self);

G_END_DECLS
