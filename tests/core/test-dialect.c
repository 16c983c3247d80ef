/* test-dialect.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "candor-dialect.h"
#include "candor-enum-types.h"
#include "candor-social-thread.h"

/* Every dialect has its own row, named by the nick stored data uses, with a label. */
static void
test_dialect_table_complete (void)
{
  g_autoptr (GEnumClass) klass = g_type_class_ref (CANDOR_TYPE_DIALECT);

  g_assert_cmpuint (klass->n_values, ==, CANDOR_N_DIALECTS);

  for (int d = 0; d < CANDOR_N_DIALECTS; d++)
    {
      const CandorDialectInfo *info = candor_dialect_get_info (d);
      GEnumValue              *value = g_enum_get_value (klass, d);

      g_assert_nonnull (info);
      g_assert_nonnull (value);
      g_assert_cmpint (info->dialect, ==, d);
      g_assert_cmpstr (info->nick, ==, value->value_nick);
      g_assert_cmpstr (candor_dialect_get_nick (d), ==, value->value_nick);
      g_assert_cmpint (g_enum_get_value_by_nick (klass, info->nick)->value, ==, d);

      g_assert_nonnull (candor_dialect_get_label (d));
      g_assert_cmpstr (candor_dialect_get_label (d), !=, "");
      g_assert_cmpint (info->markup, <, CANDOR_N_MARKUPS);

      /* A limit always says what it counts, and only a limit has units. */
      g_assert_cmpint (info->limit == 0, ==, info->units == CANDOR_LENGTH_UNITS_NONE);

      /* A thread of posts is what a social network takes, and only it. */
      g_assert_cmpint (info->threading == CANDOR_THREADING_POSTS, ==,
                       info->payload == CANDOR_PAYLOAD_THREAD);
      g_assert_cmpint (candor_dialect_is_thread (d), ==, info->threading == CANDOR_THREADING_POSTS);
    }
}

/* The values each service documents. */
static void
test_dialect_limits (void)
{
  static const struct
  {
    CandorDialect     dialect;
    guint             limit;
    CandorLengthUnits units;
  } expected[] = {
    { CANDOR_DIALECT_PLAIN, 0, CANDOR_LENGTH_UNITS_NONE },
    { CANDOR_DIALECT_EMAIL, 0, CANDOR_LENGTH_UNITS_NONE },
    { CANDOR_DIALECT_SLACK, 40000, CANDOR_LENGTH_UNITS_CHARACTERS },
    { CANDOR_DIALECT_DISCORD, 2000, CANDOR_LENGTH_UNITS_CHARACTERS },
    { CANDOR_DIALECT_MATTERMOST, 16383, CANDOR_LENGTH_UNITS_CHARACTERS },
    { CANDOR_DIALECT_MATRIX, 64000, CANDOR_LENGTH_UNITS_BYTES },
    { CANDOR_DIALECT_TEAMS, 28000, CANDOR_LENGTH_UNITS_BYTES },
    { CANDOR_DIALECT_STATUS_PAGE, 0, CANDOR_LENGTH_UNITS_NONE },
    { CANDOR_DIALECT_MASTODON, 500, CANDOR_LENGTH_UNITS_GRAPHEMES_FIXED_URLS },
    { CANDOR_DIALECT_BLUESKY, 300, CANDOR_LENGTH_UNITS_GRAPHEMES },
    { CANDOR_DIALECT_X, 280, CANDOR_LENGTH_UNITS_WEIGHTED },
    { CANDOR_DIALECT_TELEGRAM, 4096, CANDOR_LENGTH_UNITS_UTF16 },
    { CANDOR_DIALECT_SIGNED_WEBHOOK, 0, CANDOR_LENGTH_UNITS_NONE },
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (expected) == CANDOR_N_DIALECTS);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const CandorDialectInfo *info = candor_dialect_get_info (expected[i].dialect);

      g_assert_cmpuint (info->limit, ==, expected[i].limit);
      g_assert_cmpint (info->units, ==, expected[i].units);
      if (candor_dialect_is_thread (expected[i].dialect))
        g_assert_cmpuint (candor_social_network_get_limit (expected[i].dialect), ==,
                          expected[i].limit);
    }

  g_assert_cmpstr (candor_dialect_get_label (CANDOR_DIALECT_TEAMS), ==, "Microsoft Teams");
  g_assert_cmpint (candor_dialect_get_info (CANDOR_DIALECT_MATTERMOST)->markup, ==,
                   CANDOR_MARKUP_DISCORD);
  g_assert_cmpint (candor_dialect_get_info (CANDOR_DIALECT_EMAIL)->threading, ==,
                   CANDOR_THREADING_REPLY_HEADERS);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dialect/table-complete", test_dialect_table_complete);
  g_test_add_func ("/dialect/limits", test_dialect_limits);

  return g_test_run ();
}
