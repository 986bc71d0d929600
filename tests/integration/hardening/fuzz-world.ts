import { eq, sql } from "drizzle-orm";
import { communityModerators, users } from "#db/schema";
import type { Database } from "#db/client.server";
import { seedDemoData } from "#db/seed/demo";
import { createSession } from "~/modules/identity/session.server";

/**
 * The people the fuzz signs in as, from the demo installation (which gives every role real rows
 * to point URL params at: posts, attempts, conversations, sessions, awards, payments …).
 */
export type Actor = { role: string; userId: string | null };

export const ROLES = ["anonymous", "member", "premium member", "coach", "moderator", "editor", "admin"] as const;

async function one(db: Database, query: ReturnType<typeof sql>): Promise<string | null> {
  const rows = (await db.execute(query)) as unknown as { id: string }[];
  return rows[0]?.id ?? null;
}

export async function seedWorld(db: Database): Promise<Actor[]> {
  await seedDemoData(db);
  const byEmail = async (email: string) => (await db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]!.id;
  const basic = await one(
    db,
    sql`select u.id from users u where u.role = 'member'
      and not exists (select 1 from subscriptions s where s.user_id = u.id and s.status in ('active', 'trialing', 'past_due'))
      and exists (select 1 from quit_attempts a where a.user_id = u.id)
      order by u.email limit 1`,
  );
  const premium = await one(
    db,
    sql`select c.member_id as id from conversations c join coach_assignments a on a.id = c.assignment_id
      where a.status = 'active' and exists (select 1 from subscriptions s where s.user_id = c.member_id and s.status = 'active')
      order by c.created_at limit 1`,
  );
  const coach = await byEmail("coach.mai@quitpath.test");
  const moderator = await byEmail("coach.sam@quitpath.test");
  await db.insert(communityModerators).values({ userId: moderator }).onConflictDoNothing();
  return [
    { role: "anonymous", userId: null },
    { role: "member", userId: basic },
    { role: "premium member", userId: premium },
    { role: "coach", userId: coach },
    { role: "moderator", userId: moderator },
    { role: "editor", userId: await byEmail("editor@quitpath.test") },
    { role: "admin", userId: await byEmail("admin@quitpath.test") },
  ];
}

/** A fresh session for the actor (a fuzzed intent may sign out or end every session). */
export async function cookieFor(db: Database, actor: Actor): Promise<string> {
  if (!actor.userId) return "";
  // A fuzzed "delete my account" is cancelled by signing in again, as it is for a person.
  await db.execute(sql`delete from account_deletions where user_id = ${actor.userId}`);
  const session = await createSession(db, actor.userId, "test");
  return session.setCookie.split(";")[0]!;
}

const RANDOM_UUID = "6b1d9f0e-3c1a-4d2e-9f8b-7a6c5d4e3f21";

/**
 * A real id for a URL param, preferring the actor's own rows. Unknown params (a new route) get
 * a random UUID, so the route is still fuzzed (its guard or its 404).
 */
export async function paramValue(db: Database, routeId: string, param: string, me: string | null): Promise<string> {
  const mine = me ?? RANDOM_UUID;
  const q = (query: ReturnType<typeof sql>) => one(db, query);
  let id: string | null = null;
  switch (param) {
    case "postId":
      id = await q(
        sql`select id from community_posts order by (author_id = ${mine}) desc nulls last, (status = 'visible') desc, created_at limit 1`,
      );
      break;
    case "attemptId":
      id = await q(sql`select id from quit_attempts where user_id = ${mine} order by attempt_number limit 1`);
      break;
    case "awardId":
      id = await q(sql`select id from badge_awards order by (user_id = ${mine}) desc, awarded_at limit 1`);
      break;
    case "badgeId":
      id = await q(sql`select id from badges order by created_at limit 1`);
      break;
    case "conversationId":
      id = await q(sql`select id from conversations where member_id = ${mine} or coach_id = ${mine} order by created_at limit 1`);
      break;
    case "exportId":
      id = await q(sql`select id from data_exports where user_id = ${mine} limit 1`);
      break;
    case "memberId":
      id = await q(
        sql`select member_id as id from coach_assignments order by (coach_id = ${mine} and status = 'active') desc, started_at limit 1`,
      );
      break;
    case "messageId":
      id = await q(
        sql`select m.id from messages m join conversations c on c.id = m.conversation_id
          order by (c.member_id = ${mine} or c.coach_id = ${mine}) desc, m.created_at limit 1`,
      );
      break;
    case "packageId":
      id = await q(sql`select id from packages order by created_at limit 1`);
      break;
    case "paymentId":
      id = await q(sql`select id from payments order by (user_id = ${mine}) desc nulls last, created_at limit 1`);
      break;
    case "promotionId":
      id = await q(sql`select id from promotions order by created_at limit 1`);
      break;
    case "sessionId":
      id = await q(sql`select id from coaching_sessions order by (member_id = ${mine} or coach_id = ${mine}) desc, starts_at desc limit 1`);
      break;
    case "answerId":
      id = await q(sql`select id from ai_coach_messages order by (user_id = ${mine}) desc, created_at limit 1`);
      break;
    case "provider":
      return "test";
    case "section":
      return "growth";
    case "lang":
      return "vi";
    case "id":
      if (routeId.includes("content")) id = await q(sql`select id from content_items order by created_at limit 1`);
      else if (routeId.includes("stories")) id = await q(sql`select id from community_posts order by featured_at nulls last limit 1`);
      else if (routeId.includes("images")) id = await q(sql`select id from stored_files where owner_id = ${mine} limit 1`);
      break;
    default:
      break;
  }
  return id ?? RANDOM_UUID;
}
