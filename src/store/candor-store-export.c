/* candor-store-export.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "candor-dialect.h"
#include "candor-enum-types.h"
#include "candor-incident-facts.h"
#include "candor-store-private.h"

/* Reports name times in UTC: readers sit in many time zones. */
static char *
format_time (GDateTime *time)
{
  g_autoptr (GDateTime) utc = NULL;

  if (time == NULL)
    return g_strdup ("—");

  utc = g_date_time_to_utc (time);
  return g_date_time_format (utc, "%Y-%m-%d %H:%M UTC");
}

static char *
format_iso (GDateTime *time)
{
  g_autoptr (GDateTime) utc = NULL;

  if (time == NULL)
    return NULL;

  utc = g_date_time_to_utc (time);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* Table cells end at a pipe and at a line break. */
static void
append_cell (GString *out, const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '|')
        g_string_append (out, "\\|");
      else if (*p == '\n' || *p == '\r')
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, *p);
    }
}

static void
append_row (GString *out, const char *label, const char *value)
{
  g_string_append (out, "| ");
  append_cell (out, label);
  g_string_append (out, " | ");
  append_cell (out, value);
  g_string_append (out, " |\n");
}

/* What was sent goes in verbatim, in a fence longer than any run of
 * backticks inside it, so no text can close the fence early. */
static void
append_fenced (GString *out, const char *text)
{
  guint longest = 0;
  guint run = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      run = *p == '`' ? run + 1 : 0;
      longest = MAX (longest, run);
    }

  for (guint i = 0; i < MAX (3, longest + 1); i++)
    g_string_append_c (out, '`');
  g_string_append (out, "text\n");
  g_string_append (out, text);
  if (!g_str_has_suffix (text, "\n"))
    g_string_append_c (out, '\n');
  for (guint i = 0; i < MAX (3, longest + 1); i++)
    g_string_append_c (out, '`');
  g_string_append (out, "\n\n");
}

/* The renditions of @sent in @language, or all of them for NULL. */
static gboolean
rendition_in_language (CandorSentRendition *rendition, const char *language)
{
  return language == NULL || g_strcmp0 (rendition->language, language) == 0;
}

static gboolean
publication_in_language (CandorSentUpdate  *sent,
                         CandorPublication *publication,
                         const char        *language)
{
  if (language == NULL)
    return TRUE;

  for (guint i = 0; i < sent->renditions->len; i++)
    {
      CandorSentRendition *rendition = g_ptr_array_index (sent->renditions, i);

      if (rendition->id == publication->rendition_id)
        return rendition_in_language (rendition, language);
    }

  return FALSE;
}

/* The update's fields as they read in @language: the primary text for the
 * primary language (and for all languages at once), else each translated
 * field's translation. */
static CandorUpdate *
update_in_language (CandorIncident *incident, CandorUpdate *update, const char *language)
{
  if (language == NULL || g_strcmp0 (language, candor_incident_get_language (incident)) == 0)
    return g_object_ref (update);

  return candor_update_new_in_language (update, language);
}

static gboolean
has_several_languages (CandorIncident *incident)
{
  return candor_incident_get_other_languages (incident)[0] != NULL;
}

static GBytes *
export_markdown (CandorIncident      *incident,
                 GPtrArray           *updates,
                 CandorIncidentFacts *facts,
                 const char          *language)
{
  GString           *out = g_string_new (NULL);
  const char *const *services = candor_incident_get_services (incident);
  g_autofree char   *services_text = NULL;
  g_autofree char   *started = format_time (facts->started_at);
  g_autofree char   *detected = format_time (facts->detected_at);
  g_autofree char   *first_notice = format_time (facts->first_notice_at);
  g_autofree char   *resolved = format_time (facts->resolved_at);
  g_autofree char   *late = g_strdup_printf ("%u", facts->n_late);

  services_text = services != NULL ? g_strjoinv (", ", (char **)services) : g_strdup ("");

  g_string_append_printf (out, "# %s\n\n", candor_incident_get_title_for (incident, language));
  g_string_append_printf (out, "| %s | |\n|---|---|\n", _("Fact"));
  if (language != NULL)
    append_row (out, C_("export fact", "Language"), language);
  else if (has_several_languages (incident))
    {
      g_auto (GStrv) languages = candor_incident_dup_languages (incident);
      g_autofree char *text = g_strjoinv (", ", languages);

      append_row (out, C_("export fact", "Languages"), text);
      for (guint i = 1; languages[i] != NULL; i++)
        {
          const char      *title = candor_incident_get_title_in (incident, languages[i]);
          g_autofree char *label = NULL;

          if (title[0] == '\0')
            continue;
          /* TRANSLATORS: an export's row: the incident title in a language, e.g. "Title (ru)". */
          label = g_strdup_printf (C_("export fact", "Title (%s)"), languages[i]);
          append_row (out, label, title);
        }
    }
  append_row (out, _("Severity"),
                      candor_severity_get_label (candor_incident_get_severity (incident)));
  append_row (out, _("State"),
                      candor_incident_state_get_label (candor_incident_get_state (incident)));
  if (services_text[0] != '\0')
    append_row (out, _("Services"), services_text);
  append_row (out, _("Started"), started);
  append_row (out, _("Detected"), detected);
  if (facts->time_to_first_notice >= 0)
    {
      g_autofree char *span = candor_format_time_span (facts->time_to_first_notice);
      /* TRANSLATORS: the time of the first notice and how long after detection it went out */
      g_autofree char *text = g_strdup_printf (_("%s (after %s)"), first_notice, span);

      append_row (out, _("First notice"), text);
    }
  else
    append_row (out, _("First notice"), first_notice);
  append_row (out, _("Resolved"), resolved);
  if (facts->duration >= 0)
    {
      g_autofree char *span = candor_format_time_span (facts->duration);

      append_row (out, _("Duration"), span);
    }
  append_row (out, _("Late updates"), late);

  g_string_append_printf (out, "\n## %s\n\n", _("Timeline"));

  for (guint i = 0; i < updates->len; i++)
    {
      CandorSentUpdate  *sent = g_ptr_array_index (updates, i);
      CandorUpdateFacts *update_facts = &g_array_index (facts->updates, CandorUpdateFacts, i);
      g_autofree char   *sent_at = format_time (sent->sent_at);
      gboolean           listed_publications = FALSE;

      g_string_append_printf (out, "### %u. %s — %s\n\n", i + 1,
                              candor_update_kind_get_label (update_facts->kind), sent_at);

      if (update_facts->promised_next_at != NULL)
        {
          g_autofree char *promised = format_time (update_facts->promised_next_at);

          g_string_append_printf (out, _("Next update promised for %s"), promised);
          if (update_facts->next_sent_at != NULL)
            {
              g_autofree char *next = format_time (update_facts->next_sent_at);

              g_string_append_printf (out, _("; the next one went out %s"), next);
            }
          if (update_facts->late)
            {
              g_autofree char *by = candor_format_time_span (update_facts->late_by);

              g_string_append_printf (out, _(" — **late by %s**"), by);
            }
          g_string_append (out, ".\n\n");
        }
      else if (update_facts->promised_when_changed)
        g_string_append_printf (out, "%s\n\n",
                                _("Next update promised when the situation changes."));

      for (guint j = 0; j < sent->renditions->len; j++)
        {
          CandorSentRendition *rendition = g_ptr_array_index (sent->renditions, j);

          if (!rendition_in_language (rendition, language))
            continue;
          g_string_append_printf (out, "#### %s · %s", rendition->audience,
                                  candor_dialect_get_label (rendition->dialect));
          /* Several languages in one report: each message says its own. */
          if (language == NULL && has_several_languages (incident) && rendition->language != NULL)
            g_string_append_printf (out, " · %s", rendition->language);
          g_string_append (out, "\n\n");
          if (rendition->subject != NULL && rendition->subject[0] != '\0')
            g_string_append_printf (out, "%s %s\n\n", _("Subject:"), rendition->subject);
          append_fenced (out, rendition->body);
        }

      for (guint j = 0; j < sent->publications->len; j++)
        {
          CandorPublication *publication = g_ptr_array_index (sent->publications, j);

          if (!publication_in_language (sent, publication, language))
            continue;
          listed_publications = TRUE;
          g_string_append_printf (out, "- %s: %s", publication->channel_id,
                                  candor_publication_state_to_string (publication->state));
          if (publication->remote_url != NULL)
            g_string_append_printf (out, " <%s>", publication->remote_url);
          if (publication->last_error != NULL)
            g_string_append_printf (out, " (%s)", publication->last_error);
          g_string_append_c (out, '\n');
        }
      if (listed_publications)
        g_string_append_c (out, '\n');
    }

  return g_string_free_to_bytes (out);
}

static void
add_string (JsonBuilder *builder, const char *name, const char *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_time (JsonBuilder *builder, const char *name, GDateTime *time)
{
  g_autofree char *iso = format_iso (time);

  add_string (builder, name, iso);
}

static void
add_span (JsonBuilder *builder, const char *name, GTimeSpan span)
{
  json_builder_set_member_name (builder, name);
  if (span >= 0)
    json_builder_add_int_value (builder, span / G_TIME_SPAN_SECOND);
  else
    json_builder_add_null_value (builder);
}

/* Every translation of the update, by language then field; only the
 * languages and fields that have one. */
static void
add_translations (JsonBuilder *builder, CandorIncident *incident, CandorUpdate *update)
{
  const char *const *languages = candor_incident_get_other_languages (incident);

  json_builder_set_member_name (builder, "translations");
  json_builder_begin_object (builder);
  for (guint i = 0; languages[i] != NULL; i++)
    {
      if (!candor_update_has_translation (update, languages[i]))
        continue;

      json_builder_set_member_name (builder, languages[i]);
      json_builder_begin_object (builder);
      for (CandorField field = 0; field < CANDOR_N_FIELDS; field++)
        {
          const char *text = candor_update_get_translation (update, languages[i], field);

          if (text[0] != '\0')
            add_string (builder, candor_enum_to_nick (CANDOR_TYPE_FIELD, field), text);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

static GBytes *
export_json (CandorIncident      *incident,
             GPtrArray           *updates,
             CandorIncidentFacts *facts,
             const char          *language)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  const char *const *services = candor_incident_get_services (incident);
  g_autofree char   *text = NULL;
  gsize              length;

  json_builder_begin_object (builder);
  add_string (builder, "format", "candor-incident");
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  /* Limited to one language: the fields and renditions below are in it. */
  if (language != NULL)
    add_string (builder, "language", language);

  json_builder_set_member_name (builder, "incident");
  json_builder_begin_object (builder);
  add_string (builder, "id", candor_incident_get_id (incident));
  add_string (builder, "title", candor_incident_get_title_for (incident, language));
  json_builder_set_member_name (builder, "services");
  json_builder_begin_array (builder);
  for (guint i = 0; services != NULL && services[i] != NULL; i++)
    json_builder_add_string_value (builder, services[i]);
  json_builder_end_array (builder);
  add_string (builder, "severity",
              candor_enum_to_nick (CANDOR_TYPE_SEVERITY, candor_incident_get_severity (incident)));
  add_string (
    builder, "state",
    candor_enum_to_nick (CANDOR_TYPE_INCIDENT_STATE, candor_incident_get_state (incident)));
  add_string (builder, "language", candor_incident_get_language (incident));
  json_builder_set_member_name (builder, "other-languages");
  json_builder_begin_array (builder);
  for (const char *const *other = candor_incident_get_other_languages (incident); *other != NULL;
       other++)
    json_builder_add_string_value (builder, *other);
  json_builder_end_array (builder);
  /* The title in each other language that has one. */
  json_builder_set_member_name (builder, "title-translations");
  json_builder_begin_object (builder);
  for (const char *const *other = candor_incident_get_other_languages (incident); *other != NULL;
       other++)
    if (candor_incident_get_title_in (incident, *other)[0] != '\0')
      add_string (builder, *other, candor_incident_get_title_in (incident, *other));
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "sla-relevant");
  json_builder_add_boolean_value (builder, candor_incident_get_sla_relevant (incident));
  add_time (builder, "started-at", facts->started_at);
  add_time (builder, "detected-at", facts->detected_at);
  add_time (builder, "resolved-at", facts->resolved_at);
  add_time (builder, "first-notice-at", facts->first_notice_at);
  add_span (builder, "time-to-first-notice-seconds", facts->time_to_first_notice);
  add_span (builder, "duration-seconds", facts->duration);
  json_builder_set_member_name (builder, "late-updates");
  json_builder_add_int_value (builder, facts->n_late);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "updates");
  json_builder_begin_array (builder);
  for (guint i = 0; i < updates->len; i++)
    {
      CandorSentUpdate  *sent = g_ptr_array_index (updates, i);
      CandorUpdateFacts *update_facts = &g_array_index (facts->updates, CandorUpdateFacts, i);
      g_autoptr (CandorUpdate) update = update_in_language (incident, sent->update, language);

      json_builder_begin_object (builder);
      add_string (builder, "id", candor_update_get_id (sent->update));
      add_string (builder, "kind",
                  candor_enum_to_nick (CANDOR_TYPE_UPDATE_KIND, update_facts->kind));
      add_time (builder, "sent-at", sent->sent_at);
      add_time (builder, "next-update-at", update_facts->promised_next_at);
      json_builder_set_member_name (builder, "next-update-when-changed");
      json_builder_add_boolean_value (builder, update_facts->promised_when_changed);
      add_time (builder, "next-sent-at", update_facts->next_sent_at);
      json_builder_set_member_name (builder, "late");
      json_builder_add_boolean_value (builder, update_facts->late);
      add_span (builder, "late-by-seconds", update_facts->late ? update_facts->late_by : -1);

      json_builder_set_member_name (builder, "fields");
      json_builder_begin_object (builder);
      for (CandorField field = 0; field < CANDOR_N_FIELDS; field++)
        add_string (builder, candor_enum_to_nick (CANDOR_TYPE_FIELD, field),
                    candor_update_get_field (update, field));
      json_builder_end_object (builder);
      if (language == NULL)
        add_translations (builder, incident, sent->update);

      json_builder_set_member_name (builder, "renditions");
      json_builder_begin_array (builder);
      for (guint j = 0; j < sent->renditions->len; j++)
        {
          CandorSentRendition *rendition = g_ptr_array_index (sent->renditions, j);

          if (!rendition_in_language (rendition, language))
            continue;
          json_builder_begin_object (builder);
          add_string (builder, "audience", rendition->audience);
          add_string (builder, "channel", rendition->channel_id);
          add_string (builder, "dialect",
                      candor_enum_to_nick (CANDOR_TYPE_DIALECT, rendition->dialect));
          add_string (builder, "language", rendition->language);
          add_string (builder, "subject", rendition->subject);
          add_string (builder, "body", rendition->body);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);

      json_builder_set_member_name (builder, "publications");
      json_builder_begin_array (builder);
      for (guint j = 0; j < sent->publications->len; j++)
        {
          CandorPublication *publication = g_ptr_array_index (sent->publications, j);

          if (!publication_in_language (sent, publication, language))
            continue;
          json_builder_begin_object (builder);
          add_string (builder, "channel-id", publication->channel_id);
          add_string (builder, "state", candor_publication_state_to_string (publication->state));
          add_string (builder, "remote-id", publication->remote_id);
          add_string (builder, "remote-url", publication->remote_url);
          json_builder_set_member_name (builder, "attempts");
          json_builder_add_int_value (builder, publication->attempts);
          add_string (builder, "last-error", publication->last_error);
          add_time (builder, "updated-at", publication->updated_at);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, &length);

  return g_string_free_to_bytes (g_string_append_c (g_string_new_len (text, length), '\n'));
}

/* The envelope sender for the mbox "From " line: the address in the
 * message's own From header, or the conventional placeholder. */
static char *
find_sender (const char *message, gsize length)
{
  const char *end = message + length;

  for (const char *line = message; line < end;)
    {
      const char *eol = memchr (line, '\n', end - line);
      gsize       len = (eol != NULL ? eol : end) - line;

      if (len == 0 || (len == 1 && line[0] == '\r'))
        break;

      if (len > 5 && g_ascii_strncasecmp (line, "From:", 5) == 0)
        {
          g_autofree char *value = g_strstrip (g_strndup (line + 5, len - 5));
          const char      *open = strchr (value, '<');
          const char      *close = open != NULL ? strchr (open, '>') : NULL;

          if (open != NULL && close != NULL && close > open + 1)
            return g_strndup (open + 1, close - open - 1);
          if (strchr (value, '@') != NULL && strchr (value, ' ') == NULL)
            return g_steal_pointer (&value);
          break;
        }

      line = eol != NULL ? eol + 1 : end;
    }

  return g_strdup ("MAILER-DAEMON");
}

/* asctime() in English whatever the locale: mbox readers parse it. */
static void
append_asctime (GString *out, GDateTime *time)
{
  static const char *const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
  g_autoptr (GDateTime) utc = g_date_time_to_utc (time);

  g_string_append_printf (
    out, "%s %s %2d %02d:%02d:%02d %d", days[g_date_time_get_day_of_week (utc) - 1],
    months[g_date_time_get_month (utc) - 1], g_date_time_get_day_of_month (utc),
    g_date_time_get_hour (utc), g_date_time_get_minute (utc), g_date_time_get_second (utc),
    g_date_time_get_year (utc));
}

/* mboxrd: the stored message bytes with lines ending in LF (the local
 * convention of the format), and every line that reads ">*From " given one
 * more ">" so readers can undo it exactly. */
static void
append_mbox_message (GString *out, GBytes *mime, GDateTime *sent_at)
{
  gsize            length;
  const char      *message = g_bytes_get_data (mime, &length);
  const char      *end = message + length;
  g_autofree char *sender = find_sender (message, length);

  g_string_append_printf (out, "From %s ", sender);
  append_asctime (out, sent_at);
  g_string_append_c (out, '\n');

  for (const char *line = message; line < end;)
    {
      const char *eol = memchr (line, '\n', end - line);
      gsize       len = (eol != NULL ? eol : end) - line;
      const char *p = line;

      if (len > 0 && line[len - 1] == '\r')
        len--;

      while (p < line + len && *p == '>')
        p++;
      if ((gsize)(line + len - p) >= 5 && memcmp (p, "From ", 5) == 0)
        g_string_append_c (out, '>');

      g_string_append_len (out, line, len);
      g_string_append_c (out, '\n');
      line = eol != NULL ? eol + 1 : end;
    }

  g_string_append_c (out, '\n');
}

static GBytes *
export_mbox (GPtrArray *updates, const char *language)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < updates->len; i++)
    {
      CandorSentUpdate *sent = g_ptr_array_index (updates, i);

      for (guint j = 0; j < sent->renditions->len; j++)
        {
          CandorSentRendition *rendition = g_ptr_array_index (sent->renditions, j);

          if (rendition_in_language (rendition, language) && rendition->mime != NULL &&
              g_bytes_get_size (rendition->mime) > 0)
            append_mbox_message (out, rendition->mime, sent->sent_at);
        }
    }

  return g_string_free_to_bytes (out);
}

GBytes *
candor_store_export_incident (CandorStore       *self,
                              const char        *incident_id,
                              CandorExportFormat format,
                              GError           **error)
{
  return candor_store_export_incident_in_language (self, incident_id, format, NULL, error);
}

/* Whether the incident speaks @language or sent something in it (an
 * audience of a language without text gets the primary one, on purpose). */
static gboolean
incident_has_language (CandorIncident *incident, GPtrArray *updates, const char *language)
{
  if (candor_incident_has_language (incident, language))
    return TRUE;

  for (guint i = 0; i < updates->len; i++)
    {
      CandorSentUpdate *sent = g_ptr_array_index (updates, i);

      for (guint j = 0; j < sent->renditions->len; j++)
        if (rendition_in_language (g_ptr_array_index (sent->renditions, j), language))
          return TRUE;
    }

  return FALSE;
}

GBytes *
candor_store_export_incident_in_language (CandorStore       *self,
                                          const char        *incident_id,
                                          CandorExportFormat format,
                                          const char        *language,
                                          GError           **error)
{
  g_autoptr (CandorIncident) incident = NULL;
  g_autoptr (GPtrArray) updates = NULL;
  g_autoptr (CandorIncidentFacts) facts = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  g_return_val_if_fail (CANDOR_IS_STORE (self), NULL);
  g_return_val_if_fail (incident_id != NULL, NULL);
  g_return_val_if_fail (format <= CANDOR_EXPORT_FORMAT_MBOX, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Both reads under one lock, so no update lands between them. */
  _candor_store_lock (self);
  incident = candor_store_load_incident (self, incident_id, error);
  if (incident != NULL)
    updates = candor_store_load_updates (self, incident_id, error);
  _candor_store_unlock (self);

  if (updates == NULL)
    return NULL;

  if (language != NULL && !incident_has_language (incident, updates, language))
    {
      g_auto (GStrv) languages = candor_incident_dup_languages (incident);
      g_autofree char *list = g_strjoinv (", ", languages);

      g_set_error (error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_NOT_FOUND,
                   _("The incident “%s” has nothing in the language “%s”; its languages are: %s"),
                      incident_id, language, list);
      return NULL;
    }

  facts = candor_incident_facts_compute (incident, updates, now);

  switch (format)
    {
      case CANDOR_EXPORT_FORMAT_MARKDOWN:
        return export_markdown (incident, updates, facts, language);

      case CANDOR_EXPORT_FORMAT_JSON:
        return export_json (incident, updates, facts, language);

      case CANDOR_EXPORT_FORMAT_MBOX:
        return export_mbox (updates, language);

      default:
        g_assert_not_reached ();
    }
}

static void
export_job (CandorStore *self, GTask *task)
{
  CandorStoreCall *call = g_task_get_task_data (task);
  GError          *error = NULL;
  GBytes          *bytes =
    candor_store_export_incident_in_language (self, call->id, call->format, call->language, &error);

  _candor_store_return_pointer (task, bytes, (GDestroyNotify)g_bytes_unref, error);
}

void
candor_store_export_incident_async (CandorStore        *self,
                                    const char         *incident_id,
                                    CandorExportFormat  format,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data)
{
  candor_store_export_incident_in_language_async (self, incident_id, format, NULL, cancellable,
                                                  callback, user_data);
}

void
candor_store_export_incident_in_language_async (CandorStore        *self,
                                                const char         *incident_id,
                                                CandorExportFormat  format,
                                                const char         *language,
                                                GCancellable       *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  CandorStoreCall *call;

  g_return_if_fail (CANDOR_IS_STORE (self));
  g_return_if_fail (incident_id != NULL);

  task = _candor_store_new_call_task (self, candor_store_export_incident_async, cancellable,
                                      callback, user_data, &call);
  call->id = g_strdup (incident_id);
  call->format = format;
  call->language = g_strdup (language);
  _candor_store_run_job (self, task, export_job);
}

GBytes *
candor_store_export_incident_finish (CandorStore *self, GAsyncResult *result, GError **error)
{
  return _candor_store_finish_pointer (self, result, candor_store_export_incident_async, error);
}
