/* candor-draft-autosave.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-draft-autosave"

#include "config.h"

#include "candor-draft-autosave.h"

/* Never lose a word: the draft is written to
 * $XDG_DATA_HOME/candor/drafts/<incident-id>.json about a second after the
 * typing pauses, and at most 1.5 s after the first unsaved keystroke even if
 * the typing does not pause. The JSON is built on the main loop (it reads
 * live objects; that takes microseconds) and written by GIO's worker thread
 * with g_file_replace(), which writes a temporary file and renames it, so a
 * kill mid-write leaves the previous draft intact. */
struct _CandorDraftAutosave
{
  GObject parent_instance;

  CandorDraft  *draft;
  GFile        *file;
  GCancellable *cancellable;
  guint         save_source_id;
  gint64        first_unsaved;
  gboolean      changed;
  gboolean      saving;
  gboolean      dirty_while_saving;
  gboolean      discarded;
};

G_DEFINE_FINAL_TYPE (CandorDraftAutosave, candor_draft_autosave, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_SAVING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define QUIET_MSEC   1000
#define LONGEST_USEC (1500 * G_TIME_SPAN_MILLISECOND)

static void save (CandorDraftAutosave *self);

static void
set_saving (CandorDraftAutosave *self, gboolean saving)
{
  if (self->saving == saving)
    return;

  self->saving = saving;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVING]);
}

static void
on_replace_finished_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (CandorDraftAutosave) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not save the draft to %s: %s", g_file_peek_path (G_FILE (source)),
               error->message);

  set_saving (self, FALSE);

  /* A write already past its last cancellation point may land after the
   * user discarded the draft: discarded means gone. */
  if (self->discarded)
    {
      g_file_delete (G_FILE (source), NULL, NULL);
      return;
    }

  if (self->dirty_while_saving && !g_cancellable_is_cancelled (self->cancellable))
    {
      self->dirty_while_saving = FALSE;
      save (self);
    }
}

static void
save (CandorDraftAutosave *self)
{
  g_autoptr (GBytes) bytes = NULL;
  char *data;
  gsize length;

  /* One write at a time, so an older snapshot can never land after a newer one. */
  if (self->saving)
    {
      self->dirty_while_saving = TRUE;
      return;
    }

  self->first_unsaved = 0;
  data = candor_draft_to_data (self->draft, &length);
  bytes = g_bytes_new_take (data, length);

  set_saving (self, TRUE);
  g_file_replace_contents_bytes_async (self->file, bytes, NULL, FALSE, G_FILE_CREATE_PRIVATE,
                                       self->cancellable, on_replace_finished_cb,
                                       g_object_ref (self));
}

static gboolean
save_cb (gpointer data)
{
  CandorDraftAutosave *self = data;

  self->save_source_id = 0;
  save (self);

  return G_SOURCE_REMOVE;
}

static void
on_draft_changed_cb (CandorDraftAutosave *self)
{
  gint64 now = g_get_monotonic_time ();

  self->changed = TRUE;

  if (self->first_unsaved == 0)
    self->first_unsaved = now;

  /* Wait for a pause in the typing, but not for ever. */
  if (self->save_source_id != 0 && now - self->first_unsaved >= LONGEST_USEC - QUIET_MSEC * 1000)
    return;

  g_clear_handle_id (&self->save_source_id, g_source_remove);
  self->save_source_id = g_timeout_add (QUIET_MSEC, save_cb, self);
}

static void
candor_draft_autosave_dispose (GObject *object)
{
  CandorDraftAutosave *self = CANDOR_DRAFT_AUTOSAVE (object);

  /* Whatever is still pending is written now: closing must not lose it. */
  if (self->save_source_id != 0 && self->draft != NULL)
    {
      g_autoptr (GError) error = NULL;

      g_clear_handle_id (&self->save_source_id, g_source_remove);
      if (!candor_draft_save_to_file (self->draft, self->file, NULL, &error))
        g_warning ("Could not save the draft: %s", error->message);
    }

  if (self->draft != NULL)
    {
      g_signal_handlers_disconnect_by_data (candor_draft_get_update (self->draft), self);
      g_signal_handlers_disconnect_by_data (candor_draft_get_incident (self->draft), self);
    }
  g_clear_object (&self->draft);

  G_OBJECT_CLASS (candor_draft_autosave_parent_class)->dispose (object);
}

static void
candor_draft_autosave_finalize (GObject *object)
{
  CandorDraftAutosave *self = CANDOR_DRAFT_AUTOSAVE (object);

  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (candor_draft_autosave_parent_class)->finalize (object);
}

static void
candor_draft_autosave_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CandorDraftAutosave *self = CANDOR_DRAFT_AUTOSAVE (object);

  switch (prop_id)
    {
      case PROP_SAVING:
        g_value_set_boolean (value, self->saving);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_draft_autosave_class_init (CandorDraftAutosaveClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = candor_draft_autosave_dispose;
  object_class->finalize = candor_draft_autosave_finalize;
  object_class->get_property = candor_draft_autosave_get_property;

  properties[PROP_SAVING] =
    g_param_spec_boolean ("saving", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
candor_draft_autosave_init (CandorDraftAutosave *self)
{
  self->cancellable = g_cancellable_new ();
}

/* Returns: (transfer full): where unsent drafts are kept. */
GFile *
candor_draft_autosave_get_directory (void)
{
  return g_file_new_build_filename (g_get_user_data_dir (), "candor", "drafts", NULL);
}

static int
compare_by_mtime (gconstpointer a, gconstpointer b)
{
  GFileInfo *info_a = g_object_get_data (*(GObject **)a, "info");
  GFileInfo *info_b = g_object_get_data (*(GObject **)b, "info");
  guint64    time_a = g_file_info_get_attribute_uint64 (info_a, G_FILE_ATTRIBUTE_TIME_MODIFIED);
  guint64    time_b = g_file_info_get_attribute_uint64 (info_b, G_FILE_ATTRIBUTE_TIME_MODIFIED);

  return time_a < time_b ? 1 : time_a > time_b ? -1 : 0;
}

/* Returns: (transfer full) (element-type GFile): the unsent drafts on disk,
 * most recently written first. */
GPtrArray *
candor_draft_autosave_list (void)
{
  g_autoptr (GFile) directory = candor_draft_autosave_get_directory ();
  g_autoptr (GFileEnumerator) enumerator = NULL;
  GPtrArray *files = g_ptr_array_new_with_free_func (g_object_unref);
  GFileInfo *info;

  enumerator = g_file_enumerate_children (
    directory, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_TIME_MODIFIED,
    G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (enumerator == NULL)
    return files;

  while ((info = g_file_enumerator_next_file (enumerator, NULL, NULL)) != NULL)
    {
      if (g_str_has_suffix (g_file_info_get_name (info), ".json"))
        {
          GFile *file = g_file_get_child (directory, g_file_info_get_name (info));

          g_object_set_data_full (G_OBJECT (file), "info", info, g_object_unref);
          g_ptr_array_add (files, file);
        }
      else
        g_object_unref (info);
    }

  g_ptr_array_sort (files, compare_by_mtime);
  return files;
}

CandorDraftAutosave *
candor_draft_autosave_new (CandorDraft *draft)
{
  CandorDraftAutosave *self;
  g_autoptr (GFile) directory = candor_draft_autosave_get_directory ();
  g_autofree char *name = NULL;
  g_autoptr (GError) error = NULL;

  g_return_val_if_fail (CANDOR_IS_DRAFT (draft), NULL);

  self = g_object_new (CANDOR_TYPE_DRAFT_AUTOSAVE, NULL);
  self->draft = g_object_ref (draft);
  name = g_strdup_printf ("%s.json", candor_incident_get_id (candor_draft_get_incident (draft)));
  self->file = g_file_get_child (directory, name);

  if (!g_file_make_directory_with_parents (directory, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    g_warning ("Drafts cannot be saved to %s: %s", g_file_peek_path (directory), error->message);

  g_signal_connect_object (candor_draft_get_update (draft), "changed",
                           G_CALLBACK (on_draft_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (candor_draft_get_incident (draft), "notify",
                           G_CALLBACK (on_draft_changed_cb), self, G_CONNECT_SWAPPED);

  return self;
}

GFile *
candor_draft_autosave_get_file (CandorDraftAutosave *self)
{
  g_return_val_if_fail (CANDOR_IS_DRAFT_AUTOSAVE (self), NULL);

  return self->file;
}

/* Whether anything was typed since the draft was opened. */
gboolean
candor_draft_autosave_get_changed (CandorDraftAutosave *self)
{
  g_return_val_if_fail (CANDOR_IS_DRAFT_AUTOSAVE (self), FALSE);

  return self->changed;
}

gboolean
candor_draft_autosave_get_saving (CandorDraftAutosave *self)
{
  g_return_val_if_fail (CANDOR_IS_DRAFT_AUTOSAVE (self), FALSE);

  return self->saving || self->save_source_id != 0;
}

/* The user chose to throw the draft away: stop saving and delete it. */
void
candor_draft_autosave_discard (CandorDraftAutosave *self)
{
  g_return_if_fail (CANDOR_IS_DRAFT_AUTOSAVE (self));

  self->discarded = TRUE;
  g_clear_handle_id (&self->save_source_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  if (self->draft != NULL)
    {
      g_signal_handlers_disconnect_by_data (candor_draft_get_update (self->draft), self);
      g_signal_handlers_disconnect_by_data (candor_draft_get_incident (self->draft), self);
    }
  g_clear_object (&self->draft);
  g_file_delete (self->file, NULL, NULL);
}
