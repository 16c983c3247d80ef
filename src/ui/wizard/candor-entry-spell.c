/* candor-entry-spell.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-entry-spell"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "candor-entry-spell.h"

#define MAX_SUGGESTIONS 5

struct _CandorEntrySpell
{
  GObject parent_instance;

  AdwEntryRow        *row;  /* weak */
  GtkWidget          *text; /* the row's GtkText, weak */
  CandorSpellChecker *checker;
  char               *language;
  guint               idle_id;
  gboolean            typing;
  GArray             *spans; /* misspelled byte ranges, pairs of int */

  GMenu              *menu;
  GSimpleActionGroup *actions;
  int                 word_start; /* bytes: the word the menu is about */
  int                 word_end;
  char               *word;
};

G_DEFINE_FINAL_TYPE (CandorEntrySpell, candor_entry_spell, G_TYPE_OBJECT)

typedef struct
{
  int start, end; /* bytes */
} Span;

/* Calls @func for each word of @text (Pango's word boundaries). */
static void
for_each_word (const char *text,
               void (*func) (const char *text, int start, int end, gpointer data),
               gpointer data)
{
  int           n_chars = g_utf8_strlen (text, -1);
  PangoLogAttr *attrs = g_new0 (PangoLogAttr, n_chars + 1);
  int           word_start = -1;

  pango_get_log_attrs (text, -1, -1, pango_language_get_default (), attrs, n_chars + 1);
  for (int i = 0; i <= n_chars; i++)
    {
      if (attrs[i].is_word_start && word_start < 0)
        word_start = i;
      if (attrs[i].is_word_end && word_start >= 0)
        {
          const char *s = g_utf8_offset_to_pointer (text, word_start);
          const char *e = g_utf8_offset_to_pointer (text, i);

          func (text, s - text, e - text, data);
          word_start = attrs[i].is_word_start ? i : -1;
        }
    }
  g_free (attrs);
}

static gboolean
is_markup_word (const char *text, int start, int end)
{
  /* {{variables}}, links and addresses are not words. */
  int s = start, e = end;

  while (s > 0 && !g_ascii_isspace (text[s - 1]))
    s--;
  while (text[e] != '\0' && !g_ascii_isspace (text[e]))
    e++;
  {
    g_autofree char *token = g_strndup (text + s, e - s);

    return strstr (token, "{{") != NULL || strstr (token, "}}") != NULL ||
           strstr (token, "://") != NULL || strchr (token, '@') != NULL;
  }
}

typedef struct
{
  CandorEntrySpell *self;
  int               cursor; /* bytes, -1 when not typing */
} CheckData;

static void
check_word_cb (const char *text, int start, int end, gpointer data)
{
  CheckData *check = data;
  Span       span = { start, end };

  if (check->cursor >= start && check->cursor <= end)
    return;
  if (is_markup_word (text, start, end) ||
      candor_spell_checker_check_word (check->self->checker, check->self->language, text + start,
                                       end - start))
    return;
  g_array_append_val (check->self->spans, span);
}

static void
apply (CandorEntrySpell *self)
{
  PangoAttrList *attrs = pango_attr_list_new ();

  for (guint i = 0; i < self->spans->len; i++)
    {
      Span           *span = &g_array_index (self->spans, Span, i);
      PangoAttribute *underline = pango_attr_underline_new (PANGO_UNDERLINE_ERROR);
      PangoAttribute *color = pango_attr_underline_color_new (0xe0e0, 0x1b1b, 0x2424);

      underline->start_index = color->start_index = span->start;
      underline->end_index = color->end_index = span->end;
      pango_attr_list_insert (attrs, underline);
      pango_attr_list_insert (attrs, color);
    }

  if (self->row != NULL)
    adw_entry_row_set_attributes (self->row, attrs);
  pango_attr_list_unref (attrs);
}

static void
check (CandorEntrySpell *self)
{
  const char *text;
  CheckData   data = { self, -1 };

  g_array_set_size (self->spans, 0);
  if (self->row == NULL)
    return;

  if (self->language != NULL && candor_spell_checker_ensure (self->checker, self->language))
    {
      text = gtk_editable_get_text (GTK_EDITABLE (self->row));
      if (self->typing)
        data.cursor =
          g_utf8_offset_to_pointer (text, gtk_editable_get_position (GTK_EDITABLE (self->row))) -
          text;
      for_each_word (text, check_word_cb, &data);
    }
  apply (self);
}

static gboolean
check_idle_cb (gpointer data)
{
  CandorEntrySpell *self = data;

  self->idle_id = 0;
  check (self);
  return G_SOURCE_REMOVE;
}

static void
queue_check (CandorEntrySpell *self)
{
  if (self->idle_id == 0)
    self->idle_id = g_idle_add_full (G_PRIORITY_LOW, check_idle_cb, self, NULL);
}

static void
on_changed_cb (CandorEntrySpell *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->row));
  int         position = gtk_editable_get_position (GTK_EDITABLE (self->row));
  const char *at = g_utf8_offset_to_pointer (text, MAX (position, 0));

  /* A letter before the cursor: a word is being typed. */
  self->typing = position > 0 && g_unichar_isalpha (g_utf8_get_char (g_utf8_prev_char (at)));
  /* The underlines belong to the old text until the check. */
  g_array_set_size (self->spans, 0);
  apply (self);
  queue_check (self);
}

static void
on_position_cb (CandorEntrySpell *self)
{
  if (!self->typing)
    return;
  self->typing = FALSE;
  queue_check (self);
}

static void
on_dictionary_loaded_cb (CandorEntrySpell *self, const char *language)
{
  if (g_strcmp0 (language, self->language) == 0)
    queue_check (self);
}

static void
replace_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  CandorEntrySpell *self = user_data;
  const char       *text;
  int               start, end;

  if (self->row == NULL || self->word == NULL)
    return;

  text = gtk_editable_get_text (GTK_EDITABLE (self->row));
  start = g_utf8_pointer_to_offset (text, text + self->word_start);
  end = g_utf8_pointer_to_offset (text, text + self->word_end);
  gtk_editable_delete_text (GTK_EDITABLE (self->row), start, end);
  gtk_editable_insert_text (GTK_EDITABLE (self->row), g_variant_get_string (parameter, NULL), -1,
                            &start);
  self->typing = FALSE;
  queue_check (self);
}

static void
add_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  CandorEntrySpell *self = user_data;

  if (self->word != NULL)
    candor_spell_checker_add_word (self->checker, self->language, self->word);
  queue_check (self);
}

static void
ignore_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  CandorEntrySpell *self = user_data;

  if (self->word != NULL)
    candor_spell_checker_ignore_word (self->checker, self->language, self->word);
  queue_check (self);
}

void
candor_entry_spell_update_menu (CandorEntrySpell *self)
{
  const char *text;
  int         cursor;

  g_return_if_fail (CANDOR_IS_ENTRY_SPELL (self));

  g_menu_remove_all (self->menu);
  g_clear_pointer (&self->word, g_free);
  if (self->row == NULL)
    return;

  text = gtk_editable_get_text (GTK_EDITABLE (self->row));
  cursor =
    g_utf8_offset_to_pointer (text, gtk_editable_get_position (GTK_EDITABLE (self->row))) - text;
  for (guint i = 0; i < self->spans->len; i++)
    {
      Span *span = &g_array_index (self->spans, Span, i);

      if (cursor >= span->start && cursor <= span->end)
        {
          self->word = g_strndup (text + span->start, span->end - span->start);
          self->word_start = span->start;
          self->word_end = span->end;
        }
    }
  if (self->word == NULL)
    return;

  {
    g_auto (GStrv) suggestions =
      candor_spell_checker_suggest (self->checker, self->language, self->word, MAX_SUGGESTIONS);
    g_autoptr (GMenu) suggestions_section = g_menu_new ();
    g_autoptr (GMenu) section = g_menu_new ();
    /* Translators: %s is the misspelled word */
    g_autofree char *add_label = g_strdup_printf (_("_Add “%s” to Dictionary"), self->word);

    for (guint i = 0; suggestions[i] != NULL; i++)
      {
        g_autoptr (GMenuItem) item = g_menu_item_new (suggestions[i], NULL);

        g_menu_item_set_action_and_target_value (item, "spell.replace",
                                                 g_variant_new_string (suggestions[i]));
        g_menu_append_item (suggestions_section, item);
      }
    if (suggestions[0] == NULL)
      g_menu_append (suggestions_section, _("No Suggestions"), "spell.none");
    g_menu_append_section (self->menu, NULL, G_MENU_MODEL (suggestions_section));
    g_menu_append (section, add_label, "spell.add");
    g_menu_append (section, _("_Ignore"), "spell.ignore");
    g_menu_append_section (self->menu, NULL, G_MENU_MODEL (section));
  }
}

static void
on_secondary_pressed_cb (GtkGestureClick *gesture, int n_press, double x, double y, gpointer data)
{
  candor_entry_spell_update_menu (data);
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   gpointer               data)
{
  if (keyval == GDK_KEY_Menu || (keyval == GDK_KEY_F10 && (state & GDK_SHIFT_MASK)))
    candor_entry_spell_update_menu (data);
  return FALSE;
}

static GtkWidget *
find_text (GtkWidget *widget)
{
  if (GTK_IS_TEXT (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_text (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
candor_entry_spell_dispose (GObject *object)
{
  CandorEntrySpell *self = CANDOR_ENTRY_SPELL (object);

  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (self->row != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->row, self);
      g_object_remove_weak_pointer (G_OBJECT (self->row), (gpointer *)&self->row);
      self->row = NULL;
    }
  if (self->checker != NULL)
    g_signal_handlers_disconnect_by_data (self->checker, self);
  g_clear_object (&self->checker);
  g_clear_object (&self->menu);
  g_clear_object (&self->actions);

  G_OBJECT_CLASS (candor_entry_spell_parent_class)->dispose (object);
}

static void
candor_entry_spell_finalize (GObject *object)
{
  CandorEntrySpell *self = CANDOR_ENTRY_SPELL (object);

  g_free (self->language);
  g_free (self->word);
  g_array_unref (self->spans);

  G_OBJECT_CLASS (candor_entry_spell_parent_class)->finalize (object);
}

static void
candor_entry_spell_class_init (CandorEntrySpellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = candor_entry_spell_dispose;
  object_class->finalize = candor_entry_spell_finalize;
}

static void
candor_entry_spell_init (CandorEntrySpell *self)
{
  static const GActionEntry entries[] = {
    { "replace", replace_action_cb, "s", NULL, NULL, { 0 } },
    { "add", add_action_cb, NULL, NULL, NULL, { 0 } },
    { "ignore", ignore_action_cb, NULL, NULL, NULL, { 0 } },
  };

  self->spans = g_array_new (FALSE, FALSE, sizeof (Span));
  self->menu = g_menu_new ();
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), entries, G_N_ELEMENTS (entries),
                                   self);
}

CandorEntrySpell *
candor_entry_spell_new (AdwEntryRow *row, CandorSpellChecker *checker)
{
  CandorEntrySpell *self;

  g_return_val_if_fail (ADW_IS_ENTRY_ROW (row), NULL);
  g_return_val_if_fail (CANDOR_IS_SPELL_CHECKER (checker), NULL);

  self = g_object_new (CANDOR_TYPE_ENTRY_SPELL, NULL);
  self->row = row;
  g_object_add_weak_pointer (G_OBJECT (row), (gpointer *)&self->row);
  self->checker = g_object_ref (checker);

  g_signal_connect_object (row, "changed", G_CALLBACK (on_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "notify::cursor-position", G_CALLBACK (on_position_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (checker, "dictionary-loaded", G_CALLBACK (on_dictionary_loaded_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_widget_insert_action_group (GTK_WIDGET (row), "spell", G_ACTION_GROUP (self->actions));
  if ((self->text = find_text (GTK_WIDGET (row))) != NULL)
    {
      GtkGesture         *click = gtk_gesture_click_new ();
      GtkEventController *keys = gtk_event_controller_key_new ();

      gtk_text_set_extra_menu (GTK_TEXT (self->text), G_MENU_MODEL (self->menu));
      gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
      gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
      g_signal_connect_object (click, "pressed", G_CALLBACK (on_secondary_pressed_cb), self, 0);
      gtk_widget_add_controller (self->text, GTK_EVENT_CONTROLLER (click));
      gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
      g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self, 0);
      gtk_widget_add_controller (self->text, keys);
    }

  return self;
}

void
candor_entry_spell_set_language (CandorEntrySpell *self, const char *language)
{
  g_return_if_fail (CANDOR_IS_ENTRY_SPELL (self));

  if (language != NULL && *language == '\0')
    language = NULL;
  if (g_strcmp0 (self->language, language) == 0)
    return;
  g_free (self->language);
  self->language = g_strdup (language);
  queue_check (self);
}

GStrv
candor_entry_spell_dup_misspelled (CandorEntrySpell *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  const char *text;

  g_return_val_if_fail (CANDOR_IS_ENTRY_SPELL (self), NULL);

  text = self->row != NULL ? gtk_editable_get_text (GTK_EDITABLE (self->row)) : "";
  for (guint i = 0; i < self->spans->len; i++)
    {
      Span            *span = &g_array_index (self->spans, Span, i);
      g_autofree char *word = g_strndup (text + span->start, span->end - span->start);

      g_strv_builder_add (builder, word);
    }
  return g_strv_builder_end (builder);
}

gboolean
candor_entry_spell_get_idle (CandorEntrySpell *self)
{
  g_return_val_if_fail (CANDOR_IS_ENTRY_SPELL (self), TRUE);

  return self->idle_id == 0;
}

GMenuModel *
candor_entry_spell_get_menu (CandorEntrySpell *self)
{
  g_return_val_if_fail (CANDOR_IS_ENTRY_SPELL (self), NULL);

  return G_MENU_MODEL (self->menu);
}
