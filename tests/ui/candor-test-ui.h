/* candor-test-ui.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "candor-application.h"

G_BEGIN_DECLS

/* Helpers that drive real widgets the way a user would see them: by what is
 * on screen (a title, a label), not by reaching into private structs. */

void       candor_test_ui_wait_until (gboolean (*condition) (gpointer data), gpointer data);
void       candor_test_ui_wait_for_mapped (GtkWidget *widget);
void       candor_test_ui_close_and_wait_for_finalize (GtkWidget *window);
GtkWidget *candor_test_ui_find_toplevel (GType type);
GtkWidget *
candor_test_ui_find_mapped (GtkWidget *root, GType type, const char *property, const char *value);
GtkWidget *candor_test_ui_wait_for_widget (GtkWidget  *root,
                                           GType       type,
                                           const char *property,
                                           const char *value);

CandorApplication *candor_test_ui_new_app (void);
const GError      *candor_test_ui_open_history (CandorApplication *app);
gboolean           candor_test_ui_label_contains (GtkWidget *root, const char *needle);

G_END_DECLS
