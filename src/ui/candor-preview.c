/* candor-preview.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-preview"

#include "config.h"

#include <glib/gi18n.h>

#include "candor-channel-view.h"
#include "candor-checker.h"
#include "candor-preview.h"

/* Every audience's channels, as they will look, following each keystroke.
 * Changes are coalesced into one render per frame, run just before the frame
 * is laid out, so typing never waits for the preview. */
struct _CandorPreview
{
  AdwBin parent_instance;

  GtkStack   *audience_stack;
  GtkBox     *findings_box;
  GtkLabel   *findings_label;
  GtkListBox *findings_list;

  CandorIncident *incident;
  CandorUpdate   *update;
  GPtrArray      *audiences;
  CandorRenderer *renderer;
  CandorChecker  *checker;
  char           *checker_language;

  /* "audience-id/format" -> CandorRendition, and the views that show them. */
  GHashTable *renditions;
  GPtrArray  *channel_views;
  GPtrArray  *findings;
  GHashTable *acknowledged;
  char       *findings_signature;

  guint render_source_id;
};

G_DEFINE_FINAL_TYPE (CandorPreview, candor_preview, ADW_TYPE_BIN)

enum
{
  UPDATED,
  FINDING_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Above GDK's relayout and redraw priority: the preview is rendered before
 * the frame that shows the keystroke, never after it. */
#define RENDER_PRIORITY (G_PRIORITY_HIGH_IDLE + 10)

static char *
rendition_key (const char *audience_id, CandorFormat format)
{
  return g_strdup_printf ("%s/%d", audience_id, format);
}

static char *
finding_key (CandorFinding *finding)
{
  return g_strdup_printf ("%s/%d", candor_finding_get_rule_id (finding),
                          candor_finding_get_field (finding));
}

static CandorChecker *
ensure_checker (CandorPreview *self)
{
  const char *language = candor_incident_get_language (self->incident);
  g_autoptr (GError) error = NULL;

  if (language == NULL || *language == '\0')
    language = "en";

  if (self->checker != NULL && g_strcmp0 (self->checker_language, language) == 0)
    return self->checker;

  g_clear_object (&self->checker);
  g_free (self->checker_language);
  self->checker_language = g_strdup (language);
  self->checker = candor_checker_new (language, &error);
  if (self->checker == NULL)
    {
      g_warning ("No checks for language “%s”, checking as English: %s", language, error->message);
      self->checker = candor_checker_new ("en", NULL);
    }

  return self->checker;
}

static GtkWidget *
finding_row_new (CandorFinding *finding)
{
  GtkWidget  *row = adw_action_row_new ();
  const char *field_label = "";
  int         field = candor_finding_get_field (finding);

  if (field >= 0 && field < CANDOR_N_FIELDS)
    field_label = candor_field_get_label (field);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), candor_finding_get_message (finding));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), field_label);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name (candor_finding_get_severity (finding) ==
                                                               CANDOR_FINDING_SEVERITY_ERROR
                                                             ? "dialog-error-symbolic"
                                                             : "dialog-warning-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "finding", g_object_ref (finding), g_object_unref);

  return row;
}

/* The list is rebuilt only when what it says changed, not on every keystroke
 * that merely shifts a span. */
static void
show_findings (CandorPreview *self)
{
  g_autoptr (GString) signature = g_string_new (NULL);
  GtkWidget *child;

  for (guint i = 0; i < self->findings->len; i++)
    {
      CandorFinding *finding = g_ptr_array_index (self->findings, i);

      g_string_append_printf (signature, "%s|%d|%s\n", candor_finding_get_rule_id (finding),
                              candor_finding_get_field (finding),
                              candor_finding_get_message (finding));
    }

  if (g_strcmp0 (signature->str, self->findings_signature) == 0)
    {
      /* Same findings, maybe moved: refresh the spans the rows jump to. */
      child = gtk_widget_get_first_child (GTK_WIDGET (self->findings_list));
      for (guint i = 0; child != NULL && i < self->findings->len;
           child = gtk_widget_get_next_sibling (child), i++)
        g_object_set_data_full (G_OBJECT (child), "finding",
                                g_object_ref (g_ptr_array_index (self->findings, i)),
                                g_object_unref);
      return;
    }

  g_free (self->findings_signature);
  self->findings_signature = g_string_free (g_steal_pointer (&signature), FALSE);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->findings_list))) != NULL)
    gtk_list_box_remove (self->findings_list, child);

  for (guint i = 0; i < self->findings->len; i++)
    gtk_list_box_append (self->findings_list,
                         finding_row_new (g_ptr_array_index (self->findings, i)));

  gtk_widget_set_visible (GTK_WIDGET (self->findings_box), self->findings->len > 0);
  if (self->findings->len > 0)
    {
      g_autofree char *heading = NULL;

      heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Check to Look At",
                                              "%u Checks to Look At", self->findings->len),
                                 self->findings->len);
      gtk_label_set_label (self->findings_label, heading);
    }
}

static void
render (CandorPreview *self)
{
  g_autoptr (GPtrArray) findings = NULL;

  if (self->update == NULL)
    return;

  for (guint i = 0; i < self->channel_views->len; i++)
    {
      CandorChannelView *view = g_ptr_array_index (self->channel_views, i);
      CandorAudience    *audience = g_object_get_data (G_OBJECT (view), "audience");
      CandorFormat       format = candor_channel_view_get_format (view);
      CandorRendition   *rendition;

      rendition =
        candor_renderer_render (self->renderer, self->incident, self->update, audience, format);
      candor_channel_view_set_rendition (view, rendition, candor_audience_get_name (audience));
      if (rendition != NULL)
        g_hash_table_replace (self->renditions,
                              rendition_key (candor_audience_get_id (audience), format), rendition);
    }

  findings = candor_checker_check_update (ensure_checker (self), self->incident, self->update);
  g_ptr_array_set_size (self->findings, 0);
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      CandorFinding   *finding = g_ptr_array_index (findings, i);
      g_autofree char *key = finding_key (finding);

      if (!g_hash_table_contains (self->acknowledged, key))
        g_ptr_array_add (self->findings, g_object_ref (finding));
    }
  show_findings (self);

  g_signal_emit (self, signals[UPDATED], 0);
}

static gboolean
render_cb (gpointer data)
{
  CandorPreview *self = data;

  self->render_source_id = 0;
  render (self);

  return G_SOURCE_REMOVE;
}

static void
queue_render (CandorPreview *self)
{
  if (self->render_source_id == 0)
    self->render_source_id = g_idle_add_full (RENDER_PRIORITY, render_cb, self, NULL);
}

static void
on_draft_changed_cb (CandorPreview *self)
{
  queue_render (self);
}

static void
on_findings_list_row_activated_cb (CandorPreview *self, GtkListBoxRow *row, GtkListBox *list)
{
  CandorFinding *finding = g_object_get_data (G_OBJECT (row), "finding");

  if (finding != NULL)
    g_signal_emit (self, signals[FINDING_ACTIVATED], 0, finding);
}

static void
disconnect_draft (CandorPreview *self)
{
  if (self->update != NULL)
    g_signal_handlers_disconnect_by_data (self->update, self);
  if (self->incident != NULL)
    g_signal_handlers_disconnect_by_data (self->incident, self);
  g_clear_object (&self->update);
  g_clear_object (&self->incident);
}

static void
candor_preview_dispose (GObject *object)
{
  CandorPreview *self = CANDOR_PREVIEW (object);

  g_clear_handle_id (&self->render_source_id, g_source_remove);
  disconnect_draft (self);
  g_clear_pointer (&self->audiences, g_ptr_array_unref);
  g_clear_pointer (&self->channel_views, g_ptr_array_unref);
  g_clear_pointer (&self->renditions, g_hash_table_unref);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_pointer (&self->acknowledged, g_hash_table_unref);
  g_clear_object (&self->renderer);
  g_clear_object (&self->checker);

  gtk_widget_dispose_template (GTK_WIDGET (self), CANDOR_TYPE_PREVIEW);

  G_OBJECT_CLASS (candor_preview_parent_class)->dispose (object);
}

static void
candor_preview_finalize (GObject *object)
{
  CandorPreview *self = CANDOR_PREVIEW (object);

  g_free (self->checker_language);
  g_free (self->findings_signature);

  G_OBJECT_CLASS (candor_preview_parent_class)->finalize (object);
}

static void
candor_preview_class_init (CandorPreviewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = candor_preview_dispose;
  object_class->finalize = candor_preview_finalize;

  /* Emitted after every render: the renditions and findings are current. */
  signals[UPDATED] = g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);
  signals[FINDING_ACTIVATED] =
    g_signal_new ("finding-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, CANDOR_TYPE_FINDING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/candor/Candor/candor-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, CandorPreview, audience_stack);
  gtk_widget_class_bind_template_child (widget_class, CandorPreview, findings_box);
  gtk_widget_class_bind_template_child (widget_class, CandorPreview, findings_label);
  gtk_widget_class_bind_template_child (widget_class, CandorPreview, findings_list);
  gtk_widget_class_bind_template_callback (widget_class, on_findings_list_row_activated_cb);
}

static void
candor_preview_init (CandorPreview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->renderer = candor_renderer_new ();
  self->channel_views = g_ptr_array_new ();
  self->renditions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->findings = g_ptr_array_new_with_free_func (g_object_unref);
  self->acknowledged = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

void
candor_preview_set_draft (CandorPreview  *self,
                          CandorIncident *incident,
                          CandorUpdate   *update,
                          GPtrArray      *audiences)
{
  GtkWidget *child;

  g_return_if_fail (CANDOR_IS_PREVIEW (self));
  g_return_if_fail (CANDOR_IS_INCIDENT (incident));
  g_return_if_fail (CANDOR_IS_UPDATE (update));
  g_return_if_fail (audiences != NULL);

  disconnect_draft (self);
  self->incident = g_object_ref (incident);
  self->update = g_object_ref (update);
  g_clear_pointer (&self->audiences, g_ptr_array_unref);
  self->audiences = g_ptr_array_ref (audiences);
  g_ptr_array_set_size (self->channel_views, 0);
  g_hash_table_remove_all (self->renditions);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->audience_stack))) != NULL)
    gtk_stack_remove (self->audience_stack, child);

  for (guint i = 0; i < audiences->len; i++)
    {
      CandorAudience     *audience = g_ptr_array_index (audiences, i);
      GtkWidget          *channels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
      const CandorFormat *formats;
      guint               n_formats;

      formats = candor_audience_get_formats (audience, &n_formats);
      for (guint j = 0; j < n_formats; j++)
        {
          CandorChannelView *view = candor_channel_view_new (formats[j]);

          g_object_set_data_full (G_OBJECT (view), "audience", g_object_ref (audience),
                                  g_object_unref);
          gtk_box_append (GTK_BOX (channels), GTK_WIDGET (view));
          g_ptr_array_add (self->channel_views, view);
        }

      gtk_stack_add_titled (self->audience_stack, channels, candor_audience_get_id (audience),
                            candor_audience_get_name (audience));
    }

  g_signal_connect_object (update, "changed", G_CALLBACK (on_draft_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (incident, "notify", G_CALLBACK (on_draft_changed_cb), self,
                           G_CONNECT_SWAPPED);
  queue_render (self);
}

GPtrArray *
candor_preview_get_audiences (CandorPreview *self)
{
  g_return_val_if_fail (CANDOR_IS_PREVIEW (self), NULL);

  return self->audiences;
}

void
candor_preview_set_audience (CandorPreview *self, const char *audience_id)
{
  g_return_if_fail (CANDOR_IS_PREVIEW (self));
  g_return_if_fail (audience_id != NULL);

  gtk_stack_set_visible_child_name (self->audience_stack, audience_id);
}

/* Returns: (transfer none) (nullable): what @audience_id's @format says now. */
CandorRendition *
candor_preview_get_rendition (CandorPreview *self, const char *audience_id, CandorFormat format)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (CANDOR_IS_PREVIEW (self), NULL);
  g_return_val_if_fail (audience_id != NULL, NULL);

  key = rendition_key (audience_id, format);
  return g_hash_table_lookup (self->renditions, key);
}

/* Returns: (transfer none) (element-type CandorFinding): the open findings. */
GPtrArray *
candor_preview_get_findings (CandorPreview *self)
{
  g_return_val_if_fail (CANDOR_IS_PREVIEW (self), NULL);

  return self->findings;
}

/* The writer has read the finding and stands by the text: it stops showing
 * for this rule and field, for the rest of this update. */
void
candor_preview_acknowledge (CandorPreview *self, CandorFinding *finding)
{
  g_return_if_fail (CANDOR_IS_PREVIEW (self));
  g_return_if_fail (CANDOR_IS_FINDING (finding));

  g_hash_table_add (self->acknowledged, finding_key (finding));
  queue_render (self);
}

/* Render now if a render is pending, and draw every channel, also those
 * waiting to be scrolled into view: for callers that need current text. */
void
candor_preview_flush (CandorPreview *self)
{
  g_return_if_fail (CANDOR_IS_PREVIEW (self));

  if (self->render_source_id != 0)
    {
      g_clear_handle_id (&self->render_source_id, g_source_remove);
      render (self);
    }
  for (guint i = 0; i < self->channel_views->len; i++)
    candor_channel_view_flush (g_ptr_array_index (self->channel_views, i));
}
