/* candor-mustache.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CANDOR_MUSTACHE_ERROR (candor_mustache_error_quark ())

/* Parse errors name the line and column of the tag at fault; render errors come from
 * partials (which are parsed when first used) or from templates that would never finish. */
typedef enum
{
  CANDOR_MUSTACHE_ERROR_UNCLOSED_SECTION,
  CANDOR_MUSTACHE_ERROR_UNEXPECTED_CLOSING_TAG,
  CANDOR_MUSTACHE_ERROR_MISMATCHED_CLOSING_TAG,
  CANDOR_MUSTACHE_ERROR_UNCLOSED_TAG,
  CANDOR_MUSTACHE_ERROR_BAD_DELIMITERS,
  CANDOR_MUSTACHE_ERROR_EMPTY_TAG,
  CANDOR_MUSTACHE_ERROR_INVALID_UTF8,
  CANDOR_MUSTACHE_ERROR_TOO_DEEP,
  CANDOR_MUSTACHE_ERROR_TOO_LARGE,
} CandorMustacheError;

/* How {{name}} is escaped for an output dialect; {{{name}}} and {{&name}} never are. */
typedef enum
{
  CANDOR_MUSTACHE_ESCAPE_HTML,
  CANDOR_MUSTACHE_ESCAPE_SLACK,
  CANDOR_MUSTACHE_ESCAPE_NONE,
} CandorMustacheEscape;

typedef enum
{
  CANDOR_MUSTACHE_TAG_VARIABLE,
  CANDOR_MUSTACHE_TAG_UNESCAPED_VARIABLE,
  CANDOR_MUSTACHE_TAG_SECTION,
  CANDOR_MUSTACHE_TAG_INVERTED_SECTION,
  CANDOR_MUSTACHE_TAG_PARTIAL,
} CandorMustacheTagKind;

/* Appends @length bytes of @text to @out, escaped for the dialect. */
typedef void (*CandorMustacheEscapeFunc) (GString    *out,
                                          const char *text,
                                          gsize       length,
                                          gpointer    user_data);

/* Returns the text of the partial @name, or %NULL when there is none (it renders as
 * nothing, as the spec says). The string must stay valid until the render returns. */
typedef const char *(*CandorMustachePartialFunc) (const char *name, gpointer user_data);

typedef struct
{
  /* The name as written in the tag ("service.name", "." for the implicit iterator). */
  const char           *name;
  CandorMustacheTagKind kind;
  /* 1-based, in characters, of the tag's opening delimiter. */
  guint line;
  guint column;
  /* Names of the enclosing sections, outermost first: a name inside a section may be
   * resolved against the section's value rather than the root. */
  const char *const *sections;
} CandorMustacheVariable;

typedef void (*CandorMustacheVariableFunc) (const CandorMustacheVariable *variable,
                                            gpointer                      user_data);

typedef struct
{
  CandorMustacheEscape escape;
  /* When set, used instead of @escape. */
  CandorMustacheEscapeFunc escape_func;
  gpointer                 escape_data;
  /* Partials by name (char * → char *); when %NULL, @partial_func is asked. */
  GHashTable               *partials;
  CandorMustachePartialFunc partial_func;
  gpointer                  partial_data;
} CandorMustacheRenderOptions;

typedef struct _CandorMustacheTemplate CandorMustacheTemplate;

#define CANDOR_TYPE_MUSTACHE_TEMPLATE (candor_mustache_template_get_type ())

GQuark                  candor_mustache_error_quark (void);
GType                   candor_mustache_template_get_type (void) G_GNUC_CONST;
CandorMustacheTemplate *candor_mustache_template_new (const char *source, GError **error);
CandorMustacheTemplate *candor_mustache_template_ref (CandorMustacheTemplate *self);
void                    candor_mustache_template_unref (CandorMustacheTemplate *self);
const char             *candor_mustache_template_get_source (CandorMustacheTemplate *self);
char                   *candor_mustache_template_render (CandorMustacheTemplate *self,
                                                         JsonNode               *context,
                                                         CandorMustacheEscape    escape,
                                                         GError                **error);
gboolean                candor_mustache_template_render_full (CandorMustacheTemplate            *self,
                                                              JsonNode                          *context,
                                                              const CandorMustacheRenderOptions *options,
                                                              GString                           *out,
                                                              GError                           **error);
void                    candor_mustache_template_foreach_variable (CandorMustacheTemplate    *self,
                                                                   CandorMustacheVariableFunc func,
                                                                   gpointer                   user_data);
void                    candor_mustache_append_escaped (GString             *out,
                                                        const char          *text,
                                                        gssize               length,
                                                        CandorMustacheEscape escape);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CandorMustacheTemplate, candor_mustache_template_unref)

G_END_DECLS
