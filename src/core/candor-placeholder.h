/* candor-placeholder.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A placeholder is text that stands for what the author still has to write:
 * "[company name]" (what a template leaves for a variable nothing in the
 * draft knows) or a Mustache tag left in the text ("{{contact_name}}").
 * A Markdown link "[text](url)" is not one, nor "[1]" or "[ ]". */

/* "[company name]" for the variable "company_name". */
char *candor_placeholder_for_variable (const char *name);

/* Finds the first placeholder in @text at or after byte @from; @start and
 * @end are byte offsets of the whole of it, brackets included. */
gboolean candor_placeholder_find (const char *text, gsize from, gsize *start, gsize *end);

/* Whether @text has a placeholder anywhere. */
gboolean candor_placeholder_in_text (const char *text);

G_END_DECLS
