/* candor-session.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-session"

#include "config.h"

#include <glib/gi18n.h>

#include "candor-draft.h"
#include "candor-session-private.h"

/* The running app's state, as gnome-text-editor's EditorSession is held by
 * its application: the history (opened once the first window is on screen,
 * set aside and started afresh when it is damaged), the incident list read
 * from it, the pending next-update reminders and the saved contacts. Widgets
 * show and edit this state; they never open the store or block on it. Every
 * read and write goes through the store's ordered worker, so a write issued
 * before a read is always seen by it. */
struct _CandorSession
{
  GObject parent_instance;

  GApplication *application;
  char         *path;

  CandorStore  *store;
  GError       *open_error;
  char         *damaged_path;
  GCancellable *cancellable;
  gboolean      busy;

  CandorIncidentListModel *incidents;
  CandorReminder          *reminder;
  CandorAudienceList      *audiences;
};

G_DEFINE_FINAL_TYPE (CandorSession, candor_session, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_OPEN_ERROR,
  PROP_DAMAGED_PATH,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_history (CandorSession *self, CandorStore *store, const GError *error, const char *damaged_path)
{
  g_object_freeze_notify (G_OBJECT (self));

  if (g_set_object (&self->store, store))
    {
      candor_incident_list_model_set_store (self->incidents, store);
      candor_audience_list_set_store (self->audiences, store);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
    }

  if (self->open_error != NULL || error != NULL)
    {
      g_clear_error (&self->open_error);
      self->open_error = error != NULL ? g_error_copy (error) : NULL;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPEN_ERROR]);
    }

  if (g_strcmp0 (self->damaged_path, damaged_path) != 0)
    {
      g_free (self->damaged_path);
      self->damaged_path = g_strdup (damaged_path);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAMAGED_PATH]);
    }

  if (self->busy)
    {
      self->busy = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
begin_history_work (CandorSession *self)
{
  if (self->busy)
    return FALSE;

  self->busy = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  return TRUE;
}

static void
on_history_opened_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (CandorSession) self = user_data;
  g_autoptr (CandorStore) store = NULL;
  g_autoptr (GError) error = NULL;

  store = candor_store_open_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error != NULL)
    g_message ("Could not open the history: %s", error->message);

  set_history (self, store, error, NULL);
}

static void
on_history_recovered_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (CandorSession) self = user_data;
  g_autoptr (CandorStore) store = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *damaged_path = NULL;

  store = candor_store_recover_finish (result, &damaged_path, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (store == NULL)
    g_message ("Could not start a fresh history: %s", error->message);

  set_history (self, store, error, damaged_path);
}

static void
candor_session_dispose (GObject *object)
{
  CandorSession *self = CANDOR_SESSION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->reminder);
  g_clear_object (&self->incidents);
  g_clear_object (&self->audiences);
  g_clear_object (&self->store);
  g_clear_weak_pointer (&self->application);

  G_OBJECT_CLASS (candor_session_parent_class)->dispose (object);
}

static void
candor_session_finalize (GObject *object)
{
  CandorSession *self = CANDOR_SESSION (object);

  g_clear_object (&self->cancellable);
  g_clear_error (&self->open_error);
  g_free (self->damaged_path);
  g_free (self->path);

  G_OBJECT_CLASS (candor_session_parent_class)->finalize (object);
}

static void
candor_session_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CandorSession *self = CANDOR_SESSION (object);

  switch (prop_id)
    {
      case PROP_STORE:
        g_value_set_object (value, self->store);
        break;

      case PROP_OPEN_ERROR:
        g_value_set_boxed (value, self->open_error);
        break;

      case PROP_DAMAGED_PATH:
        g_value_set_string (value, self->damaged_path);
        break;

      case PROP_BUSY:
        g_value_set_boolean (value, self->busy);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_session_class_init (CandorSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = candor_session_dispose;
  object_class->finalize = candor_session_finalize;
  object_class->get_property = candor_session_get_property;

  /* The history, once open; NULL before that and while it cannot be opened. */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CANDOR_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Why the history could not be opened (CANDOR_STORE_ERROR_CORRUPT, _BUSY, ...). */
  properties[PROP_OPEN_ERROR] =
    g_param_spec_boxed ("open-error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Where the damaged history was kept after candor_session_recover(). */
  properties[PROP_DAMAGED_PATH] =
    g_param_spec_string ("damaged-path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The history is being opened or recovered. */
  properties[PROP_BUSY] = g_param_spec_boolean (
    "busy", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
candor_session_init (CandorSession *self)
{
  self->cancellable = g_cancellable_new ();
  self->incidents = candor_incident_list_model_new ();
  self->audiences = candor_audience_list_new ();
}

/**
 * candor_session_new:
 * @application: (nullable): held while a reminder is pending or a write
 *   that must not be lost is under way; it sends the reminders' notifications
 * @path: (nullable): the history, or %NULL for the one in the user data folder
 *
 * The history is not opened yet: see candor_session_open().
 */
CandorSession *
candor_session_new (GApplication *application, const char *path)
{
  CandorSession *self;

  g_return_val_if_fail (application == NULL || G_IS_APPLICATION (application), NULL);

  self = g_object_new (CANDOR_TYPE_SESSION, NULL);
  /* Not a reference: the application holds the session. */
  g_set_weak_pointer (&self->application, application);
  self->path = g_strdup (path);
  self->reminder = candor_reminder_new (application);

  return self;
}

CandorStore *
candor_session_get_store (CandorSession *self)
{
  g_return_val_if_fail (CANDOR_IS_SESSION (self), NULL);

  return self->store;
}

const GError *
candor_session_get_open_error (CandorSession *self)
{
  g_return_val_if_fail (CANDOR_IS_SESSION (self), NULL);

  return self->open_error;
}

const char *
candor_session_get_damaged_path (CandorSession *self)
{
  g_return_val_if_fail (CANDOR_IS_SESSION (self), NULL);

  return self->damaged_path;
}

gboolean
candor_session_get_busy (CandorSession *self)
{
  g_return_val_if_fail (CANDOR_IS_SESSION (self), FALSE);

  return self->busy;
}

/**
 * candor_session_open:
 *
 * Opens (creating and migrating as needed) the history in a thread; the
 * result arrives as a notification of #CandorSession:store or :open-error.
 * Also what "Try Again" does after another program held the history. Does
 * nothing while the history is open or being opened.
 */
void
candor_session_open (CandorSession *self)
{
  g_return_if_fail (CANDOR_IS_SESSION (self));

  if (self->store != NULL || !begin_history_work (self))
    return;

  candor_store_open_async (self->path, self->cancellable, on_history_opened_cb,
                           g_object_ref (self));
}

/**
 * candor_session_recover:
 *
 * Sets a damaged history aside (it is kept, never deleted) and starts a
 * fresh one; #CandorSession:damaged-path then says where the old one is.
 * Only a history that failed to open is set aside: an open one is fine.
 */
void
candor_session_recover (CandorSession *self)
{
  g_return_if_fail (CANDOR_IS_SESSION (self));

  if (self->store != NULL || !begin_history_work (self))
    return;

  candor_store_recover_async (self->path, self->cancellable, on_history_recovered_cb,
                              g_object_ref (self));
}

/* The history's incidents, newest first, read a page at a time; empty
 * until the history is open. */
CandorIncidentListModel *
candor_session_get_incidents (CandorSession *self)
{
  g_return_val_if_fail (CANDOR_IS_SESSION (self), NULL);

  return self->incidents;
}

/* The pending next-update reminders. */
CandorReminder *
candor_session_get_reminder (CandorSession *self)
{
  g_return_val_if_fail (CANDOR_IS_SESSION (self), NULL);

  return self->reminder;
}

/* Returns: (transfer none) */
CandorAudienceList *
candor_session_get_audiences (CandorSession *self)
{
  g_return_val_if_fail (CANDOR_IS_SESSION (self), NULL);

  return self->audiences;
}

void
_candor_session_hold (CandorSession *self)
{
  g_assert (CANDOR_IS_SESSION (self));

  if (self->application != NULL)
    g_application_hold (self->application);
}

void
_candor_session_release (CandorSession *self)
{
  g_assert (CANDOR_IS_SESSION (self));

  if (self->application != NULL)
    g_application_release (self->application);
}

static gboolean
check_store (CandorSession *self, GTask *task)
{
  if (self->store != NULL)
    return TRUE;

  if (self->open_error != NULL)
    g_task_return_error (task, g_error_copy (self->open_error));
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                             _("The history is not open yet"));
  return FALSE;
}

static void
on_drafts_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GPtrArray) data = NULL;
  g_autoptr (GPtrArray) drafts = NULL;
  GError *error = NULL;

  data = candor_store_load_drafts_finish (CANDOR_STORE (source), result, &error);
  if (data == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* One that cannot be read is left in the history untouched: a later
   * Candor may read it. */
  drafts = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < data->len; i++)
    {
      g_autoptr (GError) draft_error = NULL;
      CandorDraft *draft =
        candor_draft_load_from_data (g_ptr_array_index (data, i), -1, &draft_error);

      if (draft != NULL)
        g_ptr_array_add (drafts, draft);
      else
        g_warning ("An unsent draft cannot be read: %s", draft_error->message);
    }

  g_task_return_pointer (task, g_steal_pointer (&drafts), (GDestroyNotify)g_ptr_array_unref);
}

/**
 * candor_session_load_drafts_async:
 *
 * Reads the drafts left unsent (after a crash, or kept for later), most
 * recently saved first.
 */
void
candor_session_load_drafts_async (CandorSession      *self,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (CANDOR_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, candor_session_load_drafts_async);
  if (!check_store (self, task))
    return;

  candor_store_load_drafts_async (self->store, cancellable, on_drafts_loaded_cb,
                                  g_steal_pointer (&task));
}

GPtrArray *
candor_session_load_drafts_finish (CandorSession *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == candor_session_load_drafts_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_store_written_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  CandorSession *self = g_task_get_source_object (task);
  GError        *error = NULL;
  gboolean       written;

  if (g_task_get_source_tag (task) == candor_session_delete_draft_async)
    written = candor_store_delete_draft_finish (CANDOR_STORE (source), result, &error);
  else
    written = candor_store_put_document_finish (CANDOR_STORE (source), result, &error);

  _candor_session_release (self);

  if (written)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Throws an unsent draft away; after any save of it issued before. */
void
candor_session_delete_draft_async (CandorSession      *self,
                                   const char         *draft_id,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (CANDOR_IS_SESSION (self));
  g_return_if_fail (draft_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, candor_session_delete_draft_async);
  if (!check_store (self, task))
    return;

  _candor_session_hold (self);
  candor_store_delete_draft_async (self->store, draft_id, cancellable, on_store_written_cb,
                                   g_steal_pointer (&task));
}

gboolean
candor_session_delete_draft_finish (CandorSession *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (
    g_task_get_source_tag (G_TASK (result)) == candor_session_delete_draft_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static int
compare_contacts (gconstpointer a, gconstpointer b)
{
  return g_utf8_collate (candor_contact_get_name (*(CandorContact *const *)a),
                         candor_contact_get_name (*(CandorContact *const *)b));
}

static void
on_contacts_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GPtrArray) data = NULL;
  g_autoptr (GPtrArray) contacts = NULL;
  GError *error = NULL;

  data = candor_store_load_documents_finish (CANDOR_STORE (source), result, &error);
  if (data == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  contacts = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < data->len; i++)
    {
      g_autoptr (GError) contact_error = NULL;
      CandorContact *contact =
        candor_contact_new_from_data (g_ptr_array_index (data, i), -1, &contact_error);

      if (contact != NULL)
        g_ptr_array_add (contacts, contact);
      else
        g_warning ("A saved contact cannot be read: %s", contact_error->message);
    }
  g_ptr_array_sort (contacts, compare_contacts);

  g_task_return_pointer (task, g_steal_pointer (&contacts), (GDestroyNotify)g_ptr_array_unref);
}

/**
 * candor_session_load_contacts_async:
 *
 * Reads the contacts used before (CandorContact), sorted by name.
 */
void
candor_session_load_contacts_async (CandorSession      *self,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (CANDOR_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, candor_session_load_contacts_async);
  if (!check_store (self, task))
    return;

  candor_store_load_documents_async (self->store, CANDOR_STORE_DOCUMENT_CONTACT, cancellable,
                                     on_contacts_loaded_cb, g_steal_pointer (&task));
}

GPtrArray *
candor_session_load_contacts_finish (CandorSession *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (
    g_task_get_source_tag (G_TASK (result)) == candor_session_load_contacts_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * candor_session_save_contact_async:
 *
 * Remembers @contact (replacing one of the same name) for the next update.
 * The application is held until it is written, so quitting right after
 * does not lose it.
 */
void
candor_session_save_contact_async (CandorSession      *self,
                                   CandorContact      *contact,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *data = NULL;

  g_return_if_fail (CANDOR_IS_SESSION (self));
  g_return_if_fail (CANDOR_IS_CONTACT (contact));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, candor_session_save_contact_async);
  if (!check_store (self, task))
    return;

  data = candor_contact_to_data (contact);
  _candor_session_hold (self);
  candor_store_put_document_async (self->store, CANDOR_STORE_DOCUMENT_CONTACT,
                                   candor_contact_get_name (contact), data, cancellable,
                                   on_store_written_cb, g_steal_pointer (&task));
}

gboolean
candor_session_save_contact_finish (CandorSession *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (
    g_task_get_source_tag (G_TASK (result)) == candor_session_save_contact_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
