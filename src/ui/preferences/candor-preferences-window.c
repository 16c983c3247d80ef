/* candor-preferences-window.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "candor-audiences-page.h"
#include "candor-channels-page.h"
#include "candor-preferences-window.h"

struct _CandorPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings     *settings;
  CandorSession *session;

  AdwComboRow *language_row;
  AdwEntryRow *sender_name_row;
  AdwEntryRow *sender_address_row;
};

G_DEFINE_FINAL_TYPE (CandorPreferencesWindow,
                     candor_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

enum
{
  PROP_0,
  PROP_SETTINGS,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The order of the rows in the language combo row. */
static const char *languages[] = { "en", "ru" };

static gboolean
language_get_mapping (GValue *value, GVariant *variant, gpointer user_data)
{
  const char *language = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      if (g_str_equal (language, languages[i]))
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  return FALSE;
}

static GVariant *
language_set_mapping (const GValue *value, const GVariantType *expected_type, gpointer user_data)
{
  guint position = g_value_get_uint (value);

  if (position >= G_N_ELEMENTS (languages))
    return NULL;

  return g_variant_new_string (languages[position]);
}

static void
candor_preferences_window_constructed (GObject *object)
{
  CandorPreferencesWindow *self = CANDOR_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (candor_preferences_window_parent_class)->constructed (object);

  g_settings_bind_with_mapping (self->settings, "message-language", self->language_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, language_get_mapping, language_set_mapping,
                                NULL, NULL);
  g_settings_bind (self->settings, "sender-name", self->sender_name_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "sender-address", self->sender_address_row, "text",
                   G_SETTINGS_BIND_DEFAULT);

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (candor_channels_page_new (self->session)));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (candor_audiences_page_new (self->session)));
}

static void
candor_preferences_window_dispose (GObject *object)
{
  CandorPreferencesWindow *self = CANDOR_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CANDOR_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (candor_preferences_window_parent_class)->dispose (object);
}

static void
candor_preferences_window_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  CandorPreferencesWindow *self = CANDOR_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
      case PROP_SETTINGS:
        self->settings = g_value_dup_object (value);
        break;

      case PROP_SESSION:
        self->session = g_value_dup_object (value);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_preferences_window_class_init (CandorPreferencesWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = candor_preferences_window_constructed;
  object_class->dispose = candor_preferences_window_dispose;
  object_class->set_property = candor_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CANDOR_TYPE_SESSION,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/candor/Candor/candor-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CandorPreferencesWindow, language_row);
  gtk_widget_class_bind_template_child (widget_class, CandorPreferencesWindow, sender_name_row);
  gtk_widget_class_bind_template_child (widget_class, CandorPreferencesWindow, sender_address_row);
}

static void
candor_preferences_window_init (CandorPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CandorPreferencesWindow *
candor_preferences_window_new (GSettings *settings, CandorSession *session)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (CANDOR_IS_SESSION (session), NULL);

  return g_object_new (CANDOR_TYPE_PREFERENCES_WINDOW, "settings", settings, "session", session,
                       NULL);
}
