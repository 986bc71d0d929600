import { coachProfiles, subscriptions } from "#db/schema";
import type { Database } from "#db/client.server";
import { createSignedInUser, type UserSeed } from "#db/seed/factories";
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
