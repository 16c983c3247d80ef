/* candor-wizard-summary-page.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "candor-wizard-page.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_WIZARD_SUMMARY_PAGE (candor_wizard_summary_page_get_type ())
G_DECLARE_FINAL_TYPE (CandorWizardSummaryPage,
                      candor_wizard_summary_page,
                      CANDOR,
                      WIZARD_SUMMARY_PAGE,
                      CandorWizardPage)

G_END_DECLS
