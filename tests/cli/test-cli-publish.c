/* test-cli-publish.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "candor-test-cli.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "candor-fake-discord.h"
#include "candor-fake-mattermost.h"

/* Recognisable wherever it would leak to. */
#define PLANTED "pq4Planted8Secret"

/* Two channels on fakes of their services, and a draft whose one audience
 * reaches both. */
typedef struct
{
  CandorFakeMattermost *mattermost;
  CandorFakeDiscord    *discord;
  char                 *draft;
} Fixture;

static void
add_channel (const char *kind, const char *name, const char *secret)
{
  g_auto (CandorTestCliRun) run = { 0 };

  candor_test_cli_run (&run, secret, "channels", "add", kind, name, NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
}

static void
write_draft (Fixture *fixture)
{
  g_autofree char *source =
    g_test_build_filename (G_TEST_DIST, "data", "drafts", "minimal-initial-en.json", NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (JsonNode) channels = json_from_string ("[\"ops-chat\", \"ops-discord\"]", NULL);
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (GError) error = NULL;
  JsonObject *audience = json_object_new ();
  JsonArray  *audiences = json_array_new ();

  json_parser_load_from_file (parser, source, &error);
  g_assert_no_error (error);
  json_object_set_string_member (audience, "id", "technical");
  json_object_set_string_member (audience, "name", "Technical");
  json_object_set_member (audience, "channels", g_steal_pointer (&channels));
  json_array_add_object_element (audiences, audience);
  json_object_set_array_member (json_node_get_object (json_parser_get_root (parser)), "audiences",
                                audiences);

  g_assert_no_errno (g_mkdir_with_parents (g_get_user_config_dir (), 0700));
  fixture->draft = g_build_filename (g_get_user_config_dir (), "draft.json", NULL);
  json_generator_set_root (generator, json_parser_get_root (parser));
  json_generator_to_file (generator, fixture->draft, &error);
  g_assert_no_error (error);
}

/* The fakes, the draft, and a channel on each fake; the Mattermost one's
 * webhook URL ends in @mattermost_key. */
static void
fixture_set_up (Fixture *fixture, const char *mattermost_key)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *mattermost_url = NULL;
  g_autofree char *discord_url = NULL;

  fixture->mattermost = candor_fake_mattermost_new (NULL, PLANTED, &error);
  g_assert_no_error (error);
  fixture->discord = candor_fake_discord_new (NULL, "1001", PLANTED, "2002", &error);
  g_assert_no_error (error);
  write_draft (fixture);

  mattermost_url = g_strdup_printf (
    "%s/hooks/%s", candor_fake_server_get_url (CANDOR_FAKE_SERVER (fixture->mattermost)),
    mattermost_key);
  discord_url = candor_fake_discord_get_webhook_url (fixture->discord);
  add_channel ("mattermost", "Ops chat", mattermost_url);
  add_channel ("discord", "Ops Discord", discord_url);
}

static void
fixture_clear (Fixture *fixture)
{
  g_clear_object (&fixture->mattermost);
  g_clear_object (&fixture->discord);
  g_clear_pointer (&fixture->draft, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Fixture, fixture_clear)

static guint
n_accepted (gpointer fake)
{
  return candor_fake_server_get_accepted (CANDOR_FAKE_SERVER (fake))->len;
}

static void
assert_no_secret (const CandorTestCliRun *run)
{
  g_assert_null (strstr (run->out, PLANTED));
  g_assert_null (strstr (run->err, PLANTED));
}

/* Every file the runs left in the test's own home, data, config and cache
 * folders: none holds the secret, the history's database included. */
static void
assert_no_secret_in_files (GFile *folder)
{
  g_autoptr (GFileEnumerator) children = NULL;
  g_autoptr (GError) error = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (
    folder, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
    G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, &error);
  g_assert_no_error (error);
  while ((info = g_file_enumerator_next_file (children, NULL, &error)) != NULL)
    {
      g_autoptr (GFileInfo) owned = info;
      g_autoptr (GFile) child = g_file_get_child (folder, g_file_info_get_name (info));
      g_autofree char *contents = NULL;
      gsize            length;

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        {
          assert_no_secret_in_files (child);
          continue;
        }
      if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
        continue;
      g_assert_true (g_file_load_contents (child, NULL, &contents, &length, NULL, &error));
      g_assert_null (g_strstr_len (contents, length, PLANTED));
    }
  g_assert_no_error (error);
}

static void
test_dry_run (void)
{
  g_auto (Fixture) fixture = { 0 };
  g_auto (CandorTestCliRun) dry = { 0 };
  g_auto (CandorTestCliRun) one = { 0 };
  g_auto (CandorTestCliRun) render = { 0 };
  g_auto (CandorTestCliRun) json = { 0 };
  g_auto (CandorTestCliRun) history = { 0 };
  g_autofree char *draft_option = NULL;
  g_auto (GStrv) lines = NULL;

  fixture_set_up (&fixture, PLANTED);
  draft_option = g_strconcat ("--draft=", fixture.draft, NULL);

  candor_test_cli_run (&dry, NULL, "publish", draft_option, "--dry-run", NULL);
  g_assert_cmpint (dry.status, ==, 0);
  g_assert_true (g_str_has_prefix (dry.out, "==> technical / ops-chat <==\n"));
  g_assert_nonnull (strstr (dry.out, "\n==> technical / ops-discord <==\n"));

  /* One channel prints exactly what `render` prints for its kind. */
  candor_test_cli_run (&one, NULL, "publish", draft_option, "--dry-run", "--channel=ops-chat",
                       NULL);
  candor_test_cli_run (&render, NULL, "render", draft_option, "--audience=technical",
                       "--format=mattermost", NULL);
  g_assert_cmpint (one.status, ==, 0);
  g_assert_cmpint (render.status, ==, 0);
  g_assert_cmpstr (one.out, ==, render.out);

  candor_test_cli_run (&json, NULL, "publish", draft_option, "--dry-run", "--json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  lines = g_strsplit (g_strchomp (json.out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr (JsonNode) node = json_from_string (lines[i], NULL);

      g_assert_nonnull (node);
      g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "channel"), ==,
                       i == 0 ? "ops-chat" : "ops-discord");
    }

  /* Nothing went out and nothing was recorded. */
  g_assert_cmpuint (candor_fake_server_get_request_count (CANDOR_FAKE_SERVER (fixture.mattermost)),
                    ==, 0);
  g_assert_cmpuint (candor_fake_server_get_request_count (CANDOR_FAKE_SERVER (fixture.discord)), ==,
                    0);
  candor_test_cli_run (&history, NULL, "history", "list", NULL);
  g_assert_cmpstr (history.out, ==, "");
}

static void
test_publish_to_two (void)
{
  g_auto (Fixture) fixture = { 0 };
  g_auto (CandorTestCliRun) run = { 0 };
  g_auto (CandorTestCliRun) search = { 0 };
  g_autofree char *draft_option = NULL;
  g_autofree char *dirs = g_path_get_dirname (g_get_user_data_dir ());
  g_autoptr (GFile) home = g_file_new_for_path (dirs);
  g_auto (GStrv) lines = NULL;

  fixture_set_up (&fixture, PLANTED);
  draft_option = g_strconcat ("--draft=", fixture.draft, NULL);

  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  candor_test_cli_run (&run, NULL, "publish", draft_option, "--json", NULL);
  g_unsetenv ("G_MESSAGES_DEBUG");
  g_assert_cmpint (run.status, ==, 0);
  assert_no_secret (&run);
  assert_no_secret_in_files (home);

  /* Each fake took the post once, and each channel says it was sent. */
  g_assert_cmpuint (n_accepted (fixture.mattermost), ==, 1);
  g_assert_cmpuint (n_accepted (fixture.discord), ==, 1);
  lines = g_strsplit (g_strchomp (run.out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr (JsonNode) node = json_from_string (lines[i], NULL);
      JsonObject *publication = json_node_get_object (node);

      g_assert_cmpstr (json_object_get_string_member (publication, "state"), ==, "sent");
      g_assert_cmpstr (json_object_get_string_member (publication, "audience"), ==, "technical");
    }

  candor_test_cli_run (&search, NULL, "history", "search", "seconds", NULL);
  g_assert_cmpint (search.status, ==, 0);
  g_assert_nonnull (strstr (search.out, "Login page slow to load"));
}

#define BILINGUAL_ID "5a0c2e4b-7d19-4f3a-9b8e-1c6d2f7a8e90"

/* The bilingual draft as one incident whose English audience is on the
 * Mattermost channel and whose Russian one on Discord; without its Russian
 * text when @translated is FALSE. Returns the --draft option. */
/* @translated: the update's Russian text and the Russian title; @titled:
 * the Russian title alone, when the update is translated. */
static char *
write_bilingual_draft_with (gboolean translated, gboolean titled)
{
  g_autofree char *source =
    g_test_build_filename (G_TEST_DIST, "data", "bilingual-initial.json", NULL);
  g_autofree char *path = g_build_filename (g_get_user_config_dir (),
                                            !translated ? "untranslated.json"
                                            : titled    ? "bilingual.json"
                                                        : "untitled.json",
                                            NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (GError) error = NULL;
  JsonObject *root;
  JsonArray  *audiences;

  json_parser_load_from_file (parser, source, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  json_object_set_string_member (json_object_get_object_member (root, "incident"), "id",
                                 BILINGUAL_ID);
  if (!translated)
    json_object_remove_member (json_object_get_object_member (root, "update"), "translations");
  if (!titled)
    json_object_remove_member (json_object_get_object_member (root, "incident"),
                               "title-translations");
  audiences = json_object_get_array_member (root, "audiences");
  json_object_set_member (json_array_get_object_element (audiences, 0), "channels",
                          json_from_string ("[\"ops-chat\"]", NULL));
  json_object_set_member (json_array_get_object_element (audiences, 1), "channels",
                          json_from_string ("[\"ops-discord\"]", NULL));

  g_assert_no_errno (g_mkdir_with_parents (g_get_user_config_dir (), 0700));
  json_generator_set_root (generator, json_parser_get_root (parser));
  json_generator_to_file (generator, path, &error);
  g_assert_no_error (error);

  return g_strconcat ("--draft=", path, NULL);
}

static char *
write_bilingual_draft (gboolean translated)
{
  return write_bilingual_draft_with (translated, TRUE);
}

/* Publishing sends every language's renditions; an audience whose language
 * has no text stops it until the text is written or the author chooses to
 * send the primary text; the history keeps each rendition's language. */
static void
test_publish_languages (void)
{
  g_auto (Fixture) fixture = { 0 };
  g_auto (CandorTestCliRun) refused = { 0 };
  g_auto (CandorTestCliRun) primary = { 0 };
  g_auto (CandorTestCliRun) both = { 0 };
  g_auto (CandorTestCliRun) list = { 0 };
  g_auto (CandorTestCliRun) search_ru = { 0 };
  g_auto (CandorTestCliRun) search_en = { 0 };
  g_auto (CandorTestCliRun) export_ru = { 0 };
  g_auto (CandorTestCliRun) show = { 0 };
  g_autofree char *untranslated = NULL;
  g_autofree char *translated = NULL;
  g_autoptr (JsonNode) listed = NULL;
  g_autoptr (JsonNode) exported = NULL;
  g_auto (GStrv) lines = NULL;
  JsonArray *updates;

  fixture_set_up (&fixture, PLANTED);
  untranslated = write_bilingual_draft (FALSE);
  translated = write_bilingual_draft (TRUE);

  /* The Russian audience has no Russian text: nothing goes out, and the
   * author is told which audience lacks what, and the two ways on. */
  candor_test_cli_run (&refused, NULL, "publish", untranslated, NULL);
  g_assert_cmpint (refused.status, ==, 1);
  g_assert_cmpstr (refused.out, ==, "");
  g_assert_nonnull (strstr (refused.err, "the audience 'klienty' reads ru, and the draft has no "
                                         "text at all in ru\n"));
  g_assert_nonnull (strstr (refused.err, "--send-primary=ru"));
  g_assert_cmpuint (candor_fake_server_get_request_count (CANDOR_FAKE_SERVER (fixture.mattermost)),
                    ==, 0);
  g_assert_cmpuint (candor_fake_server_get_request_count (CANDOR_FAKE_SERVER (fixture.discord)), ==,
                    0);

  /* The text is in Russian, the incident title is not: that is named too. */
  {
    g_autofree char *untitled = write_bilingual_draft_with (TRUE, FALSE);
    g_auto (CandorTestCliRun) no_title = { 0 };

    candor_test_cli_run (&no_title, NULL, "publish", untitled, NULL);
    g_assert_cmpint (no_title.status, ==, 1);
    g_assert_nonnull (strstr (no_title.err, "the audience 'klienty' reads ru, and the draft has no "
                                            "incident title in ru\n"));
    g_assert_cmpuint (candor_fake_server_get_request_count (CANDOR_FAKE_SERVER (fixture.discord)),
                      ==, 0);
  }

  /* Sending the primary text on purpose. */
  candor_test_cli_run (&primary, NULL, "publish", untranslated, "--send-primary=ru", NULL);
  g_assert_cmpint (primary.status, ==, 0);
  g_assert_nonnull (strstr (primary.out, "ops-chat\tcustomers\tsent\t"));
  g_assert_nonnull (strstr (primary.out, "ops-discord\tklienty\tsent\t"));
  g_assert_cmpuint (n_accepted (fixture.mattermost), ==, 1);
  g_assert_cmpuint (n_accepted (fixture.discord), ==, 1);

  /* Written in both: both go out at once, each in its language. */
  candor_test_cli_run (&both, NULL, "publish", translated, "--json", NULL);
  g_assert_cmpint (both.status, ==, 0);
  g_assert_cmpstr (both.err, ==, "");
  lines = g_strsplit (g_strchomp (both.out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr (JsonNode) node = json_from_string (lines[i], NULL);
      JsonObject *publication = json_node_get_object (node);

      g_assert_cmpstr (
        json_object_get_string_member (publication, "language"), ==,
        g_str_equal (json_object_get_string_member (publication, "audience"), "klienty") ? "ru"
                                                                                         : "en");
    }
  g_assert_cmpuint (n_accepted (fixture.mattermost), ==, 2);
  g_assert_cmpuint (n_accepted (fixture.discord), ==, 2);

  candor_test_cli_run (&list, NULL, "history", "list", "--json", NULL);
  listed = json_from_string (list.out, NULL);
  g_assert_nonnull (listed);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (listed)), ==, 1);
  g_assert_cmpstr (
    json_array_get_string_element (
      json_object_get_array_member (json_array_get_object_element (json_node_get_array (listed), 0),
                                    "other-languages"),
      0),
    ==, "ru");

  /* Search finds either language; the filter tells them apart. */
  candor_test_cli_run (&search_ru, NULL, "history", "search", "исправим", "--language=ru", NULL);
  g_assert_cmpint (search_ru.status, ==, 0);
  g_assert_nonnull (strstr (search_ru.out, "klienty"));
  candor_test_cli_run (&search_en, NULL, "history", "search", "исправим", "--language=en", NULL);
  g_assert_cmpint (search_en.status, ==, 0);
  g_assert_cmpstr (search_en.out, ==, "");

  /* The incident's page names its languages and each message's: the first
   * went to the Russian audience in English, on purpose. */
  candor_test_cli_run (&show, NULL, "history", "show", BILINGUAL_ID, NULL);
  g_assert_cmpint (show.status, ==, 0);
  g_assert_nonnull (strstr (show.out, "  Languages:     en, ru\n"));
  g_assert_nonnull (strstr (show.out, "    customers · mattermost · en\n"));
  g_assert_nonnull (strstr (show.out, "    klienty · discord · en\n"));
  g_assert_nonnull (strstr (show.out, "    klienty · discord · ru\n"));

  /* The Russian export: what went out in Russian, the second message only,
   * with the update's fields as they read in Russian. */
  candor_test_cli_run (&export_ru, NULL, "history", "export", BILINGUAL_ID, "--format=json",
                       "--lang=ru", NULL);
  g_assert_cmpint (export_ru.status, ==, 0);
  exported = json_from_string (export_ru.out, NULL);
  g_assert_nonnull (exported);
  updates = json_object_get_array_member (json_node_get_object (exported), "updates");
  g_assert_cmpuint (json_array_get_length (updates), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_array_get_object_element (updates, 0), "renditions")),
                    ==, 0);
  {
    JsonObject *second = json_array_get_object_element (updates, 1);
    JsonArray  *renditions = json_object_get_array_member (second, "renditions");

    g_assert_cmpuint (json_array_get_length (renditions), ==, 1);
    g_assert_cmpstr (
      json_object_get_string_member (json_array_get_object_element (renditions, 0), "audience"), ==,
      "klienty");
    g_assert_nonnull (
      strstr (json_object_get_string_member (json_array_get_object_element (renditions, 0), "body"),
              "Мы сообщим"));
    g_assert_cmpstr (json_object_get_string_member (
                       json_object_get_object_member (second, "fields"), "next-update"),
                     ==, "Мы сообщим, как только всё исправим.");
  }
}

static void
test_refused (void)
{
  g_auto (Fixture) fixture = { 0 };
  g_auto (CandorTestCliRun) run = { 0 };
  g_autofree char *draft_option = NULL;

  /* The Mattermost channel's webhook key is not the one the service knows. */
  fixture_set_up (&fixture, "wrong-key");
  draft_option = g_strconcat ("--draft=", fixture.draft, NULL);

  candor_test_cli_run (&run, NULL, "publish", draft_option, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.out, "ops-chat\ttechnical\tfailed\t"));
  g_assert_nonnull (strstr (run.out, "ops-discord\ttechnical\tsent\t"));
  /* The service's own words, on the line of its channel. */
  g_assert_nonnull (strstr (run.err, "ops-chat: "));
  g_assert_nonnull (strstr (run.err, "Invalid webhook"));
  g_assert_cmpuint (n_accepted (fixture.mattermost), ==, 0);
  g_assert_cmpuint (n_accepted (fixture.discord), ==, 1);
}

static gboolean
discord_took_it (gpointer user_data)
{
  Fixture *fixture = user_data;

  return n_accepted (fixture->discord) == 1 &&
         candor_fake_server_get_request_count (CANDOR_FAKE_SERVER (fixture->mattermost)) == 1;
}

/* Ctrl+C while Mattermost asks to wait a minute: Discord already has the
 * post, Mattermost's is not sent (and never goes out), both are reported and
 * recorded, and the status is the shell's for Ctrl+C. */
static void
test_interrupted (void)
{
  g_auto (Fixture) fixture = { 0 };
  g_auto (CandorTestCliRun) run = { 0 };
  g_autofree char *draft_option = NULL;
  g_autoptr (GTimer) timer = g_timer_new ();

  fixture_set_up (&fixture, PLANTED);
  draft_option = g_strconcat ("--draft=", fixture.draft, NULL);
  candor_fake_server_fail_next (CANDOR_FAKE_SERVER (fixture.mattermost), 1, 429, 60);

  candor_test_cli_run_interrupted (&run, discord_took_it, &fixture, "publish", draft_option, NULL);
  g_assert_cmpint (run.status, ==, 130);
  /* It stopped at once rather than waiting out the minute. */
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 30);
  g_assert_nonnull (strstr (run.out, "ops-chat\ttechnical\tfailed\t"));
  g_assert_nonnull (strstr (run.out, "ops-discord\ttechnical\tsent\t"));
  g_assert_nonnull (strstr (run.err, "stopping"));
  g_assert_cmpuint (n_accepted (fixture.mattermost), ==, 0);
  g_assert_cmpuint (n_accepted (fixture.discord), ==, 1);
}

static void
test_mark_sent (void)
{
  g_auto (Fixture) fixture = { 0 };
  g_auto (CandorTestCliRun) run = { 0 };
  g_auto (CandorTestCliRun) search = { 0 };
  g_autofree char *draft_option = NULL;

  fixture_set_up (&fixture, PLANTED);
  draft_option = g_strconcat ("--draft=", fixture.draft, NULL);

  candor_test_cli_run (&run, NULL, "publish", draft_option, "--mark-sent", "--channel=ops-chat",
                       NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "ops-chat\ttechnical\tsent\t-\n");

  /* Recorded, and no request went anywhere. */
  g_assert_cmpuint (candor_fake_server_get_request_count (CANDOR_FAKE_SERVER (fixture.mattermost)),
                    ==, 0);
  g_assert_cmpuint (candor_fake_server_get_request_count (CANDOR_FAKE_SERVER (fixture.discord)), ==,
                    0);
  candor_test_cli_run (&search, NULL, "history", "search", "seconds", NULL);
  g_assert_cmpint (search.status, ==, 0);
  g_assert_nonnull (strstr (search.out, "Login page slow to load"));
}

static void
test_usage_errors (void)
{
  g_auto (Fixture) fixture = { 0 };
  g_autofree char *draft_option = NULL;

  fixture_set_up (&fixture, PLANTED);
  draft_option = g_strconcat ("--draft=", fixture.draft, NULL);

  {
    const struct
    {
      const char *args[4];
      const char *message;
    } cases[] = {
      { { NULL }, "missing file operand" },
      { { draft_option, "--dry-run", "--mark-sent", NULL }, "exclude each other" },
      { { draft_option, "--channel=nowhere", NULL }, "goes to the channel 'nowhere'" },
      { { draft_option, "extra", NULL }, "extra operand 'extra'" },
      { { "--draft=/nonexistent/draft.json", NULL }, "draft.json" },
      { { draft_option, "--quiet", NULL }, "unrecognized option '--quiet'" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_auto (CandorTestCliRun) run = { 0 };

        candor_test_cli_run (&run, NULL, "publish", cases[i].args[0], cases[i].args[1],
                             cases[i].args[2], NULL);
        g_assert_cmpint (run.status, ==, 2);
        g_assert_cmpstr (run.out, ==, "");
        g_assert_nonnull (strstr (run.err, cases[i].message));
      }
  }

  g_assert_cmpuint (candor_fake_server_get_request_count (CANDOR_FAKE_SERVER (fixture.mattermost)),
                    ==, 0);
}

/* With no channel configured, the draft's channels are no one's. */
static void
test_no_channel (void)
{
  g_auto (Fixture) fixture = { 0 };
  g_auto (CandorTestCliRun) run = { 0 };
  g_autofree char *draft_option = NULL;

  write_draft (&fixture);
  draft_option = g_strconcat ("--draft=", fixture.draft, NULL);

  candor_test_cli_run (&run, NULL, "publish", draft_option, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, "no audience of the draft goes to a configured channel"));
}

static void
test_help (void)
{
  g_auto (CandorTestCliRun) run = { 0 };

  candor_test_cli_run (&run, NULL, "publish", "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "--dry-run"));
  g_assert_nonnull (strstr (run.out, "--mark-sent"));
  g_assert_nonnull (strstr (run.out, "1 when something was not sent"));
}

int
main (int argc, char *argv[])
{
  /* The isolated data folders hold no system GSettings schemas, which the
   * GNOME proxy resolver of the commands' HTTP would abort without; the
   * fakes are on loopback, where no proxy is wanted anyway. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* While G_MESSAGES_DEBUG is set for a command, the fakes' own debug
   * messages must not mix with the TAP on standard output. */
  g_log_writer_default_set_use_stderr (TRUE);

  g_test_add_func ("/cli/publish/dry-run", test_dry_run);
  g_test_add_func ("/cli/publish/two-channels", test_publish_to_two);
  g_test_add_func ("/cli/publish/refused", test_refused);
  g_test_add_func ("/cli/publish/languages", test_publish_languages);
  g_test_add_func ("/cli/publish/interrupted", test_interrupted);
  g_test_add_func ("/cli/publish/mark-sent", test_mark_sent);
  g_test_add_func ("/cli/publish/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/publish/no-channel", test_no_channel);
  g_test_add_func ("/cli/publish/help", test_help);

  return g_test_run ();
}
