/* test-store-search.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <pango/pango.h>
#include <string.h>

#include "candor-store-private.h"
#include "candor-store-test-seed.h"

typedef struct
{
  CandorStore    *store;
  CandorIncident *payments;
  CandorIncident *login;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) t9 = seed_time (9, 0);
  g_autoptr (GDateTime) t10 = seed_time (10, 0);
  g_autoptr (GDateTime) t11 = seed_time (11, 0);
  g_autoptr (GDateTime) t12 = seed_time (12, 0);
  g_autoptr (CandorUpdate) u1 = NULL;
  g_autoptr (CandorUpdate) u2 = NULL;
  g_autoptr (CandorUpdate) u3 = NULL;
  g_autoptr (CandorUpdate) u4 = NULL;

  fixture->store = candor_store_open (NULL, &error);
  g_assert_no_error (error);

  fixture->payments =
    seed_incident (fixture->store, "Card payments declined", CANDOR_SEVERITY_MAJOR,
                   CANDOR_INCIDENT_STATE_RESOLVED, t9, NULL);
  u1 = seed_update (fixture->store, fixture->payments, CANDOR_UPDATE_KIND_INITIAL, t9, NULL,
                    "Card payments are declined for customers in Europe.");
  u2 = seed_update (fixture->store, fixture->payments, CANDOR_UPDATE_KIND_RESOLUTION, t10, NULL,
                    "Payments work again; the database failover finished.");

  fixture->login = seed_incident (fixture->store, "Вход недоступен", CANDOR_SEVERITY_CRITICAL,
                                  CANDOR_INCIDENT_STATE_INVESTIGATING, t11, NULL);
  candor_incident_set_language (fixture->login, "ru");
  candor_store_save_incident (fixture->store, fixture->login, &error);
  g_assert_no_error (error);
  u3 = seed_update (fixture->store, fixture->login, CANDOR_UPDATE_KIND_INITIAL, t11, NULL,
                    "Пользователи не могут войти; the café database is unreachable.");
  u4 = seed_update (fixture->store, fixture->login, CANDOR_UPDATE_KIND_PROGRESS, t12, NULL,
                    "Sign-in <works> for some users & the database is recovering.");
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->payments);
  g_clear_object (&fixture->login);
  g_assert_finalize_object (fixture->store);
}

static GPtrArray *
search (Fixture                 *fixture,
        const CandorSearchQuery *query,
        guint                    offset,
        guint                    limit,
        gboolean                *has_more)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *hits = candor_store_search (fixture->store, query, offset, limit, has_more, &error);

  g_assert_no_error (error);
  g_assert_nonnull (hits);
  return hits;
}

static guint
count_text (Fixture *fixture, const char *text)
{
  CandorSearchQuery query = CANDOR_SEARCH_QUERY_INIT;
  g_autoptr (GPtrArray) hits = NULL;

  query.text = text;
  hits = search (fixture, &query, 0, 100, NULL);
  return hits->len;
}

static void
test_query_is_never_syntax (void)
{
  const struct
  {
    const char *input;
    const char *expected;
  } cases[] = {
    { "", NULL },
    { "   ", NULL },
    { "\"", NULL },
    { "-", NULL },
    { "*", NULL },
    { "(", NULL },
    { "AND", "\"AND\"*" },
    { "NOT payments", "\"NOT\" AND \"payments\"*" },
    { "col:x", "\"col:x\"*" },
    { "say \"hi\"", "\"say\" AND \"\"\"hi\"\"\"*" },
    { "NEAR(a b)", "\"NEAR(a\" AND \"b)\"*" },
    { "вход ошибка", "\"вход\" AND \"ошибка\"*" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *query = _candor_store_build_fts_query (cases[i].input);

      g_assert_cmpstr (query, ==, cases[i].expected);
    }

  /* Invalid UTF-8 is nothing to search for. */
  g_assert_null (_candor_store_build_fts_query ("\xff\xfe"));
}

static void
test_hostile_input_never_errors (Fixture *fixture, gconstpointer data)
{
  const char *inputs[] = {
    "\"",
    "AND",
    "-",
    "col:x",
    "*",
    "(",
    ")",
    "^",
    "OR OR",
    "NEAR(",
    "\"\"\"",
    "a\"b",
    ":",
    "{}",
    "title:payments",
    "payments*",
    "-payments",
    "'",
    "\\",
    "💥",
    "日本語",
    "",
    " ",
    "%",
    "_",
    "payments AND",
    "NOT",
    "a:b:c",
    "\"unterminated",
    "+",
    "<>",
    "‐‑–—",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    (void)count_text (fixture, inputs[i]);

  /* Operators are words like any other, column filters are text. */
  g_assert_cmpuint (count_text (fixture, "AND"), ==, 0);
  g_assert_cmpuint (count_text (fixture, "title:payments"), ==, 0);
  g_assert_cmpuint (count_text (fixture, "payments*"), >, 0);
  g_assert_cmpuint (count_text (fixture, "\"payments"), >, 0);
}

static void
test_finds_titles_and_sent_text (Fixture *fixture, gconstpointer data)
{
  CandorSearchQuery query = CANDOR_SEARCH_QUERY_INIT;
  g_autoptr (GPtrArray) hits = NULL;
  CandorSearchHit *hit;
  gboolean         saw_title = FALSE;

  query.text = "declined";
  hits = search (fixture, &query, 0, 20, NULL);
  /* The title, and both updates' email and Slack message (which quote the title). */
  g_assert_cmpuint (hits->len, ==, 5);
  for (guint i = 0; i < hits->len; i++)
    {
      hit = hits->pdata[i];
      g_assert_cmpstr (candor_search_hit_get_incident_id (hit), ==,
                       candor_incident_get_id (fixture->payments));
      g_assert_cmpstr (candor_search_hit_get_incident_title (hit), ==, "Card payments declined");
      g_assert_nonnull (strstr (candor_search_hit_get_snippet (hit),
                                CANDOR_SEARCH_MATCH_START "declined" CANDOR_SEARCH_MATCH_END));
      if (candor_search_hit_get_kind (hit) == CANDOR_SEARCH_HIT_INCIDENT)
        {
          saw_title = TRUE;
          g_assert_null (candor_search_hit_get_update_id (hit));
          g_assert_cmpint (candor_search_hit_get_format (hit), ==, -1);
        }
      else
        g_assert_nonnull (candor_search_hit_get_update_id (hit));
      g_assert_cmpint (candor_search_hit_get_severity (hit), ==, CANDOR_SEVERITY_MAJOR);
    }
  g_assert_true (saw_title);
}

static void
test_words_are_anded_last_is_prefix (Fixture *fixture, gconstpointer data)
{
  g_assert_cmpuint (count_text (fixture, "database"), ==, 6);
  g_assert_cmpuint (count_text (fixture, "database failover"), ==, 2);
  g_assert_cmpuint (count_text (fixture, "database fail"), ==, 2);
  g_assert_cmpuint (count_text (fixture, "datab"), ==, 6);
  /* Only the last word is a prefix. */
  g_assert_cmpuint (count_text (fixture, "datab failover"), ==, 0);
  g_assert_cmpuint (count_text (fixture, "DATABASE"), ==, 6);
  /* Cyrillic, and diacritics folded both ways. */
  g_assert_cmpuint (count_text (fixture, "войти"), ==, 2);
  g_assert_cmpuint (count_text (fixture, "вход"), ==, 5);
  g_assert_cmpuint (count_text (fixture, "cafe"), ==, 2);
  g_assert_cmpuint (count_text (fixture, "café"), ==, 2);
}

static void
test_prefix_expansion_matches_fts5 (Fixture *fixture, gconstpointer data)
{
  const char *prefixes[] = {
    "datab", "DATAB", "decl", "café", "CAFE", "войт", "recov", "sign", "fa"
  };
  sqlite3 *db = _candor_store_get_db (fixture->store);

  /* Spelling a prefix out as its terms finds exactly what FTS5's own prefix finds. */
  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      g_autofree char *match = _candor_store_build_fts_query (prefixes[i]);
      sqlite3_stmt    *stmt = NULL;
      guint            expected;

      g_assert_cmpint (sqlite3_prepare_v2 (db,
                                           "SELECT count(*) FROM history_fts"
                                           " WHERE history_fts MATCH ?1",
                                           -1, &stmt, NULL),
                       ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      expected = sqlite3_column_int (stmt, 0);
      sqlite3_finalize (stmt);

      g_assert_cmpuint (expected, >, 0);
      g_assert_cmpuint (count_text (fixture, prefixes[i]), ==, expected);
    }
}

static void
test_newest_first_and_paged (Fixture *fixture, gconstpointer data)
{
  CandorSearchQuery query = CANDOR_SEARCH_QUERY_INIT;
  g_autoptr (GPtrArray) page1 = NULL;
  g_autoptr (GPtrArray) page2 = NULL;
  g_autoptr (GPtrArray) page3 = NULL;
  gboolean has_more = FALSE;

  query.text = "database";
  page1 = search (fixture, &query, 0, 4, &has_more);
  g_assert_cmpuint (page1->len, ==, 4);
  g_assert_true (has_more);
  page2 = search (fixture, &query, 4, 4, &has_more);
  g_assert_cmpuint (page2->len, ==, 2);
  g_assert_false (has_more);
  page3 = search (fixture, &query, 6, 4, &has_more);
  g_assert_cmpuint (page3->len, ==, 0);

  for (guint i = 1; i < page1->len; i++)
    g_assert_cmpint (g_date_time_compare (candor_search_hit_get_at (page1->pdata[i - 1]),
                                          candor_search_hit_get_at (page1->pdata[i])),
                     >=, 0);
  g_assert_cmpint (g_date_time_compare (candor_search_hit_get_at (page1->pdata[3]),
                                        candor_search_hit_get_at (page2->pdata[0])),
                   >=, 0);
}

static void
test_newest_by_time_not_by_recording (Fixture *fixture, gconstpointer data)
{
  CandorSearchQuery query = CANDOR_SEARCH_QUERY_INIT;
  g_autoptr (GDateTime) t8 = seed_time (8, 0);
  g_autoptr (GDateTime) t830 = seed_time (8, 30);
  g_autoptr (GDateTime) from = seed_time (8, 0);
  g_autoptr (GDateTime) until = seed_time (9, 0);
  g_autoptr (CandorIncident) earlier = NULL;
  g_autoptr (CandorUpdate) update = NULL;
  g_autoptr (GPtrArray) hits = NULL;

  /* Recorded last (imported, or written up afterwards), happened first. */
  earlier = seed_incident (fixture->store, "Nightly backup", CANDOR_SEVERITY_MINOR,
                           CANDOR_INCIDENT_STATE_RESOLVED, t8, NULL);
  update = seed_update (fixture->store, earlier, CANDOR_UPDATE_KIND_INITIAL, t830, NULL,
                        "The database backup is late.");

  query.text = "database";
  hits = search (fixture, &query, 0, 20, NULL);
  g_assert_cmpuint (hits->len, ==, 8);
  g_assert_true (g_date_time_equal (candor_search_hit_get_at (hits->pdata[7]), t830));
  g_clear_pointer (&hits, g_ptr_array_unref);

  query.from = from;
  query.until = until;
  hits = search (fixture, &query, 0, 20, NULL);
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_cmpstr (candor_search_hit_get_incident_title (hits->pdata[0]), ==, "Nightly backup");
}

static void
test_filters (Fixture *fixture, gconstpointer data)
{
  CandorSearchQuery query = CANDOR_SEARCH_QUERY_INIT;
  g_autoptr (GDateTime) from = seed_time (11, 30);
  g_autoptr (GDateTime) until = seed_time (11, 30);
  GPtrArray *hits;

  query.text = "database";
  query.format = CANDOR_DIALECT_SLACK;
  hits = search (fixture, &query, 0, 20, NULL);
  g_assert_cmpuint (hits->len, ==, 3);
  for (guint i = 0; i < hits->len; i++)
    g_assert_cmpint (candor_search_hit_get_format (hits->pdata[i]), ==, CANDOR_DIALECT_SLACK);
  g_ptr_array_unref (hits);

  query.format = -1;
  query.audience = "customers";
  hits = search (fixture, &query, 0, 20, NULL);
  g_assert_cmpuint (hits->len, ==, 3);
  g_assert_cmpstr (candor_search_hit_get_audience (hits->pdata[0]), ==, "customers");
  g_ptr_array_unref (hits);

  query.audience = NULL;
  query.severity = CANDOR_SEVERITY_CRITICAL;
  hits = search (fixture, &query, 0, 20, NULL);
  g_assert_cmpuint (hits->len, ==, 4);
  g_ptr_array_unref (hits);

  query.severity = -1;
  query.state = CANDOR_INCIDENT_STATE_RESOLVED;
  hits = search (fixture, &query, 0, 20, NULL);
  g_assert_cmpuint (hits->len, ==, 2);
  g_ptr_array_unref (hits);

  query.state = -1;
  query.from = from;
  hits = search (fixture, &query, 0, 20, NULL);
  g_assert_cmpuint (hits->len, ==, 2); /* the 12:00 update's two renditions */
  g_ptr_array_unref (hits);

  query.from = NULL;
  query.until = until;
  hits = search (fixture, &query, 0, 20, NULL);
  g_assert_cmpuint (hits->len, ==, 4);
  g_ptr_array_unref (hits);

  /* Incident hits carry the incident's language, renditions their own. */
  query.until = NULL;
  query.text = "вход";
  query.language = "ru";
  hits = search (fixture, &query, 0, 20, NULL);
  g_assert_cmpuint (hits->len, ==, 1);
  g_ptr_array_unref (hits);
  query.language = "en";
  hits = search (fixture, &query, 0, 20, NULL);
  g_assert_cmpuint (hits->len, ==, 4);
  g_ptr_array_unref (hits);
}

static void
test_snippet_markup_is_escaped (Fixture *fixture, gconstpointer data)
{
  CandorSearchQuery query = CANDOR_SEARCH_QUERY_INIT;
  g_autoptr (GPtrArray) hits = NULL;
  g_autofree char *markup = NULL;

  query.text = "works";
  query.format = CANDOR_DIALECT_SLACK;
  hits = search (fixture, &query, 0, 20, NULL);
  g_assert_cmpuint (hits->len, ==, 1);
  markup = candor_search_hit_get_snippet_markup (hits->pdata[0]);
  g_assert_nonnull (strstr (markup, "Sign-in &lt;<b>works</b>&gt; for some users &amp; the"));
  g_assert_true (pango_parse_markup (markup, -1, 0, NULL, NULL, NULL, NULL));

  g_free (g_steal_pointer (&markup));
  markup =
    candor_search_snippet_to_markup ("a " CANDOR_SEARCH_MATCH_START "<b>" CANDOR_SEARCH_MATCH_END
                                     " " CANDOR_SEARCH_MATCH_START "open");
  g_assert_cmpstr (markup, ==, "a <b>&lt;b&gt;</b> open");
}

static void
test_index_follows_changes (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  sqlite3         *db = _candor_store_get_db (fixture->store);
  g_autofree char *sql = NULL;

  candor_incident_set_title (fixture->payments, "Card payments rejected");
  candor_store_save_incident (fixture->store, fixture->payments, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_text (fixture, "rejected"), ==, 1);
  g_assert_cmpuint (count_text (fixture, "declined"), ==, 4); /* what was sent still says it */

  sql = g_strdup_printf ("DELETE FROM incidents WHERE id = '%s'",
                         candor_incident_get_id (fixture->payments));
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpuint (count_text (fixture, "declined"), ==, 0);
  g_assert_cmpuint (count_text (fixture, "database"), ==, 4);

  /* The index agrees with its content, row for row. */
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO history_fts (history_fts, rank)"
                                 " VALUES ('integrity-check', 1)",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/store/search/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/store/search/query-is-never-syntax", test_query_is_never_syntax);
  ADD ("hostile-input-never-errors", test_hostile_input_never_errors);
  ADD ("finds-titles-and-sent-text", test_finds_titles_and_sent_text);
  ADD ("words-are-anded-last-is-prefix", test_words_are_anded_last_is_prefix);
  ADD ("prefix-expansion-matches-fts5", test_prefix_expansion_matches_fts5);
  ADD ("newest-first-and-paged", test_newest_first_and_paged);
  ADD ("newest-by-time-not-by-recording", test_newest_by_time_not_by_recording);
  ADD ("filters", test_filters);
  ADD ("snippet-markup-is-escaped", test_snippet_markup_is_escaped);
  ADD ("index-follows-changes", test_index_follows_changes);

#undef ADD

  return g_test_run ();
}
