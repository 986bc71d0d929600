import { desc, eq, sql } from "drizzle-orm";
import { accountDeletions, dataExports, erasureReceipts, users } from "#db/schema";
import type { Database } from "#db/client.server";

/** What an admin sees at /admin/privacy: deletions waiting out their grace period, recent erasures, exports by status. */
export async function privacyOverview(db: Database) {
  const [pending, receipts, exports] = await Promise.all([
    db
      .select({
        userId: accountDeletions.userId,
        displayName: users.displayName,
        email: users.email,
        requestedAt: accountDeletions.requestedAt,
        eraseAfter: accountDeletions.eraseAfter,
        keepPosts: accountDeletions.keepPosts,
      })
      .from(accountDeletions)
      .innerJoin(users, eq(users.id, accountDeletions.userId))
      .orderBy(accountDeletions.eraseAfter)
      .limit(100),
    db.select().from(erasureReceipts).orderBy(desc(erasureReceipts.erasedAt)).limit(50),
    db
      .select({ status: dataExports.status, count: sql<number>`count(*)::int` })
      .from(dataExports)
      .groupBy(dataExports.status),
  ]);
  return { pending, receipts, exports };
}
