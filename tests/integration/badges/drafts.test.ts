import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { badgeAwards, badges } from "#db/schema";
import { createSignedInUser } from "#db/seed/factories";
import { startQuitAttempt } from "#db/seed/journey-state";
import { ensureBadgeCatalogue, evaluateMembers } from "~/modules/badges/awards.server";
import { Browser, startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";

let server: Awaited<ReturnType<typeof startTestServer>>;
let admin: Browser;
beforeAll(async () => {
  await ensureBadgeCatalogue(testDb());
  server = await startTestServer();
  admin = new Browser(server.url, (await createSignedInUser(testDb(), { role: "admin" })).cookie);
});
afterAll(async () => server.close());

const newBadge = (fields: Record<string, string> = {}) => ({
  intent: "create-badge",
  key: "first-day-draft",
  nameEn: "A first day",
  nameVi: "Ngày đầu tiên",
  descriptionEn: "One day smoke-free.",
  descriptionVi: "Một ngày không hút thuốc.",
  icon: "sunrise",
  rule: '{"kind":"smoke-free-days","days":1}',
  ...fields,
});

describe("admins create badges, which start as drafts", () => {
  it("refuses bad input with field messages (400) and a taken key (409), writing nothing", async () => {
    const before = (await testDb().select().from(badges)).length;
    const badKey = await admin.post("/admin/badges/new", newBadge({ key: "Not A Key!" }));
    expect(badKey.status).toBe(400);
    expect(await badKey.text()).toContain("Use lowercase letters, digits and dashes.");
    const badRule = await admin.post("/admin/badges/new", newBadge({ key: "bad-rule", rule: '{"kind":"fly"}' }));
    expect(badRule.status).toBe(400);
    const noVietnamese = await admin.post("/admin/badges/new", newBadge({ key: "no-vi", nameVi: " " }));
    expect(noVietnamese.status).toBe(400);
    const taken = await admin.post("/admin/badges/new", newBadge({ key: "smoke-free-1-week" }));
    expect(taken.status).toBe(409);
    expect(await taken.text()).toContain("Another badge already has this key.");
    expect((await testDb().select().from(badges)).length).toBe(before);
    const { cookie } = await createSignedInUser(testDb(), { role: "member" });
    expect((await new Browser(server.url, cookie).post("/admin/badges/new", newBadge())).status).toBe(403);
  });

  it("a draft badge is never awarded nor shown to members; once published it is earned at the next evaluation", async () => {
    expect((await admin.get("/admin/badges/new")).status).toBe(200);
    const created = await admin.post("/admin/badges/new", newBadge());
    expect(created.status).toBe(302);
    const [badge] = await testDb().select().from(badges).where(eq(badges.key, "first-day-draft"));
    expect(created.headers.get("location")).toBe(`/admin/badges/${badge!.id}`);
    expect(badge).toMatchObject({ draft: true, nameVi: "Ngày đầu tiên", rule: { kind: "smoke-free-days", days: 1 } });
    const list = await (await admin.get("/admin/badges")).text();
    expect(list).toContain('aria-label="Publish “A first day”"');

    const { user: member, cookie } = await createSignedInUser(testDb(), { timeZone: "UTC" });
    await startQuitAttempt(testDb(), member.id, {
      quitDate: new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10),
      currency: "USD",
      packPriceMinor: 100,
    });
    await evaluateMembers(testDb(), [member.id], new Date());
    const awardedIds = async () =>
      (await testDb().select().from(badgeAwards).where(eq(badgeAwards.userId, member.id))).map((a) => a.badgeId);
    expect(await awardedIds()).not.toContain(badge!.id);
    expect((await awardedIds()).length).toBeGreaterThan(0); // the published one-day badge was awarded: the member qualifies
    const memberPage = async () => {
      const response = await new Browser(server.url, cookie).get("/app/badges");
      expect(response.status).toBe(200);
      return response.text();
    };
    expect(await memberPage()).not.toContain("A first day");

    const published = await admin.post("/admin/badges", { intent: "publish", id: badge!.id });
    expect(published.status).toBe(200);
    expect(await admin.post("/admin/badges", { intent: "publish", id: badge!.id }).then((r) => r.status)).toBe(200);
    const [after] = await testDb().select().from(badges).where(eq(badges.id, badge!.id));
    expect(after!.draft).toBe(false);
    await evaluateMembers(testDb(), [member.id], new Date());
    expect(await awardedIds()).toContain(badge!.id);
    expect(await memberPage()).toContain("A first day");
  });

  it("publishing an unknown badge is a 404", async () => {
    expect((await admin.post("/admin/badges", { intent: "publish", id: "00000000-0000-4000-8000-000000000000" })).status).toBe(404);
  });
});
