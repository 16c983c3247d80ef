/* bench-hostile-input.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "candor-composition.h"
#include "candor-dialect.h"
#include "candor-draft.h"
#include "candor-enum-types.h"
#include "candor-enums.h"
#include "candor-json.h"
#include "candor-mustache.h"
#include "candor-template.h"

/* What hostile input costs now that it is bounded: refusing 100,000 levels of JSON
 * nesting (a crash before), refusing a template with sections 10,000 deep (299 s
 * before) and checking one at the deepest allowed, and rendering a draft of the
 * largest size for 16 audiences on every channel (a 50 MB draft took 41 s and
 * 3.2 GB before, and could not be refused). Figures for the notes, not pass/fail. */

#define RUNS 5

typedef void (*BenchFunc) (gpointer data);

/* The best of RUNS, in milliseconds: the least disturbed by the rest of the machine. */
static double
best_ms (BenchFunc func, gpointer data)
{
  double best = G_MAXDOUBLE;

  for (guint i = 0; i < RUNS; i++)
    {
      gint64 start = g_get_monotonic_time ();

      func (data);
      best = MIN (best, (g_get_monotonic_time () - start) / 1000.0);
    }

  return best;
}

static void
refuse_json (gpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = candor_json_parse (data, -1, NULL, &error);

  g_assert_null (node);
  g_assert_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_LIMIT);
}

static char *
deep_json (guint depth)
{
  GString *text = g_string_sized_new (2 * depth + 1);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, ']');

  return g_string_free (text, FALSE);
}

/* A template with sections @depth deep and a declared variable at every level. */
static char *
deep_template (guint depth)
{
  GString *text = g_string_new ("{\"id\": \"deep\", \"name\": \"Deep\", \"description\": \"\", "
                                "\"language\": \"en\", \"kind\": \"initial\", \"stage\": "
                                "\"investigating\", \"severity\": \"minor\", \"variables\": ["
                                "{\"name\": \"s\", \"description\": \"\", \"example\": "
                                "{\"s\": {}}}, {\"name\": \"x\", \"description\": \"\", "
                                "\"example\": \"x\"}], \"fields\": {");

  for (CandorField field = 0; field < CANDOR_N_FIELDS; field++)
    {
      g_string_append_printf (text, "%s\"%s\": \"", field > 0 ? ", " : "",
                              candor_enum_to_nick (CANDOR_TYPE_FIELD, field));
      if (field == CANDOR_FIELD_TECHNICAL_DETAILS)
        {
          for (guint i = 0; i < depth; i++)
            g_string_append (text, "{{#s}}{{x}}");
          for (guint i = 0; i < depth; i++)
            g_string_append (text, "{{/s}}");
        }
      g_string_append_c (text, '"');
    }
  g_string_append (text, "}}");

  return g_string_free (text, FALSE);
}

static void
load_template (gpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorTemplate) template = candor_template_new_from_data (data, -1, NULL, &error);

  /* Either accepted whole or refused for its depth: never anything else. */
  g_assert_true (template != NULL ||
                 g_error_matches (error, CANDOR_MUSTACHE_ERROR, CANDOR_MUSTACHE_ERROR_TOO_DEEP));
}

/* Every field as full as a draft allows, 16 audiences on every channel. */
static char *
largest_draft (void)
{
  static const char sentence[] =
    "Since 14:20 UTC the login page takes up to 20 seconds to load for *some* customers; "
    "see [the status page](https://status.example.com). ";
  GString *text = g_string_new ("{\"format\": \"candor-draft\", \"version\": 1, \"incident\": "
                                "{\"title\": \"Login slow\", \"services\": [\"Login\"], "
                                "\"severity\": \"major\"}, \"update\": {\"kind\": \"progress\"");
  GString *field = g_string_new (NULL);

  while (field->len + sizeof sentence < CANDOR_DRAFT_MAX_TEXT)
    g_string_append (field, sentence);

  for (CandorField f = 0; f < CANDOR_N_FIELDS; f++)
    g_string_append_printf (text, ", \"%s\": \"%s\"", candor_enum_to_nick (CANDOR_TYPE_FIELD, f),
                            field->str);
  g_string_append (text, "}, \"audiences\": [");
  for (guint a = 0; a < CANDOR_DRAFT_MAX_AUDIENCES; a++)
    {
      g_string_append_printf (text, "%s{\"id\": \"a%u\", \"detail\": \"full\", \"formats\": [",
                              a > 0 ? ", " : "", a);
      for (CandorDialect d = 0; d < CANDOR_N_DIALECTS; d++)
        g_string_append_printf (text, "%s\"%s\"", d > 0 ? ", " : "", candor_dialect_get_nick (d));
      g_string_append (text, "]}");
    }
  g_string_append (text, "]}");
  g_string_free (field, TRUE);

  return g_string_free (text, FALSE);
}

typedef struct
{
  const char *json;
  gsize       rendered;
  guint       n_renditions;
} RenderRun;

static void
render_draft (gpointer data)
{
  RenderRun *run = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorDraft) draft = candor_draft_load_from_data (run->json, -1, &error);
  g_autoptr (CandorComposition) composition = NULL;
  GPtrArray *renditions;

  g_assert_no_error (error);
  composition = candor_composition_new_for_draft (draft);
  candor_composition_update (composition, &error);
  g_assert_no_error (error);

  renditions = candor_composition_get_renditions (composition);
  run->n_renditions = renditions->len;
  run->rendered = 0;
  for (guint i = 0; i < renditions->len; i++)
    {
      const char *text = candor_rendition_get_text (g_ptr_array_index (renditions, i));

      run->rendered += text != NULL ? strlen (text) : 0;
    }
}

int
main (int argc, char *argv[])
{
  g_autofree char *json_100000 = deep_json (100000);
  g_autofree char *template_10000 = deep_template (10000);
  g_autofree char *template_100 = deep_template (100);
  g_autofree char *draft = largest_draft ();
  RenderRun        run = { draft, 0, 0 };
  double           ms;

  ms = best_ms (refuse_json, json_100000);
  g_print ("JSON nested 100,000 deep (%" G_GSIZE_FORMAT " bytes) refused: %.3f ms\n",
           strlen (json_100000), ms);

  ms = best_ms (load_template, template_10000);
  g_print ("template with sections 10,000 deep (%" G_GSIZE_FORMAT " bytes) refused: %.3f ms\n",
           strlen (template_10000), ms);
  ms = best_ms (load_template, template_100);
  g_print ("template with sections 100 deep (the most allowed) checked: %.3f ms\n", ms);

  ms = best_ms (render_draft, &run);
  g_print ("largest draft (%" G_GSIZE_FORMAT " bytes, %d audiences) rendered and checked: "
           "%.0f ms, %u renditions, %" G_GSIZE_FORMAT " bytes out\n",
           strlen (draft), CANDOR_DRAFT_MAX_AUDIENCES, ms, run.n_renditions, run.rendered);

  return 0;
}
