import { describe, expect, it } from "vitest";
import {
  activationRate,
  averageReduction,
  MetricInputError,
  premiumConversion,
  premiumFeatureUse,
  premiumRetention,
  moderationTimes,
  mostHelpful,
  latencyPercentile,
  requestRates,
  quitSuccess,
  retentionRate,
  brinkmanIndex,
} from "./metrics";

describe("retentionRate", () => {
  const member = (id: string, signedUpOn: string, activeDays: string[]) => ({ id, signedUpOn, activeDays });

  it("counts a member retained when one active day falls in days day … day + 6 after sign-up", () => {
    const members = [
      member("a", "2026-01-01", ["2026-01-31"]), // day 30: first day of the window
      member("b", "2026-01-01", ["2026-02-06"]), // day 36: last day of the window
      member("c", "2026-01-01", ["2026-01-30", "2026-02-07"]), // days 29 and 37: just outside
      member("d", "2026-01-01", []),
    ];
    expect(retentionRate({ members, day: 30, asOf: "2026-03-01" })).toEqual({ cohort: 4, retained: 2, rate: 0.5 });
  });

  it("leaves out members whose window has not passed (its last day is not before asOf)", () => {
    const members = [member("a", "2026-01-01", ["2026-01-08"]), member("b", "2026-01-02", ["2026-01-09"])];
    // a's window is days 7–13 (2026-01-08 … 2026-01-14): passed on 2026-01-15, not on 2026-01-14.
    expect(retentionRate({ members, day: 7, asOf: "2026-01-14" })).toEqual({ cohort: 0, retained: 0, rate: null });
    expect(retentionRate({ members, day: 7, asOf: "2026-01-15" })).toEqual({ cohort: 1, retained: 1, rate: 1 });
  });

  it("has no rate for an empty cohort, and refuses day 0, fractions and unparseable dates", () => {
    expect(retentionRate({ members: [], day: 1, asOf: "2026-01-01" }).rate).toBeNull();
    expect(() => retentionRate({ members: [], day: 0, asOf: "2026-01-01" })).toThrow(MetricInputError);
    expect(() => retentionRate({ members: [], day: 1.5, asOf: "2026-01-01" })).toThrow(MetricInputError);
    expect(() => retentionRate({ members: [], day: 1, asOf: "2026-02-30" })).toThrow(MetricInputError);
    expect(() => retentionRate({ members: [member("a", "01/02/2026", [])], day: 1, asOf: "2026-03-01" })).toThrow(/signedUpOn of a/);
    expect(() => retentionRate({ members: [member("a", "2026-01-01", ["soon"])], day: 1, asOf: "2026-03-01" })).toThrow(MetricInputError);
  });
});

describe("activationRate", () => {
  const member = (id: string, signedUpOn: string, profileCompletedOn: string | null) => ({ id, signedUpOn, profileCompletedOn });

  it("counts profiles completed from the sign-up day to sign-up day + withinDays", () => {
    const members = [
      member("same-day", "2026-03-01", "2026-03-01"),
      member("last-day", "2026-03-01", "2026-03-08"),
      member("too-late", "2026-03-01", "2026-03-09"),
      member("never", "2026-03-01", null),
    ];
    expect(activationRate({ members, withinDays: 7, asOf: "2026-04-01" })).toEqual({ cohort: 4, activated: 2, rate: 0.5 });
  });

  it("waits until the whole window has passed", () => {
    const members = [member("a", "2026-03-01", "2026-03-02")];
    expect(activationRate({ members, withinDays: 7, asOf: "2026-03-08" }).cohort).toBe(0);
    expect(activationRate({ members, withinDays: 7, asOf: "2026-03-09" })).toEqual({ cohort: 1, activated: 1, rate: 1 });
  });

  it("refuses a negative window and bad dates", () => {
    expect(() => activationRate({ members: [], withinDays: -1, asOf: "2026-03-09" })).toThrow(MetricInputError);
    expect(() => activationRate({ members: [member("a", "2026-03-01", "yesterday")], withinDays: 7, asOf: "2026-04-01" })).toThrow(
      MetricInputError,
    );
  });
});

describe("premiumConversion", () => {
  const member = (id: string, signedUpOn: string, firstPaidOn: string | null) => ({ id, signedUpOn, firstPaidOn });

  it("counts sign-ups in the period, inclusive, and the median days to the first paid day", () => {
    const members = [
      member("before", "2026-04-30", "2026-05-01"),
      member("first-day", "2026-05-01", "2026-05-03"), // 2 days
      member("mid", "2026-05-10", "2026-05-20"), // 10 days
      member("last-day", "2026-05-31", "2026-06-30"), // 30 days
      member("free", "2026-05-15", null),
      member("after", "2026-06-01", "2026-06-01"),
    ];
    expect(premiumConversion({ members, from: "2026-05-01", to: "2026-05-31" })).toEqual({
      signups: 4,
      converted: 3,
      rate: 0.75,
      medianDaysToConvert: 10,
    });
  });

  it("takes the mean of the two middle values for an even count, and has nothing for nobody", () => {
    const members = [member("a", "2026-05-01", "2026-05-02"), member("b", "2026-05-01", "2026-05-05")];
    expect(premiumConversion({ members, from: "2026-05-01", to: "2026-05-01" }).medianDaysToConvert).toBe(2.5);
    expect(premiumConversion({ members: [], from: "2026-05-01", to: "2026-05-31" })).toEqual({
      signups: 0,
      converted: 0,
      rate: null,
      medianDaysToConvert: null,
    });
  });

  it("refuses a reversed period and a payment before the sign-up", () => {
    expect(() => premiumConversion({ members: [], from: "2026-06-01", to: "2026-05-01" })).toThrow(/reversed/);
    expect(() => premiumConversion({ members: [member("a", "2026-05-02", "2026-05-01")], from: "2026-05-01", to: "2026-05-31" })).toThrow(
      MetricInputError,
    );
  });
});

describe("quitSuccess", () => {
  // 4-week window closes on day 42 after the quit date: 2026-01-01 + 42 = 2026-02-12.
  const asOf = "2026-02-13";

  it("divides by everyone eligible (intention to treat) and shows the responders-only rate beside it", () => {
    const attempts = [
      { memberId: "quit", quitDate: "2026-01-01", answers: { "4-weeks": { smokedSinceDay14: false } } },
      { memberId: "smoked", quitDate: "2026-01-01", answers: { "4-weeks": { smokedSinceDay14: true } } },
      { memberId: "lost", quitDate: "2026-01-01", answers: {} },
      { memberId: "skipped-question", quitDate: "2026-01-01", answers: { "4-weeks": { smokedSinceDay14: null } } },
    ];
    expect(quitSuccess({ attempts, measure: "four-week-quit", asOf })).toEqual({
      eligible: 4,
      responders: 2,
      abstinent: 1,
      rateIntentionToTreat: 0.25,
      rateResponders: 0.5,
    });
  });

  it("lets a CO reading of 10 ppm or more override a 'not smoking' answer", () => {
    const attempts = [
      { memberId: "co-9", quitDate: "2026-01-01", answers: { "4-weeks": { smokedSinceDay14: false, coPpm: 9 } } },
      { memberId: "co-10", quitDate: "2026-01-01", answers: { "4-weeks": { smokedSinceDay14: false, coPpm: 10 } } },
    ];
    const result = quitSuccess({ attempts, measure: "four-week-quit", asOf });
    expect(result).toMatchObject({ eligible: 2, responders: 2, abstinent: 1 });
  });

  it("leaves out attempts whose follow-up window has not passed", () => {
    const attempts = [{ memberId: "a", quitDate: "2026-01-01", answers: { "4-weeks": { smokedSinceDay14: false } } }];
    expect(quitSuccess({ attempts, measure: "four-week-quit", asOf: "2026-02-12" })).toEqual({
      eligible: 0,
      responders: 0,
      abstinent: 0,
      rateIntentionToTreat: null,
      rateResponders: null,
    });
  });

  it("reads the 12-week point prevalence and the Russell Standard at 26 and 52 weeks from their own questions", () => {
    const quitDate = "2025-01-01";
    const attempts = [
      {
        memberId: "a",
        quitDate,
        answers: {
          "12-weeks": { smokedPast7Days: false },
          "26-weeks": { cigarettesSinceGrace: 5 },
          "52-weeks": { cigarettesSinceGrace: 6 },
        },
      },
      { memberId: "b", quitDate, answers: { "12-weeks": { smokedSinceDay14: false }, "26-weeks": { cigarettesSinceGrace: 0, coPpm: 12 } } },
    ];
    const at = "2026-06-01";
    expect(quitSuccess({ attempts, measure: "seven-day-point-prevalence-12-weeks", asOf: at })).toMatchObject({
      eligible: 2,
      responders: 1,
      abstinent: 1,
    });
    expect(quitSuccess({ attempts, measure: "russell-26-weeks", asOf: at })).toMatchObject({ eligible: 2, responders: 2, abstinent: 1 });
    expect(quitSuccess({ attempts, measure: "russell-52-weeks", asOf: at })).toMatchObject({
      eligible: 2,
      responders: 1,
      abstinent: 0,
      rateIntentionToTreat: 0,
    });
  });

  it("refuses an unknown measure, a bad quit date and impossible answers", () => {
    expect(() => quitSuccess({ attempts: [], measure: "ever-quit" as never, asOf })).toThrow(MetricInputError);
    expect(() =>
      quitSuccess({ attempts: [{ memberId: "a", quitDate: "2026-13-01", answers: {} }], measure: "four-week-quit", asOf }),
    ).toThrow(MetricInputError);
    expect(() =>
      quitSuccess({
        attempts: [{ memberId: "a", quitDate: "2025-01-01", answers: { "26-weeks": { cigarettesSinceGrace: -1 } } }],
        measure: "russell-26-weeks",
        asOf,
      }),
    ).toThrow();
  });
});

describe("averageReduction", () => {
  it("averages each member's reduction against their baseline, over members with all seven days known", () => {
    const result = averageReduction({
      members: [
        { baselinePerDay: 20, last7Days: [10, 10, 10, 10, 10, 10, 10] }, // 50%
        { baselinePerDay: 10, last7Days: [0, 0, 0, 0, 0, 0, 0] }, // 100%
        { baselinePerDay: 10, last7Days: [10, 10, 10, null, 10, 10, 10] }, // a missing day: left out
        { baselinePerDay: 0, last7Days: [0, 0, 0, 0, 0, 0, 0] }, // no baseline: left out
      ],
    });
    expect(result).toEqual({ members: 2, percent: 75 });
  });

  it("is negative when members smoke more, and rounds half away from zero to one decimal", () => {
    expect(averageReduction({ members: [{ baselinePerDay: 10, last7Days: [12, 12, 12, 12, 12, 12, 12] }] }).percent).toBe(-20);
    // (400 − 351) / 400 = 12.25%: exactly half way, rounded away from zero both ways.
    expect(averageReduction({ members: [{ baselinePerDay: 400, last7Days: [351, 351, 351, 351, 351, 351, 351] }] }).percent).toBe(12.3);
    expect(averageReduction({ members: [{ baselinePerDay: 400, last7Days: [449, 449, 449, 449, 449, 449, 449] }] }).percent).toBe(-12.3);
  });

  it("has no figure for nobody, and refuses negative counts and a week that is not seven days", () => {
    expect(averageReduction({ members: [] })).toEqual({ members: 0, percent: null });
    expect(() => averageReduction({ members: [{ baselinePerDay: -1, last7Days: [0, 0, 0, 0, 0, 0, 0] }] })).toThrow(MetricInputError);
    expect(() => averageReduction({ members: [{ baselinePerDay: 10, last7Days: [0, 0, 0, -2, 0, 0, 0] }] })).toThrow(MetricInputError);
    expect(() => averageReduction({ members: [{ baselinePerDay: 10, last7Days: [0, 0, 0] }] })).toThrow(MetricInputError);
  });
});

describe("brinkmanIndex", () => {
  const week = (n: number) => Array.from({ length: 7 }, () => n);
  it("is cigarettes per day × years smoked, at baseline and at the mean of the last seven days", () => {
    // 20 a day for 10 years: 200 at baseline; 7 a day now: 70. 10 a day for 5 years: 50; now 0.
    expect(
      brinkmanIndex({
        members: [
          { baselinePerDay: 20, yearsSmoked: 10, last7Days: week(7) },
          { baselinePerDay: 10, yearsSmoked: 5, last7Days: week(0) },
        ],
      }),
    ).toEqual({ members: 2, baseline: 125, current: 35 });
  });

  it("leaves out a member with a missing day or no baseline, keeps half-years, and is null for an empty cohort", () => {
    expect(
      brinkmanIndex({
        members: [
          { baselinePerDay: 15, yearsSmoked: 2.5, last7Days: [1, 2, 3, 4, 5, 6, 0] },
          { baselinePerDay: 20, yearsSmoked: 10, last7Days: [1, 1, 1, null, 1, 1, 1] },
          { baselinePerDay: 0, yearsSmoked: 10, last7Days: week(0) },
        ],
      }),
    ).toEqual({ members: 1, baseline: 37.5, current: 7.5 });
    expect(brinkmanIndex({ members: [] })).toEqual({ members: 0, baseline: null, current: null });
  });

  it("rounds to one decimal and throws on negative years, counts or a short week", () => {
    expect(brinkmanIndex({ members: [{ baselinePerDay: 1, yearsSmoked: 1, last7Days: [1, 0, 0, 0, 0, 0, 0] }] }).current).toBe(0.1);
    expect(() => brinkmanIndex({ members: [{ baselinePerDay: 1, yearsSmoked: -1, last7Days: week(1) }] })).toThrow(MetricInputError);
    expect(() => brinkmanIndex({ members: [{ baselinePerDay: -1, yearsSmoked: 1, last7Days: week(1) }] })).toThrow(MetricInputError);
    expect(() => brinkmanIndex({ members: [{ baselinePerDay: 1, yearsSmoked: 1, last7Days: [1, 1] }] })).toThrow(MetricInputError);
  });
});

describe("premiumRetention", () => {
  const span = (startedOn: string, endedOn: string | null = null) => ({ startedOn, endedOn });

  it("counts, of the members premium on the first day, those still premium on the last", () => {
    const members = [
      { id: "stays", premiumSpans: [span("2026-01-01")] },
      { id: "ends-inside", premiumSpans: [span("2026-01-01", "2026-03-15")] },
      // Ended on the last day: premium up to the day before, so not premium at the end.
      { id: "ends-on-last-day", premiumSpans: [span("2026-01-01", "2026-03-31")] },
      // Lapsed and came back: premium on both days, so retained.
      { id: "came-back", premiumSpans: [span("2026-01-01", "2026-03-05"), span("2026-03-20")] },
      // Not premium on the first day: not in the cohort, however premium later.
      { id: "joined-later", premiumSpans: [span("2026-03-02")] },
      { id: "ended-on-first-day", premiumSpans: [span("2026-01-01", "2026-03-01")] },
      { id: "never", premiumSpans: [] },
    ];
    expect(premiumRetention({ members, from: "2026-03-01", to: "2026-03-31" })).toEqual({ cohort: 4, retained: 2, rate: 0.5 });
  });

  it("gives no rate for an empty cohort", () => {
    expect(premiumRetention({ members: [], from: "2026-03-01", to: "2026-03-31" })).toEqual({ cohort: 0, retained: 0, rate: null });
    expect(
      premiumRetention({ members: [{ id: "later", premiumSpans: [span("2026-04-01")] }], from: "2026-03-01", to: "2026-03-31" }),
    ).toEqual({ cohort: 0, retained: 0, rate: null });
  });

  it("refuses bad input", () => {
    expect(() => premiumRetention({ members: [], from: "2026-03-31", to: "2026-03-01" })).toThrow(MetricInputError);
    expect(() => premiumRetention({ members: [], from: "March", to: "2026-03-01" })).toThrow(/not a date/);
    expect(() =>
      premiumRetention({ members: [{ id: "x", premiumSpans: [span("2026-03-10", "2026-03-01")] }], from: "2026-03-01", to: "2026-03-31" }),
    ).toThrow(/before it started/);
  });
});

describe("premiumFeatureUse", () => {
  const uses = (coachChatMessages: number, sessionsBooked: number, sessionsHeld: number, aiCoachQuestions: number) => ({
    coachChatMessages,
    sessionsBooked,
    sessionsHeld,
    aiCoachQuestions,
  });

  it("totals each feature per premium member, most used first, counting members who did nothing", () => {
    const lines = premiumFeatureUse({
      members: [
        { id: "a", uses: uses(10, 1, 1, 0) },
        { id: "b", uses: uses(2, 1, 0, 5) },
        { id: "c", uses: uses(0, 0, 0, 0) },
      ],
    });
    expect(lines).toEqual([
      { feature: "coachChatMessages", members: 3, using: 2, total: 12, perMember: 4 },
      { feature: "aiCoachQuestions", members: 3, using: 1, total: 5, perMember: 5 / 3 },
      { feature: "sessionsBooked", members: 3, using: 2, total: 2, perMember: 2 / 3 },
      { feature: "sessionsHeld", members: 3, using: 1, total: 1, perMember: 1 / 3 },
    ]);
  });

  it("gives no per-member figure when nobody was premium", () => {
    expect(premiumFeatureUse({ members: [] }).every((l) => l.members === 0 && l.total === 0 && l.perMember === null)).toBe(true);
  });

  it("refuses a negative or fractional count", () => {
    expect(() => premiumFeatureUse({ members: [{ id: "a", uses: uses(-1, 0, 0, 0) }] })).toThrow(MetricInputError);
    expect(() => premiumFeatureUse({ members: [{ id: "a", uses: uses(0, 0.5, 0, 0) }] })).toThrow(/whole number/);
  });
});

describe("moderationTimes", () => {
  const report = (id: string, reportedAt: string, decidedAt: string | null) => ({ id, reportedAt, decidedAt });
  const now = "2026-03-10T12:00:00Z";

  it("takes the median minutes from report to decision over decided reports, and the oldest open one's wait", () => {
    const result = moderationTimes({
      reports: [
        report("a", "2026-03-01T10:00:00Z", "2026-03-01T10:30:00Z"), // 30
        report("b", "2026-03-01T10:00:00Z", "2026-03-01T12:00:00Z"), // 120
        report("c", "2026-03-02T00:00:00Z", "2026-03-02T00:10:00Z"), // 10
        report("d", "2026-03-01T10:00:00Z", "2026-03-02T10:00:00Z"), // 1440
        report("e", "2026-03-10T10:00:00Z", null), // open 120 minutes
        report("f", "2026-03-10T11:00:00Z", null),
      ],
      now,
    });
    // Even count: the mean of the two middle values (30 and 120).
    expect(result).toEqual({ reports: 6, decided: 4, open: 2, medianMinutesToDecision: 75, oldestOpenMinutes: 120 });
  });

  it("has no median without a decision and no wait without an open report", () => {
    expect(moderationTimes({ reports: [], now })).toEqual({
      reports: 0,
      decided: 0,
      open: 0,
      medianMinutesToDecision: null,
      oldestOpenMinutes: null,
    });
    expect(moderationTimes({ reports: [report("a", "2026-03-10T11:00:00Z", null)], now }).medianMinutesToDecision).toBeNull();
    expect(moderationTimes({ reports: [report("a", "2026-03-10T11:00:00Z", "2026-03-10T11:01:00Z")], now }).oldestOpenMinutes).toBeNull();
  });

  it("refuses a decision before its report and a time that is not one", () => {
    expect(() => moderationTimes({ reports: [report("a", "2026-03-10T11:00:00Z", "2026-03-10T10:00:00Z")], now })).toThrow(
      /before it was reported/,
    );
    expect(() => moderationTimes({ reports: [report("a", "yesterday", null)], now })).toThrow(MetricInputError);
    expect(() => moderationTimes({ reports: [], now: "2026-03-10" })).toThrow(/not a time/);
  });
});

describe("mostHelpful", () => {
  const votes = (articleId: string, yes: number, no: number) => [
    ...Array.from({ length: yes }, () => ({ articleId, helpful: true })),
    ...Array.from({ length: no }, () => ({ articleId, helpful: false })),
  ];

  it("ranks by the number of 'yes', then their share, and leaves out articles nobody answered", () => {
    const ranked = mostHelpful({
      votes: [...votes("lone-yes", 1, 0), ...votes("popular", 9, 1), ...votes("tie-worse", 9, 3), ...votes("only-no", 0, 2)],
      limit: 10,
    });
    expect(ranked).toEqual([
      { articleId: "popular", votes: 10, helpful: 9, share: 0.9 },
      { articleId: "tie-worse", votes: 12, helpful: 9, share: 0.75 },
      { articleId: "lone-yes", votes: 1, helpful: 1, share: 1 },
      { articleId: "only-no", votes: 2, helpful: 0, share: 0 },
    ]);
    expect(mostHelpful({ votes: votes("a", 1, 0).concat(votes("b", 2, 0)), limit: 1 }).map((r) => r.articleId)).toEqual(["b"]);
  });

  it("is empty without votes and refuses a limit below 1", () => {
    expect(mostHelpful({ votes: [], limit: 5 })).toEqual([]);
    expect(() => mostHelpful({ votes: [], limit: 0 })).toThrow(MetricInputError);
  });
});

describe("latencyPercentile", () => {
  const bounds = [10, 50, 100, 500];

  it("is the upper bound of the bucket holding the q-th request", () => {
    // 100 requests: 80 within 10 ms, 14 within 50, 5 within 100, 1 within 500.
    expect(latencyPercentile({ bounds, counts: [80, 14, 5, 1, 0], q: 0.95 })).toBe(100);
    expect(latencyPercentile({ bounds, counts: [80, 14, 5, 1, 0], q: 0.94 })).toBe(50);
    expect(latencyPercentile({ bounds, counts: [80, 14, 5, 1, 0], q: 0.8 })).toBe(10);
    expect(latencyPercentile({ bounds, counts: [80, 14, 5, 1, 0], q: 1 })).toBe(500);
  });

  it("has no answer without requests or when the percentile is past the last bound", () => {
    expect(latencyPercentile({ bounds, counts: [0, 0, 0, 0, 0], q: 0.95 })).toBeNull();
    expect(latencyPercentile({ bounds, counts: [90, 0, 0, 0, 10], q: 0.95 })).toBeNull();
  });

  it("refuses a malformed histogram", () => {
    expect(() => latencyPercentile({ bounds, counts: [1, 2], q: 0.95 })).toThrow(MetricInputError);
    expect(() => latencyPercentile({ bounds: [10, 5], counts: [0, 0, 0], q: 0.95 })).toThrow(/increasing/);
    expect(() => latencyPercentile({ bounds, counts: [0, -1, 0, 0, 0], q: 0.95 })).toThrow(/whole number/);
    expect(() => latencyPercentile({ bounds, counts: [0, 0, 0, 0, 0], q: 0 })).toThrow(/q must be/);
  });
});

describe("requestRates", () => {
  it("divides by the minutes of the period that have begun, and errors by requests", () => {
    // Two whole days: 2880 minutes.
    expect(requestRates({ requests: 5760, errors: 576, from: "2026-03-01", to: "2026-03-02", now: "2026-03-10T00:00:00Z" })).toEqual({
      perMinute: 2,
      errorRate: 0.1,
    });
    // Today, 90 minutes in.
    expect(requestRates({ requests: 180, errors: 0, from: "2026-03-10", to: "2026-03-10", now: "2026-03-10T01:30:00Z" })).toEqual({
      perMinute: 2,
      errorRate: 0,
    });
  });

  it("has no rate for a period that has not begun or without requests", () => {
    expect(requestRates({ requests: 0, errors: 0, from: "2026-04-01", to: "2026-04-02", now: "2026-03-10T00:00:00Z" })).toEqual({
      perMinute: null,
      errorRate: null,
    });
  });

  it("refuses more errors than requests and a reversed period", () => {
    expect(() => requestRates({ requests: 1, errors: 2, from: "2026-03-01", to: "2026-03-01", now: "2026-03-10T00:00:00Z" })).toThrow(
      /more errors/,
    );
    expect(() => requestRates({ requests: 0, errors: 0, from: "2026-03-02", to: "2026-03-01", now: "2026-03-10T00:00:00Z" })).toThrow(
      MetricInputError,
    );
  });
});
