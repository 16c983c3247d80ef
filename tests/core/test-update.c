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
                                         "\"next-update-when-changed\":true,"
                                         "\"translations\":{}}"));

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
    { "{\"translations\": []}", "update", CANDOR_JSON_ERROR_TYPE, NULL },
    { "{\"translations\": {\"Russian\": {}}}", "update", CANDOR_JSON_ERROR_VALUE,
      "update.translations: “Russian” is not a language code; use one such as en or ru" },
    { "{\"translations\": {\"ru\": {\"impact\": {\"text\": \"x\"}}}}", "update",
      CANDOR_JSON_ERROR_UNKNOWN_KEY, NULL },
    { "{\"translations\": {\"ru\": {\"contact\": {\"txt\": \"x\"}}}}", "update",
      CANDOR_JSON_ERROR_UNKNOWN_KEY, NULL },
    { "{\"translations\": {\"ru\": {\"contact\": \"x\"}}}", "update", CANDOR_JSON_ERROR_TYPE,
      "update.translations.ru.contact: expected an object, found text" },
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

/* A translation remembers the primary text it was written against, and is
 * outdated exactly while that text differs from the primary text now. */
static void
test_update_translations (void)
{
  g_autoptr (CandorUpdate) update = candor_update_new (CANDOR_UPDATE_KIND_INITIAL);
  g_autoptr (CandorUpdate) copy = NULL;
  guint changed = 0;

  g_signal_connect (update, "changed", G_CALLBACK (count_cb), &changed);
  candor_update_set_field (update, CANDOR_FIELD_IMPACT_NOW, "Logins fail.");
  changed = 0;

  g_assert_cmpstr (candor_update_get_translation (update, "ru", CANDOR_FIELD_IMPACT_NOW), ==, "");
  g_assert_null (candor_update_get_translation_source (update, "ru", CANDOR_FIELD_IMPACT_NOW));
  g_assert_false (candor_update_has_translation (update, "ru"));
  g_assert_false (candor_update_get_translation_outdated (update, "ru", CANDOR_FIELD_IMPACT_NOW));

  candor_update_set_translation (update, "ru", CANDOR_FIELD_IMPACT_NOW, "Вход не работает.");
  g_assert_cmpuint (changed, ==, 1);
  candor_update_set_translation (update, "ru", CANDOR_FIELD_IMPACT_NOW, "Вход не работает.");
  g_assert_cmpuint (changed, ==, 1);
  g_assert_true (candor_update_has_translation (update, "ru"));
  g_assert_true (candor_update_has_translation (update, "ru-RU"));
  g_assert_false (candor_update_has_translation (update, "de"));
  g_assert_cmpstr (candor_update_get_translation_source (update, "ru", CANDOR_FIELD_IMPACT_NOW), ==,
                   "Logins fail.");
  g_assert_false (candor_update_get_translation_outdated (update, "ru", CANDOR_FIELD_IMPACT_NOW));

  /* The primary text changes: the translation may no longer say the same. */
  candor_update_set_field (update, CANDOR_FIELD_IMPACT_NOW, "Logins and sign-ups fail.");
  g_assert_true (candor_update_get_translation_outdated (update, "ru", CANDOR_FIELD_IMPACT_NOW));
  g_assert_cmpstr (candor_update_get_translation_source (update, "ru", CANDOR_FIELD_IMPACT_NOW), ==,
                   "Logins fail.");
  /* ... and changing it back makes it current again. */
  candor_update_set_field (update, CANDOR_FIELD_IMPACT_NOW, "Logins fail.");
  g_assert_false (candor_update_get_translation_outdated (update, "ru", CANDOR_FIELD_IMPACT_NOW));

  /* The author looked and it still says the same. */
  candor_update_set_field (update, CANDOR_FIELD_IMPACT_NOW, "Logins fail for everyone.");
  g_assert_true (candor_update_get_translation_outdated (update, "ru", CANDOR_FIELD_IMPACT_NOW));
  changed = 0;
  candor_update_mark_translation_current (update, "ru", CANDOR_FIELD_IMPACT_NOW);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_false (candor_update_get_translation_outdated (update, "ru", CANDOR_FIELD_IMPACT_NOW));
  candor_update_mark_translation_current (update, "ru", CANDOR_FIELD_IMPACT_NOW);
  g_assert_cmpuint (changed, ==, 1);

  /* Writing the translation again records the primary text of now. */
  candor_update_set_field (update, CANDOR_FIELD_IMPACT_NOW, "Logins fail for all users.");
  candor_update_set_translation (update, "ru", CANDOR_FIELD_IMPACT_NOW,
                                 "Вход не работает ни у кого.");
  g_assert_false (candor_update_get_translation_outdated (update, "ru", CANDOR_FIELD_IMPACT_NOW));

  /* An empty translation is never outdated, and has no source. */
  candor_update_set_field (update, CANDOR_FIELD_CONTACT, "Maria");
  candor_update_set_translation (update, "ru", CANDOR_FIELD_CONTACT, "");
  candor_update_set_field (update, CANDOR_FIELD_CONTACT, "Maria Keller");
  g_assert_false (candor_update_get_translation_outdated (update, "ru", CANDOR_FIELD_CONTACT));
  g_assert_null (candor_update_get_translation_source (update, "ru", CANDOR_FIELD_CONTACT));

  /* A copy carries the translations and their state, and shares nothing. */
  candor_update_set_field (update, CANDOR_FIELD_IMPACT_NOW, "Logins fail.");
  copy = candor_update_copy (update);
  g_assert_cmpstr (candor_update_get_translation (copy, "ru", CANDOR_FIELD_IMPACT_NOW), ==,
                   "Вход не работает ни у кого.");
  g_assert_true (candor_update_get_translation_outdated (copy, "ru", CANDOR_FIELD_IMPACT_NOW));
  g_assert_true (candor_update_get_translation (copy, "ru", CANDOR_FIELD_IMPACT_NOW) !=
                 candor_update_get_translation (update, "ru", CANDOR_FIELD_IMPACT_NOW));
  candor_update_mark_translation_current (copy, "ru", CANDOR_FIELD_IMPACT_NOW);
  g_assert_true (candor_update_get_translation_outdated (update, "ru", CANDOR_FIELD_IMPACT_NOW));
}

static void
test_update_new_in_language (void)
{
  g_autoptr (CandorUpdate) update = new_full_update ();
  g_autoptr (CandorUpdate) russian = NULL;
  g_autoptr (CandorUpdate) german = NULL;

  candor_update_set_translation (update, "ru", CANDOR_FIELD_EXECUTIVE_SUMMARY, "Кратко.");
  russian = candor_update_new_in_language (update, "ru");
  german = candor_update_new_in_language (update, "de");

  /* Each translated field reads in the language, the others keep the primary text. */
  g_assert_cmpstr (candor_update_get_field (russian, CANDOR_FIELD_EXECUTIVE_SUMMARY), ==,
                   "Кратко.");
  g_assert_cmpstr (candor_update_get_field (russian, CANDOR_FIELD_IMPACT_NOW), ==,
                   candor_update_get_field (update, CANDOR_FIELD_IMPACT_NOW));
  g_assert_cmpstr (candor_update_get_field (german, CANDOR_FIELD_EXECUTIVE_SUMMARY), ==,
                   candor_update_get_field (update, CANDOR_FIELD_EXECUTIVE_SUMMARY));
  /* Everything else is the update's own. */
  g_assert_cmpstr (candor_update_get_id (russian), ==, "upd-1");
  g_assert_cmpint (candor_update_get_kind (russian), ==, CANDOR_UPDATE_KIND_RESOLUTION);
  g_assert_cmpstr (candor_update_get_contact_name (russian), ==, "Мария Келлер");
  g_assert_true (candor_update_get_no_lasting_consequences (russian));
  g_assert_true (candor_update_get_next_update_when_changed (russian));
  g_assert_true (g_date_time_equal (candor_update_get_next_update_at (russian),
                                    candor_update_get_next_update_at (update)));
  /* A view, not a draft: it has no languages of its own. */
  g_assert_false (candor_update_has_translation (russian, "ru"));
}

static void
test_update_translations_json (void)
{
  g_autoptr (CandorUpdate) update = candor_update_new (CANDOR_UPDATE_KIND_INITIAL);
  g_autoptr (CandorUpdate) read_back = NULL;
  g_autoptr (CandorUpdate) hand_written = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (JsonNode) hand_node = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  candor_update_set_field (update, CANDOR_FIELD_IMPACT_NOW, "Logins fail.");
  candor_update_set_field (update, CANDOR_FIELD_CONTACT, "Maria");
  candor_update_set_translation (update, "ru", CANDOR_FIELD_IMPACT_NOW, "Вход не работает.");
  candor_update_set_translation (update, "ru", CANDOR_FIELD_CONTACT, "Мария");
  candor_update_set_translation (update, "de", CANDOR_FIELD_CONTACT, "Maria");
  candor_update_set_field (update, CANDOR_FIELD_IMPACT_NOW, "Logins fail again.");

  node = candor_update_to_json (update);
  text = json_to_string (node, FALSE);
  g_assert_true (g_str_has_suffix (
    text, "\"translations\":{\"ru\":{\"impact-now\":{\"text\":\"Вход не работает.\","
          "\"source\":\"Logins fail.\"},\"contact\":{\"text\":\"Мария\",\"source\":\"Maria\"}},"
          "\"de\":{\"contact\":{\"text\":\"Maria\",\"source\":\"Maria\"}}}}"));

  read_back = round_trip (update);
  g_assert_cmpstr (candor_update_get_translation (read_back, "ru", CANDOR_FIELD_IMPACT_NOW), ==,
                   "Вход не работает.");
  g_assert_true (candor_update_get_translation_outdated (read_back, "ru", CANDOR_FIELD_IMPACT_NOW));
  g_assert_false (candor_update_get_translation_outdated (read_back, "ru", CANDOR_FIELD_CONTACT));
  g_assert_cmpstr (candor_update_get_translation (read_back, "de", CANDOR_FIELD_CONTACT), ==,
                   "Maria");

  /* Written by hand without its source: written against the text as it is. */
  hand_node = json_from_string ("{\"impact-now\": \"Logins fail.\", \"translations\": "
                                "{\"ru\": {\"impact-now\": {\"text\": \"Вход не работает.\"}}}}",
                                NULL);
  hand_written = candor_update_from_json (hand_node, &error);
  g_assert_no_error (error);
  g_assert_false (
    candor_update_get_translation_outdated (hand_written, "ru", CANDOR_FIELD_IMPACT_NOW));
  g_assert_cmpstr (
    candor_update_get_translation_source (hand_written, "ru", CANDOR_FIELD_IMPACT_NOW), ==,
    "Logins fail.");
}

/* A follow-up starts from the last update sent: its text, translations and
 * contact, as a new message of its own that promises no time yet. */
static void
test_update_new_follow_up (void)
{
  g_autoptr (CandorUpdate) last = candor_update_new (CANDOR_UPDATE_KIND_INITIAL);
  g_autoptr (CandorUpdate) progress = NULL;
  g_autoptr (CandorUpdate) resolution = NULL;
  g_autoptr (GDateTime) before = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) at = g_date_time_new_from_iso8601 ("2026-11-30T11:00:00Z", NULL);

  candor_update_set_field (last, CANDOR_FIELD_IMPACT_NOW, "Checkout fails.");
  candor_update_set_field (last, CANDOR_FIELD_NEXT_UPDATE, "Around noon.");
  candor_update_set_translation (last, "ru", CANDOR_FIELD_IMPACT_NOW, "Оплата не проходит.");
  candor_update_set_translation (last, "ru", CANDOR_FIELD_NEXT_UPDATE, "Около полудня.");
  candor_update_set_contact_name (last, "Dana");
  candor_update_set_contact_reach (last, "support@example.com");
  candor_update_set_no_lasting_consequences (last, TRUE);
  candor_update_set_next_update_at (last, at);
  candor_update_set_next_update_when_changed (last, TRUE);

  progress = candor_update_new_follow_up (last, CANDOR_UPDATE_KIND_PROGRESS);
  g_assert_cmpint (candor_update_get_kind (progress), ==, CANDOR_UPDATE_KIND_PROGRESS);
  g_assert_true (g_uuid_string_is_valid (candor_update_get_id (progress)));
  g_assert_cmpstr (candor_update_get_id (progress), !=, candor_update_get_id (last));
  g_assert_cmpint (ABS (g_date_time_difference (candor_update_get_created_at (progress), before)),
                   <, G_TIME_SPAN_MINUTE);
  g_assert_cmpstr (candor_update_get_field (progress, CANDOR_FIELD_IMPACT_NOW), ==,
                   "Checkout fails.");
  g_assert_cmpstr (candor_update_get_field (progress, CANDOR_FIELD_NEXT_UPDATE), ==,
                   "Around noon.");
  g_assert_cmpstr (candor_update_get_translation (progress, "ru", CANDOR_FIELD_IMPACT_NOW), ==,
                   "Оплата не проходит.");
  g_assert_cmpstr (candor_update_get_contact_name (progress), ==, "Dana");
  g_assert_cmpstr (candor_update_get_contact_reach (progress), ==, "support@example.com");
  g_assert_true (candor_update_get_no_lasting_consequences (progress));
  g_assert_null (candor_update_get_next_update_at (progress));
  g_assert_false (candor_update_get_next_update_when_changed (progress));

  /* The sources came along: changing only the primary text outdates the
   * translation, and the last update is left as it was sent. */
  g_assert_false (candor_update_get_translation_outdated (progress, "ru", CANDOR_FIELD_IMPACT_NOW));
  candor_update_set_field (progress, CANDOR_FIELD_IMPACT_NOW, "Checkout is slow.");
  g_assert_true (candor_update_get_translation_outdated (progress, "ru", CANDOR_FIELD_IMPACT_NOW));
  g_assert_cmpstr (candor_update_get_translation_source (progress, "ru", CANDOR_FIELD_IMPACT_NOW),
                   ==, "Checkout fails.");
  g_assert_cmpstr (candor_update_get_field (last, CANDOR_FIELD_IMPACT_NOW), ==, "Checkout fails.");
  g_assert_nonnull (candor_update_get_next_update_at (last));

  /* A resolution announces no next update, in any language. */
  resolution = candor_update_new_follow_up (last, CANDOR_UPDATE_KIND_RESOLUTION);
  g_assert_cmpint (candor_update_get_kind (resolution), ==, CANDOR_UPDATE_KIND_RESOLUTION);
  g_assert_cmpstr (candor_update_get_field (resolution, CANDOR_FIELD_NEXT_UPDATE), ==, "");
  g_assert_cmpstr (candor_update_get_translation (resolution, "ru", CANDOR_FIELD_NEXT_UPDATE), ==,
                   "");
  g_assert_null (candor_update_get_translation_source (resolution, "ru", CANDOR_FIELD_NEXT_UPDATE));
  g_assert_cmpstr (candor_update_get_translation (resolution, "ru", CANDOR_FIELD_IMPACT_NOW), ==,
                   "Оплата не проходит.");
  g_assert_cmpstr (candor_update_get_id (resolution), !=, candor_update_get_id (progress));
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
  g_test_add_func ("/core/update/translations", test_update_translations);
  g_test_add_func ("/core/update/new-in-language", test_update_new_in_language);
  g_test_add_func ("/core/update/translations-json", test_update_translations_json);
  g_test_add_func ("/core/update/new-follow-up", test_update_new_follow_up);

  return g_test_run ();
}
