/* fuzz-draft.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "candor-checker.h"
#include "candor-draft.h"
#include "candor-json.h"

/* The input is a draft document as it comes from disk: anything at all. A draft that
 * loads must save, load again and save to the very same text (a round trip that loses
 * or changes something would silently corrupt a user's work on the next autosave),
 * and must survive the checker, which runs on it on every keystroke. */

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static CandorChecker *
checker_for (const char *language)
{
  static CandorChecker *checkers[2];
  guint                 index = g_strcmp0 (language, "ru") == 0 ? 1 : 0;

  /* Compiling the phrase lists is the slow part; do it once per language. */
  if (checkers[index] == NULL)
    {
      g_autoptr (GError) error = NULL;

      checkers[index] = candor_checker_new (index == 1 ? "ru" : "en", &error);
      g_assert_no_error (error);
    }
  return checkers[index];
}

static void
check_findings (GPtrArray *findings)
{
  g_assert (findings != NULL);
  for (guint i = 0; i < findings->len; i++)
    g_assert (CANDOR_IS_FINDING (g_ptr_array_index (findings, i)));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (CandorDraft) draft = NULL;
  g_autoptr (CandorDraft) reloaded = NULL;
  g_autoptr (GPtrArray) findings = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  gsize            first_length = 0;
  gsize            second_length = 0;
  CandorIncident  *incident;

  draft = candor_draft_load_from_data ((const char *)data, size, &error);
  if (draft == NULL)
    {
      /* Every refusal must tell the person what is wrong. */
      g_assert (error != NULL && error->domain == CANDOR_JSON_ERROR);
      g_assert (g_utf8_validate (error->message, -1, NULL) && error->message[0] != '\0');
      return 0;
    }
  g_assert_no_error (error);

  first = candor_draft_to_data (draft, &first_length);
  g_assert (first != NULL && strlen (first) == first_length);
  g_assert (g_utf8_validate (first, first_length, NULL));

  reloaded = candor_draft_load_from_data (first, first_length, &error);
  if (reloaded == NULL)
    {
      /* A message, then an abort that libFuzzer catches (g_error traps instead). */
      g_printerr ("A saved draft does not load back: %s\n%s\n", error->message, first);
      g_assert_not_reached ();
    }

  second = candor_draft_to_data (reloaded, &second_length);
  if (first_length != second_length || memcmp (first, second, first_length) != 0)
    {
      g_printerr ("The round trip changed the draft:\n%s\n---\n%s\n", first, second);
      g_assert_not_reached ();
    }

  incident = candor_draft_get_incident (draft);
  findings = candor_checker_check_update (checker_for (candor_incident_get_language (incident)),
                                          incident, candor_draft_get_update (draft));
  check_findings (findings);

  return 0;
}
