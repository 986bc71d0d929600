import { emailOutbox } from "#db/schema";
import type { Database } from "#db/client.server";
import type { RenderedEmail } from "./templates";

export type OutgoingEmail = RenderedEmail & { to: string; kind: string; userId?: string | null; headers?: Record<string, string> };

/**
 * Queues an email. The outbox row is the default delivery (admins can read it); it is written
 * in the caller's transaction, so an email exists only if what caused it committed.
 */
export async function sendEmail(db: Database, email: OutgoingEmail): Promise<{ id: string }> {
  const [row] = await db
    .insert(emailOutbox)
    .values({
      userId: email.userId ?? null,
      kind: email.kind,
      toAddress: email.to,
      subject: email.subject,
      textBody: email.text,
      htmlBody: email.html,
      headers: email.headers ?? {},
    })
    .returning({ id: emailOutbox.id });
  return row!;
}
