/* candor-mustache-variables.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-mustache"

#include "config.h"

#include "candor-mustache-private.h"

/**
 * candor_mustache_template_foreach_variable:
 * @self: a template
 * @func: called for each variable, section and partial tag, in the order they appear
 * @user_data: passed to @func
 *
 * Lets a caller check every name the template refers to, for instance to point at an
 * unknown variable by its line and column.
 */
void
candor_mustache_template_foreach_variable (CandorMustacheTemplate    *self,
                                           CandorMustacheVariableFunc func,
                                           gpointer                   user_data)
{
  g_autoptr (GPtrArray) sections = NULL;
  g_autoptr (GArray) ends = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (func != NULL);

  sections = g_ptr_array_new ();
  ends = g_array_new (FALSE, FALSE, sizeof (guint));
  g_ptr_array_add (sections, NULL);

  for (guint i = 0; i < self->nodes->len; i++)
    {
      const Node            *node = &g_array_index (self->nodes, Node, i);
      CandorMustacheVariable variable = { 0 };

      while (ends->len > 0 && g_array_index (ends, guint, ends->len - 1) == i)
        {
          g_array_set_size (ends, ends->len - 1);
          g_ptr_array_remove_index (sections, sections->len - 2);
        }

      switch (node->kind)
        {
          case NODE_VARIABLE:
            variable.kind =
              node->escaped ? CANDOR_MUSTACHE_TAG_VARIABLE : CANDOR_MUSTACHE_TAG_UNESCAPED_VARIABLE;
            break;
          case NODE_SECTION:
            variable.kind = CANDOR_MUSTACHE_TAG_SECTION;
            break;
          case NODE_INVERTED:
            variable.kind = CANDOR_MUSTACHE_TAG_INVERTED_SECTION;
            break;
          case NODE_PARTIAL:
            variable.kind = CANDOR_MUSTACHE_TAG_PARTIAL;
            break;
          case NODE_TEXT:
          default:
            continue;
        }

      variable.name = node->name;
      variable.line = node->line;
      variable.column = node->column;
      variable.sections = (const char *const *)sections->pdata;
      func (&variable, user_data);

      if (node->kind == NODE_SECTION || node->kind == NODE_INVERTED)
        {
          g_array_append_val (ends, node->end);
          g_ptr_array_insert (sections, sections->len - 1, node->name);
        }
    }
}
