/* candor-incident-page.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-incident-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "candor-languages.h"
#include "candor-dialect.h"
#include "candor-incident-facts.h"
#include "candor-audience.h"
#include "candor-channel.h"
#include "candor-accessible.h"
#include "candor-incident-page.h"
#include "candor-incident-summary.h"

/* One incident's timeline: its own facts, then every update as it went out,
 * with the exact text each audience got on each channel and what became of
 * each publication. Read from the store in its worker thread. */
struct _CandorIncidentPage
{
  AdwBin parent_instance;

  CandorIncident *incident;
  gulong          notify_handler;
  CandorStore    *store;
  GCancellable   *cancellable;
  /* Of CandorSentUpdate, oldest first: what the timeline shows. */
  GPtrArray *sent_updates;
  /* Of CandorChannel: a publication shows its channel's name. */
  GListModel *channels;

  GtkImage            *severity_badge;
  GtkLabel            *title_label;
  GtkLabel            *summary_label;
  GtkLabel            *services_label;
  GtkWidget           *export_button;
  GtkLabel            *export_status;
  AdwActionRow        *started_row;
  AdwActionRow        *detected_row;
  AdwActionRow        *first_notice_row;
  AdwActionRow        *resolved_row;
  AdwActionRow        *duration_row;
  GtkBox              *updates_box;
  GtkWidget           *empty_page;
  AdwPreferencesGroup *drafts_group;
  GPtrArray           *drafts;     /* of CandorDraft: every unsent one */
  GPtrArray           *draft_rows; /* the rows in drafts_group */
};

G_DEFINE_FINAL_TYPE (CandorIncidentPage, candor_incident_page, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_INCIDENT,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  DRAFT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
format_time (GDateTime *time)
{
  g_autoptr (GDateTime) local = NULL;
  char *text;

  if (time == NULL)
    return g_strdup (_("Not known"));

  local = g_date_time_to_local (time);
  /* Translators: a date and time in the timeline, see the strftime manual */
  text = g_date_time_format (local, _("%e %b %Y, %H:%M"));
  /* %e pads a one-digit day with a figure space, which is not whitespace
   * to g_strstrip but shows as a gap before the date. */
  if (g_str_has_prefix (text, "\u2007"))
    memmove (text, text + strlen ("\u2007"), strlen (text) - strlen ("\u2007") + 1);
  return g_strstrip (text);
}

static void
set_fact (AdwActionRow *row, char *value)
{
  adw_action_row_set_subtitle (row, value);
  g_free (value);
}

static const char *
publication_state_label (CandorPublicationState state)
{
  switch (state)
    {
      case CANDOR_PUBLICATION_STATE_WAITING:
        return _("Waiting to be sent");
      case CANDOR_PUBLICATION_STATE_SENT:
        return _("Sent");
      case CANDOR_PUBLICATION_STATE_FAILED:
        return _("Failed");
      case CANDOR_PUBLICATION_STATE_VERIFY:
        /* Translators: the result of sending is unknown; the user should check the channel */
        return _("Verify: the result is unknown");
      default:
        g_assert_not_reached ();
    }
}

static void
clear_updates (CandorIncidentPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->updates_box))) != NULL)
    gtk_box_remove (self->updates_box, child);
}

/* A label for text that people wrote: never markup, always selectable. */
static GtkWidget *
text_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  return label;
}

/* What a user calls the audience a rendition went to: a default audience by
 * its (translated) name, one of their own by the id they gave it. */
static const char *
audience_display_name (const char *audience_id)
{
  static GPtrArray *defaults;

  if (g_once_init_enter (&defaults))
    g_once_init_leave (&defaults, candor_audience_new_defaults ());

  for (guint i = 0; i < defaults->len; i++)
    {
      CandorAudience *audience = g_ptr_array_index (defaults, i);

      if (g_strcmp0 (candor_audience_get_id (audience), audience_id) == 0)
        return candor_audience_get_name (audience);
    }

  return audience_id;
}

/* The configured channel's name; its id once it is removed. */
static const char *
channel_display_name (GListModel *channels, const char *channel_id)
{
  guint n = channels != NULL ? g_list_model_get_n_items (channels) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (CandorChannel) channel = g_list_model_get_item (channels, i);

      /* The model keeps the channel, and its name, after this reference goes. */
      if (g_strcmp0 (candor_channel_get_id (channel), channel_id) == 0)
        return candor_channel_get_name (channel);
    }

  return channel_id;
}

/* Whether the update went out in more than one language. */
static gboolean
has_several_languages (CandorSentUpdate *sent)
{
  const char *first = NULL;

  for (guint i = 0; i < sent->renditions->len; i++)
    {
      CandorSentRendition *rendition = g_ptr_array_index (sent->renditions, i);

      if (rendition->language == NULL)
        continue;
      if (first == NULL)
        first = rendition->language;
      else if (!g_str_equal (first, rendition->language))
        return TRUE;
    }

  return FALSE;
}

/* The title as readers of each other language saw it, one line each, on
 * the title itself: the rows below show what each audience received. */
static void
show_title_translations (CandorIncidentPage *self)
{
  const char *const *others = candor_incident_get_other_languages (self->incident);
  g_autoptr (GString) tooltip = g_string_new (NULL);

  for (guint i = 0; others[i] != NULL; i++)
    {
      const char *title = candor_incident_get_title_in (self->incident, others[i]);

      if (*title == '\0')
        continue;
      if (tooltip->len > 0)
        g_string_append_c (tooltip, '\n');
      /* TRANSLATORS: a language's name and the incident title in it, e.g.
       * "English: Sign-in is down" */
      g_string_append_printf (tooltip, _("%s: %s"), candor_languages_get_name (others[i]), title);
    }

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label),
                               tooltip->len > 0 ? tooltip->str : NULL);
}

/* @several: the update went out in several languages, and each row says
 * which its text is in. */
static GtkWidget *
build_rendition_row (CandorSentRendition *rendition,
                     GPtrArray           *publications,
                     GListModel          *channels,
                     gboolean             several)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_autoptr (GString) states = g_string_new (candor_dialect_get_label (rendition->dialect));
  g_autofree char *title = NULL;

  /* TRANSLATORS: an audience and the language its text was sent in, e.g.
   * "Customers · Русский" */
  title = several && rendition->language != NULL
    ? g_strdup_printf (_("%s · %s"), audience_display_name (rendition->audience),
                          candor_languages_get_name (rendition->language))
    : g_strdup (audience_display_name (rendition->audience));
  /* The audience's name is the user's text: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  if (rendition->subject != NULL && *rendition->subject != '\0')
    {
      /* Translators: an email's subject line */
      g_autofree char *subject = g_strdup_printf (_("Subject: %s"), rendition->subject);
      GtkWidget       *label = text_label (subject);

      gtk_widget_add_css_class (label, "heading");
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_box_append (GTK_BOX (box), text_label (rendition->body != NULL ? rendition->body : ""));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), box);

  for (guint i = 0; publications != NULL && i < publications->len; i++)
    {
      CandorPublication *publication = g_ptr_array_index (publications, i);
      GtkWidget         *publication_row;
      const char        *state = publication_state_label (publication->state);

      if (publication->rendition_id != rendition->id)
        continue;

      g_string_append_printf (states, " · %s", state);

      publication_row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (publication_row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (publication_row),
                                     channel_display_name (channels, publication->channel_id));
      if (publication->last_error != NULL && publication->state != CANDOR_PUBLICATION_STATE_SENT)
        {
          /* Translators: a publication state and the error, "Failed: 503 Service Unavailable" */
          g_autofree char *detail = g_strdup_printf (_("%s: %s"), state, publication->last_error);

          adw_action_row_set_subtitle (ADW_ACTION_ROW (publication_row), detail);
        }
      else
        {
          /* When it was last heard of: for a sent one, when it went out. */
          g_autofree char *at = format_time (publication->updated_at);
          g_autofree char *detail = g_strdup_printf (_("%s · %s"), state, at);

          adw_action_row_set_subtitle (ADW_ACTION_ROW (publication_row), detail);
        }

      if (publication->state == CANDOR_PUBLICATION_STATE_FAILED ||
          publication->state == CANDOR_PUBLICATION_STATE_VERIFY)
        gtk_widget_add_css_class (publication_row, "error");

      if (publication->remote_url != NULL && g_str_has_prefix (publication->remote_url, "https://"))
        {
          GtkWidget *link =
            gtk_link_button_new_with_label (publication->remote_url, _("Open Post"));

          gtk_widget_set_valign (link, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (link, publication->remote_url);
          adw_action_row_add_suffix (ADW_ACTION_ROW (publication_row), link);
        }

      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), publication_row);
    }

  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), states->str);
  return row;
}

/* "Next update promised by 11:00 · sent 11:20" and whether that was late. */
static char *
describe_promise (const CandorUpdateFacts *facts)
{
  g_autofree char *promised = NULL;
  g_autofree char *next = NULL;

  if (facts->promised_when_changed)
    promised = g_strdup (_("Next update promised when the situation changes"));
  else if (facts->promised_next_at != NULL)
    {
      g_autofree char *at = format_time (facts->promised_next_at);

      promised = g_strdup_printf (_("Next update promised by %s"), at);
    }
  else
    promised = g_strdup (_("No next update promised"));

  if (facts->next_sent_at != NULL)
    {
      g_autofree char *at = format_time (facts->next_sent_at);

      next = g_strdup_printf (_("next one sent %s"), at);
    }
  else
    next = g_strdup (_("no later update sent"));

  /* Translators: the promise, then what happened: "Next update promised by 11:00 · next one sent
   * 11:20" */
  return g_strdup_printf (_("%s · %s"), promised, next);
}

static GtkWidget *
build_update_group (CandorSentUpdate *sent, const CandorUpdateFacts *facts, GListModel *channels)
{
  GtkWidget       *group = adw_preferences_group_new ();
  g_autofree char *sent_at = format_time (sent->sent_at);
  g_autofree char *title = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *promise = NULL;
  gboolean         several;

  /* Translators: the kind of update and when it went out: "Initial notice · 30 Nov 2026, 10:05" */
  title = g_strdup_printf (
    _("%s · %s"), candor_update_kind_get_label (candor_update_get_kind (sent->update)), sent_at);
  escaped = g_markup_escape_text (title, -1);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), escaped);

  if (facts != NULL)
    {
      g_autofree char *promise_escaped = NULL;

      promise = describe_promise (facts);
      promise_escaped = g_markup_escape_text (promise, -1);
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), promise_escaped);

      if (facts->late)
        {
          g_autofree char *late_by = candor_format_time_span (facts->late_by);
          /* Translators: the next update came after the promised time, "Late by 20 min" */
          g_autofree char *text = g_strdup_printf (_("Late by %s"), late_by);
          GtkWidget       *late = gtk_label_new (text);

          gtk_widget_add_css_class (late, "error");
          gtk_widget_add_css_class (late, "heading");
          gtk_widget_set_valign (late, GTK_ALIGN_START);
          adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), late);
        }
    }

  several = has_several_languages (sent);
  for (guint i = 0; i < sent->renditions->len; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               build_rendition_row (g_ptr_array_index (sent->renditions, i),
                                                    sent->publications, channels, several));

  return group;
}

static void
candor_incident_page_show_timeline (CandorIncidentPage *self)
{
  g_autoptr (CandorIncidentFacts) facts = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GPtrArray) empty = g_ptr_array_new ();
  GPtrArray *sent_updates = self->sent_updates != NULL ? self->sent_updates : empty;

  clear_updates (self);

  if (self->incident == NULL)
    return;

  facts = candor_incident_facts_compute (self->incident, sent_updates, now);

  set_fact (self->started_row, format_time (facts->started_at));
  set_fact (self->detected_row, format_time (facts->detected_at));
  set_fact (self->first_notice_row, facts->time_to_first_notice >= 0
                                      ? candor_format_time_span (facts->time_to_first_notice)
                                      : g_strdup (_("No notice sent yet")));
  set_fact (self->resolved_row, facts->resolved_at != NULL ? format_time (facts->resolved_at)
                                                           : g_strdup (_("Not yet resolved")));
  set_fact (self->duration_row, facts->duration >= 0 ? candor_format_time_span (facts->duration)
                                                     : g_strdup (_("Still going on")));

  /* Newest first, like the incidents list: the latest message is what people ask about. */
  for (guint i = sent_updates->len; i > 0; i--)
    {
      const CandorUpdateFacts *update_facts =
        facts->updates != NULL && i - 1 < facts->updates->len
          ? &g_array_index (facts->updates, CandorUpdateFacts, i - 1)
          : NULL;

      gtk_box_append (
        self->updates_box,
        build_update_group (g_ptr_array_index (sent_updates, i - 1), update_facts, self->channels));
    }

  gtk_widget_set_visible (self->empty_page, sent_updates->len == 0);
}

static void
on_updates_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (CandorIncidentPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) sent_updates = NULL;

  sent_updates = candor_store_load_updates_finish (CANDOR_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (sent_updates == NULL)
    {
      /* A fresh incident that was never saved has no updates, which is not an error. */
      if (!g_error_matches (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_NOT_FOUND))
        {
          gtk_label_set_text (self->export_status, error->message);
          gtk_widget_add_css_class (GTK_WIDGET (self->export_status), "error");
          gtk_widget_set_visible (GTK_WIDGET (self->export_status), TRUE);
        }
      return;
    }

  g_clear_pointer (&self->sent_updates, g_ptr_array_unref);
  self->sent_updates = g_steal_pointer (&sent_updates);
  candor_incident_page_show_timeline (self);
}

char *
candor_incident_page_describe_draft (CandorDraft *draft)
{
  const char *kind =
    candor_update_kind_get_label (candor_update_get_kind (candor_draft_get_update (draft)));
  GDateTime *saved_at = candor_draft_get_saved_at (draft);

  if (saved_at != NULL)
    {
      g_autofree char *at = format_time (saved_at);

      /* Translators: an unsent draft: its kind, the wizard step it was left at, when it was saved:
       * "Progress update · step 3 · saved 30 Nov 2026, 10:05" */
      return g_strdup_printf (_("%s · step %u · saved %s"), kind,
                                 candor_draft_get_step (draft) + 1, at);
    }

  /* Translators: an unsent draft: its kind and the wizard step it was left at */
  return g_strdup_printf (_("%s · step %u"), kind, candor_draft_get_step (draft) + 1);
}

static void
on_draft_row_activated_cb (AdwActionRow *row, gpointer user_data)
{
  CandorIncidentPage *self = user_data;
  CandorDraft        *draft = g_object_get_data (G_OBJECT (row), "draft");

  g_signal_emit (self, signals[DRAFT_ACTIVATED], 0, draft);
}

/* "Step 3 · saved 30 Nov 2026, 10:05": under the draft's kind. */
static char *
describe_draft_place (CandorDraft *draft)
{
  GDateTime *saved_at = candor_draft_get_saved_at (draft);

  if (saved_at != NULL)
    {
      g_autofree char *at = format_time (saved_at);

      /* Translators: the wizard step an unsent draft was left at, and when it was saved */
      return g_strdup_printf (_("Step %u · saved %s"), candor_draft_get_step (draft) + 1, at);
    }

  /* Translators: the wizard step an unsent draft was left at */
  return g_strdup_printf (_("Step %u"), candor_draft_get_step (draft) + 1);
}

/* The incident's unsent drafts, newest first, each one activation away. */
static void
candor_incident_page_show_drafts (CandorIncidentPage *self)
{
  const char *incident_id = self->incident != NULL ? candor_incident_get_id (self->incident) : NULL;

  for (guint i = 0; i < self->draft_rows->len; i++)
    adw_preferences_group_remove (self->drafts_group, g_ptr_array_index (self->draft_rows, i));
  g_ptr_array_set_size (self->draft_rows, 0);

  for (guint i = 0; incident_id != NULL && self->drafts != NULL && i < self->drafts->len; i++)
    {
      CandorDraft     *draft = g_ptr_array_index (self->drafts, i);
      GtkWidget       *row, *button;
      g_autofree char *subtitle = NULL;

      if (g_strcmp0 (candor_incident_get_id (candor_draft_get_incident (draft)), incident_id) != 0)
        continue;

      subtitle = describe_draft_place (draft);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (
        ADW_PREFERENCES_ROW (row),
        candor_update_kind_get_label (candor_update_get_kind (candor_draft_get_update (draft))));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      button = gtk_button_new_with_mnemonic (_("_Continue"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_focusable (button, FALSE);
      gtk_widget_set_can_target (button, FALSE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "draft", g_object_ref (draft), g_object_unref);
      g_signal_connect (row, "activated", G_CALLBACK (on_draft_row_activated_cb), self);
      adw_preferences_group_add (self->drafts_group, row);
      g_ptr_array_add (self->draft_rows, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->drafts_group), self->draft_rows->len > 0);
}

static void
candor_incident_page_load (CandorIncidentPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->sent_updates, g_ptr_array_unref);
  gtk_widget_set_visible (GTK_WIDGET (self->export_status), FALSE);

  candor_incident_page_show_timeline (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "incident.export",
                                 self->incident != NULL && self->store != NULL);

  if (self->incident == NULL || self->store == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  candor_store_load_updates_async (self->store, candor_incident_get_id (self->incident),
                                   self->cancellable, on_updates_loaded_cb, g_object_ref (self));
}

static void
candor_incident_page_refresh (CandorIncidentPage *self)
{
  const char *const *services;
  g_autofree char   *summary = NULL;

  if (self->incident == NULL)
    return;

  summary = candor_incident_summary_format (self->incident);
  gtk_label_set_label (self->title_label, candor_incident_get_title (self->incident));
  show_title_translations (self);
  gtk_label_set_label (self->summary_label, summary);
  candor_incident_summary_style_badge (GTK_WIDGET (self->severity_badge), self->incident);

  services = candor_incident_get_services (self->incident);
  if (services != NULL && services[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", (char **)services);
      /* Translators: followed by a list of services, for example "Affects: Billing, API" */
      g_autofree char *text = g_strdup_printf (_("Affects: %s"), joined);

      gtk_label_set_label (self->services_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->services_label),
                          services != NULL && services[0] != NULL);
}

static void
on_incident_notify_cb (CandorIncidentPage *self, GParamSpec *pspec, CandorIncident *incident)
{
  candor_incident_page_refresh (self);
}

typedef struct
{
  CandorIncidentPage   *self;
  GtkFileChooserNative *chooser;
  CandorExportFormat    format;
  char                 *incident_id;
  GFile                *file;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->self);
  g_clear_object (&job->chooser);
  g_clear_object (&job->file);
  g_free (job->incident_id);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportJob, export_job_free)

static void
show_export_status (CandorIncidentPage *self, const char *text, gboolean failed)
{
  gtk_label_set_text (self->export_status, text);
  if (failed)
    gtk_widget_add_css_class (GTK_WIDGET (self->export_status), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->export_status), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->export_status), TRUE);
}

static void
on_export_written_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (ExportJob) job = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_file_get_parse_name (job->file);
  g_autofree char *text = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: the file name, then why it could not be written */
      text = g_strdup_printf (_("Could not export to “%s”: %s"), name, error->message);
      show_export_status (job->self, text, TRUE);
      return;
    }

  text = g_strdup_printf (_("Exported to “%s”"), name);
  show_export_status (job->self, text, FALSE);
}

static void
on_export_made_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (ExportJob) job = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  ExportJob *writing;

  bytes = candor_store_export_incident_finish (CANDOR_STORE (source), result, &error);
  if (bytes == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_export_status (job->self, error->message, TRUE);
      return;
    }

  writing = g_steal_pointer (&job);
  g_file_replace_contents_bytes_async (writing->file, bytes, NULL, FALSE, G_FILE_CREATE_PRIVATE,
                                       NULL, on_export_written_cb, writing);
}

static void
on_export_chooser_response_cb (GtkNativeDialog *chooser, int response, gpointer user_data)
{
  ExportJob *job = user_data;

  gtk_native_dialog_destroy (chooser);

  if (response != GTK_RESPONSE_ACCEPT || job->self->store == NULL)
    {
      export_job_free (job);
      return;
    }

  job->file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  candor_store_export_incident_async (job->self->store, job->incident_id, job->format, NULL,
                                      on_export_made_cb, job);
}

/* A file name from the title that no file system refuses. */
static char *
suggest_file_name (CandorIncident *incident, const char *extension)
{
  g_autofree char *title = g_strdup (candor_incident_get_title (incident));

  g_strdelimit (title, "/\\:*?\"<>|", '-');
  g_strstrip (title);
  if (*title == '\0' || *title == '.')
    return g_strconcat (_("incident"), extension, NULL);
  return g_strconcat (title, extension, NULL);
}

static void
candor_incident_page_export_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CandorIncidentPage *self = CANDOR_INCIDENT_PAGE (widget);
  const char         *format = g_variant_get_string (parameter, NULL);
  g_autofree char    *name = NULL;
  const char         *title;
  const char         *extension;
  ExportJob          *job;
  GtkRoot            *root = gtk_widget_get_root (widget);

  if (self->incident == NULL || self->store == NULL)
    return;

  job = g_new0 (ExportJob, 1);
  job->self = g_object_ref (self);
  job->incident_id = g_strdup (candor_incident_get_id (self->incident));

  if (g_str_equal (format, "json"))
    {
      job->format = CANDOR_EXPORT_FORMAT_JSON;
      title = _("Export the Incident as Data");
      extension = ".json";
    }
  else if (g_str_equal (format, "mbox"))
    {
      job->format = CANDOR_EXPORT_FORMAT_MBOX;
      title = _("Export the Incident’s Emails");
      extension = ".mbox";
    }
  else
    {
      job->format = CANDOR_EXPORT_FORMAT_MARKDOWN;
      title = _("Export the Incident Report");
      extension = ".md";
    }

  job->chooser =
    gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  name = suggest_file_name (self->incident, extension);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (job->chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (job->chooser), TRUE);
  g_signal_connect (job->chooser, "response", G_CALLBACK (on_export_chooser_response_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (job->chooser));
}

static void
candor_incident_page_dispose (GObject *object)
{
  CandorIncidentPage *self = CANDOR_INCIDENT_PAGE (object);

  candor_incident_page_set_incident (self, NULL);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  if (self->channels != NULL)
    g_signal_handlers_disconnect_by_data (self->channels, self);
  g_clear_object (&self->channels);
  g_clear_pointer (&self->sent_updates, g_ptr_array_unref);
  g_clear_pointer (&self->drafts, g_ptr_array_unref);
  g_clear_pointer (&self->draft_rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CANDOR_TYPE_INCIDENT_PAGE);

  G_OBJECT_CLASS (candor_incident_page_parent_class)->dispose (object);
}

static void
candor_incident_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CandorIncidentPage *self = CANDOR_INCIDENT_PAGE (object);

  switch (prop_id)
    {
      case PROP_INCIDENT:
        g_value_set_object (value, self->incident);
        break;

      case PROP_STORE:
        g_value_set_object (value, self->store);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_incident_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CandorIncidentPage *self = CANDOR_INCIDENT_PAGE (object);

  switch (prop_id)
    {
      case PROP_INCIDENT:
        candor_incident_page_set_incident (self, g_value_get_object (value));
        break;

      case PROP_STORE:
        candor_incident_page_set_store (self, g_value_get_object (value));
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_incident_page_class_init (CandorIncidentPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = candor_incident_page_dispose;
  object_class->get_property = candor_incident_page_get_property;
  object_class->set_property = candor_incident_page_set_property;

  properties[PROP_INCIDENT] =
    g_param_spec_object ("incident", NULL, NULL, CANDOR_TYPE_INCIDENT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CANDOR_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Continue writing this unsent draft. */
  signals[DRAFT_ACTIVATED] =
    g_signal_new ("draft-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, CANDOR_TYPE_DRAFT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/candor/Candor/candor-incident-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CandorIncidentPage, severity_badge);
  gtk_widget_class_bind_template_child (widget_class, CandorIncidentPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, CandorIncidentPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CandorIncidentPage, services_label);
  gtk_widget_class_bind_template_child (widget_class, CandorIncidentPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, CandorIncidentPage, export_status);
  gtk_widget_class_bind_template_child (widget_class, CandorIncidentPage, started_row);
  gtk_widget_class_bind_template_child (widget_class, CandorIncidentPage, detected_row);
  gtk_widget_class_bind_template_child (widget_class, CandorIncidentPage, first_notice_row);
  gtk_widget_class_bind_template_child (widget_class, CandorIncidentPage, resolved_row);
  gtk_widget_class_bind_template_child (widget_class, CandorIncidentPage, duration_row);
  gtk_widget_class_bind_template_child (widget_class, CandorIncidentPage, updates_box);
  gtk_widget_class_bind_template_child (widget_class, CandorIncidentPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CandorIncidentPage, drafts_group);

  gtk_widget_class_install_action (widget_class, "incident.export", "s",
                                   candor_incident_page_export_action);
}

static void
candor_incident_page_init (CandorIncidentPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  candor_accessible_name_menu_button (GTK_MENU_BUTTON (self->export_button),
                                      _("Export the Incident"));
  self->draft_rows = g_ptr_array_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "incident.export", FALSE);
}

CandorIncident *
candor_incident_page_get_incident (CandorIncidentPage *self)
{
  g_return_val_if_fail (CANDOR_IS_INCIDENT_PAGE (self), NULL);

  return self->incident;
}

void
candor_incident_page_set_incident (CandorIncidentPage *self, CandorIncident *incident)
{
  g_return_if_fail (CANDOR_IS_INCIDENT_PAGE (self));
  g_return_if_fail (!incident || CANDOR_IS_INCIDENT (incident));

  if (self->incident == incident)
    return;

  if (self->incident != NULL)
    g_clear_signal_handler (&self->notify_handler, self->incident);

  g_set_object (&self->incident, incident);

  if (incident != NULL)
    self->notify_handler = g_signal_connect_object (
      incident, "notify", G_CALLBACK (on_incident_notify_cb), self, G_CONNECT_SWAPPED);

  candor_incident_page_refresh (self);
  candor_incident_page_load (self);
  candor_incident_page_show_drafts (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCIDENT]);
}

CandorStore *
candor_incident_page_get_store (CandorIncidentPage *self)
{
  g_return_val_if_fail (CANDOR_IS_INCIDENT_PAGE (self), NULL);

  return self->store;
}

/* Where the timeline is read from; without one only the incident's own facts show. */
void
candor_incident_page_set_store (CandorIncidentPage *self, CandorStore *store)
{
  g_return_if_fail (CANDOR_IS_INCIDENT_PAGE (self));
  g_return_if_fail (!store || CANDOR_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  candor_incident_page_load (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/* Reads the timeline again, after an update of the shown incident was sent. */
void
candor_incident_page_reload (CandorIncidentPage *self)
{
  g_return_if_fail (CANDOR_IS_INCIDENT_PAGE (self));

  candor_incident_page_load (self);
}

/* The configured channels (CandorChannel), to name each publication's. */
void
candor_incident_page_set_channels (CandorIncidentPage *self, GListModel *channels)
{
  g_return_if_fail (CANDOR_IS_INCIDENT_PAGE (self));
  g_return_if_fail (channels == NULL || G_IS_LIST_MODEL (channels));

  if (self->channels != NULL)
    g_signal_handlers_disconnect_by_data (self->channels, self);
  g_set_object (&self->channels, channels);
  if (channels != NULL)
    g_signal_connect_object (channels, "items-changed",
                             G_CALLBACK (candor_incident_page_show_timeline), self,
                             G_CONNECT_SWAPPED);
  candor_incident_page_show_timeline (self);
}

void
candor_incident_page_set_drafts (CandorIncidentPage *self, GPtrArray *drafts)
{
  g_return_if_fail (CANDOR_IS_INCIDENT_PAGE (self));

  if (drafts != NULL)
    g_ptr_array_ref (drafts);
  g_clear_pointer (&self->drafts, g_ptr_array_unref);
  self->drafts = drafts;
  candor_incident_page_show_drafts (self);
}

/* How many unsent drafts of the shown incident are listed. */
guint
candor_incident_page_get_n_drafts (CandorIncidentPage *self)
{
  g_return_val_if_fail (CANDOR_IS_INCIDENT_PAGE (self), 0);

  return self->draft_rows->len;
}
