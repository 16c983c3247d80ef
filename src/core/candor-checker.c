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

#include "candor-dialect.h"
#include "candor-checker.h"
#include "candor-json.h"

#define CHECKS_RESOURCE_PATH "/io/github/candor/Candor/core/checks/"

/* The lists of a checks file. Phrase lists produce findings where they match;
 * statement lists only tell whether something was said at all. */
typedef enum
{
  LIST_BLAME,
  LIST_GUILT,
  LIST_PROMISE,
  LIST_PROMISE_AFTER_RESOLUTION,
  LIST_JARGON,
  LIST_HEDGES,
  LIST_NEGATIONS,
  LIST_LASTING_CONSEQUENCES,
  LIST_PATIENCE,
  LIST_NEXT_UPDATE,
  LIST_TIMELINE,
  N_LISTS
} CheckList;

static const char *const list_keys[N_LISTS] = {
  [LIST_BLAME] = "blame",         [LIST_GUILT] = "guilt",
  [LIST_PROMISE] = "promise",     [LIST_PROMISE_AFTER_RESOLUTION] = "promise-after-resolution",
  [LIST_JARGON] = "jargon",       [LIST_HEDGES] = "hedges",
  [LIST_NEGATIONS] = "negations", [LIST_LASTING_CONSEQUENCES] = "lasting-consequences",
  [LIST_PATIENCE] = "patience",   [LIST_NEXT_UPDATE] = "next-update",
  [LIST_TIMELINE] = "timeline",
};

#define JARGON_ACRONYMS_KEY "jargon-acronyms"

struct _CandorChecker
{
  GObject parent_instance;

  char   *language;
  GRegex *lists[N_LISTS];
};

G_DEFINE_FINAL_TYPE (CandorChecker, candor_checker, G_TYPE_OBJECT)

G_DEFINE_QUARK (candor-checker-error-quark, candor_checker_error);

/* Russian writes ё and е interchangeably; folding both the lists and the text
 * to е lets one list entry match both spellings. Both letters take two bytes
 * in UTF-8 in either case, so byte offsets stay valid. */
static void
fold_yo_in_place (char *text)
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

static gboolean
has_yo (const char *text)
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

/* Each entry is checked alone first so that a bad one is reported by its
 * place in the file, then all are joined into one regex: one pass over the
 * text per rule is what keeps checking within a keystroke's budget. Entries
 * that start at a word boundary share one leading \b: PCRE can then skip
 * ahead to the letters that may start a match, which makes the joined
 * regex several times faster than a plain alternation. */
static GRegex *
compile_list (JsonArray  *array,
              const char *extra_pattern,
              const char *source,
              const char *key,
              GError    **error)
{
  g_autoptr (GString) at_word = g_string_new (NULL);
  g_autoptr (GString) others = g_string_new (NULL);
  g_autoptr (GString) joined = g_string_new (NULL);
  g_autoptr (GError) local_error = NULL;
  GRegex *regex;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode        *node = json_array_get_element (array, i);
      g_autofree char *pattern = NULL;
      g_autoptr (GRegex) single = NULL;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
          *json_node_get_string (node) == '\0')
        {
          g_set_error (error, CANDOR_CHECKER_ERROR, CANDOR_CHECKER_ERROR_INVALID_DATA,
                       _("%s: %s[%u]: expected a non-empty string"), source, key, i);
          return NULL;
        }

      pattern = g_strdup (json_node_get_string (node));
      fold_yo_in_place (pattern);

      single = g_regex_new (pattern, G_REGEX_CASELESS, 0, &local_error);
      if (single == NULL)
        {
          g_set_error (error, CANDOR_CHECKER_ERROR, CANDOR_CHECKER_ERROR_INVALID_DATA,
                       _("%s: %s[%u]: not a valid pattern: %s"), source, key, i,
                          local_error->message);
          return NULL;
        }

      append_alternative_at_word (at_word, others, pattern);
    }

  if (extra_pattern != NULL)
    append_alternative_at_word (at_word, others, extra_pattern);

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
      return NULL;
    }

  regex = g_regex_new (joined->str, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, &local_error);
  if (regex == NULL)
    g_set_error (error, CANDOR_CHECKER_ERROR, CANDOR_CHECKER_ERROR_INVALID_DATA,
                 _("%s: %s: not a valid pattern: %s"), source, key, local_error->message);

  return regex;
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

static gboolean
candor_checker_load (CandorChecker *self, const char *source, GBytes *json, GError **error)
{
  const char *known[N_LISTS + 3];
  g_autoptr (JsonNode) root_node = NULL;
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
  known[N_LISTS + 2] = NULL;

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

      self->lists[i] =
        compile_list (array, i == LIST_JARGON ? acronyms : NULL, source, list_keys[i], error);
      if (self->lists[i] == NULL)
        return FALSE;
    }

  return TRUE;
}

static void
candor_checker_finalize (GObject *object)
{
  CandorChecker *self = (CandorChecker *)object;

  for (guint i = 0; i < N_LISTS; i++)
    g_clear_pointer (&self->lists[i], g_regex_unref);
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
  g_autoptr (GBytes) json = NULL;
  gboolean plain_tag;

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

  return candor_checker_new_from_bytes (language, json, error);
}

const char *
candor_checker_get_language (CandorChecker *self)
{
  g_return_val_if_fail (CANDOR_IS_CHECKER (self), NULL);

  return self->language;
}

/* Text being checked, with ё folded and a cursor that turns byte offsets
 * into the character offsets the editor underlines with. */
typedef struct
{
  const char *text;
  char       *folded;
  gsize       length;
  gsize       last_byte;
  glong       last_char;
} CheckedText;

static void
checked_text_init (CheckedText *checked, const char *text)
{
  checked->folded = NULL;
  if (has_yo (text))
    {
      checked->folded = g_strdup (text);
      fold_yo_in_place (checked->folded);
    }
  checked->text = checked->folded != NULL ? checked->folded : text;
  checked->length = strlen (checked->text);
  checked->last_byte = 0;
  checked->last_char = 0;
}

static void
checked_text_clear (CheckedText *checked)
{
  g_clear_pointer (&checked->folded, g_free);
}

static guint
checked_text_char_offset (CheckedText *checked, gsize byte)
{
  if (byte < checked->last_byte)
    {
      checked->last_byte = 0;
      checked->last_char = 0;
    }
  checked->last_char +=
    g_utf8_strlen (checked->text + checked->last_byte, byte - checked->last_byte);
  checked->last_byte = byte;

  return checked->last_char;
}

static gsize
sentence_start (const char *text, gsize pos)
{
  for (gsize i = pos; i > 0; i--)
    {
      char c = text[i - 1];

      if (c == '\n' || c == ';')
        return i;
      /* "15.00" and "e.g." inside a sentence are followed by no space. */
      if ((c == '.' || c == '!' || c == '?') && g_ascii_isspace (text[i]))
        return i;
    }

  return 0;
}

static gsize
sentence_end (const char *text, gsize length, gsize pos)
{
  for (gsize i = pos; i < length; i++)
    {
      char c = text[i];

      if (c == '\n' || c == ';')
        return i;
      if ((c == '.' || c == '!' || c == '?') && (i + 1 == length || g_ascii_isspace (text[i + 1])))
        return i + 1;
    }

  return length;
}

/* "We expect service to be restored by 15:00" and "we cannot guarantee" are
 * the careful way to say it, not promises: a hedge anywhere in the sentence,
 * or a negation right before the match, makes the match fine. */
static gboolean
is_hedged (CandorChecker *self, const CheckedText *checked, gsize start, gsize end)
{
  gsize from = sentence_start (checked->text, start);
  gsize to = sentence_end (checked->text, checked->length, end);

  if (g_regex_match_full (self->lists[LIST_HEDGES], checked->text, to, from, 0, NULL, NULL))
    return TRUE;

  return g_regex_match_full (self->lists[LIST_NEGATIONS], checked->text, start, from, 0, NULL,
                             NULL);
}

typedef struct
{
  const char           *rule_id;
  CandorFindingSeverity severity;
  const char           *message;
  const char           *suggestion;
  gboolean              hedgeable;
} PhraseRule;

static void
find_phrases (CandorChecker    *self,
              CheckList         list,
              const PhraseRule *rule,
              int               field,
              CheckedText      *checked,
              GPtrArray        *findings)
{
  g_autoptr (GMatchInfo) match_info = NULL;

  g_regex_match_full (self->lists[list], checked->text, checked->length, 0, 0, &match_info, NULL);

  for (; g_match_info_matches (match_info); g_match_info_next (match_info, NULL))
    {
      int start, end;

      if (!g_match_info_fetch_pos (match_info, 0, &start, &end) || start == end)
        continue;

      if (rule->hedgeable && is_hedged (self, checked, start, end))
        continue;

      g_ptr_array_add (findings, candor_finding_new (rule->rule_id, rule->severity, field,
                                                     checked_text_char_offset (checked, start),
                                                     checked_text_char_offset (checked, end),
                                                     _(rule->message), _(rule->suggestion)));
    }
}

static int
compare_findings_by_span (gconstpointer a, gconstpointer b)
{
  CandorFinding *finding_a = *(CandorFinding *const *)a;
  CandorFinding *finding_b = *(CandorFinding *const *)b;
  guint          start_a = candor_finding_get_start (finding_a);
  guint          start_b = candor_finding_get_start (finding_b);

  if (start_a != start_b)
    return start_a < start_b ? -1 : 1;

  return (int)candor_finding_get_end (finding_a) - (int)candor_finding_get_end (finding_b);
}

static const PhraseRule blame_rule = {
  "blame",
  CANDOR_FINDING_SEVERITY_WARNING,
  N_("Blaming a vendor, a customer or a colleague shifts attention away from what customers "
      "need; say what happened instead."),
      N_("Describe the failure itself, e.g. “a failed configuration change stopped payments”."),
          FALSE,
  };

static const PhraseRule guilt_rule = {
  "guilt",
  CANDOR_FINDING_SEVERITY_WARNING,
  N_("Self-reproach makes the message about you, not the customer; apologize once and say "
      "what you are doing."),
      N_("“We are sorry for the disruption this causes.”"), FALSE,
  };

static const PhraseRule promise_rule = {
  "promise",
  CANDOR_FINDING_SEVERITY_WARNING,
  N_("While the incident is ongoing you cannot be sure of this; a broken promise costs more "
      "trust than the outage."),
      N_("Give an estimate (“we expect …”) or say when you will update next."), TRUE,
  };

static const PhraseRule promise_after_resolution_rule = {
  "promise",
  CANDOR_FINDING_SEVERITY_WARNING,
  N_("No one can promise that it never happens again; say what you are changing to make it "
      "less likely."),
      N_("“We are changing … so that this kind of failure is caught earlier.”"), TRUE,
  };

static const PhraseRule jargon_rule = {
  "jargon",
  CANDOR_FINDING_SEVERITY_WARNING,
  N_("The executive summary should be clear to anyone at first reading; move technical terms, "
      "codes and host names to the technical details."),
      N_("Say what it means for customers, e.g. “our database stopped accepting orders”."), FALSE,
  };

static gboolean
kind_is_after_resolution (CandorUpdateKind kind)
{
  return kind == CANDOR_UPDATE_KIND_RESOLUTION || kind == CANDOR_UPDATE_KIND_POST_INCIDENT;
}

/**
 * candor_checker_check_text:
 * @field: a #CandorField, or %CANDOR_FINDING_WHOLE_MESSAGE
 * @resolved: whether the incident is over; firm times and guarantees are
 *   only a problem while it is not
 */
GPtrArray *
candor_checker_check_text (CandorChecker   *self,
                           int              field,
                           const char      *text,
                           CandorUpdateKind kind,
                           gboolean         resolved)
{
  GPtrArray  *findings;
  CheckedText checked;

  g_return_val_if_fail (CANDOR_IS_CHECKER (self), NULL);
  g_return_val_if_fail (field >= CANDOR_FINDING_WHOLE_MESSAGE && field < CANDOR_N_FIELDS, NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (g_utf8_validate (text, -1, NULL), NULL);

  findings = g_ptr_array_new_with_free_func (g_object_unref);
  if (*text == '\0')
    return findings;

  resolved = resolved || kind_is_after_resolution (kind);

  checked_text_init (&checked, text);

  find_phrases (self, LIST_BLAME, &blame_rule, field, &checked, findings);
  find_phrases (self, LIST_GUILT, &guilt_rule, field, &checked, findings);
  if (!resolved)
    find_phrases (self, LIST_PROMISE, &promise_rule, field, &checked, findings);
  find_phrases (self, LIST_PROMISE_AFTER_RESOLUTION,
                resolved ? &promise_after_resolution_rule : &promise_rule, field, &checked,
                findings);
  if (field == CANDOR_FIELD_EXECUTIVE_SUMMARY)
    find_phrases (self, LIST_JARGON, &jargon_rule, field, &checked, findings);

  checked_text_clear (&checked);

  g_ptr_array_sort (findings, compare_findings_by_span);

  return findings;
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    {
      if (!g_ascii_isspace (*text))
        return FALSE;
    }

  return TRUE;
}

static gboolean
text_says (CandorChecker *self, CheckList list, const char *text)
{
  g_autofree char *folded = NULL;

  if (is_blank (text))
    return FALSE;

  if (has_yo (text))
    {
      folded = g_strdup (text);
      fold_yo_in_place (folded);
      text = folded;
    }

  return g_regex_match (self->lists[list], text, 0, NULL);
}

static gboolean
update_says (CandorChecker *self, CheckList list, CandorUpdate *update)
{
  for (int field = 0; field < CANDOR_N_FIELDS; field++)
    {
      if (text_says (self, list, candor_update_get_field (update, field)))
        return TRUE;
    }

  return FALSE;
}

static void
add_missing (GPtrArray            *findings,
             const char           *rule_id,
             CandorFindingSeverity severity,
             int                   field,
             guint                 end,
             const char           *message)
{
  g_ptr_array_add (findings, candor_finding_new (rule_id, severity, field, 0, end, message, NULL));
}

GPtrArray *
candor_checker_check_update (CandorChecker *self, CandorIncident *incident, CandorUpdate *update)
{
  g_autoptr (GPtrArray) findings = NULL;
  CandorUpdateKind kind;
  gboolean         resolved;
  gboolean         ongoing;
  const char      *contact;

  g_return_val_if_fail (CANDOR_IS_CHECKER (self), NULL);
  g_return_val_if_fail (CANDOR_IS_INCIDENT (incident), NULL);
  g_return_val_if_fail (CANDOR_IS_UPDATE (update), NULL);

  kind = candor_update_get_kind (update);
  resolved = kind_is_after_resolution (kind) ||
             candor_incident_get_state (incident) == CANDOR_INCIDENT_STATE_RESOLVED;
  ongoing = !kind_is_after_resolution (kind);

  findings = g_ptr_array_new_with_free_func (g_object_unref);

  for (int field = 0; field < CANDOR_N_FIELDS; field++)
    {
      g_autoptr (GPtrArray) field_findings = candor_checker_check_text (
        self, field, candor_update_get_field (update, field), kind, resolved);

      g_ptr_array_extend_and_steal (findings, g_steal_pointer (&field_findings));
    }

  if (is_blank (candor_update_get_field (update, CANDOR_FIELD_IMPACT_NOW)))
    add_missing (findings, "missing-impact", CANDOR_FINDING_SEVERITY_ERROR, CANDOR_FIELD_IMPACT_NOW,
                 0, _("Say plainly what is affected now: which service, for whom, and how."));

  /* Customers ask first whether they lost anything; "nothing was lost" anywhere counts. */
  if (is_blank (candor_update_get_field (update, CANDOR_FIELD_LASTING_CONSEQUENCES)) &&
      !candor_update_get_no_lasting_consequences (update) &&
      !update_says (self, LIST_LASTING_CONSEQUENCES, update))
    add_missing (findings, "missing-lasting-consequences", CANDOR_FINDING_SEVERITY_WARNING,
                 CANDOR_FIELD_LASTING_CONSEQUENCES, 0,
                 _("Say whether anything was lost, such as data, orders or work time, or say "
                   "that nothing was."));

  contact = candor_update_get_field (update, CANDOR_FIELD_CONTACT);
  if (kind != CANDOR_UPDATE_KIND_POST_INCIDENT)
    {
      if (is_blank (contact) && is_blank (candor_update_get_contact_name (update)) &&
          is_blank (candor_update_get_contact_reach (update)))
        add_missing (findings, "missing-contact", CANDOR_FINDING_SEVERITY_WARNING,
                     CANDOR_FIELD_CONTACT, 0,
                     _("Name a person who has time for customers during the outage, and how to "
                       "reach them."));
      /* Asking for patience is for while it lasts; after the fix it reads oddly. */
      else if (ongoing && !text_says (self, LIST_PATIENCE, contact))
        add_missing (findings, "missing-patience", CANDOR_FINDING_SEVERITY_INFO,
                     CANDOR_FIELD_CONTACT, g_utf8_strlen (contact, -1),
                     _("Ask for patience in the same sentence as the contact, e.g. “thank you "
                       "for your patience”."));
    }

  if (ongoing && candor_update_get_next_update_at (update) == NULL &&
      !candor_update_get_next_update_when_changed (update) &&
      !text_says (self, LIST_NEXT_UPDATE,
                  candor_update_get_field (update, CANDOR_FIELD_NEXT_UPDATE)))
    add_missing (findings, "missing-next-update", CANDOR_FINDING_SEVERITY_WARNING,
                 CANDOR_FIELD_NEXT_UPDATE, 0,
                 _("Say when the next update comes: a time, or “when the situation changes”."));

  if (!ongoing)
    {
      if (!update_says (self, LIST_TIMELINE, update))
        add_missing (findings, "missing-timeline", CANDOR_FINDING_SEVERITY_WARNING,
                     CANDOR_FINDING_WHOLE_MESSAGE, 0,
                     _("Give the timeline of the impact: when it started and when it ended."));

      if (is_blank (candor_update_get_field (update, CANDOR_FIELD_ACTIONS_TAKEN)))
        add_missing (findings, "missing-actions", CANDOR_FINDING_SEVERITY_WARNING,
                     CANDOR_FIELD_ACTIONS_TAKEN, 0, _("Say what was done to end the impact."));
      if (is_blank (candor_update_get_field (update, CANDOR_FIELD_ACTIONS_PLANNED)))
        add_missing (findings, "missing-actions", CANDOR_FINDING_SEVERITY_WARNING,
                     CANDOR_FIELD_ACTIONS_PLANNED, 0,
                     _("Say what you will change so that it becomes less likely: the lessons "
                       "learned."));

      if (is_blank (candor_update_get_field (update, CANDOR_FIELD_TECHNICAL_DETAILS)))
        add_missing (findings, "missing-root-cause", CANDOR_FINDING_SEVERITY_WARNING,
                     CANDOR_FIELD_TECHNICAL_DETAILS, 0,
                     _("Give the technical root cause in the technical details."));
    }

  return g_steal_pointer (&findings);
}

CandorFinding *
candor_checker_check_length (CandorChecker *self, CandorDialect format, guint length, guint limit)
{
  g_autofree char *message = NULL;

  g_return_val_if_fail (CANDOR_IS_CHECKER (self), NULL);
  g_return_val_if_fail (format < CANDOR_N_DIALECTS, NULL);

  if (length <= limit)
    return NULL;

  /* Teams and Matrix count the bytes of the payload their API takes. */
  if (candor_dialect_get_info (format)->units == CANDOR_LENGTH_UNITS_BYTES)
    message = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "%s accepts at most %u byte and this is %u; shorten it.",
                   "%s accepts at most %u bytes and this is %u; shorten it.", limit),
      candor_dialect_get_label (format), limit, length);
  else
    message = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "%s accepts at most %u character and this is %u; shorten it.",
                   "%s accepts at most %u characters and this is %u; shorten it.", limit),
      candor_dialect_get_label (format), limit, length);

  return candor_finding_new ("over-limit", CANDOR_FINDING_SEVERITY_ERROR,
                             CANDOR_FINDING_WHOLE_MESSAGE, limit, length, message,
                             _("Move the details to a link, or let the message be split."));
}
