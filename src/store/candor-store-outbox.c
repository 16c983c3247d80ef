/* candor-store-outbox.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "candor-enum-types.h"

#include "candor-store-private.h"

gint64
candor_store_add_publication (CandorStore *self,
                              gint64       rendition_id,
                              const char  *channel_id,
                              GError     **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  g_return_val_if_fail (CANDOR_IS_STORE (self), 0);
  g_return_val_if_fail (rendition_id > 0, 0);
  g_return_val_if_fail (channel_id != NULL, 0);

  CANDOR_STORE_LOCK_GUARD (self);

  if (!_candor_store_prepare (
        self,
        "INSERT INTO publications (rendition_id, channel_id, state, created_at,"
        " updated_at, idempotency_key) VALUES (?1, ?2, 'waiting', ?3, ?3, ?4)",
        &stmt, error))
    return 0;

  sqlite3_bind_int64 (stmt, 1, rendition_id);
  sqlite3_bind_text (stmt, 2, channel_id, -1, SQLITE_TRANSIENT);
  _candor_store_bind_time (stmt, 3, now);
  sqlite3_bind_text (stmt, 4, g_uuid_string_random (), -1, g_free);

  if (!_candor_store_step_done (self, stmt, error))
    return 0;

  return sqlite3_last_insert_rowid (self->db);
}

gboolean
candor_store_set_publication_state (CandorStore           *self,
                                    gint64                 publication_id,
                                    CandorPublicationState state,
                                    const char            *remote_id,
                                    const char            *remote_url,
                                    const char            *last_error,
                                    GError               **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  g_return_val_if_fail (CANDOR_IS_STORE (self), FALSE);
  g_return_val_if_fail (state <= CANDOR_PUBLICATION_STATE_VERIFY, FALSE);

  CANDOR_STORE_LOCK_GUARD (self);

  if (!_candor_store_prepare (
        self,
        "UPDATE publications SET state = ?2,"
        " remote_id = COALESCE (?3, remote_id), remote_url = COALESCE (?4, remote_url),"
        " last_error = ?5, attempts = attempts + ?6, updated_at = ?7 WHERE id = ?1",
        &stmt, error))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, publication_id);
  sqlite3_bind_text (stmt, 2, candor_publication_state_to_string (state), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, remote_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, remote_url, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, last_error, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 6, state != CANDOR_PUBLICATION_STATE_WAITING);
  _candor_store_bind_time (stmt, 7, now);

  if (!_candor_store_step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_NOT_FOUND,
                   _("There is no publication %lld in the outbox"), (long long)publication_id);
      return FALSE;
    }

  return TRUE;
}

#define PUBLICATION_COLUMNS                                                   \
  "p.id, p.rendition_id, p.channel_id, p.state, p.remote_id, p.remote_url,"   \
  " p.attempts, p.last_error, p.created_at, p.updated_at, p.idempotency_key," \
  " p.next_attempt_at, p.in_flight_since"

static CandorPublication *
publication_from_row (sqlite3_stmt *stmt)
{
  CandorPublication *publication = g_new0 (CandorPublication, 1);

  publication->id = sqlite3_column_int64 (stmt, 0);
  publication->rendition_id = sqlite3_column_int64 (stmt, 1);
  publication->channel_id = g_strdup (_candor_store_column_text (stmt, 2));
  publication->state = candor_publication_state_from_string (_candor_store_column_text (stmt, 3));
  publication->remote_id = g_strdup (_candor_store_column_text (stmt, 4));
  publication->remote_url = g_strdup (_candor_store_column_text (stmt, 5));
  publication->attempts = sqlite3_column_int (stmt, 6);
  publication->last_error = g_strdup (_candor_store_column_text (stmt, 7));
  publication->created_at = _candor_store_column_time (stmt, 8);
  publication->updated_at = _candor_store_column_time (stmt, 9);
  publication->idempotency_key = g_strdup (_candor_store_column_text (stmt, 10));
  publication->next_attempt_at = _candor_store_column_time (stmt, 11);
  publication->in_flight_since = _candor_store_column_time (stmt, 12);
  return publication;
}

/* Every publication the statement's rows name, or NULL with @error. */
static GPtrArray *
read_publications (CandorStore *self, sqlite3_stmt *stmt, GError **error)
{
  g_autoptr (GPtrArray) publications =
    g_ptr_array_new_with_free_func ((GDestroyNotify)candor_publication_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (publications, publication_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      _candor_store_set_error (error, self->db, rc, self->path);
      return NULL;
    }

  return g_steal_pointer (&publications);
}

static CandorPublication *
load_publication (CandorStore *self, gint64 publication_id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) publications = NULL;

  if (!_candor_store_prepare (
        self, "SELECT " PUBLICATION_COLUMNS " FROM publications p WHERE p.id = ?1", &stmt, error))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, publication_id);
  publications = read_publications (self, stmt, error);
  if (publications == NULL)
    return NULL;

  if (publications->len == 0)
    {
      g_set_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_NOT_FOUND,
                   _("There is no publication %lld in the outbox"), (long long)publication_id);
      return NULL;
    }

  return g_ptr_array_steal_index (publications, 0);
}

/**
 * candor_store_queue_update:
 * @renditions: (element-type CandorSentRendition): what each audience
 *   receives through which channel; their ids are set
 * @state: WAITING for publications to be sent, SENT for an update sent by hand
 *
 * Records @update, its renditions and one publication per rendition on the
 * rendition's channel in ONE transaction, so a crash can never leave an
 * update that looks sent with nothing queued. Each publication gets its
 * idempotency key now, kept for all its attempts.
 *
 * Returns: (transfer full) (element-type CandorPublication): the queued
 *   publications, in the renditions' order.
 */
GPtrArray *
candor_store_queue_update (CandorStore           *self,
                           const char            *incident_id,
                           CandorUpdate          *update,
                           GDateTime             *sent_at,
                           GPtrArray             *renditions,
                           CandorPublicationState state,
                           GError               **error)
{
  g_autoptr (GPtrArray) publications =
    g_ptr_array_new_with_free_func ((GDestroyNotify)candor_publication_free);
  gboolean nested;

  g_return_val_if_fail (CANDOR_IS_STORE (self), NULL);
  g_return_val_if_fail (renditions != NULL, NULL);
  g_return_val_if_fail (
    state == CANDOR_PUBLICATION_STATE_WAITING || state == CANDOR_PUBLICATION_STATE_SENT, NULL);

  CANDOR_STORE_LOCK_GUARD (self);

  if (!_candor_store_begin_write (self, error))
    return NULL;
  nested = self->nested_write;

  /* Its own write is a savepoint inside this transaction, and says so in
   * nested_write: this one's commit or rollback must be told its own kind. */
  if (!candor_store_record_update (self, incident_id, update, sent_at, renditions, error))
    {
      self->nested_write = nested;
      goto fail;
    }
  self->nested_write = nested;

  for (guint i = 0; i < renditions->len; i++)
    {
      CandorSentRendition *rendition = g_ptr_array_index (renditions, i);
      g_autoptr (sqlite3_stmt) stmt = NULL;
      CandorPublication *publication;

      if (!_candor_store_prepare (
            self,
            "INSERT INTO publications (rendition_id, channel_id, state, attempts, created_at,"
            " updated_at, idempotency_key) VALUES (?1, ?2, ?3, 0, ?4, ?4, ?5)",
            &stmt, error))
        goto fail;

      sqlite3_bind_int64 (stmt, 1, rendition->id);
      sqlite3_bind_text (stmt, 2, rendition->channel_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, candor_publication_state_to_string (state), -1, SQLITE_STATIC);
      _candor_store_bind_time (stmt, 4, sent_at);
      sqlite3_bind_text (stmt, 5, g_uuid_string_random (), -1, g_free);
      if (!_candor_store_step_done (self, stmt, error))
        goto fail;

      publication = load_publication (self, sqlite3_last_insert_rowid (self->db), error);
      if (publication == NULL)
        goto fail;
      g_ptr_array_add (publications, publication);
    }

  if (!_candor_store_commit (self, error))
    goto fail;

  return g_steal_pointer (&publications);

fail:
  _candor_store_rollback (self);
  for (guint i = 0; i < renditions->len; i++)
    ((CandorSentRendition *)g_ptr_array_index (renditions, i))->id = 0;
  return NULL;
}

/**
 * candor_store_begin_attempt:
 *
 * Marks the publication's attempt as started before its request goes out:
 * one more attempt, in flight since now. Reads what sending needs with it.
 *
 * Returns: (transfer full): the attempt, or %NULL with NOT_FOUND, or with
 *   INVALID when the publication is no longer waiting.
 */
CandorOutboxAttempt *
candor_store_begin_attempt (CandorStore *self, gint64 publication_id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (CandorOutboxAttempt) attempt = g_new0 (CandorOutboxAttempt, 1);
  g_autoptr (GPtrArray) renditions = NULL;

  g_return_val_if_fail (CANDOR_IS_STORE (self), NULL);

  CANDOR_STORE_LOCK_GUARD (self);

  if (!_candor_store_prepare (self,
                              "UPDATE publications SET attempts = attempts + 1,"
                              " in_flight_since = ?2, next_attempt_at = NULL, updated_at = ?2"
                              " WHERE id = ?1 AND state = 'waiting'",
                              &stmt, error))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, publication_id);
  _candor_store_bind_time (stmt, 2, now);
  if (!_candor_store_step_done (self, stmt, error))
    return NULL;

  if (sqlite3_changes (self->db) == 0)
    {
      g_autoptr (CandorPublication) publication = load_publication (self, publication_id, error);

      if (publication != NULL)
        g_set_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_INVALID,
                     _("Publication %lld is %s, not waiting to be sent"),
                        (long long)publication_id,
                        candor_publication_state_to_string (publication->state));
      return NULL;
    }

  attempt->publication = load_publication (self, publication_id, error);
  if (attempt->publication == NULL)
    return NULL;

  attempt->rendition =
    candor_store_load_rendition (self, attempt->publication->rendition_id, error);
  if (attempt->rendition == NULL)
    return NULL;

  if (!candor_store_get_thread_ref (self, publication_id, &attempt->thread_root_id,
                                    &attempt->thread_last_id, error))
    return NULL;

  return g_steal_pointer (&attempt);
}

/**
 * candor_store_finish_attempt:
 * @state: SENT (with @remote_id and @remote_url), WAITING (with
 *   @next_attempt_at and why in @last_error), FAILED (with the error) or
 *   VERIFY (with what to check)
 *
 * Records an attempt's outcome and clears its in-flight mark.
 *
 * Returns: (transfer full): the publication as now stored.
 */
CandorPublication *
candor_store_finish_attempt (CandorStore           *self,
                             gint64                 publication_id,
                             CandorPublicationState state,
                             const char            *remote_id,
                             const char            *remote_url,
                             const char            *last_error,
                             GDateTime             *next_attempt_at,
                             GError               **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  g_return_val_if_fail (CANDOR_IS_STORE (self), NULL);
  g_return_val_if_fail (state <= CANDOR_PUBLICATION_STATE_VERIFY, NULL);

  CANDOR_STORE_LOCK_GUARD (self);

  if (!_candor_store_prepare (
        self,
        "UPDATE publications SET state = ?2, remote_id = COALESCE (?3, remote_id),"
        " remote_url = COALESCE (?4, remote_url), last_error = ?5, next_attempt_at = ?6,"
        " in_flight_since = NULL, updated_at = ?7 WHERE id = ?1",
        &stmt, error))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, publication_id);
  sqlite3_bind_text (stmt, 2, candor_publication_state_to_string (state), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, remote_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, remote_url, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, last_error, -1, SQLITE_TRANSIENT);
  _candor_store_bind_time (stmt, 6,
                           state == CANDOR_PUBLICATION_STATE_WAITING ? next_attempt_at : NULL);
  _candor_store_bind_time (stmt, 7, now);
  if (!_candor_store_step_done (self, stmt, error))
    return NULL;

  return load_publication (self, publication_id, error);
}

/**
 * candor_store_list_pending_publications:
 *
 * Returns: (transfer full) (element-type CandorPublication): the waiting
 *   publications, those a crash left in flight included, oldest first.
 */
GPtrArray *
candor_store_list_pending_publications (CandorStore *self, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CANDOR_IS_STORE (self), NULL);

  CANDOR_STORE_LOCK_GUARD (self);

  if (!_candor_store_prepare (self,
                              "SELECT " PUBLICATION_COLUMNS " FROM publications p"
                              " WHERE p.state = 'waiting' ORDER BY p.id",
                              &stmt, error))
    return NULL;

  return read_publications (self, stmt, error);
}

/**
 * candor_store_load_rendition:
 *
 * Returns: (transfer full): the rendition with @rendition_id, as recorded.
 */
CandorSentRendition *
candor_store_load_rendition (CandorStore *self, gint64 rendition_id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  CandorSentRendition *rendition;
  int                  rc;

  g_return_val_if_fail (CANDOR_IS_STORE (self), NULL);

  CANDOR_STORE_LOCK_GUARD (self);

  if (!_candor_store_prepare (self,
                              "SELECT id, audience, dialect, language, subject, body, mime, html,"
                              " json, message_id, channel_id FROM renditions WHERE id = ?1",
                              &stmt, error))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, rendition_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_NOT_FOUND,
                   _("There is no rendition %lld in the history"), (long long)rendition_id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _candor_store_set_error (error, self->db, rc, self->path);
      return NULL;
    }

  rendition = g_new0 (CandorSentRendition, 1);
  rendition->id = sqlite3_column_int64 (stmt, 0);
  rendition->audience = g_strdup (_candor_store_column_text (stmt, 1));
  rendition->dialect =
    _candor_store_enum_from_column (CANDOR_TYPE_DIALECT, stmt, 2, CANDOR_DIALECT_PLAIN);
  rendition->language = g_strdup (_candor_store_column_text (stmt, 3));
  rendition->subject = g_strdup (_candor_store_column_text (stmt, 4));
  rendition->body = g_strdup (_candor_store_column_text (stmt, 5));
  if (sqlite3_column_type (stmt, 6) != SQLITE_NULL)
    rendition->mime = g_bytes_new (sqlite3_column_blob (stmt, 6), sqlite3_column_bytes (stmt, 6));
  rendition->html = g_strdup (_candor_store_column_text (stmt, 7));
  rendition->json = g_strdup (_candor_store_column_text (stmt, 8));
  rendition->message_id = g_strdup (_candor_store_column_text (stmt, 9));
  rendition->channel_id = g_strdup (_candor_store_column_text (stmt, 10));
  return rendition;
}

/**
 * candor_store_get_thread_ref:
 * @root_id: (out) (optional): the remote id of the first earlier message
 * @last_id: (out) (optional): the remote id of the latest earlier message
 *
 * Where a follow-up goes: earlier SENT publications of the same incident on
 * the same channel, from updates sent before this publication's. Both are
 * %NULL for the incident's first message on the channel.
 */
gboolean
candor_store_get_thread_ref (CandorStore *self,
                             gint64       publication_id,
                             char       **root_id,
                             char       **last_id,
                             GError     **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  int              rc;

  g_return_val_if_fail (CANDOR_IS_STORE (self), FALSE);

  CANDOR_STORE_LOCK_GUARD (self);

  if (!_candor_store_prepare (
        self,
        "SELECT earlier.remote_id FROM publications p"
        " JOIN renditions r ON r.id = p.rendition_id"
        " JOIN updates u ON u.num = r.update_num"
        " JOIN updates eu ON eu.incident_num = u.incident_num AND eu.num <> u.num"
        "   AND (eu.sent_at < u.sent_at OR (eu.sent_at = u.sent_at AND eu.num < u.num))"
        " JOIN renditions er ON er.update_num = eu.num"
        " JOIN publications earlier ON earlier.rendition_id = er.id"
        "   AND earlier.channel_id = p.channel_id AND earlier.state = 'sent'"
        "   AND earlier.remote_id IS NOT NULL"
        " WHERE p.id = ?1 ORDER BY eu.sent_at, eu.num, earlier.id",
        &stmt, error))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, publication_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *remote_id = _candor_store_column_text (stmt, 0);

      if (first == NULL)
        first = g_strdup (remote_id);
      g_free (last);
      last = g_strdup (remote_id);
    }

  if (rc != SQLITE_DONE)
    return _candor_store_set_error (error, self->db, rc, self->path);

  if (root_id != NULL)
    *root_id = g_steal_pointer (&first);
  if (last_id != NULL)
    *last_id = g_steal_pointer (&last);
  return TRUE;
}

void
candor_outbox_attempt_free (CandorOutboxAttempt *attempt)
{
  if (attempt == NULL)
    return;

  g_clear_pointer (&attempt->publication, candor_publication_free);
  g_clear_pointer (&attempt->rendition, candor_sent_rendition_free);
  g_free (attempt->thread_root_id);
  g_free (attempt->thread_last_id);
  g_free (attempt);
}

/* The async twins run on the store's worker, in order with its other calls. */

typedef struct
{
  char                  *incident_id;
  CandorUpdate          *update;
  GDateTime             *sent_at;
  GDateTime             *next_attempt_at;
  GPtrArray             *renditions;
  gint64                 publication_id;
  CandorPublicationState state;
  char                  *remote_id;
  char                  *remote_url;
  char                  *last_error;
} OutboxCall;

static void
outbox_call_free (OutboxCall *call)
{
  g_free (call->incident_id);
  g_clear_object (&call->update);
  g_clear_pointer (&call->sent_at, g_date_time_unref);
  g_clear_pointer (&call->next_attempt_at, g_date_time_unref);
  g_clear_pointer (&call->renditions, g_ptr_array_unref);
  g_free (call->remote_id);
  g_free (call->remote_url);
  g_free (call->last_error);
  g_free (call);
}

static GTask *
new_outbox_task (CandorStore        *self,
                 gpointer            source_tag,
                 GCancellable       *cancellable,
                 GAsyncReadyCallback callback,
                 gpointer            user_data,
                 OutboxCall        **call)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  *call = g_new0 (OutboxCall, 1);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, *call, (GDestroyNotify)outbox_call_free);
  return task;
}

static void
queue_update_job (CandorStore *self, GTask *task)
{
  OutboxCall *call = g_task_get_task_data (task);
  GError     *error = NULL;
  GPtrArray  *publications;

  publications = candor_store_queue_update (self, call->incident_id, call->update, call->sent_at,
                                            call->renditions, call->state, &error);
  _candor_store_return_pointer (task, publications, (GDestroyNotify)g_ptr_array_unref, error);
}

void
candor_store_queue_update_async (CandorStore           *self,
                                 const char            *incident_id,
                                 CandorUpdate          *update,
                                 GDateTime             *sent_at,
                                 GPtrArray             *renditions,
                                 CandorPublicationState state,
                                 GCancellable          *cancellable,
                                 GAsyncReadyCallback    callback,
                                 gpointer               user_data)
{
  g_autoptr (GTask) task = NULL;
  OutboxCall *call;

  g_return_if_fail (CANDOR_IS_STORE (self));
  g_return_if_fail (incident_id != NULL);
  g_return_if_fail (CANDOR_IS_UPDATE (update));
  g_return_if_fail (sent_at != NULL);
  g_return_if_fail (renditions != NULL);

  task = new_outbox_task (self, candor_store_queue_update_async, cancellable, callback, user_data,
                          &call);
  call->incident_id = g_strdup (incident_id);
  call->update = candor_update_copy (update);
  call->sent_at = g_date_time_ref (sent_at);
  /* Shared, not copied: the caller reads the renditions' ids once done. */
  call->renditions = g_ptr_array_ref (renditions);
  call->state = state;
  _candor_store_run_job (self, task, queue_update_job);
}

GPtrArray *
candor_store_queue_update_finish (CandorStore *self, GAsyncResult *result, GError **error)
{
  return _candor_store_finish_pointer (self, result, candor_store_queue_update_async, error);
}

static void
begin_attempt_job (CandorStore *self, GTask *task)
{
  OutboxCall          *call = g_task_get_task_data (task);
  GError              *error = NULL;
  CandorOutboxAttempt *attempt;

  attempt = candor_store_begin_attempt (self, call->publication_id, &error);
  _candor_store_return_pointer (task, attempt, (GDestroyNotify)candor_outbox_attempt_free, error);
}

void
candor_store_begin_attempt_async (CandorStore        *self,
                                  gint64              publication_id,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  OutboxCall *call;

  g_return_if_fail (CANDOR_IS_STORE (self));

  task = new_outbox_task (self, candor_store_begin_attempt_async, cancellable, callback, user_data,
                          &call);
  call->publication_id = publication_id;
  _candor_store_run_job (self, task, begin_attempt_job);
}

CandorOutboxAttempt *
candor_store_begin_attempt_finish (CandorStore *self, GAsyncResult *result, GError **error)
{
  return _candor_store_finish_pointer (self, result, candor_store_begin_attempt_async, error);
}

static void
finish_attempt_job (CandorStore *self, GTask *task)
{
  OutboxCall        *call = g_task_get_task_data (task);
  GError            *error = NULL;
  CandorPublication *publication;

  publication =
    candor_store_finish_attempt (self, call->publication_id, call->state, call->remote_id,
                                 call->remote_url, call->last_error, call->next_attempt_at, &error);
  _candor_store_return_pointer (task, publication, (GDestroyNotify)candor_publication_free, error);
}

void
candor_store_finish_attempt_async (CandorStore           *self,
                                   gint64                 publication_id,
                                   CandorPublicationState state,
                                   const char            *remote_id,
                                   const char            *remote_url,
                                   const char            *last_error,
                                   GDateTime             *next_attempt_at,
                                   GCancellable          *cancellable,
                                   GAsyncReadyCallback    callback,
                                   gpointer               user_data)
{
  g_autoptr (GTask) task = NULL;
  OutboxCall *call;

  g_return_if_fail (CANDOR_IS_STORE (self));
  g_return_if_fail (state <= CANDOR_PUBLICATION_STATE_VERIFY);

  task = new_outbox_task (self, candor_store_finish_attempt_async, cancellable, callback, user_data,
                          &call);
  call->publication_id = publication_id;
  call->state = state;
  call->remote_id = g_strdup (remote_id);
  call->remote_url = g_strdup (remote_url);
  call->last_error = g_strdup (last_error);
  call->next_attempt_at = next_attempt_at != NULL ? g_date_time_ref (next_attempt_at) : NULL;
  _candor_store_run_job (self, task, finish_attempt_job);
}

CandorPublication *
candor_store_finish_attempt_finish (CandorStore *self, GAsyncResult *result, GError **error)
{
  return _candor_store_finish_pointer (self, result, candor_store_finish_attempt_async, error);
}

static void
list_pending_job (CandorStore *self, GTask *task)
{
  GError    *error = NULL;
  GPtrArray *publications = candor_store_list_pending_publications (self, &error);

  _candor_store_return_pointer (task, publications, (GDestroyNotify)g_ptr_array_unref, error);
}

void
candor_store_list_pending_publications_async (CandorStore        *self,
                                              GCancellable       *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  OutboxCall *call;

  g_return_if_fail (CANDOR_IS_STORE (self));

  task = new_outbox_task (self, candor_store_list_pending_publications_async, cancellable, callback,
                          user_data, &call);
  _candor_store_run_job (self, task, list_pending_job);
}

GPtrArray *
candor_store_list_pending_publications_finish (CandorStore  *self,
                                               GAsyncResult *result,
                                               GError      **error)
{
  return _candor_store_finish_pointer (self, result, candor_store_list_pending_publications_async,
                                       error);
}
