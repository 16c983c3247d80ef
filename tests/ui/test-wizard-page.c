/* test-wizard-page.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "candor-application.h"
#include "candor-test-ui.h"
#include "candor-wizard-page.h"
#include "candor-wizard.h"

/* A step whose apply takes a while, like publishing: it ends after
 * @delay_ms, with @valid, and does not stop halfway when cancelled. */
#define CANDOR_TYPE_SLOW_PAGE (candor_slow_page_get_type ())
G_DECLARE_FINAL_TYPE (CandorSlowPage, candor_slow_page, CANDOR, SLOW_PAGE, CandorWizardPage)

struct _CandorSlowPage
{
  CandorWizardPage parent_instance;

  guint         delay_ms; /* 0: nothing to apply */
  gboolean      valid;
  guint         n_applied;
  GCancellable *cancellable; /* the last apply's */
};

G_DEFINE_FINAL_TYPE (CandorSlowPage, candor_slow_page, CANDOR_TYPE_WIZARD_PAGE)

static CandorApplication *app;

static gboolean
apply_done_cb (gpointer data)
{
  CandorSlowPage *self = data;

  candor_wizard_page_apply_complete (CANDOR_WIZARD_PAGE (self), self->valid);

  return G_SOURCE_REMOVE;
}

static gboolean
candor_slow_page_apply (CandorWizardPage *page, GCancellable *cancellable)
{
  CandorSlowPage *self = CANDOR_SLOW_PAGE (page);

  self->n_applied++;
  g_set_object (&self->cancellable, cancellable);
  if (self->delay_ms == 0)
    return FALSE;

  g_timeout_add_full (G_PRIORITY_DEFAULT, self->delay_ms, apply_done_cb, g_object_ref (self),
                      g_object_unref);
  return TRUE;
}

static void
candor_slow_page_finalize (GObject *object)
{
  CandorSlowPage *self = CANDOR_SLOW_PAGE (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (candor_slow_page_parent_class)->finalize (object);
}

static void
candor_slow_page_class_init (CandorSlowPageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = candor_slow_page_finalize;
  CANDOR_WIZARD_PAGE_CLASS (klass)->apply = candor_slow_page_apply;
}

static void
candor_slow_page_init (CandorSlowPage *self)
{
  self->valid = TRUE;
}

static CandorSlowPage *
slow_page_new (const char *title, guint delay_ms)
{
  CandorSlowPage *page = g_object_new (CANDOR_TYPE_SLOW_PAGE, "title", title, NULL);

  page->delay_ms = delay_ms;
  return page;
}

/* What the apply callback was told, and how often "applying" changed. */
typedef struct
{
  guint    n_calls;
  gboolean valid;
  guint    n_notifies;
} Applied;

static void
on_applied_cb (CandorWizardPage *page, gboolean valid, gpointer user_data)
{
  Applied *applied = user_data;

  applied->n_calls++;
  applied->valid = valid;
}

static void
on_applying_cb (CandorWizardPage *page, GParamSpec *pspec, Applied *applied)
{
  applied->n_notifies++;
}

static gboolean
was_applied (gpointer data)
{
  return ((Applied *)data)->n_calls > 0;
}

static gboolean
is_not_applying (gpointer page)
{
  return !candor_wizard_page_get_applying (page);
}

/* A page with nothing to apply ends at once, valid, and never shows as
 * applying. */
static void
test_wizard_page_apply_at_once (void)
{
  CandorSlowPage *page = g_object_ref_sink (slow_page_new ("At Once", 0));
  Applied         applied = { 0 };

  g_signal_connect (page, "notify::applying", G_CALLBACK (on_applying_cb), &applied);
  g_assert_false (
    candor_wizard_page_apply_begin (CANDOR_WIZARD_PAGE (page), on_applied_cb, &applied));
  g_assert_cmpuint (page->n_applied, ==, 1);
  g_assert_cmpuint (applied.n_calls, ==, 1);
  g_assert_true (applied.valid);
  g_assert_cmpuint (applied.n_notifies, ==, 0);
  g_assert_false (candor_wizard_page_get_applying (CANDOR_WIZARD_PAGE (page)));

  g_assert_finalize_object (page);
}

static void
test_wizard_page_apply_later (void)
{
  CandorSlowPage *page = g_object_ref_sink (slow_page_new ("Later", 50));
  Applied         applied = { 0 };

  g_signal_connect (page, "notify::applying", G_CALLBACK (on_applying_cb), &applied);
  g_assert_true (
    candor_wizard_page_apply_begin (CANDOR_WIZARD_PAGE (page), on_applied_cb, &applied));
  g_assert_true (candor_wizard_page_get_applying (CANDOR_WIZARD_PAGE (page)));
  g_assert_cmpuint (applied.n_notifies, ==, 1);
  g_assert_cmpuint (applied.n_calls, ==, 0);

  candor_test_ui_wait_until (was_applied, &applied);
  g_assert_cmpuint (applied.n_calls, ==, 1);
  g_assert_true (applied.valid);
  g_assert_false (candor_wizard_page_get_applying (CANDOR_WIZARD_PAGE (page)));
  g_assert_cmpuint (applied.n_notifies, ==, 2);
  g_assert_false (g_cancellable_is_cancelled (page->cancellable));

  g_assert_finalize_object (page);
}

/* Cancelling asks the work to stop; the step ends when the page says so,
 * and never valid, even from a page whose work went on to the end. */
static void
test_wizard_page_apply_cancelled (void)
{
  CandorSlowPage *page = g_object_ref_sink (slow_page_new ("Cancelled", 50));
  Applied         applied = { 0 };

  g_assert_true (
    candor_wizard_page_apply_begin (CANDOR_WIZARD_PAGE (page), on_applied_cb, &applied));
  candor_wizard_page_apply_cancel (CANDOR_WIZARD_PAGE (page));
  g_assert_true (g_cancellable_is_cancelled (page->cancellable));
  g_assert_true (candor_wizard_page_get_applying (CANDOR_WIZARD_PAGE (page)));
  g_assert_cmpuint (applied.n_calls, ==, 0);

  candor_test_ui_wait_until (was_applied, &applied);
  g_assert_false (applied.valid);
  g_assert_false (candor_wizard_page_get_applying (CANDOR_WIZARD_PAGE (page)));

  g_assert_finalize_object (page);
}

/* A wizard on a fresh draft, with @first and @second appended to its steps
 * and @first shown. */
static CandorWizard *
open_wizard_at (CandorSlowPage *first, CandorSlowPage *second)
{
  g_autoptr (CandorIncident) incident = candor_incident_new ("Sign-in fails");
  g_autoptr (CandorUpdate) update = candor_update_new (CANDOR_UPDATE_KIND_INITIAL);
  g_autoptr (CandorDraft) draft = candor_draft_new (incident, update);
  CandorWizard *wizard = candor_wizard_new (GTK_APPLICATION (app), NULL, draft);
  GtkWidget    *page;
  GtkStack     *pages;

  gtk_window_present (GTK_WINDOW (wizard));
  candor_test_ui_wait_for_mapped (GTK_WIDGET (wizard));

  page = candor_test_ui_find_mapped (GTK_WIDGET (wizard), CANDOR_TYPE_WIZARD_PAGE, NULL, NULL);
  pages = GTK_STACK (gtk_widget_get_parent (page));
  gtk_stack_add_child (pages, GTK_WIDGET (first));
  gtk_stack_add_child (pages, GTK_WIDGET (second));
  gtk_stack_set_visible_child (pages, GTK_WIDGET (first));
  candor_test_ui_wait_for_mapped (GTK_WIDGET (first));

  return wizard;
}

static GtkWidget *
find_next_button (CandorWizard *wizard)
{
  return candor_test_ui_find_mapped (GTK_WIDGET (wizard), GTK_TYPE_BUTTON, "action-name",
                                     "wizard.next");
}

static void
close_wizard (CandorWizard *wizard)
{
  gpointer weak = wizard;

  g_object_add_weak_pointer (G_OBJECT (wizard), &weak);
  gtk_window_destroy (GTK_WINDOW (wizard));
  while (weak != NULL)
    g_main_context_iteration (NULL, TRUE);
}

typedef struct
{
  CandorWizard *wizard;
  guint         step;
} StepQuery;

static gboolean
is_at_step (gpointer data)
{
  StepQuery *query = data;

  return candor_wizard_get_step (query->wizard) == query->step;
}

/* Next waits for the page's apply step, with Next insensitive meanwhile,
 * then moves on; a page with nothing to apply moves on at once. */
static void
test_wizard_waits_for_apply (void)
{
  CandorSlowPage *slow = slow_page_new ("Slow", 100);
  CandorSlowPage *quick = slow_page_new ("Quick", 0);
  CandorSlowPage *last = slow_page_new ("Last", 0);
  CandorWizard   *wizard = open_wizard_at (slow, quick);
  GtkWidget      *next = find_next_button (wizard);
  guint           step = candor_wizard_get_step (wizard);
  StepQuery       query = { wizard, step + 1 };

  gtk_stack_add_child (GTK_STACK (gtk_widget_get_parent (GTK_WIDGET (slow))), GTK_WIDGET (last));
  g_assert_true (gtk_widget_is_sensitive (next));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.next", NULL));
  g_assert_cmpuint (slow->n_applied, ==, 1);
  g_assert_true (candor_wizard_page_get_applying (CANDOR_WIZARD_PAGE (slow)));
  g_assert_cmpuint (candor_wizard_get_step (wizard), ==, step);
  g_assert_false (gtk_widget_is_sensitive (next));

  /* Pressing again while it applies starts nothing more. */
  gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.next", NULL);
  g_assert_cmpuint (slow->n_applied, ==, 1);

  candor_test_ui_wait_until (is_at_step, &query);
  g_assert_false (candor_wizard_page_get_applying (CANDOR_WIZARD_PAGE (slow)));
  g_assert_true (gtk_widget_is_sensitive (next));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.next", NULL));
  g_assert_cmpuint (quick->n_applied, ==, 1);
  g_assert_cmpuint (candor_wizard_get_step (wizard), ==, step + 2);

  close_wizard (wizard);
}

/* A step that fails keeps the wizard on its page, ready for another try. */
static void
test_wizard_stays_when_apply_fails (void)
{
  CandorSlowPage *failing = slow_page_new ("Failing", 10);
  CandorSlowPage *after = slow_page_new ("After", 0);
  CandorWizard   *wizard = open_wizard_at (failing, after);
  guint           step = candor_wizard_get_step (wizard);

  failing->valid = FALSE;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.next", NULL));
  candor_test_ui_wait_until (is_not_applying, failing);
  g_assert_cmpuint (candor_wizard_get_step (wizard), ==, step);
  g_assert_true (gtk_widget_is_sensitive (find_next_button (wizard)));

  close_wizard (wizard);
}

/* Back (and Escape, which is bound to it) cancels the step under way and
 * keeps the wizard on the page, even though the page's work went on to its
 * end; once it ended, Back goes back. */
static void
test_wizard_cancel_keeps_page (void)
{
  CandorSlowPage *slow = slow_page_new ("Slow", 100);
  CandorSlowPage *after = slow_page_new ("After", 0);
  CandorWizard   *wizard = open_wizard_at (slow, after);
  guint           step = candor_wizard_get_step (wizard);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.next", NULL));
  g_assert_true (candor_wizard_page_get_applying (CANDOR_WIZARD_PAGE (slow)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.back", NULL));
  g_assert_true (g_cancellable_is_cancelled (slow->cancellable));
  g_assert_cmpuint (candor_wizard_get_step (wizard), ==, step);

  candor_test_ui_wait_until (is_not_applying, slow);
  g_assert_cmpuint (candor_wizard_get_step (wizard), ==, step);
  g_assert_true (gtk_widget_is_sensitive (find_next_button (wizard)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.back", NULL));
  g_assert_cmpuint (candor_wizard_get_step (wizard), ==, step - 1);

  close_wizard (wizard);
}

/* Closing the wizard while a page applies gives the step up: the wizard is
 * freed at once, and the page's work ends without it. */
static void
test_wizard_closed_while_applying (void)
{
  CandorSlowPage *slow = g_object_ref (slow_page_new ("Slow", 50));
  CandorSlowPage *after = slow_page_new ("After", 0);
  CandorWizard   *wizard = open_wizard_at (slow, after);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.next", NULL));
  close_wizard (wizard);
  g_assert_true (g_cancellable_is_cancelled (slow->cancellable));
  candor_test_ui_wait_until (is_not_applying, slow);

  g_assert_finalize_object (slow);
}

int
main (int argc, char *argv[])
{

  gtk_test_init (&argc, &argv, NULL);

  /* A wizard belongs to the application, whose session it writes drafts to;
   * the history is never opened here, so nothing is written. */
  app = candor_test_ui_new_app ();

  g_test_add_func ("/ui/wizard-page/apply-at-once", test_wizard_page_apply_at_once);
  g_test_add_func ("/ui/wizard-page/apply-later", test_wizard_page_apply_later);
  g_test_add_func ("/ui/wizard-page/apply-cancelled", test_wizard_page_apply_cancelled);
  g_test_add_func ("/ui/wizard-page/wizard-waits-for-apply", test_wizard_waits_for_apply);
  g_test_add_func ("/ui/wizard-page/wizard-stays-when-apply-fails",
                   test_wizard_stays_when_apply_fails);
  g_test_add_func ("/ui/wizard-page/wizard-cancel-keeps-page", test_wizard_cancel_keeps_page);
  g_test_add_func ("/ui/wizard-page/wizard-closed-while-applying",
                   test_wizard_closed_while_applying);

  return g_test_run ();
}
