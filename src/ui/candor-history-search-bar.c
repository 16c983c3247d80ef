/* candor-history-search-bar.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-history-search-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "candor-history-search-bar.h"

/* The history's search entry and its filters: dates, state, severity,
 * channel, audience and language. It only says what to look for; the window
 * decides where the results go. */
struct _CandorHistorySearchBar
{
  AdwBin parent_instance;

  GDateTime *from;
  GDateTime *until;
  char      *audience;
  char      *language;
  gboolean   active;

  GtkSearchBar   *search_bar;
  GtkSearchEntry *entry;
  GtkMenuButton  *filters_button;
  AdwEntryRow    *from_row;
  AdwEntryRow    *until_row;
  AdwComboRow    *state_row;
  AdwComboRow    *severity_row;
  AdwComboRow    *channel_row;
  AdwEntryRow    *audience_row;
  AdwEntryRow    *language_row;
};

G_DEFINE_FINAL_TYPE (CandorHistorySearchBar, candor_history_search_bar, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_SEARCH_MODE,
  PROP_ACTIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* "2026-11-30" as the start (or, for @end_of_day, the end) of that local day.
 * Returns NULL for anything else. */
static GDateTime *
parse_day (const char *text, gboolean end_of_day)
{
  int  year, month, day;
  char rest;

  if (sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &rest) != 3)
    return NULL;
  if (!g_date_valid_dmy (day, month, year))
    return NULL;

  return end_of_day ? g_date_time_new_local (year, month, day, 23, 59, 59.999)
                    : g_date_time_new_local (year, month, day, 0, 0, 0);
}

/* Reads a date row; a date that does not parse is marked and not applied. */
static GDateTime *
read_day_row (AdwEntryRow *row, gboolean end_of_day)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  GDateTime       *day = NULL;

  if (*text != '\0')
    day = parse_day (text, end_of_day);

  if (*text != '\0' && day == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (row), _("Write the date as YYYY-MM-DD, for example "
                                                       "2026-11-30"));
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (row), NULL);
    }

  return day;
}

static char *
read_text_row (AdwEntryRow *row)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static int
read_combo_row (AdwComboRow *row)
{
  guint selected = adw_combo_row_get_selected (row);

  /* The first choice is "Any". */
  return selected == 0 || selected == GTK_INVALID_LIST_POSITION ? -1 : (int)selected - 1;
}

static void
candor_history_search_bar_update (CandorHistorySearchBar *self)
{
  g_autofree char *words =
    g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));
  gboolean filtered;
  gboolean active;

  g_clear_pointer (&self->from, g_date_time_unref);
  g_clear_pointer (&self->until, g_date_time_unref);
  g_clear_pointer (&self->audience, g_free);
  g_clear_pointer (&self->language, g_free);
  self->from = read_day_row (self->from_row, FALSE);
  self->until = read_day_row (self->until_row, TRUE);
  self->audience = read_text_row (self->audience_row);
  self->language = read_text_row (self->language_row);

  filtered = self->from != NULL || self->until != NULL || self->audience != NULL ||
             self->language != NULL || read_combo_row (self->state_row) >= 0 ||
             read_combo_row (self->severity_row) >= 0 || read_combo_row (self->channel_row) >= 0;
  active = gtk_search_bar_get_search_mode (self->search_bar) && (filtered || *words != '\0');

  if (filtered)
    gtk_widget_add_css_class (GTK_WIDGET (self->filters_button), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->filters_button), "accent");

  if (self->active != active)
    {
      self->active = active;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
    }

  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_entry_search_changed_cb (CandorHistorySearchBar *self, GtkSearchEntry *entry)
{
  candor_history_search_bar_update (self);
}

static void
on_entry_stop_search_cb (CandorHistorySearchBar *self, GtkSearchEntry *entry)
{
  candor_history_search_bar_set_search_mode (self, FALSE);
}

static void
on_filter_changed_cb (CandorHistorySearchBar *self)
{
  candor_history_search_bar_update (self);
}

static void
on_clear_filters_clicked_cb (CandorHistorySearchBar *self, GtkButton *button)
{
  gtk_editable_set_text (GTK_EDITABLE (self->from_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->until_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->audience_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->language_row), "");
  adw_combo_row_set_selected (self->state_row, 0);
  adw_combo_row_set_selected (self->severity_row, 0);
  adw_combo_row_set_selected (self->channel_row, 0);
  candor_history_search_bar_update (self);
}

static void
on_search_bar_search_mode_cb (CandorHistorySearchBar *self, GParamSpec *pspec, GtkSearchBar *bar)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_MODE]);
  candor_history_search_bar_update (self);
}

static void
fill_combo_row (AdwComboRow *row, const char *(*get_label) (int value), int n_values)
{
  g_autoptr (GtkStringList) choices = gtk_string_list_new (NULL);

  /* Translators: a search filter that matches everything */
  gtk_string_list_append (choices, C_("filter", "Any"));
  for (int i = 0; i < n_values; i++)
    gtk_string_list_append (choices, get_label (i));
  adw_combo_row_set_model (row, G_LIST_MODEL (choices));
}

static const char *
severity_label (int value)
{
  return candor_severity_get_label (value);
}

static const char *
state_label (int value)
{
  return candor_incident_state_get_label (value);
}

static const char *
format_label (int value)
{
  return candor_format_get_label (value);
}

static void
candor_history_search_bar_dispose (GObject *object)
{
  CandorHistorySearchBar *self = CANDOR_HISTORY_SEARCH_BAR (object);

  /* The bin's child is a bound template child: let the bin drop it first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CANDOR_TYPE_HISTORY_SEARCH_BAR);
  g_clear_pointer (&self->from, g_date_time_unref);
  g_clear_pointer (&self->until, g_date_time_unref);
  g_clear_pointer (&self->audience, g_free);
  g_clear_pointer (&self->language, g_free);

  G_OBJECT_CLASS (candor_history_search_bar_parent_class)->dispose (object);
}

static void
candor_history_search_bar_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  CandorHistorySearchBar *self = CANDOR_HISTORY_SEARCH_BAR (object);

  switch (prop_id)
    {
      case PROP_SEARCH_MODE:
        g_value_set_boolean (value, candor_history_search_bar_get_search_mode (self));
        break;

      case PROP_ACTIVE:
        g_value_set_boolean (value, self->active);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_history_search_bar_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  CandorHistorySearchBar *self = CANDOR_HISTORY_SEARCH_BAR (object);

  switch (prop_id)
    {
      case PROP_SEARCH_MODE:
        candor_history_search_bar_set_search_mode (self, g_value_get_boolean (value));
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_history_search_bar_class_init (CandorHistorySearchBarClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = candor_history_search_bar_dispose;
  object_class->get_property = candor_history_search_bar_get_property;
  object_class->set_property = candor_history_search_bar_set_property;

  properties[PROP_SEARCH_MODE] =
    g_param_spec_boolean ("search-mode", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE, (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The words or a filter changed: search again. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/candor/Candor/candor-history-search-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, CandorHistorySearchBar, search_bar);
  gtk_widget_class_bind_template_child (widget_class, CandorHistorySearchBar, entry);
  gtk_widget_class_bind_template_child (widget_class, CandorHistorySearchBar, filters_button);
  gtk_widget_class_bind_template_child (widget_class, CandorHistorySearchBar, from_row);
  gtk_widget_class_bind_template_child (widget_class, CandorHistorySearchBar, until_row);
  gtk_widget_class_bind_template_child (widget_class, CandorHistorySearchBar, state_row);
  gtk_widget_class_bind_template_child (widget_class, CandorHistorySearchBar, severity_row);
  gtk_widget_class_bind_template_child (widget_class, CandorHistorySearchBar, channel_row);
  gtk_widget_class_bind_template_child (widget_class, CandorHistorySearchBar, audience_row);
  gtk_widget_class_bind_template_child (widget_class, CandorHistorySearchBar, language_row);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_filters_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_bar_search_mode_cb);
}

static void
candor_history_search_bar_init (CandorHistorySearchBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  fill_combo_row (self->state_row, state_label, CANDOR_INCIDENT_STATE_RESOLVED + 1);
  fill_combo_row (self->severity_row, severity_label, CANDOR_SEVERITY_CRITICAL + 1);
  fill_combo_row (self->channel_row, format_label, CANDOR_N_FORMATS);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->entry));
}

gboolean
candor_history_search_bar_get_search_mode (CandorHistorySearchBar *self)
{
  g_return_val_if_fail (CANDOR_IS_HISTORY_SEARCH_BAR (self), FALSE);

  return gtk_search_bar_get_search_mode (self->search_bar);
}

void
candor_history_search_bar_set_search_mode (CandorHistorySearchBar *self, gboolean enabled)
{
  g_return_if_fail (CANDOR_IS_HISTORY_SEARCH_BAR (self));

  /* The search bar notifies, and that notifies here. */
  gtk_search_bar_set_search_mode (self->search_bar, enabled);
  if (enabled)
    gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

gboolean
candor_history_search_bar_get_active (CandorHistorySearchBar *self)
{
  g_return_val_if_fail (CANDOR_IS_HISTORY_SEARCH_BAR (self), FALSE);

  return self->active;
}

void
candor_history_search_bar_get_query (CandorHistorySearchBar *self, CandorSearchQuery *query)
{
  g_return_if_fail (CANDOR_IS_HISTORY_SEARCH_BAR (self));
  g_return_if_fail (query != NULL);

  query->text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  query->from = self->from;
  query->until = self->until;
  query->state = read_combo_row (self->state_row);
  query->severity = read_combo_row (self->severity_row);
  query->format = read_combo_row (self->channel_row);
  query->audience = self->audience;
  query->language = self->language;
}

void
candor_history_search_bar_set_key_capture_widget (CandorHistorySearchBar *self, GtkWidget *widget)
{
  g_return_if_fail (CANDOR_IS_HISTORY_SEARCH_BAR (self));

  gtk_search_bar_set_key_capture_widget (self->search_bar, widget);
}
