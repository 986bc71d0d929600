import { createHash, randomBytes } from "node:crypto";
import { and, asc, eq, gte, isNull, or } from "drizzle-orm";
import { calendarFeeds, coachingSessions } from "#db/schema";
import type { Database } from "#db/client.server";
import { appUrl } from "~/lib/env.server";
import { getFixedT } from "~/lib/i18n.server";
import { loadRecipients } from "~/modules/notifications/deliver.server";
import { calendarText } from "./ics";
import { sessionEvent } from "./invitations.server";

const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");

export const feedUrl = (token: string) => `${appUrl()}/resources/calendar/${token}.ics`;

/** A new private feed URL for the user (any earlier one stops working); the token is shown once and stored only as a hash. */
export async function createCalendarFeed(db: Database, userId: string): Promise<{ url: string }> {
  const token = randomBytes(32).toString("base64url");
  await db.transaction(async (tx) => {
    await tx
      .update(calendarFeeds)
      .set({ revokedAt: new Date() })
      .where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)));
    await tx.insert(calendarFeeds).values({ userId, tokenHash: hashOf(token) });
  });
  return { url: feedUrl(token) };
}

export async function revokeCalendarFeed(db: Database, userId: string): Promise<void> {
  await db
    .update(calendarFeeds)
    .set({ revokedAt: new Date() })
    .where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)));
}

export async function calendarFeedStatus(db: Database, userId: string) {
  const [row] = await db
    .select({ createdAt: calendarFeeds.createdAt, lastUsedAt: calendarFeeds.lastUsedAt })
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)));
  return row ?? null;
}

/**
 * The .ics feed behind a token: the owner's sessions (as member or coach) from 60 days ago on,
 * cancelled ones marked so. Null for an unknown or revoked token.
 */
export async function calendarFeedText(db: Database, token: string, now: Date): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const [feed] = await db
    .update(calendarFeeds)
    .set({ lastUsedAt: now })
    .where(and(eq(calendarFeeds.tokenHash, hashOf(token)), isNull(calendarFeeds.revokedAt)))
    .returning({ userId: calendarFeeds.userId });
  if (!feed) return null;
  const sessions = await db
    .select()
    .from(coachingSessions)
    .where(
      and(
        or(eq(coachingSessions.memberId, feed.userId), eq(coachingSessions.coachId, feed.userId)),
        gte(coachingSessions.startsAt, new Date(now.getTime() - 60 * 24 * 3600_000)),
      ),
    )
    .orderBy(asc(coachingSessions.startsAt))
    .limit(1000);
  const people = await loadRecipients(db, [...new Set([feed.userId, ...sessions.flatMap((s) => [s.memberId, s.coachId])])]);
  const owner = people.get(feed.userId);
  const lang = owner?.locale ?? "en";
  const events = sessions.flatMap((s) => {
    const member = people.get(s.memberId);
    const coach = people.get(s.coachId);
    return member && coach ? [sessionEvent(s, member, coach, lang, s.updatedAt)] : [];
  });
  return calendarText(events, null, getFixedT(lang)("sessions:calendar.feedName"));
}
