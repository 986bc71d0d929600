import type { CoachingSession } from "#db/schema";
import type { Database } from "#db/client.server";
import { appUrl } from "~/lib/env.server";
import { formatDateTime } from "~/lib/format";
import { getFixedT } from "~/lib/i18n.server";
import { loadRecipients, noDeliveries, type Deliveries, type Recipient } from "~/modules/notifications/deliver.server";
import { sendEmail } from "~/modules/notifications/email.server";
import { escapeHtml } from "~/modules/notifications/templates";
import { calendarText, type CalendarEvent } from "./ics";

export type InvitationKind = "requested" | "confirmed" | "moved" | "cancelled";

/** The calendar event of a session as its participants' calendars hold it. */
export function sessionEvent(
  session: CoachingSession,
  member: Recipient,
  coach: Recipient,
  lang: Recipient["locale"],
  stamp: Date,
): CalendarEvent {
  const t = getFixedT(lang);
  return {
    uid: `${session.id}@quitpath`,
    sequence: session.sequence,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    summary: t("sessions:calendar.summary", { coach: coach.displayName, member: member.displayName }),
    description: session.topic ? t("sessions:calendar.topic", { topic: session.topic }) : t("sessions:calendar.description"),
    url: `${appUrl()}/app/coach/sessions/${session.id}`,
    status: session.status === "cancelled" ? "CANCELLED" : session.status === "requested" ? "TENTATIVE" : "CONFIRMED",
    organizer: { name: coach.displayName, email: coach.email },
    attendee: { name: member.displayName, email: member.email },
    stamp,
  };
}

/**
 * Emails both participants the session's invitation (.ics attached): METHOD:REQUEST for a new or
 * changed session, METHOD:CANCEL for a cancelled one. One email per participant per SEQUENCE, so
 * a retried request never sends it twice. Returns the outbox rows to deliver after commit.
 */
export async function sendSessionInvitations(db: Database, session: CoachingSession, kind: InvitationKind, now: Date): Promise<Deliveries> {
  const people = await loadRecipients(db, [session.memberId, session.coachId]);
  const member = people.get(session.memberId);
  const coach = people.get(session.coachId);
  const deliveries = noDeliveries();
  if (!member || !coach) return deliveries;
  const method = session.status === "cancelled" ? "CANCEL" : "REQUEST";
  for (const [recipient, other, href] of [
    [member, coach, `${appUrl()}/app/coach/sessions/${session.id}`],
    [coach, member, `${appUrl()}/coach/sessions`],
  ] as const) {
    const t = getFixedT(recipient.locale);
    const when = formatDateTime(session.startsAt, recipient.locale, recipient.timeZone, { dateStyle: "full", timeStyle: "short" });
    const subject = t(`sessions:email.${kind}.subject`, { name: other.displayName, when });
    const body = t(`sessions:email.${kind}.body`, { name: other.displayName, when, timeZone: recipient.timeZone });
    const reason =
      session.status === "cancelled" && session.cancelReason ? t("sessions:email.reason", { reason: session.cancelReason }) : null;
    const paragraphs = [body, ...(reason ? [reason] : []), t("sessions:email.calendarHint")];
    const text = [...paragraphs, "", `${t("sessions:email.open")}: ${href}`].join("\n\n");
    const html = `<!doctype html><html lang="${recipient.locale}"><body>${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("")}<p><a href="${escapeHtml(href)}">${escapeHtml(t("sessions:email.open"))}</a></p></body></html>`;
    const ics = calendarText([sessionEvent(session, member, coach, recipient.locale, now)], method);
    const row = await sendEmail(db, {
      userId: recipient.id,
      to: recipient.email,
      kind: "session-invitation",
      subject,
      text,
      html,
      attachments: [{ filename: "session.ics", contentType: `text/calendar; charset=UTF-8; method=${method}`, content: ics }],
      deliveryKey: `session:${session.id}:${session.sequence}:${recipient.id}`,
    });
    if (row) deliveries.email.push({ id: row.id, notBefore: now });
  }
  return deliveries;
}
