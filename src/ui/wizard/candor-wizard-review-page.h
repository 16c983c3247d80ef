/* candor-wizard-review-page.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "candor-composition.h"
#include "candor-session.h"
#include "candor-wizard-page.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_WIZARD_REVIEW_PAGE (candor_wizard_review_page_get_type ())
G_DECLARE_FINAL_TYPE (CandorWizardReviewPage,
                      candor_wizard_review_page,
                      CANDOR,
                      WIZARD_REVIEW_PAGE,
                      CandorWizardPage)

/* The renditions and findings to review: those the preview shows. */
void candor_wizard_review_page_set_composition (CandorWizardReviewPage *self,
                                                CandorComposition      *composition);
void candor_wizard_review_page_set_session (CandorWizardReviewPage *self, CandorSession *session);
void candor_wizard_review_page_copy_rich_text (CandorWizardReviewPage *self);
void candor_wizard_review_page_save_eml_async (CandorWizardReviewPage *self,
                                               GFile                  *file,
                                               GCancellable           *cancellable,
                                               GAsyncReadyCallback     callback,
                                               gpointer                user_data);
gboolean candor_wizard_review_page_save_eml_finish (CandorWizardReviewPage *self,
                                                    GAsyncResult           *result,
                                                    GError                **error);

G_END_DECLS
