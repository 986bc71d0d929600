import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { scoreFtnd } from "./assessment";
import {
  CONSENT_PURPOSE_VERSION,
  checkInSchema,
  cigaretteLogSchema,
  consentSchema,
  cravingLogSchema,
  ftndAnswers,
  moodLogSchema,
  noteSchema,
  quitDateSchema,
  smokingProfileSchema,
  validateLogDate,
  validateQuitDate,
} from "./profile";

const today = "2026-11-22";

/** What a browser posts: every value a string, repeated fields as arrays. */
const postedProfile = {
  cigarettesPerDay: "12",
  yearsSmoked: "7.5",
  cigarettesPerPack: "20",
  packPriceMinor: "30000",
  currency: "VND",
  brand: "  Vinataba ",
  triggers: ["coffee", "stress"],
  customTriggers: ["after arguing with my boss", ""],
  reasons: ["My daughter"],
  minutesToFirstCigarette: "6-30",
  difficultToRefrain: "yes",
  hatesToGiveUp: "first-morning",
  smokesMoreInMorning: "no",
  smokesWhenIll: "no",
};

const messagesOf = (result: { success: boolean; error?: { issues: { path: (string | number)[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join("."), issue.message]));

describe("consent", () => {
  it("needs the box ticked for the current purpose version", () => {
    expect(consentSchema.safeParse({ purposeVersion: CONSENT_PURPOSE_VERSION, agree: "on" }).success).toBe(true);
    expect(messagesOf(consentSchema.safeParse({ purposeVersion: CONSENT_PURPOSE_VERSION }))).toEqual({
      agree: "journey:errors.consentRequired",
    });
    expect(messagesOf(consentSchema.safeParse({ purposeVersion: "2020-old", agree: "on" }))).toEqual({
      purposeVersion: "journey:errors.consentOutdated",
    });
  });
});

describe("smoking profile", () => {
  it("accepts what a form posts and turns it into numbers, booleans and lists", () => {
    const profile = smokingProfileSchema.parse(postedProfile);
    expect(profile).toMatchObject({
      cigarettesPerDay: 12,
      yearsSmoked: 7.5,
      cigarettesPerPack: 20,
      packPriceMinor: 30_000,
      brand: "Vinataba",
      customTriggers: ["after arguing with my boss"],
      difficultToRefrain: true,
      smokesMoreInMorning: false,
    });
  });

  it("feeds the FTND: 6–30 min (2) + refrain (1) + first-morning (1) + 12 a day (1) = 5, moderate", () => {
    expect(scoreFtnd(ftndAnswers(smokingProfileSchema.parse(postedProfile)))).toEqual({ score: 5, band: "moderate" });
  });

  it("defaults a pack to 20 and accepts a single trigger sent as a plain string", () => {
    const profile = smokingProfileSchema.parse({
      ...postedProfile,
      cigarettesPerPack: "",
      triggers: "alcohol",
      customTriggers: undefined,
      brand: "",
    });
    expect(profile.cigarettesPerPack).toBe(20);
    expect(profile.triggers).toEqual(["alcohol"]);
    expect(profile.customTriggers).toEqual([]);
    expect(profile.brand).toBeUndefined();
  });

  it.each([
    ["cigarettesPerDay", "0", "journey:errors.cigarettesPerDayInvalid"],
    ["cigarettesPerDay", "201", "journey:errors.cigarettesPerDayInvalid"],
    ["cigarettesPerDay", "-3", "journey:errors.cigarettesPerDayInvalid"],
    ["cigarettesPerDay", "twelve", "journey:errors.cigarettesPerDayInvalid"],
    ["cigarettesPerDay", "", "journey:errors.cigarettesPerDayInvalid"],
    ["yearsSmoked", "91", "journey:errors.yearsSmokedInvalid"],
    ["yearsSmoked", "Infinity", "journey:errors.yearsSmokedInvalid"],
    ["cigarettesPerPack", "0", "journey:errors.cigarettesPerPackInvalid"],
    ["packPriceMinor", "0", "journey:errors.packPriceInvalid"],
    ["packPriceMinor", "8.99", "journey:errors.packPriceInvalid"],
    ["currency", "XYZ", "journey:errors.currencyInvalid"],
    ["brand", "x".repeat(81), "journey:errors.brandTooLong"],
    ["triggers", ["coffee", "gambling"], "journey:errors.triggerInvalid"],
    ["customTriggers", ["a", "b", "c", "d", "e", "f"], "journey:errors.customTriggersTooMany"],
    ["reasons", [], "journey:errors.reasonsCount"],
    ["reasons", Array(11).fill("health"), "journey:errors.reasonsCount"],
    ["minutesToFirstCigarette", "7", "journey:errors.answerRequired"],
    ["smokesWhenIll", undefined, "journey:errors.answerRequired"],
  ])("rejects %s = %j with %s", (field, value, message) => {
    const result = smokingProfileSchema.safeParse({ ...postedProfile, [field]: value });
    expect(result.success).toBe(false);
    expect(Object.values(messagesOf(result))).toContain(message);
  });

  it("rejects an over-long custom trigger and reason", () => {
    expect(messagesOf(smokingProfileSchema.safeParse({ ...postedProfile, customTriggers: ["x".repeat(61)] }))).toEqual({
      "customTriggers.0": "journey:errors.customTriggerTooLong",
    });
    expect(messagesOf(smokingProfileSchema.safeParse({ ...postedProfile, reasons: ["x".repeat(201)] }))).toEqual({
      "reasons.0": "journey:errors.reasonTooLong",
    });
  });
});

describe("log dates", () => {
  it("today and the 7 days before it are fine", () => {
    expect(validateLogDate(today, today)).toBeNull();
    expect(validateLogDate("2026-11-15", today)).toBeNull();
  });

  it("tomorrow is the future and 8 days back is too old", () => {
    expect(validateLogDate("2026-11-23", today)).toBe("journey:errors.logDateInFuture");
    expect(validateLogDate("2026-11-14", today)).toBe("journey:errors.logDateTooOld");
    expect(validateLogDate("22/11/2026", today)).toBe("journey:errors.dateInvalid");
  });

  it("a quit date may be up to a year back and 90 days ahead", () => {
    expect(validateQuitDate("2025-11-22", today)).toBeNull();
    expect(validateQuitDate("2025-11-21", today)).toBe("journey:errors.quitDateTooOld");
    expect(validateQuitDate("2027-02-20", today)).toBeNull();
    expect(validateQuitDate("2027-02-21", today)).toBe("journey:errors.quitDateTooFar");
    expect(messagesOf(quitDateSchema(today).safeParse({ quitDate: "" }))).toEqual({ quitDate: "journey:errors.dateInvalid" });
  });
});

describe("daily logs", () => {
  it("a cigarette log with only a count is for today", () => {
    expect(cigaretteLogSchema(today).parse({ count: "2" })).toEqual({ date: today, count: 2 });
  });

  it("a detailed cigarette log keeps time, trigger, place and mood", () => {
    expect(
      cigaretteLogSchema(today).parse({ date: "2026-11-20", count: "1", time: "07:45", trigger: "coffee", place: "Balcony", mood: "2" }),
    ).toEqual({
      date: "2026-11-20",
      count: 1,
      time: "07:45",
      trigger: "coffee",
      place: "Balcony",
      mood: 2,
    });
  });

  it("refuses impossible cigarette logs", () => {
    const schema = cigaretteLogSchema(today);
    expect(messagesOf(schema.safeParse({ count: "0" }))).toEqual({ count: "journey:errors.cigaretteLogCountInvalid" });
    expect(messagesOf(schema.safeParse({ count: "101" }))).toEqual({ count: "journey:errors.cigaretteLogCountInvalid" });
    expect(messagesOf(schema.safeParse({ count: "1", time: "24:00" }))).toEqual({ time: "journey:errors.timeInvalid" });
    expect(messagesOf(schema.safeParse({ count: "1", mood: "6" }))).toEqual({ mood: "journey:errors.moodInvalid" });
    expect(messagesOf(schema.safeParse({ count: "1", date: "2026-11-23" }))).toEqual({ date: "journey:errors.logDateInFuture" });
  });

  it("a craving log records intensity, trigger, whether it was resisted and what helped", () => {
    expect(cravingLogSchema(today).parse({ intensity: "8", trigger: "stress", resisted: "on", copingStrategy: "breathing-4-7-8" })).toEqual(
      {
        date: today,
        intensity: 8,
        trigger: "stress",
        resisted: true,
        copingStrategy: "breathing-4-7-8",
      },
    );
    expect(cravingLogSchema(today).parse({ intensity: "3" }).resisted).toBe(false);
    expect(messagesOf(cravingLogSchema(today).safeParse({ intensity: "11" }))).toEqual({ intensity: "journey:errors.intensityInvalid" });
  });

  it("mood is 1 to 5, a note is at most 1000 characters, a check-in needs only a day", () => {
    expect(moodLogSchema(today).parse({ mood: "4" })).toEqual({ date: today, mood: 4 });
    expect(messagesOf(moodLogSchema(today).safeParse({ mood: "0" }))).toEqual({ mood: "journey:errors.moodInvalid" });
    expect(noteSchema(today).parse({ note: "  Hard day, held on. " }).note).toBe("Hard day, held on.");
    expect(messagesOf(noteSchema(today).safeParse({ note: "x".repeat(1001) }))).toEqual({ note: "journey:errors.noteTooLong" });
    expect(messagesOf(noteSchema(today).safeParse({ note: "   " }))).toEqual({ note: "journey:errors.noteRequired" });
    expect(checkInSchema(today).parse({})).toEqual({ date: today });
    expect(messagesOf(checkInSchema(today).safeParse({ date: "2026-11-01" }))).toEqual({ date: "journey:errors.logDateTooOld" });
  });
});

describe("through conform, as the routes parse forms", () => {
  const formData = (entries: [string, string][]) => {
    const data = new FormData();
    for (const [key, value] of entries) data.append(key, value);
    return data;
  };

  it("a posted profile with repeated trigger fields and blank optional fields parses", () => {
    const submission = parseWithZod(
      formData([
        ["cigarettesPerDay", "12"],
        ["yearsSmoked", "7.5"],
        ["cigarettesPerPack", ""],
        ["packPriceMinor", "30000"],
        ["currency", "VND"],
        ["brand", ""],
        ["triggers", "coffee"],
        ["triggers", "stress"],
        ["customTriggers", ""],
        ["reasons", "My kids"],
        ["minutesToFirstCigarette", "6-30"],
        ["difficultToRefrain", "yes"],
        ["hatesToGiveUp", "other"],
        ["smokesMoreInMorning", "no"],
        ["smokesWhenIll", "no"],
      ]),
      { schema: smokingProfileSchema },
    );
    expect(submission.status).toBe("success");
    expect(submission.status === "success" && submission.value).toMatchObject({
      cigarettesPerPack: 20,
      triggers: ["coffee", "stress"],
      customTriggers: [],
      reasons: ["My kids"],
    });
  });

  it("field messages are translation keys", () => {
    const consent = parseWithZod(formData([["purposeVersion", CONSENT_PURPOSE_VERSION]]), { schema: consentSchema });
    expect(consent.status !== "success" && consent.error).toEqual({ agree: ["journey:errors.consentRequired"] });
    const note = parseWithZod(formData([["note", ""]]), { schema: noteSchema(today) });
    expect(note.status !== "success" && note.error).toEqual({ note: ["journey:errors.noteRequired"] });
  });

  it("a one-field cigarette log with blank extras is for today", () => {
    const submission = parseWithZod(
      formData([
        ["count", "2"],
        ["time", ""],
        ["mood", ""],
        ["date", ""],
      ]),
      { schema: cigaretteLogSchema(today) },
    );
    expect(submission.status === "success" && submission.value).toEqual({ date: today, count: 2 });
  });
});
