import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadBuild } from "../../../server";
import { startTestServer } from "../../setup/app";
import { testDb } from "../../setup/db";
import { ACCESS, ROLES, answerFor, defaultGet, postFromGet, type Answer, type ByRole, type Role, type Rule } from "./access-matrix";
import { buildWorld, cookieFor, type World } from "./access-world";

type BuiltRoute = { id: string; parentId?: string; path?: string; index?: boolean; module: { loader?: unknown; action?: unknown } };

let server: Awaited<ReturnType<typeof startTestServer>>;
let routes: Record<string, BuiltRoute>;
let world: World;

beforeAll(async () => {
  routes = (await loadBuild()).routes as unknown as Record<string, BuiltRoute>;
  server = await startTestServer();
  world = await buildWorld(testDb());
}, 120_000);
afterAll(async () => server?.close());

/** The route's full path pattern, its parents' segments joined; optional segments left out. */
function pattern(id: string): string {
  const segments: string[] = [];
  for (let route: BuiltRoute | undefined = routes[id]; route; route = route.parentId ? routes[route.parentId] : undefined) {
    if (route.path) segments.unshift(route.path);
  }
  return (
    "/" +
    segments
      .join("/")
      .split("/")
      .filter((s) => s && !s.endsWith("?"))
      .join("/")
  );
}

/** A layout answers no URL itself: it has no path of its own, or an index child answers its URL. */
function isLayout(id: string): boolean {
  const route = routes[id]!;
  if (id === "root") return true;
  if (!route.path && !route.index) return true;
  return Object.values(routes).some((r) => r.parentId === id && r.index);
}

/** A's ids by param name; a param whose meaning depends on the route is filled by the rule's `url`. */
function urlFor(id: string, rule: Exclude<Rule, "layout">): string {
  if (rule.url) return rule.url(world.ids);
  const ids = world.ids;
  const byName: Record<string, string> = {
    memberId: ids.memberId,
    attemptId: ids.attemptId,
    postId: ids.postId,
    awardId: ids.awardId,
    paymentId: ids.paymentId,
    sessionId: ids.sessionId,
    conversationId: ids.conversationId,
    messageId: ids.photoMessageId,
    exportId: ids.exportId,
    answerId: ids.answerId,
    badgeId: ids.badgeId,
    packageId: ids.packageId,
    promotionId: ids.promotionId,
    "*": "no-such-page",
  };
  return pattern(id).replace(/:(\w+)|\*/g, (whole, name: string | undefined) => {
    const value = byName[name ?? "*"];
    if (!value) throw new Error(`${id}: no value for ${whole}; give the rule a url`);
    return value;
  });
}

/** The first intent the route file declares (`"name": intent(`), the one an unguided post would use. */
function firstIntent(id: string): string | undefined {
  const file = path.resolve("app", `${id}.tsx`);
  let source: string;
  try {
    source = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  return /^\s*"?([a-z][a-z0-9-]*)"?: intent\(/m.exec(source)?.[1];
}

const cookies = new Map<Role, string>();
async function cookie(role: Role, fresh: boolean): Promise<string | undefined> {
  if (role === "anonymous") return undefined;
  if (fresh || !cookies.has(role)) cookies.set(role, await cookieFor(testDb(), world.users[role]));
  return cookies.get(role);
}

function describeAnswer(response: Response): string {
  const location = response.headers.get("location");
  if (response.status >= 300 && response.status < 400 && location) {
    const target = new URL(location, server.url);
    if (target.pathname === "/login" && target.searchParams.has("redirectTo")) return "signin";
    if (target.pathname === new URL(response.url).pathname) return "→here";
    const named = Object.entries(world.ids).reduce((path, [name, id]) => path.replaceAll(id, `:${name}`), target.pathname);
    return `→${named}`;
  }
  return String(response.status);
}

async function request(method: "GET" | "POST", url: string, role: Role, fields: Record<string, string>): Promise<string> {
  const sessionCookie = await cookie(role, method === "POST");
  const headers: Record<string, string> = { Accept: "text/html" };
  if (sessionCookie) headers.Cookie = sessionCookie;
  if (method === "POST") {
    headers.Origin = server.url;
    headers["Sec-Fetch-Site"] = "same-origin";
    headers["Content-Type"] = "application/x-www-form-urlencoded";
  }
  const controller = new AbortController();
  const response = await fetch(new URL(url, server.url), {
    method,
    redirect: "manual",
    headers,
    body: method === "POST" ? new URLSearchParams(fields) : undefined,
    signal: controller.signal,
  });
  // Streams (SSE) never end by themselves: the answer is in the status line.
  controller.abort();
  return describeAnswer(response);
}

type Check = {
  routeId: string;
  method: "GET" | "POST";
  role: Role;
  url: string;
  /** The table's answers for this URL and method, every role's. */
  declared: ByRole;
  expected: Answer;
  fields: Record<string, string>;
};

function plannedChecks(): Check[] {
  const checks: Check[] = [];
  for (const routeId of Object.keys(routes).sort()) {
    const rule = ACCESS[routeId];
    if (!rule || rule === "layout") continue;
    const route = routes[routeId]!;
    const url = urlFor(routeId, rule);
    const get = rule.get ?? defaultGet(routeId);
    const post = rule.post ?? (route.module.action ? postFromGet(get) : 405);
    const intent = rule.intent ?? firstIntent(routeId);
    // An index route shares its URL with its layout: a post reaches it only with `?index`.
    const postUrl = route.index ? `${url}${url.includes("?") ? "&" : "?"}index` : url;
    const fields = { ...(intent ? { intent } : {}), ...rule.fields?.(world.ids) };
    const requests: [Check["method"], string, ByRole, Record<string, string>][] = [
      ["GET", url, get, {}],
      ...(rule.more ?? []).map((more): [Check["method"], string, ByRole, Record<string, string>] => [
        "GET",
        more.url(world.ids),
        more.get,
        {},
      ]),
      ["POST", postUrl, post, fields],
    ];
    for (const [method, target, declared, form] of requests) {
      for (const role of ROLES)
        checks.push({ routeId, method, role, url: target, declared, expected: answerFor(declared, role), fields: form });
    }
  }
  return checks;
}

/** Runs the checks (`parallel` at a time) and lists every answer that differs from the table. */
async function mismatchesOf(checks: Check[], parallel: number): Promise<string[]> {
  const mismatches: string[] = [];
  const queue = [...checks];
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let check = queue.shift(); check; check = queue.shift()) {
        if (check.method === "POST") await testDb().execute(sql`delete from rate_limit_counters`);
        const actual = await request(check.method, check.url, check.role, check.fields);
        if (actual !== String(check.expected)) {
          mismatches.push(`${check.routeId} ${check.method} ${check.url} as ${check.role}: expected ${check.expected}, got ${actual}`);
        }
      }
    }),
  );
  return mismatches.sort();
}

describe("the access matrix", () => {
  it("names every route of the build, and no route that is gone", () => {
    const built = Object.keys(routes).sort();
    const missing = built.filter((id) => !(id in ACCESS));
    const gone = Object.keys(ACCESS).filter((id) => !(id in routes));
    expect({ missing, gone }).toEqual({ missing: [], gone: [] });
    const wrongLayouts = built.filter((id) => (ACCESS[id] === "layout") !== isLayout(id));
    expect(wrongLayouts).toEqual([]);
  });

  it("declares no IDOR: B against A's ids gets what any other non-owner gets, never A's 200 and never a 403 of its own", () => {
    const idValues = Object.values(world.ids);
    const idor: string[] = [];
    for (const check of plannedChecks()) {
      if (check.role !== "foreign" || !idValues.some((id) => check.url.includes(id))) continue;
      const owner = answerFor(check.declared, "premium");
      const basic = answerFor(check.declared, "basic");
      const anonymous = answerFor(check.declared, "anonymous");
      const shared = basic === check.expected || anonymous === check.expected;
      if (check.expected === owner && owner !== 404 && !shared) idor.push(`${check.routeId} ${check.method}: B gets A's ${owner}`);
      if (check.expected === 403 && basic !== 403) idor.push(`${check.routeId} ${check.method}: B gets a 403 (must be 404)`);
    }
    expect(idor).toEqual([]);
  });

  let getChecks: Check[] = [];
  it("answers every route's GET, for every role, as the table declares (a foreign id is a 404)", async () => {
    const checks = plannedChecks();
    getChecks = checks.filter((c) => c.method === "GET");
    console.info(
      `access matrix: ${new Set(checks.map((c) => c.routeId)).size} routes × ${ROLES.length} roles × GET and POST = ${checks.length} checks`,
    );
    expect(await mismatchesOf(getChecks, 4)).toEqual([]);
  }, 300_000);

  it("answers every route's POST, for every role, as the table declares: the guard decides before the form is read", async () => {
    // One at a time, after every GET: a post that gets past its guard may still change the world.
    expect(
      await mismatchesOf(
        plannedChecks().filter((c) => c.method === "POST"),
        1,
      ),
    ).toEqual([]);
  }, 300_000);

  it("still answers every GET the same after the posts (no post in the table spoils the world)", async () => {
    expect(await mismatchesOf(getChecks, 4)).toEqual([]);
  }, 300_000);
});
