import { createHash, randomBytes } from "node:crypto";
import { createCookie } from "@remix-run/node";
import { and, desc, eq, gt, ne, sql, type SQL } from "drizzle-orm";
import { coachAssignments, conversations, messages, notifications, sessions, users, type Locale, type Role } from "#db/schema";
import { oncePerRequest, preparedRows, type Database } from "#db/client.server";
import { env, type Env } from "~/lib/env.server";
import { sealProviderToken } from "./provider-token.server";

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
  /** Coaching messages from the other side not yet read, over the member's conversation or all of a coach's: in the header. */
  coachingUnread: number;
};

/**
 * Messages from the other side above the person's read position in their active conversations
 * (as the member and as the coach). Each side's probe is an index lookup on conversations that
 * stops at rows with nothing unread, then a range over messages' (conversation_id, seq) index.
 */
export function coachingUnreadCount(userId: SQL | string) {
  const side = (person: SQL, readSeq: SQL) => sql`
    select count(*)::int as n from ${conversations} c
    join ${coachAssignments} a on a.id = c.assignment_id and a.status = 'active'
    join ${messages} m on m.conversation_id = c.id and m.seq > c.${readSeq} and m.sender_id is distinct from c.${person} and m.deleted_at is null
    where c.${person} = ${userId} and c.last_seq > c.${readSeq}`;
  return sql<number>`((${side(sql.raw("member_id"), sql.raw("member_read_seq"))}) + (${side(sql.raw("coach_id"), sql.raw("coach_read_seq"))}))`;
}

let cookie: { secrets: string[]; cookie: ReturnType<typeof createCookie> } | undefined;
export function sessionCookie() {
  const e = env();
  // The first secret signs; a rotated-out one still verifies, so nobody is signed out by a rotation.
  const secrets = sessionSecrets(e);
  if (cookie && cookie.secrets.join("\n") === secrets.join("\n")) return cookie.cookie;
  // Secure (and so __Host-) only when the public origin is https: browsers drop Secure cookies on http://localhost.
  const created = createCookie(e.isHttps ? "__Host-qp_session" : "qp_session", {
    httpOnly: true,
    sameSite: "lax",
    secure: e.isHttps,
    path: "/",
    secrets,
    maxAge: SESSION_ABSOLUTE_LIFETIME_MS / 1000,
  });
  cookie = { secrets, cookie: created };
  return created;
}

/** The session secret, then the one before the last rotation (if any). */
export function sessionSecrets(e: Pick<Env, "SESSION_SECRET" | "SESSION_SECRET_PREVIOUS"> = env()): string[] {
  return e.SESSION_SECRET_PREVIOUS && e.SESSION_SECRET_PREVIOUS !== e.SESSION_SECRET
    ? [e.SESSION_SECRET, e.SESSION_SECRET_PREVIOUS]
    : [e.SESSION_SECRET];
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

async function readToken(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 20 ? value : null;
}

/** Creates a session row and returns the Set-Cookie header that carries its token. */
export async function createSession(
  db: Database,
  userId: string,
  userAgent: string | null,
  providerToken: string | null = null,
): Promise<{ id: string; setCookie: string }> {
  const token = randomBytes(32).toString("base64url");
  const id = hashToken(token);
  await db.insert(sessions).values({
    id,
    userId,
    userAgent: userAgent?.slice(0, 300) ?? null,
    providerToken: providerToken ? sealProviderToken(providerToken) : null,
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

type SessionRow = Omit<SessionUser, "unreadNotifications" | "coachingUnread" | "journeyVersion"> & {
  journeyVersion: number | string;
  unreadNotifications: number | string;
  coachingUnread: number | string;
  lastSeenAt: string;
};

/**
 * The hottest statement in the app (every signed-in page): a prepared statement of each
 * connection, so a request pays one round trip and no planning for it. Expiry is checked against
 * the database clock.
 */
function sessionLookup(sessionId: string) {
  return sql`
    select ${users.id} as "id", ${users.email} as "email", ${users.displayName} as "displayName", ${users.role} as "role",
      ${users.locale} as "locale", ${users.currency} as "currency", ${users.timeZone} as "timeZone",
      ${users.journeyVersion} as "journeyVersion", ${sessions.id} as "sessionId", ${sessions.lastSeenAt} as "lastSeenAt",
      (select count(*)::int from ${notifications} n where n.user_id = ${users.id} and n.read_at is null) as "unreadNotifications",
      ${coachingUnreadCount(sql`${users.id}`)} as "coachingUnread"
    from ${sessions} join ${users} on ${users.id} = ${sessions.userId}
    where ${sessions.id} = ${sessionId} and ${sessions.expiresAt} > now() and ${users.suspendedAt} is null
      and ${sessions.lastSeenAt} > now() - make_interval(secs => ${SESSION_IDLE_TIMEOUT_MS / 1000})`;
}

async function lookUpSession(db: Database, request: Request): Promise<SessionUser | null> {
  const token = await readToken(request);
  if (!token) return null;
  const [row] = await preparedRows<SessionRow>(db, sessionLookup(hashToken(token)));
  if (!row) return null;
  const { lastSeenAt, ...user } = row;
  const now = new Date();
  if (now.getTime() - new Date(lastSeenAt).getTime() > TOUCH_INTERVAL_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.sessionId));
  }
  return {
    ...user,
    journeyVersion: Number(user.journeyVersion),
    unreadNotifications: Number(user.unreadNotifications),
    coachingUnread: Number(user.coachingUnread),
  };
}

/** The session id a request's cookie names, valid or not (used to retire it at sign-in). */
export async function sessionIdOf(request: Request): Promise<string | null> {
  const token = await readToken(request);
  return token ? hashToken(token) : null;
}

export async function revokeSession(db: Database, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends a session and hands back the provider's sealed token it carried, to revoke that too. */
export async function endSession(db: Database, sessionId: string): Promise<{ userId: string; sealedProviderToken: string | null } | null> {
  const [ended] = await db
    .delete(sessions)
    .where(eq(sessions.id, sessionId))
    .returning({ userId: sessions.userId, sealedProviderToken: sessions.providerToken });
  return ended ?? null;
}

/** Ends every other session of this user; the provider's sealed tokens they carried, to revoke those too. */
export async function endOtherSessions(
  db: Database,
  userId: string,
  keepSessionId: string,
): Promise<{ sealedProviderToken: string | null }[]> {
  return db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)))
    .returning({ sealedProviderToken: sessions.providerToken });
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

/** Ends one of this user's sessions by its handle; the provider's sealed tokens it carried. */
export async function endSessionByHandle(db: Database, userId: string, handle: string): Promise<{ sealedProviderToken: string | null }[]> {
  return db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), sql`left(${sessions.id}, 12) = ${handle}`))
    .returning({ sealedProviderToken: sessions.providerToken });
}
