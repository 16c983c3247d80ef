/* test-mustache.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "candor-mustache.h"

/* What the official spec does not cover: our escapers, our error messages, the variable
 * listing and reusing a compiled template. */

static JsonNode *
parse_json (const char *json)
{
  g_autoptr (GError) error = NULL;
  JsonNode *node = json_from_string (json, &error);

  g_assert_no_error (error);
  return node;
}

static char *
render (const char *source, const char *json, CandorMustacheEscape escape)
{
  g_autoptr (CandorMustacheTemplate) template = NULL;
  g_autoptr (JsonNode) context = parse_json (json);
  g_autoptr (GError) error = NULL;
  char *text;

  template = candor_mustache_template_new (source, &error);
  g_assert_no_error (error);
  text = candor_mustache_template_render (template, context, escape, &error);
  g_assert_no_error (error);
  return text;
}

static void
test_mustache_escapers (void)
{
  const char      *json = "{\"x\": \"<b>Tom & \\\"Jerry's\\\"</b> *bold*\"}";
  g_autofree char *html = render ("{{x}}|{{{x}}}|{{&x}}", json, CANDOR_MUSTACHE_ESCAPE_HTML);
  g_autofree char *slack = render ("{{x}}|{{{x}}}|{{&x}}", json, CANDOR_MUSTACHE_ESCAPE_SLACK);
  g_autofree char *none = render ("{{x}}|{{{x}}}", json, CANDOR_MUSTACHE_ESCAPE_NONE);
  g_autoptr (GString) direct = g_string_new ("prefix:");

  g_assert_cmpstr (html, ==,
                   "&lt;b&gt;Tom &amp; &quot;Jerry&#39;s&quot;&lt;/b&gt; *bold*|"
                   "<b>Tom & \"Jerry's\"</b> *bold*|<b>Tom & \"Jerry's\"</b> *bold*");
  /* Slack mrkdwn: only & < > are special; quotes must come through as they are. */
  g_assert_cmpstr (slack, ==,
                   "&lt;b&gt;Tom &amp; \"Jerry's\"&lt;/b&gt; *bold*|"
                   "<b>Tom & \"Jerry's\"</b> *bold*|<b>Tom & \"Jerry's\"</b> *bold*");
  g_assert_cmpstr (none, ==, "<b>Tom & \"Jerry's\"</b> *bold*|<b>Tom & \"Jerry's\"</b> *bold*");

  candor_mustache_append_escaped (direct, "a<b&c", 3, CANDOR_MUSTACHE_ESCAPE_SLACK);
  g_assert_cmpstr (direct->str, ==, "prefix:a&lt;b");
}

static void
escape_stars (GString *out, const char *text, gsize length, gpointer user_data)
{
  for (gsize i = 0; i < length; i++)
    {
      if (text[i] == *(const char *)user_data)
        g_string_append_c (out, '\\');
      g_string_append_c (out, text[i]);
    }
}

static void
test_mustache_escape_function (void)
{
  g_autoptr (CandorMustacheTemplate) template =
    candor_mustache_template_new ("{{x}} {{{x}}}", NULL);
  g_autoptr (JsonNode) context = parse_json ("{\"x\": \"*a*\"}");
  g_autoptr (GString) out = g_string_new (NULL);
  CandorMustacheRenderOptions options = {
    .escape = CANDOR_MUSTACHE_ESCAPE_HTML,
    .escape_func = escape_stars,
    .escape_data = (gpointer) "*",
  };

  g_assert_true (candor_mustache_template_render_full (template, context, &options, out, NULL));
  g_assert_cmpstr (out->str, ==, "\\*a\\* *a*");
}

static void
assert_parse_error (const char *source, CandorMustacheError code, const char *message)
{
  g_autoptr (CandorMustacheTemplate) template = NULL;
  g_autoptr (GError) error = NULL;

  template = candor_mustache_template_new (source, &error);
  g_assert_null (template);
  g_assert_error (error, CANDOR_MUSTACHE_ERROR, (int)code);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_mustache_parse_errors (void)
{
  assert_parse_error ("Status\n\nAffected:\n  {{#services}}\n- {{name}}\n",
                      CANDOR_MUSTACHE_ERROR_UNCLOSED_SECTION,
                      "Line 4, column 3: the section “services” is never closed; add "
                      "{{/services}}");
  assert_parse_error ("{{#a}}{{#b}}{{/b}}\n", CANDOR_MUSTACHE_ERROR_UNCLOSED_SECTION,
                      "Line 1, column 1: the section “a” is never closed; add {{/a}}");
  assert_parse_error ("Hello\n {{/a}}", CANDOR_MUSTACHE_ERROR_UNEXPECTED_CLOSING_TAG,
                      "Line 2, column 2: {{/a}} closes a section that was never opened; remove "
                      "it or open the section before it with {{#a}}");
  assert_parse_error ("{{#a}}\n  {{^b}}\n  {{/a}}\n{{/b}}",
                      CANDOR_MUSTACHE_ERROR_MISMATCHED_CLOSING_TAG,
                      "Line 3, column 3: {{/a}} does not match the section “b” opened on line 2, "
                      "column 3; close that section first with {{/b}}");
  assert_parse_error ("ok\nIt is {{name\n", CANDOR_MUSTACHE_ERROR_UNCLOSED_TAG,
                      "Line 2, column 7: the tag “{{name” is never closed; end it with “}}”");
  assert_parse_error ("{{{name}}", CANDOR_MUSTACHE_ERROR_UNCLOSED_TAG,
                      "Line 1, column 1: the tag “{{{name}}” is never closed; end it with “}}}”");
  assert_parse_error ("a\n\n{{= <% %> x =}}", CANDOR_MUSTACHE_ERROR_BAD_DELIMITERS,
                      "Line 3, column 1: “<% %> x” does not set new delimiters; write the opening "
                      "and the closing delimiter separated by a space, without spaces or “=” in "
                      "them, like {{=<% %>=}}");
  assert_parse_error ("{{=<%=}}", CANDOR_MUSTACHE_ERROR_BAD_DELIMITERS,
                      "Line 1, column 1: “<%” does not set new delimiters; write the opening and "
                      "the closing delimiter separated by a space, without spaces or “=” in them, "
                      "like {{=<% %>=}}");
  assert_parse_error ("x {{# }}", CANDOR_MUSTACHE_ERROR_EMPTY_TAG,
                      "Line 1, column 3: the tag “{{# }}” has no name; write the variable or "
                      "section it is for inside it");
  assert_parse_error ("ab\ncd\xff", CANDOR_MUSTACHE_ERROR_INVALID_UTF8,
                      "Line 2, column 3: the template contains bytes that are not UTF-8 text");

  /* Columns count characters, not bytes, and suggestions use the delimiters in force. */
  assert_parse_error ("Störung — {{#x}}", CANDOR_MUSTACHE_ERROR_UNCLOSED_SECTION,
                      "Line 1, column 11: the section “x” is never closed; add {{/x}}");
  assert_parse_error ("{{=<% %>=}}\n\n <%#services%>", CANDOR_MUSTACHE_ERROR_UNCLOSED_SECTION,
                      "Line 3, column 2: the section “services” is never closed; add "
                      "<%/services%>");
  assert_parse_error ("{{#a}}🔥 {{long name that goes on and on and on",
                      CANDOR_MUSTACHE_ERROR_UNCLOSED_TAG,
                      "Line 1, column 9: the tag “{{long name that goes on…” is never closed; "
                      "end it with “}}”");
}

static const char *
partial_from_table (const char *name, gpointer user_data)
{
  return g_hash_table_lookup (user_data, name);
}

/* "{{#s}}" @depth times, "{{x}}", then the closing tags. */
static char *
nested_sections (guint depth)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (text, "{{#s}}");
  g_string_append (text, "{{x}}");
  for (guint i = 0; i < depth; i++)
    g_string_append (text, "{{/s}}");

  return g_string_free (text, FALSE);
}

static void
test_mustache_depth (void)
{
  g_autoptr (CandorMustacheTemplate) deepest = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *at_limit = nested_sections (100);
  g_autofree char *over_limit = nested_sections (101);
  g_autofree char *hostile = nested_sections (100000);

  deepest = candor_mustache_template_new (at_limit, &error);
  g_assert_no_error (error);
  g_assert_nonnull (deepest);

  /* Refused where the 101st opens, whatever follows: it would never render anyway. */
  assert_parse_error (over_limit, CANDOR_MUSTACHE_ERROR_TOO_DEEP,
                      "Line 1, column 601: sections are nested more than 100 deep here; a "
                      "template may nest at most 100");
  assert_parse_error (hostile, CANDOR_MUSTACHE_ERROR_TOO_DEEP,
                      "Line 1, column 601: sections are nested more than 100 deep here; a "
                      "template may nest at most 100");
}

static void
test_mustache_render_errors (void)
{
  g_autoptr (GHashTable) partials = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (CandorMustacheTemplate) template = candor_mustache_template_new ("a {{>loop}}", NULL);
  g_autoptr (CandorMustacheTemplate) nested = NULL;
  g_autoptr (JsonNode) context = parse_json ("{\"l\": [1,2,3,4,5,6,7,8,9,10]}");
  g_autoptr (GString) out = g_string_new ("kept");
  g_autoptr (GError) error = NULL;
  CandorMustacheRenderOptions options = {
    .partial_func = partial_from_table,
    .partial_data = partials,
  };

  g_hash_table_insert (partials, (gpointer) "loop", (gpointer) "x{{>loop}}");
  g_assert_false (candor_mustache_template_render_full (template, context, &options, out, &error));
  g_assert_error (error, CANDOR_MUSTACHE_ERROR, CANDOR_MUSTACHE_ERROR_TOO_DEEP);
  g_assert_cmpstr (error->message, ==,
                   "Line 1, column 2: sections and partials are nested more than 100 levels deep "
                   "here; does a partial include itself?");
  g_assert_cmpstr (out->str, ==, "kept");
  g_clear_error (&error);

  g_hash_table_insert (partials, (gpointer) "loop", (gpointer) "{{#broken}}");
  g_assert_false (candor_mustache_template_render_full (template, context, &options, out, &error));
  g_assert_error (error, CANDOR_MUSTACHE_ERROR, CANDOR_MUSTACHE_ERROR_UNCLOSED_SECTION);
  g_assert_cmpstr (error->message, ==,
                   "In the partial “loop”: Line 1, column 1: the section “broken” is never "
                   "closed; add {{/broken}}");
  g_clear_error (&error);

  /* 10^8 lines would freeze the editor: the render gives up instead. */
  nested = candor_mustache_template_new ("{{#l}}{{#l}}{{#l}}{{#l}}{{#l}}{{#l}}{{#l}}{{#l}}.{{/"
                                         "l}}{{/l}}{{/l}}{{/l}}{{/l}}{{/l}}{{/l}}{{/l}}",
                                         NULL);
  g_assert_false (candor_mustache_template_render_full (nested, context, NULL, out, &error));
  g_assert_error (error, CANDOR_MUSTACHE_ERROR, CANDOR_MUSTACHE_ERROR_TOO_LARGE);
  g_assert_cmpstr (out->str, ==, "kept");
}

typedef struct
{
  GString *seen;
} Listing;

static void
collect_variable_cb (const CandorMustacheVariable *variable, gpointer user_data)
{
  GString         *seen = user_data;
  g_autofree char *sections = g_strjoinv ("/", (char **)variable->sections);

  g_string_append_printf (seen, "%s %d %u:%u [%s]\n", variable->name, variable->kind,
                          variable->line, variable->column, sections);
}

static void
test_mustache_foreach_variable (void)
{
  g_autoptr (CandorMustacheTemplate) template = NULL;
  g_autoptr (GString) seen = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *expected = NULL;

  template = candor_mustache_template_new ("{{title}}\n"
                                           "{{#services}}\n"
                                           "  {{name}} {{& status.text}}\n"
                                           "  {{#links}}{{.}}{{/links}}\n"
                                           "{{/services}}\n"
                                           "{{! not a variable }}{{^resolved}}{{>footer}}"
                                           "{{/resolved}}",
                                           &error);
  g_assert_no_error (error);

  candor_mustache_template_foreach_variable (template, collect_variable_cb, seen);
  expected = g_strdup_printf ("title %d 1:1 []\n"
                              "services %d 2:1 []\n"
                              "name %d 3:3 [services]\n"
                              "status.text %d 3:12 [services]\n"
                              "links %d 4:3 [services]\n"
                              ". %d 4:13 [services/links]\n"
                              "resolved %d 6:22 []\n"
                              "footer %d 6:35 [resolved]\n",
                              CANDOR_MUSTACHE_TAG_VARIABLE, CANDOR_MUSTACHE_TAG_SECTION,
                              CANDOR_MUSTACHE_TAG_VARIABLE, CANDOR_MUSTACHE_TAG_UNESCAPED_VARIABLE,
                              CANDOR_MUSTACHE_TAG_SECTION, CANDOR_MUSTACHE_TAG_VARIABLE,
                              CANDOR_MUSTACHE_TAG_INVERTED_SECTION, CANDOR_MUSTACHE_TAG_PARTIAL);
  g_assert_cmpstr (seen->str, ==, expected);
}

static void
test_mustache_render_twice (void)
{
  g_autoptr (CandorMustacheTemplate) template = NULL;
  g_autoptr (JsonNode) first = parse_json ("{\"title\": \"API down\", \"services\": [\"API\"]}");
  g_autoptr (JsonNode) second =
    parse_json ("{\"title\": \"Slow logins\", \"services\": [\"Auth\", \"Web\"]}");
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;

  template = candor_mustache_template_new ("{{title}}:{{#services}} {{.}}{{/services}}", NULL);
  a = candor_mustache_template_render (template, first, CANDOR_MUSTACHE_ESCAPE_NONE, NULL);
  b = candor_mustache_template_render (template, second, CANDOR_MUSTACHE_ESCAPE_NONE, NULL);
  c = candor_mustache_template_render (template, first, CANDOR_MUSTACHE_ESCAPE_NONE, NULL);
  g_assert_cmpstr (a, ==, "API down: API");
  g_assert_cmpstr (b, ==, "Slow logins: Auth Web");
  g_assert_cmpstr (c, ==, a);
}

static void
test_mustache_partials_follow_edits (void)
{
  g_autoptr (GHashTable) partials = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (CandorMustacheTemplate) template = NULL;
  g_autoptr (JsonNode) context = parse_json ("{\"who\": \"ops\", \"items\": [\"a\", \"b\"]}");
  CandorMustacheRenderOptions options = { .partials = partials };
  g_autoptr (GString) out = g_string_new (NULL);

  template = candor_mustache_template_new ("Hi\n  {{>sig}}\n", NULL);

  g_hash_table_insert (partials, (gpointer) "sig",
                       (gpointer) "-- {{who}}\n{{#items}}\n* {{.}}\n{{/items}}\n");
  g_assert_true (candor_mustache_template_render_full (template, context, &options, out, NULL));
  g_assert_cmpstr (out->str, ==, "Hi\n  -- ops\n  * a\n  * b\n");

  /* Indentation adds up through nested standalone partials, but values keep their lines. */
  g_string_truncate (out, 0);
  g_hash_table_insert (partials, (gpointer) "sig", (gpointer) "--\n  {{>inner}}\n");
  g_hash_table_insert (partials, (gpointer) "inner", (gpointer) "{{{who}}}\n{{who}}\n");
  json_object_set_string_member (json_node_get_object (context), "who", "a\nb");
  g_assert_true (candor_mustache_template_render_full (template, context, &options, out, NULL));
  g_assert_cmpstr (out->str, ==, "Hi\n  --\n    a\nb\n    a\nb\n");
  json_object_set_string_member (json_node_get_object (context), "who", "ops");

  /* The user edited the partial: the cached compiled copy must not be used. */
  g_string_truncate (out, 0);
  g_hash_table_insert (partials, (gpointer) "sig", (gpointer) "Thanks, {{who}}");
  g_assert_true (candor_mustache_template_render_full (template, context, &options, out, NULL));
  g_assert_cmpstr (out->str, ==, "Hi\n  Thanks, ops");
}

static void
test_mustache_values (void)
{
  const char *json = "{\"zero\": 0, \"empty\": \"\", \"no\": false, \"none\": null, \"list\": [],"
                     " \"names\": [\"API\", \"Billing\", 3], \"half\": 0.5, \"big\": 12345678901,"
                     " \"yes\": true, \"obj\": {\"a\": 1}}";
  g_autofree char *falsy = render ("{{#zero}}z{{/zero}}{{#empty}}e{{/empty}}{{#no}}n{{/no}}"
                                   "{{#none}}x{{/none}}{{#list}}l{{/list}}{{#missing}}m{{/missing}}"
                                   "|{{^zero}}Z{{/zero}}{{^empty}}E{{/empty}}{{^obj}}O{{/obj}}",
                                   json, CANDOR_MUSTACHE_ESCAPE_HTML);
  g_autofree char *values = render ("{{names}}|{{half}}|{{big}}|{{yes}}|{{no}}|{{obj}}|{{none}}",
                                    json, CANDOR_MUSTACHE_ESCAPE_HTML);

  g_assert_cmpstr (falsy, ==, "|ZE");
  g_assert_cmpstr (values, ==, "API, Billing, 3|0.5|12345678901|true|false||");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/mustache/escapers", test_mustache_escapers);
  g_test_add_func ("/core/mustache/escape-function", test_mustache_escape_function);
  g_test_add_func ("/core/mustache/parse-errors", test_mustache_parse_errors);
  g_test_add_func ("/core/mustache/depth", test_mustache_depth);
  g_test_add_func ("/core/mustache/render-errors", test_mustache_render_errors);
  g_test_add_func ("/core/mustache/foreach-variable", test_mustache_foreach_variable);
  g_test_add_func ("/core/mustache/render-twice", test_mustache_render_twice);
  g_test_add_func ("/core/mustache/partials-follow-edits", test_mustache_partials_follow_edits);
  g_test_add_func ("/core/mustache/values", test_mustache_values);

  return g_test_run ();
}
