/* test-social-clients.c
 *
 * The Mastodon, Bluesky and X clients against their fakes.
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "candor-channel-client.h"
#include "candor-fake-bluesky.h"
#include "candor-fake-mastodon.h"
#include "candor-fake-social.h"
#include "candor-fake-x.h"
#include "candor-oauth1.h"
#include "candor-secrets.h"
#include "candor-x-client.h"
#include "candor-publish-error.h"
#include "candor-social-thread.h"
#include "candor-test-tls.h"

/* Recognisable secrets: none may reach a log line or an error message. */
#define MASTODON_TOKEN    "PLANTEDSECRET_mastodon_token"
#define BLUESKY_PASSWORD  "PLANTEDSECRET-app-pass"
#define BLUESKY_HANDLE    "candor.bsky.fake"
#define X_CONSUMER_KEY    "xck-candor"
#define X_CONSUMER_SECRET "PLANTEDSECRET_x_consumer"
#define X_TOKEN           "150-PLANTEDSECRET_x_token"
#define X_TOKEN_SECRET    "PLANTEDSECRET_x_token_secret"

static CandorTestTls *authority;
static CandorHttp    *http;
static GString       *logged;

static GLogWriterOutput
log_writer (GLogLevelFlags log_level, const GLogField *fields, gsize n_fields, gpointer user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_strcmp0 (fields[i].key, "MESSAGE") == 0 && fields[i].length < 0)
      g_string_append_printf (logged, "%s\n", (const char *)fields[i].value);

  if (log_level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO))
    return G_LOG_WRITER_HANDLED;

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

/* The fakes serve https as the services do, but plain http on loopback
 * (which the policy allows) under AddressSanitizer, where each TLS
 * handshake takes seconds and the suite would outlast its timeout; the
 * other clients' tests prove TLS there. */
static GTlsCertificate *
server_certificate (void)
{
#ifdef __SANITIZE_ADDRESS__
  return NULL;
#else
  return candor_test_tls_get_server_certificate (authority);
#endif
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
publish (CandorChannelClient   *client,
         CandorSentRendition   *rendition,
         const char            *key,
         const CandorThreadRef *thread,
         GError               **error)
{
  Wait wait = { NULL };
  g_autoptr (GAsyncResult) result = NULL;
  CandorPublishReceipt *receipt;

  candor_channel_client_publish_async (client, rendition, key, thread, NULL, on_done_cb, &wait);
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
  g_autoptr (CandorChannel) channel = candor_channel_new ("status", kind, "Status");
  g_autoptr (GError) error = NULL;
  CandorChannelClient *client;

  for (guint i = 0; settings[i] != NULL; i += 2)
    {
      g_assert_true (candor_channel_set_setting (channel, settings[i], settings[i + 1], &error));
      g_assert_no_error (error);
    }

  client = candor_channel_client_new (channel, secret, http, &error);
  g_assert_no_error (error);
  return client;
}

/* The rendition of @text as the renderer records a social one: the body and
 * its posts as core's splitter cut them. */
static CandorSentRendition *
make_rendition (CandorDialect network, const char *text, const char *language)
{
  g_autoptr (CandorSocialThread) thread = candor_social_thread_new (network, text, language);
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) node = NULL;
  CandorSentRendition *rendition =
    candor_sent_rendition_new ("customers", network, language, "Checkout is down", text, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "posts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < candor_social_thread_get_n_posts (thread); i++)
    {
      const CandorSocialPost *post = candor_social_thread_get_post (thread, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, post->text);
      json_builder_set_member_name (builder, "length");
      json_builder_add_int_value (builder, post->length);
      json_builder_set_member_name (builder, "limit");
      json_builder_add_int_value (builder, post->limit);
      json_builder_set_member_name (builder, "links");
      json_builder_begin_array (builder);
      for (guint j = 0; j < post->n_links; j++)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "byte_start");
          json_builder_add_int_value (builder, post->links[j].byte_start);
          json_builder_set_member_name (builder, "byte_end");
          json_builder_add_int_value (builder, post->links[j].byte_end);
          json_builder_set_member_name (builder, "uri");
          json_builder_add_string_value (builder, post->links[j].uri);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  rendition->json = json_to_string (node, FALSE);

  return rendition;
}

/* A Russian text with emoji that needs several posts on every network. */
static char *
long_text (guint sentences)
{
  GString *text = g_string_new (NULL);

  /* clang-format counts bytes and would split this line anew on every run. */
  /* clang-format off */
  for (guint i = 0; i < sentences; i++)
    g_string_append_printf (text, "Предложение %u: оплата не проходит 💳⚠️, команда 👩‍💻 работает. ", i);
  /* clang-format on */

  return g_string_free (text, FALSE);
}

static JsonObject *
accepted (CandorFakeServer *fake, guint index)
{
  GPtrArray *all = candor_fake_server_get_accepted (fake);

  g_assert_cmpuint (index, <, all->len);
  return json_node_get_object (g_ptr_array_index (all, index));
}

static CandorFakeRequest *
last_request (CandorFakeServer *fake)
{
  GPtrArray *requests = candor_fake_server_get_requests (fake);

  g_assert_cmpuint (requests->len, >, 0);
  return g_ptr_array_index (requests, requests->len - 1);
}

/* Mastodon -------------------------------------------------------------- */

static CandorChannelClient *
make_mastodon_client (CandorFakeMastodon *fake, const char *token, const char *visibility)
{
  const char *settings[] = { "instance", candor_fake_server_get_url (CANDOR_FAKE_SERVER (fake)),
                             visibility != NULL ? "visibility" : NULL, visibility, NULL };

  return make_client ("mastodon", token, settings);
}

static void
test_mastodon (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorFakeMastodon) fake =
    candor_fake_mastodon_new (server_certificate (), MASTODON_TOKEN, 500, &error);
  CandorFakeServer *server = CANDOR_FAKE_SERVER (fake);
  g_autoptr (CandorChannelClient) client = NULL;
  g_autoptr (CandorChannelClient) wrong = NULL;
  g_autoptr (CandorSentRendition) rendition = NULL;
  g_autoptr (CandorSentRendition) thread_rendition = NULL;
  g_autoptr (CandorPublishReceipt) receipt = NULL;
  g_autoptr (CandorPublishReceipt) again = NULL;
  g_autoptr (CandorPublishReceipt) follow_up = NULL;
  g_autofree char   *text = long_text (20);
  g_autofree char   *expected_url = NULL;
  CandorThreadRef    thread = { NULL, NULL };
  CandorFakeRequest *request;
  JsonObject        *status;
  guint              n_posts, before;

  g_assert_no_error (error);
  client = make_mastodon_client (fake, MASTODON_TOKEN, "unlisted");
  g_assert_true (candor_channel_client_is_idempotent (client));
  g_assert_true (test_connection (client, &error));
  g_assert_no_error (error);
  request = last_request (server);
  g_assert_cmpstr (request->path, ==, "/api/v1/accounts/verify_credentials");
  g_assert_cmpstr (soup_message_headers_get_one (request->headers, "Authorization"), ==,
                   "Bearer " MASTODON_TOKEN);

  /* One post: the status, its visibility and language, the key, the link. */
  rendition = make_rendition (CANDOR_DIALECT_MASTODON, "Оплата не проходит 💳. Мы работаем.", "ru");
  receipt = publish (client, rendition, "pub-1", NULL, &error);
  g_assert_no_error (error);
  request = last_request (server);
  g_assert_cmpstr (request->method, ==, "POST");
  g_assert_cmpstr (request->path, ==, "/api/v1/statuses");
  g_assert_cmpstr (soup_message_headers_get_one (request->headers, "Idempotency-Key"), ==, "pub-1");
  status = accepted (server, 0);
  g_assert_cmpstr (json_object_get_string_member (status, "status"), ==,
                   "Оплата не проходит 💳. Мы работаем.");
  g_assert_cmpstr (json_object_get_string_member (status, "visibility"), ==, "unlisted");
  g_assert_cmpstr (json_object_get_string_member (status, "language"), ==, "ru");
  g_assert_false (json_object_has_member (status, "in_reply_to_id"));
  expected_url =
    g_strdup_printf ("%s/@candor/%s", candor_fake_server_get_url (server), receipt->remote_id);
  g_assert_cmpstr (receipt->remote_url, ==, expected_url);

  /* Sent again with the same key (a retry after a crash): posted once. */
  again = publish (client, rendition, "pub-1", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->remote_id, ==, receipt->remote_id);
  g_assert_cmpuint (candor_fake_server_get_accepted (server)->len, ==, 1);

  /* A long text: a thread, each part a reply to the one before, the first
   * a reply to the incident's last post (a follow-up stays in the thread). */
  thread_rendition = make_rendition (CANDOR_DIALECT_MASTODON, text, "ru");
  thread.root_id = receipt->remote_id;
  thread.last_id = receipt->remote_id;
  before = candor_fake_server_get_accepted (server)->len;
  follow_up = publish (client, thread_rendition, "pub-2", &thread, &error);
  g_assert_no_error (error);
  n_posts = candor_fake_server_get_accepted (server)->len - before;
  g_assert_cmpuint (n_posts, >=, 3);
  g_assert_cmpstr (json_object_get_string_member (accepted (server, before), "in_reply_to_id"), ==,
                   receipt->remote_id);
  for (guint i = 1; i < n_posts; i++)
    {
      g_autofree char *number = g_strdup_printf (" %u/%u", i + 1, n_posts);
      JsonObject      *part = accepted (server, before + i);

      g_assert_true (g_str_has_suffix (json_object_get_string_member (part, "status"), number));
      g_assert_nonnull (json_object_get_string_member (part, "in_reply_to_id"));
    }
  /* Follow-ups reply to the thread's last part; the link opens its first. */
  g_assert_true (g_str_has_suffix (
    follow_up->remote_url,
    json_object_get_string_member (accepted (server, before + 1), "in_reply_to_id")));

  /* A wrong token: Mastodon's words. */
  wrong = make_mastodon_client (fake, "PLANTEDSECRET_wrong", NULL);
  g_assert_false (test_connection (wrong, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "The access token is invalid"));
  g_clear_error (&error);
  g_assert_null (publish (wrong, rendition, "pub-3", NULL, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REFUSED);
}

/* An instance with its own limit: the thread is cut to it, not to 500. */
static void
test_mastodon_instance_limit (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorFakeMastodon) small =
    candor_fake_mastodon_new (server_certificate (), MASTODON_TOKEN, 200, &error);
  g_autoptr (CandorFakeMastodon) large =
    candor_fake_mastodon_new (server_certificate (), MASTODON_TOKEN, 5000, &error);
  g_autoptr (CandorChannelClient) small_client = NULL;
  g_autoptr (CandorChannelClient) large_client = NULL;
  g_autoptr (CandorSentRendition) rendition = NULL;
  g_autoptr (CandorPublishReceipt) receipt = NULL;
  g_autoptr (CandorPublishReceipt) large_receipt = NULL;
  g_autofree char *text = long_text (12);
  g_autoptr (CandorSocialThread) usual =
    candor_social_thread_new (CANDOR_DIALECT_MASTODON, text, "ru");
  GPtrArray *posts;

  g_assert_no_error (error);
  rendition = make_rendition (CANDOR_DIALECT_MASTODON, text, "ru");

  small_client = make_mastodon_client (small, MASTODON_TOKEN, NULL);
  receipt = publish (small_client, rendition, "lim-1", NULL, &error);
  g_assert_no_error (error);
  posts = candor_fake_server_get_accepted (CANDOR_FAKE_SERVER (small));
  g_assert_cmpuint (posts->len, >, candor_social_thread_get_n_posts (usual));
  for (guint i = 0; i < posts->len; i++)
    g_assert_cmpuint (
      candor_fake_social_count_clusters (
        json_object_get_string_member (accepted (CANDOR_FAKE_SERVER (small), i), "status"), 23),
      <=, 200);

  large_client = make_mastodon_client (large, MASTODON_TOKEN, NULL);
  large_receipt = publish (large_client, rendition, "lim-2", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (candor_fake_server_get_accepted (CANDOR_FAKE_SERVER (large))->len, ==, 1);
  g_assert_cmpstr (
    json_object_get_string_member (accepted (CANDOR_FAKE_SERVER (large), 0), "status"), ==,
    g_strstrip (text));
}

static void
test_mastodon_faults (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorFakeMastodon) fake =
    candor_fake_mastodon_new (server_certificate (), MASTODON_TOKEN, 500, &error);
  CandorFakeServer *server = CANDOR_FAKE_SERVER (fake);
  g_autoptr (CandorChannelClient) client = NULL;
  g_autoptr (CandorSentRendition) rendition = NULL;
  g_autoptr (CandorSentRendition) too_long = NULL;
  g_autoptr (CandorSentRendition) thread_rendition = NULL;
  g_autoptr (CandorPublishReceipt) receipt = NULL;
  g_autofree char *text = long_text (20);
  gint64           wait;
  guint            n_posts;

  g_assert_no_error (error);
  client = make_mastodon_client (fake, MASTODON_TOKEN, NULL);
  rendition = make_rendition (CANDOR_DIALECT_MASTODON, "Down.", "en");

  /* 429 with X-RateLimit-Reset, no Retry-After: the wait comes from the reset. */
  candor_fake_server_fail_next (server, 2, 429, 30);
  g_assert_null (publish (client, rendition, "f-1", NULL, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_RATE_LIMITED);
  g_assert_nonnull (strstr (error->message, "Too many requests"));
  wait = candor_publish_error_get_retry_after (error);
  g_assert_cmpint (wait, >, 28 * G_USEC_PER_SEC);
  g_assert_cmpint (wait, <=, 30 * G_USEC_PER_SEC);
  g_clear_error (&error);
  /* The second 429 hits the status itself. */
  g_assert_null (publish (client, rendition, "f-1", NULL, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_RATE_LIMITED);
  g_clear_error (&error);

  candor_fake_server_fail_next (server, 1, 503, 0);
  g_assert_null (publish (client, rendition, "f-1", NULL, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_UNAVAILABLE);
  g_clear_error (&error);

  /* The connection drops once the status was sent: unknown outcome. */
  candor_fake_server_delay_next (server, 1, 1);
  candor_fake_server_drop_next (server, 1);
  g_assert_null (publish (client, rendition, "f-1", NULL, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_UNKNOWN_OUTCOME);
  g_clear_error (&error);

  receipt = publish (client, rendition, "f-1", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (candor_fake_server_get_accepted (server)->len, ==, 1);

  /* Too long for the instance: its words, not retried. */
  {
    GString *huge = g_string_new (NULL);

    for (guint i = 0; i < 600; i++)
      g_string_append (huge, "й");
    too_long =
      candor_sent_rendition_new ("customers", CANDOR_DIALECT_MASTODON, "ru", "x", huge->str, NULL);
    too_long->json = g_strdup_printf ("{\"posts\":[{\"text\":\"%s\",\"limit\":500}]}", huge->str);
    g_string_free (huge, TRUE);
  }
  g_assert_null (publish (client, too_long, "f-2", NULL, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "Text character limit of 500 exceeded"));
  g_assert_false (candor_publish_error_is_transient (error));
  g_clear_error (&error);

  /* A rate limit in the middle of a thread: the parts already out come back
   * by their keys on the retry, and the thread is whole, each part once. */
  thread_rendition = make_rendition (CANDOR_DIALECT_MASTODON, text, "ru");
  g_clear_pointer (&receipt, candor_publish_receipt_free);
  {
    guint before = candor_fake_server_get_accepted (server)->len;

    /* instance, part 1, then part 2 is limited */
    candor_fake_server_delay_next (server, 2, 1);
    candor_fake_server_fail_next (server, 1, 429, 5);
    g_assert_null (publish (client, thread_rendition, "f-3", NULL, &error));
    g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_RATE_LIMITED);
    g_assert_nonnull (strstr (error->message, "took 1 of"));
    g_assert_cmpint (candor_publish_error_get_retry_after (error), >, 0);
    g_clear_error (&error);
    g_assert_cmpuint (candor_fake_server_get_accepted (server)->len, ==, before + 1);

    receipt = publish (client, thread_rendition, "f-3", NULL, &error);
    g_assert_no_error (error);
    n_posts = candor_fake_server_get_accepted (server)->len - before;
    g_assert_cmpuint (n_posts, >=, 3);
    for (guint i = 1; i < n_posts; i++)
      {
        g_autofree char *number = g_strdup_printf (" %u/%u", i + 1, n_posts);

        g_assert_true (g_str_has_suffix (
          json_object_get_string_member (accepted (server, before + i), "status"), number));
      }
  }
}

/* Bluesky --------------------------------------------------------------- */

static CandorChannelClient *
make_bluesky_client (CandorFakeBluesky *fake, const char *password)
{
  const char *settings[] = { "pds", candor_fake_server_get_url (CANDOR_FAKE_SERVER (fake)),
                             "handle", BLUESKY_HANDLE, NULL };

  return make_client ("bluesky", password, settings);
}

static const char *
reply_ref (JsonObject *record, const char *which, const char *member)
{
  JsonObject *reply = json_object_get_object_member (record, "reply");

  return json_object_get_string_member (json_object_get_object_member (reply, which), member);
}

static void
test_bluesky (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorFakeBluesky) fake =
    candor_fake_bluesky_new (server_certificate (), BLUESKY_HANDLE, BLUESKY_PASSWORD, &error);
  CandorFakeServer *server = CANDOR_FAKE_SERVER (fake);
  g_autoptr (CandorChannelClient) client = NULL;
  g_autoptr (CandorChannelClient) next_run = NULL;
  g_autoptr (CandorChannelClient) wrong = NULL;
  g_autoptr (CandorSentRendition) rendition = NULL;
  g_autoptr (CandorSentRendition) thread_rendition = NULL;
  g_autoptr (CandorPublishReceipt) receipt = NULL;
  g_autoptr (CandorPublishReceipt) follow_up = NULL;
  g_autoptr (CandorPublishReceipt) refreshed = NULL;
  g_autoptr (CandorPublishReceipt) relogged = NULL;
  g_autofree char *text = long_text (12);
  g_autofree char *first_uri = NULL;
  g_autofree char *first_cid = NULL;
  g_auto (GStrv) refs = NULL;
  CandorThreadRef thread = { NULL, NULL };
  JsonObject     *record, *facet, *index;
  const char     *posted;
  guint           before, n_posts;

  g_assert_no_error (error);
  client = make_bluesky_client (fake, BLUESKY_PASSWORD);
  g_assert_false (candor_channel_client_is_idempotent (client));
  g_assert_true (test_connection (client, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (candor_fake_bluesky_get_n_logins (fake), ==, 1);

  /* A post with a link: a facet on the link's text, in UTF-8 bytes, after Cyrillic and emoji. */
  rendition = make_rendition (CANDOR_DIALECT_BLUESKY,
                              "Оплата 💳 не проходит, подробности: "
                              "https://status.example.com/incidents/2026/checkout-down",
                              "ru");
  receipt = publish (client, rendition, "pub-1", NULL, &error);
  g_assert_no_error (error);
  record = accepted (server, 0);
  posted = json_object_get_string_member (record, "text");
  g_assert_cmpstr (
    json_array_get_string_element (json_object_get_array_member (record, "langs"), 0), ==, "ru");
  g_assert_nonnull (json_object_get_string_member (record, "createdAt"));
  g_assert_false (json_object_has_member (record, "reply"));
  facet = json_array_get_object_element (json_object_get_array_member (record, "facets"), 0);
  index = json_object_get_object_member (facet, "index");
  {
    gint64           start = json_object_get_int_member (index, "byteStart");
    gint64           end = json_object_get_int_member (index, "byteEnd");
    g_autofree char *linked = g_strndup (posted + start, end - start);
    JsonObject      *feature =
      json_array_get_object_element (json_object_get_array_member (facet, "features"), 0);

    g_assert_cmpstr (linked, ==, "status.example.com/incidents/20...");
    g_assert_cmpstr (json_object_get_string_member (feature, "$type"), ==,
                     "app.bsky.richtext.facet#link");
    g_assert_cmpstr (json_object_get_string_member (feature, "uri"), ==,
                     "https://status.example.com/incidents/2026/checkout-down");
  }
  refs = g_strsplit (receipt->remote_id, " ", -1);
  g_assert_cmpuint (g_strv_length (refs), ==, 4);
  g_assert_true (g_str_has_prefix (refs[0], "at://did:plc:fakecandor/app.bsky.feed.post/"));
  g_assert_cmpstr (refs[0], ==, refs[2]);
  first_uri = g_strdup (refs[0]);
  first_cid = g_strdup (refs[1]);
  {
    g_autofree char *expected = g_strdup_printf (
      "https://bsky.app/profile/did:plc:fakecandor/post/%s", strrchr (first_uri, '/') + 1);

    g_assert_cmpstr (receipt->remote_url, ==, expected);
  }

  /* The next publishing run's client uses the session kept: no new login.
   * A follow-up long text: a thread, the first part a reply to the
   * incident's post, every part with the incident's first post as root. */
  next_run = make_bluesky_client (fake, BLUESKY_PASSWORD);
  thread_rendition = make_rendition (CANDOR_DIALECT_BLUESKY, text, "ru");
  thread.root_id = receipt->remote_id;
  thread.last_id = receipt->remote_id;
  before = candor_fake_server_get_accepted (server)->len;
  follow_up = publish (next_run, thread_rendition, "pub-2", &thread, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (candor_fake_bluesky_get_n_logins (fake), ==, 1);
  n_posts = candor_fake_server_get_accepted (server)->len - before;
  g_assert_cmpuint (n_posts, >=, 3);
  g_assert_cmpstr (reply_ref (accepted (server, before), "parent", "uri"), ==, first_uri);
  g_assert_cmpstr (reply_ref (accepted (server, before), "parent", "cid"), ==, first_cid);
  for (guint i = 0; i < n_posts; i++)
    {
      g_autofree char *number = g_strdup_printf (" %u/%u", i + 1, n_posts);

      record = accepted (server, before + i);
      g_assert_true (g_str_has_suffix (json_object_get_string_member (record, "text"), number));
      g_assert_cmpstr (reply_ref (record, "root", "uri"), ==, first_uri);
      g_assert_cmpstr (reply_ref (record, "root", "cid"), ==, first_cid);
      if (i > 0)
        g_assert_cmpstr (reply_ref (record, "parent", "uri"), !=, first_uri);
    }
  g_clear_pointer (&refs, g_strfreev);
  refs = g_strsplit (follow_up->remote_id, " ", -1);
  g_assert_cmpstr (refs[2], ==, first_uri);

  /* The access token expires: refreshed, not a new login. */
  candor_fake_bluesky_expire_tokens (fake, FALSE);
  refreshed = publish (next_run, rendition, "pub-3", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (candor_fake_bluesky_get_n_logins (fake), ==, 1);

  /* Both expire: one new login. */
  candor_fake_bluesky_expire_tokens (fake, TRUE);
  relogged = publish (next_run, rendition, "pub-4", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (candor_fake_bluesky_get_n_logins (fake), ==, 2);

  /* Another app password: a login with it, refused in the PDS's words. */
  wrong = make_bluesky_client (fake, "PLANTEDSECRET-wrong");
  g_assert_false (test_connection (wrong, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "Invalid identifier or password"));
  g_clear_error (&error);
}

static void
test_bluesky_faults (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorFakeBluesky) fake =
    candor_fake_bluesky_new (server_certificate (), BLUESKY_HANDLE, BLUESKY_PASSWORD, &error);
  CandorFakeServer *server = CANDOR_FAKE_SERVER (fake);
  g_autoptr (CandorChannelClient) client = NULL;
  g_autoptr (CandorSentRendition) rendition = NULL;
  g_autoptr (CandorSentRendition) too_long = NULL;
  g_autoptr (CandorSentRendition) thread_rendition = NULL;
  g_autofree char *text = long_text (12);
  g_autofree char *huge = NULL;
  gint64           wait;

  g_assert_no_error (error);
  client = make_bluesky_client (fake, BLUESKY_PASSWORD);
  g_assert_true (test_connection (client, &error));
  rendition = make_rendition (CANDOR_DIALECT_BLUESKY, "Down.", "en");

  /* 429 with RateLimit-Reset in Unix seconds. */
  candor_fake_server_fail_next (server, 1, 429, 40);
  g_assert_null (publish (client, rendition, "f-1", NULL, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_RATE_LIMITED);
  g_assert_nonnull (strstr (error->message, "Rate Limit Exceeded"));
  wait = candor_publish_error_get_retry_after (error);
  g_assert_cmpint (wait, >, 38 * G_USEC_PER_SEC);
  g_assert_cmpint (wait, <=, 40 * G_USEC_PER_SEC);
  g_clear_error (&error);

  candor_fake_server_fail_next (server, 1, 500, 0);
  g_assert_null (publish (client, rendition, "f-1", NULL, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_UNAVAILABLE);
  g_clear_error (&error);

  /* Past 300 graphemes: the PDS's words, not retried. */
  huge = g_strnfill (301, 'a');
  too_long = candor_sent_rendition_new ("customers", CANDOR_DIALECT_BLUESKY, "en", "x", huge, NULL);
  g_assert_null (publish (client, too_long, "f-2", NULL, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "must not be longer than 300 graphemes"));
  g_clear_error (&error);

  /* The second part of a thread limited: the first is out, so verify, never resend. */
  thread_rendition = make_rendition (CANDOR_DIALECT_BLUESKY, text, "ru");
  candor_fake_server_delay_next (server, 1, 1);
  candor_fake_server_fail_next (server, 1, 429, 5);
  g_assert_null (publish (client, thread_rendition, "f-3", NULL, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_UNKNOWN_OUTCOME);
  g_assert_nonnull (strstr (error->message, "took 1 of"));
  g_clear_error (&error);
}

/* X --------------------------------------------------------------------- */

/* The worked example of X's documentation ("Creating a signature"), which
 * follows RFC 5849: the same inputs give the same signature. */
static void
test_oauth1_signature (void)
{
  CandorOAuth1Keys keys = { "xvz1evFS4wEEPTGEFPHBog", "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
                            "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
                            "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE" };
  const char      *form[] = { "status", "Hello Ladies + Gentlemen, a signed OAuth request!", NULL };
  g_autofree char *header = candor_oauth1_authorization (
    "POST", "https://api.twitter.com/1.1/statuses/update.json?include_entities=true", form, &keys,
    "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg", 1318622958);

  g_assert_true (
    g_str_has_prefix (header, "OAuth oauth_consumer_key=\"xvz1evFS4wEEPTGEFPHBog\", "));
  g_assert_nonnull (strstr (header, "oauth_signature=\"hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D\""));
  g_assert_nonnull (strstr (header, "oauth_timestamp=\"1318622958\""));
  g_assert_nonnull (strstr (header, "oauth_signature_method=\"HMAC-SHA1\""));
  g_assert_nonnull (strstr (header, "oauth_version=\"1.0\""));
  g_assert_null (strstr (header, "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw"));
}

/* Four keys in one keyring item, as a JSON object of named parts. */
static void
test_secret_parts (void)
{
  const char      *names[] = { "a", "b", NULL };
  const char      *values[] = { "one \"1\"", "two", NULL };
  g_autofree char *secret = candor_secrets_join_parts (names, values);
  g_autofree char *a = candor_secrets_get_part (secret, "a");
  g_autofree char *missing = candor_secrets_get_part (secret, "c");
  g_autofree char *plain = candor_secrets_get_part ("just-a-token", "a");

  g_assert_cmpstr (a, ==, "one \"1\"");
  g_assert_null (missing);
  g_assert_null (plain);
}

static char *
x_secret (const char *consumer_secret)
{
  const char *names[] = { CANDOR_X_SECRET_CONSUMER_KEY, CANDOR_X_SECRET_CONSUMER_SECRET,
                          CANDOR_X_SECRET_ACCESS_TOKEN, CANDOR_X_SECRET_ACCESS_TOKEN_SECRET, NULL };
  const char *values[] = { X_CONSUMER_KEY, consumer_secret, X_TOKEN, X_TOKEN_SECRET, NULL };

  return candor_secrets_join_parts (names, values);
}

static CandorChannelClient *
make_x_client (CandorFakeX *fake, const char *consumer_secret)
{
  g_autofree char *secret = x_secret (consumer_secret);
  const char      *settings[] = { "api-url", candor_fake_server_get_url (CANDOR_FAKE_SERVER (fake)),
                                  NULL };

  return make_client ("x", secret, settings);
}

static CandorFakeX *
make_fake_x (void)
{
  g_autoptr (GError) error = NULL;
  CandorFakeX *fake = candor_fake_x_new (server_certificate (), X_CONSUMER_KEY, X_CONSUMER_SECRET,
                                         X_TOKEN, X_TOKEN_SECRET, &error);

  g_assert_no_error (error);
  return fake;
}

static void
test_x (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorFakeX) fake = make_fake_x ();
  CandorFakeServer *server = CANDOR_FAKE_SERVER (fake);
  g_autoptr (CandorChannelClient) client = NULL;
  g_autoptr (CandorChannelClient) wrong = NULL;
  g_autoptr (CandorSentRendition) rendition = NULL;
  g_autoptr (CandorSentRendition) thread_rendition = NULL;
  g_autoptr (CandorPublishReceipt) receipt = NULL;
  g_autoptr (CandorPublishReceipt) follow_up = NULL;
  g_autofree char   *text = long_text (12);
  g_autofree char   *expected_url = NULL;
  CandorThreadRef    thread = { NULL, NULL };
  CandorFakeRequest *request;
  guint              before, n_posts;

  client = make_x_client (fake, X_CONSUMER_SECRET);
  g_assert_false (candor_channel_client_is_idempotent (client));
  g_assert_true (test_connection (client, &error));
  g_assert_no_error (error);
  request = last_request (server);
  g_assert_cmpstr (request->path, ==, "/2/users/me");
  g_assert_true (
    g_str_has_prefix (soup_message_headers_get_one (request->headers, "Authorization"), "OAuth "));

  rendition = make_rendition (CANDOR_DIALECT_X, "Оплата не проходит 💳. Мы работаем.", "ru");
  receipt = publish (client, rendition, "pub-1", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (accepted (server, 0), "text"), ==,
                   "Оплата не проходит 💳. Мы работаем.");
  g_assert_false (json_object_has_member (accepted (server, 0), "reply"));
  expected_url = g_strdup_printf ("https://x.com/i/web/status/%s", receipt->remote_id);
  g_assert_cmpstr (receipt->remote_url, ==, expected_url);

  /* A follow-up thread: the first part replies to the incident's post, each
   * next part to the part before. */
  thread_rendition = make_rendition (CANDOR_DIALECT_X, text, "ru");
  thread.root_id = receipt->remote_id;
  thread.last_id = receipt->remote_id;
  before = candor_fake_server_get_accepted (server)->len;
  follow_up = publish (client, thread_rendition, "pub-2", &thread, &error);
  g_assert_no_error (error);
  n_posts = candor_fake_server_get_accepted (server)->len - before;
  g_assert_cmpuint (n_posts, >=, 3);
  for (guint i = 0; i < n_posts; i++)
    {
      JsonObject      *tweet = accepted (server, before + i);
      g_autofree char *number = g_strdup_printf (" %u/%u", i + 1, n_posts);
      const char      *to = json_object_get_string_member (
             json_object_get_object_member (tweet, "reply"), "in_reply_to_tweet_id");

      g_assert_true (g_str_has_suffix (json_object_get_string_member (tweet, "text"), number));
      g_assert_cmpuint (
        candor_fake_social_count_weighted (json_object_get_string_member (tweet, "text")), <=, 280);
      if (i == 0)
        g_assert_cmpstr (to, ==, receipt->remote_id);
      else
        g_assert_cmpstr (to, !=, receipt->remote_id);
    }

  /* The same text twice: X's words, the message's fault, not the keys'. */
  g_assert_null (publish (client, rendition, "pub-3", NULL, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "duplicate content"));
  g_clear_error (&error);

  /* A wrong consumer secret: the signature does not hold. */
  wrong = make_x_client (fake, "PLANTEDSECRET_wrong");
  g_assert_false (test_connection (wrong, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "Unauthorized"));
  g_clear_error (&error);
}

static void
test_x_faults (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorFakeX) fake = make_fake_x ();
  CandorFakeServer *server = CANDOR_FAKE_SERVER (fake);
  g_autoptr (CandorChannelClient) client = make_x_client (fake, X_CONSUMER_SECRET);
  g_autoptr (CandorSentRendition) rendition = NULL;
  g_autoptr (CandorSentRendition) too_long = NULL;
  g_autoptr (CandorSentRendition) thread_rendition = NULL;
  g_autofree char *text = long_text (8);
  g_autofree char *huge = NULL;
  gint64           wait;

  rendition = make_rendition (CANDOR_DIALECT_X, "Down.", "en");

  candor_fake_server_fail_next (server, 1, 429, 60);
  g_assert_null (publish (client, rendition, "f-1", NULL, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_RATE_LIMITED);
  g_assert_nonnull (strstr (error->message, "Too Many Requests"));
  wait = candor_publish_error_get_retry_after (error);
  g_assert_cmpint (wait, >, 58 * G_USEC_PER_SEC);
  g_assert_cmpint (wait, <=, 60 * G_USEC_PER_SEC);
  g_clear_error (&error);

  candor_fake_server_fail_next (server, 1, 503, 0);
  g_assert_null (publish (client, rendition, "f-1", NULL, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_UNAVAILABLE);
  g_clear_error (&error);

  /* Past 280 weighted characters (140 Chinese ones weigh 280, one more is too many). */
  {
    GString *chinese = g_string_new (NULL);

    for (guint i = 0; i < 141; i++)
      g_string_append (chinese, "登");
    huge = g_string_free (chinese, FALSE);
  }
  too_long = candor_sent_rendition_new ("customers", CANDOR_DIALECT_X, "zh", "x", huge, NULL);
  g_assert_null (publish (client, too_long, "f-2", NULL, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "too long"));
  g_clear_error (&error);

  /* The second part of a thread limited: verify, never resend. */
  thread_rendition = make_rendition (CANDOR_DIALECT_X, text, "ru");
  candor_fake_server_delay_next (server, 1, 1);
  candor_fake_server_fail_next (server, 1, 429, 5);
  g_assert_null (publish (client, thread_rendition, "f-3", NULL, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_UNKNOWN_OUTCOME);
  g_assert_nonnull (strstr (error->message, "took 1 of"));
  g_clear_error (&error);
}

/* Settings or secret missing: named, before anything is sent. */
static void
test_not_configured (void)
{
  g_autoptr (CandorChannel) mastodon = candor_channel_new ("m", "mastodon", "Toots");
  g_autoptr (CandorChannel) bluesky = candor_channel_new ("b", "bluesky", "Skeets");
  g_autoptr (CandorChannel) x = candor_channel_new ("x", "x", "Posts");
  g_autoptr (GError) error = NULL;

  g_assert_null (candor_channel_client_new (mastodon, MASTODON_TOKEN, http, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED);
  g_assert_nonnull (strstr (error->message, "instance"));
  g_clear_error (&error);

  g_assert_true (candor_channel_set_setting (mastodon, "instance", "http://mastodon.test", &error));
  g_assert_null (candor_channel_client_new (mastodon, MASTODON_TOKEN, http, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_INSECURE);
  assert_no_secret (error->message);
  g_clear_error (&error);

  g_assert_true (
    candor_channel_set_setting (mastodon, "instance", "https://mastodon.test", &error));
  g_assert_true (candor_channel_set_setting (mastodon, "visibility", "everyone", &error));
  g_assert_null (candor_channel_client_new (mastodon, MASTODON_TOKEN, http, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED);
  g_assert_nonnull (strstr (error->message, "everyone"));
  g_clear_error (&error);

  g_assert_true (candor_channel_set_setting (mastodon, "visibility", "public", &error));
  g_assert_null (candor_channel_client_new (mastodon, NULL, http, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED);
  g_assert_nonnull (strstr (error->message, "access token"));
  g_clear_error (&error);

  g_assert_null (candor_channel_client_new (bluesky, BLUESKY_PASSWORD, http, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED);
  g_assert_nonnull (strstr (error->message, "handle"));
  g_clear_error (&error);
  g_assert_true (candor_channel_set_setting (bluesky, "handle", BLUESKY_HANDLE, &error));
  g_assert_null (candor_channel_client_new (bluesky, NULL, http, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED);
  g_assert_nonnull (strstr (error->message, "app password"));
  g_clear_error (&error);
  g_assert_null (candor_channel_client_new (x, "{\"consumer_key\":\"k\"}", http, &error));
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_NOT_CONFIGURED);
  g_assert_nonnull (strstr (error->message, "developer app"));
  g_clear_error (&error);
  /* Without a PDS, Bluesky's own. */
  {
    g_autoptr (CandorChannelClient) client =
      candor_channel_client_new (bluesky, BLUESKY_PASSWORD, http, &error);

    g_assert_no_error (error);
    g_assert_nonnull (client);
  }
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

  g_test_add_func ("/social-clients/mastodon", test_mastodon);
  g_test_add_func ("/social-clients/mastodon-instance-limit", test_mastodon_instance_limit);
  g_test_add_func ("/social-clients/mastodon-faults", test_mastodon_faults);
  g_test_add_func ("/social-clients/bluesky", test_bluesky);
  g_test_add_func ("/social-clients/bluesky-faults", test_bluesky_faults);
  g_test_add_func ("/social-clients/oauth1-signature", test_oauth1_signature);
  g_test_add_func ("/social-clients/secret-parts", test_secret_parts);
  g_test_add_func ("/social-clients/x", test_x);
  g_test_add_func ("/social-clients/x-faults", test_x_faults);
  g_test_add_func ("/social-clients/not-configured", test_not_configured);

  status = g_test_run ();

  /* Nothing the clients logged, at any level, quotes a secret. */
  assert_no_secret (logged->str);

  g_clear_object (&http);
  g_clear_pointer (&authority, candor_test_tls_free);
  g_string_free (logged, TRUE);
  return status;
}
