/* test-update.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "candor-enum-types.h"
#include "candor-json.h"
#include "candor-update.h"

static void
count_cb (gpointer object, guint *count)
{
  (*count)++;
}

static void
count_notify_cb (GObject *object, GParamSpec *pspec, guint *count)
{
  (*count)++;
}

static void
test_update_defaults (void)
{
  g_autoptr (CandorUpdate) update = candor_update_new (CANDOR_UPDATE_KIND_PROGRESS);
  g_autoptr (CandorUpdate) other = candor_update_new (CANDOR_UPDATE_KIND_PROGRESS);
  g_autoptr (GDateTime) before = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) created = g_date_time_new_from_iso8601 ("2026-11-30T09:40:00+01:00", NULL);

  g_assert_cmpint (candor_update_get_kind (update), ==, CANDOR_UPDATE_KIND_PROGRESS);
  for (CandorField field = 0; field < CANDOR_N_FIELDS; field++)
    g_assert_cmpstr (candor_update_get_field (update, field), ==, "");
  g_assert_cmpstr (candor_update_get_contact_name (update), ==, "");
  g_assert_cmpstr (candor_update_get_contact_reach (update), ==, "");
  g_assert_false (candor_update_get_no_lasting_consequences (update));
  g_assert_null (candor_update_get_next_update_at (update));
  g_assert_false (candor_update_get_next_update_when_changed (update));

  /* Created "now": within a minute of this test's clock. */
  g_assert_nonnull (candor_update_get_created_at (update));
  g_assert_cmpint (ABS (g_date_time_difference (candor_update_get_created_at (update), before)), <,
                   G_TIME_SPAN_MINUTE);

  g_assert_true (g_uuid_string_is_valid (candor_update_get_id (update)));
  g_assert_cmpstr (candor_update_get_id (update), !=, candor_update_get_id (other));

  g_clear_object (&other);
  other = g_object_new (CANDOR_TYPE_UPDATE, "id", "kept-id", "created-at", created, NULL);
  g_assert_cmpstr (candor_update_get_id (other), ==, "kept-id");
  g_assert_true (g_date_time_equal (candor_update_get_created_at (other), created));
  g_assert_cmpint (candor_update_get_kind (other), ==, CANDOR_UPDATE_KIND_INITIAL);
}

/* Every field is a property named by its nick, and the two ways agree. */
static void
test_update_field_properties (void)
{
  g_autoptr (CandorUpdate) update = candor_update_new (CANDOR_UPDATE_KIND_INITIAL);
  g_autoptr (GEnumClass) fields = g_type_class_ref (CANDOR_TYPE_FIELD);

  g_assert_cmpuint (fields->n_values, ==, CANDOR_N_FIELDS);

  for (CandorField field = 0; field < CANDOR_N_FIELDS; field++)
    {
      const char      *nick = candor_enum_to_nick (CANDOR_TYPE_FIELD, field);
      g_autofree char *text = g_strdup_printf ("Text of *%s* — ünïcode", nick);
      g_autofree char *read_back = NULL;
      GParamSpec      *pspec;

      pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (update), nick);
      g_assert_nonnull (pspec);
      g_assert_true (pspec->value_type == G_TYPE_STRING);

      g_object_set (update, nick, text, NULL);
      g_assert_cmpstr (candor_update_get_field (update, field), ==, text);

      candor_update_set_field (update, field, "direct");
      g_object_get (update, nick, &read_back, NULL);
      g_assert_cmpstr (read_back, ==, "direct");
    }

  /* Setting one field leaves the others alone. */
  candor_update_set_field (update, CANDOR_FIELD_CONTACT, "Ask Maria");
  g_assert_cmpstr (candor_update_get_field (update, CANDOR_FIELD_CONTACT), ==, "Ask Maria");
  g_assert_cmpstr (candor_update_get_field (update, CANDOR_FIELD_NEXT_UPDATE), ==, "direct");

  /* Unset and empty are the same thing. */
  candor_update_set_field (update, CANDOR_FIELD_CONTACT, NULL);
  g_assert_cmpstr (candor_update_get_field (update, CANDOR_FIELD_CONTACT), ==, "");

  for (guint i = 0; i < 8; i++)
    {
      const char *names[] = {
        "id",
        "kind",
        "no-lasting-consequences",
        "contact-name",
        "contact-reach",
        "next-update-at",
        "next-update-when-changed",
        "created-at",
      };

      g_assert_nonnull (g_object_class_find_property (G_OBJECT_GET_CLASS (update), names[i]));
    }
}

static void
test_update_changed_once_per_change (void)
{
  g_autoptr (CandorUpdate) update = candor_update_new (CANDOR_UPDATE_KIND_INITIAL);
  g_autoptr (GDateTime) at = g_date_time_new_from_iso8601 ("2026-11-30T11:00:00+01:00", NULL);
  g_autoptr (GDateTime) same_instant = g_date_time_new_from_iso8601 ("2026-11-30T10:00:00Z", NULL);
  guint changed = 0;
  guint notified = 0;

  g_signal_connect (update, "changed", G_CALLBACK (count_cb), &changed);
  g_signal_connect (update, "notify", G_CALLBACK (count_notify_cb), &notified);

  /* Nothing that keeps the value emits anything. */
  candor_update_set_kind (update, CANDOR_UPDATE_KIND_INITIAL);
  candor_update_set_field (update, CANDOR_FIELD_IMPACT_NOW, "");
  candor_update_set_field (update, CANDOR_FIELD_IMPACT_NOW, NULL);
  candor_update_set_contact_name (update, "");
  candor_update_set_no_lasting_consequences (update, FALSE);
  candor_update_set_next_update_at (update, NULL);
  g_assert_cmpuint (changed, ==, 0);
  g_assert_cmpuint (notified, ==, 0);

  candor_update_set_kind (update, CANDOR_UPDATE_KIND_RESOLUTION);
  candor_update_set_field (update, CANDOR_FIELD_IMPACT_NOW, "Checkout fails.");
  candor_update_set_contact_name (update, "Maria Keller");
  candor_update_set_contact_reach (update, "support@example.com");
  candor_update_set_no_lasting_consequences (update, TRUE);
  candor_update_set_next_update_at (update, at);
  candor_update_set_next_update_when_changed (update, TRUE);
  g_assert_cmpuint (changed, ==, 7);
  g_assert_cmpuint (notified, ==, 7);

  /* Equal again: the same text, any true value, the same instant in another zone. */
  candor_update_set_field (update, CANDOR_FIELD_IMPACT_NOW, "Checkout fails.");
  candor_update_set_no_lasting_consequences (update, 42);
  candor_update_set_next_update_at (update, same_instant);
  g_object_set (update, "contact-name", "Maria Keller", "kind", CANDOR_UPDATE_KIND_RESOLUTION,
                NULL);
  g_assert_cmpuint (changed, ==, 7);
  g_assert_cmpuint (notified, ==, 7);

  g_object_set (update, "impact-now", "Checkout works again.", NULL);
  g_assert_cmpuint (changed, ==, 8);
  candor_update_set_next_update_at (update, NULL);
  g_assert_cmpuint (changed, ==, 9);
  g_assert_null (candor_update_get_next_update_at (update));
  g_assert_true (candor_update_get_no_lasting_consequences (update));
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
      else if (type == G_TYPE_DATE_TIME)
        assert_same_time (g_value_get_boxed (&va), g_value_get_boxed (&vb));
      else
        g_assert_cmpint (g_param_values_cmp (pspecs[i], &va, &vb), ==, 0);
    }
}

/* An update with every property away from its default, times in two zones. */
static CandorUpdate *
new_full_update (void)
{
  g_autoptr (GTimeZone) kolkata = g_time_zone_new_identifier ("Asia/Kolkata");
  g_autoptr (GDateTime) created = g_date_time_new (kolkata, 2026, 11, 30, 9, 40, 1.25);
  g_autoptr (GDateTime) next = g_date_time_new_from_iso8601 ("2026-11-30T11:00:00-05:00", NULL);
  CandorUpdate *update;

  update = g_object_new (CANDOR_TYPE_UPDATE, "id", "upd-1", "created-at", created, "kind",
                         CANDOR_UPDATE_KIND_RESOLUTION, "no-lasting-consequences", TRUE,
                         "contact-name", "Мария Келлер", "contact-reach", "support@example.com",
                         "next-update-at", next, "next-update-when-changed", TRUE, NULL);
  for (CandorField field = 0; field < CANDOR_N_FIELDS; field++)
    {
      g_autofree char *text = g_strdup_printf (
        "*%s*\n\n- “quoted” \\ line\t%u", candor_enum_to_nick (CANDOR_TYPE_FIELD, field), field);

      candor_update_set_field (update, field, text);
    }

  return update;
}

static CandorUpdate *
round_trip (CandorUpdate *update)
{
  g_autoptr (JsonNode) node = candor_update_to_json (update);
  g_autofree char *text = json_to_string (node, FALSE);
  g_autoptr (JsonNode) parsed = json_from_string (text, NULL);
  g_autoptr (GError) error = NULL;
  CandorUpdate *read_back;

  read_back = candor_update_from_json (parsed, &error);
  g_assert_no_error (error);
  g_assert_nonnull (read_back);
  return read_back;
}

static void
test_update_copy (void)
{
  g_autoptr (CandorUpdate) update = new_full_update ();
  g_autoptr (CandorUpdate) fresh = candor_update_new (CANDOR_UPDATE_KIND_PROGRESS);
  g_autoptr (CandorUpdate) copy = candor_update_copy (update);
  g_autoptr (CandorUpdate) fresh_copy = candor_update_copy (fresh);
  guint changed = 0;

  assert_same_properties (G_OBJECT (copy), G_OBJECT (update));
  assert_same_properties (G_OBJECT (fresh_copy), G_OBJECT (fresh));

  /* Deep: nothing is shared that could change under the other. */
  for (CandorField field = 0; field < CANDOR_N_FIELDS; field++)
    g_assert_true (candor_update_get_field (copy, field) !=
                   candor_update_get_field (update, field));
  g_assert_true (candor_update_get_contact_name (copy) != candor_update_get_contact_name (update));

  /* A copy is a new object: it tells no one, and its changes stay its own. */
  g_signal_connect (update, "changed", G_CALLBACK (count_cb), &changed);
  candor_update_set_field (copy, CANDOR_FIELD_IMPACT_NOW, "Changed");
  candor_update_set_kind (copy, CANDOR_UPDATE_KIND_PROGRESS);
  candor_update_set_next_update_at (copy, NULL);
  g_assert_cmpuint (changed, ==, 0);
  g_assert_true (
    g_str_has_prefix (candor_update_get_field (update, CANDOR_FIELD_IMPACT_NOW), "*impact-now*"));
  g_assert_cmpint (candor_update_get_kind (update), ==, CANDOR_UPDATE_KIND_RESOLUTION);
  g_assert_nonnull (candor_update_get_next_update_at (update));
}

static void
test_update_json_round_trip (void)
{
  g_autoptr (CandorUpdate) update = new_full_update ();
  g_autoptr (CandorUpdate) fresh = candor_update_new (CANDOR_UPDATE_KIND_INITIAL);
  g_autoptr (CandorUpdate) read_back = NULL;
  g_autoptr (CandorUpdate) fresh_back = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (JsonNode) fresh_node = NULL;
  g_autofree char        *text = NULL;
  g_autofree char        *fresh_text = NULL;
  g_autofree GParamSpec **pspecs = NULL;
  guint                   n_pspecs;

  /* The fixture really sets every property, or the round trip proves less. */
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (update), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto (GValue) full_value = G_VALUE_INIT;
      g_auto (GValue) fresh_value = G_VALUE_INIT;

      g_object_get_property (G_OBJECT (update), pspecs[i]->name, &full_value);
      g_object_get_property (G_OBJECT (fresh), pspecs[i]->name, &fresh_value);
      g_assert_cmpint (g_param_values_cmp (pspecs[i], &full_value, &fresh_value), !=, 0);
    }

  node = candor_update_to_json (update);
  text = json_to_string (node, FALSE);
  g_assert_true (
    g_str_has_prefix (text, "{\"id\":\"upd-1\",\"kind\":\"resolution\","
                            "\"created-at\":\"2026-11-30T09:40:01.250000+05:30\","
                            "\"impact-now\":\"*impact-now*\\n\\n- “quoted” \\\\ line\\t0\","));
  g_assert_true (g_str_has_suffix (text, "\"no-lasting-consequences\":true,"
                                         "\"contact-name\":\"Мария Келлер\","
                                         "\"contact-reach\":\"support@example.com\","
                                         "\"next-update-at\":\"2026-11-30T11:00:00-05:00\","
                                         "\"next-update-when-changed\":true}"));

  read_back = round_trip (update);
  assert_same_properties (G_OBJECT (read_back), G_OBJECT (update));

  /* Unset stays unset: empty texts, no next update time. */
  fresh_node = candor_update_to_json (fresh);
  fresh_text = json_to_string (fresh_node, FALSE);
  g_assert_nonnull (strstr (fresh_text, "\"impact-now\":\"\","));
  g_assert_nonnull (strstr (fresh_text, "\"next-update-at\":null,"));
  fresh_back = round_trip (fresh);
  assert_same_properties (G_OBJECT (fresh_back), G_OBJECT (fresh));
}

static void
test_update_json_absent_keys (void)
{
  g_autoptr (JsonNode) node = json_from_string ("{\"id\": \"\"}", NULL);
  g_autoptr (CandorUpdate) update = NULL;
  g_autoptr (GDateTime) before = g_date_time_new_now_utc ();
  g_autoptr (GError) error = NULL;

  update = candor_update_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (candor_update_get_id (update)));
  g_assert_cmpint (candor_update_get_kind (update), ==, CANDOR_UPDATE_KIND_INITIAL);
  g_assert_cmpint (ABS (g_date_time_difference (candor_update_get_created_at (update), before)), <,
                   G_TIME_SPAN_MINUTE);
  for (CandorField field = 0; field < CANDOR_N_FIELDS; field++)
    g_assert_cmpstr (candor_update_get_field (update, field), ==, "");
  g_assert_null (candor_update_get_next_update_at (update));
  g_assert_false (candor_update_get_next_update_when_changed (update));
}

static void
test_update_json_errors (void)
{
  const struct
  {
    const char *json;
    const char *path;
    int         code;
    const char *message;
  } cases[] = {
    { "[]", "update", CANDOR_JSON_ERROR_TYPE, "update: expected an object, found a list" },
    { "{\"kind\": 1}", NULL, CANDOR_JSON_ERROR_TYPE, "kind: expected text, found a number" },
    { "{\"kind\": \"soon\"}", "update", CANDOR_JSON_ERROR_VALUE,
      "update.kind: “soon” is not a message kind; use one of initial, progress, resolution, "
      "post-incident" },
    { "{\"created-at\": \"soon\"}", "update", CANDOR_JSON_ERROR_VALUE, NULL },
    { "{\"next-update-at\": \"2026-11-30T11:00:00\"}", "update", CANDOR_JSON_ERROR_VALUE,
      "update.next-update-at: “2026-11-30T11:00:00” is not a time; write it as ISO 8601 with an "
      "offset, e.g. 2026-11-30T14:05:00+01:00" },
    { "{\"next-update-at\": 5}", "update", CANDOR_JSON_ERROR_TYPE,
      "update.next-update-at: expected text, found a number" },
    { "{\"executive-summary\": [\"a\"]}", "updates[3]", CANDOR_JSON_ERROR_TYPE,
      "updates[3].executive-summary: expected text, found a list" },
    { "{\"contact-name\": {}}", "update", CANDOR_JSON_ERROR_TYPE, NULL },
    { "{\"no-lasting-consequences\": \"yes\"}", "update", CANDOR_JSON_ERROR_TYPE,
      "update.no-lasting-consequences: expected true or false, found text" },
    { "{\"next-update-when-changed\": 1}", "update", CANDOR_JSON_ERROR_TYPE, NULL },
    { "{\"contact-nam\": \"Maria\"}", "update", CANDOR_JSON_ERROR_UNKNOWN_KEY,
      "update.contact-nam: unknown key; did you mean “contact-name”?" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (JsonNode) node = json_from_string (cases[i].json, NULL);
      g_autoptr (CandorUpdate) update = NULL;
      g_autoptr (GError) error = NULL;

      g_test_message ("%s", cases[i].json);
      g_assert_nonnull (node);
      update = candor_update_from_json_at (node, cases[i].path, &error);
      g_assert_null (update);
      g_assert_error (error, CANDOR_JSON_ERROR, cases[i].code);
      if (cases[i].message != NULL)
        g_assert_cmpstr (error->message, ==, cases[i].message);
      /* Every message names where the problem is. */
      else
        g_assert_true (g_str_has_prefix (error->message, cases[i].path));
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/update/defaults", test_update_defaults);
  g_test_add_func ("/core/update/field-properties", test_update_field_properties);
  g_test_add_func ("/core/update/changed-once-per-change", test_update_changed_once_per_change);
  g_test_add_func ("/core/update/copy", test_update_copy);
  g_test_add_func ("/core/update/json-round-trip", test_update_json_round_trip);
  g_test_add_func ("/core/update/json-absent-keys", test_update_json_absent_keys);
  g_test_add_func ("/core/update/json-errors", test_update_json_errors);

  return g_test_run ();
}
