/* test-templates.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "candor-checker.h"
#include "candor-enum-types.h"
#include "candor-json.h"
#include "candor-mustache.h"
#include "candor-placeholder.h"
#include "candor-template-library.h"

#define N_BUILT_IN_PER_LANGUAGE 18

/* A small valid template; each error case breaks one thing in it. */
static const char base_template[] =
  "{\n"
  "  \"id\": \"test-basic\",\n"
  "  \"name\": \"Basic\",\n"
  "  \"description\": \"A test template\",\n"
  "  \"language\": \"en\",\n"
  "  \"kind\": \"initial\",\n"
  "  \"stage\": \"investigating\",\n"
  "  \"severity\": \"minor\",\n"
  "  \"variables\": [\n"
  "    {\"name\": \"service\", \"description\": \"The service\", \"example\": \"Acme\"},\n"
  "    {\"name\": \"affected\", \"description\": \"What\", \"example\": [\"Sign-in\", "
  "\"Upload\"]},\n"
  "    {\"name\": \"timeline\", \"description\": \"Events\",\n"
  "     \"example\": [{\"time\": \"09:40\", \"event\": \"errors begin\"}]}\n"
  "  ],\n"
  "  \"fields\": {\n"
  "    \"impact-now\": \"{{service}} is down for:\\n\\n{{#affected}}\\n- {{.}}\\n{{/affected}}\",\n"
  "    \"impact-future\": \"\",\n"
  "    \"lasting-consequences\": \"None.\",\n"
  "    \"executive-summary\": \"{{service}} is down.\",\n"
  "    \"technical-details\": \"{{#timeline}}\\n- {{time}}: {{event}}\\n{{/timeline}}\",\n"
  "    \"actions-taken\": \"\",\n"
  "    \"actions-planned\": \"\",\n"
  "    \"contact\": \"Thank you for your patience; write to us.\",\n"
  "    \"next-update\": \"Soon.\"\n"
  "  }\n"
  "}\n";

static JsonNode *
parse_json (const char *text)
{
  g_autoptr (GError) error = NULL;
  JsonNode *node = candor_json_parse (text, -1, NULL, &error);

  g_assert_no_error (error);
  return node;
}

static char *
node_to_string (JsonNode *node)
{
  return json_to_string (node, TRUE);
}

static CandorTemplateLibrary *
new_isolated_library (void)
{
  g_autoptr (CandorTemplateLibrary) library = candor_template_library_new ();

  /* G_TEST_OPTION_ISOLATE_DIRS gives each test its own, empty XDG_DATA_HOME. */
  g_assert_cmpuint (candor_template_library_get_problems (library)->len, ==, 0);
  return g_steal_pointer (&library);
}

/* Every built-in template loads, renders each field with its own examples
 * without a placeholder left over, and uses every variable it declares. */
static void
test_templates_built_in_render (void)
{
  g_autoptr (CandorTemplateLibrary) library = new_isolated_library ();
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (library));

  g_assert_cmpuint (n_items, ==, 2 * N_BUILT_IN_PER_LANGUAGE);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr (CandorTemplate) template = g_list_model_get_item (G_LIST_MODEL (library), i);
      g_autofree char *all_fields = NULL;
      g_autoptr (GString) sources = g_string_new (NULL);
      const char *id = candor_template_get_id (template);

      g_test_message ("%s", id);
      g_assert_true (candor_template_library_is_built_in (library, id));
      g_assert_true (g_str_has_prefix (id, candor_template_get_language (template)));
      g_assert_cmpstr (candor_template_get_name (template), !=, "");
      g_assert_cmpstr (candor_template_get_description (template), !=, "");

      for (CandorField field = 0; field < CANDOR_N_FIELDS; field++)
        {
          g_autoptr (GError) error = NULL;
          g_autofree char *text = candor_template_render_field (template, field, NULL, &error);

          g_assert_no_error (error);
          g_assert_nonnull (text);
          if (strstr (text, "{{") != NULL || strstr (text, "}}") != NULL)
            g_error ("%s: %s renders with a placeholder left: %s", id,
                     candor_enum_to_nick (CANDOR_TYPE_FIELD, field), text);
          g_string_append (sources, candor_template_get_field (template, field));
        }

      /* The parts of good outage communication every message has. */
      g_assert_cmpstr (candor_template_get_field (template, CANDOR_FIELD_IMPACT_NOW), !=, "");
      g_assert_cmpstr (candor_template_get_field (template, CANDOR_FIELD_LASTING_CONSEQUENCES), !=,
                       "");
      g_assert_cmpstr (candor_template_get_field (template, CANDOR_FIELD_EXECUTIVE_SUMMARY), !=,
                       "");
      g_assert_cmpstr (candor_template_get_field (template, CANDOR_FIELD_NEXT_UPDATE), !=, "");
      g_assert_nonnull (
        strstr (candor_template_get_field (template, CANDOR_FIELD_CONTACT), "{{contact_name}}"));
      g_assert_nonnull (
        strstr (candor_template_get_field (template, CANDOR_FIELD_CONTACT), "{{contact_reach}}"));

      for (guint v = 0; v < candor_template_get_n_variables (template); v++)
        {
          const CandorTemplateVariable *variable = candor_template_get_variable (template, v);
          g_autofree char              *plain = g_strdup_printf ("{{%s}}", variable->name);
          g_autofree char              *section = g_strdup_printf ("{{#%s}}", variable->name);

          g_assert_cmpstr (variable->description, !=, "");
          if (strstr (sources->str, plain) == NULL && strstr (sources->str, section) == NULL)
            g_error ("%s declares “%s” but never uses it", id, variable->name);
        }
    }
}

/* English and Russian cover the same stages, each with the same kinds. */
static void
test_templates_built_in_coverage (void)
{
  g_autoptr (CandorTemplateLibrary) library = new_isolated_library ();
  const char *const languages[] = { "en", "ru" };

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      CandorTemplateFilter filter = CANDOR_TEMPLATE_FILTER_INIT;
      g_autoptr (GPtrArray) templates = NULL;
      guint counts[CANDOR_SEVERITY_CRITICAL + 1][CANDOR_TEMPLATE_STAGE_MAINTENANCE + 1] = { { 0 } };

      filter.language = languages[l];
      templates = candor_template_library_filter (library, &filter);
      g_assert_cmpuint (templates->len, ==, N_BUILT_IN_PER_LANGUAGE);

      for (guint i = 0; i < templates->len; i++)
        {
          CandorTemplate *template = g_ptr_array_index (templates, i);
          CandorTemplateStage stage = candor_template_get_stage (template);

          counts[candor_template_get_severity (template)][stage]++;
          switch (stage)
            {
              case CANDOR_TEMPLATE_STAGE_INVESTIGATING:
              case CANDOR_TEMPLATE_STAGE_MAINTENANCE:
                g_assert_cmpint (candor_template_get_kind (template), ==,
                                 CANDOR_UPDATE_KIND_INITIAL);
                break;
              case CANDOR_TEMPLATE_STAGE_IDENTIFIED:
              case CANDOR_TEMPLATE_STAGE_MONITORING:
                g_assert_cmpint (candor_template_get_kind (template), ==,
                                 CANDOR_UPDATE_KIND_PROGRESS);
                break;
              case CANDOR_TEMPLATE_STAGE_RESOLVED:
                g_assert_cmpint (candor_template_get_kind (template), ==,
                                 CANDOR_UPDATE_KIND_RESOLUTION);
                break;
              case CANDOR_TEMPLATE_STAGE_POST_INCIDENT:
                g_assert_cmpint (candor_template_get_kind (template), ==,
                                 CANDOR_UPDATE_KIND_POST_INCIDENT);
                break;
              default:
                g_assert_not_reached ();
            }
        }

      /* Small bug: tell when it broke and when it is fixed. Big outage: every milestone. */
      for (CandorTemplateStage stage = 0; stage <= CANDOR_TEMPLATE_STAGE_MAINTENANCE; stage++)
        {
          gboolean minor_has = stage == CANDOR_TEMPLATE_STAGE_INVESTIGATING ||
                               stage == CANDOR_TEMPLATE_STAGE_RESOLVED ||
                               stage == CANDOR_TEMPLATE_STAGE_MAINTENANCE;

          /* A first notice comes in full and fast (only what the draft knows). */
          guint per_stage = stage == CANDOR_TEMPLATE_STAGE_INVESTIGATING ? 2 : 1;

          g_assert_cmpuint (counts[CANDOR_SEVERITY_MINOR][stage], ==, minor_has ? per_stage : 0);
          g_assert_cmpuint (counts[CANDOR_SEVERITY_MAJOR][stage], ==, per_stage);
          g_assert_cmpuint (counts[CANDOR_SEVERITY_CRITICAL][stage], ==, per_stage);
        }
    }
}

/* Filled with their examples, the built-in texts are what the checker calls
 * good outage communication: not a single finding. */
static void
test_templates_built_in_pass_checker (void)
{
  g_autoptr (CandorTemplateLibrary) library = new_isolated_library ();
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (library));
  guint total = 0;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr (CandorTemplate) template = g_list_model_get_item (G_LIST_MODEL (library), i);
      g_autoptr (CandorChecker) checker = NULL;
      g_autoptr (CandorIncident) incident = candor_incident_new ("Sign-in fails");
      g_autoptr (CandorUpdate) update = candor_update_new (CANDOR_UPDATE_KIND_INITIAL);
      g_autoptr (GPtrArray) findings = NULL;
      g_autoptr (GDateTime) started = g_date_time_new_utc (2026, 12, 1, 9, 40, 0);
      g_autoptr (GDateTime) resolved = g_date_time_new_utc (2026, 12, 1, 12, 15, 0);
      g_autoptr (GError) error = NULL;
      CandorUpdateKind kind = candor_template_get_kind (template);

      checker = candor_checker_new (candor_template_get_language (template), &error);
      g_assert_no_error (error);

      candor_incident_set_severity (incident, candor_template_get_severity (template));
      candor_incident_set_language (incident, candor_template_get_language (template));
      candor_incident_set_started_at (incident, started);
      if (kind == CANDOR_UPDATE_KIND_RESOLUTION || kind == CANDOR_UPDATE_KIND_POST_INCIDENT)
        {
          candor_incident_set_state (incident, CANDOR_INCIDENT_STATE_RESOLVED);
          candor_incident_set_resolved_at (incident, resolved);
        }

      g_assert_true (candor_template_apply (template, update, NULL, &error));
      g_assert_no_error (error);

      findings = candor_checker_check_update (checker, incident, update);
      for (guint f = 0; f < findings->len; f++)
        {
          CandorFinding *finding = g_ptr_array_index (findings, f);

          g_test_message (
            "%s: %s in %s: %s", candor_template_get_id (template),
            candor_finding_get_rule_id (finding),
            candor_finding_get_field (finding) >= 0
              ? candor_enum_to_nick (CANDOR_TYPE_FIELD, candor_finding_get_field (finding))
              : "message",
            candor_finding_get_message (finding));
        }
      total += findings->len;
    }

  /* Each finding is listed above with --verbose. */
  g_assert_cmpuint (total, ==, 0);
}

typedef void (*MutateFunc) (JsonObject *root);

static void
set_field (JsonObject *root, const char *field, const char *text)
{
  json_object_set_string_member (json_object_get_object_member (root, "fields"), field, text);
}

static void
remove_severity (JsonObject *root)
{
  json_object_remove_member (root, "severity");
}

static void
add_colour (JsonObject *root)
{
  json_object_set_string_member (root, "colour", "red");
}

static void
remove_contact (JsonObject *root)
{
  json_object_remove_member (json_object_get_object_member (root, "fields"), "contact");
}

static void
add_contacts (JsonObject *root)
{
  set_field (root, "contacts", "Dana");
}

static void
unclosed_section (JsonObject *root)
{
  set_field (root, "impact-now", "Affected:\n{{#affected}}\n- {{.}}\n");
}

static void
unknown_variable (JsonObject *root)
{
  set_field (root, "next-update", "Next update:\nby {{next_updte}}.");
}

static void
unknown_item_key (JsonObject *root)
{
  set_field (root, "technical-details", "{{#timeline}}{{when}}{{/timeline}}");
}

static void
partial (JsonObject *root)
{
  set_field (root, "contact", "{{> signature}}");
}

static void
bad_kind (JsonObject *root)
{
  json_object_set_string_member (root, "kind", "soon");
}

static void
bad_id (JsonObject *root)
{
  json_object_set_string_member (root, "id", "../evil");
}

static void
empty_name (JsonObject *root)
{
  json_object_set_string_member (root, "name", "");
}

static void
duplicate_variable (JsonObject *root)
{
  JsonArray  *variables = json_object_get_array_member (root, "variables");
  JsonObject *copy = json_object_new ();

  json_object_set_string_member (copy, "name", "service");
  json_object_set_string_member (copy, "description", "Again");
  json_object_set_string_member (copy, "example", "Acme");
  json_array_add_object_element (variables, copy);
}

static void
variable_without_example (JsonObject *root)
{
  JsonArray *variables = json_object_get_array_member (root, "variables");

  json_object_remove_member (json_array_get_object_element (variables, 1), "example");
}

static void
bad_variable_name (JsonObject *root)
{
  JsonArray *variables = json_object_get_array_member (root, "variables");

  json_object_set_string_member (json_array_get_object_element (variables, 0), "name",
                                 "the service");
}

static void
test_templates_errors (void)
{
  const struct
  {
    MutateFunc  mutate;
    GQuark      domain;
    int         code;
    const char *message;
  } cases[] = {
    { remove_severity, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_MISSING_KEY,
      "basic.json: severity: missing; a template needs this key" },
    { add_colour, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_UNKNOWN_KEY,
      "basic.json: colour: unknown key; the known keys are id, name, description, language, kind, "
      "stage, severity, variables, fields" },
    { remove_contact, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_MISSING_KEY,
      "basic.json: fields.contact: missing; write \"\" for a field the template leaves empty" },
    { add_contacts, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_UNKNOWN_KEY,
      "basic.json: fields.contacts: unknown key; did you mean “contact”?" },
    { unclosed_section, CANDOR_MUSTACHE_ERROR, CANDOR_MUSTACHE_ERROR_UNCLOSED_SECTION,
      "basic.json: fields.impact-now: line 2, column 1: the section “affected” is never closed; "
      "add {{/affected}}" },
    { unknown_variable, CANDOR_TEMPLATE_ERROR, CANDOR_TEMPLATE_ERROR_UNKNOWN_VARIABLE,
      "basic.json: fields.next-update: line 2, column 4: the variable “next_updte” is not "
      "declared; add it to “variables” or correct the name" },
    { unknown_item_key, CANDOR_TEMPLATE_ERROR, CANDOR_TEMPLATE_ERROR_UNKNOWN_VARIABLE,
      "basic.json: fields.technical-details: line 1, column 14: the variable “when” is not "
      "declared; add it to “variables” or correct the name" },
    { partial, CANDOR_TEMPLATE_ERROR, CANDOR_TEMPLATE_ERROR_PARTIAL,
      "basic.json: fields.contact: line 1, column 1: the partial “signature” cannot be used here; "
      "a template must contain all of its text" },
    { bad_kind, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_VALUE,
      "basic.json: kind: “soon” is not a message kind; use one of initial, progress, resolution, "
      "post-incident" },
    { bad_id, CANDOR_TEMPLATE_ERROR, CANDOR_TEMPLATE_ERROR_INVALID_ID,
      "basic.json: id: “../evil” cannot be used; use letters, digits, “-”, “_” and “.”, not "
      "starting with “.”" },
    { empty_name, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_VALUE,
      "basic.json: name: empty; write the text it stands for" },
    { duplicate_variable, CANDOR_TEMPLATE_ERROR, CANDOR_TEMPLATE_ERROR_DUPLICATE,
      "basic.json: variables[3].name: “service” is declared twice; remove one of them" },
    { variable_without_example, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_MISSING_KEY,
      "basic.json: variables[1].example: missing; give a value the template can be previewed "
      "with" },
    { bad_variable_name, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_VALUE,
      "basic.json: variables[0].name: “the service” cannot be a variable name; use letters, "
      "digits and “_”, starting with a letter" },
  };
  g_autoptr (CandorTemplate) valid = NULL;
  g_autoptr (GError) error = NULL;

  /* The base itself is fine, including a section item's own keys. */
  valid = candor_template_new_from_data (base_template, -1, "basic.json", &error);
  g_assert_no_error (error);
  g_assert_nonnull (valid);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (JsonNode) root = parse_json (base_template);
      g_autofree char *text = NULL;
      g_autoptr (CandorTemplate) template = NULL;

      cases[i].mutate (json_node_get_object (root));
      text = node_to_string (root);
      template = candor_template_new_from_data (text, -1, "basic.json", &error);
      g_assert_null (template);
      g_assert_nonnull (error);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      g_assert_error (error, cases[i].domain, cases[i].code);
      g_clear_error (&error);
    }

  /* Malformed JSON names the line and column. */
  g_assert_null (candor_template_new_from_data ("{\n  \"id\": \"x\",\n  \"name\" \"y\"\n}", -1,
                                                "broken.json", &error));
  g_assert_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_SYNTAX);
  g_assert_cmpstr (error->message, ==,
                   "broken.json: line 3, column 8: a colon is missing after the key");
}

static void
test_templates_render_and_apply (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorTemplate) template =
    candor_template_new_from_data (base_template, -1, NULL, &error);
  g_autoptr (CandorUpdate) update = candor_update_new (CANDOR_UPDATE_KIND_RESOLUTION);
  g_autoptr (JsonNode) values = parse_json ("{\"service\": \"Mail & Chat <EU>\"}");
  g_autoptr (JsonNode) with_list =
    parse_json ("{\"service\": \"Mail\", \"affected\": [\"Sending\"], "
                "\"contact_name\": \"Dana\", \"contact_reach\": \"dana@example.com\"}");
  g_autoptr (JsonNode) examples = NULL;
  g_autofree char *text = NULL;
  g_autofree char *examples_text = NULL;

  g_assert_no_error (error);

  /* NULL renders the examples; sections iterate lists and item keys. */
  text = candor_template_render_field (template, CANDOR_FIELD_IMPACT_NOW, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "Acme is down for:\n\n- Sign-in\n- Upload");
  g_clear_pointer (&text, g_free);
  text = candor_template_render_field (template, CANDOR_FIELD_TECHNICAL_DETAILS, NULL, &error);
  g_assert_cmpstr (text, ==, "- 09:40: errors begin");
  g_clear_pointer (&text, g_free);

  /* Fields are Markdown-lite: values go in as written, unescaped. A text
   * variable not given stays a visible placeholder, a missing list one
   * placeholder item: never the example. */
  text = candor_template_render_field (template, CANDOR_FIELD_IMPACT_NOW, values, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "Mail & Chat <EU> is down for:\n\n- [affected]");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&values, json_node_unref);
  values = parse_json ("{}");
  text = candor_template_render_field (template, CANDOR_FIELD_EXECUTIVE_SUMMARY, values, &error);
  g_assert_cmpstr (text, ==, "[service] is down.");
  g_clear_pointer (&text, g_free);
  text = candor_template_render_field (template, CANDOR_FIELD_TECHNICAL_DETAILS, values, &error);
  g_assert_cmpstr (text, ==, "- [time]: [event]");

  g_assert_true (candor_template_apply (template, update, with_list, &error));
  g_assert_no_error (error);
  g_assert_cmpint (candor_update_get_kind (update), ==, CANDOR_UPDATE_KIND_INITIAL);
  g_assert_cmpstr (candor_update_get_field (update, CANDOR_FIELD_IMPACT_NOW), ==,
                   "Mail is down for:\n\n- Sending");
  g_assert_cmpstr (candor_update_get_field (update, CANDOR_FIELD_IMPACT_FUTURE), ==, "");
  g_assert_cmpstr (candor_update_get_field (update, CANDOR_FIELD_NEXT_UPDATE), ==, "Soon.");
  g_assert_cmpstr (candor_update_get_contact_name (update), ==, "Dana");
  g_assert_cmpstr (candor_update_get_contact_reach (update), ==, "dana@example.com");

  examples = candor_template_dup_example_values (template);
  examples_text = json_to_string (examples, FALSE);
  g_assert_cmpstr (examples_text, ==,
                   "{\"service\":\"Acme\",\"affected\":[\"Sign-in\",\"Upload\"],"
                   "\"timeline\":[{\"time\":\"09:40\",\"event\":\"errors begin\"}]}");
}

/* A template fills what is empty, names what it would replace, and takes
 * its values from what the draft knows; the rest stays placeholders. */
static void
test_templates_fill (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorTemplate) template =
    candor_template_new_from_data (base_template, -1, NULL, &error);
  g_autoptr (CandorIncident) incident = candor_incident_new ("Mail is down");
  g_autoptr (CandorUpdate) update = candor_update_new (CANDOR_UPDATE_KIND_INITIAL);
  g_autoptr (JsonNode) values = NULL;
  g_autoptr (GDateTime) started = g_date_time_new_utc (2026, 12, 1, 9, 40, 0);
  const char *const services[] = { "Mail", "Chat", NULL };
  const char *const zones[] = { "UTC", "Europe/Berlin", NULL };
  g_autofree char  *values_text = NULL;
  guint             conflicts;

  g_assert_no_error (error);

  candor_incident_set_services (incident, services);
  candor_incident_set_started_at (incident, started);
  candor_update_set_contact_name (update, "Dana");
  candor_update_set_field (update, CANDOR_FIELD_EXECUTIVE_SUMMARY, "Written by hand.");
  candor_update_set_field (update, CANDOR_FIELD_NEXT_UPDATE, "Soon.");

  /* Only what the draft knows; lists and unknown text are left out. */
  values = candor_template_dup_draft_values (template, incident, update, zones);
  values_text = json_to_string (values, FALSE);
  g_assert_cmpstr (values_text, ==, "{\"service\":\"Mail, Chat\"}");

  /* The summary has text of its own that would change; the next update's
   * text is what the template writes anyway. */
  conflicts = candor_template_get_conflicts (template, update, values, &error);
  g_assert_no_error (error);
  g_assert_cmphex (conflicts, ==, 1u << CANDOR_FIELD_EXECUTIVE_SUMMARY);

  /* Fill empty only: the author's text stays. */
  g_assert_cmphex (candor_template_fill (template, update, values, 0, &error), !=, 0);
  g_assert_no_error (error);
  g_assert_cmpstr (candor_update_get_field (update, CANDOR_FIELD_EXECUTIVE_SUMMARY), ==,
                   "Written by hand.");
  g_assert_cmpstr (candor_update_get_field (update, CANDOR_FIELD_IMPACT_NOW), ==,
                   "Mail, Chat is down for:\n\n- [affected]");
  g_assert_cmpstr (candor_update_get_contact_name (update), ==, "Dana");

  /* Replace, field by field. */
  g_assert_cmphex (
    candor_template_fill (template, update, values, 1u << CANDOR_FIELD_EXECUTIVE_SUMMARY, &error),
    ==, 1u << CANDOR_FIELD_EXECUTIVE_SUMMARY);
  g_assert_cmpstr (candor_update_get_field (update, CANDOR_FIELD_EXECUTIVE_SUMMARY), ==,
                   "Mail, Chat is down.");
}

/* The fast first notices need nothing the draft does not know. */
static void
test_templates_first_notice_from_draft (void)
{
  g_autoptr (CandorTemplateLibrary) library = new_isolated_library ();
  const char *const ids[] = { "en-minor-first-notice",    "en-major-first-notice",
                              "en-critical-first-notice", "ru-minor-first-notice",
                              "ru-major-first-notice",    "ru-critical-first-notice" };
  const char *const services[] = { "Checkout", NULL };
  const char *const zones[] = { "Europe/Moscow", "UTC", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      CandorTemplate *template = candor_template_library_lookup (library, ids[i]);
      g_autoptr (CandorIncident) incident = candor_incident_new ("Card payments fail");
      g_autoptr (CandorUpdate) update = candor_update_new (CANDOR_UPDATE_KIND_INITIAL);
      g_autoptr (GDateTime) started = g_date_time_new_utc (2026, 12, 1, 9, 40, 0);
      g_autoptr (GDateTime) next = g_date_time_new_utc (2026, 12, 1, 11, 0, 0);
      g_autoptr (JsonNode) values = NULL;
      g_autoptr (GError) error = NULL;

      g_assert_nonnull (template);
      candor_incident_set_services (incident, services);
      candor_incident_set_started_at (incident, started);
      candor_update_set_contact_name (update, "Dana Ortiz");
      candor_update_set_contact_reach (update, "support@example.com");
      candor_update_set_next_update_at (update, next);

      values = candor_template_dup_draft_values (template, incident, update, zones);
      g_assert_cmpuint (candor_template_fill (template, update, values, 0, &error), !=, 0);
      g_assert_no_error (error);
      for (guint f = 0; f < CANDOR_N_FIELDS; f++)
        if (candor_placeholder_in_text (candor_update_get_field (update, f)))
          g_error ("%s leaves a placeholder: %s", ids[i], candor_update_get_field (update, f));
      g_assert_nonnull (strstr (candor_update_get_field (update, CANDOR_FIELD_NEXT_UPDATE),
                                "14:00 MSK (11:00 UTC)"));
    }
}

/* Placeholders are found as the editor and the checker need them, and a
 * link or a footnote is not one. */
static void
test_templates_placeholders (void)
{
  g_autofree char *name = candor_placeholder_for_variable ("company_name");
  gsize            start = 0, end = 0;

  g_assert_cmpstr (name, ==, "[company name]");
  g_assert_true (candor_placeholder_find ("Hi [company name]!", 0, &start, &end));
  g_assert_cmpuint (start, ==, 3);
  g_assert_cmpuint (end, ==, 17);
  g_assert_true (candor_placeholder_find ("Call {{contact_name}} now", 0, &start, &end));
  g_assert_cmpuint (start, ==, 5);
  g_assert_cmpuint (end, ==, 21);
  g_assert_true (candor_placeholder_in_text ("[имя контакта] ответит"));
  g_assert_false (candor_placeholder_in_text ("See [the status page](https://example.com)."));
  g_assert_false (candor_placeholder_in_text ("Footnote [1] and a box [ ] and {{ }}"));
  g_assert_false (candor_placeholder_in_text ("No brackets at all."));
}

static void
test_templates_filter (void)
{
  g_autoptr (CandorTemplateLibrary) library = new_isolated_library ();
  CandorTemplateFilter filter = CANDOR_TEMPLATE_FILTER_INIT;
  g_autoptr (GPtrArray) all = candor_template_library_filter (library, NULL);
  g_autoptr (GPtrArray) matches = NULL;

  g_assert_cmpuint (all->len, ==, 2 * N_BUILT_IN_PER_LANGUAGE);

  filter.kind = CANDOR_UPDATE_KIND_RESOLUTION;
  filter.severity = CANDOR_SEVERITY_CRITICAL;
  matches = candor_template_library_filter (library, &filter);
  g_assert_cmpuint (matches->len, ==, 2);
  g_assert_cmpstr (candor_template_get_id (g_ptr_array_index (matches, 0)), ==,
                   "en-critical-resolved");
  g_assert_cmpstr (candor_template_get_id (g_ptr_array_index (matches, 1)), ==,
                   "ru-critical-resolved");
  g_clear_pointer (&matches, g_ptr_array_unref);

  /* Every word, any case, in name or description; Cyrillic folds too. */
  filter = (CandorTemplateFilter)CANDOR_TEMPLATE_FILTER_INIT;
  filter.search = "MAINTENANCE  downtime";
  matches = candor_template_library_filter (library, &filter);
  g_assert_cmpuint (matches->len, ==, 1);
  g_assert_cmpstr (candor_template_get_id (g_ptr_array_index (matches, 0)), ==,
                   "en-critical-maintenance");
  g_clear_pointer (&matches, g_ptr_array_unref);

  filter.search = "ПЛАНОВЫЕ РАБОТЫ";
  filter.language = "ru";
  matches = candor_template_library_filter (library, &filter);
  g_assert_cmpuint (matches->len, ==, 3);
  g_clear_pointer (&matches, g_ptr_array_unref);

  filter.language = "de";
  filter.search = NULL;
  matches = candor_template_library_filter (library, &filter);
  g_assert_cmpuint (matches->len, ==, 0);
}

static void
write_file (GFile *file, const char *contents)
{
  g_autoptr (GError) error = NULL;

  g_file_replace_contents (file, contents, strlen (contents), NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                           NULL, &error);
  g_assert_no_error (error);
}

static void
count_items_changed_cb (GListModel *model, guint position, guint removed, guint added, guint *count)
{
  (*count)++;
}

static void
test_templates_import_export (void)
{
  g_autoptr (CandorTemplateLibrary) library = new_isolated_library ();
  g_autoptr (CandorTemplateLibrary) reloaded = NULL;
  g_autoptr (CandorTemplate) imported = NULL;
  g_autoptr (CandorTemplate) exported = NULL;
  g_autoptr (GFile) work =
    g_file_new_build_filename (g_get_user_cache_dir (), "import-export", NULL);
  g_autoptr (GFile) export_file = g_file_get_child (work, "major.json");
  g_autoptr (GFile) own_file = g_file_get_child (work, "own.json");
  g_autoptr (GFile) copied = NULL;
  g_autoptr (GFile) reexport_file = g_file_get_child (work, "own-again.json");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *own = NULL;
  g_autofree char *export_text = NULL;
  g_autofree char *reexport_text = NULL;
  g_autofree char *expected_message = NULL;
  g_autofree char *export_path = NULL;
  guint            changes = 0;

  g_assert_true (g_file_make_directory_with_parents (work, NULL, &error));
  g_assert_no_error (error);

  /* Export writes what loads back as the same template. */
  g_assert_true (
    candor_template_library_export (library, "en-major-identified", export_file, NULL, &error));
  g_assert_no_error (error);
  exported = candor_template_new_from_file (export_file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_load_contents (export_file, NULL, &export_text, NULL, NULL, NULL));
  {
    g_autofree char *again = candor_template_to_data (exported, NULL);
    g_autofree char *original = candor_template_to_data (
      candor_template_library_lookup (library, "en-major-identified"), NULL);

    g_assert_cmpstr (export_text, ==, original);
    g_assert_cmpstr (again, ==, original);
  }

  /* A built-in id cannot be imported over, and nothing is written. */
  g_assert_null (candor_template_library_import (library, export_file, NULL, &error));
  g_assert_error (error, CANDOR_TEMPLATE_ERROR, CANDOR_TEMPLATE_ERROR_BUILT_IN);
  export_path = g_file_get_parse_name (export_file);
  expected_message = g_strdup_printf ("%s: the id “en-major-identified” belongs to a built-in "
                                      "template, which cannot be replaced; give the template an "
                                      "id of its own",
                                      export_path);
  g_assert_cmpstr (error->message, ==, expected_message);
  g_clear_error (&error);
  g_assert_false (g_file_query_exists (candor_template_library_get_user_dir (library), NULL));

  /* With an id of its own it is copied into the user directory and listed. */
  root = parse_json (export_text);
  json_object_set_string_member (json_node_get_object (root), "id", "acme-identified");
  json_object_set_string_member (json_node_get_object (root), "name", "Acme: cause found");
  own = node_to_string (root);
  write_file (own_file, own);

  g_signal_connect (library, "items-changed", G_CALLBACK (count_items_changed_cb), &changes);

  imported = candor_template_library_import (library, own_file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (candor_template_get_id (imported), ==, "acme-identified");
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==,
                    2 * N_BUILT_IN_PER_LANGUAGE + 1);
  g_assert_false (candor_template_library_is_built_in (library, "acme-identified"));
  copied =
    g_file_get_child (candor_template_library_get_user_dir (library), "acme-identified.json");
  g_assert_true (g_file_query_exists (copied, NULL));
  g_assert_true (g_str_has_prefix (g_file_peek_path (copied), g_get_user_data_dir ()));

  /* A new library (another process) sees it too, and exports it unchanged. */
  reloaded = candor_template_library_new ();
  g_assert_cmpuint (candor_template_library_get_problems (reloaded)->len, ==, 0);
  g_assert_nonnull (candor_template_library_lookup (reloaded, "acme-identified"));
  g_assert_true (
    candor_template_library_export (reloaded, "acme-identified", reexport_file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_load_contents (reexport_file, NULL, &reexport_text, NULL, NULL, NULL));
  {
    g_autofree char *imported_text = candor_template_to_data (imported, NULL);

    g_assert_cmpstr (reexport_text, ==, imported_text);
  }

  /* Exporting an unknown id is an error for a person. */
  g_assert_false (candor_template_library_export (library, "nope", reexport_file, NULL, &error));
  g_assert_error (error, CANDOR_TEMPLATE_ERROR, CANDOR_TEMPLATE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "there is no template with the id “nope”");
}

/* One broken user template never takes the library down: it is skipped and
 * reported, and everything else loads. */
static void
test_templates_broken_user_templates (void)
{
  g_autoptr (CandorTemplateLibrary) library = NULL;
  g_autoptr (GFile) user_dir =
    g_file_new_build_filename (g_get_user_data_dir (), "candor", "templates", NULL);
  g_autoptr (GFile) broken = g_file_get_child (user_dir, "a-broken.json");
  g_autoptr (GFile) good = g_file_get_child (user_dir, "b-good.json");
  g_autoptr (GFile) twin = g_file_get_child (user_dir, "c-twin.json");
  g_autoptr (GFile) shadow = g_file_get_child (user_dir, "d-shadow.json");
  g_autoptr (GFile) ignored = g_file_get_child (user_dir, "notes.txt");
  g_autoptr (JsonNode) root = parse_json (base_template);
  g_autoptr (GError) error = NULL;
  g_autofree char *shadow_text = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *broken_path = g_file_get_parse_name (broken);
  g_autofree char *good_path = g_file_get_parse_name (good);
  g_autofree char *twin_path = g_file_get_parse_name (twin);
  g_autofree char *shadow_path = g_file_get_parse_name (shadow);
  GPtrArray       *problems;

  g_assert_true (g_file_make_directory_with_parents (user_dir, NULL, &error));
  write_file (broken, "{ \"id\": ");
  write_file (good, base_template);
  write_file (twin, base_template);
  json_object_set_string_member (json_node_get_object (root), "id", "en-minor-resolved");
  shadow_text = node_to_string (root);
  write_file (shadow, shadow_text);
  write_file (ignored, "not a template");

  library = candor_template_library_new ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==,
                    2 * N_BUILT_IN_PER_LANGUAGE + 1);
  g_assert_nonnull (candor_template_library_lookup (library, "test-basic"));

  problems = candor_template_library_get_problems (library);
  g_assert_cmpuint (problems->len, ==, 3);

  g_assert_error ((GError *)g_ptr_array_index (problems, 0), CANDOR_JSON_ERROR,
                  CANDOR_JSON_ERROR_SYNTAX);
  expected = g_strdup_printf ("%s: line 1, column 8: the file ends in the middle of the "
                              "document; is its end missing?",
                              broken_path);
  g_assert_cmpstr (((GError *)g_ptr_array_index (problems, 0))->message, ==, expected);
  g_clear_pointer (&expected, g_free);

  g_assert_error ((GError *)g_ptr_array_index (problems, 1), CANDOR_TEMPLATE_ERROR,
                  CANDOR_TEMPLATE_ERROR_DUPLICATE);
  expected = g_strdup_printf ("%s: the id “test-basic” is already used by %s; give one of them "
                              "another id",
                              twin_path, good_path);
  g_assert_cmpstr (((GError *)g_ptr_array_index (problems, 1))->message, ==, expected);
  g_clear_pointer (&expected, g_free);

  g_assert_error ((GError *)g_ptr_array_index (problems, 2), CANDOR_TEMPLATE_ERROR,
                  CANDOR_TEMPLATE_ERROR_BUILT_IN);
  expected = g_strdup_printf ("%s: the id “en-minor-resolved” belongs to a built-in template; "
                              "give this template an id of its own",
                              shadow_path);
  g_assert_cmpstr (((GError *)g_ptr_array_index (problems, 2))->message, ==, expected);

  /* Fixing the files and reloading clears the problems. */
  g_assert_true (g_file_delete (broken, NULL, NULL));
  g_assert_true (g_file_delete (twin, NULL, NULL));
  g_assert_true (g_file_delete (shadow, NULL, NULL));
  candor_template_library_reload (library);
  g_assert_cmpuint (candor_template_library_get_problems (library)->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==,
                    2 * N_BUILT_IN_PER_LANGUAGE + 1);
}

/* The library is built when the wizard opens; rendering runs per keystroke. */
/* A template whose fields nest sections @depth deep, each declared in the examples,
 * with a variable at every level. */
static char *
deep_template (guint depth)
{
  GString *text = g_string_new ("{\"id\": \"deep\", \"name\": \"Deep\", \"description\": \"\", "
                                "\"language\": \"en\", \"kind\": \"initial\", \"stage\": "
                                "\"investigating\", \"severity\": \"minor\", \"variables\": [");

  g_string_append (text, "{\"name\": \"s\", \"description\": \"\", \"example\": {\"s\": {}}},");
  g_string_append (text, "{\"name\": \"x\", \"description\": \"\", \"example\": \"x\"}], ");
  g_string_append (text, "\"fields\": {");
  for (CandorField field = 0; field < CANDOR_N_FIELDS; field++)
    {
      g_string_append_printf (text, "%s\"%s\": \"", field > 0 ? ", " : "",
                              candor_enum_to_nick (CANDOR_TYPE_FIELD, field));
      if (field == CANDOR_FIELD_TECHNICAL_DETAILS)
        {
          for (guint i = 0; i < depth; i++)
            g_string_append (text, "{{#s}}{{x}}");
          for (guint i = 0; i < depth; i++)
            g_string_append (text, "{{/s}}");
        }
      g_string_append_c (text, '"');
    }
  g_string_append (text, "}}");

  return g_string_free (text, FALSE);
}

/* Checking the variables took time cubic in the depth of the sections (4,000 deep:
 * 23 s; 10,000: 299 s). Now the depth is bounded where the template is parsed and
 * the check walks each scope once. */
static void
test_templates_deep_sections (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorTemplate) deepest = NULL;
  g_autoptr (CandorTemplate) refused = NULL;
  g_autofree char *at_limit = deep_template (100);
  g_autofree char *hostile = deep_template (10000);
  gint64           start;
  gint64           accept_time;
  gint64           refuse_time;

  start = g_get_monotonic_time ();
  deepest = candor_template_new_from_data (at_limit, -1, "deep.json", &error);
  accept_time = g_get_monotonic_time () - start;
  g_assert_no_error (error);
  g_assert_nonnull (deepest);

  start = g_get_monotonic_time ();
  refused = candor_template_new_from_data (hostile, -1, "deep.json", &error);
  refuse_time = g_get_monotonic_time () - start;
  g_assert_null (refused);
  g_assert_error (error, CANDOR_MUSTACHE_ERROR, CANDOR_MUSTACHE_ERROR_TOO_DEEP);
  g_assert_cmpstr (error->message, ==,
                   "deep.json: fields.technical-details: line 1, column 1101: sections are nested "
                   "more than 100 deep here; a template may nest at most 100");

  g_test_message ("100 deep accepted in %" G_GINT64_FORMAT
                  " µs, 10,000 deep refused in %" G_GINT64_FORMAT " µs",
                  accept_time, refuse_time);
#ifndef __SANITIZE_ADDRESS__
  /* Far above what it takes; sanitizer builds are too slow to judge. */
  g_assert_cmpint (accept_time, <, G_USEC_PER_SEC);
  g_assert_cmpint (refuse_time, <, G_USEC_PER_SEC);
#endif
}

/* Many items in an example and many tags in their section: each tag looked the name
 * up in every item (60,000 items and 40,000 tags did not finish in 100 s). */
static void
test_templates_wide_sections (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorTemplate) template = NULL;
  GString *text = g_string_new (base_template);
  GString *items = g_string_new ("{\"name\": \"items\", \"description\": \"\", \"example\": [");
  GString *tags = g_string_new ("{{#items}}");
  char    *field = strstr (text->str, "\"impact-future\": \"\"");
  gsize    at;
  gint64   start;
  gint64   elapsed;

  for (guint i = 0; i < 30000; i++)
    g_string_append (items, "{}, ");
  g_string_append (items, "{\"x\": 1}]},\n");
  for (guint i = 0; i < 30000; i++)
    g_string_append (tags, "{{x}}");
  g_string_append (tags, "{{/items}}");

  at = field - text->str + strlen ("\"impact-future\": \"");
  g_string_insert (text, at, tags->str);
  g_string_insert (
    text, strstr (text->str, "\"variables\": [\n") - text->str + strlen ("\"variables\": [\n"),
    items->str);

  start = g_get_monotonic_time ();
  template = candor_template_new_from_data (text->str, text->len, "wide.json", &error);
  elapsed = g_get_monotonic_time () - start;
  g_assert_no_error (error);
  g_assert_nonnull (template);
  g_test_message ("30,000 items and 30,000 tags checked in %" G_GINT64_FORMAT " µs", elapsed);
#ifndef __SANITIZE_ADDRESS__
  /* Far above what it takes; sanitizer builds are too slow to judge. */
  g_assert_cmpint (elapsed, <, 5 * G_USEC_PER_SEC);
#endif

  g_string_free (text, TRUE);
  g_string_free (items, TRUE);
  g_string_free (tags, TRUE);
}

/* An example nested as deep as a file may be writes out, and reads back, at a size
 * bounded by the file's (it was nested 50,000 deep and wrote 5 GB). */
static void
test_templates_deep_example_export (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorTemplate) template = NULL;
  g_autoptr (CandorTemplate) reloaded = NULL;
  g_autofree char *data = NULL;
  GString         *text = g_string_new (base_template);
  gsize            length = 0;
  char            *example = strstr (text->str, "\"example\": \"Acme\"");
  gsize            at = example - text->str + strlen ("\"example\": ");

  /* Inside the root object, "variables" and its first element (three levels), 97
   * lists around the value make the most a file may have. */
  g_string_erase (text, at, strlen ("\"Acme\""));
  for (guint i = 0; i < 97; i++)
    g_string_insert (text, at, "[");
  g_string_insert (text, at + 97, "\"Acme\"");
  for (guint i = 0; i < 97; i++)
    g_string_insert (text, at + 97 + 6, "]");

  template = candor_template_new_from_data (text->str, text->len, "deep.json", &error);
  g_assert_no_error (error);
  data = candor_template_to_data (template, &length);
  g_assert_nonnull (data);
  g_test_message ("%" G_GSIZE_FORMAT " bytes in, %" G_GSIZE_FORMAT " bytes out", text->len, length);
  g_assert_cmpuint (length, <, 100 * text->len);
  reloaded = candor_template_new_from_data (data, length, NULL, &error);
  g_assert_no_error (error);

  /* One more level is refused on import. */
  g_string_insert (text, at, "[");
  g_string_insert (text, at + 1 + 97 + 6, "]");
  g_clear_object (&template);
  template = candor_template_new_from_data (text->str, text->len, "deep.json", &error);
  g_assert_null (template);
  g_assert_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_LIMIT);
  g_string_free (text, TRUE);
}

static void
test_templates_speed (void)
{
  g_autoptr (CandorTemplateLibrary) library = NULL;
  g_autoptr (CandorUpdate) update = candor_update_new (CANDOR_UPDATE_KIND_INITIAL);
  gint64 start;
  gint64 load_time;
  gint64 apply_time;
  guint  n_items;

  start = g_get_monotonic_time ();
  library = candor_template_library_new ();
  load_time = g_get_monotonic_time () - start;
  n_items = g_list_model_get_n_items (G_LIST_MODEL (library));

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr (CandorTemplate) template = g_list_model_get_item (G_LIST_MODEL (library), i);

      g_assert_true (candor_template_apply (template, update, NULL, NULL));
    }
  apply_time = (g_get_monotonic_time () - start) / n_items;

  g_test_message ("load %" G_GINT64_FORMAT " µs, apply %" G_GINT64_FORMAT " µs per template",
                  load_time, apply_time);
#ifndef __SANITIZE_ADDRESS__
  /* Bounds far above what it takes (about 3 ms and 10 µs), so that only a
   * real regression fails here; sanitizer builds are too slow to judge. */
  g_assert_cmpint (load_time, <, 100 * 1000);
  g_assert_cmpint (apply_time, <, 1000);
#endif
}

/* Each language of an incident is filled from the template of that
 * language, into its translations, leaving the primary text alone. */
static void
test_templates_fill_translation (void)
{
  g_autoptr (CandorTemplateLibrary) library = candor_template_library_new ();
  g_autoptr (CandorUpdate) update = candor_update_new (CANDOR_UPDATE_KIND_INITIAL);
  g_autoptr (GError) error = NULL;
  CandorTemplate *english = candor_template_library_lookup (library, "en-major-first-notice");
  CandorTemplate *russian;
  guint           written;

  g_assert_nonnull (english);
  russian = candor_template_library_find_in_language (library, english, "ru");
  g_assert_nonnull (russian);
  g_assert_cmpstr (candor_template_get_language (russian), ==, "ru");
  g_assert_cmpint (candor_template_get_stage (russian), ==, candor_template_get_stage (english));
  g_assert_cmpint (candor_template_get_severity (russian), ==,
                   candor_template_get_severity (english));
  g_assert_true (candor_template_library_find_in_language (library, english, "en") == english);
  g_assert_null (candor_template_library_find_in_language (library, english, "de"));

  g_assert_cmphex (candor_template_fill (english, update, NULL, 0, &error), !=, 0);
  g_assert_no_error (error);
  candor_update_set_translation (update, "ru", CANDOR_FIELD_EXECUTIVE_SUMMARY, "Своими словами.");
  g_assert_cmphex (candor_template_get_translation_conflicts (russian, update, "ru", NULL, &error),
                   ==, 1u << CANDOR_FIELD_EXECUTIVE_SUMMARY);

  written = candor_template_fill_translation (russian, update, "ru", NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmphex (written & (1u << CANDOR_FIELD_IMPACT_NOW), !=, 0);
  g_assert_cmphex (written & (1u << CANDOR_FIELD_EXECUTIVE_SUMMARY), ==, 0);
  /* The Russian text is the Russian template's, the English one untouched. */
  g_assert_cmpstr (candor_update_get_translation (update, "ru", CANDOR_FIELD_IMPACT_NOW), !=,
                   candor_update_get_field (update, CANDOR_FIELD_IMPACT_NOW));
  g_assert_nonnull (
    g_utf8_strchr (candor_update_get_translation (update, "ru", CANDOR_FIELD_IMPACT_NOW), -1,
                   g_utf8_get_char ("а")));
  g_assert_cmpstr (candor_update_get_translation (update, "ru", CANDOR_FIELD_EXECUTIVE_SUMMARY), ==,
                   "Своими словами.");
  g_assert_false (candor_update_get_translation_outdated (update, "ru", CANDOR_FIELD_IMPACT_NOW));

  /* Replacing on request. */
  written = candor_template_fill_translation (russian, update, "ru", NULL,
                                              1u << CANDOR_FIELD_EXECUTIVE_SUMMARY, &error);
  g_assert_no_error (error);
  g_assert_cmphex (written, ==, 1u << CANDOR_FIELD_EXECUTIVE_SUMMARY);
  g_assert_cmpstr (candor_update_get_translation (update, "ru", CANDOR_FIELD_EXECUTIVE_SUMMARY), !=,
                   "Своими словами.");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/templates/built-in/render", test_templates_built_in_render);
  g_test_add_func ("/core/templates/built-in/coverage", test_templates_built_in_coverage);
  g_test_add_func ("/core/templates/built-in/checker", test_templates_built_in_pass_checker);
  g_test_add_func ("/core/templates/errors", test_templates_errors);
  g_test_add_func ("/core/templates/render-and-apply", test_templates_render_and_apply);
  g_test_add_func ("/core/templates/fill", test_templates_fill);
  g_test_add_func ("/core/templates/fill-translation", test_templates_fill_translation);
  g_test_add_func ("/core/templates/placeholders", test_templates_placeholders);
  g_test_add_func ("/core/templates/first-notice-from-draft",
                   test_templates_first_notice_from_draft);
  g_test_add_func ("/core/templates/filter", test_templates_filter);
  g_test_add_func ("/core/templates/import-export", test_templates_import_export);
  g_test_add_func ("/core/templates/broken-user-templates", test_templates_broken_user_templates);
  g_test_add_func ("/core/templates/speed", test_templates_speed);
  g_test_add_func ("/core/templates/deep-sections", test_templates_deep_sections);
  g_test_add_func ("/core/templates/wide-sections", test_templates_wide_sections);
  g_test_add_func ("/core/templates/deep-example-export", test_templates_deep_example_export);

  return g_test_run ();
}
