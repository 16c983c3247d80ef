/* candor-publication.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CANDOR_PUBLICATION_STATE_WAITING,
  CANDOR_PUBLICATION_STATE_SENT,
  CANDOR_PUBLICATION_STATE_FAILED,
  CANDOR_PUBLICATION_STATE_VERIFY,
} CandorPublicationState;

/* One publication of a rendition on one configured channel. */
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
} CandorPublication;

void candor_publication_free (CandorPublication *publication);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CandorPublication, candor_publication_free)

const char *candor_publication_state_to_string (CandorPublicationState state);
/* The state named @text; an unknown name reads as VERIFY, so a publication
 * whose outcome cannot be told is checked before it is sent again. */
CandorPublicationState candor_publication_state_from_string (const char *text);

G_END_DECLS
