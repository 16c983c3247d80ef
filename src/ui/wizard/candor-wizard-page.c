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

  /* Set from apply_begin() until apply_complete(): the apply under way. */
  GCancellable                 *apply_cancellable;
  CandorWizardPageApplyCallback apply_callback;
  gpointer                      apply_user_data;
  /* Only work the page waits for shows as "applying": a page with nothing
   * to apply moves on without its buttons flickering. */
  gboolean applying;
} CandorWizardPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (CandorWizardPage, candor_wizard_page, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_TITLE,
  PROP_COMPLETE,
  PROP_SKIPPABLE,
  PROP_APPLYING,
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
  /* The page's work stops; it still ends with apply_complete(). */
  if (priv->apply_cancellable != NULL)
    g_cancellable_cancel (priv->apply_cancellable);

  G_OBJECT_CLASS (candor_wizard_page_parent_class)->dispose (object);
}

static void
candor_wizard_page_finalize (GObject *object)
{
  CandorWizardPagePrivate *priv =
    candor_wizard_page_get_instance_private (CANDOR_WIZARD_PAGE (object));

  g_free (priv->title);
  g_clear_object (&priv->apply_cancellable);

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
      case PROP_APPLYING:
        g_value_set_boolean (value, candor_wizard_page_get_applying (self));
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
  /* The wizard waits for the page's apply step to end. */
  properties[PROP_APPLYING] =
    g_param_spec_boolean ("applying", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
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

/* Starts the page's apply step, as the wizard does before it moves on;
 * @callback is called once it ended. Returns TRUE when the page is applying
 * and @callback comes later; FALSE when the step has already ended and
 * @callback been called (valid, when the page had nothing to apply). */
gboolean
candor_wizard_page_apply_begin (CandorWizardPage             *self,
                                CandorWizardPageApplyCallback callback,
                                gpointer                      user_data)
{
  CandorWizardPagePrivate *priv = candor_wizard_page_get_instance_private (self);
  CandorWizardPageClass   *klass;

  g_return_val_if_fail (CANDOR_IS_WIZARD_PAGE (self), FALSE);
  g_return_val_if_fail (priv->apply_cancellable == NULL, FALSE);

  klass = CANDOR_WIZARD_PAGE_GET_CLASS (self);
  priv->apply_cancellable = g_cancellable_new ();
  priv->apply_callback = callback;
  priv->apply_user_data = user_data;

  if (klass->apply == NULL || !klass->apply (self, priv->apply_cancellable))
    {
      candor_wizard_page_apply_complete (self, TRUE);
      return FALSE;
    }

  /* The page may have ended its work before apply() returned. */
  if (priv->apply_cancellable == NULL)
    return FALSE;

  priv->applying = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_APPLYING]);

  return TRUE;
}

/* Ends the apply step the page started. A cancelled step is never @valid:
 * cancelling keeps the wizard on the page, whatever the work did. */
void
candor_wizard_page_apply_complete (CandorWizardPage *self, gboolean valid)
{
  CandorWizardPagePrivate *priv = candor_wizard_page_get_instance_private (self);
  g_autoptr (CandorWizardPage) hold = NULL;
  g_autoptr (GCancellable) cancellable = NULL;
  CandorWizardPageApplyCallback callback;
  gpointer                      user_data;

  g_return_if_fail (CANDOR_IS_WIZARD_PAGE (self));
  g_return_if_fail (priv->apply_cancellable != NULL);

  /* The callback may let the last reference go. */
  hold = g_object_ref (self);
  cancellable = g_steal_pointer (&priv->apply_cancellable);
  callback = priv->apply_callback;
  user_data = priv->apply_user_data;
  priv->apply_callback = NULL;
  priv->apply_user_data = NULL;

  if (priv->applying)
    {
      priv->applying = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_APPLYING]);
    }

  if (callback != NULL)
    callback (self, valid && !g_cancellable_is_cancelled (cancellable), user_data);
}

/* Asks the apply step under way, if any, to stop; it still ends with
 * candor_wizard_page_apply_complete(), not valid. */
void
candor_wizard_page_apply_cancel (CandorWizardPage *self)
{
  CandorWizardPagePrivate *priv = candor_wizard_page_get_instance_private (self);

  g_return_if_fail (CANDOR_IS_WIZARD_PAGE (self));

  if (priv->apply_cancellable != NULL)
    g_cancellable_cancel (priv->apply_cancellable);
}

gboolean
candor_wizard_page_get_applying (CandorWizardPage *self)
{
  CandorWizardPagePrivate *priv = candor_wizard_page_get_instance_private (self);

  g_return_val_if_fail (CANDOR_IS_WIZARD_PAGE (self), FALSE);

  return priv->applying;
}
