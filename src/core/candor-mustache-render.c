/* candor-mustache-render.c
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

/* Rendering a compiled template against a JSON context: the context stack,
 * sections, partials (compiled once and cached on the template rendered) and
 * the limits that keep a runaway template from freezing the editor. */

/* A template that needs more steps or output than this would freeze the editor. */
#define MAX_STEPS  (1u << 20)
#define MAX_OUTPUT (16u << 20)

typedef struct
{
  char                   *source;
  CandorMustacheTemplate *compiled;
} CachedPartial;

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
cached_partial_free (CachedPartial *cached)
{
  g_free (cached->source);
  g_clear_pointer (&cached->compiled, candor_mustache_template_unref);
  g_free (cached);
}

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
          _candor_mustache_set_error (
            error, CANDOR_MUSTACHE_ERROR_TOO_LARGE, node->line, node->column, "%s",
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

  if (state->depth >= CANDOR_MUSTACHE_MAX_DEPTH)
    {
      _candor_mustache_set_error (
        error, CANDOR_MUSTACHE_ERROR_TOO_DEEP, node->line, node->column,
        _("sections and partials are nested more than %u levels deep here; does a "
          "partial include itself?"),
           CANDOR_MUSTACHE_MAX_DEPTH);
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
      state.escape_func = _candor_mustache_escape_with_dialect;
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
