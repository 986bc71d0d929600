import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { coachAssignments, coachProfiles, coachResponses, conversations, messages, subscriptions, users } from "../schema";
import type { Database } from "../client.server";
import { ensureConversation } from "../../app/modules/coaching/access.server";
import { businessHoursOf, responseDueAt } from "../../app/modules/coaching/sla";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const COACH_EMAILS = ["coach.mai@quitpath.test", "coach.sam@quitpath.test"];

type Line = { from: "member" | "coach"; en: string; vi: string };

// One exchange every few days: the member writes, the coach answers within the hour.
const EXCHANGES: Line[][] = [
  [
    {
      from: "coach",
      en: "Hi! I'm your coach. What made you decide to quit now?",
      vi: "Chào bạn! Mình là huấn luyện viên của bạn. Điều gì khiến bạn quyết định bỏ thuốc lúc này?",
    },
    { from: "member", en: "My daughter asked me to. And the cough in the mornings.", vi: "Con gái mình nhờ. Và cả cơn ho buổi sáng nữa." },
    {
      from: "coach",
      en: "Those are **strong** reasons. Let's write them on your plan.",
      vi: "Đó là những lý do **rất mạnh**. Mình ghi chúng vào kế hoạch nhé.",
    },
  ],
  [
    { from: "member", en: "Day 3. Cravings after lunch are the worst.", vi: "Ngày thứ 3. Cơn thèm sau bữa trưa là tệ nhất." },
    {
      from: "coach",
      en: "Try a 5-minute walk right after lunch, and keep gum at your desk.",
      vi: "Thử đi bộ 5 phút ngay sau bữa trưa, và để sẵn kẹo cao su ở bàn làm việc.",
    },
  ],
  [
    { from: "member", en: "I had one cigarette at a party. I feel terrible.", vi: "Mình đã hút một điếu ở bữa tiệc. Mình thấy rất tệ." },
    {
      from: "coach",
      en: "A slip is not a relapse. What was happening just before?",
      vi: "Một lần lỡ không phải là tái nghiện. Ngay trước đó chuyện gì đã xảy ra?",
    },
    { from: "member", en: "Friends smoking outside, and a beer in my hand.", vi: "Bạn bè hút thuốc bên ngoài, và mình đang cầm cốc bia." },
    {
      from: "coach",
      en: "Good to know your trigger. Next time: stay inside, and switch to a soft drink.",
      vi: "Biết được tác nhân là tốt. Lần sau: ở trong nhà và đổi sang nước ngọt nhé.",
    },
  ],
  [
    { from: "member", en: "Two weeks smoke-free today!", vi: "Hôm nay tròn hai tuần không hút thuốc!" },
    {
      from: "coach",
      en: "Congratulations! Your lungs are already clearing. How is sleep?",
      vi: "Chúc mừng bạn! Phổi của bạn đang dần sạch hơn. Giấc ngủ thế nào?",
    },
  ],
  [
    { from: "member", en: "Stressful week at work, the urge came back.", vi: "Tuần này công việc căng thẳng, cơn thèm quay lại." },
    {
      from: "coach",
      en: "Try the 4-7-8 breathing from your plan when it hits. It passes in minutes.",
      vi: "Khi cơn thèm đến, hãy thử thở 4-7-8 trong kế hoạch. Nó sẽ qua sau vài phút.",
    },
  ],
];

const UNANSWERED: Line = {
  from: "member",
  en: "I'm really struggling tonight. Can we talk about what to do when I can't sleep?",
  vi: "Tối nay mình rất khó khăn. Mình có thể nói về việc nên làm gì khi không ngủ được không?",
};

/**
 * Weeks of chat between the demo premium members and coach.mai / coach.sam, with one member's
 * last message unanswered and about to miss its response time. Uses the coaches' active
 * assignments (seeded by the coaching demo); when there are none, it pairs the premium demo
 * members with the two coaches itself. Conversations that already have messages are left alone.
 */
export async function seedChatDemo(db: Database, now = new Date()): Promise<void> {
  const coaches = await db
    .select({ id: users.id, email: users.email, timeZone: users.timeZone, workingHours: coachProfiles.workingHours })
    .from(users)
    .leftJoin(coachProfiles, eq(coachProfiles.coachId, users.id))
    .where(inArray(users.email, COACH_EMAILS));
  if (coaches.length === 0) return;
  const coachIds = coaches.map((c) => c.id);
  let assignments = await db
    .select()
    .from(coachAssignments)
    .where(and(inArray(coachAssignments.coachId, coachIds), eq(coachAssignments.status, "active")));
  if (assignments.length === 0) {
    const premium = await db
      .selectDistinct({ id: users.id })
      .from(users)
      .innerJoin(subscriptions, eq(subscriptions.userId, users.id))
      .where(and(eq(users.role, "member"), inArray(subscriptions.status, ["active", "trialing", "past_due", "cancelled_at_period_end"])));
    for (const [i, member] of premium.entries()) {
      await db
        .insert(coachAssignments)
        .values({
          memberId: member.id,
          coachId: coachIds[i % coachIds.length]!,
          source: "admin",
          startedAt: new Date(now.getTime() - 40 * DAY),
        })
        .onConflictDoNothing();
    }
    assignments = await db
      .select()
      .from(coachAssignments)
      .where(and(inArray(coachAssignments.coachId, coachIds), eq(coachAssignments.status, "active")));
  }
  const members = await db
    .select({ id: users.id, locale: users.locale })
    .from(users)
    .where(inArray(users.id, assignments.map((a) => a.memberId).concat([randomUUID()])));
  const localeOf = new Map(members.map((m) => [m.id, m.locale]));

  for (const [index, assignment] of assignments.sort((x, y) => x.memberId.localeCompare(y.memberId)).entries()) {
    const conversation = await ensureConversation(db, assignment);
    if (conversation.lastSeq > 0) continue;
    const coach = coaches.find((c) => c.id === assignment.coachId)!;
    const hours = businessHoursOf(coach.workingHours, coach.timeZone);
    const text = (line: Line) => (localeOf.get(assignment.memberId) === "vi" ? line.vi : line.en);
    const rows: (typeof messages.$inferInsert)[] = [];
    const responses: (typeof coachResponses.$inferInsert)[] = [];
    let open: typeof coachResponses.$inferInsert | null = null;
    const add = (line: Line, at: Date) => {
      const seq = rows.length + 1;
      const senderId = line.from === "member" ? assignment.memberId : assignment.coachId;
      rows.push({ conversationId: conversation.id, seq, senderId, clientId: randomUUID(), body: text(line), createdAt: at });
      if (line.from === "member" && !open) {
        open = {
          conversationId: conversation.id,
          coachId: assignment.coachId,
          kind: responses.length === 0 ? "first" : "next",
          askedSeq: seq,
          askedAt: at,
          dueAt: responseDueAt(at, hours),
        };
      } else if (line.from === "coach" && open) {
        responses.push({ ...open, answeredSeq: seq, answeredAt: at });
        open = null;
      }
    };
    // Five exchanges over the past five weeks, a few minutes between lines, answers 20–70 minutes later.
    EXCHANGES.forEach((exchange, e) => {
      let at = now.getTime() - (35 - e * 7) * DAY + (index % 3) * 3_600_000;
      for (const line of exchange) {
        add(line, new Date(at));
        at += line.from === "member" ? (20 + ((e * 13 + index * 7) % 50)) * MINUTE : 4 * MINUTE;
      }
    });
    let lastReadByCoach = rows.length;
    if (index === 0) {
      // The one about to be missed: asked so that it falls due in about twenty minutes of the coach's working time.
      // Outside the coach's hours nothing can fall due that soon: then it is simply asked 100 minutes ago.
      const fallback = new Date(now.getTime() - 100 * MINUTE);
      let asked = fallback;
      for (let step = 0; ; step++) {
        const due = responseDueAt(asked, hours).getTime() - now.getTime();
        if (due > 5 * MINUTE && due <= 25 * MINUTE) break;
        if (step > 3 * 24 * 12) {
          asked = fallback;
          break;
        }
        asked = new Date(asked.getTime() - 5 * MINUTE);
      }
      lastReadByCoach = rows.length;
      add(UNANSWERED, asked);
    }
    if (open) responses.push(open);
    await db.transaction(async (tx) => {
      await tx.insert(messages).values(rows);
      if (responses.length > 0) await tx.insert(coachResponses).values(responses).onConflictDoNothing();
      await tx
        .update(conversations)
        .set({
          lastSeq: rows.length,
          memberReadSeq: rows.length,
          coachReadSeq: lastReadByCoach,
          lastMessageAt: rows.at(-1)!.createdAt as Date,
        })
        .where(eq(conversations.id, conversation.id));
    });
  }
}
