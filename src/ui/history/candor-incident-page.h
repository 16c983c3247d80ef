/* candor-incident-page.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "candor-draft.h"
#include "candor-incident.h"
#include "candor-store.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_INCIDENT_PAGE (candor_incident_page_get_type ())

G_DECLARE_FINAL_TYPE (CandorIncidentPage, candor_incident_page, CANDOR, INCIDENT_PAGE, AdwBin)

CandorIncident *candor_incident_page_get_incident (CandorIncidentPage *self);
void         candor_incident_page_set_incident (CandorIncidentPage *self, CandorIncident *incident);
CandorStore *candor_incident_page_get_store (CandorIncidentPage *self);
void         candor_incident_page_set_store (CandorIncidentPage *self, CandorStore *store);
void         candor_incident_page_reload (CandorIncidentPage *self);
void         candor_incident_page_set_channels (CandorIncidentPage *self, GListModel *channels);
/* The unsent drafts (CandorDraft); those of the shown incident are listed
 * with a way back into each ("draft-activated"). */
void  candor_incident_page_set_drafts (CandorIncidentPage *self, GPtrArray *drafts);
guint candor_incident_page_get_n_drafts (CandorIncidentPage *self);
/* "Step 3 · saved 30 Nov 2026, 10:05": where a draft stands, for a row. */
char *candor_incident_page_describe_draft (CandorDraft *draft);

G_END_DECLS
