/* candor-window.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-window"

#include "config.h"

#include <glib/gi18n.h>

#include "candor-accessible.h"
#include "candor-draft.h"
#include "candor-history-search-bar.h"
#include "candor-incident.h"
#include "candor-incident-page.h"
#include "candor-search-results.h"
#include "candor-sent-update.h"
#include "candor-window.h"
#include "candor-wizard.h"

struct _CandorWindow
{
  AdwApplicationWindow parent_instance;

  CandorSession *session;
  /* The session's incidents, newest first, read from the history a page at a time. */
  CandorIncidentListModel *incidents;
  GtkSingleSelection      *selection;
  /* Shown from a search hit that is not (yet) loaded in the list. */
  CandorIncident *found_incident;
  GCancellable   *find_cancellable;
  /* A follow-up's last update is being read: a second click on New Update
   * meanwhile would open a second wizard for the same update. */
  gboolean starting_follow_up;
  /* The incident an update was just sent for: the list is read anew after
   * it is recorded, and it stays selected through that. */
  char *sent_incident_id;
  /* Every unsent draft (CandorDraft), newest first; NULL until read. */
  GPtrArray    *drafts;
  GCancellable *drafts_cancellable;

  AdwLeaflet             *leaflet;
  GtkWidget              *sidebar;
  GtkWidget              *content;
  GtkStack               *sidebar_stack;
  GtkStack               *content_stack;
  GtkListView            *incidents_view;
  AdwWindowTitle         *content_title;
  CandorIncidentPage     *incident_page;
  GtkToggleButton        *search_button;
  CandorHistorySearchBar *search_bar;
  CandorSearchResults    *search_results;
  GtkInfoBar             *history_bar;
  GtkLabel               *history_title;
  GtkLabel               *history_message;
  GtkWidget              *recover_button;
  GtkWidget              *retry_button;
  GtkWidget              *drafts_box;
  GtkMenuButton          *primary_menu_button;
  GtkListBox             *drafts_list;
};

G_DEFINE_FINAL_TYPE (CandorWindow, candor_window, ADW_TYPE_APPLICATION_WINDOW)

static void continue_draft (CandorWindow *self, CandorDraft *draft);
static void reload_drafts (CandorWindow *self);

static void
candor_window_update_content (CandorWindow *self)
{
  CandorIncident *incident = gtk_single_selection_get_selected_item (self->selection);
  gboolean        empty = g_list_model_get_n_items (G_LIST_MODEL (self->incidents)) == 0;

  if (incident == NULL)
    incident = self->found_incident;

  if (candor_history_search_bar_get_active (self->search_bar))
    gtk_stack_set_visible_child_name (self->sidebar_stack, "search");
  else
    gtk_stack_set_visible_child_name (self->sidebar_stack, empty ? "empty" : "list");

  candor_incident_page_set_incident (self->incident_page, incident);

  if (incident != NULL)
    {
      gtk_stack_set_visible_child_name (self->content_stack, "incident");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-update", TRUE);
      adw_window_title_set_title (self->content_title, candor_incident_get_title (incident));
    }
  else
    {
      gtk_stack_set_visible_child_name (self->content_stack, empty ? "empty" : "unselected");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-update", FALSE);
      adw_window_title_set_title (self->content_title, _("Candor"));
    }
}

static void
on_incidents_items_changed_cb (CandorWindow *self,
                               guint         position,
                               guint         removed,
                               guint         added,
                               GListModel   *model)
{
  if (self->sent_incident_id != NULL)
    {
      guint sent = candor_incident_list_model_find (self->incidents, self->sent_incident_id);

      if (sent != GTK_INVALID_LIST_POSITION)
        gtk_single_selection_set_selected (self->selection, sent);
      if (!candor_incident_list_model_get_loading (self->incidents))
        g_clear_pointer (&self->sent_incident_id, g_free);
    }

  candor_window_update_content (self);
}

static void
on_selection_selected_item_changed_cb (CandorWindow       *self,
                                       GParamSpec         *pspec,
                                       GtkSingleSelection *selection)
{
  if (gtk_single_selection_get_selected_item (selection) != NULL)
    {
      g_cancellable_cancel (self->find_cancellable);
      g_clear_object (&self->found_incident);
    }
  candor_window_update_content (self);
}

static void
on_search_bar_changed_cb (CandorWindow *self, CandorHistorySearchBar *bar)
{
  CandorSearchQuery query = CANDOR_SEARCH_QUERY_INIT;

  if (candor_history_search_bar_get_active (bar))
    {
      candor_history_search_bar_get_query (bar, &query);
      candor_search_results_set_query (self->search_results, &query);
    }
  candor_window_update_content (self);
}

static void
on_found_incident_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (CandorWindow) self = user_data;
  g_autoptr (CandorIncident) incident = NULL;
  g_autoptr (GError) error = NULL;

  incident = candor_store_load_incident_finish (CANDOR_STORE (source), result, &error);
  if (incident == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not show the incident found: %s", error->message);
      return;
    }

  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_set_object (&self->found_incident, incident);
  candor_window_update_content (self);
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static void
on_search_results_hit_activated_cb (CandorWindow        *self,
                                    CandorSearchHit     *hit,
                                    CandorSearchResults *results)
{
  const char  *incident_id = candor_search_hit_get_incident_id (hit);
  guint        position = candor_incident_list_model_find (self->incidents, incident_id);
  CandorStore *store = candor_session_get_store (self->session);

  if (position != G_MAXUINT)
    {
      gtk_single_selection_set_selected (self->selection, position);
      adw_leaflet_set_visible_child (self->leaflet, self->content);
      return;
    }

  if (store == NULL)
    return;

  /* Not among the pages read so far: read just that incident. */
  g_cancellable_cancel (self->find_cancellable);
  g_clear_object (&self->find_cancellable);
  self->find_cancellable = g_cancellable_new ();
  candor_store_load_incident_async (store, incident_id, self->find_cancellable,
                                    on_found_incident_loaded_cb, g_object_ref (self));
}

static void
on_search_button_toggled_cb (CandorWindow *self, GtkToggleButton *button)
{
  candor_history_search_bar_set_search_mode (self->search_bar,
                                             gtk_toggle_button_get_active (button));
}

static void
on_search_mode_changed_cb (CandorWindow *self, GParamSpec *pspec, CandorHistorySearchBar *bar)
{
  gtk_toggle_button_set_active (self->search_button,
                                candor_history_search_bar_get_search_mode (bar));
}

static void
on_history_bar_response_cb (CandorWindow *self, int response, GtkInfoBar *bar)
{
  if (response == GTK_RESPONSE_CLOSE)
    gtk_widget_set_visible (GTK_WIDGET (bar), FALSE);
}

static void
on_incidents_failed_cb (CandorWindow *self, const GError *error, CandorIncidentListModel *model)
{
  gtk_label_set_text (self->history_title, _("The History Could Not Be Read"));
  gtk_label_set_text (self->history_message, error->message);
  gtk_info_bar_set_message_type (self->history_bar, GTK_MESSAGE_ERROR);
  gtk_info_bar_set_show_close_button (self->history_bar, TRUE);
  gtk_widget_set_visible (self->recover_button, FALSE);
  gtk_widget_set_visible (self->retry_button, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->history_bar), TRUE);
}

static void offer_unsent_draft (CandorWindow *self);

/* Says what happened to the history, and offers the way out: never a silent reset. */
static void
candor_window_show_history_state (CandorWindow *self)
{
  const GError *error = candor_session_get_open_error (self->session);
  const char   *damaged_path = candor_session_get_damaged_path (self->session);
  CandorStore  *store = candor_session_get_store (self->session);

  if (store != NULL)
    {
      candor_incident_page_set_store (self->incident_page, store);
      candor_search_results_set_store (self->search_results, store);
      offer_unsent_draft (self);
      reload_drafts (self);
    }

  gtk_widget_set_visible (self->recover_button, FALSE);
  gtk_widget_set_visible (self->retry_button, FALSE);
  gtk_info_bar_set_show_close_button (self->history_bar, FALSE);

  if (store == NULL && g_error_matches (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_CORRUPT))
    {
      gtk_label_set_text (self->history_title, _("The history file is damaged"));
      gtk_label_set_text (self->history_message, error->message);
      gtk_info_bar_set_message_type (self->history_bar, GTK_MESSAGE_ERROR);
      gtk_widget_set_visible (self->recover_button, TRUE);
    }
  else if (store == NULL && g_error_matches (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_BUSY))
    {
      gtk_label_set_text (self->history_title, _("The history is in use by another program"));
      gtk_label_set_text (self->history_message, error->message);
      gtk_info_bar_set_message_type (self->history_bar, GTK_MESSAGE_WARNING);
      gtk_widget_set_visible (self->retry_button, TRUE);
    }
  else if (store == NULL && error != NULL)
    {
      gtk_label_set_text (self->history_title, _("The history could not be opened"));
      gtk_label_set_text (self->history_message, error->message);
      gtk_info_bar_set_message_type (self->history_bar, GTK_MESSAGE_ERROR);
      gtk_widget_set_visible (self->retry_button, TRUE);
    }
  else if (store != NULL && damaged_path != NULL)
    {
      GArray  *salvage = candor_store_get_salvage (store);
      gboolean all_carried = salvage != NULL;
      /* Translators: %s is the path of the damaged history file that was kept */
      g_autofree char *kept =
        g_strdup_printf (_("The damaged history was kept as “%s”."), damaged_path);
      g_autofree char *message = NULL;

      for (guint i = 0; salvage != NULL && i < salvage->len; i++)
        all_carried = all_carried && g_array_index (salvage, CandorStoreSalvage, i).lost == 0;
      message = g_strdup_printf (
        "%s %s", kept,
        all_carried ? _("Everything in it was carried over into the fresh history.")
                    : _("What could still be read was carried over; the rest could not be "
                        "read and stays in the damaged file."));

      gtk_label_set_text (self->history_title, _("A fresh history was started"));
      gtk_label_set_text (self->history_message, message);
      gtk_info_bar_set_message_type (self->history_bar, GTK_MESSAGE_INFO);
      gtk_info_bar_set_show_close_button (self->history_bar, TRUE);
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->history_bar), FALSE);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->history_bar), TRUE);
}

static void
on_session_history_notify_cb (CandorWindow *self, GParamSpec *pspec, CandorSession *session)
{
  candor_window_show_history_state (self);
}

static void
on_session_busy_cb (CandorWindow *self, GParamSpec *pspec, CandorSession *session)
{
  gboolean busy = candor_session_get_busy (session);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.recover-history", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.retry-history", !busy);
}

static void
candor_window_recover_history_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  candor_session_recover (CANDOR_WINDOW (widget)->session);
}

static void
candor_window_retry_history_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  candor_session_open (CANDOR_WINDOW (widget)->session);
}

static void
candor_window_search_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CandorWindow *self = CANDOR_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  candor_history_search_bar_set_search_mode (self->search_bar, TRUE);
}

static void
on_incidents_view_activate_cb (CandorWindow *self, guint position, GtkListView *view)
{
  gtk_single_selection_set_selected (self->selection, position);
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

/* Only among the incidents read so far: asking the paged model for every
 * item would read the whole history. */
static guint
find_incident (CandorWindow *self, const char *id)
{
  return candor_incident_list_model_find (self->incidents, id);
}

static void
show_incident (CandorWindow *self, CandorIncident *incident)
{
  guint position = find_incident (self, candor_incident_get_id (incident));

  if (position == GTK_INVALID_LIST_POSITION)
    {
      /* Listed by its start, which is not always first. */
      candor_incident_list_model_add (self->incidents, incident);
      position = find_incident (self, candor_incident_get_id (incident));
    }

  gtk_single_selection_set_selected (self->selection, position);
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static void
on_wizard_incident_started_cb (CandorWindow *self, CandorIncident *incident, CandorWizard *wizard)
{
  show_incident (self, incident);
}

/* The update is in the history now: its timeline shows it. */
static void
on_wizard_update_sent_cb (CandorWindow *self, CandorIncident *incident, CandorWizard *wizard)
{
  /* Recording it started reading the list anew: select it again after. */
  g_clear_pointer (&self->sent_incident_id, g_free);
  if (candor_incident_list_model_get_loading (self->incidents))
    self->sent_incident_id = g_strdup (candor_incident_get_id (incident));
  show_incident (self, incident);
  candor_incident_page_reload (self->incident_page);
}

static CandorWizard *
open_wizard (CandorWindow *self, CandorDraft *draft)
{
  CandorAudienceList *audiences = candor_session_get_audiences (self->session);
  CandorWizard       *wizard;

  /* A draft that names no audiences of its own writes for the ones set in
   * Preferences, once there are any. */
  if (!candor_draft_has_own_audiences (draft) && candor_audience_list_get_stored (audiences))
    {
      g_autoptr (GPtrArray) copies = candor_audience_list_dup_audiences (audiences);

      candor_draft_set_audiences (draft, copies);
    }

  wizard =
    candor_wizard_new (gtk_window_get_application (GTK_WINDOW (self)), GTK_WINDOW (self), draft);
  g_signal_connect_object (wizard, "incident-started", G_CALLBACK (on_wizard_incident_started_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (wizard, "update-sent", G_CALLBACK (on_wizard_update_sent_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (wizard));

  return wizard;
}

static void
candor_window_start_incident_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  CandorWindow *self = CANDOR_WINDOW (widget);
  g_autoptr (CandorIncident) incident = candor_incident_new ("");
  g_autoptr (CandorUpdate) update = candor_update_new (CANDOR_UPDATE_KIND_INITIAL);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (CandorDraft) draft = NULL;
  GtkApplication  *application = gtk_window_get_application (GTK_WINDOW (self));
  g_autofree char *language = NULL;

  if (CANDOR_IS_APPLICATION (application))
    language = g_settings_get_string (
      candor_application_get_settings (CANDOR_APPLICATION (application)), "message-language");
  if (language != NULL && *language != '\0')
    candor_incident_set_language (incident, language);
  candor_incident_set_started_at (incident, now);
  candor_incident_set_detected_at (incident, now);

  draft = candor_draft_new (incident, update);
  open_wizard (self, draft);
}

/* A progress update, or the resolution once the incident is resolved. The
 * follow-up opens with the last update sent (@last, when there is one), so
 * the author changes what is new instead of typing the contact, the impact
 * and every translation again. */
static void
open_follow_up (CandorWindow *self, CandorIncident *incident, CandorSentUpdate *last)
{
  CandorUpdateKind kind = candor_incident_get_state (incident) == CANDOR_INCIDENT_STATE_RESOLVED
                            ? CANDOR_UPDATE_KIND_RESOLUTION
                            : CANDOR_UPDATE_KIND_PROGRESS;
  g_autoptr (CandorUpdate) update = NULL;
  g_autoptr (CandorDraft) draft = NULL;
  CandorWizard *wizard;

  update =
    last != NULL ? candor_update_new_follow_up (last->update, kind) : candor_update_new (kind);
  draft = candor_draft_new (incident, update);
  wizard = open_wizard (self, draft);
  if (last != NULL)
    candor_wizard_set_started_from (wizard, last->sent_at);
}

typedef struct
{
  CandorWindow   *self;
  CandorIncident *incident;
} StartFollowUp;

static void
on_last_update_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  StartFollowUp *data = user_data;
  g_autoptr (GPtrArray) sent = NULL;
  g_autoptr (GError) error = NULL;

  sent = candor_store_load_updates_finish (CANDOR_STORE (source), result, &error);
  data->self->starting_follow_up = FALSE;
  /* An unreadable history costs the carried text, not the update. */
  if (error != NULL)
    g_message ("The follow-up starts empty, the sent updates could not be read: %s",
               error->message);

  if (!gtk_widget_in_destruction (GTK_WIDGET (data->self)))
    open_follow_up (data->self, data->incident,
                    sent != NULL && sent->len > 0 ? g_ptr_array_index (sent, sent->len - 1) : NULL);

  g_object_unref (data->self);
  g_object_unref (data->incident);
  g_free (data);
}

/* "New Update" for the selected incident, once its sent updates are read. */
static void
start_new_update (CandorWindow *self, CandorIncident *incident)
{
  CandorStore   *store = candor_session_get_store (self->session);
  StartFollowUp *data;

  if (store == NULL)
    {
      open_follow_up (self, incident, NULL);
      return;
    }

  self->starting_follow_up = TRUE;
  data = g_new0 (StartFollowUp, 1);
  data->self = g_object_ref (self);
  data->incident = g_object_ref (incident);
  candor_store_load_updates_async (store, candor_incident_get_id (incident), NULL,
                                   on_last_update_loaded_cb, data);
}

/* The newest unsent draft of @incident, or NULL. */
static CandorDraft *
find_incident_draft (CandorWindow *self, CandorIncident *incident)
{
  for (guint i = 0; self->drafts != NULL && i < self->drafts->len; i++)
    {
      CandorDraft *draft = g_ptr_array_index (self->drafts, i);

      if (g_strcmp0 (candor_incident_get_id (candor_draft_get_incident (draft)),
                     candor_incident_get_id (incident)) == 0)
        return draft;
    }

  return NULL;
}

static void
on_offer_draft_response_cb (CandorWindow *self, const char *response, AdwMessageDialog *dialog)
{
  CandorDraft    *draft = g_object_get_data (G_OBJECT (dialog), "draft");
  CandorIncident *incident = g_object_get_data (G_OBJECT (dialog), "incident");

  if (g_str_equal (response, "continue"))
    continue_draft (self, draft);
  else if (g_str_equal (response, "new"))
    start_new_update (self, incident);
}

/* "New Update" for the selected incident: a progress update, or the
 * resolution once the incident is resolved. An update already started and
 * not sent is offered first: writing the same update twice is what a
 * stressed author does not need. */
static void
candor_window_new_update_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CandorWindow    *self = CANDOR_WINDOW (widget);
  CandorIncident  *incident = gtk_single_selection_get_selected_item (self->selection);
  CandorDraft     *draft;
  GtkWidget       *dialog;
  g_autofree char *body = NULL;
  g_autofree char *where = NULL;

  if (incident == NULL)
    incident = self->found_incident;
  if (incident == NULL || self->starting_follow_up)
    return;

  draft = find_incident_draft (self, incident);
  if (draft == NULL)
    {
      start_new_update (self, incident);
      return;
    }

  where = candor_incident_page_describe_draft (draft);
  /* Translators: %s says what the draft is and where it was left, "Progress update · step 3 · saved
   * 30 Nov 2026, 10:05" */
  body = g_strdup_printf (_("An update of this incident was started and not sent (%s). Continue "
                            "it, or start a new one?"),
                             where);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Continue the Unsent Update?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel",
                                    _("_Cancel"), "new",
                                       _("Start _New"), "continue", _("_Continue Draft"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "continue",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "continue");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "draft", g_object_ref (draft), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "incident", g_object_ref (incident), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_offer_draft_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The sidebar's "Unsent Drafts": every draft kept, of any incident. */
static void
on_drafts_list_row_activated_cb (CandorWindow *self, GtkListBoxRow *row, GtkListBox *list)
{
  CandorDraft *draft = g_object_get_data (G_OBJECT (row), "draft");

  if (draft != NULL)
    continue_draft (self, draft);
}

static void
on_incident_page_draft_activated_cb (CandorWindow       *self,
                                     CandorDraft        *draft,
                                     CandorIncidentPage *page)
{
  continue_draft (self, draft);
}

static void
show_drafts (CandorWindow *self)
{
  GtkWidget *child;
  guint      n = self->drafts != NULL ? self->drafts->len : 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->drafts_list))) != NULL)
    gtk_list_box_remove (self->drafts_list, child);

  for (guint i = 0; i < n; i++)
    {
      CandorDraft     *draft = g_ptr_array_index (self->drafts, i);
      const char      *title = candor_incident_get_title (candor_draft_get_incident (draft));
      g_autofree char *subtitle = candor_incident_page_describe_draft (draft);
      GtkWidget       *row = gtk_list_box_row_new ();
      GtkWidget       *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
      GtkWidget       *title_label = gtk_label_new (*title != '\0' ? title : _("New incident"));
      GtkWidget       *subtitle_label = gtk_label_new (subtitle);
      g_autofree char *name =
        g_strdup_printf ("%s, %s", gtk_label_get_text (GTK_LABEL (title_label)), subtitle);

      gtk_label_set_xalign (GTK_LABEL (title_label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (title_label), PANGO_ELLIPSIZE_END);
      gtk_label_set_xalign (GTK_LABEL (subtitle_label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (subtitle_label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (subtitle_label, "caption");
      gtk_widget_add_css_class (subtitle_label, "dim-label");
      gtk_box_append (GTK_BOX (box), title_label);
      gtk_box_append (GTK_BOX (box), subtitle_label);
      gtk_widget_set_margin_top (box, 6);
      gtk_widget_set_margin_bottom (box, 6);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      -1);
      g_object_set_data_full (G_OBJECT (row), "draft", g_object_ref (draft), g_object_unref);
      gtk_list_box_append (self->drafts_list, row);
    }

  gtk_widget_set_visible (self->drafts_box, n > 0);
  candor_incident_page_set_drafts (self->incident_page, self->drafts);
}

static void
on_drafts_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (CandorWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  GPtrArray *drafts = candor_session_load_drafts_finish (CANDOR_SESSION (source), result, &error);

  if (drafts == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the unsent drafts: %s", error->message);
      return;
    }

  g_clear_pointer (&self->drafts, g_ptr_array_unref);
  self->drafts = drafts;
  show_drafts (self);
}

static void
reload_drafts (CandorWindow *self)
{
  if (candor_session_get_store (self->session) == NULL)
    return;

  g_cancellable_cancel (self->drafts_cancellable);
  g_clear_object (&self->drafts_cancellable);
  self->drafts_cancellable = g_cancellable_new ();
  candor_session_load_drafts_async (self->session, self->drafts_cancellable, on_drafts_loaded_cb,
                                    g_object_ref (self));
}

static void
on_draft_deleted_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  if (!candor_session_delete_draft_finish (CANDOR_SESSION (source), result, &error))
    g_warning ("Could not delete the draft: %s", error->message);
}

static void
on_restore_dialog_response_cb (CandorWindow *self, const char *response, AdwMessageDialog *dialog)
{
  CandorDraft *draft = g_object_get_data (G_OBJECT (dialog), "draft");

  if (g_str_equal (response, "discard"))
    {
      candor_session_delete_draft_async (self->session,
                                         candor_update_get_id (candor_draft_get_update (draft)),
                                         NULL, on_draft_deleted_cb, NULL);
      return;
    }
  if (!g_str_equal (response, "restore"))
    return;

  continue_draft (self, draft);
}

/* The wizard in which @draft is being written, if one is open. */
static CandorWizard *
find_wizard (CandorDraft *draft)
{
  const char *id = candor_update_get_id (candor_draft_get_update (draft));
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (CANDOR_IS_WIZARD (toplevel) &&
          g_str_equal (id, candor_update_get_id (candor_draft_get_update (
                             candor_wizard_get_draft (CANDOR_WIZARD (toplevel))))))
        return CANDOR_WIZARD (toplevel);
    }

  return NULL;
}

static gboolean
is_draft_open (CandorDraft *draft)
{
  return find_wizard (draft) != NULL;
}

typedef struct
{
  CandorWindow *self;
  CandorDraft  *draft; /* as listed: used when it cannot be read again */
} ContinueDraft;

static void
on_draft_read_again_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ContinueDraft *data = user_data;
  g_autoptr (GPtrArray) drafts = NULL;
  g_autoptr (GError) error = NULL;
  CandorDraft *draft = data->draft;
  const char  *id = candor_update_get_id (candor_draft_get_update (data->draft));

  drafts = candor_session_load_drafts_finish (CANDOR_SESSION (source), result, &error);
  for (guint i = 0; drafts != NULL && i < drafts->len; i++)
    if (g_str_equal (
          id, candor_update_get_id (candor_draft_get_update (g_ptr_array_index (drafts, i)))))
      draft = g_ptr_array_index (drafts, i);

  if (!gtk_widget_in_destruction (GTK_WIDGET (data->self)) && find_wizard (draft) == NULL)
    {
      if (*candor_incident_get_title (candor_draft_get_incident (draft)) != '\0')
        show_incident (data->self, candor_draft_get_incident (draft));
      open_wizard (data->self, draft);
    }

  g_object_unref (data->self);
  g_object_unref (data->draft);
  g_free (data);
}

/* Back into an unsent draft: its wizard when it is open, else a new one at
 * the step its author left it, with what was saved last (a list may show an
 * older save while a closing wizard's last one lands). */
static void
continue_draft (CandorWindow *self, CandorDraft *draft)
{
  CandorWizard  *wizard = find_wizard (draft);
  ContinueDraft *data;

  if (wizard != NULL)
    {
      gtk_window_present (GTK_WINDOW (wizard));
      return;
    }

  data = g_new0 (ContinueDraft, 1);
  data->self = g_object_ref (self);
  data->draft = g_object_ref (draft);
  candor_session_load_drafts_async (self->session, NULL, on_draft_read_again_cb, data);
}

static void
on_unsent_drafts_read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (CandorWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) drafts = NULL;
  g_autofree char *body = NULL;
  CandorDraft     *draft = NULL;
  GtkWidget       *dialog;
  const char      *title;

  drafts = candor_session_load_drafts_finish (CANDOR_SESSION (source), result, &error);
  if (drafts == NULL)
    g_warning ("Could not read the unsent drafts: %s", error->message);
  if (drafts == NULL || gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;

  /* A wizard opened before the history did saves its draft too: that one is not lost. */
  for (guint i = 0; i < drafts->len && draft == NULL; i++)
    if (!is_draft_open (g_ptr_array_index (drafts, i)))
      draft = g_ptr_array_index (drafts, i);
  if (draft == NULL)
    return;

  title = candor_incident_get_title (candor_draft_get_incident (draft));
  body = g_strdup_printf (_("An update for “%s” was not sent. Continue writing it?"),
                             *title != '\0' ? title : _("a new incident"));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Restore the Unsent Draft?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "discard",
                                    _("_Discard"), "restore", _("_Restore"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "later");
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "later", _("_Later"));
  g_object_set_data_full (G_OBJECT (dialog), "draft", g_object_ref (draft), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_restore_dialog_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* After a crash or a kill, the newest unsent draft is offered back once, by
 * the first window of the process, as soon as the history is open. */
static void
offer_unsent_draft (CandorWindow *self)
{
  static gboolean offered;

  if (offered)
    return;
  offered = TRUE;

  candor_session_load_drafts_async (self->session, NULL, on_unsent_drafts_read_cb,
                                    g_object_ref (self));
}

static void
candor_window_show_incidents_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  CandorWindow *self = CANDOR_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
}

static void
candor_window_dispose (GObject *object)
{
  CandorWindow *self = CANDOR_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CANDOR_TYPE_WINDOW);

  g_cancellable_cancel (self->find_cancellable);
  g_clear_object (&self->find_cancellable);
  g_clear_object (&self->found_incident);
  g_clear_pointer (&self->sent_incident_id, g_free);
  g_cancellable_cancel (self->drafts_cancellable);
  g_clear_object (&self->drafts_cancellable);
  g_clear_pointer (&self->drafts, g_ptr_array_unref);
  g_clear_object (&self->selection);
  g_clear_object (&self->incidents);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (candor_window_parent_class)->dispose (object);
}

static void
candor_window_class_init (CandorWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = candor_window_dispose;

  g_type_ensure (CANDOR_TYPE_INCIDENT_PAGE);
  g_type_ensure (CANDOR_TYPE_HISTORY_SEARCH_BAR);
  g_type_ensure (CANDOR_TYPE_SEARCH_RESULTS);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/candor/Candor/candor-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CandorWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CandorWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, CandorWindow, content);
  gtk_widget_class_bind_template_child (widget_class, CandorWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, CandorWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, CandorWindow, incidents_view);
  gtk_widget_class_bind_template_child (widget_class, CandorWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, CandorWindow, incident_page);
  gtk_widget_class_bind_template_child (widget_class, CandorWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, CandorWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, CandorWindow, search_results);
  gtk_widget_class_bind_template_child (widget_class, CandorWindow, history_bar);
  gtk_widget_class_bind_template_child (widget_class, CandorWindow, history_title);
  gtk_widget_class_bind_template_child (widget_class, CandorWindow, history_message);
  gtk_widget_class_bind_template_child (widget_class, CandorWindow, recover_button);
  gtk_widget_class_bind_template_child (widget_class, CandorWindow, retry_button);
  gtk_widget_class_bind_template_child (widget_class, CandorWindow, drafts_box);
  gtk_widget_class_bind_template_child (widget_class, CandorWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, CandorWindow, drafts_list);
  gtk_widget_class_bind_template_callback (widget_class, on_drafts_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_incident_page_draft_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_incidents_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_bar_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_results_hit_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_history_bar_response_cb);

  gtk_widget_class_install_action (widget_class, "win.recover-history", NULL,
                                   candor_window_recover_history_action);
  gtk_widget_class_install_action (widget_class, "win.retry-history", NULL,
                                   candor_window_retry_history_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, candor_window_search_action);

  gtk_widget_class_install_action (widget_class, "win.start-incident", NULL,
                                   candor_window_start_incident_action);
  gtk_widget_class_install_action (widget_class, "win.new-update", NULL,
                                   candor_window_new_update_action);
  gtk_widget_class_install_action (widget_class, "win.show-incidents", NULL,
                                   candor_window_show_incidents_action);
}

/* The history is read a page at a time: the next one when the list is
 * scrolled to within a screen of its end. */
static void
on_incidents_adjustment_changed_cb (CandorWindow *self, GtkAdjustment *adjustment)
{
  double page = gtk_adjustment_get_page_size (adjustment);
  double to_end =
    gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_value (adjustment) - page;

  if (to_end < page)
    candor_incident_list_model_read_on (self->incidents);
}

static void
candor_window_init (CandorWindow *self)
{
  GtkAdjustment *adjustment;

  gtk_widget_init_template (GTK_WIDGET (self));
  candor_accessible_name_menu_button (self->primary_menu_button, _("Main Menu"));

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->incidents_view, GTK_SELECTION_MODEL (self->selection));

  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->incidents_view));
  g_signal_connect_object (adjustment, "value-changed",
                           G_CALLBACK (on_incidents_adjustment_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (adjustment, "changed", G_CALLBACK (on_incidents_adjustment_changed_cb),
                           self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selection_selected_item_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_button, "toggled", G_CALLBACK (on_search_button_toggled_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_bar, "notify::search-mode",
                           G_CALLBACK (on_search_mode_changed_cb), self, G_CONNECT_SWAPPED);
  candor_history_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
}

CandorWindow *
candor_window_new (CandorApplication *application)
{
  CandorWindow *self;
  GSettings    *settings;

  g_return_val_if_fail (CANDOR_IS_APPLICATION (application), NULL);

  self = g_object_new (CANDOR_TYPE_WINDOW, "application", application, NULL);
  self->session = g_object_ref (candor_application_get_session (application));
  candor_incident_page_set_channels (self->incident_page,
                                     G_LIST_MODEL (candor_session_get_channels (self->session)));

  /* Every window lists the session's incidents; each has its own selection. */
  self->incidents = g_object_ref (candor_session_get_incidents (self->session));
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->incidents));
  g_signal_connect_object (self->incidents, "items-changed",
                           G_CALLBACK (on_incidents_items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->incidents, "failed", G_CALLBACK (on_incidents_failed_cb), self,
                           G_CONNECT_SWAPPED);
  candor_window_update_content (self);

  settings = candor_application_get_settings (application);
  g_settings_bind (settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);

  /* The history arrives (or fails) after the window is shown. */
  g_signal_connect_object (self->session, "notify::store",
                           G_CALLBACK (on_session_history_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::open-error",
                           G_CALLBACK (on_session_history_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::damaged-path",
                           G_CALLBACK (on_session_history_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::busy", G_CALLBACK (on_session_busy_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "drafts-changed", G_CALLBACK (reload_drafts), self,
                           G_CONNECT_SWAPPED);
  candor_window_show_history_state (self);

  return self;
}

GListModel *
candor_window_get_incidents (CandorWindow *self)
{
  g_return_val_if_fail (CANDOR_IS_WINDOW (self), NULL);

  return G_LIST_MODEL (self->incidents);
}
