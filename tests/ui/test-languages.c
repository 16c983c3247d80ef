/* test-languages.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "candor-application.h"
#include "candor-channel-dialog.h"
#include "candor-fake-slack.h"
#include "candor-field-editor.h"
#include "candor-incident-page.h"
#include "candor-preferences-window.h"
#include "candor-search-hit.h"
#include "candor-sent-update.h"
#include "candor-test-ui.h"
#include "candor-window.h"
#include "candor-wizard-review-page.h"
#include "candor-wizard.h"

/* Issue 12's "done", with real widgets: a first notice written in Russian
 * and English goes to a Russian and an English audience, each on a Slack
 * of its own (fakes of Slack's Web API); the history finds either
 * language; a follow-up that changes the Russian text only shows the
 * English one as possibly out of date. Also: a template fills each
 * language, and Preferences give audiences and channels a language. */

static CandorApplication *app;

/* Words no template or phrase has, one per language, to find again. */
#define RUSSIAN_IMPACT "Клиенты не могут войти в личный кабинет, выхухоль молчит."
#define RUSSIAN_WORD   "выхухоль"
#define ENGLISH_IMPACT \
  "Customers cannot sign in, the muskrat is silent: our payment provider is to blame."
#define ENGLISH_WORD     "muskrat"
#define ENGLISH_TITLE    "Sign-in is down"
#define RUSSIAN_FOLLOWUP "Половина клиентов снова входит в кабинет, выхухоль проснулась."

static gboolean
step_is (gpointer data)
{
  gpointer *args = data;

  return candor_wizard_get_step (args[0]) == GPOINTER_TO_UINT (args[1]);
}

static void
wait_for_step (CandorWizard *wizard, guint step)
{
  gpointer args[] = { wizard, GUINT_TO_POINTER (step) };

  candor_test_ui_wait_until (step_is, args);
}

static void
next_step (CandorWizard *wizard)
{
  guint step = candor_wizard_get_step (wizard);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.next", NULL));
  wait_for_step (wizard, step + 1);
}

static void
go_to_review (CandorWizard *wizard)
{
  while (candor_wizard_get_step (wizard) + 1 < candor_wizard_get_n_steps (wizard))
    next_step (wizard);
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *)data;
}

static gboolean
not_applying (gpointer data)
{
  return !candor_wizard_page_get_applying (data);
}

static gboolean
publisher_is_ready (gpointer data)
{
  return candor_session_get_publisher (candor_application_get_session (app)) != NULL;
}

static CandorStore *
get_store (void)
{
  return candor_session_get_store (candor_application_get_session (app));
}

static void
on_channel_saved_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (candor_channel_list_save_finish (CANDOR_CHANNEL_LIST (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *)data = TRUE;
}

/* A Slack channel @id on @fake, its token in the keyring. */
static void
save_slack_channel (const char      *id,
                    CandorFakeSlack *fake,
                    const char      *slack_channel,
                    const char      *token)
{
  g_autoptr (CandorChannel) channel = candor_channel_new (id, "slack", id);
  g_autoptr (GError) error = NULL;
  g_autofree char *api_url =
    g_strconcat (candor_fake_server_get_url (CANDOR_FAKE_SERVER (fake)), "/api/", NULL);
  gboolean saved = FALSE;

  g_assert_true (candor_channel_set_setting (channel, "channel", slack_channel, &error));
  g_assert_true (candor_channel_set_setting (channel, "api_url", api_url, &error));
  g_assert_no_error (error);
  candor_channel_list_save_async (
    candor_session_get_channels (candor_application_get_session (app)), channel, token, NULL,
    on_channel_saved_cb, &saved);
  candor_test_ui_wait_until (is_true, &saved);
}

/* Customers who read Russian, and customers who read English. */
static GPtrArray *
audiences_new (void)
{
  static const CandorField fields[] = { CANDOR_FIELD_IMPACT_NOW, CANDOR_FIELD_CONTACT };
  static const char *const russian_channels[] = { "slack-ru", NULL };
  static const char *const english_channels[] = { "slack-en", NULL };
  GPtrArray               *audiences = g_ptr_array_new_with_free_func (g_object_unref);
  CandorAudience          *russian = candor_audience_new ("customers-ru", "Клиенты");
  CandorAudience          *english = candor_audience_new ("customers-en", "Customers");

  candor_audience_set_fields (russian, fields, G_N_ELEMENTS (fields));
  candor_audience_set_fields (english, fields, G_N_ELEMENTS (fields));
  candor_audience_set_language (russian, "ru");
  candor_audience_set_language (english, "en");
  candor_audience_set_channels (russian, russian_channels);
  candor_audience_set_channels (english, english_channels);
  g_ptr_array_add (audiences, russian);
  g_ptr_array_add (audiences, english);

  return audiences;
}

static CandorWizard *
open_wizard (CandorIncident *incident, CandorUpdate *update)
{
  g_autoptr (CandorDraft) draft = candor_draft_new (incident, update);
  g_autoptr (GPtrArray) audiences = audiences_new ();
  CandorWizard *wizard;

  candor_draft_set_audiences (draft, audiences);
  wizard = candor_wizard_new (GTK_APPLICATION (app), NULL, draft);
  gtk_window_present (GTK_WINDOW (wizard));
  candor_test_ui_wait_for_mapped (GTK_WIDGET (wizard));

  return wizard;
}

static CandorFieldEditor *
find_editor (GtkWidget *root, CandorField field)
{
  if (CANDOR_IS_FIELD_EDITOR (root) &&
      candor_field_editor_get_field (CANDOR_FIELD_EDITOR (root)) == field)
    return CANDOR_FIELD_EDITOR (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      CandorFieldEditor *found = find_editor (child, field);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static CandorComposition *
get_composition (CandorWizard *wizard)
{
  CandorPreview *preview = candor_wizard_get_preview (wizard);

  candor_preview_flush (preview);
  return candor_preview_get_composition (preview);
}

static CandorFinding *
find_finding (CandorWizard *wizard, const char *rule, CandorField field)
{
  GPtrArray *findings = candor_composition_get_findings (get_composition (wizard));

  for (guint i = 0; i < findings->len; i++)
    {
      CandorFinding *finding = g_ptr_array_index (findings, i);

      if (g_str_equal (candor_finding_get_rule_id (finding), rule) &&
          ((int)field < 0 || candor_finding_get_field (finding) == (int)field))
        return finding;
    }

  return NULL;
}

/* The finding about the incident title, which quotes it. */
static CandorFinding *
find_title_finding (CandorWizard *wizard)
{
  GPtrArray *findings = candor_composition_get_findings (get_composition (wizard));

  for (guint i = 0; i < findings->len; i++)
    if (candor_finding_get_quote (g_ptr_array_index (findings, i)) != NULL &&
        candor_finding_get_field (g_ptr_array_index (findings, i)) < 0)
      return g_ptr_array_index (findings, i);

  return NULL;
}

/* The other errors are the checks' business, tested elsewhere: the author
 * stands by the text. */
static void
acknowledge_other_errors (CandorWizard *wizard)
{
  CandorComposition *composition = get_composition (wizard);

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
      g_assert_cmpstr (candor_finding_get_rule_id (error_finding), !=, "translation-missing");
      candor_composition_acknowledge (composition, error_finding);
      candor_composition_update (composition, NULL);
    }
}

static gboolean
label_shown (gpointer data)
{
  gpointer *args = data;

  return candor_test_ui_label_contains (args[0], args[1]);
}

static void
wait_for_label (GtkWidget *root, const char *needle)
{
  gpointer args[] = { root, (gpointer)needle };

  candor_test_ui_wait_until (label_shown, args);
}

/* The label under @root reading @text, shown or not. */
static GtkWidget *
find_label (GtkWidget *root, const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
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

/* Everything @fake accepted, as one string of JSON. */
static char *
dup_accepted (CandorFakeSlack *fake)
{
  GPtrArray *accepted = candor_fake_server_get_accepted (CANDOR_FAKE_SERVER (fake));
  GString   *all = g_string_new (NULL);

  for (guint i = 0; i < accepted->len; i++)
    {
      g_autofree char *body = json_to_string (g_ptr_array_index (accepted, i), FALSE);

      g_string_append (all, body);
    }

  return g_string_free (all, FALSE);
}

static void
close_and_discard (CandorWizard *wizard)
{
  gpointer   weak = wizard;
  GtkWidget *dialog;

  g_object_add_weak_pointer (G_OBJECT (wizard), &weak);
  gtk_window_close (GTK_WINDOW (wizard));
  dialog = candor_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  if (dialog != NULL)
    {
      adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "discard");
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  while (weak != NULL)
    g_main_context_iteration (NULL, TRUE);
}

/* Tab, as the keyboard moves the focus, from the top of the window
 * reaches @target. */
static gboolean
tab_reaches (GtkWidget *window, GtkWidget *target)
{
  gtk_window_set_focus (GTK_WINDOW (window), NULL);
  for (guint i = 0; i < 300; i++)
    {
      g_signal_emit_by_name (window, "move-focus", GTK_DIR_TAB_FORWARD);
      g_main_context_iteration (NULL, FALSE);
      if (gtk_root_get_focus (GTK_ROOT (window)) == target)
        return TRUE;
    }

  return FALSE;
}

/* A row of the review's checks and the button on it labelled @label. */
static GtkWidget *
find_finding_button (GtkWidget *review, CandorFinding *finding, const char *label)
{
  GtkWidget *row = candor_test_ui_wait_for_widget (review, ADW_TYPE_ACTION_ROW, "title",
                                                   candor_finding_get_message (finding));

  return candor_test_ui_find_mapped (row, GTK_TYPE_BUTTON, "label", label);
}

typedef struct
{
  CandorWindow *window;
  const char   *incident_id;
  guint         position;
} IncidentQuery;

static gboolean
incident_listed (gpointer data)
{
  IncidentQuery *query = data;
  GListModel    *incidents = candor_window_get_incidents (query->window);

  for (guint i = 0; i < g_list_model_get_n_items (incidents); i++)
    {
      g_autoptr (CandorIncident) incident = g_list_model_get_item (incidents, i);

      if (g_str_equal (candor_incident_get_id (incident), query->incident_id))
        {
          query->position = i;
          return TRUE;
        }
    }

  return FALSE;
}

/* The session's list, read anew, has the incident as resolved. */
static gboolean
incident_resolved_listed (gpointer data)
{
  CandorIncidentListModel *incidents =
    candor_session_get_incidents (candor_application_get_session (app));
  guint position;
  g_autoptr (CandorIncident) incident = NULL;

  if (candor_incident_list_model_get_loading (incidents))
    return FALSE;
  position = candor_incident_list_model_find (incidents, data);
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;
  incident = g_list_model_get_item (G_LIST_MODEL (incidents), position);

  return candor_incident_get_state (incident) == CANDOR_INCIDENT_STATE_RESOLVED;
}

static gboolean
is_sensitive (gpointer data)
{
  return gtk_widget_is_sensitive (data);
}

/* Wizards on screen. */
static guint
count_wizards (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint       count = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (CANDOR_IS_WIZARD (window) && gtk_widget_get_visible (window))
        count++;
    }

  return count;
}

static gboolean
wizard_shown (gpointer data)
{
  return candor_test_ui_find_toplevel (CANDOR_TYPE_WIZARD) != NULL;
}

/* New Update, as the user starts it: the incident's row in a main window,
 * then the header bar's button. */
static CandorWizard *
start_follow_up (CandorWindow *window, const char *incident_id)
{
  IncidentQuery query = { window, incident_id, 0 };
  GtkWidget    *view;
  GtkWidget    *button;
  GtkWidget    *wizard;

  gtk_window_present (GTK_WINDOW (window));
  candor_test_ui_wait_for_mapped (GTK_WIDGET (window));
  candor_test_ui_wait_until (incident_listed, &query);
  view = candor_test_ui_wait_for_widget (GTK_WIDGET (window), GTK_TYPE_LIST_VIEW, NULL, NULL);
  g_assert_true (gtk_widget_activate_action (view, "list.activate-item", "u", query.position));
  button = candor_test_ui_wait_for_widget (GTK_WIDGET (window), GTK_TYPE_BUTTON, "action-name",
                                           "win.new-update");
  candor_test_ui_wait_until (is_sensitive, button);
  /* Clicked twice while the last update is read: one wizard, not two. */
  g_signal_emit_by_name (button, "clicked");
  g_signal_emit_by_name (button, "clicked");
  candor_test_ui_wait_until (wizard_shown, NULL);
  wizard = candor_test_ui_find_toplevel (CANDOR_TYPE_WIZARD);
  candor_test_ui_wait_for_mapped (wizard);
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (count_wizards (), ==, 1);

  return CANDOR_WIZARD (wizard);
}

static void
test_languages_first_notice_and_follow_up (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorFakeSlack) russian_slack =
    candor_fake_slack_new (NULL, "xoxb-russian", "C0RU", &error);
  g_autoptr (CandorFakeSlack) english_slack =
    candor_fake_slack_new (NULL, "xoxb-english", "C0EN", &error);
  g_autoptr (CandorIncident) incident = candor_incident_new ("Вход не работает");
  g_autoptr (CandorUpdate) notice = candor_update_new (CANDOR_UPDATE_KIND_INITIAL);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GPtrArray) updates = NULL;
  g_autoptr (CandorUpdate) follow_up = NULL;
  g_autofree char   *russian_sent = NULL;
  CandorWindow      *window;
  g_autofree char   *english_sent = NULL;
  const char        *incident_id = candor_incident_get_id (incident);
  CandorWizard      *wizard;
  CandorIncident    *followed;
  CandorFieldEditor *editor;
  CandorFinding     *finding;
  GtkWidget         *review;
  GtkWidget         *expander;
  GtkWidget         *row;
  GtkWidget         *button;
  gpointer           weak;

  g_assert_no_error (error);
  save_slack_channel ("slack-ru", russian_slack, "C0RU", "xoxb-russian");
  save_slack_channel ("slack-en", english_slack, "C0EN", "xoxb-english");
  candor_incident_set_language (incident, "ru");
  candor_incident_set_started_at (incident, now);
  candor_update_set_contact_name (notice, "Дана Ким");

  /* Step 1: Russian first, English as well, as the author ticks it. */
  wizard = open_wizard (incident, notice);
  expander = candor_test_ui_find_mapped (GTK_WIDGET (wizard), ADW_TYPE_EXPANDER_ROW, "title",
                                         "_Other Languages");
  g_assert_nonnull (expander);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
  row = candor_test_ui_wait_for_widget (expander, ADW_TYPE_ACTION_ROW, "title", "English");
  adw_action_row_activate (ADW_ACTION_ROW (row));
  g_assert_cmpstrv (candor_incident_get_other_languages (incident),
                    ((const char *const[]){ "en", NULL }));
  /* Russian is the primary language: not another one too. */
  row = candor_test_ui_find_mapped (expander, ADW_TYPE_ACTION_ROW, "title", "Русский");
  g_assert_false (gtk_widget_get_sensitive (row));

  /* The title gets a row in English right below the Russian one. */
  row = candor_test_ui_find_mapped (GTK_WIDGET (wizard), ADW_TYPE_ENTRY_ROW, "title",
                                    "Title in English");
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), ENGLISH_TITLE);
  g_assert_cmpstr (candor_incident_get_title_in (incident, "en"), ==, ENGLISH_TITLE);
  g_assert_cmpstr (candor_incident_get_title (incident), ==, "Вход не работает");

  /* Step 2: the impact in Russian, in the field's first tab. */
  next_step (wizard);
  editor = find_editor (GTK_WIDGET (wizard), CANDOR_FIELD_IMPACT_NOW);
  g_assert_nonnull (editor);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (editor)));
  g_assert_cmpstr (candor_field_editor_get_shown_language (editor), ==, "ru");
  g_assert_cmpstr (candor_text_spell_get_language (candor_field_editor_get_spell (editor)), ==,
                   "ru");
  g_assert_nonnull (
    candor_test_ui_find_mapped (GTK_WIDGET (editor), GTK_TYPE_TOGGLE_BUTTON, "label", "English"));
  gtk_text_buffer_set_text (candor_field_editor_get_buffer (editor), RUSSIAN_IMPACT, -1);
  g_assert_cmpstr (candor_update_get_field (notice, CANDOR_FIELD_IMPACT_NOW), ==, RUSSIAN_IMPACT);
  g_assert_cmpstr (candor_update_get_translation (notice, "en", CANDOR_FIELD_IMPACT_NOW), ==, "");

  /* The review: English has no text, which holds Publish back with a
   * choice; Write It opens the field in English. */
  go_to_review (wizard);
  review =
    candor_test_ui_find_mapped (GTK_WIDGET (wizard), CANDOR_TYPE_WIZARD_REVIEW_PAGE, NULL, NULL);
  finding = find_finding (wizard, "translation-missing", -1);
  g_assert_nonnull (finding);
  g_assert_cmpstr (candor_finding_get_language (finding), ==, "en");
  g_assert_cmpint (candor_finding_get_severity (finding), ==, CANDOR_FINDING_SEVERITY_ERROR);
  wait_for_label (review, "Publish waits for");
  g_assert_nonnull (find_finding_button (review, finding, "Send in Russian on Purpose"));
  /* The check says its language. */
  wait_for_label (review, "English");
  button = find_finding_button (review, finding, "_Write It");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  wait_for_step (wizard, 1);
  g_assert_cmpstr (candor_field_editor_get_shown_language (editor), ==, "en");
  /* Spelling follows the tab. */
  g_assert_cmpstr (candor_text_spell_get_language (candor_field_editor_get_spell (editor)), ==,
                   "en");

  gtk_text_buffer_set_text (candor_field_editor_get_buffer (editor), ENGLISH_IMPACT, -1);
  g_assert_cmpstr (candor_update_get_translation (notice, "en", CANDOR_FIELD_IMPACT_NOW), ==,
                   ENGLISH_IMPACT);
  /* The primary text is still the Russian one. */
  g_assert_cmpstr (candor_update_get_field (notice, CANDOR_FIELD_IMPACT_NOW), ==, RUSSIAN_IMPACT);
  /* The English text's findings are underlined in the English tab only. */
  get_composition (wizard);
  g_assert_cmpuint (candor_field_editor_get_n_underlined (editor), >, 0);
  candor_field_editor_show_language (editor, "ru");
  g_assert_cmpuint (candor_field_editor_get_n_underlined (editor), ==, 0);
  candor_field_editor_show_language (editor, "en");
  g_assert_cmpuint (candor_field_editor_get_n_underlined (editor), >, 0);

  /* Each audience's tab in the preview says its language. */
  get_composition (wizard);
  g_assert_nonnull (
    candor_test_ui_find_mapped (GTK_WIDGET (wizard), GTK_TYPE_LABEL, "label", "Клиенты · Русский"));
  g_assert_nonnull (candor_test_ui_find_mapped (GTK_WIDGET (wizard), GTK_TYPE_LABEL, "label",
                                                "Customers · English"));

  /* Publish, each audience in its language on its own Slack. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.review", NULL));
  wait_for_step (wizard, candor_wizard_get_n_steps (wizard) - 1);
  g_assert_null (find_finding (wizard, "translation-missing", -1));
  acknowledge_other_errors (wizard);
  wait_for_label (review, "Publish (Ctrl+Enter) sends this update to");
  weak = wizard;
  g_object_add_weak_pointer (G_OBJECT (wizard), &weak);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.next", NULL));
  candor_test_ui_wait_until (not_applying, review);
  while (weak != NULL)
    g_main_context_iteration (NULL, TRUE);

  russian_sent = dup_accepted (russian_slack);
  english_sent = dup_accepted (english_slack);
  g_assert_nonnull (strstr (russian_sent, RUSSIAN_WORD));
  g_assert_null (strstr (russian_sent, ENGLISH_WORD));
  g_assert_nonnull (strstr (english_sent, ENGLISH_WORD));
  g_assert_null (strstr (english_sent, RUSSIAN_WORD));
  /* Each audience's message carries the incident title in its language. */
  g_assert_nonnull (strstr (english_sent, ENGLISH_TITLE));
  g_assert_null (strstr (english_sent, "Вход не работает"));
  g_assert_nonnull (strstr (russian_sent, "Вход не работает"));
  g_assert_null (strstr (russian_sent, ENGLISH_TITLE));

  /* The history's incident page says the title in English as well. */
  {
    g_autoptr (GtkWidget) page = g_object_ref_sink (g_object_new (CANDOR_TYPE_INCIDENT_PAGE, NULL));
    GtkWidget *title;

    candor_incident_page_set_incident (CANDOR_INCIDENT_PAGE (page), incident);
    title = find_label (page, "Вход не работает");
    g_assert_nonnull (title);
    g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (title), "English: " ENGLISH_TITLE));
  }

  /* The history finds either language. */
  g_assert_true (search_finds (RUSSIAN_WORD, incident_id));
  g_assert_true (search_finds (ENGLISH_WORD, incident_id));

  /* New Update starts from what was sent; the follow-up changes the
   * Russian text only. */
  updates = candor_store_load_updates (get_store (), incident_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (updates->len, ==, 1);
  window = candor_window_new (app);
  wizard = start_follow_up (window, incident_id);
  follow_up = g_object_ref (candor_draft_get_update (candor_wizard_get_draft (wizard)));
  g_assert_cmpint (candor_update_get_kind (follow_up), ==, CANDOR_UPDATE_KIND_PROGRESS);
  g_assert_cmpstr (candor_update_get_id (follow_up), !=, candor_update_get_id (notice));
  g_assert_cmpstr (candor_update_get_contact_name (follow_up), ==, "Дана Ким");
  g_assert_cmpstr (candor_update_get_field (follow_up, CANDOR_FIELD_IMPACT_NOW), ==,
                   RUSSIAN_IMPACT);
  g_assert_cmpstr (candor_update_get_translation (follow_up, "en", CANDOR_FIELD_IMPACT_NOW), ==,
                   ENGLISH_IMPACT);
  g_assert_false (
    candor_update_get_translation_outdated (follow_up, "en", CANDOR_FIELD_IMPACT_NOW));
  /* The wizard says where the text came from, in the author's language. */
  wait_for_label (GTK_WIDGET (wizard), "Started from the update sent at");

  followed = candor_draft_get_incident (candor_wizard_get_draft (wizard));

  /* The Russian title changes: the English one may be out of date, and
   * says so until the author confirms it. */
  row = candor_test_ui_find_mapped (GTK_WIDGET (wizard), ADW_TYPE_ENTRY_ROW, "title", "_Title");
  gtk_editable_set_text (GTK_EDITABLE (row), "Вход работает медленно");
  g_assert_true (candor_incident_get_title_outdated_in (followed, "en"));
  row = candor_test_ui_find_mapped (GTK_WIDGET (wizard), ADW_TYPE_ENTRY_ROW, "title",
                                    "Title in English");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, ENGLISH_TITLE);
  g_assert_true (gtk_widget_has_css_class (row, "warning"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (row), "Вход не работает"));
  button = candor_test_ui_find_mapped (row, GTK_TYPE_BUTTON, "label", "_Looks Right");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_false (candor_incident_get_title_outdated_in (followed, "en"));
  g_assert_false (gtk_widget_has_css_class (row, "warning"));
  g_assert_false (gtk_widget_get_visible (button));

  next_step (wizard);
  editor = find_editor (GTK_WIDGET (wizard), CANDOR_FIELD_IMPACT_NOW);
  g_assert_cmpstr (candor_field_editor_get_shown_language (editor), ==, "ru");
  gtk_text_buffer_set_text (candor_field_editor_get_buffer (editor), RUSSIAN_FOLLOWUP, -1);
  g_assert_true (candor_update_get_translation_outdated (follow_up, "en", CANDOR_FIELD_IMPACT_NOW));
  g_assert_cmpstr (candor_update_get_translation_source (follow_up, "en", CANDOR_FIELD_IMPACT_NOW),
                   ==, RUSSIAN_IMPACT);

  /* The English tab says so, with what its text was written for. */
  button =
    candor_test_ui_find_mapped (GTK_WIDGET (editor), GTK_TYPE_TOGGLE_BUTTON, "label", "English");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_has_css_class (button, "warning"));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
  g_assert_cmpstr (candor_field_editor_get_shown_language (editor), ==, "en");
  g_assert_true (candor_field_editor_get_outdated_shown (editor));
  g_assert_true (
    candor_test_ui_label_contains (GTK_WIDGET (editor), "Translation may be out of date"));
  g_assert_true (candor_test_ui_label_contains (GTK_WIDGET (editor), RUSSIAN_IMPACT));
  /* Both are reached by Tab alone. */
  g_assert_true (tab_reaches (GTK_WIDGET (wizard), button));
  button =
    candor_test_ui_find_mapped (GTK_WIDGET (editor), GTK_TYPE_BUTTON, "label", "_Looks Right");
  g_assert_nonnull (button);
  g_assert_true (tab_reaches (GTK_WIDGET (wizard), button));

  close_and_discard (wizard);
  candor_test_ui_close_and_wait_for_finalize (GTK_WIDGET (window));

  /* The review lists it as a warning in English, for the English audience
   * the Preferences do not have here; Looks Right confirms it. */
  g_clear_object (&follow_up);
  follow_up = candor_update_new_follow_up (
    ((CandorSentUpdate *)g_ptr_array_index (updates, 0))->update, CANDOR_UPDATE_KIND_PROGRESS);
  wizard = open_wizard (incident, follow_up);
  next_step (wizard);
  editor = find_editor (GTK_WIDGET (wizard), CANDOR_FIELD_IMPACT_NOW);
  gtk_text_buffer_set_text (candor_field_editor_get_buffer (editor), RUSSIAN_FOLLOWUP, -1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.review", NULL));
  wait_for_step (wizard, candor_wizard_get_n_steps (wizard) - 1);
  review =
    candor_test_ui_find_mapped (GTK_WIDGET (wizard), CANDOR_TYPE_WIZARD_REVIEW_PAGE, NULL, NULL);
  finding = find_finding (wizard, "translation-outdated", CANDOR_FIELD_IMPACT_NOW);
  g_assert_nonnull (finding);
  g_assert_cmpstr (candor_finding_get_language (finding), ==, "en");
  g_assert_cmpint (candor_finding_get_severity (finding), ==, CANDOR_FINDING_SEVERITY_WARNING);
  button = find_finding_button (review, finding, "_Looks Right");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_false (
    candor_update_get_translation_outdated (follow_up, "en", CANDOR_FIELD_IMPACT_NOW));
  g_assert_null (find_finding (wizard, "translation-outdated", CANDOR_FIELD_IMPACT_NOW));

  /* Without its English title the review says so, quoting the title;
   * Write It opens the title's English row. */
  candor_incident_set_title_in (incident, "en", NULL);
  finding = find_title_finding (wizard);
  g_assert_nonnull (finding);
  g_assert_cmpstr (candor_finding_get_rule_id (finding), ==, "translation-missing");
  g_assert_cmpstr (candor_finding_get_language (finding), ==, "en");
  wait_for_label (review, "The incident title has no English translation yet");
  button = find_finding_button (review, finding, "_Write It");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  wait_for_step (wizard, 0);
  row = candor_test_ui_find_mapped (GTK_WIDGET (wizard), ADW_TYPE_ENTRY_ROW, "title",
                                    "Title in English");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (gtk_widget_get_root (row)), row));
  gtk_editable_set_text (GTK_EDITABLE (row), ENGLISH_TITLE);
  g_assert_null (find_title_finding (wizard));

  close_and_discard (wizard);
}

/* With one language, New Update carries the text and the contact of the
 * last update sent, and asks for the next update's time again. */
static void
test_languages_follow_up_carries_one_language (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorIncident) incident = candor_incident_new ("Exports are slow");
  g_autoptr (CandorUpdate) first = candor_update_new (CANDOR_UPDATE_KIND_INITIAL);
  g_autoptr (CandorUpdate) second = candor_update_new (CANDOR_UPDATE_KIND_PROGRESS);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) earlier = g_date_time_add_minutes (now, -50);
  g_autoptr (GDateTime) sent_at = g_date_time_add_minutes (now, -20);
  g_autoptr (GDateTime) promised = g_date_time_add_minutes (now, 40);
  g_autoptr (GPtrArray) renditions = g_ptr_array_new ();
  CandorWindow *window;
  CandorWizard *wizard;
  CandorUpdate *follow_up;

  candor_incident_set_language (incident, "en");
  candor_incident_set_started_at (incident, earlier);
  g_assert_true (candor_store_save_incident (get_store (), incident, &error));
  g_assert_no_error (error);
  candor_update_set_field (first, CANDOR_FIELD_IMPACT_NOW, "Exports take an hour.");
  g_assert_true (candor_store_record_update (get_store (), candor_incident_get_id (incident), first,
                                             earlier, renditions, &error));
  g_assert_no_error (error);
  /* The last one sent is the one carried, not the first. */
  candor_update_set_field (second, CANDOR_FIELD_IMPACT_NOW, "Exports take ten minutes.");
  candor_update_set_field (second, CANDOR_FIELD_EXECUTIVE_SUMMARY, "Exports are catching up.");
  candor_update_set_contact_name (second, "Dana Kim");
  candor_update_set_contact_reach (second, "support@example.com");
  candor_update_set_field (second, CANDOR_FIELD_NEXT_UPDATE, "We write again by noon.");
  candor_update_set_next_update_at (second, promised);
  g_assert_true (candor_store_record_update (get_store (), candor_incident_get_id (incident),
                                             second, sent_at, renditions, &error));
  g_assert_no_error (error);
  /* Written on the session's own connection, which its polling does not see. */
  candor_incident_list_model_reload (
    candor_session_get_incidents (candor_application_get_session (app)));

  window = candor_window_new (app);
  wizard = start_follow_up (window, candor_incident_get_id (incident));
  follow_up = candor_draft_get_update (candor_wizard_get_draft (wizard));
  g_assert_cmpint (candor_update_get_kind (follow_up), ==, CANDOR_UPDATE_KIND_PROGRESS);
  g_assert_cmpstr (candor_update_get_id (follow_up), !=, candor_update_get_id (second));
  g_assert_cmpstr (candor_update_get_field (follow_up, CANDOR_FIELD_IMPACT_NOW), ==,
                   "Exports take ten minutes.");
  g_assert_cmpstr (candor_update_get_field (follow_up, CANDOR_FIELD_EXECUTIVE_SUMMARY), ==,
                   "Exports are catching up.");
  g_assert_cmpstr (candor_update_get_contact_name (follow_up), ==, "Dana Kim");
  g_assert_cmpstr (candor_update_get_contact_reach (follow_up), ==, "support@example.com");
  g_assert_cmpstr (candor_update_get_field (follow_up, CANDOR_FIELD_NEXT_UPDATE), ==,
                   "We write again by noon.");
  g_assert_null (candor_update_get_next_update_at (follow_up));
  g_assert_false (candor_update_get_next_update_when_changed (follow_up));

  /* The impact step shows the carried text, and the wizard says so. */
  next_step (wizard);
  {
    CandorFieldEditor *editor = find_editor (GTK_WIDGET (wizard), CANDOR_FIELD_IMPACT_NOW);
    GtkTextBuffer     *buffer = candor_field_editor_get_buffer (editor);
    GtkTextIter        start, end;
    g_autofree char   *shown = NULL;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (shown, ==, "Exports take ten minutes.");
  }
  wait_for_label (GTK_WIDGET (wizard), "Started from the update sent at");
  close_and_discard (wizard);
  candor_test_ui_close_and_wait_for_finalize (GTK_WIDGET (window));

  /* Once resolved, New Update is the resolution: it carries the text but
   * announces no next update. */
  candor_incident_set_state (incident, CANDOR_INCIDENT_STATE_RESOLVED);
  candor_incident_set_resolved_at (incident, now);
  g_assert_true (candor_store_save_incident (get_store (), incident, &error));
  g_assert_no_error (error);
  candor_incident_list_model_reload (
    candor_session_get_incidents (candor_application_get_session (app)));
  candor_test_ui_wait_until (incident_resolved_listed, (gpointer)candor_incident_get_id (incident));

  window = candor_window_new (app);
  wizard = start_follow_up (window, candor_incident_get_id (incident));
  follow_up = candor_draft_get_update (candor_wizard_get_draft (wizard));
  g_assert_cmpint (candor_update_get_kind (follow_up), ==, CANDOR_UPDATE_KIND_RESOLUTION);
  g_assert_cmpstr (candor_update_get_field (follow_up, CANDOR_FIELD_IMPACT_NOW), ==,
                   "Exports take ten minutes.");
  g_assert_cmpstr (candor_update_get_field (follow_up, CANDOR_FIELD_NEXT_UPDATE), ==, "");

  close_and_discard (wizard);
  candor_test_ui_close_and_wait_for_finalize (GTK_WIDGET (window));
}

static gboolean
has_translation (gpointer data)
{
  return *candor_update_get_translation (data, "ru", CANDOR_FIELD_IMPACT_NOW) != '\0';
}

/* A template fills each language from the template of that language, and
 * one undo takes all of it back. */
static void
test_languages_template_fills_each (void)
{
  g_autoptr (CandorIncident) incident = candor_incident_new ("Checkout is down");
  g_autoptr (CandorUpdate) update = candor_update_new (CANDOR_UPDATE_KIND_INITIAL);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  const char *const others[] = { "ru", NULL };
  CandorWizard     *wizard;
  GtkWidget        *row;
  const char       *english;
  const char       *russian;

  candor_incident_set_language (incident, "en");
  candor_incident_set_other_languages (incident, others);
  candor_incident_set_severity (incident, CANDOR_SEVERITY_MAJOR);
  candor_incident_set_started_at (incident, now);
  wizard = open_wizard (incident, update);

  row = candor_test_ui_wait_for_widget (GTK_WIDGET (wizard), ADW_TYPE_ACTION_ROW, "title",
                                        "Major outage: fast first notice");
  g_assert_true (gtk_widget_activate (row));
  candor_test_ui_wait_until (has_translation, update);
  english = candor_update_get_field (update, CANDOR_FIELD_IMPACT_NOW);
  russian = candor_update_get_translation (update, "ru", CANDOR_FIELD_IMPACT_NOW);
  g_assert_cmpstr (english, !=, "");
  /* Written in Russian by the Russian template, not the English text. */
  g_assert_cmpstr (russian, !=, english);
  g_assert_true (g_utf8_validate (russian, -1, NULL));
  g_assert_true (g_unichar_get_script (g_utf8_get_char (russian)) == G_UNICODE_SCRIPT_CYRILLIC);
  g_assert_false (candor_update_get_translation_outdated (update, "ru", CANDOR_FIELD_IMPACT_NOW));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.undo-template", NULL));
  g_assert_cmpstr (candor_update_get_field (update, CANDOR_FIELD_IMPACT_NOW), ==, "");
  g_assert_cmpstr (candor_update_get_translation (update, "ru", CANDOR_FIELD_IMPACT_NOW), ==, "");

  close_and_discard (wizard);
}

static gboolean
audiences_stored (gpointer data)
{
  return candor_audience_list_get_stored (data);
}

/* Preferences: an audience reads a language, chosen in its group's combo
 * row and kept in the history's set of audiences. */
static void
test_languages_audience_reads_a_language (void)
{
  CandorSession      *session = candor_application_get_session (app);
  CandorAudienceList *audiences = candor_session_get_audiences (session);
  GtkWidget          *window =
    GTK_WIDGET (candor_preferences_window_new (candor_application_get_settings (app), session));
  GtkWidget  *page;
  GtkWidget  *row;
  GListModel *model;

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), "audiences");
  gtk_window_present (GTK_WINDOW (window));
  candor_test_ui_wait_for_mapped (window);
  page = candor_test_ui_wait_for_widget (window, ADW_TYPE_PREFERENCES_PAGE, "name", "audiences");
  /* The first group is the customers'. */
  row = candor_test_ui_wait_for_widget (page, ADW_TYPE_COMBO_ROW, "title", "_Language");
  model = adw_combo_row_get_model (ADW_COMBO_ROW (row));
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 0), ==,
                   "Same as the incident");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);
  g_assert_null (candor_audience_get_language (candor_audience_list_find (audiences, "customers")));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), i), "Русский"))
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);
  g_assert_cmpstr (
    candor_audience_get_language (candor_audience_list_find (audiences, "customers")), ==, "ru");
  candor_test_ui_wait_until (audiences_stored, audiences);

  /* Read back from the history. */
  candor_audience_list_set_store (audiences, NULL);
  candor_audience_list_set_store (audiences, candor_session_get_store (session));
  candor_test_ui_wait_until (audiences_stored, audiences);
  g_assert_cmpstr (
    candor_audience_get_language (candor_audience_list_find (audiences, "customers")), ==, "ru");

  candor_test_ui_close_and_wait_for_finalize (window);
}

static gboolean
window_is_gone (gpointer data)
{
  return *(gpointer *)data == NULL;
}

/* Preferences: a channel speaks a language, chosen in its dialog. */
static void
test_languages_channel_speaks_a_language (void)
{
  CandorSession *session = candor_application_get_session (app);
  g_autoptr (CandorChannel) channel = candor_channel_new ("slack-intl", "slack", "Slack #intl");
  g_autoptr (GError) error = NULL;
  CandorChannelDialog *dialog;
  gboolean             saved = FALSE;
  gpointer             weak;
  GtkWidget           *row;
  GListModel          *model;

  g_assert_true (candor_channel_set_setting (channel, "channel", "C0INTL", &error));
  g_assert_no_error (error);
  candor_channel_list_save_async (candor_session_get_channels (session), channel, "xoxb-intl", NULL,
                                  on_channel_saved_cb, &saved);
  candor_test_ui_wait_until (is_true, &saved);

  dialog = candor_channel_dialog_new (session, channel);
  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  gtk_window_present (GTK_WINDOW (dialog));
  candor_test_ui_wait_for_mapped (GTK_WIDGET (dialog));
  row =
    candor_test_ui_wait_for_widget (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, "title", "_Language");
  model = adw_combo_row_get_model (ADW_COMBO_ROW (row));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 0), ==,
                   "Same as the audience");
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), i), "English"))
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "channel.save", NULL));
  candor_test_ui_wait_until (window_is_gone, &weak);
  g_assert_cmpstr (candor_channel_get_language (candor_channel_list_lookup (
                     candor_session_get_channels (session), "slack-intl")),
                   ==, "en");
}

int
main (int argc, char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("candor-languages-test-XXXXXX", NULL);
  int              status;

  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("TZ", "UTC", TRUE);
  gtk_test_init (&argc, &argv, NULL);

  app = candor_test_ui_new_app ();
  g_assert_no_error (candor_test_ui_open_history (app));
  candor_test_ui_wait_until (publisher_is_ready, NULL);

  g_test_add_func ("/ui/languages/first-notice-and-follow-up",
                   test_languages_first_notice_and_follow_up);
  g_test_add_func ("/ui/languages/follow-up-carries-one-language",
                   test_languages_follow_up_carries_one_language);
  g_test_add_func ("/ui/languages/template-fills-each", test_languages_template_fills_each);
  g_test_add_func ("/ui/languages/audience-reads-a-language",
                   test_languages_audience_reads_a_language);
  g_test_add_func ("/ui/languages/channel-speaks-a-language",
                   test_languages_channel_speaks_a_language);

  status = g_test_run ();
  g_object_unref (app);

  return status;
}
