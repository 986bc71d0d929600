import { createHash } from "node:crypto";
import { redirect } from "@remix-run/node";
import { Authenticator } from "remix-auth";
import { FormStrategy } from "remix-auth-form";
import { type users, type Role } from "#db/schema";
import { db as defaultDb, type Database } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { hitRateLimit, peekRateLimit } from "~/lib/rate-limit.server";
import { resolveLocale } from "~/lib/i18n";
import { clientIpOf } from "~/lib/request.server";
import { localDate } from "~/lib/local-date";
import { logger } from "~/lib/logger.server";
import { signInSchema, type signUpSchema } from "./account";
import { identityProvider, type Account, type ResetProof } from "./provider.server";
import { unsealProviderToken } from "./provider-token.server";
import {
  createSession,
  endOtherSessions,
  endSession,
  endSessionByHandle,
  getSessionUser,
  revokeSession,
  sessionIdOf,
  type SessionUser,
} from "./session.server";
import type { z } from "zod";

/** Ten failed sign-ins a minute per account, and per address, across every server process. */
export const SIGN_IN_FAILURES = { limit: 10, windowSeconds: 60 };
/** Each sign-up costs an argon2 hash and tells whether an email is taken: ten per address per ten minutes. */
export const SIGN_UPS_PER_ADDRESS = { limit: 10, windowSeconds: 600 };

export type SignedIn = { user: typeof users.$inferSelect; setCookie: string };

/** An email as a log can carry it: the same account gives the same value, which names no one. */
export function accountRef(email: string): string {
  return createHash("sha256").update(`quitpath-log:${email.toLowerCase()}`).digest("hex").slice(0, 16);
}

/** Security events (sign-ins, refusals, password changes) go to the log with ids only: never an email, a password or a token. */
function securityEvent(level: "info" | "warn", event: string, fields: Record<string, string | number | null>) {
  logger[level]({ event, ...fields }, event);
}

/** Reads who is signing in from the form and asks the identity provider; throws DomainErrors. */
async function verifyCredentials(db: Database, form: FormData, clientIp: string): Promise<Verified> {
  const parsed = signInSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) throw new DomainError("unauthorized", "auth:errors.invalidCredentials");
  const { email, password } = parsed.data;
  const keys = [`sign-in:account:${email}`, `sign-in:ip:${clientIp}`];
  for (const key of keys) {
    const state = await peekRateLimit(db, key, SIGN_IN_FAILURES);
    if (state.limited) {
      securityEvent("warn", "auth.sign-in.rate-limited", { account: accountRef(email), ip: clientIp });
      throw new DomainError("rate-limited", "auth:errors.tooManyAttempts", { retryAfterSeconds: state.retryAfterSeconds });
    }
  }
  const verified = await (await identityProvider()).verifyPassword(db, email, password);
  if (verified) {
    // Told only to someone who knows the password, so it reveals nothing to a guesser.
    if (verified.user.suspendedAt) {
      if (verified.providerToken) await (await identityProvider()).signOut(verified.providerToken);
      securityEvent("warn", "auth.sign-in.suspended", { userId: verified.user.id, ip: clientIp });
      throw new DomainError("forbidden", "auth:errors.suspended");
    }
    return verified;
  }
  await hitRateLimit(db, keys, SIGN_IN_FAILURES);
  securityEvent("warn", "auth.sign-in.failed", { account: accountRef(email), ip: clientIp });
  // One answer for unknown email and wrong password.
  throw new DomainError("unauthorized", "auth:errors.invalidCredentials");
}

type Verified = { user: Account; providerToken: string | null };
const authenticator = new Authenticator<Verified>();
authenticator.use(
  new FormStrategy(async ({ form, request }) => {
    return verifyCredentials(defaultDb(), form, clientIpOf(request));
  }),
  "password",
);

/**
 * Signs in through remix-auth's form strategy, retiring the session the browser had (rotation).
 * The request must still have its body (the typed action reads a clone).
 */
export async function signIn(db: Database, request: Request): Promise<SignedIn> {
  const { user, providerToken } = await authenticator.authenticate("password", request);
  const previous = await sessionIdOf(request);
  if (previous) await revokeSession(db, previous);
  const session = await createSession(db, user.id, request.headers.get("User-Agent"), providerToken);
  securityEvent("info", "auth.sign-in", { userId: user.id, ip: clientIpOf(request) });
  return { user, setCookie: session.setCookie };
}

/** What a sign-up leads to: signed in now, or first the code the provider emailed (then sign-in). */
export type SignUpResult = { next: "signed-in"; setCookie: string } | { next: "confirm-email" | "sign-in" };

/**
 * Creates the account through the identity provider; `withAccount` runs in the same transaction as
 * the new users row (e.g. accepting the terms), so neither exists without the other.
 */
export async function signUp(
  db: Database,
  input: z.infer<typeof signUpSchema>,
  userAgent: string | null,
  withAccount: (tx: Database, user: Account) => Promise<void> = async () => {},
): Promise<SignUpResult> {
  const outcome = await (await identityProvider()).signUp(db, input, withAccount);
  if (outcome.next !== "signed-in") return { next: outcome.next };
  const { setCookie } = await createSession(db, outcome.user.id, userAgent);
  securityEvent("info", "auth.sign-up", { userId: outcome.user.id });
  return { next: "signed-in", setCookie };
}

/** The emailed sign-up code (Cognito); a provider without one answers 404. */
export async function confirmSignUp(db: Database, email: string, code: string): Promise<void> {
  await (await identityProvider()).confirmSignUp(db, email, code);
}

/** Ends this browser's session, and the provider's side of that sign-in. */
export async function signOut(db: Database, request: Request): Promise<void> {
  const sessionId = await sessionIdOf(request);
  if (!sessionId) return;
  const ended = await endSession(db, sessionId);
  securityEvent("info", "auth.sign-out", { userId: ended?.userId ?? null });
  await signOutProvider(ended ? [ended] : []);
}

/** The provider's side of sessions just ended (Cognito's refresh tokens revoked); best effort, as at sign-out. */
async function signOutProvider(ended: { sealedProviderToken: string | null }[]): Promise<void> {
  const tokens = ended.map((e) => (e.sealedProviderToken ? unsealProviderToken(e.sealedProviderToken) : null)).filter((t) => t !== null);
  if (tokens.length === 0) return;
  const provider = await identityProvider();
  // One after another: a member has few sessions, and a provider may keep a user's tokens in one record.
  for (const token of tokens) await provider.signOut(token);
}

/** Signs out every other browser of this user (ours and the provider's side); how many there were. */
export async function signOutOtherSessions(db: Database, userId: string, keepSessionId: string): Promise<number> {
  const ended = await endOtherSessions(db, userId, keepSessionId);
  await signOutProvider(ended);
  return ended.length;
}

/** Signs out one of this user's browsers, named by its handle on the account page. */
export async function signOutSessionByHandle(db: Database, userId: string, handle: string): Promise<void> {
  await signOutProvider(await endSessionByHandle(db, userId, handle));
}

/** How the reset page asks for proof: the emailed link's token, or the email and the provider's code. */
export async function passwordResetProof(): Promise<"link" | "code"> {
  return (await identityProvider()).resetProof;
}

/** Sends the reset link or code if the account exists; says nothing either way. */
export async function requestPasswordReset(db: Database, email: string): Promise<"link" | "code"> {
  const provider = await identityProvider();
  await provider.requestPasswordReset(db, email);
  securityEvent("info", "auth.password-reset.requested", { account: accountRef(email) });
  return provider.resetProof;
}

export async function resetPassword(db: Database, proof: ResetProof, password: string): Promise<string> {
  const userId = await (await identityProvider()).resetPassword(db, proof, password);
  securityEvent("info", "auth.password-reset.done", { userId });
  return userId;
}

export async function getOptionalUser(request: Request): Promise<SessionUser | null> {
  return getSessionUser(defaultDb(), request);
}

/** The signed-in user, or a redirect to sign-in that comes back here afterwards. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getSessionUser(defaultDb(), request);
  if (!user) {
    const url = new URL(request.url);
    const redirectTo = url.pathname + url.search;
    throw redirect(`/login?${new URLSearchParams({ redirectTo })}`);
  }
  return user;
}

/** The signed-in member, their language and their own today (their time zone's date), for forms whose rules depend on the day. */
export async function requireMemberDay(request: Request) {
  const user = await requireUser(request);
  return { user, locale: resolveLocale(request, user.locale), today: localDate(new Date(), user.timeZone) };
}

/** The signed-in user if they hold one of `roles`; otherwise 403 (admins may enter everywhere). */
export async function requireRole(request: Request, ...roles: Role[]): Promise<SessionUser> {
  const user = await requireUser(request);
  if (user.role !== "admin" && !roles.includes(user.role)) {
    securityEvent("warn", "access.forbidden", { userId: user.id, role: user.role, path: new URL(request.url).pathname });
    throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  }
  return user;
}

/**
 * A signed-in browser typing the password again (change, export, erasure) is held to the sign-in
 * failure limit too, per account: a stolen session must not become an unlimited password oracle.
 */
async function withReauthLimit<T>(db: Database, userId: string, check: () => Promise<T>): Promise<T> {
  const key = `reauth:user:${userId}`;
  const state = await peekRateLimit(db, key, SIGN_IN_FAILURES);
  if (state.limited) {
    securityEvent("warn", "auth.reauth.rate-limited", { userId });
    throw new DomainError("rate-limited", "auth:errors.tooManyAttempts", { retryAfterSeconds: state.retryAfterSeconds });
  }
  try {
    return await check();
  } catch (error) {
    if (error instanceof DomainError && error.message === "account:errors.currentPasswordWrong") {
      await hitRateLimit(db, [key], SIGN_IN_FAILURES);
      securityEvent("warn", "auth.reauth.failed", { userId });
    }
    throw error;
  }
}

export async function changePassword(db: Database, userId: string, currentPassword: string, newPassword: string): Promise<void> {
  await withReauthLimit(db, userId, async () => (await identityProvider()).changePassword(db, userId, currentPassword, newPassword));
  securityEvent("info", "auth.password-changed", { userId });
}

/** Re-authentication before a grave step (export, erasure): the member types their password again. */
export async function confirmPassword(db: Database, userId: string, password: string): Promise<void> {
  await withReauthLimit(db, userId, async () => {
    if (!(await (await identityProvider()).confirmPassword(db, userId, password))) {
      throw new DomainError("invalid", "account:errors.currentPasswordWrong", { field: "password" });
    }
  });
}
