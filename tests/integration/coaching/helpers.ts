import { and, eq, sql } from "drizzle-orm";
import {
  coachAssignments,
  coachProfiles,
  packagePrices,
  packages,
  subscriptions,
  dailyTotals,
  healthConsents,
  planRevisions,
  quitAttempts,
  smokingProfiles,
} from "#db/schema";
import type { Database } from "#db/client.server";
import { seedBillingDemo } from "#db/seed/billing";
import { createSignedInUser, type UserSeed } from "#db/seed/factories";
import { ensureConversation } from "~/modules/coaching/access.server";
import { seedPackages } from "../billing/helpers";
import { addDays, localDate } from "~/lib/local-date";
import { proposePlan } from "~/modules/journey/plan";
import { CONSENT_PURPOSE_VERSION } from "~/modules/journey/profile";

const DAY = 24 * 3600 * 1000;

let prices: Awaited<ReturnType<typeof seedPackages>> | undefined;

/** A signed-in member with an active Premium subscription (arranged as a provider event would leave it). */
export async function premiumMember(db: Database, seed: UserSeed = {}) {
  prices ??= await seedPackages(db);
  const signedIn = await createSignedInUser(db, seed);
  await db.insert(subscriptions).values({
    userId: signedIn.user.id,
    packageId: prices.premium.id,
    priceId: prices.usdMonthly.id,
    status: "active",
    provider: "test",
    providerSubscriptionId: `test_sub_coaching_${signedIn.user.id}`,
    currentPeriodEnd: new Date(Date.now() + 20 * DAY),
    acceptedTermsVersion: 1,
  });
  return signedIn;
}

/** A signed-in coach with a profile in `status` (approved by default). */
export async function coachWithProfile(db: Database, profile: Partial<typeof coachProfiles.$inferInsert> = {}, seed: UserSeed = {}) {
  const signedIn = await createSignedInUser(db, { role: "coach", ...seed });
  await db.insert(coachProfiles).values({
    coachId: signedIn.user.id,
    headline: "Quit coach",
    bio: { en: "I help people quit." },
    languages: ["en"],
    specialties: [],
    yearsExperience: 3,
    capacity: 5,
    status: "approved",
    ...profile,
  });
  return signedIn;
}

/** The secret the server processes of tests/setup/processes.ts sign cookies with, so sessions made here work there. */
export const PROCESS_SESSION_SECRET = "integration-tests-session-secret-0123456789";

/** Gives a member a live Premium subscription (as a provider event would leave it). */
export async function makePremium(db: Database, userId: string) {
  await seedBillingDemo(db);
  const [premium] = await db.select().from(packages).where(eq(packages.slug, "premium"));
  const [price] = await db
    .select()
    .from(packagePrices)
    .where(and(eq(packagePrices.packageId, premium!.id), eq(packagePrices.currency, "USD"), eq(packagePrices.period, "monthly")));
  await db.insert(subscriptions).values({
    userId,
    packageId: premium!.id,
    priceId: price!.id,
    status: "active",
    provider: "test",
    providerSubscriptionId: `test_sub_chat_${userId}`,
    currentPeriodEnd: new Date(Date.now() + 20 * 86_400_000),
    acceptedTermsVersion: 1,
  });
}

export type Person = { id: string; cookie: string };

export async function signedInCoach(db: Database, timeZone = "UTC"): Promise<Person> {
  const { user, cookie } = await createSignedInUser(db, { role: "coach", timeZone });
  return { id: user.id, cookie };
}

/** A (premium) member assigned to `coach`, signed in, with their conversation: arranged directly, not through the directory. */
export async function pairWithCoach(db: Database, coach: Person, options: { premium?: boolean } = {}) {
  const { user, cookie } = await createSignedInUser(db);
  if (options.premium ?? true) await makePremium(db, user.id);
  const [assignment] = await db.insert(coachAssignments).values({ memberId: user.id, coachId: coach.id, source: "admin" }).returning();
  const conversation = await ensureConversation(db, assignment!);
  return { member: { id: user.id, cookie } as Person, coach, assignmentId: assignment!.id, conversation };
}

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
