/* candor-wizard-next-update-page.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "candor-wizard-page.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_WIZARD_NEXT_UPDATE_PAGE (candor_wizard_next_update_page_get_type ())
G_DECLARE_FINAL_TYPE (CandorWizardNextUpdatePage,
                      candor_wizard_next_update_page,
                      CANDOR,
                      WIZARD_NEXT_UPDATE_PAGE,
                      CandorWizardPage)

void candor_wizard_next_update_page_set_audiences (CandorWizardNextUpdatePage *self,
                                                   GPtrArray                  *audiences);

G_END_DECLS
