/* test-phrase-model.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "candor-checker.h"
#include "candor-phrase-model.h"

static CandorPhraseModel *
model_from_text (const char *text, GError **error)
{
  g_autoptr (GBytes) bytes = g_bytes_new (text, strlen (text));

  return candor_phrase_model_new_from_bytes (bytes, "test.tsv", error);
}

static guint
judge (CandorPhraseModel *model, const char *sentence)
{
  return candor_phrase_model_judge (model, sentence, 0, strlen (sentence));
}

/* A model small enough to work out by hand: "vendor" and the pair "screw up"
 * lean to blame, "sorry" to none. */
static const char *const small_model = "# a test model\n"
                                       "language\ten\n"
                                       "stem-length\t5\n"
                                       "rules\tblame\tguilt\tpromise\n"
                                       "bias\t-2\t-2\t-2\n"
                                       "threshold\t0.5\t0.5\t0.5\n"
                                       "u:vendo\t1.5\t0\t0\n"
                                       "b:screw up\t1\t0.5\t0\n"
                                       "u:sorry\t-1\t0\t0\n";

static void
test_phrase_model_sums_stems_and_pairs (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorPhraseModel) model = model_from_text (small_model, &error);

  g_assert_no_error (error);
  /* Stems are the first five letters, lower case: "Vendors" is "vendo",
   * "screwed" is "screw". */
  g_assert_cmpuint (judge (model, "The Vendors did it."), ==, 0); /* -2 + 1.5 */
  g_assert_cmpuint (judge (model, "The Vendors screwed up."), ==,
                    1u << CANDOR_PHRASE_MODEL_BLAME); /* -2 + 1.5 + 1 */
  g_assert_cmpuint (judge (model, "We screw up"), ==, 0);
  /* Each occurrence counts, as in training. */
  g_assert_cmpuint (judge (model, "vendor, vendor"), ==, 1u << CANDOR_PHRASE_MODEL_BLAME);
  g_assert_cmpuint (judge (model, "vendor, vendor, sorry, sorry"), ==, 0);
  g_assert_cmpuint (judge (model, ""), ==, 0);
}

/* The bytes from and to: only the sentence asked about is read. */
static void
test_phrase_model_reads_only_the_sentence (void)
{
  g_autoptr (CandorPhraseModel) model = model_from_text (small_model, NULL);
  const char *text = "All fine. Vendor vendor. Sorry.";

  g_assert_cmpuint (candor_phrase_model_judge (model, text, 0, 9), ==, 0);
  g_assert_cmpuint (candor_phrase_model_judge (model, text, 10, 24), ==,
                    1u << CANDOR_PHRASE_MODEL_BLAME);
}

static void
test_phrase_model_refuses_bad_files (void)
{
  static const struct
  {
    const char *text;
    const char *error;
  } cases[] = {
    { "stem-length\t5\nbias\t0\t0\t0\n",
      "test.tsv: “stem-length”, “bias” or “threshold” is missing" },
    { "stem-length\t0\n", "test.tsv:1: the stem length must be 1 to 32" },
    { "bias\t0\t0\n", "test.tsv:1: expected a number for each rule" },
    { "bias\t0\t0\t0\t0\n", "test.tsv:1: expected a number for each rule" },
    { "# fine\nthreshold\t0.5\tlots\t0\n", "test.tsv:2: not a number" },
    { "u:x\t1e999\t0\t0\n", "test.tsv:1: not a number" },
    { "rules\tblame\tpromise\tguilt\n", "test.tsv:1: the rules must be blame, guilt and promise" },
    { "lonely\n", "test.tsv:1: expected a name and its values" },
    { "x:vendor\t1\t0\t0\n", "test.tsv:1: a feature is “u:” and a stem or “b:” and two stems" },
    { "b:vendor\t1\t0\t0\n", "test.tsv:1: a feature is “u:” and a stem or “b:” and two stems" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (CandorPhraseModel) model = model_from_text (cases[i].text, &error);

      g_assert_null (model);
      g_assert_error (error, CANDOR_CHECKER_ERROR, CANDOR_CHECKER_ERROR_INVALID_DATA);
      g_assert_cmpstr (error->message, ==, cases[i].error);
    }
}

/* The built-in models load, read blame as blame and plain statements of
 * fact as clean. */
static void
test_phrase_model_built_in (void)
{
  static const struct
  {
    const char *language;
    const char *sentence;
    guint       judged;
  } cases[] = {
    { "en", "The CDN we pay good money for has, once again, failed to do its one job.",
      1u << CANDOR_PHRASE_MODEL_BLAME },
    { "en", "Payments by card work normally again since 10:40.", 0 },
    { "ru", "Всё случилось из-за нашего поставщика, который опять нас подставил.",
      1u << CANDOR_PHRASE_MODEL_BLAME },
    { "ru", "Оплата картой снова работает с 10:40.", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path =
        g_strdup_printf ("/io/github/candor/Candor/core/checks/%s-model.tsv", cases[i].language);
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) bytes =
        g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      g_autoptr (CandorPhraseModel) model = NULL;

      g_assert_no_error (error);
      model = candor_phrase_model_new_from_bytes (bytes, path, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (judge (model, cases[i].sentence), ==, cases[i].judged);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/phrase-model/sums-stems-and-pairs",
                   test_phrase_model_sums_stems_and_pairs);
  g_test_add_func ("/core/phrase-model/reads-only-the-sentence",
                   test_phrase_model_reads_only_the_sentence);
  g_test_add_func ("/core/phrase-model/refuses-bad-files", test_phrase_model_refuses_bad_files);
  g_test_add_func ("/core/phrase-model/built-in", test_phrase_model_built_in);

  return g_test_run ();
}
