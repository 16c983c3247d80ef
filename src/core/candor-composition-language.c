/* candor-composition-language.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-composition"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "candor-composition-private.h"
#include "candor-language.h"
#include "candor-update-private.h"

static void
on_view_changed_cb (CandorCompositionLanguage *self)
{
  g_clear_pointer (&self->checked, g_ptr_array_unref);
}

CandorCompositionLanguage *
_candor_composition_language_new (const char *language)
{
  CandorCompositionLanguage *self = g_new0 (CandorCompositionLanguage, 1);

  self->language = g_strdup (language);
  self->renderer = candor_renderer_new ();
  self->audiences = g_ptr_array_new ();

  return self;
}

void
_candor_composition_language_free (gpointer data)
{
  CandorCompositionLanguage *self = data;

  if (self->update != NULL)
    g_signal_handlers_disconnect_by_data (self->update, self);
  g_clear_object (&self->update);
  g_clear_object (&self->incident);
  g_clear_object (&self->renderer);
  g_clear_object (&self->checker);
  g_clear_error (&self->checker_error);
  g_clear_pointer (&self->checked, g_ptr_array_unref);
  g_clear_pointer (&self->audiences, g_ptr_array_unref);
  g_free (self->language);
  g_free (self);
}

/* Loaded once, when the language first has text to check; a language
 * without checks is not looked up again on every keystroke. */
static void
ensure_checker (CandorCompositionLanguage *self)
{
  g_autofree char *tag = NULL;

  if (self->checker_loaded)
    return;

  tag = candor_language_get_primary_tag (self->language);
  self->checker = candor_checker_new (tag, &self->checker_error);
  self->checker_loaded = TRUE;
  /* Without checks for the language the renderer judges lengths with its
   * own: the "over-limit" rule does not depend on the language. */
  candor_renderer_set_checker (self->renderer, self->checker);
}

void
_candor_composition_language_refresh (CandorCompositionLanguage *self,
                                      CandorIncident            *incident,
                                      guint                      incident_serial,
                                      CandorUpdate              *update)
{
  if (self->incident == NULL || self->incident_serial != incident_serial)
    {
      /* The incident changes seldom (its title, its state), a keystroke
       * never: a new copy then is cheaper than following each property. */
      g_clear_object (&self->incident);
      self->incident = candor_incident_copy (incident);
      candor_incident_set_language (self->incident, self->language);
      /* Readers of the language see its title where it has one. */
      candor_incident_set_title (self->incident,
                                 candor_incident_get_title_for (incident, self->language));
      self->incident_serial = incident_serial;
      g_clear_pointer (&self->checked, g_ptr_array_unref);
    }

  /* The view stays from one keystroke to the next and copies only the text
   * that changed; its "changed" says when its checks are out of date. */
  if (self->update == NULL ||
      !g_str_equal (candor_update_get_id (self->update), candor_update_get_id (update)))
    {
      if (self->update != NULL)
        g_signal_handlers_disconnect_by_data (self->update, self);
      g_clear_object (&self->update);
      g_clear_pointer (&self->checked, g_ptr_array_unref);
      self->update = candor_update_new_in_language (update, self->language);
      g_signal_connect_swapped (self->update, "changed", G_CALLBACK (on_view_changed_cb), self);
    }
  else
    _candor_update_refresh_in_language (self->update, update, self->language);

  ensure_checker (self);
}

/* "Customers, Executives": who reads @field (or, for the whole message,
 * anything) in the language this round; NULL when nobody sees @field. */
static char *
dup_readers (CandorCompositionLanguage *self, int field)
{
  g_autoptr (GString) readers = NULL;

  for (guint i = 0; i < self->audiences->len; i++)
    {
      CandorAudience *audience = g_ptr_array_index (self->audiences, i);

      if (field != CANDOR_FINDING_WHOLE_MESSAGE && !candor_audience_shows_field (audience, field))
        continue;

      if (readers == NULL)
        readers = g_string_new (NULL);
      else
        /* TRANSLATORS: separates names in a list, e.g. "Customers, Executives". */
        g_string_append (readers, _(", "));
      g_string_append (readers, candor_audience_get_name (audience));
    }

  return readers != NULL ? g_string_free (g_steal_pointer (&readers), FALSE) : NULL;
}

static void
add_finding (CandorCompositionLanguage *self,
             GPtrArray                 *findings,
             const char                *rule_id,
             CandorFindingSeverity      severity,
             int                        field,
             const char                *message,
             const char                *suggestion)
{
  CandorFinding *finding = candor_finding_new (rule_id, severity, field, 0, 0, message, suggestion);

  candor_finding_set_language (finding, self->language);
  g_ptr_array_add (findings, finding);
}

/* The title belongs to no field: its findings are on the whole message and
 * quote the primary title, which tells them apart from the message's own. */
static void
check_title (CandorCompositionLanguage *self,
             CandorIncident            *incident,
             const char                *label,
             const char                *primary_label,
             GPtrArray                 *findings)
{
  const char      *title = candor_incident_get_title (incident);
  g_autofree char *readers = NULL;
  g_autofree char *message = NULL;
  g_autofree char *suggestion = NULL;
  CandorFinding   *finding;

  if (title == NULL || *title == '\0')
    return;

  readers = dup_readers (self, CANDOR_FINDING_WHOLE_MESSAGE);
  if (readers == NULL)
    return;
  if (*candor_incident_get_title_in (incident, self->language) == '\0')
    {
      /* TRANSLATORS: the first %s is a language ("Russian"), the second the audiences who read
       * it ("Customers, Executives"). */
      message = g_strdup_printf (
        _("The incident title has no %s translation yet, and %s read it."), label, readers);
      /* TRANSLATORS: %s is the message's primary language, e.g. "English". */
      suggestion = g_strdup_printf (
        _("Translate it, or acknowledge this to send the %s title on purpose."), primary_label);
      finding =
        candor_finding_new_quoted ("translation-missing", CANDOR_FINDING_SEVERITY_ERROR,
                                   CANDOR_FINDING_WHOLE_MESSAGE, 0, 0, title, message, suggestion);
    }
  else if (candor_incident_get_title_outdated_in (incident, self->language))
    {
      /* TRANSLATORS: the first %s is a language ("Russian"), the second the audiences who read
       * it ("Customers, Executives"). */
      message = g_strdup_printf (_("The %s title was written before the incident title last "
                                   "changed, so what %s read may be out of date."),
                                    label, readers);
      finding = candor_finding_new_quoted (
        "translation-outdated", CANDOR_FINDING_SEVERITY_WARNING, CANDOR_FINDING_WHOLE_MESSAGE, 0, 0,
        title, message, _("Check the translation; acknowledge this when it still says the same."));
    }
  else
    return;

  candor_finding_set_language (finding, self->language);
  g_ptr_array_add (findings, finding);
}

/* Returns whether every field with primary text has its translation, when
 * the checks of the whole message are fair to the language. */
static gboolean
check_translations (CandorCompositionLanguage *self,
                    CandorIncident            *incident,
                    CandorUpdate              *update,
                    GPtrArray                 *findings)
{
  const char *label = candor_language_get_label (self->language);
  const char *primary_label = candor_language_get_label (
    candor_incident_get_language (incident) != NULL ? candor_incident_get_language (incident)
                                                    : CANDOR_LANGUAGE_DEFAULT);
  gboolean complete = TRUE;

  if (!candor_update_has_translation (update, self->language))
    {
      g_autofree char *readers = dup_readers (self, CANDOR_FINDING_WHOLE_MESSAGE);
      g_autofree char *message = NULL;
      g_autofree char *suggestion = NULL;

      /* TRANSLATORS: the first %s is a language ("Russian"), the second the audiences who read
       * it ("Customers, Executives"). */
      message = g_strdup_printf (_("There is no %s text yet for %s."), label, readers);
      /* TRANSLATORS: %s is the message's primary language, e.g. "English". */
      suggestion = g_strdup_printf (
        _("Write it, or acknowledge this to send them the %s text on purpose."), primary_label);
      add_finding (self, findings, "translation-missing", CANDOR_FINDING_SEVERITY_ERROR,
                   CANDOR_FINDING_WHOLE_MESSAGE, message, suggestion);
      return FALSE;
    }

  check_title (self, incident, label, primary_label, findings);

  for (CandorField field = 0; field < CANDOR_N_FIELDS; field++)
    {
      const char      *translation = candor_update_get_translation (update, self->language, field);
      g_autofree char *readers = NULL;
      g_autofree char *message = NULL;
      g_autofree char *suggestion = NULL;

      if (*translation == '\0' && *candor_update_get_field (update, field) != '\0')
        complete = FALSE;
      else if (!candor_update_get_translation_outdated (update, self->language, field))
        continue;

      readers = dup_readers (self, field);
      if (readers == NULL)
        continue;

      if (*translation == '\0')
        {
          /* TRANSLATORS: the first %s is a language ("Russian"), the second the audiences
           * who read it ("Customers, Executives"). */
          message = g_strdup_printf (_("This field has no %s translation yet, and %s read it."),
                                        label, readers);
          /* TRANSLATORS: %s is the message's primary language, e.g. "English". */
          suggestion = g_strdup_printf (
            _("Translate it, or acknowledge this to send the %s text on purpose."), primary_label);
          add_finding (self, findings, "translation-missing", CANDOR_FINDING_SEVERITY_ERROR, field,
                       message, suggestion);
        }
      else
        {
          /* TRANSLATORS: the first %s is a language ("Russian"), the second the audiences
           * who read it ("Customers, Executives"). */
          message = g_strdup_printf (_("The %s translation was written before this field last "
                                       "changed, so what %s read may be out of date."),
                                        label, readers);
          add_finding (self, findings, "translation-outdated", CANDOR_FINDING_SEVERITY_WARNING,
                       field, message,
                       _("Check the translation; acknowledge this when it still says the same."));
        }
    }

  return complete;
}

void
_candor_composition_language_check (CandorCompositionLanguage *self,
                                    CandorIncident            *incident,
                                    CandorUpdate              *update,
                                    GPtrArray                 *findings)
{
  gboolean complete = check_translations (self, incident, update, findings);

  if (!candor_update_has_translation (update, self->language))
    return;

  ensure_checker (self);
  if (self->checker == NULL)
    return;

  /* Checked again only when the language's text changed: a keystroke in
   * another language costs it nothing. */
  if (self->checked == NULL)
    self->checked = candor_checker_check_update (self->checker, self->incident, self->update);

  for (guint i = 0; i < self->checked->len; i++)
    {
      CandorFinding *finding = g_ptr_array_index (self->checked, i);
      int            field = candor_finding_get_field (finding);

      /* An untranslated field carries the primary text, which the primary
       * language's checks judge; the whole message only once it is all
       * in this language. */
      if (field == CANDOR_FINDING_WHOLE_MESSAGE
            ? !complete
            : *candor_update_get_translation (update, self->language, field) == '\0')
        continue;

      candor_finding_set_language (finding, self->language);
      g_ptr_array_add (findings, g_object_ref (finding));
    }
}
