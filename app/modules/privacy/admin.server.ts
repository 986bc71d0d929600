import { and, desc, eq, like, sql } from "drizzle-orm";
import { accountDeletions, adminAudit, dataExports, erasureReceipts, users } from "#db/schema";
import type { Database } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { audit } from "~/modules/audit/audit.server";
import { requestErasure } from "./erasure.server";
import { requestExport } from "./export.server";
import type { DataRequestInput } from "./forms";

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

const REQUEST_ACTIONS = { export: "privacy.export-on-behalf", erase: "privacy.erase-on-behalf" } as const;

/**
 * A data request received by email or letter, handled by an admin for the member: the export is
 * built and delivered to the member's own account and email (never to the admin); the erasure
 * starts the same grace period the member's own request would. The identity check and the reason
 * are written to the audit log with the request.
 */
export async function handleDataRequest(db: Database, adminId: string, input: DataRequestInput, now = new Date()) {
  const [member] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(sql`lower(${users.email}) = lower(${input.email})`, eq(users.role, "member")));
  if (!member) throw new DomainError("invalid", "privacy:errors.unknownMember", { field: "email" });
  const details: Record<string, string> = { identityCheck: input.identityCheck };
  if (input.request === "export") {
    details.exportId = (await requestExport(db, member.id, now)).id;
  } else {
    const { eraseAfter } = await requestErasure(db, member.id, { keepPosts: input.keepPosts, keepMessages: input.keepMessages }, now);
    details.eraseAfter = eraseAfter.toISOString();
    details.keepPosts = String(input.keepPosts);
    details.keepMessages = String(input.keepMessages);
  }
  await audit(db, {
    adminId,
    action: REQUEST_ACTIONS[input.request],
    targetType: "user",
    targetId: member.id,
    reason: input.reason,
    details,
  });
  return { request: input.request };
}

/** The latest data requests admins handled (from the audit log): what, for whom, checked how, and why. */
export async function recentDataRequests(db: Database) {
  const rows = await db
    .select({
      id: adminAudit.id,
      action: adminAudit.action,
      reason: adminAudit.reason,
      details: adminAudit.details,
      createdAt: adminAudit.createdAt,
      adminName: users.displayName,
      member: sql<string | null>`(select email from users m where m.id::text = ${sql.raw('"admin_audit"."target_id"')})`,
    })
    .from(adminAudit)
    .leftJoin(users, eq(users.id, adminAudit.adminId))
    .where(like(adminAudit.action, "privacy.%-on-behalf"))
    .orderBy(desc(adminAudit.createdAt))
    .limit(20);
  return rows.map((r) => ({
    id: r.id,
    request: r.action === REQUEST_ACTIONS.export ? ("export" as const) : ("erase" as const),
    reason: r.reason ?? "",
    identityCheck: String(r.details.identityCheck ?? ""),
    createdAt: r.createdAt,
    adminName: r.adminName,
    member: r.member,
  }));
}
