/* candor-incident-list-model.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "candor-incident.h"
#include "candor-store.h"

G_BEGIN_DECLS

/* How many incidents one page fetch asks the store for. */
#define CANDOR_INCIDENT_LIST_PAGE_SIZE 50

#define CANDOR_TYPE_INCIDENT_LIST_MODEL (candor_incident_list_model_get_type ())

G_DECLARE_FINAL_TYPE (CandorIncidentListModel,
                      candor_incident_list_model,
                      CANDOR,
                      INCIDENT_LIST_MODEL,
                      GObject)

CandorIncidentListModel *candor_incident_list_model_new (void);
CandorStore             *candor_incident_list_model_get_store (CandorIncidentListModel *self);
void     candor_incident_list_model_set_store (CandorIncidentListModel *self, CandorStore *store);
gboolean candor_incident_list_model_get_loading (CandorIncidentListModel *self);
void     candor_incident_list_model_add (CandorIncidentListModel *self, CandorIncident *incident);
guint    candor_incident_list_model_find (CandorIncidentListModel *self, const char *incident_id);

void candor_incident_list_model_read_on (CandorIncidentListModel *self);
void candor_incident_list_model_reload (CandorIncidentListModel *self);

G_END_DECLS
