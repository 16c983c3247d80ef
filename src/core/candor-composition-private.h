/* candor-composition-private.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "candor-checker.h"
#include "candor-composition.h"
#include "candor-renderer.h"

G_BEGIN_DECLS

/* What the composition keeps for one language other than the incident's
 * primary one, from one keystroke to the next: the incident and the update
 * as that language reads them, a renderer that remembers that language's
 * parsed fields, that language's checker and its last findings. */
typedef struct
{
  char           *language; /* as the channel or the audience names it */
  CandorIncident *incident; /* the incident with @language as its primary one */
  CandorUpdate   *update;   /* the update's fields in @language */
  CandorRenderer *renderer;
  CandorChecker  *checker;
  GError         *checker_error;
  gboolean        checker_loaded;
  GPtrArray      *checked; /* the checker's findings on @update, NULL when out of date */
  guint           incident_serial;
  gboolean        current;   /* refreshed for this round of renditions */
  GPtrArray      *audiences; /* (transfer none) who reads it this round */
} CandorCompositionLanguage;

CandorCompositionLanguage *_candor_composition_language_new (const char *language);
void                       _candor_composition_language_free (gpointer data);

/* Makes the views read as @incident and @update do now; @incident_serial
 * says whether the incident changed since the last call. */
void _candor_composition_language_refresh (CandorCompositionLanguage *self,
                                           CandorIncident            *incident,
                                           guint                      incident_serial,
                                           CandorUpdate              *update);

/* Appends to @findings, made for the audiences that read the language this
 * round: the "translation-missing" and "translation-outdated" findings, then
 * the language's own checks on its translated text. Each says its language. */
void _candor_composition_language_check (CandorCompositionLanguage *self,
                                         CandorIncident            *incident,
                                         CandorUpdate              *update,
                                         GPtrArray                 *findings);

G_END_DECLS
