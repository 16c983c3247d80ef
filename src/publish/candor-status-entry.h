/* candor-status-entry.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "candor-enums.h"
#include "candor-http.h"
#include "candor-sent-rendition.h"

G_BEGIN_DECLS

/* What the status page clients (Atlassian Statuspage, Cachet) read from a
 * rendition in the status-page dialect: the entry core made of it
 * ({"name", "status", "body", "kind", "severity"}). A rendition stored
 * before the entry named the update's kind and the incident's severity
 * reads as a progress update of a major incident in its stated status. */
typedef struct
{
  char               *name;
  CandorIncidentState state; /* the state to show: RESOLVED for a resolution */
  char               *body;
  CandorUpdateKind    kind;
  CandorSeverity      severity;
} CandorStatusEntry;

CandorStatusEntry *candor_status_entry_new_from_rendition (CandorSentRendition *rendition);
void               candor_status_entry_free (CandorStatusEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CandorStatusEntry, candor_status_entry_free)

/* Whether the entry ends the incident: a resolution or a post-incident
 * report, or an incident already resolved. */
gboolean candor_status_entry_is_resolved (const CandorStatusEntry *entry);

/* Whether the body has nothing but white space: nothing to post. */
gboolean candor_status_entry_is_blank (const CandorStatusEntry *entry);

/* The error for @service's ("Statuspage") refusal @response. On a follow-up
 * (@follows_up: the request was about an incident posted before) "not found"
 * means the incident is gone there, so the update has nowhere to go;
 * otherwise the HTTP error with @words, the service's own explanation (or
 * NULL), without the full stop the message puts after it. */
GError *candor_status_entry_refusal_error (CandorHttpResponse *response,
                                           const char         *service,
                                           gboolean            follows_up,
                                           const char         *words);

/* The non-empty items of a comma-separated @list, trimmed. */
GStrv candor_status_entry_split_ids (const char *list);

G_END_DECLS
