/* candor-store-history.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "candor-enum-types.h"
#include "candor-store-private.h"

/* Services and languages are kept as JSON arrays of strings. */
static char *
strv_to_json (const char *const *strv)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

static GStrv
strv_from_json (const char *text)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr (JsonNode) root = json_from_string (text, NULL);

  if (root != NULL && JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *string = json_array_get_string_element (array, i);

          if (string != NULL)
            g_strv_builder_add (builder, string);
        }
    }

  return g_strv_builder_end (builder);
}

/* The column holds what the draft format writes as
 * incident.title-translations, checked by the table; a value the incident
 * refuses leaves the title in its primary language only. */
static void
read_title_translations (CandorIncident *incident, const char *text)
{
  g_autoptr (JsonNode) root = json_from_string (text, NULL);
  g_autoptr (GError) error = NULL;

  if (root != NULL &&
      !candor_incident_read_title_translations (incident, root, "title_translations", &error))
    g_warning ("Incident %s: %s", candor_incident_get_id (incident), error->message);
}

static CandorIncident *
incident_from_row (sqlite3_stmt *stmt)
{
  /* Columns: id, title, services, severity, state, language, started_at,
   * detected_at, resolved_at, sla_relevant, other_languages, title_translations. */
  g_auto (GStrv) services = strv_from_json (_candor_store_column_text (stmt, 2));
  g_auto (GStrv) other_languages = strv_from_json (_candor_store_column_text (stmt, 10));
  CandorIncident *incident;
  g_autoptr (GDateTime) started_at = _candor_store_column_time (stmt, 6);
  g_autoptr (GDateTime) detected_at = _candor_store_column_time (stmt, 7);
  g_autoptr (GDateTime) resolved_at = _candor_store_column_time (stmt, 8);

  incident = g_object_new (
    CANDOR_TYPE_INCIDENT, "id", _candor_store_column_text (stmt, 0), "title",
    _candor_store_column_text (stmt, 1), "services", services, "severity",
    _candor_store_enum_from_column (CANDOR_TYPE_SEVERITY, stmt, 3, CANDOR_SEVERITY_MINOR), "state",
    _candor_store_enum_from_column (CANDOR_TYPE_INCIDENT_STATE, stmt, 4,
                                    CANDOR_INCIDENT_STATE_INVESTIGATING),
    "language", _candor_store_column_text (stmt, 5), "started-at", started_at, "detected-at",
    detected_at, "resolved-at", resolved_at, "sla-relevant", sqlite3_column_int (stmt, 9) != 0,
    NULL);
  candor_incident_set_other_languages (incident, (const char *const *)other_languages);
  read_title_translations (incident, _candor_store_column_text (stmt, 11));

  return incident;
}

CandorIncident *
_candor_store_incident_from_row (sqlite3_stmt *stmt)
{
  return incident_from_row (stmt);
}

#define INCIDENT_COLUMNS                                                                  \
  "id, title, services, severity, state, language, started_at, detected_at, resolved_at," \
  " sla_relevant, other_languages, title_translations"

static char *
update_fields_to_json (CandorUpdate *update)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (builder);
  for (CandorField field = 0; field < CANDOR_N_FIELDS; field++)
    {
      json_builder_set_member_name (builder, candor_enum_to_nick (CANDOR_TYPE_FIELD, field));
      json_builder_add_string_value (builder, candor_update_get_field (update, field));
    }
  json_builder_set_member_name (builder, "contact-name");
  json_builder_add_string_value (builder, candor_update_get_contact_name (update));
  json_builder_set_member_name (builder, "contact-reach");
  json_builder_add_string_value (builder, candor_update_get_contact_reach (update));
  json_builder_set_member_name (builder, "no-lasting-consequences");
  json_builder_add_boolean_value (builder, candor_update_get_no_lasting_consequences (update));
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

static void
update_fields_from_json (CandorUpdate *update, const char *text)
{
  g_autoptr (JsonNode) root = json_from_string (text, NULL);
  JsonObject *object;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return;

  object = json_node_get_object (root);
  for (CandorField field = 0; field < CANDOR_N_FIELDS; field++)
    {
      const char *nick = candor_enum_to_nick (CANDOR_TYPE_FIELD, field);

      candor_update_set_field (update, field,
                               json_object_get_string_member_with_default (object, nick, ""));
    }
  candor_update_set_contact_name (
    update, json_object_get_string_member_with_default (object, "contact-name", ""));
  candor_update_set_contact_reach (
    update, json_object_get_string_member_with_default (object, "contact-reach", ""));
  candor_update_set_no_lasting_consequences (
    update, json_object_get_boolean_member_with_default (object, "no-lasting-consequences", FALSE));
}

/* The translations as the draft format writes them under
 * "update.translations": each with the primary text it was written against,
 * so an outdated translation is still outdated when read back. */
static char *
update_translations_to_json (CandorUpdate *update)
{
  g_autoptr (JsonNode) node = candor_update_to_json (update);
  JsonObject *object = json_node_get_object (node);
  JsonNode   *translations = json_object_get_member (object, "translations");

  if (translations == NULL || !JSON_NODE_HOLDS_OBJECT (translations))
    return g_strdup ("{}");

  return json_to_string (translations, FALSE);
}

/* Reads the translations back into @update through the draft format's own
 * reader: it is the one place that restores a translation with its source.
 * Returns @update itself when there are none, else a new update. */
static CandorUpdate *
update_with_translations (CandorUpdate *update, const char *text)
{
  g_autoptr (JsonNode) translations = json_from_string (text, NULL);
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GError) error = NULL;
  CandorUpdate *read;

  if (translations == NULL || !JSON_NODE_HOLDS_OBJECT (translations) ||
      json_object_get_size (json_node_get_object (translations)) == 0)
    return g_object_ref (update);

  node = candor_update_to_json (update);
  json_object_set_member (json_node_get_object (node), "translations",
                          g_steal_pointer (&translations));
  read = candor_update_from_json (node, &error);
  if (read == NULL)
    {
      /* A history is read as far as it can be: the primary text stays. */
      g_warning ("Could not read the translations of update %s: %s", candor_update_get_id (update),
                 error->message);
      return g_object_ref (update);
    }

  return read;
}

/* Incidents */

gboolean
candor_store_save_incident (CandorStore *self, CandorIncident *incident, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *services = NULL;
  g_autofree char *other_languages = NULL;
  g_autofree char *title_translations = NULL;
  g_autoptr (JsonNode) title_translations_node = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  GDateTime *started_at;

  g_return_val_if_fail (CANDOR_IS_STORE (self), FALSE);
  g_return_val_if_fail (CANDOR_IS_INCIDENT (incident), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  CANDOR_STORE_LOCK_GUARD (self);

  if (!_candor_store_prepare (
        self,
        "INSERT INTO incidents (id, title, services, severity, state, language,"
        " started_at, detected_at, resolved_at, listed_at, saved_at, sla_relevant,"
        " other_languages, title_translations)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, COALESCE (?7, ?10), ?10, ?11, ?12, ?13)"
        " ON CONFLICT (id) DO UPDATE SET title = excluded.title,"
        " services = excluded.services, severity = excluded.severity,"
        " state = excluded.state, language = excluded.language,"
        " started_at = excluded.started_at, detected_at = excluded.detected_at,"
        " resolved_at = excluded.resolved_at,"
        " listed_at = COALESCE (excluded.started_at, listed_at),"
        " saved_at = excluded.saved_at, sla_relevant = excluded.sla_relevant,"
        " other_languages = excluded.other_languages,"
        " title_translations = excluded.title_translations",
        &stmt, error))
    return FALSE;

  services = strv_to_json (candor_incident_get_services (incident));
  other_languages = strv_to_json (candor_incident_get_other_languages (incident));
  title_translations_node = candor_incident_title_translations_to_json (incident);
  title_translations = json_to_string (title_translations_node, FALSE);
  started_at = candor_incident_get_started_at (incident);

  sqlite3_bind_text (stmt, 1, candor_incident_get_id (incident), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, candor_incident_get_title (incident) ?: "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, services, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (
    stmt, 4, candor_enum_to_nick (CANDOR_TYPE_SEVERITY, candor_incident_get_severity (incident)),
    -1, SQLITE_STATIC);
  sqlite3_bind_text (
    stmt, 5, candor_enum_to_nick (CANDOR_TYPE_INCIDENT_STATE, candor_incident_get_state (incident)),
    -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, candor_incident_get_language (incident) ?: "en", -1,
                     SQLITE_TRANSIENT);
  _candor_store_bind_time (stmt, 7, started_at);
  _candor_store_bind_time (stmt, 8, candor_incident_get_detected_at (incident));
  _candor_store_bind_time (stmt, 9, candor_incident_get_resolved_at (incident));
  _candor_store_bind_time (stmt, 10, now);
  sqlite3_bind_int (stmt, 11, candor_incident_get_sla_relevant (incident));
  sqlite3_bind_text (stmt, 12, other_languages, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 13, title_translations, -1, SQLITE_TRANSIENT);

  return _candor_store_step_done (self, stmt, error);
}

static void
save_incident_job (CandorStore *self, GTask *task)
{
  CandorStoreCall *call = g_task_get_task_data (task);
  GError          *error = NULL;

  _candor_store_return_boolean (task, candor_store_save_incident (self, call->incident, &error),
                                error);
}

void
candor_store_save_incident_async (CandorStore        *self,
                                  CandorIncident     *incident,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  CandorStoreCall *call;

  g_return_if_fail (CANDOR_IS_STORE (self));
  g_return_if_fail (CANDOR_IS_INCIDENT (incident));

  task = _candor_store_new_call_task (self, candor_store_save_incident_async, cancellable, callback,
                                      user_data, &call);
  /* The user may keep editing while the worker writes: it gets a copy. */
  /* A copy taken on the caller's thread: the worker never reads an object
   * the main loop may be changing. */
  call->incident = candor_incident_copy (incident);
  _candor_store_run_job (self, task, save_incident_job);
}

gboolean
candor_store_save_incident_finish (CandorStore *self, GAsyncResult *result, GError **error)
{
  return _candor_store_finish_boolean (self, result, candor_store_save_incident_async, error);
}

guint
candor_store_count_incidents (CandorStore *self, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CANDOR_IS_STORE (self), 0);

  CANDOR_STORE_LOCK_GUARD (self);

  if (!_candor_store_prepare (self, "SELECT count(*) FROM incidents", &stmt, error))
    return 0;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _candor_store_set_error (error, self->db, rc, self->path);
      return 0;
    }

  return sqlite3_column_int (stmt, 0);
}

static void
count_incidents_job (CandorStore *self, GTask *task)
{
  CandorStoreCall *call = g_task_get_task_data (task);
  GError          *error = NULL;

  /* Zero is also a count: only the error tells a failure apart. */
  call->count = candor_store_count_incidents (self, &error);
  _candor_store_return_boolean (task, error == NULL, error);
}

void
candor_store_count_incidents_async (CandorStore        *self,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  CandorStoreCall *call;

  g_return_if_fail (CANDOR_IS_STORE (self));

  task = _candor_store_new_call_task (self, candor_store_count_incidents_async, cancellable,
                                      callback, user_data, &call);
  _candor_store_run_job (self, task, count_incidents_job);
}

gboolean
candor_store_count_incidents_finish (CandorStore  *self,
                                     GAsyncResult *result,
                                     guint        *count,
                                     GError      **error)
{
  gboolean ok =
    _candor_store_finish_boolean (self, result, candor_store_count_incidents_async, error);

  if (count != NULL)
    *count = ok ? ((CandorStoreCall *)g_task_get_task_data (G_TASK (result)))->count : 0;

  return ok;
}

GPtrArray *
candor_store_list_incidents (CandorStore *self, guint offset, guint limit, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) incidents = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  g_return_val_if_fail (CANDOR_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  CANDOR_STORE_LOCK_GUARD (self);

  if (!_candor_store_prepare (self,
                              "SELECT " INCIDENT_COLUMNS " FROM incidents"
                              " ORDER BY listed_at DESC, num DESC LIMIT ?1 OFFSET ?2",
                              &stmt, error))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, limit);
  sqlite3_bind_int64 (stmt, 2, offset);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (incidents, incident_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      _candor_store_set_error (error, self->db, rc, self->path);
      return NULL;
    }

  return g_steal_pointer (&incidents);
}

static void
list_incidents_job (CandorStore *self, GTask *task)
{
  CandorStoreCall *call = g_task_get_task_data (task);
  GError          *error = NULL;
  GPtrArray *incidents = candor_store_list_incidents (self, call->offset, call->limit, &error);

  _candor_store_return_pointer (task, incidents, (GDestroyNotify)g_ptr_array_unref, error);
}

void
candor_store_list_incidents_async (CandorStore        *self,
                                   guint               offset,
                                   guint               limit,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  CandorStoreCall *call;

  g_return_if_fail (CANDOR_IS_STORE (self));

  task = _candor_store_new_call_task (self, candor_store_list_incidents_async, cancellable,
                                      callback, user_data, &call);
  call->offset = offset;
  call->limit = limit;
  _candor_store_run_job (self, task, list_incidents_job);
}

GPtrArray *
candor_store_list_incidents_finish (CandorStore *self, GAsyncResult *result, GError **error)
{
  return _candor_store_finish_pointer (self, result, candor_store_list_incidents_async, error);
}

CandorIncident *
candor_store_load_incident (CandorStore *self, const char *incident_id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CANDOR_IS_STORE (self), NULL);
  g_return_val_if_fail (incident_id != NULL, NULL);

  CANDOR_STORE_LOCK_GUARD (self);

  if (!_candor_store_prepare (self, "SELECT " INCIDENT_COLUMNS " FROM incidents WHERE id = ?1",
                              &stmt, error))
    return NULL;

  sqlite3_bind_text (stmt, 1, incident_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return incident_from_row (stmt);

  if (rc == SQLITE_DONE)
    g_set_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_NOT_FOUND,
                 _("There is no incident “%s” in the history"), incident_id);
  else
    _candor_store_set_error (error, self->db, rc, self->path);

  return NULL;
}

/**
 * candor_store_find_incident_id:
 * @id_or_prefix: an incident's id, or the start of one
 *
 * The id of the one incident whose id is @id_or_prefix or starts with it, as
 * git takes a unique prefix of a commit, so a script need not carry whole
 * UUIDs around.
 *
 * Returns: (transfer full): the whole id, or %NULL with
 *   %CANDOR_STORE_ERROR_NOT_FOUND, or %CANDOR_STORE_ERROR_INVALID when the
 *   prefix starts several ids (the message names some of them).
 */
char *
candor_store_find_incident_id (CandorStore *self, const char *id_or_prefix, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  int rc;

  g_return_val_if_fail (CANDOR_IS_STORE (self), NULL);
  g_return_val_if_fail (id_or_prefix != NULL, NULL);

  CANDOR_STORE_LOCK_GUARD (self);

  /* An exact id first, then the ids that start with it; four are enough to
   * say that it is not unique. */
  if (!_candor_store_prepare (self,
                              "SELECT id FROM incidents WHERE id = ?1 UNION ALL "
                              "SELECT id FROM incidents WHERE ?1 <> '' AND id <> ?1 "
                              "AND substr (id, 1, length (?1)) = ?1 LIMIT 4",
                              &stmt, error))
    return NULL;

  sqlite3_bind_text (stmt, 1, id_or_prefix, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *)sqlite3_column_text (stmt, 0);

      if (g_str_equal (id, id_or_prefix))
        return g_strdup (id);
      g_ptr_array_add (ids, g_strdup (id));
    }
  if (rc != SQLITE_DONE)
    {
      _candor_store_set_error (error, self->db, rc, self->path);
      return NULL;
    }

  if (ids->len == 1)
    return g_strdup (g_ptr_array_index (ids, 0));

  if (ids->len == 0)
    g_set_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_NOT_FOUND,
                 _("There is no incident “%s” in the history"), id_or_prefix);
  else
    {
      g_autofree char *some = NULL;

      g_ptr_array_add (ids, NULL);
      some = g_strjoinv (", ", (char **)ids->pdata);
      g_set_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_INVALID,
                   _("“%s” is the start of several incident ids (%s…); give more of it"),
                      id_or_prefix, some);
    }

  return NULL;
}

static void
load_incident_job (CandorStore *self, GTask *task)
{
  CandorStoreCall *call = g_task_get_task_data (task);
  GError          *error = NULL;
  CandorIncident  *incident = candor_store_load_incident (self, call->id, &error);

  _candor_store_return_pointer (task, incident, g_object_unref, error);
}

void
candor_store_load_incident_async (CandorStore        *self,
                                  const char         *incident_id,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  CandorStoreCall *call;

  g_return_if_fail (CANDOR_IS_STORE (self));
  g_return_if_fail (incident_id != NULL);

  task = _candor_store_new_call_task (self, candor_store_load_incident_async, cancellable, callback,
                                      user_data, &call);
  call->id = g_strdup (incident_id);
  _candor_store_run_job (self, task, load_incident_job);
}

CandorIncident *
candor_store_load_incident_finish (CandorStore *self, GAsyncResult *result, GError **error)
{
  return _candor_store_finish_pointer (self, result, candor_store_load_incident_async, error);
}

/* Sent updates */

static gboolean
insert_rendition (CandorStore         *self,
                  gint64               update_num,
                  CandorSentRendition *rendition,
                  GError             **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (!_candor_store_prepare (
        self,
        "INSERT INTO renditions (update_num, audience, channel_id, language, subject, body,"
        " html, json, mime, message_id, dialect)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        &stmt, error))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, update_num);
  sqlite3_bind_text (stmt, 2, rendition->audience, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, rendition->channel_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, rendition->language, -1, SQLITE_STATIC);
  if (rendition->subject != NULL)
    sqlite3_bind_text (stmt, 5, rendition->subject, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, rendition->body, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, rendition->html, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, rendition->json, -1, SQLITE_STATIC);
  if (rendition->mime != NULL)
    {
      gsize         size;
      gconstpointer data = g_bytes_get_data (rendition->mime, &size);

      sqlite3_bind_blob64 (stmt, 9, data != NULL ? data : "", size, SQLITE_STATIC);
    }
  sqlite3_bind_text (stmt, 10, rendition->message_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, candor_enum_to_nick (CANDOR_TYPE_DIALECT, rendition->dialect), -1,
                     SQLITE_STATIC);

  if (!_candor_store_step_done (self, stmt, error))
    return FALSE;

  rendition->id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

gboolean
candor_store_record_update (CandorStore  *self,
                            const char   *incident_id,
                            CandorUpdate *update,
                            GDateTime    *sent_at,
                            GPtrArray    *renditions,
                            GError      **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *fields = NULL;
  g_autofree char *translations = NULL;
  gint64           update_num;

  g_return_val_if_fail (CANDOR_IS_STORE (self), FALSE);
  g_return_val_if_fail (incident_id != NULL, FALSE);
  g_return_val_if_fail (CANDOR_IS_UPDATE (update), FALSE);
  g_return_val_if_fail (sent_at != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  CANDOR_STORE_LOCK_GUARD (self);

  if (!_candor_store_begin_write (self, error))
    return FALSE;

  if (!_candor_store_prepare (
        self,
        "INSERT INTO updates (id, incident_num, kind, fields, next_update_at,"
        " next_update_when_changed, created_at, sent_at, translations)"
        " SELECT ?1, num, ?2, ?3, ?4, ?5, ?6, ?7, ?9 FROM incidents WHERE id = ?8",
        &stmt, error))
    goto fail;

  fields = update_fields_to_json (update);
  sqlite3_bind_text (stmt, 1, candor_update_get_id (update), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2,
                     candor_enum_to_nick (CANDOR_TYPE_UPDATE_KIND, candor_update_get_kind (update)),
                     -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, fields, -1, SQLITE_STATIC);
  _candor_store_bind_time (stmt, 4, candor_update_get_next_update_at (update));
  sqlite3_bind_int (stmt, 5, candor_update_get_next_update_when_changed (update));
  _candor_store_bind_time (stmt, 6, candor_update_get_created_at (update) ?: sent_at);
  _candor_store_bind_time (stmt, 7, sent_at);
  sqlite3_bind_text (stmt, 8, incident_id, -1, SQLITE_TRANSIENT);
  translations = update_translations_to_json (update);
  sqlite3_bind_text (stmt, 9, translations, -1, SQLITE_STATIC);

  if (!_candor_store_step_done (self, stmt, error))
    goto fail;

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_NOT_FOUND,
                   _("There is no incident “%s” in the history to add the update to"),
                      incident_id);
      goto fail;
    }

  update_num = sqlite3_last_insert_rowid (self->db);

  for (guint i = 0; renditions != NULL && i < renditions->len; i++)
    {
      if (!insert_rendition (self, update_num, g_ptr_array_index (renditions, i), error))
        goto fail;
    }

  return _candor_store_commit (self, error);

fail:
  _candor_store_rollback (self);
  /* Nothing was written, so no rendition has an id. */
  for (guint i = 0; renditions != NULL && i < renditions->len; i++)
    ((CandorSentRendition *)g_ptr_array_index (renditions, i))->id = 0;
  return FALSE;
}

static void
record_update_job (CandorStore *self, GTask *task)
{
  CandorStoreCall *call = g_task_get_task_data (task);
  GError          *error = NULL;
  gboolean         ok;

  ok = candor_store_record_update (self, call->id, call->update, call->sent_at, call->renditions,
                                   &error);
  _candor_store_return_boolean (task, ok, error);
}

void
candor_store_record_update_async (CandorStore        *self,
                                  const char         *incident_id,
                                  CandorUpdate       *update,
                                  GDateTime          *sent_at,
                                  GPtrArray          *renditions,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  CandorStoreCall *call;

  g_return_if_fail (CANDOR_IS_STORE (self));
  g_return_if_fail (incident_id != NULL);
  g_return_if_fail (CANDOR_IS_UPDATE (update));
  g_return_if_fail (sent_at != NULL);

  task = _candor_store_new_call_task (self, candor_store_record_update_async, cancellable, callback,
                                      user_data, &call);
  call->id = g_strdup (incident_id);
  call->update = candor_update_copy (update);
  call->sent_at = g_date_time_ref (sent_at);
  call->renditions = renditions != NULL ? g_ptr_array_ref (renditions) : NULL;
  _candor_store_run_job (self, task, record_update_job);
}

gboolean
candor_store_record_update_finish (CandorStore *self, GAsyncResult *result, GError **error)
{
  return _candor_store_finish_boolean (self, result, candor_store_record_update_async, error);
}

static GPtrArray *
load_renditions (CandorStore *self, gint64 update_num, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) renditions =
    g_ptr_array_new_with_free_func ((GDestroyNotify)candor_sent_rendition_free);
  int rc;

  if (!_candor_store_prepare (
        self,
        "SELECT id, audience, dialect, language, subject, body, mime, html, json, message_id,"
        " channel_id FROM renditions"
        " WHERE update_num = ?1 ORDER BY id",
        &stmt, error))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, update_num);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CandorSentRendition *rendition = g_new0 (CandorSentRendition, 1);

      rendition->id = sqlite3_column_int64 (stmt, 0);
      rendition->audience = g_strdup (_candor_store_column_text (stmt, 1));
      rendition->dialect =
        _candor_store_enum_from_column (CANDOR_TYPE_DIALECT, stmt, 2, CANDOR_DIALECT_PLAIN);
      rendition->language = g_strdup (_candor_store_column_text (stmt, 3));
      rendition->subject = g_strdup (_candor_store_column_text (stmt, 4));
      rendition->body = g_strdup (_candor_store_column_text (stmt, 5));
      if (sqlite3_column_type (stmt, 6) != SQLITE_NULL)
        rendition->mime =
          g_bytes_new (sqlite3_column_blob (stmt, 6), sqlite3_column_bytes (stmt, 6));
      rendition->html = g_strdup (_candor_store_column_text (stmt, 7));
      rendition->json = g_strdup (_candor_store_column_text (stmt, 8));
      rendition->message_id = g_strdup (_candor_store_column_text (stmt, 9));
      rendition->channel_id = g_strdup (_candor_store_column_text (stmt, 10));
      g_ptr_array_add (renditions, rendition);
    }

  if (rc != SQLITE_DONE)
    {
      _candor_store_set_error (error, self->db, rc, self->path);
      return NULL;
    }

  return g_steal_pointer (&renditions);
}

static GPtrArray *
load_publications (CandorStore *self, gint64 update_num, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) publications =
    g_ptr_array_new_with_free_func ((GDestroyNotify)candor_publication_free);
  int rc;

  if (!_candor_store_prepare (
        self,
        "SELECT p.id, p.rendition_id, p.channel_id, p.state, p.remote_id, p.remote_url,"
        " p.attempts, p.last_error, p.created_at, p.updated_at, p.idempotency_key,"
        " p.next_attempt_at, p.in_flight_since"
        " FROM publications p JOIN renditions r ON r.id = p.rendition_id"
        " WHERE r.update_num = ?1 ORDER BY p.id",
        &stmt, error))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, update_num);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CandorPublication *publication = g_new0 (CandorPublication, 1);

      publication->id = sqlite3_column_int64 (stmt, 0);
      publication->rendition_id = sqlite3_column_int64 (stmt, 1);
      publication->channel_id = g_strdup (_candor_store_column_text (stmt, 2));
      publication->state =
        candor_publication_state_from_string (_candor_store_column_text (stmt, 3));
      publication->remote_id = g_strdup (_candor_store_column_text (stmt, 4));
      publication->remote_url = g_strdup (_candor_store_column_text (stmt, 5));
      publication->attempts = sqlite3_column_int (stmt, 6);
      publication->last_error = g_strdup (_candor_store_column_text (stmt, 7));
      publication->created_at = _candor_store_column_time (stmt, 8);
      publication->updated_at = _candor_store_column_time (stmt, 9);
      publication->idempotency_key = g_strdup (_candor_store_column_text (stmt, 10));
      publication->next_attempt_at = _candor_store_column_time (stmt, 11);
      publication->in_flight_since = _candor_store_column_time (stmt, 12);
      g_ptr_array_add (publications, publication);
    }

  if (rc != SQLITE_DONE)
    {
      _candor_store_set_error (error, self->db, rc, self->path);
      return NULL;
    }

  return g_steal_pointer (&publications);
}

GPtrArray *
candor_store_load_updates (CandorStore *self, const char *incident_id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) updates =
    g_ptr_array_new_with_free_func ((GDestroyNotify)candor_sent_update_free);
  g_autoptr (CandorIncident) incident = NULL;
  int rc;

  g_return_val_if_fail (CANDOR_IS_STORE (self), NULL);
  g_return_val_if_fail (incident_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  CANDOR_STORE_LOCK_GUARD (self);

  /* A read transaction: the updates and their renditions from one moment. */
  if (!_candor_store_exec (self->db, "BEGIN", self->path, error))
    return NULL;

  incident = candor_store_load_incident (self, incident_id, error);
  if (incident == NULL)
    goto fail;

  if (!_candor_store_prepare (self,
                              "SELECT u.num, u.id, u.kind, u.fields, u.next_update_at,"
                              " u.next_update_when_changed, u.created_at, u.sent_at,"
                              " u.translations"
                              " FROM updates u JOIN incidents i ON i.num = u.incident_num"
                              " WHERE i.id = ?1 ORDER BY u.sent_at, u.num",
                              &stmt, error))
    goto fail;

  sqlite3_bind_text (stmt, 1, incident_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (CandorSentUpdate) sent = g_new0 (CandorSentUpdate, 1);
      g_autoptr (CandorUpdate) update = NULL;
      g_autoptr (GDateTime) created_at = _candor_store_column_time (stmt, 6);
      g_autoptr (GDateTime) next_update_at = _candor_store_column_time (stmt, 4);
      gint64 num = sqlite3_column_int64 (stmt, 0);

      update = g_object_new (CANDOR_TYPE_UPDATE, "id", _candor_store_column_text (stmt, 1),
                             "created-at", created_at, "kind",
                             _candor_store_enum_from_column (CANDOR_TYPE_UPDATE_KIND, stmt, 2,
                                                             CANDOR_UPDATE_KIND_PROGRESS),
                             NULL);
      update_fields_from_json (update, _candor_store_column_text (stmt, 3));
      candor_update_set_next_update_at (update, next_update_at);
      candor_update_set_next_update_when_changed (update, sqlite3_column_int (stmt, 5));
      sent->update = update_with_translations (update, _candor_store_column_text (stmt, 8));
      sent->sent_at = _candor_store_column_time (stmt, 7);

      sent->renditions = load_renditions (self, num, error);
      if (sent->renditions == NULL)
        goto fail;
      sent->publications = load_publications (self, num, error);
      if (sent->publications == NULL)
        goto fail;

      g_ptr_array_add (updates, g_steal_pointer (&sent));
    }

  if (rc != SQLITE_DONE)
    {
      _candor_store_set_error (error, self->db, rc, self->path);
      goto fail;
    }

  sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
  return g_steal_pointer (&updates);

fail:
  _candor_store_rollback (self);
  return NULL;
}

static void
load_updates_job (CandorStore *self, GTask *task)
{
  CandorStoreCall *call = g_task_get_task_data (task);
  GError          *error = NULL;
  GPtrArray       *updates = candor_store_load_updates (self, call->id, &error);

  _candor_store_return_pointer (task, updates, (GDestroyNotify)g_ptr_array_unref, error);
}

void
candor_store_load_updates_async (CandorStore        *self,
                                 const char         *incident_id,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  CandorStoreCall *call;

  g_return_if_fail (CANDOR_IS_STORE (self));
  g_return_if_fail (incident_id != NULL);

  task = _candor_store_new_call_task (self, candor_store_load_updates_async, cancellable, callback,
                                      user_data, &call);
  call->id = g_strdup (incident_id);
  _candor_store_run_job (self, task, load_updates_job);
}

GPtrArray *
candor_store_load_updates_finish (CandorStore *self, GAsyncResult *result, GError **error)
{
  return _candor_store_finish_pointer (self, result, candor_store_load_updates_async, error);
}
