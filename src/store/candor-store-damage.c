/* candor-store-damage.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "candor-enum-types.h"
#include "candor-store-private.h"

/* A damaged history is never written into silently. Damage is found three
 * ways: SQLite's quick check when the history is opened, its full check on
 * demand, and any SQLITE_CORRUPT or SQLITE_NOTADB met along the way. From
 * then on the store refuses every write (reads go on, so what can still be
 * shown is shown) and says so to whoever polls it; recovering sets the file
 * aside and carries everything still readable into a fresh history. */

/* Which store a connection belongs to, so that _candor_store_set_error(),
 * which is given only the connection, can mark it damaged. */
static GMutex      registry_lock;
static GHashTable *registry; /* sqlite3 * -> CandorStore * (no reference) */

void
_candor_store_register (CandorStore *self)
{
  g_mutex_lock (&registry_lock);
  if (registry == NULL)
    registry = g_hash_table_new (NULL, NULL);
  g_hash_table_insert (registry, self->db, self);
  g_mutex_unlock (&registry_lock);
}

void
_candor_store_unregister (CandorStore *self)
{
  g_mutex_lock (&registry_lock);
  if (registry != NULL)
    g_hash_table_remove (registry, self->db);
  g_mutex_unlock (&registry_lock);
}

static void
mark_damaged_locked (CandorStore *self, const char *detail)
{
  if (self->damage != NULL)
    return;

  self->damage = g_strdup (detail != NULL ? detail : "SQLITE_CORRUPT");
  g_atomic_int_set (&self->damaged, TRUE);
  /* Closing must not checkpoint into the damaged file or delete its WAL by
   * name: after recovery that name is the fresh history's. */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  g_debug ("The history %s is damaged: %s; nothing more is written into it", self->path,
           self->damage);
}

void
_candor_store_note_corrupt (sqlite3 *db, const char *detail)
{
  CandorStore *self;

  if (db == NULL)
    return;

  g_mutex_lock (&registry_lock);
  self = registry != NULL ? g_hash_table_lookup (registry, db) : NULL;
  if (self != NULL)
    mark_damaged_locked (self, detail);
  g_mutex_unlock (&registry_lock);
}

static char *
dup_damage (CandorStore *self)
{
  char *damage;

  g_mutex_lock (&registry_lock);
  damage = g_strdup (self->damage);
  g_mutex_unlock (&registry_lock);

  return damage;
}

/* Sets the CORRUPT error for a store already known to be damaged. */
gboolean
_candor_store_set_damaged_error (CandorStore *self, GError **error)
{
  g_autofree char *damage = dup_damage (self);

  return _candor_store_set_corrupt_error (error, self->path, damage);
}

/* Runs one check pragma, adding what it finds to @problems. */
static gboolean
run_check (sqlite3 *db, const char *sql, GString *problems, const char *path, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  while (rc == SQLITE_OK || rc == SQLITE_ROW)
    {
      const char *line;
      char      **parts;

      if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
        break;

      line = (const char *)sqlite3_column_text (stmt, 0);
      if (line == NULL || g_str_equal (line, "ok"))
        continue;

      /* One line of the user's error: SQLite's lines joined, without its heading. */
      parts = g_strsplit (line, "\n", -1);
      for (guint i = 0; parts[i] != NULL; i++)
        if (*parts[i] != '\0' && !g_str_has_prefix (parts[i], "***"))
          g_string_append_printf (problems, "%s%s", problems->len > 0 ? "; " : "", parts[i]);
      g_clear_pointer (&parts, g_strfreev);
    }

  if (rc != SQLITE_DONE)
    return _candor_store_set_error (error, db, rc, path);

  return TRUE;
}

/* What the quick check at open reads: the schema, the small tables read
 * at start (drafts, settings, the outbox) and the incidents the list shows
 * first. The bulk of a history (updates, renditions, the search index) is
 * left to the full check: on a 10,000-incident history (480 MB) SQLite's own
 * quick_check takes 2 s, this one under 20 ms. */
static const char *const quick_tables[] = {
  "drafts", "contacts", "audiences", "channel_settings", "templates", "publications", "incidents",
};

gboolean
_candor_store_check_connection (sqlite3 *db, const char *path, gboolean full, GError **error)
{
  g_autoptr (GString) problems = g_string_new (NULL);

  /* At most five problems: enough to say what is wrong. */
  if (full)
    {
      if (!run_check (db, "PRAGMA integrity_check (5)", problems, path, error))
        return FALSE;
    }
  else
    {
      g_autoptr (sqlite3_stmt) stmt = NULL;
      g_autoptr (GPtrArray) present = g_ptr_array_new_with_free_func (g_free);
      int rc;

      if (!run_check (db, "PRAGMA quick_check ('sqlite_schema')", problems, path, error))
        return FALSE;

      /* A history being created has none of them yet. */
      rc = sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table'", -1, &stmt,
                               NULL);
      while (rc == SQLITE_OK || rc == SQLITE_ROW)
        {
          const char *name;

          if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
            break;
          name = (const char *)sqlite3_column_text (stmt, 0);
          if (name != NULL && g_strv_contains (quick_tables, name))
            g_ptr_array_add (present, g_strdup (name));
        }
      if (rc != SQLITE_DONE)
        return _candor_store_set_error (error, db, rc, path);

      for (guint i = 0; i < present->len; i++)
        {
          g_autofree char *sql =
            g_strdup_printf ("PRAGMA quick_check ('%s')", (char *)present->pdata[i]);

          if (!run_check (db, sql, problems, path, error))
            return FALSE;
        }
    }

  if (problems->len == 0)
    return TRUE;

  _candor_store_note_corrupt (db, problems->str);
  return _candor_store_set_corrupt_error (error, path, problems->str);
}

void
_candor_store_remember_file (CandorStore *self)
{
  GStatBuf st;

  if (g_stat (self->path, &st) == 0)
    {
      self->file_dev = st.st_dev;
      self->file_ino = st.st_ino;
    }
}

/* Whether another program moved the file away (candor-cli history recover
 * in another process): the connection would go on reading and writing the
 * file it was moved to. */
static gboolean
file_was_replaced (CandorStore *self)
{
  GStatBuf st;

  if (self->file_ino == 0)
    return FALSE;

  return g_stat (self->path, &st) != 0 || (guint64)st.st_dev != self->file_dev ||
         (guint64)st.st_ino != self->file_ino;
}

gboolean
candor_store_is_replaced (CandorStore *self)
{
  g_return_val_if_fail (CANDOR_IS_STORE (self), FALSE);

  return g_atomic_int_get (&self->replaced);
}

gboolean
candor_store_is_damaged (CandorStore *self)
{
  g_return_val_if_fail (CANDOR_IS_STORE (self), FALSE);

  return g_atomic_int_get (&self->damaged);
}

/**
 * candor_store_check:
 * @full: %TRUE for SQLite's full integrity check (every page, every index
 *   against its table), %FALSE for the quick one that opening runs (the
 *   schema, the small tables and the incidents)
 *
 * Returns: %FALSE with CANDOR_STORE_ERROR_CORRUPT when the history is
 *   damaged (it then refuses every write), or another error when it could
 *   not be checked.
 */
gboolean
candor_store_check (CandorStore *self, gboolean full, GError **error)
{
  g_return_val_if_fail (CANDOR_IS_STORE (self), FALSE);

  CANDOR_STORE_LOCK_GUARD (self);

  if (full)
    self->fully_checked = TRUE;

  if (!_candor_store_check_connection (self->db, self->path, full, error))
    return FALSE;

  if (candor_store_is_damaged (self))
    return _candor_store_set_damaged_error (self, error);

  return TRUE;
}

static void
poll_job (CandorStore *self, GTask *task)
{
  CandorStoreCall *call = g_task_get_task_data (task);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  GError *error = NULL;
  int     rc;

  CANDOR_STORE_LOCK_GUARD (self);

  /* Set aside by another program: nothing more goes into the file it now
   * is, and closing must not touch the files at its old name. */
  if (!candor_store_is_damaged (self) && file_was_replaced (self))
    {
      g_atomic_int_set (&self->replaced, TRUE);
      self->fully_checked = TRUE;
      g_mutex_lock (&registry_lock);
      mark_damaged_locked (self, "moved aside by another program");
      g_mutex_unlock (&registry_lock);
    }

  if (candor_store_is_damaged (self))
    {
      /* Once, after the first sign: the full check says what else is wrong. */
      if (!self->fully_checked)
        {
          g_autoptr (GError) check_error = NULL;

          if (!candor_store_check (self, TRUE, &check_error))
            {
              g_task_return_error (task, g_steal_pointer (&check_error));
              return;
            }
        }
      _candor_store_set_damaged_error (self, &error);
      g_task_return_error (task, error);
      return;
    }

  /* Changes only when another connection (candor-cli, a script) commits. */
  rc = sqlite3_prepare_v2 (self->db, "PRAGMA data_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _candor_store_set_error (&error, self->db, rc, self->path);
      g_task_return_error (task, error);
      return;
    }

  call->count = sqlite3_column_int64 (stmt, 0) != self->data_version;
  self->data_version = sqlite3_column_int64 (stmt, 0);
  g_task_return_boolean (task, TRUE);
}

/**
 * candor_store_poll_async:
 *
 * Asks, on the store's worker after every call made before, whether another
 * connection (another process, candor-cli) changed the history since the
 * last poll, and whether it was found damaged. Costs one PRAGMA.
 */
void
candor_store_poll_async (CandorStore        *self,
                         GCancellable       *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  CandorStoreCall *call;

  g_return_if_fail (CANDOR_IS_STORE (self));

  task = _candor_store_new_call_task (self, candor_store_poll_async, cancellable, callback,
                                      user_data, &call);
  _candor_store_run_job (self, task, poll_job);
}

/* Returns: %FALSE with CANDOR_STORE_ERROR_CORRUPT once the history was
 * found damaged; otherwise %TRUE, and @changed says whether another
 * connection wrote to it since the last poll. */
gboolean
candor_store_poll_finish (CandorStore  *self,
                          GAsyncResult *result,
                          gboolean     *changed,
                          GError      **error)
{
  if (!_candor_store_finish_boolean (self, result, candor_store_poll_async, error))
    return FALSE;

  if (changed != NULL)
    {
      CandorStoreCall *call = g_task_get_task_data (G_TASK (result));

      *changed = call->count != 0;
    }

  return TRUE;
}

/* Salvage: carrying what is still readable into a fresh history. */

/* Parents first, so a carried row finds the one it refers to. The search
 * tables are not carried: the fresh history's triggers rebuild them. */
static const char *const salvage_tables[] = {
  "incidents", "updates",   "renditions", "publications",     "drafts",
  "contacts",  "audiences", "templates",  "channel_settings",
};

/* How far past the last row read a table is probed when its end cannot be
 * read, and how many rowids are probed at most. */
#define PROBE_PAST_END 4096
#define PROBE_BUDGET   1000000

typedef struct
{
  sqlite3            *src;
  CandorStore        *fresh;
  const char         *table;
  CandorStoreSalvage *report;
  sqlite3_stmt       *insert;
  guint               n_columns;
  int                 parent_column; /* index in the row of incident_num / update_num, or -1 */
  GHashTable         *seen;          /* rowids read, as gint64 * */
  gint64              lost_incident; /* the made-up incident of updates made up, or 0 */
} Salvage;

static GStrv
table_columns (sqlite3 *db, const char *table)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT name FROM pragma_table_info (?1)", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return NULL;

  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *)sqlite3_column_text (stmt, 0));

  if (rc != SQLITE_DONE)
    return NULL;

  return g_strv_builder_end (builder);
}

static gboolean
row_exists (sqlite3 *db, const char *sql, gint64 key)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, key);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

static gboolean
exec_with (sqlite3 *db, const char *sql, const char *text1, gint64 int2, gint64 int3)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;

  sqlite3_bind_text (stmt, 1, text1, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, int2);
  sqlite3_bind_int64 (stmt, 3, int3);
  return sqlite3_step (stmt) == SQLITE_DONE;
}

static CandorStoreSalvage *
report_for (Salvage *salvage, const char *table)
{
  GArray *report = salvage->fresh->salvage;

  for (guint i = 0; i < report->len; i++)
    if (g_str_equal (g_array_index (report, CandorStoreSalvage, i).table, table))
      return &g_array_index (report, CandorStoreSalvage, i);

  g_assert_not_reached ();
}

/* An incident for updates whose own could not be read: they stay in the
 * history, under a title that says what happened. */
static gboolean
make_up_incident (Salvage *salvage, gint64 num, gint64 at)
{
  sqlite3         *db = salvage->fresh->db;
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO incidents (num, id, title, severity, state, listed_at, saved_at)"
    " VALUES (?2, ?1, ?4, '%s', '%s', ?3, ?3)",
    candor_enum_to_nick (CANDOR_TYPE_SEVERITY, CANDOR_SEVERITY_MINOR),
    candor_enum_to_nick (CANDOR_TYPE_INCIDENT_STATE, CANDOR_INCIDENT_STATE_RESOLVED));
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (num > 0)
    sqlite3_bind_int64 (stmt, 2, num);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_int64 (stmt, 3, at);
  sqlite3_bind_text (
    stmt, 4, _("Recovered updates (the incident itself could not be read)"), -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return FALSE;

  report_for (salvage, "incidents")->made_up++;
  return TRUE;
}

static gboolean
make_up_update (Salvage *salvage, gint64 num, gint64 at)
{
  sqlite3         *db = salvage->fresh->db;
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *sql = NULL;

  if (salvage->lost_incident == 0)
    {
      if (!make_up_incident (salvage, 0, at))
        return FALSE;
      salvage->lost_incident = sqlite3_last_insert_rowid (db);
    }

  sql =
    g_strdup_printf ("INSERT INTO updates (num, id, incident_num, kind, fields, created_at,"
                     " sent_at) VALUES (?2, ?1, %" G_GINT64_FORMAT ", '%s', '{}', ?3, ?3)",
                     salvage->lost_incident,
                     candor_enum_to_nick (CANDOR_TYPE_UPDATE_KIND, CANDOR_UPDATE_KIND_PROGRESS));
  if (!exec_with (db, sql, id, num, at))
    return FALSE;

  report_for (salvage, "updates")->made_up++;
  return TRUE;
}

/* Writes the row @stmt is on (rowid first, then the columns) into the
 * fresh history; FALSE when the fresh history refuses it. */
static gboolean
carry_row (Salvage *salvage, sqlite3_stmt *stmt)
{
  gint64  rowid = sqlite3_column_int64 (stmt, 0);
  gint64 *key;
  int     rc;

  if (g_hash_table_contains (salvage->seen, &rowid))
    return TRUE;
  key = g_new (gint64, 1);
  *key = rowid;
  g_hash_table_add (salvage->seen, key);

  /* A row whose parent was lost keeps a made-up one. */
  if (salvage->parent_column >= 0 &&
      sqlite3_column_type (stmt, salvage->parent_column + 1) == SQLITE_INTEGER)
    {
      gint64 parent = sqlite3_column_int64 (stmt, salvage->parent_column + 1);
      gint64 now = g_get_real_time () / G_USEC_PER_SEC;

      if (g_str_equal (salvage->table, "updates") &&
          !row_exists (salvage->fresh->db, "SELECT 1 FROM incidents WHERE num = ?1", parent))
        make_up_incident (salvage, parent, now);
      else if (g_str_equal (salvage->table, "renditions") &&
               !row_exists (salvage->fresh->db, "SELECT 1 FROM updates WHERE num = ?1", parent))
        make_up_update (salvage, parent, now);
    }

  sqlite3_reset (salvage->insert);
  sqlite3_clear_bindings (salvage->insert);
  for (guint i = 0; i < salvage->n_columns; i++)
    sqlite3_bind_value (salvage->insert, i + 1, sqlite3_column_value (stmt, i + 1));

  rc = sqlite3_step (salvage->insert);
  if (rc != SQLITE_DONE)
    {
      g_debug ("Could not carry a row of %s over: %s", salvage->table,
               sqlite3_errmsg (salvage->fresh->db));
      salvage->report->refused++;
      return FALSE;
    }

  salvage->report->carried++;
  return TRUE;
}

/* Steps @stmt to its end or its first error, carrying every row. Returns
 * the last rowid read (or @none) in @last; FALSE when it met an error. */
static gboolean
carry_rows (Salvage *salvage, sqlite3_stmt *stmt, gint64 none, gint64 *last)
{
  int rc;

  *last = none;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *last = sqlite3_column_int64 (stmt, 0);
      carry_row (salvage, stmt);
    }

  return rc == SQLITE_DONE;
}

static gint64
count_rows (sqlite3 *db, const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM \"%s\"", table);
  g_autoptr (sqlite3_stmt) stmt = NULL;

  /* count(*) reads the smallest index when there is one: its count
   * survives damage to the table's own pages. */
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    return -1;

  return sqlite3_column_int64 (stmt, 0);
}

static void
salvage_table (Salvage *salvage)
{
  g_auto (GStrv) fresh_columns = table_columns (salvage->fresh->db, salvage->table);
  g_auto (GStrv) src_columns = table_columns (salvage->src, salvage->table);
  g_autoptr (GString) columns = g_string_new (NULL);
  g_autoptr (GString) params = g_string_new (NULL);
  g_autoptr (sqlite3_stmt) forward = NULL;
  g_autoptr (sqlite3_stmt) backward = NULL;
  g_autoptr (sqlite3_stmt) probe = NULL;
  g_autofree char *sql = NULL;
  gint64           expected, last_forward, first_backward, low, high;
  gboolean         forward_ok = FALSE;
  guint            misses = 0;

  salvage->n_columns = 0;
  salvage->parent_column = -1;
  expected = count_rows (salvage->src, salvage->table);

  if (fresh_columns == NULL || src_columns == NULL || src_columns[0] == NULL)
    goto done;

  for (guint i = 0; fresh_columns[i] != NULL; i++)
    {
      if (!g_strv_contains ((const char *const *)src_columns, fresh_columns[i]))
        continue;
      if ((g_str_equal (salvage->table, "updates") &&
           g_str_equal (fresh_columns[i], "incident_num")) ||
          (g_str_equal (salvage->table, "renditions") &&
           g_str_equal (fresh_columns[i], "update_num")))
        salvage->parent_column = salvage->n_columns;
      g_string_append_printf (columns, "%s\"%s\"", columns->len > 0 ? ", " : "", fresh_columns[i]);
      g_string_append_printf (params, "%s?%u", params->len > 0 ? ", " : "", salvage->n_columns + 1);
      salvage->n_columns++;
    }

  sql = g_strdup_printf ("INSERT INTO \"%s\" (%s) VALUES (%s)", salvage->table, columns->str,
                         params->str);
  if (sqlite3_prepare_v2 (salvage->fresh->db, sql, -1, &salvage->insert, NULL) != SQLITE_OK)
    goto done;

  /* From the start up to the first damaged page... */
  g_free (sql);
  sql =
    g_strdup_printf ("SELECT rowid, %s FROM \"%s\" ORDER BY rowid", columns->str, salvage->table);
  if (sqlite3_prepare_v2 (salvage->src, sql, -1, &forward, NULL) != SQLITE_OK)
    goto done;
  forward_ok = carry_rows (salvage, forward, G_MININT64, &last_forward);
  if (forward_ok)
    goto done;

  /* ...from the end back down to the last one... */
  g_free (sql);
  sql = g_strdup_printf ("SELECT rowid, %s FROM \"%s\" WHERE rowid > ?1 ORDER BY rowid DESC",
                         columns->str, salvage->table);
  if (sqlite3_prepare_v2 (salvage->src, sql, -1, &backward, NULL) != SQLITE_OK)
    goto done;
  sqlite3_bind_int64 (backward, 1, last_forward);
  carry_rows (salvage, backward, G_MAXINT64, &first_backward);

  /* ...and every rowid between them, one at a time: a damaged page hides
   * only the rows on it and below it. */
  g_free (sql);
  sql =
    g_strdup_printf ("SELECT rowid, %s FROM \"%s\" WHERE rowid = ?1", columns->str, salvage->table);
  if (sqlite3_prepare_v2 (salvage->src, sql, -1, &probe, NULL) != SQLITE_OK)
    goto done;

  low = last_forward == G_MININT64 ? 0 : last_forward;
  high = first_backward;
  for (gint64 rowid = low + 1, tried = 0; rowid < high && tried < PROBE_BUDGET; rowid++, tried++)
    {
      int rc;

      sqlite3_reset (probe);
      sqlite3_bind_int64 (probe, 1, rowid);
      rc = sqlite3_step (probe);
      if (rc == SQLITE_ROW)
        {
          carry_row (salvage, probe);
          misses = 0;
        }
      /* Past the last row when the end itself cannot be read: stop after a
       * long run of rowids that are plainly not there. */
      else if (high == G_MAXINT64 && ++misses > PROBE_PAST_END)
        break;
      else if (high == G_MAXINT64 && rc != SQLITE_DONE && rowid - low > 16 * PROBE_PAST_END)
        break;
    }

done:
  g_clear_pointer (&salvage->insert, sqlite3_finalize);
  if (expected >= 0)
    salvage->report->lost =
      MAX (expected - (gint64)salvage->report->carried - (gint64)salvage->report->refused, 0) +
      salvage->report->refused;
  else if (forward_ok)
    salvage->report->lost = salvage->report->refused;
  else
    salvage->report->lost = -1;
}

static void
salvage_from (CandorStore *fresh, sqlite3 *src)
{
  Salvage salvage = { 0 };

  CANDOR_STORE_LOCK_GUARD (fresh);

  salvage.src = src;
  salvage.fresh = fresh;
  if (sqlite3_exec (fresh->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    {
      g_warning ("Could not write what was recovered: %s", sqlite3_errmsg (fresh->db));
      return;
    }

  salvage.seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (salvage_tables); i++)
    {
      salvage.table = salvage_tables[i];
      salvage.report = report_for (&salvage, salvage.table);
      g_hash_table_remove_all (salvage.seen);
      salvage_table (&salvage);
    }
  g_hash_table_unref (salvage.seen);

  if (sqlite3_exec (fresh->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    {
      g_warning ("Could not write what was recovered: %s", sqlite3_errmsg (fresh->db));
      sqlite3_exec (fresh->db, "ROLLBACK", NULL, NULL, NULL);
      for (guint i = 0; i < fresh->salvage->len; i++)
        g_array_index (fresh->salvage, CandorStoreSalvage, i).carried = 0;
    }
}

static gboolean
copy_file (const char *from, const char *to, GError **error)
{
  g_autoptr (GFile) source = g_file_new_for_path (from);
  g_autoptr (GFile) destination = g_file_new_for_path (to);

  return g_file_copy (source, destination, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error);
}

static void
remove_copy (const char *dir, const char *copy)
{
  for (guint i = 0; i < 3; i++)
    {
      const char      *suffixes[] = { "", "-wal", "-shm" };
      g_autofree char *name = g_strconcat (copy, suffixes[i], NULL);

      g_remove (name);
    }
  g_rmdir (dir);
}

/* Carries every row of @damaged_path that can still be read into @fresh, a
 * history just created, and keeps what it did in @fresh's salvage report.
 * The damaged file is never written: a copy of it is read. */
void
_candor_store_salvage (CandorStore *fresh, const char *damaged_path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *damaged_wal = g_strconcat (damaged_path, "-wal", NULL);
  g_autofree char *copy_wal = NULL;
  sqlite3         *src = NULL;
  gint64           start = g_get_monotonic_time ();

  fresh->salvage = g_array_new (FALSE, TRUE, sizeof (CandorStoreSalvage));
  for (guint i = 0; i < G_N_ELEMENTS (salvage_tables); i++)
    {
      CandorStoreSalvage row = { salvage_tables[i], 0, 0, 0, 0 };

      g_array_append_val (fresh->salvage, row);
    }

  dir = g_dir_make_tmp ("candor-salvage-XXXXXX", &error);
  if (dir == NULL)
    goto failed;
  copy = g_build_filename (dir, "history.db", NULL);
  copy_wal = g_strconcat (copy, "-wal", NULL);
  if (!copy_file (damaged_path, copy, &error))
    goto failed;
  if (g_file_test (damaged_wal, G_FILE_TEST_EXISTS) && !copy_file (damaged_wal, copy_wal, &error))
    goto failed;

  if (sqlite3_open_v2 (copy, &src, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      g_set_error (&error, CANDOR_STORE_ERROR, CANDOR_STORE_ERROR_CORRUPT, "%s",
                   sqlite3_errmsg (src));
      goto failed;
    }
  sqlite3_extended_result_codes (src, TRUE);
  /* Stricter reading of each page: damage is an error, not a wrong row. */
  sqlite3_exec (src, "PRAGMA cell_size_check = ON", NULL, NULL, NULL);

  salvage_from (fresh, src);
  g_debug ("Carried what could be read of %s over in %.0f ms", damaged_path,
           (g_get_monotonic_time () - start) / 1000.0);
  goto out;

failed:
  /* Reported through the salvage counts ("nothing could be read"). */
  g_debug ("Could not read the damaged history %s: %s", damaged_path, error->message);
  for (guint i = 0; i < fresh->salvage->len; i++)
    g_array_index (fresh->salvage, CandorStoreSalvage, i).lost = -1;

out:
  if (src != NULL)
    sqlite3_close_v2 (src);
  if (dir != NULL)
    remove_copy (dir, copy);
}

/**
 * candor_store_get_salvage:
 *
 * Returns: (transfer none) (nullable) (element-type CandorStoreSalvage):
 *   what candor_store_recover() carried over from the damaged history into
 *   this fresh one, table by table; %NULL for a store that was opened.
 */
GArray *
candor_store_get_salvage (CandorStore *self)
{
  g_return_val_if_fail (CANDOR_IS_STORE (self), NULL);

  return self->salvage;
}
