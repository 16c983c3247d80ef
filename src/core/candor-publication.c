/* candor-publication.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-publication"

#include "config.h"

#include "candor-publication.h"

static const char *const publication_states[] = {
  [CANDOR_PUBLICATION_STATE_WAITING] = "waiting",
  [CANDOR_PUBLICATION_STATE_SENT] = "sent",
  [CANDOR_PUBLICATION_STATE_FAILED] = "failed",
  [CANDOR_PUBLICATION_STATE_VERIFY] = "verify",
};

const char *
candor_publication_state_to_string (CandorPublicationState state)
{
  g_return_val_if_fail (state <= CANDOR_PUBLICATION_STATE_VERIFY, NULL);

  return publication_states[state];
}

CandorPublicationState
candor_publication_state_from_string (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (publication_states); i++)
    {
      if (g_strcmp0 (publication_states[i], text) == 0)
        return i;
    }

  return CANDOR_PUBLICATION_STATE_VERIFY;
}

void
candor_publication_free (CandorPublication *publication)
{
  if (publication == NULL)
    return;

  g_free (publication->channel_id);
  g_free (publication->remote_id);
  g_free (publication->remote_url);
  g_free (publication->last_error);
  g_clear_pointer (&publication->created_at, g_date_time_unref);
  g_clear_pointer (&publication->updated_at, g_date_time_unref);
  g_free (publication);
}
