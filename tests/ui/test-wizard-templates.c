/* test-wizard-templates.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "candor-application.h"
#include "candor-channel-list.h"
#include "candor-fake-slack.h"
#include "candor-field-editor.h"
#include "candor-first-notice-path.h"
#include "candor-placeholder.h"
#include "candor-test-ui.h"
#include "candor-window.h"
#include "candor-wizard-incident-page.h"
#include "candor-wizard-review-page.h"
#include "candor-wizard.h"

/* Templates as a stressed support lead meets them: they fill what is empty,
 * ask before they replace what the author wrote, come back whole with one
 * undo, leave placeholders that hold Publish, and a first notice goes out
 * in a handful of interactions. */

static CandorApplication *app;

static gboolean
is_true (gpointer data)
{
  return *(gboolean *)data;
}

static gboolean
quit_loop_cb (gpointer data)
{
  *(gboolean *)data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Renders @window as GTK draws it now into @path. */
static void
save_window (GtkWidget *window, const char *path)
{
  g_autoptr (GdkTexture) texture = NULL;
  GtkSnapshot   *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  int            width = gtk_widget_get_width (window);
  int            height = gtk_widget_get_height (window);

  /* The widget's own drawing, not what the window last showed, laid out
   * now: without a window manager, Xvfb may not have let it draw a frame. */
  gtk_widget_measure (window, GTK_ORIENTATION_HORIZONTAL, -1, NULL, NULL, NULL, NULL);
  gtk_widget_allocate (window, width, height, -1, NULL);
  GTK_WIDGET_GET_CLASS (window)->snapshot (window, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    {
      g_test_message ("nothing drawn for %s (%d×%d)", path, width, height);
      return;
    }
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_render_node_unref (node);
  if (!gdk_texture_save_to_png (texture, path))
    g_test_message ("could not write %s", path);
}

/* With CANDOR_TEST_SCREENSHOT_DIR set, each visible window as it is now,
 * into that folder as @name.png (@name-dialog.png for a dialog). */
static void
shoot (const char *name)
{
  const char *dir = g_getenv ("CANDOR_TEST_SCREENSHOT_DIR");
  GListModel *toplevels = gtk_window_get_toplevels ();
  gboolean    done = FALSE;

  if (dir == NULL)
    return;

  /* Let the layout after the last change settle. */
  g_timeout_add (800, quit_loop_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWidget) window = g_list_model_get_item (toplevels, i);
      g_autofree char *file = NULL;
      g_autofree char *path = NULL;

      if (!gtk_widget_get_mapped (window) || CANDOR_IS_WINDOW (window) ||
          gtk_widget_get_width (window) == 0)
        continue;
      file = g_strconcat (name, ADW_IS_MESSAGE_DIALOG (window) ? "-dialog" : "", ".png", NULL);
      path = g_build_filename (dir, file, NULL);
      save_window (window, path);
      g_test_message ("screenshot: %s (%s)", path, G_OBJECT_TYPE_NAME (window));
    }
}

static CandorWizard *
open_wizard (CandorUpdateKind kind, CandorSeverity severity)
{
  g_autoptr (CandorIncident) incident = candor_incident_new ("Sign-in fails");
  g_autoptr (CandorUpdate) update = candor_update_new (kind);
  g_autoptr (CandorDraft) draft = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) started = g_date_time_add_minutes (now, -20);
  const char *const services[] = { "Acme Cloud", NULL };
  CandorWizard     *wizard;

  candor_incident_set_started_at (incident, started);
  candor_incident_set_detected_at (incident, now);
  candor_incident_set_services (incident, services);
  candor_incident_set_severity (incident, severity);
  draft = candor_draft_new (incident, update);
  wizard = candor_wizard_new (GTK_APPLICATION (app), NULL, draft);
  gtk_window_present (GTK_WINDOW (wizard));
  candor_test_ui_wait_for_mapped (GTK_WIDGET (wizard));

  return wizard;
}

static CandorUpdate *
get_update (CandorWizard *wizard)
{
  return candor_draft_get_update (candor_wizard_get_draft (wizard));
}

static void
pick_template (CandorWizard *wizard, const char *name)
{
  GtkWidget *row =
    candor_test_ui_wait_for_widget (GTK_WIDGET (wizard), ADW_TYPE_ACTION_ROW, "title", name);

  g_assert_true (gtk_widget_activate (row));
}

static gboolean
dialog_is_shown (gpointer data)
{
  GtkWidget *dialog = candor_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  return dialog != NULL && gtk_widget_get_mapped (dialog);
}

static AdwMessageDialog *
wait_for_dialog (void)
{
  candor_test_ui_wait_until (dialog_is_shown, NULL);
  return ADW_MESSAGE_DIALOG (candor_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

static void
respond (AdwMessageDialog *dialog, const char *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Closes the wizard, discarding its draft when it asks. */
static void
close_wizard (CandorWizard *wizard)
{
  gpointer weak = wizard;

  g_object_add_weak_pointer (G_OBJECT (wizard), &weak);
  gtk_window_close (GTK_WINDOW (wizard));
  while (weak != NULL)
    {
      GtkWidget *dialog = candor_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

      if (dialog != NULL && gtk_widget_get_mapped (dialog))
        respond (ADW_MESSAGE_DIALOG (dialog), "discard");
      g_main_context_iteration (NULL, TRUE);
    }
}

/* Fill empty only, replace field by field, and one undo for all of it. */
static void
test_templates_fill_choose_undo (void)
{
  CandorWizard *wizard = open_wizard (CANDOR_UPDATE_KIND_INITIAL, CANDOR_SEVERITY_MAJOR);
  CandorUpdate *update = get_update (wizard);
  CandorWizardIncidentPage *page = CANDOR_WIZARD_INCIDENT_PAGE (
    candor_test_ui_find_mapped (GTK_WIDGET (wizard), CANDOR_TYPE_WIZARD_INCIDENT_PAGE, NULL, NULL));
  AdwMessageDialog *dialog;
  GtkWidget        *checks;
  g_autofree char  *impact = NULL;

  /* Typed before any template. */
  candor_update_set_field (update, CANDOR_FIELD_EXECUTIVE_SUMMARY, "Written by hand, keep it.");
  candor_update_set_field (update, CANDOR_FIELD_CONTACT, "Ask Kim, thank you for your patience.");

  /* The template would change two fields with text: it asks, naming both. */
  pick_template (wizard, "Major outage: fast first notice");
  dialog = wait_for_dialog ();
  shoot ("template-replace-dialog");
  checks = adw_message_dialog_get_extra_child (dialog);
  g_assert_nonnull (checks);
  g_assert_nonnull (gtk_widget_get_first_child (checks));
  g_assert_nonnull (gtk_widget_get_next_sibling (gtk_widget_get_first_child (checks)));
  g_assert_null (gtk_widget_get_next_sibling (
    gtk_widget_get_next_sibling (gtk_widget_get_first_child (checks))));

  /* Fill Empty Only: the author's text stays, the rest is filled. */
  respond (dialog, "fill-empty");
  g_assert_cmpstr (candor_update_get_field (update, CANDOR_FIELD_EXECUTIVE_SUMMARY), ==,
                   "Written by hand, keep it.");
  g_assert_cmpstr (candor_update_get_field (update, CANDOR_FIELD_CONTACT), ==,
                   "Ask Kim, thank you for your patience.");
  impact = g_strdup (candor_update_get_field (update, CANDOR_FIELD_IMPACT_NOW));
  g_assert_nonnull (strstr (impact, "Acme Cloud"));
  g_assert_nonnull (strstr (impact, "Sign-in fails"));
  g_assert_true (candor_wizard_incident_page_get_can_undo_template (page));

  /* Ctrl+Z in a field with nothing of its own to undo: the template goes, whole. */
  g_assert_true (gtk_widget_activate_action (
    candor_test_ui_find_mapped (GTK_WIDGET (wizard), GTK_TYPE_SEARCH_ENTRY, NULL, NULL),
    "wizard.undo-template", NULL));
  g_assert_cmpstr (candor_update_get_field (update, CANDOR_FIELD_IMPACT_NOW), ==, "");
  g_assert_cmpstr (candor_update_get_field (update, CANDOR_FIELD_LASTING_CONSEQUENCES), ==, "");
  g_assert_cmpstr (candor_update_get_field (update, CANDOR_FIELD_EXECUTIVE_SUMMARY), ==,
                   "Written by hand, keep it.");
  g_assert_false (candor_wizard_incident_page_get_can_undo_template (page));

  /* Again, replacing only the summary: uncheck the contact. */
  pick_template (wizard, "Major outage: fast first notice");
  dialog = wait_for_dialog ();
  checks = adw_message_dialog_get_extra_child (dialog);
  for (GtkWidget *check = gtk_widget_get_first_child (checks); check != NULL;
       check = gtk_widget_get_next_sibling (check))
    if (strstr (gtk_check_button_get_label (GTK_CHECK_BUTTON (check)), "Ask Kim") != NULL)
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
  respond (dialog, "replace");
  g_assert_nonnull (
    strstr (candor_update_get_field (update, CANDOR_FIELD_EXECUTIVE_SUMMARY), "Acme Cloud"));
  g_assert_cmpstr (candor_update_get_field (update, CANDOR_FIELD_CONTACT), ==,
                   "Ask Kim, thank you for your patience.");

  /* Cancel changes nothing. */
  candor_update_set_field (update, CANDOR_FIELD_IMPACT_NOW, "Mine now.");
  pick_template (wizard, "Major outage: first notice (investigating)");
  respond (wait_for_dialog (), "cancel");
  g_assert_cmpstr (candor_update_get_field (update, CANDOR_FIELD_IMPACT_NOW), ==, "Mine now.");

  /* The Undo Template button takes the replacement back too. */
  g_assert_true (candor_wizard_incident_page_undo_template (page));
  g_assert_cmpstr (candor_update_get_field (update, CANDOR_FIELD_EXECUTIVE_SUMMARY), ==,
                   "Written by hand, keep it.");
  /* Changed by hand since: the author's, not the template's, so it stays. */
  g_assert_cmpstr (candor_update_get_field (update, CANDOR_FIELD_IMPACT_NOW), ==, "Mine now.");

  close_wizard (wizard);
}

static gboolean
has_finding (CandorWizard *wizard, const char *rule_id)
{
  GPtrArray *findings = candor_composition_get_findings (
    candor_preview_get_composition (candor_wizard_get_preview (wizard)));

  for (guint i = 0; i < findings->len; i++)
    if (g_str_equal (candor_finding_get_rule_id (g_ptr_array_index (findings, i)), rule_id))
      return TRUE;

  return FALSE;
}

static gboolean
has_placeholder_finding (gpointer data)
{
  return has_finding (data, "placeholder");
}

static CandorFieldEditor *
find_editor (CandorWizard *wizard, CandorField field)
{
  GtkWidget *stack = candor_test_ui_find_mapped (GTK_WIDGET (wizard), GTK_TYPE_STACK, NULL, NULL);
  GPtrArray *todo = g_ptr_array_new ();
  CandorFieldEditor *found = NULL;

  g_ptr_array_add (todo, gtk_widget_get_root (stack));
  while (todo->len > 0 && found == NULL)
    {
      GtkWidget *widget = g_ptr_array_steal_index (todo, todo->len - 1);

      if (CANDOR_IS_FIELD_EDITOR (widget) &&
          candor_field_editor_get_field (CANDOR_FIELD_EDITOR (widget)) == field)
        found = CANDOR_FIELD_EDITOR (widget);
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (todo, child);
    }
  g_ptr_array_unref (todo);

  return found;
}

/* The full template leaves what the draft cannot know as placeholders: never
 * an example, drawn as such in the editor, and Publish waits for them. */
static void
test_templates_placeholders_hold_publish (void)
{
  CandorWizard      *wizard = open_wizard (CANDOR_UPDATE_KIND_INITIAL, CANDOR_SEVERITY_MAJOR);
  CandorUpdate      *update = get_update (wizard);
  CandorComposition *composition =
    candor_preview_get_composition (candor_wizard_get_preview (wizard));
  CandorFieldEditor *editor;
  GtkWidget         *row;
  GPtrArray         *findings;
  const char        *impact;

  pick_template (wizard, "Major outage: first notice (investigating)");
  impact = candor_update_get_field (update, CANDOR_FIELD_IMPACT_NOW);
  g_assert_nonnull (strstr (impact, "Acme Cloud"));
  g_assert_nonnull (strstr (impact, "[who]"));
  /* The example ("all customers") is in the picker's description only. */
  g_assert_null (strstr (impact, "all customers"));

  editor = find_editor (wizard, CANDOR_FIELD_IMPACT_NOW);
  g_assert_nonnull (editor);
  g_assert_cmpuint (candor_field_editor_get_n_placeholders (editor), >=, 2);

  candor_test_ui_wait_until (has_placeholder_finding, wizard);
  shoot ("template-variables");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.next", NULL));
  shoot ("placeholders-in-editor");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.back", NULL));
  /* Acknowledging does not clear it: only writing does. */
  findings = candor_composition_get_findings (composition);
  for (guint i = 0; i < findings->len; i++)
    if (g_str_equal (candor_finding_get_rule_id (g_ptr_array_index (findings, i)), "placeholder"))
      {
        g_assert_false (candor_finding_get_acknowledgeable (g_ptr_array_index (findings, i)));
        candor_composition_acknowledge (composition, g_ptr_array_index (findings, i));
      }
  g_assert_true (has_finding (wizard, "placeholder"));

  /* The review says what Publish waits for, and offers no Acknowledge for it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.review", NULL));
  g_assert_cmpuint (candor_wizard_get_step (wizard), ==, candor_wizard_get_n_steps (wizard) - 1);
  g_assert_true (candor_test_ui_label_contains (GTK_WIDGET (wizard), "placeholders below"));
  g_assert_false (candor_wizard_page_get_complete (CANDOR_WIZARD_PAGE (
    candor_test_ui_find_mapped (GTK_WIDGET (wizard), CANDOR_TYPE_WIZARD_REVIEW_PAGE, NULL, NULL))));
  g_assert_null (
    candor_test_ui_find_mapped (GTK_WIDGET (wizard), GTK_TYPE_BUTTON, "label", "A_cknowledge"));
  while (candor_wizard_get_step (wizard) > 0)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.back", NULL));

  /* The row for [who] fills it wherever the template wrote it. */
  row = candor_test_ui_find_mapped (GTK_WIDGET (wizard), ADW_TYPE_ENTRY_ROW, "title",
                                    "[who] — Who is affected, as a phrase that fits mid-sentence");
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "customers in Europe");
  impact = candor_update_get_field (update, CANDOR_FIELD_IMPACT_NOW);
  g_assert_null (strstr (impact, "[who]"));
  g_assert_nonnull (strstr (impact, "customers in Europe"));
  g_assert_null (
    strstr (candor_update_get_field (update, CANDOR_FIELD_EXECUTIVE_SUMMARY), "[who]"));

  close_wizard (wizard);
}

static const char *
hint_text (CandorWizard *wizard)
{
  GtkWidget *page =
    candor_test_ui_find_mapped (GTK_WIDGET (wizard), CANDOR_TYPE_WIZARD_INCIDENT_PAGE, NULL, NULL);
  GPtrArray  *todo = g_ptr_array_new ();
  const char *text = NULL;

  g_ptr_array_add (todo, page);
  while (todo->len > 0 && text == NULL)
    {
      GtkWidget *widget = g_ptr_array_steal_index (todo, todo->len - 1);

      if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "caption"))
        text = gtk_label_get_label (GTK_LABEL (widget));
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (todo, child);
    }
  g_ptr_array_unref (todo);

  return text;
}

/* "Detected at" is a field; the start says what it accepts, and a time in
 * the future or a word it cannot read is refused with the reason. */
static void
test_templates_incident_times (void)
{
  CandorWizard   *wizard = open_wizard (CANDOR_UPDATE_KIND_INITIAL, CANDOR_SEVERITY_MINOR);
  CandorIncident *incident = candor_draft_get_incident (candor_wizard_get_draft (wizard));
  g_autoptr (GDateTime) before = g_date_time_ref (candor_incident_get_started_at (incident));
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) later = g_date_time_add_hours (now, 3);
  g_autofree char *future = g_date_time_format (later, "%Y-%m-%d %H:%M");
  GtkWidget       *started_row;
  GtkWidget       *detected_row;

  started_row = candor_test_ui_find_mapped (GTK_WIDGET (wizard), ADW_TYPE_ENTRY_ROW, "title",
                                            "_Started At (customers first affected)");
  detected_row = candor_test_ui_find_mapped (GTK_WIDGET (wizard), ADW_TYPE_ENTRY_ROW, "title",
                                             "_Detected At (when you noticed)");
  g_assert_nonnull (started_row);
  g_assert_nonnull (detected_row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (detected_row)), !=, "");
  g_assert_nonnull (strstr (hint_text (wizard), "yesterday 23:50"));

  /* In the future: refused, said why, the incident keeps its time, Next waits. */
  gtk_editable_set_text (GTK_EDITABLE (started_row), future);
  g_assert_true (gtk_widget_has_css_class (started_row, "error"));
  g_assert_nonnull (strstr (hint_text (wizard), "in the future"));
  shoot ("start-in-future");
  g_assert_true (g_date_time_equal (candor_incident_get_started_at (incident), before));
  g_assert_false (candor_wizard_page_get_complete (CANDOR_WIZARD_PAGE (candor_test_ui_find_mapped (
    GTK_WIDGET (wizard), CANDOR_TYPE_WIZARD_INCIDENT_PAGE, NULL, NULL))));

  /* A word it cannot read: says what it reads. */
  gtk_editable_set_text (GTK_EDITABLE (started_row), "yesterday");
  g_assert_nonnull (strstr (hint_text (wizard), "is not a time Candor reads"));

  /* "yesterday 23:50" it reads. */
  gtk_editable_set_text (GTK_EDITABLE (started_row), "yesterday 23:50");
  g_assert_false (gtk_widget_has_css_class (started_row, "error"));
  g_assert_cmpint (g_date_time_get_hour (candor_incident_get_started_at (incident)), >=, 0);
  g_assert_false (g_date_time_equal (candor_incident_get_started_at (incident), before));

  /* Detected before it started: refused. */
  gtk_editable_set_text (GTK_EDITABLE (detected_row), "2000-01-01 10:00");
  g_assert_true (gtk_widget_has_css_class (detected_row, "error"));
  g_assert_nonnull (strstr (hint_text (wizard), "Detected At"));
  gtk_editable_set_text (GTK_EDITABLE (detected_row), "00:00");
  g_assert_false (gtk_widget_has_css_class (detected_row, "error"));
  g_assert_cmpint (g_date_time_get_minute (candor_incident_get_detected_at (incident)), ==, 0);

  close_wizard (wizard);
}

static void
on_channel_saved_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (candor_channel_list_save_finish (CANDOR_CHANNEL_LIST (source), result, &error));
  *(gboolean *)data = TRUE;
}

static void
on_contact_saved_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (candor_session_save_contact_finish (CANDOR_SESSION (source), result, &error));
  *(gboolean *)data = TRUE;
}

/* From the main window to a complete, checked first notice ready to
 * publish in at most 10 interactions, with the support lead's contact and
 * Slack channel set up as after their first incident. */
static void
test_templates_first_notice_path (void)
{
  CandorSession *session = candor_application_get_session (app);
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorFakeSlack) fake = candor_fake_slack_new (NULL, "xoxb-right", "C0STATUS", &error);
  g_autoptr (CandorChannel) channel = candor_channel_new ("slack", "slack", "Status channel");
  g_autoptr (CandorContact) contact = candor_contact_new ("Dana Ortiz", "support@example.com");
  g_autofree char *api_url = NULL;
  CandorWindow    *window;
  CandorWizard    *wizard;
  CandorUpdate    *update;
  gboolean         saved = FALSE;
  guint            interactions = 0;

  g_assert_no_error (error);
  api_url = g_strconcat (candor_fake_server_get_url (CANDOR_FAKE_SERVER (fake)), "/api/", NULL);
  g_assert_true (candor_channel_set_setting (channel, "channel", "C0STATUS", &error));
  g_assert_true (candor_channel_set_setting (channel, "api_url", api_url, &error));
  candor_channel_list_save_async (candor_session_get_channels (session), channel, "xoxb-right",
                                  NULL, on_channel_saved_cb, &saved);
  candor_test_ui_wait_until (is_true, &saved);
  saved = FALSE;
  candor_session_save_contact_async (session, contact, NULL, on_contact_saved_cb, &saved);
  candor_test_ui_wait_until (is_true, &saved);

  window = candor_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  candor_test_ui_wait_for_mapped (GTK_WIDGET (window));

  wizard = candor_first_notice_path_run (window, &interactions);
  g_test_message ("first notice: %u interactions", interactions);
  g_assert_cmpuint (candor_wizard_get_step (wizard), ==, candor_wizard_get_n_steps (wizard) - 1);
  shoot ("first-notice-review");
  g_assert_cmpuint (candor_wizard_get_step (wizard), ==, candor_wizard_get_n_steps (wizard) - 1);
  g_assert_cmpuint (interactions, <=, CANDOR_FIRST_NOTICE_MAX_INTERACTIONS);

  /* Complete: every part a first notice needs, from what the draft knew. */
  update = get_update (wizard);
  g_assert_true (candor_first_notice_is_ready (wizard));
  g_assert_cmpstr (candor_update_get_contact_name (update), ==, "Dana Ortiz");
  g_assert_nonnull (candor_update_get_next_update_at (update));
  g_assert_nonnull (strstr (candor_update_get_field (update, CANDOR_FIELD_IMPACT_NOW), "Checkout"));
  g_assert_nonnull (strstr (candor_update_get_field (update, CANDOR_FIELD_CONTACT), "Dana Ortiz"));
  for (guint f = 0; f < CANDOR_N_FIELDS; f++)
    g_assert_false (candor_placeholder_in_text (candor_update_get_field (update, f)));
  g_assert_false (has_finding (wizard, "placeholder"));
  g_assert_false (has_finding (wizard, "missing-next-update"));
  g_assert_false (has_finding (wizard, "missing-contact"));
  /* Publish is one more click away, the next interaction. */
  g_assert_true (gtk_widget_is_sensitive (
    candor_test_ui_find_mapped (GTK_WIDGET (wizard), GTK_TYPE_BUTTON, "label", "_Publish")));

  close_wizard (wizard);
  candor_test_ui_close_and_wait_for_finalize (GTK_WIDGET (window));
}

int
main (int argc, char *argv[])
{
  int              status;
  g_autofree char *data_home = g_dir_make_tmp ("candor-templates-test-XXXXXX", NULL);

  /* A history of its own: the contact and the channel saved here stay here. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  /* Screenshots show where a step ends, not a slide half done. */
  if (g_getenv ("CANDOR_TEST_SCREENSHOT_DIR") != NULL)
    g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  app = candor_test_ui_new_app ();
  g_assert_no_error (candor_test_ui_open_history (app));

  g_test_add_func ("/ui/wizard-templates/fill-choose-undo", test_templates_fill_choose_undo);
  g_test_add_func ("/ui/wizard-templates/placeholders-hold-publish",
                   test_templates_placeholders_hold_publish);
  g_test_add_func ("/ui/wizard-templates/incident-times", test_templates_incident_times);
  g_test_add_func ("/ui/wizard-templates/first-notice-path", test_templates_first_notice_path);

  status = g_test_run ();

  g_clear_object (&app);

  return status;
}
