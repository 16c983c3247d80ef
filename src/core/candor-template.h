/* candor-template.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "candor-enums.h"
#include "candor-incident.h"
#include "candor-update.h"

G_BEGIN_DECLS

/* Where in an incident's life a template is used. Maintenance is announced
 * before anything breaks, so it is a stage of its own, not an incident state. */
typedef enum
{
  CANDOR_TEMPLATE_STAGE_INVESTIGATING,
  CANDOR_TEMPLATE_STAGE_IDENTIFIED,
  CANDOR_TEMPLATE_STAGE_MONITORING,
  CANDOR_TEMPLATE_STAGE_RESOLVED,
  CANDOR_TEMPLATE_STAGE_POST_INCIDENT,
  CANDOR_TEMPLATE_STAGE_MAINTENANCE,
} CandorTemplateStage;

#define CANDOR_TEMPLATE_ERROR (candor_template_error_quark ())

/* Syntax, type, missing and unknown keys are CANDOR_JSON_ERROR; a field that is
 * not valid Mustache keeps its CANDOR_MUSTACHE_ERROR code. Each message starts
 * with where the problem is: "fields.contact: line 1, column 12: ...". */
typedef enum
{
  CANDOR_TEMPLATE_ERROR_INVALID_ID,       /* an id that cannot name a file */
  CANDOR_TEMPLATE_ERROR_DUPLICATE,        /* a variable declared twice, an id used twice */
  CANDOR_TEMPLATE_ERROR_UNKNOWN_VARIABLE, /* used in a field but not declared */
  CANDOR_TEMPLATE_ERROR_PARTIAL,          /* {{> name}}: templates are self-contained */
  CANDOR_TEMPLATE_ERROR_BUILT_IN,         /* an import that would replace a built-in template */
  CANDOR_TEMPLATE_ERROR_NOT_FOUND,        /* no template with that id */
} CandorTemplateError;

/* A placeholder the template declares: what it means to the author and an
 * example value (any JSON: text, or a list for {{#section}}s). */
typedef struct
{
  const char *name;
  const char *description;
  JsonNode   *example;
} CandorTemplateVariable;

#define CANDOR_TYPE_TEMPLATE (candor_template_get_type ())

G_DECLARE_FINAL_TYPE (CandorTemplate, candor_template, CANDOR, TEMPLATE, GObject)

GQuark candor_template_error_quark (void);

/* A template is immutable once loaded: every field is compiled and every
 * variable it uses is checked against the declared ones, so a template that
 * loads always renders. @source_name (a file path, or NULL) prefixes errors. */
CandorTemplate *candor_template_new_from_data (const char *data,
                                               gssize      length,
                                               const char *source_name,
                                               GError    **error);
CandorTemplate *
candor_template_new_from_file (GFile *file, GCancellable *cancellable, GError **error);

const char         *candor_template_get_id (CandorTemplate *self);
const char         *candor_template_get_name (CandorTemplate *self);
const char         *candor_template_get_description (CandorTemplate *self);
const char         *candor_template_get_language (CandorTemplate *self);
CandorUpdateKind    candor_template_get_kind (CandorTemplate *self);
CandorTemplateStage candor_template_get_stage (CandorTemplate *self);
CandorSeverity      candor_template_get_severity (CandorTemplate *self);

guint                         candor_template_get_n_variables (CandorTemplate *self);
const CandorTemplateVariable *candor_template_get_variable (CandorTemplate *self, guint index);
/* {"name": example, ...} for every declared variable: what a preview renders with. */
JsonNode *candor_template_dup_example_values (CandorTemplate *self);

/* The field's Mustache source as written; never NULL ("" when empty). */
const char *candor_template_get_field (CandorTemplate *self, CandorField field);

/* Renders one field with @values (a JSON object; NULL renders the examples;
 * a declared variable @values lacks, or gives as "", becomes a placeholder
 * such as "[company name]", see candor-placeholder.h).
 * Values are inserted as written, not escaped: fields are Markdown-lite, and
 * each channel's renderer escapes the finished text for its own dialect. */
char *candor_template_render_field (CandorTemplate *self,
                                    CandorField     field,
                                    JsonNode       *values,
                                    GError        **error);

/* Renders every field into @update, replacing what it holds, and sets its
 * kind to the template's (candor_template_fill() keeps the author's text). Also
 * fills the update's contact name and reach from "contact_name" and
 * "contact_reach" when @values has them as text. All or nothing: on error
 * @update is left as it was. */
gboolean candor_template_apply (CandorTemplate *self,
                                CandorUpdate   *update,
                                JsonNode       *values,
                                GError        **error);

/* What the draft already knows for this template's text variables: the
 * incident's title ("title") and services ("service", "services"), its times
 * ("started_at", "detected_at", "resolved_at") and the next update's
 * ("next_update") in @zones, the update's contact ("contact_name",
 * "contact_reach"). Everything else is left out and stays a placeholder. */
JsonNode *candor_template_dup_draft_values (CandorTemplate    *self,
                                            CandorIncident    *incident,
                                            CandorUpdate      *update,
                                            const char *const *zones);

/* Every field rendered with @values (missing variables as placeholders) into
 * @texts, CANDOR_N_FIELDS strings to free. All or nothing. */
gboolean
candor_template_render_all (CandorTemplate *self, JsonNode *values, char **texts, GError **error);

/* The fields (a mask of 1 << CandorField) where @update has text of its own
 * that filling with @values would replace by something else. */
guint candor_template_get_conflicts (CandorTemplate *self,
                                     CandorUpdate   *update,
                                     JsonNode       *values,
                                     GError        **error);

/* Fills the empty fields of @update, and those in @replace, from the template
 * (see candor_template_get_conflicts()); sets the kind, and the contact's name
 * and reach where empty. Returns a nonzero mask of the fields written (bit
 * CANDOR_N_FIELDS alone when none changed), 0 with @error set on failure. */
guint candor_template_fill (CandorTemplate *self,
                            CandorUpdate   *update,
                            JsonNode       *values,
                            guint           replace,
                            GError        **error);

/* The same two for the translations of @update in @language (several
 * languages: each language is filled from the template of that language).
 * Only the translations are written: the kind and the contact's name and
 * reach are the primary language's to set. */
guint candor_template_get_translation_conflicts (CandorTemplate *self,
                                                 CandorUpdate   *update,
                                                 const char     *language,
                                                 JsonNode       *values,
                                                 GError        **error);
guint candor_template_fill_translation (CandorTemplate *self,
                                        CandorUpdate   *update,
                                        const char     *language,
                                        JsonNode       *values,
                                        guint           replace,
                                        GError        **error);

/* The template as a pretty-printed JSON document that loads back unchanged. */
char *candor_template_to_data (CandorTemplate *self, gsize *length);

G_END_DECLS
