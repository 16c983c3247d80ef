/* test-contact.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "candor-contact.h"
#include "candor-json.h"

static void
test_contact_round_trips (void)
{
  g_autoptr (CandorContact) contact = candor_contact_new ("Дана Ким", "+7 900 000-00-00");
  g_autoptr (CandorContact) read = NULL;
  g_autoptr (CandorContact) from_node = NULL;
  g_autoptr (JsonNode) node = candor_contact_to_json (contact);
  g_autoptr (GError) error = NULL;
  g_autofree char *data = candor_contact_to_data (contact);

  read = candor_contact_new_from_data (data, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (candor_contact_get_name (read), ==, "Дана Ким");
  g_assert_cmpstr (candor_contact_get_reach (read), ==, "+7 900 000-00-00");
  g_assert_true (candor_contact_equal (contact, read));

  from_node = candor_contact_new_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_true (candor_contact_equal (contact, from_node));
}

/* What the contact page wrote by hand before there was a record reads the same. */
static void
test_contact_reads_earlier_documents (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorContact) contact = candor_contact_new_from_data (
    "{\"name\": \"Dana Kim\", \"reach\": \"status@example.com\"}", -1, &error);
  g_autoptr (CandorContact) no_reach =
    candor_contact_new_from_data ("{\"name\": \"On call\"}", -1, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (candor_contact_get_name (contact), ==, "Dana Kim");
  g_assert_cmpstr (candor_contact_get_reach (contact), ==, "status@example.com");
  g_assert_cmpstr (candor_contact_get_reach (no_reach), ==, "");
}

static void
test_contact_equal_compares_both (void)
{
  g_autoptr (CandorContact) a = candor_contact_new ("Dana Kim", "status@example.com");
  g_autoptr (CandorContact) b = candor_contact_new ("Dana Kim", "dana@example.com");
  g_autoptr (CandorContact) c = candor_contact_new ("Dana Kim", NULL);

  g_assert_false (candor_contact_equal (a, b));
  g_assert_cmpstr (candor_contact_get_reach (c), ==, "");
}

static void
test_contact_refuses_bad_json (void)
{
  static const struct
  {
    const char *data;
    int         code;
  } cases[] = {
    { "{\"name\": ", CANDOR_JSON_ERROR_SYNTAX },
    { "[\"Dana Kim\"]", CANDOR_JSON_ERROR_TYPE },
    { "{\"reach\": \"status@example.com\"}", CANDOR_JSON_ERROR_MISSING_KEY },
    { "{\"name\": \"\"}", CANDOR_JSON_ERROR_MISSING_KEY },
    { "{\"name\": 42}", CANDOR_JSON_ERROR_TYPE },
    { "{\"name\": \"Dana Kim\", \"phone\": \"112\"}", CANDOR_JSON_ERROR_UNKNOWN_KEY },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (CandorContact) contact = candor_contact_new_from_data (cases[i].data, -1, &error);

      g_test_message ("%s", cases[i].data);
      g_assert_null (contact);
      g_assert_error (error, CANDOR_JSON_ERROR, cases[i].code);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/contact/round-trips", test_contact_round_trips);
  g_test_add_func ("/core/contact/reads-earlier-documents", test_contact_reads_earlier_documents);
  g_test_add_func ("/core/contact/equal-compares-both", test_contact_equal_compares_both);
  g_test_add_func ("/core/contact/refuses-bad-json", test_contact_refuses_bad_json);

  return g_test_run ();
}
