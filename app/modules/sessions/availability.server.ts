import { and, asc, eq, gt, inArray, lt, sql } from "drizzle-orm";
import { availabilityExceptions, coachingSessions, coachProfiles, sessionSettings, users } from "#db/schema";
import type { Database } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { zonedTime } from "~/modules/notifications/schedule";
import { freeSlots, type Slot, type WeeklyHours } from "./slots";

export const DEFAULT_SETTINGS = { sessionMinutes: 45, bufferMinutes: 15, autoConfirm: false, noticeMinutes: 120 };
/** How far ahead members may book. */
export const BOOKING_HORIZON_DAYS = 28;

export type CoachAvailability = typeof DEFAULT_SETTINGS & { coachId: string; timeZone: string; weeklyHours: WeeklyHours };

/** A coach's session settings, weekly hours and zone, in one query (defaults when never saved). */
export async function coachAvailability(db: Database, coachId: string): Promise<CoachAvailability> {
  const [row] = await db
    .select({
      timeZone: users.timeZone,
      weeklyHours: coachProfiles.workingHours,
      sessionMinutes: sessionSettings.sessionMinutes,
      bufferMinutes: sessionSettings.bufferMinutes,
      autoConfirm: sessionSettings.autoConfirm,
      noticeMinutes: sessionSettings.noticeMinutes,
    })
    .from(users)
    .leftJoin(coachProfiles, eq(coachProfiles.coachId, users.id))
    .leftJoin(sessionSettings, eq(sessionSettings.coachId, users.id))
    .where(and(eq(users.id, coachId), eq(users.role, "coach")));
  if (!row) throw new DomainError("not-found", "errors:notFound.title");
  return {
    coachId,
    timeZone: row.timeZone,
    weeklyHours: (row.weeklyHours ?? {}) as WeeklyHours,
    sessionMinutes: row.sessionMinutes ?? DEFAULT_SETTINGS.sessionMinutes,
    bufferMinutes: row.bufferMinutes ?? DEFAULT_SETTINGS.bufferMinutes,
    autoConfirm: row.autoConfirm ?? DEFAULT_SETTINGS.autoConfirm,
    noticeMinutes: row.noticeMinutes ?? DEFAULT_SETTINGS.noticeMinutes,
  };
}

/** Saves the coach's session settings and weekly hours (the hours on their coach profile, created as a draft if missing). */
export async function saveAvailability(
  db: Database,
  coachId: string,
  input: typeof DEFAULT_SETTINGS & { weeklyHours: WeeklyHours },
): Promise<void> {
  const { weeklyHours, ...settings } = input;
  await db.transaction(async (tx) => {
    await tx
      .insert(sessionSettings)
      .values({ coachId, ...settings })
      .onConflictDoUpdate({ target: sessionSettings.coachId, set: { ...settings, updatedAt: new Date() } });
    await tx
      .insert(coachProfiles)
      .values({ coachId, workingHours: weeklyHours })
      .onConflictDoUpdate({ target: coachProfiles.coachId, set: { workingHours: weeklyHours, updatedAt: new Date() } });
  });
}

/** Adds time off or extra hours from a local date and times on the coach's clock. */
export async function addAvailabilityException(
  db: Database,
  coachId: string,
  input: { kind: "time-off" | "extra"; date: string; start: string; end: string; note: string },
  now: Date,
): Promise<{ id: string }> {
  const { timeZone } = await coachAvailability(db, coachId);
  const at = (time: string) => {
    const [year, month, day] = input.date.split("-").map(Number) as [number, number, number];
    const [hour, minute] = time.split(":").map(Number) as [number, number];
    return zonedTime({ year, month, day, hour, minute }, timeZone);
  };
  const startsAt = at(input.start);
  const endsAt = at(input.end);
  if (endsAt <= startsAt) throw new DomainError("invalid", "sessions:errors.hoursOrder", { field: "end" });
  if (endsAt <= now) throw new DomainError("invalid", "sessions:errors.inPast", { field: "date" });
  const [row] = await db
    .insert(availabilityExceptions)
    .values({ coachId, kind: input.kind, startsAt, endsAt, note: input.note })
    .returning({ id: availabilityExceptions.id });
  return row!;
}

export async function removeAvailabilityException(db: Database, coachId: string, id: string): Promise<void> {
  const removed = await db
    .delete(availabilityExceptions)
    .where(and(eq(availabilityExceptions.id, id), eq(availabilityExceptions.coachId, coachId)))
    .returning({ id: availabilityExceptions.id });
  if (removed.length === 0) throw new DomainError("not-found", "errors:notFound.title");
}

export async function upcomingExceptions(db: Database, coachId: string, now: Date) {
  return db
    .select()
    .from(availabilityExceptions)
    .where(and(eq(availabilityExceptions.coachId, coachId), gt(availabilityExceptions.endsAt, now)))
    .orderBy(asc(availabilityExceptions.startsAt))
    .limit(100);
}

/**
 * The coach's free slots from `from` to `to` (two indexed range reads: exceptions and booked sessions
 * in the window). `ignoreSessionId` leaves one session out of the busy times (it is being moved).
 */
export async function coachFreeSlots(
  db: Database,
  availability: CoachAvailability,
  from: Date,
  to: Date,
  options: { ignoreSessionId?: string } = {},
): Promise<Slot[]> {
  const padFrom = new Date(from.getTime() - 24 * 3600_000);
  const padTo = new Date(to.getTime() + 24 * 3600_000);
  const [exceptions, busy] = await Promise.all([
    db
      .select({ kind: availabilityExceptions.kind, startsAt: availabilityExceptions.startsAt, endsAt: availabilityExceptions.endsAt })
      .from(availabilityExceptions)
      .where(
        and(
          eq(availabilityExceptions.coachId, availability.coachId),
          lt(availabilityExceptions.startsAt, padTo),
          gt(availabilityExceptions.endsAt, padFrom),
        ),
      ),
    db
      .select({ id: coachingSessions.id, startsAt: coachingSessions.startsAt, endsAt: coachingSessions.endsAt })
      .from(coachingSessions)
      .where(
        and(
          eq(coachingSessions.coachId, availability.coachId),
          inArray(coachingSessions.status, ["requested", "confirmed"]),
          // Sessions last at most 3 hours (session_settings), so a start bound keeps the index range to the window, not the coach's whole history.
          gt(coachingSessions.startsAt, new Date(padFrom.getTime() - 3 * 3600_000)),
          lt(coachingSessions.startsAt, padTo),
          gt(coachingSessions.endsAt, padFrom),
          options.ignoreSessionId ? sql`${coachingSessions.id} <> ${options.ignoreSessionId}` : undefined,
        ),
      ),
  ]);
  return freeSlots(
    {
      weeklyHours: availability.weeklyHours,
      timeZone: availability.timeZone,
      sessionMinutes: availability.sessionMinutes,
      bufferMinutes: availability.bufferMinutes,
      extra: exceptions.filter((e) => e.kind === "extra"),
      timeOff: exceptions.filter((e) => e.kind === "time-off"),
      busy,
    },
    from,
    to,
  );
}

/** The window members may book in now: from the notice period to the horizon. */
export function bookingWindow(availability: Pick<CoachAvailability, "noticeMinutes">, now: Date): { from: Date; to: Date } {
  return {
    from: new Date(now.getTime() + availability.noticeMinutes * 60_000),
    to: new Date(now.getTime() + BOOKING_HORIZON_DAYS * 24 * 3600_000),
  };
}
