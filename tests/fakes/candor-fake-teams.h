/* candor-fake-teams.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "candor-fake-server.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_FAKE_TEAMS (candor_fake_teams_get_type ())

G_DECLARE_FINAL_TYPE (CandorFakeTeams, candor_fake_teams, CANDOR, FAKE_TEAMS, CandorFakeServer)

CandorFakeTeams *candor_fake_teams_new (GTlsCertificate *certificate,
                                        const char      *workflow_id,
                                        const char      *signature,
                                        GError         **error);
char            *candor_fake_teams_get_webhook_url (CandorFakeTeams *self);

G_END_DECLS
