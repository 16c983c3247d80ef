/* test-social-thread.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "candor-social-thread.h"

/* @n words and @end: 6n - 1 characters before @end for a 5-letter word. */
static char *
make_sentence (const char *word, guint n, const char *end)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (s, ' ');
      g_string_append (s, word);
    }
  g_string_append (s, end);

  return g_string_free (s, FALSE);
}

static char *
repeat (const char *piece, guint n)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (s, piece);

  return g_string_free (s, FALSE);
}

static void
assert_post (CandorSocialThread *thread, guint index, const char *text, guint length)
{
  const CandorSocialPost *post = candor_social_thread_get_post (thread, index);

  g_assert_cmpstr (post->text, ==, text);
  g_assert_cmpuint (post->length, ==, length);
  g_assert_cmpuint (post->limit, ==,
                    candor_social_network_get_limit (candor_social_thread_get_network (thread)));
}

static void
test_single_post_has_no_numbering (void)
{
  const CandorDialect networks[] = { CANDOR_DIALECT_MASTODON, CANDOR_DIALECT_BLUESKY,
                                     CANDOR_DIALECT_X };

  for (guint i = 0; i < G_N_ELEMENTS (networks); i++)
    {
      g_autoptr (CandorSocialThread) thread =
        candor_social_thread_new (networks[i], "  Login is down. We are on it.\n", "en");

      g_assert_cmpuint (candor_social_thread_get_n_posts (thread), ==, 1);
      assert_post (thread, 0, "Login is down. We are on it.", 28);
      g_assert_cmpuint (candor_social_thread_get_post (thread, 0)->n_links, ==, 0);
    }

  g_assert_cmpuint (candor_social_network_get_limit (CANDOR_DIALECT_MASTODON), ==, 500);
  g_assert_cmpuint (candor_social_network_get_limit (CANDOR_DIALECT_BLUESKY), ==, 300);
  g_assert_cmpuint (candor_social_network_get_limit (CANDOR_DIALECT_X), ==, 280);
}

static void
test_cyrillic (void)
{
  g_autofree char *words = make_sentence ("Вход", 60, "");
  g_autofree char *first = make_sentence ("Вход", 55, " 1/2");
  g_autofree char *second = make_sentence ("Вход", 5, " 2/2");
  g_autoptr (CandorSocialThread) x = NULL;
  g_autoptr (CandorSocialThread) bluesky = NULL;

  /* X weighs Cyrillic 1 per letter, Hangul and CJK 2. */
  g_assert_cmpuint (candor_social_network_measure (CANDOR_DIALECT_X, "Вход не работает.", "ru"), ==,
                    17);
  g_assert_cmpuint (candor_social_network_measure (CANDOR_DIALECT_X, "登录失败", "zh"), ==, 8);
  g_assert_cmpuint (candor_social_network_measure (CANDOR_DIALECT_BLUESKY, "登录失败", "zh"), ==,
                    4);

  /* X counts the composed form: "е" + combining breve is "й", weight 1. */
  g_assert_cmpuint (candor_social_network_measure (CANDOR_DIALECT_X, "\xd0\xb5\xcc\x86", "ru"), ==,
                    1);
  g_assert_cmpuint (candor_social_network_measure (CANDOR_DIALECT_X, "e\xcc\x81", "en"), ==, 1);

  /* 60 words are 299 characters: two posts of 280 with " 1/2" in them,
   * 55 words (274) and the 5 left over. */
  x = candor_social_thread_new (CANDOR_DIALECT_X, words, "ru");
  g_assert_cmpuint (candor_social_thread_get_n_posts (x), ==, 2);
  assert_post (x, 0, first, 278);
  assert_post (x, 1, second, 28);

  bluesky = candor_social_thread_new (CANDOR_DIALECT_BLUESKY, words, "ru");
  g_assert_cmpuint (candor_social_thread_get_n_posts (bluesky), ==, 1);
  assert_post (bluesky, 0, words, 299);
}

static void
test_emoji (void)
{
  const char      *family = "👨‍👩‍👧";
  const char      *flag = "🇺🇦";
  g_autofree char *text = g_strdup_printf ("%s %s 👍🏽 1️⃣ ok", family, flag);
  g_autofree char *flags = repeat (flag, 320);
  g_autoptr (CandorSocialThread) bluesky = NULL;
  g_autoptr (CandorSocialThread) x = NULL;

  /* A ZWJ family, a flag, a skin tone and a keycap are one grapheme each,
   * and one emoji of weight 2 each on X. */
  g_assert_cmpuint (candor_social_network_measure (CANDOR_DIALECT_BLUESKY, text, NULL), ==, 10);
  g_assert_cmpuint (candor_social_network_measure (CANDOR_DIALECT_MASTODON, text, NULL), ==, 10);
  g_assert_cmpuint (candor_social_network_measure (CANDOR_DIALECT_X, text, NULL), ==, 14);
  /* Outside a sequence each code point weighs for itself. */
  g_assert_cmpuint (candor_social_network_measure (CANDOR_DIALECT_X, "© ☀", NULL), ==, 4);

  /* 320 flags without a space: cut between flags, never inside one. */
  bluesky = candor_social_thread_new (CANDOR_DIALECT_BLUESKY, flags, NULL);
  g_assert_cmpuint (candor_social_thread_get_n_posts (bluesky), ==, 2);
  {
    g_autofree char *first = g_strconcat (flags + 24 * strlen (flag), " 1/2", NULL);
    g_autofree char *second = g_strconcat (flags + 296 * strlen (flag), " 2/2", NULL);

    assert_post (bluesky, 0, first, 300);
    assert_post (bluesky, 1, second, 28);
  }

  /* On X each flag weighs 2: 138 fit next to " 1/3". */
  x = candor_social_thread_new (CANDOR_DIALECT_X, flags, NULL);
  g_assert_cmpuint (candor_social_thread_get_n_posts (x), ==, 3);
  {
    g_autofree char *full = g_strndup (flags, 138 * strlen (flag));
    g_autofree char *first = g_strconcat (full, " 1/3", NULL);
    g_autofree char *last = g_strconcat (flags + 276 * strlen (flag), " 3/3", NULL);

    assert_post (x, 0, first, 280);
    assert_post (x, 2, last, 92);
  }
}

static void
test_urls (void)
{
  const char *long_url =
    "https://status.example.com/incidents/2026-11-30/login-failures-for-all-customers";
  g_autofree char *text = g_strdup_printf ("Status: %s.", long_url);
  g_autoptr (CandorSocialThread) bluesky = NULL;
  g_autoptr (CandorSocialThread) russian = NULL;
  const CandorSocialPost *post;

  /* Mastodon and X count every URL as 23, the full stop after it as text. */
  g_assert_cmpuint (candor_social_network_measure (CANDOR_DIALECT_MASTODON, text, NULL), ==,
                    8 + 23 + 1);
  g_assert_cmpuint (candor_social_network_measure (CANDOR_DIALECT_X, text, NULL), ==, 8 + 23 + 1);

  /* Bluesky shows a short link text; the facet keeps the whole URI. */
  bluesky = candor_social_thread_new (CANDOR_DIALECT_BLUESKY, text, NULL);
  post = candor_social_thread_get_post (bluesky, 0);
  g_assert_cmpstr (post->text, ==, "Status: status.example.com/incidents/20....");
  g_assert_cmpuint (post->length, ==, 43);
  g_assert_cmpuint (post->n_links, ==, 1);
  g_assert_cmpuint (post->links[0].byte_start, ==, 8);
  g_assert_cmpuint (post->links[0].byte_end, ==, 42);
  g_assert_cmpstr (post->links[0].uri, ==, long_url);

  /* Facet offsets are bytes: "Статус: " is 6 two-byte letters, ':' and ' '. */
  russian =
    candor_social_thread_new (CANDOR_DIALECT_BLUESKY, "Статус: (https://example.com/a)", "ru");
  post = candor_social_thread_get_post (russian, 0);
  g_assert_cmpstr (post->text, ==, "Статус: (example.com/a)");
  g_assert_cmpuint (post->n_links, ==, 1);
  g_assert_cmpuint (post->links[0].byte_start, ==, 15);
  g_assert_cmpuint (post->links[0].byte_end, ==, 28);
  g_assert_cmpstr (post->links[0].uri, ==, "https://example.com/a");
}

static void
test_url_is_never_split (void)
{
  g_autofree char *words = make_sentence ("Alpha", 80, "");
  g_autofree char *path = repeat ("x", 100);
  g_autofree char *url = g_strconcat ("https://example.com/", path, NULL);
  g_autofree char *text = g_strconcat (words, " ", url, NULL);
  g_autofree char *first = g_strconcat (words, " 1/2", NULL);
  g_autofree char *second = g_strconcat (url, " 2/2", NULL);
  g_autoptr (CandorSocialThread) mastodon = NULL;

  /* 479 characters of words, then a URL weighing 23: 503 > 500, and the cut
   * cannot go inside the URL, so it starts the second post. */
  mastodon = candor_social_thread_new (CANDOR_DIALECT_MASTODON, text, "en");
  g_assert_cmpuint (candor_social_thread_get_n_posts (mastodon), ==, 2);
  assert_post (mastodon, 0, first, 483);
  assert_post (mastodon, 1, second, 27);
  g_assert_cmpuint (candor_social_thread_get_post (mastodon, 0)->n_links, ==, 0);
  g_assert_cmpuint (candor_social_thread_get_post (mastodon, 1)->n_links, ==, 1);
  g_assert_cmpuint (candor_social_thread_get_post (mastodon, 1)->links[0].byte_end, ==,
                    strlen (url));
}

static void
test_sentences (void)
{
  g_autofree char *alpha = make_sentence ("Alpha", 30, ".");
  g_autofree char *bravo = make_sentence ("Bravo", 30, ".");
  g_autofree char *two = g_strconcat (alpha, " ", bravo, NULL);
  g_autofree char *alpha_1 = g_strconcat (alpha, " 1/2", NULL);
  g_autofree char *bravo_2 = g_strconcat (bravo, " 2/2", NULL);
  g_autoptr (CandorSocialThread) thread = NULL;

  /* 180 + 1 + 180 characters: each sentence gets its own post. */
  thread = candor_social_thread_new (CANDOR_DIALECT_BLUESKY, two, "en");
  g_assert_cmpuint (candor_social_thread_get_n_posts (thread), ==, 2);
  assert_post (thread, 0, alpha_1, 184);
  assert_post (thread, 1, bravo_2, 184);
}

static void
test_sentence_longer_than_a_post (void)
{
  g_autofree char *long_sentence = make_sentence ("Alpha", 70, ".");
  g_autofree char *head = make_sentence ("Alpha", 49, " 1/2");
  g_autofree char *tail = make_sentence ("Alpha", 21, ". 2/2");
  g_autofree char *text = g_strconcat ("Short one. ", long_sentence, NULL);
  g_autofree char *mixed_head = NULL;
  g_autofree char *mixed_tail = make_sentence ("Alpha", 23, ". 2/2");
  g_autoptr (CandorSocialThread) thread = NULL;
  g_autoptr (CandorSocialThread) mixed = NULL;

  /* 420 characters in one sentence: cut after the last word that fits
   * beside " 1/2" (49 words, 293 characters). */
  thread = candor_social_thread_new (CANDOR_DIALECT_BLUESKY, long_sentence, "en");
  g_assert_cmpuint (candor_social_thread_get_n_posts (thread), ==, 2);
  assert_post (thread, 0, head, 297);
  assert_post (thread, 1, tail, 130);

  /* A short sentence before it does not get a post of its own: the long
   * sentence would be cut anyway, so the first post is filled. */
  {
    g_autofree char *words = make_sentence ("Alpha", 47, " 1/2");

    mixed_head = g_strconcat ("Short one. ", words, NULL);
  }
  mixed = candor_social_thread_new (CANDOR_DIALECT_BLUESKY, text, "en");
  g_assert_cmpuint (candor_social_thread_get_n_posts (mixed), ==, 2);
  assert_post (mixed, 0, mixed_head, 296);
  assert_post (mixed, 1, mixed_tail, 142);
}

static void
test_numbering_widens (void)
{
  g_autofree char *text = NULL;
  g_autoptr (CandorSocialThread) thread = NULL;
  GString *s = g_string_new (NULL);

  /* Ten sentences of 288 characters each: ten posts, so " 10/10" takes six
   * characters and every post must still fit. */
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *sentence = make_sentence ("Alpha", 48, ".");

      if (i > 0)
        g_string_append_c (s, ' ');
      g_string_append (s, sentence);
    }
  text = g_string_free (s, FALSE);

  thread = candor_social_thread_new (CANDOR_DIALECT_BLUESKY, text, "en");
  g_assert_cmpuint (candor_social_thread_get_n_posts (thread), ==, 10);
  for (guint i = 0; i < 10; i++)
    {
      const CandorSocialPost *post = candor_social_thread_get_post (thread, i);
      g_autofree char        *suffix = g_strdup_printf (" %u/10", i + 1);

      g_assert_true (g_str_has_suffix (post->text, suffix));
      g_assert_cmpuint (post->length, ==, 288 + strlen (suffix));
      g_assert_cmpuint (post->length, <=, post->limit);
    }
}

static void
assert_same_threads (CandorSocialThread *a, CandorSocialThread *b)
{
  g_assert_cmpuint (candor_social_thread_get_n_posts (a), ==, candor_social_thread_get_n_posts (b));
  for (guint i = 0; i < candor_social_thread_get_n_posts (a); i++)
    {
      const CandorSocialPost *pa = candor_social_thread_get_post (a, i);
      const CandorSocialPost *pb = candor_social_thread_get_post (b, i);

      g_assert_cmpstr (pa->text, ==, pb->text);
      g_assert_cmpuint (pa->length, ==, pb->length);
      g_assert_cmpuint (pa->n_links, ==, pb->n_links);
      for (guint j = 0; j < pa->n_links; j++)
        {
          g_assert_cmpuint (pa->links[j].byte_start, ==, pb->links[j].byte_start);
          g_assert_cmpuint (pa->links[j].byte_end, ==, pb->links[j].byte_end);
        }
    }
}

static void
test_cache_gives_the_same_threads (void)
{
  g_autoptr (CandorSocialThreadCache) cache = candor_social_thread_cache_new ();
  g_autofree char    *alpha = make_sentence ("Alpha", 40, ".");
  g_autofree char    *bravo = make_sentence ("Вход", 45, ".");
  const CandorDialect networks[] = { CANDOR_DIALECT_MASTODON, CANDOR_DIALECT_BLUESKY,
                                     CANDOR_DIALECT_X };

  /* Paragraphs analysed apart, and again from the cache after one changes,
   * break exactly as the whole text analysed at once. */
  for (guint round = 0; round < 2; round++)
    {
      g_autofree char *text = g_strdup_printf (
        "Title line\n\nImpact: %s See https://status.example.com/incidents/42.\n\n\n"
        "• one 👨‍👩‍👧\n• two 🇺🇦\n\nTech: %s%s\n\nNext update: soon.",
        alpha, bravo, round == 0 ? "" : " Changed.");

      for (guint i = 0; i < G_N_ELEMENTS (networks); i++)
        {
          g_autoptr (CandorSocialThread) whole = candor_social_thread_new (networks[i], text, "en");
          g_autoptr (CandorSocialThread) cached =
            candor_social_thread_new_cached (cache, networks[i], text, "en");

          g_assert_cmpuint (candor_social_thread_get_n_posts (whole), >, 1);
          assert_same_threads (whole, cached);
        }
    }
}

/* Combining marks with no composed form (stress marks on Cyrillic vowels)
 * are part of their letter's grapheme: one on Mastodon and Bluesky, while X,
 * counting NFC code points, weighs the mark too. */
static void
test_combining_marks (void)
{
  const char *stressed = "за\xcc\x81мок"; /* "за́мок": а + U+0301 */

  g_assert_cmpuint (candor_social_network_measure (CANDOR_DIALECT_MASTODON, stressed, "ru"), ==, 5);
  g_assert_cmpuint (candor_social_network_measure (CANDOR_DIALECT_BLUESKY, stressed, "ru"), ==, 5);
  g_assert_cmpuint (candor_social_network_measure (CANDOR_DIALECT_X, stressed, "ru"), ==, 6);
  /* "ё" written as "е" + U+0308 composes: 1 on X as on the others. */
  g_assert_cmpuint (candor_social_network_measure (CANDOR_DIALECT_X, "\xd0\xb5\xcc\x88", "ru"), ==,
                    1);
  g_assert_cmpuint (
    candor_social_network_measure (CANDOR_DIALECT_BLUESKY, "\xd0\xb5\xcc\x88", "ru"), ==, 1);

  /* X posts the composed form, composed only where it changes: a Latin
   * letter with its accent, stress marks, Hangul jamo, marks in a row. */
  {
    const char      *mixed = "Cafe\xcc\x81 за\xcc\x81мок \xe1\x84\x80\xe1\x85\xa1 "
                             "a\xcc\x81\xcc\xa3 ok \xd0\xb5\xcc\x88 👍🏽";
    g_autofree char *nfc = g_utf8_normalize (mixed, -1, G_NORMALIZE_NFC);
    g_autoptr (CandorSocialThread) x = candor_social_thread_new (CANDOR_DIALECT_X, mixed, "ru");

    g_assert_cmpstr (candor_social_thread_get_post (x, 0)->text, ==, nfc);
  }
}

static gboolean
starts_inside_a_grapheme (const char *text)
{
  gunichar c = g_utf8_get_char (text);

  return g_unichar_ismark (c) || c == 0x200D || c == 0xFE0F || (c >= 0x1F3FB && c <= 0x1F3FF);
}

/* A long Russian text with emoji (ZWJ sequences, flags, skin tones,
 * keycaps) and stress marks, on every network: each post within the limit
 * as the network measures it on its own, no post cut inside a grapheme, and
 * nothing lost or added but the numbering. */
static void
test_mixed_thread (void)
{
  /* clang-format counts bytes and would split these lines anew on every run. */
  /* clang-format off */
  static const char *sentences[] = {
    "Оплата картой не проходит у части клиентов 💳⚠️. ",
    "Команда работает всю ночь 👩‍💻👨‍💻, следующее обновление в 9:00 🇷🇺. ",
    "Данные не потеряны, повторите попытку позже 🙏🏽 1️⃣. ",
    "Уда\xcc\x81рение и ё — по одному символу. ",
  };
  /* clang-format on */
  const CandorDialect networks[] = { CANDOR_DIALECT_MASTODON, CANDOR_DIALECT_BLUESKY,
                                     CANDOR_DIALECT_X };
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < 60; i++)
    g_string_append (text, sentences[i % G_N_ELEMENTS (sentences)]);

  for (guint n = 0; n < G_N_ELEMENTS (networks); n++)
    {
      g_autoptr (CandorSocialThread) thread =
        candor_social_thread_new (networks[n], text->str, "ru");
      guint n_posts = candor_social_thread_get_n_posts (thread);
      g_autoptr (GString) joined = g_string_new (NULL);
      g_autofree char *expected = g_utf8_normalize (text->str, -1, G_NORMALIZE_NFC);

      g_assert_cmpuint (n_posts, >, 1);
      for (guint i = 0; i < n_posts; i++)
        {
          const CandorSocialPost *post = candor_social_thread_get_post (thread, i);
          g_autofree char        *number = g_strdup_printf (" %u/%u", i + 1, n_posts);
          g_autofree char        *body = NULL;

          g_assert_cmpuint (post->length, <=, post->limit);
          g_assert_cmpuint (candor_social_network_measure (networks[n], post->text, "ru"), ==,
                            post->length);
          g_assert_true (g_str_has_suffix (post->text, number));
          g_assert_false (starts_inside_a_grapheme (post->text));
          body = g_strndup (post->text, strlen (post->text) - strlen (number));
          g_string_append_printf (joined, "%s%s", i > 0 ? " " : "", body);
        }

      /* X posts the NFC form; the words are the same either way. */
      g_strstrip (expected);
      if (networks[n] != CANDOR_DIALECT_X)
        {
          g_autofree char *original = g_strstrip (g_strdup (text->str));

          g_assert_cmpstr (joined->str, ==, original);
        }
      else
        g_assert_cmpstr (joined->str, ==, expected);
    }
}

/* A server's own limit (a Mastodon instance's max_characters) in place of the network's. */
static void
test_server_limit (void)
{
  g_autofree char *words = make_sentence ("Вход", 60, "");
  g_autoptr (CandorSocialThread) small =
    candor_social_thread_new_with_limit (CANDOR_DIALECT_MASTODON, words, "ru", 100);
  g_autoptr (CandorSocialThread) large =
    candor_social_thread_new_with_limit (CANDOR_DIALECT_MASTODON, words, "ru", 5000);

  g_assert_cmpuint (candor_social_thread_get_n_posts (small), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_assert_cmpuint (candor_social_thread_get_post (small, i)->limit, ==, 100);
      g_assert_cmpuint (candor_social_thread_get_post (small, i)->length, <=, 100);
    }
  g_assert_cmpuint (candor_social_thread_get_n_posts (large), ==, 1);
  g_assert_cmpuint (candor_social_thread_get_post (large, 0)->limit, ==, 5000);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/social-thread/single-post", test_single_post_has_no_numbering);
  g_test_add_func ("/core/social-thread/cyrillic", test_cyrillic);
  g_test_add_func ("/core/social-thread/emoji", test_emoji);
  g_test_add_func ("/core/social-thread/combining-marks", test_combining_marks);
  g_test_add_func ("/core/social-thread/mixed-thread", test_mixed_thread);
  g_test_add_func ("/core/social-thread/server-limit", test_server_limit);
  g_test_add_func ("/core/social-thread/urls", test_urls);
  g_test_add_func ("/core/social-thread/url-never-split", test_url_is_never_split);
  g_test_add_func ("/core/social-thread/sentences", test_sentences);
  g_test_add_func ("/core/social-thread/sentence-longer-than-post",
                   test_sentence_longer_than_a_post);
  g_test_add_func ("/core/social-thread/numbering-widens", test_numbering_widens);
  g_test_add_func ("/core/social-thread/cache", test_cache_gives_the_same_threads);

  return g_test_run ();
}
