import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { adminAudit, sessions, subscriptions } from "#db/schema";
import { createSignedInUser, createUser, DEFAULT_TEST_PASSWORD } from "#db/seed/factories";
import { accessForMember } from "~/modules/billing/entitlements.server";
import { Browser, startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";
import { seedPackages } from "../billing/helpers";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

async function signedInAdmin() {
  const { user, cookie } = await createSignedInUser(testDb(), { role: "admin" });
  return { admin: user, browser: new Browser(server.url, cookie) };
}

describe("finding people", () => {
  it("finds a Vietnamese name typed without accents or capitals, and pages by keyset without repeats", async () => {
    const { browser } = await signedInAdmin();
    const dao = await createUser(testDb(), { displayName: "Nguyễn Thị Đào", email: "dao.search@example.test" });
    const found = await (await browser.get("/admin/members?q=NGUYEN+thi+dao")).text();
    expect(found).toContain(`/admin/members/${dao.id}`);
    expect(await (await browser.get("/admin/members?q=dao.search%40example")).text()).toContain(dao.id);
    expect(await (await browser.get("/admin/members?q=nobody-by-this-name")).text()).not.toContain(dao.id);

    for (let i = 0; i < 30; i++) await createUser(testDb(), { displayName: `Paging Person ${i}`, email: `paging-${i}@example.test` });
    const seen: string[] = [];
    let path: string | null = "/admin/members?q=paging+person";
    while (path) {
      const html: string = await (await browser.get(path)).text();
      seen.push(...[...html.matchAll(/href="\/admin\/members\/([0-9a-f-]{36})"/g)].map((m) => m[1]!));
      path = /href="(\/admin\/members\?[^"]*after=[^"]+)"/.exec(html)?.[1]?.replaceAll("&amp;", "&") ?? null;
    }
    expect(seen).toHaveLength(30);
    expect(new Set(seen).size).toBe(30);
  });

  it("answers a reversed date range or an unknown role with a 400 that names the problem", async () => {
    const { browser } = await signedInAdmin();
    const reversed = await browser.get("/admin/members?from=2026-05-02&to=2026-05-01");
    expect(reversed.status).toBe(400);
    expect(await reversed.text()).toContain("The end date is before the start date.");
    const role = await browser.get("/admin/members?role=superuser");
    expect(role.status).toBe(400);
    expect(await role.text()).toContain("Choose a role from the list.");
  });

  it("is only for admins: a coach gets 403, and an unknown member id is a 404", async () => {
    const { cookie } = await createSignedInUser(testDb(), { role: "coach" });
    expect((await new Browser(server.url, cookie).get("/admin/members")).status).toBe(403);
    const { browser } = await signedInAdmin();
    expect((await browser.get("/admin/members/00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await browser.get("/admin/members/not-an-id")).status).toBe(404);
  });
});

describe("acting on an account", () => {
  it("suspends with a reason: every session ends, sign-in is refused with the right password, and the audit log says who and why", async () => {
    const { admin, browser } = await signedInAdmin();
    const { user, cookie } = await createSignedInUser(testDb(), { email: "to-suspend@example.test" });
    const noReason = await browser.post(`/admin/members/${user.id}`, { intent: "suspend", reason: "" });
    expect(noReason.status).toBe(400);
    expect((await new Browser(server.url, cookie).get("/app")).status).toBe(200);

    const suspended = await browser.post(`/admin/members/${user.id}`, { intent: "suspend", reason: "Spam in the community" });
    expect(suspended.status).toBe(200);
    expect(await testDb().select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
    expect((await new Browser(server.url, cookie).get("/app")).status).toBe(302);
    const signIn = await new Browser(server.url).post("/login", { intent: "sign-in", email: user.email, password: DEFAULT_TEST_PASSWORD });
    expect(signIn.status).toBe(403);
    expect(await signIn.text()).toContain("This account is suspended.");

    const [entry] = await testDb().select().from(adminAudit).where(eq(adminAudit.targetId, user.id));
    expect(entry).toMatchObject({ adminId: admin.id, action: "user.suspend", reason: "Spam in the community" });
    const log = await (await browser.get("/admin/audit?q=spam+in+the")).text();
    expect(log).toContain("Spam in the community");

    await browser.post(`/admin/members/${user.id}`, { intent: "restore", reason: "Appeal accepted" });
    expect(
      (await new Browser(server.url).post("/login", { intent: "sign-in", email: user.email, password: DEFAULT_TEST_PASSWORD })).status,
    ).toBe(302);
  });

  it("refuses to let an admin suspend themselves or drop their own admin role", async () => {
    const { admin, browser } = await signedInAdmin();
    expect((await browser.post(`/admin/members/${admin.id}`, { intent: "suspend", reason: "Testing myself" })).status).toBe(409);
    expect((await browser.post(`/admin/members/${admin.id}`, { intent: "role", role: "member", reason: "Testing myself" })).status).toBe(
      409,
    );
  });

  it("comps a month of premium to a member on Basic, then extends it; a second admin click extends again rather than duplicating", async () => {
    const { premium } = await seedPackages(testDb());
    const { browser } = await signedInAdmin();
    const member = await createUser(testDb());
    expect((await accessForMember(testDb(), member.id)).reason).toBe("basic");
    const comp = await browser.post(`/admin/members/${member.id}`, {
      intent: "comp",
      packageId: premium.id,
      months: "1",
      reason: "Apology for the outage",
    });
    expect(comp.status).toBe(200);
    expect(await comp.text()).toContain("Complimentary until");
    const access = await accessForMember(testDb(), member.id);
    expect(access.reason).toBe("active");
    await browser.post(`/admin/members/${member.id}`, { intent: "comp", packageId: premium.id, months: "2", reason: "Study participant" });
    const rows = await testDb().select().from(subscriptions).where(eq(subscriptions.userId, member.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ provider: "comp", status: "cancelled_at_period_end" });
    const months = (rows[0]!.currentPeriodEnd.getTime() - rows[0]!.createdAt.getTime()) / (30.4 * 24 * 3600 * 1000);
    expect(Math.round(months)).toBe(3);
    const byEmail = `q=${encodeURIComponent(member.email)}`;
    expect(await (await browser.get(`/admin/members?${byEmail}&plan=premium`)).text()).toContain(member.id);
    expect(await (await browser.get(`/admin/members?${byEmail}&plan=basic`)).text()).not.toContain(member.id);
    const page = await (await browser.get(`/admin/members/${member.id}`)).text();
    expect(page).toContain("Study participant");
    expect(page).toContain("complimentary");
    expect(
      (await browser.post(`/admin/members/${member.id}`, { intent: "comp", packageId: premium.id, months: "13", reason: "Too generous" }))
        .status,
    ).toBe(400);
  });

  it("changes a role at once: the person's old sessions end, so the new role applies on their next sign-in", async () => {
    const { browser } = await signedInAdmin();
    const { user, cookie } = await createSignedInUser(testDb());
    await browser.post(`/admin/members/${user.id}`, { intent: "role", role: "coach", reason: "Hired as a coach" });
    expect((await new Browser(server.url, cookie).get("/app")).status).toBe(302);
    const page = await (await browser.get(`/admin/members/${user.id}`)).text();
    expect(page).toContain("Hired as a coach");
    expect(page).toContain("Coach");
  });
});
