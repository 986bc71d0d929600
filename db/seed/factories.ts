import { randomBytes } from "node:crypto";
import { hash } from "@node-rs/argon2";
import { sql } from "drizzle-orm";
import { users, type Locale, type Role } from "../schema";
import type { Database } from "../client.server";
import { createSession } from "../../app/modules/identity/session.server";

export type UserSeed = {
  email?: string;
  displayName?: string;
  role?: Role;
  locale?: Locale;
  currency?: string;
  timeZone?: string;
  password?: string;
  passwordHash?: string;
  /** Whether they accepted the published terms and privacy notice, as signing up does (default true). */
  acceptedDocuments?: boolean;
};

const hashes = new Map<string, Promise<string>>();
/** argon2id like production; each distinct password is hashed once per process to keep tests quick. */
export function passwordHashFor(password: string): Promise<string> {
  let pending = hashes.get(password);
  if (!pending) {
    pending = hash(password, { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 });
    hashes.set(password, pending);
  }
  return pending;
}

export const DEFAULT_TEST_PASSWORD = "correct horse battery staple";

/** Inserts a user (tests and demo data share this). */
export async function createUser(db: Database, seed: UserSeed = {}) {
  const suffix = randomBytes(4).toString("hex");
  const [user] = await db
    .insert(users)
    .values({
      email: seed.email ?? `member-${suffix}@example.test`,
      displayName: seed.displayName ?? `Member ${suffix}`,
      role: seed.role ?? "member",
      locale: seed.locale ?? "en",
      currency: seed.currency ?? (seed.locale === "vi" ? "VND" : "USD"),
      timeZone: seed.timeZone ?? "UTC",
      passwordHash: seed.passwordHash ?? (await passwordHashFor(seed.password ?? DEFAULT_TEST_PASSWORD)),
    })
    .returning();
  if (seed.acceptedDocuments ?? true) {
    await db.execute(sql`insert into document_acceptances (user_id, document, version)
      select ${user!.id}, topic::site_document, revision from content_items
      where kind = 'page' and status = 'published' and topic in ('terms', 'privacy') on conflict do nothing`);
  }
  return user!;
}

/** A user with a live session: returns the cookie a browser would send. */
export async function createSignedInUser(db: Database, seed: UserSeed = {}) {
  const user = await createUser(db, seed);
  const session = await createSession(db, user.id, "test");
  const cookie = session.setCookie.split(";")[0]!;
  return { user, cookie, sessionId: session.id };
}
