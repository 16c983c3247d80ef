/* candor-mark-sent-dialog.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CANDOR_TYPE_MARK_SENT_DIALOG (candor_mark_sent_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CandorMarkSentDialog,
                      candor_mark_sent_dialog,
                      CANDOR,
                      MARK_SENT_DIALOG,
                      AdwMessageDialog)

/* Asks when an update sent by hand went out; its "mark" response carries a
 * time that is not in the future. */
CandorMarkSentDialog *candor_mark_sent_dialog_new (GtkWindow *parent);
/* The time typed, in local time; %NULL while it cannot be read or is in
 * the future. Returns: (transfer full) (nullable) */
GDateTime *candor_mark_sent_dialog_dup_sent_at (CandorMarkSentDialog *self);
void       candor_mark_sent_dialog_set_sent_at (CandorMarkSentDialog *self, GDateTime *sent_at);
/* Why the time is refused, or %NULL. */
const char *candor_mark_sent_dialog_get_problem (CandorMarkSentDialog *self);

G_END_DECLS
