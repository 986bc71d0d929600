import { sql } from "drizzle-orm";
import { index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const roleEnum = pgEnum("role", ["member", "coach", "admin", "editor"]);
export const localeEnum = pgEnum("locale", ["en", "vi"]);

/**
 * Every precomposed Latin letter (Latin-1, Extended-A/B, Vietnamese in Extended Additional) whose
 * decomposition is one ASCII letter plus marks, and that letter: the table `translate` folds with.
 */
const FOLDED = [
  ...Array.from({ length: 0x250 - 0xc0 }, (_, i) => 0xc0 + i),
  ...Array.from({ length: 0x1f00 - 0x1e00 }, (_, i) => 0x1e00 + i),
]
  .map((code) => String.fromCodePoint(code))
  .map((letter) => [letter, letter === "đ" || letter === "Đ" ? "d" : letter.normalize("NFKD").replace(/\p{M}/gu, "")] as const)
  .filter(([letter, base]) => letter !== base && /^[A-Za-z]$/.test(base));
const FOLD_FROM = FOLDED.map(([letter]) => letter).join("");
const FOLD_TO = FOLDED.map(([, base]) => base.toLowerCase()).join("");

export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text().notNull(),
    passwordHash: text(),
    displayName: text().notNull(),
    role: roleEnum().notNull().default("member"),
    locale: localeEnum().notNull().default("en"),
    currency: text().notNull().default("USD"),
    timeZone: text().notNull().default("UTC"),
    cognitoSub: text(),
    /**
     * Bumped by database triggers whenever any of this member's journey rows (consent, profile,
     * attempts, plans, logs, totals, follow-ups) change, whoever writes them. It rides along with
     * the session lookup, so pages can reuse journey figures computed at the same version.
     */
    journeyVersion: integer().notNull().default(0),
    /** Set by an admin (with a reason in the audit log): the person cannot sign in and their sessions are gone. */
    suspendedAt: timestamp({ withTimezone: true }),
    /**
     * Name and email folded to lower case without diacritics ("Nguyễn Thị Đào" → "nguyen thi dao"),
     * kept by Postgres itself, so an admin's search finds people however the name was typed.
     */
    searchText: text().generatedAlwaysAs(
      sql`lower(translate(display_name || ' ' || email, ${sql.raw(`'${FOLD_FROM}'`)}, ${sql.raw(`'${FOLD_TO}'`)}))`,
    ),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_email_unique").on(sql`lower(${t.email})`),
    uniqueIndex("users_cognito_sub_unique").on(t.cognitoSub),
    index("users_role_idx").on(t.role),
    index("users_created_at_idx").on(t.createdAt, t.id),
  ],
);

/** A signed-in browser. The id is the SHA-256 of the cookie's token, so a database leak yields no usable session. */
export const sessions = pgTable(
  "sessions",
  {
    id: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    userAgent: text(),
    /** The identity provider's refresh token for this sign-in (Cognito), sealed with the session secret; revoked at sign-out. */
    providerToken: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index("sessions_user_id_idx").on(t.userId), index("sessions_expires_at_idx").on(t.expiresAt)],
);

export const passwordResetTokens = pgTable(
  "password_reset_tokens",
  {
    id: uuid().primaryKey().defaultRandom(),
    tokenHash: text().notNull().unique(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("password_reset_tokens_user_id_idx").on(t.userId)],
);

export type User = typeof users.$inferSelect;
export type Role = (typeof roleEnum.enumValues)[number];
export type Locale = (typeof localeEnum.enumValues)[number];
