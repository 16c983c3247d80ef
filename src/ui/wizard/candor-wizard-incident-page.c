/* candor-wizard-incident-page.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-wizard-incident-page"

#include "config.h"

#include <glib/gi18n.h>

#include "candor-application.h"
#include "candor-placeholder.h"
#include "candor-schedule.h"
#include "candor-template-library.h"
#include "candor-languages.h"
#include "candor-time-zones.h"
#include "candor-wizard-incident-page-private.h"

/* A translation the template of its language wrote into an empty field:
 * it follows the rows below while nobody changes it, and goes with Undo. */
typedef struct
{
  char       *language;
  CandorField field;
  char       *text;
  CandorTemplate *template;
} WrittenTranslation;

static void
written_translation_free (WrittenTranslation *written)
{
  g_free (written->language);
  g_free (written->text);
  g_object_unref (written->template);
  g_free (written);
}

G_DEFINE_FINAL_TYPE (CandorWizardIncidentPage, candor_wizard_incident_page, CANDOR_TYPE_WIZARD_PAGE)

enum
{
  PROP_0,
  PROP_TEMPLATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* "Billing, API ,, Login" -> { "Billing", "API", "Login" } */
static GStrv
split_services (const char *text)
{
  g_auto (GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *service = g_strstrip (parts[i]);

      if (*service != '\0')
        g_strv_builder_add (builder, service);
    }

  return g_strv_builder_end (builder);
}

static char *
format_local_time (GDateTime *time)
{
  return candor_time_format_entry (time, NULL);
}

static GPtrArray *
dup_audiences (CandorWizardIncidentPage *self)
{
  return self->audiences != NULL ? g_ptr_array_ref (self->audiences)
                                 : candor_audience_new_defaults ();
}

static GStrv
dup_zones (CandorWizardIncidentPage *self)
{
  g_autoptr (GPtrArray) audiences = dup_audiences (self);

  return candor_time_zones_of_audiences (audiences);
}

/* What the draft knows, plus what the author typed into the rows below. */
static JsonNode *
collect_values_for (CandorWizardIncidentPage *self, CandorTemplate *template)
{
  g_auto (GStrv) zones = dup_zones (self);
  JsonNode *values = candor_template_dup_draft_values (
    template, get_incident (self), get_update (self), (const char *const *)zones);
  JsonObject *object = json_node_get_object (values);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->variables_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      const char      *name = g_object_get_data (G_OBJECT (row), "variable");
      g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

      if (name != NULL && *text != '\0')
        json_object_set_string_member (object, name, text);
    }

  return values;
}

static JsonNode *
collect_values (CandorWizardIncidentPage *self)
{
  return collect_values_for (self, self->template);
}

/* Each other language's empty fields from the template of that language
 * for the same stage, kind and severity: Candor never translates, but a
 * template exists in each of its languages. */
void
_candor_wizard_incident_page_fill_translations (CandorWizardIncidentPage *self,
                                                CandorTemplate *template)
{
  const char *const *others = candor_incident_get_other_languages (get_incident (self));
  CandorUpdate      *update = get_update (self);

  for (guint l = 0; others[l] != NULL; l++)
    {
      CandorTemplate *counterpart =
        candor_template_library_find_in_language (self->library, template, others[l]);
      g_autoptr (JsonNode) values = NULL;
      g_autoptr (GError) error = NULL;
      guint written;

      if (counterpart == NULL)
        continue;

      values = collect_values_for (self, counterpart);
      self->filling = TRUE;
      written =
        candor_template_fill_translation (counterpart, update, others[l], values, 0, &error);
      self->filling = FALSE;
      if (written == 0)
        {
          g_warning ("Template “%s” could not be filled: %s", candor_template_get_id (counterpart),
                     error->message);
          continue;
        }

      for (guint i = 0; i < CANDOR_N_FIELDS; i++)
        {
          WrittenTranslation *translation;

          if ((written & (1u << i)) == 0)
            continue;
          translation = g_new0 (WrittenTranslation, 1);
          translation->language = g_strdup (others[l]);
          translation->field = i;
          translation->text = g_strdup (candor_update_get_translation (update, others[l], i));
          translation->template = g_object_ref (counterpart);
          g_ptr_array_add (self->written_translations, translation);
        }
    }
}

/* The translations as their templates wrote them follow the rows too. */
static void
refresh_translation_text (CandorWizardIncidentPage *self)
{
  CandorUpdate *update = get_update (self);

  for (guint i = 0; i < self->written_translations->len; i++)
    {
      WrittenTranslation *written = g_ptr_array_index (self->written_translations, i);
      g_autoptr (JsonNode) values = collect_values_for (self, written->template);
      g_autofree char *text =
        candor_template_render_field (written->template, written->field, values, NULL);

      if (text == NULL ||
          g_strcmp0 (candor_update_get_translation (update, written->language, written->field),
                     written->text) != 0 ||
          g_str_equal (text, written->text))
        continue;

      candor_update_set_translation (update, written->language, written->field, text);
      g_free (written->text);
      written->text = g_steal_pointer (&text);
    }
}

static void
clear_undo (CandorWizardIncidentPage *self)
{
  for (guint i = 0; i < CANDOR_N_FIELDS; i++)
    {
      g_clear_pointer (&self->written[i], g_free);
      g_clear_pointer (&self->before[i], g_free);
    }
  g_clear_pointer (&self->before_contact_name, g_free);
  g_clear_pointer (&self->before_contact_reach, g_free);
  g_clear_object (&self->before_template);
  g_ptr_array_set_size (self->written_translations, 0);
  self->can_undo = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->undo_template_button), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "incident.undo-template", FALSE);
}

/* The fields still as the template wrote them follow what it is filled with
 * now; those the author changed are the author's. */
static void
refresh_template_text (CandorWizardIncidentPage *self)
{
  g_autoptr (JsonNode) values = NULL;
  g_autoptr (GError) error = NULL;
  char         *texts[CANDOR_N_FIELDS] = { NULL };
  CandorUpdate *update = get_update (self);

  if (self->template == NULL || update == NULL || self->filling)
    return;

  values = collect_values (self);
  if (!candor_template_render_all (self->template, values, texts, &error))
    {
      g_warning ("Template “%s” could not be filled: %s", candor_template_get_id (self->template),
                 error->message);
      return;
    }

  self->filling = TRUE;
  for (guint i = 0; i < CANDOR_N_FIELDS; i++)
    {
      if (self->written[i] != NULL &&
          g_strcmp0 (candor_update_get_field (update, i), self->written[i]) == 0 &&
          g_strcmp0 (self->written[i], texts[i]) != 0)
        {
          candor_update_set_field (update, i, texts[i]);
          g_free (self->written[i]);
          self->written[i] = g_steal_pointer (&texts[i]);
        }
      g_free (texts[i]);
    }
  refresh_translation_text (self);
  self->filling = FALSE;
}

static void
on_variable_row_changed_cb (CandorWizardIncidentPage *self, GtkEditable *row)
{
  refresh_template_text (self);
}

/* A row for each text variable the draft does not know: what it stands for,
 * and the placeholder it leaves until filled in. Never the example. */
static void
show_variables (CandorWizardIncidentPage *self)
{
  g_autoptr (JsonNode) known = NULL;
  g_auto (GStrv) zones = NULL;
  GtkWidget *child;
  guint      n = self->template != NULL ? candor_template_get_n_variables (self->template) : 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->variables_list))) != NULL)
    gtk_list_box_remove (self->variables_list, child);

  if (self->template != NULL)
    {
      zones = dup_zones (self);
      known = candor_template_dup_draft_values (self->template, get_incident (self),
                                                get_update (self), (const char *const *)zones);
    }

  for (guint i = 0; i < n; i++)
    {
      const CandorTemplateVariable *variable = candor_template_get_variable (self->template, i);
      GtkWidget                    *row;
      g_autofree char              *placeholder = NULL;
      g_autofree char              *title = NULL;

      /* Only text variables are edited here; a list is written in the text. */
      if (variable->example != NULL && !JSON_NODE_HOLDS_VALUE (variable->example))
        continue;
      if (json_object_has_member (json_node_get_object (known), variable->name))
        continue;

      row = adw_entry_row_new ();
      placeholder = candor_placeholder_for_variable (variable->name);
      /* TRANSLATORS: a template variable's row: its placeholder, then what it means,
       * e.g. "[who] — Who is affected, as a phrase that fits mid-sentence" */
      title = g_strdup_printf (_("%s — %s"), placeholder,
                                  variable->description != NULL && *variable->description != '\0'
                                    ? variable->description
                                    : variable->name);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      g_object_set_data_full (G_OBJECT (row), "variable", g_strdup (variable->name), g_free);
      g_signal_connect_object (row, "changed", G_CALLBACK (on_variable_row_changed_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_list_box_append (self->variables_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->variables_group),
                          gtk_widget_get_first_child (GTK_WIDGET (self->variables_list)) != NULL);
}

/* The session's reminders, which the application holds on to. */
static CandorReminder *
get_reminder (CandorWizardIncidentPage *self)
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

/* A template that promises a next update gets one: the schedule's first
 * suggestion, as step 6 would offer it first, with its reminder. Step 6
 * shows it chosen and can change it. */
static void
ensure_next_update (CandorWizardIncidentPage *self)
{
  CandorUpdate   *update = get_update (self);
  CandorIncident *incident = get_incident (self);
  g_autoptr (CandorSchedule) schedule = NULL;
  g_autoptr (GPtrArray) suggestions = NULL;
  g_autoptr (GPtrArray) audiences = NULL;
  g_autoptr (GDateTime) now = NULL;
  gboolean        uses = FALSE;
  CandorReminder *reminder;

  if (candor_update_get_next_update_at (update) != NULL ||
      candor_update_get_next_update_when_changed (update))
    return;

  for (guint i = 0; i < candor_template_get_n_variables (self->template); i++)
    uses |= g_str_equal (candor_template_get_variable (self->template, i)->name, "next_update");
  if (!uses)
    return;

  schedule = candor_schedule_new ();
  audiences = dup_audiences (self);
  now = g_date_time_new_now_utc ();
  suggestions = candor_schedule_suggest (schedule, incident, update, audiences, now);
  for (guint i = 0; suggestions != NULL && i < suggestions->len; i++)
    {
      GDateTime *at = candor_schedule_suggestion_get_at (g_ptr_array_index (suggestions, i));

      if (at == NULL)
        continue;

      candor_update_set_next_update_at (update, at);
      reminder = get_reminder (self);
      if (reminder != NULL)
        candor_reminder_schedule (reminder, candor_incident_get_id (incident),
                                  candor_incident_get_title (incident), at);
      return;
    }
}

/* Writes the template into the empty fields and those in @replace, keeping
 * what is needed to take it back in one step. */
static void
fill_template (CandorWizardIncidentPage *self, CandorTemplate *template, guint replace)
{
  CandorUpdate *update = get_update (self);
  g_autoptr (JsonNode) values = NULL;
  g_autoptr (GError) error = NULL;
  char            *before[CANDOR_N_FIELDS];
  g_autofree char *before_name = g_strdup (candor_update_get_contact_name (update));
  g_autofree char *before_reach = g_strdup (candor_update_get_contact_reach (update));
  g_autoptr (CandorTemplate) previous =
    self->template != NULL ? g_object_ref (self->template) : NULL;
  CandorUpdateKind before_kind = candor_update_get_kind (update);
  guint            written;

  for (guint i = 0; i < CANDOR_N_FIELDS; i++)
    before[i] = g_strdup (candor_update_get_field (update, i));

  g_set_object (&self->template, template);
  ensure_next_update (self);
  show_variables (self);
  values = collect_values (self);

  self->filling = TRUE;
  written = candor_template_fill (template, update, values, replace, &error);
  self->filling = FALSE;
  if (written == 0)
    {
      g_warning ("Template “%s” could not be applied: %s", candor_template_get_id (template),
                 error->message);
      for (guint i = 0; i < CANDOR_N_FIELDS; i++)
        g_free (before[i]);
      return;
    }

  clear_undo (self);
  for (guint i = 0; i < CANDOR_N_FIELDS; i++)
    {
      if ((written & (1u << i)) != 0)
        self->written[i] = g_strdup (candor_update_get_field (update, i));
      self->before[i] = before[i];
    }
  self->before_contact_name = g_steal_pointer (&before_name);
  self->before_contact_reach = g_steal_pointer (&before_reach);
  self->before_kind = before_kind;
  self->before_template = g_steal_pointer (&previous);
  _candor_wizard_incident_page_fill_translations (self, template);
  self->can_undo = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->undo_template_button), TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "incident.undo-template", TRUE);

  _candor_wizard_incident_page_refresh_templates (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEMPLATE]);
}

static void
on_fill_dialog_response_cb (CandorWizardIncidentPage *self,
                            const char               *response,
                            AdwMessageDialog         *dialog)
{
  CandorTemplate *template = g_object_get_data (G_OBJECT (dialog), "template");
  GtkWidget *checks = adw_message_dialog_get_extra_child (dialog);
  guint      replace = 0;

  if (self->dialog == GTK_WIDGET (dialog))
    self->dialog = NULL;

  if (g_str_equal (response, "cancel"))
    return;

  if (g_str_equal (response, "replace"))
    for (GtkWidget *check = gtk_widget_get_first_child (checks); check != NULL;
         check = gtk_widget_get_next_sibling (check))
      if (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
        replace |= GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "field-bit"));

  fill_template (self, template, replace);
}

/* Fields with text of their own are the author's: say which the template
 * would change, and let the author choose, field by field. */
static void
ask_before_filling (CandorWizardIncidentPage *self, CandorTemplate *template, guint conflicts)
{
  GtkWidget       *dialog;
  GtkWidget       *checks = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_autofree char *body = NULL;
  guint            n = 0;

  for (guint i = 0; i < CANDOR_N_FIELDS; i++)
    {
      const char      *text = candor_update_get_field (get_update (self), i);
      g_autofree char *start = NULL;
      g_autofree char *label = NULL;
      GtkWidget       *check;

      if ((conflicts & (1u << i)) == 0)
        continue;

      start = g_utf8_substring (text, 0, MIN (g_utf8_strlen (text, -1), 48));
      g_strdelimit (start, "\n", ' ');
      /* TRANSLATORS: a field that has text, and how that text starts: Executive Summary (“We are…”)
       */
      label = g_strdup_printf (_("%s (“%s%s”)"), candor_field_get_label (i), start,
                                  g_utf8_strlen (text, -1) > 48 ? "…" : "");
      check = gtk_check_button_new_with_label (label);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      g_object_set_data (G_OBJECT (check), "field-bit", GUINT_TO_POINTER (1u << i));
      gtk_box_append (GTK_BOX (checks), check);
      n++;
    }

  body = g_strdup_printf (
    g_dngettext (GETTEXT_PACKAGE,
                 "“%s” fills every empty field. %u field already has text of its own: "
                 "replace it with the template’s, or keep it?",
                 "“%s” fills every empty field. %u fields already have text of their own: "
                 "choose which the template replaces, or keep them all.",
                 n),
    candor_template_get_name (template), n);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Replace Text You Wrote?"), body);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), checks);
  adw_message_dialog_add_responses (
    ADW_MESSAGE_DIALOG (dialog), "cancel",
    _("_Cancel"), "fill-empty", _("_Fill Empty Only"), "replace", _("_Replace Checked"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "fill-empty",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "fill-empty");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "template", g_object_ref (template), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_fill_dialog_response_cb), self,
                           G_CONNECT_SWAPPED);
  self->dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
pick_template (CandorWizardIncidentPage *self, CandorTemplate *template)
{
  g_autoptr (CandorTemplate) previous = NULL;
  g_autoptr (JsonNode) values = NULL;
  g_autoptr (GError) error = NULL;
  guint conflicts;

  if (get_update (self) == NULL)
    return;

  /* The values are the new template's; the rows it shows are its own. */
  previous = self->template != NULL ? g_object_ref (self->template) : NULL;
  g_set_object (&self->template, template);
  show_variables (self);
  values = collect_values (self);
  conflicts = candor_template_get_conflicts (template, get_update (self), values, &error);
  g_set_object (&self->template, previous);
  show_variables (self);

  if (error != NULL)
    {
      g_warning ("Template “%s” could not be applied: %s", candor_template_get_id (template),
                 error->message);
      return;
    }

  /* What the last template wrote and nobody changed since is not the
   * author's text: a new template may replace it without asking. */
  for (guint i = 0; i < CANDOR_N_FIELDS; i++)
    if (self->written[i] != NULL &&
        g_strcmp0 (candor_update_get_field (get_update (self), i), self->written[i]) == 0)
      conflicts &= ~(1u << i);

  if (conflicts == 0)
    {
      guint replace = 0;

      for (guint i = 0; i < CANDOR_N_FIELDS; i++)
        if (self->written[i] != NULL &&
            g_strcmp0 (candor_update_get_field (get_update (self), i), self->written[i]) == 0)
          replace |= 1u << i;
      fill_template (self, template, replace);
    }
  else
    ask_before_filling (self, template, conflicts);
}

/**
 * candor_wizard_incident_page_undo_template:
 *
 * Takes the last template back whole: each field it wrote and nobody changed
 * since gets its text from before, and the kind and contact come back.
 *
 * Returns: whether there was a template to take back
 */
gboolean
candor_wizard_incident_page_undo_template (CandorWizardIncidentPage *self)
{
  CandorUpdate *update;

  g_return_val_if_fail (CANDOR_IS_WIZARD_INCIDENT_PAGE (self), FALSE);

  update = get_update (self);
  if (!self->can_undo || update == NULL)
    return FALSE;

  self->filling = TRUE;
  g_object_freeze_notify (G_OBJECT (update));
  for (guint i = 0; i < CANDOR_N_FIELDS; i++)
    if (self->written[i] != NULL &&
        g_strcmp0 (candor_update_get_field (update, i), self->written[i]) == 0)
      candor_update_set_field (update, i, self->before[i]);
  for (guint i = 0; i < self->written_translations->len; i++)
    {
      WrittenTranslation *written = g_ptr_array_index (self->written_translations, i);

      if (g_strcmp0 (candor_update_get_translation (update, written->language, written->field),
                     written->text) == 0)
        candor_update_set_translation (update, written->language, written->field, "");
    }
  candor_update_set_kind (update, self->before_kind);
  candor_update_set_contact_name (update, self->before_contact_name);
  candor_update_set_contact_reach (update, self->before_contact_reach);
  g_object_thaw_notify (G_OBJECT (update));
  self->filling = FALSE;

  g_set_object (&self->template, self->before_template);
  clear_undo (self);
  show_variables (self);
  _candor_wizard_incident_page_refresh_templates (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEMPLATE]);

  return TRUE;
}

gboolean
candor_wizard_incident_page_get_can_undo_template (CandorWizardIncidentPage *self)
{
  g_return_val_if_fail (CANDOR_IS_WIZARD_INCIDENT_PAGE (self), FALSE);

  return self->can_undo;
}

static void
on_undo_template_clicked_cb (CandorWizardIncidentPage *self, GtkButton *button)
{
  candor_wizard_incident_page_undo_template (self);
}

static void
undo_template_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  candor_wizard_incident_page_undo_template (CANDOR_WIZARD_INCIDENT_PAGE (widget));
}

void
_candor_wizard_incident_page_refresh_templates (CandorWizardIncidentPage *self)
{
  CandorTemplateFilter filter = CANDOR_TEMPLATE_FILTER_INIT;
  g_autoptr (GPtrArray) templates = NULL;
  GtkWidget *child;

  if (get_update (self) == NULL)
    return;

  filter.language = _candor_wizard_incident_page_get_language (self);
  filter.kind = candor_update_get_kind (get_update (self));
  filter.severity = candor_incident_get_severity (get_incident (self));
  filter.search = gtk_editable_get_text (GTK_EDITABLE (self->template_search));
  templates = candor_template_library_filter (self->library, &filter);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->templates_list))) != NULL)
    gtk_list_box_remove (self->templates_list, child);

  for (guint i = 0; templates != NULL && i < templates->len; i++)
    {
      CandorTemplate *template = g_ptr_array_index (templates, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     candor_template_get_name (template));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   candor_template_get_description (template));
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
      /* The examples live here, in the picker, and never in the text. */
      {
        g_autoptr (GString) tooltip = g_string_new (candor_template_get_description (template));

        for (guint v = 0; v < candor_template_get_n_variables (template); v++)
          {
            const CandorTemplateVariable *variable = candor_template_get_variable (template, v);
            g_autofree char *placeholder = candor_placeholder_for_variable (variable->name);

            if (variable->example == NULL || !JSON_NODE_HOLDS_VALUE (variable->example) ||
                json_node_get_value_type (variable->example) != G_TYPE_STRING)
              continue;
            /* TRANSLATORS: a template variable and an example value, in the picker's tooltip:
             * [who], for example “all customers” */
            g_string_append_c (tooltip, '\n');
            g_string_append_printf (tooltip, _("%s, for example “%s”"), placeholder,
                                                json_node_get_string (variable->example));
          }
        gtk_widget_set_tooltip_text (row, tooltip->str);
      }
      gtk_widget_set_visible (check, template == self->template);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), check);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "template", g_object_ref (template), g_object_unref);
      gtk_list_box_append (self->templates_list, row);
    }

  if (templates == NULL || templates->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("No template matches this kind and severity"));
      gtk_list_box_append (self->templates_list, row);
    }
}

static void
update_complete (CandorWizardIncidentPage *self)
{
  g_autofree char *title =
    g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));

  candor_wizard_page_set_complete (
    CANDOR_WIZARD_PAGE (self),
    *title != '\0' && !gtk_widget_has_css_class (GTK_WIDGET (self->started_row), "error") &&
      !gtk_widget_has_css_class (GTK_WIDGET (self->detected_row), "error"));
}

static void
on_title_row_changed_cb (CandorWizardIncidentPage *self, GtkEditable *row)
{
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (row)));

  update_complete (self);
  if (!self->loading && get_incident (self) != NULL)
    candor_incident_set_title (get_incident (self), title);
}

static void
on_services_row_changed_cb (CandorWizardIncidentPage *self, GtkEditable *row)
{
  g_auto (GStrv) services = split_services (gtk_editable_get_text (row));

  if (!self->loading && get_incident (self) != NULL)
    candor_incident_set_services (get_incident (self), (const char *const *)services);
}

/* What the time rows accept, in the author's own zone. */
static char *
dup_times_hint (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *zone = g_date_time_format (now, "%Z");
  const char      *identifier = g_time_zone_get_identifier (g_date_time_get_timezone (now));

  /* TRANSLATORS: %s is the author's time zone, "Europe/Berlin, CET" */
  return g_strdup_printf (
    _("Your local time (%s%s%s): 2026-11-30 08:12, 08:12 for today, or "
                            "“yesterday 23:50”. Not in the future. Messages show each time with "
                            "its time zone."),
       identifier != NULL && g_strcmp0 (identifier, zone) != 0 ? identifier : "",
       identifier != NULL && g_strcmp0 (identifier, zone) != 0 ? ", " : "", zone);
}

/* Reads both time rows: a value that is refused says why under them, keeps
 * the incident's time as it was, and holds Next back. */
static void
read_time_rows (CandorWizardIncidentPage *self)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) started = NULL;
  g_autoptr (GDateTime) detected = NULL;
  g_autoptr (GError) started_error = NULL;
  g_autoptr (GError) detected_error = NULL;
  g_autofree char *hint = NULL;
  CandorIncident  *incident = get_incident (self);

  started = candor_time_parse_past (gtk_editable_get_text (GTK_EDITABLE (self->started_row)), NULL,
                                    now, &started_error);
  detected = candor_time_parse_past (gtk_editable_get_text (GTK_EDITABLE (self->detected_row)),
                                     NULL, now, &detected_error);
  /* Empty is allowed (not known yet, or between deleting and typing) and
   * changes nothing. */
  if (g_error_matches (started_error, CANDOR_TIME_ERROR, CANDOR_TIME_ERROR_EMPTY))
    g_clear_error (&started_error);
  if (g_error_matches (detected_error, CANDOR_TIME_ERROR, CANDOR_TIME_ERROR_EMPTY))
    g_clear_error (&detected_error);

  if (started != NULL && detected != NULL && g_date_time_compare (detected, started) < 0)
    {
      g_clear_pointer (&detected, g_date_time_unref);
      g_set_error_literal (&detected_error, CANDOR_TIME_ERROR, CANDOR_TIME_ERROR_INVALID,
                           _("It was noticed before it started: make “Detected At” the same time "
                             "as the start or later."));
    }

  if (started_error != NULL)
    /* TRANSLATORS: %s says why the value was refused */
    hint = g_strdup_printf (_("Started At: %s"), started_error->message);
  else if (detected_error != NULL)
    /* TRANSLATORS: %s says why the value was refused */
    hint = g_strdup_printf (_("Detected At: %s"), detected_error->message);
  else
    hint = dup_times_hint ();

  gtk_label_set_label (self->times_hint, hint);
  if (started_error != NULL || detected_error != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->times_hint), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->times_hint), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->times_hint), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->times_hint), "dim-label");
    }

  if (started_error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->started_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->started_row), "error");
  if (detected_error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->detected_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->detected_row), "error");

  gtk_accessible_update_state (
    GTK_ACCESSIBLE (self->started_row), GTK_ACCESSIBLE_STATE_INVALID,
    started_error != NULL ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE, -1);
  gtk_accessible_update_state (
    GTK_ACCESSIBLE (self->detected_row), GTK_ACCESSIBLE_STATE_INVALID,
    detected_error != NULL ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE, -1);

  if (!self->loading && incident != NULL)
    {
      if (started != NULL)
        candor_incident_set_started_at (incident, started);
      if (detected != NULL)
        candor_incident_set_detected_at (incident, detected);
    }

  update_complete (self);
}

static void
on_started_row_changed_cb (CandorWizardIncidentPage *self, GtkEditable *row)
{
  read_time_rows (self);
}

static void
on_detected_row_changed_cb (CandorWizardIncidentPage *self, GtkEditable *row)
{
  read_time_rows (self);
}

static void
on_sla_switch_active_cb (CandorWizardIncidentPage *self, GParamSpec *pspec, GtkSwitch *sla_switch)
{
  if (!self->loading && get_incident (self) != NULL)
    candor_incident_set_sla_relevant (get_incident (self), gtk_switch_get_active (sla_switch));
}

static void
on_severity_row_selected_cb (CandorWizardIncidentPage *self, GParamSpec *pspec, AdwComboRow *row)
{
  if (self->loading || get_incident (self) == NULL)
    return;

  candor_incident_set_severity (get_incident (self), adw_combo_row_get_selected (row));
  _candor_wizard_incident_page_refresh_templates (self);
}

static void
on_state_row_selected_cb (CandorWizardIncidentPage *self, GParamSpec *pspec, AdwComboRow *row)
{
  if (!self->loading && get_incident (self) != NULL)
    candor_incident_set_state (get_incident (self), adw_combo_row_get_selected (row));
}

static void
on_kind_row_selected_cb (CandorWizardIncidentPage *self, GParamSpec *pspec, AdwComboRow *row)
{
  if (self->loading || get_update (self) == NULL)
    return;

  candor_update_set_kind (get_update (self), adw_combo_row_get_selected (row));
  _candor_wizard_incident_page_refresh_templates (self);
}

static void
on_template_search_changed_cb (CandorWizardIncidentPage *self, GtkSearchEntry *entry)
{
  _candor_wizard_incident_page_refresh_templates (self);
}

static void
on_templates_list_row_activated_cb (CandorWizardIncidentPage *self,
                                    GtkListBoxRow            *row,
                                    GtkListBox               *list)
{
  CandorTemplate *template = g_object_get_data (G_OBJECT (row), "template");

  if (template == NULL)
    return;

  pick_template (self, template);
}

/* What the draft knows changed (the title, the services, a time, the
 * contact chosen in step 5, the next update in step 6): the template's
 * text follows where the author has not changed it. */
static void
on_draft_fact_changed_cb (CandorWizardIncidentPage *self, GParamSpec *pspec, GObject *object)
{
  refresh_template_text (self);
}

static void
candor_wizard_incident_page_draft_set (CandorWizardPage *page)
{
  CandorWizardIncidentPage *self = CANDOR_WIZARD_INCIDENT_PAGE (page);
  CandorIncident           *incident = get_incident (self);
  const char *const        *services = candor_incident_get_services (incident);
  g_autofree char          *joined = NULL;
  g_autofree char          *started = format_local_time (candor_incident_get_started_at (incident));
  g_autofree char *detected = format_local_time (candor_incident_get_detected_at (incident));
  static const char *const incident_facts[] = { "notify::title", "notify::services",
                                                "notify::started-at", "notify::detected-at",
                                                "notify::resolved-at" };
  static const char *const update_facts[] = { "notify::contact-name", "notify::contact-reach",
                                              "notify::next-update-at" };

  joined = services != NULL ? g_strjoinv (", ", (char **)services) : g_strdup ("");

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), candor_incident_get_title (incident));
  gtk_editable_set_text (GTK_EDITABLE (self->services_row), joined);
  gtk_editable_set_text (GTK_EDITABLE (self->started_row), started);
  gtk_editable_set_text (GTK_EDITABLE (self->detected_row), detected);
  adw_combo_row_set_selected (self->severity_row, candor_incident_get_severity (incident));
  adw_combo_row_set_selected (self->state_row, candor_incident_get_state (incident));
  adw_combo_row_set_selected (self->kind_row, candor_update_get_kind (get_update (self)));
  adw_combo_row_set_selected (self->language_row,
                              g_strcmp0 (candor_incident_get_language (incident), "ru") == 0);
  gtk_switch_set_active (self->sla_switch, candor_incident_get_sla_relevant (incident));
  self->loading = FALSE;
  _candor_wizard_incident_page_show_other_languages (self);

  for (guint i = 0; i < G_N_ELEMENTS (incident_facts); i++)
    g_signal_connect_object (incident, incident_facts[i], G_CALLBACK (on_draft_fact_changed_cb),
                             self, G_CONNECT_SWAPPED);
  for (guint i = 0; i < G_N_ELEMENTS (update_facts); i++)
    g_signal_connect_object (get_update (self), update_facts[i],
                             G_CALLBACK (on_draft_fact_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (
    incident, "notify::title-translations",
    G_CALLBACK (_candor_wizard_incident_page_on_title_translations_notify_cb), self,
    G_CONNECT_SWAPPED);
  g_signal_connect_object (
    incident, "notify::title",
    G_CALLBACK (_candor_wizard_incident_page_on_title_translations_notify_cb), self,
    G_CONNECT_SWAPPED);

  read_time_rows (self);
  _candor_wizard_incident_page_refresh_templates (self);
}

static void
candor_wizard_incident_page_dispose (GObject *object)
{
  CandorWizardIncidentPage *self = CANDOR_WIZARD_INCIDENT_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CANDOR_TYPE_WIZARD_INCIDENT_PAGE);
  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&self->dialog)));
  g_clear_object (&self->library);
  g_clear_object (&self->template);
  g_clear_pointer (&self->audiences, g_ptr_array_unref);
  g_clear_pointer (&self->language_checks, g_ptr_array_unref);
  /* The rows were the template's list's, gone with it. */
  g_clear_pointer (&self->title_rows, g_ptr_array_unref);
  g_clear_pointer (&self->written_translations, g_ptr_array_unref);
  for (guint i = 0; i < CANDOR_N_FIELDS; i++)
    {
      g_clear_pointer (&self->written[i], g_free);
      g_clear_pointer (&self->before[i], g_free);
    }
  g_clear_pointer (&self->before_contact_name, g_free);
  g_clear_pointer (&self->before_contact_reach, g_free);
  g_clear_object (&self->before_template);

  G_OBJECT_CLASS (candor_wizard_incident_page_parent_class)->dispose (object);
}

static void
candor_wizard_incident_page_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  CandorWizardIncidentPage *self = CANDOR_WIZARD_INCIDENT_PAGE (object);

  switch (prop_id)
    {
      case PROP_TEMPLATE:
        g_value_set_object (value, self->template);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_wizard_incident_page_class_init (CandorWizardIncidentPageClass *klass)
{
  GObjectClass          *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass        *widget_class = GTK_WIDGET_CLASS (klass);
  CandorWizardPageClass *page_class = CANDOR_WIZARD_PAGE_CLASS (klass);

  object_class->dispose = candor_wizard_incident_page_dispose;
  object_class->get_property = candor_wizard_incident_page_get_property;
  page_class->draft_set = candor_wizard_incident_page_draft_set;

  properties[PROP_TEMPLATE] =
    g_param_spec_object ("template", NULL, NULL, CANDOR_TYPE_TEMPLATE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/candor/Candor/candor-wizard-incident-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CandorWizardIncidentPage, title_row);
  gtk_widget_class_bind_template_child (widget_class, CandorWizardIncidentPage, services_row);
  gtk_widget_class_bind_template_child (widget_class, CandorWizardIncidentPage, severity_row);
  gtk_widget_class_bind_template_child (widget_class, CandorWizardIncidentPage, state_row);
  gtk_widget_class_bind_template_child (widget_class, CandorWizardIncidentPage, started_row);
  gtk_widget_class_bind_template_child (widget_class, CandorWizardIncidentPage, detected_row);
  gtk_widget_class_bind_template_child (widget_class, CandorWizardIncidentPage, times_hint);
  gtk_widget_class_bind_template_child (widget_class, CandorWizardIncidentPage,
                                        undo_template_button);
  gtk_widget_class_bind_template_child (widget_class, CandorWizardIncidentPage, sla_switch);
  gtk_widget_class_bind_template_child (widget_class, CandorWizardIncidentPage, kind_row);
  gtk_widget_class_bind_template_child (widget_class, CandorWizardIncidentPage, language_row);
  gtk_widget_class_bind_template_child (widget_class, CandorWizardIncidentPage,
                                        other_languages_row);
  gtk_widget_class_bind_template_child (widget_class, CandorWizardIncidentPage, template_search);
  gtk_widget_class_bind_template_child (widget_class, CandorWizardIncidentPage, templates_list);
  gtk_widget_class_bind_template_child (widget_class, CandorWizardIncidentPage, variables_group);
  gtk_widget_class_bind_template_child (widget_class, CandorWizardIncidentPage, variables_list);
  gtk_widget_class_bind_template_callback (widget_class, on_title_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_services_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_started_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_detected_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_undo_template_clicked_cb);

  gtk_widget_class_install_action (widget_class, "incident.undo-template", NULL,
                                   undo_template_action);
  gtk_widget_class_bind_template_callback (widget_class, on_sla_switch_active_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_severity_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_state_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_row_selected_cb);
  gtk_widget_class_bind_template_callback_full (
    widget_class, "on_language_row_selected_cb",
    G_CALLBACK (_candor_wizard_incident_page_on_language_row_selected_cb));
  gtk_widget_class_bind_template_callback (widget_class, on_template_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_templates_list_row_activated_cb);
}

static void
candor_wizard_incident_page_init (CandorWizardIncidentPage *self)
{
  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->loading = FALSE;

  /* A row per language the app offers, checked when the incident is also
   * written in it; the primary language's row cannot be checked. */
  self->written_translations =
    g_ptr_array_new_with_free_func ((GDestroyNotify)written_translation_free);
  self->language_checks = g_ptr_array_new ();
  self->title_rows = g_ptr_array_new ();
  for (guint i = 0; candor_languages_get_tags ()[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     candor_languages_get_name (candor_languages_get_tags ()[i]));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_signal_connect_object (
        check, "toggled", G_CALLBACK (_candor_wizard_incident_page_on_language_check_toggled_cb),
        self, G_CONNECT_SWAPPED);
      adw_expander_row_add_row (self->other_languages_row, row);
      g_ptr_array_add (self->language_checks, check);
    }
  self->library = candor_template_library_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "incident.undo-template", FALSE);
}

/* The audiences whose time zones the template's times are written in. */
void
candor_wizard_incident_page_set_audiences (CandorWizardIncidentPage *self, GPtrArray *audiences)
{
  g_return_if_fail (CANDOR_IS_WIZARD_INCIDENT_PAGE (self));

  g_clear_pointer (&self->audiences, g_ptr_array_unref);
  if (audiences != NULL)
    self->audiences = g_ptr_array_ref (audiences);
}

/* Reads the user's templates again: one imported with candor-cli while the
 * app runs shows up in the picker. */
void
candor_wizard_incident_page_reload_templates (CandorWizardIncidentPage *self)
{
  g_return_if_fail (CANDOR_IS_WIZARD_INCIDENT_PAGE (self));

  candor_template_library_reload (self->library);
  _candor_wizard_incident_page_refresh_templates (self);
}

CandorTemplate *
candor_wizard_incident_page_get_template (CandorWizardIncidentPage *self)
{
  g_return_val_if_fail (CANDOR_IS_WIZARD_INCIDENT_PAGE (self), NULL);

  return self->template;
}

/* Returns: (transfer full): the picked template's variable names, for completion. */
GStrv
candor_wizard_incident_page_dup_variable_names (CandorWizardIncidentPage *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (CANDOR_IS_WIZARD_INCIDENT_PAGE (self), NULL);

  for (guint i = 0; self->template != NULL && i < candor_template_get_n_variables (self->template);
       i++)
    g_strv_builder_add (builder, candor_template_get_variable (self->template, i)->name);

  return g_strv_builder_end (builder);
}

gboolean
candor_wizard_incident_page_focus_title (CandorWizardIncidentPage *self, const char *language)
{
  g_return_val_if_fail (CANDOR_IS_WIZARD_INCIDENT_PAGE (self), FALSE);
  g_return_val_if_fail (language != NULL, FALSE);

  for (guint i = 0; i < self->title_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->title_rows, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "language"), language) == 0)
        return gtk_widget_grab_focus (row);
    }

  return FALSE;
}
