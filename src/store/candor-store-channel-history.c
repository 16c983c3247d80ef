/* candor-store-channel-history.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "candor-channel-history.h"
#include "candor-enum-types.h"
#include "candor-store-private.h"

/* One statement per shape, each a join of incidents, updates and the
 * channel's renditions, ordered as the history lists incidents and each
 * incident's posts oldest first. ?1 is always the channel id. */
#define SELECT_POSTS                                                                        \
  "SELECT i.id, i.title, i.services, i.severity, i.state, i.language, i.started_at,"        \
  " i.detected_at, i.resolved_at, i.sla_relevant, i.other_languages, i.title_translations," \
  " i.listed_at, i.num,"                                                                    \
  " u.id, u.kind, u.sent_at, r.id, r.audience, r.language, r.subject, r.body, r.json,"      \
  " r.dialect"                                                                              \
  " FROM incidents i JOIN updates u ON u.incident_num = i.num"                              \
  " JOIN renditions r ON r.update_num = u.num AND r.channel_id = ?1"
#define ORDER_POSTS " ORDER BY i.listed_at DESC, i.num DESC, u.sent_at, u.num, r.id"

/* The newest incidents that have a post on the channel: the history's own
 * index on listed_at, each incident checked through its updates. */
#define RECENT_NUMS                                                        \
  "SELECT i2.num FROM incidents i2 WHERE EXISTS (SELECT 1 FROM updates u2" \
  " JOIN renditions r2 ON r2.update_num = u2.num AND r2.channel_id = ?1"   \
  " WHERE u2.incident_num = i2.num) ORDER BY i2.listed_at DESC, i2.num DESC LIMIT ?2"

void
candor_channel_post_free (CandorChannelPost *post)
{
  if (post == NULL)
    return;

  g_free (post->update_id);
  g_clear_pointer (&post->sent_at, g_date_time_unref);
  g_clear_pointer (&post->rendition, candor_sent_rendition_free);
  g_free (post);
}

void
candor_channel_incident_free (CandorChannelIncident *incident)
{
  if (incident == NULL)
    return;

  g_clear_object (&incident->incident);
  g_clear_pointer (&incident->listed_at, g_date_time_unref);
  g_clear_pointer (&incident->posts, g_ptr_array_unref);
  g_free (incident);
}

static CandorChannelPost *
post_from_row (sqlite3_stmt *stmt, const char *channel_id)
{
  CandorChannelPost   *post = g_new0 (CandorChannelPost, 1);
  CandorSentRendition *rendition = g_new0 (CandorSentRendition, 1);

  post->update_id = g_strdup (_candor_store_column_text (stmt, 14));
  post->kind =
    _candor_store_enum_from_column (CANDOR_TYPE_UPDATE_KIND, stmt, 15, CANDOR_UPDATE_KIND_PROGRESS);
  post->sent_at = _candor_store_column_time (stmt, 16);

  rendition->id = sqlite3_column_int64 (stmt, 17);
  rendition->audience = g_strdup (_candor_store_column_text (stmt, 18));
  rendition->channel_id = g_strdup (channel_id);
  rendition->language = g_strdup (_candor_store_column_text (stmt, 19));
  rendition->subject = g_strdup (_candor_store_column_text (stmt, 20));
  rendition->body = g_strdup (_candor_store_column_text (stmt, 21));
  rendition->json = g_strdup (_candor_store_column_text (stmt, 22));
  rendition->dialect =
    _candor_store_enum_from_column (CANDOR_TYPE_DIALECT, stmt, 23, CANDOR_DIALECT_STATUS_PAGE);
  post->rendition = rendition;

  return post;
}

/* Runs a prepared SELECT_POSTS statement into CandorChannelIncidents. */
static GPtrArray *
collect (CandorStore *self, sqlite3_stmt *stmt, const char *channel_id, GError **error)
{
  g_autoptr (GPtrArray) incidents =
    g_ptr_array_new_with_free_func ((GDestroyNotify)candor_channel_incident_free);
  CandorChannelIncident *current = NULL;
  gint64                 current_num = -1;
  const char            *last_update = NULL;
  int                    rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64             num = sqlite3_column_int64 (stmt, 13);
      const char        *update_id = _candor_store_column_text (stmt, 14);
      CandorChannelPost *post;

      if (current == NULL || num != current_num)
        {
          current = g_new0 (CandorChannelIncident, 1);
          current->incident = _candor_store_incident_from_row (stmt);
          current->listed_at = _candor_store_column_time (stmt, 12);
          current->posts =
            g_ptr_array_new_with_free_func ((GDestroyNotify)candor_channel_post_free);
          current_num = num;
          last_update = NULL;
          g_ptr_array_add (incidents, current);
        }

      /* Several audiences through one channel: the first one's text. */
      if (last_update != NULL && g_strcmp0 (last_update, update_id) == 0)
        continue;

      post = post_from_row (stmt, channel_id);
      last_update = post->update_id;
      g_ptr_array_add (current->posts, post);
    }

  if (rc != SQLITE_DONE)
    {
      _candor_store_set_error (error, _candor_store_get_db (self), rc,
                               candor_store_get_path (self));
      return NULL;
    }

  return g_steal_pointer (&incidents);
}

GPtrArray *
candor_store_load_channel_history (CandorStore *self, const char *channel_id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CANDOR_IS_STORE (self), NULL);
  g_return_val_if_fail (channel_id != NULL, NULL);

  CANDOR_STORE_LOCK_GUARD (self);

  if (!_candor_store_prepare (self, SELECT_POSTS ORDER_POSTS, &stmt, error))
    return NULL;

  sqlite3_bind_text (stmt, 1, channel_id, -1, SQLITE_TRANSIENT);
  return collect (self, stmt, channel_id, error);
}

GPtrArray *
candor_store_load_channel_recent (CandorStore *self,
                                  const char  *channel_id,
                                  guint        limit,
                                  GError     **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CANDOR_IS_STORE (self), NULL);
  g_return_val_if_fail (channel_id != NULL, NULL);

  CANDOR_STORE_LOCK_GUARD (self);

  if (!_candor_store_prepare (self,
                              SELECT_POSTS " WHERE i.num IN (" RECENT_NUMS ")"
                                           " OR i.state <> 'resolved'" ORDER_POSTS,
                              &stmt, error))
    return NULL;

  sqlite3_bind_text (stmt, 1, channel_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, limit);
  return collect (self, stmt, channel_id, error);
}

GPtrArray *
candor_store_load_channel_range (CandorStore *self,
                                 const char  *channel_id,
                                 GDateTime   *from,
                                 GDateTime   *until,
                                 GError     **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CANDOR_IS_STORE (self), NULL);
  g_return_val_if_fail (channel_id != NULL, NULL);
  g_return_val_if_fail (from != NULL && until != NULL, NULL);

  CANDOR_STORE_LOCK_GUARD (self);

  if (!_candor_store_prepare (
        self, SELECT_POSTS " WHERE i.listed_at >= ?2 AND i.listed_at < ?3" ORDER_POSTS, &stmt,
        error))
    return NULL;

  sqlite3_bind_text (stmt, 1, channel_id, -1, SQLITE_TRANSIENT);
  _candor_store_bind_time (stmt, 2, from);
  _candor_store_bind_time (stmt, 3, until);
  return collect (self, stmt, channel_id, error);
}

CandorChannelIncident *
candor_store_load_channel_incident (CandorStore *self,
                                    const char  *channel_id,
                                    const char  *incident_id,
                                    GError     **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) incidents = NULL;

  g_return_val_if_fail (CANDOR_IS_STORE (self), NULL);
  g_return_val_if_fail (channel_id != NULL, NULL);
  g_return_val_if_fail (incident_id != NULL, NULL);

  CANDOR_STORE_LOCK_GUARD (self);

  if (!_candor_store_prepare (self, SELECT_POSTS " WHERE i.id = ?2" ORDER_POSTS, &stmt, error))
    return NULL;

  sqlite3_bind_text (stmt, 1, channel_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, incident_id, -1, SQLITE_TRANSIENT);
  incidents = collect (self, stmt, channel_id, error);
  if (incidents == NULL)
    return NULL;

  if (incidents->len == 0)
    {
      g_set_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_NOT_FOUND,
                   _("No update of this incident went through this channel."));
      return NULL;
    }

  return g_ptr_array_steal_index (incidents, 0);
}

char *
candor_store_find_rendition_incident (CandorStore *self, gint64 rendition_id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CANDOR_IS_STORE (self), NULL);

  CANDOR_STORE_LOCK_GUARD (self);

  if (!_candor_store_prepare (self,
                              "SELECT i.id FROM renditions r JOIN updates u ON u.num = r.update_num"
                              " JOIN incidents i ON i.num = u.incident_num WHERE r.id = ?1",
                              &stmt, error))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, rendition_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup (_candor_store_column_text (stmt, 0));

  if (rc == SQLITE_DONE)
    g_set_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_NOT_FOUND,
                 _("The message is not in the history."));
  else
    _candor_store_set_error (error, _candor_store_get_db (self), rc, candor_store_get_path (self));

  return NULL;
}
