/* candor-test-network.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-test-network"

#include "config.h"

#include "candor-test-network.h"

struct _CandorTestNetwork
{
  GObject  parent_instance;
  gboolean available;
};

static void candor_test_network_iface_init (GNetworkMonitorInterface *iface);
static void candor_test_network_initable_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CandorTestNetwork,
                               candor_test_network,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      candor_test_network_initable_init)
                                 G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR,
                                                        candor_test_network_iface_init))

static gboolean
candor_test_network_init_initable (GInitable *initable, GCancellable *cancellable, GError **error)
{
  return TRUE;
}

static void
candor_test_network_initable_init (GInitableIface *iface)
{
  iface->init = candor_test_network_init_initable;
}

enum
{
  PROP_0,
  PROP_NETWORK_AVAILABLE,
  PROP_NETWORK_METERED,
  PROP_CONNECTIVITY,
};

static gboolean
candor_test_network_can_reach (GNetworkMonitor    *monitor,
                               GSocketConnectable *connectable,
                               GCancellable       *cancellable,
                               GError            **error)
{
  if (CANDOR_TEST_NETWORK (monitor)->available)
    return TRUE;

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE, "Network unreachable");
  return FALSE;
}

static void
candor_test_network_iface_init (GNetworkMonitorInterface *iface)
{
  iface->can_reach = candor_test_network_can_reach;
}

static void
candor_test_network_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CandorTestNetwork *self = CANDOR_TEST_NETWORK (object);

  switch (prop_id)
    {
      case PROP_NETWORK_AVAILABLE:
        g_value_set_boolean (value, self->available);
        break;

      case PROP_NETWORK_METERED:
        g_value_set_boolean (value, FALSE);
        break;

      case PROP_CONNECTIVITY:
        g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL
                                                 : G_NETWORK_CONNECTIVITY_LOCAL);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_test_network_class_init (CandorTestNetworkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = candor_test_network_get_property;

  g_object_class_override_property (object_class, PROP_NETWORK_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, PROP_NETWORK_METERED, "network-metered");
  g_object_class_override_property (object_class, PROP_CONNECTIVITY, "connectivity");
}

static void
candor_test_network_init (CandorTestNetwork *self)
{
}

CandorTestNetwork *
candor_test_network_new (gboolean available)
{
  CandorTestNetwork *self = g_object_new (CANDOR_TYPE_TEST_NETWORK, NULL);

  self->available = available;
  return self;
}

void
candor_test_network_set_available (CandorTestNetwork *self, gboolean available)
{
  if (self->available == available)
    return;

  self->available = available;
  g_object_notify (G_OBJECT (self), "network-available");
  g_signal_emit_by_name (self, "network-changed", available);
}
