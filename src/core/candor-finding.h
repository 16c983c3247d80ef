/* candor-finding.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "candor-enums.h"

G_BEGIN_DECLS

typedef enum
{
  CANDOR_FINDING_SEVERITY_INFO,
  CANDOR_FINDING_SEVERITY_WARNING,
  CANDOR_FINDING_SEVERITY_ERROR,
} CandorFindingSeverity;

/* The field of a finding about the message as a whole rather than one field. */
#define CANDOR_FINDING_WHOLE_MESSAGE (-1)

#define CANDOR_TYPE_FINDING (candor_finding_get_type ())

G_DECLARE_FINAL_TYPE (CandorFinding, candor_finding, CANDOR, FINDING, GObject)

/* One thing the checker noticed. @start and @end are character offsets (not
 * bytes) into the text of @field, so the editor can underline them with text
 * iterators; a finding about something missing has an empty span. */
CandorFinding *candor_finding_new (const char           *rule_id,
                                   CandorFindingSeverity severity,
                                   int                   field,
                                   guint                 start,
                                   guint                 end,
                                   const char           *message,
                                   const char           *suggestion);
/* Same, for a finding about words in the text: @quote is the text of the
 * span (its sentence's matched words, joined when one rule matched several
 * times in one sentence). */
CandorFinding        *candor_finding_new_quoted (const char           *rule_id,
                                                 CandorFindingSeverity severity,
                                                 int                   field,
                                                 guint                 start,
                                                 guint                 end,
                                                 const char           *quote,
                                                 const char           *message,
                                                 const char           *suggestion);
const char           *candor_finding_get_rule_id (CandorFinding *self);
CandorFindingSeverity candor_finding_get_severity (CandorFinding *self);
int                   candor_finding_get_field (CandorFinding *self);
guint                 candor_finding_get_start (CandorFinding *self);
guint                 candor_finding_get_end (CandorFinding *self);
const char           *candor_finding_get_message (CandorFinding *self);
const char           *candor_finding_get_suggestion (CandorFinding *self);
/* Returns: (nullable): the matched words; %NULL for a finding about
 * something missing or about the message as a whole */
const char *candor_finding_get_quote (CandorFinding *self);

/* Whether the author may acknowledge the finding as intended and publish
 * anyway: FALSE for a placeholder left in the text. */
gboolean candor_finding_get_acknowledgeable (CandorFinding *self);
/* The language of the text the finding is about; NULL for the primary
 * language. Set once, by whoever made the finding, before it is shown. */
const char *candor_finding_get_language (CandorFinding *self);
void        candor_finding_set_language (CandorFinding *self, const char *language);

const char *candor_finding_severity_get_label (CandorFindingSeverity severity);

G_END_DECLS
