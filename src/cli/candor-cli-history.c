/* candor-cli-history.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-cli-history"

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "candor-cli-history.h"
#include "candor-cli.h"
#include "candor-enum-types.h"
#include "candor-incident-facts.h"
#include "candor-search-hit.h"
#include "candor-store.h"

#define COMMAND "history"

static void
print_help (void)
{
  g_print (_("Usage: %s %s SUBCOMMAND [ARGUMENT…]\n"), g_get_prgname (), COMMAND);
  g_print ("%s\n\n", _("List, search and export the incidents and everything that was sent."));
  g_print ("%s\n", _("Subcommands:"));
  g_print ("  list [--offset=N] [--limit=N] [--json]\n");
  g_print ("      %s\n", _("list incidents, newest first, one per line"));
  g_print ("  show INCIDENT\n");
  g_print ("      %s\n",
           _("show an incident's facts and every update with its promised next update"));
  g_print ("  search QUERY [--json] [--from=DATE] [--until=DATE] [--state=STATE]\n"
           "         [--severity=SEVERITY] [--channel=CHANNEL] [--audience=ID]\n"
           "         [--language=LANG] [--offset=N] [--limit=N]\n");
  g_print ("      %s\n", _("search every incident title and everything sent; the last word"));
  g_print ("      %s\n", _("matches as a prefix, DATE is YYYY-MM-DD (UTC)"));
  g_print ("  export INCIDENT --format=md|json|mbox [--lang=LANG] [--output=FILE]\n");
  g_print ("      %s\n",
           _("write an incident as a Markdown report, as JSON, or its emails as mbox"));
  g_print ("      %s\n", _("(with --lang, only what was written and sent in that language)"));
  g_print ("  check\n");
  g_print ("      %s\n", _("check every page of the history for damage"));
  g_print ("  recover\n");
  g_print ("      %s\n",
           _("set a damaged history aside (nothing is deleted) and start a fresh one"));
  g_print ("      %s\n", _("with everything that can still be read carried over"));
  g_print ("\n");
  g_print ("%s\n", _("INCIDENT is an incident’s id or a start of it that no other id shares."));
  g_print (_("Exit status is 0 on success and 2 on a usage or input error.\n"));
}

/* Input and history errors are not usage errors: no --help hint. */
static int
input_error (const GError *error)
{
  g_printerr ("%s: %s\n", g_get_prgname (), error->message);
  if (g_error_matches (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_CORRUPT))
    g_printerr (_("Run '%s %s recover' to set it aside and start a fresh history.\n"),
                   g_get_prgname (), COMMAND);
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

  for (int i = 1; i < argc; i++)
    {
      if (argv[i][0] == '-' && argv[i][1] != '\0')
        {
          *status = candor_cli_usage_error (COMMAND, _("unrecognized option '%s'"), argv[i]);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
check_page (int offset, int limit, int *status)
{
  if (offset < 0 || limit < 1 || limit > 1000)
    {
      *status = candor_cli_usage_error (COMMAND, _("--offset must be 0 or more and --limit "
                                                   "between 1 and 1000"));
      return FALSE;
    }

  return TRUE;
}

static char *
format_iso (GDateTime *time)
{
  g_autoptr (GDateTime) utc = NULL;

  if (time == NULL)
    return g_strdup ("-");

  utc = g_date_time_to_utc (time);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static void
print_json (JsonBuilder *builder)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
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

static int
run_list (int argc, char **argv)
{
  gboolean     help = FALSE;
  gboolean     json = FALSE;
  int          offset = 0;
  int          limit = 50;
  int          status;
  GOptionEntry entries[] = {
    { "offset", 0, 0, G_OPTION_ARG_INT, &offset, NULL, NULL },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, NULL, NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, NULL, NULL },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help, NULL, NULL },
    G_OPTION_ENTRY_NULL,
  };
  g_autoptr (CandorStore) store = NULL;
  g_autoptr (GPtrArray) incidents = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  if (!candor_cli_parse_options (COMMAND, entries, &help, print_help, &argc, &argv, &status))
    return status;
  if (!check_operands (argc, argv, 0, NULL, &status) || !check_page (offset, limit, &status))
    return status;

  store = candor_store_open (NULL, &error);
  if (store != NULL)
    incidents = candor_store_list_incidents (store, offset, limit, &error);
  if (incidents == NULL)
    return input_error (error);

  json_builder_begin_array (builder);
  for (guint i = 0; i < incidents->len; i++)
    {
      CandorIncident  *incident = g_ptr_array_index (incidents, i);
      g_autofree char *started = NULL;

      if (json)
        {
          /* The incident as a draft holds it, so scripts read one shape everywhere. */
          json_builder_add_value (builder, candor_incident_to_json (incident));
          continue;
        }

      /* Tab-separated: one incident per line for cut, awk and friends. */
      started = format_iso (candor_incident_get_started_at (incident));
      g_print (
        "%s\t%s\t%s\t%s\t%s\n", candor_incident_get_id (incident), started,
        candor_enum_to_nick (CANDOR_TYPE_SEVERITY, candor_incident_get_severity (incident)),
        candor_enum_to_nick (CANDOR_TYPE_INCIDENT_STATE, candor_incident_get_state (incident)),
        candor_incident_get_title (incident));
    }
  json_builder_end_array (builder);

  if (json)
    print_json (builder);

  return CANDOR_CLI_EXIT_OK;
}

static int
run_show (int argc, char **argv)
{
  gboolean     help = FALSE;
  int          status;
  GOptionEntry entries[] = {
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help, NULL, NULL },
    G_OPTION_ENTRY_NULL,
  };
  g_autoptr (CandorStore) store = NULL;
  g_autoptr (CandorIncident) incident = NULL;
  g_autoptr (GPtrArray) updates = NULL;
  g_autoptr (CandorIncidentFacts) facts = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GError) error = NULL;
  g_autofree char *incident_id = NULL;
  g_autofree char *started = NULL;
  g_autofree char *detected = NULL;
  g_autofree char *first_notice = NULL;
  g_autofree char *resolved = NULL;
  gboolean         several_languages;

  if (!candor_cli_parse_options (COMMAND, entries, &help, print_help, &argc, &argv, &status))
    return status;
  if (!check_operands (argc, argv, 1, _("INCIDENT"), &status))
    return status;

  store = candor_store_open (NULL, &error);
  if (store != NULL)
    incident_id = candor_store_find_incident_id (store, argv[1], &error);
  if (incident_id != NULL)
    incident = candor_store_load_incident (store, incident_id, &error);
  if (incident != NULL)
    updates = candor_store_load_updates (store, incident_id, &error);
  if (updates == NULL)
    return input_error (error);

  facts = candor_incident_facts_compute (incident, updates, now);
  several_languages = candor_incident_get_other_languages (incident)[0] != NULL;
  started = format_iso (facts->started_at);
  detected = format_iso (facts->detected_at);
  first_notice = format_iso (facts->first_notice_at);
  resolved = format_iso (facts->resolved_at);

  g_print ("%s\n", candor_incident_get_title (incident));
  g_print ("  %-14s %s, %s\n",
           _("Severity:"), candor_severity_get_label (candor_incident_get_severity (incident)),
              candor_incident_state_get_label (candor_incident_get_state (incident)));
  if (several_languages)
    {
      g_auto (GStrv) languages = candor_incident_dup_languages (incident);
      g_autofree char *list = g_strjoinv (", ", languages);

      g_print ("  %-14s %s\n", _("Languages:"), list);
    }
  g_print ("  %-14s %s\n", _("Started:"), started);
  g_print ("  %-14s %s\n", _("Detected:"), detected);
  g_print ("  %-14s %s", _("First notice:"), first_notice);
  if (facts->time_to_first_notice >= 0)
    {
      g_autofree char *span = candor_format_time_span (facts->time_to_first_notice);

      g_print (_(" (after %s)"), span);
    }
  g_print ("\n  %-14s %s", _("Resolved:"), resolved);
  if (facts->duration >= 0)
    {
      g_autofree char *span = candor_format_time_span (facts->duration);

      g_print (_(" (lasted %s)"), span);
    }
  g_print ("\n\n");

  for (guint i = 0; i < facts->updates->len; i++)
    {
      CandorUpdateFacts *update_facts = &g_array_index (facts->updates, CandorUpdateFacts, i);
      CandorSentUpdate  *sent = g_ptr_array_index (updates, i);
      g_autofree char   *sent_at = format_iso (update_facts->sent_at);

      g_print ("%s  %s\n", sent_at, candor_update_kind_get_label (update_facts->kind));
      if (update_facts->promised_next_at != NULL)
        {
          g_autofree char *promised = format_iso (update_facts->promised_next_at);

          g_print (_("    next update promised for %s"), promised);
          if (update_facts->late)
            {
              g_autofree char *by = candor_format_time_span (update_facts->late_by);

              g_print (_(", LATE by %s"), by);
            }
          g_print ("\n");
        }
      for (guint j = 0; j < sent->renditions->len; j++)
        {
          CandorSentRendition *rendition = g_ptr_array_index (sent->renditions, j);

          g_print ("    %s · %s", rendition->audience,
                   candor_enum_to_nick (CANDOR_TYPE_DIALECT, rendition->dialect));
          /* An incident in several languages: each message says its own. */
          if (several_languages)
            g_print (" · %s", rendition->language);
          g_print ("\n");
        }
    }

  return CANDOR_CLI_EXIT_OK;
}

static gboolean
parse_date (const char *option, const char *text, GDateTime **out, int *status)
{
  int  year, month, day;
  char extra;

  if (text == NULL)
    return TRUE;

  if (sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &extra) != 3 ||
      (*out = g_date_time_new_utc (year, month, day, 0, 0, 0)) == NULL)
    {
      *status = candor_cli_usage_error (COMMAND, _("invalid date '%s' for %s: use YYYY-MM-DD"),
                                                    text, option);
      return FALSE;
    }

  return TRUE;
}

/* The snippet for a terminal: matches in bold when a person reads it. */
static char *
snippet_for_terminal (const char *snippet)
{
  gboolean tty = isatty (STDOUT_FILENO);
  GString *out = g_string_new (NULL);

  for (const char *p = snippet; *p != '\0'; p++)
    {
      if (*p == CANDOR_SEARCH_MATCH_START[0])
        g_string_append (out, tty ? "\033[1m" : "");
      else if (*p == CANDOR_SEARCH_MATCH_END[0])
        g_string_append (out, tty ? "\033[0m" : "");
      else if (*p == '\n')
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static char *
snippet_plain (const char *snippet)
{
  GString *out = g_string_new (NULL);

  for (const char *p = snippet; *p != '\0'; p++)
    {
      if (*p != CANDOR_SEARCH_MATCH_START[0] && *p != CANDOR_SEARCH_MATCH_END[0])
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static int
run_search (int argc, char **argv)
{
  gboolean         help = FALSE;
  gboolean         json = FALSE;
  int              offset = 0;
  int              limit = 20;
  int              status;
  g_autofree char *from_text = NULL;
  g_autofree char *until_text = NULL;
  g_autofree char *state_text = NULL;
  g_autofree char *severity_text = NULL;
  g_autofree char *channel_text = NULL;
  g_autofree char *audience = NULL;
  g_autofree char *language = NULL;
  GOptionEntry     entries[] = {
        { "json", 0, 0, G_OPTION_ARG_NONE, &json, NULL, NULL },
        { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, NULL, NULL },
        { "until", 0, 0, G_OPTION_ARG_STRING, &until_text, NULL, NULL },
        { "state", 0, 0, G_OPTION_ARG_STRING, &state_text, NULL, NULL },
        { "severity", 0, 0, G_OPTION_ARG_STRING, &severity_text, NULL, NULL },
        { "channel", 0, 0, G_OPTION_ARG_STRING, &channel_text, NULL, NULL },
        { "audience", 0, 0, G_OPTION_ARG_STRING, &audience, NULL, NULL },
        { "language", 0, 0, G_OPTION_ARG_STRING, &language, NULL, NULL },
        { "offset", 0, 0, G_OPTION_ARG_INT, &offset, NULL, NULL },
        { "limit", 0, 0, G_OPTION_ARG_INT, &limit, NULL, NULL },
        { "help", 'h', 0, G_OPTION_ARG_NONE, &help, NULL, NULL },
        G_OPTION_ENTRY_NULL,
  };
  CandorSearchQuery query = CANDOR_SEARCH_QUERY_INIT;
  g_autoptr (GDateTime) from = NULL;
  g_autoptr (GDateTime) until = NULL;
  g_autoptr (CandorStore) store = NULL;
  g_autoptr (GPtrArray) hits = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  gboolean has_more = FALSE;

  if (!candor_cli_parse_options (COMMAND, entries, &help, print_help, &argc, &argv, &status))
    return status;
  /* The query is words, never options: "-" and "--x" are searched for after "--". */
  if (argc < 2)
    return candor_cli_usage_error (COMMAND, _("missing %s"), _("QUERY"));
  if (argc > 2)
    return candor_cli_usage_error (COMMAND, _("extra operand '%s' (quote the query)"), argv[2]);
  if (!check_page (offset, limit, &status) || !parse_date ("--from", from_text, &from, &status) ||
      !parse_date ("--until", until_text, &until, &status) ||
      !candor_cli_parse_enum (COMMAND, CANDOR_TYPE_INCIDENT_STATE, "--state", state_text,
                              &query.state, &status) ||
      !candor_cli_parse_enum (COMMAND, CANDOR_TYPE_SEVERITY, "--severity", severity_text,
                              &query.severity, &status) ||
      !candor_cli_parse_enum (COMMAND, CANDOR_TYPE_DIALECT, "--channel", channel_text,
                              &query.format, &status))
    return status;

  query.text = argv[1];
  query.from = from;
  /* --until names the last day included. */
  if (until != NULL)
    {
      g_autoptr (GDateTime) last_day = g_steal_pointer (&until);

      until = g_date_time_add_days (last_day, 1);
      query.until = until;
    }
  query.audience = audience;
  query.language = language;

  store = candor_store_open (NULL, &error);
  if (store != NULL)
    hits = candor_store_search (store, &query, offset, limit, &has_more, &error);
  if (hits == NULL)
    return input_error (error);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "results");
  json_builder_begin_array (builder);
  for (guint i = 0; i < hits->len; i++)
    {
      CandorSearchHit *hit = g_ptr_array_index (hits, i);
      g_autofree char *at = format_iso (candor_search_hit_get_at (hit));
      int              format = candor_search_hit_get_format (hit);
      const char *channel = format >= 0 ? candor_enum_to_nick (CANDOR_TYPE_DIALECT, format) : NULL;

      if (!json)
        {
          g_autofree char *snippet = snippet_for_terminal (candor_search_hit_get_snippet (hit));

          g_print ("%s\t%s\t%s", at, candor_search_hit_get_incident_id (hit),
                   candor_search_hit_get_incident_title (hit));
          if (channel != NULL)
            g_print ("\t%s · %s", candor_search_hit_get_audience (hit), channel);
          g_print ("\n    %s\n", snippet);
          continue;
        }

      {
        g_autofree char *plain = snippet_plain (candor_search_hit_get_snippet (hit));
        g_autofree char *markup = candor_search_hit_get_snippet_markup (hit);

        json_builder_begin_object (builder);
        add_member (builder, "kind",
                    candor_search_hit_get_kind (hit) == CANDOR_SEARCH_HIT_INCIDENT ? "incident"
                                                                                   : "rendition");
        add_member (builder, "incident-id", candor_search_hit_get_incident_id (hit));
        add_member (builder, "incident-title", candor_search_hit_get_incident_title (hit));
        add_member (builder, "update-id", candor_search_hit_get_update_id (hit));
        add_member (builder, "audience", candor_search_hit_get_audience (hit));
        add_member (builder, "channel", channel);
        add_member (builder, "language", candor_search_hit_get_language (hit));
        add_member (builder, "at", at);
        add_member (builder, "snippet", plain);
        add_member (builder, "snippet-markup", markup);
        json_builder_end_object (builder);
      }
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "has-more");
  json_builder_add_boolean_value (builder, has_more);
  json_builder_end_object (builder);

  if (json)
    print_json (builder);
  else if (has_more)
    g_printerr (_("More results: add --offset=%d\n"), offset + limit);
  else if (hits->len == 0 && isatty (STDOUT_FILENO))
    /* A script reads no lines; a person is told that the search ran. */
    g_print (offset > 0 ? _("No more results.\n") : _("Nothing in the history matches.\n"));

  return CANDOR_CLI_EXIT_OK;
}

static int
run_export (int argc, char **argv)
{
  gboolean         help = FALSE;
  int              status;
  g_autofree char *format_text = NULL;
  g_autofree char *output = NULL;
  g_autofree char *language = NULL;
  GOptionEntry     entries[] = {
        { "format", 0, 0, G_OPTION_ARG_STRING, &format_text, NULL, NULL },
        { "lang", 0, 0, G_OPTION_ARG_STRING, &language, NULL, NULL },
        { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, NULL, NULL },
        { "help", 'h', 0, G_OPTION_ARG_NONE, &help, NULL, NULL },
        G_OPTION_ENTRY_NULL,
  };
  g_autoptr (CandorStore) store = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char   *incident_id = NULL;
  CandorExportFormat format;
  gsize              size;
  gconstpointer      data;

  if (!candor_cli_parse_options (COMMAND, entries, &help, print_help, &argc, &argv, &status))
    return status;
  if (!check_operands (argc, argv, 1, _("INCIDENT"), &status))
    return status;

  if (format_text == NULL)
    return candor_cli_usage_error (COMMAND, _("missing --format (md, json or mbox)"));
  if (g_str_equal (format_text, "md") || g_str_equal (format_text, "markdown"))
    format = CANDOR_EXPORT_FORMAT_MARKDOWN;
  else if (g_str_equal (format_text, "json"))
    format = CANDOR_EXPORT_FORMAT_JSON;
  else if (g_str_equal (format_text, "mbox"))
    format = CANDOR_EXPORT_FORMAT_MBOX;
  else
    return candor_cli_usage_error (
      COMMAND, _("invalid format '%s'; valid formats: md, json, mbox"), format_text);
  if (!candor_cli_parse_language (COMMAND, "--lang", language, &status))
    return status;

  store = candor_store_open (NULL, &error);
  if (store != NULL)
    incident_id = candor_store_find_incident_id (store, argv[1], &error);
  if (incident_id != NULL)
    bytes = candor_store_export_incident_in_language (store, incident_id, format, language, &error);
  if (bytes == NULL)
    return input_error (error);

  data = g_bytes_get_data (bytes, &size);
  if (output != NULL && !g_str_equal (output, "-"))
    {
      if (!g_file_set_contents_full (output, data, size, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                     &error))
        return input_error (error);
      return CANDOR_CLI_EXIT_OK;
    }

  if (size > 0 && (fwrite (data, 1, size, stdout) != size || fflush (stdout) != 0))
    {
      g_printerr (_("%s: could not write the export: %s\n"), g_get_prgname (), g_strerror (errno));
      return CANDOR_CLI_EXIT_USAGE;
    }

  return CANDOR_CLI_EXIT_OK;
}

static int
run_check (int argc, char **argv)
{
  gboolean     help = FALSE;
  int          status;
  GOptionEntry entries[] = {
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help, NULL, NULL },
    G_OPTION_ENTRY_NULL,
  };
  g_autoptr (CandorStore) store = NULL;
  g_autoptr (GError) error = NULL;

  if (!candor_cli_parse_options (COMMAND, entries, &help, print_help, &argc, &argv, &status))
    return status;
  if (!check_operands (argc, argv, 0, NULL, &status))
    return status;

  store = candor_store_open (NULL, &error);
  if (store == NULL || !candor_store_check (store, TRUE, &error))
    return input_error (error);

  g_print (_("The history “%s” is sound: every page and index was checked.\n"),
              candor_store_get_path (store));
  return CANDOR_CLI_EXIT_OK;
}

/* The user's words for what each table of the history holds. */
static const char *
salvage_table_name (const char *table)
{
  static const struct
  {
    const char *table;
    const char *name;
  } names[] = {
    { "incidents", N_("incidents") },
      { "updates", N_("updates") },
        { "renditions", N_("messages as sent") },
          { "publications", N_("outbox entries") },
            { "drafts", N_("drafts") },
              { "contacts", N_("contacts") },
                { "audiences", N_("audiences") },
                  { "templates", N_("templates") },
                    { "channel_settings", N_("channel settings") },
                  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (names[i].table, table))
      return _(names[i].name);

  return table;
}

/* What recovery carried over, table by table, and what it could not. */
static void
print_salvage (GArray *salvage)
{
  gboolean nothing = TRUE;

  if (salvage == NULL)
    return;

  for (guint i = 0; i < salvage->len; i++)
    nothing = nothing && g_array_index (salvage, CandorStoreSalvage, i).carried == 0 &&
              g_array_index (salvage, CandorStoreSalvage, i).lost < 0;
  if (nothing)
    {
      g_print ("%s\n", _("Nothing could be read from the damaged history."));
      return;
    }

  g_print ("%s\n", _("Carried over into the fresh history:"));
  for (guint i = 0; i < salvage->len; i++)
    {
      const CandorStoreSalvage *row = &g_array_index (salvage, CandorStoreSalvage, i);
      g_autofree char          *lost = NULL;

      if (row->lost < 0)
        lost = g_strdup (_("an unknown number could not be read"));
      else
        /* TRANSLATORS: %d rows of a table of the history */
        lost = g_strdup_printf (_("%d could not be read"), row->lost);

      /* TRANSLATORS: "  incidents: 120 carried over, 3 could not be read" */
      g_print (_("  %s: %u carried over, %s"), salvage_table_name (row->table), row->carried,
                  lost);
      if (row->made_up > 0)
        /* TRANSLATORS: rows made up to hold rows whose own incident or update was lost */
        g_print (_(" (%u made up to hold what was kept of the rest)"), row->made_up);
      g_print ("\n");
    }
}

static int
run_recover (int argc, char **argv)
{
  gboolean     help = FALSE;
  int          status;
  GOptionEntry entries[] = {
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help, NULL, NULL },
    G_OPTION_ENTRY_NULL,
  };
  g_autoptr (CandorStore) store = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *damaged = NULL;

  if (!candor_cli_parse_options (COMMAND, entries, &help, print_help, &argc, &argv, &status))
    return status;
  if (!check_operands (argc, argv, 0, NULL, &status))
    return status;

  /* Only a damaged history is set aside: one that passes the full check
   * stays where it is. */
  store = candor_store_open (NULL, &error);
  if (store != NULL && candor_store_check (store, TRUE, &error))
    {
      g_print (_("The history is fine; nothing was moved.\n"));
      return CANDOR_CLI_EXIT_OK;
    }
  if (!g_error_matches (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_CORRUPT))
    return input_error (error);
  g_printerr ("%s: %s\n", g_get_prgname (), error->message);
  g_clear_error (&error);
  /* Its connection lets go before the file is moved. */
  g_clear_object (&store);

  store = candor_store_recover (NULL, &damaged, &error);
  if (store == NULL)
    return input_error (error);

  g_print (_("The damaged history was moved to %s; a fresh history was started.\n"), damaged);
  print_salvage (candor_store_get_salvage (store));

  return CANDOR_CLI_EXIT_OK;
}

int
candor_cli_history_run (int argc, char **argv)
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
  if (g_str_equal (subcommand, "show"))
    return run_show (argc - 1, argv + 1);
  if (g_str_equal (subcommand, "search"))
    return run_search (argc - 1, argv + 1);
  if (g_str_equal (subcommand, "export"))
    return run_export (argc - 1, argv + 1);
  if (g_str_equal (subcommand, "check"))
    return run_check (argc - 1, argv + 1);
  if (g_str_equal (subcommand, "recover"))
    return run_recover (argc - 1, argv + 1);

  return candor_cli_usage_error (COMMAND, _("'%s' is not a subcommand"), subcommand);
}
