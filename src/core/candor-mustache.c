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

#include "candor-mustache-private.h"

/* The template itself: its source parsed once into nodes. Rendering is in
 * candor-mustache-render.c, escaping in candor-mustache-escape.c and the walk
 * over the names a template uses in candor-mustache-variables.c. */

#define EXCERPT_LEN 24

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

void
_candor_mustache_set_error (GError            **error,
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
  _candor_mustache_set_error (
    error, CANDOR_MUSTACHE_ERROR_BAD_DELIMITERS, line, column,
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
          _candor_mustache_set_error (error, CANDOR_MUSTACHE_ERROR_UNCLOSED_TAG, line, column,
                                      _("the tag “%s” is never closed; end it with “%s”"), start,
                                         close);
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

          _candor_mustache_set_error (
            error, CANDOR_MUSTACHE_ERROR_EMPTY_TAG, line, column,
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

              _candor_mustache_set_error (
                error, CANDOR_MUSTACHE_ERROR_UNEXPECTED_CLOSING_TAG, line, column,
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

              _candor_mustache_set_error (
                error, CANDOR_MUSTACHE_ERROR_MISMATCHED_CLOSING_TAG, line, column,
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
            if (parser->open->len >= CANDOR_MUSTACHE_MAX_DEPTH)
              {
                node_clear (&node);
                _candor_mustache_set_error (
                  error, CANDOR_MUSTACHE_ERROR_TOO_DEEP, line, column,
                  _("sections are nested more than %d deep here; a template may nest at most %d"),
                     CANDOR_MUSTACHE_MAX_DEPTH, CANDOR_MUSTACHE_MAX_DEPTH);
                return FALSE;
              }
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

      _candor_mustache_set_error (
        error, CANDOR_MUSTACHE_ERROR_UNCLOSED_SECTION, open->line, open->column,
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
      _candor_mustache_set_error (error, CANDOR_MUSTACHE_ERROR_INVALID_UTF8, line, column, "%s",
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
