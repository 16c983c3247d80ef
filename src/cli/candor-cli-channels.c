/* candor-cli-channels.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-cli-channels"

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "candor-channel-client.h"
#include "candor-channel-list.h"
#include "candor-channel.h"
#include "candor-cli-channels.h"
#include "candor-cli.h"
#include "candor-http.h"
#include "candor-json.h"
#include "candor-secrets.h"
#include "candor-store.h"

#define COMMAND "channels"

/* Test connection and a publication end with 1 when something failed. */
#define EXIT_NOT_DONE 1

static void
print_help (void)
{
  g_print (_("Usage: %s %s SUBCOMMAND [ARGUMENT…]\n"), g_get_prgname (), COMMAND);
  g_print ("%s\n\n", _("List, add, remove and test the channels updates are published to."));
  g_print ("%s\n", _("Subcommands:"));
  g_print ("  list [--json]\n");
  g_print ("      %s\n", _("list the channels, one per line: id, kind, name, settings, language"));
  g_print ("  add KIND NAME [--id=ID] [--set=KEY=VALUE]… [--language=LANG]\n");
  g_print ("      %s\n", _("add a channel and print its id; its secret (token, password,"));
  g_print ("      %s\n", _("webhook URL) is read from standard input, never from the"));
  g_print ("      %s\n", _("command line, and kept in the keyring; empty input means none"));
  g_print ("  set ID [--set=KEY=VALUE]… [--language=LANG]\n");
  g_print ("      %s\n", _("change a channel's settings or the language it speaks (a tag such"));
  g_print ("      %s\n", _("as en, ru or de; empty for whatever its audience reads); its secret"));
  g_print ("      %s\n", _("stays as it is"));
  g_print ("  remove ID\n");
  g_print ("      %s\n", _("remove a channel and its secret"));
  g_print ("  test ID\n");
  g_print ("      %s\n", _("check that the channel's service accepts its settings and secret"));
  g_print ("\n");
  g_print (_("Exit status is 0 on success, 1 when a test fails, and 2 on a usage or input "
             "error.\n"));
}

/* Input, history and keyring errors are not usage errors: no --help hint. */
static int
input_error (const GError *error)
{
  g_printerr ("%s: %s\n", g_get_prgname (), error->message);
  return CANDOR_CLI_EXIT_USAGE;
}

static gboolean
check_operands (int argc, char **argv, int expected, const char *what, int *status)
{
  if (argc - 1 < expected)
    {
      *status = candor_cli_usage_error (COMMAND, _("missing %s"), what);
      return FALSE;
    }

  if (argc - 1 > expected)
    {
      *status = candor_cli_usage_error (COMMAND, _("extra operand '%s'"), argv[expected + 1]);
      return FALSE;
    }

  return TRUE;
}

static char *
list_kind_nicks (void)
{
  const CandorChannelKind *kinds;
  GString                 *names = g_string_new (NULL);
  guint                    n_kinds;

  kinds = candor_channel_kind_get_all (&n_kinds);
  for (guint i = 0; i < n_kinds; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", kinds[i].nick);

  return g_string_free (names, FALSE);
}

static char *
list_settings (const CandorChannelKind *kind)
{
  if (kind->settings[0] == NULL)
    return g_strdup (_("none"));

  return g_strjoinv (", ", (char **)kind->settings);
}

static char *
format_settings (CandorChannel *channel)
{
  const CandorChannelKind *kind = candor_channel_get_kind (channel);
  GString                 *text = g_string_new (NULL);

  for (guint i = 0; kind->settings[i] != NULL; i++)
    {
      const char *value = candor_channel_get_setting (channel, kind->settings[i]);

      if (value != NULL)
        g_string_append_printf (text, "%s%s=%s", text->len > 0 ? " " : "", kind->settings[i],
                                value);
    }

  return g_string_free (text, FALSE);
}

/* A readable id from the name ("Ops chat" -> "ops-chat"), or the kind's nick
 * when the name has no ASCII letter or digit, made unique with a number. */
static char *
make_id (GPtrArray *channels, const char *kind, const char *name)
{
  g_autoptr (GString) slug = g_string_new (NULL);
  char *id;

  for (const char *c = name; *c != '\0'; c++)
    {
      if (g_ascii_isalnum (*c))
        g_string_append_c (slug, g_ascii_tolower (*c));
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);
  if (slug->len == 0)
    g_string_assign (slug, kind);

  id = g_strdup (slug->str);
  for (guint n = 2; candor_channel_find (channels, id) != NULL; n++)
    {
      g_free (id);
      id = g_strdup_printf ("%s-%u", slug->str, n);
    }

  return id;
}

/* The secret, from a pipe or typed without echo; the trailing newline is not
 * part of it. NULL when it is empty. */
static char *
read_secret (GError **error)
{
  g_autoptr (GString) secret = g_string_new (NULL);
  struct termios saved;
  gboolean       typed = isatty (STDIN_FILENO) && tcgetattr (STDIN_FILENO, &saved) == 0;
  int            c;
  char          *result = NULL;

  if (typed)
    {
      struct termios quiet = saved;

      quiet.c_lflag &= ~(tcflag_t)ECHO;
      g_printerr ("%s", _("Secret (not shown, empty for none): "));
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }

  while ((c = getchar ()) != EOF && !(typed && c == '\n'))
    g_string_append_c (secret, (char)c);

  if (typed)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
      g_printerr ("\n");
    }

  if (ferror (stdin))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 _("standard input: %s"), g_strerror (errno));
  else
    {
      while (secret->len > 0 &&
             (secret->str[secret->len - 1] == '\n' || secret->str[secret->len - 1] == '\r'))
        g_string_truncate (secret, secret->len - 1);
      if (secret->len > 0)
        result = g_strdup (secret->str);
    }

  /* The copy in the buffer is wiped before it goes back to the allocator. */
  memset (secret->str, 0, secret->allocated_len);
  return result;
}

static void
free_secret (char *secret)
{
  if (secret != NULL)
    {
      memset (secret, 0, strlen (secret));
      g_free (secret);
    }
}

/* The configured channels as the store holds them (the channel list also
 * offers the defaults while there are none, which are no one's to remove),
 * and the session's channel list that saves and removes them with their
 * secrets. */
static GPtrArray *
load_channels (CandorStore **store, CandorChannelList **list, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) channels = NULL;

  *store = candor_store_open (NULL, error);
  if (*store == NULL)
    return NULL;
  channels = candor_store_load_channels (*store, error);
  if (channels == NULL)
    return NULL;

  *list = candor_channel_list_new ();
  candor_channel_list_load_async (*list, *store, NULL, candor_cli_got_result, &result);
  candor_cli_wait_for (&result);
  if (!candor_channel_list_load_finish (*list, result, error))
    return NULL;

  return g_steal_pointer (&channels);
}

static CandorChannel *
find_channel (GPtrArray *channels, const char *id, int *status)
{
  CandorChannel *channel = candor_channel_find (channels, id);

  if (channel == NULL)
    {
      g_printerr (_("%s: there is no channel '%s'; '%s %s list' shows them\n"), g_get_prgname (),
                     id, g_get_prgname (), COMMAND);
      *status = CANDOR_CLI_EXIT_USAGE;
    }

  return channel;
}

static int
run_list (int argc, char **argv)
{
  gboolean     json = FALSE;
  gboolean     help = FALSE;
  int          status;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, NULL, NULL },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help, NULL, NULL },
    G_OPTION_ENTRY_NULL,
  };
  g_autoptr (CandorStore) store = NULL;
  g_autoptr (CandorChannelList) list = NULL;
  g_autoptr (GPtrArray) channels = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  if (!candor_cli_parse_options (COMMAND, entries, &help, print_help, &argc, &argv, &status))
    return status;
  if (!check_operands (argc, argv, 0, NULL, &status))
    return status;

  channels = load_channels (&store, &list, &error);
  if (channels == NULL)
    return input_error (error);

  json_builder_begin_array (builder);
  for (guint i = 0; i < channels->len; i++)
    {
      CandorChannel   *channel = g_ptr_array_index (channels, i);
      g_autofree char *settings = NULL;

      if (json)
        {
          json_builder_add_value (builder, candor_channel_to_json (channel));
          continue;
        }

      /* Tab-separated, one channel per line, for cut, awk and friends; the
       * language last, empty when the channel speaks its audience's. */
      settings = format_settings (channel);
      g_print ("%s\t%s\t%s\t%s\t%s\n", candor_channel_get_id (channel),
               candor_channel_get_kind (channel)->nick, candor_channel_get_name (channel), settings,
               candor_channel_get_language (channel) ?: "");
    }
  json_builder_end_array (builder);

  if (json)
    {
      g_autoptr (JsonGenerator) generator = json_generator_new ();
      g_autoptr (JsonNode) root = json_builder_get_root (builder);
      g_autofree char *text = NULL;

      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      text = json_generator_to_data (generator, NULL);
      g_print ("%s\n", text);
    }

  return CANDOR_CLI_EXIT_OK;
}

/* Each --set KEY=VALUE, checked before anything is read or stored. A secret
 * is refused without ever being repeated: it is already in the shell's
 * history, and should not be in a terminal's scrollback too. */
static gboolean
apply_settings (CandorChannel *channel, char **settings, int *status)
{
  const CandorChannelKind *kind = candor_channel_get_kind (channel);

  for (guint i = 0; settings != NULL && settings[i] != NULL; i++)
    {
      const char      *equals = strchr (settings[i], '=');
      g_autofree char *key = NULL;
      g_autoptr (GError) error = NULL;

      if (equals == NULL || equals == settings[i])
        {
          *status = candor_cli_usage_error (COMMAND, _("--set takes KEY=VALUE"));
          return FALSE;
        }

      key = g_strndup (settings[i], equals - settings[i]);
      if (candor_channel_key_names_secret (key))
        {
          *status =
            candor_cli_usage_error (COMMAND, _("'%s' is a secret: secrets are read from standard "
                                              "input, never from the command line"),
                                                key);
          return FALSE;
        }
      if (!candor_channel_kind_takes_setting (kind, key))
        {
          g_autofree char *keys = list_settings (kind);

          *status = candor_cli_usage_error (
            COMMAND, _("the kind %s has no setting '%s'; it has: %s"), kind->nick, key, keys);
          return FALSE;
        }
      if (!candor_channel_set_setting (channel, key, equals + 1, &error))
        {
          *status = candor_cli_usage_error (COMMAND, "%s", error->message);
          return FALSE;
        }
    }

  return TRUE;
}

/* --language: a tag, or empty for the audience's language. */
static gboolean
apply_language (CandorChannel *channel, const char *language, int *status)
{
  if (language == NULL)
    return TRUE;

  if (language[0] != '\0' && !candor_cli_parse_language (COMMAND, "--language", language, status))
    return FALSE;

  candor_channel_set_language (channel, language[0] != '\0' ? language : NULL);
  return TRUE;
}

static int
run_add (int argc, char **argv)
{
  g_auto (GStrv) settings = NULL;
  g_autofree char *id = NULL;
  g_autofree char *language = NULL;
  gboolean         help = FALSE;
  int              status;
  GOptionEntry     entries[] = {
        { "id", 0, 0, G_OPTION_ARG_STRING, &id, NULL, NULL },
        { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &settings, NULL, NULL },
        { "language", 0, 0, G_OPTION_ARG_STRING, &language, NULL, NULL },
        { "help", 'h', 0, G_OPTION_ARG_NONE, &help, NULL, NULL },
        G_OPTION_ENTRY_NULL,
  };
  g_autoptr (CandorStore) store = NULL;
  g_autoptr (CandorChannelList) list = NULL;
  g_autoptr (GPtrArray) channels = NULL;
  g_autoptr (CandorChannel) channel = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  const CandorChannelKind *kind;
  char                    *secret;

  if (!candor_cli_parse_options (COMMAND, entries, &help, print_help, &argc, &argv, &status))
    return status;
  if (!check_operands (argc, argv, 2, argc < 2 ? _("KIND") : _("NAME"), &status))
    return status;

  kind = candor_channel_kind_lookup (argv[1]);
  if (kind == NULL)
    {
      g_autofree char *kinds = list_kind_nicks ();

      return candor_cli_usage_error (COMMAND, _("invalid kind '%s'; valid kinds are: %s"), argv[1],
                                                 kinds);
    }
  if (id != NULL && (id[0] == '\0' || strpbrk (id, " \t\n") != NULL))
    return candor_cli_usage_error (COMMAND, _("an id is a word without spaces"));

  channels = load_channels (&store, &list, &error);
  if (channels == NULL)
    return input_error (error);
  if (id != NULL && candor_channel_find (channels, id) != NULL)
    return candor_cli_usage_error (COMMAND, _("there already is a channel '%s'"), id);
  if (id == NULL)
    id = make_id (channels, kind->nick, argv[2]);

  channel = candor_channel_new (id, kind->nick, argv[2]);
  if (!apply_settings (channel, settings, &status) || !apply_language (channel, language, &status))
    return status;

  secret = read_secret (&error);
  if (error != NULL)
    return input_error (error);

  /* The list stores the secret in the keyring before the channel, so a
   * channel is never saved pointing at a secret that failed to be kept. */
  candor_channel_list_save_async (list, channel, secret, NULL, candor_cli_got_result, &result);
  free_secret (secret);
  candor_cli_wait_for (&result);
  if (!candor_channel_list_save_finish (list, result, &error))
    return input_error (error);

  g_print ("%s\n", id);
  return CANDOR_CLI_EXIT_OK;
}

static int
run_set (int argc, char **argv)
{
  g_auto (GStrv) settings = NULL;
  g_autofree char *language = NULL;
  gboolean         help = FALSE;
  int              status;
  GOptionEntry     entries[] = {
        { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &settings, NULL, NULL },
        { "language", 0, 0, G_OPTION_ARG_STRING, &language, NULL, NULL },
        { "help", 'h', 0, G_OPTION_ARG_NONE, &help, NULL, NULL },
        G_OPTION_ENTRY_NULL,
  };
  g_autoptr (CandorStore) store = NULL;
  g_autoptr (CandorChannelList) list = NULL;
  g_autoptr (GPtrArray) channels = NULL;
  g_autoptr (CandorChannel) channel = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  CandorChannel *found;

  if (!candor_cli_parse_options (COMMAND, entries, &help, print_help, &argc, &argv, &status))
    return status;
  if (!check_operands (argc, argv, 1, _("ID"), &status))
    return status;
  if (settings == NULL && language == NULL)
    return candor_cli_usage_error (COMMAND, _("nothing to change: give --set or --language"));

  channels = load_channels (&store, &list, &error);
  if (channels == NULL)
    return input_error (error);
  found = find_channel (channels, argv[1], &status);
  if (found == NULL)
    return status;

  channel = candor_channel_copy (found);
  if (!apply_settings (channel, settings, &status) || !apply_language (channel, language, &status))
    return status;

  /* No secret given: the keyring keeps the one it has. */
  candor_channel_list_save_async (list, channel, NULL, NULL, candor_cli_got_result, &result);
  candor_cli_wait_for (&result);
  if (!candor_channel_list_save_finish (list, result, &error))
    return input_error (error);

  return CANDOR_CLI_EXIT_OK;
}

static int
run_remove (int argc, char **argv)
{
  gboolean     help = FALSE;
  int          status;
  GOptionEntry entries[] = {
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help, NULL, NULL },
    G_OPTION_ENTRY_NULL,
  };
  g_autoptr (CandorStore) store = NULL;
  g_autoptr (CandorChannelList) list = NULL;
  g_autoptr (GPtrArray) channels = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  if (!candor_cli_parse_options (COMMAND, entries, &help, print_help, &argc, &argv, &status))
    return status;
  if (!check_operands (argc, argv, 1, _("ID"), &status))
    return status;

  channels = load_channels (&store, &list, &error);
  if (channels == NULL)
    return input_error (error);
  if (find_channel (channels, argv[1], &status) == NULL)
    return status;

  candor_channel_list_remove_async (list, argv[1], NULL, candor_cli_got_result, &result);
  candor_cli_wait_for (&result);
  if (!candor_channel_list_remove_finish (list, result, &error))
    return input_error (error);

  return CANDOR_CLI_EXIT_OK;
}

static int
run_test (int argc, char **argv)
{
  gboolean     help = FALSE;
  int          status;
  GOptionEntry entries[] = {
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help, NULL, NULL },
    G_OPTION_ENTRY_NULL,
  };
  g_autoptr (CandorStore) store = NULL;
  g_autoptr (CandorChannelList) list = NULL;
  g_autoptr (GPtrArray) channels = NULL;
  g_autoptr (GAsyncResult) looked_up = NULL;
  g_autoptr (GAsyncResult) tested = NULL;
  g_autoptr (CandorHttp) http = NULL;
  g_autoptr (CandorChannelClient) client = NULL;
  g_autoptr (GError) error = NULL;
  CandorChannel *channel;
  char          *secret;

  if (!candor_cli_parse_options (COMMAND, entries, &help, print_help, &argc, &argv, &status))
    return status;
  if (!check_operands (argc, argv, 1, _("ID"), &status))
    return status;

  channels = load_channels (&store, &list, &error);
  if (channels == NULL)
    return input_error (error);
  channel = find_channel (channels, argv[1], &status);
  if (channel == NULL)
    return status;

  candor_secrets_lookup_async (argv[1], NULL, candor_cli_got_result, &looked_up);
  candor_cli_wait_for (&looked_up);
  secret = candor_secrets_lookup_finish (looked_up, &error);
  if (error != NULL)
    return input_error (error);

  http = candor_http_new (NULL);
  client = candor_channel_client_new (channel, secret, http, &error);
  free_secret (secret);
  if (client != NULL)
    {
      candor_channel_client_test_async (client, NULL, candor_cli_got_result, &tested);
      candor_cli_wait_for (&tested);
      candor_channel_client_test_finish (client, tested, &error);
    }

  if (error != NULL)
    {
      g_printerr ("%s: %s: %s\n", g_get_prgname (), argv[1], error->message);
      return EXIT_NOT_DONE;
    }

  g_print (_("%s: the service accepts the channel's settings and secret\n"), argv[1]);
  return CANDOR_CLI_EXIT_OK;
}

int
candor_cli_channels_run (int argc, char **argv)
{
  const char *subcommand;

  if (argc < 2)
    return candor_cli_usage_error (COMMAND, _("missing subcommand"));

  subcommand = argv[1];
  if (g_str_equal (subcommand, "-h") || g_str_equal (subcommand, "--help"))
    {
      print_help ();
      return CANDOR_CLI_EXIT_OK;
    }

  /* Each subcommand sees itself as argv[0]. */
  if (g_str_equal (subcommand, "list"))
    return run_list (argc - 1, argv + 1);
  if (g_str_equal (subcommand, "add"))
    return run_add (argc - 1, argv + 1);
  if (g_str_equal (subcommand, "set"))
    return run_set (argc - 1, argv + 1);
  if (g_str_equal (subcommand, "remove"))
    return run_remove (argc - 1, argv + 1);
  if (g_str_equal (subcommand, "test"))
    return run_test (argc - 1, argv + 1);

  return candor_cli_usage_error (COMMAND, _("'%s' is not a subcommand"), subcommand);
}
