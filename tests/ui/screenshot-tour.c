/* screenshot-tour.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "../store/candor-store-test-seed.h"
#include "candor-application.h"
#include "candor-field-editor.h"
#include "candor-first-notice-path.h"
#include "candor-preferences-window.h"
#include "candor-preview.h"
#include "candor-test-ui.h"
#include "candor-window.h"
#include "candor-wizard.h"

/* The screenshots in data/screenshots: a history with realistic content,
 * the finished flow driven through the real widgets, each window rendered
 * by GTK into CANDOR_TEST_SCREENSHOT_DIR. Without that variable the tour
 * is skipped, so the suite stays fast; data/screenshots/README.md says how
 * to run it. */

static CandorApplication *app;

static gboolean
quit_loop_cb (gpointer data)
{
  *(gboolean *)data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
settle (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, quit_loop_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* Renders @window as GTK draws it now into @name.png; without a window
 * manager, Xvfb may not have let it draw a frame, so `import` reads stale
 * pixels. */
static void
shoot (GtkWidget *window, const char *name)
{
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (g_getenv ("CANDOR_TEST_SCREENSHOT_DIR"), file, NULL);
  GtkSnapshot     *snapshot;
  GskRenderNode   *node;
  GtkWidget       *titlebar;
  graphene_rect_t  bounds;
  graphene_rect_t  titlebar_bounds;
  GdkRGBA          background;
  int              width;
  int              height;

  /* Let the layout after the last change settle. */
  settle (800);
  width = gtk_widget_get_width (window);
  height = gtk_widget_get_height (window);
  g_assert_cmpint (width, >, 0);
  gtk_widget_measure (window, GTK_ORIENTATION_HORIZONTAL, -1, NULL, NULL, NULL, NULL);
  gtk_widget_allocate (window, width, height, -1, NULL);
  snapshot = gtk_snapshot_new ();
  /* Only what the window shows, without the shadow around it. */
  g_assert_true (
    gtk_widget_compute_bounds (gtk_window_get_child (GTK_WINDOW (window)), window, &bounds));
  titlebar = gtk_window_get_titlebar (GTK_WINDOW (window));
  if (titlebar != NULL && gtk_widget_compute_bounds (titlebar, window, &titlebar_bounds))
    graphene_rect_union (&bounds, &titlebar_bounds, &bounds);
  /* The window's own background is drawn by whoever snapshots it, not by
   * its snapshot vfunc: without it the PNG is transparent, and the dark
   * style's light text vanishes on a light page. */
  g_assert_true (gtk_style_context_lookup_color (gtk_widget_get_style_context (window),
                                                 "window_bg_color", &background));
  gtk_snapshot_append_color (snapshot, &background, &bounds);
  GTK_WIDGET_GET_CLASS (window)->snapshot (window, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture =
    gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node, &bounds);
  gsk_render_node_unref (node);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

/* The sidebar's incidents: the list view that selects one. */
static GtkWidget *
find_incidents_view (GtkWidget *root)
{
  if (GTK_IS_LIST_VIEW (root) &&
      GTK_IS_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (root))))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_incidents_view (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Scrolls the view that holds @widget so that @widget is at its top. */
static void
scroll_to (GtkWidget *widget)
{
  GtkWidget       *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment   *adjustment;
  graphene_point_t point;

  g_assert_nonnull (scrolled);
  g_assert_true (gtk_widget_compute_point (
    widget, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
    &GRAPHENE_POINT_INIT (0, 0), &point));
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (adjustment, point.y - 12);
}

static void
scroll_to_top (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);

  g_assert_nonnull (scrolled);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)),
                            0);
}

static void
put_json (CandorStore *store, CandorStoreDocument kind, const char *id, JsonNode *node)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *json = json_to_string (node, FALSE);

  candor_store_put_document (store, kind, id, json, &error);
  g_assert_no_error (error);
}

static void
seed_channel (CandorStore *store,
              const char  *id,
              const char  *kind,
              const char  *name,
              const char  *key,
              const char  *value)
{
  g_autoptr (CandorChannel) channel = candor_channel_new (id, kind, name);
  g_autoptr (GError) error = NULL;

  candor_channel_set_setting (channel, key, value, &error);
  g_assert_no_error (error);
  candor_store_put_channel (store, channel, &error);
  g_assert_no_error (error);
}

/* The five kinds of place the finished flow publishes to, audiences that
 * read them, a contact, three incidents with what was sent and two unsent
 * drafts: a support desk a few days into using Candor. */
static void
seed_history (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorStore) store = candor_store_open (NULL, &error);
  g_autoptr (GPtrArray) audiences = candor_audience_new_defaults ();
  g_autoptr (CandorContact) contact = candor_contact_new ("Dana Reyes", "+1 555 0142");
  g_autoptr (JsonNode) contact_json = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  const char *const  customer_channels[] = { "email", "mastodon", "statuspage", "static-site",
                                             NULL };
  const char *const  executive_channels[] = { "email", "slack", NULL };
  const char *const  technical_channels[] = { "slack", "statuspage", NULL };
  const char *const *channels[] = { customer_channels, executive_channels, technical_channels };
  struct
  {
    const char    *title;
    CandorSeverity severity;
    int            minutes_ago;
    const char    *summary;
  } incidents[] = {
    { "Checkout errors for EU customers", CANDOR_SEVERITY_MAJOR, 2 * 24 * 60 + 300,
      "Some checkouts in Europe failed with an error; orders were not charged." },
    { "Sign-in is slow", CANDOR_SEVERITY_MINOR, 24 * 60 + 120,
      "Signing in took up to a minute; everything else worked." },
    { "Card payments fail", CANDOR_SEVERITY_CRITICAL, 45,
      "Card payments failed for everyone; the payment gateway was unreachable. Invoices and "
      "refunds were not affected." },
  };

  g_assert_no_error (error);
  seed_channel (store, "email", "email", "Customer mailing list", "to", "customers@acme.example");
  seed_channel (store, "slack", "slack", "Slack #incidents", "channel", "#incidents");
  seed_channel (store, "mastodon", "mastodon", "Mastodon @acmestatus", "instance",
                "https://mastodon.social");
  seed_channel (store, "statuspage", "statuspage", "status.acme.example (Statuspage)", "page-id",
                "kctbh9vrtdwd");
  seed_channel (store, "static-site", "static-site", "Status site mirror", "folder", "/srv/status");

  for (guint i = 0; i < audiences->len; i++)
    {
      CandorAudience *audience = g_ptr_array_index (audiences, i);
      g_autoptr (JsonNode) node = NULL;

      candor_audience_set_channels (audience, channels[i]);
      node = candor_audience_to_json (audience);
      put_json (store, CANDOR_STORE_DOCUMENT_AUDIENCE, candor_audience_get_id (audience), node);
    }
  contact_json = candor_contact_to_json (contact);
  put_json (store, CANDOR_STORE_DOCUMENT_CONTACT, "Dana Reyes", contact_json);

  for (guint i = 0; i < G_N_ELEMENTS (incidents); i++)
    {
      g_autoptr (GDateTime) started = g_date_time_add_minutes (now, -incidents[i].minutes_ago);
      g_autoptr (GDateTime) sent = g_date_time_add_minutes (started, 15);
      g_autoptr (GDateTime) resolved = g_date_time_add_minutes (started, 130);
      g_autoptr (GDateTime) promised = g_date_time_add_minutes (started, 75);
      g_autoptr (CandorIncident) incident =
        seed_incident (store, incidents[i].title, incidents[i].severity,
                       CANDOR_INCIDENT_STATE_INVESTIGATING, started, started);
      g_autoptr (CandorUpdate) first = seed_update (store, incident, CANDOR_UPDATE_KIND_INITIAL,
                                                    sent, promised, incidents[i].summary);
      g_autoptr (CandorUpdate) progress = NULL;
      g_autoptr (CandorDraft) draft = NULL;
      g_autofree char *data = NULL;

      /* The oldest two are over; the newest has a progress update waiting. */
      if (i < 2)
        {
          g_autoptr (CandorUpdate) resolution =
            seed_update (store, incident, CANDOR_UPDATE_KIND_RESOLUTION, resolved, NULL,
                         "Resolved: everything works again. A report follows within two days.");

          candor_incident_set_state (incident, CANDOR_INCIDENT_STATE_RESOLVED);
          candor_incident_set_resolved_at (incident, resolved);
          candor_store_save_incident (store, incident, &error);
          g_assert_no_error (error);
          if (i == 1)
            continue;
        }
      progress =
        candor_update_new (i < 2 ? CANDOR_UPDATE_KIND_POST_INCIDENT : CANDOR_UPDATE_KIND_PROGRESS);
      candor_update_set_field (progress, CANDOR_FIELD_EXECUTIVE_SUMMARY,
                               i < 2 ? "A faulty certificate rotation stopped the EU checkout "
                                       "service from reaching the payment provider."
                                     : "The payment provider has found the fault and is "
                                       "moving traffic to a healthy data centre.");
      draft = candor_draft_new (incident, progress);
      data = candor_draft_to_data (draft, NULL);
      candor_store_save_draft (store, candor_update_get_id (progress),
                               candor_incident_get_id (incident), data, &error);
      g_assert_no_error (error);
      candor_store_set_draft_step (store, candor_update_get_id (progress), i < 2 ? 4 : 2, &error);
      g_assert_no_error (error);
    }
}

/* The first field editor under @root that edits @field. */
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

/* A Russian support desk with English-speaking clients: the follow-up of
 * an incident written in Russian and English, whose Russian impact has
 * just changed, so the English one may be out of date. */
static CandorWizard *
open_bilingual_wizard (CandorWindow *window)
{
  g_autoptr (CandorIncident) incident = candor_incident_new ("Оплата картой не проходит");
  g_autoptr (CandorUpdate) update = candor_update_new (CANDOR_UPDATE_KIND_PROGRESS);
  g_autoptr (GPtrArray) audiences = candor_audience_new_defaults ();
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) started = g_date_time_add_minutes (now, -50);
  g_autoptr (CandorDraft) draft = NULL;
  const char *const  services[] = { "Оплата", NULL };
  const char *const  others[] = { "en", NULL };
  const char *const  customer_channels[] = { "email", "mastodon", NULL };
  const char *const  executive_channels[] = { "email", "slack", NULL };
  const char *const  technical_channels[] = { "slack", "statuspage", NULL };
  const char *const *channels[] = { customer_channels, executive_channels, technical_channels };
  const char *const  languages[] = { "ru", "en", "en" };
  CandorWizard      *wizard;

  candor_incident_set_language (incident, "ru");
  candor_incident_set_other_languages (incident, others);
  candor_incident_set_title_in (incident, "en", "Card payments fail");
  candor_incident_set_services (incident, services);
  candor_incident_set_severity (incident, CANDOR_SEVERITY_CRITICAL);
  candor_incident_set_started_at (incident, started);
  candor_incident_set_detected_at (incident, started);
  for (guint i = 0; i < audiences->len; i++)
    {
      candor_audience_set_channels (g_ptr_array_index (audiences, i), channels[i]);
      candor_audience_set_language (g_ptr_array_index (audiences, i), languages[i]);
    }

  candor_update_set_field (update, CANDOR_FIELD_IMPACT_NOW,
                           "Оплата картой не проходит ни у кого из клиентов.");
  candor_update_set_translation (update, "en", CANDOR_FIELD_IMPACT_NOW,
                                 "No customer can pay by card.");
  candor_update_set_field (update, CANDOR_FIELD_IMPACT_FUTURE, "Счета и возвраты не затронуты.");
  candor_update_set_translation (update, "en", CANDOR_FIELD_IMPACT_FUTURE,
                                 "Invoices and refunds are not affected.");
  candor_update_set_field (update, CANDOR_FIELD_LASTING_CONSEQUENCES,
                           "Данные не потеряны: неудавшиеся платежи не списаны.");
  candor_update_set_translation (update, "en", CANDOR_FIELD_LASTING_CONSEQUENCES,
                                 "No data is lost: failed payments were not charged.");
  /* The Russian text changes after the English was written. */
  candor_update_set_field (update, CANDOR_FIELD_IMPACT_NOW,
                           "Оплата картой снова проходит у половины клиентов.");

  draft = candor_draft_new (incident, update);
  candor_draft_set_audiences (draft, audiences);
  wizard = candor_wizard_new (GTK_APPLICATION (app), GTK_WINDOW (window), draft);
  gtk_window_present (GTK_WINDOW (wizard));
  candor_test_ui_wait_for_mapped (GTK_WIDGET (wizard));

  return wizard;
}

static void
tour (void)
{
  AdwStyleManager   *style = adw_style_manager_get_default ();
  CandorWindow      *window;
  CandorWizard      *wizard;
  CandorFieldEditor *editor;
  GtkWidget         *preferences;
  GtkWidget         *preview;
  GtkWidget         *incidents;
  CandorUpdate      *update;
  g_autofree char   *summary = NULL;
  guint              interactions;

  if (g_getenv ("CANDOR_TEST_SCREENSHOT_DIR") == NULL)
    {
      g_test_skip ("CANDOR_TEST_SCREENSHOT_DIR is not set");
      return;
    }

  g_settings_set_string (candor_application_get_settings (app), "sender-name", "Acme Status");
  g_settings_set_string (candor_application_get_settings (app), "sender-address",
                         "status@acme.example");

  /* 1: the main window, the newest incident open, the unsent drafts above. */
  window = candor_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_present (GTK_WINDOW (window));
  candor_test_ui_wait_for_mapped (GTK_WIDGET (window));
  candor_test_ui_wait_for_widget (GTK_WIDGET (window), GTK_TYPE_LABEL, "label", "Sign-in is slow");
  incidents = find_incidents_view (GTK_WIDGET (window));
  g_assert_nonnull (incidents);
  /* A click on the newest incident, at the top. */
  g_signal_emit_by_name (incidents, "activate", 0);
  shoot (GTK_WIDGET (window), "main-window");

  /* 2-4: the first notice, as the benchmarked path writes it. */
  wizard = candor_first_notice_path_run (window, &interactions);
  /* An unsure promise, for the review to list what still needs a look. */
  update = candor_draft_get_update (candor_wizard_get_draft (wizard));
  summary = g_strconcat (candor_update_get_field (update, CANDOR_FIELD_EXECUTIVE_SUMMARY),
                         " It will be fixed within two hours.", NULL);
  candor_update_set_field (update, CANDOR_FIELD_EXECUTIVE_SUMMARY, summary);
  shoot (GTK_WIDGET (wizard), "wizard-review");
  gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.back", NULL);
  preview = candor_test_ui_find_mapped (GTK_WIDGET (wizard), CANDOR_TYPE_PREVIEW, NULL, NULL);
  g_assert_nonnull (preview);
  /* The technical readers' chat message and status page entry. */
  candor_preview_set_audience (CANDOR_PREVIEW (preview), "technical");
  shoot (GTK_WIDGET (wizard), "wizard-preview");
  /* The customers' Mastodon thread, split by the network's limit. */
  candor_preview_set_audience (CANDOR_PREVIEW (preview), "customers");
  settle (100);
  scroll_to (candor_test_ui_find_mapped (preview, GTK_TYPE_LABEL, "label", "Mastodon @acmestatus"));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  shoot (GTK_WIDGET (wizard), "wizard-preview-dark");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  for (guint i = 0; i < 6; i++)
    gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.back", NULL);
  /* The message's kind and the template picked for it; no caret or
   * selection left in the title typed on the way. */
  gtk_window_set_focus (GTK_WINDOW (wizard), NULL);
  scroll_to (candor_test_ui_find_mapped (GTK_WIDGET (wizard), GTK_TYPE_LABEL, "label", "Message"));
  scroll_to_top (
    candor_test_ui_find_mapped (preview, GTK_TYPE_LABEL, "label", "Customer mailing list"));
  shoot (GTK_WIDGET (wizard), "wizard-incident");

  /* 5: where the channels are set up. */
  preferences = GTK_WIDGET (candor_preferences_window_new (candor_application_get_settings (app),
                                                           candor_application_get_session (app)));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "channels");
  gtk_window_set_default_size (GTK_WINDOW (preferences), 640, 500);
  gtk_window_present (GTK_WINDOW (preferences));
  candor_test_ui_wait_for_mapped (preferences);
  shoot (preferences, "preferences-channels");
  gtk_window_destroy (GTK_WINDOW (preferences));

  /* 6-7: the bilingual wizard, the English tab of a changed field. */
  wizard = open_bilingual_wizard (window);
  gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.next", NULL);
  settle (100);
  editor = find_editor (GTK_WIDGET (wizard), CANDOR_FIELD_IMPACT_NOW);
  g_assert_nonnull (editor);
  candor_field_editor_show_language (editor, "en");
  gtk_window_set_focus (GTK_WINDOW (wizard), NULL);
  preview = candor_test_ui_find_mapped (GTK_WIDGET (wizard), CANDOR_TYPE_PREVIEW, NULL, NULL);
  g_assert_nonnull (preview);
  candor_preview_set_audience (CANDOR_PREVIEW (preview), "executives");
  shoot (GTK_WIDGET (wizard), "wizard-languages");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  candor_preview_set_audience (CANDOR_PREVIEW (preview), "customers");
  shoot (GTK_WIDGET (wizard), "wizard-languages-dark");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
}

int
main (int argc, char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("candor-screenshots-XXXXXX", NULL);
  int              status;

  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  /* An author in Berlin: the times the app shows match those in the
   * customers' messages, and do not change with the machine's zone. */
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  /* Screenshots show where a step ends, not a slide half done. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  app = candor_test_ui_new_app ();
  if (g_getenv ("CANDOR_TEST_SCREENSHOT_DIR") != NULL)
    {
      seed_history ();
      g_assert_no_error (candor_test_ui_open_history (app));
    }

  g_test_add_func ("/ui/screenshot-tour", tour);
  status = g_test_run ();
  g_clear_object (&app);

  return status;
}
