/* candor-cli-render.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include <json-glib/json-glib.h>

#include "candor-composition.h"
#include "candor-incident.h"
#include "candor-rendition.h"

G_BEGIN_DECLS

int candor_cli_render_run (int argc, char **argv);

/* Prints what the rendition's channel receives, byte for byte where the
 * channel takes bytes: `publish --dry-run` prints the same. */
gboolean candor_cli_render_print_rendition (CandorRendition *rendition, GError **error);

/* Whether @renditions speak more than the incident's primary language: then
 * each one says its language. */
gboolean candor_cli_render_several_languages (CandorIncident *incident, GPtrArray *renditions);
/* The head(1)-style line over one of several renditions: "==> AUDIENCE /
 * NAME <==", with " [LANG]" after NAME when @with_language. */
void candor_cli_render_print_header (CandorRendition *rendition,
                                     const char      *name,
                                     gboolean         first,
                                     gboolean         with_language);
/* candor_rendition_to_json() with the rendition's language added. */
JsonNode *candor_cli_render_to_json (CandorRendition *rendition);
/* The language the readers of @rendition read: its channel's, else its
 * audience's, else the incident's primary one. The rendition itself is in
 * the primary language while that language has no text at all yet. */
const char *candor_cli_render_reader_language (CandorComposition *composition,
                                               CandorRendition   *rendition);
/* Keeps the renditions whose readers read @language (all for NULL); a
 * language no one reads is a usage error that names the languages read. */
GPtrArray *candor_cli_render_choose_language (const char        *command,
                                              CandorComposition *composition,
                                              GPtrArray         *renditions,
                                              const char        *language,
                                              int               *status);

G_END_DECLS
