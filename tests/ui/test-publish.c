/* test-publish.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "candor-application.h"
#include "candor-fake-bluesky.h"
#include "candor-fake-cachet.h"
#include "candor-fake-mastodon.h"
#include "candor-fake-slack.h"
#include "candor-fake-statuspage.h"
#include "candor-fake-x.h"
#include "candor-mark-sent-dialog.h"
#include "candor-publication-row.h"
#include "candor-search-hit.h"
#include "candor-secrets.h"
#include "candor-static-site.h"
#include "candor-test-ui.h"
#include "candor-wizard-review-page.h"
#include "candor-wizard.h"
#include "candor-x-client.h"

/* The wizard's last step, with real widgets: what holds Publish back and
 * says so, Mark as Sent's time, and each publication's row. */

static CandorApplication *app;

static gboolean
has_toplevel (gpointer data)
{
  return candor_test_ui_find_toplevel (GPOINTER_TO_SIZE (data)) != NULL;
}

static gboolean
step_is (gpointer data)
{
  gpointer *args = data;

  return candor_wizard_get_step (args[0]) == GPOINTER_TO_UINT (args[1]);
}

static void
next_step (CandorWizard *wizard)
{
  guint    step = candor_wizard_get_step (wizard);
  gpointer args[] = { wizard, GUINT_TO_POINTER (step + 1) };

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.next", NULL));
  candor_test_ui_wait_until (step_is, args);
}

static gboolean
publisher_is_ready (gpointer data)
{
  return candor_session_get_publisher (candor_application_get_session (app)) != NULL;
}

/* A wizard on its review step for a new incident named @title whose
 * impact is @impact. */
static CandorWizard *
open_review_with (const char *title, const char *impact)
{
  g_autoptr (CandorIncident) incident = candor_incident_new (title);
  g_autoptr (CandorUpdate) update = candor_update_new (CANDOR_UPDATE_KIND_INITIAL);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (CandorDraft) draft = NULL;
  CandorWizard *wizard;

  candor_incident_set_started_at (incident, now);
  if (impact != NULL)
    candor_update_set_field (update, CANDOR_FIELD_IMPACT_NOW, impact);
  draft = candor_draft_new (incident, update);
  wizard = candor_wizard_new (GTK_APPLICATION (app), NULL, draft);
  gtk_window_present (GTK_WINDOW (wizard));
  candor_test_ui_wait_for_mapped (GTK_WIDGET (wizard));

  while (candor_wizard_get_step (wizard) + 1 < candor_wizard_get_n_steps (wizard))
    next_step (wizard);

  return wizard;
}

static CandorWizard *
open_review (const char *title)
{
  return open_review_with (title, NULL);
}

/* Nothing was typed: closing has nothing to ask. */
static void
close_wizard (CandorWizard *wizard)
{
  gpointer weak = wizard;

  g_object_add_weak_pointer (G_OBJECT (wizard), &weak);
  gtk_window_close (GTK_WINDOW (wizard));
  while (weak != NULL)
    g_main_context_iteration (NULL, TRUE);
}

/* The first mapped label under @root whose text starts with @prefix. */
static GtkLabel *
find_label (GtkWidget *root, const char *prefix)
{
  if (!gtk_widget_get_mapped (root))
    return NULL;
  if (GTK_IS_LABEL (root) && g_str_has_prefix (gtk_label_get_label (GTK_LABEL (root)), prefix))
    return GTK_LABEL (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *label = find_label (child, prefix);

      if (label != NULL)
        return label;
    }

  return NULL;
}

static gboolean
label_shown (gpointer data)
{
  gpointer *args = data;

  return find_label (args[0], args[1]) != NULL;
}

static void
wait_for_label (GtkWidget *root, const char *prefix)
{
  gpointer args[] = { root, (gpointer)prefix };

  candor_test_ui_wait_until (label_shown, args);
}

static gboolean
publish_enabled (CandorWizard *wizard)
{
  GtkWidget *button =
    candor_test_ui_find_mapped (GTK_WIDGET (wizard), GTK_TYPE_BUTTON, "label", "_Publish");

  g_assert_nonnull (button);
  return gtk_widget_is_sensitive (button);
}

/* Errors among the checks hold Publish back, and the step says so; once
 * acknowledged, it says what Publish will do. */
static void
test_publish_says_why_it_waits (void)
{
  CandorWizard      *wizard = open_review ("Sign-in outage");
  CandorComposition *composition =
    candor_preview_get_composition (candor_wizard_get_preview (wizard));
  GtkWidget *review =
    candor_test_ui_find_mapped (GTK_WIDGET (wizard), CANDOR_TYPE_WIZARD_REVIEW_PAGE, NULL, NULL);
  GPtrArray *findings;
  guint      errors = 0;

  g_assert_nonnull (review);
  findings = candor_composition_get_findings (composition);
  for (guint i = 0; i < findings->len; i++)
    if (candor_finding_get_severity (g_ptr_array_index (findings, i)) ==
        CANDOR_FINDING_SEVERITY_ERROR)
      errors++;
  /* An empty first notice says nothing of the impact: an error. */
  g_assert_cmpuint (errors, >, 0);

  wait_for_label (review, "Publish waits for");
  g_assert_false (publish_enabled (wizard));
  /* Ctrl+Enter does nothing either. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.next", NULL));
  g_assert_false (candor_wizard_page_get_applying (CANDOR_WIZARD_PAGE (review)));

  /* Acknowledge each error as the author would: its row's button. */
  while (errors > 0)
    {
      CandorFinding *error_finding = NULL;
      GtkWidget     *row;
      GtkWidget     *button;

      findings = candor_composition_get_findings (composition);
      for (guint i = 0; i < findings->len && error_finding == NULL; i++)
        if (candor_finding_get_severity (g_ptr_array_index (findings, i)) ==
            CANDOR_FINDING_SEVERITY_ERROR)
          error_finding = g_ptr_array_index (findings, i);
      if (error_finding == NULL)
        break;

      row = candor_test_ui_wait_for_widget (review, ADW_TYPE_ACTION_ROW, "title",
                                            candor_finding_get_message (error_finding));
      button = candor_test_ui_find_mapped (row, GTK_TYPE_BUTTON, "label", "A_cknowledge");
      g_assert_nonnull (button);
      g_signal_emit_by_name (button, "clicked");
      errors--;
    }

  wait_for_label (review, "Publish (Ctrl+Enter) sends this update to");
  g_assert_null (find_label (review, "Publish waits for"));
  g_assert_true (publish_enabled (wizard));

  close_wizard (wizard);
}

/* Mark as Sent… opens from the review step; the time is now, and a time
 * in the future or one that cannot be read is refused, saying why. */
static void
test_publish_mark_sent_refuses_the_future (void)
{
  CandorWizard *wizard = open_review ("Card payments fail");
  GtkWidget    *review =
    candor_test_ui_find_mapped (GTK_WIDGET (wizard), CANDOR_TYPE_WIZARD_REVIEW_PAGE, NULL, NULL);
  g_autoptr (GDateTime) before = g_date_time_new_now_local ();
  g_autoptr (GDateTime) tomorrow = g_date_time_add_days (before, 1);
  g_autoptr (GDateTime) earlier = g_date_time_add_minutes (before, -42);
  g_autoptr (GDateTime) sent_at = NULL;
  CandorMarkSentDialog *dialog;
  GtkWidget            *date_row;

  g_assert_true (gtk_widget_activate_action (review, "review.mark-sent", NULL));
  candor_test_ui_wait_until (has_toplevel, GSIZE_TO_POINTER (CANDOR_TYPE_MARK_SENT_DIALOG));
  dialog = CANDOR_MARK_SENT_DIALOG (candor_test_ui_find_toplevel (CANDOR_TYPE_MARK_SENT_DIALOG));
  candor_test_ui_wait_for_mapped (GTK_WIDGET (dialog));

  /* Now, to the minute. */
  sent_at = candor_mark_sent_dialog_dup_sent_at (dialog);
  g_assert_nonnull (sent_at);
  g_assert_cmpint (g_date_time_difference (before, sent_at), <, 2 * G_TIME_SPAN_MINUTE);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "mark"));
  g_assert_null (candor_mark_sent_dialog_get_problem (dialog));

  candor_mark_sent_dialog_set_sent_at (dialog, tomorrow);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "mark"));
  g_assert_null (candor_mark_sent_dialog_dup_sent_at (dialog));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "That time is in the future"));

  /* Typed by hand, in a form it cannot read. */
  date_row = candor_test_ui_find_mapped (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "title",
                                         "_Date (YYYY-MM-DD)");
  g_assert_nonnull (date_row);
  gtk_editable_set_text (GTK_EDITABLE (date_row), "31.03.2026");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "mark"));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "Write the date as"));

  candor_mark_sent_dialog_set_sent_at (dialog, earlier);
  g_clear_pointer (&sent_at, g_date_time_unref);
  sent_at = candor_mark_sent_dialog_dup_sent_at (dialog);
  g_assert_nonnull (sent_at);
  g_assert_cmpint (g_date_time_get_hour (sent_at), ==, g_date_time_get_hour (earlier));
  g_assert_cmpint (g_date_time_get_minute (sent_at), ==, g_date_time_get_minute (earlier));
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "mark"));

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  close_wizard (wizard);
}

static GtkWidget *
find_link (GtkWidget *root)
{
  if (GTK_IS_LINK_BUTTON (root))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *link = find_link (child);

      if (link != NULL)
        return link;
    }

  return NULL;
}

/* Each state in words, as a screen reader reads the row: sending, sent
 * with a link, waiting for a time or for the network, failed in the
 * service's words with what to do, and "check whether it arrived". */
static void
test_publish_rows_say_where_each_stands (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *widget =
    candor_publication_row_new ("customers", "Customers <all>", "ops-slack", "#ops <!channel>");
  CandorPublicationRow *row = CANDOR_PUBLICATION_ROW (widget);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) next = g_date_time_new_local (2026, 3, 31, 11, 5, 0);
  CandorPublication publication = { .rendition_id = 1, .channel_id = (char *)"ops-slack" };
  GtkWidget        *link;

  gtk_list_box_append (GTK_LIST_BOX (list), widget);
  gtk_window_set_child (GTK_WINDOW (window), list);
  gtk_window_present (GTK_WINDOW (window));
  candor_test_ui_wait_for_mapped (widget);
  link = find_link (widget);
  g_assert_nonnull (link);

  /* The user's names are text, never markup. */
  g_assert_false (adw_preferences_row_get_use_markup (ADW_PREFERENCES_ROW (row)));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "#ops <!channel>");
  g_assert_cmpstr (candor_publication_row_get_status (row), ==, "Customers <all> · Sending…");
  g_assert_false (candor_publication_row_get_finished (row));

  publication.state = CANDOR_PUBLICATION_STATE_WAITING;
  publication.in_flight_since = now;
  candor_publication_row_set_publication (row, &publication, TRUE);
  g_assert_cmpstr (candor_publication_row_get_status (row), ==, "Customers <all> · Sending…");

  publication.in_flight_since = NULL;
  publication.next_attempt_at = next;
  candor_publication_row_set_publication (row, &publication, TRUE);
  g_assert_cmpstr (candor_publication_row_get_status (row), ==,
                   "Customers <all> · Waiting — retrying at 11:05");
  g_assert_false (candor_publication_row_get_finished (row));

  candor_publication_row_set_publication (row, &publication, FALSE);
  g_assert_true (g_str_has_prefix (candor_publication_row_get_status (row),
                                   "Customers <all> · Waiting for the network"));

  publication.next_attempt_at = NULL;
  publication.state = CANDOR_PUBLICATION_STATE_FAILED;
  publication.last_error = (char *)"channel_not_found";
  candor_publication_row_set_publication (row, &publication, TRUE);
  g_assert_cmpstr (candor_publication_row_get_status (row), ==,
                   "Customers <all> · Failed: channel_not_found");
  g_assert_true (gtk_widget_has_css_class (widget, "error"));
  g_assert_true (candor_publication_row_get_finished (row));
  g_assert_false (gtk_widget_get_visible (link));

  publication.state = CANDOR_PUBLICATION_STATE_VERIFY;
  publication.last_error = NULL;
  candor_publication_row_set_publication (row, &publication, TRUE);
  g_assert_true (g_str_has_prefix (candor_publication_row_get_status (row),
                                   "Customers <all> · Check whether it arrived"));
  g_assert_false (gtk_widget_has_css_class (widget, "error"));

  /* Sent: a link to read it, only to a web address. */
  publication.state = CANDOR_PUBLICATION_STATE_SENT;
  publication.remote_url = (char *)"javascript:alert(1)";
  candor_publication_row_set_publication (row, &publication, TRUE);
  g_assert_cmpstr (candor_publication_row_get_status (row), ==, "Customers <all> · Sent");
  g_assert_false (gtk_widget_get_visible (link));

  publication.remote_url = (char *)"https://example.slack.com/archives/C1/p1";
  candor_publication_row_set_publication (row, &publication, TRUE);
  g_assert_true (gtk_widget_get_visible (link));
  g_assert_cmpstr (gtk_link_button_get_uri (GTK_LINK_BUTTON (link)), ==,
                   "https://example.slack.com/archives/C1/p1");
  g_assert_true (candor_publication_row_get_finished (row));

  gtk_window_destroy (GTK_WINDOW (window));
}

static CandorStore *
get_store (void)
{
  return candor_session_get_store (candor_application_get_session (app));
}

/* The history finds @word in what was sent for @incident_id. */
static gboolean
search_finds (const char *word, const char *incident_id)
{
  CandorSearchQuery query = CANDOR_SEARCH_QUERY_INIT;
  g_autoptr (GPtrArray) hits = NULL;
  g_autoptr (GError) error = NULL;

  query.text = word;
  hits = candor_store_search (get_store (), &query, 0, 50, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < hits->len; i++)
    if (g_strcmp0 (candor_search_hit_get_incident_id (g_ptr_array_index (hits, i)), incident_id) ==
          0 &&
        candor_search_hit_get_update_id (g_ptr_array_index (hits, i)) != NULL)
      return TRUE;

  return FALSE;
}

static void
acknowledge_errors (CandorWizard *wizard)
{
  CandorComposition *composition =
    candor_preview_get_composition (candor_wizard_get_preview (wizard));

  for (;;)
    {
      GPtrArray     *findings = candor_composition_get_findings (composition);
      CandorFinding *error_finding = NULL;

      for (guint i = 0; i < findings->len && error_finding == NULL; i++)
        if (candor_finding_get_severity (g_ptr_array_index (findings, i)) ==
            CANDOR_FINDING_SEVERITY_ERROR)
          error_finding = g_ptr_array_index (findings, i);
      if (error_finding == NULL)
        return;
      candor_composition_acknowledge (composition, error_finding);
      candor_composition_update (composition, NULL);
    }
}

static gboolean
not_applying (gpointer data)
{
  return !candor_wizard_page_get_applying (data);
}

/* Publish with no channel able to send yet (none is set up): every row
 * fails in the publisher's words, with what to do; the update is in the
 * history all the same, its draft gone, and the words are found. */
static void
test_publish_records_and_shows_each_result (void)
{
  CandorWizard *wizard =
    open_review_with ("Sign-in outage", "Nobody can reach the marmalade portal");
  GtkWidget *review =
    candor_test_ui_find_mapped (GTK_WIDGET (wizard), CANDOR_TYPE_WIZARD_REVIEW_PAGE, NULL, NULL);
  g_autofree char *incident_id = g_strdup (
    candor_incident_get_id (candor_draft_get_incident (candor_wizard_get_draft (wizard))));
  g_autoptr (GPtrArray) updates = NULL;
  g_autoptr (GError) error = NULL;
  gpointer   weak = wizard;
  GtkWidget *row;

  acknowledge_errors (wizard);
  wait_for_label (review, "Publish (Ctrl+Enter) sends this update to");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.next", NULL));
  candor_test_ui_wait_until (not_applying, review);

  row = candor_test_ui_find_mapped (review, CANDOR_TYPE_PUBLICATION_ROW, NULL, NULL);
  g_assert_nonnull (row);
  g_assert_true (candor_publication_row_get_finished (CANDOR_PUBLICATION_ROW (row)));
  g_assert_nonnull (
    strstr (candor_publication_row_get_status (CANDOR_PUBLICATION_ROW (row)), "Failed: "));
  wait_for_label (review, "This update is in the history");
  g_assert_false (publish_enabled (wizard));

  updates = candor_store_load_updates (get_store (), incident_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (updates->len, ==, 1);
  g_assert_cmpuint (((CandorSentUpdate *)g_ptr_array_index (updates, 0))->publications->len, >, 0);
  g_assert_true (search_finds ("marmalade", incident_id));

  /* In the history now: closing asks nothing. */
  g_object_add_weak_pointer (G_OBJECT (wizard), &weak);
  gtk_window_close (GTK_WINDOW (wizard));
  while (weak != NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (candor_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

/* Cancel while publishing: the step stops, stays, and never records the
 * update twice. */
static void
test_publish_cancel (void)
{
  CandorWizard *wizard = open_review_with ("Slow checkout", "Checkout takes a minute");
  GtkWidget    *review =
    candor_test_ui_find_mapped (GTK_WIDGET (wizard), CANDOR_TYPE_WIZARD_REVIEW_PAGE, NULL, NULL);
  g_autofree char *incident_id = g_strdup (
    candor_incident_get_id (candor_draft_get_incident (candor_wizard_get_draft (wizard))));
  g_autoptr (GPtrArray) updates = NULL;
  gpointer weak = wizard;

  acknowledge_errors (wizard);
  wait_for_label (review, "Publish (Ctrl+Enter) sends this update to");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.next", NULL));
  g_assert_true (candor_wizard_page_get_applying (CANDOR_WIZARD_PAGE (review)));
  g_assert_nonnull (
    candor_test_ui_find_mapped (GTK_WIDGET (wizard), GTK_TYPE_BUTTON, "label", "_Cancel"));
  /* Escape, or the Cancel button: the same action. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.back", NULL));
  candor_test_ui_wait_until (not_applying, review);
  g_assert_cmpuint (candor_wizard_get_step (wizard) + 1, ==, candor_wizard_get_n_steps (wizard));
  g_assert_nonnull (
    candor_test_ui_find_mapped (GTK_WIDGET (wizard), GTK_TYPE_BUTTON, "label", "_Back"));

  updates = candor_store_load_updates (get_store (), incident_id, NULL);
  g_assert_cmpuint (updates != NULL ? updates->len : 0, <=, 1);
  if (updates != NULL && updates->len == 1)
    {
      /* Recorded before the cancel came: it cannot be published again. */
      wait_for_label (review, "This update is in the history");
      g_assert_false (publish_enabled (wizard));
    }
  else
    {
      wait_for_label (review, "Publishing was cancelled");
      g_assert_true (publish_enabled (wizard));
    }

  g_object_add_weak_pointer (G_OBJECT (wizard), &weak);
  gtk_window_close (GTK_WINDOW (wizard));
  if (updates == NULL || updates->len == 0)
    {
      GtkWidget *dialog;

      candor_test_ui_wait_until (has_toplevel, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG));
      dialog = candor_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
      adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "discard");
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  while (weak != NULL)
    g_main_context_iteration (NULL, TRUE);
}

/* Sent by hand: Mark as Sent records it at the time given, the wizard
 * closes, and the history has it and finds its words. */
static void
test_publish_mark_sent_records (void)
{
  CandorWizard *wizard = open_review_with ("Invoices late", "Invoices reach the quokka team late");
  GtkWidget    *review =
    candor_test_ui_find_mapped (GTK_WIDGET (wizard), CANDOR_TYPE_WIZARD_REVIEW_PAGE, NULL, NULL);
  g_autofree char *incident_id = g_strdup (
    candor_incident_get_id (candor_draft_get_incident (candor_wizard_get_draft (wizard))));
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) earlier = g_date_time_add_minutes (now, -42);
  g_autoptr (GPtrArray) updates = NULL;
  g_autoptr (GError) error = NULL;
  CandorMarkSentDialog *dialog;
  CandorSentUpdate     *sent;
  gpointer              weak = wizard;

  g_object_add_weak_pointer (G_OBJECT (wizard), &weak);
  g_assert_true (gtk_widget_activate_action (review, "review.mark-sent", NULL));
  candor_test_ui_wait_until (has_toplevel, GSIZE_TO_POINTER (CANDOR_TYPE_MARK_SENT_DIALOG));
  dialog = CANDOR_MARK_SENT_DIALOG (candor_test_ui_find_toplevel (CANDOR_TYPE_MARK_SENT_DIALOG));
  candor_mark_sent_dialog_set_sent_at (dialog, earlier);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "mark");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Everything it was given is sent: the wizard closes by itself. */
  while (weak != NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (candor_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  updates = candor_store_load_updates (get_store (), incident_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (updates->len, ==, 1);
  sent = g_ptr_array_index (updates, 0);
  g_assert_cmpint (g_date_time_to_unix (sent->sent_at) / 60, ==,
                   g_date_time_to_unix (earlier) / 60);
  g_assert_true (search_finds ("quokka", incident_id));
}

static void
on_channel_saved_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (candor_channel_list_save_finish (CANDOR_CHANNEL_LIST (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *)data = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *)data;
}

/* Publish against a fake of Slack's Web API, set up as the audiences' Slack
 * channel with its token in the keyring: its row says Sent, Slack got the
 * words, and the history holds the publication as sent. */
static void
test_publish_to_slack (void)
{
  CandorSession *session = candor_application_get_session (app);
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorFakeSlack) fake = candor_fake_slack_new (NULL, "xoxb-right", "C0STATUS", &error);
  g_autoptr (CandorChannel) channel = candor_channel_new ("slack", "slack", "Status channel");
  g_autofree char *api_url = NULL;
  g_autofree char *incident_id = NULL;
  g_autoptr (GPtrArray) updates = NULL;
  CandorSentUpdate *sent;
  CandorWizard     *wizard;
  GtkWidget        *review;
  GtkWidget        *row;
  GPtrArray        *accepted;
  gboolean          saved = FALSE;
  guint             n_sent = 0;
  gpointer          weak;

  g_assert_no_error (error);
  api_url = g_strconcat (candor_fake_server_get_url (CANDOR_FAKE_SERVER (fake)), "/api/", NULL);
  g_assert_true (candor_channel_set_setting (channel, "channel", "C0STATUS", &error));
  g_assert_true (candor_channel_set_setting (channel, "api_url", api_url, &error));
  candor_channel_list_save_async (candor_session_get_channels (session), channel, "xoxb-right",
                                  NULL, on_channel_saved_cb, &saved);
  candor_test_ui_wait_until (is_true, &saved);

  wizard = open_review_with ("Search is down", "Search finds nothing in the pangolin catalogue");
  weak = wizard;
  review =
    candor_test_ui_find_mapped (GTK_WIDGET (wizard), CANDOR_TYPE_WIZARD_REVIEW_PAGE, NULL, NULL);
  incident_id = g_strdup (
    candor_incident_get_id (candor_draft_get_incident (candor_wizard_get_draft (wizard))));
  acknowledge_errors (wizard);
  wait_for_label (review, "Publish (Ctrl+Enter) sends this update to");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.next", NULL));
  candor_test_ui_wait_until (not_applying, review);

  row = candor_test_ui_find_mapped (review, CANDOR_TYPE_PUBLICATION_ROW, "title", "Status channel");
  g_assert_nonnull (row);
  g_assert_true (
    g_str_has_suffix (candor_publication_row_get_status (CANDOR_PUBLICATION_ROW (row)), " · Sent"));

  accepted = candor_fake_server_get_accepted (CANDOR_FAKE_SERVER (fake));
  g_assert_cmpuint (accepted->len, >, 0);
  for (guint i = 0; i < accepted->len; i++)
    {
      /* What Slack accepted, as JSON. */
      g_autofree char *body = json_to_string (g_ptr_array_index (accepted, i), FALSE);

      g_assert_nonnull (strstr (body, "pangolin"));
    }

  updates = candor_store_load_updates (get_store (), incident_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (updates->len, ==, 1);
  sent = g_ptr_array_index (updates, 0);
  for (guint i = 0; i < sent->publications->len; i++)
    {
      CandorPublication *publication = g_ptr_array_index (sent->publications, i);

      if (g_str_equal (publication->channel_id, "slack"))
        {
          g_assert_cmpint (publication->state, ==, CANDOR_PUBLICATION_STATE_SENT);
          n_sent++;
        }
    }
  g_assert_cmpuint (n_sent, ==, accepted->len);
  g_assert_true (search_finds ("pangolin", incident_id));

  g_object_add_weak_pointer (G_OBJECT (wizard), &weak);
  gtk_window_close (GTK_WINDOW (wizard));
  while (weak != NULL)
    g_main_context_iteration (NULL, TRUE);
}

/* The channels of the public journey, all of them reaching the customers. */
static const char *const everywhere[] = {
  "slack", "mastodon", "bluesky", "x", "statuspage", "cachet", "static-site", NULL,
};

static void
on_channel_counted_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (candor_channel_list_save_finish (CANDOR_CHANNEL_LIST (source), result, &error));
  g_assert_no_error (error);
  (*(guint *)data)--;
}

static gboolean
is_zero (gpointer data)
{
  return *(guint *)data == 0;
}

/* Saves the channel @id, of the kind of the same name and named so too,
 * with @settings (name, value pairs) and @secret in the keyring. */
static void
save_channel (const char *id, const char *secret, const char *const *settings, guint *pending)
{
  g_autoptr (CandorChannel) channel = candor_channel_new (id, id, id);
  g_autoptr (GError) error = NULL;

  for (guint i = 0; settings[i] != NULL; i += 2)
    {
      g_assert_true (candor_channel_set_setting (channel, settings[i], settings[i + 1], &error));
      g_assert_no_error (error);
    }
  (*pending)++;
  candor_channel_list_save_async (
    candor_session_get_channels (candor_application_get_session (app)), channel, secret, NULL,
    on_channel_counted_cb, pending);
}

/* A draft of @update for @incident that only the customers read, through
 * every public channel and a chat channel. */
static CandorDraft *
draft_for_customers (CandorIncident *incident, CandorUpdate *update)
{
  g_autoptr (GPtrArray) defaults = candor_audience_new_defaults ();
  g_autoptr (GPtrArray) audiences = g_ptr_array_new_with_free_func (g_object_unref);
  CandorDraft *draft = candor_draft_new (incident, update);

  for (guint i = 0; i < defaults->len; i++)
    if (g_str_equal (candor_audience_get_id (g_ptr_array_index (defaults, i)), "customers"))
      g_ptr_array_add (audiences, g_object_ref (g_ptr_array_index (defaults, i)));
  g_assert_cmpuint (audiences->len, ==, 1);
  candor_audience_set_channels (g_ptr_array_index (audiences, 0), everywhere);
  candor_draft_set_audiences (draft, audiences);

  return draft;
}

static JsonObject *
accepted_object (gpointer fake, guint index)
{
  GPtrArray *all = candor_fake_server_get_accepted (CANDOR_FAKE_SERVER (fake));

  g_assert_cmpuint (index, <, all->len);
  return json_node_get_object (g_ptr_array_index (all, index));
}

/* The publication of @sent on @channel_id: sent, with a remote id and a link. */
static CandorPublication *
sent_on (CandorSentUpdate *sent, const char *channel_id)
{
  for (guint i = 0; i < sent->publications->len; i++)
    {
      CandorPublication *publication = g_ptr_array_index (sent->publications, i);

      if (g_str_equal (publication->channel_id, channel_id))
        {
          g_assert_cmpint (publication->state, ==, CANDOR_PUBLICATION_STATE_SENT);
          g_assert_nonnull (publication->remote_id);
          g_assert_nonnull (publication->remote_url);
          return publication;
        }
    }

  g_assert_not_reached ();
}

/* Opens @draft's wizard at review, publishes it with one action, and
 * waits for the wizard to close by itself: everything went out. Each row
 * said Sent before it did; @links gets the address each row offered to
 * open, by channel. */
static void
publish_from_review (CandorDraft *draft, GHashTable *links)
{
  CandorWizard *wizard = candor_wizard_new (GTK_APPLICATION (app), NULL, draft);
  gpointer      weak = wizard;
  GtkWidget    *review;

  g_object_add_weak_pointer (G_OBJECT (wizard), &weak);
  gtk_window_present (GTK_WINDOW (wizard));
  candor_test_ui_wait_for_mapped (GTK_WIDGET (wizard));
  while (candor_wizard_get_step (wizard) + 1 < candor_wizard_get_n_steps (wizard))
    next_step (wizard);
  review =
    candor_test_ui_find_mapped (GTK_WIDGET (wizard), CANDOR_TYPE_WIZARD_REVIEW_PAGE, NULL, NULL);
  acknowledge_errors (wizard);
  wait_for_label (review, "Publish (Ctrl+Enter) sends this update to 7 channels at once: ");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.next", NULL));
  candor_test_ui_wait_until (not_applying, review);

  g_hash_table_remove_all (links);
  for (guint i = 0; everywhere[i] != NULL; i++)
    {
      GtkWidget *row =
        candor_test_ui_find_mapped (review, CANDOR_TYPE_PUBLICATION_ROW, "title", everywhere[i]);
      GtkWidget *link;

      g_assert_nonnull (row);
      g_assert_cmpstr (candor_publication_row_get_status (CANDOR_PUBLICATION_ROW (row)), ==,
                       "Customers · Sent");
      link = find_link (row);
      if (gtk_widget_get_visible (link))
        g_hash_table_insert (links, g_strdup (everywhere[i]),
                             g_strdup (gtk_link_button_get_uri (GTK_LINK_BUTTON (link))));
    }

  while (weak != NULL)
    g_main_context_iteration (NULL, TRUE);
}

/* Each publication of @sent is in the history with its link, and its row
 * offered that link to open: every web address (https). The fakes of
 * Mastodon and Cachet answer on http://127.0.0.1 and the static site's link
 * is its page's file: those are recorded, and their rows offer no link. */
static void
assert_links (CandorSentUpdate *sent, GHashTable *links, const char *page_uri)
{
  for (guint i = 0; everywhere[i] != NULL; i++)
    {
      CandorPublication *publication = sent_on (sent, everywhere[i]);

      if (g_str_has_prefix (publication->remote_url, "https://"))
        g_assert_cmpstr (g_hash_table_lookup (links, everywhere[i]), ==, publication->remote_url);
      else if (g_str_equal (everywhere[i], "static-site"))
        g_assert_cmpstr (publication->remote_url, ==, page_uri);
      else
        g_assert_true (g_str_has_prefix (publication->remote_url, "http://127.0.0.1:"));
    }
  /* Slack, Bluesky, X and Statuspage link to the service's own pages. */
  g_assert_cmpuint (g_hash_table_size (links), ==, 4);
}

/* Issue 11's "done": from the review step, one action publishes the first
 * notice to a chat channel and every public channel at once; the follow-up,
 * opened as the window's New Update opens it, lands in the same thread or
 * incident on each; the history holds every post with its link. */
static void
test_publish_everywhere_then_follow_up (void)
{
  const char       *x_names[] = { CANDOR_X_SECRET_CONSUMER_KEY, CANDOR_X_SECRET_CONSUMER_SECRET,
                                  CANDOR_X_SECRET_ACCESS_TOKEN, CANDOR_X_SECRET_ACCESS_TOKEN_SECRET,
                                  NULL };
  const char       *x_values[] = { "xck-journey", "xcs-journey", "150-xat-journey", "xats-journey",
                                   NULL };
  const char *const sp_components[] = { "cmp-search", NULL };
  const guint       cachet_components[] = { 7 };
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorFakeSlack) slack =
    candor_fake_slack_new (NULL, "xoxb-right", "C0STATUS", &error);
  g_autoptr (CandorFakeMastodon) mastodon =
    candor_fake_mastodon_new (NULL, "mastodon-journey", 500, &error);
  g_autoptr (CandorFakeBluesky) bluesky =
    candor_fake_bluesky_new (NULL, "candor.bsky.fake", "bsky-app-pass", &error);
  g_autoptr (CandorFakeX) x =
    candor_fake_x_new (NULL, x_values[0], x_values[1], x_values[2], x_values[3], &error);
  g_autoptr (CandorFakeStatuspage) statuspage =
    candor_fake_statuspage_new (NULL, "sp-journey", "pg-journey", sp_components, &error);
  g_autoptr (CandorFakeCachet) cachet =
    candor_fake_cachet_new (NULL, "cachet-journey", cachet_components, 1, &error);
  g_autofree char *folder = g_dir_make_tmp ("candor-journey-site-XXXXXX", NULL);
  g_autofree char *x_secret = candor_secrets_join_parts (x_names, x_values);
  g_autofree char *slack_api = NULL;
  g_autofree char *cachet_base = NULL;
  g_autofree char *page_name = NULL;
  g_autofree char *page_path = NULL;
  g_autofree char *page = NULL;
  g_autofree char *sp_patch = NULL;
  g_autoptr (CandorIncident) incident = candor_incident_new ("Search is down");
  g_autoptr (CandorIncident) stored = NULL;
  g_autoptr (CandorUpdate) first_notice = candor_update_new (CANDOR_UPDATE_KIND_INITIAL);
  g_autoptr (CandorUpdate) progress = candor_update_new (CANDOR_UPDATE_KIND_PROGRESS);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (CandorDraft) first_draft = NULL;
  g_autoptr (CandorDraft) follow_up_draft = NULL;
  g_autoptr (GPtrArray) updates = NULL;
  g_auto (GStrv) bluesky_first = NULL;
  g_autoptr (GHashTable) first_links =
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GHashTable) follow_up_links =
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char   *page_uri = NULL;
  CandorSentUpdate  *first, *second;
  CandorFakeRequest *request;
  GPtrArray         *requests;
  JsonObject        *reply;
  const char        *cachet_id;
  guint              pending = 0;

  g_assert_no_error (error);
  g_assert_nonnull (folder);
  slack_api = g_strconcat (candor_fake_server_get_url (CANDOR_FAKE_SERVER (slack)), "/api/", NULL);
  cachet_base = g_strconcat (candor_fake_server_get_url (CANDOR_FAKE_SERVER (cachet)), "/", NULL);

  {
    const char *slack_settings[] = { "channel", "C0STATUS", "api_url", slack_api, NULL };
    const char *mastodon_settings[] = { "instance",
                                        candor_fake_server_get_url (CANDOR_FAKE_SERVER (mastodon)),
                                        NULL };
    const char *bluesky_settings[] = { "pds",
                                       candor_fake_server_get_url (CANDOR_FAKE_SERVER (bluesky)),
                                       "handle", "candor.bsky.fake", NULL };
    const char *x_settings[] = { "api-url", candor_fake_server_get_url (CANDOR_FAKE_SERVER (x)),
                                 NULL };
    const char *statuspage_settings[] = {
      "page-id",    "pg-journey", "component-ids",
      "cmp-search", "api-url",    candor_fake_server_get_url (CANDOR_FAKE_SERVER (statuspage)),
      NULL
    };
    const char *cachet_settings[] = { "base-url", cachet_base, "component-id", "7", NULL };
    const char *site_settings[] = { "folder", folder, NULL };

    save_channel ("slack", "xoxb-right", slack_settings, &pending);
    save_channel ("mastodon", "mastodon-journey", mastodon_settings, &pending);
    save_channel ("bluesky", "bsky-app-pass", bluesky_settings, &pending);
    save_channel ("x", x_secret, x_settings, &pending);
    save_channel ("statuspage", "sp-journey", statuspage_settings, &pending);
    save_channel ("cachet", "cachet-journey", cachet_settings, &pending);
    save_channel ("static-site", NULL, site_settings, &pending);
    candor_test_ui_wait_until (is_zero, &pending);
  }

  /* The first notice, everywhere at once: one post on each. */
  candor_incident_set_started_at (incident, now);
  candor_update_set_field (first_notice, CANDOR_FIELD_IMPACT_NOW,
                           "Search finds nothing in the wombat catalogue.");
  first_draft = draft_for_customers (incident, first_notice);
  publish_from_review (first_draft, first_links);

  g_assert_cmpuint (candor_fake_server_get_accepted (CANDOR_FAKE_SERVER (slack))->len, ==, 1);
  g_assert_cmpuint (candor_fake_server_get_accepted (CANDOR_FAKE_SERVER (mastodon))->len, ==, 1);
  g_assert_cmpuint (candor_fake_server_get_accepted (CANDOR_FAKE_SERVER (bluesky))->len, ==, 1);
  g_assert_cmpuint (candor_fake_server_get_accepted (CANDOR_FAKE_SERVER (x))->len, ==, 1);
  g_assert_cmpuint (candor_fake_statuspage_get_n_incidents (statuspage), ==, 1);
  g_assert_cmpuint (candor_fake_cachet_get_n_incidents (cachet), ==, 1);
  page_name = candor_static_site_incident_path (candor_incident_get_id (incident));
  page_path = g_build_filename (folder, page_name, NULL);
  g_assert_true (g_file_get_contents (page_path, &page, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (page, "wombat"));
  g_clear_pointer (&page, g_free);

  /* The follow-up: New Update on the incident as the history holds it. */
  stored = candor_store_load_incident (get_store (), candor_incident_get_id (incident), &error);
  g_assert_no_error (error);
  candor_update_set_field (progress, CANDOR_FIELD_IMPACT_NOW,
                           "Search finds only some of the numbat catalogue.");
  follow_up_draft = draft_for_customers (stored, progress);
  publish_from_review (follow_up_draft, follow_up_links);

  updates = candor_store_load_updates (get_store (), candor_incident_get_id (incident), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (updates->len, ==, 2);
  first = g_ptr_array_index (updates, 0);
  second = g_ptr_array_index (updates, 1);
  g_assert_cmpuint (first->publications->len, ==, 7);
  g_assert_cmpuint (second->publications->len, ==, 7);
  page_uri = g_filename_to_uri (page_path, NULL, NULL);
  assert_links (first, first_links, page_uri);
  assert_links (second, follow_up_links, page_uri);

  /* Slack: in the first notice's thread. */
  g_assert_cmpuint (candor_fake_server_get_accepted (CANDOR_FAKE_SERVER (slack))->len, ==, 2);
  g_assert_cmpstr (
    json_object_get_string_member_with_default (accepted_object (slack, 1), "thread_ts", NULL), ==,
    sent_on (first, "slack")->remote_id);

  /* Mastodon: a reply to the first status. */
  g_assert_cmpuint (candor_fake_server_get_accepted (CANDOR_FAKE_SERVER (mastodon))->len, ==, 2);
  g_assert_cmpstr (json_object_get_string_member_with_default (accepted_object (mastodon, 1),
                                                               "in_reply_to_id", NULL),
                   ==, sent_on (first, "mastodon")->remote_id);

  /* Bluesky: a reply whose root and parent are the first post. */
  g_assert_cmpuint (candor_fake_server_get_accepted (CANDOR_FAKE_SERVER (bluesky))->len, ==, 2);
  bluesky_first = g_strsplit (sent_on (first, "bluesky")->remote_id, " ", -1);
  reply = json_object_get_object_member (accepted_object (bluesky, 1), "reply");
  g_assert_nonnull (reply);
  g_assert_cmpstr (
    json_object_get_string_member (json_object_get_object_member (reply, "root"), "uri"), ==,
    bluesky_first[0]);
  g_assert_cmpstr (
    json_object_get_string_member (json_object_get_object_member (reply, "parent"), "uri"), ==,
    bluesky_first[0]);

  /* X: a reply to the first post. */
  g_assert_cmpuint (candor_fake_server_get_accepted (CANDOR_FAKE_SERVER (x))->len, ==, 2);
  reply = json_object_get_object_member (accepted_object (x, 1), "reply");
  g_assert_nonnull (reply);
  g_assert_cmpstr (json_object_get_string_member (reply, "in_reply_to_tweet_id"), ==,
                   sent_on (first, "x")->remote_id);

  /* Statuspage: the same incident, patched. */
  g_assert_cmpuint (candor_fake_statuspage_get_n_incidents (statuspage), ==, 1);
  g_assert_cmpstr (sent_on (second, "statuspage")->remote_id, ==,
                   sent_on (first, "statuspage")->remote_id);
  sp_patch =
    g_strdup_printf ("/v1/pages/pg-journey/incidents/%s", sent_on (first, "statuspage")->remote_id);
  requests = candor_fake_server_get_requests (CANDOR_FAKE_SERVER (statuspage));
  request = g_ptr_array_index (requests, requests->len - 1);
  g_assert_cmpstr (request->method, ==, "PATCH");
  g_assert_cmpstr (request->path, ==, sp_patch);

  /* Cachet: an update of the same incident. */
  cachet_id = sent_on (first, "cachet")->remote_id;
  g_assert_cmpuint (candor_fake_cachet_get_n_incidents (cachet), ==, 1);
  g_assert_cmpstr (sent_on (second, "cachet")->remote_id, ==, cachet_id);
  g_assert_cmpuint (
    candor_fake_cachet_get_n_updates (cachet, g_ascii_strtoll (cachet_id, NULL, 10)), ==, 1);

  /* The static site: the incident's one page has both updates. */
  g_assert_true (g_file_get_contents (page_path, &page, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (page, "wombat"));
  g_assert_nonnull (strstr (page, "numbat"));

  /* The history finds the words of both. */
  g_assert_true (search_finds ("wombat", candor_incident_get_id (incident)));
  g_assert_true (search_finds ("numbat", candor_incident_get_id (incident)));
}

int
main (int argc, char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("candor-publish-test-XXXXXX", NULL);
  int              status;

  /* The history goes to a private data directory. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  /* Times of day in the rows read the same wherever the test runs. */
  g_setenv ("TZ", "UTC", TRUE);
  gtk_test_init (&argc, &argv, NULL);

  app = candor_test_ui_new_app ();
  g_assert_no_error (candor_test_ui_open_history (app));
  candor_test_ui_wait_until (publisher_is_ready, NULL);

  g_test_add_func ("/ui/publish/says-why-it-waits", test_publish_says_why_it_waits);
  g_test_add_func ("/ui/publish/mark-sent-refuses-the-future",
                   test_publish_mark_sent_refuses_the_future);
  g_test_add_func ("/ui/publish/rows-say-where-each-stands",
                   test_publish_rows_say_where_each_stands);
  g_test_add_func ("/ui/publish/records-and-shows-each-result",
                   test_publish_records_and_shows_each_result);
  g_test_add_func ("/ui/publish/cancel", test_publish_cancel);
  g_test_add_func ("/ui/publish/mark-sent-records", test_publish_mark_sent_records);
  g_test_add_func ("/ui/publish/to-slack", test_publish_to_slack);
  g_test_add_func ("/ui/publish/everywhere-then-follow-up", test_publish_everywhere_then_follow_up);

  status = g_test_run ();
  g_object_unref (app);

  return status;
}
