/* candor-wizard-contact-page.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-wizard-contact-page"

#include "config.h"

#include <glib/gi18n.h>

#include "candor-field-editor.h"
#include "candor-wizard-contact-page.h"

/* Step 5: whom to contact. Contacts used before are kept in the history by
 * the session, to pick again; the contact sentence, with its request for
 * patience, is written from them until the user edits it by hand. */
struct _CandorWizardContactPage
{
  CandorWizardPage parent_instance;

  AdwComboRow       *saved_row;
  GtkStringList     *saved_contacts;
  AdwEntryRow       *name_row;
  AdwEntryRow       *reach_row;
  CandorFieldEditor *contact_editor;

  CandorSession *session;
  GCancellable  *cancellable;
  /* name -> CandorContact, as saved */
  GHashTable *contacts;
  char       *composed;
  /* language -> the sentence last written into its translation */
  GHashTable *composed_translations;
  gboolean    loading;
};

G_DEFINE_FINAL_TYPE (CandorWizardContactPage, candor_wizard_contact_page, CANDOR_TYPE_WIZARD_PAGE)

static char *
compose_sentence (const char *language, const char *name, const char *reach)
{
  if (*name == '\0' && *reach == '\0')
    return g_strdup ("");

  /* The message language is the incident's, not the UI's: no _() here. */
  if (g_strcmp0 (language, "ru") == 0)
    return g_strdup_printf ("Если у вас есть вопросы, пишите: %s%s%s. Спасибо за терпение — мы "
                            "работаем над этим.",
                            name, *name != '\0' && *reach != '\0' ? ", " : "", reach);

  return g_strdup_printf ("If you have questions, contact %s%s%s — thank you for your patience "
                          "while we work on this.",
                          name, *name != '\0' && *reach != '\0' ? " at " : "", reach);
}

/* The incident's other languages that have a sentence of their own follow
 * the rows too, each while its translation is still the one written here:
 * Candor writes its own phrases in a language, it never translates. */
static void
compose_translations (CandorWizardContactPage *self,
                      CandorIncident          *incident,
                      CandorUpdate            *update,
                      const char              *name,
                      const char              *reach)
{
  const char *const *others = candor_incident_get_other_languages (incident);

  for (guint i = 0; others[i] != NULL; i++)
    {
      const char *current = candor_update_get_translation (update, others[i], CANDOR_FIELD_CONTACT);
      char       *composed;

      if (!g_str_equal (others[i], "en") && !g_str_equal (others[i], "ru"))
        continue;
      if (*current != '\0' &&
          g_strcmp0 (current, g_hash_table_lookup (self->composed_translations, others[i])) != 0)
        continue;

      composed = compose_sentence (others[i], name, reach);
      candor_update_set_translation (update, others[i], CANDOR_FIELD_CONTACT, composed);
      g_hash_table_replace (self->composed_translations, g_strdup (others[i]), composed);
    }
}

static void
on_contact_changed_cb (CandorWizardContactPage *self, GtkEditable *row)
{
  CandorUpdate    *update = candor_wizard_page_get_update (CANDOR_WIZARD_PAGE (self));
  CandorIncident  *incident = candor_wizard_page_get_incident (CANDOR_WIZARD_PAGE (self));
  const char      *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  const char      *reach = gtk_editable_get_text (GTK_EDITABLE (self->reach_row));
  const char      *sentence;
  g_autofree char *composed = NULL;

  if (self->loading || update == NULL)
    return;

  candor_update_set_contact_name (update, name);
  candor_update_set_contact_reach (update, reach);

  /* Follow the rows only while the sentence is still the one we wrote. */
  sentence = candor_update_get_field (update, CANDOR_FIELD_CONTACT);
  if (sentence == NULL || *sentence == '\0' || g_strcmp0 (sentence, self->composed) == 0)
    {
      composed = compose_sentence (candor_incident_get_language (incident), name, reach);
      candor_update_set_field (update, CANDOR_FIELD_CONTACT, composed);
      g_free (self->composed);
      g_clear_object (&self->cancellable);
      self->composed = g_steal_pointer (&composed);
    }

  /* After the primary text, which the translations are written against. */
  compose_translations (self, incident, update, name, reach);
}

static void
on_saved_row_selected_cb (CandorWizardContactPage *self, GParamSpec *pspec, AdwComboRow *row)
{
  guint          selected = adw_combo_row_get_selected (row);
  CandorContact *contact;

  /* The first entry is "Type a new contact". */
  if (self->loading || selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return;

  contact = g_hash_table_lookup (self->contacts,
                                 gtk_string_list_get_string (self->saved_contacts, selected));
  if (contact == NULL)
    return;

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), candor_contact_get_name (contact));
  gtk_editable_set_text (GTK_EDITABLE (self->reach_row), candor_contact_get_reach (contact));
}

static void
on_contacts_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (CandorWizardContactPage) self = user_data;
  g_autoptr (GPtrArray) contacts = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree const char **names = NULL;
  CandorUpdate           *update;

  contacts = candor_session_load_contacts_finish (CANDOR_SESSION (source), result, &error);
  if (contacts == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the saved contacts: %s", error->message);
      return;
    }

  /* Gone (disposed) before the contacts arrived. */
  if (self->contacts == NULL)
    return;

  /* Sorted by name, as the session gives them. */
  g_hash_table_remove_all (self->contacts);
  names = g_new0 (const char *, contacts->len + 1);
  for (guint i = 0; i < contacts->len; i++)
    {
      CandorContact *contact = g_ptr_array_index (contacts, i);

      names[i] = candor_contact_get_name (contact);
      g_hash_table_replace (self->contacts, (gpointer)names[i], g_object_ref (contact));
    }

  /* After the first row, "Type a new contact". */
  self->loading = TRUE;
  gtk_string_list_splice (self->saved_contacts, 1,
                          g_list_model_get_n_items (G_LIST_MODEL (self->saved_contacts)) - 1,
                          names);
  self->loading = FALSE;

  /* A new update starts with a contact chosen: the first one saved, shown
   * here to change. A template's [contact name] is then filled already. */
  update = candor_wizard_page_get_update (CANDOR_WIZARD_PAGE (self));
  if (contacts->len > 0 && update != NULL && *candor_update_get_contact_name (update) == '\0' &&
      *candor_update_get_contact_reach (update) == '\0' &&
      *gtk_editable_get_text (GTK_EDITABLE (self->name_row)) == '\0' &&
      *gtk_editable_get_text (GTK_EDITABLE (self->reach_row)) == '\0')
    adw_combo_row_set_selected (self->saved_row, 1);
}

static void
candor_wizard_contact_page_store_set (CandorWizardPage *page)
{
  CandorWizardContactPage *self = CANDOR_WIZARD_CONTACT_PAGE (page);

  if (self->session == NULL)
    return;

  candor_session_load_contacts_async (self->session, self->cancellable, on_contacts_loaded_cb,
                                      g_object_ref (self));
}

static void
on_contact_saved_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  if (!candor_session_save_contact_finish (CANDOR_SESSION (source), result, &error))
    g_warning ("Could not save the contact: %s", error->message);
}

/* Remembers a complete contact for the next update. The session holds the
 * application until it is written, so quitting right after does not lose it. */
static void
save_contact (CandorWizardContactPage *self, const char *name, const char *reach)
{
  g_autoptr (CandorContact) contact = NULL;
  CandorContact *saved;

  if (self->session == NULL || candor_session_get_store (self->session) == NULL || *name == '\0' ||
      *reach == '\0')
    return;

  contact = candor_contact_new (name, reach);
  saved = g_hash_table_lookup (self->contacts, name);
  if (saved != NULL && candor_contact_equal (saved, contact))
    return;

  candor_session_save_contact_async (self->session, contact, NULL, on_contact_saved_cb, NULL);
}

static void
candor_wizard_contact_page_draft_set (CandorWizardPage *page)
{
  CandorWizardContactPage *self = CANDOR_WIZARD_CONTACT_PAGE (page);
  CandorUpdate            *update = candor_wizard_page_get_update (page);

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), candor_update_get_contact_name (update));
  gtk_editable_set_text (GTK_EDITABLE (self->reach_row), candor_update_get_contact_reach (update));
  self->loading = FALSE;
}

static void
candor_wizard_contact_page_dispose (GObject *object)
{
  CandorWizardContactPage *self = CANDOR_WIZARD_CONTACT_PAGE (object);
  const char              *name = "";
  const char              *reach = "";

  if (self->name_row != NULL)
    {
      name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
      reach = gtk_editable_get_text (GTK_EDITABLE (self->reach_row));
    }

  if (self->contacts != NULL)
    save_contact (self, name, reach);
  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->contacts, g_hash_table_unref);
  g_clear_object (&self->session);

  gtk_widget_dispose_template (GTK_WIDGET (self), CANDOR_TYPE_WIZARD_CONTACT_PAGE);

  G_OBJECT_CLASS (candor_wizard_contact_page_parent_class)->dispose (object);
}

static void
candor_wizard_contact_page_finalize (GObject *object)
{
  CandorWizardContactPage *self = CANDOR_WIZARD_CONTACT_PAGE (object);

  g_free (self->composed);
  g_clear_pointer (&self->composed_translations, g_hash_table_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (candor_wizard_contact_page_parent_class)->finalize (object);
}

static void
candor_wizard_contact_page_class_init (CandorWizardContactPageClass *klass)
{
  GObjectClass          *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass        *widget_class = GTK_WIDGET_CLASS (klass);
  CandorWizardPageClass *page_class = CANDOR_WIZARD_PAGE_CLASS (klass);

  object_class->dispose = candor_wizard_contact_page_dispose;
  object_class->finalize = candor_wizard_contact_page_finalize;
  page_class->draft_set = candor_wizard_contact_page_draft_set;
  page_class->store_set = candor_wizard_contact_page_store_set;

  g_type_ensure (CANDOR_TYPE_FIELD_EDITOR);
  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/candor/Candor/candor-wizard-contact-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CandorWizardContactPage, saved_row);
  gtk_widget_class_bind_template_child (widget_class, CandorWizardContactPage, saved_contacts);
  gtk_widget_class_bind_template_child (widget_class, CandorWizardContactPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, CandorWizardContactPage, reach_row);
  gtk_widget_class_bind_template_child (widget_class, CandorWizardContactPage, contact_editor);
  gtk_widget_class_bind_template_callback (widget_class, on_contact_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_saved_row_selected_cb);
}

static void
candor_wizard_contact_page_init (CandorWizardContactPage *self)
{
  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->loading = FALSE;
  self->cancellable = g_cancellable_new ();
  self->composed_translations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->contacts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  gtk_string_list_append (self->saved_contacts, _("Type a new contact"));
}

/* Where the saved contacts come from and go to; set once, by the wizard. */
void
candor_wizard_contact_page_set_session (CandorWizardContactPage *self, CandorSession *session)
{
  g_return_if_fail (CANDOR_IS_WIZARD_CONTACT_PAGE (self));
  g_return_if_fail (CANDOR_IS_SESSION (session));

  g_set_object (&self->session, session);
}
