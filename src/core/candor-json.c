/* candor-json.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-json"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "candor-json.h"

G_DEFINE_QUARK (candor-json-error-quark, candor_json_error);

typedef struct
{
  guint line;
  guint column;
} ErrorPosition;

/* json-glib knows the position only while it parses, so catch it then. */
static void
on_parser_error_cb (JsonParser *parser, gpointer error, ErrorPosition *position)
{
  position->line = json_parser_get_current_line (parser);
  position->column = json_parser_get_current_pos (parser);
}

/* json-glib quotes the offending token cut at a byte count, which can split a
 * character in two; the message is for a person, so drop the broken bytes. */
static void
drop_partial_characters (char *message)
{
  const char *end;

  while (!g_utf8_validate (message, -1, &end))
    memmove ((char *)end, end + 1, strlen (end + 1) + 1);
}

/* The token in json-glib's `TeX style' quotes, or NULL. */
static char *
quoted_token (const char *message)
{
  const char *open_quote = strchr (message, '`');
  const char *close_quote = open_quote != NULL ? strchr (open_quote, '\'') : NULL;

  if (close_quote == NULL)
    return NULL;

  return g_strndup (open_quote + 1, close_quote - open_quote - 1);
}

/* json-glib's words for what its scanner met, and ours. */
/* clang-format off */
static const struct
{
  const char *words;
  const char *says;
} parser_jargon[] = {
  { "unexpected end of file",
    N_ ("the file ends in the middle of the document; is its end missing?") },
  { "unterminated string constant",
    N_ ("this text is never closed; end it with a double quote (\")") },
  { "unterminated comment",
    N_ ("this comment is never closed; end it with */") },
  { "malformed surrogate pair",
    N_ ("a \\u escape gives only half of a character; \\uD800 to \\uDFFF come in pairs") },
  { "invalid string constant",
    N_ ("a comma or closing bracket is missing after this") },
};
/* clang-format on */

/* json-glib's own wording ("expected character `}'") is for programmers and
 * often names the wrong thing; say what to fix where we can. */
static char *
describe_syntax_error (const GError *error)
{
  const char *detail;
  const char *end;
  const char *open_quote;
  const char *close_quote;
  GString    *text;

  if (error->domain == JSON_PARSER_ERROR)
    {
      switch (error->code)
        {
          case JSON_PARSER_ERROR_TRAILING_COMMA:
            return g_strdup (_("a comma before a closing bracket; remove it"));
          case JSON_PARSER_ERROR_MISSING_COMMA:
            return g_strdup (_("a comma or closing bracket is missing after this"));
          case JSON_PARSER_ERROR_MISSING_COLON:
            return g_strdup (_("a colon is missing after the key"));
          case JSON_PARSER_ERROR_INVALID_BAREWORD:
            /* json-glib also files stray punctuation (",,") under this code. */
            if (strstr (error->message, "identifier") != NULL)
              {
                g_autofree char *word = quoted_token (error->message);

                if (word != NULL)
                  return g_strdup_printf (_("“%s” has no quotes; text needs double quotes, and "
                                            "the only bare words are true, false and null"),
                                             word);
              }
            break;
          case JSON_PARSER_ERROR_EMPTY_MEMBER_NAME:
            return g_strdup (_("a key is empty"));
          default:
            break;
        }
    }

  /* Its scanner's own words ("scanner: non digit in constant") are for programmers. */
  for (guint i = 0; i < G_N_ELEMENTS (parser_jargon); i++)
    {
      if (strstr (error->message, parser_jargon[i].words) != NULL)
        return g_strdup (_(parser_jargon[i].says));
    }
  /* The rest of the scanner's are about numbers: a digit, radix or floating constant. */
  if (strstr (error->message, "scanner: ") != NULL)
    return g_strdup (_("this is not a number as JSON writes them, such as 12, -3.5 or 2e6"));

  /* Keep json-glib's "unexpected ..." but drop its "<data>:1:2: Parse error: "
   * prefix and its "expected ..." tail, which often names the wrong thing
   * ("unexpected character `}', expected character `}'"). */
  detail = strstr (error->message, "Parse error: ");
  detail = detail != NULL ? detail + strlen ("Parse error: ") : error->message;
  end = strstr (detail, ", expected");
  text = g_string_new_len (detail, end != NULL ? end - detail : -1);

  /* Its quotes are `TeX style'; only the outer pair, the token may hold others. */
  open_quote = strchr (text->str, '`');
  close_quote = strrchr (text->str, '\'');
  if (open_quote != NULL && close_quote != NULL && close_quote > open_quote)
    {
      gsize open_at = open_quote - text->str;
      gsize close_at = close_quote - text->str;

      g_string_erase (text, close_at, 1);
      g_string_insert (text, close_at, "”");
      g_string_erase (text, open_at, 1);
      g_string_insert (text, open_at, "“");
    }

  return g_string_free (text, FALSE);
}

/* Past whitespace and the comments json-glib allows, from @i: only the
 * slash-star kind, as json-glib does not end a "//" comment at the line's end.
 * It stops at a comment that is never closed (see comment_never_ends()). */
static gsize
skip_blank (const char *data, gsize length, gsize i)
{
  while (i < length)
    {
      if (g_ascii_isspace (data[i]))
        i++;
      else if (data[i] == '/' && i + 1 < length && data[i + 1] == '*')
        {
          const char *end = g_strstr_len (data + i + 2, length - i - 2, "*/");

          if (end == NULL)
            break;
          i = (gsize)(end - data) + 2;
        }
      else
        break;
    }

  return i;
}

/* A slash-star comment without its end: json-glib then reads on in ways that
 * leak what it read (found by the fuzzer), so it is refused first. */
static gboolean
comment_never_ends (const char *data, gsize length, gsize i)
{
  return i + 1 < length && data[i] == '/' && data[i + 1] == '*' &&
         g_strstr_len (data + i + 2, length - i - 2, "*/") == NULL;
}

/* The code unit of the "\uXXXX" escape at @p; 0 when there is no "\u" there,
 * -1 when it lacks its four hex digits (json-glib then reads on into whatever
 * follows, a closing quote included). */
static int
escape_code_unit (const char *p, gsize available)
{
  int unit = 0;

  if (available < 2 || p[0] != '\\' || p[1] != 'u')
    return 0;
  if (available < 6)
    return -1;

  for (guint k = 2; k < 6; k++)
    {
      int digit = g_ascii_xdigit_value (p[k]);

      if (digit < 0)
        return -1;
      unit = unit * 16 + digit;
    }

  return unit;
}

static const char *
describe_broken_escape (const char *escape, gsize available)
{
  int unit = escape_code_unit (escape, available);

  if (unit < 0)
    return _("a \\u escape needs four hex digits, as in \\u00E9");
  if (unit > 0)
    return _("a \\u escape gives only half of a character; \\uD800 to \\uDFFF come in pairs");

  return _("a backslash starts an escape such as \\n or \\u00E9; a backslash itself is "
           "written \\\\");
}

/* "line L, column C" of @offset in @data, counting characters. */
static char *
describe_offset (const char *data, gsize offset)
{
  g_autofree char *before = g_strndup (data, offset);
  const char      *line_start = strrchr (before, '\n');
  guint            line = 1;

  for (const char *c = before; *c != '\0'; c++)
    line += *c == '\n';
  line_start = line_start != NULL ? line_start + 1 : before;

  return g_strdup_printf (_("line %u, column %u"), line,
                             (guint)g_utf8_strlen (line_start, -1) + 1);
}

typedef enum
{
  SCAN_OK,
  SCAN_BROKEN_ESCAPE,
  SCAN_NUL,
  SCAN_TOO_DEEP,
  SCAN_DUPLICATE_KEY,
  SCAN_OPEN_COMMENT,
  SCAN_STRAY_SLASH,
} ScanProblem;

/* One open list or object. */
typedef struct
{
  gboolean    is_object;
  guint       index; /* a list's element, counted by its commas */
  const char *key;   /* an object's member being read, raw, without its quotes */
  gsize       key_length;
  GHashTable *keys;      /* the raw keys seen so far, made on the second key */
  const char *first_key; /* the first key, until @keys exists */
  gsize       first_key_length;
} Frame;

typedef struct
{
  gsize       value_length; /* where the first value ends */
  ScanProblem problem;
  gsize       at;   /* where the problem is */
  char       *path; /* the member the problem is in, "" at the top level */
} Scan;

static void
frame_clear (gpointer data)
{
  Frame *frame = data;

  g_clear_pointer (&frame->keys, g_hash_table_unref);
}

/* "update.title", "audiences[1].formats[0]": where in the document the scan is. */
static char *
frames_path (GArray *frames)
{
  GString *path = g_string_new (NULL);

  for (guint f = 0; f < frames->len; f++)
    {
      const Frame *frame = &g_array_index (frames, Frame, f);

      if (!frame->is_object)
        g_string_append_printf (path, "[%u]", frame->index);
      else if (frame->key != NULL)
        {
          if (path->len > 0)
            g_string_append_c (path, '.');
          g_string_append_len (path, frame->key, frame->key_length);
        }
    }

  return g_string_free (path, FALSE);
}

/* Records @key in @frame; FALSE when the object already has it. Keys are compared as
 * written: "a" and "\u0061" pass as two, and json-glib keeps the last. */
static gboolean
frame_add_key (Frame *frame, const char *key, gsize key_length)
{
  frame->key = key;
  frame->key_length = key_length;

  /* Most objects are small: no table until a second key. */
  if (frame->first_key == NULL)
    {
      frame->first_key = key;
      frame->first_key_length = key_length;
      return TRUE;
    }

  if (frame->keys == NULL)
    {
      frame->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_add (frame->keys, g_strndup (frame->first_key, frame->first_key_length));
    }

  return g_hash_table_add (frame->keys, g_strndup (key, key_length));
}

/* json-glib 1.6 reads "{...} {...}" as the first value and drops, and leaks, the
 * rest, so a file pasted in twice would load half-read; and it parses recursively,
 * so a few hundred kilobytes of "[" overflow the stack. So before json-glib sees
 * the text, this one loop, with no recursion, finds where the first value ends (for
 * json-glib to parse just that and for what follows to be refused) and refuses:
 * - nesting deeper than CANDOR_JSON_MAX_DEPTH;
 * - a key given twice in one object, which json-glib would silently drop;
 * - a \u0000, which json-glib would decode into a string that ends there;
 * - an unknown escape, a \u escape without four hex digits or a surrogate not in
 *   a high-low pair, which make json-glib lose track of where the text ends (and
 *   leak) or decode to bytes that are not UTF-8, which everything downstream
 *   relies on.
 * It only needs to be exact for valid JSON: json-glib reports the rest. */
static void
scan_document (const char *data, gsize length, Scan *scan)
{
  g_autoptr (GArray) frames = g_array_new (FALSE, TRUE, sizeof (Frame));
  gboolean in_string = FALSE;
  gboolean in_scalar = FALSE;
  gsize    string_start = 0;
  gsize    after;
  gsize    i;

  g_array_set_clear_func (frames, frame_clear);
  scan->value_length = length;
  scan->problem = SCAN_OK;

  for (i = skip_blank (data, length, 0); i < length; i++)
    {
      char   c = data[i];
      Frame *top = frames->len > 0 ? &g_array_index (frames, Frame, frames->len - 1) : NULL;

      if (in_string)
        {
          int unit = c == '\\' ? escape_code_unit (data + i, length - i) : 0;

          /* escape_code_unit() gives 0 for no \u escape as well as for \u0000. */
          if (c == '\\' && unit == 0 && i + 5 < length && data[i + 1] == 'u')
            {
              scan->problem = SCAN_NUL;
              break;
            }
          /* json-glib pairs a low surrogate with whatever \u escape follows it. */
          if (unit < 0 || (unit >= 0xDC00 && unit <= 0xDFFF) ||
              (c == '\\' && (i + 1 >= length || strchr ("\"\\/bfnrtu", data[i + 1]) == NULL)))
            {
              scan->problem = SCAN_BROKEN_ESCAPE;
              break;
            }
          else if (unit >= 0xD800 && unit <= 0xDBFF)
            {
              int low = i + 6 < length ? escape_code_unit (data + i + 6, length - i - 6) : 0;

              if (low < 0xDC00 || low > 0xDFFF)
                {
                  scan->problem = SCAN_BROKEN_ESCAPE;
                  break;
                }
              i += 11;
            }
          else if (c == '\\')
            i++;
          else if (c == '"')
            {
              in_string = FALSE;
              if (frames->len == 0)
                {
                  scan->value_length = i + 1;
                  return;
                }
              /* A string followed by a colon is a key. */
              after = skip_blank (data, length, i + 1);
              if (top->is_object && after < length && data[after] == ':' &&
                  !frame_add_key (top, data + string_start + 1, i - string_start - 1))
                {
                  /* The path names the key itself, which the frame now holds. */
                  i = string_start;
                  scan->problem = SCAN_DUPLICATE_KEY;
                  break;
                }
            }
        }
      else if (in_scalar && !g_ascii_isalnum (c) && strchr ("+-.", c) == NULL)
        {
          /* What cannot continue a number or a literal ends the value: a comment
           * too, after which json-glib would read (and leak) a second value. */
          scan->value_length = i;
          return;
        }
      else if (comment_never_ends (data, length, i))
        {
          scan->problem = SCAN_OPEN_COMMENT;
          break;
        }
      else if (c == '"')
        {
          in_string = TRUE;
          string_start = i;
        }
      else if (c == '/' && skip_blank (data, length, i) > i)
        i = skip_blank (data, length, i) - 1;
      else if (c == '/')
        {
          /* json-glib reads "//" and a lone "/" in ways that lose track of the
           * document and leak (found by the fuzzer): JSON has neither. */
          scan->problem = SCAN_STRAY_SLASH;
          break;
        }
      else if (c == '{' || c == '[')
        {
          Frame frame = { .is_object = c == '{' };

          if (frames->len >= CANDOR_JSON_MAX_DEPTH)
            {
              scan->problem = SCAN_TOO_DEEP;
              break;
            }
          g_array_append_val (frames, frame);
        }
      else if (c == '}' || c == ']')
        {
          if (frames->len <= 1)
            {
              scan->value_length = i + 1;
              return;
            }
          g_array_set_size (frames, frames->len - 1);
        }
      else if (c == ',' && top != NULL && !top->is_object)
        top->index++;
      else if (frames->len == 0 && (g_ascii_isspace (c) || c == ',' || c == ':'))
        {
          scan->value_length = i;
          return;
        }
      else if (frames->len == 0)
        in_scalar = TRUE;
    }

  if (scan->problem != SCAN_OK)
    {
      scan->at = i;
      scan->path = frames_path (frames);
    }
}

/* json-glib reads 1e999 as infinity and writes that back out as "inf", which
 * is not JSON: the file would not load again. On failure @path holds where. */
static gboolean
numbers_are_finite (JsonNode *node, GString *path)
{
  gsize parent_length = path->len;

  switch (JSON_NODE_TYPE (node))
    {
      case JSON_NODE_OBJECT:
        {
          JsonObjectIter iter;
          const char    *key;
          JsonNode      *member;

          json_object_iter_init (&iter, json_node_get_object (node));
          while (json_object_iter_next (&iter, &key, &member))
            {
              if (parent_length > 0)
                g_string_append_c (path, '.');
              g_string_append (path, key);
              if (!numbers_are_finite (member, path))
                return FALSE;
              g_string_truncate (path, parent_length);
            }
          return TRUE;
        }
      case JSON_NODE_ARRAY:
        {
          JsonArray *array = json_node_get_array (node);
          guint      length = json_array_get_length (array);

          for (guint i = 0; i < length; i++)
            {
              g_string_append_printf (path, "[%u]", i);
              if (!numbers_are_finite (json_array_get_element (array, i), path))
                return FALSE;
              g_string_truncate (path, parent_length);
            }
          return TRUE;
        }
      case JSON_NODE_VALUE:
        return json_node_get_value_type (node) != G_TYPE_DOUBLE ||
               isfinite (json_node_get_double (node));
      case JSON_NODE_NULL:
      default:
        return TRUE;
    }
}

/* "SOURCE: WHERE: MESSAGE", leaving out what is NULL: the one shape of every
 * error about a document's text, so that each command words it the same way. */
static void
set_text_error (GError    **error,
                int         code,
                const char *source_name,
                const char *where,
                const char *message)
{
  g_set_error (error, CANDOR_JSON_ERROR, code, "%s%s%s%s%s", source_name != NULL ? source_name : "",
               source_name != NULL ? ": " : "", where != NULL ? where : "",
               where != NULL ? ": " : "", message);
}

/* 1048576 -> "1.0 MiB". */
static char *
format_size (gsize size)
{
  return g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);
}

gboolean
candor_json_check_text (const char *data,
                        gsize       length,
                        gsize       max_size,
                        const char *source_name,
                        GError    **error)
{
  const char *end = NULL;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (length > max_size)
    {
      g_autofree char *max = format_size (max_size);
      g_autofree char *message =
        /* Translators: "the file holds 52428800 bytes; Candor reads files of up to
         * 1.0 MiB (1048576 bytes), far more than any message needs" */
        g_strdup_printf (_("the file holds %lu bytes; Candor reads files of up to %s (%lu "
                           "bytes), far more than any message needs"),
                            (gulong)length, max, (gulong)max_size);

      set_text_error (error, CANDOR_JSON_ERROR_LIMIT, source_name, NULL, message);
      return FALSE;
    }

  if (!g_utf8_validate (data, length, &end))
    {
      g_autofree char *where = describe_offset (data, end - data);

      set_text_error (error, CANDOR_JSON_ERROR_SYNTAX, source_name, where,
                      *end == '\0' ? _("the file holds a NUL byte, which text never does; is "
                                       "it a text file?")
                                   : _("the file is not UTF-8 text here; save it as UTF-8"));
      return FALSE;
    }

  return TRUE;
}

static char *
describe_scan_problem (const Scan *scan, const char *data, gsize length)
{
  const char *member = *scan->path != '\0' ? scan->path : _("the top level");

  if (scan->problem == SCAN_TOO_DEEP)
    return g_strdup_printf (_("lists and objects are nested more than %d deep here; Candor "
                              "reads at most %d levels"),
                               CANDOR_JSON_MAX_DEPTH, CANDOR_JSON_MAX_DEPTH);
  if (scan->problem == SCAN_DUPLICATE_KEY)
    return g_strdup_printf (_("%s is given a second time in the same object; remove one of "
                              "them"),
                               member);
  if (scan->problem == SCAN_STRAY_SLASH)
    return g_strdup (_("JSON has no // comments, and a / belongs inside quotes; remove it"));
  if (scan->problem == SCAN_OPEN_COMMENT)
    return g_strdup (_("this comment is never closed; end it with */ or remove it"));
  if (scan->problem == SCAN_NUL)
    return g_strdup_printf (_("%s holds \\u0000, a NUL character, which would cut the text "
                              "short there; remove it"),
                               member);

  return g_strdup (describe_broken_escape (data + scan->at, length - scan->at));
}

JsonNode *
candor_json_parse (const char *data, gssize length, const char *source_name, GError **error)
{
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GString) path = NULL;
  g_autofree char *where = NULL;
  g_autofree char *message = NULL;
  ErrorPosition    position = { 0, 0 };
  Scan             scan = { 0 };
  gsize            rest;
  JsonNode        *root;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (data);

  /* Windows Notepad starts its UTF-8 files with a byte-order mark. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  if (!candor_json_check_text (data, length, CANDOR_JSON_MAX_SIZE, source_name, error))
    return NULL;

  scan_document (data, length, &scan);
  if (scan.problem != SCAN_OK)
    {
      where = describe_offset (data, scan.at);
      message = describe_scan_problem (&scan, data, length);
      g_free (scan.path);
      set_text_error (
        error, scan.problem == SCAN_TOO_DEEP ? CANDOR_JSON_ERROR_LIMIT : CANDOR_JSON_ERROR_SYNTAX,
        source_name, where, message);
      return NULL;
    }

  /* Not immutable: callers may read the tree in place and steal nodes. */
  parser = json_parser_new ();
  g_signal_connect (parser, "error", G_CALLBACK (on_parser_error_cb), &position);

  if (!json_parser_load_from_data (parser, data, scan.value_length, &local_error))
    {
      drop_partial_characters (local_error->message);
      message = describe_syntax_error (local_error);

      if (position.line > 0)
        where = g_strdup_printf (_("line %u, column %u"), position.line, position.column);
      set_text_error (error, CANDOR_JSON_ERROR_SYNTAX, source_name, where, message);
      return NULL;
    }

  rest = skip_blank (data, length, scan.value_length);
  if (rest < (gsize)length)
    {
      where = describe_offset (data, rest);
      set_text_error (error, CANDOR_JSON_ERROR_SYNTAX, source_name, where,
                      _("there is more after the end of the document; a file holds one JSON "
                        "value"));
      return NULL;
    }

  /* Stolen, not copied: a copy of the tree costs as much as parsing it. */
  root = json_parser_steal_root (parser);
  if (root == NULL)
    {
      set_text_error (error, CANDOR_JSON_ERROR_SYNTAX, source_name, NULL, _("the file is empty"));
      return NULL;
    }

  path = g_string_new (NULL);
  if (!numbers_are_finite (root, path))
    {
      if (path->len == 0)
        g_string_assign (path, _("the top level"));
      message = g_strdup_printf ("%s: %s", path->str, _("the number is too large"));
      set_text_error (error, CANDOR_JSON_ERROR_VALUE, source_name, NULL, message);
      json_node_unref (root);
      return NULL;
    }

  return root;
}

char *
candor_json_path_join (const char *parent, const char *key)
{
  if (parent == NULL || *parent == '\0')
    return g_strdup (key);

  return g_strconcat (parent, ".", key, NULL);
}

static const char *
describe_node_type (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
      case JSON_NODE_OBJECT:
        return _("an object");
      case JSON_NODE_ARRAY:
        return _("a list");
      case JSON_NODE_NULL:
        return _("null");
      case JSON_NODE_VALUE:
      default:
        break;
    }

  switch (json_node_get_value_type (node))
    {
      case G_TYPE_STRING:
        return _("text");
      case G_TYPE_BOOLEAN:
        return _("true or false");
      case G_TYPE_INT64:
      case G_TYPE_DOUBLE:
        return _("a number");
      default:
        return _("a value");
    }
}

static void
set_type_error (GError **error, const char *path, const char *expected, JsonNode *found)
{
  g_set_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_TYPE,
               /* Translators: "update.kind: expected text, found a number" */
               _("%s: expected %s, found %s"), path, expected, describe_node_type (found));
}

/* Levenshtein distance, capped: only small typos deserve a suggestion. */
static guint
edit_distance (const char *a, const char *b)
{
  gsize len_a = strlen (a), len_b = strlen (b);
  guint row[64];

  if (len_b >= G_N_ELEMENTS (row) || len_a >= G_N_ELEMENTS (row))
    return G_MAXUINT;

  for (gsize j = 0; j <= len_b; j++)
    row[j] = j;

  for (gsize i = 1; i <= len_a; i++)
    {
      guint diagonal = row[0];

      row[0] = i;
      for (gsize j = 1; j <= len_b; j++)
        {
          guint above = row[j];
          guint cost = g_ascii_tolower (a[i - 1]) == g_ascii_tolower (b[j - 1]) ? 0 : 1;

          row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), diagonal + cost);
          diagonal = above;
        }
    }

  return row[len_b];
}

static void
set_unknown_key_error (GError **error, const char *path, const char *key, const char *const *known)
{
  g_autofree char *key_path = candor_json_path_join (path, key);
  g_autofree char *list = NULL;
  const char      *closest = NULL;
  guint            closest_distance = 3;

  for (guint i = 0; known[i] != NULL; i++)
    {
      guint distance = edit_distance (key, known[i]);

      if (distance < closest_distance)
        {
          closest = known[i];
          closest_distance = distance;
        }
    }

  if (closest != NULL)
    {
      g_set_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_UNKNOWN_KEY,
                   _("%s: unknown key; did you mean “%s”?"), key_path, closest);
      return;
    }

  list = g_strjoinv (", ", (char **)known);
  g_set_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_UNKNOWN_KEY,
               _("%s: unknown key; the known keys are %s"), key_path, list);
}

JsonObject *
candor_json_expect_object (JsonNode          *node,
                           const char        *path,
                           const char *const *known,
                           GError           **error)
{
  JsonObjectIter iter;
  const char    *key;
  JsonObject    *object;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (known != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_type_error (
        error, path != NULL && *path != '\0' ? path : _("the top level"), _("an object"), node);
      return NULL;
    }

  object = json_node_get_object (node);
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &key, NULL))
    {
      if (!g_strv_contains (known, key))
        {
          set_unknown_key_error (error, path, key, known);
          return NULL;
        }
    }

  return object;
}

/* The member at @key, or NULL when it is absent or null (both mean "default"). */
static JsonNode *
lookup_member (JsonObject *object, const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  return node;
}

static gboolean
node_holds_type (JsonNode *node, GType type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

gboolean
candor_json_get_string (JsonObject  *object,
                        const char  *path,
                        const char  *key,
                        const char **out,
                        GError     **error)
{
  JsonNode *node = lookup_member (object, key);

  if (node == NULL)
    return TRUE;

  if (!node_holds_type (node, G_TYPE_STRING))
    {
      g_autofree char *key_path = candor_json_path_join (path, key);

      set_type_error (error, key_path, _("text"), node);
      return FALSE;
    }

  *out = json_node_get_string (node);
  return TRUE;
}

gboolean
candor_json_get_boolean (JsonObject *object,
                         const char *path,
                         const char *key,
                         gboolean   *out,
                         GError    **error)
{
  JsonNode *node = lookup_member (object, key);

  if (node == NULL)
    return TRUE;

  if (!node_holds_type (node, G_TYPE_BOOLEAN))
    {
      g_autofree char *key_path = candor_json_path_join (path, key);

      set_type_error (error, key_path, _("true or false"), node);
      return FALSE;
    }

  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
candor_json_get_int (JsonObject *object,
                     const char *path,
                     const char *key,
                     gint64     *out,
                     GError    **error)
{
  JsonNode *node = lookup_member (object, key);

  if (node == NULL)
    return TRUE;

  if (!node_holds_type (node, G_TYPE_INT64))
    {
      g_autofree char *key_path = candor_json_path_join (path, key);

      set_type_error (error, key_path, _("a whole number"), node);
      return FALSE;
    }

  *out = json_node_get_int (node);
  return TRUE;
}

gboolean
candor_json_get_date_time (JsonObject *object,
                           const char *path,
                           const char *key,
                           GDateTime **out,
                           GError    **error)
{
  g_autofree char *key_path = NULL;
  const char      *text = NULL;
  GDateTime       *parsed;

  if (!candor_json_get_string (object, path, key, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;

  /* No default zone: a time without an offset is rejected, not guessed. */
  parsed = g_date_time_new_from_iso8601 (text, NULL);
  if (parsed == NULL)
    {
      key_path = candor_json_path_join (path, key);
      g_set_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_VALUE,
                   _("%s: “%s” is not a time; write it as ISO 8601 with an offset, "
                     "e.g. 2026-11-30T14:05:00+01:00"),
                      key_path, text);
      return FALSE;
    }

  g_clear_pointer (out, g_date_time_unref);
  *out = parsed;
  return TRUE;
}

gboolean
candor_json_get_strv (JsonObject *object,
                      const char *path,
                      const char *key,
                      GStrv      *out,
                      GError    **error)
{
  g_autoptr (GStrvBuilder) builder = NULL;
  JsonNode  *node = lookup_member (object, key);
  JsonArray *array;
  guint      length;

  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *key_path = candor_json_path_join (path, key);

      set_type_error (error, key_path, _("a list of text"), node);
      return FALSE;
    }

  array = json_node_get_array (node);
  length = json_array_get_length (array);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < length; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!node_holds_type (element, G_TYPE_STRING))
        {
          g_autofree char *element_path =
            g_strdup_printf ("%s%s%s[%u]", path ? path : "", path && *path ? "." : "", key, i);

          set_type_error (error, element_path, _("text"), element);
          return FALSE;
        }
      g_strv_builder_add (builder, json_node_get_string (element));
    }

  g_strfreev (*out);
  *out = g_strv_builder_end (builder);
  return TRUE;
}

gboolean
candor_json_enum_from_string (const char *value,
                              const char *path,
                              GType       enum_type,
                              const char *what,
                              int        *out,
                              GError    **error)
{
  g_autoptr (GEnumClass) klass = NULL;
  g_autoptr (GString) nicks = NULL;
  GEnumValue *found;

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  klass = g_type_class_ref (enum_type);
  found = g_enum_get_value_by_nick (klass, value);
  if (found != NULL)
    {
      *out = found->value;
      return TRUE;
    }

  nicks = g_string_new (NULL);
  for (guint i = 0; i < klass->n_values; i++)
    {
      if (i > 0)
        g_string_append (nicks, ", ");
      g_string_append (nicks, klass->values[i].value_nick);
    }

  g_set_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_VALUE,
               /* Translators: "update.kind: “soon” is not a message kind; use one of
                * initial, progress, resolution, post-incident" */
               _("%s: “%s” is not %s; use one of %s"), path, value, what, nicks->str);
  return FALSE;
}

gboolean
candor_json_get_enum (JsonObject *object,
                      const char *path,
                      const char *key,
                      GType       enum_type,
                      const char *what,
                      int        *out,
                      GError    **error)
{
  g_autofree char *key_path = NULL;
  const char      *text = NULL;

  if (!candor_json_get_string (object, path, key, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;

  key_path = candor_json_path_join (path, key);
  return candor_json_enum_from_string (text, key_path, enum_type, what, out, error);
}

char *
candor_json_format_date_time (GDateTime *date_time)
{
  g_autofree char *rest = NULL;

  g_return_val_if_fail (date_time != NULL, NULL);

  /* Always a full "+03:00" offset (g_date_time_format_iso8601() writes "+03"),
   * and the microseconds only when there are some, so parsing it back is exact. */
  if (g_date_time_get_microsecond (date_time) != 0)
    rest = g_date_time_format (date_time, "%m-%dT%H:%M:%S.%f%:z");
  else
    rest = g_date_time_format (date_time, "%m-%dT%H:%M:%S%:z");

  /* %Y does not pad: the year 26 would come out as "26-11-30...", which
   * ISO 8601 parsers (GLib's included) refuse, and the file would not load. */
  return g_strdup_printf ("%04d-%s", g_date_time_get_year (date_time), rest);
}
