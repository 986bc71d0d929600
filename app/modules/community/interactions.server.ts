import { and, eq, sql } from "drizzle-orm";
import {
  communityBlocks,
  communityComments,
  communityPosts,
  communityReactions,
  communityReports,
  users,
  type CommunityNameShown,
  type ContentStatus,
  type ReactionType,
} from "#db/schema";
import type { Database } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { hitRateLimit } from "~/lib/rate-limit.server";
import { notify } from "~/modules/notifications/notify.server";
import { initialsName } from "./avatar";
import type { CommentInput } from "./comment";
import { assertUuid, COMMENT_LIMIT, visibleTo } from "./posts.server";
import type { ReportInput } from "./report";

const COUNTER = {
  support: communityPosts.supportCount,
  celebrate: communityPosts.celebrateCount,
  hug: communityPosts.hugCount,
} as const;

/** The post if the viewer may see it (and so may react, comment or report), else a 404. */
async function visiblePost(db: Database, viewerId: string, postId: string) {
  assertUuid(postId);
  const [post] = await db
    .select({ id: communityPosts.id, authorId: communityPosts.authorId, status: communityPosts.status })
    .from(communityPosts)
    .where(and(eq(communityPosts.id, postId), visibleTo(viewerId, sql`${communityPosts.authorId}`, sql`${communityPosts.status}`)));
  if (!post) throw new DomainError("not-found", "community:errors.notFound");
  return post;
}

async function displayNameOf(db: Database, userId: string): Promise<string> {
  const [row] = await db.select({ displayName: users.displayName }).from(users).where(eq(users.id, userId));
  return row?.displayName ?? "";
}

/**
 * Sets one reaction on or off (the button sends the state it wants, so a double click or a
 * replayed form changes nothing). The row's primary key keeps it unique under concurrent
 * clicks, and the post's counter moves only when a row was really inserted or deleted.
 */
export async function setReaction(
  db: Database,
  viewerId: string,
  postId: string,
  type: ReactionType,
  on: boolean,
): Promise<{ on: boolean }> {
  return db.transaction(async (tx) => {
    const post = await visiblePost(tx, viewerId, postId);
    const counter = COUNTER[type];
    if (on) {
      const inserted = await tx
        .insert(communityReactions)
        .values({ postId, userId: viewerId, type })
        .onConflictDoNothing()
        .returning({ type: communityReactions.type });
      if (inserted.length > 0) {
        await tx
          .update(communityPosts)
          .set({ [counterKey(type)]: sql`${counter} + 1` })
          .where(eq(communityPosts.id, postId));
        // A former member's post (author erased) has nobody to notify.
        if (post.authorId && post.authorId !== viewerId) {
          await notify(tx, {
            userId: post.authorId,
            kind: "community.reaction",
            messageKey: "community:notifications.reacted",
            values: { name: await displayNameOf(tx, viewerId) },
            href: `/app/community/${postId}`,
            dedupeKey: `community-reaction:${postId}:${viewerId}:${type}`,
          });
        }
      }
    } else {
      const deleted = await tx
        .delete(communityReactions)
        .where(and(eq(communityReactions.postId, postId), eq(communityReactions.userId, viewerId), eq(communityReactions.type, type)))
        .returning({ type: communityReactions.type });
      if (deleted.length > 0)
        await tx
          .update(communityPosts)
          .set({ [counterKey(type)]: sql`greatest(${counter} - 1, 0)` })
          .where(eq(communityPosts.id, postId));
    }
    return { on };
  });
}

function counterKey(type: ReactionType): "supportCount" | "celebrateCount" | "hugCount" {
  return `${type}Count` as const;
}

/** Adds a comment or a one-level reply; the post's comment counter moves in the same transaction. */
export async function addComment(db: Database, viewerId: string, postId: string, input: CommentInput): Promise<{ id: string }> {
  const [limit] = await hitRateLimit(db, [`community-comment:${viewerId}`], COMMENT_LIMIT);
  if (limit!.limited)
    throw new DomainError("rate-limited", "community:errors.postingTooFastPlain", { retryAfterSeconds: limit!.retryAfterSeconds });
  return db.transaction(async (tx) => {
    const post = await visiblePost(tx, viewerId, postId);
    const [suspended] = await tx.execute<{ yes: boolean }>(
      sql`select true as yes from community_suspensions s join users u on u.id = s.user_id where s.user_id = ${viewerId}::uuid and s.suspended_until >= (now() at time zone u.time_zone)::date`,
    );
    if (suspended) throw new DomainError("forbidden", "community:errors.suspended");
    let parentAuthorId: string | null = null;
    if (input.parentId) {
      const [parent] = await tx
        .select({ authorId: communityComments.authorId })
        .from(communityComments)
        .where(
          and(
            eq(communityComments.id, input.parentId),
            eq(communityComments.postId, postId),
            sql`${communityComments.parentId} is null`,
            visibleTo(viewerId, sql`${communityComments.authorId}`, sql`${communityComments.status}`),
          ),
        );
      if (!parent) throw new DomainError("invalid", "community:errors.parentInvalid", { field: "parentId" });
      parentAuthorId = parent.authorId;
    }
    const [comment] = await tx
      .insert(communityComments)
      .values({ postId, authorId: viewerId, parentId: input.parentId ?? null, text: input.text })
      .returning({ id: communityComments.id });
    await tx
      .update(communityPosts)
      .set({ commentCount: sql`${communityPosts.commentCount} + 1` })
      .where(eq(communityPosts.id, postId));
    const name = await displayNameOf(tx, viewerId);
    const href = `/app/community/${postId}#comment-${comment!.id}`;
    if (post.authorId && post.authorId !== viewerId) {
      await notify(tx, {
        userId: post.authorId,
        kind: "community.comment",
        messageKey: "community:notifications.commented",
        values: { name },
        href,
        dedupeKey: `community-comment:${comment!.id}`,
      });
    }
    if (parentAuthorId && parentAuthorId !== viewerId && parentAuthorId !== post.authorId) {
      await notify(tx, {
        userId: parentAuthorId,
        kind: "community.reply",
        messageKey: "community:notifications.replied",
        values: { name },
        href,
        dedupeKey: `community-reply:${comment!.id}`,
      });
    }
    return { id: comment!.id };
  });
}

/** Deletes the viewer's own comment (a foreign one is a 404), keeping the counter right. */
export async function deleteComment(db: Database, viewerId: string, commentId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const deleted = await tx
      .delete(communityComments)
      .where(and(eq(communityComments.id, commentId), eq(communityComments.authorId, viewerId)))
      .returning({ postId: communityComments.postId });
    if (!deleted[0]) throw new DomainError("not-found", "community:errors.notFound");
    // Replies go with their comment (on delete cascade): recount this one post.
    await tx
      .update(communityPosts)
      .set({ commentCount: sql`(select count(*) from community_comments c where c.post_id = ${deleted[0].postId}::uuid)` })
      .where(eq(communityPosts.id, deleted[0].postId));
  });
}

export type PostComment = {
  id: string;
  parentId: string | null;
  text: string;
  status: ContentStatus;
  mine: boolean;
  /** Null for "a former member" (the author was erased and chose to leave it). */
  author: { id: string; displayName: string; avatar: boolean } | null;
  createdAt: string;
};

/** The comments of a post the viewer may see (moderators: all), oldest first. */
export async function listComments(
  db: Database,
  viewerId: string,
  postId: string,
  options: { moderator?: boolean } = {},
): Promise<PostComment[]> {
  const visible = options.moderator ? sql`c.status <> 'removed'` : visibleTo(viewerId, sql`c.author_id`, sql`c.status`);
  const rows = await db.execute<{
    id: string;
    parent_id: string | null;
    text: string;
    status: ContentStatus;
    author_id: string | null;
    display_name: string | null;
    name_shown: CommunityNameShown | null;
    avatar_shown: boolean | null;
    created_at: Date | string;
  }>(sql`
    select c.id, c.parent_id, c.text, c.status, c.author_id, u.display_name, ps.name_shown, ps.avatar_shown, c.created_at
    from community_comments c left join users u on u.id = c.author_id left join privacy_settings ps on ps.user_id = c.author_id
    where c.post_id = ${postId}::uuid and ${visible}
      and (c.parent_id is null or exists (select 1 from community_comments p where p.id = c.parent_id and p.status <> 'removed'))
    order by c.created_at, c.id
    limit 500`);
  return [...rows].map((r) => ({
    id: r.id,
    parentId: r.parent_id,
    text: r.text,
    status: r.status,
    mine: r.author_id === viewerId,
    // Members see their own name in full; others see it as its author chose.
    author:
      r.author_id && r.display_name
        ? {
            id: r.author_id,
            displayName: r.name_shown === "initials" && r.author_id !== viewerId ? initialsName(r.display_name) : r.display_name,
            avatar: r.avatar_shown !== false || r.author_id === viewerId,
          }
        : null,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/** A member's report of a post or one of its comments; reporting twice is harmless. */
export async function reportContent(
  db: Database,
  viewerId: string,
  target: { postId: string; commentId?: string },
  input: ReportInput,
): Promise<void> {
  await visiblePost(db, viewerId, target.postId);
  if (target.commentId) {
    const [comment] = await db
      .select({ id: communityComments.id })
      .from(communityComments)
      .where(and(eq(communityComments.id, target.commentId), eq(communityComments.postId, target.postId)));
    if (!comment) throw new DomainError("not-found", "community:errors.notFound");
  }
  await db
    .insert(communityReports)
    .values({
      targetType: target.commentId ? "comment" : "post",
      postId: target.postId,
      commentId: target.commentId ?? null,
      reporterId: viewerId,
      reason: input.reason,
      detail: input.detail ?? null,
    })
    .onConflictDoNothing();
}

/** Blocks a member by the id shown on their posts: from now on neither sees the other's content. */
export async function blockMember(db: Database, viewerId: string, blockedId: string): Promise<{ displayName: string }> {
  if (blockedId === viewerId) throw new DomainError("invalid", "community:errors.blocked");
  const [member] = await db.select({ displayName: users.displayName }).from(users).where(eq(users.id, blockedId));
  if (!member) throw new DomainError("not-found", "community:errors.notFound");
  await db.insert(communityBlocks).values({ blockerId: viewerId, blockedId }).onConflictDoNothing();
  return member;
}

export async function unblockMember(db: Database, viewerId: string, blockedId: string): Promise<void> {
  await db.delete(communityBlocks).where(and(eq(communityBlocks.blockerId, viewerId), eq(communityBlocks.blockedId, blockedId)));
}

export async function listBlocked(db: Database, viewerId: string) {
  return db
    .select({ id: users.id, displayName: users.displayName })
    .from(communityBlocks)
    .innerJoin(users, eq(users.id, communityBlocks.blockedId))
    .where(eq(communityBlocks.blockerId, viewerId))
    .orderBy(users.displayName);
}
