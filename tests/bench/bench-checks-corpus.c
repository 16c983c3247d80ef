/* bench-checks-corpus.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <locale.h>

#include "candor-checker.h"
#include "candor-enum-types.h"

/* How well the checks agree with the labelled corpus: precision and recall
 * of each rule in each language, and how many clean items raise anything.
 * Usage: bench-checks-corpus CORPUS.json */

static const char *const rules[] = {
  "blame",
  "guilt",
  "promise",
  "jargon",
  "missing-impact",
  "missing-lasting-consequences",
  "missing-contact",
  "missing-patience",
  "missing-next-update",
  "missing-timeline",
  "missing-actions",
  "missing-root-cause",
  "language-mismatch",
};

static const char *const languages[] = { "en", "ru" };

typedef struct
{
  guint true_positives;
  guint false_positives;
  guint false_negatives;
} Counts;

static int
rule_index (const char *rule)
{
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      if (g_str_equal (rules[i], rule))
        return i;
    }

  return -1;
}

static GPtrArray *
check_item (CandorChecker *checker, JsonObject *item)
{
  const char *field_name = json_object_get_string_member (item, "field");
  const char *text = json_object_get_string_member (item, "text");
  gboolean    resolved = json_object_get_boolean_member_with_default (item, "resolved", FALSE);
  int         kind;
  int         field;

  if (!candor_enum_from_nick (CANDOR_TYPE_UPDATE_KIND, json_object_get_string_member (item, "kind"),
                              &kind))
    g_error ("unknown kind in item “%s”", text);

  if (g_str_equal (field_name, "whole-message"))
    return candor_checker_check_message (checker, text, kind, resolved);

  if (g_str_equal (field_name, "impact"))
    field = CANDOR_FIELD_IMPACT_NOW;
  else if (!candor_enum_from_nick (CANDOR_TYPE_FIELD, field_name, &field))
    g_error ("unknown field “%s”", field_name);

  return candor_checker_check_text (checker, field, text, kind, resolved);
}

static double
ratio (guint part, guint whole)
{
  return whole > 0 ? (double)part / whole : 1.0;
}

int
main (int argc, char *argv[])
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  Counts         counts[G_N_ELEMENTS (languages)][G_N_ELEMENTS (rules)] = { 0 };
  guint          clean[G_N_ELEMENTS (languages)] = { 0 };
  guint          flagged[G_N_ELEMENTS (languages)] = { 0 };
  guint          n_items[G_N_ELEMENTS (languages)] = { 0 };
  gboolean       verbose = argc > 2 && g_str_equal (argv[2], "--verbose");
  JsonArray     *items;
  CandorChecker *checkers[G_N_ELEMENTS (languages)];

  /* The verbose listing quotes Russian text: print it as the terminal's locale does. */
  setlocale (LC_ALL, "");

  if (argc < 2)
    {
      g_printerr ("Usage: %s CORPUS.json [--verbose]\n", argv[0]);
      return 2;
    }

  if (!json_parser_load_from_file (parser, argv[1], &error))
    g_error ("%s: %s", argv[1], error->message);
  items =
    json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "items");

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      checkers[l] = candor_checker_new (languages[l], &error);
      g_assert_no_error (error);
    }

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      JsonArray  *expect = json_object_get_array_member (item, "expect");
      const char *lang = json_object_get_string_member (item, "lang");
      guint       l = g_str_equal (lang, "ru") ? 1 : 0;
      gboolean    expected[G_N_ELEMENTS (rules)] = { FALSE };
      gboolean    found[G_N_ELEMENTS (rules)] = { FALSE };
      gboolean    mismatch = FALSE;
      g_autoptr (GPtrArray) findings = check_item (checkers[l], item);

      n_items[l]++;
      for (guint e = 0; e < json_array_get_length (expect); e++)
        {
          int r = rule_index (json_array_get_string_element (expect, e));

          if (r < 0)
            g_error ("unknown rule “%s”", json_array_get_string_element (expect, e));
          expected[r] = TRUE;
        }
      for (guint f = 0; f < findings->len; f++)
        {
          int r = rule_index (candor_finding_get_rule_id (g_ptr_array_index (findings, f)));

          if (r >= 0)
            found[r] = TRUE;
        }

      if (json_array_get_length (expect) == 0)
        {
          clean[l]++;
          flagged[l] += findings->len > 0;
        }

      for (guint r = 0; r < G_N_ELEMENTS (rules); r++)
        {
          counts[l][r].true_positives += expected[r] && found[r];
          counts[l][r].false_positives += !expected[r] && found[r];
          counts[l][r].false_negatives += expected[r] && !found[r];
          mismatch = mismatch || expected[r] != found[r];
        }

      if (verbose && mismatch)
        {
          g_print ("%s #%u: %s\n  expected:", lang, i,
                   json_object_get_string_member (item, "text"));
          for (guint r = 0; r < G_N_ELEMENTS (rules); r++)
            if (expected[r])
              g_print (" %s", rules[r]);
          g_print ("\n  found:");
          for (guint f = 0; f < findings->len; f++)
            {
              CandorFinding *finding = g_ptr_array_index (findings, f);

              /* A missing part quotes nothing: its message tells which part
               * (missing-actions is about actions taken or planned). */
              if (candor_finding_get_quote (finding) != NULL)
                g_print (" %s“%s”", candor_finding_get_rule_id (finding),
                         candor_finding_get_quote (finding));
              else
                g_print (" %s(%s)", candor_finding_get_rule_id (finding),
                         candor_finding_get_message (finding));
            }
          g_print ("\n");
        }
    }

  g_print ("%-30s %-4s %5s %5s %5s %9s %6s\n", "rule", "lang", "TP", "FP", "FN", "precision",
           "recall");
  for (guint r = 0; r < G_N_ELEMENTS (rules); r++)
    {
      for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
        {
          const Counts *c = &counts[l][r];

          g_print ("%-30s %-4s %5u %5u %5u %9.2f %6.2f\n", rules[r], languages[l],
                   c->true_positives, c->false_positives, c->false_negatives,
                   ratio (c->true_positives, c->true_positives + c->false_positives),
                   ratio (c->true_positives, c->true_positives + c->false_negatives));
        }
    }
  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    g_print ("%s: %u items, %u clean, %u clean flagged (%.1f%%)\n", languages[l], n_items[l],
             clean[l], flagged[l], 100.0 * ratio (flagged[l], clean[l]));

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    g_object_unref (checkers[l]);

  return 0;
}
