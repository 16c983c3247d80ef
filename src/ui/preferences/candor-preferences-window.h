/* candor-preferences-window.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "candor-session.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_PREFERENCES_WINDOW (candor_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (CandorPreferencesWindow,
                      candor_preferences_window,
                      CANDOR,
                      PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

CandorPreferencesWindow *candor_preferences_window_new (GSettings     *settings,
                                                        CandorSession *session);

G_END_DECLS
