import { and, eq, sql } from "drizzle-orm";
import { quitAttempts } from "#db/schema";
import type { Database } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";

export type AttemptRow = typeof quitAttempts.$inferSelect;

/** The member's active attempt, locked for the rest of the caller's transaction. */
export async function activeAttemptFor(tx: Database, userId: string): Promise<AttemptRow | null> {
  const [row] = await tx
    .select()
    .from(quitAttempts)
    .where(and(eq(quitAttempts.userId, userId), eq(quitAttempts.status, "active")))
    .for("update");
  return row ?? null;
}

export async function nextAttemptNumber(tx: Database, userId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`coalesce(max(${quitAttempts.attemptNumber}), 0)::int` })
    .from(quitAttempts)
    .where(eq(quitAttempts.userId, userId));
  return (row?.n ?? 0) + 1;
}

/** One attempt of the member's own, or a 404. */
export async function attemptById(db: Database, userId: string, id: string): Promise<AttemptRow> {
  const [row] = await db
    .select()
    .from(quitAttempts)
    .where(and(eq(quitAttempts.id, id), eq(quitAttempts.userId, userId)));
  if (!row) throw new DomainError("not-found", "errors:notFound.title");
  return row;
}
