/* candor-cli-publish.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-cli-publish"

#include "config.h"

#include <gio/gio.h>
#include <glib-unix.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <signal.h>

#include "candor-cli-publish.h"
#include "candor-cli-render.h"
#include "candor-channel-list.h"
#include "candor-cli.h"
#include "candor-composition.h"
#include "candor-draft.h"
#include "candor-enum-types.h"
#include "candor-finding.h"
#include "candor-http.h"
#include "candor-language.h"
#include "candor-publisher.h"
#include "candor-store.h"

#define COMMAND "publish"

/* Something was not sent: failed, waiting or to be verified. */
#define EXIT_NOT_SENT 1
/* The shell's status for a program that Ctrl+C stopped. */
#define EXIT_INTERRUPTED (128 + SIGINT)

static void
print_help (void)
{
  g_print (_("Usage: %s %s [OPTION…] FILE\n"), g_get_prgname (), COMMAND);
  g_print ("%s\n\n",
           _("Send an update to every channel of its audiences at once, and record it."));
  g_print ("%s\n\n", _("FILE is the draft to publish (JSON)."));
  g_print ("%s\n", _("Options:"));
  g_print ("  --draft=FILE       %s\n", _("the same as giving FILE"));
  g_print ("  --channel=ID       %s\n", _("only this configured channel; may be repeated"));
  g_print ("  --send-primary=LANG\n");
  g_print ("                     %s\n",
           _("send the audiences that read LANG the primary text on"));
  g_print ("                     %s\n",
           _("purpose while the draft has no LANG text; may be repeated"));
  g_print ("  --mark-sent        %s\n", _("record the update as sent by hand, sending nothing"));
  g_print ("  --dry-run          %s\n", _("print what each channel would receive, as render"));
  g_print ("                     %s\n", _("does, and send and record nothing"));
  g_print ("  --json             %s\n", _("print one JSON object per line: each publication"));
  g_print ("                     %s\n", _("with its channel, audience, state, link and error,"));
  g_print ("                     %s\n", _("or with --dry-run each rendition"));
  g_print ("  -h, --help         %s\n", _("show this help and exit"));
  g_print ("\n");
  g_print ("%s\n", _("Once every channel is done, one line each: the channel, the audience,"));
  g_print ("%s\n", _("sent, waiting, failed or verify, and the link to the message; what went"));
  g_print ("%s\n", _("wrong is said on standard error."));
  g_print ("%s\n",
           _("Every language's renditions go out at once. An audience whose language has"));
  g_print ("%s\n",
           _("no text yet stops publishing until it is written or --send-primary says to"));
  g_print ("%s\n", _("send that audience the primary text."));
  g_print ("%s\n", _("Ctrl+C stops publishing: what is already on its way finishes and the rest"));
  g_print ("%s\n\n", _("is reported as not sent."));
  g_print (_("Exit status is 0 when everything was sent (or recorded, or printed), 1 when "
             "something was not sent, 2 on a usage or input error, and 130 when Ctrl+C stopped "
             "it before everything was sent.\n"));
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
print_dry_run (GPtrArray *renditions, gboolean with_language, gboolean as_json)
{
  for (guint i = 0; i < renditions->len; i++)
    {
      CandorRendition *rendition = g_ptr_array_index (renditions, i);
      g_autoptr (GError) error = NULL;

      if (as_json)
        {
          g_autoptr (JsonNode) node = candor_cli_render_to_json (rendition);

          print_json_line (node);
          continue;
        }

      if (renditions->len > 1)
        candor_cli_render_print_header (rendition, candor_rendition_get_channel_id (rendition),
                                        i == 0, with_language);
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

/* Acknowledges the "translation-missing" findings of each language the
 * author chose to send the primary text in: the composition then stops
 * showing them, as the app's "Send the primary text" does. */
static void
send_primary_on_purpose (CandorComposition *composition, char **languages)
{
  GPtrArray *shown = candor_composition_get_findings (composition);
  g_autoptr (GPtrArray) findings = NULL;

  if (languages == NULL)
    return;

  /* A copy: acknowledging may change the composition's own list. */
  findings = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < shown->len; i++)
    g_ptr_array_add (findings, g_object_ref (g_ptr_array_index (shown, i)));
  for (guint i = 0; i < findings->len; i++)
    {
      CandorFinding *finding = g_ptr_array_index (findings, i);
      const char    *language = candor_finding_get_language (finding);

      if (g_str_equal (candor_finding_get_rule_id (finding), "translation-missing") &&
          language != NULL && g_strv_contains ((const char *const *)languages, language))
        candor_composition_acknowledge (composition, finding);
    }
}

/* The audiences among @renditions that read @language, as "'a', 'b'", and
 * how many they are. */
static char *
list_audiences_in (CandorComposition *composition,
                   GPtrArray         *renditions,
                   const char        *language,
                   guint             *n_audiences)
{
  g_autoptr (GPtrArray) audiences = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) list = g_string_new (NULL);

  for (guint i = 0; i < renditions->len; i++)
    {
      CandorRendition *rendition = g_ptr_array_index (renditions, i);
      const char      *audience = candor_rendition_get_audience_id (rendition);

      if (!candor_language_equal (candor_cli_render_reader_language (composition, rendition),
                                  language) ||
          g_ptr_array_find_with_equal_func (audiences, audience, g_str_equal, NULL))
        continue;
      g_ptr_array_add (audiences, g_strdup (audience));
      g_string_append_printf (list, "%s'%s'", list->len > 0 ? ", " : "", audience);
    }

  *n_audiences = audiences->len;
  return audiences->len > 0 ? g_string_free (g_steal_pointer (&list), FALSE) : NULL;
}

/* An audience whose language has no text blocks publishing, as it blocks
 * Publish in the app: says on standard error, per language, which audiences
 * lack what, and the two ways on. Returns whether anything is missing for
 * the renditions about to go out. */
static gboolean
refuse_missing_translations (CandorComposition *composition,
                             CandorIncident    *incident,
                             GPtrArray         *renditions)
{
  GPtrArray *findings = candor_composition_get_findings (composition);
  g_autoptr (GPtrArray) languages = g_ptr_array_new_with_free_func (g_free);
  const char *primary = candor_incident_get_language (incident);

  for (guint i = 0; i < findings->len; i++)
    {
      CandorFinding   *finding = g_ptr_array_index (findings, i);
      const char      *language = candor_finding_get_language (finding);
      g_autofree char *audiences = NULL;
      g_autofree char *what = NULL;
      int              field = candor_finding_get_field (finding);
      guint            n_audiences;

      if (!g_str_equal (candor_finding_get_rule_id (finding), "translation-missing") ||
          language == NULL)
        continue;
      audiences = list_audiences_in (composition, renditions, language, &n_audiences);
      if (audiences == NULL)
        continue;

      /* The title's finding is on the whole message, quoting the title. */
      if (field == CANDOR_FINDING_WHOLE_MESSAGE && candor_finding_get_quote (finding) != NULL)
        what = g_strdup (_("no incident title"));
      else if (field == CANDOR_FINDING_WHOLE_MESSAGE)
        what = g_strdup (_("no text at all"));
      else
        what = g_strdup_printf (_("no “%s”"), candor_enum_to_nick (CANDOR_TYPE_FIELD, field));
      /* TRANSLATORS: "candor-cli: the audience 'customers' reads ru, and the draft has no
       * text at all in ru" */
      g_printerr (ngettext ("%s: the audience %s reads %s, and the draft has %s in %s\n",
                            "%s: the audiences %s read %s, and the draft has %s in %s\n",
                            n_audiences),
                  g_get_prgname (), audiences, language, what, language);
      if (!g_ptr_array_find_with_equal_func (languages, language, g_str_equal, NULL))
        g_ptr_array_add (languages, g_strdup (language));
    }

  for (guint i = 0; i < languages->len; i++)
    {
      const char *language = g_ptr_array_index (languages, i);

      g_printerr (_("%s: nothing was sent: write the %s text (update.translations.%s in the "
                    "draft), or give --send-primary=%s to send those audiences the primary text "
                    "(%s) on purpose\n"),
                     g_get_prgname (), language, language, language,
                     primary != NULL ? primary : "en");
    }

  return languages->len > 0;
}

static CandorChannel *
lookup_channel (const char *channel_id, gpointer user_data)
{
  return candor_channel_list_lookup (user_data, channel_id);
}

static void
add_member (JsonBuilder *builder, const char *name, const char *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static CandorSentRendition *
find_sent_rendition (CandorSentUpdate *sent, gint64 rendition_id)
{
  for (guint i = 0; i < sent->renditions->len; i++)
    {
      CandorSentRendition *rendition = g_ptr_array_index (sent->renditions, i);

      if (rendition->id == rendition_id)
        return rendition;
    }

  return NULL;
}

/* One line per publication: on standard output its channel, state and link
 * (or JSON), and for each one that was not sent, the service's own words on
 * standard error. Returns whether every one was sent. */
static gboolean
print_publications (CandorSentUpdate *sent, gboolean as_json)
{
  gboolean all_sent = TRUE;

  for (guint i = 0; i < sent->publications->len; i++)
    {
      CandorPublication   *publication = g_ptr_array_index (sent->publications, i);
      CandorSentRendition *rendition = find_sent_rendition (sent, publication->rendition_id);
      const char          *state = candor_publication_state_to_string (publication->state);
      const char          *audience = rendition != NULL ? rendition->audience : NULL;

      if (publication->state != CANDOR_PUBLICATION_STATE_SENT)
        all_sent = FALSE;

      if (as_json)
        {
          g_autoptr (JsonBuilder) builder = json_builder_new ();
          g_autoptr (JsonNode) node = NULL;

          json_builder_begin_object (builder);
          add_member (builder, "channel", publication->channel_id);
          add_member (builder, "audience", audience);
          add_member (builder, "language", rendition != NULL ? rendition->language : NULL);
          add_member (builder, "state", state);
          add_member (builder, "url", publication->remote_url);
          add_member (builder, "error", publication->last_error);
          json_builder_end_object (builder);
          node = json_builder_get_root (builder);
          print_json_line (node);
        }
      else
        {
          /* Tab-separated, for cut and awk: channel, audience, state, link. */
          g_print ("%s\t%s\t%s\t%s\n", publication->channel_id, audience != NULL ? audience : "-",
                   state, publication->remote_url != NULL ? publication->remote_url : "-");
        }

      if (publication->state != CANDOR_PUBLICATION_STATE_SENT)
        g_printerr ("%s: %s: %s\n", g_get_prgname (), publication->channel_id,
                    publication->last_error != NULL ? publication->last_error : state);
    }

  return all_sent;
}

/* Ctrl+C stops publishing without losing track: a request already on its
 * way is left to finish (the service may have it by now), nothing more goes
 * out, and every channel is still reported and recorded. The handler goes
 * with the first press, so a second one ends the program at once. */
static gboolean
on_interrupt (gpointer user_data)
{
  GCancellable *cancellable = user_data;

  g_printerr (_("%s: stopping: what is already on its way finishes, nothing more is sent\n"),
                 g_get_prgname ());
  g_cancellable_cancel (cancellable);

  return G_SOURCE_REMOVE;
}

int
candor_cli_publish_run (int argc, char **argv)
{
  g_autofree char *draft_path = NULL;
  g_auto (GStrv) only_channels = NULL;
  g_auto (GStrv) send_primary = NULL;
  gboolean     mark_sent = FALSE;
  gboolean     dry_run = FALSE;
  gboolean     as_json = FALSE;
  gboolean     help = FALSE;
  int          status = CANDOR_CLI_EXIT_OK;
  GOptionEntry entries[] = {
    { "draft", 0, 0, G_OPTION_ARG_FILENAME, &draft_path, NULL, NULL },
    { "channel", 0, 0, G_OPTION_ARG_STRING_ARRAY, &only_channels, NULL, NULL },
    { "send-primary", 0, 0, G_OPTION_ARG_STRING_ARRAY, &send_primary, NULL, NULL },
    { "mark-sent", 0, 0, G_OPTION_ARG_NONE, &mark_sent, NULL, NULL },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, NULL, NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, NULL, NULL },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help, NULL, NULL },
    G_OPTION_ENTRY_NULL,
  };
  g_autoptr (GFile) file = NULL;
  g_autoptr (CandorDraft) draft = NULL;
  g_autoptr (CandorStore) store = NULL;
  g_autoptr (CandorChannelList) channels = NULL;
  g_autoptr (GPtrArray) configured = NULL;
  g_autoptr (CandorComposition) composition = NULL;
  g_autoptr (GPtrArray) renditions = NULL;
  g_autoptr (CandorHttp) http = NULL;
  g_autoptr (CandorPublisher) publisher = NULL;
  g_autoptr (GAsyncResult) loaded = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (CandorSentUpdate) sent = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;

  if (!candor_cli_parse_options (COMMAND, entries, &help, print_help, &argc, &argv, &status))
    return status;
  if (!candor_cli_take_file_operand (COMMAND, argc, argv, &draft_path, &status))
    return status;
  if (mark_sent && dry_run)
    return candor_cli_usage_error (COMMAND, _("--mark-sent and --dry-run exclude each other"));
  for (guint i = 0; send_primary != NULL && send_primary[i] != NULL; i++)
    if (!candor_cli_parse_language (COMMAND, "--send-primary", send_primary[i], &status))
      return status;

  file = g_file_new_for_commandline_arg (draft_path);
  draft = candor_draft_load_from_file (file, NULL, &error);
  if (draft == NULL)
    return input_error (error);

  /* The audiences reach the channels the app would use: the configured
   * ones, or while there are none the defaults (enough to mark an update
   * sent by hand). */
  store = candor_store_open (NULL, &error);
  if (store == NULL)
    return input_error (error);
  channels = candor_channel_list_new ();
  candor_channel_list_load_async (channels, store, NULL, candor_cli_got_result, &loaded);
  candor_cli_wait_for (&loaded);
  if (!candor_channel_list_load_finish (channels, loaded, &error))
    return input_error (error);

  configured = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (channels)); i++)
    g_ptr_array_add (configured, g_list_model_get_item (G_LIST_MODEL (channels), i));
  composition = candor_composition_new_for_draft (draft);
  candor_composition_set_channels (composition, configured);
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
  /* An update that reaches no one is not published, however true "all sent" would be. */
  if (renditions->len == 0)
    {
      g_printerr (_("%s: no audience of the draft goes to a configured channel; '%s channels "
                    "list' shows them\n"),
                     g_get_prgname (), g_get_prgname ());
      return CANDOR_CLI_EXIT_USAGE;
    }

  if (dry_run)
    return print_dry_run (
      renditions,
      candor_cli_render_several_languages (candor_draft_get_incident (draft), renditions), as_json);

  send_primary_on_purpose (composition, send_primary);
  if (refuse_missing_translations (composition, candor_draft_get_incident (draft), renditions))
    return EXIT_NOT_SENT;

  /* Each channel's secret is read from the keyring as it is sent. */
  http = candor_http_new (NULL);
  publisher =
    candor_publisher_new (store, http, lookup_channel, g_object_ref (channels), g_object_unref);
  if (mark_sent)
    {
      g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

      candor_publisher_mark_sent_async (publisher, candor_draft_get_incident (draft),
                                        candor_draft_get_update (draft), renditions, now, NULL,
                                        candor_cli_got_result, &result);
      candor_cli_wait_for (&result);
      sent = candor_publisher_mark_sent_finish (publisher, result, &error);
    }
  else
    {
      guint interrupt_id = g_unix_signal_add (SIGINT, on_interrupt, cancellable);

      candor_publisher_publish_async (publisher, candor_draft_get_incident (draft),
                                      candor_draft_get_update (draft), renditions, cancellable,
                                      candor_cli_got_result, &result);
      candor_cli_wait_for (&result);
      sent = candor_publisher_publish_finish (publisher, result, &error);
      if (!g_cancellable_is_cancelled (cancellable))
        g_source_remove (interrupt_id);
    }

  /* Nothing was recorded, so nothing was sent either. */
  if (sent == NULL)
    {
      g_printerr (_("%s: nothing was sent: %s\n"), g_get_prgname (), error->message);
      return EXIT_NOT_SENT;
    }

  if (!print_publications (sent, as_json))
    return g_cancellable_is_cancelled (cancellable) ? EXIT_INTERRUPTED : EXIT_NOT_SENT;

  return CANDOR_CLI_EXIT_OK;
}
