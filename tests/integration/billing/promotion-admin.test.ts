import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminAudit, promotions } from "#db/schema";
import { createSignedInUser } from "#db/seed/factories";
import { Browser, startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";
import { seedPackages } from "./helpers";

// No STRIPE_SECRET_KEY: checkouts run on the built-in test provider.
delete process.env.STRIPE_SECRET_KEY;

let server: Awaited<ReturnType<typeof startTestServer>>;
let prices: Awaited<ReturnType<typeof seedPackages>>;
let admin: Browser;
let adminId: string;
beforeAll(async () => {
  server = await startTestServer();
  prices = await seedPackages(testDb());
  const signedIn = await createSignedInUser(testDb(), { role: "admin", locale: "en" });
  admin = new Browser(server.url, signedIn.cookie);
  adminId = signedIn.user.id;
});
afterAll(async () => server.close());

async function newPromotion(code: string, values: Partial<typeof promotions.$inferInsert> = {}) {
  const [row] = await testDb()
    .insert(promotions)
    .values({ code, kind: "percent", percentOff: 20, ...values })
    .returning();
  return row!;
}

const auditOf = (targetId: string) =>
  testDb()
    .select()
    .from(adminAudit)
    .where(and(eq(adminAudit.targetType, "promotion"), eq(adminAudit.targetId, targetId)));

async function checkoutWith(code: string) {
  const { cookie } = await createSignedInUser(testDb());
  const member = new Browser(server.url, cookie);
  const priceId = prices.usdMonthly.id;
  return member.post(`/app/billing/checkout?price=${priceId}`, { intent: "start", priceId, promotionCode: code, acceptTerms: "on" });
}

describe("an admin deactivating a promotion code", () => {
  it("stops checkouts accepting it, writes the audit log once, and reactivating makes it usable again", async () => {
    const promotion = await newPromotion("SPRING-20");
    const deactivate = { intent: "set-promotion-active", promotionId: promotion.id, active: "false" };
    expect((await admin.post("/admin/packages", deactivate)).status).toBe(200);
    // A second click (a retried form) changes nothing and logs nothing more.
    expect((await admin.post("/admin/packages", deactivate)).status).toBe(200);
    const [row] = await testDb().select().from(promotions).where(eq(promotions.id, promotion.id));
    expect(row!.deactivatedAt).not.toBeNull();
    const list = await (await admin.get("/admin/packages")).text();
    expect(list).toMatch(/data-promotion="SPRING-20"[\s\S]*?Deactivated[\s\S]*?Reactivate/);

    const refused = await checkoutWith("spring-20");
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("This promotion code is no longer available.");

    await admin.post("/admin/packages", { ...deactivate, active: "true" });
    const accepted = await checkoutWith("SPRING-20");
    expect(accepted.status).toBe(302);

    const entries = await auditOf(promotion.id);
    expect(entries.map((e) => e.action).sort()).toEqual(["promotion.deactivate", "promotion.reactivate"]);
    expect(entries.every((e) => e.adminId === adminId)).toBe(true);
  });

  it("answers an unknown or malformed promotion id with 404 and 400, never a 500", async () => {
    const missing = await admin.post("/admin/packages", {
      intent: "set-promotion-active",
      promotionId: "2b5f6a1e-0000-4000-8000-000000000000",
      active: "false",
    });
    expect(missing.status).toBe(404);
    const malformed = await admin.post("/admin/packages", { intent: "set-promotion-active", promotionId: "nope", active: "maybe" });
    expect(malformed.status).toBe(400);
  });

  it("is for admins only", async () => {
    const promotion = await newPromotion("MEMBERS-NO");
    const { cookie } = await createSignedInUser(testDb());
    const member = new Browser(server.url, cookie);
    expect(
      (await member.post("/admin/packages", { intent: "set-promotion-active", promotionId: promotion.id, active: "false" })).status,
    ).toBe(403);
    expect((await member.get(`/admin/promotions/${promotion.id}`)).status).toBe(403);
    const [row] = await testDb().select().from(promotions).where(eq(promotions.id, promotion.id));
    expect(row!.deactivatedAt).toBeNull();
  });
});

describe("an admin editing a promotion code", () => {
  it("changes its expiry and maximum uses, audited with the values before and after", async () => {
    const promotion = await newPromotion("SUMMER-20", { maxRedemptions: 10, redemptions: 3 });
    const page = await admin.get(`/admin/promotions/${promotion.id}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Promotion code SUMMER-20");

    const saved = await admin.post(`/admin/promotions/${promotion.id}`, {
      intent: "update-promotion",
      expiresAt: "2030-06-30",
      maxRedemptions: "50",
    });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("location")).toBe(`/admin/promotions/${promotion.id}?saved=1`);
    const [row] = await testDb().select().from(promotions).where(eq(promotions.id, promotion.id));
    expect(row!.expiresAt?.toISOString()).toBe("2030-06-30T00:00:00.000Z");
    expect(row!.maxRedemptions).toBe(50);
    // The discount is not the form's to change.
    expect(row!.percentOff).toBe(20);

    // Saving the same values again is not a change: one audit entry.
    await admin.post(`/admin/promotions/${promotion.id}`, { intent: "update-promotion", expiresAt: "2030-06-30", maxRedemptions: "50" });
    const entries = await auditOf(promotion.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.action).toBe("promotion.update");
    expect(entries[0]!.details).toMatchObject({
      code: "SUMMER-20",
      expiresAtBefore: null,
      expiresAtAfter: "2030-06-30T00:00:00.000Z",
      maxRedemptionsBefore: 10,
      maxRedemptionsAfter: 50,
    });

    // Clearing both fields: no expiry, unlimited.
    await admin.post(`/admin/promotions/${promotion.id}`, { intent: "update-promotion", expiresAt: "", maxRedemptions: "" });
    const [cleared] = await testDb().select().from(promotions).where(eq(promotions.id, promotion.id));
    expect(cleared!.expiresAt).toBeNull();
    expect(cleared!.maxRedemptions).toBeNull();
  });

  it("refuses a maximum below the uses already made, and bad input, with clear messages", async () => {
    const promotion = await newPromotion("AUTUMN-20", { maxRedemptions: 10, redemptions: 4 });
    const below = await admin.post(`/admin/promotions/${promotion.id}`, { intent: "update-promotion", expiresAt: "", maxRedemptions: "3" });
    expect(below.status).toBe(422);
    expect(await below.text()).toContain("The maximum cannot be lower than the number of times the code has already been used.");
    const garbage = await admin.post(`/admin/promotions/${promotion.id}`, {
      intent: "update-promotion",
      expiresAt: "not a date",
      maxRedemptions: "-2",
    });
    expect(garbage.status).toBe(400);
    const [row] = await testDb().select().from(promotions).where(eq(promotions.id, promotion.id));
    expect(row!.maxRedemptions).toBe(10);
    expect(await auditOf(promotion.id)).toHaveLength(0);
  });

  it("answers an unknown or malformed id with 404", async () => {
    expect((await admin.get("/admin/promotions/not-a-uuid")).status).toBe(404);
    expect((await admin.get("/admin/promotions/2b5f6a1e-0000-4000-8000-000000000000")).status).toBe(404);
    const post = await admin.post("/admin/promotions/2b5f6a1e-0000-4000-8000-000000000000", {
      intent: "update-promotion",
      expiresAt: "",
      maxRedemptions: "",
    });
    expect(post.status).toBe(404);
  });
});
