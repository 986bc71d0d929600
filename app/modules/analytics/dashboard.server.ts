import type { Database } from "#db/client.server";
import { boundedCache } from "~/lib/cache";
import { NO_DIMENSION } from "#db/schema";
import type { LocalDate } from "~/lib/local-date";
import type { AppLocale } from "~/lib/i18n";
import { type ReportPeriod, type ReportFilter } from "./period";
import { latencyPercentile, requestRates } from "./metrics";
import { LATENCY_BUCKETS_MS } from "./request-counters.server";
import { SECTION_FILTERS, type Cell, type Chart, type Figure, type ReportPage, type ReportSection, type ReportTable } from "./report-page";
import {
  activityByDay,
  activityByGroup,
  averageReductionNow,
  brinkmanNow,
  churn,
  coachLines,
  communityByDay,
  moderationIn,
  mostHelpfulArticles,
  growthSummary,
  mrrAt,
  mrrByDay,
  paymentsByDay,
  mostReadArticles,
  platformByDay,
  queueHealth,
  uptime,
  premiumFeaturesIn,
  premiumRetentionIn,
  reportFreshness,
  retentionCohorts,
  revenueByPackage,
  savings,
  signupsByDay,
  stickiness,
  successGroups,
  type CoachLine,
  type SuccessFigure,
  type SuccessGroup,
} from "./reports.server";

/** The targets the business flows set. */
export const TARGETS = {
  activation: 0.9,
  firstPlan48h: 0.7,
  conversion: 0.15,
  daysToConvert: 30,
  assignedWithin24h: 0.95,
  responseMinutes: 120,
  premiumRetention: 0.8,
} as const;

// A figure that is not a share of a cohort (a target, stickiness): never greyed as small.
const WHOLE = Number.MAX_SAFE_INTEGER;
const count = (value: number): Cell => ({ kind: "count", value });
const rateCell = (value: number | null, of: number): Cell => ({ kind: "rate", value, of });
const previousOf = (period: ReportPeriod): ReportFilter => ({ ...period, from: period.previous.from, to: period.previous.to });
const met = (value: number | null, target: number, higherIsBetter = true) =>
  value === null ? null : higherIsBetter ? value >= target : value <= target;

type Context = { db: Database; period: ReportPeriod; asOf: LocalDate; now: Date; locale: AppLocale };

// Pages are a function of the rollups and the time they were computed, so one computation serves every view until the next refresh.
const pages = boundedCache<string, Promise<ReportPage>>("report-pages", 200);

/**
 * A report section's figures, charts and tables for the period, with the previous period beside the
 * headline figures; as of the rollups' last refresh (windows and cohorts are judged at that time).
 */
export async function reportPage(
  db: Database,
  section: ReportSection,
  period: ReportPeriod,
  now: Date,
  locale: AppLocale,
): Promise<ReportPage> {
  // A filter the section is not split by does not change its figures: drop it, so it shares one cached page.
  const applies = SECTION_FILTERS[section];
  period = {
    ...period,
    packageId: applies.includes("package") ? period.packageId : null,
    coachId: applies.includes("coach") ? period.coachId : null,
    language: applies.includes("language") ? period.language : null,
  };
  const freshness = await reportFreshness(db);
  const at = freshness.computedAt ? new Date(freshness.computedAt) : now;
  const build = async (): Promise<ReportPage> => {
    const context: Context = { db, period, asOf: at.toISOString().slice(0, 10), now: at, locale };
    const built = await { growth, revenue, success, coaches, community, platform }[section](context);
    return { section, ...built, computedAt: freshness.computedAt };
  };
  if (!freshness.computedAt) return build();
  const key = JSON.stringify([section, period, locale, freshness.computedAt]);
  const pending = pages.getOrCreate(key, build);
  // A failed computation is not kept: the next view tries again.
  pending.catch(() => pages.delete(key));
  return pending;
}

type Built = Pick<ReportPage, "figures" | "charts" | "tables">;

async function growth({ db, period, asOf, now, locale }: Context): Promise<Built> {
  const [current, previous, signups, activity, previousActivity, cohorts, groups] = await Promise.all([
    growthSummary(db, period, asOf, now),
    growthSummary(db, previousOf(period), asOf, now),
    signupsByDay(db, period),
    activityByDay(db, period),
    activityByDay(db, period.previous),
    retentionCohorts(db, period, asOf),
    activityByGroup(db, period, locale),
  ]);
  const last = activity.at(-1) ?? { dau: 0, wau: 0, mau: 0 };
  const previousLast = previousActivity.at(-1) ?? { dau: 0, wau: 0, mau: 0 };
  const figures: Figure[] = [
    { label: "reports:growth.signups", current: count(current.signups), previous: count(previous.signups) },
    {
      label: "reports:growth.activation",
      current: rateCell(current.activation.rate, current.activation.cohort),
      previous: rateCell(previous.activation.rate, previous.activation.cohort),
      target: { cell: rateCell(TARGETS.activation, WHOLE), met: met(current.activation.rate, TARGETS.activation) },
    },
    {
      label: "reports:growth.firstPlan",
      current: rateCell(current.firstPlan48h.rate, current.firstPlan48h.cohort),
      previous: rateCell(previous.firstPlan48h.rate, previous.firstPlan48h.cohort),
      target: { cell: rateCell(TARGETS.firstPlan48h, WHOLE), met: met(current.firstPlan48h.rate, TARGETS.firstPlan48h) },
    },
    { label: "reports:growth.dau", current: count(last.dau), previous: count(previousLast.dau), note: "reports:growth.allMembers" },
    { label: "reports:growth.wau", current: count(last.wau), previous: count(previousLast.wau), note: "reports:growth.allMembers" },
    { label: "reports:growth.mau", current: count(last.mau), previous: count(previousLast.mau), note: "reports:growth.allMembers" },
    {
      label: "reports:growth.stickiness",
      current: { kind: "rate", value: stickiness(activity), of: WHOLE },
      previous: { kind: "rate", value: stickiness(previousActivity), of: WHOLE },
      note: "reports:growth.allMembers",
    },
  ];
  const charts: Chart[] = [
    {
      id: "signups",
      title: "reports:growth.signupsChart",
      description: "reports:growth.signupsChartDesc",
      series: [{ label: "reports:growth.signups", points: signups }],
    },
    {
      id: "activity",
      title: "reports:growth.activityChart",
      description: "reports:growth.activityChartDesc",
      series: [
        { label: "reports:growth.dau", points: activity.map((d) => ({ day: d.day, value: d.dau })) },
        { label: "reports:growth.wau", points: activity.map((d) => ({ day: d.day, value: d.wau })) },
        { label: "reports:growth.mau", points: activity.map((d) => ({ day: d.day, value: d.mau })) },
      ],
    },
  ];
  const tables: ReportTable[] = [
    {
      id: "retention",
      title: "reports:growth.retention",
      note: "reports:growth.retentionNote",
      columns: [
        "reports:columns.cohort",
        "reports:columns.members",
        "reports:columns.day30",
        "reports:columns.day60",
        "reports:columns.day90",
      ],
      rows: cohorts.map((c) => [
        { kind: "month", value: c.month },
        count(c.members),
        ...c.windows.map((w) => (w.cohort === 0 ? ({ kind: "text", value: "" } as Cell) : rateCell(w.rate, w.cohort))),
      ]),
    },
    {
      id: "signups",
      title: "reports:growth.signupsChart",
      columns: ["reports:columns.day", "reports:growth.signups"],
      rows: signups.map((d) => [{ kind: "day", value: d.day }, count(d.value)]),
    },
    {
      id: "activity",
      title: "reports:growth.activityChart",
      columns: ["reports:columns.day", "reports:growth.dau", "reports:growth.wau", "reports:growth.mau"],
      rows: activity.map((d) => [{ kind: "day", value: d.day }, count(d.dau), count(d.wau), count(d.mau)]),
    },
    activityGroupTable("activity-by-package", "reports:growth.activityByPackage", "reports:columns.package", groups, "package"),
    activityGroupTable("activity-by-coach", "reports:growth.activityByCoach", "reports:columns.coach", groups, "coach"),
  ];
  return { figures, charts, tables };
}

function activityGroupTable(
  id: string,
  title: string,
  first: string,
  groups: Awaited<ReturnType<typeof activityByGroup>>,
  dimension: "package" | "coach",
): ReportTable {
  return {
    id,
    title,
    note: "reports:growth.activityByGroupNote",
    columns: [first, "reports:growth.dau", "reports:growth.wau", "reports:growth.mau", "reports:growth.stickinessOnDay"],
    rows: groups
      .filter((g) => g.dimension === dimension)
      .map((g) => [
        g.key === NO_DIMENSION
          ? { kind: "label", key: dimension === "package" ? "reports:basic" : "reports:noCoach" }
          : { kind: "text", value: g.name },
        count(g.dau),
        count(g.wau),
        count(g.mau),
        { kind: "rate", value: g.mau === 0 ? null : g.dau / g.mau, of: WHOLE },
      ]),
  };
}

const FEATURE_LABEL = {
  coachChatMessages: "reports:revenue.features.coachChatMessages",
  sessionsBooked: "reports:revenue.features.sessionsBooked",
  sessionsHeld: "reports:revenue.features.sessionsHeld",
  aiCoachQuestions: "reports:revenue.features.aiCoachQuestions",
} as const;

async function revenue({ db, period, asOf, now, locale }: Context): Promise<Built> {
  const [current, previous, lines, previousLines, mrr, mrrDays, payments, churned, previousChurn] = await Promise.all([
    growthSummary(db, period, asOf, now),
    growthSummary(db, previousOf(period), asOf, now),
    revenueByPackage(db, period, locale),
    revenueByPackage(db, previousOf(period), locale),
    mrrAt(db, period, locale),
    mrrByDay(db, period),
    paymentsByDay(db, period),
    churn(db, period),
    churn(db, previousOf(period)),
  ]);
  const [retained, previousRetained, features] = await Promise.all([
    premiumRetentionIn(db, period),
    premiumRetentionIn(db, previousOf(period)),
    premiumFeaturesIn(db, period),
  ]);
  const successRate = (ls: typeof lines) => {
    const paid = ls.reduce((s, l) => s + l.paid, 0);
    const failed = ls.reduce((s, l) => s + l.failed, 0);
    return rateCell(paid + failed === 0 ? null : paid / (paid + failed), paid + failed);
  };
  const sum = (ls: typeof lines, key: "failed" | "recovered" | "refunds") => ls.reduce((s, l) => s + l[key], 0);
  const figures: Figure[] = [
    {
      label: "reports:revenue.conversion",
      current: rateCell(current.conversion.rate, current.conversion.signups),
      previous: rateCell(previous.conversion.rate, previous.conversion.signups),
      target: { cell: rateCell(TARGETS.conversion, WHOLE), met: met(current.conversion.rate, TARGETS.conversion) },
    },
    {
      label: "reports:revenue.daysToConvert",
      current: { kind: "decimal", value: current.conversion.medianDaysToConvert },
      previous: { kind: "decimal", value: previous.conversion.medianDaysToConvert },
      target: {
        cell: { kind: "decimal", value: TARGETS.daysToConvert },
        met: met(current.conversion.medianDaysToConvert, TARGETS.daysToConvert, false),
      },
    },
    { label: "reports:revenue.paymentSuccess", current: successRate(lines), previous: successRate(previousLines) },
    { label: "reports:revenue.failed", current: count(sum(lines, "failed")), previous: count(sum(previousLines, "failed")) },
    { label: "reports:revenue.recovered", current: count(sum(lines, "recovered")), previous: count(sum(previousLines, "recovered")) },
    { label: "reports:revenue.refunds", current: count(sum(lines, "refunds")), previous: count(sum(previousLines, "refunds")) },
    {
      label: "reports:revenue.churn",
      current: rateCell(churned.rate, churned.liveAtStart),
      previous: rateCell(previousChurn.rate, previousChurn.liveAtStart),
    },
    {
      label: "reports:revenue.premiumRetention",
      current: rateCell(retained.rate, retained.cohort),
      previous: rateCell(previousRetained.rate, previousRetained.cohort),
      target: { cell: rateCell(TARGETS.premiumRetention, WHOLE), met: met(retained.rate, TARGETS.premiumRetention) },
      note: "reports:revenue.premiumRetentionNote",
    },
  ];
  const charts: Chart[] = [
    ...mrrDays.map((m) => ({
      id: `mrr-${m.currency}`,
      title: "reports:revenue.mrrChart",
      description: "reports:revenue.mrrChartDesc",
      currency: m.currency,
      series: [{ label: m.currency, points: m.days }],
    })),
    {
      id: "payments",
      title: "reports:revenue.paymentsChart",
      description: "reports:revenue.paymentsChartDesc",
      series: [
        { label: "reports:revenue.paid", points: payments.paid },
        { label: "reports:revenue.failed", points: payments.failed },
      ],
    },
  ];
  const packageName = (id: string, name: string): Cell =>
    id === NO_DIMENSION ? { kind: "label", key: "reports:basic" } : { kind: "text", value: name };
  const tables: ReportTable[] = [
    {
      id: "revenue",
      title: "reports:revenue.byPackage",
      note: "reports:revenue.currencyNote",
      columns: [
        "reports:columns.package",
        "reports:columns.currency",
        "reports:revenue.paid",
        "reports:revenue.revenue",
        "reports:revenue.failed",
        "reports:revenue.recovered",
        "reports:revenue.refunds",
        "reports:revenue.refunded",
      ],
      rows: lines.map((l) => [
        packageName(l.packageId, l.packageName),
        { kind: "text", value: l.currency },
        count(l.paid),
        { kind: "money", minor: l.paidMinor, currency: l.currency },
        count(l.failed),
        count(l.recovered),
        count(l.refunds),
        { kind: "money", minor: l.refundedMinor, currency: l.currency },
      ]),
    },
    {
      id: "mrr",
      title: "reports:revenue.mrr",
      columns: ["reports:columns.package", "reports:columns.currency", "reports:revenue.subscribers", "reports:revenue.mrr"],
      rows: mrr.map((m) => [
        { kind: "text", value: m.packageName },
        { kind: "text", value: m.currency },
        count(m.live),
        { kind: "money", minor: m.mrrMinor, currency: m.currency },
      ]),
    },
    {
      id: "premium-features",
      title: "reports:revenue.featuresTable",
      note: "reports:revenue.featuresNote",
      columns: [
        "reports:columns.feature",
        "reports:revenue.premiumMembers",
        "reports:revenue.featureUsers",
        "reports:revenue.featureTotal",
        "reports:revenue.featurePerMember",
      ],
      // Nobody premium in the period: an empty table (its empty state), not four rows of zeros.
      rows: features
        .filter((f) => f.members > 0)
        .map((f) => [
          { kind: "label", key: FEATURE_LABEL[f.feature] },
          count(f.members),
          rateCell(f.using / f.members, f.members),
          count(f.total),
          { kind: "decimal", value: f.perMember },
        ]),
    },
  ];
  return { figures, charts, tables };
}

const MEASURE_LABEL: Record<SuccessFigure["measure"], string> = {
  "four-week-quit": "reports:success.fourWeek",
  "seven-day-point-prevalence-12-weeks": "reports:success.pointPrevalence12",
  "russell-26-weeks": "reports:success.russell26",
  "russell-52-weeks": "reports:success.russell52",
};

function successTable(id: string, title: string, groups: SuccessGroup[], first: string): ReportTable {
  return {
    id,
    title,
    note: "reports:success.note",
    columns: [
      first,
      "reports:columns.measure",
      "reports:columns.eligible",
      "reports:columns.responders",
      "reports:columns.abstinent",
      "reports:columns.intentionToTreat",
      "reports:columns.respondersOnly",
      "reports:columns.coVerified",
    ],
    rows: groups.flatMap((g) =>
      g.figures.map((f): Cell[] => [
        g.by === "cohort"
          ? { kind: "month", value: g.label }
          : g.by === "all"
            ? { kind: "label", key: "reports:success.allAttempts" }
            : g.label === "basic"
              ? { kind: "label", key: "reports:basic" }
              : g.label === ""
                ? { kind: "label", key: "reports:noCoach" }
                : { kind: "text", value: g.label },
        { kind: "label", key: MEASURE_LABEL[f.measure] },
        count(f.eligible),
        count(f.responders),
        count(f.abstinent),
        rateCell(f.rateIntentionToTreat, f.eligible),
        rateCell(f.rateResponders, f.responders),
        count(f.coVerified),
      ]),
    ),
  };
}

async function success({ db, period, asOf, locale }: Context): Promise<Built> {
  const [groups, previousGroups, saved, reduction, brinkman] = await Promise.all([
    successGroups(db, period, asOf, locale),
    successGroups(db, previousOf(period), asOf, locale, { overallOnly: true }),
    savings(db, period),
    averageReductionNow(db, period),
    brinkmanNow(db, period),
  ]);
  const overall = groups.find((g) => g.by === "all")!;
  const previousOverall = previousGroups.find((g) => g.by === "all")!;
  const figures: Figure[] = overall.figures.map((f, i) => ({
    label: MEASURE_LABEL[f.measure],
    current: rateCell(f.rateIntentionToTreat, f.eligible),
    previous: rateCell(previousOverall.figures[i]!.rateIntentionToTreat, previousOverall.figures[i]!.eligible),
    note: "reports:success.respondersBeside",
    target: undefined,
  }));
  figures.push({
    label: "reports:success.reduction",
    current: { kind: "decimal", value: reduction.percent },
    previous: null,
    note: "reports:success.reductionNote",
  });
  figures.push(
    {
      label: "reports:success.brinkmanBaseline",
      current: { kind: "decimal", value: brinkman.baseline },
      previous: null,
      note: "reports:success.brinkmanNote",
    },
    {
      label: "reports:success.brinkmanNow",
      current: { kind: "decimal", value: brinkman.current },
      previous: null,
      note: "reports:success.brinkmanNote",
    },
  );
  const tables: ReportTable[] = [
    successTable(
      "success",
      "reports:success.overall",
      groups.filter((g) => g.by === "all"),
      "reports:columns.group",
    ),
    successTable(
      "success-by-cohort",
      "reports:success.byCohort",
      groups.filter((g) => g.by === "cohort"),
      "reports:columns.cohort",
    ),
    successTable(
      "success-by-package",
      "reports:success.byPackage",
      groups.filter((g) => g.by === "package"),
      "reports:columns.package",
    ),
    successTable(
      "success-by-coach",
      "reports:success.byCoach",
      groups.filter((g) => g.by === "coach"),
      "reports:columns.coach",
    ),
    {
      id: "savings",
      title: "reports:success.savings",
      note: "reports:success.selfReported",
      columns: ["reports:columns.currency", "reports:columns.attempts", "reports:success.cigarettesAvoided", "reports:success.moneySaved"],
      rows: saved.map((s) => [
        { kind: "text", value: s.currency },
        count(s.attempts),
        count(s.cigarettesAvoided),
        { kind: "money", minor: s.moneySavedMinor, currency: s.currency },
      ]),
    },
  ];
  return { figures, charts: [], tables };
}

export function coachTable(lines: CoachLine[]): ReportTable {
  return {
    id: "coaches",
    title: "reports:coaches.table",
    columns: [
      "reports:columns.coach",
      "reports:coaches.load",
      "reports:coaches.assignments",
      "reports:coaches.within24h",
      "reports:coaches.firstResponse",
      "reports:coaches.nextResponse",
      "reports:coaches.slaMissed",
      "reports:coaches.completed",
      "reports:coaches.missed",
      "reports:coaches.rating",
    ],
    rows: lines.map((c) => [
      { kind: "text", value: c.name },
      count(c.load),
      count(c.assignments),
      rateCell(c.assignments === 0 ? null : c.assignedWithin24h / c.assignments, c.assignments),
      { kind: "minutes", value: c.firstResponseMinutes },
      { kind: "minutes", value: c.nextResponseMinutes },
      count(c.slaMissed),
      count(c.sessionsCompleted),
      count(c.sessionsMissed),
      { kind: "decimal", value: c.rating },
    ]),
  };
}

function coachFigures(lines: CoachLine[], previous: CoachLine[]): Figure[] {
  const totals = (ls: CoachLine[]) => {
    const assignments = ls.reduce((s, c) => s + c.assignments, 0);
    const within = ls.reduce((s, c) => s + c.assignedWithin24h, 0);
    const responses = ls.reduce((s, c) => s + c.firstResponses + c.nextResponses, 0);
    const minutes = ls.reduce(
      (s, c) => s + (c.firstResponseMinutes ?? 0) * c.firstResponses + (c.nextResponseMinutes ?? 0) * c.nextResponses,
      0,
    );
    const completed = ls.reduce((s, c) => s + c.sessionsCompleted, 0);
    const missed = ls.reduce((s, c) => s + c.sessionsMissed, 0);
    return {
      within24h: rateCell(assignments === 0 ? null : within / assignments, assignments),
      withinRate: assignments === 0 ? null : within / assignments,
      minutes: responses === 0 ? null : minutes / responses,
      slaMissed: ls.reduce((s, c) => s + c.slaMissed, 0),
      completion: rateCell(completed + missed === 0 ? null : completed / (completed + missed), completed + missed),
    };
  };
  const now = totals(lines);
  const before = totals(previous);
  return [
    {
      label: "reports:coaches.within24h",
      current: now.within24h,
      previous: before.within24h,
      target: { cell: rateCell(TARGETS.assignedWithin24h, WHOLE), met: met(now.withinRate, TARGETS.assignedWithin24h) },
    },
    {
      label: "reports:coaches.averageResponse",
      current: { kind: "minutes", value: now.minutes },
      previous: { kind: "minutes", value: before.minutes },
      target: { cell: { kind: "minutes", value: TARGETS.responseMinutes }, met: met(now.minutes, TARGETS.responseMinutes, false) },
    },
    { label: "reports:coaches.slaMissed", current: count(now.slaMissed), previous: count(before.slaMissed) },
    { label: "reports:coaches.completion", current: now.completion, previous: before.completion },
  ];
}

async function coaches({ db, period }: Context): Promise<Built> {
  const [lines, previous] = await Promise.all([coachLines(db, period), coachLines(db, previousOf(period))]);
  return { figures: coachFigures(lines, previous), charts: [], tables: [coachTable(lines)] };
}

const REASON_LABEL: Record<string, string> = {
  spam: "reports:community.reasons.spam",
  harassment: "reports:community.reasons.harassment",
  "self-harm": "reports:community.reasons.selfHarm",
  misinformation: "reports:community.reasons.misinformation",
  other: "reports:community.reasons.other",
};

// Posts and comments are split by their author's package, coach and language; reports, moderation and articles are not.
async function community({ db, period, now, locale }: Context): Promise<Built> {
  const [days, previousDays, moderation, previousModeration, helpful, read] = await Promise.all([
    communityByDay(db, period),
    communityByDay(db, previousOf(period)),
    moderationIn(db, period, now),
    moderationIn(db, period.previous, now),
    mostHelpfulArticles(db, period, locale),
    mostReadArticles(db, period, locale),
  ]);
  const total = (ds: typeof days, key: "posts" | "comments" | "reports") => ds.reduce((s, d) => s + d[key], 0);
  const split = period.packageId !== null || period.coachId !== null || period.language !== null;
  const figures: Figure[] = [
    { label: "reports:community.posts", current: count(total(days, "posts")), previous: count(total(previousDays, "posts")) },
    { label: "reports:community.comments", current: count(total(days, "comments")), previous: count(total(previousDays, "comments")) },
    {
      label: "reports:community.reports",
      current: count(total(days, "reports")),
      previous: count(total(previousDays, "reports")),
      note: split ? "reports:community.notSplit" : undefined,
    },
    {
      label: "reports:community.medianToDecision",
      current: { kind: "minutes", value: moderation.all.medianMinutesToDecision },
      previous: { kind: "minutes", value: previousModeration.all.medianMinutesToDecision },
      note: split ? "reports:community.notSplit" : "reports:community.medianNote",
    },
    { label: "reports:community.open", current: count(moderation.all.open), previous: count(previousModeration.all.open) },
    {
      label: "reports:community.oldestOpen",
      current: { kind: "minutes", value: moderation.all.oldestOpenMinutes },
      previous: null,
    },
  ];
  const charts: Chart[] = [
    {
      id: "community",
      title: "reports:community.chart",
      description: "reports:community.chartDesc",
      series: [
        { label: "reports:community.posts", points: days.map((d) => ({ day: d.day, value: d.posts })) },
        { label: "reports:community.comments", points: days.map((d) => ({ day: d.day, value: d.comments })) },
        { label: "reports:community.reports", points: days.map((d) => ({ day: d.day, value: d.reports })) },
      ],
    },
  ];
  const tables: ReportTable[] = [
    {
      id: "moderation",
      title: "reports:community.moderationTable",
      note: "reports:community.medianNote",
      columns: [
        "reports:columns.reason",
        "reports:community.reports",
        "reports:community.decided",
        "reports:community.open",
        "reports:community.medianToDecision",
      ],
      rows: moderation.byReason.map((m) => [
        REASON_LABEL[m.reason] ? { kind: "label", key: REASON_LABEL[m.reason]! } : { kind: "text", value: m.reason },
        count(m.reports),
        count(m.decided),
        count(m.open),
        { kind: "minutes", value: m.medianMinutesToDecision },
      ]),
    },
    {
      id: "read-articles",
      title: "reports:community.readTable",
      note: "reports:community.readNote",
      columns: ["reports:columns.article", "reports:community.reads"],
      rows: read.map((a) => [
        a.title === "" ? { kind: "label", key: "reports:community.deletedArticle" } : { kind: "text", value: a.title },
        count(a.reads),
      ]),
    },
    {
      id: "helpful-articles",
      title: "reports:community.helpfulTable",
      note: "reports:community.helpfulNote",
      columns: [
        "reports:columns.article",
        "reports:community.answers",
        "reports:community.helpfulAnswers",
        "reports:community.helpfulShare",
      ],
      rows: helpful.map((a) => [
        a.title === "" ? { kind: "label", key: "reports:community.deletedArticle" } : { kind: "text", value: a.title },
        count(a.votes),
        count(a.helpful),
        rateCell(a.share, a.votes),
      ]),
    },
    {
      id: "community",
      title: "reports:community.chart",
      columns: ["reports:columns.day", "reports:community.posts", "reports:community.comments", "reports:community.reports"],
      rows: days.map((d) => [{ kind: "day", value: d.day }, count(d.posts), count(d.comments), count(d.reports)]),
    },
  ];
  return { figures, charts, tables };
}

const p95 = (buckets: number[]) => latencyPercentile({ bounds: [...LATENCY_BUCKETS_MS], counts: buckets, q: 0.95 });
const addBuckets = (days: { buckets: number[] }[]) =>
  days.reduce((sum, d) => sum.map((n, i) => n + (d.buckets[i] ?? 0)), new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0));

// The server's own counters, kept per minute by each process; not split by package, coach or language.
async function platform({ db, period, now }: Context): Promise<Built> {
  // Counters are written live, not by the rollups: judge "now" by the clock, not by the last refresh.
  const clock = new Date(Math.max(now.getTime(), Date.now())).toISOString();
  const [days, previousDays, queues, up, previousUp] = await Promise.all([
    platformByDay(db, period, LATENCY_BUCKETS_MS.length + 1),
    platformByDay(db, period.previous, LATENCY_BUCKETS_MS.length + 1),
    queueHealth(db, period, new Date(clock)),
    uptime(db, period, new Date(clock)),
    uptime(db, period.previous, new Date(clock)),
  ]);
  const rates = (ds: typeof days, range: { from: string; to: string }) =>
    requestRates({
      requests: ds.reduce((s, d) => s + d.requests, 0),
      errors: ds.reduce((s, d) => s + d.errors, 0),
      from: range.from,
      to: range.to,
      now: clock,
    });
  const current = rates(days, period);
  const previous = rates(previousDays, period.previous);
  const requests = days.reduce((s, d) => s + d.requests, 0);
  const previousRequests = previousDays.reduce((s, d) => s + d.requests, 0);
  const ms = (value: number | null): Cell => (value === null ? { kind: "text", value: "—" } : { kind: "decimal", value });
  const figures: Figure[] = [
    {
      label: "reports:platform.perMinute",
      current: { kind: "decimal", value: current.perMinute },
      previous: { kind: "decimal", value: previous.perMinute },
    },
    {
      label: "reports:platform.errorRate",
      current: rateCell(current.errorRate, WHOLE),
      previous: rateCell(previous.errorRate, WHOLE),
      note: "reports:platform.errorNote",
    },
    {
      label: "reports:platform.p95",
      current: ms(p95(addBuckets(days))),
      previous: ms(p95(addBuckets(previousDays))),
      note: "reports:platform.p95Note",
    },
    { label: "reports:platform.requests", current: count(requests), previous: count(previousRequests) },
    {
      label: "reports:platform.uptime",
      current: rateCell(up.rate, WHOLE),
      previous: rateCell(previousUp.rate, WHOLE),
      note: "reports:platform.uptimeNote",
    },
  ];
  const charts: Chart[] = [
    {
      id: "platform",
      title: "reports:platform.chart",
      description: "reports:platform.chartDesc",
      series: [
        { label: "reports:platform.requests", points: days.map((d) => ({ day: d.day, value: d.requests })) },
        { label: "reports:platform.errors", points: days.map((d) => ({ day: d.day, value: d.errors })) },
      ],
    },
  ];
  const tables: ReportTable[] = [
    {
      id: "platform",
      title: "reports:platform.chart",
      note: "reports:platform.p95Note",
      columns: [
        "reports:columns.day",
        "reports:platform.requests",
        "reports:platform.errors",
        "reports:platform.errorRate",
        "reports:platform.p95",
      ],
      // Days before any counter was written are left out: an empty table says "nothing in this period".
      rows: days
        .filter((d) => d.requests > 0)
        .map((d) => [
          { kind: "day", value: d.day },
          count(d.requests),
          count(d.errors),
          rateCell(d.errors / d.requests, WHOLE),
          ms(p95(d.buckets)),
        ]),
    },
    {
      id: "queues",
      title: "reports:platform.queuesTable",
      note: "reports:platform.queuesNote",
      columns: [
        "reports:platform.queue",
        "reports:platform.queued",
        "reports:platform.active",
        "reports:platform.failed",
        "reports:platform.oldestWaiting",
      ],
      rows: queues.map((q) => [
        { kind: "text", value: q.queue },
        count(q.queued),
        count(q.active),
        count(q.failed),
        { kind: "minutes", value: q.oldestWaitingMinutes },
      ]),
    },
  ];
  return { figures, charts, tables };
}

/** A coach's own figures (/coach/reports): the same definitions, scoped to them in every query. */
export async function coachOwnReport(
  db: Database,
  coachId: string,
  period: ReportPeriod,
  now: Date,
  locale: AppLocale,
): Promise<ReportPage> {
  const asOf = now.toISOString().slice(0, 10);
  const own = { ...period, coachId, packageId: null, language: null };
  const [lines, previous, groups, freshness] = await Promise.all([
    coachLines(db, own),
    coachLines(db, previousOf(own as ReportPeriod)),
    successGroups(db, own, asOf, locale),
    reportFreshness(db),
  ]);
  return {
    section: "coaches",
    figures: coachFigures(lines, previous),
    charts: [],
    tables: [
      coachTable(lines),
      successTable(
        "success",
        "reports:success.overall",
        groups.filter((g) => g.by === "all"),
        "reports:columns.group",
      ),
    ],
    computedAt: freshness.computedAt,
  };
}
