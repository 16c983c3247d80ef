/* candor-wizard-review-page.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-wizard-review-page"

#include "config.h"

#include <glib/gi18n.h>

#include "candor-language.h"
#include "candor-dialect.h"
#include "candor-mark-sent-dialog.h"
#include "candor-publication-row.h"
#include "candor-wizard-review-page.h"

/* Step 7: every audience's and channel's final text, the checks still open,
 * and for critical or SLA-bound incidents the legal review; then Publish
 * (the page's apply step: every channel of every audience at once, a row
 * each showing how it goes), or, for a message sent by hand, copying the
 * email, saving it as .eml and Mark as Sent. */
struct _CandorWizardReviewPage
{
  CandorWizardPage parent_instance;

  GtkLabel            *publish_status;
  GtkListBox          *publications_list;
  AdwPreferencesGroup *checks_group;
  GtkListBox          *checks_list;
  AdwPreferencesGroup *legal_group;
  GtkSwitch           *legal_switch;
  AdwComboRow         *audience_row;
  GtkStringList       *audience_names;
  GtkListBox          *texts_list;

  CandorComposition *composition;
  CandorSession     *session;

  /* While publishing: the renditions sent, a row each in the same order,
   * and which row each outbox rendition id is shown in. */
  CandorPublisher *publisher;
  GPtrArray       *publishing;
  GPtrArray       *rows;
  GHashTable      *rows_by_rendition;
  /* The update is in the history: it must not be published or marked again. */
  gboolean recorded;
};

G_DEFINE_FINAL_TYPE (CandorWizardReviewPage, candor_wizard_review_page, CANDOR_TYPE_WIZARD_PAGE)

enum
{
  FINDING_ACTIVATED,
  SENT,
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

/* The renditions Publish sends: those whose channel is configured. */
static GPtrArray *
dup_publishable (CandorWizardReviewPage *self)
{
  GPtrArray *renditions = candor_composition_get_renditions (self->composition);
  GPtrArray *publishable = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < renditions->len; i++)
    if (candor_channel_find (candor_composition_get_channels (self->composition),
                             candor_rendition_get_channel_id (g_ptr_array_index (renditions, i))) !=
        NULL)
      g_ptr_array_add (publishable, g_object_ref (g_ptr_array_index (renditions, i)));

  return publishable;
}

static guint
count_publications (CandorWizardReviewPage *self)
{
  g_autoptr (GPtrArray) publishable = dup_publishable (self);

  return publishable->len;
}

/* The names of the channels Publish sends to, each once, in the order of
 * the renditions: an audience's rendition counts as a message, not as a
 * channel, so several audiences on one channel name it once. */
static char *
dup_channel_names (CandorWizardReviewPage *self, guint *n_channels)
{
  g_autoptr (GPtrArray) publishable = dup_publishable (self);
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < publishable->len; i++)
    {
      const char *channel_id = candor_rendition_get_channel_id (g_ptr_array_index (publishable, i));
      CandorChannel *channel =
        candor_channel_find (candor_composition_get_channels (self->composition), channel_id);

      if (g_hash_table_add (seen, (gpointer)channel_id))
        g_ptr_array_add (names, (gpointer)candor_channel_get_name (channel));
    }
  *n_channels = names->len;
  g_ptr_array_add (names, NULL);

  /* Translators: separates channel names in a list, e.g. "Email, Slack". */
  return g_strjoinv (_(", "), (char **)names->pdata);
}

/* Why Publish cannot go yet, in the order the author can act on it; %NULL
 * when it can. */
static char *
dup_blocker (CandorWizardReviewPage *self)
{
  GPtrArray *findings = candor_composition_get_findings (self->composition);
  guint      errors = 0;
  guint      missing = 0;
  guint      placeholders = 0;

  if (self->recorded)
    return g_strdup (_("This update is in the history. What has not gone out yet is sent from "
                       "the outbox; the incident's page shows how it goes."));

  if (self->session == NULL || candor_session_get_publisher (self->session) == NULL)
    return g_strdup (_("Publishing starts once the history is open."));

  if (needs_legal_review (self) && !gtk_switch_get_active (self->legal_switch))
    return g_strdup (_("Publish waits for the legal and contract review below."));

  /* A placeholder is left for the author to write: said first, as only
   * writing clears it. */
  for (guint i = 0; i < findings->len; i++)
    if (!candor_finding_get_acknowledgeable (g_ptr_array_index (findings, i)))
      placeholders++;
  if (placeholders > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Publish waits for %u placeholder below: write what it "
                                         "stands for, or delete it.",
                                         "Publish waits for %u placeholders below: write what "
                                         "they stand for, or delete them.",
                                         placeholders),
                            placeholders);

  /* The composition lists only the findings not acknowledged. */
  for (guint i = 0; i < findings->len; i++)
    if (candor_finding_get_severity (g_ptr_array_index (findings, i)) ==
        CANDOR_FINDING_SEVERITY_ERROR)
      errors++;
  for (guint i = 0; i < findings->len; i++)
    if (g_strcmp0 (candor_finding_get_rule_id (g_ptr_array_index (findings, i)),
                   "translation-missing") == 0)
      missing++;
  if (missing > 0 && missing == errors)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Publish waits for %u translation below: write it, or "
                                         "send that audience the primary language on purpose.",
                                         "Publish waits for %u translations below: write them, or "
                                         "send those audiences the primary language on purpose.",
                                         missing),
                            missing);
  if (errors > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Publish waits for %u error among the checks below: fix "
                                         "it, or acknowledge it if the text is right.",
                                         "Publish waits for %u errors among the checks below: fix "
                                         "them, or acknowledge them if the text is right.",
                                         errors),
                            errors);

  if (count_publications (self) == 0)
    return g_strdup (_("No channel reaches the selected audiences. Add one in Preferences, or "
                       "send the update yourself and record it with Mark as Sent."));

  return NULL;
}

static void
update_complete (CandorWizardReviewPage *self)
{
  g_autofree char *blocker = NULL;
  g_autofree char *plan = NULL;
  g_autofree char *channels = NULL;
  guint            n;

  gtk_widget_set_visible (GTK_WIDGET (self->legal_group), needs_legal_review (self));

  /* While publishing, the rows say how it goes. */
  if (candor_wizard_page_get_applying (CANDOR_WIZARD_PAGE (self)))
    return;

  blocker = dup_blocker (self);
  channels = dup_channel_names (self, &n);
  /* Translators: %u is the number of channels, %s their names. */
  plan = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Publish (Ctrl+Enter) sends this update to %u channel: %s.",
                                       "Publish (Ctrl+Enter) sends this update to %u channels at "
                                       "once: %s.",
                                       n),
                          n, channels);
  gtk_label_set_label (self->publish_status, blocker != NULL ? blocker : plan);
  candor_wizard_page_set_complete (CANDOR_WIZARD_PAGE (self), blocker == NULL);
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

static const char *
get_primary_language (CandorWizardReviewPage *self)
{
  CandorIncident *incident = candor_composition_get_incident (self->composition);
  const char     *language = incident != NULL ? candor_incident_get_language (incident) : NULL;

  return language != NULL ? language : "en";
}

/* The language a finding is in, when the incident has several; NULL when
 * it has one and every finding is in it. */
static const char *
get_finding_language (CandorWizardReviewPage *self, CandorFinding *finding)
{
  CandorIncident *incident = candor_composition_get_incident (self->composition);

  if (candor_finding_get_language (finding) != NULL)
    return candor_finding_get_language (finding);
  if (incident == NULL || candor_incident_get_other_languages (incident)[0] == NULL)
    return NULL;

  return get_primary_language (self);
}

/* Under the explanation: what to write instead, then where and which words,
 * and in which language. */
static char *
finding_subtitle (CandorWizardReviewPage *self, CandorFinding *finding)
{
  g_autoptr (GString) subtitle = g_string_new (candor_finding_get_suggestion (finding));
  int              field = candor_finding_get_field (finding);
  const char      *quote = candor_finding_get_quote (finding);
  const char      *language = get_finding_language (self, finding);
  g_autofree char *place = NULL;

  if (field >= 0 && field < CANDOR_N_FIELDS && quote != NULL)
    /* TRANSLATORS: a field of the message and the words a check found in it, e.g.
     * Executive Summary: “caused by our vendor”. */
    place = g_strdup_printf (_("%s: “%s”"), candor_field_get_label (field), quote);
  else if (field >= 0 && field < CANDOR_N_FIELDS)
    place = g_strdup (candor_field_get_label (field));
  else if (quote != NULL)
    place = g_strdup_printf (_("“%s”"), quote);

  if (language != NULL)
    {
      g_autofree char *where = place;

      /* TRANSLATORS: where a check found something, and in which language,
       * e.g. "Executive Summary: “caused by our vendor” · Deutsch" */
      place =
        where != NULL ? g_strdup_printf (_("%s · %s"), where, candor_language_get_label (language))
                      : g_strdup (candor_language_get_label (language));
    }

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
      g_autofree char *subtitle = finding_subtitle (self, finding);
      const char      *rule = candor_finding_get_rule_id (finding);
      g_autofree char *fix = NULL;
      g_autofree char *acknowledge = NULL;
      GtkWidget       *buttons;
      GtkWidget       *icon;

      /* A missing translation is a choice between two things the author
       * does on purpose: write it, or let that audience read the primary
       * language. An outdated one is read again, or confirmed. */
      if (g_strcmp0 (rule, "translation-missing") == 0)
        {
          fix = g_strdup (_("_Write It"));
          /* TRANSLATORS: %s is the incident's primary language, e.g.
           * "Send in English on Purpose" */
          acknowledge = g_strdup_printf (
            _("Send in %s on Purpose"), candor_language_get_label (get_primary_language (self)));
        }
      else if (g_strcmp0 (rule, "translation-outdated") == 0)
        {
          fix = g_strdup (_("_Fix"));
          acknowledge = g_strdup (_("_Looks Right"));
        }
      else
        {
          fix = g_strdup (_("_Fix"));
          acknowledge = g_strdup (_("A_cknowledge"));
        }

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     candor_finding_get_message (finding));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      /* An error holds Publish back: the author must see which one it is. */
      icon = gtk_image_new_from_icon_name (candor_finding_get_severity (finding) ==
                                               CANDOR_FINDING_SEVERITY_ERROR
                                             ? "dialog-error-symbolic"
                                             : "dialog-warning-symbolic");
      gtk_accessible_update_property (
        GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
        candor_finding_severity_get_label (candor_finding_get_severity (finding)), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      /* The buttons side by side; a language's name makes the choice for a
       * missing translation long: those two go one above the other, so
       * the explanation keeps its width. */
      buttons =
        gtk_box_new (g_strcmp0 (rule, "translation-missing") == 0 ? GTK_ORIENTATION_VERTICAL
                                                                  : GTK_ORIENTATION_HORIZONTAL,
                     6);
      gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (buttons),
                      finding_button_new (self, finding, fix, G_CALLBACK (on_fix_clicked_cb)));
      /* A placeholder is never right as it is: no Acknowledge for it. */
      if (candor_finding_get_acknowledgeable (finding))
        gtk_box_append (
          GTK_BOX (buttons),
          finding_button_new (self, finding, acknowledge, G_CALLBACK (on_acknowledge_clicked_cb)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), buttons);
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

/* One row per rendition Publish sends, audience by audience. */
static void
show_publications (CandorWizardReviewPage *self, GPtrArray *renditions)
{
  GPtrArray *audiences = candor_composition_get_audiences (self->composition);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->publications_list))) != NULL)
    gtk_list_box_remove (self->publications_list, child);
  g_ptr_array_set_size (self->rows, 0);
  g_hash_table_remove_all (self->rows_by_rendition);

  for (guint i = 0; i < renditions->len; i++)
    {
      GtkWidget       *row;
      CandorRendition *rendition = g_ptr_array_index (renditions, i);
      const char      *audience_id = candor_rendition_get_audience_id (rendition);
      const char      *audience_name = audience_id;
      CandorChannel   *channel =
        candor_channel_find (candor_composition_get_channels (self->composition),
                             candor_rendition_get_channel_id (rendition));

      if (channel == NULL)
        continue;

      for (guint j = 0; audiences != NULL && j < audiences->len; j++)
        if (g_str_equal (candor_audience_get_id (g_ptr_array_index (audiences, j)), audience_id))
          audience_name = candor_audience_get_name (g_ptr_array_index (audiences, j));

      row = candor_publication_row_new (audience_id, audience_name, candor_channel_get_id (channel),
                                        candor_channel_get_name (channel));
      g_ptr_array_add (self->rows, g_object_ref (row));
      gtk_list_box_append (self->publications_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->publications_list), TRUE);
}

static gboolean
row_is_bound (CandorWizardReviewPage *self, CandorPublicationRow *row)
{
  GHashTableIter iter;
  gpointer       value;

  g_hash_table_iter_init (&iter, self->rows_by_rendition);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (value == row)
      return TRUE;

  return FALSE;
}

/* The outbox names a publication by its rendition's id, which the rows
 * learn as the publications are queued: one per rendition, in the order
 * they were given, so the first unbound row of the channel is this one. */
static CandorPublicationRow *
find_row (CandorWizardReviewPage *self, const CandorPublication *publication)
{
  CandorPublicationRow *row =
    g_hash_table_lookup (self->rows_by_rendition, &publication->rendition_id);

  if (row != NULL)
    return row;

  for (guint i = 0; i < self->rows->len; i++)
    {
      CandorPublicationRow *candidate = g_ptr_array_index (self->rows, i);

      if (g_strcmp0 (candor_publication_row_get_channel_id (candidate), publication->channel_id) ==
            0 &&
          !row_is_bound (self, candidate))
        {
          g_hash_table_insert (self->rows_by_rendition,
                               g_memdup2 (&publication->rendition_id, sizeof (gint64)), candidate);
          return candidate;
        }
    }

  return NULL;
}

static void
on_publication_changed_cb (CandorWizardReviewPage *self,
                           CandorPublication      *publication,
                           CandorPublisher        *publisher)
{
  CandorPublicationRow *row = find_row (self, publication);

  /* Not one of this update's: the outbox is sending an older one. */
  if (row == NULL)
    return;

  candor_publication_row_set_publication (row, publication,
                                          candor_publisher_get_online (publisher));
}

static void
stop_following_publisher (CandorWizardReviewPage *self)
{
  if (self->publisher != NULL)
    g_signal_handlers_disconnect_by_data (self->publisher, self);
  g_clear_object (&self->publisher);
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

/* Says that something was done, in the window's toast overlay. */
static void
show_toast (CandorWizardReviewPage *self, const char *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast  *toast;

  if (overlay == NULL)
    return;

  toast = adw_toast_new (text);
  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

static void
on_eml_saved_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CandorWizardReviewPage *self = CANDOR_WIZARD_REVIEW_PAGE (source);
  g_autoptr (GFile) file = user_data;
  g_autoptr (GError) error = NULL;
  GtkWidget *message;

  if (candor_wizard_review_page_save_eml_finish (self, result, &error))
    {
      g_autofree char *where = g_file_get_parse_name (file);
      /* Translators: %s is where the email file was saved, "/home/ana/Incident update.eml" */
      g_autofree char *text = g_strdup_printf (_("Email saved to “%s”"), where);

      show_toast (self, text);
      return;
    }
  if (gtk_widget_get_root (GTK_WIDGET (self)) == NULL)
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
    candor_wizard_review_page_save_eml_async (self, file, NULL, on_eml_saved_cb,
                                              g_object_ref (file));

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

/* The update is in the history: the wizard closes when everything went
 * out; otherwise it stays, showing what waits or failed. */
static void
show_recorded (CandorWizardReviewPage *self, CandorSentUpdate *sent)
{
  gboolean all_sent = TRUE;

  self->recorded = TRUE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.mark-sent", FALSE);

  for (guint i = 0; i < sent->publications->len; i++)
    {
      CandorPublication    *publication = g_ptr_array_index (sent->publications, i);
      CandorPublicationRow *row = find_row (self, publication);

      if (row != NULL)
        candor_publication_row_set_publication (row, publication,
                                                self->publisher == NULL ||
                                                  candor_publisher_get_online (self->publisher));
      all_sent = all_sent && publication->state == CANDOR_PUBLICATION_STATE_SENT;
    }

  update_complete (self);
  g_signal_emit (self, signals[SENT], 0, all_sent);
}

static void
on_published_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (CandorWizardReviewPage) self = user_data;
  g_autoptr (CandorSentUpdate) sent = NULL;
  g_autoptr (GError) error = NULL;

  sent = candor_publisher_publish_finish (CANDOR_PUBLISHER (source), result, &error);
  candor_wizard_page_apply_complete (CANDOR_WIZARD_PAGE (self), FALSE);

  /* The wizard closed meanwhile: nothing left to show it in. */
  if (self->composition == NULL)
    return;

  if (sent != NULL)
    show_recorded (self, sent);
  else
    {
      g_autofree char *message = NULL;

      /* Nothing was recorded: the author may publish again. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        message = g_strdup (_("Publishing was cancelled before anything went out."));
      else
        /* Translators: %s says why, e.g. "The disk is full." */
        message = g_strdup_printf (_("Could not publish: %s"), error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->publications_list), FALSE);
      update_complete (self);
      gtk_label_set_label (self->publish_status, message);
    }

  stop_following_publisher (self);
}

/* Publish: every publishable rendition at once, a row each. Cancel (the
 * wizard's Back or Escape while this runs) stops what has not gone out. */
static gboolean
candor_wizard_review_page_apply (CandorWizardPage *page, GCancellable *cancellable)
{
  CandorWizardReviewPage *self = CANDOR_WIZARD_REVIEW_PAGE (page);
  CandorPublisher        *publisher;

  if (self->composition == NULL || self->session == NULL || self->recorded ||
      (publisher = candor_session_get_publisher (self->session)) == NULL)
    return FALSE;

  g_clear_pointer (&self->publishing, g_ptr_array_unref);
  self->publishing = dup_publishable (self);
  show_publications (self, self->publishing);
  gtk_label_set_label (self->publish_status,
                       _("Publishing to every channel at once. Cancel (Escape) stops what has not "
                         "gone out yet."));

  stop_following_publisher (self);
  self->publisher = g_object_ref (publisher);
  g_signal_connect_object (publisher, "publication-changed", G_CALLBACK (on_publication_changed_cb),
                           self, G_CONNECT_SWAPPED);
  candor_publisher_publish_async (publisher, candor_wizard_page_get_incident (page),
                                  candor_wizard_page_get_update (page), self->publishing,
                                  cancellable, on_published_cb, g_object_ref (self));

  return TRUE;
}

static void
on_marked_sent_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (CandorWizardReviewPage) self = user_data;
  g_autoptr (CandorSentUpdate) sent = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *message;

  sent = candor_publisher_mark_sent_finish (CANDOR_PUBLISHER (source), result, &error);
  if (self->composition == NULL)
    return;
  if (sent != NULL)
    {
      show_recorded (self, sent);
      return;
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.mark-sent", TRUE);
  if (gtk_widget_get_root (GTK_WIDGET (self)) == NULL)
    return;

  message = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                    _("Could Not Record the Update"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (message), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (message));
}

/* What was sent by hand: the selected audience's email when it has one
 * (what Copy and Save .eml give), else every rendition of that audience. */
static GPtrArray *
dup_sent_by_hand (CandorWizardReviewPage *self)
{
  GPtrArray       *renditions = candor_composition_get_renditions (self->composition);
  GPtrArray       *sent = g_ptr_array_new_with_free_func (g_object_unref);
  CandorRendition *email = get_selected_email (self);
  CandorAudience  *audience = get_selected_audience (self);

  if (email != NULL)
    {
      g_ptr_array_add (sent, g_object_ref (email));
      return sent;
    }

  for (guint i = 0; audience != NULL && i < renditions->len; i++)
    if (g_str_equal (candor_rendition_get_audience_id (g_ptr_array_index (renditions, i)),
                     candor_audience_get_id (audience)))
      g_ptr_array_add (sent, g_object_ref (g_ptr_array_index (renditions, i)));

  return sent;
}

static void
record_marked_sent (CandorWizardReviewPage *self, GDateTime *sent_at)
{
  CandorPublisher *publisher =
    self->session != NULL ? candor_session_get_publisher (self->session) : NULL;
  g_autoptr (GPtrArray) renditions = NULL;

  if (publisher == NULL || self->recorded || self->composition == NULL)
    return;

  /* Once: a second click while the first is recorded would record it twice. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.mark-sent", FALSE);
  renditions = dup_sent_by_hand (self);
  candor_publisher_mark_sent_async (
    publisher, candor_wizard_page_get_incident (CANDOR_WIZARD_PAGE (self)),
    candor_wizard_page_get_update (CANDOR_WIZARD_PAGE (self)), renditions, sent_at, NULL,
    on_marked_sent_cb, g_object_ref (self));
}

static void
on_mark_sent_response_cb (CandorWizardReviewPage *self,
                          const char             *response,
                          CandorMarkSentDialog   *dialog)
{
  g_autoptr (GDateTime) sent_at = NULL;

  if (!g_str_equal (response, "mark") ||
      (sent_at = candor_mark_sent_dialog_dup_sent_at (dialog)) == NULL)
    return;

  record_marked_sent (self, sent_at);
}

static void
candor_wizard_review_page_mark_sent_action (GtkWidget  *widget,
                                            const char *action_name,
                                            GVariant   *parameter)
{
  CandorMarkSentDialog *dialog =
    candor_mark_sent_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)));

  g_signal_connect_object (dialog, "response", G_CALLBACK (on_mark_sent_response_cb), widget,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
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
  stop_following_publisher (self);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_pointer (&self->publishing, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CANDOR_TYPE_WIZARD_REVIEW_PAGE);

  G_OBJECT_CLASS (candor_wizard_review_page_parent_class)->dispose (object);
}

static void
candor_wizard_review_page_finalize (GObject *object)
{
  CandorWizardReviewPage *self = CANDOR_WIZARD_REVIEW_PAGE (object);

  g_ptr_array_unref (self->rows);
  g_hash_table_unref (self->rows_by_rendition);

  G_OBJECT_CLASS (candor_wizard_review_page_parent_class)->finalize (object);
}

static void
candor_wizard_review_page_class_init (CandorWizardReviewPageClass *klass)
{
  GObjectClass          *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass        *widget_class = GTK_WIDGET_CLASS (klass);
  CandorWizardPageClass *page_class = CANDOR_WIZARD_PAGE_CLASS (klass);

  object_class->dispose = candor_wizard_review_page_dispose;
  object_class->finalize = candor_wizard_review_page_finalize;
  page_class->shown = candor_wizard_review_page_shown;
  page_class->apply = candor_wizard_review_page_apply;

  /* "Fix" on a finding: the wizard shows the words it is about. */
  signals[FINDING_ACTIVATED] =
    g_signal_new ("finding-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, CANDOR_TYPE_FINDING);
  /* The update is in the history, published or marked as sent by hand;
   * @finished: every publication was sent, nothing is left to watch. */
  signals[SENT] = g_signal_new ("sent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/candor/Candor/candor-wizard-review-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CandorWizardReviewPage, publish_status);
  gtk_widget_class_bind_template_child (widget_class, CandorWizardReviewPage, publications_list);
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
  gtk_widget_class_install_action (widget_class, "review.mark-sent", NULL,
                                   candor_wizard_review_page_mark_sent_action);
}

static void
candor_wizard_review_page_init (CandorWizardReviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->rows_by_rendition = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
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

/* Where Publish and Mark as Sent go: the session's publisher. */
void
candor_wizard_review_page_set_session (CandorWizardReviewPage *self, CandorSession *session)
{
  g_return_if_fail (CANDOR_IS_WIZARD_REVIEW_PAGE (self));
  g_return_if_fail (CANDOR_IS_SESSION (session));

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  /* Publish waits for the publisher, which comes with the history. */
  g_signal_connect_object (session, "notify::publisher", G_CALLBACK (update_complete), self,
                           G_CONNECT_SWAPPED);
  if (self->composition != NULL)
    update_complete (self);
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
  show_toast (self, _("Email copied as rich text"));
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
