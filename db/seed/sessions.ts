import { and, eq, inArray, sql } from "drizzle-orm";
import { coachAssignments, coachingSessions, coachProfiles, feedbackItems, sessionRatings, sessionSettings, users } from "../schema";
import type { Database } from "../client.server";

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const WEEKDAYS = Object.fromEntries(["1", "2", "3", "4", "5"].map((d) => [d, [{ start: "09:00", end: "17:00" }]]));

/**
 * Coaching sessions for the demo: the coaches' working hours and session settings, past completed
 * sessions with ratings and notes, one session today for the demo member, one missed, and feedback
 * in both languages. Call after the coaching seeds; it uses their assignments, and makes a few of
 * its own only when there are none. Idempotent: a coach who already has sessions is left alone.
 */
export async function seedSessionsDemo(db: Database, now = new Date()): Promise<void> {
  const people = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(
      inArray(users.email, [
        "coach.mai@quitpath.test",
        "coach.sam@quitpath.test",
        "member@quitpath.test",
        "member2@quitpath.test",
        "member3@quitpath.test",
        "member13@quitpath.test",
      ]),
    );
  const id = (email: string) => people.find((p) => p.email === email)?.id;
  const coaches = [id("coach.mai@quitpath.test"), id("coach.sam@quitpath.test")].filter((c): c is string => Boolean(c));
  if (coaches.length === 0) return;
  for (const coachId of coaches) {
    await db.insert(coachProfiles).values({ coachId, status: "approved", capacity: 20, workingHours: WEEKDAYS }).onConflictDoNothing();
    await db
      .update(coachProfiles)
      .set({ workingHours: WEEKDAYS })
      .where(and(eq(coachProfiles.coachId, coachId), sql`${coachProfiles.workingHours} = '{}'::jsonb`));
    await db
      .insert(sessionSettings)
      .values({ coachId, sessionMinutes: 45, bufferMinutes: 15, autoConfirm: coachId === coaches[1], noticeMinutes: 120 })
      .onConflictDoNothing();
  }
  let assignments = await db
    .select({ memberId: coachAssignments.memberId, coachId: coachAssignments.coachId })
    .from(coachAssignments)
    .where(and(inArray(coachAssignments.coachId, coaches), eq(coachAssignments.status, "active")));
  if (assignments.length === 0) {
    const pairs = [
      ["member@quitpath.test", coaches[0]],
      ["member2@quitpath.test", coaches[0]],
      ["member3@quitpath.test", coaches.at(-1)],
      ["member13@quitpath.test", coaches.at(-1)],
    ] as const;
    const values = pairs.flatMap(([email, coachId]) => (id(email) && coachId ? [{ memberId: id(email)!, coachId, source: "admin" }] : []));
    if (values.length) await db.insert(coachAssignments).values(values).onConflictDoNothing();
    assignments = values.map((v) => ({ memberId: v.memberId, coachId: v.coachId }));
  }
  const [existing] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(coachingSessions)
    .where(inArray(coachingSessions.coachId, coaches));
  if ((existing?.n ?? 0) > 0) return;
  const comments = [
    { stars: 5, comment: "Buổi rất hữu ích, tôi đã có kế hoạch cho những cơn thèm buổi tối." },
    { stars: 4, comment: "Helpful ideas for the first week." },
    { stars: 2, comment: "The call started late." },
  ];
  // The demo member when they have a coach; otherwise the first coached member stands in.
  const demoMember = assignments.find((a) => a.memberId === id("member@quitpath.test"))?.memberId ?? assignments[0]?.memberId;
  for (const [i, a] of assignments.entries()) {
    // Three past sessions a week apart on the hour, rated; the demo member also gets one missed and one today.
    const past = [21, 14, 7].map((days, k) => {
      const start = new Date(Math.floor((now.getTime() - days * DAY) / HOUR) * HOUR + (i % 3) * HOUR);
      return {
        memberId: a.memberId,
        coachId: a.coachId,
        startsAt: start,
        endsAt: new Date(start.getTime() + 45 * 60_000),
        status: "completed" as const,
        topic: ["Triggers at work", "Sleep and cravings", "Staying smoke-free on weekends"][k]!,
        coachNote: "Practised urge surfing; follow up on the evening routine.",
        confirmedAt: new Date(start.getTime() - 2 * DAY),
        settledAt: new Date(start.getTime() + HOUR),
      };
    });
    const rows = await db.insert(coachingSessions).values(past).returning({ id: coachingSessions.id, startsAt: coachingSessions.startsAt });
    await db.insert(sessionRatings).values(
      rows.map((r, k) => ({
        sessionId: r.id,
        memberId: a.memberId,
        coachId: a.coachId,
        ...comments[(i + k) % comments.length]!,
        createdAt: new Date(r.startsAt.getTime() + 2 * HOUR),
      })),
    );
    if (a.memberId === demoMember) {
      const missedStart = new Date(Math.floor((now.getTime() - 3 * DAY) / HOUR) * HOUR);
      const todayStart = new Date(Math.ceil((now.getTime() + 3 * HOUR) / HOUR) * HOUR);
      await db.insert(coachingSessions).values([
        {
          memberId: a.memberId,
          coachId: a.coachId,
          startsAt: missedStart,
          endsAt: new Date(missedStart.getTime() + 45 * 60_000),
          status: "missed",
          missedBy: "member",
          settledAt: new Date(missedStart.getTime() + HOUR),
        },
        {
          memberId: a.memberId,
          coachId: a.coachId,
          startsAt: todayStart,
          endsAt: new Date(todayStart.getTime() + 45 * 60_000),
          status: "confirmed",
          topic: "Check-in before my quit day",
          confirmedAt: now,
        },
      ]);
    }
  }
  await db.insert(feedbackItems).values([
    { userId: demoMember ?? null, category: "idea", message: "Could the app remind me to drink water when a craving comes?", locale: "en" },
    {
      userId: null,
      category: "other",
      message: "Ứng dụng rất dễ dùng. Cảm ơn đội ngũ QuitPath!",
      contact: "lan@example.test",
      locale: "vi",
      status: "answered",
      response: "Cảm ơn bạn đã góp ý!",
      respondedAt: now,
    },
    {
      userId: id("member2@quitpath.test") ?? null,
      category: "problem",
      message: "Biểu đồ tuần không hiện trên điện thoại của tôi.",
      locale: "vi",
    },
  ]);
}
