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

G_DEFINE_BOXED_TYPE (CandorPublication,
                     candor_publication,
                     candor_publication_copy,
                     candor_publication_free)

static GDateTime *
ref_time (GDateTime *time)
{
  return time != NULL ? g_date_time_ref (time) : NULL;
}

CandorPublication *
candor_publication_copy (const CandorPublication *publication)
{
  CandorPublication *copy;

  g_return_val_if_fail (publication != NULL, NULL);

  copy = g_new0 (CandorPublication, 1);
  copy->id = publication->id;
  copy->rendition_id = publication->rendition_id;
  copy->channel_id = g_strdup (publication->channel_id);
  copy->state = publication->state;
  copy->remote_id = g_strdup (publication->remote_id);
  copy->remote_url = g_strdup (publication->remote_url);
  copy->attempts = publication->attempts;
  copy->last_error = g_strdup (publication->last_error);
  copy->created_at = ref_time (publication->created_at);
  copy->updated_at = ref_time (publication->updated_at);
  copy->idempotency_key = g_strdup (publication->idempotency_key);
  copy->next_attempt_at = ref_time (publication->next_attempt_at);
  copy->in_flight_since = ref_time (publication->in_flight_since);
  return copy;
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
  g_free (publication->idempotency_key);
  g_clear_pointer (&publication->next_attempt_at, g_date_time_unref);
  g_clear_pointer (&publication->in_flight_since, g_date_time_unref);
  g_free (publication);
}
