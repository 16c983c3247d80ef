/* generate-history.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Writes a large, realistic history through the store's own API, for the
 * history benchmarks: `generate-history FILE [INCIDENTS] [UPDATES] [SEED]`
 * (10,000 incidents and 100,000 updates by default). Text is composed from
 * phrase pools so that words have the skewed frequencies of real messages:
 * some in every other update ("database", "customers"), most rare.
 * `--site-channel=ID` also records every update's status-page text through
 * the channel ID, as a static status site publishes it. */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "candor-store-private.h"

static const char *const services[] = {
  "Payments API",
  "Checkout",
  "Login",
  "Single sign-on",
  "Search",
  "Recommendations",
  "Mobile app",
  "Web dashboard",
  "Public API",
  "Webhooks",
  "Email delivery",
  "SMS gateway",
  "File storage",
  "Image uploads",
  "Video transcoding",
  "Billing",
  "Invoicing",
  "Reporting",
  "Data export",
  "Analytics",
  "Notifications",
  "Chat",
  "Calendar sync",
  "CDN",
  "DNS",
  "Load balancer",
  "Kubernetes cluster",
  "Message queue",
  "Primary database",
  "Read replicas",
  "Cache layer",
  "Status page",
  "Admin console",
  "Partner portal",
  "Order history",
  "Inventory service",
  "Shipping labels",
  "Tax calculation",
  "Fraud detection",
  "Audit log",
};

static const char *const regions[] = {
  "EU-West", "EU-Central", "US-East", "US-West", "Asia-Pacific", "South America", "all regions",
};

static const char *const symptoms[] = {
  "requests time out",
  "pages load slowly",
  "some requests fail with errors",
  "sign-in attempts are rejected",
  "payments are declined",
  "uploads stall at 99%",
  "emails arrive with a long delay",
  "search returns no results",
  "the service is unreachable",
  "dashboards show stale numbers",
  "exports never finish",
  "notifications are not delivered",
  "API latency is ten times higher than usual",
  "webhooks are retried repeatedly",
  "some customers see an empty order history",
  "two-factor codes arrive late",
};

static const char *const causes[] = {
  "a failed database failover",
  "an expired TLS certificate",
  "a misconfigured load balancer rule",
  "a full disk on a storage node",
  "a bad deployment of the API gateway",
  "a network partition between data centres",
  "connection pool exhaustion",
  "a runaway batch job saturating the primary database",
  "a DNS provider outage",
  "a memory leak in the cache layer",
  "a faulty kernel upgrade",
  "rate limiting by a partner API",
  "a corrupted search index",
  "clock skew on the authentication servers",
  "a schema migration that locked a large table",
};

static const char *const actions[] = {
  "rolled back the deployment",
  "failed over to the standby database",
  "renewed and rotated the certificate",
  "added capacity to the cluster",
  "rebuilt the search index",
  "restarted the affected nodes",
  "disabled the batch job",
  "rerouted traffic to a healthy region",
  "raised the connection pool limits",
  "applied a configuration fix",
  "paused the schema migration",
  "purged the CDN cache",
};

static const char *const plans[] = {
  "add an alert on certificate expiry", "rehearse database failover every quarter",
  "canary every gateway deployment",    "cap batch jobs on the primary database",
  "add a second DNS provider",          "load-test the cache layer before releases",
  "review connection pool sizing",      "automate the rollback path",
};

static const char *const ru_symptoms[] = {
  "запросы завершаются по таймауту",
  "страницы загружаются медленно",
  "не проходят платежи",
  "пользователи не могут войти",
  "письма приходят с большой задержкой",
  "поиск не возвращает результатов",
  "выгрузка отчётов не завершается",
};

static const char *const ru_causes[] = {
  "сбой переключения базы данных",     "истёкший сертификат TLS",
  "ошибка в настройке балансировщика", "переполненный диск на узле хранения",
  "неудачное обновление шлюза API",
};

static const char *const contacts[] = {
  "Dana Reyes", "Mikhail Orlov", "Priya Natarajan", "Tom Becker", "Aiko Tanaka", "Lena Fischer",
};

#define PICK(rand, array) (array[g_rand_int_range ((rand), 0, G_N_ELEMENTS (array))])

static char *
compose_summary (GRand           *rand,
                 CandorUpdateKind kind,
                 const char      *service,
                 const char      *region,
                 gboolean         russian)
{
  if (russian)
    {
      switch (kind)
        {
          case CANDOR_UPDATE_KIND_INITIAL:
            return g_strdup_printf ("Сервис «%s» (%s): %s. Мы уже разбираемся.", service, region,
                                    PICK (rand, ru_symptoms));
          case CANDOR_UPDATE_KIND_RESOLUTION:
            return g_strdup_printf ("Сервис «%s» снова работает. Причина: %s.", service,
                                    PICK (rand, ru_causes));
          default:
            return g_strdup_printf ("Продолжаем работу над «%s»: %s. Вероятная причина — %s.",
                                    service, PICK (rand, ru_symptoms), PICK (rand, ru_causes));
        }
    }

  switch (kind)
    {
      case CANDOR_UPDATE_KIND_INITIAL:
        return g_strdup_printf ("%s in %s: %s. We are investigating and will share more soon.",
                                service, region, PICK (rand, symptoms));
      case CANDOR_UPDATE_KIND_RESOLUTION:
        return g_strdup_printf ("%s works normally again in %s. The cause was %s; we %s.", service,
                                region, PICK (rand, causes), PICK (rand, actions));
      case CANDOR_UPDATE_KIND_POST_INCIDENT:
        return g_strdup_printf ("Post-incident report for %s: the root cause was %s. To prevent a "
                                "repeat we will %s and %s.",
                                service, PICK (rand, causes), PICK (rand, plans),
                                PICK (rand, plans));
      default:
        return g_strdup_printf ("We identified %s as the likely cause of the %s problems (%s). We "
                                "%s and are watching the results.",
                                PICK (rand, causes), service, PICK (rand, symptoms),
                                PICK (rand, actions));
    }
}

/* A plain-text email, as the bytes would be stored. */
static GBytes *
compose_mime (const char *subject, const char *body, GDateTime *date, guint serial)
{
  g_autofree char *date_text = g_date_time_format (date, "%a, %d %b %Y %H:%M:%S +0000");
  g_autofree char *message = g_strdup_printf ("From: Status Desk <status@example.com>\n"
                                              "To: customers@example.com\n"
                                              "Subject: %s\n"
                                              "Date: %s\n"
                                              "Message-ID: <%u@status.example.com>\n"
                                              "MIME-Version: 1.0\n"
                                              "Content-Type: text/plain; charset=utf-8\n"
                                              "Content-Transfer-Encoding: 8bit\n"
                                              "\n"
                                              "%s\n",
                                              subject, date_text, serial, body);
  gsize            length = strlen (message);

  return g_bytes_new_take (g_steal_pointer (&message), length);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorStore) store = NULL;
  g_autoptr (GRand) rand = NULL;
  g_autoptr (GDateTime) epoch = g_date_time_new_utc (2021, 11, 30, 0, 0, 0);
  guint       n_incidents = 10000;
  guint       n_updates = 100000;
  guint       written_updates = 0;
  guint       serial = 0;
  gint64      start_time;
  gint64      clock;
  const char *site_channel = NULL;

  /* Options first; what is left is positional. */
  for (int i = 1; i < argc; i++)
    if (g_str_has_prefix (argv[i], "--site-channel="))
      {
        site_channel = argv[i] + strlen ("--site-channel=");
        memmove (&argv[i], &argv[i + 1], (argc - i) * sizeof (char *));
        argc--;
        i--;
      }

  if (argc < 2 || argc > 5)
    {
      g_printerr ("Usage: %s [--site-channel=ID] FILE [INCIDENTS] [UPDATES] [SEED]\n", argv[0]);
      return 2;
    }
  if (argc > 2)
    n_incidents = strtoul (argv[2], NULL, 10);
  if (argc > 3)
    n_updates = strtoul (argv[3], NULL, 10);
  rand = g_rand_new_with_seed (argc > 4 ? strtoul (argv[4], NULL, 10) : 20261130);
  if (n_incidents == 0 || n_updates < n_incidents)
    {
      g_printerr ("%s: need at least one incident and one update per incident\n", argv[0]);
      return 2;
    }

  if (g_file_test (argv[1], G_FILE_TEST_EXISTS))
    {
      g_printerr ("%s: %s exists; remove it first\n", argv[0], argv[1]);
      return 2;
    }

  store = candor_store_open (argv[1], &error);
  if (store == NULL)
    {
      g_printerr ("%s: %s\n", argv[0], error->message);
      return 1;
    }
  /* A generated file need not survive a power cut, and goes in batches. */
  sqlite3_exec (_candor_store_get_db (store), "PRAGMA synchronous = OFF; BEGIN", NULL, NULL, NULL);

  start_time = g_get_monotonic_time ();
  /* Five years of history, oldest first, as it would have been recorded. */
  clock = g_date_time_to_unix (epoch);

  for (guint i = 0; i < n_incidents; i++)
    {
      g_autoptr (CandorIncident) incident = NULL;
      g_autoptr (GDateTime) started = NULL;
      g_autoptr (GDateTime) detected = NULL;
      g_autoptr (GDateTime) resolved = NULL;
      const char    *service = PICK (rand, services);
      const char    *region = PICK (rand, regions);
      gboolean       russian = g_rand_int_range (rand, 0, 10) == 0;
      CandorSeverity severity = g_rand_int_range (rand, 0, 10) < 6   ? CANDOR_SEVERITY_MINOR
                                : g_rand_int_range (rand, 0, 10) < 8 ? CANDOR_SEVERITY_MAJOR
                                                                     : CANDOR_SEVERITY_CRITICAL;
      /* Spread the updates so the total comes out exact: the rest over the rest. */
      guint remaining_incidents = n_incidents - i;
      guint remaining_updates = n_updates - written_updates;
      int   mean = remaining_updates / remaining_incidents;
      int   most = remaining_updates - (remaining_incidents - 1) * 2;
      int   wanted = mean + g_rand_int_range (rand, -mean / 2, mean / 2 + 1);
      guint count = i + 1 == n_incidents ? remaining_updates : (guint)CLAMP (wanted, 2, most);
      g_autofree char *title = NULL;
      gint64           at;

      clock += g_rand_int_range (rand, 600, 5 * 365 * 24 * 3600 / n_incidents * 2);
      started = g_date_time_new_from_unix_utc (clock);
      detected = g_date_time_new_from_unix_utc (clock + g_rand_int_range (rand, 0, 1800));
      title = russian ? g_strdup_printf ("%s: %s", service, PICK (rand, ru_symptoms))
                      : g_strdup_printf ("%s: %s in %s", service, PICK (rand, symptoms), region);

      incident = candor_incident_new (title);
      candor_incident_set_services (incident, (const char *[]){ service, NULL });
      candor_incident_set_severity (incident, severity);
      candor_incident_set_state (incident, i + 3 >= n_incidents ? CANDOR_INCIDENT_STATE_MONITORING
                                                                : CANDOR_INCIDENT_STATE_RESOLVED);
      candor_incident_set_started_at (incident, started);
      candor_incident_set_detected_at (incident, detected);
      candor_incident_set_language (incident, russian ? "ru" : "en");
      if (!candor_store_save_incident (store, incident, &error))
        {
          g_printerr ("%s: %s\n", argv[0], error->message);
          return 1;
        }

      at = g_date_time_to_unix (detected) + g_rand_int_range (rand, 120, 1500);
      for (guint u = 0; u < count; u++)
        {
          CandorUpdateKind kind = u == 0           ? CANDOR_UPDATE_KIND_INITIAL
                                  : u + 1 == count ? CANDOR_UPDATE_KIND_RESOLUTION
                                                   : CANDOR_UPDATE_KIND_PROGRESS;
          g_autoptr (CandorUpdate) update = candor_update_new (kind);
          g_autoptr (GPtrArray) renditions =
            g_ptr_array_new_with_free_func ((GDestroyNotify)candor_sent_rendition_free);
          g_autoptr (GDateTime) sent_at = g_date_time_new_from_unix_utc (at);
          g_autoptr (GDateTime) next_at = NULL;
          g_autofree char *summary = compose_summary (rand, kind, service, region, russian);
          g_autofree char *subject =
            g_strdup_printf ("[%s] %s", russian ? "Инцидент" : "Incident", title);
          g_autofree char *contact = g_strdup_printf (
            russian ? "Вопросы — %s, %s@example.com. Спасибо за терпение."
                    : "Questions go to %s at %s@example.com; thank you for your patience.",
            PICK (rand, contacts), service);
          g_autofree char *technical =
            g_strdup_printf ("*%s*\n%s\nRoot cause candidates: %s. Actions: we %s.", title, summary,
                             PICK (rand, causes), PICK (rand, actions));
          g_autofree char *email = NULL;
          g_autoptr (GBytes) mime = NULL;
          gint64 cadence = severity == CANDOR_SEVERITY_CRITICAL ? 1800 : 3600;

          if (kind != CANDOR_UPDATE_KIND_RESOLUTION)
            next_at = g_date_time_new_from_unix_utc (at + cadence);

          candor_update_set_field (update, CANDOR_FIELD_EXECUTIVE_SUMMARY, summary);
          candor_update_set_field (update, CANDOR_FIELD_IMPACT_NOW, PICK (rand, symptoms));
          candor_update_set_field (update, CANDOR_FIELD_CONTACT, contact);
          candor_update_set_next_update_at (update, next_at);

          email = g_strdup_printf ("%s\n\n%s\n\n%s", summary, contact,
                                   next_at != NULL ? "Next update within the hour." : "");
          mime = compose_mime (subject, email, sent_at, ++serial);
          g_ptr_array_add (renditions,
                           candor_sent_rendition_new ("customers", CANDOR_DIALECT_EMAIL,
                                                      russian ? "ru" : "en", subject, email, mime));
          g_ptr_array_add (renditions, candor_sent_rendition_new ("technical", CANDOR_DIALECT_SLACK,
                                                                  russian ? "ru" : "en", NULL,
                                                                  technical, NULL));
          if (severity != CANDOR_SEVERITY_MINOR)
            g_ptr_array_add (
              renditions, candor_sent_rendition_new ("customers", CANDOR_DIALECT_STATUS_PAGE,
                                                     russian ? "ru" : "en", title, summary, NULL));

          if (site_channel != NULL)
            {
              CandorSentRendition *site =
                candor_sent_rendition_new ("customers", CANDOR_DIALECT_STATUS_PAGE,
                                           russian ? "ru" : "en", title, summary, NULL);

              g_free (site->channel_id);
              site->channel_id = g_strdup (site_channel);
              g_ptr_array_add (renditions, site);
            }

          if (!candor_store_record_update (store, candor_incident_get_id (incident), update,
                                           sent_at, renditions, &error))
            {
              g_printerr ("%s: %s\n", argv[0], error->message);
              return 1;
            }

          /* Most updates keep their promise; about one in eight is late. */
          at += g_rand_int_range (rand, 0, 8) == 0 ? cadence + g_rand_int_range (rand, 120, 2400)
                                                   : cadence - g_rand_int_range (rand, 0, 600);
          written_updates++;
          if (written_updates % 2000 == 0)
            sqlite3_exec (_candor_store_get_db (store), "COMMIT; BEGIN", NULL, NULL, NULL);
        }
    }

  sqlite3_exec (_candor_store_get_db (store), "COMMIT; PRAGMA wal_checkpoint(TRUNCATE); ANALYZE",
                NULL, NULL, NULL);
  g_print ("Wrote %u incidents and %u updates to %s in %.1f s\n", n_incidents, written_updates,
           argv[1], (g_get_monotonic_time () - start_time) / 1e6);

  return 0;
}
