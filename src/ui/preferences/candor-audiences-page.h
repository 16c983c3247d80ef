/* candor-audiences-page.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "candor-session.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_AUDIENCES_PAGE (candor_audiences_page_get_type ())

G_DECLARE_FINAL_TYPE (CandorAudiencesPage,
                      candor_audiences_page,
                      CANDOR,
                      AUDIENCES_PAGE,
                      AdwPreferencesPage)

CandorAudiencesPage *candor_audiences_page_new (CandorSession *session);

G_END_DECLS
