// Usage: npm run build && npx tsx tests/bench/chat.ts   (BENCH_SECONDS=20 for a shorter run; default 60 s)
// Chat delivery across two server processes on one Postgres: 200 open conversations, each with the
// member's and the coach's SSE streams open on process 2; coaches and members take turns posting
// at a steady 50 messages/s to process 1. Latency is from just before the POST to the other side's
// `message` event; lost and duplicated messages are counted by sequence number on every stream. Also times the header's coaching
// count (the session lookup with and without it), the one cost chat adds to every page.
import "./env";
import { randomUUID } from "node:crypto";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { and, eq, sql } from "drizzle-orm";
import { createDb } from "#db/client.server";
import { coachAssignments, packagePrices, packages, subscriptions, users } from "#db/schema";
import { seedBillingDemo } from "#db/seed/billing";
import { passwordHashFor } from "#db/seed/factories";
import { ensureConversation } from "~/modules/coaching/access.server";
import { SEND_LIMIT, sendMessage } from "~/modules/coaching/messages.server";
import { coachingUnreadCount, createSession } from "~/modules/identity/session.server";
import {
  heading,
  machine,
  median,
  processCpuMs,
  recordResults,
  startBenchDatabase,
  startProjectServer,
  stopAll,
  type BenchServer,
} from "./harness";

const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 200);
const RATE = Number(process.env.BENCH_RATE ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const TARGET_P99_MS = 500;
// Messages sent before measuring (two rounds over the conversations, one from each side).
const WARMUP = 2 * CONVERSATIONS;

const loadAtStart = loadavg()
  .map((l) => l.toFixed(2))
  .join(", ");
const database = await startBenchDatabase("chat");
const db = createDb(database.url, 4);

// --- data: 200 members with premium, each with their own coach (so no sender nears the 30/min send limit) and a conversation
await seedBillingDemo(db);
const [premium] = await db.select().from(packages).where(eq(packages.slug, "premium"));
const [price] = await db
  .select()
  .from(packagePrices)
  .where(and(eq(packagePrices.packageId, premium!.id), eq(packagePrices.currency, "USD"), eq(packagePrices.period, "monthly")));
const passwordHash = await passwordHashFor("bench-password-not-used");
type Pair = { conversationId: string; memberId: string; coachId: string; memberCookie: string; coachCookie: string };
const pairs: Pair[] = [];
for (let i = 0; i < CONVERSATIONS; i++) {
  const [member, coach] = await db
    .insert(users)
    .values([
      { email: `chat-member-${i}@bench.test`, displayName: `Member ${i}`, role: "member" as const, passwordHash },
      { email: `chat-coach-${i}@bench.test`, displayName: `Coach ${i}`, role: "coach" as const, passwordHash },
    ])
    .returning();
  await db.insert(subscriptions).values({
    userId: member!.id,
    packageId: premium!.id,
    priceId: price!.id,
    status: "active",
    provider: "test",
    providerSubscriptionId: `bench_sub_${i}`,
    currentPeriodEnd: new Date(Date.now() + 20 * 86_400_000),
    acceptedTermsVersion: 1,
  });
  const [assignment] = await db.insert(coachAssignments).values({ memberId: member!.id, coachId: coach!.id, source: "admin" }).returning();
  const conversation = await ensureConversation(db, assignment!);
  // A little history, so the reads run over a real index.
  for (let m = 0; m < 20; m++) {
    await sendMessage(
      db,
      { conversation, senderId: m % 2 ? coach!.id : member!.id, clientId: randomUUID(), body: `history ${m}` },
      new Date(Date.now() - (40 - m) * 3_600_000),
    );
  }
  const cookieOf = async (userId: string) => (await createSession(db, userId, "tests/bench/chat")).setCookie.split(";")[0]!;
  pairs.push({
    conversationId: conversation.id,
    memberId: member!.id,
    coachId: coach!.id,
    memberCookie: await cookieOf(member!.id),
    coachCookie: await cookieOf(coach!.id),
  });
}
const HISTORY = 20;
// As autovacuum would have by now on a live database: planner statistics for the freshly written tables.
await db.execute(sql`analyze`);

// --- the header's coaching count: the session lookup with and without it, interleaved, on this data
async function timeStatement(text: (userId: string) => ReturnType<typeof sql>, runs: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const pair = pairs[i % pairs.length]!;
    const started = performance.now();
    await db.execute(text(i % 2 ? pair.coachId : pair.memberId));
    samples.push((performance.now() - started) * 1000);
  }
  return samples;
}
const withoutCount = (userId: string) =>
  sql`select u.id, u.email, u.display_name, (select count(*)::int from notifications n where n.user_id = u.id and n.read_at is null) from ${users} u where u.id = ${userId}`;
const withCount = (userId: string) =>
  sql`select u.id, u.email, u.display_name, (select count(*)::int from notifications n where n.user_id = u.id and n.read_at is null), ${coachingUnreadCount(sql`u.id`)} from ${users} u where u.id = ${userId}`;
await timeStatement(withCount, 200); // warm-up
const lookups: { without: number[]; with: number[] } = { without: [], with: [] };
for (let round = 0; round < 5; round++) {
  lookups.without.push(...(await timeStatement(withoutCount, 400)));
  lookups.with.push(...(await timeStatement(withCount, 400)));
}
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

// --- two server processes on the database
let one: BenchServer | undefined;
let two: BenchServer | undefined;
type Side = "member" | "coach";
type Stream = { pair: Pair; side: Side; seqs: number[]; close: () => void; ready: Promise<void> };
const sentAt = new Map<string, number>();
const latencies: number[] = [];
// How long each POST took to answer, and each delivery measured from that answer (negative: the event came first).
const postTimes: number[] = [];
// How late the generator sent each POST against its schedule (it shares the cores: a late generator would hide queueing).
const generatorLag: number[] = [];
const answeredAt = new Map<string, number>();
const afterAnswer: number[] = [];
let postErrors = 0;
let posted = 0;
try {
  one = await startProjectServer(database.url, { label: "chat-1", httpProcesses: 1 });
  two = await startProjectServer(database.url, { label: "chat-2", httpProcesses: 1 });

  // Both sides' streams on process 2, resuming after the history (Last-Event-ID), as returning tabs would.
  const streams: Stream[] = await Promise.all(
    pairs
      .flatMap((pair) => (["member", "coach"] as const).map((side) => ({ pair, side })))
      .map(async ({ pair, side }): Promise<Stream> => {
        const controller = new AbortController();
        const response = await fetch(`${two!.url}/resources/stream?conversation=${pair.conversationId}`, {
          headers: { Cookie: side === "member" ? pair.memberCookie : pair.coachCookie, "Last-Event-ID": String(HISTORY) },
          signal: controller.signal,
        });
        if (response.status !== 200 || !response.body) throw new Error(`stream answered ${response.status}`);
        let markReady = () => {};
        const stream: Stream = { pair, side, seqs: [], close: () => controller.abort(), ready: new Promise<void>((r) => (markReady = r)) };
        const reader = response.body.getReader();
        const decoder = new TextDecoder();
        let buffer = "";
        void (async () => {
          try {
            for (;;) {
              const { value, done } = await reader.read();
              if (done) return;
              buffer += decoder.decode(value, { stream: true });
              let end: number;
              while ((end = buffer.indexOf("\n\n")) >= 0) {
                const block = buffer.slice(0, end);
                buffer = buffer.slice(end + 2);
                // The stream's first coaching count comes after its catch-up: from then on it is live.
                if (/^event: coach-unread$/m.test(block)) markReady();
                if (!/^event: message$/m.test(block)) continue;
                const arrived = performance.now();
                const data = JSON.parse(/^data: (.*)$/m.exec(block)![1]!) as { seq: number; clientId: string; side: Side };
                stream.seqs.push(data.seq);
                // The sender's own stream echoes the message too; delivery is to the other side.
                if (data.side === stream.side) continue;
                const started = sentAt.get(data.clientId);
                if (started !== undefined) latencies.push(arrived - started);
                const answered = answeredAt.get(data.clientId);
                if (answered !== undefined) afterAnswer.push(arrived - answered);
              }
            }
          } catch {
            // aborted at the end
          }
        })();
        return stream;
      }),
  );
  await Promise.all(streams.map((stream) => stream.ready));
  await new Promise((resolve) => setTimeout(resolve, 2000));

  // A steady rate: message k leaves at start + k / RATE seconds, to conversations in turn; in each
  // round over the conversations the coaches write, in the next the members (whose messages open responses).
  const total = Math.round(RATE * SECONDS);
  const cpu = () => ({
    bench: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
    one: processCpuMs(one!.pid ?? 0),
    two: processCpuMs(two!.pid ?? 0),
  });
  // Sends `count` messages at RATE from message number `first` on; `measured` ones are timed and counted.
  async function sendAtRate(first: number, count: number, measured: boolean) {
    const started = performance.now();
    const inFlight: Promise<void>[] = [];
    for (let i = 0; i < count; i++) {
      const k = first + i;
      const wait = started + (i * 1000) / RATE - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const pair = pairs[k % pairs.length]!;
      const fromMember = Math.floor(k / pairs.length) % 2 === 1;
      const clientId = randomUUID();
      const now = performance.now();
      if (measured) {
        sentAt.set(clientId, now);
        generatorLag.push(now - (started + (i * 1000) / RATE));
      }
      inFlight.push(
        fetch(`${one!.url}/resources/conversations/${pair.conversationId}?live=1`, {
          method: "POST",
          headers: {
            Cookie: fromMember ? pair.memberCookie : pair.coachCookie,
            Origin: one!.url,
            "Content-Type": "application/x-www-form-urlencoded",
          },
          body: new URLSearchParams({ intent: "send-message", clientId, body: `bench message ${k}` }),
        })
          .then(async (response) => {
            await response.arrayBuffer();
            if (!measured) return;
            const now = performance.now();
            postTimes.push(now - sentAt.get(clientId)!);
            answeredAt.set(clientId, now);
            if (response.status === 200) posted++;
            else postErrors++;
          })
          .catch(() => void (measured && postErrors++)),
      );
    }
    const seconds = (performance.now() - started) / 1000;
    await Promise.all(inFlight);
    return seconds;
  }
  // Warm-up, not measured: the servers were just started (cold pools, prepared statements, JIT), as no running deployment is.
  await sendAtRate(0, WARMUP, false);
  await new Promise((resolve) => setTimeout(resolve, 2000));

  const cpuBefore = cpu();
  const started = performance.now();
  const sendSeconds = await sendAtRate(WARMUP, total, true);
  const cpuAfter = cpu();
  const loadAtEnd = loadavg()
    .map((l) => l.toFixed(2))
    .join(", ");
  const busyWall = performance.now() - started;
  const share = (before: number | null, after: number | null) =>
    before === null || after === null ? "n/a" : `${((after - before) / busyWall).toFixed(2)} cores`;
  await new Promise((resolve) => setTimeout(resolve, 5000));
  for (const stream of streams) stream.close();

  // Per stream (both sides of every conversation): every seq from HISTORY+1 to the last stored should have arrived exactly once, in order.
  const lastSeqs = new Map(
    (await db.execute<{ id: string; last_seq: number }>(sql`select id, last_seq from conversations`)).map((r) => [
      r.id,
      Number(r.last_seq),
    ]),
  );
  let lost = 0;
  let duplicated = 0;
  let outOfOrder = 0;
  for (const stream of streams) {
    const expected = (lastSeqs.get(stream.pair.conversationId) ?? HISTORY) - HISTORY;
    const unique = new Set(stream.seqs);
    duplicated += stream.seqs.length - unique.size;
    for (let seq = HISTORY + 1; seq <= HISTORY + expected; seq++) if (!unique.has(seq)) lost++;
    for (let i = 1; i < stream.seqs.length; i++) if (stream.seqs[i]! <= stream.seqs[i - 1]!) outOfOrder++;
  }
  const tenth = Math.max(1, Math.floor(latencies.length / 10));
  const firstTenth = percentile(latencies.slice(0, tenth), 50);
  const lastTenth = percentile(latencies.slice(-tenth), 50);
  const p50 = percentile(latencies, 50);
  const p99 = percentile(latencies, 99);
  const met = p99 <= TARGET_P99_MS && lost === 0 && duplicated === 0;
  const us = (v: number) => `${Math.round(v)} µs`;

  const markdown = `## Chat delivery across two server processes (issue 12)

${heading("npm run build && npx tsx tests/bench/chat.ts")}

Method: two production server processes (\`node build/server.js\`, NODE_ENV=production, LOG_LEVEL=info to a file, workers on) on one embedded Postgres. ${CONVERSATIONS} conversations (each member with a coach of their own, so no sender nears the ${SEND_LIMIT.limit}/min send limit, and ${HISTORY} messages of history); both sides' SSE streams (\`/resources/stream?conversation=…\`, resuming with Last-Event-ID ${HISTORY}, ${CONVERSATIONS * 2} streams) open on process 2; \`send-message\` POSTs (session cookie, Origin header) to process 1 at a steady ${RATE} messages/s for ${SECONDS} s, to the conversations in turn, coaches and members taking turns by round (a member's message after the coach's opens a response, the coach's answers it). Latency: from just before the POST to the other side's \`message\` event on process 2 (POST, the send statement, NOTIFY at commit, process 2's LISTEN connection, the catch-up read, the SSE write). Before measuring, ${WARMUP} messages at the same rate warm the just-started servers up (not timed). Lost and duplicated are counted by sequence number on every stream against the database's last_seq. Load generator, Postgres and both servers share the machine's 2 cores with other engineers' work (load average ${loadAtStart} at the start, ${loadAtEnd} after sending), so figures move between runs.

| figure | value | target |
|---|---:|---:|
| messages sent (POST 200) | ${posted} of ${total} in ${sendSeconds.toFixed(1)} s (${(posted / sendSeconds).toFixed(1)}/s) | ${RATE}/s |
| POST errors / non-200 | ${postErrors} | 0 |
| delivery latency p50 | ${p50.toFixed(0)} ms | – |
| delivery latency p99 | **${p99.toFixed(0)} ms** | ≤ ${TARGET_P99_MS} ms |
| delivery latency median, first / last tenth of the run | ${firstTenth.toFixed(0)} / ${lastTenth.toFixed(0)} ms | – |
| POST answered in, p50 / p99 | ${percentile(postTimes, 50).toFixed(0)} / ${percentile(postTimes, 99).toFixed(0)} ms | – |
| event after the POST's answer, p50 / p99 (of ${afterAnswer.length} that came after it) | ${percentile(afterAnswer, 50).toFixed(0)} / ${percentile(afterAnswer, 99).toFixed(0)} ms | – |
| delivery latency max | ${Math.max(0, ...latencies).toFixed(0)} ms | – |
| generator lag behind its schedule, p99 / max | ${percentile(generatorLag, 99).toFixed(0)} / ${Math.max(0, ...generatorLag).toFixed(0)} ms | – |
| CPU while sending: load generator / process 1 / process 2 | ${share(cpuBefore.bench, cpuAfter.bench)} / ${share(cpuBefore.one, cpuAfter.one)} / ${share(cpuBefore.two, cpuAfter.two)} | – |
| events received by the other side | ${latencies.length} | ${posted} |
| lost (by seq) | **${lost}** | 0 |
| duplicated (by seq) | **${duplicated}** | 0 |
| out of order | ${outOfOrder} | 0 |

Target ${met ? "met" : "**not met**"}.

The header's coaching unread count rides on the session lookup of every signed-in page. The same lookup statement with and without it, ${lookups.with.length} runs each, interleaved in 5 rounds, members and coaches alternating, on this data (${CONVERSATIONS} conversations, ${CONVERSATIONS * HISTORY}+ messages): without ${us(median(lookups.without))} median / ${us(percentile(lookups.without, 99))} p99; with ${us(median(lookups.with))} median / ${us(percentile(lookups.with, 99))} p99 (round trip from this process, ${machine()}).
`;
  console.log(markdown);
  recordResults("chat", markdown);
} finally {
  await stopAll([one, two]);
  await db.$client.end({ timeout: 2 });
  await database.stop();
}
