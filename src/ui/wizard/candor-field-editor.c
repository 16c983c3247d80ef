/* candor-field-editor.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-field-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>
#include <string.h>

#include "candor-draft.h"
#include "candor-enum-types.h"
#include "candor-field-editor.h"
#include "candor-finding.h"
#include "candor-languages.h"
#include "candor-text-spell.h"
#include "candor-placeholder.h"

/* One field of the update, edited as Markdown: the buffer writes through to
 * the update on every keystroke, and the checker's findings come back as
 * wavy underlines. An incident in several languages gets a tab per language
 * above the text: one buffer shows the primary text or a translation, so
 * spelling, findings and the cursor always belong to the text in view. */
struct _CandorFieldEditor
{
  AdwBin parent_instance;

  GtkLabel      *title_label;
  GtkLabel      *hint_label;
  GtkBox        *language_tabs;
  GtkBox        *outdated_box;
  GtkLabel      *outdated_source;
  GtkSourceView *view;

  CandorUpdate *update;
  CandorField   field;
  GStrv         languages; /* the primary first; NULL until the wizard says */
  guint         shown;     /* the index in languages of the text in the buffer */
  GPtrArray    *findings;
  gulong        update_changed_id;
  gboolean      syncing;
  guint         n_underlined;
  GtkTextTag   *finding_tags[CANDOR_FINDING_SEVERITY_ERROR + 1];
  GtkTextTag   *placeholder_tag;

  GtkSourceCompletionWords *words;
  GtkTextBuffer            *words_buffer;
  CandorTextSpell          *spell;
};

G_DEFINE_FINAL_TYPE (CandorFieldEditor, candor_field_editor, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_FIELD,
  PROP_LABEL,
  PROP_HINT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkTextBuffer *
get_buffer (CandorFieldEditor *self)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view));
}

/* The translation's language, or NULL while the primary text is shown. */
static const char *
get_translation_language (CandorFieldEditor *self)
{
  return self->languages != NULL && self->shown > 0 ? self->languages[self->shown] : NULL;
}

static const char *
get_shown_text (CandorFieldEditor *self)
{
  const char *language = get_translation_language (self);
  const char *text;

  if (self->update == NULL)
    return "";
  text = language != NULL ? candor_update_get_translation (self->update, language, self->field)
                          : candor_update_get_field (self->update, self->field);

  return text != NULL ? text : "";
}

/* A tab whose translation may be out of date says so before it is opened. */
static void
update_outdated (CandorFieldEditor *self)
{
  const char *language = get_translation_language (self);
  guint       index = 0;
  gboolean    outdated;

  for (GtkWidget *tab = gtk_widget_get_first_child (GTK_WIDGET (self->language_tabs)); tab != NULL;
       tab = gtk_widget_get_next_sibling (tab), index++)
    {
      const char      *name = candor_languages_get_name (self->languages[index]);
      g_autofree char *tooltip = NULL;

      /* Said in words (the tooltip) as well as in colour. */
      if (index > 0 && self->update != NULL &&
          candor_update_get_translation_outdated (self->update, self->languages[index],
                                                  self->field))
        {
          gtk_widget_add_css_class (tab, "warning");
          /* TRANSLATORS: a field's language tab; %s is a language's name */
          tooltip = g_strdup_printf (_("The %s text may be out of date"), name);
        }
      else
        {
          gtk_widget_remove_css_class (tab, "warning");
          /* TRANSLATORS: a field's language tab; %s is a language's name */
          tooltip = g_strdup_printf (_("Write this in %s"), name);
        }
      gtk_widget_set_tooltip_text (tab, tooltip);
    }

  outdated = language != NULL && self->update != NULL &&
             candor_update_get_translation_outdated (self->update, language, self->field);
  gtk_widget_set_visible (GTK_WIDGET (self->outdated_box), outdated);
  if (outdated)
    {
      const char *source =
        candor_update_get_translation_source (self->update, language, self->field);
      g_autofree char *said = NULL;

      /* TRANSLATORS: under "Translation may be out of date": the primary
       * text as it read when the translation was written */
      said = g_strdup_printf (_("It was written for: “%s”"), source != NULL ? source : "");
      gtk_label_set_label (self->outdated_source, said);
    }
}

/* Puts the shown language's text into the buffer, as one step nobody undoes:
 * Ctrl+Z never brings one language's words into another's tab. */
static void
show_text (CandorFieldEditor *self)
{
  const char      *text = get_shown_text (self);
  g_autofree char *current = NULL;
  GtkTextIter      start, end;

  gtk_text_buffer_get_bounds (get_buffer (self), &start, &end);
  current = gtk_text_buffer_get_text (get_buffer (self), &start, &end, FALSE);
  if (g_strcmp0 (current, text) == 0)
    return;

  self->syncing = TRUE;
  gtk_text_buffer_begin_irreversible_action (get_buffer (self));
  gtk_text_buffer_set_text (get_buffer (self), text, -1);
  gtk_text_buffer_end_irreversible_action (get_buffer (self));
  self->syncing = FALSE;
}

static void underline_findings (CandorFieldEditor *self);

static void
update_style_scheme (CandorFieldEditor *self)
{
  GtkSourceStyleSchemeManager *manager = gtk_source_style_scheme_manager_get_default ();
  gboolean                     dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GtkSourceStyleScheme        *scheme;

  scheme = gtk_source_style_scheme_manager_get_scheme (manager, dark ? "Adwaita-dark" : "Adwaita");
  gtk_source_buffer_set_style_scheme (GTK_SOURCE_BUFFER (get_buffer (self)), scheme);
}

static void
on_style_manager_dark_changed_cb (CandorFieldEditor *self,
                                  GParamSpec        *pspec,
                                  AdwStyleManager   *manager)
{
  update_style_scheme (self);
}

/* The update can change under the editor (a template was applied, a draft
 * restored); the editor follows without echoing the change back. Not the
 * author's edit: Ctrl+Z in the field does not take half of it back (a
 * template is undone whole, by the wizard). */
static void
on_update_changed_cb (CandorFieldEditor *self, CandorUpdate *update)
{
  /* Typing in the primary tab can leave a translation out of date. */
  update_outdated (self);

  if (self->syncing)
    return;

  show_text (self);
}

/* What a template left to fill in is drawn so the author cannot miss it. */
static void
mark_placeholders (CandorFieldEditor *self)
{
  GtkTextBuffer   *buffer = get_buffer (self);
  g_autofree char *text = NULL;
  GtkTextIter      start, end;
  gsize            from = 0, first, last;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->placeholder_tag, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  while (candor_placeholder_find (text, from, &first, &last))
    {
      gtk_text_buffer_get_iter_at_offset (buffer, &start,
                                          g_utf8_pointer_to_offset (text, text + first));
      gtk_text_buffer_get_iter_at_offset (buffer, &end,
                                          g_utf8_pointer_to_offset (text, text + last));
      gtk_text_buffer_apply_tag (buffer, self->placeholder_tag, &start, &end);
      from = last;
    }
}

/* Ctrl+Z with nothing of the field's own to undo goes to the wizard, which
 * takes the last template back whole. */
static gboolean
on_view_key_pressed_cb (CandorFieldEditor     *self,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        GtkEventControllerKey *controller)
{
  if ((keyval != GDK_KEY_z && keyval != GDK_KEY_Z) ||
      (state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK)) != GDK_CONTROL_MASK ||
      gtk_text_buffer_get_can_undo (get_buffer (self)))
    return FALSE;

  return gtk_widget_activate_action (GTK_WIDGET (self), "wizard.undo-template", NULL);
}

static void
on_buffer_changed_cb (CandorFieldEditor *self, GtkTextBuffer *buffer)
{
  g_autofree char *text = NULL;
  GtkTextIter      start, end;

  mark_placeholders (self);

  if (self->syncing || self->update == NULL)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  self->syncing = TRUE;
  if (get_translation_language (self) != NULL)
    candor_update_set_translation (self->update, get_translation_language (self), self->field,
                                   text);
  else
    candor_update_set_field (self->update, self->field, text);
  self->syncing = FALSE;
}

static void
on_looks_right_clicked_cb (CandorFieldEditor *self, GtkButton *button)
{
  if (self->update == NULL || get_translation_language (self) == NULL)
    return;

  candor_update_mark_translation_current (self->update, get_translation_language (self),
                                          self->field);
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

static void
show_language_index (CandorFieldEditor *self, guint index)
{
  if (self->languages == NULL || index >= g_strv_length (self->languages))
    return;

  self->shown = index;
  candor_text_spell_set_language (self->spell, self->languages[index]);
  show_text (self);
  update_outdated (self);
  underline_findings (self);
}

static void
on_language_tab_toggled_cb (CandorFieldEditor *self, GtkToggleButton *tab)
{
  if (!gtk_toggle_button_get_active (tab))
    return;

  show_language_index (self,
                       GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (tab), "language-index")));
}

static void
candor_field_editor_dispose (GObject *object)
{
  CandorFieldEditor *self = CANDOR_FIELD_EDITOR (object);

  if (self->update != NULL)
    g_clear_signal_handler (&self->update_changed_id, self->update);
  g_clear_object (&self->update);
  g_clear_pointer (&self->languages, g_strfreev);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_object (&self->words);
  g_clear_object (&self->words_buffer);
  if (self->spell != NULL)
    g_object_run_dispose (G_OBJECT (self->spell));
  g_clear_object (&self->spell);

  gtk_widget_dispose_template (GTK_WIDGET (self), CANDOR_TYPE_FIELD_EDITOR);

  G_OBJECT_CLASS (candor_field_editor_parent_class)->dispose (object);
}

static void
candor_field_editor_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CandorFieldEditor *self = CANDOR_FIELD_EDITOR (object);

  switch (prop_id)
    {
      case PROP_FIELD:
        g_value_set_enum (value, self->field);
        break;
      case PROP_LABEL:
        g_value_set_string (value, gtk_label_get_label (self->title_label));
        break;
      case PROP_HINT:
        g_value_set_string (value, gtk_label_get_label (self->hint_label));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_field_editor_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CandorFieldEditor *self = CANDOR_FIELD_EDITOR (object);
  const char        *text;

  switch (prop_id)
    {
      case PROP_FIELD:
        self->field = g_value_get_enum (value);
        break;
      case PROP_LABEL:
        text = g_value_get_string (value);
        gtk_label_set_label (self->title_label, text);
        gtk_accessible_update_property (GTK_ACCESSIBLE (self->view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        gtk_label_get_text (self->title_label), -1);
        break;
      case PROP_HINT:
        text = g_value_get_string (value);
        gtk_label_set_label (self->hint_label, text);
        gtk_widget_set_visible (GTK_WIDGET (self->hint_label), text != NULL && *text != '\0');
        gtk_accessible_update_property (GTK_ACCESSIBLE (self->view),
                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_field_editor_class_init (CandorFieldEditorClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = candor_field_editor_dispose;
  object_class->get_property = candor_field_editor_get_property;
  object_class->set_property = candor_field_editor_set_property;

  properties[PROP_FIELD] =
    g_param_spec_enum ("field", NULL, NULL, CANDOR_TYPE_FIELD, CANDOR_FIELD_EXECUTIVE_SUMMARY,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HINT] = g_param_spec_string (
    "hint", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_source_init ();
  g_type_ensure (GTK_SOURCE_TYPE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/candor/Candor/candor-field-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CandorFieldEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, CandorFieldEditor, hint_label);
  gtk_widget_class_bind_template_child (widget_class, CandorFieldEditor, language_tabs);
  gtk_widget_class_bind_template_child (widget_class, CandorFieldEditor, outdated_box);
  gtk_widget_class_bind_template_child (widget_class, CandorFieldEditor, outdated_source);
  gtk_widget_class_bind_template_child (widget_class, CandorFieldEditor, view);
  gtk_widget_class_bind_template_callback (widget_class, on_looks_right_clicked_cb);
}

/* A draft holds at most CANDOR_DRAFT_MAX_TEXT bytes in a field, and would not
 * read back with more: a paste that would go past it is refused whole, with a
 * word, rather than saved into a draft that cannot be restored or cut where
 * the author did not choose. */
static void
on_insert_text_cb (CandorFieldEditor *self,
                   GtkTextIter       *location,
                   const char        *text,
                   int                len,
                   GtkTextBuffer     *buffer)
{
  GtkTextIter      start, end;
  g_autofree char *current = NULL;
  GtkWidget       *overlay;

  /* A character is at most four bytes: most insertions need no count. */
  if (self->syncing ||
      (gsize)gtk_text_buffer_get_char_count (buffer) * 4 + len <= CANDOR_DRAFT_MAX_TEXT)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  current = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  if (strlen (current) + len <= CANDOR_DRAFT_MAX_TEXT)
    return;

  g_signal_stop_emission_by_name (buffer, "insert-text");
  gtk_widget_error_bell (GTK_WIDGET (self));
  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (
      ADW_TOAST_OVERLAY (overlay),
      adw_toast_new (_("A field holds at most 32 KB of text: that was not added")));
}

static void
candor_field_editor_init (CandorFieldEditor *self)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  GtkSourceBuffer          *buffer;
  GtkSourceCompletion      *completion;
  static const char        *underline_colors[] = { "#3584e4", "#e5a50a", "#e01b24" };

  gtk_widget_init_template (GTK_WIDGET (self));

  buffer = GTK_SOURCE_BUFFER (get_buffer (self));
  gtk_source_buffer_set_language (buffer,
                                  gtk_source_language_manager_get_language (languages, "markdown"));
  gtk_source_buffer_set_highlight_matching_brackets (buffer, FALSE);
  update_style_scheme (self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_style_manager_dark_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (on_buffer_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (buffer, "insert-text", G_CALLBACK (on_insert_text_cb), self,
                           G_CONNECT_SWAPPED);

  for (guint i = 0; i < G_N_ELEMENTS (self->finding_tags); i++)
    {
      GdkRGBA color;

      gdk_rgba_parse (&color, underline_colors[i]);
      self->finding_tags[i] =
        gtk_text_buffer_create_tag (GTK_TEXT_BUFFER (buffer), NULL, "underline",
                                    PANGO_UNDERLINE_ERROR, "underline-rgba", &color, NULL);
    }

  self->placeholder_tag = gtk_text_buffer_create_tag (
    GTK_TEXT_BUFFER (buffer), "placeholder", "background-rgba",
    &(GdkRGBA){ 0.96f, 0.83f, 0.18f, 0.45f }, "weight", PANGO_WEIGHT_BOLD, NULL);
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_view_key_pressed_cb), self,
                             G_CONNECT_SWAPPED);
    gtk_widget_add_controller (GTK_WIDGET (self->view), keys);
  }

  /* {{variable}} names complete from a hidden buffer of the template's
   * variables; the words provider does the matching and ranking. */
  self->words_buffer = gtk_text_buffer_new (NULL);
  self->words = gtk_source_completion_words_new (NULL);
  g_object_set (self->words, "minimum-word-size", 2, NULL);
  gtk_source_completion_words_register (self->words, self->words_buffer);
  completion = gtk_source_view_get_completion (self->view);
  gtk_source_completion_add_provider (completion, GTK_SOURCE_COMPLETION_PROVIDER (self->words));

  /* Spelling in the incident's language, once the wizard says which. */
  self->spell =
    candor_text_spell_new (GTK_TEXT_VIEW (self->view), candor_spell_checker_get_default ());
}

CandorField
candor_field_editor_get_field (CandorFieldEditor *self)
{
  g_return_val_if_fail (CANDOR_IS_FIELD_EDITOR (self), 0);

  return self->field;
}

GtkTextBuffer *
candor_field_editor_get_buffer (CandorFieldEditor *self)
{
  g_return_val_if_fail (CANDOR_IS_FIELD_EDITOR (self), NULL);

  return get_buffer (self);
}

void
candor_field_editor_set_update (CandorFieldEditor *self, CandorUpdate *update)
{
  g_return_if_fail (CANDOR_IS_FIELD_EDITOR (self));
  g_return_if_fail (update == NULL || CANDOR_IS_UPDATE (update));

  if (self->update == update)
    return;

  if (self->update != NULL)
    g_clear_signal_handler (&self->update_changed_id, self->update);
  g_set_object (&self->update, update);

  if (update != NULL)
    {
      self->update_changed_id = g_signal_connect_object (
        update, "changed", G_CALLBACK (on_update_changed_cb), self, G_CONNECT_SWAPPED);
      on_update_changed_cb (self, update);
    }
}

/* Findings are drawn in the editor of their field and language. */
static gboolean
finding_is_shown (CandorFieldEditor *self, CandorFinding *finding)
{
  const char *language = candor_finding_get_language (finding);

  /* An outdated translation is about the whole text: the note above it
   * says so, an underline under its first letter would not. */
  if (candor_finding_get_field (finding) != (int)self->field ||
      g_strcmp0 (candor_finding_get_rule_id (finding), "translation-outdated") == 0)
    return FALSE;
  if (language == NULL || self->languages == NULL)
    return self->shown == 0;

  /* A finding may name the primary language itself. */
  return g_strcmp0 (language, self->languages[self->shown]) == 0;
}

/* Findings arrive a frame after the text they were computed for, so a span
 * may reach past what is in the buffer now: clamp rather than trust it. */
void
candor_field_editor_set_findings (CandorFieldEditor *self, GPtrArray *findings)
{
  g_return_if_fail (CANDOR_IS_FIELD_EDITOR (self));

  g_clear_pointer (&self->findings, g_ptr_array_unref);
  if (findings != NULL)
    self->findings = g_ptr_array_ref (findings);
  underline_findings (self);
}

static void
underline_findings (CandorFieldEditor *self)
{
  GPtrArray     *findings = self->findings;
  GtkTextBuffer *buffer;
  GtkTextIter    start, end;
  int            n_chars;

  buffer = get_buffer (self);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  for (guint i = 0; i < G_N_ELEMENTS (self->finding_tags); i++)
    gtk_text_buffer_remove_tag (buffer, self->finding_tags[i], &start, &end);
  self->n_underlined = 0;

  if (findings == NULL)
    return;

  n_chars = gtk_text_buffer_get_char_count (buffer);
  for (guint i = 0; i < findings->len; i++)
    {
      CandorFinding *finding = g_ptr_array_index (findings, i);
      guint          from = candor_finding_get_start (finding);
      guint          to = candor_finding_get_end (finding);

      if (!finding_is_shown (self, finding) || from >= (guint)n_chars)
        continue;

      gtk_text_buffer_get_iter_at_offset (buffer, &start, from);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, MIN (MAX (to, from + 1), (guint)n_chars));
      gtk_text_buffer_apply_tag (buffer, self->finding_tags[candor_finding_get_severity (finding)],
                                 &start, &end);
      self->n_underlined++;
    }
}

guint
candor_field_editor_get_n_underlined (CandorFieldEditor *self)
{
  g_return_val_if_fail (CANDOR_IS_FIELD_EDITOR (self), 0);

  return self->n_underlined;
}

void
candor_field_editor_select_span (CandorFieldEditor *self, guint start, guint end)
{
  GtkTextBuffer *buffer;
  GtkTextIter    from, to;

  g_return_if_fail (CANDOR_IS_FIELD_EDITOR (self));

  buffer = get_buffer (self);
  gtk_text_buffer_get_iter_at_offset (buffer, &from, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &to, end);
  gtk_text_buffer_select_range (buffer, &from, &to);
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
  gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self->view), &from, 0.1, FALSE, 0, 0);
}

void
candor_field_editor_set_variables (CandorFieldEditor *self, const char *const *names)
{
  g_autofree char *joined = NULL;

  g_return_if_fail (CANDOR_IS_FIELD_EDITOR (self));

  joined = names != NULL ? g_strjoinv (" ", (char **)names) : g_strdup ("");
  gtk_text_buffer_set_text (self->words_buffer, joined, -1);
}

/* The incident's languages, the primary first ("ru", "en"): a tab for each
 * when there is more than one. The language in view stays in view if the
 * incident still has it. */
void
candor_field_editor_set_languages (CandorFieldEditor *self, const char *const *languages)
{
  g_autofree char *shown = NULL;
  GtkWidget       *tab;
  GtkToggleButton *first = NULL;
  guint            n, index = 0;

  g_return_if_fail (CANDOR_IS_FIELD_EDITOR (self));
  g_return_if_fail (languages != NULL && languages[0] != NULL);

  if (self->languages != NULL && g_strv_equal ((const char *const *)self->languages, languages))
    return;

  if (self->languages != NULL)
    shown = g_strdup (self->languages[self->shown]);
  g_clear_pointer (&self->languages, g_strfreev);
  self->languages = g_strdupv ((char **)languages);
  self->shown = 0;
  n = g_strv_length (self->languages);

  while ((tab = gtk_widget_get_first_child (GTK_WIDGET (self->language_tabs))) != NULL)
    gtk_box_remove (self->language_tabs, tab);
  for (guint i = 0; i < n; i++)
    {
      tab = gtk_toggle_button_new_with_label (candor_languages_get_name (self->languages[i]));
      g_object_set_data (G_OBJECT (tab), "language-index", GUINT_TO_POINTER (i));
      if (first != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (tab), first);
      else
        first = GTK_TOGGLE_BUTTON (tab);
      if (g_strcmp0 (self->languages[i], shown) == 0)
        index = i;
      gtk_box_append (self->language_tabs, tab);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->language_tabs), n > 1);

  tab = gtk_widget_get_first_child (GTK_WIDGET (self->language_tabs));
  for (guint i = 0; i < index; i++)
    tab = gtk_widget_get_next_sibling (tab);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (tab), TRUE);
  for (tab = gtk_widget_get_first_child (GTK_WIDGET (self->language_tabs)); tab != NULL;
       tab = gtk_widget_get_next_sibling (tab))
    g_signal_connect_object (tab, "toggled", G_CALLBACK (on_language_tab_toggled_cb), self,
                             G_CONNECT_SWAPPED);
  show_language_index (self, index);
}

/* Shows the text in @language (one of the incident's), as its tab does. */
void
candor_field_editor_show_language (CandorFieldEditor *self, const char *language)
{
  guint      index = 0;
  GtkWidget *tab;

  g_return_if_fail (CANDOR_IS_FIELD_EDITOR (self));

  if (self->languages == NULL)
    return;
  if (language != NULL && !g_strv_contains ((const char *const *)self->languages, language))
    return;

  while (language != NULL && !g_str_equal (self->languages[index], language))
    index++;
  tab = gtk_widget_get_first_child (GTK_WIDGET (self->language_tabs));
  for (guint i = 0; i < index; i++)
    tab = gtk_widget_get_next_sibling (tab);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (tab), TRUE);
}

/* The language of the text in view: the primary one until a tab is chosen. */
const char *
candor_field_editor_get_shown_language (CandorFieldEditor *self)
{
  g_return_val_if_fail (CANDOR_IS_FIELD_EDITOR (self), NULL);

  return self->languages != NULL ? self->languages[self->shown] : NULL;
}

/* Whether the text in view is a translation marked possibly out of date. */
gboolean
candor_field_editor_get_outdated_shown (CandorFieldEditor *self)
{
  g_return_val_if_fail (CANDOR_IS_FIELD_EDITOR (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self->outdated_box));
}

CandorTextSpell *
candor_field_editor_get_spell (CandorFieldEditor *self)
{
  g_return_val_if_fail (CANDOR_IS_FIELD_EDITOR (self), NULL);

  return self->spell;
}

/* Forgets what the field could undo: after a template, Ctrl+Z there takes
 * the whole template back instead. */
void
candor_field_editor_forget_undo (CandorFieldEditor *self)
{
  g_return_if_fail (CANDOR_IS_FIELD_EDITOR (self));

  gtk_text_buffer_begin_irreversible_action (get_buffer (self));
  gtk_text_buffer_end_irreversible_action (get_buffer (self));
}

/* How many placeholders the field draws as such (for tests). */
guint
candor_field_editor_get_n_placeholders (CandorFieldEditor *self)
{
  GtkTextIter iter;
  guint       n = 0;

  g_return_val_if_fail (CANDOR_IS_FIELD_EDITOR (self), 0);

  gtk_text_buffer_get_start_iter (get_buffer (self), &iter);
  do
    if (gtk_text_iter_starts_tag (&iter, self->placeholder_tag))
      n++;
  while (gtk_text_iter_forward_to_tag_toggle (&iter, self->placeholder_tag));

  return n;
}
