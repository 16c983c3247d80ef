/* candor-fake-statuspage.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "candor-fake-server.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_FAKE_STATUSPAGE (candor_fake_statuspage_get_type ())

G_DECLARE_FINAL_TYPE (CandorFakeStatuspage,
                      candor_fake_statuspage,
                      CANDOR,
                      FAKE_STATUSPAGE,
                      CandorFakeServer)

CandorFakeStatuspage *candor_fake_statuspage_new (GTlsCertificate   *certificate,
                                                  const char        *api_key,
                                                  const char        *page_id,
                                                  const char *const *component_ids,
                                                  GError           **error);

/* Answers the next @count requests with 420 "Too Many Requests", the other
 * way Statuspage says a key posts too often. */
void candor_fake_statuspage_throttle_next (CandorFakeStatuspage *self, guint count);

guint candor_fake_statuspage_get_n_incidents (CandorFakeStatuspage *self);
/* Returns: (nullable) (transfer none): the incident @id as the API shows it */
JsonObject *candor_fake_statuspage_get_incident (CandorFakeStatuspage *self, const char *id);
/* Returns: (transfer none): "operational" until an incident changes it */
const char *candor_fake_statuspage_get_component_status (CandorFakeStatuspage *self,
                                                         const char           *component_id);

G_END_DECLS
