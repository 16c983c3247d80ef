/* candor-statuspage-client.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "candor-http-channel-client.h"

G_BEGIN_DECLS

/* Posts to an Atlassian Statuspage page through its REST API v1 with
 * "Authorization: OAuth <API key>", the secret. Settings: "page-id", and
 * optionally "component-ids" (a comma-separated list of the components an
 * incident affects) and "api-url" (https://api.statuspage.io by default).
 *
 * An incident's first message creates an incident (POST
 * /v1/pages/{page_id}/incidents) named after the Candor incident, with the
 * entry's status, its body, the severity as impact_override, the components
 * set to the outage the severity stands for and deliver_notifications.
 * Follow-ups add an update to the same incident (PATCH
 * /v1/pages/{page_id}/incidents/{incident_id}, the thread's root); a
 * resolution or post-incident report sets it "resolved" and the components
 * "operational". The receipt's id is the incident's, its link the
 * incident's shortlink. Test connection reads the page (GET
 * /v1/pages/{page_id}). The API takes no idempotency key: a publication
 * whose outcome is unknown is one to verify. Made through
 * candor_channel_client_new(). */
#define CANDOR_TYPE_STATUSPAGE_CLIENT (candor_statuspage_client_get_type ())

G_DECLARE_FINAL_TYPE (CandorStatuspageClient,
                      candor_statuspage_client,
                      CANDOR,
                      STATUSPAGE_CLIENT,
                      CandorHttpChannelClient)

G_END_DECLS
