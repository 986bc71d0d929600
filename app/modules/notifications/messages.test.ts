import { describe, expect, it } from "vitest";
import en from "~/locales/en/notifications";
import { notificationChannels, notificationKinds } from "./preferences";
import vi from "~/locales/vi/notifications";
import {
  notificationMessages,
  notificationTextKey,
  pickEncouragement,
  placeholdersIn,
  renderMotivation,
  renderNotificationText,
  seedEncouragementMessages,
  smsSize,
  type MessageValues,
} from "./messages";

const vnd = (amountMinor: number) => ({ amountMinor, currency: "VND" });

describe("renderMotivation", () => {
  it("personalises a message with days, money and name in the member's language", () => {
    const values = { name: "Lan", days: 5, money: vnd(175_000) };
    expect(renderMotivation("{{days}} smoke-free, {{money}} saved, {{name}}!", values, "en")).toBe(
      "5 days smoke-free, ₫175,000 saved, Lan!",
    );
    expect(renderMotivation("{{days}} không hút thuốc, tiết kiệm {{money}}", values, "vi")).toBe(
      "5 ngày không hút thuốc, tiết kiệm 175.000\u00A0₫",
    );
  });

  it("uses the right plural for a single day and formats dollars with cents", () => {
    expect(renderMotivation("{{days}} down, {{money}} saved", { days: 1, money: { amountMinor: 1_250, currency: "USD" } }, "en")).toBe(
      "1 day down, $12.50 saved",
    );
  });

  it("leaves out unknown and missing placeholders without leaving stray punctuation", () => {
    expect(renderMotivation("Well done, {{name}}! {{days}} smoke-free.", { days: 3 }, "en")).toBe("Well done! 3 days smoke-free.");
    expect(renderMotivation("Be proud of that, {{name}}.", { name: "  " }, "en")).toBe("Be proud of that.");
    expect(renderMotivation("Hello {{ secret }} world {{password}}", { name: "Lan" }, "en")).toBe("Hello world");
    expect(renderMotivation("Chào buổi sáng {{name}}!", {}, "vi")).toBe("Chào buổi sáng!");
  });

  it("does not look values up on the prototype", () => {
    expect(renderMotivation("[{{constructor}}][{{toString}}]", {}, "en")).toBe("[][]");
  });

  it("substitutes once, so a name that looks like a placeholder stays text", () => {
    expect(renderMotivation("Hi {{name}}, {{days}}", { name: "{{money}}", days: 2, money: vnd(1) }, "en")).toBe("Hi {{money}}, 2 days");
  });

  it("keeps markup as text for the email layer to escape", () => {
    expect(renderMotivation("Hi {{name}}", { name: "<b>Lan</b> & co" }, "en")).toBe("Hi <b>Lan</b> & co");
  });

  it("lists a template's placeholders once each", () => {
    expect(placeholdersIn("{{days}} and {{ money }} and {{days}}")).toEqual(["days", "money"]);
  });
});

describe("seed encouragement library", () => {
  it("has at least ten messages in each language, each with the same placeholders in both", () => {
    expect(seedEncouragementMessages.length).toBeGreaterThanOrEqual(10);
    for (const message of seedEncouragementMessages) {
      expect(message.text.en.trim(), message.key).not.toBe("");
      expect(message.text.vi.trim(), message.key).not.toBe("");
      expect(placeholdersIn(message.text.vi).sort(), message.key).toEqual(placeholdersIn(message.text.en).sort());
      expect(
        placeholdersIn(message.text.en).every((name) => ["name", "days", "money", "cravings"].includes(name)),
        message.key,
      ).toBe(true);
    }
  });

  it("writes Vietnamese with its diacritics", () => {
    expect(seedEncouragementMessages.every((m) => /[ăâđêôơưáàảãạéèẻẽẹíìỉĩịóòỏõọúùủũụýỳỷỹỵ]/i.test(m.text.vi))).toBe(true);
  });
});

describe("pickEncouragement", () => {
  const newMember: MessageValues = { name: "Lan", days: 0, money: vnd(0), cravings: 0 };

  it("never picks a message that would boast about zero days, money or cravings", () => {
    for (let i = 0; i < 50; i++) {
      const picked = pickEncouragement(seedEncouragementMessages, newMember, "en", `member-${i}:2026-06-10`);
      expect(placeholdersIn(picked!.text.en).filter((p) => p !== "name")).toEqual([]);
    }
  });

  it("gives the same member the same message for the same day, and varies across days", () => {
    const values = { name: "Lan", days: 12, money: vnd(420_000), cravings: 7 };
    const first = pickEncouragement(seedEncouragementMessages, values, "vi", "member-1:2026-06-10");
    expect(pickEncouragement(seedEncouragementMessages, values, "vi", "member-1:2026-06-10")).toBe(first);
    const week = new Set(
      Array.from(
        { length: 14 },
        (_, day) => pickEncouragement(seedEncouragementMessages, values, "vi", `member-1:2026-06-${10 + day}`)?.key,
      ),
    );
    expect(week.size).toBeGreaterThan(3);
  });

  it("returns null when nothing in the library fits", () => {
    expect(pickEncouragement([{ key: "x", text: { en: "{{money}} saved", vi: "{{money}}" } }], {}, "en", "seed")).toBeNull();
  });
});

describe("notification texts", () => {
  const longest: MessageValues = {
    name: "Maximilian Alexander Johnson",
    days: 3_650,
    money: vnd(999_999_999),
    cravings: 1_000,
    badge: "A month of check-ins",
    milestone: "30-day check-in streak",
    plan: "Premium",
    link: "https://app.quitpath.example/app/check-in?from=sms",
  };

  it("keeps every English SMS within one 160-character GSM segment, even with large numbers and dong", () => {
    for (const message of notificationMessages) {
      const sms = renderNotificationText(message, "sms", longest, "en");
      expect(sms, message).not.toMatch(/\{\{/);
      const size = smsSize(sms);
      expect(size, `${message}: ${sms}`).toMatchObject({ encoding: "gsm-7", segments: 1 });
      expect(size.length).toBeLessThanOrEqual(160);
    }
    expect(renderNotificationText("weeklySummary", "sms", longest, "en")).toContain("VND 999,999,999");
  });

  it("keeps every Vietnamese SMS within two UCS-2 segments", () => {
    for (const message of notificationMessages) {
      const sms = renderNotificationText(
        message,
        "sms",
        { ...longest, badge: "Một tháng ghi nhận", milestone: "Ghi nhận 30 ngày liên tiếp" },
        "vi",
      );
      expect(smsSize(sms).segments, `${message}: ${sms}`).toBeLessThanOrEqual(2);
    }
  });

  it("has a subject, title, body, action and SMS in both languages for every message", () => {
    for (const message of notificationMessages) {
      for (const part of ["subject", "title", "body", "action", "sms"] as const) {
        expect(en[message][part], `${message}.${part}`).toEqual(expect.any(String));
        expect(vi[message][part], `${message}.${part}`).toEqual(expect.any(String));
        expect(notificationTextKey(message, part)).toBe(`notifications:${message}.${part}`);
      }
    }
  });

  it("renders a milestone and a failed payment in the member's language", () => {
    expect(renderNotificationText("milestoneReached", "title", { badge: "One week" }, "en")).toBe("You earned a badge: One week");
    expect(renderNotificationText("paymentFailed", "body", { money: vnd(99_000), plan: "Premium" }, "vi")).toContain(
      "99.000\u00A0₫ cho gói Premium",
    );
  });
});

describe("smsSize", () => {
  it("counts GSM extension characters twice and switches to UCS-2 for Vietnamese", () => {
    expect(smsSize("Hello [world]")).toEqual({ encoding: "gsm-7", length: 15, segments: 1 });
    expect(smsSize("a".repeat(161))).toEqual({ encoding: "gsm-7", length: 161, segments: 2 });
    expect(smsSize("Chúc mừng")).toEqual({ encoding: "ucs-2", length: 9, segments: 1 });
    expect(smsSize("ơ".repeat(71)).segments).toBe(2);
  });
});

function leaves(node: unknown, prefix = ""): Record<string, string> {
  if (typeof node === "string") return { [prefix]: node };
  return Object.entries(node as Record<string, unknown>).reduce<Record<string, string>>(
    (all, [key, child]) => ({ ...all, ...leaves(child, prefix ? `${prefix}.${key}` : key) }),
    {},
  );
}
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe("notifications translations", () => {
  it("have the same keys and placeholders in English and Vietnamese, none empty", () => {
    const enLeaves = leaves(en);
    const viLeaves = leaves(vi);
    expect(Object.keys(viLeaves).sort()).toEqual(Object.keys(enLeaves).sort());
    for (const [key, text] of Object.entries(enLeaves)) {
      expect(text.trim(), key).not.toBe("");
      expect(viLeaves[key]!.trim(), key).not.toBe("");
      expect(placeholders(viLeaves[key]!), key).toEqual(placeholders(text));
    }
  });

  it("name every kind and channel the preferences page lists", () => {
    for (const dictionary of [en, vi]) {
      expect(Object.keys(dictionary.kinds).sort()).toEqual([...notificationKinds].sort());
      expect(Object.keys(dictionary.kindHints).sort()).toEqual([...notificationKinds].sort());
      expect(Object.keys(dictionary.channels).sort()).toEqual([...notificationChannels].sort());
    }
  });
});
