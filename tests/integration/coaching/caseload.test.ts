import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  badgeAwards,
  badges,
  coachAssignments,
  graduations,
  healthDataAccess,
  notifications,
  planProposals,
  planRevisions,
} from "#db/schema";
import { createSignedInUser } from "#db/seed/factories";
import { activeMemberCount } from "~/modules/coaching/access.server";
import { ensureBadgeCatalogue } from "~/modules/badges/awards.server";
import { explainUnsafeHtml, xssPayloads } from "../../fixtures/xss-payloads";
import { Browser, queryCountsByRequest, startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";
import { assign, memberWithJourney, memberWrote } from "./helpers";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
  await ensureBadgeCatalogue(testDb());
});
afterAll(async () => server.close());

async function coach(name = "Coach") {
  const c = await createSignedInUser(testDb(), { role: "coach", displayName: name });
  return { ...c, browser: new Browser(server.url, c.cookie) };
}
const memberIdsIn = (html: string) => [...html.matchAll(/data-member-id="([0-9a-f-]{36})"/g)].map((m) => m[1]!);
const nextLink = (html: string) => {
  const anchor = /<a[^>]*rel="next"[^>]*>/.exec(html)?.[0];
  return anchor ? /href="([^"]+)"/.exec(anchor)![1]!.replaceAll("&amp;", "&") : null;
};

describe("the caseload", () => {
  it("lists only the coach's active members, high risk first, with unread counts from the conversation", async () => {
    const db = testDb();
    const mai = await coach("Mai");
    const sam = await coach("Sam");
    const steady = await memberWithJourney(db, { quitDaysAgo: 20, checkInDaysAgo: [0, 1, 2], seed: { displayName: "Steady Member" } });
    const slipping = await memberWithJourney(db, {
      quitDaysAgo: 20,
      smokedDaysAgo: [0, 2, 4],
      checkInDaysAgo: [1],
      seed: { displayName: "Slipping Member" },
    });
    const samsMember = await memberWithJourney(db, { quitDaysAgo: 5, seed: { displayName: "Sams Member" } });
    const former = await memberWithJourney(db, { quitDaysAgo: 5, seed: { displayName: "Former Member" } });
    await assign(db, mai.user.id, steady.user.id);
    const { conversation } = await assign(db, mai.user.id, slipping.user.id);
    await assign(db, sam.user.id, samsMember.user.id);
    const ended = await assign(db, mai.user.id, former.user.id);
    await db.update(coachAssignments).set({ status: "ended", endedAt: new Date() }).where(eq(coachAssignments.id, ended.assignment.id));
    await memberWrote(db, conversation.id, slipping.user.id, 2);

    const page = await mai.browser.get("/coach");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(memberIdsIn(html)).toEqual([slipping.user.id, steady.user.id]);
    expect(html).toContain("3 slips in 7 days");
    expect(html).toContain('data-unread="2"');
    expect(html).not.toContain("Sams Member");
    expect(html).not.toContain("Former Member");

    const unreadOnly = await (await mai.browser.get("/coach?unread=1")).text();
    expect(memberIdsIn(unreadOnly)).toEqual([slipping.user.id]);
    const low = await (await mai.browser.get("/coach?risk=low&sort=name")).text();
    expect(memberIdsIn(low)).toEqual([steady.user.id]);
    const member = new Browser(server.url, steady.cookie);
    expect((await member.get("/coach")).status).toBe(403);
  });

  it("pages by cursor through every member exactly once, in a fixed number of statements however many members", async () => {
    const db = testDb();
    const big = await coach("Big caseload");
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const m = await memberWithJourney(db, { quitDaysAgo: 10 + i, smokedDaysAgo: i % 3 === 0 ? [0, 1, 2] : [], checkInDaysAgo: [0] });
      await assign(db, big.user.id, m.user.id);
      ids.push(m.user.id);
    }
    for (const sort of ["risk", "name", "smoke-free", "last-message"]) {
      const seen: string[] = [];
      let path: string | null = `/coach?sort=${sort}`;
      let pages = 0;
      while (path) {
        const response = await big.browser.get(path);
        const html = await response.text();
        seen.push(...memberIdsIn(html));
        path = nextLink(html);
        pages++;
      }
      expect(pages).toBe(2);
      expect(seen.sort()).toEqual([...ids].sort());
    }
    // Statements per page view do not grow with the caseload (no query per member).
    const small = await coach("Small caseload");
    const one = await memberWithJourney(db, { quitDaysAgo: 3 });
    await assign(db, small.user.id, one.user.id);
    const bigPage = await big.browser.get("/coach");
    await bigPage.text();
    const smallPage = await small.browser.get("/coach");
    await smallPage.text();
    const bigCount = queryCountsByRequest.get(bigPage.headers.get("x-request-id")!);
    expect(bigCount).toBeGreaterThan(0);
    expect(bigCount).toBe(queryCountsByRequest.get(smallPage.headers.get("x-request-id")!));
  });

  it("shows responses about to miss their SLA at the top", async () => {
    const db = testDb();
    const c = await coach();
    const m = await memberWithJourney(db, { quitDaysAgo: 3, seed: { displayName: "Waiting Member" } });
    const { conversation } = await assign(db, c.user.id, m.user.id);
    await memberWrote(db, conversation.id, m.user.id, 1);
    const { coachResponses } = await import("#db/schema");
    await db.insert(coachResponses).values({
      conversationId: conversation.id,
      coachId: c.user.id,
      kind: "first",
      askedSeq: 1,
      askedAt: new Date(Date.now() - 90 * 60_000),
      dueAt: new Date(Date.now() + 30 * 60_000),
    });
    const html = await (await c.browser.get("/coach")).text();
    const sla = html.slice(html.indexOf('id="sla-heading"'), html.indexOf("</section>", html.indexOf('id="sla-heading"')));
    expect(sla).toContain("Waiting Member");
  });
});

describe("the member view", () => {
  it("is a 404 for another coach's member, and for a removed coach on the very next request", async () => {
    const db = testDb();
    const mai = await coach();
    const sam = await coach();
    const m = await memberWithJourney(db, { quitDaysAgo: 8 });
    const { assignment } = await assign(db, mai.user.id, m.user.id);
    expect((await mai.browser.get(`/coach/members/${m.user.id}`)).status).toBe(200);
    expect((await sam.browser.get(`/coach/members/${m.user.id}`)).status).toBe(404);
    expect((await sam.browser.post(`/coach/members/${m.user.id}`, { intent: "add-note", body: "sneaky" })).status).toBe(404);
    expect((await mai.browser.get(`/coach/members/not-a-uuid`)).status).toBe(404);
    await db.update(coachAssignments).set({ status: "ended", endedAt: new Date() }).where(eq(coachAssignments.id, assignment.id));
    expect((await mai.browser.get(`/coach/members/${m.user.id}`)).status).toBe(404);
    expect((await mai.browser.post(`/coach/members/${m.user.id}`, { intent: "add-note", body: "too late" })).status).toBe(404);
  });

  it("shows the member's progress and plan, and logs every read for the member to see on their account page", async () => {
    const db = testDb();
    const c = await coach("Coach Linh");
    const m = await memberWithJourney(db, { quitDaysAgo: 10, smokedDaysAgo: [6], checkInDaysAgo: [0, 1] });
    await assign(db, c.user.id, m.user.id);
    const page = await c.browser.get(`/coach/members/${m.user.id}`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain("Revision 1");
    expect(html).toContain('role="log"'); // the live chat beside the figures
    const rows = await db.select().from(healthDataAccess).where(eq(healthDataAccess.memberId, m.user.id));
    expect(rows.map((r) => r.what).sort()).toEqual(["case-notes", "chat", "plan", "progress"]);
    expect(rows.every((r) => r.viewerId === c.user.id && r.viewerRole === "coach")).toBe(true);

    const member = new Browser(server.url, m.cookie);
    const account = await (await member.get("/app/account")).text();
    expect(account).toContain("Coach Linh (coach) read your progress");
    expect(account).toContain("Coach Linh (coach) read your plan");
    // Ten to a page, then a cursor to the older ones, each entry once.
    for (let i = 0; i < 3; i++) await (await c.browser.get(`/coach/members/${m.user.id}`)).text();
    const first = await (await member.get("/app/account")).text();
    const more = /href="\/app\/account\?access=([0-9a-f-]{36})#access-log"/.exec(first)?.[1];
    expect(more).toBeTruthy();
    const second = await (await member.get(`/app/account?access=${more}`)).text();
    const lines = (s: string) => s.match(/read your (progress|plan|chat|coach&#x27;s notes|coach's notes)/g) ?? [];
    expect(lines(first)).toHaveLength(10);
    // Four views (one before, three here), each reading progress, plan, notes and chat: 16 entries.
    expect(lines(second)).toHaveLength(6);
  });

  it("keeps case notes from the member: not in any page or JSON they can reach", async () => {
    const db = testDb();
    const c = await coach();
    const m = await memberWithJourney(db, { quitDaysAgo: 12, smokedDaysAgo: [3] });
    await assign(db, c.user.id, m.user.id);
    const secret = `Private observation ${Date.now()} about relapse risk`;
    expect((await c.browser.post(`/coach/members/${m.user.id}`, { intent: "add-note", body: secret })).status).toBe(200);
    expect((await c.browser.post(`/coach/members/${m.user.id}`, { intent: "add-note", body: "   " })).status).toBe(400);
    const coachPage = await (await c.browser.get(`/coach/members/${m.user.id}`)).text();
    expect(coachPage).toContain(secret);

    const admin = await createSignedInUser(db, { role: "admin" });
    const adminPage = await (await new Browser(server.url, admin.cookie).get(`/coach/members/${m.user.id}`)).text();
    expect(adminPage).toContain(secret);

    const member = new Browser(server.url, m.cookie);
    const pages: [string, string][] = [
      ["/app", "routes/app._index"],
      ["/app/plan", "routes/app.plan"],
      ["/app/account", "routes/app.account"],
      ["/app/history", "routes/app.history"],
      ["/app/log", "routes/app.log"],
      ["/app/badges", "routes/app.badges._index"],
      ["/app/notifications", "routes/app.notifications._index"],
      ["/app/coaching", "routes/app.coaching"],
      ["/app/community", "routes/app.community._index"],
    ];
    let reached = 0;
    for (const [path, routeId] of pages) {
      for (const url of [path, `${path}?_data=${routeId}`, `${path}?_data=routes/app`, `${path}?_data=root`]) {
        const response = await member.get(url);
        const body = await response.text();
        if (response.status === 200) reached++;
        expect(body, url).not.toContain(secret);
        expect(body, url).not.toContain("Private observation");
      }
    }
    expect(reached).toBeGreaterThan(20);
    // A member cannot open the coach side either.
    expect((await member.get(`/coach/members/${m.user.id}`)).status).toBe(403);
  });

  it("shows notes as text: the XSS corpus never becomes markup", async () => {
    const db = testDb();
    const c = await coach();
    const m = await memberWithJourney(db, { quitDaysAgo: 4 });
    await assign(db, c.user.id, m.user.id);
    for (const payload of xssPayloads.slice(0, 10)) {
      await c.browser.post(`/coach/members/${m.user.id}`, { intent: "add-note", body: payload });
    }
    const html = await (await c.browser.get(`/coach/members/${m.user.id}`)).text();
    const start = html.indexOf('id="notes-heading"');
    const notes = html.slice(start, html.indexOf("</section>", start));
    expect(notes).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    // Each note body is one paragraph of text: escaped, so no tag or attribute of the payload survives.
    const bodies = [...notes.matchAll(/<p class="whitespace-pre-wrap text-slate-900">([\s\S]*?)<\/p>/g)].map((b) => b[1]!);
    expect(bodies).toHaveLength(10);
    expect(bodies.filter((b) => b.includes("<"))).toEqual([]);
    expect(explainUnsafeHtml(bodies.join(""))).toEqual([]);
  });
});

describe("plan proposals", () => {
  it("a proposal waits for the member, who accepts it into a revision by the coach, or declines it", async () => {
    const db = testDb();
    const c = await coach("Coach Sam");
    const m = await memberWithJourney(db, { quitDaysAgo: 5 });
    await assign(db, c.user.id, m.user.id);
    const sent = await c.browser.post(`/coach/members/${m.user.id}`, {
      intent: "propose-plan",
      copingTrigger: "coffee",
      copingStrategy: "switch-drink",
      extraTask: "Walk after lunch every day",
      note: "Let's add a walk",
    });
    expect(sent.status).toBe(200);
    expect(await sent.text()).toContain("Proposal sent to the member.");
    const member = new Browser(server.url, m.cookie);
    const plan = await (await member.get("/app/plan")).text();
    expect(plan).toContain("Coach Sam suggests a change to your plan");
    expect(plan).toContain("Walk after lunch every day");
    const [proposal] = await db.select().from(planProposals).where(eq(planProposals.memberId, m.user.id));
    const accepted = await member.post("/app/plan", { intent: "accept-proposal", proposalId: proposal!.id });
    expect(accepted.status).toBe(200);
    const revisions = await db.select().from(planRevisions).where(eq(planRevisions.attemptId, m.attempt.id));
    const latest = revisions.find((r) => r.revision === 2)!;
    expect(latest.authorId).toBe(c.user.id);
    expect(latest.changeNote).toContain("Coach Sam");
    expect(JSON.stringify(latest.plan)).toContain("Walk after lunch every day");
    const after = await (await member.get("/app/plan")).text();
    expect(after).toContain("Walk after lunch every day (from your coach)");
    expect(after).not.toContain("Coach Sam suggests a change to your plan");
    // Answering twice changes nothing.
    expect((await member.post("/app/plan", { intent: "accept-proposal", proposalId: proposal!.id })).status).toBe(409);

    await c.browser.post(`/coach/members/${m.user.id}`, { intent: "propose-plan", extraTask: "Call a friend" });
    const [second] = await db
      .select()
      .from(planProposals)
      .where(and(eq(planProposals.memberId, m.user.id), eq(planProposals.status, "proposed")));
    expect((await member.post("/app/plan", { intent: "decline-proposal", proposalId: second!.id })).status).toBe(200);
    const [declined] = await db.select().from(planProposals).where(eq(planProposals.id, second!.id));
    expect(declined!.status).toBe("declined");
    expect(await db.select().from(planRevisions).where(eq(planRevisions.attemptId, m.attempt.id))).toHaveLength(2);
  });

  it("a proposal against an older revision cannot be accepted (409) and another member's proposal is not found", async () => {
    const db = testDb();
    const c = await coach();
    const m = await memberWithJourney(db, { quitDaysAgo: 5 });
    const other = await memberWithJourney(db, { quitDaysAgo: 5 });
    await assign(db, c.user.id, m.user.id);
    await c.browser.post(`/coach/members/${m.user.id}`, { intent: "propose-plan", extraTask: "First idea" });
    await c.browser.post(`/coach/members/${m.user.id}`, { intent: "propose-plan", extraTask: "Second idea" });
    const proposals = await db.select().from(planProposals).where(eq(planProposals.memberId, m.user.id));
    const [firstIdea, secondIdea] = [
      proposals.find((p) => JSON.stringify(p.changes).includes("First"))!,
      proposals.find((p) => JSON.stringify(p.changes).includes("Second"))!,
    ];
    const member = new Browser(server.url, m.cookie);
    expect(
      (await new Browser(server.url, other.cookie).post("/app/plan", { intent: "accept-proposal", proposalId: firstIdea.id })).status,
    ).toBe(404);
    expect((await member.post("/app/plan", { intent: "accept-proposal", proposalId: firstIdea.id })).status).toBe(200);
    const stale = await member.post("/app/plan", { intent: "accept-proposal", proposalId: secondIdea.id });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain("Your plan changed after this proposal was written");
    expect((await member.post("/app/plan", { intent: "accept-proposal", proposalId: "nope" })).status).toBe(400);
  });

  it("refuses changes the journey's plan rules refuse, and applies at once when the member allows it", async () => {
    const db = testDb();
    const c = await coach();
    const m = await memberWithJourney(db, { quitDaysAgo: 5 });
    await assign(db, c.user.id, m.user.id);
    expect((await c.browser.post(`/coach/members/${m.user.id}`, { intent: "propose-plan" })).status).toBe(400);
    expect((await c.browser.post(`/coach/members/${m.user.id}`, { intent: "propose-plan", copingTrigger: "coffee" })).status).toBe(400);
    const wrongTargets = await c.browser.post(`/coach/members/${m.user.id}`, { intent: "propose-plan", targets: "5, 4" });
    expect(wrongTargets.status).toBe(422);

    const member = new Browser(server.url, m.cookie);
    expect((await member.post("/app/account", { intent: "coach-may-edit-plan", coachMayEditPlan: "on" })).status).toBe(200);
    const [assignment] = await db.select().from(coachAssignments).where(eq(coachAssignments.memberId, m.user.id));
    expect(assignment!.coachMayEditPlan).toBe(true);
    const direct = await c.browser.post(`/coach/members/${m.user.id}`, { intent: "propose-plan", extraTask: "Drink water" });
    expect(await direct.text()).toContain("Change applied as plan revision 2");
    const [p] = await db.select().from(planProposals).where(eq(planProposals.memberId, m.user.id));
    expect(p!.status).toBe("accepted");
    const lonely = await memberWithJourney(db, { quitDaysAgo: 5 });
    expect(
      (await new Browser(server.url, lonely.cookie).post("/app/account", { intent: "coach-may-edit-plan", coachMayEditPlan: "on" })).status,
    ).toBe(404);
  });
});

describe("graduation", () => {
  it("graduates a member six months smoke-free: alumni badge, story invitation, assignment ended with history, place freed", async () => {
    const db = testDb();
    const c = await coach();
    const m = await memberWithJourney(db, { quitDaysAgo: 200, smokedDaysAgo: [195] });
    const { assignment } = await assign(db, c.user.id, m.user.id);
    expect(await activeMemberCount(db, c.user.id)).toBe(1);
    const unconfirmed = await c.browser.post(`/coach/members/${m.user.id}`, { intent: "graduate" });
    expect(unconfirmed.status).toBe(400);
    const done = await c.browser.post(`/coach/members/${m.user.id}`, { intent: "graduate", confirm: "on", note: "Well done" });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/coach");
    expect(await activeMemberCount(db, c.user.id)).toBe(0);
    const [ended] = await db.select().from(coachAssignments).where(eq(coachAssignments.id, assignment.id));
    expect(ended!.status).toBe("graduated");
    expect(ended!.endedAt).not.toBeNull();
    const [graduation] = await db.select().from(graduations).where(eq(graduations.memberId, m.user.id));
    expect(graduation!.smokeFreeDays).toBe(194);
    const [alumni] = await db.select().from(badges).where(eq(badges.key, "alumni"));
    expect(
      await db
        .select()
        .from(badgeAwards)
        .where(and(eq(badgeAwards.userId, m.user.id), eq(badgeAwards.badgeId, alumni!.id))),
    ).toHaveLength(1);
    const notes = await db.select().from(notifications).where(eq(notifications.userId, m.user.id));
    expect(notes.map((n) => (n.payload as { href?: string }).href)).toContain("/app/community/new?kind=story");
    // The relationship is over: the coach's next request is a 404, and graduating again changes nothing.
    expect((await c.browser.get(`/coach/members/${m.user.id}`)).status).toBe(404);
    expect((await c.browser.post(`/coach/members/${m.user.id}`, { intent: "graduate", confirm: "on" })).status).toBe(404);
    expect(await db.select().from(graduations).where(eq(graduations.memberId, m.user.id))).toHaveLength(1);
  });

  it("before six months, only when the coach and member agree", async () => {
    const db = testDb();
    const c = await coach();
    const m = await memberWithJourney(db, { quitDaysAgo: 60 });
    await assign(db, c.user.id, m.user.id);
    const early = await c.browser.post(`/coach/members/${m.user.id}`, { intent: "graduate", confirm: "on" });
    expect(early.status).toBe(422);
    expect(await early.text()).toContain("Before 6 months smoke-free");
    expect(await activeMemberCount(db, c.user.id)).toBe(1);
    const agreed = await c.browser.post(`/coach/members/${m.user.id}`, { intent: "graduate", confirm: "on", agreed: "on" });
    expect(agreed.status).toBe(302);
    expect(await activeMemberCount(db, c.user.id)).toBe(0);
  });
});
