import { createHash, randomBytes } from "node:crypto";
import { createCookie } from "@remix-run/node";
import { and, desc, eq, gt, ne, sql } from "drizzle-orm";
import { notifications, sessions, users, type Locale, type Role } from "#db/schema";
import { oncePerRequest, type Database } from "#db/client.server";
import { env } from "~/lib/env.server";

export const SESSION_IDLE_TIMEOUT_MS = 14 * 24 * 3600 * 1000;
export const SESSION_ABSOLUTE_LIFETIME_MS = 30 * 24 * 3600 * 1000;
// Refresh last_seen_at at most this often, so most requests only read.
const TOUCH_INTERVAL_MS = 5 * 60 * 1000;

export type SessionUser = {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  locale: Locale;
  currency: string;
  timeZone: string;
  sessionId: string;
  /** Changes whenever the member's journey data does (see users.journeyVersion). */
  journeyVersion: number;
  /** Shown in the header of every page, so it rides along with the session lookup instead of costing its own round trip. */
  unreadNotifications: number;
};

let cookie: ReturnType<typeof createCookie> | undefined;
export function sessionCookie() {
  const e = env();
  // Secure (and so __Host-) only when the public origin is https: browsers drop Secure cookies on http://localhost.
  cookie ??= createCookie(e.isHttps ? "__Host-qp_session" : "qp_session", {
    httpOnly: true,
    sameSite: "lax",
    secure: e.isHttps,
    path: "/",
    secrets: [e.SESSION_SECRET],
    maxAge: SESSION_ABSOLUTE_LIFETIME_MS / 1000,
  });
  return cookie;
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

async function readToken(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 20 ? value : null;
}

/** Creates a session row and returns the Set-Cookie header that carries its token. */
export async function createSession(db: Database, userId: string, userAgent: string | null): Promise<{ id: string; setCookie: string }> {
  const token = randomBytes(32).toString("base64url");
  const id = hashToken(token);
  await db.insert(sessions).values({
    id,
    userId,
    userAgent: userAgent?.slice(0, 300) ?? null,
    expiresAt: new Date(Date.now() + SESSION_ABSOLUTE_LIFETIME_MS),
  });
  return { id, setCookie: await sessionCookie().serialize(token) };
}

export async function clearSessionCookie(): Promise<string> {
  return sessionCookie().serialize("", { maxAge: 0 });
}

/** The signed-in user of this request, looked up once per request however many loaders ask. */
export function getSessionUser(db: Database, request: Request): Promise<SessionUser | null> {
  return oncePerRequest(`session-user:${request.headers.get("Cookie") ?? ""}`, () => lookUpSession(db, request));
}

/**
 * The hottest statement in the app (every signed-in page), so it is built once per database
 * handle and only executed afterwards. Expiry is checked against the database clock.
 */
const sessionLookups = new WeakMap<object, ReturnType<typeof prepareSessionLookup>>();
function prepareSessionLookup(db: Database) {
  return db
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      role: users.role,
      locale: users.locale,
      currency: users.currency,
      timeZone: users.timeZone,
      journeyVersion: users.journeyVersion,
      sessionId: sessions.id,
      lastSeenAt: sessions.lastSeenAt,
      unreadNotifications: sql<number>`(select count(*)::int from ${notifications} n where n.user_id = ${users.id} and n.read_at is null)`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.id, sql.placeholder("sessionId")),
        sql`${sessions.expiresAt} > now()`,
        sql`${sessions.lastSeenAt} > now() - make_interval(secs => ${SESSION_IDLE_TIMEOUT_MS / 1000})`,
      ),
    )
    .prepare("session_lookup");
}

async function lookUpSession(db: Database, request: Request): Promise<SessionUser | null> {
  const token = await readToken(request);
  if (!token) return null;
  let lookup = sessionLookups.get(db);
  if (!lookup) sessionLookups.set(db, (lookup = prepareSessionLookup(db)));
  const [row] = await lookup.execute({ sessionId: hashToken(token) });
  if (!row) return null;
  const { lastSeenAt, ...user } = row;
  const now = new Date();
  if (now.getTime() - lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.sessionId));
  }
  return user;
}

/** The session id a request's cookie names, valid or not (used to retire it at sign-in). */
export async function sessionIdOf(request: Request): Promise<string | null> {
  const token = await readToken(request);
  return token ? hashToken(token) : null;
}

export async function revokeSession(db: Database, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function revokeOtherSessions(db: Database, userId: string, keepSessionId: string): Promise<number> {
  const removed = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)))
    .returning({ id: sessions.id });
  return removed.length;
}

export async function listSessions(db: Database, userId: string) {
  return db
    .select({
      // Only a prefix of the hash leaves the server: enough to tell sessions apart.
      handle: sql<string>`left(${sessions.id}, 12)`,
      id: sessions.id,
      userAgent: sessions.userAgent,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, new Date())))
    .orderBy(desc(sessions.lastSeenAt));
}

export async function revokeSessionByHandle(db: Database, userId: string, handle: string): Promise<void> {
  await db.delete(sessions).where(and(eq(sessions.userId, userId), sql`left(${sessions.id}, 12) = ${handle}`));
}
