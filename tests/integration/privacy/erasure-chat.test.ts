import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseNotes, coachResponses, conversations, messages, users } from "#db/schema";
import { DEFAULT_TEST_PASSWORD } from "#db/seed/factories";
import { addCaseNote } from "~/modules/coaching/case-notes.server";
import { sendMessage } from "~/modules/coaching/messages.server";
import { eraseMember, ERASURE_GRACE_DAYS, pendingErasure, requestErasure } from "~/modules/privacy/erasure.server";
import { Browser, startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";
import { pairWithCoach, signedInCoach } from "../coaching/helpers";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

const later = () => new Date(Date.now() + (ERASURE_GRACE_DAYS + 1) * 86_400_000);
const get = (path: string, cookie: string) => fetch(`${server.url}${path}`, { headers: { Cookie: cookie } });

/** A coach and a member who wrote to each other (the member's last line still waiting for an answer), with a case note. */
async function chattingPair() {
  const db = testDb();
  const coach = await signedInCoach(db);
  const pair = await pairWithCoach(db, coach);
  const [member] = await db.select().from(users).where(eq(users.id, pair.member.id));
  const send = (senderId: string, body: string) =>
    sendMessage(db, { conversation: pair.conversation, senderId, clientId: randomUUID(), body, attachmentId: null });
  await send(pair.member.id, "I smoked two after dinner with my brother Khoa.");
  await send(coach.id, "Thank you for telling me. Try a walk after dinner this week.");
  await send(pair.member.id, "I will try the walk tonight.");
  await addCaseNote(db, { memberId: pair.member.id, authorId: coach.id, body: "Evenings with family are the risk." });
  return { ...pair, member: member!, memberCookie: pair.member.cookie };
}

describe("a coach's chat with a member who erased their account", () => {
  it("stays readable for the coach as 'a former member' when the member chose so; case notes and the wait for an answer go", async () => {
    const db = testDb();
    const { coach, member, conversation } = await chattingPair();
    expect(await db.select().from(coachResponses).where(eq(coachResponses.conversationId, conversation.id))).not.toHaveLength(0);
    await requestErasure(db, member.id, { keepPosts: false, keepMessages: true });
    expect(await eraseMember(db, member.id, later())).not.toBeNull();

    const [kept] = await db.select().from(conversations).where(eq(conversations.id, conversation.id));
    expect(kept).toMatchObject({ memberId: null, assignmentId: null, coachId: coach.id, lastSeq: 3 });
    const lines = await db.select().from(messages).where(eq(messages.conversationId, conversation.id)).orderBy(messages.seq);
    expect(lines.map((m) => [m.senderId, m.body])).toEqual([
      [null, "I smoked two after dinner with my brother Khoa."],
      [coach.id, "Thank you for telling me. Try a walk after dinner this week."],
      [null, "I will try the walk tonight."],
    ]);
    // Nothing waits for the coach's answer any more, and the coach's private notes about the person went with them.
    expect(
      await db.execute(sql`select 1 from coach_responses where conversation_id = ${conversation.id}::uuid and answered_at is null`),
    ).toHaveLength(0);
    expect(await db.select().from(caseNotes).where(eq(caseNotes.authorId, coach.id))).toHaveLength(0);
    // No row anywhere still points at the person.
    const naming = await db.execute<{ n: number }>(sql`select
      (select count(*) from conversations where member_id = ${member.id}::uuid) +
      (select count(*) from messages where sender_id = ${member.id}::uuid) +
      (select count(*) from coach_assignments where member_id = ${member.id}::uuid) as n`);
    expect(Number(naming[0]!.n)).toBe(0);

    const list = await get("/coach/former-members", coach.cookie);
    expect(list.status).toBe(200);
    const listHtml = await list.text();
    expect(listHtml).toContain("A former member");
    expect(listHtml).toContain(`/coach/former-members/${conversation.id}`);
    expect(listHtml).toContain("3 messages");

    const page = await get(`/coach/former-members/${conversation.id}`, coach.cookie);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("I smoked two after dinner with my brother Khoa.");
    expect(html).toContain("Try a walk after dinner this week.");
    expect(html).toContain("A former member");
    expect(html).not.toContain(member.displayName);
    expect(html).not.toContain(member.email);
    // Read-only: nobody can write into it, and the caseload no longer lists the person.
    const coachBrowser = new Browser(server.url, coach.cookie);
    const send = await coachBrowser.post(`/resources/conversations/${conversation.id}`, {
      intent: "send-message",
      clientId: randomUUID(),
      body: "Are you still there?",
    });
    expect(send.status).toBe(404);
    expect(await (await get("/coach", coach.cookie)).text()).not.toContain(member.displayName);

    // Another coach, or a wrong id, finds nothing.
    const stranger = await signedInCoach(db);
    expect((await get(`/coach/former-members/${conversation.id}`, stranger.cookie)).status).toBe(404);
    expect(await (await get("/coach/former-members", stranger.cookie)).text()).not.toContain(conversation.id);
    expect((await get("/coach/former-members/not-a-uuid", coach.cookie)).status).toBe(404);
    // Members may not enter the coach's pages.
    const { memberCookie } = await chattingPair();
    expect((await get(`/coach/former-members/${conversation.id}`, memberCookie)).status).toBe(403);
  });

  it("is deleted with the account when the member did not choose to leave it (the default)", async () => {
    const db = testDb();
    const { coach, member, conversation } = await chattingPair();
    await requestErasure(db, member.id, { keepPosts: true });
    expect(await eraseMember(db, member.id, later())).not.toBeNull();
    expect(await db.select().from(conversations).where(eq(conversations.id, conversation.id))).toHaveLength(0);
    expect(await db.select().from(messages).where(eq(messages.conversationId, conversation.id))).toHaveLength(0);
    expect(await (await get("/coach/former-members", coach.cookie)).text()).toContain("No former member");
    expect((await get(`/coach/former-members/${conversation.id}`, coach.cookie)).status).toBe(404);
  });

  it("is the member's choice on the privacy page, kept with the request", async () => {
    const db = testDb();
    const { member, memberCookie } = await chattingPair();
    const browser = new Browser(server.url, memberCookie);
    const form = await (await browser.get("/app/privacy")).text();
    expect(form).toContain("Leave my chats with my coach to their records");
    const asked = await browser.post("/app/privacy", {
      intent: "request-erasure",
      password: DEFAULT_TEST_PASSWORD,
      keepMessages: "on",
      understood: "on",
    });
    expect(asked.status).toBe(302);
    expect(await pendingErasure(db, member.id)).toMatchObject({ keepPosts: false, keepMessages: true });
  });
});
