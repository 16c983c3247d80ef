/* candor-sent-rendition.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-sent-rendition"

#include "config.h"

#include <json-glib/json-glib.h>

#include "candor-dialect.h"
#include "candor-sent-rendition.h"

CandorSentRendition *
candor_sent_rendition_new (const char   *audience,
                           CandorDialect format,
                           const char   *language,
                           const char   *subject,
                           const char   *body,
                           GBytes       *mime)
{
  CandorSentRendition *rendition;

  g_return_val_if_fail (audience != NULL, NULL);
  g_return_val_if_fail (format < CANDOR_N_DIALECTS, NULL);
  g_return_val_if_fail (body != NULL, NULL);

  rendition = g_new0 (CandorSentRendition, 1);
  rendition->audience = g_strdup (audience);
  rendition->channel_id = g_strdup (candor_dialect_get_nick (format));
  rendition->dialect = format;
  rendition->language = g_strdup (language != NULL ? language : "en");
  rendition->subject = g_strdup (subject);
  rendition->body = g_strdup (body);
  rendition->mime = mime != NULL ? g_bytes_ref (mime) : NULL;

  return rendition;
}

CandorSentRendition *
candor_sent_rendition_new_from_rendition (CandorRendition *rendition,
                                          const char      *language,
                                          GError         **error)
{
  g_autoptr (CandorSentRendition) sent = NULL;
  GBytes       *mime = NULL; /* owned by the rendition */
  CandorDialect format;

  g_return_val_if_fail (CANDOR_IS_RENDITION (rendition), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  format = candor_rendition_get_format (rendition);
  /* An email is recorded with the very bytes that go out, or not at all. */
  if (format == CANDOR_DIALECT_EMAIL)
    {
      mime = candor_rendition_get_mime (rendition, error);
      if (mime == NULL)
        return NULL;
    }

  sent = candor_sent_rendition_new (candor_rendition_get_audience_id (rendition), format, language,
                                    candor_rendition_get_subject (rendition),
                                    candor_rendition_get_text (rendition) ?: "", mime);
  g_free (sent->channel_id);
  sent->channel_id = g_strdup (candor_rendition_get_channel_id (rendition));
  sent->html = g_strdup (candor_rendition_get_html (rendition));
  sent->json = g_strdup (candor_rendition_get_json (rendition));
  sent->message_id = g_strdup (candor_rendition_get_message_id (rendition));

  /* A social thread is sent as its posts: keep them, as the rendition writes them out. */
  if (sent->json == NULL && candor_rendition_get_thread (rendition) != NULL)
    {
      g_autoptr (JsonNode) node = candor_rendition_to_json (rendition);

      sent->json = json_to_string (node, FALSE);
    }

  return g_steal_pointer (&sent);
}

void
candor_sent_rendition_free (CandorSentRendition *rendition)
{
  if (rendition == NULL)
    return;

  g_free (rendition->audience);
  g_free (rendition->channel_id);
  g_free (rendition->language);
  g_free (rendition->subject);
  g_free (rendition->body);
  g_free (rendition->html);
  g_free (rendition->json);
  g_free (rendition->message_id);
  g_clear_pointer (&rendition->mime, g_bytes_unref);
  g_free (rendition);
}
