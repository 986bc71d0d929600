import { and, eq } from "drizzle-orm";
import { coachAssignments, coachProfiles, packagePrices, packages, subscriptions } from "#db/schema";
import type { Database } from "#db/client.server";
import { seedBillingDemo } from "#db/seed/billing";
import { createSignedInUser, type UserSeed } from "#db/seed/factories";
import { ensureConversation } from "~/modules/coaching/access.server";
import { seedPackages } from "../billing/helpers";

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
