/* test-spell.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "candor-entry-spell.h"
#include "candor-spell-checker.h"
#include "candor-test-ui.h"
#include "candor-text-spell.h"

/* Spell checking as the wizard's editors do it, with Debian's Hunspell
 * dictionaries (hunspell-en-us, hunspell-ru) through Enchant 2. */

static gboolean
has_dictionary (gpointer data)
{
  return candor_spell_checker_has_dictionary (candor_spell_checker_get_default (), data);
}

static void
wait_for_dictionary (const char *language)
{
  candor_spell_checker_ensure (candor_spell_checker_get_default (), language);
  candor_test_ui_wait_until (has_dictionary, (gpointer)language);
}

static void
test_spell_checker_words (void)
{
  CandorSpellChecker *checker = candor_spell_checker_get_default ();
  g_auto (GStrv) suggestions = NULL;

  /* Not loaded yet: nothing is called wrong, and loading does not block. */
  g_assert_true (candor_spell_checker_check_word (checker, "en", "servce", -1) ||
                 candor_spell_checker_has_dictionary (checker, "en"));

  wait_for_dictionary ("en");
  g_assert_true (candor_spell_checker_check_word (checker, "en", "service", -1));
  g_assert_false (candor_spell_checker_check_word (checker, "en", "servce", -1));
  /* Names in capitals, words with digits and single letters are left alone. */
  g_assert_true (candor_spell_checker_check_word (checker, "en", "SLAX", -1));
  g_assert_true (candor_spell_checker_check_word (checker, "en", "v2x", -1));

  suggestions = candor_spell_checker_suggest (checker, "en", "servce", 5);
  g_assert_true (g_strv_contains ((const char *const *)suggestions, "service"));

  wait_for_dictionary ("ru");
  g_assert_true (candor_spell_checker_check_word (checker, "ru", "сервис", -1));
  g_assert_false (candor_spell_checker_check_word (checker, "ru", "сирвис", -1));

  /* A language without a dictionary checks nothing. */
  g_assert_true (candor_spell_checker_check_word (checker, "xx", "qwrtzp", -1));
}

/* Enchant names the list after the dictionary's tag: en_US, or en. */
static gboolean
word_list_has (gpointer data)
{
  const char *tags[] = { "en_US", "en" };

  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s.dic", tags[i]);
      g_autofree char *path = g_build_filename (g_get_user_config_dir (), "enchant", name, NULL);
      g_autofree char *contents = NULL;

      if (g_file_get_contents (path, &contents, NULL, NULL) && strstr (contents, data) != NULL)
        return TRUE;
    }

  return FALSE;
}

static void
test_spell_checker_add_word (void)
{
  CandorSpellChecker *checker = candor_spell_checker_get_default ();
  /* A word of its own per run, as a repeated run shares the word list. */
  g_autofree char *word = g_strdup_printf ("Zeppelinco%c%c", 'a' + g_random_int_range (0, 26),
                                           'a' + g_random_int_range (0, 26));
  g_autofree char *line = g_strconcat (word, "\n", NULL);

  wait_for_dictionary ("en");
  g_assert_false (candor_spell_checker_check_word (checker, "en", word, -1));
  candor_spell_checker_add_word (checker, "en", word);
  g_assert_true (candor_spell_checker_check_word (checker, "en", word, -1));

  /* Kept for the next start, in the personal word list Enchant reads. */
  candor_test_ui_wait_until (word_list_has, line);
}

typedef struct
{
  GtkWidget       *window;
  GtkTextView     *view;
  GtkTextBuffer   *buffer;
  CandorTextSpell *spell;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  fixture->window = gtk_window_new ();
  fixture->view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (fixture->view, GTK_WRAP_WORD_CHAR);
  /* Scrolled, as a long text would be: only what is on screen is drawn. */
  {
    GtkWidget *scroller = gtk_scrolled_window_new ();

    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (fixture->view));
    gtk_window_set_child (GTK_WINDOW (fixture->window), scroller);
  }
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 600, 400);
  fixture->buffer = gtk_text_view_get_buffer (fixture->view);
  fixture->spell = candor_text_spell_new (fixture->view, candor_spell_checker_get_default ());
  gtk_window_present (GTK_WINDOW (fixture->window));
  candor_test_ui_wait_for_mapped (fixture->window);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_object_run_dispose (G_OBJECT (fixture->spell));
  g_clear_object (&fixture->spell);
  candor_test_ui_close_and_wait_for_finalize (fixture->window);
}

static gboolean
spell_is_idle (gpointer data)
{
  return candor_text_spell_get_idle (data);
}

static void
test_text_spell_underlines (Fixture *fixture, gconstpointer data)
{
  g_auto (GStrv) misspelled = NULL;

  wait_for_dictionary ("en");
  gtk_text_buffer_set_text (fixture->buffer,
                            "Teh servce is down for {{ company }} and {{incident.title}}; see "
                            "https://status.exampel.com or mail ops@exampel.com. API v2 is fine.",
                            -1);
  candor_text_spell_set_language (fixture->spell, "en");
  candor_test_ui_wait_until (spell_is_idle, fixture->spell);

  misspelled = candor_text_spell_dup_misspelled (fixture->spell);
  g_assert_cmpuint (g_strv_length (misspelled), ==, 2);
  g_assert_cmpstr (misspelled[0], ==, "Teh");
  g_assert_cmpstr (misspelled[1], ==, "servce");

  /* The incident's language changes: the text is checked in Russian. */
  wait_for_dictionary ("ru");
  gtk_text_buffer_set_text (fixture->buffer, "Сирвис не работает.", -1);
  candor_text_spell_set_language (fixture->spell, "ru");
  candor_test_ui_wait_until (spell_is_idle, fixture->spell);
  g_strfreev (misspelled);
  misspelled = candor_text_spell_dup_misspelled (fixture->spell);
  g_assert_cmpuint (g_strv_length (misspelled), ==, 1);
  g_assert_cmpstr (misspelled[0], ==, "Сирвис");
}

static gboolean
menu_has_item (GMenuModel *menu, const char *action, const char *target)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr (GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      g_autofree char *item_action = NULL;
      g_autofree char *item_target = NULL;

      if (section != NULL && menu_has_item (section, action, target))
        return TRUE;
      if (!g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &item_action) ||
          g_strcmp0 (item_action, action) != 0)
        continue;
      if (target == NULL)
        return TRUE;
      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_TARGET, "s", &item_target) &&
          g_strcmp0 (item_target, target) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
test_text_spell_menu (Fixture *fixture, gconstpointer data)
{
  GMenuModel      *menu = candor_text_spell_get_menu (fixture->spell);
  GtkTextIter      iter;
  g_autofree char *text = NULL;
  g_auto (GStrv) misspelled = NULL;

  wait_for_dictionary ("en");
  gtk_text_buffer_set_text (fixture->buffer, "The servce is down. Zorblax helps.", -1);
  candor_text_spell_set_language (fixture->spell, "en");
  candor_test_ui_wait_until (spell_is_idle, fixture->spell);

  /* On a correct word the menu has nothing of spelling. */
  gtk_text_buffer_get_iter_at_offset (fixture->buffer, &iter, 1);
  candor_text_spell_update_menu_at (fixture->spell, &iter);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 0);

  /* On "servce": suggestions, Add to Dictionary, Ignore. */
  gtk_text_buffer_get_iter_at_offset (fixture->buffer, &iter, 6);
  candor_text_spell_update_menu_at (fixture->spell, &iter);
  g_assert_true (menu_has_item (menu, "spell.replace", "service"));
  g_assert_true (menu_has_item (menu, "spell.add", NULL));
  g_assert_true (menu_has_item (menu, "spell.ignore", NULL));

  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "spell.replace", "s", "service");
  g_object_get (fixture->buffer, "text", &text, NULL);
  g_assert_cmpstr (text, ==, "The service is down. Zorblax helps.");

  /* "Add to Dictionary" on "Zorblax": no longer underlined. */
  candor_test_ui_wait_until (spell_is_idle, fixture->spell);
  gtk_text_buffer_get_iter_at_offset (fixture->buffer, &iter, 22);
  candor_text_spell_update_menu_at (fixture->spell, &iter);
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "spell.add", NULL);
  candor_test_ui_wait_until (spell_is_idle, fixture->spell);
  misspelled = candor_text_spell_dup_misspelled (fixture->spell);
  g_assert_cmpuint (g_strv_length (misspelled), ==, 0);
}

/* The word being typed is not underlined half-way; once it is done it is. */
static void
test_text_spell_typing (Fixture *fixture, gconstpointer data)
{
  const char *typed = "The servce ";
  GtkTextIter end;
  g_auto (GStrv) misspelled = NULL;

  wait_for_dictionary ("en");
  candor_text_spell_set_language (fixture->spell, "en");
  for (const char *p = typed; *p != '\0'; p++)
    {
      gtk_text_buffer_get_end_iter (fixture->buffer, &end);
      gtk_text_buffer_insert (fixture->buffer, &end, p, 1);
      if (*p == 'c')
        {
          /* "servc" is being typed: not called wrong yet. */
          candor_test_ui_wait_until (spell_is_idle, fixture->spell);
          misspelled = candor_text_spell_dup_misspelled (fixture->spell);
          g_assert_cmpuint (g_strv_length (misspelled), ==, 0);
          g_clear_pointer (&misspelled, g_strfreev);
        }
    }
  candor_test_ui_wait_until (spell_is_idle, fixture->spell);
  misspelled = candor_text_spell_dup_misspelled (fixture->spell);
  g_assert_cmpuint (g_strv_length (misspelled), ==, 1);
  g_assert_cmpstr (misspelled[0], ==, "servce");
}

/* What checking costs while typing: each keystroke's handlers, and the
 * longest idle step of checking, over 1000 keystrokes into a text that has
 * 200 paragraphs already (checked before typing starts). */
#define N_KEYSTROKES 1000
static void
test_text_spell_keystroke_cost (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GString) text = g_string_new (NULL);
  const char *sample = "We are investigating elevated errors on the paymnet API. ";
  gint64      keystroke_total = 0, keystroke_max = 0, idle_max = 0;
  GtkTextIter end;

#ifdef __SANITIZE_ADDRESS__
  /* A cost in microseconds means nothing when every call runs ten times slower. */
  g_test_skip ("timing: AddressSanitizer slows checking too much to measure it");
  return;
#endif

  wait_for_dictionary ("en");
  for (guint i = 0; i < 200; i++)
    g_string_append_printf (text, "%s%s%s\n", sample, sample, sample);
  gtk_text_buffer_set_text (fixture->buffer, text->str, -1);
  candor_text_spell_set_language (fixture->spell, "en");
  candor_text_spell_check_now (fixture->spell);
  candor_test_ui_wait_until (spell_is_idle, fixture->spell);
  if (data != NULL)
    candor_text_spell_set_enabled (fixture->spell, FALSE);

  for (guint i = 0; i < N_KEYSTROKES; i++)
    {
      char   c = sample[i % strlen (sample)];
      gint64 start = g_get_monotonic_time (), took;

      gtk_text_buffer_get_end_iter (fixture->buffer, &end);
      gtk_text_buffer_insert (fixture->buffer, &end, &c, 1);
      took = g_get_monotonic_time () - start;
      keystroke_total += took;
      keystroke_max = MAX (keystroke_max, took);

      /* The main loop runs between keystrokes, as for a fast typist. */
      while (g_main_context_pending (NULL))
        {
          start = g_get_monotonic_time ();
          g_main_context_iteration (NULL, FALSE);
          idle_max = MAX (idle_max, g_get_monotonic_time () - start);
        }
    }

  g_test_message ("spell checking on, %d keystrokes: %.1f µs mean, %" G_GINT64_FORMAT
                  " µs max per keystroke; longest main-loop step %" G_GINT64_FORMAT " µs",
                  N_KEYSTROKES, (double)keystroke_total / N_KEYSTROKES, keystroke_max, idle_max);
  printf ("# spell %s: %.1f us mean, %" G_GINT64_FORMAT " us max per keystroke, %" G_GINT64_FORMAT
          " us longest main-loop step\n",
          data != NULL ? "off" : "on", (double)keystroke_total / N_KEYSTROKES, keystroke_max,
          idle_max);

#ifndef __SANITIZE_ADDRESS__
  /* Typing must not wait for the dictionary: far under a frame. */
  g_assert_cmpint (keystroke_total / N_KEYSTROKES, <, 2000);
#endif
}

static gboolean
entry_spell_is_idle (gpointer data)
{
  return candor_entry_spell_get_idle (data);
}

/* The incident's title is the email's subject: it is checked too. */
static void
test_entry_spell_title (void)
{
  GtkWidget        *window = gtk_window_new ();
  GtkWidget        *list = gtk_list_box_new ();
  GtkWidget        *row = adw_entry_row_new ();
  CandorEntrySpell *spell;
  g_auto (GStrv) misspelled = NULL;
  g_autofree char *text = NULL;

  gtk_list_box_append (GTK_LIST_BOX (list), row);
  gtk_window_set_child (GTK_WINDOW (window), list);
  gtk_window_present (GTK_WINDOW (window));
  candor_test_ui_wait_for_mapped (window);
  spell = candor_entry_spell_new (ADW_ENTRY_ROW (row), candor_spell_checker_get_default ());
  wait_for_dictionary ("en");

  gtk_editable_set_text (GTK_EDITABLE (row), "Chekout fails for {{company}} ");
  candor_entry_spell_set_language (spell, "en");
  gtk_editable_set_position (GTK_EDITABLE (row), -1);
  candor_test_ui_wait_until (entry_spell_is_idle, spell);
  misspelled = candor_entry_spell_dup_misspelled (spell);
  g_assert_cmpuint (g_strv_length (misspelled), ==, 1);
  g_assert_cmpstr (misspelled[0], ==, "Chekout");
  g_assert_nonnull (adw_entry_row_get_attributes (ADW_ENTRY_ROW (row)));

  /* With the cursor in it, the menu offers the right spelling. */
  gtk_editable_set_position (GTK_EDITABLE (row), 2);
  candor_entry_spell_update_menu (spell);
  g_assert_true (menu_has_item (candor_entry_spell_get_menu (spell), "spell.replace", "Checkout"));
  gtk_widget_activate_action (row, "spell.replace", "s", "Checkout");
  text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
  g_assert_cmpstr (text, ==, "Checkout fails for {{company}} ");

  g_object_run_dispose (G_OBJECT (spell));
  g_object_unref (spell);
  candor_test_ui_close_and_wait_for_finalize (window);
}

int
main (int argc, char *argv[])
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/spell/checker-words", test_spell_checker_words);
  g_test_add_func ("/ui/spell/checker-add-word", test_spell_checker_add_word);
  g_test_add_func ("/ui/spell/entry-title", test_entry_spell_title);
  g_test_add ("/ui/spell/underlines", Fixture, NULL, fixture_set_up, test_text_spell_underlines,
              fixture_tear_down);
  g_test_add ("/ui/spell/menu", Fixture, NULL, fixture_set_up, test_text_spell_menu,
              fixture_tear_down);
  g_test_add ("/ui/spell/typing", Fixture, NULL, fixture_set_up, test_text_spell_typing,
              fixture_tear_down);
  g_test_add ("/ui/spell/keystroke-cost", Fixture, NULL, fixture_set_up,
              test_text_spell_keystroke_cost, fixture_tear_down);
  /* The same without checking, to compare. */
  g_test_add ("/ui/spell/keystroke-cost-without", Fixture, "off", fixture_set_up,
              test_text_spell_keystroke_cost, fixture_tear_down);

  return g_test_run ();
}
