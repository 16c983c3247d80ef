/* test-enums.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "candor-enum-types.h"
#include "candor-enums.h"

static void
test_enums_nicks_round_trip (void)
{
  const struct
  {
    GType       type;
    const char *nick;
    int         value;
  } cases[] = {
    { CANDOR_TYPE_SEVERITY, "critical", CANDOR_SEVERITY_CRITICAL },
    { CANDOR_TYPE_INCIDENT_STATE, "monitoring", CANDOR_INCIDENT_STATE_MONITORING },
    { CANDOR_TYPE_UPDATE_KIND, "post-incident", CANDOR_UPDATE_KIND_POST_INCIDENT },
    { CANDOR_TYPE_UPDATE_KIND, "initial", CANDOR_UPDATE_KIND_INITIAL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int value = -1;

      g_assert_true (candor_enum_from_nick (cases[i].type, cases[i].nick, &value));
      g_assert_cmpint (value, ==, cases[i].value);
      g_assert_cmpstr (candor_enum_to_nick (cases[i].type, value), ==, cases[i].nick);
    }
}

static void
test_enums_unknown_nick (void)
{
  int value = 7;

  g_assert_false (candor_enum_from_nick (CANDOR_TYPE_SEVERITY, "catastrophic", &value));
  g_assert_false (candor_enum_from_nick (CANDOR_TYPE_SEVERITY, NULL, &value));
  g_assert_cmpint (value, ==, 7);
  g_assert_null (candor_enum_to_nick (CANDOR_TYPE_SEVERITY, 99));
}

static void
test_enums_labels (void)
{
  g_assert_cmpstr (candor_severity_get_label (CANDOR_SEVERITY_MAJOR), ==, "Major");
  g_assert_cmpstr (candor_incident_state_get_label (CANDOR_INCIDENT_STATE_RESOLVED), ==,
                   "Resolved");
  g_assert_cmpstr (candor_update_kind_get_label (CANDOR_UPDATE_KIND_INITIAL), ==, "First notice");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/enums/nicks-round-trip", test_enums_nicks_round_trip);
  g_test_add_func ("/core/enums/unknown-nick", test_enums_unknown_nick);
  g_test_add_func ("/core/enums/labels", test_enums_labels);

  return g_test_run ();
}
