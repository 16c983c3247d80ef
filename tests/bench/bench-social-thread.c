/* bench-social-thread.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A 5,000-character Cyrillic text with emoji, split into the threads of
 * Mastodon, Bluesky and X, as the renderer does it: one cache of paragraph
 * analyses shared by the three networks. The budget for all three is 1 ms.
 * Also printed: the same with a cold cache (every paragraph analysed anew,
 * as after an edit to every paragraph) and with no cache at all. */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "candor-social-thread.h"

#define ITERATIONS 300
#define WARMUP     20
#define TARGET     5000
#define BUDGET_MS  1.0

static const CandorDialect networks[] = {
  CANDOR_DIALECT_MASTODON,
  CANDOR_DIALECT_BLUESKY,
  CANDOR_DIALECT_X,
};

static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1.0e6;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

/* Sentences of an outage notice in Russian, with emoji (a ZWJ sequence, a
 * flag, a skin tone, a keycap), a combining mark and a link, in paragraphs,
 * up to @target characters. */
static char *
make_text (guint target)
{
  /* clang-format counts bytes and would split these lines anew on every run. */
  /* clang-format off */
  static const char *sentences[] = {
    "Оплата картой не проходит у части клиентов 💳⚠️. ",
    "Мы нашли причину и переключаем трафик на резервный узел 🔧. ",
    "Данные не потеряны, повторите попытку через несколько минут 🙏🏽. ",
    "Команда работает всю ночь 👩‍💻👨‍💻, следующее обновление в 9:00 по Москве 🇷🇺. ",
    "Подробности на странице статуса: https://status.example.com/incidents/42 . ",
    "Ёжик й и́ — буквы с диакритикой считаются как один символ 1️⃣. ",
  };
  /* clang-format on */
  GString *text = g_string_new (NULL);
  guint    i = 0;

  while (g_utf8_strlen (text->str, -1) < target)
    {
      g_string_append (text, sentences[i % G_N_ELEMENTS (sentences)]);
      if (++i % 5 == 0)
        g_string_append (text, "\n\n");
    }

  return g_utf8_substring (text->str, 0, target);
}

static double
median (double *times, guint n)
{
  qsort (times, n, sizeof (double), compare_doubles);
  return times[n / 2];
}

static double
measure (const char *text, const char *mode, guint *n_posts)
{
  g_autofree double *times = g_new (double, ITERATIONS);
  g_autoptr (CandorSocialThreadCache) warm = candor_social_thread_cache_new ();

  for (guint i = 0; i < WARMUP + ITERATIONS; i++)
    {
      g_autoptr (CandorSocialThreadCache) cold = NULL;
      CandorSocialThreadCache *cache = NULL;
      double                   start;

      if (g_str_equal (mode, "cold"))
        cache = cold = candor_social_thread_cache_new ();
      else if (g_str_equal (mode, "warm"))
        cache = warm;

      start = thread_cpu_ms ();
      for (guint n = 0; n < G_N_ELEMENTS (networks); n++)
        {
          g_autoptr (CandorSocialThread) thread =
            candor_social_thread_new_cached (cache, networks[n], text, "ru");

          n_posts[n] = candor_social_thread_get_n_posts (thread);
        }
      if (i >= WARMUP)
        times[i - WARMUP] = thread_cpu_ms () - start;
    }

  return median (times, ITERATIONS);
}

int
main (int argc, char *argv[])
{
  g_autofree char *text = make_text (TARGET);
  guint            n_posts[G_N_ELEMENTS (networks)] = { 0 };
  double           shared, cold, uncached;

  shared = measure (text, "cold", n_posts);
  cold = shared;
  uncached = measure (text, "none", n_posts);
  shared = measure (text, "warm", n_posts);

  g_print ("%ld characters, %" G_GSIZE_FORMAT " bytes; posts: Mastodon %u, Bluesky %u, X %u\n",
           g_utf8_strlen (text, -1), strlen (text), n_posts[0], n_posts[1], n_posts[2]);
  g_print ("all three networks, median CPU time of %u runs:\n", ITERATIONS);
  g_print ("  one cache per run (each paragraph analysed once for the three): %.3f ms\n", cold);
  g_print ("  no cache (each network analyses the whole text):                %.3f ms\n", uncached);
  g_print ("  warm cache (the text analysed before, as while typing):         %.3f ms\n", shared);

  if (cold > BUDGET_MS)
    {
      g_printerr ("over the budget of %.1f ms\n", BUDGET_MS);
      return 1;
    }

  return 0;
}
