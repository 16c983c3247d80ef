/* candor-mustache.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-mustache"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "candor-mustache.h"

/* Rendering runs on every keystroke, so a template is parsed once into a flat array of
 * nodes: a section's children are the nodes that follow it up to its @end index, which
 * makes rendering a loop over an array instead of a walk over a tree of allocations.
 * Text nodes point into the template's own copy of the source. */

/* Sections and partials nested deeper than this are a partial including itself without
 * end far more often than a real template. */
#define MAX_DEPTH 100
/* A template that needs more steps or output than this would freeze the editor. */
#define MAX_STEPS   (1u << 20)
#define MAX_OUTPUT  (16u << 20)
#define EXCERPT_LEN 24

typedef enum
{
  NODE_TEXT,
  NODE_VARIABLE,
  NODE_SECTION,
  NODE_INVERTED,
  NODE_PARTIAL,
} NodeKind;

typedef struct
{
  NodeKind kind;
  guint    escaped : 1;
  /* The tag had its line to itself, so the line's whitespace was dropped with it. */
  guint standalone : 1;
  guint line;
  guint column;
  /* NODE_TEXT: a slice of the template's source. */
  const char *text;
  gsize       length;
  char       *name;
  /* Split at dots; %NULL for the implicit iterator ".". */
  GStrv path;
  /* NODE_PARTIAL: the whitespace in front of a standalone partial tag. */
  char *indent;
  /* NODE_SECTION, NODE_INVERTED: the index just past the section's children. */
  guint end;
} Node;

typedef struct
{
  char                   *source;
  CandorMustacheTemplate *compiled;
} CachedPartial;

struct _CandorMustacheTemplate
{
  gatomicrefcount ref_count;
  char           *source;
  GArray         *nodes;

  /* Partials are text given at render time; parsing them again on every render would
   * undo the point of compiling, so each is kept with the text it was parsed from. */
  GMutex      partials_lock;
  GHashTable *partials;
};

G_DEFINE_BOXED_TYPE (CandorMustacheTemplate,
                     candor_mustache_template,
                     candor_mustache_template_ref,
                     candor_mustache_template_unref)

G_DEFINE_QUARK (candor-mustache-error-quark, candor_mustache_error);

static void
node_clear (Node *node)
{
  g_clear_pointer (&node->name, g_free);
  g_clear_pointer (&node->path, g_strfreev);
  g_clear_pointer (&node->indent, g_free);
}

static void
cached_partial_free (CachedPartial *cached)
{
  g_free (cached->source);
  g_clear_pointer (&cached->compiled, candor_mustache_template_unref);
  g_free (cached);
}

/* Parsing */

typedef enum
{
  TAG_VARIABLE,
  TAG_UNESCAPED,
  TAG_TRIPLE,
  TAG_SECTION,
  TAG_INVERTED,
  TAG_CLOSE,
  TAG_COMMENT,
  TAG_PARTIAL,
  TAG_DELIMITERS,
} TagType;

typedef struct
{
  const char *source;
  gsize       length;
  GArray     *nodes;
  /* Indices of the sections opened and not yet closed, innermost last. */
  GArray *open;
  char   *otag;
  char   *ctag;
  gsize   otag_len;
  gsize   ctag_len;
  /* Line and column are counted forward only, from the last position asked for. */
  gsize counted_to;
  guint line;
  guint column;
} Parser;

static void
parser_position (Parser *parser, gsize pos, guint *line, guint *column)
{
  g_assert (pos >= parser->counted_to);

  for (; parser->counted_to < pos; parser->counted_to++)
    {
      guchar c = parser->source[parser->counted_to];

      if (c == '\n')
        {
          parser->line++;
          parser->column = 1;
        }
      else if ((c & 0xC0) != 0x80)
        {
          /* Continuation bytes belong to the character already counted. */
          parser->column++;
        }
    }

  *line = parser->line;
  *column = parser->column;
}

static void G_GNUC_PRINTF (5, 6) set_error (GError            **error,
                                            CandorMustacheError code,
                                            guint               line,
                                            guint               column,
                                            const char         *format,
                                            ...)
{
  g_autofree char *detail = NULL;
  va_list          args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, CANDOR_MUSTACHE_ERROR, code,
               _("Line %u, column %u: %s"), line, column, detail);
}

static char *
parser_tag (Parser *parser, const char *sigil, const char *name)
{
  return g_strconcat (parser->otag, sigil, name, parser->ctag, NULL);
}

/* The start of an unclosed tag, enough for the author to find it. */
static char *
excerpt (const char *text, gsize length)
{
  const char      *end = memchr (text, '\n', length);
  gsize            n_bytes = end != NULL ? (gsize)(end - text) : length;
  glong            n_chars = g_utf8_strlen (text, n_bytes);
  g_autofree char *line = g_strndup (text, n_bytes);

  if (n_chars <= EXCERPT_LEN)
    return g_steal_pointer (&line);

  {
    g_autofree char *start = g_utf8_substring (line, 0, EXCERPT_LEN);

    return g_strconcat (start, "…", NULL);
  }
}

static gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

static void
add_text (Parser *parser, gsize start, gsize end)
{
  Node node = { 0 };

  if (end <= start)
    return;

  node.kind = NODE_TEXT;
  node.text = parser->source + start;
  node.length = end - start;
  g_array_append_val (parser->nodes, node);
}

static gboolean
set_delimiters (Parser *parser, const char *content, gsize length, gsize tag_start, GError **error)
{
  g_autofree char *spec = g_strndup (content, length);
  g_autofree char *shown = NULL;
  g_auto (GStrv) parts = NULL;
  guint line, column;

  g_strstrip (spec);
  parts = g_strsplit_set (spec, " \t\r\n", -1);

  {
    /* Runs of spaces between the two delimiters leave empty parts behind. */
    g_autoptr (GPtrArray) words = g_ptr_array_new ();

    for (guint i = 0; parts[i] != NULL; i++)
      if (parts[i][0] != '\0')
        g_ptr_array_add (words, parts[i]);

    if (words->len == 2 && strchr (words->pdata[0], '=') == NULL &&
        strchr (words->pdata[1], '=') == NULL)
      {
        g_free (parser->otag);
        g_free (parser->ctag);
        parser->otag = g_strdup (words->pdata[0]);
        parser->ctag = g_strdup (words->pdata[1]);
        parser->otag_len = strlen (parser->otag);
        parser->ctag_len = strlen (parser->ctag);
        return TRUE;
      }
  }

  shown = excerpt (spec, strlen (spec));
  parser_position (parser, tag_start, &line, &column);
  set_error (error, CANDOR_MUSTACHE_ERROR_BAD_DELIMITERS, line, column,
             _("“%s” does not set new delimiters; write the opening and the closing delimiter "
               "separated by a space, without spaces or “=” in them, like {{=<%% %%>=}}"),
                spec);
  return FALSE;
}

static TagType
tag_type_for_sigil (char sigil)
{
  switch (sigil)
    {
      case '#':
        return TAG_SECTION;
      case '^':
        return TAG_INVERTED;
      case '/':
        return TAG_CLOSE;
      case '!':
        return TAG_COMMENT;
      case '>':
        return TAG_PARTIAL;
      case '=':
        return TAG_DELIMITERS;
      case '&':
        return TAG_UNESCAPED;
      case '{':
        return TAG_TRIPLE;
      default:
        return TAG_VARIABLE;
    }
}

static gboolean
tag_can_stand_alone (TagType type)
{
  return type == TAG_SECTION || type == TAG_INVERTED || type == TAG_CLOSE || type == TAG_COMMENT ||
         type == TAG_PARTIAL || type == TAG_DELIMITERS;
}

static gboolean
parse (Parser *parser, GError **error)
{
  const char *source = parser->source;
  gsize       length = parser->length;
  gsize       pos = 0;
  guint       line, column;

  while (pos < length)
    {
      const char      *found = memmem (source + pos, length - pos, parser->otag, parser->otag_len);
      g_autofree char *close = NULL;
      g_autofree char *name = NULL;
      gsize            tag_start, content_start, content_end, tag_end, text_end, next;
      gsize            line_end = 0;
      const char      *close_at;
      TagType          type;
      gboolean         standalone = FALSE;
      Node             node = { 0 };

      if (found == NULL)
        break;

      tag_start = found - source;
      content_start = tag_start + parser->otag_len;
      type = tag_type_for_sigil (content_start < length ? source[content_start] : '\0');
      if (type != TAG_VARIABLE)
        content_start++;

      if (type == TAG_TRIPLE)
        close = g_strconcat ("}", parser->ctag, NULL);
      else if (type == TAG_DELIMITERS)
        close = g_strconcat ("=", parser->ctag, NULL);
      else
        close = g_strdup (parser->ctag);

      close_at = content_start <= length
                   ? memmem (source + content_start, length - content_start, close, strlen (close))
                   : NULL;
      if (close_at == NULL)
        {
          g_autofree char *start = excerpt (source + tag_start, length - tag_start);

          parser_position (parser, tag_start, &line, &column);
          set_error (error, CANDOR_MUSTACHE_ERROR_UNCLOSED_TAG, line, column,
                     _("the tag “%s” is never closed; end it with “%s”"), start, close);
          return FALSE;
        }
      content_end = close_at - source;
      tag_end = content_end + strlen (close);

      /* A tag that does not print anything and has its line to itself takes the whole
       * line with it, so that templates can be laid out readably. */
      text_end = tag_start;
      next = tag_end;
      if (tag_can_stand_alone (type))
        {
          gsize before = tag_start;
          gsize after = tag_end;

          while (before > pos && is_blank (source[before - 1]))
            before--;
          while (after < length && is_blank (source[after]))
            after++;

          if (after == length)
            line_end = length;
          else if (source[after] == '\n')
            line_end = after + 1;
          else if (source[after] == '\r' && after + 1 < length && source[after + 1] == '\n')
            line_end = after + 2;

          if ((before == 0 || source[before - 1] == '\n') && line_end != 0)
            {
              standalone = TRUE;
              text_end = before;
              next = line_end;
            }
        }

      add_text (parser, pos, text_end);
      parser_position (parser, tag_start, &line, &column);

      if (type == TAG_DELIMITERS)
        {
          if (!set_delimiters (parser, source + content_start, content_end - content_start,
                               tag_start, error))
            return FALSE;
          pos = next;
          continue;
        }

      if (type == TAG_COMMENT)
        {
          pos = next;
          continue;
        }

      name = g_strstrip (g_strndup (source + content_start, content_end - content_start));
      if (name[0] == '\0')
        {
          g_autofree char *tag = excerpt (source + tag_start, tag_end - tag_start);

          set_error (error, CANDOR_MUSTACHE_ERROR_EMPTY_TAG, line, column,
                     _("the tag “%s” has no name; write the variable or section it is for "
                       "inside it"),
                        tag);
          return FALSE;
        }

      if (type == TAG_CLOSE)
        {
          Node *open;

          if (parser->open->len == 0)
            {
              g_autofree char *tag = parser_tag (parser, "/", name);
              g_autofree char *opening = parser_tag (parser, "#", name);

              set_error (error, CANDOR_MUSTACHE_ERROR_UNEXPECTED_CLOSING_TAG, line, column,
                         _("%s closes a section that was never opened; remove it or open the "
                           "section before it with %s"),
                            tag, opening);
              return FALSE;
            }

          open = &g_array_index (parser->nodes, Node,
                                 g_array_index (parser->open, guint, parser->open->len - 1));
          if (strcmp (open->name, name) != 0)
            {
              g_autofree char *tag = parser_tag (parser, "/", name);
              g_autofree char *expected = parser_tag (parser, "/", open->name);

              set_error (error, CANDOR_MUSTACHE_ERROR_MISMATCHED_CLOSING_TAG, line, column,
                         _("%s does not match the section “%s” opened on line %u, column %u; "
                           "close that section first with %s"),
                            tag, open->name, open->line, open->column, expected);
              return FALSE;
            }

          open->end = parser->nodes->len;
          g_array_set_size (parser->open, parser->open->len - 1);
          pos = next;
          continue;
        }

      node.line = line;
      node.column = column;
      node.standalone = standalone;
      node.path = strcmp (name, ".") == 0 ? NULL : g_strsplit (name, ".", -1);
      node.name = g_steal_pointer (&name);

      switch (type)
        {
          case TAG_VARIABLE:
            node.kind = NODE_VARIABLE;
            node.escaped = TRUE;
            break;

          case TAG_UNESCAPED:
          case TAG_TRIPLE:
            node.kind = NODE_VARIABLE;
            break;

          case TAG_SECTION:
          case TAG_INVERTED:
            node.kind = type == TAG_SECTION ? NODE_SECTION : NODE_INVERTED;
            g_array_append_val (parser->open, parser->nodes->len);
            break;

          case TAG_PARTIAL:
            node.kind = NODE_PARTIAL;
            if (standalone)
              node.indent = g_strndup (source + text_end, tag_start - text_end);
            break;

          case TAG_CLOSE:
          case TAG_COMMENT:
          case TAG_DELIMITERS:
          default:
            g_assert_not_reached ();
        }

      g_array_append_val (parser->nodes, node);
      pos = next;
    }

  add_text (parser, pos, length);

  if (parser->open->len > 0)
    {
      Node            *open = &g_array_index (parser->nodes, Node,
                                              g_array_index (parser->open, guint, parser->open->len - 1));
      g_autofree char *closing = parser_tag (parser, "/", open->name);

      set_error (error, CANDOR_MUSTACHE_ERROR_UNCLOSED_SECTION, open->line, open->column,
                 _("the section “%s” is never closed; add %s"), open->name, closing);
      return FALSE;
    }

  return TRUE;
}

/**
 * candor_mustache_template_new:
 * @source: the template text
 * @error: where to report a syntax error
 *
 * Parses @source once so that it can be rendered many times.
 *
 * Returns: (transfer full): the compiled template, or %NULL with @error set
 */
CandorMustacheTemplate *
candor_mustache_template_new (const char *source, GError **error)
{
  g_autoptr (CandorMustacheTemplate) self = NULL;
  g_autoptr (GArray) open = NULL;
  const char *invalid = NULL;
  Parser      parser = { 0 };
  gboolean    ok;

  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (CandorMustacheTemplate, 1);
  g_atomic_ref_count_init (&self->ref_count);
  g_mutex_init (&self->partials_lock);
  self->source = g_strdup (source);
  self->nodes = g_array_new (FALSE, FALSE, sizeof (Node));
  g_array_set_clear_func (self->nodes, (GDestroyNotify)node_clear);

  parser.source = self->source;
  parser.length = strlen (source);
  parser.nodes = self->nodes;
  parser.line = 1;
  parser.column = 1;

  if (!g_utf8_validate (parser.source, parser.length, &invalid))
    {
      guint line, column;

      parser_position (&parser, invalid - parser.source, &line, &column);
      set_error (error, CANDOR_MUSTACHE_ERROR_INVALID_UTF8, line, column, "%s",
                 _("the template contains bytes that are not UTF-8 text"));
      return NULL;
    }

  open = g_array_new (FALSE, FALSE, sizeof (guint));
  parser.open = open;
  parser.otag = g_strdup ("{{");
  parser.ctag = g_strdup ("}}");
  parser.otag_len = parser.ctag_len = 2;

  ok = parse (&parser, error);
  g_free (parser.otag);
  g_free (parser.ctag);
  if (!ok)
    return NULL;

  return g_steal_pointer (&self);
}

CandorMustacheTemplate *
candor_mustache_template_ref (CandorMustacheTemplate *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
candor_mustache_template_unref (CandorMustacheTemplate *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_clear_pointer (&self->partials, g_hash_table_unref);
  g_mutex_clear (&self->partials_lock);
  g_clear_pointer (&self->nodes, g_array_unref);
  g_clear_pointer (&self->source, g_free);
  g_free (self);
}

const char *
candor_mustache_template_get_source (CandorMustacheTemplate *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->source;
}

/* Escaping */

/* HTML text and attribute values, as {{name}} escapes them: the five
 * characters, "'" as "&#39;", which older mail clients know. The same bytes
 * as candor-markdown.c's escaper, so a variable reads like the text around
 * it; the preview's Pango markup escaper (ui/) differs. */
static void
append_escaped_html (GString *out, const char *text, gsize length)
{
  const char *run = text;
  const char *end = text + length;

  for (const char *p = text; p < end; p++)
    {
      const char *entity;

      switch (*p)
        {
          case '&':
            entity = "&amp;";
            break;
          case '<':
            entity = "&lt;";
            break;
          case '>':
            entity = "&gt;";
            break;
          case '"':
            entity = "&quot;";
            break;
          case '\'':
            entity = "&#39;";
            break;
          default:
            continue;
        }

      g_string_append_len (out, run, p - run);
      g_string_append (out, entity);
      run = p + 1;
    }

  g_string_append_len (out, run, end - run);
}

/* Slack's mrkdwn wants only the three characters that start its own markup escaped;
 * escaping quotes as well would show up as “&quot;” in the message. */
static void
append_escaped_slack (GString *out, const char *text, gsize length)
{
  const char *run = text;
  const char *end = text + length;

  for (const char *p = text; p < end; p++)
    {
      const char *entity;

      switch (*p)
        {
          case '&':
            entity = "&amp;";
            break;
          case '<':
            entity = "&lt;";
            break;
          case '>':
            entity = "&gt;";
            break;
          default:
            continue;
        }

      g_string_append_len (out, run, p - run);
      g_string_append (out, entity);
      run = p + 1;
    }

  g_string_append_len (out, run, end - run);
}

/**
 * candor_mustache_append_escaped:
 * @out: where to append
 * @text: the text to escape
 * @length: the length of @text in bytes, or -1 if it is nul-terminated
 * @escape: the output dialect
 *
 * Appends @text to @out escaped as {{name}} would be.
 */
void
candor_mustache_append_escaped (GString             *out,
                                const char          *text,
                                gssize               length,
                                CandorMustacheEscape escape)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (text != NULL);

  if (length < 0)
    length = strlen (text);

  switch (escape)
    {
      case CANDOR_MUSTACHE_ESCAPE_HTML:
        append_escaped_html (out, text, length);
        break;

      case CANDOR_MUSTACHE_ESCAPE_SLACK:
        append_escaped_slack (out, text, length);
        break;

      case CANDOR_MUSTACHE_ESCAPE_NONE:
      default:
        g_string_append_len (out, text, length);
        break;
    }
}

static void
escape_with_dialect (GString *out, const char *text, gsize length, gpointer user_data)
{
  candor_mustache_append_escaped (out, text, length, GPOINTER_TO_INT (user_data));
}

/* Rendering */

typedef struct
{
  GString                           *out;
  GPtrArray                         *stack;
  const CandorMustacheRenderOptions *options;
  CandorMustacheEscapeFunc           escape_func;
  gpointer                           escape_data;
  /* The template whose cache holds the compiled partials. */
  CandorMustacheTemplate *root;
  /* The indentation of the standalone partial being rendered, put in front of each of
   * its lines; pending when the last text written ended a line. */
  const char *indent;
  gboolean    indent_pending;
  guint       depth;
  guint       steps;
  gsize       start_len;
} RenderState;

static gboolean render_nested (RenderState *state,
                               const Node  *node,
                               CandorMustacheTemplate *template,
                               guint    first,
                               guint    last,
                               GError **error);

static void
flush_indent (RenderState *state)
{
  if (state->indent_pending)
    {
      g_string_append (state->out, state->indent);
      state->indent_pending = FALSE;
    }
}

static void
append_text (RenderState *state, const char *text, gsize length)
{
  const char *end = text + length;

  if (state->indent == NULL)
    {
      g_string_append_len (state->out, text, length);
      return;
    }

  /* Only the template's own lines are indented, never the lines of a value. */
  while (text < end)
    {
      const char *newline = memchr (text, '\n', end - text);
      const char *line_end = newline != NULL ? newline + 1 : end;

      flush_indent (state);
      g_string_append_len (state->out, text, line_end - text);
      if (newline != NULL)
        state->indent_pending = TRUE;
      text = line_end;
    }
}

static JsonNode *
lookup (RenderState *state, const Node *node)
{
  if (node->path == NULL)
    return state->stack->len > 0 ? state->stack->pdata[state->stack->len - 1] : NULL;

  /* The first part of a dotted name is looked up through the whole context stack; the
   * rest only inside what it found, so a broken chain is a miss, not a fallback. */
  for (guint i = state->stack->len; i-- > 0;)
    {
      JsonNode *context = state->stack->pdata[i];
      JsonNode *value;

      if (context == NULL || !JSON_NODE_HOLDS_OBJECT (context))
        continue;

      value = json_object_get_member (json_node_get_object (context), node->path[0]);
      if (value == NULL)
        continue;

      for (guint part = 1; node->path[part] != NULL; part++)
        {
          if (!JSON_NODE_HOLDS_OBJECT (value))
            return NULL;

          value = json_object_get_member (json_node_get_object (value), node->path[part]);
          if (value == NULL)
            return NULL;
        }

      return value;
    }

  return NULL;
}

/* As in JavaScript: false, null, 0, "" and [] hide a section. */
static gboolean
is_falsy (JsonNode *value)
{
  if (value == NULL)
    return TRUE;

  switch (json_node_get_node_type (value))
    {
      case JSON_NODE_NULL:
        return TRUE;

      case JSON_NODE_ARRAY:
        return json_array_get_length (json_node_get_array (value)) == 0;

      case JSON_NODE_OBJECT:
        return FALSE;

      case JSON_NODE_VALUE:
      default:
        switch (json_node_get_value_type (value))
          {
            case G_TYPE_BOOLEAN:
              return !json_node_get_boolean (value);
            case G_TYPE_INT64:
              return json_node_get_int (value) == 0;
            case G_TYPE_DOUBLE:
              return json_node_get_double (value) == 0.0;
            case G_TYPE_STRING:
              return json_node_get_string (value) == NULL ||
                     json_node_get_string (value)[0] == '\0';
            default:
              return FALSE;
          }
    }
}

/* The shortest text that reads back as the same number, so 1.1 prints as "1.1" and not
 * as the "1.1000000000000001" that a round-trip-safe %.17g gives. */
static const char *
format_double (char buffer[G_ASCII_DTOSTR_BUF_SIZE], double value)
{
  static const char *const formats[] = { "%.15g", "%.16g" };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buffer, G_ASCII_DTOSTR_BUF_SIZE, formats[i], value);
      if (g_ascii_strtod (buffer, NULL) == value)
        return buffer;
    }

  return g_ascii_dtostr (buffer, G_ASCII_DTOSTR_BUF_SIZE, value);
}

static void
append_value (RenderState *state, JsonNode *value, gboolean escaped)
{
  char        buffer[G_ASCII_DTOSTR_BUF_SIZE];
  const char *text = NULL;

  if (value == NULL)
    return;

  switch (json_node_get_node_type (value))
    {
      case JSON_NODE_ARRAY:
        {
          /* A list of names reads best joined: "Affected: API, Billing". */
          JsonArray *array = json_node_get_array (value);
          guint      n_elements = json_array_get_length (array);

          for (guint i = 0; i < n_elements; i++)
            {
              JsonNode *element = json_array_get_element (array, i);

              if (i > 0)
                g_string_append (state->out, ", ");
              if (!JSON_NODE_HOLDS_ARRAY (element))
                append_value (state, element, escaped);
            }
          return;
        }

      case JSON_NODE_OBJECT:
      case JSON_NODE_NULL:
        return;

      case JSON_NODE_VALUE:
      default:
        switch (json_node_get_value_type (value))
          {
            case G_TYPE_STRING:
              text = json_node_get_string (value);
              break;
            case G_TYPE_INT64:
              g_snprintf (buffer, sizeof buffer, "%" G_GINT64_FORMAT, json_node_get_int (value));
              text = buffer;
              break;
            case G_TYPE_DOUBLE:
              text = format_double (buffer, json_node_get_double (value));
              break;
            case G_TYPE_BOOLEAN:
              text = json_node_get_boolean (value) ? "true" : "false";
              break;
            default:
              break;
          }
        break;
    }

  if (text == NULL)
    return;

  if (escaped)
    state->escape_func (state->out, text, strlen (text), state->escape_data);
  else
    g_string_append (state->out, text);
}

static const char *
find_partial (RenderState *state, const char *name)
{
  const CandorMustacheRenderOptions *options = state->options;

  if (options == NULL)
    return NULL;
  if (options->partials != NULL)
    return g_hash_table_lookup (options->partials, name);
  if (options->partial_func != NULL)
    return options->partial_func (name, options->partial_data);
  return NULL;
}

static CandorMustacheTemplate *
compile_partial (RenderState *state, const char *name, const char *source, GError **error)
{
  CandorMustacheTemplate *root = state->root;
  CandorMustacheTemplate *compiled = NULL;
  CachedPartial          *cached;
  g_autoptr (GError) local_error = NULL;

  g_mutex_lock (&root->partials_lock);
  if (root->partials == NULL)
    root->partials =
      g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)cached_partial_free);
  cached = g_hash_table_lookup (root->partials, name);
  if (cached != NULL && strcmp (cached->source, source) == 0)
    compiled = candor_mustache_template_ref (cached->compiled);
  g_mutex_unlock (&root->partials_lock);

  if (compiled != NULL)
    return compiled;

  compiled = candor_mustache_template_new (source, &local_error);
  if (compiled == NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  _("In the partial “%s”: "), name);
      return NULL;
    }

  cached = g_new0 (CachedPartial, 1);
  cached->source = g_strdup (source);
  cached->compiled = candor_mustache_template_ref (compiled);
  g_mutex_lock (&root->partials_lock);
  g_hash_table_replace (root->partials, g_strdup (name), cached);
  g_mutex_unlock (&root->partials_lock);

  return compiled;
}

static gboolean
render_partial (RenderState *state, const Node *node, GError **error)
{
  g_autoptr (CandorMustacheTemplate) partial = NULL;
  g_autofree char *indent = NULL;
  const char      *source = find_partial (state, node->name);
  const char      *outer_indent = state->indent;
  gboolean         outer_pending = state->indent_pending;
  gboolean         ok;

  if (source == NULL)
    return TRUE;

  partial = compile_partial (state, node->name, source, error);
  if (partial == NULL)
    return FALSE;

  /* A standalone partial is indented like its tag, on top of any indentation it
   * already inherits; an inline one is inserted as it is. */
  if (node->standalone)
    {
      indent = g_strconcat (outer_indent != NULL ? outer_indent : "", node->indent, NULL);
      state->indent = indent[0] != '\0' ? indent : NULL;
      state->indent_pending = state->indent != NULL;
    }
  else
    {
      state->indent = NULL;
      state->indent_pending = FALSE;
    }

  ok = render_nested (state, node, partial, 0, partial->nodes->len, error);

  state->indent = outer_indent;
  state->indent_pending = node->standalone ? outer_pending : FALSE;
  return ok;
}

static gboolean
render_section (RenderState *state,
                CandorMustacheTemplate *template,
                guint     index,
                JsonNode *value,
                GError  **error)
{
  const Node *node = &g_array_index (template->nodes, Node, index);

  if (JSON_NODE_HOLDS_ARRAY (value))
    {
      JsonArray *array = json_node_get_array (value);
      guint      n_elements = json_array_get_length (array);

      for (guint i = 0; i < n_elements; i++)
        {
          gboolean ok;

          g_ptr_array_add (state->stack, json_array_get_element (array, i));
          ok = render_nested (state, node, template, index + 1, node->end, error);
          g_ptr_array_set_size (state->stack, state->stack->len - 1);
          if (!ok)
            return FALSE;
        }

      return TRUE;
    }
  else
    {
      gboolean ok;

      g_ptr_array_add (state->stack, value);
      ok = render_nested (state, node, template, index + 1, node->end, error);
      g_ptr_array_set_size (state->stack, state->stack->len - 1);
      return ok;
    }
}

static gboolean
render_nodes (RenderState *state,
              CandorMustacheTemplate *template,
              guint    first,
              guint    last,
              GError **error)
{
  gboolean ok = TRUE;

  for (guint i = first; ok && i < last;)
    {
      const Node *node = &g_array_index (template->nodes, Node, i);
      JsonNode   *value;

      if (++state->steps > MAX_STEPS || state->out->len - state->start_len > MAX_OUTPUT)
        {
          set_error (error, CANDOR_MUSTACHE_ERROR_TOO_LARGE, node->line, node->column, "%s",
                     _("rendering stopped because the text grew too large; check for long "
                       "lists in nested sections or partials that include each other"));
          ok = FALSE;
          break;
        }

      switch (node->kind)
        {
          case NODE_TEXT:
            append_text (state, node->text, node->length);
            i++;
            break;

          case NODE_VARIABLE:
            flush_indent (state);
            append_value (state, lookup (state, node), node->escaped);
            i++;
            break;

          case NODE_SECTION:
            if (!node->standalone)
              flush_indent (state);
            value = lookup (state, node);
            if (!is_falsy (value))
              ok = render_section (state, template, i, value, error);
            i = node->end;
            break;

          case NODE_INVERTED:
            if (!node->standalone)
              flush_indent (state);
            if (is_falsy (lookup (state, node)))
              ok = render_nested (state, node, template, i + 1, node->end, error);
            i = node->end;
            break;

          case NODE_PARTIAL:
            if (!node->standalone)
              flush_indent (state);
            ok = render_partial (state, node, error);
            i++;
            break;

          default:
            g_assert_not_reached ();
        }
    }

  return ok;
}

/* Renders nodes @first to @last of @template one level deeper than @node, which is the
 * section or partial tag that asked for them. */
static gboolean
render_nested (RenderState *state,
               const Node  *node,
               CandorMustacheTemplate *template,
               guint    first,
               guint    last,
               GError **error)
{
  gboolean ok;

  if (state->depth >= MAX_DEPTH)
    {
      set_error (error, CANDOR_MUSTACHE_ERROR_TOO_DEEP, node->line, node->column,
                 _("sections and partials are nested more than %u levels deep here; does a "
                   "partial include itself?"),
                    MAX_DEPTH);
      return FALSE;
    }

  state->depth++;
  ok = render_nodes (state, template, first, last, error);
  state->depth--;
  return ok;
}

/**
 * candor_mustache_template_render_full:
 * @self: a template
 * @context: (nullable): the values the tags refer to
 * @options: (nullable): escaping and partials; %NULL escapes HTML and has no partials
 * @out: where to append the text
 * @error: where to report a broken partial or a runaway template
 *
 * Renders @self against @context. On error @out is left as it was.
 *
 * Returns: %TRUE on success
 */
gboolean
candor_mustache_template_render_full (CandorMustacheTemplate            *self,
                                      JsonNode                          *context,
                                      const CandorMustacheRenderOptions *options,
                                      GString                           *out,
                                      GError                           **error)
{
  g_autoptr (GPtrArray) stack = g_ptr_array_sized_new (8);
  RenderState state = { 0 };
  gsize       start_len;
  gboolean    ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  state.out = out;
  state.stack = stack;
  state.options = options;
  state.root = self;
  if (options != NULL && options->escape_func != NULL)
    {
      state.escape_func = options->escape_func;
      state.escape_data = options->escape_data;
    }
  else
    {
      state.escape_func = escape_with_dialect;
      state.escape_data =
        GINT_TO_POINTER (options != NULL ? options->escape : CANDOR_MUSTACHE_ESCAPE_HTML);
    }

  if (context != NULL)
    g_ptr_array_add (stack, context);

  start_len = state.start_len = out->len;
  ok = render_nodes (&state, self, 0, self->nodes->len, error);
  if (!ok)
    g_string_truncate (out, start_len);

  return ok;
}

/**
 * candor_mustache_template_render:
 * @self: a template
 * @context: (nullable): the values the tags refer to
 * @escape: how {{name}} is escaped
 * @error: where to report a runaway template
 *
 * Returns: (transfer full): the text, or %NULL with @error set
 */
char *
candor_mustache_template_render (CandorMustacheTemplate *self,
                                 JsonNode               *context,
                                 CandorMustacheEscape    escape,
                                 GError                **error)
{
  CandorMustacheRenderOptions options = { .escape = escape };
  g_autoptr (GString) out = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_sized_new (strlen (self->source) + 64);
  if (!candor_mustache_template_render_full (self, context, &options, out, error))
    return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * candor_mustache_template_foreach_variable:
 * @self: a template
 * @func: called for each variable, section and partial tag, in the order they appear
 * @user_data: passed to @func
 *
 * Lets a caller check every name the template refers to, for instance to point at an
 * unknown variable by its line and column.
 */
void
candor_mustache_template_foreach_variable (CandorMustacheTemplate    *self,
                                           CandorMustacheVariableFunc func,
                                           gpointer                   user_data)
{
  g_autoptr (GPtrArray) sections = NULL;
  g_autoptr (GArray) ends = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (func != NULL);

  sections = g_ptr_array_new ();
  ends = g_array_new (FALSE, FALSE, sizeof (guint));
  g_ptr_array_add (sections, NULL);

  for (guint i = 0; i < self->nodes->len; i++)
    {
      const Node            *node = &g_array_index (self->nodes, Node, i);
      CandorMustacheVariable variable = { 0 };

      while (ends->len > 0 && g_array_index (ends, guint, ends->len - 1) == i)
        {
          g_array_set_size (ends, ends->len - 1);
          g_ptr_array_remove_index (sections, sections->len - 2);
        }

      switch (node->kind)
        {
          case NODE_VARIABLE:
            variable.kind =
              node->escaped ? CANDOR_MUSTACHE_TAG_VARIABLE : CANDOR_MUSTACHE_TAG_UNESCAPED_VARIABLE;
            break;
          case NODE_SECTION:
            variable.kind = CANDOR_MUSTACHE_TAG_SECTION;
            break;
          case NODE_INVERTED:
            variable.kind = CANDOR_MUSTACHE_TAG_INVERTED_SECTION;
            break;
          case NODE_PARTIAL:
            variable.kind = CANDOR_MUSTACHE_TAG_PARTIAL;
            break;
          case NODE_TEXT:
          default:
            continue;
        }

      variable.name = node->name;
      variable.line = node->line;
      variable.column = node->column;
      variable.sections = (const char *const *)sections->pdata;
      func (&variable, user_data);

      if (node->kind == NODE_SECTION || node->kind == NODE_INVERTED)
        {
          g_array_append_val (ends, node->end);
          g_ptr_array_insert (sections, sections->len - 1, node->name);
        }
    }
}
