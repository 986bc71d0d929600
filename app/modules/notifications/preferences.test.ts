import { describe, expect, it } from "vitest";
import {
  canTurnOff,
  channelsFor,
  defaultNotificationPreferences,
  isEncouragementDay,
  notificationKinds,
  notificationPreferencesFormSchema,
  preferencesFormValues,
  preferencesFromStored,
  withChannelTurnedOff,
  type NotificationPreferences,
} from "./preferences";

function form(entries: [string, string][]): FormData {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
}

describe("default preferences", () => {
  it("deliver every kind in the app, account email always, and no SMS until the member opts in", () => {
    for (const kind of notificationKinds) {
      expect(channelsFor(defaultNotificationPreferences, kind)).toContain("in-app");
      expect(channelsFor(defaultNotificationPreferences, kind)).not.toContain("sms");
    }
    expect(channelsFor(defaultNotificationPreferences, "security")).toEqual(["in-app", "email"]);
    expect(channelsFor(defaultNotificationPreferences, "billing")).toEqual(["in-app", "email"]);
    expect(defaultNotificationPreferences.quietHours).toEqual({ start: "22:00", end: "07:00" });
  });
});

describe("channelsFor", () => {
  it("restores the locked channels even if stored preferences lost them", () => {
    const broken: NotificationPreferences = {
      ...defaultNotificationPreferences,
      channels: { ...defaultNotificationPreferences.channels, security: [], milestones: ["sms"] },
    };
    expect(channelsFor(broken, "security")).toEqual(["in-app", "email"]);
    expect(channelsFor(broken, "milestones")).toEqual(["in-app", "sms"]);
  });
});

describe("withChannelTurnedOff (one-click unsubscribe)", () => {
  it("stops that kind of email and nothing else", () => {
    const after = withChannelTurnedOff(defaultNotificationPreferences, "weekly-summary", "email");
    expect(channelsFor(after, "weekly-summary")).toEqual(["in-app"]);
    expect(channelsFor(after, "milestones")).toEqual(["in-app", "email"]);
  });

  it("cannot switch off security or billing email, nor the notification centre", () => {
    expect(withChannelTurnedOff(defaultNotificationPreferences, "security", "email")).toBe(defaultNotificationPreferences);
    expect(withChannelTurnedOff(defaultNotificationPreferences, "billing", "email")).toBe(defaultNotificationPreferences);
    expect(channelsFor(withChannelTurnedOff(defaultNotificationPreferences, "milestones", "in-app"), "milestones")).toContain("in-app");
    expect(canTurnOff("security", "sms")).toBe(true);
    expect(canTurnOff("security", "email")).toBe(false);
  });
});

describe("preferences form", () => {
  it("reads a submitted FormData: checkbox groups, frequency, send time and quiet hours", () => {
    const submitted = form([
      ["channels.milestones", "email"],
      ["channels.milestones", "sms"],
      ["channels.daily-encouragement", "sms"],
      ["encouragementFrequency", "weekdays"],
      ["sendAt", "07:30"],
      ["quietHoursEnabled", "on"],
      ["quietHoursStart", "23:00"],
      ["quietHoursEnd", "06:30"],
    ]);
    const prefs = notificationPreferencesFormSchema.parse(preferencesFormValues(submitted));
    expect(prefs.channels.milestones).toEqual(["in-app", "email", "sms"]);
    expect(prefs.channels["daily-encouragement"]).toEqual(["in-app", "sms"]);
    expect(prefs.channels["weekly-summary"]).toEqual(["in-app"]);
    expect(prefs.channels.security).toEqual(["in-app", "email"]);
    expect(prefs).toMatchObject({ encouragementFrequency: "weekdays", sendAt: "07:30", quietHours: { start: "23:00", end: "06:30" } });
  });

  it("accepts conform's nested submission where a single checkbox arrives as a string", () => {
    const prefs = notificationPreferencesFormSchema.parse({
      channels: { "check-in-reminder": "sms" },
      encouragementFrequency: "daily",
      sendAt: "08:00",
    });
    expect(prefs.channels["check-in-reminder"]).toEqual(["in-app", "sms"]);
    expect(prefs.quietHours).toBeNull();
  });

  it("turns quiet hours off when the box is unticked, whatever times were left in the fields", () => {
    const prefs = notificationPreferencesFormSchema.parse(
      preferencesFormValues(
        form([
          ["encouragementFrequency", "never"],
          ["sendAt", "09:00"],
          ["quietHoursStart", "22:00"],
          ["quietHoursEnd", "07:00"],
        ]),
      ),
    );
    expect(prefs.quietHours).toBeNull();
  });

  it("names the field at fault for bad times, missing quiet hours and unknown channels", () => {
    const paths = (entries: [string, string][]) =>
      notificationPreferencesFormSchema.safeParse(preferencesFormValues(form(entries))).error?.issues.map((issue) => issue.path.join("."));
    expect(
      paths([
        ["encouragementFrequency", "daily"],
        ["sendAt", "25:00"],
      ]),
    ).toEqual(["sendAt"]);
    expect(
      paths([
        ["encouragementFrequency", "daily"],
        ["sendAt", "08:00"],
        ["quietHoursEnabled", "on"],
        ["quietHoursStart", "22:00"],
      ]),
    ).toEqual(["quietHoursEnd"]);
    expect(
      paths([
        ["encouragementFrequency", "daily"],
        ["sendAt", "08:00"],
        ["quietHoursEnabled", "on"],
        ["quietHoursStart", "22:00"],
        ["quietHoursEnd", "22:00"],
      ]),
    ).toEqual(["quietHoursEnd"]);
    expect(
      paths([
        ["encouragementFrequency", "daily"],
        ["sendAt", "08:00"],
        ["channels.milestones", "fax"],
      ]),
    ).toEqual(["channels.milestones.0"]);
    expect(
      paths([
        ["encouragementFrequency", "hourly"],
        ["sendAt", "08:00"],
      ]),
    ).toEqual(["encouragementFrequency"]);
  });
});

describe("preferencesFromStored", () => {
  it("returns the defaults for a member who never saved preferences", () => {
    expect(preferencesFromStored(null)).toEqual(defaultNotificationPreferences);
  });

  it("keeps what was saved, fills kinds added since with their defaults, and drops junk", () => {
    const prefs = preferencesFromStored({
      channels: { milestones: ["sms", "pigeon"] },
      encouragementFrequency: "weekly",
      sendAt: "nonsense",
      quietHours: null,
    });
    expect(prefs.channels.milestones).toEqual(["in-app", "sms"]);
    expect(prefs.channels["community-activity"]).toEqual(defaultNotificationPreferences.channels["community-activity"]);
    expect(prefs.encouragementFrequency).toBe("weekly");
    expect(prefs.sendAt).toBe("08:00");
    expect(prefs.quietHours).toBeNull();
  });
});

describe("isEncouragementDay", () => {
  it("follows the chosen frequency through the member's week", () => {
    const week = [0, 1, 2, 3, 4, 5, 6];
    expect(week.filter((d) => isEncouragementDay("daily", d))).toEqual(week);
    expect(week.filter((d) => isEncouragementDay("weekdays", d))).toEqual([1, 2, 3, 4, 5]);
    expect(week.filter((d) => isEncouragementDay("weekly", d))).toEqual([1]);
    expect(week.filter((d) => isEncouragementDay("never", d))).toEqual([]);
  });
});

describe("push channel", () => {
  it("is off until the member chooses it, is never locked, and survives a save and a read back", () => {
    for (const kind of notificationKinds) {
      expect(channelsFor(defaultNotificationPreferences, kind)).not.toContain("push");
      expect(canTurnOff(kind, "push")).toBe(true);
    }
    const saved = notificationPreferencesFormSchema.parse(
      preferencesFormValues(
        form([
          ["channels.coaching", "push"],
          ["channels.milestones", "push"],
          ["encouragementFrequency", "daily"],
          ["sendAt", "08:00"],
        ]),
      ),
    );
    expect(saved.channels.coaching).toEqual(["in-app", "push"]);
    expect(preferencesFromStored(JSON.parse(JSON.stringify(saved))).channels.milestones).toEqual(["in-app", "push"]);
    expect(withChannelTurnedOff(saved, "milestones", "push").channels.milestones).toEqual(["in-app"]);
  });
});
