/* candor-channels-page.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-channels-page"

#include "config.h"

#include <glib/gi18n.h>

#include "candor-channel-dialog.h"
#include "candor-channels-page.h"

/* The session's configured channels, one row each: its name, its kind and
 * where it goes (never its secret), with Edit and Remove. */
struct _CandorChannelsPage
{
  AdwPreferencesPage parent_instance;

  GtkListBox *list_box;

  CandorSession *session;
  GCancellable  *cancellable;
};

G_DEFINE_FINAL_TYPE (CandorChannelsPage, candor_channels_page, ADW_TYPE_PREFERENCES_PAGE)

enum
{
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_toast (CandorChannelsPage *self, const char *title)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (title));
}

static void
open_dialog (CandorChannelsPage *self, CandorChannel *channel)
{
  CandorChannelDialog *dialog = candor_channel_dialog_new (self->session, channel);

  gtk_window_set_transient_for (GTK_WINDOW (dialog),
                                GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_removed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (CandorChannelsPage) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!candor_channel_list_remove_finish (CANDOR_CHANNEL_LIST (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Translators: %s is why, e.g. the keyring is locked. */
      g_autofree char *title =
        g_strdup_printf (_("The channel was not removed: %s"), error->message);

      show_toast (self, title);
    }
}

static void
on_remove_response_cb (AdwMessageDialog *dialog, const char *response, CandorChannelsPage *self)
{
  CandorChannel *channel = g_object_get_data (G_OBJECT (dialog), "channel");

  if (!g_str_equal (response, "remove"))
    return;

  candor_channel_list_remove_async (candor_session_get_channels (self->session),
                                    candor_channel_get_id (channel), self->cancellable,
                                    on_removed_cb, g_object_ref (self));
}

static void
on_remove_clicked_cb (GtkButton *button, CandorChannelsPage *self)
{
  CandorChannel *channel = g_object_get_data (G_OBJECT (button), "channel");
  GtkWidget     *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Remove Channel?"), NULL);
  adw_message_dialog_format_body (
    ADW_MESSAGE_DIALOG (dialog),
    /* Translators: %s is the channel's name. */
    _("“%s” and its secret in the keyring will be removed. Messages already sent stay in the "
      "history."),
       candor_channel_get_name (channel));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel",
                                    _("_Cancel"), "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "channel", g_object_ref (channel), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_row_activated_cb (AdwActionRow *row, CandorChannelsPage *self)
{
  open_dialog (self, g_object_get_data (G_OBJECT (row), "channel"));
}

/* "Email · ops@example.com": the kind, then the first setting that says
 * where the messages go. */
static char *
describe_target (CandorChannel *channel)
{
  const CandorChannelKind *kind = candor_channel_get_kind (channel);

  for (guint i = 0; kind->settings[i] != NULL; i++)
    {
      const char *value = candor_channel_get_setting (channel, kind->settings[i]);

      if (value != NULL && *value != '\0')
        return g_strdup_printf ("%s · %s", candor_channel_kind_get_label (kind), value);
    }

  return g_strdup (candor_channel_kind_get_label (kind));
}

static GtkWidget *
create_row (gpointer item, gpointer user_data)
{
  CandorChannelsPage *self = user_data;
  CandorChannel      *channel = item;
  GtkWidget          *row = adw_action_row_new ();
  GtkWidget          *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GtkWidget          *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
  g_autofree char    *subtitle = describe_target (channel);
  g_autofree char    *remove_label = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), candor_channel_get_name (channel));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, _("Edit"));

  /* Translators: %s is the channel's name. */
  remove_label = g_strdup_printf (_("Remove “%s”"), candor_channel_get_name (channel));
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_label, -1);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  g_object_set_data_full (G_OBJECT (remove), "channel", g_object_ref (channel), g_object_unref);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (on_remove_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);

  g_object_set_data_full (G_OBJECT (row), "channel", g_object_ref (channel), g_object_unref);
  g_signal_connect_object (row, "activated", G_CALLBACK (on_row_activated_cb), self, 0);

  return row;
}

static void
add_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  open_dialog (CANDOR_CHANNELS_PAGE (widget), NULL);
}

static void
candor_channels_page_constructed (GObject *object)
{
  CandorChannelsPage *self = CANDOR_CHANNELS_PAGE (object);

  G_OBJECT_CLASS (candor_channels_page_parent_class)->constructed (object);

  gtk_list_box_bind_model (self->list_box,
                           G_LIST_MODEL (candor_session_get_channels (self->session)), create_row,
                           self, NULL);
}

static void
candor_channels_page_dispose (GObject *object)
{
  CandorChannelsPage *self = CANDOR_CHANNELS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CANDOR_TYPE_CHANNELS_PAGE);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (candor_channels_page_parent_class)->dispose (object);
}

static void
candor_channels_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CandorChannelsPage *self = CANDOR_CHANNELS_PAGE (object);

  switch (prop_id)
    {
      case PROP_SESSION:
        self->session = g_value_dup_object (value);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_channels_page_class_init (CandorChannelsPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = candor_channels_page_constructed;
  object_class->dispose = candor_channels_page_dispose;
  object_class->set_property = candor_channels_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CANDOR_TYPE_SESSION,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/candor/Candor/candor-channels-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CandorChannelsPage, list_box);
  gtk_widget_class_install_action (widget_class, "channels.add", NULL, add_action);
}

static void
candor_channels_page_init (CandorChannelsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
}

CandorChannelsPage *
candor_channels_page_new (CandorSession *session)
{
  g_return_val_if_fail (CANDOR_IS_SESSION (session), NULL);

  return g_object_new (CANDOR_TYPE_CHANNELS_PAGE, "session", session, NULL);
}
