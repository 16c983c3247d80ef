/* static-site-sample.c
 *
 * Writes a small, varied status site for check-static-site.py to open in a
 * browser and a feed reader: `static-site-sample FOLDER [LANGUAGE]`. Active
 * and resolved incidents over three months, in English and Russian, with
 * markup in a title and a link in a text.
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "candor-static-site.h"

#define CHANNEL "public-status"

typedef struct
{
  const char         *title;
  const char         *language;
  CandorSeverity      severity;
  CandorIncidentState state;
  int                 month;
  int                 day;
  const char         *services;
  const char         *texts[4]; /* initial, progress..., resolution when resolved */
} Sample;

static const Sample samples[] = {
  { "Card payments fail at checkout",
    "en",
    CANDOR_SEVERITY_CRITICAL,
    CANDOR_INCIDENT_STATE_IDENTIFIED,
    3,
    24,
    "Checkout,Payments API",
    { "Since 09:40 UTC about a third of card payments at checkout fail with an error. Orders "
      "are not charged twice; customers can retry or pay by bank transfer.",
      "We found the cause: a certificate on the payment gateway expired. A renewed one is being "
      "rolled out.\n\nWe will post again by 12:00 UTC, or sooner when it changes.",
      NULL } },
  { "Отчёты формируются с задержкой",
    "ru",
    CANDOR_SEVERITY_MINOR,
    CANDOR_INCIDENT_STATE_MONITORING,
    3,
    23,
    "Отчёты",
    { "Ежедневные отчёты приходят с задержкой до двух часов. Данные не теряются.",
      "Очередь отчётов разобрана, следим за работой.", NULL } },
  { "Search returns no results <for some> users & teams",
    "en",
    CANDOR_SEVERITY_MAJOR,
    CANDOR_INCIDENT_STATE_RESOLVED,
    3,
    11,
    "Search",
    { "Search returns no results for some users. Browsing works normally.",
      "The search index is being rebuilt; results come back region by region.",
      "Search works normally again. The report is at https://example.com/reports/search-index.",
      NULL } },
  { "Sign-in is slow",
    "en",
    CANDOR_SEVERITY_MINOR,
    CANDOR_INCIDENT_STATE_RESOLVED,
    2,
    17,
    "Login",
    { "Signing in takes up to a minute.", "Sign-in is fast again: a cache node was replaced.",
      NULL } },
  { "Webhooks delivered late",
    "en",
    CANDOR_SEVERITY_MAJOR,
    CANDOR_INCIDENT_STATE_RESOLVED,
    2,
    3,
    "Webhooks",
    { "Webhooks reach receivers up to 20 minutes late. None are lost.",
      "The backlog is cleared and webhooks arrive on time again.", NULL } },
  { "Письма не доставляются",
    "ru",
    CANDOR_SEVERITY_MAJOR,
    CANDOR_INCIDENT_STATE_RESOLVED,
    1,
    20,
    "Почта",
    { "Письма с уведомлениями не доставляются с 14:10 по Москве.",
      "Доставка восстановлена, задержанные письма отправлены.", NULL } },
  { "Dashboard shows stale numbers",
    "en",
    CANDOR_SEVERITY_MINOR,
    CANDOR_INCIDENT_STATE_RESOLVED,
    1,
    8,
    "Web dashboard",
    { "Dashboards show numbers up to an hour old.", "Dashboards are current again.", NULL } },
};

static void
add_sample (CandorStore *store, const Sample *sample)
{
  g_autoptr (CandorIncident) incident = candor_incident_new (sample->title);
  g_autoptr (GDateTime) started = g_date_time_new_utc (2026, sample->month, sample->day, 9, 40, 0);
  g_auto (GStrv) services = g_strsplit (sample->services, ",", -1);
  g_autoptr (GError) error = NULL;
  guint n = g_strv_length ((GStrv)sample->texts);

  candor_incident_set_language (incident, sample->language);
  candor_incident_set_severity (incident, sample->severity);
  candor_incident_set_state (incident, sample->state);
  candor_incident_set_services (incident, (const char *const *)services);
  candor_incident_set_started_at (incident, started);
  if (sample->state == CANDOR_INCIDENT_STATE_RESOLVED)
    {
      g_autoptr (GDateTime) resolved = g_date_time_add_minutes (started, 15 + 50 * (n - 1));

      candor_incident_set_resolved_at (incident, resolved);
    }
  if (!candor_store_save_incident (store, incident, &error))
    g_error ("%s", error->message);

  for (guint i = 0; i < n; i++)
    {
      CandorUpdateKind kind = i == 0 ? CANDOR_UPDATE_KIND_INITIAL
                              : i + 1 == n && sample->state == CANDOR_INCIDENT_STATE_RESOLVED
                                ? CANDOR_UPDATE_KIND_RESOLUTION
                                : CANDOR_UPDATE_KIND_PROGRESS;
      g_autoptr (CandorUpdate) update = candor_update_new (kind);
      g_autoptr (GPtrArray) renditions =
        g_ptr_array_new_with_free_func ((GDestroyNotify)candor_sent_rendition_free);
      g_autoptr (GDateTime) sent_at = g_date_time_add_minutes (started, 15 + 50 * i);
      CandorSentRendition *rendition =
        candor_sent_rendition_new ("customers", CANDOR_DIALECT_STATUS_PAGE, sample->language,
                                   sample->title, sample->texts[i], NULL);

      g_free (rendition->channel_id);
      rendition->channel_id = g_strdup (CHANNEL);
      g_ptr_array_add (renditions, rendition);
      if (!candor_store_record_update (store, candor_incident_get_id (incident), update, sent_at,
                                       renditions, &error))
        g_error ("%s", error->message);
    }
}

int
main (int argc, char *argv[])
{
  g_autofree char *tmp = NULL;
  g_autofree char *db = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;
  g_autoptr (CandorStore) store = NULL;
  g_autoptr (GError) error = NULL;

  if (argc < 2)
    {
      g_printerr ("Usage: %s FOLDER [LANGUAGE]\n", argv[0]);
      return 2;
    }

  tmp = g_dir_make_tmp ("candor-site-sample-XXXXXX", &error);
  if (tmp == NULL)
    g_error ("%s", error->message);
  db = g_build_filename (tmp, "history.db", NULL);
  store = candor_store_open (db, &error);
  if (store == NULL)
    g_error ("%s", error->message);

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    add_sample (store, &samples[i]);

  if (!candor_static_site_write (store, CHANNEL, argv[1], "Example Cloud status",
                                 argc > 2 ? argv[2] : "en", NULL, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  g_clear_object (&store);
  wal = g_strconcat (db, "-wal", NULL);
  shm = g_strconcat (db, "-shm", NULL);
  g_unlink (db);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (tmp);
  return 0;
}
