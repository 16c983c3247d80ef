/* candor-checker-check.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-checker"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "candor-checker-private.h"
#include "candor-dialect.h"
#include "candor-language.h"
#include "candor-placeholder.h"

/* Text being checked, with ё folded and a cursor that turns byte offsets
 * into the character offsets the editor underlines with. An update's fields
 * are checked as one text, each field starting a paragraph, so that every
 * rule scans it once: @field_starts then says where each field begins. */
typedef struct
{
  const char  *text;     /* folded: what the lists read */
  const char  *original; /* as written: what a finding quotes */
  char        *folded;
  gsize        length;
  gsize        last_byte;
  glong        last_char;
  const gsize *field_starts; /* CANDOR_N_FIELDS + 1 byte offsets, or NULL */
  CheckGrams  *grams;        /* made when a list first needs them */
  GArray      *sentences;    /* JudgedSentence, once the model has read them */
} CheckedText;

/* A sentence and the rules the sentence model reads it as breaking. */
typedef struct
{
  gsize start;
  gsize end;
  guint judged; /* 1 << CandorPhraseModelRule for each */
} JudgedSentence;

static void
checked_text_init (CheckedText *checked, const char *text)
{
  checked->folded = NULL;
  if (_candor_checker_has_yo (text))
    {
      checked->folded = g_strdup (text);
      _candor_checker_fold_yo (checked->folded);
    }
  checked->text = checked->folded != NULL ? checked->folded : text;
  checked->original = text;
  checked->length = strlen (checked->text);
  checked->last_byte = 0;
  checked->last_char = 0;
  checked->field_starts = NULL;
  checked->grams = NULL;
  checked->sentences = NULL;
}

static void
checked_text_clear (CheckedText *checked)
{
  g_clear_pointer (&checked->folded, g_free);
  if (checked->grams != NULL)
    _candor_checker_grams_clear (checked->grams);
  g_clear_pointer (&checked->grams, g_free);
  g_clear_pointer (&checked->sentences, g_array_unref);
}

static const CheckGrams *
checked_text_get_grams (CheckedText *checked)
{
  if (checked->grams == NULL)
    {
      checked->grams = g_new (CheckGrams, 1);
      _candor_checker_grams_init (checked->grams, checked->text, checked->length);
    }

  return checked->grams;
}

/* Whether @list may match somewhere in @checked: when it cannot, its regex
 * need not run. */
static gboolean
list_may_match (CandorChecker *self, CheckList list, CheckedText *checked)
{
  return self->conditions[list] == NULL ||
         _candor_checker_condition_holds (self->conditions[list], checked_text_get_grams (checked));
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

/* Whether an entry of @list matches in bytes @from to @to of @text. */
static gboolean
list_matches (CandorChecker *self, CheckList list, const char *text, gsize from, gsize to)
{
  GArray *entries = self->entries[list];

  if (entries == NULL)
    return g_regex_match_full (self->lists[list], text, to, from, 0, NULL, NULL);

  for (guint i = 0; i < entries->len; i++)
    {
      GRegex *regex = _candor_checker_entry_get_regex (&g_array_index (entries, CheckEntry, i));

      if (g_regex_match_full (regex, text, to, from, 0, NULL, NULL))
        return TRUE;
    }

  return FALSE;
}

static gboolean
matches_between (CandorChecker *self, CheckList list, CheckedText *checked, gsize from, gsize to)
{
  return list_may_match (self, list, checked) && list_matches (self, list, checked->text, from, to);
}

/* "We expect service to be restored by 15:00" and "we cannot guarantee" are
 * the careful way to say it, not promises: a hedge anywhere in the sentence,
 * or a negation right before the match, makes the match fine. */
static gboolean
is_hedged (CandorChecker *self, CheckedText *checked, gsize start, gsize end)
{
  gsize from = sentence_start (checked->text, start);
  gsize to = sentence_end (checked->text, checked->length, end);

  if (matches_between (self, LIST_HEDGES, checked, from, to))
    return TRUE;

  return matches_between (self, LIST_NEGATIONS, checked, from, start);
}

/* "It was not our provider's fault: the change was ours" denies blame by
 * owning the cause. Ownership in the sentence or the one after it makes a
 * blame match fine; a bare "not our fault" stays a deflection. */
static gboolean
is_owned (CandorChecker *self, CheckedText *checked, gsize start, gsize end)
{
  gsize from = sentence_start (checked->text, start);
  gsize to = sentence_end (checked->text, checked->length, end);

  if (to < checked->length)
    to = sentence_end (checked->text, checked->length, to + 1);

  return matches_between (self, LIST_OWNERSHIP, checked, from, to);
}

typedef enum
{
  RULE_HEDGEABLE = 1 << 0,
  RULE_OWNABLE = 1 << 1,
  /* One finding per sentence: a sentence that blames twice needs rewriting
   * once. Jargon is not, each term being a thing of its own to move. */
  RULE_PER_SENTENCE = 1 << 2,
} RuleFlags;

typedef struct
{
  const char           *rule_id;
  CandorFindingSeverity severity;
  const char           *message;
  const char           *suggestion;
  RuleFlags             flags;
  int                   model_rule; /* a CandorPhraseModelRule, or -1 */
} PhraseRule;

typedef struct
{
  gsize start;
  gsize end;
} Span;

static int
compare_spans (gconstpointer a, gconstpointer b)
{
  const Span *span_a = a;
  const Span *span_b = b;

  if (span_a->start != span_b->start)
    return span_a->start < span_b->start ? -1 : 1;

  return span_a->end < span_b->end ? -1 : span_a->end > span_b->end;
}

static void
add_phrase_finding (const PhraseRule *rule,
                    int               field,
                    CheckedText      *checked,
                    const Span       *span,
                    GPtrArray        *findings)
{
  g_autofree char *quote = NULL;
  gsize            span_end = span->end;
  guint            field_start = 0;
  guint            start, end;

  /* In an update's text, the field the span is in; a match never reaches
   * into the next field. */
  if (checked->field_starts != NULL)
    {
      for (field = 0; field + 1 < CANDOR_N_FIELDS; field++)
        {
          if (span->start < checked->field_starts[field + 1])
            break;
        }
      span_end = MIN (span_end, checked->field_starts[field + 1]);
      field_start = checked_text_char_offset (checked, checked->field_starts[field]);
    }

  /* Folding keeps every byte where it was, so the span fits both texts. */
  quote = g_strndup (checked->original + span->start, span_end - span->start);
  start = checked_text_char_offset (checked, span->start) - field_start;
  end = checked_text_char_offset (checked, span_end) - field_start;

  g_ptr_array_add (findings,
                   candor_finding_new_quoted (rule->rule_id, rule->severity, field, start, end,
                                              quote, _(rule->message), _(rule->suggestion)));
}

/* The next match of @entry from byte @from on, or -1 in @start. */
static void
entry_match (CheckEntry *entry, const CheckedText *checked, gsize from, gssize *start, gssize *end)
{
  g_autoptr (GMatchInfo) match_info = NULL;
  int match_start, match_end;

  *start = -1;
  if (g_regex_match_full (_candor_checker_entry_get_regex (entry), checked->text, checked->length,
                          from, 0, &match_info, NULL) &&
      g_match_info_fetch_pos (match_info, 0, &match_start, &match_end))
    {
      *start = match_start;
      *end = match_end;
    }
}

/* An entry that may match, and its next match (start -1: none). */
typedef struct
{
  CheckEntry *entry;
  gssize      start;
  gssize      end;
} NextMatch;

/* The matches of @list in @checked, one after the other as its joined
 * regex finds them. Where its entries run alone, the joined regex's match
 * is the one that starts first, and of those that start at the same place
 * the first entry's; the next is looked for where it ends. (Each entry
 * that runs alone needs some text, so no match is empty.) */
static void
find_matches (CandorChecker *self, CheckList list, CheckedText *checked, GArray *spans)
{
  g_autoptr (GArray) next = NULL;
  GArray *entries = self->entries[list];

  if (entries == NULL)
    {
      g_autoptr (GMatchInfo) match_info = NULL;

      if (!list_may_match (self, list, checked))
        return;
      g_regex_match_full (self->lists[list], checked->text, checked->length, 0, 0, &match_info,
                          NULL);
      for (; g_match_info_matches (match_info); g_match_info_next (match_info, NULL))
        {
          int  start, end;
          Span span;

          if (!g_match_info_fetch_pos (match_info, 0, &start, &end) || start == end)
            continue;
          span.start = start;
          span.end = end;
          g_array_append_val (spans, span);
        }
      return;
    }

  next = g_array_new (FALSE, FALSE, sizeof (NextMatch));
  for (guint i = 0; i < entries->len; i++)
    {
      NextMatch match = { &g_array_index (entries, CheckEntry, i), -1, -1 };

      if (match.entry->condition != NULL &&
          !_candor_checker_condition_holds (match.entry->condition,
                                            checked_text_get_grams (checked)))
        continue;
      entry_match (match.entry, checked, 0, &match.start, &match.end);
      if (match.start >= 0)
        g_array_append_val (next, match);
    }

  for (;;)
    {
      const NextMatch *first = NULL;
      Span             span;

      for (guint i = 0; i < next->len; i++)
        {
          const NextMatch *match = &g_array_index (next, NextMatch, i);

          if (match->start >= 0 && (first == NULL || match->start < first->start))
            first = match;
        }
      if (first == NULL)
        break;

      span.start = first->start;
      span.end = first->end;
      g_array_append_val (spans, span);

      for (guint i = 0; i < next->len; i++)
        {
          NextMatch *match = &g_array_index (next, NextMatch, i);

          if (match->start >= 0 && (gsize)match->start < span.end)
            entry_match (match->entry, checked, span.end, &match->start, &match->end);
        }
    }
}

/* The technical details name systems, providers and causes as a matter of
 * course; the model, trained on what customers read, takes that for blame,
 * so there only the lists speak. */
static gboolean
in_technical_details (const CheckedText *checked, gsize byte)
{
  return checked->field_starts != NULL &&
         byte >= checked->field_starts[CANDOR_FIELD_TECHNICAL_DETAILS] &&
         byte < checked->field_starts[CANDOR_FIELD_TECHNICAL_DETAILS + 1];
}

/* The sentences of @checked with what the model reads in each. A sentence
 * ends as sentence_end() says; its quote leaves out the list marker and the
 * spaces around it. */
static GArray *
judged_sentences (CandorChecker *self, CheckedText *checked)
{
  gsize start = 0;

  if (checked->sentences != NULL)
    return checked->sentences;

  checked->sentences = g_array_new (FALSE, FALSE, sizeof (JudgedSentence));
  while (start < checked->length)
    {
      gsize end = sentence_end (checked->text, checked->length, start);
      gsize next =
        end < checked->length && (checked->text[end] == '\n' || checked->text[end] == ';') ? end + 1
                                                                                           : end;
      JudgedSentence sentence;

      while (start < end && (g_ascii_isspace (checked->text[start]) ||
                             strchr ("-*+>•", checked->text[start]) != NULL))
        start++;
      while (end > start && g_ascii_isspace (checked->text[end - 1]))
        end--;

      if (end > start && !in_technical_details (checked, start))
        {
          sentence.start = start;
          sentence.end = end;
          sentence.judged = candor_phrase_model_judge (self->model, checked->text, start, end);
          if (sentence.judged != 0)
            g_array_append_val (checked->sentences, sentence);
        }
      start = MAX (next, start + 1);
    }

  return checked->sentences;
}

/* The model's word on the sentences no pattern of the rule matched in: a
 * whole sentence the lists were not written for, excused as a match would
 * be. A sentence where a pattern matched and was excused ("we cannot
 * guarantee") is the lists' to judge: @matched holds every match, excused
 * or not. */
static void
collect_judged_sentences (CandorChecker    *self,
                          const PhraseRule *rule,
                          CheckedText      *checked,
                          const GArray     *matched,
                          GArray           *spans)
{
  GArray *sentences;

  if (self->model == NULL || rule->model_rule < 0)
    return;

  sentences = judged_sentences (self, checked);
  for (guint i = 0; i < sentences->len; i++)
    {
      const JudgedSentence *sentence = &g_array_index (sentences, JudgedSentence, i);
      gboolean              read_by_lists = FALSE;
      Span                  span = { sentence->start, sentence->end };

      if (!(sentence->judged & (1u << rule->model_rule)))
        continue;
      for (guint m = 0; m < matched->len && !read_by_lists; m++)
        {
          const Span *match = &g_array_index (matched, Span, m);

          read_by_lists = match->start < sentence->end && match->end > sentence->start;
        }
      if (read_by_lists)
        continue;
      if ((rule->flags & RULE_HEDGEABLE) && is_hedged (self, checked, span.start, span.end))
        continue;
      if ((rule->flags & RULE_OWNABLE) && is_owned (self, checked, span.start, span.end))
        continue;

      g_array_append_val (spans, span);
    }
}

/* Every list of @lists is matched, then overlapping matches, and for a
 * RULE_PER_SENTENCE rule the matches of one sentence, become one finding
 * whose quote runs from the first matched word to the last. */
static void
find_phrases (CandorChecker    *self,
              const CheckList  *lists,
              guint             n_lists,
              const PhraseRule *rule,
              int               field,
              CheckedText      *checked,
              GPtrArray        *findings)
{
  g_autoptr (GArray) spans = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autoptr (GArray) matches = g_array_new (FALSE, FALSE, sizeof (Span));
  Span current;

  for (guint l = 0; l < n_lists; l++)
    find_matches (self, lists[l], checked, matches);
  for (guint i = 0; i < matches->len; i++)
    {
      const Span *match = &g_array_index (matches, Span, i);

      if ((rule->flags & RULE_HEDGEABLE) && is_hedged (self, checked, match->start, match->end))
        continue;
      if ((rule->flags & RULE_OWNABLE) && is_owned (self, checked, match->start, match->end))
        continue;
      g_array_append_val (spans, *match);
    }
  collect_judged_sentences (self, rule, checked, matches, spans);

  if (spans->len == 0)
    return;

  g_array_sort (spans, compare_spans);
  current = g_array_index (spans, Span, 0);
  for (guint i = 1; i < spans->len; i++)
    {
      const Span *next = &g_array_index (spans, Span, i);

      if (next->start < current.end ||
          ((rule->flags & RULE_PER_SENTENCE) && sentence_start (checked->text, next->start) ==
                                                  sentence_start (checked->text, current.start)))
        {
          current.end = MAX (current.end, next->end);
          continue;
        }

      add_phrase_finding (rule, field, checked, &current, findings);
      current = *next;
    }
  add_phrase_finding (rule, field, checked, &current, findings);
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

static int
compare_findings_by_field_and_span (gconstpointer a, gconstpointer b)
{
  int field_a = candor_finding_get_field (*(CandorFinding *const *)a);
  int field_b = candor_finding_get_field (*(CandorFinding *const *)b);

  if (field_a != field_b)
    return field_a < field_b ? -1 : 1;

  return compare_findings_by_span (a, b);
}

static const PhraseRule blame_rule = {
  "blame",
  CANDOR_FINDING_SEVERITY_WARNING,
  N_("Blaming a vendor, a customer or a colleague shifts attention away from what customers "
     "need; say what happened instead."),
      N_("Describe the failure itself, e.g. “a failed configuration change stopped payments”."),
          RULE_OWNABLE | RULE_PER_SENTENCE,
          CANDOR_PHRASE_MODEL_BLAME,
  };

static const PhraseRule guilt_rule = {
  "guilt",
  CANDOR_FINDING_SEVERITY_WARNING,
  N_("Self-reproach makes the message about you, not the customer; apologize once and say "
     "what you are doing."),
      N_("“We are sorry for the disruption this causes.”"),
          RULE_PER_SENTENCE,
          CANDOR_PHRASE_MODEL_GUILT,
  };

static const PhraseRule promise_rule = {
  "promise",
  CANDOR_FINDING_SEVERITY_WARNING,
  N_("While the incident is ongoing you cannot be sure of this; a broken promise costs more "
     "trust than the outage."),
      N_("Give an estimate (“we expect …”) or say when you will update next."),
          RULE_HEDGEABLE | RULE_PER_SENTENCE,
          CANDOR_PHRASE_MODEL_PROMISE,
  };

static const PhraseRule promise_after_resolution_rule = {
  "promise",
  CANDOR_FINDING_SEVERITY_WARNING,
  N_("No one can promise that it never happens again; say what you are changing to make it "
     "less likely."),
      N_("“We are changing … so that this kind of failure is caught earlier.”"),
          RULE_HEDGEABLE | RULE_PER_SENTENCE,
          -1,
  };

static const PhraseRule jargon_rule = {
  "jargon",
  CANDOR_FINDING_SEVERITY_WARNING,
  N_("The executive summary should be clear to anyone at first reading; move technical terms, "
     "codes and host names to the technical details."),
      N_("Say what it means for customers, e.g. “our database stopped accepting orders”."), 0, -1,
  };

static gboolean
kind_is_after_resolution (CandorUpdateKind kind)
{
  return kind == CANDOR_UPDATE_KIND_RESOLUTION || kind == CANDOR_UPDATE_KIND_POST_INCIDENT;
}

static const CheckList jargon_lists[] = { LIST_JARGON };

/* Blame, guilt and promises; jargon is only a rule of the executive summary. */
static void
check_phrases (CandorChecker *self,
               int            field,
               CheckedText   *checked,
               gboolean       resolved,
               GPtrArray     *findings)
{
  static const CheckList blame[] = { LIST_BLAME };
  static const CheckList guilt[] = { LIST_GUILT };
  static const CheckList promise[] = { LIST_PROMISE, LIST_PROMISE_AFTER_RESOLUTION };

  if (checked->length == 0)
    return;

  find_phrases (self, blame, G_N_ELEMENTS (blame), &blame_rule, field, checked, findings);
  find_phrases (self, guilt, G_N_ELEMENTS (guilt), &guilt_rule, field, checked, findings);
  /* Once it is over, only "never again" is still a promise no one can keep. */
  if (resolved)
    find_phrases (self, promise + 1, 1, &promise_after_resolution_rule, field, checked, findings);
  else
    find_phrases (self, promise, G_N_ELEMENTS (promise), &promise_rule, field, checked, findings);
  if (field == CANDOR_FIELD_EXECUTIVE_SUMMARY)
    find_phrases (self, jargon_lists, 1, &jargon_rule, field, checked, findings);
}

static void
check_phrases_in_text (CandorChecker *self,
                       int            field,
                       const char    *text,
                       gboolean       resolved,
                       GPtrArray     *findings)
{
  CheckedText checked;

  checked_text_init (&checked, text);
  check_phrases (self, field, &checked, resolved, findings);
  checked_text_clear (&checked);
}

/* The checks of one language find nothing in another: say so instead of
 * passing the text as clean. */
static void
check_language (CandorChecker *self, const char *text, GPtrArray *findings)
{
  const char      *detected = candor_checker_detect_language (text);
  g_autofree char *message = NULL;

  if (detected == NULL || g_str_equal (detected, self->language))
    return;

  /* TRANSLATORS: the first %s is the language the text is written in, the second the language
   * of the message set in the wizard's first step, e.g. "Russian", "English". */
  message = g_strdup_printf (_("The text is in %s, but the message is set to %s, so its checks "
                               "cannot read it."),
                                candor_language_get_label (detected),
                                candor_language_get_label (self->language));
  g_ptr_array_add (
    findings, candor_finding_new ("language-mismatch", CANDOR_FINDING_SEVERITY_WARNING,
                                  CANDOR_FINDING_WHOLE_MESSAGE, 0, 0, message,
                                  _("Set the message’s language to the one it is written in.")));
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
  GPtrArray *findings;

  g_return_val_if_fail (CANDOR_IS_CHECKER (self), NULL);
  g_return_val_if_fail (field >= CANDOR_FINDING_WHOLE_MESSAGE && field < CANDOR_N_FIELDS, NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (g_utf8_validate (text, -1, NULL), NULL);

  findings = g_ptr_array_new_with_free_func (g_object_unref);
  check_phrases_in_text (self, field, text, resolved || kind_is_after_resolution (kind), findings);
  g_ptr_array_sort (findings, compare_findings_by_span);
  check_language (self, text, findings);

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
  CheckedText checked;
  gboolean    says;

  if (text == NULL || is_blank (text))
    return FALSE;

  checked_text_init (&checked, text);
  says = matches_between (self, list, &checked, 0, checked.length);
  checked_text_clear (&checked);

  return says;
}

/* The parts a message must have, told apart from how they were found: the
 * wizard has a field for each, a pasted message only its words. */
typedef enum
{
  PART_IMPACT,
  PART_LASTING_CONSEQUENCES,
  PART_CONTACT,
  PART_PATIENCE,
  PART_NEXT_UPDATE,
  PART_TIMELINE,
  PART_ACTIONS_TAKEN,
  PART_ACTIONS_PLANNED,
  PART_ROOT_CAUSE,
  N_PARTS
} Part;

/* Where the finding about a missing part points: a field of the wizard, or
 * nowhere in particular in a plain message. */
typedef struct
{
  gboolean said[N_PARTS];
  int      field[N_PARTS];
  guint    end[N_PARTS];
} Parts;

static const CheckList part_lists[N_PARTS] = {
  [PART_IMPACT] = LIST_IMPACT,
  [PART_LASTING_CONSEQUENCES] = LIST_LASTING_CONSEQUENCES,
  [PART_CONTACT] = LIST_CONTACT,
  [PART_PATIENCE] = LIST_PATIENCE,
  [PART_NEXT_UPDATE] = LIST_NEXT_UPDATE_MESSAGE,
  [PART_TIMELINE] = LIST_TIMELINE,
  [PART_ACTIONS_TAKEN] = LIST_ACTIONS_TAKEN,
  [PART_ACTIONS_PLANNED] = LIST_ACTIONS_PLANNED,
  [PART_ROOT_CAUSE] = LIST_ROOT_CAUSE,
};

static void
add_missing (GPtrArray            *findings,
             const Parts          *parts,
             Part                  part,
             const char           *rule_id,
             CandorFindingSeverity severity,
             const char           *message)
{
  g_ptr_array_add (findings, candor_finding_new (rule_id, severity, parts->field[part], 0,
                                                 parts->end[part], message, NULL));
}

/* One judgement for the wizard and for a pasted message, so the two can
 * never disagree about what a message lacks. */
static void
check_parts (const Parts *parts, CandorUpdateKind kind, GPtrArray *findings)
{
  gboolean ongoing = !kind_is_after_resolution (kind);

  if (!parts->said[PART_IMPACT])
    add_missing (findings, parts, PART_IMPACT, "missing-impact", CANDOR_FINDING_SEVERITY_ERROR,
                 _("Say plainly what is affected now: which service, for whom, and how."));

  /* Customers ask first whether they lost anything. */
  if (!parts->said[PART_LASTING_CONSEQUENCES])
    add_missing (findings, parts, PART_LASTING_CONSEQUENCES, "missing-lasting-consequences",
                 CANDOR_FINDING_SEVERITY_WARNING,
                 _("Say whether anything was lost, such as data, orders or work time, or say "
                   "that nothing was."));

  if (kind != CANDOR_UPDATE_KIND_POST_INCIDENT)
    {
      if (!parts->said[PART_CONTACT])
        add_missing (findings, parts, PART_CONTACT, "missing-contact",
                     CANDOR_FINDING_SEVERITY_WARNING,
                     _("Name a person who has time for customers during the outage, and how to "
                       "reach them."));
      /* Asking for patience is for while it lasts; after the fix it reads oddly. */
      else if (ongoing && !parts->said[PART_PATIENCE])
        add_missing (findings, parts, PART_PATIENCE, "missing-patience",
                     CANDOR_FINDING_SEVERITY_INFO,
                     _("Ask for patience in the same sentence as the contact, e.g. “thank you "
                       "for your patience”."));
    }

  if (ongoing && !parts->said[PART_NEXT_UPDATE])
    add_missing (findings, parts, PART_NEXT_UPDATE, "missing-next-update",
                 CANDOR_FINDING_SEVERITY_WARNING,
                 _("Say when the next update comes: a time, or “when the situation changes”."));

  if (ongoing)
    return;

  if (!parts->said[PART_TIMELINE])
    add_missing (findings, parts, PART_TIMELINE, "missing-timeline",
                 CANDOR_FINDING_SEVERITY_WARNING,
                 _("Give the timeline of the impact: when it started and when it ended."));
  if (!parts->said[PART_ACTIONS_TAKEN])
    add_missing (findings, parts, PART_ACTIONS_TAKEN, "missing-actions",
                 CANDOR_FINDING_SEVERITY_WARNING, _("Say what was done to end the impact."));
  if (!parts->said[PART_ACTIONS_PLANNED])
    add_missing (findings, parts, PART_ACTIONS_PLANNED, "missing-actions",
                 CANDOR_FINDING_SEVERITY_WARNING,
                 _("Say what you will change so that it becomes less likely: the lessons "
                   "learned."));
  if (!parts->said[PART_ROOT_CAUSE])
    add_missing (findings, parts, PART_ROOT_CAUSE, "missing-root-cause",
                 CANDOR_FINDING_SEVERITY_WARNING,
                 _("Give the technical root cause in the technical details."));
}

/* What a template left for the author to write ("[company name]",
 * "{{contact_name}}") reads as real text to a customer: an error, one per
 * placeholder, that only filling it in or deleting it clears. */
static void
check_placeholders (int field, const char *text, GPtrArray *findings)
{
  gsize start, end, from = 0;

  while (candor_placeholder_find (text, from, &start, &end))
    {
      g_autofree char *quote = g_strndup (text + start, end - start);
      g_ptr_array_add (findings,
                       candor_finding_new_quoted (
                         "placeholder", CANDOR_FINDING_SEVERITY_ERROR, field,
                         g_utf8_pointer_to_offset (text, text + start),
                         g_utf8_pointer_to_offset (text, text + end), quote,
                         _("A placeholder is left here, not the text your readers need"),
                            _("Write what it stands for, or delete it. Publish waits until no "
                           "placeholder is left.")));
      from = end;
    }
}

GPtrArray *
candor_checker_check_message (CandorChecker   *self,
                              const char      *text,
                              CandorUpdateKind kind,
                              gboolean         resolved)
{
  GPtrArray *findings;
  Parts      parts;

  g_return_val_if_fail (CANDOR_IS_CHECKER (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (g_utf8_validate (text, -1, NULL), NULL);

  findings = g_ptr_array_new_with_free_func (g_object_unref);
  check_phrases_in_text (self, CANDOR_FINDING_WHOLE_MESSAGE, text,
                         resolved || kind_is_after_resolution (kind), findings);
  g_ptr_array_sort (findings, compare_findings_by_span);
  check_language (self, text, findings);
  check_placeholders (CANDOR_FINDING_WHOLE_MESSAGE, text, findings);

  for (guint part = 0; part < N_PARTS; part++)
    {
      parts.said[part] = text_says (self, part_lists[part], text);
      parts.field[part] = CANDOR_FINDING_WHOLE_MESSAGE;
      parts.end[part] = 0;
    }
  check_parts (&parts, kind, findings);

  return findings;
}

/* A time zone abbreviation as messages write it, and its offset in minutes. */
static const struct
{
  const char *name;
  int         minutes;
} zones[] = {
  { "UTC", 0 },    { "GMT", 0 },    { "CET", 60 },   { "CEST", 120 }, { "EET", 120 },
  { "EEST", 180 }, { "MSK", 180 },  { "МСК", 180 },  { "BST", 60 },   { "EST", -300 },
  { "EDT", -240 }, { "CST", -360 }, { "CDT", -300 }, { "MST", -420 }, { "MDT", -360 },
  { "PST", -480 }, { "PDT", -420 }, { "IST", 330 },  { "JST", 540 },
};

static gboolean
same_clock_time (GDateTime *at, GTimeZone *zone, int hour, int minute)
{
  g_autoptr (GDateTime) there = g_date_time_to_timezone (at, zone);

  return g_date_time_get_hour (there) == hour && g_date_time_get_minute (there) == minute;
}

/* Whether "11:00" (in @zone_name, or without one in the chosen time's own
 * zone or the local one) is the time @at. */
static gboolean
is_promised_time (GDateTime *at, int hour, int minute, const char *zone_name)
{
  g_autoptr (GTimeZone) local = NULL;

  if (zone_name != NULL && *zone_name != '\0')
    {
      for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
        {
          if (g_ascii_strcasecmp (zones[i].name, zone_name) == 0 ||
              g_str_equal (zones[i].name, zone_name))
            {
              g_autoptr (GTimeZone) zone = g_time_zone_new_offset (zones[i].minutes * 60);

              return same_clock_time (at, zone, hour, minute);
            }
        }
    }

  local = g_time_zone_new_local ();

  return same_clock_time (at, g_date_time_get_timezone (at), hour, minute) ||
         same_clock_time (at, local, hour, minute);
}

static int
fetch_named_int (GMatchInfo *match_info, const char *name)
{
  g_autofree char *value = g_match_info_fetch_named (match_info, name);

  return value != NULL && *value != '\0' ? atoi (value) : -1;
}

/* "Next update by 11:00 UTC" in the text while the wizard's next update is
 * another time: one of the two is wrong, and the reminder follows the wizard. */
static void
check_promised_time (CandorChecker *self, CandorUpdate *update, GPtrArray *findings)
{
  GDateTime *at = candor_update_get_next_update_at (update);

  if (at == NULL)
    return;

  for (int field = 0; field < CANDOR_N_FIELDS; field++)
    {
      g_autoptr (GMatchInfo) match_info = NULL;
      CheckedText checked;

      if (is_blank (candor_update_get_field (update, field)))
        continue;

      checked_text_init (&checked, candor_update_get_field (update, field));
      g_regex_match_full (self->lists[LIST_PROMISED_TIME], checked.text, checked.length, 0, 0,
                          &match_info, NULL);
      for (; g_match_info_matches (match_info); g_match_info_next (match_info, NULL))
        {
          g_autofree char *ampm = g_match_info_fetch_named (match_info, "ampm");
          g_autofree char *zone = g_match_info_fetch_named (match_info, "zone");
          g_autofree char *time = g_match_info_fetch_named (match_info, "time");
          g_autofree char *chosen = NULL;
          g_autofree char *message = NULL;
          int              hour = fetch_named_int (match_info, "hour");
          int              minute = MAX (fetch_named_int (match_info, "minute"), 0);
          int              start, end;

          if (hour < 0 || hour > 23 ||
              !g_match_info_fetch_named_pos (match_info, "time", &start, &end))
            continue;
          if (ampm != NULL && (ampm[0] == 'p' || ampm[0] == 'P') && hour < 12)
            hour += 12;
          else if (ampm != NULL && (ampm[0] == 'a' || ampm[0] == 'A') && hour == 12)
            hour = 0;

          if (is_promised_time (at, hour, minute, zone))
            continue;

          chosen = g_date_time_format (at, "%H:%M %Z");
          /* TRANSLATORS: %s is the next update chosen in the wizard, e.g. "12:00 UTC". */
          message = g_strdup_printf (_("The text promises the next update at another time than "
                                       "the one chosen, %s."),
                                        chosen);
          g_ptr_array_add (
            findings,
            candor_finding_new_quoted (
              "next-update-mismatch", CANDOR_FINDING_SEVERITY_WARNING, field,
              checked_text_char_offset (&checked, start), checked_text_char_offset (&checked, end),
              time, message,
              _("Change the time in the text or the chosen next update so that they agree.")));
        }
      checked_text_clear (&checked);
    }
}

GPtrArray *
candor_checker_check_update (CandorChecker *self, CandorIncident *incident, CandorUpdate *update)
{
  g_autoptr (GPtrArray) findings = NULL;
  g_autoptr (GString) whole = g_string_new (NULL);
  gsize            field_starts[CANDOR_N_FIELDS + 1];
  CheckedText      checked;
  CandorUpdateKind kind;
  gboolean         resolved;
  const char      *contact;
  const char      *summary;
  Parts            parts;

  g_return_val_if_fail (CANDOR_IS_CHECKER (self), NULL);
  g_return_val_if_fail (CANDOR_IS_INCIDENT (incident), NULL);
  g_return_val_if_fail (CANDOR_IS_UPDATE (update), NULL);

  kind = candor_update_get_kind (update);
  resolved = kind_is_after_resolution (kind) ||
             candor_incident_get_state (incident) == CANDOR_INCIDENT_STATE_RESOLVED;

  findings = g_ptr_array_new_with_free_func (g_object_unref);

  for (int field = 0; field < CANDOR_N_FIELDS; field++)
    {
      field_starts[field] = whole->len;
      g_string_append (whole, candor_update_get_field (update, field));
      g_string_append (whole, "\n\n");
    }
  field_starts[CANDOR_N_FIELDS] = whole->len;

  /* Every field in one pass of each rule; the fields are in order, so the
   * findings sorted by their place in the text are sorted field by field. */
  checked_text_init (&checked, whole->str);
  checked.field_starts = field_starts;
  check_phrases (self, CANDOR_FINDING_WHOLE_MESSAGE, &checked, resolved, findings);
  g_ptr_array_sort (findings, compare_findings_by_field_and_span);
  checked_text_clear (&checked);

  summary = candor_update_get_field (update, CANDOR_FIELD_EXECUTIVE_SUMMARY);
  if (*summary != '\0')
    {
      checked_text_init (&checked, summary);
      find_phrases (self, jargon_lists, 1, &jargon_rule, CANDOR_FIELD_EXECUTIVE_SUMMARY, &checked,
                    findings);
      checked_text_clear (&checked);
      g_ptr_array_sort (findings, compare_findings_by_field_and_span);
    }
  check_promised_time (self, update, findings);
  check_language (self, whole->str, findings);
  for (int field = 0; field < CANDOR_N_FIELDS; field++)
    check_placeholders (field, candor_update_get_field (update, field), findings);

  /* Each field of the wizard is the statement it asks for; words anywhere
   * in the message count too, as they do in a pasted one. */
  contact = candor_update_get_field (update, CANDOR_FIELD_CONTACT);
  parts.said[PART_IMPACT] = !is_blank (candor_update_get_field (update, CANDOR_FIELD_IMPACT_NOW));
  parts.said[PART_LASTING_CONSEQUENCES] =
    !is_blank (candor_update_get_field (update, CANDOR_FIELD_LASTING_CONSEQUENCES)) ||
    candor_update_get_no_lasting_consequences (update) ||
    text_says (self, LIST_LASTING_CONSEQUENCES, whole->str);
  parts.said[PART_CONTACT] = !is_blank (contact) ||
                             !is_blank (candor_update_get_contact_name (update)) ||
                             !is_blank (candor_update_get_contact_reach (update));
  parts.said[PART_PATIENCE] = text_says (self, LIST_PATIENCE, contact);
  parts.said[PART_NEXT_UPDATE] =
    candor_update_get_next_update_at (update) != NULL ||
    candor_update_get_next_update_when_changed (update) ||
    text_says (self, LIST_NEXT_UPDATE, candor_update_get_field (update, CANDOR_FIELD_NEXT_UPDATE));
  /* Only a resolution needs a timeline: no need to look for one otherwise. */
  parts.said[PART_TIMELINE] =
    !kind_is_after_resolution (kind) || text_says (self, LIST_TIMELINE, whole->str);
  parts.said[PART_ACTIONS_TAKEN] =
    !is_blank (candor_update_get_field (update, CANDOR_FIELD_ACTIONS_TAKEN));
  parts.said[PART_ACTIONS_PLANNED] =
    !is_blank (candor_update_get_field (update, CANDOR_FIELD_ACTIONS_PLANNED));
  parts.said[PART_ROOT_CAUSE] =
    !is_blank (candor_update_get_field (update, CANDOR_FIELD_TECHNICAL_DETAILS));

  parts.field[PART_IMPACT] = CANDOR_FIELD_IMPACT_NOW;
  parts.field[PART_LASTING_CONSEQUENCES] = CANDOR_FIELD_LASTING_CONSEQUENCES;
  parts.field[PART_CONTACT] = CANDOR_FIELD_CONTACT;
  parts.field[PART_PATIENCE] = CANDOR_FIELD_CONTACT;
  parts.field[PART_NEXT_UPDATE] = CANDOR_FIELD_NEXT_UPDATE;
  parts.field[PART_TIMELINE] = CANDOR_FINDING_WHOLE_MESSAGE;
  parts.field[PART_ACTIONS_TAKEN] = CANDOR_FIELD_ACTIONS_TAKEN;
  parts.field[PART_ACTIONS_PLANNED] = CANDOR_FIELD_ACTIONS_PLANNED;
  parts.field[PART_ROOT_CAUSE] = CANDOR_FIELD_TECHNICAL_DETAILS;
  memset (parts.end, 0, sizeof parts.end);
  /* The patience request belongs in the contact's sentence: point at it. */
  parts.end[PART_PATIENCE] = g_utf8_strlen (contact, -1);

  check_parts (&parts, kind, findings);

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
