/* candor-sent-update.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-sent-update"

#include "config.h"

#include "candor-sent-update.h"

void
candor_sent_update_free (CandorSentUpdate *sent)
{
  if (sent == NULL)
    return;

  g_clear_object (&sent->update);
  g_clear_pointer (&sent->sent_at, g_date_time_unref);
  g_clear_pointer (&sent->renditions, g_ptr_array_unref);
  g_clear_pointer (&sent->publications, g_ptr_array_unref);
  g_free (sent);
}
