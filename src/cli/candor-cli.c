/* candor-cli.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "candor-cli.h"
#include "candor-cli-check.h"
#include "candor-cli-history.h"
#include "candor-cli-render.h"
#include "candor-cli-templates.h"
#include "candor-cli-schedule.h"

/* Each command is listed here once it works, never before. */
static const CandorCliCommand commands[] = {
  { "check", N_("check a message for blame, promises, jargon and missing parts"), candor_cli_check_run },
  { "history", N_("list, search and export incidents and what was sent"), candor_cli_history_run },
  { "render", N_("print exactly what each audience receives on each channel"), candor_cli_render_run },
  { "schedule", N_("suggest when to send the next update, and why"), candor_cli_schedule_run },
  { "templates", N_("list, show, import and export message templates"), candor_cli_templates_run },
  { NULL, NULL, NULL },
};

static const CandorCliCommand *
find_command (const char *name)
{
  for (guint i = 0; commands[i].name != NULL; i++)
    {
      if (g_str_equal (commands[i].name, name))
        return &commands[i];
    }

  return NULL;
}

static void
print_help (void)
{
  g_print (_("Usage: %s [OPTION…] COMMAND [ARGUMENT…]\n"), g_get_prgname ());
  g_print ("%s\n\n", _("Write, check and publish outage messages without a window."));

  if (commands[0].name != NULL)
    {
      g_print ("%s\n", _("Commands:"));
      for (guint i = 0; commands[i].name != NULL; i++)
        g_print ("  %-12s %s\n", commands[i].name, _(commands[i].summary));
      g_print ("\n");
    }

  g_print ("%s\n", _("Options:"));
  g_print ("  -h, --help     %s\n", _("show this help and exit"));
  g_print ("  -V, --version  %s\n", _("show the version and exit"));
  g_print ("\n");
  g_print (_("Exit status is 0 on success and 2 on a usage or input error.\n"));
  g_print (_("Report bugs to: %s\n"), "https://github.com/candor/candor/issues");
}

/**
 * candor_cli_usage_error:
 * @command: (nullable): the command the error is about, or %NULL for the
 *   program itself
 *
 * Prints a usage error the GNU way, one line and a hint, and returns the
 * exit status for it.
 */
int
candor_cli_usage_error (const char *command, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list          args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("%s: %s\n", g_get_prgname (), message);
  if (command != NULL)
    g_printerr (_("Try '%s %s --help' for more information.\n"), g_get_prgname (), command);
  else
    g_printerr (_("Try '%s --help' for more information.\n"), g_get_prgname ());

  return CANDOR_CLI_EXIT_USAGE;
}

int
candor_cli_run (int argc, char **argv)
{
  const CandorCliCommand *command;
  const char             *arg;

  g_set_prgname ("candor-cli");

  if (argc < 2)
    return candor_cli_usage_error (NULL, _("missing command"));

  arg = argv[1];

  if (g_str_equal (arg, "-h") || g_str_equal (arg, "--help"))
    {
      print_help ();
      return CANDOR_CLI_EXIT_OK;
    }

  if (g_str_equal (arg, "-V") || g_str_equal (arg, "--version"))
    {
      g_print ("candor-cli %s\n", PACKAGE_VERSION);
      return CANDOR_CLI_EXIT_OK;
    }

  if (arg[0] == '-')
    return candor_cli_usage_error (NULL, _("unrecognized option '%s'"), arg);

  command = find_command (arg);
  if (command == NULL)
    return candor_cli_usage_error (NULL, _("'%s' is not a command"), arg);

  /* The command sees itself as argv[0], as if it were a program of its own. */
  return command->run (argc - 1, argv + 1);
}
