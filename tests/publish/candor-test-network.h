/* candor-test-network.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A GNetworkMonitor a test switches on and off. */
#define CANDOR_TYPE_TEST_NETWORK (candor_test_network_get_type ())

G_DECLARE_FINAL_TYPE (CandorTestNetwork, candor_test_network, CANDOR, TEST_NETWORK, GObject)

CandorTestNetwork *candor_test_network_new (gboolean available);
void               candor_test_network_set_available (CandorTestNetwork *self, gboolean available);

G_END_DECLS
