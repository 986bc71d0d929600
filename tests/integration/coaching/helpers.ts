import { sql } from "drizzle-orm";
import { coachAssignments, dailyTotals, healthConsents, planRevisions, quitAttempts, smokingProfiles } from "#db/schema";
import type { Database } from "#db/client.server";
import { createSignedInUser, type UserSeed } from "#db/seed/factories";
import { addDays, localDate } from "~/lib/local-date";
import { ensureConversation } from "~/modules/coaching/access.server";
import { proposePlan } from "~/modules/journey/plan";
import { CONSENT_PURPOSE_VERSION } from "~/modules/journey/profile";

export const todayUtc = () => localDate(new Date(), "UTC");

/**
 * A member with a journey written straight into the tables the journey keeps: consent, profile,
 * an active attempt whose quit date was `quitDaysAgo` days ago (its plan proposed as on the day
 * it was made, 14 days before the quit date), and daily_totals for the days given.
 */
export async function memberWithJourney(
  db: Database,
  a: {
    quitDaysAgo: number;
    smokedDaysAgo?: number[];
    checkInDaysAgo?: number[];
    cravings?: Record<number, number>;
    seed?: UserSeed;
  },
) {
  const signedIn = await createSignedInUser(db, a.seed);
  const userId = signedIn.user.id;
  const today = todayUtc();
  const quitDate = addDays(today, -a.quitDaysAgo);
  await db.insert(healthConsents).values({ userId, purposeVersion: CONSENT_PURPOSE_VERSION });
  await db.insert(smokingProfiles).values({
    userId,
    cigarettesPerDay: 20,
    yearsSmoked: 10,
    cigarettesPerPack: 20,
    packPriceMinor: 500,
    currency: "USD",
    triggers: ["coffee", "stress"],
    reasons: ["My children"],
    ftndAnswers: {},
    ftndScore: 5,
    hsiScore: 3,
  });
  const plan = proposePlan({
    cigarettesPerDay: 20,
    ftndScore: 5,
    ftndBand: "moderate",
    triggers: ["coffee", "stress"],
    customTriggers: [],
    reasons: ["My children"],
    today: addDays(quitDate, -14),
  });
  const [attempt] = await db
    .insert(quitAttempts)
    .values({ userId, attemptNumber: 1, quitDate, baselinePerDay: 20, cigarettesPerPack: 20, packPriceMinor: 500, currency: "USD" })
    .returning();
  await db.insert(planRevisions).values({ attemptId: attempt!.id, userId, revision: 1, plan: plan as never, changeNote: "accepted" });
  const days = new Map<number, { cigarettes: number; cravings: number; checkedIn: boolean }>();
  const at = (n: number) => days.get(n) ?? days.set(n, { cigarettes: 0, cravings: 0, checkedIn: false }).get(n)!;
  for (const n of a.smokedDaysAgo ?? []) at(n).cigarettes = 3;
  for (const n of a.checkInDaysAgo ?? []) at(n).checkedIn = true;
  for (const [n, c] of Object.entries(a.cravings ?? {})) at(Number(n)).cravings = c;
  if (days.size > 0) {
    await db.insert(dailyTotals).values(
      [...days].map(([n, d]) => ({
        userId,
        localDate: addDays(today, -n),
        cigarettes: d.cigarettes,
        cravings: d.cravings,
        checkedIn: d.checkedIn,
      })),
    );
  }
  return { ...signedIn, attempt: attempt!, quitDate };
}

/** An active coach–member pair and its conversation, as the assignment flow (another helper's work) will create them. */
export async function assign(db: Database, coachId: string, memberId: string, a: { coachMayEditPlan?: boolean } = {}) {
  const [assignment] = await db
    .insert(coachAssignments)
    .values({ coachId, memberId, source: "admin", coachMayEditPlan: a.coachMayEditPlan ?? false })
    .returning();
  const conversation = await ensureConversation(db, assignment!);
  return { assignment: assignment!, conversation };
}

/** Member messages the coach has not read: bumps the conversation as the chat module does when a member writes. */
export async function memberWrote(db: Database, conversationId: string, memberId: string, count: number) {
  await db.execute(sql`
    with bumped as (
      update conversations set last_seq = last_seq + ${count}, last_message_at = now() where id = ${conversationId}::uuid
      returning last_seq
    )
    insert into messages (conversation_id, seq, sender_id, client_id, body)
    select ${conversationId}::uuid, b.last_seq - ${count} + g, ${memberId}::uuid, gen_random_uuid(), 'hello ' || g
    from bumped b, generate_series(1, ${count}) g`);
}
