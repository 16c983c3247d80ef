/* bench-mustache.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <locale.h>

#include "candor-mustache.h"

/* How long a typical status update takes to render: the editor re-renders every
 * audience and format on each keystroke within a 2 ms budget, so this has to be a
 * small fraction of that. Prints microseconds per compile and per render. */

static const char template_source[] =
  "# {{title}}\n"
  "\n"
  "**Status:** {{state}}  \n"
  "**Severity:** {{severity}}  \n"
  "**Started:** {{started_at}}\n"
  "\n"
  "{{summary}}\n"
  "\n"
  "## Affected services\n"
  "\n"
  "\n"
  "{{#services}}\n"
  "- **{{name}}**: {{impact}}\n"
  "{{/services}}\n"
  "\n"
  "{{^resolved}}\n"
  "Our engineers are working on it. The next update will follow by {{next_update}}.\n"
  "{{/resolved}}\n"
  "{{#resolved}}\n"
  "The incident was resolved at {{resolved_at}}.\n"
  "{{/resolved}}\n"
  "\n"
  "{{! Workarounds are optional. }}\n"
  "{{#workaround}}\n"
  "### Workaround\n"
  "{{workaround}}\n"
  "{{/workaround}}\n"
  "\n"
  "Questions? Write to {{contact}}.\n"
  "— {{team}}\n";

static const char context_json[] =
  "{\"title\": \"Login failures for some EU customers\", \"state\": \"Identified\","
  " \"severity\": \"Major\", \"started_at\": \"2026-11-30 03:12 UTC\","
  " \"summary\": \"Some customers in the EU region cannot log in. We found a faulty <config> "
  "change & are rolling it back.\","
  " \"services\": [{\"name\": \"Login\", \"impact\": \"errors for 30% of attempts\"},"
  "                {\"name\": \"API\", \"impact\": \"slow token refresh\"},"
  "                {\"name\": \"Dashboard\", \"impact\": \"sign-in loops\"}],"
  " \"resolved\": false, \"next_update\": \"04:30 UTC\", \"resolved_at\": null,"
  " \"workaround\": \"Use the “Sign in with SSO” button.\", \"contact\": \"status@example.com\","
  " \"team\": \"The Example Ops team\"}";

int
main (int argc, char *argv[])
{
  static const struct
  {
    const char          *name;
    CandorMustacheEscape escape;
  } dialects[] = {
    { "html", CANDOR_MUSTACHE_ESCAPE_HTML },
    { "slack", CANDOR_MUSTACHE_ESCAPE_SLACK },
    { "none", CANDOR_MUSTACHE_ESCAPE_NONE },
  };
  const guint n_compiles = 20000;
  const guint n_renders = 200000;
  g_autoptr (CandorMustacheTemplate) template = NULL;
  g_autoptr (JsonNode) context = NULL;
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  gint64 start;

  setlocale (LC_ALL, "");
  context = json_from_string (context_json, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n_compiles; i++)
    {
      g_autoptr (CandorMustacheTemplate) compiled = NULL;

      compiled = candor_mustache_template_new (template_source, &error);
      g_assert_no_error (error);
    }
  g_print ("compile (%zu bytes, 30 lines): %.2f µs\n", sizeof template_source - 1,
           (double)(g_get_monotonic_time () - start) / n_compiles);

  template = candor_mustache_template_new (template_source, &error);
  g_assert_no_error (error);

  for (guint d = 0; d < G_N_ELEMENTS (dialects); d++)
    {
      CandorMustacheRenderOptions options = { .escape = dialects[d].escape };

      start = g_get_monotonic_time ();
      for (guint i = 0; i < n_renders; i++)
        {
          g_string_truncate (out, 0);
          if (!candor_mustache_template_render_full (template, context, &options, out, &error))
            g_error ("%s", error->message);
        }
      g_print ("render %s into a reused GString (%zu bytes out): %.2f µs\n", dialects[d].name,
               out->len, (double)(g_get_monotonic_time () - start) / n_renders);
    }

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n_renders; i++)
    {
      g_autofree char *text = NULL;

      text =
        candor_mustache_template_render (template, context, CANDOR_MUSTACHE_ESCAPE_HTML, &error);
      g_assert_no_error (error);
    }
  g_print ("render html into a new string: %.2f µs\n",
           (double)(g_get_monotonic_time () - start) / n_renders);

  if (argc > 1 && g_strcmp0 (argv[1], "--print") == 0)
    g_print ("\n%s", out->str);

  return 0;
}
