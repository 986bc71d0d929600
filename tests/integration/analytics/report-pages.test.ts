import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSignedInUser } from "#db/seed/factories";
import { generateReportHistory } from "#db/seed/report-history";
import { refreshReports } from "~/modules/analytics/rollups.server";
import { Browser, startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";

let server: Awaited<ReturnType<typeof startTestServer>>;
let admin: Browser;
let adminId: string;
let coach: { browser: Browser; id: string };
let otherCoach: { browser: Browser; id: string };

const decode = (html: string) => html.replaceAll("&amp;", "&").replaceAll("&quot;", '"').replaceAll("&#x27;", "'");

beforeAll(async () => {
  server = await startTestServer();
  const db = testDb();
  await generateReportHistory(db, { members: 150, coaches: 2, now: new Date(), domain: "pages.test" });
  const a = await createSignedInUser(db, { role: "admin", locale: "en", timeZone: "Asia/Ho_Chi_Minh" });
  admin = new Browser(server.url, a.cookie);
  adminId = a.user.id;
  // A coach whose name is a spreadsheet formula: the CSV must keep it as text.
  const mine = await createSignedInUser(db, { role: "coach", displayName: '=HYPERLINK("http://evil.test","Mai")' });
  const theirs = await createSignedInUser(db, { role: "coach", displayName: "Coach Other" });
  coach = { browser: new Browser(server.url, mine.cookie), id: mine.user.id };
  otherCoach = { browser: new Browser(server.url, theirs.cookie), id: theirs.user.id };
  // Give the other coach figures a coach must never see: a rated completed session.
  const [member] = (await db.execute(sql`select id from users where role = 'member' and email like '%pages.test' limit 1`)) as unknown as {
    id: string;
  }[];
  await db.execute(sql`insert into coaching_sessions (member_id, coach_id, starts_at, ends_at, status) values
    (${member!.id}, ${theirs.user.id}, now() - interval '2 days', now() - interval '2 days' + interval '30 minutes', 'completed')`);
  await refreshReports(db, new Date(), { full: true });
});
afterAll(async () => server.close());

describe("the admin dashboard", () => {
  it("shows every section with figures, an accessible SVG trend chart with its numbers, and when the figures were computed", async () => {
    for (const path of ["/admin", "/admin/reports/growth", "/admin/reports/revenue", "/admin/reports/success", "/admin/reports/coaches"]) {
      const page = await admin.get(path);
      expect(page.status, path).toBe(200);
      const html = await page.text();
      expect(html).toContain("Figures computed");
      expect(html).toContain("Download CSV");
      if (path === "/admin" || path.endsWith("revenue")) {
        expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="[^"]+"/);
        expect(html).toMatch(/<title id="[^"]+">[^<]+<\/title><desc id="[^"]+">[^<]+<\/desc>/);
        expect(html).toContain("Show the numbers");
      }
    }
    const growth = await (await admin.get("/admin")).text();
    expect(growth).toContain("Activation (profile within 7 days)");
    expect(growth).toContain("Retention by monthly sign-up cohort");
    const success = await (await admin.get("/admin/reports/success")).text();
    expect(success).toContain("Intention to treat");
    expect(success).toContain("Responders only");
    expect(success).toContain("Self-reported");
    expect(success).toContain("Brinkman index at baseline");
    expect(success).toContain("Brinkman index at current consumption");
    expect(success).toMatch(/data-small-cohort="\d+"/);
    const revenue = await (await admin.get(`/admin/reports/revenue?from=2000-01-01&to=2000-12-31`)).text();
    expect(revenue).toContain("Nothing in this period.");
  });

  it("answers a bad period or filter with a clear 400", async () => {
    const cases: [string, string][] = [
      ["/admin?from=2026-05-01&to=2026-04-01", "The period ends before it starts"],
      ["/admin/reports/success?from=2025-01-01&to=2026-06-30", "at most a year"],
      ["/admin?from=yesterday", "YYYY-MM-DD"],
      [`/admin/reports/revenue?package=${randomUUID()}`, "There is no such package."],
      [`/admin/reports/coaches?coach=${randomUUID()}`, "There is no such coach."],
      ["/admin?coach=not-an-id", "There is no such coach."],
      ["/admin?colour=red", "does not know this filter"],
      [`/admin/reports/success/csv/success?from=2026-05-01&to=2026-04-01`, "The period ends before it starts"],
    ];
    for (const [path, message] of cases) {
      const page = await admin.get(path);
      expect(page.status, path).toBe(400);
      expect(decode(await page.text()), path).toContain(message);
    }
    expect((await admin.get("/admin/reports/nonsense")).status).toBe(404);
    expect((await admin.get("/admin/reports/success/csv/no-such-table")).status).toBe(404);
  });

  it("downloads a table as CSV in the admin's language, formulas escaped, and logs the export", async () => {
    // The page links the CSV as "<table>.csv"; the link must reach the table.
    expect(await (await admin.get("/admin/reports/coaches")).text()).toContain('href="/admin/reports/coaches/csv/coaches.csv');
    const response = await admin.get("/admin/reports/coaches/csv/coaches.csv");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    expect(response.headers.get("content-disposition")).toMatch(
      /attachment; filename="quitpath-coaches-coaches-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.csv"/,
    );
    const csv = await response.text();
    const lines = csv.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe(
      "Coach,Client load,Assignments,Assigned within 24 hours,First response (mean),Next responses (mean),Responses past the SLA,Sessions completed,Sessions missed,Rating",
    );
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.test"",""Mai"")"`);
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);
    expect(csv).toContain("Asia/Ho_Chi_Minh");

    const success = await (await admin.get("/admin/reports/success/csv/success")).text();
    expect(success.split("\r\n")[0]).toContain("Intention to treat");

    const logged = (await testDb().execute(
      sql`select target_id, details from admin_audit where admin_id = ${adminId} and action = 'report.export' order by created_at`,
    )) as unknown as { target_id: string; details: Record<string, unknown> }[];
    expect(logged.map((l) => l.target_id)).toEqual(["coaches/coaches", "success/success"]);
    expect(logged[0]!.details).toMatchObject({ from: expect.any(String), to: expect.any(String) });
  });

  it("speaks Vietnamese to a Vietnamese admin, CSV included", async () => {
    const vi = await createSignedInUser(testDb(), { role: "admin", locale: "vi" });
    const browser = new Browser(server.url, vi.cookie);
    expect(await (await browser.get("/admin/reports/success")).text()).toContain("Kết quả cai thuốc");
    const csv = await (await browser.get("/admin/reports/success/csv/success")).text();
    expect(csv.replace(/^\uFEFF/, "").split("\r\n")[0]).toContain("Theo ý định điều trị");
  });
});

describe("a coach's reports", () => {
  it("cannot open /admin or any admin report or export", async () => {
    for (const path of ["/admin", "/admin/reports/success", "/admin/reports/coaches/csv/coaches"]) {
      expect((await coach.browser.get(path)).status, path).toBe(403);
    }
  });

  it("shows the coach only their own figures, and another coach's are not reachable", async () => {
    const page = await coach.browser.get("/coach/reports");
    expect(page.status).toBe(200);
    const html = decode(await page.text());
    expect(html).toContain('=HYPERLINK("http://evil.test","Mai")');
    expect(html).not.toContain("Coach Other");
    expect(html).not.toContain("Coach 1");

    expect((await coach.browser.get(`/coach/reports?coach=${otherCoach.id}`)).status).toBe(404);
    expect((await coach.browser.get(`/coach/reports/csv/coaches?coach=${otherCoach.id}`)).status).toBe(404);
    expect((await coach.browser.get(`/coach/reports?coach=${coach.id}`)).status).toBe(200);

    const csv = (await (await coach.browser.get("/coach/reports/csv/coaches")).text()).replace(/^\uFEFF/, "").split("\r\n");
    expect(csv.filter((line) => line.includes("HYPERLINK"))).toHaveLength(1);
    expect(csv.join("\n")).not.toContain("Coach Other");

    const theirs = (await (await otherCoach.browser.get("/coach/reports/csv/coaches")).text()).split("\r\n");
    expect(theirs[1]).toMatch(/^Coach Other,0,0,—,—,—,0,1,0/);
  });

  it("renders each coach's own page even for the same period, right after another coach's (the kept HTML is per coach)", async () => {
    const mine = decode(await (await coach.browser.get("/coach/reports")).text());
    const theirs = decode(await (await otherCoach.browser.get("/coach/reports")).text());
    expect(mine).toContain("HYPERLINK");
    expect(theirs).toContain("Coach Other");
    expect(theirs).not.toContain("HYPERLINK");
  });
});

describe("a report page's kept HTML", () => {
  it("keeps showing the computed figures until the rollups refresh, and the new ones after", async () => {
    const db = testDb();
    const before = await (await admin.get("/admin/reports/coaches")).text();
    const computedAt = (html: string) => /data-computed-at="([^"]+)"/.exec(html)?.[1];
    expect(before).not.toContain("Coach Fresh");
    // A new coach with a completed session: in the coaches table only once the rollups have seen it.
    const fresh = await createSignedInUser(db, { role: "coach", displayName: "Coach Fresh" });
    const [member] = (await db.execute(
      sql`select id from users where role = 'member' and email like '%pages.test' limit 1`,
    )) as unknown as {
      id: string;
    }[];
    await db.execute(sql`insert into coaching_sessions (member_id, coach_id, starts_at, ends_at, status) values
      (${member!.id}, ${fresh.user.id}, now() - interval '1 day', now() - interval '1 day' + interval '30 minutes', 'completed')`);
    expect(await (await admin.get("/admin/reports/coaches")).text()).not.toContain('<td class="px-2 py-1">Coach Fresh</td>');
    await refreshReports(db, new Date(Date.now() + 60_000), { full: true });
    const after = await (await admin.get("/admin/reports/coaches")).text();
    expect(after).toContain('<td class="px-2 py-1">Coach Fresh</td>');
    expect(computedAt(after)).not.toBe(computedAt(before));
  });
});
