/* candor-cli-templates.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-cli-templates"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "candor-cli-templates.h"
#include "candor-cli.h"
#include "candor-enum-types.h"
#include "candor-json.h"
#include "candor-mustache.h"
#include "candor-template-library.h"

#define COMMAND "templates"

static void
print_help (void)
{
  g_print (_("Usage: %s %s SUBCOMMAND [ARGUMENT…]\n"), g_get_prgname (), COMMAND);
  g_print ("%s\n\n", _("List, show, import and export message templates, or try out a Mustache "
                       "file."));
  g_print ("%s\n", _("Subcommands:"));
  g_print ("  list [--lang=LANG] [--kind=KIND] [--severity=SEVERITY] [--search=WORDS]\n");
  g_print ("      %s\n", _("list the built-in and your own templates, one per line"));
  g_print ("  show [--examples] ID\n");
  g_print ("      %s\n",
           _("show a template’s variables and fields, or the fields filled in with"));
  g_print ("      %s\n", _("the examples"));
  g_print ("  export ID FILE\n");
  g_print ("      %s\n", _("write a template to FILE (“-” for standard output)"));
  g_print ("  import FILE\n");
  g_print ("      %s\n", _("check FILE and add it to your templates"));
  g_print ("  render TEMPLATE_FILE --data=DATA.json [--partials=DIR] [--escape=MODE]\n");
  g_print ("      %s\n", _("render any Mustache file with the values in DATA.json; partials are"));
  g_print ("      %s\n", _("read from DIR/NAME.mustache; MODE is html (default), slack or none"));
  g_print ("\n");
  g_print ("%s\n", _("KIND is initial, progress, resolution or post-incident; SEVERITY is minor, "
                     "major or critical."));
  g_print (_("Exit status is 0 on success and 2 on a usage or input error.\n"));
}

/* Input errors (a bad file, an unknown id) are not usage errors: no --help hint. */
static int
input_error (const GError *error)
{
  g_printerr ("%s: %s\n", g_get_prgname (), error->message);
  return CANDOR_CLI_EXIT_USAGE;
}

/* After the options, exactly @n_operands must be left (argv[0] is the subcommand). */
static gboolean
check_operands (int argc, char **argv, int n_operands, const char *missing, int *status)
{
  if (argc < n_operands + 1)
    {
      *status = candor_cli_usage_error (COMMAND, "%s", missing);
      return FALSE;
    }

  if (argc > n_operands + 1)
    {
      *status = candor_cli_usage_error (COMMAND, _("extra operand '%s'"), argv[n_operands + 1]);
      return FALSE;
    }

  return TRUE;
}

/* Templates the user broke do not stop the command, but they are said. */
static void
print_problems (CandorTemplateLibrary *library)
{
  GPtrArray *problems = candor_template_library_get_problems (library);

  for (guint i = 0; i < problems->len; i++)
    {
      const GError *problem = g_ptr_array_index (problems, i);

      g_printerr (_("%s: warning: template left out: %s\n"), g_get_prgname (), problem->message);
    }
}

static int
run_list (int argc, char **argv)
{
  g_autofree char *lang = NULL;
  g_autofree char *kind_name = NULL;
  g_autofree char *severity_name = NULL;
  g_autofree char *search = NULL;
  g_autoptr (CandorTemplateLibrary) library = NULL;
  g_autoptr (GPtrArray) templates = NULL;
  CandorTemplateFilter filter = CANDOR_TEMPLATE_FILTER_INIT;
  gboolean             help = FALSE;
  int                  status = CANDOR_CLI_EXIT_OK;
  GOptionEntry         entries[] = {
            { "lang", 0, 0, G_OPTION_ARG_STRING, &lang, NULL, NULL },
            { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_name, NULL, NULL },
            { "severity", 0, 0, G_OPTION_ARG_STRING, &severity_name, NULL, NULL },
            { "search", 0, 0, G_OPTION_ARG_STRING, &search, NULL, NULL },
            { "help", 'h', 0, G_OPTION_ARG_NONE, &help, NULL, NULL },
            { NULL },
  };

  if (!candor_cli_parse_options (COMMAND, entries, &help, print_help, &argc, &argv, &status) ||
      !check_operands (argc, argv, 0, NULL, &status) ||
      !candor_cli_parse_enum (COMMAND, CANDOR_TYPE_UPDATE_KIND, "--kind", kind_name, &filter.kind,
                              &status) ||
      !candor_cli_parse_enum (COMMAND, CANDOR_TYPE_SEVERITY, "--severity", severity_name,
                              &filter.severity, &status))
    return status;

  filter.language = lang;
  filter.search = search;

  library = candor_template_library_new ();
  print_problems (library);

  templates = candor_template_library_filter (library, &filter);
  for (guint i = 0; i < templates->len; i++)
    {
      CandorTemplate *template = g_ptr_array_index (templates, i);

      /* Tab-separated, so that `cut` and `sort` work on it as well as eyes do. */
      g_print (
        "%s\t%s\t%s\t%s\t%s\t%s\n", candor_template_get_id (template),
        candor_template_get_language (template),
        candor_enum_to_nick (CANDOR_TYPE_UPDATE_KIND, candor_template_get_kind (template)),
        candor_enum_to_nick (CANDOR_TYPE_TEMPLATE_STAGE, candor_template_get_stage (template)),
        candor_enum_to_nick (CANDOR_TYPE_SEVERITY, candor_template_get_severity (template)),
        candor_template_get_name (template));
    }

  return CANDOR_CLI_EXIT_OK;
}

static CandorTemplate *
lookup_or_error (CandorTemplateLibrary *library, const char *id, int *status)
{
  CandorTemplate *template = candor_template_library_lookup (library, id);

  if (template == NULL)
    {
      g_autoptr (GError) error =
        g_error_new (CANDOR_TEMPLATE_ERROR, CANDOR_TEMPLATE_ERROR_NOT_FOUND,
                     _("there is no template with the id “%s”; “%s %s list” shows them all"), id,
                        g_get_prgname (), COMMAND);

      *status = input_error (error);
    }

  return template;
}

static int
run_show (int argc, char **argv)
{
  g_autoptr (CandorTemplateLibrary) library = NULL;
  CandorTemplate *template;
  gboolean     help = FALSE;
  gboolean     examples = FALSE;
  int          status = CANDOR_CLI_EXIT_OK;
  GOptionEntry entries[] = {
    { "examples", 0, 0, G_OPTION_ARG_NONE, &examples, NULL, NULL },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help, NULL, NULL },
    { NULL },
  };

  if (!candor_cli_parse_options (COMMAND, entries, &help, print_help, &argc, &argv, &status) ||
      !check_operands (argc, argv, 1, _("missing template id"), &status))
    return status;

  library = candor_template_library_new ();
  template = lookup_or_error (library, argv[1], &status);
  if (template == NULL)
    return status;

  g_print ("%s\n", candor_template_get_name (template));
  g_print ("%s\n\n", candor_template_get_description (template));
  g_print (_("Id: %s\n"), candor_template_get_id (template));
  g_print (_("Language: %s\n"), candor_template_get_language (template));
  g_print (_("Kind: %s\n"), candor_update_kind_get_label (candor_template_get_kind (template)));
  g_print (_("Stage: %s\n"), candor_enum_to_nick (CANDOR_TYPE_TEMPLATE_STAGE,
                                                   candor_template_get_stage (template)));
  g_print (_("Severity: %s\n"),
              candor_severity_get_label (candor_template_get_severity (template)));

  g_print ("\n%s\n", _("Variables:"));
  for (guint i = 0; i < candor_template_get_n_variables (template); i++)
    {
      const CandorTemplateVariable *variable = candor_template_get_variable (template, i);
      g_autofree char              *example = json_to_string (variable->example, FALSE);

      g_print ("  %s: %s\n", variable->name, variable->description);
      g_print (_("      example: %s\n"), example);
    }

  for (CandorField field = 0; field < CANDOR_N_FIELDS; field++)
    {
      g_autofree char *rendered = NULL;
      g_autoptr (GError) error = NULL;
      const char *text = candor_template_get_field (template, field);

      if (*text == '\0')
        continue;

      if (examples)
        {
          /* A template that loaded renders; this only fails on absurd sizes. */
          rendered = candor_template_render_field (template, field, NULL, &error);
          if (rendered == NULL)
            return input_error (error);
          text = rendered;
        }

      g_print ("\n## %s\n%s\n", candor_field_get_label (field), text);
    }

  return CANDOR_CLI_EXIT_OK;
}

static int
run_export (int argc, char **argv)
{
  g_autoptr (CandorTemplateLibrary) library = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  CandorTemplate *template;
  gboolean     help = FALSE;
  int          status = CANDOR_CLI_EXIT_OK;
  GOptionEntry entries[] = {
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help, NULL, NULL },
    { NULL },
  };

  if (!candor_cli_parse_options (COMMAND, entries, &help, print_help, &argc, &argv, &status))
    return status;
  if (argc == 2)
    return candor_cli_usage_error (COMMAND, _("missing destination file operand after '%s'"),
                                               argv[1]);
  if (!check_operands (argc, argv, 2, _("missing template id"), &status))
    return status;

  library = candor_template_library_new ();
  template = lookup_or_error (library, argv[1], &status);
  if (template == NULL)
    return status;

  if (g_str_equal (argv[2], "-"))
    {
      g_autofree char *data = candor_template_to_data (template, NULL);

      if (data == NULL)
        {
          g_set_error (&error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _("the template “%s” cannot be written out as JSON"), argv[1]);
          return input_error (error);
        }
      g_print ("%s", data);
      return CANDOR_CLI_EXIT_OK;
    }

  file = g_file_new_for_commandline_arg (argv[2]);
  if (!candor_template_library_export (library, argv[1], file, NULL, &error))
    return input_error (error);

  return CANDOR_CLI_EXIT_OK;
}

static int
run_import (int argc, char **argv)
{
  g_autoptr (CandorTemplateLibrary) library = NULL;
  g_autoptr (CandorTemplate) template = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *directory = NULL;
  gboolean         help = FALSE;
  int              status = CANDOR_CLI_EXIT_OK;
  GOptionEntry     entries[] = {
        { "help", 'h', 0, G_OPTION_ARG_NONE, &help, NULL, NULL },
        { NULL },
  };

  if (!candor_cli_parse_options (COMMAND, entries, &help, print_help, &argc, &argv, &status) ||
      !check_operands (argc, argv, 1, _("missing file operand"), &status))
    return status;

  library = candor_template_library_new ();
  file = g_file_new_for_commandline_arg (argv[1]);
  template = candor_template_library_import (library, file, NULL, &error);
  if (template == NULL)
    return input_error (error);

  directory = g_file_get_parse_name (candor_template_library_get_user_dir (library));
  g_print (_("Imported “%s” (%s) into %s\n"), candor_template_get_id (template),
              candor_template_get_name (template), directory);

  return CANDOR_CLI_EXIT_OK;
}

typedef struct
{
  GFile      *directory;
  GHashTable *loaded; /* name → contents, kept until the render returns */
} Partials;

static const char *
find_partial (const char *name, gpointer user_data)
{
  Partials        *partials = user_data;
  g_autofree char *file_name = NULL;
  g_autoptr (GFile) file = NULL;
  char *contents = NULL;

  if (g_hash_table_contains (partials->loaded, name))
    return g_hash_table_lookup (partials->loaded, name);

  /* A partial name is a name, not a path out of the directory. */
  if (strchr (name, '/') == NULL && strstr (name, "..") == NULL)
    {
      file_name = g_strconcat (name, ".mustache", NULL);
      file = g_file_get_child (partials->directory, file_name);
      if (!g_file_load_contents (file, NULL, &contents, NULL, NULL, NULL))
        contents = NULL;
    }

  g_hash_table_insert (partials->loaded, g_strdup (name), contents);
  return contents;
}

static int
run_render (int argc, char **argv)
{
  g_autofree char *data_path = NULL;
  g_autofree char *partials_path = NULL;
  g_autofree char *escape_name = NULL;
  g_autofree char *source = NULL;
  g_autofree char *data = NULL;
  g_autofree char *template_name = NULL;
  g_autofree char *data_name = NULL;
  g_autoptr (GFile) template_file = NULL;
  g_autoptr (GFile) data_file = NULL;
  g_autoptr (CandorMustacheTemplate) template = NULL;
  g_autoptr (JsonNode) context = NULL;
  g_autoptr (GString) out = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) loaded = NULL;
  g_autoptr (GFile) partials_dir = NULL;
  CandorMustacheRenderOptions options = { CANDOR_MUSTACHE_ESCAPE_HTML };
  Partials                    partials = { NULL, NULL };
  gboolean                    help = FALSE;
  int                         status = CANDOR_CLI_EXIT_OK;
  gsize                       data_length = 0;
  gsize                       source_length = 0;
  GOptionEntry                entries[] = {
                   { "data", 0, 0, G_OPTION_ARG_FILENAME, &data_path, NULL, NULL },
                   { "partials", 0, 0, G_OPTION_ARG_FILENAME, &partials_path, NULL, NULL },
                   { "escape", 0, 0, G_OPTION_ARG_STRING, &escape_name, NULL, NULL },
                   { "help", 'h', 0, G_OPTION_ARG_NONE, &help, NULL, NULL },
                   { NULL },
  };

  if (!candor_cli_parse_options (COMMAND, entries, &help, print_help, &argc, &argv, &status) ||
      !check_operands (argc, argv, 1, _("missing template file operand"), &status))
    return status;
  if (data_path == NULL)
    return candor_cli_usage_error (COMMAND, _("option '--data' is required for render"));

  if (escape_name != NULL)
    {
      if (g_str_equal (escape_name, "html"))
        options.escape = CANDOR_MUSTACHE_ESCAPE_HTML;
      else if (g_str_equal (escape_name, "slack"))
        options.escape = CANDOR_MUSTACHE_ESCAPE_SLACK;
      else if (g_str_equal (escape_name, "none"))
        options.escape = CANDOR_MUSTACHE_ESCAPE_NONE;
      else
        return candor_cli_usage_error (
          COMMAND, _("invalid argument '%s' for '--escape': use one of html, slack, none"),
                      escape_name);
    }

  template_file = g_file_new_for_commandline_arg (argv[1]);
  template_name = g_file_get_parse_name (template_file);
  if (!g_file_load_contents (template_file, NULL, &source, &source_length, NULL, &error))
    return input_error (error);
  if (!candor_json_check_text (source, source_length, CANDOR_JSON_MAX_SIZE, template_name, &error))
    return input_error (error);

  template = candor_mustache_template_new (source, &error);
  if (template == NULL)
    {
      g_prefix_error (&error, "%s: ", template_name);
      return input_error (error);
    }

  data_file = g_file_new_for_commandline_arg (data_path);
  data_name = g_file_get_parse_name (data_file);
  if (!g_file_load_contents (data_file, NULL, &data, &data_length, NULL, &error))
    return input_error (error);

  context = candor_json_parse (data, data_length, data_name, &error);
  if (context == NULL)
    return input_error (error);

  loaded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (partials_path != NULL)
    {
      partials_dir = g_file_new_for_commandline_arg (partials_path);
      if (g_file_query_file_type (partials_dir, G_FILE_QUERY_INFO_NONE, NULL) !=
          G_FILE_TYPE_DIRECTORY)
        {
          g_autofree char *name = g_file_get_parse_name (partials_dir);

          g_printerr (_("%s: %s: not a directory\n"), g_get_prgname (), name);
          return CANDOR_CLI_EXIT_USAGE;
        }

      partials.directory = partials_dir;
      partials.loaded = loaded;
      options.partial_func = find_partial;
      options.partial_data = &partials;
    }

  out = g_string_new (NULL);
  if (!candor_mustache_template_render_full (template, context, &options, out, &error))
    {
      g_prefix_error (&error, "%s: ", template_name);
      return input_error (error);
    }

  g_print ("%s", out->str);
  return CANDOR_CLI_EXIT_OK;
}

static const struct
{
  const char *name;
  int (*run) (int argc, char **argv);
} subcommands[] = {
  { "list", run_list },     { "show", run_show },     { "export", run_export },
  { "import", run_import }, { "render", run_render },
};

int
candor_cli_templates_run (int argc, char **argv)
{
  const char *name;

  if (argc < 2)
    return candor_cli_usage_error (COMMAND, _("missing subcommand"));

  name = argv[1];
  if (g_str_equal (name, "-h") || g_str_equal (name, "--help"))
    {
      print_help ();
      return CANDOR_CLI_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    {
      /* The subcommand sees itself as argv[0]. */
      if (g_str_equal (subcommands[i].name, name))
        return subcommands[i].run (argc - 1, argv + 1);
    }

  if (name[0] == '-')
    return candor_cli_usage_error (COMMAND, _("unrecognized option '%s'"), name);

  return candor_cli_usage_error (COMMAND, _("'%s' is not a subcommand of %s"), name, COMMAND);
}
