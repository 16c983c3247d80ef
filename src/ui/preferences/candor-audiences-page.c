/* candor-audiences-page.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-audiences-page"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "candor-audiences-page.h"
#include "candor-channel.h"
#include "candor-languages.h"
#include "candor-time-zones.h"

/* One group per audience of the session's list: the channels that reach it,
 * its time zones and office hours. Every change is written back at once,
 * through the list, so the next draft already uses it. */
struct _CandorAudiencesPage
{
  AdwPreferencesPage parent_instance;

  CandorSession *session;
  GPtrArray     *groups;
  GCancellable  *cancellable;
  /* While the rows are filled in, their signals are not the user's edits. */
  gboolean building;
};

G_DEFINE_FINAL_TYPE (CandorAudiencesPage, candor_audiences_page, ADW_TYPE_PREFERENCES_PAGE)

enum
{
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_toast (CandorAudiencesPage *self, const char *title)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (title));
}

static void
on_saved_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (CandorAudiencesPage) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!candor_audience_list_save_finish (CANDOR_AUDIENCE_LIST (source), result, &error))
    {
      g_autofree char *title = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      /* Translators: %s is why the audiences could not be saved. */
      title = g_strdup_printf (_("Could not save the audiences: %s"), error->message);
      show_toast (self, title);
    }
}

static void
save (CandorAudiencesPage *self)
{
  candor_audience_list_save_async (candor_session_get_audiences (self->session), self->cancellable,
                                   on_saved_cb, g_object_ref (self));
}

static void
set_reach_subtitle (CandorAudiencesPage *self, AdwExpanderRow *row, CandorAudience *audience)
{
  g_autofree char *subtitle = NULL;
  guint            n_reaching = 0;

  GListModel *channels = G_LIST_MODEL (candor_session_get_channels (self->session));

  for (guint i = 0; i < g_list_model_get_n_items (channels); i++)
    {
      g_autoptr (CandorChannel) channel = g_list_model_get_item (channels, i);

      n_reaching += candor_audience_has_channel (audience, candor_channel_get_id (channel));
    }

  if (n_reaching == 0)
    subtitle = g_strdup (_("No channel reaches this audience"));
  else
    /* Translators: how many channels reach an audience. */
    subtitle = g_strdup_printf (
      ngettext ("Reached through %u channel", "Reached through %u channels", n_reaching),
      n_reaching);
  adw_expander_row_set_subtitle (row, subtitle);
}

static void
on_channel_toggled_cb (GtkCheckButton *check, CandorAudiencesPage *self)
{
  CandorAudience    *audience = g_object_get_data (G_OBJECT (check), "audience");
  const char        *channel_id = g_object_get_data (G_OBJECT (check), "channel-id");
  const char *const *old_ids = candor_audience_get_channels (audience);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) ids = NULL;

  if (self->building)
    return;

  /* The audience's order is kept; a channel added goes last. */
  for (guint i = 0; old_ids[i] != NULL; i++)
    {
      if (!g_str_equal (old_ids[i], channel_id))
        g_strv_builder_add (builder, old_ids[i]);
    }
  if (gtk_check_button_get_active (check))
    g_strv_builder_add (builder, channel_id);

  ids = g_strv_builder_end (builder);
  candor_audience_set_channels (audience, (const char *const *)ids);
  set_reach_subtitle (self, g_object_get_data (G_OBJECT (check), "expander"), audience);
  save (self);
}

static void
on_language_selected_cb (AdwComboRow *row, GParamSpec *pspec, CandorAudiencesPage *self)
{
  CandorAudience *audience = g_object_get_data (G_OBJECT (row), "audience");
  const char     *language = candor_languages_get_choice (adw_combo_row_get_selected (row));

  if (self->building || g_strcmp0 (candor_audience_get_language (audience), language) == 0)
    return;

  candor_audience_set_language (audience, language);
  save (self);
}

static void
on_time_zones_apply_cb (AdwEntryRow *row, CandorAudiencesPage *self)
{
  CandorAudience *audience = g_object_get_data (G_OBJECT (row), "audience");
  g_auto (GStrv) parts = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (row)), ",", -1);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) zones = NULL;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *zone = g_strstrip (parts[i]);
      g_autoptr (GTimeZone) tz = NULL;

      if (*zone == '\0')
        continue;

      if ((tz = candor_time_zone_lookup (zone)) == NULL)
        {
          g_autofree char *title = NULL;

          gtk_widget_add_css_class (GTK_WIDGET (row), "error");
          /* Translators: %s is what the user typed as a time zone. */
          title =
            g_strdup_printf (_("“%s” is not a time zone; write it as “Europe/Moscow”"), zone);
          show_toast (self, title);
          return;
        }
      g_strv_builder_add (builder, zone);
    }

  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  zones = g_strv_builder_end (builder);
  candor_audience_set_time_zones (audience, (const char *const *)zones);
  save (self);
}

/* Office hours are shown as "09:30", kept as minutes after midnight. */
static gboolean
on_hours_output_cb (GtkSpinButton *spin, gpointer user_data)
{
  guint            minutes = (guint)gtk_spin_button_get_value (spin);
  g_autofree char *text = g_strdup_printf ("%02u:%02u", minutes / 60, minutes % 60);

  if (!g_str_equal (gtk_editable_get_text (GTK_EDITABLE (spin)), text))
    gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

static int
on_hours_input_cb (GtkSpinButton *spin, double *new_value, gpointer user_data)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  guint       hours = 0;
  guint       minutes = 0;

  if (sscanf (text, "%u:%u", &hours, &minutes) < 1 || hours > 24 || minutes > 59 ||
      hours * 60 + minutes > 24 * 60)
    return GTK_INPUT_ERROR;

  *new_value = hours * 60 + minutes;
  return TRUE;
}

static void
on_hours_changed_cb (GtkSpinButton *spin, CandorAudiencesPage *self)
{
  CandorAudience *audience = g_object_get_data (G_OBJECT (spin), "audience");
  GtkSpinButton  *opens = g_object_get_data (G_OBJECT (spin), "opens");
  GtkSpinButton  *closes = g_object_get_data (G_OBJECT (spin), "closes");

  if (self->building)
    return;

  candor_audience_set_office_hours (audience, (guint)gtk_spin_button_get_value (opens),
                                    (guint)gtk_spin_button_get_value (closes));
  save (self);
}

static GtkSpinButton *
hours_spin_new (guint minutes)
{
  GtkSpinButton *spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 24 * 60, 30));

  gtk_spin_button_set_value (spin, minutes);
  gtk_spin_button_set_numeric (spin, FALSE);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 5);
  gtk_widget_set_valign (GTK_WIDGET (spin), GTK_ALIGN_CENTER);
  g_signal_connect (spin, "output", G_CALLBACK (on_hours_output_cb), NULL);
  g_signal_connect (spin, "input", G_CALLBACK (on_hours_input_cb), NULL);
  on_hours_output_cb (spin, NULL);

  return spin;
}

static GtkWidget *
hours_row_new (const char *title, GtkSpinButton *spin)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (spin));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (spin));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_RELATION_LABELLED_BY, row,
                                  NULL, -1);

  return row;
}

static GtkWidget *
audience_group_new (CandorAudiencesPage *self, CandorAudience *audience)
{
  GListModel *channels = G_LIST_MODEL (candor_session_get_channels (self->session));
  GtkWidget  *group = adw_preferences_group_new ();
  GtkWidget  *channels_row = adw_expander_row_new ();
  GtkWidget  *zones_row = adw_entry_row_new ();
  GtkWidget  *language_row = adw_combo_row_new ();
  g_autoptr (GListModel) languages = candor_languages_new_choice_model (_("Same as the incident"));
  GtkSpinButton   *opens = hours_spin_new (candor_audience_get_office_opens (audience));
  GtkSpinButton   *closes = hours_spin_new (candor_audience_get_office_closes (audience));
  g_autofree char *zones = g_strjoinv (", ", (GStrv)candor_audience_get_time_zones (audience));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group),
                                   candor_audience_get_name (audience));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (channels_row), _("_Channels"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (channels_row), TRUE);
  for (guint i = 0; i < g_list_model_get_n_items (channels); i++)
    {
      g_autoptr (CandorChannel) channel = g_list_model_get_item (channels, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      gboolean   active = candor_audience_has_channel (audience, candor_channel_get_id (channel));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), candor_channel_get_name (channel));
      adw_action_row_set_subtitle (
        ADW_ACTION_ROW (row), candor_channel_kind_get_label (candor_channel_get_kind (channel)));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                      row, NULL, -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_object_set_data_full (G_OBJECT (check), "audience", g_object_ref (audience),
                              g_object_unref);
      g_object_set_data_full (G_OBJECT (check), "channel-id",
                              g_strdup (candor_channel_get_id (channel)), g_free);
      g_object_set_data (G_OBJECT (check), "expander", channels_row);
      g_signal_connect (check, "toggled", G_CALLBACK (on_channel_toggled_cb), self);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (channels_row), row);
    }
  set_reach_subtitle (self, ADW_EXPANDER_ROW (channels_row), audience);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), channels_row);

  /* An audience reads one language; the incident's other languages are
   * for the audiences that read them. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (language_row), _("_Language"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (language_row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (language_row),
                               _("What it reads when the incident is written in several"));
  adw_combo_row_set_model (ADW_COMBO_ROW (language_row), languages);
  adw_combo_row_set_selected (
    ADW_COMBO_ROW (language_row),
    candor_languages_get_choice_position (candor_audience_get_language (audience)));
  g_object_set_data_full (G_OBJECT (language_row), "audience", g_object_ref (audience),
                          g_object_unref);
  g_signal_connect (language_row, "notify::selected", G_CALLBACK (on_language_selected_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), language_row);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (zones_row), _("_Time Zones"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (zones_row), TRUE);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (zones_row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (zones_row), zones);
  g_object_set_data_full (G_OBJECT (zones_row), "audience", g_object_ref (audience),
                          g_object_unref);
  g_signal_connect (zones_row, "apply", G_CALLBACK (on_time_zones_apply_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), zones_row);

  for (guint i = 0; i < 2; i++)
    {
      GtkSpinButton *spin = i == 0 ? opens : closes;

      g_object_set_data_full (G_OBJECT (spin), "audience", g_object_ref (audience), g_object_unref);
      g_object_set_data (G_OBJECT (spin), "opens", opens);
      g_object_set_data (G_OBJECT (spin), "closes", closes);
      g_signal_connect (spin, "value-changed", G_CALLBACK (on_hours_changed_cb), self);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             hours_row_new (_("Office _Opens"), opens));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             hours_row_new (_("Office C_loses"), closes));

  return group;
}

static void
rebuild (CandorAudiencesPage *self)
{
  GListModel *audiences = G_LIST_MODEL (candor_session_get_audiences (self->session));

  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (ADW_PREFERENCES_PAGE (self), g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);

  self->building = TRUE;
  for (guint i = 0; i < g_list_model_get_n_items (audiences); i++)
    {
      g_autoptr (CandorAudience) audience = g_list_model_get_item (audiences, i);
      GtkWidget *group = audience_group_new (self, audience);

      adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (group));
      g_ptr_array_add (self->groups, group);
    }
  self->building = FALSE;
}

static void
on_audiences_changed_cb (CandorAudiencesPage *self,
                         guint                position,
                         guint                removed,
                         guint                added,
                         GListModel          *audiences)
{
  rebuild (self);
}

static void
candor_audiences_page_constructed (GObject *object)
{
  CandorAudiencesPage *self = CANDOR_AUDIENCES_PAGE (object);

  G_OBJECT_CLASS (candor_audiences_page_parent_class)->constructed (object);

  g_signal_connect_object (candor_session_get_audiences (self->session), "items-changed",
                           G_CALLBACK (on_audiences_changed_cb), self, G_CONNECT_SWAPPED);
  /* A channel added or removed is a check row more or less in every audience. */
  g_signal_connect_object (candor_session_get_channels (self->session), "items-changed",
                           G_CALLBACK (on_audiences_changed_cb), self, G_CONNECT_SWAPPED);
  rebuild (self);
}

static void
candor_audiences_page_dispose (GObject *object)
{
  CandorAudiencesPage *self = CANDOR_AUDIENCES_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_pointer (&self->groups, g_ptr_array_unref);

  G_OBJECT_CLASS (candor_audiences_page_parent_class)->dispose (object);
}

static void
candor_audiences_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CandorAudiencesPage *self = CANDOR_AUDIENCES_PAGE (object);

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
candor_audiences_page_class_init (CandorAudiencesPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = candor_audiences_page_constructed;
  object_class->dispose = candor_audiences_page_dispose;
  object_class->set_property = candor_audiences_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CANDOR_TYPE_SESSION,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/candor/Candor/candor-audiences-page.ui");
}

static void
candor_audiences_page_init (CandorAudiencesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->groups = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
}

CandorAudiencesPage *
candor_audiences_page_new (CandorSession *session)
{
  g_return_val_if_fail (CANDOR_IS_SESSION (session), NULL);

  return g_object_new (CANDOR_TYPE_AUDIENCES_PAGE, "session", session, NULL);
}
