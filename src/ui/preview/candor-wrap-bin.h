/* candor-wrap-bin.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CANDOR_TYPE_WRAP_BIN (candor_wrap_bin_get_type ())
G_DECLARE_FINAL_TYPE (CandorWrapBin, candor_wrap_bin, CANDOR, WRAP_BIN, GtkWidget)

GtkWidget *candor_wrap_bin_new (GtkWidget *child);
GtkWidget *candor_wrap_bin_get_child (CandorWrapBin *self);
void       candor_wrap_bin_set_child (CandorWrapBin *self, GtkWidget *child);

G_END_DECLS
