/* candor-publisher.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-publish"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "candor-channel-client.h"
#include "candor-publish-error.h"
#include "candor-publisher.h"
#include "candor-retry-policy.h"
#include "candor-secrets.h"

/* Sends an update's renditions to their channels, all at once, through the
 * outbox in the store: every publication is recorded before its request
 * goes out and after its answer came, so a crash never loses or doubles a
 * post. */
struct _CandorPublisher
{
  GObject parent_instance;

  CandorStore        *store;
  CandorHttp         *http;
  CandorChannelLookup lookup;
  gpointer            lookup_data;
  GDestroyNotify      lookup_data_destroy;
  GHashTable         *secrets; /* channel id -> secret; NULL: the keyring */
  CandorClientFactory client_factory;
  gpointer            client_factory_data;
  GRand              *rand;

  gboolean    online;
  guint       n_waiting;
  GHashTable *active;  /* publication id -> Job being sent or due for a retry */
  GHashTable *waiting; /* ids of publications that wait (network, retry), as a set */
};

G_DEFINE_FINAL_TYPE (CandorPublisher, candor_publisher, G_TYPE_OBJECT)

static CandorChannelClient *default_client_factory (CandorChannel *channel,
                                                    const char    *secret,
                                                    CandorHttp    *http,
                                                    gpointer       user_data,
                                                    GError       **error);

enum
{
  PROP_0,
  PROP_ONLINE,
  PROP_N_WAITING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  PUBLICATION_CHANGED,
  UPDATE_RECORDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
candor_publisher_dispose (GObject *object)
{
  CandorPublisher *self = CANDOR_PUBLISHER (object);

  if (self->client_factory == default_client_factory)
    self->client_factory_data = NULL;
  g_clear_object (&self->store);
  g_clear_object (&self->http);
  g_clear_pointer (&self->secrets, g_hash_table_unref);
  if (self->active != NULL)
    g_hash_table_remove_all (self->active);
  if (self->lookup_data_destroy != NULL)
    g_clear_pointer (&self->lookup_data, self->lookup_data_destroy);

  G_OBJECT_CLASS (candor_publisher_parent_class)->dispose (object);
}

static void
candor_publisher_finalize (GObject *object)
{
  CandorPublisher *self = CANDOR_PUBLISHER (object);

  g_hash_table_unref (self->active);
  g_hash_table_unref (self->waiting);
  g_rand_free (self->rand);

  G_OBJECT_CLASS (candor_publisher_parent_class)->finalize (object);
}

static void
candor_publisher_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CandorPublisher *self = CANDOR_PUBLISHER (object);

  switch (prop_id)
    {
      case PROP_ONLINE:
        g_value_set_boolean (value, self->online);
        break;

      case PROP_N_WAITING:
        g_value_set_uint (value, self->n_waiting);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_publisher_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CandorPublisher *self = CANDOR_PUBLISHER (object);

  switch (prop_id)
    {
      case PROP_ONLINE:
        candor_publisher_set_online (self, g_value_get_boolean (value));
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_publisher_class_init (CandorPublisherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = candor_publisher_dispose;
  object_class->finalize = candor_publisher_finalize;
  object_class->get_property = candor_publisher_get_property;
  object_class->set_property = candor_publisher_set_property;

  /* Whether requests may go out; while FALSE publications wait. */
  properties[PROP_ONLINE] =
    g_param_spec_boolean ("online", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Publications in the outbox that wait for the network or a retry. */
  properties[PROP_N_WAITING] =
    g_param_spec_uint ("n-waiting", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CandorPublisher::publication-changed:
   * @publication: (type CandorPublication): a copy of the publication as
   *   the outbox now holds it
   *
   * Emitted on every state change of a publication, first when it is queued.
   */
  signals[PUBLICATION_CHANGED] =
    g_signal_new ("publication-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, CANDOR_TYPE_PUBLICATION | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * CandorPublisher::update-recorded:
   * @incident: the incident the update belongs to
   * @update: the update, now in the history with its publications queued
   *
   * Emitted once an update published or marked as sent is in the history,
   * before its publications are sent: the incident list and the next-update
   * reminder follow it.
   */
  signals[UPDATE_RECORDED] =
    g_signal_new ("update-recorded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, CANDOR_TYPE_INCIDENT, CANDOR_TYPE_UPDATE);
}

static CandorChannelClient *
default_client_factory (CandorChannel *channel,
                        const char    *secret,
                        CandorHttp    *http,
                        gpointer       user_data,
                        GError       **error)
{
  /* @user_data is the publisher's store: the static site is written from it. */
  return candor_channel_client_new_full (channel, secret, http, user_data, error);
}

static void job_detach (gpointer data);

static void
candor_publisher_init (CandorPublisher *self)
{
  self->online = TRUE;
  self->client_factory = default_client_factory;
  self->rand = g_rand_new ();
  self->waiting = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->active = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, job_detach);
}

/**
 * candor_publisher_new:
 * @lookup: finds a configured channel by its id when a publication is sent
 * @lookup_data_destroy: (nullable): frees @lookup_data with the publisher
 *
 * Returns: (transfer full): a publisher recording in @store and sending
 *   through @http.
 */
CandorPublisher *
candor_publisher_new (CandorStore        *store,
                      CandorHttp         *http,
                      CandorChannelLookup lookup,
                      gpointer            lookup_data,
                      GDestroyNotify      lookup_data_destroy)
{
  CandorPublisher *self;

  g_return_val_if_fail (CANDOR_IS_STORE (store), NULL);
  g_return_val_if_fail (CANDOR_IS_HTTP (http), NULL);
  g_return_val_if_fail (lookup != NULL, NULL);

  self = g_object_new (CANDOR_TYPE_PUBLISHER, NULL);
  self->store = g_object_ref (store);
  self->client_factory_data = self->store;
  self->http = g_object_ref (http);
  self->lookup = lookup;
  self->lookup_data = lookup_data;
  self->lookup_data_destroy = lookup_data_destroy;
  return self;
}

/**
 * candor_publisher_set_secrets:
 * @secrets: (nullable) (element-type utf8 utf8): channel id to secret, for
 *   tests and one-shot runs; %NULL reads each channel's secret from the keyring
 */
void
candor_publisher_set_secrets (CandorPublisher *self, GHashTable *secrets)
{
  g_return_if_fail (CANDOR_IS_PUBLISHER (self));

  g_clear_pointer (&self->secrets, g_hash_table_unref);
  self->secrets = secrets != NULL ? g_hash_table_ref (secrets) : NULL;
}

gboolean
candor_publisher_get_online (CandorPublisher *self)
{
  g_return_val_if_fail (CANDOR_IS_PUBLISHER (self), FALSE);

  return self->online;
}

/* Offline, nothing goes out and publications wait; the outbox sets this
 * from the network monitor and resumes when it comes back. */
void
candor_publisher_set_online (CandorPublisher *self, gboolean online)
{
  g_return_if_fail (CANDOR_IS_PUBLISHER (self));

  online = !!online;
  if (self->online == online)
    return;

  self->online = online;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLINE]);
}

guint
candor_publisher_get_n_waiting (CandorPublisher *self)
{
  g_return_val_if_fail (CANDOR_IS_PUBLISHER (self), 0);

  return self->n_waiting;
}

/**
 * candor_publisher_set_client_factory:
 * @factory: (nullable): makes a channel's client; %NULL for
 *   candor_channel_client_new()
 *
 * Lets tests and tools publish through clients of their own.
 */
void
candor_publisher_set_client_factory (CandorPublisher    *self,
                                     CandorClientFactory factory,
                                     gpointer            user_data)
{
  g_return_if_fail (CANDOR_IS_PUBLISHER (self));

  self->client_factory = factory != NULL ? factory : default_client_factory;
  self->client_factory_data = factory != NULL ? user_data : self->store;
}

/* Runs: one publish, mark-as-sent or resume call. It completes when each
 * of its publications has settled: sent, failed, verify, or waiting for
 * the network or a long wait the service asked for. */

typedef struct
{
  GTask            *task;
  GCancellable     *cancellable;
  guint             pending;
  CandorSentUpdate *sent; /* publish: the publications replaced as they change */
} Run;

static void
run_free (Run *run)
{
  g_clear_object (&run->task);
  g_clear_object (&run->cancellable);
  g_clear_pointer (&run->sent, candor_sent_update_free);
  g_free (run);
}

static Run *
run_new (CandorPublisher    *self,
         gpointer            source_tag,
         GCancellable       *cancellable,
         GAsyncReadyCallback callback,
         gpointer            user_data)
{
  Run *run = g_new0 (Run, 1);

  run->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (run->task, source_tag);
  /* Cancelled or not, the run reports what it recorded. */
  g_task_set_check_cancellable (run->task, FALSE);
  run->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  return run;
}

static void
run_complete (Run *run)
{
  if (run->sent != NULL)
    g_task_return_pointer (run->task, g_steal_pointer (&run->sent),
                           (GDestroyNotify)candor_sent_update_free);
  else
    g_task_return_boolean (run->task, TRUE);
  run_free (run);
}

/* One publication being sent, from its first attempt to its outcome. The
 * active table holds a reference, and so does each pending callback; a
 * detached job (the publisher went away) stops where it is. */
typedef struct
{
  int                  ref_count;
  CandorPublisher     *publisher; /* not a reference: detached when it goes */
  gboolean             detached;
  gint64               id;
  CandorPublication   *publication;
  CandorChannelClient *client;
  CandorSentRendition *rendition;
  Run                 *run;
  guint                run_index;
  guint                timeout_id;
  GCancellable        *cancellable;
  gulong               cancelled_id;
} Job;

static Job *
job_ref (Job *job)
{
  job->ref_count++;
  return job;
}

static void
job_unref (Job *job)
{
  if (--job->ref_count > 0)
    return;

  g_clear_handle_id (&job->timeout_id, g_source_remove);
  if (job->cancelled_id != 0)
    g_cancellable_disconnect (job->cancellable, job->cancelled_id);
  g_clear_object (&job->cancellable);
  g_clear_pointer (&job->publication, candor_publication_free);
  g_clear_pointer (&job->rendition, candor_sent_rendition_free);
  g_clear_object (&job->client);
  g_free (job);
}

static void
job_detach (gpointer data)
{
  Job *job = data;

  job->detached = TRUE;
  g_clear_handle_id (&job->timeout_id, g_source_remove);
  job_unref (job);
}

static void job_start (Job *job);

static void
set_waiting (CandorPublisher *self, gint64 id, gboolean waiting)
{
  gboolean changed;

  if (waiting)
    {
      gint64 *key = g_new (gint64, 1);

      *key = id;
      changed = !g_hash_table_contains (self->waiting, key);
      if (changed)
        g_hash_table_add (self->waiting, key);
      else
        g_free (key);
    }
  else
    changed = g_hash_table_remove (self->waiting, &id);

  if (!changed)
    return;

  self->n_waiting = g_hash_table_size (self->waiting);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_WAITING]);
}

static void
emit_changed (Job *job, const char *why)
{
  g_autoptr (CandorPublication) copy = candor_publication_copy (job->publication);

  if (why != NULL)
    {
      g_free (copy->last_error);
      copy->last_error = g_strdup (why);
    }

  if (job->run != NULL && job->run->sent != NULL)
    {
      CandorPublication **slot =
        (CandorPublication **)&g_ptr_array_index (job->run->sent->publications, job->run_index);

      candor_publication_free (*slot);
      *slot = candor_publication_copy (copy);
    }

  g_signal_emit (job->publisher, signals[PUBLICATION_CHANGED], 0, copy);
}

/* The job's run no longer waits for it; it may go on (a retry). */
static void
job_settle_run (Job *job)
{
  Run *run = g_steal_pointer (&job->run);

  if (run == NULL)
    return;

  if (--run->pending == 0)
    run_complete (run);
}

/* Done with this publication: out of the active table, which may free it. */
static void
job_end (Job *job)
{
  CandorPublisher *self = job->publisher;

  g_clear_handle_id (&job->timeout_id, g_source_remove);
  job_settle_run (job);
  g_hash_table_remove (self->active, &job->id);
}

static void
on_attempt_finished_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Job *job = user_data;
  g_autoptr (GError) error = NULL;
  CandorPublication *publication;

  publication = candor_store_finish_attempt_finish (CANDOR_STORE (source), result, &error);
  if (job->detached)
    {
      job_unref (job);
      return;
    }

  if (publication == NULL)
    {
      /* The history cannot be written (disk full...): what the service did
       * is not recorded, so the publication is left as the outbox has it,
       * and the person is told. */
      g_message ("Could not record the outcome of publication %" G_GINT64_FORMAT ": %s", job->id,
                 error->message);
      g_free (job->publication->last_error);
      job->publication->last_error = g_strdup (error->message);
      emit_changed (job, NULL);
      job_end (job);
      job_unref (job);
      return;
    }

  candor_publication_free (job->publication);
  job->publication = publication;
  set_waiting (job->publisher, job->id, publication->state == CANDOR_PUBLICATION_STATE_WAITING);
  emit_changed (job, NULL);

  if (publication->state != CANDOR_PUBLICATION_STATE_WAITING)
    job_end (job);

  job_unref (job);
}

static void
job_record (Job                   *job,
            CandorPublicationState state,
            const char            *remote_id,
            const char            *remote_url,
            const char            *last_error,
            GDateTime             *next_attempt_at)
{
  candor_store_finish_attempt_async (job->publisher->store, job->id, state, remote_id, remote_url,
                                     last_error, next_attempt_at, NULL, on_attempt_finished_cb,
                                     job_ref (job));
}

static gboolean
on_retry_due_cb (gpointer user_data)
{
  Job *job = user_data;

  job->timeout_id = 0;
  if (job->cancelled_id != 0)
    {
      g_cancellable_disconnect (job->cancellable, job->cancelled_id);
      job->cancelled_id = 0;
    }
  job_start (job);
  return G_SOURCE_REMOVE;
}

static void
on_run_cancelled_cb (GCancellable *cancellable, gpointer user_data)
{
  Job *job = user_data;

  /* Nothing is out while a retry waits: stop waiting now. */
  if (job->timeout_id != 0)
    {
      g_source_remove (job->timeout_id);
      job->timeout_id = g_idle_add (on_retry_due_cb, job);
    }
}

/* Tries again after @delay; a long wait the service asked for settles the
 * run, and the publication says it waits. */
static void
job_retry_later (Job *job, gint64 delay, const char *why, gboolean settle)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) next_attempt_at = g_date_time_add (now, delay);

  job_record (job, CANDOR_PUBLICATION_STATE_WAITING, NULL, NULL, why, next_attempt_at);
  job->timeout_id = g_timeout_add (MAX (delay / 1000, 1), on_retry_due_cb, job);
  if (job->cancellable != NULL && job->cancelled_id == 0)
    job->cancelled_id =
      g_cancellable_connect (job->cancellable, G_CALLBACK (on_run_cancelled_cb), job, NULL);
  if (settle)
    job_settle_run (job);
}

static char *
verify_hint (Job *job, const char *what_happened)
{
  CandorChannel *channel =
    job->publisher->lookup (job->publication->channel_id, job->publisher->lookup_data);
  const char *name =
    channel != NULL ? candor_channel_get_name (channel) : job->publication->channel_id;

  /* Translators: %s is what happened, then the channel's name. */
  return g_strdup_printf (_("%s It may have been posted or not: check “%s” before sending it "
                            "again."),
                             what_happened, name);
}

static void
on_published_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Job *job = user_data;
  g_autoptr (CandorPublishReceipt) receipt = NULL;
  g_autoptr (GError) error = NULL;
  gint64 delay = 0;

  receipt = candor_channel_client_publish_finish (CANDOR_CHANNEL_CLIENT (source), result, &error);
  if (job->detached)
    {
      job_unref (job);
      return;
    }

  if (receipt != NULL)
    job_record (job, CANDOR_PUBLICATION_STATE_SENT, receipt->remote_id, receipt->remote_url, NULL,
                NULL);
  else if (g_error_matches (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_UNKNOWN_OUTCOME) &&
           !candor_channel_client_is_idempotent (job->client))
    {
      g_autofree char *hint = verify_hint (job, error->message);

      job_record (job, CANDOR_PUBLICATION_STATE_VERIFY, NULL, NULL, hint, NULL);
    }
  else
    {
      g_autoptr (GError) transient = NULL;
      const GError       *judged = error;
      CandorRetryDecision decision;

      /* The same key makes a resend harmless where the API is idempotent:
       * an unknown outcome is then retried like an unavailable service. */
      if (g_error_matches (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_UNKNOWN_OUTCOME))
        judged = transient = g_error_new_literal (CANDOR_PUBLISH_ERROR,
                                                  CANDOR_PUBLISH_ERROR_UNAVAILABLE, error->message);

      decision = candor_retry_policy_decide (job->publication->attempts, judged,
                                             job->publisher->rand, &delay);
      if (decision == CANDOR_RETRY_GIVE_UP)
        job_record (job, CANDOR_PUBLICATION_STATE_FAILED, NULL, NULL, error->message, NULL);
      else
        job_retry_later (job, delay, error->message, decision == CANDOR_RETRY_WAIT);
    }

  job_unref (job);
}

static void
on_attempt_begun_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Job *job = user_data;
  g_autoptr (CandorOutboxAttempt) attempt = NULL;
  g_autoptr (GError) error = NULL;
  CandorThreadRef thread = { NULL, NULL };

  attempt = candor_store_begin_attempt_finish (CANDOR_STORE (source), result, &error);
  if (job->detached)
    {
      job_unref (job);
      return;
    }

  if (attempt == NULL)
    {
      /* Nothing went out: another run settled it, or the history cannot be
       * written, in which case it must not go out unrecorded. */
      g_message ("Publication %" G_GINT64_FORMAT " not sent: %s", job->id, error->message);
      job_end (job);
      job_unref (job);
      return;
    }

  candor_publication_free (job->publication);
  job->publication = g_steal_pointer (&attempt->publication);
  g_clear_pointer (&job->rendition, candor_sent_rendition_free);
  job->rendition = g_steal_pointer (&attempt->rendition);
  set_waiting (job->publisher, job->id, FALSE);
  emit_changed (job, NULL);

  thread.root_id = attempt->thread_root_id;
  thread.last_id = attempt->thread_last_id;
  /* Not the run's cancellable: once the request is out it is left to finish,
   * so its outcome is known and recorded. */
  candor_channel_client_publish_async (
    job->client, job->rendition, job->publication->idempotency_key,
    thread.root_id != NULL ? &thread : NULL, NULL, on_published_cb, job);
}

static void
job_send (Job *job)
{
  /* A request that was out when Candor stopped may have been posted. */
  if (job->publication->in_flight_since != NULL &&
      !candor_channel_client_is_idempotent (job->client))
    {
      g_autofree char *hint = verify_hint (job, _("Candor stopped while this was being sent."));

      job_record (job, CANDOR_PUBLICATION_STATE_VERIFY, NULL, NULL, hint, NULL);
      return;
    }

  candor_store_begin_attempt_async (job->publisher->store, job->id, NULL, on_attempt_begun_cb,
                                    job_ref (job));
}

static void
job_make_client (Job *job, const char *secret)
{
  CandorPublisher *self = job->publisher;
  CandorChannel   *channel = self->lookup (job->publication->channel_id, self->lookup_data);
  g_autoptr (GError) error = NULL;

  if (channel == NULL)
    {
      g_autofree char *text = g_strdup_printf (
        _("The channel “%s” is no longer set up: set it up again in Preferences, or send the "
          "message by hand and mark it as sent."),
           job->publication->channel_id);

      job_record (job, CANDOR_PUBLICATION_STATE_FAILED, NULL, NULL, text, NULL);
      return;
    }

  job->client =
    self->client_factory (channel, secret, self->http, self->client_factory_data, &error);
  if (job->client == NULL)
    {
      job_record (job, CANDOR_PUBLICATION_STATE_FAILED, NULL, NULL, error->message, NULL);
      return;
    }

  job_send (job);
}

static void
on_secret_found_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Job *job = user_data;
  g_autoptr (GError) error = NULL;
  char *secret = candor_secrets_lookup_finish (result, &error);

  if (job->detached)
    {
      secret_password_free (secret);
      job_unref (job);
      return;
    }

  if (error != NULL)
    job_record (job, CANDOR_PUBLICATION_STATE_FAILED, NULL, NULL, error->message, NULL);
  else
    job_make_client (job, secret);

  secret_password_free (secret);
  job_unref (job);
}

static void
job_start (Job *job)
{
  CandorPublisher *self = job->publisher;

  if (job->cancellable != NULL && g_cancellable_is_cancelled (job->cancellable))
    {
      job_record (job, CANDOR_PUBLICATION_STATE_FAILED, NULL, NULL,
                  _("Not sent: publishing was cancelled before this went out."), NULL);
      return;
    }

  if (!self->online)
    {
      /* It stays queued; the outbox resumes it when the network returns. */
      set_waiting (self, job->id, TRUE);
      emit_changed (job, _("Waiting for the network"));
      job_end (job);
      return;
    }

  if (job->client != NULL)
    job_send (job);
  else if (self->secrets != NULL)
    job_make_client (job, g_hash_table_lookup (self->secrets, job->publication->channel_id));
  else
    candor_secrets_lookup_async (job->publication->channel_id, NULL, on_secret_found_cb,
                                 job_ref (job));
}

/* Starts sending @publication unless a job already has it; FALSE then. */
static gboolean
start_job (CandorPublisher *self, CandorPublication *publication, Run *run, guint run_index)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  Job *job;

  if (g_hash_table_contains (self->active, &publication->id))
    return FALSE;

  job = g_new0 (Job, 1);
  job->ref_count = 1;
  job->publisher = self;
  job->id = publication->id;
  job->publication = candor_publication_copy (publication);
  job->run = run;
  job->run_index = run_index;
  job->cancellable =
    run != NULL && run->cancellable != NULL ? g_object_ref (run->cancellable) : NULL;
  g_hash_table_insert (self->active, &job->id, job);
  if (run != NULL)
    run->pending++;

  /* A retry the service asked to wait for is due later, also after a restart. */
  if (publication->next_attempt_at != NULL && publication->in_flight_since == NULL &&
      g_date_time_compare (publication->next_attempt_at, now) > 0)
    {
      set_waiting (self, job->id, TRUE);
      job->timeout_id = g_timeout_add_seconds (
        g_date_time_difference (publication->next_attempt_at, now) / G_USEC_PER_SEC + 1,
        on_retry_due_cb, job);
      job_settle_run (job);
      return TRUE;
    }

  job_start (job);
  return TRUE;
}

/* Starts every job of a run at once, then lets the run complete when they
 * have settled; a run whose jobs settled while starting completes here. */
static void
start_run (CandorPublisher *self, Run *run, GPtrArray *publications)
{
  /* Held while starting, so no settled job completes the run early. */
  run->pending++;
  for (guint i = 0; i < publications->len; i++)
    {
      CandorPublication *publication = g_ptr_array_index (publications, i);

      if (run->sent == NULL || publication->state == CANDOR_PUBLICATION_STATE_WAITING)
        start_job (self, publication, run, i);
    }

  if (--run->pending == 0)
    run_complete (run);
}

/* Each rendition is recorded in its own language (its channel's, else its
 * audience's, else the incident's primary one), as the search and the
 * exports find it by. */
static GPtrArray *
make_sent_renditions (GPtrArray *renditions, GError **error)
{
  g_autoptr (GPtrArray) sent =
    g_ptr_array_new_with_free_func ((GDestroyNotify)candor_sent_rendition_free);

  for (guint i = 0; i < renditions->len; i++)
    {
      CandorRendition     *rendered = g_ptr_array_index (renditions, i);
      CandorSentRendition *rendition = candor_sent_rendition_new_from_rendition (
        rendered, candor_rendition_get_language (rendered), error);

      if (rendition == NULL)
        return NULL;
      g_ptr_array_add (sent, rendition);
    }

  return g_steal_pointer (&sent);
}

typedef struct
{
  Run                   *run;
  CandorIncident        *incident;
  CandorPublicationState state;
} QueueCall;

static void
on_update_queued_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  QueueCall       *call = user_data;
  Run             *run = call->run;
  CandorPublisher *self = g_task_get_source_object (run->task);
  g_autoptr (GPtrArray) publications = NULL;
  GError *error = NULL;

  publications = candor_store_queue_update_finish (CANDOR_STORE (source), result, &error);
  if (publications == NULL)
    {
      g_task_return_error (run->task, error);
      run_free (run);
      g_object_unref (call->incident);
      g_free (call);
      return;
    }

  run->sent->publications =
    g_ptr_array_new_full (publications->len, (GDestroyNotify)candor_publication_free);
  for (guint i = 0; i < publications->len; i++)
    g_ptr_array_add (run->sent->publications,
                     candor_publication_copy (g_ptr_array_index (publications, i)));

  g_signal_emit (self, signals[UPDATE_RECORDED], 0, call->incident, run->sent->update);
  for (guint i = 0; i < publications->len; i++)
    {
      g_autoptr (CandorPublication) copy =
        candor_publication_copy (g_ptr_array_index (publications, i));

      g_signal_emit (self, signals[PUBLICATION_CHANGED], 0, copy);
    }

  g_object_unref (call->incident);
  g_free (call);
  start_run (self, run, publications);
}

static void
on_incident_saved_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  QueueCall *call = user_data;
  Run       *run = call->run;
  GError    *error = NULL;

  if (!candor_store_save_incident_finish (CANDOR_STORE (source), result, &error))
    {
      g_task_return_error (run->task, error);
      run_free (run);
      g_object_unref (call->incident);
      g_free (call);
      return;
    }

  candor_store_queue_update_async (CANDOR_STORE (source), candor_incident_get_id (call->incident),
                                   run->sent->update, run->sent->sent_at, run->sent->renditions,
                                   call->state, NULL, on_update_queued_cb, call);
}

static void
queue_update (CandorPublisher       *self,
              Run                   *run,
              CandorIncident        *incident,
              CandorUpdate          *update,
              GPtrArray             *renditions,
              GDateTime             *sent_at,
              CandorPublicationState state)
{
  g_autoptr (GPtrArray) sent_renditions = NULL;
  GError    *error = NULL;
  QueueCall *call;

  sent_renditions = make_sent_renditions (renditions, &error);
  if (sent_renditions == NULL)
    {
      g_task_return_error (run->task, error);
      run_free (run);
      return;
    }

  run->sent = g_new0 (CandorSentUpdate, 1);
  run->sent->update = candor_update_copy (update);
  run->sent->sent_at = g_date_time_ref (sent_at);
  run->sent->renditions = g_steal_pointer (&sent_renditions);

  call = g_new0 (QueueCall, 1);
  call->run = run;
  call->incident = candor_incident_copy (incident);
  call->state = state;

  /* A new incident's first update is its first record: the incident is
   * saved as it stands, then the update queued with it. */
  candor_store_save_incident_async (self->store, call->incident, NULL, on_incident_saved_cb, call);
}

/**
 * candor_publisher_publish_async:
 * @renditions: (element-type CandorRendition): a composition's renditions,
 *   each knowing its audience and channel id
 *
 * Records @update with its renditions and one waiting publication per
 * rendition in one transaction, then sends them all at once. Cancelling
 * stops what has not gone out; a request already out is left to finish.
 */
void
candor_publisher_publish_async (CandorPublisher    *self,
                                CandorIncident     *incident,
                                CandorUpdate       *update,
                                GPtrArray          *renditions,
                                GCancellable       *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer            user_data)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  g_return_if_fail (CANDOR_IS_PUBLISHER (self));
  g_return_if_fail (CANDOR_IS_INCIDENT (incident));
  g_return_if_fail (CANDOR_IS_UPDATE (update));
  g_return_if_fail (renditions != NULL);

  queue_update (self,
                run_new (self, candor_publisher_publish_async, cancellable, callback, user_data),
                incident, update, renditions, now, CANDOR_PUBLICATION_STATE_WAITING);
}

/**
 * candor_publisher_publish_finish:
 *
 * Returns: (transfer full): the recorded update with every publication's
 *   state when the run settled; %NULL with an error only when nothing could
 *   be recorded.
 */
CandorSentUpdate *
candor_publisher_publish_finish (CandorPublisher *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == candor_publisher_publish_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * candor_publisher_mark_sent_async:
 * @renditions: (element-type CandorRendition): what was sent by hand
 * @sent_at: when the person sent it
 *
 * Records @update as sent by hand at @sent_at (an audience without a
 * channel, an .eml sent from the author's mail client): each rendition's
 * publication is SENT, and nothing goes out.
 */
void
candor_publisher_mark_sent_async (CandorPublisher    *self,
                                  CandorIncident     *incident,
                                  CandorUpdate       *update,
                                  GPtrArray          *renditions,
                                  GDateTime          *sent_at,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  g_return_if_fail (CANDOR_IS_PUBLISHER (self));
  g_return_if_fail (CANDOR_IS_INCIDENT (incident));
  g_return_if_fail (CANDOR_IS_UPDATE (update));
  g_return_if_fail (renditions != NULL);
  g_return_if_fail (sent_at != NULL);

  queue_update (self,
                run_new (self, candor_publisher_mark_sent_async, cancellable, callback, user_data),
                incident, update, renditions, sent_at, CANDOR_PUBLICATION_STATE_SENT);
}

/**
 * candor_publisher_mark_sent_finish:
 *
 * Returns: (transfer full): the recorded update, every publication SENT.
 */
CandorSentUpdate *
candor_publisher_mark_sent_finish (CandorPublisher *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == candor_publisher_mark_sent_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_pending_listed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Run             *run = user_data;
  CandorPublisher *self = g_task_get_source_object (run->task);
  g_autoptr (GPtrArray) publications = NULL;
  GError *error = NULL;

  publications =
    candor_store_list_pending_publications_finish (CANDOR_STORE (source), result, &error);
  if (publications == NULL)
    {
      g_task_return_error (run->task, error);
      run_free (run);
      return;
    }

  start_run (self, run, publications);
}

/**
 * candor_publisher_resume_async:
 *
 * Sends what the outbox holds pending: waiting publications, and those a
 * crash left in flight, which are sent again only when their channel's API
 * takes the same idempotency key twice and otherwise become VERIFY.
 * Completes when each has settled.
 */
void
candor_publisher_resume_async (CandorPublisher    *self,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  g_return_if_fail (CANDOR_IS_PUBLISHER (self));

  candor_store_list_pending_publications_async (
    self->store, NULL, on_pending_listed_cb,
    run_new (self, candor_publisher_resume_async, cancellable, callback, user_data));
}

gboolean
candor_publisher_resume_finish (CandorPublisher *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == candor_publisher_resume_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
