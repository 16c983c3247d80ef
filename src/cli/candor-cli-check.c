/* candor-cli-check.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-cli-check"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "candor-checker.h"
#include "candor-cli-check.h"
#include "candor-cli.h"
#include "candor-composition.h"
#include "candor-draft.h"
#include "candor-enum-types.h"

#define COMMAND "check"

/* --field names for plain text, spelled as the draft's keys; the old
 * spelling with underscores ("executive_summary") is accepted too. */
static const struct
{
  const char *name;
  int         field;
} field_names[] = {
  { "whole-message", CANDOR_FINDING_WHOLE_MESSAGE },
  { "executive-summary", CANDOR_FIELD_EXECUTIVE_SUMMARY },
  { "impact", CANDOR_FIELD_IMPACT_NOW },
  { "impact-now", CANDOR_FIELD_IMPACT_NOW },
  { "impact-future", CANDOR_FIELD_IMPACT_FUTURE },
  { "lasting-consequences", CANDOR_FIELD_LASTING_CONSEQUENCES },
  { "technical-details", CANDOR_FIELD_TECHNICAL_DETAILS },
  { "actions-taken", CANDOR_FIELD_ACTIONS_TAKEN },
  { "actions-planned", CANDOR_FIELD_ACTIONS_PLANNED },
  { "contact", CANDOR_FIELD_CONTACT },
  { "next-update", CANDOR_FIELD_NEXT_UPDATE },
};

/* The message kinds as drafts and templates name them; "update" is the
 * command's old name for a progress update. */
static const struct
{
  const char      *name;
  CandorUpdateKind kind;
} kind_names[] = {
  { "initial", CANDOR_UPDATE_KIND_INITIAL },
  { "progress", CANDOR_UPDATE_KIND_PROGRESS },
  { "resolution", CANDOR_UPDATE_KIND_RESOLUTION },
  { "post-incident", CANDOR_UPDATE_KIND_POST_INCIDENT },
  { "update", CANDOR_UPDATE_KIND_PROGRESS },
};

/* A place in the checked file, both 1-based, the column in characters. */
typedef struct
{
  guint line;
  guint column;
} Position;

static void
print_help (void)
{
  g_print (_("Usage: %s %s [OPTION…] FILE\n"), g_get_prgname (), COMMAND);
  g_print ("%s\n\n", _("Check an outage message for blame, guilt, unsure promises, jargon and "
                       "missing parts."));
  g_print ("%s\n\n", _("FILE is a draft (JSON) or plain text, checked as a whole message "
                       "unless --field says otherwise; “-” reads standard input."));
  g_print ("%s\n", _("Options:"));
  g_print ("  --lang=LANG     %s\n",
           _("language of the text: en or ru (default: the draft’s, or the text’s own);"));
  g_print ("                  %s\n",
           _("for a draft in several languages, the one language whose findings to show"));
  g_print ("                  %s\n",
           _("(without it every language, each finding saying its own)"));
  g_print ("  --kind=KIND     %s\n",
           _("initial, progress, resolution or post-incident (plain text only)"));
  g_print ("  --resolved      %s\n", _("the incident is over (plain text only)"));
  g_print ("  --field=NAME    %s\n",
           _("check FILE as plain text of one field: whole-message (the default),"));
  g_print ("                  %s\n",
           _("executive-summary, impact, technical-details, contact, next-update, …"));
  g_print ("  --json          %s\n", _("print the findings as a JSON list"));
  g_print ("  --draft=FILE    %s\n", _("the same as giving FILE"));
  g_print ("  -h, --help      %s\n", _("show this help and exit"));
  g_print ("\n");
  g_print (_("Exit status is 0 when nothing was found, 1 when something was, and 2 on a usage or "
             "input error.\n"));
}

/* Position of character @offset in @text. */
static Position
position_in_text (const char *text, guint offset)
{
  Position    position = { 1, 1 };
  const char *p = text;

  for (guint i = 0; i < offset && *p != '\0'; i++, p = g_utf8_next_char (p))
    {
      if (*p == '\n')
        {
          position.line++;
          position.column = 1;
        }
      else
        position.column++;
    }

  return position;
}

/* Where character @offset of a field's text is in the draft file: walks the
 * JSON string literal of the field's key, escape by escape, so the reported
 * place is where an editor would show the word. */
static Position
position_in_draft (const char *source, const char *language, int field, guint offset)
{
  g_autofree char *key = NULL;
  const char      *p = NULL;
  const char      *update_key = strstr (source, "\"update\"");

  /* A translation's text is under update.translations.LANG.FIELD.text. */
  if (language != NULL && update_key != NULL)
    {
      g_autofree char *language_key = g_strdup_printf ("\"%s\"", language);
      const char      *translations = strstr (update_key, "\"translations\"");

      update_key = translations != NULL ? strstr (translations, language_key) : NULL;
    }

  if (field != CANDOR_FINDING_WHOLE_MESSAGE && update_key != NULL)
    {
      key = g_strdup_printf ("\"%s\"", candor_enum_to_nick (CANDOR_TYPE_FIELD, field));
      p = strstr (update_key, key);
      if (p != NULL && language != NULL)
        {
          g_free (key);
          key = g_strdup ("\"text\"");
          p = strstr (p, key);
        }
    }

  if (p == NULL)
    return position_in_text (
      source, update_key != NULL ? (guint)g_utf8_pointer_to_offset (source, update_key) : 0);

  p += strlen (key);
  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == ':')
    p++;
  if (*p != '"')
    return position_in_text (source, g_utf8_pointer_to_offset (source, p));
  p++;

  for (guint decoded = 0; decoded < offset && *p != '\0' && *p != '"'; decoded++)
    {
      if (*p != '\\')
        {
          p = g_utf8_next_char (p);
          continue;
        }

      /* \uD83D\uDE00 is one character written as two escapes. */
      if (p[1] == 'u' && strlen (p) >= 6)
        {
          gunichar high = g_ascii_strtoull (p + 2, NULL, 16);

          p += 6;
          if (high >= 0xD800 && high < 0xDC00 && p[0] == '\\' && p[1] == 'u' && strlen (p) >= 6)
            p += 6;
        }
      else
        p += p[1] != '\0' ? 2 : 1;
    }

  return position_in_text (source, g_utf8_pointer_to_offset (source, p));
}

/* @language is the language of a finding that does not say its own: the
 * draft's primary one, or the one plain text was checked in. */
static void
print_findings (GPtrArray  *findings,
                const char *display_name,
                const char *source,
                gboolean    is_draft,
                const char *language,
                gboolean    as_json)
{
  g_autoptr (JsonBuilder) builder = NULL;
  g_autoptr (JsonGenerator) generator = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *json = NULL;

  if (as_json)
    {
      builder = json_builder_new ();
      json_builder_begin_array (builder);
    }

  for (guint i = 0; i < findings->len; i++)
    {
      CandorFinding *finding = g_ptr_array_index (findings, i);
      int            field = candor_finding_get_field (finding);
      const char    *severity =
        candor_enum_to_nick (CANDOR_TYPE_FINDING_SEVERITY, candor_finding_get_severity (finding));
      const char *its_language = candor_finding_get_language (finding);
      Position    position = is_draft ? position_in_draft (source, its_language, field,
                                                           candor_finding_get_start (finding))
                                      : position_in_text (source, candor_finding_get_start (finding));

      if (!as_json)
        {
          g_autofree char *quote = NULL;
          g_autofree char *rule = NULL;

          /* The quote stays on the finding's line, so one finding is one line. */
          if (candor_finding_get_quote (finding) != NULL)
            quote = g_strdelimit (g_strdup_printf (" “%s”", candor_finding_get_quote (finding)),
                                  "\n\r", ' ');
          /* A finding in a language other than the primary one says which. */
          rule = its_language != NULL
                   ? g_strdup_printf ("%s (%s)", candor_finding_get_rule_id (finding), its_language)
                   : g_strdup (candor_finding_get_rule_id (finding));
          g_print ("%s:%u:%u: %s: %s:%s %s\n", display_name, position.line, position.column,
                   severity, rule, quote != NULL ? quote : "",
                   candor_finding_get_message (finding));
          continue;
        }

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "rule");
      json_builder_add_string_value (builder, candor_finding_get_rule_id (finding));
      json_builder_set_member_name (builder, "severity");
      json_builder_add_string_value (builder, severity);
      json_builder_set_member_name (builder, "language");
      json_builder_add_string_value (builder, its_language != NULL ? its_language : language);
      json_builder_set_member_name (builder, "field");
      if (field == CANDOR_FINDING_WHOLE_MESSAGE)
        json_builder_add_null_value (builder);
      else
        json_builder_add_string_value (builder, candor_enum_to_nick (CANDOR_TYPE_FIELD, field));
      json_builder_set_member_name (builder, "start");
      json_builder_add_int_value (builder, candor_finding_get_start (finding));
      json_builder_set_member_name (builder, "end");
      json_builder_add_int_value (builder, candor_finding_get_end (finding));
      json_builder_set_member_name (builder, "line");
      json_builder_add_int_value (builder, position.line);
      json_builder_set_member_name (builder, "column");
      json_builder_add_int_value (builder, position.column);
      if (candor_finding_get_quote (finding) != NULL)
        {
          json_builder_set_member_name (builder, "quote");
          json_builder_add_string_value (builder, candor_finding_get_quote (finding));
        }
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, candor_finding_get_message (finding));
      if (candor_finding_get_suggestion (finding) != NULL)
        {
          json_builder_set_member_name (builder, "suggestion");
          json_builder_add_string_value (builder, candor_finding_get_suggestion (finding));
        }
      json_builder_end_object (builder);
    }

  if (!as_json)
    return;

  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, NULL);
  g_print ("%s\n", json);
}

int
candor_cli_check_run (int argc, char **argv)
{
  g_autofree char *lang = NULL;
  g_autofree char *kind_name = NULL;
  g_autofree char *field_name = NULL;
  g_autofree char *draft_path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorChecker) checker = NULL;
  g_autoptr (GPtrArray) findings = NULL;
  g_autoptr (CandorDraft) draft = NULL;
  CandorIncident  *incident;
  gboolean         resolved = FALSE;
  gboolean         as_json = FALSE;
  gboolean         help = FALSE;
  gboolean         is_draft;
  int              field = CANDOR_FINDING_WHOLE_MESSAGE;
  CandorUpdateKind kind = CANDOR_UPDATE_KIND_PROGRESS;
  const char      *path;
  const char      *display_name;
  const char      *checked_language = NULL;
  const char      *only_language = NULL;
  gsize            length = 0;
  int              status;
  GOptionEntry     entries[] = {
        { "lang", 0, 0, G_OPTION_ARG_STRING, &lang, NULL, NULL },
        { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_name, NULL, NULL },
        { "resolved", 0, 0, G_OPTION_ARG_NONE, &resolved, NULL, NULL },
        { "field", 0, 0, G_OPTION_ARG_STRING, &field_name, NULL, NULL },
        { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, NULL, NULL },
        { "draft", 0, 0, G_OPTION_ARG_FILENAME, &draft_path, NULL, NULL },
        { "help", 'h', 0, G_OPTION_ARG_NONE, &help, NULL, NULL },
        { NULL },
  };
  if (!candor_cli_parse_options (COMMAND, entries, &help, print_help, &argc, &argv, &status))
    return status;

  if (!candor_cli_take_file_operand (COMMAND, argc, argv, &draft_path, &status))
    return status;
  path = draft_path;

  if (kind_name != NULL)
    {
      guint i;

      for (i = 0; i < G_N_ELEMENTS (kind_names); i++)
        {
          if (g_str_equal (kind_names[i].name, kind_name))
            break;
        }
      if (i == G_N_ELEMENTS (kind_names))
        return candor_cli_usage_error (
          COMMAND,
          _("invalid message kind '%s': use initial, progress, resolution or post-incident"),
             kind_name);
      kind = kind_names[i].kind;
    }

  if (field_name != NULL)
    {
      g_autofree char *spelled = g_strdelimit (g_strdup (field_name), "_", '-');
      guint            i;

      for (i = 0; i < G_N_ELEMENTS (field_names); i++)
        {
          if (g_str_equal (field_names[i].name, spelled))
            break;
        }
      if (i == G_N_ELEMENTS (field_names))
        {
          g_autoptr (GString) valid = g_string_new (NULL);

          for (guint j = 0; j < G_N_ELEMENTS (field_names); j++)
            g_string_append_printf (valid, "%s%s", j > 0 ? ", " : "", field_names[j].name);
          return candor_cli_usage_error (COMMAND, _("invalid field '%s': use %s"), field_name,
                                                     valid->str);
        }
      field = field_names[i].field;
    }

  if (!candor_cli_parse_language (COMMAND, "--lang", lang, &status))
    return status;

  display_name = candor_cli_input_name (path);
  contents = candor_cli_read_input (path, &length, &error);
  if (contents == NULL)
    return candor_cli_input_error (error);

  /* A draft is a JSON object; anything else is a message written elsewhere
   * and pasted, checked whole unless --field names its part. */
  is_draft = field_name == NULL && contents[strspn (contents, " \t\r\n")] == '{';
  if (is_draft && (kind_name != NULL || resolved))
    return candor_cli_usage_error (COMMAND,
                                   _("--kind and --resolved are for plain text; a draft says "
                                     "them itself"));

  if (is_draft)
    {
      g_autoptr (CandorComposition) composition = NULL;

      draft = candor_cli_draft_from_input (path, contents, length, &error);
      if (draft == NULL)
        return candor_cli_input_error (error);

      incident = candor_draft_get_incident (draft);
      /* In a draft of several languages --lang picks one of them; in a
       * draft of one it says what language the text is in, as the draft
       * itself would. */
      if (lang != NULL && candor_incident_get_other_languages (incident)[0] != NULL)
        {
          if (!candor_incident_has_language (incident, lang))
            {
              g_auto (GStrv) languages = candor_incident_dup_languages (incident);
              g_autofree char *list = g_strjoinv (", ", languages);

              return candor_cli_usage_error (
                COMMAND, _("the draft has no language '%s'; it is written in: %s"), lang, list);
            }
          only_language = lang;
        }
      else if (lang != NULL)
        candor_incident_set_language (incident, lang);
      checked_language = candor_incident_get_language (incident);
      if (checked_language == NULL)
        checked_language = "en";

      /* The findings the app shows for this draft, through the same composition. */
      composition = candor_composition_new_for_draft (draft);
      if (!candor_composition_update (composition, &error))
        {
          g_prefix_error (&error, "%s: ", display_name);
          return candor_cli_input_error (error);
        }

      findings = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < candor_composition_get_findings (composition)->len; i++)
        {
          CandorFinding *finding =
            g_ptr_array_index (candor_composition_get_findings (composition), i);
          const char *its_language = candor_finding_get_language (finding);

          if (only_language == NULL ||
              g_str_equal (its_language != NULL ? its_language : checked_language, only_language))
            g_ptr_array_add (findings, g_object_ref (finding));
        }
    }
  else
    {
      /* Without --lang the text is checked in the language it is written in;
       * with it, a text in the other language is a finding, not a pass. */
      const char *detected = candor_checker_detect_language (contents);

      if (lang != NULL && !g_str_equal (lang, "en") && !g_str_equal (lang, "ru"))
        return candor_cli_usage_error (COMMAND, _("invalid language '%s': use en or ru"), lang);
      checked_language = lang != NULL ? lang : detected != NULL ? detected : "en";
      checker = candor_checker_new (checked_language, &error);
      if (checker == NULL)
        {
          g_prefix_error (&error, "%s: ", display_name);
          return candor_cli_input_error (error);
        }

      if (field == CANDOR_FINDING_WHOLE_MESSAGE)
        findings = candor_checker_check_message (checker, contents, kind, resolved);
      else
        findings = candor_checker_check_text (checker, field, contents, kind, resolved);
    }

  print_findings (findings, display_name, contents, is_draft, checked_language, as_json);

  /* A script reads the exit status; a person at a terminal reads a word. */
  if (findings->len == 0 && !as_json && isatty (STDOUT_FILENO))
    g_print (_("%s: no findings\n"), display_name);

  return findings->len > 0 ? CANDOR_CLI_EXIT_FINDINGS : CANDOR_CLI_EXIT_OK;
}
