/* candor-fake-statuspage.c
 *
 * A fake of Atlassian Statuspage's REST API v1, the parts a channel uses:
 * GET /v1/pages/{page_id}, POST /v1/pages/{page_id}/incidents and PATCH
 * /v1/pages/{page_id}/incidents/{incident_id}. Every request must carry
 * "Authorization: OAuth <key>"; bodies are JSON {"incident": {...}} with
 * the fields checked as Statuspage checks them. Errors are {"error": "..."}
 * with 401, 404, 422, and 420 or 429 for "Too Many Requests". Accepted
 * entries are the requests' "incident" objects.
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-fake-statuspage"

#include "config.h"

#include "candor-fake-statuspage.h"

#define STATUS_ENHANCE_YOUR_CALM 420
#define STATUS_UNPROCESSABLE     422

struct _CandorFakeStatuspage
{
  CandorFakeServer parent_instance;

  char       *api_key;
  char       *page_id;
  GHashTable *components; /* id -> status */
  GHashTable *incidents;  /* id -> JsonObject */
  guint       throttled;
};

G_DEFINE_FINAL_TYPE (CandorFakeStatuspage, candor_fake_statuspage, CANDOR_TYPE_FAKE_SERVER)

static const char *const incident_statuses[] = {
  "investigating", "identified", "monitoring", "resolved", NULL,
};
static const char *const impacts[] = { "none", "minor", "major", "critical", NULL };
static const char *const component_statuses[] = {
  "operational",    "under_maintenance", "degraded_performance",
  "partial_outage", "major_outage",      NULL,
};

static void
reply_error (SoupServerMessage *message, guint status, const char *text)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "error", text);
  candor_fake_server_reply_object (message, status, object);
}

static const char *
member_string (JsonObject *object, const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* Checks the incident's fields as the API does; FALSE once it answered. */
static gboolean
validate (CandorFakeStatuspage *self,
          SoupServerMessage    *message,
          JsonObject           *incident,
          gboolean              create)
{
  const char *name = member_string (incident, "name");
  const char *status = member_string (incident, "status");
  const char *impact = member_string (incident, "impact_override");
  JsonNode   *ids = json_object_get_member (incident, "component_ids");
  JsonNode   *components = json_object_get_member (incident, "components");
  JsonNode   *deliver = json_object_get_member (incident, "deliver_notifications");

  if (create && (name == NULL || *name == '\0'))
    {
      reply_error (message, STATUS_UNPROCESSABLE, "Name can't be blank");
      return FALSE;
    }
  if ((create || json_object_has_member (incident, "status")) &&
      (status == NULL || !g_strv_contains (incident_statuses, status)))
    {
      reply_error (message, STATUS_UNPROCESSABLE, "Status is not included in the list");
      return FALSE;
    }
  if (json_object_has_member (incident, "impact_override") &&
      (impact == NULL || !g_strv_contains (impacts, impact)))
    {
      reply_error (message, STATUS_UNPROCESSABLE, "Impact override is not included in the list");
      return FALSE;
    }
  if (deliver != NULL &&
      (!JSON_NODE_HOLDS_VALUE (deliver) || json_node_get_value_type (deliver) != G_TYPE_BOOLEAN))
    {
      reply_error (message, STATUS_UNPROCESSABLE, "Deliver notifications must be true or false");
      return FALSE;
    }
  if (ids != NULL)
    {
      JsonArray *array = JSON_NODE_HOLDS_ARRAY (ids) ? json_node_get_array (ids) : NULL;

      for (guint i = 0; array == NULL || i < json_array_get_length (array); i++)
        {
          const char *id = array != NULL ? json_array_get_string_element (array, i) : NULL;

          if (id == NULL || !g_hash_table_contains (self->components, id))
            {
              g_autofree char *text =
                g_strdup_printf ("Component %s could not be found", id != NULL ? id : "");

              reply_error (message, STATUS_UNPROCESSABLE, text);
              return FALSE;
            }
        }
    }
  if (components != NULL)
    {
      g_autoptr (GList) members = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (components))
        {
          reply_error (message, STATUS_UNPROCESSABLE, "Components must be an object");
          return FALSE;
        }
      members = json_object_get_members (json_node_get_object (components));
      for (GList *l = members; l != NULL; l = l->next)
        {
          const char *value = member_string (json_node_get_object (components), l->data);

          if (!g_hash_table_contains (self->components, l->data))
            {
              g_autofree char *text =
                g_strdup_printf ("Component %s could not be found", (char *)l->data);

              reply_error (message, STATUS_UNPROCESSABLE, text);
              return FALSE;
            }
          if (value == NULL || !g_strv_contains (component_statuses, value))
            {
              reply_error (message, STATUS_UNPROCESSABLE,
                           "Component status is not included in the list");
              return FALSE;
            }
        }
    }

  return TRUE;
}

/* Applies the request's fields to @incident: an update when there is a body. */
static void
apply (CandorFakeStatuspage *self, JsonObject *incident, JsonObject *request)
{
  const char *status = member_string (request, "status");
  const char *body = member_string (request, "body");
  const char *impact = member_string (request, "impact_override");
  JsonNode   *components = json_object_get_member (request, "components");

  if (member_string (request, "name") != NULL)
    json_object_set_string_member (incident, "name", member_string (request, "name"));
  if (status != NULL)
    json_object_set_string_member (incident, "status", status);
  if (impact != NULL)
    json_object_set_string_member (incident, "impact", impact);
  if (g_strcmp0 (status, "resolved") == 0)
    json_object_set_string_member (incident, "resolved_at", "2026-12-05T10:00:00.000Z");

  if (body != NULL)
    {
      JsonArray       *updates = json_object_get_array_member (incident, "incident_updates");
      JsonObject      *update = json_object_new ();
      g_autofree char *id = g_strdup_printf (
        "upd%09" G_GUINT64_FORMAT, candor_fake_server_next_serial (CANDOR_FAKE_SERVER (self)));
      JsonArray *newer = json_array_new ();

      json_object_set_string_member (update, "id", id);
      json_object_set_string_member (update, "incident_id",
                                     json_object_get_string_member (incident, "id"));
      json_object_set_string_member (update, "status",
                                     json_object_get_string_member (incident, "status"));
      json_object_set_string_member (update, "body", body);
      /* Newest first, as the API lists them. */
      json_array_add_object_element (newer, update);
      for (guint i = 0; i < json_array_get_length (updates); i++)
        json_array_add_element (newer, json_node_copy (json_array_get_element (updates, i)));
      json_object_set_array_member (incident, "incident_updates", newer);
    }

  if (components != NULL)
    {
      g_autoptr (GList) members = json_object_get_members (json_node_get_object (components));

      for (GList *l = members; l != NULL; l = l->next)
        g_hash_table_insert (self->components, g_strdup (l->data),
                             g_strdup (member_string (json_node_get_object (components), l->data)));
    }
}

static void
reply_incident (SoupServerMessage *message, guint status, JsonObject *incident)
{
  candor_fake_server_reply_object (message, status, json_object_ref (incident));
}

static JsonObject *
read_incident_request (SoupServerMessage *message, GBytes *body, JsonNode **node)
{
  JsonNode *incident;

  if (!candor_fake_server_is_json (message))
    {
      reply_error (message, SOUP_STATUS_BAD_REQUEST, "Content-Type must be application/json");
      return NULL;
    }
  *node = candor_fake_server_parse_object (body);
  incident =
    *node != NULL ? json_object_get_member (json_node_get_object (*node), "incident") : NULL;
  if (incident == NULL || !JSON_NODE_HOLDS_OBJECT (incident))
    {
      reply_error (message, SOUP_STATUS_BAD_REQUEST,
                   "param is missing or the value is empty: incident");
      return NULL;
    }

  return json_node_get_object (incident);
}

static void
create_incident (CandorFakeStatuspage *self, SoupServerMessage *message, GBytes *body)
{
  g_autoptr (JsonNode) node = NULL;
  JsonObject      *request = read_incident_request (message, body, &node);
  JsonObject      *incident;
  g_autofree char *id = NULL;
  g_autofree char *shortlink = NULL;
  guint64          serial;

  if (request == NULL || !validate (self, message, request, TRUE))
    return;

  serial = candor_fake_server_next_serial (CANDOR_FAKE_SERVER (self));
  id = g_strdup_printf ("inc%09" G_GUINT64_FORMAT, serial);
  shortlink = g_strdup_printf ("https://stspg.io/fake%" G_GUINT64_FORMAT, serial);

  incident = json_object_new ();
  json_object_set_string_member (incident, "id", id);
  json_object_set_string_member (incident, "page_id", self->page_id);
  json_object_set_string_member (incident, "impact", "none");
  json_object_set_string_member (incident, "shortlink", shortlink);
  json_object_set_null_member (incident, "resolved_at");
  json_object_set_array_member (incident, "incident_updates", json_array_new ());
  apply (self, incident, request);
  g_hash_table_insert (self->incidents, g_strdup (id), incident);

  candor_fake_server_accept (CANDOR_FAKE_SERVER (self),
                             json_object_get_member (json_node_get_object (node), "incident"));
  reply_incident (message, SOUP_STATUS_CREATED, incident);
}

static void
update_incident (CandorFakeStatuspage *self,
                 SoupServerMessage    *message,
                 const char           *id,
                 GBytes               *body)
{
  JsonObject *incident = g_hash_table_lookup (self->incidents, id);
  g_autoptr (JsonNode) node = NULL;
  JsonObject *request;

  if (incident == NULL)
    {
      reply_error (message, SOUP_STATUS_NOT_FOUND, "Not found");
      return;
    }
  request = read_incident_request (message, body, &node);
  if (request == NULL || !validate (self, message, request, FALSE))
    return;

  apply (self, incident, request);
  candor_fake_server_accept (CANDOR_FAKE_SERVER (self),
                             json_object_get_member (json_node_get_object (node), "incident"));
  reply_incident (message, SOUP_STATUS_OK, incident);
}

static void
read_page (CandorFakeStatuspage *self, SoupServerMessage *message)
{
  JsonObject *page = json_object_new ();

  json_object_set_string_member (page, "id", self->page_id);
  json_object_set_string_member (page, "name", "Candor Fake Status");
  json_object_set_string_member (page, "subdomain", "candor-fake");
  json_object_set_string_member (page, "url", "https://status.fake.invalid");
  candor_fake_server_reply_object (message, SOUP_STATUS_OK, page);
}

static void
candor_fake_statuspage_handle (CandorFakeServer  *server,
                               SoupServerMessage *message,
                               const char        *path,
                               GHashTable        *query,
                               GBytes            *body)
{
  CandorFakeStatuspage *self = CANDOR_FAKE_STATUSPAGE (server);
  const char           *method = soup_server_message_get_method (message);
  const char           *authorization = soup_message_headers_get_one (
              soup_server_message_get_request_headers (message), "Authorization");
  g_auto (GStrv) segments = NULL;
  guint n_segments;

  if (self->throttled > 0)
    {
      self->throttled--;
      reply_error (message, STATUS_ENHANCE_YOUR_CALM, "Too Many Requests");
      return;
    }

  if (authorization == NULL || g_ascii_strncasecmp (authorization, "OAuth ", 6) != 0 ||
      !g_str_equal (authorization + 6, self->api_key))
    {
      reply_error (message, SOUP_STATUS_UNAUTHORIZED, "Could not authenticate");
      return;
    }

  segments = g_strsplit (path, "/", -1);
  n_segments = g_strv_length (segments);
  /* "", "v1", "pages", page_id [, "incidents" [, incident_id]] */
  if (n_segments < 4 || !g_str_equal (segments[0], "") || !g_str_equal (segments[1], "v1") ||
      !g_str_equal (segments[2], "pages") || !g_str_equal (segments[3], self->page_id))
    {
      reply_error (message, SOUP_STATUS_NOT_FOUND, "Not found");
      return;
    }

  if (n_segments == 4 && g_str_equal (method, SOUP_METHOD_GET))
    read_page (self, message);
  else if (n_segments == 5 && g_str_equal (segments[4], "incidents") &&
           g_str_equal (method, SOUP_METHOD_POST))
    create_incident (self, message, body);
  else if (n_segments == 6 && g_str_equal (segments[4], "incidents") &&
           (g_str_equal (method, "PATCH") || g_str_equal (method, SOUP_METHOD_PUT)))
    update_incident (self, message, segments[5], body);
  else
    reply_error (message, SOUP_STATUS_NOT_FOUND, "Not found");
}

static void
candor_fake_statuspage_answer_fault (CandorFakeServer  *server,
                                     SoupServerMessage *message,
                                     guint              status,
                                     guint              retry_after)
{
  if (status == CANDOR_FAKE_STATUS_TOO_MANY_REQUESTS)
    {
      candor_fake_server_set_retry_after (message, retry_after);
      reply_error (message, status, "Too Many Requests");
      return;
    }

  reply_error (message, status, soup_status_get_phrase (status));
}

static void
candor_fake_statuspage_finalize (GObject *object)
{
  CandorFakeStatuspage *self = CANDOR_FAKE_STATUSPAGE (object);

  g_free (self->api_key);
  g_free (self->page_id);
  g_clear_pointer (&self->components, g_hash_table_unref);
  g_clear_pointer (&self->incidents, g_hash_table_unref);

  G_OBJECT_CLASS (candor_fake_statuspage_parent_class)->finalize (object);
}

static void
candor_fake_statuspage_class_init (CandorFakeStatuspageClass *klass)
{
  GObjectClass          *object_class = G_OBJECT_CLASS (klass);
  CandorFakeServerClass *server_class = CANDOR_FAKE_SERVER_CLASS (klass);

  object_class->finalize = candor_fake_statuspage_finalize;
  server_class->handle = candor_fake_statuspage_handle;
  server_class->answer_fault = candor_fake_statuspage_answer_fault;
}

static void
candor_fake_statuspage_init (CandorFakeStatuspage *self)
{
  self->components = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->incidents =
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)json_object_unref);
}

/**
 * candor_fake_statuspage_new:
 * @certificate: (nullable): serve https with it, or http without
 * @api_key: the key requests must bear
 * @page_id: the one page the key may manage
 * @component_ids: the page's components, all operational at first
 */
CandorFakeStatuspage *
candor_fake_statuspage_new (GTlsCertificate   *certificate,
                            const char        *api_key,
                            const char        *page_id,
                            const char *const *component_ids,
                            GError           **error)
{
  CandorFakeStatuspage *self;

  g_return_val_if_fail (api_key != NULL, NULL);
  g_return_val_if_fail (page_id != NULL, NULL);

  self =
    g_initable_new (CANDOR_TYPE_FAKE_STATUSPAGE, NULL, error, "tls-certificate", certificate, NULL);
  if (self == NULL)
    return NULL;

  self->api_key = g_strdup (api_key);
  self->page_id = g_strdup (page_id);
  for (guint i = 0; component_ids != NULL && component_ids[i] != NULL; i++)
    g_hash_table_insert (self->components, g_strdup (component_ids[i]), g_strdup ("operational"));

  return self;
}

void
candor_fake_statuspage_throttle_next (CandorFakeStatuspage *self, guint count)
{
  g_return_if_fail (CANDOR_IS_FAKE_STATUSPAGE (self));

  self->throttled += count;
}

guint
candor_fake_statuspage_get_n_incidents (CandorFakeStatuspage *self)
{
  g_return_val_if_fail (CANDOR_IS_FAKE_STATUSPAGE (self), 0);

  return g_hash_table_size (self->incidents);
}

JsonObject *
candor_fake_statuspage_get_incident (CandorFakeStatuspage *self, const char *id)
{
  g_return_val_if_fail (CANDOR_IS_FAKE_STATUSPAGE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (self->incidents, id);
}

const char *
candor_fake_statuspage_get_component_status (CandorFakeStatuspage *self, const char *component_id)
{
  g_return_val_if_fail (CANDOR_IS_FAKE_STATUSPAGE (self), NULL);
  g_return_val_if_fail (component_id != NULL, NULL);

  return g_hash_table_lookup (self->components, component_id);
}
