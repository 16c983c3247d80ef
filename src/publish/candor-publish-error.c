/* candor-publish-error.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-publish-error"

#include "config.h"

#include "candor-publish-error.h"

typedef struct
{
  gint64 retry_after;
} CandorPublishErrorPrivate;

static void candor_publish_error_private_init (GError *error);
static void candor_publish_error_private_copy (const GError *src_error, GError *dest_error);
static void candor_publish_error_private_clear (GError *error);

/* Not G_DEFINE_EXTENDED_ERROR: it names the domain after the C type
 * ("CandorPublishError"), and every other domain of Candor is called
 * "candor-x-error-quark" (logs and D-Bus errors show the name). */
GQuark
candor_publish_error_quark (void)
{
  static GQuark quark;
  static gsize  initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      quark = g_error_domain_register_static (
        "candor-publish-error-quark", sizeof (CandorPublishErrorPrivate),
        candor_publish_error_private_init, candor_publish_error_private_copy,
        candor_publish_error_private_clear);
      g_once_init_leave (&initialized, 1);
    }

  return quark;
}

/* GLib keeps the private data just before the GError, aligned as GType
 * instance data is (the same arithmetic as G_DEFINE_EXTENDED_ERROR). */
static CandorPublishErrorPrivate *
candor_publish_error_get_private (const GError *error)
{
  const gsize alignment = 2 * sizeof (gsize);
  const gsize size = (sizeof (CandorPublishErrorPrivate) + (alignment - 1)) & -alignment;

  return (CandorPublishErrorPrivate *)(((guint8 *)error) - size);
}

static void
candor_publish_error_private_init (GError *error)
{
  candor_publish_error_get_private (error)->retry_after = 0;
}

static void
candor_publish_error_private_copy (const GError *src_error, GError *dest_error)
{
  candor_publish_error_get_private (dest_error)->retry_after =
    candor_publish_error_get_private (src_error)->retry_after;
}

/* GLib insists on a clear function; a number owns nothing. */
static void
candor_publish_error_private_clear (GError *error)
{
}

gint64
candor_publish_error_get_retry_after (const GError *error)
{
  g_return_val_if_fail (error != NULL, 0);

  if (error->domain != CANDOR_PUBLISH_ERROR)
    return 0;

  return candor_publish_error_get_private (error)->retry_after;
}

void
candor_publish_error_set_retry_after (GError *error, gint64 microseconds)
{
  g_return_if_fail (error != NULL);
  g_return_if_fail (error->domain == CANDOR_PUBLISH_ERROR);
  g_return_if_fail (microseconds >= 0);

  candor_publish_error_get_private (error)->retry_after = microseconds;
}

gboolean
candor_publish_error_is_transient (const GError *error)
{
  return error != NULL &&
         (g_error_matches (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_RATE_LIMITED) ||
          g_error_matches (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_UNAVAILABLE));
}
