/* candor-search-results.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-search-results"

#include "config.h"

#include <glib/gi18n.h>

#include "candor-search-hit-row.h"
#include "candor-search-results.h"

/* What a history search found, newest first, read a page at a time as the
 * list is scrolled to its end. Typing restarts the search after a short pause
 * so that a fast typist does not queue a search per key on the store. */
#define SEARCH_PAGE_SIZE 50
#define SEARCH_DELAY_MS  150

struct _CandorSearchResults
{
  AdwBin parent_instance;

  CandorStore  *store;
  GListStore   *hits;
  GCancellable *cancellable;
  guint         delay_source;
  gboolean      searching;
  gboolean      has_more;

  /* The query, owned here: the store copies it again for each page. */
  char      *text;
  char      *audience;
  char      *language;
  GDateTime *from;
  GDateTime *until;
  int        state;
  int        severity;
  int        format;

  GtkStack      *stack;
  GtkListView   *results_view;
  AdwStatusPage *no_results_page;
};

G_DEFINE_FINAL_TYPE (CandorSearchResults, candor_search_results, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_SEARCHING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  HIT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_searching (CandorSearchResults *self, gboolean searching)
{
  if (self->searching == searching)
    return;

  self->searching = searching;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCHING]);
}

static void
build_query (CandorSearchResults *self, CandorSearchQuery *query)
{
  query->text = self->text;
  query->from = self->from;
  query->until = self->until;
  query->state = self->state;
  query->severity = self->severity;
  query->format = self->format;
  query->audience = self->audience;
  query->language = self->language;
}

static void
show_outcome (CandorSearchResults *self, const char *error_message)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->hits)) > 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "results");
      return;
    }

  if (error_message != NULL)
    {
      adw_status_page_set_title (self->no_results_page, _("Search Failed"));
      adw_status_page_set_description (self->no_results_page, error_message);
    }
  else
    {
      adw_status_page_set_title (self->no_results_page, _("No Results"));
      adw_status_page_set_description (self->no_results_page,
                                       _("Try other words or fewer filters"));
    }
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
on_search_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (CandorSearchResults) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) hits = NULL;
  gboolean has_more = FALSE;

  hits = candor_store_search_finish (CANDOR_STORE (source), result, &has_more, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_searching (self, FALSE);
  self->has_more = hits != NULL && has_more;

  if (hits != NULL)
    g_list_store_splice (self->hits, g_list_model_get_n_items (G_LIST_MODEL (self->hits)), 0,
                         hits->pdata, hits->len);

  show_outcome (self, error != NULL ? error->message : NULL);
}

static void
search_page (CandorSearchResults *self, guint offset)
{
  CandorSearchQuery query = CANDOR_SEARCH_QUERY_INIT;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->store == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  build_query (self, &query);
  set_searching (self, TRUE);
  candor_store_search_async (self->store, &query, offset, SEARCH_PAGE_SIZE, self->cancellable,
                             on_search_done_cb, g_object_ref (self));
}

static gboolean
on_search_delay_cb (gpointer user_data)
{
  CandorSearchResults *self = user_data;

  self->delay_source = 0;
  g_list_store_remove_all (self->hits);
  search_page (self, 0);

  return G_SOURCE_REMOVE;
}

static void
on_scrolled_edge_reached_cb (CandorSearchResults *self,
                             GtkPositionType      position,
                             GtkScrolledWindow   *scrolled)
{
  if (position != GTK_POS_BOTTOM || !self->has_more || self->searching)
    return;

  search_page (self, g_list_model_get_n_items (G_LIST_MODEL (self->hits)));
}

static void
on_results_view_activate_cb (CandorSearchResults *self, guint position, GtkListView *view)
{
  g_autoptr (CandorSearchHit) hit = g_list_model_get_item (G_LIST_MODEL (self->hits), position);

  if (hit != NULL)
    g_signal_emit (self, signals[HIT_ACTIVATED], 0, hit);
}

static void
candor_search_results_dispose (GObject *object)
{
  CandorSearchResults *self = CANDOR_SEARCH_RESULTS (object);

  g_clear_handle_id (&self->delay_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* The bin's child is a bound template child: let the bin drop it first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CANDOR_TYPE_SEARCH_RESULTS);
  g_clear_object (&self->hits);
  g_clear_object (&self->store);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->audience, g_free);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->from, g_date_time_unref);
  g_clear_pointer (&self->until, g_date_time_unref);

  G_OBJECT_CLASS (candor_search_results_parent_class)->dispose (object);
}

static void
candor_search_results_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CandorSearchResults *self = CANDOR_SEARCH_RESULTS (object);

  switch (prop_id)
    {
      case PROP_STORE:
        g_value_set_object (value, self->store);
        break;

      case PROP_SEARCHING:
        g_value_set_boolean (value, self->searching);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_search_results_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CandorSearchResults *self = CANDOR_SEARCH_RESULTS (object);

  switch (prop_id)
    {
      case PROP_STORE:
        candor_search_results_set_store (self, g_value_get_object (value));
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_search_results_class_init (CandorSearchResultsClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = candor_search_results_dispose;
  object_class->get_property = candor_search_results_get_property;
  object_class->set_property = candor_search_results_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CANDOR_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SEARCHING] = g_param_spec_boolean ("searching", NULL, NULL, FALSE,
                                                     (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[HIT_ACTIVATED] =
    g_signal_new ("hit-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, CANDOR_TYPE_SEARCH_HIT);

  g_type_ensure (CANDOR_TYPE_SEARCH_HIT_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/candor/Candor/candor-search-results.ui");
  gtk_widget_class_bind_template_child (widget_class, CandorSearchResults, stack);
  gtk_widget_class_bind_template_child (widget_class, CandorSearchResults, results_view);
  gtk_widget_class_bind_template_child (widget_class, CandorSearchResults, no_results_page);
  gtk_widget_class_bind_template_callback (widget_class, on_scrolled_edge_reached_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_results_view_activate_cb);
}

static void
candor_search_results_init (CandorSearchResults *self)
{
  g_autoptr (GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->state = self->severity = self->format = -1;
  self->hits = g_list_store_new (CANDOR_TYPE_SEARCH_HIT);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->hits)));
  gtk_list_view_set_model (self->results_view, GTK_SELECTION_MODEL (selection));
}

CandorStore *
candor_search_results_get_store (CandorSearchResults *self)
{
  g_return_val_if_fail (CANDOR_IS_SEARCH_RESULTS (self), NULL);

  return self->store;
}

void
candor_search_results_set_store (CandorSearchResults *self, CandorStore *store)
{
  g_return_if_fail (CANDOR_IS_SEARCH_RESULTS (self));
  g_return_if_fail (!store || CANDOR_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  /* Only a search under way is repeated on the new store; none is started. */
  g_list_store_remove_all (self->hits);
  if (self->searching)
    search_page (self, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static void
replace_string (char **slot, const char *text)
{
  char *copy = g_strdup (text);

  g_free (*slot);
  *slot = copy;
}

static void
replace_time (GDateTime **slot, GDateTime *time)
{
  g_clear_pointer (slot, g_date_time_unref);
  *slot = time != NULL ? g_date_time_ref (time) : NULL;
}

/**
 * candor_search_results_set_query:
 *
 * Searches for @query (copied) after a short pause; a new query replaces
 * one that has not finished.
 */
void
candor_search_results_set_query (CandorSearchResults *self, const CandorSearchQuery *query)
{
  g_return_if_fail (CANDOR_IS_SEARCH_RESULTS (self));
  g_return_if_fail (query != NULL);

  replace_string (&self->text, query->text);
  replace_string (&self->audience, query->audience);
  replace_string (&self->language, query->language);
  replace_time (&self->from, query->from);
  replace_time (&self->until, query->until);
  self->state = query->state;
  self->severity = query->severity;
  self->format = query->format;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->delay_source, g_source_remove);
  set_searching (self, TRUE);
  self->delay_source = g_timeout_add (SEARCH_DELAY_MS, on_search_delay_cb, self);
}

/* What was found so far, of CandorSearchHit. */
GListModel *
candor_search_results_get_hits (CandorSearchResults *self)
{
  g_return_val_if_fail (CANDOR_IS_SEARCH_RESULTS (self), NULL);

  return G_LIST_MODEL (self->hits);
}

gboolean
candor_search_results_get_searching (CandorSearchResults *self)
{
  g_return_val_if_fail (CANDOR_IS_SEARCH_RESULTS (self), FALSE);

  return self->searching;
}
