/* candor-template-private.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "candor-mustache.h"
#include "candor-template.h"

G_BEGIN_DECLS

struct _CandorTemplate
{
  GObject parent_instance;

  char                   *id;
  char                   *name;
  char                   *description;
  char                   *language;
  GArray                 *variables; /* CandorTemplateVariable, strings and nodes owned */
  JsonNode               *examples;  /* {"name": example} */
  char                   *fields[CANDOR_N_FIELDS];
  CandorMustacheTemplate *compiled[CANDOR_N_FIELDS];
  CandorUpdateKind        kind;
  CandorTemplateStage     stage;
  CandorSeverity          severity;
};

/* candor-template-read.c: reads @root into @self, a template just made. */
gboolean _candor_template_read (CandorTemplate *self, JsonNode *root, GError **error);

/* A value the author gave as text in @context; %NULL for a placeholder. */
const char *_candor_template_get_given_text (JsonObject *context, const char *name);

G_END_DECLS
