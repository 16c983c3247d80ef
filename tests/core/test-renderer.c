/* test-renderer.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gmime/gmime.h>
#include <string.h>

#include "candor-draft.h"
#include "candor-finding.h"
#include "candor-renderer.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeMessage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeStream, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeParser, g_object_unref)

static CandorDraft *
load_draft (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "drafts", name, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  CandorDraft *draft = candor_draft_load_from_file (file, NULL, &error);

  g_assert_no_error (error);
  return draft;
}

static CandorAudience *
find_audience (CandorDraft *draft, const char *id)
{
  GPtrArray *audiences = candor_draft_get_audiences (draft);

  for (guint i = 0; i < audiences->len; i++)
    {
      if (g_str_equal (candor_audience_get_id (g_ptr_array_index (audiences, i)), id))
        return g_ptr_array_index (audiences, i);
    }

  g_assert_not_reached ();
}

static CandorRendition *
render (CandorRenderer *renderer, CandorDraft *draft, const char *audience, CandorDialect format)
{
  return candor_renderer_render (renderer, candor_draft_get_incident (draft),
                                 candor_draft_get_update (draft), find_audience (draft, audience),
                                 format);
}

static JsonObject *
parse_object (const char *json, JsonNode **root)
{
  g_autoptr (GError) error = NULL;

  *root = json_from_string (json, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (*root));
  return json_node_get_object (*root);
}

static gboolean
has_rule (CandorRendition *rendition, const char *rule)
{
  GPtrArray *findings = candor_rendition_get_findings (rendition);

  for (guint i = 0; i < findings->len; i++)
    {
      if (g_str_equal (candor_finding_get_rule_id (g_ptr_array_index (findings, i)), rule))
        return TRUE;
    }

  return FALSE;
}

static void
test_audience_variants (void)
{
  g_autoptr (CandorDraft) draft = load_draft ("full-major-en.json");
  g_autoptr (CandorRenderer) renderer = candor_renderer_new ();
  g_autoptr (CandorRendition) customers =
    render (renderer, draft, "customers", CANDOR_DIALECT_PLAIN);
  g_autoptr (CandorRendition) executives =
    render (renderer, draft, "executives", CANDOR_DIALECT_PLAIN);
  g_autoptr (CandorRendition) technical =
    render (renderer, draft, "technical", CANDOR_DIALECT_PLAIN);
  const char *text;

  g_assert_cmpstr (candor_rendition_get_subject (customers), ==,
                   "Update: Card payments failing at checkout");

  /* Customers: their fields in their order, no internals, no summary. */
  text = candor_rendition_get_text (customers);
  g_assert_true (g_str_has_prefix (text, "Update: Card payments failing at checkout\n\n"
                                         "What is affected\nSince 08:12 CET, about one in three"));
  g_assert_null (strstr (text, "Technical details"));
  g_assert_null (strstr (text, "connection pool"));
  g_assert_null (strstr (text, "Summary"));
  g_assert_true (strstr (text, "\nContact\n") < strstr (text, "\nNext update\n"));
  g_assert_true (g_str_has_suffix (text, "or sooner if the situation changes.\n"));

  /* Executives: the summary first, then their other fields. */
  text = candor_rendition_get_text (executives);
  g_assert_true (g_str_has_prefix (text, "Update: Card payments failing at checkout\n\n"
                                         "Summary\nSince 08:12 CET about one in three"));
  g_assert_null (strstr (text, "connection pool"));

  /* Technical readers get everything, links spelled out in plain text. */
  text = candor_rendition_get_text (technical);
  g_assert_nonnull (strstr (text, "\nTechnical details\nThe payment gateway's connection pool"));
  g_assert_nonnull (
    strstr (text, "status page (https://status.example.com/incidents/2026-11-30-payments)"));
  g_assert_nonnull (strstr (text, "\nWhat we will do next\n• Complete the rollback"));
}

static void
test_headings_follow_language (void)
{
  g_autoptr (CandorDraft) draft = load_draft ("full-critical-ru.json");
  g_autoptr (CandorRenderer) renderer = candor_renderer_new ();
  g_autoptr (CandorRendition) plain = render (renderer, draft, "technical", CANDOR_DIALECT_PLAIN);
  g_autoptr (CandorRendition) email = render (renderer, draft, "customers", CANDOR_DIALECT_EMAIL);
  g_autoptr (GMimeStream) stream = NULL;
  g_autoptr (GMimeParser) parser = NULL;
  g_autoptr (GMimeMessage) message = NULL;
  g_autoptr (GError) error = NULL;
  GBytes *mime;

  g_assert_true (g_str_has_prefix (candor_rendition_get_subject (plain), "Обновление: "));
  g_assert_nonnull (strstr (candor_rendition_get_text (plain), "\nЧто затронуто\n"));
  g_assert_nonnull (strstr (candor_rendition_get_text (plain), "\nТехнические подробности\n"));
  g_assert_null (strstr (candor_rendition_get_text (plain), "What is affected"));

  /* The email carries the same subject, decoded intact, and the HTML document. */
  mime = candor_rendition_get_mime (email, &error);
  g_assert_no_error (error);
  g_assert_nonnull (mime);
  /* Built once: asking again gives the same bytes. */
  g_assert_true (candor_rendition_get_mime (email, NULL) == mime);
  stream =
    g_mime_stream_mem_new_with_buffer (g_bytes_get_data (mime, NULL), g_bytes_get_size (mime));
  parser = g_mime_parser_new_with_stream (stream);
  message = g_mime_parser_construct_message (parser, NULL);
  g_assert_nonnull (message);
  g_assert_cmpstr (g_mime_message_get_subject (message), ==, candor_rendition_get_subject (email));
  g_assert_cmpstr (g_mime_message_get_message_id (message), ==,
                   candor_rendition_get_message_id (email));
  g_assert_true (g_str_has_prefix (candor_rendition_get_html (email), "<!DOCTYPE html>"));
  g_assert_nonnull (strstr (candor_rendition_get_html (email), "<html lang=\"ru\">"));
  g_assert_nonnull (strstr (candor_rendition_get_html (email), "Что затронуто</h2>"));
}

static void
test_json_bodies (void)
{
  g_autoptr (CandorDraft) draft = load_draft ("full-major-en.json");
  g_autoptr (CandorRenderer) renderer = candor_renderer_new ();
  g_autoptr (CandorRendition) teams = render (renderer, draft, "executives", CANDOR_DIALECT_TEAMS);
  g_autoptr (CandorRendition) matrix = render (renderer, draft, "technical", CANDOR_DIALECT_MATRIX);
  g_autoptr (CandorRendition) status =
    render (renderer, draft, "customers", CANDOR_DIALECT_STATUS_PAGE);
  g_autoptr (JsonNode) teams_root = NULL;
  g_autoptr (JsonNode) matrix_root = NULL;
  g_autoptr (JsonNode) status_root = NULL;
  JsonObject *card, *block;
  JsonArray  *body;
  JsonObject *content, *entry;

  /* Teams: a whole Adaptive Card, the title a Large Bolder block, every block wrapping. */
  card = parse_object (candor_rendition_get_json (teams), &teams_root);
  g_assert_cmpstr (json_object_get_string_member (card, "type"), ==, "AdaptiveCard");
  g_assert_cmpstr (json_object_get_string_member (card, "version"), ==, "1.4");
  body = json_object_get_array_member (card, "body");
  g_assert_cmpuint (json_array_get_length (body), ==, 1 + 2 * 6);
  block = json_array_get_object_element (body, 0);
  g_assert_cmpstr (json_object_get_string_member (block, "text"), ==,
                   "Update: Card payments failing at checkout");
  g_assert_cmpstr (json_object_get_string_member (block, "size"), ==, "Large");
  g_assert_cmpstr (json_object_get_string_member (block, "weight"), ==, "Bolder");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (body, 1), "text"),
                   ==, "Summary");
  for (guint i = 0; i < json_array_get_length (body); i++)
    {
      block = json_array_get_object_element (body, i);
      g_assert_cmpstr (json_object_get_string_member (block, "type"), ==, "TextBlock");
      g_assert_true (json_object_get_boolean_member (block, "wrap"));
    }
  g_assert_cmpuint (candor_rendition_get_length (teams), ==,
                    strlen (candor_rendition_get_json (teams)));

  /* Matrix: plain body and HTML formatted_body, the same as the rendition's. */
  content = parse_object (candor_rendition_get_json (matrix), &matrix_root);
  g_assert_cmpstr (json_object_get_string_member (content, "msgtype"), ==, "m.text");
  g_assert_cmpstr (json_object_get_string_member (content, "format"), ==, "org.matrix.custom.html");
  g_assert_cmpstr (json_object_get_string_member (content, "body"), ==,
                   candor_rendition_get_text (matrix));
  g_assert_cmpstr (json_object_get_string_member (content, "formatted_body"), ==,
                   candor_rendition_get_html (matrix));
  g_assert_true (g_str_has_prefix (candor_rendition_get_html (matrix),
                                   "<h3>Update: Card payments failing at checkout</h3>\n"
                                   "<h4>Summary</h4>\n<p>"));
  g_assert_nonnull (
    strstr (candor_rendition_get_html (matrix),
            "<a href=\"https://status.example.com/incidents/2026-11-30-payments\">"));

  /* Status page: the incident's name and state, the body without the title,
   * the update's kind and the incident's severity. */
  entry = parse_object (candor_rendition_get_json (status), &status_root);
  g_assert_cmpstr (json_object_get_string_member (entry, "name"), ==,
                   "Card payments failing at checkout");
  g_assert_cmpstr (json_object_get_string_member (entry, "status"), ==, "identified");
  /* What a status page API needs to choose the entry's status and impact. */
  g_assert_cmpstr (json_object_get_string_member (entry, "kind"), ==, "progress");
  g_assert_cmpstr (json_object_get_string_member (entry, "severity"), ==, "major");
  g_assert_cmpstr (json_object_get_string_member (entry, "body"), ==,
                   candor_rendition_get_text (status));
  g_assert_true (g_str_has_prefix (candor_rendition_get_text (status), "What is affected\n"));

  /* All at once: each audience through each of its own formats, in order. */
  {
    g_autoptr (GPtrArray) all = candor_renderer_render_all (
      renderer, candor_draft_get_incident (draft), candor_draft_get_update (draft),
      candor_draft_get_audiences (draft), NULL);
    CandorRendition *last = g_ptr_array_index (all, all->len - 1);

    g_assert_cmpuint (all->len, ==, 5 + 3 + 6);
    g_assert_cmpstr (candor_rendition_get_audience_id (g_ptr_array_index (all, 0)), ==,
                     "customers");
    g_assert_cmpint (candor_rendition_get_format (g_ptr_array_index (all, 0)), ==,
                     CANDOR_DIALECT_EMAIL);
    g_assert_cmpstr (candor_rendition_get_audience_id (last), ==, "technical");
    g_assert_cmpint (candor_rendition_get_format (last), ==, CANDOR_DIALECT_STATUS_PAGE);
  }
}

/* Telegram: its HTML in one message, or a numbered thread of escaped plain
 * posts counted in UTF-16 units; the webhook's data; no "@room" for Matrix. */
static void
test_telegram_webhook_matrix (void)
{
  g_autoptr (CandorDraft) draft = load_draft ("full-major-en.json");
  g_autoptr (CandorRenderer) renderer = candor_renderer_new ();
  g_autoptr (CandorRendition) telegram = NULL;
  g_autoptr (CandorRendition) long_telegram = NULL;
  g_autoptr (CandorRendition) webhook = NULL;
  g_autoptr (CandorRendition) matrix = NULL;
  g_autoptr (JsonNode) telegram_root = NULL;
  g_autoptr (JsonNode) long_root = NULL;
  g_autoptr (JsonNode) webhook_root = NULL;
  g_autoptr (GString) text = g_string_new (NULL);
  CandorUpdate *update = candor_draft_get_update (draft);
  JsonArray    *messages;
  JsonObject   *data;

  candor_update_set_field (update, CANDOR_FIELD_IMPACT_NOW,
                           "Ping @room & <b>everyone</b> about **it**.");
  telegram = render (renderer, draft, "technical", CANDOR_DIALECT_TELEGRAM);
  g_assert_true (g_str_has_prefix (candor_rendition_get_text (telegram),
                                   "<b>Update: Card payments failing at checkout</b>\n\n"));
  g_assert_nonnull (strstr (candor_rendition_get_text (telegram),
                            "Ping @room &amp; &lt;b&gt;everyone&lt;/b&gt; about <b>it</b>."));
  messages = json_object_get_array_member (
    parse_object (candor_rendition_get_json (telegram), &telegram_root), "messages");
  g_assert_cmpuint (json_array_get_length (messages), ==, 1);
  g_assert_true (g_str_has_prefix (candor_rendition_get_text (telegram),
                                   json_array_get_string_element (messages, 0)));
  g_assert_cmpuint (candor_rendition_get_limit (telegram), ==, 4096);

  /* 2,100 emoji are 4,200 UTF-16 units: past the limit, though 2,100 characters. */
  for (guint i = 0; i < 300; i++)
    g_string_append (text, "Down 🔥🔥🔥🔥🔥🔥🔥 & <up>. ");
  candor_update_set_field (update, CANDOR_FIELD_IMPACT_NOW, text->str);
  long_telegram = render (renderer, draft, "technical", CANDOR_DIALECT_TELEGRAM);
  messages = json_object_get_array_member (
    parse_object (candor_rendition_get_json (long_telegram), &long_root), "messages");
  g_assert_cmpuint (json_array_get_length (messages), >=, 2);
  for (guint i = 0; i < json_array_get_length (messages); i++)
    {
      const char             *message = json_array_get_string_element (messages, i);
      const CandorSocialPost *post =
        candor_social_thread_get_post (candor_rendition_get_thread (long_telegram), i);
      g_autofree char *number = g_strdup_printf (" %u/%u", i + 1, json_array_get_length (messages));
      glong            units = 0;
      g_autofree gunichar2 *utf16 = g_utf8_to_utf16 (post->text, -1, NULL, &units, NULL);

      g_assert_true (g_str_has_suffix (message, number));
      g_assert_null (strstr (message, "<up>"));
      g_assert_cmpuint (post->length, ==, units);
      g_assert_cmpuint (post->length, <=, 4096);
    }
  g_assert_false (has_rule (long_telegram, "over-limit"));

  webhook = render (renderer, draft, "technical", CANDOR_DIALECT_SIGNED_WEBHOOK);
  data = parse_object (candor_rendition_get_json (webhook), &webhook_root);
  g_assert_cmpstr (json_object_get_string_member (data, "text"), ==,
                   candor_rendition_get_text (webhook));
  g_assert_cmpstr (
    json_object_get_string_member (json_object_get_object_member (data, "incident"), "state"), ==,
    "identified");
  g_assert_cmpstr (
    json_object_get_string_member (
      json_array_get_object_element (json_object_get_array_member (data, "sections"), 0),
      "heading"),
    ==, "Summary");

  candor_update_set_field (update, CANDOR_FIELD_IMPACT_NOW, "Tell @room and @ROOM.");
  matrix = render (renderer, draft, "technical", CANDOR_DIALECT_MATRIX);
  g_assert_null (strstr (candor_rendition_get_text (matrix), "@room"));
  g_assert_null (strstr (candor_rendition_get_html (matrix), "@room"));
  g_assert_null (strstr (candor_rendition_get_json (matrix), "@ROOM"));
  g_assert_nonnull (strstr (candor_rendition_get_text (matrix), "@\xe2\x81\xa0room"));
}

/* Slack reads "*", "_" and "~" inside a word when they are in its bold:
 * in the title, which the renderer wraps in bold, they are look-alikes. */
static void
test_slack_title_in_bold (void)
{
  g_autoptr (CandorDraft) draft = load_draft ("full-major-en.json");
  g_autoptr (CandorRenderer) renderer = candor_renderer_new ();
  g_autoptr (CandorRendition) slack = NULL;

  candor_incident_set_title (candor_draft_get_incident (draft), "Login 5*3 a_b x~y *fails*");
  slack = render (renderer, draft, "technical", CANDOR_DIALECT_SLACK);
  g_assert_true (g_str_has_prefix (candor_rendition_get_text (slack), "*Update: Login 5\xe2\x88\x97"
                                                                      "3 a\xcb\x8d"
                                                                      "b x\xe2\x88\xbc"
                                                                      "y \xe2\x88\x97"
                                                                      "fails\xe2\x88\x97*\n"));
}

static void
test_chat_markup (void)
{
  g_autoptr (CandorDraft) draft = load_draft ("full-major-en.json");
  g_autoptr (CandorRenderer) renderer = candor_renderer_new ();
  g_autoptr (CandorRendition) slack = render (renderer, draft, "technical", CANDOR_DIALECT_SLACK);
  g_autoptr (CandorRendition) discord =
    render (renderer, draft, "technical", CANDOR_DIALECT_DISCORD);

  g_assert_true (g_str_has_prefix (candor_rendition_get_text (slack),
                                   "*Update: Card payments failing at checkout*\n\n*Summary*\n"));
  g_assert_nonnull (
    strstr (candor_rendition_get_text (slack),
            "<https://status.example.com/incidents/2026-11-30-payments|status page>"));
  g_assert_true (
    g_str_has_prefix (candor_rendition_get_text (discord),
                      "**Update: Card payments failing at checkout**\n\n**Summary**\n"));
  g_assert_cmpuint (candor_rendition_get_limit (discord), ==, 2000);
  g_assert_cmpuint (candor_rendition_get_length (discord), ==,
                    g_utf8_strlen (candor_rendition_get_text (discord), -1));
  /* The technical message is longer than Discord takes. */
  g_assert_cmpuint (candor_rendition_get_length (discord), >, 2000);
  g_assert_true (has_rule (discord, "over-limit"));
  g_assert_false (has_rule (slack, "over-limit"));
}

static void
test_social_threads (void)
{
  g_autoptr (CandorDraft) draft = load_draft ("full-major-en.json");
  g_autoptr (CandorRenderer) renderer = candor_renderer_new ();
  const CandorDialect networks[] = { CANDOR_DIALECT_MASTODON, CANDOR_DIALECT_BLUESKY,
                                     CANDOR_DIALECT_X };

  for (guint i = 0; i < G_N_ELEMENTS (networks); i++)
    {
      g_autoptr (CandorRendition) rendition = render (renderer, draft, "customers", networks[i]);
      CandorSocialThread *thread = candor_rendition_get_thread (rendition);
      guint               n_posts = candor_social_thread_get_n_posts (thread);

      g_assert_cmpuint (n_posts, >, 1);
      g_assert_true (g_str_has_prefix (candor_social_thread_get_post (thread, 0)->text,
                                       "Update: Card payments failing at checkout\n\n"
                                       "What is affected: Since 08:12 CET"));
      for (guint j = 0; j < n_posts; j++)
        {
          const CandorSocialPost *post = candor_social_thread_get_post (thread, j);
          g_autofree char        *suffix = g_strdup_printf (" %u/%u", j + 1, n_posts);

          g_assert_true (g_str_has_suffix (post->text, suffix));
          g_assert_cmpuint (post->length, <=, post->limit);
        }
      g_assert_false (has_rule (rendition, "over-limit"));
    }
}

static void
test_structured_answers (void)
{
  g_autoptr (CandorDraft) draft = load_draft ("minimal-initial-en.json");
  g_autoptr (CandorRenderer) renderer = candor_renderer_new ();
  g_autoptr (CandorRendition) before = NULL;
  g_autoptr (CandorRendition) after = NULL;
  g_autoptr (GDateTime) at = g_date_time_new_from_iso8601 ("2026-11-30T16:00:00Z", NULL);
  CandorUpdate *update = candor_draft_get_update (draft);

  /* "No lasting consequences" ticked with the field left empty. */
  before = render (renderer, draft, "customers", CANDOR_DIALECT_PLAIN);
  g_assert_nonnull (strstr (candor_rendition_get_text (before),
                            "\nLasting consequences\nNone: nothing is lost and nothing needs to be "
                            "redone.\n"));
  g_assert_nonnull (strstr (candor_rendition_get_text (before),
                            "\nNext update\nWe will let you know as soon as it is fixed.\n"));

  /* Without its own text, the next update says the time the author set. */
  candor_update_set_field (update, CANDOR_FIELD_NEXT_UPDATE, "");
  candor_update_set_next_update_at (update, at);
  after = render (renderer, draft, "customers", CANDOR_DIALECT_PLAIN);
  g_assert_true (g_str_has_suffix (candor_rendition_get_text (after),
                                   "\nNext update\nBy 2026-11-30 16:00 UTC, or sooner if the "
                                   "situation changes.\n"));
}

static void
test_rerender_reuses_unchanged (void)
{
  g_autoptr (CandorDraft) draft = load_draft ("full-major-en.json");
  g_autoptr (CandorRenderer) renderer = candor_renderer_new ();
  CandorUpdate *update = candor_draft_get_update (draft);
  g_autoptr (CandorRendition) customers1 = render (renderer, draft, "customers", CANDOR_DIALECT_X);
  g_autoptr (CandorRendition) executives1 =
    render (renderer, draft, "executives", CANDOR_DIALECT_X);
  g_autoptr (CandorRendition) customers2 = NULL;
  g_autoptr (CandorRendition) executives2 = NULL;
  g_autoptr (CandorRendition) summary = NULL;
  g_autofree char    *changed = NULL;
  CandorSocialThread *thread;

  changed =
    g_strconcat (candor_update_get_field (update, CANDOR_FIELD_EXECUTIVE_SUMMARY), "!", NULL);
  candor_update_set_field (update, CANDOR_FIELD_EXECUTIVE_SUMMARY, changed);

  /* The summary changed: executives see the new text in every format... */
  summary = render (renderer, draft, "executives", CANDOR_DIALECT_PLAIN);
  g_assert_nonnull (strstr (candor_rendition_get_text (summary), "work normally.!\n"));
  executives2 = render (renderer, draft, "executives", CANDOR_DIALECT_X);
  thread = candor_rendition_get_thread (executives2);
  g_assert_true (thread != candor_rendition_get_thread (executives1));
  {
    GString *posts = g_string_new (NULL);

    for (guint i = 0; i < candor_social_thread_get_n_posts (thread); i++)
      g_string_append (posts, candor_social_thread_get_post (thread, i)->text);
    g_assert_nonnull (strstr (posts->str, "work normally.!"));
    g_string_free (posts, TRUE);
  }

  /* ...while the customers, who do not see it, keep their thread. */
  customers2 = render (renderer, draft, "customers", CANDOR_DIALECT_X);
  g_assert_true (candor_rendition_get_thread (customers1) ==
                 candor_rendition_get_thread (customers2));
}

static void
test_email_addresses (void)
{
  g_autoptr (CandorDraft) draft = load_draft ("resolution-en.json");
  g_autoptr (CandorRenderer) renderer = candor_renderer_new ();
  g_autoptr (CandorRendition) plain = render (renderer, draft, "customers", CANDOR_DIALECT_PLAIN);
  g_autoptr (CandorRendition) bad = NULL;
  g_autoptr (CandorRendition) good = NULL;
  g_autoptr (GError) error = NULL;
  const char      *thread[] = { "first@status.example.com", NULL };
  g_autofree char *raw = NULL;
  GBytes          *mime;

  g_assert_null (candor_rendition_get_mime (plain, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);

  /* A sender without a domain is the channel's mistake, said plainly. */
  candor_renderer_set_email_from (renderer, "status");
  bad = render (renderer, draft, "customers", CANDOR_DIALECT_EMAIL);
  g_assert_null (candor_rendition_get_mime (bad, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==, "The From address “status” has no domain");
  g_clear_error (&error);

  /* A follow-up goes to the channel's recipients, in the earlier thread. */
  candor_renderer_set_email_from (renderer, "Status <status@example.com>");
  candor_renderer_set_email_to (renderer, "customers@example.org");
  candor_renderer_set_email_thread (renderer, "email", thread);
  good = render (renderer, draft, "customers", CANDOR_DIALECT_EMAIL);
  mime = candor_rendition_get_mime (good, &error);
  g_assert_no_error (error);
  raw = g_strndup (g_bytes_get_data (mime, NULL), g_bytes_get_size (mime));
  g_assert_nonnull (strstr (raw, "\nFrom: Status <status@example.com>\n"));
  g_assert_nonnull (strstr (raw, "\nTo: customers@example.org\n"));
  g_assert_nonnull (strstr (raw, "\nIn-Reply-To: <first@status.example.com>\n"));
  g_assert_true (g_str_has_suffix (candor_rendition_get_message_id (good), "@example.com"));
  g_assert_true (g_str_has_prefix (candor_rendition_get_subject (good), "Resolved: "));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/renderer/audience-variants", test_audience_variants);
  g_test_add_func ("/core/renderer/headings-follow-language", test_headings_follow_language);
  g_test_add_func ("/core/renderer/json-bodies", test_json_bodies);
  g_test_add_func ("/core/renderer/chat-markup", test_chat_markup);
  g_test_add_func ("/core/renderer/slack-title-in-bold", test_slack_title_in_bold);
  g_test_add_func ("/core/renderer/telegram-webhook-matrix", test_telegram_webhook_matrix);
  g_test_add_func ("/core/renderer/social-threads", test_social_threads);
  g_test_add_func ("/core/renderer/structured-answers", test_structured_answers);
  g_test_add_func ("/core/renderer/rerender-reuses-unchanged", test_rerender_reuses_unchanged);
  g_test_add_func ("/core/renderer/email-addresses", test_email_addresses);

  return g_test_run ();
}
