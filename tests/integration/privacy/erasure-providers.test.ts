import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminAudit, dataExports, erasureReceipts, notifications, subscriptions, users } from "#db/schema";
import { createSignedInUser, createUser } from "#db/seed/factories";
import { addComment, setReaction } from "~/modules/community/interactions.server";
import { createPost } from "~/modules/community/posts.server";
import { eraseMember, ERASURE_GRACE_DAYS, pendingErasure, requestErasure } from "~/modules/privacy/erasure.server";
import { Browser, startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";
import { FakeStripe } from "../billing/fake-stripe";
import { seedPackages, WEBHOOK_SECRET } from "../billing/helpers";

// Stripe mode: the erasure cancels through the real SDK, talking to the loopback stand-in.
const stripe = await new FakeStripe().start();
process.env.STRIPE_SECRET_KEY = "sk_test_quitpath_integration";
process.env.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET;
process.env.STRIPE_API_URL = stripe.url;

let server: Awaited<ReturnType<typeof startTestServer>>;
let prices: Awaited<ReturnType<typeof seedPackages>>;
beforeAll(async () => {
  server = await startTestServer();
  prices = await seedPackages(testDb());
});
afterAll(async () => {
  await server.close();
  await stripe.stop();
});

const later = () => new Date(Date.now() + (ERASURE_GRACE_DAYS + 1) * 86_400_000);

async function liveSubscription(userId: string, provider: "stripe" | "test", providerSubscriptionId: string | null) {
  const [row] = await testDb()
    .insert(subscriptions)
    .values({
      userId,
      packageId: prices.premium.id,
      priceId: prices.usdMonthly.id,
      status: "active",
      provider,
      providerSubscriptionId,
      currentPeriodEnd: new Date(Date.now() + 20 * 86_400_000),
      acceptedTermsVersion: 1,
    })
    .returning();
  return row!;
}

describe("erasure and the member's subscription", () => {
  it("cancels a Stripe subscription at Stripe before erasing, once, and a provider failure leaves the member for the retry", async () => {
    const db = testDb();
    const member = await createUser(db);
    const atStripe = stripe.putSubscription({ status: "active", checkoutId: crypto.randomUUID(), customer: "cus_erasure" });
    await liveSubscription(member.id, "stripe", String(atStripe.id));
    await requestErasure(db, member.id, { keepPosts: false });

    const erased = await eraseMember(db, member.id, later());
    expect(erased).not.toBeNull();
    expect(stripe.calls("DELETE", `/v1/subscriptions/${atStripe.id}`)).toHaveLength(1);
    expect(stripe.subscriptions.get(String(atStripe.id))!.status).toBe("canceled");
    const [receipt] = await db.select().from(erasureReceipts).where(eq(erasureReceipts.id, erased!.receiptId));
    expect(receipt!.counts.subscriptions_ended_at_provider).toBe(1);
    expect(await db.select().from(users).where(eq(users.id, member.id))).toEqual([]);

    // A second run (the job retried) finds nobody to erase and calls Stripe no more.
    expect(await eraseMember(db, member.id, later())).toBeNull();
    expect(stripe.calls("DELETE", `/v1/subscriptions/${atStripe.id}`)).toHaveLength(1);

    // Stripe does not know the subscription (or is down): nothing is erased, so the job tries again later.
    const unlucky = await createUser(db);
    await liveSubscription(unlucky.id, "stripe", "sub_unknown_to_stripe");
    await requestErasure(db, unlucky.id, { keepPosts: false });
    await expect(eraseMember(db, unlucky.id, later())).rejects.toThrow();
    expect(await db.select({ id: users.id }).from(users).where(eq(users.id, unlucky.id))).toHaveLength(1);
    expect(await pendingErasure(db, unlucky.id)).not.toBeNull();
  });

  it("ends a test-provider subscription without calling Stripe", async () => {
    const db = testDb();
    const member = await createUser(db);
    await liveSubscription(member.id, "test", null);
    const before = stripe.requests.length;
    await requestErasure(db, member.id, { keepPosts: false });
    const erased = await eraseMember(db, member.id, later());
    const [receipt] = await db.select().from(erasureReceipts).where(eq(erasureReceipts.id, erased!.receiptId));
    expect(receipt!.counts.subscriptions_ended_at_provider).toBe(1);
    expect(stripe.requests.length).toBe(before);
  });
});

describe("erasure and what names the member elsewhere", () => {
  it("other members' notifications say 'a former member' in their own language, and keep no trace of the member's id", async () => {
    const db = testDb();
    const stamp = Math.random().toString(36).slice(2, 8);
    const leaving = await createUser(db, { displayName: `Erin Leaving ${stamp}` });
    const english = await createSignedInUser(db, { locale: "en" });
    const vietnamese = await createUser(db, { locale: "vi" });
    const post = await createPost(db, english.user.id, {
      body: { version: 1, kind: "post", text: `A week without smoking ${stamp}`, imageIds: [], tags: [] },
      anonymous: false,
      publicConsent: false,
    });
    const postVi = await createPost(db, vietnamese.id, {
      body: { version: 1, kind: "post", text: `Một tuần không hút thuốc ${stamp}`, imageIds: [], tags: [] },
      anonymous: false,
      publicConsent: false,
    });
    await addComment(db, leaving.id, post.id, { text: "Well done!" });
    await setReaction(db, leaving.id, post.id, "support", true);
    await setReaction(db, leaving.id, postVi.id, "hug", true);
    const naming = sql`${notifications.payload}::text like ${`%${leaving.displayName}%`}`;
    expect((await db.select().from(notifications).where(naming)).length).toBe(3);

    await requestErasure(db, leaving.id, { keepPosts: true });
    await eraseMember(db, leaving.id, later());

    expect(await db.select().from(notifications).where(naming)).toEqual([]);
    const mentioningId = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from notifications n where position(${leaving.id} in n::text) > 0`,
    );
    expect(mentioningId[0]!.n).toBe(0);
    const names = async (userId: string) =>
      (await db.select({ p: notifications.payload }).from(notifications).where(eq(notifications.userId, userId)))
        .map((r) => r.p.values?.name)
        .sort();
    expect(await names(english.user.id)).toEqual(["A former member", "A former member"]);
    expect(await names(vietnamese.id)).toEqual(["Một thành viên cũ"]);

    const page = await (await new Browser(server.url, english.cookie).get("/app/notifications")).text();
    expect(page).toContain("A former member commented on your post");
    expect(page).not.toContain(leaving.displayName);
  });
});

describe("data requests handled by an admin", () => {
  it("exports or erases on the member's behalf only with an identity check and a reason, and audits both", async () => {
    const db = testDb();
    const admin = await createSignedInUser(db, { role: "admin" });
    const browser = new Browser(server.url, admin.cookie);
    const member = await createUser(db);

    const missing = await browser.post("/admin/privacy", {
      intent: "data-request",
      email: member.email,
      request: "export",
      identityCheck: "id-document",
      reason: "",
    });
    expect(missing.status).toBe(400);
    const unknown = await browser.post("/admin/privacy", {
      intent: "data-request",
      email: "nobody-here@example.test",
      request: "export",
      identityCheck: "signed-letter",
      reason: "Letter ref 2031-17 received 1 March",
    });
    expect(unknown.status).toBe(422);
    expect(await unknown.text()).toContain("No member has this email address.");
    const badCheck = await browser.post("/admin/privacy", {
      intent: "data-request",
      email: member.email,
      request: "export",
      identityCheck: "a hunch",
      reason: "Letter ref 2031-17",
    });
    expect(badCheck.status).toBe(400);

    const exported = await browser.post("/admin/privacy", {
      intent: "data-request",
      email: member.email.toUpperCase(),
      request: "export",
      identityCheck: "signed-letter",
      reason: "Letter ref 2031-17 received 1 March",
    });
    expect(exported.status).toBe(200);
    const [exportRow] = await db.select().from(dataExports).where(eq(dataExports.userId, member.id));
    expect(exportRow!.status).toBe("queued");

    const erased = await browser.post("/admin/privacy", {
      intent: "data-request",
      email: member.email,
      request: "erase",
      identityCheck: "video-call",
      reason: "Ticket 4412, identity confirmed on a call",
      keepPosts: "on",
    });
    expect(erased.status).toBe(200);
    expect(await pendingErasure(db, member.id)).toMatchObject({ keepPosts: true });

    const audited = await db.select().from(adminAudit).where(eq(adminAudit.targetId, member.id));
    expect(audited.map((a) => [a.action, a.adminId, a.reason, a.details.identityCheck]).sort()).toEqual(
      [
        ["privacy.erase-on-behalf", admin.user.id, "Ticket 4412, identity confirmed on a call", "video-call"],
        ["privacy.export-on-behalf", admin.user.id, "Letter ref 2031-17 received 1 March", "signed-letter"],
      ].sort(),
    );
    const html = await (await browser.get("/admin/privacy")).text();
    expect(html).toContain("Ticket 4412, identity confirmed on a call");
    expect(html).toContain("A video call matching the account");

    // Not for anyone but admins.
    const coach = await createSignedInUser(db, { role: "coach" });
    const refused = await new Browser(server.url, coach.cookie).post("/admin/privacy", {
      intent: "data-request",
      email: member.email,
      request: "erase",
      identityCheck: "video-call",
      reason: "Ticket 4412",
    });
    expect(refused.status).toBe(403);
  });
});
