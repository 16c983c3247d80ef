/* candor-first-notice-path.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "candor-first-notice-path.h"
#include "candor-placeholder.h"
#include "candor-test-ui.h"
#include "candor-wizard-review-page.h"

gboolean
candor_first_notice_is_ready (CandorWizard *wizard)
{
  CandorUpdate *update = candor_draft_get_update (candor_wizard_get_draft (wizard));
  GPtrArray    *findings = candor_composition_get_findings (
       candor_preview_get_composition (candor_wizard_get_preview (wizard)));
  GtkWidget *review =
    candor_test_ui_find_mapped (GTK_WIDGET (wizard), CANDOR_TYPE_WIZARD_REVIEW_PAGE, NULL, NULL);

  if (review == NULL || !candor_wizard_page_get_complete (CANDOR_WIZARD_PAGE (review)))
    return FALSE;

  for (guint f = 0; f < CANDOR_N_FIELDS; f++)
    if (candor_placeholder_in_text (candor_update_get_field (update, f)))
      return FALSE;

  for (guint i = 0; i < findings->len; i++)
    if (candor_finding_get_severity (g_ptr_array_index (findings, i)) ==
        CANDOR_FINDING_SEVERITY_ERROR)
      return FALSE;

  return TRUE;
}

static gboolean
is_ready_cb (gpointer data)
{
  return candor_first_notice_is_ready (data);
}

static gboolean
wizard_is_shown (gpointer data)
{
  GtkWidget *wizard = candor_test_ui_find_toplevel (CANDOR_TYPE_WIZARD);

  return wizard != NULL && gtk_widget_get_mapped (wizard);
}

static gboolean
focus_is_in (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* A click on a button or a row. */
static void
click (GtkWidget *widget, guint *interactions)
{
  g_assert_nonnull (widget);
  g_assert_true (gtk_widget_is_sensitive (widget));
  g_assert_true (gtk_widget_activate (widget));
  (*interactions)++;
}

/* A field typed into where the focus already is. */
static void
type_into (GtkWidget *row, const char *text, guint *interactions)
{
  g_assert_nonnull (row);
  g_assert_true (focus_is_in (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  (*interactions)++;
}

static void
press_tab (GtkWidget *window, guint *interactions)
{
  g_assert_true (gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD));
  (*interactions)++;
}

CandorWizard *
candor_first_notice_path_run (CandorWindow *window, guint *interactions)
{
  GtkWidget *wizard;
  GtkWidget *title_row;
  GtkWidget *services_row;
  GtkWidget *severity_row;
  GtkWidget *template_row;

  *interactions = 0;

  /* 1: Start an Incident, in the header bar (or the empty page's button). */
  click (candor_test_ui_find_mapped (GTK_WIDGET (window), GTK_TYPE_BUTTON, "action-name",
                                     "win.start-incident"),
         interactions);
  candor_test_ui_wait_until (wizard_is_shown, NULL);
  wizard = candor_test_ui_find_toplevel (CANDOR_TYPE_WIZARD);

  /* 2-4: the title where the focus starts, Tab, the affected service. */
  title_row = candor_test_ui_wait_for_widget (wizard, ADW_TYPE_ENTRY_ROW, "title", "_Title");
  type_into (title_row, "Card payments fail at checkout", interactions);
  press_tab (wizard, interactions);
  services_row = candor_test_ui_find_mapped (wizard, ADW_TYPE_ENTRY_ROW, "title",
                                             "_Affected Services (comma-separated)");
  type_into (services_row, "Checkout", interactions);

  /* 5-6: the severity: open the list, pick "Major". */
  severity_row = candor_test_ui_find_mapped (wizard, ADW_TYPE_COMBO_ROW, "title", "S_everity");
  g_assert_nonnull (severity_row);
  adw_combo_row_set_selected (ADW_COMBO_ROW (severity_row), CANDOR_SEVERITY_MAJOR);
  *interactions += 2;

  /* 7: the fast template; it fills every field from what the draft knows. */
  template_row = candor_test_ui_find_mapped (wizard, ADW_TYPE_ACTION_ROW, "title",
                                             "Major outage: fast first notice");
  click (template_row, interactions);

  /* 8: Review: the preview of every audience and what still needs a look. */
  click (candor_test_ui_find_mapped (wizard, GTK_TYPE_BUTTON, "label", "_Review"), interactions);
  candor_test_ui_wait_until (is_ready_cb, wizard);

  return CANDOR_WIZARD (wizard);
}
