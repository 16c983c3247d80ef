/* candor-template-library.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "candor-template.h"

G_BEGIN_DECLS

/* What to list: NULL / -1 / NULL mean "any". @search matches every word of it,
 * ignoring case, in the name, description or id. */
typedef struct
{
  const char *language;
  int         kind;     /* a CandorUpdateKind, or -1 */
  int         severity; /* a CandorSeverity, or -1 */
  const char *search;
} CandorTemplateFilter;

#define CANDOR_TEMPLATE_FILTER_INIT \
  {                                 \
    NULL, -1, -1, NULL              \
  }

#define CANDOR_TYPE_TEMPLATE_LIBRARY (candor_template_library_get_type ())

G_DECLARE_FINAL_TYPE (CandorTemplateLibrary,
                      candor_template_library,
                      CANDOR,
                      TEMPLATE_LIBRARY,
                      GObject)

/* The built-in templates plus the user's from $XDG_DATA_HOME/candor/templates.
 * A GListModel of CandorTemplate: built-ins first, each group sorted by language
 * and id. A broken user template never stops the library from loading: it is
 * left out and listed in candor_template_library_get_problems(). */
CandorTemplateLibrary *candor_template_library_new (void);
/* The same with the user's templates in @user_dir instead. */
CandorTemplateLibrary *candor_template_library_new_for_directory (GFile *user_dir);

/* Reads the user directory again (after another process imported something). */
void candor_template_library_reload (CandorTemplateLibrary *self);

GFile *candor_template_library_get_user_dir (CandorTemplateLibrary *self);
/* GErrors, one per user template left out; each message names its file. */
GPtrArray *candor_template_library_get_problems (CandorTemplateLibrary *self);

CandorTemplate *candor_template_library_lookup (CandorTemplateLibrary *self, const char *id);
gboolean        candor_template_library_is_built_in (CandorTemplateLibrary *self, const char *id);
/* The templates @filter lets through (NULL: all), in list order. */
GPtrArray *candor_template_library_filter (CandorTemplateLibrary      *self,
                                           const CandorTemplateFilter *filter);
gboolean   candor_template_filter_matches (const CandorTemplateFilter *filter,
                                           CandorTemplate *template);

/* The template for the same stage, severity and kind as @template in
 * @language (built-ins first), to fill that language's translations from;
 * NULL when there is none. */
CandorTemplate *candor_template_library_find_in_language (CandorTemplateLibrary *self,
                                                          CandorTemplate *template,
                                                          const char *language);
/* Validates @file and copies it into the user directory as <id>.json, replacing
 * a user template with the same id; a built-in id is refused. Returns the
 * template as now listed. */
CandorTemplate *candor_template_library_import (CandorTemplateLibrary *self,
                                                GFile                 *file,
                                                GCancellable          *cancellable,
                                                GError               **error);
/* Writes the template @id to @file (atomically). */
gboolean candor_template_library_export (CandorTemplateLibrary *self,
                                         const char            *id,
                                         GFile                 *file,
                                         GCancellable          *cancellable,
                                         GError               **error);

G_END_DECLS
