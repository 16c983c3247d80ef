/* candor-wizard-contact-page.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-wizard-contact-page"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "candor-field-editor.h"
#include "candor-wizard-contact-page.h"

/* Step 5: whom to contact. Contacts used before are kept in the history as
 * contact documents ({"name": ..., "reach": ...}, keyed by the name) to pick
 * again; the contact sentence, with its request for patience, is written
 * from them until the user edits it by hand. Reading and writing them is
 * done in a thread. */
struct _CandorWizardContactPage
{
  CandorWizardPage parent_instance;

  AdwComboRow       *saved_row;
  GtkStringList     *saved_contacts;
  AdwEntryRow       *name_row;
  AdwEntryRow       *reach_row;
  CandorFieldEditor *contact_editor;

  /* name -> reach, as saved */
  GHashTable *contacts;
  char       *composed;
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
  guint       selected = adw_combo_row_get_selected (row);
  const char *name;
  const char *reach;

  /* The first entry is "Type a new contact". */
  if (self->loading || selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return;

  name = gtk_string_list_get_string (self->saved_contacts, selected);
  reach = g_hash_table_lookup (self->contacts, name);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
  gtk_editable_set_text (GTK_EDITABLE (self->reach_row), reach != NULL ? reach : "");
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_utf8_collate (*(const char *const *)a, *(const char *const *)b);
}

static void
on_contacts_read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (CandorWizardContactPage) self = user_data;
  g_autoptr (GHashTable) contacts = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autofree const char **names = NULL;
  guint                   n_names;

  /* Gone (disposed) before the contacts arrived. */
  if (contacts == NULL || self->contacts == NULL)
    return;

  g_hash_table_unref (self->contacts);
  self->contacts = g_steal_pointer (&contacts);
  names = (const char **)g_hash_table_get_keys_as_array (self->contacts, &n_names);
  qsort (names, n_names, sizeof (char *), compare_names);

  /* After the first row, "Type a new contact". */
  self->loading = TRUE;
  gtk_string_list_splice (self->saved_contacts, 1,
                          g_list_model_get_n_items (G_LIST_MODEL (self->saved_contacts)) - 1,
                          names);
  self->loading = FALSE;
}

/* The saved contacts as name -> reach. */
static void
read_contacts_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  CandorStore *store = source_object;
  GHashTable  *contacts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) ids = candor_store_list_documents (store, CANDOR_STORE_DOCUMENT_CONTACT, &error);

  if (ids == NULL)
    g_warning ("Could not read the saved contacts: %s", error->message);

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      g_autofree char *json =
        candor_store_get_document (store, CANDOR_STORE_DOCUMENT_CONTACT, ids[i], NULL);
      g_autoptr (JsonNode) node = json != NULL ? json_from_string (json, NULL) : NULL;
      JsonObject *object =
        node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *name =
        object != NULL ? json_object_get_string_member_with_default (object, "name", "") : "";
      const char *reach =
        object != NULL ? json_object_get_string_member_with_default (object, "reach", "") : "";

      if (*name != '\0')
        g_hash_table_insert (contacts, g_strdup (name), g_strdup (reach));
    }

  g_task_return_pointer (task, contacts, (GDestroyNotify)g_hash_table_unref);
}

static void
candor_wizard_contact_page_store_set (CandorWizardPage *page)
{
  g_autoptr (GTask) task = NULL;

  task = g_task_new (candor_wizard_page_get_store (page), NULL, on_contacts_read_cb,
                     g_object_ref (page));
  g_task_set_source_tag (task, candor_wizard_contact_page_store_set);
  g_task_run_in_thread (task, read_contacts_thread);
}

static void
save_contact_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  const char *const *contact = task_data;
  g_autoptr (GError) error = NULL;

  if (!candor_store_put_document (source_object, CANDOR_STORE_DOCUMENT_CONTACT, contact[0],
                                  contact[1], &error))
    g_warning ("Could not save the contact: %s", error->message);

  g_task_return_boolean (task, TRUE);
}

static void
on_contact_saved_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_application_release (user_data);
}

/* Remembers a complete contact for the next update. The application is held
 * until it is written, so quitting right after does not lose it. */
static void
save_contact (CandorWizardContactPage *self, const char *name, const char *reach)
{
  CandorStore  *store = candor_wizard_page_get_store (CANDOR_WIZARD_PAGE (self));
  GApplication *application = g_application_get_default ();
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GTask) task = NULL;
  char **contact;

  if (store == NULL || *name == '\0' || *reach == '\0' ||
      g_strcmp0 (g_hash_table_lookup (self->contacts, name), reach) == 0)
    return;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "reach");
  json_builder_add_string_value (builder, reach);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);

  contact = g_new0 (char *, 3);
  contact[0] = g_strdup (name);
  contact[1] = json_to_string (node, FALSE);

  if (application != NULL)
    g_application_hold (application);
  task = g_task_new (store, NULL, application != NULL ? on_contact_saved_cb : NULL, application);
  g_task_set_source_tag (task, save_contact);
  g_task_set_task_data (task, contact, (GDestroyNotify)g_strfreev);
  g_task_run_in_thread (task, save_contact_thread);
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

  save_contact (self, name, reach);
  g_clear_pointer (&self->contacts, g_hash_table_unref);

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
  self->contacts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gtk_string_list_append (self->saved_contacts, _("Type a new contact"));
}
