/* candor-cli-render.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-cli-render"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "candor-cli-render.h"
#include "candor-cli.h"
#include "candor-dialect.h"
#include "candor-composition.h"
#include "candor-draft.h"
#include "candor-enum-types.h"
#include "candor-finding.h"
#include "candor-language.h"

#define COMMAND "render"

static char *
list_format_nicks (void)
{
  GString *names = g_string_new (NULL);

  for (int format = 0; format < CANDOR_N_DIALECTS; format++)
    {
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, candor_enum_to_nick (CANDOR_TYPE_DIALECT, format));
    }

  return g_string_free (names, FALSE);
}

static void
print_help (void)
{
  g_autofree char *formats = list_format_nicks ();

  g_print (_("Usage: %s %s [OPTION…] FILE\n"), g_get_prgname (), COMMAND);
  g_print ("%s\n\n", _("Print exactly what each audience receives on each of its channels."));
  g_print ("%s\n\n", _("FILE is the draft to render (JSON); “-” reads standard input."));
  g_print ("%s\n", _("Options:"));
  g_print ("  --draft=FILE       %s\n", _("the same as giving FILE"));
  g_print ("  --audience=NAME    %s\n", _("only this audience (its id or name)"));
  g_print ("  --lang=LANG        %s\n", _("only the renditions in this language (a tag such as"));
  g_print ("                     %s\n", _("en, ru or de); without it every language, each"));
  g_print ("                     %s\n", _("rendition headed by its language"));
  g_print ("  --format=NAME      %s\n", _("only this format, even where the audience does not"));
  g_print ("                     %s\n", _("use it; one of:"));
  g_print ("                     %s\n", formats);
  g_print ("  --json             %s\n", _("print every rendition as JSON"));
  g_print ("  -h, --help         %s\n", _("show this help and exit"));
  g_print ("\n");
  g_print ("%s\n", _("The email format prints the whole MIME message, as it would be sent."));
  g_print (_("Exit status is 0 when every message fits its channel, 1 when one is over its "
             "channel’s limit (it is printed all the same and named on standard error), and 2 on "
             "a usage or input error.\n"));
}

static CandorAudience *
find_audience (GPtrArray *audiences, const char *name)
{
  for (guint i = 0; i < audiences->len; i++)
    {
      CandorAudience *audience = g_ptr_array_index (audiences, i);

      if (g_str_equal (candor_audience_get_id (audience), name) ||
          g_utf8_collate (candor_audience_get_name (audience), name) == 0)
        return audience;
    }

  return NULL;
}

static char *
list_audience_ids (GPtrArray *audiences)
{
  GString *ids = g_string_new (NULL);

  for (guint i = 0; i < audiences->len; i++)
    {
      if (ids->len > 0)
        g_string_append (ids, ", ");
      g_string_append (ids, candor_audience_get_id (g_ptr_array_index (audiences, i)));
    }

  return g_string_free (ids, FALSE);
}

gboolean
candor_cli_render_print_rendition (CandorRendition *rendition, GError **error)
{
  CandorSocialThread *thread = candor_rendition_get_thread (rendition);
  GBytes             *mime;

  switch (candor_dialect_get_info (candor_rendition_get_format (rendition))->payload)
    {
      case CANDOR_PAYLOAD_MIME:
        mime = candor_rendition_get_mime (rendition, error);
        if (mime == NULL)
          return FALSE;
        fwrite (g_bytes_get_data (mime, NULL), 1, g_bytes_get_size (mime), stdout);
        return TRUE;

      case CANDOR_PAYLOAD_JSON:
        g_print ("%s\n", candor_rendition_get_json (rendition));
        return TRUE;

      case CANDOR_PAYLOAD_THREAD:
        /* One post after another, each with its length against the limit. */
        for (guint i = 0; i < candor_social_thread_get_n_posts (thread); i++)
          {
            const CandorSocialPost *post = candor_social_thread_get_post (thread, i);

            if (i > 0)
              g_print ("\n");
            g_print ("%s\n", post->text);
            g_print ("-- %u/%u\n", post->length, post->limit);
          }
        return TRUE;

      case CANDOR_PAYLOAD_TEXT:
      default:
        g_print ("%s", candor_rendition_get_text (rendition));
        return TRUE;
    }
}

gboolean
candor_cli_render_several_languages (CandorIncident *incident, GPtrArray *renditions)
{
  const char *primary = candor_incident_get_language (incident);

  if (candor_incident_get_other_languages (incident)[0] != NULL)
    return TRUE;

  for (guint i = 0; i < renditions->len; i++)
    if (g_strcmp0 (candor_rendition_get_language (g_ptr_array_index (renditions, i)),
                   primary != NULL ? primary : "en") != 0)
      return TRUE;

  return FALSE;
}

void
candor_cli_render_print_header (CandorRendition *rendition,
                                const char      *name,
                                gboolean         first,
                                gboolean         with_language)
{
  g_autofree char *language = NULL;

  if (with_language)
    language = g_strdup_printf (" [%s]", candor_rendition_get_language (rendition));
  g_print ("%s==> %s / %s%s <==\n", first ? "" : "\n", candor_rendition_get_audience_id (rendition),
           name, language != NULL ? language : "");
}

JsonNode *
candor_cli_render_to_json (CandorRendition *rendition)
{
  JsonNode   *node = candor_rendition_to_json (rendition);
  JsonObject *object = json_node_get_object (node);

  json_object_set_string_member (object, "language", candor_rendition_get_language (rendition));

  return node;
}

const char *
candor_cli_render_reader_language (CandorComposition *composition, CandorRendition *rendition)
{
  GPtrArray     *audiences = candor_composition_get_audiences (composition);
  CandorChannel *channel = candor_channel_find (candor_composition_get_channels (composition),
                                                candor_rendition_get_channel_id (rendition));
  const char    *language = channel != NULL ? candor_channel_get_language (channel) : NULL;

  for (guint i = 0; language == NULL && audiences != NULL && i < audiences->len; i++)
    {
      CandorAudience *audience = g_ptr_array_index (audiences, i);

      if (g_str_equal (candor_audience_get_id (audience),
                       candor_rendition_get_audience_id (rendition)))
        language = candor_audience_get_language (audience);
    }

  if (language == NULL)
    language = candor_incident_get_language (candor_composition_get_incident (composition));

  return language != NULL ? language : CANDOR_LANGUAGE_DEFAULT;
}

GPtrArray *
candor_cli_render_choose_language (const char        *command,
                                   CandorComposition *composition,
                                   GPtrArray         *renditions,
                                   const char        *language,
                                   int               *status)
{
  g_autoptr (GPtrArray) chosen = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) languages = g_ptr_array_new_null_terminated (0, NULL, TRUE);
  g_autofree char *list = NULL;

  for (guint i = 0; i < renditions->len; i++)
    {
      CandorRendition *rendition = g_ptr_array_index (renditions, i);
      const char      *its = candor_cli_render_reader_language (composition, rendition);

      if (language == NULL || candor_language_equal (its, language))
        g_ptr_array_add (chosen, g_object_ref (rendition));
      if (!g_ptr_array_find_with_equal_func (languages, its, g_str_equal, NULL))
        g_ptr_array_add (languages, (gpointer)its);
    }

  if (chosen->len > 0 || renditions->len == 0)
    return g_steal_pointer (&chosen);

  list = g_strjoinv (", ", (char **)languages->pdata);
  *status = candor_cli_usage_error (
    command, _("no audience of the draft reads '%s'; its renditions are in: %s"), language, list);
  return NULL;
}

/* Names on standard error what keeps @rendition from going out as printed
 * (a message over its channel's limit); returns whether there was any. */
static gboolean
print_findings (CandorRendition *rendition)
{
  GPtrArray *findings = candor_rendition_get_findings (rendition);

  for (guint i = 0; i < findings->len; i++)
    g_printerr ("%s: %s/%s: %s\n", g_get_prgname (), candor_rendition_get_audience_id (rendition),
                candor_enum_to_nick (CANDOR_TYPE_DIALECT, candor_rendition_get_format (rendition)),
                candor_finding_get_message (g_ptr_array_index (findings, i)));

  return findings->len > 0;
}

int
candor_cli_render_run (int argc, char **argv)
{
  g_autofree char *draft_path = NULL;
  g_autofree char *audience_name = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *language = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorDraft) draft = NULL;
  g_autoptr (CandorComposition) composition = NULL;
  g_autoptr (GPtrArray) chosen = NULL;
  g_autoptr (GPtrArray) renditions = NULL;
  CandorAudience *only_audience = NULL;
  GPtrArray      *audiences;
  gboolean        with_language;
  gboolean        as_json = FALSE;
  gboolean        help = FALSE;
  gboolean        over_limit = FALSE;
  int             only_format = -1;
  int             status;
  GOptionEntry    entries[] = {
       { "draft", 0, 0, G_OPTION_ARG_FILENAME, &draft_path, NULL, NULL },
       { "audience", 0, 0, G_OPTION_ARG_STRING, &audience_name, NULL, NULL },
       { "format", 0, 0, G_OPTION_ARG_STRING, &format_name, NULL, NULL },
       { "lang", 0, 0, G_OPTION_ARG_STRING, &language, NULL, NULL },
       { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, NULL, NULL },
       { "help", 'h', 0, G_OPTION_ARG_NONE, &help, NULL, NULL },
       { NULL },
  };

  if (!candor_cli_parse_options (COMMAND, entries, &help, print_help, &argc, &argv, &status))
    return status;

  if (!candor_cli_take_file_operand (COMMAND, argc, argv, &draft_path, &status))
    return status;

  if (format_name != NULL &&
      !candor_enum_from_nick (CANDOR_TYPE_DIALECT, format_name, &only_format))
    {
      g_autofree char *formats = list_format_nicks ();

      return candor_cli_usage_error (COMMAND, _("invalid format '%s'; valid formats are: %s"),
                                                 format_name, formats);
    }
  if (!candor_cli_parse_language (COMMAND, "--lang", language, &status))
    return status;

  draft = candor_cli_load_draft (draft_path, &error);
  if (draft == NULL)
    return candor_cli_input_error (error);

  audiences = candor_draft_get_audiences (draft);
  if (audience_name != NULL)
    {
      only_audience = find_audience (audiences, audience_name);
      if (only_audience == NULL)
        {
          g_autofree char *ids = list_audience_ids (audiences);

          return candor_cli_usage_error (COMMAND, _("the draft has no audience '%s'; it has: %s"),
                                                     audience_name, ids);
        }
    }

  /* The draft is this command's own: asking for one format is giving every
   * chosen audience the default channel of that kind alone (its id is the
   * format's nick). */
  chosen = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < audiences->len; i++)
    {
      CandorAudience *audience = g_ptr_array_index (audiences, i);

      if (only_audience != NULL && audience != only_audience)
        continue;
      if (only_format >= 0)
        {
          const char *const channel[] = { candor_dialect_get_nick (only_format), NULL };

          candor_audience_set_channels (audience, channel);
        }
      g_ptr_array_add (chosen, g_object_ref (audience));
    }

  composition = candor_composition_new ();
  candor_composition_set_draft (composition, candor_draft_get_incident (draft),
                                candor_draft_get_update (draft), chosen);
  /* The renditions do not need the checks; a language without them is said, not fatal. */
  if (!candor_composition_update (composition, &error))
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      g_clear_error (&error);
    }
  renditions = candor_cli_render_choose_language (
    COMMAND, composition, candor_composition_get_renditions (composition), language, &status);
  if (renditions == NULL)
    return status;
  with_language = language == NULL && candor_cli_render_several_languages (
                                        candor_draft_get_incident (draft), renditions);

  if (as_json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonGenerator) generator = json_generator_new ();
      g_autoptr (JsonNode) root = NULL;
      g_autofree char *json = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < renditions->len; i++)
        json_builder_add_value (builder,
                                candor_cli_render_to_json (g_ptr_array_index (renditions, i)));
      json_builder_end_array (builder);

      root = json_builder_get_root (builder);
      json_generator_set_pretty (generator, TRUE);
      json_generator_set_root (generator, root);
      json = json_generator_to_data (generator, NULL);
      g_print ("%s\n", json);
      /* The JSON carries the findings; standard error stays for errors. */
      for (guint i = 0; i < renditions->len; i++)
        over_limit |= candor_rendition_get_findings (g_ptr_array_index (renditions, i))->len > 0;
      return over_limit ? CANDOR_CLI_EXIT_FINDINGS : CANDOR_CLI_EXIT_OK;
    }

  for (guint i = 0; i < renditions->len; i++)
    {
      CandorRendition *rendition = g_ptr_array_index (renditions, i);

      /* Several renditions get a header each, as head(1) does for several files. */
      if (renditions->len > 1)
        candor_cli_render_print_header (
          rendition,
          candor_enum_to_nick (CANDOR_TYPE_DIALECT, candor_rendition_get_format (rendition)),
          i == 0, with_language);

      if (!candor_cli_render_print_rendition (rendition, &error))
        {
          g_printerr (
            "%s: %s/%s: %s\n", g_get_prgname (), candor_rendition_get_audience_id (rendition),
            candor_enum_to_nick (CANDOR_TYPE_DIALECT, candor_rendition_get_format (rendition)),
            error->message);
          return CANDOR_CLI_EXIT_USAGE;
        }
      over_limit |= print_findings (rendition);
    }

  return over_limit ? CANDOR_CLI_EXIT_FINDINGS : CANDOR_CLI_EXIT_OK;
}
