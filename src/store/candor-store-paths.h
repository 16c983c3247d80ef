/* candor-store-paths.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *candor_store_paths_ensure_data_dir (GError **error);

G_END_DECLS
