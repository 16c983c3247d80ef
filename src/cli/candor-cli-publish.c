/* candor-cli-publish.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-cli-publish"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "candor-cli-publish.h"
#include "candor-cli-render.h"
#include "candor-cli.h"
#include "candor-composition.h"
#include "candor-draft.h"
#include "candor-store.h"

#define COMMAND "publish"

/* Something was not sent: failed, waiting or to be verified. */
#define EXIT_NOT_SENT 1

static void
print_help (void)
{
  g_print (_("Usage: %s %s --draft=FILE [OPTION…]\n"), g_get_prgname (), COMMAND);
  g_print ("%s\n\n",
           _("Send an update to every channel of its audiences at once, and record it."));
  g_print ("%s\n", _("Options:"));
  g_print ("  --draft=FILE       %s\n", _("the draft to publish (JSON)"));
  g_print ("  --channel=ID       %s\n", _("only this configured channel; may be repeated"));
  g_print ("  --mark-sent        %s\n", _("record the update as sent by hand, sending nothing"));
  g_print ("  --dry-run          %s\n", _("print what each channel would receive, as render"));
  g_print ("                     %s\n", _("does, and send and record nothing"));
  g_print ("  --json             %s\n", _("print one JSON object per line: each publication"));
  g_print ("                     %s\n", _("with its channel, audience, state, link and error,"));
  g_print ("                     %s\n", _("or with --dry-run each rendition"));
  g_print ("  -h, --help         %s\n", _("show this help and exit"));
  g_print ("\n");
  g_print ("%s\n",
           _("Each channel's result is printed as it ends: its id, sent, waiting, failed"));
  g_print ("%s\n", _("or verify, and the link to the message or what went wrong."));
  g_print (_("Exit status is 0 when everything was sent (or recorded, or printed), 1 when "
             "something was not sent, and 2 on a usage or input error.\n"));
}

static int
input_error (const GError *error)
{
  g_printerr ("%s: %s\n", g_get_prgname (), error->message);
  return CANDOR_CLI_EXIT_USAGE;
}

/* The renditions of the chosen channels, or every one when none is chosen. */
static GPtrArray *
choose_renditions (GPtrArray *renditions, char **only_channels, int *status)
{
  g_autoptr (GPtrArray) chosen = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; only_channels != NULL && only_channels[i] != NULL; i++)
    {
      gboolean used = FALSE;

      for (guint j = 0; j < renditions->len && !used; j++)
        used = g_str_equal (candor_rendition_get_channel_id (g_ptr_array_index (renditions, j)),
                            only_channels[i]);
      if (!used)
        {
          *status = candor_cli_usage_error (COMMAND, _("no audience of the draft goes to the "
                                                       "channel '%s'"),
                                                        only_channels[i]);
          return NULL;
        }
    }

  for (guint i = 0; i < renditions->len; i++)
    {
      CandorRendition *rendition = g_ptr_array_index (renditions, i);

      if (only_channels == NULL || g_strv_contains ((const char *const *)only_channels,
                                                    candor_rendition_get_channel_id (rendition)))
        g_ptr_array_add (chosen, g_object_ref (rendition));
    }

  return g_steal_pointer (&chosen);
}

static void
print_json_line (JsonNode *node)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

/* What each channel would receive, as `render` prints it, headed by its
 * audience and channel when there are several. */
static int
print_dry_run (GPtrArray *renditions, gboolean as_json)
{
  for (guint i = 0; i < renditions->len; i++)
    {
      CandorRendition *rendition = g_ptr_array_index (renditions, i);
      g_autoptr (GError) error = NULL;

      if (as_json)
        {
          g_autoptr (JsonNode) node = candor_rendition_to_json (rendition);

          print_json_line (node);
          continue;
        }

      if (renditions->len > 1)
        g_print ("%s==> %s / %s <==\n", i > 0 ? "\n" : "",
                 candor_rendition_get_audience_id (rendition),
                 candor_rendition_get_channel_id (rendition));
      if (!candor_cli_render_print_rendition (rendition, &error))
        {
          g_printerr ("%s: %s/%s: %s\n", g_get_prgname (),
                      candor_rendition_get_audience_id (rendition),
                      candor_rendition_get_channel_id (rendition), error->message);
          return CANDOR_CLI_EXIT_USAGE;
        }
    }

  return CANDOR_CLI_EXIT_OK;
}

int
candor_cli_publish_run (int argc, char **argv)
{
  g_autofree char *draft_path = NULL;
  g_auto (GStrv) only_channels = NULL;
  gboolean     mark_sent = FALSE;
  gboolean     dry_run = FALSE;
  gboolean     as_json = FALSE;
  gboolean     help = FALSE;
  int          status = CANDOR_CLI_EXIT_OK;
  GOptionEntry entries[] = {
    { "draft", 0, 0, G_OPTION_ARG_FILENAME, &draft_path, NULL, NULL },
    { "channel", 0, 0, G_OPTION_ARG_STRING_ARRAY, &only_channels, NULL, NULL },
    { "mark-sent", 0, 0, G_OPTION_ARG_NONE, &mark_sent, NULL, NULL },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, NULL, NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, NULL, NULL },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help, NULL, NULL },
    G_OPTION_ENTRY_NULL,
  };
  g_autoptr (GFile) file = NULL;
  g_autoptr (CandorDraft) draft = NULL;
  g_autoptr (CandorStore) store = NULL;
  g_autoptr (GPtrArray) channels = NULL;
  g_autoptr (CandorComposition) composition = NULL;
  g_autoptr (GPtrArray) renditions = NULL;
  g_autoptr (GError) error = NULL;

  if (!candor_cli_parse_options (COMMAND, entries, &help, print_help, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return candor_cli_usage_error (COMMAND, _("extra operand '%s'"), argv[1]);
  if (draft_path == NULL)
    return candor_cli_usage_error (COMMAND, _("missing --draft=FILE"));
  if (mark_sent && dry_run)
    return candor_cli_usage_error (COMMAND, _("--mark-sent and --dry-run exclude each other"));

  file = g_file_new_for_commandline_arg (draft_path);
  draft = candor_draft_load_from_file (file, NULL, &error);
  if (draft == NULL)
    return input_error (error);

  store = candor_store_open (NULL, &error);
  if (store != NULL)
    channels = candor_store_load_channels (store, &error);
  if (channels == NULL)
    return input_error (error);

  /* With no channel configured yet, the audiences reach the default one of
   * each kind, as `render` shows them: enough to mark an update sent by hand. */
  composition = candor_composition_new_for_draft (draft);
  if (channels->len > 0)
    candor_composition_set_channels (composition, channels);
  /* The renditions do not need the checks; a language without them is said, not fatal. */
  if (!candor_composition_update (composition, &error))
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      g_clear_error (&error);
    }

  renditions =
    choose_renditions (candor_composition_get_renditions (composition), only_channels, &status);
  if (renditions == NULL)
    return status;

  if (dry_run)
    return print_dry_run (renditions, as_json);

  return status;
}
