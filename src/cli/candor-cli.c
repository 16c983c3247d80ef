/* candor-cli.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "candor-cli.h"
#include "candor-language.h"
#include "candor-enums.h"
#include "candor-json.h"
#include "candor-cli-channels.h"
#include "candor-cli-check.h"
#include "candor-cli-history.h"
#include "candor-cli-publish.h"
#include "candor-cli-render.h"
#include "candor-cli-templates.h"
#include "candor-cli-schedule.h"

/* Each command is listed here once it works, never before. */
/* clang-format off */
static const CandorCliCommand commands[] = {
  { "channels",  N_("list, add, remove and test the channels updates go to"),         candor_cli_channels_run },
  { "check",     N_("check a message for blame, promises, jargon and missing parts"), candor_cli_check_run },
  { "history",   N_("list, search and export incidents and what was sent"),           candor_cli_history_run },
  { "publish",   N_("send an update to its channels, or record it as sent"),          candor_cli_publish_run },
  { "render",    N_("print exactly what each audience receives on each channel"),     candor_cli_render_run },
  { "schedule",  N_("suggest when to send the next update, and why"),                 candor_cli_schedule_run },
  { "templates", N_("list, show, import and export message templates"),               candor_cli_templates_run },
  { NULL, NULL, NULL },
};
/* clang-format on */

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
  g_print (_("Exit status is 0 on success, 1 when check finds something or publish or "
             "channels test could not send, and 2 on a usage or input error.\n"));
  g_print (_("Report bugs to: %s\n"), "https://github.com/candor/candor/issues");
}

const char *
candor_cli_input_name (const char *path)
{
  return g_str_equal (path, "-") ? "<stdin>" : path;
}

/* All of a file, or standard input; past @max_size bytes the rest is counted, not kept,
 * so that a script piping something endless gets an error instead of eating memory.
 * *@length is the whole size; all of it is kept when that is at most @max_size. */
static char *
read_bounded (const char *path, gsize max_size, gsize *length, GError **error)
{
  g_autoptr (GString) contents = g_string_new (NULL);
  FILE  *stream = stdin;
  char   buffer[8192];
  gsize  total = 0;
  size_t n;
  int    saved_errno;

  if (!g_str_equal (path, "-"))
    {
      stream = fopen (path, "rb");
      if (stream == NULL)
        {
          saved_errno = errno;
          /* GNU style, as cat says it: the file, then what is wrong. */
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno), "%s: %s", path,
                       g_strerror (saved_errno));
          return NULL;
        }
    }

  while ((n = fread (buffer, 1, sizeof buffer, stream)) > 0)
    {
      if (contents->len <= max_size)
        g_string_append_len (contents, buffer, n);
      total += n;
    }
  saved_errno = ferror (stream) ? errno : 0;
  if (stream != stdin)
    fclose (stream);
  if (saved_errno != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno), "%s: %s",
                   candor_cli_input_name (path), g_strerror (saved_errno));
      return NULL;
    }

  *length = total;
  return g_string_free (g_steal_pointer (&contents), FALSE);
}

char *
candor_cli_read_input (const char *path, gsize *length, GError **error)
{
  g_autofree char *contents = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (length != NULL, NULL);

  /* Windows Notepad starts its UTF-8 files with a byte-order mark; it is not text, and
   * does not count. Every byte is kept up to the maximum and the mark. */
  contents = read_bounded (path, CANDOR_JSON_MAX_SIZE + 3, length, error);
  if (contents != NULL && *length >= 3 && *length <= CANDOR_JSON_MAX_SIZE + 3 &&
      memcmp (contents, "\xEF\xBB\xBF", 3) == 0)
    {
      *length -= 3;
      memmove (contents, contents + 3, *length + 1);
    }
  if (contents == NULL || !candor_json_check_text (contents, *length, CANDOR_JSON_MAX_SIZE,
                                                   candor_cli_input_name (path), error))
    return NULL;

  return g_steal_pointer (&contents);
}

CandorDraft *
candor_cli_draft_from_input (const char *path, const char *contents, gsize length, GError **error)
{
  CandorDraft *draft;

  g_return_val_if_fail (path != NULL, NULL);

  draft = candor_draft_load_from_data (contents, length, error);
  if (draft == NULL)
    g_prefix_error (error, "%s: ", candor_cli_input_name (path));

  return draft;
}

CandorDraft *
candor_cli_load_draft (const char *path, GError **error)
{
  g_autofree char *contents = NULL;
  gsize            length = 0;

  contents = candor_cli_read_input (path, &length, error);
  if (contents == NULL)
    return NULL;

  return candor_cli_draft_from_input (path, contents, length, error);
}

int
candor_cli_input_error (const GError *error)
{
  g_printerr ("%s: %s\n", g_get_prgname (), error->message);
  return CANDOR_CLI_EXIT_USAGE;
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

/**
 * candor_cli_take_file_operand:
 * @path: (inout): the value of the command's --draft option, or %NULL
 *
 * The commands that read a draft take it as their one operand or as
 * --draft=FILE, whichever a script is used to: @path ends up as the file.
 *
 * Returns: %FALSE after saying what is wrong, with *@status to exit with.
 */
gboolean
candor_cli_take_file_operand (const char *command, int argc, char **argv, char **path, int *status)
{
  if (argc > 1 && *path != NULL)
    *status = candor_cli_usage_error (command, _("extra operand '%s'"), argv[1]);
  else if (argc > 2)
    *status = candor_cli_usage_error (command, _("extra operand '%s'"), argv[2]);
  else if (argc < 2 && *path == NULL)
    *status = candor_cli_usage_error (command, _("missing file operand"));
  else
    {
      if (*path == NULL)
        *path = g_strdup (argv[1]);
      return TRUE;
    }

  return FALSE;
}

static const GOptionEntry *
find_long_option (const GOptionEntry *entries, const char *name)
{
  for (const GOptionEntry *entry = entries; entry->long_name != NULL; entry++)
    {
      if (g_str_equal (entry->long_name, name))
        return entry;
    }

  return NULL;
}

static const GOptionEntry *
find_short_option (const GOptionEntry *entries, char name)
{
  for (const GOptionEntry *entry = entries; entry->long_name != NULL; entry++)
    {
      if (entry->short_name == name)
        return entry;
    }

  return NULL;
}

/* GOption's own messages are not GNU style ("Unknown option --x"), so the
 * arguments are checked first against @entries with the wording every GNU
 * tool uses. */
static int
check_gnu_options (const char *command, const GOptionEntry *entries, int argc, char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      const char         *arg = argv[i];
      const GOptionEntry *entry;
      g_autofree char    *name = NULL;
      gboolean            has_value;

      if (g_str_equal (arg, "--"))
        break;
      if (arg[0] != '-' || arg[1] == '\0')
        continue;

      if (arg[1] != '-')
        {
          /* Short options, possibly bundled ("-hx"); one that takes a value ends the bundle. */
          for (const char *c = arg + 1; *c != '\0'; c++)
            {
              entry = find_short_option (entries, *c);
              if (entry == NULL)
                return candor_cli_usage_error (command, _("invalid option -- '%c'"), *c);
              if (entry->arg != G_OPTION_ARG_NONE)
                {
                  if (c[1] == '\0' && ++i >= argc)
                    return candor_cli_usage_error (command,
                                                   _("option requires an argument -- '%c'"), *c);
                  break;
                }
            }
          continue;
        }

      name = g_strndup (arg + 2, strcspn (arg + 2, "="));
      has_value = strchr (arg, '=') != NULL;
      entry = find_long_option (entries, name);

      if (entry == NULL)
        return candor_cli_usage_error (command, _("unrecognized option '--%s'"), name);
      if (entry->arg == G_OPTION_ARG_NONE && has_value)
        return candor_cli_usage_error (command, _("option '--%s' doesn't allow an argument"),
                                                   name);
      if (entry->arg != G_OPTION_ARG_NONE && !has_value && ++i >= argc)
        return candor_cli_usage_error (command, _("option '--%s' requires an argument"), name);
    }

  return CANDOR_CLI_EXIT_OK;
}

/**
 * candor_cli_parse_options:
 * @command: the command, for messages ("check")
 * @entries: the command's options, including a "help" entry pointing at @help
 * @help: set when --help was given
 * @print_command_help: prints the command's help
 * @status: (out): the exit status when this returns %FALSE
 *
 * Parses a command's options the GNU way: unknown options and missing or
 * unwanted arguments get the usual messages, --help prints the help, and
 * "--" ends the options. @argc and @argv are left with argv[0] and the
 * operands. Returns %TRUE when the command should go on.
 */
gboolean
candor_cli_parse_options (const char       *command,
                          GOptionEntry     *entries,
                          gboolean         *help,
                          CandorCliHelpFunc print_command_help,
                          int              *argc,
                          char           ***argv,
                          int              *status)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;

  *status = check_gnu_options (command, entries, *argc, *argv);
  if (*status != CANDOR_CLI_EXIT_OK)
    return FALSE;

  context = g_option_context_new (NULL);
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = candor_cli_usage_error (command, "%s", error->message);
      return FALSE;
    }

  if (*help)
    {
      print_command_help ();
      *status = CANDOR_CLI_EXIT_OK;
      return FALSE;
    }

  /* GOption leaves the "--" that ends the options; what follows is operands. */
  for (int i = 1; i < *argc; i++)
    {
      if (g_str_equal ((*argv)[i], "--"))
        {
          memmove (&(*argv)[i], &(*argv)[i + 1], (*argc - i) * sizeof (char *));
          (*argc)--;
          break;
        }
    }

  return TRUE;
}

/**
 * candor_cli_parse_enum:
 * @option: the option the value came with ("--severity")
 * @value: (nullable): what the user gave, or %NULL when the option was not used
 * @out: (out): the enum value, left alone when @value is %NULL
 * @status: (out): the exit status when this returns %FALSE
 *
 * Reads an enum value by its nick; a wrong one is a usage error that lists
 * the nicks there are.
 */
gboolean
candor_cli_parse_enum (const char *command,
                       GType       enum_type,
                       const char *option,
                       const char *value,
                       int        *out,
                       int        *status)
{
  g_autoptr (GEnumClass) klass = NULL;
  g_autoptr (GString) nicks = NULL;

  if (value == NULL || candor_enum_from_nick (enum_type, value, out))
    return TRUE;

  klass = g_type_class_ref (enum_type);
  nicks = g_string_new (NULL);
  for (guint i = 0; i < klass->n_values; i++)
    g_string_append_printf (nicks, "%s%s", i > 0 ? ", " : "", klass->values[i].value_nick);

  *status = candor_cli_usage_error (command, _("invalid argument '%s' for '%s': use one of %s"),
                                                value, option, nicks->str);
  return FALSE;
}

/**
 * candor_cli_parse_language:
 * @option: the option the value came with ("--lang")
 * @value: (nullable): what the user gave, or %NULL when the option was not used
 * @status: (out): the exit status when this returns %FALSE
 *
 * Checks that @value reads as a language tag ("en", "ru", "pt-BR"), as
 * drafts, audiences and channels write them: a language is any the author
 * writes in, not only those Candor has templates for, but a typo such as
 * "--lang=russian" is a usage error.
 */
gboolean
candor_cli_parse_language (const char *command, const char *option, const char *value, int *status)
{
  if (value == NULL || candor_language_is_valid (value))
    return TRUE;

  *status = candor_cli_usage_error (
    command, _("invalid language '%s' for '%s': give a language tag such as en, ru or de"), value,
                option);
  return FALSE;
}

/**
 * candor_cli_got_result:
 * @user_data: (out): a `GAsyncResult **` to take the result
 *
 * The callback of an async call a command waits for with candor_cli_wait_for().
 */
void
candor_cli_got_result (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/**
 * candor_cli_wait_for:
 * @result: where candor_cli_got_result() puts the result
 *
 * A command is one operation from start to end: it waits for its async
 * calls by running the main context, which also runs their sources.
 */
void
candor_cli_wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
}

int
candor_cli_run (int argc, char **argv)
{
  const CandorCliCommand *command;
  const char             *arg;

  g_set_prgname ("candor-cli");
  /* Standard output is the commands' result, which scripts read: debug
   * messages (G_MESSAGES_DEBUG) go with the errors. */
  g_log_writer_default_set_use_stderr (TRUE);

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
