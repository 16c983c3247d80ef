/* candor-spell-checker.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-spell"

#include "config.h"

#include <enchant.h>
#include <errno.h>
#include <string.h>

#include "candor-spell-checker.h"

/* A language's dictionary: a broker of its own, so that one being loaded in
 * a thread never shares state with one in use on the main thread. */
typedef struct
{
  char          *language;
  EnchantBroker *broker;
  EnchantDict   *dict;
  char          *tag; /* the dictionary's own, which names its personal word list */
  gboolean       loaded;
} Dictionary;

struct _CandorSpellChecker
{
  GObject parent_instance;

  GHashTable *dictionaries; /* language -> Dictionary */
};

G_DEFINE_FINAL_TYPE (CandorSpellChecker, candor_spell_checker, G_TYPE_OBJECT)

enum
{
  DICTIONARY_LOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
dictionary_free (Dictionary *dictionary)
{
  if (dictionary->dict != NULL)
    enchant_broker_free_dict (dictionary->broker, dictionary->dict);
  if (dictionary->broker != NULL)
    enchant_broker_free (dictionary->broker);
  g_free (dictionary->language);
  g_free (dictionary->tag);
  g_free (dictionary);
}

static void
candor_spell_checker_finalize (GObject *object)
{
  CandorSpellChecker *self = CANDOR_SPELL_CHECKER (object);

  g_hash_table_unref (self->dictionaries);

  G_OBJECT_CLASS (candor_spell_checker_parent_class)->finalize (object);
}

static void
candor_spell_checker_class_init (CandorSpellCheckerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = candor_spell_checker_finalize;

  /* A language's dictionary was loaded (or found missing): what was written
   * in it can be checked now. */
  signals[DICTIONARY_LOADED] =
    g_signal_new ("dictionary-loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
candor_spell_checker_init (CandorSpellChecker *self)
{
  /* Dictionaries are never dropped while a load may still deliver into one. */
  self->dictionaries =
    g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)dictionary_free);
}

CandorSpellChecker *
candor_spell_checker_new (void)
{
  return g_object_new (CANDOR_TYPE_SPELL_CHECKER, NULL);
}

CandorSpellChecker *
candor_spell_checker_get_default (void)
{
  static CandorSpellChecker *instance;

  if (g_once_init_enter (&instance))
    g_once_init_leave (&instance, candor_spell_checker_new ());

  return instance;
}

/* "en", "ru", "en-GB" -> an Enchant tag. */
static char *
language_to_tag (const char *language)
{
  char *tag = g_strdup (language);

  g_strdelimit (tag, "-", '_');
  return tag;
}

static void
describe_cb (const char *const lang_tag,
             const char *const provider_name,
             const char *const provider_desc,
             const char *const provider_file,
             void             *user_data)
{
  char **tag = user_data;

  g_free (*tag);
  *tag = g_strdup (lang_tag);
}

typedef struct
{
  char          *language;
  EnchantBroker *broker;
  EnchantDict   *dict;
  char          *tag;
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  if (job->dict != NULL)
    enchant_broker_free_dict (job->broker, job->dict);
  if (job->broker != NULL)
    enchant_broker_free (job->broker);
  g_free (job->language);
  g_free (job->tag);
  g_free (job);
}

/* In a thread: Enchant reads its configuration, its providers and the
 * dictionary's files (several MB for Russian). */
static void
load_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  LoadJob         *job = task_data;
  g_autofree char *tag = language_to_tag (job->language);

  job->broker = enchant_broker_init ();
  /* "en" finds en_US: Enchant falls back from a language to its regions. */
  if (job->broker != NULL)
    job->dict = enchant_broker_request_dict (job->broker, tag);
  if (job->dict != NULL)
    enchant_dict_describe (job->dict, describe_cb, &job->tag);

  g_task_return_boolean (task, TRUE);
}

static void
on_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CandorSpellChecker *self = CANDOR_SPELL_CHECKER (source);
  LoadJob            *job = g_task_get_task_data (G_TASK (result));
  Dictionary         *dictionary = g_hash_table_lookup (self->dictionaries, job->language);

  g_assert (dictionary != NULL);
  dictionary->broker = g_steal_pointer (&job->broker);
  dictionary->dict = g_steal_pointer (&job->dict);
  dictionary->tag = g_steal_pointer (&job->tag);
  dictionary->loaded = TRUE;

  if (dictionary->dict == NULL)
    g_message ("No spelling dictionary for “%s”: its text is not checked", job->language);

  g_signal_emit (self, signals[DICTIONARY_LOADED], 0, job->language);
}

gboolean
candor_spell_checker_ensure (CandorSpellChecker *self, const char *language)
{
  Dictionary *dictionary;
  LoadJob    *job;
  g_autoptr (GTask) task = NULL;

  g_return_val_if_fail (CANDOR_IS_SPELL_CHECKER (self), TRUE);

  if (language == NULL || *language == '\0')
    return TRUE;

  dictionary = g_hash_table_lookup (self->dictionaries, language);
  if (dictionary != NULL)
    return dictionary->loaded;

  dictionary = g_new0 (Dictionary, 1);
  dictionary->language = g_strdup (language);
  g_hash_table_insert (self->dictionaries, dictionary->language, dictionary);

  job = g_new0 (LoadJob, 1);
  job->language = g_strdup (language);
  task = g_task_new (self, NULL, on_loaded_cb, NULL);
  g_task_set_source_tag (task, candor_spell_checker_ensure);
  g_task_set_task_data (task, job, (GDestroyNotify)load_job_free);
  g_task_run_in_thread (task, load_thread);

  return FALSE;
}

static EnchantDict *
get_dict (CandorSpellChecker *self, const char *language)
{
  Dictionary *dictionary;

  if (language == NULL)
    return NULL;

  dictionary = g_hash_table_lookup (self->dictionaries, language);
  return dictionary != NULL && dictionary->loaded ? dictionary->dict : NULL;
}

gboolean
candor_spell_checker_has_dictionary (CandorSpellChecker *self, const char *language)
{
  g_return_val_if_fail (CANDOR_IS_SPELL_CHECKER (self), FALSE);

  return get_dict (self, language) != NULL;
}

/* Words with digits (v2, 5xx), single letters and names in capitals (API,
 * SLA) are not for a dictionary. */
static gboolean
is_word_to_check (const char *word, gssize length)
{
  const char *end = word + length;
  guint       n_chars = 0;
  gboolean    all_upper = TRUE;

  for (const char *p = word; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isdigit (c) || c == '_')
        return FALSE;
      if (g_unichar_isalpha (c) && !g_unichar_isupper (c))
        all_upper = FALSE;
      n_chars++;
    }

  return n_chars > 1 && !all_upper;
}

gboolean
candor_spell_checker_check_word (CandorSpellChecker *self,
                                 const char         *language,
                                 const char         *word,
                                 gssize              length)
{
  EnchantDict *dict;

  g_return_val_if_fail (CANDOR_IS_SPELL_CHECKER (self), TRUE);
  g_return_val_if_fail (word != NULL, TRUE);

  if (length < 0)
    length = strlen (word);
  if ((dict = get_dict (self, language)) == NULL || !is_word_to_check (word, length))
    return TRUE;

  return enchant_dict_check (dict, word, length) == 0;
}

GStrv
candor_spell_checker_suggest (CandorSpellChecker *self,
                              const char         *language,
                              const char         *word,
                              guint               max)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  EnchantDict *dict;
  char       **suggestions;
  size_t       n = 0;

  g_return_val_if_fail (CANDOR_IS_SPELL_CHECKER (self), NULL);
  g_return_val_if_fail (word != NULL, NULL);

  if ((dict = get_dict (self, language)) != NULL &&
      (suggestions = enchant_dict_suggest (dict, word, -1, &n)) != NULL)
    {
      for (size_t i = 0; i < n && i < max; i++)
        g_strv_builder_add (builder, suggestions[i]);
      enchant_dict_free_string_list (dict, suggestions);
    }

  return g_strv_builder_end (builder);
}

void
candor_spell_checker_ignore_word (CandorSpellChecker *self, const char *language, const char *word)
{
  EnchantDict *dict;

  g_return_if_fail (CANDOR_IS_SPELL_CHECKER (self));
  g_return_if_fail (word != NULL);

  if ((dict = get_dict (self, language)) != NULL)
    enchant_dict_add_to_session (dict, word, -1);
}

/* Where Enchant keeps the words added for @tag, as it reads them. */
static char *
personal_word_list_path (const char *tag)
{
  g_autofree char *file_name = g_strdup_printf ("%s.dic", tag);
  const char      *config_dir = g_getenv ("ENCHANT_CONFIG_DIR");

  if (config_dir != NULL && *config_dir != '\0')
    return g_build_filename (config_dir, file_name, NULL);
  return g_build_filename (g_get_user_config_dir (), "enchant", file_name, NULL);
}

/* In a thread: the word is appended to the personal word list, on a line of
 * its own, the way Enchant writes it. */
static void
save_word_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  char           **job = task_data; /* path, word */
  g_autofree char *dir = g_path_get_dirname (job[0]);
  g_autofree char *contents = NULL;
  g_autoptr (GString) updated = NULL;
  g_autoptr (GError) error = NULL;
  gsize length = 0;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (errno),
                               "Could not make “%s”: %s", dir, g_strerror (errno));
      return;
    }

  if (!g_file_get_contents (job[0], &contents, &length, &error) &&
      !g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  updated = g_string_new_len (contents, contents != NULL ? (gssize)length : 0);
  if (updated->len > 0 && updated->str[updated->len - 1] != '\n')
    g_string_append_c (updated, '\n');
  g_string_append_printf (updated, "%s\n", job[1]);

  if (!g_file_set_contents (job[0], updated->str, updated->len, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_word_saved_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_warning ("Could not keep the word in the personal dictionary: %s", error->message);
}

void
candor_spell_checker_add_word (CandorSpellChecker *self, const char *language, const char *word)
{
  Dictionary *dictionary;
  char      **job;
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (CANDOR_IS_SPELL_CHECKER (self));
  g_return_if_fail (word != NULL);

  dictionary = language != NULL ? g_hash_table_lookup (self->dictionaries, language) : NULL;
  if (dictionary == NULL || dictionary->dict == NULL || strchr (word, '\n') != NULL)
    return;

  /* Right away in memory; on disk in a thread. */
  enchant_dict_add_to_session (dictionary->dict, word, -1);

  job = g_new0 (char *, 3);
  job[0] = personal_word_list_path (dictionary->tag != NULL ? dictionary->tag : language);
  job[1] = g_strdup (word);
  task = g_task_new (self, NULL, on_word_saved_cb, NULL);
  g_task_set_source_tag (task, candor_spell_checker_add_word);
  g_task_set_task_data (task, job, (GDestroyNotify)g_strfreev);
  g_task_run_in_thread (task, save_word_thread);
}
