/* candor-status-entry.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "candor-enums.h"
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

/* A follow-up's incident is gone from @service ("Statuspage"): deleted
 * there, so the update has nowhere to go. */
GError *candor_status_entry_lost_incident_error (const char *service);

/* The non-empty items of a comma-separated @list, trimmed. */
GStrv candor_status_entry_split_ids (const char *list);

G_END_DECLS
