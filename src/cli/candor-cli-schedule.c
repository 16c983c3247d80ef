/* candor-cli-schedule.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-cli-schedule"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "candor-cli-schedule.h"
#include "candor-cli.h"
#include "candor-draft.h"
#include "candor-enum-types.h"
#include "candor-json.h"
#include "candor-schedule.h"

#define COMMAND "schedule"

static void
print_help (void)
{
  g_print (_("Usage: %s %s [OPTION…] FILE\n"), g_get_prgname (), COMMAND);
  g_print ("%s\n\n", _("Suggest when to send the next update: on the severity’s cadence, before "
                       "each audience’s office closes and when it opens."));
  g_print ("%s\n\n", _("FILE is the draft (JSON) to plan for; “-” reads standard input."));
  g_print ("%s\n", _("Options:"));
  g_print ("  --draft=FILE    %s\n", _("the same as giving FILE"));
  g_print ("  --now=TIME      %s\n", _("plan from TIME (ISO 8601 with an offset) instead of now"));
  g_print ("  --json          %s\n", _("print the suggestions as a JSON list"));
  g_print ("  -h, --help      %s\n", _("show this help and exit"));
  g_print ("\n");
  g_print (_("Exit status is 0 on success and 2 on a usage or input error.\n"));
}

static void
print_json (GPtrArray *suggestions)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < suggestions->len; i++)
    {
      CandorScheduleSuggestion *suggestion = g_ptr_array_index (suggestions, i);
      GDateTime                *at = candor_schedule_suggestion_get_at (suggestion);
      g_autofree char          *at_text = at != NULL ? candor_json_format_date_time (at) : NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "at");
      if (at_text != NULL)
        json_builder_add_string_value (builder, at_text);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "zone");
      if (candor_schedule_suggestion_get_zone (suggestion) != NULL)
        json_builder_add_string_value (builder, candor_schedule_suggestion_get_zone (suggestion));
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "source");
      json_builder_add_string_value (
        builder, candor_enum_to_nick (CANDOR_TYPE_SCHEDULE_SOURCE,
                                      candor_schedule_suggestion_get_source (suggestion)));
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, candor_schedule_suggestion_get_reason (suggestion));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

/* "17:45 Europe/Moscow (14:45 UTC) — before 18:00 Europe/Moscow, ...", with the
 * weekday in front when it is not today's there. */
static void
print_text (GPtrArray *suggestions, GDateTime *now)
{
  if (suggestions->len == 0)
    {
      g_print ("%s\n", _("No next update is due: the incident is resolved."));
      return;
    }

  for (guint i = 0; i < suggestions->len; i++)
    {
      CandorScheduleSuggestion *suggestion = g_ptr_array_index (suggestions, i);
      GDateTime                *at = candor_schedule_suggestion_get_at (suggestion);
      g_autoptr (GDateTime) utc = NULL;
      g_autoptr (GDateTime) now_there = NULL;
      g_autofree char *local_text = NULL;
      g_autofree char *utc_text = NULL;

      /* The reason already says "when it is fixed" where no time is suggested. */
      if (at == NULL)
        {
          g_print ("%s\n", candor_schedule_suggestion_get_reason (suggestion));
          continue;
        }

      utc = g_date_time_to_utc (at);
      now_there = g_date_time_to_timezone (now, g_date_time_get_timezone (at));
      if (g_date_time_get_day_of_year (now_there) == g_date_time_get_day_of_year (at) &&
          g_date_time_get_year (now_there) == g_date_time_get_year (at))
        local_text = g_date_time_format (at, "%H:%M");
      else
        local_text = g_date_time_format (at, "%a %H:%M");
      utc_text = g_date_time_format (utc, "%H:%M");

      g_print ("%s %s (%s UTC) — %s\n", local_text,
               candor_schedule_suggestion_get_zone (suggestion), utc_text,
               candor_schedule_suggestion_get_reason (suggestion));
    }
}

int
candor_cli_schedule_run (int argc, char **argv)
{
  g_autofree char *draft_path = NULL;
  g_autofree char *now_text = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorDraft) draft = NULL;
  g_autoptr (CandorSchedule) schedule = NULL;
  g_autoptr (GDateTime) now = NULL;
  g_autoptr (GPtrArray) suggestions = NULL;
  gboolean     as_json = FALSE;
  gboolean     help = FALSE;
  int          status;
  GOptionEntry entries[] = {
    { "draft", 0, 0, G_OPTION_ARG_FILENAME, &draft_path, NULL, NULL },
    { "now", 0, 0, G_OPTION_ARG_STRING, &now_text, NULL, NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, NULL, NULL },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help, NULL, NULL },
    { NULL },
  };

  if (!candor_cli_parse_options (COMMAND, entries, &help, print_help, &argc, &argv, &status))
    return status;

  if (!candor_cli_take_file_operand (COMMAND, argc, argv, &draft_path, &status))
    return status;

  if (now_text != NULL)
    {
      now = g_date_time_new_from_iso8601 (now_text, NULL);
      if (now == NULL)
        return candor_cli_usage_error (
          COMMAND, _("invalid time '%s' for --now: use ISO 8601 with an offset, e.g. %s"),
                      now_text, "2026-11-30T14:05:00+01:00");
    }
  else
    now = g_date_time_new_now_local ();

  draft = candor_cli_load_draft (draft_path, &error);
  if (draft == NULL)
    return candor_cli_input_error (error);

  schedule = candor_schedule_new ();
  suggestions = candor_schedule_suggest (schedule, candor_draft_get_incident (draft),
                                         candor_draft_get_update (draft),
                                         candor_draft_get_audiences (draft), now);

  if (as_json)
    print_json (suggestions);
  else
    print_text (suggestions, now);

  return CANDOR_CLI_EXIT_OK;
}
