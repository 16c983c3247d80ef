/* fuzz-template.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "candor-json.h"
#include "candor-mustache.h"
#include "candor-template.h"

/* The input is a template file someone imports: it may come from anywhere. Whatever
 * loads is promised to render (the fields were checked against the declared variables),
 * to write out and load back unchanged, and to apply to an update; whatever does not
 * load must say why in a sentence. */

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_renders (CandorTemplate *template)
{
  g_autoptr (CandorUpdate) update = candor_update_new (CANDOR_UPDATE_KIND_INITIAL);
  g_autoptr (JsonNode) examples = candor_template_dup_example_values (template);
  g_autoptr (GError) error = NULL;

  g_assert (JSON_NODE_HOLDS_OBJECT (examples));
  for (guint i = 0; i < candor_template_get_n_variables (template); i++)
    {
      const CandorTemplateVariable *variable = candor_template_get_variable (template, i);

      g_assert (variable != NULL && variable->name != NULL);
      g_assert (json_object_has_member (json_node_get_object (examples), variable->name));
    }

  for (CandorField field = 0; field < CANDOR_N_FIELDS; field++)
    {
      g_autofree char *text = NULL;

      g_assert (candor_template_get_field (template, field) != NULL);
      /* With the examples and with nothing at all: a template that loads always renders. */
      text = candor_template_render_field (template, field, NULL, &error);
      g_assert_no_error (error);
      g_assert (text != NULL && g_utf8_validate (text, -1, NULL));
      g_clear_pointer (&text, g_free);

      text = candor_template_render_field (template, field, examples, &error);
      g_assert_no_error (error);
      g_assert (text != NULL && g_utf8_validate (text, -1, NULL));
    }

  g_assert (candor_template_apply (template, update, NULL, &error));
  g_assert_no_error (error);
  g_assert (candor_update_get_kind (update) == candor_template_get_kind (template));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (CandorTemplate) template = NULL;
  g_autoptr (CandorTemplate) reloaded = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  gsize            first_length = 0;
  gsize            second_length = 0;

  template = candor_template_new_from_data ((const char *)data, size, "fuzz.json", &error);
  if (template == NULL)
    {
      /* Every refusal names the file, then what is wrong, for a person. */
      g_assert (error != NULL);
      g_assert (error->domain == CANDOR_JSON_ERROR || error->domain == CANDOR_TEMPLATE_ERROR ||
                error->domain == CANDOR_MUSTACHE_ERROR);
      g_assert (g_str_has_prefix (error->message, "fuzz.json: "));
      g_assert (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  g_assert_no_error (error);

  g_assert (candor_template_get_id (template) != NULL);
  g_assert (candor_template_get_name (template) != NULL);
  g_assert (candor_template_get_language (template) != NULL);

  first = candor_template_to_data (template, &first_length);
  g_assert (first != NULL && strlen (first) == first_length);
  reloaded = candor_template_new_from_data (first, first_length, NULL, &error);
  if (reloaded == NULL)
    {
      /* A message, then an abort that libFuzzer catches (g_error traps instead). */
      g_printerr ("A written template does not load back: %s\n%s\n", error->message, first);
      g_assert_not_reached ();
    }
  second = candor_template_to_data (reloaded, &second_length);
  if (first_length != second_length || memcmp (first, second, first_length) != 0)
    {
      g_printerr ("The round trip changed the template:\n%s\n---\n%s\n", first, second);
      g_assert_not_reached ();
    }

  check_renders (template);
  check_renders (reloaded);

  return 0;
}
