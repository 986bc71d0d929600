import { test as base, expect, type Browser, type BrowserContext } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { createDb, type Db } from "#db/client.server";
import { embeddedDatabaseUrl } from "#db/embedded.server";
import { createSignedInUser, type UserSeed } from "#db/seed/factories";
import { coachAssignments, packagePrices, packages, subscriptions } from "#db/schema";
import { ensureConversation } from "~/modules/coaching/access.server";
import { e2eServer } from "../../playwright.config";
import { pendingSchemaChanges } from "../setup/schema-drift";

// Cookies are signed with the e2e server's generated secret (DATA_DIR/session-secret) and named for its origin.
process.env.DATA_DIR = e2eServer.dataDir;
process.env.APP_URL = e2eServer.baseURL;
delete process.env.SESSION_SECRET;

type SignedIn = Awaited<ReturnType<typeof createSignedInUser>>["user"];

let database: Db | undefined;
/** The database behind the e2e server, for arranging data the way a factory would. */
export function e2eDb(): Db {
  // Through the server's private socket, with the password it generated in its data folder.
  database ??= createDb(embeddedDatabaseUrl({ dir: e2eServer.postgresDir, port: e2eServer.postgresPort }), 2);
  return database;
}

/**
 * Brings the e2e server's database up to this branch's db/schema (changes not yet in a migration),
 * once, whichever spec worker gets there first: the others wait on the lock and find it done.
 */
export async function applyPendingSchemaChanges(): Promise<void> {
  const statements = await pendingSchemaChanges();
  if (statements.length === 0) return;
  await e2eDb().$client.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtext('e2e-pending-schema'))`;
    // All or nothing: a database that has them already (the server applies the same drift when it starts) refuses
    // one of them and keeps what it has. The first alone tells nothing when it is a drop the list re-creates later.
    await tx
      .savepoint(async (sp) => {
        for (const statement of statements) await sp.unsafe(statement);
      })
      .catch(() => undefined);
  });
}

/** Fast sign-in: insert a user and a session row, then hand the browser its cookie. */
export const test = base.extend<{ login: (seed?: UserSeed) => Promise<SignedIn> }>({
  login: async ({ context, baseURL }, use) => {
    await use(async (seed = {}) => {
      const { user, cookie } = await createSignedInUser(e2eDb(), seed);
      const [name, value] = cookie.split("=") as [string, string];
      await context.addCookies([{ name, value, url: baseURL! }]);
      return user;
    });
  },
});

/** A browser context signed in as a new user (for tests with two people, each in their own browser). */
export async function signedInContext(browser: Browser, baseURL: string, seed: UserSeed) {
  const { user, cookie } = await createSignedInUser(e2eDb(), seed);
  const context: BrowserContext = await browser.newContext({ baseURL });
  const [name, value] = cookie.split("=") as [string, string];
  await context.addCookies([{ name, value, url: baseURL }]);
  return { user, context };
}

/**
 * A premium member and their coach, each signed in in their own browser: Premium arranged as a
 * provider event would leave the subscription, the pair and their conversation arranged directly.
 */
export async function premiumMemberWithCoach(browser: Browser, baseURL: string, seeds: { member: UserSeed; coach: UserSeed }) {
  const db = e2eDb();
  const member = await signedInContext(browser, baseURL, seeds.member);
  const coach = await signedInContext(browser, baseURL, { role: "coach", ...seeds.coach });
  const [premium] = await db.select().from(packages).where(eq(packages.slug, "premium"));
  const [price] = await db
    .select()
    .from(packagePrices)
    .where(and(eq(packagePrices.packageId, premium!.id), eq(packagePrices.period, "monthly")));
  await db.insert(subscriptions).values({
    userId: member.user.id,
    packageId: premium!.id,
    priceId: price!.id,
    status: "active",
    provider: "test",
    providerSubscriptionId: `e2e_sub_${member.user.id}`,
    currentPeriodEnd: new Date(Date.now() + 20 * 86_400_000),
    acceptedTermsVersion: 1,
  });
  const [assignment] = await db
    .insert(coachAssignments)
    .values({ memberId: member.user.id, coachId: coach.user.id, source: "admin" })
    .returning();
  await ensureConversation(db, assignment!);
  return { member, coach };
}

export { expect };
