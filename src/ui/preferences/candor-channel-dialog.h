/* candor-channel-dialog.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "candor-session.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_CHANNEL_DIALOG (candor_channel_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CandorChannelDialog, candor_channel_dialog, CANDOR, CHANNEL_DIALOG, AdwWindow)

/* Adds a channel when @channel is NULL (the kind chosen first), else edits a
 * copy of @channel; the session's channel list gets it on Save. */
CandorChannelDialog *candor_channel_dialog_new (CandorSession *session, CandorChannel *channel);

G_END_DECLS
