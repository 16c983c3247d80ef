/* candor-fake-cachet.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "candor-fake-server.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_FAKE_CACHET (candor_fake_cachet_get_type ())

G_DECLARE_FINAL_TYPE (CandorFakeCachet, candor_fake_cachet, CANDOR, FAKE_CACHET, CandorFakeServer)

/* @component_ids: the installation's components (numbers), all
 * operational (1) at first. */
CandorFakeCachet *candor_fake_cachet_new (GTlsCertificate *certificate,
                                          const char      *api_token,
                                          const guint     *component_ids,
                                          guint            n_components,
                                          GError         **error);

guint candor_fake_cachet_get_n_incidents (CandorFakeCachet *self);
/* The incident's status (1–4), or -1 when there is no such incident. */
gint64 candor_fake_cachet_get_incident_status (CandorFakeCachet *self, gint64 incident_id);
/* The number of updates the incident has had. */
guint candor_fake_cachet_get_n_updates (CandorFakeCachet *self, gint64 incident_id);
/* The component's status (1–4), or -1 when there is no such component. */
gint64 candor_fake_cachet_get_component_status (CandorFakeCachet *self, guint component_id);

G_END_DECLS
