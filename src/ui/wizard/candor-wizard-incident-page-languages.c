/* candor-wizard-incident-page-languages.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The incident step's languages: the primary one, the others the incident
 * is also written in, and a title row for each of those, which says when
 * the primary title changed since it was translated. */

#define G_LOG_DOMAIN "candor-wizard-incident-page"

#include "config.h"

#include <glib/gi18n.h>

#include "candor-languages.h"
#include "candor-wizard-incident-page-private.h"

static const char *const languages[] = { "en", "ru" };

const char *
_candor_wizard_incident_page_get_language (CandorWizardIncidentPage *self)
{
  guint selected = adw_combo_row_get_selected (self->language_row);

  return selected < G_N_ELEMENTS (languages) ? languages[selected] : "en";
}

/* A title translation that may be out of date says so in words (the
 * tooltip) as well as in colour, and offers Looks Right beside it. */
static void
show_title_outdated (CandorWizardIncidentPage *self)
{
  CandorIncident *incident = get_incident (self);

  for (guint i = 0; i < self->title_rows->len; i++)
    {
      GtkWidget       *row = g_ptr_array_index (self->title_rows, i);
      const char      *language = g_object_get_data (G_OBJECT (row), "language");
      GtkWidget       *button = g_object_get_data (G_OBJECT (row), "looks-right");
      gboolean         outdated = candor_incident_get_title_outdated_in (incident, language);
      g_autofree char *said = NULL;

      gtk_widget_set_visible (button, outdated);
      if (outdated)
        {
          gtk_widget_add_css_class (row, "warning");
          /* TRANSLATORS: under "Translation may be out of date": the primary
           * text as it read when the translation was written */
          said = g_strdup_printf (_("It was written for: “%s”"),
                                     candor_incident_get_title_source_in (incident, language));
        }
      else
        gtk_widget_remove_css_class (row, "warning");
      gtk_widget_set_tooltip_text (row, said);
    }
}

static void
on_title_translation_changed_cb (CandorWizardIncidentPage *self, GtkEditable *row)
{
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (row)));

  if (!self->loading && get_incident (self) != NULL)
    candor_incident_set_title_in (get_incident (self),
                                  g_object_get_data (G_OBJECT (row), "language"), title);
}

static void
on_title_looks_right_clicked_cb (CandorWizardIncidentPage *self, GtkButton *button)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ENTRY_ROW);

  candor_incident_mark_title_current_in (get_incident (self),
                                         g_object_get_data (G_OBJECT (row), "language"));
}

/* The incident's title or its translations changed elsewhere (the review's
 * Looks Right, a template): the rows follow. */
void
_candor_wizard_incident_page_on_title_translations_notify_cb (CandorWizardIncidentPage *self,
                                                              GParamSpec               *pspec,
                                                              GObject                  *object)
{
  CandorIncident *incident = get_incident (self);

  self->loading = TRUE;
  for (guint i = 0; i < self->title_rows->len; i++)
    {
      GtkWidget  *row = g_ptr_array_index (self->title_rows, i);
      const char *title =
        candor_incident_get_title_in (incident, g_object_get_data (G_OBJECT (row), "language"));
      g_autofree char *shown = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

      /* What the author is typing stays as typed, spaces and all. */
      if (g_strcmp0 (shown, title) != 0)
        gtk_editable_set_text (GTK_EDITABLE (row), title);
    }
  self->loading = FALSE;
  show_title_outdated (self);
}

/* A title row per other language, right below the primary one, as each
 * field has a tab per language. */
static void
show_title_translations (CandorWizardIncidentPage *self)
{
  CandorIncident    *incident = get_incident (self);
  const char *const *others = candor_incident_get_other_languages (incident);
  GtkListBox        *list = GTK_LIST_BOX (gtk_widget_get_parent (GTK_WIDGET (self->title_row)));
  int                position = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (self->title_row)) + 1;

  for (guint i = 0; i < self->title_rows->len; i++)
    gtk_list_box_remove (list, g_ptr_array_index (self->title_rows, i));
  g_ptr_array_set_size (self->title_rows, 0);

  self->loading = TRUE;
  for (guint i = 0; others[i] != NULL; i++)
    {
      GtkWidget       *row = adw_entry_row_new ();
      GtkWidget       *button = gtk_button_new_with_mnemonic (_("_Looks Right"));
      g_autofree char *title = NULL;

      /* TRANSLATORS: the incident title's row for another language; %s is
       * the language's own name, e.g. "Title in Русский" */
      title = g_strdup_printf (_("Title in %s"), candor_languages_get_name (others[i]));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      g_object_set_data_full (G_OBJECT (row), "language", g_strdup (others[i]), g_free);
      g_object_set_data (G_OBJECT (row), "looks-right", button);
      gtk_editable_set_text (GTK_EDITABLE (row),
                             candor_incident_get_title_in (incident, others[i]));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_title_looks_right_clicked_cb),
                               self, G_CONNECT_SWAPPED);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);
      g_signal_connect_object (row, "changed", G_CALLBACK (on_title_translation_changed_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_list_box_insert (list, row, position + (int)i);
      g_ptr_array_add (self->title_rows, row);
    }
  self->loading = FALSE;
  show_title_outdated (self);
}

/* The subtitle names the other languages, so the folded row still says them. */
void
_candor_wizard_incident_page_show_other_languages (CandorWizardIncidentPage *self)
{
  CandorIncident    *incident = get_incident (self);
  const char *const *others = candor_incident_get_other_languages (incident);
  const char        *primary = candor_incident_get_language (incident);
  g_autoptr (GString) names = g_string_new (NULL);

  self->loading = TRUE;
  for (guint i = 0; i < self->language_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->language_checks, i);
      const char     *tag = candor_languages_get_tags ()[i];
      GtkWidget      *row = gtk_widget_get_ancestor (GTK_WIDGET (check), ADW_TYPE_ACTION_ROW);
      gboolean        is_primary = g_strcmp0 (tag, primary != NULL ? primary : "en") == 0;

      gtk_check_button_set_active (check, !is_primary && g_strv_contains (others, tag));
      gtk_widget_set_sensitive (row, !is_primary);
    }
  self->loading = FALSE;

  for (guint i = 0; others[i] != NULL; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? ", " : "",
                            candor_languages_get_name (others[i]));
  adw_expander_row_set_subtitle (
    self->other_languages_row,
    names->len > 0 ? names->str : _("None: every audience reads the primary language"));
  show_title_translations (self);
}

/* Languages in the menu's order, never the primary one. */
void
_candor_wizard_incident_page_on_language_check_toggled_cb (CandorWizardIncidentPage *self,
                                                           GtkCheckButton           *check)
{
  CandorIncident *incident = get_incident (self);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) others = NULL;

  if (self->loading || incident == NULL)
    return;

  for (guint i = 0; i < self->language_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->language_checks, i)))
      g_strv_builder_add (builder, candor_languages_get_tags ()[i]);
  others = g_strv_builder_end (builder);
  candor_incident_set_other_languages (incident, (const char *const *)others);
  _candor_wizard_incident_page_show_other_languages (self);
  /* A language added after the template gets that template's text too. */
  if (self->template != NULL && self->can_undo)
    _candor_wizard_incident_page_fill_translations (self, self->template);
}

/* A primary language that was another one stops being another one. */
static void
drop_primary_from_others (CandorWizardIncidentPage *self)
{
  CandorIncident    *incident = get_incident (self);
  const char *const *others = candor_incident_get_other_languages (incident);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) kept = NULL;

  if (!g_strv_contains (others, _candor_wizard_incident_page_get_language (self)))
    return;

  for (guint i = 0; others[i] != NULL; i++)
    if (!g_str_equal (others[i], _candor_wizard_incident_page_get_language (self)))
      g_strv_builder_add (builder, others[i]);
  kept = g_strv_builder_end (builder);
  candor_incident_set_other_languages (incident, (const char *const *)kept);
}

void
_candor_wizard_incident_page_on_language_row_selected_cb (CandorWizardIncidentPage *self,
                                                          GParamSpec               *pspec,
                                                          AdwComboRow              *row)
{
  if (self->loading || get_incident (self) == NULL)
    return;

  drop_primary_from_others (self);
  candor_incident_set_language (get_incident (self),
                                _candor_wizard_incident_page_get_language (self));
  _candor_wizard_incident_page_show_other_languages (self);
  _candor_wizard_incident_page_refresh_templates (self);
}
