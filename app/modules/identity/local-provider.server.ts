import { eq, sql } from "drizzle-orm";
import { users } from "#db/schema";
import type { Database } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { defaultCurrencyFor } from "./account";
import { hashPassword, verifyPassword } from "./password.server";
import { emailResetLink, resetPasswordWithLink } from "./password-reset.server";
import type { IdentityProvider } from "./provider.server";

async function passwordHashOf(db: Database, userId: string) {
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  return user?.passwordHash;
}

/** Passwords kept here as argon2id hashes; reset by a one-time link we email. */
export const localProvider: IdentityProvider = {
  resetProof: "link",

  async signUp(db, input, withAccount) {
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
      await withAccount(tx, user);
      return { next: "signed-in" as const, user, providerToken: null };
    });
  },

  async confirmSignUp() {
    // Local accounts need no confirmation step.
    throw new DomainError("not-found", "auth:errors.codeInvalid");
  },

  async verifyPassword(db, email, password) {
    const [user] = await db
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = ${email}`);
    return (await verifyPassword(user?.passwordHash, password)) ? { user: user!, providerToken: null } : null;
  },

  requestPasswordReset: (db, email) => emailResetLink(db, email),

  async resetPassword(db, proof, password) {
    if (!("token" in proof)) throw new DomainError("invalid", "auth:errors.resetLinkInvalid");
    return resetPasswordWithLink(db, proof.token, password);
  },

  async confirmPassword(db, userId, password) {
    return verifyPassword(await passwordHashOf(db, userId), password);
  },

  async changePassword(db, userId, currentPassword, newPassword) {
    if (!(await verifyPassword(await passwordHashOf(db, userId), currentPassword))) {
      throw new DomainError("invalid", "account:errors.currentPasswordWrong", { field: "currentPassword" });
    }
    const passwordHash = await hashPassword(newPassword).catch((error) => {
      if (error instanceof DomainError) throw new DomainError(error.kind, error.message, { field: "newPassword" });
      throw error;
    });
    await db.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, userId));
  },

  async signOut() {},
};
