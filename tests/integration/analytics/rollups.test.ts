import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { NO_DIMENSION } from "#db/schema";
import { generateReportHistory } from "#db/seed/report-history";
import { addDays, localDate } from "~/lib/local-date";
import {
  activationRate,
  averageReduction,
  brinkmanIndex,
  premiumConversion,
  quitSuccess,
  retentionRate,
  type FollowUpAnswers,
} from "~/modules/analytics/metrics";
import { refreshReports } from "~/modules/analytics/rollups.server";
import { eraseMember, requestErasure } from "~/modules/privacy/erasure.server";
import {
  activityByDay,
  averageReductionNow,
  brinkmanNow,
  coachLines,
  growthSummary,
  MEASURES,
  retentionCohorts,
  revenueByPackage,
  savings,
  successGroups,
} from "~/modules/analytics/reports.server";
import type { ReportFilter } from "~/modules/analytics/period";
import type { FollowUpKey } from "~/modules/journey/outcomes";
import { testDb } from "../../setup/db";
import { pairWithCoach, signedInCoach } from "../coaching/helpers";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw rows of many shapes, compared field by field
type Any = Record<string, any>;
const q = async (query: ReturnType<typeof sql>) => (await testDb().execute(query)) as unknown as Any[];
const iso = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d));

const now = new Date();
const asOf = now.toISOString().slice(0, 10);

/** The raw rows, read straight from the journey, billing and coaching tables (no rollup involved). */
async function raw() {
  const members = await q(sql`select u.id, u.created_at, u.time_zone, p.created_at as profile_at, p.cigarettes_per_day, p.years_smoked,
      (select min(r.created_at) from plan_revisions r where r.user_id = u.id) as first_plan_at,
      (select min(coalesce(x.paid_at, x.created_at)) from payments x where x.user_id = u.id and x.status in ('paid', 'refunded', 'partially_refunded')) as first_paid_at,
      coalesce((select s.package_id from subscriptions s where s.user_id = u.id and s.status in ('active', 'trialing', 'past_due', 'cancelled_at_period_end')), ${NO_DIMENSION}::uuid) as package_id,
      coalesce((select a.coach_id from coach_assignments a where a.member_id = u.id order by (a.status = 'active') desc, a.started_at desc limit 1), ${NO_DIMENSION}::uuid) as coach_id
    from users u left join smoking_profiles p on p.user_id = u.id where u.role = 'member'`);
  const totals = await q(sql`select user_id, local_date::text as day, cigarettes from daily_totals`);
  const attempts = await q(sql`select id, user_id, quit_date::text as quit_date from quit_attempts`);
  const followUps = await q(
    sql`select attempt_id, follow_up, smoked_since_day14, smoked_past7_days, cigarettes_since_day14, co_ppm from outcome_follow_ups`,
  );
  const payments = await q(
    sql`select package_id, currency, status, amount_minor, coalesce(paid_at, created_at) as at, refunded_at, refunded_minor from payments`,
  );
  const days = new Map<string, Map<string, number>>();
  for (const t of totals) {
    const m = days.get(t.user_id) ?? new Map<string, number>();
    m.set(t.day, Number(t.cigarettes));
    days.set(t.user_id, m);
  }
  const people = members.map((m) => ({
    id: String(m.id),
    signedUpOn: localDate(new Date(m.created_at), m.time_zone),
    signedUpAt: new Date(m.created_at),
    profileCompletedOn: m.profile_at ? localDate(new Date(m.profile_at), m.time_zone) : null,
    firstPlanAt: m.first_plan_at ? new Date(m.first_plan_at) : null,
    firstPaidOn: m.first_paid_at ? localDate(new Date(m.first_paid_at), m.time_zone) : null,
    activeDays: [...(days.get(m.id)?.keys() ?? [])],
    baselinePerDay: m.cigarettes_per_day === null ? null : Number(m.cigarettes_per_day),
    yearsSmoked: m.years_smoked === null ? null : Number(m.years_smoked),
    packageId: String(m.package_id),
    coachId: String(m.coach_id),
  }));
  const byId = new Map(people.map((p) => [p.id, p]));
  const answersOf = new Map<string, Partial<Record<FollowUpKey, FollowUpAnswers>>>();
  for (const f of followUps) {
    const a = answersOf.get(f.attempt_id) ?? {};
    a[f.follow_up as FollowUpKey] = {
      smokedSinceDay14: f.smoked_since_day14,
      smokedPast7Days: f.smoked_past7_days,
      cigarettesSinceGrace: Number(f.cigarettes_since_day14),
      coPpm: f.co_ppm === null ? null : Number(f.co_ppm),
    };
    answersOf.set(f.attempt_id, a);
  }
  const quitAttempts = attempts
    .filter((a) => byId.has(a.user_id))
    .map((a) => ({
      memberId: String(a.user_id),
      quitDate: String(a.quit_date),
      answers: answersOf.get(a.id) ?? {},
      member: byId.get(a.user_id)!,
    }));
  return { people, days, quitAttempts, payments };
}

const all = (from: string, to: string, extra: Partial<ReportFilter> = {}): ReportFilter => ({
  from,
  to,
  packageId: null,
  coachId: null,
  language: null,
  ...extra,
});

describe("the report rollups", () => {
  beforeAll(async () => {
    await generateReportHistory(testDb(), { members: 600, coaches: 4, now, domain: "rollups.test" });
    const result = await refreshReports(testDb(), now, { full: true });
    expect(result.members).toBe(600);
  });

  it("give the same growth, conversion and retention figures as metrics.ts over the raw rows", async () => {
    const { people } = await raw();
    for (const [from, to] of [
      [addDays(asOf, -364), asOf],
      [addDays(asOf, -90), addDays(asOf, -30)],
    ] as const) {
      const inPeriod = people.filter((p) => p.signedUpOn >= from && p.signedUpOn <= to);
      const growth = await growthSummary(testDb(), all(from, to), asOf, now);
      expect(growth.signups).toBe(inPeriod.length);
      expect(growth.activation).toEqual(activationRate({ members: inPeriod, withinDays: 7, asOf }));
      expect(growth.conversion).toEqual(premiumConversion({ members: people, from, to }));
      const cohort = inPeriod.filter((p) => p.signedUpAt.getTime() + 48 * 3600_000 < now.getTime());
      const planned = cohort.filter((p) => p.firstPlanAt && p.firstPlanAt.getTime() <= p.signedUpAt.getTime() + 48 * 3600_000);
      expect(growth.firstPlan48h).toEqual({
        cohort: cohort.length,
        planned: planned.length,
        rate: cohort.length ? planned.length / cohort.length : null,
      });
    }
    expect((await growthSummary(testDb(), all(addDays(asOf, -364), asOf), asOf, now)).conversion.converted).toBeGreaterThan(20);

    const cohorts = await retentionCohorts(testDb(), all(addDays(asOf, -364), asOf), asOf);
    expect(cohorts.length).toBeGreaterThanOrEqual(11);
    for (const cohort of cohorts) {
      const members = people.filter((p) => p.signedUpOn.slice(0, 7) === cohort.month);
      expect(cohort.members).toBe(members.length);
      for (const w of cohort.windows) {
        expect({ cohort: w.cohort, retained: w.retained, rate: w.rate }).toEqual(retentionRate({ members, day: w.day, asOf }));
      }
    }
  });

  it("give every quitSuccess measure, overall and by coach, and the average reduction as metrics.ts does", async () => {
    const { quitAttempts, people, days } = await raw();
    const from = addDays(asOf, -364);
    const groups = await successGroups(testDb(), all(from, asOf), asOf, "en");
    const overall = groups.find((g) => g.by === "all")!;
    for (const figure of overall.figures) {
      const expected = quitSuccess({ attempts: quitAttempts.filter((a) => a.quitDate >= from), measure: figure.measure, asOf });
      const { coVerified, measure, ...rest } = figure;
      expect({ measure, ...rest }).toEqual({ measure, ...expected });
      expect(coVerified).toBeLessThanOrEqual(figure.abstinent);
    }
    expect(overall.figures[0]!.eligible).toBeGreaterThan(50);
    expect(overall.figures[0]!.responders).toBeLessThan(overall.figures[0]!.eligible);
    const byCoach = groups.filter((g) => g.by === "coach" && g.key !== NO_DIMENSION);
    expect(byCoach.length).toBeGreaterThan(0);
    for (const group of byCoach) {
      const expected = quitSuccess({
        attempts: quitAttempts.filter((a) => a.member.coachId === group.key),
        measure: MEASURES[0]!.measure,
        asOf,
      });
      expect(group.figures[0]!.eligible).toBe(expected.eligible);
      expect(group.figures[0]!.abstinent).toBe(expected.abstinent);
    }

    const last7 = Array.from({ length: 7 }, (_, k) => addDays(asOf, k - 7));
    const reduction = averageReduction({
      members: people
        .filter((p) => p.baselinePerDay !== null)
        .map((p) => ({ baselinePerDay: p.baselinePerDay!, last7Days: last7.map((d) => days.get(p.id)?.get(d) ?? null) })),
    });
    expect(await averageReductionNow(testDb(), all(from, asOf))).toEqual(reduction);
    expect(reduction.members).toBeGreaterThan(0);

    const brinkman = brinkmanIndex({
      members: people
        .filter((p) => p.baselinePerDay !== null && p.yearsSmoked !== null)
        .map((p) => ({
          baselinePerDay: p.baselinePerDay!,
          yearsSmoked: p.yearsSmoked!,
          last7Days: last7.map((d) => days.get(p.id)?.get(d) ?? null),
        })),
    });
    expect(await brinkmanNow(testDb(), all(from, asOf))).toEqual(brinkman);
    expect(brinkman.members).toBeGreaterThan(0);

    // One coach's members: the per-group sums add up to that coach's figures only.
    const coachId = people.find((p) => p.coachId !== NO_DIMENSION)!.coachId;
    const ofCoach = people.filter((p) => p.coachId === coachId && p.baselinePerDay !== null);
    const coachReduction = averageReduction({
      members: ofCoach.map((p) => ({ baselinePerDay: p.baselinePerDay!, last7Days: last7.map((d) => days.get(p.id)?.get(d) ?? null) })),
    });
    expect(await averageReductionNow(testDb(), all(from, asOf, { coachId }))).toEqual(coachReduction);
    expect(coachReduction.members).toBeLessThan(reduction.members);
    const coachBrinkman = brinkmanIndex({
      members: ofCoach
        .filter((p) => p.yearsSmoked !== null)
        .map((p) => ({
          baselinePerDay: p.baselinePerDay!,
          yearsSmoked: p.yearsSmoked!,
          last7Days: last7.map((d) => days.get(p.id)?.get(d) ?? null),
        })),
    });
    expect(await brinkmanNow(testDb(), all(from, asOf, { coachId }))).toEqual(coachBrinkman);
  });

  it("count daily, weekly and monthly active members as distinct members, and payments per currency apart", async () => {
    const { people, days, payments } = await raw();
    const activity = await activityByDay(testDb(), { from: addDays(asOf, -60), to: asOf });
    for (const day of activity.filter((_, i) => i % 7 === 0)) {
      const activeIn = (n: number) =>
        people.filter((p) => [...(days.get(p.id)?.keys() ?? [])].some((d) => d <= day.day && d > addDays(day.day, -n))).length;
      expect(day).toEqual({ day: day.day, dau: activeIn(1), wau: activeIn(7), mau: activeIn(30) });
    }
    const from = addDays(asOf, -364);
    const lines = await revenueByPackage(testDb(), all(from, asOf), "en");
    const paidStatuses = ["paid", "refunded", "partially_refunded"];
    for (const currency of ["VND", "USD"]) {
      const line = lines.find((l) => l.currency === currency)!;
      const mine = payments.filter((p) => p.currency === currency && iso(new Date(p.at).toISOString()) >= from);
      expect(line.paidMinor).toBe(mine.filter((p) => paidStatuses.includes(p.status)).reduce((s, p) => s + Number(p.amount_minor), 0));
      expect(line.failed).toBe(mine.filter((p) => p.status === "failed").length);
    }
    expect(lines.every((l) => l.failed >= l.recovered)).toBe(true);
    const coaches = await coachLines(testDb(), { from, to: asOf, coachId: null });
    expect(coaches.reduce((s, c) => s + c.load, 0)).toBeGreaterThan(0);
    expect(coaches.some((c) => c.firstResponseMinutes !== null && c.sessionsCompleted > 0 && c.rating !== null)).toBe(true);
  });

  it("an incremental run after random writes leaves the same rows as a full rebuild, and a retried run changes nothing", async () => {
    const db = testDb();
    await refreshReports(db, now);
    // Writes of every kind the rollups read: logs today and in the past, a follow-up, a payment, a cancelled subscription, an answer, a rating.
    const someMembers = await q(sql`select id from users where role = 'member' order by md5(id::text) limit 40`);
    for (const [n, m] of someMembers.entries()) {
      const day = addDays(asOf, -(n % 45));
      await db.execute(sql`insert into daily_totals (user_id, local_date, cigarettes, checked_in) values (${m.id}, ${day}::date, ${n % 5}, true)
        on conflict (user_id, local_date) do update set cigarettes = excluded.cigarettes + 1, updated_at = now()`);
    }
    await db.execute(sql`update smoking_profiles set cigarettes_per_day = cigarettes_per_day + 3, updated_at = now()
      where user_id in (select id from users where role = 'member' order by md5(id::text) limit 5)`);
    await db.execute(sql`delete from outcome_follow_ups where id in (select id from outcome_follow_ups order by md5(id::text) limit 5)`);
    await db.execute(sql`update subscriptions set status = 'ended', ended_at = now(), updated_at = now()
      where id in (select id from subscriptions where status = 'active' order by md5(id::text) limit 3)`);
    await db.execute(sql`insert into payments (user_id, subscription_id, package_id, provider, amount_minor, currency, status, receipt_number, created_at)
      select user_id, id, package_id, 'test', 149000, 'VND', 'failed', 'R-' || md5(id::text), now()
      from subscriptions where status = 'active' order by md5(id::text) limit 2`);
    // A member writes (open, due in two hours) and a coach answers one asked half an hour ago.
    await db.execute(sql`insert into coach_responses (conversation_id, coach_id, kind, asked_seq, asked_at, due_at, answered_seq, answered_at)
      select id, coach_id, 'next', last_seq + 1, now() - interval '30 minutes', now() + interval '90 minutes', last_seq + 2, now()
      from conversations order by md5(id::text) limit 5`);
    await db.execute(sql`insert into coach_responses (conversation_id, coach_id, kind, asked_seq, asked_at, due_at)
      select id, coach_id, 'next', last_seq + 3, now(), now() + interval '2 hours' from conversations order by md5(id::text) limit 5`);
    await db.execute(sql`update users set locale = case when locale = 'en' then 'vi'::locale else 'en'::locale end, updated_at = now()
      where id in (select id from users where role = 'member' order by md5(id::text) desc limit 3)`);

    const later = new Date(now.getTime() + 60_000);
    const incremental = await refreshReports(db, later);
    expect(incremental.mode).toBe("incremental");
    expect(incremental.members).toBeLessThan(600);
    const afterIncremental = await snapshot();
    await refreshReports(db, later);
    expect(await snapshot()).toEqual(afterIncremental);
    await refreshReports(db, later, { full: true });
    expect(await snapshot()).toEqual(afterIncremental);
  });

  it("follow a member who relapses and a member who is erased in the success and retention figures, incrementally as in a full rebuild", async () => {
    const db = testDb();
    await refreshReports(db, now);
    const from = addDays(asOf, -364);
    const year = all(from, asOf);
    /** Every figure the running totals give: success overall and by group, savings, and the retention triangle, for the year and a filtered view. */
    const figures = async () => {
      const [coach] = await q(sql`select coach_id from report_members where coach_id <> ${NO_DIMENSION}::uuid order by coach_id limit 1`);
      const filtered = all(addDays(asOf, -200), addDays(asOf, -20), { coachId: String(coach!.coach_id), language: "vi" });
      return {
        success: await successGroups(db, year, asOf, "en"),
        filtered: await successGroups(db, filtered, asOf, "en"),
        savings: await savings(db, year),
        retention: await retentionCohorts(db, year, asOf),
        filteredRetention: await retentionCohorts(db, filtered, asOf),
      };
    };
    const expectSameAsRaw = async () => {
      const { quitAttempts, people } = await raw();
      const overall = (await successGroups(db, year, asOf, "en")).find((g) => g.by === "all")!;
      for (const figure of overall.figures) {
        const expected = quitSuccess({ attempts: quitAttempts.filter((a) => a.quitDate >= from), measure: figure.measure, asOf });
        const { coVerified: _, ...rest } = figure;
        expect(rest).toEqual({ measure: figure.measure, ...expected });
      }
      for (const cohort of await retentionCohorts(db, year, asOf)) {
        const members = people.filter((p) => p.signedUpOn.slice(0, 7) === cohort.month);
        expect(cohort.members).toBe(members.length);
        for (const w of cohort.windows)
          expect({ cohort: w.cohort, retained: w.retained, rate: w.rate }).toEqual(retentionRate({ members, day: w.day, asOf }));
      }
      return overall;
    };

    // A member abstinent at 12 weeks whose 12-week window has passed relapses: their answers now say they smoke, and the attempt ends.
    const [relapsing] = await q(sql`select a.id, a.user_id from quit_attempts a join outcome_follow_ups f on f.attempt_id = a.id
      where f.follow_up = '12-weeks' and f.smoked_past7_days = false and (f.co_ppm is null or f.co_ppm < 10) and a.quit_date + 106 < ${asOf}::date
        and a.quit_date >= ${from}::date
      order by a.id limit 1`);
    expect(relapsing).toBeDefined();
    const before = await expectSameAsRaw();
    await db.execute(sql`update outcome_follow_ups set smoked_past7_days = true, smoked_since_day14 = true, cigarettes_since_day14 = 60
      where attempt_id = ${relapsing!.id}`);
    await db.execute(sql`update quit_attempts set status = 'relapsed', ended_on = quit_date + 90 where id = ${relapsing!.id}`);
    const later = new Date(now.getTime() + 60_000);
    const afterRelapse = await refreshReports(db, later);
    expect(afterRelapse.mode).toBe("incremental");
    expect(afterRelapse.members).toBeLessThan(600);
    const relapsed = await expectSameAsRaw();
    const at12 = (g: typeof before) => g.figures.find((f) => f.measure === "seven-day-point-prevalence-12-weeks")!;
    expect(at12(relapsed).eligible).toBe(at12(before).eligible);
    expect(at12(relapsed).abstinent).toBe(at12(before).abstinent - 1);

    // A member with an eligible attempt and a coach is erased: their attempts, their sign-up and their coaching leave every figure.
    const [erased] = await q(sql`select a.user_id, count(*)::int as attempts from quit_attempts a
      where a.quit_date + 43 < ${asOf}::date and a.quit_date >= ${from}::date and a.user_id <> ${relapsing!.user_id}
        and exists (select 1 from coach_assignments ca join conversations c on c.assignment_id = ca.id
          join coach_responses r on r.conversation_id = c.id where ca.member_id = a.user_id)
      group by a.user_id order by a.user_id limit 1`);
    expect(erased).toBeDefined();
    const coachDaysBefore = await q(sql`select coalesce(sum(first_responses + next_responses), 0)::int as n from report_coach_days`);
    await requestErasure(db, erased!.user_id, { keepPosts: false }, later);
    expect(await eraseMember(db, erased!.user_id, later)).not.toBeNull();
    const laterStill = new Date(later.getTime() + 60_000);
    await refreshReports(db, laterStill);
    const afterErasure = await expectSameAsRaw();
    expect(afterErasure.figures[0]!.eligible).toBe(relapsed.figures[0]!.eligible - erased!.attempts);
    // Their chat went with them, which no watermark sees: the coach days still lost its answers.
    const coachDaysAfter = await q(sql`select coalesce(sum(first_responses + next_responses), 0)::int as n from report_coach_days`);
    expect(coachDaysAfter[0]!.n).toBeLessThan(coachDaysBefore[0]!.n);

    // The rollups these figures read, the coaches' days and the active members of past days among them.
    const rollups = async () => {
      const { members, attempts, activity, activityGroups, coaches, successTotals, retentionTotals } = await snapshot();
      return { members, attempts, activity, activityGroups, coaches, successTotals, retentionTotals, figures: await figures() };
    };
    const incremental = await rollups();
    await refreshReports(db, laterStill, { full: true });
    expect(await rollups()).toEqual(incremental);
  });

  it("count a coach's day whose only fact is a question not yet due as no miss (the sums of unknowns are 0, not null)", async () => {
    const db = testDb();
    const coach = await signedInCoach(db);
    const { conversation } = await pairWithCoach(db, coach);
    // Asked a day before anything else this pair did, and not due until tomorrow.
    await db.execute(sql`insert into coach_responses (conversation_id, coach_id, kind, asked_seq, asked_at, due_at)
      values (${conversation.id}, ${coach.id}, 'first', 1, now() - interval '1 day', now() + interval '1 day')`);
    await refreshReports(db, new Date(), { full: true });
    const rows = await q(sql`select sla_missed from report_coach_days where coach_id = ${coach.id}`);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => Number(r.sla_missed) === 0)).toBe(true);
  });

  it("count posts and comments per day incrementally as a full rebuild does: new ones, an author who moved group, deletions, an erasure that keeps the posts", async () => {
    const db = testDb();
    const communityDays = () => q(sql`select * from report_community_days order by day, package_id, coach_id, language`);
    const totals = async () =>
      (
        await q(sql`select (select coalesce(sum(posts), 0)::int from report_community_days) as posts,
          (select coalesce(sum(comments), 0)::int from report_community_days) as comments,
          (select count(*)::int from community_posts) as written_posts, (select count(*)::int from community_comments) as written_comments`)
      )[0]!;
    // A clock of this test's own, ahead of the erasure an earlier test made (its receipt would make every run count all days):
    // each step writes half a minute after the last run and runs a minute after it.
    let clock = Date.now() + 10 * 60_000;
    const writtenAt = () => new Date(clock + 30_000).toISOString();
    /** An incremental run a minute on, then a full rebuild at the same time that must leave the same rows. */
    const refreshBothWays = async () => {
      clock += 60_000;
      const incremental = await refreshReports(db, new Date(clock));
      expect(incremental.mode).toBe("incremental");
      const afterIncremental = await communityDays();
      await refreshReports(db, new Date(clock), { full: true });
      expect(await communityDays()).toEqual(afterIncremental);
      const t = await totals();
      expect([t.posts, t.comments]).toEqual([t.written_posts, t.written_comments]);
      return { recomputed: incremental.communityDays, rows: afterIncremental.length };
    };
    // Twelve authors with a month of posts and comments (written before the rollups last ran).
    const authors = (await q(sql`select id from users where role = 'member' order by md5(id::text || 'community') limit 12`)).map((r) =>
      String(r.id),
    );
    for (const [n, author] of authors.entries()) {
      for (const ago of [3 + n, 10 + n, 20 + n]) {
        await db.execute(sql`with post as (
            insert into community_posts (author_id, body, kind, search_document, created_at)
            values (${author}, '{"v":1,"text":"a day at a time"}'::jsonb, 'update', to_tsvector('simple', 'a day at a time'), now() - make_interval(days => ${ago}))
            returning id)
          insert into community_comments (post_id, author_id, text, created_at)
          select id, ${authors[(n + 1) % authors.length]}, 'well done', now() - make_interval(days => ${ago - 1}) from post`);
      }
    }
    await refreshReports(db, new Date(clock), { full: true });
    const base = await communityDays();
    expect(base.length).toBeGreaterThan(20);

    // Written now, and one author whose language changed: only their days are counted again.
    const [post] = await q(sql`select id from community_posts where author_id = ${authors[0]} order by created_at limit 1`);
    await db.execute(sql`insert into community_posts (author_id, body, kind, search_document, created_at)
      values (${authors[1]}, '{"v":1,"text":"one week"}'::jsonb, 'milestone', to_tsvector('simple', 'one week'), ${writtenAt()})`);
    await db.execute(
      sql`insert into community_comments (post_id, author_id, text, created_at) values (${post!.id}, ${authors[2]}, 'keep going', ${writtenAt()})`,
    );
    await db.execute(sql`update users set locale = case when locale = 'en' then 'vi'::locale else 'en'::locale end, updated_at = ${writtenAt()}
      where id = ${authors[3]}`);
    const moved = await refreshBothWays();
    expect(moved.recomputed).toBeGreaterThan(0);
    expect(moved.recomputed).toBeLessThan(moved.rows);

    // Deleted outright, on days nothing else marks: the totals no longer add up, so every day is counted again.
    await db.execute(sql`delete from community_posts where id = ${post!.id}`);
    await db.execute(
      sql`delete from community_comments where id in (select id from community_comments where author_id = ${authors[5]} order by created_at limit 1)`,
    );
    expect((await refreshBothWays()).rows).toBeGreaterThan(0);

    // An erasure that keeps the posts deletes none of them but moves them to "a former member".
    const erasedAt = new Date(writtenAt());
    await requestErasure(db, authors[6]!, { keepPosts: true }, erasedAt);
    expect(await eraseMember(db, authors[6]!, erasedAt)).not.toBeNull();
    await refreshBothWays();
    const [former] = await q(sql`select coalesce(sum(posts), 0)::int as posts from report_community_days
      where package_id = ${NO_DIMENSION}::uuid and coach_id = ${NO_DIMENSION}::uuid and language = ''`);
    expect(former!.posts).toBeGreaterThanOrEqual(3);
  });
});

async function snapshot() {
  return {
    members: await q(sql`select * from report_members order by user_id`),
    attempts: await q(sql`select * from report_attempts order by attempt_id`),
    activity: await q(sql`select * from report_activity_days order by day`),
    activityGroups: await q(sql`select * from report_activity_group_steps order by dimension, key, day`),
    payments: await q(sql`select * from report_payment_days order by day, package_id, currency`),
    subscriptions: await q(sql`select * from report_subscription_days order by day, package_id, currency`),
    coaches: await q(sql`select * from report_coach_days order by day, coach_id`),
    successTotals: await q(sql`select * from report_success_totals order by package_id, coach_id, language, currency, quit_date`),
    retentionTotals: await q(sql`select * from report_retention_totals order by package_id, coach_id, language, signed_up_on`),
    memberTotals: await q(sql`select * from report_member_totals order by package_id, coach_id, language`),
  };
}
