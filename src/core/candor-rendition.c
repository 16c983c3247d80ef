/* candor-rendition.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-rendition"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "candor-dialect.h"
#include "candor-enum-types.h"
#include "candor-language.h"
#include "candor-rendition-private.h"

struct _CandorRendition
{
  GObject parent_instance;

  CandorDialect       format;
  char               *audience_id;
  char               *channel_id; /* the CandorChannel it is for */
  char               *language;
  char               *subject;
  char               *text;
  char               *html;
  char               *json;
  CandorSocialThread *thread;
  GBytes             *mime;
  char               *message_id;
  char               *email_from;
  char               *email_to;
  GStrv               email_thread;
  char               *email_language;
  char               *email_body;
  GPtrArray          *findings;
  guint               length;
  guint               limit;
};

G_DEFINE_FINAL_TYPE (CandorRendition, candor_rendition, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_FORMAT,
  PROP_AUDIENCE_ID,
  PROP_SUBJECT,
  PROP_TEXT,
  PROP_HTML,
  PROP_JSON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
candor_rendition_finalize (GObject *object)
{
  CandorRendition *self = (CandorRendition *)object;

  g_clear_pointer (&self->audience_id, g_free);
  g_clear_pointer (&self->channel_id, g_free);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->subject, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->html, g_free);
  g_clear_pointer (&self->json, g_free);
  g_clear_object (&self->thread);
  g_clear_pointer (&self->mime, g_bytes_unref);
  g_clear_pointer (&self->message_id, g_free);
  g_clear_pointer (&self->email_from, g_free);
  g_clear_pointer (&self->email_to, g_free);
  g_clear_pointer (&self->email_thread, g_strfreev);
  g_clear_pointer (&self->email_language, g_free);
  g_clear_pointer (&self->email_body, g_free);
  g_clear_pointer (&self->findings, g_ptr_array_unref);

  G_OBJECT_CLASS (candor_rendition_parent_class)->finalize (object);
}

static void
candor_rendition_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CandorRendition *self = CANDOR_RENDITION (object);

  switch (prop_id)
    {
      case PROP_FORMAT:
        g_value_set_enum (value, self->format);
        break;

      case PROP_AUDIENCE_ID:
        g_value_set_string (value, self->audience_id);
        break;

      case PROP_SUBJECT:
        g_value_set_string (value, self->subject);
        break;

      case PROP_TEXT:
        g_value_set_string (value, self->text);
        break;

      case PROP_HTML:
        g_value_set_string (value, self->html);
        break;

      case PROP_JSON:
        g_value_set_string (value, self->json);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_rendition_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CandorRendition *self = CANDOR_RENDITION (object);

  switch (prop_id)
    {
      case PROP_FORMAT:
        self->format = g_value_get_enum (value);
        break;

      case PROP_AUDIENCE_ID:
        self->audience_id = g_value_dup_string (value);
        break;

      case PROP_SUBJECT:
        self->subject = g_value_dup_string (value);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_rendition_class_init (CandorRenditionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = candor_rendition_finalize;
  object_class->get_property = candor_rendition_get_property;
  object_class->set_property = candor_rendition_set_property;

  properties[PROP_FORMAT] = g_param_spec_enum (
    "format", NULL, "The channel format this was written for", CANDOR_TYPE_DIALECT,
    CANDOR_DIALECT_PLAIN, G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_AUDIENCE_ID] =
    g_param_spec_string ("audience-id", NULL, "The audience this was written for", NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SUBJECT] =
    g_param_spec_string ("subject", NULL, "The subject or title", NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, "The text in the channel's markup",
                                               NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_HTML] =
    g_param_spec_string ("html", NULL, "The HTML document or formatted body, if any", NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_JSON] = g_param_spec_string ("json", NULL, "The JSON request body, if any", NULL,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
candor_rendition_init (CandorRendition *self)
{
  self->findings = g_ptr_array_new_with_free_func (g_object_unref);
}

CandorRendition *
_candor_rendition_new (CandorDialect format,
                       const char   *channel_id,
                       const char   *audience_id,
                       const char   *subject,
                       char         *text)
{
  CandorRendition *self = g_object_new (CANDOR_TYPE_RENDITION, "format", format, "audience-id",
                                        audience_id, "subject", subject, NULL);

  self->channel_id = g_strdup (channel_id);
  self->text = text;
  return self;
}

void
_candor_rendition_take_html (CandorRendition *self, char *html)
{
  g_free (self->html);
  self->html = html;
}

void
_candor_rendition_take_json (CandorRendition *self, char *json)
{
  g_free (self->json);
  self->json = json;
}

void
_candor_rendition_set_thread (CandorRendition *self, CandorSocialThread *thread)
{
  g_set_object (&self->thread, thread);
}

void
_candor_rendition_set_language (CandorRendition *self, const char *language)
{
  g_free (self->language);
  self->language = g_strdup (language);
}

void
_candor_rendition_set_email (CandorRendition   *self,
                             const char        *from,
                             const char        *to,
                             const char *const *thread,
                             const char        *language,
                             const char        *html_body)
{
  self->email_from = g_strdup (from);
  self->email_to = g_strdup (to);
  self->email_thread = thread != NULL && thread[0] != NULL ? g_strdupv ((char **)thread) : NULL;
  self->email_language = g_strdup (language);
  self->email_body = g_strdup (html_body);
}

void
_candor_rendition_set_length (CandorRendition *self, guint length, guint limit)
{
  self->length = length;
  self->limit = limit;
}

void
_candor_rendition_take_finding (CandorRendition *self, CandorFinding *finding)
{
  if (finding != NULL)
    g_ptr_array_add (self->findings, finding);
}

CandorDialect
candor_rendition_get_format (CandorRendition *self)
{
  g_return_val_if_fail (CANDOR_IS_RENDITION (self), 0);

  return self->format;
}

const char *
candor_rendition_get_email_from (CandorRendition *self)
{
  g_return_val_if_fail (CANDOR_IS_RENDITION (self), NULL);

  return self->email_from;
}

const char *
candor_rendition_get_email_to (CandorRendition *self)
{
  g_return_val_if_fail (CANDOR_IS_RENDITION (self), NULL);

  return self->email_to;
}

const char *
candor_rendition_get_channel_id (CandorRendition *self)
{
  g_return_val_if_fail (CANDOR_IS_RENDITION (self), NULL);

  return self->channel_id;
}

const char *
candor_rendition_get_audience_id (CandorRendition *self)
{
  g_return_val_if_fail (CANDOR_IS_RENDITION (self), NULL);

  return self->audience_id;
}

const char *
candor_rendition_get_language (CandorRendition *self)
{
  g_return_val_if_fail (CANDOR_IS_RENDITION (self), NULL);

  return self->language != NULL ? self->language : CANDOR_LANGUAGE_DEFAULT;
}

const char *
candor_rendition_get_subject (CandorRendition *self)
{
  g_return_val_if_fail (CANDOR_IS_RENDITION (self), NULL);

  return self->subject;
}

const char *
candor_rendition_get_text (CandorRendition *self)
{
  g_return_val_if_fail (CANDOR_IS_RENDITION (self), NULL);

  return self->text;
}

const char *
candor_rendition_get_html (CandorRendition *self)
{
  g_return_val_if_fail (CANDOR_IS_RENDITION (self), NULL);

  return self->html;
}

const char *
candor_rendition_get_json (CandorRendition *self)
{
  g_return_val_if_fail (CANDOR_IS_RENDITION (self), NULL);

  return self->json;
}

CandorSocialThread *
candor_rendition_get_thread (CandorRendition *self)
{
  g_return_val_if_fail (CANDOR_IS_RENDITION (self), NULL);

  return self->thread;
}

GBytes *
candor_rendition_get_mime (CandorRendition *self, GError **error)
{
  CandorEmailHeaders headers = { 0 };

  g_return_val_if_fail (CANDOR_IS_RENDITION (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->mime != NULL)
    return self->mime;

  if (self->email_body == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("A %s message is not an email message"),
                      candor_dialect_get_label (self->format));
      return NULL;
    }

  headers.from = self->email_from;
  headers.to = self->email_to;
  headers.subject = self->subject;
  headers.references = (const char *const *)self->email_thread;
  headers.in_reply_to =
    self->email_thread != NULL ? self->email_thread[g_strv_length (self->email_thread) - 1] : NULL;
  headers.language = self->email_language;

  /* Built once: what is saved, shown and sent are the same bytes. */
  self->mime =
    candor_email_build (&headers, self->text, self->email_body, &self->message_id, error);
  return self->mime;
}

const char *
candor_rendition_get_message_id (CandorRendition *self)
{
  g_return_val_if_fail (CANDOR_IS_RENDITION (self), NULL);

  return self->message_id;
}

guint
candor_rendition_get_length (CandorRendition *self)
{
  g_return_val_if_fail (CANDOR_IS_RENDITION (self), 0);

  return self->length;
}

guint
candor_rendition_get_limit (CandorRendition *self)
{
  g_return_val_if_fail (CANDOR_IS_RENDITION (self), 0);

  return self->limit;
}

GPtrArray *
candor_rendition_get_findings (CandorRendition *self)
{
  g_return_val_if_fail (CANDOR_IS_RENDITION (self), NULL);

  return self->findings;
}

static void
add_string_member (JsonBuilder *builder, const char *name, const char *value)
{
  if (value == NULL)
    return;

  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

JsonNode *
candor_rendition_to_json (CandorRendition *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (CANDOR_IS_RENDITION (self), NULL);

  json_builder_begin_object (builder);
  add_string_member (builder, "audience", self->audience_id);
  add_string_member (builder, "channel", self->channel_id);
  add_string_member (builder, "format", candor_enum_to_nick (CANDOR_TYPE_DIALECT, self->format));
  add_string_member (builder, "subject", self->subject);
  add_string_member (builder, "text", self->text);
  add_string_member (builder, "html", self->html);

  if (self->json != NULL)
    {
      g_autoptr (JsonNode) body = json_from_string (self->json, NULL);

      if (body != NULL)
        {
          json_builder_set_member_name (builder, "json");
          json_builder_add_value (builder, g_steal_pointer (&body));
        }
    }

  if (self->thread != NULL)
    {
      json_builder_set_member_name (builder, "posts");
      json_builder_begin_array (builder);
      for (guint i = 0; i < candor_social_thread_get_n_posts (self->thread); i++)
        {
          const CandorSocialPost *post = candor_social_thread_get_post (self->thread, i);

          json_builder_begin_object (builder);
          add_string_member (builder, "text", post->text);
          json_builder_set_member_name (builder, "length");
          json_builder_add_int_value (builder, post->length);
          json_builder_set_member_name (builder, "limit");
          json_builder_add_int_value (builder, post->limit);
          json_builder_set_member_name (builder, "links");
          json_builder_begin_array (builder);
          for (guint j = 0; j < post->n_links; j++)
            {
              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "byte-start");
              json_builder_add_int_value (builder, post->links[j].byte_start);
              json_builder_set_member_name (builder, "byte-end");
              json_builder_add_int_value (builder, post->links[j].byte_end);
              add_string_member (builder, "uri", post->links[j].uri);
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }

  if (self->email_body != NULL && candor_rendition_get_mime (self, NULL) != NULL)
    {
      g_autofree char *mime =
        g_strndup (g_bytes_get_data (self->mime, NULL), g_bytes_get_size (self->mime));

      add_string_member (builder, "message-id", self->message_id);
      add_string_member (builder, "mime", mime);
    }

  json_builder_set_member_name (builder, "length");
  json_builder_add_int_value (builder, self->length);
  json_builder_set_member_name (builder, "limit");
  json_builder_add_int_value (builder, self->limit);

  json_builder_set_member_name (builder, "findings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->findings->len; i++)
    {
      CandorFinding *finding = g_ptr_array_index (self->findings, i);

      json_builder_begin_object (builder);
      add_string_member (builder, "rule", candor_finding_get_rule_id (finding));
      add_string_member (builder, "message", candor_finding_get_message (finding));
      add_string_member (builder, "suggestion", candor_finding_get_suggestion (finding));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
