/* candor-sender.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The sender identity lives in the settings ("sender-name",
 * "sender-address"); the preview, the saved .eml and the email channels
 * without a From of their own all read it through here, so they agree. */

/* The From header for @name and @address: "Name <address>", the name quoted
 * when RFC 5322 needs it, or the address alone when @name is empty. */
char *candor_sender_format_from (const char *name, const char *address);
/* The same for the identity in @settings; NULL when it has no address, and
 * the renderer's placeholder is used. */
char *candor_sender_dup_from (GSettings *settings);

G_END_DECLS
