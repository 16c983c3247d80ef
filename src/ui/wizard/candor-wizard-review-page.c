/* candor-wizard-review-page.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-wizard-review-page"

#include "config.h"

#include <glib/gi18n.h>

#include "candor-dialect.h"
#include "candor-wizard-review-page.h"

/* Step 7: every audience's and channel's final text, the checks still open,
 * and for critical or SLA-bound incidents the legal review. What works today
 * is offered: copying the email as rich text and saving it as .eml. */
struct _CandorWizardReviewPage
{
  CandorWizardPage parent_instance;

  AdwPreferencesGroup *checks_group;
  GtkListBox          *checks_list;
  AdwPreferencesGroup *legal_group;
  GtkSwitch           *legal_switch;
  AdwComboRow         *audience_row;
  GtkStringList       *audience_names;
  GtkListBox          *texts_list;

  CandorComposition *composition;
};

G_DEFINE_FINAL_TYPE (CandorWizardReviewPage, candor_wizard_review_page, CANDOR_TYPE_WIZARD_PAGE)

enum
{
  FINDING_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
needs_legal_review (CandorWizardReviewPage *self)
{
  CandorIncident *incident = candor_wizard_page_get_incident (CANDOR_WIZARD_PAGE (self));

  return incident != NULL && (candor_incident_get_severity (incident) == CANDOR_SEVERITY_CRITICAL ||
                              candor_incident_get_sla_relevant (incident));
}

static void
update_complete (CandorWizardReviewPage *self)
{
  gboolean legal = needs_legal_review (self);

  gtk_widget_set_visible (GTK_WIDGET (self->legal_group), legal);
  candor_wizard_page_set_complete (CANDOR_WIZARD_PAGE (self),
                                   !legal || gtk_switch_get_active (self->legal_switch));
}

static void
on_legal_switch_active_cb (CandorWizardReviewPage *self, GParamSpec *pspec, GtkSwitch *legal_switch)
{
  update_complete (self);
}

static CandorAudience *
get_selected_audience (CandorWizardReviewPage *self)
{
  GPtrArray *audiences =
    self->composition != NULL ? candor_composition_get_audiences (self->composition) : NULL;
  guint selected = adw_combo_row_get_selected (self->audience_row);

  if (audiences == NULL || selected >= audiences->len)
    return NULL;

  return g_ptr_array_index (audiences, selected);
}

static CandorRendition *
get_selected_email (CandorWizardReviewPage *self)
{
  CandorAudience *audience = get_selected_audience (self);
  GPtrArray      *renditions;

  if (audience == NULL)
    return NULL;

  /* The bytes the preview showed and the publisher will send: the audience's
   * first email channel's. */
  renditions = candor_composition_get_renditions (self->composition);
  for (guint i = 0; i < renditions->len; i++)
    {
      CandorRendition *rendition = g_ptr_array_index (renditions, i);

      if (candor_rendition_get_format (rendition) == CANDOR_DIALECT_EMAIL &&
          g_str_equal (candor_rendition_get_audience_id (rendition),
                       candor_audience_get_id (audience)))
        return rendition;
    }

  return NULL;
}

static void
on_fix_clicked_cb (CandorWizardReviewPage *self, GtkButton *button)
{
  CandorFinding *finding = g_object_get_data (G_OBJECT (button), "finding");

  g_signal_emit (self, signals[FINDING_ACTIVATED], 0, finding);
}

static void
on_acknowledge_clicked_cb (CandorWizardReviewPage *self, GtkButton *button)
{
  candor_composition_acknowledge (self->composition,
                                  g_object_get_data (G_OBJECT (button), "finding"));
}

static GtkWidget *
finding_button_new (CandorWizardReviewPage *self,
                    CandorFinding          *finding,
                    const char             *label,
                    GCallback               callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (button), "finding", g_object_ref (finding), g_object_unref);
  g_signal_connect_object (button, "clicked", callback, self, G_CONNECT_SWAPPED);

  return button;
}

/* Under the explanation: what to write instead, then where and which words. */
static char *
finding_subtitle (CandorFinding *finding)
{
  g_autoptr (GString) subtitle = g_string_new (candor_finding_get_suggestion (finding));
  int              field = candor_finding_get_field (finding);
  const char      *quote = candor_finding_get_quote (finding);
  g_autofree char *place = NULL;

  if (field >= 0 && field < CANDOR_N_FIELDS && quote != NULL)
    /* TRANSLATORS: a field of the message and the words a check found in it, e.g.
     * Executive Summary: “caused by our vendor”. */
    place = g_strdup_printf (_("%s: “%s”"), candor_field_get_label (field), quote);
  else if (field >= 0 && field < CANDOR_N_FIELDS)
    place = g_strdup (candor_field_get_label (field));
  else if (quote != NULL)
    place = g_strdup_printf (_("“%s”"), quote);

  if (place != NULL)
    {
      if (subtitle->len > 0)
        g_string_append_c (subtitle, '\n');
      g_string_append (subtitle, place);
    }

  return g_string_free (g_steal_pointer (&subtitle), FALSE);
}

static void
show_checks (CandorWizardReviewPage *self)
{
  GPtrArray *findings = candor_composition_get_findings (self->composition);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->checks_list))) != NULL)
    gtk_list_box_remove (self->checks_list, child);

  for (guint i = 0; i < findings->len; i++)
    {
      CandorFinding   *finding = g_ptr_array_index (findings, i);
      GtkWidget       *row = adw_action_row_new ();
      g_autofree char *subtitle = finding_subtitle (finding);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     candor_finding_get_message (finding));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_add_suffix (
        ADW_ACTION_ROW (row),
        finding_button_new (self, finding, _("_Fix"), G_CALLBACK (on_fix_clicked_cb)));
      adw_action_row_add_suffix (
        ADW_ACTION_ROW (row),
        finding_button_new (self, finding,
                            _("A_cknowledge"), G_CALLBACK (on_acknowledge_clicked_cb)));
      gtk_list_box_append (self->checks_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->checks_group), findings->len > 0);
}

static void
show_texts (CandorWizardReviewPage *self)
{
  GPtrArray *audiences = candor_composition_get_audiences (self->composition);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->texts_list))) != NULL)
    gtk_list_box_remove (self->texts_list, child);

  for (guint i = 0; audiences != NULL && i < audiences->len; i++)
    {
      CandorAudience    *audience = g_ptr_array_index (audiences, i);
      GtkWidget         *expander = adw_expander_row_new ();
      const char *const *ids = candor_audience_get_channels (audience);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander),
                                     candor_audience_get_name (audience));
      for (guint j = 0; ids[j] != NULL; j++)
        {
          CandorChannel *channel =
            candor_channel_find (candor_composition_get_channels (self->composition), ids[j]);
          CandorRendition *rendition = candor_composition_get_rendition (
            self->composition, candor_audience_get_id (audience), ids[j]);
          GtkWidget *row;

          if (channel == NULL)
            continue;

          row = adw_action_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                         candor_channel_get_name (channel));
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_action_row_set_subtitle (
            ADW_ACTION_ROW (row), rendition != NULL ? candor_rendition_get_text (rendition) : "");
          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
        }
      gtk_list_box_append (self->texts_list, expander);
    }
}

static void
refresh (CandorWizardReviewPage *self)
{
  if (self->composition == NULL ||
      candor_wizard_page_get_update (CANDOR_WIZARD_PAGE (self)) == NULL)
    return;

  update_complete (self);
  show_checks (self);
  show_texts (self);
}

static void
on_composition_changed_cb (CandorWizardReviewPage *self, CandorComposition *composition)
{
  /* Rebuilding the lists is cheap but not free: only while on screen. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh (self);
}

static void
candor_wizard_review_page_shown (CandorWizardPage *page)
{
  /* Reading the composition brings it up to date first. */
  refresh (CANDOR_WIZARD_REVIEW_PAGE (page));
}

static void
on_eml_saved_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CandorWizardReviewPage *self = CANDOR_WIZARD_REVIEW_PAGE (source);
  g_autoptr (GError) error = NULL;
  GtkWidget *message;

  if (candor_wizard_review_page_save_eml_finish (self, result, &error) ||
      gtk_widget_get_root (GTK_WIDGET (self)) == NULL)
    return;

  message = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                    _("Could Not Save the Email"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (message), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (message));
}

static void
on_save_dialog_response_cb (CandorWizardReviewPage *self,
                            int                     response,
                            GtkFileChooserNative   *dialog)
{
  g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  if (response == GTK_RESPONSE_ACCEPT && file != NULL)
    candor_wizard_review_page_save_eml_async (self, file, NULL, on_eml_saved_cb, NULL);

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (dialog));
  g_object_unref (dialog);
}

static void
candor_wizard_review_page_save_eml_action (GtkWidget  *widget,
                                           const char *action_name,
                                           GVariant   *parameter)
{
  CandorWizardReviewPage *self = CANDOR_WIZARD_REVIEW_PAGE (widget);
  CandorIncident         *incident = candor_wizard_page_get_incident (CANDOR_WIZARD_PAGE (self));
  GtkFileChooserNative   *dialog;
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  dialog =
    gtk_file_chooser_native_new (_("Save Email"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                    GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_filter_set_name (filter, _("Email messages"));
  gtk_file_filter_add_mime_type (filter, "message/rfc822");
  gtk_file_filter_add_suffix (filter, "eml");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  name = g_strdup_printf ("%s.eml", *candor_incident_get_title (incident) != '\0'
                                      ? candor_incident_get_title (incident)
                                      : _("Incident update"));
  g_strdelimit (name, "/\\:", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);

  g_signal_connect_object (dialog, "response", G_CALLBACK (on_save_dialog_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
candor_wizard_review_page_copy_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  candor_wizard_review_page_copy_rich_text (CANDOR_WIZARD_REVIEW_PAGE (widget));
}

static void
candor_wizard_review_page_dispose (GObject *object)
{
  CandorWizardReviewPage *self = CANDOR_WIZARD_REVIEW_PAGE (object);

  if (self->composition != NULL)
    g_signal_handlers_disconnect_by_data (self->composition, self);
  g_clear_object (&self->composition);
  gtk_widget_dispose_template (GTK_WIDGET (self), CANDOR_TYPE_WIZARD_REVIEW_PAGE);

  G_OBJECT_CLASS (candor_wizard_review_page_parent_class)->dispose (object);
}

static void
candor_wizard_review_page_class_init (CandorWizardReviewPageClass *klass)
{
  GObjectClass          *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass        *widget_class = GTK_WIDGET_CLASS (klass);
  CandorWizardPageClass *page_class = CANDOR_WIZARD_PAGE_CLASS (klass);

  object_class->dispose = candor_wizard_review_page_dispose;
  page_class->shown = candor_wizard_review_page_shown;

  /* "Fix" on a finding: the wizard shows the words it is about. */
  signals[FINDING_ACTIVATED] =
    g_signal_new ("finding-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, CANDOR_TYPE_FINDING);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/candor/Candor/candor-wizard-review-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CandorWizardReviewPage, checks_group);
  gtk_widget_class_bind_template_child (widget_class, CandorWizardReviewPage, checks_list);
  gtk_widget_class_bind_template_child (widget_class, CandorWizardReviewPage, legal_group);
  gtk_widget_class_bind_template_child (widget_class, CandorWizardReviewPage, legal_switch);
  gtk_widget_class_bind_template_child (widget_class, CandorWizardReviewPage, audience_row);
  gtk_widget_class_bind_template_child (widget_class, CandorWizardReviewPage, audience_names);
  gtk_widget_class_bind_template_child (widget_class, CandorWizardReviewPage, texts_list);
  gtk_widget_class_bind_template_callback (widget_class, on_legal_switch_active_cb);

  gtk_widget_class_install_action (widget_class, "review.copy-rich-text", NULL,
                                   candor_wizard_review_page_copy_action);
  gtk_widget_class_install_action (widget_class, "review.save-eml", NULL,
                                   candor_wizard_review_page_save_eml_action);
}

static void
candor_wizard_review_page_init (CandorWizardReviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
candor_wizard_review_page_set_composition (CandorWizardReviewPage *self,
                                           CandorComposition      *composition)
{
  GPtrArray *audiences;

  g_return_if_fail (CANDOR_IS_WIZARD_REVIEW_PAGE (self));
  g_return_if_fail (CANDOR_IS_COMPOSITION (composition));

  if (self->composition != NULL)
    g_signal_handlers_disconnect_by_data (self->composition, self);
  g_set_object (&self->composition, composition);
  g_signal_connect_object (composition, "changed", G_CALLBACK (on_composition_changed_cb), self,
                           G_CONNECT_SWAPPED);

  audiences = candor_composition_get_audiences (composition);
  gtk_string_list_splice (self->audience_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->audience_names)), NULL);
  for (guint i = 0; audiences != NULL && i < audiences->len; i++)
    gtk_string_list_append (self->audience_names,
                            candor_audience_get_name (g_ptr_array_index (audiences, i)));
}

/* Puts the selected audience's email on the clipboard twice: as HTML for
 * rich editors and as plain text for everything else. */
void
candor_wizard_review_page_copy_rich_text (CandorWizardReviewPage *self)
{
  CandorRendition    *email;
  GdkContentProvider *providers[2];
  g_autoptr (GdkContentProvider) union_provider = NULL;
  g_autoptr (GBytes) html = NULL;
  const char *html_text;

  g_return_if_fail (CANDOR_IS_WIZARD_REVIEW_PAGE (self));

  if ((email = get_selected_email (self)) == NULL)
    return;

  html_text = candor_rendition_get_html (email) != NULL ? candor_rendition_get_html (email) : "";
  html = g_bytes_new (html_text, strlen (html_text));
  providers[0] = gdk_content_provider_new_for_bytes ("text/html", html);
  providers[1] = gdk_content_provider_new_typed (G_TYPE_STRING, candor_rendition_get_text (email));
  union_provider = gdk_content_provider_new_union (providers, G_N_ELEMENTS (providers));
  gdk_clipboard_set_content (gtk_widget_get_clipboard (GTK_WIDGET (self)), union_provider);
}

static void
on_eml_written_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  if (g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Writes the selected audience's email, exactly as it would be sent, to @file. */
void
candor_wizard_review_page_save_eml_async (CandorWizardReviewPage *self,
                                          GFile                  *file,
                                          GCancellable           *cancellable,
                                          GAsyncReadyCallback     callback,
                                          gpointer                user_data)
{
  g_autoptr (GTask) task = NULL;
  CandorRendition *email;
  GBytes          *message; /* owned by the rendition */
  GError          *error = NULL;

  g_return_if_fail (CANDOR_IS_WIZARD_REVIEW_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, candor_wizard_review_page_save_eml_async);

  if ((email = get_selected_email (self)) == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("The selected audience receives no email"));
      return;
    }

  if ((message = candor_rendition_get_mime (email, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* The bytes are kept by the write: the preview may compose anew meanwhile. */
  g_file_replace_contents_bytes_async (file, message, NULL, FALSE, G_FILE_CREATE_NONE, cancellable,
                                       on_eml_written_cb, g_steal_pointer (&task));
}

gboolean
candor_wizard_review_page_save_eml_finish (CandorWizardReviewPage *self,
                                           GAsyncResult           *result,
                                           GError                **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (
    g_task_get_source_tag (G_TASK (result)) == candor_wizard_review_page_save_eml_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
