import { and, desc, eq, gte, lt, or, sql, type SQL } from "drizzle-orm";
import { adminAudit, users } from "#db/schema";
import type { Database } from "#db/client.server";
import { containing } from "#db/patterns";

export type AuditEntry = {
  adminId: string;
  action: string;
  targetType: string;
  targetId?: string | null;
  reason?: string | null;
  details?: Record<string, string | number | null>;
};

/** Writes who did what and why; called inside the transaction of the change it records. */
export async function audit(db: Database, entry: AuditEntry): Promise<void> {
  await db
    .insert(adminAudit)
    .values({ ...entry, targetId: entry.targetId ?? null, reason: entry.reason ?? null, details: entry.details ?? {} });
}

export type AuditSearch = {
  /** Words in the action, the reason or the admin's name or email. */
  q?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  from?: Date | null;
  /** Exclusive. */
  to?: Date | null;
  /** The last row of the previous page: (created_at, id) keyset. */
  before?: { createdAt: Date; id: string } | null;
  limit?: number;
};

/** The audit log, newest first, one page by keyset. */
export async function searchAudit(db: Database, search: AuditSearch = {}) {
  const limit = search.limit ?? 50;
  const where: SQL[] = [];
  if (search.q) {
    const like = containing(search.q);
    where.push(
      or(
        sql`${adminAudit.action} ilike ${like}`,
        sql`${adminAudit.reason} ilike ${like}`,
        sql`${users.displayName} ilike ${like}`,
        sql`${users.email} ilike ${like}`,
      )!,
    );
  }
  if (search.targetType) where.push(eq(adminAudit.targetType, search.targetType));
  if (search.targetId) where.push(eq(adminAudit.targetId, search.targetId));
  if (search.from) where.push(gte(adminAudit.createdAt, search.from));
  if (search.to) where.push(lt(adminAudit.createdAt, search.to));
  if (search.before) {
    where.push(
      sql`(${adminAudit.createdAt}, ${adminAudit.id}) < (${search.before.createdAt.toISOString()}::timestamptz, ${search.before.id}::uuid)`,
    );
  }
  const rows = await db
    .select({ entry: adminAudit, adminName: users.displayName })
    .from(adminAudit)
    .leftJoin(users, eq(users.id, adminAudit.adminId))
    .where(and(...where))
    .orderBy(desc(adminAudit.createdAt), desc(adminAudit.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, next: rows.length > limit && last ? { createdAt: last.entry.createdAt, id: last.entry.id } : null };
}
