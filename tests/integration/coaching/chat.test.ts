import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { coachAssignments, coachProfiles, coachResponses, conversations, messages, storedFiles } from "#db/schema";
import { fileStorage } from "~/modules/storage/storage.server";
import { coachResponseReport } from "~/modules/coaching/sla.server";
import { deleteMessage, editMessage, sendMessage } from "~/modules/coaching/messages.server";
import { sendMessageSchema } from "~/modules/coaching/messages";
import { conversationFor, markRead } from "~/modules/coaching/conversations.server";
import { startServerProcess, type ServerProcess } from "../../setup/processes";
import { testDb } from "../../setup/db";
import { explainUnsafeHtml, xssPayloads } from "../../fixtures/xss-payloads";
import { pairWithCoach, PROCESS_SESSION_SECRET, signedInCoach, type Person } from "./helpers";

// Sessions created here must verify in the server processes, which sign with this secret.
process.env.SESSION_SECRET = PROCESS_SESSION_SECRET;

let a: ServerProcess;
let b: ServerProcess;
beforeAll(async () => {
  // Request logs on (info), to check that no message text reaches them.
  [a, b] = await Promise.all([startServerProcess({ LOG_LEVEL: "info" }), startServerProcess({ LOG_LEVEL: "info" })]);
});
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
});

type LiveEvent = { id?: string; event: string; data: string };

/** An open SSE connection whose events are collected as they arrive. */
async function openStream(url: string, person: Person, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers: { Cookie: person.cookie, ...headers }, redirect: "manual" });
  const events: LiveEvent[] = [];
  const waiters: (() => void)[] = [];
  let closed = false;
  if (response.status === 200 && response.body) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let end: number;
          while ((end = buffer.indexOf("\n\n")) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event: LiveEvent = { event: "message", data: "" };
            let hasData = false;
            for (const line of block.split("\n")) {
              const [field, ...rest] = line.split(":");
              const value = rest.join(":").replace(/^ /, "");
              if (field === "id") event.id = value;
              else if (field === "event") event.event = value;
              else if (field === "data") {
                event.data = value;
                hasData = true;
              }
            }
            if (hasData) events.push(event);
            waiters.splice(0).forEach((w) => w());
          }
        }
      } catch {
        // cancelled
      } finally {
        closed = true;
        waiters.splice(0).forEach((w) => w());
      }
    })();
    return {
      response,
      events,
      async until(check: (events: LiveEvent[]) => boolean, timeoutMs = 15_000) {
        const deadline = Date.now() + timeoutMs;
        while (!check(events)) {
          if (closed || Date.now() > deadline) throw new Error(`timed out; events so far: ${JSON.stringify(events)}`);
          await new Promise<void>((resolve) => {
            waiters.push(resolve);
            setTimeout(resolve, 200);
          });
        }
        return events;
      },
      close: () => reader.cancel().catch(() => undefined),
    };
  }
  return { response, events, until: async () => events, close: async () => undefined };
}

const messageSeqs = (events: LiveEvent[]) => events.filter((e) => e.event === "message").map((e) => Number(e.id));

async function post(base: string, person: Person, path: string, fields: Record<string, string>) {
  return fetch(new URL(path, base), {
    method: "POST",
    redirect: "manual",
    body: new URLSearchParams(fields),
    headers: { Cookie: person.cookie, Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
  });
}

const send = (base: string, person: Person, conversationId: string, body: string, clientId = randomUUID()) =>
  post(base, person, `/resources/conversations/${conversationId}?live=1`, { intent: "send-message", clientId, body });

describe("chat across two server processes", () => {
  it("a message sent on one process reaches the other side's stream on the other process, in order, by id", async () => {
    const db = testDb();
    const pair = await pairWithCoach(db, await signedInCoach(db));
    const stream = await openStream(`${b.url}/resources/stream?conversation=${pair.conversation.id}`, pair.member);
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get("content-type")).toContain("text/event-stream");
    await stream.until((events) => events.some((e) => e.event === "coach-unread"));

    const sent = await send(a.url, pair.coach, pair.conversation.id, "Hello **there**, how is day 3 going?");
    expect(sent.status).toBe(200);
    const answer = (await sent.json()) as { ok: boolean; result: { message: { seq: number } } };
    expect(answer.ok).toBe(true);
    expect(answer.result.message.seq).toBe(1);

    const events = await stream.until((list) => messageSeqs(list).includes(1));
    const message = JSON.parse(events.find((e) => e.event === "message")!.data) as { side: string; html: string };
    expect(message.side).toBe("coach");
    expect(message.html).toContain("<strong>there</strong>");
    // The member's coaching count on the header went up live.
    await stream.until((list) => list.some((e) => e.event === "coach-unread" && JSON.parse(e.data).total === 1));
    await stream.close();
  });

  it("a stream that drops and reconnects with Last-Event-ID receives every message once, in order", async () => {
    const db = testDb();
    const pair = await pairWithCoach(db, await signedInCoach(db));
    const url = `${b.url}/resources/stream?conversation=${pair.conversation.id}`;
    const first = await openStream(url, pair.member);
    for (let i = 1; i <= 3; i++) expect((await send(a.url, pair.coach, pair.conversation.id, `before drop ${i}`)).status).toBe(200);
    await first.until((events) => messageSeqs(events).length === 3);
    const lastId = first.events.filter((e) => e.event === "message").at(-1)!.id!;
    await first.close();

    // While disconnected, and while reconnecting, more messages arrive.
    for (let i = 1; i <= 4; i++) await send(a.url, pair.coach, pair.conversation.id, `while away ${i}`);
    const during = Promise.all([1, 2, 3].map((i) => send(a.url, pair.coach, pair.conversation.id, `during reconnect ${i}`)));
    const second = await openStream(url, pair.member, { "Last-Event-ID": lastId });
    await during;
    await send(a.url, pair.coach, pair.conversation.id, "live after reconnect");
    await second.until((events) => messageSeqs(events).includes(11));
    expect([...messageSeqs(first.events), ...messageSeqs(second.events)]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    await second.close();
  });

  it("the same client id sent twice, even at once on two processes, stores one message", async () => {
    const db = testDb();
    const pair = await pairWithCoach(db, await signedInCoach(db));
    const clientId = randomUUID();
    const answers = await Promise.all([
      send(a.url, pair.member, pair.conversation.id, "only once please", clientId),
      send(b.url, pair.member, pair.conversation.id, "only once please", clientId),
      send(a.url, pair.member, pair.conversation.id, "only once please", clientId),
    ]);
    const bodies = (await Promise.all(answers.map((r) => r.json()))) as { ok: boolean; result: { message: { id: string; seq: number } } }[];
    expect(bodies.every((x) => x.ok)).toBe(true);
    expect(new Set(bodies.map((x) => x.result.message.id)).size).toBe(1);
    const rows = await db.select().from(messages).where(eq(messages.conversationId, pair.conversation.id));
    expect(rows).toHaveLength(1);
    const [conversation] = await db.select().from(conversations).where(eq(conversations.id, pair.conversation.id));
    expect(conversation!.lastSeq).toBe(1);
  });

  it("a member without premium gets the 403 upgrade page; anyone else's conversation is a 404 (stream and action)", async () => {
    const db = testDb();
    const coach = await signedInCoach(db);
    const basic = await pairWithCoach(db, coach, { premium: false });
    expect((await fetch(`${a.url}/app/coach`, { headers: { Cookie: basic.member.cookie } })).status).toBe(403);
    expect(
      (await fetch(`${a.url}/resources/stream?conversation=${basic.conversation.id}`, { headers: { Cookie: basic.member.cookie } })).status,
    ).toBe(403);
    expect((await send(a.url, basic.member, basic.conversation.id, "hi")).status).toBe(403);

    const mine = await pairWithCoach(db, coach);
    const stranger = await pairWithCoach(db, await signedInCoach(db));
    for (const intruder of [stranger.member, stranger.coach]) {
      expect(
        (await fetch(`${a.url}/resources/stream?conversation=${mine.conversation.id}`, { headers: { Cookie: intruder.cookie } })).status,
      ).toBe(404);
      expect((await send(a.url, intruder, mine.conversation.id, "let me in")).status).toBe(404);
      expect(
        (await post(a.url, intruder, `/resources/conversations/${mine.conversation.id}`, { intent: "mark-read", seq: "5" })).status,
      ).toBe(404);
    }
    expect((await fetch(`${a.url}/coach/members/${mine.member.id}`, { headers: { Cookie: stranger.coach.cookie } })).status).toBe(404);
    expect((await fetch(`${a.url}/coach/members/${mine.member.id}`, { headers: { Cookie: coach.cookie } })).status).toBe(200);
    expect((await fetch(`${a.url}/resources/stream?conversation=not-a-uuid`, { headers: { Cookie: coach.cookie } })).status).toBe(404);

    // A coach removed from the member loses access on the very next request.
    await db.update(coachAssignments).set({ status: "ended", endedAt: new Date() }).where(eq(coachAssignments.id, mine.assignmentId));
    expect((await send(a.url, coach, mine.conversation.id, "still here?")).status).toBe(404);
    expect((await fetch(`${a.url}/coach/members/${mine.member.id}`, { headers: { Cookie: coach.cookie } })).status).toBe(404);
  });

  it("works without JavaScript: a plain form post comes back to the page, which shows the message; errors come back as messages", async () => {
    const db = testDb();
    const pair = await pairWithCoach(db, await signedInCoach(db));
    const page = await fetch(`${a.url}/app/coach`, { headers: { Cookie: pair.member.cookie } });
    const html = await page.text();
    const clientId = /name="clientId" value="([0-9a-f-]{36})"/.exec(html)![1]!;
    const form = { intent: "send-message", clientId, body: "Cravings are *bad* after lunch" };
    const posted = await post(a.url, pair.member, `/resources/conversations/${pair.conversation.id}`, form);
    expect(posted.status).toBe(302);
    expect(posted.headers.get("location")).toBe("/app/coach#latest");
    // Sent again (the browser resubmitted the form): still one message.
    expect((await post(a.url, pair.member, `/resources/conversations/${pair.conversation.id}`, form)).status).toBe(302);
    const after = await (await fetch(`${a.url}/app/coach`, { headers: { Cookie: pair.member.cookie } })).text();
    expect(after).toContain("Cravings are <em>bad</em> after lunch");
    expect(after.match(/data-testid="chat-message"/g)).toHaveLength(1);

    // The coach's header counts it; opening the member's page reads it.
    const coachHome = await (await fetch(`${b.url}/coach`, { headers: { Cookie: pair.coach.cookie } })).text();
    expect(coachHome).toMatch(/data-testid="coaching-unread" data-count="1"/);
    await fetch(`${b.url}/coach/members/${pair.member.id}`, { headers: { Cookie: pair.coach.cookie } });
    const coachAgain = await (await fetch(`${b.url}/coach`, { headers: { Cookie: pair.coach.cookie } })).text();
    expect(coachAgain).toMatch(/data-testid="coaching-unread" data-count="0"/);
    // And the member now sees "seen" on their message.
    expect(await (await fetch(`${a.url}/app/coach`, { headers: { Cookie: pair.member.cookie } })).text()).toContain('data-testid="seen"');

    const empty = await post(a.url, pair.member, `/resources/conversations/${pair.conversation.id}`, {
      intent: "send-message",
      clientId: randomUUID(),
      body: "  ",
    });
    expect(empty.status).toBe(302);
    const location = empty.headers.get("location")!;
    expect(location).toContain("chatError=chat%3Aerrors.bodyRequired");
    expect(await (await fetch(new URL(location, a.url), { headers: { Cookie: pair.member.cookie } })).text()).toContain(
      "Write a message or add a photo.",
    );
    const tooLong = await send(a.url, pair.member, pair.conversation.id, "x".repeat(4001));
    expect(tooLong.status).toBe(400);
  });

  it("never writes message text to the logs", async () => {
    const db = testDb();
    const pair = await pairWithCoach(db, await signedInCoach(db));
    const marker = `secret-craving-${randomUUID()}`;
    const stream = await openStream(`${b.url}/resources/stream?conversation=${pair.conversation.id}`, pair.coach);
    await send(a.url, pair.member, pair.conversation.id, marker);
    await stream.until((events) => events.some((e) => e.event === "message" && e.data.includes(marker)));
    await stream.close();
    expect(a.output()).toContain("/resources/conversations/"); // the request log is on
    expect(a.output()).not.toContain(marker);
    expect(b.output()).not.toContain(marker);
  });

  it("carries typing (ephemeral, throttled), read receipts and edits to the other side", async () => {
    const db = testDb();
    const pair = await pairWithCoach(db, await signedInCoach(db));
    const memberStream = await openStream(`${b.url}/resources/stream?conversation=${pair.conversation.id}`, pair.member);
    await memberStream.until((events) => events.some((e) => e.event === "read"));
    const typing = () => post(a.url, pair.coach, `/resources/conversations/${pair.conversation.id}?live=1`, { intent: "typing" });
    const [first, second] = [await (await typing()).json(), await (await typing()).json()];
    expect(first.result.sent).toBe(true);
    expect(second.result.sent).toBe(false); // within 3 s
    await memberStream.until((events) => events.some((e) => e.event === "typing"));
    expect(JSON.parse(memberStream.events.find((e) => e.event === "typing")!.data)).toEqual({ side: "coach", expiresInMs: 6000 });

    const memberSent = (await (await send(a.url, pair.member, pair.conversation.id, "first draft")).json()) as {
      result: { message: { id: string; seq: number } };
    };
    const coachStream = await openStream(`${b.url}/resources/stream?conversation=${pair.conversation.id}`, pair.coach);
    await coachStream.until((events) => messageSeqs(events).includes(1));
    await post(a.url, pair.member, `/resources/conversations/${pair.conversation.id}?live=1`, {
      intent: "edit-message",
      messageId: memberSent.result.message.id,
      body: "second draft",
    });
    await coachStream.until((events) => events.some((e) => e.event === "edit" && JSON.parse(e.data).body === "second draft"));

    await post(a.url, pair.coach, `/resources/conversations/${pair.conversation.id}?live=1`, { intent: "mark-read", seq: "1" });
    await memberStream.until((events) => events.some((e) => e.event === "read" && JSON.parse(e.data).seq === 1));
    await Promise.all([memberStream.close(), coachStream.close()]);
  });
});

describe("messages in the module", () => {
  it("renders every XSS payload inert on the page and in the stream", async () => {
    const db = testDb();
    const pair = await pairWithCoach(db, await signedInCoach(db));
    // What the form schema lets through is stored (a minute apart: the send limit counts per minute); the rest is refused.
    const sendable = xssPayloads
      .map((p) => sendMessageSchema.safeParse({ clientId: randomUUID(), body: p }))
      .flatMap((r) => (r.success ? [r.data.body] : []));
    expect(sendable.length).toBeGreaterThan(xssPayloads.length / 2);
    for (const [i, body] of sendable.entries()) {
      const sentAt = new Date(Date.now() - (sendable.length - i) * 60_000);
      await sendMessage(db, { conversation: pair.conversation, senderId: pair.member.id, clientId: randomUUID(), body }, sentAt);
    }
    await expect(
      sendMessage(db, { conversation: pair.conversation, senderId: pair.member.id, clientId: randomUUID(), body: "a\u0000b" }),
    ).rejects.toMatchObject({ kind: "invalid" });
    const stream = await openStream(`${a.url}/resources/stream?conversation=${pair.conversation.id}`, pair.coach);
    await stream.until((events) => messageSeqs(events).length === sendable.length);
    for (const event of stream.events.filter((e) => e.event === "message")) {
      expect(explainUnsafeHtml(JSON.parse(event.data).html)).toEqual([]);
    }
    await stream.close();
    const html = await (await fetch(`${a.url}/coach/members/${pair.member.id}`, { headers: { Cookie: pair.coach.cookie } })).text();
    const bodies = [...html.matchAll(/<div data-testid="message-body"[^>]*>([\s\S]*?)<\/div>/g)].map((m) => m[1]!);
    expect(bodies.length).toBe(Math.min(30, sendable.length)); // the newest page
    for (const body of bodies) expect(explainUnsafeHtml(body)).toEqual([]);
    // The page's data for hydration carries the same text, escaped inside its script.
    expect(html).not.toMatch(/<script>alert|<img src=x|<svg onload/i);
  });

  it("reads never move backwards, and unread counts only the other side's messages", async () => {
    const db = testDb();
    const pair = await pairWithCoach(db, await signedInCoach(db));
    const memberChat = await conversationFor(db, pair.member.id, pair.conversation.id);
    const coachChat = await conversationFor(db, pair.coach.id, pair.conversation.id);
    for (const who of [pair.member.id, pair.member.id, pair.coach.id]) {
      await sendMessage(db, { conversation: pair.conversation, senderId: who, clientId: randomUUID(), body: "hi" });
    }
    expect(await markRead(db, coachChat, 99)).toBe(3); // never past the last message
    expect(await markRead(db, coachChat, 1)).toBe(3); // never backwards
    const [row] = await db.select().from(conversations).where(eq(conversations.id, pair.conversation.id));
    // The member wrote 1 and 2 and had read everything before each: their position followed; 3 is the coach's, unread.
    expect(row!.memberReadSeq).toBe(2);
    expect(await markRead(db, memberChat, 3)).toBe(3);
  });

  it("lets the sender edit or delete within 15 minutes; a tombstone remains", async () => {
    const db = testDb();
    const pair = await pairWithCoach(db, await signedInCoach(db));
    const chat = await conversationFor(db, pair.member.id, pair.conversation.id);
    const other = await conversationFor(db, pair.coach.id, pair.conversation.id);
    const sentAt = new Date("2026-03-04T10:00:00Z");
    const { message } = await sendMessage(
      db,
      { conversation: pair.conversation, senderId: pair.member.id, clientId: randomUUID(), body: "typo" },
      sentAt,
    );
    await expect(editMessage(db, other, message.id, "not yours", sentAt)).rejects.toMatchObject({ kind: "not-found" });
    expect((await editMessage(db, chat, message.id, "fixed", new Date(sentAt.getTime() + 14 * 60_000))).body).toBe("fixed");
    await expect(deleteMessage(db, chat, message.id, new Date(sentAt.getTime() + 16 * 60_000))).rejects.toMatchObject({ kind: "conflict" });
    const deleted = await deleteMessage(db, chat, message.id, new Date(sentAt.getTime() + 15 * 60_000));
    expect(deleted).toMatchObject({ deleted: true, body: "", html: "", seq: 1 });
    const [row] = await db.select().from(messages).where(eq(messages.id, message.id));
    expect(row!.deletedAt).not.toBeNull();
  });

  it("deletes a message's photo with the message", async () => {
    const db = testDb();
    const pair = await pairWithCoach(db, await signedInCoach(db));
    const chat = await conversationFor(db, pair.member.id, pair.conversation.id);
    const photo = await fileStorage(db).put({ bytes: Buffer.from("a photo"), contentType: "image/png", ownerId: pair.member.id });
    const sentAt = new Date("2026-03-04T10:00:00Z");
    const { message } = await sendMessage(
      db,
      { conversation: pair.conversation, senderId: pair.member.id, clientId: randomUUID(), body: "", attachmentId: photo.id },
      sentAt,
    );
    await deleteMessage(db, chat, message.id, new Date(sentAt.getTime() + 60_000));
    expect(await fileStorage(db).get(photo.id)).toBeNull();
    expect(await db.select().from(storedFiles).where(eq(storedFiles.id, photo.id))).toEqual([]);
  });
});

describe("response SLAs, with an injected clock", () => {
  it("opens a first then a next response on member messages, answered by the coach; states change as time passes", async () => {
    const db = testDb();
    const coach = await signedInCoach(db);
    const pair = await pairWithCoach(db, coach);
    const t0 = new Date("2026-03-04T09:00:00Z");
    const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
    const say = (who: string, minutes: number) =>
      sendMessage(db, { conversation: pair.conversation, senderId: who, clientId: randomUUID(), body: "…" }, at(minutes));
    const period = { from: at(-60), to: at(24 * 60) };

    await say(pair.member.id, 0);
    await say(pair.member.id, 5); // the same wait: still one open response
    let report = await coachResponseReport(db, coach.id, period, at(30));
    expect(report.active).toHaveLength(1);
    expect(report.active[0]).toMatchObject({ kind: "first", state: "active", aboutToMiss: false });
    expect(report.active[0]!.dueAt.toISOString()).toBe(at(120).toISOString());
    report = await coachResponseReport(db, coach.id, period, at(100));
    expect(report.active[0]!.aboutToMiss).toBe(true);
    report = await coachResponseReport(db, coach.id, period, at(121));
    expect(report).toMatchObject({ active: [], missed: 1, met: 0 });

    await say(coach.id, 130); // late
    await say(pair.member.id, 200);
    await say(coach.id, 230); // in time
    report = await coachResponseReport(db, coach.id, period, at(240));
    expect(report).toMatchObject({ active: [], met: 1, missed: 1, averageResponseMinutes: 80 });
    const rows = await db.select().from(coachResponses).where(eq(coachResponses.conversationId, pair.conversation.id));
    expect(rows.map((r) => [r.kind, r.askedSeq, r.answeredSeq])).toEqual([
      ["first", 1, 3],
      ["next", 4, 5],
    ]);
  });

  it("counts due times in the coach's working hours in their time zone", async () => {
    const db = testDb();
    const coach = await signedInCoach(db, "America/New_York");
    await db.insert(coachProfiles).values({
      coachId: coach.id,
      workingHours: Object.fromEntries(["1", "2", "3", "4", "5"].map((d) => [d, [{ start: "09:00", end: "17:00" }]])),
    });
    const pair = await pairWithCoach(db, coach);
    // Friday 6 March 2026, 18:00 EST: due Monday 11:00 EDT (the clocks moved on Sunday).
    await sendMessage(
      db,
      { conversation: pair.conversation, senderId: pair.member.id, clientId: randomUUID(), body: "weekend worries" },
      new Date("2026-03-06T23:00:00Z"),
    );
    const [response] = await db
      .select()
      .from(coachResponses)
      .where(and(eq(coachResponses.conversationId, pair.conversation.id)));
    expect(response!.dueAt.toISOString()).toBe("2026-03-09T15:00:00.000Z");
    const report = await coachResponseReport(
      db,
      coach.id,
      { from: new Date("2026-03-01"), to: new Date("2026-03-10") },
      new Date("2026-03-08T12:00:00Z"),
    );
    expect(report.active[0]).toMatchObject({ state: "active", aboutToMiss: false });
  });
});
