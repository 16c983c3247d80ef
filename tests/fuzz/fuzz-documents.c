/* fuzz-documents.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "candor-audience.h"
#include "candor-channel.h"
#include "candor-contact.h"
#include "candor-json.h"

/* The input is a document as it comes back from the history (the json column of the
 * contacts, audiences and channel_settings tables): a damaged or hand-edited file can
 * hold anything at all. Each is read the way the store and the session read it
 * (candor_json_parse(), then the record's from_json; drafts have fuzz-draft, templates
 * fuzz-template). Whatever is refused is refused with words; whatever reads writes
 * back to JSON that reads again to the very same JSON. */

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

typedef GObject *(*FromJsonFunc) (JsonNode *node, GError **error);
typedef JsonNode *(*ToJsonFunc) (GObject *object);

static void
assert_refusal (const GError *error)
{
  g_assert (error != NULL);
  g_assert (error->message[0] != '\0');
  g_assert (g_utf8_validate (error->message, -1, NULL));
}

static GObject *
audience_from_json (JsonNode *node, GError **error)
{
  /* As the audience list reads each stored audience. */
  return (GObject *)candor_audience_new_from_json_at (node, "audiences[0]", error);
}

static void
check_round_trip (JsonNode *node, FromJsonFunc from_json, ToJsonFunc to_json)
{
  g_autoptr (GObject) object = NULL;
  g_autoptr (GObject) reloaded = NULL;
  g_autoptr (JsonNode) written = NULL;
  g_autoptr (JsonNode) reparsed = NULL;
  g_autoptr (JsonNode) rewritten = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  object = from_json (node, &error);
  if (object == NULL)
    {
      assert_refusal (error);
      return;
    }

  /* What the store writes is what candor_json_parse() reads back. */
  written = to_json (object);
  first = json_to_string (written, FALSE);
  g_assert (first != NULL);
  reparsed = candor_json_parse (first, -1, NULL, &error);
  if (reparsed == NULL)
    {
      g_printerr ("A written document does not read back: %s\n%s\n", error->message, first);
      g_assert_not_reached ();
    }

  reloaded = from_json (reparsed, &error);
  if (reloaded == NULL)
    {
      g_printerr ("A written record does not load back: %s\n%s\n", error->message, first);
      g_assert_not_reached ();
    }

  rewritten = to_json (reloaded);
  second = json_to_string (rewritten, FALSE);
  if (strcmp (first, second) != 0)
    {
      g_printerr ("The round trip changed the document:\n%s\n---\n%s\n", first, second);
      g_assert_not_reached ();
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (CandorContact) contact = NULL;
  g_autoptr (GError) error = NULL;
  /* The store's text is NUL-terminated and read with length -1, as the store does. */
  g_autofree char *text = g_strndup ((const char *)data, size);

  node = candor_json_parse (text, -1, NULL, &error);
  if (node == NULL)
    {
      assert_refusal (error);
      g_assert (error->domain == CANDOR_JSON_ERROR);
      return 0;
    }

  check_round_trip (node, (FromJsonFunc)candor_contact_new_from_json,
                    (ToJsonFunc)candor_contact_to_json);
  check_round_trip (node, audience_from_json, (ToJsonFunc)candor_audience_to_json);
  check_round_trip (node, (FromJsonFunc)candor_channel_new_from_json,
                    (ToJsonFunc)candor_channel_to_json);

  /* Contacts come through their own entry point, which must agree with the above. */
  contact = candor_contact_new_from_data (text, -1, &error);
  if (contact == NULL)
    assert_refusal (error);

  return 0;
}
