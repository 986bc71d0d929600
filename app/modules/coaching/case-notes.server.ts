import { desc, eq } from "drizzle-orm";
import { caseNotes, users } from "#db/schema";
import type { Database } from "#db/client.server";

/**
 * Private notes about a member for their coaches and admins. Callers have already checked the
 * viewer may see this member (coachingViewOf); nothing here is ever read on a member's page.
 */
export async function addCaseNote(db: Database, a: { memberId: string; authorId: string; body: string }): Promise<{ id: string }> {
  const [row] = await db.insert(caseNotes).values(a).returning({ id: caseNotes.id });
  return row!;
}

export async function caseNotesFor(db: Database, memberId: string, limit = 50) {
  const rows = await db
    .select({
      id: caseNotes.id,
      body: caseNotes.body,
      createdAt: caseNotes.createdAt,
      authorName: users.displayName,
      authorRole: users.role,
    })
    .from(caseNotes)
    .leftJoin(users, eq(users.id, caseNotes.authorId))
    .where(eq(caseNotes.memberId, memberId))
    .orderBy(desc(caseNotes.createdAt), desc(caseNotes.id))
    .limit(limit);
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}
