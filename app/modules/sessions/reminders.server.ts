import { and, eq, gt, lte, sql } from "drizzle-orm";
import { coachingSessions, sessionPreferences, sessionReminders } from "#db/schema";
import type { Database } from "#db/client.server";
import { appUrl } from "~/lib/env.server";
import { formatDateTime } from "~/lib/format";
import { getFixedT } from "~/lib/i18n.server";
import { enqueueDeliveries } from "~/lib/queue.server";
import { loadRecipients, noDeliveries, notifyMember } from "~/modules/notifications/deliver.server";

/** The reminders before a session: how long before the start each is due. */
export const REMINDERS = [
  { kind: "24h", beforeMs: 24 * 3600_000, messageKey: "reminder24h" },
  { kind: "1h", beforeMs: 3600_000, messageKey: "reminder1h" },
] as const;

/**
 * Sends every reminder that is due now to both participants of each confirmed session: the member
 * through their preferences (the 1-hour one even in quiet hours when they allowed it), the coach
 * in-app and by email. Each reminder is recorded with the session's start in the same transaction
 * as its messages, so running the job twice sends nothing twice; a moved session is reminded again.
 */
export async function sendDueReminders(db: Database, now: Date): Promise<{ sent: number }> {
  let sent = 0;
  for (const reminder of REMINDERS) {
    const due = await db
      .select({ session: coachingSessions, lastInQuiet: sessionPreferences.lastReminderInQuietHours })
      .from(coachingSessions)
      .leftJoin(sessionPreferences, eq(sessionPreferences.userId, coachingSessions.memberId))
      .where(
        and(
          eq(coachingSessions.status, "confirmed"),
          gt(coachingSessions.startsAt, now),
          lte(coachingSessions.startsAt, new Date(now.getTime() + reminder.beforeMs)),
          sql`not exists (select 1 from ${sessionReminders} r where r.session_id = ${coachingSessions.id} and r.kind = ${reminder.kind} and r.starts_at = ${coachingSessions.startsAt})`,
        ),
      )
      .limit(500);
    if (due.length === 0) continue;
    const people = await loadRecipients(db, [...new Set(due.flatMap((d) => [d.session.memberId, d.session.coachId]))]);
    for (const { session, lastInQuiet } of due) {
      // A session within the hour gets only the 1-hour reminder, not a late "tomorrow".
      if (reminder.kind === "24h" && session.startsAt.getTime() - now.getTime() <= 3600_000) continue;
      const deliveries = await db.transaction(async (tx) => {
        const [claimed] = await tx
          .insert(sessionReminders)
          .values({ sessionId: session.id, kind: reminder.kind, startsAt: session.startsAt, sentAt: now })
          .onConflictDoNothing()
          .returning();
        const out = noDeliveries();
        if (!claimed) return out;
        for (const [recipientId, otherId, href] of [
          [session.memberId, session.coachId, `/app/coach/sessions/${session.id}`],
          [session.coachId, session.memberId, "/coach/sessions"],
        ] as const) {
          const recipient = people.get(recipientId);
          const other = people.get(otherId);
          if (!recipient || !other) continue;
          const t = getFixedT(recipient.locale);
          const when = formatDateTime(session.startsAt, recipient.locale, recipient.timeZone, { timeStyle: "short" });
          const values = { name: other.displayName, when };
          const text = t(`notifications:sessions.${reminder.messageKey}`, values);
          await notifyMember(
            tx,
            recipient,
            {
              kind: "sessions",
              dedupeKey: `session-reminder:${session.id}:${reminder.kind}:${session.startsAt.toISOString()}`,
              now,
              inApp: { messageKey: `notifications:sessions.${reminder.messageKey}`, values, href },
              content: {
                subject: text,
                paragraphs: [text],
                action: { label: t("sessions:email.open"), href: `${appUrl()}${href}` },
                sms: text,
              },
              ignoreQuietHours: reminder.kind === "1h" && recipientId === session.memberId && Boolean(lastInQuiet),
            },
            out,
          );
        }
        sent++;
        return out;
      });
      await enqueueDeliveries(deliveries);
    }
  }
  return { sent };
}

export async function sessionPreferencesOf(db: Database, userId: string) {
  const [row] = await db.select().from(sessionPreferences).where(eq(sessionPreferences.userId, userId));
  return { lastReminderInQuietHours: row?.lastReminderInQuietHours ?? false };
}

export async function saveSessionPreferences(db: Database, userId: string, input: { lastReminderInQuietHours: boolean }) {
  await db
    .insert(sessionPreferences)
    .values({ userId, ...input })
    .onConflictDoUpdate({ target: sessionPreferences.userId, set: { ...input, updatedAt: new Date() } });
}
