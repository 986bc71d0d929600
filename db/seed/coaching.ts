import { eq, inArray } from "drizzle-orm";
import { coachAssignments, coachMatchRequests, coachProfiles, graduations, users } from "../schema";
import type { Database } from "../client.server";
import { addDays, localDate } from "../../app/lib/local-date";
import { ensureConversation } from "../../app/modules/coaching/access.server";
import { logCigarettes } from "../../app/modules/journey/logs.server";

const DAY = 24 * 3600 * 1000;

/** The demo coaches' profiles. Mai is full (so a Vietnamese-only member waits); Sam has one free place. */
const PROFILES = [
  {
    email: "coach.mai@quitpath.test",
    headline: "Bình tĩnh đồng hành khi cai thuốc trong căng thẳng",
    bio: {
      vi: "Tôi là chuyên viên tư vấn cai thuốc lá với 8 năm kinh nghiệm tại TP. Hồ Chí Minh. Tôi giúp người hút nhiều và các mẹ bầu xây dựng kế hoạch phù hợp với cuộc sống thật của họ.",
      en: "I am a quit-smoking counsellor with 8 years of experience in Ho Chi Minh City. I help heavy smokers and expecting mothers build a plan that fits their real lives.",
    },
    languages: ["vi", "en"],
    specialties: ["heavy-smokers", "pregnancy", "stress"],
    yearsExperience: 8,
    capacity: 3,
  },
  {
    email: "coach.sam@quitpath.test",
    headline: "Practical support for starting again",
    bio: {
      en: "Former smoker, coach for 5 years. I work with young adults and people who vape, and with anyone who has slipped and wants to start again without shame.",
    },
    languages: ["en"],
    specialties: ["relapse", "young-adults", "vaping"],
    yearsExperience: 5,
    capacity: 4,
  },
] as const;

/** Who is paired with whom, and for how long (days ago the relationship started). */
const ASSIGNMENTS = [
  { member: "member2@quitpath.test", coach: "coach.mai@quitpath.test", source: "member", startedDaysAgo: 40 },
  { member: "member3@quitpath.test", coach: "coach.mai@quitpath.test", source: "match", startedDaysAgo: 25 },
  { member: "member4@quitpath.test", coach: "coach.mai@quitpath.test", source: "member", startedDaysAgo: 12 },
  { member: "member13@quitpath.test", coach: "coach.sam@quitpath.test", source: "member", startedDaysAgo: 35 },
  { member: "member14@quitpath.test", coach: "coach.sam@quitpath.test", source: "match", startedDaysAgo: 20 },
  { member: "member19@quitpath.test", coach: "coach.sam@quitpath.test", source: "admin", startedDaysAgo: 9 },
] as const;

const ALUMNUS = { member: "member7@quitpath.test", coach: "coach.mai@quitpath.test", startedDaysAgo: 200, graduatedDaysAgo: 10 };
/** Mai's member at high risk: cigarettes on three of the last six days (slips, through the journey's own logging). */
const AT_RISK = { member: "member4@quitpath.test", smokedDaysAgo: [1, 3, 5] };
const WAITING = { member: "member6@quitpath.test", languages: ["vi"], specialties: ["heavy-smokers"], hoursAgo: 5 };

/**
 * Approved profiles for the demo coaches, premium members assigned to each (each with its
 * conversation, which the chat seed fills), one alumnus and one member waiting for a match.
 * Idempotent: does nothing once Mai has a profile.
 */
export async function seedCoachingDemo(db: Database, now = new Date()): Promise<void> {
  const emails = [...PROFILES.map((p) => p.email), ...ASSIGNMENTS.map((a) => a.member), ALUMNUS.member, WAITING.member];
  const people = await db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, emails));
  const idOf = (email: string) => people.find((p) => p.email === email)?.id;
  const mai = idOf(PROFILES[0].email);
  if (!mai) return;
  const [existing] = await db.select({ coachId: coachProfiles.coachId }).from(coachProfiles).where(eq(coachProfiles.coachId, mai));
  if (existing) return;
  const admin = (await db.select({ id: users.id }).from(users).where(eq(users.email, "admin@quitpath.test")))[0]?.id ?? null;

  await db.transaction(async (tx) => {
    for (const p of PROFILES) {
      const coachId = idOf(p.email);
      if (!coachId) continue;
      await tx.insert(coachProfiles).values({
        coachId,
        headline: p.headline,
        bio: p.bio,
        languages: [...p.languages],
        specialties: [...p.specialties],
        yearsExperience: p.yearsExperience,
        capacity: p.capacity,
        status: "approved",
        reviewedBy: admin,
        reviewedAt: new Date(now.getTime() - 60 * DAY),
        createdAt: new Date(now.getTime() - 61 * DAY),
      });
    }
    for (const a of ASSIGNMENTS) {
      const memberId = idOf(a.member);
      const coachId = idOf(a.coach);
      if (!memberId || !coachId) continue;
      const startedAt = new Date(now.getTime() - a.startedDaysAgo * DAY);
      const [assignment] = await tx
        .insert(coachAssignments)
        .values({
          memberId,
          coachId,
          source: a.source,
          assignedBy: a.source === "admin" ? admin : a.source === "member" ? memberId : null,
          requestedAt: new Date(startedAt.getTime() - 3 * 3600 * 1000),
          startedAt,
        })
        .returning();
      await ensureConversation(tx, assignment!);
    }
    const alumnusId = idOf(ALUMNUS.member);
    const alumnusCoach = idOf(ALUMNUS.coach);
    if (alumnusId && alumnusCoach) {
      const graduatedAt = new Date(now.getTime() - ALUMNUS.graduatedDaysAgo * DAY);
      const startedAt = new Date(now.getTime() - ALUMNUS.startedDaysAgo * DAY);
      const [assignment] = await tx
        .insert(coachAssignments)
        .values({
          memberId: alumnusId,
          coachId: alumnusCoach,
          status: "graduated",
          source: "member",
          assignedBy: alumnusId,
          requestedAt: startedAt,
          startedAt,
          endedAt: graduatedAt,
          endedBy: alumnusCoach,
          endReason: "Graduated: six months smoke-free",
        })
        .returning();
      await ensureConversation(tx, assignment!);
      await tx.insert(graduations).values({
        memberId: alumnusId,
        assignmentId: assignment!.id,
        coachId: alumnusCoach,
        smokeFreeDays: 183,
        note: "Sáu tháng không hút thuốc. Chúc mừng!",
        graduatedAt,
      });
    }
    const waitingId = idOf(WAITING.member);
    if (waitingId) {
      await tx
        .insert(coachMatchRequests)
        .values({
          memberId: waitingId,
          languages: [...WAITING.languages],
          specialties: [...WAITING.specialties],
          note: "Tôi hút gần một bao mỗi ngày và muốn có người nói tiếng Việt đồng hành.",
          createdAt: new Date(now.getTime() - WAITING.hoursAgo * 3600 * 1000),
        })
        .onConflictDoNothing();
    }
  });
  const [atRisk] = await db.select({ id: users.id, timeZone: users.timeZone }).from(users).where(eq(users.email, AT_RISK.member));
  if (atRisk) {
    const today = localDate(now, atRisk.timeZone);
    for (const daysAgo of AT_RISK.smokedDaysAgo) {
      await logCigarettes(db, atRisk.id, { date: addDays(today, -daysAgo), count: 2, trigger: "stress" }, today);
    }
  }
}
