import { sql } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSignedInUser, createUser } from "#db/seed/factories";
import { pruneReadVisitors } from "~/modules/analytics/article-reads.server";
import { flushRequestCounters } from "~/modules/analytics/request-counters.server";
import { refreshReports } from "~/modules/analytics/rollups.server";
import { createContentItem, schedulePublication } from "~/modules/content/content.server";
import { startJobs, type JobsHandle } from "~/modules/jobs/worker.server";
import { Browser, startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";

let server: Awaited<ReturnType<typeof startTestServer>>;
let jobs: JobsHandle;
let admin: Browser;
let editorId: string;
const today = () => new Date().toISOString().slice(0, 10);
const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0";

beforeAll(async () => {
  server = await startTestServer();
  // Queues only: no worker takes the test queue's jobs.
  jobs = await startJobs(testDb(), process.env.DATABASE_URL!, { workers: false });
  editorId = (await createUser(testDb(), { role: "editor" })).id;
  admin = new Browser(server.url, (await createSignedInUser(testDb(), { role: "admin", locale: "en" })).cookie);
  await refreshReports(testDb(), new Date(), { full: true });
});
afterAll(async () => {
  await jobs.stop();
  await server.close();
});

let counter = 0;
async function article() {
  const slug = `read-report-article-${++counter}`;
  const id = await createContentItem(testDb(), editorId, {
    kind: "article",
    topic: "cravings",
    medical: false,
    tags: [],
    featured: false,
    authorName: null,
    sources: [],
    translations: [
      { locale: "en", slug, title: `Reading report ${counter}`, summary: "Tips.", markdown: "Wait it out." },
      { locale: "vi", slug: `doc-${slug}`, title: `Báo cáo lượt đọc ${counter}`, summary: "Mẹo.", markdown: "Chờ cơn thèm qua." },
    ],
  });
  await schedulePublication(testDb(), id, new Date(Date.now() - 60_000), new Date());
  return { id, path: `/learn/${slug}`, title: `Reading report ${counter}` };
}

const read = (browser: Browser, articleId: string, userAgent = BROWSER) =>
  browser.post("/resources/article-reads", { intent: "read", articleId }, { "User-Agent": userAgent });
const readsOf = async (id: string) =>
  (
    (await testDb().execute(sql`select coalesce(sum(count), 0)::int as n from article_read_days where article_id = ${id}`)) as unknown as {
      n: number;
    }[]
  )[0]!.n;

describe("article reads", () => {
  it("counts a read once per visitor, article and day; ignores crawlers, unknown and unpublished articles; refuses bad input", async () => {
    const { id, path } = await article();
    const visitor = new Browser(server.url);
    // The public page stays cacheable: the count comes from the page's beacon, not its loader.
    const page = await visitor.get(path, { "User-Agent": BROWSER });
    expect(page.headers.get("cache-control")).toContain("public");
    expect(await readsOf(id)).toBe(0);

    const first = await read(visitor, id);
    expect(first.status).toBe(200);
    expect((await first.json()).result).toEqual({ read: "counted" });
    expect((await (await read(visitor, id)).json()).result).toEqual({ read: "repeat" });
    // Another browser on the same address is another visitor.
    expect((await (await read(new Browser(server.url), id, "Mozilla/5.0 Safari/605.1.15")).json()).result).toEqual({ read: "counted" });
    expect((await (await read(visitor, id, "Mozilla/5.0 (compatible; Googlebot/2.1)")).json()).result).toEqual({ read: "ignored" });
    expect((await (await read(visitor, id, "")).json()).result).toEqual({ read: "ignored" });
    const member = await createSignedInUser(testDb(), { role: "member" });
    const signedIn = new Browser(server.url, member.cookie);
    expect((await (await read(signedIn, id)).json()).result).toEqual({ read: "counted" });
    expect((await (await read(signedIn, id, "Mozilla/5.0 another device")).json()).result).toEqual({ read: "repeat" });
    expect(await readsOf(id)).toBe(3);

    expect((await (await read(visitor, randomUUID())).json()).result).toEqual({ read: "ignored" });
    expect((await read(visitor, "not-an-id")).status).toBe(400);
    const crossSite = await fetch(new URL("/resources/article-reads", server.url), {
      method: "POST",
      body: new URLSearchParams({ intent: "read", articleId: id }),
      headers: { Origin: "https://evil.test", "Content-Type": "application/x-www-form-urlencoded", "User-Agent": BROWSER },
    });
    expect(crossSite.status).toBe(403);
    expect(await readsOf(id)).toBe(3);

    // Only keyed hashes are kept, never an address or an account id.
    const keys = (await testDb().execute(sql`select visitor_key from article_read_visitors`)) as unknown as { visitor_key: string }[];
    expect(keys.length).toBeGreaterThanOrEqual(3);
    for (const { visitor_key } of keys) {
      expect(visitor_key).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(visitor_key).not.toContain(member.user.id);
    }
  });

  it("lists the most read articles on the community report, with a CSV, in English and Vietnamese", async () => {
    const few = await article();
    const many = await article();
    for (let i = 0; i < 4; i++) await read(new Browser(server.url), many.id, `${BROWSER} visitor-${i}`);
    await read(new Browser(server.url), few.id);
    const html = await (await admin.get(`/admin/reports/community?from=${today()}&to=${today()}`)).text();
    expect(html).toContain("Most read articles");
    expect(html.indexOf(many.title)).toBeGreaterThan(-1);
    expect(html.indexOf(many.title)).toBeLessThan(html.indexOf(few.title));
    const csv = (await (await admin.get(`/admin/reports/community/csv/read-articles.csv?from=${today()}&to=${today()}`)).text())
      .replace(/^\uFEFF/, "")
      .split("\r\n");
    expect(csv[0]).toBe("Article,Reads");
    expect(csv).toContain(`${many.title},4`);
    expect(csv).toContain(`${few.title},1`);
    // Yesterday has none of today's reads.
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    expect(
      await (await admin.get(`/admin/reports/community/csv/read-articles.csv?from=${yesterday}&to=${yesterday}`)).text(),
    ).not.toContain(many.title);

    const vi = new Browser(server.url, (await createSignedInUser(testDb(), { role: "admin", locale: "vi" })).cookie);
    const viHtml = await (await vi.get(`/admin/reports/community?from=${today()}&to=${today()}`)).text();
    expect(viHtml).toContain("Bài viết được đọc nhiều nhất");
    expect(viHtml).toContain(`Báo cáo lượt đọc ${counter}`);
  });

  it("forgets the dedupe keys of days before yesterday (the report refresh job does it), keeping the counts", async () => {
    const { id } = await article();
    await testDb().execute(sql`insert into article_read_visitors (day, visitor_key) values (current_date - 5, 'old-key')`);
    await testDb().execute(sql`insert into article_read_days (article_id, day, count) values (${id}, current_date - 5, 7)`);
    await pruneReadVisitors(testDb(), new Date());
    expect(await testDb().execute(sql`select 1 from article_read_visitors where visitor_key = 'old-key'`)).toHaveLength(0);
    expect(await readsOf(id)).toBe(7);
  });
});

describe("the platform report", () => {
  it("shows uptime from the processes' heartbeats, written with the request counters even in a minute without requests", async () => {
    const day = "2021-03-04";
    for (const minute of ["00:00", "00:01", "12:30"]) await flushRequestCounters(testDb(), new Date(`${day}T${minute}:20Z`));
    // A second flush in the same minute is the same heartbeat.
    await flushRequestCounters(testDb(), new Date(`${day}T12:30:50Z`));
    const rows = (await testDb().execute(
      sql`select count(*)::int as n from platform_heartbeats where minute >= ${day}::date and minute < ${day}::date + 1`,
    )) as unknown as { n: number }[];
    expect(rows[0]!.n).toBe(3);
    const html = await (await admin.get(`/admin/reports/platform?from=${day}&to=${day}`)).text();
    expect(html).toContain("Uptime");
    // 3 of the day's 1,440 minutes.
    expect(html).toContain("0.2%");
    const empty = await (await admin.get(`/admin/reports/platform?from=2021-03-06&to=2021-03-06`)).text();
    expect(empty).toContain("0%");
  });

  it("shows each job queue's waiting, running and failed jobs and its oldest waiting job, with a CSV", async () => {
    const queue = `report-health-${randomUUID().slice(0, 8)}`;
    await jobs.boss.createQueue(queue);
    await jobs.boss.send(queue, { n: 1 });
    await jobs.boss.send(queue, { n: 2 });
    const failing = await jobs.boss.send(queue, { n: 3 });
    await testDb().execute(sql`update pgboss.job set created_on = now() - interval '30 minutes', start_after = now() - interval '30 minutes'
      where name = ${queue} and data->>'n' = '1'`);
    await testDb().execute(
      sql`update pgboss.job set state = 'failed', completed_on = now() where name = ${queue} and id = ${failing}::uuid`,
    );
    const csv = (await (await admin.get(`/admin/reports/platform/csv/queues.csv?from=${today()}&to=${today()}`)).text())
      .replace(/^\uFEFF/, "")
      .split("\r\n");
    expect(csv[0]).toBe("Queue,Waiting,Running,Failed in the period,Oldest waiting");
    expect(csv).toContain(`${queue},2,0,1,30 minutes`);
    const html = await (await admin.get(`/admin/reports/platform?from=${today()}&to=${today()}`)).text();
    expect(html).toContain("Job queues");
    expect(html).toContain(queue);
  });
});

describe("filters on the community and platform reports", () => {
  it("shows the filters a page is not split by as disabled, with a note, and drops them", async () => {
    // Community posts and comments are split by their author's package, coach and language: nothing is disabled there.
    const community = await (await admin.get("/admin/reports/community?package=basic")).text();
    expect(community).not.toContain(`data-testid="filters-not-used"`);
    expect(community).not.toMatch(/<select name="package"[^>]*disabled/);
    const platform = await (await admin.get("/admin/reports/platform?language=vi")).text();
    expect(platform).toMatch(/<select name="language"[^>]*disabled/);
    const revenue = await (await admin.get("/admin/reports/revenue")).text();
    expect(revenue).toContain("Not used on this page: coach, language.");
    expect(revenue).not.toMatch(/<select name="package"[^>]*disabled/);
    const growth = await (await admin.get("/admin/reports/growth")).text();
    expect(growth).not.toContain(`data-testid="filters-not-used"`);
  });

  it("answers a bad filter with a clear 400 there too, never a 500", async () => {
    const cases: [string, string][] = [
      [`/admin/reports/community?package=${randomUUID()}`, "There is no such package."],
      ["/admin/reports/platform?coach=not-an-id", "There is no such coach."],
      ["/admin/reports/community?language=fr", "Choose English or Vietnamese."],
      [`/admin/reports/platform/csv/queues.csv?from=2026-05-01&to=2026-04-01`, "The period ends before it starts"],
    ];
    for (const [path, message] of cases) {
      const page = await admin.get(path);
      expect(page.status, path).toBe(400);
      expect(await page.text(), path).toContain(message);
    }
  });
});
