/* candor-wizard-details-page.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-wizard-details-page"

#include "config.h"

#include <glib/gi18n.h>

#include "candor-field-editor.h"
#include "candor-wizard-details-page.h"

/* Step 4: root cause, actions taken and planned. Required in spirit only
 * for a resolution or post-incident report; earlier updates may skip it. */
struct _CandorWizardDetailsPage
{
  CandorWizardPage parent_instance;

  CandorFieldEditor *details_editor;
};

G_DEFINE_FINAL_TYPE (CandorWizardDetailsPage, candor_wizard_details_page, CANDOR_TYPE_WIZARD_PAGE)

static void
append_event (GString *timeline, GDateTime *time, const char *what)
{
  g_autoptr (GDateTime) local = NULL;
  g_autofree char *when = NULL;

  if (time == NULL)
    return;

  local = g_date_time_to_local (time);
  when = g_date_time_format (local, "%Y-%m-%d %H:%M");
  g_string_append_printf (timeline, "- %s — %s\n", when, what);
}

/* The impact timeline as the incident recorded it: started, detected,
 * resolved. */
static char *
build_timeline (CandorIncident *incident)
{
  GString *timeline = g_string_new (NULL);

  append_event (timeline, candor_incident_get_started_at (incident), _("impact started"));
  append_event (timeline, candor_incident_get_detected_at (incident), _("we noticed"));
  append_event (timeline, candor_incident_get_resolved_at (incident), _("impact ended"));

  if (timeline->len == 0)
    return g_string_free (timeline, TRUE);

  g_string_prepend (timeline, _("Timeline:\n"));
  return g_string_free (timeline, FALSE);
}

static void
insert_timeline (CandorWizardDetailsPage *self)
{
  CandorIncident  *incident = candor_wizard_page_get_incident (CANDOR_WIZARD_PAGE (self));
  GtkTextBuffer   *buffer = candor_field_editor_get_buffer (self->details_editor);
  g_autofree char *timeline = NULL;
  GtkTextIter      end;

  if (incident == NULL || (timeline = build_timeline (incident)) == NULL)
    return;

  gtk_text_buffer_get_end_iter (buffer, &end);
  if (gtk_text_buffer_get_char_count (buffer) > 0)
    gtk_text_buffer_insert (buffer, &end, "\n\n", -1);
  gtk_text_buffer_insert (buffer, &end, timeline, -1);
}

static void
on_timeline_button_clicked_cb (CandorWizardDetailsPage *self, GtkButton *button)
{
  insert_timeline (self);
}

static gboolean
is_after_the_fact (CandorUpdate *update)
{
  CandorUpdateKind kind = candor_update_get_kind (update);

  return kind == CANDOR_UPDATE_KIND_RESOLUTION || kind == CANDOR_UPDATE_KIND_POST_INCIDENT;
}

static void
candor_wizard_details_page_shown (CandorWizardPage *page)
{
  CandorWizardDetailsPage *self = CANDOR_WIZARD_DETAILS_PAGE (page);
  CandorUpdate            *update = candor_wizard_page_get_update (page);

  candor_wizard_page_set_skippable (page, !is_after_the_fact (update));

  /* A resolution starts from the timeline rather than from nothing. */
  if (is_after_the_fact (update) &&
      gtk_text_buffer_get_char_count (candor_field_editor_get_buffer (self->details_editor)) == 0)
    insert_timeline (self);
}

static void
candor_wizard_details_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CANDOR_TYPE_WIZARD_DETAILS_PAGE);

  G_OBJECT_CLASS (candor_wizard_details_page_parent_class)->dispose (object);
}

static void
candor_wizard_details_page_class_init (CandorWizardDetailsPageClass *klass)
{
  GObjectClass          *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass        *widget_class = GTK_WIDGET_CLASS (klass);
  CandorWizardPageClass *page_class = CANDOR_WIZARD_PAGE_CLASS (klass);

  object_class->dispose = candor_wizard_details_page_dispose;
  page_class->shown = candor_wizard_details_page_shown;

  g_type_ensure (CANDOR_TYPE_FIELD_EDITOR);
  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/candor/Candor/candor-wizard-details-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CandorWizardDetailsPage, details_editor);
  gtk_widget_class_bind_template_callback (widget_class, on_timeline_button_clicked_cb);
}

static void
candor_wizard_details_page_init (CandorWizardDetailsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  candor_wizard_page_set_skippable (CANDOR_WIZARD_PAGE (self), TRUE);
}
