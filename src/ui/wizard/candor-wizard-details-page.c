/* candor-wizard-details-page.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-wizard-details-page"

#include "config.h"

#include <glib/gi18n.h>

#include "candor-audience.h"
#include "candor-field-editor.h"
#include "candor-time-zones.h"
#include "candor-wizard-details-page.h"

/* Step 4: root cause, actions taken and planned. Required in spirit only
 * for a resolution or post-incident report; earlier updates may skip it.
 * Those start from the impact timeline: the incident's own times and every
 * update already sent, read from the history when it opens. */
struct _CandorWizardDetailsPage
{
  CandorWizardPage parent_instance;

  CandorFieldEditor *details_editor;

  GCancellable *cancellable;
  GPtrArray    *audiences;    /* whose time zones the timeline is written in */
  GPtrArray    *sent_updates; /* of CandorSentUpdate; NULL until read */
  gboolean      reading;
  gboolean      insert_when_read;
};

G_DEFINE_FINAL_TYPE (CandorWizardDetailsPage, candor_wizard_details_page, CANDOR_TYPE_WIZARD_PAGE)

typedef struct
{
  GDateTime *time;
  char      *what;
} TimelineEvent;

static void
timeline_event_free (TimelineEvent *event)
{
  g_date_time_unref (event->time);
  g_free (event->what);
  g_free (event);
}

static void
add_event (GPtrArray *events, GDateTime *time, char *what)
{
  TimelineEvent *event;

  if (time == NULL)
    {
      g_free (what);
      return;
    }

  event = g_new0 (TimelineEvent, 1);
  event->time = g_date_time_ref (time);
  event->what = what;
  g_ptr_array_add (events, event);
}

static int
compare_events (gconstpointer a, gconstpointer b)
{
  const TimelineEvent *event_a = *(TimelineEvent **)a;
  const TimelineEvent *event_b = *(TimelineEvent **)b;

  return g_date_time_compare (event_a->time, event_b->time);
}

/* The point of a sent update, for one line of the timeline: the first
 * sentence of its summary, shortened. */
static char *
summarize_update (CandorUpdate *update)
{
  const char *kind = candor_update_kind_get_label (candor_update_get_kind (update));
  const char *summary = candor_update_get_field (update, CANDOR_FIELD_EXECUTIVE_SUMMARY);
  g_autoptr (GString) point = g_string_new (NULL);
  glong length = 0;

  for (const char *p = summary; *p != '\0' && *p != '\n' && length < 80;
       p = g_utf8_next_char (p), length++)
    {
      g_string_append_unichar (point, g_utf8_get_char (p));
      if ((*p == '.' || *p == '!' || *p == '?') && (p[1] == ' ' || p[1] == '\0'))
        break;
    }
  if (length == 80)
    g_string_append (point, "…");

  if (point->len == 0)
    /* TRANSLATORS: a line of the impact timeline; %s is the kind of update, "Progress update" */
    return g_strdup_printf (_("%s sent"), kind);

  /* TRANSLATORS: a line of the impact timeline: the kind of update sent and its point */
  return g_strdup_printf (_("%s sent: %s"), kind, point->str);
}

/* The impact timeline: started, detected, each update sent, resolved, in
 * the order they happened. */
static char *
build_timeline (CandorIncident *incident, GPtrArray *sent_updates, const char *const *zones)
{
  g_autoptr (GPtrArray) events =
    g_ptr_array_new_with_free_func ((GDestroyNotify)timeline_event_free);
  GString *timeline;

  add_event (events, candor_incident_get_started_at (incident), g_strdup (_("impact started")));
  add_event (events, candor_incident_get_detected_at (incident), g_strdup (_("we noticed")));
  for (guint i = 0; sent_updates != NULL && i < sent_updates->len; i++)
    {
      CandorSentUpdate *sent = g_ptr_array_index (sent_updates, i);

      add_event (events, sent->sent_at, summarize_update (sent->update));
    }
  add_event (events, candor_incident_get_resolved_at (incident), g_strdup (_("impact ended")));

  if (events->len == 0)
    return NULL;

  /* Stable, so "started" stays before "noticed" when they are the same minute. */
  g_ptr_array_sort (events, compare_events);

  timeline = g_string_new (_("Timeline:\n"));
  for (guint i = 0; i < events->len; i++)
    {
      TimelineEvent *event = g_ptr_array_index (events, i);
      /* Read by customers: each time with the audiences' zones, never bare. */
      g_autofree char *when = candor_time_format_in_zones (event->time, zones, TRUE);

      g_string_append_printf (timeline, "- %s — %s\n", when, event->what);
    }

  return g_string_free (timeline, FALSE);
}

static void
insert_timeline (CandorWizardDetailsPage *self)
{
  CandorIncident  *incident = candor_wizard_page_get_incident (CANDOR_WIZARD_PAGE (self));
  GtkTextBuffer   *buffer = candor_field_editor_get_buffer (self->details_editor);
  g_autofree char *timeline = NULL;
  g_autoptr (GPtrArray) defaults = self->audiences == NULL ? candor_audience_new_defaults () : NULL;
  g_auto (GStrv) zones =
    candor_time_zones_of_audiences (self->audiences != NULL ? self->audiences : defaults);
  GtkTextIter end;

  if (incident == NULL || (timeline = build_timeline (incident, self->sent_updates,
                                                      (const char *const *)zones)) == NULL)
    return;

  gtk_text_buffer_get_end_iter (buffer, &end);
  if (gtk_text_buffer_get_char_count (buffer) > 0)
    gtk_text_buffer_insert (buffer, &end, "\n\n", -1);
  gtk_text_buffer_insert (buffer, &end, timeline, -1);
}

static void
on_timeline_button_clicked_cb (CandorWizardDetailsPage *self, GtkButton *button)
{
  insert_timeline (self);
}

static gboolean
is_after_the_fact (CandorUpdate *update)
{
  CandorUpdateKind kind = candor_update_get_kind (update);

  return kind == CANDOR_UPDATE_KIND_RESOLUTION || kind == CANDOR_UPDATE_KIND_POST_INCIDENT;
}

static gboolean
is_empty (CandorWizardDetailsPage *self)
{
  return gtk_text_buffer_get_char_count (candor_field_editor_get_buffer (self->details_editor)) ==
         0;
}

static void
candor_wizard_details_page_shown (CandorWizardPage *page)
{
  CandorWizardDetailsPage *self = CANDOR_WIZARD_DETAILS_PAGE (page);
  CandorUpdate            *update = candor_wizard_page_get_update (page);

  candor_wizard_page_set_skippable (page, !is_after_the_fact (update));

  /* A resolution starts from the timeline rather than from nothing; with
   * the sent updates in it once they are read. */
  if (!is_after_the_fact (update) || !is_empty (self))
    return;
  if (self->reading)
    self->insert_when_read = TRUE;
  else
    insert_timeline (self);
}

static void
on_sent_updates_read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CandorWizardDetailsPage *self = user_data;
  g_autoptr (GPtrArray) sent_updates = NULL;
  g_autoptr (GError) error = NULL;

  sent_updates = candor_store_load_updates_finish (CANDOR_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* A new incident is not in the history yet: nothing was sent. */
  if (error != NULL && !g_error_matches (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_NOT_FOUND))
    g_warning ("Could not read the updates sent so far: %s", error->message);

  self->reading = FALSE;
  g_clear_pointer (&self->sent_updates, g_ptr_array_unref);
  self->sent_updates = g_steal_pointer (&sent_updates);

  if (self->insert_when_read && is_empty (self))
    insert_timeline (self);
  self->insert_when_read = FALSE;
}

static void
candor_wizard_details_page_store_set (CandorWizardPage *page)
{
  CandorWizardDetailsPage *self = CANDOR_WIZARD_DETAILS_PAGE (page);
  CandorIncident          *incident = candor_wizard_page_get_incident (page);

  if (incident == NULL)
    return;

  self->reading = TRUE;
  candor_store_load_updates_async (candor_wizard_page_get_store (page),
                                   candor_incident_get_id (incident), self->cancellable,
                                   on_sent_updates_read_cb, self);
}

static void
candor_wizard_details_page_dispose (GObject *object)
{
  CandorWizardDetailsPage *self = CANDOR_WIZARD_DETAILS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->sent_updates, g_ptr_array_unref);
  g_clear_pointer (&self->audiences, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (object), CANDOR_TYPE_WIZARD_DETAILS_PAGE);

  G_OBJECT_CLASS (candor_wizard_details_page_parent_class)->dispose (object);
}

static void
candor_wizard_details_page_class_init (CandorWizardDetailsPageClass *klass)
{
  GObjectClass          *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass        *widget_class = GTK_WIDGET_CLASS (klass);
  CandorWizardPageClass *page_class = CANDOR_WIZARD_PAGE_CLASS (klass);

  object_class->dispose = candor_wizard_details_page_dispose;
  page_class->shown = candor_wizard_details_page_shown;
  page_class->store_set = candor_wizard_details_page_store_set;

  g_type_ensure (CANDOR_TYPE_FIELD_EDITOR);
  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/candor/Candor/candor-wizard-details-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CandorWizardDetailsPage, details_editor);
  gtk_widget_class_bind_template_callback (widget_class, on_timeline_button_clicked_cb);
}

static void
candor_wizard_details_page_init (CandorWizardDetailsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  candor_wizard_page_set_skippable (CANDOR_WIZARD_PAGE (self), TRUE);
}

void
candor_wizard_details_page_set_audiences (CandorWizardDetailsPage *self, GPtrArray *audiences)
{
  g_return_if_fail (CANDOR_IS_WIZARD_DETAILS_PAGE (self));

  g_clear_pointer (&self->audiences, g_ptr_array_unref);
  if (audiences != NULL)
    self->audiences = g_ptr_array_ref (audiences);
}
