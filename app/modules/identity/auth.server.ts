import { redirect } from "@remix-run/node";
import { and, eq, sql } from "drizzle-orm";
import { Authenticator } from "remix-auth";
import { FormStrategy } from "remix-auth-form";
import { users, type Role } from "#db/schema";
import { db as defaultDb, type Database } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { hitRateLimit, peekRateLimit } from "~/lib/rate-limit.server";
import { resolveLocale } from "~/lib/i18n";
import { clientIpOf } from "~/lib/request.server";
import { localDate } from "~/lib/local-date";
import { defaultCurrencyFor, signInSchema, type signUpSchema } from "./account";
import { hashPassword, verifyPassword } from "./password.server";
import { createSession, getSessionUser, revokeSession, sessionIdOf, type SessionUser } from "./session.server";
import type { z } from "zod";

/** Ten failed sign-ins a minute per account, and per address, across every server process. */
export const SIGN_IN_FAILURES = { limit: 10, windowSeconds: 60 };

export type SignedIn = { user: typeof users.$inferSelect; setCookie: string };

/** Reads who is signing in from the form and checks the password; throws DomainErrors. */
async function verifyCredentials(db: Database, form: FormData, clientIp: string) {
  const parsed = signInSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) throw new DomainError("unauthorized", "auth:errors.invalidCredentials");
  const { email, password } = parsed.data;
  const keys = [`sign-in:account:${email}`, `sign-in:ip:${clientIp}`];
  for (const key of keys) {
    const state = await peekRateLimit(db, key, SIGN_IN_FAILURES);
    if (state.limited) throw new DomainError("rate-limited", "auth:errors.tooManyAttempts", { retryAfterSeconds: state.retryAfterSeconds });
  }
  const [user] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email}`);
  if (await verifyPassword(user?.passwordHash, password)) {
    // Told only to someone who knows the password, so it reveals nothing to a guesser.
    if (user!.suspendedAt) throw new DomainError("forbidden", "auth:errors.suspended");
    return user!;
  }
  await hitRateLimit(db, keys, SIGN_IN_FAILURES);
  // One answer for unknown email and wrong password.
  throw new DomainError("unauthorized", "auth:errors.invalidCredentials");
}

type Verified = typeof users.$inferSelect;
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
  const user = await authenticator.authenticate("password", request);
  const previous = await sessionIdOf(request);
  if (previous) await revokeSession(db, previous);
  const session = await createSession(db, user.id, request.headers.get("User-Agent"));
  return { user, setCookie: session.setCookie };
}

export async function signUp(db: Database, input: z.infer<typeof signUpSchema>, userAgent: string | null): Promise<SignedIn> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({
        email: input.email,
        passwordHash,
        displayName: input.displayName,
        locale: input.locale,
        timeZone: input.timeZone,
        currency: defaultCurrencyFor(input.locale),
      })
      .onConflictDoNothing()
      .returning();
    if (!user) throw new DomainError("conflict", "auth:errors.emailTaken", { field: "email" });
    const session = await createSession(tx, user.id, userAgent);
    return { user, setCookie: session.setCookie };
  });
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
    throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  }
  return user;
}

export async function changePassword(db: Database, userId: string, currentPassword: string, newPassword: string): Promise<void> {
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  if (!(await verifyPassword(user?.passwordHash, currentPassword))) {
    throw new DomainError("invalid", "account:errors.currentPasswordWrong", { field: "currentPassword" });
  }
  const passwordHash = await hashPassword(newPassword).catch((error) => {
    if (error instanceof DomainError) throw new DomainError(error.kind, error.message, { field: "newPassword" });
    throw error;
  });
  await db
    .update(users)
    .set({ passwordHash, updatedAt: new Date() })
    .where(and(eq(users.id, userId)));
}

/** Re-authentication before a grave step (export, erasure): the member types their password again. */
export async function confirmPassword(db: Database, userId: string, password: string): Promise<void> {
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  if (!(await verifyPassword(user?.passwordHash, password))) {
    throw new DomainError("invalid", "account:errors.currentPasswordWrong", { field: "password" });
  }
}
