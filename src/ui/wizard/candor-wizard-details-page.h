/* candor-wizard-details-page.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "candor-wizard-page.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_WIZARD_DETAILS_PAGE (candor_wizard_details_page_get_type ())
G_DECLARE_FINAL_TYPE (CandorWizardDetailsPage,
                      candor_wizard_details_page,
                      CANDOR,
                      WIZARD_DETAILS_PAGE,
                      CandorWizardPage)

/* The audiences whose time zones "Insert Timeline" writes each time in. */
void candor_wizard_details_page_set_audiences (CandorWizardDetailsPage *self, GPtrArray *audiences);

G_END_DECLS
