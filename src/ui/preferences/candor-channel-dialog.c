/* candor-channel-dialog.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-channel-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "candor-languages.h"
#include "candor-channel-dialog.h"
#include "candor-channel-kind.h"
#include "candor-secrets.h"
#include "candor-x-client.h"

/* One channel's name, its kind's settings and its secret. The secret row is
 * never filled in with the stored secret: left empty, Save keeps it. Nothing
 * is saved half: the channel list writes the secret to the keyring first and
 * the channel only once that worked, and an error leaves the dialog open
 * with what went wrong. */
struct _CandorChannelDialog
{
  AdwWindow parent_instance;

  AdwWindowTitle      *window_title;
  AdwPreferencesGroup *error_group;
  GtkLabel            *error_label;
  AdwComboRow         *kind_row;
  AdwEntryRow         *name_row;
  AdwComboRow         *language_row;
  AdwPreferencesGroup *settings_group;
  AdwPreferencesGroup *secret_group;
  AdwPasswordEntryRow *secret_row;
  char                *secret_description; /* the .ui's, for kinds without their own */
  AdwActionRow        *test_row;
  GtkSpinner          *test_spinner;

  CandorSession *session;
  /* NULL while adding: the kind row is the chooser then. */
  CandorChannel *channel;
  GPtrArray     *setting_rows;
  GPtrArray     *secret_part_rows; /* for a secret of several parts, else empty */
  GCancellable  *cancellable;
};

G_DEFINE_FINAL_TYPE (CandorChannelDialog, candor_channel_dialog, ADW_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_SESSION,
  PROP_CHANNEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What a setting key is called on screen; a key missing here shows as itself. */
/* clang-format off */
static const struct
{
  const char *key;
  const char *label;
} setting_labels[] = {
  { "host",       N_ ("Mail _Server") },
  { "port",       N_ ("_Port") },
  { "security",   N_ ("_Encryption (starttls, tls or none)") },
  { "username",   N_ ("_User Name") },
  { "from",       N_ ("_From") },
  { "to",         N_ ("_To") },
  { "bcc",        N_ ("_Bcc") },
  { "channel",    N_ ("_Channel") },
  { "api_url",    N_ ("_API Address") },
  { "api-url",    N_ ("_API Address") },
  { "guild_id",   N_ ("_Server ID") },
  { "thread_id",  N_ ("_Thread ID") },
  { "homeserver", N_ ("_Homeserver") },
  { "room-id",    N_ ("_Room ID") },
  { "chat-id",    N_ ("C_hat ID") },
  { "url",        N_ ("_Address") },
  { "folder",     N_ ("_Folder") },
  { "instance",   N_ ("_Instance (https://mastodon.social)") },
  { "visibility", N_ ("_Visibility (public, unlisted, private or direct)") },
  { "pds",        N_ ("_Server (empty for bsky.social)") },
  { "handle",     N_ ("_Handle (name.bsky.social)") },
  { "page-id",       N_ ("_Page ID") },
  { "component-ids", N_ ("Co_mponent IDs (comma-separated, optional)") },
  { "base-url",      N_ ("_Address") },
  { "component-id",  N_ ("Co_mponent ID (optional)") },
};

/* Where a kind's secret comes from, when it needs saying, and the parts of a
 * secret of several strings, kept as one keyring item
 * (candor_secrets_join_parts ()). */
static const char *const x_secret_parts[] = {
  CANDOR_X_SECRET_CONSUMER_KEY, CANDOR_X_SECRET_CONSUMER_SECRET,
  CANDOR_X_SECRET_ACCESS_TOKEN, CANDOR_X_SECRET_ACCESS_TOKEN_SECRET, NULL,
};
static const char *const x_secret_labels[] = {
  N_ ("API _Key"), N_ ("API Key _Secret"), N_ ("_Access Token"), N_ ("Access Token S_ecret"), NULL,
};

static const struct
{
  const char        *kind;
  const char        *description;
  const char *const *parts;
  const char *const *labels;
} secret_help[] = {
  { "mastodon", N_ ("The access token of an application made in your account’s Preferences → "
                    "Development, with the write:statuses scope. It is kept in the system "
                    "keyring, never in Candor’s files."), NULL, NULL },
  { "bluesky", N_ ("An app password made in Bluesky’s Settings → Privacy and Security → App "
                   "Passwords, not your account’s password. It is kept in the system keyring, "
                   "never in Candor’s files."), NULL, NULL },
  { "x", N_ ("X needs your own developer app: create one at developer.x.com with Read and "
             "Write permission, then enter its API key and secret and your access token and "
             "secret. They are kept in the system keyring, never in Candor’s files."),
    x_secret_parts, x_secret_labels },
};

/* Where a kind's settings and secret are found, when that is not obvious. */
static const struct
{
  const char *kind;
  const char *description;
} kind_descriptions[] = {
  { "statuspage",
    N_ ("The page ID and the component IDs are listed on the API info page of your Statuspage "
        "account. The secret is an API key from the same page.") },
  { "cachet",
    N_ ("The address of your Cachet status page, such as https://status.example.com. The secret "
        "is the API token of a Cachet team member.") },
};
/* clang-format on */

static const char *
setting_label (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (setting_labels); i++)
    {
      if (g_str_equal (setting_labels[i].key, key))
        return _(setting_labels[i].label);
    }

  return key;
}

static const char *
kind_description (const CandorChannelKind *kind)
{
  for (guint i = 0; kind != NULL && i < G_N_ELEMENTS (kind_descriptions); i++)
    {
      if (g_str_equal (kind_descriptions[i].kind, kind->nick))
        return _(kind_descriptions[i].description);
    }

  return NULL;
}

static const CandorChannelKind *
get_selected_kind (CandorChannelDialog *self)
{
  guint                    n_kinds;
  const CandorChannelKind *kinds = candor_channel_kind_get_all (&n_kinds);
  guint                    selected = adw_combo_row_get_selected (self->kind_row);

  return selected < n_kinds ? &kinds[selected] : NULL;
}

static void
show_error (CandorChannelDialog *self, const char *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_group), message != NULL);
}

static void
on_folder_chosen_cb (GtkNativeDialog *chooser, int response, gpointer user_data)
{
  g_autoptr (GtkWidget) row = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = folder != NULL ? g_file_get_path (folder) : NULL;

      if (path != NULL)
        gtk_editable_set_text (GTK_EDITABLE (row), path);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

/* GtkFileDialog is GTK 4.10; the native chooser uses the portal where there is one. */
static void
on_choose_folder_clicked_cb (GtkButton *button, GtkWidget *row)
{
  GtkNative            *native = gtk_widget_get_native (row);
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (
    _("Choose the Site’s Folder"), GTK_IS_WINDOW (native) ? GTK_WINDOW (native) : NULL,
       GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Select"), _("_Cancel"));
  const char *current = gtk_editable_get_text (GTK_EDITABLE (row));

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_create_folders (GTK_FILE_CHOOSER (chooser), TRUE);
  if (g_path_is_absolute (current))
    {
      g_autoptr (GFile) folder = g_file_new_for_path (current);

      gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  g_signal_connect (chooser, "response", G_CALLBACK (on_folder_chosen_cb), g_object_ref (row));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* A folder setting is typed or chosen: the row keeps the path as text. */
static void
add_folder_button (GtkWidget *row)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("folder-open-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Choose Folder…"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Choose Folder…"), -1);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_choose_folder_clicked_cb), row, 0);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);
}

static void
build_setting_rows (CandorChannelDialog *self)
{
  const CandorChannelKind *kind = get_selected_kind (self);

  for (guint i = 0; i < self->setting_rows->len; i++)
    adw_preferences_group_remove (self->settings_group, g_ptr_array_index (self->setting_rows, i));
  g_ptr_array_set_size (self->setting_rows, 0);

  for (guint i = 0; kind != NULL && kind->settings[i] != NULL; i++)
    {
      GtkWidget  *row = adw_entry_row_new ();
      const char *value = self->channel != NULL
                            ? candor_channel_get_setting (self->channel, kind->settings[i])
                            : NULL;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), setting_label (kind->settings[i]));
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
      gtk_editable_set_text (GTK_EDITABLE (row), value != NULL ? value : "");
      g_object_set_data_full (G_OBJECT (row), "key", g_strdup (kind->settings[i]), g_free);
      if (g_str_equal (kind->settings[i], "folder"))
        add_folder_button (row);
      adw_preferences_group_add (self->settings_group, row);
      g_ptr_array_add (self->setting_rows, row);
    }
  adw_preferences_group_set_description (self->settings_group, kind_description (kind));
  gtk_widget_set_visible (GTK_WIDGET (self->settings_group), self->setting_rows->len > 0);
  /* The static site is a folder on this computer: nothing to keep secret. */
  gtk_widget_set_visible (GTK_WIDGET (self->secret_group),
                          kind == NULL || !g_str_equal (kind->nick, "static-site"));
}

static void
build_secret_rows (CandorChannelDialog *self)
{
  const CandorChannelKind *kind = get_selected_kind (self);
  const char              *description = self->secret_description;
  const char *const       *parts = NULL;
  const char *const       *labels = NULL;
  g_autofree char         *text = NULL;

  for (guint i = 0; i < self->secret_part_rows->len; i++)
    adw_preferences_group_remove (self->secret_group,
                                  g_ptr_array_index (self->secret_part_rows, i));
  g_ptr_array_set_size (self->secret_part_rows, 0);

  for (guint i = 0; kind != NULL && i < G_N_ELEMENTS (secret_help); i++)
    {
      if (g_str_equal (secret_help[i].kind, kind->nick))
        {
          description = _(secret_help[i].description);
          parts = secret_help[i].parts;
          labels = secret_help[i].labels;
        }
    }

  for (guint i = 0; parts != NULL && parts[i] != NULL; i++)
    {
      GtkWidget *row = adw_password_entry_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(labels[i]));
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "part", (gpointer)parts[i]);
      adw_preferences_group_add (self->secret_group, row);
      g_ptr_array_add (self->secret_part_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->secret_row), parts == NULL);

  /* Editing, an empty secret keeps the stored one. */
  if (self->channel != NULL)
    text = g_strconcat (description, " ", _("Leave it empty to keep the stored one."), NULL);
  adw_preferences_group_set_description (self->secret_group, text != NULL ? text : description);
}

static void
on_kind_selected_cb (CandorChannelDialog *self, GParamSpec *pspec, AdwComboRow *row)
{
  build_setting_rows (self);
  build_secret_rows (self);
}

/* The channel as the rows say, or NULL with @error set. */
static CandorChannel *
channel_from_rows (CandorChannelDialog *self, GError **error)
{
  const CandorChannelKind *kind = get_selected_kind (self);
  g_autofree char         *name =
    g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  g_autofree char *id = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autoptr (CandorChannel) channel = NULL;

  if (*name == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Give the channel a name people recognise."));
      return NULL;
    }

  /* A new channel's id stays with it for good: audiences and sent messages
   * point to it, and the keyring finds its secret by it. */
  id = self->channel != NULL ? g_strdup (candor_channel_get_id (self->channel))
                             : g_strdup_printf ("%s-%s", kind->nick, uuid);
  channel = candor_channel_new (id, kind->nick, name);
  candor_channel_set_language (
    channel, candor_languages_get_choice (adw_combo_row_get_selected (self->language_row)));

  for (guint i = 0; i < self->setting_rows->len; i++)
    {
      GtkWidget       *row = g_ptr_array_index (self->setting_rows, i);
      g_autofree char *value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

      if (*value != '\0' && !candor_channel_set_setting (
                              channel, g_object_get_data (G_OBJECT (row), "key"), value, error))
        return NULL;
    }

  return g_steal_pointer (&channel);
}

/* The secret the rows say, or NULL to keep the stored one; NULL and @error
 * when only some parts of a secret of several are filled in. */
static char *
get_secret (CandorChannelDialog *self, GError **error)
{
  const char *secret = gtk_editable_get_text (GTK_EDITABLE (self->secret_row));
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  g_autoptr (GPtrArray) values = g_ptr_array_new ();

  /* The static site is a folder on this computer: nothing to keep secret. */
  if (!gtk_widget_get_visible (GTK_WIDGET (self->secret_group)))
    return NULL;
  if (self->secret_part_rows->len == 0)
    return *secret != '\0' ? g_strdup (secret) : NULL;

  for (guint i = 0; i < self->secret_part_rows->len; i++)
    {
      GObject    *row = g_ptr_array_index (self->secret_part_rows, i);
      const char *value = gtk_editable_get_text (GTK_EDITABLE (row));

      if (*value != '\0')
        {
          g_ptr_array_add (names, g_object_get_data (row, "part"));
          g_ptr_array_add (values, (gpointer)value);
        }
    }

  if (values->len == 0)
    return NULL;
  if (values->len < self->secret_part_rows->len)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Enter all four keys, or none to keep the stored ones."));
      return NULL;
    }

  g_ptr_array_add (names, NULL);
  g_ptr_array_add (values, NULL);
  return candor_secrets_join_parts ((const char *const *)names->pdata,
                                    (const char *const *)values->pdata);
}

static void
wipe_secret (char *secret)
{
  if (secret != NULL)
    memset (secret, 0, strlen (secret));
  g_free (secret);
}

static void
set_busy (CandorChannelDialog *self, gboolean busy)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "channel.save", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "channel.test", !busy);
}

static void
on_saved_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (CandorChannelDialog) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!candor_channel_list_save_finish (CANDOR_CHANNEL_LIST (source), result, &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      set_busy (self, FALSE);
      /* Translators: %s is why, e.g. the keyring is locked. */
      message = g_strdup_printf (_("The channel was not saved: %s"), error->message);
      show_error (self, message);
      return;
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CandorChannelDialog *self = CANDOR_CHANNEL_DIALOG (widget);
  g_autoptr (CandorChannel) channel = NULL;
  g_autoptr (GError) error = NULL;
  char *secret;

  if ((channel = channel_from_rows (self, &error)) == NULL)
    {
      show_error (self, error->message);
      return;
    }
  secret = get_secret (self, &error);
  if (error != NULL)
    {
      show_error (self, error->message);
      return;
    }

  show_error (self, NULL);
  set_busy (self, TRUE);
  /* The keyring's request holds its own copy of the secret. */
  candor_channel_list_save_async (candor_session_get_channels (self->session), channel, secret,
                                  self->cancellable, on_saved_cb, g_object_ref (self));
  wipe_secret (secret);
}

static void
on_tested_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (CandorChannelDialog) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!candor_session_test_channel_finish (CANDOR_SESSION (source), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  gtk_spinner_stop (self->test_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->test_spinner), FALSE);

  if (error == NULL)
    {
      adw_action_row_set_subtitle (self->test_row,
                                   _("Connected: the service accepted the settings"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->test_row), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->test_row), "success");
    }
  else
    {
      /* The service's own words, then what to do about them. */
      g_autofree char *subtitle =
        /* Translators: %s is the service's own error message. */
        g_strdup_printf (_("%s — check the settings and the secret, then test again"),
                            error->message);

      adw_action_row_set_subtitle (self->test_row, subtitle);
      gtk_widget_remove_css_class (GTK_WIDGET (self->test_row), "success");
      gtk_widget_add_css_class (GTK_WIDGET (self->test_row), "error");
    }
}

static void
test_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CandorChannelDialog *self = CANDOR_CHANNEL_DIALOG (widget);
  g_autoptr (CandorChannel) channel = NULL;
  g_autoptr (GError) error = NULL;
  char *secret;

  if ((channel = channel_from_rows (self, &error)) == NULL)
    {
      show_error (self, error->message);
      return;
    }
  secret = get_secret (self, &error);
  if (error != NULL)
    {
      show_error (self, error->message);
      return;
    }

  show_error (self, NULL);
  set_busy (self, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->test_spinner), TRUE);
  gtk_spinner_start (self->test_spinner);
  adw_action_row_set_subtitle (self->test_row, _("Testing…"));
  gtk_widget_remove_css_class (GTK_WIDGET (self->test_row), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->test_row), "error");
  /* The client made for the test holds its own copy of the secret. */
  candor_session_test_channel_async (self->session, channel, secret, self->cancellable,
                                     on_tested_cb, g_object_ref (self));
  wipe_secret (secret);
}

static void
candor_channel_dialog_constructed (GObject *object)
{
  CandorChannelDialog *self = CANDOR_CHANNEL_DIALOG (object);
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr (GListModel) languages = candor_languages_new_choice_model (_("Same as the audience"));
  guint                    n_kinds;
  const CandorChannelKind *kinds = candor_channel_kind_get_all (&n_kinds);

  G_OBJECT_CLASS (candor_channel_dialog_parent_class)->constructed (object);

  for (guint i = 0; i < n_kinds; i++)
    gtk_string_list_append (labels, candor_channel_kind_get_label (&kinds[i]));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (labels));
  adw_combo_row_set_model (self->language_row, languages);

  if (self->channel != NULL)
    {
      for (guint i = 0; i < n_kinds; i++)
        {
          if (candor_channel_get_kind (self->channel) == &kinds[i])
            adw_combo_row_set_selected (self->kind_row, i);
        }
      /* A channel's kind is what its id, its secret and its messages were made for. */
      gtk_widget_set_sensitive (GTK_WIDGET (self->kind_row), FALSE);
      gtk_editable_set_text (GTK_EDITABLE (self->name_row),
                             candor_channel_get_name (self->channel));
      adw_combo_row_set_selected (
        self->language_row,
        candor_languages_get_choice_position (candor_channel_get_language (self->channel)));
      adw_window_title_set_title (self->window_title, _("Edit Channel"));
    }
  else
    adw_window_title_set_title (self->window_title, _("Add Channel"));

  g_signal_connect_object (self->kind_row, "notify::selected", G_CALLBACK (on_kind_selected_cb),
                           self, G_CONNECT_SWAPPED);
  build_setting_rows (self);
  build_secret_rows (self);
}

static void
candor_channel_dialog_dispose (GObject *object)
{
  CandorChannelDialog *self = CANDOR_CHANNEL_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->channel);
  g_clear_pointer (&self->setting_rows, g_ptr_array_unref);
  g_clear_pointer (&self->secret_part_rows, g_ptr_array_unref);
  g_clear_pointer (&self->secret_description, g_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), CANDOR_TYPE_CHANNEL_DIALOG);

  G_OBJECT_CLASS (candor_channel_dialog_parent_class)->dispose (object);
}

static void
candor_channel_dialog_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CandorChannelDialog *self = CANDOR_CHANNEL_DIALOG (object);

  switch (prop_id)
    {
      case PROP_SESSION:
        self->session = g_value_dup_object (value);
        break;

      case PROP_CHANNEL:
        self->channel = g_value_get_object (value) != NULL
                          ? candor_channel_copy (g_value_get_object (value))
                          : NULL;
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_channel_dialog_class_init (CandorChannelDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = candor_channel_dialog_constructed;
  object_class->dispose = candor_channel_dialog_dispose;
  object_class->set_property = candor_channel_dialog_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CANDOR_TYPE_SESSION,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CHANNEL] =
    g_param_spec_object ("channel", NULL, NULL, CANDOR_TYPE_CHANNEL,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/candor/Candor/candor-channel-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CandorChannelDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, CandorChannelDialog, error_group);
  gtk_widget_class_bind_template_child (widget_class, CandorChannelDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, CandorChannelDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, CandorChannelDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, CandorChannelDialog, language_row);
  gtk_widget_class_bind_template_child (widget_class, CandorChannelDialog, settings_group);
  gtk_widget_class_bind_template_child (widget_class, CandorChannelDialog, secret_group);
  gtk_widget_class_bind_template_child (widget_class, CandorChannelDialog, secret_row);
  gtk_widget_class_bind_template_child (widget_class, CandorChannelDialog, test_row);
  gtk_widget_class_bind_template_child (widget_class, CandorChannelDialog, test_spinner);

  gtk_widget_class_install_action (widget_class, "channel.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "channel.test", NULL, test_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
candor_channel_dialog_init (CandorChannelDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->setting_rows = g_ptr_array_new ();
  self->secret_part_rows = g_ptr_array_new ();
  self->secret_description = g_strdup (adw_preferences_group_get_description (self->secret_group));
  self->cancellable = g_cancellable_new ();
}

CandorChannelDialog *
candor_channel_dialog_new (CandorSession *session, CandorChannel *channel)
{
  g_return_val_if_fail (CANDOR_IS_SESSION (session), NULL);
  g_return_val_if_fail (channel == NULL || CANDOR_IS_CHANNEL (channel), NULL);

  return g_object_new (CANDOR_TYPE_CHANNEL_DIALOG, "session", session, "channel", channel, NULL);
}
