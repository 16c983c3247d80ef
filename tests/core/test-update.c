/* test-update.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "candor-enum-types.h"
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

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/update/defaults", test_update_defaults);
  g_test_add_func ("/core/update/field-properties", test_update_field_properties);
  g_test_add_func ("/core/update/changed-once-per-change", test_update_changed_once_per_change);

  return g_test_run ();
}
