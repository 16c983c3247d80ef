/* candor-wrap-bin.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-wrap-bin"

#include "config.h"

#include "candor-wrap-bin.h"

/* Holds a long wrapped label that follows the typing, so that only its
 * height is ever worked out from its text.
 *
 * GTK 4.8's vertical GtkBox, asked for its width, asks each child for its
 * width at the child's minimum height, even when nobody gave the box a
 * height. A wrapped GtkLabel answers that by searching for the narrowest
 * width that keeps it that short: one Pango layout of its whole text per
 * step. Even asked plainly, it lays out its whole text twice (once a
 * character per line) for a width that barely changes: wrapping at any
 * character, it needs about one character's width, and its natural width
 * is the whole text on one line, which nobody here wants. For a preview
 * holding a long message in several channels that was over a thousand
 * layouts a frame, 80 ms to a second per keystroke.
 *
 * So the bin measures its child's width once, and again only when the
 * style changes. Its height at the width it was given is the label's own
 * answer; widths that containers only try out get that answer scaled, and
 * once an allocation changes the width the bin is measured again exactly.
 * A plain GtkWidget rather than an AdwBin: a widget with a layout manager is
 * measured by it, never by its measure() vfunc. */
struct _CandorWrapBin
{
  GtkWidget parent_instance;

  GtkWidget *child;
  gboolean   width_known;
  int        minimum_width;
  int        natural_width;
  int        allocated_width;
  guint      remeasure_id;
};

G_DEFINE_FINAL_TYPE (CandorWrapBin, candor_wrap_bin, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_CHILD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
candor_wrap_bin_measure (GtkWidget     *widget,
                         GtkOrientation orientation,
                         int            for_size,
                         int           *minimum,
                         int           *natural,
                         int           *minimum_baseline,
                         int           *natural_baseline)
{
  CandorWrapBin *self = CANDOR_WRAP_BIN (widget);

  if (self->child == NULL || !gtk_widget_should_layout (self->child))
    return;

  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      int width = for_size;

      /* Containers try out other widths before they allocate: each would be
       * a layout of the whole text. Those get the height at the width the
       * label has, scaled; the allocated width always gets the exact one. */
      if (self->allocated_width > 0 && for_size > 0 && for_size != self->allocated_width)
        width = self->allocated_width;

      gtk_widget_measure (self->child, orientation, width, minimum, natural, minimum_baseline,
                          natural_baseline);
      if (width != for_size)
        {
          *minimum = (gint64)*minimum * width / for_size;
          *natural = (gint64)*natural * width / for_size;
          if (minimum_baseline != NULL)
            *minimum_baseline = -1;
          if (natural_baseline != NULL)
            *natural_baseline = -1;
        }
      return;
    }

  if (!self->width_known)
    {
      gtk_widget_measure (self->child, orientation, -1, &self->minimum_width, &self->natural_width,
                          NULL, NULL);
      self->width_known = TRUE;
    }
  *minimum = self->minimum_width;
  *natural = self->natural_width;
}

static void
candor_wrap_bin_css_changed (GtkWidget *widget, GtkCssStyleChange *change)
{
  CandorWrapBin *self = CANDOR_WRAP_BIN (widget);

  GTK_WIDGET_CLASS (candor_wrap_bin_parent_class)->css_changed (widget, change);

  /* Fonts and margins may have changed. */
  self->width_known = FALSE;
  gtk_widget_queue_resize (widget);
}

static gboolean
remeasure_cb (gpointer data)
{
  CandorWrapBin *self = data;

  self->remeasure_id = 0;
  gtk_widget_queue_resize (GTK_WIDGET (self));

  return G_SOURCE_REMOVE;
}

static void
candor_wrap_bin_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  CandorWrapBin *self = CANDOR_WRAP_BIN (widget);

  if (self->child != NULL && gtk_widget_should_layout (self->child))
    gtk_widget_allocate (self->child, width, height, baseline, NULL);

  /* A new width may have been measured from an estimate: measure again
   * exactly, once this allocation is over (a resize queued during it is lost). */
  if (width != self->allocated_width)
    {
      self->allocated_width = width;
      if (self->remeasure_id == 0)
        self->remeasure_id = g_idle_add_full (GTK_PRIORITY_RESIZE - 1, remeasure_cb, self, NULL);
    }
}

static GtkSizeRequestMode
candor_wrap_bin_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
candor_wrap_bin_dispose (GObject *object)
{
  CandorWrapBin *self = CANDOR_WRAP_BIN (object);

  g_clear_handle_id (&self->remeasure_id, g_source_remove);
  g_clear_pointer (&self->child, gtk_widget_unparent);

  G_OBJECT_CLASS (candor_wrap_bin_parent_class)->dispose (object);
}

static void
candor_wrap_bin_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CandorWrapBin *self = CANDOR_WRAP_BIN (object);

  switch (prop_id)
    {
      case PROP_CHILD:
        g_value_set_object (value, self->child);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_wrap_bin_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CandorWrapBin *self = CANDOR_WRAP_BIN (object);

  switch (prop_id)
    {
      case PROP_CHILD:
        candor_wrap_bin_set_child (self, g_value_get_object (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_wrap_bin_class_init (CandorWrapBinClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = candor_wrap_bin_dispose;
  object_class->get_property = candor_wrap_bin_get_property;
  object_class->set_property = candor_wrap_bin_set_property;
  widget_class->measure = candor_wrap_bin_measure;
  widget_class->size_allocate = candor_wrap_bin_size_allocate;
  widget_class->get_request_mode = candor_wrap_bin_get_request_mode;
  widget_class->css_changed = candor_wrap_bin_css_changed;

  properties[PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
candor_wrap_bin_init (CandorWrapBin *self)
{
}

GtkWidget *
candor_wrap_bin_new (GtkWidget *child)
{
  g_return_val_if_fail (child == NULL || GTK_IS_WIDGET (child), NULL);

  return g_object_new (CANDOR_TYPE_WRAP_BIN, "child", child, NULL);
}

GtkWidget *
candor_wrap_bin_get_child (CandorWrapBin *self)
{
  g_return_val_if_fail (CANDOR_IS_WRAP_BIN (self), NULL);

  return self->child;
}

void
candor_wrap_bin_set_child (CandorWrapBin *self, GtkWidget *child)
{
  g_return_if_fail (CANDOR_IS_WRAP_BIN (self));
  g_return_if_fail (child == NULL || GTK_IS_WIDGET (child));

  if (self->child == child)
    return;

  g_clear_pointer (&self->child, gtk_widget_unparent);
  self->width_known = FALSE;
  if (child != NULL)
    {
      self->child = child;
      gtk_widget_set_parent (child, GTK_WIDGET (self));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD]);
}
