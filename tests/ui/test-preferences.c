/* test-preferences.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "candor-application.h"
#include "candor-channel-dialog.h"
#include "candor-preferences-window.h"
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

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);

  app = candor_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/ui/preferences/channel-secret-lives-in-keyring",
                   test_preferences_channel_secret_lives_in_keyring);

  status = g_test_run ();

  g_clear_object (&app);

  return status;
}
