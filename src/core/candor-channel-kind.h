/* candor-channel-kind.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "candor-enums.h"

G_BEGIN_DECLS

/* One row of the table of channel kinds: what a configured channel of this
 * kind is called, which dialect it receives and which settings it takes.
 * Settings are never secret: a kind's credentials live in the keyring. */
typedef struct
{
  const char   *nick;  /* stored as a channel's "kind" */
  const char   *label; /* untranslated, context "format"; see candor_channel_kind_get_label() */
  CandorDialect dialect;
  const char *const *settings; /* NULL-terminated setting keys */
} CandorChannelKind;

const CandorChannelKind *candor_channel_kind_get_all (guint *n_kinds);
const CandorChannelKind *candor_channel_kind_lookup (const char *nick);
const char              *candor_channel_kind_get_label (const CandorChannelKind *kind);
gboolean candor_channel_kind_takes_setting (const CandorChannelKind *kind, const char *key);

G_END_DECLS
