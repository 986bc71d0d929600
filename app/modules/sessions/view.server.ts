import type { CoachingSession } from "#db/schema";
import type { Database } from "#db/client.server";
import { formatDateTime } from "~/lib/format";
import type { AppLocale } from "~/lib/i18n";
import { localDate } from "~/lib/local-date";
import { bookingWindow, coachAvailability, coachFreeSlots, type CoachAvailability } from "./availability.server";
import { slotsByDay } from "./slots";

/** What a page shows of a session: its times already on the viewer's clock. */
export function sessionView(session: CoachingSession, locale: AppLocale, timeZone: string) {
  return {
    id: session.id,
    status: session.status === "cancelled" && !session.cancelledBy ? ("lapsed" as const) : session.status,
    when: formatDateTime(session.startsAt, locale, timeZone, { dateStyle: "full", timeStyle: "short" }),
    startsAt: session.startsAt.toISOString(),
    topic: session.topic,
    cancelReason: session.cancelReason,
    missedBy: session.missedBy,
  };
}

/**
 * The free slots a member sees: days (on the member's clock) that have any, and the chosen day's
 * times. Two range reads however many sessions the coach has booked over the years.
 */
export async function slotPicker(
  db: Database,
  coachId: string,
  viewer: { locale: AppLocale; timeZone: string },
  chosenDay: string | null,
  now: Date,
  options: { ignoreSessionId?: string; availability?: CoachAvailability } = {},
) {
  const availability = options.availability ?? (await coachAvailability(db, coachId));
  const window = bookingWindow(availability, now);
  const slots = await coachFreeSlots(db, availability, window.from, window.to, options);
  const days = slotsByDay(slots, viewer.timeZone);
  const chosen = days.find((d) => d.day === chosenDay) ?? days[0] ?? null;
  return {
    coachId,
    noticeHours: Math.round((availability.noticeMinutes / 60) * 10) / 10,
    days: days.map((d) => ({
      day: d.day,
      label: formatDateTime(d.slots[0]!.startsAt, viewer.locale, viewer.timeZone, { weekday: "short", day: "numeric", month: "short" }),
      count: d.slots.length,
    })),
    day: chosen?.day ?? null,
    slots: (chosen?.slots ?? []).map((s) => ({
      value: s.startsAt.toISOString(),
      label: formatDateTime(s.startsAt, viewer.locale, viewer.timeZone, { timeStyle: "short" }),
    })),
    today: localDate(now, viewer.timeZone),
  };
}
