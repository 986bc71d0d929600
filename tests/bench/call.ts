// Usage: npm run build && npx tsx tests/bench/call.ts   (BENCH_CALLS=10 by default)
// Time from both sides being in a session's call to the first decoded frame of the other side's video,
// over 10 calls between two Chromium contexts with fake camera and microphone, on the production server.
import "./env";
import { loadavg } from "node:os";
import { chromium, type Browser, type Page } from "playwright-core";
import { connect } from "#db/connect.server";
import { createDb } from "#db/client.server";
import { coachAssignments, coachingSessions, coachProfiles, packagePrices, packages, subscriptions } from "#db/schema";
import { seedBillingDemo } from "#db/seed/billing";
import { createSignedInUser } from "#db/seed/factories";
import { eq } from "drizzle-orm";
import { pendingSchemaChanges } from "../setup/schema-drift";
import { testBrowser } from "../setup/chromium";
import { heading, median, recordResults, startBenchDatabase, startProjectServer } from "./harness";

const CALLS = Number(process.env.BENCH_CALLS ?? 10);
const TARGET_MS = 2000;
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(", ");
const loadBefore = load();

const database = await startBenchDatabase("call");
const sql = connect(database.url, { max: 1, onnotice: () => {} });
for (const statement of await pendingSchemaChanges()) await sql.unsafe(statement);
const appDb = createDb(database.url, 2);
await seedBillingDemo(appDb);
const [premium] = await appDb.select().from(packages).where(eq(packages.slug, "premium"));
const [price] = await appDb.select().from(packagePrices).where(eq(packagePrices.packageId, premium!.id));

// One coach and member per call, each with a confirmed session that started a minute ago (the room is open).
const pairs = [];
for (let i = 0; i < CALLS; i++) {
  const coach = await createSignedInUser(appDb, { role: "coach", displayName: `Coach ${i}`, timeZone: "Europe/London" });
  const member = await createSignedInUser(appDb, { displayName: `Member ${i}`, timeZone: "Asia/Ho_Chi_Minh" });
  await appDb.insert(coachProfiles).values({ coachId: coach.user.id, status: "approved", capacity: 10 });
  await appDb.insert(coachAssignments).values({ memberId: member.user.id, coachId: coach.user.id, source: "admin" });
  await appDb.insert(subscriptions).values({
    userId: member.user.id,
    packageId: premium!.id,
    priceId: price!.id,
    status: "active",
    provider: "test",
    providerSubscriptionId: `bench_call_${i}`,
    currentPeriodEnd: new Date(Date.now() + 20 * 86_400_000),
    acceptedTermsVersion: 1,
  });
  const [session] = await appDb
    .insert(coachingSessions)
    .values({
      memberId: member.user.id,
      coachId: coach.user.id,
      startsAt: new Date(Date.now() - 60_000),
      endsAt: new Date(Date.now() + 44 * 60_000),
      status: "confirmed",
    })
    .returning();
  pairs.push({ coach, member, session: session! });
}

const server = await startProjectServer(database.url, { label: "call" });
const found = await testBrowser();
let browser: Browser | null = null;

async function pageFor(cookie: string, path: string): Promise<Page> {
  const context = await browser!.newContext({ baseURL: server.url });
  const [name, value] = cookie.split("=") as [string, string];
  await context.addCookies([{ name, value, url: server.url }]);
  const page = await context.newPage();
  await page.goto(path);
  // The device check has the camera running: "Join the call" is enabled.
  await page.getByRole("button", { name: "Join the call" }).and(page.locator(":enabled")).waitFor({ timeout: 20_000 });
  return page;
}

/** Resolves when the remote <video> has a decoded frame (its size is known only once one is). */
async function firstRemoteFrame(page: Page): Promise<number> {
  await page.waitForFunction(
    () => {
      const video = document.querySelector<HTMLVideoElement>("[data-testid=remote-video]");
      return Boolean(video && video.readyState >= 2 && video.videoWidth > 0);
    },
    undefined,
    { polling: 5, timeout: 30_000 },
  );
  return Date.now();
}

type Measured = { order: string; member: number; coach: number; both: number };
const measured: Measured[] = [];
try {
  browser = await chromium.launch({
    executablePath: found.executablePath,
    args: [...found.args, "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"],
    env: { ...process.env, ...found.env },
  });
  for (const [i, { coach, member, session }] of pairs.entries()) {
    const coachPage = await pageFor(coach.cookie, `/coach/sessions/${session.id}/call`);
    const memberPage = await pageFor(member.cookie, `/app/coach/sessions/${session.id}/call`);
    // Alternate who is first in the room: perfect negotiation must not care.
    const [first, second] = i % 2 === 0 ? [coachPage, memberPage] : [memberPage, coachPage];
    await first.getByRole("button", { name: "Join the call" }).click();
    await first.getByTestId("call-status").filter({ hasText: "Waiting for" }).waitFor();
    const frames = Promise.all([firstRemoteFrame(memberPage), firstRemoteFrame(coachPage)]);
    const t0 = Date.now();
    await second.getByRole("button", { name: "Join the call" }).click();
    const [memberAt, coachAt] = await frames;
    measured.push({
      order: i % 2 === 0 ? "coach first" : "member first",
      member: memberAt - t0,
      coach: coachAt - t0,
      both: Math.max(memberAt, coachAt) - t0,
    });
    console.log(`call ${i + 1}: ${JSON.stringify(measured.at(-1))}`);
    await coachPage.getByRole("button", { name: "Hang up" }).click();
    await memberPage.getByRole("button", { name: "Hang up" }).click();
    await coachPage.context().close();
    await memberPage.context().close();
  }
} finally {
  await browser?.close();
  await server.stop();
  await sql.end();
  await appDb.$client.end();
  await database.stop();
}

const loadAfter = load();
const p = (values: number[], q: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(q * values.length) - 1)]!;
const row = (what: string, values: number[]) =>
  `| ${what} | ${median(values).toFixed(0)} ms | ${p(values, 0.9).toFixed(0)} ms | ${Math.max(...values).toFixed(0)} ms |`;
const both = measured.map((m) => m.both);
const met = median(both) <= TARGET_MS;
const markdown = `## Video call: joining to the first decoded frame (issue 13)

${heading("npm run build && npx tsx tests/bench/call.ts")}

Method: the production server (\`node build/server.js\`, NODE_ENV=production, LOG_LEVEL=info to a file, workers on) on a fresh embedded Postgres; Chromium (${found.source}) with \`--use-fake-device-for-media-stream --use-fake-ui-for-media-stream\`, two browser contexts per call (coach and member, signed in by session cookie), ${CALLS} calls, each between its own coach and member in a confirmed session, who gets first into the room alternating. Both pages finish the device check (camera running) first; the clock starts when the second side clicks "Join the call" and stops when each side's remote \`<video>\` has a decoded frame (readyState ≥ 2 and a known size, polled every 5 ms). In between: the call's SSE stream reopens and records the join, \`ready\`, \`join\` through the signalling POST, NOTIFY and the other side's stream, the offer/answer and ICE candidates the same way, ICE on loopback with no STUN/TURN (\`ICE_SERVERS\` unset), DTLS, the first key frame. Load average (1, 5, 15 min) ${loadBefore} before and ${loadAfter} after: the 2 cores are shared with other engineers' builds and tests, so figures move between runs.

| from the second side joining to | p50 | p90 | max |
|---|---:|---:|---:|
${row(
  "the member's first frame of the coach",
  measured.map((m) => m.member),
)}
${row(
  "the coach's first frame of the member",
  measured.map((m) => m.coach),
)}
${row("**both sides decoding**", both)}

Target: p50 of both sides decoding ≤ ${TARGET_MS} ms on loopback — **${met ? "met" : "not met"}** (${median(both).toFixed(0)} ms).
`;
console.log(markdown);
recordResults("call", markdown);
