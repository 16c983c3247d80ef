/* test-channel.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "candor-channel.h"
#include "candor-dialect.h"
#include "candor-json.h"

static CandorChannel *
channel_from_text (const char *text, GError **error)
{
  g_autoptr (JsonNode) node = candor_json_parse (text, -1, NULL, error);

  g_assert_nonnull (node);
  return candor_channel_new_from_json (node, error);
}

/* Every kind names a dialect; the kinds that existed before channels were
 * configured are their dialect's nick, and newer ones may share a dialect. */
static void
test_channel_kinds (void)
{
  /* Kinds that write an existing dialect: the static site, Statuspage and
   * Cachet, all the status-page entry. */
  static const char *const sharing[] = { "static-site", "statuspage", "cachet", NULL };
  guint                    n_kinds;
  const CandorChannelKind *kinds = candor_channel_kind_get_all (&n_kinds);

  g_assert_cmpuint (n_kinds, ==, 16);
  g_assert_cmpint (candor_channel_kind_lookup ("static-site")->dialect, ==,
                   CANDOR_DIALECT_STATUS_PAGE);
  for (guint i = 0; i < n_kinds; i++)
    {
      g_assert_true (candor_channel_kind_lookup (kinds[i].nick) == &kinds[i]);
      if (!g_strv_contains (sharing, kinds[i].nick))
        {
          g_assert_cmpstr (kinds[i].nick, ==, candor_dialect_get_nick (kinds[i].dialect));
          g_assert_cmpstr (candor_channel_kind_get_label (&kinds[i]), ==,
                           candor_dialect_get_label (kinds[i].dialect));
        }
      for (guint s = 0; kinds[i].settings[s] != NULL; s++)
        g_assert_false (candor_channel_key_names_secret (kinds[i].settings[s]));
    }

  g_assert_null (candor_channel_kind_lookup ("fax"));
  g_assert_true (candor_channel_kind_takes_setting (candor_channel_kind_lookup ("email"), "to"));
  g_assert_false (candor_channel_kind_takes_setting (candor_channel_kind_lookup ("slack"), "to"));
  g_assert_cmpint (candor_channel_kind_lookup ("statuspage")->dialect, ==,
                   CANDOR_DIALECT_STATUS_PAGE);
  g_assert_cmpint (candor_channel_kind_lookup ("cachet")->dialect, ==, CANDOR_DIALECT_STATUS_PAGE);
}

static void
test_channel_json_round_trip (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorChannel) channel = candor_channel_new ("ops-list", "email", "Ops list");
  g_autoptr (CandorChannel) read = NULL;
  g_autoptr (CandorChannel) copy = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *text = NULL;

  g_assert_true (candor_channel_set_setting (channel, "from", "status@example.com", &error));
  g_assert_no_error (error);
  g_assert_true (candor_channel_set_setting (channel, "to", "ops@example.com", &error));
  g_assert_no_error (error);

  node = candor_channel_to_json (channel);
  text = json_to_string (node, FALSE);
  g_assert_cmpstr (text, ==,
                   "{\"id\":\"ops-list\",\"kind\":\"email\",\"name\":\"Ops list\","
                   "\"settings\":{\"from\":\"status@example.com\",\"to\":\"ops@example.com\"}}");

  read = candor_channel_new_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (candor_channel_get_id (read), ==, "ops-list");
  g_assert_cmpstr (candor_channel_get_kind (read)->nick, ==, "email");
  g_assert_cmpint (candor_channel_get_dialect (read), ==, CANDOR_DIALECT_EMAIL);
  g_assert_cmpstr (candor_channel_get_name (read), ==, "Ops list");
  g_assert_cmpstr (candor_channel_get_setting (read, "from"), ==, "status@example.com");
  g_assert_cmpstr (candor_channel_get_setting (read, "to"), ==, "ops@example.com");

  /* A copy is its own: changing it leaves the original alone. */
  copy = candor_channel_copy (read);
  g_assert_true (candor_channel_set_setting (copy, "to", NULL, &error));
  g_assert_null (candor_channel_get_setting (copy, "to"));
  g_assert_cmpstr (candor_channel_get_setting (read, "to"), ==, "ops@example.com");
  g_assert_cmpstr (candor_channel_get_setting (copy, "from"), ==, "status@example.com");
  /* A channel without a language speaks its audience's. */
  g_assert_null (candor_channel_get_language (copy));
}

/* A Russian Telegram channel says so, in its JSON and in its copies. */
static void
test_channel_language (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorChannel) channel = candor_channel_new ("ru-telegram", "telegram", "Статус");
  g_autoptr (CandorChannel) read = NULL;
  g_autoptr (CandorChannel) copy = NULL;
  g_autoptr (CandorChannel) bad = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *text = NULL;

  candor_channel_set_language (channel, "ru");
  node = candor_channel_to_json (channel);
  text = json_to_string (node, FALSE);
  g_assert_cmpstr (text, ==,
                   "{\"id\":\"ru-telegram\",\"kind\":\"telegram\",\"name\":\"Статус\","
                   "\"language\":\"ru\",\"settings\":{}}");
  read = candor_channel_new_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (candor_channel_get_language (read), ==, "ru");
  copy = candor_channel_copy (read);
  g_assert_cmpstr (candor_channel_get_language (copy), ==, "ru");
  candor_channel_set_language (copy, "");
  g_assert_null (candor_channel_get_language (copy));
  g_assert_cmpstr (candor_channel_get_language (read), ==, "ru");

  bad = channel_from_text ("{\"id\":\"a\",\"kind\":\"slack\",\"language\":\"Russian\"}", &error);
  g_assert_null (bad);
  g_assert_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_VALUE);
}

/* No secret ever enters a channel, nor a setting its kind does not take. */
static void
test_channel_refusals (void)
{
  g_autoptr (CandorChannel) channel = candor_channel_new ("ops", "slack", "Ops");
  static const struct
  {
    const char *json;
    int         code;
  } bad[] = {
    { "{\"id\":\"a\",\"kind\":\"slack\",\"name\":\"A\",\"settings\":{\"token\":\"xoxb\"}}",
      CANDOR_JSON_ERROR_VALUE },
    { "{\"id\":\"a\",\"kind\":\"email\",\"name\":\"A\",\"settings\":{\"SMTP_Password\":\"x\"}}",
      CANDOR_JSON_ERROR_VALUE },
    { "{\"id\":\"a\",\"kind\":\"slack\",\"name\":\"A\",\"settings\":{\"to\":\"x\"}}",
      CANDOR_JSON_ERROR_UNKNOWN_KEY },
    { "{\"id\":\"a\",\"kind\":\"email\",\"name\":\"A\",\"settings\":{\"to\":3}}",
      CANDOR_JSON_ERROR_TYPE },
    { "{\"id\":\"a\",\"kind\":\"email\",\"name\":\"A\",\"settings\":[]}", CANDOR_JSON_ERROR_TYPE },
    { "{\"id\":\"a\",\"kind\":\"pigeon\",\"name\":\"A\"}", CANDOR_JSON_ERROR_VALUE },
    { "{\"id\":\"a\",\"name\":\"A\"}", CANDOR_JSON_ERROR_MISSING_KEY },
    { "{\"kind\":\"email\",\"name\":\"A\"}", CANDOR_JSON_ERROR_MISSING_KEY },
    { "{\"id\":\"a\",\"kind\":\"email\",\"colour\":\"red\"}", CANDOR_JSON_ERROR_UNKNOWN_KEY },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (CandorChannel) read = channel_from_text (bad[i].json, &error);

      g_test_message ("%s", bad[i].json);
      g_assert_null (read);
      g_assert_error (error, CANDOR_JSON_ERROR, bad[i].code);
    }

  {
    g_autoptr (GError) error = NULL;

    g_assert_false (candor_channel_set_setting (channel, "webhook_url", "https://x", &error));
    g_assert_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_VALUE);
    g_assert_null (candor_channel_get_setting (channel, "webhook_url"));
  }
  {
    g_autoptr (GError) error = NULL;

    g_assert_false (candor_channel_set_setting (channel, "from", "a@example.com", &error));
    g_assert_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_UNKNOWN_KEY);
  }
}

static void
test_channel_defaults (void)
{
  g_autoptr (GPtrArray) channels = candor_channel_new_defaults ();
  guint                    n_kinds;
  const CandorChannelKind *kinds = candor_channel_kind_get_all (&n_kinds);

  g_assert_cmpuint (channels->len, ==, n_kinds);
  for (guint i = 0; i < channels->len; i++)
    {
      CandorChannel *channel = g_ptr_array_index (channels, i);

      g_assert_cmpstr (candor_channel_get_id (channel), ==, kinds[i].nick);
      g_assert_true (candor_channel_get_kind (channel) == &kinds[i]);
      g_assert_cmpstr (candor_channel_get_name (channel), ==,
                       candor_channel_kind_get_label (&kinds[i]));
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/channel/kinds", test_channel_kinds);
  g_test_add_func ("/channel/json-round-trip", test_channel_json_round_trip);
  g_test_add_func ("/channel/refusals", test_channel_refusals);
  g_test_add_func ("/channel/language", test_channel_language);
  g_test_add_func ("/channel/defaults", test_channel_defaults);

  return g_test_run ();
}
