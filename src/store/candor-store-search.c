/* candor-store-search.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-store"

#include "config.h"

#include "candor-enum-types.h"
#include "candor-store-private.h"

/* More words than anyone types; keeps a pasted paragraph from building a
 * query that takes seconds. */
#define MAX_QUERY_WORDS 16

/* Words the tokenizer would keep something of: FTS5 drops punctuation, and
 * a phrase with nothing left in it would match nothing at all. */
static gboolean
has_word_characters (const char *word, const char *end)
{
  for (const char *p = word; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c) || g_unichar_type (c) == G_UNICODE_PRIVATE_USE)
        return TRUE;
    }

  return FALSE;
}

static GPtrArray *
split_words (const char *text)
{
  GPtrArray  *words = g_ptr_array_new_with_free_func (g_free);
  const char *p = text;

  while (*p != '\0' && words->len < MAX_QUERY_WORDS)
    {
      const char *start;

      while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      start = p;
      while (*p != '\0' && !g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);

      if (p > start && has_word_characters (start, p))
        g_ptr_array_add (words, g_strndup (start, p - start));
    }

  return words;
}

static void
append_quoted (GString *query, const char *word)
{
  g_string_append_c (query, '"');
  for (const char *c = word; *c != '\0'; c++)
    {
      if (*c == '"')
        g_string_append_c (query, '"');
      g_string_append_c (query, *c);
    }
  g_string_append_c (query, '"');
}

/* The user's words are never FTS5 syntax: each becomes a quoted string (a
 * phrase of whatever the tokenizer finds in it), the words are ANDed and the
 * last one matches as a prefix, for search as you type. Quotes inside a word
 * are doubled, which is the only escape a string knows. With @last_terms the
 * prefix is spelled out as the index terms it stands for, ORed. */
static char *
build_fts_query (GPtrArray *words, GPtrArray *last_terms)
{
  GString *query;

  if (words->len == 0)
    return NULL;

  query = g_string_new (NULL);
  for (guint i = 0; i < words->len; i++)
    {
      if (i > 0)
        g_string_append (query, " AND ");
      if (i + 1 < words->len || last_terms == NULL)
        append_quoted (query, g_ptr_array_index (words, i));
    }

  if (last_terms == NULL)
    {
      g_string_append_c (query, '*');
      return g_string_free (query, FALSE);
    }

  g_string_append_c (query, '(');
  for (guint i = 0; i < last_terms->len; i++)
    {
      if (i > 0)
        g_string_append (query, " OR ");
      append_quoted (query, g_ptr_array_index (last_terms, i));
    }
  g_string_append_c (query, ')');

  return g_string_free (query, FALSE);
}

char *
_candor_store_build_fts_query (const char *text)
{
  g_autoptr (GPtrArray) words = NULL;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;

  words = split_words (text);
  return build_fts_query (words, NULL);
}

/* The word as the tokenizer stores it (lower case, diacritics removed), or
 * NULL when the tokenizer would split it into several terms. */
static char *
fold_single_term (const char *word)
{
  g_autofree char *lower = g_utf8_strdown (word, -1);
  g_autofree char *decomposed = g_utf8_normalize (lower, -1, G_NORMALIZE_NFD);
  GString         *folded = g_string_new (NULL);

  for (const char *p = decomposed; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c))
        continue;
      if (!g_unichar_isalnum (c))
        {
          g_string_free (folded, TRUE);
          return NULL;
        }
      g_string_append_unichar (folded, c);
    }

  return g_string_free (folded, FALSE);
}

#define MAX_PREFIX_TERMS 32

/* FTS5 answers a prefix longer than its prefix index by merging the whole
 * posting list of every term that starts with it before it can hand out the
 * first row: milliseconds for a common word in a big history. The terms
 * themselves are few, and an OR of them is walked lazily, newest first, like
 * any other word. NULL: let FTS5 do the prefix (short or unusual words). */
static GPtrArray *
expand_prefix (sqlite3 *db, const char *word)
{
  g_autofree char *folded = fold_single_term (word);
  g_autoptr (GPtrArray) terms = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (folded == NULL || g_utf8_strlen (folded, -1) < 4)
    return NULL;

  if (sqlite3_prepare_v2 (db,
                          "SELECT term FROM history_vocab WHERE term >= ?1"
                          " AND term < ?1 || char (1114111) LIMIT ?2",
                          -1, &stmt, NULL) != SQLITE_OK)
    return NULL;

  sqlite3_bind_text (stmt, 1, folded, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, MAX_PREFIX_TERMS + 1);
  terms = g_ptr_array_new_with_free_func (g_free);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (terms, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));

  /* None found may mean this folding differs from the tokenizer's: let FTS5 decide. */
  if (terms->len == 0 || terms->len > MAX_PREFIX_TERMS)
    return NULL;

  return g_steal_pointer (&terms);
}

/* The index hands out documents newest first (their ids are their times)
 * and stops at the page's end, so a common word costs no more than
 * a rare one; filters are checked on the rows the index yields. Snippets are
 * made only for the rows of the page. */
char *
_candor_store_build_search_sql (const CandorSearchQuery *query)
{
  GString *sql = g_string_new (
    "SELECT d.rendition_id IS NULL, i.id, i.title, i.state, i.severity, u.id, d.audience,"
    " d.dialect, d.language, d.at, snippet (history_fts, -1, :start, :end, '…', 24)"
    " FROM history_fts"
    " JOIN search_docs d ON d.id = history_fts.rowid"
    " JOIN incidents i ON i.num = d.incident_num"
    " LEFT JOIN renditions r ON r.id = d.rendition_id"
    " LEFT JOIN updates u ON u.num = r.update_num"
    " WHERE history_fts MATCH :match");

  /* Document ids are times (see the schema): a date range is an id range
   * the index seeks to, however many newer matches there are. */
  if (query->from != NULL)
    g_string_append (sql, " AND history_fts.rowid >= :from");
  if (query->until != NULL)
    g_string_append (sql, " AND history_fts.rowid < :until");
  if (query->state >= 0)
    g_string_append (sql, " AND i.state = :state");
  if (query->severity >= 0)
    g_string_append (sql, " AND i.severity = :severity");
  if (query->format >= 0)
    g_string_append (sql, " AND d.dialect = :dialect");
  if (query->audience != NULL)
    g_string_append (sql, " AND d.audience = :audience");
  if (query->language != NULL)
    g_string_append (sql, " AND d.language = :language");

  g_string_append (sql, " ORDER BY history_fts.rowid DESC LIMIT :limit OFFSET :offset");

  return g_string_free (sql, FALSE);
}

gint64
_candor_store_time_to_doc_id (GDateTime *time)
{
  return g_date_time_to_unix (time) * 1048576;
}

static void
bind_named_text (sqlite3_stmt *stmt, const char *name, const char *value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

static void
bind_named_int64 (sqlite3_stmt *stmt, const char *name, gint64 value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    sqlite3_bind_int64 (stmt, index, value);
}

gboolean
_candor_store_bind_search (sqlite3_stmt            *stmt,
                           const CandorSearchQuery *query,
                           const char              *match,
                           guint                    offset,
                           guint                    limit)
{
  bind_named_text (stmt, ":match", match);
  bind_named_text (stmt, ":start", CANDOR_SEARCH_MATCH_START);
  bind_named_text (stmt, ":end", CANDOR_SEARCH_MATCH_END);
  if (query->from != NULL)
    bind_named_int64 (stmt, ":from", _candor_store_time_to_doc_id (query->from));
  if (query->until != NULL)
    bind_named_int64 (stmt, ":until", _candor_store_time_to_doc_id (query->until));
  if (query->state >= 0)
    bind_named_text (stmt, ":state",
                     candor_enum_to_nick (CANDOR_TYPE_INCIDENT_STATE, query->state));
  if (query->severity >= 0)
    bind_named_text (stmt, ":severity",
                     candor_enum_to_nick (CANDOR_TYPE_SEVERITY, query->severity));
  if (query->format >= 0)
    bind_named_text (stmt, ":dialect", candor_enum_to_nick (CANDOR_TYPE_DIALECT, query->format));
  bind_named_text (stmt, ":audience", query->audience);
  bind_named_text (stmt, ":language", query->language);
  bind_named_int64 (stmt, ":limit", limit);
  bind_named_int64 (stmt, ":offset", offset);

  return TRUE;
}

static int
enum_value (GType type, const char *nick, int fallback)
{
  int value = fallback;

  if (nick == NULL || !candor_enum_from_nick (type, nick, &value))
    return fallback;

  return value;
}

GPtrArray *
candor_store_search (CandorStore             *self,
                     const CandorSearchQuery *query,
                     guint                    offset,
                     guint                    limit,
                     gboolean                *has_more,
                     GError                 **error)
{
  g_autoptr (GPtrArray) hits = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) words = NULL;
  g_autoptr (GPtrArray) last_terms = NULL;
  g_autofree char *match = NULL;
  g_autofree char *sql = NULL;
  sqlite3         *db;
  int              rc;

  g_return_val_if_fail (CANDOR_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (limit > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (has_more != NULL)
    *has_more = FALSE;

  if (query->text == NULL || !g_utf8_validate (query->text, -1, NULL))
    return g_steal_pointer (&hits);

  /* Nothing searchable typed (empty, only punctuation): no results, no error. */
  words = split_words (query->text);
  if (words->len == 0)
    return g_steal_pointer (&hits);

  sql = _candor_store_build_search_sql (query);

  _candor_store_lock (self);
  db = _candor_store_get_db (self);

  last_terms = expand_prefix (db, g_ptr_array_index (words, words->len - 1));
  match = build_fts_query (words, last_terms);

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    goto fail;

  /* One row past the page says whether another page follows. */
  _candor_store_bind_search (stmt, query, match, offset, limit + 1);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (GDateTime) at = NULL;
      CandorSearchHitKind kind;

      if (hits->len == limit)
        {
          if (has_more != NULL)
            *has_more = TRUE;
          rc = SQLITE_DONE;
          break;
        }

      kind =
        sqlite3_column_int (stmt, 0) ? CANDOR_SEARCH_HIT_INCIDENT : CANDOR_SEARCH_HIT_RENDITION;
      at = g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, 9));
      g_ptr_array_add (
        hits,
        _candor_search_hit_new (
          kind, (const char *)sqlite3_column_text (stmt, 1),
          (const char *)sqlite3_column_text (stmt, 2),
          enum_value (CANDOR_TYPE_INCIDENT_STATE, (const char *)sqlite3_column_text (stmt, 3),
                      CANDOR_INCIDENT_STATE_INVESTIGATING),
          enum_value (CANDOR_TYPE_SEVERITY, (const char *)sqlite3_column_text (stmt, 4),
                      CANDOR_SEVERITY_MINOR),
          (const char *)sqlite3_column_text (stmt, 5), (const char *)sqlite3_column_text (stmt, 6),
          kind == CANDOR_SEARCH_HIT_RENDITION
            ? enum_value (CANDOR_TYPE_DIALECT, (const char *)sqlite3_column_text (stmt, 7),
                          CANDOR_DIALECT_PLAIN)
            : -1,
          (const char *)sqlite3_column_text (stmt, 8), at,
          (const char *)sqlite3_column_text (stmt, 10)));
    }

  if (rc != SQLITE_DONE)
    goto fail;

  _candor_store_unlock (self);
  return g_steal_pointer (&hits);

fail:
  _candor_store_set_error (error, db, rc, candor_store_get_path (self));
  _candor_store_unlock (self);
  return NULL;
}

static void
search_job (CandorStore *self, GTask *task)
{
  CandorStoreCall *call = g_task_get_task_data (task);
  GError          *error = NULL;
  GPtrArray       *hits;

  hits =
    candor_store_search (self, &call->query, call->offset, call->limit, &call->has_more, &error);
  _candor_store_return_pointer (task, hits, (GDestroyNotify)g_ptr_array_unref, error);
}

void
candor_store_search_async (CandorStore             *self,
                           const CandorSearchQuery *query,
                           guint                    offset,
                           guint                    limit,
                           GCancellable            *cancellable,
                           GAsyncReadyCallback      callback,
                           gpointer                 user_data)
{
  g_autoptr (GTask) task = NULL;
  CandorStoreCall *call;

  g_return_if_fail (CANDOR_IS_STORE (self));
  g_return_if_fail (query != NULL);

  task = _candor_store_new_call_task (self, candor_store_search_async, cancellable, callback,
                                      user_data, &call);
  /* A deep copy: the caller's query may live on its stack. */
  call->query = *query;
  call->query_text = g_strdup (query->text);
  call->audience = g_strdup (query->audience);
  call->language = g_strdup (query->language);
  call->query.text = call->query_text;
  call->query.audience = call->audience;
  call->query.language = call->language;
  call->query.from = query->from != NULL ? g_date_time_ref (query->from) : NULL;
  call->query.until = query->until != NULL ? g_date_time_ref (query->until) : NULL;
  call->offset = offset;
  call->limit = limit;
  _candor_store_run_job (self, task, search_job);
}

GPtrArray *
candor_store_search_finish (CandorStore  *self,
                            GAsyncResult *result,
                            gboolean     *has_more,
                            GError      **error)
{
  GPtrArray *hits = _candor_store_finish_pointer (self, result, candor_store_search_async, error);

  if (has_more != NULL)
    *has_more =
      hits != NULL && ((CandorStoreCall *)g_task_get_task_data (G_TASK (result)))->has_more;

  return hits;
}
