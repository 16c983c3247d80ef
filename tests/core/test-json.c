/* test-json.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "candor-json.h"

/* The JSON reader every document goes through: what it refuses, and how it says so. */

/* @depth lists nested in each other, around "1" (an object's member at @depth 0). */
static char *
nested_lists (guint depth)
{
  GString *text = g_string_new ("{\"a\": ");

  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  g_string_append_c (text, '1');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, ']');
  g_string_append_c (text, '}');

  return g_string_free (text, FALSE);
}

static void
assert_refused (const char *data, gssize length, int code, const char *message)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = candor_json_parse (data, length, "file.json", &error);

  g_assert_null (node);
  g_assert_error (error, CANDOR_JSON_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_json_depth (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *deepest = nested_lists (CANDOR_JSON_MAX_DEPTH - 1);
  g_autofree char *too_deep = nested_lists (CANDOR_JSON_MAX_DEPTH);
  g_autofree char *crash = NULL;
  GString         *objects = g_string_new (NULL);

  /* The object around the lists is one level: 99 lists inside it make 100. */
  node = candor_json_parse (deepest, -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);

  assert_refused (too_deep, -1, CANDOR_JSON_ERROR_LIMIT,
                  "file.json: line 1, column 106: lists and objects are nested more than 100 "
                  "deep here; Candor reads at most 100 levels");

  /* What crashed json-glib (recursion overflowing the stack): 100,000 of each. */
  crash = g_strnfill (100000, '[');
  crash = g_realloc (crash, 200001);
  memset (crash + 100000, ']', 100000);
  crash[200000] = '\0';
  assert_refused (crash, -1, CANDOR_JSON_ERROR_LIMIT,
                  "file.json: line 1, column 101: lists and objects are nested more than 100 "
                  "deep here; Candor reads at most 100 levels");

  /* Objects count the same as lists, and brackets in text do not count at all. */
  for (guint i = 0; i < 200; i++)
    g_string_append (objects, "{\"[{\": ");
  g_string_append (objects, "1");
  for (guint i = 0; i < 200; i++)
    g_string_append_c (objects, '}');
  g_clear_error (&error);
  g_assert_null (candor_json_parse (objects->str, objects->len, NULL, &error));
  g_assert_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_LIMIT);
  g_string_free (objects, TRUE);
}

static void
test_json_size (void)
{
  g_autofree char *big = g_malloc (CANDOR_JSON_MAX_SIZE + 2);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;

  /* Exactly the maximum: one string of spaces. */
  memset (big, ' ', CANDOR_JSON_MAX_SIZE);
  big[0] = '"';
  big[CANDOR_JSON_MAX_SIZE - 1] = '"';
  big[CANDOR_JSON_MAX_SIZE] = '\0';
  node = candor_json_parse (big, CANDOR_JSON_MAX_SIZE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);

  big[CANDOR_JSON_MAX_SIZE - 1] = ' ';
  big[CANDOR_JSON_MAX_SIZE] = '"';
  big[CANDOR_JSON_MAX_SIZE + 1] = '\0';
  assert_refused (big, -1, CANDOR_JSON_ERROR_LIMIT,
                  "file.json: the file holds 1048577 bytes; Candor reads files of up to "
                  "1.0\xC2\xA0MiB (1048576 bytes), far more than any message needs");
}

static void
test_json_nul (void)
{
  /* json-glib would decode the escape and the text would end there, unsaid. */
  assert_refused ("{\"incident\": {\"title\": \"T\\u0000hidden\"}}", -1, CANDOR_JSON_ERROR_SYNTAX,
                  "file.json: line 1, column 26: incident.title holds \\u0000, a NUL character, "
                  "which would cut the text short there; remove it");
  assert_refused ("{\"list\": [\"a\", \"b\\u0000\"]}", -1, CANDOR_JSON_ERROR_SYNTAX,
                  "file.json: line 1, column 18: list[1] holds \\u0000, a NUL character, which "
                  "would cut the text short there; remove it");
  assert_refused ("\"\\u0000\"", -1, CANDOR_JSON_ERROR_SYNTAX,
                  "file.json: line 1, column 2: the top level holds \\u0000, a NUL character, "
                  "which would cut the text short there; remove it");
  /* A raw NUL byte is not text at all. */
  assert_refused ("{\"a\": \"T\0hidden\"}", 17, CANDOR_JSON_ERROR_SYNTAX,
                  "file.json: line 1, column 9: the file holds a NUL byte, which text never "
                  "does; is it a text file?");
}

static void
test_json_duplicate_keys (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;

  assert_refused ("{\"update\": {},\n \"incident\": {},\n \"update\": {\"kind\": \"x\"}}", -1,
                  CANDOR_JSON_ERROR_SYNTAX,
                  "file.json: line 3, column 2: update is given a second time in the same "
                  "object; remove one of them");
  assert_refused ("{\"a\": [{\"b\": 1, \"c\": 2, \"b\": 3}]}", -1, CANDOR_JSON_ERROR_SYNTAX,
                  "file.json: line 1, column 25: a[0].b is given a second time in the same "
                  "object; remove one of them");

  /* The same key in different objects is fine, and so is a value equal to a key. */
  node = candor_json_parse ("{\"a\": {\"a\": \"a\"}, \"b\": [{\"a\": 1}, {\"a\": 2}]}", -1, NULL,
                            &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
}

static void
test_json_byte_order_mark (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;

  node = candor_json_parse ("\xEF\xBB\xBF{\"a\": 1}", -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "a"), ==, 1);

  /* Positions after it are as an editor shows them, the mark not counted. */
  assert_refused ("\xEF\xBB\xBF{\"a\": 1,}", -1, CANDOR_JSON_ERROR_SYNTAX,
                  "file.json: line 1, column 8: a comma before a closing bracket; remove it");
}

/* A value, a comment, and a second value: json-glib would read past the
 * comment and leak the second value, and so it does after a comment never
 * closed (both found by the fuzzer); they are refused. */
static void
test_json_value_then_comment (void)
{
  assert_refused ("1// note {\n{\"a\": 1}", -1, CANDOR_JSON_ERROR_SYNTAX,
                  "file.json: line 1, column 2: there is more after the end of the document; a "
                  "file holds one JSON value");
  assert_refused ("7/* note */ {\"a\": 1}", -1, CANDOR_JSON_ERROR_SYNTAX,
                  "file.json: line 1, column 13: there is more after the end of the document; a "
                  "file holds one JSON value");
  /* A "//" comment or a stray slash within the value. */
  assert_refused ("{\"a\": 1, // note\n\"b\": 2}", -1, CANDOR_JSON_ERROR_SYNTAX,
                  "file.json: line 1, column 10: JSON has no // comments, and a / belongs inside "
                  "quotes; remove it");
  assert_refused ("{/{\"id\": \"l\", \"settings\":/// }{}}", -1, CANDOR_JSON_ERROR_SYNTAX,
                  "file.json: line 1, column 2: JSON has no // comments, and a / belongs inside "
                  "quotes; remove it");
  /* A comment never closed, before the value or within it. */
  assert_refused ("/*/{\"a\": 1}{\"b\": 2}", -1, CANDOR_JSON_ERROR_SYNTAX,
                  "file.json: line 1, column 1: this comment is never closed; end it with */ or "
                  "remove it");
  assert_refused ("{\"a\": 1 /* note", -1, CANDOR_JSON_ERROR_SYNTAX,
                  "file.json: line 1, column 9: this comment is never closed; end it with */ or "
                  "remove it");
}

static void
test_json_wording (void)
{
  /* Not UTF-8: where, in characters. */
  assert_refused ("{\"a\": \"é\",\n \"b\": \"caf\xE9\"}", -1, CANDOR_JSON_ERROR_SYNTAX,
                  "file.json: line 2, column 11: the file is not UTF-8 text here; save it as "
                  "UTF-8");
  /* json-glib's scanner says "scanner: unterminated string constant". */
  assert_refused ("{\"a\": \"abc", -1, CANDOR_JSON_ERROR_SYNTAX,
                  "file.json: line 1, column 11: this text is never closed; end it with a "
                  "double quote (\")");
  assert_refused ("{\"a\": 1.2.3}", -1, CANDOR_JSON_ERROR_SYNTAX,
                  "file.json: line 1, column 10: this is not a number as JSON writes them, such "
                  "as 12, -3.5 or 2e6");

  /* No json-glib jargon in any of the ways a file can be broken. */
  {
    static const char *const broken[] = {
      "{\"a\": \"abc",        "{\"a\": 1.2.3}",  "{\"a\": 1e}",   "{\"a\": -}",
      "{\"a\": [1, 2",        "{\"a\" 1}",       "{\"a\": tru}",  "[1,,2]",
      "{\"a\": \"\\ud800\"}", "/* open comment", "{\"a\": \"b\"",
    };

    for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
      {
        g_autoptr (GError) error = NULL;
        g_autoptr (JsonNode) node = candor_json_parse (broken[i], -1, NULL, &error);

        g_test_message ("%s -> %s", broken[i], error != NULL ? error->message : "(parsed)");
        g_assert_null (node);
        g_assert_nonnull (error);
        g_assert_null (strstr (error->message, "scanner"));
        g_assert_null (strstr (error->message, "constant"));
        g_assert_null (strstr (error->message, "<data>"));
        g_assert_null (strstr (error->message, "Parse error"));
      }
  }
}

static void
test_json_check_text (void)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (candor_json_check_text ("plain text\n", 11, 100, "x", &error));
  g_assert_no_error (error);

  g_assert_false (candor_json_check_text ("plain\n\xFF", 7, 100, "x", &error));
  g_assert_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_SYNTAX);
  g_assert_cmpstr (error->message, ==,
                   "x: line 2, column 1: the file is not UTF-8 text here; save it as UTF-8");
  g_clear_error (&error);

  g_assert_false (candor_json_check_text ("0123456789", 10, 4, NULL, &error));
  g_assert_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_LIMIT);
  g_assert_cmpstr (error->message, ==,
                   "the file holds 10 bytes; Candor reads files of up to 4 bytes (4 bytes), far "
                   "more than any message needs");
}

/* The rejection is a scan, not a parse: 100,000 deep in well under the time of
 * parsing a real draft many times over. */
static void
test_json_deep_is_cheap (void)
{
  g_autofree char *crash = g_malloc (2000001);
  gint64           start;
  gint64           elapsed;

  memset (crash, '[', 1000000);
  memset (crash + 1000000, ']', 1000000);
  crash[2000000] = '\0';

  start = g_get_monotonic_time ();
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_null (candor_json_parse (crash, 100 * 1000 * 2, NULL, &error));
      g_assert_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_LIMIT);
    }
  elapsed = g_get_monotonic_time () - start;
  g_test_message ("10 rejections of 100,000 deep: %" G_GINT64_FORMAT " µs", elapsed);
#ifndef __SANITIZE_ADDRESS__
  /* Far above what it takes; sanitizer builds are too slow to judge. */
  g_assert_cmpint (elapsed, <, 5 * G_USEC_PER_SEC);
#endif
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/json/depth", test_json_depth);
  g_test_add_func ("/core/json/size", test_json_size);
  g_test_add_func ("/core/json/nul", test_json_nul);
  g_test_add_func ("/core/json/duplicate-keys", test_json_duplicate_keys);
  g_test_add_func ("/core/json/byte-order-mark", test_json_byte_order_mark);
  g_test_add_func ("/core/json/value-then-comment", test_json_value_then_comment);
  g_test_add_func ("/core/json/wording", test_json_wording);
  g_test_add_func ("/core/json/check-text", test_json_check_text);
  g_test_add_func ("/core/json/deep-is-cheap", test_json_deep_is_cheap);

  return g_test_run ();
}
