/* candor-status-entry.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-status-entry"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "candor-enum-types.h"
#include "candor-publish-error.h"
#include "candor-status-entry.h"

static int
member_enum (JsonObject *object, const char *member, GType type, int fallback)
{
  const char *nick =
    object != NULL ? json_object_get_string_member_with_default (object, member, NULL) : NULL;
  int value;

  return candor_enum_from_nick (type, nick, &value) ? value : fallback;
}

static char *
member_text (JsonObject *object, const char *member, const char *fallback)
{
  const char *text =
    object != NULL ? json_object_get_string_member_with_default (object, member, NULL) : NULL;

  return g_strdup (text != NULL ? text : fallback != NULL ? fallback : "");
}

CandorStatusEntry *
candor_status_entry_new_from_rendition (CandorSentRendition *rendition)
{
  CandorStatusEntry *entry = g_new0 (CandorStatusEntry, 1);
  g_autoptr (JsonNode) node = NULL;
  JsonObject *object = NULL;

  g_return_val_if_fail (rendition != NULL, NULL);

  if (rendition->json != NULL)
    node = json_from_string (rendition->json, NULL);
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    object = json_node_get_object (node);

  entry->name = member_text (object, "name", rendition->subject);
  entry->body = member_text (object, "body", rendition->body);
  entry->state =
    member_enum (object, "status", CANDOR_TYPE_INCIDENT_STATE, CANDOR_INCIDENT_STATE_INVESTIGATING);
  entry->kind = member_enum (object, "kind", CANDOR_TYPE_UPDATE_KIND, CANDOR_UPDATE_KIND_PROGRESS);
  entry->severity = member_enum (object, "severity", CANDOR_TYPE_SEVERITY, CANDOR_SEVERITY_MAJOR);

  if (entry->kind == CANDOR_UPDATE_KIND_RESOLUTION ||
      entry->kind == CANDOR_UPDATE_KIND_POST_INCIDENT)
    entry->state = CANDOR_INCIDENT_STATE_RESOLVED;

  return entry;
}

void
candor_status_entry_free (CandorStatusEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->name);
  g_free (entry->body);
  g_free (entry);
}

gboolean
candor_status_entry_is_resolved (const CandorStatusEntry *entry)
{
  g_return_val_if_fail (entry != NULL, FALSE);

  return entry->state == CANDOR_INCIDENT_STATE_RESOLVED;
}

gboolean
candor_status_entry_is_blank (const CandorStatusEntry *entry)
{
  g_return_val_if_fail (entry != NULL, TRUE);

  for (const char *p = entry->body; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

GError *
candor_status_entry_refusal_error (CandorHttpResponse *response,
                                   const char         *service,
                                   gboolean            follows_up,
                                   const char         *words)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (words != NULL ? words : ""));
  gsize            length = strlen (trimmed);

  g_return_val_if_fail (response != NULL, NULL);
  g_return_val_if_fail (service != NULL, NULL);

  if (!follows_up || candor_http_response_get_status (response) != SOUP_STATUS_NOT_FOUND)
    {
      if (length > 0 && trimmed[length - 1] == '.')
        trimmed[length - 1] = '\0';
      return candor_http_response_to_error (response, service, words != NULL ? trimmed : NULL);
    }

  return g_error_new (CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REJECTED,
                      /* Translators: %s is a status page service, such as "Cachet". */
                      _("%s no longer has the incident this message follows up; it may have "
                        "been deleted there. Post the message there by hand, then mark it as "
                        "sent."),
                         service);
}

GStrv
candor_status_entry_split_ids (const char *list)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) items = g_strsplit (list != NULL ? list : "", ",", -1);

  for (guint i = 0; items[i] != NULL; i++)
    {
      g_strstrip (items[i]);
      if (*items[i] != '\0')
        g_strv_builder_add (builder, items[i]);
    }

  return g_strv_builder_end (builder);
}
