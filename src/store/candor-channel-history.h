/* candor-channel-history.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "candor-store.h"

G_BEGIN_DECLS

/* What one configured channel published: the history as a reader of that
 * channel saw it (the static status page rebuilds itself from it). */

/* One update as it went through the channel: its rendition for the channel
 * (the first audience's, when several audiences share the channel). */
typedef struct
{
  char                *update_id;
  CandorUpdateKind     kind;
  GDateTime           *sent_at;
  CandorSentRendition *rendition;
} CandorChannelPost;

/* An incident with its posts on the channel, oldest first. @listed_at is
 * the time the history files it under (its start, or when it was saved). */
typedef struct
{
  CandorIncident *incident;
  GDateTime      *listed_at;
  GPtrArray      *posts; /* of CandorChannelPost */
} CandorChannelIncident;

void candor_channel_post_free (CandorChannelPost *post);
void candor_channel_incident_free (CandorChannelIncident *incident);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CandorChannelPost, candor_channel_post_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CandorChannelIncident, candor_channel_incident_free)

/* Each returns CandorChannelIncident newest first (as the history lists
 * incidents), only incidents with at least one post on @channel_id. */

/* Every incident the channel published. */
GPtrArray *
candor_store_load_channel_history (CandorStore *self, const char *channel_id, GError **error);
/* The @limit newest incidents, and any older one not yet resolved. */
GPtrArray *candor_store_load_channel_recent (CandorStore *self,
                                             const char  *channel_id,
                                             guint        limit,
                                             GError     **error);
/* The incidents listed in [@from, @until). */
GPtrArray *candor_store_load_channel_range (CandorStore *self,
                                            const char  *channel_id,
                                            GDateTime   *from,
                                            GDateTime   *until,
                                            GError     **error);
/* One incident's posts on the channel; NOT_FOUND when it has none there. */
CandorChannelIncident *candor_store_load_channel_incident (CandorStore *self,
                                                           const char  *channel_id,
                                                           const char  *incident_id,
                                                           GError     **error);
/* The id of the incident a stored rendition belongs to; NOT_FOUND if none. */
char *candor_store_find_rendition_incident (CandorStore *self, gint64 rendition_id, GError **error);

G_END_DECLS
