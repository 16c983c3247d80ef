/* test-composition.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "candor-checker.h"
#include "candor-composition.h"
#include "candor-renderer.h"
#include "candor-rendition.h"

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

static void
count_cb (gpointer instance, gpointer data)
{
  (*(guint *)data)++;
}

static void
count_notify_cb (GObject *object, GParamSpec *pspec, gpointer data)
{
  (*(guint *)data)++;
}

/* "rule/field" of each finding, space-separated. */
static char *
finding_ids (GPtrArray *findings)
{
  GString *ids = g_string_new (NULL);

  for (guint i = 0; i < findings->len; i++)
    {
      CandorFinding *finding = g_ptr_array_index (findings, i);

      g_string_append_printf (ids, "%s%s/%d", i > 0 ? " " : "",
                              candor_finding_get_rule_id (finding),
                              candor_finding_get_field (finding));
    }

  return g_string_free (ids, FALSE);
}

static void
test_composition_renditions (void)
{
  g_autoptr (CandorDraft) draft = load_draft ("full-major-en.json");
  g_autoptr (CandorComposition) composition = candor_composition_new_for_draft (draft);
  g_autoptr (CandorRenderer) renderer = candor_renderer_new ();
  GPtrArray *audiences = candor_draft_get_audiences (draft);
  GPtrArray *renditions;
  guint      n_expected = 0;

  g_assert_true (candor_composition_get_incident (composition) ==
                 candor_draft_get_incident (draft));
  g_assert_true (candor_composition_get_update (composition) == candor_draft_get_update (draft));
  g_assert_true (candor_composition_get_audiences (composition) == audiences);

  /* Each audience through each of its channels, exactly as the renderer writes it. */
  for (guint i = 0; i < audiences->len; i++)
    {
      CandorAudience *audience = g_ptr_array_index (audiences, i);
      GPtrArray      *channels = candor_composition_get_channels (composition);

      g_assert_nonnull (candor_audience_get_channels (audience)[0]);
      for (guint c = 0; c < channels->len; c++)
        {
          CandorChannel   *channel = g_ptr_array_index (channels, c);
          const char      *channel_id = candor_channel_get_id (channel);
          CandorDialect    format = candor_channel_get_dialect (channel);
          CandorRendition *rendition = candor_composition_get_rendition (
            composition, candor_audience_get_id (audience), channel_id);
          g_autoptr (CandorRendition) expected = NULL;

          if (!candor_audience_has_channel (audience, channel_id))
            {
              g_assert_null (rendition);
              continue;
            }

          n_expected++;
          g_assert_nonnull (rendition);
          g_assert_cmpint (candor_rendition_get_format (rendition), ==, format);
          g_assert_cmpstr (candor_rendition_get_channel_id (rendition), ==, channel_id);
          g_assert_cmpstr (candor_rendition_get_audience_id (rendition), ==,
                           candor_audience_get_id (audience));
          expected = candor_renderer_render (renderer, candor_draft_get_incident (draft),
                                             candor_draft_get_update (draft), audience, format);
          g_assert_cmpstr (candor_rendition_get_text (rendition), ==,
                           candor_rendition_get_text (expected));
          g_assert_cmpstr (candor_rendition_get_json (rendition), ==,
                           candor_rendition_get_json (expected));
        }
    }

  renditions = candor_composition_get_renditions (composition);
  g_assert_cmpuint (renditions->len, ==, n_expected);
  g_assert_null (candor_composition_get_rendition (composition, "nobody", "plain"));

  /* An audience reached through another channel is rendered for it. */
  {
    CandorAudience   *audience = g_ptr_array_index (audiences, 0);
    const char *const x[] = { "x", NULL };

    candor_audience_set_channels (audience, x);
    g_assert_nonnull (
      candor_composition_get_rendition (composition, candor_audience_get_id (audience), "x"));
    g_assert_cmpuint (candor_composition_get_renditions (composition)->len, <, n_expected);
  }
}

static void
test_composition_findings (void)
{
  g_autoptr (CandorDraft) draft = load_draft ("full-major-en.json");
  g_autoptr (CandorComposition) composition = candor_composition_new_for_draft (draft);
  g_autoptr (CandorChecker) checker = candor_checker_new ("en", NULL);
  g_autoptr (GPtrArray) expected = NULL;
  g_autofree char *ids = NULL;
  g_autofree char *expected_ids = NULL;
  CandorUpdate    *update = candor_draft_get_update (draft);

  g_assert_cmpuint (candor_composition_get_findings (composition)->len, ==, 0);

  candor_update_set_field (update, CANDOR_FIELD_EXECUTIVE_SUMMARY,
                           "Payments fail because our payment provider is to blame for this.");
  candor_update_set_field (update, CANDOR_FIELD_CONTACT, "");
  candor_update_set_contact_name (update, "");
  candor_update_set_contact_reach (update, "");

  /* The checker's findings on the draft, no more and no fewer. */
  expected = candor_checker_check_update (checker, candor_draft_get_incident (draft), update);
  ids = finding_ids (candor_composition_get_findings (composition));
  expected_ids = finding_ids (expected);
  g_assert_cmpstr (ids, ==, expected_ids);
  g_assert_nonnull (strstr (ids, "blame"));
  g_assert_nonnull (strstr (ids, "missing-contact"));
}

static void
test_composition_acknowledge (void)
{
  g_autoptr (CandorDraft) draft = load_draft ("full-major-en.json");
  g_autoptr (CandorDraft) other = load_draft ("full-major-en.json");
  g_autoptr (CandorComposition) composition = candor_composition_new_for_draft (draft);
  CandorUpdate    *update = candor_draft_get_update (draft);
  GPtrArray       *findings;
  CandorFinding   *blame = NULL;
  g_autofree char *ids = NULL;

  candor_update_set_field (update, CANDOR_FIELD_EXECUTIVE_SUMMARY,
                           "Payments fail because our payment provider is to blame for this.");
  candor_update_set_field (update, CANDOR_FIELD_CONTACT, "");
  candor_update_set_contact_name (update, "");
  candor_update_set_contact_reach (update, "");
  findings = candor_composition_get_findings (composition);
  for (guint i = 0; i < findings->len; i++)
    {
      if (g_str_has_prefix (candor_finding_get_rule_id (g_ptr_array_index (findings, i)), "blame"))
        blame = g_ptr_array_index (findings, i);
    }
  g_assert_nonnull (blame);

  /* Acknowledged: gone, while the other findings stay. */
  candor_composition_acknowledge (composition, blame);
  g_assert_true (candor_composition_get_dirty (composition));
  ids = finding_ids (candor_composition_get_findings (composition));
  g_assert_null (strstr (ids, "blame"));
  g_assert_nonnull (strstr (ids, "missing-contact"));
  g_clear_pointer (&ids, g_free);

  /* Still gone after more typing in the same field. */
  candor_update_set_field (update, CANDOR_FIELD_EXECUTIVE_SUMMARY,
                           "Payments fail because our payment provider is to blame for this!");
  ids = finding_ids (candor_composition_get_findings (composition));
  g_assert_null (strstr (ids, "blame"));
  g_clear_pointer (&ids, g_free);

  /* Another update starts with nothing acknowledged. */
  candor_update_set_field (candor_draft_get_update (other), CANDOR_FIELD_EXECUTIVE_SUMMARY,
                           "Payments fail because our payment provider is to blame for this.");
  candor_composition_set_draft (composition, candor_draft_get_incident (other),
                                candor_draft_get_update (other),
                                candor_draft_get_audiences (other));
  ids = finding_ids (candor_composition_get_findings (composition));
  g_assert_nonnull (strstr (ids, "blame"));
}

static void
test_composition_changed (void)
{
  g_autoptr (CandorDraft) draft = load_draft ("full-major-en.json");
  g_autoptr (CandorComposition) composition = candor_composition_new_for_draft (draft);
  CandorUpdate    *update = candor_draft_get_update (draft);
  CandorIncident  *incident = candor_draft_get_incident (draft);
  CandorAudience  *audience = g_ptr_array_index (candor_draft_get_audiences (draft), 0);
  CandorRendition *before;
  guint            n_changed = 0;
  guint            n_dirty = 0;

  g_signal_connect (composition, "changed", G_CALLBACK (count_cb), &n_changed);
  g_signal_connect (composition, "notify::dirty", G_CALLBACK (count_notify_cb), &n_dirty);

  /* Nothing is computed before it is asked for. */
  g_assert_true (candor_composition_get_dirty (composition));
  g_assert_cmpuint (n_changed, ==, 0);
  g_assert_true (candor_composition_update (composition, NULL));
  g_assert_false (candor_composition_get_dirty (composition));
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_cmpuint (n_dirty, ==, 1);

  /* Asking again computes nothing again: the same rendition object. */
  before =
    candor_composition_get_rendition (composition, candor_audience_get_id (audience), "email");
  g_assert_nonnull (before);
  g_assert_true (candor_composition_get_rendition (composition, candor_audience_get_id (audience),
                                                   "email") == before);
  candor_composition_get_findings (composition);
  candor_composition_get_renditions (composition);
  g_assert_cmpuint (n_changed, ==, 1);

  /* Keystrokes only mark it out of date, once; the next read computes once. */
  candor_update_set_field (update, CANDOR_FIELD_EXECUTIVE_SUMMARY, "Logins fail.");
  candor_update_set_field (update, CANDOR_FIELD_EXECUTIVE_SUMMARY, "Logins fail for some.");
  g_assert_true (candor_composition_get_dirty (composition));
  g_assert_cmpuint (n_dirty, ==, 2);
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_true (candor_composition_get_rendition (composition, candor_audience_get_id (audience),
                                                   "email") != before);
  g_assert_cmpuint (n_changed, ==, 2);
  g_assert_cmpuint (n_dirty, ==, 3);

  /* The incident, an audience and the email settings count as much as the update. */
  candor_incident_set_title (incident, "Sign-in outage");
  g_assert_true (candor_composition_get_dirty (composition));
  g_assert_nonnull (strstr (candor_rendition_get_subject (candor_composition_get_rendition (
                              composition, candor_audience_get_id (audience), "email")),
                            "Sign-in outage"));
  candor_audience_set_name (audience, "Clients");
  g_assert_true (candor_composition_get_dirty (composition));
  candor_composition_update (composition, NULL);
  candor_composition_set_email_to (composition, "clients@example.com");
  g_assert_true (candor_composition_get_dirty (composition));
  candor_composition_update (composition, NULL);
  g_assert_cmpuint (n_changed, ==, 5);

  /* Setting what is already set changes nothing. */
  candor_composition_set_email_to (composition, "clients@example.com");
  g_assert_false (candor_composition_get_dirty (composition));
}

static void
test_composition_email (void)
{
  g_autoptr (CandorDraft) draft = load_draft ("full-major-en.json");
  g_autoptr (CandorComposition) composition = candor_composition_new_for_draft (draft);
  CandorAudience *audience = g_ptr_array_index (candor_draft_get_audiences (draft), 0);
  const char     *thread[] = { "first@status.example.com", NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  CandorRendition *email;
  GBytes          *mime;

  candor_composition_set_email_from (composition, "Status <status@example.com>");
  candor_composition_set_email_to (composition, "customers@example.org");
  candor_composition_set_email_thread (composition, "email", thread);
  g_assert_cmpstr (candor_composition_get_email_from (composition), ==,
                   "Status <status@example.com>");
  g_assert_cmpstr (candor_composition_get_email_to (composition), ==, "customers@example.org");

  /* The headers in the message the preview, the review and the publisher all get. */
  email =
    candor_composition_get_rendition (composition, candor_audience_get_id (audience), "email");
  g_assert_nonnull (email);
  mime = candor_rendition_get_mime (email, &error);
  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (mime, NULL), g_bytes_get_size (mime));
  g_assert_nonnull (strstr (text, "From: Status <status@example.com>"));
  g_assert_nonnull (strstr (text, "To: customers@example.org"));
  g_assert_nonnull (strstr (text, "\nIn-Reply-To: <first@status.example.com>\n"));
}

static void
test_composition_language (void)
{
  g_autoptr (CandorDraft) draft = load_draft ("full-critical-ru.json");
  g_autoptr (CandorComposition) composition = candor_composition_new_for_draft (draft);
  g_autoptr (CandorChecker) checker = candor_checker_new ("ru", NULL);
  g_autoptr (GPtrArray) expected = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *ids = NULL;
  g_autofree char *expected_ids = NULL;
  CandorIncident  *incident = candor_draft_get_incident (draft);
  CandorUpdate    *update = candor_draft_get_update (draft);

  candor_update_set_field (update, CANDOR_FIELD_EXECUTIVE_SUMMARY,
                           "Сбой произошёл по вине нашего подрядчика.");
  expected = candor_checker_check_update (checker, incident, update);
  expected_ids = finding_ids (expected);
  g_assert_nonnull (strstr (expected_ids, "blame"));

  /* The incident's language, by its primary tag. */
  g_assert_true (candor_composition_update (composition, &error));
  g_assert_no_error (error);
  ids = finding_ids (candor_composition_get_findings (composition));
  g_assert_cmpstr (ids, ==, expected_ids);
  g_clear_pointer (&ids, g_free);

  candor_incident_set_language (incident, "ru_RU.UTF-8");
  g_assert_true (candor_composition_update (composition, &error));
  ids = finding_ids (candor_composition_get_findings (composition));
  g_assert_cmpstr (ids, ==, expected_ids);
  g_clear_pointer (&ids, g_free);

  /* A language without checks is an error to show, not English in disguise;
   * the renditions are still made. */
  candor_incident_set_language (incident, "de");
  g_assert_false (candor_composition_update (composition, &error));
  g_assert_error (error, CANDOR_CHECKER_ERROR, CANDOR_CHECKER_ERROR_UNKNOWN_LANGUAGE);
  g_clear_error (&error);
  g_assert_cmpuint (candor_composition_get_findings (composition)->len, ==, 0);
  g_assert_cmpuint (candor_composition_get_renditions (composition)->len, >, 0);
  /* Asked again, the same answer. */
  g_assert_false (candor_composition_update (composition, &error));
  g_assert_error (error, CANDOR_CHECKER_ERROR, CANDOR_CHECKER_ERROR_UNKNOWN_LANGUAGE);
  g_clear_error (&error);

  /* No language at all is English, as a new incident is. */
  candor_incident_set_language (incident, NULL);
  g_assert_true (candor_composition_update (composition, &error));
  g_assert_no_error (error);
}

/* Two mailing lists are two channels of one kind: each gets its own message,
 * with its own From and To, and both are told apart by the channel's id. */
static char *
mime_text (CandorRendition *rendition)
{
  g_autoptr (GError) error = NULL;
  GBytes *mime = candor_rendition_get_mime (rendition, &error);

  g_assert_no_error (error);
  return g_strndup (g_bytes_get_data (mime, NULL), g_bytes_get_size (mime));
}

static void
test_composition_two_channels_of_one_kind (void)
{
  g_autoptr (CandorDraft) draft = load_draft ("full-major-en.json");
  g_autoptr (CandorComposition) composition = candor_composition_new_for_draft (draft);
  g_autoptr (GPtrArray) channels = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (CandorChannel) ops = candor_channel_new ("ops-list", "email", "Ops list");
  g_autoptr (CandorChannel) board = candor_channel_new ("board-list", "email", "Board list");
  CandorAudience   *audience = g_ptr_array_index (candor_draft_get_audiences (draft), 0);
  const char *const ids[] = { "ops-list", "board-list", "removed-since", NULL };
  g_autofree char  *ops_text = NULL;
  g_autofree char  *board_text = NULL;
  CandorRendition  *ops_email;
  CandorRendition  *board_email;
  guint             n_notified = 0;

  g_assert_true (candor_channel_set_setting (ops, "from", "Status <status@example.com>", NULL));
  g_assert_true (candor_channel_set_setting (ops, "to", "ops@example.com", NULL));
  g_assert_true (candor_channel_set_setting (board, "to", "board@example.com", NULL));
  g_ptr_array_add (channels, g_object_ref (ops));
  g_ptr_array_add (channels, g_object_ref (board));
  g_signal_connect (composition, "notify::channels", G_CALLBACK (count_notify_cb), &n_notified);
  candor_composition_update (composition, NULL);
  candor_composition_set_channels (composition, channels);
  g_assert_cmpuint (n_notified, ==, 1);
  g_assert_true (candor_composition_get_dirty (composition));
  g_assert_cmpuint (candor_composition_get_channels (composition)->len, ==, 2);
  candor_composition_set_email_from (composition, "Fallback <fallback@example.com>");
  candor_audience_set_channels (audience, ids);

  /* The channels were copied: changing one afterwards changes nothing. */
  g_assert_true (candor_channel_set_setting (ops, "to", "elsewhere@example.com", NULL));

  ops_email =
    candor_composition_get_rendition (composition, candor_audience_get_id (audience), "ops-list");
  board_email =
    candor_composition_get_rendition (composition, candor_audience_get_id (audience), "board-list");
  g_assert_nonnull (ops_email);
  g_assert_nonnull (board_email);
  g_assert_true (ops_email != board_email);
  g_assert_null (
    candor_composition_get_rendition (composition, candor_audience_get_id (audience), "email"));
  g_assert_null (candor_composition_get_rendition (composition, candor_audience_get_id (audience),
                                                   "removed-since"));
  g_assert_cmpuint (candor_composition_get_renditions (composition)->len, >=, 2);

  g_assert_cmpstr (candor_rendition_get_channel_id (ops_email), ==, "ops-list");
  g_assert_cmpstr (candor_rendition_get_channel_id (board_email), ==, "board-list");
  g_assert_cmpint (candor_rendition_get_format (ops_email), ==, CANDOR_DIALECT_EMAIL);
  g_assert_cmpint (candor_rendition_get_format (board_email), ==, CANDOR_DIALECT_EMAIL);

  ops_text = mime_text (ops_email);
  board_text = mime_text (board_email);
  g_assert_nonnull (strstr (ops_text, "From: Status <status@example.com>"));
  g_assert_nonnull (strstr (ops_text, "To: ops@example.com"));
  /* Without a "from" of its own the channel takes the composition's. */
  g_assert_nonnull (strstr (board_text, "From: Fallback <fallback@example.com>"));
  g_assert_nonnull (strstr (board_text, "To: board@example.com"));
  g_assert_null (strstr (board_text, "ops@example.com"));
}

/* An English incident whose technical audience reads Russian, and a Russian
 * Telegram channel the customers read as well. */
static CandorComposition *
new_bilingual_composition (CandorDraft *draft)
{
  const char *const others[] = { "ru", NULL };
  const char *const customer_channels[] = { "email", "ru-telegram", NULL };
  g_autoptr (GPtrArray) channels = candor_channel_new_defaults ();
  g_autoptr (CandorChannel) telegram = candor_channel_new ("ru-telegram", "telegram", "Статус");
  GPtrArray         *audiences = candor_draft_get_audiences (draft);
  CandorComposition *composition;

  candor_incident_set_other_languages (candor_draft_get_incident (draft), others);
  candor_channel_set_language (telegram, "ru");
  g_ptr_array_add (channels, g_object_ref (telegram));
  for (guint i = 0; i < audiences->len; i++)
    {
      CandorAudience *audience = g_ptr_array_index (audiences, i);

      if (g_str_equal (candor_audience_get_id (audience), "technical"))
        candor_audience_set_language (audience, "ru");
      if (g_str_equal (candor_audience_get_id (audience), "customers"))
        candor_audience_set_channels (audience, customer_channels);
    }

  composition = candor_composition_new_for_draft (draft);
  candor_composition_set_channels (composition, channels);
  return composition;
}

/* Every field of the Russian fixture as the Russian translation of @update. */
static void
translate_all (CandorUpdate *update)
{
  g_autoptr (CandorDraft) russian = load_draft ("full-critical-ru.json");

  for (CandorField field = 0; field < CANDOR_N_FIELDS; field++)
    candor_update_set_translation (
      update, "ru", field, candor_update_get_field (candor_draft_get_update (russian), field));
}

static CandorFinding *
find_finding (CandorComposition *composition, const char *rule_id, int field, const char *language)
{
  GPtrArray *findings = candor_composition_get_findings (composition);

  for (guint i = 0; i < findings->len; i++)
    {
      CandorFinding *finding = g_ptr_array_index (findings, i);

      /* The title's findings are on the whole message too, and quote it. */
      if (field == CANDOR_FINDING_WHOLE_MESSAGE && candor_finding_get_quote (finding) != NULL)
        continue;
      if (g_str_equal (candor_finding_get_rule_id (finding), rule_id) &&
          candor_finding_get_field (finding) == field &&
          g_strcmp0 (candor_finding_get_language (finding), language) == 0)
        return finding;
    }

  return NULL;
}

static CandorFinding *
find_title_finding (CandorComposition *composition, const char *rule_id, const char *language)
{
  GPtrArray *findings = candor_composition_get_findings (composition);

  for (guint i = 0; i < findings->len; i++)
    {
      CandorFinding *finding = g_ptr_array_index (findings, i);

      if (g_str_equal (candor_finding_get_rule_id (finding), rule_id) &&
          candor_finding_get_field (finding) == CANDOR_FINDING_WHOLE_MESSAGE &&
          candor_finding_get_quote (finding) != NULL &&
          g_strcmp0 (candor_finding_get_language (finding), language) == 0)
        return finding;
    }

  return NULL;
}

/* The incident title in the audience's language: a translation missing or
 * outdated is found like a field's, and acknowledged the same way. */
static void
test_composition_title_translation (void)
{
  g_autoptr (CandorDraft) draft = load_draft ("full-major-en.json");
  g_autoptr (CandorComposition) composition = new_bilingual_composition (draft);
  CandorIncident  *incident = candor_draft_get_incident (draft);
  CandorUpdate    *update = candor_draft_get_update (draft);
  CandorRendition *rendition;
  CandorFinding   *finding;

  /* Nothing in Russian yet: the message's own finding says it all. */
  g_assert_null (find_title_finding (composition, "translation-missing", "ru"));

  translate_all (update);
  candor_incident_set_title_in (incident, "ru", NULL);
  finding = find_title_finding (composition, "translation-missing", "ru");
  g_assert_nonnull (finding);
  g_assert_cmpint (candor_finding_get_severity (finding), ==, CANDOR_FINDING_SEVERITY_ERROR);
  g_assert_cmpstr (candor_finding_get_quote (finding), ==, "Card payments failing at checkout");
  g_assert_nonnull (strstr (candor_finding_get_message (finding), "title"));
  g_assert_nonnull (strstr (candor_finding_get_message (finding), "Russian"));
  g_assert_null (
    find_finding (composition, "translation-missing", CANDOR_FINDING_WHOLE_MESSAGE, "ru"));
  /* Meanwhile the Russian message carries the primary title. */
  rendition = candor_composition_get_rendition (composition, "technical", "email");
  g_assert_cmpstr (candor_rendition_get_language (rendition), ==, "ru");
  g_assert_nonnull (
    strstr (candor_rendition_get_subject (rendition), "Card payments failing at checkout"));

  candor_incident_set_title_in (incident, "ru", "Оплата картой не проходит");
  g_assert_null (find_title_finding (composition, "translation-missing", "ru"));
  rendition = candor_composition_get_rendition (composition, "technical", "email");
  g_assert_nonnull (strstr (candor_rendition_get_subject (rendition), "Оплата картой не проходит"));
  g_assert_null (strstr (candor_rendition_get_subject (rendition), "Card payments"));
  /* The English readers keep the English title. */
  rendition = candor_composition_get_rendition (composition, "executives", "email");
  g_assert_cmpstr (candor_rendition_get_language (rendition), ==, "en");
  g_assert_nonnull (
    strstr (candor_rendition_get_subject (rendition), "Card payments failing at checkout"));

  /* The English title changes after the Russian was written. */
  candor_incident_set_title (incident, "Card payments failing in the EU");
  finding = find_title_finding (composition, "translation-outdated", "ru");
  g_assert_nonnull (finding);
  g_assert_cmpint (candor_finding_get_severity (finding), ==, CANDOR_FINDING_SEVERITY_WARNING);
  g_assert_cmpstr (candor_incident_get_title_source_in (incident, "ru"), ==,
                   "Card payments failing at checkout");

  /* Acknowledged: the translation is current, in the incident itself. */
  candor_composition_acknowledge (composition, finding);
  g_assert_false (candor_incident_get_title_outdated_in (incident, "ru"));
  g_assert_null (find_title_finding (composition, "translation-outdated", "ru"));

  /* Sending the English title on purpose hides only the title's finding. */
  candor_incident_set_title_in (incident, "ru", NULL);
  candor_composition_acknowledge (composition,
                                  find_title_finding (composition, "translation-missing", "ru"));
  g_assert_null (find_title_finding (composition, "translation-missing", "ru"));
  candor_update_set_translation (update, "ru", CANDOR_FIELD_CONTACT, "");
  g_assert_nonnull (find_finding (composition, "translation-missing", CANDOR_FIELD_CONTACT, "ru"));
}

/* The channel's language, else the audience's, else the primary one; a
 * language with no text yet is sent in the primary one and says so. */
static void
test_composition_rendition_language (void)
{
  g_autoptr (CandorDraft) draft = load_draft ("full-major-en.json");
  g_autoptr (CandorComposition) composition = new_bilingual_composition (draft);
  g_autoptr (GError) error = NULL;
  CandorUpdate    *update = candor_draft_get_update (draft);
  CandorRendition *rendition;
  CandorFinding   *missing;
  g_autofree char *mime = NULL;

  /* Nothing in Russian yet: English, with the reason why. */
  rendition = candor_composition_get_rendition (composition, "technical", "email");
  g_assert_cmpstr (candor_rendition_get_language (rendition), ==, "en");
  g_assert_nonnull (strstr (candor_rendition_get_text (rendition), "What is affected"));
  missing = find_finding (composition, "translation-missing", CANDOR_FINDING_WHOLE_MESSAGE, "ru");
  g_assert_nonnull (missing);
  g_assert_cmpint (candor_finding_get_severity (missing), ==, CANDOR_FINDING_SEVERITY_ERROR);
  g_assert_nonnull (strstr (candor_finding_get_message (missing), "Russian"));
  g_assert_nonnull (strstr (candor_finding_get_message (missing), "Customers"));
  g_assert_nonnull (strstr (candor_finding_get_message (missing), "Technical"));
  g_assert_null (strstr (candor_finding_get_message (missing), "Executives"));
  g_assert_nonnull (strstr (candor_finding_get_suggestion (missing), "English"));

  /* Sent in English on purpose: the finding goes, the English stays. */
  candor_composition_acknowledge (composition, missing);
  g_assert_null (
    find_finding (composition, "translation-missing", CANDOR_FINDING_WHOLE_MESSAGE, "ru"));
  rendition = candor_composition_get_rendition (composition, "technical", "email");
  g_assert_cmpstr (candor_rendition_get_language (rendition), ==, "en");

  translate_all (update);
  g_assert_null (
    find_finding (composition, "translation-missing", CANDOR_FINDING_WHOLE_MESSAGE, "ru"));

  /* The audience's language, with that language's phrases and headers. */
  rendition = candor_composition_get_rendition (composition, "technical", "email");
  g_assert_cmpstr (candor_rendition_get_language (rendition), ==, "ru");
  g_assert_nonnull (strstr (candor_rendition_get_text (rendition), "Что затронуто"));
  candor_update_set_translation (update, "ru", CANDOR_FIELD_IMPACT_NOW,
                                 "Каждый третий платёж картой не проходит.");
  rendition = candor_composition_get_rendition (composition, "technical", "email");
  g_assert_nonnull (
    strstr (candor_rendition_get_text (rendition), "Каждый третий платёж картой не проходит."));
  g_assert_null (strstr (candor_rendition_get_text (rendition), "What is affected"));
  mime = g_strndup (g_bytes_get_data (candor_rendition_get_mime (rendition, &error), NULL),
                    g_bytes_get_size (candor_rendition_get_mime (rendition, &error)));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (mime, "Content-Language: ru"));

  /* The primary language where nobody says otherwise ... */
  rendition = candor_composition_get_rendition (composition, "customers", "email");
  g_assert_cmpstr (candor_rendition_get_language (rendition), ==, "en");
  g_assert_nonnull (strstr (candor_rendition_get_text (rendition), "What is affected"));
  rendition = candor_composition_get_rendition (composition, "executives", "slack");
  g_assert_cmpstr (candor_rendition_get_language (rendition), ==, "en");
  /* ... and the channel's over the audience's. */
  rendition = candor_composition_get_rendition (composition, "customers", "ru-telegram");
  g_assert_cmpstr (candor_rendition_get_language (rendition), ==, "ru");
  g_assert_nonnull (strstr (candor_rendition_get_text (rendition), "Что затронуто"));

  /* The primary language changes to Russian: the technical audience reads
   * the primary text now, and English is nobody's. */
  candor_incident_set_language (candor_draft_get_incident (draft), "ru");
  rendition = candor_composition_get_rendition (composition, "technical", "email");
  g_assert_cmpstr (candor_rendition_get_language (rendition), ==, "ru");
  g_assert_null (
    find_finding (composition, "translation-missing", CANDOR_FINDING_WHOLE_MESSAGE, "ru"));
}

/* A field shown in Russian without its translation, and one translated
 * before its primary text changed. */
static void
test_composition_translation_rules (void)
{
  g_autoptr (CandorDraft) draft = load_draft ("full-major-en.json");
  g_autoptr (CandorComposition) composition = new_bilingual_composition (draft);
  CandorUpdate  *update = candor_draft_get_update (draft);
  CandorFinding *finding;
  guint          changed = 0;

  translate_all (update);
  g_assert_null (find_finding (composition, "translation-missing", CANDOR_FIELD_CONTACT, "ru"));

  candor_update_set_translation (update, "ru", CANDOR_FIELD_CONTACT, "");
  finding = find_finding (composition, "translation-missing", CANDOR_FIELD_CONTACT, "ru");
  g_assert_nonnull (finding);
  g_assert_cmpint (candor_finding_get_severity (finding), ==, CANDOR_FINDING_SEVERITY_ERROR);
  g_assert_nonnull (strstr (candor_finding_get_message (finding), "Russian"));
  /* The rendition carries the primary text meanwhile. */
  g_assert_nonnull (strstr (candor_rendition_get_text (
                              candor_composition_get_rendition (composition, "technical", "email")),
                            "please contact"));

  /* Sent that way on purpose: gone for the rest of this update. */
  candor_composition_acknowledge (composition, finding);
  g_assert_null (find_finding (composition, "translation-missing", CANDOR_FIELD_CONTACT, "ru"));

  /* Customers never see technical details, the technical audience does. */
  candor_update_set_translation (update, "ru", CANDOR_FIELD_TECHNICAL_DETAILS, "");
  finding = find_finding (composition, "translation-missing", CANDOR_FIELD_TECHNICAL_DETAILS, "ru");
  g_assert_nonnull (finding);
  g_assert_null (strstr (candor_finding_get_message (finding), "Customers"));
  g_assert_nonnull (strstr (candor_finding_get_message (finding), "Technical"));
  candor_update_set_translation (update, "ru", CANDOR_FIELD_TECHNICAL_DETAILS, "Пул соединений.");

  /* The English text changes after the Russian was written. */
  g_assert_null (find_finding (composition, "translation-outdated", CANDOR_FIELD_IMPACT_NOW, "ru"));
  candor_update_set_field (update, CANDOR_FIELD_IMPACT_NOW, "All card payments fail.");
  finding = find_finding (composition, "translation-outdated", CANDOR_FIELD_IMPACT_NOW, "ru");
  g_assert_nonnull (finding);
  g_assert_cmpint (candor_finding_get_severity (finding), ==, CANDOR_FINDING_SEVERITY_WARNING);
  g_assert_nonnull (strstr (candor_finding_get_message (finding), "Russian"));
  g_assert_true (candor_update_get_translation_outdated (update, "ru", CANDOR_FIELD_IMPACT_NOW));

  /* Acknowledged: the translation is current, in the update itself. */
  g_signal_connect (update, "changed", G_CALLBACK (count_cb), &changed);
  candor_composition_acknowledge (composition, finding);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_false (candor_update_get_translation_outdated (update, "ru", CANDOR_FIELD_IMPACT_NOW));
  g_assert_null (find_finding (composition, "translation-outdated", CANDOR_FIELD_IMPACT_NOW, "ru"));
  /* ... until the English text changes again. */
  candor_update_set_field (update, CANDOR_FIELD_IMPACT_NOW, "Most card payments fail.");
  g_assert_nonnull (
    find_finding (composition, "translation-outdated", CANDOR_FIELD_IMPACT_NOW, "ru"));
}

/* Each language is checked with its own rules, and its findings say which. */
static void
test_composition_findings_per_language (void)
{
  g_autoptr (CandorDraft) draft = load_draft ("full-major-en.json");
  g_autoptr (CandorComposition) composition = new_bilingual_composition (draft);
  g_autoptr (GError) error = NULL;
  CandorUpdate  *update = candor_draft_get_update (draft);
  CandorFinding *russian_blame;
  CandorFinding *english_blame;

  translate_all (update);
  g_assert_true (candor_composition_update (composition, &error));
  g_assert_no_error (error);
  g_assert_null (find_finding (composition, "blame", CANDOR_FIELD_EXECUTIVE_SUMMARY, "ru"));

  /* A Russian blame sentence in the Russian text: a Russian finding. */
  candor_update_set_translation (update, "ru", CANDOR_FIELD_EXECUTIVE_SUMMARY,
                                 "Сбой произошёл по вине нашего подрядчика.");
  russian_blame = find_finding (composition, "blame", CANDOR_FIELD_EXECUTIVE_SUMMARY, "ru");
  g_assert_nonnull (russian_blame);
  g_assert_null (find_finding (composition, "blame", CANDOR_FIELD_EXECUTIVE_SUMMARY, NULL));

  /* An English one in the English text: found once, in the primary language,
   * not again in the Russian view where the field is untranslated. */
  candor_update_set_field (update, CANDOR_FIELD_IMPACT_FUTURE,
                           "Payments fail because our payment provider is to blame for this.");
  candor_update_set_translation (update, "ru", CANDOR_FIELD_IMPACT_FUTURE, "");
  g_assert_nonnull (find_finding (composition, "blame", CANDOR_FIELD_IMPACT_FUTURE, NULL));
  g_assert_null (find_finding (composition, "blame", CANDOR_FIELD_IMPACT_FUTURE, "ru"));

  /* Acknowledging is per language: the same rule on the same field in
   * English still shows. */
  candor_update_set_field (update, CANDOR_FIELD_EXECUTIVE_SUMMARY,
                           "Payments fail because our payment provider is to blame for this.");
  russian_blame = find_finding (composition, "blame", CANDOR_FIELD_EXECUTIVE_SUMMARY, "ru");
  english_blame = find_finding (composition, "blame", CANDOR_FIELD_EXECUTIVE_SUMMARY, NULL);
  g_assert_nonnull (russian_blame);
  g_assert_nonnull (english_blame);
  candor_composition_acknowledge (composition, russian_blame);
  g_assert_null (find_finding (composition, "blame", CANDOR_FIELD_EXECUTIVE_SUMMARY, "ru"));
  g_assert_nonnull (find_finding (composition, "blame", CANDOR_FIELD_EXECUTIVE_SUMMARY, NULL));
}

/* A language without checks is said, after the primary one's. */
static void
test_composition_language_without_checks (void)
{
  g_autoptr (CandorDraft) draft = load_draft ("full-major-en.json");
  g_autoptr (CandorComposition) composition = new_bilingual_composition (draft);
  g_autoptr (GError) error = NULL;
  CandorAudience *technical = g_ptr_array_index (candor_draft_get_audiences (draft), 2);

  g_assert_cmpstr (candor_audience_get_id (technical), ==, "technical");
  candor_audience_set_language (technical, "de");
  /* No German text yet: nothing to check, only the missing text. */
  g_assert_true (candor_composition_update (composition, &error));
  g_assert_no_error (error);
  g_assert_nonnull (
    find_finding (composition, "translation-missing", CANDOR_FINDING_WHOLE_MESSAGE, "de"));

  candor_update_set_translation (candor_draft_get_update (draft), "de",
                                 CANDOR_FIELD_EXECUTIVE_SUMMARY, "Kartenzahlungen schlagen fehl.");
  g_assert_false (candor_composition_update (composition, &error));
  g_assert_error (error, CANDOR_CHECKER_ERROR, CANDOR_CHECKER_ERROR_UNKNOWN_LANGUAGE);
  g_assert_cmpstr (candor_rendition_get_language (
                     candor_composition_get_rendition (composition, "technical", "email")),
                   ==, "de");
  g_assert_nonnull (
    find_finding (composition, "translation-missing", CANDOR_FIELD_IMPACT_NOW, "de"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/composition/renditions", test_composition_renditions);
  g_test_add_func ("/core/composition/findings", test_composition_findings);
  g_test_add_func ("/core/composition/acknowledge", test_composition_acknowledge);
  g_test_add_func ("/core/composition/changed", test_composition_changed);
  g_test_add_func ("/core/composition/email", test_composition_email);
  g_test_add_func ("/core/composition/two-channels-of-one-kind",
                   test_composition_two_channels_of_one_kind);
  g_test_add_func ("/core/composition/language", test_composition_language);
  g_test_add_func ("/core/composition/rendition-language", test_composition_rendition_language);
  g_test_add_func ("/core/composition/translation-rules", test_composition_translation_rules);
  g_test_add_func ("/core/composition/title-translation", test_composition_title_translation);
  g_test_add_func ("/core/composition/findings-per-language",
                   test_composition_findings_per_language);
  g_test_add_func ("/core/composition/language-without-checks",
                   test_composition_language_without_checks);

  return g_test_run ();
}
