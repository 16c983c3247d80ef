/* candor-history-search-bar.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-history-search-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "candor-history-filters.h"
#include "candor-history-search-bar.h"

/* The history's search entry and its filters. It only says what to look
 * for; the window decides where the results go. */
struct _CandorHistorySearchBar
{
  AdwBin parent_instance;

  /* Built the first time the filters button is clicked. */
  CandorHistoryFilters *filters;
  gboolean              active;

  GtkSearchBar   *search_bar;
  GtkSearchEntry *entry;
  GtkMenuButton  *filters_button;
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

static void
candor_history_search_bar_update (CandorHistorySearchBar *self)
{
  g_autofree char *words =
    g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));
  gboolean filtered = self->filters != NULL && candor_history_filters_is_set (self->filters);
  gboolean active;

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
on_filters_changed_cb (CandorHistorySearchBar *self, CandorHistoryFilters *filters)
{
  candor_history_search_bar_update (self);
}

static void
create_filters_popover_cb (GtkMenuButton *button, gpointer user_data)
{
  CandorHistorySearchBar *self = user_data;

  self->filters = candor_history_filters_new ();
  g_signal_connect_object (self->filters, "changed", G_CALLBACK (on_filters_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_menu_button_set_popover (button, GTK_WIDGET (self->filters));
  gtk_menu_button_set_create_popup_func (button, NULL, NULL, NULL);
}

static void
on_search_bar_search_mode_cb (CandorHistorySearchBar *self, GParamSpec *pspec, GtkSearchBar *bar)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_MODE]);
  candor_history_search_bar_update (self);
}

static void
candor_history_search_bar_dispose (GObject *object)
{
  CandorHistorySearchBar *self = CANDOR_HISTORY_SEARCH_BAR (object);

  /* The bin's child is a bound template child: let the bin drop it first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CANDOR_TYPE_HISTORY_SEARCH_BAR);
  self->filters = NULL;

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
  gtk_widget_class_bind_template_callback (widget_class, on_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_bar_search_mode_cb);
}

static void
candor_history_search_bar_init (CandorHistorySearchBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_menu_button_set_create_popup_func (self->filters_button, create_filters_popover_cb, self,
                                         NULL);
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

  *query = (CandorSearchQuery)CANDOR_SEARCH_QUERY_INIT;
  query->text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  if (self->filters != NULL)
    candor_history_filters_apply (self->filters, query);
}

void
candor_history_search_bar_set_key_capture_widget (CandorHistorySearchBar *self, GtkWidget *widget)
{
  g_return_if_fail (CANDOR_IS_HISTORY_SEARCH_BAR (self));

  gtk_search_bar_set_key_capture_widget (self->search_bar, widget);
}
