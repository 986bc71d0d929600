import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callSignals, coachAssignments, coachingSessions, planProposals, sessionAttendance } from "#db/schema";
import { memberWithJourney } from "../coaching/helpers";
import { DEFAULT_TEST_PASSWORD } from "#db/seed/factories";
import { Browser, startTestServer } from "../../setup/app";
import { startServerProcess, type ServerProcess } from "../../setup/processes";
import { testDb } from "../../setup/db";
import { arrangeCoach, arrangeMembers } from "./helpers";

const MINUTE = 60_000;

let server: Awaited<ReturnType<typeof startTestServer>>;
let a: ServerProcess;
let b: ServerProcess;
beforeAll(async () => {
  [server, a, b] = await Promise.all([startTestServer(), startServerProcess({ WORKERS: "off" }), startServerProcess({ WORKERS: "off" })]);
});
afterAll(async () => {
  await Promise.all([server?.close(), a?.stop(), b?.stop()]);
});

/** A member and their coach with one confirmed session starting `startsInMinutes` from now (negative: already started). */
async function arrangeCall(startsInMinutes = -1, lengthMinutes = 45) {
  const db = testDb();
  const { coach, cookie: coachCookie } = await arrangeCoach(db);
  const [member] = await arrangeMembers(db, coach.id, 1);
  const startsAt = new Date(Date.now() + startsInMinutes * MINUTE);
  const [session] = await db
    .insert(coachingSessions)
    .values({
      memberId: member!.user.id,
      coachId: coach.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + lengthMinutes * MINUTE),
      status: "confirmed",
      confirmedAt: new Date(),
    })
    .returning();
  return { coach, coachCookie, member: member!.user, memberCookie: member!.cookie, session: session! };
}

function postSignal(baseUrl: string, cookie: string, sessionId: string, body: string) {
  return fetch(`${baseUrl}/resources/calls/${sessionId}`, {
    method: "POST",
    redirect: "manual",
    body,
    headers: { Cookie: cookie, Origin: baseUrl, "Sec-Fetch-Site": "same-origin", "Content-Type": "application/json" },
  });
}

const OFFER = JSON.stringify({ kind: "offer", sdp: "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n" });

type SseEvent = { type: string; data: string };

/** Reads typed SSE events until `want` matches one (or the time is up); returns what it saw. */
async function readEvents(body: ReadableStream<Uint8Array>, want: (e: SseEvent) => boolean, timeoutMs: number) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const seen: SseEvent[] = [];
  let buffer = "";
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), deadline - Date.now()))]);
    if (!chunk || chunk.done) break;
    buffer += decoder.decode(chunk.value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const type = /^event: (.+)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (!type || data === undefined) continue;
      const event = { type, data };
      seen.push(event);
      if (want(event)) return { seen, reader };
    }
  }
  return { seen, reader };
}

async function signIn(baseUrl: string, email: string): Promise<string> {
  const browser = new Browser(baseUrl);
  expect((await browser.post("/login", { intent: "sign-in", email, password: DEFAULT_TEST_PASSWORD })).status).toBe(302);
  return browser.cookieHeader;
}

describe("call signalling", () => {
  it("is a 404 for anyone but the session's two participants, and a sign-in redirect for a visitor", async () => {
    const { session } = await arrangeCall();
    const otherCoach = await arrangeCoach(testDb());
    const [otherMember] = await arrangeMembers(testDb(), otherCoach.coach.id, 1);
    expect((await postSignal(server.url, otherCoach.cookie, session.id, OFFER)).status).toBe(404);
    expect((await postSignal(server.url, otherMember!.cookie, session.id, OFFER)).status).toBe(404);
    expect((await postSignal(server.url, "", session.id, OFFER)).status).toBe(302);
    expect((await postSignal(server.url, otherCoach.cookie, "not-a-uuid", OFFER)).status).toBe(404);
    // Nor may a stranger open the call's stream.
    const stream = await fetch(`${server.url}/resources/stream?call=${session.id}`, { headers: { Cookie: otherMember!.cookie } });
    expect(stream.status).toBe(404);
    expect(await testDb().select().from(callSignals).where(eq(callSignals.sessionId, session.id))).toEqual([]);
  });

  it("is a 404 for a participant before the room opens (10 minutes before), after the session ends, or before it is confirmed", async () => {
    const early = await arrangeCall(11);
    expect((await postSignal(server.url, early.memberCookie, early.session.id, OFFER)).status).toBe(404);
    expect((await postSignal(server.url, early.coachCookie, early.session.id, OFFER)).status).toBe(404);
    const over = await arrangeCall(-46);
    expect((await postSignal(server.url, over.memberCookie, over.session.id, OFFER)).status).toBe(404);
    const stream = await fetch(`${server.url}/resources/stream?call=${over.session.id}`, { headers: { Cookie: over.memberCookie } });
    expect(stream.status).toBe(404);
    const requested = await arrangeCall(-1);
    await testDb().update(coachingSessions).set({ status: "requested" }).where(eq(coachingSessions.id, requested.session.id));
    expect((await postSignal(server.url, requested.memberCookie, requested.session.id, OFFER)).status).toBe(404);

    // Nine minutes before the start the room is open.
    const soon = await arrangeCall(9);
    expect((await postSignal(server.url, soon.memberCookie, soon.session.id, OFFER)).status).toBe(202);
  });

  it("refuses an oversized message with 413 and a reason, and a malformed one with 400", async () => {
    const { memberCookie, session } = await arrangeCall();
    const huge = JSON.stringify({ kind: "offer", sdp: "a=x".repeat(6000) });
    const tooLarge = await postSignal(server.url, memberCookie, session.id, huge);
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toEqual({ ok: false, error: "The message is too large (at most 16 KB)." });

    const notJson = await postSignal(server.url, memberCookie, session.id, "{offer");
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error).toBe("The message is not valid JSON.");

    const unknownKind = await postSignal(server.url, memberCookie, session.id, JSON.stringify({ kind: "record", sdp: "x" }));
    expect(unknownKind.status).toBe(400);
    expect((await unknownKind.json()).error).toMatch(/^Not a valid call message \(kind: /);

    const extraField = await postSignal(server.url, memberCookie, session.id, JSON.stringify({ kind: "bye", html: "<script>" }));
    expect(extraField.status).toBe(400);
    expect(await testDb().select().from(callSignals).where(eq(callSignals.sessionId, session.id))).toEqual([]);
  });

  it("a message posted to one server process reaches the other participant's call stream on another, and the stream's life is the attendance", async () => {
    const { coach, member, session } = await arrangeCall();
    const [memberOnA, coachOnB] = await Promise.all([signIn(a.url, member.email), signIn(b.url, coach.email)]);

    const stream = await fetch(`${a.url}/resources/stream?call=${session.id}`, { headers: { Cookie: memberOnA } });
    expect(stream.status).toBe(200);
    expect(stream.headers.get("content-type")).toContain("text/event-stream");
    const ready = await readEvents(stream.body!, (e) => e.type === "call", 15_000);
    expect(JSON.parse(ready.seen.find((e) => e.type === "call")!.data)).toEqual({ kind: "ready" });

    // Opening the call's stream recorded the member's join.
    const joined = await testDb().select().from(sessionAttendance).where(eq(sessionAttendance.sessionId, session.id));
    expect(joined).toMatchObject([{ userId: member.id, role: "member", leftAt: null }]);

    const posted = await postSignal(b.url, coachOnB, session.id, OFFER);
    expect(posted.status).toBe(202);
    const rest = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await ready.reader.read();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
    });
    const delivered = await readEvents(rest, (e) => e.type === "call", 15_000);
    const offer = delivered.seen.find((e) => e.type === "call");
    expect(offer && JSON.parse(offer.data)).toEqual({ ...JSON.parse(OFFER), from: "coach" });
    await ready.reader.cancel();

    // Closing the stream (hang up, tab closed) records the leave.
    const deadline = Date.now() + 10_000;
    let left: Date | null = null;
    while (!left && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      [{ leftAt: left } = { leftAt: null }] = await testDb()
        .select({ leftAt: sessionAttendance.leftAt })
        .from(sessionAttendance)
        .where(eq(sessionAttendance.sessionId, session.id));
    }
    expect(left).toBeInstanceOf(Date);
  });

  it("the call page is each participant's own; without JavaScript it says the call needs it and links to the chat", async () => {
    const { session, memberCookie, coachCookie } = await arrangeCall();
    const memberPage = await new Browser(server.url, memberCookie).get(`/app/coach/sessions/${session.id}/call`);
    expect(memberPage.status).toBe(200);
    const html = await memberPage.text();
    expect(html).toContain("The video call needs JavaScript");
    expect(html).toContain('href="/app/coach"');
    // The coach's side is the coach's page; the member's URL is not theirs.
    expect((await new Browser(server.url, coachCookie).get(`/coach/sessions/${session.id}/call`)).status).toBe(200);
    expect((await new Browser(server.url, memberCookie).get(`/coach/sessions/${session.id}/call`)).status).toBe(403);
    const other = await arrangeCoach(testDb());
    expect((await new Browser(server.url, other.cookie).get(`/coach/sessions/${session.id}/call`)).status).toBe(404);
  });

  it("the coach writes a private session note and proposes a plan change from the call page; nobody else can", async () => {
    const db = testDb();
    const { coach: coachUser, cookie: coachCookie } = await arrangeCoach(db);
    // A member with a plan (what a proposal changes), coached by this coach, in a session that started a minute ago.
    const { user: member, cookie: memberCookie } = await memberWithJourney(db, { quitDaysAgo: 3 });
    await db.insert(coachAssignments).values({ memberId: member.id, coachId: coachUser.id, source: "admin" });
    const [session] = await db
      .insert(coachingSessions)
      .values({
        memberId: member.id,
        coachId: coachUser.id,
        startsAt: new Date(Date.now() - MINUTE),
        endsAt: new Date(Date.now() + 44 * MINUTE),
        status: "confirmed",
      })
      .returning();
    const coach = new Browser(server.url, coachCookie);
    const path = `/coach/sessions/${session!.id}/call`;

    const saved = await coach.post(path, { intent: "save-note", note: "  Practised urge surfing.  " });
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain("Note saved.");
    const [row] = await testDb().select().from(coachingSessions).where(eq(coachingSessions.id, session!.id));
    expect(row!.coachNote).toBe("Practised urge surfing.");
    // The page shows the note back to the coach.
    expect(await (await coach.get(path)).text()).toContain("Practised urge surfing.");

    const tooLong = await coach.post(path, { intent: "save-note", note: "x".repeat(4001) });
    expect(tooLong.status).toBe(400);
    expect(await tooLong.text()).toContain("The note can be at most 4000 characters.");

    const proposed = await coach.post(path, { intent: "propose-plan", extraTask: "Walk after the call" });
    expect(proposed.status).toBe(200);
    expect(await proposed.text()).toContain("Proposal sent to the member.");
    const proposals = await testDb().select().from(planProposals).where(eq(planProposals.memberId, member.id));
    expect(proposals).toHaveLength(1);

    const other = await arrangeCoach(testDb());
    expect((await new Browser(server.url, other.cookie).post(path, { intent: "save-note", note: "mine" })).status).toBe(404);
    expect((await new Browser(server.url, memberCookie).post(path, { intent: "save-note", note: "mine" })).status).toBe(403);
    const [after] = await testDb().select().from(coachingSessions).where(eq(coachingSessions.id, session!.id));
    expect(after!.coachNote).toBe("Practised urge surfing.");
  });

  it("hanging up (bye) records the leave at once, and the other side hears it", async () => {
    const { session, memberCookie, coachCookie } = await arrangeCall();
    const coachStream = await fetch(`${server.url}/resources/stream?call=${session.id}`, { headers: { Cookie: coachCookie } });
    const ready = await readEvents(coachStream.body!, (e) => e.type === "call", 15_000);
    expect(ready.seen.some((e) => e.type === "call")).toBe(true);
    const memberStream = await fetch(`${server.url}/resources/stream?call=${session.id}`, { headers: { Cookie: memberCookie } });
    const memberReady = await readEvents(memberStream.body!, (e) => e.type === "call", 15_000);
    expect((await postSignal(server.url, memberCookie, session.id, JSON.stringify({ kind: "bye" }))).status).toBe(202);
    const rows = await testDb().select().from(sessionAttendance).where(eq(sessionAttendance.sessionId, session.id));
    expect(rows.map((r) => `${r.role}:${r.leftAt ? "left" : "open"}`).sort()).toEqual(["coach:open", "member:left"]);
    const rest = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await ready.reader.read();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
    });
    const heard = await readEvents(rest, (e) => e.type === "call", 15_000);
    expect(JSON.parse(heard.seen.find((e) => e.type === "call")!.data)).toEqual({ kind: "bye", from: "member" });
    await Promise.all([ready.reader.cancel(), memberReady.reader.cancel()]);
  });
});
