import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminAudit, billingSettings } from "#db/schema";
import { createSignedInUser } from "#db/seed/factories";
import { Browser, startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";
import { getBillingSettings } from "~/modules/billing/catalogue.server";
import { seedPackages } from "./helpers";

delete process.env.STRIPE_SECRET_KEY;

let server: Awaited<ReturnType<typeof startTestServer>>;
let admin: Browser;

beforeAll(async () => {
  server = await startTestServer();
  await seedPackages(testDb());
  const { cookie } = await createSignedInUser(testDb(), { role: "admin" });
  admin = new Browser(server.url, cookie);
});
afterAll(async () => server.close());

const settings = async () => (await testDb().select().from(billingSettings).where(eq(billingSettings.id, 1)))[0];
const lastAudit = async () => (await testDb().select().from(adminAudit).orderBy(desc(adminAudit.createdAt)).limit(1))[0];

describe("the billing settings on the admin page", () => {
  it("shows the grace period and VAT rate as set, each with a link that opens its form, and no form until asked", async () => {
    const { graceDays, vatBasisPoints } = await getBillingSettings(testDb());
    const html = await (await admin.get("/admin/billing?status=active")).text();
    expect(html).toContain(`${graceDays} days`);
    expect(html).toContain(`VAT included in prices: ${vatBasisPoints / 100}%`);
    expect(html).not.toMatch(/name="graceDays"/);
    expect(html).not.toMatch(/name="vatPercent"/);
    // The links keep the list filter the admin chose.
    expect(html).toContain('href="/admin/billing?status=active&amp;edit=grace#grace"');
    expect(html).toContain('href="/admin/billing?status=active&amp;edit=vat#payments"');

    const grace = await (await admin.get("/admin/billing?edit=grace")).text();
    expect(grace).toMatch(new RegExp(`name="graceDays"[^>]*value="${graceDays}"|value="${graceDays}"[^>]*name="graceDays"`));
    expect(grace).not.toMatch(/name="vatPercent"/);
    const vat = await (await admin.get("/admin/billing?edit=vat")).text();
    expect(vat).toMatch(/name="vatPercent"/);
    expect(vat).not.toMatch(/name="graceDays"/);
  });

  it("keeps the form open with the reason when a value is refused, and saves nothing", async () => {
    const before = await settings();
    const refused = await admin.post("/admin/billing?edit=grace", { intent: "grace-days", graceDays: "90", reason: "too long" });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toMatch(/name="graceDays"/);
    expect(html).toContain("aria-invalid");
    expect(await settings()).toEqual(before);

    // Without ?edit (a form posted from an older page) the refused form still opens to show why.
    const vat = await admin.post("/admin/billing", { intent: "vat", vatPercent: "abc" });
    expect(vat.status).toBe(400);
    expect(await vat.text()).toMatch(/name="vatPercent"[^>]*aria-invalid|aria-invalid[^>]*name="vatPercent"/);
  });

  it("saves a new grace period and VAT rate, audits each, and closes the form to show the new value", async () => {
    const saved = await admin.post("/admin/billing?edit=grace", { intent: "grace-days", graceDays: "10", reason: "Tết holiday" });
    expect(saved.status).toBe(200);
    const html = await saved.text();
    expect(html).toContain("Grace period saved.");
    expect(html).toContain("10 days");
    expect(html).not.toMatch(/name="graceDays"/);
    expect((await settings())!.graceDays).toBe(10);
    expect(await lastAudit()).toMatchObject({ action: "settings.grace_days", reason: "Tết holiday", details: { graceDays: 10 } });

    const vat = await admin.post("/admin/billing?edit=vat", { intent: "vat", vatPercent: "8" });
    expect(vat.status).toBe(200);
    const page = await vat.text();
    expect(page).toContain("VAT included in prices: 8%");
    expect(page).not.toMatch(/name="vatPercent"/);
    expect((await settings())!.vatBasisPoints).toBe(800);
    expect(await lastAudit()).toMatchObject({ action: "billing.vat", details: { vatBasisPoints: 800 } });
  });

  it("says the same in Vietnamese", async () => {
    const { cookie } = await createSignedInUser(testDb(), { role: "admin", locale: "vi" });
    const html = await (await new Browser(server.url, cookie).get("/admin/billing")).text();
    expect(html).toContain("10 ngày");
    expect(html).toContain("Đổi thời gian gia hạn");
    expect(html).toContain("Đổi thuế suất VAT");
  });
});
