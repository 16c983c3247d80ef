/* candor-outbox.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "candor-publisher.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_OUTBOX (candor_outbox_get_type ())

G_DECLARE_FINAL_TYPE (CandorOutbox, candor_outbox, CANDOR, OUTBOX, GObject)

CandorOutbox    *candor_outbox_new (CandorPublisher *publisher, GNetworkMonitor *monitor);
void             candor_outbox_start (CandorOutbox *self);
CandorPublisher *candor_outbox_get_publisher (CandorOutbox *self);

G_END_DECLS
