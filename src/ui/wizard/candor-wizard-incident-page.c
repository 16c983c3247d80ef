/* candor-wizard-incident-page.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-wizard-incident-page"

#include "config.h"

#include <glib/gi18n.h>

#include "candor-template-library.h"
#include "candor-wizard-incident-page.h"

/* Step 1: what is broken, how badly, and which kind of message this is.
 * Picking a template fills the fields; its variables stay editable below
 * and every edit fills the fields again. */
struct _CandorWizardIncidentPage
{
  CandorWizardPage parent_instance;

  AdwEntryRow         *title_row;
  AdwEntryRow         *services_row;
  AdwComboRow         *severity_row;
  AdwComboRow         *state_row;
  AdwEntryRow         *started_row;
  GtkSwitch           *sla_switch;
  AdwComboRow         *kind_row;
  AdwComboRow         *language_row;
  GtkSearchEntry      *template_search;
  GtkListBox          *templates_list;
  AdwPreferencesGroup *variables_group;
  GtkListBox          *variables_list;

  CandorTemplateLibrary *library;
  CandorTemplate *template;
  gboolean loading;
};

G_DEFINE_FINAL_TYPE (CandorWizardIncidentPage, candor_wizard_incident_page, CANDOR_TYPE_WIZARD_PAGE)

enum
{
  PROP_0,
  PROP_TEMPLATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *const languages[] = { "en", "ru" };

static CandorIncident *
get_incident (CandorWizardIncidentPage *self)
{
  return candor_wizard_page_get_incident (CANDOR_WIZARD_PAGE (self));
}

static CandorUpdate *
get_update (CandorWizardIncidentPage *self)
{
  return candor_wizard_page_get_update (CANDOR_WIZARD_PAGE (self));
}

static const char *
get_language (CandorWizardIncidentPage *self)
{
  guint selected = adw_combo_row_get_selected (self->language_row);

  return selected < G_N_ELEMENTS (languages) ? languages[selected] : "en";
}

/* "Billing, API ,, Login" -> { "Billing", "API", "Login" } */
static GStrv
split_services (const char *text)
{
  g_auto (GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *service = g_strstrip (parts[i]);

      if (*service != '\0')
        g_strv_builder_add (builder, service);
    }

  return g_strv_builder_end (builder);
}

static GDateTime *
parse_local_time (const char *text)
{
  int  year, month, day, hour, minute;
  char trailing;

  if (sscanf (text, "%d-%d-%d %d:%d %c", &year, &month, &day, &hour, &minute, &trailing) != 5)
    return NULL;

  return g_date_time_new_local (year, month, day, hour, minute, 0);
}

static char *
format_local_time (GDateTime *time)
{
  g_autoptr (GDateTime) local = NULL;

  if (time == NULL)
    return g_strdup ("");

  local = g_date_time_to_local (time);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/* What a template variable is filled with when the incident already knows it. */
static char *
dup_known_value (CandorWizardIncidentPage *self, const char *name)
{
  CandorIncident *incident = get_incident (self);

  if (g_str_equal (name, "service") || g_str_equal (name, "services"))
    {
      const char *const *services = candor_incident_get_services (incident);

      if (services != NULL && services[0] != NULL)
        return g_strjoinv (", ", (char **)services);
    }
  else if (g_str_equal (name, "started_at"))
    {
      if (candor_incident_get_started_at (incident) != NULL)
        return format_local_time (candor_incident_get_started_at (incident));
    }

  return NULL;
}

static JsonNode *
collect_values (CandorWizardIncidentPage *self)
{
  g_autoptr (JsonNode) values = candor_template_dup_example_values (self->template);
  JsonObject *object;

  if (values == NULL || !JSON_NODE_HOLDS_OBJECT (values))
    {
      g_clear_pointer (&values, json_node_unref);
      values = json_node_init_object (json_node_alloc (), json_object_new ());
    }
  object = json_node_get_object (values);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->variables_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      const char *name = g_object_get_data (G_OBJECT (row), "variable");

      if (name != NULL)
        json_object_set_string_member (object, name, gtk_editable_get_text (GTK_EDITABLE (row)));
    }

  return g_steal_pointer (&values);
}

static void
apply_template (CandorWizardIncidentPage *self)
{
  g_autoptr (JsonNode) values = NULL;
  g_autoptr (GError) error = NULL;

  if (self->template == NULL || get_update (self) == NULL)
    return;

  values = collect_values (self);
  if (!candor_template_apply (self->template, get_update (self), values, &error))
    g_warning ("Template “%s” could not be applied: %s", candor_template_get_id (self->template),
               error->message);
}

static void
on_variable_row_changed_cb (CandorWizardIncidentPage *self, GtkEditable *row)
{
  apply_template (self);
}

static void
show_variables (CandorWizardIncidentPage *self)
{
  g_autoptr (JsonNode) examples = NULL;
  GtkWidget *child;
  guint      n = self->template != NULL ? candor_template_get_n_variables (self->template) : 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->variables_list))) != NULL)
    gtk_list_box_remove (self->variables_list, child);

  if (self->template != NULL)
    examples = candor_template_dup_example_values (self->template);

  for (guint i = 0; i < n; i++)
    {
      const CandorTemplateVariable *variable = candor_template_get_variable (self->template, i);
      GtkWidget                    *row = adw_entry_row_new ();
      g_autofree char              *known = dup_known_value (self, variable->name);
      const char                   *text = known;

      /* Only text variables are edited here; lists keep their examples. */
      if (variable->example != NULL && !JSON_NODE_HOLDS_VALUE (variable->example))
        continue;
      if (text == NULL && variable->example != NULL &&
          json_node_get_value_type (variable->example) == G_TYPE_STRING)
        text = json_node_get_string (variable->example);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), variable->description != NULL
                                                                  ? variable->description
                                                                  : variable->name);
      gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
      g_object_set_data_full (G_OBJECT (row), "variable", g_strdup (variable->name), g_free);
      g_signal_connect_object (row, "changed", G_CALLBACK (on_variable_row_changed_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_list_box_append (self->variables_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->variables_group),
                          gtk_widget_get_first_child (GTK_WIDGET (self->variables_list)) != NULL);
}

static void
refresh_templates (CandorWizardIncidentPage *self)
{
  CandorTemplateFilter filter = CANDOR_TEMPLATE_FILTER_INIT;
  g_autoptr (GPtrArray) templates = NULL;
  GtkWidget *child;

  if (get_update (self) == NULL)
    return;

  filter.language = get_language (self);
  filter.kind = candor_update_get_kind (get_update (self));
  filter.severity = candor_incident_get_severity (get_incident (self));
  filter.search = gtk_editable_get_text (GTK_EDITABLE (self->template_search));
  templates = candor_template_library_filter (self->library, &filter);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->templates_list))) != NULL)
    gtk_list_box_remove (self->templates_list, child);

  for (guint i = 0; templates != NULL && i < templates->len; i++)
    {
      CandorTemplate *template = g_ptr_array_index (templates, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     candor_template_get_name (template));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   candor_template_get_description (template));
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
      gtk_widget_set_visible (check, template == self->template);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), check);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "template", g_object_ref (template), g_object_unref);
      gtk_list_box_append (self->templates_list, row);
    }

  if (templates == NULL || templates->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("No template matches this kind and severity"));
      gtk_list_box_append (self->templates_list, row);
    }
}

static void
update_complete (CandorWizardIncidentPage *self)
{
  g_autofree char *title =
    g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));

  candor_wizard_page_set_complete (CANDOR_WIZARD_PAGE (self), *title != '\0');
}

static void
on_title_row_changed_cb (CandorWizardIncidentPage *self, GtkEditable *row)
{
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (row)));

  update_complete (self);
  if (!self->loading && get_incident (self) != NULL)
    candor_incident_set_title (get_incident (self), title);
}

static void
on_services_row_changed_cb (CandorWizardIncidentPage *self, GtkEditable *row)
{
  g_auto (GStrv) services = split_services (gtk_editable_get_text (row));

  if (!self->loading && get_incident (self) != NULL)
    candor_incident_set_services (get_incident (self), (const char *const *)services);
}

static void
on_started_row_changed_cb (CandorWizardIncidentPage *self, GtkEditable *row)
{
  g_autoptr (GDateTime) started = parse_local_time (gtk_editable_get_text (row));

  if (started == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  if (!self->loading && get_incident (self) != NULL)
    candor_incident_set_started_at (get_incident (self), started);
}

static void
on_sla_switch_active_cb (CandorWizardIncidentPage *self, GParamSpec *pspec, GtkSwitch *sla_switch)
{
  if (!self->loading && get_incident (self) != NULL)
    candor_incident_set_sla_relevant (get_incident (self), gtk_switch_get_active (sla_switch));
}

static void
on_severity_row_selected_cb (CandorWizardIncidentPage *self, GParamSpec *pspec, AdwComboRow *row)
{
  if (self->loading || get_incident (self) == NULL)
    return;

  candor_incident_set_severity (get_incident (self), adw_combo_row_get_selected (row));
  refresh_templates (self);
}

static void
on_state_row_selected_cb (CandorWizardIncidentPage *self, GParamSpec *pspec, AdwComboRow *row)
{
  if (!self->loading && get_incident (self) != NULL)
    candor_incident_set_state (get_incident (self), adw_combo_row_get_selected (row));
}

static void
on_kind_row_selected_cb (CandorWizardIncidentPage *self, GParamSpec *pspec, AdwComboRow *row)
{
  if (self->loading || get_update (self) == NULL)
    return;

  candor_update_set_kind (get_update (self), adw_combo_row_get_selected (row));
  refresh_templates (self);
}

static void
on_language_row_selected_cb (CandorWizardIncidentPage *self, GParamSpec *pspec, AdwComboRow *row)
{
  if (self->loading || get_incident (self) == NULL)
    return;

  candor_incident_set_language (get_incident (self), get_language (self));
  refresh_templates (self);
}

static void
on_template_search_changed_cb (CandorWizardIncidentPage *self, GtkSearchEntry *entry)
{
  refresh_templates (self);
}

static void
on_templates_list_row_activated_cb (CandorWizardIncidentPage *self,
                                    GtkListBoxRow            *row,
                                    GtkListBox               *list)
{
  CandorTemplate *template = g_object_get_data (G_OBJECT (row), "template");

  if (template == NULL)
    return;

  g_set_object (&self->template, template);
  show_variables (self);
  apply_template (self);
  refresh_templates (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEMPLATE]);
}

static void
candor_wizard_incident_page_draft_set (CandorWizardPage *page)
{
  CandorWizardIncidentPage *self = CANDOR_WIZARD_INCIDENT_PAGE (page);
  CandorIncident           *incident = get_incident (self);
  const char *const        *services = candor_incident_get_services (incident);
  g_autofree char          *joined = NULL;
  g_autofree char          *started = format_local_time (candor_incident_get_started_at (incident));

  joined = services != NULL ? g_strjoinv (", ", (char **)services) : g_strdup ("");

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), candor_incident_get_title (incident));
  gtk_editable_set_text (GTK_EDITABLE (self->services_row), joined);
  gtk_editable_set_text (GTK_EDITABLE (self->started_row), started);
  adw_combo_row_set_selected (self->severity_row, candor_incident_get_severity (incident));
  adw_combo_row_set_selected (self->state_row, candor_incident_get_state (incident));
  adw_combo_row_set_selected (self->kind_row, candor_update_get_kind (get_update (self)));
  adw_combo_row_set_selected (self->language_row,
                              g_strcmp0 (candor_incident_get_language (incident), "ru") == 0);
  gtk_switch_set_active (self->sla_switch, candor_incident_get_sla_relevant (incident));
  self->loading = FALSE;

  update_complete (self);
  refresh_templates (self);
}

static void
candor_wizard_incident_page_dispose (GObject *object)
{
  CandorWizardIncidentPage *self = CANDOR_WIZARD_INCIDENT_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CANDOR_TYPE_WIZARD_INCIDENT_PAGE);
  g_clear_object (&self->library);
  g_clear_object (&self->template);

  G_OBJECT_CLASS (candor_wizard_incident_page_parent_class)->dispose (object);
}

static void
candor_wizard_incident_page_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  CandorWizardIncidentPage *self = CANDOR_WIZARD_INCIDENT_PAGE (object);

  switch (prop_id)
    {
      case PROP_TEMPLATE:
        g_value_set_object (value, self->template);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_wizard_incident_page_class_init (CandorWizardIncidentPageClass *klass)
{
  GObjectClass          *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass        *widget_class = GTK_WIDGET_CLASS (klass);
  CandorWizardPageClass *page_class = CANDOR_WIZARD_PAGE_CLASS (klass);

  object_class->dispose = candor_wizard_incident_page_dispose;
  object_class->get_property = candor_wizard_incident_page_get_property;
  page_class->draft_set = candor_wizard_incident_page_draft_set;

  properties[PROP_TEMPLATE] =
    g_param_spec_object ("template", NULL, NULL, CANDOR_TYPE_TEMPLATE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/candor/Candor/candor-wizard-incident-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CandorWizardIncidentPage, title_row);
  gtk_widget_class_bind_template_child (widget_class, CandorWizardIncidentPage, services_row);
  gtk_widget_class_bind_template_child (widget_class, CandorWizardIncidentPage, severity_row);
  gtk_widget_class_bind_template_child (widget_class, CandorWizardIncidentPage, state_row);
  gtk_widget_class_bind_template_child (widget_class, CandorWizardIncidentPage, started_row);
  gtk_widget_class_bind_template_child (widget_class, CandorWizardIncidentPage, sla_switch);
  gtk_widget_class_bind_template_child (widget_class, CandorWizardIncidentPage, kind_row);
  gtk_widget_class_bind_template_child (widget_class, CandorWizardIncidentPage, language_row);
  gtk_widget_class_bind_template_child (widget_class, CandorWizardIncidentPage, template_search);
  gtk_widget_class_bind_template_child (widget_class, CandorWizardIncidentPage, templates_list);
  gtk_widget_class_bind_template_child (widget_class, CandorWizardIncidentPage, variables_group);
  gtk_widget_class_bind_template_child (widget_class, CandorWizardIncidentPage, variables_list);
  gtk_widget_class_bind_template_callback (widget_class, on_title_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_services_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_started_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sla_switch_active_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_severity_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_state_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_language_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_template_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_templates_list_row_activated_cb);
}

static void
candor_wizard_incident_page_init (CandorWizardIncidentPage *self)
{
  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->loading = FALSE;
  self->library = candor_template_library_new ();
}

void
candor_wizard_incident_page_reload_templates (CandorWizardIncidentPage *self)
{
  g_return_if_fail (CANDOR_IS_WIZARD_INCIDENT_PAGE (self));

  candor_template_library_reload (self->library);
  refresh_templates (self);
}

CandorTemplate *
candor_wizard_incident_page_get_template (CandorWizardIncidentPage *self)
{
  g_return_val_if_fail (CANDOR_IS_WIZARD_INCIDENT_PAGE (self), NULL);

  return self->template;
}

/* Returns: (transfer full): the picked template's variable names, for completion. */
GStrv
candor_wizard_incident_page_dup_variable_names (CandorWizardIncidentPage *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (CANDOR_IS_WIZARD_INCIDENT_PAGE (self), NULL);

  for (guint i = 0; self->template != NULL && i < candor_template_get_n_variables (self->template);
       i++)
    g_strv_builder_add (builder, candor_template_get_variable (self->template, i)->name);

  return g_strv_builder_end (builder);
}
