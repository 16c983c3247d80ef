/* candor-social-util.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-social-util"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>

#include "candor-publish-error.h"
#include "candor-social-util.h"

GPtrArray *
candor_social_read_posts (CandorSentRendition *rendition)
{
  GPtrArray *posts = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  g_autoptr (JsonNode) node = NULL;
  JsonNode *array = NULL;

  g_return_val_if_fail (rendition != NULL, NULL);

  if (rendition->json != NULL)
    node = json_from_string (rendition->json, NULL);
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    array = json_object_get_member (json_node_get_object (node), "posts");

  if (array != NULL && JSON_NODE_HOLDS_ARRAY (array))
    {
      JsonArray *elements = json_node_get_array (array);

      for (guint i = 0; i < json_array_get_length (elements); i++)
        {
          JsonNode   *element = json_array_get_element (elements, i);
          JsonObject *post;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            continue;
          post = json_node_get_object (element);
          if (*json_object_get_string_member_with_default (post, "text", "") != '\0')
            g_ptr_array_add (posts, json_object_ref (post));
        }
    }
  else if (rendition->body != NULL && *rendition->body != '\0')
    {
      JsonObject *post = json_object_new ();

      json_object_set_string_member (post, "text", rendition->body);
      g_ptr_array_add (posts, post);
    }

  return posts;
}

/* Microseconds until @value (Unix seconds, or an ISO 8601 time), or -1. */
static gint64
parse_reset (const char *value)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) when = NULL;

  if (value == NULL)
    return -1;

  if (g_ascii_isdigit (*value) && strchr (value, '-') == NULL)
    {
      char  *end;
      gint64 seconds;

      errno = 0;
      seconds = g_ascii_strtoll (value, &end, 10);
      if (errno != 0 || *end != '\0')
        return -1;
      when = g_date_time_new_from_unix_utc (seconds);
    }
  else
    when = g_date_time_new_from_iso8601 (value, NULL);

  if (when == NULL)
    return -1;

  return MAX (g_date_time_difference (when, now), 0);
}

GError *
candor_social_response_to_error (CandorHttpResponse *response,
                                 const char         *service,
                                 const char         *service_message,
                                 const char         *reset_header)
{
  GError *error = candor_http_response_to_error (response, service, service_message);

  if (g_error_matches (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_RATE_LIMITED) &&
      candor_publish_error_get_retry_after (error) == 0 && reset_header != NULL)
    {
      gint64 wait = parse_reset (candor_http_response_get_header (response, reset_header));

      /* A reset that is due already still means "not this second". */
      if (wait >= 0)
        candor_publish_error_set_retry_after (error, MAX (wait, G_USEC_PER_SEC));
    }

  return error;
}

typedef struct
{
  const char                *service;
  gboolean                   idempotent;
  GPtrArray                 *posts;
  CandorSocialPostAsyncFunc  post_async;
  CandorSocialPostFinishFunc post_finish;
  gpointer                   data;
  guint                      next;
  char                      *parent;
  char                      *first_url;
} ThreadData;

static void
thread_data_free (ThreadData *data)
{
  g_ptr_array_unref (data->posts);
  g_free (data->parent);
  g_free (data->first_url);
  g_free (data);
}

static void post_next (GTask *task);

static void
on_posted_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  ThreadData *data = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *id = NULL;

  id = data->post_finish (source, result, &url, &error);
  if (id == NULL)
    {
      if (data->next > 0)
        {
          /* Translators: the service, "2 of 3" posts, then the error that stopped the rest */
          g_autofree char *text =
            g_strdup_printf (_("%s took %u of %u posts of the thread, then: %s"), data->service,
                                data->next, data->posts->len, error->message);
          /* Without an idempotency key, sending it all again would post
           * those parts twice: to verify, not to retry. With one, a retry
           * gets the posts already made back and goes on. */
          gint    code = data->idempotent ? error->code : CANDOR_PUBLISH_ERROR_UNKNOWN_OUTCOME;
          GError *partial = g_error_new (
            CANDOR_PUBLISH_ERROR, code, "%s%s", text,
            data->idempotent ? "" : _(" Check the thread and post the rest by hand."));

          if (data->idempotent)
            candor_publish_error_set_retry_after (partial,
                                                  candor_publish_error_get_retry_after (error));
          g_task_return_error (task, partial);
          return;
        }

      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (data->next == 0)
    data->first_url = g_steal_pointer (&url);
  g_free (data->parent);
  data->parent = g_steal_pointer (&id);
  data->next++;

  if (data->next < data->posts->len)
    {
      post_next (g_steal_pointer (&task));
      return;
    }

  {
    CandorPublishReceipt *receipt = g_new0 (CandorPublishReceipt, 1);

    receipt->remote_id = g_steal_pointer (&data->parent);
    receipt->remote_url = g_steal_pointer (&data->first_url);
    g_task_return_pointer (task, receipt, (GDestroyNotify)candor_publish_receipt_free);
  }
}

static void
post_next (GTask *task)
{
  ThreadData *data = g_task_get_task_data (task);

  data->post_async (g_task_get_source_object (task), g_ptr_array_index (data->posts, data->next),
                    data->next, data->parent, data->data, g_task_get_cancellable (task),
                    on_posted_cb, task);
}

void
candor_social_post_thread_async (GObject                   *client,
                                 const char                *service,
                                 gboolean                   idempotent,
                                 GPtrArray                 *posts,
                                 const char                *parent,
                                 CandorSocialPostAsyncFunc  post_async,
                                 CandorSocialPostFinishFunc post_finish,
                                 gpointer                   data,
                                 GCancellable              *cancellable,
                                 GAsyncReadyCallback        callback,
                                 gpointer                   user_data)
{
  g_autoptr (GTask) task = NULL;
  ThreadData *thread;

  g_return_if_fail (G_IS_OBJECT (client));
  g_return_if_fail (posts != NULL);

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, candor_social_post_thread_async);

  if (posts->len == 0)
    {
      g_task_return_new_error (task, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REJECTED,
                               /* Translators: %s is a service ("Mastodon") */
                               _("The post for %s is empty; write it before publishing."),
                                  service);
      return;
    }

  thread = g_new0 (ThreadData, 1);
  thread->service = service;
  thread->idempotent = idempotent;
  thread->posts = g_ptr_array_ref (posts);
  thread->post_async = post_async;
  thread->post_finish = post_finish;
  thread->data = data;
  thread->parent = g_strdup (parent);
  g_task_set_task_data (task, thread, (GDestroyNotify)thread_data_free);

  post_next (g_steal_pointer (&task));
}

CandorPublishReceipt *
candor_social_post_thread_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
candor_social_complete_task_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError               *error = NULL;
  CandorPublishReceipt *receipt = candor_social_post_thread_finish (result, &error);

  if (receipt == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, receipt, (GDestroyNotify)candor_publish_receipt_free);
}

const char *
candor_social_thread_parent (const CandorThreadRef *thread)
{
  if (thread == NULL)
    return NULL;

  return thread->last_id != NULL ? thread->last_id : thread->root_id;
}
