/* candor-chat-markup-teams.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-chat-markup"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "candor-chat-markup-private.h"

/* Teams: the Adaptive Card */

/* A card is data from elsewhere: a member of an unexpected type is absent. */
static const char *
card_string (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return "";

  return json_node_get_string (node);
}

static gboolean
card_boolean (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

static void
render_card_elements (GString *out, JsonArray *elements, guint depth)
{
  guint n = elements != NULL && depth < MAX_DEPTH ? json_array_get_length (elements) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonNode   *node = json_array_get_element (elements, i);
      JsonObject *element;
      const char *type, *text, *size, *weight;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      element = json_node_get_object (node);
      type = card_string (element, "type");
      if (g_str_equal (type, "Container"))
        {
          JsonNode *items = json_object_get_member (element, "items");

          if (items != NULL && JSON_NODE_HOLDS_ARRAY (items))
            render_card_elements (out, json_node_get_array (items), depth + 1);
          continue;
        }
      if (!g_str_equal (type, "TextBlock"))
        continue;

      text = card_string (element, "text");
      size = card_string (element, "size");
      weight = card_string (element, "weight");

      /* Blocks follow one another with a little space, about a line's worth. */
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, "<span");
      if (g_ascii_strcasecmp (size, "Small") == 0)
        g_string_append (out, " size=\"small\"");
      else if (g_ascii_strcasecmp (size, "Medium") == 0)
        g_string_append (out, " size=\"large\"");
      else if (g_ascii_strcasecmp (size, "Large") == 0)
        g_string_append (out, " size=\"x-large\"");
      else if (g_ascii_strcasecmp (size, "ExtraLarge") == 0)
        g_string_append (out, " size=\"xx-large\"");
      if (g_ascii_strcasecmp (weight, "Bolder") == 0)
        g_string_append (out, " weight=\"bold\"");
      else if (g_ascii_strcasecmp (weight, "Lighter") == 0)
        g_string_append (out, " weight=\"light\"");
      if (card_boolean (element, "isSubtle"))
        g_string_append (out, " fgalpha=\"70%\"");
      g_string_append_c (out, '>');
      _candor_chat_markup_render_markdown (out, FLAVOR_TEAMS, text, strlen (text));
      g_string_append (out, "</span>");
    }
}

void
_candor_chat_markup_render_teams (GString *out, const char *json, gsize len)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  JsonNode   *root;
  JsonObject *card;
  JsonNode   *body;

  if (!json_parser_load_from_data (parser, json, len, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      /* Not a card: Teams would refuse it; show what there is. */
      _candor_chat_markup_append_escaped (out, json, len);
      return;
    }

  card = json_node_get_object (root);
  body = json_object_get_member (card, "body");
  if (body != NULL && JSON_NODE_HOLDS_ARRAY (body))
    render_card_elements (out, json_node_get_array (body), 0);
}
