/* test-wizard.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>

#include "candor-application.h"
#include "candor-draft-autosave.h"
#include "candor-field-editor.h"
#include "candor-incident-page.h"
#include "candor-test-ui.h"
#include "candor-window.h"
#include "candor-wizard-review-page.h"
#include "candor-wizard.h"

static CandorApplication *app;

/* What the user types, field by field; each is plain words so that every
 * channel shows it verbatim. */
static const struct
{
  const char *label;
  CandorField field;
  const char *text;
} typed_fields[] = {
  { "Impact _Now", CANDOR_FIELD_IMPACT_NOW, "Nobody can sign in to the web app right now" },
  { "Impact in the Near _Future", CANDOR_FIELD_IMPACT_FUTURE,
    "Nightly invoices may go out a few hours late" },
  { "_Data Loss or Lost Work Time", CANDOR_FIELD_LASTING_CONSEQUENCES,
    "Drafts saved between 09:10 and 09:40 must be typed again" },
  { "_Summary", CANDOR_FIELD_EXECUTIVE_SUMMARY,
    "Sign-in is down for all customers since 09:10 and we restore it by noon" },
  { "_Root Cause and Impact Timeline", CANDOR_FIELD_TECHNICAL_DETAILS,
    "An expired certificate on the identity proxy rejects every session" },
  { "Actions _Taken", CANDOR_FIELD_ACTIONS_TAKEN, "We issued a new certificate for the proxy" },
  { "Actions _Planned (Lessons Learned)", CANDOR_FIELD_ACTIONS_PLANNED,
    "Certificate expiry now pages the on-call engineer two weeks ahead" },
  { "_Contact Sentence", CANDOR_FIELD_CONTACT,
    "Write to Dana Kim at status@example.com and thank you for your patience" },
};

/* What a click on a response button does: respond, then close. */
static void
respond (GtkWidget *dialog, const char *response)
{
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Whether a mapped label under @root is drawn from markup holding @needle. */
static gboolean
markup_contains (GtkWidget *root, const char *needle)
{
  if (!gtk_widget_get_mapped (root))
    return FALSE;

  if (GTK_IS_LABEL (root) && gtk_label_get_use_markup (GTK_LABEL (root)) &&
      strstr (gtk_label_get_label (GTK_LABEL (root)), needle) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (markup_contains (child, needle))
      return TRUE;

  return FALSE;
}

typedef struct
{
  GtkWidget  *root;
  const char *needle;
} LabelQuery;

static gboolean
shows_text (gpointer data)
{
  LabelQuery *query = data;

  return candor_test_ui_label_contains (query->root, query->needle);
}

static void
wait_for_text (GtkWidget *root, const char *needle)
{
  LabelQuery query = { root, needle };

  candor_test_ui_wait_until (shows_text, &query);
}

static gboolean
has_toplevel (gpointer data)
{
  return candor_test_ui_find_toplevel (GPOINTER_TO_SIZE (data)) != NULL;
}

static gboolean
has_no_toplevel (gpointer data)
{
  return candor_test_ui_find_toplevel (GPOINTER_TO_SIZE (data)) == NULL;
}

static void
run_main_loop_for (guint msec)
{
  gint64 until = g_get_monotonic_time () + msec * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

/* Types @text the way a keyboard would: one character at a time at the
 * cursor, letting the main loop run in between. */
static void
type_into (GtkTextBuffer *buffer, const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gtk_text_buffer_insert_interactive_at_cursor (buffer, p, g_utf8_next_char (p) - p, TRUE);
      /* Bounded: a blinking cursor always has something pending. */
      for (guint i = 0; i < 20 && g_main_context_iteration (NULL, FALSE); i++)
        ;
    }
}

static GtkTextBuffer *
find_editor_buffer (CandorWizard *wizard, const char *label)
{
  GtkWidget *editor =
    candor_test_ui_wait_for_widget (GTK_WIDGET (wizard), CANDOR_TYPE_FIELD_EDITOR, "label", label);

  return candor_field_editor_get_buffer (CANDOR_FIELD_EDITOR (editor));
}

static gboolean
buffer_contains (gpointer data)
{
  GtkTextBuffer   *buffer = g_object_get_data (data, "buffer");
  g_autofree char *text = NULL;

  g_object_get (buffer, "text", &text, NULL);
  return strstr (text, g_object_get_data (data, "needle")) != NULL;
}

/* Waits until @buffer's text contains @needle. */
static void
wait_for_buffer_text (GtkTextBuffer *buffer, const char *needle)
{
  g_autoptr (GObject) query = g_object_new (G_TYPE_OBJECT, NULL);

  g_object_set_data (query, "buffer", buffer);
  g_object_set_data (query, "needle", (gpointer)needle);
  candor_test_ui_wait_until (buffer_contains, query);
}

static CandorWizard *
open_wizard (const char *title)
{
  g_autoptr (CandorIncident) incident = candor_incident_new (title);
  g_autoptr (CandorUpdate) update = candor_update_new (CANDOR_UPDATE_KIND_RESOLUTION);
  g_autoptr (CandorDraft) draft = NULL;
  g_autoptr (GDateTime) started = g_date_time_new_utc (2026, 3, 2, 9, 10, 0);
  CandorWizard *wizard;

  candor_incident_set_started_at (incident, started);
  draft = candor_draft_new (incident, update);
  wizard = candor_wizard_new (GTK_APPLICATION (app), NULL, draft);
  gtk_window_present (GTK_WINDOW (wizard));
  candor_test_ui_wait_for_mapped (GTK_WIDGET (wizard));

  return wizard;
}

/* Closes the wizard and answers the "unsent changes" question with @response. */
static void
on_store_flushed_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  guint count;

  g_assert_true (candor_store_count_incidents_finish (CANDOR_STORE (source), result, &count, NULL));
  *(gboolean *)data = TRUE;
}

/* Waits for every write already asked of @store: its worker runs them in order. */
static void
flush_store (CandorStore *store)
{
  gboolean flushed = FALSE;

  candor_store_count_incidents_async (store, NULL, on_store_flushed_cb, &flushed);
  while (!flushed)
    g_main_context_iteration (NULL, TRUE);
}

/* Closes @wizard and waits for the writes closing asks for (the draft's last
 * save or its delete, the contact) to land. */
static void
close_wizard (CandorWizard *wizard, const char *response)
{
  gpointer   weak = wizard;
  GtkWidget *dialog;

  g_object_add_weak_pointer (G_OBJECT (wizard), &weak);
  gtk_window_close (GTK_WINDOW (wizard));
  if (response != NULL)
    {
      candor_test_ui_wait_until (has_toplevel, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG));
      dialog = candor_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
      g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                       "Keep the Unsent Update?");
      respond (dialog, response);
    }
  while (weak != NULL)
    g_main_context_iteration (NULL, TRUE);
  if (candor_session_get_store (candor_application_get_session (app)) != NULL)
    flush_store (candor_session_get_store (candor_application_get_session (app)));
}

/* Inset shadows covering at least half the window, anywhere in @node. */
static guint
count_window_sized_inset_shadows (GskRenderNode *node, float width, float height)
{
  graphene_rect_t bounds;
  guint           n = 0;

  switch (gsk_render_node_get_node_type (node))
    {
      case GSK_INSET_SHADOW_NODE:
        gsk_render_node_get_bounds (node, &bounds);
        return bounds.size.width * bounds.size.height >= width * height / 2;
      case GSK_CONTAINER_NODE:
        for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
          n += count_window_sized_inset_shadows (gsk_container_node_get_child (node, i), width,
                                                 height);
        return n;
      case GSK_TRANSFORM_NODE:
        return count_window_sized_inset_shadows (gsk_transform_node_get_child (node), width,
                                                 height);
      case GSK_CLIP_NODE:
        return count_window_sized_inset_shadows (gsk_clip_node_get_child (node), width, height);
      case GSK_ROUNDED_CLIP_NODE:
        return count_window_sized_inset_shadows (gsk_rounded_clip_node_get_child (node), width,
                                                 height);
      case GSK_OPACITY_NODE:
        return count_window_sized_inset_shadows (gsk_opacity_node_get_child (node), width, height);
      case GSK_DEBUG_NODE:
        return count_window_sized_inset_shadows (gsk_debug_node_get_child (node), width, height);
      default:
        return 0;
    }
}

typedef struct
{
  GdkPaintable  *paintable;
  GskRenderNode *node;
} WindowPicture;

static gboolean
takes_picture (gpointer data)
{
  WindowPicture *picture = data;
  GtkSnapshot   *snapshot = gtk_snapshot_new ();

  gdk_paintable_snapshot (picture->paintable, snapshot,
                          gdk_paintable_get_intrinsic_width (picture->paintable),
                          gdk_paintable_get_intrinsic_height (picture->paintable));
  picture->node = gtk_snapshot_free_to_node (snapshot);

  return picture->node != NULL;
}

static void
next_step (CandorWizard *wizard)
{
  guint step = candor_wizard_get_step (wizard);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.next", NULL));
  g_assert_cmpuint (candor_wizard_get_step (wizard), ==, step + 1);
}

static void
test_wizard_walks_all_steps (void)
{
  CandorWizard  *wizard = open_wizard ("");
  CandorPreview *preview = candor_wizard_get_preview (wizard);
  CandorUpdate  *update = candor_draft_get_update (candor_wizard_get_draft (wizard));
  GPtrArray     *audiences;
  GtkWidget     *title_row;
  GtkWidget     *services_row;
  GtkWidget     *next_button;
  GtkWidget     *when_changed;

  /* Step 1: Next stays off until the incident has a title. */
  title_row =
    candor_test_ui_wait_for_widget (GTK_WIDGET (wizard), ADW_TYPE_ENTRY_ROW, "title", "_Title");
  services_row = candor_test_ui_find_mapped (GTK_WIDGET (wizard), ADW_TYPE_ENTRY_ROW, "title",
                                             "_Affected Services (comma-separated)");
  next_button = candor_test_ui_find_mapped (GTK_WIDGET (wizard), GTK_TYPE_BUTTON, "label", "_Next");
  g_assert_nonnull (services_row);
  g_assert_nonnull (next_button);
  g_assert_false (gtk_widget_is_sensitive (next_button));
  gtk_editable_set_text (GTK_EDITABLE (title_row), "Sign-in outage");
  gtk_editable_set_text (GTK_EDITABLE (services_row), "Login, API");
  g_assert_true (gtk_widget_is_sensitive (next_button));
  next_step (wizard);

  /* Steps 2 to 5: every field, typed key by key. */
  for (guint i = 0; i < G_N_ELEMENTS (typed_fields); i++)
    {
      GtkTextBuffer *buffer;

      if (candor_test_ui_find_mapped (GTK_WIDGET (wizard), CANDOR_TYPE_FIELD_EDITOR, "label",
                                      typed_fields[i].label) == NULL)
        next_step (wizard);

      buffer = find_editor_buffer (wizard, typed_fields[i].label);
      /* The resolution's details start from the incident's timeline. */
      if (typed_fields[i].field == CANDOR_FIELD_TECHNICAL_DETAILS)
        {
          wait_for_buffer_text (buffer, "Timeline:");
          gtk_text_buffer_set_text (buffer, "", 0);
        }
      else if (typed_fields[i].field == CANDOR_FIELD_CONTACT)
        gtk_text_buffer_set_text (buffer, "", 0);

      type_into (buffer, typed_fields[i].text);
      g_assert_cmpstr (candor_update_get_field (update, typed_fields[i].field), ==,
                       typed_fields[i].text);
    }

  /* Step 6: a resolution promises no time: "when the situation changes". */
  next_step (wizard);
  when_changed = candor_test_ui_wait_for_widget (GTK_WIDGET (wizard), ADW_TYPE_ACTION_ROW, "title",
                                                 "When the situation changes");
  g_assert_true (
    gtk_widget_activate (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (when_changed))));
  g_assert_true (candor_update_get_next_update_when_changed (update));

  /* Step 7: the review is the last step: Next turns into Publish. */
  next_step (wizard);
  g_assert_true (gtk_widget_get_visible (next_button));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (next_button)), ==, "_Publish");
  candor_test_ui_wait_for_widget (GTK_WIDGET (wizard), GTK_TYPE_BUTTON, "label",
                                  "_Copy as Rich Text");

  /* Every audience's preview shows exactly the fields it is meant to get. */
  audiences = candor_composition_get_audiences (candor_preview_get_composition (preview));
  g_assert_cmpuint (audiences->len, >=, 3);
  for (guint a = 0; a < audiences->len; a++)
    {
      CandorAudience *audience = g_ptr_array_index (audiences, a);

      candor_preview_set_audience (preview, candor_audience_get_id (audience));
      /* Channels scrolled out of view are drawn when the typing pauses. */
      candor_preview_flush (preview);
      wait_for_text (GTK_WIDGET (preview), "Sign-in outage");
      for (guint i = 0; i < G_N_ELEMENTS (typed_fields); i++)
        {
          gboolean shown =
            candor_test_ui_label_contains (GTK_WIDGET (preview), typed_fields[i].text);

          if (candor_audience_has_field (audience, typed_fields[i].field) != shown)
            g_error ("Audience %s %s “%s”", candor_audience_get_id (audience),
                     shown ? "shows the unwanted" : "does not show", typed_fields[i].text);
        }
    }

  /* Chat channels draw what they are sent: Slack's "*title*" is bold, not starred. */
  candor_preview_set_audience (preview, "technical");
  wait_for_text (GTK_WIDGET (preview), "Sign-in outage");
  g_assert_true (markup_contains (GTK_WIDGET (preview), "Sign-in outage</b>"));
  g_assert_false (candor_test_ui_label_contains (GTK_WIDGET (preview), "Sign-in outage*"));

  /* Back with the keyboard's action, and forward again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.back", NULL));
  g_assert_cmpuint (candor_wizard_get_step (wizard), ==, 5);

  close_wizard (wizard, "discard");
}

static void
test_wizard_blame_shows_finding (void)
{
  CandorWizard    *wizard = open_wizard ("Checkout errors");
  CandorPreview   *preview = candor_wizard_get_preview (wizard);
  GPtrArray       *findings;
  GtkWidget       *editor;
  GtkWidget       *finding_row = NULL;
  GtkTextBuffer   *buffer;
  GtkTextIter      start, end;
  g_autofree char *selected = NULL;

  next_step (wizard);
  next_step (wizard);
  editor = candor_test_ui_wait_for_widget (GTK_WIDGET (wizard), CANDOR_TYPE_FIELD_EDITOR, "label",
                                           "_Summary");
  buffer = candor_field_editor_get_buffer (CANDOR_FIELD_EDITOR (editor));
  type_into (buffer, "Payments fail because our payment provider is to blame for this.");
  candor_preview_flush (preview);

  /* Listed with its explanation beside the editor, and underlined in it. */
  findings = candor_composition_get_findings (candor_preview_get_composition (preview));
  for (guint i = 0; i < findings->len; i++)
    {
      CandorFinding *finding = g_ptr_array_index (findings, i);

      if (g_str_has_prefix (candor_finding_get_rule_id (finding), "blame"))
        {
          const char *subtitle;

          finding_row =
            candor_test_ui_wait_for_widget (GTK_WIDGET (preview), ADW_TYPE_ACTION_ROW, "title",
                                            candor_finding_get_message (finding));
          /* Under the explanation: the suggestion, then the words it is about. */
          subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (finding_row));
          g_assert_nonnull (strstr (subtitle, candor_finding_get_suggestion (finding)));
          g_assert_nonnull (strstr (subtitle, candor_finding_get_quote (finding)));
        }
    }
  g_assert_nonnull (finding_row);
  g_assert_cmpuint (candor_field_editor_get_n_underlined (CANDOR_FIELD_EDITOR (editor)), >, 0);

  /* Clicking it goes to the words it is about. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.back", NULL));
  g_assert_cmpuint (candor_wizard_get_step (wizard), ==, 1);
  g_signal_emit_by_name (gtk_widget_get_parent (finding_row), "row-activated", finding_row);
  g_assert_cmpuint (candor_wizard_get_step (wizard), ==, 2);
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
  selected = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_nonnull (strstr (selected, "blame"));

  /* Fixing the text makes it go away. */
  gtk_text_buffer_set_text (buffer, "Payments fail for some cards; we are switching providers.",
                            -1);
  candor_preview_flush (preview);
  g_assert_cmpuint (candor_field_editor_get_n_underlined (CANDOR_FIELD_EDITOR (editor)), ==, 0);

  close_wizard (wizard, "discard");
}

/* The review step reads the same composition: "Fix" goes to the words a
 * finding is about, "Acknowledge" puts it away for this update. */
static void
test_wizard_review_fix_and_acknowledge (void)
{
  CandorWizard      *wizard = open_wizard ("Checkout errors");
  CandorComposition *composition =
    candor_preview_get_composition (candor_wizard_get_preview (wizard));
  GPtrArray       *findings;
  GtkWidget       *review;
  GtkWidget       *row;
  GtkWidget       *button;
  GtkTextBuffer   *buffer;
  GtkTextIter      start, end;
  const char      *message = NULL;
  g_autofree char *selected = NULL;

  next_step (wizard);
  next_step (wizard);
  buffer = find_editor_buffer (wizard, "_Summary");
  type_into (buffer, "Payments fail because our payment provider is to blame for this.");
  for (guint i = 0; i < 4; i++)
    next_step (wizard);
  review =
    gtk_widget_get_ancestor (candor_test_ui_wait_for_widget (GTK_WIDGET (wizard), GTK_TYPE_BUTTON,
                                                             "label", "Save as ._eml…"),
                             CANDOR_TYPE_WIZARD_REVIEW_PAGE);

  findings = candor_composition_get_findings (composition);
  for (guint i = 0; i < findings->len; i++)
    {
      if (g_str_has_prefix (candor_finding_get_rule_id (g_ptr_array_index (findings, i)), "blame"))
        message = candor_finding_get_message (g_ptr_array_index (findings, i));
    }
  g_assert_nonnull (message);
  message = g_intern_string (message);

  row = candor_test_ui_wait_for_widget (review, ADW_TYPE_ACTION_ROW, "title", message);
  button = candor_test_ui_find_mapped (row, GTK_TYPE_BUTTON, "label", "_Fix");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpuint (candor_wizard_get_step (wizard), ==, 2);
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
  selected = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_nonnull (strstr (selected, "blame"));

  for (guint i = 0; i < 4; i++)
    next_step (wizard);
  row = candor_test_ui_wait_for_widget (review, ADW_TYPE_ACTION_ROW, "title", message);
  button = candor_test_ui_find_mapped (row, GTK_TYPE_BUTTON, "label", "A_cknowledge");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");

  findings = candor_composition_get_findings (composition);
  for (guint i = 0; i < findings->len; i++)
    g_assert_cmpstr (candor_finding_get_message (g_ptr_array_index (findings, i)), !=, message);
  g_assert_null (candor_test_ui_find_mapped (review, ADW_TYPE_ACTION_ROW, "title", message));

  close_wizard (wizard, "discard");
}

static CandorReminder *
get_reminder (void)
{
  return candor_session_get_reminder (candor_application_get_session (app));
}

static void
test_wizard_next_update_sets_reminder (void)
{
  CandorWizard *wizard = open_wizard ("Reminder test");
  CandorUpdate *update = candor_draft_get_update (candor_wizard_get_draft (wizard));
  const char   *incident_id =
    candor_incident_get_id (candor_draft_get_incident (candor_wizard_get_draft (wizard)));
  GtkWidget *first_time;
  GtkWidget *when_changed;

  /* A major incident's progress update is followed by another at a time the
   * schedule suggests (a minor one waits for the fix). */
  candor_update_set_kind (update, CANDOR_UPDATE_KIND_PROGRESS);
  candor_incident_set_severity (candor_draft_get_incident (candor_wizard_get_draft (wizard)),
                                CANDOR_SEVERITY_MAJOR);
  for (guint i = 0; i < 5; i++)
    next_step (wizard);

  /* The first suggestion is a time; picking it sets a reminder that the
   * application holds on to, so it fires even with every window closed. */
  first_time =
    candor_test_ui_wait_for_widget (GTK_WIDGET (wizard), GTK_TYPE_CHECK_BUTTON, NULL, NULL);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (first_time), TRUE);
  g_assert_nonnull (candor_update_get_next_update_at (update));
  g_assert_true (candor_reminder_is_scheduled (get_reminder (), incident_id));
  wait_for_text (GTK_WIDGET (wizard), "You will be reminded at");

  /* "When the situation changes" takes the promise and the reminder back. */
  when_changed = candor_test_ui_wait_for_widget (GTK_WIDGET (wizard), ADW_TYPE_ACTION_ROW, "title",
                                                 "When the situation changes");
  g_assert_true (
    gtk_widget_activate (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (when_changed))));
  g_assert_null (candor_update_get_next_update_at (update));
  g_assert_false (candor_reminder_is_scheduled (get_reminder (), incident_id));

  close_wizard (wizard, "discard");
}

static CandorStore *
get_store (void)
{
  return candor_session_get_store (candor_application_get_session (app));
}

static char *
load_saved_draft (const char *draft_id)
{
  return candor_store_load_draft (get_store (), draft_id, NULL);
}

static gboolean
draft_is_saved (gpointer draft_id)
{
  g_autofree char *json = load_saved_draft (draft_id);

  return json != NULL;
}

static const char *
get_draft_id (CandorWizard *wizard)
{
  return candor_update_get_id (candor_draft_get_update (candor_wizard_get_draft (wizard)));
}

/* The child's last words before SIGKILL: g_test_trap_get_stdout() is newer
 * than GLib 2.74, so it leaves them in a file next to the history. */
static char *
get_report_path (void)
{
  return g_build_filename (g_getenv ("CANDOR_TEST_DATA_HOME"), "child-report", NULL);
}

static void
write_report (CandorWizard *wizard, guint typed_before_last_two_seconds)
{
  g_autofree char *path = get_report_path ();
  g_autofree char *report = NULL;

  report = g_strdup_printf ("%s\n%u\n", get_draft_id (wizard), typed_before_last_two_seconds);
  g_assert_true (g_file_set_contents (path, report, -1, NULL));
}

#define KILLED_INCIDENT_TITLE "Killed mid-sentence"
#define KILLED_TEXT           "Sign-in is down for everyone; we know why and fix it within the hour."

/* The child types, pauses for a little more than the 2 s that may be lost,
 * and dies without any chance to clean up. */
static void
type_then_die (void)
{
  CandorWizard  *wizard = open_wizard (KILLED_INCIDENT_TITLE);
  GtkTextBuffer *buffer;

  next_step (wizard);
  next_step (wizard);
  buffer = find_editor_buffer (wizard, "_Summary");
  type_into (buffer, KILLED_TEXT);
  run_main_loop_for (2100);
  write_report (wizard, 0);
  raise (SIGKILL);
}

/* Typing never stops, and the kill comes right after a keystroke: what
 * reaches the disk is a prefix of what was typed, missing at most the last
 * 2 s. */
#define STEADY_CHARS_PER_SECOND 50
static void
type_steadily_then_die (void)
{
  CandorWizard  *wizard = open_wizard (KILLED_INCIDENT_TITLE);
  GtkTextBuffer *buffer;
  gint64         until;
  guint          typed_before_last_two_seconds = 0;

  next_step (wizard);
  next_step (wizard);
  buffer = find_editor_buffer (wizard, "_Summary");

  until = g_get_monotonic_time () + 4 * G_USEC_PER_SEC;
  for (guint i = 0; g_get_monotonic_time () < until; i++)
    {
      char c = 'a' + i % 26;

      if (g_get_monotonic_time () < until - 2 * G_USEC_PER_SEC)
        typed_before_last_two_seconds = i;
      gtk_text_buffer_insert_interactive_at_cursor (buffer, &c, 1, TRUE);
      run_main_loop_for (1000 / STEADY_CHARS_PER_SECOND);
    }
  write_report (wizard, typed_before_last_two_seconds);
  raise (SIGKILL);
}

/* Runs @child_path, which dies, and reads the draft it left in the history. */
static char *
run_child_and_get_draft (const char *child_path, CandorDraft **draft, guint *typed)
{
  g_autofree char *report_path = get_report_path ();
  g_autofree char *report = NULL;
  g_autofree char *json = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GError) error = NULL;

  g_unlink (report_path);
  g_test_trap_subprocess (child_path, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_failed ();

  g_assert_true (g_file_get_contents (report_path, &report, NULL, NULL));
  lines = g_strsplit (report, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >=, 2);
  *typed = g_ascii_strtoull (lines[1], NULL, 10);

  json = candor_store_load_draft (get_store (), lines[0], &error);
  g_assert_no_error (error);
  *draft = candor_draft_load_from_data (json, -1, &error);
  g_assert_no_error (error);

  return g_strdup (lines[0]);
}

static gboolean
wizard_shows_summary (gpointer data)
{
  CandorWizard *wizard = CANDOR_WIZARD (candor_test_ui_find_toplevel (CANDOR_TYPE_WIZARD));

  return wizard != NULL && g_strcmp0 (candor_update_get_field (
                                        candor_draft_get_update (candor_wizard_get_draft (wizard)),
                                        CANDOR_FIELD_EXECUTIVE_SUMMARY),
                                      data) == 0;
}

static gboolean
lists_one_incident (gpointer window)
{
  return g_list_model_get_n_items (candor_window_get_incidents (window)) == 1;
}

static void
test_wizard_restores_draft_after_kill (void)
{
  g_autoptr (CandorDraft) draft = NULL;
  g_autofree char *draft_id = NULL;
  g_autofree char *saved = NULL;
  CandorWindow    *window;
  GtkWidget       *dialog;
  CandorWizard    *wizard;
  GtkTextBuffer   *buffer;
  g_autofree char *restored = NULL;
  guint            typed;

  if (g_test_subprocess ())
    {
      type_then_die ();
      return;
    }

  draft_id = run_child_and_get_draft ("/ui/wizard/restores-draft-after-kill", &draft, &typed);
  g_assert_cmpstr (
    candor_update_get_field (candor_draft_get_update (draft), CANDOR_FIELD_EXECUTIVE_SUMMARY), ==,
    KILLED_TEXT);
  g_assert_cmpstr (candor_incident_get_title (candor_draft_get_incident (draft)), ==,
                   KILLED_INCIDENT_TITLE);

  /* The next start offers it back, and the wizard shows what was typed. */
  window = candor_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  candor_test_ui_wait_until (has_toplevel, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG));
  dialog = candor_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Restore the Unsent Draft?");
  respond (dialog, "restore");
  candor_test_ui_wait_until (wizard_shows_summary, (gpointer)KILLED_TEXT);
  wizard = CANDOR_WIZARD (candor_test_ui_find_toplevel (CANDOR_TYPE_WIZARD));
  candor_test_ui_wait_for_mapped (GTK_WIDGET (wizard));
  /* It opens at the step the author was on when the process died. */
  g_assert_cmpuint (candor_wizard_get_step (wizard), ==, 2);
  buffer = find_editor_buffer (wizard, "_Summary");
  g_object_get (buffer, "text", &restored, NULL);
  g_assert_cmpstr (restored, ==, KILLED_TEXT);

  /* The restored incident is in the list again (once a reload for what the
   * killed process wrote, which the session notices, has read it back). */
  candor_test_ui_wait_until (lists_one_incident, window);

  /* Still unsent, so still kept. */
  close_wizard (wizard, NULL);
  saved = load_saved_draft (draft_id);
  g_assert_nonnull (saved);
  g_assert_true (candor_store_delete_draft (get_store (), draft_id, NULL));
  candor_test_ui_close_and_wait_for_finalize (GTK_WIDGET (window));
}

static void
test_wizard_loses_at_most_two_seconds (void)
{
  g_autoptr (CandorDraft) draft = NULL;
  g_autofree char *draft_id = NULL;
  const char      *saved;
  const char      *alphabet = "abcdefghijklmnopqrstuvwxyz";
  guint            must_have;

#ifdef __SANITIZE_ADDRESS__
  /* A bound in seconds means nothing when every keystroke runs ten times slower. */
  g_test_skip ("timing: AddressSanitizer slows typing too much for a 2-second bound");
  return;
#endif

  if (g_test_subprocess ())
    {
      type_steadily_then_die ();
      return;
    }

  draft_id = run_child_and_get_draft ("/ui/wizard/loses-at-most-two-seconds", &draft, &must_have);
  saved = candor_update_get_field (candor_draft_get_update (draft), CANDOR_FIELD_EXECUTIVE_SUMMARY);

  /* Everything typed before the last 2 s reached the history. */
  g_test_message ("saved %zu characters, %u typed before the last 2 s", strlen (saved), must_have);
  g_assert_cmpuint (must_have, >=, 10);
  g_assert_cmpuint (strlen (saved), >=, must_have);
  for (gsize i = 0; saved[i] != '\0'; i++)
    g_assert_cmpint (saved[i], ==, alphabet[i % 26]);

  g_assert_true (candor_store_delete_draft (get_store (), draft_id, NULL));
}

static void
test_wizard_closing_asks_once (void)
{
  CandorWizard    *wizard = open_wizard ("Asked once");
  g_autofree char *kept_id = g_strdup (get_draft_id (wizard));
  g_autofree char *discarded_id = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *discarded = NULL;
  GtkWidget       *dialog;

  /* Cancel keeps the wizard open. */
  next_step (wizard);
  type_into (find_editor_buffer (wizard, "Impact _Now"), "Slow pages");
  gtk_window_close (GTK_WINDOW (wizard));
  candor_test_ui_wait_until (has_toplevel, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG));
  dialog = candor_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  respond (dialog, "cancel");
  candor_test_ui_wait_until (has_no_toplevel, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (wizard)));

  /* Keep closes it and leaves the draft in the history... */
  close_wizard (wizard, "keep");
  kept = load_saved_draft (kept_id);
  g_assert_nonnull (kept);
  g_assert_nonnull (strstr (kept, "Slow pages"));
  g_assert_true (candor_store_delete_draft (get_store (), kept_id, NULL));

  /* ...discard deletes it, even once saved. */
  wizard = open_wizard ("Asked once, discarded");
  discarded_id = g_strdup (get_draft_id (wizard));
  next_step (wizard);
  type_into (find_editor_buffer (wizard, "Impact _Now"), "Slow pages");
  candor_test_ui_wait_until (draft_is_saved, discarded_id);
  close_wizard (wizard, "discard");
  discarded = load_saved_draft (discarded_id);
  g_assert_null (discarded);
}

static gboolean
has_technical_details (gpointer wizard)
{
  CandorUpdate *update = candor_draft_get_update (candor_wizard_get_draft (wizard));

  return *candor_update_get_field (update, CANDOR_FIELD_TECHNICAL_DETAILS) != '\0';
}

static void
on_async_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  *(GAsyncResult **)data = g_object_ref (result);
}

static void
test_wizard_saves_eml (void)
{
  CandorWizard    *wizard = open_wizard ("Mail test");
  g_autofree char *dir = g_dir_make_tmp ("candor-eml-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "update.eml", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autofree char *contents = NULL;
  GtkWidget       *review;

  for (guint i = 0; i < 6; i++)
    next_step (wizard);

  review =
    gtk_widget_get_ancestor (candor_test_ui_wait_for_widget (GTK_WIDGET (wizard), GTK_TYPE_BUTTON,
                                                             "label", "Save as ._eml…"),
                             CANDOR_TYPE_WIZARD_REVIEW_PAGE);
  candor_wizard_review_page_save_eml_async (CANDOR_WIZARD_REVIEW_PAGE (review), file, NULL,
                                            on_async_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (
    candor_wizard_review_page_save_eml_finish (CANDOR_WIZARD_REVIEW_PAGE (review), result, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Subject:"));
  g_assert_nonnull (strstr (contents, "Mail test"));

  g_unlink (path);
  g_rmdir (dir);
  /* The resolution's details step fills in the timeline once the history has
   * been read: a change to keep or not. */
  candor_test_ui_wait_until (has_technical_details, wizard);
  close_wizard (wizard, "discard");
}

/* The history opens after the main window's first frame: what is typed
 * before that waits, and is saved the moment it arrives. */
static void
test_wizard_saves_typing_from_before_history_opened (void)
{
  /* A session of its own on the same history, not open yet. */
  g_autoptr (CandorSession) session =
    candor_session_new (NULL, candor_store_get_path (get_store ()));
  g_autoptr (CandorDraft) draft = candor_draft_new (NULL, NULL);
  g_autoptr (CandorDraftAutosave) autosave = candor_draft_autosave_new (session, draft);
  const char      *draft_id = candor_draft_autosave_get_draft_id (autosave);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  candor_update_set_field (candor_draft_get_update (draft), CANDOR_FIELD_IMPACT_NOW,
                           "Typed before the history opened");
  run_main_loop_for (1600);
  before = load_saved_draft (draft_id);
  g_assert_null (before);

  candor_session_open (session);
  candor_test_ui_wait_until (draft_is_saved, (gpointer)draft_id);
  after = load_saved_draft (draft_id);
  g_assert_nonnull (strstr (after, "Typed before the history opened"));

  candor_draft_autosave_discard (autosave);
  flush_store (candor_session_get_store (session));
  g_assert_false (draft_is_saved ((gpointer)draft_id));
}

#define SAVED_CONTACT_NAME  "Dana Kim"
#define SAVED_CONTACT_REACH "status@example.com"

static gboolean
contact_is_saved (gpointer data)
{
  g_autofree char *json =
    candor_store_get_document (get_store (), CANDOR_STORE_DOCUMENT_CONTACT, data, NULL);

  return json != NULL;
}

static gboolean
has_saved_contacts (gpointer data)
{
  return g_list_model_get_n_items (adw_combo_row_get_model (data)) > 1;
}

/* A contact typed once is offered in the next update, from the history. */
static void
test_wizard_remembers_contacts (void)
{
  CandorWizard *wizard = open_wizard ("Contacts");
  GtkWidget    *saved_row;
  GtkWidget    *name_row;
  GtkWidget    *reach_row;

  for (guint i = 0; i < 4; i++)
    next_step (wizard);
  name_row =
    candor_test_ui_wait_for_widget (GTK_WIDGET (wizard), ADW_TYPE_ENTRY_ROW, "title", "_Name");
  reach_row = candor_test_ui_find_mapped (GTK_WIDGET (wizard), ADW_TYPE_ENTRY_ROW, "title",
                                          "_Reach Them At (email, phone, channel)");
  gtk_editable_set_text (GTK_EDITABLE (name_row), SAVED_CONTACT_NAME);
  gtk_editable_set_text (GTK_EDITABLE (reach_row), SAVED_CONTACT_REACH);
  close_wizard (wizard, "discard");
  candor_test_ui_wait_until (contact_is_saved, (gpointer)SAVED_CONTACT_NAME);

  wizard = open_wizard ("Contacts again");
  for (guint i = 0; i < 4; i++)
    next_step (wizard);
  saved_row = candor_test_ui_wait_for_widget (GTK_WIDGET (wizard), ADW_TYPE_COMBO_ROW, "title",
                                              "Sa_ved Contacts");
  candor_test_ui_wait_until (has_saved_contacts, saved_row);
  adw_combo_row_set_selected (ADW_COMBO_ROW (saved_row), 1);
  name_row = candor_test_ui_find_mapped (GTK_WIDGET (wizard), ADW_TYPE_ENTRY_ROW, "title", "_Name");
  reach_row = candor_test_ui_find_mapped (GTK_WIDGET (wizard), ADW_TYPE_ENTRY_ROW, "title",
                                          "_Reach Them At (email, phone, channel)");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, SAVED_CONTACT_NAME);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (reach_row)), ==, SAVED_CONTACT_REACH);
  g_assert_nonnull (
    strstr (candor_update_get_field (candor_draft_get_update (candor_wizard_get_draft (wizard)),
                                     CANDOR_FIELD_CONTACT),
            SAVED_CONTACT_REACH));

  close_wizard (wizard, "discard");
  g_assert_true (candor_store_delete_document (get_store (), CANDOR_STORE_DOCUMENT_CONTACT,
                                               SAVED_CONTACT_NAME, NULL));
}

/* A resolution's timeline lists what was already sent, from the history. */
static void
test_wizard_timeline_lists_sent_updates (void)
{
  g_autoptr (CandorIncident) incident = candor_incident_new ("Checkout errors");
  g_autoptr (CandorUpdate) first_notice = candor_update_new (CANDOR_UPDATE_KIND_INITIAL);
  g_autoptr (CandorUpdate) resolution = candor_update_new (CANDOR_UPDATE_KIND_RESOLUTION);
  g_autoptr (GPtrArray) renditions = g_ptr_array_new ();
  g_autoptr (GDateTime) started = g_date_time_new_utc (2026, 3, 2, 9, 10, 0);
  g_autoptr (GDateTime) sent_at = g_date_time_new_utc (2026, 3, 2, 9, 25, 0);
  g_autoptr (CandorDraft) draft = NULL;
  g_autoptr (GError) error = NULL;
  CandorWizard *wizard;

  candor_incident_set_started_at (incident, started);
  candor_update_set_field (first_notice, CANDOR_FIELD_EXECUTIVE_SUMMARY,
                           "Card payments fail at checkout. We are on it.");
  candor_store_save_incident (get_store (), incident, &error);
  g_assert_no_error (error);
  candor_store_record_update (get_store (), candor_incident_get_id (incident), first_notice,
                              sent_at, renditions, &error);
  g_assert_no_error (error);

  draft = candor_draft_new (incident, resolution);
  wizard = candor_wizard_new (GTK_APPLICATION (app), NULL, draft);
  gtk_window_present (GTK_WINDOW (wizard));
  candor_test_ui_wait_for_mapped (GTK_WIDGET (wizard));
  for (guint i = 0; i < 3; i++)
    next_step (wizard);

  wait_for_buffer_text (find_editor_buffer (wizard, "_Root Cause and Impact Timeline"),
                        "First notice sent: Card payments fail at checkout.");

  close_wizard (wizard, "discard");
}

/* Whether the customers' email now replies to the first notice's message. */
static gboolean
email_follows_first_notice (gpointer data)
{
  CandorComposition *composition = data;
  CandorRendition   *email;
  GBytes            *mime;
  g_autofree char   *raw = NULL;

  email = candor_composition_get_rendition (composition, "customers", "email");
  if (email == NULL || (mime = candor_rendition_get_mime (email, NULL)) == NULL)
    return FALSE;
  raw = g_strndup (g_bytes_get_data (mime, NULL), g_bytes_get_size (mime));
  return strstr (raw, "\nIn-Reply-To: <first-notice@status.example.com>") != NULL;
}

/* A follow-up email threads under what the same channel carried before. */
static void
test_wizard_follow_up_email_threads (void)
{
  g_autoptr (CandorIncident) incident = candor_incident_new ("Checkout errors");
  g_autoptr (CandorUpdate) first_notice = candor_update_new (CANDOR_UPDATE_KIND_INITIAL);
  g_autoptr (CandorUpdate) progress = candor_update_new (CANDOR_UPDATE_KIND_PROGRESS);
  g_autoptr (GPtrArray) renditions =
    g_ptr_array_new_with_free_func ((GDestroyNotify)candor_sent_rendition_free);
  g_autoptr (GDateTime) sent_at = g_date_time_new_now_utc ();
  g_autoptr (CandorDraft) draft = NULL;
  g_autoptr (GError) error = NULL;
  CandorSentRendition *email;
  CandorWizard        *wizard;

  email = candor_sent_rendition_new ("customers", CANDOR_DIALECT_EMAIL, "en", "Checkout errors",
                                     "Card payments fail at checkout.", NULL);
  /* Sent through the default "email" channel, whose id candor_sent_rendition_new() gives it. */
  email->message_id = g_strdup ("first-notice@status.example.com");
  g_ptr_array_add (renditions, email);
  candor_store_save_incident (get_store (), incident, &error);
  g_assert_no_error (error);
  candor_store_record_update (get_store (), candor_incident_get_id (incident), first_notice,
                              sent_at, renditions, &error);
  g_assert_no_error (error);

  draft = candor_draft_new (incident, progress);
  wizard = candor_wizard_new (GTK_APPLICATION (app), NULL, draft);
  gtk_window_present (GTK_WINDOW (wizard));
  candor_test_ui_wait_for_mapped (GTK_WIDGET (wizard));

  candor_test_ui_wait_until (email_follows_first_notice,
                             candor_preview_get_composition (candor_wizard_get_preview (wizard)));

  /* Nothing was typed: the wizard closes without asking. */
  close_wizard (wizard, NULL);
}

/* A history that cannot be opened: the wizard says that its draft is not
 * being saved, and why, before a word is at risk. */
static void
test_wizard_says_when_drafts_are_not_saved (void)
{
  g_autofree char *damaged_home = NULL;
  g_autofree char *history_dir = NULL;
  g_autofree char *history = NULL;
  g_autofree char *data_home = NULL;

  if (g_test_subprocess ())
    {
      CandorWizard *wizard = open_wizard ("Damaged history");

      g_assert_error (candor_session_get_open_error (candor_application_get_session (app)),
                      CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_CORRUPT);
      wait_for_text (GTK_WIDGET (wizard), "This Draft Is Not Being Saved");
      wait_for_text (GTK_WIDGET (wizard), "is damaged");
      close_wizard (wizard, NULL);
      return;
    }

  /* The child reads its history from a folder of its own. */
  damaged_home = g_dir_make_tmp ("candor-damaged-XXXXXX", NULL);
  history_dir = g_build_filename (damaged_home, "candor", NULL);
  history = g_build_filename (history_dir, "history.db", NULL);
  g_assert_cmpint (g_mkdir_with_parents (history_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (history, "not a database, not at all", -1, NULL));

  data_home = g_strdup (g_getenv ("CANDOR_TEST_DATA_HOME"));
  g_setenv ("CANDOR_TEST_DATA_HOME", damaged_home, TRUE);
  g_setenv ("XDG_DATA_HOME", damaged_home, TRUE);
  g_setenv ("CANDOR_TEST_DAMAGED_HISTORY", "1", TRUE);
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_setenv ("CANDOR_TEST_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_unsetenv ("CANDOR_TEST_DAMAGED_HISTORY");
  g_test_trap_assert_passed ();
}

/* Without a compositor every window wears libadwaita's fallback frame. Drawn
 * as its three inset shadows, it made GTK's GL renderer shade the whole
 * window three more times on every keystroke's frame, the bulk of a 46 ms
 * frame with software GL; style.css draws the same pixels from a border, an
 * outline and thin strips. */
static void
test_wizard_frame_is_cheap_to_draw (void)
{
  CandorWizard *wizard = open_wizard ("Frame");
  WindowPicture picture = { NULL, NULL };
  float         width, height;

  if (!gtk_widget_has_css_class (GTK_WIDGET (wizard), "solid-csd"))
    {
      g_test_skip ("the display has a compositor: no fallback frame to check");
      close_wizard (wizard, NULL);
      return;
    }

  picture.paintable = gtk_widget_paintable_new (GTK_WIDGET (wizard));
  candor_test_ui_wait_until (takes_picture, &picture);
  width = gdk_paintable_get_intrinsic_width (picture.paintable);
  height = gdk_paintable_get_intrinsic_height (picture.paintable);
  g_assert_cmpuint (count_window_sized_inset_shadows (picture.node, width, height), ==, 0);

  gsk_render_node_unref (picture.node);
  g_object_unref (picture.paintable);
  close_wizard (wizard, NULL);
}

static gboolean
has_row_titled_under (GtkWidget *widget, const char *title)
{
  if (ADW_IS_ACTION_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_row_titled_under (child, title))
      return TRUE;

  return FALSE;
}

/* An action row titled data's "title" anywhere under data's "root", shown
 * or not: the template list is on a page of its own. */
static gboolean
has_row_titled (gpointer data)
{
  return has_row_titled_under (g_object_get_data (data, "root"), g_object_get_data (data, "title"));
}

/* A template imported with candor-cli while the wizard is open is offered
 * without a restart. */
static void
test_wizard_offers_template_imported_meanwhile (void)
{
  CandorWizard    *wizard = open_wizard ("Checkout fails");
  g_autofree char *built_in = g_build_filename (g_getenv ("CANDOR_SOURCE_ROOT"), "data",
                                                "templates", "en", "minor-resolved.json", NULL);
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "candor", "templates", NULL);
  g_autofree char *file = g_build_filename (dir, "imported-meanwhile.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr (GString) imported = NULL;
  g_autoptr (GObject) query = NULL;

  g_assert_true (g_file_get_contents (built_in, &contents, NULL, NULL));
  imported = g_string_new (contents);
  g_string_replace (imported, "\"en-minor-resolved\"", "\"imported-meanwhile\"", 1);
  g_string_replace (imported, "\"Minor issue: fixed\"", "\"Imported while the wizard was open\"",
                    1);
  query = g_object_new (G_TYPE_OBJECT, NULL);
  g_object_set_data (query, "root", wizard);
  g_object_set_data (query, "title", (gpointer) "Minor issue: fixed");
  g_assert_true (has_row_titled (query));
  g_object_set_data (query, "title", (gpointer) "Imported while the wizard was open");
  g_assert_false (has_row_titled (query));

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (file, imported->str, -1, NULL));
  candor_test_ui_wait_until (has_row_titled, query);

  g_assert_cmpint (g_remove (file), ==, 0);
  /* Nothing was typed: closing asks nothing. */
  close_wizard (wizard, NULL);
}

static gboolean
incident_page_has_drafts (gpointer data)
{
  return candor_incident_page_get_n_drafts (data) == 1;
}

static gboolean
drafts_list_shown (gpointer data)
{
  return candor_test_ui_find_mapped (data, GTK_TYPE_LIST_BOX, "name", "drafts-list") != NULL;
}

/* A draft kept for later is found again: in the sidebar's list of unsent
 * drafts, on its incident's page, and offered by New Update; each way opens
 * it at the step it was left at. */
static void
test_wizard_kept_draft_is_reachable (void)
{
  CandorWindow       *window = candor_window_new (app);
  CandorWizard       *wizard;
  CandorIncidentPage *page;
  GtkWidget          *title_row, *dialog, *list, *row;
  GtkTextBuffer      *buffer;
  g_autofree char    *draft_id = NULL;

  gtk_window_present (GTK_WINDOW (window));
  candor_test_ui_wait_for_mapped (GTK_WIDGET (window));
  /* A draft left by an earlier test may be offered at this first window. */
  run_main_loop_for (300);
  if ((dialog = candor_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL)
    respond (dialog, "later");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.start-incident", NULL));
  candor_test_ui_wait_until (has_toplevel, GSIZE_TO_POINTER (CANDOR_TYPE_WIZARD));
  wizard = CANDOR_WIZARD (candor_test_ui_find_toplevel (CANDOR_TYPE_WIZARD));
  candor_test_ui_wait_for_mapped (GTK_WIDGET (wizard));
  title_row =
    candor_test_ui_wait_for_widget (GTK_WIDGET (wizard), ADW_TYPE_ENTRY_ROW, "title", "_Title");
  gtk_editable_set_text (GTK_EDITABLE (title_row), "Kept for later");
  next_step (wizard);
  next_step (wizard);
  buffer = find_editor_buffer (wizard, "_Summary");
  type_into (buffer, "Half a summary");
  close_wizard (wizard, "keep");

  /* On the incident's page, and in the sidebar. */
  page = CANDOR_INCIDENT_PAGE (
    candor_test_ui_find_mapped (GTK_WIDGET (window), CANDOR_TYPE_INCIDENT_PAGE, NULL, NULL));
  g_assert_nonnull (page);
  candor_test_ui_wait_until (incident_page_has_drafts, page);
  candor_test_ui_wait_until (drafts_list_shown, window);

  /* New Update offers it, and continuing opens it where it was left. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-update", NULL));
  candor_test_ui_wait_until (has_toplevel, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG));
  dialog = candor_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Continue the Unsent Update?");
  respond (dialog, "continue");
  candor_test_ui_wait_until (has_toplevel, GSIZE_TO_POINTER (CANDOR_TYPE_WIZARD));
  wizard = CANDOR_WIZARD (candor_test_ui_find_toplevel (CANDOR_TYPE_WIZARD));
  g_assert_cmpuint (candor_wizard_get_step (wizard), ==, 2);
  g_assert_cmpstr (
    candor_update_get_field (candor_draft_get_update (candor_wizard_get_draft (wizard)),
                             CANDOR_FIELD_EXECUTIVE_SUMMARY),
    ==, "Half a summary");
  close_wizard (wizard, NULL);

  /* The sidebar's row opens it too. */
  list = candor_test_ui_find_mapped (GTK_WIDGET (window), GTK_TYPE_LIST_BOX, "name", "drafts-list");
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
  g_assert_nonnull (row);
  g_signal_emit_by_name (list, "row-activated", row);
  candor_test_ui_wait_until (has_toplevel, GSIZE_TO_POINTER (CANDOR_TYPE_WIZARD));
  wizard = CANDOR_WIZARD (candor_test_ui_find_toplevel (CANDOR_TYPE_WIZARD));
  g_assert_cmpuint (candor_wizard_get_step (wizard), ==, 2);
  draft_id =
    g_strdup (candor_update_get_id (candor_draft_get_update (candor_wizard_get_draft (wizard))));
  close_wizard (wizard, NULL);
  g_assert_true (candor_store_delete_draft (get_store (), draft_id, NULL));

  candor_test_ui_close_and_wait_for_finalize (GTK_WIDGET (window));
}

/* A field takes no more than a draft can hold: a paste past it is refused
 * whole and the text already there stays. */
static void
test_wizard_field_refuses_oversized_paste (void)
{
  CandorWizard    *wizard = open_wizard ("Oversized paste");
  GtkTextBuffer   *buffer;
  g_autofree char *big = g_strnfill (CANDOR_DRAFT_MAX_TEXT, 'a');
  g_autofree char *text = NULL;

  next_step (wizard);
  next_step (wizard);
  buffer = find_editor_buffer (wizard, "_Summary");
  type_into (buffer, "Kept");
  gtk_text_buffer_insert_at_cursor (buffer, big, -1);
  g_object_get (buffer, "text", &text, NULL);
  g_assert_cmpstr (text, ==, "Kept");
  g_assert_cmpstr (
    candor_update_get_field (candor_draft_get_update (candor_wizard_get_draft (wizard)),
                             CANDOR_FIELD_EXECUTIVE_SUMMARY),
    ==, "Kept");

  close_wizard (wizard, "discard");
}

int
main (int argc, char *argv[])
{
  const GError *open_error;
  int           status;

  /* The history goes to a private data directory, shared with the subprocesses. */
  if (g_getenv ("CANDOR_TEST_DATA_HOME") == NULL)
    {
      g_autofree char *data_home = g_dir_make_tmp ("candor-wizard-test-XXXXXX", NULL);

      g_setenv ("CANDOR_TEST_DATA_HOME", data_home, TRUE);
      g_setenv ("XDG_DATA_HOME", data_home, TRUE);
    }

  gtk_test_init (&argc, &argv, NULL);

  app = candor_test_ui_new_app ();
  /* The history the drafts, contacts and sent updates live in. */
  open_error = candor_test_ui_open_history (app);
  if (g_getenv ("CANDOR_TEST_DAMAGED_HISTORY") == NULL)
    g_assert_no_error (open_error);

  g_test_add_func ("/ui/wizard/walks-all-steps", test_wizard_walks_all_steps);
  g_test_add_func ("/ui/wizard/blame-shows-finding", test_wizard_blame_shows_finding);
  g_test_add_func ("/ui/wizard/review-fix-and-acknowledge", test_wizard_review_fix_and_acknowledge);
  g_test_add_func ("/ui/wizard/next-update-sets-reminder", test_wizard_next_update_sets_reminder);
  g_test_add_func ("/ui/wizard/restores-draft-after-kill", test_wizard_restores_draft_after_kill);
  g_test_add_func ("/ui/wizard/loses-at-most-two-seconds", test_wizard_loses_at_most_two_seconds);
  g_test_add_func ("/ui/wizard/closing-asks-once", test_wizard_closing_asks_once);
  g_test_add_func ("/ui/wizard/saves-eml", test_wizard_saves_eml);
  g_test_add_func ("/ui/wizard/saves-typing-from-before-history-opened",
                   test_wizard_saves_typing_from_before_history_opened);
  g_test_add_func ("/ui/wizard/remembers-contacts", test_wizard_remembers_contacts);
  g_test_add_func ("/ui/wizard/timeline-lists-sent-updates",
                   test_wizard_timeline_lists_sent_updates);
  g_test_add_func ("/ui/wizard/follow-up-email-threads", test_wizard_follow_up_email_threads);
  g_test_add_func ("/ui/wizard/frame-is-cheap-to-draw", test_wizard_frame_is_cheap_to_draw);
  g_test_add_func ("/ui/wizard/offers-template-imported-meanwhile",
                   test_wizard_offers_template_imported_meanwhile);
  g_test_add_func ("/ui/wizard/says-when-drafts-are-not-saved",
                   test_wizard_says_when_drafts_are_not_saved);

  /* Last: the first window of the process offers a draft back once, which
   * the restore test above waits for. */
  g_test_add_func ("/ui/wizard/kept-draft-is-reachable", test_wizard_kept_draft_is_reachable);
  g_test_add_func ("/ui/wizard/field-refuses-oversized-paste",
                   test_wizard_field_refuses_oversized_paste);
  status = g_test_run ();

  g_clear_object (&app);

  return status;
}
