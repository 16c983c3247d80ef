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

/* Step 5: whom to contact. Contacts used before are kept in
 * $XDG_DATA_HOME/candor/contacts.ini ("name" -> "reach") to pick again; the
 * contact sentence, with its request for patience, is written from them
 * until the user edits it by hand. */
struct _CandorWizardContactPage
{
  CandorWizardPage parent_instance;

  AdwComboRow       *saved_row;
  GtkStringList     *saved_contacts;
  AdwEntryRow       *name_row;
  AdwEntryRow       *reach_row;
  CandorFieldEditor *contact_editor;

  GKeyFile *contacts;
  char     *composed;
  gboolean  loading;
};

G_DEFINE_FINAL_TYPE (CandorWizardContactPage, candor_wizard_contact_page, CANDOR_TYPE_WIZARD_PAGE)

#define CONTACTS_GROUP "contacts"

static char *
get_contacts_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "candor", "contacts.ini", NULL);
}

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
  if (sentence != NULL && *sentence != '\0' && g_strcmp0 (sentence, self->composed) != 0)
    return;

  composed = compose_sentence (candor_incident_get_language (incident), name, reach);
  candor_update_set_field (update, CANDOR_FIELD_CONTACT, composed);
  g_free (self->composed);
  self->composed = g_steal_pointer (&composed);
}

static void
on_saved_row_selected_cb (CandorWizardContactPage *self, GParamSpec *pspec, AdwComboRow *row)
{
  guint            selected = adw_combo_row_get_selected (row);
  const char      *name;
  g_autofree char *reach = NULL;

  /* The first entry is "Type a new contact". */
  if (self->loading || selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return;

  name = gtk_string_list_get_string (self->saved_contacts, selected);
  reach = g_key_file_get_string (self->contacts, CONTACTS_GROUP, name, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
  gtk_editable_set_text (GTK_EDITABLE (self->reach_row), reach != NULL ? reach : "");
}

static void
load_contacts (CandorWizardContactPage *self)
{
  g_autofree char *path = get_contacts_path ();
  g_auto (GStrv) names = NULL;

  g_key_file_load_from_file (self->contacts, path, G_KEY_FILE_NONE, NULL);
  names = g_key_file_get_keys (self->contacts, CONTACTS_GROUP, NULL, NULL);

  self->loading = TRUE;
  gtk_string_list_append (self->saved_contacts, _("Type a new contact"));
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    gtk_string_list_append (self->saved_contacts, names[i]);
  self->loading = FALSE;
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

  /* Remember a contact once it is complete, for the next update. */
  if (self->contacts != NULL && *name != '\0' && *reach != '\0')
    {
      g_autofree char *path = get_contacts_path ();
      g_autofree char *directory = g_path_get_dirname (path);
      g_autoptr (GError) error = NULL;

      g_key_file_set_string (self->contacts, CONTACTS_GROUP, name, reach);
      g_mkdir_with_parents (directory, 0700);
      if (!g_key_file_save_to_file (self->contacts, path, &error))
        g_warning ("Could not save contacts: %s", error->message);
    }
  g_clear_pointer (&self->contacts, g_key_file_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), CANDOR_TYPE_WIZARD_CONTACT_PAGE);

  G_OBJECT_CLASS (candor_wizard_contact_page_parent_class)->dispose (object);
}

static void
candor_wizard_contact_page_finalize (GObject *object)
{
  CandorWizardContactPage *self = CANDOR_WIZARD_CONTACT_PAGE (object);

  g_free (self->composed);

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
  self->contacts = g_key_file_new ();
  load_contacts (self);
}
