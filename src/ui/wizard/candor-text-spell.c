/* candor-text-spell.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-text-spell"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "candor-text-spell.h"

#define CHUNK_USEC      1000 /* at most this long per idle step */
#define MAX_SUGGESTIONS 5

struct _CandorTextSpell
{
  GObject parent_instance;

  GtkTextView        *view; /* weak */
  GtkTextBuffer      *buffer;
  CandorSpellChecker *checker;
  char               *language;
  gboolean            enabled;

  GtkTextTag *misspelled; /* what the reader sees */
  GtkTextTag *unchecked;  /* what is still to check; invisible */

  guint    idle_id;
  gboolean in_insert; /* the insert mark moves because text goes in */
  gboolean typing;    /* the word at the cursor is being typed */

  GMenu              *menu;
  GMenu              *suggestions_section;
  GSimpleActionGroup *actions;
  GtkTextMark        *word_start; /* the word the menu is about */
  GtkTextMark        *word_end;
  char               *word;
};

G_DEFINE_FINAL_TYPE (CandorTextSpell, candor_text_spell, G_TYPE_OBJECT)

static void queue_check (CandorTextSpell *self);

/* Words are Pango's, as GtkTextIter sees them. */
static void
extend_to_words (GtkTextIter *start, GtkTextIter *end)
{
  if (gtk_text_iter_inside_word (start) && !gtk_text_iter_starts_word (start))
    gtk_text_iter_backward_word_start (start);
  if (gtk_text_iter_inside_word (end) || gtk_text_iter_ends_word (end))
    {
      if (!gtk_text_iter_ends_word (end))
        gtk_text_iter_forward_word_end (end);
    }
}

static void
mark_unchecked (CandorTextSpell *self, GtkTextIter *start, GtkTextIter *end)
{
  GtkTextIter s = *start, e = *end;

  /* The word before and after an edit may have become another. */
  gtk_text_iter_backward_char (&s);
  gtk_text_iter_forward_char (&e);
  extend_to_words (&s, &e);
  gtk_text_buffer_apply_tag (self->buffer, self->unchecked, &s, &e);
  queue_check (self);
}

static void
mark_all_unchecked (CandorTextSpell *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  if (!self->enabled || self->language == NULL)
    {
      gtk_text_buffer_remove_tag (self->buffer, self->misspelled, &start, &end);
      gtk_text_buffer_remove_tag (self->buffer, self->unchecked, &start, &end);
      return;
    }
  gtk_text_buffer_apply_tag (self->buffer, self->unchecked, &start, &end);
  queue_check (self);
}

/* Not words for a dictionary: a {{variable}}, a link, an address. */
static gboolean
in_markup (const GtkTextIter *word_start, const GtkTextIter *word_end)
{
  GtkTextIter      start = *word_start, end = *word_end;
  g_autofree char *token = NULL;

  while (!gtk_text_iter_starts_line (&start))
    {
      gtk_text_iter_backward_char (&start);
      if (g_unichar_isspace (gtk_text_iter_get_char (&start)))
        {
          gtk_text_iter_forward_char (&start);
          break;
        }
    }
  while (!gtk_text_iter_ends_line (&end) && !g_unichar_isspace (gtk_text_iter_get_char (&end)))
    gtk_text_iter_forward_char (&end);

  token = gtk_text_iter_get_slice (&start, &end);
  if (strstr (token, "{{") != NULL || strstr (token, "}}") != NULL ||
      strstr (token, "://") != NULL || strchr (token, '@') != NULL ||
      g_str_has_prefix (token, "www.") || g_str_has_prefix (token, "`"))
    return TRUE;

  /* "{{ name }}": the token before is "{{". */
  for (guint i = 0; i < 3 && gtk_text_iter_backward_char (&start); i++)
    if (gtk_text_iter_get_char (&start) == '{')
      return TRUE;

  return FALSE;
}

/* Checks the words from @start on, until @limit or the time is up; returns
 * where it stopped. */
static void
check_range (CandorTextSpell *self, GtkTextIter *start, const GtkTextIter *limit, gint64 deadline)
{
  GtkTextIter insert, word_start, word_end;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &insert,
                                    gtk_text_buffer_get_insert (self->buffer));

  word_start = *start;
  if (!gtk_text_iter_starts_word (&word_start))
    {
      if (gtk_text_iter_inside_word (&word_start))
        gtk_text_iter_backward_word_start (&word_start);
      else if (!gtk_text_iter_forward_word_end (&word_start) ||
               !gtk_text_iter_backward_word_start (&word_start))
        {
          *start = *limit;
          return;
        }
    }

  while (gtk_text_iter_compare (&word_start, limit) < 0)
    {
      g_autofree char *word = NULL;
      gboolean         at_cursor;

      word_end = word_start;
      if (!gtk_text_iter_forward_word_end (&word_end))
        break;

      at_cursor = self->typing && gtk_text_iter_in_range (&insert, &word_start, &word_end);
      at_cursor = at_cursor || (self->typing && gtk_text_iter_equal (&insert, &word_end));
      word = gtk_text_iter_get_slice (&word_start, &word_end);

      gtk_text_buffer_remove_tag (self->buffer, self->misspelled, &word_start, &word_end);
      if (at_cursor)
        {
          /* Being typed: checked once the cursor leaves it. */
          *start = word_end;
          gtk_text_buffer_apply_tag (self->buffer, self->unchecked, &word_start, &word_end);
        }
      else
        {
          if (!in_markup (&word_start, &word_end) &&
              !candor_spell_checker_check_word (self->checker, self->language, word, -1))
            gtk_text_buffer_apply_tag (self->buffer, self->misspelled, &word_start, &word_end);
          gtk_text_buffer_remove_tag (self->buffer, self->unchecked, start, &word_end);
          *start = word_end;
        }

      if (g_get_monotonic_time () >= deadline)
        return;

      /* The next word's start; none means the rest is checked. */
      if (!gtk_text_iter_forward_word_end (&word_end) ||
          !gtk_text_iter_backward_word_start (&word_end))
        break;
      if (gtk_text_iter_compare (&word_end, &word_start) <= 0)
        break;
      word_start = word_end;
    }

  /* No more words up to @limit: nothing there to check. */
  if (gtk_text_iter_compare (start, limit) < 0)
    {
      GtkTextIter end = *limit;

      if (!(self->typing && gtk_text_iter_in_range (&insert, start, &end)))
        gtk_text_buffer_remove_tag (self->buffer, self->unchecked, start, &end);
    }
  *start = *limit;
}

/* The next stretch still to check, from @from on; FALSE when none. */
static gboolean
next_unchecked (CandorTextSpell   *self,
                const GtkTextIter *from,
                GtkTextIter       *start,
                GtkTextIter       *end)
{
  *start = *from;
  if (!gtk_text_iter_has_tag (start, self->unchecked) &&
      !gtk_text_iter_forward_to_tag_toggle (start, self->unchecked))
    return FALSE;
  if (!gtk_text_iter_has_tag (start, self->unchecked))
    return FALSE;
  *end = *start;
  gtk_text_iter_forward_to_tag_toggle (end, self->unchecked);
  return TRUE;
}

/* One idle step: the visible part first, then the rest. Returns whether
 * the time ran out before the end. */
static gboolean
check_some (CandorTextSpell *self, gint64 deadline)
{
  GtkTextIter  from, start, end, buffer_start;
  GdkRectangle visible;

  if (!self->enabled || self->language == NULL ||
      !candor_spell_checker_ensure (self->checker, self->language))
    return FALSE;

  gtk_text_buffer_get_start_iter (self->buffer, &buffer_start);
  from = buffer_start;
  if (self->view != NULL && gtk_widget_get_mapped (GTK_WIDGET (self->view)))
    {
      gtk_text_view_get_visible_rect (self->view, &visible);
      gtk_text_view_get_line_at_y (self->view, &from, visible.y, NULL);
    }

  for (guint pass = 0; pass < 2; pass++)
    {
      GtkTextIter cursor = pass == 0 ? from : buffer_start;

      while (next_unchecked (self, &cursor, &start, &end))
        {
          GtkTextIter resume = start;

          check_range (self, &resume, &end, deadline);
          if (g_get_monotonic_time () >= deadline)
            return TRUE;
          if (gtk_text_iter_compare (&resume, &cursor) <= 0)
            break;
          cursor = resume;
        }
    }

  /* What is left is the word being typed: the cursor leaving it brings the
   * check back. */
  return FALSE;
}

static gboolean
check_idle_cb (gpointer data)
{
  CandorTextSpell *self = data;

  if (check_some (self, g_get_monotonic_time () + CHUNK_USEC))
    return G_SOURCE_CONTINUE;

  self->idle_id = 0;
  return G_SOURCE_REMOVE;
}

static void
queue_check (CandorTextSpell *self)
{
  if (self->idle_id != 0 || !self->enabled || self->language == NULL)
    return;

  /* After drawing and input: the keystroke's frame comes first. */
  self->idle_id = g_idle_add_full (G_PRIORITY_LOW, check_idle_cb, self, NULL);
}

static void
on_insert_text_before_cb (CandorTextSpell *self, GtkTextIter *location, char *text, int length)
{
  self->in_insert = TRUE;
}

static void
on_insert_text_after_cb (CandorTextSpell *self,
                         GtkTextIter     *location,
                         char            *text,
                         int              length,
                         GtkTextBuffer   *buffer)
{
  GtkTextIter start = *location;

  self->in_insert = FALSE;
  if (!self->enabled || self->language == NULL)
    return;

  /* Typing a letter goes on with a word; anything else ends it. */
  self->typing =
    length > 0 && g_unichar_isalpha (g_utf8_get_char (text)) && g_utf8_strlen (text, length) == 1;
  gtk_text_iter_backward_chars (&start, g_utf8_strlen (text, length));
  mark_unchecked (self, &start, location);
}

static void
on_delete_range_after_cb (CandorTextSpell *self,
                          GtkTextIter     *start,
                          GtkTextIter     *end,
                          GtkTextBuffer   *buffer)
{
  if (!self->enabled || self->language == NULL)
    return;

  self->typing = TRUE;
  mark_unchecked (self, start, end);
}

static void
on_mark_set_cb (CandorTextSpell *self,
                GtkTextIter     *location,
                GtkTextMark     *mark,
                GtkTextBuffer   *buffer)
{
  if (mark != gtk_text_buffer_get_insert (buffer) || self->in_insert || !self->typing)
    return;

  /* The cursor left the word being typed: it can be checked now. */
  self->typing = FALSE;
  queue_check (self);
}

static void
on_dictionary_loaded_cb (CandorTextSpell *self, const char *language, CandorSpellChecker *checker)
{
  if (g_strcmp0 (language, self->language) == 0)
    mark_all_unchecked (self);
}

/* The context menu */

static void
get_word_bounds (CandorTextSpell *self, GtkTextIter *start, GtkTextIter *end)
{
  gtk_text_buffer_get_iter_at_mark (self->buffer, start, self->word_start);
  gtk_text_buffer_get_iter_at_mark (self->buffer, end, self->word_end);
}

static void
replace_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  CandorTextSpell *self = user_data;
  GtkTextIter      start, end;
  const char      *replacement = g_variant_get_string (parameter, NULL);

  get_word_bounds (self, &start, &end);
  if (self->word == NULL || gtk_text_iter_equal (&start, &end))
    return;

  /* One undo step takes the correction back. */
  gtk_text_buffer_begin_user_action (self->buffer);
  gtk_text_buffer_delete (self->buffer, &start, &end);
  gtk_text_buffer_insert (self->buffer, &start, replacement, -1);
  gtk_text_buffer_end_user_action (self->buffer);
  self->typing = FALSE;
  queue_check (self);
}

static void
add_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  CandorTextSpell *self = user_data;

  if (self->word == NULL)
    return;

  candor_spell_checker_add_word (self->checker, self->language, self->word);
  mark_all_unchecked (self);
}

static void
ignore_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  CandorTextSpell *self = user_data;

  if (self->word == NULL)
    return;

  candor_spell_checker_ignore_word (self->checker, self->language, self->word);
  mark_all_unchecked (self);
}

static void
set_actions_enabled (CandorTextSpell *self, gboolean enabled)
{
  const char *names[] = { "replace", "add", "ignore" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_simple_action_set_enabled (
      G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions), names[i])),
      enabled);
}

void
candor_text_spell_update_menu_at (CandorTextSpell *self, const GtkTextIter *iter)
{
  GtkTextIter start = *iter, end = *iter;

  g_return_if_fail (CANDOR_IS_TEXT_SPELL (self));

  g_menu_remove_all (self->menu);
  g_menu_remove_all (self->suggestions_section);
  g_clear_pointer (&self->word, g_free);
  set_actions_enabled (self, FALSE);

  if (!gtk_text_iter_has_tag (&start, self->misspelled) &&
      !(gtk_text_iter_ends_tag (&start, self->misspelled)))
    return;

  if (!gtk_text_iter_starts_tag (&start, self->misspelled))
    gtk_text_iter_backward_to_tag_toggle (&start, self->misspelled);
  if (!gtk_text_iter_ends_tag (&end, self->misspelled))
    gtk_text_iter_forward_to_tag_toggle (&end, self->misspelled);

  self->word = gtk_text_iter_get_slice (&start, &end);
  gtk_text_buffer_move_mark (self->buffer, self->word_start, &start);
  gtk_text_buffer_move_mark (self->buffer, self->word_end, &end);
  set_actions_enabled (self, TRUE);

  {
    g_auto (GStrv) suggestions =
      candor_spell_checker_suggest (self->checker, self->language, self->word, MAX_SUGGESTIONS);
    g_autofree char *add_label = NULL;

    for (guint i = 0; suggestions[i] != NULL; i++)
      {
        g_autoptr (GMenuItem) item = g_menu_item_new (suggestions[i], NULL);

        g_menu_item_set_action_and_target_value (item, "spell.replace",
                                                 g_variant_new_string (suggestions[i]));
        g_menu_append_item (self->suggestions_section, item);
      }
    if (suggestions[0] == NULL)
      {
        g_autoptr (GMenuItem) item = g_menu_item_new (_("No Suggestions"), "spell.none");

        g_menu_append_item (self->suggestions_section, item);
      }
    g_menu_append_section (self->menu, NULL, G_MENU_MODEL (self->suggestions_section));

    /* Translators: %s is the misspelled word */
    add_label = g_strdup_printf (_("_Add “%s” to Dictionary"), self->word);
    {
      g_autoptr (GMenu) section = g_menu_new ();

      g_menu_append (section, add_label, "spell.add");
      g_menu_append (section, _("_Ignore"), "spell.ignore");
      g_menu_append_section (self->menu, NULL, G_MENU_MODEL (section));
    }
  }
}

/* A right click: the menu is about the word under the pointer, which the
 * cursor moves to unless it is in the selection. */
static void
on_secondary_pressed_cb (GtkGestureClick *gesture, int n_press, double x, double y, gpointer data)
{
  CandorTextSpell *self = data;
  GtkTextIter      iter, sel_start, sel_end;
  int              bx, by;

  if (self->view == NULL)
    return;

  gtk_text_view_window_to_buffer_coords (self->view, GTK_TEXT_WINDOW_WIDGET, (int)x, (int)y, &bx,
                                         &by);
  gtk_text_view_get_iter_at_location (self->view, &iter, bx, by);
  if (!gtk_text_buffer_get_selection_bounds (self->buffer, &sel_start, &sel_end) ||
      !gtk_text_iter_in_range (&iter, &sel_start, &sel_end))
    gtk_text_buffer_place_cursor (self->buffer, &iter);
  candor_text_spell_update_menu_at (self, &iter);
}

/* The Menu key or Shift+F10: about the word at the cursor. */
static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   gpointer               data)
{
  CandorTextSpell *self = data;
  GtkTextIter      iter;

  if (keyval == GDK_KEY_Menu || (keyval == GDK_KEY_F10 && (state & GDK_SHIFT_MASK)))
    {
      gtk_text_buffer_get_iter_at_mark (self->buffer, &iter,
                                        gtk_text_buffer_get_insert (self->buffer));
      candor_text_spell_update_menu_at (self, &iter);
    }

  return FALSE;
}

static void
candor_text_spell_dispose (GObject *object)
{
  CandorTextSpell *self = CANDOR_TEXT_SPELL (object);

  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (self->buffer != NULL)
    g_signal_handlers_disconnect_by_data (self->buffer, self);
  if (self->checker != NULL)
    g_signal_handlers_disconnect_by_data (self->checker, self);
  if (self->view != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->view), (gpointer *)&self->view);
      self->view = NULL;
    }
  g_clear_object (&self->buffer);
  g_clear_object (&self->checker);
  g_clear_object (&self->menu);
  g_clear_object (&self->suggestions_section);
  g_clear_object (&self->actions);

  G_OBJECT_CLASS (candor_text_spell_parent_class)->dispose (object);
}

static void
candor_text_spell_finalize (GObject *object)
{
  CandorTextSpell *self = CANDOR_TEXT_SPELL (object);

  g_free (self->language);
  g_free (self->word);

  G_OBJECT_CLASS (candor_text_spell_parent_class)->finalize (object);
}

static void
candor_text_spell_class_init (CandorTextSpellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = candor_text_spell_dispose;
  object_class->finalize = candor_text_spell_finalize;
}

static void
candor_text_spell_init (CandorTextSpell *self)
{
  static const GActionEntry entries[] = {
    { "replace", replace_action_cb, "s", NULL, NULL, { 0 } },
    { "add", add_action_cb, NULL, NULL, NULL, { 0 } },
    { "ignore", ignore_action_cb, NULL, NULL, NULL, { 0 } },
  };

  self->enabled = TRUE;
  self->menu = g_menu_new ();
  self->suggestions_section = g_menu_new ();
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), entries, G_N_ELEMENTS (entries),
                                   self);
  set_actions_enabled (self, FALSE);
}

CandorTextSpell *
candor_text_spell_new (GtkTextView *view, CandorSpellChecker *checker)
{
  CandorTextSpell    *self;
  GtkGesture         *click;
  GtkEventController *keys;
  GdkRGBA             red;
  GtkTextIter         start;

  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);
  g_return_val_if_fail (CANDOR_IS_SPELL_CHECKER (checker), NULL);

  self = g_object_new (CANDOR_TYPE_TEXT_SPELL, NULL);
  self->view = view;
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *)&self->view);
  self->buffer = g_object_ref (gtk_text_view_get_buffer (view));
  self->checker = g_object_ref (checker);

  gdk_rgba_parse (&red, "#e01b24");
  self->misspelled = gtk_text_buffer_create_tag (
    self->buffer, NULL, "underline", PANGO_UNDERLINE_ERROR, "underline-rgba", &red, NULL);
  self->unchecked = gtk_text_buffer_create_tag (self->buffer, NULL, NULL);
  gtk_text_buffer_get_start_iter (self->buffer, &start);
  self->word_start = gtk_text_buffer_create_mark (self->buffer, NULL, &start, TRUE);
  self->word_end = gtk_text_buffer_create_mark (self->buffer, NULL, &start, FALSE);

  g_signal_connect_object (self->buffer, "insert-text", G_CALLBACK (on_insert_text_before_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->buffer, "insert-text", G_CALLBACK (on_insert_text_after_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->buffer, "delete-range", G_CALLBACK (on_delete_range_after_cb),
                           self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->buffer, "mark-set", G_CALLBACK (on_mark_set_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (checker, "dictionary-loaded", G_CALLBACK (on_dictionary_loaded_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_widget_insert_action_group (GTK_WIDGET (view), "spell", G_ACTION_GROUP (self->actions));
  gtk_text_view_set_extra_menu (view, G_MENU_MODEL (self->menu));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_secondary_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (view), GTK_EVENT_CONTROLLER (click));

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (view), keys);

  return self;
}

void
candor_text_spell_set_language (CandorTextSpell *self, const char *language)
{
  g_return_if_fail (CANDOR_IS_TEXT_SPELL (self));

  if (language != NULL && *language == '\0')
    language = NULL;
  if (g_strcmp0 (self->language, language) == 0)
    return;

  g_free (self->language);
  self->language = g_strdup (language);
  if (language != NULL)
    candor_spell_checker_ensure (self->checker, language);
  mark_all_unchecked (self);
}

const char *
candor_text_spell_get_language (CandorTextSpell *self)
{
  g_return_val_if_fail (CANDOR_IS_TEXT_SPELL (self), NULL);

  return self->language;
}

void
candor_text_spell_set_enabled (CandorTextSpell *self, gboolean enabled)
{
  g_return_if_fail (CANDOR_IS_TEXT_SPELL (self));

  self->enabled = !!enabled;
  mark_all_unchecked (self);
}

gboolean
candor_text_spell_get_idle (CandorTextSpell *self)
{
  g_return_val_if_fail (CANDOR_IS_TEXT_SPELL (self), TRUE);

  return self->idle_id == 0;
}

void
candor_text_spell_check_now (CandorTextSpell *self)
{
  g_return_if_fail (CANDOR_IS_TEXT_SPELL (self));

  self->typing = FALSE;
  if (check_some (self, G_MAXINT64))
    return;
  g_clear_handle_id (&self->idle_id, g_source_remove);
}

GStrv
candor_text_spell_dup_misspelled (CandorTextSpell *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  GtkTextIter start, end;

  g_return_val_if_fail (CANDOR_IS_TEXT_SPELL (self), NULL);

  gtk_text_buffer_get_start_iter (self->buffer, &start);
  for (;;)
    {
      if (!gtk_text_iter_starts_tag (&start, self->misspelled) &&
          !gtk_text_iter_forward_to_tag_toggle (&start, self->misspelled))
        break;
      if (!gtk_text_iter_starts_tag (&start, self->misspelled))
        continue;
      end = start;
      gtk_text_iter_forward_to_tag_toggle (&end, self->misspelled);
      {
        g_autofree char *word = gtk_text_iter_get_slice (&start, &end);

        g_strv_builder_add (builder, word);
      }
      start = end;
    }

  return g_strv_builder_end (builder);
}

GMenuModel *
candor_text_spell_get_menu (CandorTextSpell *self)
{
  g_return_val_if_fail (CANDOR_IS_TEXT_SPELL (self), NULL);

  return G_MENU_MODEL (self->menu);
}

GtkTextTag *
candor_text_spell_get_tag (CandorTextSpell *self)
{
  g_return_val_if_fail (CANDOR_IS_TEXT_SPELL (self), NULL);

  return self->misspelled;
}
