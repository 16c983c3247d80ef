/* candor-wizard-page.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "candor-incident.h"
#include "candor-store.h"
#include "candor-update.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_WIZARD_PAGE (candor_wizard_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (CandorWizardPage, candor_wizard_page, CANDOR, WIZARD_PAGE, AdwBin)

/* Called once an apply step has ended: @valid says whether the wizard may
 * move on. */
typedef void (*CandorWizardPageApplyCallback) (CandorWizardPage *page,
                                               gboolean          valid,
                                               gpointer          user_data);

/* One step of the wizard. Like gnome-initial-setup's GisPage, a page only
 * says whether it is complete (Next may be pressed) and whether it may be
 * skipped; the wizard decides what that means for its header bar. Before
 * the wizard leaves a page forward, the page may apply what it holds. */
struct _CandorWizardPageClass
{
  AdwBinClass parent_class;

  /* The wizard hands every page the same incident and update. */
  void (*draft_set) (CandorWizardPage *self);
  /* The page became the visible step: refresh what depends on other steps. */
  void (*shown) (CandorWizardPage *self);
  /* The history opened (it opens after the first frame, so often after the
   * wizard did): what the page keeps there can be read now. */
  void (*store_set) (CandorWizardPage *self);
  /* Next (or Skip) was pressed. Returns TRUE when the page started work that
   * ends with exactly one candor_wizard_page_apply_complete() call, also
   * when @cancellable is cancelled; FALSE when there is nothing to wait for.
   * NULL: nothing to apply. */
  gboolean (*apply) (CandorWizardPage *self, GCancellable *cancellable);
};

const char     *candor_wizard_page_get_title (CandorWizardPage *self);
void            candor_wizard_page_set_title (CandorWizardPage *self, const char *title);
gboolean        candor_wizard_page_get_complete (CandorWizardPage *self);
void            candor_wizard_page_set_complete (CandorWizardPage *self, gboolean complete);
gboolean        candor_wizard_page_get_skippable (CandorWizardPage *self);
void            candor_wizard_page_set_skippable (CandorWizardPage *self, gboolean skippable);
CandorIncident *candor_wizard_page_get_incident (CandorWizardPage *self);
CandorUpdate   *candor_wizard_page_get_update (CandorWizardPage *self);
void            candor_wizard_page_set_draft (CandorWizardPage *self,
                                              CandorIncident   *incident,
                                              CandorUpdate     *update);
void            candor_wizard_page_shown (CandorWizardPage *self);
CandorStore    *candor_wizard_page_get_store (CandorWizardPage *self);
void            candor_wizard_page_set_store (CandorWizardPage *self, CandorStore *store);
gboolean        candor_wizard_page_apply_begin (CandorWizardPage             *self,
                                                CandorWizardPageApplyCallback callback,
                                                gpointer                      user_data);
void            candor_wizard_page_apply_complete (CandorWizardPage *self, gboolean valid);
void            candor_wizard_page_apply_cancel (CandorWizardPage *self);
gboolean        candor_wizard_page_get_applying (CandorWizardPage *self);

G_END_DECLS
