/* test-incident.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "candor-incident.h"
#include "candor-json.h"
#include "candor-time-zones.h"

static void
count_notify_cb (GObject *object, GParamSpec *pspec, guint *count)
{
  (*count)++;
}

static void
test_incident_defaults (void)
{
  g_autoptr (CandorIncident) incident = candor_incident_new ("Login fails");
  g_autoptr (CandorIncident) other = candor_incident_new ("Login fails");

  g_assert_cmpstr (candor_incident_get_title (incident), ==, "Login fails");
  g_assert_cmpint (candor_incident_get_severity (incident), ==, CANDOR_SEVERITY_MINOR);
  g_assert_cmpint (candor_incident_get_state (incident), ==, CANDOR_INCIDENT_STATE_INVESTIGATING);
  g_assert_cmpstr (candor_incident_get_language (incident), ==, "en");
  g_assert_null (candor_incident_get_started_at (incident));
  g_assert_null (candor_incident_get_services (incident));
  g_assert_false (candor_incident_get_sla_relevant (incident));

  /* Every incident gets its own id, and a loaded one keeps the id it had. */
  g_assert_true (g_uuid_string_is_valid (candor_incident_get_id (incident)));
  g_assert_cmpstr (candor_incident_get_id (incident), !=, candor_incident_get_id (other));
  g_clear_object (&other);
  other = g_object_new (CANDOR_TYPE_INCIDENT, "id", "kept-id", NULL);
  g_assert_cmpstr (candor_incident_get_id (other), ==, "kept-id");
}

static void
test_incident_notifies_only_on_change (void)
{
  g_autoptr (CandorIncident) incident = candor_incident_new ("API errors");
  g_autoptr (GDateTime) started = g_date_time_new_utc (2026, 11, 30, 3, 12, 0);
  g_autoptr (GDateTime) same_instant =
    g_date_time_new_from_iso8601 ("2026-11-30T06:12:00+03:00", NULL);
  const char *services[] = { "API", "Billing", NULL };
  const char *same_services[] = { "API", "Billing", NULL };
  guint       count = 0;

  g_signal_connect (incident, "notify", G_CALLBACK (count_notify_cb), &count);

  candor_incident_set_title (incident, "API errors");
  candor_incident_set_severity (incident, CANDOR_SEVERITY_MINOR);
  g_assert_cmpuint (count, ==, 0);

  candor_incident_set_severity (incident, CANDOR_SEVERITY_CRITICAL);
  candor_incident_set_state (incident, CANDOR_INCIDENT_STATE_IDENTIFIED);
  candor_incident_set_started_at (incident, started);
  candor_incident_set_services (incident, services);
  candor_incident_set_sla_relevant (incident, TRUE);
  candor_incident_set_language (incident, "ru");
  g_assert_cmpuint (count, ==, 6);

  /* The same instant in another time zone and an equal list are no change. */
  candor_incident_set_started_at (incident, same_instant);
  candor_incident_set_services (incident, same_services);
  candor_incident_set_sla_relevant (incident, 42);
  g_assert_cmpuint (count, ==, 6);

  g_assert_true (g_strv_equal (candor_incident_get_services (incident), services));
  g_assert_true (g_date_time_equal (candor_incident_get_started_at (incident), started));
  g_assert_true (candor_incident_get_sla_relevant (incident));

  candor_incident_set_started_at (incident, NULL);
  candor_incident_set_services (incident, NULL);
  g_assert_cmpuint (count, ==, 8);
  g_assert_null (candor_incident_get_started_at (incident));
  g_assert_null (candor_incident_get_services (incident));
}

static void
test_incident_properties (void)
{
  g_autoptr (GDateTime) resolved = g_date_time_new_utc (2026, 11, 30, 5, 0, 0);
  g_autoptr (CandorIncident) incident = NULL;
  g_autoptr (GDateTime) read_back = NULL;
  CandorSeverity severity;

  incident = g_object_new (CANDOR_TYPE_INCIDENT, "title", "Payments delayed", "severity",
                           CANDOR_SEVERITY_MAJOR, "state", CANDOR_INCIDENT_STATE_RESOLVED,
                           "resolved-at", resolved, NULL);

  g_object_get (incident, "severity", &severity, "resolved-at", &read_back, NULL);
  g_assert_cmpint (severity, ==, CANDOR_SEVERITY_MAJOR);
  g_assert_true (g_date_time_equal (read_back, resolved));
}

/* Equal instants are not enough: a copy or a round trip keeps the offset too. */
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

/* Walks every property, so one added later and forgotten by copy or JSON fails here. */
static void
assert_same_properties (GObject *a, GObject *b)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint                   n_pspecs;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (a), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto (GValue) va = G_VALUE_INIT;
      g_auto (GValue) vb = G_VALUE_INIT;
      GType type = pspecs[i]->value_type;

      g_object_get_property (a, pspecs[i]->name, &va);
      g_object_get_property (b, pspecs[i]->name, &vb);

      if (type == G_TYPE_STRING)
        g_assert_cmpstr (g_value_get_string (&va), ==, g_value_get_string (&vb));
      else if (type == G_TYPE_STRV)
        {
          const char *const *sa = g_value_get_boxed (&va);
          const char *const *sb = g_value_get_boxed (&vb);

          g_assert_true (sa == NULL ? sb == NULL : sb != NULL && g_strv_equal (sa, sb));
        }
      else if (type == G_TYPE_DATE_TIME)
        assert_same_time (g_value_get_boxed (&va), g_value_get_boxed (&vb));
      else if (type == JSON_TYPE_NODE)
        g_assert_true (json_node_equal (g_value_get_boxed (&va), g_value_get_boxed (&vb)));
      else
        g_assert_cmpint (g_param_values_cmp (pspecs[i], &va, &vb), ==, 0);
    }
}

/* An incident with every property away from its default, times in three zones. */
static CandorIncident *
new_full_incident (void)
{
  g_autoptr (GTimeZone) kolkata = g_time_zone_new_identifier ("Asia/Kolkata");
  g_autoptr (GDateTime) started = g_date_time_new (kolkata, 2026, 11, 30, 9, 40, 1.25);
  g_autoptr (GDateTime) detected = g_date_time_new_from_iso8601 ("2026-11-30T00:20:00-05:00", NULL);
  g_autoptr (GDateTime) resolved = g_date_time_new_utc (2026, 11, 30, 7, 5, 0);
  const char *services[] = { "Payments API", "Checkout “EU”", NULL };
  const char *others[] = { "ru", "de-CH", NULL };

  return g_object_new (CANDOR_TYPE_INCIDENT, "id", "inc-1", "title", "Платежи отклоняются",
                       "services", services, "severity", CANDOR_SEVERITY_CRITICAL, "state",
                       CANDOR_INCIDENT_STATE_MONITORING, "started-at", started, "detected-at",
                       detected, "resolved-at", resolved, "language", "pt-BR", "other-languages",
                       others, "sla-relevant", TRUE, NULL);
}

static CandorIncident *
new_translated_incident (void)
{
  CandorIncident *incident = new_full_incident ();

  candor_incident_set_title_in (incident, "de-CH", "Zahlungen werden abgelehnt");
  return incident;
}

static CandorIncident *
round_trip (CandorIncident *incident)
{
  g_autoptr (JsonNode) node = candor_incident_to_json (incident);
  g_autofree char *text = json_to_string (node, FALSE);
  g_autoptr (JsonNode) parsed = json_from_string (text, NULL);
  g_autoptr (GError) error = NULL;
  CandorIncident *read_back;

  read_back = candor_incident_from_json (parsed, &error);
  g_assert_no_error (error);
  g_assert_nonnull (read_back);
  return read_back;
}

static void
test_incident_copy (void)
{
  g_autoptr (CandorIncident) incident = new_translated_incident ();
  g_autoptr (CandorIncident) fresh = candor_incident_new (NULL);
  g_autoptr (CandorIncident) copy = candor_incident_copy (incident);
  g_autoptr (CandorIncident) fresh_copy = candor_incident_copy (fresh);
  const char *others[] = { "Other", NULL };

  assert_same_properties (G_OBJECT (copy), G_OBJECT (incident));
  assert_same_properties (G_OBJECT (fresh_copy), G_OBJECT (fresh));
  g_assert_null (candor_incident_get_title (fresh_copy));
  g_assert_null (candor_incident_get_services (fresh_copy));

  /* Deep: nothing is shared that could change under the other. */
  g_assert_true (candor_incident_get_title (copy) != candor_incident_get_title (incident));
  g_assert_true (candor_incident_get_services (copy) != candor_incident_get_services (incident));
  g_assert_true (candor_incident_get_services (copy)[0] !=
                 candor_incident_get_services (incident)[0]);
  candor_incident_set_title (copy, "Changed");
  candor_incident_set_services (copy, others);
  candor_incident_set_severity (copy, CANDOR_SEVERITY_MINOR);
  candor_incident_set_started_at (copy, NULL);
  candor_incident_set_title_in (copy, "de-CH", "Geändert");
  g_assert_cmpstr (candor_incident_get_title (incident), ==, "Платежи отклоняются");
  g_assert_cmpstr (candor_incident_get_title_in (incident, "de-CH"), ==,
                   "Zahlungen werden abgelehnt");
  g_assert_cmpstr (candor_incident_get_services (incident)[0], ==, "Payments API");
  g_assert_cmpint (candor_incident_get_severity (incident), ==, CANDOR_SEVERITY_CRITICAL);
  g_assert_nonnull (candor_incident_get_started_at (incident));
}

static void
test_incident_json_round_trip (void)
{
  g_autoptr (CandorIncident) incident = new_translated_incident ();
  g_autoptr (CandorIncident) fresh = candor_incident_new (NULL);
  g_autoptr (CandorIncident) read_back = NULL;
  g_autoptr (CandorIncident) fresh_back = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autofree char        *text = NULL;
  g_autofree GParamSpec **pspecs = NULL;
  guint                   n_pspecs;

  /* The fixture really sets every property, or the round trip proves less. */
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (incident), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto (GValue) full_value = G_VALUE_INIT;
      g_auto (GValue) fresh_value = G_VALUE_INIT;

      g_object_get_property (G_OBJECT (incident), pspecs[i]->name, &full_value);
      g_object_get_property (G_OBJECT (fresh), pspecs[i]->name, &fresh_value);
      g_assert_cmpint (g_param_values_cmp (pspecs[i], &full_value, &fresh_value), !=, 0);
    }

  node = candor_incident_to_json (incident);
  text = json_to_string (node, FALSE);
  g_assert_cmpstr (text, ==,
                   "{\"id\":\"inc-1\",\"title\":\"Платежи отклоняются\","
                   "\"services\":[\"Payments API\",\"Checkout “EU”\"],"
                   "\"severity\":\"critical\",\"state\":\"monitoring\","
                   "\"started-at\":\"2026-11-30T09:40:01.250000+05:30\","
                   "\"detected-at\":\"2026-11-30T00:20:00-05:00\","
                   "\"resolved-at\":\"2026-11-30T07:05:00+00:00\","
                   "\"language\":\"pt-BR\",\"other-languages\":[\"ru\",\"de-CH\"],"
                   "\"sla-relevant\":true,\"title-translations\":{\"de-CH\":{\"text\":"
                   "\"Zahlungen werden abgelehnt\",\"source\":\"Платежи отклоняются\"}}}");

  read_back = round_trip (incident);
  assert_same_properties (G_OBJECT (read_back), G_OBJECT (incident));

  /* Unset stays unset: no title, no services, no times. */
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&node, json_node_unref);
  node = candor_incident_to_json (fresh);
  text = json_to_string (node, FALSE);
  g_assert_nonnull (strstr (text, "\"title\":null,\"services\":[],"));
  g_assert_nonnull (strstr (text, "\"started-at\":null,\"detected-at\":null,\"resolved-at\":null"));
  fresh_back = round_trip (fresh);
  assert_same_properties (G_OBJECT (fresh_back), G_OBJECT (fresh));

  /* No language is the default one, not an unreadable "". */
  candor_incident_set_language (fresh, NULL);
  g_clear_object (&fresh_back);
  fresh_back = round_trip (fresh);
  g_assert_cmpstr (candor_incident_get_language (fresh_back), ==, "en");
}

static void
test_incident_json_absent_keys (void)
{
  g_autoptr (JsonNode) node = json_from_string ("{}", NULL);
  g_autoptr (JsonNode) empty_id = json_from_string ("{\"id\": \"\", \"services\": []}", NULL);
  g_autoptr (CandorIncident) incident = NULL;
  g_autoptr (CandorIncident) other = NULL;
  g_autoptr (GError) error = NULL;

  incident = candor_incident_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (candor_incident_get_id (incident)));
  g_assert_null (candor_incident_get_title (incident));
  g_assert_cmpint (candor_incident_get_severity (incident), ==, CANDOR_SEVERITY_MINOR);
  g_assert_cmpint (candor_incident_get_state (incident), ==, CANDOR_INCIDENT_STATE_INVESTIGATING);
  g_assert_cmpstr (candor_incident_get_language (incident), ==, "en");

  /* An empty id gets a fresh one; an empty list is no list. */
  other = candor_incident_from_json (empty_id, &error);
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (candor_incident_get_id (other)));
  g_assert_cmpstr (candor_incident_get_id (other), !=, candor_incident_get_id (incident));
  g_assert_null (candor_incident_get_services (other));
}

static void
test_incident_json_errors (void)
{
  const struct
  {
    const char *json;
    const char *path;
    int         code;
    const char *message;
  } cases[] = {
    { "[]", NULL, CANDOR_JSON_ERROR_TYPE, "the top level: expected an object, found a list" },
    { "\"Login fails\"", "incident", CANDOR_JSON_ERROR_TYPE, NULL },
    { "{\"title\": 5}", NULL, CANDOR_JSON_ERROR_TYPE, "title: expected text, found a number" },
    { "{\"services\": \"API\"}", "incident", CANDOR_JSON_ERROR_TYPE,
      "incident.services: expected a list of text, found text" },
    { "{\"services\": [\"API\", 1]}", NULL, CANDOR_JSON_ERROR_TYPE,
      "services[1]: expected text, found a number" },
    { "{\"severity\": \"high\"}", "incident", CANDOR_JSON_ERROR_VALUE,
      "incident.severity: “high” is not a severity; use one of minor, major, critical" },
    { "{\"severity\": 2}", NULL, CANDOR_JSON_ERROR_TYPE,
      "severity: expected text, found a number" },
    { "{\"state\": \"fixed\"}", "incident", CANDOR_JSON_ERROR_VALUE, NULL },
    { "{\"started-at\": \"2026-11-30T09:00:00\"}", "incident", CANDOR_JSON_ERROR_VALUE, NULL },
    { "{\"resolved-at\": true}", NULL, CANDOR_JSON_ERROR_TYPE,
      "resolved-at: expected text, found true or false" },
    { "{\"language\": \"English\"}", "incidents[2]", CANDOR_JSON_ERROR_VALUE,
      "incidents[2].language: “English” is not a language code; use one such as en or ru" },
    { "{\"other-languages\": [\"ru\", \"Deutsch\"]}", "incident", CANDOR_JSON_ERROR_VALUE,
      "incident.other-languages[1]: “Deutsch” is not a language code; use one such as en or ru" },
    { "{\"other-languages\": \"ru\"}", NULL, CANDOR_JSON_ERROR_TYPE,
      "other-languages: expected a list of text, found text" },
    { "{\"sla-relevant\": \"yes\"}", NULL, CANDOR_JSON_ERROR_TYPE,
      "sla-relevant: expected true or false, found text" },
    { "{\"severty\": \"major\"}", "incident", CANDOR_JSON_ERROR_UNKNOWN_KEY,
      "incident.severty: unknown key; did you mean “severity”?" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (JsonNode) node = json_from_string (cases[i].json, NULL);
      g_autoptr (CandorIncident) incident = NULL;
      g_autoptr (GError) error = NULL;

      g_test_message ("%s", cases[i].json);
      g_assert_nonnull (node);
      incident = candor_incident_from_json_at (node, cases[i].path, &error);
      g_assert_null (incident);
      g_assert_error (error, CANDOR_JSON_ERROR, cases[i].code);
      if (cases[i].message != NULL)
        g_assert_cmpstr (error->message, ==, cases[i].message);
      /* Every message names where the problem is. */
      else if (cases[i].path != NULL)
        g_assert_true (g_str_has_prefix (error->message, cases[i].path));
    }
}

/* The primary language and the others: never the primary twice, never a
 * language twice, whatever order the author picks them in. */
static void
test_incident_other_languages (void)
{
  g_autoptr (CandorIncident) incident = candor_incident_new ("Login fails");
  g_autoptr (CandorIncident) copy = NULL;
  g_autoptr (JsonNode) v1 = json_from_string ("{\"language\": \"ru\"}", NULL);
  g_autoptr (CandorIncident) old = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) languages = NULL;
  const char       *picked[] = { "ru", "EN", "ru-RU", "de", "", NULL };
  const char *const expected[] = { "ru", "de", NULL };
  const char *const after_switch[] = { "de", NULL };
  guint             notified = 0;

  g_assert_nonnull (candor_incident_get_other_languages (incident));
  g_assert_cmpuint (g_strv_length ((GStrv)candor_incident_get_other_languages (incident)), ==, 0);
  g_signal_connect (incident, "notify::other-languages", G_CALLBACK (count_notify_cb), &notified);

  candor_incident_set_other_languages (incident, picked);
  g_assert_true (g_strv_equal (candor_incident_get_other_languages (incident), expected));
  g_assert_cmpuint (notified, ==, 1);
  candor_incident_set_other_languages (incident, expected);
  g_assert_cmpuint (notified, ==, 1);

  languages = candor_incident_dup_languages (incident);
  g_assert_cmpstr (languages[0], ==, "en");
  g_assert_cmpstr (languages[1], ==, "ru");
  g_assert_cmpstr (languages[2], ==, "de");
  g_assert_null (languages[3]);
  g_assert_true (candor_incident_has_language (incident, "ru_RU"));
  g_assert_true (candor_incident_has_language (incident, "en"));
  g_assert_false (candor_incident_has_language (incident, "fr"));

  /* Russian becomes the primary language: it is no longer one of the others. */
  candor_incident_set_language (incident, "ru");
  g_assert_true (g_strv_equal (candor_incident_get_other_languages (incident), after_switch));
  g_assert_cmpuint (notified, ==, 2);

  copy = candor_incident_copy (incident);
  g_assert_true (g_strv_equal (candor_incident_get_other_languages (copy), after_switch));
  g_assert_true (candor_incident_get_other_languages (copy) !=
                 candor_incident_get_other_languages (incident));

  /* A version-1 incident has no other languages. */
  old = candor_incident_from_json (v1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (candor_incident_get_language (old), ==, "ru");
  g_assert_cmpuint (g_strv_length ((GStrv)candor_incident_get_other_languages (old)), ==, 0);
}

/* The title in another language remembers the primary title it was written
 * against, as the update's translations do, and says when that changed. */
static void
test_incident_title_translations (void)
{
  g_autoptr (CandorIncident) incident = candor_incident_new ("Оплата картой не проходит");
  g_autoptr (CandorIncident) read_back = NULL;
  g_autoptr (CandorIncident) plain = NULL;
  g_autoptr (JsonNode) shorthand = json_from_string (
    "{\"title\": \"Вход\", \"language\": \"ru\", \"title-translations\": {\"en\": \"Login\"}}",
    NULL);
  g_autoptr (JsonNode) bad_language =
    json_from_string ("{\"title-translations\": {\"english\": \"Login\"}}", NULL);
  g_autoptr (JsonNode) bad_key =
    json_from_string ("{\"title-translations\": {\"en\": {\"txt\": \"Login\"}}}", NULL);
  g_autoptr (GError) error = NULL;
  const char *const others[] = { "en", NULL };
  guint             notified = 0;

  candor_incident_set_language (incident, "ru");
  candor_incident_set_other_languages (incident, others);
  g_signal_connect (incident, "notify::title-translations", G_CALLBACK (count_notify_cb),
                    &notified);

  /* Not written yet: empty, and readers see the primary title. */
  g_assert_cmpstr (candor_incident_get_title_in (incident, "en"), ==, "");
  g_assert_cmpstr (candor_incident_get_title_in (incident, "ru"), ==, "Оплата картой не проходит");
  g_assert_cmpstr (candor_incident_get_title_for (incident, "en"), ==, "Оплата картой не проходит");
  g_assert_false (candor_incident_get_title_outdated_in (incident, "en"));
  g_assert_null (candor_incident_get_title_source_in (incident, "en"));

  candor_incident_set_title_in (incident, "en", "Card payments fail");
  candor_incident_set_title_in (incident, "en", "Card payments fail");
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (candor_incident_get_title_in (incident, "EN"), ==, "Card payments fail");
  g_assert_cmpstr (candor_incident_get_title_for (incident, "en"), ==, "Card payments fail");
  g_assert_false (candor_incident_get_title_outdated_in (incident, "en"));

  /* The primary title changes: the translation is outdated, and keeps what
   * it was written against. */
  candor_incident_set_title (incident, "Оплата картой не проходит в ЕС");
  g_assert_true (candor_incident_get_title_outdated_in (incident, "en"));
  g_assert_cmpstr (candor_incident_get_title_source_in (incident, "en"), ==,
                   "Оплата картой не проходит");

  /* Through JSON, outdated it stays. */
  {
    g_autoptr (JsonNode) node = candor_incident_to_json (incident);

    read_back = candor_incident_from_json (node, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpstr (candor_incident_get_title_in (read_back, "en"), ==, "Card payments fail");
  g_assert_true (candor_incident_get_title_outdated_in (read_back, "en"));

  candor_incident_mark_title_current_in (incident, "en");
  g_assert_false (candor_incident_get_title_outdated_in (incident, "en"));
  g_assert_cmpuint (notified, ==, 2);

  /* An empty title removes the translation. */
  candor_incident_set_title_in (incident, "en", "");
  g_assert_cmpstr (candor_incident_get_title_in (incident, "en"), ==, "");
  g_assert_cmpuint (notified, ==, 3);

  /* A plain string is a title written against the current primary one. */
  plain = candor_incident_from_json (shorthand, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (candor_incident_get_title_in (plain, "en"), ==, "Login");
  g_assert_false (candor_incident_get_title_outdated_in (plain, "en"));

  g_assert_null (candor_incident_from_json (bad_language, &error));
  g_assert_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_VALUE);
  g_assert_nonnull (strstr (error->message, "title-translations"));
  g_clear_error (&error);
  g_assert_null (candor_incident_from_json (bad_key, &error));
  g_assert_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_UNKNOWN_KEY);
  g_assert_nonnull (strstr (error->message, "title-translations.en"));
}

/* What the start and detection fields read, and why they refuse the rest. */
static void
test_incident_time_entry (void)
{
  g_autoptr (GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr (GDateTime) now = g_date_time_new (berlin, 2026, 12, 5, 9, 30, 0);
  g_autoptr (GDateTime) time = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char  *text = NULL;
  const char *const zones[] = { "UTC", "Europe/Berlin", "America/New_York", NULL };

  time = candor_time_parse_past ("2026-12-04 23:50", berlin, now, &error);
  g_assert_no_error (error);
  text = candor_time_format_entry (time, berlin);
  g_assert_cmpstr (text, ==, "2026-12-04 23:50");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&time, g_date_time_unref);

  time = candor_time_parse_past ("  08:12 ", berlin, now, &error);
  g_assert_no_error (error);
  text = candor_time_format_entry (time, berlin);
  g_assert_cmpstr (text, ==, "2026-12-05 08:12");
  g_clear_pointer (&text, g_free);

  /* Every time written into a message says its zone, the audiences' each. */
  text = candor_time_format_in_zones (time, zones, FALSE);
  g_assert_cmpstr (text, ==, "07:12 UTC (08:12 CET, 02:12 EST)");
  g_clear_pointer (&text, g_free);
  text = candor_time_format_in_zones (time, zones + 1, TRUE);
  g_assert_cmpstr (text, ==, "2026-12-05 08:12 CET (02:12 EST)");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&time, g_date_time_unref);

  time = candor_time_parse_past ("Yesterday 23:50", berlin, now, &error);
  g_assert_no_error (error);
  text = candor_time_format_entry (time, berlin);
  g_assert_cmpstr (text, ==, "2026-12-04 23:50");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&time, g_date_time_unref);

  /* Refused, each with the reason. */
  g_assert_null (candor_time_parse_past ("yesterday", berlin, now, &error));
  g_assert_error (error, CANDOR_TIME_ERROR, CANDOR_TIME_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "yesterday 23:50"));
  g_clear_error (&error);
  g_assert_null (candor_time_parse_past ("2026-02-30 10:00", berlin, now, &error));
  g_assert_error (error, CANDOR_TIME_ERROR, CANDOR_TIME_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (candor_time_parse_past ("", berlin, now, &error));
  g_assert_error (error, CANDOR_TIME_ERROR, CANDOR_TIME_ERROR_EMPTY);
  g_clear_error (&error);
  g_assert_null (candor_time_parse_past ("11:45", berlin, now, &error));
  g_assert_error (error, CANDOR_TIME_ERROR, CANDOR_TIME_ERROR_FUTURE);
  g_assert_nonnull (strstr (error->message, "2 h 15 min"));
  g_clear_error (&error);
  /* A minute ahead is a clock off by a little, not the future. */
  time = candor_time_parse_past ("09:31", berlin, now, &error);
  g_assert_no_error (error);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/incident/defaults", test_incident_defaults);
  g_test_add_func ("/core/incident/time-entry", test_incident_time_entry);
  g_test_add_func ("/core/incident/notifies-only-on-change", test_incident_notifies_only_on_change);
  g_test_add_func ("/core/incident/properties", test_incident_properties);
  g_test_add_func ("/core/incident/copy", test_incident_copy);
  g_test_add_func ("/core/incident/json-round-trip", test_incident_json_round_trip);
  g_test_add_func ("/core/incident/json-absent-keys", test_incident_json_absent_keys);
  g_test_add_func ("/core/incident/json-errors", test_incident_json_errors);
  g_test_add_func ("/core/incident/other-languages", test_incident_other_languages);
  g_test_add_func ("/core/incident/title-translations", test_incident_title_translations);

  return g_test_run ();
}
