/* candor-social-util.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "candor-channel-client.h"
#include "candor-http-response.h"

G_BEGIN_DECLS

/* What the social network clients (Mastodon, Bluesky, X) do alike. */

/* The posts of a social rendition, in order, as core split them
 * ({"posts": [{"text", "links": [{"byte_start", "byte_end", "uri"}]}]}), or
 * the body as one post when there are none. Returns: (element-type JsonObject) */
GPtrArray *candor_social_read_posts (CandorSentRendition *rendition);

/* The error @response stands for (candor_http_response_to_error ()), with the
 * wait of a rate limit read from @reset_header too when the service says
 * when its window resets (Unix seconds or an ISO 8601 time) instead of
 * sending Retry-After. */
GError *candor_social_response_to_error (CandorHttpResponse *response,
                                         const char         *service,
                                         const char         *service_message,
                                         const char         *reset_header);

/* Posts one part of a thread. @parent is NULL for the first post of an
 * incident, else what the finish function returned for the post it replies
 * to (or the incident's last remote id). @data is what the client gave
 * candor_social_post_thread_async (). */
typedef void (*CandorSocialPostAsyncFunc) (GObject            *client,
                                           JsonObject         *post,
                                           guint               index,
                                           const char         *parent,
                                           gpointer            data,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
/* Returns what a reply to this post needs (its id), and sets @url to its
 * web link. */
typedef char *(*CandorSocialPostFinishFunc) (GObject      *client,
                                             GAsyncResult *result,
                                             char        **url,
                                             GError      **error);

/* Posts @posts one after another, each a reply to the one before and the
 * first a reply to @parent (the incident's last post on the channel, or
 * NULL), and finishes with a CandorPublishReceipt: the last post's id
 * (follow-ups reply to it) and the first post's link (where a reader
 * starts). When a later post fails, the error says how many went out; a
 * network without idempotency keys (@idempotent FALSE) makes it
 * UNKNOWN_OUTCOME, to be verified rather than sent again. @data, which must
 * live until the end, goes to @post_async. */
void                  candor_social_post_thread_async (GObject                   *client,
                                                       const char                *service,
                                                       gboolean                   idempotent,
                                                       GPtrArray                 *posts,
                                                       const char                *parent,
                                                       CandorSocialPostAsyncFunc  post_async,
                                                       CandorSocialPostFinishFunc post_finish,
                                                       gpointer                   data,
                                                       GCancellable              *cancellable,
                                                       GAsyncReadyCallback        callback,
                                                       gpointer                   user_data);
CandorPublishReceipt *candor_social_post_thread_finish (GAsyncResult *result, GError **error);

/* A GAsyncReadyCallback for candor_social_post_thread_async () that
 * completes the GTask @user_data (taking it) with the receipt or the error. */
void candor_social_complete_task_cb (GObject *source, GAsyncResult *result, gpointer user_data);

/* The latest of the incident's earlier posts on the channel, or NULL. */
const char *candor_social_thread_parent (const CandorThreadRef *thread);

G_END_DECLS
