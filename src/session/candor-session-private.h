/* candor-session-private.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "candor-session.h"

G_BEGIN_DECLS

/* Keeps the application running until a write that must not be lost (a
 * closing wizard's draft, a contact) has landed. */
void _candor_session_hold (CandorSession *self);
void _candor_session_release (CandorSession *self);
/* Emits "drafts-changed". */
void _candor_session_drafts_changed (CandorSession *self);

G_END_DECLS
