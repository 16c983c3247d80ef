/* candor-mark-sent-dialog.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-mark-sent-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "candor-mark-sent-dialog.h"

/* "Mark as Sent…": when the update went out, in the author's local time,
 * written as digits so it reads the same in every language. A time in the
 * future is refused: the history would claim a notice nobody received yet. */
struct _CandorMarkSentDialog
{
  AdwMessageDialog parent_instance;

  AdwEntryRow *date_row;
  AdwEntryRow *time_row;
  GtkLabel    *problem_label;

  GDateTime *sent_at;
  GDateTime *given; /* the time set, to the second */
  char      *problem;
};

G_DEFINE_FINAL_TYPE (CandorMarkSentDialog, candor_mark_sent_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* The clock of the computer the update was sent from may run a little
 * ahead of this one: a minute's grace. */
#define FUTURE_GRACE (G_TIME_SPAN_MINUTE)

static GDateTime *
parse (const char *date, const char *time)
{
  int  year, month, day, hour, minute;
  char end;

  if (sscanf (date, "%d-%d-%d%c", &year, &month, &day, &end) != 3 ||
      sscanf (time, "%d:%d%c", &hour, &minute, &end) != 2)
    return NULL;
  if (year < 1970 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 ||
      minute > 59 || !g_date_valid_dmy (day, month, year))
    return NULL;

  return g_date_time_new_local (year, month, day, hour, minute, 0);
}

static void
validate (CandorMarkSentDialog *self)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) sent_at = parse (gtk_editable_get_text (GTK_EDITABLE (self->date_row)),
                                         gtk_editable_get_text (GTK_EDITABLE (self->time_row)));

  g_clear_pointer (&self->sent_at, g_date_time_unref);
  g_clear_pointer (&self->problem, g_free);

  if (sent_at == NULL)
    self->problem = g_strdup (_("Write the date as 2026-03-31 and the time as 14:05."));
  else if (g_date_time_difference (sent_at, now) > FUTURE_GRACE)
    self->problem = g_strdup (_("That time is in the future: an update can only be marked as "
                                "sent once it went out."));
  else if (self->given != NULL &&
           g_date_time_to_unix (sent_at) == g_date_time_to_unix (self->given) / 60 * 60)
    /* Untouched: the time given, seconds included, so that a notice sent
     * now never reads as sent before the incident was detected. */
    self->sent_at = g_date_time_ref (self->given);
  else
    self->sent_at = g_steal_pointer (&sent_at);

  gtk_label_set_label (self->problem_label, self->problem != NULL ? self->problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), self->problem != NULL);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "mark",
                                           self->sent_at != NULL);
}

static void
on_entry_changed_cb (CandorMarkSentDialog *self, GtkEditable *editable)
{
  validate (self);
}

static void
candor_mark_sent_dialog_finalize (GObject *object)
{
  CandorMarkSentDialog *self = CANDOR_MARK_SENT_DIALOG (object);

  g_clear_pointer (&self->sent_at, g_date_time_unref);
  g_clear_pointer (&self->given, g_date_time_unref);
  g_free (self->problem);

  G_OBJECT_CLASS (candor_mark_sent_dialog_parent_class)->finalize (object);
}

static void
candor_mark_sent_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CANDOR_TYPE_MARK_SENT_DIALOG);

  G_OBJECT_CLASS (candor_mark_sent_dialog_parent_class)->dispose (object);
}

static void
candor_mark_sent_dialog_class_init (CandorMarkSentDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = candor_mark_sent_dialog_finalize;
  object_class->dispose = candor_mark_sent_dialog_dispose;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/candor/Candor/candor-mark-sent-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CandorMarkSentDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, CandorMarkSentDialog, time_row);
  gtk_widget_class_bind_template_child (widget_class, CandorMarkSentDialog, problem_label);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed_cb);
}

static void
candor_mark_sent_dialog_init (CandorMarkSentDialog *self)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  gtk_widget_init_template (GTK_WIDGET (self));
  candor_mark_sent_dialog_set_sent_at (self, now);
}

CandorMarkSentDialog *
candor_mark_sent_dialog_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (CANDOR_TYPE_MARK_SENT_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
}

GDateTime *
candor_mark_sent_dialog_dup_sent_at (CandorMarkSentDialog *self)
{
  g_return_val_if_fail (CANDOR_IS_MARK_SENT_DIALOG (self), NULL);

  /* The clock moved on since the time was typed: still not in the future? */
  validate (self);

  return self->sent_at != NULL ? g_date_time_ref (self->sent_at) : NULL;
}

void
candor_mark_sent_dialog_set_sent_at (CandorMarkSentDialog *self, GDateTime *sent_at)
{
  g_autoptr (GDateTime) local = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;

  g_return_if_fail (CANDOR_IS_MARK_SENT_DIALOG (self));
  g_return_if_fail (sent_at != NULL);

  local = g_date_time_to_local (sent_at);
  g_clear_pointer (&self->given, g_date_time_unref);
  self->given = g_date_time_ref (local);
  date = g_date_time_format (local, "%Y-%m-%d");
  time = g_date_time_format (local, "%H:%M");
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), date);
  gtk_editable_set_text (GTK_EDITABLE (self->time_row), time);
  validate (self);
}

const char *
candor_mark_sent_dialog_get_problem (CandorMarkSentDialog *self)
{
  g_return_val_if_fail (CANDOR_IS_MARK_SENT_DIALOG (self), NULL);

  return self->problem;
}
