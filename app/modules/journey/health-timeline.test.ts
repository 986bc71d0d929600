import { describe, expect, it } from "vitest";
import { HEALTH_MILESTONES, HEALTH_SOURCES, healthTimeline } from "./health-timeline";

const hours = (n: number) => n * 60;
const days = (n: number) => n * 24 * 60;

describe("health recovery timeline (WHO)", () => {
  it("nothing is reached at the start; the first milestone is 20 minutes away", () => {
    const timeline = healthTimeline(0);
    expect(timeline.reached).toEqual([]);
    expect(timeline.next?.key).toBe("heartRate");
    expect(timeline.progressToNext).toBe(0);
  });

  it("heart rate and blood pressure drop after 20 minutes", () => {
    expect(healthTimeline(19).reached).toHaveLength(0);
    expect(healthTimeline(10).progressToNext).toBe(0.5);
    expect(healthTimeline(20).reached.map((m) => m.key)).toEqual(["heartRate"]);
  });

  it("carbon monoxide is back to normal at 12 hours, after the EMRO 8-hour step", () => {
    const timeline = healthTimeline(hours(12));
    expect(timeline.reached.map((m) => m.key)).toEqual(["heartRate", "nicotineFalls", "carbonMonoxide"]);
    expect(timeline.next?.key).toBe("nicotineGone");
    expect(timeline.progressToNext).toBe(0);
    expect(healthTimeline(hours(18)).progressToNext).toBe(0.5);
  });

  it("marks the intermediate steps with WHO EMRO as their source and the rest with WHO", () => {
    const emro = HEALTH_MILESTONES.filter((m) => m.source === "who-emro").map((m) => m.key);
    expect(emro).toEqual(["nicotineFalls", "nicotineGone", "tasteAndSmell"]);
    expect(HEALTH_MILESTONES.filter((m) => m.source === "who")).toHaveLength(8);
    expect(HEALTH_SOURCES.who).toMatch(/health benefits of smoking cessation/);
  });

  it("follows the published table: 2–12 weeks, 1–9 months, 1, 5, 10 and 15 years", () => {
    const byKey = Object.fromEntries(HEALTH_MILESTONES.map((m) => [m.key, m]));
    expect(byKey.circulation).toMatchObject({ afterMinutes: days(14), untilMinutes: days(84) });
    expect(byKey.breathing).toMatchObject({ afterMinutes: days(30), untilMinutes: days(270) });
    expect(byKey.heartDiseaseHalved?.afterMinutes).toBe(days(365));
    expect(byKey.strokeRisk).toMatchObject({ afterMinutes: days(5 * 365), untilMinutes: days(15 * 365) });
    expect(byKey.lungCancerHalved?.afterMinutes).toBe(days(10 * 365));
    expect(byKey.heartDiseaseNonSmoker?.afterMinutes).toBe(days(15 * 365));
  });

  it("milestones are in time order", () => {
    const times = HEALTH_MILESTONES.map((m) => m.afterMinutes);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it("after 15 years everything is reached and there is nothing next", () => {
    expect(healthTimeline(days(15 * 365))).toEqual({ reached: [...HEALTH_MILESTONES], next: null, progressToNext: 1 });
  });

  it("refuses a negative duration", () => {
    expect(() => healthTimeline(-1)).toThrow("journey:errors.durationInvalid");
  });
});
