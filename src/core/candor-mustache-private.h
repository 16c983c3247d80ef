/* candor-mustache-private.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "candor-mustache.h"

G_BEGIN_DECLS

/* Shared by the files of the Mustache engine: the parser (candor-mustache.c),
 * the escapers (candor-mustache-escape.c), the renderer
 * (candor-mustache-render.c) and the variable walk
 * (candor-mustache-variables.c); not API.
 *
 * Rendering runs on every keystroke, so a template is parsed once into a flat array of
 * nodes: a section's children are the nodes that follow it up to its @end index, which
 * makes rendering a loop over an array instead of a walk over a tree of allocations.
 * Text nodes point into the template's own copy of the source. */

/* Sections nested in one template, and sections and partials nested while rendering,
 * at most this deep: real templates nest two or three levels, and far deeper is a
 * partial including itself without end, or a file made to stall whoever checks it. */
#define CANDOR_MUSTACHE_MAX_DEPTH 100

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

/* candor-mustache.c: a parse or render error at the tag on @line, @column. */
void _candor_mustache_set_error (GError            **error,
                                 CandorMustacheError code,
                                 guint               line,
                                 guint               column,
                                 const char         *format,
                                 ...) G_GNUC_PRINTF (5, 6);

/* candor-mustache-escape.c: a CandorMustacheEscapeFunc for the
 * CandorMustacheEscape in GINT_TO_POINTER (@user_data). */
void _candor_mustache_escape_with_dialect (GString    *out,
                                           const char *text,
                                           gsize       length,
                                           gpointer    user_data);

G_END_DECLS
