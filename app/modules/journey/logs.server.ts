import { and, desc, eq, sql } from "drizzle-orm";
import { cigaretteLogs, cravingLogs, dailyTotals, moodLogs } from "#db/schema";
import type { Database } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { afterJourneyEvent } from "./events.server";
import { requireConsent } from "./consent.server";
import { addDays, daysBetween, type LocalDate } from "~/lib/local-date";
import { reviewAttempt, type SmokingOutcome } from "./relapse.server";
import { bumpDay } from "./rollups.server";

export type CigaretteInput = {
  date: LocalDate;
  count: number;
  time?: string;
  trigger?: string;
  place?: string;
  mood?: number;
  /** Set by a log queued offline: a second send with the same id stores nothing. */
  clientId?: string;
};

export async function logCigarettes(
  db: Database,
  userId: string,
  input: CigaretteInput,
  today: LocalDate,
): Promise<SmokingOutcome & { id: string; duplicate: boolean }> {
  const outcome = await db.transaction(async (tx) => {
    await requireConsent(tx, userId);
    const [log] = await tx
      .insert(cigaretteLogs)
      .values({
        userId,
        localDate: input.date,
        count: input.count,
        smokedAt: input.time ?? null,
        trigger: input.trigger ?? null,
        place: input.place ?? null,
        mood: input.mood ?? null,
        clientId: input.clientId ?? null,
      })
      .onConflictDoNothing({ target: [cigaretteLogs.userId, cigaretteLogs.clientId] })
      .returning({ id: cigaretteLogs.id });
    if (!log)
      return {
        id: await idOfClientLog(tx, cigaretteLogs, userId, input.clientId),
        duplicate: true,
        slip: false,
        relapsedOn: null,
        attemptId: null,
      };
    await bumpDay(tx, userId, input.date, { cigarettes: input.count, ...(input.mood ? { mood: input.mood } : {}) });
    return { id: log.id, duplicate: false, ...(await reviewAttempt(tx, userId, input.date, today)) };
  });
  await afterJourneyEvent(db, userId);
  return outcome;
}

export async function updateCigaretteLog(
  db: Database,
  userId: string,
  id: string,
  input: CigaretteInput,
  today: LocalDate,
): Promise<SmokingOutcome> {
  const outcome = await db.transaction(async (tx) => {
    await requireConsent(tx, userId);
    const [old] = await tx
      .select()
      .from(cigaretteLogs)
      .where(and(eq(cigaretteLogs.id, id), eq(cigaretteLogs.userId, userId)))
      .for("update");
    if (!old) throw new DomainError("not-found", "errors:notFound.title");
    if (daysBetween(old.localDate, today) > 7) throw new DomainError("invalid", "journey:errors.logDateTooOld");
    await tx
      .update(cigaretteLogs)
      .set({
        localDate: input.date,
        count: input.count,
        smokedAt: input.time ?? null,
        trigger: input.trigger ?? null,
        place: input.place ?? null,
        mood: input.mood ?? null,
      })
      .where(eq(cigaretteLogs.id, id));
    await bumpDay(tx, userId, old.localDate, { cigarettes: -old.count });
    await bumpDay(tx, userId, input.date, { cigarettes: input.count });
    return reviewAttempt(tx, userId, input.date, today);
  });
  await afterJourneyEvent(db, userId);
  return outcome;
}

export type CravingInput = {
  date: LocalDate;
  intensity: number;
  trigger?: string;
  resisted: boolean;
  copingStrategy?: string;
  /** Set by a log queued offline: a second send with the same id stores nothing. */
  clientId?: string;
};

export async function logCraving(db: Database, userId: string, input: CravingInput): Promise<string> {
  const id = await db.transaction(async (tx) => {
    await requireConsent(tx, userId);
    const [log] = await tx
      .insert(cravingLogs)
      .values({
        userId,
        localDate: input.date,
        intensity: input.intensity,
        trigger: input.trigger ?? null,
        resisted: input.resisted,
        coping: input.copingStrategy ?? null,
        clientId: input.clientId ?? null,
      })
      .onConflictDoNothing({ target: [cravingLogs.userId, cravingLogs.clientId] })
      .returning({ id: cravingLogs.id });
    if (!log) return idOfClientLog(tx, cravingLogs, userId, input.clientId);
    await bumpDay(tx, userId, input.date, { cravings: 1, cravingsResisted: input.resisted ? 1 : 0 });
    return log.id;
  });
  await afterJourneyEvent(db, userId);
  return id;
}

export async function updateCravingLog(db: Database, userId: string, id: string, input: CravingInput, today: LocalDate): Promise<void> {
  await db.transaction(async (tx) => {
    await requireConsent(tx, userId);
    const [old] = await tx
      .select()
      .from(cravingLogs)
      .where(and(eq(cravingLogs.id, id), eq(cravingLogs.userId, userId)))
      .for("update");
    if (!old) throw new DomainError("not-found", "errors:notFound.title");
    if (daysBetween(old.localDate, today) > 7) throw new DomainError("invalid", "journey:errors.logDateTooOld");
    await tx
      .update(cravingLogs)
      .set({
        localDate: input.date,
        intensity: input.intensity,
        trigger: input.trigger ?? null,
        resisted: input.resisted,
        coping: input.copingStrategy ?? null,
      })
      .where(eq(cravingLogs.id, id));
    await bumpDay(tx, userId, old.localDate, { cravings: -1, cravingsResisted: old.resisted ? -1 : 0 });
    await bumpDay(tx, userId, input.date, { cravings: 1, cravingsResisted: input.resisted ? 1 : 0 });
  });
  await afterJourneyEvent(db, userId);
}

/** How the member feels, with an optional note about the day. */
export async function logMood(db: Database, userId: string, input: { date: LocalDate; mood: number; note?: string }): Promise<string> {
  const id = await db.transaction(async (tx) => {
    await requireConsent(tx, userId);
    const [log] = await tx
      .insert(moodLogs)
      .values({ userId, localDate: input.date, mood: input.mood, note: input.note ?? null })
      .returning({ id: moodLogs.id });
    await bumpDay(tx, userId, input.date, { mood: input.mood });
    return log!.id;
  });
  await afterJourneyEvent(db, userId);
  return id;
}

/** The row an earlier send of the same queued log stored (only reached when the insert met its client id). */
async function idOfClientLog(tx: Database, table: typeof cigaretteLogs | typeof cravingLogs, userId: string, clientId: string | undefined) {
  const [row] = await tx
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.userId, userId), eq(table.clientId, clientId ?? "")));
  if (!row) throw new DomainError("conflict", "errors:badRequest.title");
  return row.id;
}

export type LogKind = "cigarette" | "craving" | "mood";

/** Deletes one of the member's own entries and takes it out of the day's rollup; anyone else's is a 404. */
export async function deleteLog(db: Database, userId: string, kind: LogKind, id: string, today: LocalDate): Promise<void> {
  await db.transaction(async (tx) => {
    const table = { cigarette: cigaretteLogs, craving: cravingLogs, mood: moodLogs }[kind];
    const [old] = await tx
      .delete(table)
      .where(and(eq(table.id, id), eq(table.userId, userId), sql`${table.localDate} >= ${addDays(today, -7)}`))
      .returning();
    if (!old) throw new DomainError("not-found", "errors:notFound.title");
    if (kind === "cigarette") {
      const row = old as typeof cigaretteLogs.$inferSelect;
      await bumpDay(tx, userId, row.localDate, { cigarettes: -row.count });
      await reviewAttempt(tx, userId, row.localDate, today);
    } else if (kind === "craving") {
      const row = old as typeof cravingLogs.$inferSelect;
      await bumpDay(tx, userId, row.localDate, { cravings: -1, cravingsResisted: row.resisted ? -1 : 0 });
    } else if (kind === "mood") {
      const row = old as typeof moodLogs.$inferSelect;
      // The day's mood becomes the latest mood still logged that day (or none).
      await tx.execute(sql`update daily_totals set mood = (select mood from mood_logs where user_id = ${userId} and local_date = ${row.localDate} order by created_at desc limit 1), updated_at = now()
        where user_id = ${userId} and local_date = ${row.localDate}`);
    }
  });
  await afterJourneyEvent(db, userId);
}

/** The one-tap "no cigarettes today": marks the day checked in. Refused on a day with cigarettes logged. */
export async function checkIn(db: Database, userId: string, date: LocalDate): Promise<void> {
  await db.transaction(async (tx) => {
    await requireConsent(tx, userId);
    const [day] = await tx
      .select({ cigarettes: dailyTotals.cigarettes })
      .from(dailyTotals)
      .where(and(eq(dailyTotals.userId, userId), eq(dailyTotals.localDate, date)));
    if (day && day.cigarettes > 0) throw new DomainError("conflict", "journey:errors.checkInAfterSmoking");
    await bumpDay(tx, userId, date, { checkedIn: true });
  });
  await afterJourneyEvent(db, userId);
}

export type RecentEntry =
  | { kind: "cigarette"; id: string; localDate: LocalDate; createdAt: Date; count: number; trigger: string | null }
  | { kind: "craving"; id: string; localDate: LocalDate; createdAt: Date; intensity: number; resisted: boolean; trigger: string | null }
  | { kind: "mood"; id: string; localDate: LocalDate; createdAt: Date; mood: number; note: string | null };

/** The recent list shows the newest few; the whole week on request, up to the most (a member who logs every cigarette has hundreds). */
export const RECENT_ENTRIES_SHOWN = 10;
export const RECENT_ENTRIES_MAX = 200;

/**
 * The member's own entries since `since`, of every kind, newest first (by day, then by when they were
 * written), for correcting them: the newest `limit`, and whether there are more.
 */
export async function recentEntries(
  db: Database,
  userId: string,
  since: LocalDate,
  limit: number,
): Promise<{ entries: RecentEntry[]; more: boolean }> {
  const take = Math.min(limit, RECENT_ENTRIES_MAX) + 1;
  const [cigarettes, cravings, moods] = await Promise.all([
    db
      .select({
        id: cigaretteLogs.id,
        localDate: cigaretteLogs.localDate,
        createdAt: cigaretteLogs.createdAt,
        count: cigaretteLogs.count,
        trigger: cigaretteLogs.trigger,
      })
      .from(cigaretteLogs)
      .where(and(eq(cigaretteLogs.userId, userId), sql`${cigaretteLogs.localDate} >= ${since}`))
      .orderBy(desc(cigaretteLogs.localDate), desc(cigaretteLogs.createdAt))
      .limit(take),
    db
      .select({
        id: cravingLogs.id,
        localDate: cravingLogs.localDate,
        createdAt: cravingLogs.createdAt,
        intensity: cravingLogs.intensity,
        resisted: cravingLogs.resisted,
        trigger: cravingLogs.trigger,
      })
      .from(cravingLogs)
      .where(and(eq(cravingLogs.userId, userId), sql`${cravingLogs.localDate} >= ${since}`))
      .orderBy(desc(cravingLogs.localDate), desc(cravingLogs.createdAt))
      .limit(take),
    db
      .select({ id: moodLogs.id, localDate: moodLogs.localDate, createdAt: moodLogs.createdAt, mood: moodLogs.mood, note: moodLogs.note })
      .from(moodLogs)
      .where(and(eq(moodLogs.userId, userId), sql`${moodLogs.localDate} >= ${since}`))
      .orderBy(desc(moodLogs.localDate), desc(moodLogs.createdAt))
      .limit(take),
  ]);
  const all: RecentEntry[] = [
    ...cigarettes.map((e) => ({ kind: "cigarette" as const, ...e, localDate: e.localDate as LocalDate })),
    ...cravings.map((e) => ({ kind: "craving" as const, ...e, localDate: e.localDate as LocalDate })),
    ...moods.map((e) => ({ kind: "mood" as const, ...e, localDate: e.localDate as LocalDate })),
  ].sort((a, b) => (a.localDate === b.localDate ? b.createdAt.getTime() - a.createdAt.getTime() : a.localDate < b.localDate ? 1 : -1));
  const shown = Math.min(limit, RECENT_ENTRIES_MAX);
  return { entries: all.slice(0, shown), more: all.length > shown };
}

export async function cigaretteLogById(db: Database, userId: string, id: string) {
  const [row] = await db
    .select()
    .from(cigaretteLogs)
    .where(and(eq(cigaretteLogs.id, id), eq(cigaretteLogs.userId, userId)));
  if (!row) throw new DomainError("not-found", "errors:notFound.title");
  return row;
}

export async function cravingLogById(db: Database, userId: string, id: string) {
  const [row] = await db
    .select()
    .from(cravingLogs)
    .where(and(eq(cravingLogs.id, id), eq(cravingLogs.userId, userId)));
  if (!row) throw new DomainError("not-found", "errors:notFound.title");
  return row;
}
