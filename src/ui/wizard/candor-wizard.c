/* candor-wizard.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-wizard"

#include "config.h"

#include <glib/gi18n.h>

#include "candor-application.h"
#include "candor-field-editor.h"
#include "candor-accessible.h"
#include "candor-entry-spell.h"
#include "candor-wizard-contact-page.h"
#include "candor-wizard-details-page.h"
#include "candor-wizard-impact-page.h"
#include "candor-wizard-incident-page.h"
#include "candor-wizard-next-update-page.h"
#include "candor-wizard-review-page.h"
#include "candor-wizard-summary-page.h"
#include "candor-wizard.h"

/* The assistant, built like gnome-initial-setup's: a GtkStack of pages that
 * say whether they are complete or skippable and apply what they hold
 * before the wizard moves on, Back and Next in the header bar, and beside
 * the steps (below them on a narrow window) the live preview of every
 * audience and channel. */
struct _CandorWizard
{
  AdwWindow parent_instance;

  AdwWindowTitle             *step_title;
  GtkInfoBar                 *draft_bar;
  GtkLabel                   *draft_title;
  GtkLabel                   *draft_message;
  GtkInfoBar                 *carried_bar;
  GtkLabel                   *carried_message;
  GtkButton                  *back_button;
  GtkButton                  *next_button;
  GtkButton                  *review_button;
  GtkBox                     *panes;
  GtkStack                   *pages;
  GtkScrolledWindow          *preview_scroller;
  CandorPreview              *preview;
  CandorWizardIncidentPage   *incident_page;
  CandorWizardDetailsPage    *details_page;
  CandorWizardContactPage    *contact_page;
  CandorWizardNextUpdatePage *next_update_page;
  CandorWizardReviewPage     *review_page;

  CandorSession       *session;
  CandorDraft         *draft;
  CandorDraftAutosave *autosave;
  CandorEntrySpell    *title_spell; /* the title is the email's subject */
  GCancellable        *cancellable;
  GPtrArray           *editors;
  CandorWizardPage    *watched_page;  /* the visible one, whose state the header bar shows */
  CandorWizardPage    *applying_page; /* whose apply step Next waits for */
  gboolean             incident_started;
  gboolean             close_confirmed;
};

G_DEFINE_FINAL_TYPE (CandorWizard, candor_wizard, ADW_TYPE_WINDOW)

enum
{
  INCIDENT_STARTED,
  UPDATE_SENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Below this width the preview goes under the steps instead of beside them. */
#define SIDE_BY_SIDE_MIN_WIDTH 860

static CandorWizardPage *
get_current_page (CandorWizard *self)
{
  return CANDOR_WIZARD_PAGE (gtk_stack_get_visible_child (self->pages));
}

static guint
get_page_index (CandorWizard *self, GtkWidget *page)
{
  guint index = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->pages)); child != NULL;
       child = gtk_widget_get_next_sibling (child), index++)
    if (child == page)
      return index;

  return 0;
}

static void
collect_editors (GtkWidget *widget, GPtrArray *editors)
{
  if (CANDOR_IS_FIELD_EDITOR (widget))
    {
      g_ptr_array_add (editors, widget);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_editors (child, editors);
}

static void
update_buttons (CandorWizard *self)
{
  CandorWizardPage *page = get_current_page (self);
  GtkWidget        *next_page = gtk_widget_get_next_sibling (GTK_WIDGET (page));
  gboolean          complete = candor_wizard_page_get_complete (page);
  gboolean          skippable = candor_wizard_page_get_skippable (page);
  gboolean          applying = candor_wizard_page_get_applying (page);
  g_autofree char  *subtitle = NULL;

  /* While the page applies, Back (and Escape) cancels instead. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.back",
                                 applying ||
                                   gtk_widget_get_prev_sibling (GTK_WIDGET (page)) != NULL);
  gtk_button_set_label (self->back_button, applying ? _("_Cancel") : _("_Back"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->back_button),
                               applying ? _("Stop (Escape)") : _("Previous step (Alt+Left)"));

  /* From any step that is complete, straight to the review: it lists what
   * the skipped steps still need. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.review",
                                 next_page != NULL && complete && !applying);
  gtk_widget_set_visible (GTK_WIDGET (self->review_button), next_page != NULL);

  /* The last step's apply step is publishing: Next becomes Publish. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.next",
                                 (complete || (skippable && next_page != NULL)) && !applying);
  if (next_page == NULL)
    {
      gtk_button_set_label (self->next_button, _("_Publish"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->next_button),
                                   _("Send to every channel at once (Ctrl+Enter)"));
    }
  else
    {
      gtk_button_set_label (self->next_button, !complete && skippable ? _("_Skip") : _("_Next"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->next_button), _("Next step (Ctrl+Enter)"));
    }

  /* TRANSLATORS: the wizard's progress, "Step 2 of 7" */
  subtitle = g_strdup_printf (_("Step %u of %u"), candor_wizard_get_step (self) + 1,
                                 candor_wizard_get_n_steps (self));
  adw_window_title_set_title (self->step_title, candor_wizard_page_get_title (page));
  adw_window_title_set_subtitle (self->step_title, subtitle);
}

static void
on_page_state_changed_cb (CandorWizard *self, GParamSpec *pspec, CandorWizardPage *page)
{
  update_buttons (self);
}

static void
watch_page (CandorWizard *self, CandorWizardPage *page)
{
  if (self->watched_page == page)
    return;

  if (self->watched_page != NULL)
    g_signal_handlers_disconnect_by_func (self->watched_page, on_page_state_changed_cb, self);
  g_set_object (&self->watched_page, page);
  if (page == NULL)
    return;

  g_signal_connect_object (page, "notify::complete", G_CALLBACK (on_page_state_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (page, "notify::skippable", G_CALLBACK (on_page_state_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (page, "notify::applying", G_CALLBACK (on_page_state_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
show_current_page (CandorWizard *self)
{
  CandorWizardPage *page = get_current_page (self);

  /* Leaving a page by any way but its apply step gives that step up. */
  if (self->applying_page != NULL && self->applying_page != page)
    {
      candor_wizard_page_apply_cancel (self->applying_page);
      self->applying_page = NULL;
    }

  watch_page (self, page);
  candor_wizard_page_shown (page);
  candor_accessible_name_row_controls (GTK_WIDGET (page));
  update_buttons (self);
  /* A draft restored later opens at this step. */
  if (self->autosave != NULL)
    candor_draft_autosave_set_step (self->autosave, candor_wizard_get_step (self));
}

static void
on_pages_visible_child_cb (CandorWizard *self, GParamSpec *pspec, GtkStack *pages)
{
  if (self->draft == NULL)
    return;

  show_current_page (self);
}

static void
on_preview_updated_cb (CandorWizard *self, CandorPreview *preview)
{
  GPtrArray *findings = candor_composition_get_findings (candor_preview_get_composition (preview));

  for (guint i = 0; i < self->editors->len; i++)
    candor_field_editor_set_findings (g_ptr_array_index (self->editors, i), findings);
}

/* Clicking a finding, in the preview or on the review step, shows its step
 * and selects the words it is about. A language with no text at all is
 * about no field: writing it starts at the first one. */
static void
on_preview_finding_activated_cb (CandorWizard *self, CandorFinding *finding, GtkWidget *source)
{
  gboolean whole =
    candor_finding_get_field (finding) < 0 && candor_finding_get_language (finding) != NULL;

  /* The title's translation is on the first step, below the title. */
  if (whole && candor_finding_get_quote (finding) != NULL)
    {
      gtk_stack_set_visible_child (self->pages, GTK_WIDGET (self->incident_page));
      candor_wizard_incident_page_focus_title (self->incident_page,
                                               candor_finding_get_language (finding));
      return;
    }

  for (guint i = 0; i < self->editors->len; i++)
    {
      CandorFieldEditor *editor = g_ptr_array_index (self->editors, i);
      GtkWidget         *page;

      if (!whole &&
          (int)candor_field_editor_get_field (editor) != candor_finding_get_field (finding))
        continue;

      page = gtk_widget_get_ancestor (GTK_WIDGET (editor), CANDOR_TYPE_WIZARD_PAGE);
      gtk_stack_set_visible_child (self->pages, page);
      /* A finding in the primary language may name it or not. */
      candor_field_editor_show_language (editor, candor_finding_get_language (finding));
      candor_field_editor_select_span (editor, candor_finding_get_start (finding),
                                       candor_finding_get_end (finding));
      return;
    }
}

static void
on_incident_page_template_cb (CandorWizard *self, GParamSpec *pspec, CandorWizardIncidentPage *page)
{
  g_auto (GStrv) names = candor_wizard_incident_page_dup_variable_names (page);

  for (guint i = 0; i < self->editors->len; i++)
    candor_field_editor_set_variables (g_ptr_array_index (self->editors, i),
                                       (const char *const *)names);
}

static void
on_default_width_changed_cb (CandorWizard *self, GParamSpec *pspec, GtkWindow *window)
{
  int            width, height;
  GtkOrientation orientation;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  orientation = width > 0 && width < SIDE_BY_SIDE_MIN_WIDTH ? GTK_ORIENTATION_VERTICAL
                                                            : GTK_ORIENTATION_HORIZONTAL;
  if (gtk_orientable_get_orientation (GTK_ORIENTABLE (self->panes)) == orientation)
    return;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->panes), orientation);
  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->preview_scroller), "beside");
      gtk_widget_add_css_class (GTK_WIDGET (self->preview_scroller), "below");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->preview_scroller), "below");
      gtk_widget_add_css_class (GTK_WIDGET (self->preview_scroller), "beside");
    }
}

static void
on_carried_bar_response_cb (CandorWizard *self, int response, GtkInfoBar *bar)
{
  gtk_widget_set_visible (GTK_WIDGET (bar), FALSE);
}

/* Says so while the draft is not being saved: a failed save, or no history
 * to save to. The words are still here; the user must not close in trust. */
static void
update_draft_bar (CandorWizard *self)
{
  const GError    *error = candor_draft_autosave_get_error (self->autosave);
  g_autofree char *message = NULL;

  if (error == NULL && candor_session_get_store (self->session) == NULL)
    error = candor_session_get_open_error (self->session);

  gtk_widget_set_visible (GTK_WIDGET (self->draft_bar), error != NULL);
  if (error == NULL)
    return;

  /* TRANSLATORS: %s is why saving failed, e.g. "The disk is full." */
  message = g_strdup_printf (_("%s\nKeep this window open, or copy what you wrote somewhere safe, "
                               "until the draft can be saved."),
                                error->message);
  gtk_label_set_label (self->draft_title, _("This Draft Is Not Being Saved"));
  gtk_label_set_label (self->draft_message, message);
}

/* A follow-up email replies, on each channel, to the messages that channel
 * already carried for this incident, so readers see one thread. */
static void
on_sent_updates_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CandorWizard *self = user_data;
  g_autoptr (GPtrArray) updates = NULL;
  g_autoptr (GHashTable) threads = NULL; /* channel id -> GPtrArray of Message-IDs */
  g_autoptr (GError) error = NULL;
  GHashTableIter iter;
  gpointer       channel_id, message_ids;

  updates = candor_store_load_updates_finish (CANDOR_STORE (source), result, &error);
  if (updates == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("Follow-up emails start threads of their own: %s", error->message);
      return;
    }

  threads =
    g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)g_ptr_array_unref);
  for (guint i = 0; i < updates->len; i++)
    {
      CandorSentUpdate *sent = g_ptr_array_index (updates, i);

      for (guint j = 0; j < sent->renditions->len; j++)
        {
          CandorSentRendition *rendition = g_ptr_array_index (sent->renditions, j);
          GPtrArray           *ids;

          if (rendition->message_id == NULL || rendition->channel_id == NULL)
            continue;
          ids = g_hash_table_lookup (threads, rendition->channel_id);
          if (ids == NULL)
            {
              ids = g_ptr_array_new ();
              g_hash_table_insert (threads, rendition->channel_id, ids);
            }
          g_ptr_array_add (ids, rendition->message_id);
        }
    }

  g_hash_table_iter_init (&iter, threads);
  while (g_hash_table_iter_next (&iter, &channel_id, &message_ids))
    {
      g_ptr_array_add (message_ids, NULL);
      candor_composition_set_email_thread (candor_preview_get_composition (self->preview),
                                           channel_id,
                                           (const char *const *)((GPtrArray *)message_ids)->pdata);
    }
}

/* The history opens after the main window's first frame, or later on "Try
 * Again": the pages that read from it follow it (the autosave follows the
 * session itself). */
static void
on_history_changed_cb (CandorWizard *self)
{
  CandorStore *store = candor_session_get_store (self->session);

  for (GtkWidget *page = gtk_widget_get_first_child (GTK_WIDGET (self->pages)); page != NULL;
       page = gtk_widget_get_next_sibling (page))
    candor_wizard_page_set_store (CANDOR_WIZARD_PAGE (page), store);

  if (store != NULL && self->incident_started)
    candor_store_load_updates_async (
      store, candor_incident_get_id (candor_draft_get_incident (self->draft)), self->cancellable,
      on_sent_updates_loaded_cb, self);

  update_draft_bar (self);
}

/* The preview, the review and Publish use the configured channels, read
 * with the history; until then the composition keeps its own defaults. */
static void
on_channels_changed_cb (CandorWizard *self)
{
  GListModel *model = G_LIST_MODEL (candor_session_get_channels (self->session));
  guint       n = g_list_model_get_n_items (model);
  g_autoptr (GPtrArray) channels = NULL;

  if (n == 0)
    return;

  channels = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (channels, g_list_model_get_item (model, i));
  candor_composition_set_channels (candor_preview_get_composition (self->preview), channels);
}

/* Every editor has a tab per language of the incident and checks each
 * tab's spelling in its language; the title is in the primary one. Any
 * property may be the languages, so every change is compared. */
static void
on_incident_language_cb (CandorWizard *self)
{
  CandorIncident *incident = candor_draft_get_incident (self->draft);
  g_auto (GStrv) languages = candor_incident_dup_languages (incident);

  for (guint i = 0; i < self->editors->len; i++)
    candor_field_editor_set_languages (g_ptr_array_index (self->editors, i),
                                       (const char *const *)languages);
  if (self->title_spell != NULL)
    candor_entry_spell_set_language (self->title_spell, candor_incident_get_language (incident));
}

static GtkWidget *
find_first_entry_row (GtkWidget *widget)
{
  if (ADW_IS_ENTRY_ROW (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_first_entry_row (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
go_to (CandorWizard *self, GtkWidget *page)
{
  if (page == NULL)
    return;

  gtk_stack_set_visible_child (self->pages, page);
  /* Start at the top of the new step, not where the old one left off. */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD);
}

static void
candor_wizard_back_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CandorWizard     *self = CANDOR_WIZARD (widget);
  CandorWizardPage *page = get_current_page (self);

  if (candor_wizard_page_get_applying (page))
    {
      candor_wizard_page_apply_cancel (page);
      return;
    }

  go_to (self, gtk_widget_get_prev_sibling (GTK_WIDGET (page)));
}

static void
move_on_from (CandorWizard *self, CandorWizardPage *page)
{
  /* The incident exists for the rest of the app once it has a name. */
  if (!self->incident_started && CANDOR_IS_WIZARD_INCIDENT_PAGE (page))
    {
      self->incident_started = TRUE;
      g_signal_emit (self, signals[INCIDENT_STARTED], 0, candor_draft_get_incident (self->draft));
    }

  go_to (self, gtk_widget_get_next_sibling (GTK_WIDGET (page)));
}

/* @user_data is a weak reference to the wizard: the page's work may end
 * after the wizard was closed. */
static void
on_page_applied_cb (CandorWizardPage *page, gboolean valid, gpointer user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr (CandorWizard) self = g_weak_ref_get (weak);

  g_weak_ref_clear (weak);
  g_free (weak);

  /* A step given up (another page shown, the wizard closed) moves nothing. */
  if (self == NULL || page != self->applying_page)
    return;

  self->applying_page = NULL;
  if (valid)
    move_on_from (self, page);
}

static void
candor_wizard_next_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CandorWizard     *self = CANDOR_WIZARD (widget);
  CandorWizardPage *page = get_current_page (self);
  GWeakRef         *weak;

  if (!candor_wizard_page_get_complete (page) && !candor_wizard_page_get_skippable (page))
    return;
  /* On the last step, Next is Publish: it may not be skipped. */
  if (candor_wizard_page_get_applying (page) ||
      (gtk_widget_get_next_sibling (GTK_WIDGET (page)) == NULL &&
       !candor_wizard_page_get_complete (page)))
    return;

  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, self);
  self->applying_page = page;
  candor_wizard_page_apply_begin (page, on_page_applied_cb, weak);
}

static void
candor_wizard_review_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CandorWizard     *self = CANDOR_WIZARD (widget);
  CandorWizardPage *page = get_current_page (self);

  if (!candor_wizard_page_get_complete (page) || candor_wizard_page_get_applying (page) ||
      gtk_widget_get_next_sibling (GTK_WIDGET (page)) == NULL)
    return;

  if (!self->incident_started && CANDOR_IS_WIZARD_INCIDENT_PAGE (page))
    {
      self->incident_started = TRUE;
      g_signal_emit (self, signals[INCIDENT_STARTED], 0, candor_draft_get_incident (self->draft));
    }

  go_to (self, GTK_WIDGET (self->review_page));
}

/* Ctrl+Z in a field that has nothing of its own to undo takes the last
 * template back whole. */
static void
candor_wizard_undo_template_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CandorWizard *self = CANDOR_WIZARD (widget);

  if (candor_wizard_incident_page_undo_template (self->incident_page))
    for (guint i = 0; i < self->editors->len; i++)
      candor_field_editor_forget_undo (g_ptr_array_index (self->editors, i));
}

/* A template written forgets what each field could undo before it: the
 * next Ctrl+Z in any field takes the template back, not half of it. */
static void
on_incident_page_can_undo_cb (CandorWizard *self)
{
  for (guint i = 0; i < self->editors->len; i++)
    candor_field_editor_forget_undo (g_ptr_array_index (self->editors, i));
}

/* The focus starts in the step, on its first field (the title), not on a
 * header bar button: a stressed author just types. */
static void
on_map_cb (CandorWizard *self, gpointer user_data)
{
  g_signal_handlers_disconnect_by_func (self, on_map_cb, user_data);
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_widget_child_focus (GTK_WIDGET (get_current_page (self)), GTK_DIR_TAB_FORWARD);
}

static gboolean
close_cb (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));

  return G_SOURCE_REMOVE;
}

static void
on_close_dialog_response_cb (CandorWizard *self, const char *response, AdwMessageDialog *dialog)
{
  if (g_str_equal (response, "cancel"))
    return;

  if (g_str_equal (response, "discard"))
    candor_draft_autosave_discard (self->autosave);

  /* Close once the dialog is gone: it is transient for this window. */
  self->close_confirmed = TRUE;
  g_idle_add_full (G_PRIORITY_DEFAULT, close_cb, g_object_ref (self), g_object_unref);
}

/* Published or marked as sent: the update is in the history, so its draft
 * goes and closing no longer asks about it. Once everything went out the
 * wizard closes; otherwise it stays to show what waits or failed. */
static void
on_review_page_sent_cb (CandorWizard *self, gboolean finished, CandorWizardReviewPage *page)
{
  if (self->autosave != NULL)
    candor_draft_autosave_discard (self->autosave);
  self->close_confirmed = TRUE;
  g_signal_emit (self, signals[UPDATE_SENT], 0, candor_draft_get_incident (self->draft));
  if (finished)
    g_idle_add_full (G_PRIORITY_DEFAULT, close_cb, g_object_ref (self), g_object_unref);
}

/* Closing with unsent changes asks once: keep the draft for later (it is
 * offered again at the next start), or throw it away. */
static gboolean
on_close_request_cb (CandorWizard *self, GtkWindow *window)
{
  GtkWidget *dialog;

  if (self->close_confirmed || self->autosave == NULL ||
      !candor_draft_autosave_get_changed (self->autosave))
    return FALSE;

  dialog = adw_message_dialog_new (
    GTK_WINDOW (self), _("Keep the Unsent Update?"),
                          _("The update has not been sent. Its draft is saved: keep it "
                                     "to finish later, or discard it."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel",
                                    _("_Cancel"), "discard",
                                       _("_Discard"), "keep", _("_Keep Draft"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "keep",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_dialog_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

static void
candor_wizard_dispose (GObject *object)
{
  CandorWizard *self = CANDOR_WIZARD (object);

  g_clear_pointer (&self->editors, g_ptr_array_unref);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->applying_page != NULL)
    {
      candor_wizard_page_apply_cancel (self->applying_page);
      self->applying_page = NULL;
    }
  watch_page (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CANDOR_TYPE_WIZARD);
  g_clear_object (&self->autosave);
  if (self->title_spell != NULL)
    g_object_run_dispose (G_OBJECT (self->title_spell));
  g_clear_object (&self->title_spell);
  g_clear_object (&self->draft);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (candor_wizard_parent_class)->dispose (object);
}

static void
candor_wizard_class_init (CandorWizardClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = candor_wizard_dispose;

  /* Emitted once, when the first step is done: the incident has a name. */
  signals[INCIDENT_STARTED] =
    g_signal_new ("incident-started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, CANDOR_TYPE_INCIDENT);
  /* Emitted once the update is in the history, just before the wizard closes. */
  signals[UPDATE_SENT] = g_signal_new ("update-sent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, CANDOR_TYPE_INCIDENT);

  g_type_ensure (CANDOR_TYPE_PREVIEW);
  g_type_ensure (CANDOR_TYPE_WIZARD_INCIDENT_PAGE);
  g_type_ensure (CANDOR_TYPE_WIZARD_IMPACT_PAGE);
  g_type_ensure (CANDOR_TYPE_WIZARD_SUMMARY_PAGE);
  g_type_ensure (CANDOR_TYPE_WIZARD_DETAILS_PAGE);
  g_type_ensure (CANDOR_TYPE_WIZARD_CONTACT_PAGE);
  g_type_ensure (CANDOR_TYPE_WIZARD_NEXT_UPDATE_PAGE);
  g_type_ensure (CANDOR_TYPE_WIZARD_REVIEW_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/candor/Candor/candor-wizard.ui");
  gtk_widget_class_bind_template_child (widget_class, CandorWizard, step_title);
  gtk_widget_class_bind_template_child (widget_class, CandorWizard, draft_bar);
  gtk_widget_class_bind_template_child (widget_class, CandorWizard, draft_title);
  gtk_widget_class_bind_template_child (widget_class, CandorWizard, draft_message);
  gtk_widget_class_bind_template_child (widget_class, CandorWizard, carried_bar);
  gtk_widget_class_bind_template_child (widget_class, CandorWizard, carried_message);
  gtk_widget_class_bind_template_child (widget_class, CandorWizard, back_button);
  gtk_widget_class_bind_template_child (widget_class, CandorWizard, next_button);
  gtk_widget_class_bind_template_child (widget_class, CandorWizard, review_button);
  gtk_widget_class_bind_template_child (widget_class, CandorWizard, panes);
  gtk_widget_class_bind_template_child (widget_class, CandorWizard, pages);
  gtk_widget_class_bind_template_child (widget_class, CandorWizard, preview_scroller);
  gtk_widget_class_bind_template_child (widget_class, CandorWizard, preview);
  gtk_widget_class_bind_template_child (widget_class, CandorWizard, incident_page);
  gtk_widget_class_bind_template_child (widget_class, CandorWizard, details_page);
  gtk_widget_class_bind_template_child (widget_class, CandorWizard, contact_page);
  gtk_widget_class_bind_template_child (widget_class, CandorWizard, next_update_page);
  gtk_widget_class_bind_template_child (widget_class, CandorWizard, review_page);
  gtk_widget_class_bind_template_callback (widget_class, on_pages_visible_child_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_carried_bar_response_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_preview_updated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_preview_finding_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_review_page_sent_cb);

  gtk_widget_class_install_action (widget_class, "wizard.back", NULL, candor_wizard_back_action);
  gtk_widget_class_install_action (widget_class, "wizard.next", NULL, candor_wizard_next_action);
  gtk_widget_class_install_action (widget_class, "wizard.review", NULL,
                                   candor_wizard_review_action);
  gtk_widget_class_install_action (widget_class, "wizard.undo-template", NULL,
                                   candor_wizard_undo_template_action);
  /* Escape only when nothing inside wants it (a popover, a completion);
   * Ctrl+Enter and Alt+arrows are caught before the editors, in the .ui. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "wizard.back", NULL);
}

static void
candor_wizard_init (CandorWizard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Copy and Save say that they did it, in a toast over the whole window. */
  {
    GtkWidget *content = g_object_ref (adw_window_get_content (ADW_WINDOW (self)));
    GtkWidget *overlay = adw_toast_overlay_new ();

    adw_window_set_content (ADW_WINDOW (self), overlay);
    adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), content);
    g_object_unref (content);
  }

  self->editors = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  collect_editors (GTK_WIDGET (self->pages), self->editors);

  g_signal_connect_object (self->incident_page, "notify::template",
                           G_CALLBACK (on_incident_page_template_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->incident_page, "notify::template",
                           G_CALLBACK (on_incident_page_can_undo_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), NULL);

  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request_cb), NULL);
  g_signal_connect (self, "notify::default-width", G_CALLBACK (on_default_width_changed_cb), NULL);
  on_default_width_changed_cb (self, NULL, GTK_WINDOW (self));
}

CandorWizard *
candor_wizard_new (GtkApplication *application, GtkWindow *parent, CandorDraft *draft)
{
  CandorWizard   *self;
  CandorIncident *incident;
  CandorUpdate   *update;

  g_return_val_if_fail (CANDOR_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CANDOR_IS_DRAFT (draft), NULL);

  self =
    g_object_new (CANDOR_TYPE_WIZARD, "application", application, "transient-for", parent, NULL);
  self->session = g_object_ref (candor_application_get_session (CANDOR_APPLICATION (application)));
  self->draft = g_object_ref (draft);
  incident = candor_draft_get_incident (draft);
  update = candor_draft_get_update (draft);

  /* An incident that already has a title is already in the list. */
  self->incident_started = *candor_incident_get_title (incident) != '\0';

  for (GtkWidget *page = gtk_widget_get_first_child (GTK_WIDGET (self->pages)); page != NULL;
       page = gtk_widget_get_next_sibling (page))
    candor_wizard_page_set_draft (CANDOR_WIZARD_PAGE (page), incident, update);
  for (guint i = 0; i < self->editors->len; i++)
    candor_field_editor_set_update (g_ptr_array_index (self->editors, i), update);
  /* The incident step's first row is the title. */
  {
    GtkWidget *title_row = find_first_entry_row (GTK_WIDGET (self->incident_page));

    if (title_row != NULL)
      self->title_spell =
        candor_entry_spell_new (ADW_ENTRY_ROW (title_row), candor_spell_checker_get_default ());
  }
  g_signal_connect_object (incident, "notify", G_CALLBACK (on_incident_language_cb), self,
                           G_CONNECT_SWAPPED);
  on_incident_language_cb (self);

  candor_preview_set_draft (self->preview, incident, update, candor_draft_get_audiences (draft));
  candor_wizard_review_page_set_composition (self->review_page,
                                             candor_preview_get_composition (self->preview));
  candor_wizard_next_update_page_set_audiences (self->next_update_page,
                                                candor_draft_get_audiences (draft));
  candor_wizard_incident_page_set_audiences (self->incident_page,
                                             candor_draft_get_audiences (draft));
  candor_wizard_details_page_set_audiences (self->details_page, candor_draft_get_audiences (draft));
  candor_wizard_contact_page_set_session (self->contact_page, self->session);
  candor_wizard_review_page_set_session (self->review_page, self->session);
  g_signal_connect_object (candor_session_get_channels (self->session), "items-changed",
                           G_CALLBACK (on_channels_changed_cb), self, G_CONNECT_SWAPPED);
  on_channels_changed_cb (self);
  self->autosave = candor_draft_autosave_new (self->session, draft);
  g_signal_connect_object (self->autosave, "notify::error", G_CALLBACK (update_draft_bar), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::store", G_CALLBACK (on_history_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::open-error", G_CALLBACK (on_history_changed_cb),
                           self, G_CONNECT_SWAPPED);
  /* A template imported with candor-cli while the wizard is open shows. */
  g_signal_connect_object (self->session, "templates-changed",
                           G_CALLBACK (candor_wizard_incident_page_reload_templates),
                           self->incident_page, G_CONNECT_SWAPPED);
  on_history_changed_cb (self);

  /* A restored draft opens at the step its author was on. */
  {
    GtkWidget *page = gtk_widget_get_first_child (GTK_WIDGET (self->pages));

    for (guint i = 0; i < candor_draft_get_step (draft) && page != NULL; i++)
      page = gtk_widget_get_next_sibling (page);
    if (page != NULL && page != gtk_stack_get_visible_child (self->pages))
      gtk_stack_set_visible_child (self->pages, page);
    else
      show_current_page (self);
  }

  return self;
}

CandorDraft *
candor_wizard_get_draft (CandorWizard *self)
{
  g_return_val_if_fail (CANDOR_IS_WIZARD (self), NULL);

  return self->draft;
}

CandorPreview *
candor_wizard_get_preview (CandorWizard *self)
{
  g_return_val_if_fail (CANDOR_IS_WIZARD (self), NULL);

  return self->preview;
}

CandorDraftAutosave *
candor_wizard_get_autosave (CandorWizard *self)
{
  g_return_val_if_fail (CANDOR_IS_WIZARD (self), NULL);

  return self->autosave;
}

guint
candor_wizard_get_step (CandorWizard *self)
{
  g_return_val_if_fail (CANDOR_IS_WIZARD (self), 0);

  return get_page_index (self, gtk_stack_get_visible_child (self->pages));
}

guint
candor_wizard_get_n_steps (CandorWizard *self)
{
  guint n = 0;

  g_return_val_if_fail (CANDOR_IS_WIZARD (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->pages)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;

  return n;
}

void
candor_wizard_set_started_from (CandorWizard *self, GDateTime *sent_at)
{
  g_autoptr (GDateTime) local = NULL;
  g_autoptr (GDateTime) now = NULL;
  g_autofree char *when = NULL;
  g_autofree char *message = NULL;

  g_return_if_fail (CANDOR_IS_WIZARD (self));
  g_return_if_fail (sent_at != NULL);

  local = g_date_time_to_local (sent_at);
  now = g_date_time_new_now_local ();
  if (g_date_time_get_year (local) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
    /* Translators: a time of day today, see the strftime manual */
    when = g_date_time_format (local, _("%H:%M"));
  else
    /* Translators: a date and time, see the strftime manual */
    when = g_date_time_format (local, _("%-e %b, %H:%M"));

  /* Translators: %s is when the last update went out, "14:05" or "3 Jun, 14:05" */
  message = g_strdup_printf (_("Started from the update sent at %s — change what is new."), when);
  gtk_label_set_text (self->carried_message, message);
  gtk_widget_set_visible (GTK_WIDGET (self->carried_bar), TRUE);
}
