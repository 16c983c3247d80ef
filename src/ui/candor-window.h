/* candor-window.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "candor-application.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_WINDOW (candor_window_get_type ())

G_DECLARE_FINAL_TYPE (CandorWindow, candor_window, CANDOR, WINDOW, AdwApplicationWindow)

CandorWindow *candor_window_new (CandorApplication *application);
GListModel   *candor_window_get_incidents (CandorWindow *self);

G_END_DECLS
