import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSignedInUser } from "#db/seed/factories";
import { generateReportHistory } from "#db/seed/report-history";
import { NO_DIMENSION } from "#db/schema";
import { addDays } from "~/lib/local-date";
import { premiumFeatureUse, premiumRetention, type PremiumFeature } from "~/modules/analytics/metrics";
import type { ReportFilter } from "~/modules/analytics/period";
import { activityByGroup, communityByDay, premiumFeaturesIn, premiumRetentionIn } from "~/modules/analytics/reports.server";
import { flushRequestCounters, recordRequest } from "~/modules/analytics/request-counters.server";
import { refreshReports } from "~/modules/analytics/rollups.server";
import { Browser, startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";

// DAU/WAU/MAU by package and coach, premium retention and feature use, and the community report: each
// held to its definition computed from the raw rows, and shown (and exported) through the request handler.

let server: Awaited<ReturnType<typeof startTestServer>>;
let admin: Browser;
let coach: Browser;
const now = new Date();
const today = now.toISOString().slice(0, 10);
const filter = (from: string, to: string): ReportFilter => ({ from, to, packageId: null, coachId: null, language: null });
const q = async <T = Record<string, unknown>>(query: ReturnType<typeof sql>) => (await testDb().execute(query)) as unknown as T[];
const csvLines = async (browser: Browser, path: string) => {
  const response = await browser.get(path);
  expect(response.status, path).toBe(200);
  return (await response.text()).replace(/^\uFEFF/, "").split("\r\n");
};
const decode = (html: string) => html.replaceAll("&amp;", "&").replaceAll("&quot;", '"').replaceAll("&#x27;", "'");

beforeAll(async () => {
  server = await startTestServer();
  const db = testDb();
  await generateReportHistory(db, { members: 120, coaches: 3, now, domain: "splits.test" });
  admin = new Browser(server.url, (await createSignedInUser(db, { role: "admin", locale: "en" })).cookie);
  coach = new Browser(server.url, (await createSignedInUser(db, { role: "coach" })).cookie);
  await refreshReports(db, now, { full: true });
});
afterAll(async () => server.close());

describe("active members by package and by coach", () => {
  it("equal, on any day, the distinct members with a daily total on it / in its 7 / 30 days, by their current package and coach", async () => {
    for (const day of [addDays(today, -1), addDays(today, -45), addDays(today, -200)]) {
      const raw = await q<{ dimension: string; key: string; dau: number; wau: number; mau: number }>(sql`
        with facts as (select m.package_id, m.coach_id, d.user_id, d.local_date from daily_totals d join report_members m on m.user_id = d.user_id
          where d.local_date between ${day}::date - 29 and ${day}::date)
        select 'package' as dimension, package_id::text as key, count(distinct user_id) filter (where local_date = ${day}::date)::int as dau,
          count(distinct user_id) filter (where local_date >= ${day}::date - 6)::int as wau, count(distinct user_id)::int as mau from facts group by package_id
        union all
        select 'coach', coach_id::text, count(distinct user_id) filter (where local_date = ${day}::date)::int,
          count(distinct user_id) filter (where local_date >= ${day}::date - 6)::int, count(distinct user_id)::int from facts group by coach_id`);
      const rolled = await activityByGroup(testDb(), filter(addDays(day, -10), day), "en");
      const shape = (rows: { dimension: string; key: string; dau: number; wau: number; mau: number }[]) =>
        rows.map((r) => `${r.dimension} ${r.key} ${r.dau}/${r.wau}/${r.mau}`).sort();
      expect(raw.length, day).toBeGreaterThan(1);
      expect(shape(rolled), day).toEqual(shape(raw));
    }
  });

  it("stay equal to a full rebuild after an incremental run that saw new activity and a member changing coach", async () => {
    const db = testDb();
    const [member] = await q<{ id: string }>(
      sql`select m.user_id as id from report_members m where m.coach_id <> '00000000-0000-0000-0000-000000000000'
      and exists (select 1 from daily_totals d where d.user_id = m.user_id and d.local_date < ${today}::date - 40) limit 1`,
    );
    const [other] = await q<{ id: string }>(sql`select id from users where role = 'coach' and id not in
      (select coach_id from coach_assignments where member_id = ${member!.id}) limit 1`);
    await db.execute(
      sql`update coach_assignments set status = 'ended', ended_at = now() where member_id = ${member!.id} and status = 'active'`,
    );
    await db.execute(sql`insert into coach_assignments (member_id, coach_id, status, source, requested_at, started_at)
      values (${member!.id}, ${other!.id}, 'active', 'match', now(), now())`);
    await db.execute(sql`insert into daily_totals (user_id, local_date, cigarettes)
      select user_id, ${today}::date - 2, 1 from report_members order by user_id limit 5
      on conflict (user_id, local_date) do update set cigarettes = daily_totals.cigarettes + 1, updated_at = now()`);
    const later = new Date(now.getTime() + 60_000);
    const incremental = await refreshReports(db, later);
    expect(incremental.mode).toBe("incremental");
    const steps = async () => q(sql`select * from report_activity_group_steps order by dimension, key, day`);
    const afterIncremental = await steps();
    await refreshReports(db, later, { full: true });
    expect(afterIncremental).toEqual(await steps());
    const retried = await refreshReports(db, later);
    expect(retried.activityGroupSteps).toBeGreaterThanOrEqual(0);
    expect(await steps()).toEqual(afterIncremental);
  });

  it("are tables on the growth page and its CSV", async () => {
    const html = decode(await (await admin.get("/admin")).text());
    expect(html).toContain("Active members by package");
    expect(html).toContain("Active members by coach");
    expect(html).toContain('href="/admin/reports/growth/csv/activity-by-coach.csv');
    const lines = await csvLines(admin, "/admin/reports/growth/csv/activity-by-package.csv");
    expect(lines[0]).toBe("Package,Daily active,Weekly active,Monthly active,Stickiness (DAU ÷ MAU)");
    expect(lines.some((l) => l.startsWith("Basic,"))).toBe(true);
  });
});

describe("premium retention and most-used premium features", () => {
  // Spans as the definition reads them, straight from the subscriptions.
  async function rawSpans() {
    const subs = await q<{ user_id: string; created_at: Date; status: string; ended_at: Date | null; updated_at: Date }>(
      sql`select user_id, created_at, status, ended_at, updated_at from subscriptions where status <> 'incomplete'`,
    );
    const byMember = new Map<string, { startedOn: string; endedOn: string | null }[]>();
    for (const s of subs) {
      const list = byMember.get(s.user_id) ?? [];
      const ended = s.status === "ended" ? new Date(s.ended_at ?? s.updated_at).toISOString().slice(0, 10) : null;
      list.push({ startedOn: new Date(s.created_at).toISOString().slice(0, 10), endedOn: ended });
      byMember.set(s.user_id, list);
    }
    return [...byMember].map(([id, premiumSpans]) => ({ id, premiumSpans }));
  }

  it("premium retention equals premiumRetention over the raw subscriptions", async () => {
    const members = await rawSpans();
    for (const [from, to] of [
      [addDays(today, -30), today],
      [addDays(today, -200), addDays(today, -20)],
    ] as const) {
      const expected = premiumRetention({ members, from, to });
      expect(expected.cohort, from).toBeGreaterThan(0);
      expect(await premiumRetentionIn(testDb(), filter(from, to))).toEqual(expected);
    }
  });

  it("feature use equals premiumFeatureUse over the raw rows, AI coach questions included", async () => {
    const db = testDb();
    const from = addDays(today, -30);
    const spans = await rawSpans();
    const premium = spans.filter((m) => m.premiumSpans.some((s) => s.startedOn <= today && (s.endedOn === null || s.endedOn > from)));
    const asker = premium[0]!.id;
    const [thread] = await q<{ id: string }>(sql`insert into ai_coach_threads (user_id, title) values (${asker}, 'Cravings') returning id`);
    // Three questions in the period, one long before it, and an answer (not a question).
    await db.execute(sql`insert into ai_coach_messages (thread_id, user_id, role, kind, locale, body, created_at) values
      (${thread!.id}, ${asker}, 'member', 'question', 'en', 'a', now() - interval '1 day'),
      (${thread!.id}, ${asker}, 'member', 'question', 'en', 'b', now() - interval '2 days'),
      (${thread!.id}, ${asker}, 'member', 'question', 'en', 'c', now() - interval '3 days'),
      (${thread!.id}, ${asker}, 'member', 'question', 'en', 'd', now() - interval '90 days'),
      (${thread!.id}, ${asker}, 'coach', 'answer', 'en', 'e', now() - interval '1 day')`);
    const start = `${from}T00:00:00Z`;
    const end = `${addDays(today, 1)}T00:00:00Z`;
    const counts = async (query: ReturnType<typeof sql>) =>
      new Map((await q<{ id: string; n: number }>(query)).map((r) => [r.id, Number(r.n)]));
    const chat = await counts(sql`select m.sender_id as id, count(*) as n from messages m join conversations c on c.id = m.conversation_id
      where m.sender_id = c.member_id and m.created_at >= ${start}::timestamptz and m.created_at < ${end}::timestamptz group by 1`);
    const booked = await counts(sql`select member_id as id, count(*) as n from coaching_sessions
      where created_at >= ${start}::timestamptz and created_at < ${end}::timestamptz group by 1`);
    const held = await counts(sql`select member_id as id, count(*) as n from coaching_sessions
      where status = 'completed' and starts_at >= ${start}::timestamptz and starts_at < ${end}::timestamptz group by 1`);
    const asked = await counts(sql`select user_id as id, count(*) as n from ai_coach_messages
      where role = 'member' and kind = 'question' and created_at >= ${start}::timestamptz and created_at < ${end}::timestamptz group by 1`);
    const expected = premiumFeatureUse({
      members: premium.map((m) => ({
        id: m.id,
        uses: {
          coachChatMessages: chat.get(m.id) ?? 0,
          sessionsBooked: booked.get(m.id) ?? 0,
          sessionsHeld: held.get(m.id) ?? 0,
          aiCoachQuestions: asked.get(m.id) ?? 0,
        } satisfies Record<PremiumFeature, number>,
      })),
    });
    const found = await premiumFeaturesIn(db, filter(from, today));
    expect(found).toEqual(expected);
    expect(found.find((f) => f.feature === "aiCoachQuestions")).toMatchObject({ total: 3, using: 1 });
    expect(found.find((f) => f.feature === "coachChatMessages")!.total).toBeGreaterThan(0);
  });

  it("are on the revenue page, with the 80% target, and the features table downloads as CSV", async () => {
    const html = decode(await (await admin.get("/admin/reports/revenue")).text());
    expect(html).toContain("Premium retention");
    expect(html).toMatch(/Target(<!-- -->)?: (<!-- -->)?80%/);
    expect(html).toContain("Most-used premium features");
    const lines = await csvLines(admin, "/admin/reports/revenue/csv/premium-features.csv");
    expect(lines[0]).toBe("Feature,Premium members,Used it,Total,Per premium member");
    expect(lines.some((l) => l.startsWith("AI coach questions,"))).toBe(true);
    // No one premium in a period long before any subscription: an empty table, not rows of zeros.
    const empty = await csvLines(admin, "/admin/reports/revenue/csv/premium-features.csv?from=2000-01-01&to=2000-01-31");
    expect(empty.filter((l) => l.startsWith("Messages to their coach"))).toHaveLength(0);
  });
});

describe("the community and content report", () => {
  const period = "from=2025-06-01&to=2025-06-30";

  beforeAll(async () => {
    const db = testDb();
    const author = await createSignedInUser(db, { role: "member" });
    const reporter = await createSignedInUser(db, { role: "member" });
    const reporter2 = await createSignedInUser(db, { role: "member" });
    const post = async (at: string) =>
      (
        await q<{ id: string }>(sql`insert into community_posts (author_id, body, kind, search_document, created_at)
        values (${author.user.id}, '{"version":1,"text":"x"}'::jsonb, 'story', to_tsvector('simple', 'x'), ${at}::timestamptz) returning id`)
      )[0]!.id;
    const p1 = await post("2025-06-02T08:00:00Z");
    const p2 = await post("2025-06-03T08:00:00Z");
    await post("2025-05-20T08:00:00Z"); // the month before: only in the previous period
    await db.execute(sql`insert into community_comments (post_id, author_id, text, created_at) values
      (${p1}, ${reporter.user.id}, 'hi', '2025-06-02T09:00:00Z'), (${p1}, ${reporter.user.id}, 'hi', '2025-06-04T09:00:00Z'),
      (${p2}, ${reporter.user.id}, 'hi', '2025-06-04T10:00:00Z')`);
    // Spam decided after 30 and 60 minutes, harassment after 2 hours, one harassment report still open.
    await db.execute(sql`insert into community_reports (target_type, post_id, reporter_id, reason, created_at, resolved_at) values
      ('post', ${p1}, ${reporter.user.id}, 'spam', '2025-06-05T10:00:00Z', '2025-06-05T10:30:00Z'),
      ('post', ${p2}, ${reporter.user.id}, 'spam', '2025-06-05T10:00:00Z', '2025-06-05T11:00:00Z'),
      ('post', ${p1}, ${reporter2.user.id}, 'harassment', '2025-06-06T10:00:00Z', '2025-06-06T12:00:00Z'),
      ('post', ${p2}, ${reporter2.user.id}, 'harassment', '2025-06-29T10:00:00Z', null)`);
    const article = async (title: string) => {
      const [item] = await q<{ id: string }>(
        sql`insert into content_items (kind, status, published_at) values ('article', 'published', now()) returning id`,
      );
      await db.execute(sql`insert into content_translations (item_id, locale, slug, title, body, search_document)
        values (${item!.id}, 'en', ${title.toLowerCase().replaceAll(" ", "-")}, ${title}, '{"version":1,"markdown":"x"}'::jsonb, to_tsvector('simple', 'x'))`);
      return item!.id;
    };
    const cravings = await article("Handling cravings");
    const sleep = await article("Sleep after quitting");
    const voters = await Promise.all([1, 2, 3].map(() => createSignedInUser(db, { role: "member" })));
    const vote = (userId: string, subjectId: string, helpful: boolean, at = "2025-06-10T00:00:00Z") =>
      sql`(${userId}, 'article', ${subjectId}, ${helpful}, ${at}::timestamptz, ${at}::timestamptz)`;
    await db.execute(sql`insert into helpful_votes (user_id, subject, subject_id, helpful, created_at, updated_at) values
      ${vote(voters[0]!.user.id, cravings, true)}, ${vote(voters[1]!.user.id, cravings, true)}, ${vote(voters[2]!.user.id, cravings, false)},
      ${vote(voters[0]!.user.id, sleep, true)}, ${vote(voters[1]!.user.id, sleep, true, "2025-01-01T00:00:00Z")}`);
    // Posts and comments are read from their rollup: the next run counts them.
    await refreshReports(db, new Date());
  });

  it("counts posts and comments per day like the raw rows, by the author's package, coach and language, after deletions too", async () => {
    const db = testDb();
    // The generated members write posts and comments over the last months; some are deleted after a run.
    await db.execute(sql`insert into community_posts (author_id, body, kind, search_document, created_at)
      select m.user_id, '{"version":1,"text":"x"}'::jsonb, 'story', to_tsvector('simple', 'x'),
        ${now.toISOString()}::timestamptz - make_interval(days => (hashtext(m.user_id::text) & 63), hours => (hashtext(m.user_id::text || 'h') & 15))
      from report_members m`);
    await db.execute(sql`insert into community_comments (post_id, author_id, text, created_at)
      select p.id, m.user_id, 'hi', p.created_at + interval '3 hours' from community_posts p
      join report_members m on (hashtext(m.user_id::text || p.id::text) & 7) = 0 where p.created_at > ${now.toISOString()}::timestamptz - interval '70 days'`);
    // A coach's post: no package, coach or language of a member.
    const [staffPost] = await q<{ id: string }>(sql`insert into community_posts (author_id, body, kind, search_document, created_at)
      select id, '{"version":1,"text":"x"}'::jsonb, 'story', to_tsvector('simple', 'x'), ${now.toISOString()}::timestamptz - interval '2 days'
      from users where role = 'coach' limit 1 returning id`);
    await refreshReports(db, new Date());
    await db.execute(
      sql`delete from community_posts where (hashtext(id::text) & 7) = 1 and created_at > ${now.toISOString()}::timestamptz - interval '70 days'
      and id <> ${staffPost!.id}`,
    );
    // Only the generated ones: the June 2025 comments the other cases count stay (their random ids fell here one run in three).
    await db.execute(
      sql`delete from community_comments where (hashtext(id::text) & 7) = 2 and created_at > ${now.toISOString()}::timestamptz - interval '70 days'`,
    );
    await refreshReports(db, new Date());

    const from = addDays(today, -69);
    const [pkg] = await q<{ id: string }>(sql`select package_id::text as id from report_members group by 1 order by count(*) desc limit 1`);
    const [coachOf] = await q<{ id: string }>(
      sql`select coach_id::text as id from report_members where coach_id <> ${NO_DIMENSION}::uuid group by 1 order by count(*) desc limit 1`,
    );
    const filters: ReportFilter[] = [
      filter(from, today),
      { ...filter(from, today), packageId: pkg!.id === NO_DIMENSION ? "basic" : pkg!.id },
      { ...filter(from, today), coachId: coachOf!.id },
      { ...filter(from, today), language: "vi" },
      { ...filter(from, today), packageId: "basic", language: "en" },
    ];
    for (const f of filters) {
      const packageId = f.packageId === "basic" ? NO_DIMENSION : f.packageId;
      const split = f.packageId !== null || f.coachId !== null || f.language !== null;
      const member = (alias: string) =>
        split
          ? sql.raw(`exists (select 1 from users u where u.id = ${alias}.author_id and u.role = 'member'
              and (${packageId === null ? "true" : `coalesce((select s.package_id from subscriptions s where s.user_id = u.id and s.status in ('active', 'trialing', 'past_due', 'cancelled_at_period_end') limit 1), '${NO_DIMENSION}'::uuid) = '${packageId}'::uuid`})
              and (${f.coachId === null ? "true" : `(select a.coach_id from coach_assignments a where a.member_id = u.id order by (a.status = 'active') desc, a.started_at desc limit 1) = '${f.coachId}'::uuid`})
              and (${f.language === null ? "true" : `u.locale::text = '${f.language}'`}))`)
          : sql`true`;
      const raw = await q<{ day: string; posts: number; comments: number }>(sql`
        select g::date::text as day,
          (select count(*) from community_posts p where (p.created_at at time zone 'UTC')::date = g::date and ${member("p")})::int as posts,
          (select count(*) from community_comments c where (c.created_at at time zone 'UTC')::date = g::date and ${member("c")})::int as comments
        from generate_series(${from}::date, ${today}::date, interval '1 day') g order by g`);
      const rolled = await communityByDay(db, f);
      expect(
        raw.reduce((n, d) => n + d.posts, 0),
        JSON.stringify(f),
      ).toBeGreaterThan(0);
      expect(rolled.map((d) => [d.day, d.posts, d.comments])).toEqual(raw.map((d) => [d.day, d.posts, d.comments]));
    }
    // The coach's post counts with no filter only.
    const staffDay = addDays(today, -2);
    const all = (await communityByDay(db, filter(staffDay, staffDay)))[0]!;
    const members = (await communityByDay(db, { ...filter(staffDay, staffDay), language: "en" }))[0]!.posts;
    const vi = (await communityByDay(db, { ...filter(staffDay, staffDay), language: "vi" }))[0]!.posts;
    expect(all.posts).toBe(members + vi + 1);
    await db.execute(sql`delete from community_posts where id = ${staffPost!.id}`);
    await db.execute(sql`delete from community_posts where created_at > ${now.toISOString()}::timestamptz - interval '70 days'`);
    await refreshReports(db, new Date());
  });

  it("narrows posts and comments by the filter on the page, and says reports are not split", async () => {
    const html = decode(await (await admin.get(`/admin/reports/community?${period}&language=vi`)).text());
    expect(html).toContain("All reports: reports and moderation are not split by package, coach or language.");
    expect(html).not.toContain(`data-testid="filters-not-used"`);
  });

  it("shows posts, comments, reports and moderation times for the period", async () => {
    const page = await admin.get(`/admin/reports/community?${period}`);
    expect(page.status).toBe(200);
    const html = decode(await page.text());
    expect(html).toContain("Community and content");
    expect(html).toContain("Median time to a moderation decision");
    // Decided after 30, 60 and 120 minutes: the median is 60.
    expect(html).toContain("60 minutes");
    expect(html).toMatch(/<svg[^>]*role="img"/);
    expect(html).toContain("Download CSV");

    const moderation = await csvLines(admin, `/admin/reports/community/csv/moderation.csv?${period}`);
    expect(moderation[0]).toBe("Reason,Reports,Decided,Reports still open,Median time to a moderation decision");
    expect(moderation).toContain("Harassment,2,1,1,120 minutes");
    expect(moderation).toContain("Spam,2,2,0,45 minutes");

    const days = await csvLines(admin, `/admin/reports/community/csv/community.csv?${period}`);
    expect(days.find((l) => l.includes("Jun 2, 2025"))).toMatch(/,1,1,0$/);
    expect(days.find((l) => l.includes("Jun 4, 2025"))).toMatch(/,0,2,0$/);
  });

  it("ranks the most helpful articles by the answers given in the period", async () => {
    const lines = await csvLines(admin, `/admin/reports/community/csv/helpful-articles.csv?${period}`);
    expect(lines[0]).toBe("Article,Answers,Helpful,Share helpful");
    // Cravings: 2 of 3 helpful; Sleep: 1 of 1 in June (its other answer was in January).
    const rows = lines.slice(1).filter((l) => l && !l.startsWith('"') && /,\d/.test(l));
    // The share of so few answers is spelled out as a small cohort, as every other rate of the reports.
    expect(rows.slice(0, 2)).toEqual([
      "Handling cravings,3,2,66.7% (small cohort: 3 members)",
      "Sleep after quitting,1,1,100% (small cohort: 1 member)",
    ]);
  });

  it("is empty, not broken, for a period with no community activity, and speaks Vietnamese", async () => {
    const html = decode(await (await admin.get("/admin/reports/community?from=2001-01-01&to=2001-01-31")).text());
    expect(html).toContain("Nothing in this period.");
    const vi = new Browser(server.url, (await createSignedInUser(testDb(), { role: "admin", locale: "vi" })).cookie);
    const viHtml = await (await vi.get(`/admin/reports/community?${period}`)).text();
    expect(viHtml).toContain("Cộng đồng và nội dung");
    const csv = await csvLines(vi, `/admin/reports/community/csv/moderation.csv?${period}`);
    expect(csv[0]).toContain("Lý do");
  });

  it("answers a bad period with a clear 400", async () => {
    const page = await admin.get("/admin/reports/community?from=2025-06-30&to=2025-06-01");
    expect(page.status).toBe(400);
    expect(decode(await page.text())).toContain("The period ends before it starts");
  });
});

describe("the platform report", () => {
  it("adds each flush to the process's minute row, histogram bucket by bucket, and a flush with nothing new writes nothing", async () => {
    const db = testDb();
    await flushRequestCounters(db);
    const at = new Date("2025-06-11T10:15:30Z");
    recordRequest(200, 3, at);
    recordRequest(503, 40, at);
    expect(await flushRequestCounters(db)).toBe(1);
    recordRequest(200, 9000, new Date("2025-06-11T10:15:59Z"));
    await flushRequestCounters(db);
    expect(await flushRequestCounters(db)).toBe(0);
    const rows = await q<{ requests: number; errors: number; latency_buckets: string }>(
      sql`select requests, errors, array_to_string(latency_buckets, ',') as latency_buckets from platform_request_minutes where minute = '2025-06-11T10:15:00Z'`,
    );
    expect(rows).toEqual([{ requests: 3, errors: 1, latency_buckets: "1,0,0,1,0,0,0,0,0,0,0,0,1" }]);
  });

  it("counts the requests the server answered, and shows rate, error rate and p95 from the counters", async () => {
    const db = testDb();
    // A day of known counters from two processes: 100 requests, 5 errors; the 95th is in the ≤ 50 ms bucket.
    await db.execute(sql`insert into platform_request_minutes (minute, process_id, requests, errors, latency_buckets) values
      ('2025-06-10T08:00:00Z', 'a', 60, 3, '{30,20,5,5,0,0,0,0,0,0,0,0,0}'),
      ('2025-06-10T09:00:00Z', 'b', 40, 2, '{20,10,5,0,3,1,1,0,0,0,0,0,0}')`);
    const counted = async () => {
      await flushRequestCounters(db);
      const [row] = await q<{ n: string }>(
        sql`select coalesce(sum(requests), 0) as n from platform_request_minutes where minute >= now() - interval '1 day'`,
      );
      return Number(row!.n);
    };
    const before = await counted();
    for (let i = 0; i < 3; i++) expect((await admin.get("/admin/reports/community?from=2001-01-01&to=2001-01-02")).status).toBe(200);
    // A response's "finish" may come just after the client has read it: count until the three are in (or 5 s).
    let after = await counted();
    for (const started = Date.now(); after - before < 3 && Date.now() - started < 5_000; after = await counted()) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(after - before).toBe(3);

    const html = decode(await (await admin.get("/admin/reports/platform?from=2025-06-10&to=2025-06-10")).text());
    expect(html).toContain("Requests per minute");
    expect(html).toContain("p95 latency (ms)");
    const lines = await csvLines(admin, "/admin/reports/platform/csv/platform.csv?from=2025-06-10&to=2025-06-10");
    expect(lines[0]).toBe("Day,Requests,Server errors,Error rate,p95 latency (ms)");
    // Cumulative 50, 80, 90, 95 of 100: the 95th request is in the ≤ 50 ms bucket.
    expect(lines[1]).toBe('"Jun 10, 2025",100,5,5%,50');
    expect((await coach.get("/admin/reports/platform")).status).toBe(403);
  });
});

describe("a coach", () => {
  it("gets 403 on the new admin reports and their CSV", async () => {
    for (const path of [
      "/admin/reports/community",
      "/admin/reports/community/csv/moderation.csv",
      "/admin/reports/growth/csv/activity-by-coach.csv",
      "/admin/reports/revenue/csv/premium-features.csv",
    ]) {
      expect((await coach.get(path)).status, path).toBe(403);
    }
  });
});
