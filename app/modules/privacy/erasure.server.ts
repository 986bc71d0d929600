import { randomUUID } from "node:crypto";
import { and, eq, lte, sql } from "drizzle-orm";
import { accountDeletions, erasureReceipts, sessions } from "#db/schema";
import type { Database } from "#db/client.server";
import { getFixedT } from "~/lib/i18n.server";
import { logger } from "~/lib/logger.server";
import { endLiveSubscriptionsNow } from "~/modules/billing/cancellation.server";
import { fileStorage } from "~/modules/storage/storage.server";

/** Days between "delete my account" and the erasure; signing in before then cancels it. */
export const ERASURE_GRACE_DAYS = 14;

export type PendingErasure = { requestedAt: string; eraseAfter: string; keepPosts: boolean; keepMessages: boolean };
export type ErasureChoices = { keepPosts: boolean; keepMessages?: boolean };

/**
 * Schedules the member's erasure after the grace period and signs them out everywhere (the caller
 * has checked their password). Asking again keeps the first date.
 */
export async function requestErasure(db: Database, userId: string, input: ErasureChoices, now = new Date()) {
  const eraseAfter = new Date(now.getTime() + ERASURE_GRACE_DAYS * 24 * 3600 * 1000);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(accountDeletions)
      .values({ userId, keepPosts: input.keepPosts, keepMessages: input.keepMessages ?? false, requestedAt: now, eraseAfter })
      .onConflictDoUpdate({
        target: accountDeletions.userId,
        set: { keepPosts: input.keepPosts, keepMessages: input.keepMessages ?? false },
      })
      .returning();
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    logger.info({ userId }, "account erasure scheduled");
    return { eraseAfter: row!.eraseAfter };
  });
}

export async function pendingErasure(db: Database, userId: string): Promise<PendingErasure | null> {
  const [row] = await db.select().from(accountDeletions).where(eq(accountDeletions.userId, userId));
  return row
    ? {
        requestedAt: row.requestedAt.toISOString(),
        eraseAfter: row.eraseAfter.toISOString(),
        keepPosts: row.keepPosts,
        keepMessages: row.keepMessages,
      }
    : null;
}

/** Signing in during the grace period: the deletion is called off. True when there was one. */
export async function cancelErasure(db: Database, userId: string): Promise<boolean> {
  const deleted = await db
    .delete(accountDeletions)
    .where(eq(accountDeletions.userId, userId))
    .returning({ userId: accountDeletions.userId });
  if (deleted.length > 0) logger.info({ userId }, "account erasure cancelled");
  return deleted.length > 0;
}

type Counted = { count: number };

async function count(tx: Database, query: ReturnType<typeof sql>): Promise<number> {
  const rows = (await tx.execute(
    sql`with changed as (${query} returning 1) select count(*)::int as count from changed`,
  )) as unknown as Counted[];
  return rows[0]?.count ?? 0;
}

/**
 * Erases one member in one transaction: personal and health data deleted (most of it by the
 * account's cascading foreign keys), payments kept anonymised, posts kept as "a former member" or
 * deleted as they chose, coaching chats left to the coach's records as "a former member" or deleted
 * as they chose (case notes, plans and the rest of the coaching record go either way), their files
 * deleted, a receipt without personal data written.
 * Idempotent: a member already erased (or whose deletion was cancelled) is left alone.
 */
export async function eraseMember(db: Database, userId: string, now = new Date()): Promise<{ receiptId: string } | null> {
  const [due] = await db.select({ userId: accountDeletions.userId }).from(accountDeletions).where(eq(accountDeletions.userId, userId));
  if (!due) return null;
  // The provider first, outside the transaction: if it fails the job retries, and nobody is erased while still billed.
  const subscriptionsEnded = await endLiveSubscriptionsNow(db, userId, now);
  const result = await db.transaction(async (tx) => {
    const [pending] = (await tx.execute(sql`
      select d.requested_at, d.keep_posts, d.keep_messages, u.email, u.display_name from account_deletions d join users u on u.id = d.user_id
      where d.user_id = ${userId}::uuid for update of u`)) as unknown as {
      requested_at: string | Date;
      keep_posts: boolean;
      keep_messages: boolean;
      email: string;
      display_name: string;
    }[];
    if (!pending) return null;
    const me = sql`${userId}::uuid`;
    const counts: Record<string, number> = { subscriptions_ended_at_provider: subscriptionsEnded };
    const receiptId = randomUUID();
    counts.notifications_naming_member = await unnameInNotifications(tx, userId, pending.display_name, receiptId);
    const kept = (await tx.execute(sql`update payments set user_id = null, card_last4 = null, provider_invoice_id = null,
        provider_payment_intent_id = null, subscription_id = null where user_id = ${me} returning id`)) as unknown as { id: string }[];
    const paymentIds = kept.map((p) => p.id);
    counts.payments = paymentIds.length;
    if (pending.keep_posts) {
      counts.community_posts = await count(
        tx,
        sql`update community_posts set author_id = null, public_consent = false, featured_at = null where author_id = ${me}`,
      );
      counts.community_comments = await count(tx, sql`update community_comments set author_id = null where author_id = ${me}`);
    } else {
      // Others' posts the member commented on or reacted to: their counters are recounted once the rows go.
      const touched = sql`(select post_id from community_comments where author_id = ${me} union select post_id from community_reactions where user_id = ${me})`;
      await tx.execute(sql`create temporary table erased_touched on commit drop as ${touched}`);
      counts.community_posts = await count(tx, sql`delete from community_posts where author_id = ${me}`);
      counts.community_comments = await count(tx, sql`delete from community_comments where author_id = ${me}`);
      counts.community_reactions = await count(tx, sql`delete from community_reactions where user_id = ${me}`);
      await tx.execute(sql`update community_posts p set
          comment_count = (select count(*) from community_comments c where c.post_id = p.id),
          support_count = (select count(*) from community_reactions r where r.post_id = p.id and r.type = 'support'),
          celebrate_count = (select count(*) from community_reactions r where r.post_id = p.id and r.type = 'celebrate'),
          hug_count = (select count(*) from community_reactions r where r.post_id = p.id and r.type = 'hug')
        where p.id in (select post_id from erased_touched)`);
    }
    if (pending.keep_messages) {
      // The coach keeps the chat for their records: it loses its member and assignment (the foreign keys set them null
      // when the account goes), the member's photos go with their files, and nothing waits for an answer any more.
      counts.conversations_kept = await count(tx, sql`update conversations set member_read_seq = last_seq where member_id = ${me}`);
      await tx.execute(sql`delete from coach_responses r using conversations c
        where c.id = r.conversation_id and c.member_id = ${me} and r.answered_at is null`);
    } else {
      counts.conversations = await count(tx, sql`delete from conversations where member_id = ${me}`);
    }
    const files = (await tx.execute(sql`select id from stored_files where owner_id = ${me}`)) as unknown as { id: string }[];
    const storage = fileStorage(tx);
    for (const f of files) await storage.delete(f.id);
    counts.stored_files = files.length;
    counts.email_outbox = await count(
      tx,
      sql`delete from email_outbox where user_id = ${me} or lower(to_address) = lower(${pending.email})`,
    );
    counts.sms_outbox = await count(tx, sql`delete from sms_outbox where user_id = ${me}`);
    counts.feedback_items = await count(tx, sql`delete from feedback_items where user_id = ${me}`);
    counts.rate_limit_counters = await count(
      tx,
      sql`delete from rate_limit_counters where key like ${`%${userId}%`} or lower(key) like ${`%${pending.email.toLowerCase()}%`}`,
    );
    // Admin records about the member stay (what was done and why) but point at the receipt, not the person.
    counts.admin_audit = await count(tx, sql`update admin_audit set target_id = ${receiptId} where target_id = ${userId}`);
    counts.users = await count(tx, sql`delete from users where id = ${me}`);
    const [receipt] = await tx
      .insert(erasureReceipts)
      .values({
        id: receiptId,
        paymentIds,
        requestedAt: new Date(pending.requested_at),
        erasedAt: now,
        keptPosts: pending.keep_posts,
        counts,
      })
      .returning({ id: erasureReceipts.id });
    return { receiptId: receipt!.id };
  });
  if (result) logger.info({ receiptId: result.receiptId }, "member erased");
  return result;
}

/**
 * Other members' notifications that named the erased member ("An commented on your post") now say
 * "A former member" in the reader's language, and the keys that made them idempotent no longer
 * carry the member's id (they carry the receipt's instead, so they stay unique).
 */
async function unnameInNotifications(tx: Database, userId: string, displayName: string, receiptId: string): Promise<number> {
  const formerMember = { en: getFixedT("en")("community:post.formerMember"), vi: getFixedT("vi")("community:post.formerMember") };
  const name = sql`to_jsonb(${displayName}::text)`;
  const named = await count(
    tx,
    sql`update notifications n set payload = jsonb_set(n.payload, '{values}', (
        select jsonb_object_agg(e.k, case when e.v = ${name}
          then to_jsonb(case r.locale when 'vi' then ${formerMember.vi}::text else ${formerMember.en}::text end) else e.v end)
        from jsonb_each(n.payload->'values') as e(k, v)))
      from users r
      where r.id = n.user_id and n.user_id <> ${userId}::uuid and jsonb_typeof(n.payload->'values') = 'object'
        and exists (select 1 from jsonb_each(n.payload->'values') as e(k, v) where e.v = ${name})`,
  );
  await tx.execute(sql`update notifications set dedupe_key = replace(dedupe_key, ${userId}, ${receiptId})
    where user_id <> ${userId}::uuid and position(${userId} in dedupe_key) > 0`);
  return named;
}

/** The `erase-due-accounts` job: every member whose grace period is over, one transaction each. */
export async function eraseDueAccounts(db: Database, now = new Date()): Promise<{ erased: number }> {
  const due = await db
    .select({ userId: accountDeletions.userId })
    .from(accountDeletions)
    .where(and(lte(accountDeletions.eraseAfter, now)));
  let erased = 0;
  for (const { userId } of due) if (await eraseMember(db, userId, now)) erased++;
  return { erased };
}
