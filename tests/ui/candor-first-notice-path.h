/* candor-first-notice-path.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "candor-window.h"
#include "candor-wizard.h"

G_BEGIN_DECLS

/* The most interactions the path from the main window to a checked first
 * notice, ready to publish, may take. */
#define CANDOR_FIRST_NOTICE_MAX_INTERACTIONS 10

/* Drives the real widgets from @window to the review of a first notice as a
 * user would: Start an Incident, type the title, Tab, type the service, pick
 * the severity (open the list, pick one), click the fast template, click
 * Review. Each click, Tab or Enter press and typed field counts once, into
 * @interactions. Returns the wizard, on its review, once the notice is
 * complete: every required part filled and no placeholder left. */
CandorWizard *candor_first_notice_path_run (CandorWindow *window, guint *interactions);

/* Whether the wizard's update has no placeholder, no error among its
 * findings and Publish enabled. */
gboolean candor_first_notice_is_ready (CandorWizard *wizard);

G_END_DECLS
