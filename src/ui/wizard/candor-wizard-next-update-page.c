/* candor-wizard-next-update-page.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-wizard-next-update-page"

#include "config.h"

#include <glib/gi18n.h>

#include "candor-application.h"
#include "candor-audience.h"
#include "candor-schedule.h"
#include "candor-wizard-next-update-page.h"

/* Step 6: the schedule's suggestions (cadence, office hours in each
 * audience's time zones) or "when the situation changes". Picking a time
 * sets a reminder that fires even after the window is closed. */
struct _CandorWizardNextUpdatePage
{
  CandorWizardPage parent_instance;

  GtkListBox *suggestions_list;
  GtkLabel   *reminder_label;

  CandorSchedule *schedule;
  GPtrArray      *audiences;
  gboolean        loading;
};

G_DEFINE_FINAL_TYPE (CandorWizardNextUpdatePage,
                     candor_wizard_next_update_page,
                     CANDOR_TYPE_WIZARD_PAGE)

/* The session's reminders, which the application holds on to. */
static CandorReminder *
get_reminder (CandorWizardNextUpdatePage *self)
{
  GtkRoot      *root = gtk_widget_get_root (GTK_WIDGET (self));
  GApplication *application = g_application_get_default ();

  if (GTK_IS_WINDOW (root) && gtk_window_get_application (GTK_WINDOW (root)) != NULL)
    application = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (root)));

  if (!CANDOR_IS_APPLICATION (application))
    return NULL;

  return candor_session_get_reminder (
    candor_application_get_session (CANDOR_APPLICATION (application)));
}

static void
show_reminder (CandorWizardNextUpdatePage *self)
{
  CandorUpdate *update = candor_wizard_page_get_update (CANDOR_WIZARD_PAGE (self));
  GDateTime    *at = candor_update_get_next_update_at (update);

  if (at != NULL)
    {
      g_autoptr (GDateTime) remind = g_date_time_add_minutes (at, -CANDOR_REMINDER_LEAD_MINUTES);
      g_autoptr (GDateTime) local = g_date_time_to_local (remind);
      g_autofree char *time = g_date_time_format (local, "%H:%M");
      g_autofree char *text = NULL;

      /* TRANSLATORS: %s is a time such as 14:25 */
      text = g_strdup_printf (_("You will be reminded at %s, also if Candor’s window is closed."),
                                 time);
      gtk_label_set_label (self->reminder_label, text);
    }
  else if (candor_update_get_next_update_when_changed (update))
    gtk_label_set_label (self->reminder_label, _("No time is promised: the next update comes "
                                                 "when the situation changes."));
  else
    gtk_label_set_label (self->reminder_label, _("Pick when the next update comes."));
}

static void
on_choice_toggled_cb (CandorWizardNextUpdatePage *self, GtkCheckButton *check)
{
  CandorUpdate   *update = candor_wizard_page_get_update (CANDOR_WIZARD_PAGE (self));
  CandorIncident *incident = candor_wizard_page_get_incident (CANDOR_WIZARD_PAGE (self));
  GDateTime      *at = g_object_get_data (G_OBJECT (check), "at");
  CandorReminder *reminder = get_reminder (self);

  if (self->loading || !gtk_check_button_get_active (check))
    return;

  candor_update_set_next_update_at (update, at);
  candor_update_set_next_update_when_changed (update, at == NULL);

  if (reminder != NULL)
    {
      if (at != NULL)
        candor_reminder_schedule (reminder, candor_incident_get_id (incident),
                                  candor_incident_get_title (incident), at);
      else
        candor_reminder_cancel (reminder, candor_incident_get_id (incident));
    }

  show_reminder (self);
}

static char *
describe_time (GDateTime *at, GDateTime *now)
{
  g_autoptr (GDateTime) local = g_date_time_to_local (at);
  g_autofree char *time = g_date_time_format (local, "%a %H:%M");
  int              minutes = g_date_time_difference (at, now) / G_TIME_SPAN_MINUTE;

  if (minutes < 120)
    /* TRANSLATORS: "Mon 14:30 (in 45 min)" */
    return g_strdup_printf (_("%s (in %d min)"), time, MAX (minutes, 0));

  /* TRANSLATORS: "Mon 14:30 (in 3 h 10 min)" */
  return g_strdup_printf (_("%s (in %d h %d min)"), time, minutes / 60, minutes % 60);
}

static GtkWidget *
choice_row_new (CandorWizardNextUpdatePage *self,
                const char                 *title,
                const char                 *subtitle,
                GDateTime                  *at,
                GtkCheckButton             *group)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  if (at != NULL)
    g_object_set_data_full (G_OBJECT (check), "at", g_date_time_ref (at),
                            (GDestroyNotify)g_date_time_unref);
  g_signal_connect_object (check, "toggled", G_CALLBACK (on_choice_toggled_cb), self,
                           G_CONNECT_SWAPPED);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);

  return row;
}

static void
candor_wizard_next_update_page_shown (CandorWizardPage *page)
{
  CandorWizardNextUpdatePage *self = CANDOR_WIZARD_NEXT_UPDATE_PAGE (page);
  CandorUpdate               *update = candor_wizard_page_get_update (page);
  GDateTime                  *chosen = candor_update_get_next_update_at (update);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GPtrArray) suggestions = NULL;
  g_autoptr (GPtrArray) audiences = NULL;
  GtkCheckButton *group = NULL;
  const char     *when_fixed_reason = NULL;
  GtkWidget      *child;
  GtkWidget      *row;

  if (self->audiences == NULL)
    audiences = candor_audience_new_defaults ();
  suggestions =
    candor_schedule_suggest (self->schedule, candor_wizard_page_get_incident (page), update,
                             self->audiences != NULL ? self->audiences : audiences, now);

  self->loading = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->suggestions_list))) != NULL)
    gtk_list_box_remove (self->suggestions_list, child);

  for (guint i = 0; suggestions != NULL && i < suggestions->len; i++)
    {
      CandorScheduleSuggestion *suggestion = g_ptr_array_index (suggestions, i);
      GDateTime                *at = candor_schedule_suggestion_get_at (suggestion);
      g_autofree char          *title = NULL;

      /* No time: the schedule says this one waits for the fix; its reason
       * explains the "when the situation changes" row below. */
      if (at == NULL)
        {
          when_fixed_reason = candor_schedule_suggestion_get_reason (suggestion);
          continue;
        }

      title = describe_time (at, now);
      row =
        choice_row_new (self, title, candor_schedule_suggestion_get_reason (suggestion), at, group);
      gtk_list_box_append (self->suggestions_list, row);
      if (group == NULL)
        group = GTK_CHECK_BUTTON (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)));
      if (chosen != NULL && g_date_time_equal (chosen, at))
        gtk_check_button_set_active (
          GTK_CHECK_BUTTON (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row))), TRUE);
    }

  row =
    choice_row_new (self, _("When the situation changes"),
                             when_fixed_reason != NULL
                               ? when_fixed_reason
                               : _("No fixed time: the next update comes with news"), NULL, group);
  gtk_list_box_append (self->suggestions_list, row);
  if (candor_update_get_next_update_when_changed (update))
    gtk_check_button_set_active (
      GTK_CHECK_BUTTON (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row))), TRUE);
  self->loading = FALSE;

  show_reminder (self);
}

static void
candor_wizard_next_update_page_dispose (GObject *object)
{
  CandorWizardNextUpdatePage *self = CANDOR_WIZARD_NEXT_UPDATE_PAGE (object);

  g_clear_object (&self->schedule);
  g_clear_pointer (&self->audiences, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CANDOR_TYPE_WIZARD_NEXT_UPDATE_PAGE);

  G_OBJECT_CLASS (candor_wizard_next_update_page_parent_class)->dispose (object);
}

static void
candor_wizard_next_update_page_class_init (CandorWizardNextUpdatePageClass *klass)
{
  GObjectClass          *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass        *widget_class = GTK_WIDGET_CLASS (klass);
  CandorWizardPageClass *page_class = CANDOR_WIZARD_PAGE_CLASS (klass);

  object_class->dispose = candor_wizard_next_update_page_dispose;
  page_class->shown = candor_wizard_next_update_page_shown;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/candor/Candor/candor-wizard-next-update-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CandorWizardNextUpdatePage, suggestions_list);
  gtk_widget_class_bind_template_child (widget_class, CandorWizardNextUpdatePage, reminder_label);
}

static void
candor_wizard_next_update_page_init (CandorWizardNextUpdatePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->schedule = candor_schedule_new ();
}

void
candor_wizard_next_update_page_set_audiences (CandorWizardNextUpdatePage *self,
                                              GPtrArray                  *audiences)
{
  g_return_if_fail (CANDOR_IS_WIZARD_NEXT_UPDATE_PAGE (self));

  g_clear_pointer (&self->audiences, g_ptr_array_unref);
  if (audiences != NULL)
    self->audiences = g_ptr_array_ref (audiences);
}
