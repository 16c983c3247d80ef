/* candor-accessible.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* GTK 4.8 gives a menu button's name to the button itself, not to the
 * toggle inside it that takes the focus and that a screen reader reads:
 * that one gets it too. */
static inline void
candor_accessible_name_menu_button (GtkMenuButton *button, const char *name)
{
  GtkWidget *toggle = gtk_widget_get_first_child (GTK_WIDGET (button));

  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  if (toggle != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                    -1);
}

/* A switch or check at the end of a row says only "on" or "off": it is named
 * by the row's title, as sighted users read it. Walks @root's rows once
 * they are built. */
static inline void
candor_accessible_name_row_controls (GtkWidget *root)
{
  if (ADW_IS_ACTION_ROW (root))
    {
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root));
      GtkWidget  *control = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (root));

      if (control != NULL && title != NULL && *title != '\0' &&
          (GTK_IS_SWITCH (control) || GTK_IS_CHECK_BUTTON (control)))
        {
          g_autofree char *plain = NULL;

          /* Titles may have a mnemonic underline. */
          if (pango_parse_markup (title, -1, '_', NULL, &plain, NULL, NULL) && plain != NULL)
            title = plain;
          gtk_accessible_update_property (GTK_ACCESSIBLE (control), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          title, -1);
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    candor_accessible_name_row_controls (child);
}

G_END_DECLS
