/* candor-incident-list-model.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-incident-list-model"

#include "config.h"

#include "candor-incident-list-model.h"

/* The history's incidents, newest first, without reading all of them: the
 * model knows how many there are, reads the first page, and fetches the next
 * page from the store (on its ordered worker thread) when the view scrolls near the
 * end and calls candor_incident_list_model_read_on(). The list only ever sees
 * the loaded part: GtkListView asks for up to 200 positions around the view
 * whatever is on screen, so it cannot be what decides to read on, and rows
 * for incidents that are not read yet would delay the first page for nothing.
 *
 * Positions equal store offsets: a started incident is saved through the
 * store's worker queue before any later page fetch runs on it, so it is at
 * offset 0 for every fetch issued after it was added here. Fetches issued
 * before an add are stale by one and are issued again. */
struct _CandorIncidentListModel
{
  GObject parent_instance;

  CandorStore  *store;
  GCancellable *cancellable;

  /* One slot per position: a loaded incident, or NULL until its page is read. */
  GPtrArray  *items;
  GArray     *loaded;     /* of gboolean, parallel to @items */
  GHashTable *in_flight;  /* page index -> page fetch under way */
  guint       n_revealed; /* the loaded prefix of @items the list knows of */
  guint       generation;

  /* Added while the first page is being read: saved and shown after it. */
  GPtrArray *early;
  gboolean   loading;
};

static void candor_incident_list_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CandorIncidentListModel,
                               candor_incident_list_model,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      candor_incident_list_model_list_model_init))

enum
{
  PROP_0,
  PROP_STORE,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  CandorIncidentListModel *self;
  guint                    page;
  guint                    generation;
} PageRequest;

static void
page_request_free (PageRequest *request)
{
  g_clear_object (&request->self);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PageRequest, page_request_free)

static void
unref_if_set (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

/* The count, then the first page: asked for one after the other on the
 * store's ordered worker, after the saves of incidents added before there
 * was a store, so both see those. */
typedef struct
{
  CandorIncidentListModel *self;
  CandorStore             *store;
  guint                    count;
} FirstLoad;

static void
first_load_free (FirstLoad *load)
{
  g_clear_object (&load->self);
  g_clear_object (&load->store);
  g_free (load);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FirstLoad, first_load_free)

static void request_page (CandorIncidentListModel *self, guint page);

static void
set_loading (CandorIncidentListModel *self, gboolean loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
reset_items (CandorIncidentListModel *self)
{
  g_ptr_array_set_size (self->items, 0);
  g_array_set_size (self->loaded, 0);
  g_hash_table_remove_all (self->in_flight);
  self->n_revealed = 0;
  self->generation++;
}

/* Grows the part of @items the list knows of to every loaded position that
 * follows it; returns how many positions that added. */
static guint
extend_revealed (CandorIncidentListModel *self)
{
  guint old = self->n_revealed;

  while (self->n_revealed < self->items->len &&
         g_array_index (self->loaded, gboolean, self->n_revealed))
    self->n_revealed++;

  return self->n_revealed - old;
}

static void
reveal_loaded (CandorIncidentListModel *self)
{
  guint position = self->n_revealed;
  guint added = extend_revealed (self);

  if (added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position, 0, added);
}

/* Puts @incidents at @offset.. where nothing is loaded yet. */
static void
fill (CandorIncidentListModel *self, guint offset, GPtrArray *incidents)
{
  for (guint i = 0; i < incidents->len && offset + i < self->items->len; i++)
    {
      guint     position = offset + i;
      gboolean *loaded = &g_array_index (self->loaded, gboolean, position);

      if (*loaded)
        continue;

      g_ptr_array_index (self->items, position) = g_object_ref (g_ptr_array_index (incidents, i));
      *loaded = TRUE;
    }
}

static void
on_page_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PageRequest) request = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) incidents = NULL;
  CandorIncidentListModel *self = request->self;

  incidents = candor_store_list_incidents_finish (CANDOR_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      CANDOR_STORE (source) != self->store)
    return;

  if (request->generation != self->generation)
    {
      /* Asked for before an incident was added: positions moved by one. */
      g_hash_table_remove (self->in_flight, GUINT_TO_POINTER (request->page));
      request_page (self, request->page);
      return;
    }

  g_hash_table_remove (self->in_flight, GUINT_TO_POINTER (request->page));

  if (incidents == NULL)
    {
      g_signal_emit (self, signals[FAILED], 0, error);
      return;
    }

  fill (self, request->page * CANDOR_INCIDENT_LIST_PAGE_SIZE, incidents);
  reveal_loaded (self);
}

static void
request_page (CandorIncidentListModel *self, guint page)
{
  PageRequest *request;

  if (self->store == NULL || self->loading ||
      g_hash_table_contains (self->in_flight, GUINT_TO_POINTER (page)))
    return;

  request = g_new0 (PageRequest, 1);
  request->self = g_object_ref (self);
  request->page = page;
  request->generation = self->generation;
  g_hash_table_add (self->in_flight, GUINT_TO_POINTER (page));

  candor_store_list_incidents_async (self->store, page * CANDOR_INCIDENT_LIST_PAGE_SIZE,
                                     CANDOR_INCIDENT_LIST_PAGE_SIZE, self->cancellable,
                                     on_page_loaded_cb, request);
}

/* Whether the first load of @load's store goes on: not when it was
 * cancelled or the model moved to another store since. */
static gboolean
first_load_continues (FirstLoad *load, GError *error)
{
  CandorIncidentListModel *self = load->self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || load->store != self->store)
    return FALSE;

  if (error != NULL)
    {
      set_loading (self, FALSE);
      g_signal_emit (self, signals[FAILED], 0, error);
      return FALSE;
    }

  return TRUE;
}

static void
on_first_page_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (FirstLoad) load = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) first_page = NULL;
  g_autoptr (GPtrArray) early = NULL;
  CandorIncidentListModel *self = load->self;
  guint                    removed = self->n_revealed;

  first_page = candor_store_list_incidents_finish (CANDOR_STORE (source), result, &error);
  if (!first_load_continues (load, error))
    return;

  reset_items (self);
  g_ptr_array_set_size (self->items, load->count);
  g_array_set_size (self->loaded, load->count);
  fill (self, 0, first_page);
  extend_revealed (self);
  set_loading (self, FALSE);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->n_revealed);

  early = g_steal_pointer (&self->early);
  self->early = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < early->len; i++)
    candor_incident_list_model_add (self, g_ptr_array_index (early, i));
}

static void
on_count_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (FirstLoad) load = user_data;
  g_autoptr (GError) error = NULL;
  CandorStore  *store;
  GCancellable *cancellable;

  candor_store_count_incidents_finish (CANDOR_STORE (source), result, &load->count, &error);
  if (!first_load_continues (load, error))
    return;

  store = load->store;
  cancellable = load->self->cancellable;
  candor_store_list_incidents_async (store, 0, CANDOR_INCIDENT_LIST_PAGE_SIZE, cancellable,
                                     on_first_page_loaded_cb, g_steal_pointer (&load));
}

static void
start_first_load (CandorIncidentListModel *self)
{
  FirstLoad *load = g_new0 (FirstLoad, 1);

  set_loading (self, TRUE);
  load->self = g_object_ref (self);
  load->store = g_object_ref (self->store);
  candor_store_count_incidents_async (self->store, self->cancellable, on_count_loaded_cb, load);
}

static void
on_incident_saved_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (CandorIncidentListModel) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!candor_store_save_incident_finish (CANDOR_STORE (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_signal_emit (self, signals[FAILED], 0, error);
}

static GType
candor_incident_list_model_get_item_type (GListModel *model)
{
  return CANDOR_TYPE_INCIDENT;
}

static guint
candor_incident_list_model_get_n_items (GListModel *model)
{
  return CANDOR_INCIDENT_LIST_MODEL (model)->n_revealed;
}

static gpointer
candor_incident_list_model_get_item (GListModel *model, guint position)
{
  CandorIncidentListModel *self = CANDOR_INCIDENT_LIST_MODEL (model);

  if (position >= self->n_revealed)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
candor_incident_list_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = candor_incident_list_model_get_item_type;
  iface->get_n_items = candor_incident_list_model_get_n_items;
  iface->get_item = candor_incident_list_model_get_item;
}

static void
candor_incident_list_model_dispose (GObject *object)
{
  CandorIncidentListModel *self = CANDOR_INCIDENT_LIST_MODEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (candor_incident_list_model_parent_class)->dispose (object);
}

static void
candor_incident_list_model_finalize (GObject *object)
{
  CandorIncidentListModel *self = CANDOR_INCIDENT_LIST_MODEL (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->loaded, g_array_unref);
  g_clear_pointer (&self->in_flight, g_hash_table_unref);
  g_clear_pointer (&self->early, g_ptr_array_unref);

  G_OBJECT_CLASS (candor_incident_list_model_parent_class)->finalize (object);
}

static void
candor_incident_list_model_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  CandorIncidentListModel *self = CANDOR_INCIDENT_LIST_MODEL (object);

  switch (prop_id)
    {
      case PROP_STORE:
        g_value_set_object (value, self->store);
        break;

      case PROP_LOADING:
        g_value_set_boolean (value, self->loading);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_incident_list_model_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  CandorIncidentListModel *self = CANDOR_INCIDENT_LIST_MODEL (object);

  switch (prop_id)
    {
      case PROP_STORE:
        candor_incident_list_model_set_store (self, g_value_get_object (value));
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_incident_list_model_class_init (CandorIncidentListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = candor_incident_list_model_dispose;
  object_class->finalize = candor_incident_list_model_finalize;
  object_class->get_property = candor_incident_list_model_get_property;
  object_class->set_property = candor_incident_list_model_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CANDOR_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                                                   (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A page could not be read or a started incident not saved; the list
   * keeps what it has. */
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
candor_incident_list_model_init (CandorIncidentListModel *self)
{
  self->items = g_ptr_array_new_with_free_func (unref_if_set);
  self->loaded = g_array_new (FALSE, TRUE, sizeof (gboolean));
  self->in_flight = g_hash_table_new (NULL, NULL);
  self->early = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
}

CandorIncidentListModel *
candor_incident_list_model_new (void)
{
  return g_object_new (CANDOR_TYPE_INCIDENT_LIST_MODEL, NULL);
}

CandorStore *
candor_incident_list_model_get_store (CandorIncidentListModel *self)
{
  g_return_val_if_fail (CANDOR_IS_INCIDENT_LIST_MODEL (self), NULL);

  return self->store;
}

/**
 * candor_incident_list_model_set_store:
 *
 * Lists @store's incidents from now on. Incidents added before there was a
 * store are saved to it first, so nothing started is lost.
 */
void
candor_incident_list_model_set_store (CandorIncidentListModel *self, CandorStore *store)
{
  g_autoptr (GPtrArray) unsaved = NULL;

  g_return_if_fail (CANDOR_IS_INCIDENT_LIST_MODEL (self));
  g_return_if_fail (!store || CANDOR_IS_STORE (store));

  if (self->store == store)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (self->store == NULL)
    {
      /* Before the store was there, every item was added here and is
       * loaded; the oldest is saved first. */
      unsaved = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = self->items->len; i > 0; i--)
        g_ptr_array_add (unsaved, g_object_ref (g_ptr_array_index (self->items, i - 1)));
    }

  g_set_object (&self->store, store);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);

  if (store == NULL)
    {
      guint removed = self->n_revealed;

      reset_items (self);
      set_loading (self, FALSE);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
      return;
    }

  for (guint i = 0; unsaved != NULL && i < unsaved->len; i++)
    candor_store_save_incident_async (store, g_ptr_array_index (unsaved, i), NULL,
                                      on_incident_saved_cb, g_object_ref (self));

  start_first_load (self);
}

/**
 * candor_incident_list_model_reload:
 *
 * Reads the history's incidents again from the start, for what others (the
 * CLI, another process) wrote to it since. What is listed stays until the
 * first page is read; incidents added meanwhile are shown after it.
 */
void
candor_incident_list_model_reload (CandorIncidentListModel *self)
{
  g_return_if_fail (CANDOR_IS_INCIDENT_LIST_MODEL (self));

  if (self->store == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  /* Page fetches under way were cancelled: they are asked for again. */
  g_hash_table_remove_all (self->in_flight);

  start_first_load (self);
}

gboolean
candor_incident_list_model_get_loading (CandorIncidentListModel *self)
{
  g_return_val_if_fail (CANDOR_IS_INCIDENT_LIST_MODEL (self), FALSE);

  return self->loading;
}

/* Where the store lists @incident: by start, newest first, and before others
 * that started at the same time (it is the most recently saved). A started
 * incident is nearly always among the loaded first page; one back-dated past
 * everything loaded goes where the loaded part ends, and the pages after it
 * are then one off until they are read again. */
static guint
find_insert_position (CandorIncidentListModel *self, CandorIncident *incident)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  GDateTime *started_at = candor_incident_get_started_at (incident);
  guint      position = 0;

  if (started_at == NULL)
    started_at = now;

  while (position < self->items->len && g_array_index (self->loaded, gboolean, position))
    {
      GDateTime *other = candor_incident_get_started_at (g_ptr_array_index (self->items, position));

      if (other != NULL && g_date_time_compare (other, started_at) <= 0)
        break;
      position++;
    }

  return position;
}

/**
 * candor_incident_list_model_add:
 *
 * Shows @incident where the history lists it (newest first) and saves it
 * to the store (if there is one yet).
 */
void
candor_incident_list_model_add (CandorIncidentListModel *self, CandorIncident *incident)
{
  gboolean loaded = TRUE;
  guint    position;

  g_return_if_fail (CANDOR_IS_INCIDENT_LIST_MODEL (self));
  g_return_if_fail (CANDOR_IS_INCIDENT (incident));

  if (self->loading)
    {
      g_ptr_array_add (self->early, g_object_ref (incident));
      return;
    }

  /* Not cancellable: a started incident is saved even when the list is
   * reloaded or goes away first. */
  if (self->store != NULL)
    {
      candor_store_save_incident_async (self->store, incident, NULL, on_incident_saved_cb,
                                        g_object_ref (self));
      self->generation++;
    }

  position = find_insert_position (self, incident);
  g_ptr_array_insert (self->items, position, g_object_ref (incident));
  g_array_insert_val (self->loaded, position, loaded);
  self->n_revealed++;
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
}

/* The position of the loaded incident @incident_id, or G_MAXUINT. */
guint
candor_incident_list_model_find (CandorIncidentListModel *self, const char *incident_id)
{
  g_return_val_if_fail (CANDOR_IS_INCIDENT_LIST_MODEL (self), G_MAXUINT);
  g_return_val_if_fail (incident_id != NULL, G_MAXUINT);

  for (guint i = 0; i < self->items->len; i++)
    {
      CandorIncident *incident = g_ptr_array_index (self->items, i);

      if (g_array_index (self->loaded, gboolean, i) &&
          g_strcmp0 (candor_incident_get_id (incident), incident_id) == 0)
        return i;
    }

  return G_MAXUINT;
}

/**
 * candor_incident_list_model_read_on:
 *
 * Reads the next page of the history, if there is one and it is not being
 * read already. The view calls this when it is scrolled near the end.
 */
void
candor_incident_list_model_read_on (CandorIncidentListModel *self)
{
  g_return_if_fail (CANDOR_IS_INCIDENT_LIST_MODEL (self));

  if (self->n_revealed < self->items->len)
    request_page (self, self->n_revealed / CANDOR_INCIDENT_LIST_PAGE_SIZE);
}
