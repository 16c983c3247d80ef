/* test-checker.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "candor-checker.h"
#include "candor-draft.h"
#include "candor-enum-types.h"

/* One realistic message, field by field. */
typedef struct
{
  CandorUpdateKind kind;
  const char      *impact_now;
  const char      *impact_future;
  const char      *lasting;
  const char      *summary;
  const char      *technical;
  const char      *taken;
  const char      *planned;
  const char      *contact;
  const char      *next_update;
  gboolean         no_lasting_consequences;
} Message;

/* A phrase that must give exactly one finding: @rule on the span of @span. */
typedef struct
{
  const char *text;
  int         field;
  gboolean    resolved;
  const char *rule;
  const char *span;
} BadPhrase;

static CandorChecker *
checker_for (const char *language)
{
  g_autoptr (GError) error = NULL;
  CandorChecker *checker = candor_checker_new (language, &error);

  g_assert_no_error (error);
  g_assert_nonnull (checker);
  return checker;
}

static CandorUpdate *
update_from_message (const Message *message)
{
  CandorUpdate *update = candor_update_new (message->kind);
  const char   *texts[CANDOR_N_FIELDS] = {
      [CANDOR_FIELD_IMPACT_NOW] = message->impact_now,
      [CANDOR_FIELD_IMPACT_FUTURE] = message->impact_future,
      [CANDOR_FIELD_LASTING_CONSEQUENCES] = message->lasting,
      [CANDOR_FIELD_EXECUTIVE_SUMMARY] = message->summary,
      [CANDOR_FIELD_TECHNICAL_DETAILS] = message->technical,
      [CANDOR_FIELD_ACTIONS_TAKEN] = message->taken,
      [CANDOR_FIELD_ACTIONS_PLANNED] = message->planned,
      [CANDOR_FIELD_CONTACT] = message->contact,
      [CANDOR_FIELD_NEXT_UPDATE] = message->next_update,
  };

  for (int field = 0; field < CANDOR_N_FIELDS; field++)
    candor_update_set_field (update, field, texts[field] != NULL ? texts[field] : "");
  candor_update_set_no_lasting_consequences (update, message->no_lasting_consequences);

  return update;
}

static char *
describe_findings (GPtrArray *findings)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < findings->len; i++)
    {
      CandorFinding *finding = g_ptr_array_index (findings, i);

      g_string_append_printf (
        out, "\n  %s field=%d [%u,%u): %s", candor_finding_get_rule_id (finding),
        candor_finding_get_field (finding), candor_finding_get_start (finding),
        candor_finding_get_end (finding), candor_finding_get_message (finding));
    }

  return g_string_free (out, FALSE);
}

static void
assert_no_findings (GPtrArray *findings, const char *what)
{
  if (findings->len > 0)
    {
      g_autofree char *described = describe_findings (findings);

      g_error ("expected no findings for %s, got:%s", what, described);
    }
}

static void
assert_messages_clean (const char *language, const Message *messages, guint n_messages)
{
  g_autoptr (CandorChecker) checker = checker_for (language);

  for (guint i = 0; i < n_messages; i++)
    {
      g_autoptr (CandorIncident) incident = candor_incident_new ("Outage");
      g_autoptr (CandorUpdate) update = update_from_message (&messages[i]);
      g_autoptr (GPtrArray) findings = NULL;
      g_autofree char *what = g_strdup_printf ("%s message %u", language, i);

      candor_incident_set_language (incident, language);
      if (messages[i].kind == CANDOR_UPDATE_KIND_RESOLUTION ||
          messages[i].kind == CANDOR_UPDATE_KIND_POST_INCIDENT)
        candor_incident_set_state (incident, CANDOR_INCIDENT_STATE_RESOLVED);

      findings = candor_checker_check_update (checker, incident, update);
      assert_no_findings (findings, what);
    }
}

/* Spans are character offsets, so they are computed from the expected
 * substring the way the editor would count them. */
static void
assert_bad_phrases (const char *language, const BadPhrase *phrases, guint n_phrases)
{
  g_autoptr (CandorChecker) checker = checker_for (language);

  for (guint i = 0; i < n_phrases; i++)
    {
      const BadPhrase *phrase = &phrases[i];
      g_autoptr (GPtrArray) findings = candor_checker_check_text (
        checker, phrase->field, phrase->text, CANDOR_UPDATE_KIND_PROGRESS, phrase->resolved);
      const char    *found = strstr (phrase->text, phrase->span);
      CandorFinding *finding;
      glong          start, end;

      g_assert_nonnull (found);
      start = g_utf8_pointer_to_offset (phrase->text, found);
      end = start + g_utf8_strlen (phrase->span, -1);

      if (findings->len != 1)
        {
          g_autofree char *described = describe_findings (findings);

          g_error ("“%s”: expected one %s finding, got %u:%s", phrase->text, phrase->rule,
                   findings->len, described);
        }

      finding = g_ptr_array_index (findings, 0);
      if (g_strcmp0 (candor_finding_get_rule_id (finding), phrase->rule) != 0 ||
          candor_finding_get_start (finding) != start || candor_finding_get_end (finding) != end)
        {
          g_autofree char *described = describe_findings (findings);

          g_error ("“%s”: expected %s on [%ld,%ld) “%s”, got:%s", phrase->text, phrase->rule, start,
                   end, phrase->span, described);
        }

      g_assert_cmpint (candor_finding_get_field (finding), ==, phrase->field);
      g_assert_cmpstr (candor_finding_get_message (finding), !=, "");
    }
}

static void
assert_phrases_clean (const char *language, int field, gboolean resolved, const char *const *texts)
{
  g_autoptr (CandorChecker) checker = checker_for (language);

  for (guint i = 0; texts[i] != NULL; i++)
    {
      g_autoptr (GPtrArray) findings =
        candor_checker_check_text (checker, field, texts[i], CANDOR_UPDATE_KIND_PROGRESS, resolved);

      assert_no_findings (findings, texts[i]);
    }
}

static const Message good_english[] = {
  { CANDOR_UPDATE_KIND_INITIAL,
    "Since 09:12 UTC, customers in Europe cannot log in to the web app. The mobile apps and the "
    "API work normally.",
    "Scheduled reports due this morning may be sent late.",
    "No data has been lost; everything you saved before 09:12 is safe.",
    "Customers in Europe cannot log in to the web app. Our engineers have found the likely cause "
    "and are working on a fix.",
    "Logins fail with HTTP 503 from the authentication service after a certificate on "
    "db-prod-3.internal expired.",
    NULL, NULL,
    "Maria Keller (support lead, support@example.com, +49 30 1234567) is available for your "
    "questions throughout the outage, and we thank you for your patience.",
    "We will post the next update at 11:00 UTC, or sooner if the situation changes." },
  { CANDOR_UPDATE_KIND_PROGRESS,
    "Card payments in the checkout fail for about one in five orders. Invoices and bank transfers "
    "are not affected.",
    "If the problem continues into the evening, subscription renewals due today will be retried "
    "tomorrow.",
    "Orders that failed were not charged, so no payments were lost. You may need to place a "
    "failed order again.",
    "Some card payments fail at checkout. We have identified the cause and are rolling out a fix, "
    "which we expect to complete within the next two hours.",
    "The payment gateway rejects our requests because our outbound IP range changed during a "
    "network migration at 13:40. We are restoring the previous routes.",
    NULL, NULL,
    "Questions? Reach our on-call support lead Tom Baker at payments-help@example.com; thank you "
    "for bearing with us while we work on this.",
    "Next update by 16:00 UTC, and again before our European offices close." },
  { CANDOR_UPDATE_KIND_RESOLUTION,
    "From 14:05 to 15:20 UTC, customers could not upload files larger than 10 MB. Everything "
    "works normally again.",
    NULL, "No files were lost; uploads that failed during this time need to be started again.",
    "Uploads of large files failed for about an hour this afternoon. The problem is fixed and all "
    "uploads work again.",
    "A configuration change reduced the request size limit on our upload servers. We reverted the "
    "change at 15:15 UTC and confirmed normal traffic by 15:20.",
    "We reverted the configuration change and added a monitoring alert for failed uploads.",
    "We will add an automated test for large uploads to our release checks before the next "
    "release.",
    "If you still see problems, contact our support team at support@example.com.", NULL },
  { CANDOR_UPDATE_KIND_POST_INCIDENT,
    "On 28 November between 02:10 and 04:45 UTC, the dashboard showed outdated figures for all "
    "customers. No other features were affected.",
    NULL, NULL,
    "For two and a half hours on Saturday night, dashboards showed figures that were up to three "
    "hours old. The figures have been correct since 04:45 UTC.",
    "The job that refreshes dashboard figures stopped after a disk on its worker filled up with "
    "temporary files. Alerts for this job were routed to an unused channel, so we noticed it "
    "late.",
    "We cleared the disk, restarted the job and confirmed that all dashboards were up to date at "
    "04:45 UTC.",
    "We are cleaning temporary files automatically, routing the job's alerts to the on-call "
    "engineer and adding a freshness indicator to the dashboard.",
    "Your account manager is happy to answer questions about this report.", NULL, TRUE },
  { CANDOR_UPDATE_KIND_INITIAL,
    "Emails sent from the app are delayed by up to 30 minutes. Everything else works normally.",
    "Delays may grow during the evening peak.",
    "Delayed emails are queued and will be delivered; none are lost.",
    "Emails from the app, such as invitations and password resets, arrive up to 30 minutes late. "
    "We are working with our email provider to speed up delivery.",
    "Our email provider is throttling our sending domain after a spike in bounced messages. "
    "Messages queue on our side and are retried automatically.",
    NULL, NULL,
    "For urgent password resets, contact Ana Silva at help@example.com; thank you for your "
    "patience.",
    "We will update this notice when the situation changes." },
  { CANDOR_UPDATE_KIND_PROGRESS,
    "API requests are slower than usual: about 10% take more than five seconds. The web app is "
    "affected in the same way.",
    "We do not expect further impact.", NULL,
    "Our service is responding slowly. We have found the cause and are applying a fix; we aim to "
    "have normal speeds back within the hour.",
    "A database index was dropped by a schema migration at 10:02 UTC, so order lookups scan the "
    "full table. The index is being rebuilt; this takes about 40 minutes.",
    NULL, NULL,
    "Our support team (support@example.com, live chat in the app) is standing by; we appreciate "
    "your patience.",
    "Next update at 12:30 UTC.", TRUE },
  { CANDOR_UPDATE_KIND_INITIAL,
    "Push notifications on Android phones are not delivered. iPhones and email notifications are "
    "not affected.",
    "Reminders scheduled for today may arrive late or not at all until this is fixed.",
    "Missed reminders will not be sent again, so please check today's appointments in the app.",
    "Android users do not receive push notifications right now. We are investigating and will "
    "share more as soon as we know more.",
    "Delivery through Firebase Cloud Messaging fails for all Android devices since 07:50 UTC; we "
    "are checking our credentials and the service status.",
    NULL, NULL,
    "Jonas Weber from our support team answers questions by email at support@example.com, and we "
    "thank you for your understanding.",
    "We will post an update within two hours, and before our office closes at 18:00 CET." },
  { CANDOR_UPDATE_KIND_RESOLUTION,
    "Between 08:30 and 09:10 UTC, search returned no results for some customers.", NULL,
    "No data was lost.",
    "Search was unavailable for some customers for 40 minutes this morning. It works normally "
    "again.",
    "A search cluster node ran out of disk space, and the remaining nodes could not take over its "
    "share of the index. We added capacity and the cluster recovered at 09:10 UTC.",
    "We added disk capacity and rebalanced the search index.",
    "We are adding alerts for disk usage on search nodes and reviewing how the cluster handles a "
    "failed node.",
    "Write to support@example.com if search still misbehaves for you.", NULL },
  { CANDOR_UPDATE_KIND_PROGRESS,
    "Customers who sign in with single sign-on cannot log in. Sign-in with a password works.",
    "Sessions that are already open keep working.",
    "Nothing has been lost; you can continue where you left off once you can sign in.",
    "Single sign-on does not work at the moment. Password sign-in works, and we are working with "
    "our identity provider on a fix. We expect service to be restored by 15:00 UTC and will "
    "confirm this in the next update.",
    "Requests to our identity provider's SAML endpoint time out since 11:20 UTC. Their status page "
    "confirms an incident; we are preparing to switch to their secondary region.",
    NULL, NULL,
    "Priya Nair (customer success, priya@example.com) is available for your questions all day; "
    "thank you for your patience.",
    "Next update at 14:00 UTC or earlier if anything changes." },
  { CANDOR_UPDATE_KIND_INITIAL,
    "The whole platform is unavailable: customers cannot open the web app, the mobile apps or the "
    "API.",
    "Scheduled exports and webhooks will be delayed until the platform is back.",
    "We do not expect any data loss: data saved before the outage is safe.",
    "Our platform is down for all customers. The whole engineering team is working on it, and we "
    "will keep working through the night until it is back. Service should be back by 09:00 CET, "
    "but we cannot promise that yet.",
    "Our main database cluster in Frankfurt stopped accepting writes at 05:40 UTC after a storage "
    "failure. We are failing over to the standby cluster.",
    NULL, NULL,
    "Our head of support, Lena Fischer, is reachable at +49 30 5550100 and lena@example.com "
    "throughout the outage; thank you for your patience while we restore service.",
    "Next update by 08:00 CET, before our European offices open, and whenever the situation "
    "changes." },
};

static const Message good_russian[] = {
  { CANDOR_UPDATE_KIND_INITIAL,
    "С 09:12 МСК клиенты не могут войти в личный кабинет на сайте. Мобильное приложение и API "
    "работают в обычном режиме.",
    "Отчёты, запланированные на утро, могут прийти с опозданием.",
    "Данные не потеряны: всё, что вы сохранили до 09:12, в сохранности.",
    "Клиенты не могут войти в личный кабинет на сайте. Наши инженеры нашли вероятную причину и "
    "работают над исправлением.",
    "Вход завершается ошибкой HTTP 503 от сервиса авторизации: на db-prod-3.internal истёк "
    "сертификат.",
    NULL, NULL,
    "На ваши вопросы в течение всего сбоя отвечает руководитель поддержки Мария Иванова "
    "(support@example.ru, +7 495 123-45-67) — спасибо за ваше терпение.",
    "Следующее обновление — в 11:00 МСК или раньше, если ситуация изменится." },
  { CANDOR_UPDATE_KIND_PROGRESS,
    "Оплата картой при оформлении заказа не проходит примерно для каждого пятого заказа. Счета и "
    "банковские переводы работают.",
    "Если проблема сохранится до вечера, продление подписок перенесём на завтра.",
    "Деньги за неудачные заказы не списывались, платежи не потеряны.",
    "Часть платежей картой не проходит. Мы нашли причину и устраняем её; ожидаем, что оплата "
    "заработает в течение двух часов.",
    "Платёжный шлюз отклоняет запросы, потому что при миграции сети в 13:40 изменился наш "
    "исходящий диапазон IP-адресов. Мы возвращаем прежние маршруты.",
    NULL, NULL,
    "Вопросы можно задать дежурному руководителю поддержки Антону Смирнову по адресу "
    "pay-help@example.ru; благодарим за терпение.",
    "Следующее обновление — не позднее 16:00 МСК." },
  { CANDOR_UPDATE_KIND_RESOLUTION,
    "С 14:05 до 15:20 МСК клиенты не могли загружать файлы больше 10 МБ. Сейчас всё работает в "
    "обычном режиме.",
    NULL, "Файлы не потеряны; загрузки, прерванные в это время, нужно запустить заново.",
    "Около часа сегодня днём не загружались крупные файлы. Проблема устранена, загрузка работает.",
    "Изменение конфигурации уменьшило допустимый размер запроса на серверах загрузки. В 15:15 мы "
    "откатили изменение, к 15:20 трафик вернулся к норме.",
    "Откатили изменение конфигурации и добавили оповещение о неудачных загрузках.",
    "Добавим автоматическую проверку загрузки больших файлов в процесс выпуска.",
    "Если проблема сохраняется, напишите в поддержку: support@example.ru.", NULL },
  { CANDOR_UPDATE_KIND_POST_INCIDENT,
    "28 ноября с 02:10 до 04:45 МСК на панели показателей отображались устаревшие данные. Другие "
    "функции не затронуты.",
    NULL, NULL,
    "В ночь на субботу два с половиной часа панели показывали данные с задержкой до трёх часов. С "
    "04:45 показатели верны.",
    "Задача, обновляющая показатели, остановилась: на её сервере закончилось место на диске из-за "
    "временных файлов. Оповещения по этой задаче уходили в неиспользуемый канал, поэтому мы "
    "заметили проблему поздно.",
    "Очистили диск, перезапустили задачу и в 04:45 убедились, что все панели актуальны.",
    "Настраиваем автоматическую очистку временных файлов, направляем оповещения дежурному "
    "инженеру и добавляем на панель индикатор свежести данных.",
    "Ваш персональный менеджер ответит на вопросы по этому отчёту.", NULL, TRUE },
  { CANDOR_UPDATE_KIND_INITIAL,
    "Письма из приложения приходят с задержкой до 30 минут. Остальные функции работают.",
    "Вечером, в часы пик, задержка может вырасти.",
    "Задержанные письма стоят в очереди и будут доставлены, ни одно не потеряно.",
    "Письма из приложения — приглашения и сброс пароля — приходят с опозданием до получаса. Мы "
    "работаем вместе с нашим почтовым провайдером над ускорением доставки.",
    "Почтовый провайдер ограничил отправку с нашего домена после всплеска возвратов. Письма ждут "
    "в очереди на нашей стороне и отправляются повторно автоматически.",
    NULL, NULL,
    "По срочным вопросам о сбросе пароля пишите Анне Соколовой на help@example.ru — спасибо за "
    "понимание.",
    "Сообщим, как только ситуация изменится." },
  { CANDOR_UPDATE_KIND_PROGRESS,
    "Запросы к API обрабатываются медленнее обычного: около 10% выполняются дольше пяти секунд. "
    "Веб-приложение замедлено так же.",
    "Дальнейшего влияния мы не ожидаем.", NULL,
    "Сервис отвечает медленно. Мы нашли причину и применяем исправление; рассчитываем вернуть "
    "обычную скорость в течение часа.",
    "Миграция схемы в 10:02 удалила индекс, и поиск заказов просматривает всю таблицу. Индекс "
    "перестраивается, это займёт около 40 минут.",
    NULL, NULL,
    "Служба поддержки (support@example.ru, чат в приложении) на связи — благодарим за терпение.",
    "Следующее обновление в 12:30 МСК.", TRUE },
  { CANDOR_UPDATE_KIND_INITIAL,
    "Push-уведомления не доставляются на телефоны Android. iPhone и уведомления по почте "
    "работают.",
    "Напоминания на сегодня могут прийти с опозданием.",
    "Пропущенные напоминания не будут отправлены повторно, поэтому проверьте сегодняшние записи "
    "в приложении.",
    "Пользователи Android сейчас не получают push-уведомления. Мы выясняем причину и сообщим "
    "подробности, как только узнаем больше.",
    "С 07:50 МСК доставка через Firebase Cloud Messaging не проходит для всех устройств Android; "
    "проверяем учётные данные и статус сервиса.",
    NULL, NULL,
    "На вопросы по почте support@example.ru отвечает Иван Петров из поддержки, спасибо за ваше "
    "терпение.",
    "Следующее обновление — в течение двух часов и до закрытия офиса в 18:00 МСК." },
  { CANDOR_UPDATE_KIND_RESOLUTION,
    "С 08:30 до 09:10 МСК у части клиентов поиск не возвращал результатов.", NULL,
    "Данные не пострадали.",
    "Сегодня утром поиск 40 минут не работал у части клиентов. Сейчас всё работает.",
    "На одном из узлов поискового кластера закончилось место на диске, и остальные узлы не смогли "
    "взять на себя его часть индекса. Мы добавили ресурсы, и в 09:10 кластер восстановился.",
    "Добавили дисковое пространство и перераспределили поисковый индекс.",
    "Настроим оповещения о заполнении дисков и проверим, как кластер переживает отказ узла.",
    "Если поиск всё ещё работает неправильно, напишите на support@example.ru.", NULL },
  { CANDOR_UPDATE_KIND_PROGRESS,
    "Клиенты, которые входят через единый вход (SSO), не могут войти. Вход по паролю работает.",
    "Уже открытые сеансы продолжают работать.",
    "Ничего не потеряно: когда вход заработает, вы продолжите с того же места.",
    "Единый вход сейчас не работает. Вход по паролю доступен, мы вместе с нашим поставщиком услуг "
    "идентификации работаем над исправлением. Предположительно вход будет восстановлен к 15:00.",
    "Запросы к SAML-сервису поставщика с 11:20 МСК завершаются по тайм-ауту. На его странице "
    "статуса подтверждён инцидент; готовим переключение на резервный регион.",
    NULL, NULL,
    "Вопросы можно задать Ольге Кузнецовой (olga@example.ru), она на связи весь день, — спасибо "
    "за терпение.",
    "Следующее обновление в 14:00 МСК или раньше, если что-то изменится." },
  { CANDOR_UPDATE_KIND_INITIAL,
    "Платформа полностью недоступна: не открываются сайт, мобильные приложения и API.",
    "Плановые выгрузки и вебхуки будут отложены до восстановления работы.",
    "Потери данных мы не ожидаем: всё, что было сохранено до сбоя, в сохранности.",
    "Наша платформа недоступна для всех клиентов. Над восстановлением работает вся команда "
    "разработки, работа продолжится и ночью. Мы не можем гарантировать время восстановления.",
    "В 05:40 МСК основной кластер базы данных во Франкфурте перестал принимать запись из-за "
    "отказа хранилища. Переключаемся на резервный кластер.",
    NULL, NULL,
    "Руководитель поддержки Елена Фёдорова доступна по телефону +7 495 555-01-00 и почте "
    "elena@example.ru всё время сбоя; спасибо за терпение, пока мы восстанавливаем работу.",
    "Следующее обновление — до 08:00 МСК, к открытию офисов, и сразу, как только ситуация "
    "изменится." },
};

#define ANY      CANDOR_FIELD_IMPACT_NOW
#define SUMMARY  CANDOR_FIELD_EXECUTIVE_SUMMARY
#define RESOLVED TRUE
#define ONGOING  FALSE

static const BadPhrase bad_english[] = {
  { "The outage was caused by our vendor's failure.", ANY, ONGOING, "blame",
    "caused by our vendor's failure" },
  { "This was due to human error.", ANY, ONGOING, "blame", "human error" },
  { "The customer misconfigured their firewall.", ANY, ONGOING, "blame",
    "The customer misconfigured" },
  { "An intern deleted the production table.", ANY, ONGOING, "blame", "intern" },
  { "A mistake by one of our engineers took the site down.", ANY, ONGOING, "blame",
    "mistake by one of our engineers" },
  { "Our hosting provider failed to renew the certificate.", ANY, ONGOING, "blame",
    "Our hosting provider failed to" },
  { "To be clear, it was not our fault.", ANY, ONGOING, "blame", "not our fault" },
  { "The payment provider is to blame for the delays.", ANY, ONGOING, "blame", "is to blame" },
  { "Delays were caused by customers uploading huge files.", ANY, ONGOING, "blame",
    "caused by customers" },
  { "Due to a vendor error, payments failed.", ANY, ONGOING, "blame", "a vendor error" },
  { "This outage is on our ISP.", ANY, ONGOING, "blame", "is on our ISP" },
  { "We are deeply ashamed of this outage.", ANY, ONGOING, "guilt", "deeply ashamed" },
  { "What happened today is unforgivable.", ANY, ONGOING, "guilt", "unforgivable" },
  { "We failed you completely.", ANY, ONGOING, "guilt", "We failed you completely" },
  { "There is no excuse for this.", ANY, ONGOING, "guilt", "There is no excuse" },
  { "Honestly, we really messed up.", ANY, ONGOING, "guilt", "we really messed up" },
  { "The service will be fixed by 15:00.", ANY, ONGOING, "promise", "will be fixed by 15:00" },
  { "We'll have everything back online within 2 hours.", ANY, ONGOING, "promise",
    "'ll have everything back online within 2 hours" },
  /* One finding per sentence, quoting from its first matched word to its last. */
  { "We guarantee that no orders will be lost.", ANY, ONGOING, "promise",
    "guarantee that no orders will be lost" },
  { "This will never happen again.", ANY, RESOLVED, "promise", "will never happen again" },
  { "We are making sure this never happens again.", ANY, RESOLVED, "promise",
    "never happens again" },
  { "We promise a fix today.", ANY, ONGOING, "promise", "We promise" },
  { "We are working around the clock and the site will be back up by 3 pm.", ANY, ONGOING,
    "promise", "will be back up by 3 pm" },
  { "We are 100% confident the fix works.", ANY, ONGOING, "promise", "100% confident" },
  { "Service will definitely be restored by tonight.", ANY, ONGOING, "promise",
    "will definitely be restored by tonight" },
  { "Logins fail with HTTP 503 errors.", SUMMARY, ONGOING, "jargon", "HTTP 503" },
  { "The database returned ORA-00060 during checkout.", SUMMARY, ONGOING, "jargon", "ORA-00060" },
  { "Since 10:00 db-prod-3.internal is out of disk space.", SUMMARY, ONGOING, "jargon",
    "db-prod-3.internal" },
  { "Traffic to 10.0.3.17 was dropped.", SUMMARY, ONGOING, "jargon", "10.0.3.17" },
  { "A deadlock in the orders table stopped checkout.", SUMMARY, ONGOING, "jargon", "deadlock" },
  { "The import stopped with error E1234.", SUMMARY, ONGOING, "jargon", "E1234" },
  { "Our DNS records expired.", SUMMARY, ONGOING, "jargon", "DNS" },
  { "The worker crashed with java.lang.NullPointerException.", SUMMARY, ONGOING, "jargon",
    "java.lang.NullPointerException" },
  { "The settings in /etc/app/limits.conf were wrong.", SUMMARY, ONGOING, "jargon",
    "/etc/app/limits.conf" },
  { "SELECT * FROM orders hung for minutes.", SUMMARY, ONGOING, "jargon", "SELECT * FROM" },
  /* Blame without the word "fault": a judging word, what customers are blamed for, a team by
   * its function, a deflection. */
  { "Thanks to a clueless contractor, the import stopped.", ANY, ONGOING, "blame",
    "clueless contractor" },
  { "Merchants keep abusing the export endpoint.", ANY, ONGOING, "blame",
    "Merchants keep abusing" },
  { "The release team did not follow the checklist.", ANY, ONGOING, "blame",
    "The release team did not follow" },
  { "We are not responsible for this delay.", ANY, ONGOING, "blame", "We are not responsible" },
};

static const BadPhrase bad_russian[] = {
  { "Сбой произошёл по вине подрядчика.", ANY, ONGOING, "blame", "по вине подрядчика" },
  { "Данные удалены из-за ошибки стажёра.", ANY, ONGOING, "blame", "из-за ошибки стажёра" },
  { "Сбой произошёл по вине партнёра.", ANY, ONGOING, "blame", "по вине партнёра" },
  { "Проблема на стороне провайдера.", ANY, ONGOING, "blame", "Проблема на стороне провайдера" },
  { "Виноват поставщик оборудования.", ANY, ONGOING, "blame", "Виноват" },
  { "Клиент неправильно настроил интеграцию.", ANY, ONGOING, "blame",
    "Клиент неправильно настроил" },
  { "Причина — человеческий фактор.", ANY, ONGOING, "blame", "человеческий фактор" },
  { "Наш подрядчик не справился с нагрузкой.", ANY, ONGOING, "blame",
    "Наш подрядчик не справился" },
  { "Сразу скажем: это не на нашей стороне.", ANY, ONGOING, "blame", "не на нашей стороне" },
  { "Сбой вызван действиями подрядчика.", ANY, ONGOING, "blame", "вызван действиями подрядчика" },
  { "Наш инженер случайно удалил таблицу.", ANY, ONGOING, "blame", "Наш инженер случайно" },
  /* Denying any fault is blame in disguise. */
  { "Мы не виноваты, что так вышло.", ANY, ONGOING, "blame", "Мы не виноваты" },
  { "Нам очень стыдно за этот сбой.", ANY, ONGOING, "guilt", "Нам очень стыдно" },
  { "Это непростительная ошибка.", ANY, ONGOING, "guilt", "непростительная" },
  { "Мы вас полностью подвели.", ANY, ONGOING, "guilt", "Мы вас полностью подвели" },
  { "Мы сами виноваты в случившемся.", ANY, ONGOING, "guilt", "Мы сами виноваты" },
  { "Нам нет оправдания.", ANY, ONGOING, "guilt", "нет оправдания" },
  { "Какой позор.", ANY, ONGOING, "guilt", "позор" },
  { "Сервис будет восстановлен к 15:00.", ANY, ONGOING, "promise", "будет восстановлен к 15:00" },
  { "Мы исправим всё в течение двух часов.", ANY, ONGOING, "promise",
    "Мы исправим всё в течение двух часов" },
  { "Гарантируем, что данные не пострадают.", ANY, ONGOING, "promise",
    "Гарантируем, что данные не пострадают" },
  { "Обещаем решить проблему сегодня.", ANY, ONGOING, "promise", "Обещаем" },
  { "Такое больше никогда не повторится.", ANY, RESOLVED, "promise",
    "больше никогда не повторится" },
  { "Мы на 100% уверены в исправлении.", ANY, ONGOING, "promise", "на 100%" },
  { "Сервис заработает через час.", ANY, ONGOING, "promise", "заработает через час" },
  { "Мы починим всё за час.", ANY, ONGOING, "promise", "Мы починим всё за час" },
  { "Клиенты получают ошибку 503.", SUMMARY, ONGOING, "jargon", "ошибку 503" },
  { "В базе произошёл дедлок.", SUMMARY, ONGOING, "jargon", "дедлок" },
  { "Сервер 10.12.0.5 недоступен.", SUMMARY, ONGOING, "jargon", "10.12.0.5" },
  { "Упал db-prod-3.internal.", SUMMARY, ONGOING, "jargon", "db-prod-3.internal" },
  { "Ошибка ORA-00060 при оформлении заказа.", SUMMARY, ONGOING, "jargon", "ORA-00060" },
  { "Сбой DNS мешает входу.", SUMMARY, ONGOING, "jargon", "DNS" },
  /* Blame without "вина", in other word forms and orders. */
  { "Безответственный подрядчик сорвал сроки.", ANY, ONGOING, "blame",
    "Безответственный подрядчик" },
  { "Абоненты постоянно нарушают условия тарифа.", ANY, ONGOING, "blame",
    "Абоненты постоянно нарушают условия" },
  { "Сбой на стороне хостера, а не у нас.", ANY, ONGOING, "blame",
    "Сбой на стороне хостера, а не у нас" },
  /* Certainty about what is not lost, and never again in any word order. */
  { "Ни одно письмо не потеряется.", ANY, ONGOING, "promise", "Ни одно письмо не потеряется" },
  { "Впредь подобное не произойдёт.", ANY, RESOLVED, "promise", "Впредь подобное не произойдёт" },
  { "Повторения не будет.", ANY, RESOLVED, "promise", "Повторения не будет" },
};

static void
test_checker_good_english (void)
{
  assert_messages_clean ("en", good_english, G_N_ELEMENTS (good_english));
}

static void
test_checker_good_russian (void)
{
  assert_messages_clean ("ru", good_russian, G_N_ELEMENTS (good_russian));
}

static void
test_checker_bad_english (void)
{
  assert_bad_phrases ("en", bad_english, G_N_ELEMENTS (bad_english));
}

static void
test_checker_bad_russian (void)
{
  assert_bad_phrases ("ru", bad_russian, G_N_ELEMENTS (bad_russian));
}

/* The near misses an experienced communications lead would let through. */
static void
test_checker_near_misses (void)
{
  const char *const english[] = {
    "Customers cannot log in.",
    "Our vendor's API is slow to respond.",
    "We are in contact with our hosting provider.",
    "We expect to restore service by 15:00 UTC.",
    "We aim to have this fixed by 15:00.",
    "We estimate that the fix will be ready in 2 hours.",
    "A fix may be ready by 15:00.",
    "The service should be back by 15:00 UTC.",
    "We cannot guarantee a time yet.",
    "100% of requests to the API fail.",
    "We will be back with an update at 15:00.",
    "We will get back to you by 15:00.",
    "We will post the next update at 16:00 UTC.",
    "Some users failed to receive emails.",
    "Error messages are shown to customers.",
    "Customers who select a plan from the menu see an error.",
    "We are sorry for the disruption this causes.",
    "Interactive reports and internal tools work.",
    "Our engineers are working on a fix.",
    "We see errors from customers in all regions.",
    "A failure of our payment provider's API stops card payments.",
    /* Hedged times, own next update, neutral third-party events, ownership, plain apologies. */
    "We expect payments to work again by 15:00 UTC, but this may change.",
    "We will share another update within the hour.",
    "An outage at our payment partner stopped card payments for an hour.",
    "It was not our provider's fault: the configuration change that failed was ours.",
    "We take full responsibility for this outage and apologise to everyone affected.",
    "It is too early to say when payments will be back.",
    /* Customers, vendors and gateways named without blame. */
    "Customers who did not update the app may see an error; please update it.",
    "Users who exceed the limits will see a warning.",
    "It is on the vendor's roadmap to fix the firmware.",
    "Customers saw gateway errors when paying by card.",
    "The impact is on customers in Europe who pay by card.",
    "The fault was with our change, not the provider.",
    "An outage at our bank meant transfers were delayed.",
    NULL,
  };
  const char *const english_resolved[] = {
    "The service will be fixed by 15:00.",
    "We guarantee this fix.",
    "We are changing our release checks to make this kind of failure less likely.",
    "To prevent this from happening again, we added a monitoring alert.",
    /* Planned follow-up actions with a date are not promises once it is over. */
    "We will add monitoring for certificate expiry by Friday.",
    "Service was restored at 14:20 UTC.",
    NULL,
  };
  const char *const english_summary[] = {
    "We reproduced the problem in a non-production environment.",
    "Customers cannot reach our API or the mobile app.",
    "About 500 customers are affected, mostly in Europe and Asia.",
    "Card payments fail for 5% of orders since 14:00 CET, 30/11.",
    "The 24/7 support line and/or email work normally.",
    NULL,
  };
  const char *const english_technical[] = {
    "Logins fail with HTTP 503 because db-prod-3.internal (10.0.3.17) hit ORA-00060.",
    NULL,
  };
  const char *const russian[] = {
    "Клиенты не могут войти.",
    "API нашего поставщика отвечает медленно.",
    "Ожидаем, что сервис будет восстановлен к 15:00.",
    "Планируем восстановить работу в течение двух часов.",
    "Возможно, сервис заработает через час.",
    "Не гарантируем точное время восстановления.",
    "100% запросов завершаются ошибкой.",
    "Следующее обновление будет в 16:00.",
    "Приносим извинения за неудобства.",
    "Пользователи не получают письма.",
    "Ошибки у клиентов возникают при входе.",
    "Ожидаем, что оплата заработает к 18:00, но время может измениться.",
    "Обещаем сообщать о ходе работ каждый час.",
    "Сбой у нашего платёжного партнёра остановил оплату картой.",
    "Это не вина провайдера: ошибку в настройке допустили мы сами.",
    "Мы берём на себя ответственность за этот сбой.",
    "Следующее обновление — в 14:30 МСК или как только закончим последний регион.",
    /* Denials, gateways and customers named without blame; hoped-for outcomes. */
    "Никто не виноват, так сложились обстоятельства.",
    "Ошибка шлюза 502 возникала у части клиентов.",
    "Клиенты, которые не обновили приложение, видят ошибку.",
    "Это проблема нашего кода, а не провайдера.",
    "Решение проблемы клиентов — наш главный приоритет.",
    "Не волнуйтесь, мы держим вас в курсе.",
    "Надеемся, что данные не пострадают.",
    "Предварительно сервис вернётся в течение двух часов.",
    NULL,
  };
  const char *const russian_technical[] = {
    "Запросы завершаются ошибкой 503: на db-prod-3.internal дедлок.",
    NULL,
  };

  assert_phrases_clean ("en", ANY, ONGOING, english);
  assert_phrases_clean ("en", ANY, RESOLVED, english_resolved);
  assert_phrases_clean ("en", SUMMARY, ONGOING, english_summary);
  assert_phrases_clean ("en", CANDOR_FIELD_TECHNICAL_DETAILS, ONGOING, english_technical);
  assert_phrases_clean ("ru", ANY, ONGOING, russian);
  assert_phrases_clean ("ru", CANDOR_FIELD_TECHNICAL_DETAILS, ONGOING, russian_technical);
}

/* Rule ids of @findings, in order, joined with spaces. */
static char *
rule_ids (GPtrArray *findings)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) ids = NULL;

  for (guint i = 0; i < findings->len; i++)
    g_strv_builder_add (builder, candor_finding_get_rule_id (g_ptr_array_index (findings, i)));
  ids = g_strv_builder_end (builder);

  return g_strjoinv (" ", ids);
}

static void
test_checker_missing_parts (void)
{
  g_autoptr (CandorChecker) checker = checker_for ("en");
  g_autoptr (CandorIncident) incident = candor_incident_new ("Login fails");
  g_autoptr (CandorUpdate) update = update_from_message (&good_english[0]);
  g_autoptr (GPtrArray) findings = NULL;
  g_autoptr (GDateTime) at = g_date_time_new_utc (2026, 11, 30, 11, 0, 0);
  g_autofree char *ids = NULL;
  CandorFinding   *finding;

  /* Everything missing from an empty first notice. */
  g_clear_object (&update);
  update = candor_update_new (CANDOR_UPDATE_KIND_INITIAL);
  findings = candor_checker_check_update (checker, incident, update);
  ids = rule_ids (findings);
  g_assert_cmpstr (ids, ==,
                   "missing-impact missing-lasting-consequences missing-contact "
                   "missing-next-update");
  finding = g_ptr_array_index (findings, 0);
  g_assert_cmpint (candor_finding_get_field (finding), ==, CANDOR_FIELD_IMPACT_NOW);
  g_assert_cmpint (candor_finding_get_severity (finding), ==, CANDOR_FINDING_SEVERITY_ERROR);
  g_assert_cmpuint (candor_finding_get_start (finding), ==, 0);
  g_assert_cmpuint (candor_finding_get_end (finding), ==, 0);
  g_clear_pointer (&findings, g_ptr_array_unref);
  g_clear_pointer (&ids, g_free);

  /* Each part, once given, silences its rule; whitespace is not a part. */
  candor_update_set_field (update, CANDOR_FIELD_IMPACT_NOW, "  \n ");
  candor_update_set_field (update, CANDOR_FIELD_EXECUTIVE_SUMMARY,
                           "Customers cannot log in. No data was lost.");
  candor_update_set_field (update, CANDOR_FIELD_CONTACT, "Write to Ana at help@example.com.");
  candor_update_set_field (update, CANDOR_FIELD_NEXT_UPDATE, "We will post more soon.");
  findings = candor_checker_check_update (checker, incident, update);
  ids = rule_ids (findings);
  g_assert_cmpstr (ids, ==, "missing-impact missing-patience missing-next-update");
  /* The patience request belongs in the contact sentence: that is what gets underlined. */
  finding = g_ptr_array_index (findings, 1);
  g_assert_cmpint (candor_finding_get_field (finding), ==, CANDOR_FIELD_CONTACT);
  g_assert_cmpuint (candor_finding_get_end (finding), ==,
                    g_utf8_strlen ("Write to Ana at help@example.com.", -1));
  g_clear_pointer (&findings, g_ptr_array_unref);
  g_clear_pointer (&ids, g_free);

  candor_update_set_field (update, CANDOR_FIELD_IMPACT_NOW, "Customers cannot log in.");
  candor_update_set_field (update, CANDOR_FIELD_CONTACT,
                           "Write to Ana at help@example.com; thank you for your patience.");
  candor_update_set_next_update_at (update, at);
  findings = candor_checker_check_update (checker, incident, update);
  assert_no_findings (findings, "a complete first notice");
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* "When the situation changes" is a valid next update, and so is the flag for it. */
  candor_update_set_next_update_at (update, NULL);
  candor_update_set_next_update_when_changed (update, TRUE);
  findings = candor_checker_check_update (checker, incident, update);
  assert_no_findings (findings, "next update when the situation changes");
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* Lasting consequences: the explicit "none" flag counts. */
  candor_update_set_field (update, CANDOR_FIELD_EXECUTIVE_SUMMARY, "Customers cannot log in.");
  findings = candor_checker_check_update (checker, incident, update);
  ids = rule_ids (findings);
  g_assert_cmpstr (ids, ==, "missing-lasting-consequences");
  g_clear_pointer (&findings, g_ptr_array_unref);
  g_clear_pointer (&ids, g_free);
  candor_update_set_no_lasting_consequences (update, TRUE);
  findings = candor_checker_check_update (checker, incident, update);
  assert_no_findings (findings, "no lasting consequences flag");
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* A resolution needs a timeline, actions and the root cause, but no next update. */
  candor_update_set_kind (update, CANDOR_UPDATE_KIND_RESOLUTION);
  candor_update_set_next_update_when_changed (update, FALSE);
  findings = candor_checker_check_update (checker, incident, update);
  ids = rule_ids (findings);
  g_assert_cmpstr (ids, ==, "missing-timeline missing-actions missing-actions missing-root-cause");
  finding = g_ptr_array_index (findings, 0);
  g_assert_cmpint (candor_finding_get_field (finding), ==, CANDOR_FINDING_WHOLE_MESSAGE);
  g_clear_pointer (&findings, g_ptr_array_unref);
  g_clear_pointer (&ids, g_free);

  candor_update_set_field (update, CANDOR_FIELD_IMPACT_NOW,
                           "From 09:12 to 10:40 UTC customers could not log in.");
  candor_update_set_field (update, CANDOR_FIELD_ACTIONS_TAKEN, "We renewed the certificate.");
  candor_update_set_field (update, CANDOR_FIELD_ACTIONS_PLANNED,
                           "We are adding an alert for certificates close to expiry.");
  candor_update_set_field (update, CANDOR_FIELD_TECHNICAL_DETAILS,
                           "The TLS certificate of the login service expired.");
  findings = candor_checker_check_update (checker, incident, update);
  assert_no_findings (findings, "a complete resolution");
}

static void
test_checker_promise_depends_on_state (void)
{
  g_autoptr (CandorChecker) checker = checker_for ("en");
  g_autoptr (CandorIncident) incident = candor_incident_new ("Login fails");
  g_autoptr (CandorUpdate) update = update_from_message (&good_english[0]);
  g_autoptr (GPtrArray) findings = NULL;
  g_autofree char *ids = NULL;

  candor_update_set_field (update, CANDOR_FIELD_EXECUTIVE_SUMMARY,
                           "Logins will be restored by 15:00. This will never happen again.");
  findings = candor_checker_check_update (checker, incident, update);
  ids = rule_ids (findings);
  g_assert_cmpstr (ids, ==, "promise promise");
  g_clear_pointer (&findings, g_ptr_array_unref);
  g_clear_pointer (&ids, g_free);

  /* Once the incident is resolved a time is a fact, "never again" still a promise. */
  candor_incident_set_state (incident, CANDOR_INCIDENT_STATE_RESOLVED);
  findings = candor_checker_check_update (checker, incident, update);
  ids = rule_ids (findings);
  g_assert_cmpstr (ids, ==, "promise");
  g_assert_cmpuint (candor_finding_get_start (g_ptr_array_index (findings, 0)), ==,
                    strlen ("Logins will be restored by 15:00. This "));
}

static void
test_checker_spans_count_characters (void)
{
  g_autoptr (CandorChecker) checker = checker_for ("ru");
  /* Multi-byte text before the match, ё in it, and emphasis: offsets count characters. */
  const char *text = "Коротко: **сбой произошёл по вине партнёра**, а не по нашей.";
  g_autoptr (GPtrArray) findings = candor_checker_check_text (
    checker, CANDOR_FIELD_IMPACT_NOW, text, CANDOR_UPDATE_KIND_INITIAL, FALSE);
  CandorFinding *finding;

  g_assert_cmpuint (findings->len, ==, 1);
  finding = g_ptr_array_index (findings, 0);
  g_assert_cmpuint (candor_finding_get_start (finding), ==, 26);
  g_assert_cmpuint (candor_finding_get_end (finding), ==,
                    26 + g_utf8_strlen ("по вине партнёра", -1));
}

static void
test_checker_length (void)
{
  g_autoptr (CandorChecker) checker = checker_for ("en");
  g_autoptr (CandorFinding) finding = NULL;

  g_assert_null (candor_checker_check_length (checker, CANDOR_DIALECT_MASTODON, 500, 500));

  finding = candor_checker_check_length (checker, CANDOR_DIALECT_MASTODON, 612, 500);
  g_assert_nonnull (finding);
  g_assert_cmpstr (candor_finding_get_rule_id (finding), ==, "over-limit");
  g_assert_cmpint (candor_finding_get_severity (finding), ==, CANDOR_FINDING_SEVERITY_ERROR);
  g_assert_cmpint (candor_finding_get_field (finding), ==, CANDOR_FINDING_WHOLE_MESSAGE);
  g_assert_cmpuint (candor_finding_get_start (finding), ==, 500);
  g_assert_cmpuint (candor_finding_get_end (finding), ==, 612);
  g_assert_nonnull (strstr (candor_finding_get_message (finding), "Mastodon"));
  g_assert_nonnull (strstr (candor_finding_get_message (finding), "500"));
  g_assert_nonnull (strstr (candor_finding_get_message (finding), "characters"));
  g_clear_object (&finding);

  /* Teams counts the bytes of its card, and the finding says so. */
  finding = candor_checker_check_length (checker, CANDOR_DIALECT_TEAMS, 30000, 28000);
  g_assert_nonnull (finding);
  g_assert_nonnull (strstr (candor_finding_get_message (finding), "28000 bytes"));
}

/* The shipped lists grow without code changes: a list from elsewhere is
 * used as it is, its named word lists composed into its patterns. */
static void
test_checker_lists_are_data (void)
{
  static const char json[] =
    "{\"language\": \"en\", \"words\": {\"creature\": [\"gremlins?\", \"goblins?\"],"
    " \"party\": [\"(?:the\\\\s+)?{creature}\"]},"
    " \"blame\": [\"\\\\b{party}\\\\b\"], \"guilt\": [\"x^\"],"
    " \"promise\": [\"x^\"], \"promise-after-resolution\": [\"x^\"], \"jargon\": [\"x^\"],"
    " \"jargon-acronyms\": [\"FOO\"], \"hedges\": [\"x^\"], \"negations\": [\"x^\"],"
    " \"lasting-consequences\": [\"x^\"], \"patience\": [\"x^\"], \"next-update\": [\"x^\"],"
    " \"timeline\": [\"x^\"], \"impact\": [\"x^\"], \"contact\": [\"x^\"],"
    " \"next-update-message\": [\"x^\"], \"root-cause\": [\"x^\"],"
    " \"actions-taken\": [\"x^\"], \"actions-planned\": [\"x^\"], \"ownership\": [\"x^\"],"
    " \"promised-time\": [\"x^\"]}";
  g_autoptr (GBytes) bytes = g_bytes_new_static (json, strlen (json));
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorChecker) checker = candor_checker_new_from_bytes ("en", bytes, &error);
  g_autoptr (GPtrArray) findings = NULL;
  g_autofree char *ids = NULL;

  g_assert_no_error (error);
  findings = candor_checker_check_text (checker, CANDOR_FIELD_EXECUTIVE_SUMMARY,
                                        "Gremlins ate the FOO cable, not FOOD. Goblins helped.",
                                        CANDOR_UPDATE_KIND_INITIAL, FALSE);
  ids = rule_ids (findings);
  g_assert_cmpstr (ids, ==, "blame jargon blame");
}

static void
test_checker_draft_fixtures (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "data", "drafts", NULL);
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint       n_full = 0;

  if (dir == NULL)
    {
      g_test_skip ("no draft fixtures");
      return;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autoptr (GFile) file = g_file_new_for_path (path);
      g_autoptr (GError) error = NULL;
      g_autoptr (CandorDraft) draft = NULL;
      g_autoptr (CandorChecker) checker = NULL;
      g_autoptr (GPtrArray) findings = NULL;
      CandorIncident *incident;

      if (!g_str_has_suffix (name, ".json") || g_str_has_prefix (name, "minimal-"))
        continue;

      draft = candor_draft_load_from_file (file, NULL, &error);
      g_assert_no_error (error);
      incident = candor_draft_get_incident (draft);
      checker = checker_for (candor_incident_get_language (incident));
      findings = candor_checker_check_update (checker, incident, candor_draft_get_update (draft));
      assert_no_findings (findings, name);
      n_full++;
    }

  g_assert_cmpuint (n_full, >, 0);
}

/* A sentence that matches a rule twice is one finding, quoting from the first
 * matched words to the last; the quote is the text of the span. */
static void
test_checker_quotes (void)
{
  g_autoptr (CandorChecker) checker = checker_for ("en");
  const char *text = "Our vendor messed up, and it was their fault. We are sorry.";
  g_autoptr (GPtrArray) findings = candor_checker_check_text (
    checker, CANDOR_FIELD_IMPACT_NOW, text, CANDOR_UPDATE_KIND_PROGRESS, FALSE);
  CandorFinding   *finding;
  g_autofree char *span = NULL;

  g_assert_cmpuint (findings->len, ==, 1);
  finding = g_ptr_array_index (findings, 0);
  g_assert_cmpstr (candor_finding_get_rule_id (finding), ==, "blame");
  g_assert_cmpstr (candor_finding_get_quote (finding), ==,
                   "Our vendor messed up, and it was their fault");
  span =
    g_utf8_substring (text, candor_finding_get_start (finding), candor_finding_get_end (finding));
  g_assert_cmpstr (span, ==, candor_finding_get_quote (finding));
  g_assert_cmpstr (candor_finding_get_suggestion (finding), !=, "");
}

/* The lists read ё as е; the quote is the text as written. */
static void
test_checker_quotes_keep_yo (void)
{
  g_autoptr (CandorChecker) checker = checker_for ("ru");
  g_autoptr (GPtrArray) findings =
    candor_checker_check_text (checker, CANDOR_FIELD_IMPACT_NOW, "Подрядчик опять всё сломал.",
                               CANDOR_UPDATE_KIND_PROGRESS, FALSE);

  g_assert_cmpuint (findings->len, ==, 1);
  g_assert_cmpstr (candor_finding_get_quote (g_ptr_array_index (findings, 0)), ==,
                   "Подрядчик опять всё сломал");
}

/* A text in the other language is a finding, never a silent pass. */
static void
test_checker_language_mismatch (void)
{
  g_autoptr (CandorChecker) checker = checker_for ("en");
  g_autoptr (CandorIncident) incident = candor_incident_new ("Оплата");
  g_autoptr (CandorUpdate) update = update_from_message (&good_russian[0]);
  g_autoptr (GPtrArray) findings = NULL;
  g_autofree char *ids = NULL;

  g_assert_cmpstr (candor_checker_detect_language ("Упал db-prod-3.internal."), ==, "ru");
  g_assert_cmpstr (candor_checker_detect_language ("Сбой DNS мешает входу в API."), ==, "ru");
  g_assert_cmpstr (candor_checker_detect_language ("Maria Keller (Мария) answers at 10:00."), ==,
                   "en");
  g_assert_null (candor_checker_detect_language ("10:00 — 12:30"));

  /* The English lists find no patience request in Russian either: the mismatch says why. */
  candor_update_set_next_update_when_changed (update, TRUE);
  findings = candor_checker_check_update (checker, incident, update);
  ids = rule_ids (findings);
  g_assert_cmpstr (ids, ==, "language-mismatch missing-patience");
  g_assert_nonnull (
    strstr (candor_finding_get_message (g_ptr_array_index (findings, 0)), "Russian"));
  g_clear_pointer (&findings, g_ptr_array_unref);
  g_clear_pointer (&ids, g_free);

  findings = candor_checker_check_text (checker, CANDOR_FIELD_IMPACT_NOW, "Виноват подрядчик.",
                                        CANDOR_UPDATE_KIND_PROGRESS, FALSE);
  ids = rule_ids (findings);
  g_assert_cmpstr (ids, ==, "language-mismatch");
}

/* The time the text promises against the one chosen in the wizard. */
static void
test_checker_next_update_mismatch (void)
{
  g_autoptr (CandorChecker) english = checker_for ("en");
  g_autoptr (CandorChecker) russian = checker_for ("ru");
  g_autoptr (CandorIncident) incident = candor_incident_new ("Login fails");
  g_autoptr (CandorUpdate) update = update_from_message (&good_english[0]);
  g_autoptr (CandorUpdate) russian_update = update_from_message (&good_russian[0]);
  g_autoptr (GDateTime) at_11 = g_date_time_new_utc (2026, 11, 30, 11, 0, 0);
  g_autoptr (GDateTime) at_12 = g_date_time_new_utc (2026, 11, 30, 12, 0, 0);
  g_autoptr (GDateTime) at_8_utc = g_date_time_new_utc (2026, 11, 30, 8, 0, 0);
  g_autoptr (GPtrArray) findings = NULL;
  g_autofree char *ids = NULL;
  CandorFinding   *finding;

  /* "We will post the next update at 11:00 UTC" */
  candor_update_set_next_update_at (update, at_11);
  findings = candor_checker_check_update (english, incident, update);
  assert_no_findings (findings, "the promised time is the chosen one");
  g_clear_pointer (&findings, g_ptr_array_unref);

  candor_update_set_next_update_at (update, at_12);
  findings = candor_checker_check_update (english, incident, update);
  ids = rule_ids (findings);
  g_assert_cmpstr (ids, ==, "next-update-mismatch");
  finding = g_ptr_array_index (findings, 0);
  g_assert_cmpint (candor_finding_get_field (finding), ==, CANDOR_FIELD_NEXT_UPDATE);
  g_assert_cmpstr (candor_finding_get_quote (finding), ==, "11:00 UTC");
  g_assert_nonnull (strstr (candor_finding_get_message (finding), "12:00"));
  g_clear_pointer (&findings, g_ptr_array_unref);
  g_clear_pointer (&ids, g_free);

  /* "Следующее обновление — в 11:00 МСК" is 08:00 UTC. */
  candor_incident_set_language (incident, "ru");
  candor_update_set_next_update_at (russian_update, at_8_utc);
  findings = candor_checker_check_update (russian, incident, russian_update);
  assert_no_findings (findings, "11:00 MSK is 08:00 UTC");
  g_clear_pointer (&findings, g_ptr_array_unref);

  candor_update_set_next_update_at (russian_update, at_11);
  findings = candor_checker_check_update (russian, incident, russian_update);
  ids = rule_ids (findings);
  g_assert_cmpstr (ids, ==, "next-update-mismatch");
}

/* A placeholder a template left is an error that only filling it in clears:
 * acknowledging it in the composition does nothing. */
static void
test_checker_placeholder (void)
{
  g_autoptr (CandorChecker) checker = checker_for ("en");
  g_autoptr (CandorIncident) incident = candor_incident_new ("Login fails");
  g_autoptr (CandorUpdate) update = update_from_message (&good_english[0]);
  g_autoptr (GPtrArray) findings = NULL;
  g_autofree char *ids = NULL;
  g_autofree char *contact = NULL;
  CandorFinding   *finding;

  contact = g_strconcat ("Ask [contact name] at {{contact_reach}}. ",
                         candor_update_get_field (update, CANDOR_FIELD_CONTACT), NULL);
  candor_update_set_field (update, CANDOR_FIELD_CONTACT, contact);
  findings = candor_checker_check_update (checker, incident, update);
  ids = rule_ids (findings);
  g_assert_cmpstr (ids, ==, "placeholder placeholder");
  finding = g_ptr_array_index (findings, 0);
  g_assert_cmpint (candor_finding_get_severity (finding), ==, CANDOR_FINDING_SEVERITY_ERROR);
  g_assert_cmpint (candor_finding_get_field (finding), ==, CANDOR_FIELD_CONTACT);
  g_assert_cmpuint (candor_finding_get_start (finding), ==, 4);
  g_assert_cmpuint (candor_finding_get_end (finding), ==, 18);
  g_assert_cmpstr (candor_finding_get_quote (finding), ==, "[contact name]");
  g_assert_false (candor_finding_get_acknowledgeable (finding));
  g_clear_pointer (&findings, g_ptr_array_unref);
  g_clear_pointer (&ids, g_free);

  findings = candor_checker_check_message (
    checker,
    "Since 09:40 UTC, [who] cannot sign in. No data has been lost. Dana Reyes "
    "(support@example.com) is available all day; thank you for your patience. We will post the "
    "next update by 11:00 UTC.",
    CANDOR_UPDATE_KIND_INITIAL, FALSE);
  ids = rule_ids (findings);
  g_assert_cmpstr (ids, ==, "placeholder");
}

/* A pasted message is judged by the same rules as the wizard's fields. */
static void
test_checker_whole_message (void)
{
  g_autoptr (CandorChecker) checker = checker_for ("en");
  g_autoptr (CandorChecker) russian = checker_for ("ru");
  g_autoptr (GPtrArray) findings = NULL;
  g_autofree char *ids = NULL;

  /* Each part said in other words than the usual ones: planned actions without "we will"
   * before them, an adjective before what was not lost, a "What we did:" heading. */
  findings = candor_checker_check_message (
    checker,
    "Resolved. Between 09:00 and 09:40 UTC, exports from the reporting portal failed for all "
    "customers. The root cause was a full disk on the export server. What we did: cleared old "
    "files, and will add an alert when the disk is 80% full. No existing reports were affected. "
    "Questions: help@example.com.",
    CANDOR_UPDATE_KIND_RESOLUTION, TRUE);
  assert_no_findings (findings, "a complete resolution in other words");
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* A dot inside a word ("Yandex.ru") does not end the sentence that says the impact. */
  findings = candor_checker_check_message (
    russian,
    "Выгрузки на адреса Yandex.ru уходят с задержкой до часа. Ни один файл не потерян. Пишите на "
    "help@example.ru, спасибо за терпение. Следующее обновление — в 15:00 МСК.",
    CANDOR_UPDATE_KIND_PROGRESS, FALSE);
  assert_no_findings (findings, "a complete Russian update with a domain name");
  g_clear_pointer (&findings, g_ptr_array_unref);

  findings = candor_checker_check_message (
    checker,
    "Since 09:40 UTC, customers in Europe cannot sign in to the web app. No data has been lost. "
    "Dana Reyes (support@example.com) is available all day; thank you for your patience. We will "
    "post the next update by 11:00 UTC.",
    CANDOR_UPDATE_KIND_INITIAL, FALSE);
  assert_no_findings (findings, "a complete pasted notice");
  g_clear_pointer (&findings, g_ptr_array_unref);

  findings = candor_checker_check_message (
    checker,
    "We are aware of some issues. Let us know if you have questions. We'll keep you posted.",
    CANDOR_UPDATE_KIND_PROGRESS, FALSE);
  ids = rule_ids (findings);
  g_assert_cmpstr (ids, ==,
                   "missing-impact missing-lasting-consequences missing-contact "
                   "missing-next-update");
  g_assert_cmpint (candor_finding_get_field (g_ptr_array_index (findings, 0)), ==,
                   CANDOR_FINDING_WHOLE_MESSAGE);
  g_clear_pointer (&findings, g_ptr_array_unref);
  g_clear_pointer (&ids, g_free);

  findings = candor_checker_check_message (
    checker, "The issue has been fixed and we will add an alert. Sorry for any inconvenience.",
    CANDOR_UPDATE_KIND_RESOLUTION, TRUE);
  ids = rule_ids (findings);
  g_assert_cmpstr (ids, ==,
                   "missing-impact missing-lasting-consequences missing-contact missing-timeline "
                   "missing-root-cause");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/checker/good-english", test_checker_good_english);
  g_test_add_func ("/core/checker/good-russian", test_checker_good_russian);
  g_test_add_func ("/core/checker/bad-english", test_checker_bad_english);
  g_test_add_func ("/core/checker/bad-russian", test_checker_bad_russian);
  g_test_add_func ("/core/checker/near-misses", test_checker_near_misses);
  g_test_add_func ("/core/checker/missing-parts", test_checker_missing_parts);
  g_test_add_func ("/core/checker/promise-depends-on-state", test_checker_promise_depends_on_state);
  g_test_add_func ("/core/checker/spans-count-characters", test_checker_spans_count_characters);
  g_test_add_func ("/core/checker/length", test_checker_length);
  g_test_add_func ("/core/checker/lists-are-data", test_checker_lists_are_data);
  g_test_add_func ("/core/checker/draft-fixtures", test_checker_draft_fixtures);
  g_test_add_func ("/core/checker/quotes", test_checker_quotes);
  g_test_add_func ("/core/checker/quotes-keep-yo", test_checker_quotes_keep_yo);
  g_test_add_func ("/core/checker/language-mismatch", test_checker_language_mismatch);
  g_test_add_func ("/core/checker/next-update-mismatch", test_checker_next_update_mismatch);
  g_test_add_func ("/core/checker/whole-message", test_checker_whole_message);
  g_test_add_func ("/core/checker/placeholder", test_checker_placeholder);

  return g_test_run ();
}
