/* candor-cachet-client.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "candor-http-channel-client.h"

G_BEGIN_DECLS

/* Posts to a Cachet 2.x status page through its API v1 with the header
 * X-Cachet-Token (the secret). Settings: "base-url", the installation's
 * address, and optionally "component-id", the component incidents affect.
 *
 * An incident's first message creates an incident (POST /api/v1/incidents:
 * name, message, status 1–4, visible, notify, and component_id with the
 * component_status the severity stands for); follow-ups are updates of the
 * same incident (POST /api/v1/incidents/{id}/updates: status, message and
 * the component's status), the thread's root being the incident's id. A
 * resolution or post-incident report sets status 4 (Fixed) and the
 * component 1 (Operational). The receipt's id is the incident's, its link
 * the incident's page. Test connection pings the API (GET /api/v1/ping),
 * proves the token with a call that needs it (GET /api/v1/subscribers) and
 * reads the component when one is set. The API takes no idempotency key: a
 * publication whose outcome is unknown is one to verify. Made through
 * candor_channel_client_new(). */
#define CANDOR_TYPE_CACHET_CLIENT (candor_cachet_client_get_type ())

G_DECLARE_FINAL_TYPE (CandorCachetClient,
                      candor_cachet_client,
                      CANDOR,
                      CACHET_CLIENT,
                      CandorHttpChannelClient)

G_END_DECLS
