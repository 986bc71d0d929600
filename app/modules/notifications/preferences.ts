import { z } from "zod";
import type { QuietHours } from "./schedule";

export const notificationKinds = [
  "milestones",
  "daily-encouragement",
  "weekly-summary",
  "check-in-reminder",
  "community-activity",
  "coaching",
  "billing",
  "security",
  "sessions",
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export const notificationChannels = ["in-app", "email", "sms", "push"] as const;
export type NotificationChannel = (typeof notificationChannels)[number];

/** How often daily encouragement comes; the other kinds follow their own events. */
export const encouragementFrequencies = ["daily", "weekdays", "weekly", "never"] as const;
export type EncouragementFrequency = (typeof encouragementFrequencies)[number];

export type NotificationPreferences = {
  channels: Record<NotificationKind, NotificationChannel[]>;
  encouragementFrequency: EncouragementFrequency;
  /** The member's local time for daily and weekly messages, HH:MM. */
  sendAt: string;
  quietHours: QuietHours | null;
};

/** Channels a member cannot switch off: the notification centre always, and account email the law and safety need. */
export function isLockedChannel(kind: NotificationKind, channel: NotificationChannel): boolean {
  return channel === "in-app" || (channel === "email" && (kind === "security" || kind === "billing"));
}

export function canTurnOff(kind: NotificationKind, channel: NotificationChannel): boolean {
  return !isLockedChannel(kind, channel);
}

export const defaultNotificationPreferences: NotificationPreferences = {
  channels: {
    milestones: ["in-app", "email"],
    "daily-encouragement": ["in-app"],
    "weekly-summary": ["in-app", "email"],
    "check-in-reminder": ["in-app"],
    "community-activity": ["in-app"],
    coaching: ["in-app", "email"],
    billing: ["in-app", "email"],
    security: ["in-app", "email"],
    sessions: ["in-app", "email"],
  },
  encouragementFrequency: "daily",
  sendAt: "08:00",
  quietHours: { start: "22:00", end: "07:00" },
};

/** Adds the locked channels and puts the list in a stable order without duplicates. */
function withLockedChannels(kind: NotificationKind, channels: readonly NotificationChannel[]): NotificationChannel[] {
  return notificationChannels.filter((channel) => channels.includes(channel) || isLockedChannel(kind, channel));
}

/** The channels a sender must use for this kind; in-app is always among them. */
export function channelsFor(prefs: NotificationPreferences, kind: NotificationKind): NotificationChannel[] {
  return withLockedChannels(kind, prefs.channels[kind] ?? defaultNotificationPreferences.channels[kind]);
}

/** The preferences after a one-click unsubscribe; locked channels stay on. */
export function withChannelTurnedOff(
  prefs: NotificationPreferences,
  kind: NotificationKind,
  channel: NotificationChannel,
): NotificationPreferences {
  if (isLockedChannel(kind, channel)) return prefs;
  return { ...prefs, channels: { ...prefs.channels, [kind]: channelsFor(prefs, kind).filter((c) => c !== channel) } };
}

/** Whether daily encouragement goes out on a day of the member's week (0 = Sunday … 6 = Saturday). */
export function isEncouragementDay(frequency: EncouragementFrequency, localWeekday: number): boolean {
  switch (frequency) {
    case "daily":
      return true;
    case "weekdays":
      return localWeekday >= 1 && localWeekday <= 5;
    case "weekly":
      return localWeekday === 1;
    case "never":
      return false;
  }
}

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "notifications:preferences.errors.time");

// A checkbox group posts nothing, one string, or several strings.
const channelList = z.preprocess(
  (value) => (value === undefined || value === null || value === "" ? [] : Array.isArray(value) ? value : [value]),
  z.array(z.enum(notificationChannels)),
);

const checkbox = z.preprocess((value) => value === "on" || value === "true" || value === true, z.boolean());

/**
 * The preferences form. Field names: `channels.<kind>` (checkboxes, value = channel),
 * `encouragementFrequency`, `sendAt`, `quietHoursEnabled`, `quietHoursStart`, `quietHoursEnd`.
 * Parses conform's nested submission or preferencesFormValues(formData); outputs stored preferences.
 */
export const notificationPreferencesFormSchema = z
  .object({
    channels: z
      .object(Object.fromEntries(notificationKinds.map((kind) => [kind, channelList])) as Record<NotificationKind, typeof channelList>)
      .default({}),
    encouragementFrequency: z.enum(encouragementFrequencies),
    sendAt: clockTime,
    quietHoursEnabled: checkbox,
    quietHoursStart: z.preprocess((v) => (v === "" ? undefined : v), clockTime.optional()),
    quietHoursEnd: z.preprocess((v) => (v === "" ? undefined : v), clockTime.optional()),
  })
  .superRefine((form, ctx) => {
    if (!form.quietHoursEnabled) return;
    if (!form.quietHoursStart)
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["quietHoursStart"],
        message: "notifications:preferences.errors.quietHoursRequired",
      });
    if (!form.quietHoursEnd)
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["quietHoursEnd"],
        message: "notifications:preferences.errors.quietHoursRequired",
      });
    if (form.quietHoursStart && form.quietHoursStart === form.quietHoursEnd) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["quietHoursEnd"], message: "notifications:preferences.errors.quietHoursSame" });
    }
  })
  .transform((form): NotificationPreferences => ({
    channels: Object.fromEntries(notificationKinds.map((kind) => [kind, withLockedChannels(kind, form.channels[kind] ?? [])])) as Record<
      NotificationKind,
      NotificationChannel[]
    >,
    encouragementFrequency: form.encouragementFrequency,
    sendAt: form.sendAt,
    quietHours:
      form.quietHoursEnabled && form.quietHoursStart && form.quietHoursEnd
        ? { start: form.quietHoursStart, end: form.quietHoursEnd }
        : null,
  }));

/** Plain FormData into the shape the form schema reads (for actions that do not use conform). */
export function preferencesFormValues(formData: FormData): Record<string, unknown> {
  const text = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" ? value : undefined;
  };
  return {
    channels: Object.fromEntries(
      notificationKinds.map((kind) => [kind, formData.getAll(`channels.${kind}`).filter((v) => typeof v === "string")]),
    ),
    encouragementFrequency: text("encouragementFrequency"),
    sendAt: text("sendAt"),
    quietHoursEnabled: text("quietHoursEnabled"),
    quietHoursStart: text("quietHoursStart"),
    quietHoursEnd: text("quietHoursEnd"),
  };
}

const storedPreferencesSchema = z.object({
  channels: z.record(z.string(), z.array(z.string())).catch({}),
  encouragementFrequency: z.enum(encouragementFrequencies).catch(defaultNotificationPreferences.encouragementFrequency),
  sendAt: clockTime.catch(defaultNotificationPreferences.sendAt),
  quietHours: z.object({ start: clockTime, end: clockTime }).nullable().catch(defaultNotificationPreferences.quietHours),
});

/**
 * Preferences read back from a JSONB column, tolerant of rows written before a kind existed:
 * anything missing or unreadable falls back to the default.
 */
export function preferencesFromStored(stored: unknown): NotificationPreferences {
  const parsed = storedPreferencesSchema.safeParse(stored ?? {});
  if (!parsed.success) return defaultNotificationPreferences;
  const channels = Object.fromEntries(
    notificationKinds.map((kind) => {
      const saved = parsed.data.channels[kind]?.filter((c): c is NotificationChannel =>
        (notificationChannels as readonly string[]).includes(c),
      );
      return [kind, withLockedChannels(kind, saved ?? defaultNotificationPreferences.channels[kind])];
    }),
  ) as Record<NotificationKind, NotificationChannel[]>;
  return { ...parsed.data, channels };
}
