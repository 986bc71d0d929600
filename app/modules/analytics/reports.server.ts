import { sql, type SQL } from "drizzle-orm";
import type { Database } from "#db/client.server";
import { ANY_DIMENSION, ANY_TEXT, NO_DIMENSION } from "#db/schema";
import { DomainError } from "~/lib/domain-error";
import { addDays, type LocalDate } from "~/lib/local-date";
import { MEASURES } from "./measures";
import { moderationTimes, mostHelpful, premiumFeatureUse, premiumRetention, type PremiumFeature, type QuitSuccessMeasure } from "./metrics";
import type { ReportFilter } from "./period";

export { MEASURES };

/**
 * The figures of every report page, read from the rollups only (db/schema/analytics.ts). Each
 * definition is the one in metrics.ts, applied in SQL to the rollup rows (the integration tests
 * hold the two to the same answer on generated data).
 */

type Row = Record<string, unknown>;
const rows = async <T extends Row>(db: Database, query: SQL) => (await db.execute(query)) as unknown as T[];
const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));
const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
const rate = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

export type Freshness = { computedAt: string | null; asOf: LocalDate | null; lastRun: string | null };

export async function reportFreshness(db: Database): Promise<Freshness> {
  const [state] = await rows<{ computed_at: Date | string; as_of: string; last_run: string }>(
    db,
    sql`select computed_at, as_of::text as as_of, last_run from report_state where id = 1`,
  );
  if (!state) return { computedAt: null, asOf: null, lastRun: null };
  return { computedAt: new Date(state.computed_at).toISOString(), asOf: state.as_of, lastRun: state.last_run };
}

/** The filters' package and coach must exist: an unknown one is a clear 400, not an empty report. */
export async function checkFilterIds(db: Database, filter: Pick<ReportFilter, "packageId" | "coachId">): Promise<void> {
  // The usual view has no filter: nothing to look up.
  if (filter.packageId === null && filter.coachId === null) return;
  const [found] = await rows<{ package_found: boolean; coach_found: boolean }>(
    db,
    sql`select
      ${filter.packageId === null || filter.packageId === "basic"} or exists (select 1 from packages where id = ${filter.packageId === "basic" ? null : filter.packageId}::uuid) as package_found,
      ${filter.coachId === null} or exists (select 1 from users where id = ${filter.coachId}::uuid and role = 'coach') as coach_found`,
  );
  if (!found!.package_found) throw new DomainError("malformed", "reports:errors.packageUnknown", { field: "package" });
  if (!found!.coach_found) throw new DomainError("malformed", "reports:errors.coachUnknown", { field: "coach" });
}

function dimensions(filter: Pick<ReportFilter, "packageId" | "coachId" | "language">, alias: string): SQL {
  const t = sql.raw(alias);
  const parts: SQL[] = [sql`true`];
  if (filter.packageId !== null) parts.push(sql`${t}.package_id = ${filter.packageId === "basic" ? NO_DIMENSION : filter.packageId}::uuid`);
  if (filter.coachId !== null) parts.push(sql`${t}.coach_id = ${filter.coachId}::uuid`);
  if (filter.language !== null) parts.push(sql`${t}.language = ${filter.language}`);
  return sql.join(parts, sql` and `);
}

/** The running-totals key a filter reads (db/schema/analytics.ts reportSuccessTotals): its package, coach and language, ANY where unfiltered. */
function totalsKey(filter: Pick<ReportFilter, "packageId" | "coachId" | "language">): {
  packageId: string;
  coachId: string;
  language: string;
} {
  return {
    packageId: filter.packageId === null ? ANY_DIMENSION : filter.packageId === "basic" ? NO_DIMENSION : filter.packageId,
    coachId: filter.coachId ?? ANY_DIMENSION,
    language: filter.language ?? ANY_TEXT,
  };
}

/**
 * A lateral probe of a running-totals table: the row of the key in `g` (package_id, coach_id, language
 * and, for success, currency) at the latest day on or before `day`, by its primary key; none before the first.
 */
function totalsAt(table: "report_success_totals" | "report_retention_totals", day: SQL, alias: string): SQL {
  const success = table === "report_success_totals";
  return sql`left join lateral (select * from ${sql.raw(table)} t
    where t.package_id = g.package_id and t.coach_id = g.coach_id and t.language = g.language ${success ? sql`and t.currency = g.currency` : sql``}
      and t.${sql.raw(success ? "quit_date" : "signed_up_on")} <= ${day}
    order by t.${sql.raw(success ? "quit_date" : "signed_up_on")} desc limit 1) ${sql.raw(alias)} on true`;
}

/** A running total's difference over a group's days (g.lo … the probe's day): the probe minus the day before g.lo. */
const between = (alias: string, column: string) => sql.raw(`coalesce(${alias}.${column}, 0) - coalesce(b.${column}, 0)`);

export type DayValue = { day: LocalDate; value: number };

// ---------------------------------------------------------------------------------------------- growth

export type GrowthSummary = {
  signups: number;
  activation: { cohort: number; activated: number; rate: number | null };
  firstPlan48h: { cohort: number; planned: number; rate: number | null };
  conversion: { signups: number; converted: number; rate: number | null; medianDaysToConvert: number | null };
};

/** Sign-ups in the period, activation (profile within 7 days), first plan within 48 hours and premium conversion, as metrics.ts defines them. */
export async function growthSummary(db: Database, filter: ReportFilter, asOf: LocalDate, now: Date): Promise<GrowthSummary> {
  const [r] = await rows(
    db,
    sql`select count(*) as signups,
      count(*) filter (where m.signed_up_on + 7 < ${asOf}::date) as activation_cohort,
      count(*) filter (where m.signed_up_on + 7 < ${asOf}::date and m.profile_completed_on between m.signed_up_on and m.signed_up_on + 7) as activated,
      count(*) filter (where m.signed_up_at + interval '48 hours' < ${now.toISOString()}::timestamptz) as plan_cohort,
      count(*) filter (where m.signed_up_at + interval '48 hours' < ${now.toISOString()}::timestamptz and m.first_plan_at <= m.signed_up_at + interval '48 hours') as planned,
      count(*) filter (where m.first_paid_on is not null) as converted,
      percentile_cont(0.5) within group (order by m.first_paid_on - m.signed_up_on) filter (where m.first_paid_on is not null) as median_days
    from report_members m
    where m.signed_up_on between ${filter.from}::date and ${filter.to}::date and ${dimensions(filter, "m")}`,
  );
  const signups = num(r!.signups);
  return {
    signups,
    activation: {
      cohort: num(r!.activation_cohort),
      activated: num(r!.activated),
      rate: rate(num(r!.activated), num(r!.activation_cohort)),
    },
    firstPlan48h: { cohort: num(r!.plan_cohort), planned: num(r!.planned), rate: rate(num(r!.planned), num(r!.plan_cohort)) },
    conversion: {
      signups,
      converted: num(r!.converted),
      rate: rate(num(r!.converted), signups),
      medianDaysToConvert: numOrNull(r!.median_days),
    },
  };
}

export async function signupsByDay(db: Database, filter: ReportFilter): Promise<DayValue[]> {
  const found = await rows<{ day: string; n: string }>(
    db,
    sql`select g::date::text as day, count(m.user_id) as n
    from generate_series(${filter.from}::date, ${filter.to}::date, interval '1 day') g
    left join report_members m on m.signed_up_on = g::date and ${dimensions(filter, "m")}
    group by g order by g`,
  );
  return found.map((r) => ({ day: r.day, value: num(r.n) }));
}

export type ActivityDay = { day: LocalDate; dau: number; wau: number; mau: number };

/** Active members (all members: activity is not split by package or coach). */
export async function activityByDay(db: Database, period: { from: LocalDate; to: LocalDate }): Promise<ActivityDay[]> {
  const found = await rows<{ day: string; dau: number; wau: number; mau: number }>(
    db,
    sql`select g::date::text as day, coalesce(a.dau, 0) as dau, coalesce(a.wau, 0) as wau, coalesce(a.mau, 0) as mau
    from generate_series(${period.from}::date, ${period.to}::date, interval '1 day') g left join report_activity_days a on a.day = g::date
    order by g`,
  );
  return found.map((r) => ({ day: r.day, dau: num(r.dau), wau: num(r.wau), mau: num(r.mau) }));
}

export type ActivityGroup = { dimension: "package" | "coach"; key: string; name: string; dau: number; wau: number; mau: number };

/**
 * Daily, weekly and monthly active members on the period's last day by package and by coach (each
 * member under their current package and coach): the sum of the group's activity steps up to that day.
 */
export async function activityByGroup(db: Database, filter: ReportFilter, locale: string): Promise<ActivityGroup[]> {
  const packageFilter =
    filter.packageId === null ? sql`true` : sql`s.key = ${filter.packageId === "basic" ? NO_DIMENSION : filter.packageId}::uuid`;
  const coachFilter = filter.coachId === null ? sql`true` : sql`s.key = ${filter.coachId}::uuid`;
  const found = await rows(
    db,
    sql`with totals as (
      select s.dimension, s.key, sum(s.dau) as dau, sum(s.wau) as wau, sum(s.mau) as mau
      from report_activity_group_steps s
      where s.day <= ${filter.to}::date and ((s.dimension = 'package' and ${packageFilter}) or (s.dimension = 'coach' and ${coachFilter}))
      group by s.dimension, s.key)
    select t.dimension, t.key, t.dau, t.wau, t.mau,
      case when t.dimension = 'package' then case when ${locale} = 'vi' then k.name_vi else k.name_en end else u.display_name end as name
    from totals t
    left join packages k on t.dimension = 'package' and k.id = t.key
    left join users u on t.dimension = 'coach' and u.id = t.key
    where t.mau > 0
    order by t.dimension desc, t.mau desc, name, t.key`,
  );
  return found.map((r) => ({
    dimension: r.dimension === "coach" ? "coach" : "package",
    key: String(r.key),
    name: r.name === null || r.name === undefined ? "" : String(r.name),
    dau: num(r.dau),
    wau: num(r.wau),
    mau: num(r.mau),
  }));
}

/** The period's stickiness: mean daily active over mean monthly active members. */
export function stickiness(days: ActivityDay[]): number | null {
  const mau = days.reduce((sum, d) => sum + d.mau, 0);
  return mau === 0 ? null : days.reduce((sum, d) => sum + d.dau, 0) / mau;
}

export type RetentionCohort = {
  month: string;
  members: number;
  windows: { day: 30 | 60 | 90; cohort: number; retained: number; rate: number | null }[];
};

/**
 * Retention on days 30, 60 and 90 (retentionRate) by monthly sign-up cohort, the twelve months up to the
 * period's end: per month, the differences of the running totals (report_retention_totals) at its days,
 * a window counted for the members whose window has passed (signed up at least window-end + 1 days before asOf).
 */
export async function retentionCohorts(db: Database, filter: ReportFilter, asOf: LocalDate): Promise<RetentionCohort[]> {
  const key = totalsKey(filter);
  const passed = (d: 30 | 60 | 90) => sql`greatest(g.lo - 1, least(g.hi, ${asOf}::date - ${d + 7}::int))`;
  const found = await rows(
    db,
    sql`with g as (
      select to_char(m, 'YYYY-MM') as month, ${key.packageId}::uuid as package_id, ${key.coachId}::uuid as coach_id, ${key.language}::text as language,
        m::date as lo, least(${filter.to}::date, (m + interval '1 month')::date - 1) as hi
      from generate_series(date_trunc('month', ${filter.to}::date::timestamp) - interval '11 months', ${filter.to}::date::timestamp, interval '1 month') m)
    select g.month, ${between("h", "members")} as members,
      ${between("w30", "members")} as c30, ${between("w30", "retained30")} as r30,
      ${between("w60", "members")} as c60, ${between("w60", "retained60")} as r60,
      ${between("w90", "members")} as c90, ${between("w90", "retained90")} as r90
    from g
    ${totalsAt("report_retention_totals", sql`g.lo - 1`, "b")}
    ${totalsAt("report_retention_totals", sql`g.hi`, "h")}
    ${totalsAt("report_retention_totals", passed(30), "w30")}
    ${totalsAt("report_retention_totals", passed(60), "w60")}
    ${totalsAt("report_retention_totals", passed(90), "w90")}
    order by g.month`,
  );
  return found
    .filter((r) => num(r.members) > 0)
    .map((r) => ({
      month: String(r.month),
      members: num(r.members),
      windows: ([30, 60, 90] as const).map((d) => ({
        day: d,
        cohort: num(r[`c${d}`]),
        retained: num(r[`r${d}`]),
        rate: rate(num(r[`r${d}`]), num(r[`c${d}`])),
      })),
    }));
}

// ---------------------------------------------------------------------------------------------- revenue

export type RevenueLine = {
  packageId: string;
  packageName: string;
  currency: string;
  paid: number;
  paidMinor: number;
  failed: number;
  recovered: number;
  refunds: number;
  refundedMinor: number;
};

/** Payments in the period by package and currency (each currency on its own line; amounts are never added across currencies). */
export async function revenueByPackage(db: Database, filter: ReportFilter, locale: string): Promise<RevenueLine[]> {
  const packageFilter =
    filter.packageId === null ? sql`true` : sql`p.package_id = ${filter.packageId === "basic" ? NO_DIMENSION : filter.packageId}::uuid`;
  const found = await rows(
    db,
    sql`select p.package_id, coalesce(case when ${locale} = 'vi' then k.name_vi else k.name_en end, '—') as package_name, p.currency,
      sum(p.paid) as paid, sum(p.paid_minor) as paid_minor, sum(p.failed) as failed, sum(p.recovered) as recovered,
      sum(p.refunds) as refunds, sum(p.refunded_minor) as refunded_minor
    from report_payment_days p left join packages k on k.id = p.package_id
    where p.day between ${filter.from}::date and ${filter.to}::date and ${packageFilter}
    group by 1, 2, 3 order by 3, 2`,
  );
  return found.map((r) => ({
    packageId: String(r.package_id),
    packageName: String(r.package_name),
    currency: String(r.currency),
    paid: num(r.paid),
    paidMinor: num(r.paid_minor),
    failed: num(r.failed),
    recovered: num(r.recovered),
    refunds: num(r.refunds),
    refundedMinor: num(r.refunded_minor),
  }));
}

export type MrrLine = { packageName: string; currency: string; live: number; mrrMinor: number };

/** Monthly recurring revenue at the period's end, by package and currency. */
export async function mrrAt(db: Database, filter: ReportFilter, locale: string): Promise<MrrLine[]> {
  const packageFilter =
    filter.packageId === null ? sql`true` : sql`s.package_id = ${filter.packageId === "basic" ? NO_DIMENSION : filter.packageId}::uuid`;
  const found = await rows(
    db,
    sql`select coalesce(case when ${locale} = 'vi' then k.name_vi else k.name_en end, '—') as package_name, s.currency, s.live, s.mrr_minor
    from report_subscription_days s left join packages k on k.id = s.package_id
    where s.day = ${filter.to}::date and ${packageFilter} order by s.currency, package_name`,
  );
  return found.map((r) => ({
    packageName: String(r.package_name),
    currency: String(r.currency),
    live: num(r.live),
    mrrMinor: num(r.mrr_minor),
  }));
}

/** MRR per day and currency (for the trend charts, one per currency). */
export async function mrrByDay(db: Database, filter: ReportFilter): Promise<{ currency: string; days: DayValue[] }[]> {
  const packageFilter =
    filter.packageId === null ? sql`true` : sql`s.package_id = ${filter.packageId === "basic" ? NO_DIMENSION : filter.packageId}::uuid`;
  const found = await rows<{ currency: string; day: string; mrr: string }>(
    db,
    sql`with currencies as (select distinct currency from report_subscription_days s where s.day between ${filter.from}::date and ${filter.to}::date and ${packageFilter})
    select c.currency, g::date::text as day, coalesce(sum(s.mrr_minor), 0) as mrr
    from currencies c cross join generate_series(${filter.from}::date, ${filter.to}::date, interval '1 day') g
    left join report_subscription_days s on s.currency = c.currency and s.day = g::date and ${packageFilter}
    group by c.currency, g order by c.currency, g`,
  );
  const byCurrency = new Map<string, DayValue[]>();
  for (const r of found) {
    const list = byCurrency.get(r.currency) ?? [];
    list.push({ day: r.day, value: num(r.mrr) });
    byCurrency.set(r.currency, list);
  }
  return [...byCurrency].map(([currency, days]) => ({ currency, days }));
}

export type Churn = { liveAtStart: number; ended: number; started: number; rate: number | null };

/** Subscriptions ended in the period over those live on the day before it. */
export async function churn(db: Database, filter: ReportFilter): Promise<Churn> {
  const packageFilter =
    filter.packageId === null ? sql`true` : sql`s.package_id = ${filter.packageId === "basic" ? NO_DIMENSION : filter.packageId}::uuid`;
  const [r] = await rows(
    db,
    sql`select
      coalesce((select sum(live) from report_subscription_days s where s.day = ${addDays(filter.from, -1)}::date and ${packageFilter}), 0) as live_at_start,
      coalesce((select sum(ended) from report_subscription_days s where s.day between ${filter.from}::date and ${filter.to}::date and ${packageFilter}), 0) as ended,
      coalesce((select sum(started) from report_subscription_days s where s.day between ${filter.from}::date and ${filter.to}::date and ${packageFilter}), 0) as started`,
  );
  const liveAtStart = num(r!.live_at_start);
  const ended = num(r!.ended);
  return { liveAtStart, ended, started: num(r!.started), rate: rate(ended, liveAtStart) };
}

// A subscription is premium from the UTC day it was created up to the day before it ended (as report_subscription_days counts it live).
const PREMIUM_SPANS = sql`select s.user_id, s.package_id, (s.created_at at time zone 'UTC')::date as started_on,
    case when s.status = 'ended' then (coalesce(s.ended_at, s.updated_at) at time zone 'UTC')::date end as ended_on
  from subscriptions s where s.status <> 'incomplete'`;

/**
 * Premium retention (metrics.ts premiumRetention) over the period: the members premium on its first
 * day (in the filter's package, when there is one), and how many of them are premium on its last.
 * Read from subscriptions, one row per premium member, not from a rollup.
 */
export async function premiumRetentionIn(db: Database, filter: ReportFilter): Promise<ReturnType<typeof premiumRetention>> {
  const packageFilter =
    filter.packageId === null ? sql`true` : sql`c.package_id = ${filter.packageId === "basic" ? NO_DIMENSION : filter.packageId}::uuid`;
  const spans = await rows<{ user_id: string; started_on: string; ended_on: string | null }>(
    db,
    sql`with spans as (${PREMIUM_SPANS}),
    cohort as (select distinct c.user_id from spans c
      where c.started_on <= ${filter.from}::date and (c.ended_on is null or c.ended_on > ${filter.from}::date) and ${packageFilter})
    select s.user_id, s.started_on::text as started_on, s.ended_on::text as ended_on
    from spans s join cohort using (user_id)`,
  );
  const byMember = new Map<string, { startedOn: string; endedOn: string | null }[]>();
  for (const span of spans) {
    const list = byMember.get(span.user_id) ?? [];
    list.push({ startedOn: span.started_on, endedOn: span.ended_on });
    byMember.set(span.user_id, list);
  }
  return premiumRetention({
    members: [...byMember].map(([id, premiumSpans]) => ({ id, premiumSpans })),
    from: filter.from,
    to: filter.to,
  });
}

/**
 * Most-used premium features (metrics.ts premiumFeatureUse): what each member premium on a day of
 * the period did in it (UTC days): coach chat messages they sent, sessions booked, sessions held
 * and AI coach questions asked.
 */
export async function premiumFeaturesIn(db: Database, filter: ReportFilter): Promise<ReturnType<typeof premiumFeatureUse>> {
  const packageFilter =
    filter.packageId === null ? sql`true` : sql`s.package_id = ${filter.packageId === "basic" ? NO_DIMENSION : filter.packageId}::uuid`;
  const start = sql`(${filter.from}::date::timestamp at time zone 'UTC')`;
  const end = sql`((${filter.to}::date + 1)::timestamp at time zone 'UTC')`;
  const found = await rows(
    db,
    sql`with spans as (${PREMIUM_SPANS}),
    premium as (select distinct s.user_id from spans s
      where s.started_on <= ${filter.to}::date and (s.ended_on is null or s.ended_on > ${filter.from}::date) and ${packageFilter}),
    -- Set-based, each from an index on the member (messages_sender_created_idx for chat): a subquery per member read every message of their conversation.
    chat as (select p.user_id, count(*) as n from premium p
      join conversations c on c.member_id = p.user_id
      join messages m on m.conversation_id = c.id and m.sender_id = p.user_id and m.created_at >= ${start} and m.created_at < ${end}
      group by p.user_id),
    sessions as (select p.user_id,
        count(*) filter (where cs.created_at >= ${start} and cs.created_at < ${end}) as booked,
        count(*) filter (where cs.status = 'completed' and cs.starts_at >= ${start} and cs.starts_at < ${end}) as held
      from premium p join coaching_sessions cs on cs.member_id = p.user_id group by p.user_id),
    questions as (select p.user_id, count(*) as n from premium p
      join ai_coach_messages q on q.user_id = p.user_id and q.role = 'member' and q.kind = 'question' and q.created_at >= ${start} and q.created_at < ${end}
      group by p.user_id)
    select p.user_id, coalesce(chat.n, 0) as chat, coalesce(s.booked, 0) as booked, coalesce(s.held, 0) as held, coalesce(q.n, 0) as questions
    from premium p left join chat on chat.user_id = p.user_id left join sessions s on s.user_id = p.user_id left join questions q on q.user_id = p.user_id`,
  );
  return premiumFeatureUse({
    members: found.map((r) => ({
      id: String(r.user_id),
      uses: {
        coachChatMessages: num(r.chat),
        sessionsBooked: num(r.booked),
        sessionsHeld: num(r.held),
        aiCoachQuestions: num(r.questions),
      } satisfies Record<PremiumFeature, number>,
    })),
  });
}

export async function paymentsByDay(db: Database, filter: ReportFilter): Promise<{ paid: DayValue[]; failed: DayValue[] }> {
  const packageFilter =
    filter.packageId === null ? sql`true` : sql`p.package_id = ${filter.packageId === "basic" ? NO_DIMENSION : filter.packageId}::uuid`;
  const found = await rows<{ day: string; paid: string; failed: string }>(
    db,
    sql`select g::date::text as day, coalesce(sum(p.paid), 0) as paid, coalesce(sum(p.failed), 0) as failed
    from generate_series(${filter.from}::date, ${filter.to}::date, interval '1 day') g
    left join report_payment_days p on p.day = g::date and ${packageFilter}
    group by g order by g`,
  );
  return { paid: found.map((r) => ({ day: r.day, value: num(r.paid) })), failed: found.map((r) => ({ day: r.day, value: num(r.failed) })) };
}

// ---------------------------------------------------------------------------------------------- success

export type SuccessFigure = {
  measure: QuitSuccessMeasure;
  eligible: number;
  responders: number;
  abstinent: number;
  coVerified: number;
  rateIntentionToTreat: number | null;
  rateResponders: number | null;
};
export type SuccessGroup = { by: "all" | "cohort" | "package" | "coach"; key: string; label: string; figures: SuccessFigure[] };

/**
 * Every quitSuccess measure for attempts whose quit date is in the period: overall, by monthly quit-date
 * cohort, by package and by coach (`overallOnly`: the first alone). Each group is a range of quit dates
 * under one key of report_success_totals, so it reads a few rows by index whatever the number of
 * members: the running totals at the day before the range, at its end, and at the last quit date whose
 * follow-up window has passed for each measure (eligible: quit date + window end < asOf).
 */
export async function successGroups(
  db: Database,
  filter: ReportFilter,
  asOf: LocalDate,
  locale: string,
  options: { overallOnly?: boolean } = {},
): Promise<SuccessGroup[]> {
  const key = totalsKey(filter);
  const eligibleUpTo = (windowEndDay: number) => sql`greatest(g.lo - 1, least(g.hi, ${asOf}::date - ${windowEndDay + 1}::int))`;
  const columns = MEASURES.map(({ key: k }) => {
    const at = `x${k}`;
    return sql`${between(at, "attempts")} as ${sql.raw(`e${k}`)}, ${between(at, `answered${k}`)} as ${sql.raw(`r${k}`)},
      ${between(at, `abstinent${k}`)} as ${sql.raw(`a${k}`)}, ${between(at, `co_verified${k}`)} as ${sql.raw(`c${k}`)}`;
  });
  const from = sql`${filter.from}::date`;
  const to = sql`${filter.to}::date`;
  const pkg = sql`${key.packageId}::uuid`;
  const coach = sql`${key.coachId}::uuid`;
  const language = sql`${key.language}::text`;
  // The packages and coaches that have totals, one index probe each (a loose scan of the primary key); a filtered one is the only one.
  const groups = options.overallOnly
    ? sql`select 'all' as by, 'all' as key, 0 as sort, ${pkg} as package_id, ${coach} as coach_id, ${language} as language, '*' as currency, ${from} as lo, ${to} as hi`
    : sql`select 'all' as by, 'all' as key, 0 as sort, ${pkg} as package_id, ${coach} as coach_id, ${language} as language, '*' as currency, ${from} as lo, ${to} as hi
      union all select 'coach', id::text, 1, ${pkg}, id, ${language}, '*', ${from}, ${to} from coach_keys where id is not null and id <> ${ANY_DIMENSION}::uuid
      union all select 'package', id::text, 2, id, ${coach}, ${language}, '*', ${from}, ${to} from package_keys where id is not null and id <> ${ANY_DIMENSION}::uuid
      union all select 'cohort', to_char(m, 'YYYY-MM'), 3, ${pkg}, ${coach}, ${language}, '*', greatest(${from}, m::date), least(${to}, (m + interval '1 month')::date - 1)
        from generate_series(date_trunc('month', ${filter.from}::date::timestamp), ${filter.to}::date::timestamp, interval '1 month') m`;
  const packages =
    filter.packageId !== null
      ? sql`select ${pkg} as id`
      : sql`select id from (with recursive p(id) as (
          (select package_id from report_success_totals order by package_id limit 1)
          union all select (select t.package_id from report_success_totals t where t.package_id > p.id order by t.package_id limit 1) from p where p.id is not null)
        select id from p) p`;
  const coaches =
    filter.coachId !== null
      ? sql`select ${coach} as id`
      : sql`select id from (with recursive c(id) as (
          (select coach_id from report_success_totals where package_id = ${pkg} order by coach_id limit 1)
          union all select (select t.coach_id from report_success_totals t where t.package_id = ${pkg} and t.coach_id > c.id order by t.coach_id limit 1)
            from c where c.id is not null)
        select id from c) c`;
  const found = await rows(
    db,
    sql`with package_keys as (${packages}), coach_keys as (${coaches}), g as (${groups})
    select g.by, g.key, g.package_id, g.coach_id, ${between("h", "attempts")} as attempts,
      case when ${locale} = 'vi' then k.name_vi else k.name_en end as package_name, c.display_name as coach_name,
      ${sql.join(columns, sql`, `)}
    from g
    ${totalsAt("report_success_totals", sql`g.lo - 1`, "b")}
    ${totalsAt("report_success_totals", sql`g.hi`, "h")}
    ${sql.join(
      MEASURES.map(({ key: k, windowEndDay }) => totalsAt("report_success_totals", eligibleUpTo(windowEndDay), `x${k}`)),
      sql` `,
    )}
    left join packages k on g.by = 'package' and k.id = g.package_id
    left join users c on g.by = 'coach' and c.id = g.coach_id
    order by g.sort, g.package_id, g.coach_id, g.key`,
  );
  const figures = (r: Row): SuccessFigure[] =>
    MEASURES.map(({ measure, key }) => {
      const eligible = num(r[`e${key}`]);
      const responders = num(r[`r${key}`]);
      const abstinent = num(r[`a${key}`]);
      return {
        measure,
        eligible,
        responders,
        abstinent,
        coVerified: num(r[`c${key}`]),
        rateIntentionToTreat: rate(abstinent, eligible),
        rateResponders: rate(abstinent, responders),
      };
    });
  // A group with no attempt in the period is not shown; the overall figures always are.
  return found
    .filter((r) => r.by === "all" || num(r.attempts) > 0)
    .map((r): SuccessGroup => {
      if (r.by === "cohort") return { by: "cohort", key: String(r.key), label: String(r.key), figures: figures(r) };
      if (r.by === "package")
        return {
          by: "package",
          key: String(r.package_id),
          label: r.package_id === NO_DIMENSION ? "basic" : String(r.package_name ?? "—"),
          figures: figures(r),
        };
      if (r.by === "coach")
        return {
          by: "coach",
          key: String(r.coach_id),
          label: r.coach_id === NO_DIMENSION ? "" : String(r.coach_name ?? "—"),
          figures: figures(r),
        };
      return { by: "all", key: "all", label: "", figures: figures(r) };
    });
}

export type Savings = { currency: string; attempts: number; cigarettesAvoided: number; moneySavedMinor: number };

/** Self-reported: cigarettes avoided and money saved so far by attempts with a quit date in the period, per currency (report_success_totals). */
export async function savings(db: Database, filter: ReportFilter): Promise<Savings[]> {
  const key = totalsKey(filter);
  const pkg = sql`${key.packageId}::uuid`;
  const coach = sql`${key.coachId}::uuid`;
  const language = sql`${key.language}::text`;
  const found = await rows(
    db,
    sql`with recursive currencies(currency) as (
        (select currency from report_success_totals where package_id = ${pkg} and coach_id = ${coach} and language = ${language} order by currency limit 1)
        union all select (select t.currency from report_success_totals t
          where t.package_id = ${pkg} and t.coach_id = ${coach} and t.language = ${language} and t.currency > currencies.currency order by t.currency limit 1)
        from currencies where currencies.currency is not null),
      g as (select ${pkg} as package_id, ${coach} as coach_id, ${language} as language, currency, ${filter.from}::date as lo, ${filter.to}::date as hi
        from currencies where currency is not null and currency <> ${ANY_TEXT})
    select g.currency, ${between("h", "attempts")} as attempts, ${between("h", "cigarettes_avoided")} as avoided, ${between("h", "money_saved_minor")} as saved
    from g
    ${totalsAt("report_success_totals", sql`g.lo - 1`, "b")}
    ${totalsAt("report_success_totals", sql`g.hi`, "h")}
    order by g.currency`,
  );
  return found
    .filter((r) => num(r.attempts) > 0)
    .map((r) => ({
      currency: String(r.currency),
      attempts: num(r.attempts),
      cigarettesAvoided: num(r.avoided),
      moneySavedMinor: num(r.saved),
    }));
}

/** Rounds to one decimal, halves away from zero, as averageReduction does. */
function roundOneDecimal(value: number): number {
  const scaled = Math.round(Math.abs(value) * 10 * 1e6) / 1e6;
  const rounded = Math.floor(scaled + 0.5) / 10;
  return value < 0 ? -rounded : rounded;
}

/** averageReduction over the members of the filter (their last seven days before the rollups' day), now. */
export async function averageReductionNow(db: Database, filter: ReportFilter): Promise<{ members: number; percent: number | null }> {
  const [r] = await rows(
    db,
    sql`select coalesce(sum(m.reduction_members), 0) as members, sum(m.reduction_percent_sum) / nullif(sum(m.reduction_members), 0) as percent
    from report_member_totals m where ${dimensions(filter, "m")}`,
  );
  const members = num(r!.members);
  return { members, percent: members === 0 ? null : roundOneDecimal(Number(r!.percent)) };
}

/** brinkmanIndex over the rollups: the same members as averageReductionNow, with their years smoked. */
export async function brinkmanNow(
  db: Database,
  filter: ReportFilter,
): Promise<{ members: number; baseline: number | null; current: number | null }> {
  const [r] = await rows(
    db,
    sql`select coalesce(sum(m.brinkman_members), 0) as members, sum(m.brinkman_baseline_sum) as baseline, sum(m.brinkman_current_sum) as current
    from report_member_totals m where ${dimensions(filter, "m")}`,
  );
  const members = num(r!.members);
  if (members === 0) return { members: 0, baseline: null, current: null };
  return { members, baseline: roundOneDecimal(Number(r!.baseline) / members), current: roundOneDecimal(Number(r!.current) / members) };
}

// ---------------------------------------------------------------------------------------------- coaches

export type CoachLine = {
  coachId: string;
  name: string;
  load: number;
  assignments: number;
  assignedWithin24h: number;
  firstResponses: number;
  firstResponseMinutes: number | null;
  nextResponses: number;
  nextResponseMinutes: number | null;
  slaMissed: number;
  sessionsCompleted: number;
  sessionsMissed: number;
  ratings: number;
  rating: number | null;
};

/** Each coach's figures in the period (all coaches, or the one of the filter), with their current client load. */
export async function coachLines(db: Database, filter: Pick<ReportFilter, "from" | "to" | "coachId">): Promise<CoachLine[]> {
  const coachFilter = filter.coachId === null ? sql`true` : sql`u.id = ${filter.coachId}::uuid`;
  const found = await rows(
    db,
    sql`select u.id, u.display_name,
      (select count(*) from coach_assignments a where a.coach_id = u.id and a.status = 'active') as load,
      coalesce(sum(d.assignments), 0) as assignments, coalesce(sum(d.assigned_within24h), 0) as within24,
      coalesce(sum(d.first_responses), 0) as first_n, coalesce(sum(d.first_response_minutes), 0) as first_min,
      coalesce(sum(d.next_responses), 0) as next_n, coalesce(sum(d.next_response_minutes), 0) as next_min,
      coalesce(sum(d.sla_missed), 0) as missed, coalesce(sum(d.sessions_completed), 0) as completed,
      coalesce(sum(d.sessions_missed), 0) as no_show, coalesce(sum(d.ratings), 0) as ratings, coalesce(sum(d.rating_stars), 0) as stars
    from users u left join report_coach_days d on d.coach_id = u.id and d.day between ${filter.from}::date and ${filter.to}::date
    where u.role = 'coach' and ${coachFilter}
    group by u.id, u.display_name order by u.display_name, u.id`,
  );
  return found.map((r) => {
    const firstResponses = num(r.first_n);
    const nextResponses = num(r.next_n);
    const ratings = num(r.ratings);
    return {
      coachId: String(r.id),
      name: String(r.display_name),
      load: num(r.load),
      assignments: num(r.assignments),
      assignedWithin24h: num(r.within24),
      firstResponses,
      firstResponseMinutes: firstResponses === 0 ? null : num(r.first_min) / firstResponses,
      nextResponses,
      nextResponseMinutes: nextResponses === 0 ? null : num(r.next_min) / nextResponses,
      slaMissed: num(r.missed),
      sessionsCompleted: num(r.completed),
      sessionsMissed: num(r.no_show),
      ratings,
      rating: ratings === 0 ? null : num(r.stars) / ratings,
    };
  });
}

export type PickerOptions = { packages: { id: string; name: string }[]; coaches: { id: string; name: string }[] };

/** The picker's packages and coaches, in one round trip (every report page asks on every view). */
export async function pickerOptions(db: Database, locale: string): Promise<PickerOptions> {
  const [found] = await rows<{ packages: PickerOptions["packages"] | null; coaches: PickerOptions["coaches"] | null }>(
    db,
    sql`select
      (select json_agg(json_build_object('id', id, 'name', case when ${locale} = 'vi' then name_vi else name_en end) order by sort_order, name_en)
        from packages where slug <> 'basic') as packages,
      (select json_agg(json_build_object('id', id, 'name', display_name) order by display_name, id) from users where role = 'coach') as coaches`,
  );
  return { packages: found?.packages ?? [], coaches: found?.coaches ?? [] };
}

// ---------------------------------------------------------------------------------------------- community and content

const utcStart = (day: LocalDate) => sql`(${day}::date::timestamp at time zone 'UTC')`;
const utcEnd = (day: LocalDate) => sql`((${day}::date + 1)::timestamp at time zone 'UTC')`;

export type CommunityDay = { day: LocalDate; posts: number; comments: number; reports: number };

/**
 * Posts and comments written on each UTC day of the period by authors of the filter's package, coach
 * and language (report_community_days), and reports filed (all of them: a report is not split by
 * package, coach or language).
 */
export async function communityByDay(db: Database, filter: ReportFilter): Promise<CommunityDay[]> {
  // Staff and former members' kept posts belong to no package, coach or language: counted only when nothing is filtered.
  const split = filter.packageId !== null || filter.coachId !== null || filter.language !== null;
  const found = await rows(
    db,
    sql`with written as (select c.day, sum(c.posts) as posts, sum(c.comments) as comments from report_community_days c
        where c.day between ${filter.from}::date and ${filter.to}::date and ${dimensions(filter, "c")} ${split ? sql`and c.language <> ''` : sql``}
        group by c.day),
      filed as (select (created_at at time zone 'UTC')::date as day, count(*) as n from community_reports
        where created_at >= ${utcStart(filter.from)} and created_at < ${utcEnd(filter.to)} group by 1)
    select g::date::text as day, coalesce(w.posts, 0) as posts, coalesce(w.comments, 0) as comments, coalesce(f.n, 0) as reports
    from generate_series(${filter.from}::date, ${filter.to}::date, interval '1 day') g
    left join written w on w.day = g::date left join filed f on f.day = g::date
    order by g`,
  );
  return found.map((r) => ({ day: String(r.day), posts: num(r.posts), comments: num(r.comments), reports: num(r.reports) }));
}

export type ModerationLine = { reason: string } & ReturnType<typeof moderationTimes>;

/** Moderation of the reports filed in the period (metrics.ts moderationTimes), in all and by reason. */
export async function moderationIn(
  db: Database,
  period: { from: LocalDate; to: LocalDate },
  now: Date,
): Promise<{ all: ReturnType<typeof moderationTimes>; byReason: ModerationLine[] }> {
  const found = await rows<{ id: string; reason: string; reported_at: Date | string; decided_at: Date | string | null }>(
    db,
    sql`select id, reason, created_at as reported_at, resolved_at as decided_at from community_reports
    where created_at >= ${utcStart(period.from)} and created_at < ${utcEnd(period.to)}`,
  );
  const reports = found.map((r) => ({
    id: r.id,
    reason: r.reason,
    reportedAt: new Date(r.reported_at).toISOString(),
    decidedAt: r.decided_at === null ? null : new Date(r.decided_at).toISOString(),
  }));
  const at = now.toISOString();
  const reasons = [...new Set(reports.map((r) => r.reason))].sort();
  return {
    all: moderationTimes({ reports, now: at }),
    byReason: reasons.map((reason) => ({ reason, ...moderationTimes({ reports: reports.filter((r) => r.reason === reason), now: at }) })),
  };
}

export type HelpfulArticle = { articleId: string; title: string; votes: number; helpful: number; share: number };

/** The ten most helpful articles by the "was this helpful?" answers given (or changed) in the period, titled in the viewer's language when it exists. */
export async function mostHelpfulArticles(
  db: Database,
  period: { from: LocalDate; to: LocalDate },
  locale: string,
): Promise<HelpfulArticle[]> {
  const votes = await rows<{ subject_id: string; helpful: boolean }>(
    db,
    sql`select v.subject_id, v.helpful from helpful_votes v
    where v.subject = 'article' and v.updated_at >= ${utcStart(period.from)} and v.updated_at < ${utcEnd(period.to)}`,
  );
  const ranked = mostHelpful({ votes: votes.map((v) => ({ articleId: v.subject_id, helpful: v.helpful })), limit: 10 });
  if (ranked.length === 0) return [];
  const titles = await rows<{ id: string; title: string }>(
    db,
    sql`select distinct on (t.item_id) t.item_id::text as id, t.title from content_translations t
    where t.item_id::text in (${sql.join(
      ranked.map((r) => sql`${r.articleId}`),
      sql`, `,
    )})
    order by t.item_id, (t.locale::text = ${locale}) desc`,
  );
  const titleOf = new Map(titles.map((t) => [t.id, t.title]));
  // An answer about an article that was deleted since keeps its id: the table says so rather than dropping the votes.
  return ranked.map((r) => ({ ...r, title: titleOf.get(r.articleId) ?? "" }));
}

// ---------------------------------------------------------------------------------------------- platform

export type PlatformDay = { day: LocalDate; requests: number; errors: number; buckets: number[] };

/** Every server process's request counters (platform_request_minutes) added up per UTC day of the period, histograms bucket by bucket. */
export async function platformByDay(db: Database, period: { from: LocalDate; to: LocalDate }, bucketCount: number): Promise<PlatformDay[]> {
  const found = await rows<{ day: string; requests: string; errors: string; buckets: string | null }>(
    db,
    sql`with minutes as (select (minute at time zone 'UTC')::date as day, requests, errors, latency_buckets from platform_request_minutes
        where minute >= ${utcStart(period.from)} and minute < ${utcEnd(period.to)}),
      totals as (select day, sum(requests) as requests, sum(errors) as errors from minutes group by day),
      buckets as (select day, string_agg(n::text, ',' order by i) as buckets from (
        select m.day, u.i, sum(u.n) as n from minutes m cross join lateral unnest(m.latency_buckets) with ordinality as u(n, i) group by m.day, u.i) b
        group by day)
    select g::date::text as day, coalesce(t.requests, 0) as requests, coalesce(t.errors, 0) as errors, b.buckets
    from generate_series(${period.from}::date, ${period.to}::date, interval '1 day') g
    left join totals t on t.day = g::date left join buckets b on b.day = g::date
    order by g`,
  );
  return found.map((r) => ({
    day: r.day,
    requests: num(r.requests),
    errors: num(r.errors),
    buckets: r.buckets === null ? new Array<number>(bucketCount).fill(0) : r.buckets.split(",").map(Number),
  }));
}

// ---------------------------------------------------------------------------------------------- content reads

export type ReadArticle = { articleId: string; title: string; reads: number };

/** The ten most read articles in the period (distinct visitors per day, from the page's beacon), titled in the viewer's language when it exists. */
export async function mostReadArticles(db: Database, period: { from: LocalDate; to: LocalDate }, locale: string): Promise<ReadArticle[]> {
  const found = await rows<{ id: string; reads: string; title: string | null }>(
    db,
    sql`with totals as (select article_id, sum(count) as reads from article_read_days
        where day between ${period.from}::date and ${period.to}::date group by article_id order by reads desc, article_id limit 10)
    select t.article_id::text as id, t.reads,
      (select tr.title from content_translations tr where tr.item_id = t.article_id order by (tr.locale::text = ${locale}) desc limit 1) as title
    from totals t order by t.reads desc, t.article_id`,
  );
  return found.map((r) => ({ articleId: r.id, title: r.title ?? "", reads: num(r.reads) }));
}

// ---------------------------------------------------------------------------------------------- job queues and uptime

export type QueueHealth = { queue: string; queued: number; active: number; failed: number; oldestWaitingMinutes: number | null };

/**
 * Each pg-boss queue now (waiting, running, the oldest waiting job's age) and the jobs that failed
 * in the period (from its live and archive tables); empty until pg-boss has installed its schema.
 */
export async function queueHealth(db: Database, period: { from: LocalDate; to: LocalDate }, now: Date): Promise<QueueHealth[]> {
  const [installed] = await rows<{ job: boolean; archive: boolean }>(
    db,
    sql`select to_regclass('pgboss.job') is not null as job, to_regclass('pgboss.archive') is not null as archive`,
  );
  if (!installed?.job) return [];
  const at = now.toISOString();
  const failedIn = (table: string) =>
    sql`select name, count(*) as n from ${sql.raw(table)} where state = 'failed'
      and completed_on >= ${utcStart(period.from)} and completed_on < ${utcEnd(period.to)} group by name`;
  const failed = installed.archive ? sql`${failedIn("pgboss.job")} union all ${failedIn("pgboss.archive")}` : failedIn("pgboss.job");
  const found = await rows(
    db,
    sql`with live as (select name,
        count(*) filter (where state in ('created', 'retry')) as queued,
        count(*) filter (where state = 'active') as active,
        min(created_on) filter (where state in ('created', 'retry') and start_after <= ${at}::timestamptz) as oldest
      from pgboss.job group by name),
      failed as (select name, sum(n) as n from (${failed}) f group by name)
    select coalesce(l.name, f.name) as queue, coalesce(l.queued, 0) as queued, coalesce(l.active, 0) as active, coalesce(f.n, 0) as failed,
      extract(epoch from (${at}::timestamptz - l.oldest)) / 60 as oldest_minutes
    from live l full join failed f on f.name = l.name
    order by 1`,
  );
  return found.map((r) => ({
    queue: String(r.queue),
    queued: num(r.queued),
    active: num(r.active),
    failed: num(r.failed),
    oldestWaitingMinutes: r.oldest_minutes === null ? null : Math.max(0, Number(r.oldest_minutes)),
  }));
}

export type Uptime = { minutes: number; up: number; rate: number | null };

/** Minutes of the period (up to now) in which at least one server process wrote its heartbeat, over the period's minutes so far. */
export async function uptime(db: Database, period: { from: LocalDate; to: LocalDate }, now: Date): Promise<Uptime> {
  const [r] = await rows(
    db,
    sql`with bounds as (select ${utcStart(period.from)} as start,
        least(${utcEnd(period.to)}, date_trunc('minute', ${now.toISOString()}::timestamptz) + interval '1 minute') as stop)
    select greatest(0, floor(extract(epoch from (b.stop - b.start)) / 60)) as minutes,
      (select count(distinct h.minute) from platform_heartbeats h where h.minute >= b.start and h.minute < b.stop) as up
    from bounds b`,
  );
  const minutes = num(r!.minutes);
  const up = num(r!.up);
  return { minutes, up, rate: rate(up, minutes) };
}
