/* test-checker-lists.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "candor-checker-private.h"

/* The checks files as data: what a bad one is told, and how the phrase
 * lists' entries run alone, only on a text that has the words a match needs
 * (src/core/candor-checker-prefilter.c), finding exactly what the joined
 * regex would. */

static CandorChecker *
checker_for (const char *language)
{
  g_autoptr (GError) error = NULL;
  CandorChecker *checker = candor_checker_new (language, &error);

  g_assert_no_error (error);
  return checker;
}

/* The phrase lists' entries run one by one where a text may match them;
 * what they find must be what their joined regex finds: of matches that
 * start at the same place the first entry's (those at a word boundary come
 * first, as in the joined regex), and nothing inside a match found before. */
static void
test_checker_entries_find_as_joined (void)
{
  static const char json[] =
    "{\"language\": \"en\", \"blame\": [\"qux\", \"\\\\bfoo bar\\\\b\", \"\\\\bfoo\\\\b\","
    " \"\\\\bbar baz\\\\b\", \"\\\\bqux zap\"], \"guilt\": [\"x^\"],"
    " \"promise\": [\"x^\"], \"promise-after-resolution\": [\"x^\"], \"jargon\": [\"x^\"],"
    " \"jargon-acronyms\": [\"FOO\"], \"hedges\": [\"x^\"], \"negations\": [\"x^\"],"
    " \"lasting-consequences\": [\"x^\"], \"patience\": [\"x^\"], \"next-update\": [\"x^\"],"
    " \"timeline\": [\"x^\"], \"impact\": [\"x^\"], \"contact\": [\"x^\"],"
    " \"next-update-message\": [\"x^\"], \"root-cause\": [\"x^\"],"
    " \"actions-taken\": [\"x^\"], \"actions-planned\": [\"x^\"], \"ownership\": [\"x^\"],"
    " \"promised-time\": [\"x^\"]}";
  static const char *const quotes[] = { "foo bar", "bar baz", "FOO", "qux", "qux zap" };
  g_autoptr (GBytes) bytes = g_bytes_new_static (json, strlen (json));
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorChecker) checker = candor_checker_new_from_bytes ("en", bytes, &error);
  g_autoptr (GPtrArray) findings = NULL;

  g_assert_no_error (error);
  findings =
    candor_checker_check_text (checker, CANDOR_FINDING_WHOLE_MESSAGE,
                               "A foo bar baz. Then bar baz. Then FOO. Then Xqux. Then qux zap.",
                               CANDOR_UPDATE_KIND_INITIAL, FALSE);

  g_assert_cmpuint (findings->len, ==, G_N_ELEMENTS (quotes));
  for (guint i = 0; i < findings->len; i++)
    g_assert_cmpstr (candor_finding_get_quote (g_ptr_array_index (findings, i)), ==, quotes[i]);
}

/* Where an entry that runs alone matches a text, its condition holds:
 * else the entry would not run there and its finding would be lost. On
 * every text of the four corpora, in capitals too, and with its spaces
 * doubled and broken across lines. */
static void
test_checker_conditions_hold_where_entries_match (void)
{
  static const char *const corpora[] = {
    "checks-corpus.json",
    "checks-corpus-held-out.json",
    "checks-corpus-held-out-2.json",
    "checks-corpus-held-out-3.json",
    "checks-corpus-held-out-4.json",
    "checks-corpus-held-out-5.json",
    "checks-corpus-held-out-7.json",
  };
  g_autoptr (CandorChecker) english = checker_for ("en");
  g_autoptr (CandorChecker) russian = checker_for ("ru");
  guint matched = 0;

  for (guint c = 0; c < G_N_ELEMENTS (corpora); c++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", corpora[c], NULL);
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (GError) error = NULL;
      JsonArray *items;

      json_parser_load_from_file (parser, path, &error);
      g_assert_no_error (error);
      items = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                            "items");

      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonObject    *item = json_array_get_object_element (items, i);
          const char    *text = json_object_get_string_member (item, "text");
          CandorChecker *checker =
            g_str_equal (json_object_get_string_member (item, "lang"), "ru") ? russian : english;
          g_autoptr (GString) spaced = g_string_new (text);
          char *variants[3];

          g_string_replace (spaced, " ", "  \n ", 0);
          variants[0] = g_strdup (text);
          variants[1] = g_utf8_strup (text, -1);
          variants[2] = g_strdup (spaced->str);

          for (guint v = 0; v < G_N_ELEMENTS (variants); v++)
            {
              CheckGrams grams;

              _candor_checker_fold_yo (variants[v]);
              _candor_checker_grams_init (&grams, variants[v], strlen (variants[v]));
              for (guint list = 0; list < N_LISTS; list++)
                {
                  for (guint e = 0;
                       checker->entries[list] != NULL && e < checker->entries[list]->len; e++)
                    {
                      CheckEntry *entry = &g_array_index (checker->entries[list], CheckEntry, e);

                      if (!g_regex_match (entry->regex, variants[v], 0, NULL))
                        continue;
                      matched++;
                      if (!_candor_checker_condition_holds (entry->condition, &grams))
                        g_error ("%s: the condition of “%s” does not hold where it matches",
                                 variants[v], g_regex_get_pattern (entry->regex));
                    }
                }
              _candor_checker_grams_clear (&grams);
              g_free (variants[v]);
            }
        }
    }

  /* The corpora have matches for the test to be about. */
  g_assert_cmpuint (matched, >, 100);
}

/* Each code point of @text matched by @pattern (caseless), as code points. */
static GArray *
matched_chars (const char *pattern, const char *text, gsize length)
{
  g_autoptr (GRegex) regex = g_regex_new (pattern, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
  g_autoptr (GMatchInfo) match_info = NULL;
  GArray *chars = g_array_new (FALSE, FALSE, sizeof (gunichar));

  g_assert_nonnull (regex);
  g_regex_match_full (regex, text, length, 0, 0, &match_info, NULL);
  for (; g_match_info_matches (match_info); g_match_info_next (match_info, NULL))
    {
      int      start, end;
      gunichar c;

      g_assert_true (g_match_info_fetch_pos (match_info, 0, &start, &end));
      c = g_utf8_get_char (text + start);
      g_array_append_val (chars, c);
    }

  return chars;
}

/* What the entries' conditions look for in a text is folded as caseless
 * matching folds it: the fold must agree with GRegex (PCRE2) on every code
 * point, or a condition could hold back a text the regex matches. */
static void
test_checker_fold_as_regex (void)
{
  g_autoptr (GString) all = g_string_new (NULL);
  g_autoptr (GArray) kept = NULL;
  g_autoptr (GArray) spaces = NULL;

  /* Every code point but NUL and the surrogates, one after the other. */
  for (gunichar c = 1; c <= 0x10FFFF; c++)
    {
      if (c < 0xD800 || c > 0xDFFF)
        g_string_append_unichar (all, c);
    }

  /* A character caselessly like an ASCII or basic Cyrillic one folds as it does. */
  kept = matched_chars ("[\\x{1}-\\x{7f}\\x{400}-\\x{45f}]", all->str, all->len);
  for (gunichar pattern_char = 1; pattern_char <= 0x45F; pattern_char++)
    {
      g_autofree char *pattern = NULL;
      g_autoptr (GRegex) regex = NULL;

      if (pattern_char >= 0x80 && pattern_char < 0x400)
        continue;
      pattern = g_strdup_printf ("^\\x{%x}$", pattern_char);
      regex = g_regex_new (pattern, G_REGEX_CASELESS, 0, NULL);
      for (guint i = 0; i < kept->len; i++)
        {
          gunichar text_char = g_array_index (kept, gunichar, i);
          char     utf8[8] = { 0 };

          g_unichar_to_utf8 (text_char, utf8);
          if (g_regex_match (regex, utf8, 0, NULL))
            g_assert_cmphex (_candor_checker_fold_char (text_char), ==,
                             _candor_checker_fold_char (pattern_char));
        }
    }

  /* What \s matches is a space to them. */
  spaces = matched_chars ("\\s", all->str, all->len);
  for (guint i = 0; i < spaces->len; i++)
    g_assert_true (_candor_checker_is_space (g_array_index (spaces, gunichar, i)));
}

static void
test_checker_errors (void)
{
  const struct
  {
    const char *json;
    const char *message_part;
  } bad_files[] = {
    { "{\"language\": \"en\", ", "line 1" },
    { "[]", "object" },
    { "{\"language\": \"de\"}", "“de”" },
    { "{\"language\": \"en\", \"blame\": [\"(unclosed\"]}", "blame[0]" },
    { "{\"language\": \"en\", \"blaem\": []}", "blaem" },
    { "{\"language\": \"en\", \"blame\": [\"{nobody}\"]}", "nobody" },
    { "{\"language\": \"en\", \"words\": {\"party\": []}}", "words.party" },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorChecker) checker = NULL;

  checker = candor_checker_new ("de", &error);
  g_assert_null (checker);
  g_assert_error (error, CANDOR_CHECKER_ERROR, CANDOR_CHECKER_ERROR_UNKNOWN_LANGUAGE);
  g_clear_error (&error);

  checker = candor_checker_new ("../en", &error);
  g_assert_null (checker);
  g_assert_error (error, CANDOR_CHECKER_ERROR, CANDOR_CHECKER_ERROR_UNKNOWN_LANGUAGE);
  g_clear_error (&error);

  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_autoptr (GBytes) bytes = g_bytes_new_static (bad_files[i].json, strlen (bad_files[i].json));

      checker = candor_checker_new_from_bytes ("en", bytes, &error);
      g_assert_null (checker);
      g_assert_nonnull (error);
      if (strstr (error->message, bad_files[i].message_part) == NULL)
        g_error ("“%s”: error “%s” does not name “%s”", bad_files[i].json, error->message,
                 bad_files[i].message_part);
      g_clear_error (&error);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/checker-lists/errors", test_checker_errors);
  g_test_add_func ("/core/checker-lists/entries-find-as-joined",
                   test_checker_entries_find_as_joined);
  g_test_add_func ("/core/checker-lists/fold-as-regex", test_checker_fold_as_regex);
  g_test_add_func ("/core/checker-lists/conditions-hold-where-entries-match",
                   test_checker_conditions_hold_where_entries_match);

  return g_test_run ();
}
