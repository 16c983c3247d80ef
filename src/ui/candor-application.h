/* candor-application.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "candor-session.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_APPLICATION (candor_application_get_type ())

G_DECLARE_FINAL_TYPE (CandorApplication, candor_application, CANDOR, APPLICATION, AdwApplication)

CandorApplication *candor_application_new (void);
GSettings         *candor_application_get_settings (CandorApplication *self);
CandorSession     *candor_application_get_session (CandorApplication *self);

G_END_DECLS
