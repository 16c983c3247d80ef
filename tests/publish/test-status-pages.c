/* test-status-pages.c
 *
 * The Atlassian Statuspage and Cachet clients against their fakes.
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "candor-channel-client.h"
#include "candor-draft.h"
#include "candor-fake-cachet.h"
#include "candor-fake-statuspage.h"
#include "candor-publish-error.h"
#include "candor-renderer.h"
#include "candor-test-tls.h"

/* Recognisable secrets: none may reach a log line or an error message. */
#define STATUSPAGE_KEY "PLANTEDSECRET_statuspage_key"
#define CACHET_TOKEN   "PLANTEDSECRET_cachet_token"
#define PAGE_ID        "kctbh9vrtdwd"
#define COMPONENT_A    "8kbf7d35c070"
#define COMPONENT_B    "vtnh60py4yd7"

static CandorTestTls *authority;
static CandorHttp    *http;
static GString       *logged;

static GLogWriterOutput
log_writer (GLogLevelFlags log_level, const GLogField *fields, gsize n_fields, gpointer user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_strcmp0 (fields[i].key, "MESSAGE") == 0 && fields[i].length < 0)
      g_string_append_printf (logged, "%s\n", (const char *)fields[i].value);

  /* Debug lines are only searched: on stdout they would break TAP. */
  if (log_level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO))
    return G_LOG_WRITER_HANDLED;

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static void
assert_no_secret (const char *text)
{
  g_assert_null (strstr (text, "PLANTEDSECRET"));
}

typedef struct
{
  GAsyncResult *result;
} Wait;

static void
on_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
}

static GAsyncResult *
wait_for (Wait *wait)
{
  while (wait->result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return wait->result;
}

static CandorPublishReceipt *
publish (CandorChannelClient *client,
         CandorSentRendition *rendition,
         const char          *root_id,
         GError             **error)
{
  Wait wait = { NULL };
  g_autoptr (GAsyncResult) result = NULL;
  CandorThreadRef       thread = { root_id, root_id };
  CandorPublishReceipt *receipt;

  candor_channel_client_publish_async (client, rendition, "pub-key",
                                       root_id != NULL ? &thread : NULL, NULL, on_done_cb, &wait);
  result = wait_for (&wait);
  receipt = candor_channel_client_publish_finish (client, result, error);
  if (error != NULL && *error != NULL)
    assert_no_secret ((*error)->message);

  return receipt;
}

static gboolean
test_connection (CandorChannelClient *client, GError **error)
{
  Wait wait = { NULL };
  g_autoptr (GAsyncResult) result = NULL;
  gboolean ok;

  candor_channel_client_test_async (client, NULL, on_done_cb, &wait);
  result = wait_for (&wait);
  ok = candor_channel_client_test_finish (client, result, error);
  if (error != NULL && *error != NULL)
    assert_no_secret ((*error)->message);

  return ok;
}

static CandorChannelClient *
make_client (const char *kind, const char *secret, const char *const *settings)
{
  g_autoptr (CandorChannel) channel = candor_channel_new ("status", kind, "Public status");
  g_autoptr (GError) error = NULL;
  CandorChannelClient *client;

  for (guint i = 0; settings[i] != NULL; i += 2)
    {
      g_assert_true (candor_channel_set_setting (channel, settings[i], settings[i + 1], &error));
      g_assert_no_error (error);
    }

  client = candor_channel_client_new (channel, secret, http, &error);
  g_assert_no_error (error);
  g_assert_false (candor_channel_client_is_idempotent (client));
  return client;
}

static CandorChannelClient *
make_statuspage_client (CandorFakeStatuspage *fake,
                        const char           *key,
                        const char           *page_id,
                        const char           *component_ids)
{
  const char *settings[] = {
    "page-id",     page_id,   "component-ids",
    component_ids, "api-url", candor_fake_server_get_url (CANDOR_FAKE_SERVER (fake)),
    NULL
  };

  return make_client ("statuspage", key, settings);
}

static CandorChannelClient *
make_cachet_client (CandorFakeCachet *fake, const char *token, const char *component_id)
{
  g_autofree char *base =
    g_strconcat (candor_fake_server_get_url (CANDOR_FAKE_SERVER (fake)), "/", NULL);
  const char *settings[] = { "base-url", base, "component-id", component_id, NULL };

  return make_client ("cachet", token, settings);
}

/* An entry as the status-page dialect writes it. */
static CandorSentRendition *
make_entry (const char *status, const char *kind, const char *severity, const char *body)
{
  CandorSentRendition *rendition = candor_sent_rendition_new (
    "customers", CANDOR_DIALECT_STATUS_PAGE, "en", "Checkout is down", body, NULL);
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, "Card payments failing at checkout");
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, status);
  json_builder_set_member_name (builder, "body");
  json_builder_add_string_value (builder, body);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, kind);
  json_builder_set_member_name (builder, "severity");
  json_builder_add_string_value (builder, severity);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  rendition->json = json_to_string (root, FALSE);

  return rendition;
}

/* The status-page rendition of the major English draft, as an update of @kind. */
static CandorSentRendition *
render_entry (CandorUpdateKind kind)
{
  g_autofree char *path =
    g_test_build_filename (G_TEST_DIST, "data", "drafts", "full-major-en.json", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorDraft) draft = candor_draft_load_from_file (file, NULL, &error);
  g_autoptr (CandorRenderer) renderer = candor_renderer_new ();
  g_autoptr (CandorRendition) rendition = NULL;
  CandorSentRendition *sent;

  g_assert_no_error (error);
  g_object_set (candor_draft_get_update (draft), "kind", kind, NULL);
  rendition = candor_renderer_render (
    renderer, candor_draft_get_incident (draft), candor_draft_get_update (draft),
    g_ptr_array_index (candor_draft_get_audiences (draft), 0), CANDOR_DIALECT_STATUS_PAGE);
  sent = candor_sent_rendition_new_from_rendition (rendition, "en", &error);
  g_assert_no_error (error);
  return sent;
}

static CandorFakeRequest *
last_request (CandorFakeServer *fake)
{
  GPtrArray *requests = candor_fake_server_get_requests (fake);

  g_assert_cmpuint (requests->len, >, 0);
  return g_ptr_array_index (requests, requests->len - 1);
}

static JsonObject *
accepted (CandorFakeServer *fake, guint index)
{
  GPtrArray *all = candor_fake_server_get_accepted (fake);

  g_assert_cmpuint (index, <, all->len);
  return json_node_get_object (g_ptr_array_index (all, index));
}

/* An incident's life on Statuspage: created, updated, resolved, one incident. */
static void
test_statuspage (void)
{
  const char *const components[] = { COMPONENT_A, COMPONENT_B, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorFakeStatuspage) fake =
    candor_fake_statuspage_new (candor_test_tls_get_server_certificate (authority), STATUSPAGE_KEY,
                                PAGE_ID, components, &error);
  g_autoptr (CandorChannelClient) client = NULL;
  g_autoptr (CandorSentRendition) initial = NULL;
  g_autoptr (CandorSentRendition) progress = NULL;
  g_autoptr (CandorSentRendition) resolution = NULL;
  g_autoptr (CandorPublishReceipt) created = NULL;
  g_autoptr (CandorPublishReceipt) updated = NULL;
  g_autoptr (CandorPublishReceipt) resolved = NULL;
  g_autofree char   *incident_path = NULL;
  CandorFakeRequest *request;
  JsonObject        *sent;
  JsonObject        *incident;
  JsonArray         *ids;

  g_assert_no_error (error);
  client = make_statuspage_client (fake, STATUSPAGE_KEY, PAGE_ID, COMPONENT_A ", " COMPONENT_B);

  g_assert_true (test_connection (client, &error));
  g_assert_no_error (error);
  request = last_request (CANDOR_FAKE_SERVER (fake));
  g_assert_cmpstr (request->method, ==, "GET");
  g_assert_cmpstr (request->path, ==, "/v1/pages/" PAGE_ID);
  g_assert_cmpuint (candor_fake_server_get_accepted (CANDOR_FAKE_SERVER (fake))->len, ==, 0);

  /* The first message creates the incident, its components out as the
   * severity says. */
  initial = make_entry ("investigating", "initial", "critical", "Card payments fail.");
  created = publish (client, initial, NULL, &error);
  g_assert_no_error (error);
  request = last_request (CANDOR_FAKE_SERVER (fake));
  g_assert_cmpstr (request->method, ==, "POST");
  g_assert_cmpstr (request->path, ==, "/v1/pages/" PAGE_ID "/incidents");
  g_assert_cmpstr (soup_message_headers_get_one (request->headers, "Authorization"), ==,
                   "OAuth " STATUSPAGE_KEY);
  sent = accepted (CANDOR_FAKE_SERVER (fake), 0);
  g_assert_cmpstr (json_object_get_string_member (sent, "name"), ==,
                   "Card payments failing at checkout");
  g_assert_cmpstr (json_object_get_string_member (sent, "status"), ==, "investigating");
  g_assert_cmpstr (json_object_get_string_member (sent, "body"), ==, "Card payments fail.");
  g_assert_cmpstr (json_object_get_string_member (sent, "impact_override"), ==, "critical");
  g_assert_true (json_object_get_boolean_member (sent, "deliver_notifications"));
  ids = json_object_get_array_member (sent, "component_ids");
  g_assert_cmpuint (json_array_get_length (ids), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (ids, 0), ==, COMPONENT_A);
  g_assert_cmpstr (json_array_get_string_element (ids, 1), ==, COMPONENT_B);
  g_assert_cmpstr (candor_fake_statuspage_get_component_status (fake, COMPONENT_A), ==,
                   "major_outage");
  incident = candor_fake_statuspage_get_incident (fake, created->remote_id);
  g_assert_nonnull (incident);
  g_assert_cmpstr (created->remote_url, ==, json_object_get_string_member (incident, "shortlink"));

  /* A follow-up is an update of the same incident, without renaming it. */
  progress = make_entry ("identified", "progress", "major", "We found the cause.");
  updated = publish (client, progress, created->remote_id, &error);
  g_assert_no_error (error);
  request = last_request (CANDOR_FAKE_SERVER (fake));
  g_assert_cmpstr (request->method, ==, "PATCH");
  incident_path = g_strconcat ("/v1/pages/" PAGE_ID "/incidents/", created->remote_id, NULL);
  g_assert_cmpstr (request->path, ==, incident_path);
  g_assert_false (json_object_has_member (accepted (CANDOR_FAKE_SERVER (fake), 1), "name"));
  g_assert_cmpstr (updated->remote_id, ==, created->remote_id);
  g_assert_cmpstr (updated->remote_url, ==, created->remote_url);
  g_assert_cmpuint (candor_fake_statuspage_get_n_incidents (fake), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (incident, "status"), ==, "identified");
  g_assert_cmpuint (
    json_array_get_length (json_object_get_array_member (incident, "incident_updates")), ==, 2);
  g_assert_cmpstr (candor_fake_statuspage_get_component_status (fake, COMPONENT_B), ==,
                   "partial_outage");

  /* A resolution resolves it, whatever state the incident was last in,
   * and the components work again. */
  resolution = make_entry ("monitoring", "resolution", "major", "Payments work again.");
  resolved = publish (client, resolution, created->remote_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (
    json_object_get_string_member (accepted (CANDOR_FAKE_SERVER (fake), 2), "status"), ==,
    "resolved");
  g_assert_cmpstr (json_object_get_string_member (incident, "status"), ==, "resolved");
  g_assert_cmpstr (candor_fake_statuspage_get_component_status (fake, COMPONENT_A), ==,
                   "operational");
  g_assert_cmpstr (candor_fake_statuspage_get_component_status (fake, COMPONENT_B), ==,
                   "operational");
  g_assert_cmpuint (candor_fake_statuspage_get_n_incidents (fake), ==, 1);
}

/* What core renders reaches Statuspage as it is, the update's kind included. */
static void
test_statuspage_rendered (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorFakeStatuspage) fake = candor_fake_statuspage_new (
    candor_test_tls_get_server_certificate (authority), STATUSPAGE_KEY, PAGE_ID, NULL, &error);
  g_autoptr (CandorChannelClient) client = NULL;
  g_autoptr (CandorSentRendition) progress = render_entry (CANDOR_UPDATE_KIND_PROGRESS);
  g_autoptr (CandorSentRendition) resolution = render_entry (CANDOR_UPDATE_KIND_RESOLUTION);
  g_autoptr (CandorPublishReceipt) created = NULL;
  g_autoptr (CandorPublishReceipt) resolved = NULL;
  JsonObject *sent;

  g_assert_no_error (error);
  client = make_statuspage_client (fake, STATUSPAGE_KEY, PAGE_ID, "");

  created = publish (client, progress, NULL, &error);
  g_assert_no_error (error);
  sent = accepted (CANDOR_FAKE_SERVER (fake), 0);
  g_assert_cmpstr (json_object_get_string_member (sent, "name"), ==,
                   "Card payments failing at checkout");
  g_assert_cmpstr (json_object_get_string_member (sent, "status"), ==, "identified");
  g_assert_cmpstr (json_object_get_string_member (sent, "body"), ==, progress->body);
  g_assert_cmpstr (json_object_get_string_member (sent, "impact_override"), ==, "major");
  /* No components set: none named. */
  g_assert_false (json_object_has_member (sent, "component_ids"));
  g_assert_false (json_object_has_member (sent, "components"));

  resolved = publish (client, resolution, created->remote_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (
    json_object_get_string_member (accepted (CANDOR_FAKE_SERVER (fake), 1), "status"), ==,
    "resolved");
}

static void
test_statuspage_faults (void)
{
  const char *const components[] = { COMPONENT_A, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorFakeStatuspage) fake =
    candor_fake_statuspage_new (candor_test_tls_get_server_certificate (authority), STATUSPAGE_KEY,
                                PAGE_ID, components, &error);
  g_autoptr (CandorChannelClient) client = NULL;
  g_autoptr (CandorChannelClient) wrong_key = NULL;
  g_autoptr (CandorChannelClient) wrong_page = NULL;
  g_autoptr (CandorChannelClient) wrong_component = NULL;
  g_autoptr (CandorSentRendition) entry = NULL;
  g_autoptr (CandorSentRendition) empty = NULL;
  g_autoptr (CandorPublishReceipt) receipt = NULL;

  g_assert_no_error (error);
  client = make_statuspage_client (fake, STATUSPAGE_KEY, PAGE_ID, COMPONENT_A);
  entry = make_entry ("investigating", "initial", "minor", "Slow checkout.");

  /* A key Statuspage does not know: refused in its words, nothing posted. */
  wrong_key = make_statuspage_client (fake, "PLANTEDSECRET_wrong", PAGE_ID, COMPONENT_A);
  g_assert_false (test_connection (wrong_key, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "Could not authenticate"));
  g_clear_error (&error);
  g_assert_null (publish (wrong_key, entry, NULL, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REFUSED);
  g_clear_error (&error);

  /* A page that is not there. */
  wrong_page = make_statuspage_client (fake, STATUSPAGE_KEY, "nopage", COMPONENT_A);
  g_assert_false (test_connection (wrong_page, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "Not found"));
  g_clear_error (&error);

  /* A component the page lacks: the API's words, and what to do. */
  wrong_component = make_statuspage_client (fake, STATUSPAGE_KEY, PAGE_ID, "nosuchcomp");
  g_assert_null (publish (wrong_component, entry, NULL, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REJECTED);
  g_assert_cmpstr (error->message, ==,
                   "Statuspage did not accept the message: Component nosuchcomp could not be "
                   "found. Check the message and the channel’s settings in Preferences.");
  g_clear_error (&error);

  /* Rate limits, both of Statuspage's codes; the wait travels with 429. */
  candor_fake_server_fail_next (CANDOR_FAKE_SERVER (fake), 1, 429, 7);
  g_assert_null (publish (client, entry, NULL, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_RATE_LIMITED);
  g_assert_cmpint (candor_publish_error_get_retry_after (error), ==, 7 * G_USEC_PER_SEC);
  g_assert_nonnull (strstr (error->message, "Too Many Requests"));
  g_clear_error (&error);

  candor_fake_statuspage_throttle_next (fake, 1);
  g_assert_null (publish (client, entry, NULL, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_RATE_LIMITED);
  g_assert_true (candor_publish_error_is_transient (error));
  g_clear_error (&error);

  candor_fake_server_fail_next (CANDOR_FAKE_SERVER (fake), 1, 503, 0);
  g_assert_null (publish (client, entry, NULL, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_UNAVAILABLE);
  g_clear_error (&error);

  /* No answer after the request went out: it may be posted. */
  candor_fake_server_drop_next (CANDOR_FAKE_SERVER (fake), 1);
  g_assert_null (publish (client, entry, NULL, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_UNKNOWN_OUTCOME);
  g_clear_error (&error);

  /* A follow-up to an incident deleted on the page: said so, not "not found". */
  g_assert_null (publish (client, entry, "gone00000000", &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "Statuspage no longer has the incident"));
  g_clear_error (&error);

  /* Nothing to say: nothing sent. */
  empty = make_entry ("investigating", "initial", "minor", " \n ");
  g_assert_null (publish (client, empty, NULL, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REJECTED);
  g_clear_error (&error);

  /* The fake never saw the dropped request: none of the above made one. */
  g_assert_cmpuint (candor_fake_statuspage_get_n_incidents (fake), ==, 0);
  receipt = publish (client, entry, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (candor_fake_statuspage_get_n_incidents (fake), ==, 1);
}

/* An incident's life on Cachet: created, updated, fixed. */
static void
test_cachet (void)
{
  const guint components[] = { 3, 7 };
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorFakeCachet) fake = candor_fake_cachet_new (
    candor_test_tls_get_server_certificate (authority), CACHET_TOKEN, components, 2, &error);
  g_autoptr (CandorChannelClient) client = NULL;
  g_autoptr (CandorSentRendition) initial = NULL;
  g_autoptr (CandorSentRendition) progress = NULL;
  g_autoptr (CandorSentRendition) resolution = NULL;
  g_autoptr (CandorPublishReceipt) created = NULL;
  g_autoptr (CandorPublishReceipt) updated = NULL;
  g_autoptr (CandorPublishReceipt) resolved = NULL;
  g_autofree char   *permalink = NULL;
  CandorFakeRequest *request;
  JsonObject        *sent;
  GPtrArray         *requests;

  g_assert_no_error (error);
  client = make_cachet_client (fake, CACHET_TOKEN, "7");

  /* Ping, a call that needs the token, and the component. */
  g_assert_true (test_connection (client, &error));
  g_assert_no_error (error);
  requests = candor_fake_server_get_requests (CANDOR_FAKE_SERVER (fake));
  g_assert_cmpuint (requests->len, ==, 3);
  g_assert_cmpstr (((CandorFakeRequest *)g_ptr_array_index (requests, 0))->path, ==,
                   "/api/v1/ping");
  g_assert_cmpstr (((CandorFakeRequest *)g_ptr_array_index (requests, 1))->path, ==,
                   "/api/v1/subscribers");
  g_assert_cmpstr (((CandorFakeRequest *)g_ptr_array_index (requests, 2))->path, ==,
                   "/api/v1/components/7");

  initial = make_entry ("investigating", "initial", "minor", "Checkout is slow.");
  created = publish (client, initial, NULL, &error);
  g_assert_no_error (error);
  request = last_request (CANDOR_FAKE_SERVER (fake));
  g_assert_cmpstr (request->method, ==, "POST");
  g_assert_cmpstr (request->path, ==, "/api/v1/incidents");
  g_assert_cmpstr (soup_message_headers_get_one (request->headers, "X-Cachet-Token"), ==,
                   CACHET_TOKEN);
  sent = accepted (CANDOR_FAKE_SERVER (fake), 0);
  g_assert_cmpstr (json_object_get_string_member (sent, "name"), ==,
                   "Card payments failing at checkout");
  g_assert_cmpstr (json_object_get_string_member (sent, "message"), ==, "Checkout is slow.");
  g_assert_cmpint (json_object_get_int_member (sent, "status"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (sent, "visible"), ==, 1);
  g_assert_true (json_object_get_boolean_member (sent, "notify"));
  g_assert_cmpint (json_object_get_int_member (sent, "component_id"), ==, 7);
  g_assert_cmpint (json_object_get_int_member (sent, "component_status"), ==, 2);
  g_assert_cmpint (candor_fake_cachet_get_component_status (fake, 7), ==, 2);
  g_assert_cmpint (candor_fake_cachet_get_component_status (fake, 3), ==, 1);
  g_assert_cmpstr (created->remote_id, ==, "1");
  permalink =
    g_strconcat (candor_fake_server_get_url (CANDOR_FAKE_SERVER (fake)), "/incidents/1", NULL);
  g_assert_cmpstr (created->remote_url, ==, permalink);

  /* A follow-up is an update of the same incident. */
  progress = make_entry ("identified", "progress", "critical", "The cause is found.");
  updated = publish (client, progress, created->remote_id, &error);
  g_assert_no_error (error);
  request = last_request (CANDOR_FAKE_SERVER (fake));
  g_assert_cmpstr (request->path, ==, "/api/v1/incidents/1/updates");
  sent = accepted (CANDOR_FAKE_SERVER (fake), 1);
  g_assert_false (json_object_has_member (sent, "name"));
  g_assert_cmpint (json_object_get_int_member (sent, "status"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (sent, "message"), ==, "The cause is found.");
  g_assert_cmpstr (updated->remote_id, ==, "1");
  g_assert_cmpstr (updated->remote_url, ==, permalink);
  g_assert_cmpuint (candor_fake_cachet_get_n_incidents (fake), ==, 1);
  g_assert_cmpint (candor_fake_cachet_get_incident_status (fake, 1), ==, 2);
  g_assert_cmpint (candor_fake_cachet_get_component_status (fake, 7), ==, 4);

  /* A post-incident report, like a resolution, says Fixed and operational. */
  resolution = make_entry ("monitoring", "post-incident", "critical", "What happened.");
  resolved = publish (client, resolution, created->remote_id, &error);
  g_assert_no_error (error);
  sent = accepted (CANDOR_FAKE_SERVER (fake), 2);
  g_assert_cmpint (json_object_get_int_member (sent, "status"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (sent, "component_status"), ==, 1);
  g_assert_cmpint (candor_fake_cachet_get_incident_status (fake, 1), ==, 4);
  g_assert_cmpint (candor_fake_cachet_get_component_status (fake, 7), ==, 1);
  g_assert_cmpuint (candor_fake_cachet_get_n_updates (fake, 1), ==, 2);
  g_assert_cmpuint (candor_fake_cachet_get_n_incidents (fake), ==, 1);
}

static void
test_cachet_faults (void)
{
  const guint components[] = { 3 };
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorFakeCachet) fake = candor_fake_cachet_new (
    candor_test_tls_get_server_certificate (authority), CACHET_TOKEN, components, 1, &error);
  g_autoptr (CandorChannelClient) client = NULL;
  g_autoptr (CandorChannelClient) no_component = NULL;
  g_autoptr (CandorChannelClient) wrong_token = NULL;
  g_autoptr (CandorChannelClient) wrong_component = NULL;
  g_autoptr (CandorSentRendition) entry = NULL;
  g_autoptr (CandorPublishReceipt) receipt = NULL;

  g_assert_no_error (error);
  client = make_cachet_client (fake, CACHET_TOKEN, "3");
  entry = make_entry ("investigating", "initial", "major", "Checkout fails.");

  /* The ping needs no token; the call after it does. */
  wrong_token = make_cachet_client (fake, "PLANTEDSECRET_wrong", "3");
  g_assert_false (test_connection (wrong_token, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "Authentication is required"));
  g_clear_error (&error);
  g_assert_null (publish (wrong_token, entry, NULL, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REFUSED);
  g_clear_error (&error);

  /* A component the installation lacks: test connection says so, and so
   * does Cachet when asked to post, in its words and what to do. */
  wrong_component = make_cachet_client (fake, CACHET_TOKEN, "99");
  g_assert_false (test_connection (wrong_component, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "could not be found"));
  g_clear_error (&error);
  g_assert_null (publish (wrong_component, entry, NULL, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REJECTED);
  g_assert_cmpstr (error->message, ==,
                   "Cachet did not accept the message: The selected component id is invalid. "
                   "Check the message and the channel’s settings in Preferences.");
  g_clear_error (&error);

  candor_fake_server_fail_next (CANDOR_FAKE_SERVER (fake), 1, 429, 4);
  g_assert_null (publish (client, entry, NULL, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_RATE_LIMITED);
  g_assert_cmpint (candor_publish_error_get_retry_after (error), ==, 4 * G_USEC_PER_SEC);
  g_clear_error (&error);

  candor_fake_server_fail_next (CANDOR_FAKE_SERVER (fake), 1, 500, 0);
  g_assert_null (publish (client, entry, NULL, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_UNAVAILABLE);
  g_clear_error (&error);

  candor_fake_server_drop_next (CANDOR_FAKE_SERVER (fake), 1);
  g_assert_null (publish (client, entry, NULL, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_UNKNOWN_OUTCOME);
  g_clear_error (&error);

  /* An update of an incident that is not there (any more). */
  g_assert_null (publish (client, entry, "42", &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "Cachet no longer has the incident"));
  g_clear_error (&error);

  g_assert_cmpuint (candor_fake_cachet_get_n_incidents (fake), ==, 0);
  receipt = publish (client, entry, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (candor_fake_cachet_get_n_incidents (fake), ==, 1);

  /* Without a component, an incident affects none. */
  no_component = make_cachet_client (fake, CACHET_TOKEN, "");
  g_assert_true (test_connection (no_component, &error));
  g_assert_no_error (error);
  g_clear_pointer (&receipt, candor_publish_receipt_free);
  receipt = publish (no_component, entry, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (json_object_has_member (accepted (CANDOR_FAKE_SERVER (fake), 1), "component_id"));
}

/* Settings or secret missing: named, before anything is sent. */
static void
test_not_configured (void)
{
  g_autoptr (CandorChannel) statuspage = candor_channel_new ("s", "statuspage", "Status");
  g_autoptr (CandorChannel) cachet = candor_channel_new ("c", "cachet", "Cachet");
  g_autoptr (GError) error = NULL;

  g_assert_null (candor_channel_client_new (statuspage, STATUSPAGE_KEY, http, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED);
  g_assert_nonnull (strstr (error->message, "page ID"));
  g_clear_error (&error);

  g_assert_true (candor_channel_set_setting (statuspage, "page-id", PAGE_ID, &error));
  g_assert_null (candor_channel_client_new (statuspage, NULL, http, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED);
  g_assert_nonnull (strstr (error->message, "API key"));
  g_clear_error (&error);

  g_assert_true (
    candor_channel_set_setting (statuspage, "api-url", "http://api.statuspage.test", &error));
  g_assert_null (candor_channel_client_new (statuspage, STATUSPAGE_KEY, http, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_INSECURE);
  assert_no_secret (error->message);
  g_clear_error (&error);

  g_assert_null (candor_channel_client_new (cachet, CACHET_TOKEN, http, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED);
  g_assert_nonnull (strstr (error->message, "Cachet address"));
  g_clear_error (&error);

  g_assert_true (
    candor_channel_set_setting (cachet, "base-url", "http://status.example.com", &error));
  g_assert_null (candor_channel_client_new (cachet, "", http, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED);
  g_assert_nonnull (strstr (error->message, "API token"));
  g_clear_error (&error);

  g_assert_null (candor_channel_client_new (cachet, CACHET_TOKEN, http, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_INSECURE);
  assert_no_secret (error->message);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  int status;

  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  g_test_init (&argc, &argv, NULL);
  logged = g_string_new (NULL);
  g_log_set_writer_func (log_writer, NULL, NULL);

  authority = candor_test_tls_new (&error);
  g_assert_no_error (error);
  http = candor_http_new (candor_test_tls_get_database (authority));

  g_test_add_func ("/status-pages/statuspage", test_statuspage);
  g_test_add_func ("/status-pages/statuspage-rendered", test_statuspage_rendered);
  g_test_add_func ("/status-pages/statuspage-faults", test_statuspage_faults);
  g_test_add_func ("/status-pages/cachet", test_cachet);
  g_test_add_func ("/status-pages/cachet-faults", test_cachet_faults);
  g_test_add_func ("/status-pages/not-configured", test_not_configured);

  status = g_test_run ();

  /* Nothing the clients logged, at any level, quotes a secret. */
  assert_no_secret (logged->str);

  g_clear_object (&http);
  g_clear_pointer (&authority, candor_test_tls_free);
  g_string_free (logged, TRUE);
  return status;
}
