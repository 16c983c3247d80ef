/* candor-store.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "candor-channel.h"
#include "candor-enums.h"
#include "candor-incident.h"
#include "candor-publication.h"
#include "candor-rendition.h"
#include "candor-sent-rendition.h"
#include "candor-sent-update.h"
#include "candor-update.h"

G_BEGIN_DECLS

#define CANDOR_STORE_ERROR (candor_store_error_quark ())

typedef enum
{
  CANDOR_STORE_ERROR_CORRUPT,   /* the file is damaged or not a database: see candor_store_recover()
                                 */
  CANDOR_STORE_ERROR_BUSY,      /* another program held the history longer than the busy timeout */
  CANDOR_STORE_ERROR_FULL,      /* the disk is full; nothing was written */
  CANDOR_STORE_ERROR_TOO_NEW,   /* written by a newer Candor; left untouched */
  CANDOR_STORE_ERROR_NOT_FOUND, /* no incident, update or draft with that id */
  CANDOR_STORE_ERROR_INVALID,   /* refused input, e.g. a secret in channel settings */
  CANDOR_STORE_ERROR_FAILED,    /* anything else SQLite reports */
} CandorStoreError;

/* The keyed JSON documents the store keeps besides the history. */
typedef enum
{
  CANDOR_STORE_DOCUMENT_CONTACT,
  CANDOR_STORE_DOCUMENT_AUDIENCE,
  CANDOR_STORE_DOCUMENT_CHANNEL,
  CANDOR_STORE_DOCUMENT_TEMPLATE,
} CandorStoreDocument;

typedef enum
{
  CANDOR_EXPORT_FORMAT_MARKDOWN,
  CANDOR_EXPORT_FORMAT_JSON,
  CANDOR_EXPORT_FORMAT_MBOX,
} CandorExportFormat;

/* What a history search looks for. Unset filters (NULL, -1) match all. */
typedef struct
{
  const char *text;
  GDateTime  *from;
  GDateTime  *until;
  int         state;    /* CandorIncidentState or -1 */
  int         severity; /* CandorSeverity or -1 */
  int         format;   /* CandorDialect (the channel) or -1 */
  const char *audience;
  const char *language;
} CandorSearchQuery;

#define CANDOR_SEARCH_QUERY_INIT             \
  {                                          \
    NULL, NULL, NULL, -1, -1, -1, NULL, NULL \
  }

#define CANDOR_TYPE_STORE (candor_store_get_type ())

G_DECLARE_FINAL_TYPE (CandorStore, candor_store, CANDOR, STORE, GObject)

GQuark candor_store_error_quark (void);

/* history.db in the user data folder. */
char *candor_store_get_default_path (GError **error);

/* Opens (creating and migrating as needed) the history at @path, or the
 * default one when @path is NULL. */
CandorStore *candor_store_open (const char *path, GError **error);
void         candor_store_open_async (const char         *path,
                                      GCancellable       *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data);
CandorStore *candor_store_open_finish (GAsyncResult *result, GError **error);

/* Sets a damaged history aside as "history.db.damaged-YYYYMMDD-HHMMSS" (byte
 * for byte) and opens a fresh one into which every row that can still be read
 * is carried over (see candor_store_get_salvage()); the name it was moved to
 * goes to @damaged_path. */
CandorStore *candor_store_recover (const char *path, char **damaged_path, GError **error);
/* Runs candor_store_recover() in a thread. */
void candor_store_recover_async (const char         *path,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data);
CandorStore *
candor_store_recover_finish (GAsyncResult *result, char **damaged_path, GError **error);

/* What candor_store_recover() carried over, one element per table. */
typedef struct
{
  const char *table;   /* "incidents", "updates", "renditions", "publications", "drafts", ... */
  guint       carried; /* rows now in the fresh history */
  int         lost;    /* rows that could not be carried over; -1 when not even their number
                        * could be read */
  guint made_up;       /* rows made up to hold carried rows whose own parent was lost */
  guint refused;       /* rows read but refused by the fresh history (part of @lost) */
} CandorStoreSalvage;

GArray *candor_store_get_salvage (CandorStore *self);

/* Damage: opening runs SQLite's quick check; candor_store_check() runs it
 * or the full one on demand. A store that met damage refuses every write. */
gboolean candor_store_check (CandorStore *self, gboolean full, GError **error);
gboolean candor_store_is_damaged (CandorStore *self);
/* The file was set aside (or replaced) by another program, e.g. candor-cli
 * history recover: the store is then treated as damaged; open the path again. */
gboolean candor_store_is_replaced (CandorStore *self);
void     candor_store_poll_async (CandorStore        *self,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data);
gboolean candor_store_poll_finish (CandorStore  *self,
                                   GAsyncResult *result,
                                   gboolean     *changed,
                                   GError      **error);

const char *candor_store_get_path (CandorStore *self);

/* Inserts or updates the incident's own facts. */
gboolean candor_store_save_incident (CandorStore *self, CandorIncident *incident, GError **error);
void     candor_store_save_incident_async (CandorStore        *self,
                                           CandorIncident     *incident,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
gboolean
candor_store_save_incident_finish (CandorStore *self, GAsyncResult *result, GError **error);

/* Records that @update of @incident_id went out at @sent_at with
 * @renditions (of CandorSentRendition, whose ids are filled in), all or
 * nothing. The async variant copies @update at once; @renditions must stay
 * untouched until it finishes. Inside a transaction of the caller's own it
 * uses a savepoint. */
gboolean candor_store_record_update (CandorStore  *self,
                                     const char   *incident_id,
                                     CandorUpdate *update,
                                     GDateTime    *sent_at,
                                     GPtrArray    *renditions,
                                     GError      **error);
void     candor_store_record_update_async (CandorStore        *self,
                                           const char         *incident_id,
                                           CandorUpdate       *update,
                                           GDateTime          *sent_at,
                                           GPtrArray          *renditions,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
gboolean
candor_store_record_update_finish (CandorStore *self, GAsyncResult *result, GError **error);

/* The outbox: a publication is written before it is sent and updated after. */
gint64 candor_store_add_publication (CandorStore *self,
                                     gint64       rendition_id,
                                     const char  *channel_id,
                                     GError     **error);
/* Records one attempt's outcome; attempts counts every state but WAITING. */
gboolean candor_store_set_publication_state (CandorStore           *self,
                                             gint64                 publication_id,
                                             CandorPublicationState state,
                                             const char            *remote_id,
                                             const char            *remote_url,
                                             const char            *last_error,
                                             GError               **error);

/* Incidents newest first, as CandorIncident objects. */
/* What the outbox needs to send one publication: the publication as its
 * attempt began, its rendition, and where the incident's earlier messages
 * went on the same channel (both NULL for the first). */
typedef struct
{
  CandorPublication   *publication;
  CandorSentRendition *rendition;
  char                *thread_root_id;
  char                *thread_last_id;
} CandorOutboxAttempt;

void candor_outbox_attempt_free (CandorOutboxAttempt *attempt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CandorOutboxAttempt, candor_outbox_attempt_free)

GPtrArray *candor_store_queue_update (CandorStore           *self,
                                      const char            *incident_id,
                                      CandorUpdate          *update,
                                      GDateTime             *sent_at,
                                      GPtrArray             *renditions,
                                      CandorPublicationState state,
                                      GError               **error);
void       candor_store_queue_update_async (CandorStore           *self,
                                            const char            *incident_id,
                                            CandorUpdate          *update,
                                            GDateTime             *sent_at,
                                            GPtrArray             *renditions,
                                            CandorPublicationState state,
                                            GCancellable          *cancellable,
                                            GAsyncReadyCallback    callback,
                                            gpointer               user_data);
GPtrArray *
candor_store_queue_update_finish (CandorStore *self, GAsyncResult *result, GError **error);
CandorOutboxAttempt      *
candor_store_begin_attempt (CandorStore *self, gint64 publication_id, GError **error);
void candor_store_begin_attempt_async (CandorStore        *self,
                                       gint64              publication_id,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data);
CandorOutboxAttempt *
candor_store_begin_attempt_finish (CandorStore *self, GAsyncResult *result, GError **error);
CandorPublication *candor_store_finish_attempt (CandorStore           *self,
                                                gint64                 publication_id,
                                                CandorPublicationState state,
                                                const char            *remote_id,
                                                const char            *remote_url,
                                                const char            *last_error,
                                                GDateTime             *next_attempt_at,
                                                GError               **error);
void               candor_store_finish_attempt_async (CandorStore           *self,
                                                      gint64                 publication_id,
                                                      CandorPublicationState state,
                                                      const char            *remote_id,
                                                      const char            *remote_url,
                                                      const char            *last_error,
                                                      GDateTime             *next_attempt_at,
                                                      GCancellable          *cancellable,
                                                      GAsyncReadyCallback    callback,
                                                      gpointer               user_data);
CandorPublication *
candor_store_finish_attempt_finish (CandorStore *self, GAsyncResult *result, GError **error);
GPtrArray *candor_store_list_pending_publications (CandorStore *self, GError **error);
void       candor_store_list_pending_publications_async (CandorStore        *self,
                                                         GCancellable       *cancellable,
                                                         GAsyncReadyCallback callback,
                                                         gpointer            user_data);
GPtrArray *candor_store_list_pending_publications_finish (CandorStore  *self,
                                                          GAsyncResult *result,
                                                          GError      **error);
CandorSentRendition          *
candor_store_load_rendition (CandorStore *self, gint64 rendition_id, GError **error);
gboolean candor_store_get_thread_ref (CandorStore *self,
                                      gint64       publication_id,
                                      char       **root_id,
                                      char       **last_id,
                                      GError     **error);

guint    candor_store_count_incidents (CandorStore *self, GError **error);
void     candor_store_count_incidents_async (CandorStore        *self,
                                             GCancellable       *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer            user_data);
gboolean candor_store_count_incidents_finish (CandorStore  *self,
                                              GAsyncResult *result,
                                              guint        *count,
                                              GError      **error);
GPtrArray      *
candor_store_list_incidents (CandorStore *self, guint offset, guint limit, GError **error);
void candor_store_list_incidents_async (CandorStore        *self,
                                        guint               offset,
                                        guint               limit,
                                        GCancellable       *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data);
GPtrArray *
candor_store_list_incidents_finish (CandorStore *self, GAsyncResult *result, GError **error);

char *candor_store_find_incident_id (CandorStore *self, const char *id_or_prefix, GError **error);
CandorIncident      *
candor_store_load_incident (CandorStore *self, const char *incident_id, GError **error);
void candor_store_load_incident_async (CandorStore        *self,
                                       const char         *incident_id,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data);
CandorIncident *
candor_store_load_incident_finish (CandorStore *self, GAsyncResult *result, GError **error);
/* The incident's sent updates, oldest first, as CandorSentUpdate. */
GPtrArray *candor_store_load_updates (CandorStore *self, const char *incident_id, GError **error);
void       candor_store_load_updates_async (CandorStore        *self,
                                            const char         *incident_id,
                                            GCancellable       *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer            user_data);
GPtrArray *
candor_store_load_updates_finish (CandorStore *self, GAsyncResult *result, GError **error);

/* A page of CandorSearchHit, newest first; @has_more tells whether another page follows. */
GPtrArray *candor_store_search (CandorStore             *self,
                                const CandorSearchQuery *query,
                                guint                    offset,
                                guint                    limit,
                                gboolean                *has_more,
                                GError                 **error);
void       candor_store_search_async (CandorStore             *self,
                                      const CandorSearchQuery *query,
                                      guint                    offset,
                                      guint                    limit,
                                      GCancellable            *cancellable,
                                      GAsyncReadyCallback      callback,
                                      gpointer                 user_data);
GPtrArray *candor_store_search_finish (CandorStore  *self,
                                       GAsyncResult *result,
                                       gboolean     *has_more,
                                       GError      **error);

/* Drafts are autosaved JSON, keyed by the update being written. */
gboolean candor_store_save_draft (CandorStore *self,
                                  const char  *draft_id,
                                  const char  *incident_id,
                                  const char  *json,
                                  GError     **error);
void     candor_store_save_draft_async (CandorStore        *self,
                                        const char         *draft_id,
                                        const char         *incident_id,
                                        const char         *json,
                                        GCancellable       *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data);
gboolean candor_store_save_draft_finish (CandorStore *self, GAsyncResult *result, GError **error);
char    *candor_store_load_draft (CandorStore *self, const char *draft_id, GError **error);
gboolean candor_store_delete_draft (CandorStore *self, const char *draft_id, GError **error);
void     candor_store_delete_draft_async (CandorStore        *self,
                                          const char         *draft_id,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data);
gboolean candor_store_delete_draft_finish (CandorStore *self, GAsyncResult *result, GError **error);
/* Ids of the drafts, most recently saved first. */
GStrv candor_store_list_drafts (CandorStore *self, GError **error);
/* The JSON of every draft (char *), most recently saved first. */
void candor_store_load_drafts_async (CandorStore        *self,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data);
GPtrArray *
candor_store_load_drafts_finish (CandorStore *self, GAsyncResult *result, GError **error);
/* The wizard step the draft's author was on (0 is the first). Only a draft
 * already saved is changed: moving between steps saves no draft of its own. */
gboolean
candor_store_set_draft_step (CandorStore *self, const char *draft_id, guint step, GError **error);
void candor_store_set_draft_step_async (CandorStore        *self,
                                        const char         *draft_id,
                                        guint               step,
                                        GCancellable       *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data);
gboolean
candor_store_set_draft_step_finish (CandorStore *self, GAsyncResult *result, GError **error);

/* A draft as the history keeps it. */
typedef struct
{
  char      *id;
  char      *incident_id; /* NULL for a draft of a new incident */
  char      *json;
  guint      step;
  GDateTime *saved_at;
} CandorDraftRecord;

void candor_draft_record_free (CandorDraftRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CandorDraftRecord, candor_draft_record_free)

/* Every draft (CandorDraftRecord), most recently saved first. */
GPtrArray *candor_store_load_draft_records (CandorStore *self, GError **error);
void       candor_store_load_draft_records_async (CandorStore        *self,
                                                  GCancellable       *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer            user_data);
GPtrArray *
candor_store_load_draft_records_finish (CandorStore *self, GAsyncResult *result, GError **error);

/* Contacts, audiences, channel settings and user templates as JSON objects.
 * Channel settings that hold anything named like a secret are refused. */
gboolean candor_store_put_document (CandorStore        *self,
                                    CandorStoreDocument kind,
                                    const char         *id,
                                    const char         *json,
                                    GError            **error);
char    *candor_store_get_document (CandorStore        *self,
                                    CandorStoreDocument kind,
                                    const char         *id,
                                    GError            **error);
GStrv    candor_store_list_documents (CandorStore *self, CandorStoreDocument kind, GError **error);
gboolean candor_store_delete_document (CandorStore        *self,
                                       CandorStoreDocument kind,
                                       const char         *id,
                                       GError            **error);
/* Configured channels, each a CANDOR_STORE_DOCUMENT_CHANNEL document under
 * its id, as candor_channel_to_json() writes it. */
gboolean   candor_store_put_channel (CandorStore *self, CandorChannel *channel, GError **error);
GPtrArray *candor_store_load_channels (CandorStore *self, GError **error);
/* The JSON of every document of @kind (char *), in id order. */
void candor_store_load_documents_async (CandorStore        *self,
                                        CandorStoreDocument kind,
                                        GCancellable       *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data);
GPtrArray      *
candor_store_load_documents_finish (CandorStore *self, GAsyncResult *result, GError **error);
void candor_store_put_document_async (CandorStore        *self,
                                      CandorStoreDocument kind,
                                      const char         *id,
                                      const char         *json,
                                      GCancellable       *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data);
gboolean candor_store_put_document_finish (CandorStore *self, GAsyncResult *result, GError **error);
void     candor_store_delete_document_async (CandorStore        *self,
                                             CandorStoreDocument kind,
                                             const char         *id,
                                             GCancellable       *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer            user_data);
gboolean
candor_store_delete_document_finish (CandorStore *self, GAsyncResult *result, GError **error);

/* The incident as a report (Markdown), as data (JSON) or its emails (mbox). */
GBytes *candor_store_export_incident (CandorStore       *self,
                                      const char        *incident_id,
                                      CandorExportFormat format,
                                      GError           **error);
void    candor_store_export_incident_async (CandorStore        *self,
                                            const char         *incident_id,
                                            CandorExportFormat  format,
                                            GCancellable       *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer            user_data);
/* The same in one @language only (NULL: all of them): the renditions sent in
 * it and, in JSON, the update's fields as they read in it. A language the
 * incident neither has nor sent anything in is CANDOR_STORE_ERROR_NOT_FOUND.
 * Finish with candor_store_export_incident_finish(). */
GBytes *candor_store_export_incident_in_language (CandorStore       *self,
                                                  const char        *incident_id,
                                                  CandorExportFormat format,
                                                  const char        *language,
                                                  GError           **error);
void    candor_store_export_incident_in_language_async (CandorStore        *self,
                                                        const char         *incident_id,
                                                        CandorExportFormat  format,
                                                        const char         *language,
                                                        GCancellable       *cancellable,
                                                        GAsyncReadyCallback callback,
                                                        gpointer            user_data);
GBytes *
candor_store_export_incident_finish (CandorStore *self, GAsyncResult *result, GError **error);

G_END_DECLS
