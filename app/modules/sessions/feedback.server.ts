import { and, desc, eq, lt, or } from "drizzle-orm";
import { feedbackItems, type FeedbackItem } from "#db/schema";
import type { Database } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import type { AppLocale } from "~/lib/i18n";
import { hitRateLimit } from "~/lib/rate-limit.server";
import { notify } from "~/modules/notifications/notify.server";

import { type FeedbackCategory, type FeedbackStatus } from "./words";

/** Five a quarter hour per sender (a visitor's IP or a member's id): plenty for people, a wall for scripts. */
export const FEEDBACK_LIMIT = { limit: 5, windowSeconds: 900 };

/** Stores feedback from a member or a visitor, counted against the sender's rate limit first. */
export async function submitFeedback(
  db: Database,
  sender: { userId: string | null; rateKey: string; locale: AppLocale },
  input: { category: FeedbackCategory; message: string; contact?: string | undefined },
): Promise<{ id: string }> {
  const [limit] = await hitRateLimit(db, [`feedback:${sender.rateKey}`], FEEDBACK_LIMIT);
  if (limit?.limited)
    throw new DomainError("rate-limited", "sessions:errors.feedbackLimited", { retryAfterSeconds: limit.retryAfterSeconds });
  const [row] = await db
    .insert(feedbackItems)
    .values({
      userId: sender.userId,
      category: input.category,
      message: input.message,
      contact: input.contact || null,
      locale: sender.locale,
    })
    .returning({ id: feedbackItems.id });
  return row!;
}

export type FeedbackFilter = { status?: FeedbackStatus; category?: FeedbackCategory; before?: { createdAt: Date; id: string } | null };
export const FEEDBACK_PAGE_SIZE = 30;

/** Newest first, keyset-paginated by (created_at, id). */
export async function feedbackPage(db: Database, filter: FeedbackFilter): Promise<{ items: FeedbackItem[]; next: FeedbackItem | null }> {
  const rows = await db
    .select()
    .from(feedbackItems)
    .where(
      and(
        filter.status ? eq(feedbackItems.status, filter.status) : undefined,
        filter.category ? eq(feedbackItems.category, filter.category) : undefined,
        filter.before
          ? or(
              lt(feedbackItems.createdAt, filter.before.createdAt),
              and(eq(feedbackItems.createdAt, filter.before.createdAt), lt(feedbackItems.id, filter.before.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(feedbackItems.createdAt), desc(feedbackItems.id))
    .limit(FEEDBACK_PAGE_SIZE + 1);
  return { items: rows.slice(0, FEEDBACK_PAGE_SIZE), next: rows.length > FEEDBACK_PAGE_SIZE ? rows[FEEDBACK_PAGE_SIZE - 1]! : null };
}

/**
 * An admin answers feedback (delivered to the member as a notification; a visitor's answer goes to
 * the contact they left, by hand) or changes its status.
 */
export async function respondToFeedback(
  db: Database,
  adminId: string,
  feedbackId: string,
  input: { response?: string | undefined; status: FeedbackStatus },
): Promise<void> {
  await db.transaction(async (tx) => {
    const response = input.response?.trim() || null;
    const [item] = await tx
      .update(feedbackItems)
      .set({
        status: response && input.status === "new" ? "answered" : input.status,
        ...(response ? { response, respondedBy: adminId, respondedAt: new Date() } : {}),
      })
      .where(eq(feedbackItems.id, feedbackId))
      .returning();
    if (!item) throw new DomainError("not-found", "errors:notFound.title");
    if (response && item.userId) {
      await notify(tx, {
        userId: item.userId,
        kind: "sessions",
        messageKey: "notifications:sessions.feedbackAnswered",
        values: { response: response.slice(0, 400) },
        href: "/app/feedback",
        // The same answer saved twice notifies once; a new answer notifies again.
        dedupeKey: `feedback:${item.id}:${hash(response)}`,
      });
    }
  });
}

function hash(text: string): string {
  let h = 0;
  for (const ch of text) h = (Math.imul(h, 31) + ch.codePointAt(0)!) | 0;
  return (h >>> 0).toString(36);
}

/** A member's own feedback with the answers. */
export async function memberFeedback(db: Database, userId: string) {
  return db.select().from(feedbackItems).where(eq(feedbackItems.userId, userId)).orderBy(desc(feedbackItems.createdAt)).limit(20);
}
