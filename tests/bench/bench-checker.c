/* bench-checker.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "candor-checker.h"

/* A full progress update of about 400 words, every field filled, as the
 * wizard would hold it while the author types. */
static const char *const english_fields[CANDOR_N_FIELDS] = {
  "Since 08:12 CET, about **one in three card payments** at checkout fails with the message "
  "“Payment could not be processed”. Affected are card payments in the web shop and in the "
  "mobile app, and refunds started from the merchant dashboard. Payments by bank transfer and "
  "PayPal work normally. When a card payment fails, the order is not placed and the card is not "
  "charged.",
  "Until the fix is rolled out everywhere, card payments will keep failing from time to time. "
  "Trying again after a few minutes often succeeds. Today's scheduled payouts to merchants are "
  "not affected; if that changes, we will say so in the next update.",
  "We have found no lost and no duplicated payments: every failed attempt was declined before "
  "any money moved. Refunds requested since 08:12 are queued and will be processed once the "
  "service is back, so there is no need to submit them again.",
  "Since 08:12 CET about one in three card payments at checkout has failed, so some customers "
  "cannot complete their orders. No money was lost or charged twice. The cause is identified and "
  "the team is rolling out a fix region by region; bank transfer and PayPal work normally.",
  "The payment gateway's connection pool to the card processor is exhausted. This morning's "
  "configuration change raised the per-request timeout from 5 to 30 seconds, so slow responses "
  "hold a connection up to six times longer. Under the usual morning load, new requests wait for "
  "a free connection and end with `HTTP 504 Gateway Timeout`. We are rolling the timeout back "
  "one region at a time and follow the error rate on the status page.",
  "- Paused all further configuration deployments to the payment gateway\n- Rolled the timeout "
  "back in the first region (Frankfurt) at 09:05; the error rate there is back to normal\n- Added "
  "connection pool capacity in the other regions to ease the load while the rollback continues",
  "- Complete the rollback in the remaining regions\n- Process the queued refunds and confirm "
  "each one to the merchant\n- Review how timeout changes are tested under production load, and "
  "share what we learn in the post-incident report",
  "If one of your orders or refunds is affected, please write to Maria Keller at "
  "support@example.com or call +49 30 1234 5678, who is set aside for this incident all day, and "
  "thank you for your patience while the fix rolls out.",
  "We will post the next update by **11:00 CET**, or sooner if the situation changes, and again "
  "before our offices close at 18:00 CET.",
};

/* The same update in Russian, checked with the Russian lists. */
static const char *const russian_fields[CANDOR_N_FIELDS] = {
  "С 08:12 МСК примерно **каждая третья оплата картой** при оформлении заказа завершается "
  "сообщением «Не удалось провести платёж». Затронуты оплата картой в интернет-магазине и в "
  "мобильном приложении, а также возвраты, запущенные из кабинета продавца. Оплата банковским "
  "переводом и через СБП работает как обычно. Если оплата картой не прошла, заказ не создаётся и "
  "деньги с карты не списываются.",
  "Пока исправление не выкачено везде, оплата картой будет время от времени срываться. Повторная "
  "попытка через несколько минут часто проходит. Сегодняшние плановые выплаты продавцам не "
  "затронуты; если это изменится, мы скажем об этом в следующем обновлении.",
  "Мы не нашли ни потерянных, ни задвоенных платежей: каждая неудачная попытка была отклонена до "
  "движения денег. Возвраты, запрошенные с 08:12, стоят в очереди и будут проведены, как только "
  "сервис восстановится, поэтому оформлять их повторно не нужно.",
  "С 08:12 МСК примерно каждая третья оплата картой при оформлении заказа не проходит, поэтому "
  "часть клиентов не может завершить заказ. Деньги не потеряны и не списаны дважды. Причина "
  "найдена, команда выкатывает исправление регион за регионом; банковский перевод и СБП работают.",
  "Пул соединений платёжного шлюза с процессингом карт исчерпан. Утреннее изменение конфигурации "
  "подняло тайм-аут запроса с 5 до 30 секунд, поэтому медленные ответы держат соединение до шести "
  "раз дольше. При обычной утренней нагрузке новые запросы ждут свободного соединения и "
  "завершаются ответом `HTTP 504 Gateway Timeout`. Мы откатываем тайм-аут по одному региону и "
  "следим за долей ошибок на странице статуса.",
  "- Приостановили все дальнейшие изменения конфигурации платёжного шлюза\n- В 09:05 откатили "
  "тайм-аут в первом регионе (Франкфурт); доля ошибок там вернулась к норме\n- Добавили "
  "соединений в пул в остальных регионах, чтобы снизить нагрузку, пока идёт откат",
  "- Завершить откат в остальных регионах\n- Провести возвраты из очереди и подтвердить каждый "
  "продавцу\n- Пересмотреть, как изменения тайм-аутов проверяются под рабочей нагрузкой, и "
  "рассказать о выводах в отчёте об инциденте",
  "Если затронут ваш заказ или возврат, напишите Марии Келлер на support@example.ru или позвоните "
  "по номеру +7 495 123-45-67 — она весь день занимается только этим инцидентом; спасибо за "
  "терпение, пока выкатывается исправление.",
  "Следующее обновление опубликуем не позднее **11:00 МСК** или раньше, если ситуация изменится, "
  "и ещё раз до закрытия офиса в 18:00 МСК.",
};

static void
bench (CandorChecker *checker, CandorUpdate *update, const char *label)
{
  g_autoptr (CandorIncident) incident = candor_incident_new ("Card payments fail");
  const guint rounds = 2000;
  gint64      best = G_MAXINT64;
  gint64      start, total;
  guint       words = 0;

  for (int field = 0; field < CANDOR_N_FIELDS; field++)
    {
      g_auto (GStrv) split = g_strsplit_set (candor_update_get_field (update, field), " \n", -1);

      for (guint i = 0; split[i] != NULL; i++)
        words += split[i][0] != '\0';
    }

  /* Warm up: first matches JIT-compile nothing more, but fault in the pages. */
  for (guint i = 0; i < 50; i++)
    g_ptr_array_unref (candor_checker_check_update (checker, incident, update));

  start = g_get_monotonic_time ();
  for (guint i = 0; i < rounds; i++)
    {
      gint64 one = g_get_monotonic_time ();

      g_ptr_array_unref (candor_checker_check_update (checker, incident, update));
      best = MIN (best, g_get_monotonic_time () - one);
    }
  total = g_get_monotonic_time () - start;

  g_print ("%s: check_update on %u words: mean %.1f µs, best %" G_GINT64_FORMAT " µs (%u rounds)\n",
           label, words, (double)total / rounds, best, rounds);
}

/* The first build, as the app does it once per language, and the best of a
 * few more, which on a busy machine is the cost of the work itself. */
static CandorChecker *
bench_new (const char *language)
{
  CandorChecker *checker = NULL;
  gint64         first = 0;
  gint64         best = G_MAXINT64;

  for (guint i = 0; i < 20; i++)
    {
      g_autoptr (GError) error = NULL;
      gint64 start = g_get_monotonic_time ();

      g_clear_object (&checker);
      checker = candor_checker_new (language, &error);
      g_assert_no_error (error);
      best = MIN (best, g_get_monotonic_time () - start);
      if (i == 0)
        first = best;
    }

  g_print ("%s: candor_checker_new: first %" G_GINT64_FORMAT " µs, best %" G_GINT64_FORMAT
           " µs (20 rounds)\n",
           language, first, best);

  return checker;
}

/* The first check after building, which JIT-compiles the entries the text
 * may match: best of a few fresh checkers. */
static void
bench_first_check (const char *language, CandorUpdate *update)
{
  g_autoptr (CandorIncident) incident = candor_incident_new ("Card payments fail");
  gint64 best = G_MAXINT64;

  for (guint i = 0; i < 10; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (CandorChecker) checker = candor_checker_new (language, &error);
      gint64 start;

      g_assert_no_error (error);
      start = g_get_monotonic_time ();
      g_ptr_array_unref (candor_checker_check_update (checker, incident, update));
      best = MIN (best, g_get_monotonic_time () - start);
    }

  g_print ("%s: first check_update after candor_checker_new: best %" G_GINT64_FORMAT
           " µs (10 checkers)\n",
           language, best);
}

int
main (int argc, char *argv[])
{
  g_autoptr (CandorChecker) english = NULL;
  g_autoptr (CandorChecker) russian = NULL;
  g_autoptr (CandorUpdate) update = candor_update_new (CANDOR_UPDATE_KIND_PROGRESS);
  g_autoptr (CandorUpdate) russian_update = candor_update_new (CANDOR_UPDATE_KIND_PROGRESS);

  english = bench_new ("en");
  russian = bench_new ("ru");

  for (int field = 0; field < CANDOR_N_FIELDS; field++)
    {
      candor_update_set_field (update, field, english_fields[field]);
      candor_update_set_field (russian_update, field, russian_fields[field]);
    }

  bench (english, update, "en");
  /* The Russian lists run over the same text: the cost is in the patterns, not the words. */
  bench (russian, update, "ru lists");
  bench (russian, russian_update, "ru");
  bench_first_check ("en", update);
  bench_first_check ("ru", russian_update);

  return 0;
}
