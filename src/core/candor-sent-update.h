/* candor-sent-update.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "candor-publication.h"
#include "candor-sent-rendition.h"
#include "candor-update.h"

G_BEGIN_DECLS

/* An update as it went out: when, and what each audience received. */
typedef struct
{
  CandorUpdate *update;
  GDateTime    *sent_at;
  GPtrArray    *renditions;   /* of CandorSentRendition */
  GPtrArray    *publications; /* of CandorPublication */
} CandorSentUpdate;

void candor_sent_update_free (CandorSentUpdate *sent);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CandorSentUpdate, candor_sent_update_free)

G_END_DECLS
