/* test-preferences.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <libsecret/secret.h>

#include "candor-application.h"
#include "candor-channel-dialog.h"
#include "candor-fake-slack.h"
#include "candor-fake-statuspage.h"
#include "candor-preferences-window.h"
#include "candor-preview.h"
#include "candor-secrets.h"
#include "candor-test-ui.h"

/* Recognisable, so a copy of it anywhere can be found. */
#define PLANTED_TOKEN "candor-planted-secret-6d1f0c"

static CandorApplication *app;

static gboolean
has_store (gpointer data)
{
  return candor_session_get_store (data) != NULL;
}

static CandorSession *
open_session (void)
{
  CandorSession *session = candor_application_get_session (app);

  if (candor_session_get_store (session) == NULL)
    candor_session_open (session);
  candor_test_ui_wait_until (has_store, session);

  return session;
}

static GtkWidget *
open_preferences (CandorSession *session, const char *page_name)
{
  GtkWidget *window =
    GTK_WIDGET (candor_preferences_window_new (candor_application_get_settings (app), session));

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), page_name);
  gtk_window_present (GTK_WINDOW (window));
  candor_test_ui_wait_for_mapped (window);

  return window;
}

static gboolean
has_no_dialog (gpointer data)
{
  return candor_test_ui_find_toplevel (CANDOR_TYPE_CHANNEL_DIALOG) == NULL;
}

static gboolean
has_dialog (gpointer data)
{
  GtkWidget *dialog = candor_test_ui_find_toplevel (CANDOR_TYPE_CHANNEL_DIALOG);

  return dialog != NULL && gtk_widget_get_mapped (dialog);
}

static GtkWidget *
wait_for_dialog (void)
{
  candor_test_ui_wait_until (has_dialog, NULL);
  return candor_test_ui_find_toplevel (CANDOR_TYPE_CHANNEL_DIALOG);
}

static void
set_row_text (GtkWidget *root, GType type, const char *title, const char *text)
{
  GtkWidget *row = candor_test_ui_wait_for_widget (root, type, "title", title);

  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static CandorChannel *
find_channel_named (CandorSession *session, const char *name)
{
  GListModel *channels = G_LIST_MODEL (candor_session_get_channels (session));

  for (guint i = 0; i < g_list_model_get_n_items (channels); i++)
    {
      g_autoptr (CandorChannel) channel = g_list_model_get_item (channels, i);

      if (g_str_equal (candor_channel_get_name (channel), name))
        return channel;
    }

  return NULL;
}

typedef struct
{
  gboolean done;
  char    *secret;
  GError  *error;
} Lookup;

static void
on_lookup_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Lookup *lookup = user_data;

  lookup->secret = candor_secrets_lookup_finish (result, &lookup->error);
  lookup->done = TRUE;
}

static gboolean
lookup_done (gpointer data)
{
  return ((Lookup *)data)->done;
}

/* What the real keyring holds for @channel_id, or NULL. */
static char *
keyring_secret (const char *channel_id)
{
  Lookup lookup = { 0 };

  candor_secrets_lookup_async (channel_id, NULL, on_lookup_cb, &lookup);
  candor_test_ui_wait_until (lookup_done, &lookup);
  g_assert_no_error (lookup.error);

  return lookup.secret;
}

/* The database and its journal files, byte for byte, hold no copy of @token. */
static void
assert_not_in_database (CandorSession *session, const char *token)
{
  const char *path = candor_store_get_path (candor_session_get_store (session));
  const char *suffixes[] = { "", "-wal", "-journal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *bytes = NULL;
      gsize            length = 0;

      if (!g_file_get_contents (file, &bytes, &length, NULL))
        continue;
      g_assert_null (g_strstr_len (bytes, length, token));
    }
}

static gboolean
has_message_dialog (gpointer data)
{
  return candor_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static gboolean
channel_gone (gpointer data)
{
  return find_channel_named (candor_application_get_session (app), data) == NULL;
}

static gboolean
channel_present (gpointer data)
{
  return find_channel_named (candor_application_get_session (app), data) != NULL;
}

static void
test_preferences_channel_secret_lives_in_keyring (void)
{
  CandorSession           *session = open_session ();
  GtkWidget               *window = open_preferences (session, "channels");
  GtkWidget               *dialog;
  GtkWidget               *row;
  GtkWidget               *remove;
  GtkWidget               *confirm;
  CandorChannel           *channel;
  guint                    n_kinds;
  const CandorChannelKind *kinds = candor_channel_kind_get_all (&n_kinds);
  g_autofree char         *id = NULL;
  g_autofree char         *secret = NULL;
  g_autofree char         *kept = NULL;
  g_autofree char         *cleared = NULL;
  g_autofree char         *document = NULL;

  /* Add: the kind first, then its settings and the secret. */
  g_assert_true (gtk_widget_activate_action (
    candor_test_ui_wait_for_widget (window, ADW_TYPE_PREFERENCES_PAGE, "name", "channels"),
    "channels.add", NULL));
  dialog = wait_for_dialog ();
  for (guint i = 0; i < n_kinds; i++)
    {
      if (g_str_equal (kinds[i].nick, "email"))
        adw_combo_row_set_selected (ADW_COMBO_ROW (candor_test_ui_wait_for_widget (
                                      dialog, ADW_TYPE_COMBO_ROW, "title", "_Kind")),
                                    i);
    }
  set_row_text (dialog, ADW_TYPE_ENTRY_ROW, "_Name", "Ops list");
  set_row_text (dialog, ADW_TYPE_ENTRY_ROW, "_To", "ops@example.com");
  set_row_text (dialog, ADW_TYPE_PASSWORD_ENTRY_ROW, "S_ecret", PLANTED_TOKEN);
  g_assert_true (gtk_widget_activate_action (dialog, "channel.save", NULL));
  candor_test_ui_wait_until (has_no_dialog, NULL);

  channel = find_channel_named (session, "Ops list");
  g_assert_nonnull (channel);
  id = g_strdup (candor_channel_get_id (channel));
  g_assert_cmpstr (candor_channel_get_setting (channel, "to"), ==, "ops@example.com");
  secret = keyring_secret (id);
  g_assert_cmpstr (secret, ==, PLANTED_TOKEN);
  assert_not_in_database (session, PLANTED_TOKEN);

  /* Edit: the secret row starts empty, and left empty keeps the stored one. */
  row = candor_test_ui_wait_for_widget (window, ADW_TYPE_ACTION_ROW, "title", "Ops list");
  g_signal_emit_by_name (row, "activated");
  dialog = wait_for_dialog ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (candor_test_ui_wait_for_widget (
                     dialog, ADW_TYPE_PASSWORD_ENTRY_ROW, "title", "S_ecret"))),
                   ==, "");
  set_row_text (dialog, ADW_TYPE_ENTRY_ROW, "_Name", "Ops mailing list");
  g_assert_true (gtk_widget_activate_action (dialog, "channel.save", NULL));
  candor_test_ui_wait_until (has_no_dialog, NULL);
  candor_test_ui_wait_until (channel_present, (gpointer) "Ops mailing list");
  kept = keyring_secret (id);
  g_assert_cmpstr (kept, ==, PLANTED_TOKEN);
  assert_not_in_database (session, PLANTED_TOKEN);

  /* Remove asks first, then takes the channel and its secret. */
  row = candor_test_ui_wait_for_widget (window, ADW_TYPE_ACTION_ROW, "title", "Ops mailing list");
  remove = candor_test_ui_find_mapped (row, GTK_TYPE_BUTTON, "tooltip-text", "Remove");
  g_assert_nonnull (remove);
  g_signal_emit_by_name (remove, "clicked");
  candor_test_ui_wait_until (has_message_dialog, NULL);
  confirm = candor_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_true (channel_present ((gpointer) "Ops mailing list"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (confirm), "remove");
  candor_test_ui_wait_until (channel_gone, (gpointer) "Ops mailing list");
  cleared = keyring_secret (id);
  g_assert_null (cleared);
  document = candor_store_get_document (candor_session_get_store (session),
                                        CANDOR_STORE_DOCUMENT_CHANNEL, id, NULL);
  g_assert_null (document);

  candor_test_ui_close_and_wait_for_finalize (window);
}

static gboolean
test_finished (gpointer data)
{
  GtkWidget *spinner = candor_test_ui_find_mapped (data, GTK_TYPE_SPINNER, NULL, NULL);

  return spinner == NULL;
}

/* A service that refuses the channel: its own words are in the row, with
 * what to do, and nothing is saved. */
static void
test_preferences_test_connection_shows_refusal (void)
{
  CandorSession *session = open_session ();
  GtkWidget     *window = open_preferences (session, "channels");
  GListModel    *channels = G_LIST_MODEL (candor_session_get_channels (session));
  guint          n_before = g_list_model_get_n_items (channels);
  GtkWidget     *dialog;
  GtkWidget     *row;
  const char    *subtitle;

  g_assert_true (gtk_widget_activate_action (
    candor_test_ui_wait_for_widget (window, ADW_TYPE_PREFERENCES_PAGE, "name", "channels"),
    "channels.add", NULL));
  dialog = wait_for_dialog ();
  set_row_text (dialog, ADW_TYPE_ENTRY_ROW, "_Name", "Scratch");
  set_row_text (dialog, ADW_TYPE_PASSWORD_ENTRY_ROW, "S_ecret", PLANTED_TOKEN);
  row = candor_test_ui_wait_for_widget (dialog, ADW_TYPE_ACTION_ROW, "title", "Connection");
  g_assert_true (gtk_widget_activate_action (dialog, "channel.test", NULL));
  g_assert_nonnull (candor_test_ui_find_mapped (row, GTK_TYPE_SPINNER, NULL, NULL));
  candor_test_ui_wait_until (test_finished, row);

  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  /* The client's message for a kind it cannot reach, then what to do. */
  g_assert_nonnull (strstr (subtitle, "cannot publish to"));
  g_assert_nonnull (strstr (subtitle, "check the settings and the secret"));
  g_assert_null (strstr (subtitle, PLANTED_TOKEN));
  g_assert_cmpuint (g_list_model_get_n_items (channels), ==, n_before);

  gtk_window_destroy (GTK_WINDOW (dialog));
  candor_test_ui_wait_until (has_no_dialog, NULL);
  candor_test_ui_close_and_wait_for_finalize (window);
}

/* The Test Connection row once the test against @token has ended. */
static GtkWidget *
test_slack_token (GtkWidget *dialog, const char *token)
{
  GtkWidget *row =
    candor_test_ui_wait_for_widget (dialog, ADW_TYPE_ACTION_ROW, "title", "Connection");

  set_row_text (dialog, ADW_TYPE_PASSWORD_ENTRY_ROW, "S_ecret", token);
  g_assert_true (gtk_widget_activate_action (dialog, "channel.test", NULL));
  candor_test_ui_wait_until (test_finished, row);

  return row;
}

/* Against a fake of Slack's Web API: the right bot token is a success, a
 * refused one shows Slack's own error word. */
static void
test_preferences_test_connection_against_slack (void)
{
  CandorSession *session = open_session ();
  GtkWidget     *window = open_preferences (session, "channels");
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorFakeSlack) fake = candor_fake_slack_new (NULL, "xoxb-right", "C0STATUS", &error);
  g_autofree char         *api_url = NULL;
  GtkWidget               *dialog;
  GtkWidget               *row;
  guint                    n_kinds;
  const CandorChannelKind *kinds = candor_channel_kind_get_all (&n_kinds);

  g_assert_no_error (error);
  api_url = g_strconcat (candor_fake_server_get_url (CANDOR_FAKE_SERVER (fake)), "/api/", NULL);

  g_assert_true (gtk_widget_activate_action (
    candor_test_ui_wait_for_widget (window, ADW_TYPE_PREFERENCES_PAGE, "name", "channels"),
    "channels.add", NULL));
  dialog = wait_for_dialog ();
  for (guint i = 0; i < n_kinds; i++)
    {
      if (g_str_equal (kinds[i].nick, "slack"))
        adw_combo_row_set_selected (ADW_COMBO_ROW (candor_test_ui_wait_for_widget (
                                      dialog, ADW_TYPE_COMBO_ROW, "title", "_Kind")),
                                    i);
    }
  set_row_text (dialog, ADW_TYPE_ENTRY_ROW, "_Name", "Status channel");
  set_row_text (dialog, ADW_TYPE_ENTRY_ROW, "_Channel", "C0STATUS");
  set_row_text (dialog, ADW_TYPE_ENTRY_ROW, "_API Address", api_url);

  row = test_slack_token (dialog, "xoxb-right");
  g_assert_true (gtk_widget_has_css_class (row, "success"));

  row = test_slack_token (dialog, "xoxb-wrong");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "invalid_auth"));
  g_assert_null (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "xoxb-wrong"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  candor_test_ui_wait_until (has_no_dialog, NULL);
  candor_test_ui_close_and_wait_for_finalize (window);
}

/* The static site's folder: an entry to type it, with a button that opens
 * the folder chooser (not pressed here: it would open a portal dialog). */
static void
test_preferences_static_site_folder (void)
{
  CandorSession           *session = open_session ();
  GtkWidget               *window = open_preferences (session, "channels");
  GtkWidget               *dialog;
  GtkWidget               *row;
  GtkWidget               *button;
  CandorChannel           *channel;
  guint                    n_kinds;
  const CandorChannelKind *kinds = candor_channel_kind_get_all (&n_kinds);

  g_assert_true (gtk_widget_activate_action (
    candor_test_ui_wait_for_widget (window, ADW_TYPE_PREFERENCES_PAGE, "name", "channels"),
    "channels.add", NULL));
  dialog = wait_for_dialog ();
  for (guint i = 0; i < n_kinds; i++)
    {
      if (g_str_equal (kinds[i].nick, "static-site"))
        adw_combo_row_set_selected (ADW_COMBO_ROW (candor_test_ui_wait_for_widget (
                                      dialog, ADW_TYPE_COMBO_ROW, "title", "_Kind")),
                                    i);
    }
  row = candor_test_ui_wait_for_widget (dialog, ADW_TYPE_ENTRY_ROW, "title", "_Folder");
  button = candor_test_ui_wait_for_widget (row, GTK_TYPE_BUTTON, "tooltip-text", "Choose Folder…");
  g_assert_true (gtk_widget_get_visible (button));
  /* No secret to ask for: the secret row is not on screen. */
  g_assert_null (
    candor_test_ui_find_mapped (dialog, ADW_TYPE_PASSWORD_ENTRY_ROW, "title", "S_ecret"));

  set_row_text (dialog, ADW_TYPE_ENTRY_ROW, "_Name", "Public status");
  set_row_text (dialog, ADW_TYPE_ENTRY_ROW, "_Folder", "/srv/www/status");
  g_assert_true (gtk_widget_activate_action (dialog, "channel.save", NULL));
  candor_test_ui_wait_until (has_no_dialog, NULL);

  channel = find_channel_named (session, "Public status");
  g_assert_nonnull (channel);
  g_assert_cmpstr (candor_channel_get_kind (channel)->nick, ==, "static-site");
  g_assert_cmpstr (candor_channel_get_setting (channel, "folder"), ==, "/srv/www/status");

  candor_test_ui_close_and_wait_for_finalize (window);
}

static void
select_kind (GtkWidget *dialog, const char *nick)
{
  guint                    n_kinds;
  const CandorChannelKind *kinds = candor_channel_kind_get_all (&n_kinds);

  for (guint i = 0; i < n_kinds; i++)
    {
      if (g_str_equal (kinds[i].nick, nick))
        adw_combo_row_set_selected (ADW_COMBO_ROW (candor_test_ui_wait_for_widget (
                                      dialog, ADW_TYPE_COMBO_ROW, "title", "_Kind")),
                                    i);
    }
}

/* The status page kinds offer their settings, say where to find them, and
 * Test Connection reaches a fake of Statuspage's API with the key. */
static void
test_preferences_status_page_channels (void)
{
  CandorSession *session = open_session ();
  GtkWidget     *window = open_preferences (session, "channels");
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorFakeStatuspage) fake =
    candor_fake_statuspage_new (NULL, "right-key", "pg1", NULL, &error);
  GtkWidget     *dialog;
  GtkWidget     *row;
  GtkWidget     *group;
  CandorChannel *channel;

  g_assert_no_error (error);
  g_assert_true (gtk_widget_activate_action (
    candor_test_ui_wait_for_widget (window, ADW_TYPE_PREFERENCES_PAGE, "name", "channels"),
    "channels.add", NULL));
  dialog = wait_for_dialog ();

  select_kind (dialog, "cachet");
  g_assert_nonnull (
    candor_test_ui_wait_for_widget (dialog, ADW_TYPE_ENTRY_ROW, "title", "_Address"));
  g_assert_nonnull (candor_test_ui_wait_for_widget (dialog, ADW_TYPE_ENTRY_ROW, "title",
                                                    "Co_mponent ID (optional)"));
  group = candor_test_ui_wait_for_widget (dialog, ADW_TYPE_PREFERENCES_GROUP, "title", "Settings");
  g_assert_nonnull (
    strstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group)), "API token"));

  select_kind (dialog, "statuspage");
  g_assert_nonnull (
    strstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group)), "API key"));
  set_row_text (dialog, ADW_TYPE_ENTRY_ROW, "_Name", "Statuspage incidents");
  set_row_text (dialog, ADW_TYPE_ENTRY_ROW, "_Page ID", "pg1");
  set_row_text (dialog, ADW_TYPE_ENTRY_ROW, "Co_mponent IDs (comma-separated, optional)", "");
  set_row_text (dialog, ADW_TYPE_ENTRY_ROW, "_API Address",
                candor_fake_server_get_url (CANDOR_FAKE_SERVER (fake)));

  row = test_slack_token (dialog, "wrong-key");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_nonnull (
    strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Could not authenticate"));

  row = test_slack_token (dialog, "right-key");
  g_assert_true (gtk_widget_has_css_class (row, "success"));
  g_assert_cmpuint (candor_fake_server_get_accepted (CANDOR_FAKE_SERVER (fake))->len, ==, 0);

  g_assert_true (gtk_widget_activate_action (dialog, "channel.save", NULL));
  candor_test_ui_wait_until (has_no_dialog, NULL);
  channel = find_channel_named (session, "Statuspage incidents");
  g_assert_nonnull (channel);
  g_assert_cmpstr (candor_channel_get_kind (channel)->nick, ==, "statuspage");
  g_assert_cmpstr (candor_channel_get_setting (channel, "page-id"), ==, "pg1");

  candor_test_ui_close_and_wait_for_finalize (window);
}

static gboolean
audiences_stored (gpointer data)
{
  return candor_audience_list_get_stored (data);
}

/* A channel unticked for an audience is written to the store at once, as a
 * whole set of audiences, and read back from it. */
static void
test_preferences_audience_channels_are_stored (void)
{
  CandorSession      *session = open_session ();
  CandorAudienceList *audiences = candor_session_get_audiences (session);
  CandorAudience     *customers = candor_audience_list_find (audiences, "customers");
  g_autofree char    *first = g_strdup (candor_audience_get_channels (customers)[0]);
  GtkWidget          *window = open_preferences (session, "audiences");
  CandorChannel      *channel =
    candor_channel_list_lookup (candor_session_get_channels (session), first);
  GtkWidget *page;
  GtkWidget *check;
  g_auto (GStrv) ids = NULL;
  g_autofree char *document = NULL;

  g_assert_nonnull (channel);
  page = candor_test_ui_wait_for_widget (window, ADW_TYPE_PREFERENCES_PAGE, "name", "audiences");
  /* The first group is the customers'; its first matching row is theirs. */
  adw_expander_row_set_expanded (
    ADW_EXPANDER_ROW (candor_test_ui_wait_for_widget (page, ADW_TYPE_EXPANDER_ROW, NULL, NULL)),
    TRUE);
  /* Only the customers' channel rows are on screen: theirs is the expanded one. */
  check =
    candor_test_ui_find_mapped (candor_test_ui_wait_for_widget (page, ADW_TYPE_ACTION_ROW, "title",
                                                                candor_channel_get_name (channel)),
                                GTK_TYPE_CHECK_BUTTON, NULL, NULL);
  g_assert_nonnull (check);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
  g_assert_false (candor_audience_has_channel (customers, first));
  candor_test_ui_wait_until (audiences_stored, audiences);

  document = candor_store_get_document (candor_session_get_store (session),
                                        CANDOR_STORE_DOCUMENT_AUDIENCE, "customers", NULL);
  g_assert_nonnull (document);
  g_free (document);
  document = candor_store_get_document (candor_session_get_store (session),
                                        CANDOR_STORE_DOCUMENT_AUDIENCE, "technical", NULL);
  g_assert_nonnull (document);
  candor_audience_list_set_store (audiences, NULL);
  candor_audience_list_set_store (audiences, candor_session_get_store (session));
  candor_test_ui_wait_until (audiences_stored, audiences);
  customers = candor_audience_list_find (audiences, "customers");
  g_assert_false (candor_audience_has_channel (customers, first));

  candor_test_ui_close_and_wait_for_finalize (window);
}

/* The sender typed in Preferences is the From of the email the preview
 * shows, and so of the .eml saved from the same composition. */
static void
test_preferences_sender_reaches_preview (void)
{
  CandorSession   *session = open_session ();
  GtkWidget       *window = open_preferences (session, "messages");
  GSettings       *settings = candor_application_get_settings (app);
  g_autofree char *address = NULL;
  CandorPreview   *preview;

  set_row_text (window, ADW_TYPE_ENTRY_ROW, "_Name", "Acme, Status");
  set_row_text (window, ADW_TYPE_ENTRY_ROW, "_Address", "status@acme.example");
  address = g_settings_get_string (settings, "sender-address");
  g_assert_cmpstr (address, ==, "status@acme.example");

  preview = g_object_ref_sink (g_object_new (CANDOR_TYPE_PREVIEW, NULL));
  g_assert_cmpstr (candor_composition_get_email_from (candor_preview_get_composition (preview)), ==,
                   "\"Acme, Status\" <status@acme.example>");
  g_settings_set_string (settings, "sender-name", "Acme");
  g_assert_cmpstr (candor_composition_get_email_from (candor_preview_get_composition (preview)), ==,
                   "Acme <status@acme.example>");
  g_object_unref (preview);

  g_settings_reset (settings, "sender-name");
  g_settings_reset (settings, "sender-address");
  candor_test_ui_close_and_wait_for_finalize (window);
}

/* .ci/headless unlocks the test keyring with this password. */
#define KEYRING_PASSWORD "candor-test"

static SecretCollection *
get_login_collection (SecretService *service)
{
  g_autoptr (GError) error = NULL;
  SecretCollection *collection = secret_collection_for_alias_sync (
    service, SECRET_COLLECTION_DEFAULT, SECRET_COLLECTION_NONE, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (collection);
  return collection;
}

/* Unlocks the login keyring without a prompt, as the session's login does. */
static void
unlock_with_password (SecretCollection *collection)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_autoptr (GVariant) opened = NULL;
  g_autoptr (GVariant) unlocked = NULL;
  g_autoptr (GVariant) closed = NULL;
  const char *session;

  g_assert_no_error (error);
  opened = g_dbus_connection_call_sync (
    bus, "org.freedesktop.secrets", "/org/freedesktop/secrets", "org.freedesktop.Secret.Service",
    "OpenSession", g_variant_new ("(sv)", "plain", g_variant_new_string ("")),
    G_VARIANT_TYPE ("(vo)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (opened, "(v&o)", NULL, &session);

  unlocked = g_dbus_connection_call_sync (
    bus, "org.freedesktop.secrets", "/org/freedesktop/secrets",
    "org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface", "UnlockWithMasterPassword",
    g_variant_new ("(o(o@ay@ays))", g_dbus_proxy_get_object_path (G_DBUS_PROXY (collection)),
                   session, g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, "", 0, 1),
                   g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, KEYRING_PASSWORD,
                                              strlen (KEYRING_PASSWORD), 1),
                   "text/plain"),
    NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);

  closed = g_dbus_connection_call_sync (bus, "org.freedesktop.secrets", session,
                                        "org.freedesktop.Secret.Session", "Close", NULL, NULL,
                                        G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
}

/* The mapped label styled as an error under @root, or NULL. */
static GtkWidget *
find_error_label (GtkWidget *root)
{
  if (!gtk_widget_get_mapped (root))
    return NULL;
  if (GTK_IS_LABEL (root) && gtk_widget_has_css_class (root, "error"))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_error_label (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
has_error_label (gpointer data)
{
  return find_error_label (data) != NULL;
}

/* With the keyring locked (and no one to unlock it), Save says so in the
 * dialog and nothing is saved: no channel, no document. */
static void
test_preferences_locked_keyring_saves_nothing (void)
{
  CandorSession *session = open_session ();
  GtkWidget     *window = open_preferences (session, "channels");
  GListModel    *channels = G_LIST_MODEL (candor_session_get_channels (session));
  guint          n_before = g_list_model_get_n_items (channels);
  g_autoptr (GError) error = NULL;
  g_autoptr (SecretService) service = secret_service_get_sync (SECRET_SERVICE_NONE, NULL, &error);
  g_autoptr (SecretCollection) login = NULL;
  g_autoptr (GList) objects = NULL;
  g_auto (GStrv) documents = NULL;
  GtkWidget *dialog;
  GtkWidget *label;

  g_assert_no_error (error);
  login = get_login_collection (service);
  objects = g_list_append (NULL, login);
  g_assert_cmpint (secret_service_lock_sync (service, objects, NULL, NULL, &error), ==, 1);
  g_assert_no_error (error);

  g_assert_true (gtk_widget_activate_action (
    candor_test_ui_wait_for_widget (window, ADW_TYPE_PREFERENCES_PAGE, "name", "channels"),
    "channels.add", NULL));
  dialog = wait_for_dialog ();
  set_row_text (dialog, ADW_TYPE_ENTRY_ROW, "_Name", "Locked out");
  set_row_text (dialog, ADW_TYPE_PASSWORD_ENTRY_ROW, "S_ecret", PLANTED_TOKEN);
  g_assert_true (gtk_widget_activate_action (dialog, "channel.save", NULL));

  /* The dialog stays, with the keyring's message and no secret in it. */
  candor_test_ui_wait_until (has_error_label, dialog);
  label = find_error_label (dialog);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), "The keyring is locked"));
  g_assert_null (strstr (gtk_label_get_label (GTK_LABEL (label)), PLANTED_TOKEN));
  g_assert_true (has_dialog (NULL));
  g_assert_cmpuint (g_list_model_get_n_items (channels), ==, n_before);
  g_assert_null (find_channel_named (session, "Locked out"));
  documents = candor_store_list_documents (candor_session_get_store (session),
                                           CANDOR_STORE_DOCUMENT_CHANNEL, &error);
  g_assert_no_error (error);
  for (guint i = 0; documents[i] != NULL; i++)
    {
      g_autofree char *json = candor_store_get_document (
        candor_session_get_store (session), CANDOR_STORE_DOCUMENT_CHANNEL, documents[i], NULL);

      g_assert_null (strstr (json, "Locked out"));
    }
  assert_not_in_database (session, PLANTED_TOKEN);

  unlock_with_password (login);
  gtk_window_destroy (GTK_WINDOW (dialog));
  candor_test_ui_wait_until (has_no_dialog, NULL);
  candor_test_ui_close_and_wait_for_finalize (window);
}

/* Each social kind offers its settings and says where its secret comes
 * from; X takes four keys, all or none, kept as one keyring item. */
static void
test_preferences_social_channels (void)
{
  CandorSession           *session = open_session ();
  GtkWidget               *window = open_preferences (session, "channels");
  GtkWidget               *dialog;
  GtkWidget               *kind_row;
  GtkWidget               *group;
  CandorChannel           *channel;
  guint                    n_kinds;
  const CandorChannelKind *kinds = candor_channel_kind_get_all (&n_kinds);
  g_autofree char         *secret = NULL;
  g_autofree char         *consumer_secret = NULL;

  g_assert_true (gtk_widget_activate_action (
    candor_test_ui_wait_for_widget (window, ADW_TYPE_PREFERENCES_PAGE, "name", "channels"),
    "channels.add", NULL));
  dialog = wait_for_dialog ();
  kind_row = candor_test_ui_wait_for_widget (dialog, ADW_TYPE_COMBO_ROW, "title", "_Kind");
  group = candor_test_ui_wait_for_widget (dialog, ADW_TYPE_PREFERENCES_GROUP, "title", "Secret");

  for (guint i = 0; i < n_kinds; i++)
    {
      if (g_str_equal (kinds[i].nick, "mastodon"))
        {
          adw_combo_row_set_selected (ADW_COMBO_ROW (kind_row), i);
          candor_test_ui_wait_for_widget (dialog, ADW_TYPE_ENTRY_ROW, "title",
                                          "_Instance (https://mastodon.social)");
          candor_test_ui_wait_for_widget (dialog, ADW_TYPE_ENTRY_ROW, "title",
                                          "_Visibility (public, unlisted, private or direct)");
          g_assert_nonnull (
            strstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group)),
                    "write:statuses"));
        }
      else if (g_str_equal (kinds[i].nick, "bluesky"))
        {
          adw_combo_row_set_selected (ADW_COMBO_ROW (kind_row), i);
          candor_test_ui_wait_for_widget (dialog, ADW_TYPE_ENTRY_ROW, "title",
                                          "_Handle (name.bsky.social)");
          g_assert_nonnull (strstr (
            adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group)), "app password"));
        }
    }
  for (guint i = 0; i < n_kinds; i++)
    if (g_str_equal (kinds[i].nick, "x"))
      adw_combo_row_set_selected (ADW_COMBO_ROW (kind_row), i);
  g_assert_nonnull (strstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group)),
                            "your own developer app"));
  g_assert_null (
    candor_test_ui_find_mapped (dialog, ADW_TYPE_PASSWORD_ENTRY_ROW, "title", "S_ecret"));

  /* Some keys only: said, nothing saved. */
  set_row_text (dialog, ADW_TYPE_ENTRY_ROW, "_Name", "Status on X");
  set_row_text (dialog, ADW_TYPE_PASSWORD_ENTRY_ROW, "API _Key", "ck");
  g_assert_true (gtk_widget_activate_action (dialog, "channel.save", NULL));
  g_assert_nonnull (candor_test_ui_find_mapped (
    dialog, GTK_TYPE_LABEL, "label", "Enter all four keys, or none to keep the stored ones."));
  g_assert_null (find_channel_named (session, "Status on X"));

  set_row_text (dialog, ADW_TYPE_PASSWORD_ENTRY_ROW, "API Key _Secret", PLANTED_TOKEN);
  set_row_text (dialog, ADW_TYPE_PASSWORD_ENTRY_ROW, "_Access Token", "at");
  set_row_text (dialog, ADW_TYPE_PASSWORD_ENTRY_ROW, "Access Token S_ecret", "ats");
  g_assert_true (gtk_widget_activate_action (dialog, "channel.save", NULL));
  candor_test_ui_wait_until (has_no_dialog, NULL);

  channel = find_channel_named (session, "Status on X");
  g_assert_nonnull (channel);
  secret = keyring_secret (candor_channel_get_id (channel));
  consumer_secret = candor_secrets_get_part (secret, "consumer_secret");
  g_assert_cmpstr (consumer_secret, ==, PLANTED_TOKEN);
  assert_not_in_database (session, PLANTED_TOKEN);

  candor_test_ui_close_and_wait_for_finalize (window);
}

int
main (int argc, char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);

  app = candor_test_ui_new_app ();

  g_test_add_func ("/ui/preferences/channel-secret-lives-in-keyring",
                   test_preferences_channel_secret_lives_in_keyring);
  g_test_add_func ("/ui/preferences/social-channels", test_preferences_social_channels);
  g_test_add_func ("/ui/preferences/test-connection-shows-refusal",
                   test_preferences_test_connection_shows_refusal);
  g_test_add_func ("/ui/preferences/test-connection-against-slack",
                   test_preferences_test_connection_against_slack);
  g_test_add_func ("/ui/preferences/static-site-folder", test_preferences_static_site_folder);
  g_test_add_func ("/ui/preferences/status-page-channels", test_preferences_status_page_channels);
  g_test_add_func ("/ui/preferences/audience-channels-are-stored",
                   test_preferences_audience_channels_are_stored);
  g_test_add_func ("/ui/preferences/sender-reaches-preview",
                   test_preferences_sender_reaches_preview);
  /* Last: it locks the keyring, and unlocks it again only once it passed. */
  g_test_add_func ("/ui/preferences/locked-keyring-saves-nothing",
                   test_preferences_locked_keyring_saves_nothing);

  status = g_test_run ();

  g_clear_object (&app);

  return status;
}
