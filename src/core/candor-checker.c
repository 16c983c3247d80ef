/* candor-checker.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-checker"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "candor-checker-private.h"
#include "candor-json.h"

#define CHECKS_RESOURCE_PATH "/io/github/candor/Candor/core/checks/"

static const char *const list_keys[N_LISTS] = {
  [LIST_BLAME] = "blame",
  [LIST_GUILT] = "guilt",
  [LIST_PROMISE] = "promise",
  [LIST_PROMISE_AFTER_RESOLUTION] = "promise-after-resolution",
  [LIST_JARGON] = "jargon",
  [LIST_HEDGES] = "hedges",
  [LIST_NEGATIONS] = "negations",
  [LIST_LASTING_CONSEQUENCES] = "lasting-consequences",
  [LIST_PATIENCE] = "patience",
  [LIST_NEXT_UPDATE] = "next-update",
  [LIST_TIMELINE] = "timeline",
  [LIST_IMPACT] = "impact",
  [LIST_CONTACT] = "contact",
  [LIST_NEXT_UPDATE_MESSAGE] = "next-update-message",
  [LIST_ROOT_CAUSE] = "root-cause",
  [LIST_ACTIONS_TAKEN] = "actions-taken",
  [LIST_ACTIONS_PLANNED] = "actions-planned",
  [LIST_OWNERSHIP] = "ownership",
  [LIST_PROMISED_TIME] = "promised-time",
};

#define JARGON_ACRONYMS_KEY "jargon-acronyms"
#define WORDS_KEY           "words"

G_DEFINE_FINAL_TYPE (CandorChecker, candor_checker, G_TYPE_OBJECT)

G_DEFINE_QUARK (candor-checker-error-quark, candor_checker_error);

/* Russian writes ё and е interchangeably; folding both the lists and the text
 * to е lets one list entry match both spellings. Both letters take two bytes
 * in UTF-8 in either case, so byte offsets stay valid. */
void
_candor_checker_fold_yo (char *text)
{
  for (char *p = text; p[0] != '\0' && p[1] != '\0'; p++)
    {
      if ((guchar)p[0] == 0xD1 && (guchar)p[1] == 0x91) /* ё -> е */
        {
          p[0] = (char)0xD0;
          p[1] = (char)0xB5;
          p++;
        }
      else if ((guchar)p[0] == 0xD0 && (guchar)p[1] == 0x81) /* Ё -> Е */
        {
          p[1] = (char)0x95;
          p++;
        }
    }
}

gboolean
_candor_checker_has_yo (const char *text)
{
  return strstr (text, "ё") != NULL || strstr (text, "Ё") != NULL;
}

static int
compare_by_length_desc (gconstpointer a, gconstpointer b)
{
  return (int)strlen (*(const char *const *)b) - (int)strlen (*(const char *const *)a);
}

/* Literal, case-sensitive words ("DNS", "I/O"): longest first so "TCP/IP" wins over "TCP". */
static char *
build_acronyms_pattern (JsonArray *array, const char *source, GError **error)
{
  g_autoptr (GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) pattern = g_string_new ("\\b(?<!/)(?-i:(?:");

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
          *json_node_get_string (node) == '\0')
        {
          g_set_error (error, CANDOR_CHECKER_ERROR, CANDOR_CHECKER_ERROR_INVALID_DATA,
                       _("%s: %s[%u]: expected a non-empty string"), source, JARGON_ACRONYMS_KEY,
                          i);
          return NULL;
        }
      g_ptr_array_add (words, g_regex_escape_string (json_node_get_string (node), -1));
    }

  if (words->len == 0)
    return NULL;

  g_ptr_array_sort (words, compare_by_length_desc);
  for (guint i = 0; i < words->len; i++)
    {
      if (i > 0)
        g_string_append_c (pattern, '|');
      g_string_append (pattern, g_ptr_array_index (words, i));
    }
  g_string_append (pattern, ")(?![\\w/]))");

  return g_string_free (g_steal_pointer (&pattern), FALSE);
}

/* "{party}" in a pattern stands for the named word list "party" of the
 * file's "words", as one group of alternatives: the lists of parties, fault
 * words, certainty words and hedges are written once and composed into the
 * patterns of every rule. Regex counts such as "{1,2}" start with a digit and
 * are left alone. Returns %NULL when a name is not a word list. */
static char *
expand_words (const char *pattern,
              GHashTable *words,
              const char *source,
              const char *key,
              guint       index,
              GError    **error)
{
  g_autoptr (GString) expanded = g_string_new (NULL);
  const char *p = pattern;

  while (*p != '\0')
    {
      const char *name_end = p + 1;

      if (*p == '\\' && p[1] != '\0')
        {
          g_string_append_len (expanded, p, 2);
          p += 2;
          continue;
        }
      if (*p != '{' || !g_ascii_islower (p[1]))
        {
          g_string_append_c (expanded, *p++);
          continue;
        }

      while (g_ascii_islower (*name_end) || g_ascii_isdigit (*name_end) || *name_end == '-')
        name_end++;
      if (*name_end == '}')
        {
          g_autofree char *name = g_strndup (p + 1, name_end - p - 1);
          const char      *alternatives = words != NULL ? g_hash_table_lookup (words, name) : NULL;

          if (alternatives == NULL)
            {
              g_set_error (error, CANDOR_CHECKER_ERROR, CANDOR_CHECKER_ERROR_INVALID_DATA,
                           _("%s: %s[%u]: there is no word list “%s”"), source, key, index, name);
              return NULL;
            }
          g_string_append_printf (expanded, "(?:%s)", alternatives);
          p = name_end + 1;
          continue;
        }

      g_string_append_c (expanded, *p++);
    }

  return g_string_free (g_steal_pointer (&expanded), FALSE);
}

/* The "words" object: each member a list of alternatives that may use the
 * lists defined before it. @conditions gets what each list's matches
 * contain. */
static GHashTable *
load_words (JsonObject *root, CheckWords *conditions, const char *source, GError **error)
{
  g_autoptr (GHashTable) words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonNode *node = json_object_get_member (root, WORDS_KEY);
  GList    *members;

  if (node == NULL)
    return g_steal_pointer (&words);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, CANDOR_CHECKER_ERROR, CANDOR_CHECKER_ERROR_INVALID_DATA,
                   _("%s: %s: expected an object of word lists"), source, WORDS_KEY);
      return NULL;
    }

  members = json_object_get_members (json_node_get_object (node));
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode   *list = json_object_get_member (json_node_get_object (node), name);
      g_autoptr (GString) alternatives = g_string_new (NULL);
      g_autoptr (GString) written = g_string_new (NULL);
      g_autofree char *path = g_strconcat (WORDS_KEY, ".", name, NULL);

      if (!JSON_NODE_HOLDS_ARRAY (list) || json_array_get_length (json_node_get_array (list)) == 0)
        {
          g_set_error (error, CANDOR_CHECKER_ERROR, CANDOR_CHECKER_ERROR_INVALID_DATA,
                       _("%s: %s: expected a list of patterns"), source, path);
          g_list_free (members);
          return NULL;
        }

      for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
        {
          JsonNode        *element = json_array_get_element (json_node_get_array (list), i);
          g_autofree char *word = NULL;

          if (!JSON_NODE_HOLDS_VALUE (element) ||
              json_node_get_value_type (element) != G_TYPE_STRING ||
              *json_node_get_string (element) == '\0')
            {
              g_set_error (error, CANDOR_CHECKER_ERROR, CANDOR_CHECKER_ERROR_INVALID_DATA,
                           _("%s: %s[%u]: expected a non-empty string"), source, path, i);
              g_list_free (members);
              return NULL;
            }

          word = expand_words (json_node_get_string (element), words, source, path, i, error);
          if (word == NULL)
            {
              g_list_free (members);
              return NULL;
            }
          if (alternatives->len > 0)
            {
              g_string_append_c (alternatives, '|');
              g_string_append_c (written, '|');
            }
          g_string_append (alternatives, word);
          g_string_append (written, json_node_get_string (element));
        }

      _candor_checker_words_add (conditions, name, written->str);
      g_hash_table_insert (words, g_strdup (name),
                           g_string_free (g_steal_pointer (&alternatives), FALSE));
    }
  g_list_free (members);

  return g_steal_pointer (&words);
}

static void
append_alternative (GString *alternatives, const char *pattern)
{
  if (alternatives->len > 0)
    g_string_append_c (alternatives, '|');
  g_string_append_printf (alternatives, "(?:%s)", pattern);
}

static void
append_alternative_at_word (GString *at_word, GString *others, const char *pattern)
{
  if (g_str_has_prefix (pattern, "\\b"))
    append_alternative (at_word, pattern + 2);
  else
    append_alternative (others, pattern);
}

static void
entry_clear (gpointer data)
{
  CheckEntry *entry = data;

  g_clear_pointer (&entry->regex, g_regex_unref);
  g_clear_pointer (&entry->jit, g_regex_unref);
  g_clear_pointer (&entry->condition, _candor_checker_condition_unref);
}

/* An entry runs only on a text that has its words, and most never do in
 * a message (on the benchmark's update, 5 of 82 English ones and 2 of 82
 * Russian ones): JIT-compiling all of them when the checker is built took
 * 5 ms for English and 10 ms for Russian, for every checker, including the
 * renderer's, which only ever judges lengths. An entry is JIT-compiled the
 * first time a text may match it instead, once (0.05 to 1 ms), and the
 * work then grows with what the author writes, not with the lists. */
GRegex *
_candor_checker_entry_get_regex (CheckEntry *entry)
{
  if (g_once_init_enter (&entry->jit))
    {
      GRegex *jit = g_regex_new (g_regex_get_pattern (entry->regex),
                                 G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);

      /* It compiled once: only a failing allocation makes it fail now. */
      g_once_init_leave (&entry->jit, jit != NULL ? jit : g_regex_ref (entry->regex));
    }

  return entry->jit;
}

/* A regex for the entries that start at a word boundary, one for the
 * others, as the joined regex has them. */
static char *
at_word_pattern (const char *pattern)
{
  if (g_str_has_prefix (pattern, "\\b"))
    return g_strdup_printf ("\\b(?:%s)", pattern + 2);

  return g_strdup_printf ("(?:%s)", pattern);
}

/* Each entry of @patterns compiled alone, in the order the joined regex
 * tries them: those at a word boundary, then the others. %NULL when one
 * does not compile alone. */
static GArray *
compile_entries (GPtrArray *patterns, GPtrArray *conditions)
{
  g_autoptr (GArray) entries = g_array_sized_new (FALSE, FALSE, sizeof (CheckEntry), patterns->len);

  g_array_set_clear_func (entries, entry_clear);
  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < patterns->len; i++)
        {
          const char      *pattern = g_ptr_array_index (patterns, i);
          g_autofree char *alone = NULL;
          CheckEntry       entry;

          if (g_str_has_prefix (pattern, "\\b") != (pass == 0))
            continue;
          alone = at_word_pattern (pattern);
          entry.regex = g_regex_new (alone, G_REGEX_CASELESS, 0, NULL);
          if (entry.regex == NULL)
            return NULL;
          entry.jit = NULL;
          entry.condition = g_steal_pointer (&conditions->pdata[i]);
          g_array_append_val (entries, entry);
        }
    }

  return g_steal_pointer (&entries);
}

/* All entries are joined into one regex: one pass over the text per rule
 * is what keeps checking within a keystroke's budget (a regex per entry
 * measured twice as slow). Entries that start at a word boundary share one
 * leading \\b: PCRE can then skip ahead to the letters that may start a
 * match. Only when the joined regex does not compile is each entry
 * compiled alone, to report the bad one by its place in the file; checking
 * each one up front would double the time it takes to build a checker.
 * @optimize JIT-compiles the lists that run on every keystroke; for the
 * rest compiling costs more than it saves.
 *
 * With @alone, each entry also gets the condition a text must meet for it
 * to match there (see candor-checker-prefilter.c), and where every entry
 * has one and finds alone what it finds among the others, the entries are
 * compiled one by one instead: on most texts only a few of them may match,
 * and only those run, so the time a regex per entry costs is spent on few.
 * (Conditions take time to build too, so only these lists get them.) */
static gboolean
compile_list (CandorChecker *self,
              CheckList      list,
              JsonArray     *array,
              GHashTable    *words,
              CheckWords    *word_conditions,
              const char    *extra_pattern,
              gboolean       optimize,
              gboolean       alone,
              const char    *source,
              const char    *key,
              GError       **error)
{
  g_autoptr (GString) at_word = g_string_new (NULL);
  g_autoptr (GString) others = g_string_new (NULL);
  g_autoptr (GString) joined = g_string_new (NULL);
  g_autoptr (GPtrArray) patterns = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) conditions =
    g_ptr_array_new_with_free_func ((GDestroyNotify)_candor_checker_condition_unref);
  g_autoptr (GError) local_error = NULL;
  gboolean plain_entries = TRUE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      char     *pattern;
      gboolean  plain;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
          *json_node_get_string (node) == '\0')
        {
          g_set_error (error, CANDOR_CHECKER_ERROR, CANDOR_CHECKER_ERROR_INVALID_DATA,
                       _("%s: %s[%u]: expected a non-empty string"), source, key, i);
          return FALSE;
        }

      pattern = expand_words (json_node_get_string (node), words, source, key, i, error);
      if (pattern == NULL)
        return FALSE;
      _candor_checker_fold_yo (pattern);
      g_ptr_array_add (patterns, pattern);
      append_alternative_at_word (at_word, others, pattern);
      if (!alone)
        {
          g_ptr_array_add (conditions, NULL);
          continue;
        }
      g_ptr_array_add (conditions, _candor_checker_condition_new (json_node_get_string (node),
                                                                  word_conditions, &plain));
      if (plain_entries && (!plain || g_ptr_array_index (conditions, i) == NULL))
        {
          /* Everything still works, only slower: say which entry. */
          g_debug ("%s: %s[%u] needs no literal text or is not read: the list runs as one regex",
                   source, key, i);
          plain_entries = FALSE;
        }
    }

  if (extra_pattern != NULL)
    {
      append_alternative_at_word (at_word, others, extra_pattern);
      g_ptr_array_add (conditions, NULL);
      plain_entries = FALSE;
    }

  if (at_word->len > 0)
    g_string_append_printf (joined, "\\b(?:%s)", at_word->str);
  if (others->len > 0)
    {
      if (joined->len > 0)
        g_string_append_c (joined, '|');
      g_string_append (joined, others->str);
    }

  if (joined->len == 0)
    {
      g_set_error (error, CANDOR_CHECKER_ERROR, CANDOR_CHECKER_ERROR_INVALID_DATA,
                   _("%s: %s: the list is empty"), source, key);
      return FALSE;
    }

  if (alone && plain_entries)
    {
      self->entries[list] = compile_entries (patterns, conditions);
      if (self->entries[list] != NULL)
        return TRUE;
    }

  self->lists[list] = g_regex_new (
    joined->str, G_REGEX_CASELESS | (optimize ? G_REGEX_OPTIMIZE : 0), 0, &local_error);
  if (self->lists[list] != NULL)
    {
      self->conditions[list] = _candor_checker_condition_any (conditions);
      return TRUE;
    }

  /* Each named word list is pasted in full wherever it is used: a long list
   * can grow past what PCRE takes as one regex. Its entries then run alone,
   * each on every text. */
  if (g_error_matches (local_error, G_REGEX_ERROR, G_REGEX_ERROR_EXPRESSION_TOO_LARGE))
    {
      self->entries[list] = compile_entries (patterns, conditions);
      if (self->entries[list] != NULL)
        return TRUE;
    }

  for (guint i = 0; i < patterns->len; i++)
    {
      g_autoptr (GError) single_error = NULL;
      g_autoptr (GRegex) single =
        g_regex_new (g_ptr_array_index (patterns, i), G_REGEX_CASELESS, 0, &single_error);

      if (single == NULL)
        {
          g_set_error (error, CANDOR_CHECKER_ERROR, CANDOR_CHECKER_ERROR_INVALID_DATA,
                       _("%s: %s[%u]: not a valid pattern: %s"), source, key, i,
                          single_error->message);
          return FALSE;
        }
    }

  g_set_error (error, CANDOR_CHECKER_ERROR, CANDOR_CHECKER_ERROR_INVALID_DATA,
               _("%s: %s: not a valid pattern: %s"), source, key, local_error->message);
  return FALSE;
}

static JsonArray *
get_string_list (JsonObject *root, const char *source, const char *key, GError **error)
{
  JsonNode *node = json_object_get_member (root, key);

  if (node == NULL)
    {
      g_set_error (error, CANDOR_CHECKER_ERROR, CANDOR_CHECKER_ERROR_INVALID_DATA,
                   _("%s: “%s” is missing"), source, key);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, CANDOR_CHECKER_ERROR, CANDOR_CHECKER_ERROR_INVALID_DATA,
                   _("%s: %s: expected a list of patterns"), source, key);
      return NULL;
    }

  return json_node_get_array (node);
}

/* The lists candor_checker_check_update() runs on a draft with every field
 * filled in: the wizard's case, while the author types. */
static gboolean
list_runs_on_every_keystroke (CheckList list)
{
  switch (list)
    {
      case LIST_BLAME:
      case LIST_GUILT:
      case LIST_PROMISE:
      case LIST_PROMISE_AFTER_RESOLUTION:
      case LIST_JARGON:
      case LIST_PATIENCE:
      case LIST_NEXT_UPDATE:
        return TRUE;
      default:
        return FALSE;
    }
}

/* The lists that find phrases in the whole of an update while the author
 * types: those whose entries are worth running one by one. */
static gboolean
list_runs_alone (CheckList list)
{
  switch (list)
    {
      case LIST_BLAME:
      case LIST_GUILT:
      case LIST_PROMISE:
      case LIST_PROMISE_AFTER_RESOLUTION:
        return TRUE;
      default:
        return FALSE;
    }
}

static gboolean
candor_checker_load (CandorChecker *self, const char *source, GBytes *json, GError **error)
{
  const char *known[N_LISTS + 4];
  g_autoptr (JsonNode) root_node = NULL;
  g_autoptr (GHashTable) words = NULL;
  g_autoptr (CheckWords) word_conditions = _candor_checker_words_new ();
  g_autofree char *acronyms = NULL;
  JsonObject      *root;
  JsonArray       *array;
  const char      *language = NULL;
  gsize            length;
  const char      *data = g_bytes_get_data (json, &length);

  for (guint i = 0; i < N_LISTS; i++)
    known[i] = list_keys[i];
  known[N_LISTS] = JARGON_ACRONYMS_KEY;
  known[N_LISTS + 1] = "language";
  known[N_LISTS + 2] = WORDS_KEY;
  known[N_LISTS + 3] = NULL;

  root_node = candor_json_parse (data, length, source, error);
  if (root_node == NULL)
    return FALSE;

  root = candor_json_expect_object (root_node, source, known, error);
  if (root == NULL)
    return FALSE;

  if (!candor_json_get_string (root, source, "language", &language, error))
    return FALSE;
  if (g_strcmp0 (language, self->language) != 0)
    {
      g_set_error (error, CANDOR_CHECKER_ERROR, CANDOR_CHECKER_ERROR_INVALID_DATA,
                   _("%s: the checks are for language “%s”, not “%s”"), source,
                      language != NULL ? language : "", self->language);
      return FALSE;
    }

  words = load_words (root, word_conditions, source, error);
  if (words == NULL)
    return FALSE;

  for (guint i = 0; i < N_LISTS; i++)
    {
      if (i == LIST_JARGON)
        {
          g_autoptr (GError) local_error = NULL;

          array = get_string_list (root, source, JARGON_ACRONYMS_KEY, error);
          if (array == NULL)
            return FALSE;
          acronyms = build_acronyms_pattern (array, source, &local_error);
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
        }

      array = get_string_list (root, source, list_keys[i], error);
      if (array == NULL)
        return FALSE;

      if (!compile_list (self, i, array, words, word_conditions, i == LIST_JARGON ? acronyms : NULL,
                         list_runs_on_every_keystroke (i), list_runs_alone (i), source,
                         list_keys[i], error))
        return FALSE;
    }

  return TRUE;
}

static void
candor_checker_finalize (GObject *object)
{
  CandorChecker *self = (CandorChecker *)object;

  for (guint i = 0; i < N_LISTS; i++)
    {
      g_clear_pointer (&self->lists[i], g_regex_unref);
      g_clear_pointer (&self->entries[i], g_array_unref);
      g_clear_pointer (&self->conditions[i], _candor_checker_condition_unref);
    }
  g_clear_object (&self->model);
  g_clear_pointer (&self->language, g_free);

  G_OBJECT_CLASS (candor_checker_parent_class)->finalize (object);
}

static void
candor_checker_class_init (CandorCheckerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = candor_checker_finalize;
}

static void
candor_checker_init (CandorChecker *self)
{
}

CandorChecker *
candor_checker_new_from_bytes (const char *language, GBytes *json, GError **error)
{
  g_autoptr (CandorChecker) self = NULL;
  g_autofree char *source = NULL;

  g_return_val_if_fail (language != NULL, NULL);
  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (CANDOR_TYPE_CHECKER, NULL);
  self->language = g_strdup (language);
  source = g_strdup_printf ("checks/%s.json", language);

  if (!candor_checker_load (self, source, json, error))
    return NULL;

  return g_steal_pointer (&self);
}

CandorChecker *
candor_checker_new (const char *language, GError **error)
{
  g_autoptr (CandorChecker) self = NULL;
  g_autoptr (GBytes) json = NULL;
  g_autoptr (GBytes) model = NULL;
  g_autofree char *model_path = NULL;
  gboolean         plain_tag;

  g_return_val_if_fail (language != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  plain_tag = *language != '\0';

  /* The language also names a resource path: keep it to a plain tag. */
  for (const char *p = language; *p != '\0'; p++)
    plain_tag = plain_tag && (g_ascii_isalnum (*p) || *p == '-' || *p == '_');

  if (plain_tag)
    {
      g_autofree char *path = g_strconcat (CHECKS_RESOURCE_PATH, language, ".json", NULL);

      json = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
    }

  if (json == NULL)
    {
      g_set_error (error, CANDOR_CHECKER_ERROR, CANDOR_CHECKER_ERROR_UNKNOWN_LANGUAGE,
                   _("There are no message checks for the language “%s”; available: en, ru"),
                      language);
      return NULL;
    }

  self = candor_checker_new_from_bytes (language, json, error);
  if (self == NULL)
    return NULL;

  /* The sentence model, where one is trained for the language. */
  model_path = g_strconcat (CHECKS_RESOURCE_PATH, language, "-model.tsv", NULL);
  model = g_resources_lookup_data (model_path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (model != NULL)
    {
      g_autofree char *source = g_strdup_printf ("checks/%s-model.tsv", language);

      self->model = candor_phrase_model_new_from_bytes (model, source, error);
      if (self->model == NULL)
        return NULL;
    }

  return g_steal_pointer (&self);
}

const char *
candor_checker_get_language (CandorChecker *self)
{
  g_return_val_if_fail (CANDOR_IS_CHECKER (self), NULL);

  return self->language;
}

/**
 * candor_checker_detect_language:
 *
 * The script of the words is enough to tell the two languages the checks
 * know apart. Latin names, units and codes are common in Russian messages
 * ("API", "UTC", "Slack"), so a text counts as Russian from a third of its
 * words being Cyrillic; host names and codes ("db-prod-3.internal",
 * "HTTP/2", "E1234") count for neither. It runs on every keystroke, so it
 * reads bytes: Cyrillic letters start with 0xD0 or 0xD1 in UTF-8, accented
 * Latin ones with 0xC3 to 0xC9.
 */
const char *
candor_checker_detect_language (const char *text)
{
  guint       latin = 0;
  guint       cyrillic = 0;
  const char *p = text;

  g_return_val_if_fail (text != NULL, NULL);

  while (*p != '\0')
    {
      const char *word, *end;
      gboolean    has_latin = FALSE;
      gboolean    has_cyrillic = FALSE;
      gboolean    is_code = FALSE;

      while (*p != '\0' && g_ascii_isspace (*p))
        p++;
      word = p;
      while (*p != '\0' && !g_ascii_isspace (*p))
        p++;
      end = p;

      /* Quotes, brackets and the full stop around a word are not part of it. */
      while (word < end && (guchar)*word < 0x80 && !g_ascii_isalnum (*word))
        word++;
      while (end > word && g_ascii_ispunct (end[-1]))
        end--;

      for (const char *q = word; q < end; q++)
        {
          guchar c = (guchar)*q;

          if (g_ascii_isdigit (c) || strchr ("._/-:@\\=", c) != NULL)
            is_code = TRUE;
          else if (g_ascii_isalpha (c) || (c >= 0xC3 && c <= 0xC9))
            has_latin = TRUE;
          else if (c == 0xD0 || c == 0xD1)
            has_cyrillic = TRUE;
        }

      if (is_code)
        continue;
      cyrillic += has_cyrillic;
      latin += has_latin && !has_cyrillic;
    }

  if (cyrillic > 0 && cyrillic * 2 >= latin)
    return "ru";
  if (latin > 0)
    return "en";

  return NULL;
}
