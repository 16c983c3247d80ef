/* candor-social-thread.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "candor-enums.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_SOCIAL_THREAD (candor_social_thread_get_type ())

G_DECLARE_FINAL_TYPE (CandorSocialThread, candor_social_thread, CANDOR, SOCIAL_THREAD, GObject)

/* A link inside one post, as Bluesky wants it for an app.bsky.richtext.facet#link:
 * UTF-8 byte offsets into that post's text, end exclusive. */
typedef struct
{
  guint       byte_start;
  guint       byte_end;
  const char *uri;
} CandorSocialLink;

/* One post of a thread, numbering included. @length is in the network's own
 * units (characters, graphemes or weighted characters) and @limit is what the
 * network accepts, so a post knows by itself whether it is too long. */
typedef struct
{
  const char             *text;
  guint                   length;
  guint                   limit;
  const CandorSocialLink *links;
  guint                   n_links;
} CandorSocialPost;

/* @network is a dialect whose text is a thread of posts: candor_dialect_is_thread (). */
CandorSocialThread *
candor_social_thread_new (CandorDialect network, const char *text, const char *language);
CandorSocialThread     *candor_social_thread_new_with_limit (CandorDialect network,
                                                             const char   *text,
                                                             const char   *language,
                                                             guint         limit);
CandorDialect           candor_social_thread_get_network (CandorSocialThread *self);
guint                   candor_social_thread_get_n_posts (CandorSocialThread *self);
const CandorSocialPost *candor_social_thread_get_post (CandorSocialThread *self, guint index);

/* Remembers how each paragraph breaks, so the threads of a text that changed
 * in one place are split again without analysing the rest. Not thread-safe:
 * one per renderer. */
typedef struct _CandorSocialThreadCache CandorSocialThreadCache;

CandorSocialThreadCache *candor_social_thread_cache_new (void);
void                     candor_social_thread_cache_free (CandorSocialThreadCache *cache);
CandorSocialThread      *candor_social_thread_new_cached (CandorSocialThreadCache *cache,
                                                          CandorDialect            network,
                                                          const char              *text,
                                                          const char              *language);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CandorSocialThreadCache, candor_social_thread_cache_free)

gboolean candor_social_network_is_social (CandorDialect format);
guint    candor_social_network_get_limit (CandorDialect network);
/* The length of @text as @network counts it, URLs and emoji included. */
guint candor_social_network_measure (CandorDialect network, const char *text, const char *language);

G_END_DECLS
