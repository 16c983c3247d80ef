/* candor-session.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-session"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "candor-channel-client.h"
#include "candor-draft.h"
#include "candor-outbox.h"
#include "candor-secrets.h"
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

  /* Another process's writes (candor-cli, a script) and damage met by any
   * call are noticed by polling the store's worker. */
  guint    poll_source_id;
  gboolean polling;
  /* Templates live as files beside the history: imports are seen there. */
  GFileMonitor *templates_monitor;
  guint         templates_changed_id;

  CandorIncidentListModel *incidents;
  CandorReminder          *reminder;
  CandorAudienceList      *audiences;

  /* Publishing: the configured channels, read once the history is open; the
   * publisher and its outbox, made when they are read. */
  CandorChannelList *channels;
  GNetworkMonitor   *network_monitor;
  CandorHttp        *http;
  CandorPublisher   *publisher;
  CandorOutbox      *outbox;
};

G_DEFINE_FINAL_TYPE (CandorSession, candor_session, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_OPEN_ERROR,
  PROP_DAMAGED_PATH,
  PROP_BUSY,
  PROP_PUBLISHER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  HISTORY_CHANGED,
  TEMPLATES_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Often enough that a change made by candor-cli shows within a second;
 * each poll is one PRAGMA on the store's worker. */
#define POLL_INTERVAL_MS 1000
/* An import writes a file in steps: one signal once they settle. */
#define TEMPLATES_SETTLE_MS 200

static void set_history (CandorSession *self,
                         CandorStore   *store,
                         const GError  *error,
                         const char    *damaged_path);

static CandorChannel *
lookup_channel (const char *channel_id, gpointer user_data)
{
  return candor_channel_list_lookup (user_data, channel_id);
}

/* Whatever recorded the update (the wizard, "Mark as sent", the outbox
 * after a restart), the incident list shows it and its next update is
 * due from it. */
static void
on_update_recorded_cb (CandorPublisher *publisher,
                       CandorIncident  *incident,
                       CandorUpdate    *update,
                       gpointer         user_data)
{
  CandorSession *self = user_data;
  GDateTime     *next_update_at = candor_update_get_next_update_at (update);

  if (next_update_at != NULL)
    candor_reminder_schedule (self->reminder, candor_incident_get_id (incident),
                              candor_incident_get_title (incident), next_update_at);
  else
    candor_reminder_cancel (self->reminder, candor_incident_get_id (incident));

  candor_incident_list_model_reload (self->incidents);
}

static void
on_channels_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr (CandorSession) self = g_weak_ref_get (weak);
  g_autoptr (GError) error = NULL;

  g_weak_ref_clear (weak);
  g_free (weak);
  /* The session may be gone: the load held no reference to it. */
  if (self == NULL)
    return;

  if (!candor_channel_list_load_finish (CANDOR_CHANNEL_LIST (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* The publisher still starts: the outbox's publications name channels
       * that may be set up again, and until then they wait. */
      g_message ("Could not read the configured channels: %s", error->message);
    }

  if (self->store == NULL || self->publisher != NULL)
    return;

  self->publisher = candor_publisher_new (self->store, self->http, lookup_channel,
                                          g_object_ref (self->channels), g_object_unref);
  g_signal_connect_object (self->publisher, "update-recorded", G_CALLBACK (on_update_recorded_cb),
                           self, G_CONNECT_DEFAULT);
  self->outbox = candor_outbox_new (self->publisher, self->network_monitor);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PUBLISHER]);
  candor_outbox_start (self->outbox);
}

static void
on_polled_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr (CandorSession) self = g_weak_ref_get (weak);
  g_autoptr (GError) error = NULL;
  gboolean changed = FALSE;

  g_weak_ref_clear (weak);
  g_free (weak);
  if (self == NULL)
    return;

  self->polling = FALSE;
  /* A poll of a history the session has since let go of. */
  if (CANDOR_STORE (source) != self->store)
    return;

  if (!candor_store_poll_finish (CANDOR_STORE (source), result, &changed, &error))
    {
      if (candor_store_is_replaced (CANDOR_STORE (source)))
        {
          /* Another program recovered it (candor-cli history recover): the
           * history is the one now at its place. */
          g_message ("The history was set aside by another program; opening the one in its place");
          set_history (self, NULL, NULL, NULL);
          candor_session_open (self);
        }
      else if (g_error_matches (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_CORRUPT))
        {
          /* Nothing more goes into the damaged file: the session lets go of
           * it, the window says so and offers recovery, and drafts are kept
           * in the wizard (and say so) until there is a sound history. */
          g_message ("The history is damaged: %s", error->message);
          set_history (self, NULL, error, NULL);
        }
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not poll the history: %s", error->message);
      return;
    }

  if (changed)
    {
      candor_incident_list_model_reload (self->incidents);
      g_signal_emit (self, signals[HISTORY_CHANGED], 0);
    }
}

static gboolean
poll_cb (gpointer user_data)
{
  CandorSession *self = user_data;
  GWeakRef      *weak;

  if (self->store == NULL)
    {
      self->poll_source_id = 0;
      return G_SOURCE_REMOVE;
    }

  if (self->polling)
    return G_SOURCE_CONTINUE;

  /* A weak reference: a poll in the worker's queue does not keep the session. */
  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, self);
  self->polling = TRUE;
  candor_store_poll_async (self->store, self->cancellable, on_polled_cb, weak);

  return G_SOURCE_CONTINUE;
}

static void
set_history (CandorSession *self, CandorStore *store, const GError *error, const char *damaged_path)
{
  g_object_freeze_notify (G_OBJECT (self));

  /* A history found damaged takes its publisher and outbox along: nothing
   * is sent from, or written into, it any more. */
  if (store != self->store && self->publisher != NULL)
    {
      g_clear_object (&self->outbox);
      g_clear_object (&self->publisher);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PUBLISHER]);
    }

  if (g_set_object (&self->store, store))
    {
      self->polling = FALSE;
      if (store != NULL && self->poll_source_id == 0)
        self->poll_source_id = g_timeout_add (POLL_INTERVAL_MS, poll_cb, self);
      else if (store == NULL)
        g_clear_handle_id (&self->poll_source_id, g_source_remove);

      candor_incident_list_model_set_store (self->incidents, store);
      candor_audience_list_set_store (self->audiences, store);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
      if (store != NULL)
        {
          GWeakRef *weak = g_new0 (GWeakRef, 1);

          g_weak_ref_init (weak, self);
          candor_channel_list_load_async (self->channels, store, self->cancellable,
                                          on_channels_loaded_cb, weak);
        }
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
  g_clear_handle_id (&self->poll_source_id, g_source_remove);
  g_clear_handle_id (&self->templates_changed_id, g_source_remove);
  if (self->templates_monitor != NULL)
    g_file_monitor_cancel (self->templates_monitor);
  g_clear_object (&self->templates_monitor);
  g_clear_object (&self->outbox);
  g_clear_object (&self->publisher);
  g_clear_object (&self->http);
  g_clear_object (&self->network_monitor);
  g_clear_object (&self->channels);
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

      case PROP_PUBLISHER:
        g_value_set_object (value, self->publisher);
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
  /* Sends updates to the channels; NULL until the history is open and its
   * channels are read. */
  properties[PROP_PUBLISHER] =
    g_param_spec_object ("publisher", NULL, NULL, CANDOR_TYPE_PUBLISHER,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CandorSession::history-changed:
   *
   * Another program (candor-cli, a script) wrote to the open history: an
   * incident recorded, a template imported. Emitted within a second of the
   * write; the incident list has already been told to reload.
   */
  signals[HISTORY_CHANGED] = g_signal_new ("history-changed", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * CandorSession::templates-changed:
   *
   * A template was imported, changed or removed in the user's template
   * folder (by candor-cli or another window) since the history was opened.
   */
  signals[TEMPLATES_CHANGED] =
    g_signal_new ("templates-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
}

static void
candor_session_init (CandorSession *self)
{
  self->cancellable = g_cancellable_new ();
  self->incidents = candor_incident_list_model_new ();
  self->audiences = candor_audience_list_new ();
  self->channels = candor_channel_list_new ();
  self->http = candor_http_new (NULL);
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
static gboolean
templates_settled_cb (gpointer user_data)
{
  CandorSession *self = user_data;

  self->templates_changed_id = 0;
  g_debug ("The user's templates changed");
  g_signal_emit (self, signals[TEMPLATES_CHANGED], 0);

  return G_SOURCE_REMOVE;
}

static void
on_templates_dir_changed_cb (GFileMonitor     *monitor,
                             GFile            *file,
                             GFile            *other_file,
                             GFileMonitorEvent event,
                             gpointer          user_data)
{
  CandorSession *self = user_data;

  if (event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED)
    return;

  g_clear_handle_id (&self->templates_changed_id, g_source_remove);
  self->templates_changed_id = g_timeout_add (TEMPLATES_SETTLE_MS, templates_settled_cb, self);
}

/* The folder candor_template_library_new() reads the user's templates from. */
static void
watch_templates (CandorSession *self)
{
  g_autoptr (GFile) dir = NULL;
  g_autoptr (GError) error = NULL;

  if (self->templates_monitor != NULL)
    return;

  dir = g_file_new_build_filename (g_get_user_data_dir (), "candor", "templates", NULL);
  /* A folder that does not exist yet would be watched only by polling. */
  if (!g_file_make_directory_with_parents (dir, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_debug ("Not watching the templates: %s", error->message);
      return;
    }
  g_clear_error (&error);

  self->templates_monitor =
    g_file_monitor_directory (dir, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (self->templates_monitor == NULL)
    {
      g_debug ("Not watching the templates: %s", error->message);
      return;
    }
  g_debug ("Watching the templates in %s", g_file_peek_path (dir));
  g_signal_connect_object (self->templates_monitor, "changed",
                           G_CALLBACK (on_templates_dir_changed_cb), self, G_CONNECT_DEFAULT);
}

void
candor_session_open (CandorSession *self)
{
  g_return_if_fail (CANDOR_IS_SESSION (self));

  watch_templates (self);

  if (self->store != NULL || !begin_history_work (self))
    return;

  candor_store_open_async (self->path, self->cancellable, on_history_opened_cb,
                           g_object_ref (self));
}

/**
 * candor_session_recover:
 *
 * Sets a damaged history aside (it is kept, never deleted) and starts a
 * fresh one with everything that could still be read carried over;
 * #CandorSession:damaged-path then says where the old one is. Only a
 * history that failed to open, or was found damaged since, is set aside.
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

/* The configured channels; empty until the history is open. */
CandorChannelList *
candor_session_get_channels (CandorSession *self)
{
  g_return_val_if_fail (CANDOR_IS_SESSION (self), NULL);

  return self->channels;
}

/**
 * candor_session_get_publisher:
 *
 * Returns: (transfer none) (nullable): the publisher, or %NULL until the
 *   history is open (see #CandorSession:publisher).
 */
CandorPublisher *
candor_session_get_publisher (CandorSession *self)
{
  g_return_val_if_fail (CANDOR_IS_SESSION (self), NULL);

  return self->publisher;
}

/**
 * candor_session_set_network_monitor:
 * @monitor: (nullable): what the outbox follows; %NULL for the system's
 *
 * For tests, which switch the network on and off; only before the history
 * is opened.
 */
void
candor_session_set_network_monitor (CandorSession *self, GNetworkMonitor *monitor)
{
  g_return_if_fail (CANDOR_IS_SESSION (self));
  g_return_if_fail (monitor == NULL || G_IS_NETWORK_MONITOR (monitor));
  g_return_if_fail (self->outbox == NULL);

  g_set_object (&self->network_monitor, monitor);
}

static void
on_channel_tested_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  if (!candor_channel_client_test_finish (CANDOR_CHANNEL_CLIENT (source), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
test_channel_with_secret (GTask *task, const char *secret)
{
  CandorSession *self = g_task_get_source_object (task);
  CandorChannel *channel = g_task_get_task_data (task);
  g_autoptr (CandorChannelClient) client = NULL;
  GError *error = NULL;

  client = candor_channel_client_new (channel, secret, self->http, &error);
  if (client == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  candor_channel_client_test_async (client, g_task_get_cancellable (task), on_channel_tested_cb,
                                    task);
}

static void
on_test_secret_found_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask  *task = user_data;
  GError *error = NULL;
  char   *secret = candor_secrets_lookup_finish (result, &error);

  if (error != NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  test_channel_with_secret (task, secret);
  secret_password_free (secret);
}

/**
 * candor_session_test_channel_async:
 * @secret: (nullable): the secret to try, or %NULL for the one the keyring
 *   holds for @channel
 *
 * Checks that @channel's settings and secret reach its service and are
 * accepted, as the preferences' "Test connection" does. Errors are
 * CANDOR_PUBLISH_ERROR with the service's own words.
 */
void
candor_session_test_channel_async (CandorSession      *self,
                                   CandorChannel      *channel,
                                   const char         *secret,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  GTask *task;

  g_return_if_fail (CANDOR_IS_SESSION (self));
  g_return_if_fail (CANDOR_IS_CHANNEL (channel));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, candor_session_test_channel_async);
  g_task_set_task_data (task, candor_channel_copy (channel), g_object_unref);

  if (secret != NULL)
    test_channel_with_secret (task, secret);
  else
    candor_secrets_lookup_async (candor_channel_get_id (channel), cancellable,
                                 on_test_secret_found_cb, task);
}

gboolean
candor_session_test_channel_finish (CandorSession *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (
    g_task_get_source_tag (G_TASK (result)) == candor_session_test_channel_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
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
