/* candor-http-response.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-http-response"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "candor-http-response.h"
#include "candor-json.h"
#include "candor-publish-error.h"

/* Too Many Requests (RFC 6585), which libsoup has no name for. */
#define STATUS_TOO_MANY_REQUESTS 429

struct _CandorHttpResponse
{
  GObject parent_instance;

  guint               status;
  SoupMessageHeaders *headers;
  GBytes             *body;
  JsonNode           *json;
};

G_DEFINE_FINAL_TYPE (CandorHttpResponse, candor_http_response, G_TYPE_OBJECT)

static void
candor_http_response_finalize (GObject *object)
{
  CandorHttpResponse *self = CANDOR_HTTP_RESPONSE (object);

  g_clear_pointer (&self->headers, soup_message_headers_unref);
  g_clear_pointer (&self->body, g_bytes_unref);
  g_clear_pointer (&self->json, json_node_unref);

  G_OBJECT_CLASS (candor_http_response_parent_class)->finalize (object);
}

static void
candor_http_response_class_init (CandorHttpResponseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = candor_http_response_finalize;
}

static void
candor_http_response_init (CandorHttpResponse *self)
{
}

/* "application/json", or any "application/something+json" (problem+json,
 * activity+json) that APIs answer with. */
static gboolean
is_json_content_type (SoupMessageHeaders *headers)
{
  const char *type = soup_message_headers_get_content_type (headers, NULL);

  return type != NULL &&
         (g_ascii_strcasecmp (type, "application/json") == 0 ||
          (g_str_has_prefix (type, "application/") && g_str_has_suffix (type, "+json")));
}

CandorHttpResponse *
candor_http_response_new (guint status, SoupMessageHeaders *headers, GBytes *body)
{
  CandorHttpResponse *self;

  g_return_val_if_fail (headers != NULL, NULL);
  g_return_val_if_fail (body != NULL, NULL);

  self = g_object_new (CANDOR_TYPE_HTTP_RESPONSE, NULL);
  self->status = status;
  self->headers = soup_message_headers_ref (headers);
  self->body = g_bytes_ref (body);

  if (is_json_content_type (headers) && g_bytes_get_size (body) > 0)
    {
      gsize       size;
      const char *data = g_bytes_get_data (body, &size);

      /* A body that says JSON but is not stays readable as bytes: an error
       * page from a proxy in front of the API is still worth quoting. Read like
       * every other JSON document, bounded in size and depth: a broken or hostile
       * server must not take the app down with a deeply nested body. */
      self->json = candor_json_parse (data, size, NULL, NULL);
      if (self->json == NULL)
        g_debug ("The %u response says it is JSON but does not parse", status);
    }

  return self;
}

guint
candor_http_response_get_status (CandorHttpResponse *self)
{
  g_return_val_if_fail (CANDOR_IS_HTTP_RESPONSE (self), 0);

  return self->status;
}

gboolean
candor_http_response_is_success (CandorHttpResponse *self)
{
  g_return_val_if_fail (CANDOR_IS_HTTP_RESPONSE (self), FALSE);

  return SOUP_STATUS_IS_SUCCESSFUL (self->status);
}

SoupMessageHeaders *
candor_http_response_get_headers (CandorHttpResponse *self)
{
  g_return_val_if_fail (CANDOR_IS_HTTP_RESPONSE (self), NULL);

  return self->headers;
}

const char *
candor_http_response_get_header (CandorHttpResponse *self, const char *name)
{
  g_return_val_if_fail (CANDOR_IS_HTTP_RESPONSE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return soup_message_headers_get_one (self->headers, name);
}

GBytes *
candor_http_response_get_body (CandorHttpResponse *self)
{
  g_return_val_if_fail (CANDOR_IS_HTTP_RESPONSE (self), NULL);

  return self->body;
}

JsonNode *
candor_http_response_get_json (CandorHttpResponse *self)
{
  g_return_val_if_fail (CANDOR_IS_HTTP_RESPONSE (self), NULL);

  return self->json;
}

gint64
candor_http_response_parse_retry_after (const char *value, GDateTime *now)
{
  g_autoptr (GDateTime) when = NULL;
  const char *end = NULL;
  guint64     seconds;

  g_return_val_if_fail (now != NULL, -1);

  if (value == NULL)
    return -1;

  value += strspn (value, " \t");

  if (g_ascii_isdigit (*value))
    {
      errno = 0;
      seconds = g_ascii_strtoull (value, (char **)&end, 10);
      end += strspn (end, " \t");
      if (errno != 0 || *end != '\0')
        return -1;
      /* A wait of centuries is as good as "not today"; keep it in range. */
      return (gint64)MIN (seconds, (guint64)(G_MAXINT64 / G_USEC_PER_SEC)) * G_USEC_PER_SEC;
    }

  when = soup_date_time_new_from_http_string (value);
  if (when == NULL)
    return -1;

  return MAX (g_date_time_difference (when, now), 0);
}

GError *
candor_http_response_to_error (CandorHttpResponse *self,
                               const char         *service,
                               const char         *service_message)
{
  g_autofree char *status_text = NULL;
  const char      *words;
  GError          *error;

  g_return_val_if_fail (CANDOR_IS_HTTP_RESPONSE (self), NULL);
  g_return_val_if_fail (service != NULL, NULL);

  if (service_message == NULL || *service_message == '\0')
    {
      status_text =
        g_strdup_printf ("HTTP %u %s", self->status, soup_status_get_phrase (self->status));
      words = status_text;
    }
  else
    words = service_message;

  if (self->status == SOUP_STATUS_UNAUTHORIZED || self->status == SOUP_STATUS_FORBIDDEN)
    return g_error_new (CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REFUSED,
                        /* Translators: %s is a service ("Slack"), then what it said. */
                        _("%s refused the channel’s credentials: %s. Check the channel’s token "
                          "in Preferences."),
                           service, words);

  if (self->status == STATUS_TOO_MANY_REQUESTS)
    {
      g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
      const char *retry_after = soup_message_headers_get_one (self->headers, "Retry-After");
      gint64      wait = candor_http_response_parse_retry_after (retry_after, now);

      error = g_error_new (CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_RATE_LIMITED,
                           /* Translators: %s is a service ("Slack"), then what it said. */
                           _("%s asks Candor to post less often: %s. Candor waits and tries "
                             "again."),
                              service, words);
      if (wait > 0)
        candor_publish_error_set_retry_after (error, wait);
      return error;
    }

  if (SOUP_STATUS_IS_SERVER_ERROR (self->status))
    return g_error_new (CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_UNAVAILABLE,
                        /* Translators: %s is a service ("Slack"), then what it said. */
                        _("%s has a problem of its own: %s. Candor tries again later."), service,
                           words);

  return g_error_new (CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REJECTED,
                      /* Translators: %s is a service ("Slack"), then what it said. */
                      _("%s did not accept the message: %s. Check the message and the "
                        "channel’s settings in Preferences."),
                         service, words);
}
