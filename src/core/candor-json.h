/* candor-json.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Strict reading of the JSON files people write by hand or by script (drafts,
 * audiences, templates). Every error names where it is: a line and column for
 * syntax, a path like "update.kind" or "audiences[1].formats[0]" for values,
 * and says what would be accepted. */

#define CANDOR_JSON_ERROR (candor_json_error_quark ())

typedef enum
{
  CANDOR_JSON_ERROR_SYNTAX,      /* not JSON at all; the message names line and column */
  CANDOR_JSON_ERROR_TYPE,        /* a string where an object belongs, and so on */
  CANDOR_JSON_ERROR_VALUE,       /* the right type but not an allowed value */
  CANDOR_JSON_ERROR_MISSING_KEY, /* a required key is absent */
  CANDOR_JSON_ERROR_UNKNOWN_KEY, /* a key nobody reads: usually a typo */
  CANDOR_JSON_ERROR_VERSION,     /* written by a newer Candor, or not ours at all */
  CANDOR_JSON_ERROR_LIMIT,       /* larger or nested deeper than any real document */
} CandorJsonError;

/* Every JSON document Candor reads (a draft, a template, an import, a restored draft, a
 * document from the history, data for a template) goes through candor_json_parse(),
 * which refuses what no person writes by hand and what would crash or stall the
 * reader. A message is a few kilobytes and our documents are nested at most five or
 * six levels, so these leave a wide margin for real files while keeping json-glib's
 * recursive parser, json-glib's writer and our own tree walks far from the end of any
 * thread's stack (100 levels take a few kilobytes of it). Drafts bound their parts
 * further (candor-draft.h), as each is rendered once per audience and channel. */
#define CANDOR_JSON_MAX_DEPTH 100
#define CANDOR_JSON_MAX_SIZE  (1024 * 1024)

GQuark candor_json_error_quark (void);

/* Parses @data into a root node; syntax errors become CANDOR_JSON_ERROR_SYNTAX
 * with "line L, column C: ..." (prefixed with @source_name when given). A UTF-8
 * byte-order mark is skipped. Refused, with where: bytes that are not UTF-8, a
 * key given twice in one object, a \u0000 in text (which would cut the text short),
 * and, as CANDOR_JSON_ERROR_LIMIT, more than CANDOR_JSON_MAX_SIZE bytes or
 * nesting deeper than CANDOR_JSON_MAX_DEPTH. */
JsonNode *
candor_json_parse (const char *data, gssize length, const char *source_name, GError **error);

/* The same check on text that is not JSON (a message to check, a Mustache
 * template): at most @max_size bytes, UTF-8 without NUL bytes; the error, in the same
 * words candor_json_parse() uses, names @source_name and the line and column. */
gboolean candor_json_check_text (const char *data,
                                 gsize       length,
                                 gsize       max_size,
                                 const char *source_name,
                                 GError    **error);

/* "update" + "kind" -> "update.kind"; a NULL or empty @parent gives @key. */
char *candor_json_path_join (const char *parent, const char *key);

/* @node must be an object whose keys are all in @known (NULL-terminated). */
JsonObject *candor_json_expect_object (JsonNode          *node,
                                       const char        *path,
                                       const char *const *known,
                                       GError           **error);

/* Each getter leaves *@out alone when the key is absent or null, so callers
 * preset the default; a value of the wrong type or an invalid value is an error. */
gboolean candor_json_get_string (JsonObject  *object,
                                 const char  *path,
                                 const char  *key,
                                 const char **out,
                                 GError     **error);
gboolean candor_json_get_boolean (JsonObject *object,
                                  const char *path,
                                  const char *key,
                                  gboolean   *out,
                                  GError    **error);
gboolean candor_json_get_int (JsonObject *object,
                              const char *path,
                              const char *key,
                              gint64     *out,
                              GError    **error);
/* Times must carry an offset ("2026-11-30T14:05:00+01:00" or "...Z"): a
 * time without one means something else in every time zone. */
gboolean candor_json_get_date_time (JsonObject *object,
                                    const char *path,
                                    const char *key,
                                    GDateTime **out,
                                    GError    **error);
/* A string array; *@out is replaced with a newly allocated vector. */
gboolean candor_json_get_strv (JsonObject *object,
                               const char *path,
                               const char *key,
                               GStrv      *out,
                               GError    **error);
/* An enum value by its nick; @what names the kind of value for the error,
 * with its article ("a message kind", "an incident state"), translated. */
gboolean candor_json_get_enum (JsonObject *object,
                               const char *path,
                               const char *key,
                               GType       enum_type,
                               const char *what,
                               int        *out,
                               GError    **error);
/* The same check for one string already in hand, e.g. an array element. */
gboolean candor_json_enum_from_string (const char *value,
                                       const char *path,
                                       GType       enum_type,
                                       const char *what,
                                       int        *out,
                                       GError    **error);

/* ISO 8601 with the time's own offset, seconds precision unless it has more. */
char *candor_json_format_date_time (GDateTime *date_time);

G_END_DECLS
