import { and, eq, sql } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  adminAudit,
  coachAssignments,
  coachingSessions,
  coachMatchRequests,
  coachProfiles,
  coachResponses,
  conversations,
  emailOutbox,
  notifications,
  sessionRatings,
} from "#db/schema";
import { createSignedInUser } from "#db/seed/factories";
import { coachAssignmentOf, ensureConversation } from "~/modules/coaching/access.server";
import { assignmentTarget, chooseCoach, matchWaitingMembers } from "~/modules/coaching/assignments.server";
import { startJobs, type JobsHandle } from "~/modules/jobs/worker.server";
import { Browser, startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";
import { coachWithProfile, premiumMember } from "./helpers";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

const activeOf = (coachId: string) =>
  testDb()
    .select()
    .from(coachAssignments)
    .where(and(eq(coachAssignments.coachId, coachId), eq(coachAssignments.status, "active")));

async function admin() {
  const { user, cookie } = await createSignedInUser(testDb(), { role: "admin" });
  return { user, browser: new Browser(server.url, cookie) };
}

describe("choosing a coach", () => {
  it("fifty members taking a coach's one free place at once: exactly one gets it, the others a clear 409", async () => {
    const { user: coach } = await coachWithProfile(testDb(), { capacity: 3 });
    // Two of the three places are taken already.
    for (let i = 0; i < 2; i++) {
      const { user } = await premiumMember(testDb());
      const [a] = await testDb().insert(coachAssignments).values({ memberId: user.id, coachId: coach.id, source: "member" }).returning();
      await ensureConversation(testDb(), a!);
    }
    const members = await Promise.all(Array.from({ length: 50 }, () => premiumMember(testDb())));
    const responses = await Promise.all(
      members.map(({ cookie }) => new Browser(server.url, cookie).post("/app/coach/choose", { intent: "choose", coachId: coach.id })),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 302)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const refused = await responses.find((r) => r.status === 409)!.text();
    expect(refused).toContain("That coach has just filled their last place.");
    const winner = responses.findIndex((r) => r.status === 302);
    expect(responses[winner]!.headers.get("location")).toBe("/app/coach");
    const active = await activeOf(coach.id);
    expect(active).toHaveLength(3);
    // The winner's conversation was created with the assignment.
    const mine = active.find((a) => a.memberId === members[winner]!.user.id)!;
    expect(await testDb().select().from(conversations).where(eq(conversations.assignmentId, mine.id))).toHaveLength(1);
    // Both sides were told, in-app (and the coach by email: coaching email is on by default).
    const told = await testDb()
      .select()
      .from(notifications)
      .where(sql`${notifications.dedupeKey} like ${`coach-assigned:${mine.id}:%`}`);
    expect(told.map((n) => n.userId).sort()).toEqual([coach.id, mine.memberId].sort());
    expect(await testDb().select().from(emailOutbox).where(eq(emailOutbox.userId, coach.id))).toHaveLength(1);
  });

  it("a member who has a coach is sent to their chat, and cannot take a second coach", async () => {
    const { user: first } = await coachWithProfile(testDb());
    const { user: second } = await coachWithProfile(testDb());
    const {
      cookie,
      user: { id: memberId },
    } = await premiumMember(testDb());
    const member = new Browser(server.url, cookie);
    expect((await member.post("/app/coach/choose", { intent: "choose", coachId: first.id })).status).toBe(302);
    const page = await member.get("/app/coach/choose");
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toBe("/app/coach");
    // Without JavaScript the page's loader runs after the refused action and sends the member to their coach.
    const again = await member.post("/app/coach/choose", { intent: "choose", coachId: second.id });
    expect(again.headers.get("location")).toBe("/app/coach");
    await expect(chooseCoach(testDb(), memberId, second.id)).rejects.toMatchObject({
      status: 409,
      message: "coaching:errors.alreadyAssigned",
    });
    expect(await activeOf(second.id)).toHaveLength(0);
    const old = await member.get("/app/coaching");
    expect(old.headers.get("location")).toBe("/app/coach");
  });

  it("shows each coach's rating on the directory (a Bayesian average with its count), and 'not yet rated' before anyone rates", async () => {
    const { user: rated } = await coachWithProfile(testDb(), {}, { displayName: "Rated Coach" });
    const { user: fresh } = await coachWithProfile(testDb(), {}, { displayName: "Fresh Coach" });
    for (const stars of [5, 5, 4]) {
      const rater = await createSignedInUser(testDb());
      const start = new Date(Date.now() - 7 * 86_400_000);
      const [held] = await testDb()
        .insert(coachingSessions)
        .values({
          memberId: rater.user.id,
          coachId: rated.id,
          startsAt: start,
          endsAt: new Date(start.getTime() + 1_800_000),
          status: "completed",
        })
        .returning();
      await testDb().insert(sessionRatings).values({ sessionId: held!.id, memberId: rater.user.id, coachId: rated.id, stars });
    }
    const { cookie } = await premiumMember(testDb());
    const html = await (await new Browser(server.url, cookie).get("/app/coach/choose")).text();
    const card = (id: string) => html.slice(html.indexOf(`id="coach-${id}"`), html.indexOf("</article>", html.indexOf(`id="coach-${id}"`)));
    expect(card(rated.id)).toMatch(/\d\.\d of 5 from 3 ratings/);
    expect(card(fresh.id)).toContain("Not yet rated");
  });

  it("a Basic member gets the upgrade page (403) on the directory and on each of its actions", async () => {
    const { user: coach } = await coachWithProfile(testDb());
    const { cookie } = await createSignedInUser(testDb());
    const basic = new Browser(server.url, cookie);
    const page = await basic.get("/app/coach/choose");
    expect(page.status).toBe(403);
    expect(await page.text()).toContain("This is part of premium");
    expect((await basic.post("/app/coach/choose", { intent: "choose", coachId: coach.id })).status).toBe(403);
    expect((await basic.post("/app/coach/choose", { intent: "match-me", languages: "en" })).status).toBe(403);
    expect((await basic.post("/app/coach/choose", { intent: "withdraw" })).status).toBe(403);
    expect((await basic.get("/app/coaching")).status).toBe(403);
    expect(await activeOf(coach.id)).toHaveLength(0);
  });
});

describe("the directory", () => {
  it("offers approved coaches with a free place, filters by language and specialty without JavaScript, and says how fast they answer", async () => {
    const tag = `t${Date.now()}`;
    const { user: fast } = await coachWithProfile(
      testDb(),
      { languages: ["vi"], specialties: ["pregnancy"], bio: { en: `Fast ${tag} in English` } },
      { displayName: `Fast ${tag}` },
    );
    await coachWithProfile(testDb(), { languages: ["en"], specialties: ["vaping"] }, { displayName: `New ${tag}` });
    await coachWithProfile(testDb(), { status: "pending" }, { displayName: `Pending ${tag}` });
    await coachWithProfile(testDb(), { capacity: 0 }, { displayName: `Full ${tag}` });
    // Fast answered three messages in 30, 150 and 200 minutes: the median, 150, is "within 3 hours".
    const { user: someone } = await premiumMember(testDb());
    const [a] = await testDb().insert(coachAssignments).values({ memberId: someone.id, coachId: fast.id, source: "member" }).returning();
    const conversation = await ensureConversation(testDb(), a!);
    const now = Date.now();
    await testDb()
      .insert(coachResponses)
      .values(
        [30, 150, 200].map((minutes, i) => ({
          conversationId: conversation.id,
          coachId: fast.id,
          kind: i === 0 ? ("first" as const) : ("next" as const),
          askedSeq: i * 2 + 1,
          askedAt: new Date(now - (i + 1) * 86_400_000),
          dueAt: new Date(now - (i + 1) * 86_400_000 + 7_200_000),
          answeredSeq: i * 2 + 2,
          answeredAt: new Date(now - (i + 1) * 86_400_000 + minutes * 60_000),
        })),
      );
    const { cookie } = await premiumMember(testDb(), { locale: "vi" });
    const member = new Browser(server.url, cookie);
    const all = await (await member.get("/app/coach/choose")).text();
    expect(all.includes(`Fast ${tag}`), `Fast ${tag}`).toBe(true);
    expect(all.includes(`New ${tag}`), `New ${tag}`).toBe(true);
    expect(all.includes(`Pending ${tag}`), `Pending ${tag}`).toBe(false);
    expect(all.includes(`Full ${tag}`), `Full ${tag}`).toBe(false);
    // The member reads Vietnamese; Fast wrote only in English, so the English bio is shown, marked as such.
    expect(new RegExp(`<p lang="en"[^>]*>Fast ${tag} in English`).test(all)).toBe(true);
    // Rendered on the server, not a client-side fallback after a render error.
    expect(all.includes("<template data-msg")).toBe(false);
    expect(all.includes("Thường trả lời trong vòng 3 giờ"), "Thường trả lời trong vòng 3 giờ").toBe(true);
    expect(all.includes("Huấn luyện viên mới"), "Huấn luyện viên mới").toBe(true);
    expect(all.includes("Chưa có đánh giá"), "Chưa có đánh giá").toBe(true);
    const vi = await (await member.get("/app/coach/choose?language=vi&specialty=pregnancy")).text();
    expect(vi.includes(`Fast ${tag}`), `Fast ${tag}`).toBe(true);
    expect(vi.includes(`New ${tag}`), `New ${tag}`).toBe(false);
    const vaping = await (await member.get("/app/coach/choose?specialty=vaping")).text();
    expect(vaping.includes(`Fast ${tag}`), `Fast ${tag}`).toBe(false);
    expect(vaping.includes(`New ${tag}`), `New ${tag}`).toBe(true);
    expect((await member.get("/app/coach/choose?language=%3Cscript%3E")).status).toBe(200);
  });
});

describe("coach profiles and review", () => {
  async function png(): Promise<Blob> {
    const bytes = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#0a7" } })
      .png()
      .toBuffer();
    return new Blob([new Uint8Array(bytes)], { type: "image/png" });
  }

  function profileForm(photo?: Blob, name = "me.png") {
    const form = new FormData();
    form.set("intent", "save");
    form.set("headline", "Calm support for stressful quits");
    form.set("bioVi", "Tôi giúp bạn cai thuốc.");
    form.append("languages", "vi");
    form.append("specialties", "stress");
    form.set("yearsExperience", "4");
    if (photo) form.set("photo", photo, name);
    return form;
  }

  async function postMultipart(cookie: string, form: FormData) {
    return fetch(new URL("/coach/profile", server.url), {
      method: "POST",
      redirect: "manual",
      body: form,
      headers: { Cookie: cookie, Origin: server.url, "Sec-Fetch-Site": "same-origin" },
    });
  }

  it("a coach saves a profile with a photo checked by its bytes, submits it, and an admin approves it (audited)", async () => {
    const { user: coach, cookie } = await createSignedInUser(testDb(), { role: "coach" });
    const fake = new Blob([new TextEncoder().encode("<svg onload=alert(1)>")], { type: "image/png" });
    const refused = await postMultipart(cookie, profileForm(fake));
    expect(refused.status).toBe(422);
    expect(await testDb().select().from(coachProfiles).where(eq(coachProfiles.coachId, coach.id))).toHaveLength(0);

    expect((await postMultipart(cookie, profileForm(await png()))).status).toBe(200);
    const [saved] = await testDb().select().from(coachProfiles).where(eq(coachProfiles.coachId, coach.id));
    expect(saved).toMatchObject({ status: "draft", languages: ["vi"], specialties: ["stress"], yearsExperience: 4 });
    expect(saved!.photoId).not.toBeNull();
    // Not approved yet: its coach sees the photo, an anonymous visitor does not.
    expect(
      (await fetch(new URL(`/resources/images/${saved!.photoId}`, server.url), { headers: { Cookie: cookie } })).headers.get(
        "content-type",
      ),
    ).toBe("image/png");
    expect((await fetch(new URL(`/resources/images/${saved!.photoId}`, server.url))).status).toBe(404);

    const browser = new Browser(server.url, cookie);
    expect((await browser.post("/coach/profile", { intent: "submit" })).status).toBe(200);
    expect((await browser.post("/coach/profile", { intent: "submit" })).status).toBe(409);
    const { user: adminUser, browser: adminBrowser } = await admin();
    const page = await (await adminBrowser.get("/admin/coaches")).text();
    expect(page).toContain(coach.email);
    expect((await adminBrowser.post("/admin/coaches", { intent: "review", coachId: coach.id, decision: "reject" })).status).toBe(400);
    expect((await adminBrowser.post("/admin/coaches", { intent: "review", coachId: coach.id, decision: "approve" })).status).toBe(200);
    const [approved] = await testDb().select().from(coachProfiles).where(eq(coachProfiles.coachId, coach.id));
    expect(approved!.status).toBe("approved");
    expect(approved!.reviewedBy).toBe(adminUser.id);
    const audits = await testDb().select().from(adminAudit).where(eq(adminAudit.targetId, coach.id));
    expect(audits.map((a) => a.action)).toContain("coach.approve");
    // A member is not an admin, and a coach is not one either.
    expect((await browser.post("/admin/coaches", { intent: "review", coachId: coach.id, decision: "approve" })).status).toBe(403);
  });
});

describe("admins assign, reassign and end (history kept, everyone told)", () => {
  it("assign → reassign → end: the history shows each relationship with its reason, and the removed coach loses access at once", async () => {
    const { user: mai } = await coachWithProfile(testDb(), {}, { displayName: "Coach Mai Test" });
    const { user: sam } = await coachWithProfile(testDb(), {}, { displayName: "Coach Sam Test" });
    const { user: member } = await premiumMember(testDb(), { displayName: "Lan History" });
    const { user: adminUser, browser } = await admin();

    const unknown = await browser.post("/admin/coaches", { intent: "assign", memberEmail: "nobody@example.test", coachId: mai.id });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain("No member has this email.");
    expect((await browser.post("/admin/coaches", { intent: "assign", memberEmail: member.email, coachId: mai.id })).status).toBe(200);
    expect((await coachAssignmentOf(testDb(), mai.id, member.id)).source).toBe("admin");

    expect((await browser.post("/admin/coaches", { intent: "reassign", memberEmail: member.email, coachId: sam.id })).status).toBe(400);
    const reassigned = await browser.post("/admin/coaches", {
      intent: "reassign",
      memberEmail: member.email,
      coachId: sam.id,
      reason: "Member asked for an English-speaking coach",
    });
    expect(reassigned.status).toBe(200);
    // The removed coach's very next read of the member is a 404.
    await expect(coachAssignmentOf(testDb(), mai.id, member.id)).rejects.toMatchObject({ kind: "not-found", status: 404 });
    expect((await coachAssignmentOf(testDb(), sam.id, member.id)).status).toBe("active");

    expect((await browser.post("/admin/coaches", { intent: "end", memberEmail: member.email, reason: "Moved abroad" })).status).toBe(200);
    await expect(coachAssignmentOf(testDb(), sam.id, member.id)).rejects.toMatchObject({ kind: "not-found" });
    expect((await browser.post("/admin/coaches", { intent: "end", memberEmail: member.email, reason: "Again" })).status).toBe(404);

    const history = await testDb().select().from(coachAssignments).where(eq(coachAssignments.memberId, member.id));
    expect(history.map((h) => [h.coachId, h.status, h.endReason]).sort()).toEqual(
      [
        [mai.id, "ended", "Member asked for an English-speaking coach"],
        [sam.id, "ended", "Moved abroad"],
      ].sort(),
    );
    expect((await testDb().select().from(conversations).where(eq(conversations.memberId, member.id))).length).toBe(2);
    const page = await (await browser.get("/admin/coaches")).text();
    expect(page).toContain("Lan History");
    expect(page).toContain("Member asked for an English-speaking coach");
    expect(page).toContain("Moved abroad");
    const audits = await testDb().select().from(adminAudit).where(eq(adminAudit.targetId, member.id));
    expect(audits.map((a) => a.action).sort()).toEqual(["coach.assign", "coach.end", "coach.reassign"]);
    expect(audits.every((a) => a.adminId === adminUser.id)).toBe(true);
    const memberNotes = await testDb().select().from(notifications).where(eq(notifications.userId, member.id));
    expect(memberNotes.map((n) => (n.payload as { messageKey: string }).messageKey).sort()).toEqual(
      [
        "notifications:coaching.memberAssigned.title",
        "notifications:coaching.memberReassigned.title",
        "notifications:coaching.memberEnded.title",
      ].sort(),
    );
    const maiNotes = await testDb().select().from(notifications).where(eq(notifications.userId, mai.id));
    expect(maiNotes.map((n) => (n.payload as { messageKey: string }).messageKey).sort()).toEqual(
      ["notifications:coaching.coachAssigned.title", "notifications:coaching.coachEnded.title"].sort(),
    );
  });
});

describe("members waiting for a match", () => {
  let jobs: JobsHandle;
  beforeAll(async () => {
    jobs = await startJobs(testDb(), process.env.DATABASE_URL!, { workers: true });
  });
  afterAll(async () => jobs.stop());

  async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let value = await read();
    while (!ok(value) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      value = await read();
    }
    return value;
  }

  it("a member who finds no free place waits; raising capacity queues the match job, which pairs them once", async () => {
    // Every other coach in this file stops taking members, so only this one (full for now) fits.
    await testDb().update(coachProfiles).set({ status: "draft" });
    const { user: coach } = await coachWithProfile(testDb(), { languages: ["vi"], capacity: 0, specialties: ["relapse"] });
    const { user: member, cookie } = await premiumMember(testDb());
    const browser = new Browser(server.url, cookie);
    const asked = await browser.post("/app/coach/choose", {
      intent: "match-me",
      languages: "vi",
      specialties: "relapse",
      note: "Evenings",
    });
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain("You are on the list");
    // Asking twice keeps one waiting request.
    expect((await browser.post("/app/coach/choose", { intent: "match-me", languages: "vi" })).status).toBe(200);
    expect(await testDb().select().from(coachMatchRequests).where(eq(coachMatchRequests.memberId, member.id))).toHaveLength(1);

    const { browser: adminBrowser } = await admin();
    const waitingPage = await (await adminBrowser.get("/admin/coaches")).text();
    expect(waitingPage).toContain(member.email);
    expect((await adminBrowser.post("/admin/coaches", { intent: "capacity", coachId: coach.id, capacity: "1" })).status).toBe(200);
    const paired = await eventually(
      () => activeOf(coach.id),
      (rows) => rows.length > 0,
    );
    expect(paired.map((a) => [a.memberId, a.source])).toEqual([[member.id, "match"]]);
    // The job may run again (a retry, the cron, a second worker): nothing changes.
    await Promise.all([matchWaitingMembers(testDb()), matchWaitingMembers(testDb())]);
    await matchWaitingMembers(testDb());
    expect(await activeOf(coach.id)).toHaveLength(1);
    const [request] = await testDb().select().from(coachMatchRequests).where(eq(coachMatchRequests.memberId, member.id));
    expect(request).toMatchObject({ status: "assigned", assignmentId: paired[0]!.id });
    expect(paired[0]!.requestedAt.getTime()).toBe(request!.createdAt.getTime());
  });
});

describe("the assignment target (95% of premium members paired within 24 hours)", () => {
  it("the assignment target counts who was paired within 24 hours of asking, and who is still waiting after 24 hours", async () => {
    const now = new Date("2031-03-01T12:00:00Z");
    const hours = (h: number) => new Date(now.getTime() - h * 3600_000);
    const { user: coach } = await coachWithProfile(testDb());
    const rows = [
      { requestedAt: hours(100), startedAt: hours(90) }, // 10 h: within
      { requestedAt: hours(200), startedAt: hours(150) }, // 50 h: missed
      { requestedAt: hours(60), startedAt: hours(37) }, // 23 h: within
    ];
    for (const r of rows) {
      const { user } = await createSignedInUser(testDb());
      await testDb()
        .insert(coachAssignments)
        .values({ memberId: user.id, coachId: coach.id, source: "member", status: "ended", ...r });
    }
    const { user: late } = await createSignedInUser(testDb());
    await testDb()
      .insert(coachMatchRequests)
      .values({ memberId: late.id, createdAt: hours(30) }); // waiting > 24 h: missed
    const { user: fresh } = await createSignedInUser(testDb());
    await testDb()
      .insert(coachMatchRequests)
      .values({ memberId: fresh.id, createdAt: hours(2) }); // not yet decided
    const { user: old } = await createSignedInUser(testDb());
    await testDb()
      .insert(coachAssignments)
      .values({ memberId: old.id, coachId: coach.id, source: "member", requestedAt: hours(24 * 40), startedAt: hours(24 * 40) }); // outside 30 days
    expect(await assignmentTarget(testDb(), now)).toEqual({ asked: 4, within24h: 2, share: 0.5 });
  });
});
