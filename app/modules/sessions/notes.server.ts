import { and, eq } from "drizzle-orm";
import { coachingSessions } from "#db/schema";
import type { Database } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";

/** The coach's private note on one of their sessions (never shown to the member); another coach's session is not found. */
export async function saveSessionNote(db: Database, coachId: string, sessionId: string, note: string, now: Date): Promise<void> {
  const saved = await db
    .update(coachingSessions)
    .set({ coachNote: note === "" ? null : note, updatedAt: now })
    .where(and(eq(coachingSessions.id, sessionId), eq(coachingSessions.coachId, coachId)))
    .returning({ id: coachingSessions.id });
  if (saved.length === 0) throw new DomainError("not-found", "errors:notFound.title");
}
