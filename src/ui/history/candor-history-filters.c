/* candor-history-filters.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-history-filters"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "candor-dialect.h"
#include "candor-history-filters.h"

/* The history search's filters: dates, state, severity, channel, audience
 * and language. A popover of its own, built the first time it is opened:
 * its rows cost the window's start-up a few milliseconds for nothing. */
struct _CandorHistoryFilters
{
  GtkPopover parent_instance;

  /* What the rows said when they last changed; valid until the next change. */
  GDateTime *from;
  GDateTime *until;
  char      *audience;
  char      *language;

  AdwEntryRow *from_row;
  AdwEntryRow *until_row;
  AdwComboRow *state_row;
  AdwComboRow *severity_row;
  AdwComboRow *channel_row;
  AdwEntryRow *audience_row;
  AdwEntryRow *language_row;
};

G_DEFINE_FINAL_TYPE (CandorHistoryFilters, candor_history_filters, GTK_TYPE_POPOVER)

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
on_filter_changed_cb (CandorHistoryFilters *self)
{
  g_clear_pointer (&self->from, g_date_time_unref);
  g_clear_pointer (&self->until, g_date_time_unref);
  g_clear_pointer (&self->audience, g_free);
  g_clear_pointer (&self->language, g_free);
  self->from = read_day_row (self->from_row, FALSE);
  self->until = read_day_row (self->until_row, TRUE);
  self->audience = read_text_row (self->audience_row);
  self->language = read_text_row (self->language_row);

  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_clear_filters_clicked_cb (CandorHistoryFilters *self, GtkButton *button)
{
  gtk_editable_set_text (GTK_EDITABLE (self->from_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->until_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->audience_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->language_row), "");
  adw_combo_row_set_selected (self->state_row, 0);
  adw_combo_row_set_selected (self->severity_row, 0);
  adw_combo_row_set_selected (self->channel_row, 0);
  on_filter_changed_cb (self);
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
  return candor_dialect_get_label (value);
}

static void
candor_history_filters_dispose (GObject *object)
{
  CandorHistoryFilters *self = CANDOR_HISTORY_FILTERS (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CANDOR_TYPE_HISTORY_FILTERS);
  g_clear_pointer (&self->from, g_date_time_unref);
  g_clear_pointer (&self->until, g_date_time_unref);
  g_clear_pointer (&self->audience, g_free);
  g_clear_pointer (&self->language, g_free);

  G_OBJECT_CLASS (candor_history_filters_parent_class)->dispose (object);
}

static void
candor_history_filters_class_init (CandorHistoryFiltersClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = candor_history_filters_dispose;

  /* A filter changed: search again. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/candor/Candor/candor-history-filters.ui");
  gtk_widget_class_bind_template_child (widget_class, CandorHistoryFilters, from_row);
  gtk_widget_class_bind_template_child (widget_class, CandorHistoryFilters, until_row);
  gtk_widget_class_bind_template_child (widget_class, CandorHistoryFilters, state_row);
  gtk_widget_class_bind_template_child (widget_class, CandorHistoryFilters, severity_row);
  gtk_widget_class_bind_template_child (widget_class, CandorHistoryFilters, channel_row);
  gtk_widget_class_bind_template_child (widget_class, CandorHistoryFilters, audience_row);
  gtk_widget_class_bind_template_child (widget_class, CandorHistoryFilters, language_row);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_filters_clicked_cb);
}

static void
candor_history_filters_init (CandorHistoryFilters *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  fill_combo_row (self->state_row, state_label, CANDOR_INCIDENT_STATE_RESOLVED + 1);
  fill_combo_row (self->severity_row, severity_label, CANDOR_SEVERITY_CRITICAL + 1);
  fill_combo_row (self->channel_row, format_label, CANDOR_N_DIALECTS);
}

CandorHistoryFilters *
candor_history_filters_new (void)
{
  return g_object_new (CANDOR_TYPE_HISTORY_FILTERS, NULL);
}

gboolean
candor_history_filters_is_set (CandorHistoryFilters *self)
{
  g_return_val_if_fail (CANDOR_IS_HISTORY_FILTERS (self), FALSE);

  return self->from != NULL || self->until != NULL || self->audience != NULL ||
         self->language != NULL || read_combo_row (self->state_row) >= 0 ||
         read_combo_row (self->severity_row) >= 0 || read_combo_row (self->channel_row) >= 0;
}

/* Narrows @query down by the filters; what it points to stays valid until
 * the filters next change. */
void
candor_history_filters_apply (CandorHistoryFilters *self, CandorSearchQuery *query)
{
  g_return_if_fail (CANDOR_IS_HISTORY_FILTERS (self));
  g_return_if_fail (query != NULL);

  query->from = self->from;
  query->until = self->until;
  query->state = read_combo_row (self->state_row);
  query->severity = read_combo_row (self->severity_row);
  query->format = read_combo_row (self->channel_row);
  query->audience = self->audience;
  query->language = self->language;
}
