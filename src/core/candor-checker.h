/* candor-checker.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "candor-enums.h"
#include "candor-finding.h"
#include "candor-incident.h"
#include "candor-update.h"

G_BEGIN_DECLS

#define CANDOR_CHECKER_ERROR (candor_checker_error_quark ())

typedef enum
{
  CANDOR_CHECKER_ERROR_UNKNOWN_LANGUAGE,
  CANDOR_CHECKER_ERROR_INVALID_DATA,
} CandorCheckerError;

#define CANDOR_TYPE_CHECKER (candor_checker_get_type ())

G_DECLARE_FINAL_TYPE (CandorChecker, candor_checker, CANDOR, CHECKER, GObject)

GQuark candor_checker_error_quark (void);

/* Loads the phrase lists of @language ("en", "ru") and compiles them once;
 * the checks themselves then run on every keystroke. */
CandorChecker *candor_checker_new (const char *language, GError **error);

/* Same, from a checks file of the given form (for tests and for trying out
 * new lists without rebuilding). A checks file is a JSON object: "language";
 * "words", named lists of alternatives ("party", "fault", "hedge" …) that a
 * pattern uses as {party}, each list may use the ones defined before it;
 * then one list of case-insensitive PCRE patterns per rule or statement:
 * the phrase rules (blame, guilt, promise, promise-after-resolution, jargon
 * with jargon-acronyms), what excuses a match (hedges, negations, ownership),
 * what counts as saying each part of a message (impact, lasting-consequences,
 * contact, patience, next-update, next-update-message, timeline, root-cause,
 * actions-taken, actions-planned) and promised-time, whose named groups
 * hour, minute, ampm and zone read the time a text promises. */
CandorChecker *candor_checker_new_from_bytes (const char *language, GBytes *json, GError **error);

const char *candor_checker_get_language (CandorChecker *self);

/* "en" or "ru" by the letters @text is written in; %NULL when it has none. */
const char *candor_checker_detect_language (const char *text);

/* The phrase rules (blame, guilt, promise, jargon) on one field's text.
 * @field may be %CANDOR_FINDING_WHOLE_MESSAGE for text that is not one field.
 * Returns: (transfer full) (element-type CandorFinding): findings in text order. */
GPtrArray *candor_checker_check_text (CandorChecker   *self,
                                      int              field,
                                      const char      *text,
                                      CandorUpdateKind kind,
                                      gboolean         resolved);

/* A whole message as plain text (an email written elsewhere, a status page
 * entry): the phrase rules, and the rules about what is missing, judged by
 * what the text says. A text in another language than the checker's is a
 * "language-mismatch" finding, never a silent pass.
 * Returns: (transfer full) (element-type CandorFinding): findings in text order,
 *   then what is missing */
GPtrArray *candor_checker_check_message (CandorChecker   *self,
                                         const char      *text,
                                         CandorUpdateKind kind,
                                         gboolean         resolved);

/* Every field of @update, plus the rules about what is missing (by the same
 * code as candor_checker_check_message(), the wizard's fields counting as
 * statements), plus "next-update-mismatch" when the text promises another
 * time than the chosen next update.
 * Returns: (transfer full) (element-type CandorFinding) */
GPtrArray *
candor_checker_check_update (CandorChecker *self, CandorIncident *incident, CandorUpdate *update);

/* "over-limit" when a rendition of @length characters exceeds what the
 * channel of @format accepts, else %NULL.
 * Returns: (transfer full) (nullable) */
CandorFinding *
candor_checker_check_length (CandorChecker *self, CandorDialect format, guint length, guint limit);

G_END_DECLS
