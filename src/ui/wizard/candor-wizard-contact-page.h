/* candor-wizard-contact-page.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "candor-session.h"
#include "candor-wizard-page.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_WIZARD_CONTACT_PAGE (candor_wizard_contact_page_get_type ())
G_DECLARE_FINAL_TYPE (CandorWizardContactPage,
                      candor_wizard_contact_page,
                      CANDOR,
                      WIZARD_CONTACT_PAGE,
                      CandorWizardPage)

void candor_wizard_contact_page_set_session (CandorWizardContactPage *self, CandorSession *session);

G_END_DECLS
