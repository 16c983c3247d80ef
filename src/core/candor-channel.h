/* candor-channel.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "candor-channel-kind.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_CHANNEL (candor_channel_get_type ())

G_DECLARE_FINAL_TYPE (CandorChannel, candor_channel, CANDOR, CHANNEL, GObject)

/* A configured destination: a kind (which says the dialect it receives), an
 * id audiences and renditions point to, a name people read, and the kind's
 * settings (the addresses of a mailing list, say). Never a secret: that is
 * in the keyring, looked up by the id. */
CandorChannel *candor_channel_new (const char *id, const char *kind, const char *name);
/* One channel per kind, each with the kind's nick as its id, so data written
 * before channels were configured ("formats": ["slack"]) maps to them. */
GPtrArray     *candor_channel_new_defaults (void);
CandorChannel *candor_channel_copy (CandorChannel *self);
/* The channel of @channels whose id is @id, or NULL.
 * Returns: (transfer none) (nullable) */
CandorChannel *candor_channel_find (GPtrArray *channels, const char *id);

const char              *candor_channel_get_id (CandorChannel *self);
const CandorChannelKind *candor_channel_get_kind (CandorChannel *self);
CandorDialect            candor_channel_get_dialect (CandorChannel *self);
const char              *candor_channel_get_name (CandorChannel *self);

/* The language the channel speaks (a Russian Telegram channel, an English
 * Slack); NULL for whatever its audience reads. Written in the channel's JSON
 * as "language". */
const char *candor_channel_get_language (CandorChannel *self);
void        candor_channel_set_language (CandorChannel *self, const char *language);
/* NULL when the setting is not set. */
const char *candor_channel_get_setting (CandorChannel *self, const char *key);
/* Sets, or with a NULL @value unsets, a setting. Refuses, with an error in the
 * CANDOR_JSON_ERROR domain, a key named like a secret (VALUE) and a key the
 * channel's kind does not take (UNKNOWN_KEY). */
gboolean candor_channel_set_setting (CandorChannel *self,
                                     const char    *key,
                                     const char    *value,
                                     GError       **error);

/* Whether @key names a secret ("token", "password", "webhook_url", ...). */
gboolean candor_channel_key_names_secret (const char *key);

/* {"id": ..., "kind": ..., "name": ..., "settings": {...}}; reading is strict
 * and its errors are in the CANDOR_JSON_ERROR domain. */
JsonNode      *candor_channel_to_json (CandorChannel *self);
CandorChannel *candor_channel_new_from_json (JsonNode *node, GError **error);

G_END_DECLS
