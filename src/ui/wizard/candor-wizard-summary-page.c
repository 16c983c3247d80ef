/* candor-wizard-summary-page.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-wizard-summary-page"

#include "config.h"

#include "candor-field-editor.h"
#include "candor-wizard-summary-page.h"

/* Step 3: the paragraph executives read, with the reminder that its first
 * half must carry the point. */
struct _CandorWizardSummaryPage
{
  CandorWizardPage parent_instance;
};

G_DEFINE_FINAL_TYPE (CandorWizardSummaryPage, candor_wizard_summary_page, CANDOR_TYPE_WIZARD_PAGE)

static void
candor_wizard_summary_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CANDOR_TYPE_WIZARD_SUMMARY_PAGE);

  G_OBJECT_CLASS (candor_wizard_summary_page_parent_class)->dispose (object);
}

static void
candor_wizard_summary_page_class_init (CandorWizardSummaryPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = candor_wizard_summary_page_dispose;

  g_type_ensure (CANDOR_TYPE_FIELD_EDITOR);
  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/candor/Candor/candor-wizard-summary-page.ui");
}

static void
candor_wizard_summary_page_init (CandorWizardSummaryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
