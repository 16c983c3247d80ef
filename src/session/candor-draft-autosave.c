/* candor-draft-autosave.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-draft-autosave"

#include "config.h"

#include "candor-draft-autosave.h"
#include "candor-session-private.h"

/* Never lose a word: the draft is written to the store's drafts, keyed by the
 * update being written, about a second after the typing pauses and at most
 * 1.5 s after the first unsaved keystroke even if the typing does not pause.
 * The JSON is built on the main loop (it reads live objects; that takes
 * microseconds) and written by the store's worker thread in one transaction,
 * so a kill mid-write leaves the previous draft intact.
 *
 * The history opens after the window's first frame, so the wizard may be
 * typed into before the session has a store: changes wait and are saved the
 * moment it arrives. */
struct _CandorDraftAutosave
{
  GObject parent_instance;

  CandorSession *session;
  CandorDraft   *draft;
  char          *draft_id;
  char          *incident_id;
  CandorStore   *store;
  GCancellable  *cancellable;
  GError        *error;
  guint          save_source_id;
  gint64         first_unsaved;
  gboolean       changed;
  gboolean       unsaved;
  gboolean       saving;
  gboolean       dirty_while_saving;
  gboolean       discarded;
  gboolean       ever_saved; /* by this autosave: the drafts list learns of it once */
};

G_DEFINE_FINAL_TYPE (CandorDraftAutosave, candor_draft_autosave, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define QUIET_MSEC   1000
#define LONGEST_USEC (1500 * G_TIME_SPAN_MILLISECOND)

static void save (CandorDraftAutosave *self);

/* Lists of the drafts say which step each was left at. */
static void
on_step_changed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (CandorSession) session = user_data;
  g_autoptr (GError) error = NULL;

  if (candor_store_set_draft_step_finish (CANDOR_STORE (source), result, &error))
    _candor_session_drafts_changed (session);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not save the draft's step: %s", error->message);
}

static void
on_step_saved_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  if (!candor_store_set_draft_step_finish (CANDOR_STORE (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not save the draft's step: %s", error->message);
}

/* Takes @error. */
static void
set_error (CandorDraftAutosave *self, GError *error)
{
  if (self->error == NULL && error == NULL)
    return;

  g_clear_error (&self->error);
  self->error = error;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
on_draft_saved_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (CandorDraftAutosave) self = user_data;
  g_autoptr (GError) error = NULL;

  self->saving = FALSE;

  if (candor_store_save_draft_finish (CANDOR_STORE (source), result, &error))
    {
      set_error (self, NULL);
      if (!self->ever_saved && !self->discarded)
        {
          self->ever_saved = TRUE;
          _candor_session_drafts_changed (self->session);
        }
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_warning ("Could not save the draft: %s", error->message);
      /* Tried again with the next keystroke, and when the wizard closes. */
      self->unsaved = TRUE;
      set_error (self, g_steal_pointer (&error));
    }

  if (self->dirty_while_saving)
    {
      self->dirty_while_saving = FALSE;
      save (self);
    }
}

static void
save (CandorDraftAutosave *self)
{
  g_autofree char *data = NULL;

  if (self->discarded || self->store == NULL)
    return;

  /* One write at a time, so an older snapshot can never land after a newer one. */
  if (self->saving)
    {
      self->dirty_while_saving = TRUE;
      return;
    }

  self->first_unsaved = 0;
  self->unsaved = FALSE;
  data = candor_draft_to_data (self->draft, NULL);

  self->saving = TRUE;
  candor_store_save_draft_async (self->store, self->draft_id, self->incident_id, data,
                                 self->cancellable, on_draft_saved_cb, g_object_ref (self));
  /* The store's worker runs this after the save: the row is there. */
  candor_store_set_draft_step_async (self->store, self->draft_id,
                                     candor_draft_get_step (self->draft), self->cancellable,
                                     on_step_saved_cb, NULL);
}

static gboolean
save_cb (gpointer data)
{
  CandorDraftAutosave *self = data;

  self->save_source_id = 0;
  save (self);

  return G_SOURCE_REMOVE;
}

static void
on_draft_changed_cb (CandorDraftAutosave *self)
{
  gint64 now = g_get_monotonic_time ();

  self->changed = TRUE;
  self->unsaved = TRUE;

  if (self->first_unsaved == 0)
    self->first_unsaved = now;

  /* Wait for a pause in the typing, but not for ever. */
  if (self->save_source_id != 0 && now - self->first_unsaved >= LONGEST_USEC - QUIET_MSEC * 1000)
    return;

  g_clear_handle_id (&self->save_source_id, g_source_remove);
  self->save_source_id = g_timeout_add (QUIET_MSEC, save_cb, self);
}

static void
on_session_store_cb (CandorDraftAutosave *self, GParamSpec *pspec, CandorSession *session)
{
  CandorStore *store = candor_session_get_store (session);

  if (!g_set_object (&self->store, store))
    return;

  /* What was typed before there was a history is saved now. */
  if (store != NULL && self->unsaved && self->save_source_id == 0)
    save (self);
}

static void
on_last_save_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (CandorSession) session = user_data;
  g_autoptr (GError) error = NULL;

  if (!candor_store_save_draft_finish (CANDOR_STORE (source), result, &error))
    g_warning ("Could not save the draft: %s", error->message);
  else
    _candor_session_drafts_changed (session);

  _candor_session_release (session);
}

static void
on_draft_deleted_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  if (!candor_session_delete_draft_finish (CANDOR_SESSION (source), result, &error))
    g_warning ("Could not delete the draft: %s", error->message);
}

static void
stop_following_draft (CandorDraftAutosave *self)
{
  if (self->draft == NULL)
    return;

  g_signal_handlers_disconnect_by_data (candor_draft_get_update (self->draft), self);
  g_signal_handlers_disconnect_by_data (candor_draft_get_incident (self->draft), self);
  g_clear_object (&self->draft);
}

static void
candor_draft_autosave_dispose (GObject *object)
{
  CandorDraftAutosave *self = CANDOR_DRAFT_AUTOSAVE (object);

  g_clear_handle_id (&self->save_source_id, g_source_remove);

  /* Whatever is still unsaved is written now: closing must not lose it. No
   * save is running (each holds a reference), so this one is the last; the
   * application is held until it lands. */
  if (self->unsaved && self->store != NULL && self->draft != NULL && !self->discarded)
    {
      g_autofree char *data = candor_draft_to_data (self->draft, NULL);

      _candor_session_hold (self->session);
      candor_store_save_draft_async (self->store, self->draft_id, self->incident_id, data, NULL,
                                     on_last_save_cb, g_object_ref (self->session));
      candor_store_set_draft_step_async (self->store, self->draft_id,
                                         candor_draft_get_step (self->draft), NULL,
                                         on_step_saved_cb, NULL);
      self->unsaved = FALSE;
    }

  stop_following_draft (self);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_func (self->session, on_session_store_cb, self);
  g_clear_object (&self->session);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (candor_draft_autosave_parent_class)->dispose (object);
}

static void
candor_draft_autosave_finalize (GObject *object)
{
  CandorDraftAutosave *self = CANDOR_DRAFT_AUTOSAVE (object);

  g_free (self->draft_id);
  g_free (self->incident_id);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (candor_draft_autosave_parent_class)->finalize (object);
}

static void
candor_draft_autosave_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CandorDraftAutosave *self = CANDOR_DRAFT_AUTOSAVE (object);

  switch (prop_id)
    {
      case PROP_ERROR:
        g_value_set_boxed (value, self->error);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_draft_autosave_class_init (CandorDraftAutosaveClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = candor_draft_autosave_dispose;
  object_class->finalize = candor_draft_autosave_finalize;
  object_class->get_property = candor_draft_autosave_get_property;

  /* Why the last save failed; NULL once a save succeeds. */
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
candor_draft_autosave_init (CandorDraftAutosave *self)
{
  self->cancellable = g_cancellable_new ();
}

/* Saves @draft into @session's history, from the moment it has one. */
CandorDraftAutosave *
candor_draft_autosave_new (CandorSession *session, CandorDraft *draft)
{
  CandorDraftAutosave *self;

  g_return_val_if_fail (CANDOR_IS_SESSION (session), NULL);
  g_return_val_if_fail (CANDOR_IS_DRAFT (draft), NULL);

  self = g_object_new (CANDOR_TYPE_DRAFT_AUTOSAVE, NULL);
  self->session = g_object_ref (session);
  self->store = candor_session_get_store (session) != NULL
                  ? g_object_ref (candor_session_get_store (session))
                  : NULL;
  g_signal_connect_object (session, "notify::store", G_CALLBACK (on_session_store_cb), self,
                           G_CONNECT_SWAPPED);
  self->draft = g_object_ref (draft);
  self->draft_id = g_strdup (candor_update_get_id (candor_draft_get_update (draft)));
  self->incident_id = g_strdup (candor_incident_get_id (candor_draft_get_incident (draft)));

  g_signal_connect_object (candor_draft_get_update (draft), "changed",
                           G_CALLBACK (on_draft_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (candor_draft_get_incident (draft), "notify",
                           G_CALLBACK (on_draft_changed_cb), self, G_CONNECT_SWAPPED);

  return self;
}

const char *
candor_draft_autosave_get_draft_id (CandorDraftAutosave *self)
{
  g_return_val_if_fail (CANDOR_IS_DRAFT_AUTOSAVE (self), NULL);

  return self->draft_id;
}

/* Whether anything was typed since the draft was opened. */
gboolean
candor_draft_autosave_get_changed (CandorDraftAutosave *self)
{
  g_return_val_if_fail (CANDOR_IS_DRAFT_AUTOSAVE (self), FALSE);

  return self->changed;
}

/* Why the last save failed, or NULL. */
const GError *
candor_draft_autosave_get_error (CandorDraftAutosave *self)
{
  g_return_val_if_fail (CANDOR_IS_DRAFT_AUTOSAVE (self), NULL);

  return self->error;
}

/* The user chose to throw the draft away: stop saving and delete it. The
 * store's worker runs the delete after any save already under way, so none
 * can bring it back. */
void
candor_draft_autosave_discard (CandorDraftAutosave *self)
{
  g_return_if_fail (CANDOR_IS_DRAFT_AUTOSAVE (self));

  self->discarded = TRUE;
  g_clear_handle_id (&self->save_source_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  stop_following_draft (self);

  if (self->store != NULL)
    candor_session_delete_draft_async (self->session, self->draft_id, NULL, on_draft_deleted_cb,
                                       NULL);
}

/* The author moved to another step of the wizard: a draft already in the
 * history remembers it, one never saved is not saved for that alone. */
void
candor_draft_autosave_set_step (CandorDraftAutosave *self, guint step)
{
  g_return_if_fail (CANDOR_IS_DRAFT_AUTOSAVE (self));

  if (self->draft == NULL || self->discarded || candor_draft_get_step (self->draft) == step)
    return;

  candor_draft_set_step (self->draft, step);
  if (self->store != NULL)
    candor_store_set_draft_step_async (self->store, self->draft_id, step, self->cancellable,
                                       on_step_changed_cb, g_object_ref (self->session));
}
