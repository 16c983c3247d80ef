/* candor-preview.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-preview"

#include "config.h"

#include <glib/gi18n.h>

#include "candor-application.h"
#include "candor-channel-view.h"
#include "candor-languages.h"
#include "candor-preview.h"
#include "candor-sender.h"

/* Every audience's channels, as they will look, following each keystroke.
 * The composition says what they look like; changes are coalesced into one
 * update of it per frame, run just before the frame is laid out, so typing
 * never waits for the preview. */
struct _CandorPreview
{
  AdwBin parent_instance;

  GtkStack   *audience_stack;
  GtkLabel   *checks_error_label;
  GtkBox     *findings_box;
  GtkLabel   *findings_label;
  GtkListBox *findings_list;

  CandorComposition *composition;
  GPtrArray         *channel_views;
  char              *findings_signature;

  /* The application's, for the sender identity; NULL outside the application. */
  GSettings *settings;

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

/* "Customers · Русский": with several languages, each audience's tab says
 * which it reads, and a channel that speaks another says so too. */
static char *
dup_language_title (const char *name, const char *language)
{
  /* TRANSLATORS: an audience or channel and the language it reads, e.g.
   * "Customers · Русский" */
  return g_strdup_printf (_("%s · %s"), name, candor_languages_get_name (language));
}

/* Under the explanation: what to write instead, then where and which words. */
static char *
finding_subtitle (CandorFinding *finding)
{
  g_autoptr (GString) subtitle = g_string_new (candor_finding_get_suggestion (finding));
  int              field = candor_finding_get_field (finding);
  const char      *quote = candor_finding_get_quote (finding);
  g_autofree char *place = NULL;

  if (field >= 0 && field < CANDOR_N_FIELDS && quote != NULL)
    /* TRANSLATORS: a field of the message and the words a check found in it, e.g.
     * Executive Summary: “caused by our vendor”. */
    place = g_strdup_printf (_("%s: “%s”"), candor_field_get_label (field), quote);
  else if (field >= 0 && field < CANDOR_N_FIELDS)
    place = g_strdup (candor_field_get_label (field));
  else if (quote != NULL)
    place = g_strdup_printf (_("“%s”"), quote);

  /* A finding in another language than the primary says which. */
  if (candor_finding_get_language (finding) != NULL)
    {
      g_autofree char *where = place;
      const char      *name = candor_languages_get_name (candor_finding_get_language (finding));

      place = where != NULL ? dup_language_title (where, candor_finding_get_language (finding))
                            : g_strdup (name);
    }

  if (place != NULL)
    {
      if (subtitle->len > 0)
        g_string_append_c (subtitle, '\n');
      g_string_append (subtitle, place);
    }

  return g_string_free (g_steal_pointer (&subtitle), FALSE);
}

static GtkWidget *
finding_row_new (CandorFinding *finding)
{
  GtkWidget       *row = adw_action_row_new ();
  g_autofree char *subtitle = finding_subtitle (finding);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), candor_finding_get_message (finding));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
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
show_findings (CandorPreview *self, GPtrArray *findings)
{
  g_autoptr (GString) signature = g_string_new (NULL);
  GtkWidget *child;

  for (guint i = 0; i < findings->len; i++)
    {
      CandorFinding *finding = g_ptr_array_index (findings, i);

      g_string_append_printf (
        signature, "%s|%d|%s|%s|%s\n", candor_finding_get_rule_id (finding),
        candor_finding_get_field (finding), candor_finding_get_message (finding),
        candor_finding_get_quote (finding) != NULL ? candor_finding_get_quote (finding) : "",
        candor_finding_get_language (finding) != NULL ? candor_finding_get_language (finding) : "");
    }

  if (g_strcmp0 (signature->str, self->findings_signature) == 0)
    {
      /* Same findings, maybe moved: refresh the spans the rows jump to. */
      child = gtk_widget_get_first_child (GTK_WIDGET (self->findings_list));
      for (guint i = 0; child != NULL && i < findings->len;
           child = gtk_widget_get_next_sibling (child), i++)
        g_object_set_data_full (G_OBJECT (child), "finding",
                                g_object_ref (g_ptr_array_index (findings, i)), g_object_unref);
      return;
    }

  g_free (self->findings_signature);
  self->findings_signature = g_string_free (g_steal_pointer (&signature), FALSE);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->findings_list))) != NULL)
    gtk_list_box_remove (self->findings_list, child);

  for (guint i = 0; i < findings->len; i++)
    gtk_list_box_append (self->findings_list, finding_row_new (g_ptr_array_index (findings, i)));

  gtk_widget_set_visible (GTK_WIDGET (self->findings_box), findings->len > 0);
  if (findings->len > 0)
    {
      g_autofree char *heading = NULL;

      heading = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%u Check to Look At", "%u Checks to Look At", findings->len),
        findings->len);
      gtk_label_set_label (self->findings_label, heading);
    }
}

static const char *
get_audience_language (CandorPreview *self, CandorAudience *audience)
{
  CandorIncident *incident = candor_composition_get_incident (self->composition);
  const char     *language = candor_audience_get_language (audience);

  if (language == NULL && incident != NULL)
    language = candor_incident_get_language (incident);

  return language != NULL ? language : "en";
}

static void
show_languages (CandorPreview *self)
{
  CandorIncident *incident = candor_composition_get_incident (self->composition);
  gboolean several = incident != NULL && candor_incident_get_other_languages (incident)[0] != NULL;

  for (GtkWidget *page = gtk_widget_get_first_child (GTK_WIDGET (self->audience_stack));
       page != NULL; page = gtk_widget_get_next_sibling (page))
    {
      CandorAudience  *audience = g_object_get_data (G_OBJECT (page), "audience");
      GtkStackPage    *stack_page = gtk_stack_get_page (self->audience_stack, page);
      g_autofree char *title = NULL;

      title = several ? dup_language_title (candor_audience_get_name (audience),
                                            get_audience_language (self, audience))
                      : g_strdup (candor_audience_get_name (audience));
      if (g_strcmp0 (gtk_stack_page_get_title (stack_page), title) != 0)
        gtk_stack_page_set_title (stack_page, title);
    }

  for (guint i = 0; i < self->channel_views->len; i++)
    {
      CandorChannelView *view = g_ptr_array_index (self->channel_views, i);
      CandorAudience    *audience = g_object_get_data (G_OBJECT (view), "audience");
      const char        *name = g_object_get_data (G_OBJECT (view), "channel-name");
      CandorRendition   *rendition =
        candor_composition_get_rendition (self->composition, candor_audience_get_id (audience),
                                          g_object_get_data (G_OBJECT (view), "channel-id"));
      g_autofree char *title = NULL;

      if (several && rendition != NULL &&
          g_strcmp0 (candor_rendition_get_language (rendition),
                     get_audience_language (self, audience)) != 0)
        title = dup_language_title (name, candor_rendition_get_language (rendition));
      candor_channel_view_set_channel_name (view, title != NULL ? title : name);
    }
}

/* What the composition says now, into the channels and the findings. */
static void
show_results (CandorPreview *self)
{
  g_autoptr (GError) error = NULL;

  candor_composition_update (self->composition, &error);
  gtk_widget_set_visible (GTK_WIDGET (self->checks_error_label), error != NULL);
  if (error != NULL)
    gtk_label_set_label (self->checks_error_label, error->message);

  for (guint i = 0; i < self->channel_views->len; i++)
    {
      CandorChannelView *view = g_ptr_array_index (self->channel_views, i);
      CandorAudience    *audience = g_object_get_data (G_OBJECT (view), "audience");

      candor_channel_view_set_rendition (
        view,
        candor_composition_get_rendition (self->composition, candor_audience_get_id (audience),
                                          g_object_get_data (G_OBJECT (view), "channel-id")));
    }

  show_languages (self);
  show_findings (self, candor_composition_get_findings (self->composition));

  g_signal_emit (self, signals[UPDATED], 0);
}

static void
render (CandorPreview *self)
{
  if (candor_composition_get_update (self->composition) == NULL)
    return;

  /* Updating a dirty composition emits "changed", which shows the results. */
  if (candor_composition_get_dirty (self->composition))
    candor_composition_update (self->composition, NULL);
  else
    show_results (self);
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
on_composition_dirty_cb (CandorPreview *self, GParamSpec *pspec, CandorComposition *composition)
{
  if (candor_composition_get_dirty (composition))
    queue_render (self);
}

static void
on_composition_changed_cb (CandorPreview *self, CandorComposition *composition)
{
  /* Someone else may have asked first: what is pending is now done. */
  g_clear_handle_id (&self->render_source_id, g_source_remove);
  show_results (self);
}

/* The preview and the .eml saved from the same composition say what the
 * settings say: one sender for both. */
static void
apply_sender (CandorPreview *self)
{
  g_autofree char *from = NULL;
  g_autofree char *name = NULL;

  if (self->settings == NULL)
    return;

  from = candor_sender_dup_from (self->settings);
  name = g_settings_get_string (self->settings, "sender-name");
  candor_composition_set_email_from (self->composition, from);
  for (guint i = 0; i < self->channel_views->len; i++)
    candor_channel_view_set_sender_name (g_ptr_array_index (self->channel_views, i), name);
}

static void
on_settings_changed_cb (CandorPreview *self, const char *key, GSettings *settings)
{
  if (g_str_has_prefix (key, "sender-"))
    apply_sender (self);
}

/* One channel view for each channel of each audience, on one stack page per audience. */
static void
build_channel_views (CandorPreview *self)
{
  GPtrArray *audiences = candor_composition_get_audiences (self->composition);
  GtkWidget *child;

  g_ptr_array_set_size (self->channel_views, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->audience_stack))) != NULL)
    gtk_stack_remove (self->audience_stack, child);

  for (guint i = 0; audiences != NULL && i < audiences->len; i++)
    {
      CandorAudience    *audience = g_ptr_array_index (audiences, i);
      GtkWidget         *channels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
      const char *const *ids = candor_audience_get_channels (audience);

      for (guint j = 0; ids[j] != NULL; j++)
        {
          CandorChannel *channel =
            candor_channel_find (candor_composition_get_channels (self->composition), ids[j]);
          CandorChannelView *view;

          if (channel == NULL)
            continue;

          view = candor_channel_view_new (candor_channel_get_dialect (channel));
          candor_channel_view_set_channel_name (view, candor_channel_get_name (channel));
          g_object_set_data_full (G_OBJECT (view), "audience", g_object_ref (audience),
                                  g_object_unref);
          g_object_set_data_full (G_OBJECT (view), "channel-id", g_strdup (ids[j]), g_free);
          g_object_set_data_full (G_OBJECT (view), "channel-name",
                                  g_strdup (candor_channel_get_name (channel)), g_free);
          gtk_box_append (GTK_BOX (channels), GTK_WIDGET (view));
          g_ptr_array_add (self->channel_views, view);
        }

      g_object_set_data_full (G_OBJECT (channels), "audience", g_object_ref (audience),
                              g_object_unref);
      gtk_stack_add_titled (self->audience_stack, channels, candor_audience_get_id (audience),
                            candor_audience_get_name (audience));
    }

  apply_sender (self);
  queue_render (self);
}

static void
on_composition_audiences_cb (CandorPreview *self, GParamSpec *pspec, CandorComposition *composition)
{
  build_channel_views (self);
}

static void
on_findings_list_row_activated_cb (CandorPreview *self, GtkListBoxRow *row, GtkListBox *list)
{
  CandorFinding *finding = g_object_get_data (G_OBJECT (row), "finding");

  if (finding != NULL)
    g_signal_emit (self, signals[FINDING_ACTIVATED], 0, finding);
}

static void
disconnect_composition (CandorPreview *self)
{
  if (self->composition != NULL)
    g_signal_handlers_disconnect_by_data (self->composition, self);
  g_clear_object (&self->composition);
}

static void
candor_preview_dispose (GObject *object)
{
  CandorPreview *self = CANDOR_PREVIEW (object);

  g_clear_handle_id (&self->render_source_id, g_source_remove);
  disconnect_composition (self);
  g_clear_pointer (&self->channel_views, g_ptr_array_unref);
  g_clear_object (&self->settings);

  gtk_widget_dispose_template (GTK_WIDGET (self), CANDOR_TYPE_PREVIEW);

  G_OBJECT_CLASS (candor_preview_parent_class)->dispose (object);
}

static void
candor_preview_finalize (GObject *object)
{
  CandorPreview *self = CANDOR_PREVIEW (object);

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

  /* Emitted after the channels and findings show the composition's results. */
  signals[UPDATED] = g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);
  signals[FINDING_ACTIVATED] =
    g_signal_new ("finding-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, CANDOR_TYPE_FINDING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/candor/Candor/candor-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, CandorPreview, audience_stack);
  gtk_widget_class_bind_template_child (widget_class, CandorPreview, checks_error_label);
  gtk_widget_class_bind_template_child (widget_class, CandorPreview, findings_box);
  gtk_widget_class_bind_template_child (widget_class, CandorPreview, findings_label);
  gtk_widget_class_bind_template_child (widget_class, CandorPreview, findings_list);
  gtk_widget_class_bind_template_callback (widget_class, on_findings_list_row_activated_cb);
}

static void
candor_preview_init (CandorPreview *self)
{
  g_autoptr (CandorComposition) composition = candor_composition_new ();
  GApplication *application = g_application_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->channel_views = g_ptr_array_new ();
  if (CANDOR_IS_APPLICATION (application))
    {
      self->settings =
        g_object_ref (candor_application_get_settings (CANDOR_APPLICATION (application)));
      g_signal_connect_object (self->settings, "changed", G_CALLBACK (on_settings_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  candor_preview_set_composition (self, composition);
}

void
candor_preview_set_composition (CandorPreview *self, CandorComposition *composition)
{
  g_return_if_fail (CANDOR_IS_PREVIEW (self));
  g_return_if_fail (CANDOR_IS_COMPOSITION (composition));

  if (composition == self->composition)
    return;

  disconnect_composition (self);
  self->composition = g_object_ref (composition);
  g_signal_connect_object (composition, "notify::dirty", G_CALLBACK (on_composition_dirty_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (composition, "changed", G_CALLBACK (on_composition_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (composition, "notify::audiences",
                           G_CALLBACK (on_composition_audiences_cb), self, G_CONNECT_SWAPPED);
  /* Other channels are other views, as other audiences are. */
  g_signal_connect_object (composition, "notify::channels",
                           G_CALLBACK (on_composition_audiences_cb), self, G_CONNECT_SWAPPED);
  build_channel_views (self);
}

/* Returns: (transfer none): what the preview shows. */
CandorComposition *
candor_preview_get_composition (CandorPreview *self)
{
  g_return_val_if_fail (CANDOR_IS_PREVIEW (self), NULL);

  return self->composition;
}

void
candor_preview_set_draft (CandorPreview  *self,
                          CandorIncident *incident,
                          CandorUpdate   *update,
                          GPtrArray      *audiences)
{
  g_return_if_fail (CANDOR_IS_PREVIEW (self));

  /* The composition tells the preview to rebuild and to render. */
  candor_composition_set_draft (self->composition, incident, update, audiences);
}

void
candor_preview_set_audience (CandorPreview *self, const char *audience_id)
{
  g_return_if_fail (CANDOR_IS_PREVIEW (self));
  g_return_if_fail (audience_id != NULL);

  gtk_stack_set_visible_child_name (self->audience_stack, audience_id);
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
