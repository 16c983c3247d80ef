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
} CandorJsonError;

GQuark candor_json_error_quark (void);

/* Parses @data into a root node; syntax errors become CANDOR_JSON_ERROR_SYNTAX
 * with "line L, column C: ..." (prefixed with @source_name when given). */
JsonNode *
candor_json_parse (const char *data, gssize length, const char *source_name, GError **error);

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
