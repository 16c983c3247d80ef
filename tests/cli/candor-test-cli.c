/* candor-test-cli.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "candor-test-cli.h"

#include <signal.h>

void
candor_test_cli_run_clear (CandorTestCliRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

static void
on_communicated (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Runs the real binary with @argv (its own path first); once @interrupt_when
 * says so, Ctrl+C is sent to it, once. */
static void
run_argv (CandorTestCliRun  *run,
          const char        *input,
          GPtrArray         *argv,
          CandorTestCliReady interrupt_when,
          gpointer           user_data)
{
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;

  launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", g_get_user_cache_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "HOME", g_get_home_dir (), TRUE);

  process = g_subprocess_launcher_spawnv (launcher, (const char *const *)argv->pdata, &error);
  g_assert_no_error (error);
  /* The main context runs meanwhile: a fake service the test started on it
   * answers the command's requests. */
  g_subprocess_communicate_utf8_async (process, input != NULL ? input : "", NULL, on_communicated,
                                       &result);
  while (result == NULL)
    {
      g_main_context_iteration (NULL, TRUE);
      if (interrupt_when != NULL && interrupt_when (user_data))
        {
          g_subprocess_send_signal (process, SIGINT);
          interrupt_when = NULL;
        }
    }
  g_subprocess_communicate_utf8_finish (process, result, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (process);
}

static GPtrArray *
collect_argv (const char *first_arg, va_list args)
{
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (argv,
                   g_build_filename (g_getenv ("CANDOR_BUILD_ROOT"), "src", "candor-cli", NULL));
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  g_ptr_array_add (argv, NULL);

  return argv;
}

/**
 * candor_test_cli_run:
 * @input: (nullable): what the command reads on its standard input
 *
 * Runs the real candor-cli binary, as a script or a user would, with the
 * test's own (possibly isolated) data, config and cache folders.
 */
void
candor_test_cli_run (CandorTestCliRun *run, const char *input, const char *first_arg, ...)
{
  g_autoptr (GPtrArray) argv = NULL;
  va_list args;

  va_start (args, first_arg);
  argv = collect_argv (first_arg, args);
  va_end (args);

  run_argv (run, input, argv, NULL, NULL);
}

/* As candor_test_cli_run(), pressing Ctrl+C once @interrupt_when is true. */
void
candor_test_cli_run_interrupted (CandorTestCliRun  *run,
                                 CandorTestCliReady interrupt_when,
                                 gpointer           user_data,
                                 const char        *first_arg,
                                 ...)
{
  g_autoptr (GPtrArray) argv = NULL;
  va_list args;

  va_start (args, first_arg);
  argv = collect_argv (first_arg, args);
  va_end (args);

  run_argv (run, NULL, argv, interrupt_when, user_data);
}
