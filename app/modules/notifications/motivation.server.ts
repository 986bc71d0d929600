import { and, asc, eq, sql } from "drizzle-orm";
import { motivationMessages, notificationSettings } from "#db/schema";
import type { Database } from "#db/client.server";
import { appUrl } from "~/lib/env.server";
import { formatMoney } from "~/lib/format";
import type { AppLocale } from "~/lib/i18n";
import { getFixedT } from "~/lib/i18n.server";
import { uuidArray } from "#db/arrays";
import { memberProgressSnapshots } from "~/modules/journey/progress.server";
import { enqueueDeliveries } from "~/lib/queue.server";
import { loadRecipients, noDeliveries, notifyMember, type Recipient } from "./deliver.server";
import { pickEncouragement, renderMotivation, renderNotificationText, seedEncouragementMessages, type MessageValues } from "./messages";
import { isEncouragementDay } from "./preferences";
import { isDueForDailyMessage, localDate, localDateTime, localWeekday } from "./schedule";

/** The check-in reminder goes out at this hour of the member's evening when they have not checked in. */
export const CHECK_IN_REMINDER_HOUR = 19;

export async function ensureMessageLibrary(db: Database): Promise<void> {
  await db
    .insert(motivationMessages)
    .values(seedEncouragementMessages.map((m) => ({ key: m.key, textEn: m.text.en, textVi: m.text.vi })))
    .onConflictDoNothing({ target: motivationMessages.key });
}

type MemberRow = {
  id: string;
  last_encouragement_on: string | null;
  last_reminder_on: string | null;
  last_weekly_summary_on: string | null;
  time_zone: string;
};

const BATCH = 1_000;

/** A missed send time (server down, new member in the evening) is not made up hours later: the message waits for tomorrow. */
const SEND_WINDOW_MINUTES = 180;

function dueNow(lastSent: string | null, now: Date, timeZone: string, hour: number, minute = 0): boolean {
  if (!isDueForDailyMessage(lastSent, now, timeZone, hour, minute)) return false;
  const local = localDateTime(now, timeZone);
  return local.hour * 60 + local.minute - (hour * 60 + minute) < SEND_WINDOW_MINUTES;
}

/** Cigarettes per day over the member's last seven local days (oldest first), and that week's cravings and check-ins. */
async function weeks(db: Database, userIds: string[], now: Date) {
  const rows = (await db.execute(sql`
    select u.id as user_id, g.day::date::text as day, coalesce(d.cigarettes, 0) as cigarettes, coalesce(d.cravings_resisted, 0) as resisted, coalesce(d.checked_in, false) as checked_in
    from users u
    cross join lateral generate_series((${now.toISOString()}::timestamptz at time zone u.time_zone)::date - 7, (${now.toISOString()}::timestamptz at time zone u.time_zone)::date - 1, interval '1 day') g(day)
    left join daily_totals d on d.user_id = u.id and d.local_date = g.day::date
    where u.id = any(${uuidArray(userIds)})
    order by u.id, g.day
  `)) as unknown as { user_id: string; day: string; cigarettes: number; resisted: number; checked_in: boolean }[];
  const byUser = new Map<string, typeof rows>();
  for (const r of rows) byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), r]);
  return byUser;
}

async function checkedInToday(db: Database, userIds: string[], now: Date): Promise<Set<string>> {
  const rows = (await db.execute(sql`
    select d.user_id from daily_totals d join users u on u.id = d.user_id
    where d.user_id = any(${uuidArray(userIds)}) and d.checked_in and d.local_date = (${now.toISOString()}::timestamptz at time zone u.time_zone)::date
  `)) as unknown as { user_id: string }[];
  return new Set(rows.map((r) => r.user_id));
}

const weekdayLabel = (day: string, locale: AppLocale) =>
  new Intl.DateTimeFormat(locale === "vi" ? "vi-VN" : "en-US", { weekday: "short", timeZone: "UTC" }).format(new Date(`${day}T12:00:00Z`));

/**
 * The every-few-minutes cron: for each member whose own clock has reached their send time today,
 * daily encouragement (their frequency), a check-in reminder in the evening when they have not checked
 * in, and on Mondays the weekly summary, each within three hours of its time. Each is recorded by the
 * member's local date, so it goes out once.
 */
export async function sendScheduledMotivation(
  db: Database,
  now: Date,
): Promise<{ encouragement: number; reminders: number; summaries: number }> {
  const library = (
    await db
      .select()
      .from(motivationMessages)
      .where(and(eq(motivationMessages.active, true), eq(motivationMessages.draft, false)))
      .orderBy(asc(motivationMessages.key))
  ).map((m) => ({
    key: m.key,
    text: { en: m.textEn, vi: m.textVi },
  }));
  const counts = { encouragement: 0, reminders: 0, summaries: 0 };
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const members = (await db.execute(sql`
      select u.id, u.time_zone, s.last_encouragement_on::text, s.last_reminder_on::text, s.last_weekly_summary_on::text
      from users u left join notification_settings s on s.user_id = u.id
      where u.role = 'member' and u.id > ${after}::uuid order by u.id limit ${BATCH}
    `)) as unknown as MemberRow[];
    if (members.length === 0) break;
    after = members.at(-1)!.id;
    const ids = members.map((m) => m.id);
    const recipients = await loadRecipients(db, ids);
    const due = members.flatMap((m) => {
      const r = recipients.get(m.id)!;
      const [hour, minute] = r.preferences.sendAt.split(":").map(Number) as [number, number];
      const today = localDate(now, m.time_zone);
      const weekday = localWeekday(now, m.time_zone);
      const encouragement =
        isEncouragementDay(r.preferences.encouragementFrequency, weekday) &&
        dueNow(m.last_encouragement_on, now, m.time_zone, hour, minute);
      const summary = weekday === 1 && dueNow(m.last_weekly_summary_on, now, m.time_zone, hour, minute);
      const reminder = dueNow(m.last_reminder_on, now, m.time_zone, CHECK_IN_REMINDER_HOUR);
      return encouragement || summary || reminder ? [{ member: m, recipient: r, today, encouragement, summary, reminder }] : [];
    });
    if (due.length > 0) {
      const dueIds = due.map((d) => d.member.id);
      const progress = await memberProgressSnapshots(db, dueIds, now);
      const checkedIn = await checkedInToday(db, dueIds, now);
      const summaries = due.some((d) => d.summary)
        ? await weeks(
            db,
            due.filter((d) => d.summary).map((d) => d.member.id),
            now,
          )
        : new Map();
      for (const d of due) {
        const sent = await sendOne(db, d, {
          progress: progress.get(d.member.id),
          checkedIn: checkedIn.has(d.member.id),
          week: summaries.get(d.member.id),
          library,
          now,
        });
        counts.encouragement += sent.encouragement;
        counts.reminders += sent.reminder;
        counts.summaries += sent.summary;
      }
    }
    if (members.length < BATCH) break;
  }
  return counts;
}

async function sendOne(
  db: Database,
  d: { member: MemberRow; recipient: Recipient; today: string; encouragement: boolean; summary: boolean; reminder: boolean },
  ctx: {
    progress: Awaited<ReturnType<typeof memberProgressSnapshots>> extends Map<string, infer P> ? P | undefined : never;
    checkedIn: boolean;
    week: { day: string; cigarettes: number; resisted: number; checked_in: boolean }[] | undefined;
    library: { key: string; text: Record<AppLocale, string> }[];
    now: Date;
  },
) {
  const { recipient: r, today } = d;
  const locale = r.locale;
  const t = getFixedT(locale);
  const p = ctx.progress;
  const values: MessageValues = {
    name: r.displayName,
    days: p ? p.smokeFreeStreakDays : null,
    money: p ? { amountMinor: p.moneySavedMinor, currency: p.currency } : null,
    cravings: p ? p.cravingsResisted : null,
    checkIns: p ? p.checkInStreakDays : null,
    link: `${appUrl()}/app`,
  };
  const sent = { encouragement: 0, reminder: 0, summary: 0 };
  const deliveries = await db.transaction(async (tx) => {
    const out = noDeliveries();
    const set: Partial<typeof notificationSettings.$inferInsert> = {};
    if (d.encouragement) {
      const message = pickEncouragement(ctx.library, values, locale, `${r.id}:${today}`);
      if (message) {
        const body = renderMotivation(message.text[locale], values, locale);
        await notifyMember(
          tx,
          r,
          {
            kind: "daily-encouragement",
            dedupeKey: `encouragement:${today}`,
            now: ctx.now,
            inApp: { messageKey: "notifications:dailyEncouragement.title", values: { body }, href: "/app" },
            content: {
              subject: t("notifications:dailyEncouragement.subject"),
              paragraphs: [body],
              sms: renderMotivation(message.text[locale], values, locale, "sms"),
            },
          },
          out,
        );
        sent.encouragement = 1;
      }
      set.lastEncouragementOn = today;
    }
    if (d.reminder) {
      if (!ctx.checkedIn) {
        const href = `${appUrl()}/app`;
        await notifyMember(
          tx,
          r,
          {
            kind: "check-in-reminder",
            dedupeKey: `check-in-reminder:${today}`,
            now: ctx.now,
            inApp: {
              messageKey: "notifications:checkInReminder.title",
              values: { body: renderNotificationText("checkInReminder", "body", values, locale) },
              href: "/app",
            },
            content: {
              subject: renderNotificationText("checkInReminder", "subject", values, locale),
              paragraphs: [renderNotificationText("checkInReminder", "body", values, locale)],
              action: { label: t("notifications:checkInReminder.action"), href },
              sms: renderNotificationText("checkInReminder", "sms", values, locale),
            },
          },
          out,
        );
        sent.reminder = 1;
      }
      set.lastReminderOn = today;
    }
    if (d.summary) {
      const week = ctx.week ?? [];
      const resisted = week.reduce((n, w) => n + Number(w.resisted), 0);
      const checkIns = week.filter((w) => w.checked_in).length;
      const weekValues = { ...values, cravings: resisted, checkIns };
      const money = p ? formatMoney(p.moneySavedMinor, p.currency, locale) : formatMoney(0, r.currency, locale);
      const lines = [
        renderNotificationText("weeklySummary", "body", weekValues, locale),
        `${t("notifications:weeklySummary.streak")}: ${renderMotivation("{{days}}", { days: p?.smokeFreeStreakDays ?? 0 }, locale)}`,
        `${t("notifications:weeklySummary.moneySaved")}: ${money}`,
        `${t("notifications:weeklySummary.cravingsResisted")}: ${resisted}`,
        `${t("notifications:weeklySummary.checkIns")}: ${checkIns}`,
        t("notifications:weeklySummary.closing"),
      ];
      await notifyMember(
        tx,
        r,
        {
          kind: "weekly-summary",
          dedupeKey: `weekly-summary:${today}`,
          now: ctx.now,
          inApp: {
            messageKey: "notifications:weeklySummary.title",
            values: {
              body: lines.slice(1, 5).join(" · "),
              chart: week.map((w) => w.cigarettes).join(","),
              chartStart: week[0]?.day ?? today,
            },
            href: "/app",
          },
          content: {
            subject: t("notifications:weeklySummary.subject"),
            paragraphs: lines,
            chart: {
              title: t("notifications:weeklySummary.chartTitle"),
              days: week.map((w) => ({ label: weekdayLabel(w.day, locale), value: Number(w.cigarettes) })),
            },
            action: { label: t("notifications:weeklySummary.action"), href: `${appUrl()}/app` },
            sms: renderNotificationText(
              "weeklySummary",
              "sms",
              {
                ...weekValues,
                days: p?.smokeFreeStreakDays ?? 0,
                money: p ? { amountMinor: p.moneySavedMinor, currency: p.currency } : null,
              },
              locale,
            ),
          },
        },
        out,
      );
      sent.summary = 1;
      set.lastWeeklySummaryOn = today;
    }
    await tx
      .insert(notificationSettings)
      .values({ userId: r.id, ...set })
      .onConflictDoUpdate({ target: notificationSettings.userId, set });
    return out;
  });
  await enqueueDeliveries(deliveries);
  return sent;
}
