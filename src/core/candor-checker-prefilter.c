/* candor-checker-prefilter.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-checker"

#include "config.h"

#include <string.h>

#include "candor-checker-private.h"

/* What a pattern of a checks file needs in a text to match there, read
 * from the pattern as it is written (see candor-checker-condition.c).
 * Literal text is followed through groups and alternations while its exact
 * texts stay few, as RE2's prefilter does: "(?:his|her)\s+fault" needs
 * "his fault" or "her fault". A word list ("{party}") is read once, the
 * first time a pattern uses it. Only what this reads is trusted: a pattern
 * with a construct it does not know has no condition, and runs on every
 * text. */

/* What a piece of pattern matches, as far as conditions go: a few exact
 * texts, folded (an assertion matches the empty text), or, when there are
 * too many or they are not known, a condition (%NULL: none). */
typedef struct
{
  GPtrArray      *exact; /* of char *, or NULL */
  CheckCondition *condition;
  CheckCondition *asserted; /* what a lookahead or lookbehind in it needs */
} Piece;

/* The word lists ("{party}") as written, and the pieces of those a
 * pattern used so far, by name: many are only used by lists that get no
 * conditions. */
struct _CheckWords
{
  GHashTable *written; /* of char *, the list's entries joined by "|" */
  GHashTable *pieces;  /* of Piece */
};

typedef struct
{
  const char *p;
  CheckWords *words;
  gboolean    failed; /* a construct this reader does not know: no condition */
  gboolean    named;  /* a named group */
  guint       depth;  /* of groups, for a limit where PCRE2 has one */
} Parser;

/* At most this many exact texts are kept for a piece of pattern; past it,
 * they become a condition ("one of these is there") and the texts that
 * follow start afresh. */
#define MAX_EXACT 64

static void
piece_clear (Piece *piece)
{
  g_clear_pointer (&piece->exact, g_ptr_array_unref);
  g_clear_pointer (&piece->condition, _candor_checker_condition_unref);
  g_clear_pointer (&piece->asserted, _candor_checker_condition_unref);
}

static Piece
piece_copy (const Piece *piece)
{
  Piece copy = { NULL, _candor_checker_condition_ref (piece->condition),
                 _candor_checker_condition_ref (piece->asserted) };

  if (piece->exact != NULL)
    {
      copy.exact = g_ptr_array_new_full (piece->exact->len, g_free);
      for (guint i = 0; i < piece->exact->len; i++)
        {
          g_ptr_array_add (copy.exact, g_strdup (g_ptr_array_index (piece->exact, i)));
        }
    }

  return copy;
}

static Piece
piece_new_text (const char *text)
{
  Piece piece = { g_ptr_array_new_full (1, g_free), NULL, NULL };

  g_ptr_array_add (piece.exact, g_strdup (text));

  return piece;
}

static Piece
piece_new_unknown (void)
{
  Piece piece = { NULL, NULL, NULL };

  return piece;
}

/* The piece as a condition; takes it. */
static CheckCondition *
piece_steal_condition (Piece *piece)
{
  g_autoptr (GPtrArray) all =
    g_ptr_array_new_with_free_func ((GDestroyNotify)_candor_checker_condition_unref);

  if (piece->exact == NULL)
    g_ptr_array_add (all, g_steal_pointer (&piece->condition));
  else
    g_ptr_array_add (all, _candor_checker_condition_texts (piece->exact));
  g_ptr_array_add (all, g_steal_pointer (&piece->asserted));
  piece_clear (piece);

  return _candor_checker_condition_all (all);
}

/* Every text of @left followed by every one of @right, spaces run together
 * as the pieces of a text have them. */
static GPtrArray *
exact_concat (GPtrArray *left, GPtrArray *right)
{
  GPtrArray *result = g_ptr_array_new_full (left->len * right->len, g_free);

  for (guint i = 0; i < left->len; i++)
    {
      const char *l = g_ptr_array_index (left, i);
      gsize       length = strlen (l);

      for (guint j = 0; j < right->len; j++)
        {
          const char *r = g_ptr_array_index (right, j);

          if (length > 0 && l[length - 1] == ' ' && r[0] == ' ')
            r++;
          g_ptr_array_add (result, g_strconcat (l, r, NULL));
        }
    }

  return result;
}

/* Whether @exact is the empty text alone, as an assertion matches. */
static gboolean
is_empty_text (GPtrArray *exact)
{
  return exact->len == 1 && *(const char *)g_ptr_array_index (exact, 0) == '\0';
}

static void
exact_add (GPtrArray *exact, const char *text)
{
  for (guint i = 0; i < exact->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (exact, i), text))
        return;
    }
  g_ptr_array_add (exact, g_strdup (text));
}

static Piece        parse_alternation (Parser *parser);
static const Piece *words_lookup (CheckWords *words, const char *name);

/* A quantifier after an atom: how often it may repeat (max is G_MAXUINT for
 * no limit). A brace that does not open a count is a literal one. */
static gboolean
parse_quantifier (Parser *parser, guint *min, guint *max)
{
  const char *p = parser->p;

  if (*p == '?' || *p == '*' || *p == '+')
    {
      *min = *p == '+' ? 1 : 0;
      *max = *p == '?' ? 1 : G_MAXUINT;
      p++;
    }
  else if (*p == '{' && g_ascii_isdigit (p[1]))
    {
      const char *q = p + 1;

      *min = (guint)MIN (g_ascii_strtoull (q, (char **)&q, 10), G_MAXUINT - 1);
      *max = *min;
      if (*q == ',')
        {
          q++;
          *max = g_ascii_isdigit (*q)
                   ? (guint)MIN (g_ascii_strtoull (q, (char **)&q, 10), G_MAXUINT - 1)
                   : G_MAXUINT;
        }
      if (*q != '}')
        return FALSE;
      p = q + 1;
    }
  else
    return FALSE;

  /* Lazy or possessive: the same texts. */
  if (*p == '?' || *p == '+')
    p++;
  parser->p = p;

  return TRUE;
}

/* Quotes and dashes ("’", "«", "—"): caseless matching takes them for
 * themselves only. */
static gboolean
is_caseless_punctuation (gunichar c)
{
  switch (g_unichar_type (c))
    {
      case G_UNICODE_CONNECT_PUNCTUATION:
      case G_UNICODE_DASH_PUNCTUATION:
      case G_UNICODE_CLOSE_PUNCTUATION:
      case G_UNICODE_FINAL_PUNCTUATION:
      case G_UNICODE_INITIAL_PUNCTUATION:
      case G_UNICODE_OTHER_PUNCTUATION:
      case G_UNICODE_OPEN_PUNCTUATION:
        return g_unichar_tolower (c) == c && g_unichar_toupper (c) == c &&
               g_unichar_totitle (c) == c;
      default:
        return FALSE;
    }
}

/* Folded text for a literal character of a pattern, or %NULL when caseless
 * matching may take it for a character the pieces of a text do not fold to
 * it. */
static gboolean
fold_literal (gunichar c, char out[8])
{
  if (c < 0x80 && (g_ascii_isspace ((char)c) || c == 0x0B))
    c = ' ';
  else if (c < 0x80 || (c >= 0x400 && c <= 0x45F))
    c = _candor_checker_fold_char (c);
  else if (!is_caseless_punctuation (c))
    return FALSE;

  out[g_unichar_to_utf8 (c, out)] = '\0';

  return TRUE;
}

/* A bracketed class: its characters when they are a few plain ones, as
 * in "[её]". */
static Piece
parse_class (Parser *parser)
{
  Piece       piece = { g_ptr_array_new_with_free_func (g_free), NULL };
  const char *p = parser->p + 1;
  gboolean    plain = TRUE;

  if (*p == '^')
    {
      plain = FALSE;
      p++;
    }
  if (*p == ']')
    {
      exact_add (piece.exact, "]");
      p++;
    }
  while (*p != ']')
    {
      char     folded[8];
      gunichar c;

      if (*p == '\0')
        {
          parser->failed = TRUE;
          break;
        }
      if (*p == '[' && p[1] == ':')
        {
          const char *end = strstr (p + 2, ":]");

          if (end == NULL)
            {
              parser->failed = TRUE;
              break;
            }
          plain = FALSE;
          p = end + 2;
          continue;
        }
      if (*p == '\\')
        {
          p++;
          if (*p == '\0' || *p == 'Q' || *p == 'E')
            {
              parser->failed = TRUE;
              break;
            }
          if (g_ascii_isalnum (*p))
            {
              plain = FALSE;
              if ((*p == 'p' || *p == 'P' || *p == 'x' || *p == 'o' || *p == 'N') && p[1] == '{')
                {
                  p = strchr (p, '}');
                  if (p == NULL)
                    {
                      parser->failed = TRUE;
                      break;
                    }
                }
              p++;
              continue;
            }
        }
      else if (*p == '-' && p[1] != ']')
        plain = FALSE; /* a range */
      else if (*p == '{' && g_ascii_islower (p[1]))
        {
          /* A word list pasted into a class. */
          parser->failed = TRUE;
          break;
        }

      c = g_utf8_get_char (p);
      p = g_utf8_next_char (p);
      if (fold_literal (c, folded))
        exact_add (piece.exact, folded);
      else
        plain = FALSE;
    }

  if (parser->failed || !plain || piece.exact->len > MAX_EXACT)
    {
      piece_clear (&piece);
      piece = piece_new_unknown ();
    }
  if (!parser->failed)
    parser->p = p + 1;

  return piece;
}

/* One escape: a literal character, a space (\s), nothing (\b and the
 * other assertions) or something unknown (\w, \d, ...). */
static Piece
parse_escape (Parser *parser)
{
  static const char controls[] = "a\ae\033f\fn\nr\rt\t";
  const char       *p = parser->p + 1;
  char              folded[8];
  gunichar          c;

  if (*p == '\0' || strchr ("QEKGgkcNo0123456789", *p) != NULL)
    {
      /* Quoting, back references, octal and control escapes, \K and \G. */
      parser->failed = TRUE;
      return piece_new_unknown ();
    }
  if (*p == 'x' || ((*p == 'p' || *p == 'P') && p[1] == '{'))
    {
      const char *end = strchr (p, '}');

      if (p[1] != '{' || end == NULL)
        {
          parser->failed = TRUE;
          return piece_new_unknown ();
        }
      parser->p = end + 1;
      if (*p != 'x')
        return piece_new_unknown ();
      c = (gunichar)g_ascii_strtoull (p + 2, NULL, 16);
      return fold_literal (c, folded) ? piece_new_text (folded) : piece_new_unknown ();
    }
  parser->p = p + 1;
  if (strchr ("bBAzZ", *p) != NULL)
    return piece_new_text ("");
  if (*p == 's')
    return piece_new_text (" ");
  if (strchr ("aefnrt", *p) != NULL)
    {
      fold_literal ((guchar)strchr (controls, *p)[1], folded);
      return piece_new_text (folded);
    }
  if (g_ascii_isalnum (*p))
    {
      if ((*p == 'p' || *p == 'P') && *parser->p != '\0')
        parser->p = g_utf8_next_char (parser->p);
      return piece_new_unknown ();
    }

  parser->p = g_utf8_next_char (p);
  return fold_literal (g_utf8_get_char (p), folded) ? piece_new_text (folded)
                                                    : piece_new_unknown ();
}

typedef enum
{
  GROUP_CONSUMING,
  GROUP_POSITIVE, /* a lookahead or lookbehind */
  GROUP_NEGATIVE,
  GROUP_OPTIONS, /* "(?i)": no group, just options */
} GroupKind;

/* "(" up to the group's body. */
static GroupKind
parse_group_open (Parser *parser)
{
  const char *p = parser->p + 1;
  GroupKind   kind = GROUP_CONSUMING;

  if (*p == '*')
    parser->failed = TRUE; /* backtracking verbs */
  else if (*p != '?')
    ;
  else if (p[1] == ':' || p[1] == '>')
    p += 2;
  else if (p[1] == '=' || p[1] == '!')
    {
      kind = p[1] == '=' ? GROUP_POSITIVE : GROUP_NEGATIVE;
      p += 2;
    }
  else if (p[1] == '<' && (p[2] == '=' || p[2] == '!'))
    {
      kind = p[2] == '=' ? GROUP_POSITIVE : GROUP_NEGATIVE;
      p += 3;
    }
  else if (p[1] == '<' || p[1] == '\'' || (p[1] == 'P' && p[2] == '<'))
    {
      char close = p[1] == '\'' ? '\'' : '>';

      parser->named = TRUE;
      p += p[1] == 'P' ? 3 : 2;
      while (g_ascii_isalnum (*p) || *p == '_')
        p++;
      if (*p != close)
        {
          parser->failed = TRUE;
          return kind;
        }
      p++;
    }
  else if (p[1] != '\0' && strchr ("imsnU-", p[1]) != NULL)
    {
      /* Options, for the group or up to its end ("(?-i)"): none of these
       * changes what text a match contains; "x" would change how the
       * pattern reads. */
      p++;
      while (*p != '\0' && strchr ("imsnU-", *p) != NULL)
        p++;
      if (*p == ')')
        kind = GROUP_OPTIONS;
      else if (*p != ':')
        {
          parser->failed = TRUE;
          return kind;
        }
      p++;
    }
  else
    parser->failed = TRUE; /* comments, recursion, conditions */

  parser->p = p;

  return kind;
}

/* An atom with its quantifier. */
static Piece
parse_atom (Parser *parser)
{
  Piece piece = piece_new_unknown ();
  char  folded[8];
  guint min, max;

  switch (*parser->p)
    {
      case '(':
        {
          GroupKind kind = parse_group_open (parser);

          if (parser->failed)
            return piece;
          if (kind == GROUP_OPTIONS)
            {
              piece = piece_new_text ("");
              break;
            }
          /* PCRE2 refuses deeper groups; this would run out of stack. */
          if (++parser->depth > 250)
            {
              parser->failed = TRUE;
              return piece;
            }
          piece = parse_alternation (parser);
          parser->depth--;
          if (parser->failed || *parser->p != ')')
            {
              parser->failed = TRUE;
              return piece;
            }
          parser->p++;
          if (kind != GROUP_CONSUMING)
            {
              /* It matches nothing, but what a lookahead or lookbehind
               * looks for is in the text. */
              CheckCondition *asserted =
                kind == GROUP_POSITIVE ? piece_steal_condition (&piece) : NULL;

              piece_clear (&piece);
              piece = piece_new_text ("");
              piece.asserted = asserted;
            }
          break;
        }
      case '[':
        piece = parse_class (parser);
        break;
      case '\\':
        piece = parse_escape (parser);
        break;
      case '.':
        parser->p++;
        break;
      case '^':
      case '$':
        parser->p++;
        piece = piece_new_text ("");
        break;
      case '*':
      case '+':
      case '?':
        parser->failed = TRUE;
        return piece;
      case '{':
        if (g_ascii_isdigit (parser->p[1]))
          {
            parser->failed = TRUE;
            return piece;
          }
        if (g_ascii_islower (parser->p[1]))
          {
            const char *end = parser->p + 1;

            while (g_ascii_islower (*end) || g_ascii_isdigit (*end) || *end == '-')
              end++;
            if (*end == '}')
              {
                g_autofree char *name = g_strndup (parser->p + 1, end - parser->p - 1);
                const Piece     *words = words_lookup (parser->words, name);

                if (words == NULL)
                  {
                    parser->failed = TRUE;
                    return piece;
                  }
                piece = piece_copy (words);
                parser->p = end + 1;
                break;
              }
          }
        G_GNUC_FALLTHROUGH;
      default:
        if (fold_literal (g_utf8_get_char (parser->p), folded))
          piece = piece_new_text (folded);
        parser->p = g_utf8_next_char (parser->p);
        break;
    }

  if (parser->failed || !parse_quantifier (parser, &min, &max) || (min == 1 && max == 1))
    return piece;
  if (min == 0)
    g_clear_pointer (&piece.asserted, _candor_checker_condition_unref);

  /* Spaces run together: any number of them is one. */
  if (piece.exact != NULL && piece.exact->len == 1 &&
      g_str_equal (g_ptr_array_index (piece.exact, 0), " "))
    {
      if (min == 0)
        exact_add (piece.exact, "");
      return piece;
    }
  if (min == 0 && max == 1 && piece.exact != NULL && piece.exact->len < MAX_EXACT)
    {
      exact_add (piece.exact, "");
      return piece;
    }
  if (min == 0)
    {
      piece_clear (&piece);
      return piece_new_unknown ();
    }

  /* Repeated: what it needs is there at least once. */
  {
    Piece repeated = { NULL, piece_steal_condition (&piece) };

    return repeated;
  }
}

/* Plain letters that no quantifier follows, as one text: most of a
 * pattern, read without a piece for each letter. */
static Piece
parse_literal_run (Parser *parser)
{
  char        run[256];
  gsize       length = 0;
  const char *p = parser->p;

  /* A longer run is cut: the rest is the next run. */
  while (length + 8 < sizeof run)
    {
      const char *next = g_utf8_next_char (p);
      char        folded[8];

      if (*p == '\0' || strchr ("\\()[]|.^$*+?{", *p) != NULL ||
          (*next != '\0' && strchr ("*+?{", *next) != NULL) ||
          !fold_literal (g_utf8_get_char (p), folded))
        break;
      if (folded[0] != ' ' || length == 0 || run[length - 1] != ' ')
        {
          strcpy (run + length, folded);
          length += strlen (folded);
        }
      p = next;
    }

  if (length == 0)
    return piece_new_unknown ();
  run[length] = '\0';
  parser->p = p;

  return piece_new_text (run);
}

/* A branch up to "|", ")" or the end: the exact texts of its atoms one
 * after the other while they are few, else everything its atoms need. */
static Piece
parse_sequence (Parser *parser)
{
  g_autoptr (GPtrArray) all =
    g_ptr_array_new_with_free_func ((GDestroyNotify)_candor_checker_condition_unref);
  Piece current = piece_new_text ("");
  Piece result = { NULL, NULL };

  while (*parser->p != '\0' && *parser->p != '|' && *parser->p != ')')
    {
      Piece atom = parse_literal_run (parser);

      if (atom.exact == NULL)
        atom = parse_atom (parser);
      if (atom.asserted != NULL)
        g_ptr_array_add (all, g_steal_pointer (&atom.asserted));

      if (parser->failed)
        {
          piece_clear (&atom);
          piece_clear (&current);
          return result;
        }

      if (atom.exact != NULL && is_empty_text (atom.exact))
        {
          piece_clear (&atom);
          continue;
        }
      if (atom.exact != NULL && is_empty_text (current.exact))
        {
          piece_clear (&current);
          current = atom;
          continue;
        }
      if (atom.exact != NULL && current.exact->len * atom.exact->len <= MAX_EXACT)
        {
          GPtrArray *joined = exact_concat (current.exact, atom.exact);

          g_ptr_array_unref (current.exact);
          current.exact = joined;
          piece_clear (&atom);
          continue;
        }

      g_ptr_array_add (all, piece_steal_condition (&current));
      if (atom.exact != NULL)
        current = atom;
      else
        {
          g_ptr_array_add (all, piece_steal_condition (&atom));
          current = piece_new_text ("");
        }
    }

  if (all->len == 0)
    return current;

  g_ptr_array_add (all, piece_steal_condition (&current));
  result.condition = _candor_checker_condition_all (all);

  return result;
}

/* Branches up to ")" or the end: their exact texts while they are few,
 * else what one of them needs. */
static Piece
parse_alternation (Parser *parser)
{
  g_autoptr (GArray) branches = g_array_new (FALSE, FALSE, sizeof (Piece));
  g_autoptr (GPtrArray) any =
    g_ptr_array_new_with_free_func ((GDestroyNotify)_candor_checker_condition_unref);
  Piece    result = { NULL, NULL };
  guint    n_exact = 0;
  gboolean exact = TRUE;

  for (;;)
    {
      Piece branch = parse_sequence (parser);

      g_array_append_val (branches, branch);
      if (parser->failed)
        break;
      exact = exact && branch.exact != NULL;
      n_exact += branch.exact != NULL ? branch.exact->len : 0;
      if (*parser->p != '|')
        break;
      parser->p++;
    }

  if (!parser->failed && exact && n_exact <= MAX_EXACT)
    {
      result.exact = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < branches->len; i++)
        {
          GPtrArray *texts = g_array_index (branches, Piece, i).exact;

          /* Moved, not copied; a text twice only costs its space. */
          for (guint j = 0; j < texts->len; j++)
            g_ptr_array_add (result.exact, g_steal_pointer (&texts->pdata[j]));
        }
    }
  else if (!parser->failed)
    {
      for (guint i = 0; i < branches->len; i++)
        g_ptr_array_add (any, piece_steal_condition (&g_array_index (branches, Piece, i)));
      result.condition = _candor_checker_condition_any (any);
    }

  for (guint i = 0; i < branches->len; i++)
    piece_clear (&g_array_index (branches, Piece, i));

  return result;
}

static void
piece_free (gpointer data)
{
  piece_clear (data);
  g_free (data);
}

CheckWords *
_candor_checker_words_new (void)
{
  CheckWords *words = g_new0 (CheckWords, 1);

  words->written = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  words->pieces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, piece_free);

  return words;
}

void
_candor_checker_words_free (CheckWords *words)
{
  g_hash_table_unref (words->written);
  g_hash_table_unref (words->pieces);
  g_free (words);
}

/* The word list @name: its entries joined by "|" as they are written,
 * with the references to the lists before it. */
void
_candor_checker_words_add (CheckWords *words, const char *name, const char *alternatives)
{
  g_hash_table_insert (words->written, g_strdup (name), g_strdup (alternatives));
}

/* The piece of a word list, read the first time a pattern uses it. */
static const Piece *
words_lookup (CheckWords *words, const char *name)
{
  Piece      *piece = g_hash_table_lookup (words->pieces, name);
  const char *written;

  if (piece != NULL)
    return piece;
  written = g_hash_table_lookup (words->written, name);
  if (written == NULL)
    return NULL;

  {
    Parser parser = { written, words, FALSE, FALSE, 0 };
    Piece  read = parse_alternation (&parser);

    if (parser.failed || *parser.p != '\0')
      {
        piece_clear (&read);
        read = piece_new_unknown ();
      }
    piece = g_memdup2 (&read, sizeof read);
    g_hash_table_insert (words->pieces, g_strdup (name), piece);
  }

  return piece;
}

/* What a text must contain for @pattern (as written in a checks file, with
 * its references to @words) to match in it, or %NULL when that is not
 * known. @plain tells whether the pattern uses only what this reads and
 * no named groups: the same regex alone then finds what it finds among
 * the other entries of its list. */
CheckCondition *
_candor_checker_condition_new (const char *pattern, CheckWords *words, gboolean *plain)
{
  Parser parser = { pattern, words, FALSE, FALSE, 0 };
  Piece  piece = parse_alternation (&parser);

  *plain = !parser.failed && !parser.named && *parser.p == '\0';
  if (!*plain && (parser.failed || *parser.p != '\0'))
    {
      piece_clear (&piece);
      return NULL;
    }

  return piece_steal_condition (&piece);
}
