/* candor-fake-cachet.c
 *
 * A fake of Cachet 2.x's API v1, the parts a channel uses: GET
 * /api/v1/ping, GET /api/v1/subscribers, GET /api/v1/components/{id}, POST
 * /api/v1/incidents and POST /api/v1/incidents/{id}/updates. Reading ping
 * and components needs no token; the rest needs the header X-Cachet-Token.
 * Answers are {"data": ...}; errors {"errors": [{"id", "status", "title",
 * "detail"}]}, a refused field's messages in "meta": {"details": [...]}.
 * Accepted entries are the bodies of incidents and updates created.
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-fake-cachet"

#include "config.h"

#include <string.h>

#include "candor-fake-cachet.h"

#define API_PREFIX "/api/v1/"

typedef struct
{
  gint64 status;
  guint  n_updates;
} Incident;

struct _CandorFakeCachet
{
  CandorFakeServer parent_instance;

  char       *api_token;
  GHashTable *components; /* GINT_TO_POINTER (id) -> GINT_TO_POINTER (status) */
  GArray     *incidents;  /* of Incident; an incident's id is its index + 1 */
};

G_DEFINE_FINAL_TYPE (CandorFakeCachet, candor_fake_cachet, CANDOR_TYPE_FAKE_SERVER)

static void
reply_errors (SoupServerMessage *message,
              guint              status,
              const char        *detail,
              const char *const *details)
{
  JsonObject      *object = json_object_new ();
  JsonArray       *errors = json_array_new ();
  JsonObject      *error = json_object_new ();
  g_autofree char *id = g_uuid_string_random ();

  json_object_set_string_member (error, "id", id);
  json_object_set_int_member (error, "status", status);
  json_object_set_string_member (error, "title", soup_status_get_phrase (status));
  json_object_set_string_member (error, "detail", detail);
  if (details != NULL)
    {
      JsonObject *meta = json_object_new ();
      JsonArray  *list = json_array_new ();

      for (guint i = 0; details[i] != NULL; i++)
        json_array_add_string_element (list, details[i]);
      json_object_set_array_member (meta, "details", list);
      json_object_set_object_member (error, "meta", meta);
    }
  json_array_add_object_element (errors, error);
  json_object_set_array_member (object, "errors", errors);
  candor_fake_server_reply_object (message, status, object);
}

static void
reply_not_found (SoupServerMessage *message)
{
  reply_errors (message, SOUP_STATUS_NOT_FOUND,
                "The requested resource could not be found but may be available again in the "
                "future.",
                NULL);
}

static void
reply_invalid (SoupServerMessage *message, const char *detail)
{
  const char *const details[] = { detail, NULL };

  reply_errors (message, SOUP_STATUS_BAD_REQUEST,
                "The request cannot be fulfilled due to bad syntax.", details);
}

/* A node holding @object, which it takes. */
static JsonNode *
object_node_take (JsonObject *object)
{
  JsonNode *node = json_node_init_object (json_node_alloc (), object);

  json_object_unref (object);
  return node;
}

/* Takes @data. */
static void
reply_data (SoupServerMessage *message, JsonNode *data)
{
  JsonObject *object = json_object_new ();

  json_object_set_member (object, "data", data);
  candor_fake_server_reply_object (message, SOUP_STATUS_OK, object);
}

/* An integer member, as a number or a numeric string as PHP reads it; -1
 * when absent, -2 when it is something else. */
static gint64
member_int (JsonObject *object, const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return -1;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_int (node);
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node) ? 1 : 0;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      guint64 value;

      if (g_ascii_string_to_unsigned (json_node_get_string (node), 10, 0, G_MAXINT, &value, NULL))
        return value;
    }

  return -2;
}

static const char *
member_text (JsonObject *object, const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING || *json_node_get_string (node) == '\0')
    return NULL;

  return json_node_get_string (node);
}

/* The component fields both requests take; FALSE once it answered. */
static gboolean
apply_component (CandorFakeCachet *self, SoupServerMessage *message, JsonObject *request)
{
  gint64 component_id = member_int (request, "component_id");
  gint64 component_status = member_int (request, "component_status");

  if (component_id == -1 || component_id == 0)
    return TRUE;
  if (component_id < 0 ||
      !g_hash_table_contains (self->components, GINT_TO_POINTER ((int)component_id)))
    {
      reply_invalid (message, "The selected component id is invalid.");
      return FALSE;
    }
  if (component_status < 0 || component_status > 4)
    {
      reply_invalid (message, "The component status must be between 0 and 4.");
      return FALSE;
    }

  g_hash_table_insert (self->components, GINT_TO_POINTER ((int)component_id),
                       GINT_TO_POINTER ((int)component_status));
  return TRUE;
}

static JsonObject *
read_request (SoupServerMessage *message, GBytes *body, JsonNode **node)
{
  *node = candor_fake_server_parse_object (body);
  if (*node == NULL)
    {
      reply_errors (message, SOUP_STATUS_BAD_REQUEST,
                    "The request cannot be fulfilled due to bad syntax.", NULL);
      return NULL;
    }

  return json_node_get_object (*node);
}

static JsonNode *
incident_data (CandorFakeCachet *self, gint64 id, JsonObject *request)
{
  Incident        *incident = &g_array_index (self->incidents, Incident, id - 1);
  JsonObject      *data = json_object_new ();
  g_autofree char *permalink = g_strdup_printf (
    "%s/incidents/%" G_GINT64_FORMAT, candor_fake_server_get_url (CANDOR_FAKE_SERVER (self)), id);

  json_object_set_int_member (data, "id", id);
  json_object_set_int_member (data, "component_id", MAX (member_int (request, "component_id"), 0));
  json_object_set_string_member (data, "name", member_text (request, "name"));
  json_object_set_int_member (data, "status", incident->status);
  json_object_set_string_member (data, "message", member_text (request, "message"));
  json_object_set_boolean_member (data, "visible", member_int (request, "visible") != 0);
  json_object_set_string_member (data, "permalink", permalink);
  json_object_set_string_member (data, "created_at", "2026-12-05 10:00:00");

  return object_node_take (data);
}

static void
create_incident (CandorFakeCachet *self, SoupServerMessage *message, GBytes *body)
{
  g_autoptr (JsonNode) node = NULL;
  JsonObject *request = read_request (message, body, &node);
  gint64      status;
  gint64      visible;
  Incident    incident = { 0, 0 };

  if (request == NULL)
    return;

  status = member_int (request, "status");
  visible = member_int (request, "visible");
  if (member_text (request, "name") == NULL)
    {
      reply_invalid (message, "The name field is required.");
      return;
    }
  if (member_text (request, "message") == NULL)
    {
      reply_invalid (message, "The message field is required.");
      return;
    }
  if (status < 0 || status > 4)
    {
      reply_invalid (message, "The status must be between 0 and 4.");
      return;
    }
  if (visible != -1 && visible != 0 && visible != 1)
    {
      reply_invalid (message, "The visible field must be true or false.");
      return;
    }
  if (!apply_component (self, message, request))
    return;

  incident.status = status;
  g_array_append_val (self->incidents, incident);
  candor_fake_server_accept (CANDOR_FAKE_SERVER (self), node);
  reply_data (message, incident_data (self, self->incidents->len, request));
}

static void
create_update (CandorFakeCachet *self, SoupServerMessage *message, const char *id, GBytes *body)
{
  g_autoptr (JsonNode) node = NULL;
  JsonObject *request;
  JsonObject *data;
  guint64     incident_id;
  Incident   *incident;
  gint64      status;

  if (self->incidents->len == 0 ||
      !g_ascii_string_to_unsigned (id, 10, 1, self->incidents->len, &incident_id, NULL))
    {
      reply_not_found (message);
      return;
    }
  incident = &g_array_index (self->incidents, Incident, incident_id - 1);

  request = read_request (message, body, &node);
  if (request == NULL)
    return;

  status = member_int (request, "status");
  if (member_text (request, "message") == NULL)
    {
      reply_invalid (message, "The message field is required.");
      return;
    }
  if (status < 1 || status > 4)
    {
      reply_invalid (message, "The status must be between 1 and 4.");
      return;
    }
  if (!apply_component (self, message, request))
    return;

  incident->status = status;
  incident->n_updates++;
  candor_fake_server_accept (CANDOR_FAKE_SERVER (self), node);

  data = json_object_new ();
  json_object_set_int_member (data, "id",
                              1000 + candor_fake_server_next_serial (CANDOR_FAKE_SERVER (self)));
  json_object_set_int_member (data, "incident_id", incident_id);
  json_object_set_int_member (data, "status", status);
  json_object_set_string_member (data, "message", member_text (request, "message"));
  json_object_set_string_member (data, "created_at", "2026-12-05 10:00:00");
  reply_data (message, object_node_take (data));
}

static void
read_component (CandorFakeCachet *self, SoupServerMessage *message, const char *id)
{
  guint64     number;
  JsonObject *data;
  gpointer    status;

  if (!g_ascii_string_to_unsigned (id, 10, 1, G_MAXINT, &number, NULL) ||
      !g_hash_table_lookup_extended (self->components, GINT_TO_POINTER ((int)number), NULL,
                                     &status))
    {
      reply_not_found (message);
      return;
    }

  data = json_object_new ();
  json_object_set_int_member (data, "id", number);
  json_object_set_string_member (data, "name", "Checkout");
  json_object_set_int_member (data, "status", GPOINTER_TO_INT (status));
  reply_data (message, object_node_take (data));
}

static void
read_subscribers (SoupServerMessage *message)
{
  JsonObject *object = json_object_new ();
  JsonObject *meta = json_object_new ();
  JsonObject *pagination = json_object_new ();

  json_object_set_int_member (pagination, "total", 0);
  json_object_set_int_member (pagination, "count", 0);
  json_object_set_int_member (pagination, "per_page", 1);
  json_object_set_int_member (pagination, "current_page", 1);
  json_object_set_int_member (pagination, "total_pages", 0);
  json_object_set_object_member (meta, "pagination", pagination);
  json_object_set_object_member (object, "meta", meta);
  json_object_set_array_member (object, "data", json_array_new ());
  candor_fake_server_reply_object (message, SOUP_STATUS_OK, object);
}

static void
candor_fake_cachet_handle (CandorFakeServer  *server,
                           SoupServerMessage *message,
                           const char        *path,
                           GHashTable        *query,
                           GBytes            *body)
{
  CandorFakeCachet   *self = CANDOR_FAKE_CACHET (server);
  const char         *method = soup_server_message_get_method (message);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  const char         *accept = soup_message_headers_get_one (headers, "Accept");
  const char         *token = soup_message_headers_get_one (headers, "X-Cachet-Token");
  gboolean            get = g_str_equal (method, SOUP_METHOD_GET);
  g_auto (GStrv) segments = NULL;
  guint n_segments;

  if (!g_str_has_prefix (path, API_PREFIX))
    {
      reply_not_found (message);
      return;
    }
  /* The API's routes take only requests that accept JSON. */
  if (accept != NULL && strstr (accept, "application/json") == NULL &&
      strstr (accept, "*/*") == NULL)
    {
      reply_errors (message, SOUP_STATUS_NOT_ACCEPTABLE,
                    "The requested resource is capable of generating only content not acceptable "
                    "according to the Accept headers sent in the request.",
                    NULL);
      return;
    }

  segments = g_strsplit (path + strlen (API_PREFIX), "/", -1);
  n_segments = g_strv_length (segments);

  if (get && n_segments == 1 && g_str_equal (segments[0], "ping"))
    {
      reply_data (message, json_node_init_string (json_node_alloc (), "Pong!"));
      return;
    }
  if (get && n_segments == 2 && g_str_equal (segments[0], "components"))
    {
      read_component (self, message, segments[1]);
      return;
    }

  if (token == NULL || !g_str_equal (token, self->api_token))
    {
      reply_errors (message, SOUP_STATUS_UNAUTHORIZED,
                    "Authentication is required and has failed or has not yet been provided.",
                    NULL);
      return;
    }

  if (get && n_segments == 1 && g_str_equal (segments[0], "subscribers"))
    read_subscribers (message);
  else if (g_str_equal (method, SOUP_METHOD_POST) && n_segments == 1 &&
           g_str_equal (segments[0], "incidents"))
    create_incident (self, message, body);
  else if (g_str_equal (method, SOUP_METHOD_POST) && n_segments == 3 &&
           g_str_equal (segments[0], "incidents") && g_str_equal (segments[2], "updates"))
    create_update (self, message, segments[1], body);
  else
    reply_not_found (message);
}

static void
candor_fake_cachet_answer_fault (CandorFakeServer  *server,
                                 SoupServerMessage *message,
                                 guint              status,
                                 guint              retry_after)
{
  if (status == CANDOR_FAKE_STATUS_TOO_MANY_REQUESTS)
    {
      candor_fake_server_set_retry_after (message, retry_after);
      reply_errors (message, status, "Too Many Attempts.", NULL);
      return;
    }

  reply_errors (message, status,
                "The server encountered an unexpected condition which prevented it from "
                "fulfilling the request.",
                NULL);
}

static void
candor_fake_cachet_finalize (GObject *object)
{
  CandorFakeCachet *self = CANDOR_FAKE_CACHET (object);

  g_free (self->api_token);
  g_clear_pointer (&self->components, g_hash_table_unref);
  g_clear_pointer (&self->incidents, g_array_unref);

  G_OBJECT_CLASS (candor_fake_cachet_parent_class)->finalize (object);
}

static void
candor_fake_cachet_class_init (CandorFakeCachetClass *klass)
{
  GObjectClass          *object_class = G_OBJECT_CLASS (klass);
  CandorFakeServerClass *server_class = CANDOR_FAKE_SERVER_CLASS (klass);

  object_class->finalize = candor_fake_cachet_finalize;
  server_class->handle = candor_fake_cachet_handle;
  server_class->answer_fault = candor_fake_cachet_answer_fault;
}

static void
candor_fake_cachet_init (CandorFakeCachet *self)
{
  self->components = g_hash_table_new (NULL, NULL);
  self->incidents = g_array_new (FALSE, TRUE, sizeof (Incident));
}

CandorFakeCachet *
candor_fake_cachet_new (GTlsCertificate *certificate,
                        const char      *api_token,
                        const guint     *component_ids,
                        guint            n_components,
                        GError         **error)
{
  CandorFakeCachet *self;

  g_return_val_if_fail (api_token != NULL, NULL);

  self =
    g_initable_new (CANDOR_TYPE_FAKE_CACHET, NULL, error, "tls-certificate", certificate, NULL);
  if (self == NULL)
    return NULL;

  self->api_token = g_strdup (api_token);
  for (guint i = 0; i < n_components; i++)
    g_hash_table_insert (self->components, GINT_TO_POINTER (component_ids[i]), GINT_TO_POINTER (1));

  return self;
}

guint
candor_fake_cachet_get_n_incidents (CandorFakeCachet *self)
{
  g_return_val_if_fail (CANDOR_IS_FAKE_CACHET (self), 0);

  return self->incidents->len;
}

gint64
candor_fake_cachet_get_incident_status (CandorFakeCachet *self, gint64 incident_id)
{
  g_return_val_if_fail (CANDOR_IS_FAKE_CACHET (self), -1);

  if (incident_id < 1 || incident_id > self->incidents->len)
    return -1;

  return g_array_index (self->incidents, Incident, incident_id - 1).status;
}

guint
candor_fake_cachet_get_n_updates (CandorFakeCachet *self, gint64 incident_id)
{
  g_return_val_if_fail (CANDOR_IS_FAKE_CACHET (self), 0);

  if (incident_id < 1 || incident_id > self->incidents->len)
    return 0;

  return g_array_index (self->incidents, Incident, incident_id - 1).n_updates;
}

gint64
candor_fake_cachet_get_component_status (CandorFakeCachet *self, guint component_id)
{
  gpointer status;

  g_return_val_if_fail (CANDOR_IS_FAKE_CACHET (self), -1);

  if (!g_hash_table_lookup_extended (self->components, GINT_TO_POINTER (component_id), NULL,
                                     &status))
    return -1;

  return GPOINTER_TO_INT (status);
}
