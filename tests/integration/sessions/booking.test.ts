import ICAL from "ical.js";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  coachingSessions,
  emailOutbox,
  feedbackItems,
  notifications,
  sessionAttendance,
  sessionRatings,
  sessionReminders,
} from "#db/schema";
import { bookingWindow, coachAvailability, coachFreeSlots } from "~/modules/sessions/availability.server";
import { bookSession } from "~/modules/sessions/booking.server";
import { coachRatings } from "~/modules/sessions/ratings.server";
import { sendDueReminders } from "~/modules/sessions/reminders.server";
import { settleSessions } from "~/modules/sessions/settle.server";
import { Browser, startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";
import { arrangeCoach, arrangeMembers } from "./helpers";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

const MINUTE = 60_000;

async function firstFreeSlots(coachId: string, n = 3) {
  const availability = await coachAvailability(testDb(), coachId);
  const window = bookingWindow(availability, new Date());
  return (await coachFreeSlots(testDb(), availability, window.from, window.to)).slice(0, n);
}

function parseIcs(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const event = new ICAL.Event(calendar.getFirstSubcomponent("vevent")!);
  return {
    method: calendar.getFirstPropertyValue("method"),
    uid: event.uid,
    sequence: event.sequence,
    start: event.startDate.toJSDate(),
    status: calendar.getFirstSubcomponent("vevent")!.getFirstPropertyValue("status"),
  };
}

async function invitationsTo(userId: string) {
  const rows = await testDb()
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.userId, userId), eq(emailOutbox.kind, "session-invitation")))
    .orderBy(emailOutbox.createdAt);
  return rows.map((r) => parseIcs(r.attachments[0]!.content));
}

describe("booking a session", () => {
  it("100 members taking the same slot at once make exactly one booking; the other 99 get a clear 409", async () => {
    const { coach } = await arrangeCoach(testDb());
    const members = await arrangeMembers(testDb(), coach.id, 100);
    const [slot] = await firstFreeSlots(coach.id);
    const answers = await Promise.all(
      members.map(({ cookie }) =>
        new Browser(server.url, cookie).post("/app/coach/sessions", {
          intent: "book",
          coachId: coach.id,
          startsAt: slot!.startsAt.toISOString(),
        }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s < 400)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(99);
    const refused = answers.find((a) => a.status === 409)!;
    expect(await refused.text()).toContain("Someone has just booked this time");
    const [row] = await testDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(coachingSessions)
      .where(eq(coachingSessions.coachId, coach.id));
    expect(row!.n).toBe(1);
    // The database itself refuses an overlapping live session, whatever code writes it.
    const [other] = await arrangeMembers(testDb(), coach.id, 1);
    const overlapping = testDb()
      .insert(coachingSessions)
      .values({
        memberId: other!.user.id,
        coachId: coach.id,
        startsAt: new Date(slot!.startsAt.getTime() + 10 * MINUTE),
        endsAt: new Date(slot!.endsAt.getTime() + 10 * MINUTE),
      });
    await expect(overlapping).rejects.toMatchObject({ cause: { code: "23P01" } });
  }, 120_000); // 100 sign-ups and 100 simultaneous requests on two shared cores

  it("a coach who is not the member's is not found, and a time outside the working hours or in the past is refused", async () => {
    const { coach } = await arrangeCoach(testDb());
    const { coach: stranger } = await arrangeCoach(testDb());
    const { cookie } = (await arrangeMembers(testDb(), coach.id, 1))[0]!;
    const browser = new Browser(server.url, cookie);
    const [slot] = await firstFreeSlots(stranger.id);
    expect(
      (await browser.post("/app/coach/sessions", { intent: "book", coachId: stranger.id, startsAt: slot!.startsAt.toISOString() })).status,
    ).toBe(404);
    const offHours = new Date(slot!.startsAt.getTime() + 17 * MINUTE);
    const off = await browser.post("/app/coach/sessions", { intent: "book", coachId: coach.id, startsAt: offHours.toISOString() });
    expect(off.status).toBe(409);
    expect(await off.text()).toContain("This time is not free");
    const past = await browser.post("/app/coach/sessions", {
      intent: "book",
      coachId: coach.id,
      startsAt: new Date(Date.now() - 3600_000).toISOString(),
    });
    expect(past.status).toBe(422);
    expect((await browser.post("/app/coach/sessions", { intent: "book", coachId: coach.id, startsAt: "not a time" })).status).toBe(400);
  });

  it("a Basic member gets the upgrade page, and a coach confirms a request by hand (another coach's session is not found)", async () => {
    const { coach, cookie: coachCookie } = await arrangeCoach(testDb());
    const { cookie: otherCoachCookie } = await arrangeCoach(testDb());
    const { user, cookie } = (await arrangeMembers(testDb(), coach.id, 1))[0]!;
    const [slot] = await firstFreeSlots(coach.id);
    const booked = await bookSession(
      testDb(),
      user.id,
      { coachId: coach.id, startsAt: slot!.startsAt, topic: "Cravings after dinner" },
      new Date(),
    );
    expect(booked.status).toBe("requested");
    expect(
      (await new Browser(server.url, otherCoachCookie).post("/coach/sessions", { intent: "confirm", sessionId: booked.id })).status,
    ).toBe(404);
    const page = await new Browser(server.url, coachCookie).get("/coach/sessions");
    expect(await page.text()).toContain("Cravings after dinner");
    expect((await new Browser(server.url, coachCookie).post("/coach/sessions", { intent: "confirm", sessionId: booked.id })).status).toBe(
      200,
    );
    const [row] = await testDb().select().from(coachingSessions).where(eq(coachingSessions.id, booked.id));
    expect(row!.status).toBe("confirmed");
    const memberPage = await new Browser(server.url, cookie).get("/app/coach/sessions");
    expect(memberPage.status).toBe(200);
    const { cookie: basicCookie } = await (await import("#db/seed/factories")).createSignedInUser(testDb());
    expect((await new Browser(server.url, basicCookie).get("/app/coach/sessions")).status).toBe(403);
  });
});

describe("free slots across daylight-saving changes", () => {
  it("a London coach's 09:00 is 16:00 then 15:00 in Ho Chi Minh City around late March, and 15:00 then 16:00 around late October", async () => {
    const { coach } = await arrangeCoach(testDb(), { timeZone: "Europe/London" });
    const availability = await coachAvailability(testDb(), coach.id);
    const firstOfDay = async (from: string, to: string) => {
      const slots = await coachFreeSlots(testDb(), availability, new Date(from), new Date(to));
      const hcm = (d: Date) =>
        new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Ho_Chi_Minh", weekday: "short", hour: "2-digit", minute: "2-digit" }).format(d);
      const days = new Map<string, string>();
      for (const s of slots) {
        const label = hcm(s.startsAt);
        const day = label.split(" ")[0]!;
        if (!days.has(day)) days.set(day, label);
      }
      return { days: [...days.values()], count: slots.length };
    };
    const march = await firstOfDay("2026-03-27T00:00:00Z", "2026-03-31T00:00:00Z");
    expect(march.days).toEqual(["Fri 16:00", "Mon 15:00"]);
    expect(march.count).toBe(16); // eight 45+15 minute slots in 09:00–17:00, each day
    const october = await firstOfDay("2026-10-23T00:00:00Z", "2026-10-27T00:00:00Z");
    expect(october.days).toEqual(["Fri 15:00", "Mon 16:00"]);
  });
});

describe("calendar invitations", () => {
  it("booking, moving and cancelling send .ics with one UID, a rising SEQUENCE and finally METHOD:CANCEL", async () => {
    const { coach } = await arrangeCoach(testDb(), { autoConfirm: true });
    const { user, cookie } = (await arrangeMembers(testDb(), coach.id, 1))[0]!;
    const browser = new Browser(server.url, cookie);
    const [first, , third] = await firstFreeSlots(coach.id);
    expect(
      (
        await browser.post("/app/coach/sessions", {
          intent: "book",
          coachId: coach.id,
          startsAt: first!.startsAt.toISOString(),
          topic: 'Plan; first week, "slips"',
        })
      ).status,
    ).toBe(200);
    const [session] = await testDb().select().from(coachingSessions).where(eq(coachingSessions.memberId, user.id));
    expect(session!.status).toBe("confirmed");
    const moved = await browser.post(`/app/coach/sessions/${session!.id}/reschedule`, {
      intent: "reschedule",
      startsAt: third!.startsAt.toISOString(),
    });
    expect(moved.status).toBe(302);
    expect((await browser.post(`/app/coach/sessions/${session!.id}`, { intent: "cancel", reason: "Feeling unwell" })).status).toBe(200);
    const sent = await invitationsTo(user.id);
    expect(sent.map((s) => s.method)).toEqual(["REQUEST", "REQUEST", "CANCEL"]);
    expect(new Set(sent.map((s) => s.uid))).toEqual(new Set([`${session!.id}@quitpath`]));
    expect(sent.map((s) => s.sequence)).toEqual([1, 2, 3].map((n) => n - 1));
    expect(sent[0]!.start.getTime()).toBe(first!.startsAt.getTime());
    expect(sent[1]!.start.getTime()).toBe(third!.startsAt.getTime());
    expect(sent[2]!.status).toBe("CANCELLED");
    // The coach got the same invitations.
    expect((await invitationsTo(coach.id)).map((s) => s.sequence)).toEqual([0, 1, 2]);
  });

  it("a private feed lists the person's sessions, and stops working once revoked", async () => {
    const { coach } = await arrangeCoach(testDb(), { autoConfirm: true });
    const { user, cookie } = (await arrangeMembers(testDb(), coach.id, 1))[0]!;
    const [slot] = await firstFreeSlots(coach.id);
    await bookSession(testDb(), user.id, { coachId: coach.id, startsAt: slot!.startsAt, topic: "" }, new Date());
    const browser = new Browser(server.url, cookie);
    const created = await browser.post("/app/coach/sessions", { intent: "create-feed" });
    const url = /(http[^\s<"]+\/resources\/calendar\/[A-Za-z0-9_-]+\.ics)/.exec(await created.text())![1]!;
    const path = new URL(url).pathname;
    const feed = await fetch(new URL(path, server.url));
    expect(feed.headers.get("content-type")).toContain("text/calendar");
    const text = await feed.text();
    expect(parseIcs(text).uid).toMatch(/@quitpath$/);
    expect(text).toContain("\r\n");
    await browser.post("/app/coach/sessions", { intent: "revoke-feed" });
    expect((await fetch(new URL(path, server.url))).status).toBe(404);
    expect((await fetch(new URL("/resources/calendar/guessed-token.ics", server.url))).status).toBe(404);
  });
});

describe("reminders, attendance and ratings", () => {
  it("the 24-hour and 1-hour reminders are sent once each, even when the job runs twice", async () => {
    const { coach } = await arrangeCoach(testDb());
    const [a, b] = await arrangeMembers(testDb(), coach.id, 2);
    const now = new Date();
    const soon = new Date(now.getTime() + 50 * MINUTE);
    const tomorrow = new Date(now.getTime() + 20 * 3600_000);
    const [s1, s2] = await testDb()
      .insert(coachingSessions)
      .values([
        { memberId: a!.user.id, coachId: coach.id, startsAt: soon, endsAt: new Date(soon.getTime() + 45 * MINUTE), status: "confirmed" },
        {
          memberId: b!.user.id,
          coachId: coach.id,
          startsAt: tomorrow,
          endsAt: new Date(tomorrow.getTime() + 45 * MINUTE),
          status: "confirmed",
        },
      ])
      .returning();
    await sendDueReminders(testDb(), now);
    await sendDueReminders(testDb(), now);
    const reminders = await testDb().select().from(sessionReminders);
    expect(reminders.filter((r) => r.sessionId === s1!.id).map((r) => r.kind)).toEqual(["1h"]);
    expect(reminders.filter((r) => r.sessionId === s2!.id).map((r) => r.kind)).toEqual(["24h"]);
    const memberNotes = await testDb().select().from(notifications).where(eq(notifications.userId, a!.user.id));
    expect(memberNotes.filter((n) => n.dedupeKey?.startsWith("session-reminder:"))).toHaveLength(1);
    const coachNotes = await testDb().select().from(notifications).where(eq(notifications.userId, coach.id));
    expect(coachNotes.filter((n) => n.dedupeKey?.startsWith("session-reminder:"))).toHaveLength(2);
  });

  it("a session both joined for 5 minutes is completed and can be rated (editable, then locked); a missed one cannot", async () => {
    const { coach } = await arrangeCoach(testDb());
    const { user, cookie } = (await arrangeMembers(testDb(), coach.id, 1))[0]!;
    const browser = new Browser(server.url, cookie);
    const start = new Date(Date.now() - 3 * 3600_000);
    const [held, missed, future] = await testDb()
      .insert(coachingSessions)
      .values([
        { memberId: user.id, coachId: coach.id, startsAt: start, endsAt: new Date(start.getTime() + 45 * MINUTE), status: "confirmed" },
        {
          memberId: user.id,
          coachId: coach.id,
          startsAt: new Date(start.getTime() + 60 * MINUTE),
          endsAt: new Date(start.getTime() + 105 * MINUTE),
          status: "confirmed",
        },
        {
          memberId: user.id,
          coachId: coach.id,
          startsAt: new Date(Date.now() + 48 * 3600_000),
          endsAt: new Date(Date.now() + 49 * 3600_000),
          status: "confirmed",
        },
      ])
      .returning();
    expect((await browser.post(`/app/coach/sessions/${future!.id}`, { intent: "rate", stars: "5" })).status).toBe(409);
    await testDb()
      .insert(sessionAttendance)
      .values([
        {
          sessionId: held!.id,
          userId: user.id,
          role: "member",
          joinedAt: new Date(start.getTime() + MINUTE),
          leftAt: new Date(start.getTime() + 20 * MINUTE),
        },
        { sessionId: held!.id, userId: coach.id, role: "coach", joinedAt: start, leftAt: new Date(start.getTime() + 7 * MINUTE) },
        { sessionId: missed!.id, userId: coach.id, role: "coach", joinedAt: new Date(start.getTime() + 60 * MINUTE), leftAt: null },
      ]);
    expect(await settleSessions(testDb(), new Date())).toEqual({ completed: 1, missed: 1, expired: 0 });
    expect(await settleSessions(testDb(), new Date())).toEqual({ completed: 0, missed: 0, expired: 0 });
    const states = await testDb()
      .select({ id: coachingSessions.id, status: coachingSessions.status, missedBy: coachingSessions.missedBy })
      .from(coachingSessions)
      .where(eq(coachingSessions.memberId, user.id));
    expect(states.find((s) => s.id === missed!.id)).toMatchObject({ status: "missed", missedBy: "member" });
    const refused = await browser.post(`/app/coach/sessions/${missed!.id}`, { intent: "rate", stars: "4" });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("Only a session that took place can be rated");
    expect((await browser.post(`/app/coach/sessions/${held!.id}`, { intent: "rate", stars: "9" })).status).toBe(400);
    expect((await browser.post(`/app/coach/sessions/${held!.id}`, { intent: "rate", stars: "2", comment: "<b>late</b>" })).status).toBe(
      200,
    );
    expect((await browser.post(`/app/coach/sessions/${held!.id}`, { intent: "rate", stars: "3", comment: "<b>late</b>" })).status).toBe(
      200,
    );
    const [rating] = await testDb().select().from(sessionRatings).where(eq(sessionRatings.sessionId, held!.id));
    expect(rating!.stars).toBe(3);
    await testDb()
      .update(sessionRatings)
      .set({ createdAt: new Date(Date.now() - 8 * 24 * 3600_000) })
      .where(eq(sessionRatings.sessionId, held!.id));
    expect((await browser.post(`/app/coach/sessions/${held!.id}`, { intent: "rate", stars: "5" })).status).toBe(409);
    const { createSignedInUser } = await import("#db/seed/factories");
    const { cookie: stranger } = await createSignedInUser(testDb());
    expect((await new Browser(server.url, stranger).get(`/app/coach/sessions/${held!.id}`)).status).toBe(403);
    const ratings = await coachRatings(testDb(), [coach.id]);
    expect(ratings.get(coach.id)!.count).toBe(1);
  });
});

describe("feedback", () => {
  it("visitors' feedback has a honeypot and a rate limit; an admin's answer reaches the member as a notification", async () => {
    const visitor = new Browser(server.url);
    expect(
      (await visitor.post("/feedback", { intent: "send-feedback", category: "idea", message: "Hi", website: "spam.example" })).status,
    ).toBe(400);
    const statuses = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (
          await visitor.post(
            "/feedback",
            { intent: "send-feedback", category: "idea", message: `Idea ${i}` },
            { "X-Forwarded-For": "203.0.113.9" },
          )
        ).status,
      );
    expect(statuses.slice(0, 5).every((s) => s === 200)).toBe(true);
    expect(statuses[5]).toBe(429);
    const { createSignedInUser } = await import("#db/seed/factories");
    const { user: member, cookie } = await createSignedInUser(testDb());
    expect(
      (
        await new Browser(server.url, cookie).post("/app/feedback", {
          intent: "send-feedback",
          category: "problem",
          message: "The log page is slow",
        })
      ).status,
    ).toBe(200);
    const [item] = await testDb().select().from(feedbackItems).where(eq(feedbackItems.userId, member.id));
    const { cookie: adminCookie } = await createSignedInUser(testDb(), { role: "admin" });
    const admin = new Browser(server.url, adminCookie);
    expect((await admin.get("/admin/feedback?status=new")).status).toBe(200);
    expect(
      (await admin.post("/admin/feedback", { intent: "respond", feedbackId: item!.id, status: "answered", response: "Fixed, thank you!" }))
        .status,
    ).toBe(200);
    const notes = await testDb().select().from(notifications).where(eq(notifications.userId, member.id));
    expect(notes.map((n) => (n.payload as { messageKey: string }).messageKey)).toContain("notifications:sessions.feedbackAnswered");
    expect(await (await new Browser(server.url, cookie).get("/app/feedback")).text()).toContain("Fixed, thank you!");
  });
});
