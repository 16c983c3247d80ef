/* candor-search-hit-row.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-search-hit-row"

#include "config.h"

#include <glib/gi18n.h>

#include "candor-dialect.h"
#include "candor-search-hit-row.h"

/* One search result in the sidebar: the incident, the matching passage with
 * the matches in bold, and where it was found (audience, channel, when). */
struct _CandorSearchHitRow
{
  GtkWidget parent_instance;

  CandorSearchHit *hit;

  GtkLabel *title_label;
  GtkLabel *snippet_label;
  GtkLabel *where_label;
};

G_DEFINE_FINAL_TYPE (CandorSearchHitRow, candor_search_hit_row, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_HIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
describe_where (CandorSearchHit *hit)
{
  g_autoptr (GDateTime) local = g_date_time_to_local (candor_search_hit_get_at (hit));
  /* Translators: a date in search results, see the strftime manual */
  g_autofree char *when = g_date_time_format (local, _("%e %b %Y"));
  const char      *severity = candor_severity_get_label (candor_search_hit_get_severity (hit));

  g_strstrip (when);

  if (candor_search_hit_get_kind (hit) == CANDOR_SEARCH_HIT_INCIDENT)
    /* Translators: severity · state · date, for a match in an incident's title */
    return g_strdup_printf (_("%s · %s · %s"), severity,
                               candor_incident_state_get_label (candor_search_hit_get_state (hit)),
                               when);

  /* Translators: audience · channel · date, for a match in a message that was sent */
  return g_strdup_printf (_("%s · %s · %s"), candor_search_hit_get_audience (hit),
                             candor_dialect_get_label (candor_search_hit_get_format (hit)), when);
}

static void
candor_search_hit_row_refresh (CandorSearchHitRow *self)
{
  g_autofree char *markup = NULL;
  g_autofree char *where = NULL;

  if (self->hit == NULL)
    return;

  /* The snippet is the only markup: the store escaped everything but the matches. */
  markup = candor_search_hit_get_snippet_markup (self->hit);
  where = describe_where (self->hit);
  gtk_label_set_text (self->title_label, candor_search_hit_get_incident_title (self->hit));
  gtk_label_set_markup (self->snippet_label, markup);
  gtk_label_set_text (self->where_label, where);
}

static void
candor_search_hit_row_dispose (GObject *object)
{
  CandorSearchHitRow *self = CANDOR_SEARCH_HIT_ROW (object);
  GtkWidget          *child;

  g_clear_object (&self->hit);
  gtk_widget_dispose_template (GTK_WIDGET (self), CANDOR_TYPE_SEARCH_HIT_ROW);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (candor_search_hit_row_parent_class)->dispose (object);
}

static void
candor_search_hit_row_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CandorSearchHitRow *self = CANDOR_SEARCH_HIT_ROW (object);

  switch (prop_id)
    {
      case PROP_HIT:
        g_value_set_object (value, self->hit);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_search_hit_row_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CandorSearchHitRow *self = CANDOR_SEARCH_HIT_ROW (object);

  switch (prop_id)
    {
      case PROP_HIT:
        candor_search_hit_row_set_hit (self, g_value_get_object (value));
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_search_hit_row_class_init (CandorSearchHitRowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = candor_search_hit_row_dispose;
  object_class->get_property = candor_search_hit_row_get_property;
  object_class->set_property = candor_search_hit_row_set_property;

  properties[PROP_HIT] =
    g_param_spec_object ("hit", NULL, NULL, CANDOR_TYPE_SEARCH_HIT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/candor/Candor/candor-search-hit-row-content.ui");
  gtk_widget_class_bind_template_child (widget_class, CandorSearchHitRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, CandorSearchHitRow, snippet_label);
  gtk_widget_class_bind_template_child (widget_class, CandorSearchHitRow, where_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
candor_search_hit_row_init (CandorSearchHitRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CandorSearchHit *
candor_search_hit_row_get_hit (CandorSearchHitRow *self)
{
  g_return_val_if_fail (CANDOR_IS_SEARCH_HIT_ROW (self), NULL);

  return self->hit;
}

void
candor_search_hit_row_set_hit (CandorSearchHitRow *self, CandorSearchHit *hit)
{
  g_return_if_fail (CANDOR_IS_SEARCH_HIT_ROW (self));
  g_return_if_fail (!hit || CANDOR_IS_SEARCH_HIT (hit));

  if (!g_set_object (&self->hit, hit))
    return;

  candor_search_hit_row_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIT]);
}
