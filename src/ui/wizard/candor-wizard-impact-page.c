/* candor-wizard-impact-page.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-wizard-impact-page"

#include "config.h"

#include "candor-field-editor.h"
#include "candor-wizard-impact-page.h"

/* Step 2: the impact now, soon, and for good. "Nothing is lost" is a choice
 * the writer makes explicitly, never the default reading of an empty field. */
struct _CandorWizardImpactPage
{
  CandorWizardPage parent_instance;

  GtkSwitch *no_consequences_switch;
  GBinding  *no_consequences_binding;
};

G_DEFINE_FINAL_TYPE (CandorWizardImpactPage, candor_wizard_impact_page, CANDOR_TYPE_WIZARD_PAGE)

static gboolean
invert_boolean (gpointer object, gboolean value)
{
  return !value;
}

static void
candor_wizard_impact_page_draft_set (CandorWizardPage *page)
{
  CandorWizardImpactPage *self = CANDOR_WIZARD_IMPACT_PAGE (page);

  g_clear_pointer (&self->no_consequences_binding, g_binding_unbind);
  self->no_consequences_binding = g_object_bind_property (
    candor_wizard_page_get_update (page), "no-lasting-consequences", self->no_consequences_switch,
    "active", G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  /* The binding dies with either end; the pointer must not outlive it. */
  g_object_add_weak_pointer (G_OBJECT (self->no_consequences_binding),
                             (gpointer *)&self->no_consequences_binding);
}

static void
candor_wizard_impact_page_dispose (GObject *object)
{
  CandorWizardImpactPage *self = CANDOR_WIZARD_IMPACT_PAGE (object);

  g_clear_pointer (&self->no_consequences_binding, g_binding_unbind);
  gtk_widget_dispose_template (GTK_WIDGET (self), CANDOR_TYPE_WIZARD_IMPACT_PAGE);

  G_OBJECT_CLASS (candor_wizard_impact_page_parent_class)->dispose (object);
}

static void
candor_wizard_impact_page_class_init (CandorWizardImpactPageClass *klass)
{
  GObjectClass          *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass        *widget_class = GTK_WIDGET_CLASS (klass);
  CandorWizardPageClass *page_class = CANDOR_WIZARD_PAGE_CLASS (klass);

  object_class->dispose = candor_wizard_impact_page_dispose;
  page_class->draft_set = candor_wizard_impact_page_draft_set;

  g_type_ensure (CANDOR_TYPE_FIELD_EDITOR);
  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/candor/Candor/candor-wizard-impact-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CandorWizardImpactPage,
                                        no_consequences_switch);
  gtk_widget_class_bind_template_callback (widget_class, invert_boolean);
}

static void
candor_wizard_impact_page_init (CandorWizardImpactPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
