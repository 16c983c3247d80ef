/* candor-session.h
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "candor-audience-list.h"
#include "candor-channel-list.h"
#include "candor-contact.h"
#include "candor-incident-list-model.h"
#include "candor-publisher.h"
#include "candor-reminder.h"
#include "candor-store.h"

G_BEGIN_DECLS

#define CANDOR_TYPE_SESSION (candor_session_get_type ())

G_DECLARE_FINAL_TYPE (CandorSession, candor_session, CANDOR, SESSION, GObject)

CandorSession *candor_session_new (GApplication *application, const char *path);

/* The history and what became of opening it. Once open, it is polled: a
 * change another program makes emits ::history-changed (and reloads the
 * incident list) within a second, and damage met by any call lets go of the
 * store and sets :open-error to CANDOR_STORE_ERROR_CORRUPT, as opening a
 * damaged history does; candor_session_recover() then carries over what can
 * still be read. The user's template folder is watched: ::templates-changed. */
CandorStore  *candor_session_get_store (CandorSession *self);
const GError *candor_session_get_open_error (CandorSession *self);
const char   *candor_session_get_damaged_path (CandorSession *self);
gboolean      candor_session_get_busy (CandorSession *self);
void          candor_session_open (CandorSession *self);
void          candor_session_recover (CandorSession *self);

CandorIncidentListModel *candor_session_get_incidents (CandorSession *self);
CandorReminder          *candor_session_get_reminder (CandorSession *self);
/* The audiences of the open history, the defaults until it has its own. */
CandorAudienceList *candor_session_get_audiences (CandorSession *self);

CandorChannelList *candor_session_get_channels (CandorSession *self);
CandorPublisher   *candor_session_get_publisher (CandorSession *self);
void candor_session_set_network_monitor (CandorSession *self, GNetworkMonitor *monitor);
void candor_session_test_channel_async (CandorSession      *self,
                                        CandorChannel      *channel,
                                        const char         *secret,
                                        GCancellable       *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data);
gboolean
candor_session_test_channel_finish (CandorSession *self, GAsyncResult *result, GError **error);

/* The unsent drafts that can be read (CandorDraft), most recent first. */
void candor_session_load_drafts_async (CandorSession      *self,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data);
GPtrArray      *
candor_session_load_drafts_finish (CandorSession *self, GAsyncResult *result, GError **error);
void candor_session_delete_draft_async (CandorSession      *self,
                                        const char         *draft_id,
                                        GCancellable       *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data);
gboolean
candor_session_delete_draft_finish (CandorSession *self, GAsyncResult *result, GError **error);

/* The saved contacts (CandorContact), by name. */
void candor_session_load_contacts_async (CandorSession      *self,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
GPtrArray *
candor_session_load_contacts_finish (CandorSession *self, GAsyncResult *result, GError **error);
void candor_session_save_contact_async (CandorSession      *self,
                                        CandorContact      *contact,
                                        GCancellable       *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data);
gboolean
candor_session_save_contact_finish (CandorSession *self, GAsyncResult *result, GError **error);

G_END_DECLS
