/* test-audience.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "candor-audience.h"
#include "candor-json.h"

static void
count_cb (gpointer object, guint *count)
{
  (*count)++;
}

static CandorAudience *
find_audience (GPtrArray *audiences, const char *id)
{
  for (guint i = 0; i < audiences->len; i++)
    {
      CandorAudience *audience = g_ptr_array_index (audiences, i);

      if (g_str_equal (candor_audience_get_id (audience), id))
        return audience;
    }

  return NULL;
}

static void
assert_fields (CandorAudience *audience, const CandorField *expected, guint n_expected)
{
  const CandorField *fields;
  guint              n_fields;

  fields = candor_audience_get_fields (audience, &n_fields);
  g_assert_cmpmem (fields, n_fields * sizeof (CandorField), expected,
                   n_expected * sizeof (CandorField));
}

static void
assert_channels (CandorAudience *audience, const char *const *expected)
{
  g_assert_true (g_strv_equal (candor_audience_get_channels (audience), expected));
}

static void
test_audience_defaults (void)
{
  static const CandorField customer_fields[] = {
    CANDOR_FIELD_IMPACT_NOW, CANDOR_FIELD_IMPACT_FUTURE, CANDOR_FIELD_LASTING_CONSEQUENCES,
    CANDOR_FIELD_CONTACT,    CANDOR_FIELD_NEXT_UPDATE,
  };
  static const char *const customer_channels[] = {
    "email", "status-page", "mastodon", "bluesky", "x", NULL,
  };
  static const CandorField executive_fields[] = {
    CANDOR_FIELD_EXECUTIVE_SUMMARY,    CANDOR_FIELD_IMPACT_NOW,  CANDOR_FIELD_IMPACT_FUTURE,
    CANDOR_FIELD_LASTING_CONSEQUENCES, CANDOR_FIELD_NEXT_UPDATE, CANDOR_FIELD_CONTACT,
  };
  static const char *const executive_channels[] = { "email", "slack", "teams", NULL };
  static const char *const technical_channels[] = {
    "email", "slack", "discord", "mattermost", "matrix", "status-page", NULL,
  };
  const char *const customer_zones[] = { "Europe/Berlin", "America/New_York", NULL };
  g_autoptr (GPtrArray) audiences = candor_audience_new_defaults ();
  CandorAudience *customers, *executives, *technical;

  g_assert_cmpuint (audiences->len, ==, 3);
  customers = find_audience (audiences, "customers");
  executives = find_audience (audiences, "executives");
  technical = find_audience (audiences, "technical");
  g_assert_nonnull (customers);
  g_assert_nonnull (executives);
  g_assert_nonnull (technical);

  g_assert_cmpint (candor_audience_get_detail (customers), ==, CANDOR_DETAIL_SHORT);
  assert_fields (customers, customer_fields, G_N_ELEMENTS (customer_fields));
  assert_channels (customers, customer_channels);
  g_assert_true (g_strv_equal (candor_audience_get_time_zones (customers), customer_zones));
  g_assert_false (candor_audience_has_field (customers, CANDOR_FIELD_TECHNICAL_DETAILS));
  g_assert_false (candor_audience_has_field (customers, CANDOR_FIELD_EXECUTIVE_SUMMARY));

  g_assert_cmpint (candor_audience_get_detail (executives), ==, CANDOR_DETAIL_SUMMARY_FIRST);
  assert_fields (executives, executive_fields, G_N_ELEMENTS (executive_fields));
  assert_channels (executives, executive_channels);

  /* Technical readers get everything, the root cause and actions included. */
  g_assert_cmpint (candor_audience_get_detail (technical), ==, CANDOR_DETAIL_FULL);
  for (CandorField field = 0; field < CANDOR_N_FIELDS; field++)
    g_assert_true (candor_audience_has_field (technical, field));
  assert_channels (technical, technical_channels);
  g_assert_false (candor_audience_has_channel (technical, "x"));
  g_assert_true (candor_audience_has_channel (technical, "matrix"));

  for (guint i = 0; i < audiences->len; i++)
    {
      CandorAudience    *audience = g_ptr_array_index (audiences, i);
      const char *const *zones = candor_audience_get_time_zones (audience);

      g_assert_cmpuint (candor_audience_get_office_opens (audience), ==, 9 * 60);
      g_assert_cmpuint (candor_audience_get_office_closes (audience), ==, 18 * 60);
      g_assert_cmpstr (candor_audience_get_name (audience), !=, NULL);
      g_assert_cmpuint (g_strv_length ((char **)zones), >, 0);
      for (guint z = 0; zones[z] != NULL; z++)
        {
          g_autoptr (GTimeZone) zone = g_time_zone_new_identifier (zones[z]);

          g_assert_nonnull (zone);
        }
    }
}

static void
test_audience_changed_once_per_change (void)
{
  static const CandorField fields[] = { CANDOR_FIELD_IMPACT_NOW, CANDOR_FIELD_CONTACT };
  const char *const        channels[] = { "matrix", NULL };
  const char *const        same_channels[] = { "matrix", NULL };
  const char *const        zones[] = { "Europe/Moscow", NULL };
  const char *const        same_zones[] = { "Europe/Moscow", NULL };
  g_autoptr (CandorAudience) audience = candor_audience_new ("partners", "Partners");
  guint changed = 0;

  g_signal_connect (audience, "changed", G_CALLBACK (count_cb), &changed);

  candor_audience_set_name (audience, "Partners");
  candor_audience_set_office_hours (audience, 9 * 60, 18 * 60);
  g_assert_cmpuint (changed, ==, 0);

  candor_audience_set_name (audience, "Resellers");
  candor_audience_set_detail (audience, CANDOR_DETAIL_SHORT);
  candor_audience_set_fields (audience, fields, G_N_ELEMENTS (fields));
  candor_audience_set_channels (audience, channels);
  candor_audience_set_time_zones (audience, zones);
  candor_audience_set_office_hours (audience, 8 * 60, 17 * 60);
  g_assert_cmpuint (changed, ==, 6);

  candor_audience_set_fields (audience, fields, G_N_ELEMENTS (fields));
  candor_audience_set_channels (audience, same_channels);
  candor_audience_set_time_zones (audience, same_zones);
  candor_audience_set_detail (audience, CANDOR_DETAIL_SHORT);
  g_assert_cmpuint (changed, ==, 6);

  candor_audience_set_fields (audience, fields, 1);
  candor_audience_set_time_zones (audience, NULL);
  g_assert_cmpuint (changed, ==, 8);

  candor_audience_set_language (audience, "ru");
  g_assert_cmpuint (changed, ==, 9);
  candor_audience_set_language (audience, "ru");
  g_assert_cmpuint (changed, ==, 9);
  g_assert_cmpstr (candor_audience_get_language (audience), ==, "ru");
  /* No language is the incident's primary one, as "" is. */
  candor_audience_set_language (audience, "");
  g_assert_cmpuint (changed, ==, 10);
  g_assert_null (candor_audience_get_language (audience));
  candor_audience_set_language (audience, NULL);
  g_assert_cmpuint (changed, ==, 10);
  g_assert_cmpuint (g_strv_length ((char **)candor_audience_get_time_zones (audience)), ==, 0);
}

static void
test_audience_json_round_trip (void)
{
  g_autoptr (GPtrArray) audiences = candor_audience_new_defaults ();
  static const CandorField fields[] = { CANDOR_FIELD_NEXT_UPDATE, CANDOR_FIELD_IMPACT_NOW };
  const char *const        zones[] = { "Europe/Moscow", "Asia/Yekaterinburg", NULL };
  g_autoptr (CandorAudience) custom = candor_audience_new ("партнёры", "Партнёры");

  candor_audience_set_fields (custom, fields, G_N_ELEMENTS (fields));
  candor_audience_set_channels (custom, NULL);
  candor_audience_set_time_zones (custom, zones);
  candor_audience_set_office_hours (custom, 7 * 60 + 30, 24 * 60);
  candor_audience_set_detail (custom, CANDOR_DETAIL_SUMMARY_FIRST);
  candor_audience_set_language (custom, "ru");
  g_ptr_array_add (audiences, g_object_ref (custom));

  for (guint i = 0; i < audiences->len; i++)
    {
      CandorAudience *audience = g_ptr_array_index (audiences, i);
      g_autoptr (JsonNode) node = candor_audience_to_json (audience);
      g_autoptr (GError) error = NULL;
      g_autoptr (CandorAudience) copy = candor_audience_new_from_json (node, &error);
      const CandorField *f;
      guint              n_f;

      g_assert_no_error (error);
      g_assert_cmpstr (candor_audience_get_id (copy), ==, candor_audience_get_id (audience));
      g_assert_cmpstr (candor_audience_get_name (copy), ==, candor_audience_get_name (audience));
      g_assert_cmpint (candor_audience_get_detail (copy), ==,
                       candor_audience_get_detail (audience));
      f = candor_audience_get_fields (audience, &n_f);
      assert_fields (copy, f, n_f);
      assert_channels (copy, candor_audience_get_channels (audience));
      g_assert_true (g_strv_equal (candor_audience_get_time_zones (copy),
                                   candor_audience_get_time_zones (audience)));
      g_assert_cmpuint (candor_audience_get_office_opens (copy), ==,
                        candor_audience_get_office_opens (audience));
      g_assert_cmpuint (candor_audience_get_office_closes (copy), ==,
                        candor_audience_get_office_closes (audience));
      g_assert_cmpstr (candor_audience_get_language (copy), ==,
                       candor_audience_get_language (audience));
    }
  g_assert_cmpstr (candor_audience_get_language (custom), ==, "ru");
  /* The defaults read the incident's primary language. */
  g_assert_null (candor_audience_get_language (g_ptr_array_index (audiences, 0)));
}

/* Customers never see the internals, whatever fields they list. */
static void
test_audience_shows_field (void)
{
  g_autoptr (CandorAudience) audience = candor_audience_new ("customers", "Customers");
  static const CandorField fields[] = { CANDOR_FIELD_IMPACT_NOW, CANDOR_FIELD_TECHNICAL_DETAILS };

  candor_audience_set_fields (audience, fields, G_N_ELEMENTS (fields));
  g_assert_true (candor_audience_shows_field (audience, CANDOR_FIELD_TECHNICAL_DETAILS));
  g_assert_false (candor_audience_shows_field (audience, CANDOR_FIELD_CONTACT));
  candor_audience_set_detail (audience, CANDOR_DETAIL_SHORT);
  g_assert_false (candor_audience_shows_field (audience, CANDOR_FIELD_TECHNICAL_DETAILS));
  g_assert_true (candor_audience_shows_field (audience, CANDOR_FIELD_IMPACT_NOW));
}

static void
assert_json_error (const char *json, const char *path, int code, const char *message)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = candor_json_parse (json, -1, NULL, &error);
  g_autoptr (CandorAudience) audience = NULL;

  g_assert_no_error (error);
  audience = candor_audience_new_from_json_at (node, path, &error);
  g_assert_null (audience);
  g_assert_error (error, CANDOR_JSON_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_audience_json_errors (void)
{
  assert_json_error ("{\"id\": \"x\", \"detail\": \"long\"}", "audiences[1]",
                     CANDOR_JSON_ERROR_VALUE,
                     "audiences[1].detail: “long” is not a detail level; use one of short, "
                     "summary-first, full");
  assert_json_error ("{\"id\": \"x\", \"fields\": [\"impact-now\", \"impact\"]}", NULL,
                     CANDOR_JSON_ERROR_VALUE,
                     "fields[1]: “impact” is not a field; use one of impact-now, impact-future, "
                     "lasting-consequences, executive-summary, technical-details, actions-taken, "
                     "actions-planned, contact, next-update");
  assert_json_error ("{\"id\": \"x\", \"fields\": [\"contact\", \"contact\"]}", "a",
                     CANDOR_JSON_ERROR_VALUE, "a.fields[1]: “contact” is listed twice");
  assert_json_error ("{\"id\": \"x\", \"formats\": [\"email\", 3]}", "a", CANDOR_JSON_ERROR_TYPE,
                     "a.formats[1]: expected text, found a number");
  assert_json_error ("{\"id\": \"x\", \"formats\": [\"fax\"]}", "a", CANDOR_JSON_ERROR_VALUE,
                     "a.formats[0]: “fax” is not a format; use one of plain, email, slack, "
                     "discord, mattermost, matrix, teams, status-page, mastodon, bluesky, x, "
                     "telegram, signed-webhook");
  assert_json_error ("{\"id\": \"x\", \"channels\": [\"ops\", \"ops\"]}", "a",
                     CANDOR_JSON_ERROR_VALUE, "a.channels[1]: “ops” is listed twice");
  assert_json_error ("{\"id\": \"x\", \"channels\": [\"\"]}", "a", CANDOR_JSON_ERROR_VALUE,
                     "a.channels[0]: empty; a channel is named by its id");
  assert_json_error ("{\"id\": \"x\", \"channels\": [\"ops\"], \"formats\": [\"email\"]}", "a",
                     CANDOR_JSON_ERROR_VALUE,
                     "a.formats: an audience lists its channels, not its formats as well");
  assert_json_error ("{\"id\": \"x\", \"time-zones\": [\"Europe/Atlantis\"]}", "a",
                     CANDOR_JSON_ERROR_VALUE,
                     "a.time-zones[0]: “Europe/Atlantis” is not a time zone; use an IANA name "
                     "such as Europe/Berlin");
  assert_json_error ("{\"id\": \"x\", \"office-hours\": {\"opens\": \"9am\"}}", "a",
                     CANDOR_JSON_ERROR_VALUE,
                     "a.office-hours.opens: “9am” is not a time of day; write it as HH:MM, "
                     "e.g. 09:00");
  assert_json_error ("{\"id\": \"x\", \"office-hours\": {\"opens\": \"18:00\", \"closes\": "
                     "\"09:00\"}}",
                     "a", CANDOR_JSON_ERROR_VALUE,
                     "a.office-hours: the office must open before it closes, on the same day");
  assert_json_error ("{\"id\": \"x\", \"office-hours\": {\"open\": \"08:00\"}}", "a",
                     CANDOR_JSON_ERROR_UNKNOWN_KEY,
                     "a.office-hours.open: unknown key; did you mean “opens”?");
  assert_json_error ("{\"id\": \"x\", \"colour\": \"red\"}", "a", CANDOR_JSON_ERROR_UNKNOWN_KEY,
                     "a.colour: unknown key; the known keys are id, name, detail, fields, "
                     "channels, formats, time-zones, language, office-hours");
  assert_json_error ("{\"id\": \"x\", \"language\": \"Russian\"}", "a", CANDOR_JSON_ERROR_VALUE,
                     "a.language: “Russian” is not a language code; use one such as en or ru");
  assert_json_error ("{\"name\": \"Partners\"}", "a", CANDOR_JSON_ERROR_MISSING_KEY,
                     "a.id: missing; every audience needs an id such as “customers”");
  assert_json_error ("[]", "audiences[0]", CANDOR_JSON_ERROR_TYPE,
                     "audiences[0]: expected an object, found a list");
}

/* Audiences written before channels were configured name formats: each is
 * the default channel of its kind, whose id is the format's nick. They are
 * written back as channels. */
static void
test_audience_old_formats (void)
{
  static const char *const expected[] = { "email", "status-page", "x", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = candor_json_parse (
    "{\"id\": \"partners\", \"formats\": [\"email\", \"status-page\", \"x\"]}", -1, NULL, &error);
  g_autoptr (CandorAudience) audience = candor_audience_new_from_json (node, &error);
  g_autoptr (JsonNode) written = NULL;
  JsonObject *object;

  g_assert_no_error (error);
  assert_channels (audience, expected);

  written = candor_audience_to_json (audience);
  object = json_node_get_object (written);
  g_assert_false (json_object_has_member (object, "formats"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "channels")), ==,
                    3);
  g_assert_cmpstr (
    json_array_get_string_element (json_object_get_array_member (object, "channels"), 1), ==,
    "status-page");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/audience/defaults", test_audience_defaults);
  g_test_add_func ("/core/audience/changed-once-per-change", test_audience_changed_once_per_change);
  g_test_add_func ("/core/audience/json-round-trip", test_audience_json_round_trip);
  g_test_add_func ("/core/audience/json-errors", test_audience_json_errors);
  g_test_add_func ("/core/audience/shows-field", test_audience_shows_field);
  g_test_add_func ("/core/audience/old-formats", test_audience_old_formats);

  return g_test_run ();
}
