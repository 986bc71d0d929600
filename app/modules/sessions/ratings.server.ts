import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { coachingSessions, helpfulVotes, sessionRatings, users } from "#db/schema";
import type { Database } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { hitRateLimit } from "~/lib/rate-limit.server";
import { bayesianAverage, DEFAULT_PRIOR_MEAN, ratingEditableUntil } from "./ratings";

/**
 * The member rates their completed session (1–5 stars, optional comment). One rating per session;
 * changing it is allowed for 7 days after it was first given. A session that did not happen
 * (requested, missed, cancelled, or in the future) cannot be rated.
 */
export async function rateSession(
  db: Database,
  memberId: string,
  sessionId: string,
  input: { stars: number; comment: string },
  now: Date,
): Promise<void> {
  const [row] = await db
    .select({ session: coachingSessions, rating: sessionRatings })
    .from(coachingSessions)
    .leftJoin(sessionRatings, eq(sessionRatings.sessionId, coachingSessions.id))
    .where(and(eq(coachingSessions.id, sessionId), eq(coachingSessions.memberId, memberId)));
  if (!row) throw new DomainError("not-found", "errors:notFound.title");
  if (row.session.status !== "completed") throw new DomainError("conflict", "sessions:errors.notCompleted");
  if (row.rating && now > ratingEditableUntil(row.rating.createdAt)) throw new DomainError("conflict", "sessions:errors.ratingLocked");
  await db
    .insert(sessionRatings)
    .values({
      sessionId,
      memberId,
      coachId: row.session.coachId,
      stars: input.stars,
      comment: input.comment,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoUpdate({ target: sessionRatings.sessionId, set: { stars: input.stars, comment: input.comment, updatedAt: now } });
}

export type CoachRating = { average: number | null; count: number };

/**
 * Each coach's Bayesian average (pulled towards the mean of every rating, weight 5) and count, in
 * one statement for any number of coaches. A coach nobody rated has { average: null, count: 0 }.
 */
export async function coachRatings(db: Database, coachIds: readonly string[]): Promise<Map<string, CoachRating>> {
  const result = new Map<string, CoachRating>();
  if (coachIds.length === 0) return result;
  const rows = (await db.execute(sql`
    with overall as (select avg(stars)::float8 as mean from ${sessionRatings})
    select c.id as coach_id, coalesce(sum(r.stars), 0)::int as total, count(r.stars)::int as n, (select mean from overall) as mean
    from unnest(${`{${coachIds.join(",")}}`}::uuid[]) as c(id)
    left join ${sessionRatings} r on r.coach_id = c.id
    group by c.id
  `)) as unknown as { coach_id: string; total: number; n: number; mean: number | null }[];
  for (const r of rows) {
    result.set(r.coach_id, { average: bayesianAverage(r.total, r.n, r.mean ?? DEFAULT_PRIOR_MEAN), count: r.n });
  }
  return result;
}

/** The newest ratings, for the admin (all coaches) or one coach (their own). */
export async function recentRatings(db: Database, options: { coachId?: string; limit?: number } = {}) {
  const member = sql<string>`(select display_name from ${users} where ${users.id} = ${sessionRatings.memberId})`;
  const coach = sql<string>`(select display_name from ${users} where ${users.id} = ${sessionRatings.coachId})`;
  return db
    .select({
      sessionId: sessionRatings.sessionId,
      coachId: sessionRatings.coachId,
      stars: sessionRatings.stars,
      comment: sessionRatings.comment,
      createdAt: sessionRatings.createdAt,
      memberName: member,
      coachName: coach,
    })
    .from(sessionRatings)
    .where(options.coachId ? eq(sessionRatings.coachId, options.coachId) : undefined)
    .orderBy(desc(sessionRatings.createdAt))
    .limit(options.limit ?? 50);
}

/** Coaches with their averages for the admin: everyone with the coach role. */
export async function coachRatingTable(db: Database) {
  const coaches = await db.select({ id: users.id, name: users.displayName }).from(users).where(eq(users.role, "coach"));
  const ratings = await coachRatings(
    db,
    coaches.map((c) => c.id),
  );
  return coaches.map((c) => ({ ...c, ...(ratings.get(c.id) ?? { average: null, count: 0 }) }));
}

export const HELPFUL_SUBJECTS = ["article", "plan-task", "motivation-message"] as const;
export type HelpfulSubject = (typeof HELPFUL_SUBJECTS)[number];

/** Thirty answers a quarter hour per member: more than anyone reads, a wall for scripts. */
export const HELPFUL_LIMIT = { limit: 30, windowSeconds: 900 };
export const MAX_HELPFUL_COMMENT = 500;

/**
 * "Was this helpful?": one answer per member and subject; answering again changes it. Each answer
 * counts against the member's rate limit first. The caller checks the subject exists (a published article).
 */
export async function answerHelpful(
  db: Database,
  userId: string,
  input: { subject: HelpfulSubject; subjectId: string; helpful: boolean; comment: string },
): Promise<void> {
  const [limit] = await hitRateLimit(db, [`helpful:${userId}`], HELPFUL_LIMIT);
  if (limit?.limited) throw new DomainError("rate-limited", "content:helpful.limited", { retryAfterSeconds: limit.retryAfterSeconds });
  const comment = input.comment.trim().slice(0, MAX_HELPFUL_COMMENT);
  await db
    .insert(helpfulVotes)
    .values({ userId, ...input, comment })
    .onConflictDoUpdate({
      target: [helpfulVotes.userId, helpfulVotes.subject, helpfulVotes.subjectId],
      set: { helpful: input.helpful, comment, updatedAt: new Date() },
    });
}

/** The member's answers for some subjects (to show what they said). */
export async function helpfulAnswers(db: Database, userId: string, subject: HelpfulSubject, subjectIds: readonly string[]) {
  if (subjectIds.length === 0) return new Map<string, boolean>();
  const rows = await db
    .select({ subjectId: helpfulVotes.subjectId, helpful: helpfulVotes.helpful })
    .from(helpfulVotes)
    .where(and(eq(helpfulVotes.userId, userId), eq(helpfulVotes.subject, subject), inArray(helpfulVotes.subjectId, [...subjectIds])));
  return new Map(rows.map((r) => [r.subjectId, r.helpful]));
}

/** The latest comments left with an answer, newest first (shown beside the per-article figures). */
export async function helpfulComments(db: Database, limit = 30) {
  return db
    .select({
      subject: helpfulVotes.subject,
      subjectId: helpfulVotes.subjectId,
      helpful: helpfulVotes.helpful,
      comment: helpfulVotes.comment,
      updatedAt: helpfulVotes.updatedAt,
    })
    .from(helpfulVotes)
    .where(sql`${helpfulVotes.comment} <> ''`)
    .orderBy(desc(helpfulVotes.updatedAt))
    .limit(limit);
}

/** Per subject: how many answered and the share who found it helpful (admin's "per article" view). */
export async function helpfulSummary(db: Database, limit = 50) {
  return db
    .select({
      subject: helpfulVotes.subject,
      subjectId: helpfulVotes.subjectId,
      answers: sql<number>`count(*)::int`,
      helpful: sql<number>`count(*) filter (where ${helpfulVotes.helpful})::int`,
      comments: sql<number>`count(*) filter (where ${helpfulVotes.comment} <> '')::int`,
    })
    .from(helpfulVotes)
    .groupBy(helpfulVotes.subject, helpfulVotes.subjectId)
    .orderBy(sql`count(*) desc`)
    .limit(limit);
}
