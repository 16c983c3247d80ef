/* candor-cli.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "candor-draft.h"

G_BEGIN_DECLS

/* Exit statuses shared by every command: 1 says the output needs a look
 * (findings for `check`, a message over its channel's limit for `render`),
 * 2 is always a usage or input error. */
#define CANDOR_CLI_EXIT_OK       0
#define CANDOR_CLI_EXIT_FINDINGS 1
#define CANDOR_CLI_EXIT_USAGE    2

typedef int (*CandorCliCommandFunc) (int argc, char **argv);

typedef struct
{
  const char          *name;
  const char          *summary;
  CandorCliCommandFunc run;
} CandorCliCommand;

typedef void (*CandorCliHelpFunc) (void);

int      candor_cli_run (int argc, char **argv);
gboolean candor_cli_parse_options (const char       *command,
                                   GOptionEntry     *entries,
                                   gboolean         *help,
                                   CandorCliHelpFunc print_help,
                                   int              *argc,
                                   char           ***argv,
                                   int              *status);
int      candor_cli_usage_error (const char *command, const char *format, ...) G_GNUC_PRINTF (2, 3);
gboolean
candor_cli_take_file_operand (const char *command, int argc, char **argv, char **path, int *status);

/* Runs the default main context until *@result is set by an async call's
 * callback (candor_cli_got_result), so a command can use the _async API. */
void candor_cli_got_result (GObject *source, GAsyncResult *result, gpointer user_data);
void candor_cli_wait_for (GAsyncResult **result);

gboolean
candor_cli_parse_language (const char *command, const char *option, const char *value, int *status);
gboolean candor_cli_parse_enum (const char *command,
                                GType       enum_type,
                                const char *option,
                                const char *value,
                                int        *out,
                                int        *status);

/* Input files: every command that reads a draft or a text names it, words its errors
 * and bounds its size the same way, through these. */

/* "<stdin>" for "-", else @path: how an input is named in messages. */
const char *candor_cli_input_name (const char *path);

/* Reads FILE, or standard input for "-": UTF-8 text of at most CANDOR_JSON_MAX_SIZE
 * bytes; errors start with candor_cli_input_name(). */
char *candor_cli_read_input (const char *path, gsize *length, GError **error);

/* A draft from what candor_cli_read_input() read from @path. */
CandorDraft *
candor_cli_draft_from_input (const char *path, const char *contents, gsize length, GError **error);

/* Both of the above. */
CandorDraft *candor_cli_load_draft (const char *path, GError **error);

/* Prints "PROGRAM: MESSAGE" and returns CANDOR_CLI_EXIT_USAGE. */
int candor_cli_input_error (const GError *error);

G_END_DECLS
