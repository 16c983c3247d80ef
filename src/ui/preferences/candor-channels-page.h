/* candor-channels-page.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "candor-session.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_CHANNELS_PAGE (candor_channels_page_get_type ())

G_DECLARE_FINAL_TYPE (CandorChannelsPage,
                      candor_channels_page,
                      CANDOR,
                      CHANNELS_PAGE,
                      AdwPreferencesPage)

CandorChannelsPage *candor_channels_page_new (CandorSession *session);

G_END_DECLS
