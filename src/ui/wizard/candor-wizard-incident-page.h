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
gboolean        candor_wizard_incident_page_undo_template (CandorWizardIncidentPage *self);
gboolean        candor_wizard_incident_page_get_can_undo_template (CandorWizardIncidentPage *self);
void            candor_wizard_incident_page_set_audiences (CandorWizardIncidentPage *self,
                                                           GPtrArray                *audiences);
void            candor_wizard_incident_page_reload_templates (CandorWizardIncidentPage *self);
/* Focuses the row of the title in @language; FALSE when it has none. */
gboolean candor_wizard_incident_page_focus_title (CandorWizardIncidentPage *self,
                                                  const char               *language);

G_END_DECLS
