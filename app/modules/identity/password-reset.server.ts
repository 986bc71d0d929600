import { randomBytes } from "node:crypto";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { passwordResetTokens, sessions, users } from "#db/schema";
import type { Database } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { appUrl } from "~/lib/env.server";
import { enqueueDeliveries } from "~/lib/queue.server";
import { sendEmail } from "~/modules/notifications/email.server";
import { renderPasswordResetEmail } from "~/modules/notifications/templates";
import { hashPassword } from "./password.server";
import { hashToken } from "./session.server";

const RESET_LIFETIME_MS = 60 * 60 * 1000;

/** Emails a one-time link when the account exists; says nothing either way. */
export async function emailResetLink(db: Database, email: string): Promise<void> {
  const [user] = await db
    .select({ id: users.id, email: users.email, displayName: users.displayName, locale: users.locale })
    .from(users)
    .where(sql`lower(${users.email}) = ${email}`);
  if (!user) return;
  const token = randomBytes(32).toString("base64url");
  const queued = await db.transaction(async (tx) => {
    await tx.insert(passwordResetTokens).values({
      userId: user.id,
      tokenHash: hashToken(token),
      expiresAt: new Date(Date.now() + RESET_LIFETIME_MS),
    });
    const link = `${appUrl()}/reset-password?${new URLSearchParams({ token })}`;
    return sendEmail(tx, {
      userId: user.id,
      to: user.email,
      kind: "password-reset",
      ...renderPasswordResetEmail(user.locale, { name: user.displayName, link }),
    });
  });
  // Through the same delivery as every email: SMTP when configured (retried by the job), else the outbox.
  if (queued) await enqueueDeliveries({ email: [{ id: queued.id, notBefore: new Date() }], sms: [] });
}

/** Sets a new password from a valid, unused, unexpired token, and signs out every session. */
export async function resetPasswordWithLink(db: Database, token: string, password: string): Promise<string> {
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(passwordResetTokens)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(passwordResetTokens.tokenHash, hashToken(token)),
          isNull(passwordResetTokens.usedAt),
          gt(passwordResetTokens.expiresAt, new Date()),
        ),
      )
      .returning({ userId: passwordResetTokens.userId });
    if (!claimed) throw new DomainError("invalid", "auth:errors.resetLinkInvalid");
    await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, claimed.userId));
    await tx.delete(sessions).where(eq(sessions.userId, claimed.userId));
    return claimed.userId;
  });
}
