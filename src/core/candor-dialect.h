/* candor-dialect.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "candor-enums.h"
#include "candor-markdown.h"

G_BEGIN_DECLS

/* What a dialect's length limit counts. */
typedef enum
{
  CANDOR_LENGTH_UNITS_NONE,                 /* no limit */
  CANDOR_LENGTH_UNITS_CHARACTERS,           /* Unicode code points of the text */
  CANDOR_LENGTH_UNITS_BYTES,                /* bytes of the JSON payload the API takes */
  CANDOR_LENGTH_UNITS_GRAPHEMES,            /* grapheme clusters, links as shown (Bluesky) */
  CANDOR_LENGTH_UNITS_GRAPHEMES_FIXED_URLS, /* grapheme clusters, every URL as 23 (Mastodon) */
  CANDOR_LENGTH_UNITS_WEIGHTED, /* twitter-text weighted characters, every URL as 23 (X) */
  CANDOR_LENGTH_UNITS_UTF16,    /* UTF-16 code units of the text a reader sees (Telegram) */
} CandorLengthUnits;

/* How the messages of one incident hang together on the channel. */
typedef enum
{
  CANDOR_THREADING_NONE,          /* each message stands alone */
  CANDOR_THREADING_REPLY_HEADERS, /* In-Reply-To and References name the earlier messages */
  CANDOR_THREADING_POSTS,         /* a long text is a thread of replies, each within the limit */
} CandorThreading;

/* What the channel's API receives, beside the plain text every rendition has. */
typedef enum
{
  CANDOR_PAYLOAD_TEXT,   /* the text itself */
  CANDOR_PAYLOAD_MIME,   /* a MIME message with a text and an HTML part */
  CANDOR_PAYLOAD_JSON,   /* a JSON document (Matrix content, Adaptive Card, status entry) */
  CANDOR_PAYLOAD_THREAD, /* the posts of a thread, as JSON when they carry markup (Telegram) */
} CandorPayload;

/* One row of the dialect table: everything about a dialect that is a fact
 * rather than code. */
typedef struct
{
  CandorDialect     dialect;
  const char       *nick;   /* as stored in JSON, the database and on the command line */
  const char       *label;  /* untranslated, context "format"; see candor_dialect_get_label() */
  CandorMarkup      markup; /* how the fields are written */
  guint             limit;  /* 0 when there is none */
  CandorLengthUnits units;
  CandorThreading   threading;
  CandorPayload     payload;
} CandorDialectInfo;

const CandorDialectInfo *candor_dialect_get_info (CandorDialect dialect);
const char              *candor_dialect_get_nick (CandorDialect dialect);
const char              *candor_dialect_get_label (CandorDialect dialect);
gboolean                 candor_dialect_is_thread (CandorDialect dialect);

G_END_DECLS
