import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { coachResponses, conversations, messages, rateLimitCounters } from "#db/schema";
import { sendMessage } from "~/modules/coaching/messages.server";
import { Browser, queryCountsByRequest, startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";
import { pairWithCoach, signedInCoach } from "./helpers";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

async function send(browser: Browser, conversationId: string, clientId: string, body: string) {
  const response = await browser.post(`/resources/conversations/${conversationId}?live=1`, { intent: "send-message", clientId, body });
  const json = (await response.json()) as { ok: boolean; result?: { created: boolean; message: { seq: number } } };
  return { status: response.status, json, statements: queryCountsByRequest.get(response.headers.get("x-request-id")!) };
}

// Statements per send through the real route (session, entitlement, access, the send itself), so a
// change cannot silently add round trips to the hottest write in chat (tests/bench/chat.ts).
describe("query budget of a chat send", () => {
  it("a coach's send is 4 statements, a member's 4 (opening a response or not); a retry returns the stored message", async () => {
    const db = testDb();
    const coach = await signedInCoach(db);
    const { member, conversation } = await pairWithCoach(db, coach);
    const asCoach = new Browser(server.url, coach.cookie);
    const asMember = new Browser(server.url, member.cookie);

    // session lookup (with the header's counts) + the access check + the send statement + the member's push (queued
    // only if they chose it); staff need no subscription lookup
    const coachSend = await send(asCoach, conversation.id, randomUUID(), "hello from your coach");
    expect(coachSend).toMatchObject({ status: 200, json: { ok: true, result: { created: true, message: { seq: 1 } } } });
    expect(coachSend.statements).toBe(4);

    // session + subscription (with grace days) + access (with the coach's hours) + the send, which opens the coach's response
    const clientId = randomUUID();
    const opening = await send(asMember, conversation.id, clientId, "first question");
    expect(opening).toMatchObject({ status: 200, json: { ok: true, result: { created: true, message: { seq: 2 } } } });
    expect(opening.statements).toBe(4);
    const followUp = await send(asMember, conversation.id, randomUUID(), "second question, response already open");
    expect(followUp).toMatchObject({ status: 200, json: { ok: true, result: { created: true, message: { seq: 3 } } } });
    expect(followUp.statements).toBe(4);

    // The retry finds its message in the send statement: same seq, nothing new stored or counted.
    const retry = await send(asMember, conversation.id, clientId, "first question");
    expect(retry).toMatchObject({ status: 200, json: { ok: true, result: { created: false, message: { seq: 2 } } } });
    expect(retry.statements).toBe(4);

    const stored = await db.select({ seq: messages.seq }).from(messages).where(eq(messages.conversationId, conversation.id));
    expect(stored.map((m) => m.seq).sort()).toEqual([1, 2, 3]);
    const responses = await db.select().from(coachResponses).where(eq(coachResponses.conversationId, conversation.id));
    expect(responses).toMatchObject([{ kind: "first", askedSeq: 2, answeredAt: null }]);
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("a send racing another in its conversation", () => {
  it("loses the race without a gap, retries under the lock, and answers the response the winner opened (counted once)", async () => {
    const db = testDb();
    const coach = await signedInCoach(db);
    const { member, conversation } = await pairWithCoach(db, coach);
    let coachSend: ReturnType<typeof sendMessage> | undefined;
    await db.transaction(async (tx) => {
      // As a send in progress: the conversation's row locked while the coach's send starts (its snapshot taken) and waits.
      await tx.select({ id: conversations.id }).from(conversations).where(eq(conversations.id, conversation.id)).for("update");
      coachSend = sendMessage(db, { conversation, senderId: coach.id, clientId: randomUUID(), body: "the coach's answer" });
      await waitFor(async () => {
        const [row] = await db.execute<{ n: number }>(
          sql`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and query like '%with seen as%'`,
        );
        return Number(row?.n) > 0;
      });
      // The member's message commits first and opens the coach's response, which the coach's snapshot cannot see.
      const first = await sendMessage(tx, {
        conversation,
        senderId: member.id,
        clientId: randomUUID(),
        body: "a question",
        coachHours: null,
      });
      expect(first.message.seq).toBe(1);
    });
    const answer = await coachSend!;
    expect(answer).toMatchObject({ created: true, message: { seq: 2, side: "coach" } });
    const responses = await db.select().from(coachResponses).where(eq(coachResponses.conversationId, conversation.id));
    expect(responses).toMatchObject([{ kind: "first", askedSeq: 1, answeredSeq: 2 }]);
    const [counter] = await db
      .select()
      .from(rateLimitCounters)
      .where(eq(rateLimitCounters.key, `chat-send:${coach.id}`));
    expect(counter?.count).toBe(1);
  });

  it("thirty sends at once from both sides store thirty messages, seq 1 to 30, with at most one response open", async () => {
    const db = testDb();
    const coach = await signedInCoach(db);
    const { member, conversation } = await pairWithCoach(db, coach);
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        sendMessage(db, {
          conversation,
          senderId: i % 2 ? coach.id : member.id,
          clientId: randomUUID(),
          body: `message ${i}`,
          coachHours: null,
        }),
      ),
    );
    expect(results.every((r) => r.created)).toBe(true);
    expect(results.map((r) => r.message.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const [row] = await db.select({ lastSeq: conversations.lastSeq }).from(conversations).where(eq(conversations.id, conversation.id));
    expect(row?.lastSeq).toBe(30);
    const stored = await db.select().from(messages).where(eq(messages.conversationId, conversation.id));
    const sideOf = new Map(stored.map((m) => [m.seq, m.senderId === member.id ? "member" : "coach"]));
    const responses = await db.select().from(coachResponses).where(eq(coachResponses.conversationId, conversation.id));
    expect(responses.filter((r) => r.answeredAt === null).length).toBeLessThanOrEqual(1);
    // Every response was asked by a member's message and answered by the coach's next one after it.
    for (const r of responses) {
      expect(sideOf.get(r.askedSeq)).toBe("member");
      if (r.answeredSeq === null) continue;
      expect(sideOf.get(r.answeredSeq)).toBe("coach");
      for (let seq = r.askedSeq + 1; seq < r.answeredSeq; seq++) expect(sideOf.get(seq)).toBe("member");
    }
    const opened = await db
      .select()
      .from(coachResponses)
      .where(and(eq(coachResponses.conversationId, conversation.id), eq(coachResponses.kind, "first")));
    expect(opened).toHaveLength(1);
  });
});
