import { FOLLOW_UPS, fourWeekQuit, russellStandard, sevenDayPointPrevalence, type FollowUpKey } from "~/modules/journey/outcomes";
import { isLocalDate, toDayNumber } from "~/lib/local-date";

/**
 * The definitions every report uses, as pure functions over plain records (the rollups and the
 * tests feed them the same shapes). Dates are members' local days ("YYYY-MM-DD"); a window "has
 * passed" when its last day is before `asOf`. A rate is a fraction (0–1), or null for an empty
 * cohort; bad input throws a MetricInputError instead of producing a figure.
 */

export class MetricInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MetricInputError";
  }
}

function dayNumber(value: string, what: string): number {
  if (!isLocalDate(value)) throw new MetricInputError(`${what} is not a date (YYYY-MM-DD): ${JSON.stringify(value)}`);
  return toDayNumber(value);
}

function wholeNumber(value: number, what: string, minimum: number): number {
  if (!Number.isInteger(value) || value < minimum)
    throw new MetricInputError(`${what} must be a whole number of at least ${minimum}: ${value}`);
  return value;
}

const rate = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/**
 * Retention on day `day`: members whose 7-day window starting `day` days after sign-up (days
 * `day` … `day + 6`) has passed form the cohort; those active on at least one day of it are retained.
 */
export function retentionRate(a: { members: { id: string; signedUpOn: string; activeDays: string[] }[]; day: number; asOf: string }): {
  cohort: number;
  retained: number;
  rate: number | null;
} {
  wholeNumber(a.day, "day", 1);
  const asOf = dayNumber(a.asOf, "asOf");
  let cohort = 0;
  let retained = 0;
  for (const member of a.members) {
    const first = dayNumber(member.signedUpOn, `signedUpOn of ${member.id}`) + a.day;
    const last = first + 6;
    const active = member.activeDays.map((d) => dayNumber(d, `an active day of ${member.id}`));
    if (last >= asOf) continue;
    cohort++;
    if (active.some((d) => d >= first && d <= last)) retained++;
  }
  return { cohort, retained, rate: rate(retained, cohort) };
}

/** Activation: of members whose window (sign-up day … sign-up day + `withinDays`) has passed, those who completed the smoking profile within it. */
export function activationRate(a: {
  members: { id: string; signedUpOn: string; profileCompletedOn: string | null }[];
  withinDays: number;
  asOf: string;
}): { cohort: number; activated: number; rate: number | null } {
  wholeNumber(a.withinDays, "withinDays", 0);
  const asOf = dayNumber(a.asOf, "asOf");
  let cohort = 0;
  let activated = 0;
  for (const member of a.members) {
    const signedUp = dayNumber(member.signedUpOn, `signedUpOn of ${member.id}`);
    const completed =
      member.profileCompletedOn === null ? null : dayNumber(member.profileCompletedOn, `profileCompletedOn of ${member.id}`);
    if (signedUp + a.withinDays >= asOf) continue;
    cohort++;
    if (completed !== null && completed >= signedUp && completed <= signedUp + a.withinDays) activated++;
  }
  return { cohort, activated, rate: rate(activated, cohort) };
}

/** The middle value, or the mean of the two middle values for an even count; null when there are none. */
function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Premium conversion of the members who signed up in `from` … `to` (inclusive), and the median days from sign-up to their first paid day. */
export function premiumConversion(a: {
  members: { id: string; signedUpOn: string; firstPaidOn: string | null }[];
  from: string;
  to: string;
}): { signups: number; converted: number; rate: number | null; medianDaysToConvert: number | null } {
  const from = dayNumber(a.from, "from");
  const to = dayNumber(a.to, "to");
  if (from > to) throw new MetricInputError(`the period is reversed: ${a.from} is after ${a.to}`);
  const daysToConvert: number[] = [];
  let signups = 0;
  for (const member of a.members) {
    const signedUp = dayNumber(member.signedUpOn, `signedUpOn of ${member.id}`);
    const paid = member.firstPaidOn === null ? null : dayNumber(member.firstPaidOn, `firstPaidOn of ${member.id}`);
    if (paid !== null && paid < signedUp)
      throw new MetricInputError(`${member.id} paid (${member.firstPaidOn}) before signing up (${member.signedUpOn})`);
    if (signedUp < from || signedUp > to) continue;
    signups++;
    if (paid !== null) daysToConvert.push(paid - signedUp);
  }
  return {
    signups,
    converted: daysToConvert.length,
    rate: rate(daysToConvert.length, signups),
    medianDaysToConvert: median(daysToConvert),
  };
}

export type FollowUpAnswers = {
  smokedSinceDay14?: boolean | null;
  smokedPast7Days?: boolean | null;
  cigarettesSinceGrace?: number | null;
  coPpm?: number | null;
};

export type QuitSuccessMeasure = "four-week-quit" | "seven-day-point-prevalence-12-weeks" | "russell-26-weeks" | "russell-52-weeks";

/** Which follow-up each measure reads, the question it needs answered, and the published definition that judges it. */
const MEASURES: Record<
  QuitSuccessMeasure,
  { followUp: FollowUpKey; answered: (a: FollowUpAnswers) => boolean; abstinent: (a: FollowUpAnswers) => boolean }
> = {
  "four-week-quit": {
    followUp: "4-weeks",
    answered: (a) => a.smokedSinceDay14 !== null && a.smokedSinceDay14 !== undefined,
    abstinent: (a) => fourWeekQuit({ smokedSinceDay14: a.smokedSinceDay14, coPpm: a.coPpm }),
  },
  "seven-day-point-prevalence-12-weeks": {
    followUp: "12-weeks",
    answered: (a) => a.smokedPast7Days !== null && a.smokedPast7Days !== undefined,
    abstinent: (a) => sevenDayPointPrevalence({ smokedPast7Days: a.smokedPast7Days, coPpm: a.coPpm }),
  },
  "russell-26-weeks": {
    followUp: "26-weeks",
    answered: (a) => a.cigarettesSinceGrace !== null && a.cigarettesSinceGrace !== undefined,
    abstinent: (a) => russellStandard({ cigarettesSinceGrace: a.cigarettesSinceGrace, coPpm: a.coPpm }),
  },
  "russell-52-weeks": {
    followUp: "52-weeks",
    answered: (a) => a.cigarettesSinceGrace !== null && a.cigarettesSinceGrace !== undefined,
    abstinent: (a) => russellStandard({ cigarettesSinceGrace: a.cigarettesSinceGrace, coPpm: a.coPpm }),
  },
};

/**
 * Quit success as cessation research reports it. Eligible: every attempt whose follow-up window
 * has passed, answered or not (intention to treat: the lost count as smoking). Responders: those
 * who answered the measure's question; the responders-only rate is shown beside, never instead.
 */
export function quitSuccess(a: {
  attempts: { memberId: string; quitDate: string; answers: Partial<Record<FollowUpKey, FollowUpAnswers>> }[];
  measure: QuitSuccessMeasure;
  asOf: string;
}): { eligible: number; responders: number; abstinent: number; rateIntentionToTreat: number | null; rateResponders: number | null } {
  const measure = MEASURES[a.measure];
  if (!measure) throw new MetricInputError(`unknown measure: ${JSON.stringify(a.measure)}`);
  const window = FOLLOW_UPS.find((f) => f.key === measure.followUp)!;
  const asOf = dayNumber(a.asOf, "asOf");
  let eligible = 0;
  let responders = 0;
  let abstinent = 0;
  for (const attempt of a.attempts) {
    const quit = dayNumber(attempt.quitDate, `quitDate of ${attempt.memberId}`);
    if (quit + window.windowEndDay >= asOf) continue;
    eligible++;
    const answers = attempt.answers[measure.followUp];
    if (!answers || !measure.answered(answers)) continue;
    responders++;
    if (measure.abstinent(answers)) abstinent++;
  }
  return { eligible, responders, abstinent, rateIntentionToTreat: rate(abstinent, eligible), rateResponders: rate(abstinent, responders) };
}

/** Rounds to one decimal, halves away from zero (12.25 → 12.3, −12.25 → −12.3), without binary fractions tipping it. */
function roundOneDecimal(value: number): number {
  const scaled = Math.round(Math.abs(value) * 10 * 1e6) / 1e6;
  const rounded = Math.floor(scaled + 0.5) / 10;
  return value < 0 ? -rounded : rounded;
}

/**
 * Average reduction in cigarettes per day against the baseline, over members with a baseline
 * above 0 and all of the last seven days known; negative when members smoke more than before.
 */
export function averageReduction(a: { members: { baselinePerDay: number; last7Days: (number | null)[] }[] }): {
  members: number;
  percent: number | null;
} {
  const reductions: number[] = [];
  for (const member of a.members) {
    if (!Number.isFinite(member.baselinePerDay) || member.baselinePerDay < 0) {
      throw new MetricInputError(`a baseline must be a count of at least 0: ${member.baselinePerDay}`);
    }
    if (member.last7Days.length !== 7) throw new MetricInputError(`last7Days must hold seven days, not ${member.last7Days.length}`);
    for (const count of member.last7Days) {
      if (count !== null && (!Number.isFinite(count) || count < 0))
        throw new MetricInputError(`a day's count must be at least 0: ${count}`);
    }
    if (member.baselinePerDay === 0 || member.last7Days.some((count) => count === null)) continue;
    const mean = (member.last7Days as number[]).reduce((sum, count) => sum + count, 0) / 7;
    reductions.push(((member.baselinePerDay - mean) / member.baselinePerDay) * 100);
  }
  if (reductions.length === 0) return { members: 0, percent: null };
  return { members: reductions.length, percent: roundOneDecimal(reductions.reduce((sum, r) => sum + r, 0) / reductions.length) };
}

/**
 * The Brinkman index (cigarettes per day × years smoked) of members at their baseline and at their current
 * consumption (the mean of the last seven days, over the same years), each averaged over the members with a
 * baseline above 0 and all seven days known (averageReduction's members), rounded to one decimal.
 */
export function brinkmanIndex(a: { members: { baselinePerDay: number; yearsSmoked: number; last7Days: (number | null)[] }[] }): {
  members: number;
  baseline: number | null;
  current: number | null;
} {
  let members = 0;
  let baseline = 0;
  let current = 0;
  for (const member of a.members) {
    if (!Number.isFinite(member.yearsSmoked) || member.yearsSmoked < 0) {
      throw new MetricInputError(`years smoked must be at least 0: ${member.yearsSmoked}`);
    }
    if (!Number.isFinite(member.baselinePerDay) || member.baselinePerDay < 0) {
      throw new MetricInputError(`a baseline must be a count of at least 0: ${member.baselinePerDay}`);
    }
    if (member.last7Days.length !== 7) throw new MetricInputError(`last7Days must hold seven days, not ${member.last7Days.length}`);
    for (const count of member.last7Days) {
      if (count !== null && (!Number.isFinite(count) || count < 0))
        throw new MetricInputError(`a day's count must be at least 0: ${count}`);
    }
    if (member.baselinePerDay === 0 || member.last7Days.some((count) => count === null)) continue;
    const mean = (member.last7Days as number[]).reduce((sum, count) => sum + count, 0) / 7;
    members++;
    baseline += member.baselinePerDay * member.yearsSmoked;
    current += mean * member.yearsSmoked;
  }
  if (members === 0) return { members: 0, baseline: null, current: null };
  return { members, baseline: roundOneDecimal(baseline / members), current: roundOneDecimal(current / members) };
}

/**
 * Premium retention over `from` … `to`: the cohort is the members premium on `from` (a span with
 * `startedOn` ≤ `from` and no `endedOn`, or `endedOn` after it: a span is premium up to the day
 * before it ended); retained, those of them premium on `to`, whichever package they hold then.
 */
export function premiumRetention(a: {
  members: { id: string; premiumSpans: { startedOn: string; endedOn: string | null }[] }[];
  from: string;
  to: string;
}): { cohort: number; retained: number; rate: number | null } {
  const from = dayNumber(a.from, "from");
  const to = dayNumber(a.to, "to");
  if (from > to) throw new MetricInputError(`the period is reversed: ${a.from} is after ${a.to}`);
  let cohort = 0;
  let retained = 0;
  for (const member of a.members) {
    const spans = member.premiumSpans.map((span) => {
      const started = dayNumber(span.startedOn, `startedOn of ${member.id}`);
      const ended = span.endedOn === null ? null : dayNumber(span.endedOn, `endedOn of ${member.id}`);
      if (ended !== null && ended < started)
        throw new MetricInputError(`${member.id}'s premium ended (${span.endedOn}) before it started (${span.startedOn})`);
      return { started, ended };
    });
    const premiumOn = (day: number) => spans.some((s) => s.started <= day && (s.ended === null || s.ended > day));
    if (!premiumOn(from)) continue;
    cohort++;
    if (premiumOn(to)) retained++;
  }
  return { cohort, retained, rate: rate(retained, cohort) };
}

export const PREMIUM_FEATURES = ["coachChatMessages", "sessionsBooked", "sessionsHeld", "aiCoachQuestions"] as const;
export type PremiumFeature = (typeof PREMIUM_FEATURES)[number];

/**
 * How much premium members used each premium feature in a period: `members` are the members premium
 * on at least one day of it, with what each of them did in it; per feature, how many used it at all,
 * the total, and the total per premium member (null when nobody was premium). Most used first.
 */
export function premiumFeatureUse(a: { members: { id: string; uses: Record<PremiumFeature, number> }[] }): {
  feature: PremiumFeature;
  members: number;
  using: number;
  total: number;
  perMember: number | null;
}[] {
  const lines = PREMIUM_FEATURES.map((feature) => {
    let using = 0;
    let total = 0;
    for (const member of a.members) {
      const n = wholeNumber(member.uses[feature], `${feature} of ${member.id}`, 0);
      total += n;
      if (n > 0) using++;
    }
    return { feature, members: a.members.length, using, total, perMember: rate(total, a.members.length) };
  });
  // Most used first; a tie keeps the fixed order, so the table is stable.
  return lines.sort((x, y) => y.total - x.total || PREMIUM_FEATURES.indexOf(x.feature) - PREMIUM_FEATURES.indexOf(y.feature));
}

function instant(value: string, what: string): number {
  const ms = Date.parse(value);
  if (!/^\d{4}-\d\d-\d\dT/.test(value) || Number.isNaN(ms))
    throw new MetricInputError(`${what} is not a time (ISO 8601): ${JSON.stringify(value)}`);
  return ms;
}

/**
 * Moderation of the community reports filed in a period: decided, those with a moderator's
 * decision; open, those still waiting; the median minutes from the report to its decision over
 * the decided ones (null when none is); the oldest open report's wait in minutes at `now`.
 */
export function moderationTimes(a: { reports: { id: string; reportedAt: string; decidedAt: string | null }[]; now: string }): {
  reports: number;
  decided: number;
  open: number;
  medianMinutesToDecision: number | null;
  oldestOpenMinutes: number | null;
} {
  const now = instant(a.now, "now");
  const minutes: number[] = [];
  let oldestOpen: number | null = null;
  for (const report of a.reports) {
    const reported = instant(report.reportedAt, `reportedAt of ${report.id}`);
    if (report.decidedAt === null) {
      const waited = Math.max(0, now - reported) / 60_000;
      oldestOpen = oldestOpen === null ? waited : Math.max(oldestOpen, waited);
      continue;
    }
    const decided = instant(report.decidedAt, `decidedAt of ${report.id}`);
    if (decided < reported)
      throw new MetricInputError(`${report.id} was decided (${report.decidedAt}) before it was reported (${report.reportedAt})`);
    minutes.push((decided - reported) / 60_000);
  }
  return {
    reports: a.reports.length,
    decided: minutes.length,
    open: a.reports.length - minutes.length,
    medianMinutesToDecision: median(minutes),
    oldestOpenMinutes: oldestOpen,
  };
}

/**
 * The most helpful articles: each article's "was this helpful?" answers, ranked by the number of
 * "yes" (a share alone would put one lone "yes" first), then by its share; unanswered articles are left out.
 */
export function mostHelpful(a: { votes: { articleId: string; helpful: boolean }[]; limit: number }): {
  articleId: string;
  votes: number;
  helpful: number;
  share: number;
}[] {
  wholeNumber(a.limit, "limit", 1);
  const byArticle = new Map<string, { votes: number; helpful: number }>();
  for (const vote of a.votes) {
    const line = byArticle.get(vote.articleId) ?? { votes: 0, helpful: 0 };
    line.votes++;
    if (vote.helpful) line.helpful++;
    byArticle.set(vote.articleId, line);
  }
  return [...byArticle]
    .map(([articleId, line]) => ({ articleId, ...line, share: line.helpful / line.votes }))
    .sort((x, y) => y.helpful - x.helpful || y.share - x.share || x.articleId.localeCompare(y.articleId))
    .slice(0, a.limit);
}

/**
 * A percentile (0 < q ≤ 1) of latencies counted in a histogram: `counts[i]` requests took at most
 * `bounds[i]` ms (and more than the bound before); the last count, beyond every bound, has none.
 * The answer is the upper bound of the bucket holding the q-th request (null: no requests, or it
 * fell past the last bound, so the histogram cannot say).
 */
export function latencyPercentile(a: { bounds: number[]; counts: number[]; q: number }): number | null {
  if (!(a.q > 0 && a.q <= 1)) throw new MetricInputError(`q must be in (0, 1]: ${a.q}`);
  if (a.counts.length !== a.bounds.length + 1)
    throw new MetricInputError(`a histogram has one count per bound and one beyond: ${a.bounds.length} bounds, ${a.counts.length} counts`);
  a.bounds.forEach((b, i) => {
    if (!(b > 0) || (i > 0 && b <= a.bounds[i - 1]!))
      throw new MetricInputError(`bounds must be positive and increasing: ${a.bounds.join(", ")}`);
  });
  const counts = a.counts.map((c, i) => wholeNumber(c, `count ${i}`, 0));
  const total = counts.reduce((s, c) => s + c, 0);
  if (total === 0) return null;
  const rank = Math.ceil(a.q * total);
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    seen += counts[i]!;
    if (seen >= rank) return i < a.bounds.length ? a.bounds[i]! : null;
  }
  return null;
}

/**
 * Requests per minute over the UTC days `from` … `to`, counting only the minutes that have begun
 * by `now` (today is not over; a period wholly in the future has no rate); errors are a share of requests.
 */
export function requestRates(a: { requests: number; errors: number; from: string; to: string; now: string }): {
  perMinute: number | null;
  errorRate: number | null;
} {
  const from = dayNumber(a.from, "from");
  const to = dayNumber(a.to, "to");
  if (from > to) throw new MetricInputError(`the period is reversed: ${a.from} is after ${a.to}`);
  const requests = wholeNumber(a.requests, "requests", 0);
  const errors = wholeNumber(a.errors, "errors", 0);
  if (errors > requests) throw new MetricInputError(`more errors (${errors}) than requests (${requests})`);
  const start = Date.parse(`${a.from}T00:00:00Z`);
  const end = Math.min(Date.parse(`${a.to}T00:00:00Z`) + 86_400_000, instant(a.now, "now"));
  const minutes = Math.ceil((end - start) / 60_000);
  return { perMinute: minutes <= 0 ? null : requests / minutes, errorRate: rate(errors, requests) };
}
