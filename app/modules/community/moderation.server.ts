import { and, desc, eq, isNull, sql } from "drizzle-orm";
import {
  communityBlockedWords,
  communityComments,
  communityModerators,
  communityPosts,
  communityReports,
  communitySuspensions,
  moderationActions,
  users,
} from "#db/schema";
import { db as defaultDb, oncePerRequest, type Database } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { requireUser } from "~/modules/identity/auth.server";
import type { SessionUser } from "~/modules/identity/session.server";
import { notify } from "~/modules/notifications/notify.server";
import { type ModerationAction, type ModerationInput } from "./moderation";
import { blockedWords } from "./posts.server";

/** Admins, and coaches an admin made moderators. */
export async function isModerator(db: Database, user: Pick<SessionUser, "id" | "role">): Promise<boolean> {
  if (user.role === "admin") return true;
  if (user.role !== "coach") return false;
  return oncePerRequest(`community-moderator:${user.id}`, async () => {
    const [row] = await db
      .select({ userId: communityModerators.userId })
      .from(communityModerators)
      .where(eq(communityModerators.userId, user.id));
    return Boolean(row);
  });
}

/** The signed-in moderator, or 403. */
export async function requireModerator(request: Request): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!(await isModerator(defaultDb(), user))) throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  return user;
}

const STATUS_AFTER: Partial<Record<ModerationAction, "visible" | "hidden" | "removed">> = {
  hide: "hidden",
  restore: "visible",
  remove: "removed",
};

/**
 * Applies a moderator's decision to a post or comment, records it with who and why, and
 * closes the open reports on that content — all in one transaction.
 */
export async function moderate(db: Database, moderatorId: string, input: ModerationInput): Promise<void> {
  await db.transaction(async (tx) => {
    const [post] = await tx
      .select({ id: communityPosts.id, authorId: communityPosts.authorId })
      .from(communityPosts)
      .where(eq(communityPosts.id, input.postId));
    if (!post) throw new DomainError("not-found", "community:errors.notFound");
    let subjectUserId = post.authorId;
    if (input.commentId) {
      const [comment] = await tx
        .select({ authorId: communityComments.authorId, status: communityComments.status })
        .from(communityComments)
        .where(and(eq(communityComments.id, input.commentId), eq(communityComments.postId, input.postId)));
      if (!comment) throw new DomainError("not-found", "community:errors.notFound");
      subjectUserId = comment.authorId;
    }
    const status = STATUS_AFTER[input.action];
    if (status && input.commentId) {
      await tx.update(communityComments).set({ status }).where(eq(communityComments.id, input.commentId));
    } else if (status) {
      await tx
        .update(communityPosts)
        .set({ status, ...(status !== "visible" ? { featuredAt: null } : {}) })
        .where(eq(communityPosts.id, input.postId));
    }
    // A former member (erased author) cannot be warned or suspended: only the content is moderated.
    if (input.action === "warn" && subjectUserId) {
      await notify(tx, {
        userId: subjectUserId,
        kind: "community.warning",
        messageKey: "community:moderation.warning.body",
        values: { note: input.note },
        href: `/app/community/${input.postId}`,
      });
    }
    if (input.action === "suspend" && subjectUserId) {
      const until = sql`((now() at time zone 'UTC')::date + ${input.days}::int)`;
      await tx
        .insert(communitySuspensions)
        .values({ userId: subjectUserId, suspendedUntil: until, moderatorId })
        .onConflictDoUpdate({ target: communitySuspensions.userId, set: { suspendedUntil: until, moderatorId, createdAt: new Date() } });
    }
    await tx.insert(moderationActions).values({
      moderatorId,
      action: input.action === "suspend" ? `suspend:${input.days}` : input.action,
      postId: input.postId,
      commentId: input.commentId ?? null,
      subjectUserId,
      note: input.note,
    });
    await tx
      .update(communityReports)
      .set({ resolvedAt: new Date(), resolvedBy: moderatorId })
      .where(
        and(
          eq(communityReports.postId, input.postId),
          input.commentId ? eq(communityReports.commentId, input.commentId) : isNull(communityReports.commentId),
          isNull(communityReports.resolvedAt),
        ),
      );
  });
}

export type QueueItem = {
  postId: string;
  commentId: string | null;
  status: string;
  text: string;
  heldReasons: string[];
  anonymous: boolean;
  author: { id: string; displayName: string; email: string };
  postExcerpt: string | null;
  createdAt: string;
  reports: { reason: string; detail: string | null; reporter: string; createdAt: string }[];
};

/** Held posts and reported posts/comments, oldest concern first, with the real author and context. */
export async function moderationQueue(db: Database): Promise<QueueItem[]> {
  const rows = await db.execute<{
    post_id: string;
    comment_id: string | null;
    status: string;
    text: string;
    held_reasons: string[] | string;
    anonymous: boolean;
    author_id: string;
    author_name: string;
    author_email: string;
    post_text: string | null;
    created_at: Date | string;
    reports: { reason: string; detail: string | null; reporter: string; createdAt: string }[] | null;
  }>(sql`
    with open_reports as (
      select r.post_id, r.comment_id,
        jsonb_agg(jsonb_build_object('reason', r.reason, 'detail', r.detail, 'reporter', ru.display_name, 'createdAt', r.created_at) order by r.created_at) as reports,
        min(r.created_at) as first_at
      from community_reports r join users ru on ru.id = r.reporter_id
      where r.resolved_at is null
      group by r.post_id, r.comment_id
    ),
    items as (
      select p.id as post_id, null::uuid as comment_id, p.status::text, p.body->>'text' as text, p.held_reasons, p.anonymous, p.author_id,
        null::text as post_text, p.created_at, o.reports, coalesce(o.first_at, p.created_at) as concern_at
      from community_posts p left join open_reports o on o.post_id = p.id and o.comment_id is null
      where p.status = 'held' or o.reports is not null
      union all
      select c.post_id, c.id, c.status::text, c.text, '{}'::text[], false, c.author_id,
        p.body->>'text', c.created_at, o.reports, o.first_at
      from open_reports o join community_comments c on c.id = o.comment_id join community_posts p on p.id = c.post_id
    )
    select i.*, u.display_name as author_name, u.email as author_email
    from items i join users u on u.id = i.author_id
    order by i.concern_at
    limit 100`);
  return [...rows].map((r) => ({
    postId: r.post_id,
    commentId: r.comment_id,
    status: r.status,
    text: r.text,
    heldReasons: Array.isArray(r.held_reasons)
      ? r.held_reasons
      : r.held_reasons
          .replace(/^\{|\}$/g, "")
          .split(",")
          .filter(Boolean),
    anonymous: r.anonymous,
    author: { id: r.author_id, displayName: r.author_name, email: r.author_email },
    postExcerpt: r.post_text,
    createdAt: new Date(r.created_at).toISOString(),
    reports: r.reports ?? [],
  }));
}

/** The latest moderator decisions, for the history shown under the queue. */
export async function moderationHistory(db: Database, limit = 30) {
  const moderator = sql<string | null>`(select display_name from users m where m.id = ${moderationActions.moderatorId})`;
  return db
    .select({
      id: moderationActions.id,
      action: moderationActions.action,
      note: moderationActions.note,
      postId: moderationActions.postId,
      commentId: moderationActions.commentId,
      moderator,
      subject: users.displayName,
      createdAt: moderationActions.createdAt,
    })
    .from(moderationActions)
    .leftJoin(users, eq(users.id, moderationActions.subjectUserId))
    .orderBy(desc(moderationActions.createdAt))
    .limit(limit);
}

export async function saveBlockedWords(db: Database, adminId: string, text: string): Promise<string[]> {
  const words = [
    ...new Set(
      text
        .split("\n")
        .map((w) => w.normalize("NFC").trim())
        .filter((w) => w.length > 0 && w.length <= 100),
    ),
  ].slice(0, 1000);
  await db.transaction(async (tx) => {
    // Two saves at once would both insert the words the other is inserting (a unique violation): one at a time, the last wins.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('community-blocked-words'))`);
    await tx.delete(communityBlockedWords);
    if (words.length > 0) await tx.insert(communityBlockedWords).values(words.map((word) => ({ word, addedBy: adminId })));
  });
  return words;
}

export { blockedWords };

/** Coaches and whether each moderates the community. */
export async function coachesWithModeration(db: Database) {
  return db
    .select({
      id: users.id,
      displayName: users.displayName,
      email: users.email,
      moderator: sql<boolean>`${communityModerators.userId} is not null`,
    })
    .from(users)
    .leftJoin(communityModerators, eq(communityModerators.userId, users.id))
    .where(eq(users.role, "coach"))
    .orderBy(users.displayName);
}

/** Gives or takes away a coach's moderator role (only coaches can hold it; admins always moderate). */
export async function setModerator(db: Database, adminId: string, coachId: string, moderator: boolean): Promise<void> {
  const [coach] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, coachId), eq(users.role, "coach")));
  if (!coach) throw new DomainError("not-found", "community:errors.notFound");
  if (moderator) await db.insert(communityModerators).values({ userId: coachId, grantedBy: adminId }).onConflictDoNothing();
  else await db.delete(communityModerators).where(eq(communityModerators.userId, coachId));
  await db
    .insert(moderationActions)
    .values({ moderatorId: adminId, action: moderator ? "grant-moderator" : "revoke-moderator", subjectUserId: coachId, note: "—" });
}

/** An admin features (or stops featuring) a success story whose author agreed to make it public. */
export async function setFeatured(db: Database, adminId: string, postId: string, featured: boolean): Promise<void> {
  const [row] = await db
    .update(communityPosts)
    .set({ featuredAt: featured ? new Date() : null })
    .where(
      and(
        eq(communityPosts.id, postId),
        eq(communityPosts.kind, "story"),
        eq(communityPosts.publicConsent, true),
        eq(communityPosts.status, "visible"),
      ),
    )
    .returning({ id: communityPosts.id });
  if (!row) throw new DomainError("not-found", "community:errors.notFound");
  await db.insert(moderationActions).values({ moderatorId: adminId, action: featured ? "feature" : "unfeature", postId, note: "—" });
}
