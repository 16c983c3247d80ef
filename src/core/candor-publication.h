/* candor-publication.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  CANDOR_PUBLICATION_STATE_WAITING,
  CANDOR_PUBLICATION_STATE_SENT,
  CANDOR_PUBLICATION_STATE_FAILED,
  CANDOR_PUBLICATION_STATE_VERIFY,
} CandorPublicationState;

/* One publication of a rendition on one configured channel, as the outbox
 * holds it. @idempotency_key is made once when it is queued and given to
 * every attempt. @last_error is the service's own words (FAILED, WAITING) or
 * what to check (VERIFY). @next_attempt_at is when a WAITING one is tried
 * again (NULL: as soon as it can); @in_flight_since is set while a request is
 * out, and left set by a crash, so the outbox knows its outcome is unknown. */
typedef struct
{
  gint64                 id;
  gint64                 rendition_id;
  char                  *channel_id;
  CandorPublicationState state;
  char                  *remote_id;
  char                  *remote_url;
  guint                  attempts;
  char                  *last_error;
  GDateTime             *created_at;
  GDateTime             *updated_at;
  char                  *idempotency_key;
  GDateTime             *next_attempt_at;
  GDateTime             *in_flight_since;
} CandorPublication;

#define CANDOR_TYPE_PUBLICATION (candor_publication_get_type ())

GType              candor_publication_get_type (void) G_GNUC_CONST;
CandorPublication *candor_publication_copy (const CandorPublication *publication);
void               candor_publication_free (CandorPublication *publication);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CandorPublication, candor_publication_free)

const char *candor_publication_state_to_string (CandorPublicationState state);
/* The state named @text; an unknown name reads as VERIFY, so a publication
 * whose outcome cannot be told is checked before it is sent again. */
CandorPublicationState candor_publication_state_from_string (const char *text);

G_END_DECLS
