/* fuzz-mustache.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <stdint.h>
#include <string.h>

#include "candor-json.h"
#include "candor-mustache.h"

/* The input is a template, optionally followed by "\n---\n" and a JSON context for it.
 * The template is rendered against that context and a fixed one with every escaper;
 * the input is also tried as a JSON context for a fixed set of templates, so that both
 * halves of the engine see hostile data. */

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static const char fixed_context_json[] =
  "{\"title\": \"API <down> & \\\"out\\\"\", \"zero\": 0, \"empty\": \"\", \"no\": false,"
  " \"none\": null, \"half\": 0.5, \"big\": -9223372036854775807,"
  " \"services\": [{\"name\": \"API\", \"tags\": [\"a\", \"b\"]}, {\"name\": \"Web\"}, \"x\"],"
  " \"a\": {\"b\": {\"c\": {\"d\": \"deep\"}}}, \"list\": [1, 2.5, true, null, [], {}, [[1]]]}";

static const char *const fixed_templates[] = {
  "{{title}} {{{title}}} {{&a.b.c.d}} {{.}}\n",
  ("{{#services}}\n  {{name}} {{#tags}}{{.}},{{/tags}}\n{{/services}}\n"
   "{{^services}}none{{/services}}"),
  "{{#list}}[{{.}}|{{#.}}({{.}}){{/.}}]{{/list}}",
  "{{=<% %>=}}<%#a%><%b.c.d%><%/a%> <%> inner%>",
  "  {{>inner}}\n{{#zero}}{{>self}}{{/zero}}",
};

static JsonNode *
fixed_context (void)
{
  static JsonNode *context;

  if (context == NULL)
    context = json_from_string (fixed_context_json, NULL);
  return context;
}

static void
escape_upper (GString *out, const char *text, gsize length, gpointer user_data)
{
  for (gsize i = 0; i < length; i++)
    g_string_append_c (out, g_ascii_toupper (text[i]));
}

static void
count_variable_cb (const CandorMustacheVariable *variable, gpointer user_data)
{
  guint *count = user_data;

  /* Touch every field, so that a dangling pointer shows up under ASan. */
  *count += strlen (variable->name) + variable->line + variable->column;
  for (guint i = 0; variable->sections[i] != NULL; i++)
    *count += strlen (variable->sections[i]);
}

static void
render_all_ways (CandorMustacheTemplate *template, JsonNode *context, GHashTable *partials)
{
  static const CandorMustacheEscape escapes[] = {
    CANDOR_MUSTACHE_ESCAPE_HTML,
    CANDOR_MUSTACHE_ESCAPE_SLACK,
    CANDOR_MUSTACHE_ESCAPE_NONE,
  };
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; i <= G_N_ELEMENTS (escapes); i++)
    {
      CandorMustacheRenderOptions options = { .partials = partials };
      g_autoptr (GError) error = NULL;
      gsize before = out->len;

      if (i < G_N_ELEMENTS (escapes))
        options.escape = escapes[i];
      else
        options.escape_func = escape_upper;

      if (!candor_mustache_template_render_full (template, context, &options, out, &error))
        {
          g_assert (error != NULL && error->message[0] != '\0');
          g_assert (out->len == before);
        }
      g_assert (g_utf8_validate (out->str, out->len, NULL));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GHashTable) partials = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (CandorMustacheTemplate) template = NULL;
  g_autoptr (JsonNode) own_context = NULL;
  g_autoptr (JsonNode) input_as_context = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *input = g_strndup ((const char *)data, size);
  char            *separator = strstr (input, "\n---\n");
  guint            count = 0;

  g_hash_table_insert (partials, (gpointer) "inner",
                       (gpointer) "- {{title}}\n{{#services}}\n  * {{name}}\n{{/services}}\n");
  g_hash_table_insert (partials, (gpointer) "self", (gpointer)input);

  /* Contexts are read as `templates render --data` reads them. */
  input_as_context = candor_json_parse (input, -1, NULL, NULL);
  if (input_as_context != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (fixed_templates); i++)
        {
          g_autoptr (CandorMustacheTemplate) fixed = NULL;

          fixed = candor_mustache_template_new (fixed_templates[i], &error);
          g_assert (fixed != NULL);
          render_all_ways (fixed, input_as_context, partials);
        }
    }

  if (separator != NULL)
    {
      *separator = '\0';
      own_context = candor_json_parse (separator + 5, -1, NULL, NULL);
    }

  template = candor_mustache_template_new (input, &error);
  if (template == NULL)
    {
      /* Every parse error must name its place for the author. */
      g_assert (error != NULL && error->domain == CANDOR_MUSTACHE_ERROR);
      g_assert (g_str_has_prefix (error->message, "Line "));
      return 0;
    }

  candor_mustache_template_foreach_variable (template, count_variable_cb, &count);
  render_all_ways (template, fixed_context (), partials);
  render_all_ways (template, own_context, partials);
  render_all_ways (template, NULL, NULL);

  return 0;
}
