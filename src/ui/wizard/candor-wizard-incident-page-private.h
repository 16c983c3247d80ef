/* candor-wizard-incident-page-private.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "candor-template-library.h"
#include "candor-wizard-incident-page.h"

G_BEGIN_DECLS

/* Step 1: what is broken, since when, how badly, and which kind of message
 * this is. Picking a template fills the empty fields from what the draft
 * knows; where a field has text, the author chooses. What the draft does
 * not know stays a placeholder, with a row below to fill it in; the fields
 * still as the template wrote them follow those rows, the contact and the
 * next update. One step undoes the template whole. */

struct _CandorWizardIncidentPage
{
  CandorWizardPage parent_instance;

  AdwEntryRow         *title_row;
  AdwEntryRow         *services_row;
  AdwComboRow         *severity_row;
  AdwComboRow         *state_row;
  AdwEntryRow         *started_row;
  AdwEntryRow         *detected_row;
  GtkLabel            *times_hint;
  GtkSwitch           *sla_switch;
  AdwComboRow         *kind_row;
  AdwComboRow         *language_row;
  AdwExpanderRow      *other_languages_row;
  GPtrArray           *language_checks; /* one per candor_languages_get_tags() */
  GPtrArray           *title_rows;      /* AdwEntryRow per other language, below title_row */
  GtkSearchEntry      *template_search;
  GtkListBox          *templates_list;
  AdwPreferencesGroup *variables_group;
  GtkListBox          *variables_list;
  GtkButton           *undo_template_button;

  CandorTemplateLibrary *library;
  CandorTemplate *template;
  GPtrArray *audiences;
  gboolean   loading;
  gboolean   filling;

  /* What the last template wrote into each field (NULL: not written), and
   * what the update held before it, for the one step that undoes it. */
  char            *written[CANDOR_N_FIELDS];
  char            *before[CANDOR_N_FIELDS];
  char            *before_contact_name;
  char            *before_contact_reach;
  CandorUpdateKind before_kind;
  CandorTemplate  *before_template;
  gboolean         can_undo;
  GtkWidget       *dialog;
  GPtrArray       *written_translations; /* of WrittenTranslation */
};

static inline CandorIncident *
get_incident (CandorWizardIncidentPage *self)
{
  return candor_wizard_page_get_incident (CANDOR_WIZARD_PAGE (self));
}

static inline CandorUpdate *
get_update (CandorWizardIncidentPage *self)
{
  return candor_wizard_page_get_update (CANDOR_WIZARD_PAGE (self));
}

/* candor-wizard-incident-page.c */
void _candor_wizard_incident_page_refresh_templates (CandorWizardIncidentPage *self);
void _candor_wizard_incident_page_fill_translations (CandorWizardIncidentPage *self,
                                                     CandorTemplate *template);

/* candor-wizard-incident-page-languages.c */
const char *_candor_wizard_incident_page_get_language (CandorWizardIncidentPage *self);
void        _candor_wizard_incident_page_show_other_languages (CandorWizardIncidentPage *self);
void _candor_wizard_incident_page_on_title_translations_notify_cb (CandorWizardIncidentPage *self,
                                                                   GParamSpec               *pspec,
                                                                   GObject *object);
void _candor_wizard_incident_page_on_language_check_toggled_cb (CandorWizardIncidentPage *self,
                                                                GtkCheckButton           *check);
void _candor_wizard_incident_page_on_language_row_selected_cb (CandorWizardIncidentPage *self,
                                                               GParamSpec               *pspec,
                                                               AdwComboRow              *row);

G_END_DECLS
