/* candor-wizard-page.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-wizard-page"

#include "config.h"

#include "candor-wizard-page.h"

typedef struct
{
  char           *title;
  gboolean        complete;
  gboolean        skippable;
  CandorIncident *incident;
  CandorUpdate   *update;
  CandorStore    *store;
} CandorWizardPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (CandorWizardPage, candor_wizard_page, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_TITLE,
  PROP_COMPLETE,
  PROP_SKIPPABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
candor_wizard_page_dispose (GObject *object)
{
  CandorWizardPagePrivate *priv =
    candor_wizard_page_get_instance_private (CANDOR_WIZARD_PAGE (object));

  g_clear_object (&priv->incident);
  g_clear_object (&priv->update);
  g_clear_object (&priv->store);

  G_OBJECT_CLASS (candor_wizard_page_parent_class)->dispose (object);
}

static void
candor_wizard_page_finalize (GObject *object)
{
  CandorWizardPagePrivate *priv =
    candor_wizard_page_get_instance_private (CANDOR_WIZARD_PAGE (object));

  g_free (priv->title);

  G_OBJECT_CLASS (candor_wizard_page_parent_class)->finalize (object);
}

static void
candor_wizard_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CandorWizardPage *self = CANDOR_WIZARD_PAGE (object);

  switch (prop_id)
    {
      case PROP_TITLE:
        g_value_set_string (value, candor_wizard_page_get_title (self));
        break;
      case PROP_COMPLETE:
        g_value_set_boolean (value, candor_wizard_page_get_complete (self));
        break;
      case PROP_SKIPPABLE:
        g_value_set_boolean (value, candor_wizard_page_get_skippable (self));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_wizard_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CandorWizardPage *self = CANDOR_WIZARD_PAGE (object);

  switch (prop_id)
    {
      case PROP_TITLE:
        candor_wizard_page_set_title (self, g_value_get_string (value));
        break;
      case PROP_COMPLETE:
        candor_wizard_page_set_complete (self, g_value_get_boolean (value));
        break;
      case PROP_SKIPPABLE:
        candor_wizard_page_set_skippable (self, g_value_get_boolean (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_wizard_page_class_init (CandorWizardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = candor_wizard_page_dispose;
  object_class->finalize = candor_wizard_page_finalize;
  object_class->get_property = candor_wizard_page_get_property;
  object_class->set_property = candor_wizard_page_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Pages start complete: only a page with a required field says otherwise. */
  properties[PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SKIPPABLE] =
    g_param_spec_boolean ("skippable", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
candor_wizard_page_init (CandorWizardPage *self)
{
  CandorWizardPagePrivate *priv = candor_wizard_page_get_instance_private (self);

  priv->complete = TRUE;
}

const char *
candor_wizard_page_get_title (CandorWizardPage *self)
{
  CandorWizardPagePrivate *priv = candor_wizard_page_get_instance_private (self);

  g_return_val_if_fail (CANDOR_IS_WIZARD_PAGE (self), NULL);

  return priv->title;
}

void
candor_wizard_page_set_title (CandorWizardPage *self, const char *title)
{
  CandorWizardPagePrivate *priv = candor_wizard_page_get_instance_private (self);

  g_return_if_fail (CANDOR_IS_WIZARD_PAGE (self));

  if (g_strcmp0 (priv->title, title) == 0)
    return;

  g_free (priv->title);
  priv->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

gboolean
candor_wizard_page_get_complete (CandorWizardPage *self)
{
  CandorWizardPagePrivate *priv = candor_wizard_page_get_instance_private (self);

  g_return_val_if_fail (CANDOR_IS_WIZARD_PAGE (self), FALSE);

  return priv->complete;
}

void
candor_wizard_page_set_complete (CandorWizardPage *self, gboolean complete)
{
  CandorWizardPagePrivate *priv = candor_wizard_page_get_instance_private (self);

  g_return_if_fail (CANDOR_IS_WIZARD_PAGE (self));

  complete = !!complete;
  if (priv->complete == complete)
    return;

  priv->complete = complete;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
}

gboolean
candor_wizard_page_get_skippable (CandorWizardPage *self)
{
  CandorWizardPagePrivate *priv = candor_wizard_page_get_instance_private (self);

  g_return_val_if_fail (CANDOR_IS_WIZARD_PAGE (self), FALSE);

  return priv->skippable;
}

void
candor_wizard_page_set_skippable (CandorWizardPage *self, gboolean skippable)
{
  CandorWizardPagePrivate *priv = candor_wizard_page_get_instance_private (self);

  g_return_if_fail (CANDOR_IS_WIZARD_PAGE (self));

  skippable = !!skippable;
  if (priv->skippable == skippable)
    return;

  priv->skippable = skippable;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SKIPPABLE]);
}

CandorIncident *
candor_wizard_page_get_incident (CandorWizardPage *self)
{
  CandorWizardPagePrivate *priv = candor_wizard_page_get_instance_private (self);

  g_return_val_if_fail (CANDOR_IS_WIZARD_PAGE (self), NULL);

  return priv->incident;
}

CandorUpdate *
candor_wizard_page_get_update (CandorWizardPage *self)
{
  CandorWizardPagePrivate *priv = candor_wizard_page_get_instance_private (self);

  g_return_val_if_fail (CANDOR_IS_WIZARD_PAGE (self), NULL);

  return priv->update;
}

void
candor_wizard_page_set_draft (CandorWizardPage *self,
                              CandorIncident   *incident,
                              CandorUpdate     *update)
{
  CandorWizardPagePrivate *priv = candor_wizard_page_get_instance_private (self);

  g_return_if_fail (CANDOR_IS_WIZARD_PAGE (self));
  g_return_if_fail (CANDOR_IS_INCIDENT (incident));
  g_return_if_fail (CANDOR_IS_UPDATE (update));

  g_set_object (&priv->incident, incident);
  g_set_object (&priv->update, update);

  if (CANDOR_WIZARD_PAGE_GET_CLASS (self)->draft_set != NULL)
    CANDOR_WIZARD_PAGE_GET_CLASS (self)->draft_set (self);
}

void
candor_wizard_page_shown (CandorWizardPage *self)
{
  g_return_if_fail (CANDOR_IS_WIZARD_PAGE (self));

  if (CANDOR_WIZARD_PAGE_GET_CLASS (self)->shown != NULL)
    CANDOR_WIZARD_PAGE_GET_CLASS (self)->shown (self);
}

/* The history, or NULL until it opened (or when it could not be opened). */
CandorStore *
candor_wizard_page_get_store (CandorWizardPage *self)
{
  CandorWizardPagePrivate *priv = candor_wizard_page_get_instance_private (self);

  g_return_val_if_fail (CANDOR_IS_WIZARD_PAGE (self), NULL);

  return priv->store;
}

void
candor_wizard_page_set_store (CandorWizardPage *self, CandorStore *store)
{
  CandorWizardPagePrivate *priv = candor_wizard_page_get_instance_private (self);

  g_return_if_fail (CANDOR_IS_WIZARD_PAGE (self));
  g_return_if_fail (store == NULL || CANDOR_IS_STORE (store));

  if (g_set_object (&priv->store, store) && store != NULL &&
      CANDOR_WIZARD_PAGE_GET_CLASS (self)->store_set != NULL)
    CANDOR_WIZARD_PAGE_GET_CLASS (self)->store_set (self);
}
