import { describe, expect, it } from "vitest";
import {
  accessFor,
  accessReasonFor,
  BASIC_ENTITLEMENTS,
  ENTITLEMENT_CATALOGUE,
  ENTITLEMENT_FEATURES,
  featuresAddedOverBasic,
  graceEndsAt,
  type Entitlements,
  type SubscriptionAccessInput,
} from "./entitlements";

const premium: Entitlements = {
  features: ["coach-chat", "video-sessions", "ai-coach", "premium-content"],
  aiCoachMessagesPerDay: 50,
  videoSessionsPerMonth: 2,
};
const now = new Date("2026-03-10T12:00:00Z");

function sub(overrides: Partial<SubscriptionAccessInput>): SubscriptionAccessInput {
  return {
    status: "active",
    currentPeriodEnd: new Date("2026-04-01T00:00:00Z"),
    pastDueSince: null,
    graceDays: 7,
    entitlements: premium,
    ...overrides,
  };
}

describe("accessFor", () => {
  it("a member without a subscription gets Basic: no premium feature and no AI coach messages", () => {
    const access = accessFor(null, now);
    expect(access.reason).toBe("basic");
    for (const feature of ENTITLEMENT_FEATURES) expect(access.has(feature)).toBe(false);
    expect(access.limit("aiCoachMessagesPerDay")).toBe(0);
  });

  it("active and trialing members get everything their package grants", () => {
    for (const status of ["active", "trialing"] as const) {
      const access = accessFor(sub({ status }), now);
      expect(access.reason).toBe("active");
      expect(access.has("coach-chat")).toBe(true);
      expect(access.has("premium-content")).toBe(true);
      expect(access.limit("aiCoachMessagesPerDay")).toBe(50);
    }
  });

  it("a package only grants the features it lists", () => {
    const access = accessFor(
      sub({ entitlements: { features: ["premium-content"], aiCoachMessagesPerDay: 0, videoSessionsPerMonth: 0 } }),
      now,
    );
    expect(access.has("premium-content")).toBe(true);
    expect(access.has("coach-chat")).toBe(false);
  });

  it("a limit without its feature counts as zero", () => {
    const access = accessFor(sub({ entitlements: { features: ["coach-chat"], aiCoachMessagesPerDay: 20, videoSessionsPerMonth: 3 } }), now);
    expect(access.limit("aiCoachMessagesPerDay")).toBe(0);
    expect(access.limit("videoSessionsPerMonth")).toBe(0);
  });

  describe("past due", () => {
    const pastDueSince = new Date("2026-03-05T12:00:00Z");

    it("keeps full access inside the grace period and says when it ends", () => {
      const access = accessFor(sub({ status: "past_due", pastDueSince, graceDays: 7 }), now);
      expect(access.reason).toBe("grace");
      expect(access.has("coach-chat")).toBe(true);
      expect(access.graceEndsAt).toEqual(new Date("2026-03-12T12:00:00Z"));
    });

    it("one millisecond before the grace ends still has access; at the exact end it falls back to Basic", () => {
      const endsAt = new Date("2026-03-12T12:00:00Z");
      expect(accessFor(sub({ status: "past_due", pastDueSince }), new Date(endsAt.getTime() - 1)).reason).toBe("grace");
      const after = accessFor(sub({ status: "past_due", pastDueSince }), endsAt);
      expect(after.reason).toBe("ended");
      expect(after.has("coach-chat")).toBe(false);
      expect(after.limit("aiCoachMessagesPerDay")).toBe(0);
      expect(after.graceEndsAt).toEqual(endsAt);
    });

    it("zero grace days means access stops as soon as the payment fails", () => {
      expect(accessFor(sub({ status: "past_due", pastDueSince: now, graceDays: 0 }), now).reason).toBe("ended");
    });

    it("a nonsensical grace setting never grants extra days", () => {
      expect(graceEndsAt(pastDueSince, -3)).toEqual(pastDueSince);
      expect(graceEndsAt(pastDueSince, Number.NaN)).toEqual(pastDueSince);
      expect(graceEndsAt(pastDueSince, 2.9)).toEqual(new Date("2026-03-07T12:00:00Z"));
    });

    it("without a recorded start the grace counts from the end of the paid period", () => {
      const access = accessFor(
        sub({ status: "past_due", pastDueSince: null, currentPeriodEnd: new Date("2026-03-09T00:00:00Z"), graceDays: 3 }),
        now,
      );
      expect(access.reason).toBe("grace");
      expect(access.graceEndsAt).toEqual(new Date("2026-03-12T00:00:00Z"));
    });
  });

  it("a member who cancelled keeps access until the end of the period they paid for", () => {
    const periodEnd = new Date("2026-03-10T12:00:00Z");
    expect(
      accessFor(sub({ status: "cancelled_at_period_end", currentPeriodEnd: periodEnd }), new Date(periodEnd.getTime() - 1)).has(
        "coach-chat",
      ),
    ).toBe(true);
    const after = accessFor(sub({ status: "cancelled_at_period_end", currentPeriodEnd: periodEnd }), periodEnd);
    expect(after.reason).toBe("ended");
    expect(after.has("coach-chat")).toBe(false);
  });

  it("an ended subscription gives Basic whatever its package granted", () => {
    const access = accessFor(sub({ status: "ended" }), now);
    expect(access.reason).toBe("ended");
    expect(access.entitlements).toBe(BASIC_ENTITLEMENTS);
  });

  it("accessReasonFor agrees with accessFor", () => {
    expect(accessReasonFor(sub({ status: "past_due", pastDueSince: now }), now).reason).toBe("grace");
    expect(accessReasonFor(null, now).reason).toBe("basic");
  });
});

describe("the entitlement catalogue", () => {
  it("lists every feature once, each with translation keys", () => {
    const features = ENTITLEMENT_CATALOGUE.filter((entry) => entry.kind === "feature").map((entry) => entry.key);
    expect([...features].sort()).toEqual([...ENTITLEMENT_FEATURES].sort());
    for (const entry of ENTITLEMENT_CATALOGUE) expect(entry.labelKey).toMatch(/^pricing:entitlements\./);
  });

  it("says what premium adds over Basic", () => {
    const added = featuresAddedOverBasic(premium).map((entry) => entry.key);
    // Only delivered features are sold: premium content does not exist yet.
    expect(added).toEqual(["coach-chat", "video-sessions", "videoSessionsPerMonth", "ai-coach", "aiCoachMessagesPerDay"]);
    expect(featuresAddedOverBasic(BASIC_ENTITLEMENTS)).toEqual([]);
  });
});
