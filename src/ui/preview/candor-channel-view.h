/* candor-channel-view.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "candor-rendition.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_CHANNEL_VIEW (candor_channel_view_get_type ())
G_DECLARE_FINAL_TYPE (CandorChannelView, candor_channel_view, CANDOR, CHANNEL_VIEW, AdwBin)

CandorChannelView *candor_channel_view_new (CandorDialect format);
CandorDialect      candor_channel_view_get_format (CandorChannelView *self);
void candor_channel_view_set_rendition (CandorChannelView *self, CandorRendition *rendition);
void candor_channel_view_flush (CandorChannelView *self);
void candor_channel_view_set_sender_name (CandorChannelView *self, const char *name);
void candor_channel_view_set_channel_name (CandorChannelView *self, const char *name);

G_END_DECLS
