import { eq } from "drizzle-orm";
import { coachAssignments, coachProfiles, packagePrices, packages, sessionSettings, subscriptions } from "#db/schema";
import type { Database } from "#db/client.server";
import { createSignedInUser, createUser, type UserSeed } from "#db/seed/factories";
import { seedPackages } from "../billing/helpers";

export const WEEKDAYS_9_TO_17 = Object.fromEntries(["1", "2", "3", "4", "5"].map((d) => [d, [{ start: "09:00", end: "17:00" }]]));

/** A coach with weekly hours and session settings, arranged directly (the coaching pages are another helper's). */
export async function arrangeCoach(
  db: Database,
  options: {
    timeZone?: string;
    autoConfirm?: boolean;
    noticeMinutes?: number;
    weeklyHours?: Record<string, { start: string; end: string }[]>;
  } = {},
) {
  const { user: coach, cookie } = await createSignedInUser(db, { role: "coach", timeZone: options.timeZone ?? "Europe/London" });
  await db
    .insert(coachProfiles)
    .values({ coachId: coach.id, status: "approved", capacity: 500, workingHours: options.weeklyHours ?? WEEKDAYS_9_TO_17 });
  await db.insert(sessionSettings).values({
    coachId: coach.id,
    sessionMinutes: 45,
    bufferMinutes: 15,
    autoConfirm: options.autoConfirm ?? false,
    noticeMinutes: options.noticeMinutes ?? 120,
  });
  return { coach, cookie };
}

/**
 * A package that grants sessions whatever Premium sells at the time: a draft, never offered, with
 * the sessions entitlement and a known monthly allowance (4), so tests do not depend on the catalogue.
 */
export async function sessionsPackage(db: Database) {
  const [existing] = await db.select().from(packages).where(eq(packages.slug, "sessions-test"));
  const pkg =
    existing ??
    (
      await db
        .insert(packages)
        .values({
          slug: "sessions-test",
          nameEn: "Sessions (test)",
          nameVi: "Buổi hẹn (thử nghiệm)",
          descriptionEn: "Not sold: grants coaching sessions to test members.",
          descriptionVi: "Không bán: cấp buổi hẹn huấn luyện cho thành viên thử nghiệm.",
          status: "draft",
          entitlements: { features: ["coach-chat", "video-sessions"], aiCoachMessagesPerDay: 0, videoSessionsPerMonth: 4 },
        })
        .returning()
    )[0]!;
  const [price] =
    (await db.select().from(packagePrices).where(eq(packagePrices.packageId, pkg.id))).length > 0
      ? await db.select().from(packagePrices).where(eq(packagePrices.packageId, pkg.id))
      : await db.insert(packagePrices).values({ packageId: pkg.id, currency: "USD", amountMinor: 1500, period: "monthly" }).returning();
  return { premium: pkg, usdMonthly: price! };
}

let packagesSeeded: ReturnType<typeof sessionsPackage> | null = null;

/** Premium members (signed in) assigned to the coach. */
export async function arrangeMembers(db: Database, coachId: string, count: number, seed: UserSeed = {}) {
  packagesSeeded ??= seedPackages(db).then(() => sessionsPackage(db));
  const { premium, usdMonthly } = await packagesSeeded;
  const members = [];
  for (let i = 0; i < count; i++) members.push(await createSignedInUser(db, { timeZone: "Asia/Ho_Chi_Minh", ...seed }));
  await db.insert(subscriptions).values(
    members.map(({ user }) => ({
      userId: user.id,
      packageId: premium.id,
      priceId: usdMonthly.id,
      status: "active" as const,
      provider: "test" as const,
      providerSubscriptionId: `test_sub_sessions_${user.id}`,
      currentPeriodEnd: new Date(Date.now() + 20 * 24 * 3600_000),
      acceptedTermsVersion: 1,
    })),
  );
  await db.insert(coachAssignments).values(members.map(({ user }) => ({ memberId: user.id, coachId, source: "admin" })));
  return members;
}

export { createUser };
