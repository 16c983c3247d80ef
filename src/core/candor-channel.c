/* candor-channel.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-channel"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "candor-channel.h"
#include "candor-json.h"
#include "candor-language.h"

struct _CandorChannel
{
  GObject parent_instance;

  char                    *id;
  const CandorChannelKind *kind;
  char                    *name;
  char                    *language;
  GHashTable              *settings; /* key -> value, both owned */
};

G_DEFINE_FINAL_TYPE (CandorChannel, candor_channel, G_TYPE_OBJECT)

static const char *const json_keys[] = { "id", "kind", "name", "language", "settings", NULL };

/* The same words the store's document writer refuses: a setting named like
 * this would put a secret in the database. */
static const char *const secret_words[] = {
  "password",   "passwd",      "secret",      "token",       "apikey",      "api_key", "api-key",
  "credential", "private_key", "private-key", "webhook_url", "webhook-url", "webhook",
};

static void
candor_channel_finalize (GObject *object)
{
  CandorChannel *self = CANDOR_CHANNEL (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->language);
  g_hash_table_unref (self->settings);

  G_OBJECT_CLASS (candor_channel_parent_class)->finalize (object);
}

static void
candor_channel_class_init (CandorChannelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = candor_channel_finalize;
}

static void
candor_channel_init (CandorChannel *self)
{
  self->settings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* Returns NULL when @kind names no channel kind. */
CandorChannel *
candor_channel_new (const char *id, const char *kind, const char *name)
{
  CandorChannel           *self;
  const CandorChannelKind *row;

  g_return_val_if_fail (id != NULL && *id != '\0', NULL);
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  row = candor_channel_kind_lookup (kind);
  g_return_val_if_fail (row != NULL, NULL);

  self = g_object_new (CANDOR_TYPE_CHANNEL, NULL);
  self->id = g_strdup (id);
  self->kind = row;
  self->name = g_strdup (name);

  return self;
}

/**
 * candor_channel_new_defaults:
 *
 * Returns: (transfer full) (element-type CandorChannel): one channel per kind.
 */
GPtrArray *
candor_channel_new_defaults (void)
{
  GPtrArray               *channels = g_ptr_array_new_with_free_func (g_object_unref);
  guint                    n_kinds;
  const CandorChannelKind *kinds = candor_channel_kind_get_all (&n_kinds);

  for (guint i = 0; i < n_kinds; i++)
    g_ptr_array_add (channels, candor_channel_new (kinds[i].nick, kinds[i].nick,
                                                   candor_channel_kind_get_label (&kinds[i])));

  return channels;
}

CandorChannel *
candor_channel_copy (CandorChannel *self)
{
  CandorChannel *copy;
  GHashTableIter iter;
  gpointer       key, value;

  g_return_val_if_fail (CANDOR_IS_CHANNEL (self), NULL);

  copy = candor_channel_new (self->id, self->kind->nick, self->name);
  copy->language = g_strdup (self->language);
  g_hash_table_iter_init (&iter, self->settings);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->settings, g_strdup (key), g_strdup (value));

  return copy;
}

CandorChannel *
candor_channel_find (GPtrArray *channels, const char *id)
{
  g_return_val_if_fail (channels != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < channels->len; i++)
    {
      CandorChannel *channel = g_ptr_array_index (channels, i);

      if (g_str_equal (channel->id, id))
        return channel;
    }

  return NULL;
}

const char *
candor_channel_get_id (CandorChannel *self)
{
  g_return_val_if_fail (CANDOR_IS_CHANNEL (self), NULL);

  return self->id;
}

const CandorChannelKind *
candor_channel_get_kind (CandorChannel *self)
{
  g_return_val_if_fail (CANDOR_IS_CHANNEL (self), NULL);

  return self->kind;
}

CandorDialect
candor_channel_get_dialect (CandorChannel *self)
{
  g_return_val_if_fail (CANDOR_IS_CHANNEL (self), CANDOR_DIALECT_PLAIN);

  return self->kind->dialect;
}

const char *
candor_channel_get_name (CandorChannel *self)
{
  g_return_val_if_fail (CANDOR_IS_CHANNEL (self), NULL);

  return self->name;
}

const char *
candor_channel_get_language (CandorChannel *self)
{
  g_return_val_if_fail (CANDOR_IS_CHANNEL (self), NULL);

  return self->language;
}

void
candor_channel_set_language (CandorChannel *self, const char *language)
{
  g_return_if_fail (CANDOR_IS_CHANNEL (self));

  /* "" is no language at all: the audience's. */
  g_free (self->language);
  self->language = language != NULL && *language != '\0' ? g_strdup (language) : NULL;
}

const char *
candor_channel_get_setting (CandorChannel *self, const char *key)
{
  g_return_val_if_fail (CANDOR_IS_CHANNEL (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return g_hash_table_lookup (self->settings, key);
}

gboolean
candor_channel_key_names_secret (const char *key)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (key != NULL, FALSE);

  folded = g_ascii_strdown (key, -1);
  for (guint i = 0; i < G_N_ELEMENTS (secret_words); i++)
    if (strstr (folded, secret_words[i]) != NULL)
      return TRUE;

  return FALSE;
}

/* @path names the setting in errors ("settings.token"). */
static gboolean
check_setting_key (const CandorChannelKind *kind, const char *key, const char *path, GError **error)
{
  if (candor_channel_key_names_secret (key))
    {
      g_set_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_VALUE,
                   _("%s: a secret is kept in the keyring, never in a channel’s settings"), path);
      return FALSE;
    }

  if (!candor_channel_kind_takes_setting (kind, key))
    {
      g_set_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_UNKNOWN_KEY,
                   _("%s: a channel of kind “%s” has no such setting"), path, kind->nick);
      return FALSE;
    }

  return TRUE;
}

gboolean
candor_channel_set_setting (CandorChannel *self, const char *key, const char *value, GError **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (CANDOR_IS_CHANNEL (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = candor_json_path_join ("settings", key);
  if (!check_setting_key (self->kind, key, path, error))
    return FALSE;

  if (value != NULL)
    g_hash_table_insert (self->settings, g_strdup (key), g_strdup (value));
  else
    g_hash_table_remove (self->settings, key);

  return TRUE;
}

JsonNode *
candor_channel_to_json (CandorChannel *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (CANDOR_IS_CHANNEL (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, self->id);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, self->kind->nick);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, self->name);
  /* Absent for the audience's language, as channels configured before
   * channels had languages are. */
  if (self->language != NULL)
    {
      json_builder_set_member_name (builder, "language");
      json_builder_add_string_value (builder, self->language);
    }
  json_builder_set_member_name (builder, "settings");
  json_builder_begin_object (builder);
  /* In the kind's order, so that the same channel always reads the same. */
  for (guint i = 0; self->kind->settings[i] != NULL; i++)
    {
      const char *value = g_hash_table_lookup (self->settings, self->kind->settings[i]);

      if (value == NULL)
        continue;
      json_builder_set_member_name (builder, self->kind->settings[i]);
      json_builder_add_string_value (builder, value);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

CandorChannel *
candor_channel_new_from_json (JsonNode *node, GError **error)
{
  JsonObject              *object;
  JsonNode                *settings_node;
  const char              *id = NULL;
  const char              *kind_nick = NULL;
  const char              *name = NULL;
  const char              *language = NULL;
  const CandorChannelKind *kind;
  g_autoptr (CandorChannel) self = NULL;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = candor_json_expect_object (node, NULL, json_keys, error);
  if (object == NULL)
    return NULL;

  if (!candor_json_get_string (object, NULL, "id", &id, error) ||
      !candor_json_get_string (object, NULL, "kind", &kind_nick, error) ||
      !candor_json_get_string (object, NULL, "name", &name, error) ||
      !candor_json_get_string (object, NULL, "language", &language, error))
    return NULL;

  if (id == NULL || *id == '\0')
    {
      g_set_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_MISSING_KEY,
                   _("id: missing; audiences name a channel by its id"));
      return NULL;
    }
  if (kind_nick == NULL)
    {
      g_set_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_MISSING_KEY,
                   _("kind: missing; a channel is of a kind (email, slack, ...)"));
      return NULL;
    }
  kind = candor_channel_kind_lookup (kind_nick);
  if (kind == NULL)
    {
      g_set_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_VALUE,
                   _("kind: “%s” is not a kind of channel"), kind_nick);
      return NULL;
    }

  if (language != NULL && *language != '\0' && !candor_language_is_valid (language))
    {
      g_set_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_VALUE,
                   _("language: “%s” is not a language code; use one such as en or ru"), language);
      return NULL;
    }

  self = candor_channel_new (id, kind->nick, name != NULL ? name : id);
  candor_channel_set_language (self, language);

  settings_node = json_object_get_member (object, "settings");
  if (settings_node != NULL && !JSON_NODE_HOLDS_NULL (settings_node))
    {
      JsonObject    *settings;
      JsonObjectIter iter;
      const char    *key;
      JsonNode      *member;

      /* A secret is refused before a key the kind does not take: the error
       * that matters most comes first. */
      if (JSON_NODE_HOLDS_OBJECT (settings_node))
        {
          json_object_iter_init (&iter, json_node_get_object (settings_node));
          while (json_object_iter_next (&iter, &key, &member))
            {
              g_autofree char *path = candor_json_path_join ("settings", key);

              if (!check_setting_key (kind, key, path, error))
                return NULL;
            }
        }

      settings = candor_json_expect_object (settings_node, "settings", kind->settings, error);
      if (settings == NULL)
        return NULL;

      for (guint i = 0; kind->settings[i] != NULL; i++)
        {
          const char *value = NULL;

          if (!candor_json_get_string (settings, "settings", kind->settings[i], &value, error))
            return NULL;
          if (value != NULL)
            g_hash_table_insert (self->settings, g_strdup (kind->settings[i]), g_strdup (value));
        }
    }

  return g_steal_pointer (&self);
}
