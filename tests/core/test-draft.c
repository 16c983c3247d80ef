/* test-draft.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "candor-draft.h"

static const char *const fixtures[] = {
  "full-major-en.json",
  "full-critical-ru.json",
  "minimal-initial-en.json",
  "resolution-en.json",
};

static GDateTime *
iso (const char *text)
{
  GDateTime *date_time = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (date_time);
  return date_time;
}

/* Equal instants are not enough: a round trip must keep the offset too. */
static void
assert_same_time (GDateTime *a, GDateTime *b)
{
  if (a == NULL || b == NULL)
    {
      g_assert_true (a == b);
      return;
    }

  g_assert_true (g_date_time_equal (a, b));
  g_assert_cmpint (g_date_time_get_utc_offset (a), ==, g_date_time_get_utc_offset (b));
  g_assert_cmpint (g_date_time_get_microsecond (a), ==, g_date_time_get_microsecond (b));
}

static void
assert_drafts_equal (CandorDraft *a, CandorDraft *b)
{
  CandorIncident *ia = candor_draft_get_incident (a);
  CandorIncident *ib = candor_draft_get_incident (b);
  CandorUpdate   *ua = candor_draft_get_update (a);
  CandorUpdate   *ub = candor_draft_get_update (b);
  GPtrArray      *aa, *ab;

  g_assert_cmpstr (candor_incident_get_id (ia), ==, candor_incident_get_id (ib));
  g_assert_cmpstr (candor_incident_get_title (ia), ==, candor_incident_get_title (ib));
  if (candor_incident_get_services (ia) == NULL || candor_incident_get_services (ib) == NULL)
    {
      /* No list and an empty list mean the same: nothing named yet. */
      const char *const *some = candor_incident_get_services (ia) != NULL
                                  ? candor_incident_get_services (ia)
                                  : candor_incident_get_services (ib);

      g_assert_true (some == NULL || some[0] == NULL);
    }
  else
    g_assert_true (
      g_strv_equal (candor_incident_get_services (ia), candor_incident_get_services (ib)));
  g_assert_cmpint (candor_incident_get_severity (ia), ==, candor_incident_get_severity (ib));
  g_assert_cmpint (candor_incident_get_state (ia), ==, candor_incident_get_state (ib));
  assert_same_time (candor_incident_get_started_at (ia), candor_incident_get_started_at (ib));
  assert_same_time (candor_incident_get_detected_at (ia), candor_incident_get_detected_at (ib));
  assert_same_time (candor_incident_get_resolved_at (ia), candor_incident_get_resolved_at (ib));
  g_assert_cmpstr (candor_incident_get_language (ia), ==, candor_incident_get_language (ib));
  g_assert_cmpint (candor_incident_get_sla_relevant (ia), ==,
                   candor_incident_get_sla_relevant (ib));

  g_assert_cmpstr (candor_update_get_id (ua), ==, candor_update_get_id (ub));
  g_assert_cmpint (candor_update_get_kind (ua), ==, candor_update_get_kind (ub));
  assert_same_time (candor_update_get_created_at (ua), candor_update_get_created_at (ub));
  for (CandorField field = 0; field < CANDOR_N_FIELDS; field++)
    g_assert_cmpstr (candor_update_get_field (ua, field), ==, candor_update_get_field (ub, field));
  g_assert_cmpint (candor_update_get_no_lasting_consequences (ua), ==,
                   candor_update_get_no_lasting_consequences (ub));
  g_assert_cmpstr (candor_update_get_contact_name (ua), ==, candor_update_get_contact_name (ub));
  g_assert_cmpstr (candor_update_get_contact_reach (ua), ==, candor_update_get_contact_reach (ub));
  assert_same_time (candor_update_get_next_update_at (ua), candor_update_get_next_update_at (ub));
  g_assert_cmpint (candor_update_get_next_update_when_changed (ua), ==,
                   candor_update_get_next_update_when_changed (ub));

  g_assert_cmpint (candor_draft_has_own_audiences (a), ==, candor_draft_has_own_audiences (b));
  aa = candor_draft_get_audiences (a);
  ab = candor_draft_get_audiences (b);
  g_assert_cmpuint (aa->len, ==, ab->len);
  for (guint i = 0; i < aa->len; i++)
    {
      g_autoptr (JsonNode) na = candor_audience_to_json (g_ptr_array_index (aa, i));
      g_autoptr (JsonNode) nb = candor_audience_to_json (g_ptr_array_index (ab, i));

      g_assert_true (json_node_equal (na, nb));
    }
}

static CandorDraft *
reload (CandorDraft *draft)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *data_again = NULL;
  gsize            length;
  CandorDraft     *copy;

  data = candor_draft_to_data (draft, &length);
  g_assert_cmpuint (strlen (data), ==, length);
  copy = candor_draft_load_from_data (data, length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);

  /* Writing the copy gives the same bytes: nothing drifts on every autosave. */
  data_again = candor_draft_to_data (copy, NULL);
  g_assert_cmpstr (data, ==, data_again);

  return copy;
}

static void
test_draft_round_trip_every_field (void)
{
  g_autoptr (CandorIncident) incident = candor_incident_new ("Сбой входа: «Личный кабинет»");
  g_autoptr (CandorUpdate) update = NULL;
  g_autoptr (CandorDraft) draft = NULL;
  g_autoptr (CandorDraft) copy = NULL;
  g_autoptr (GDateTime) started = iso ("2026-11-30T10:05:00+03:00");
  g_autoptr (GDateTime) detected = iso ("2026-11-30T12:37:30.250000+05:30");
  g_autoptr (GDateTime) resolved = iso ("2026-11-30T08:01:00Z");
  g_autoptr (GDateTime) created = iso ("2026-11-29T23:59:59-08:00");
  g_autoptr (GDateTime) next = iso ("2026-12-01T09:00:00+14:00");
  g_autoptr (GPtrArray) audiences = candor_audience_new_defaults ();
  g_autoptr (CandorAudience) partners = candor_audience_new ("партнёры", "Партнёры");
  const char       *services[] = { "API", "Личный кабинет", "Mobile \"beta\"", NULL };
  const char *const zones[] = { "Asia/Kolkata", NULL };

  candor_incident_set_services (incident, services);
  candor_incident_set_severity (incident, CANDOR_SEVERITY_CRITICAL);
  candor_incident_set_state (incident, CANDOR_INCIDENT_STATE_MONITORING);
  candor_incident_set_started_at (incident, started);
  candor_incident_set_detected_at (incident, detected);
  candor_incident_set_resolved_at (incident, resolved);
  candor_incident_set_language (incident, "ru");
  candor_incident_set_sla_relevant (incident, TRUE);

  update = g_object_new (CANDOR_TYPE_UPDATE, "id", "update-1", "created-at", created, "kind",
                         CANDOR_UPDATE_KIND_POST_INCIDENT, NULL);
  for (CandorField field = 0; field < CANDOR_N_FIELDS; field++)
    {
      g_autofree char *text = g_strdup_printf (
        "Поле %u: *важно* — [ссылка](https://example.ru/%u)\n\n- пункт «один»\n- \"two\"\t\\ ✓",
        field, field);

      candor_update_set_field (update, field, text);
    }
  candor_update_set_no_lasting_consequences (update, TRUE);
  candor_update_set_contact_name (update, "Анна Смирнова");
  candor_update_set_contact_reach (update, "+7 495 123-45-67, anna@example.ru");
  candor_update_set_next_update_at (update, next);
  candor_update_set_next_update_when_changed (update, TRUE);

  candor_audience_set_time_zones (partners, zones);
  candor_audience_set_office_hours (partners, 10 * 60, 19 * 60 + 30);
  g_ptr_array_add (audiences, g_object_ref (partners));

  draft = candor_draft_new (incident, update);
  g_assert_true (candor_draft_get_incident (draft) == incident);
  g_assert_true (candor_draft_get_update (draft) == update);
  candor_draft_set_audiences (draft, audiences);
  g_assert_true (candor_draft_has_own_audiences (draft));

  copy = reload (draft);
  assert_drafts_equal (draft, copy);
  g_assert_cmpuint (candor_draft_get_audiences (copy)->len, ==, 4);
}

static void
test_draft_new_is_empty_and_uses_default_audiences (void)
{
  g_autoptr (CandorDraft) draft = candor_draft_new (NULL, NULL);
  g_autoptr (CandorDraft) copy = NULL;
  g_autofree char *data = NULL;

  g_assert_nonnull (candor_draft_get_incident (draft));
  g_assert_nonnull (candor_draft_get_update (draft));
  g_assert_false (candor_draft_has_own_audiences (draft));
  g_assert_cmpuint (candor_draft_get_audiences (draft)->len, ==, 3);

  /* Default audiences are not written: the draft keeps following the defaults. */
  data = candor_draft_to_data (draft, NULL);
  g_assert_null (strstr (data, "\"audiences\""));
  g_assert_nonnull (strstr (data, "\"format\" : \"candor-draft\""));

  copy = reload (draft);
  assert_drafts_equal (draft, copy);
  g_assert_false (candor_draft_has_own_audiences (copy));

  candor_draft_set_audiences (draft, NULL);
  g_assert_false (candor_draft_has_own_audiences (draft));
}

static CandorDraft *
load_fixture (const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "drafts", name, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  CandorDraft *draft;

  draft = candor_draft_load_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (draft);
  return draft;
}

static void
test_draft_fixtures_load (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autoptr (CandorDraft) draft = load_fixture (fixtures[i]);
      g_autoptr (CandorDraft) copy = reload (draft);

      g_test_message ("fixture %s", fixtures[i]);
      assert_drafts_equal (draft, copy);
      g_assert_cmpstr (candor_incident_get_title (candor_draft_get_incident (draft)), !=, NULL);
      g_assert_cmpstr (
        candor_update_get_field (candor_draft_get_update (draft), CANDOR_FIELD_IMPACT_NOW), !=, "");
      g_assert_cmpstr (
        candor_update_get_field (candor_draft_get_update (draft), CANDOR_FIELD_CONTACT), !=, "");
    }
}

static void
test_draft_fixture_contents (void)
{
  g_autoptr (CandorDraft) major = load_fixture ("full-major-en.json");
  g_autoptr (CandorDraft) critical = load_fixture ("full-critical-ru.json");
  g_autoptr (CandorDraft) minimal = load_fixture ("minimal-initial-en.json");
  g_autoptr (CandorDraft) resolution = load_fixture ("resolution-en.json");
  CandorIncident *incident;
  CandorUpdate   *update;

  /* The full fixtures fill every field: renderers and checks rely on it. */
  incident = candor_draft_get_incident (major);
  update = candor_draft_get_update (major);
  g_assert_cmpint (candor_incident_get_severity (incident), ==, CANDOR_SEVERITY_MAJOR);
  g_assert_cmpint (g_date_time_get_utc_offset (candor_incident_get_started_at (incident)), ==,
                   G_TIME_SPAN_HOUR);
  for (CandorField field = 0; field < CANDOR_N_FIELDS; field++)
    g_assert_cmpstr (candor_update_get_field (update, field), !=, "");
  g_assert_false (candor_draft_has_own_audiences (major));

  incident = candor_draft_get_incident (critical);
  update = candor_draft_get_update (critical);
  g_assert_cmpint (candor_incident_get_severity (incident), ==, CANDOR_SEVERITY_CRITICAL);
  g_assert_cmpstr (candor_incident_get_language (incident), ==, "ru");
  g_assert_cmpstr (candor_update_get_contact_name (update), ==, "Анна Смирнова");
  for (CandorField field = 0; field < CANDOR_N_FIELDS; field++)
    g_assert_cmpstr (candor_update_get_field (update, field), !=, "");
  g_assert_true (candor_draft_has_own_audiences (critical));
  g_assert_cmpstr (candor_audience_get_time_zones (
                     g_ptr_array_index (candor_draft_get_audiences (critical), 0))[0],
                   ==, "Europe/Moscow");

  /* Minimal: absent keys take their defaults, ids are made up. */
  incident = candor_draft_get_incident (minimal);
  update = candor_draft_get_update (minimal);
  g_assert_true (g_uuid_string_is_valid (candor_incident_get_id (incident)));
  g_assert_cmpint (candor_incident_get_state (incident), ==, CANDOR_INCIDENT_STATE_INVESTIGATING);
  g_assert_cmpstr (candor_incident_get_language (incident), ==, "en");
  g_assert_cmpstr (candor_update_get_field (update, CANDOR_FIELD_TECHNICAL_DETAILS), ==, "");
  g_assert_true (candor_update_get_no_lasting_consequences (update));
  g_assert_true (candor_update_get_next_update_when_changed (update));
  g_assert_null (candor_update_get_next_update_at (update));

  /* The resolution closes the same incident as the major one. */
  incident = candor_draft_get_incident (resolution);
  update = candor_draft_get_update (resolution);
  g_assert_cmpstr (candor_incident_get_id (incident), ==,
                   candor_incident_get_id (candor_draft_get_incident (major)));
  g_assert_cmpint (candor_incident_get_state (incident), ==, CANDOR_INCIDENT_STATE_RESOLVED);
  g_assert_nonnull (candor_incident_get_resolved_at (incident));
  g_assert_cmpint (candor_update_get_kind (update), ==, CANDOR_UPDATE_KIND_RESOLUTION);
  g_assert_cmpstr (candor_update_get_field (update, CANDOR_FIELD_TECHNICAL_DETAILS), !=, "");
  g_assert_cmpstr (candor_update_get_field (update, CANDOR_FIELD_ACTIONS_TAKEN), !=, "");
  g_assert_cmpstr (candor_update_get_field (update, CANDOR_FIELD_ACTIONS_PLANNED), !=, "");
}

#define ENVELOPE "\"format\": \"candor-draft\", \"version\": 1"

typedef struct
{
  const char *json;
  int         code;
  const char *message;
} ErrorCase;

static const ErrorCase error_cases[] = {
  /* Syntax: the line and column where it breaks. */
  { "{\n  " ENVELOPE ",\n  \"incident\": {},\n  \"update\": }\n", CANDOR_JSON_ERROR_SYNTAX,
    "line 4, column 13: unexpected character “}”" },
  { "{\n  " ENVELOPE ",\n  \"incident\": {\"title\": \"x\" \"severity\": \"major\"},\n}",
    CANDOR_JSON_ERROR_SYNTAX,
    "line 3, column 27: a comma or closing bracket is missing after this" },
  { "{" ENVELOPE ", \"incident\": {}, \"update\": {},}", CANDOR_JSON_ERROR_SYNTAX,
    "line 1, column 70: a comma before a closing bracket; remove it" },
  { "{" ENVELOPE ", \"incident\": {\"sla-relevant\": yes}, \"update\": {}}",
    CANDOR_JSON_ERROR_SYNTAX,
    "line 1, column 73: “yes” has no quotes; text needs double quotes, and the only bare words "
    "are true, false and null" },
  { "", CANDOR_JSON_ERROR_SYNTAX, "the file is empty" },
  { "{\"format\": \"candor-draft\xff\"}", CANDOR_JSON_ERROR_SYNTAX,
    "line 1, column 25: the file is not UTF-8 text here; save it as UTF-8" },

  /* The envelope. */
  { "[1, 2]", CANDOR_JSON_ERROR_TYPE,
    "a draft is a JSON object starting with {\"format\": \"candor-draft\", \"version\": 1, ..." },
  { "{\"version\": 1}", CANDOR_JSON_ERROR_MISSING_KEY,
    "format: missing; a draft starts with {\"format\": \"candor-draft\", ..." },
  { "{\"format\": \"candor-template\", \"version\": 1}", CANDOR_JSON_ERROR_VERSION,
    "format: this is not a Candor draft; a draft has \"format\": \"candor-draft\"" },
  { "{\"format\": \"candor-draft\"}", CANDOR_JSON_ERROR_MISSING_KEY,
    "version: missing; this Candor writes \"version\": 2" },
  { "{\"format\": \"candor-draft\", \"version\": \"1\"}", CANDOR_JSON_ERROR_VALUE,
    "version: expected a whole number from 1; this Candor writes 2" },
  { "{\"format\": \"candor-draft\", \"version\": 3, \"future\": {}}", CANDOR_JSON_ERROR_VERSION,
    "version: the draft is version 3, written by a newer Candor; this one reads up to version 2" },
  { "{" ENVELOPE ", \"incident\": {}}", CANDOR_JSON_ERROR_MISSING_KEY,
    "update: missing; a draft has an “incident” and an “update” object, even if empty" },
  { "{" ENVELOPE ", \"incident\": [], \"update\": {}}", CANDOR_JSON_ERROR_TYPE,
    "incident: expected an object, found a list" },

  /* Unknown keys name the key, and a near miss gets a suggestion. */
  { "{" ENVELOPE ", \"incident\": {}, \"update\": {}, \"audience\": []}",
    CANDOR_JSON_ERROR_UNKNOWN_KEY, "audience: unknown key; did you mean “audiences”?" },
  { "{" ENVELOPE ", \"incident\": {}, \"update\": {\"impcat-now\": \"x\"}}",
    CANDOR_JSON_ERROR_UNKNOWN_KEY, "update.impcat-now: unknown key; did you mean “impact-now”?" },
  { "{" ENVELOPE ", \"incident\": {\"colour\": \"red\"}, \"update\": {}}",
    CANDOR_JSON_ERROR_UNKNOWN_KEY,
    "incident.colour: unknown key; the known keys are id, title, services, severity, state, "
    "started-at, detected-at, resolved-at, language, other-languages, sla-relevant, "
    "title-translations" },

  /* Bad values name their path and what would be accepted. */
  { "{" ENVELOPE ", \"incident\": {}, \"update\": {\"kind\": \"soon\"}}", CANDOR_JSON_ERROR_VALUE,
    "update.kind: “soon” is not a message kind; use one of initial, progress, resolution, "
    "post-incident" },
  { "{" ENVELOPE ", \"incident\": {\"severity\": \"high\"}, \"update\": {}}",
    CANDOR_JSON_ERROR_VALUE,
    "incident.severity: “high” is not a severity; use one of minor, major, critical" },
  { "{" ENVELOPE ", \"incident\": {\"state\": \"fixed\"}, \"update\": {}}", CANDOR_JSON_ERROR_VALUE,
    "incident.state: “fixed” is not an incident state; use one of investigating, identified, "
    "monitoring, resolved" },
  { "{" ENVELOPE ", \"incident\": {\"started-at\": \"yesterday\"}, \"update\": {}}",
    CANDOR_JSON_ERROR_VALUE,
    "incident.started-at: “yesterday” is not a time; write it as ISO 8601 with an offset, e.g. "
    "2026-11-30T14:05:00+01:00" },
  { "{" ENVELOPE ", \"incident\": {}, \"update\": {\"next-update-at\": \"2026-11-30T11:00:00\"}}",
    CANDOR_JSON_ERROR_VALUE,
    "update.next-update-at: “2026-11-30T11:00:00” is not a time; write it as ISO 8601 with an "
    "offset, e.g. 2026-11-30T14:05:00+01:00" },
  { "{" ENVELOPE ", \"incident\": {}, \"update\": {\"impact-now\": 42}}", CANDOR_JSON_ERROR_TYPE,
    "update.impact-now: expected text, found a number" },
  { "{" ENVELOPE ", \"incident\": {}, \"update\": {\"no-lasting-consequences\": \"yes\"}}",
    CANDOR_JSON_ERROR_TYPE, "update.no-lasting-consequences: expected true or false, found text" },
  { "{" ENVELOPE ", \"incident\": {\"services\": \"API\"}, \"update\": {}}", CANDOR_JSON_ERROR_TYPE,
    "incident.services: expected a list of text, found text" },
  { "{" ENVELOPE ", \"incident\": {\"services\": [\"API\", {}]}, \"update\": {}}",
    CANDOR_JSON_ERROR_TYPE, "incident.services[1]: expected text, found an object" },
  { "{" ENVELOPE ", \"incident\": {\"language\": \"English\"}, \"update\": {}}",
    CANDOR_JSON_ERROR_VALUE,
    "incident.language: “English” is not a language code; use one such as en or ru" },
  { "{" ENVELOPE ", \"incident\": {}, \"update\": {}, \"audiences\": {}}", CANDOR_JSON_ERROR_TYPE,
    "audiences: expected a list of audience objects" },
  { "{" ENVELOPE ", \"incident\": {}, \"update\": {}, \"audiences\": [{\"id\": \"a\"}, {\"id\": "
    "\"b\", \"detail\": \"all\"}]}",
    CANDOR_JSON_ERROR_VALUE,
    "audiences[1].detail: “all” is not a detail level; use one of short, summary-first, full" },
  { "{" ENVELOPE ", \"incident\": {}, \"update\": {}, \"audiences\": [{\"id\": \"a\"}, {\"id\": "
    "\"a\"}]}",
    CANDOR_JSON_ERROR_VALUE, "audiences[1].id: “a” is already the id of audiences[0]" },
};

/* A version-1 draft, as the build before several languages wrote it, loads
 * as an incident in one language and is written back as version 2 with
 * nothing lost. */
static void
test_draft_version_1 (void)
{
  g_autofree char *path =
    g_test_build_filename (G_TEST_DIST, "data", "drafts", "full-critical-ru.json", NULL);
  g_autofree char *v1 = NULL;
  g_autofree char *v2 = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorDraft) draft = NULL;
  g_autoptr (CandorDraft) again = NULL;
  CandorIncident *incident;
  CandorUpdate   *update;

  g_assert_true (g_file_get_contents (path, &v1, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (v1, "\"version\": 1,"));
  g_assert_null (strstr (v1, "other-languages"));
  g_assert_null (strstr (v1, "translations"));

  draft = candor_draft_load_from_data (v1, -1, &error);
  g_assert_no_error (error);
  incident = candor_draft_get_incident (draft);
  update = candor_draft_get_update (draft);
  g_assert_cmpstr (candor_incident_get_language (incident), ==, "ru");
  g_assert_cmpuint (g_strv_length ((GStrv)candor_incident_get_other_languages (incident)), ==, 0);
  g_assert_false (candor_update_has_translation (update, "en"));
  for (guint i = 0; i < candor_draft_get_audiences (draft)->len; i++)
    g_assert_null (
      candor_audience_get_language (g_ptr_array_index (candor_draft_get_audiences (draft), i)));

  /* Written back: version 2, the same message, and it reads back again. */
  candor_update_set_translation (update, "en", CANDOR_FIELD_IMPACT_NOW, "Sign-in is down.");
  v2 = candor_draft_to_data (draft, NULL);
  g_assert_nonnull (strstr (v2, "\"version\" : 2,"));
  again = candor_draft_load_from_data (v2, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (candor_incident_get_title (candor_draft_get_incident (again)), ==,
                   candor_incident_get_title (incident));
  for (CandorField field = 0; field < CANDOR_N_FIELDS; field++)
    g_assert_cmpstr (candor_update_get_field (candor_draft_get_update (again), field), ==,
                     candor_update_get_field (update, field));
  g_assert_cmpstr (
    candor_update_get_translation (candor_draft_get_update (again), "en", CANDOR_FIELD_IMPACT_NOW),
    ==, "Sign-in is down.");
}

static void
test_draft_errors (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (CandorDraft) draft = NULL;

      g_test_message ("case %u: expecting “%s”", i, error_cases[i].message);
      draft = candor_draft_load_from_data (error_cases[i].json, -1, &error);
      g_assert_null (draft);
      g_assert_error (error, CANDOR_JSON_ERROR, error_cases[i].code);
      g_assert_cmpstr (error->message, ==, error_cases[i].message);
    }
}

/* null stands for "unset" wherever a value is optional, as the writer emits it. */
/* Everything in a draft is rendered once per audience and channel, so its parts are
 * bounded: a field, a list, the audiences. At the limit a draft loads. */
static void
test_draft_limits (void)
{
  g_autofree char *text = g_strnfill (CANDOR_DRAFT_MAX_TEXT, 'a');
  g_autofree char *at_limit = NULL;
  g_autofree char *over_limit = NULL;
  g_autoptr (GString) services = g_string_new ("\"s0\"");
  g_autoptr (GString) audiences = g_string_new ("{\"id\": \"a0\"}");
  g_autoptr (CandorDraft) draft = NULL;
  g_autoptr (GError) error = NULL;

  at_limit = g_strdup_printf ("{" ENVELOPE ", \"incident\": {}, \"update\": "
                              "{\"technical-details\": \"%s\"}}",
                              text);
  draft = candor_draft_load_from_data (at_limit, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (candor_update_get_field (candor_draft_get_update (draft),
                                                     CANDOR_FIELD_TECHNICAL_DETAILS)),
                    ==, CANDOR_DRAFT_MAX_TEXT);
  g_clear_object (&draft);

  over_limit = g_strdup_printf ("{" ENVELOPE ", \"incident\": {}, \"update\": "
                                "{\"technical-details\": \"%sb\"}}",
                                text);
  g_assert_null (candor_draft_load_from_data (over_limit, -1, &error));
  g_assert_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_LIMIT);
  g_assert_cmpstr (error->message, ==,
                   "update.technical-details: 32769 bytes of text; a draft holds at most 32768 "
                   "bytes (32 KiB) in one place, far more than any message needs");
  g_clear_error (&error);
  g_clear_pointer (&over_limit, g_free);

  for (guint i = 1; i <= CANDOR_DRAFT_MAX_ITEMS; i++)
    g_string_append_printf (services, ", \"s%u\"", i);
  over_limit = g_strdup_printf ("{" ENVELOPE ", \"incident\": {\"services\": [%s]}, "
                                "\"update\": {}}",
                                services->str);
  g_assert_null (candor_draft_load_from_data (over_limit, -1, &error));
  g_assert_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_LIMIT);
  g_assert_cmpstr (error->message, ==,
                   "incident.services: 101 items; a list in a draft holds at most 100");
  g_clear_error (&error);
  g_clear_pointer (&over_limit, g_free);

  for (guint i = 1; i <= CANDOR_DRAFT_MAX_AUDIENCES; i++)
    g_string_append_printf (audiences, ", {\"id\": \"a%u\"}", i);
  over_limit = g_strdup_printf ("{" ENVELOPE ", \"incident\": {}, \"update\": {}, "
                                "\"audiences\": [%s]}",
                                audiences->str);
  g_assert_null (candor_draft_load_from_data (over_limit, -1, &error));
  g_assert_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_LIMIT);
  g_assert_cmpstr (error->message, ==, "audiences: 17 audiences; a draft has at most 16");
}

static void
test_draft_null_is_unset (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorDraft) draft = candor_draft_load_from_data (
    "{" ENVELOPE ", \"incident\": {\"title\": null, \"resolved-at\": null, \"services\": null}, "
    "\"update\": {\"next-update-at\": null, \"contact\": null}, \"audiences\": null}",
    -1, &error);

  g_assert_no_error (error);
  g_assert_null (candor_incident_get_title (candor_draft_get_incident (draft)));
  g_assert_null (candor_update_get_next_update_at (candor_draft_get_update (draft)));
  g_assert_false (candor_draft_has_own_audiences (draft));
}

static void
test_draft_files (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("candor-draft-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *expected = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GFile) missing = NULL;
  g_autoptr (CandorDraft) draft = load_fixture ("full-critical-ru.json");
  g_autoptr (CandorDraft) copy = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "draft.json", NULL);
  file = g_file_new_for_path (path);

  g_assert_true (candor_draft_save_to_file (draft, file, NULL, &error));
  g_assert_no_error (error);
  copy = candor_draft_load_from_file (file, NULL, &error);
  g_assert_no_error (error);
  assert_drafts_equal (draft, copy);

  /* Value errors from a file carry its name before the path. */
  g_assert_true (g_file_set_contents (path,
                                      "{" ENVELOPE ", \"incident\": {}, \"update\": "
                                      "{\"kind\": \"soon\"}}",
                                      -1, &error));
  g_clear_object (&copy);
  copy = candor_draft_load_from_file (file, NULL, &error);
  g_assert_null (copy);
  g_assert_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_VALUE);
  expected = g_strdup_printf ("%s: update.kind: “soon” is not a message kind; use one of "
                              "initial, progress, resolution, post-incident",
                              path);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  g_assert_cmpint (g_unlink (path), ==, 0);
  missing = g_file_new_for_path (path);
  g_assert_null (candor_draft_load_from_file (missing, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/draft/round-trip-every-field", test_draft_round_trip_every_field);
  g_test_add_func ("/core/draft/new-is-empty", test_draft_new_is_empty_and_uses_default_audiences);
  g_test_add_func ("/core/draft/fixtures-load", test_draft_fixtures_load);
  g_test_add_func ("/core/draft/fixture-contents", test_draft_fixture_contents);
  g_test_add_func ("/core/draft/errors", test_draft_errors);
  g_test_add_func ("/core/draft/version-1", test_draft_version_1);
  g_test_add_func ("/core/draft/limits", test_draft_limits);
  g_test_add_func ("/core/draft/null-is-unset", test_draft_null_is_unset);
  g_test_add_func ("/core/draft/files", test_draft_files);

  return g_test_run ();
}
