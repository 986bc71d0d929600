import { and, count, desc, eq, gte, isNotNull, isNull, lt, sql, type SQL } from "drizzle-orm";
import { coachAssignments, sessions, subscriptions, users, type Role } from "#db/schema";
import type { Database } from "#db/client.server";
import { containing } from "#db/patterns";
import { DomainError } from "~/lib/domain-error";
import { audit } from "~/modules/audit/audit.server";
import { foldAccents } from "~/lib/fold";
import { decodeCursor, encodeCursor } from "~/lib/list-cursor";
import { PEOPLE_PAGE_SIZE, type PeopleFilter } from "./people";

export async function countPeopleByRole(db: Database) {
  return db.select({ role: users.role, count: count() }).from(users).groupBy(users.role).orderBy(users.role);
}

// Qualified by hand: in a one-table select Drizzle writes columns unqualified, and inside a subquery
// a bare "id" would be the subquery's own table's id.
const personId = sql.raw(`"users"."id"`);
// Live subscriptions that are not Basic: the "premium" filter. Kept here as SQL so the search stays one statement.
const LIVE = sql`('active', 'trialing', 'past_due', 'cancelled_at_period_end')`;
const hasLivePlan = sql`exists (select 1 from ${subscriptions} s where s.user_id = ${personId} and s.status in ${LIVE})`;
const hasActiveCoach = sql`exists (select 1 from ${coachAssignments} a where a.member_id = ${personId} and a.status = 'active')`;

/**
 * People for /admin/members, newest sign-ups first, by keyset (sign-up time, id): name or email
 * matched without accents or case (users.search_text), and the filters the admin chose.
 */
export async function searchPeople(db: Database, filter: PeopleFilter, timeZone: string) {
  const where: SQL[] = [];
  if (filter.q) {
    const words = foldAccents(filter.q).split(/\s+/).filter(Boolean).slice(0, 8);
    for (const word of words) where.push(sql`${users.searchText} like ${containing(word)}`);
  }
  if (filter.role) where.push(eq(users.role, filter.role));
  if (filter.status === "suspended") where.push(isNotNull(users.suspendedAt));
  if (filter.status === "active") where.push(isNull(users.suspendedAt));
  if (filter.plan === "premium") where.push(hasLivePlan);
  if (filter.plan === "basic") where.push(sql`not ${hasLivePlan}`);
  if (filter.coached === "yes") where.push(hasActiveCoach);
  if (filter.coached === "no") where.push(sql`not ${hasActiveCoach}`);
  // Sign-up days are the admin's own calendar days.
  if (filter.from) where.push(gte(users.createdAt, sql`(${filter.from}::date)::timestamp at time zone ${timeZone}`));
  if (filter.to) where.push(lt(users.createdAt, sql`(${filter.to}::date + 1)::timestamp at time zone ${timeZone}`));
  const cursor = decodeCursor(filter.after);
  if (cursor) where.push(sql`(${users.createdAt}, ${users.id}) < (${cursor.at.toISOString()}::timestamptz, ${cursor.id}::uuid)`);
  const rows = await db
    .select({
      id: users.id,
      displayName: users.displayName,
      email: users.email,
      role: users.role,
      createdAt: users.createdAt,
      suspendedAt: users.suspendedAt,
      premium: sql<boolean>`${hasLivePlan}`,
      coached: sql<boolean>`${hasActiveCoach}`,
    })
    .from(users)
    .where(and(...where))
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(PEOPLE_PAGE_SIZE + 1);
  const page = rows.slice(0, PEOPLE_PAGE_SIZE);
  return { people: page, next: rows.length > PEOPLE_PAGE_SIZE ? encodeCursor({ at: page.at(-1)!.createdAt, id: page.at(-1)!.id }) : null };
}

/** One person's account for the admin's member page; a missing id is a 404. */
export async function personAccount(db: Database, personId: string) {
  const [person] = await db
    .select({
      id: users.id,
      displayName: users.displayName,
      email: users.email,
      role: users.role,
      locale: users.locale,
      currency: users.currency,
      timeZone: users.timeZone,
      createdAt: users.createdAt,
      suspendedAt: users.suspendedAt,
      signInWithCognito: sql<boolean>`${users.cognitoSub} is not null`,
      liveSessions: sql<number>`(select count(*)::int from ${sessions} s where s.user_id = ${personId} and s.expires_at > now())`,
    })
    .from(users)
    .where(eq(users.id, personId));
  if (!person) throw new DomainError("not-found", "errors:notFound.title");
  return person;
}

async function changePerson(
  db: Database,
  adminId: string,
  personId: string,
  action: string,
  reason: string,
  change: (tx: Database) => Promise<Record<string, string | number | null> | null>,
) {
  await db.transaction(async (tx) => {
    const [person] = await tx.select({ id: users.id }).from(users).where(eq(users.id, personId)).for("update");
    if (!person) throw new DomainError("not-found", "errors:notFound.title");
    const details = await change(tx);
    if (details) await audit(tx, { adminId, action, targetType: "user", targetId: personId, reason, details });
  });
}

/** Suspends an account: no sign-in, every session ended. An admin cannot suspend themselves. */
export async function suspendPerson(db: Database, adminId: string, personId: string, reason: string, now = new Date()) {
  if (personId === adminId) throw new DomainError("conflict", "people:errors.notYourself");
  await changePerson(db, adminId, personId, "user.suspend", reason, async (tx) => {
    const [changed] = await tx
      .update(users)
      .set({ suspendedAt: now, updatedAt: now })
      .where(and(eq(users.id, personId), isNull(users.suspendedAt)))
      .returning({ id: users.id });
    if (!changed) return null; // already suspended: nothing to record twice
    const ended = await tx.delete(sessions).where(eq(sessions.userId, personId)).returning({ id: sessions.id });
    return { sessionsEnded: ended.length };
  });
}

export async function restorePerson(db: Database, adminId: string, personId: string, reason: string, now = new Date()) {
  await changePerson(db, adminId, personId, "user.restore", reason, async (tx) => {
    const [changed] = await tx
      .update(users)
      .set({ suspendedAt: null, updatedAt: now })
      .where(and(eq(users.id, personId), isNotNull(users.suspendedAt)))
      .returning({ id: users.id });
    return changed ? {} : null;
  });
}

/** Changes a role. An admin cannot take their own admin role away (someone must remain able to give it back). */
export async function changeRole(db: Database, adminId: string, personId: string, role: Role, reason: string, now = new Date()) {
  if (personId === adminId && role !== "admin") throw new DomainError("conflict", "people:errors.notYourself");
  await changePerson(db, adminId, personId, "user.role", reason, async (tx) => {
    const [before] = await tx.select({ role: users.role }).from(users).where(eq(users.id, personId));
    if (before!.role === role) return null;
    await tx.update(users).set({ role, updatedAt: now }).where(eq(users.id, personId));
    // A new role takes effect at once: sessions carry the role, so they end with the old one.
    await tx.delete(sessions).where(eq(sessions.userId, personId));
    return { from: before!.role, to: role };
  });
}

/** Ends every session of the person ("reset sign-in"): each browser must sign in again. */
export async function signOutEverywhere(db: Database, adminId: string, personId: string, reason: string) {
  await changePerson(db, adminId, personId, "user.sign-out", reason, async (tx) => {
    const ended = await tx.delete(sessions).where(eq(sessions.userId, personId)).returning({ id: sessions.id });
    return { sessionsEnded: ended.length };
  });
}
